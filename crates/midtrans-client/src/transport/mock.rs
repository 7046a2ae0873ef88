//! [`MockTransport`]: records requests and replays queued answers (feature `test-util`).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use super::{HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind};

/// A transport for tests: every request is recorded, and answered with the next queued
/// response (or a [`TransportErrorKind::Other`] error when the queue is empty).
///
/// Clones share the same queue and record, so a test can keep one clone and give the other to
/// the client.
///
/// ```
/// use midtrans::transport::MockTransport;
/// let mock = MockTransport::new();
/// mock.push_json(200, r#"{"status_code":"200","transaction_status":"settlement"}"#);
/// let client = midtrans::Client::builder()
///     .server_key("SB-Mid-server-TEST")
///     .transport(mock.clone())
///     .build()?;
/// # Ok::<(), midtrans::ConfigError>(())
/// ```
///
/// `Debug` shows the queue's length and each recorded request's method and path (no query, no
/// headers, no body: they carry card data and credentials).
#[derive(Clone, Default)]
pub struct MockTransport {
    state: Arc<Mutex<State>>,
}

impl std::fmt::Debug for MockTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.with_state(|state| {
            let requests: Vec<String> = state
                .requests
                .iter()
                .map(|(request, _)| format!("{} {}", request.method(), request.uri().path()))
                .collect();
            f.debug_struct("MockTransport")
                .field("queued_answers", &state.answers.len())
                .field("requests", &requests)
                .finish()
        })
    }
}

#[derive(Default)]
struct State {
    answers: VecDeque<Result<HttpResponse, TransportErrorKind>>,
    requests: Vec<(HttpRequest, Option<Duration>)>,
}

impl MockTransport {
    /// An empty mock.
    pub fn new() -> Self {
        Self::default()
    }

    fn with_state<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        f(&mut state)
    }

    /// Queues an answer.
    pub fn push_response(&self, response: HttpResponse) {
        self.with_state(|s| s.answers.push_back(Ok(response)));
    }

    /// Queues an answer with this HTTP status, `Content-Type: application/json` and body.
    pub fn push_json(&self, status: u16, body: impl Into<Vec<u8>>) {
        let mut response = http::Response::new(body.into());
        *response.status_mut() =
            http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        response.headers_mut().insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/json"),
        );
        self.push_response(response);
    }

    /// Queues a transport failure.
    pub fn push_error(&self, kind: TransportErrorKind) {
        self.with_state(|s| s.answers.push_back(Err(kind)));
    }

    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<HttpRequest> {
        self.with_state(|s| s.requests.iter().map(|(r, _)| r.clone()).collect())
    }

    /// Every request received so far, oldest first, emptying the record.
    pub fn take_requests(&self) -> Vec<HttpRequest> {
        self.with_state(|s| s.requests.drain(..).map(|(r, _)| r).collect())
    }

    /// The timeout each request was sent with.
    pub fn timeouts(&self) -> Vec<Option<Duration>> {
        self.with_state(|s| s.requests.iter().map(|(_, t)| *t).collect())
    }

    /// The most recent request.
    pub fn last_request(&self) -> Option<HttpRequest> {
        self.with_state(|s| s.requests.last().map(|(r, _)| r.clone()))
    }
}

#[async_trait::async_trait]
impl Transport for MockTransport {
    async fn send(
        &self,
        request: HttpRequest,
        timeout: Option<Duration>,
    ) -> Result<HttpResponse, TransportError> {
        self.with_state(|s| {
            s.requests.push((request, timeout));
            match s.answers.pop_front() {
                Some(Ok(response)) => Ok(response),
                Some(Err(kind)) => Err(TransportError::new(kind, "injected by MockTransport")),
                None => Err(TransportError::new(
                    TransportErrorKind::Other,
                    "MockTransport has no queued answer",
                )),
            }
        })
    }
}
