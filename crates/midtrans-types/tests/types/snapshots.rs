//! The JSON our builders put on the wire: the requests of the official Python client's README,
//! one charge per payment type, and builder output compared with real samples.

use insta::assert_json_snapshot;
use midtrans_types::charge::*;
use midtrans_types::pay_account::PayAccountLinkRequest;
use midtrans_types::snap::{self, SnapRequest};
use midtrans_types::subscription::{
    IntervalUnit, Schedule, ScheduleUpdate, SubscriptionRequest, SubscriptionUpdate,
};
use midtrans_types::*;
use serde_json::{json, Value};

fn details(order_id: &str, amount: u64) -> TransactionDetails {
    TransactionDetails::new(order_id, Idr::new(amount))
}

fn charge(payment: impl Into<PaymentMethod>) -> Value {
    let request = ChargeRequest::builder(details("order-101", 44_000), payment)
        .build()
        .unwrap();
    serde_json::to_value(request).unwrap()
}

fn fixture(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn readme_snap_param() {
    let request = SnapRequest::builder(details("test-transaction-123", 200_000))
        .credit_card(snap::CreditCard::new().secure(true))
        .build()
        .unwrap();
    assert_json_snapshot!("readme_snap_param", request);
}

#[test]
fn readme_credit_card_charge() {
    let request = ChargeRequest::builder(
        details("test-transaction-54321", 12_145),
        CreditCard::new("CREDIT_CARD_TOKEN").authentication(true),
    )
    .build()
    .unwrap();
    assert_json_snapshot!("readme_credit_card_charge", request);
}

#[test]
fn readme_subscription() {
    let start = RequestTime::jakarta(2021, 10, 1, 7, 25, 1).unwrap();
    let request = SubscriptionRequest::credit_card(
        "SUBSCRIPTION-STARTER-1",
        Idr::new(100_000),
        &SavedTokenId::new("436502qFfqfAQKScMtPRPdZDOaeg7199"),
        Schedule::new(1, IntervalUnit::Month)
            .max_interval(3u32)
            .start_time(start),
    )
    .metadata(
        json!({"description": "Recurring payment for STARTER 1"})
            .as_object()
            .unwrap()
            .clone(),
    )
    .customer_details(
        CustomerDetails::new()
            .first_name("John A")
            .last_name("Doe A")
            .email("johndoe@email.com")
            .phone("+62812345678"),
    )
    .build()
    .unwrap();
    assert_json_snapshot!("readme_subscription", request);
}

#[test]
fn readme_subscription_update() {
    let update = SubscriptionUpdate::builder()
        .name("SUBSCRIPTION-STARTER-1-UPDATE")
        .amount(Idr::new(100_000))
        .currency(Currency::Idr)
        .token("436502qFfqfAQKScMtPRPdZDOaeg7199")
        .schedule(ScheduleUpdate::new().interval(1u32))
        .build()
        .unwrap();
    assert_json_snapshot!("readme_subscription_update", update);
}

#[test]
fn readme_gopay_link() {
    let request = PayAccountLinkRequest::gopay("81234567891", "62")
        .redirect_url("https://mywebstore.com/gopay-linking-finish")
        .build()
        .unwrap();
    assert_json_snapshot!("readme_gopay_link", request);
}

#[test]
fn readme_refund() {
    let request = RefundRequest::builder()
        .refund_key("order1-ref1")
        .amount(Idr::new(5_000))
        .reason("Item out of stock")
        .build()
        .unwrap();
    assert_json_snapshot!("readme_refund", request);
}

#[test]
fn one_charge_per_payment_type() {
    let free_text = FreeText::new()
        .inquiry(FreeTextLine::new("Teks bebas", "Free text"))
        .payment(FreeTextLine::new("Terima kasih", "Thank you"));
    let cases: Vec<(&str, PaymentMethod)> = vec![
        (
            "charge_credit_card",
            CreditCard::new("48111111-1114-80d5df78-be87-41e0-b4e2-1a0f4e2ea6ae")
                .authentication(true)
                .bank(Bank::Bni)
                .transaction_type(card::CardTransactionType::Authorize)
                .save_token_id(true)
                .into(),
        ),
        (
            "charge_bank_transfer_bca",
            BcaVa::new()
                .va_number("12345678901")
                .free_text(free_text)
                .sub_company_code("00000")
                .into(),
        ),
        (
            "charge_bank_transfer_bni",
            BankTransfer::Bni(VaOptions::new("12345678")).into(),
        ),
        (
            "charge_bank_transfer_bri",
            BankTransfer::Bri(VaOptions::new("1234567891234")).into(),
        ),
        ("charge_bank_transfer_cimb", BankTransfer::cimb().into()),
        (
            "charge_bank_transfer_permata",
            PermataVa::new().recipient_name("SUDARSONO").into(),
        ),
        (
            "charge_echannel",
            Echannel::new("Payment:", "Online purchase").into(),
        ),
        (
            "charge_gopay",
            Gopay::new()
                .enable_callback(true)
                .callback_url("someapps://callback")
                .into(),
        ),
        (
            "charge_shopeepay",
            Shopeepay::new()
                .callback_url("https://example.com/done")
                .into(),
        ),
        (
            "charge_qris",
            Qris::new().acquirer(QrisAcquirer::Gopay).into(),
        ),
        (
            "charge_cstore_indomaret",
            Cstore::Indomaret {
                message: Some("Pembayaran".into()),
            }
            .into(),
        ),
        (
            "charge_cstore_alfamart",
            Cstore::Alfamart {
                free_text_1: Some("1st row of receipt,".into()),
                free_text_2: None,
                free_text_3: None,
            }
            .into(),
        ),
        ("charge_kredivo", PaymentMethod::Kredivo),
        ("charge_uob_ezpay", UobEzpay::new().into()),
        (
            "charge_bca_klikpay",
            BcaKlikpay::new("Pembelian barang")
                .misc_fee(Idr::new(0))
                .into(),
        ),
        (
            "charge_bca_klikbca",
            BcaKlikbca::new("Pembelian barang", "midtrans1012").into(),
        ),
        (
            "charge_cimb_clicks",
            CimbClicks::new("Pembelian barang").into(),
        ),
        ("charge_danamon_online", PaymentMethod::DanamonOnline),
        ("charge_bri_epay", PaymentMethod::BriEpay),
    ];
    for (name, payment) in cases {
        assert_json_snapshot!(name, charge(payment));
    }
    // Akulaku needs items with ids and a customer.
    let akulaku = ChargeRequest::builder(details("order-101", 44_000), PaymentMethod::Akulaku)
        .item(ItemDetails::new("Ayam Zozozo", Idr::new(21_000), 1).id("item01"))
        .item(ItemDetails::new("Ayam Xoxoxo", Idr::new(23_000), 1).id("item02"))
        .customer_details(
            CustomerDetails::new()
                .first_name("budi")
                .email("noreply@example.com"),
        )
        .build()
        .unwrap();
    assert_json_snapshot!("charge_akulaku", akulaku);
}

#[test]
fn builders_reproduce_the_samples_exactly() {
    let bca = ChargeRequest::builder(
        details("order-101c-1571823229", 44_000),
        BcaVa::new().va_number("12345678901").free_text(
            FreeText::new()
                .inquiry(FreeTextLine::new(
                    "Your Custom Text in ID language",
                    "Your Custom Text in EN language",
                ))
                .payment(FreeTextLine::new(
                    "Your Custom Text in ID language",
                    "Your Custom Text in EN language",
                )),
        ),
    )
    .customer_details(
        CustomerDetails::new()
            .email("noreply@example.com")
            .first_name("budi")
            .last_name("utomo")
            .phone("+6281 1234 1234"),
    )
    .item(ItemDetails::new("Ayam Zozozo", Idr::new(21_000), 1).id("item01"))
    .item(ItemDetails::new("Ayam Xoxoxo", Idr::new(23_000), 1).id("item02"))
    .build()
    .unwrap();
    assert_eq!(
        serde_json::to_value(bca).unwrap(),
        fixture("charge_bank_transfer_bca_request.json")
    );

    let expiry = ChargeRequest::builder(details("C17550", 145_000), BankTransfer::permata())
        .custom_expiry(
            CustomExpiry::new(60, ExpiryUnit::Minute)
                .order_time(RequestTime::jakarta(2016, 12, 7, 11, 54, 12).unwrap()),
        )
        .custom_field1("custom field 1 content")
        .metadata(
            json!({"you": "can", "put": "any", "parameter": "you like"})
                .as_object()
                .unwrap()
                .clone(),
        )
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_value(expiry).unwrap(),
        fixture("charge_custom_expiry_metadata_request.json")
    );

    let subscription = SubscriptionRequest::credit_card(
        "MONTHLY_2019",
        Idr::new(14_000),
        &SavedTokenId::new("48111111sHfSakAvHvFQFEjTivUV1114"),
        Schedule::new(1, IntervalUnit::Month)
            .max_interval(12u32)
            .start_time(RequestTime::jakarta(2020, 7, 22, 7, 25, 1).unwrap()),
    )
    .retry_schedule(subscription::RetrySchedule::new(1, IntervalUnit::Day, 3))
    .metadata(
        json!({"description": "Recurring payment for A"})
            .as_object()
            .unwrap()
            .clone(),
    )
    .customer_details(
        CustomerDetails::new()
            .first_name("John")
            .last_name("Doe")
            .email("johndoe@email.com")
            .phone("+62812345678"),
    )
    .build()
    .unwrap();
    assert_eq!(
        serde_json::to_value(subscription).unwrap(),
        fixture("subscription_create_request.json")
    );

    let capture =
        CaptureRequest::partial("be4f3e44-d6ee-4355-8c64-c1d1dc7f4590", Idr::new(145_000)).unwrap();
    assert_eq!(
        serde_json::to_value(capture).unwrap(),
        fixture("capture_request.json")
    );

    let link = PayAccountLinkRequest::gopay("81234567891", "62")
        .redirect_url("https://mywebstore.com/gopay-linking-finish")
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_value(link).unwrap(),
        fixture("pay_account_link_request.json")
    );
}

