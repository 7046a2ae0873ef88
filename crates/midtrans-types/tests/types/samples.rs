//! Every Midtrans sample payload in scope deserializes into its typed model and serializes back
//! without losing a field.
//!
//! The samples are copied from `shared/reference/samples/` into `tests/fixtures/` so the test
//! runs in a clone without `shared/`; when `shared/` is beside the repository, the test also walks
//! it and checks that every sample there is either a fixture here (byte for byte) or skipped by
//! name below.
//!
//! Comparison is on `serde_json::Value`, exact, after these documented normalizations:
//! * a field whose value is `null` counts as absent (`Option::None` is not written);
//! * values listed in `NORMALIZED` are written in their canonical spelling (Snap accepts plural
//!   expiry units, which parse to the singular variant).

use std::path::{Path, PathBuf};

use midtrans_types::card::{BinResponse, CardTokenResponse};
use midtrans_types::subscription::SubscriptionActionResponse;
use midtrans_types::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Samples outside this crate's scope, skipped by name (each waits for its own issue).
const SKIPPED: &[(&str, &str)] = &[
    ("invoice_create_request_virtual_account.json", "Invoicing"),
    ("invoice_get_response.json", "Invoicing"),
    ("invoice_void_response.json", "Invoicing"),
    ("payment_link_create_request.json", "Payment Link"),
    ("payment_link_create_response.json", "Payment Link"),
    ("payment_link_error_409_response.json", "Payment Link"),
];

/// (file, JSON pointer, value written back) for fields re-serialized in canonical form.
const NORMALIZED: &[(&str, &str, &str)] = &[
    (
        "snap_create_transaction_request_full.json",
        "/expiry/unit",
        "minute",
    ),
    (
        "snap_create_transaction_request_full.json",
        "/page_expiry/unit",
        "hour",
    ),
];

