//! Google Pay: `POST /google_auth` (client key) and `POST /v2/charge` with Google's token
//! (server key), on Google Pay's own host, `panapi.midtrans.com`
//! ([Midtrans docs](https://docs.midtrans.com/reference/payment-method-google-pay)).
//!
//! The transaction is a card transaction afterwards: its status, cancel and refund go through
//! [`Transactions`](crate::api::Transactions) on the Core API host.

use http::Method;
use midtrans_types::google_pay::{GooglePayAuthRequest, GooglePayCharge, GooglePayJwt};
use midtrans_types::ChargeResponse;

use super::RequestBody;
use crate::request::{Auth, Endpoint, Host, PendingRequest};
use crate::Client;

/// Google Pay calls: `client.google_pay()`.
#[derive(Clone, Copy, Debug)]
pub struct GooglePay<'a> {
    client: &'a Client,
}

impl<'a> GooglePay<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        GooglePay { client }
    }

    /// `POST /google_auth`: the JWT the Google Pay button needs in production
    /// (`merchantInfo.authJwt`), for the page's domain. Authenticated with the **client** key
    /// (configure it with [`ClientBuilder::client_key`](crate::ClientBuilder::client_key)); a
    /// JWT works only in the environment that issued it, and the sandbox needs none.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::google_pay::GooglePayAuthRequest;
    /// let jwt = client.google_pay().auth_jwt(GooglePayAuthRequest::new("examplestore.com")?).await?;
    /// // Hand `jwt.auth_jwt` to the page that shows the button.
    /// # let _ = jwt;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`ConfigError::MissingClientKey`](crate::ConfigError::MissingClientKey) without a
    /// client key, nothing sent; [`Error::InvalidRequest`](crate::Error::InvalidRequest) for
    /// an origin that is not a domain; [`Error::Api`](crate::Error::Api): 401 for a wrong key.
    /// Transport errors as for every call (see [`Error`](crate::Error)).
    pub fn auth_jwt(
        &self,
        request: impl RequestBody<GooglePayAuthRequest>,
    ) -> PendingRequest<GooglePayJwt> {
        let endpoint = request.into_json().map(|json| {
            Endpoint::new(Method::POST, Host::GooglePay, "/google_auth".to_owned())
                .auth(Auth::ClientHeader)
                .body(json)
        });
        PendingRequest::new(self.client, endpoint)
    }

    /// `POST /v2/charge` on Google Pay's host: a card charge paid with the token Google's
    /// `loadPaymentData` gave the page. The answer is a card charge's: `capture`, `pending`
    /// with a `redirect_url` for 3-D Secure, or a denial (body `202`, `transaction_status`
    /// `deny`, no error).
    ///
    /// Midtrans does not document an `Idempotency-Key` for this host, so once an attempt may
    /// have reached it the charge is not sent again: an unknown outcome is an error whose
    /// [`outcome_unknown`](crate::Error::outcome_unknown) is true; read the order's status
    /// then.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client, token_from_google: &str) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::google_pay::{GooglePayCharge, GooglePayToken};
    /// use midtrans::types::{Idr, TransactionDetails};
    /// let token: GooglePayToken = token_from_google.parse()?;
    /// let charge = GooglePayCharge::builder(TransactionDetails::new("order-gp-1", Idr::new(10_002)), token)
    ///     .authentication(true)
    ///     .build()?;
    /// let answer = client.google_pay().charge(&charge).await?;
    /// println!("{:?} {:?}", answer.transaction_status, answer.redirect_url);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidRequest`](crate::Error::InvalidRequest) for a charge that breaks a
    /// documented rule, nothing sent; [`Error::Api`](crate::Error::Api) as for
    /// [`CoreApi::charge`](crate::api::CoreApi::charge): 400 invalid parameters, 401 wrong
    /// key, 406 order id taken. Transport errors as for every call.
    pub fn charge(
        &self,
        request: impl RequestBody<GooglePayCharge>,
    ) -> PendingRequest<ChargeResponse> {
        let endpoint = request.into_json().map(|json| {
            Endpoint::new(Method::POST, Host::GooglePay, "/v2/charge".to_owned()).body(json)
        });
        PendingRequest::new(self.client, endpoint)
    }
}
