//! Core API card payment with 3-D Secure: card token → charge with `authentication` → the 3DS
//! `redirect_url` → status. Mirrors the official Python client's
//! `examples/core_api/core_api_credit_card_example.py` (which charges without 3DS).
//!
//! ```sh
//! cargo run --example core_credit_card
//! ```
//!
//! The card token normally comes from Midtrans's card JavaScript in the browser, so card data
//! never reaches your server; here the backend calls the same client-key endpoint with the
//! sandbox test card 4811 1111 1111 1114 (3DS, accepted).
//!
//! With no `MIDTRANS_SERVER_KEY` it runs against the built-in simulator on 127.0.0.1 and plays
//! the browser's part: it loads the simulator's 3DS page and submits the sandbox OTP. With `MIDTRANS_SERVER_KEY` and
//! `MIDTRANS_CLIENT_KEY` set it uses the real sandbox: open the printed `redirect_url` in a
//! browser (OTP `112233`) to complete the payment.

mod common;

use common::{
    card_token, describe, form_action, http, or_dash, page_heading, print_status, skipped, Example,
    Result,
};
use midtrans::types::charge::{ChargeRequest, CreditCard};
use midtrans::types::{Idr, TransactionDetails, TransactionStatus};

#[tokio::main]
async fn main() -> Result<()> {
    let example = Example::start("Core API: card payment with 3-D Secure").await?;
    example.require_client_key()?;
    let client = &example.client;
    let order_id = common::order_id("core-card")?;

    example.step("Card token (client key), sandbox card 4811 1111 1111 1114");
    let token = card_token(client, "4811 1111 1111 1114").await?;

    example.step("Charge the token with 3-D Secure (authentication: true)");
    let request = ChargeRequest::builder(
        TransactionDetails::new(order_id.as_str(), Idr::new(12_145)),
        CreditCard::new(token).authentication(true),
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
        "   masked_card {}, bank {}, 3DS version {}",
        or_dash(charged.masked_card.as_ref()),
        or_dash(charged.bank.as_ref()),
        or_dash(charged.three_ds_version.as_ref())
    );

    example.step("3-D Secure: send the customer's browser to redirect_url");
    let redirect_url = match (&charged.transaction_status, &charged.redirect_url) {
        (Some(TransactionStatus::Pending), Some(url)) => url.clone(),
        _ => return Err(format!("expected a pending 3DS charge: {}", describe(&charged)).into()),
    };
    println!("   redirect_url {redirect_url}");

    example.step("The customer completes 3DS in the browser");
    match example.mock() {
        Some(mock) => {
            let (status, page) = http("GET", &redirect_url, None, b"").await?;
            println!(
                "   GET redirect_url → HTTP {status}: {}",
                page_heading(&page)
            );
            let action =
                form_action(&page, &mock.core_url()).ok_or("the 3DS page has no form to submit")?;
            let (status, page) = http(
                "POST",
                &action,
                Some("application/x-www-form-urlencoded"),
                b"otp=112233",
            )
            .await?;
            println!(
                "   submit OTP 112233 → HTTP {status}: {}",
                page_heading(&page)
            );
        }
        None => skipped("open redirect_url in a browser and enter OTP 112233"),
    }

    example.step("Status");
    let status = print_status(client, &order_id).await?;
    println!("   paid: {}", status.is_paid());

    example.finish().await;
    Ok(())
}
