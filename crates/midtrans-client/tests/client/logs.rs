//! S2: whatever the dependencies log at TRACE (reqwest through `log`, hyper through `tracing`)
//! during real calls holds no card data, no server key and no credentials.

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use midtrans::types::card::CardTokenRequest;
use midtrans::types::charge::{BankTransfer, ChargeRequest};
use midtrans::types::{Idr, TransactionDetails};
use midtrans::{Client, Environment, RetryPolicy};

const KEY: &str = "SB-Mid-server-LOGCANARY-91f2";

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<String>>);

impl Capture {
    fn push(&self, text: &str) {
        let mut all = self.0.lock().unwrap();
        all.push_str(text);
        all.push('\n');
    }
}

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }

    fn log(&self, record: &log::Record<'_>) {
        self.push(&format!("{} {}", record.target(), record.args()));
    }

    fn flush(&self) {}
}

struct Fields(String);

impl tracing::field::Visit for Fields {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut fields = Fields(span.metadata().name().to_owned());
        span.record(&mut fields);
        self.push(&fields.0);
        tracing::span::Id::from_u64(1)
    }

    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut fields = Fields(String::new());
        values.record(&mut fields);
        self.push(&fields.0);
    }

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        let mut fields = Fields(event.metadata().target().to_owned());
        event.record(&mut fields);
        self.push(&fields.0);
    }

    fn enter(&self, _: &tracing::span::Id) {}

    fn exit(&self, _: &tracing::span::Id) {}
}

#[tokio::test]
async fn nothing_logged_at_trace_holds_secrets_or_card_data() {
    let capture = Capture::default();
    log::set_logger(Box::leak(Box::new(capture.clone()))).unwrap();
    log::set_max_level(log::LevelFilter::Trace);
    tracing::subscriber::set_global_default(capture.clone()).unwrap();

    let server = crate::loopback::serve_json(&crate::sample("card_token_response.json")).await;
    let base = format!("http://{server}");
    let client = Client::builder()
        .environment(Environment::custom(&base, format!("{base}/snap/v1")).unwrap())
        .server_key(KEY)
        .client_key("SB-Mid-client-LOGCANARY")
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let token = CardTokenRequest::card("4811 1111 1111 1114", "12", "2099", "987");
    client.core().card_token(&token).send().await.unwrap();
    let charge = ChargeRequest::builder(
        TransactionDetails::new("log-1", Idr::new(1_000)),
        BankTransfer::bca(),
    )
    .build()
    .unwrap();
    let _ = client.core().charge(&charge).send().await;
    // A call that is retried: a refused connection, tried twice.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let retrying = Client::builder()
        .environment(Environment::custom(&dead, format!("{dead}/snap/v1")).unwrap())
        .server_key(KEY)
        .retry_policy(RetryPolicy::with_retries(1).delays(
            std::time::Duration::from_millis(1),
            std::time::Duration::from_millis(1),
            std::time::Duration::from_secs(5),
        ))
        .build()
        .unwrap();
    // Its own key, so no random hex in the output can look like a canary.
    let _ = retrying
        .core()
        .charge(&charge)
        .idempotency_key("log-retry-key")
        .send()
        .await;

    let logged = capture.0.lock().unwrap().clone();
    // With the `tracing` feature, this crate's own span and events are there too, and hold
    // nothing secret either (checked below with everything else).
    #[cfg(feature = "tracing")]
    for expected in [
        "midtrans.call method=POST host=Core path=/v2/charge order_id=\"log-1\"",
        "midtrans.call method=GET host=Core path=/v2/token",
        "midtrans attempt answered",
        "attempt=1 http_status=200",
        "midtrans call retried",
        "error=\"connect\"",
        "idempotency_key=\"log-retry-key\"",
    ] {
        assert!(logged.contains(expected), "{expected:?} not in:\n{logged}");
    }
    assert!(
        !logged.is_empty(),
        "the capture saw the dependencies' output"
    );
    let basic = crate::base64(format!("{KEY}:").as_bytes());
    for secret in [KEY, basic.as_str(), "4811%201111", "4811 1111", "card_cvv"] {
        assert!(
            !logged.contains(secret),
            "logged output contains {secret:?}:\n{logged}"
        );
    }
    // The CVV is three digits: the other tests of this binary log through the same global
    // subscriber, and their ports, ids and durations hold "987" among other characters. The
    // CVV written anywhere stands alone (`=987&`, `"987"`).
    assert!(
        !stands_alone(&logged, "987"),
        "logged output contains the CVV:\n{logged}"
    );
}

/// Whether `needle` occurs in `text` with no letter or digit on either side.
fn stands_alone(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn a_cvv_is_found_only_where_it_stands_alone() {
    assert!(stands_alone("card_cvv=987&x", "987"));
    assert!(stands_alone("\"987\"", "987"));
    assert!(stands_alone("987", "987"));
    assert!(!stands_alone("127.0.0.1:39870", "987"));
    assert!(!stands_alone("elapsed=1.987ms", "987"));
    assert!(!stands_alone("id=a9870f", "987"));
}
