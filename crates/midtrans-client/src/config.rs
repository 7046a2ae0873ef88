//! Configuration: environment, keys, default headers, proxy and timeout.

use core::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::header::{HeaderMap, HeaderName, HeaderValue};

use crate::transport::Transport;

/// Where requests go: the sandbox, production, or custom base URLs (a local simulator, a test
/// server, a gateway in front of Midtrans).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Environment {
    /// `https://api.sandbox.midtrans.com` and `https://app.sandbox.midtrans.com/snap/v1`.
    Sandbox,
    /// `https://api.midtrans.com` and `https://app.midtrans.com/snap/v1`.
    Production,
    /// Custom base URLs, without a trailing slash.
    Custom {
        /// Core API base, e.g. `http://127.0.0.1:4010`.
        core: String,
        /// Snap base including `/snap/v1`, e.g. `http://127.0.0.1:4010/snap/v1`.
        snap: String,
        /// SNAP-BI base, before `/v1.0/…` (the Core base unless set with
        /// [`Environment::with_snap_bi_url`]).
        snap_bi: String,
        /// Iris base, before `/payouts` etc. (`{core}/iris/api/v1` unless set with
        /// [`Environment::with_iris_url`]).
        iris: String,
        /// Snap v3 base, before `/merchant-preferences` (the Snap base with `/v1` changed into
        /// `/v3`).
        snap_v3: String,
        /// Google Pay base, before `/google_auth` and `/v2/charge` (`{core}/panapi` unless set
        /// with [`Environment::with_google_pay_url`]).
        google_pay: String,
    },
}

impl Environment {
    /// Custom base URLs for the Core API and Snap (`…/snap/v1`).
    ///
    /// # Errors
    /// [`ConfigError::InvalidBaseUrl`] unless both are `http://` or `https://` URLs.
    pub fn custom(core: impl Into<String>, snap: impl Into<String>) -> Result<Self, ConfigError> {
        let core = base_url(core.into())?;
        let snap = base_url(snap.into())?;
        Ok(Environment::Custom {
            snap_bi: core.clone(),
            iris: format!("{core}/iris/api/v1"),
            snap_v3: format!("{}/v3", snap.strip_suffix("/v1").unwrap_or(&snap)),
            google_pay: format!("{core}/panapi"),
            core,
            snap,
        })
    }

    /// These custom URLs with SNAP-BI at `url` (before `/v1.0/…`), e.g. the simulator's
    /// `http://127.0.0.1:8910/snap-bi`. On Midtrans's own environments the URL is fixed.
    ///
    /// ```
    /// let environment = midtrans::Environment::custom("http://127.0.0.1:8910", "http://127.0.0.1:8910/snap/v1")?
    ///     .with_snap_bi_url("http://127.0.0.1:8910/snap-bi")?;
    /// assert_eq!(environment.snap_bi_url(), "http://127.0.0.1:8910/snap-bi");
    /// # Ok::<(), midtrans::ConfigError>(())
    /// ```
    ///
    /// # Errors
    /// [`ConfigError::InvalidBaseUrl`] unless it is an `http://` or `https://` URL, or when
    /// this is not a custom environment.
    pub fn with_snap_bi_url(mut self, url: impl Into<String>) -> Result<Self, ConfigError> {
        let url = base_url(url.into())?;
        match &mut self {
            Environment::Custom { snap_bi, .. } => *snap_bi = url,
            _ => return Err(ConfigError::InvalidBaseUrl(url)),
        }
        Ok(self)
    }

    /// The Core API base URL.
    pub fn core_url(&self) -> &str {
        match self {
            Environment::Sandbox => "https://api.sandbox.midtrans.com",
            Environment::Production => "https://api.midtrans.com",
            Environment::Custom { core, .. } => core,
        }
    }

