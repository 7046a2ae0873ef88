//! Core API, simplest charge: a BCA virtual account, then its status.
//! Mirrors the official Python client's `examples/core_api/core_api_simple_example.py`.
//!
//! ```sh
//! cargo run --example core_bank_transfer
//! ```
//!
//! With no `MIDTRANS_SERVER_KEY` it runs against the built-in simulator on 127.0.0.1 and also
//! simulates the customer paying the virtual account. With `MIDTRANS_SERVER_KEY` set it charges
//! on the real sandbox and stops at the status (pay the VA on Midtrans's sandbox simulator page).

mod common;

use common::{describe, or_dash, print_status, skipped, Example, Result};
use midtrans::types::charge::{BankTransfer, ChargeRequest};
use midtrans::types::{CustomerDetails, Idr, ItemDetails, TransactionDetails};

#[tokio::main]
async fn main() -> Result<()> {
    let example = Example::start("Core API: BCA virtual account").await?;
    let client = &example.client;
    let order_id = common::order_id("core-va")?;

    example.step("Charge: payment_type bank_transfer, bank bca");
    let request = ChargeRequest::builder(
        TransactionDetails::new(order_id.as_str(), Idr::new(24_145)),
        BankTransfer::bca(),
    )
    .item(ItemDetails::new("Midtrans Bear", Idr::new(24_145), 1).id("ITEM1"))
    .customer_details(
        CustomerDetails::new()
            .first_name("Budi")
            .last_name("Utomo")
            .email("budi@example.com")
            .phone("+628123456"),
    )
    .build()?;
    let charged = client
        .core()
        .charge(&request)
        .idempotency_key(format!("charge-{order_id}"))
        .send()
        .await?;
    println!("   {}", describe(&charged));
    println!(
        "   transaction_id {}",
        or_dash(charged.transaction_id.as_ref())
    );
    for va in charged.va_numbers.iter().flatten() {
        println!("   pay to {} virtual account {}", va.bank, va.va_number);
    }
    println!(
        "   gross_amount {} {}, expires {}",
        or_dash(charged.gross_amount.as_ref()),
        or_dash(charged.currency.as_ref()),
        or_dash(charged.expiry_time.as_ref())
    );

    example.step("Status");
    print_status(client, &order_id).await?;

    example.step("The customer pays the virtual account");
    match example.mock() {
        Some(mock) => {
            mock.pay(&order_id)?;
            let paid = print_status(client, &order_id).await?;
            println!("   paid: {}", paid.is_paid());
        }
        None => skipped("paying needs Midtrans's sandbox payment simulator page"),
    }

    example.finish().await;
    Ok(())
}
