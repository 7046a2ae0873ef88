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
    client.core().charge(charge("ctl-1")).send().await.unwrap();
    let control = |what: &str| format!("{}/_mock/{what}", mock.core_url());
    let paid = page(&control("orders/ctl-1/pay"), Some("")).await;
    assert_eq!(paid.status, 200, "{}", paid.text());
    assert_eq!(paid.json()["transaction_status"], "settlement");
    let expired = page(&control("orders/ctl-1/expire"), Some("")).await;
    assert_eq!(expired.status, 200);
    assert!(
        expired.text().contains("\"412\""),
        "settled orders do not expire: {}",
        expired.text()
    );
    client.core().charge(charge("ctl-2")).send().await.unwrap();
    page(&control("orders/ctl-2/expire"), Some("")).await;
    let status = client.transactions().status("ctl-2").send().await.unwrap();
    assert_eq!(status.transaction_status, Some(TransactionStatus::Expire));
    let faults = page(&control("faults"), Some(r#"{"error_rate":1.0}"#)).await;
    assert_eq!(faults.status, 200);
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
        .charge(charge("fault-1"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.as_api().unwrap().code(), 500);
    mock.set_faults(Faults::default());
    // The failed call changed nothing: the order id is still free.
    client
        .core()
        .charge(charge("fault-1"))
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
        .charge(charge("fault-2"))
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
        .charge(charge("fault-2"))
        .idempotency_key("fault-2-key")
        .send()
        .await
        .unwrap();
    assert_eq!(replay.transaction_status, Some(TransactionStatus::Pending));
    // With the default policy the client does that by itself: one attempt is dropped, the
    // retry (same generated key) is answered from the idempotency store.
    let recovered = client
        .core()
        .charge(charge("fault-3"))
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
                .charge(charge("idem-1"))
                .idempotency_key("key-202")
                .send()
                .await
        })
    };
    tokio::time::sleep(Duration::from_millis(100)).await;
    // Tried once, the repeat is an in-progress error whose outcome is unknown.
    let busy = client
        .core()
        .charge(charge("idem-1"))
        .idempotency_key("key-202")
        .retry_policy(midtrans::RetryPolicy::none())
        .send()
        .await
        .unwrap_err();
    assert!(busy.as_api().unwrap().is_in_progress(), "{busy:?}");
    assert!(busy.outcome_unknown());
    // With retries, the repeat polls until the first call's answer is stored, and gets it.
    // Enough of them that jittered waits, however short, outlast the first call's 400 ms.
    let second = client
        .core()
        .charge(charge("idem-1"))
        .idempotency_key("key-202")
        .retry_policy(midtrans::RetryPolicy::with_retries(20))
        .send()
        .await
        .unwrap();
    let first = first.await.unwrap().unwrap();
    assert_eq!(second.transaction_id, first.transaction_id);
    mock.set_faults(Faults::default());
    let replay = client
        .core()
        .charge(charge("another-order"))
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
            .charge(charge(&format!("bounded-{i}")))
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
            client.core().charge(charge("race-1")).send().await
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

#[tokio::test]
async fn browser_scripts_card_token_and_three_d_secure() {
    let (mock, client) = start(MockConfig::default()).await;
    let core = mock.core_url();

    for (url, global) in [
        (mock.snap_js_url(), "window.snap = "),
        (mock.card_js_url(), "window.MidtransNew3ds = "),
    ] {
        let script = page(&url, None).await;
        assert_eq!(script.status, 200, "{url}");
        let kind = script.header("content-type");
        assert!(kind.starts_with("application/javascript"), "{kind}");
        assert!(script.text().contains(global), "{url}");
    }

    // The card script asks for a token from the merchant's page: another origin.
    let token = page(
        &format!("{core}/v2/token?client_key=SB-Mid-client-MOCK&card_number=4811111111111114&card_exp_month=12&card_exp_year=2030&card_cvv=123"),
        None,
    )
    .await;
    assert_eq!(token.status, 200);
    assert_eq!(token.header("access-control-allow-origin"), "*");
    let token = token.json();
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
        redirects.push(charged["redirect_url"].as_str().unwrap().to_owned());
    }

    let shown = page(&redirects[0], None).await;
    assert_eq!(shown.status, 200);
    assert!(shown.text().contains("id=\"otp\""), "{}", shown.text());
    let done = page(&redirects[0], Some("otp=112233")).await.text();
    assert!(done.contains("midtrans-mock-3ds"), "{done}");
    assert!(!done.contains("signature_key"), "{done}");
    let status = client.transactions().status("3ds-ok").send().await.unwrap();
    assert_eq!(status.transaction_status, Some(TransactionStatus::Capture));
    // Authenticated once: the page no longer asks.
    let again = page(&redirects[0], None).await.text();
    assert!(!again.contains("id=\"otp\""), "{again}");

    page(&redirects[1], Some("otp=000000")).await;
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
    client.core().charge(charge("dup-1")).send().await.unwrap();
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

// ------------------------------------------------------------------ plain HTTP, as any team

/// A plain HTTP client, as a Node or PHP team's tests would use: no SDK, no redirects
/// followed.
fn plain() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// An answer: HTTP status, headers, body.
struct Answer {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }
}

/// A call with the server key, as the Midtrans docs' curl examples make it.
async fn api(method: reqwest::Method, url: &str, body: Option<&str>) -> Answer {
    let mut request = plain()
        .request(method, url)
        .basic_auth(KEY, Some(""))
        .header("accept", "application/json")
        .header("content-type", "application/json");
    if let Some(body) = body {
        request = request.body(body.to_owned());
    }
    answer(request).await
}

/// A browser's GET, or its form POST.
async fn page(url: &str, form: Option<&str>) -> Answer {
    let request = match form {
        Some(form) => plain()
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form.to_owned()),
        None => plain().get(url),
    };
    answer(request).await
}