    /// These custom URLs with Iris at `url` (before `/payouts`), e.g. the simulator's
    /// `http://127.0.0.1:8910/iris/api/v1`. On Midtrans's own environments the URL is fixed.
    ///
    /// ```
    /// let environment = midtrans::Environment::custom("http://127.0.0.1:8910", "http://127.0.0.1:8910/snap/v1")?
    ///     .with_iris_url("http://127.0.0.1:9000/iris/api/v1")?;
    /// assert_eq!(environment.iris_url(), "http://127.0.0.1:9000/iris/api/v1");
    /// # Ok::<(), midtrans::ConfigError>(())
    /// ```
    ///
    /// # Errors
    /// [`ConfigError::InvalidBaseUrl`] unless it is an `http://` or `https://` URL, or when
    /// this is not a custom environment.
    pub fn with_iris_url(mut self, url: impl Into<String>) -> Result<Self, ConfigError> {
        let url = base_url(url.into())?;
        match &mut self {
            Environment::Custom { iris, .. } => *iris = url,
            _ => return Err(ConfigError::InvalidBaseUrl(url)),
        }
        Ok(self)
    }

    /// The Iris base URL (`https://app.sandbox.midtrans.com/iris/api/v1` in the sandbox).
    ///
    /// ```
    /// assert_eq!(midtrans::Environment::Sandbox.iris_url(), "https://app.sandbox.midtrans.com/iris/api/v1");
    /// ```
    pub fn iris_url(&self) -> &str {
        match self {
            Environment::Sandbox => "https://app.sandbox.midtrans.com/iris/api/v1",
            Environment::Production => "https://app.midtrans.com/iris/api/v1",
            Environment::Custom { iris, .. } => iris,
        }
    }

    /// These custom URLs with Google Pay's host at `url` (before `/google_auth`), e.g. a
    /// gateway's. On Midtrans's own environments the URL is fixed.
    ///
    /// ```
    /// let environment = midtrans::Environment::custom("http://127.0.0.1:8910", "http://127.0.0.1:8910/snap/v1")?
    ///     .with_google_pay_url("http://127.0.0.1:9000")?;
    /// assert_eq!(environment.google_pay_url(), "http://127.0.0.1:9000");
    /// # Ok::<(), midtrans::ConfigError>(())
    /// ```
    ///
    /// # Errors
    /// [`ConfigError::InvalidBaseUrl`] unless it is an `http://` or `https://` URL, or when
    /// this is not a custom environment.
    pub fn with_google_pay_url(mut self, url: impl Into<String>) -> Result<Self, ConfigError> {
        let url = base_url(url.into())?;
        match &mut self {
            Environment::Custom { google_pay, .. } => *google_pay = url,
            _ => return Err(ConfigError::InvalidBaseUrl(url)),
        }
        Ok(self)
    }

    /// Google Pay's host (`https://panapi.sandbox.midtrans.com` in the sandbox): the JWT call
    /// and the Google Pay charge. For custom URLs, `{core}/panapi` unless set with
    /// [`Environment::with_google_pay_url`]; the simulator serves it there.
    ///
    /// ```
    /// assert_eq!(midtrans::Environment::Production.google_pay_url(), "https://panapi.midtrans.com");
    /// let environment = midtrans::Environment::custom("http://127.0.0.1:8910", "http://127.0.0.1:8910/snap/v1")?;
    /// assert_eq!(environment.google_pay_url(), "http://127.0.0.1:8910/panapi");
    /// # Ok::<(), midtrans::ConfigError>(())
    /// ```
    pub fn google_pay_url(&self) -> &str {
        match self {
            Environment::Sandbox => "https://panapi.sandbox.midtrans.com",
            Environment::Production => "https://panapi.midtrans.com",
            Environment::Custom { google_pay, .. } => google_pay,
        }
    }

    /// The SNAP-BI base URL (`https://merchants.sbx.midtrans.com` in the sandbox).
    pub fn snap_bi_url(&self) -> &str {
        match self {
            Environment::Sandbox => "https://merchants.sbx.midtrans.com",
            Environment::Production => "https://merchants.midtrans.com",
            Environment::Custom { snap_bi, .. } => snap_bi,
        }
    }

