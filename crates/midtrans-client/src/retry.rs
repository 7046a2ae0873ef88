//! When to retry, and how long to wait: a pure function of one attempt's outcome.
//!
//! Retried: connection failures, timeouts and broken connections, HTTP 429 and 5xx, and HTTP
//! 202 "still processing" — but a `POST`/`PATCH` only when it carries an `Idempotency-Key` that
//! Midtrans honours for it, so a retry can never charge twice. Midtrans ignores the key for
//! Permata virtual account, CIMB Clicks, KlikBCA and Indomaret charges
//! ([`charge_honours_idempotency_key`]): those, like writes without a key, are tried again only
//! when the attempt certainly did not reach Midtrans (the connection was refused).
//! Never retried: 4xx answers (other than 429), TLS failures, oversized or undecodable answers,
//! and body-level errors (`status_code` ≥ 400 in an HTTP 2xx answer: Midtrans has decided).
//!
//! Waits grow exponentially from `base_delay` up to `max_delay`, with full jitter; a
//! `Retry-After` header (seconds or an HTTP date) is honoured up to `max_delay`. No attempt
//! starts later than `budget` after the first one started (attempt time counts, not only the
//! waits), and no keyed write is sent again later than the idempotency key's lifetime at Midtrans
//! ([`IDEMPOTENCY_KEY_LIFETIME`]) minus [`KEY_LIFETIME_MARGIN`] after the first attempt, whatever
//! the budget: a repeat after that would be a new request.
//!
//! All arithmetic on what an answer says (a `Retry-After` millennia ahead, any status) is checked
//! or saturating: deciding never panics.

use std::borrow::Cow;
use std::time::{Duration, SystemTime};

use http::Method;
use serde::Deserialize;

use crate::transport::TransportErrorKind;

/// How long Midtrans remembers an `Idempotency-Key` and answers its repeats from its store:
/// 5 minutes.
pub const IDEMPOTENCY_KEY_LIFETIME: Duration = Duration::from_secs(300);

/// How long before the key's lifetime (counted from the first attempt) the last keyed retry must
/// start: 30 seconds, for the request to reach Midtrans while the key is still remembered.
pub const KEY_LIFETIME_MARGIN: Duration = Duration::from_secs(30);

/// How the client retries. [`RetryPolicy::default`]: up to 3 retries (4 attempts), waits from
/// 250 ms doubling up to 4 s with full jitter, at most 60 s of waiting in all.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 disables retries).
    pub max_retries: u32,
    /// The first wait, before jitter.
    pub base_delay: Duration,
    /// The longest single wait, including a `Retry-After`.
    pub max_delay: Duration,
    /// The longest time from the start of a call's first attempt to the start of a retry: a
    /// retry that would start later is not made. Attempt time counts, not only the waits.
    pub budget: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(4),
            budget: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// A policy with `max_retries` retries and the default waits.
    pub fn with_retries(max_retries: u32) -> Self {
        RetryPolicy {
            max_retries,
            ..Self::default()
        }
    }

    /// Sets the waits: the first one, the longest one, and the total.
    #[must_use]
    pub fn delays(mut self, base: Duration, max: Duration, budget: Duration) -> Self {
        self.base_delay = base;
        self.max_delay = max;
        self.budget = budget;
        self
    }

    /// Whether a request may be sent again after an attempt that ended with `outcome`: reads
    /// always; writes (`POST`, `PATCH`) when they carry a key Midtrans honours, or when the
    /// attempt certainly did not reach Midtrans (nothing can have happened).
    pub fn may_repeat(method: &Method, idempotency: Idempotency, outcome: &Outcome<'_>) -> bool {
        !is_write(method) || idempotency == Idempotency::Honoured || !outcome.maybe_sent()
    }

    /// Decides what follows `attempt` (0-based) of a call.
    ///
    /// `jitter` is a number in `0.0..=1.0` (random in the client, fixed in tests; anything else,
    /// NaN included, is clamped into it); `elapsed` is the time since the call's first attempt
    /// started.
    pub fn decide(&self, attempt: &Attempt<'_>, jitter: f64, elapsed: Duration) -> Decision {
        if attempt.number >= self.max_retries
            || !Self::may_repeat(attempt.method, attempt.idempotency, &attempt.outcome)
        {
            return Decision::Stop;
        }
        let retryable = match attempt.outcome {
            Outcome::Transport(kind) => !matches!(
                kind,
                TransportErrorKind::Tls | TransportErrorKind::BodyTooLarge
            ),
            // 202: a repeated key whose first call is still running; ask again.
            Outcome::Http { status, .. } => {
                matches!(status, 202 | 429) || (500..600).contains(&status)
            }
        };
        if !retryable {
            return Decision::Stop;
        }
        let exponential = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(attempt.number))
            .min(self.max_delay);
        let backoff = jittered(exponential, jitter);
        let wait = match attempt.outcome {
            Outcome::Http {
                retry_after: Some(hint),
                now,
                ..
            } => parse_retry_after(hint, now).map_or(backoff, |d| d.min(self.max_delay)),
            _ => backoff,
        };
        let next_start = elapsed.saturating_add(wait);
        if next_start > self.budget {
            return Decision::Stop;
        }
        let keyed_write = is_write(attempt.method) && attempt.idempotency == Idempotency::Honoured;
        if keyed_write && next_start > IDEMPOTENCY_KEY_LIFETIME.saturating_sub(KEY_LIFETIME_MARGIN)
        {
            return Decision::Stop;
        }
        Decision::RetryAfter(wait)
    }
}

