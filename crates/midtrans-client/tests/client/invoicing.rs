//! Invoicing (feature `invoicing`): creation carries one `X-Idempotency-Key` per call on the
//! Core host — reused on retries, never on a later call, never the Core API's
//! `Idempotency-Key` — and get, void and convert go to the invoice's id.

use std::time::Duration;

use midtrans::transport::MockTransport;
use midtrans::types::invoice::{
    ConvertQuotation, InvoiceCustomer, InvoiceItem, InvoiceRequest, InvoiceStatus, InvoiceVa,
    VaBank, VoidInvoice,
};
use midtrans::types::RequestTime;
use midtrans::{Client, Environment, Error, RetryPolicy};

const ANSWER: &str = r#"{"id":"65e7e8e657389830d04836fc","order_id":"inv-1","status":"pending","gross_amount":20000,"virtual_accounts":[{"bank":"bca_va","number":"12345678901"}]}"#;

fn invoice() -> InvoiceRequest {
    InvoiceRequest::virtual_accounts(
        "inv-1",
        "INV-1",
        RequestTime::jakarta(2026, 12, 1, 9, 0, 0).unwrap(),
        RequestTime::jakarta(2026, 12, 15, 9, 0, 0).unwrap(),
        InvoiceCustomer::new("Budi"),
        [InvoiceItem::new("Pillow", 2, 10_000)],
        [InvoiceVa::new(VaBank::BcaVa)],
    )
    .build()
    .unwrap()
}

fn header(request: &midtrans::transport::HttpRequest, name: &str) -> Option<String> {
    request
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
}

#[tokio::test]
async fn creation_keeps_one_x_idempotency_key_across_retries_and_never_reuses_it() {
    let mock = MockTransport::new();
    let client = Client::builder()
        .environment(Environment::Sandbox)
        .server_key("SB-Mid-server-TEST")
        .retry_policy(RetryPolicy::with_retries(2).delays(
            Duration::from_millis(1),
            Duration::from_millis(2),
            Duration::from_secs(5),
        ))
        .transport(mock.clone())
        .build()
        .unwrap();
    mock.push_error(midtrans::TransportErrorKind::Io);
    mock.push_json(201, ANSWER);
    mock.push_json(201, ANSWER);
    let created = client.invoices().create(invoice()).await.unwrap();
    assert_eq!(created.status, InvoiceStatus::Pending);
    assert_eq!(
        created.virtual_accounts[0].number.as_deref(),
        Some("12345678901")
    );
    client.invoices().create(invoice()).await.unwrap();
    let requests = mock.requests();
    assert_eq!(requests.len(), 3);
    let keys: Vec<String> = requests
        .iter()
        .map(|r| header(r, "x-idempotency-key").unwrap())
        .collect();
    assert_eq!(keys[0], keys[1], "the retry reuses the key");
    assert_ne!(keys[1], keys[2], "a later call gets its own");
    assert!(requests
        .iter()
        .all(|r| header(r, "idempotency-key").is_none()));
    assert_eq!(requests[0].uri().host(), Some("api.sandbox.midtrans.com"));
    assert_eq!(requests[0].uri().path(), "/v1/invoices");

    // Get, void and convert address the invoice by its id.
    mock.push_json(200, ANSWER);
    mock.push_json(200, r#"{"success":true}"#);
    mock.push_json(200, ANSWER);
    let id = created.id.as_str();
    client.invoices().get(id).await.unwrap();
    let voided = client
        .invoices()
        .void(id, &VoidInvoice::rejected_by_client())
        .await
        .unwrap();
    assert!(voided.success);
    client
        .invoices()
        .convert(
            id,
            &ConvertQuotation::with_client(InvoiceCustomer::new("PT Maju")),
        )
        .await
        .unwrap();
    let requests = mock.requests();
    let shown: Vec<(String, String)> = requests[3..]
        .iter()
        .map(|r| (r.method().to_string(), r.uri().path().to_owned()))
        .collect();
    assert_eq!(
        shown,
        [
            ("GET".to_owned(), format!("/v1/invoices/{id}")),
            ("PATCH".to_owned(), format!("/v1/invoices/{id}/void")),
            ("PATCH".to_owned(), format!("/v1/invoices/{id}/convert")),
        ]
    );
    let void_body: serde_json::Value = serde_json::from_slice(requests[4].body()).unwrap();
    assert_eq!(void_body["cancel_as"], "client");
    // A void may have reached Midtrans: not repeated.
    mock.push_error(midtrans::TransportErrorKind::Io);
    let err = client
        .invoices()
        .void(id, &VoidInvoice::cancel())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(mock.requests().len(), 7);
}
