//! SNAP-BI (feature `snap-bi`): signatures equal what `openssl` computes independently over
//! the bytes sent, the access token is fetched once and cached, a refused token is replaced
//! once, a failed token call is an error of its own, `X-EXTERNAL-ID` is one per call, and
//! notifications verify only as Midtrans signed them.

use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http::header::AUTHORIZATION;
use midtrans::snap_bi::{string_to_sign, symmetric_signature, SnapBiCredentials};
use midtrans::transport::{HttpRequest, HttpResponse, MockTransport};
use midtrans::types::snap_bi::{
    DirectDebitPaymentRequest, PayOptionDetail, PaymentNotification, QrisQueryRequest,
    VaCreateRequest,
};
use midtrans::types::Idr;
use midtrans::{Client, Environment, Error, RetryPolicy, Transport, TransportError};

const CLIENT_ID: &str = "SB-client-TEST-snapbi";
const CLIENT_SECRET: &str = "TEST-client-secret-snapbi";
const PARTNER_ID: &str = "TEST-partner";
const CHANNEL_ID: &str = "12345";
const TOKEN: &str = "TEST-access-token-1";

fn key_file(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../midtrans-mock/src/assets/snap_bi")
        .join(name)
}

fn key(name: &str) -> String {
    std::fs::read_to_string(key_file(name)).unwrap()
}

fn credentials() -> SnapBiCredentials {
    SnapBiCredentials::new(
        CLIENT_ID,
        key("merchant-test-private-key.pem"),
        CLIENT_SECRET,
        PARTNER_ID,
        CHANNEL_ID,
    )
    .midtrans_public_key(key("simulator-test-public-key.pem"))
}

fn client(transport: impl Transport + 'static, retry: RetryPolicy) -> Client {
    shared(Arc::new(transport), retry)
}

fn shared(transport: Arc<dyn Transport>, retry: RetryPolicy) -> Client {
    Client::builder()
        .environment(Environment::Sandbox)
        .server_key("SB-Mid-server-TEST")
        .snap_bi(credentials())
        .retry_policy(retry)
        .shared_transport(transport)
        .build()
        .unwrap()
}

fn token_answer(token: &str, expires_in: &str) -> String {
    format!(
        r#"{{"responseCode":"2007300","responseMessage":"Successful","accessToken":"{token}","tokenType":"Bearer","expiresIn":"{expires_in}"}}"#
    )
}

fn header<'a>(request: &'a HttpRequest, name: &str) -> &'a str {
    request
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no {name} header"))
}

/// `openssl` with `input` on stdin, its stdout as base64 (the tests' independent check).
fn openssl_base64(args: &[&str], input: &[u8]) -> String {
    use std::io::Write as _;
    let mut child = Command::new("openssl")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("openssl must be installed (.ci/run installs it)");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "openssl {args:?} failed");
    base64(&output.stdout)
}

fn base64(bytes: &[u8]) -> String {
    crate::base64(bytes)
}

fn sha256_hex(bytes: &[u8]) -> String {
    let out = Command::new("sh")
        .arg("-c")
        .arg("openssl dgst -sha256 -hex | sed 's/^.*= //'")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write as _;
            child.stdin.take().unwrap().write_all(bytes)?;
            child.wait_with_output()
        })
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

