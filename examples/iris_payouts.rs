//! Iris payouts: save a beneficiary, create a payout of two items with the creator key, approve
//! it with the approver key and the OTP, let the bank complete it, verify each signed
//! notification in the merchant's handler, and read the payouts and the balance again.
//!
//! ```sh
//! cargo run --example iris_payouts
//! ```
//!
//! Against the Iris sandbox: set `MIDTRANS_SERVER_KEY`, `MIDTRANS_IRIS_CREATOR_KEY`,
//! `MIDTRANS_IRIS_APPROVER_KEY`, `MIDTRANS_IRIS_MERCHANT_KEY` and `MIDTRANS_IRIS_OTP`.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::routing::post;
use axum::Router;
use common::{env, order_id, skipped, Example, Result};
use midtrans::iris::VerifiedIrisNotification;
use midtrans::types::iris::{
    ApprovePayouts, Beneficiary, IrisNotification, PayoutItem, PayoutRequest, PayoutStatus,
};
use midtrans::types::Idr;

#[tokio::main]
async fn main() -> Result<()> {
    // The merchant's Iris notification endpoint: the extractor checks Iris-Signature (SHA-512
    // of the raw body and the merchant key) before the handler sees the body.
    let received: Arc<Mutex<Vec<IrisNotification>>> = Arc::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/iris/notification", listener.local_addr()?);
    let example = Example::start_iris("Iris payouts", url).await?;
    let seen = Arc::clone(&received);
    let app = Router::new()
        .route(
            "/iris/notification",
            post(move |notification: VerifiedIrisNotification| async move {
                if let IrisNotification::Payout(payout) = &*notification {
                    println!(
                        "   notification verified: {} is {}",
                        payout.reference_no, payout.status
                    );
                }
                seen.lock()
                    .map(|mut list| list.push(notification.into_inner()))
                    .ok();
                "ok"
            }),
        )
        .with_state(example.client.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    let creator = example.client.iris().creator();
    let approver = example.client.iris().approver();

    example.step("ping Iris, read the balance");
    println!("   {}", creator.ping().await?);
    let before = approver.balance().await?.balance;
    println!("   balance: {before} IDR");

    // An alias is unique per merchant: one per run.
    let run = order_id("run")?;
    let suffix = run.get(run.len().saturating_sub(8)..).unwrap_or("0");
    let budi = Beneficiary::builder("Budi Utomo", "bca", "0611101146", format!("budi{suffix}"))
        .email("budi@example.com")
        .build()?;
    let siti = Beneficiary::gopay("Siti Rahma", "081234567890", format!("siti{suffix}")).build()?;
    example.step("save two beneficiaries (a BCA account and a GoPay wallet)");
    for beneficiary in [&budi, &siti] {
        let saved = creator.create_beneficiary(beneficiary).await?;
        println!(
            "   {} ({}): {}",
            beneficiary.alias_name, beneficiary.bank, saved.status
        );
    }

    example.step("create one payout request of two items (creator key, X-Idempotency-Key)");
    let request = PayoutRequest::builder([
        PayoutItem::to(&budi, Idr::new(150_000), "November commission"),
        PayoutItem::to(&siti, Idr::new(25_000), "November tips"),
    ])
    .build()?;
    let created = creator.create_payouts(&request).await?;
    let references: Vec<String> = created
        .payouts
        .iter()
        .map(|p| p.reference_no.clone())
        .collect();
    for payout in &created.payouts {
        println!("   {}: {}", payout.reference_no, payout.status);
    }

    example.step("approve both (approver key and OTP)");
    let otp = env("MIDTRANS_IRIS_OTP").unwrap_or_else(|| midtrans_mock::iris::OTP.to_owned());
    let approved = approver
        .approve_payouts(ApprovePayouts::new(&references, otp))
        .await?;
    println!("   {}", approved.status);

    example.step("the bank completes them (the simulator's control API)");
    match example.mock() {
        Some(mock) => {
            for reference in &references {
                mock.complete_payout(reference)?;
            }
        }
        None => skipped("the sandbox's bank decides by itself"),
    }
    if example.mock().is_some() {
        let completed = |list: &Vec<IrisNotification>| {
            list.iter()
                .filter(|n| {
                    matches!(n, IrisNotification::Payout(p) if p.status == PayoutStatus::Completed)
                })
                .count()
        };
        for _ in 0..100 {
            if received.lock().map(|l| completed(&l)).unwrap_or(0) >= references.len() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        if received.lock().map(|l| completed(&l)).unwrap_or(0) < references.len() {
            return Err("not every completion was notified".into());
        }
    }

    example.step("read the payouts and the balance again");
    for reference in &references {
        let payout = creator.payout(reference).await?;
        println!(
            "   {reference}: {} to {} ({})",
            payout.status.as_ref().map_or("-", |s| s.as_str()),
            payout.beneficiary_name.as_deref().unwrap_or("-"),
            payout.amount.as_ref().map_or("-", |a| a.as_str()),
        );
        if example.mock().is_some() && payout.status != Some(PayoutStatus::Completed) {
            return Err(format!("{reference} is not completed").into());
        }
    }
    let after = approver.balance().await?.balance;
    println!("   balance: {after} IDR");
    example.finish().await;
    Ok(())
}
