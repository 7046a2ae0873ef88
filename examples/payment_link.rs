//! Payment Link: create a link that takes two payments, two customers pay through it (each a
//! transaction of its own, notified and verified), the third is refused, then read the link's
//! usage and delete it.
//!
//! ```sh
//! cargo run --example payment_link
//! ```

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::routing::post;
use axum::Router;
use common::{order_id, skipped, Example, Result};
use midtrans::types::payment_link::{link_order_id, PaymentLinkRequest};
use midtrans::types::{EnabledPayment, ExpiryUnit, Idr, ItemDetails, PaymentOutcome};
use midtrans::VerifiedNotification;

#[tokio::main]
async fn main() -> Result<()> {
    // The merchant's notification endpoint: each payment through the link arrives under its
    // own order id, which maps back to the link.
    let paid: Arc<Mutex<Vec<String>>> = Arc::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/notification", listener.local_addr()?);
    let example =
        Example::start_with("Payment Link", |config| config.notification_url(url)).await?;
    let seen = Arc::clone(&paid);
    let app = Router::new()
        .route(
            "/notification",
            post(move |notification: VerifiedNotification| async move {
                let order = notification.order_id().as_str().to_owned();
                let link = link_order_id(&order).unwrap_or("-").to_owned();
                println!(
                    "   notification verified: {order} ({:?}) for link {link}",
                    notification.outcome()
                );
                if notification.outcome() == PaymentOutcome::Paid {
                    seen.lock().map(|mut list| list.push(order)).ok();
                }
                "ok"
            }),
        )
        .with_state(example.client.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });

    let link_order = order_id("workshop")?;
    example.step(&format!(
        "create a link for two workshop seats at 75,000 IDR ({link_order})"
    ));
    let request = PaymentLinkRequest::fixed(link_order.as_str(), Idr::new(75_000), 2)
        .title("Rust workshop seat")
        .item(ItemDetails::new("Workshop seat", Idr::new(75_000), 1).id("seat"))
        .enabled_payments([
            EnabledPayment::BcaVa,
            EnabledPayment::Gopay,
            EnabledPayment::OtherQris,
        ])
        .expires_after(7, ExpiryUnit::Day)
        .build()?;
    let created = example.client.payment_links().create(&request).await?;
    println!("   share {}", created.payment_url);
    println!(
        "   its id (unguessable, drawn by the client): {}",
        created.payment_link_id().unwrap_or("-")
    );

    example.step("two customers pay through it (the simulator's control API)");
    let Some(mock) = example.mock() else {
        skipped("customers pay on the link's page in the sandbox");
        example.finish().await;
        return Ok(());
    };
    for _ in 0..2 {
        let order = mock.pay_payment_link(&link_order)?;
        println!("   paid as {order}");
    }
    for _ in 0..100 {
        if paid.lock().map(|l| l.len()).unwrap_or(0) >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    if paid.lock().map(|l| l.len()).unwrap_or(0) < 2 {
        return Err("the two payments were not notified".into());
    }

    example.step("a third customer: the link is used up");
    match mock.pay_payment_link(&link_order) {
        Err(refused) => println!("   refused: {refused}"),
        Ok(order) => return Err(format!("a third payment went through: {order}").into()),
    }

    example.step("read the link, then delete it");
    let link = example.client.payment_links().get(&link_order).await?;
    println!(
        "   {} of {} used; purchases: {}",
        link.usage.unwrap_or(0),
        link.usage_limit.unwrap_or(0),
        link.purchases.len()
    );
    let deleted = example.client.payment_links().delete(&link_order).await?;
    println!("   {}", deleted.message);
    example.finish().await;
    Ok(())
}