/// Each in-scope fixture and the check that applies to it.
fn check(name: &str, raw: &str) {
    match name {
        "bin_error_404_response.json" => round_trip::<BinErrorBody>(name, raw),
        "bin_response.json" => round_trip::<BinResponse>(name, raw),
        "capture_request.json" => round_trip::<CaptureRequest>(name, raw),
        "card_token_error_400_response.json"
        | "error_402_3ds1_card_response.json"
        | "error_404_not_found_response.json"
        | "error_406_duplicate_order_response.json"
        | "error_412_cannot_modify_response.json"
        | "pay_account_unbind_error_412_response.json" => round_trip::<CoreErrorBody>(name, raw),
        "card_token_response.json" => round_trip::<CardTokenResponse>(name, raw),
        "charge_bank_transfer_bca_request.json"
        | "charge_credit_card_request.json"
        | "charge_cstore_alfamart_request.json"
        | "charge_custom_expiry_metadata_request.json"
        | "charge_gopay_request.json"
        | "charge_gopay_tokenization_request.json" => round_trip::<ChargeRequest>(name, raw),
        "cancel_response.json"
        | "charge_bank_transfer_bca_response.json"
        | "charge_bank_transfer_bni_response.json"
        | "charge_bank_transfer_permata_response.json"
        | "charge_credit_card_3ds_pending_response.json"
        | "charge_credit_card_capture_response.json"
        | "charge_echannel_response.json"
        | "charge_gopay_response.json"
        | "charge_qris_response.json"
        | "error_202_gopay_denied_response.json"
        | "expire_response_407.json"
        | "refund_response.json"
        | "status_credit_card_capture_response.json"
        | "status_partial_refund_response.json" => round_trip::<Transaction>(name, raw),
        "notification_akulaku_expire.json"
        | "notification_bank_transfer_bni_settlement.json"
        | "notification_credit_card_capture.json"
        | "notification_cstore_indomaret_settlement.json"
        | "notification_echannel_settlement.json"
        | "notification_qris_settlement.json" => {
            round_trip::<PaymentNotification>(name, raw);
            let parsed: PaymentNotification = serde_json::from_str(raw).unwrap();
            let json: Value = serde_json::from_str(raw).unwrap();
            let expected = format!(
                "{}{}{}",
                json["order_id"].as_str().unwrap(),
                json["status_code"].as_str().unwrap(),
                json["gross_amount"].as_str().unwrap()
            );
            assert_eq!(parsed.signature_input().unwrap(), expected, "{name}");
        }
        "pay_account_get_enabled_response.json" | "pay_account_link_response.json" => {
            round_trip::<PayAccount>(name, raw)
        }
        "pay_account_link_request.json" => round_trip::<PayAccountLinkRequest>(name, raw),
        "refund_request.json" => round_trip::<RefundRequest>(name, raw),
        "signature_test_vectors.json" => {
            // Not a Midtrans payload: the documented notification signature example. Its inputs,
            // read as a notification, give exactly the documented signature input.
            let vectors: Value = serde_json::from_str(raw).unwrap();
            let core = &vectors["core_notification_sha512"];
            let notification: PaymentNotification = serde_json::from_value(core.clone()).unwrap();
            assert_eq!(notification.signature_input().unwrap(), "1111200100000.00");
        }
        "snap_cancel_session_response.json" => round_trip::<SnapCancelResponse>(name, raw),
        "snap_create_transaction_request_full.json"
        | "snap_create_transaction_request_min.json" => round_trip::<SnapRequest>(name, raw),
        "snap_create_transaction_response.json" => round_trip::<SnapResponse>(name, raw),
        "snap_error_400_validation_response.json" | "snap_error_401_response.json" => {
            round_trip::<SnapErrorBody>(name, raw)
        }
        "subscription_create_request.json" => round_trip::<SubscriptionRequest>(name, raw),
        "subscription_error_400_response.json" | "subscription_error_404_response.json" => {
            round_trip::<SubscriptionErrorBody>(name, raw)
        }
        "subscription_notification_charge_success.json" => {
            round_trip::<SubscriptionNotification>(name, raw);
            let parsed: SubscriptionNotification = serde_json::from_str(raw).unwrap();
            assert!(
                matches!(parsed, SubscriptionNotification::Charge(_)),
                "{name}"
            );
        }
        "subscription_response.json" => {
            round_trip::<Subscription>(name, raw);
            let parsed: SubscriptionNotification = serde_json::from_str(raw).unwrap();
            assert!(
                matches!(parsed, SubscriptionNotification::Subscription(_)),
                "{name}"
            );
        }
        "subscription_update_response.json" => round_trip::<SubscriptionActionResponse>(name, raw),
        name if name.starts_with("snapbi_") => snap_bi(name, raw),
        "iris_approve_payouts_request.json" => {
            round_trip::<midtrans_types::iris::ApprovePayouts>(name, raw);
        }
        "iris_create_beneficiary_request.json" => {
            round_trip::<midtrans_types::iris::Beneficiary>(name, raw);
            let parsed: midtrans_types::iris::Beneficiary = serde_json::from_str(raw).unwrap();
            parsed.validate().unwrap();
        }
        "iris_create_payouts_request.json" => {
            round_trip::<midtrans_types::iris::PayoutRequest>(name, raw);
            let parsed: midtrans_types::iris::PayoutRequest = serde_json::from_str(raw).unwrap();
            parsed.validate().unwrap();
        }
        "iris_reject_payouts_request.json" => {
            round_trip::<midtrans_types::iris::RejectPayouts>(name, raw);
        }
        other => panic!("fixture {other} has no typed model: add it to `check` or to SKIPPED"),
    }
}