    /// The Snap v3 base URL, where the merchant preferences are
    /// (`https://app.sandbox.midtrans.com/snap/v3` in the sandbox; for custom URLs, the Snap
    /// base with `/v1` changed into `/v3`).
    ///
    /// ```
    /// let environment = midtrans::Environment::custom("http://127.0.0.1:8910", "http://127.0.0.1:8910/snap/v1")?;
    /// assert_eq!(environment.snap_v3_url(), "http://127.0.0.1:8910/snap/v3");
    /// # Ok::<(), midtrans::ConfigError>(())
    /// ```
    pub fn snap_v3_url(&self) -> &str {
        match self {
            Environment::Sandbox => "https://app.sandbox.midtrans.com/snap/v3",
            Environment::Production => "https://app.midtrans.com/snap/v3",
            Environment::Custom { snap_v3, .. } => snap_v3,
        }
    }

    /// The Snap base URL (ends in `/snap/v1` for Midtrans's own hosts).
    pub fn snap_url(&self) -> &str {
        match self {
            Environment::Sandbox => "https://app.sandbox.midtrans.com/snap/v1",
            Environment::Production => "https://app.midtrans.com/snap/v1",
            Environment::Custom { snap, .. } => snap,
        }
    }
}

/// A base URL without its trailing slash, or [`ConfigError::InvalidBaseUrl`] unless it is an
/// `http://` or `https://` URL.
fn base_url(url: String) -> Result<String, ConfigError> {
    let trimmed = url.trim().trim_end_matches('/').to_owned();
    let valid = (trimmed.starts_with("http://") || trimmed.starts_with("https://"))
        && trimmed.parse::<http::Uri>().is_ok();
    if valid {
        Ok(trimmed)
    } else {
        Err(ConfigError::InvalidBaseUrl(url))
    }
}

/// The merchant's server key: authenticates every server-side call. Never printed: `Debug`
/// shows `ServerKey([redacted])`.
#[derive(Clone, PartialEq, Eq)]
pub struct ServerKey(String);

impl ServerKey {
    /// Wraps a server key.
    ///
    /// # Errors
    /// [`ConfigError::EmptyServerKey`] or [`ConfigError::ServerKeyWhitespace`].
    pub fn new(key: impl Into<String>) -> Result<Self, ConfigError> {
        let key = key.into();
        if key.is_empty() {
            return Err(ConfigError::EmptyServerKey);
        }
        if key.chars().any(char::is_whitespace) {
            return Err(ConfigError::ServerKeyWhitespace);
        }
        Ok(ServerKey(key))
    }

    /// The key itself. Keep it out of logs.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ServerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ServerKey([redacted])")
    }
}

/// The merchant's client key: public, meant for browsers (card tokenization, Snap.js), and
/// used here for the card token, card register and BIN endpoints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientKey(String);