async fn answer(request: reqwest::RequestBuilder) -> Answer {
    let response = request.send().await.unwrap();
    Answer {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.bytes().await.unwrap().to_vec(),
    }
}

async fn charge_json(mock: &MockServer, body: serde_json::Value) -> serde_json::Value {
    let url = format!("{}/v2/charge", mock.core_url());
    let answer = api(reqwest::Method::POST, &url, Some(&body.to_string())).await;
    assert_eq!(answer.status, 200, "{}", answer.text());
    answer.json()
}

async fn status_of(mock: &MockServer, id: &str) -> serde_json::Value {
    let url = format!("{}/v2/{id}/status", mock.core_url());
    api(reqwest::Method::GET, &url, None).await.json()
}

fn bca(order_id: &str, amount: u64) -> serde_json::Value {
    serde_json::json!({
        "payment_type": "bank_transfer",
        "transaction_details": {"order_id": order_id, "gross_amount": amount},
        "bank_transfer": {"bank": "bca"},
    })
}

fn card(order_id: &str, token: &str) -> serde_json::Value {
    serde_json::json!({
        "payment_type": "credit_card",
        "transaction_details": {"order_id": order_id, "gross_amount": 20000},
        "credit_card": {"token_id": token},
    })
}

/// The text of a QR code in a PNG.
fn scan(png_bytes: &[u8]) -> String {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut pixels).unwrap();
    assert_eq!(frame.color_type, png::ColorType::Grayscale);
    let (width, height) = (frame.width as usize, frame.height as usize);
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| pixels[y * width + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the image");
    grids[0].decode().unwrap().1
}

#[test]
fn the_binary_explains_itself() {
    let help = Command::new(env!("CARGO_BIN_EXE_midtrans-mock"))
        .arg("--help")
        .output()
        .unwrap();
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8(help.stdout).unwrap();
    for flag in [
        "--host",
        "--port",
        "--server-key",
        "--client-key",
        "--merchant-id",
        "--notification-url",
        "--retry-delays-ms",
        "--max-orders",
        "--max-state-bytes",
        "--latency-ms",
        "--jitter-ms",
        "--error-rate",
        "--drop-rate",
        "--duplicate-notifications",
        "--iris-creator-key",
        "--iris-approver-key",
        "--iris-merchant-key",
        "--iris-otp",
        "--iris-balance",
        "--iris-notification-url",
        "--version",
    ] {
        assert!(text.contains(flag), "--help names {flag}:\n{text}");
        if flag != "--version" {
            let variable = format!(
                "MIDTRANS_MOCK_{}",
                flag.trim_start_matches("--")
                    .replace('-', "_")
                    .to_uppercase()
            );
            assert!(text.contains(&variable), "--help names {variable}");
        }
    }
    for default in [
        "[default: 8910]",
        "SB-Mid-server-MOCK",
        "SB-Mid-client-MOCK",
    ] {
        assert!(text.contains(default), "--help shows {default}");
    }
    assert!(text.contains("/_mock/orders/") && text.contains("/_mock/faults"));
    assert!(text.contains("/_mock/iris/payouts/") && text.contains("/_mock/iris/top_up"));

    let version = Command::new(env!("CARGO_BIN_EXE_midtrans-mock"))
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(version.status.code(), Some(0));
    let version = String::from_utf8(version.stdout).unwrap();
    assert_eq!(
        version.trim(),
        format!("midtrans-mock {}", env!("CARGO_PKG_VERSION"))
    );

    let bad = Command::new(env!("CARGO_BIN_EXE_midtrans-mock"))
        .args(["--error-rate", "1.5"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2), "a share above 1 is refused");
}

#[tokio::test]
async fn flags_come_from_the_environment_and_fault_flags_act() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_midtrans-mock"))
        .env("MIDTRANS_MOCK_PORT", "0")
        .env("MIDTRANS_MOCK_SERVER_KEY", KEY)
        .env("MIDTRANS_MOCK_ERROR_RATE", "1")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    assert_eq!(lines.next().unwrap().unwrap(), "midtrans-mock ready");
    let core = lines.next().unwrap().unwrap();
    let core = core.strip_prefix("core: ").unwrap().to_owned();
    let url = format!("{core}/v2/charge");
    let answer = api(
        reqwest::Method::POST,
        &url,
        Some(&bca("env-1", 1000).to_string()),
    )
    .await;
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(
        answer.status, 500,
        "the error-rate fault from the environment"
    );
}

#[tokio::test]
async fn an_order_id_charged_again_never_reaches_its_old_transaction() {
    let (mock, _client) = start(MockConfig::default()).await;
    let core = mock.core_url();
    for ending in ["cancel", "expire"] {
        let order_id = format!("again-{ending}");
        let first = charge_json(&mock, bca(&order_id, 10_000)).await;
        let old = first["transaction_id"].as_str().unwrap().to_owned();
        let url = format!("{core}/v2/{order_id}/{ending}");
        api(reqwest::Method::POST, &url, None).await;
        // Freed, as Midtrans frees it: a new transaction.
        let second = charge_json(&mock, bca(&order_id, 20_000)).await;
        assert_eq!(second["status_code"], "201", "{second}");
        let new = second["transaction_id"].as_str().unwrap().to_owned();
        assert_ne!(old, new);
        // The order id names the new transaction, the old transaction id the old one.
        let latest = status_of(&mock, &order_id).await;
        assert_eq!(latest["transaction_id"], new);
        assert_eq!(latest["gross_amount"], "20000.00");
        let past = status_of(&mock, &old).await;
        assert_eq!(past["transaction_id"], old);
        assert_eq!(past["transaction_status"], ending);
        // Actions and refunds on the old id stay with it.
        for action in ["cancel", "expire", "refund"] {
            let url = format!("{core}/v2/{old}/{action}");
            let answer = api(reqwest::Method::POST, &url, Some("{}")).await;
            assert_eq!(
                answer.json()["status_code"],
                "412",
                "{action}: {}",
                answer.text()
            );
        }
        let url = format!("{core}/_mock/orders/{old}/pay");
        assert!(page(&url, Some("")).await.text().contains("\"412\""));
        let latest = status_of(&mock, &new).await;
        assert_eq!(latest["transaction_status"], "pending", "{latest}");
        assert_eq!(
            mock.retained().order_ids,
            1 + usize::from(ending == "expire")
        );
    }
    assert_eq!(mock.transaction_count(), 4);

    // Denied: the docs do not free the order id, so it stays taken (406).
    let denied = charge_json(&mock, card("again-deny", "46111111-1116-x")).await;
    assert_eq!(denied["transaction_status"], "deny");
    let url = format!("{core}/v2/charge");
    let again = api(
        reqwest::Method::POST,
        &url,
        Some(&card("again-deny", "44111111-1118-x").to_string()),
    )
    .await;
    assert_eq!(again.json()["status_code"], "406", "{}", again.text());
    // A pending one is taken too.
    let again = api(
        reqwest::Method::POST,
        &url,
        Some(&bca("again-cancel", 1).to_string()),
    )
    .await;
    assert_eq!(again.json()["status_code"], "406");
}

