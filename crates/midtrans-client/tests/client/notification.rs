//! Local notification verification: the documented vector, tampering, rotation, malformed input,
//! and the Python-style verify-then-status call.

use midtrans::notification::{check, signature};
use midtrans::transport::MockTransport;
use midtrans::{Client, Error, ServerKey, SignatureError};
use serde_json::{json, Value};

use crate::sample;

const DOC_KEY: &str = "askvnoibnosifnboseofinbofinfgbiufglnbfg";

fn vector() -> Value {
    let vectors: Value = serde_json::from_str(&sample("signature_test_vectors.json")).unwrap();
    vectors["core_notification_sha512"].clone()
}

fn client_with(key: &str, mock: &MockTransport) -> Client {
    Client::builder()
        .server_key(key)
        .transport(mock.clone())
        .build()
        .unwrap()
}

fn notification_body(signature_key: &str) -> Vec<u8> {
    let v = vector();
    serde_json::to_vec(&json!({
        "transaction_time": "2020-01-09 18:27:19",
        "transaction_status": "settlement",
        "transaction_id": "57d5293c-e65f-4a29-95e4-5959c3fa335b",
        "status_message": "midtrans payment notification",
        "status_code": v["status_code"],
        "signature_key": signature_key,
        "payment_type": "bank_transfer",
        "order_id": v["order_id"],
        "gross_amount": v["gross_amount"],
    }))
    .unwrap()
}

#[test]
fn the_documented_vector_verifies() {
    let v = vector();
    let key = ServerKey::new(v["server_key"].as_str().unwrap()).unwrap();
    let expected = v["expected_signature_key_hex"].as_str().unwrap();
    assert_eq!(signature("1111200100000.00", &key), expected);

    let mock = MockTransport::new();
    let client = client_with(DOC_KEY, &mock);
    let notification = client
        .transactions()
        .notification(&notification_body(expected))
        .unwrap();
    assert_eq!(notification.order_id.unwrap(), "1111");
    // Midtrans sends lowercase hex; the comparison is exact, so a changed case is a change.
    let err = client
        .transactions()
        .notification(&notification_body(&expected.to_uppercase()))
        .unwrap_err();
    assert!(
        matches!(err, Error::Signature(SignatureError::Mismatch)),
        "{err:?}"
    );
}

#[test]
fn any_change_is_rejected() {
    let expected = vector()["expected_signature_key_hex"]
        .as_str()
        .unwrap()
        .to_owned();
    let client = client_with(DOC_KEY, &MockTransport::new());

    let mut flipped = expected.clone().into_bytes();
    flipped[10] = if flipped[10] == b'0' { b'1' } else { b'0' };
    let err = client
        .transactions()
        .notification(&notification_body(&String::from_utf8(flipped).unwrap()))
        .unwrap_err();
    assert!(
        matches!(err, Error::Signature(SignatureError::Mismatch)),
        "{err:?}"
    );
    assert!(
        !err.to_string().contains(&expected),
        "the expected digest is not revealed"
    );

    // The amount is hashed as received: "100000.0" is not "100000.00".
    let mut body: Value = serde_json::from_slice(&notification_body(&expected)).unwrap();
    body["gross_amount"] = "100000.0".into();
    let err = client
        .transactions()
        .notification(&serde_json::to_vec(&body).unwrap())
        .unwrap_err();
    assert!(
        matches!(err, Error::Signature(SignatureError::Mismatch)),
        "{err:?}"
    );

    let other_key = client_with("SB-Mid-server-OTHER", &MockTransport::new());
    assert!(other_key
        .transactions()
        .notification(&notification_body(&expected))
        .is_err());

    let last_not_hex = format!("{}g", &expected[..127]);
    let multibyte = format!("{}é", &expected[..126]);
    for malformed in ["", "abc", &"z".repeat(128), &last_not_hex, &multibyte] {
        let err = client
            .transactions()
            .notification(&notification_body(malformed))
            .unwrap_err();
        assert!(
            matches!(err, Error::Signature(SignatureError::Malformed)),
            "{malformed}: {err:?}"
        );
    }
    let mut body: Value = serde_json::from_slice(&notification_body(&expected)).unwrap();
    body.as_object_mut().unwrap().remove("signature_key");
    let err = client
        .transactions()
        .notification(&serde_json::to_vec(&body).unwrap())
        .unwrap_err();
    assert!(matches!(
        err,
        Error::Signature(SignatureError::MissingField("signature_key"))
    ));
    for garbage in [&b""[..], b"order_id=1", b"{\"status_code\":"] {
        assert!(matches!(
            client.transactions().notification(garbage),
            Err(Error::Decode(_))
        ));
    }
}

