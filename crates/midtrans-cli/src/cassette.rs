//! `midtrans record` and `midtrans replay`: a recording proxy whose cassette (JSON lines, one
//! exchange each) holds no secret, and a server that answers from it.
//!
//! Redacted: `Authorization` and every other credential header, the keys an `Authorization`
//! carried wherever else they appear (a query's `client_key`, a body), card numbers, CVVs, card
//! and Google Pay tokens, signatures, SNAP-BI access tokens and secrets, OTPs.
// Read-only `serde_json::Value["key"]` yields `Null` for absent keys or non-objects and never
// panics.
#![allow(clippy::indexing_slicing)]

use std::collections::{HashMap, VecDeque};
use std::io::Write as _;
use std::sync::{Arc, Mutex, PoisonError};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::response::Response;
use base64::Engine as _;
use serde_json::{json, Value};

use crate::{Failure, Outcome};

/// What replaces a secret.
const REDACTED: &str = "[redacted]";

/// Headers that carry credentials.
const SECRET_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-signature",
    "iris-signature",
    "x-client-key",
    "x-client-secret",
];

/// Headers not recorded (they describe one connection, not the exchange).
const HOP_HEADERS: &[&str] = &[
    "host",
    "connection",
    "content-length",
    "transfer-encoding",
    "accept-encoding",
    "keep-alive",
    "date",
];

/// Body and query fields that hold secrets or card data, by name.
const SECRET_FIELDS: &[&str] = &[
    "card_number",
    "card_cvv",
    "cvv",
    "token_id",
    "saved_token_id",
    "bank_one_time_token",
    "google_pay_token",
    "client_key",
    "server_key",
    "accessToken",
    "access_token",
    "refreshToken",
    "clientSecret",
    "client_secret",
    "private_key",
    "otp",
    "password",
    "authJwt",
    "payment_option_token",
];

/// The largest body recorded or forwarded.
const MAX_BODY: usize = 4 << 20;

/// Flags of `midtrans record`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  midtrans record --upstream https://api.sandbox.midtrans.com --to sandbox.jsonl\n  # point the client's core URL at the printed address, run the suite once, Ctrl-C\n  midtrans replay sandbox.jsonl"
)]
pub(crate) struct RecordArgs {
    /// Where requests go on to, e.g. `https://api.sandbox.midtrans.com` or a simulator.
    #[arg(long)]
    upstream: String,
    /// The cassette to write (JSON lines, appended).
    #[arg(long)]
    to: std::path::PathBuf,
    /// The port to listen on (0: any free one; the address is printed).
    #[arg(long, default_value_t = 0)]
    port: u16,
}

/// Flags of `midtrans replay`.
#[derive(Debug, clap::Args)]
pub(crate) struct ReplayArgs {
    /// The cassette `midtrans record` wrote.
    cassette: std::path::PathBuf,
    /// The port to listen on (0: any free one; the address is printed).
    #[arg(long, default_value_t = 0)]
    port: u16,
}

/// Everything secret in a text: the keys seen in `Authorization` headers.
#[derive(Default)]
struct Secrets(Vec<String>);

impl Secrets {
    /// Notes the key an HTTP Basic `Authorization` carries.
    fn learn(&mut self, authorization: &str) {
        let decoded = authorization
            .strip_prefix("Basic ")
            .and_then(|b| {
                base64::engine::general_purpose::STANDARD
                    .decode(b.trim())
                    .ok()
            })
            .and_then(|b| String::from_utf8(b).ok());
        if let Some(pair) = decoded {
            for part in pair.split(':').filter(|p| p.len() >= 8) {
                if !self.0.iter().any(|s| s == part) {
                    self.0.push(part.to_owned());
                }
            }
        }
        if let Some(token) = authorization.strip_prefix("Bearer ") {
            if token.len() >= 8 {
                self.0.push(token.trim().to_owned());
            }
        }
    }

    fn scrub(&self, text: &str) -> String {
        self.0.iter().fold(text.to_owned(), |text, secret| {
            text.replace(secret.as_str(), REDACTED)
        })
    }
}

