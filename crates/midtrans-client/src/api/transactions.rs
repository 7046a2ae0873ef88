use http::Method;
use midtrans_types::{
    ActionResponse, RefundRequest, RefundResponse, StatusB2bResponse, StatusResponse,
};

use super::{path, RequestBody};
use crate::notification::VerifiedNotification;
use crate::request::{Endpoint, Host, PendingRequest};
use crate::{Client, Error, NotificationError};

/// Transaction status, actions, refunds and notifications, by order id or transaction id.
/// `client.transactions()`, `client.snap().transactions()` or `client.core().transactions()`.
#[derive(Clone, Copy, Debug)]
pub struct Transactions<'a> {
    client: &'a Client,
}

impl<'a> Transactions<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Transactions { client }
    }

    fn call<T: serde::de::DeserializeOwned>(
        &self,
        method: Method,
        id: &str,
        suffix: &str,
        body: Option<Result<Vec<u8>, Error>>,
    ) -> PendingRequest<T> {
        let endpoint = path("/v2", id, suffix).and_then(|p| {
            // Core API transaction actions and refunds honour Idempotency-Key; reads are safe.
            let endpoint = Endpoint::new(method, Host::Core, p).idempotent();
            Ok(match body {
                Some(body) => endpoint.body(body?),
                None => endpoint,
            })
        });
        PendingRequest::new(self.client, endpoint)
    }

    /// `GET /v2/{id}/status`.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// let status = client.transactions().status("order-101").send().await?;
    /// if status.is_paid() {
    ///     println!("order-101 is paid");
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 404 unknown order or transaction ([`is_not_found`](crate::ApiError::is_not_found)); 401
    /// wrong key.
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn status(&self, id: &str) -> PendingRequest<StatusResponse> {
        self.call(Method::GET, id, "/status", None)
    }

    /// `GET /v2/{id}/status/b2b`: every payment to a B2B virtual account.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// let payments = client.transactions().status_b2b("order-101").send().await?;
    /// println!("{:?}", payments.transactions);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 404 unknown order or transaction ([`is_not_found`](crate::ApiError::is_not_found)).
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn status_b2b(&self, id: &str) -> PendingRequest<StatusB2bResponse> {
        self.call(Method::GET, id, "/status/b2b", None)
    }

    /// `POST /v2/{id}/approve`: accept a card payment under fraud `challenge`.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// let approved = client.transactions().approve("order-101").send().await?;
    /// println!("{:?}", approved.fraud_status);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 404 unknown transaction ([`is_not_found`](crate::ApiError::is_not_found)); 412 not under
    /// `challenge` ([`is_status_conflict`](crate::ApiError::is_status_conflict)).
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn approve(&self, id: &str) -> PendingRequest<ActionResponse> {
        self.call(Method::POST, id, "/approve", None)
    }

    /// `POST /v2/{id}/deny`: reject a card payment under fraud `challenge`.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// let denied = client.transactions().deny("order-101").send().await?;
    /// println!("{:?}", denied.transaction_status);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 404 unknown transaction ([`is_not_found`](crate::ApiError::is_not_found)); 412 not under
    /// `challenge` ([`is_status_conflict`](crate::ApiError::is_status_conflict)).
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn deny(&self, id: &str) -> PendingRequest<ActionResponse> {
        self.call(Method::POST, id, "/deny", None)
    }

    /// `POST /v2/{id}/cancel`: cancel before settlement (void a card payment, close a pending one).
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// let cancelled = client.transactions().cancel("order-101").send().await?;
    /// println!("{:?}", cancelled.transaction_status);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 404 unknown transaction ([`is_not_found`](crate::ApiError::is_not_found)); 412 already
    /// settled, expired or cancelled ([`is_status_conflict`](crate::ApiError::is_status_conflict)):
    /// refund a settled payment instead.
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn cancel(&self, id: &str) -> PendingRequest<ActionResponse> {
        self.call(Method::POST, id, "/cancel", None)
    }

    /// `POST /v2/{id}/expire`: expire a pending payment. Answers body `status_code` 407.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// // Midtrans answers status_code "407": a successful call.
    /// let expired = client.transactions().expire("order-101").send().await?;
    /// println!("{:?}", expired.transaction_status);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 404 unknown transaction ([`is_not_found`](crate::ApiError::is_not_found)); 412 no longer
    /// pending ([`is_status_conflict`](crate::ApiError::is_status_conflict)). The success answer's
    /// body `status_code` is `407`, which is no error.
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn expire(&self, id: &str) -> PendingRequest<ActionResponse> {
        self.call(Method::POST, id, "/expire", None)
    }

    /// `POST /v2/{id}/refund`: refund a settled payment (all, or `amount`).
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::{Idr, RefundRequest};
    /// let refund = RefundRequest::builder()
    ///     .refund_key("order-101-refund-1")
    ///     .amount(Idr::new(5_000))
    ///     .reason("Item out of stock")
    ///     .build()?;
    /// let refunded = client.transactions().refund("order-101", &refund).send().await?;
    /// println!("{:?}", refunded.refund_amount);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 404 unknown transaction ([`is_not_found`](crate::ApiError::is_not_found)); 412 not settled
    /// yet ([`is_status_conflict`](crate::ApiError::is_status_conflict)): cancel a captured card
    /// payment instead; 414 an invalid amount or too little merchant balance
    /// ([`is_refund_refused`](crate::ApiError::is_refund_refused)); 406 the `refund_key` was used
    /// for another refund ([`is_duplicate`](crate::ApiError::is_duplicate)) — the same key again is
    /// a retry of its refund.
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn refund(
        &self,
        id: &str,
        body: impl RequestBody<RefundRequest>,
    ) -> PendingRequest<RefundResponse> {
        self.call(Method::POST, id, "/refund", Some(body.into_json()))
    }

    /// `POST /v2/{id}/refund/online/direct`: the legacy direct refund.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::{Idr, RefundRequest};
    /// let refund = RefundRequest::builder()
    ///     .refund_key("order-101-refund-1")
    ///     .amount(Idr::new(5_000))
    ///     .build()?;
    /// let refunded = client.transactions().refund_direct("order-101", &refund).send().await?;
    /// println!("{:?}", refunded.refund_amount);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// As [`Transactions::refund`].
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn refund_direct(
        &self,
        id: &str,
        body: impl RequestBody<RefundRequest>,
    ) -> PendingRequest<RefundResponse> {
        self.call(
            Method::POST,
            id,
            "/refund/online/direct",
            Some(body.into_json()),
        )
    }

    /// Parses a payment notification's raw body and verifies its `signature_key` locally
    /// against the server key (and any [`previous_server_key`](crate::ClientBuilder::previous_server_key)),
    /// in constant time, over the signed fields exactly as received (see
    /// [`crate::notification::verify`]).
    ///
    /// Midtrans recommends confirming with a status call before fulfilling an order:
    /// [`Self::notification_status`] does both.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// # let raw_body: &[u8] = b"";
    /// // `raw_body`: the bytes Midtrans POSTed, as received.
    /// let notification = client.transactions().notification(raw_body)?;
    /// println!("{} is {:?}", notification.order_id(), notification.outcome());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Notification`] for a body that is not a notification (or repeats or misshapes a
    /// signed field), [`Error::Signature`] when the signature does not verify. No call is made.
    pub fn notification(&self, body: &[u8]) -> Result<VerifiedNotification, Error> {
        let state = self.client.state();
        let keys: Vec<&crate::ServerKey> = std::iter::once(&state.config.server_key)
            .chain(&state.config.notification_keys)
            .collect();
        crate::notification::verify(body, &keys)
    }

    /// Verifies a notification like [`Self::notification`], then fetches the current status of
    /// its order, as the Python client's `transactions.notification` does — but by the signed
    /// `order_id` (the signature does not cover `transaction_id`), and only an answer about that
    /// order is returned.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// # let raw_body: &[u8] = b"";
    /// let status = client.transactions().notification_status(raw_body).await?;
    /// if status.is_paid() {
    ///     println!("fulfil {:?}", status.order_id);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As [`Self::notification`], then as [`Self::status`];
    /// [`NotificationError::OrderMismatch`] when the answer is about another order.
    pub async fn notification_status(&self, body: &[u8]) -> Result<StatusResponse, Error> {
        let notification = self.notification(body)?;
        let order_id = notification.order_id();
        let status = self.status(order_id.as_str()).send().await?;
        if status.order_id.as_ref() != Some(order_id) {
            let scrubber = &self.client.state().scrubber;
            return Err(Error::Notification(NotificationError::OrderMismatch {
                notified: scrubber.text(order_id.as_str()),
                answered: status.order_id.map(|id| scrubber.text(id.as_str())),
            }));
        }
        Ok(status)
    }
}