#[test]
fn signatures_equal_the_fixed_vectors_computed_with_openssl() {
    // Computed once with:
    //   printf '%s' 'SB-client-TEST-snapbi|2026-12-01T10:00:00+07:00' |
    //     openssl dgst -sha256 -sign merchant-test-private-key.pem | base64 -w0
    // and checked again below against openssl on this machine.
    let timestamp = "2026-12-01T10:00:00+07:00";
    let asymmetric = credentials().access_token_signature(timestamp).unwrap();
    let private_key = key_file("merchant-test-private-key.pem");
    let expected = openssl_base64(
        &["dgst", "-sha256", "-sign", private_key.to_str().unwrap()],
        format!("{CLIENT_ID}|{timestamp}").as_bytes(),
    );
    assert_eq!(asymmetric, expected);
    // The same key as PKCS#1 signs the same bytes.
    let pkcs1 = SnapBiCredentials::new(
        CLIENT_ID,
        key("merchant-test-private-key-pkcs1.pem"),
        CLIENT_SECRET,
        PARTNER_ID,
        CHANNEL_ID,
    );
    assert_eq!(pkcs1.access_token_signature(timestamp).unwrap(), expected);

    // Symmetric: HMAC-SHA512 over `POST:path:token:sha256(minified body):timestamp`.
    let body = br#"{"originalReferenceNo":"A1","serviceCode":"47"}"#;
    let text = string_to_sign(
        "POST",
        "/v1.0/qr/qr-mpm-query",
        Some(TOKEN),
        body,
        timestamp,
    );
    assert_eq!(
        text,
        format!(
            "POST:/v1.0/qr/qr-mpm-query:{TOKEN}:{}:{timestamp}",
            sha256_hex(body)
        )
    );
    let expected = openssl_base64(
        &["dgst", "-sha512", "-hmac", CLIENT_SECRET, "-binary"],
        text.as_bytes(),
    );
    assert_eq!(symmetric_signature(CLIENT_SECRET, &text), expected);
    // Midtrans's documented vector.
    assert_eq!(
        symmetric_signature(
            "fdppqbF5wq7vVegyvsV1CROMv646nJ7A",
            "POST:/v1.0/debit/payment-host-to-host:gp9HjjEj813Y9JGoqwOeOPWbnt4CupvIJbU1Mmu4a11MNDZ7Sg5u9a:56fa5f4999ad8014de49d7898c1d1d53472569db8999de3c1b752a0dd181e98c:2020-01-01T00:00:00+07:00"
        ),
        "FSlidRHe4ow9qppNifGVQNcdv67lBjgCiP0BHylh+IKXo4fs2rHaGsFNUY0N8t0rPlZs4iAHAOCDklnCccwuJw=="
    );
}