/// `POST` and `PATCH`: the methods whose repeat may act twice.
fn is_write(method: &Method) -> bool {
    matches!(*method, Method::POST | Method::PATCH)
}

/// `wait × jitter`, with `jitter` clamped into `0.0..=1.0` (NaN counts as 1.0), never panicking.
fn jittered(wait: Duration, jitter: f64) -> Duration {
    let jitter = if jitter.is_nan() {
        1.0
    } else {
        jitter.clamp(0.0, 1.0)
    };
    Duration::try_from_secs_f64(wait.as_secs_f64() * jitter).map_or(wait, |d| d.min(wait))
}

/// Whether Midtrans answers a repeat of a request from its idempotency store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Idempotency {
    /// No `Idempotency-Key` is sent.
    Unkeyed,
    /// A key Midtrans honours: a repeat within [`IDEMPOTENCY_KEY_LIFETIME`] gets the first answer.
    Honoured,
    /// A key is sent, but Midtrans does not deduplicate this request by it (Permata virtual
    /// account, CIMB Clicks, KlikBCA and Indomaret charges): a repeat may act twice.
    Ignored,
}

/// Whether Midtrans deduplicates a charge by its `Idempotency-Key`, from its `payment_type`
/// and the channel that type names (`bank_transfer.bank` for `bank_transfer`, `cstore.store`
/// for `cstore`). It does not for Permata virtual accounts (`bank_transfer` with bank `permata`,
/// or `payment_type` `permata`), CIMB Clicks, KlikBCA and Indomaret (Midtrans's API headers
/// reference). Names are compared ignoring ASCII case.
///
/// ```
/// use midtrans::retry::charge_method_honours_idempotency_key as honours;
/// assert!(honours("bank_transfer", Some("bca")));
/// assert!(!honours("bank_transfer", Some("permata")));
/// assert!(!honours("cimb_clicks", None));
/// assert!(honours("cstore", Some("alfamart")));
/// ```
pub fn charge_method_honours_idempotency_key(payment_type: &str, channel: Option<&str>) -> bool {
    let channel_is = |name: &str| channel.is_some_and(|c| c.eq_ignore_ascii_case(name));
    let ignored = match payment_type.to_ascii_lowercase().as_str() {
        "permata" | "cimb_clicks" | "bca_klikbca" => true,
        "bank_transfer" => channel_is("permata"),
        "cstore" => channel_is("indomaret"),
        _ => false,
    };
    !ignored
}