/// A JSON value with its secret fields redacted, at any depth.
fn redact_json(value: &mut Value, secrets: &Secrets) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                if SECRET_FIELDS.contains(&key.as_str()) {
                    *inner = Value::String(REDACTED.into());
                } else {
                    redact_json(inner, secrets);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| redact_json(item, secrets)),
        Value::String(text) => *text = secrets.scrub(text),
        _ => {}
    }
}

/// A body as recorded: JSON with its secrets redacted, else text scrubbed of the keys.
fn recorded_body(bytes: &[u8], secrets: &Secrets) -> Value {
    if bytes.is_empty() {
        return Value::Null;
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(mut value) => {
            redact_json(&mut value, secrets);
            value
        }
        Err(_) => Value::String(secrets.scrub(&String::from_utf8_lossy(bytes))),
    }
}

/// A query string with its secret parameters redacted.
fn recorded_query(query: &str, secrets: &Secrets) -> String {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, _)) if SECRET_FIELDS.contains(&name) => format!("{name}={REDACTED}"),
            _ => secrets.scrub(pair),
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn recorded_headers(headers: &http::HeaderMap, secrets: &Secrets) -> Value {
    let mut map = serde_json::Map::new();
    for (name, value) in headers {
        let name = name.as_str();
        if HOP_HEADERS.contains(&name) {
            continue;
        }
        let shown = if SECRET_HEADERS.contains(&name) {
            REDACTED.to_owned()
        } else {
            secrets.scrub(value.to_str().unwrap_or_default())
        };
        map.insert(name.to_owned(), shown.into());
    }
    Value::Object(map)
}

/// What a replay matches a request by: method, path and redacted query.
fn key_of(method: &str, path: &str, query: &str) -> String {
    format!("{method} {path}?{query}")
}

struct Recorder {
    upstream: String,
    http: reqwest::Client,
    file: Mutex<std::fs::File>,
}

async fn forward(State(recorder): State<Arc<Recorder>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(body) = to_bytes(body, MAX_BODY).await else {
        return plain(413, "request body too large");
    };
    let mut secrets = Secrets::default();
    for name in ["authorization", "proxy-authorization"] {
        if let Some(value) = parts.headers.get(name).and_then(|v| v.to_str().ok()) {
            secrets.learn(value);
        }
    }
    let path = parts.uri.path().to_owned();
    let query = parts.uri.query().unwrap_or_default().to_owned();
    let url = if query.is_empty() {
        format!("{}{path}", recorder.upstream)
    } else {
        format!("{}{path}?{query}", recorder.upstream)
    };
    let mut upstream = recorder.http.request(parts.method.clone(), &url);
    for (name, value) in &parts.headers {
        if !HOP_HEADERS.contains(&name.as_str()) {
            upstream = upstream.header(name, value);
        }
    }
    let answer = match upstream.body(body.to_vec()).send().await {
        Ok(answer) => answer,
        Err(error) => {
            return plain(
                502,
                &format!("upstream: {}", secrets.scrub(&error.to_string())),
            )
        }
    };
    let status = answer.status();
    let headers = answer.headers().clone();
    let answer_body = answer.bytes().await.unwrap_or_default();
    let exchange = json!({
        "request": {
            "method": parts.method.as_str(),
            "path": secrets.scrub(&path),
            "query": recorded_query(&query, &secrets),
            "headers": recorded_headers(&parts.headers, &secrets),
            "body": recorded_body(&body, &secrets),
        },
        "response": {
            "status": status.as_u16(),
            "headers": recorded_headers(&headers, &secrets),
            "body": recorded_body(&answer_body, &secrets),
        },
    });
    {
        let mut file = recorder.file.lock().unwrap_or_else(PoisonError::into_inner);
        let _ = writeln!(file, "{exchange}");
        let _ = file.flush();
    }
    let mut response = Response::new(Body::from(answer_body));
    *response.status_mut() = status;
    if let Some(kind) = headers.get(http::header::CONTENT_TYPE) {
        response
            .headers_mut()
            .insert(http::header::CONTENT_TYPE, kind.clone());
    }
    response
}

