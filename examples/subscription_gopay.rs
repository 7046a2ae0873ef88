//! Subscriptions paid by GoPay: link the customer's GoPay account, take the token of its GoPay
//! wallet payment option, create a daily subscription on it, then get, disable, enable, update
//! and cancel it. Mirrors the official Python client's
//! `examples/subscription/gopay_subscription_example.py`.
//!
//! ```sh
//! cargo run --example subscription_gopay
//! ```
//!
//! With no `MIDTRANS_SERVER_KEY` it runs against the built-in simulator on 127.0.0.1, which
//! simulates the customer confirming the account link. Against the real sandbox
//! (`MIDTRANS_SERVER_KEY` set) the customer has to confirm the link on GoPay's page first: the
//! example prints the activation link and stops; re-run it with `MIDTRANS_GOPAY_ACCOUNT_ID` set
//! to the enabled account to create the subscription.

mod common;

use common::{linked_gopay, manage_subscription, print_subscription, Example, Result};
use midtrans::types::subscription::{IntervalUnit, Schedule, SubscriptionRequest};
use midtrans::types::{CustomerDetails, Idr, Metadata};

#[tokio::main]
async fn main() -> Result<()> {
    let example = Example::start("Subscription paid by GoPay").await?;

    let gopay = linked_gopay(&example).await?;
    let Some(token) = gopay.token else {
        println!("\nNo enabled GoPay account yet: the subscription steps are skipped.");
        example.finish().await;
        return Ok(());
    };

    example.step("Create a GoPay subscription: IDR 100000 every day, 7 times");
    let name = common::order_id("SUBS-RS-GOPAY")?;
    let mut metadata = Metadata::new();
    metadata.insert("description".into(), "Recurring payment for A".into());
    let request = SubscriptionRequest::gopay(
        name.as_str(),
        Idr::new(100_000),
        token.as_str(),
        gopay.account_id,
        Schedule::new(1, IntervalUnit::Day).max_interval(7u32),
    )
    .metadata(metadata)
    .customer_details(
        CustomerDetails::new()
            .first_name("John A")
            .last_name("Doe A")
            .email("johndoe@example.com")
            .phone("+62812345678"),
    )
    .build()?;
    let created = example
        .client
        .core()
        .create_subscription(&request)
        .idempotency_key(format!("create-{name}"))
        .send()
        .await?;
    print_subscription(&created);
    let id = created
        .id
        .ok_or("the create answer has no subscription id")?;

    manage_subscription(&example, id.as_str(), &format!("{name}-UPD")).await?;

    example.finish().await;
    Ok(())
}