/// [`charge_method_honours_idempotency_key`] for a `POST /v2/charge` JSON body, read from its
/// top-level `payment_type` and the channel object that type names. A body this cannot read
/// (not a JSON object, `payment_type` missing, not a string, or any of them given twice) counts
/// as not deduplicated, which only ever means fewer retries.
///
/// ```
/// use midtrans::retry::charge_honours_idempotency_key;
/// assert!(charge_honours_idempotency_key(br#"{"payment_type":"bank_transfer","bank_transfer":{"bank":"bca"}}"#));
/// assert!(!charge_honours_idempotency_key(br#"{"payment_type":"bank_transfer","bank_transfer":{"bank":"permata"}}"#));
/// assert!(!charge_honours_idempotency_key(br#"{"payment_type":"cstore","cstore":{"store":"indomaret"}}"#));
/// ```
pub fn charge_honours_idempotency_key(body: &[u8]) -> bool {
    const FIELDS: [crate::json::Field; 3] =
        [("payment_type", 0), ("bank_transfer", 1), ("cstore", 2)];
    #[derive(Deserialize)]
    struct Channel<'a> {
        #[serde(default, borrow)]
        bank: Option<Cow<'a, str>>,
        #[serde(default, borrow)]
        store: Option<Cow<'a, str>>,
    }
    let fields = crate::json::Fields::scan(body, &FIELDS, |_, _| false);
    if !fields.complete() || fields.duplicate().is_some() {
        return false;
    }
    let Some(payment_type) = fields
        .raw(0)
        .filter(|raw| crate::json::is_string(raw))
        .and_then(crate::json::scalar_text)
    else {
        return false;
    };
    let channel = |index: usize| -> Result<Option<Channel<'_>>, ()> {
        fields
            .raw(index)
            .map(|raw| serde_json::from_str::<Channel<'_>>(raw.get()).map_err(drop))
            .transpose()
    };
    let channel = match payment_type.to_ascii_lowercase().as_str() {
        "bank_transfer" => channel(1).map(|c| c.and_then(|c| c.bank)),
        "cstore" => channel(2).map(|c| c.and_then(|c| c.store)),
        _ => Ok(None),
    };
    match channel {
        Ok(channel) => charge_method_honours_idempotency_key(&payment_type, channel.as_deref()),
        Err(()) => false,
    }
}

/// What one attempt ended with, as far as retrying cares.
#[derive(Clone, Copy, Debug)]
pub struct Attempt<'a> {
    /// The request method.
    pub method: &'a Method,
    /// Whether a repeat is answered from Midtrans's idempotency store.
    pub idempotency: Idempotency,
    /// 0 for the first attempt.
    pub number: u32,
    /// How it ended.
    pub outcome: Outcome<'a>,
}

/// How an attempt ended.
#[derive(Clone, Copy, Debug)]
pub enum Outcome<'a> {
    /// No HTTP answer.
    Transport(TransportErrorKind),
    /// An HTTP answer that the classifier turned into an error.
    Http {
        /// Its status.
        status: u16,
        /// Its `Retry-After` header, if any.
        retry_after: Option<&'a str>,
        /// The current time, to read an HTTP-date `Retry-After`.
        now: SystemTime,
    },
}

impl Outcome<'_> {
    /// Whether the attempt may have reached Midtrans: everything but a refused connection.
    pub fn maybe_sent(&self) -> bool {
        !matches!(self, Outcome::Transport(TransportErrorKind::Connect))
    }
}

/// What to do after an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Give up: return this attempt's result.
    Stop,
    /// Wait this long, then send the same request again.
    RetryAfter(Duration),
}

