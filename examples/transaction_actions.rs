//! Transaction actions: status, approve and deny (card payments under fraud review), cancel,
//! expire, refund and direct refund. Mirrors the official Python client's
//! `examples/transaction_actions/transaction_actions_example.py`, on real orders.
//!
//! ```sh
//! cargo run --example transaction_actions
//! ```
//!
//! Approve and deny need a card payment that fraud detection put under `challenge`: the sandbox
//! test card 5510 1111 1111 1115 is challenged on the sandbox and on the simulator alike.
//! Refunds need a settled payment: the simulator settles the card payment at once with its
//! `pay` control; on the sandbox a card payment settles the next day, so with
//! `MIDTRANS_SERVER_KEY` and `MIDTRANS_CLIENT_KEY` set the refund steps are skipped.

mod common;

use common::{card_token, describe, or_dash, print_status, skipped, Example, Result};
use midtrans::types::charge::{BankTransfer, ChargeRequest, CreditCard};
use midtrans::types::{Idr, RefundRequest, Transaction, TransactionDetails};
use midtrans::Client;

/// Charges IDR 50000 to a one-time token of a sandbox test card, without 3DS.
async fn card_charge(client: &Client, order_id: &str, card: &str) -> Result<Transaction> {
    let token = card_token(client, card).await?;
    let request = ChargeRequest::builder(
        TransactionDetails::new(order_id, Idr::new(50_000)),
        CreditCard::new(token),
    )
    .build()?;
    let charged = client.core().charge(&request).send().await?;
    println!("   charged {order_id}: {}", describe(&charged));
    Ok(charged)
}

/// A pending BCA virtual account payment.
async fn va_charge(client: &Client, order_id: &str) -> Result<Transaction> {
    let request = ChargeRequest::builder(
        TransactionDetails::new(order_id, Idr::new(50_000)),
        BankTransfer::bca(),
    )
    .build()?;
    let charged = client.core().charge(&request).send().await?;
    println!("   charged {order_id}: {}", describe(&charged));
    Ok(charged)
}

#[tokio::main]
async fn main() -> Result<()> {
    let example = Example::start("Transaction actions").await?;
    example.require_client_key()?;
    let client = &example.client;
    let tx = client.transactions();
    let base = common::order_id("actions")?;

    example.step("Approve: a card payment under fraud review (card 5510 1111 1111 1115)");
    let approve_id = format!("{base}-approve");
    card_charge(client, &approve_id, "5510 1111 1111 1115").await?;
    let approved = tx.approve(&approve_id).send().await?;
    println!("   approve → {}", describe(&approved));

    example.step("Deny: another card payment under fraud review");
    let deny_id = format!("{base}-deny");
    card_charge(client, &deny_id, "5510 1111 1111 1115").await?;
    let denied = tx.deny(&deny_id).send().await?;
    println!("   deny → {}", describe(&denied));

    example.step("Cancel: a pending virtual account payment");
    let cancel_id = format!("{base}-cancel");
    va_charge(client, &cancel_id).await?;
    let cancelled = tx.cancel(&cancel_id).send().await?;
    println!("   cancel → {}", describe(&cancelled));

    example.step("Expire: a pending virtual account payment (status_code 407 is a success)");
    let expire_id = format!("{base}-expire");
    va_charge(client, &expire_id).await?;
    let expired = tx.expire(&expire_id).send().await?;
    println!("   expire → {}", describe(&expired));

    example.step("Status by transaction id, and B2B virtual account status");
    let by_id = expired
        .transaction_id
        .as_ref()
        .ok_or("the expire answer has no transaction_id")?;
    print_status(client, by_id.as_str()).await?;
    match example.mock() {
        Some(_) => {
            let b2b = tx.status_b2b(&expire_id).send().await?;
            let count = b2b.transactions.as_ref().map_or(0, Vec::len);
            println!("   status_b2b of {expire_id}: {count} transaction(s)");
        }
        None => skipped("B2B status is only for Permata B2B virtual accounts"),
    }

    example.step("Refund: a card payment, once settled");
    let refund_id = format!("{base}-refund");
    card_charge(client, &refund_id, "4411 1111 1111 1118").await?;
    match example.mock() {
        Some(mock) => {
            mock.pay(&refund_id)?;
            print_status(client, &refund_id).await?;
            let refund = RefundRequest::builder()
                .refund_key(format!("{refund_id}-1"))
                .amount(Idr::new(5_000))
                .reason("Item out of stock")
                .build()?;
            let refunded = tx.refund(&refund_id, &refund).send().await?;
            println!(
                "   refund IDR {} → {}",
                or_dash(refunded.refund_amount.as_ref()),
                describe(&refunded)
            );

            example.step("Direct refund: the rest (legacy endpoint, same body)");
            let rest = RefundRequest::builder()
                .refund_key(format!("{refund_id}-2"))
                .reason("Order cancelled")
                .build()?;
            let refunded = tx.refund_direct(&refund_id, &rest).send().await?;
            println!(
                "   direct refund IDR {} → {}",
                or_dash(refunded.refund_amount.as_ref()),
                describe(&refunded)
            );
            let last = print_status(client, &refund_id).await?;
            println!("   refunds: {}", last.refunds.as_ref().map_or(0, Vec::len));
        }
        None => skipped("sandbox card payments settle the next day; refund and refund_direct then"),
    }

    example.finish().await;
    Ok(())
}
