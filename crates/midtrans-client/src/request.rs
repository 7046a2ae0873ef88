//! One request: the endpoint it targets, its per-request options, and the straight line from
//! typed request to typed answer.

use core::fmt;
use std::borrow::Cow;
use std::time::Duration;

use http::header::{HeaderName, HeaderValue, AUTHORIZATION, CONTENT_LENGTH};
use http::Method;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::de::DeserializeOwned;

use std::time::SystemTime;

use crate::error::{classify, decode, Accepted, CallInfo, Error};
use crate::idempotency::{self, Key};
use crate::retry::{Attempt, Decision, Idempotency, Outcome};
use crate::Client;

/// Characters kept as they are in path segments and query values: RFC 3986 unreserved.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes one path segment or query value; borrowed when nothing needs encoding (the
/// usual order id), so no copy is made.
pub(crate) fn encode(value: &str) -> Cow<'_, str> {
    utf8_percent_encode(value, UNRESERVED).into()
}

/// Which Midtrans host serves an endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Host {
    /// The Core API (`api.midtrans.com`).
    Core,
    /// Snap (`app.midtrans.com/snap/v1`).
    Snap,
    /// SNAP-BI (`merchants.midtrans.com`): signed calls, feature `snap-bi`.
    SnapBi,
    /// Iris (`app.midtrans.com/iris/api/v1`): disbursements, feature `iris`.
    Iris,
    /// Snap v3 (`app.midtrans.com/snap/v3`): the merchant preferences. Its base is the Snap
    /// base with `/v1` changed into `/v3`.
    SnapV3,
    /// Google Pay (`panapi.midtrans.com`): the JWT call and the Google Pay charge.
    GooglePay,
}

/// Which key authenticates an endpoint (HTTP Basic, key as user name, empty password).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Auth {
    /// The server key.
    Server,
    /// The client key, also sent as the first query parameter `client_key` (card token and
    /// card register).
    Client,
    /// The client key in the header only, without the query parameter (Google Pay's JWT).
    ClientHeader,
    /// The client key when one is configured, else the server key (BIN lookup).
    ClientIfConfigured,
    /// SNAP-BI's access-token call: `X-CLIENT-KEY` and an RSA signature.
    #[cfg(feature = "snap-bi")]
    SnapBiToken,
    /// A SNAP-BI call: the access token and an HMAC signature.
    #[cfg(feature = "snap-bi")]
    SnapBi,
    /// Iris's creator key.
    #[cfg(feature = "iris")]
    IrisCreator,
    /// Iris's approver key.
    #[cfg(feature = "iris")]
    IrisApprover,
}

/// What an endpoint is: method, host, path (already percent-encoded), query, key, body.
#[derive(Clone, Debug)]
pub(crate) struct Endpoint {
    pub(crate) method: Method,
    pub(crate) host: Host,
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) auth: Auth,
    pub(crate) body: Option<Vec<u8>>,
    /// Whether Midtrans honours `Idempotency-Key` here, so a keyed write may be retried.
    pub(crate) honours_idempotency: bool,
    /// Whether the path's last segment is a card token, kept out of `Debug`.
    pub(crate) secret_id: bool,
    /// SNAP-BI: the `X-EXTERNAL-ID` the body implies (a VA's `trxId`, a QR code's
    /// `partnerReferenceNo`), used unless the call gives one.
    pub(crate) external_id: Option<String>,
    /// Whether the key goes in `X-Idempotency-Key` (Iris, and Invoicing on the Core host).
    pub(crate) x_idempotency: bool,
}