#[test]
fn snap_builder_writes_every_catalog_field() {
    let request = SnapRequest::builder(details("ORDER-101", 10_000))
        .item(
            ItemDetails::new("Midtrans Bear", Idr::new(10_000), 1)
                .id("ITEM1")
                .brand("Midtrans"),
        )
        .customer_details(
            CustomerDetails::new()
                .first_name("John")
                .billing_address(
                    Address::new()
                        .city("Jakarta")
                        .postal_code("12190")
                        .country_code("IDN"),
                )
                .shipping_address(Address::new().address("Sudirman")),
        )
        .enabled_payments([
            EnabledPayment::CreditCard,
            EnabledPayment::BcaVa,
            EnabledPayment::OtherQris,
        ])
        .credit_card(
            snap::CreditCard::new()
                .secure(true)
                .save_card(true)
                .channel(card::CardChannel::Migs)
                .bank(Bank::Bca)
                .transaction_type(card::CardTransactionType::AuthorizeCapture)
                .whitelist_bins(["48111111", "bni"])
                .installment(
                    snap::Installment::new()
                        .required(false)
                        .terms_for(&Bank::Bni, [3, 6, 12])
                        .offline_terms([6, 12]),
                )
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
        .cimb_va(snap::VaOptions::new("123456789012"))
        .permata_va(
            snap::PermataVaOptions::new()
                .va_number("1234567890")
                .recipient_name("SUDARSONO"),
        )
        .gopay(
            snap::GopayOptions::new()
                .enable_callback(true)
                .callback_url("https://example.com/gopay")
                .tokenization(true),
        )
        .shopeepay(snap::CallbackOptions::new("https://example.com/shopeepay"))
        .uob_ezpay(snap::CallbackOptions::new("https://example.com/uob"))
        .cstore(snap::CstoreOptions::new().alfamart_free_text_1("Terima kasih"))
        .callbacks(
            snap::Callbacks::finish("https://example.com/finish")
                .error("https://example.com/error"),
        )
        .expiry(
            snap::Expiry::new(1, ExpiryUnit::Day)
                .start_time(RequestTime::jakarta(2030, 12, 20, 18, 11, 8).unwrap()),
        )
        .page_expiry(snap::PageExpiry::new(3, ExpiryUnit::Hour))
        .recurring(
            snap::Recurring::new()
                .required(true)
                .interval_unit(subscription::IntervalUnit::Month),
        )
        .user_id("user-42")
        .custom_field1("a")
        .custom_field2("b")
        .custom_field3("c")
        .metadata(json!({"channel": "web"}).as_object().unwrap().clone())
        .build()
        .unwrap();
    assert_json_snapshot!("snap_every_field", request);
}
