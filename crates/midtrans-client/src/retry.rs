//! When to retry, and how long to wait: a pure function of one attempt's outcome.
//!
//! Retried: connection failures, timeouts and broken connections, HTTP 429 and 5xx, and HTTP
//! 202 "still processing" — but a
//! `POST`/`PATCH` only when it carries an `Idempotency-Key`, so a retry can never charge twice.
//! Never retried: 4xx answers (other than 429), TLS failures, oversized or undecodable answers, and body-level
//! errors (`status_code` ≥ 400 in an HTTP 2xx answer: Midtrans has decided).
//!
//! Waits grow exponentially from `base_delay` up to `max_delay`, with full jitter; a
//! `Retry-After` header (seconds or an HTTP date) is honoured up to `max_delay`. All waits of
//! one call together stay within `budget`, which stays below Midtrans's 5-minute idempotency-key
//! lifetime.

use std::time::{Duration, SystemTime};

use http::Method;

use crate::transport::TransportErrorKind;

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
    /// The most time spent waiting across all retries of one call.
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

    /// Whether a request with this method may be sent again: reads always, writes only with
    /// an idempotency key.
    pub fn may_repeat(method: &Method, has_idempotency_key: bool) -> bool {
        !matches!(*method, Method::POST | Method::PATCH) || has_idempotency_key
    }

    /// Decides what follows `attempt` (0-based) of a call.
    ///
    /// `jitter` is a number in `0.0..=1.0` (random in the client, fixed in tests); `waited` is
    /// the time already spent waiting in this call.
    pub fn decide(&self, attempt: &Attempt<'_>, jitter: f64, waited: Duration) -> Decision {
        if attempt.number >= self.max_retries
            || !Self::may_repeat(attempt.method, attempt.has_idempotency_key)
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
        let wait = match attempt.outcome {
            Outcome::Http {
                retry_after: Some(hint),
                now,
                ..
            } => parse_retry_after(hint, now)
                .map(|d| d.min(self.max_delay))
                .unwrap_or_else(|| exponential.mul_f64(jitter.clamp(0.0, 1.0))),
            _ => exponential.mul_f64(jitter.clamp(0.0, 1.0)),
        };
        if waited.saturating_add(wait) > self.budget {
            return Decision::Stop;
        }
        Decision::RetryAfter(wait)
    }
}

/// What one attempt ended with, as far as retrying cares.
#[derive(Clone, Copy, Debug)]
pub struct Attempt<'a> {
    /// The request method.
    pub method: &'a Method,
    /// Whether the request carries an `Idempotency-Key`.
    pub has_idempotency_key: bool,
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
    // Days since 1970-01-01 (civil-from-days inverse, proleptic Gregorian).
    let (y, mo) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * mo + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let seconds = u64::try_from(days).ok()? * 86_400 + h * 3600 + m * 60 + s;
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

    fn decide(method: Method, key: bool, number: u32, outcome: Outcome<'_>) -> Decision {
        let attempt = Attempt {
            method: &method,
            has_idempotency_key: key,
            number,
            outcome,
        };
        RetryPolicy::default().decide(&attempt, 1.0, Duration::ZERO)
    }

    #[test]
    fn what_is_retried() {
        use TransportErrorKind::*;
        let retry = |d: Decision| matches!(d, Decision::RetryAfter(_));
        // (method, idempotency key, outcome, retried?)
        let table: Vec<(Method, bool, Outcome<'static>, bool)> = vec![
            (Method::GET, false, Outcome::Transport(Connect), true),
            (Method::GET, false, Outcome::Transport(Timeout), true),
            (Method::GET, false, Outcome::Transport(Io), true),
            (Method::GET, false, Outcome::Transport(Tls), false),
            (Method::GET, false, Outcome::Transport(BodyTooLarge), false),
            (Method::GET, false, http(429), true),
            (Method::GET, false, http(500), true),
            (Method::GET, false, http(502), true),
            (Method::GET, false, http(503), true),
            (Method::GET, false, http(400), false),
            (Method::GET, false, http(401), false),
            (Method::GET, false, http(404), false),
            (Method::GET, false, http(412), false),
            (Method::POST, false, Outcome::Transport(Timeout), false),
            (Method::POST, false, Outcome::Transport(Connect), false),
            (Method::POST, false, http(503), false),
            (Method::POST, true, Outcome::Transport(Timeout), true),
            (Method::POST, true, Outcome::Transport(Connect), true),
            (Method::POST, true, http(503), true),
            (Method::POST, true, http(429), true),
            (Method::POST, true, http(406), false),
            (Method::POST, true, http(202), true),
            (Method::POST, false, http(202), false),
            (Method::POST, true, Outcome::Transport(Tls), false),
            (Method::PATCH, false, http(500), false),
            (Method::PATCH, true, http(500), true),
        ];
        for (method, key, outcome, expected) in table {
            let decision = decide(method.clone(), key, 0, outcome);
            assert_eq!(retry(decision), expected, "{method} key={key} {outcome:?}");
        }
    }

    #[test]
    fn backoff_grows_is_capped_and_jittered() {
        let policy = RetryPolicy::with_retries(10);
        let wait = |number: u32, jitter: f64| {
            let attempt = Attempt {
                method: &Method::GET,
                has_idempotency_key: false,
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
            has_idempotency_key: false,
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
            "a wait past the budget"
        );
        assert_eq!(
            RetryPolicy::none().decide(&attempt(0), 1.0, Duration::ZERO),
            Decision::Stop
        );
        assert!(
            RetryPolicy::default().budget < Duration::from_secs(300),
            "below the key lifetime"
        );
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date_is_honoured_and_capped() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777); // Sun, 06 Nov 1994 08:49:37 GMT
        let with = |hint: &'static str| {
            let attempt = Attempt {
                method: &Method::GET,
                has_idempotency_key: false,
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
}
