//! Every string-code enum: unknown values parse to `Unknown` and round-trip; serde, `FromStr`,
//! `Display` and `as_str` agree for every known value.

use std::str::FromStr;

use midtrans_types::card::{CallbackType, CardChannel, CardTransactionType, CardType};
use midtrans_types::charge::{QrisAcquirer, Store};
use midtrans_types::notification::SubscriptionEvent;
use midtrans_types::pay_account::{PayAccountStatus, PaymentOptionName};
use midtrans_types::subscription::{IntervalUnit, SubscriptionStatus};
use midtrans_types::transaction::{ActionName, HttpMethod, QrisTransactionType, RefundMethod};
use midtrans_types::*;

fn check<T>(name: &str, known: &[T])
where
    T: FromStr<Err = std::convert::Infallible>
        + std::fmt::Display
        + std::fmt::Debug
        + PartialEq
        + serde::Serialize
        + serde::de::DeserializeOwned
        + Clone,
{
    assert!(!known.is_empty(), "{name} has no known values");
    for value in known {
        let text = value.to_string();
        let json = serde_json::to_value(value).unwrap();
        assert_eq!(
            json,
            serde_json::Value::String(text.clone()),
            "{name}: serde vs Display"
        );
        assert_eq!(
            &T::from_str(&text).unwrap(),
            value,
            "{name}: FromStr vs Display"
        );
        assert_eq!(
            &serde_json::from_value::<T>(json).unwrap(),
            value,
            "{name}: serde round trip"
        );
        let debug = format!("{value:?}");
        assert!(
            !debug.starts_with("Unknown"),
            "{name}: {text} parsed as unknown"
        );
    }
    let unknown = "zz_value_from_the_future";
    let parsed: T = serde_json::from_value(serde_json::Value::from(unknown)).unwrap();
    assert!(
        format!("{parsed:?}").starts_with("Unknown"),
        "{name}: unknown value not Unknown"
    );
    assert_eq!(parsed.to_string(), unknown, "{name}: Unknown Display");
    assert_eq!(
        serde_json::to_value(&parsed).unwrap(),
        unknown,
        "{name}: Unknown serialize"
    );
    assert_eq!(
        T::from_str(unknown).unwrap(),
        parsed,
        "{name}: FromStr vs serde for Unknown"
    );
    assert!(
        serde_json::from_str::<T>("42").is_err(),
        "{name}: a number is not a code"
    );
}

macro_rules! check_all {
    ($($ty:ty),+ $(,)?) => {{
        let mut count = 0;
        $( check::<$ty>(stringify!($ty), <$ty>::KNOWN); count += 1; )+
        count
    }};
}

#[test]
fn every_enum_agrees_and_accepts_unknown_values() {
    let tested = check_all!(
        TransactionStatus,
        FraudStatus,
        PaymentType,
        EnabledPayment,
        Bank,
        Currency,
        ExpiryUnit,
        CardTransactionType,
        CardChannel,
        CardType,
        CallbackType,
        QrisAcquirer,
        Store,
        ActionName,
        QrisTransactionType,
        HttpMethod,
        RefundMethod,
        PayAccountStatus,
        PaymentOptionName,
        IntervalUnit,
        SubscriptionStatus,
        SubscriptionEvent,
        midtrans_types::snap_bi::Status,
        midtrans_types::iris::PayoutStatus,
        midtrans_types::payment_link::PaymentLinkType,
        midtrans_types::payment_link::RequiredField,
        midtrans_types::invoice::InvoiceStatus,
        midtrans_types::invoice::InvoicePaymentType,
        midtrans_types::invoice::DocumentType,
        midtrans_types::invoice::TaxMode,
        midtrans_types::invoice::TaxType,
        midtrans_types::invoice::VaBank,
    );
    // Every `string_enum!` in the crate is in the list above.
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let declared = count_in_dir(&src, "string_enum! {");
    assert_eq!(
        tested, declared,
        "an enum declared with string_enum! is not tested here"
    );
}

fn count_in_dir(dir: &std::path::Path, needle: &str) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .map(|path| {
            if path.is_dir() {
                count_in_dir(&path, needle)
            } else {
                std::fs::read_to_string(&path)
                    .unwrap()
                    .matches(needle)
                    .count()
            }
        })
        .sum()
}

#[test]
fn aliases_and_case_parse_to_the_documented_variant() {
    assert_eq!(
        TransactionStatus::parse("PENDING"),
        TransactionStatus::Pending
    );
    assert_eq!(ExpiryUnit::parse("minutes"), ExpiryUnit::Minute);
    assert_eq!(ExpiryUnit::Minute.as_str(), "minute");
    assert_eq!(Bank::parse("BCA"), Bank::Bca);
    // Equality compares the wire string, so a hand-made Unknown equals its known twin.
    assert_eq!(
        TransactionStatus::Unknown("settlement".into()),
        TransactionStatus::Settlement
    );
    assert_eq!(TransactionStatus::try_parse("new"), None);
    assert!(TransactionStatus::parse("new").is_unknown());
}

