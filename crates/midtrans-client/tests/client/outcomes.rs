//! Whether money may have moved: once any attempt of a write may have reached Midtrans, a failed
//! call says so whatever the later attempts returned; retries stay within the budget counted
//! from the first attempt and within the idempotency key's lifetime; charges whose
//! `Idempotency-Key` Midtrans ignores are not repeated once an attempt may have been sent.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use midtrans::transport::{transport_fn, MockTransport, TransportError, TransportErrorKind};
use midtrans::types::charge::PaymentMethod;
use midtrans::types::charge::{BankTransfer, BcaKlikbca, ChargeRequest, CimbClicks, Cstore};
use midtrans::types::{Idr, TransactionDetails};
use midtrans::{Client, Error, RetryPolicy};

use crate::{sample, SERVER_KEY};

fn fast(retries: u32) -> RetryPolicy {
    RetryPolicy::with_retries(retries).delays(
        Duration::from_millis(1),
        Duration::from_millis(2),
        Duration::from_secs(10),
    )
}

fn client(transport: impl midtrans::Transport + 'static, policy: RetryPolicy) -> Client {
    Client::builder()
        .server_key(SERVER_KEY)
        .retry_policy(policy)
        .transport(transport)
        .build()
        .unwrap()
}

fn charge_with(order_id: &str, method: impl Into<PaymentMethod>) -> ChargeRequest {
    ChargeRequest::builder(TransactionDetails::new(order_id, Idr::new(44_000)), method)
        .build()
        .unwrap()
}

fn bca_charge() -> ChargeRequest {
    charge_with("order-sticky", BankTransfer::bca())
}

fn assert_unknown_with_hint(err: &Error, case: &str) {
    assert!(err.outcome_unknown(), "{case}: {err:?}");
    let text = err.to_string();
    assert!(
        text.contains("outcome unknown") && text.contains("transactions().status"),
        "{case}: {text}"
    );
}

