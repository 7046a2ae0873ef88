//! [`Client`]: cheap to clone, safe to share between threads, reconfigurable at run time.

use core::fmt;
use std::sync::{Arc, PoisonError, RwLock};

use base64::Engine as _;
use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};

use crate::api::{CoreApi, Snap, Transactions};
use crate::config::{ClientBuilder, Config, ConfigError};
use crate::error::Scrubber;
use crate::request::{Endpoint, Host, PendingRequest};
use crate::transport::Transport;

/// The Midtrans client. One client serves Snap, Core API, subscriptions and GoPay
/// tokenization; clones share the connection pool and the configuration.
///
/// ```no_run
/// # async fn run() -> Result<(), midtrans::Error> {
/// use midtrans::types::snap::{CreditCard, SnapRequest};
/// use midtrans::types::{Idr, TransactionDetails};
///
/// let client = midtrans::Client::builder()
///     .is_production(false)
///     .server_key("SB-Mid-server-TEST")
///     .client_key("SB-Mid-client-TEST")
///     .build()?;
/// let request = SnapRequest::builder(TransactionDetails::new("test-transaction-123", Idr::new(200_000)))
///     .credit_card(CreditCard::new().secure(true))
///     .build()?;
/// let token = client.snap().create_transaction_token(&request).send().await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<RwLock<Arc<State>>>,
}

/// What one request reads: a consistent snapshot of configuration and transport.
pub(crate) struct State {
    pub(crate) config: Config,
    pub(crate) transport: Arc<dyn Transport>,
    pub(crate) custom_transport: bool,
    pub(crate) scrubber: Scrubber,
    /// `Basic …` of the server key, computed once per configuration.
    pub(crate) server_auth: http::HeaderValue,
    /// `Basic …` of the client key, when there is one.
    pub(crate) client_auth: Option<http::HeaderValue>,
    /// The headers every request starts from: `Accept`, `Content-Type`, `User-Agent`, the
    /// configured ones, and the server key's `Authorization`; cloned per attempt.
    pub(crate) base_headers: http::HeaderMap,
    /// SNAP-BI's parsed credentials and cached access token.
    #[cfg(feature = "snap-bi")]
    pub(crate) snap_bi: Option<Arc<crate::snap_bi::Keys>>,
    /// `Basic …` of the Iris creator and approver keys, when configured.
    #[cfg(feature = "iris")]
    pub(crate) iris_auth: (Option<http::HeaderValue>, Option<http::HeaderValue>),
}

/// The `Authorization` value for a key, marked sensitive so `Debug` never shows it.
fn auth_header(key: &str) -> Result<http::HeaderValue, ConfigError> {
    let mut value = http::HeaderValue::try_from(basic_auth(key))
        .map_err(|_| ConfigError::InvalidHeader("authorization".to_owned()))?;
    value.set_sensitive(true);
    Ok(value)
}

/// `Basic base64(key + ":")`.
pub(crate) fn basic_auth(key: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{key}:"))
    )
}

impl State {
    fn new(builder: ClientBuilder) -> Result<Self, ConfigError> {
        let custom_transport = builder.transport.is_some();
        let (config, transport) = builder.into_parts()?;
        let scrubber = Scrubber::for_keys(
            std::iter::once(&config.server_key).chain(&config.notification_keys),
        );
        #[cfg(feature = "snap-bi")]
        let (scrubber, snap_bi) = match &config.snap_bi {
            Some(credentials) => (
                scrubber.with_secret(&credentials.client_secret),
                Some(Arc::new(crate::snap_bi::Keys::new(credentials)?)),
            ),
            None => (scrubber, None),
        };
        #[cfg(feature = "iris")]
        let (scrubber, iris_auth) = match &config.iris {
            Some(iris) => {
                iris.check()?;
                let scrubber = iris
                    .secrets()
                    .fold(scrubber, |scrubber, key| scrubber.with_secret(key));
                let auth = |key: &Option<String>| key.as_deref().map(auth_header).transpose();
                (
                    scrubber,
                    (auth(&iris.creator_key)?, auth(&iris.approver_key)?),
                )
            }
            None => (scrubber, (None, None)),
        };
        let server_auth = auth_header(config.server_key.expose_secret())?;
        let client_auth = config
            .client_key
            .as_ref()
            .map(|key| auth_header(key.as_str()))
            .transpose()?;
        let user_agent = http::HeaderValue::try_from(config.user_agent.as_str())
            .map_err(|_| ConfigError::InvalidHeader("user-agent".to_owned()))?;
        let json = http::HeaderValue::from_static("application/json");
        let defaults = [
            (ACCEPT, json.clone()),
            (CONTENT_TYPE, json),
            (USER_AGENT, user_agent),
        ];
        let configured = config.headers.iter().map(|(n, v)| (n.clone(), v.clone()));
        let auth = std::iter::once((AUTHORIZATION, server_auth.clone()));
        let mut base_headers = http::HeaderMap::new();
        // Later ones replace earlier ones of the same name: the configuration may replace the
        // defaults, and nothing replaces the credentials.
        for (name, value) in defaults.into_iter().chain(configured).chain(auth) {
            base_headers
                .try_insert(name, value)
                .map_err(|_| ConfigError::InvalidHeader("too many headers".to_owned()))?;
        }
        Ok(State {
            config,
            transport,
            custom_transport,
            scrubber,
            server_auth,
            client_auth,
            base_headers,
            #[cfg(feature = "snap-bi")]
            snap_bi,
            #[cfg(feature = "iris")]
            iris_auth,
        })
    }
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    pub(crate) fn from_builder(builder: ClientBuilder) -> Result<Self, ConfigError> {
        Ok(Client {
            inner: Arc::new(RwLock::new(Arc::new(State::new(builder)?))),
        })
    }