#[tokio::test]
async fn the_bytes_sent_are_the_bytes_signed_and_the_token_call_comes_first() {
    let mock = MockTransport::new();
    mock.push_json(200, token_answer(TOKEN, "900").as_str());
    mock.push_json(
        200,
        r#"{"responseCode":"2005100","responseMessage":"Successful","latestTransactionStatus":"00"}"#,
    );
    let client = client(mock.clone(), RetryPolicy::none());
    let answer = client
        .snap_bi()
        .qris_query(QrisQueryRequest::new("A1", "order-1", "M001234"))
        .device_id("device-7")
        .await
        .unwrap();
    assert_eq!(answer.outcome(), midtrans::types::PaymentOutcome::Paid);
    let requests = mock.requests();
    assert_eq!(requests.len(), 2);
    let (token_call, call) = (&requests[0], &requests[1]);

    // The access-token call: the SDKs' body, X-CLIENT-KEY, and an RSA signature openssl agrees
    // with over `client id|X-TIMESTAMP` as sent.
    assert_eq!(
        token_call.uri().to_string(),
        "https://merchants.sbx.midtrans.com/v1.0/access-token/b2b"
    );
    assert_eq!(token_call.body(), br#"{"grant_type":"client_credentials"}"#);
    assert_eq!(header(token_call, "x-client-key"), CLIENT_ID);
    assert!(token_call.headers().get(AUTHORIZATION).is_none());
    assert!(token_call.headers().get("x-external-id").is_none());
    let timestamp = header(token_call, "x-timestamp");
    assert!(
        chrono::DateTime::parse_from_rfc3339(timestamp).is_ok() && timestamp.ends_with("+07:00"),
        "{timestamp}"
    );
    let private_key = key_file("merchant-test-private-key.pem");
    let expected = openssl_base64(
        &["dgst", "-sha256", "-sign", private_key.to_str().unwrap()],
        format!("{CLIENT_ID}|{timestamp}").as_bytes(),
    );
    assert_eq!(header(token_call, "x-signature"), expected);

    // The call: bearer token, ids, and an HMAC openssl agrees with over the body bytes sent.
    assert_eq!(
        call.uri().to_string(),
        "https://merchants.sbx.midtrans.com/v1.0/qr/qr-mpm-query"
    );
    assert_eq!(header(call, "authorization"), format!("Bearer {TOKEN}"));
    assert_eq!(header(call, "x-partner-id"), PARTNER_ID);
    assert_eq!(header(call, "channel-id"), CHANNEL_ID);
    assert_eq!(header(call, "x-device-id"), "device-7");
    assert!(header(call, "x-external-id").starts_with("mt-"));
    let timestamp = header(call, "x-timestamp");
    let text = format!(
        "POST:/v1.0/qr/qr-mpm-query:{TOKEN}:{}:{timestamp}",
        sha256_hex(call.body())
    );
    let expected = openssl_base64(
        &["dgst", "-sha512", "-hmac", CLIENT_SECRET, "-binary"],
        text.as_bytes(),
    );
    assert_eq!(header(call, "x-signature"), expected);
    let sent: serde_json::Value = serde_json::from_slice(call.body()).unwrap();
    assert_eq!(sent["serviceCode"], "47");
}

#[tokio::test]
async fn an_untyped_body_is_sent_minified_so_that_what_is_signed_is_what_is_sent() {
    let mock = MockTransport::new();
    mock.push_json(200, token_answer(TOKEN, "900").as_str());
    mock.push_json(
        200,
        r#"{"responseCode":"2005500","responseMessage":"Successful"}"#,
    );
    let client = client(mock.clone(), RetryPolicy::none());
    let spaced = "{ \"originalReferenceNo\" : \"A 1\",\n  \"serviceCode\": \"54\" }";
    client.snap_bi().direct_debit_status(spaced).await.unwrap();
    let call = &mock.requests()[1];
    assert_eq!(
        call.body(),
        br#"{"originalReferenceNo":"A 1","serviceCode":"54"}"#
    );
}

/// A transport that answers the token call and payments, counting token calls, with an
/// optional delay so concurrent callers overlap.
#[derive(Debug, Default)]
struct Counting {
    token_calls: AtomicUsize,
    payments: AtomicUsize,
    /// Answers the next payments get (401 invalid token, …), in order; then success.
    scripted: Mutex<Vec<(u16, &'static str)>>,
    seen: Mutex<Vec<HttpRequest>>,
}

#[async_trait::async_trait]
impl Transport for Counting {
    async fn send(
        &self,
        request: HttpRequest,
        _timeout: Option<Duration>,
    ) -> Result<HttpResponse, TransportError> {
        let path = request.uri().path().to_owned();
        self.seen.lock().unwrap().push(request);
        let (status, body) = if path.ends_with("/access-token/b2b") {
            let n = self.token_calls.fetch_add(1, Ordering::SeqCst) + 1;
            tokio::time::sleep(Duration::from_millis(20)).await;
            (200, token_answer(&format!("TEST-token-{n}"), "900"))
        } else {
            self.payments.fetch_add(1, Ordering::SeqCst);
            let scripted = {
                let mut scripted = self.scripted.lock().unwrap();
                (!scripted.is_empty()).then(|| scripted.remove(0))
            };
            match scripted {
                Some((status, body)) => (status, body.to_owned()),
                None => (
                    200,
                    r#"{"responseCode":"2005400","responseMessage":"Successful","referenceNo":"A1","webRedirectUrl":"https://pay.example/A1"}"#.to_owned(),
                ),
            }
        };
        Ok(http::Response::builder()
            .status(status)
            .header("content-type", "application/json")
            .body(body.into_bytes())
            .unwrap())
    }
}

fn payment(order: &str) -> DirectDebitPaymentRequest {
    DirectDebitPaymentRequest::new(order, PayOptionDetail::gopay(Idr::new(15_000)))
}

#[tokio::test]
async fn a_burst_of_100_calls_on_a_cold_client_fetches_exactly_one_token() {
    let transport = Arc::new(Counting::default());
    let client = shared(transport.clone(), RetryPolicy::none());
    let calls = (0..100).map(|n| {
        let client = client.clone();
        tokio::spawn(async move {
            client
                .snap_bi()
                .direct_debit_payment(payment(&format!("burst-{n}")))
                .await
        })
    });
    for call in futures_join(calls).await {
        call.unwrap().unwrap();
    }
    assert_eq!(transport.token_calls.load(Ordering::SeqCst), 1);
    assert_eq!(transport.payments.load(Ordering::SeqCst), 100);
    // Every call carried the one token, and an external id of its own.
    let seen = transport.seen.lock().unwrap();
    let ids: std::collections::HashSet<&str> = seen
        .iter()
        .filter(|r| !r.uri().path().ends_with("/b2b"))
        .map(|r| {
            assert_eq!(header(r, "authorization"), "Bearer TEST-token-1");
            header(r, "x-external-id")
        })
        .collect();
    assert_eq!(ids.len(), 100);
}

async fn futures_join<T>(
    handles: impl Iterator<Item = tokio::task::JoinHandle<T>>,
) -> Vec<Result<T, tokio::task::JoinError>> {
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await);
    }
    out
}