/// An answer queued on the mock.
enum Then {
    Fail(TransportErrorKind),
    Json(u16, &'static str),
}

#[tokio::test]
async fn outcome_unknown_is_sticky_whatever_later_attempts_return() {
    let cases: [(&str, Vec<Then>); 6] = [
        (
            "timeout, then a 406 (the first attempt created the order)",
            vec![
                Then::Fail(TransportErrorKind::Timeout),
                Then::Json(200, r#"{"status_code":"406","status_message":"duplicate"}"#),
            ],
        ),
        (
            "timeout, then refused connections",
            vec![
                Then::Fail(TransportErrorKind::Timeout),
                Then::Fail(TransportErrorKind::Connect),
                Then::Fail(TransportErrorKind::Connect),
                Then::Fail(TransportErrorKind::Connect),
            ],
        ),
        (
            "dropped connection, then 429s",
            vec![
                Then::Fail(TransportErrorKind::Io),
                Then::Json(429, ""),
                Then::Json(429, ""),
                Then::Json(429, ""),
            ],
        ),
        (
            "503, then a 401",
            vec![
                Then::Json(503, ""),
                Then::Json(
                    401,
                    r#"{"status_code":"401","status_message":"unauthorized"}"#,
                ),
            ],
        ),
        (
            "timeout, then an HTTP 400",
            vec![
                Then::Fail(TransportErrorKind::Timeout),
                Then::Json(400, r#"{"error_messages":["bad"]}"#),
            ],
        ),
        (
            "in progress (HTTP 202), then a TLS failure",
            vec![Then::Json(202, ""), Then::Fail(TransportErrorKind::Tls)],
        ),
    ];
    for (case, answers) in cases {
        let mock = MockTransport::new();
        let count = answers.len();
        for answer in answers {
            match answer {
                Then::Fail(kind) => mock.push_error(kind),
                Then::Json(status, body) => mock.push_json(status, body),
            }
        }
        let err = client(mock.clone(), fast(3))
            .core()
            .charge(bca_charge())
            .send()
            .await
            .unwrap_err();
        assert_eq!(
            mock.requests().len(),
            count,
            "{case}: every answer was used"
        );
        assert_unknown_with_hint(&err, case);
    }

    // A read has no outcome to doubt, whatever its attempts returned.
    let mock = MockTransport::new();
    mock.push_error(TransportErrorKind::Timeout);
    mock.push_json(404, r#"{"status_code":"404","status_message":"not found"}"#);
    let err = client(mock, fast(3))
        .transactions()
        .status("order-sticky")
        .send()
        .await
        .unwrap_err();
    assert!(!err.outcome_unknown(), "{err}");
}

/// A transport whose every attempt takes `delay` (on tokio's clock) and then fails with `kind`,
/// recording when each attempt started.
fn slow_transport(
    delay: Duration,
    kind: TransportErrorKind,
) -> (
    impl midtrans::Transport,
    Arc<Mutex<Vec<tokio::time::Instant>>>,
) {
    let starts = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&starts);
    let transport = transport_fn(move |_request, _timeout| {
        record.lock().unwrap().push(tokio::time::Instant::now());
        async move {
            tokio::time::sleep(delay).await;
            Err(TransportError::new(kind, "slow test transport"))
        }
    });
    (transport, starts)
}

#[tokio::test(start_paused = true)]
async fn the_retry_budget_counts_attempt_time_from_the_first_attempt() {
    // Each attempt takes 60 ms; the waits are 1 ms at most; the budget is 100 ms. Counting only
    // the waits, ten retries would fit; counting from the first attempt, a second attempt
    // starts at about 61 ms and a third would start after 100 ms.
    let (transport, starts) =
        slow_transport(Duration::from_millis(60), TransportErrorKind::Timeout);
    let policy = RetryPolicy::with_retries(10).delays(
        Duration::from_millis(1),
        Duration::from_millis(1),
        Duration::from_millis(100),
    );
    let err = client(transport, policy)
        .transactions()
        .status("order-budget")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.attempts(), 2, "{err}");
    let starts = starts.lock().unwrap();
    let first = starts[0];
    assert!(starts
        .iter()
        .all(|s| *s - first <= Duration::from_millis(100)));
}

#[tokio::test(start_paused = true)]
async fn no_keyed_retry_is_sent_after_the_key_lifetime_minus_a_margin() {
    // A generous policy: a budget of an hour, waits of up to a minute. Each attempt times out
    // after 100 s. The idempotency key lives 5 minutes at Midtrans, so no retry with it may start
    // later than 5 minutes minus a margin after the first attempt.
    let (transport, starts) = slow_transport(Duration::from_secs(100), TransportErrorKind::Timeout);
    let policy = RetryPolicy::with_retries(20).delays(
        Duration::from_secs(1),
        Duration::from_secs(60),
        Duration::from_secs(3600),
    );
    let err = client(transport, policy)
        .core()
        .charge(bca_charge())
        .send()
        .await
        .unwrap_err();
    assert!(err.idempotency_key().is_some());
    assert_unknown_with_hint(&err, "keyed charge past the key lifetime");
    let (count, first, last) = {
        let starts = starts.lock().unwrap();
        (starts.len(), starts[0], *starts.last().unwrap())
    };
    assert!(count >= 2, "it was retried: {count} attempts");
    assert!(
        last - first < Duration::from_secs(300 - 15),
        "an attempt started {:?} after the first",
        last - first
    );

    // Reads carry no key: the budget alone bounds them.
    let (transport, starts) = slow_transport(Duration::from_secs(100), TransportErrorKind::Timeout);
    let policy = RetryPolicy::with_retries(5).delays(
        Duration::from_secs(1),
        Duration::from_secs(1),
        Duration::from_secs(3600),
    );
    let err = client(transport, policy)
        .transactions()
        .status("order-read")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.attempts(), 6, "{err}");
    assert_eq!(starts.lock().unwrap().len(), 6);
}

#[tokio::test]
async fn charges_whose_key_midtrans_ignores_are_not_repeated_once_maybe_sent() {
    let ignored: [(&str, ChargeRequest); 4] = [
        (
            "permata",
            charge_with("order-permata", BankTransfer::permata()),
        ),
        (
            "cimb clicks",
            charge_with("order-cimb", CimbClicks::new("Purchase of a product")),
        ),
        (
            "klikbca",
            charge_with("order-klikbca", BcaKlikbca::new("Purchase", "KLIKBCA01")),
        ),
        (
            "indomaret",
            charge_with("order-indomaret", Cstore::indomaret()),
        ),
    ];
    for (case, request) in &ignored {
        for failure in [
            Then::Fail(TransportErrorKind::Timeout),
            Then::Fail(TransportErrorKind::Io),
            Then::Json(503, ""),
        ] {
            let mock = MockTransport::new();
            match failure {
                Then::Fail(kind) => mock.push_error(kind),
                Then::Json(status, body) => mock.push_json(status, body),
            }
            mock.push_json(201, sample("charge_bank_transfer_permata_response.json"));
            let err = client(mock.clone(), fast(3))
                .core()
                .charge(request)
                .send()
                .await
                .unwrap_err();
            assert_eq!(mock.requests().len(), 1, "{case}: not repeated");
            assert_unknown_with_hint(&err, case);
            assert_eq!(
                err.idempotency_key(),
                None,
                "{case}: no key is offered for a resend Midtrans would not deduplicate"
            );
        }
        // A 429 reached Midtrans, which refused to act: not repeated, and nothing happened.
        let mock = MockTransport::new();
        mock.push_json(429, "");
        mock.push_json(201, sample("charge_bank_transfer_permata_response.json"));
        let err = client(mock.clone(), fast(3))
            .core()
            .charge(request)
            .send()
            .await
            .unwrap_err();
        assert_eq!(mock.requests().len(), 1, "{case}: not repeated after a 429");
        assert!(!err.outcome_unknown(), "{case}: {err}");
        // A refused connection sent nothing: trying again cannot charge twice.
        let mock = MockTransport::new();
        mock.push_error(TransportErrorKind::Connect);
        mock.push_json(201, sample("charge_bank_transfer_permata_response.json"));
        client(mock.clone(), fast(3))
            .core()
            .charge(request)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{case}: {e}"));
        assert_eq!(mock.requests().len(), 2, "{case}");
    }

    // The same rule for untyped bodies, and a caller's own key does not make them repeatable.
    let bodies = [
        serde_json::json!({"payment_type": "bank_transfer", "bank_transfer": {"bank": "permata"},
            "transaction_details": {"order_id": "u-1", "gross_amount": 1000}}),
        serde_json::json!({"payment_type": "permata",
            "transaction_details": {"order_id": "u-2", "gross_amount": 1000}}),
        serde_json::json!({"payment_type": "cstore", "cstore": {"store": "indomaret"},
            "transaction_details": {"order_id": "u-3", "gross_amount": 1000}}),
    ];
    for body in &bodies {
        let mock = MockTransport::new();
        mock.push_error(TransportErrorKind::Timeout);
        mock.push_json(201, sample("charge_bank_transfer_permata_response.json"));
        let err = client(mock.clone(), fast(3))
            .core()
            .charge(body)
            .idempotency_key("callers-own-key")
            .send()
            .await
            .unwrap_err();
        assert_eq!(mock.requests().len(), 1, "{body}");
        assert_unknown_with_hint(&err, "untyped");
    }

    // Others are retried with their key as before.
    let mock = MockTransport::new();
    mock.push_error(TransportErrorKind::Timeout);
    mock.push_json(201, sample("charge_bank_transfer_bca_response.json"));
    client(mock.clone(), fast(3))
        .core()
        .charge(charge_with("order-alfamart", Cstore::alfamart()))
        .send()
        .await
        .unwrap();
    assert_eq!(mock.requests().len(), 2);
}

#[test]
fn a_typed_charge_tells_as_its_json_does_whether_its_key_is_honoured() {
    use midtrans::retry::charge_honours_idempotency_key;
    use midtrans::types::charge::{Echannel, Gopay, Qris};
    use midtrans::RequestBody;
    let charges = [
        charge_with("o-1", BankTransfer::bca()),
        charge_with("o-2", BankTransfer::bni()),
        charge_with("o-3", BankTransfer::bri()),
        charge_with("o-4", BankTransfer::cimb()),
        charge_with("o-5", BankTransfer::permata()),
        charge_with("o-6", CimbClicks::new("d")),
        charge_with("o-7", BcaKlikbca::new("d", "u")),
        charge_with("o-8", Cstore::indomaret()),
        charge_with("o-9", Cstore::alfamart()),
        charge_with("o-10", Echannel::new("bill", "info")),
        charge_with("o-11", Gopay::new()),
        charge_with("o-12", Qris::new()),
        charge_with("o-13", midtrans::types::charge::CreditCard::new("token")),
    ];
    let mut ignored = 0;
    for charge in &charges {
        let typed = RequestBody::<ChargeRequest>::honours_idempotency_key(&charge);
        let json = RequestBody::<ChargeRequest>::into_json(charge).unwrap();
        assert_eq!(
            typed,
            Some(charge_honours_idempotency_key(&json)),
            "{}",
            String::from_utf8_lossy(&json)
        );
        ignored += usize::from(typed == Some(false));
    }
    assert_eq!(ignored, 4, "Permata, CIMB Clicks, KlikBCA, Indomaret");
}