impl Endpoint {
    /// The path as logs and `Debug` show it: a card token in its last segment redacted.
    pub(crate) fn shown_path(&self) -> Cow<'_, str> {
        match self.path.rsplit_once('/') {
            Some((parent, _)) if self.secret_id => Cow::Owned(format!("{parent}/[redacted]")),
            _ => Cow::Borrowed(&self.path),
        }
    }

    pub(crate) fn new(method: Method, host: Host, path: String) -> Self {
        Endpoint {
            method,
            host,
            path,
            query: Vec::new(),
            auth: Auth::Server,
            body: None,
            honours_idempotency: false,
            secret_id: false,
            external_id: None,
            x_idempotency: host == Host::Iris,
        }
    }

    /// The header the call's own idempotency key goes in, and its longest value when the
    /// product sets one: SNAP-BI's `X-EXTERNAL-ID`, Iris's and Invoicing's
    /// `X-Idempotency-Key`, else the Core API's `Idempotency-Key`.
    fn key_header(&self) -> (HeaderName, Option<usize>) {
        if self.host == Host::SnapBi {
            (EXTERNAL_ID, Some(MAX_EXTERNAL_ID_LEN))
        } else if self.x_idempotency {
            (X_IDEMPOTENCY, Some(MAX_X_IDEMPOTENCY_KEY_LEN))
        } else {
            (idempotency::HEADER, None)
        }
    }

    /// Marks a write keyed by `X-Idempotency-Key` (Invoicing): a key generated per call (or
    /// given), sent on every attempt, so it may be retried.
    #[cfg(feature = "invoicing")]
    pub(crate) fn x_idempotent(mut self) -> Self {
        self.x_idempotency = true;
        self.honours_idempotency = true;
        self
    }

    /// Whether this is SNAP-BI's access-token call.
    pub(crate) fn is_token_call(&self) -> bool {
        #[cfg(feature = "snap-bi")]
        return self.auth == Auth::SnapBiToken;
        #[cfg(not(feature = "snap-bi"))]
        false
    }

    /// The `X-EXTERNAL-ID` the body implies, unless the call gives one (SNAP-BI).
    #[cfg(feature = "snap-bi")]
    pub(crate) fn external_id(mut self, id: Option<String>) -> Self {
        self.external_id = id;
        self
    }

    /// Marks the path's last segment as a card token, which `Debug` does not show.
    pub(crate) fn secret_id(mut self) -> Self {
        self.secret_id = true;
        self
    }

    /// Marks a write whose repeats Midtrans answers from its idempotency store (Core API
    /// payment calls and subscription creation), so it may be retried with a key.
    pub(crate) fn idempotent(mut self) -> Self {
        self.honours_idempotency = true;
        self
    }

    pub(crate) fn body(mut self, body: Vec<u8>) -> Self {
        self.body = Some(body);
        self
    }

    pub(crate) fn query(mut self, query: Vec<(String, String)>) -> Self {
        self.query = query;
        self
    }

    pub(crate) fn auth(mut self, auth: Auth) -> Self {
        self.auth = auth;
        self
    }
}

/// The most notification URLs Midtrans accepts in one header.
const MAX_NOTIFICATION_URLS: usize = 3;
/// The longest `Idempotency-Key` Midtrans honours; longer keys are silently ignored by Midtrans,
/// so they are refused here.
pub const MAX_IDEMPOTENCY_KEY_LEN: usize = 46;
/// The longest `X-EXTERNAL-ID` SNAP-BI accepts.
pub const MAX_EXTERNAL_ID_LEN: usize = 36;
/// SNAP-BI's idempotency key header.
const EXTERNAL_ID: HeaderName = HeaderName::from_static("x-external-id");
/// The idempotency key header of Iris and of Invoicing, and its longest value.
const X_IDEMPOTENCY: HeaderName = HeaderName::from_static("x-idempotency-key");
const MAX_X_IDEMPOTENCY_KEY_LEN: usize = 100;

/// Options of one request; never shared with other requests.
#[derive(Clone, Default)]
pub(crate) struct RequestOptions {
    idempotency_key: Option<String>,
    override_notification: Option<Vec<String>>,
    append_notification: Option<Vec<String>>,
    payment_locale: Option<String>,
    headers: Vec<(String, String)>,
    timeout: Option<Duration>,
    retry: Option<crate::RetryPolicy>,
}

impl RequestOptions {
    /// Checks the call's options and parses its option headers (the idempotency key, checked
    /// here, is added per attempt by [`build_request`]).
    fn headers(&self, key: Option<&Key>) -> Result<Vec<(HeaderName, HeaderValue)>, Error> {
        if let Some(Key::Given(key)) = key {
            if !idempotency::is_honoured(key) {
                return Err(Error::InvalidInput(format!(
                    "Idempotency-Key must be 1 to {MAX_IDEMPOTENCY_KEY_LEN} visible ASCII characters"
                )));
            }
        }
        let mut out = Vec::new();
        if self.override_notification.is_some() && self.append_notification.is_some() {
            return Err(Error::InvalidInput(
                "set either override_notification or append_notification: Midtrans honours only \
                 the override when both are sent"
                    .to_owned(),
            ));
        }
        for (name, urls) in [
            ("x-override-notification", &self.override_notification),
            ("x-append-notification", &self.append_notification),
        ] {
            if let Some(urls) = urls {
                out.push(header(name, &notification_urls(urls)?)?);
            }
        }
        if let Some(locale) = &self.payment_locale {
            out.push(header("x-payment-locale", locale)?);
        }
        for (name, value) in &self.headers {
            out.push(header(name, value)?);
        }
        Ok(out)
    }
}

