//! The built-in transport over reqwest.

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;
use std::time::{Duration, Instant};

use super::deadline::{Deadline, Deadlines};
use super::{HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind};
use crate::config::redact_proxy;
use crate::ConfigError;

/// The default [`Transport`]: reqwest with connection pooling, an optional HTTP(S) proxy, and
/// redirects never followed (an answer of 3xx is returned as it is, so credentials never go to
/// another host). `Debug` shows the proxy without its credentials.
#[derive(Clone)]
pub struct ReqwestTransport {
    client: ::reqwest::Client,
    max_body: usize,
    /// The proxy, credentials redacted, for `Debug`.
    proxy: Option<String>,
}

impl std::fmt::Debug for ReqwestTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReqwestTransport")
            .field("proxy", &self.proxy)
            .field("max_response_bytes", &self.max_body)
            .finish()
    }
}

/// The largest answer body the built-in transport reads by default: 2 MiB (Midtrans answers are
/// a few kilobytes).
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 2 * 1024 * 1024;

/// The connect timeout of the built-in transport.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

impl ReqwestTransport {
    /// A transport without a proxy.
    ///
    /// # Errors
    /// [`ConfigError::Transport`] when the HTTP client cannot be built (e.g. no TLS backend).
    pub fn new() -> Result<Self, ConfigError> {
        Self::with_proxy(None)
    }

    /// A transport sending every request through `proxy` (`http://host:port`), if given.
    ///
    /// # Errors
    /// [`ConfigError::InvalidProxy`] or [`ConfigError::Transport`].
    pub fn with_proxy(proxy: Option<&str>) -> Result<Self, ConfigError> {
        let mut builder = ::reqwest::Client::builder()
            .redirect(::reqwest::redirect::Policy::none())
            .connect_timeout(CONNECT_TIMEOUT)
            .no_proxy();
        if let Some(url) = proxy {
            let proxy = ::reqwest::Proxy::all(url)
                .map_err(|_| ConfigError::InvalidProxy(redact_proxy(url)))?;
            builder = builder.proxy(proxy);
        }
        let client = builder
            .build()
            .map_err(|e| ConfigError::Transport(e.to_string()))?;
        Ok(ReqwestTransport {
            client,
            max_body: DEFAULT_MAX_RESPONSE_BYTES,
            proxy: proxy.map(redact_proxy),
        })
    }

    /// Refuses answers whose body is larger than `bytes` (reading stops there, so memory stays
    /// bounded): [`TransportErrorKind::BodyTooLarge`].
    #[must_use]
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }
}

/// Whether a failure came from TLS (certificate or handshake): rustls errors reach us as I/O
/// errors of kind `InvalidData`, or name the certificate.
fn is_tls(error: &::reqwest::Error) -> bool {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(cause) = current {
        if cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::InvalidData)
        {
            return true;
        }
        let text = cause.to_string().to_ascii_lowercase();
        if text.contains("certificate") || text.contains("handshake") {
            return true;
        }
        current = cause.source();
    }
    false
}

fn kind_of(error: &::reqwest::Error) -> TransportErrorKind {
    if error.is_timeout() {
        TransportErrorKind::Timeout
    } else if is_tls(error) {
        TransportErrorKind::Tls
    } else if error.is_connect() {
        TransportErrorKind::Connect
    } else if error.is_body() || error.is_decode() || error.is_request() {
        TransportErrorKind::Io
    } else {
        TransportErrorKind::Other
    }
}

fn transport_error(error: ::reqwest::Error) -> TransportError {
    // The URL is dropped: card token and register URLs carry card data in their query.
    let kind = kind_of(&error);
    let error = error.without_url();
    TransportError::new(kind, error.to_string()).with_source(error)
}

