//! Local notification verification: the documented vector, tampering, rotation, malformed input,
//! and the Python-style verify-then-status call.

use midtrans::notification::{check, signature};
use midtrans::transport::MockTransport;
use midtrans::{Client, Error, NotificationError, ServerKey, SignatureError};
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
    assert_eq!(notification.order_id().as_str(), "1111");
    assert_eq!(
        notification.notification().order_id.as_ref(),
        Some(notification.order_id())
    );
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

    // The amount is hashed as received: "100000.01" is not "100000.00"; "100000.0" is not
    // even in the form Midtrans sends.
    let mut body: Value = serde_json::from_slice(&notification_body(&expected)).unwrap();
    body["gross_amount"] = "100000.01".into();
    let err = client
        .transactions()
        .notification(&serde_json::to_vec(&body).unwrap())
        .unwrap_err();
    assert!(
        matches!(err, Error::Signature(SignatureError::Mismatch)),
        "{err:?}"
    );
    body["gross_amount"] = "100000.0".into();
    let err = client
        .transactions()
        .notification(&serde_json::to_vec(&body).unwrap())
        .unwrap_err();
    assert_invalid_field(&err, "gross_amount");

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
            Err(Error::Notification(NotificationError::Malformed(_)))
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
    mock.push_json(200, status_of("1111"));
    let client = client_with(DOC_KEY, &mock);
    let status = client
        .transactions()
        .notification_status(&notification_body(&expected))
        .await
        .unwrap();
    assert!(status.is_paid());
    // A forged notification never reaches Midtrans.
    let err = client
        .transactions()
        .notification_status(&notification_body(&"0".repeat(128)))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Signature(_)));
    assert_eq!(mock.requests().len(), 1);
}

/// A settled status answer for `order_id`.
fn status_of(order_id: &str) -> String {
    let mut status: Value =
        serde_json::from_str(&sample("status_credit_card_capture_response.json")).unwrap();
    status["order_id"] = order_id.into();
    status.to_string()
}

#[tokio::test]
async fn notification_status_looks_up_the_signed_order_id_and_refuses_another_orders_answer() {
    let expected = vector()["expected_signature_key_hex"]
        .as_str()
        .unwrap()
        .to_owned();
    // The signature covers order_id, status_code and gross_amount, not transaction_id: the
    // lookup goes by the signed order id.
    let mock = MockTransport::new();
    mock.push_json(200, status_of("1111"));
    let client = client_with(DOC_KEY, &mock);
    client
        .transactions()
        .notification_status(&notification_body(&expected))
        .await
        .unwrap();
    assert_eq!(
        mock.last_request().unwrap().uri().to_string(),
        "https://api.sandbox.midtrans.com/v2/1111/status"
    );
    // An answer about another order does not confirm this notification.
    for answered in [Some("2222"), None] {
        let mock = MockTransport::new();
        let body = match answered {
            Some(order) => status_of(order),
            None => {
                let mut status: Value = serde_json::from_str(&status_of("x")).unwrap();
                status.as_object_mut().unwrap().remove("order_id");
                status.to_string()
            }
        };
        mock.push_json(200, body);
        let err = client_with(DOC_KEY, &mock)
            .transactions()
            .notification_status(&notification_body(&expected))
            .await
            .unwrap_err();
        match &err {
            Error::Notification(NotificationError::OrderMismatch {
                notified,
                answered: got,
            }) => {
                assert_eq!(notified, "1111");
                assert_eq!(got.as_deref(), answered);
            }
            other => panic!("{other:?}"),
        }
        assert!(err.to_string().contains("1111"), "{err}");
    }
}

/// Asserts a notification was refused for `field` not being in Midtrans's form, naming it.
fn assert_invalid_field(err: &Error, field: &str) {
    assert!(
        matches!(err, Error::Notification(NotificationError::InvalidField { field: f, .. }) if *f == field),
        "{field}: {err:?}"
    );
    assert!(err.to_string().contains(field), "{err}");
}

/// A notification signed with the documentation's key over exactly these JSON values.
fn signed_body(order_id: Value, status_code: Value, gross_amount: Value) -> Vec<u8> {
    let key = ServerKey::new(DOC_KEY).unwrap();
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let signed = signature(
        &format!(
            "{}{}{}",
            text(&order_id),
            text(&status_code),
            text(&gross_amount)
        ),
        &key,
    );
    serde_json::to_vec(&json!({
        "order_id": order_id, "status_code": status_code, "gross_amount": gross_amount,
        "signature_key": signed, "transaction_status": "settlement",
    }))
    .unwrap()
}

