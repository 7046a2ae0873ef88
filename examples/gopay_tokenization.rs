//! GoPay tokenization: link the customer's GoPay account, read its payment options, charge the
//! GoPay wallet with its token (no trip to the Gojek app for each payment), then unlink.
//! Mirrors the official Python client's `examples/tokenization/tokenization_example.py`.
//!
//! ```sh
//! cargo run --example gopay_tokenization
//! ```
//!
//! With no `MIDTRANS_SERVER_KEY` it runs against the built-in simulator on 127.0.0.1, which
//! simulates the customer confirming the link and the payment. Against the real sandbox
//! (`MIDTRANS_SERVER_KEY` set) the customer has to confirm the link on GoPay's page first: the
//! example prints the activation link, shows that a pending account cannot be unlinked yet
//! (Midtrans answers 412), and stops. Re-run it with `MIDTRANS_GOPAY_ACCOUNT_ID` set to the
//! enabled account to charge it (that account is then kept linked).

mod common;

use common::{describe, linked_gopay, or_dash, print_status, skipped, Example, Result};
use midtrans::types::charge::{ChargeRequest, Gopay};
use midtrans::types::{Idr, TransactionDetails, TransactionStatus};

#[tokio::main]
async fn main() -> Result<()> {
    let example = Example::start("GoPay tokenization").await?;
    let client = &example.client;
    let gopay = linked_gopay(&example).await?;
    let account_id = gopay.account_id.as_str();

    if let Some(token) = &gopay.token {
        example.step("Charge the GoPay wallet with its payment option token");
        let order_id = common::order_id("gopay-token")?;
        let request = ChargeRequest::builder(
            TransactionDetails::new(order_id.as_str(), Idr::new(100_000)),
            Gopay::tokenized(account_id, token.as_str())
                .callback_url("https://example.com/gopay-finish"),
        )
        .build()?;
        let charged = client
            .core()
            .charge(&request)
            .idempotency_key(format!("charge-{order_id}"))
            .send()
            .await?;
        println!("   {}", describe(&charged));
        for action in charged.actions.iter().flatten() {
            println!("   action {:<20} {}", action.name.as_str(), action.url);
        }
        if charged.transaction_status == Some(TransactionStatus::Pending) {
            example.step("The customer verifies the payment in GoPay");
            match example.mock() {
                Some(mock) => {
                    mock.pay(&order_id)?;
                    println!("   verified (simulated with the simulator's pay control)");
                }
                None => skipped("open the verification action above to confirm the payment"),
            }
        }
        example.step("Status");
        print_status(client, &order_id).await?;
    }

    example.step("Unlink the account");
    if gopay.reused {
        println!(
            "   kept linked: it is MIDTRANS_GOPAY_ACCOUNT_ID, and relinking needs the customer"
        );
    } else {
        match client
            .core()
            .unlink_payment_account(account_id)
            .send()
            .await
        {
            Ok(unlinked) => println!(
                "   {account_id}: {} ({})",
                or_dash(unlinked.account_status.as_ref()),
                or_dash(unlinked.channel_response_message.as_ref())
            ),
            // The Python example shows this case too: a link never confirmed cannot be undone.
            Err(error)
                if gopay.token.is_none() && error.as_api().is_some_and(|a| a.code() == 412) =>
            {
                println!("   refused, as expected for a PENDING account: {error}");
            }
            Err(error) => return Err(error.into()),
        }
    }

    example.finish().await;
    Ok(())
}
