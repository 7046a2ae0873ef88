//! Delivering signed notifications as Midtrans does: retried on its schedule while the
//! merchant does not answer 2xx, every attempt recorded (when it was sent, the HTTP status or
//! why there was none, how long the answer took, the start of the answer).
//!
//! The simulator delivers through it, and keeps each delivery's attempts for its dashboard
//! ([`MockServer::deliveries`](crate::MockServer::deliveries)); `midtrans trigger` sends its
//! notifications through [`deliver`] too.

use std::time::{Duration, Instant};

use serde::Serialize;

/// Midtrans's waits between attempts: 2, 10, 30, 90 and 210 minutes
/// ([Midtrans docs](https://docs.midtrans.com/docs/https-notification-webhooks)).
pub const MIDTRANS_RETRY_DELAYS: [Duration; 5] = [
    Duration::from_secs(2 * 60),
    Duration::from_secs(10 * 60),
    Duration::from_secs(30 * 60),
    Duration::from_secs(90 * 60),
    Duration::from_secs(210 * 60),
];

/// How many more attempts Midtrans makes after the merchant answered `status` (`None`: no
/// answer at all): 2xx none; 500 one; 503 four; 400 and 404 two; 301, 302 and 303 none;
/// anything else five.
///
/// ```
/// use midtrans_mock::delivery::retries_after;
/// assert_eq!(retries_after(Some(200)), 0);
/// assert_eq!(retries_after(Some(503)), 4);
/// assert_eq!(retries_after(None), 5);
/// ```
pub fn retries_after(status: Option<u16>) -> usize {
    match status {
        Some(200..=299) | Some(301..=303) => 0,
        Some(500) => 1,
        Some(503) => 4,
        Some(400) | Some(404) => 2,
        _ => 5,
    }
}

/// The most characters of an answer kept in an [`Attempt`].
pub const EXCERPT_CHARS: usize = 200;

/// One attempt to deliver a notification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Attempt {
    /// 1 for the first attempt, 2 for the first retry, …
    pub number: u32,
    /// When it was sent (RFC 3339, UTC).
    pub sent_at: String,
    /// Where it was sent.
    pub url: String,
    /// The HTTP status answered; `None` when nothing was answered (see `answer`).
    pub status: Option<u16>,
    /// How long the answer took, in milliseconds.
    pub latency_ms: u64,
    /// The start of the answer's body (at most [`EXCERPT_CHARS`] characters), or why there
    /// was no answer.
    pub answer: String,
}

impl Attempt {
    /// Whether the merchant took the notification (HTTP 2xx).
    ///
    /// ```no_run
    /// # fn show(attempt: &midtrans_mock::delivery::Attempt) {
    /// if attempt.delivered() { println!("taken after {} ms", attempt.latency_ms); }
    /// # }
    /// ```
    pub fn delivered(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }
}

/// What to send: one notification, to one URL.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Notification {
    /// Where it goes.
    pub url: String,
    /// The body, sent as it is (its signature covers these bytes).
    pub body: Vec<u8>,
    /// Headers beyond `Content-Type` and `Accept` (SNAP-BI's `X-SIGNATURE`, Iris's
    /// `Iris-Signature`, …).
    pub headers: Vec<(String, String)>,
}

impl Notification {
    /// A JSON notification to `url`.
    ///
    /// ```
    /// let n = midtrans_mock::delivery::Notification::new("http://127.0.0.1:3000/notify", b"{}".to_vec());
    /// assert_eq!(n.url, "http://127.0.0.1:3000/notify");
    /// ```
    pub fn new(url: impl Into<String>, body: Vec<u8>) -> Self {
        Notification {
            url: url.into(),
            body,
            headers: Vec::new(),
        }
    }