    pub(crate) fn state(&self) -> Arc<State> {
        Arc::clone(&self.inner.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// A copy of the current configuration.
    pub fn config(&self) -> Config {
        self.state().config.clone()
    }

    /// Changes the configuration of this client and all its clones, as the Python client's
    /// `api_config.set(...)`: `f` gets a builder holding the current settings. Requests already
    /// sent keep the settings they started with. The built-in transport is rebuilt, so a proxy
    /// change takes effect; a custom transport is kept.
    ///
    /// ```no_run
    /// # fn run(client: midtrans::Client) -> Result<(), midtrans::ConfigError> {
    /// client.reconfigure(|c| c.is_production(true).server_key("Mid-server-NEW"))?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// A [`ConfigError`]; the client then keeps its previous configuration.
    pub fn reconfigure(
        &self,
        f: impl FnOnce(ClientBuilder) -> ClientBuilder,
    ) -> Result<(), ConfigError> {
        let current = self.state();
        let transport = current
            .custom_transport
            .then(|| Arc::clone(&current.transport));
        let builder = ClientBuilder::from_config(&current.config, transport);
        let next = State::new(f(builder))?;
        *self.inner.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(next);
        Ok(())
    }

    /// Snap: payment page tokens and redirect URLs, and transaction actions.
    pub fn snap(&self) -> Snap<'_> {
        Snap::new(self)
    }

    /// Core API: charges, capture, card utilities, subscriptions, GoPay tokenization, and
    /// transaction actions.
    pub fn core(&self) -> CoreApi<'_> {
        CoreApi::new(self)
    }

    /// Google Pay: the button's JWT and the charge with Google's token, on Google Pay's own
    /// host.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::google_pay::GooglePayAuthRequest;
    /// let jwt = client.google_pay().auth_jwt(GooglePayAuthRequest::new("examplestore.com")?).await?;
    /// # let _ = jwt;
    /// # Ok(()) }
    /// ```
    pub fn google_pay(&self) -> crate::api::GooglePay<'_> {
        crate::api::GooglePay::new(self)
    }

    /// SNAP-BI (feature `snap-bi`): direct debit, virtual accounts, QRIS, account binding and
    /// transaction history over Bank Indonesia's standard API, signed with the credentials
    /// given to [`ClientBuilder::snap_bi`].
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::snap_bi::{Money, QrisGenerateRequest};
    /// use midtrans::types::Idr;
    /// let code = client
    ///     .snap_bi()
    ///     .qris_generate(QrisGenerateRequest::new("order-101", Money::idr(Idr::new(44_000))))
    ///     .await?;
    /// println!("{:?}", code.qr_content);
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "snap-bi")]
    pub fn snap_bi(&self) -> crate::api::SnapBi<'_> {
        crate::api::SnapBi::new(self)
    }

    /// Iris (feature `iris`): beneficiaries and payouts, with the creator and approver roles
    /// in the types (`client.iris().creator()`, `client.iris().approver()`), and Iris
    /// notification verification.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// let balance = client.iris().creator().balance().await?;
    /// println!("{}", balance.balance);
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "iris")]
    pub fn iris(&self) -> crate::api::IrisApi<'_> {
        crate::api::IrisApi::new(self)
    }

    /// Invoicing (feature `invoicing`): invoices and quotations paid through a payment link
    /// or virtual accounts.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// let invoice = client.invoices().get("65e7e8e657389830d04836fc").await?;
    /// println!("{}", invoice.status);
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "invoicing")]
    pub fn invoices(&self) -> crate::api::Invoices<'_> {
        crate::api::Invoices::new(self)
    }

    /// Payment Link (feature `payment-link`): links that take up to a number of payments
    /// until they expire.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// let link = client.payment_links().get("concert-ticket-05").await?;
    /// println!("{:?}", link.payment_link_url);
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "payment-link")]
    pub fn payment_links(&self) -> crate::api::PaymentLinks<'_> {
        crate::api::PaymentLinks::new(self)
    }

    /// Transaction status, actions, refunds and notification handling.
    pub fn transactions(&self) -> Transactions<'_> {
        Transactions::new(self)
    }

    /// A call to an endpoint this crate does not model: `path` is appended to the host's base
    /// URL as given (percent-encode its parameters), `body` is sent as JSON.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// use midtrans::{http::Method, Host};
    /// let answer = client
    ///     .raw(Method::GET, Host::Core, "/v2/some-new-endpoint", None)
    ///     .send_value()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn raw(
        &self,
        method: http::Method,
        host: Host,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> PendingRequest<serde_json::Value> {
        let endpoint = if path.starts_with('/') {
            let endpoint = Endpoint::new(method, host, path.to_owned());
            match body {
                Some(body) => crate::api::to_json(&body).map(|bytes| endpoint.body(bytes)),
                None => Ok(endpoint),
            }
        } else {
            // The path is not echoed: it may carry card data in its query.
            Err(crate::Error::InvalidInput(
                "a raw path must start with '/'".to_owned(),
            ))
        };
        PendingRequest::new(self, endpoint)
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.state();
        f.debug_struct("Client")
            .field("config", &state.config)
            .field("transport", &state.transport)
            .finish()
    }
}
