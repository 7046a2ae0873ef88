//! Iris (feature `iris`): each role authenticates with its own key, payout and beneficiary
//! creation carry one `X-Idempotency-Key` per call reused on retries and never leaking into a
//! later call, `ping` answers text, Iris's error bodies explain, and notifications verify only
//! with the merchant key.

use std::time::Duration;

use midtrans::iris::IrisCredentials;
use midtrans::transport::MockTransport;
use midtrans::types::iris::{
    ApprovePayouts, Beneficiary, IrisNotification, PayoutItem, PayoutRequest, PayoutStatus,
    RejectPayouts,
};
use midtrans::types::Idr;
use midtrans::{Client, Environment, Error, RetryPolicy};

const CREATOR: &str = "IRIS-creator-TEST";
const APPROVER: &str = "IRIS-approver-TEST";
const MERCHANT: &str = "IRIS-merchant-TEST";
const OLD_MERCHANT: &str = "IRIS-merchant-TEST-old";

fn client(mock: &MockTransport, retry: RetryPolicy) -> Client {
    Client::builder()
        .environment(Environment::Sandbox)
        .server_key("SB-Mid-server-TEST")
        .iris(
            IrisCredentials::new()
                .creator_key(CREATOR)
                .approver_key(APPROVER)
                .merchant_key(MERCHANT)
                .merchant_key(OLD_MERCHANT),
        )
        .retry_policy(retry)
        .transport(mock.clone())
        .build()
        .unwrap()
}

fn basic(key: &str) -> String {
    format!("Basic {}", crate::base64(format!("{key}:").as_bytes()))
}

fn header(request: &midtrans::transport::HttpRequest, name: &str) -> Option<String> {
    request
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
}

fn budi() -> Beneficiary {
    Beneficiary::builder("Budi Utomo", "bca", "0611101146", "budibca")
        .build()
        .unwrap()
}

