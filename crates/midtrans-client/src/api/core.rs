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
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::charge::{BankTransfer, ChargeRequest};
    /// use midtrans::types::{Idr, TransactionDetails};
    /// let request = ChargeRequest::builder(
    ///     TransactionDetails::new("order-101", Idr::new(44_000)),
    ///     BankTransfer::bca(),
    /// )
    /// .build()?;
    /// let charge = client.core().charge(&request).send().await?;
    /// println!("{:?} {:?}", charge.transaction_status, charge.va_numbers);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 400 invalid parameters ([`is_validation`](crate::ApiError::is_validation), the reasons in
    /// [`messages`](crate::ApiError::messages)); 401 wrong key
    /// ([`is_unauthorized`](crate::ApiError::is_unauthorized)); 402 payment channel not active, or
    /// a card 3-D Secure 1 cannot pay
    /// ([`is_channel_inactive`](crate::ApiError::is_channel_inactive)); 406 order id already used
    /// ([`is_duplicate`](crate::ApiError::is_duplicate)); 411 card token missing, invalid or
    /// expired ([`is_token_invalid`](crate::ApiError::is_token_invalid)); 5xx
    /// ([`is_server_error`](crate::ApiError::is_server_error): the outcome is unknown). A denial by
    /// the bank or fraud detection is no error: body `202`, `transaction_status` `deny`.
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn charge(&self, body: impl RequestBody<ChargeRequest>) -> PendingRequest<ChargeResponse> {
        self.post("/v2/charge", body, charge_honours_idempotency_key)
    }

    /// `POST /v2/capture`: capture a pre-authorised payment.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::{CaptureRequest, Idr};
    /// let request = CaptureRequest::partial("be4f3e44-d6ee-4355-8c64-c1d1dc7f4590", Idr::new(145_000))?;
    /// let captured = client.core().capture(&request).send().await?;
    /// println!("{:?}", captured.transaction_status);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 404 unknown transaction ([`is_not_found`](crate::ApiError::is_not_found)); 412 not an
    /// authorized card payment ([`is_status_conflict`](crate::ApiError::is_status_conflict)); 400
    /// an invalid amount.
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn capture(&self, body: impl RequestBody<CaptureRequest>) -> PendingRequest<Transaction> {
        self.post("/v2/capture", body, |_| true)
    }

    /// `GET /v2/card/register`: save a card for one-click payments (client key).
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::card::CardRegisterRequest;
    /// let card = CardRegisterRequest::new("4811 1111 1111 1114", "12", "2030");
    /// let saved = client.core().card_register(&card).send().await?;
    /// println!("{:?}", saved.saved_token_id);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 400 an invalid card number or expiry ([`is_validation`](crate::ApiError::is_validation));
    /// 401 wrong client key.
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn card_register(
        &self,
        query: impl QueryParams<CardRegisterRequest>,
    ) -> PendingRequest<CardRegisterResponse> {
        self.with_client_key("/v2/card/register", query.into_query())
    }

    /// `GET /v2/token`: a one-time card token (client key). Usually done in the browser.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::card::CardTokenRequest;
    /// let card = CardTokenRequest::card("4811 1111 1111 1114", "12", "2030", "123");
    /// let token = client.core().card_token(&card).send().await?;
    /// println!("{:?}", token.token_id);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 400 an invalid card number, expiry or CVV
    /// ([`is_validation`](crate::ApiError::is_validation), e.g. "card_exp_year must be greater than
    /// this year"); 401 wrong client key.
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn card_token(
        &self,
        query: impl QueryParams<CardTokenRequest>,
    ) -> PendingRequest<CardTokenResponse> {
        self.with_client_key("/v2/token", query.into_query())
    }

    /// `GET /v2/point_inquiry/{token_id}`: the card's reward point balance.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// let points = client.core().card_point_inquiry("481111-1114-a901971f").send().await?;
    /// println!("{:?}", points.point_balance_amount);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 402 the card has no points program
    /// ([`is_channel_inactive`](crate::ApiError::is_channel_inactive)); 411 invalid token.
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn card_point_inquiry(&self, token_id: &str) -> PendingRequest<PointInquiryResponse> {
        let endpoint = path("/v2/point_inquiry", token_id, "")
            .map(|p| Endpoint::new(Method::GET, Host::Core, p).secret_id());
        PendingRequest::new(self.client, endpoint)
    }

    /// `GET /v1/bins/{bin}`: what a card number prefix says about the card. Authenticated
    /// with the client key when one is configured, else the server key.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// let card = client.core().bin("48111111").send().await?;
    /// println!("{card:?}");
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 404 unknown BIN ([`is_not_found`](crate::ApiError::is_not_found), with
    /// [`message_title`](crate::ApiError::message_title)); 401 wrong key (a text answer); 409 rate
    /// limit (100 calls a minute).
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn bin(&self, bin: &str) -> PendingRequest<BinResponse> {
        let endpoint = path("/v1/bins", bin, "")
            .map(|p| Endpoint::new(Method::GET, Host::Core, p).auth(Auth::ClientIfConfigured));
        PendingRequest::new(self.client, endpoint)
    }

    /// `POST /v1/subscriptions`: create a subscription.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::subscription::{IntervalUnit, Schedule, SubscriptionRequest};
    /// use midtrans::types::{Idr, SavedTokenId};
    /// let request = SubscriptionRequest::credit_card(
    ///     "MONTHLY-STARTER",
    ///     Idr::new(100_000),
    ///     &SavedTokenId::new("481111qFfqfAQKScMtPRPdZDOaeg1114"),
    ///     Schedule::new(1, IntervalUnit::Month),
    /// )
    /// .build()?;
    /// let created = client.core().create_subscription(&request).send().await?;
    /// println!("{:?}", created.id);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 400 invalid parameters ([`is_validation`](crate::ApiError::is_validation), e.g. an amount of
    /// 0, an unknown token); 401 wrong key.
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn create_subscription(
        &self,
        body: impl RequestBody<SubscriptionRequest>,
    ) -> PendingRequest<Subscription> {
        self.post("/v1/subscriptions", body, |_| true)
    }

    /// `GET /v1/balance/mutation`: the merchant's balances at the start and the end of a
    /// window, overall and per wallet (`payin`, `iris`).
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// use midtrans::types::balance::BalanceMutationQuery;
    /// use midtrans::types::RequestTime;
    /// let start = RequestTime::jakarta(2026, 11, 1, 0, 0, 0).expect("a time").as_datetime();
    /// let end = RequestTime::jakarta(2026, 11, 30, 23, 59, 59).expect("a time").as_datetime();
    /// let report = client.core().balance_mutation(&BalanceMutationQuery::idr(start, end)).await?;
    /// println!("{} → {}", report.opening_balance_overall, report.closing_balance_overall);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api): 400 for a missing currency or a time not ISO 8601
    /// with its offset. Transport errors as for every call.
    pub fn balance_mutation(
        &self,
        query: &midtrans_types::balance::BalanceMutationQuery,
    ) -> PendingRequest<midtrans_types::balance::BalanceMutation> {
        let endpoint = Endpoint::new(Method::GET, Host::Core, "/v1/balance/mutation".to_owned())
            .query(query.pairs());
        PendingRequest::new(self.client, Ok(endpoint))
    }

    /// `GET /v1/subscriptions/{id}`.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// let subscription = client.core().get_subscription("d98a63b8-97e4-4059-825f-0f62340407e9").send().await?;
    /// println!("{:?}", subscription.status);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 404 unknown subscription ([`is_not_found`](crate::ApiError::is_not_found)).
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn get_subscription(&self, id: &str) -> PendingRequest<Subscription> {
        self.at(Method::GET, path("/v1/subscriptions", id, ""))
    }

    /// `POST /v1/subscriptions/{id}/disable`: stop charging (can be enabled again).
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// client.core().disable_subscription("d98a63b8-97e4-4059-825f-0f62340407e9").send().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 404 unknown subscription ([`is_not_found`](crate::ApiError::is_not_found)).
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn disable_subscription(&self, id: &str) -> PendingRequest<SubscriptionActionResponse> {
        self.at(Method::POST, path("/v1/subscriptions", id, "/disable"))
    }

    /// `POST /v1/subscriptions/{id}/enable`.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// client.core().enable_subscription("d98a63b8-97e4-4059-825f-0f62340407e9").send().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 404 unknown subscription ([`is_not_found`](crate::ApiError::is_not_found)).
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn enable_subscription(&self, id: &str) -> PendingRequest<SubscriptionActionResponse> {
        self.at(Method::POST, path("/v1/subscriptions", id, "/enable"))
    }

    /// `POST /v1/subscriptions/{id}/cancel`: stop for good, including pending retries.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// client.core().cancel_subscription("d98a63b8-97e4-4059-825f-0f62340407e9").send().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 404 unknown subscription ([`is_not_found`](crate::ApiError::is_not_found)).
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn cancel_subscription(&self, id: &str) -> PendingRequest<SubscriptionActionResponse> {
        self.at(Method::POST, path("/v1/subscriptions", id, "/cancel"))
    }

    /// `PATCH /v1/subscriptions/{id}`: change some fields.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::subscription::SubscriptionUpdate;
    /// use midtrans::types::Idr;
    /// let update = SubscriptionUpdate::builder().amount(Idr::new(120_000)).build()?;
    /// client
    ///     .core()
    ///     .update_subscription("d98a63b8-97e4-4059-825f-0f62340407e9", &update)
    ///     .send()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 400 invalid parameters ([`is_validation`](crate::ApiError::is_validation)); 404 unknown
    /// subscription ([`is_not_found`](crate::ApiError::is_not_found)).
    /// Transport errors as for every call (see [`Error`](crate::Error)).
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
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::pay_account::PayAccountLinkRequest;
    /// let request = PayAccountLinkRequest::gopay("81234567891", "62")
    ///     .redirect_url("https://example.com/gopay-linked")
    ///     .build()?;
    /// let linked = client.core().link_payment_account(&request).send().await?;
    /// println!("{:?} {:?}", linked.account_id, linked.account_status);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 400 an invalid phone number ([`is_validation`](crate::ApiError::is_validation)); 429 rate
    /// limit ([`is_rate_limited`](crate::ApiError::is_rate_limited)). GoPay refusing the account
    /// (user not found, wallet blocked) is no error: body `202` with `channel_response_message`.
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn link_payment_account(
        &self,
        body: impl RequestBody<PayAccountLinkRequest>,
    ) -> PendingRequest<PayAccount> {
        self.post("/v2/pay/account", body, |_| false)
    }

    /// `GET /v2/pay/account/{account_id}`: link state, payment options and their tokens.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// let account = client.core().get_payment_account("00000269-7836-49e5-bc65-e592afafec14").send().await?;
    /// println!("{:?}", account.account_status);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 404 unknown account ([`is_not_found`](crate::ApiError::is_not_found)), in an HTTP 200
    /// answer.
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn get_payment_account(&self, account_id: &str) -> PendingRequest<PayAccount> {
        self.at(Method::GET, path("/v2/pay/account", account_id, ""))
    }

    /// `POST /v2/pay/account/{account_id}/unbind`: unlink a GoPay account.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// client.core().unlink_payment_account("00000269-7836-49e5-bc65-e592afafec14").send().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it:
    /// 404 unknown account ([`is_not_found`](crate::ApiError::is_not_found)); 412 the account is
    /// not enabled ([`is_status_conflict`](crate::ApiError::is_status_conflict)).
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn unlink_payment_account(&self, account_id: &str) -> PendingRequest<PayAccount> {
        self.at(Method::POST, path("/v2/pay/account", account_id, "/unbind"))
    }

    /// Status, actions, refunds and notifications.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// let status = client.core().transactions().status("order-101").send().await?;
    /// println!("{:?}", status.transaction_status);
    /// # Ok(()) }
    /// ```
    pub fn transactions(&self) -> Transactions<'a> {
        Transactions::new(self.client)
    }
}