fn header(name: &str, value: &str) -> Result<(HeaderName, HeaderValue), Error> {
    let invalid = || Error::InvalidInput(format!("invalid header {name:?}"));
    let name = HeaderName::try_from(name).map_err(|_| invalid())?;
    let mut value = HeaderValue::try_from(value).map_err(|_| invalid())?;
    // Credentials a call may carry stay out of `Debug`.
    if name == AUTHORIZATION || name.as_str() == "authorization-customer" {
        value.set_sensitive(true);
    }
    Ok((name, value))
}

fn notification_urls(urls: &[String]) -> Result<String, Error> {
    if urls.is_empty() || urls.len() > MAX_NOTIFICATION_URLS {
        return Err(Error::InvalidInput(format!(
            "1 to {MAX_NOTIFICATION_URLS} notification URLs are allowed, got {}",
            urls.len()
        )));
    }
    for url in urls {
        let valid = (url.starts_with("https://") || url.starts_with("http://"))
            && !url.contains(',')
            && url.parse::<http::Uri>().is_ok();
        if !valid {
            return Err(Error::InvalidInput(format!(
                "notification URL {url:?} is not an http(s) URL"
            )));
        }
    }
    Ok(urls.join(","))
}

/// A request ready to send: set per-request options, then `.await` it (or `.send().await`,
/// the same).
///
/// ```no_run
/// # async fn run(client: midtrans::Client, request: midtrans::types::ChargeRequest) -> Result<(), midtrans::Error> {
/// let answer = client
///     .core()
///     .charge(&request)
///     .idempotency_key("charge-order-101")
///     .override_notification(["https://example.com/midtrans/notify"])
///     .await?;
/// let status = client.transactions().status("order-101").await?;
/// # Ok(()) }
/// ```
///
/// `Debug` shows what the request is — method, host, path, query, body size, options — with
/// card numbers masked, CVVs and card tokens hidden, and headers by name only.
#[must_use = "a request does nothing until it is awaited (`.await` or `.send().await`)"]
pub struct PendingRequest<T> {
    client: Client,
    endpoint: Result<Endpoint, Error>,
    options: RequestOptions,
    decode: fn(&[u8]) -> Result<T, serde_json::Error>,
}

/// `request.await` is `request.send().await`: the call, its retries, the decoded answer.
///
/// ```no_run
/// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
/// let status = client.transactions().status("order-101").await?;
/// println!("{:?}", status.transaction_status);
/// # Ok(()) }
/// ```
impl<T: Send + 'static> std::future::IntoFuture for PendingRequest<T> {
    type Output = Result<T, Error>;
    type IntoFuture =
        std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, Error>> + Send + 'static>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl<T: DeserializeOwned> PendingRequest<T> {
    pub(crate) fn new(client: &Client, endpoint: Result<Endpoint, Error>) -> Self {
        Self::decoded_with(client, endpoint, crate::error::decode_answer)
    }
}

impl<T> PendingRequest<T> {
    /// A request whose answer is decoded by `decode` (e.g. picking one field).
    pub(crate) fn decoded_with(
        client: &Client,
        endpoint: Result<Endpoint, Error>,
        decode: fn(&[u8]) -> Result<T, serde_json::Error>,
    ) -> Self {
        PendingRequest {
            client: client.clone(),
            endpoint,
            options: RequestOptions::default(),
            decode,
        }
    }

