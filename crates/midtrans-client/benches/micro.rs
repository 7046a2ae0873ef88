//! Micro-benchmarks: `cargo bench -p midtrans-client --features test-util --bench micro`.
//!
//! What a call costs on top of the network: building and serializing a full Snap request,
//! decoding charge and status answers, verifying and parsing a notification, and one call
//! through the whole pipeline (request building, classifier, decoding) over a mock transport.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use divan::{black_box, Bencher};
use midtrans::notification::signature;
use midtrans::transport::MockTransport;
use midtrans::types::charge::{self, ChargeRequest};
use midtrans::types::snap::{self, SnapRequest};
use midtrans::types::*;
use midtrans::{Client, RequestBody, RetryPolicy, ServerKey};

fn main() {
    divan::main();
}

const CHARGE: &str =
    include_str!("../../midtrans-types/tests/fixtures/charge_bank_transfer_bca_response.json");
const STATUS: &str =
    include_str!("../../midtrans-types/tests/fixtures/status_partial_refund_response.json");
const NOTIFICATION: &str =
    include_str!("../../midtrans-types/tests/fixtures/notification_credit_card_capture.json");
const KEY: &str = "SB-Mid-server-BENCH";

/// The full Snap request of the samples (`snap_create_transaction_request_full.json`), built
/// through the builders (with a valid order id) and turned into the body the client sends
/// (`RequestBody::into_json`, which validates again, since a request may also have been
/// deserialized, and serializes).
#[divan::bench(sample_count = 2000)]
fn snap_request_build_and_serialize() -> Vec<u8> {
    body(&full_snap_request())
}

fn body(request: &SnapRequest) -> Vec<u8> {
    RequestBody::<SnapRequest>::into_json(request).unwrap()
}

/// Building alone.
#[divan::bench(sample_count = 2000)]
fn snap_request_build() -> SnapRequest {
    full_snap_request()
}

/// Turning a built request into the body alone.
#[divan::bench(sample_count = 2000)]
fn snap_request_serialize(bencher: Bencher) {
    let request = full_snap_request();
    bencher.bench(|| body(black_box(&request)));
}

/// For reference, not a target: serde_json writing the same document from an untyped
/// `serde_json::Value` built up front (no validation, no building) — what serializing this
/// document costs in serde_json itself.
#[divan::bench(sample_count = 2000)]
fn snap_document_value_serialize(bencher: Bencher) {
    let value = serde_json::to_value(full_snap_request()).unwrap();
    bencher.bench(|| serde_json::to_vec(black_box(&value)).unwrap());
}

fn full_snap_request() -> SnapRequest {
    SnapRequest::builder(TransactionDetails::new(
        black_box("py-midtransclient-test-2030-12-20"),
        Idr::new(10_000),
    ))
    .item(
        ItemDetails::new("Midtrans Bear", Idr::new(10_000), 1)
            .id("ITEM1")
            .brand("Midtrans")
            .category("Toys")
            .merchant_name("Midtrans"),
    )
    .customer_details(
        CustomerDetails::new()
            .first_name("John")
            .last_name("Watson")
            .email("test@example.com")
            .phone("+628123456")
            .billing_address(
                Address::new()
                    .first_name("John")
                    .last_name("Watson")
                    .email("test@example.com")
                    .phone("081 2233 44-55")
                    .address("Sudirman")
                    .city("Jakarta")
                    .postal_code("12190")
                    .country_code("IDN"),
            )
            .shipping_address(
                Address::new()
                    .first_name("John")
                    .last_name("Watson")
                    .email("test@example.com")
                    .phone("0 8128-75 7-9338")
                    .address("Sudirman")
                    .city("Jakarta")
                    .postal_code("12190")
                    .country_code("IDN"),
            ),
    )
    .enabled_payments([
        EnabledPayment::CreditCard,
        EnabledPayment::CimbClicks,
        EnabledPayment::BcaKlikbca,
        EnabledPayment::BcaKlikpay,
        EnabledPayment::BriEpay,
        EnabledPayment::Echannel,
        EnabledPayment::PermataVa,
        EnabledPayment::BcaVa,
        EnabledPayment::BniVa,
        EnabledPayment::BriVa,
        EnabledPayment::CimbVa,
        EnabledPayment::OtherVa,
        EnabledPayment::Gopay,
        EnabledPayment::Indomaret,
        EnabledPayment::DanamonOnline,
        EnabledPayment::Akulaku,
        EnabledPayment::Shopeepay,
        EnabledPayment::Kredivo,
        EnabledPayment::UobEzpay,
        EnabledPayment::OtherQris,
    ])
    .credit_card(
        snap::CreditCard::new()
            .secure(true)
            .channel(card::CardChannel::Migs)
            .bank(Bank::Bca)
            .installment(
                snap::Installment::new()
                    .required(false)
                    .terms_for(&Bank::Bni, [3, 6, 12])
                    .terms_for(&Bank::Mandiri, [3, 6, 12])
                    .terms_for(&Bank::Cimb, [3])
                    .terms_for(&Bank::Bca, [3, 6, 12])
                    .offline_terms([6, 12]),
            )
            .whitelist_bins(["48111111", "41111111"])
            .dynamic_descriptor(snap::DynamicDescriptor::new(
                "Fuji Apple Inc",
                "Jakarta",
                "ID",
            )),
    )
    .bca_va(
        snap::BcaVaOptions::new()
            .va_number("12345678911")
            .sub_company_code("00000"),
    )
    .bni_va(snap::VaOptions::new("12345678"))
    .bri_va(snap::VaOptions::new("1234567891234"))
    .permata_va(
        snap::PermataVaOptions::new()
            .va_number("1234567890")
            .recipient_name("SUDARSONO"),
    )
    .shopeepay(snap::CallbackOptions::new("http://shopeepay.com"))
    .gopay(
        snap::GopayOptions::new()
            .enable_callback(true)
            .callback_url("http://gopay.com"),
    )
    .callbacks(snap::Callbacks::finish("https://demo.midtrans.com"))
    .expiry(
        snap::Expiry::new(1, ExpiryUnit::Minute)
            .start_time(RequestTime::jakarta(2030, 12, 20, 18, 11, 8).unwrap()),
    )
    .page_expiry(snap::PageExpiry::new(3, ExpiryUnit::Hour))
    .custom_field1("custom field 1 content")
    .custom_field2("custom field 2 content")
    .custom_field3("custom field 3 content")
    .build()
    .unwrap()
}