impl ClientKey {
    /// Wraps a client key.
    ///
    /// # Errors
    /// [`ConfigError::InvalidClientKey`] when it is empty or contains whitespace.
    pub fn new(key: impl Into<String>) -> Result<Self, ConfigError> {
        let key = key.into();
        if key.is_empty() || key.chars().any(char::is_whitespace) {
            return Err(ConfigError::InvalidClientKey);
        }
        Ok(ClientKey(key))
    }

    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A string kept out of `Debug` output (the server key before it is checked).
#[derive(Clone)]
pub(crate) struct Secret(pub(crate) String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// The default timeout of one attempt: 30 seconds.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The default `User-Agent`: `midtrans-rust/<crate version>`.
pub const DEFAULT_USER_AGENT: &str = concat!("midtrans-rust/", env!("CARGO_PKG_VERSION"));

/// A client's settings. Read it with [`crate::Client::config`]; change it with
/// [`crate::Client::reconfigure`]. `Debug` shows no key, no header value and no proxy
/// credentials.
#[derive(Clone)]
#[non_exhaustive]
pub struct Config {
    /// Where requests go.
    pub environment: Environment,
    /// Authenticates server-side calls.
    pub server_key: ServerKey,
    /// Authenticates card token, card register and BIN calls.
    pub client_key: Option<ClientKey>,
    /// Headers added to every request (per-request options come on top).
    pub headers: HeaderMap,
    /// HTTP(S) proxy URL used by the built-in transport.
    pub proxy: Option<String>,
    /// Timeout of one attempt, unless a request sets its own.
    pub timeout: Duration,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// Earlier server keys still accepted when verifying notifications (key rotation).
    pub notification_keys: Vec<ServerKey>,
    /// How failed calls are retried (see [`crate::retry`]).
    pub retry: crate::RetryPolicy,
    /// SNAP-BI credentials (feature `snap-bi`).
    #[cfg(feature = "snap-bi")]
    pub snap_bi: Option<crate::snap_bi::SnapBiCredentials>,
    /// Iris keys (feature `iris`).
    #[cfg(feature = "iris")]
    pub iris: Option<crate::iris::IrisCredentials>,
    /// Whether a sandbox key with production (or a production key with the sandbox) is
    /// refused when the client is built.
    pub check_key_environment: bool,
}

/// Why a client could not be configured.
#[derive(Debug)]
#[non_exhaustive]
pub enum ConfigError {
    /// No server key was given.
    MissingServerKey,
    /// The server key is empty.
    EmptyServerKey,
    /// The server key contains whitespace (often a copy-paste slip).
    ServerKeyWhitespace,
    /// The server key looks like a client key (`…-client-…`).
    ClientKeyAsServerKey,
    /// A sandbox key (`SB-…`) with [`Environment::Production`], or a production key
    /// (`Mid-server-…`) with [`Environment::Sandbox`]. Allow it with
    /// [`ClientBuilder::check_key_environment`]`(false)`.
    KeyEnvironmentMismatch,
    /// The client key is empty or contains whitespace.
    InvalidClientKey,
    /// The call needs a client key and none is configured.
    MissingClientKey,
    /// A base URL is not an `http(s)://` URL.
    InvalidBaseUrl(String),
    /// A header name or value is not valid HTTP.
    InvalidHeader(String),
    /// The proxy URL is not valid.
    InvalidProxy(String),
    /// A proxy was set together with a custom transport, which does its own networking.
    ProxyWithCustomTransport,
    /// No transport: the `reqwest` feature is off and none was given.
    NoTransport,
    /// The built-in transport could not be built.
    Transport(String),
    /// SNAP-BI credentials that cannot be used: the reason, never the key (feature
    /// `snap-bi`).
    InvalidSnapBiKey(String),
    /// A SNAP-BI call on a client without SNAP-BI credentials ([`ClientBuilder::snap_bi`]).
    MissingSnapBi,
    /// An Iris key is empty or not printable ASCII (feature `iris`).
    InvalidIrisKey,
    /// An Iris call whose role has no key configured, or an Iris notification without a
    /// merchant key (`ClientBuilder::iris`).
    MissingIris,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::MissingServerKey => f.write_str("no server key configured"),
            ConfigError::EmptyServerKey => f.write_str("the server key is empty"),
            ConfigError::ServerKeyWhitespace => f.write_str("the server key contains whitespace"),
            ConfigError::ClientKeyAsServerKey => {
                f.write_str("the server key looks like a client key (…-client-…)")
            }
            ConfigError::KeyEnvironmentMismatch => f.write_str(
                "the server key is for the other environment (SB- keys are sandbox keys)",
            ),
            ConfigError::InvalidClientKey => {
                f.write_str("the client key is empty or contains whitespace")
            }
            ConfigError::MissingClientKey => {
                f.write_str("this call needs a client key; set one with ClientBuilder::client_key")
            }
            ConfigError::InvalidBaseUrl(url) => write!(f, "not an http(s) base URL: {url:?}"),
            ConfigError::InvalidHeader(name) => write!(f, "invalid header {name:?}"),
            ConfigError::InvalidProxy(reason) => write!(f, "invalid proxy: {reason}"),
            ConfigError::ProxyWithCustomTransport => {
                f.write_str("a proxy applies to the built-in transport only, not a custom one")
            }
            ConfigError::NoTransport => {
                f.write_str("no transport: enable the `reqwest` feature or pass one")
            }
            ConfigError::Transport(reason) => write!(f, "could not build the transport: {reason}"),
            ConfigError::InvalidSnapBiKey(reason) => write!(f, "SNAP-BI credentials: {reason}"),
            ConfigError::MissingSnapBi => {
                f.write_str("no SNAP-BI credentials; set them with ClientBuilder::snap_bi")
            }
            ConfigError::InvalidIrisKey => f.write_str("an Iris key is empty or not printable"),
            ConfigError::MissingIris => f.write_str(
                "no Iris key for this call (creator, approver or merchant key); set them with \
                 ClientBuilder::iris",
            ),
        }
    }
}

