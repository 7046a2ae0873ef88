//! Payment Link (feature `payment-link`): `POST /v1/payment-links`, and `GET` and `DELETE`
//! `/v1/payment-links/{order_id}`, on the Core API host with the server key.
//!
//! The create call is documented by Midtrans
//! ([create-payment-link](https://docs.midtrans.com/reference/create-payment-link)); get and
//! delete have pages of their own that Midtrans's index no longer lists
//! ([get-payment-link-details](https://docs.midtrans.com/reference/get-payment-link-details),
//! [delete-payment-link](https://docs.midtrans.com/reference/delete-payment-link)), and
//! third-party collections call them the same way.

use http::Method;
use midtrans_types::payment_link::{
    PaymentLink, PaymentLinkCreated, PaymentLinkDeleted, PaymentLinkRequest,
};

use super::{path, RequestBody};
use crate::request::{Endpoint, Host, PendingRequest};
use crate::{Client, Error};

/// Payment Link calls: `client.payment_links()`.
#[derive(Clone, Copy, Debug)]
pub struct PaymentLinks<'a> {
    client: &'a Client,
}

impl<'a> PaymentLinks<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        PaymentLinks { client }
    }

    /// `POST /v1/payment-links`: a link that takes up to `usage_limit` payments. Without a
    /// `payment_link_id`, one is generated from 128 random bits (`pl-` and 32 hex digits), as
    /// the docs ask: a guessable link is a link anyone can pay or read. The same id is sent on
    /// every attempt, so a repeat after a lost answer is refused (400 "has been taken", or 409
    /// for the order id) rather than creating a second link: [`PaymentLinks::get`] it then.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::payment_link::PaymentLinkRequest;
    /// let link = PaymentLinkRequest::fixed("concert-ticket-05", 190_000, 100).title("Concert").build()?;
    /// let created = client.payment_links().create(&link).await?;
    /// println!("share {}", created.payment_url);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidRequest`] for a link that breaks a documented rule, nothing sent;
    /// [`Error::Api`]: 400 for a link id taken or not `a-z0-9-`, 409 for an order id taken,
    /// 401 for a wrong key. Transport errors as for every call.
    pub fn create(
        &self,
        request: impl RequestBody<PaymentLinkRequest>,
    ) -> PendingRequest<PaymentLinkCreated> {
        let endpoint = request.into_json().and_then(with_link_id).map(|json| {
            Endpoint::new(Method::POST, Host::Core, "/v1/payment-links".to_owned()).body(json)
        });
        PendingRequest::new(self.client, endpoint)
    }

    /// `GET /v1/payment-links/{order_id}`: the link, its usage and its purchases (each
    /// payment's own order id and status).
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// let link = client.payment_links().get("concert-ticket-05").await?;
    /// println!("{:?} of {:?} used", link.usage, link.usage_limit);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`]: 404 for an unknown (or deleted) link. Transport errors as for every
    /// call.
    pub fn get(&self, order_id: &str) -> PendingRequest<PaymentLink> {
        self.at(Method::GET, order_id)
    }

    /// `DELETE /v1/payment-links/{order_id}`: the link stops taking payments.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// let deleted = client.payment_links().delete("concert-ticket-05").await?;
    /// println!("{}", deleted.message);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`]: 404 for an unknown link. Transport errors as for every call.
    pub fn delete(&self, order_id: &str) -> PendingRequest<PaymentLinkDeleted> {
        self.at(Method::DELETE, order_id)
    }

    fn at<T: serde::de::DeserializeOwned>(
        &self,
        method: Method,
        order_id: &str,
    ) -> PendingRequest<T> {
        let endpoint =
            path("/v1/payment-links", order_id, "").map(|p| Endpoint::new(method, Host::Core, p));
        PendingRequest::new(self.client, endpoint)
    }
}

/// The body with a `transaction_details.payment_link_id`: the caller's, else a new random one.
fn with_link_id(json: Vec<u8>) -> Result<Vec<u8>, Error> {
    let mut body: serde_json::Value =
        serde_json::from_slice(&json).map_err(|e| Error::InvalidInput(e.to_string()))?;
    let Some(details) = body
        .get_mut("transaction_details")
        .and_then(serde_json::Value::as_object_mut)
    else {
        return Ok(json);
    };
    if details
        .get("payment_link_id")
        .is_some_and(|id| !id.is_null())
    {
        return Ok(json);
    }
    details.insert("payment_link_id".to_owned(), random_link_id()?.into());
    super::to_json(&body)
}

/// `pl-` and 128 bits from the operating system's random source, in lowercase hex.
fn random_link_id() -> Result<String, Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::InvalidInput(format!("no random source for a payment link id: {e}")))?;
    Ok(format!("pl-{}", crate::notification::lower_hex(&bytes)))
}