#[test]
fn a_previous_key_verifies_during_rotation() {
    let expected = vector()["expected_signature_key_hex"]
        .as_str()
        .unwrap()
        .to_owned();
    let client = Client::builder()
        .server_key("SB-Mid-server-NEWKEY")
        .previous_server_key(DOC_KEY)
        .transport(MockTransport::new())
        .build()
        .unwrap();
    client
        .transactions()
        .notification(&notification_body(&expected))
        .unwrap();
    let key = ServerKey::new(DOC_KEY).unwrap();
    assert!(check("1111200100000.00", &expected, &[&key]).is_ok());
}

#[test]
fn pay_account_notifications_verify() {
    let key = ServerKey::new(DOC_KEY).unwrap();
    let signed = signature("acc-1ENABLED200", &key);
    let body = json!({"account_id": "acc-1", "account_status": "ENABLED", "status_code": "200", "signature_key": signed});
    let parsed =
        midtrans::notification::verify_pay_account(&serde_json::to_vec(&body).unwrap(), &[&key])
            .unwrap();
    assert_eq!(parsed.account_id.unwrap(), "acc-1");
}

#[tokio::test]
async fn notification_status_verifies_then_asks_midtrans() {
    let expected = vector()["expected_signature_key_hex"]
        .as_str()
        .unwrap()
        .to_owned();
    let mock = MockTransport::new();
    mock.push_json(200, sample("status_credit_card_capture_response.json"));
    let client = client_with(DOC_KEY, &mock);
    let status = client
        .transactions()
        .notification_status(&notification_body(&expected))
        .await
        .unwrap();
    assert!(status.is_paid());
    let request = mock.last_request().unwrap();
    assert_eq!(
        request.uri().to_string(),
        "https://api.sandbox.midtrans.com/v2/57d5293c-e65f-4a29-95e4-5959c3fa335b/status"
    );
    // A forged notification never reaches Midtrans.
    let err = client
        .transactions()
        .notification_status(&notification_body(&"0".repeat(128)))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Signature(_)));
    assert_eq!(mock.requests().len(), 1);
}

#[test]
fn a_numeric_gross_amount_is_hashed_as_its_text() {
    // Policy: the signature covers the text received. A JSON number 100000 is the text "100000".
    let key = ServerKey::new(DOC_KEY).unwrap();
    let client = client_with(DOC_KEY, &MockTransport::new());
    let body = |signed: &str| {
        serde_json::to_vec(&json!({"order_id": "1111", "status_code": "200", "gross_amount": 100000, "signature_key": signed})).unwrap()
    };
    let over_text = signature("1111200100000", &key);
    client
        .transactions()
        .notification(&body(&over_text))
        .unwrap();
    let over_decimals = signature("1111200100000.00", &key);
    assert!(client
        .transactions()
        .notification(&body(&over_decimals))
        .is_err());
}

#[test]
fn the_same_notification_twice_verifies_twice() {
    let expected = vector()["expected_signature_key_hex"]
        .as_str()
        .unwrap()
        .to_owned();
    let client = client_with(DOC_KEY, &MockTransport::new());
    let body = notification_body(&expected);
    let first = client.transactions().notification(&body).unwrap();
    let second = client.transactions().notification(&body).unwrap();
    assert_eq!(first, second, "verification is stateless");
    // The dedupe key names the event: a repeat has the same key, a new status another.
    let key = first.delivery_key().unwrap();
    assert_eq!(second.delivery_key().unwrap(), key);
    let mut later: serde_json::Value = serde_json::from_slice(&body).unwrap();
    later["transaction_status"] = "refund".into();
    let later: midtrans::types::PaymentNotification = serde_json::from_value(later).unwrap();
    assert_ne!(later.delivery_key().unwrap(), key);
}

#[test]
fn a_fee_imposition_notification_verifies_and_exposes_the_fee() {
    // The signature covers gross_amount as sent, fee included.
    let key = ServerKey::new(DOC_KEY).unwrap();
    let signed = signature("fee-1200104000.00", &key);
    let body = serde_json::to_vec(&json!({
        "order_id": "fee-1", "status_code": "200", "gross_amount": "104000.00",
        "signature_key": signed, "transaction_status": "settlement",
        "metadata": {"extra_info": {"gross_amount_info": {"original_amount": "100000.00"}}},
    }))
    .unwrap();
    let client = client_with(DOC_KEY, &MockTransport::new());
    let notification = client.transactions().notification(&body).unwrap();
    assert_eq!(
        notification.original_amount().unwrap().as_str(),
        "100000.00"
    );
    assert_eq!(notification.imposed_fee().unwrap().to_string(), "4000.00");
}

#[test]
fn an_oversized_notification_is_refused_before_parsing() {
    let client = client_with(DOC_KEY, &MockTransport::new());
    let body = vec![b' '; midtrans::notification::MAX_NOTIFICATION_BYTES + 1];
    let err = client.transactions().notification(&body).unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
}
