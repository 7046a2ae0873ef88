//! The simulator's own behaviour: the binary, the control API over HTTP, faults, bounded state,
//! and idempotency while a call is still being processed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use midtrans::types::charge::{BankTransfer, ChargeRequest};
use midtrans::types::{Idr, TransactionDetails, TransactionStatus};
use midtrans::{Client, Environment, Error, TransportErrorKind};
use midtrans_mock::{Faults, MockConfig, MockServer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const KEY: &str = "SB-Mid-server-MOCKTEST";

async fn start(config: MockConfig) -> (MockServer, Client) {
    let mock = MockServer::start(config.server_key(KEY)).await.unwrap();
    let client = Client::builder()
        .environment(Environment::custom(mock.core_url(), mock.snap_url()).unwrap())
        .server_key(KEY)
        .build()
        .unwrap();
    (mock, client)
}

fn charge(order_id: &str) -> ChargeRequest {
    ChargeRequest::builder(
        TransactionDetails::new(order_id, Idr::new(10_000)),
        BankTransfer::bca(),
    )
    .build()
    .unwrap()
}

/// A raw HTTP/1.1 POST to the control API; returns (status, body).
async fn post(base: &str, path: &str, body: &str) -> (u16, String) {
    let (status, _, body) = request(base, "POST", path, "application/json", body).await;
    (status, body)
}

#[test]
fn the_binary_prints_its_urls_when_ready() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_midtrans-mock"))
        .args([
            "--port",
            "0",
            "--server-key",
            KEY,
            "--client-key",
            "SB-Mid-client-X",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let ready = lines.next().unwrap().unwrap();
    let core = lines.next().unwrap().unwrap();
    let snap = lines.next().unwrap().unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(ready, "midtrans-mock ready");
    let core = core
        .strip_prefix("core: http://127.0.0.1:")
        .expect("binds loopback");
    assert!(core.parse::<u16>().is_ok(), "{core}");
    assert!(
        snap.starts_with("snap: http://127.0.0.1:") && snap.ends_with("/snap/v1"),
        "{snap}"
    );

    let bad = Command::new(env!("CARGO_BIN_EXE_midtrans-mock"))
        .args(["--port", "x"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[tokio::test]
async fn control_api_over_http() {
    let (mock, client) = start(MockConfig::default()).await;
    client.core().charge(&charge("ctl-1")).send().await.unwrap();
    let (status, body) = post(&mock.core_url(), "/_mock/orders/ctl-1/pay", "").await;
    assert_eq!(status, 200, "{body}");
    let answer: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["transaction_status"], "settlement");
    let (status, body) = post(&mock.core_url(), "/_mock/orders/ctl-1/expire", "").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("\"412\""),
        "settled orders do not expire: {body}"
    );
    client.core().charge(&charge("ctl-2")).send().await.unwrap();
    post(&mock.core_url(), "/_mock/orders/ctl-2/expire", "").await;
    let status = client.transactions().status("ctl-2").send().await.unwrap();
    assert_eq!(status.transaction_status, Some(TransactionStatus::Expire));
    let (code, _) = post(&mock.core_url(), "/_mock/faults", r#"{"error_rate":1.0}"#).await;
    assert_eq!(code, 200);
    let err = client
        .transactions()
        .status("ctl-2")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.as_api().unwrap().http_status(), 500);
}

#[tokio::test]
async fn faults_error_latency_and_dropped_connections() {
    let (mock, client) = start(MockConfig::default()).await;

    mock.set_faults(Faults {
        error_rate: 1.0,
        ..Faults::default()
    });
    let err = client
        .core()
        .charge(&charge("fault-1"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.as_api().unwrap().code(), 500);
    mock.set_faults(Faults::default());
    // The failed call changed nothing: the order id is still free.
    client
        .core()
        .charge(&charge("fault-1"))
        .send()
        .await
        .unwrap();

    // Dropped after the state change. Tried once, the client sees a transport error that says
    // the outcome is unknown and names its key; the charge exists.
    mock.set_faults(Faults {
        drop_rate: 1.0,
        ..Faults::default()
    });
    let err = client
        .core()
        .charge(&charge("fault-2"))
        .idempotency_key("fault-2-key")
        .retry_policy(midtrans::RetryPolicy::none())
        .send()
        .await
        .unwrap_err();
    let Error::Transport(transport) = &err else {
        panic!("{err:?}")
    };
    assert!(transport.maybe_sent());
    assert_ne!(transport.kind(), TransportErrorKind::Connect);
    assert!(err.outcome_unknown());
    assert_eq!(err.idempotency_key(), Some("fault-2-key"));
    // Resending with the same key learns the outcome without charging twice.
    let replay = client
        .core()
        .charge(&charge("fault-2"))
        .idempotency_key("fault-2-key")
        .send()
        .await
        .unwrap();
    assert_eq!(replay.transaction_status, Some(TransactionStatus::Pending));
    // With the default policy the client does that by itself: one attempt is dropped, the
    // retry (same generated key) is answered from the idempotency store.
    let recovered = client
        .core()
        .charge(&charge("fault-3"))
        .send()
        .await
        .unwrap();
    mock.set_faults(Faults::default());
    let status = client
        .transactions()
        .status("fault-3")
        .send()
        .await
        .unwrap();
    assert_eq!(status.transaction_id, recovered.transaction_id);

    mock.set_faults(Faults {
        latency: Duration::from_millis(300),
        ..Faults::default()
    });
    let started = std::time::Instant::now();
    client
        .transactions()
        .status("fault-2")
        .send()
        .await
        .unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));
    let err = client
        .transactions()
        .status("fault-2")
        .timeout(Duration::from_millis(100))
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Transport(t) if t.kind() == TransportErrorKind::Timeout),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_retry_while_the_first_call_runs_gets_http_202() {
    let (mock, client) = start(MockConfig::default()).await;
    mock.set_faults(Faults {
        latency: Duration::from_millis(400),
        ..Faults::default()
    });
    let first = {
        let client = client.clone();
        tokio::spawn(async move {
            client
                .core()
                .charge(&charge("idem-1"))
                .idempotency_key("key-202")
                .send()
                .await
        })
    };
    tokio::time::sleep(Duration::from_millis(100)).await;
    // Tried once, the repeat is an in-progress error whose outcome is unknown.
    let busy = client
        .core()
        .charge(&charge("idem-1"))
        .idempotency_key("key-202")
        .retry_policy(midtrans::RetryPolicy::none())
        .send()
        .await
        .unwrap_err();
    assert!(busy.as_api().unwrap().is_in_progress(), "{busy:?}");
    assert!(busy.outcome_unknown());
    // With retries, the repeat polls until the first call's answer is stored, and gets it.
    let second = client
        .core()
        .charge(&charge("idem-1"))
        .idempotency_key("key-202")
        .send()
        .await
        .unwrap();
    let first = first.await.unwrap().unwrap();
    assert_eq!(second.transaction_id, first.transaction_id);
    mock.set_faults(Faults::default());
    let replay = client
        .core()
        .charge(&charge("another-order"))
        .idempotency_key("key-202")
        .send()
        .await
        .unwrap();
    assert_eq!(replay.transaction_id, first.transaction_id);
    // Keys longer than 46 characters are ignored, as Midtrans ignores them.
    let long = "k".repeat(47);
    let raw = client
        .raw(
            midtrans::http::Method::POST,
            midtrans::Host::Core,
            "/v2/charge",
            Some(serde_json::to_value(charge("long-1")).unwrap()),
        )
        .header("Idempotency-Key", long.clone())
        .send_value()
        .await
        .unwrap();
    let again = client
        .raw(
            midtrans::http::Method::POST,
            midtrans::Host::Core,
            "/v2/charge",
            Some(serde_json::to_value(charge("long-1")).unwrap()),
        )
        .header("Idempotency-Key", long)
        .send()
        .await
        .unwrap_err();
    assert!(raw["transaction_id"].is_string());
    assert!(again.as_api().unwrap().is_duplicate());
}

#[tokio::test]
async fn state_is_bounded() {
    let (_mock, client) = start(MockConfig::default().max_orders(3)).await;
    for i in 0..5 {
        client
            .core()
            .charge(&charge(&format!("bounded-{i}")))
            .send()
            .await
            .unwrap();
    }
    for i in 0..2 {
        let err = client
            .transactions()
            .status(&format!("bounded-{i}"))
            .send()
            .await
            .unwrap_err();
        assert!(
            err.as_api().unwrap().is_not_found(),
            "bounded-{i} was forgotten"
        );
    }
    for i in 2..5 {
        client
            .transactions()
            .status(&format!("bounded-{i}"))
            .send()
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn concurrent_charges_of_one_order_id_create_one_transaction() {
    let (_mock, client) = start(MockConfig::default()).await;
    let mut handles = Vec::new();
    for _ in 0..16 {
        let client = client.clone();
        handles.push(tokio::spawn(async move {
            client.core().charge(&charge("race-1")).send().await
        }));
    }
    let mut created = 0;
    for handle in handles {
        match handle.await.unwrap() {
            Ok(_) => created += 1,
            Err(err) => assert!(err.as_api().unwrap().is_duplicate(), "{err:?}"),
        }
    }
    assert_eq!(created, 1);
}

/// A raw HTTP/1.1 request; returns (status, lower-cased head, body).
async fn request(
    base: &str,
    method: &str,
    path: &str,
    content_type: &str,
    body: &str,
) -> (u16, String, String) {
    let host = base.strip_prefix("http://").unwrap();
    let mut socket = tokio::net::TcpStream::connect(host).await.unwrap();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    socket.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    socket.read_to_string(&mut answer).await.unwrap();
    let status = answer.get(9..12).unwrap().parse().unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    (status, head.to_ascii_lowercase(), body.to_owned())
}

/// A browser's request: a GET, or a form POST.
async fn browse(base: &str, method: &str, path: &str, form: &str) -> (u16, String, String) {
    request(
        base,
        method,
        path,
        "application/x-www-form-urlencoded",
        form,
    )
    .await
}

#[tokio::test]
async fn browser_scripts_card_token_and_three_d_secure() {
    let (mock, client) = start(MockConfig::default()).await;
    let core = mock.core_url();

    for (url, global) in [
        (mock.snap_js_url(), "window.snap = "),
        (mock.card_js_url(), "window.MidtransNew3ds = "),
    ] {
        let path = url.strip_prefix(&core).unwrap();
        let (status, head, body) = browse(&core, "GET", path, "").await;
        assert_eq!(status, 200, "{url}");
        assert!(
            head.contains("content-type: application/javascript"),
            "{head}"
        );
        assert!(body.contains(global), "{url}");
    }

    // The card script asks for a token from the merchant's page: another origin.
    let (status, head, body) = browse(
        &core,
        "GET",
        "/v2/token?client_key=SB-Mid-client-MOCK&card_number=4811111111111114&card_exp_month=12&card_exp_year=2030&card_cvv=123",
        "",
    )
    .await;
    assert_eq!(status, 200);
    assert!(head.contains("access-control-allow-origin: *"), "{head}");
    let token: serde_json::Value = serde_json::from_str(&body).unwrap();
    let token_id = token["token_id"].as_str().unwrap().to_owned();

    let charge_3ds = |order_id: &str| {
        serde_json::json!({
            "payment_type": "credit_card",
            "transaction_details": {"order_id": order_id, "gross_amount": 25000},
            "credit_card": {"token_id": token_id, "authentication": true},
        })
    };
    let mut redirects = Vec::new();
    for order_id in ["3ds-ok", "3ds-wrong-otp"] {
        let charged = client
            .raw(
                http::Method::POST,
                midtrans::Host::Core,
                "/v2/charge",
                Some(charge_3ds(order_id)),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(charged["transaction_status"], "pending");
        redirects.push(
            charged["redirect_url"]
                .as_str()
                .unwrap()
                .strip_prefix(&core)
                .unwrap()
                .to_owned(),
        );
    }

    let (status, _, page) = browse(&core, "GET", &redirects[0], "").await;
    assert_eq!(status, 200);
    assert!(page.contains("id=\"otp\""), "{page}");
    let (_, _, done) = browse(&core, "POST", &redirects[0], "otp=112233").await;
    assert!(done.contains("midtrans-mock-3ds"), "{done}");
    assert!(!done.contains("signature_key"), "{done}");
    let status = client.transactions().status("3ds-ok").send().await.unwrap();
    assert_eq!(status.transaction_status, Some(TransactionStatus::Capture));
    // Authenticated once: the page no longer asks.
    let (_, _, again) = browse(&core, "GET", &redirects[0], "").await;
    assert!(!again.contains("id=\"otp\""), "{again}");

    browse(&core, "POST", &redirects[1], "otp=000000").await;
    let status = client
        .transactions()
        .status("3ds-wrong-otp")
        .send()
        .await
        .unwrap();
    assert_eq!(status.transaction_status, Some(TransactionStatus::Deny));
}

#[tokio::test]
async fn duplicate_notification_fault_delivers_copies() {
    let received = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/notify", listener.local_addr().unwrap());
    let log = received.clone();
    let app = axum::Router::new().route(
        "/notify",
        axum::routing::post(move |body: String| {
            let log = log.clone();
            async move {
                log.lock().unwrap().push(body);
                "ok"
            }
        }),
    );
    tokio::spawn(async move { axum::serve(listener, app).await });
    let (mock, client) = start(MockConfig::default().notification_url(url)).await;
    mock.set_faults(Faults {
        duplicate_notifications: 2,
        ..Faults::default()
    });
    client.core().charge(&charge("dup-1")).send().await.unwrap();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while received.lock().unwrap().len() < 3 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // Give a fourth copy, if one were sent, the time to arrive.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let received = received.lock().unwrap().clone();
    assert_eq!(received.len(), 3, "{received:?}");
    assert!(received.iter().all(|body| body == &received[0]));
}

/// Midtrans writes `status_code` and `status_message` first in its answers; the simulator does
/// too, on success and on error, so clients that stop reading at `status_code` meet it early.
#[tokio::test]
async fn answers_lead_with_status_code_and_status_message() {
    let (mock, _) = start(MockConfig::default()).await;
    let http = reqwest::Client::new();
    let text = |request: reqwest::RequestBuilder| async move {
        let answer = request.basic_auth(KEY, Some("")).send().await.unwrap();
        answer.text().await.unwrap()
    };
    let charge = text(
        http.post(format!("{}/v2/charge", mock.core_url()))
            .header("content-type", "application/json")
            .body(r#"{"payment_type":"bank_transfer","transaction_details":{"order_id":"order-lead-1","gross_amount":10000},"bank_transfer":{"bank":"bca"}}"#),
    )
    .await;
    assert!(
        charge.starts_with(r#"{"status_code":"201","status_message":"Success, Bank Transfer"#),
        "{charge}"
    );
    let missing = text(http.get(format!("{}/v2/order-lead-none/status", mock.core_url()))).await;
    assert!(
        missing.starts_with(r#"{"status_code":"404","status_message":""#),
        "{missing}"
    );
    // The other keys are all still there.
    let value: serde_json::Value = serde_json::from_str(&charge).unwrap();
    assert_eq!(value["order_id"], "order-lead-1");
    assert_eq!(value["va_numbers"][0]["bank"], "bca");
}