/// The SNAP-BI samples: each through its typed model.
fn snap_bi(name: &str, raw: &str) {
    use midtrans_types::snap_bi::*;
    let json: Value = serde_json::from_str(raw).unwrap();
    // A sample file holding several requests: each one through its own type.
    let part = |key: &str| serde_json::to_string(&json[key]).unwrap();
    match name {
        "snapbi_access_token_request_as_sent_by_sdks.json" => {
            round_trip::<AccessTokenRequest>(name, raw)
        }
        "snapbi_access_token_request_documented.json" => {
            // The docs' camelCase is read; the SDKs' snake_case is what is written.
            let parsed: AccessTokenRequest = serde_json::from_str(raw).unwrap();
            assert_eq!(parsed, AccessTokenRequest::client_credentials());
        }
        "snapbi_access_token_error_response.json" | "snapbi_access_token_response.json" => {
            round_trip::<AccessTokenResponse>(name, raw);
            let parsed: AccessTokenResponse = serde_json::from_str(raw).unwrap();
            assert_eq!(parsed.response_code.service_code(), Some("73"), "{name}");
        }
        "snapbi_cancel_refund_requests.json" => {
            round_trip::<DirectDebitCancelRequest>(
                name,
                &part("direct_debit_cancel_by_reference_no"),
            );
            round_trip::<DirectDebitCancelRequest>(
                name,
                &part("direct_debit_cancel_by_external_id"),
            );
            round_trip::<VaDeleteRequest>(name, &part("va_cancel"));
            round_trip::<QrisCancelRequest>(name, &part("qris_cancel"));
            round_trip::<DirectDebitRefundRequest>(name, &part("direct_debit_refund"));
            round_trip::<QrisRefundRequest>(name, &part("qris_refund"));
            let va: VaDeleteRequest = serde_json::from_str(&part("va_cancel")).unwrap();
            va.validate().unwrap();
            let qris: QrisRefundRequest = serde_json::from_str(&part("qris_refund")).unwrap();
            qris.validate().unwrap();
        }
        "snapbi_direct_debit_payment_request.json" => {
            // The SDKs' examples send one `urlParam` object; the docs' `urlParams` array is
            // what is written.
            let parsed: DirectDebitPaymentRequest = serde_json::from_str(raw).unwrap();
            let mut expected = json.clone();
            let object = expected.as_object_mut().unwrap();
            let one = object.remove("urlParam").unwrap();
            object.insert("urlParams".to_owned(), Value::Array(vec![one]));
            assert_eq!(serde_json::to_value(&parsed).unwrap(), expected, "{name}");
            assert_eq!(parsed.url_params.as_ref().map(Vec::len), Some(1));
        }
        "snapbi_notification_ack_response.json" => round_trip::<NotificationAck>(name, raw),
        "snapbi_notification_debit_success.json" => {
            round_trip::<PaymentNotification>(name, raw);
            let parsed: PaymentNotification = serde_json::from_str(raw).unwrap();
            assert_eq!(parsed.outcome(), PaymentOutcome::Paid);
        }
        "snapbi_notification_va_settlement.json" => {
            round_trip::<VaNotification>(name, raw);
            let parsed: VaNotification = serde_json::from_str(raw).unwrap();
            assert!(matches!(parsed, VaNotification::Snap(_)), "{name}");
            assert_eq!(parsed.outcome(), PaymentOutcome::Paid);
        }
        "snapbi_qris_generate_request.json" => {
            round_trip::<QrisGenerateRequest>(name, raw);
            let parsed: QrisGenerateRequest = serde_json::from_str(raw).unwrap();
            parsed.validate().unwrap();
        }
        "snapbi_qris_generate_response.json" => round_trip::<QrisGenerateResponse>(name, raw),
        "snapbi_status_requests.json" => {
            round_trip::<DirectDebitStatusRequest>(name, &part("direct_debit_by_external_id"));
            round_trip::<DirectDebitStatusRequest>(name, &part("direct_debit_by_reference_no"));
            round_trip::<VaStatusRequest>(name, &part("va"));
            round_trip::<QrisQueryRequest>(name, &part("qris"));
            let va: VaStatusRequest = serde_json::from_str(&part("va")).unwrap();
            va.validate().unwrap();
        }
        "snapbi_va_create_request.json" => {
            round_trip::<VaCreateRequest>(name, raw);
            let parsed: VaCreateRequest = serde_json::from_str(raw).unwrap();
            parsed.validate().unwrap();
        }
        "snapbi_va_status_response.json" => {
            round_trip::<VaStatusResponse>(name, raw);
            let parsed: VaStatusResponse = serde_json::from_str(raw).unwrap();
            assert_eq!(parsed.outcome(), PaymentOutcome::Paid);
        }
        other => panic!("fixture {other} has no typed model: add it to `snap_bi` or to SKIPPED"),
    }
}

fn round_trip<T: DeserializeOwned + Serialize>(name: &str, raw: &str) {
    let original: Value = serde_json::from_str(raw).unwrap();
    let typed: T = serde_json::from_str(raw)
        .unwrap_or_else(|e| panic!("{name} does not deserialize into its typed model: {e}"));
    let written = serde_json::to_value(&typed).unwrap();
    let mut expected = without_nulls(original);
    for (file, pointer, canonical) in NORMALIZED {
        if *file == name {
            *expected.pointer_mut(pointer).unwrap() = Value::from(*canonical);
        }
    }
    assert_eq!(written, expected, "{name} does not round-trip");
}

fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn json_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".json"))
        .collect();
    names.sort();
    names
}

#[test]
fn every_fixture_round_trips_through_its_typed_model() {
    let names = json_files(&fixtures_dir());
    assert_eq!(names.len(), 71, "in-scope fixtures: {names:?}");
    for name in &names {
        assert!(
            !SKIPPED.iter().any(|(s, _)| s == name),
            "{name} is both fixture and skipped"
        );
        let raw = std::fs::read_to_string(fixtures_dir().join(name)).unwrap();
        check(name, &raw);
    }
}

