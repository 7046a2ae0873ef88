//! Handling Midtrans's HTTP notifications (webhooks): a small axum endpoint that reads the raw
//! body, verifies `signature_key` locally, rejects forged bodies, and confirms the status with
//! Midtrans before acting on it. Mirrors the official Python client's
//! `examples/transaction_actions/notification_example.py` and the notification handler of its
//! Flask app.
//!
//! ```sh
//! cargo run --example notification_handling
//! ```
//!
//! With no `MIDTRANS_SERVER_KEY` it runs against the built-in simulator on 127.0.0.1, whose
//! notification URL is this program's webhook: the simulator sends real signed notifications
//! when the order is created and when it is paid. With `MIDTRANS_SERVER_KEY` set the charge
//! and status calls go to the real sandbox, which cannot reach a webhook on 127.0.0.1: the
//! example delivers the sandbox's own signed status answer (same shape and signature as a
//! notification) to its webhook instead, and skips the payment.

mod common;

use std::time::Duration;

use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use common::{describe, http, or_dash, skipped, Example, Result};
use midtrans::types::charge::{BankTransfer, ChargeRequest};
use midtrans::types::{Idr, PaymentOutcome, StatusResponse, TransactionDetails};
use midtrans::{Client, VerifiedNotification};
use tokio::sync::mpsc;

/// What the webhook accepted: the notification (and as JSON, to forge copies of), the
/// confirmed status.
struct Received {
    raw: Vec<u8>,
    notification: VerifiedNotification,
    confirmed: StatusResponse,
}

/// The webhook's state: the client the notification extractor verifies with, and where
/// accepted notifications go.
#[derive(Clone)]
struct Shared {
    client: Client,
    accepted: mpsc::UnboundedSender<Received>,
}

impl FromRef<Shared> for Client {
    fn from_ref(shared: &Shared) -> Client {
        shared.client.clone()
    }
}

/// What the shop does with an order in this state: Midtrans's decision table, as
/// `Transaction::outcome` gives it.
fn decide(tx: &StatusResponse) -> &'static str {
    match tx.outcome() {
        PaymentOutcome::Paid => "paid: ship the order",
        PaymentOutcome::Review => "hold for review",
        PaymentOutcome::Failed => "failed: release the stock",
        PaymentOutcome::Pending => "waiting for payment",
        _ => "nothing to do",
    }
}

/// `POST /midtrans/notification`. The extractor read the raw body and verified its signature
/// with the client's keys: a forged body was answered 401, a malformed one 400, before this
/// runs. Then confirm, act. Any answer but 2xx makes Midtrans retry.
async fn webhook(State(shared): State<Shared>, notification: VerifiedNotification) -> StatusCode {
    // The signature covers order_id, status_code and gross_amount only: ask Midtrans for the
    // current status of the signed order before acting on it. (A handler that reads the body
    // itself gets both steps from `transactions().notification_status(&body)`.)
    let order_id = notification.order_id();
    let confirmed = match shared.client.transactions().status(order_id.as_str()).await {
        Ok(status) if status.order_id.as_ref() == Some(order_id) => status,
        Ok(_) => {
            println!("   webhook: 500, the status answer is about another order");
            return StatusCode::INTERNAL_SERVER_ERROR;
        }
        Err(error) => {
            println!("   webhook: 500, could not confirm the status: {error}");
            return StatusCode::INTERNAL_SERVER_ERROR;
        }
    };
    println!(
        "   webhook: 200, signature ok for {order_id}: notified {}, confirmed {} → {}",
        notification.transaction_status(),
        or_dash(confirmed.transaction_status.as_ref()),
        decide(&confirmed)
    );
    let raw = serde_json::to_vec(notification.notification()).unwrap_or_default();
    let _ = shared.accepted.send(Received {
        raw,
        notification,
        confirmed,
    });
    StatusCode::OK
}

/// The next notification the webhook accepted.
async fn next(accepted: &mut mpsc::UnboundedReceiver<Received>) -> Result<Received> {
    tokio::time::timeout(Duration::from_secs(10), accepted.recv())
        .await
        .map_err(|_| "no notification accepted within 10 s")?
        .ok_or_else(|| "the webhook stopped".into())
}