#[tokio::test]
async fn each_role_authenticates_with_its_own_key_on_the_iris_host() {
    let mock = MockTransport::new();
    let client = client(&mock, RetryPolicy::none());
    mock.push_json(201, r#"{"payouts":[{"status":"queued","reference_no":"ref-1"},{"status":"queued","reference_no":"ref-2"}]}"#);
    mock.push_json(200, r#"{"status":"ok"}"#);
    mock.push_json(200, r#"{"status":"ok"}"#);
    let request = PayoutRequest::builder([
        PayoutItem::to(&budi(), Idr::new(100_000), "one"),
        PayoutItem::to(&budi(), Idr::new(50_000), "two"),
    ])
    .build()
    .unwrap();
    let created = client
        .iris()
        .creator()
        .create_payouts(&request)
        .await
        .unwrap();
    assert_eq!(created.payouts[1].status, PayoutStatus::Queued);
    client
        .iris()
        .approver()
        .approve_payouts(ApprovePayouts::new(["ref-1"], "335163"))
        .await
        .unwrap();
    client
        .iris()
        .approver()
        .reject_payouts(RejectPayouts::new(["ref-2"], "wrong account"))
        .await
        .unwrap();
    let sent = mock.requests();
    assert_eq!(
        sent[0].uri().to_string(),
        "https://app.sandbox.midtrans.com/iris/api/v1/payouts"
    );
    assert_eq!(header(&sent[0], "authorization"), Some(basic(CREATOR)));
    let body: serde_json::Value = serde_json::from_slice(sent[0].body()).unwrap();
    assert_eq!(body["payouts"][0]["amount"], "100000.00");
    assert_eq!(sent[1].uri().path(), "/iris/api/v1/payouts/approve");
    assert_eq!(header(&sent[1], "authorization"), Some(basic(APPROVER)));
    assert_eq!(header(&sent[2], "authorization"), Some(basic(APPROVER)));
    // Approve and reject carry no idempotency key; creation does.
    assert!(header(&sent[0], "x-idempotency-key").is_some());
    assert!(header(&sent[1], "x-idempotency-key").is_none());
    assert!(
        header(&sent[0], "idempotency-key").is_none(),
        "not the Core header"
    );
}

#[tokio::test]
async fn a_role_without_its_key_is_a_configuration_error_and_nothing_is_sent() {
    let mock = MockTransport::new();
    let client = Client::builder()
        .server_key("SB-Mid-server-TEST")
        .iris(IrisCredentials::new().creator_key(CREATOR))
        .transport(mock.clone())
        .build()
        .unwrap();
    let err = client
        .iris()
        .approver()
        .approve_payouts(ApprovePayouts::new(["ref-1"], "335163"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Config(midtrans::ConfigError::MissingIris)),
        "{err:?}"
    );
    assert!(mock.requests().is_empty());
}

#[tokio::test]
async fn payout_creation_keeps_one_key_across_retries_and_never_reuses_it_later() {
    let mock = MockTransport::new();
    let policy = RetryPolicy::with_retries(2).delays(
        Duration::from_millis(1),
        Duration::from_millis(2),
        Duration::from_secs(5),
    );
    let client = client(&mock, policy);
    let request = PayoutRequest::builder([PayoutItem::to(&budi(), Idr::new(10_000), "x")])
        .build()
        .unwrap();
    mock.push_error(midtrans::TransportErrorKind::Io);
    mock.push_json(
        201,
        r#"{"payouts":[{"status":"queued","reference_no":"ref-1"}]}"#,
    );
    mock.push_json(
        201,
        r#"{"payouts":[{"status":"queued","reference_no":"ref-2"}]}"#,
    );
    client
        .iris()
        .creator()
        .create_payouts(&request)
        .await
        .unwrap();
    client
        .iris()
        .creator()
        .create_payouts(&request)
        .await
        .unwrap();
    let keys: Vec<String> = mock
        .requests()
        .iter()
        .map(|r| header(r, "x-idempotency-key").unwrap())
        .collect();
    assert_eq!(keys.len(), 3);
    assert_eq!(keys[0], keys[1], "the retry reuses the key");
    assert_ne!(keys[1], keys[2], "a later call gets its own");
    // A given key is sent as given; one over 100 characters is refused before sending.
    mock.push_json(201, r#"{"status":"created"}"#);
    client
        .iris()
        .creator()
        .create_beneficiary(budi())
        .idempotency_key("beneficiary-budi-1")
        .await
        .unwrap();
    assert_eq!(
        header(mock.requests().last().unwrap(), "x-idempotency-key").as_deref(),
        Some("beneficiary-budi-1")
    );
    let err = client
        .iris()
        .creator()
        .create_payouts(&request)
        .idempotency_key("k".repeat(101))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    assert_eq!(mock.requests().len(), 4);
}

#[tokio::test]
async fn an_approval_that_may_have_been_sent_is_not_repeated() {
    let mock = MockTransport::new();
    let client = client(&mock, RetryPolicy::with_retries(3));
    mock.push_error(midtrans::TransportErrorKind::Io);
    let err = client
        .iris()
        .approver()
        .approve_payouts(ApprovePayouts::new(["ref-1"], "335163"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(mock.requests().len(), 1);
}

#[tokio::test]
async fn ping_is_text_reads_are_typed_and_errors_explain() {
    let mock = MockTransport::new();
    let client = client(&mock, RetryPolicy::none());
    mock.push_response(
        http::Response::builder()
            .status(200)
            .header("content-type", "text/plain")
            .body(b"pong".to_vec())
            .unwrap(),
    );
    assert_eq!(client.iris().creator().ping().await.unwrap(), "pong");
    mock.push_json(200, r#"{"balance":"1500000.00"}"#);
    let balance = client.iris().approver().balance().await.unwrap();
    assert_eq!(balance.balance.to_idr(), Some(Idr::new(1_500_000)));
    mock.push_json(200, r#"[{"account":"x","type":"payout","amount":"10000.00","status":"completed","reference_no":"ref-1"}]"#);
    let lines = client
        .iris()
        .creator()
        .statements("2026-11-01", "2026-11-30")
        .await
        .unwrap();
    assert_eq!(lines[0].reference_no.as_deref(), Some("ref-1"));
    let statements = &mock.requests()[2];
    assert_eq!(
        statements.uri().query(),
        Some("from_date=2026-11-01&to_date=2026-11-30")
    );
    mock.push_json(
        400,
        r#"{"error_message":"An error occurred when creating beneficiary","errors":["Alias name has already been taken"]}"#,
    );
    let err = client
        .iris()
        .creator()
        .create_beneficiary(budi())
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("creating beneficiary"), "{text}");
    assert!(text.contains("Alias name has already been taken"), "{text}");
    mock.push_json(
        400,
        r#"{"error_message":"Invalid account","errors":{"account":["is invalid"],"bank":["is not supported"]}}"#,
    );
    let err = client
        .iris()
        .creator()
        .validate_account("xyz", "1")
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("account: is invalid") && text.contains("bank: is not supported"),
        "{text}"
    );
    // The keys never show, in errors or the client's Debug.
    let shown = format!("{err:?} {client:?}");
    for key in [CREATOR, APPROVER, MERCHANT] {
        assert!(!shown.contains(key), "{key} shown");
    }
}

#[test]
fn notifications_verify_with_the_merchant_key_or_an_earlier_one_and_nothing_else() {
    let client = client(&MockTransport::new(), RetryPolicy::none());
    let body = br#"{"reference_no":"ref-1","amount":"100000.0","status":"completed","updated_at":"2026-12-01T10:00:00Z"}"#;
    let signed = |key: &str| {
        let mut headers = http::HeaderMap::new();
        // Computed independently: hex SHA-512 of the body followed by the key.
        let mut input = body.to_vec();
        input.extend_from_slice(key.as_bytes());
        headers.insert("iris-signature", crate::sha512_hex(&input).parse().unwrap());
        headers
    };
    for key in [MERCHANT, OLD_MERCHANT] {
        match client
            .iris()
            .verify_notification(&signed(key), body)
            .unwrap()
        {
            IrisNotification::Payout(payout) => assert_eq!(payout.status, PayoutStatus::Completed),
            other => panic!("a payout notification: {other:?}"),
        }
    }
    let refused = |headers: &http::HeaderMap, body: &[u8]| {
        matches!(
            client.iris().verify_notification(headers, body),
            Err(Error::Signature(_))
        )
    };
    assert!(refused(&signed("IRIS-someone-else"), body));
    assert!(
        refused(&signed(CREATOR), body),
        "the API keys are not the merchant key"
    );
    assert!(refused(&signed(MERCHANT), &body[..body.len() - 1]));
    assert!(refused(&http::HeaderMap::new(), body));
    let mut short = http::HeaderMap::new();
    short.insert("iris-signature", "abc".parse().unwrap());
    assert!(refused(&short, body));
    assert_eq!(
        midtrans::iris::signature(body, MERCHANT),
        crate::sha512_hex(&[&body[..], MERCHANT.as_bytes()].concat())
    );
}

#[cfg(feature = "axum")]
#[tokio::test]
async fn the_axum_extractor_takes_only_a_signed_iris_notification() {
    use axum::extract::FromRequest;
    use midtrans::iris::VerifiedIrisNotification;
    let client = client(&MockTransport::new(), RetryPolicy::none());
    let body = r#"{"transaction_id":"t-1","order_id":"topup-1","gross_amount":"1000000.00","status":"topup"}"#;
    let request = |signature: String| {
        axum::http::Request::builder()
            .method("POST")
            .uri("/iris/notification")
            .header("iris-signature", signature)
            .body(axum::body::Body::from(body))
            .unwrap()
    };
    let signed = crate::sha512_hex(&[body.as_bytes(), MERCHANT.as_bytes()].concat());
    let verified = VerifiedIrisNotification::from_request(request(signed), &client)
        .await
        .unwrap();
    assert!(matches!(&*verified, IrisNotification::TopUp(_)));
    let forged = crate::sha512_hex(&[body.as_bytes(), b"IRIS-forger".as_slice()].concat());
    let refused = VerifiedIrisNotification::from_request(request(forged), &client)
        .await
        .unwrap_err();
    assert_eq!(refused.status(), 401);
}

/// Iris answers an approval or rejection with HTTP 202 `{"status":"ok"}` (the payouts are
/// accepted for processing): a success, not the Core API's "still processing" 202.
#[tokio::test]
async fn an_approval_answered_202_ok_is_a_success_sent_once() {
    let mock = MockTransport::new();
    let client = client(&mock, RetryPolicy::with_retries(3));
    mock.push_json(202, r#"{"status":"ok"}"#);
    mock.push_json(202, r#"{"status":"ok"}"#);
    let approved = client
        .iris()
        .approver()
        .approve_payouts(ApprovePayouts::new(["ref-1"], "335163"))
        .await
        .unwrap();
    assert_eq!(approved.status, "ok");
    let rejected = client
        .iris()
        .approver()
        .reject_payouts(RejectPayouts::new(["ref-2"], "wrong account"))
        .await
        .unwrap();
    assert_eq!(rejected.status, "ok");
    assert_eq!(mock.requests().len(), 2, "neither was repeated");
}

/// Iris's `errors` also comes as a list of lists (payout creation) and as one text (an
/// unknown beneficiary): every reason reaches the error.
#[tokio::test]
async fn iris_errors_nested_or_as_one_text_explain() {
    let mock = MockTransport::new();
    let client = client(&mock, RetryPolicy::none());
    mock.push_json(
        400,
        r#"{"error_message":"An error occurred when creating payouts","errors":[["Amount is not a number","Beneficiary bank is not included in the list"]]}"#,
    );
    let request = PayoutRequest::builder([PayoutItem::to(&budi(), Idr::new(10_000), "one")])
        .build()
        .unwrap();
    let err = client
        .iris()
        .creator()
        .create_payouts(&request)
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("Amount is not a number")
            && text.contains("Beneficiary bank is not included in the list"),
        "{text}"
    );
    mock.push_json(
        404,
        r#"{"error_message":"An error occurred when updating beneficiary","errors":"Could not find saved beneficiary"}"#,
    );
    let err = client
        .iris()
        .creator()
        .update_beneficiary("budibca", budi())
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("Could not find saved beneficiary"), "{text}");
}