#[tokio::test]
async fn eviction_removes_the_oldest_transaction_and_its_order_id() {
    let (mock, _client) = start(MockConfig::default().max_orders(3)).await;
    let first = charge_json(&mock, bca("evict-0", 1000)).await;
    let first_id = first["transaction_id"].as_str().unwrap().to_owned();
    for i in 1..4 {
        charge_json(&mock, bca(&format!("evict-{i}"), 1000)).await;
    }
    assert_eq!(status_of(&mock, "evict-0").await["status_code"], "404");
    assert_eq!(status_of(&mock, &first_id).await["status_code"], "404");
    let held = mock.retained();
    assert_eq!((held.transactions, held.order_ids), (3, 3));
    // Its order id is free again.
    charge_json(&mock, bca("evict-0", 1000)).await;
}

#[tokio::test]
async fn an_oversized_body_is_refused() {
    let (mock, _client) = start(MockConfig::default()).await;
    let url = format!("{}/v2/charge", mock.core_url());
    let padding = "x".repeat(1 << 20);
    let body = format!(r#"{{"payment_type":"gopay","custom_field1":"{padding}"}}"#);
    let answer = api(reqwest::Method::POST, &url, Some(&body)).await;
    assert_eq!(answer.status, 413, "{}", answer.text());
    assert_eq!(answer.json()["status_code"], "413");
    assert_eq!(mock.transaction_count(), 0);
}

#[tokio::test]
async fn item_sums_that_overflow_are_a_validation_error() {
    let (mock, _client) = start(MockConfig::default()).await;
    let url = format!("{}/v2/charge", mock.core_url());
    let body = serde_json::json!({
        "payment_type": "gopay",
        "transaction_details": {"order_id": "overflow-1", "gross_amount": 1000},
        "item_details": [
            {"id": "a", "name": "a", "price": i64::MAX, "quantity": i64::MAX},
            {"id": "b", "name": "b", "price": i64::MAX, "quantity": i64::MAX},
            {"id": "c", "name": "c", "price": i64::MAX, "quantity": i64::MAX},
        ],
    });
    let answer = api(reqwest::Method::POST, &url, Some(&body.to_string())).await;
    assert_eq!(answer.status, 400, "{}", answer.text());
    assert_eq!(answer.json()["status_code"], "400");
    let snap = format!(
        "{}/snap/v1/transactions",
        mock.snap_url().trim_end_matches("/snap/v1")
    );
    let answer = api(reqwest::Method::POST, &snap, Some(&body.to_string())).await;
    assert_eq!(answer.status, 400, "{}", answer.text());
}

#[tokio::test]
async fn every_url_handed_out_answers() {
    let (mock, _client) = start(MockConfig::default()).await;
    let core = mock.core_url();
    let action = |answer: &serde_json::Value, name: &str| -> String {
        answer["actions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == name)
            .unwrap_or_else(|| panic!("no {name} in {answer}"))["url"]
            .as_str()
            .unwrap()
            .to_owned()
    };

    // GoPay: the QR image scans to a QRIS payload; the deeplink page pays.
    let gopay = charge_json(
        &mock,
        serde_json::json!({"payment_type": "gopay", "transaction_details": {"order_id": "urls-gopay", "gross_amount": 44000}}),
    )
    .await;
    let qr = page(&action(&gopay, "generate-qr-code"), None).await;
    assert_eq!(qr.status, 200);
    assert_eq!(qr.header("content-type"), "image/png");
    let payload = scan(&qr.body);
    assert!(
        payload.starts_with("000201") && payload.contains("5405440005802ID"),
        "{payload}"
    );
    let deeplink = page(&action(&gopay, "deeplink-redirect"), None).await;
    assert_eq!(deeplink.status, 200);
    assert!(deeplink.text().contains("id=\"qr-code\"") && deeplink.text().contains("id=\"pay\""));
    let status = page(&action(&gopay, "get-status"), None).await;
    assert_eq!(
        status.status, 401,
        "get-status is the API: it needs the key"
    );
    let paid = page(&action(&gopay, "deeplink-redirect"), Some("")).await;
    assert_eq!(paid.status, 200);
    assert!(paid.text().contains("settlement"), "{}", paid.text());
    assert_eq!(
        status_of(&mock, "urls-gopay").await["transaction_status"],
        "settlement"
    );

    // QRIS: the image is the `qr_string`.
    let qris = charge_json(
        &mock,
        serde_json::json!({"payment_type": "qris", "transaction_details": {"order_id": "urls-qris", "gross_amount": 5000}}),
    )
    .await;
    let qr = page(&action(&qris, "generate-qr-code"), None).await;
    assert_eq!(scan(&qr.body), qris["qr_string"].as_str().unwrap());

    // ShopeePay and the redirect methods: their pages pay.
    let shopee = charge_json(
        &mock,
        serde_json::json!({"payment_type": "shopeepay", "transaction_details": {"order_id": "urls-shopee", "gross_amount": 5000}}),
    )
    .await;
    let url = action(&shopee, "deeplink-redirect");
    assert_eq!(page(&url, None).await.status, 200);
    page(&url, Some("")).await;
    assert_eq!(
        status_of(&mock, "urls-shopee").await["transaction_status"],
        "settlement"
    );
    for kind in [
        "akulaku",
        "kredivo",
        "bca_klikpay",
        "cimb_clicks",
        "danamon_online",
        "bri_epay",
        "uob_ezpay",
    ] {
        let order_id = format!("urls-{kind}");
        let created = charge_json(
            &mock,
            serde_json::json!({"payment_type": kind, "transaction_details": {"order_id": order_id, "gross_amount": 5000}}),
        )
        .await;
        let url = created["redirect_url"].as_str().unwrap();
        assert_eq!(page(url, None).await.status, 200, "{kind}");
        page(url, Some("")).await;
        assert_eq!(
            status_of(&mock, &order_id).await["transaction_status"],
            "settlement",
            "{kind}"
        );
    }

    // 3-D Secure.
    let three_ds = charge_json(
        &mock,
        serde_json::json!({"payment_type": "credit_card", "transaction_details": {"order_id": "urls-3ds", "gross_amount": 5000}, "credit_card": {"token_id": "48111111-1114-x", "authentication": true}}),
    )
    .await;
    let url = three_ds["redirect_url"].as_str().unwrap();
    assert!(page(url, None).await.text().contains("id=\"otp\""));

    // GoPay account links: the activation page links and sends the customer back.
    let url = format!("{core}/v2/pay/account");
    let body = r#"{"payment_type":"gopay","gopay_partner":{"phone_number":"81234567891","country_code":"62","redirect_url":"https://shop.example/linked"}}"#;
    let linked = api(reqwest::Method::POST, &url, Some(body)).await.json();
    let account = linked["account_id"].as_str().unwrap().to_owned();
    for name in [
        "activation-deeplink",
        "activation-link-url",
        "activation-link-app",
    ] {
        let shown = page(&action(&linked, name), None).await;
        assert_eq!(shown.status, 200, "{name}");
        assert!(shown.text().contains("PENDING"), "{name}");
    }
    let done = page(&action(&linked, "activation-link-url"), Some("")).await;
    assert_eq!(done.status, 303);
    assert_eq!(done.header("location"), "https://shop.example/linked");
    let url = format!("{core}/v2/pay/account/{account}");
    let account = api(reqwest::Method::GET, &url, None).await.json();
    assert_eq!(account["account_status"], "ENABLED", "{account}");

    // Snap's page.
    let snap = format!("{core}/snap/v1/transactions");
    let body = r#"{"transaction_details":{"order_id":"urls-snap","gross_amount":1000}}"#;
    let created = api(reqwest::Method::POST, &snap, Some(body)).await.json();
    let shown = page(created["redirect_url"].as_str().unwrap(), None).await;
    assert_eq!(shown.status, 200);
    assert!(shown.text().contains("id=\"method-credit_card\""));
}

#[tokio::test]
async fn the_snap_page_offers_only_enabled_payments_with_the_order_summary() {
    let (mock, _client) = start(MockConfig::default()).await;
    let snap = format!("{}/snap/v1/transactions", mock.core_url());
    let body = serde_json::json!({
        "transaction_details": {"order_id": "summary-1", "gross_amount": 45000},
        "item_details": [
            {"id": "tee", "name": "T-shirt <M>", "price": 20000, "quantity": 2},
            {"id": "ship", "name": "Shipping", "price": 5000, "quantity": 1},
        ],
        "customer_details": {"first_name": "Budi", "last_name": "Utomo", "email": "budi@example.com", "phone": "+62811"},
        "enabled_payments": ["gopay", "bca_va"],
    });
    let created = api(reqwest::Method::POST, &snap, Some(&body.to_string()))
        .await
        .json();
    let url = created["redirect_url"].as_str().unwrap().to_owned();
    let shown = page(&url, None).await.text();
    for present in [
        "id=\"method-gopay\"",
        "id=\"method-bca_va\"",
        "T-shirt &lt;M&gt; × 2",
        "Rp 40.000",
        "Rp 45.000",
        "Budi Utomo",
        "budi@example.com",
        "E-wallet",
        "Virtual account",
    ] {
        assert!(shown.contains(present), "{present} in {shown}");
    }
    for absent in [
        "method-credit_card",
        "method-permata_va",
        "method-qris",
        "method-indomaret",
        "Convenience store",
    ] {
        assert!(!shown.contains(absent), "{absent} not in the page");
    }
    let refused = page(&format!("{url}/pay"), Some("method=permata_va")).await;
    assert_eq!(
        refused.status, 400,
        "a method not enabled cannot be paid with"
    );
    assert_eq!(mock.transaction_count(), 0);
}

#[tokio::test]
async fn the_snap_card_form_takes_any_sandbox_card() {
    let (mock, _client) = start(MockConfig::default()).await;
    let snap = format!("{}/snap/v1/transactions", mock.core_url());
    let form = |number: &str| {
        format!("method=credit_card&card_number={number}&card_exp_month=12&card_exp_year=2030&card_cvv=123")
    };
    let cases = [
        ("4411+1111+1111+1118", "capture", Some("accept")),
        ("5510111111111115", "capture", Some("challenge")),
        ("4611111111111116", "deny", Some("deny")),
        ("4811111111111114", "pending", None),
    ];
    for (i, (number, status, fraud)) in cases.into_iter().enumerate() {
        let order_id = format!("snap-card-{i}");
        let body =
            format!(r#"{{"transaction_details":{{"order_id":"{order_id}","gross_amount":1000}}}}"#);
        let created = api(reqwest::Method::POST, &snap, Some(&body)).await.json();
        let url = format!("{}/pay", created["redirect_url"].as_str().unwrap());
        let paid = page(&url, Some(&form(number))).await;
        let state = status_of(&mock, &order_id).await;
        assert_eq!(state["transaction_status"], status, "{number}: {state}");
        if let Some(fraud) = fraud {
            assert_eq!(state["fraud_status"], fraud, "{number}");
        } else {
            // 3-D Secure: the page sends the customer to the issuer's page.
            assert_eq!(paid.status, 303, "{number}");
            assert!(paid.header("location").contains("/v2/token/rba/redirect/"));
            let done = page(&paid.header("location"), Some("otp=112233")).await;
            assert!(
                done.text().contains("midtrans-mock-snap"),
                "back to snap.js"
            );
            assert_eq!(
                status_of(&mock, &order_id).await["transaction_status"],
                "capture"
            );
        }
    }
    let body = r#"{"transaction_details":{"order_id":"snap-card-bad","gross_amount":1000}}"#;
    let created = api(reqwest::Method::POST, &snap, Some(body)).await.json();
    let url = format!("{}/pay", created["redirect_url"].as_str().unwrap());
    let refused = page(&url, Some(&form("4811111111111115"))).await;
    assert_eq!(refused.status, 400);
    assert!(refused.text().contains("id=\"problem\""));
}

// ------------------------------------------------------------------ the sandbox's answers

#[tokio::test]
async fn a_refund_before_settlement_answers_412() {
    let (mock, _client) = start(MockConfig::default()).await;
    let captured = charge_json(&mock, card("early-refund", "44111111-1118-x")).await;
    assert_eq!(captured["transaction_status"], "capture");
    for path in ["refund", "refund/online/direct"] {
        let url = format!("{}/v2/early-refund/{path}", mock.core_url());
        let answer = api(
            reqwest::Method::POST,
            &url,
            Some(r#"{"refund_key":"k1","amount":1000}"#),
        )
        .await;
        assert_eq!(answer.status, 200);
        assert_eq!(
            answer.json()["status_code"],
            "412",
            "{path}: {}",
            answer.text()
        );
    }
    assert_eq!(
        status_of(&mock, "early-refund").await["transaction_status"],
        "capture"
    );
}

#[tokio::test]
async fn a_charge_of_json_null_answers_http_500() {
    let (mock, _client) = start(MockConfig::default()).await;
    let url = format!("{}/v2/charge", mock.core_url());
    for body in ["null", "{}", ""] {
        let answer = api(reqwest::Method::POST, &url, Some(body)).await;
        assert_eq!(answer.status, 500, "{body:?}");
        assert!(answer.text().contains("unexpected"), "{}", answer.text());
    }
}

#[tokio::test]
async fn a_subscription_of_json_null_answers_400_bad_request() {
    let (mock, _client) = start(MockConfig::default()).await;
    let url = format!("{}/v1/subscriptions", mock.core_url());
    let answer = api(reqwest::Method::POST, &url, Some("null")).await;
    assert_eq!(answer.status, 400);
    assert!(answer.text().contains("Bad request"), "{}", answer.text());
}

#[tokio::test]
async fn snap_takes_order_ids_with_spaces_and_colons_and_core_keeps_its_charset() {
    let (mock, _client) = start(MockConfig::default()).await;
    let snap = format!("{}/snap/v1/transactions", mock.core_url());
    let body =
        r#"{"transaction_details":{"order_id":"py-test-2026-12-01 17:54:07","gross_amount":1000}}"#;
    let created = api(reqwest::Method::POST, &snap, Some(body)).await;
    assert_eq!(created.status, 201, "{}", created.text());
    // Paying it keeps the order id as given.
    let url = format!("{}/pay", created.json()["redirect_url"].as_str().unwrap());
    page(&url, Some("method=bca_va")).await;
    let state = status_of(&mock, "py-test-2026-12-01%2017%3A54%3A07").await;
    assert_eq!(state["order_id"], "py-test-2026-12-01 17:54:07", "{state}");

    let core = format!("{}/v2/charge", mock.core_url());
    let answer = api(
        reqwest::Method::POST,
        &core,
        Some(&bca("core 17:54", 1000).to_string()),
    )
    .await;
    assert_eq!(answer.status, 400);
    let messages = answer.json()["validation_messages"].to_string();
    assert!(messages.contains("order_id is invalid"), "{messages}");
}

#[tokio::test]
async fn a_tokenized_gopay_charge_settles_or_asks_for_the_pin() {
    let (mock, _client) = start(MockConfig::default()).await;
    let core = mock.core_url();
    let url = format!("{core}/v2/pay/account");
    let body = r#"{"payment_type":"gopay","gopay_partner":{"phone_number":"81234567891","country_code":"62"}}"#;
    let account = api(reqwest::Method::POST, &url, Some(body)).await.json();
    let id = account["account_id"].as_str().unwrap().to_owned();
    mock.enable_pay_account(&id).unwrap();
    let url = format!("{core}/v2/pay/account/{id}");
    let linked = api(reqwest::Method::GET, &url, None).await.json();
    let token = linked["metadata"]["payment_options"][0]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let tokenized = |order_id: &str, amount: u64, token: &str| {
        serde_json::json!({
            "payment_type": "gopay",
            "transaction_details": {"order_id": order_id, "gross_amount": amount},
            "gopay": {"account_id": id, "payment_option_token": token},
        })
    };
    // Below IDR 100,000 the sandbox asks no PIN: settled at once, no deeplink.
    let small = charge_json(&mock, tokenized("token-small", 50_000, &token)).await;
    assert_eq!(small["status_code"], "200", "{small}");
    assert_eq!(small["transaction_status"], "settlement");
    assert!(small.get("actions").is_none(), "{small}");
    // From IDR 100,000 on: pending, behind the verification links.
    let large = charge_json(&mock, tokenized("token-large", 150_000, &token)).await;
    assert_eq!(large["status_code"], "201", "{large}");
    let names: Vec<_> = large["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["verification-link-url", "verification-link-app"]);
    let link = large["actions"][0]["url"].as_str().unwrap();
    assert_eq!(page(link, None).await.status, 200);
    page(link, Some("")).await;
    assert_eq!(
        status_of(&mock, "token-large").await["transaction_status"],
        "settlement"
    );
    // A token the account does not have is refused.
    let url = format!("{core}/v2/charge");
    let bad = tokenized("token-bad", 1000, "not-a-token").to_string();
    assert_eq!(
        api(reqwest::Method::POST, &url, Some(&bad)).await.status,
        400
    );
}

#[tokio::test]
async fn the_snap_page_sends_the_customer_to_callbacks_finish() {
    let (mock, _client) = start(MockConfig::default()).await;
    let snap = format!("{}/snap/v1/transactions", mock.core_url());
    let body = r#"{"transaction_details":{"order_id":"finish 1","gross_amount":1000},"callbacks":{"finish":"https://shop.example/done?from=snap"}}"#;
    let created = api(reqwest::Method::POST, &snap, Some(body)).await.json();
    let url = format!("{}/pay", created["redirect_url"].as_str().unwrap());
    let paid = page(&url, Some("method=gopay")).await;
    assert_eq!(paid.status, 303, "{}", paid.text());
    assert_eq!(
        paid.header("location"),
        "https://shop.example/done?from=snap&order_id=finish%201&status_code=200&transaction_status=settlement"
    );
    // A pending payment shows its details first; its button leads to the finish URL.
    let body = r#"{"transaction_details":{"order_id":"finish-2","gross_amount":1000},"callbacks":{"finish":"https://shop.example/done"}}"#;
    let created = api(reqwest::Method::POST, &snap, Some(body)).await.json();
    let url = format!("{}/pay", created["redirect_url"].as_str().unwrap());
    let pending = page(&url, Some("method=bca_va")).await;
    assert_eq!(pending.status, 200);
    assert!(pending.text().contains(
        "href=\"https://shop.example/done?order_id=finish-2&amp;status_code=201&amp;transaction_status=pending\""
    ), "{}", pending.text());
}

#[tokio::test]
async fn a_subscription_runs_next_after_its_interval_and_unit() {
    let (mock, _client) = start(MockConfig::default()).await;
    let url = format!(
        "{}/v2/card/register?client_key=SB-Mid-client-MOCK&card_number=4811111111111114&card_exp_month=12&card_exp_year=2099",
        mock.core_url()
    );
    let registered = page(&url, None).await.json();
    let saved = registered["saved_token_id"].as_str().unwrap().to_owned();
    let url = format!("{}/v1/subscriptions", mock.core_url());
    let create = |schedule: serde_json::Value| {
        serde_json::json!({
            "name": "WEEKLY", "amount": "14000", "currency": "IDR", "payment_type": "credit_card",
            "token": saved, "schedule": schedule,
        })
        .to_string()
    };
    let before = chrono::Utc::now();
    let answer = api(
        reqwest::Method::POST,
        &url,
        Some(&create(
            serde_json::json!({"interval": 2, "interval_unit": "week"}),
        )),
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.text());
    let next = answer.json()["schedule"]["next_execution_at"]
        .as_str()
        .unwrap()
        .to_owned();
    let next = chrono::DateTime::parse_from_rfc3339(&next).unwrap();
    let days = (next.with_timezone(&chrono::Utc) - before).num_hours() as f64 / 24.0;
    assert!((13.9..=14.1).contains(&days), "two weeks from now: {next}");
    // With a start time, the first charge is at the start time.
    let start =
        (chrono::Utc::now() + chrono::Duration::days(3)).with_timezone(&midtrans::types::JAKARTA);
    let schedule = serde_json::json!({"interval": 1, "interval_unit": "month", "start_time": start.format("%Y-%m-%d %H:%M:%S %z").to_string()});
    let answer = api(reqwest::Method::POST, &url, Some(&create(schedule)))
        .await
        .json();
    let next = answer["schedule"]["next_execution_at"].as_str().unwrap();
    let next = chrono::DateTime::parse_from_rfc3339(next).unwrap();
    assert_eq!(next.timestamp(), start.timestamp(), "{answer}");
    // An unknown unit is refused.
    let answer = api(
        reqwest::Method::POST,
        &url,
        Some(&create(
            serde_json::json!({"interval": 1, "interval_unit": "year"}),
        )),
    )
    .await;
    assert_eq!(answer.status, 400);
}

#[tokio::test]
async fn paying_a_pending_three_d_secure_charge_goes_through_its_outcome() {
    let (mock, _client) = start(MockConfig::default()).await;
    let body = |order_id: &str, token: &str| {
        serde_json::json!({
            "payment_type": "credit_card",
            "transaction_details": {"order_id": order_id, "gross_amount": 5000},
            "credit_card": {"token_id": token, "authentication": true},
        })
    };
    let pending = charge_json(&mock, body("3ds-pay", "48111111-1114-x")).await;
    assert_eq!(pending["transaction_status"], "pending");
    let url = format!("{}/_mock/orders/3ds-pay/pay", mock.core_url());
    let paid = page(&url, Some("")).await.json();
    assert_eq!(
        paid["transaction_status"], "capture",
        "not straight to settlement: {paid}"
    );
    assert_eq!(paid["fraud_status"], "accept");
    assert!(paid.get("redirect_url").is_none());
    let settled = page(&url, Some("")).await.json();
    assert_eq!(
        settled["transaction_status"], "settlement",
        "then it settles"
    );
    // A card the bank refuses after 3-D Secure is denied.
    charge_json(&mock, body("3ds-refused", "49111111-1113-x")).await;
    let url = format!("{}/_mock/orders/3ds-refused/pay", mock.core_url());
    assert_eq!(
        page(&url, Some("")).await.json()["transaction_status"],
        "deny"
    );
}

#[tokio::test]
async fn an_unknown_saved_token_is_refused() {
    let (mock, _client) = start(MockConfig::default()).await;
    let url = format!("{}/v2/charge", mock.core_url());
    let answer = api(
        reqwest::Method::POST,
        &url,
        Some(&card("unknown-token", "48111111sHfSakAvHvFQFEjTivUV1114").to_string()),
    )
    .await;
    assert_eq!(answer.json()["status_code"], "411", "{}", answer.text());
    assert_eq!(mock.transaction_count(), 0);
    // A subscription on it is refused too, and so is one on a GoPay token no account has.
    let url = format!("{}/v1/subscriptions", mock.core_url());
    for (payment_type, extra) in [
        ("credit_card", serde_json::json!({})),
        (
            "gopay",
            serde_json::json!({"account_id": "no-such-account"}),
        ),
    ] {
        let body = serde_json::json!({
            "name": "MONTHLY", "amount": "14000", "currency": "IDR",
            "payment_type": payment_type, "token": "48111111sHfSakAvHvFQFEjTivUV1114",
            "schedule": {"interval": 1, "interval_unit": "month"}, "gopay": extra,
        });
        let answer = api(reqwest::Method::POST, &url, Some(&body.to_string())).await;
        assert_eq!(answer.status, 400, "{payment_type}: {}", answer.text());
        assert!(answer.text().contains("subscription.token is invalid"));
    }
    assert_eq!(mock.retained().subscriptions, 0);
}

#[tokio::test]
async fn huge_fault_delays_wait_instead_of_overflowing() {
    let (mock, _client) = start(MockConfig::default()).await;
    let faults = format!("{}/_mock/faults", mock.core_url());
    let huge = format!(
        r#"{{"latency_ms": {max}, "jitter_ms": {max}}}"#,
        max = u64::MAX
    );
    let set = plain().post(&faults).body(huge).send().await.unwrap();
    assert_eq!(set.status().as_u16(), 200);
    let shown = page(&faults, None).await.json();
    assert_eq!(
        shown["latency_ms"],
        u64::MAX,
        "GET shows the faults in force: {shown}"
    );
    let url = format!("{}/v2/charge", mock.core_url());
    // The longest delays the Rust API takes: the call waits (here until the client gives up)
    // rather than the handler overflowing and the connection closing at once.
    for faults in [
        None,
        Some(Faults {
            latency: Duration::MAX,
            jitter: Duration::MAX,
            ..Faults::default()
        }),
    ] {
        if let Some(faults) = faults {
            mock.set_faults(faults);
        }
        let waited = plain()
            .post(&url)
            .basic_auth(KEY, Some(""))
            .body(bca("huge-delay", 1000).to_string())
            .timeout(Duration::from_millis(300))
            .send()
            .await
            .unwrap_err();
        assert!(waited.is_timeout(), "{waited:?}");
    }
    mock.set_faults(Faults::default());
    charge_json(&mock, bca("after-huge-delay", 1000)).await;
}

/// An Iris call as the official SDKs make it: Basic with an Iris key, `Content-Type` and a
/// body even on GETs (Node sends `{}`), `X-Idempotency-Key` when given.
async fn iris(
    mock: &MockServer,
    method: reqwest::Method,
    path: &str,
    key: &str,
    body: &str,
    idempotency_key: Option<&str>,
) -> Answer {
    let mut request = plain()
        .request(method, format!("{}{path}", mock.iris_url()))
        .basic_auth(key, Some(""))
        .header("accept", "application/json")
        .header("content-type", "application/json")
        .body(body.to_owned());
    if let Some(key) = idempotency_key {
        request = request.header("x-idempotency-key", key);
    }
    answer(request).await
}

fn lower_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[tokio::test]
async fn iris_takes_what_the_official_sdks_send_and_signs_what_it_notifies() {
    use midtrans_mock::iris::{APPROVER_KEY, CREATOR_KEY, MERCHANT_KEY, OTP};
    use reqwest::Method;
    use sha2::Digest;
    use std::sync::{Arc, Mutex};

    // The merchant's Iris notification endpoint, keeping each delivery's signature and body.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/iris", listener.local_addr().unwrap());
    // (Iris-Signature, body) of each delivery.
    type Deliveries = Arc<Mutex<Vec<(String, Vec<u8>)>>>;
    let deliveries: Deliveries = Arc::default();
    let store = Arc::clone(&deliveries);
    let app = axum::Router::new().route(
        "/iris",
        axum::routing::post(
            move |headers: http::HeaderMap, body: axum::body::Bytes| async move {
                let signature = headers
                    .get("iris-signature")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                store.lock().unwrap().push((signature, body.to_vec()));
                "ok"
            },
        ),
    );
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    let (mock, _) = start(MockConfig::default().iris_notification_url(url)).await;

    // Ping needs no key and answers text.
    let pong = page(&format!("{}/ping", mock.iris_url()), None).await;
    assert_eq!((pong.status, pong.text().as_str()), (200, "pong"));
    assert!(pong.header("content-type").starts_with("text/plain"));
    // A GET with Node's `{}` body and Content-Type.
    let balance = iris(&mock, Method::GET, "/balance", CREATOR_KEY, "{}", None).await;
    assert_eq!(balance.status, 200, "{}", balance.text());
    assert_eq!(balance.json()["balance"], "10000000.00");

    // Payout creation under one key twice: one payout; the same key on another endpoint is
    // another request.
    let payouts = r#"{"payouts":[{"beneficiary_name":"Budi","beneficiary_account":"0611101146","beneficiary_bank":"bca","amount":"25000.00","notes":"sdk"}]}"#;
    let mut answers = Vec::new();
    for _ in 0..2 {
        let key = Some("k-1");
        answers.push(iris(&mock, Method::POST, "/payouts", CREATOR_KEY, payouts, key).await);
    }
    let (first, again) = (&answers[0], &answers[1]);
    assert_eq!(first.status, 201, "{}", first.text());
    assert_eq!(first.json(), again.json());
    assert_eq!(mock.retained().iris_payouts, 1);
    let beneficiary = r#"{"name":"Budi","bank":"bca","account":"0611101146","alias_name":"budi"}"#;
    let created = iris(
        &mock,
        Method::POST,
        "/beneficiaries",
        CREATOR_KEY,
        beneficiary,
        Some("k-1"),
    )
    .await;
    assert_eq!(
        (created.status, created.json()["status"].as_str()),
        (201, Some("created"))
    );
    // Go's approve after a create re-sends the create's key: still an approval.
    let reference = first.json()["payouts"][0]["reference_no"]
        .as_str()
        .unwrap()
        .to_owned();
    let approve = format!(r#"{{"reference_nos":["{reference}"],"otp":"{OTP}"}}"#);
    let approved = iris(
        &mock,
        Method::POST,
        "/payouts/approve",
        APPROVER_KEY,
        &approve,
        Some("k-1"),
    )
    .await;
    assert_eq!(
        (approved.status, approved.json()["status"].as_str()),
        (202, Some("ok")),
        "{}",
        approved.text()
    );

    // Statements: dates in the query (Java), in a JSON body (Node), in Go's JSON string.
    let today = chrono::Utc::now().date_naive();
    let (from, to) = (today.pred_opt().unwrap(), today.succ_opt().unwrap());
    let query = format!("/statements?from_date={from}&to_date={to}");
    let node = format!(r#"{{"from_date":"{from}","to_date":"{to}"}}"#);
    let go =
        serde_json::to_string(&format!(r#"{{ "from_date": {from}, "to_date": {to}}}"#)).unwrap();
    for (path, body) in [
        (query.as_str(), "{}"),
        ("/statements", node.as_str()),
        ("/statements", go.as_str()),
    ] {
        let lines = iris(&mock, Method::GET, path, APPROVER_KEY, body, None).await;
        assert_eq!(lines.status, 200, "{body}: {}", lines.text());
        let lines = lines.json();
        assert_eq!(lines.as_array().map(Vec::len), Some(1), "{body}: {lines}");
        assert_eq!(lines[0]["type"], "Payout");
        assert_eq!(lines[0]["status"], "debit");
    }
    let undated = iris(&mock, Method::GET, "/statements", APPROVER_KEY, "{}", None).await;
    assert_eq!(undated.status, 400);

    // The approval was notified, signed: hex SHA-512 of the raw body and the merchant key.
    for _ in 0..250 {
        if !deliveries.lock().unwrap().is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (signature, body) = deliveries
        .lock()
        .unwrap()
        .first()
        .cloned()
        .expect("notified");
    let expected = lower_hex(&sha2::Sha512::digest(
        [body.as_slice(), MERCHANT_KEY.as_bytes()].concat(),
    ));
    assert_eq!(signature, expected);
    let notified: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(notified["reference_no"], reference.as_str());
    assert_eq!(notified["status"], "approved");
    assert_eq!(notified["amount"], "25000.00");
    mock.shutdown().await;
}

/// Iris answers HTTP 202 for approvals (a success), so a repeated `X-Idempotency-Key` whose
/// first call is still running is answered 503: the client retries it, as the outcome is not
/// known yet, and then gets the first call's answer.
#[tokio::test]
async fn an_iris_retry_while_the_first_creation_runs_gets_503_then_the_first_answer() {
    use midtrans::iris::IrisCredentials;
    use midtrans::types::iris::{Beneficiary, PayoutItem, PayoutRequest};
    use midtrans_mock::iris::{APPROVER_KEY, CREATOR_KEY};
    let (mock, _) = start(MockConfig::default()).await;
    let client = Client::builder()
        .environment(Environment::custom(mock.core_url(), mock.snap_url()).unwrap())
        .server_key(KEY)
        .iris(
            IrisCredentials::new()
                .creator_key(CREATOR_KEY)
                .approver_key(APPROVER_KEY),
        )
        .build()
        .unwrap();
    let budi = Beneficiary::builder("Budi", "bca", "0611101146", "budi")
        .build()
        .unwrap();
    let request = PayoutRequest::builder([PayoutItem::to(&budi, Idr::new(10_000), "busy")])
        .build()
        .unwrap();
    mock.set_faults(Faults {
        latency: Duration::from_millis(400),
        ..Faults::default()
    });
    let first = {
        let (client, request) = (client.clone(), request.clone());
        tokio::spawn(async move {
            client
                .iris()
                .creator()
                .create_payouts(&request)
                .idempotency_key("iris-busy")
                .await
        })
    };
    tokio::time::sleep(Duration::from_millis(100)).await;
    let busy = client
        .iris()
        .creator()
        .create_payouts(&request)
        .idempotency_key("iris-busy")
        .retry_policy(midtrans::RetryPolicy::none())
        .await
        .unwrap_err();
    assert_eq!(busy.as_api().unwrap().http_status(), 503, "{busy:?}");
    assert!(busy.outcome_unknown(), "{busy:?}");
    let second = client
        .iris()
        .creator()
        .create_payouts(&request)
        .idempotency_key("iris-busy")
        .retry_policy(midtrans::RetryPolicy::with_retries(20))
        .await
        .unwrap();
    let first = first.await.unwrap().unwrap();
    assert_eq!(first, second);
    assert_eq!(mock.retained().iris_payouts, 1);
}
