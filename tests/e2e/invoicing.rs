//! Invoicing end to end over loopback: the client (feature `invoicing`) against the
//! simulator — an invoice paid into its virtual account (the payment's notification verified),
//! a quotation converted, an invoice paid through its payment link, and voids as the docs
//! allow them.

use midtrans::types::invoice::{
    ConvertQuotation, DocumentType, InvoiceCustomer, InvoiceItem, InvoicePaymentLink,
    InvoiceRequest, InvoiceStatus, InvoiceVa, Tax, TaxMode, VaBank, VoidInvoice,
};
use midtrans::types::{EnabledPayment, PaymentOutcome, RequestTime};
use midtrans::Error;

use crate::{order_id, setup, Receiver};

fn days(from_now: i64) -> RequestTime {
    RequestTime::new((chrono::Utc::now() + chrono::Duration::days(from_now)).fixed_offset())
}

fn lines() -> [InvoiceItem; 2] {
    [
        InvoiceItem::new("Consulting hour", 2, 100_000),
        InvoiceItem::new("Travel", 1, 50_000).discount_percentage(10),
    ]
}

async fn control(mock: &midtrans_mock::MockServer, path: &str) -> u16 {
    reqwest::Client::new()
        .post(format!("{}/_mock/{path}", mock.core_url()))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn an_invoice_is_paid_into_its_virtual_account_and_notified() {
    let notified = Receiver::start(200).await;
    let (mock, client) = setup(Some(&notified.url)).await;
    let order = order_id("inv");
    let invoice = InvoiceRequest::virtual_accounts(
        order.as_str(),
        "INV/2026/0001",
        days(0),
        days(14),
        InvoiceCustomer::new("PT Maju Jaya").email("finance@majujaya.example"),
        lines(),
        [InvoiceVa::new(VaBank::BcaVa)],
    )
    .taxes(TaxMode::Exclusive, [Tax::percentage("PPN", 11.into())])
    .build()
    .unwrap();
    // One key, sent twice (a retry after a lost answer): one invoice.
    let created = client
        .invoices()
        .create(&invoice)
        .idempotency_key(format!("create-{order}"))
        .await
        .unwrap();
    let again = client
        .invoices()
        .create(&invoice)
        .idempotency_key(format!("create-{order}"))
        .await
        .unwrap();
    assert_eq!(created.id, again.id);
    assert_eq!(mock.retained().invoices, 1);
    assert_eq!(created.status, InvoiceStatus::Pending);
    // 200,000 + 45,000 (10% off 50,000) = 245,000, and 11% PPN on top.
    assert_eq!(created.gross_amount, Some(271_950.into()));
    let va = &created.virtual_accounts[0];
    assert_eq!(va.bank, VaBank::BcaVa);
    assert!(va.number.as_deref().is_some_and(|n| !n.is_empty()));
    // Without the key, the same order id is a duplicate.
    let duplicate = client.invoices().create(&invoice).await.unwrap_err();
    assert!(
        matches!(&duplicate, Error::Api(api) if api.http_status() == 409),
        "{duplicate:?}"
    );

    // The customer pays into the virtual account: an ordinary payment, notified and signed.
    assert_eq!(
        control(&mock, &format!("orders/{order}-bca_va/pay")).await,
        200
    );
    notified.wait_for(2).await;
    let raw = notified.bodies.lock().unwrap().clone();
    let paid = raw
        .iter()
        .map(|body| client.transactions().notification(body).unwrap())
        .find(|n| n.outcome() == PaymentOutcome::Paid)
        .expect("the payment was notified");
    assert_eq!(paid.order_id().as_str(), format!("{order}-bca_va"));
    assert_eq!(paid.gross_amount().as_str(), "271950.00");

    let read = client.invoices().get(&created.id).await.unwrap();
    assert_eq!(read.status, InvoiceStatus::Paid);
    let paid_date = read.paid_date.as_deref().unwrap_or_default();
    assert!(paid_date.ends_with(" +0700"), "{paid_date}");
    let late = client
        .invoices()
        .void(&created.id, &VoidInvoice::cancel())
        .await
        .unwrap_err();
    assert!(late.to_string().contains("cannot be canceled"), "{late}");
    mock.shutdown().await;
}

#[tokio::test]
async fn a_quotation_is_converted_into_a_payable_invoice_and_voided() {
    let (mock, client) = setup(None).await;
    let quotation = InvoiceRequest::virtual_accounts(
        order_id("quo").as_str(),
        "QUO/2026/0001",
        days(0),
        days(30),
        InvoiceCustomer::new("Budi"),
        lines(),
        [InvoiceVa::new(VaBank::BniVa)],
    )
    .quotation(days(0), days(7))
    .build()
    .unwrap();
    let created = client.invoices().create(&quotation).await.unwrap();
    assert_eq!(created.status, InvoiceStatus::Published);
    assert_eq!(created.document_type, Some(DocumentType::Quotation));
    assert!(created.virtual_accounts.is_empty(), "nothing to pay yet");
    let converted = client
        .invoices()
        .convert(
            &created.id,
            &ConvertQuotation::with_client(
                InvoiceCustomer::new("Budi Utomo").email("budi@example.com"),
            ),
        )
        .await
        .unwrap();
    assert_eq!(converted.status, InvoiceStatus::Pending);
    assert_eq!(converted.document_type, Some(DocumentType::Invoice));
    assert_eq!(converted.created_as, Some(DocumentType::Quotation));
    assert!(converted.converted_at.is_some());
    assert_eq!(converted.virtual_accounts[0].bank, VaBank::BniVa);
    assert_eq!(converted.extra["customer_details"]["name"], "Budi Utomo");
    // Converted once only.
    let twice = client
        .invoices()
        .convert(&created.id, &ConvertQuotation::new())
        .await
        .unwrap_err();
    assert!(
        matches!(&twice, Error::Api(api) if api.http_status() == 409),
        "{twice:?}"
    );
    // A pending invoice can be voided.
    let voided = client
        .invoices()
        .void(&created.id, &VoidInvoice::cancel())
        .await
        .unwrap();
    assert!(voided.success);
    let read = client.invoices().get(&created.id).await.unwrap();
    assert_eq!(read.status, InvoiceStatus::Voided);

    // A published quotation voided as the client's rejection.
    let rejected = InvoiceRequest::virtual_accounts(
        order_id("quo").as_str(),
        "QUO/2026/0002",
        days(0),
        days(30),
        InvoiceCustomer::new("Siti"),
        lines(),
        [InvoiceVa::new(VaBank::BriVa)],
    )
    .quotation(days(0), days(7))
    .build()
    .unwrap();
    let created = client.invoices().create(&rejected).await.unwrap();
    client
        .invoices()
        .void(&created.id, &VoidInvoice::rejected_by_client())
        .await
        .unwrap();
    let read = client.invoices().get(&created.id).await.unwrap();
    assert_eq!(read.status, InvoiceStatus::Rejected);
    let unknown = client
        .invoices()
        .get("000000000000000000000000")
        .await
        .unwrap_err();
    assert!(
        matches!(&unknown, Error::Api(api) if api.is_not_found()),
        "{unknown:?}"
    );
    mock.shutdown().await;
}

#[tokio::test]
async fn an_invoice_is_paid_through_its_payment_link() {
    let (mock, client) = setup(None).await;
    let invoice = InvoiceRequest::payment_link(
        order_id("inv-link").as_str(),
        "INV/2026/0003",
        days(0),
        days(14),
        InvoiceCustomer::new("Budi"),
        lines(),
        InvoicePaymentLink::new([EnabledPayment::Gopay, EnabledPayment::BcaVa]),
    )
    .build()
    .unwrap();
    let created = client.invoices().create(&invoice).await.unwrap();
    let url = created.payment_link_url.clone().expect("a payment link");
    assert!(url.contains("/payment-links/"), "{url}");
    assert_eq!(
        control(&mock, &format!("invoices/{}/pay", created.id)).await,
        200
    );
    let read = client.invoices().get(&created.id).await.unwrap();
    assert_eq!(read.status, InvoiceStatus::Paid);
    // The link was single-use.
    let page = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(&url)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 410);
    mock.shutdown().await;
}