impl std::error::Error for ConfigError {}

/// A proxy URL without the credentials in it (`user:password@` becomes `[redacted]@`), with or
/// without a scheme, for messages and `Debug`.
pub(crate) fn redact_proxy(url: &str) -> String {
    let authority_start = url.find("://").map_or(0, |at| at.saturating_add(3));
    let (head, rest) = url.split_at(authority_start.min(url.len()));
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((_, host)) => format!("{head}[redacted]@{host}{tail}"),
        None => url.to_owned(),
    }
}

/// The names of a header map's headers, for `Debug`: their values may be credentials.
fn header_names(headers: &HeaderMap) -> Vec<&str> {
    headers.keys().map(HeaderName::as_str).collect()
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("environment", &self.environment)
            .field("server_key", &self.server_key)
            .field("client_key", &self.client_key)
            .field("headers", &header_names(&self.headers))
            .field("proxy", &self.proxy.as_deref().map(redact_proxy))
            .field("timeout", &self.timeout)
            .field("user_agent", &self.user_agent)
            .field("notification_keys", &self.notification_keys)
            .field("retry", &self.retry)
            .field("check_key_environment", &self.check_key_environment)
            .finish()
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("environment", &self.environment)
            .field("server_key", &self.server_key)
            .field("client_key", &self.client_key)
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(name, _)| name)
                    .collect::<Vec<_>>(),
            )
            .field("base_headers", &header_names(&self.base_headers))
            .field("proxy", &self.proxy.as_deref().map(redact_proxy))
            .field("timeout", &self.timeout)
            .field("user_agent", &self.user_agent)
            .field("transport", &self.transport)
            .field("notification_keys", &self.notification_keys)
            .field("retry", &self.retry)
            .field("check_key_environment", &self.check_key_environment)
            .finish()
    }
}

/// Builds a [`crate::Client`]. `Debug` shows no key, no header value and no proxy credentials.
///
/// ```no_run
/// use midtrans::{Client, Environment};
/// let client = Client::builder()
///     .environment(Environment::Sandbox)
///     .server_key("SB-Mid-server-TEST")
///     .client_key("SB-Mid-client-TEST")
///     .build()?;
/// # Ok::<(), midtrans::ConfigError>(())
/// ```
#[derive(Clone)]
#[must_use]
pub struct ClientBuilder {
    pub(crate) environment: Environment,
    pub(crate) server_key: Option<Secret>,
    pub(crate) client_key: Option<String>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) base_headers: HeaderMap,
    pub(crate) proxy: Option<String>,
    pub(crate) timeout: Duration,
    pub(crate) user_agent: String,
    pub(crate) transport: Option<Arc<dyn Transport>>,
    pub(crate) notification_keys: Vec<Secret>,
    pub(crate) retry: crate::RetryPolicy,
    pub(crate) check_key_environment: bool,
    #[cfg(feature = "snap-bi")]
    pub(crate) snap_bi: Option<crate::snap_bi::SnapBiCredentials>,
    #[cfg(feature = "iris")]
    pub(crate) iris: Option<crate::iris::IrisCredentials>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            environment: Environment::Sandbox,
            server_key: None,
            client_key: None,
            headers: Vec::new(),
            base_headers: HeaderMap::new(),
            proxy: None,
            timeout: DEFAULT_TIMEOUT,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            transport: None,
            notification_keys: Vec::new(),
            retry: crate::RetryPolicy::default(),
            check_key_environment: true,
            #[cfg(feature = "snap-bi")]
            snap_bi: None,
            #[cfg(feature = "iris")]
            iris: None,
        }
    }
}

