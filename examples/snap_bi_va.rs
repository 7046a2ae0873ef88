//! SNAP-BI virtual account: create a BCA VA, check it is pending, the customer pays, the
//! signed notification is verified by the merchant's handler, and the status says paid.
//!
//! ```sh
//! cargo run --example snap_bi_va
//! ```

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::routing::post;
use axum::{Json, Router};
use common::{order_id, Example, Result};
use midtrans::snap_bi::SnapBiNotification;
use midtrans::types::snap_bi::{Money, VaCreateRequest, VaNotification, VaStatusRequest};
use midtrans::types::Idr;

#[tokio::main]
async fn main() -> Result<()> {
    // The merchant's notification endpoint: the extractor verifies X-SIGNATURE with Midtrans's
    // public key over the bytes received, then hands over the typed body.
    let received: Arc<Mutex<Vec<VaNotification>>> = Arc::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let prefix = format!("http://{}/snap-bi", listener.local_addr()?);
    let example = Example::start_snap_bi("SNAP-BI virtual account", Some(prefix)).await?;
    let seen = Arc::clone(&received);
    let app = Router::new()
        .route(
            "/snap-bi/v1.0/transfer-va/payment",
            post(move |notification: SnapBiNotification<VaNotification>| async move {
                println!("   notification verified: {:?}", notification.outcome());
                seen.lock().map(|mut list| list.push(notification.into_inner())).ok();
                Json(serde_json::json!({"responseCode": "2002500", "responseMessage": "Success"}))
            }),
        )
        .with_state(example.client.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });

    let trx_id = order_id("va")?;
    example.step(&format!(
        "create a BCA virtual account for 15,000 IDR ({trx_id})"
    ));
    let request = VaCreateRequest::new("1234", "0000000000", &trx_id, Money::idr(Idr::new(15_000)))
        .virtual_account_name("Budi Utomo")
        .bank("M001234", "bca")
        .random_number(true);
    let created = example.client.snap_bi().va_create(&request).await?;
    let account = created
        .virtual_account_data
        .ok_or("the answer has no virtualAccountData")?;
    println!(
        "   {}: pay into {:?}",
        created.response_code,
        account.virtual_account_no.as_deref().unwrap_or_default()
    );

    let status = VaStatusRequest::of(&account, "M001234");
    example.step("status before paying");
    let before = example.client.snap_bi().va_status(&status).await?;
    println!("   {:?}", before.outcome());

    example.step("the customer pays (the simulator's control API)");
    if example.control(&trx_id, "pay").await? {
        for _ in 0..100 {
            if !received.lock().map(|l| l.is_empty()).unwrap_or(true) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        if received.lock().map(|l| l.is_empty()).unwrap_or(true) {
            return Err("no verified notification arrived".into());
        }
        example.step("status after paying");
        let after = example.client.snap_bi().va_status(&status).await?;
        println!("   {:?}", after.outcome());
        if after.outcome() != midtrans::types::PaymentOutcome::Paid {
            return Err("the account is not paid".into());
        }
    }
    example.finish().await;
    Ok(())
}