#[test]
fn signed_fields_must_be_in_the_form_midtrans_sends() {
    let client = client_with(DOC_KEY, &MockTransport::new());
    // Each is correctly signed over its own text, so only the form can refuse it.
    let mut cases: Vec<(Value, Value, Value, &str)> = Vec::new();
    for code in ["20", "2000", "abc", " 200", "2OO", "٢٠٠", "+20", ""] {
        cases.push((
            json!("1111"),
            json!(code),
            json!("100000.00"),
            "status_code",
        ));
    }
    for amount in [
        "100000",
        "100000.0",
        "100000.000",
        "-100000.00",
        "1e5",
        "100,000.00",
        " 100000.00",
        "100000.00 ",
        ".00",
        "100000.",
        "Rp100000.00",
        "１００.００",
    ] {
        cases.push((json!("1111"), json!("200"), json!(amount), "gross_amount"));
    }
    // Neither may be another JSON type, nor the order id anything but a string.
    cases.extend([
        (
            json!("1111"),
            json!(true),
            json!("100000.00"),
            "status_code",
        ),
        (
            json!("1111"),
            json!(null),
            json!("100000.00"),
            "status_code",
        ),
        (
            json!("1111"),
            json!("200"),
            json!(["100000.00"]),
            "gross_amount",
        ),
        (json!(1111), json!("200"), json!("100000.00"), "order_id"),
    ]);
    for (order, code, amount, field) in cases {
        let case = format!("{order} {code} {amount}");
        match client
            .transactions()
            .notification(&signed_body(order, code, amount))
        {
            Err(err) => assert_invalid_field(&err, field),
            Ok(_) => panic!("{case} verified"),
        }
    }
    // What Midtrans sends passes.
    for amount in ["0.00", "1.50", "100000.00", "12345678901234.99"] {
        let body = signed_body("1111".into(), "201".into(), amount.into());
        client
            .transactions()
            .notification(&body)
            .unwrap_or_else(|e| panic!("{amount}: {e}"));
    }
}

#[test]
fn a_signed_field_given_twice_is_refused() {
    let client = client_with(DOC_KEY, &MockTransport::new());
    let key = ServerKey::new(DOC_KEY).unwrap();
    let signed = signature("1111200100000.00", &key);
    for (field, body) in [
        (
            "order_id",
            format!(
                r#"{{"order_id":"1111","status_code":"200","gross_amount":"100000.00","signature_key":"{signed}","order_id":"2222"}}"#
            ),
        ),
        (
            "gross_amount",
            format!(
                r#"{{"order_id":"1111","status_code":"200","gross_amount":"100000.00","signature_key":"{signed}","gross_amount":"999999.00"}}"#
            ),
        ),
        (
            "status_code",
            format!(
                r#"{{"order_id":"1111","status\u005fcode":"200","gross_amount":"100000.00","signature_key":"{signed}","status_code":"202"}}"#
            ),
        ),
        (
            "signature_key",
            format!(
                r#"{{"order_id":"1111","status_code":"200","gross_amount":"100000.00","signature_key":"{signed}","signature_key":"{signed}"}}"#
            ),
        ),
    ] {
        let err = client
            .transactions()
            .notification(body.as_bytes())
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("notification rejected, no call was made: `{field}` appears more than once")
        );
        assert!(
            matches!(&err, Error::Notification(NotificationError::DuplicateField(f)) if f == field),
            "{err:?}"
        );
    }
    let body = format!(
        r#"{{"account_id":"acc-1","account_status":"ENABLED","status_code":"200","signature_key":"{}","account_status":"DISABLED"}}"#,
        signature("acc-1ENABLED200", &key)
    );
    assert!(matches!(
        midtrans::notification::verify_pay_account(body.as_bytes(), &[&key]),
        Err(Error::Notification(NotificationError::DuplicateField(_)))
    ));
}