impl ClientBuilder {
    /// SNAP-BI credentials (feature `snap-bi`): `client.snap_bi()` signs with them. Parsed
    /// when the client is built ([`ConfigError::InvalidSnapBiKey`] says what is wrong).
    ///
    /// ```no_run
    /// # fn run(pem: String) -> Result<(), midtrans::ConfigError> {
    /// use midtrans::snap_bi::SnapBiCredentials;
    /// let client = midtrans::Client::builder()
    ///     .server_key("SB-Mid-server-TEST")
    ///     .snap_bi(SnapBiCredentials::new("client-id", pem, "client-secret", "partner-id", "12345"))
    ///     .build()?;
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "snap-bi")]
    pub fn snap_bi(mut self, credentials: crate::snap_bi::SnapBiCredentials) -> Self {
        self.snap_bi = Some(credentials);
        self
    }

    /// Iris keys (feature `iris`): `client.iris()` authenticates with them. Checked when the
    /// client is built ([`ConfigError::InvalidIrisKey`]).
    ///
    /// ```
    /// # fn run() -> Result<(), midtrans::ConfigError> {
    /// use midtrans::iris::IrisCredentials;
    /// let client = midtrans::Client::builder()
    ///     .server_key("SB-Mid-server-TEST")
    ///     .iris(IrisCredentials::new().creator_key("IRIS-creator-TEST"))
    ///     .build()?;
    /// # let _ = client; Ok(()) }
    /// # run().unwrap();
    /// ```
    #[cfg(feature = "iris")]
    pub fn iris(mut self, credentials: crate::iris::IrisCredentials) -> Self {
        self.iris = Some(credentials);
        self
    }

    /// Sandbox (default), production or custom URLs.
    pub fn environment(mut self, environment: Environment) -> Self {
        self.environment = environment;
        self
    }

    /// `true` for production, `false` for the sandbox, as the Python client's `is_production`.
    pub fn is_production(self, production: bool) -> Self {
        self.environment(if production {
            Environment::Production
        } else {
            Environment::Sandbox
        })
    }

    /// The server key (required).
    pub fn server_key(mut self, key: impl Into<String>) -> Self {
        self.server_key = Some(Secret(key.into()));
        self
    }

    /// The client key (needed for card token, card register and BIN).
    pub fn client_key(mut self, key: impl Into<String>) -> Self {
        self.client_key = Some(key.into());
        self
    }

    /// A header added to every request, e.g. `X-Override-Notification` for all charges (prefer
    /// the per-request option). Checked when the client is built.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Removes every custom header.
    pub fn clear_headers(mut self) -> Self {
        self.headers.clear();
        self.base_headers.clear();
        self
    }

    /// An HTTP(S) proxy for the built-in transport, e.g. `http://10.10.1.10:3128`.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(url.into());
        self
    }

    /// No proxy.
    pub fn no_proxy(mut self) -> Self {
        self.proxy = None;
        self
    }

    /// The timeout of one attempt (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Replaces the `User-Agent` header (default `midtrans-rust/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Also accepts notifications signed with this earlier server key, while Midtrans may still
    /// sign with it after a key rotation. Requests always use [`Self::server_key`].
    pub fn previous_server_key(mut self, key: impl Into<String>) -> Self {
        self.notification_keys.push(Secret(key.into()));
        self
    }

    /// How failed calls are retried (default [`crate::RetryPolicy::default`]; needs the
    /// `retry` feature and a tokio runtime). Writes are retried only where Midtrans honours
    /// `Idempotency-Key`, always with one key for every attempt.
    pub fn retry_policy(mut self, policy: crate::RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Whether to refuse a sandbox key (`SB-…`) with production and a production key
    /// (`Mid-server-…`) with the sandbox (default `true`; custom environments are never
    /// checked).
    pub fn check_key_environment(mut self, check: bool) -> Self {
        self.check_key_environment = check;
        self
    }

    /// Sends requests through this transport instead of the built-in one.
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Sends requests through this shared transport.
    pub fn shared_transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Checks the settings and builds the client.
    ///
    /// # Errors
    /// A [`ConfigError`]: missing, empty or whitespace-containing server key, invalid client
    /// key, header or proxy, or no transport.
    pub fn build(self) -> Result<crate::Client, ConfigError> {
        crate::Client::from_builder(self)
    }

    pub(crate) fn into_parts(self) -> Result<(Config, Arc<dyn Transport>), ConfigError> {
        let server_key = ServerKey::new(self.server_key.ok_or(ConfigError::MissingServerKey)?.0)?;
        let key = server_key.expose_secret();
        if key.starts_with("SB-Mid-client-") || key.starts_with("Mid-client-") {
            return Err(ConfigError::ClientKeyAsServerKey);
        }
        let mismatch = match self.environment {
            Environment::Production => key.starts_with("SB-"),
            Environment::Sandbox => key.starts_with("Mid-server-"),
            Environment::Custom { .. } => false,
        };
        if self.check_key_environment && mismatch {
            return Err(ConfigError::KeyEnvironmentMismatch);
        }
        let client_key = self.client_key.map(ClientKey::new).transpose()?;
        let notification_keys = self
            .notification_keys
            .into_iter()
            .map(|key| ServerKey::new(key.0))
            .collect::<Result<Vec<_>, _>>()?;
        let mut headers = self.base_headers;
        for (name, value) in self.headers {
            let header_name = HeaderName::try_from(name.as_str())
                .map_err(|_| ConfigError::InvalidHeader(name.clone()))?;
            let mut header_value =
                HeaderValue::try_from(value).map_err(|_| ConfigError::InvalidHeader(name))?;
            // Custom headers may carry credentials of their own: keep them out of `Debug`.
            header_value.set_sensitive(true);
            headers.insert(header_name, header_value);
        }
        HeaderValue::try_from(self.user_agent.as_str())
            .map_err(|_| ConfigError::InvalidHeader("user-agent".to_owned()))?;
        let transport = match self.transport {
            Some(_) if self.proxy.is_some() => return Err(ConfigError::ProxyWithCustomTransport),
            Some(transport) => transport,
            None => default_transport(self.proxy.as_deref())?,
        };
        let config = Config {
            environment: self.environment,
            server_key,
            client_key,
            headers,
            proxy: self.proxy,
            timeout: self.timeout,
            user_agent: self.user_agent,
            notification_keys,
            retry: self.retry,
            check_key_environment: self.check_key_environment,
            #[cfg(feature = "snap-bi")]
            snap_bi: self.snap_bi,
            #[cfg(feature = "iris")]
            iris: self.iris,
        };
        Ok((config, transport))
    }

    /// A builder holding `config` and `transport`, for [`crate::Client::reconfigure`].
    pub(crate) fn from_config(config: &Config, transport: Option<Arc<dyn Transport>>) -> Self {
        ClientBuilder {
            environment: config.environment.clone(),
            server_key: Some(Secret(config.server_key.expose_secret().to_owned())),
            client_key: config.client_key.as_ref().map(|k| k.as_str().to_owned()),
            headers: Vec::new(),
            base_headers: config.headers.clone(),
            proxy: config.proxy.clone(),
            timeout: config.timeout,
            user_agent: config.user_agent.clone(),
            transport,
            notification_keys: config
                .notification_keys
                .iter()
                .map(|key| Secret(key.expose_secret().to_owned()))
                .collect(),
            retry: config.retry.clone(),
            check_key_environment: config.check_key_environment,
            #[cfg(feature = "snap-bi")]
            snap_bi: config.snap_bi.clone(),
            #[cfg(feature = "iris")]
            iris: config.iris.clone(),
        }
    }
}

#[cfg(feature = "reqwest")]
fn default_transport(proxy: Option<&str>) -> Result<Arc<dyn Transport>, ConfigError> {
    Ok(Arc::new(crate::transport::ReqwestTransport::with_proxy(
        proxy,
    )?))
}

#[cfg(not(feature = "reqwest"))]
fn default_transport(proxy: Option<&str>) -> Result<Arc<dyn Transport>, ConfigError> {
    match proxy {
        Some(_) => Err(ConfigError::ProxyWithCustomTransport),
        None => Err(ConfigError::NoTransport),
    }
}