#[test]
fn status_codes_keep_their_text_and_classify() {
    let code: StatusCode = serde_json::from_str("406").unwrap();
    assert_eq!(code.as_str(), "406");
    assert!(code.is_error());
    for ok in ["200", "201", "202", "407"] {
        assert!(!StatusCode::from(ok).is_error(), "{ok}");
    }
    let odd = StatusCode::from("abc");
    assert_eq!(odd.as_u16(), None);
    assert!(!odd.is_error());
    assert_eq!(
        serde_json::to_string(&StatusCode::EXPIRED).unwrap(),
        r#""407""#
    );
}

/// Every `transaction_status` × `fraud_status` → what the merchant does: Midtrans's table
/// (<https://docs.midtrans.com/docs/https-notification-webhooks>, and the handlers in the
/// official clients' READMEs), written out case by case.
#[test]
fn every_status_and_fraud_verdict_has_an_outcome() {
    use midtrans_types::{FraudStatus, PaymentOutcome as O, TransactionStatus as S};
    let frauds = [
        None,
        Some(FraudStatus::Accept),
        Some(FraudStatus::Challenge),
        Some(FraudStatus::Deny),
        Some(FraudStatus::Unknown("flagged".into())),
    ];
    // Columns: absent, accept, challenge, deny, unknown verdict.
    let table: [(S, [O; 5]); 13] = [
        (S::Pending, [O::Pending; 5]),
        (
            S::Authorize,
            [
                O::Authorized,
                O::Authorized,
                O::Review,
                O::Failed,
                O::Review,
            ],
        ),
        (
            S::Capture,
            [O::Paid, O::Paid, O::Review, O::Failed, O::Review],
        ),
        (S::Settlement, [O::Paid; 5]),
        (S::Deny, [O::Failed; 5]),
        (S::Cancel, [O::Failed; 5]),
        (S::Expire, [O::Failed; 5]),
        (S::Failure, [O::Failed; 5]),
        (S::Refund, [O::Refunded; 5]),
        (S::PartialRefund, [O::PartiallyRefunded; 5]),
        (S::Chargeback, [O::ChargedBack; 5]),
        (S::PartialChargeback, [O::PartiallyChargedBack; 5]),
        (S::Unknown("on_hold".into()), [O::Unknown; 5]),
    ];
    for (status, row) in &table {
        for (fraud, expected) in frauds.iter().zip(row) {
            assert_eq!(
                status.outcome(fraud.as_ref()),
                *expected,
                "{status:?} with fraud {fraud:?}"
            );
        }
        // Parsed from the wire, the same.
        let parsed: S = serde_json::from_value(serde_json::json!(status.as_str())).unwrap();
        assert_eq!(parsed.outcome(None), row[0], "{status:?} from JSON");
    }
    let paid: Vec<O> = [
        O::Paid,
        O::PartiallyRefunded,
        O::Review,
        O::Authorized,
        O::Pending,
        O::Failed,
        O::Refunded,
        O::ChargedBack,
        O::PartiallyChargedBack,
        O::Unknown,
    ]
    .into_iter()
    .filter(|o| o.is_paid())
    .collect();
    assert_eq!(paid, [O::Paid, O::PartiallyRefunded]);
}

#[test]
fn a_subscription_charge_notification_tells_its_outcome() {
    use midtrans_types::{PaymentOutcome, SubscriptionNotification};
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/subscription_notification_charge_success.json");
    let body = std::fs::read_to_string(path).unwrap();
    let SubscriptionNotification::Charge(charge) = serde_json::from_str(&body).unwrap() else {
        panic!("a charge notification")
    };
    assert!(charge.transaction.created_transaction());
    assert_eq!(
        charge.transaction.outcome(),
        PaymentOutcome::Paid,
        "capture, approved"
    );
    // No transaction created: failed, retried by Midtrans per the retry schedule.
    let mut failed: serde_json::Value = serde_json::from_str(&body).unwrap();
    failed["transaction"] =
        serde_json::json!({"status_code": "500", "status_message": "no transaction"});
    let SubscriptionNotification::Charge(failed) = serde_json::from_value(failed).unwrap() else {
        panic!("a charge notification")
    };
    assert!(!failed.transaction.created_transaction());
    assert_eq!(failed.transaction.outcome(), PaymentOutcome::Failed);
}
