//! Snap, minimal: a token for Snap.js and the redirect URL of the hosted payment page.
//! Mirrors the official Python client's `examples/snap/snap_simple_example.py`.
//!
//! ```sh
//! cargo run --example snap_simple
//! ```
//!
//! With no `MIDTRANS_SERVER_KEY` it runs against the built-in simulator on 127.0.0.1; with
//! `MIDTRANS_SERVER_KEY` set it creates the transaction on the real sandbox. Nothing here needs
//! the simulator's control API.

mod common;

use common::{Example, Result};
use midtrans::types::snap::{CreditCard, SnapRequest};
use midtrans::types::{Idr, TransactionDetails};

#[tokio::main]
async fn main() -> Result<()> {
    let example = Example::start("Snap: minimal transaction").await?;
    let snap = example.client.snap();
    let order_id = common::order_id("snap-simple")?;

    example.step("Create a Snap transaction: order id, amount, 3DS for cards");
    let request = SnapRequest::builder(TransactionDetails::new(
        order_id.as_str(),
        Idr::new(200_000),
    ))
    .credit_card(CreditCard::new().secure(true))
    .build()?;
    let transaction = snap.create_transaction(&request).send().await?;
    println!("   token        {}", transaction.token);
    println!("   redirect_url {}", transaction.redirect_url);
    println!("   give the token to snap.pay(token) in the browser, or redirect to the URL");

    example.step("Only the token (create_transaction_token), for another order");
    let request = SnapRequest::builder(TransactionDetails::new(
        format!("{order_id}-2"),
        Idr::new(200_000),
    ))
    .credit_card(CreditCard::new().secure(true))
    .build()?;
    let token = snap.create_transaction_token(&request).send().await?;
    println!("   token        {token}");

    example.finish().await;
    Ok(())
}
