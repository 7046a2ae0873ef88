//! Payment Link on the wire: every field name as the docs spell it (a snapshot of a request
//! with every field, and the docs' own sample read and written back with the same keys), the
//! documented answers read, and the rules `build()` checks.

use std::collections::BTreeSet;

use crate::paths;
use insta::assert_json_snapshot;
use midtrans_types::payment_link::*;
use midtrans_types::snap::{BcaVaOptions, Callbacks, CreditCard, PermataVaOptions, VaOptions};
use midtrans_types::*;
use serde_json::{json, Value};

/// The docs' sample request (docs.midtrans.com/reference/create-payment-link).
fn docs_sample() -> Value {
    json!({
      "transaction_details": {"order_id": "001", "gross_amount": 190000, "payment_link_id": "for-payment-123"},
      "customer_required": true,
      "credit_card": {
        "secure": true, "bank": "bca",
        "installment": {"required": false, "disabled": false,
          "terms": {"bni": [3, 6, 12], "mandiri": [3, 6, 12], "cimb": [3], "bca": [3, 6, 12], "offline": [6, 12]}}
      },
      "usage_limit": 1,
      "expiry": {"start_time": "2022-04-01 18:00 +0700", "duration": 20, "unit": "days"},
      "enabled_payments": ["credit_card", "bca_va", "indomaret"],
      "item_details": [{"id": "pil-001", "name": "Pillow", "price": 95000, "quantity": 2,
        "brand": "Midtrans", "category": "Furniture", "merchant_name": "PT. Midtrans"}],
      "customer_details": {"first_name": "John", "last_name": "Doe", "email": "john.doe@midtrans.com",
        "phone": "+62181000000000",
        "notes": "Thank you for your purchase. Please follow the instructions to pay.",
        "customer_details_required_fields": ["first_name", "phone", "email"]},
      "title": "test title",
      "payment_link_type": "DYNAMIC_AMOUNT",
      "dynamic_amount": {"min_amount": 5000, "max_amount": 5000, "preset_amount": 5000},
      "custom_field1": "custom field 1 content",
      "custom_field2": "custom field 2 content",
      "custom_field3": "custom field 3 content",
      "callbacks": {"finish": "https://www.google.com?merchant_order_id=test-122"}
    })
}

#[test]
fn the_docs_sample_is_read_and_written_back_with_every_key() {
    let sample = docs_sample();
    let request: PaymentLinkRequest = serde_json::from_value(sample.clone()).unwrap();
    let written = serde_json::to_value(&request).unwrap();
    let (mut want, mut got) = (BTreeSet::new(), BTreeSet::new());
    paths(&sample, "", &mut want);
    paths(&written, "", &mut got);
    assert_eq!(want, got, "keys lost or added");
    // Written back as sent, but for the two forms this crate writes in full: the start time
    // with its seconds, the unit in the singular the field table names.
    let mut normalized = sample;
    normalized["expiry"]["start_time"] = json!("2022-04-01 18:00:00 +0700");
    normalized["expiry"]["unit"] = json!("day");
    assert_eq!(written, normalized);
}

#[test]
fn a_link_with_every_field_on_the_wire() {
    let link = PaymentLinkRequest::fixed("concert-ticket-05", Idr::new(190_000), 100)
        .payment_link_id("concert-2026-9f1c2b7e")
        .title("Concert ticket")
        .item(ItemDetails::new("Ticket", Idr::new(95_000), 2).id("tix-001"))
        .customer(
            PaymentLinkCustomer::new()
                .first_name("Budi")
                .last_name("Utomo")
                .email("budi@example.com")
                .phone("+628111222333")
                .notes("Pay before the show")
                .customer_details_required_fields([RequiredField::FirstName, RequiredField::Email]),
            true,
        )
        .expires_after(7, ExpiryUnit::Day)
        .enabled_payments([
            EnabledPayment::CreditCard,
            EnabledPayment::BcaVa,
            EnabledPayment::Gopay,
        ])
        .callbacks(Callbacks::finish("https://shop.example/paid"))
        .credit_card(CreditCard::new().secure(true))
        .bca_va(BcaVaOptions::new().va_number("12345678901"))
        .bni_va(VaOptions::new("12345678"))
        .bri_va(VaOptions::new("1234567890123"))
        .cimb_va(VaOptions::new("123456789012"))
        .permata_va(
            PermataVaOptions::new()
                .va_number("1234567890")
                .recipient_name("BUDI"),
        )
        .custom_field1("seat A-12")
        .custom_field2("gate 3")
        .custom_field3("vip")
        .build()
        .unwrap();
    assert_json_snapshot!("payment_link_every_field", link);
    let dynamic = PaymentLinkRequest::dynamic(
        "donation-7",
        DynamicAmount::new()
            .min_amount(Idr::new(10_000))
            .max_amount(Idr::new(1_000_000))
            .preset_amount(Idr::new(50_000)),
        1_000,
    )
    .build()
    .unwrap();
    assert_json_snapshot!("payment_link_dynamic", dynamic);
}

