//! Subscriptions paid by a saved card: register the card (`saved_token_id`), create a monthly
//! subscription on it, then get, disable, enable, update and cancel it.
//! Mirrors the official Python client's `examples/subscription/credit_card_subscription_example.py`
//! and `subscription_example.py`.
//!
//! ```sh
//! cargo run --example subscription_credit_card
//! ```
//!
//! With no `MIDTRANS_SERVER_KEY` it runs against the built-in simulator on 127.0.0.1. With
//! `MIDTRANS_SERVER_KEY` and `MIDTRANS_CLIENT_KEY` set every step runs on the real sandbox
//! (card register authenticates with the client key). In production the `saved_token_id` usually
//! comes from a first 3DS card charge made with `save_token_id: true`.

mod common;

use common::{expiry_year, manage_subscription, or_dash, print_subscription, Example, Result};
use midtrans::types::card::CardRegisterRequest;
use midtrans::types::subscription::{IntervalUnit, Schedule, SubscriptionRequest};
use midtrans::types::{CustomerDetails, Idr, Metadata};

#[tokio::main]
async fn main() -> Result<()> {
    let example = Example::start("Subscription paid by a saved card").await?;
    example.require_client_key()?;
    let core = example.client.core();

    example.step("Register the card (client key): sandbox card 4811 1111 1111 1114");
    let registered = core
        .card_register(CardRegisterRequest::new(
            "4811111111111114",
            "12",
            expiry_year()?,
        ))
        .send()
        .await?;
    let saved = registered
        .saved_token_id
        .ok_or("the card register answer has no saved_token_id")?;
    println!(
        "   saved_token_id {saved} (card {})",
        or_dash(registered.masked_card.as_ref())
    );

    example.step("Create a subscription: IDR 100000 every month, 12 times");
    let name = common::order_id("SUBS-RS-CARD")?;
    let mut metadata = Metadata::new();
    metadata.insert("description".into(), "Recurring payment for A".into());
    let request = SubscriptionRequest::credit_card(
        name.as_str(),
        Idr::new(100_000),
        &saved,
        Schedule::new(1, IntervalUnit::Month).max_interval(12u32),
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
    let created = core
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