#[test]
fn notification_errors_say_no_call_was_made() {
    let client = client_with(DOC_KEY, &MockTransport::new());
    let oversized = vec![b' '; midtrans::notification::MAX_NOTIFICATION_BYTES + 1];
    let bodies: [&[u8]; 6] = [
        b"",
        b"order_id=1&status_code=200",
        b"{\"status_code\":",
        b"[1,2]",
        br#"{"order_id":"1111","status_code":"200","gross_amount":"100000.00","signature_key":"00"}"#,
        &oversized,
    ];
    for body in bodies {
        let err = client.transactions().notification(body).unwrap_err();
        assert!(
            matches!(err, Error::Notification(_) | Error::Signature(_)),
            "{err:?}"
        );
        let text = err.to_string();
        assert!(text.contains("no call was made"), "{text}");
        assert!(!text.contains("may have taken effect"), "{text}");
        assert!(!err.outcome_unknown());
    }
    // An unsigned field of the wrong type, read before the signed ones: the body is malformed,
    // not missing a signed field.
    let key = ServerKey::new(DOC_KEY).unwrap();
    let body = format!(
        r#"{{"transaction_status":5,"order_id":"1111","status_code":"200","gross_amount":"100000.00","signature_key":"{}"}}"#,
        signature("1111200100000.00", &key)
    );
    let err = client
        .transactions()
        .notification(body.as_bytes())
        .unwrap_err();
    assert!(
        matches!(err, Error::Notification(NotificationError::Malformed(_))),
        "{err:?}"
    );
}

#[test]
fn a_numeric_gross_amount_is_hashed_from_its_text_as_received() {
    // The signature covers the text received. A JSON number 100000.00 is the text "100000.00";
    // read through f64 it would be "100000" and never verify.
    let key = ServerKey::new(DOC_KEY).unwrap();
    let client = client_with(DOC_KEY, &MockTransport::new());
    let body = |signed: &str| {
        format!(
            r#"{{"order_id":"1111","status_code":"200","gross_amount":100000.00,"transaction_status":"settlement","signature_key":"{signed}"}}"#
        )
    };
    let notification = client
        .transactions()
        .notification(body(&signature("1111200100000.00", &key)).as_bytes())
        .unwrap();
    assert_eq!(
        notification.gross_amount.as_ref().map(|a| a.as_str()),
        Some("100000.00"),
        "the typed notification holds the text that was signed"
    );
    assert_eq!(notification.signature_input().unwrap(), "1111200100000.00");
    let err = client
        .transactions()
        .notification(body(&signature("1111200100000", &key)).as_bytes())
        .unwrap_err();
    assert!(
        matches!(err, Error::Signature(SignatureError::Mismatch)),
        "{err:?}"
    );
    // A number without the two decimals is not what Midtrans sends: refused, naming the field.
    let integer = format!(
        r#"{{"order_id":"1111","status_code":"200","gross_amount":100000,"signature_key":"{}"}}"#,
        signature("1111200100000", &key)
    );
    let err = client
        .transactions()
        .notification(integer.as_bytes())
        .unwrap_err();
    assert_invalid_field(&err, "gross_amount");
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
    assert!(
        matches!(
            err,
            Error::Notification(NotificationError::TooLarge { len }) if len == body.len()
        ),
        "{err:?}"
    );
}

#[test]
fn a_verified_notification_has_its_signed_fields_and_status_as_plain_values() {
    let v = vector();
    let key = ServerKey::new(DOC_KEY).unwrap();
    let expected = v["expected_signature_key_hex"].as_str().unwrap();
    let verified = midtrans::notification::verify(&notification_body(expected), &[&key]).unwrap();
    assert_eq!(
        verified.order_id().as_str(),
        v["order_id"].as_str().unwrap()
    );
    assert_eq!(
        verified.status_code().as_str(),
        v["status_code"].as_str().unwrap()
    );
    assert_eq!(
        verified.gross_amount().as_str(),
        v["gross_amount"].as_str().unwrap()
    );
    assert_eq!(
        *verified.transaction_status(),
        midtrans::types::TransactionStatus::Settlement
    );
    assert_eq!(verified.fraud_status(), None);
    assert_eq!(verified.outcome(), midtrans::types::PaymentOutcome::Paid);
    // The whole notification, through Deref and owned.
    assert_eq!(
        verified.payment_type.as_ref().unwrap().as_str(),
        "bank_transfer"
    );
    let whole: midtrans::types::PaymentNotification = verified.clone().into();
    assert_eq!(&whole, verified.notification());

    // Without `transaction_status`, a payment notification is not one: refused, even signed.
    let mut body: Value = serde_json::from_slice(&notification_body(expected)).unwrap();
    body.as_object_mut().unwrap().remove("transaction_status");
    let err =
        midtrans::notification::verify(&serde_json::to_vec(&body).unwrap(), &[&key]).unwrap_err();
    assert!(
        matches!(&err, Error::Notification(NotificationError::Malformed(reason)) if reason.contains("transaction_status")),
        "{err:?}"
    );
}
