//! The retry loop through the pipeline: what is retried, with which key, and what an error says
//! when the outcome is unknown.

use std::time::{Duration, Instant};

use midtrans::transport::{MockTransport, TransportErrorKind};
use midtrans::types::charge::{BankTransfer, ChargeRequest};
use midtrans::types::{Idr, TransactionDetails};
use midtrans::{Client, Error, RetryPolicy};

use crate::{sample, SERVER_KEY};

fn fast(retries: u32) -> RetryPolicy {
    RetryPolicy::with_retries(retries).delays(
        Duration::from_millis(1),
        Duration::from_millis(5),
        Duration::from_secs(2),
    )
}

fn client(mock: &MockTransport, policy: RetryPolicy) -> Client {
    Client::builder()
        .server_key(SERVER_KEY)
        .retry_policy(policy)
        .transport(mock.clone())
        .build()
        .unwrap()
}

fn charge() -> ChargeRequest {
    ChargeRequest::builder(
        TransactionDetails::new("order-retry", Idr::new(44_000)),
        BankTransfer::bca(),
    )
    .build()
    .unwrap()
}

fn keys(mock: &MockTransport) -> Vec<Option<String>> {
    mock.requests()
        .iter()
        .map(|r| {
            r.headers()
                .get("idempotency-key")
                .map(|v| v.to_str().unwrap().to_owned())
        })
        .collect()
}

#[tokio::test]
async fn a_keyed_post_is_retried_with_the_same_key_until_it_succeeds() {
    let mock = MockTransport::new();
    mock.push_json(503, "<html>busy</html>");
    mock.push_error(TransportErrorKind::Timeout);
    mock.push_json(200, sample("charge_bank_transfer_bca_response.json"));
    let answered = client(&mock, fast(3))
        .core()
        .charge(charge())
        .send_with_meta()
        .await
        .unwrap();
    assert_eq!(answered.value.order_id.as_ref().unwrap(), "1571823229");
    assert_eq!((answered.attempts, answered.http_status), (3, 200));
    let sent = keys(&mock);
    assert_eq!(sent.len(), 3);
    let key = sent[0]
        .clone()
        .expect("a key is generated before the first attempt");
    assert!(key.len() <= midtrans::MAX_IDEMPOTENCY_KEY_LEN);
    assert!(
        sent.iter().all(|k| k.as_deref() == Some(key.as_str())),
        "{sent:?}"
    );
    assert_eq!(
        answered.idempotency_key.as_deref(),
        Some(key.as_str()),
        "the key is in the result"
    );
}

#[tokio::test]
async fn the_callers_key_is_kept() {
    let mock = MockTransport::new();
    mock.push_json(500, "");
    mock.push_json(200, sample("charge_bank_transfer_bca_response.json"));
    client(&mock, fast(3))
        .core()
        .charge(charge())
        .idempotency_key("mine-1")
        .send()
        .await
        .unwrap();
    assert_eq!(
        keys(&mock),
        [Some("mine-1".to_owned()), Some("mine-1".to_owned())]
    );
}

#[tokio::test]
async fn writes_without_idempotency_support_are_not_retried() {
    let mock = MockTransport::new();
    mock.push_json(503, "");
    mock.push_json(201, sample("snap_create_transaction_response.json"));
    let body = serde_json::json!({"transaction_details": {"order_id": "s-1", "gross_amount": 1}});
    let err = client(&mock, fast(3))
        .snap()
        .create_transaction(body)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        mock.requests().len(),
        1,
        "Snap does not document Idempotency-Key: no retry"
    );
    assert!(
        err.outcome_unknown(),
        "a 5xx after a write: it may have happened"
    );
    assert_eq!(err.idempotency_key(), None);
}