#[test]
fn the_documented_answers_are_read() {
    let created: PaymentLinkCreated = serde_json::from_value(json!({
        "order_id": "concert-ticket-05",
        "payment_url": "https://app.sandbox.midtrans.com/payment-links/amazing-ticket-payment-123"
    }))
    .unwrap();
    assert_eq!(
        created.payment_link_id(),
        Some("amazing-ticket-payment-123")
    );
    let link: PaymentLink = serde_json::from_value(json!({
        "id": "1",
        "payment_link_url": "https://app.midtrans.com/payment-links/abc",
        "order_id": "001",
        "payment_link_type": "FIXED_AMOUNT",
        "merchant_id": "M001",
        "payment_link_id": "abc",
        "enabled_payments": ["credit_card", "bca_va", "indomaret"],
        "usage_limit": 2,
        "gross_amount": 190000,
        "credit_card_3d_secure": true,
        "whitelist_bins": ["4645", "4811111", "bca", "mandiri"],
        "expiry_start": "2020-12-31 18:00 +0700",
        "expiry_duration": 2,
        "expiry_unit": "days",
        "usage": 2,
        "purchases": [{"id": 49118, "snap_token": "4fdbd319-0706-4cc7-9fb5-508bf8824886",
            "order_id": "1525840754698-1658897316-1658897332986", "payment_status": "EXPIRE",
            "payment_method": "BANK_TRANSFER"}]
    }))
    .unwrap();
    assert_eq!(link.expiry_unit, Some(ExpiryUnit::Day));
    assert_eq!(link.usage, Some(2));
    assert_eq!(link.extra["credit_card_3d_secure"], true);
    let purchase = &link.purchases[0];
    assert_eq!(purchase.payment_status.as_deref(), Some("EXPIRE"));
    assert_eq!(
        link_order_id(purchase.order_id.as_deref().unwrap()),
        Some("1525840754698-1658897316")
    );
    let deleted: PaymentLinkDeleted =
        serde_json::from_value(json!({"message": "Payment Link with Order ID 001 deleted"}))
            .unwrap();
    assert!(deleted.message.ends_with("deleted"));
}

#[test]
fn build_checks_the_documented_rules() {
    let field =
        |result: Result<PaymentLinkRequest, BuildError>| result.unwrap_err().field().to_owned();
    assert!(PaymentLinkRequest::fixed("o".repeat(36), 1_000, 1)
        .build()
        .is_ok());
    assert_eq!(
        field(PaymentLinkRequest::fixed("o".repeat(37), 1_000, 1).build()),
        "transaction_details.order_id"
    );
    assert_eq!(
        field(PaymentLinkRequest::fixed("bad id", 1_000, 1).build()),
        "transaction_details.order_id"
    );
    assert_eq!(
        field(PaymentLinkRequest::fixed("o-1", 0, 1).build()),
        "transaction_details.gross_amount"
    );
    assert_eq!(
        field(PaymentLinkRequest::fixed("o-1", 1_000, 0).build()),
        "usage_limit"
    );
    assert_eq!(
        field(PaymentLinkRequest::fixed("o-1", 1_000, 1_000_001).build()),
        "usage_limit"
    );
    assert!(PaymentLinkRequest::fixed("o-1", 1_000, 1_000_000)
        .build()
        .is_ok());
    assert_eq!(
        field(
            PaymentLinkRequest::fixed("o-1", 1_000, 1)
                .payment_link_id("UPPER")
                .build()
        ),
        "transaction_details.payment_link_id"
    );
    assert_eq!(
        field(
            PaymentLinkRequest::fixed("o-1", 1_000, 1)
                .payment_link_id("x".repeat(51))
                .build()
        ),
        "transaction_details.payment_link_id"
    );
    assert_eq!(
        field(
            PaymentLinkRequest::fixed("o-1", 1_000, 1)
                .item(ItemDetails::new("A", Idr::new(999), 1))
                .build()
        ),
        "transaction_details.gross_amount"
    );
    assert_eq!(
        field(
            PaymentLinkRequest::fixed("o-1", 1_000, 1)
                .title("t".repeat(41))
                .build()
        ),
        "title"
    );
    assert_eq!(
        field(
            PaymentLinkRequest::fixed("o-1", 1_000, 1)
                .expires_after(30, ExpiryUnit::Second)
                .build()
        ),
        "expiry"
    );
    let upside_down = DynamicAmount::new()
        .min_amount(Idr::new(10_000))
        .max_amount(Idr::new(5_000));
    assert_eq!(
        field(PaymentLinkRequest::dynamic("o-1", upside_down, 1).build()),
        "dynamic_amount"
    );
    assert_eq!(
        field(
            PaymentLinkRequest::fixed("o-1", 1_000, 1)
                .customer(PaymentLinkCustomer::new().phone("0".repeat(21)), false)
                .build()
        ),
        "customer_details.phone"
    );
}