/// A `Retry-After` value: delay-seconds, or an HTTP date (IMF-fixdate) relative to `now`.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = parse_http_date(value)?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Parses `Sun, 06 Nov 1994 08:49:37 GMT`.
fn parse_http_date(value: &str) -> Option<SystemTime> {
    let mut parts = value.split_whitespace();
    let _weekday = parts.next()?;
    let day: u64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next()?.split(':').map(|p| p.parse::<u64>().ok());
    let (h, m, s) = (clock.next()??, clock.next()??, clock.next()??);
    if parts.next()? != "GMT" || h > 23 || m > 59 || s > 60 || !(1..=31).contains(&day) {
        return None;
    }
    // Days since 1970-01-01 (civil-from-days inverse, proleptic Gregorian), checked: a year
    // far ahead is no hint rather than an overflow.
    let (y, mo) = if month <= 2 {
        (year.checked_sub(1)?, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let doy = (153 * mo + 2) / 5 + i64::try_from(day).ok()? - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era.checked_mul(146_097)?.checked_add(doe - 719_468)?;
    let seconds = u64::try_from(days)
        .ok()?
        .checked_mul(86_400)?
        .checked_add(h * 3600 + m * 60 + s)?;
    SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn http(status: u16) -> Outcome<'static> {
        Outcome::Http {
            status,
            retry_after: None,
            now: SystemTime::UNIX_EPOCH,
        }
    }

    fn decide(method: Method, idempotency: Idempotency, outcome: Outcome<'_>) -> Decision {
        let attempt = Attempt {
            method: &method,
            idempotency,
            number: 0,
            outcome,
        };
        RetryPolicy::default().decide(&attempt, 1.0, Duration::ZERO)
    }

    #[test]
    fn what_is_retried() {
        use Idempotency::{Honoured, Ignored, Unkeyed};
        use TransportErrorKind::*;
        let retry = |d: Decision| matches!(d, Decision::RetryAfter(_));
        // (method, idempotency, outcome, retried?)
        let table: Vec<(Method, Idempotency, Outcome<'static>, bool)> = vec![
            (Method::GET, Unkeyed, Outcome::Transport(Connect), true),
            (Method::GET, Unkeyed, Outcome::Transport(Timeout), true),
            (Method::GET, Unkeyed, Outcome::Transport(Io), true),
            (Method::GET, Unkeyed, Outcome::Transport(Tls), false),
            (
                Method::GET,
                Unkeyed,
                Outcome::Transport(BodyTooLarge),
                false,
            ),
            (Method::GET, Unkeyed, http(429), true),
            (Method::GET, Unkeyed, http(500), true),
            (Method::GET, Unkeyed, http(502), true),
            (Method::GET, Unkeyed, http(503), true),
            (Method::GET, Unkeyed, http(400), false),
            (Method::GET, Unkeyed, http(401), false),
            (Method::GET, Unkeyed, http(404), false),
            (Method::GET, Unkeyed, http(412), false),
            (Method::POST, Unkeyed, Outcome::Transport(Timeout), false),
            (Method::POST, Unkeyed, Outcome::Transport(Io), false),
            // A refused connection sent nothing: repeating it cannot act twice.
            (Method::POST, Unkeyed, Outcome::Transport(Connect), true),
            (Method::POST, Unkeyed, http(503), false),
            (Method::POST, Honoured, Outcome::Transport(Timeout), true),
            (Method::POST, Honoured, Outcome::Transport(Connect), true),
            (Method::POST, Honoured, http(503), true),
            (Method::POST, Honoured, http(429), true),
            (Method::POST, Honoured, http(406), false),
            (Method::POST, Honoured, http(202), true),
            (Method::POST, Unkeyed, http(202), false),
            (Method::POST, Honoured, Outcome::Transport(Tls), false),
            // A key Midtrans ignores (Permata VA, CIMB Clicks, KlikBCA, Indomaret charges) is
            // no key: nothing that may have been sent is repeated.
            (Method::POST, Ignored, Outcome::Transport(Timeout), false),
            (Method::POST, Ignored, Outcome::Transport(Io), false),
            (Method::POST, Ignored, Outcome::Transport(Other), false),
            (Method::POST, Ignored, http(503), false),
            (Method::POST, Ignored, http(429), false),
            (Method::POST, Ignored, http(202), false),
            (Method::POST, Ignored, Outcome::Transport(Connect), true),
            (Method::PATCH, Unkeyed, http(500), false),
            (Method::PATCH, Honoured, http(500), true),
            (Method::PATCH, Ignored, http(500), false),
            (Method::GET, Ignored, http(500), true),
        ];
        for (method, idempotency, outcome, expected) in table {
            let decision = decide(method.clone(), idempotency, outcome);
            assert_eq!(
                retry(decision),
                expected,
                "{method} {idempotency:?} {outcome:?}"
            );
        }
    }

    #[test]
    fn which_charges_midtrans_deduplicates_by_key() {
        // (body, Idempotency-Key honoured?)
        let table: &[(&str, bool)] = &[
            (
                r#"{"payment_type":"bank_transfer","bank_transfer":{"bank":"bca"}}"#,
                true,
            ),
            (
                r#"{"payment_type":"bank_transfer","bank_transfer":{"bank":"bni"}}"#,
                true,
            ),
            (
                r#"{"payment_type":"bank_transfer","bank_transfer":{"bank":"bri"}}"#,
                true,
            ),
            (
                r#"{"payment_type":"bank_transfer","bank_transfer":{"bank":"cimb"}}"#,
                true,
            ),
            (
                r#"{"payment_type":"bank_transfer","bank_transfer":{"bank":"permata"}}"#,
                false,
            ),
            (
                r#"{"payment_type":"bank_transfer","bank_transfer":{"bank":"PERMATA"}}"#,
                false,
            ),
            (
                r#"{"payment_type":"permata","permata":{"recipient_name":"A"}}"#,
                false,
            ),
            (
                r#"{"payment_type":"cimb_clicks","cimb_clicks":{"description":"d"}}"#,
                false,
            ),
            (
                r#"{"payment_type":"bca_klikbca","bca_klikbca":{"description":"d","user_id":"u"}}"#,
                false,
            ),
            (
                r#"{"payment_type":"cstore","cstore":{"store":"indomaret"}}"#,
                false,
            ),
            (
                r#"{"payment_type":"cstore","cstore":{"store":"alfamart"}}"#,
                true,
            ),
            (
                r#"{"payment_type":"echannel","echannel":{"bill_info1":"a"}}"#,
                true,
            ),
            (r#"{"payment_type":"gopay"}"#, true),
            (r#"{"payment_type":"qris"}"#, true),
            (
                r#"{"payment_type":"credit_card","credit_card":{"token_id":"t"}}"#,
                true,
            ),
            (r#"{"payment_type":"bca_klikpay"}"#, true),
            // A bank name elsewhere does not count: only the channel of the payment type.
            (
                r#"{"payment_type":"credit_card","bank_transfer":{"bank":"permata"}}"#,
                true,
            ),
            (
                r#"{"payment_type":"gopay","cstore":{"store":"indomaret"}}"#,
                true,
            ),
            // Unreadable: treated as not deduplicated.
            (
                r#"{"payment_type":"gopay","payment_type":"permata"}"#,
                false,
            ),
            (r#"["gopay"]"#, false),
            ("not json", false),
        ];
        for (body, honoured) in table {
            assert_eq!(
                charge_honours_idempotency_key(body.as_bytes()),
                *honoured,
                "{body}"
            );
        }
    }

    #[test]
    fn backoff_grows_is_capped_and_jittered() {
        let policy = RetryPolicy::with_retries(10);
        let wait = |number: u32, jitter: f64| {
            let attempt = Attempt {
                method: &Method::GET,
                idempotency: Idempotency::Unkeyed,
                number,
                outcome: http(503),
            };
            policy.decide(&attempt, jitter, Duration::ZERO)
        };
        assert_eq!(
            wait(0, 1.0),
            Decision::RetryAfter(Duration::from_millis(250))
        );
        assert_eq!(
            wait(1, 1.0),
            Decision::RetryAfter(Duration::from_millis(500))
        );
        assert_eq!(wait(3, 1.0), Decision::RetryAfter(Duration::from_secs(2)));
        assert_eq!(
            wait(9, 1.0),
            Decision::RetryAfter(Duration::from_secs(4)),
            "capped"
        );
        assert_eq!(
            wait(3, 0.5),
            Decision::RetryAfter(Duration::from_secs(1)),
            "jittered"
        );
        assert_eq!(wait(3, 0.0), Decision::RetryAfter(Duration::ZERO));
        assert_eq!(
            wait(3, 7.0),
            Decision::RetryAfter(Duration::from_secs(2)),
            "jitter clamped"
        );
    }

    #[test]
    fn retries_and_budget_run_out() {
        let policy = RetryPolicy::default();
        let attempt = |number| Attempt {
            method: &Method::GET,
            idempotency: Idempotency::Unkeyed,
            number,
            outcome: http(503),
        };
        assert!(matches!(
            policy.decide(&attempt(2), 1.0, Duration::ZERO),
            Decision::RetryAfter(_)
        ));
        assert_eq!(
            policy.decide(&attempt(3), 1.0, Duration::ZERO),
            Decision::Stop
        );
        assert_eq!(
            policy.decide(&attempt(0), 1.0, Duration::from_secs(60)),
            Decision::Stop,
            "a retry starting past the budget"
        );
        assert_eq!(
            policy.decide(&attempt(0), 1.0, Duration::from_millis(59_800)),
            Decision::Stop,
            "elapsed time plus the wait past the budget"
        );
        assert_eq!(
            RetryPolicy::none().decide(&attempt(0), 1.0, Duration::ZERO),
            Decision::Stop
        );
        assert!(
            RetryPolicy::default().budget < IDEMPOTENCY_KEY_LIFETIME,
            "below the key lifetime"
        );
    }

    #[test]
    fn keyed_writes_stop_before_the_key_expires_whatever_the_budget() {
        let policy = RetryPolicy::with_retries(100).delays(
            Duration::from_millis(1),
            Duration::from_millis(1),
            Duration::from_secs(24 * 3600),
        );
        let decide = |method: &Method, idempotency, elapsed| {
            let attempt = Attempt {
                method,
                idempotency,
                number: 1,
                outcome: Outcome::Transport(TransportErrorKind::Timeout),
            };
            policy.decide(&attempt, 1.0, elapsed)
        };
        let last_start = IDEMPOTENCY_KEY_LIFETIME - KEY_LIFETIME_MARGIN;
        let before = last_start - Duration::from_millis(2);
        let after = last_start + Duration::from_millis(1);
        assert!(matches!(
            decide(&Method::POST, Idempotency::Honoured, before),
            Decision::RetryAfter(_)
        ));
        assert_eq!(
            decide(&Method::POST, Idempotency::Honoured, after),
            Decision::Stop
        );
        assert_eq!(
            decide(
                &Method::PATCH,
                Idempotency::Honoured,
                Duration::from_secs(3600)
            ),
            Decision::Stop
        );
        assert!(
            matches!(
                decide(
                    &Method::GET,
                    Idempotency::Honoured,
                    Duration::from_secs(3600)
                ),
                Decision::RetryAfter(_)
            ),
            "a read has no key to outlive: the budget alone bounds it"
        );
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date_is_honoured_and_capped() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777); // Sun, 06 Nov 1994 08:49:37 GMT
        let with = |hint: &'static str| {
            let attempt = Attempt {
                method: &Method::GET,
                idempotency: Idempotency::Unkeyed,
                number: 0,
                outcome: Outcome::Http {
                    status: 429,
                    retry_after: Some(hint),
                    now,
                },
            };
            RetryPolicy::default().decide(&attempt, 1.0, Duration::ZERO)
        };
        assert_eq!(with("2"), Decision::RetryAfter(Duration::from_secs(2)));
        assert_eq!(
            with("120"),
            Decision::RetryAfter(Duration::from_secs(4)),
            "capped"
        );
        assert_eq!(
            with("Sun, 06 Nov 1994 08:49:40 GMT"),
            Decision::RetryAfter(Duration::from_secs(3))
        );
        assert_eq!(
            with("Sun, 06 Nov 1994 08:49:00 GMT"),
            Decision::RetryAfter(Duration::ZERO),
            "past"
        );
        assert_eq!(
            with("soon"),
            Decision::RetryAfter(Duration::from_millis(250)),
            "garbage: backoff"
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", SystemTime::UNIX_EPOCH),
            Some(Duration::from_secs(784_111_777))
        );
        assert_eq!(
            parse_retry_after("Sun, 32 Nov 1994 08:49:37 GMT", now),
            None
        );
    }

    #[test]
    fn no_retry_after_or_delay_overflows() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        // Dates millennia ahead, at the edges of the year's type, and huge delay-seconds.
        let hints = [
            "Fri, 31 Dec 9999 23:59:59 GMT",
            "Mon, 01 Jan 275760 00:00:00 GMT",
            "Mon, 01 Jan 9223372036854775807 23:59:60 GMT",
            "Mon, 01 Jan -9223372036854775808 00:00:00 GMT",
            "Mon, 31 Dec 584554049253 23:59:59 GMT",
            "18446744073709551615",
            "99999999999999999999999",
            "-1",
        ];
        let policies = [
            RetryPolicy::default(),
            RetryPolicy::with_retries(u32::MAX).delays(Duration::MAX, Duration::MAX, Duration::MAX),
            RetryPolicy::with_retries(u32::MAX).delays(
                Duration::from_nanos(1),
                Duration::MAX,
                Duration::MAX,
            ),
        ];
        for policy in &policies {
            for hint in hints {
                for (number, jitter, elapsed) in [
                    (0, 1.0, Duration::ZERO),
                    (u32::MAX - 1, f64::NAN, Duration::MAX),
                    (64, f64::INFINITY, Duration::from_secs(1)),
                    (31, f64::NEG_INFINITY, Duration::ZERO),
                    (33, -0.5, Duration::ZERO),
                ] {
                    let attempt = Attempt {
                        method: &Method::GET,
                        idempotency: Idempotency::Unkeyed,
                        number,
                        outcome: Outcome::Http {
                            status: 503,
                            retry_after: Some(hint),
                            now,
                        },
                    };
                    if let Decision::RetryAfter(wait) = policy.decide(&attempt, jitter, elapsed) {
                        assert!(wait <= policy.max_delay, "{hint} {wait:?}");
                    }
                }
            }
        }
        assert_eq!(
            parse_retry_after("Mon, 01 Jan 9223372036854775807 00:00:00 GMT", now),
            None,
            "a date past what the clock can hold is no hint"
        );
    }
}
