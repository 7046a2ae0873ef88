//! Invoicing on the wire: the docs' sample request read and written back with every key, a
//! snapshot of an invoice with taxes and of a quotation, the documented answers read, and the
//! limits `build()` checks.

use std::collections::BTreeSet;

use crate::paths;
use insta::assert_json_snapshot;
use midtrans_types::invoice::*;
use midtrans_types::snap::{Callbacks, Expiry};
use midtrans_types::*;
use serde_json::{json, Value};

fn at(day: u32) -> RequestTime {
    RequestTime::jakarta(2026, 12, day, 9, 0, 0).unwrap()
}

#[test]
fn the_docs_sample_is_read_and_written_back_with_every_key() {
    // docs.midtrans.com/reference/create-invoice, payment-link sample; the docs send
    // `amount`'s fields as strings, which this crate writes as the integers the field table
    // names.
    let sample = json!({"order_id":"7950c36a-d267-4f25-bb03-7a82b00z168t","invoice_number":"7128c81b-cde5-4c33-8777-4d1d0fcd6377",
     "due_date":"2025-08-06 20:03:04 +0700","invoice_date":"2025-01-06 20:03:04 +0700","invoice_title":"INVOICE","invoice_paid_title":"INVOICE",
     "customer_details":{"id":"customer_id","name":"merchant A","email":"merchant@midtrans.com","phone":"82313123123"},
     "payment_type":"payment_link","reference":"reference",
     "item_details":[{"item_id":"SKU1111","description":"midtrans pillow","quantity":1,"price":2000}],"notes":"just a notes",
     "payment_link":{"is_custom_expiry":true,"enabled_payments":["bca_va"],
       "credit_card":{"secure":true,"type":"authorize","bank":"bni","whitelist_bins":["48111111"],
         "installment":{"required":true,"terms":{"mandiri":[3],"bca":[3],"bni":[3],"bri":[3],"cimb":[3],"maybank":[3],"offline":[3]}}},
       "expiry":{"unit":"day","duration":1,"start_time":"2025-02-21 09:48:29 +0700"},"callbacks":{"finish":"https://google.com"}},
     "amount":{"discount":1000,"shipping":11},"tax_mode":"exclusive","taxes":[{"name":"PPN","type":"percentage","value":0.2}]});
    let request: InvoiceRequest = serde_json::from_value(sample.clone()).unwrap();
    request.validate().unwrap();
    let written = serde_json::to_value(&request).unwrap();
    let (mut want, mut got) = (BTreeSet::new(), BTreeSet::new());
    paths(&sample, "", &mut want);
    paths(&written, "", &mut got);
    assert_eq!(want, got, "keys lost or added");
    assert_eq!(written, sample);
}

#[test]
fn invoices_and_quotations_on_the_wire() {
    let invoice = InvoiceRequest::virtual_accounts(
        "inv-2026-0042",
        "INV/2026/0042",
        at(1),
        at(15),
        InvoiceCustomer::new("PT Maju Jaya")
            .id("cust-7")
            .email("finance@majujaya.example")
            .phone("6281234567890"),
        [
            InvoiceItem::new("Consulting hour", 12, 1_500_000).item_id("CONS-H"),
            InvoiceItem::new("Travel", 1, 750_000).discount_percentage(10),
        ],
        [
            InvoiceVa::new(VaBank::BcaVa).number("12345678901"),
            InvoiceVa::new(VaBank::PermataVa),
        ],
    )
    .invoice_title("INVOICE")
    .invoice_paid_title("PAID")
    .reference("PO-991")
    .notes("Thank you")
    .amount(InvoiceAmount::new().discount(50_000).shipping(20_000))
    .taxes(TaxMode::Exclusive, [Tax::percentage("PPN", 11.into())])
    .build()
    .unwrap();
    assert_json_snapshot!("invoice_virtual_accounts", invoice);
    let quotation = InvoiceRequest::payment_link(
        "quo-2026-0007",
        "QUO/2026/0007",
        at(1),
        at(20),
        InvoiceCustomer::new("Budi"),
        [InvoiceItem::new("Website", 1, 25_000_000)],
        InvoicePaymentLink::new([EnabledPayment::BcaVa, EnabledPayment::CreditCard])
            .expires(Expiry::new(30, ExpiryUnit::Day))
            .callbacks(Callbacks::finish("https://shop.example/thanks")),
    )
    .quotation(at(1), at(10))
    .no_tax()
    .build()
    .unwrap();
    let json = serde_json::to_value(&quotation).unwrap();
    assert_eq!(json["tax_mode"], Value::Null, "null is sent: no tax");
    assert!(json.as_object().unwrap().contains_key("tax_mode"));
    assert_json_snapshot!("invoice_quotation", quotation);
}

