use http::Method;
use midtrans_types::card::{
    BinResponse, CardRegisterRequest, CardRegisterResponse, CardTokenRequest, CardTokenResponse,
    PointInquiryResponse,
};
use midtrans_types::pay_account::PayAccountLinkRequest;
use midtrans_types::subscription::SubscriptionActionResponse;
use midtrans_types::{
    CaptureRequest, ChargeRequest, ChargeResponse, PayAccount, Subscription, SubscriptionRequest,
    SubscriptionUpdate, Transaction,
};

use super::{path, QueryParams, RequestBody, Transactions};
use crate::request::{Auth, Endpoint, Host, PendingRequest};
use crate::retry::charge_honours_idempotency_key;
use crate::{Client, Error};

/// The Core API: charges, capture, card utilities, subscriptions and GoPay tokenization.
/// `client.core()`.
#[derive(Clone, Copy, Debug)]
pub struct CoreApi<'a> {
    client: &'a Client,
}

impl<'a> CoreApi<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        CoreApi { client }
    }

    /// A POST; `idempotent` tells from the body whether Midtrans honours `Idempotency-Key` on it.
    fn post<R, T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        body: impl RequestBody<R>,
        idempotent: fn(&[u8]) -> bool,
    ) -> PendingRequest<T> {
        let known = body.honours_idempotency_key();
        let endpoint = body.into_json().map(|json| {
            let honoured = known.unwrap_or_else(|| idempotent(&json));
            let endpoint = Endpoint::new(Method::POST, Host::Core, path.to_owned()).body(json);
            if honoured {
                endpoint.idempotent()
            } else {
                endpoint
            }
        });
        PendingRequest::new(self.client, endpoint)
    }

    fn at<T: serde::de::DeserializeOwned>(
        &self,
        method: Method,
        path: Result<String, Error>,
    ) -> PendingRequest<T> {
        PendingRequest::new(
            self.client,
            path.map(|p| Endpoint::new(method, Host::Core, p)),
        )
    }

    /// A GET authorised by the client key, which is also sent as the `client_key` parameter.
    fn with_client_key<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        query: Result<Vec<(String, String)>, Error>,
    ) -> PendingRequest<T> {
        let endpoint = query.map(|query| {
            Endpoint::new(Method::GET, Host::Core, path.to_owned())
                .query(query)
                .auth(Auth::Client)
        });
        PendingRequest::new(self.client, endpoint)
    }

    /// `POST /v2/charge`: create a payment.
    ///
    /// Retried with one `Idempotency-Key` for every attempt, except Permata virtual account,
    /// CIMB Clicks, KlikBCA and Indomaret charges, whose key Midtrans ignores: those are not sent
    /// again once an attempt may have reached Midtrans (see [`crate::retry`]).
    pub fn charge(&self, body: impl RequestBody<ChargeRequest>) -> PendingRequest<ChargeResponse> {
        self.post("/v2/charge", body, charge_honours_idempotency_key)
    }

    /// `POST /v2/capture`: capture a pre-authorised payment.
    pub fn capture(&self, body: impl RequestBody<CaptureRequest>) -> PendingRequest<Transaction> {
        self.post("/v2/capture", body, |_| true)
    }

    /// `GET /v2/card/register`: save a card for one-click payments (client key).
    pub fn card_register(
        &self,
        query: impl QueryParams<CardRegisterRequest>,
    ) -> PendingRequest<CardRegisterResponse> {
        self.with_client_key("/v2/card/register", query.into_query())
    }

    /// `GET /v2/token`: a one-time card token (client key). Usually done in the browser.
    pub fn card_token(
        &self,
        query: impl QueryParams<CardTokenRequest>,
    ) -> PendingRequest<CardTokenResponse> {
        self.with_client_key("/v2/token", query.into_query())
    }

    /// `GET /v2/point_inquiry/{token_id}`: the card's reward point balance.
    pub fn card_point_inquiry(&self, token_id: &str) -> PendingRequest<PointInquiryResponse> {
        let endpoint = path("/v2/point_inquiry", token_id, "")
            .map(|p| Endpoint::new(Method::GET, Host::Core, p).secret_id());
        PendingRequest::new(self.client, endpoint)
    }

    /// `GET /v1/bins/{bin}`: what a card number prefix says about the card. Authenticated
    /// with the client key when one is configured, else the server key.
    pub fn bin(&self, bin: &str) -> PendingRequest<BinResponse> {
        let endpoint = path("/v1/bins", bin, "")
            .map(|p| Endpoint::new(Method::GET, Host::Core, p).auth(Auth::ClientIfConfigured));
        PendingRequest::new(self.client, endpoint)
    }

    /// `POST /v1/subscriptions`: create a subscription.
    pub fn create_subscription(
        &self,
        body: impl RequestBody<SubscriptionRequest>,
    ) -> PendingRequest<Subscription> {
        self.post("/v1/subscriptions", body, |_| true)
    }

    /// `GET /v1/subscriptions/{id}`.
    pub fn get_subscription(&self, id: &str) -> PendingRequest<Subscription> {
        self.at(Method::GET, path("/v1/subscriptions", id, ""))
    }

    /// `POST /v1/subscriptions/{id}/disable`: stop charging (can be enabled again).
    pub fn disable_subscription(&self, id: &str) -> PendingRequest<SubscriptionActionResponse> {
        self.at(Method::POST, path("/v1/subscriptions", id, "/disable"))
    }

    /// `POST /v1/subscriptions/{id}/enable`.
    pub fn enable_subscription(&self, id: &str) -> PendingRequest<SubscriptionActionResponse> {
        self.at(Method::POST, path("/v1/subscriptions", id, "/enable"))
    }

    /// `POST /v1/subscriptions/{id}/cancel`: stop for good, including pending retries.
    pub fn cancel_subscription(&self, id: &str) -> PendingRequest<SubscriptionActionResponse> {
        self.at(Method::POST, path("/v1/subscriptions", id, "/cancel"))
    }

    /// `PATCH /v1/subscriptions/{id}`: change some fields.
    pub fn update_subscription(
        &self,
        id: &str,
        body: impl RequestBody<SubscriptionUpdate>,
    ) -> PendingRequest<SubscriptionActionResponse> {
        let endpoint = path("/v1/subscriptions", id, "")
            .and_then(|p| Ok(Endpoint::new(Method::PATCH, Host::Core, p).body(body.into_json()?)));
        PendingRequest::new(self.client, endpoint)
    }

    /// `POST /v2/pay/account`: link a GoPay account.
    pub fn link_payment_account(
        &self,
        body: impl RequestBody<PayAccountLinkRequest>,
    ) -> PendingRequest<PayAccount> {
        self.post("/v2/pay/account", body, |_| false)
    }

    /// `GET /v2/pay/account/{account_id}`: link state, payment options and their tokens.
    pub fn get_payment_account(&self, account_id: &str) -> PendingRequest<PayAccount> {
        self.at(Method::GET, path("/v2/pay/account", account_id, ""))
    }

    /// `POST /v2/pay/account/{account_id}/unbind`: unlink a GoPay account.
    pub fn unlink_payment_account(&self, account_id: &str) -> PendingRequest<PayAccount> {
        self.at(Method::POST, path("/v2/pay/account", account_id, "/unbind"))
    }

    /// Status, actions, refunds and notifications.
    pub fn transactions(&self) -> Transactions<'a> {
        Transactions::new(self.client)
    }
}
