//! A whole payment, start to finish: `cargo run --example quickstart`.
//!
//! With no `MIDTRANS_SERVER_KEY` it starts the built-in Midtrans simulator on 127.0.0.1 (no keys,
//! no network) and runs: Snap token and redirect URL → BCA virtual-account charge → status →
//! simulated payment → this program's own webhook receives and verifies the signed
//! notification → refund → final status.
//!
//! With `MIDTRANS_SERVER_KEY` (and optionally `MIDTRANS_CLIENT_KEY`) set, it talks to the real
//! sandbox instead and stops after the status call: paying needs Midtrans's simulator page and
//! notifications need a public URL.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use midtrans::types::charge::{BankTransfer, ChargeRequest};
use midtrans::types::snap::SnapRequest;
use midtrans::types::{
    CustomerDetails, Idr, ItemDetails, RefundRequest, TransactionDetails, TransactionStatus,
};
use midtrans::{Client, Environment, VerifiedNotification};
use midtrans_mock::{MockConfig, MockServer};
use tokio::sync::mpsc;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The merchant's webhook: verifies each notification's signature before trusting it.
async fn webhook(
    State((client, verified)): State<(Client, mpsc::UnboundedSender<VerifiedNotification>)>,
    body: Bytes,
) -> StatusCode {
    match client.transactions().notification(&body) {
        Ok(notification) => {
            let _ = verified.send(notification);
            StatusCode::OK
        }
        Err(error) => {
            println!("   webhook: rejected a notification: {error}");
            StatusCode::BAD_REQUEST
        }
    }
}

/// A status as Midtrans spells it, or `-`.
fn show(status: Option<&TransactionStatus>) -> &str {
    status.map_or("-", TransactionStatus::as_str)
}

fn step(n: u32, text: &str) {
    println!("\n{n}. {text}");
}

#[tokio::main]
async fn main() -> Result<()> {
    let sandbox_key = std::env::var("MIDTRANS_SERVER_KEY")
        .ok()
        .filter(|k| !k.is_empty());
    let order_id = format!(
        "quickstart-{}",
        SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis()
    );

    // The webhook listens first, so the simulator can be told where to send notifications.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let webhook_url = format!("http://{}/midtrans/notification", listener.local_addr()?);

    let (client, mock) = match &sandbox_key {
        Some(key) => {
            println!("midtrans-rs quickstart — Midtrans sandbox (MIDTRANS_SERVER_KEY is set)");
            let mut builder = Client::builder()
                .environment(Environment::Sandbox)
                .server_key(key);
            if let Ok(client_key) = std::env::var("MIDTRANS_CLIENT_KEY") {
                builder = builder.client_key(client_key);
            }
            (builder.build()?, None)
        }
        None => {
            let config = MockConfig::default()
                .server_key("SB-Mid-server-QUICKSTART")
                .notification_url(&webhook_url);
            let mock = MockServer::start(config).await?;
            println!(
                "midtrans-rs quickstart — built-in Midtrans simulator at {}",
                mock.core_url()
            );
            let client = Client::builder()
                .environment(Environment::custom(mock.core_url(), mock.snap_url())?)
                .server_key("SB-Mid-server-QUICKSTART")
                .build()?;
            (client, Some(mock))
        }
    };

    let (verified_tx, mut verified) = mpsc::unbounded_channel();
    let app = axum::Router::new()
        .route("/midtrans/notification", axum::routing::post(webhook))
        .with_state((client.clone(), verified_tx));
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });

    step(1, "Snap: a payment page for the order");
    let snap = SnapRequest::builder(TransactionDetails::new(
        format!("{order_id}-snap"),
        Idr::new(44_000),
    ))
    .customer_details(
        CustomerDetails::new()
            .first_name("Budi")
            .email("budi@example.com"),
    )
    .build()?;
    let page = client.snap().create_transaction(&snap).send().await?;
    println!("   token        {}", page.token);
    println!("   redirect_url {}", page.redirect_url);

    step(2, "Core API: charge by BCA virtual account");
    let charge = ChargeRequest::builder(
        TransactionDetails::new(order_id.as_str(), Idr::new(44_000)),
        BankTransfer::bca(),
    )
    .item(ItemDetails::new("Ayam Zozozo", Idr::new(21_000), 1).id("item01"))
    .item(ItemDetails::new("Ayam Xoxoxo", Idr::new(23_000), 1).id("item02"))
    .build()?;
    let charged = client
        .core()
        .charge(&charge)
        .idempotency_key(format!("charge-{order_id}"))
        .send()
        .await?;
    let va = charged
        .va_numbers
        .as_deref()
        .and_then(|numbers| numbers.first())
        .map(|va| va.va_number.clone())
        .unwrap_or_default();
    println!(
        "   order {order_id} is {}: pay IDR 44000 to BCA VA {va}",
        show(charged.transaction_status.as_ref())
    );

    step(3, "Status");
    let status = client.transactions().status(&order_id).send().await?;
    println!(
        "   transaction_status = {}",
        show(status.transaction_status.as_ref())
    );

    let Some(mock) = mock else {
        println!("\nSandbox run ends here: pay the VA on Midtrans's simulator to continue. Done.");
        return Ok(());
    };

    step(4, "The customer pays (simulated)");
    mock.pay(&order_id)?;
    println!("   paid");

    step(
        5,
        "Our webhook receives the signed notification and verifies it",
    );
    let settled = loop {
        let notification = tokio::time::timeout(Duration::from_secs(10), verified.recv())
            .await
            .map_err(|_| "no settlement notification within 10 s")?
            .ok_or("webhook stopped")?;
        println!(
            "   verified notification: order {} is {} (signature ok)",
            notification.order_id(),
            notification.transaction_status()
        );
        if *notification.transaction_status() == TransactionStatus::Settlement {
            break notification;
        }
    };
    println!("   paid: {} ({:?})", settled.is_paid(), settled.outcome());

    step(6, "Refund part of it");
    let refund = RefundRequest::builder()
        .refund_key(format!("{order_id}-r1"))
        .amount(Idr::new(21_000))
        .reason("Ayam Zozozo out of stock")
        .build()?;
    let refunded = client
        .transactions()
        .refund(&order_id, &refund)
        .send()
        .await?;
    println!(
        "   refunded IDR {} → {}",
        refunded
            .refund_amount
            .as_ref()
            .map(|a| a.as_str())
            .unwrap_or_default(),
        show(refunded.transaction_status.as_ref())
    );

    step(7, "Final status");
    let last = client.transactions().status(&order_id).send().await?;
    println!(
        "   transaction_status = {}, refunds = {}",
        show(last.transaction_status.as_ref()),
        last.refunds.as_ref().map_or(0, Vec::len)
    );

    mock.shutdown().await;
    println!("\nDone.");
    Ok(())
}