/// Posts a body to the webhook as Midtrans would, answering the HTTP status.
async fn deliver(webhook_url: &str, body: &[u8]) -> Result<u16> {
    Ok(http("POST", webhook_url, Some("application/json"), body)
        .await?
        .0)
}

/// A copy of a notification body with one field changed.
fn forged(raw: &[u8], field: &str, value: &str) -> Result<Vec<u8>> {
    let mut json: serde_json::Value = serde_json::from_slice(raw)?;
    json.as_object_mut()
        .ok_or("a notification is a JSON object")?
        .insert(field.to_owned(), value.into());
    Ok(serde_json::to_vec(&json)?)
}

#[tokio::main]
async fn main() -> Result<()> {
    // The webhook listens first, so the simulator can be told where to send notifications.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let webhook_url = format!("http://{}/midtrans/notification", listener.local_addr()?);
    let example = Example::start_with("Notification handling", |config| {
        config.notification_url(&webhook_url)
    })
    .await?;
    let client = &example.client;

    let (accepted_tx, mut accepted) = mpsc::unbounded_channel();
    let app = axum::Router::new()
        .route("/midtrans/notification", axum::routing::post(webhook))
        .with_state(Shared {
            client: client.clone(),
            accepted: accepted_tx,
        });
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    println!("webhook listening at {webhook_url}");

    example.step("Charge a BCA virtual account");
    let order_id = common::order_id("notify")?;
    let request = ChargeRequest::builder(
        TransactionDetails::new(order_id.as_str(), Idr::new(50_000)),
        BankTransfer::bca(),
    )
    .build()?;
    let charged = client.core().charge(&request).send().await?;
    println!("   {order_id}: {}", describe(&charged));

    example.step("A genuine notification arrives and is verified");
    if example.mock().is_none() {
        println!(
            "   sandbox: Midtrans cannot reach 127.0.0.1; delivering its signed status answer"
        );
        let signed = client.transactions().status(&order_id).send_value().await?;
        let status = deliver(&webhook_url, &serde_json::to_vec(&signed)?).await?;
        if status != 200 {
            return Err(
                format!("the webhook refused the sandbox's signed answer: {status}").into(),
            );
        }
    }
    let genuine = next(&mut accepted).await?;
    println!(
        "   signature_key {}…",
        genuine
            .notification
            .signature_key
            .as_deref()
            .and_then(|key| key.get(..16))
            .unwrap_or("-")
    );

    example.step("A forged copy with another gross_amount is rejected");
    let forged_amount = forged(&genuine.raw, "gross_amount", "1.00")?;
    let status = deliver(&webhook_url, &forged_amount).await?;
    if status != 401 {
        return Err(format!("the forged notification got HTTP {status}, not 401").into());
    }
    let server_key = client.config().server_key;
    match midtrans::notification::verify(&forged_amount, &[&server_key]) {
        Err(error) => println!("   midtrans::notification::verify says the same: {error}"),
        Ok(_) => return Err("midtrans::notification::verify accepted a forged body".into()),
    }

    example.step("A forged transaction_status passes the signature, not the status check");
    let forged_status = forged(&genuine.raw, "transaction_status", "settlement")?;
    deliver(&webhook_url, &forged_status).await?;
    let checked = next(&mut accepted).await?;
    println!(
        "   the body claimed {}, Midtrans says {}: acted on the latter",
        checked.notification.transaction_status(),
        or_dash(checked.confirmed.transaction_status.as_ref())
    );
    if checked.confirmed.is_paid() {
        return Err("an unpaid order was confirmed as paid".into());
    }

    example.step("The customer pays: the settlement notification");
    match example.mock() {
        Some(mock) => {
            mock.pay(&order_id)?;
            let paid = loop {
                let received = next(&mut accepted).await?;
                if received.confirmed.is_paid() {
                    break received;
                }
            };
            println!(
                "   paid: {} ({})",
                paid.confirmed.is_paid(),
                describe(&paid.confirmed)
            );
        }
        None => skipped("paying needs Midtrans's sandbox payment simulator page"),
    }

    example.finish().await;
    Ok(())
}