    /// The notification with one more header.
    ///
    /// ```
    /// use midtrans_mock::delivery::Notification;
    /// let n = Notification::new("http://127.0.0.1:3000/iris", b"{}".to_vec()).header("Iris-Signature", "ab12");
    /// assert_eq!(n.headers, [("Iris-Signature".to_owned(), "ab12".to_owned())]);
    /// ```
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// Delivers `notification`, as Midtrans does: `POST` with `Content-Type: application/json`
/// and Midtrans's `User-Agent`, again after each of `delays` while the merchant's answer asks
/// for a retry ([`retries_after`]), at most `delays.len()` times more. `on_attempt` is told of
/// every attempt as it ends; all of them are returned.
///
/// ```no_run
/// # async fn run() {
/// use std::time::Duration;
/// use midtrans_mock::delivery::{deliver, Notification};
/// let http = reqwest::Client::new();
/// let notification = Notification::new("http://127.0.0.1:3000/notify", br#"{"order_id":"o-1"}"#.to_vec());
/// let attempts = deliver(&http, &notification, &[Duration::from_millis(100)], |a| {
///     println!("attempt {}: {:?} in {} ms", a.number, a.status, a.latency_ms)
/// })
/// .await;
/// # let _ = attempts;
/// # }
/// ```
pub async fn deliver(
    client: &reqwest::Client,
    notification: &Notification,
    delays: &[Duration],
    mut on_attempt: impl FnMut(&Attempt),
) -> Vec<Attempt> {
    let mut attempts = Vec::new();
    loop {
        let attempt = send_once(client, notification, attempts.len()).await;
        on_attempt(&attempt);
        let status = attempt.status;
        attempts.push(attempt);
        let done = attempts.len().saturating_sub(1);
        if done >= retries_after(status).min(delays.len()) {
            return attempts;
        }
        let Some(delay) = delays.get(done) else {
            return attempts;
        };
        tokio::time::sleep(*delay).await;
    }
}

async fn send_once(client: &reqwest::Client, notification: &Notification, done: usize) -> Attempt {
    let mut request = client
        .post(&notification.url)
        .header("content-type", "application/json")
        .header("accept", "application/json")
        .header("user-agent", "Veritrans");
    for (name, value) in &notification.headers {
        request = request.header(name.as_str(), value.as_str());
    }
    let sent_at = crate::ids::iso_time(crate::ids::now());
    let started = Instant::now();
    let (status, answer) = match request.body(notification.body.clone()).send().await {
        Ok(response) => {
            let status = response.status().as_u16();
            let text = response.text().await.unwrap_or_default();
            (Some(status), excerpt(&text))
        }
        Err(error) => (None, excerpt(&error.to_string())),
    };
    Attempt {
        number: u32::try_from(done).unwrap_or(u32::MAX).saturating_add(1),
        sent_at,
        url: notification.url.clone(),
        status,
        latency_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        answer,
    }
}

/// The first [`EXCERPT_CHARS`] characters of `text`.
fn excerpt(text: &str) -> String {
    text.chars().take(EXCERPT_CHARS).collect()
}

/// A notification the simulator sent, with its attempts so far (the dashboard's delivery log).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DeliveryRecord {
    /// Its number, from 1, in the order the simulator sent them.
    pub id: u64,
    /// `core` (signed `signature_key`), `snap-bi` (`X-SIGNATURE`) or `iris`
    /// (`Iris-Signature`).
    pub scheme: String,
    /// What it is about: the order id, or the payout's reference number, or SNAP-BI's
    /// reference numbers.
    pub subject: String,
    /// Where it went.
    pub url: String,
    /// The body as sent.
    pub body: String,
    /// The headers beyond the JSON ones.
    pub headers: Vec<(String, String)>,
    /// The attempts so far, first first.
    pub attempts: Vec<Attempt>,
}

impl DeliveryRecord {
    /// Whether an attempt was taken (HTTP 2xx).
    ///
    /// ```no_run
    /// # fn show(record: &midtrans_mock::delivery::DeliveryRecord) {
    /// println!("{} attempts, delivered: {}", record.attempts.len(), record.delivered());
    /// # }
    /// ```
    pub fn delivered(&self) -> bool {
        self.attempts.iter().any(Attempt::delivered)
    }
}
