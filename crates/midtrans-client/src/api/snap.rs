use http::Method;
use midtrans_types::snap::MerchantPreferences;
use midtrans_types::{SnapCancelResponse, SnapRequest, SnapResponse, SnapToken};

/// The preferences' path, under Snap v3.
const PREFERENCES: &str = "/merchant-preferences";

use super::{path, RequestBody, Transactions};
use crate::error::decode_answer;
use crate::request::{Endpoint, Host, PendingRequest};
use crate::Client;

/// Snap: the hosted payment page. `client.snap()`.
#[derive(Clone, Copy, Debug)]
pub struct Snap<'a> {
    client: &'a Client,
}

impl<'a> Snap<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Snap { client }
    }

    fn create(&self, body: impl RequestBody<SnapRequest>) -> Result<Endpoint, crate::Error> {
        Ok(
            Endpoint::new(Method::POST, Host::Snap, "/transactions".to_owned())
                .body(body.into_json()?),
        )
    }

    /// `POST {snap}/transactions`: the token and the redirect URL of a payment page.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::snap::SnapRequest;
    /// use midtrans::types::{Idr, TransactionDetails};
    /// let request = SnapRequest::builder(TransactionDetails::new("order-101", Idr::new(200_000))).build()?;
    /// let page = client.snap().create_transaction(&request).send().await?;
    /// println!("token {} at {}", page.token, page.redirect_url);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 400 invalid parameters ([`is_validation`](crate::ApiError::is_validation), Snap's
    /// `error_messages` in [`messages`](crate::ApiError::messages), e.g. an order id already
    /// taken); 401 wrong key ([`is_unauthorized`](crate::ApiError::is_unauthorized)); 5xx
    /// ([`is_server_error`](crate::ApiError::is_server_error)).
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn create_transaction(
        &self,
        body: impl RequestBody<SnapRequest>,
    ) -> PendingRequest<SnapResponse> {
        PendingRequest::new(self.client, self.create(body))
    }

    /// Like [`Self::create_transaction`], answering only the token (for Snap.js).
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::snap::SnapRequest;
    /// use midtrans::types::{Idr, TransactionDetails};
    /// let request = SnapRequest::builder(TransactionDetails::new("order-101", Idr::new(200_000))).build()?;
    /// let token = client.snap().create_transaction_token(&request).send().await?;
    /// println!("snap.pay(\"{token}\")");
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// As [`Snap::create_transaction`].
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn create_transaction_token(
        &self,
        body: impl RequestBody<SnapRequest>,
    ) -> PendingRequest<SnapToken> {
        PendingRequest::decoded_with(self.client, self.create(body), |body| {
            decode_answer::<SnapResponse>(body).map(|answer| answer.token)
        })
    }

    /// Like [`Self::create_transaction`], answering only the redirect URL (Snap redirect).
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::snap::SnapRequest;
    /// use midtrans::types::{Idr, TransactionDetails};
    /// let request = SnapRequest::builder(TransactionDetails::new("order-101", Idr::new(200_000))).build()?;
    /// let url = client.snap().create_transaction_redirect_url(&request).send().await?;
    /// println!("send the customer to {url}");
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// As [`Snap::create_transaction`].
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn create_transaction_redirect_url(
        &self,
        body: impl RequestBody<SnapRequest>,
    ) -> PendingRequest<String> {
        PendingRequest::decoded_with(self.client, self.create(body), |body| {
            decode_answer::<SnapResponse>(body).map(|answer| answer.redirect_url)
        })
    }

    /// `POST {snap}/transactions/{token}/cancel`: closes an open payment page.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::SnapToken;
    /// let token = SnapToken::new("66e4fa55-fdac-4ef9-91b5-733b97d1b862");
    /// client.snap().cancel(&token).send().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 404 unknown token ([`is_not_found`](crate::ApiError::is_not_found)); 400 already cancelled,
    /// or the payment is in progress.
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn cancel(&self, token: &SnapToken) -> PendingRequest<SnapCancelResponse> {
        let endpoint = path("/transactions", token.as_str(), "/cancel")
            .map(|p| Endpoint::new(Method::POST, Host::Snap, p));
        PendingRequest::new(self.client, endpoint)
    }

    /// `GET {app}/snap/v3/merchant-preferences`: the payment page's settings (name, return
    /// URLs, language, look, channels).
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// let preferences = client.snap().preferences().await?;
    /// println!("{:?}", preferences.display_name);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api): 401 "Access denied, please check server key".
    /// Transport errors as for every call.
    pub fn preferences(&self) -> PendingRequest<MerchantPreferences> {
        let endpoint = Endpoint::new(Method::GET, Host::SnapV3, PREFERENCES.to_owned());
        PendingRequest::new(self.client, Ok(endpoint))
    }

    /// `PATCH {app}/snap/v3/merchant-preferences`: changes the fields given, and answers the
    /// preferences as they are then.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// use midtrans::types::snap::MerchantPreferences;
    /// let update = MerchantPreferences::new().display_name("DEMO STORE").locale("id");
    /// client.snap().update_preferences(&update).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidRequest`](crate::Error::InvalidRequest) for a documented rule broken
    /// (typeface, corners, "other banks" processor), nothing sent; [`Error::Api`](crate::Error::Api):
    /// 400 for a channel the merchant does not have ("Payment type … is invalid for this
    /// merchant"), 401. Transport errors as for every call.
    pub fn update_preferences(
        &self,
        update: impl RequestBody<MerchantPreferences>,
    ) -> PendingRequest<MerchantPreferences> {
        let endpoint = update.into_json().map(|json| {
            Endpoint::new(Method::PATCH, Host::SnapV3, PREFERENCES.to_owned()).body(json)
        });
        PendingRequest::new(self.client, endpoint)
    }

    /// Status, actions and refunds of transactions (they live on the Core API host).
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// client.snap().transactions().cancel("order-101").send().await?;
    /// # Ok(()) }
    /// ```
    pub fn transactions(&self) -> Transactions<'a> {
        Transactions::new(self.client)
    }
}