    /// Sends `Idempotency-Key`: Midtrans answers a repeat within 5 minutes with the first
    /// answer instead of acting twice (at most 46 visible ASCII characters).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.options.idempotency_key = Some(key.into());
        self
    }

    /// Sends `X-Override-Notification`: this payment's notifications go only to these 1–3
    /// http(s) URLs instead of the dashboard's.
    pub fn override_notification<I, U>(mut self, urls: I) -> Self
    where
        I: IntoIterator<Item = U>,
        U: Into<String>,
    {
        self.options.override_notification = Some(urls.into_iter().map(Into::into).collect());
        self
    }

    /// Sends `X-Append-Notification`: this payment's notifications also go to these 1–3 http(s)
    /// URLs.
    pub fn append_notification<I, U>(mut self, urls: I) -> Self
    where
        I: IntoIterator<Item = U>,
        U: Into<String>,
    {
        self.options.append_notification = Some(urls.into_iter().map(Into::into).collect());
        self
    }

    /// Sends `X-Payment-Locale` (`id-ID` or `en-EN`) for GoPay pages.
    pub fn payment_locale(mut self, locale: impl Into<String>) -> Self {
        self.options.payment_locale = Some(locale.into());
        self
    }

    /// SNAP-BI: the call's `X-EXTERNAL-ID` (its idempotency key, at most 36 visible ASCII
    /// characters), instead of the one the request implies or a generated one. Reused on
    /// every attempt.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client, request: midtrans::types::snap_bi::DirectDebitPaymentRequest) -> Result<(), midtrans::Error> {
    /// let answer = client.snap_bi().direct_debit_payment(&request).external_id("pay-order-101").await?;
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "snap-bi")]
    pub fn external_id(self, id: impl Into<String>) -> Self {
        self.idempotency_key(id)
    }

    /// SNAP-BI: `X-DEVICE-ID`, the customer's device (sent empty unless set).
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client, request: midtrans::types::snap_bi::DirectDebitPaymentRequest) -> Result<(), midtrans::Error> {
    /// client.snap_bi().direct_debit_payment(&request).device_id("android-0a1b2c").await?;
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "snap-bi")]
    pub fn device_id(self, id: impl Into<String>) -> Self {
        self.header("X-DEVICE-ID", id)
    }

    /// SNAP-BI: `Authorization-Customer: Bearer <token>`, the customer token of an account
    /// binding (GoPay tokenization, unbinding, inquiry). Never shown in `Debug`.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client, request: midtrans::types::snap_bi::AccountInquiryRequest, token: String) -> Result<(), midtrans::Error> {
    /// client.snap_bi().account_inquiry(&request).customer_token(&token).await?;
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "snap-bi")]
    pub fn customer_token(self, token: impl AsRef<str>) -> Self {
        let value = format!("Bearer {}", token.as_ref());
        self.header("Authorization-Customer", value)
    }

    /// Adds a header to this request only.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options.headers.push((name.into(), value.into()));
        self
    }

    /// The timeout of each attempt of this request, instead of the client's.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// The retry policy of this request, instead of the client's.
    pub fn retry_policy(mut self, policy: crate::RetryPolicy) -> Self {
        self.options.retry = Some(policy);
        self
    }

    /// Sends the request and returns the answer as untyped JSON. An answer with a key twice in
    /// any object is an [`Error::Decode`], not one of its values picked.
    ///
    /// # Errors
    /// See [`Error`].
    pub async fn send_value(self) -> Result<serde_json::Value, Error> {
        Ok(self.execute(crate::json::strict_value).await?.value)
    }

    /// Sends the request and decodes the answer. Awaiting the request itself does the same.
    ///
    /// # Errors
    /// See [`Error`].
    pub async fn send(self) -> Result<T, Error> {
        let decode = self.decode;
        Ok(self.execute(decode).await?.value)
    }

    /// Sends the request and waits for the answer without `async` (feature `blocking`), for
    /// scripts and command-line tools: the same call, retries and errors as [`Self::send`], run
    /// on a runtime of the client's own (one thread, started on first use, kept for the
    /// process).
    ///
    /// ```no_run
    /// # fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// let status = client.transactions().status("order-101").send_blocking()?;
    /// println!("{:?}", status.transaction_status);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As [`Self::send`]; [`Error::InvalidInput`] when called from inside an async runtime
    /// (blocking there would stall it: `.await` the request instead), or when the runtime
    /// cannot start.
    #[cfg(feature = "blocking")]
    pub fn send_blocking(self) -> Result<T, Error>
    where
        T: Send + 'static,
    {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::InvalidInput(
                "send_blocking was called inside an async runtime; await the request instead"
                    .to_owned(),
            ));
        }
        blocking_runtime()?.block_on(self.send())
    }

    /// Like [`Self::send`], also telling the idempotency key the call was sent with (given, or
    /// generated for safe retries), the attempts made and the final HTTP status.
    ///
    /// # Errors
    /// See [`Error`].
    pub async fn send_with_meta(self) -> Result<Answered<T>, Error> {
        let decode = self.decode;
        let done = self.execute(decode).await?;
        Ok(Answered {
            value: done.value,
            idempotency_key: done.key.map(|key| key.as_str().to_owned()),
            attempts: done.attempts,
            http_status: done.http_status,
        })
    }

    /// The call, inside its `tracing` span when the feature is on.
    async fn execute<R>(
        self,
        decode_as: fn(&[u8]) -> Result<R, serde_json::Error>,
    ) -> Result<Done<R>, Error> {
        #[cfg(feature = "tracing")]
        {
            use tracing::Instrument as _;
            let span = match &self.endpoint {
                Ok(endpoint) => trace::call_span(endpoint),
                Err(_) => tracing::Span::none(),
            };
            self.run(decode_as, span.clone()).instrument(span).await
        }
        #[cfg(not(feature = "tracing"))]
        self.run(decode_as, ()).await
    }

    /// The one straight line: endpoint → HTTP request with options → transport → classifier →
    /// decoded answer, repeated as the retry policy says.
    async fn run<R>(
        self,
        decode_as: fn(&[u8]) -> Result<R, serde_json::Error>,
        span: trace::Span,
    ) -> Result<Done<R>, Error> {
        #[cfg(not(feature = "tracing"))]
        let () = span;
        let endpoint = self.endpoint?;
        let client = self.client;
        let state = client.state();
        let mut options = self.options;
        let policy = match options.retry.take() {
            _ if !cfg!(feature = "retry") => crate::RetryPolicy::none(),
            Some(policy) => policy,
            None => state.config.retry.clone(),
        };
        let writes = matches!(endpoint.method, Method::POST | Method::PATCH);
        // SNAP-BI's `X-EXTERNAL-ID` is its idempotency key: every call but the access-token
        // one carries one (given, implied by the body, or generated), the same on every attempt.
        let snap_bi = endpoint.host == Host::SnapBi;
        // The access-token call has no external id (and may be repeated: it only issues a token).
        let token_call = snap_bi && endpoint.is_token_call();
        // SNAP-BI's `X-EXTERNAL-ID` and Iris's `X-Idempotency-Key` are their products'
        // idempotency keys: sent on every keyed call (given, implied by the body, or
        // generated), the same on every attempt.
        let (key_header, own_key_len) = endpoint.key_header();
        // An `Idempotency-Key` given as a plain header is the call's key too: sent as given
        // (a key Midtrans would ignore counts as none for retries), reused, reported.
        let is_key = |name: &str| name.eq_ignore_ascii_case(key_header.as_str());
        let plain = options
            .headers
            .iter()
            .rposition(|(name, _)| is_key(name))
            .map(|at| options.headers.remove(at).1);
        options.headers.retain(|(name, _)| !is_key(name));
        let key = match (options.idempotency_key.take(), plain) {
            (Some(given), _) => Some(Key::Given(given)),
            (None, Some(header)) => Some(Key::Header(header)),
            (None, None) if token_call => None,
            (None, None) if endpoint.x_idempotency => {
                endpoint.honours_idempotency.then(Key::generate)
            }
            (None, None) if snap_bi => endpoint
                .external_id
                .clone()
                .map(Key::Given)
                .or_else(|| Some(Key::generate())),
            // One key for every attempt: Midtrans answers a repeat from its store.
            (None, None) if writes && endpoint.honours_idempotency && policy.max_retries > 0 => {
                Some(Key::generate())
            }
            (None, None) => None,
        };
        if let (Some(max), Some(key)) = (own_key_len, &key) {
            let text = key.as_str();
            if text.is_empty() || text.len() > max || !text.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(Error::InvalidInput(format!(
                    "{key_header} must be 1 to {max} visible ASCII characters"
                )));
            }
        }
        let idempotency = match (&key, endpoint.honours_idempotency) {
            (_, true) if own_key_len.is_some() => Idempotency::Honoured,
            (None, _) => Idempotency::Unkeyed,
            (Some(key), true) if key.is_honoured() => Idempotency::Honoured,
            (Some(_), _) => Idempotency::Ignored,
        };
        let timeout = options.timeout.unwrap_or(state.config.timeout);
        // Checked and parsed once per call; every attempt sends the same headers.
        let option_headers = options.headers(key.as_ref().filter(|_| own_key_len.is_none()))?;
        let mut call = CallInfo {
            idempotency_key: key,
            ..CallInfo::default()
        };
        #[cfg(feature = "tracing")]
        trace::key(&span, call.idempotency_key.as_ref());
        // The budget and the key's lifetime count from here, attempt time included.
        let started = Instant::now();
        #[cfg(feature = "snap-bi")]
        let mut token_refreshed = false;
        loop {
            #[cfg_attr(not(feature = "snap-bi"), allow(unused_mut))]
            let mut request = build_request(
                &state,
                &endpoint,
                call.idempotency_key.as_ref(),
                &option_headers,
            )?;
            // SNAP-BI signs each attempt over the bytes it sends, with the cached access token.
            #[cfg(feature = "snap-bi")]
            let sent_token = match (&state.snap_bi, snap_bi) {
                (Some(keys), true) => {
                    crate::snap_bi::sign(&client, keys, &endpoint, &mut request).await?
                }
                (None, true) => return Err(crate::ConfigError::MissingSnapBi.into()),
                (_, false) => None,
            };
            call.attempts = call.attempts.saturating_add(1);
            #[cfg(feature = "tracing")]
            let attempt_started = Instant::now();
            // Whether this attempt may have acted; once one may have, the call's outcome stays
            // unknown unless a later attempt succeeds, whatever the later ones answer.
            let (error, status, retry_after, maybe_acted) = match state
                .transport
                .send(request, Some(timeout))
                .await
            {
                Err(error) => {
                    #[cfg(feature = "tracing")]
                    trace::attempt(&span, call.attempts, None, attempt_started.elapsed());
                    let maybe_sent = error.maybe_sent();
                    (Error::Transport(error), None, None, maybe_sent)
                }
                Ok(response) => {
                    let status = response.status().as_u16();
                    let retry_after = response
                        .headers()
                        .get(http::header::RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_owned);
                    let accepted = if endpoint.host == Host::Iris {
                        Accepted::Success
                    } else {
                        Accepted::InProgress
                    };
                    let decoded = classify(status, response.into_body(), &state.scrubber, accepted)
                        .and_then(|body| decode(status, &body, decode_as, &state.scrubber));
                    #[cfg(feature = "tracing")]
                    trace::attempt(
                        &span,
                        call.attempts,
                        Some(status),
                        attempt_started.elapsed(),
                    );
                    match decoded {
                        Ok(value) => {
                            return Ok(Done {
                                value,
                                key: call.idempotency_key,
                                attempts: call.attempts,
                                http_status: status,
                            })
                        }
                        Err(error) => {
                            let maybe_acted = match &error {
                                Error::Api(api) => api.http_status() >= 500 || api.is_in_progress(),
                                _ => true,
                            };
                            (error, Some(status), retry_after, maybe_acted)
                        }
                    }
                }
            };
            // An access token Midtrans refuses (expired early, revoked) is replaced once and the
            // call sent again at once: it was not processed.
            #[cfg(feature = "snap-bi")]
            if let (Some(token), Some(keys), Error::Api(api)) =
                (&sent_token, &state.snap_bi, &error)
            {
                let refused = api.http_status() == 401
                    && api
                        .response_code()
                        .is_some_and(|code| code.is_invalid_token());
                if refused && !token_refreshed {
                    token_refreshed = true;
                    crate::snap_bi::forget_token(keys, token).await;
                    continue;
                }
            }
            call.outcome_unknown |= writes && maybe_acted;
            let outcome = match (&error, status) {
                (Error::Transport(e), _) => Outcome::Transport(e.kind()),
                (Error::Api(_), Some(status)) => Outcome::Http {
                    status,
                    retry_after: retry_after.as_deref(),
                    now: SystemTime::now(),
                },
                _ => return Err(error.with_call(call)),
            };
            let attempt = Attempt {
                method: &endpoint.method,
                idempotency,
                number: call.attempts.saturating_sub(1),
                outcome,
            };
            match policy.decide(&attempt, idempotency::jitter(), started.elapsed()) {
                Decision::Stop => return Err(error.with_call(call)),
                Decision::RetryAfter(wait) => {
                    #[cfg(feature = "tracing")]
                    trace::retry(call.attempts, wait, &error);
                    pause(wait).await;
                }
            }
        }
    }
}

