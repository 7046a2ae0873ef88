//! The events `midtrans trigger` sends: each a notification body in the shape Midtrans sends
//! it, and the scheme that signs it.

use std::fmt::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

/// How a notification is signed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scheme {
    /// `signature_key` in the body: SHA-512 of order id, status code, gross amount and the
    /// server key (payments; pay accounts over account id, status and code).
    Core,
    /// Not signed by Midtrans (subscription events): verify them by asking the API.
    Unsigned,
    /// `X-SIGNATURE` and `X-TIMESTAMP`: SHA256withRSA over the method, path, body hash and
    /// time.
    SnapBi,
    /// `Iris-Signature`: SHA-512 of the body and the merchant key.
    Iris,
}

impl Scheme {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Scheme::Core => "core",
            Scheme::Unsigned => "unsigned",
            Scheme::SnapBi => "snap-bi",
            Scheme::Iris => "iris",
        }
    }
}

/// An event: its name, scheme and what it is.
pub(crate) struct Event {
    pub(crate) name: &'static str,
    pub(crate) scheme: Scheme,
    pub(crate) about: &'static str,
}

/// Every event, in the order `midtrans events` lists them.
pub(crate) const EVENTS: &[Event] = &[
    Event {
        name: "pending",
        scheme: Scheme::Core,
        about: "a BCA virtual account waiting for the transfer (status 201)",
    },
    Event {
        name: "settlement",
        scheme: Scheme::Core,
        about: "the BCA virtual account paid",
    },
    Event {
        name: "capture",
        scheme: Scheme::Core,
        about: "a card payment captured, fraud status accept",
    },
    Event {
        name: "challenge",
        scheme: Scheme::Core,
        about: "a card payment captured, fraud status challenge",
    },
    Event {
        name: "deny",
        scheme: Scheme::Core,
        about: "a card payment denied by the bank (status 202)",
    },
    Event {
        name: "expire",
        scheme: Scheme::Core,
        about: "a virtual account not paid in time (status 202)",
    },
    Event {
        name: "cancel",
        scheme: Scheme::Core,
        about: "a card payment cancelled",
    },
    Event {
        name: "refund",
        scheme: Scheme::Core,
        about: "a GoPay payment refunded in full",
    },
    Event {
        name: "partial_refund",
        scheme: Scheme::Core,
        about: "a GoPay payment refunded in part",
    },
    Event {
        name: "chargeback",
        scheme: Scheme::Core,
        about: "a card payment charged back",
    },
    Event {
        name: "subscription",
        scheme: Scheme::Unsigned,
        about: "a subscription's card charge (subscription.charge)",
    },
    Event {
        name: "pay_account",
        scheme: Scheme::Core,
        about: "a GoPay account linked (ENABLED)",
    },
    Event {
        name: "snap-bi-direct-debit",
        scheme: Scheme::SnapBi,
        about: "a SNAP-BI direct debit paid (/v1.0/debit/notify)",
    },
    Event {
        name: "snap-bi-qris",
        scheme: Scheme::SnapBi,
        about: "a SNAP-BI QRIS payment (/v1.0/qr/qr-mpm-notify)",
    },
    Event {
        name: "snap-bi-va",
        scheme: Scheme::SnapBi,
        about: "a SNAP-BI virtual account paid (/v1.0/transfer-va/payment)",
    },
    Event {
        name: "iris-payout",
        scheme: Scheme::Iris,
        about: "an Iris payout completed",
    },
    Event {
        name: "iris-top-up",
        scheme: Scheme::Iris,
        about: "the Iris balance topped up",
    },
];

/// `midtrans events`'s text.
pub(crate) fn listing() -> String {
    let mut text = String::from("Events of `midtrans trigger <event> --to <url>`:\n");
    for event in EVENTS {
        let _ = writeln!(
            text,
            "  {:<22} {:<9} {}",
            event.name,
            event.scheme.name(),
            event.about
        );
    }
    text
}

/// The event called `name`.
pub(crate) fn find(name: &str) -> Option<&'static Event> {
    EVENTS.iter().find(|event| event.name == name)
}

/// The status a payment had before this event's, for `--out-of-order` (sent after it, as
/// Midtrans sometimes delivers an older status late).
pub(crate) fn earlier(name: &str) -> Option<&'static str> {
    match name {
        "settlement" | "expire" => Some("pending"),
        "refund" | "partial_refund" => Some("settlement"),
        "cancel" | "chargeback" => Some("capture"),
        _ => None,
    }
}

/// Something unique enough for test ids: the clock's nanoseconds.
fn stamp() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// An id of the UUID form, for transaction ids (not random enough for anything else).
fn uuid_like() -> String {
    let hex = format!(
        "{:032x}",
        stamp().wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835)
    );
    let part = |from: usize, to: usize| hex.get(from..to).unwrap_or("0");
    format!(
        "{}-{}-4{}-a{}-{}",
        part(0, 8),
        part(8, 12),
        part(13, 16),
        part(17, 20),
        part(20, 32)
    )
}

/// The current time as the Core API writes it (`2026-12-01 10:00:00`, Jakarta).
fn core_time() -> String {
    // The simulator's SNAP-BI clock is Jakarta's; its first 19 characters, with a space.
    let iso = midtrans_mock::snap_bi::timestamp();
    iso.get(..19).unwrap_or(&iso).replacen('T', " ", 1)
}

