//! Google Pay: the JWT the Google Pay button needs (client key, on Google Pay's own host),
//! then charges with Google's payment token as the sandbox decides them by amount — IDR
//! 10,002 captured, 10,001 denied, 10,004 with 3-D Secure — and the transactions read back
//! from the Core API like any card payment.
//!
//! ```sh
//! cargo run --example google_pay
//! ```

mod common;

use common::{order_id, skipped, Example, Result};
use midtrans::types::google_pay::{GooglePayAuthRequest, GooglePayCharge, GooglePayToken};
use midtrans::types::{Idr, TransactionDetails};

/// A token of the shape Google's `loadPaymentData` hands the page
/// (`paymentMethodData.tokenizationData.token`); the simulator reads its shape only.
const GOOGLE_TOKEN: &str = r#"{"protocolVersion":"ECv2","signature":"MEQCIH6Q4OwQ0jAceFEkGF0JID6sJNXxOEi4r",
  "intermediateSigningKey":{"signedKey":"{\"keyExpiration\":\"1542323393147\",\"keyValue\":\"MFkwEwYHKoZIzj0CAQYI\"}",
    "signatures":["MEYCIQCO2EIi48s8VTH+ilMEpoXLFfkxAwHjfPSCVED"]},
  "signedMessage":"{\"tag\":\"jpGz1F1Bcoi\",\"ephemeralPublicKey\":\"BJatyFvFPPD21l8\",\"encryptedMessage\":\"mKOoXwi8OavZ\"}"}"#;

#[tokio::main]
async fn main() -> Result<()> {
    let example = Example::start("Google Pay").await?;
    example.require_client_key()?;

    example.step("the JWT for the Google Pay button on examplestore.com (client key)");
    let jwt = example
        .client
        .google_pay()
        .auth_jwt(GooglePayAuthRequest::new("examplestore.com")?)
        .await?;
    let parts = jwt.auth_jwt.split('.').count();
    println!("   a JWT of {parts} parts, for merchantInfo.authJwt (the sandbox needs none)");

    if example.mock().is_none() {
        skipped("a charge needs a token from Google Pay's button in a browser");
        example.finish().await;
        return Ok(());
    }
    let token: GooglePayToken = GOOGLE_TOKEN.parse()?;
    for (amount, three_ds, expected) in [
        (10_002, false, "capture"),
        (10_001, false, "deny"),
        (10_004, true, "pending"),
    ] {
        let order = order_id("gpay")?;
        example.step(&format!(
            "charge IDR {amount} with Google's token{} ({order})",
            if three_ds { ", 3-D Secure" } else { "" }
        ));
        let charge = GooglePayCharge::builder(
            TransactionDetails::new(order.as_str(), Idr::new(amount)),
            token.clone(),
        )
        .authentication(three_ds)
        .build()?;
        let answer = example.client.google_pay().charge(&charge).await?;
        let status = answer
            .transaction_status
            .as_ref()
            .map_or("-", |s| s.as_str());
        println!(
            "   {status}, {} {}",
            answer.masked_card.as_deref().unwrap_or("-"),
            answer
                .channel_response_message
                .as_deref()
                .or(answer.redirect_url.as_deref())
                .unwrap_or("")
        );
        if status != expected {
            return Err(format!("IDR {amount}: {status}, not {expected}").into());
        }
        if let (true, Some(mock)) = (three_ds, example.mock()) {
            // The customer passes 3-D Secure on the issuer's page.
            mock.pay(&order)?;
        }
        let read = example.client.transactions().status(&order).await?;
        println!(
            "   read from the Core API: {} {}",
            read.payment_type.as_ref().map_or("-", |p| p.as_str()),
            read.transaction_status.as_ref().map_or("-", |s| s.as_str())
        );
    }
    example.finish().await;
    Ok(())
}