impl<T> fmt::Debug for PendingRequest<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut shown = f.debug_struct("PendingRequest");
        match &self.endpoint {
            Ok(endpoint) => {
                let path = endpoint.shown_path();
                let query: Vec<(&str, Cow<'_, str>)> = endpoint
                    .query
                    .iter()
                    .map(|(name, value)| (name.as_str(), shown_query_value(name, value)))
                    .collect();
                shown
                    .field("method", &endpoint.method)
                    .field("host", &endpoint.host)
                    .field("path", &path)
                    .field("query", &query)
                    .field(
                        "body",
                        &endpoint
                            .body
                            .as_ref()
                            .map(|body| format!("{} bytes", body.len())),
                    );
            }
            Err(error) => {
                shown.field("not_sendable", error);
            }
        }
        shown.field("options", &self.options).finish()
    }
}

/// A query value as `Debug` shows it: card numbers masked (first six and last four digits),
/// CVVs and tokens hidden.
fn shown_query_value<'a>(name: &str, value: &'a str) -> Cow<'a, str> {
    match name {
        "card_number" => Cow::Owned(midtrans_types::card::mask_card_number(value)),
        "card_cvv" | "token_id" | "bank_one_time_token" => Cow::Borrowed("[redacted]"),
        _ => Cow::Borrowed(value),
    }
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let urls =
            |urls: &Option<Vec<String>>| urls.as_ref().map(|u| format!("{} URL(s)", u.len()));
        let header_names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("RequestOptions")
            .field("idempotency_key", &self.idempotency_key)
            .field("override_notification", &urls(&self.override_notification))
            .field("append_notification", &urls(&self.append_notification))
            .field("payment_locale", &self.payment_locale)
            .field("headers", &header_names)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish()
    }
}