/// The body of event `name` for `order_id`, before signing.
pub(crate) fn body(name: &str, order_id: &str) -> Option<Value> {
    let time = core_time();
    let transaction_id = uuid_like();
    let payment = |status: &str, code: &str, payment_type: &str| {
        json!({
            "transaction_time": time,
            "transaction_status": status,
            "transaction_id": transaction_id,
            "status_message": "midtrans payment notification",
            "status_code": code,
            "payment_type": payment_type,
            "order_id": order_id,
            "merchant_id": "G123456789",
            "gross_amount": "10000.00",
            "fraud_status": "accept",
            "currency": "IDR",
        })
    };
    let with = |mut body: Value, more: Value| {
        if let (Value::Object(map), Value::Object(more)) = (&mut body, more) {
            map.extend(more);
        }
        body
    };
    let va = json!({"va_numbers": [{"bank": "bca", "va_number": "12345678901"}]});
    let card =
        json!({"masked_card": "48111111-1114", "bank": "bni", "card_type": "credit", "eci": "05"});
    Some(match name {
        "pending" => with(payment("pending", "201", "bank_transfer"), va),
        "settlement" => with(
            payment("settlement", "200", "bank_transfer"),
            with(va, json!({"settlement_time": time})),
        ),
        "expire" => with(payment("expire", "202", "bank_transfer"), va),
        "capture" => with(payment("capture", "200", "credit_card"), card),
        "challenge" => with(
            with(payment("capture", "200", "credit_card"), card),
            json!({"fraud_status": "challenge"}),
        ),
        "deny" => with(
            with(payment("deny", "202", "credit_card"), card),
            json!({"channel_response_code": "05", "channel_response_message": "Do not honour"}),
        ),
        "cancel" => with(payment("cancel", "200", "credit_card"), card),
        "chargeback" => with(payment("chargeback", "200", "credit_card"), card),
        "refund" | "partial_refund" => {
            let (status, amount) = if name == "refund" {
                ("refund", "10000.00")
            } else {
                ("partial_refund", "4000.00")
            };
            with(
                payment(status, "200", "gopay"),
                json!({"refund_amount": amount, "settlement_time": time, "refunds": [{
                    "refund_chargeback_id": 1, "refund_amount": amount, "created_at": time,
                    "reason": "midtrans trigger", "refund_key": format!("{order_id}-refund-1"),
                    "refund_method": "online", "bank_confirmed_at": time}]}),
            )
        }
        "subscription" => json!({
            "event_name": "subscription.charge",
            "transaction": {"transaction_status": "capture", "transaction_id": transaction_id,
                "status_code": "200", "order_id": order_id,
                "channel_response_message": "Approved", "channel_response_code": "00"},
            "subscription": {"id": uuid_like(), "name": "MONTHLY-PLAN", "status": "active",
                "amount": "10000", "currency": "IDR", "payment_type": "credit_card",
                "token": "48111111JMUIocDPQoVTfKUhpNKX1114", "merchant_id": "G123456789",
                "schedule": {"interval": 1, "interval_unit": "month", "current_interval": 1,
                    "start_time": time, "next_execution_at": time}},
        }),
        "pay_account" => json!({
            "account_id": uuid_like(),
            "account_status": "ENABLED",
            "status_code": "200",
            "payment_type": "gopay",
        }),
        "snap-bi-direct-debit" | "snap-bi-qris" => json!({
            "originalPartnerReferenceNo": order_id,
            "originalReferenceNo": format!("A1{}", stamp() % 10_u128.pow(18)),
            "merchantId": "G123456789",
            "amount": {"value": "10000.00", "currency": "IDR"},
            "latestTransactionStatus": "00",
            "transactionStatusDesc": "SUCCESS",
            "additionalInfo": {"refundHistory": []},
        }),
        "snap-bi-va" => json!({
            "partnerServiceId": "   70012",
            "customerNo": "345678901",
            "virtualAccountNo": "   70012345678901",
            "virtualAccountName": "Budi Utomo",
            "trxId": order_id,
            "paymentRequestId": uuid_like(),
            "paidAmount": {"value": "10000.00", "currency": "IDR"},
            "trxDateTime": midtrans_mock::snap_bi::timestamp(),
            "latestTransactionStatus": "00",
            "transactionStatusDesc": "Settlement",
            "additionalInfo": {"merchantId": "G123456789"},
        }),
        "iris-payout" => json!({
            "reference_no": order_id,
            "amount": "150000.0",
            "status": "completed",
            "updated_at": midtrans_mock::snap_bi::timestamp(),
        }),
        "iris-top-up" => json!({
            "transaction_id": transaction_id,
            "order_id": order_id,
            "gross_amount": "1000000.00",
            "status": "topup",
            "transaction_time": time,
        }),
        _ => return None,
    })
}

/// A fresh order id (or reference number) for an event.
pub(crate) fn order_id(name: &str) -> String {
    let prefix = if name.starts_with("iris") {
        "ref"
    } else {
        "order"
    };
    format!("{prefix}-{}", stamp() / 1_000_000)
}

/// The path SNAP-BI signs for an event when the URL has none of its own.
pub(crate) fn snap_bi_path(name: &str) -> &'static str {
    match name {
        "snap-bi-qris" => "/v1.0/qr/qr-mpm-notify",
        "snap-bi-va" => "/v1.0/transfer-va/payment",
        _ => "/v1.0/debit/notify",
    }
}
