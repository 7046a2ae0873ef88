//! Invoicing: issue an invoice paid into a BCA virtual account (taxes on top), the customer
//! pays, the payment's notification is verified, the invoice reads paid; then a quotation is
//! accepted and converted into an invoice.
//!
//! ```sh
//! cargo run --example invoicing
//! ```

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::routing::post;
use axum::Router;
use common::{order_id, skipped, Example, Result};
use midtrans::types::invoice::{
    ConvertQuotation, InvoiceCustomer, InvoiceItem, InvoiceRequest, InvoiceStatus, InvoiceVa, Tax,
    TaxMode, VaBank,
};
use midtrans::types::{PaymentOutcome, RequestTime};
use midtrans::VerifiedNotification;

/// `days` from now.
fn in_days(days: i64) -> RequestTime {
    RequestTime::new((chrono::Utc::now() + chrono::Duration::days(days)).fixed_offset())
}

#[tokio::main]
async fn main() -> Result<()> {
    // The merchant's notification endpoint: an invoice is paid by an ordinary payment.
    let paid: Arc<Mutex<Vec<String>>> = Arc::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/notification", listener.local_addr()?);
    let example = Example::start_with("Invoicing", |config| config.notification_url(url)).await?;
    let seen = Arc::clone(&paid);
    let app = Router::new()
        .route(
            "/notification",
            post(move |notification: VerifiedNotification| async move {
                println!(
                    "   notification verified: {} {:?}",
                    notification.order_id().as_str(),
                    notification.outcome()
                );
                if notification.outcome() == PaymentOutcome::Paid {
                    let order = notification.order_id().as_str().to_owned();
                    seen.lock().map(|mut list| list.push(order)).ok();
                }
                "ok"
            }),
        )
        .with_state(example.client.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    let invoices = example.client.invoices();

    let order = order_id("inv")?;
    example.step(&format!(
        "issue an invoice into a BCA virtual account ({order})"
    ));
    let invoice = InvoiceRequest::virtual_accounts(
        order.as_str(),
        "INV/2026/0042",
        in_days(0),
        in_days(14),
        InvoiceCustomer::new("PT Maju Jaya").email("finance@majujaya.example"),
        [
            InvoiceItem::new("Consulting hour", 12, 1_500_000).item_id("CONS-H"),
            InvoiceItem::new("Travel", 1, 750_000),
        ],
        [InvoiceVa::new(VaBank::BcaVa)],
    )
    .taxes(TaxMode::Exclusive, [Tax::percentage("PPN", 11.into())])
    .notes("Payment within 14 days, thank you.")
    .build()?;
    // An X-Idempotency-Key is generated for the call and reused if it is retried.
    let created = invoices.create(&invoice).await?;
    println!(
        "   {} is {}: {} IDR into {}",
        created.id,
        created.status,
        created.gross_amount.unwrap_or_default(),
        created
            .virtual_accounts
            .first()
            .and_then(|va| va.number.as_deref())
            .unwrap_or("-")
    );

    example.step("the customer pays into the virtual account (the simulator's control API)");
    if example.control(&format!("{order}-bca_va"), "pay").await? {
        for _ in 0..100 {
            if !paid.lock().map(|l| l.is_empty()).unwrap_or(true) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        if paid.lock().map(|l| l.is_empty()).unwrap_or(true) {
            return Err("the payment was not notified".into());
        }
        let read = invoices.get(&created.id).await?;
        println!(
            "   the invoice is {} (paid {:?})",
            read.status, read.paid_date
        );
        if read.status != InvoiceStatus::Paid {
            return Err("the invoice is not paid".into());
        }
    }

    example.step("a quotation, accepted and converted into an invoice");
    let quotation = InvoiceRequest::virtual_accounts(
        order_id("quo")?.as_str(),
        "QUO/2026/0007",
        in_days(0),
        in_days(30),
        InvoiceCustomer::new("Budi"),
        [InvoiceItem::new("Website", 1, 25_000_000)],
        [InvoiceVa::new(VaBank::BniVa)],
    )
    .quotation(in_days(0), in_days(7))
    .no_tax()
    .build()?;
    let quoted = invoices.create(&quotation).await?;
    println!("   {} is {}", quoted.id, quoted.status);
    if example.mock().is_none() {
        skipped("converting needs the customer's acceptance first");
    } else {
        let converted = invoices
            .convert(&quoted.id, &ConvertQuotation::new())
            .await?;
        println!(
            "   converted: {} (created as {:?}), pay into {:?}",
            converted.status,
            converted.created_as,
            converted
                .virtual_accounts
                .first()
                .and_then(|va| va.number.as_deref())
        );
    }
    example.finish().await;
    Ok(())
}