#[test]
fn every_shared_sample_is_a_fixture_or_skipped_by_name() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/samples");
    if !shared.is_dir() {
        eprintln!(
            "note: {} is absent; checked the in-repo fixtures only",
            shared.display()
        );
        return;
    }
    let fixtures = json_files(&fixtures_dir());
    let samples = json_files(&shared);
    assert_eq!(
        samples.len(),
        fixtures.len() + SKIPPED.len(),
        "new or removed samples"
    );
    for name in &samples {
        if let Some((_, product)) = SKIPPED.iter().find(|(s, _)| s == name) {
            eprintln!("skipped {name}: {product} is out of scope for midtrans-types");
            continue;
        }
        assert!(
            fixtures.contains(name),
            "sample {name} is neither a fixture nor skipped"
        );
        let ours = std::fs::read(fixtures_dir().join(name)).unwrap();
        let theirs = std::fs::read(shared.join(name)).unwrap();
        assert_eq!(
            ours, theirs,
            "fixture {name} differs from the shared sample"
        );
        check(name, &String::from_utf8(theirs).unwrap());
    }
}

#[test]
fn a_mismatched_payment_object_is_rejected_when_deserializing() {
    let raw = r#"{"payment_type":"bank_transfer","transaction_details":{"order_id":"a","gross_amount":1},
        "bank_transfer":{"bank":"bca"},"credit_card":{"token_id":"t"}}"#;
    let err = serde_json::from_str::<ChargeRequest>(raw)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("`credit_card` object cannot be sent with payment_type bank_transfer"),
        "{err}"
    );

    let raw =
        r#"{"payment_type":"credit_card","transaction_details":{"order_id":"a","gross_amount":1}}"#;
    let err = serde_json::from_str::<ChargeRequest>(raw)
        .unwrap_err()
        .to_string();
    assert!(err.contains("needs the `credit_card` object"), "{err}");

    let raw = r#"{"bank":"bni","va_number":"1","free_text":{"inquiry":[{"id":"a","en":"b"}]}}"#;
    let err = serde_json::from_str::<charge::BankTransfer>(raw)
        .unwrap_err()
        .to_string();
    assert!(err.contains("free_text is only for BCA"), "{err}");
}

#[test]
fn response_drift_decodes() {
    // Numbers where strings are documented, strings where numbers are, unknown fields and codes.
    let raw = r#"{"status_code":406,"gross_amount":10000,"installment_term":"24",
        "transaction_status":"PENDING","payment_type":"brand_new_wallet","fee_info":{"x":1}}"#;
    let tx: Transaction = serde_json::from_str(raw).unwrap();
    assert_eq!(tx.status_code, StatusCode::DUPLICATE);
    assert_eq!(
        tx.gross_amount.as_ref().unwrap().to_idr(),
        Some(Idr::new(10_000))
    );
    assert_eq!(tx.installment_term, Some(24));
    assert_eq!(tx.transaction_status, Some(TransactionStatus::Pending));
    assert_eq!(
        tx.payment_type,
        Some(PaymentType::Unknown("brand_new_wallet".into()))
    );
    assert_eq!(tx.extra["fee_info"]["x"], 1);
    assert!(!tx.is_paid());
}

#[test]
fn timestamps_parse_in_every_midtrans_format() {
    let core = Timestamp::new("2019-10-23 16:33:49").to_datetime().unwrap();
    assert_eq!(core.to_rfc3339(), "2019-10-23T16:33:49+07:00");
    let zulu = Timestamp::new("2022-10-26T04:20:00.000000Z")
        .to_datetime()
        .unwrap();
    assert_eq!(zulu.timestamp(), 1_666_758_000);
    let with_offset = Timestamp::new("2020-07-22 07:25:01 +0700")
        .to_datetime()
        .unwrap();
    assert_eq!(with_offset.to_rfc3339(), "2020-07-22T07:25:01+07:00");
    let naive = Timestamp::new("2019-05-29T09:11:01.810452");
    assert!(matches!(naive.to_datetime(), Err(TimeError::NoOffset(_))));
    assert_eq!(
        naive.to_naive().unwrap().to_string(),
        "2019-05-29 09:11:01.810452"
    );
    assert!(matches!(
        Timestamp::new("yesterday").to_datetime(),
        Err(TimeError::UnknownFormat(_))
    ));

    let utc = RequestTime::new(chrono_utc_offset("2030-01-02 03:04:05 +0000"));
    assert_eq!(utc.to_string(), "2030-01-02 03:04:05 +0000");
    let west = RequestTime::parse("1999-12-31 23:59:59 -0530").unwrap();
    assert_eq!(west.to_string(), "1999-12-31 23:59:59 -0530");
    let sent = RequestTime::jakarta(2030, 12, 20, 18, 11, 8).unwrap();
    assert_eq!(
        serde_json::to_value(sent).unwrap(),
        "2030-12-20 18:11:08 +0700"
    );
    assert_eq!(
        RequestTime::parse("2030-12-20 18:11:08 +0700").unwrap(),
        sent
    );
    assert!(RequestTime::parse("2030-12-20T18:11:08").is_err());
}