fn plain(status: u16, text: &str) -> Response {
    let mut response = Response::new(Body::from(
        json!({"status_code": status.to_string(), "status_message": text}).to_string(),
    ));
    *response.status_mut() =
        http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::BAD_GATEWAY);
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    response
}

async fn listen(port: u16) -> Result<tokio::net::TcpListener, Failure> {
    tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|e| Failure::config(format!("cannot listen on 127.0.0.1:{port}: {e}")))
}

async fn serve(listener: tokio::net::TcpListener, app: axum::Router) -> Outcome {
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| Failure::network(format!("the server stopped: {e}")))
}

pub(crate) async fn record(args: RecordArgs) -> Outcome {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&args.to)
        .map_err(|e| Failure::config(format!("cannot open {}: {e}", args.to.display())))?;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| Failure::config(e.to_string()))?;
    let recorder = Arc::new(Recorder {
        upstream: args.upstream.trim_end_matches('/').to_owned(),
        http,
        file: Mutex::new(file),
    });
    let listener = listen(args.port).await?;
    let address = listener
        .local_addr()
        .map_err(|e| Failure::config(e.to_string()))?;
    crate::say(&format!(
        "recording: http://{address} → {} into {} (secrets redacted); Ctrl-C stops",
        recorder.upstream,
        args.to.display()
    ));
    let app = axum::Router::new().fallback(forward).with_state(recorder);
    serve(listener, app).await
}

/// The recorded answers, by request, in the order they were recorded.
type Tape = Mutex<HashMap<String, VecDeque<Value>>>;

async fn play(State(tape): State<Arc<Tape>>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let mut secrets = Secrets::default();
    if let Some(value) = parts
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
    {
        secrets.learn(value);
    }
    let key = key_of(
        parts.method.as_str(),
        &secrets.scrub(parts.uri.path()),
        &recorded_query(parts.uri.query().unwrap_or_default(), &secrets),
    );
    let answer = {
        let mut tape = tape.lock().unwrap_or_else(PoisonError::into_inner);
        tape.get_mut(&key).and_then(|queue| {
            // The last answer stays, for a request repeated more often than recorded.
            if queue.len() > 1 {
                queue.pop_front()
            } else {
                queue.front().cloned()
            }
        })
    };
    let Some(answer) = answer else {
        return plain(404, &format!("no recorded answer for {key}"));
    };
    let status = answer["status"]
        .as_u64()
        .and_then(|s| u16::try_from(s).ok())
        .unwrap_or(200);
    let body = match &answer["body"] {
        Value::Null => Vec::new(),
        Value::String(text) => text.clone().into_bytes(),
        other => serde_json::to_vec(other).unwrap_or_default(),
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::OK);
    let kind = answer["headers"]["content-type"]
        .as_str()
        .unwrap_or("application/json");
    if let Ok(kind) = http::HeaderValue::from_str(kind) {
        response
            .headers_mut()
            .insert(http::header::CONTENT_TYPE, kind);
    }
    response
}

pub(crate) async fn replay(args: ReplayArgs) -> Outcome {
    let text = crate::keys::read_text(&args.cassette)?;
    let mut tape: HashMap<String, VecDeque<Value>> = HashMap::new();
    let mut count = 0;
    for (number, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let exchange: Value = serde_json::from_str(line).map_err(|e| {
            Failure::config(format!(
                "{} line {}: not JSON: {e}",
                args.cassette.display(),
                number + 1
            ))
        })?;
        let request = &exchange["request"];
        let key = key_of(
            request["method"].as_str().unwrap_or("GET"),
            request["path"].as_str().unwrap_or("/"),
            request["query"].as_str().unwrap_or_default(),
        );
        tape.entry(key)
            .or_default()
            .push_back(exchange["response"].clone());
        count += 1;
    }
    let listener = listen(args.port).await?;
    let address = listener
        .local_addr()
        .map_err(|e| Failure::config(e.to_string()))?;
    crate::say(&format!(
        "replaying: http://{address} answers {count} recorded exchanges of {}; Ctrl-C stops",
        args.cassette.display()
    ));
    let app = axum::Router::new()
        .fallback(play)
        .with_state(Arc::new(Mutex::new(tape)));
    serve(listener, app).await
}