/// A successful answer and the call that got it, before [`Answered`] is made of it (only
/// `send_with_meta` needs the key as a `String`).
struct Done<R> {
    value: R,
    key: Option<Key>,
    attempts: u32,
    http_status: u16,
}

/// A successful answer and what the client knows about the call that got it.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Answered<T> {
    /// The decoded answer.
    pub value: T,
    /// The `Idempotency-Key` sent (given, or generated for safe retries).
    pub idempotency_key: Option<String>,
    /// How many attempts were made.
    pub attempts: u32,
    /// The HTTP status of the answer.
    pub http_status: u16,
}

// The clock of the retry loop: tokio's with the `retry` feature (the one its waits run on),
// else the standard library's (there is one attempt).
#[cfg(not(feature = "retry"))]
use std::time::Instant;
#[cfg(feature = "retry")]
use tokio::time::Instant;

/// Waits between attempts.
#[cfg(feature = "retry")]
async fn pause(wait: Duration) {
    tokio::time::sleep(wait).await;
}

/// Without the `retry` feature the policy never asks to wait.
#[cfg(not(feature = "retry"))]
async fn pause(_wait: Duration) {}

/// Builds the HTTP request of one attempt: URL, default headers, authentication, the call's
/// option headers, body.
fn build_request(
    state: &crate::client::State,
    endpoint: &Endpoint,
    key: Option<&Key>,
    option_headers: &[(HeaderName, HeaderValue)],
) -> Result<crate::transport::HttpRequest, Error> {
    let config = &state.config;
    let base = match endpoint.host {
        Host::Core => config.environment.core_url(),
        Host::Snap => config.environment.snap_url(),
        Host::SnapBi => config.environment.snap_bi_url(),
        Host::Iris => config.environment.iris_url(),
        Host::SnapV3 => config.environment.snap_v3_url(),
        Host::GooglePay => config.environment.google_pay_url(),
    };
    let client_key = config.client_key.as_ref().map(|key| key.as_str());
    let (credentials, client_key_param) = match (endpoint.auth, client_key, &state.client_auth) {
        (Auth::Server, _, _) | (Auth::ClientIfConfigured, None, _) => (&state.server_auth, None),
        (Auth::ClientIfConfigured, Some(_), Some(auth)) => (auth, None),
        (Auth::Client, Some(key), Some(auth)) => (auth, Some(("client_key", key))),
        (Auth::ClientHeader, Some(_), Some(auth)) => (auth, None),
        // SNAP-BI is signed instead (`snap_bi::sign` replaces the header).
        #[cfg(feature = "snap-bi")]
        (Auth::SnapBi | Auth::SnapBiToken, _, _) => (&state.server_auth, None),
        #[cfg(feature = "iris")]
        (Auth::IrisCreator, _, _) => (
            state
                .iris_auth
                .0
                .as_ref()
                .ok_or(crate::ConfigError::MissingIris)?,
            None,
        ),
        #[cfg(feature = "iris")]
        (Auth::IrisApprover, _, _) => (
            state
                .iris_auth
                .1
                .as_ref()
                .ok_or(crate::ConfigError::MissingIris)?,
            None,
        ),
        _ => return Err(crate::ConfigError::MissingClientKey.into()),
    };
    // An untyped query may carry `client_key` itself: sent once, and only if it is the key
    // that authenticates the call.
    let mut own_client_key = endpoint.query.iter().filter(|(k, _)| k == "client_key");
    if let Some((configured, (_, given))) = client_key_param.zip(own_client_key.next()) {
        if configured.1 != given {
            return Err(Error::InvalidInput(
                "the query's client_key is not the configured client key; leave it out, the \
                 client adds the configured one"
                    .to_owned(),
            ));
        }
    }
    let query = client_key_param.into_iter().chain(
        endpoint
            .query
            .iter()
            .filter(|(k, _)| client_key_param.is_none() || k != "client_key")
            .map(|(k, v)| (k.as_str(), v.as_str())),
    );
    let mut url = format!("{base}{}", endpoint.path);
    for (index, (name, value)) in query.enumerate() {
        url.push(if index == 0 { '?' } else { '&' });
        url.push_str(&encode(name));
        url.push('=');
        url.push_str(&encode(value));
    }
    let uri = http::Uri::try_from(url)
        .map_err(|_| Error::InvalidInput("the request URL is not valid".to_owned()))?;
    // Filled in place: `http::request::Builder` moves the whole request through every call.
    let mut request = http::Request::new(endpoint.body.clone().unwrap_or_default());
    *request.method_mut() = endpoint.method.clone();
    *request.uri_mut() = uri;
    // A write without a body says so: servers in front of Midtrans may refuse a POST without a
    // length (411).
    let empty_write = request.body().is_empty()
        && matches!(endpoint.method, Method::POST | Method::PATCH | Method::PUT);
    // The base already carries the server key's credentials; they are set again only when
    // another key authenticates this call or an option header would replace them.
    let reauthorize = !std::ptr::eq(credentials, &state.server_auth)
        || option_headers.iter().any(|(name, _)| name == AUTHORIZATION);
    let mut headers = state.base_headers.clone();
    let too_many = |_| Error::InvalidInput("too many headers".to_owned());
    if let Some(key) = key {
        // Written from the key itself: a given key was checked by `RequestOptions::headers`, a
        // plain header's is checked here (before the first attempt is sent).
        let value = HeaderValue::from_bytes(key.as_bytes())
            .map_err(|_| Error::InvalidInput("Idempotency-Key is not a valid header".to_owned()))?;
        headers
            .try_insert(endpoint.key_header().0, value)
            .map_err(too_many)?;
    }
    if empty_write {
        headers
            .try_insert(CONTENT_LENGTH, HeaderValue::from_static("0"))
            .map_err(too_many)?;
    }
    // The call's options replace configured headers; nothing replaces the credentials.
    for (name, value) in option_headers {
        headers
            .try_insert(name.clone(), value.clone())
            .map_err(too_many)?;
    }
    if reauthorize {
        headers
            .try_insert(AUTHORIZATION, credentials.clone())
            .map_err(too_many)?;
    }
    *request.headers_mut() = headers;
    Ok(request)
}

