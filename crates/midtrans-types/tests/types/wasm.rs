//! The WebAssembly claim, run in a browser: on `wasm32-unknown-unknown`, in headless Chromium
//! (`.ci/run` drives it through `wasm-bindgen-test-runner` and ChromeDriver), a Snap request is
//! built and validated, refused input gives its typed error, and notifications and transactions
//! parse with the outcome a merchant acts on. The fixtures are compiled in: a browser has no
//! file system.

use midtrans_types::snap::SnapRequest;
use midtrans_types::*;
use serde_json::{json, Value};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Proof the suite runs in a page, not in Node.js or a worker: a browser's main thread has a
/// `window` global. Read through `Reflect` so the suite needs no `web-sys`.
#[wasm_bindgen_test]
fn the_suite_runs_in_a_browser_page() {
    let global = js_sys::global();
    let window = js_sys::Reflect::get(&global, &"window".into()).unwrap();
    assert!(window.is_object(), "no window global: not a browser page");
    let agent = js_sys::Reflect::get(&window, &"navigator".into())
        .and_then(|navigator| js_sys::Reflect::get(&navigator, &"userAgent".into()))
        .unwrap();
    let agent = agent.as_string().unwrap();
    assert!(agent.contains("Chrome"), "user agent: {agent}");
}

#[wasm_bindgen_test]
fn a_snap_request_is_built_validated_and_written_as_midtrans_reads_it() {
    let request = SnapRequest::builder(TransactionDetails::new("wasm-order-1", 45_000))
        .item(ItemDetails::new("T-shirt", 20_000, 2))
        .item(ItemDetails::new("Shipping", 5_000, 1))
        .enabled_payments([EnabledPayment::Gopay, EnabledPayment::BcaVa])
        .customer_details(CustomerDetails::new().first_name("Budi"))
        .build()
        .unwrap();
    request.validate().unwrap();
    assert_eq!(request.order_id().as_str(), "wasm-order-1");
    let wire = serde_json::to_value(&request).unwrap();
    assert_eq!(
        wire["transaction_details"],
        json!({"order_id": "wasm-order-1", "gross_amount": 45000})
    );
    assert_eq!(wire["enabled_payments"], json!(["gopay", "bca_va"]));
    assert_eq!(wire["item_details"][0]["quantity"], json!(2));
    assert_eq!(wire["customer_details"]["first_name"], json!("Budi"));
}

#[wasm_bindgen_test]
fn refused_input_gives_its_typed_error_in_the_browser_too() {
    // The items add up to 45,000, not 40,000.
    let err = SnapRequest::builder(TransactionDetails::new("wasm-order-2", 40_000))
        .item(ItemDetails::new("T-shirt", 20_000, 2))
        .item(ItemDetails::new("Shipping", 5_000, 1))
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "transaction_details.gross_amount");
    assert_eq!(
        err.kind(),
        &BuildErrorKind::AmountMismatch {
            gross_amount: Idr::new(40_000),
            items_sum: 45_000,
        }
    );
    assert!(err.to_string().contains("gross_amount"), "{err}");
    let err = SnapRequest::builder(TransactionDetails::new("order with spaces", 1))
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "transaction_details.order_id");
}

/// Every notification fixture, with the outcome its status and fraud verdict mean.
const NOTIFICATIONS: &[(&str, &str, PaymentOutcome)] = &[
    (
        "notification_akulaku_expire.json",
        include_str!("../fixtures/notification_akulaku_expire.json"),
        PaymentOutcome::Failed,
    ),
    (
        "notification_bank_transfer_bni_settlement.json",
        include_str!("../fixtures/notification_bank_transfer_bni_settlement.json"),
        PaymentOutcome::Paid,
    ),
    (
        "notification_credit_card_capture.json",
        include_str!("../fixtures/notification_credit_card_capture.json"),
        PaymentOutcome::Paid,
    ),
    (
        "notification_cstore_indomaret_settlement.json",
        include_str!("../fixtures/notification_cstore_indomaret_settlement.json"),
        PaymentOutcome::Paid,
    ),
    (
        "notification_echannel_settlement.json",
        include_str!("../fixtures/notification_echannel_settlement.json"),
        PaymentOutcome::Paid,
    ),
    (
        "notification_qris_settlement.json",
        include_str!("../fixtures/notification_qris_settlement.json"),
        PaymentOutcome::Paid,
    ),
];

#[wasm_bindgen_test]
fn notifications_parse_lose_no_field_and_say_what_to_do() {
    for (name, text, outcome) in NOTIFICATIONS {
        let notification: PaymentNotification = serde_json::from_str(text).unwrap();
        assert_eq!(notification.outcome(), *outcome, "{name}");
        let order_id = notification.order_id.as_ref().unwrap().as_str();
        let input = notification.signature_input().unwrap();
        assert!(input.starts_with(order_id), "{name}: {input}");
        // Nothing is dropped on the way through the typed model.
        let back = serde_json::to_value(&notification).unwrap();
        let original: Value = serde_json::from_str(text).unwrap();
        for (field, value) in original.as_object().unwrap() {
            if !value.is_null() {
                assert_eq!(back.get(field), Some(value), "{name}: {field}");
            }
        }
    }
}

#[wasm_bindgen_test]
fn a_transaction_status_parses_with_its_refunds_amounts_and_times() {
    let text = include_str!("../fixtures/status_partial_refund_response.json");
    let transaction: Transaction = serde_json::from_str(text).unwrap();
    assert_eq!(
        transaction.transaction_status,
        Some(TransactionStatus::PartialRefund)
    );
    assert_eq!(transaction.outcome(), PaymentOutcome::PartiallyRefunded);
    assert_eq!(
        transaction.gross_amount.as_ref().map(Amount::as_str),
        Some("30000.00")
    );
    assert_eq!(
        transaction.refund_amount.as_ref().and_then(Amount::to_idr),
        Some(Idr::new(12_000))
    );
    assert_eq!(transaction.refunds.as_ref().map(Vec::len), Some(2));
    // Jakarta time, read with chrono inside the browser.
    let at = transaction
        .transaction_time
        .as_ref()
        .unwrap()
        .to_datetime()
        .unwrap();
    assert_eq!(at.to_rfc3339(), "2015-02-26T14:39:33+07:00");
}

#[wasm_bindgen_test]
fn snap_bi_requests_and_notifications_work_in_the_browser_too() {
    use midtrans_types::snap_bi::{Money, QrisGenerateRequest, ResponseCode, VaNotification};
    let request = QrisGenerateRequest::new("wasm-qris-1", Money::idr(Idr::new(44_000)))
        .merchant_id("M001234")
        .acquirer("gopay");
    request.validate().unwrap();
    let wire = serde_json::to_value(&request).unwrap();
    assert_eq!(
        wire["amount"],
        json!({"value": "44000.00", "currency": "IDR"})
    );
    let text = include_str!("../fixtures/snapbi_notification_va_settlement.json");
    let notification: VaNotification = serde_json::from_str(text).unwrap();
    assert!(matches!(notification, VaNotification::Snap(_)));
    assert_eq!(notification.outcome(), PaymentOutcome::Paid);
    assert_eq!(ResponseCode::new("2002500").service_code(), Some("25"));
}
