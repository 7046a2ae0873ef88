//! Invoicing (feature `invoicing`): `POST /v1/invoices`, `GET /v1/invoices/{id}`, and
//! `PATCH /v1/invoices/{id}/void` and `…/convert`, on the Core API host with the server key
//! ([Midtrans docs](https://docs.midtrans.com/reference/create-invoice)).

use http::Method;
use midtrans_types::invoice::{ConvertQuotation, Invoice, InvoiceRequest, VoidAnswer, VoidInvoice};

use super::{path, RequestBody};
use crate::request::{Endpoint, Host, PendingRequest};
use crate::Client;

/// Invoicing calls: `client.invoices()`.
#[derive(Clone, Copy, Debug)]
pub struct Invoices<'a> {
    client: &'a Client,
}

impl<'a> Invoices<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Invoices { client }
    }

    /// `POST /v1/invoices`: an invoice (or a quotation), with an `X-Idempotency-Key`
    /// generated per call unless given ([`PendingRequest::idempotency_key`]), reused on every
    /// retry: Midtrans treats repeats within 5 minutes as one, so a retry after a lost answer
    /// never issues a second invoice.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client, invoice: midtrans::types::invoice::InvoiceRequest) -> Result<(), midtrans::Error> {
    /// let created = client.invoices().create(&invoice).await?;
    /// println!("{} is {}: {:?}", created.id, created.status, created.pdf_url);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidRequest`](crate::Error::InvalidRequest) for an invoice that breaks a
    /// documented limit, nothing sent; [`Error::Api`](crate::Error::Api): 400 with the
    /// validation messages, 409 "Duplicate order id". Transport errors as for every call.
    pub fn create(&self, request: impl RequestBody<InvoiceRequest>) -> PendingRequest<Invoice> {
        let endpoint = request.into_json().map(|json| {
            Endpoint::new(Method::POST, Host::Core, "/v1/invoices".to_owned())
                .body(json)
                .x_idempotent()
        });
        PendingRequest::new(self.client, endpoint)
    }

    /// `GET /v1/invoices/{id}`: the invoice by Midtrans's id (not your order id).
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// let invoice = client.invoices().get("65e7e8e657389830d04836fc").await?;
    /// println!("{}", invoice.status);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api): 404 "Not Found". Transport errors as for every call.
    pub fn get(&self, id: &str) -> PendingRequest<Invoice> {
        let endpoint =
            path("/v1/invoices", id, "").map(|p| Endpoint::new(Method::GET, Host::Core, p));
        PendingRequest::new(self.client, endpoint)
    }

    /// `PATCH /v1/invoices/{id}/void`: voids a pending or overdue invoice, or a published
    /// quotation (as rejected by the client with [`VoidInvoice::rejected_by_client`]).
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// use midtrans::types::invoice::VoidInvoice;
    /// client.invoices().void("65e7e8e657389830d04836fc", &VoidInvoice::cancel()).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api): 404 "Not Found", 409 "Invoice cannot be canceled"
    /// (paid, expired or voided already). Transport errors as for every call.
    pub fn void(&self, id: &str, body: &VoidInvoice) -> PendingRequest<VoidAnswer> {
        self.patch(id, "/void", super::to_json(body))
    }

    /// `PATCH /v1/invoices/{id}/convert`: turns a published, unexpired quotation into a
    /// pending invoice, optionally with the client's details replaced.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// use midtrans::types::invoice::ConvertQuotation;
    /// let invoice = client.invoices().convert("69f1770fd083f01f1976f0e0", &ConvertQuotation::new()).await?;
    /// println!("{}", invoice.status);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api): 404 "Not Found", 409 for a document that is not a
    /// published, unexpired, unconverted quotation. Transport errors as for every call.
    pub fn convert(&self, id: &str, body: &ConvertQuotation) -> PendingRequest<Invoice> {
        self.patch(id, "/convert", super::to_json(body))
    }

    fn patch<T: serde::de::DeserializeOwned>(
        &self,
        id: &str,
        suffix: &str,
        body: Result<Vec<u8>, crate::Error>,
    ) -> PendingRequest<T> {
        let endpoint = path("/v1/invoices", id, suffix)
            .and_then(|p| body.map(|json| Endpoint::new(Method::PATCH, Host::Core, p).body(json)));
        PendingRequest::new(self.client, endpoint)
    }
}
