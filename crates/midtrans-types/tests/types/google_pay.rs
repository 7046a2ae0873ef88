//! Google Pay: the docs' charge sample read and written back with every key, the token as an
//! object, the documented limits, and nothing of the token or the JWT in `Debug`.

use std::collections::BTreeSet;

use midtrans_types::google_pay::{
    GooglePayAuthRequest, GooglePayCharge, GooglePayJwt, GooglePayToken,
};
use midtrans_types::{BuildErrorKind, ChargeResponse, Idr, TransactionDetails, TransactionStatus};

/// The docs' "Sample Charge Request for Google Pay" (reference/payment-method-google-pay),
/// without its two comments and its trailing comma.
const DOCS_CHARGE: &str = r#"{
  "payment_type": "credit_card",
  "transaction_details": {"order_id": "C17550", "gross_amount": 145000},
  "credit_card": {
    "google_pay_token": {
      "protocolVersion":"ECv2",
      "signature":"MEQCIH6Q4OwQ0jAceFEkGF0JID6sJNXxOEi4r+mA7biRxqBQAiAondqoUpU/bdsrAOpZIsrHQS9nwiiNwOrr24RyPeHA0Q\u003d\u003d",
      "intermediateSigningKey":{
        "signedKey": "{\"keyExpiration\":\"1542323393147\",\"keyValue\":\"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE/1+3HBVSbdv+j7NaArdgMyoSAM43yRydzqdg1TxodSzA96Dj4Mc1EiKroxxunavVIvdxGnJeFViTzFvzFRxyCw\\u003d\\u003d\"}",
        "signatures": ["MEYCIQCO2EIi48s8VTH+ilMEpoXLFfkxAwHjfPSCVED/QDSHmQIhALLJmrUlNAY8hDQRV/y1iKZGsWpeNmIP+z+tCQHQxP0v"]
      },
      "signedMessage":"{\"tag\":\"jpGz1F1Bcoi/fCNxI9n7Qrsw7i7KHrGtTf3NrRclt+U\\u003d\",\"ephemeralPublicKey\":\"BJatyFvFPPD21l8/uLP46Ta1hsKHndf8Z+tAgk+DEPQgYTkhHy19cF3h/bXs0tWTmZtnNm+vlVrKbRU9K8+7cZs\\u003d\",\"encryptedMessage\":\"mKOoXwi8OavZ\"}"
    },
    "authentication": true
  }
}"#;

/// The docs' "Sample Charge Response for Google Pay".
const DOCS_ANSWER: &str = r#"{"status_code":"201","status_message":"Success, Credit Card transaction is successful",
  "transaction_id":"1a1a66f7-27a7-4844-ba1f-d86dcc16ab27","order_id":"C17550",
  "redirect_url":"https://api.veritrans.co.id/v2/3ds/redirect/451249-2595-e14aac7f-cfb3-4ab2-98ab-5cc5e70f4b2c",
  "gross_amount":"145000.00","currency":"IDR","payment_type":"credit_card","transaction_time":"2018-09-12 22:10:23",
  "transaction_status":"pending","masked_card":"48111111-1114","card_type":"credit","three_ds_version":"2","on_us":true}"#;

fn key_paths(value: &serde_json::Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    crate::paths(value, "", &mut out);
    out
}

#[test]
fn the_docs_charge_is_read_and_written_back_with_every_key_and_value() {
    let docs: serde_json::Value = serde_json::from_str(DOCS_CHARGE).unwrap();
    let charge: GooglePayCharge = serde_json::from_value(docs.clone()).unwrap();
    charge.validate().unwrap();
    assert_eq!(charge.order_id().as_str(), "C17550");
    let token = &charge.credit_card.google_pay_token;
    assert_eq!(token.protocol_version, "ECv2");
    assert!(token.signature.ends_with("Q=="), "the docs' \\u003d is '='");
    assert_eq!(charge.credit_card.authentication, Some(true));
    let written = serde_json::to_value(&charge).unwrap();
    assert_eq!(key_paths(&written), key_paths(&docs));
    assert_eq!(written, docs);

    // The same charge built rather than read.
    let built = GooglePayCharge::builder(
        TransactionDetails::new("C17550", Idr::new(145_000)),
        token.clone(),
    )
    .authentication(true)
    .build()
    .unwrap();
    assert_eq!(serde_json::to_value(&built).unwrap(), docs);
}

