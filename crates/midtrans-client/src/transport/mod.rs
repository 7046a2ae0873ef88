//! The [`Transport`] trait: the one place bytes go over the network.
//!
//! A transport only moves bytes. It must not retry, follow redirects with credentials, or
//! interpret status codes: the client builds the request and classifies the answer.
//!
//! A custom transport:
//!
//! ```
//! use std::time::Duration;
//! use midtrans::transport::{HttpRequest, HttpResponse, Transport, TransportError};
//!
//! #[derive(Debug)]
//! struct Canned;
//!
//! #[async_trait::async_trait]
//! impl Transport for Canned {
//!     async fn send(
//!         &self,
//!         request: HttpRequest,
//!         _timeout: Option<Duration>,
//!     ) -> Result<HttpResponse, TransportError> {
//!         assert!(request.uri().path().ends_with("/status"));
//!         Ok(http::Response::builder()
//!             .status(200)
//!             .body(br#"{"status_code":"404","status_message":"not found"}"#.to_vec())
//!             .expect("a valid response"))
//!     }
//! }
//!
//! let client = midtrans::Client::builder()
//!     .server_key("SB-Mid-server-TEST")
//!     .transport(Canned)
//!     .build()?;
//! # Ok::<(), midtrans::ConfigError>(())
//! ```

use core::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

#[cfg(feature = "reqwest")]
mod deadline;
#[cfg(feature = "test-util")]
mod mock;
#[cfg(feature = "reqwest")]
mod reqwest;

#[cfg(feature = "reqwest")]
pub use self::reqwest::{ReqwestTransport, DEFAULT_MAX_RESPONSE_BYTES};
#[cfg(feature = "test-util")]
pub use mock::MockTransport;

/// An HTTP request with a fully buffered body.
pub type HttpRequest = http::Request<Vec<u8>>;
/// An HTTP response with a fully buffered body.
pub type HttpResponse = http::Response<Vec<u8>>;

/// Sends one HTTP request and returns the answer.
#[async_trait::async_trait]
pub trait Transport: fmt::Debug + Send + Sync {
    /// Sends `request`; `timeout` is the budget for the whole attempt.
    ///
    /// # Errors
    /// A [`TransportError`] when no HTTP answer was received.
    async fn send(
        &self,
        request: HttpRequest,
        timeout: Option<Duration>,
    ) -> Result<HttpResponse, TransportError>;
}

/// What went wrong below HTTP.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection was made (refused, DNS failure): the request was not sent.
    Connect,
    /// The attempt timed out: the request may have reached Midtrans.
    Timeout,
    /// TLS failed (certificate, handshake).
    Tls,
    /// The connection failed after the request was sent (reset, truncated body).
    Io,
    /// The answer's body is larger than the transport accepts.
    BodyTooLarge,
    /// Anything else.
    Other,
}

/// A failure to get an HTTP answer.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
    pub(crate) call: crate::error::CallInfo,
}

impl TransportError {
    /// A transport error of `kind`, with a message that must not contain secrets.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError {
            kind,
            message: message.into(),
            source: None,
            call: crate::error::CallInfo::default(),
        }
    }

    /// Attaches the underlying error.
    #[must_use]
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether the request may have reached Midtrans (everything but a failed connect).
    pub fn maybe_sent(&self) -> bool {
        !matches!(self.kind, TransportErrorKind::Connect)
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} error: {}", self.kind, self.message)?;
        self.call.fmt(f)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

type BoxFuture = Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send>>;

/// A transport made of a closure: `transport_fn(|request, timeout| async move { … })`.
pub struct FnTransport {
    send: Box<dyn Fn(HttpRequest, Option<Duration>) -> BoxFuture + Send + Sync>,
}

impl fmt::Debug for FnTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FnTransport")
    }
}

/// Makes a [`Transport`] of a closure returning a future, e.g. for tests or to wrap another HTTP
/// stack.
///
/// ```
/// use midtrans::transport::transport_fn;
/// let transport = transport_fn(|_request, _timeout| async {
///     Ok(http::Response::new(br#"{"status_message":"Subscription is updated."}"#.to_vec()))
/// });
/// ```
pub fn transport_fn<F, Fut>(send: F) -> FnTransport
where
    F: Fn(HttpRequest, Option<Duration>) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<HttpResponse, TransportError>> + Send + 'static,
{
    FnTransport {
        send: Box::new(move |request, timeout| Box::pin(send(request, timeout))),
    }
}

#[async_trait::async_trait]
impl Transport for FnTransport {
    async fn send(
        &self,
        request: HttpRequest,
        timeout: Option<Duration>,
    ) -> Result<HttpResponse, TransportError> {
        (self.send)(request, timeout).await
    }
}