impl ReqwestTransport {
    /// Reads the whole answer of a request already handed to reqwest, without a deadline of its
    /// own.
    async fn exchange(
        &self,
        pending: impl Future<Output = Result<::reqwest::Response, ::reqwest::Error>>,
    ) -> Result<HttpResponse, TransportError> {
        let mut response = pending.await.map_err(transport_error)?;
        let too_large = || {
            TransportError::new(
                TransportErrorKind::BodyTooLarge,
                format!("answer body larger than {} bytes", self.max_body),
            )
        };
        if response
            .content_length()
            .is_some_and(|length| length > self.max_body as u64)
        {
            return Err(too_large());
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport_error)? {
            if body.len().saturating_add(chunk.len()) > self.max_body {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        // Filled in place; the headers are moved, not copied.
        let mut answer = http::Response::new(body);
        *answer.status_mut() = response.status();
        *answer.version_mut() = response.version();
        *answer.headers_mut() = std::mem::take(response.headers_mut());
        Ok(answer)
    }
}

/// Runs `work` until it ends or `deadline` expires, whichever comes first.
async fn within<F>(
    work: F,
    deadline: Deadline,
    timeout: Duration,
) -> Result<HttpResponse, TransportError>
where
    F: Future<Output = Result<HttpResponse, TransportError>>,
{
    let mut work = std::pin::pin!(work);
    let mut deadline = std::pin::pin!(deadline);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(answer) = work.as_mut().poll(cx) {
            return Poll::Ready(answer);
        }
        deadline.as_mut().poll(cx).map(|()| {
            Err(TransportError::new(
                TransportErrorKind::Timeout,
                format!("no complete answer within {timeout:?}"),
            ))
        })
    })
    .await
}

impl Transport for ReqwestTransport {
    // Written out rather than as an `async fn`: the request is converted and handed to reqwest
    // before the future is boxed, so the box holds only what reading the answer needs (about a
    // third of the size), not the request too.
    fn send<'life0, 'async_trait>(
        &'life0 self,
        request: HttpRequest,
        timeout: Option<Duration>,
    ) -> Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + 'async_trait>>
    where
        'life0: 'async_trait,
        Self: 'async_trait,
    {
        let mut request = match ::reqwest::Request::try_from(request) {
            Ok(request) => request,
            Err(e) => {
                let error = TransportError::new(TransportErrorKind::Other, "invalid request")
                    .with_source(e);
                return Box::pin(std::future::ready(Err(error)));
            }
        };
        // The deadline keeper's table instead of a runtime timer per request (see `deadline`);
        // reqwest's own timer only when the keeper is unavailable.
        let keeper = Deadlines::get();
        let deadline = match (timeout, keeper) {
            (Some(timeout), Some(keeper)) => Instant::now()
                .checked_add(timeout)
                .map(|at| (keeper.register(at), timeout)),
            (timeout, _) => {
                *request.timeout_mut() = timeout;
                None
            }
        };
        let pending = self.client.execute(request);
        Box::pin(async move {
            match deadline {
                Some((deadline, timeout)) => {
                    within(self.exchange(pending), deadline, timeout).await
                }
                None => self.exchange(pending).await,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A resolver that knows no host: a DNS failure without asking any real resolver.
    struct NoDns;

    impl ::reqwest::dns::Resolve for NoDns {
        fn resolve(&self, _name: ::reqwest::dns::Name) -> ::reqwest::dns::Resolving {
            Box::pin(async {
                Err::<::reqwest::dns::Addrs, _>(Box::new(std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no such host",
                ))
                    as Box<dyn std::error::Error + Send + Sync>)
            })
        }
    }

    #[tokio::test]
    async fn a_dns_failure_is_a_connect_error_and_was_not_sent() {
        let client = ::reqwest::Client::builder()
            .dns_resolver(std::sync::Arc::new(NoDns))
            .no_proxy()
            .build()
            .unwrap();
        let transport = ReqwestTransport {
            client,
            max_body: DEFAULT_MAX_RESPONSE_BYTES,
            proxy: None,
        };
        let request = http::Request::get("http://api.midtrans.invalid/v2/order-1/status")
            .body(Vec::new())
            .unwrap();
        let error = transport.send(request, None).await.unwrap_err();
        assert_eq!(error.kind(), TransportErrorKind::Connect, "{error}");
        assert!(!error.maybe_sent());
    }
}