/// The digit-by-digit writer of request times agrees with chrono's own formatting over years,
/// months, days, times of day and offsets on both sides of UTC; years beyond four digits take
/// the general path, and `Display` and JSON always agree.
#[test]
fn request_times_are_written_as_chrono_writes_them() {
    use chrono::{FixedOffset, TimeZone};
    let mut checked = 0;
    for year in [0, 7, 99, 999, 1000, 1999, 2000, 2030, 9999] {
        for (month, day) in [(1, 1), (2, 28), (6, 15), (12, 31)] {
            for (hour, minute, second) in [(0, 0, 0), (9, 5, 7), (23, 59, 59)] {
                for offset in [
                    0,
                    7 * 3600,
                    -(5 * 3600 + 30 * 60),
                    14 * 3600,
                    -12 * 3600,
                    12 * 3600 + 45 * 60,
                ] {
                    let zone = FixedOffset::east_opt(offset).unwrap();
                    let at = zone
                        .with_ymd_and_hms(year, month, day, hour, minute, second)
                        .unwrap();
                    let time = RequestTime::new(at);
                    let expected = at.format("%Y-%m-%d %H:%M:%S %z").to_string();
                    assert_eq!(time.to_string(), expected);
                    assert_eq!(serde_json::to_value(time).unwrap(), Value::from(expected));
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 9 * 4 * 3 * 6);
    for year in [-1, 10_000] {
        let at = FixedOffset::east_opt(7 * 3600)
            .unwrap()
            .with_ymd_and_hms(year, 3, 4, 5, 6, 7)
            .unwrap();
        let time = RequestTime::new(at);
        let text = time.to_string();
        assert!(text.ends_with("-03-04 05:06:07 +0700"), "{text}");
        assert_eq!(serde_json::to_value(time).unwrap(), Value::from(text));
    }
}

#[test]
fn amounts_keep_the_text_received() {
    let amount: Amount = serde_json::from_str(r#""10000.00""#).unwrap();
    assert_eq!(amount.as_str(), "10000.00");
    assert_eq!(amount.to_idr(), Some(Idr::new(10_000)));
    assert_eq!(serde_json::to_string(&amount).unwrap(), r#""10000.00""#);
    assert_eq!(Amount::from(Idr::new(44_000)).as_str(), "44000.00");
    let fractional: Amount = serde_json::from_str(r#""12.50""#).unwrap();
    assert_eq!(fractional.to_idr(), None);
    assert!(serde_json::from_str::<Amount>(r#""ten""#).is_err());
}

#[test]
fn paid_means_captured_or_settled_and_not_challenged() {
    let tx = |status: &str, fraud: Option<&str>| -> Transaction {
        let mut json = serde_json::json!({"status_code": "200", "transaction_status": status});
        if let Some(fraud) = fraud {
            json["fraud_status"] = fraud.into();
        }
        serde_json::from_value(json).unwrap()
    };
    assert!(tx("settlement", None).is_paid());
    assert!(tx("capture", Some("accept")).is_paid());
    assert!(!tx("capture", Some("challenge")).is_paid());
    assert!(!tx("pending", None).is_paid());
    assert!(!tx("expire", Some("accept")).is_paid());
    assert!(TransactionStatus::Expire.is_failed());
}

#[test]
fn pay_account_notification_signature_input_is_exact() {
    let raw = r#"{"account_id":"6975fc98-8d44-490d-b50a-28d2810d6856","account_status":"ENABLED",
        "status_code":"200","signature_key":"ab","payment_type":"gopay"}"#;
    let parsed: PayAccountNotification = serde_json::from_str(raw).unwrap();
    assert_eq!(
        parsed.signature_input().unwrap(),
        "6975fc98-8d44-490d-b50a-28d2810d6856ENABLED200"
    );
    assert_eq!(
        parsed.status(),
        Some(pay_account::PayAccountStatus::Enabled)
    );
    let missing: PaymentNotification = serde_json::from_str(r#"{"status_code":"200"}"#).unwrap();
    assert_eq!(missing.signature_input().unwrap_err().0, "order_id");
}

#[test]
fn out_of_order_statuses_are_regressions() {
    use TransactionStatus::*;
    assert!(Pending.is_regression_from(&Settlement));
    assert!(Capture.is_regression_from(&Settlement));
    assert!(PartialRefund.is_regression_from(&Refund));
    assert!(!Settlement.is_regression_from(&Pending));
    assert!(
        !Settlement.is_regression_from(&Settlement),
        "a duplicate is not a regression"
    );
    assert!(!Refund.is_regression_from(&Settlement));
    assert!(!Expire.is_regression_from(&Pending));
    assert!(!TransactionStatus::parse("new").is_regression_from(&Settlement));
    assert!(!Pending.is_regression_from(&TransactionStatus::parse("new")));
}

#[test]
fn a_card_deny_after_settlement_is_a_declined_refund_not_a_reversal() {
    use TransactionStatus::*;
    let notification = |payment_type: &str, status: &str| -> PaymentNotification {
        serde_json::from_value(serde_json::json!({"status_code": "202", "order_id": "o-1",
            "payment_type": payment_type, "transaction_status": status}))
        .unwrap()
    };
    // Since 2026-03-16 the issuer may decline a card refund: the payment stays settled, so a
    // `deny` about it does not move the order backwards.
    let card_deny = notification("credit_card", "deny");
    assert!(card_deny.is_regression_from(&Settlement));
    assert!(card_deny.is_regression_from(&PartialRefund));
    // A challenged card payment denied by the merchant is a real change.
    assert!(!card_deny.is_regression_from(&Capture));
    assert!(!card_deny.is_regression_from(&Pending));
    // Permata VA, Mandiri Bill and Indomaret payments are reversed by a `deny` after
    // `settlement` (docs: transaction status cycle, reversal case): the money is gone.
    for payment_type in ["bank_transfer", "echannel", "cstore"] {
        let reversal = notification(payment_type, "deny");
        assert!(!reversal.is_regression_from(&Settlement), "{payment_type}");
        assert_eq!(reversal.outcome(), PaymentOutcome::Failed);
    }
    // Otherwise the statuses decide, as `TransactionStatus::is_regression_from` does.
    assert!(notification("credit_card", "pending").is_regression_from(&Settlement));
    assert!(!notification("credit_card", "refund").is_regression_from(&Settlement));
    let no_status: PaymentNotification =
        serde_json::from_str(r#"{"status_code":"200","payment_type":"credit_card"}"#).unwrap();
    assert!(!no_status.is_regression_from(&Settlement));
}

#[test]
fn a_static_qris_payment_is_told_apart_by_its_order_id() {
    let payment = |payment_type: &str, order_id: &str| -> PaymentNotification {
        serde_json::from_value(serde_json::json!({"status_code": "200",
            "payment_type": payment_type, "order_id": order_id, "transaction_status": "settlement"}))
        .unwrap()
    };
    assert!(payment("qris", "QRIS-20261201-8H2K").is_static_qris());
    assert!(
        !payment("qris", "order-101").is_static_qris(),
        "a dynamic QRIS charge"
    );
    assert!(!payment("gopay", "QRIS-20261201-8H2K").is_static_qris());
    let no_order: PaymentNotification =
        serde_json::from_str(r#"{"status_code":"200","payment_type":"qris"}"#).unwrap();
    assert!(!no_order.is_static_qris());
}

#[test]
fn imposed_fees_are_exposed() {
    let raw = r#"{"status_code":"200","order_id":"fee-1","gross_amount":"104000.00",
        "metadata":{"extra_info":{"gross_amount_info":{"original_amount":"100000.00"}}}}"#;
    let tx: Transaction = serde_json::from_str(raw).unwrap();
    assert_eq!(tx.original_amount().unwrap().as_str(), "100000.00");
    assert_eq!(tx.imposed_fee().unwrap().to_string(), "4000.00");
    let plain: Transaction =
        serde_json::from_str(r#"{"status_code":"200","gross_amount":"1.00"}"#).unwrap();
    assert_eq!(plain.original_amount(), None);
    assert_eq!(plain.imposed_fee(), None);
}

fn chrono_utc_offset(text: &str) -> chrono::DateTime<chrono::FixedOffset> {
    RequestTime::parse(text).unwrap().as_datetime()
}
