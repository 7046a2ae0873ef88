//! Any HTTP status, headers and body, as any attempt of a read or a (keyed) write, through the
//! retry decision: the pure policy with any delays, budget, jitter and elapsed time, and the
//! client's whole loop over a mock transport. Never a panic (debug builds check overflow), and
//! the decisions keep their promises: no wait beyond `max_delay`, no repeat of a write that may
//! have acted unless Midtrans deduplicates it, no keyed retry after the key's lifetime, no
//! success from an HTTP error, and a failed write that reached a 5xx is outcome-unknown.
#![no_main]

use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use midtrans::http::Method;
use midtrans::retry::{
    Attempt, Decision, Idempotency, Outcome, RetryPolicy, IDEMPOTENCY_KEY_LIFETIME,
    KEY_LIFETIME_MARGIN,
};
use midtrans::transport::{MockTransport, TransportErrorKind};
use midtrans::Client;

#[derive(Arbitrary, Debug)]
struct Input {
    status: u16,
    headers: Vec<(Vec<u8>, Vec<u8>)>,
    retry_after: Option<Vec<u8>>,
    body: Vec<u8>,
    method: u8,
    idempotency: u8,
    transport_failure: Option<u8>,
    number: u32,
    jitter: f64,
    elapsed: (u64, u32),
    now: (u64, u32),
    base: (u64, u32),
    max: (u64, u32),
    budget: (u64, u32),
    retries: u32,
}

fn duration((secs, nanos): (u64, u32)) -> Duration {
    Duration::new(secs, nanos % 1_000_000_000)
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("a runtime")
    })
}

const KINDS: [TransportErrorKind; 6] = [
    TransportErrorKind::Connect,
    TransportErrorKind::Timeout,
    TransportErrorKind::Tls,
    TransportErrorKind::Io,
    TransportErrorKind::BodyTooLarge,
    TransportErrorKind::Other,
];

fuzz_target!(|input: Input| {
    // The pure decision, with anything in every parameter.
    let method = match input.method % 4 {
        0 => Method::GET,
        1 => Method::POST,
        2 => Method::PATCH,
        _ => Method::DELETE,
    };
    let idempotency = match input.idempotency % 3 {
        0 => Idempotency::Unkeyed,
        1 => Idempotency::Honoured,
        _ => Idempotency::Ignored,
    };
    let retry_after = input
        .retry_after
        .as_deref()
        .map(String::from_utf8_lossy)
        .map(|text| text.into_owned());
    let now = SystemTime::UNIX_EPOCH
        .checked_add(duration(input.now))
        .unwrap_or(SystemTime::UNIX_EPOCH);
    let outcome = match input.transport_failure {
        Some(kind) => Outcome::Transport(KINDS[usize::from(kind) % KINDS.len()]),
        None => Outcome::Http {
            status: input.status,
            retry_after: retry_after.as_deref(),
            now,
        },
    };
    let policy = RetryPolicy::with_retries(input.retries).delays(
        duration(input.base),
        duration(input.max),
        duration(input.budget),
    );
    let attempt = Attempt {
        method: &method,
        idempotency,
        number: input.number,
        outcome,
    };
    let elapsed = duration(input.elapsed);
    if let Decision::RetryAfter(wait) = policy.decide(&attempt, input.jitter, elapsed) {
        assert!(wait <= policy.max_delay, "{wait:?} over {:?}", policy.max_delay);
        assert!(elapsed.saturating_add(wait) <= policy.budget);
        let write = matches!(method, Method::POST | Method::PATCH);
        if write && idempotency != Idempotency::Honoured {
            assert!(!outcome.maybe_sent(), "a write that may have acted is repeated");
        }
        if write && idempotency == Idempotency::Honoured {
            assert!(
                elapsed.saturating_add(wait)
                    <= IDEMPOTENCY_KEY_LIFETIME.saturating_sub(KEY_LIFETIME_MARGIN)
            );
        }
    }

    // The client's loop: the same answer to every attempt, waits of zero.
    let Ok(status) = http::StatusCode::from_u16(input.status) else {
        return;
    };
    let mock = MockTransport::new();
    let answer = || {
        let mut response = http::Response::new(input.body.clone());
        *response.status_mut() = status;
        for (name, value) in &input.headers {
            if let (Ok(name), Ok(value)) = (
                http::HeaderName::from_bytes(name),
                http::HeaderValue::from_bytes(value),
            ) {
                response.headers_mut().append(name, value);
            }
        }
        if let Some(value) = input
            .retry_after
            .as_deref()
            .and_then(|v| http::HeaderValue::from_bytes(v).ok())
        {
            response.headers_mut().insert(http::header::RETRY_AFTER, value);
        }
        response
    };
    let client = Client::builder()
        .server_key("SB-Mid-server-FUZZ")
        .retry_policy(RetryPolicy::with_retries(2).delays(
            Duration::ZERO,
            Duration::ZERO,
            Duration::from_secs(1),
        ))
        .transport(mock.clone())
        .build()
        .expect("a client");
    let body = serde_json::json!({"payment_type": "bank_transfer", "bank_transfer": {"bank": "bca"},
        "transaction_details": {"order_id": "fuzz-1", "gross_amount": 1000}});
    for write in [false, true] {
        for _ in 0..3 {
            mock.push_response(answer());
        }
        let result = runtime().block_on(async {
            if write {
                client.core().charge(&body).send_value().await
            } else {
                client.transactions().status("fuzz-1").send_value().await
            }
        });
        match result {
            Ok(_) => assert!(status.is_success(), "success from HTTP {status}"),
            Err(error) => {
                if write && status.is_server_error() {
                    assert!(error.outcome_unknown(), "{error}");
                }
                if !write {
                    assert!(!error.outcome_unknown());
                }
            }
        }
        mock.take_requests();
    }
});