#[test]
fn the_docs_answer_is_a_card_charge_pending_3ds() {
    let answer: ChargeResponse = serde_json::from_str(DOCS_ANSWER).unwrap();
    assert_eq!(answer.transaction_status, Some(TransactionStatus::Pending));
    assert_eq!(answer.masked_card.as_deref(), Some("48111111-1114"));
    assert!(answer.redirect_url.is_some());
}

#[test]
fn the_token_is_an_object_and_only_a_card_charge_carries_it() {
    let mut docs: serde_json::Value = serde_json::from_str(DOCS_CHARGE).unwrap();
    let token_text = docs["credit_card"]["google_pay_token"].to_string();
    // Google hands the page the token as a JSON text; it goes to Midtrans as an object.
    let token: GooglePayToken = token_text.parse().unwrap();
    let charge = GooglePayCharge::builder(TransactionDetails::new("gp-1", Idr::new(10_002)), token)
        .build()
        .unwrap();
    assert!(serde_json::to_value(&charge).unwrap()["credit_card"]["google_pay_token"].is_object());
    assert!("not json".parse::<GooglePayToken>().is_err());

    docs["payment_type"] = "gopay".into();
    assert!(serde_json::from_value::<GooglePayCharge>(docs).is_err());
}

#[test]
fn build_checks_the_token_the_order_and_the_origin() {
    let token = GooglePayToken::new("ECv2", "MEUC", "{}");
    let err = GooglePayCharge::builder(TransactionDetails::new("gp-2", Idr::new(10_002)), token)
        .build()
        .unwrap_err();
    assert_eq!(
        err.field(),
        "credit_card.google_pay_token.intermediateSigningKey"
    );
    assert_eq!(err.kind(), &BuildErrorKind::Missing);

    let err = GooglePayCharge::builder(
        TransactionDetails::new("gp-3", Idr::new(10_002)),
        GooglePayToken::new("ECv1", "", "{}"),
    )
    .build()
    .unwrap_err();
    assert_eq!(err.field(), "credit_card.google_pay_token.signature");

    let err = GooglePayCharge::builder(
        TransactionDetails::new("gp 4", Idr::new(10_002)),
        GooglePayToken::new("ECv1", "MEUC", "{}"),
    )
    .build()
    .unwrap_err();
    assert_eq!(err.field(), "transaction_details.order_id");

    let err = GooglePayCharge::builder(
        TransactionDetails::new("gp-5", Idr::new(10_002)),
        GooglePayToken::new("ECv1", "MEUC", "{}"),
    )
    .custom_field1("x".repeat(256))
    .build()
    .unwrap_err();
    assert_eq!(err.field(), "custom_field1");

    for origin in [
        "",
        "https://examplestore.com",
        "examplestore.com/checkout",
        "example store.com",
    ] {
        let err = GooglePayAuthRequest::new(origin).unwrap_err();
        assert_eq!(err.field(), "merchantOrigin", "{origin:?}");
    }
    for origin in [
        "examplestore.com",
        "shop.example.co.id",
        "localhost:8080",
        "toko-kopi.id",
    ] {
        assert!(GooglePayAuthRequest::new(origin).is_ok(), "{origin:?}");
    }
}

#[test]
fn debug_shows_neither_the_token_nor_the_jwt() {
    let docs: serde_json::Value = serde_json::from_str(DOCS_CHARGE).unwrap();
    let charge: GooglePayCharge = serde_json::from_value(docs).unwrap();
    let shown = format!("{charge:?}");
    assert!(
        shown.contains("ECv2") && shown.contains("C17550"),
        "{shown}"
    );
    for secret in ["MEQCIH6Q", "MEYCIQCO", "mKOoXwi8OavZ", "MFkwEwYH"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    let jwt: GooglePayJwt =
        serde_json::from_str(r#"{"authJwt":"eyJhbGciOiJFUzI1NiJ9.e30.c2ln"}"#).unwrap();
    assert!(!format!("{jwt:?}").contains("eyJ"));
}