#[tokio::test]
async fn reads_are_retried_and_4xx_never() {
    let mock = MockTransport::new();
    mock.push_error(TransportErrorKind::Connect);
    mock.push_json(429, "");
    mock.push_json(200, sample("status_credit_card_capture_response.json"));
    let c = client(&mock, fast(3));
    c.transactions().status("o").send().await.unwrap();
    assert_eq!(mock.requests().len(), 3);

    mock.push_json(404, r#"{"status_code":"404","status_message":"not found"}"#);
    let err = c.transactions().status("o").send().await.unwrap_err();
    assert_eq!(mock.requests().len(), 4, "404 is final");
    assert_eq!(err.attempts(), 1);
    assert!(!err.outcome_unknown(), "a read has no outcome to doubt");

    mock.push_error(TransportErrorKind::Tls);
    let err = c.transactions().status("o").send().await.unwrap_err();
    assert_eq!(err.attempts(), 1, "TLS failures are not retried");
}

#[tokio::test]
async fn giving_up_says_the_outcome_is_unknown_and_names_the_key() {
    let mock = MockTransport::new();
    for _ in 0..3 {
        mock.push_error(TransportErrorKind::Timeout);
    }
    let err = client(&mock, fast(2))
        .core()
        .charge(charge())
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.attempts(), 3);
    assert!(err.outcome_unknown());
    let key = err.idempotency_key().unwrap().to_owned();
    let text = err.to_string();
    assert!(
        text.contains(&key)
            && text.contains("outcome unknown")
            && text.contains("transactions().status"),
        "{text}"
    );

    // A refused connection never reached Midtrans: the outcome is known (nothing happened).
    let mock = MockTransport::new();
    mock.push_error(TransportErrorKind::Connect);
    let err = client(&mock, RetryPolicy::none())
        .core()
        .charge(charge())
        .send()
        .await
        .unwrap_err();
    assert!(!err.outcome_unknown());
    // A business error is Midtrans's decision: known.
    let mock = MockTransport::new();
    mock.push_json(200, r#"{"status_code":"406","status_message":"duplicate"}"#);
    let err = client(&mock, fast(3))
        .core()
        .charge(charge())
        .send()
        .await
        .unwrap_err();
    assert!(!err.outcome_unknown());
    assert_eq!(mock.requests().len(), 1);
}

#[tokio::test]
async fn retry_after_is_honoured_and_the_budget_bounds_the_wait() {
    let mock = MockTransport::new();
    let mut busy = http::Response::new(Vec::new());
    *busy.status_mut() = http::StatusCode::TOO_MANY_REQUESTS;
    busy.headers_mut()
        .insert("retry-after", http::HeaderValue::from_static("1"));
    mock.push_response(busy);
    mock.push_json(200, sample("status_credit_card_capture_response.json"));
    let policy = RetryPolicy::with_retries(2).delays(
        Duration::from_millis(1),
        Duration::from_secs(2),
        Duration::from_secs(10),
    );
    let started = Instant::now();
    client(&mock, policy)
        .transactions()
        .status("o")
        .send()
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );

    // Retry-After (capped at max_delay, no jitter) makes the waits exact: 40 ms + 40 ms fit
    // the 100 ms budget, a third wait would not.
    let mock = MockTransport::new();
    for _ in 0..10 {
        let mut busy = http::Response::new(Vec::new());
        *busy.status_mut() = http::StatusCode::SERVICE_UNAVAILABLE;
        busy.headers_mut()
            .insert("retry-after", http::HeaderValue::from_static("1"));
        mock.push_response(busy);
    }
    let policy = RetryPolicy::with_retries(10).delays(
        Duration::from_millis(1),
        Duration::from_millis(40),
        Duration::from_millis(100),
    );
    let err = client(&mock, policy)
        .transactions()
        .status("o")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.attempts(), 3, "the budget stops the loop");
}

#[tokio::test]
async fn per_request_policy_overrides_the_clients() {
    let mock = MockTransport::new();
    mock.push_json(503, "");
    mock.push_json(200, sample("status_credit_card_capture_response.json"));
    let err = client(&mock, fast(3))
        .transactions()
        .status("o")
        .retry_policy(RetryPolicy::none())
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.attempts(), 1);
    assert!(matches!(err, Error::Api(_)));
}

#[tokio::test]
async fn a_key_given_as_a_plain_header_is_the_calls_key() {
    let mock = MockTransport::new();
    mock.push_json(503, "");
    mock.push_json(200, sample("charge_bank_transfer_bca_response.json"));
    let answered = client(&mock, fast(3))
        .core()
        .charge(charge())
        .header("Idempotency-Key", "plain-header-key")
        .send_with_meta()
        .await
        .unwrap();
    assert_eq!(
        answered.idempotency_key.as_deref(),
        Some("plain-header-key")
    );
    assert_eq!(
        keys(&mock),
        [
            Some("plain-header-key".to_owned()),
            Some("plain-header-key".to_owned())
        ]
    );
    for request in mock.requests() {
        assert_eq!(
            request.headers().get_all("idempotency-key").iter().count(),
            1
        );
    }

    // A plain header key Midtrans would ignore (over 46 characters) is sent as given, but the
    // call is not repeated on its strength once it may have acted.
    let mock = MockTransport::new();
    mock.push_error(TransportErrorKind::Timeout);
    mock.push_json(200, sample("charge_bank_transfer_bca_response.json"));
    let long = "k".repeat(47);
    let err = client(&mock, fast(3))
        .core()
        .charge(charge())
        .header("Idempotency-Key", long.as_str())
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.attempts(), 1);
    assert!(err.outcome_unknown());
    assert_eq!(keys(&mock), [Some(long)]);
}

#[tokio::test]
async fn a_google_pay_charge_is_not_sent_again_once_it_may_have_reached_midtrans() {
    use midtrans::types::google_pay::{GooglePayCharge, GooglePayToken};
    let mock = MockTransport::new();
    mock.push_json(503, "");
    mock.push_json(200, sample("charge_credit_card_capture_response.json"));
    let charge = GooglePayCharge::builder(
        TransactionDetails::new("order-gp-retry", Idr::new(10_002)),
        GooglePayToken::new("ECv1", "MEUC", "{}"),
    )
    .build()
    .unwrap();
    let err = client(&mock, fast(3))
        .google_pay()
        .charge(&charge)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        mock.requests().len(),
        1,
        "no Idempotency-Key is documented on Google Pay's host: no second attempt"
    );
    assert!(err.outcome_unknown(), "{err:?}");
    assert_eq!(keys(&mock), [None], "no key is sent");
}