/// Without the `tracing` feature a call has no span.
#[cfg(not(feature = "tracing"))]
mod trace {
    /// No span without the feature.
    pub(super) type Span = ();
}

/// The `tracing` output of a call (feature `tracing`): what it is, its attempts and retries.
/// Nothing here reads the body beyond an order id, the headers, or the keys.
#[cfg(feature = "tracing")]
mod trace {
    use std::time::Duration;

    /// The call's span, handed down so its fields are filled in whatever the subscriber.
    pub(super) type Span = tracing::Span;

    use super::Endpoint;
    use crate::idempotency::Key;
    use crate::Error;

    /// The order id a charge or Snap body names (`transaction_details.order_id`), if any.
    fn order_id(body: &[u8]) -> Option<String> {
        #[derive(serde::Deserialize)]
        struct Details {
            order_id: Option<String>,
        }
        #[derive(serde::Deserialize)]
        struct Body {
            transaction_details: Option<Details>,
        }
        serde_json::from_slice::<Body>(body)
            .ok()?
            .transaction_details?
            .order_id
    }

    /// The span of one call: method, host, path (card tokens redacted), the order id a body
    /// names; `idempotency_key`, `attempts` and `http_status` are filled in as they are known.
    pub(super) fn call_span(endpoint: &Endpoint) -> tracing::Span {
        let order_id = endpoint.body.as_deref().and_then(order_id);
        tracing::info_span!(
            "midtrans.call",
            method = %endpoint.method,
            host = ?endpoint.host,
            path = %endpoint.shown_path(),
            order_id = order_id.as_deref(),
            idempotency_key = tracing::field::Empty,
            attempts = tracing::field::Empty,
            http_status = tracing::field::Empty,
        )
    }