#[test]
fn the_documented_answers_are_read() {
    // docs.midtrans.com/reference/get-invoice, the quotation sample.
    let quotation: Invoice = serde_json::from_value(json!({"order_id":"1777432336","invoice_number":"7128c81b-cde5-4c33-8777-4d1d0fcd6377","invoice_title":null,"invoice_paid_title":null,
     "published_date":null,"due_date":"2026-08-07 03:03:04 +0700","invoice_date":"2026-07-21 03:03:04 +0700","paid_date":null,"reference":null,
     "customer_details":{"id":"customer_id","name":"merchant A","email":null,"phone":null,"notes":null},
     "item_details":[{"item_id":"SKU1111","description":"Metal Gear REX","quantity":1,"price":200,"discount_percentage":null,"discount_amount":null}],
     "id":"69f1770fd083f01f1976f0e0","status":"published","gross_amount":11524,"pdf_url":null,"paid_pdf_url":null,
     "payment_type":"payment_link","virtual_accounts":[{"number":"12345678901","bank":"bca_va"}],"payment_link_url":null,
     "amount":{"vat":12313,"discount":1000,"shipping":11,"vat_type":"fixed","total_tax":null,"base_amount":null},
     "external_group_id":null,"tax_mode":"exclusive","taxes":[{"name":"PPN","type":"percentage","value":10,"calculated_amount":100}],
     "document_type":"quotation","quotation_date":"2026-07-07 03:03:04 +0700","quotation_title":"QUOTATION TITLE",
     "quotation_validity_date":"2026-08-07 03:03:04 +0700","quotation_pdf_url":"https://assets.stg.midtrans.com/quotations/6dJ6EvGb",
     "quotation_terms_conditions":"QUOTATION TERMS & CONDITION","converted_at":null,"created_as":"quotation",
     "quotation_published_date":"2026-04-29 10:12:15 +0700"}))
    .unwrap();
    assert_eq!(quotation.status, InvoiceStatus::Published);
    assert_eq!(quotation.document_type, Some(DocumentType::Quotation));
    assert_eq!(quotation.created_as, Some(DocumentType::Quotation));
    assert_eq!(quotation.gross_amount, Some(11_524.into()));
    assert_eq!(quotation.virtual_accounts[0].bank, VaBank::BcaVa);
    let taxes = quotation.taxes.unwrap();
    assert_eq!(taxes[0].calculated_amount, Some(100.into()));
    assert_eq!(quotation.extra["quotation_title"], "QUOTATION TITLE");
    // Both spellings of a cancelled quotation.
    for text in ["\"canceled\"", "\"cancelled\""] {
        let status: InvoiceStatus = serde_json::from_str(text).unwrap();
        assert_eq!(status, InvoiceStatus::Canceled);
    }
    let voided: VoidAnswer = serde_json::from_str(r#"{"success": true}"#).unwrap();
    assert!(voided.success);
}

#[test]
fn build_checks_the_documented_limits() {
    let items = || [InvoiceItem::new("Pillow", 1, 10_000)];
    let base = || {
        InvoiceRequest::virtual_accounts(
            "inv-1",
            "INV-1",
            at(1),
            at(2),
            InvoiceCustomer::new("Budi"),
            items(),
            [InvoiceVa::new(VaBank::BcaVa)],
        )
    };
    let field = |r: Result<InvoiceRequest, BuildError>| r.unwrap_err().field().to_owned();
    assert!(base().build().is_ok());
    let with = |order: &str,
                number: &str,
                due: u32,
                customer: InvoiceCustomer,
                items: Vec<InvoiceItem>,
                vas: Vec<InvoiceVa>| {
        InvoiceRequest::virtual_accounts(order, number, at(2), at(due), customer, items, vas)
            .build()
    };
    let budi = || InvoiceCustomer::new("Budi");
    let bca = || vec![InvoiceVa::new(VaBank::BcaVa)];
    let one = || items().to_vec();
    assert_eq!(
        field(with(&"o".repeat(37), "N", 9, budi(), one(), bca())),
        "order_id"
    );
    assert_eq!(
        field(with("inv-1", &"n".repeat(41), 9, budi(), one(), bca())),
        "invoice_number"
    );
    assert_eq!(
        field(with("inv-1", "N", 2, budi(), one(), bca())),
        "due_date"
    );
    assert_eq!(
        field(with(
            "inv-1",
            "N",
            9,
            InvoiceCustomer::new("b".repeat(41)),
            one(),
            bca()
        )),
        "customer_details.name"
    );
    assert_eq!(
        field(with("inv-1", "N", 9, budi().phone("081234"), one(), bca())),
        "customer_details.phone"
    );
    assert_eq!(
        field(with(
            "inv-1",
            "N",
            9,
            budi().phone("6281-234"),
            one(),
            bca()
        )),
        "customer_details.phone"
    );
    assert_eq!(
        field(with("inv-1", "N", 9, budi(), vec![], bca())),
        "item_details"
    );
    assert_eq!(
        field(with(
            "inv-1",
            "N",
            9,
            budi(),
            vec![InvoiceItem::new("Free", 1, 0)],
            bca()
        )),
        "item_details"
    );
    assert_eq!(
        field(with(
            "inv-1",
            "N",
            9,
            budi(),
            vec![InvoiceItem::new("A", 0, 10)],
            bca()
        )),
        "item_details[0].quantity"
    );
    assert_eq!(
        field(with(
            "inv-1",
            "N",
            9,
            budi(),
            vec![InvoiceItem::new("A", 1, 100_000_000)],
            bca()
        )),
        "item_details[0].price"
    );
    assert_eq!(
        field(with(
            "inv-1",
            "N",
            9,
            budi(),
            vec![InvoiceItem::new("A", 1, 10).discount_percentage(101)],
            bca()
        )),
        "item_details[0].discount_percentage"
    );
    assert_eq!(
        field(with("inv-1", "N", 9, budi(), one(), vec![])),
        "virtual_accounts"
    );
    assert_eq!(
        field(with(
            "inv-1",
            "N",
            9,
            budi(),
            one(),
            vec![InvoiceVa::new(VaBank::BcaVa).number("1234567890")]
        )),
        "virtual_accounts[0].number"
    );
    assert!(with(
        "inv-1",
        "N",
        9,
        budi(),
        one(),
        vec![InvoiceVa::new(VaBank::BniVa).number("12345678")]
    )
    .is_ok());
    assert_eq!(
        field(with(
            "inv-1",
            "N",
            9,
            budi(),
            one(),
            vec![InvoiceVa::new(VaBank::BniVa).number("123456789")]
        )),
        "virtual_accounts[0].number"
    );
    assert_eq!(field(base().taxes(TaxMode::Inclusive, []).build()), "taxes");
    assert_eq!(
        field(
            base()
                .amount(InvoiceAmount::new().vat(1_000))
                .taxes(TaxMode::Exclusive, [Tax::percentage("PPN", 11.into())])
                .build()
        ),
        "amount.vat"
    );
    assert_eq!(
        field(base().quotation(at(5), at(4)).build()),
        "quotation_validity_date"
    );
    assert_eq!(field(base().notes("n".repeat(1001)).build()), "notes");
    let no_methods = InvoiceRequest::payment_link(
        "inv-1",
        "N",
        at(1),
        at(2),
        budi(),
        items(),
        InvoicePaymentLink::new([]),
    )
    .build();
    assert_eq!(field(no_methods), "payment_link.enabled_payments");
}
