//! The real `midtrans` binary, run as a user runs it: against a receiver on loopback, the
//! simulator, and files. One test binary.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::AsyncBufReadExt as _;

const SERVER_KEY: &str = "SB-Mid-server-CLITEST-c4n4ry-server";
const CLIENT_KEY: &str = "SB-Mid-client-CLITEST-c4n4ry-client";
const IRIS_KEY: &str = "IRIS-CLITEST-merchant-c4n4ry";

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_midtrans")
}

/// Runs `midtrans` with `args` to the end.
async fn midtrans(args: &[&str]) -> Output {
    tokio::process::Command::new(binary())
        .args(args)
        .env_remove("MIDTRANS_SERVER_KEY")
        .env_remove("MIDTRANS_ENV")
        .stdin(Stdio::null())
        .output()
        .await
        .unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A directory of its own for a test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("midtrans-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// What a receiver was sent.
#[derive(Clone, Debug)]
struct Received {
    headers: http::HeaderMap,
    body: Vec<u8>,
}

/// A notification receiver on loopback answering the statuses given in turn (the last one
/// from then on).
struct Receiver {
    url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

async fn receiver(statuses: &[u16]) -> Receiver {
    let statuses = Arc::new(Mutex::new(statuses.to_vec()));
    let received = Arc::new(Mutex::new(Vec::new()));
    let (got, answers) = (Arc::clone(&received), Arc::clone(&statuses));
    let app = axum::Router::new().fallback(move |request: axum::extract::Request| {
        let (got, answers) = (Arc::clone(&got), Arc::clone(&answers));
        async move {
            let (parts, body) = request.into_parts();
            let body = axum::body::to_bytes(body, 1 << 20).await.unwrap().to_vec();
            got.lock().unwrap().push(Received {
                headers: parts.headers,
                body,
            });
            let status = {
                let mut answers = answers.lock().unwrap();
                if answers.len() > 1 {
                    answers.remove(0)
                } else {
                    answers[0]
                }
            };
            (
                http::StatusCode::from_u16(status).unwrap(),
                format!("answered {status}"),
            )
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/midtrans/notify", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Receiver { url, received }
}

#[tokio::test]
async fn help_of_the_command_and_every_subcommand_exits_zero() {
    let mut commands: Vec<Vec<&str>> = vec![vec!["--help"], vec!["--version"]];
    for sub in [
        "mock", "trigger", "events", "verify", "sign", "api", "doctor", "record", "replay",
    ] {
        commands.push(vec![sub, "--help"]);
    }
    for call in [
        "status", "cancel", "expire", "approve", "deny", "refund", "charge", "snap",
    ] {
        commands.push(vec!["api", call, "--help"]);
    }
    for args in commands {
        let output = midtrans(&args).await;
        assert!(output.status.success(), "{args:?}: {}", text(&output));
        assert!(!output.stdout.is_empty(), "{args:?} printed nothing");
    }
    let help = text(&midtrans(&["--help"]).await);
    assert!(help.contains("Exit codes"), "{help}");
    let events = text(&midtrans(&["events"]).await);
    for event in [
        "settlement",
        "chargeback",
        "snap-bi-va",
        "iris-payout",
        "iris-top-up",
        "pay_account",
    ] {
        assert!(events.contains(event), "{event} in {events}");
    }
    // A wrong command line is exit 2, as clap says.
    assert_eq!(midtrans(&["trigger"]).await.status.code(), Some(2));
}

#[tokio::test]
async fn trigger_retries_on_midtrans_schedule_until_the_receiver_takes_it() {
    let dir = scratch("trigger");
    let log = dir.join("log.jsonl");
    let target = receiver(&[500, 200]).await;
    let output = midtrans(&[
        "trigger",
        "settlement",
        "--to",
        &target.url,
        "--server-key",
        SERVER_KEY,
        "--retries",
        "--retry-delays-ms",
        "50,50,50",
        "--log",
        log.to_str().unwrap(),
    ])
    .await;
    let shown = text(&output);
    assert!(output.status.success(), "{shown}");
    assert!(shown.contains("attempt 1: HTTP 500"), "{shown}");
    assert!(shown.contains("attempt 2: HTTP 200"), "{shown}");
    assert!(!shown.contains(SERVER_KEY), "the key is never printed");
    // Midtrans retries a 500 once: two attempts, both logged.
    let lines: Vec<Value> = std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0]["attempt"]["status"], 500);
    assert_eq!(lines[1]["attempt"]["status"], 200);
    assert!(lines[1]["attempt"]["latency_ms"].is_u64());
    // What arrived is a validly signed notification.
    let received = target.received.lock().unwrap().clone();
    assert_eq!(received.len(), 2);
    let key = midtrans::ServerKey::new(SERVER_KEY).unwrap();
    let verified = midtrans::notification::verify(&received[1].body, &[&key]).unwrap();
    assert_eq!(verified.transaction_status().as_str(), "settlement");

    // Duplicates and an older status out of order, overrides applied before signing.
    let target = receiver(&[200]).await;
    let output = midtrans(&[
        "trigger",
        "settlement",
        "--to",
        &target.url,
        "--server-key",
        SERVER_KEY,
        "--duplicates",
        "1",
        "--out-of-order",
        "--set",
        "order_id=order-cli-7",
        "--set",
        "gross_amount=25000.00",
        "--log",
        log.to_str().unwrap(),
    ])
    .await;
    assert!(output.status.success(), "{}", text(&output));
    let received = target.received.lock().unwrap().clone();
    let statuses: Vec<String> = received
        .iter()
        .map(|r| {
            let n = midtrans::notification::verify(&r.body, &[&key]).unwrap();
            assert_eq!(n.order_id().as_str(), "order-cli-7");
            assert_eq!(n.gross_amount().as_str(), "25000.00");
            n.transaction_status().as_str().to_owned()
        })
        .collect();
    assert_eq!(statuses, ["settlement", "settlement", "pending"]);

    // Never taken: 404 is retried twice, then the command fails.
    let target = receiver(&[404]).await;
    let output = midtrans(&[
        "trigger",
        "iris-payout",
        "--to",
        &target.url,
        "--iris-merchant-key",
        IRIS_KEY,
        "--retries",
        "--retry-delays-ms",
        "20,20,20,20,20",
        "--log",
        log.to_str().unwrap(),
    ])
    .await;
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert_eq!(target.received.lock().unwrap().len(), 3);
    let iris = target.received.lock().unwrap()[0].clone();
    midtrans::iris::verify_notification(&iris.headers, &iris.body, &[IRIS_KEY]).unwrap();

    // A custom body, signed again; SNAP-BI signed over the URL's path.
    let custom = dir.join("custom.json");
    std::fs::write(&custom, r#"{"order_id":"custom-1","status_code":"200","gross_amount":"1.00","transaction_status":"settlement"}"#).unwrap();
    let target = receiver(&[200]).await;
    let output = midtrans(&[
        "trigger",
        "capture",
        "--to",
        &target.url,
        "--server-key",
        SERVER_KEY,
        "--body",
        custom.to_str().unwrap(),
        "--log",
        log.to_str().unwrap(),
    ])
    .await;
    assert!(output.status.success(), "{}", text(&output));
    let body = target.received.lock().unwrap()[0].body.clone();
    assert_eq!(
        midtrans::notification::verify(&body, &[&key])
            .unwrap()
            .order_id()
            .as_str(),
        "custom-1"
    );
    let target = receiver(&[200]).await;
    let base = target.url.trim_end_matches("/midtrans/notify").to_owned();
    let output = midtrans(&[
        "trigger",
        "snap-bi-va",
        "--to",
        &base,
        "--log",
        log.to_str().unwrap(),
    ])
    .await;
    assert!(output.status.success(), "{}", text(&output));
    let va = target.received.lock().unwrap()[0].clone();
    let verifier =
        midtrans::snap_bi::NotificationVerifier::new(midtrans_mock::snap_bi::SIMULATOR_PUBLIC_KEY)
            .unwrap();
    verifier
        .verify::<Value>("/v1.0/transfer-va/payment", &va.headers, &va.body)
        .unwrap();
}

/// Writes `body` to a file and runs `midtrans verify` on it with `args`.
async fn verify(dir: &Path, name: &str, body: &[u8], args: &[&str]) -> (Option<i32>, String) {
    let file = dir.join(name);
    std::fs::write(&file, body).unwrap();
    let mut all = vec!["verify", file.to_str().unwrap()];
    all.extend_from_slice(args);
    let output = midtrans(&all).await;
    (output.status.code(), text(&output))
}

#[tokio::test]
async fn verify_tells_valid_from_forged_in_all_three_schemes_and_says_what_is_wrong() {
    let dir = scratch("verify");
    let key = midtrans::ServerKey::new(SERVER_KEY).unwrap();
    // Core: a payment notification signed with the server key.
    let input = "order-v-1200100000.00";
    let core = json!({"order_id": "order-v-1", "status_code": "200", "gross_amount": "100000.00",
        "transaction_status": "settlement", "payment_type": "bank_transfer",
        "signature_key": midtrans::notification::signature(input, &key)});
    let valid = serde_json::to_vec(&core).unwrap();
    let (code, shown) = verify(&dir, "core.json", &valid, &["--server-key", SERVER_KEY]).await;
    assert_eq!(code, Some(0), "{shown}");
    assert!(
        shown.contains("valid: a payment notification, order order-v-1"),
        "{shown}"
    );
    let mut forged = core.clone();
    forged["status_code"] = "201".into();
    let (code, shown) = verify(
        &dir,
        "core-forged.json",
        &serde_json::to_vec(&forged).unwrap(),
        &["--server-key", SERVER_KEY],
    )
    .await;
    assert_eq!(code, Some(1), "{shown}");
    assert!(shown.contains("status_code was changed"), "{shown}");
    let mut forged = core.clone();
    forged["gross_amount"] = "1.00".into();
    let (code, shown) = verify(
        &dir,
        "core-amount.json",
        &serde_json::to_vec(&forged).unwrap(),
        &["--server-key", SERVER_KEY],
    )
    .await;
    assert_eq!(code, Some(1), "{shown}");
    assert!(shown.contains("gross_amount"), "{shown}");
    let (code, shown) = verify(
        &dir,
        "core-key.json",
        &valid,
        &["--server-key", "SB-Mid-server-OTHER"],
    )
    .await;
    assert_eq!(code, Some(1), "{shown}");
    assert!(
        !shown.contains("SB-Mid-server-OTHER"),
        "keys are never printed: {shown}"
    );

    // Iris: Iris-Signature over the body and the merchant key.
    let iris = br#"{"reference_no":"ref-v-1","amount":"150000.0","status":"completed"}"#;
    let header = format!(
        "Iris-Signature: {}",
        midtrans::iris::signature(iris, IRIS_KEY)
    );
    let (code, shown) = verify(
        &dir,
        "iris.json",
        iris,
        &["-H", &header, "--iris-merchant-key", IRIS_KEY],
    )
    .await;
    assert_eq!(code, Some(0), "{shown}");
    assert!(shown.contains("payout ref-v-1 completed"), "{shown}");
    let changed = br#"{"reference_no":"ref-v-1","amount":"950000.0","status":"completed"}"#;
    let (code, shown) = verify(
        &dir,
        "iris-forged.json",
        changed,
        &["-H", &header, "--iris-merchant-key", IRIS_KEY],
    )
    .await;
    assert_eq!(code, Some(1), "{shown}");
    assert!(shown.contains("body was"), "{shown}");
    let (code, shown) = verify(
        &dir,
        "iris-bare.json",
        iris,
        &["--iris-merchant-key", IRIS_KEY],
    )
    .await;
    assert_eq!(code, Some(1), "{shown}");
    assert!(
        shown.contains("Iris-Signature header is missing"),
        "{shown}"
    );

    // SNAP-BI: X-SIGNATURE by the simulator's key over the path, body and time.
    let debit = br#"{"originalPartnerReferenceNo":"GP-v-1","latestTransactionStatus":"00","amount":{"value":"10000.00","currency":"IDR"}}"#;
    let timestamp = midtrans_mock::snap_bi::timestamp();
    let signature =
        midtrans_mock::snap_bi::sign_notification("/v1.0/debit/notify", debit, &timestamp).unwrap();
    let (ts, sig) = (
        format!("X-TIMESTAMP: {timestamp}"),
        format!("X-SIGNATURE: {signature}"),
    );
    let base = ["-H", ts.as_str(), "-H", sig.as_str(), "--simulator-key"];
    let (code, shown) = verify(
        &dir,
        "bi.json",
        debit,
        &[&base[..], &["--path", "/v1.0/debit/notify"]].concat(),
    )
    .await;
    assert_eq!(code, Some(0), "{shown}");
    let (code, shown) = verify(
        &dir,
        "bi-path.json",
        debit,
        &[&base[..], &["--path", "/v1.0/qr/qr-mpm-notify"]].concat(),
    )
    .await;
    assert_eq!(code, Some(1), "{shown}");
    assert!(shown.contains("the path is wrong"), "{shown}");
    let (code, shown) = verify(
        &dir,
        "bi-body.json",
        &debit.replace(b"10000", b"90000"),
        &base,
    )
    .await;
    assert_eq!(code, Some(1), "{shown}");
    let (code, shown) = verify(&dir, "bi-bare.json", debit, &["--simulator-key", "-H", &ts]).await;
    assert_eq!(code, Some(1), "{shown}");
    assert!(shown.contains("X-SIGNATURE header is missing"), "{shown}");

    // `sign` computes what verify checks.
    let file = dir.join("to-sign.json");
    std::fs::write(&file, serde_json::to_vec(&core).unwrap()).unwrap();
    let signed =
        text(&midtrans(&["sign", file.to_str().unwrap(), "--server-key", SERVER_KEY]).await);
    assert!(
        signed.contains(core["signature_key"].as_str().unwrap()),
        "{signed}"
    );
}

trait Replace {
    fn replace(&self, from: &[u8], to: &[u8]) -> Vec<u8>;
}

impl Replace for [u8] {
    fn replace(&self, from: &[u8], to: &[u8]) -> Vec<u8> {
        String::from_utf8_lossy(self)
            .replace(
                &*String::from_utf8_lossy(from),
                &String::from_utf8_lossy(to),
            )
            .into_bytes()
    }
}

/// A running `midtrans` server process (record, replay, mock) and the URL it printed.
struct Running {
    child: tokio::process::Child,
    url: String,
}

/// Starts `midtrans args` and waits for the line holding its address (`http://…`).
async fn start(args: &[&str], marker: &str) -> Running {
    let mut child = tokio::process::Command::new(binary())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = tokio::io::BufReader::new(stdout).lines();
    let url = tokio::time::timeout(Duration::from_secs(20), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(rest) = line.split_once(marker).map(|(_, rest)| rest) {
                let url: String = rest.split_whitespace().next().unwrap().to_owned();
                return url;
            }
        }
        panic!("{args:?} ended before printing {marker:?}");
    })
    .await
    .unwrap();
    // Keep reading what it prints, as a terminal would.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Running { child, url }
}

fn client(url: &str) -> midtrans::Client {
    midtrans::Client::builder()
        .environment(midtrans::Environment::custom(url, format!("{url}/snap/v1")).unwrap())
        .server_key(SERVER_KEY)
        .client_key(CLIENT_KEY)
        .retry_policy(midtrans::RetryPolicy::none())
        .build()
        .unwrap()
}

/// The flow recorded and replayed: a card token, a bank transfer charge, its status, its
/// cancellation, and a status that is not found.
async fn flow(client: &midtrans::Client) -> Vec<Value> {
    let card =
        midtrans::types::card::CardTokenRequest::card("4811 1111 1111 1114", "12", "2099", "7351");
    let token = client.core().card_token(&card).send_value().await.unwrap();
    let charge = json!({"payment_type": "bank_transfer", "bank_transfer": {"bank": "bca"},
        "transaction_details": {"order_id": "cassette-1", "gross_amount": 44000}});
    let charged = client.core().charge(charge).send_value().await.unwrap();
    let status = client
        .transactions()
        .status("cassette-1")
        .send_value()
        .await
        .unwrap();
    let cancelled = client
        .transactions()
        .cancel("cassette-1")
        .send_value()
        .await
        .unwrap();
    let missing = client
        .transactions()
        .status("cassette-none")
        .send_value()
        .await
        .unwrap_err();
    let api = missing.as_api().unwrap();
    vec![
        token,
        charged,
        status,
        cancelled,
        json!([api.http_status(), api.messages()]),
    ]
}

#[tokio::test]
async fn a_flow_recorded_through_the_proxy_replays_identically_and_the_cassette_holds_no_secret() {
    let dir = scratch("cassette");
    let cassette = dir.join("flow.jsonl");
    let mock = midtrans_mock::MockServer::start(
        midtrans_mock::MockConfig::default()
            .server_key(SERVER_KEY)
            .client_key(CLIENT_KEY),
    )
    .await
    .unwrap();
    let mut recording = start(
        &[
            "record",
            "--upstream",
            &mock.core_url(),
            "--to",
            cassette.to_str().unwrap(),
        ],
        "recording: ",
    )
    .await;
    let recorded = flow(&client(&recording.url)).await;
    recording.child.kill().await.unwrap();
    mock.shutdown().await;

    let tape = std::fs::read_to_string(&cassette).unwrap();
    assert_eq!(tape.lines().count(), 5, "{tape}");
    let (server_basic, client_basic) = (midtrans_basic(SERVER_KEY), midtrans_basic(CLIENT_KEY));
    let token = recorded[0]["token_id"].as_str().unwrap();
    for canary in [
        SERVER_KEY,
        CLIENT_KEY,
        &server_basic,
        &client_basic,
        token,
        "4811111111111114",
        "4811%201111",
        "4811+1111",
        "=7351",
        "\"7351\"",
    ] {
        assert!(
            !tape.contains(canary),
            "{canary} is in the cassette:\n{tape}"
        );
    }
    assert!(tape.contains("[redacted]"));

    let mut replaying = start(&["replay", cassette.to_str().unwrap()], "replaying: ").await;
    let replayed = flow(&client(&replaying.url)).await;
    replaying.child.kill().await.unwrap();
    // The same answers, but for the card token the cassette never held.
    assert_eq!(replayed[1..], recorded[1..]);
    assert_eq!(replayed[0]["token_id"], "[redacted]");
    assert_eq!(replayed[0]["status_code"], recorded[0]["status_code"]);
}

fn midtrans_basic(key: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(format!("{key}:"))
}

#[tokio::test]
async fn doctor_passes_a_good_configuration_and_fails_a_broken_one_with_distinct_codes() {
    let dir = scratch("doctor");
    let private = dir.join("merchant-private.pem");
    let registered = dir.join("registered.pem");
    let wrong = dir.join("wrong.pem");
    std::fs::write(&private, midtrans_mock::snap_bi::MERCHANT_PRIVATE_KEY).unwrap();
    std::fs::write(&registered, midtrans_mock::snap_bi::MERCHANT_PUBLIC_KEY).unwrap();
    std::fs::write(&wrong, midtrans_mock::snap_bi::SIMULATOR_PUBLIC_KEY).unwrap();
    let mock = midtrans_mock::MockServer::start(
        midtrans_mock::MockConfig::default()
            .server_key(SERVER_KEY)
            .client_key(CLIENT_KEY),
    )
    .await
    .unwrap();
    let good_receiver = receiver(&[200]).await;
    let core = mock.core_url();
    let good = midtrans(&[
        "doctor",
        "--env",
        &core,
        "--server-key",
        SERVER_KEY,
        "--client-key",
        CLIENT_KEY,
        "--snap-bi-private-key",
        private.to_str().unwrap(),
        "--snap-bi-registered-key",
        registered.to_str().unwrap(),
        "--notification-url",
        &good_receiver.url,
    ])
    .await;
    let shown = text(&good);
    assert_eq!(good.status.code(), Some(0), "{shown}");
    for line in [
        "ok    keys accepted",
        "ok    clock",
        "ok    SNAP-BI key pair",
        "ok    notification URL",
    ] {
        assert!(shown.contains(line), "{line} in {shown}");
    }
    let body = good_receiver.received.lock().unwrap()[0].body.clone();
    let key = midtrans::ServerKey::new(SERVER_KEY).unwrap();
    midtrans::notification::verify(&body, &[&key]).unwrap();

    let broken_receiver = receiver(&[500]).await;
    let broken = midtrans(&[
        "doctor",
        "--env",
        &core,
        "--server-key",
        "SB-Mid-server-WRONG-key",
        "--client-key",
        SERVER_KEY,
        "--snap-bi-private-key",
        private.to_str().unwrap(),
        "--snap-bi-registered-key",
        wrong.to_str().unwrap(),
        "--notification-url",
        &broken_receiver.url,
    ])
    .await;
    let shown = text(&broken);
    assert_eq!(broken.status.code(), Some(1), "{shown}");
    for line in [
        "FAIL  client key: it is a server key",
        "FAIL  keys accepted: refused (401)",
        "FAIL  SNAP-BI key pair",
        "FAIL  notification URL: answered HTTP 500",
    ] {
        assert!(shown.contains(line), "{line} in {shown}");
    }
    assert!(
        !shown.contains("SB-Mid-server-WRONG-key") && !shown.contains(SERVER_KEY),
        "{shown}"
    );
    // Production with a sandbox key is refused before any call.
    let production = midtrans(&["doctor", "--env", "production", "--server-key", SERVER_KEY]).await;
    assert_eq!(production.status.code(), Some(1));
    assert!(
        text(&production).contains("this is a sandbox key"),
        "{}",
        text(&production)
    );
    mock.shutdown().await;
}

#[tokio::test]
async fn api_calls_answer_readably_or_as_json_and_fail_with_documented_codes() {
    let mock = midtrans_mock::MockServer::start(
        midtrans_mock::MockConfig::default()
            .server_key(SERVER_KEY)
            .client_key(CLIENT_KEY),
    )
    .await
    .unwrap();
    let core = mock.core_url();
    let dir = scratch("api");
    let charge = dir.join("charge.json");
    std::fs::write(&charge, r#"{"payment_type":"bank_transfer","bank_transfer":{"bank":"bni"},"transaction_details":{"order_id":"api-1","gross_amount":15000}}"#).unwrap();
    let base = ["api", "--env", core.as_str(), "--server-key", SERVER_KEY];
    let charged = midtrans(&[&base[..], &["charge", charge.to_str().unwrap()]].concat()).await;
    assert!(charged.status.success(), "{}", text(&charged));
    assert!(text(&charged).contains("order api-1"), "{}", text(&charged));
    assert!(text(&charged).contains("va bni:"), "{}", text(&charged));
    let status = midtrans(&[&base[..], &["status", "api-1", "--json"]].concat()).await;
    let answer: Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(answer["transaction_status"], "pending");
    mock.pay("api-1").unwrap();
    let refunded = midtrans(
        &[
            &base[..],
            &["refund", "api-1", "--amount", "5000", "--reason", "damaged"],
        ]
        .concat(),
    )
    .await;
    assert!(refunded.status.success(), "{}", text(&refunded));
    assert!(
        text(&refunded).contains("partial_refund"),
        "{}",
        text(&refunded)
    );
    let snap = dir.join("snap.json");
    std::fs::write(
        &snap,
        r#"{"transaction_details":{"order_id":"api-snap-1","gross_amount":20000}}"#,
    )
    .unwrap();
    let created = midtrans(&[&base[..], &["snap", snap.to_str().unwrap()]].concat()).await;
    assert!(text(&created).contains("redirect:"), "{}", text(&created));

    // Midtrans's refusal: exit 1 with the reason; no key: 3; no answer: 4.
    let missing = midtrans(&[&base[..], &["status", "api-none"]].concat()).await;
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing).contains("404"), "{}", text(&missing));
    let no_key = midtrans(&["api", "--env", &core, "status", "api-1"]).await;
    assert_eq!(no_key.status.code(), Some(3), "{}", text(&no_key));
    mock.shutdown().await;
    let gone = midtrans(&[
        "api",
        "--env",
        &core,
        "--server-key",
        SERVER_KEY,
        "cancel",
        "api-1",
    ])
    .await;
    assert_eq!(gone.status.code(), Some(4), "{}", text(&gone));
    assert!(
        text(&gone).to_lowercase().contains("connect"),
        "{}",
        text(&gone)
    );
}

#[tokio::test]
async fn mock_runs_the_simulator_and_prints_its_urls_and_keys() {
    let mut running = start(
        &["mock", "--port", "0", "--server-key", SERVER_KEY],
        "core: ",
    )
    .await;
    let answer = client(&running.url)
        .transactions()
        .status("nothing-here")
        .send()
        .await
        .unwrap_err();
    assert!(answer.as_api().unwrap().is_not_found(), "{answer:?}");
    let dashboard = reqwest_get(&format!("{}/_mock/dashboard", running.url)).await;
    assert!(dashboard.contains("Transactions"), "{dashboard}");
    running.child.kill().await.unwrap();
}

async fn reqwest_get(url: &str) -> String {
    reqwest::get(url).await.unwrap().text().await.unwrap()
}