    pub(super) fn key(span: &Span, key: Option<&Key>) {
        if let Some(key) = key {
            span.record("idempotency_key", key.as_str());
        }
    }

    /// One attempt's end: its number, HTTP status (none for a transport failure), latency.
    pub(super) fn attempt(span: &Span, number: u32, status: Option<u16>, latency: Duration) {
        span.record("attempts", number);
        if let Some(status) = status {
            span.record("http_status", status);
        }
        tracing::debug!(
            attempt = number,
            http_status = status,
            latency_ms = u64::try_from(latency.as_millis()).unwrap_or(u64::MAX),
            "midtrans attempt answered"
        );
    }

    /// A retry decided after `attempt`, with the wait and why (the error's kind and code, not
    /// its text).
    pub(super) fn retry(attempt: u32, wait: Duration, error: &Error) {
        let (kind, code) = match error {
            Error::Api(api) => ("api", Some(api.code())),
            Error::Transport(transport) => (transport_kind(transport), None),
            _ => ("other", None),
        };
        tracing::info!(
            attempt,
            wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
            error = kind,
            code,
            "midtrans call retried"
        );
    }

    fn transport_kind(error: &crate::TransportError) -> &'static str {
        use crate::TransportErrorKind as K;
        match error.kind() {
            K::Connect => "connect",
            K::Timeout => "timeout",
            K::Tls => "tls",
            _ => "transport",
        }
    }
}

/// The runtime blocking calls run on: one worker thread, for the connections the transport
/// keeps between calls.
#[cfg(feature = "blocking")]
fn blocking_runtime() -> Result<&'static tokio::runtime::Runtime, Error> {
    static RUNTIME: std::sync::OnceLock<Result<tokio::runtime::Runtime, String>> =
        std::sync::OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .thread_name("midtrans-blocking")
                .enable_all()
                .build()
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| Error::InvalidInput(format!("the blocking runtime cannot start: {e}")))
}