#[tokio::test]
async fn an_expired_token_answered_401_is_replaced_once_and_the_call_sent_again() {
    let transport = Arc::new(Counting::default());
    transport.scripted.lock().unwrap().push((
        401,
        r#"{"responseCode":"4015401","responseMessage":"Invalid Token (B2B)"}"#,
    ));
    let client = shared(transport.clone(), RetryPolicy::none());
    let answer = client
        .snap_bi()
        .direct_debit_payment(payment("expired-1"))
        .external_id("pay-expired-1")
        .await
        .unwrap();
    assert_eq!(answer.reference_no.as_deref(), Some("A1"));
    assert_eq!(transport.token_calls.load(Ordering::SeqCst), 2);
    {
        let seen = transport.seen.lock().unwrap();
        let payments: Vec<&HttpRequest> = seen
            .iter()
            .filter(|r| !r.uri().path().ends_with("/b2b"))
            .collect();
        assert_eq!(payments.len(), 2);
        assert_eq!(header(payments[0], "authorization"), "Bearer TEST-token-1");
        assert_eq!(header(payments[1], "authorization"), "Bearer TEST-token-2");
        // The same payment: the same external id.
        assert_eq!(header(payments[0], "x-external-id"), "pay-expired-1");
        assert_eq!(header(payments[1], "x-external-id"), "pay-expired-1");
    }

    // Refused twice: replaced once only, and the refusal is the answer.
    transport.scripted.lock().unwrap().extend([
        (
            401,
            r#"{"responseCode":"4015401","responseMessage":"Invalid Token (B2B)"}"#,
        ),
        (
            401,
            r#"{"responseCode":"4015401","responseMessage":"Invalid Token (B2B)"}"#,
        ),
    ]);
    match client
        .snap_bi()
        .direct_debit_payment(payment("expired-2"))
        .await
    {
        Err(Error::Api(api)) => {
            assert_eq!(api.http_status(), 401);
            assert_eq!(api.response_code().unwrap().as_str(), "4015401");
            assert!(api.to_string().contains("Invalid Token (B2B)"), "{api}");
        }
        other => panic!("expected the 401: {other:?}"),
    }
    assert_eq!(transport.token_calls.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_failed_token_call_is_its_own_error_and_the_payment_is_not_sent() {
    let mock = MockTransport::new();
    mock.push_json(
        500,
        r#"{"responseCode":"5007300","responseMessage":"Internal Server Error","referenceNo":"19352694"}"#,
    );
    let client = client(mock.clone(), RetryPolicy::none());
    match client
        .snap_bi()
        .direct_debit_payment(payment("no-token"))
        .await
    {
        Err(Error::AccessToken(inner)) => match *inner {
            Error::Api(api) => {
                assert_eq!(api.response_code().unwrap().service_code(), Some("73"));
            }
            other => panic!("the token call's error: {other:?}"),
        },
        other => panic!("expected an access-token error: {other:?}"),
    }
    // Only the token call went out.
    assert_eq!(mock.requests().len(), 1);
    // A 2xx answer without a token is refused too.
    mock.push_json(
        200,
        r#"{"responseCode":"2007300","responseMessage":"Successful"}"#,
    );
    let err = client
        .snap_bi()
        .direct_debit_payment(payment("no-token-2"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::AccessToken(_)), "{err:?}");
}

#[tokio::test]
async fn an_error_answer_is_an_api_error_with_its_response_code() {
    let mock = MockTransport::new();
    mock.push_json(200, token_answer(TOKEN, "900").as_str());
    mock.push_json(
        403,
        r#"{"responseCode":"4035414","responseMessage":"Insufficient Funds"}"#,
    );
    let client = client(mock.clone(), RetryPolicy::none());
    let err = client
        .snap_bi()
        .direct_debit_payment(payment("poor-1"))
        .await
        .unwrap_err();
    let Error::Api(api) = err else {
        panic!("expected an API error: {err:?}")
    };
    assert_eq!(api.code(), 403);
    let code = api.response_code().unwrap();
    assert_eq!(
        (code.service_code(), code.case_code()),
        (Some("54"), Some("14"))
    );
    assert!(api.to_string().contains("Insufficient Funds"), "{api}");
    // A 2xx HTTP status with an error responseCode is an error too.
    mock.push_json(
        200,
        r#"{"responseCode":"4045501","responseMessage":"Transaction Not Found"}"#,
    );
    let err = client
        .snap_bi()
        .direct_debit_status(
            midtrans::types::snap_bi::DirectDebitStatusRequest::by_reference_no("A404"),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Api(api) if api.code() == 404),
        "{err:?}"
    );
}

#[tokio::test]
async fn the_external_id_is_the_body_s_id_where_midtrans_wants_it_and_one_per_call_elsewhere() {
    let mock = MockTransport::new();
    mock.push_json(200, token_answer(TOKEN, "900").as_str());
    mock.push_json(
        200,
        r#"{"responseCode":"2002700","responseMessage":"Successful"}"#,
    );
    mock.push_json(
        200,
        r#"{"responseCode":"2005400","responseMessage":"Successful"}"#,
    );
    mock.push_json(
        200,
        r#"{"responseCode":"2005400","responseMessage":"Successful"}"#,
    );
    let client = client(mock.clone(), RetryPolicy::none());
    let va = VaCreateRequest::new("1234", "564902", "trx-101", Idr::new(15_000))
        .virtual_account_name("Budi")
        .bank("M001234", "bca");
    client.snap_bi().va_create(&va).await.unwrap();
    client
        .snap_bi()
        .direct_debit_payment(payment("a"))
        .await
        .unwrap();
    client
        .snap_bi()
        .direct_debit_payment(payment("b"))
        .await
        .unwrap();
    let requests = mock.requests();
    assert_eq!(header(&requests[1], "x-external-id"), "trx-101");
    let (a, b) = (
        header(&requests[2], "x-external-id"),
        header(&requests[3], "x-external-id"),
    );
    assert_ne!(a, b, "a later call never reuses an earlier call's id");
    // Account linking, which Midtrans does not deduplicate, still carries one, and is not
    // repeated once it may have been sent.
    let linking = MockTransport::new();
    linking.push_json(200, token_answer(TOKEN, "900").as_str());
    linking.push_error(midtrans::TransportErrorKind::Io);
    let retrying = RetryPolicy::with_retries(3).delays(
        Duration::from_millis(1),
        Duration::from_millis(2),
        Duration::from_secs(5),
    );
    let linker = shared(Arc::new(linking.clone()), retrying);
    let err = linker
        .snap_bi()
        .account_binding(midtrans::types::snap_bi::AccountBindingRequest::new(
            "handle", "code",
        ))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    let sent = linking.requests();
    assert_eq!(sent.len(), 2, "the token call and one attempt");
    assert!(header(&sent[1], "x-external-id").starts_with("mt-"));
    // A given id that is too long is refused before anything is sent.
    let err = client
        .snap_bi()
        .direct_debit_payment(payment("c"))
        .external_id("x".repeat(37))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    // An invalid typed request is refused before the token call.
    let err = client
        .snap_bi()
        .qris_generate(midtrans::types::snap_bi::QrisGenerateRequest::new(
            "order 1",
            Idr::new(1),
        ))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert_eq!(mock.requests().len(), 4);
}

#[tokio::test]
async fn a_payment_retried_after_a_lost_answer_keeps_its_external_id() {
    let mock = MockTransport::new();
    mock.push_json(200, token_answer(TOKEN, "900").as_str());
    mock.push_json(
        503,
        r#"{"responseCode":"5035400","responseMessage":"Unavailable"}"#,
    );
    mock.push_json(
        200,
        r#"{"responseCode":"2005400","responseMessage":"Successful"}"#,
    );
    let policy = RetryPolicy::with_retries(2).delays(
        Duration::from_millis(1),
        Duration::from_millis(2),
        Duration::from_secs(5),
    );
    let client = client(mock.clone(), policy);
    client
        .snap_bi()
        .direct_debit_payment(payment("retry-1"))
        .await
        .unwrap();
    let requests = mock.requests();
    assert_eq!(requests.len(), 3, "one token call, two attempts");
    assert_eq!(
        header(&requests[1], "x-external-id"),
        header(&requests[2], "x-external-id")
    );
    // Each attempt is signed afresh with its own timestamp: both verify.
    for attempt in &requests[1..] {
        let text = format!(
            "POST:/v1.0/debit/payment-host-to-host:{TOKEN}:{}:{}",
            sha256_hex(attempt.body()),
            header(attempt, "x-timestamp")
        );
        assert_eq!(
            header(attempt, "x-signature"),
            symmetric_signature(CLIENT_SECRET, &text)
        );
    }
}

/// A notification signed as Midtrans signs it, with the simulator's test key, by openssl.
fn signed_notification(path: &str, body: &str, timestamp: &str) -> http::HeaderMap {
    let text = format!("POST:{path}:{}:{timestamp}", sha256_hex(body.as_bytes()));
    let private_key = key_file("simulator-test-private-key.pem");
    let signature = openssl_base64(
        &["dgst", "-sha256", "-sign", private_key.to_str().unwrap()],
        text.as_bytes(),
    );
    let mut headers = http::HeaderMap::new();
    headers.insert("x-timestamp", timestamp.parse().unwrap());
    headers.insert("x-signature", signature.parse().unwrap());
    headers.insert("x-external-id", "notify-1".parse().unwrap());
    headers
}

#[test]
fn a_notification_verifies_only_as_signed_and_any_changed_byte_is_refused() {
    let client = client(MockTransport::new(), RetryPolicy::none());
    let path = "/v1.0/debit/notify";
    let body = r#"{"originalReferenceNo":"A1","latestTransactionStatus":"00","amount":{"value":"10.00","currency":"IDR"}}"#;
    let timestamp = "2026-12-01T10:00:00+07:00";
    let headers = signed_notification(path, body, timestamp);
    let verified = client
        .snap_bi()
        .verify_notification::<PaymentNotification>(path, &headers, body.as_bytes())
        .unwrap();
    assert_eq!(verified.original_reference_no.as_deref(), Some("A1"));
    assert_eq!(verified.external_id(), Some("notify-1"));
    // The received bytes are minified before hashing: Midtrans's pretty-printed body verifies.
    let pretty = body
        .replace(",\"", ",\n  \"")
        .replace("\":", "\": ")
        .replace('{', "{\n  ");
    assert_ne!(pretty, body);
    client
        .snap_bi()
        .verify_notification::<PaymentNotification>(path, &headers, pretty.as_bytes())
        .unwrap();
    // Every byte of the body changed, one at a time: refused.
    let refused = |headers: &http::HeaderMap, path: &str, body: &[u8]| {
        matches!(
            client
                .snap_bi()
                .verify_notification::<serde_json::Value>(path, headers, body),
            Err(Error::Signature(_))
        )
    };
    for at in 0..body.len() {
        let mut changed = body.as_bytes().to_vec();
        changed[at] = if changed[at] == b'0' { b'1' } else { b'0' };
        assert!(refused(&headers, path, &changed), "byte {at} changed");
    }
    // The path, the timestamp, the signature: refused.
    assert!(refused(&headers, "/v1.0/qr/qr-mpm-notify", body.as_bytes()));
    let mut retimed = headers.clone();
    retimed.insert("x-timestamp", "2026-12-01T10:00:01+07:00".parse().unwrap());
    assert!(refused(&retimed, path, body.as_bytes()));
    let signature = header_text(&headers, "x-signature");
    for at in [0, signature.len() / 2, signature.len() - 3] {
        let mut forged = signature.clone().into_bytes();
        forged[at] = if forged[at] == b'A' { b'B' } else { b'A' };
        let mut headers = headers.clone();
        headers.insert(
            "x-signature",
            String::from_utf8(forged).unwrap().parse().unwrap(),
        );
        assert!(
            refused(&headers, path, body.as_bytes()),
            "signature byte {at}"
        );
    }
    let mut unsigned = headers.clone();
    unsigned.remove("x-signature");
    assert!(matches!(
        client.snap_bi().verify_notification::<PaymentNotification>(
            path,
            &unsigned,
            body.as_bytes()
        ),
        Err(Error::Signature(midtrans::SignatureError::MissingHeader(
            "x-signature"
        )))
    ));
}

fn header_text(headers: &http::HeaderMap, name: &str) -> String {
    headers.get(name).unwrap().to_str().unwrap().to_owned()
}

#[test]
fn a_stale_notification_is_refused_only_when_a_tolerance_is_set() {
    let path = "/v1.0/qr/qr-mpm-notify";
    let body = r#"{"originalReferenceNo":"A2","latestTransactionStatus":"00"}"#;
    let old = "2020-01-01T00:00:00+07:00";
    let headers = signed_notification(path, body, old);
    // Off by default: Midtrans retries deliveries for hours with their first timestamp.
    let client = client(MockTransport::new(), RetryPolicy::none());
    client
        .snap_bi()
        .verify_notification::<PaymentNotification>(path, &headers, body.as_bytes())
        .unwrap();
    let strict = Client::builder()
        .server_key("SB-Mid-server-TEST")
        .snap_bi(credentials().notification_max_age(Duration::from_secs(300)))
        .transport(MockTransport::new())
        .build()
        .unwrap();
    assert!(matches!(
        strict.snap_bi().verify_notification::<PaymentNotification>(
            path,
            &headers,
            body.as_bytes()
        ),
        Err(Error::Signature(midtrans::SignatureError::Stale))
    ));
    let now = midtrans_now();
    let fresh = signed_notification(path, body, &now);
    strict
        .snap_bi()
        .verify_notification::<PaymentNotification>(path, &fresh, body.as_bytes())
        .unwrap();
}

/// Now in Jakarta time, as Midtrans writes `X-TIMESTAMP`.
fn midtrans_now() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    chrono::DateTime::from_timestamp(i64::try_from(now).unwrap(), 0)
        .unwrap()
        .with_timezone(&chrono::FixedOffset::east_opt(7 * 3600).unwrap())
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

#[test]
fn credentials_and_keys_never_show_and_bad_keys_say_why() {
    let client = client(MockTransport::new(), RetryPolicy::none());
    let shown = format!("{client:?} {:?}", credentials());
    let private = key("merchant-test-private-key.pem");
    let middle = &private[100..140];
    for secret in [CLIENT_SECRET, middle] {
        assert!(!shown.contains(secret), "{secret} shown: {shown}");
    }
    for (pem, why) in [
        ("not a key", "PEM"),
        (key("merchant-test-public-key.pem").as_str(), "PEM"),
    ] {
        let err = Client::builder()
            .server_key("SB-Mid-server-TEST")
            .snap_bi(SnapBiCredentials::new(
                CLIENT_ID,
                pem,
                CLIENT_SECRET,
                PARTNER_ID,
                CHANNEL_ID,
            ))
            .transport(MockTransport::new())
            .build()
            .unwrap_err();
        let text = err.to_string();
        assert!(
            matches!(err, midtrans::ConfigError::InvalidSnapBiKey(_)),
            "{text}"
        );
        assert!(text.contains(why), "{text}");
        assert!(!text.contains("BEGIN"), "{text}");
    }
    let err = Client::builder()
        .server_key("SB-Mid-server-TEST")
        .snap_bi(credentials().midtrans_public_key("garbage"))
        .transport(MockTransport::new())
        .build()
        .unwrap_err();
    assert!(matches!(err, midtrans::ConfigError::InvalidSnapBiKey(_)));
    // Without credentials a SNAP-BI call is a configuration error, nothing sent.
    let mock = MockTransport::new();
    let plain = Client::builder()
        .server_key("SB-Mid-server-TEST")
        .transport(mock.clone())
        .build()
        .unwrap();
    let err = plain_call(&plain);
    assert!(
        matches!(err, Error::Config(midtrans::ConfigError::MissingSnapBi)),
        "{err:?}"
    );
    assert!(mock.requests().is_empty());
}

fn plain_call(client: &Client) -> Error {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(client.snap_bi().direct_debit_payment(payment("x")).send())
        .unwrap_err()
}

#[tokio::test]
async fn an_error_body_echoing_the_client_secret_is_scrubbed() {
    let mock = MockTransport::new();
    mock.push_json(200, token_answer(TOKEN, "900").as_str());
    mock.push_json(
        400,
        format!(r#"{{"responseCode":"4005402","responseMessage":"bad secret {CLIENT_SECRET}"}}"#)
            .as_str(),
    );
    let client = client(mock.clone(), RetryPolicy::none());
    let err = client
        .snap_bi()
        .direct_debit_payment(payment("echo"))
        .await
        .unwrap_err();
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(CLIENT_SECRET), "{shown}");
}

#[cfg(feature = "axum")]
#[tokio::test]
async fn the_axum_extractor_verifies_over_the_request_path_and_refuses_a_forgery() {
    use axum::extract::FromRequest;
    use midtrans::snap_bi::SnapBiNotification;
    let client = client(MockTransport::new(), RetryPolicy::none());
    let path = "/v1.0/debit/notify";
    let body = r#"{"originalReferenceNo":"A3","latestTransactionStatus":"00"}"#;
    let headers = signed_notification(path, body, "2026-12-01T10:00:00+07:00");
    let request = |uri: &str, body: &str| {
        let mut request = axum::http::Request::builder()
            .method("POST")
            .uri(uri)
            .body(axum::body::Body::from(body.to_owned()))
            .unwrap();
        *request.headers_mut() = headers.clone();
        request
    };
    let verified =
        SnapBiNotification::<PaymentNotification>::from_request(request(path, body), &client)
            .await
            .unwrap();
    assert_eq!(verified.original_reference_no.as_deref(), Some("A3"));
    for (uri, body) in [
        ("/v1.0/qr/qr-mpm-notify", body.to_owned()),
        (path, body.replace("\"00\"", "\"06\"")),
    ] {
        let refused =
            SnapBiNotification::<PaymentNotification>::from_request(request(uri, &body), &client)
                .await
                .unwrap_err();
        assert_eq!(refused.status(), 401, "{uri} {body}");
    }
    let malformed = signed_notification(path, "[1]", "2026-12-01T10:00:00+07:00");
    let mut bad = request(path, "[1]");
    *bad.headers_mut() = malformed;
    let refused = SnapBiNotification::<PaymentNotification>::from_request(bad, &client)
        .await
        .unwrap_err();
    assert_eq!(refused.status(), 400);
}