#[divan::bench(sample_count = 2000)]
fn decode_charge_response() -> Transaction {
    serde_json::from_str(black_box(CHARGE)).unwrap()
}

#[divan::bench(sample_count = 2000)]
fn decode_status_response() -> Transaction {
    serde_json::from_str(black_box(STATUS)).unwrap()
}

#[divan::bench(sample_count = 2000)]
fn verify_and_parse_notification(bencher: Bencher) {
    let key = ServerKey::new(KEY).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(NOTIFICATION).unwrap();
    let input = format!(
        "{}{}{}",
        value["order_id"].as_str().unwrap(),
        value["status_code"].as_str().unwrap(),
        value["gross_amount"].as_str().unwrap()
    );
    value["signature_key"] = signature(&input, &key).into();
    let body = serde_json::to_vec(&value).unwrap();
    bencher.bench(|| midtrans::notification::verify(black_box(&body), &[&key]).unwrap());
}

fn pipeline(bencher: Bencher, status: u16, answer: &'static str) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let mock = MockTransport::new();
    let client = Client::builder()
        .server_key(KEY)
        .retry_policy(RetryPolicy::none())
        .transport(mock.clone())
        .build()
        .unwrap();
    bencher.bench_local(|| {
        mock.push_json(status, answer);
        let result = runtime.block_on(client.transactions().status("example-1424936368").send());
        mock.take_requests(); // keeps the mock's record from growing across iterations
        result
    });
}

/// A successful status call through request building, the classifier and decoding.
#[divan::bench(sample_count = 2000)]
fn pipeline_status_success(bencher: Bencher) {
    pipeline(bencher, 200, STATUS);
}

/// An error answer (body 406 under HTTP 200) through the classifier.
#[divan::bench(sample_count = 2000)]
fn pipeline_classified_error(bencher: Bencher) {
    pipeline(
        bencher,
        200,
        r#"{"status_code":"406","status_message":"duplicate","id":"x"}"#,
    );
}

fn charge_pipeline(bencher: Bencher, policy: RetryPolicy) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let mock = MockTransport::new();
    let client = Client::builder()
        .server_key(KEY)
        .retry_policy(policy)
        .transport(mock.clone())
        .build()
        .unwrap();
    let request = ChargeRequest::builder(
        TransactionDetails::new("order-101", Idr::new(44_000)),
        charge::BankTransfer::bca(),
    )
    .build()
    .unwrap();
    bencher.bench_local(|| {
        mock.push_json(201, CHARGE);
        let result = runtime.block_on(client.core().charge(black_box(&request)).send());
        mock.take_requests();
        result
    });
}

/// A BCA virtual account charge with the default retry policy, so an idempotency key is
/// generated and sent (compare `pipeline_charge_unkeyed`).
#[divan::bench(sample_count = 2000)]
fn pipeline_charge_keyed(bencher: Bencher) {
    charge_pipeline(bencher, RetryPolicy::default());
}

/// The same charge tried once, without a key.
#[divan::bench(sample_count = 2000)]
fn pipeline_charge_unkeyed(bencher: Bencher) {
    charge_pipeline(bencher, RetryPolicy::none());
}

/// Validation alone (part of `snap_request_serialize`).
#[divan::bench(sample_count = 2000)]
fn snap_request_validate(bencher: Bencher) {
    let request = full_snap_request();
    bencher.bench(|| black_box(&request).validate().is_ok());
}

/// Dropping a built request alone (part of `snap_request_build_and_serialize`): the frees of
/// its strings.
#[divan::bench(sample_count = 2000)]
fn snap_request_drop(bencher: Bencher) {
    bencher
        .with_inputs(full_snap_request)
        .bench_local_values(drop);
}
