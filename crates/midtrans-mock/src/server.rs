//! The HTTP shell around the simulator: axum on a loopback listener, fault injection, and
//! notification delivery.
// Read-only `serde_json::Value["key"]` yields `Null` for absent keys or non-objects and never
// panics; it is how the simulator reads lenient request bodies.
#![allow(clippy::indexing_slicing)]

use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde_json::json;

use crate::sim::{Bases, Call, Prepared, Reply, Simulator};
use crate::Faults;

/// Everything a request handler needs.
#[derive(Clone, Debug)]
pub(crate) struct Shared {
    pub(crate) sim: Arc<Simulator>,
    pub(crate) faults: Arc<Mutex<Faults>>,
    pub(crate) bases: Bases,
    pub(crate) http: reqwest::Client,
    pub(crate) deliveries: crate::notify::SharedLog,
}

impl Shared {
    pub(crate) fn faults(&self) -> Faults {
        *self.faults.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether this processed call's connection is to be dropped: one of the `drop_next`
    /// (counted down), or by chance at `drop_rate`.
    fn drops(&self) -> bool {
        let mut faults = self.faults.lock().unwrap_or_else(PoisonError::into_inner);
        if faults.drop_next > 0 {
            faults.drop_next -= 1;
            return true;
        }
        faults.drop_rate > 0.0 && self.sim.rng.unit() < faults.drop_rate
    }

    pub(crate) fn deliver(&self, deliveries: Vec<crate::sim::Delivery>) {
        let copies = 1 + self.faults().duplicate_notifications.min(10) as usize;
        crate::notify::spawn(
            &self.http,
            &self.deliveries,
            deliveries,
            &self.sim.config.retry_delays,
            copies,
        );
    }
}

/// The most a request body may hold.
const MAX_BODY: usize = 1 << 20;

pub(crate) async fn handle(State(shared): State<Shared>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_BODY).await else {
        return reply(Reply::Json(
            413,
            json!({"status_code": "413", "status_message": "request body too large"}),
        ));
    };
    let segments = parts
        .uri
        .path()
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        })
        .collect();
    let query = crate::sim::form_pairs(parts.uri.query().unwrap_or_default());
    let call = Call {
        method: parts.method,
        segments,
        query,
        headers: parts.headers,
        body: body.to_vec(),
    };
    if let Some(("_mock", rest)) = call
        .segs()
        .split_first()
        .map(|(first, rest)| (*first, rest))
    {
        if let Some(answer) = crate::dashboard::answer(&shared, &call, rest) {
            return reply(answer);
        }
    }
    if call.segments.first().map(String::as_str) == Some("_mock")
        && call.segments.get(1).map(String::as_str) == Some("faults")
    {
        return if call.method == http::Method::GET {
            reply(faults_answer(shared.faults()))
        } else {
            set_faults(&shared, &call.body)
        };
    }
    let faults = shared.faults();
    let (answer, deliveries) = match shared.sim.prepare(&call, &shared.bases) {
        Prepared::Done(answer, deliveries) => (answer, deliveries),
        Prepared::Process(key) => {
            let jitter = faults.jitter.mul_f64(shared.sim.rng.unit());
            let delay = faults.latency.saturating_add(jitter);
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            if faults.error_rate > 0.0 && shared.sim.rng.unit() < faults.error_rate {
                if let Some(key) = key {
                    shared.sim.forget(&key);
                }
                let failure = json!({"status_code": "500", "status_message": "Sorry. Our system is recovering from unexpected issues. Please retry."});
                return reply(Reply::Json(500, failure));
            }
            let (answer, deliveries) = shared.sim.process(&call, key, &shared.bases);
            if shared.drops() {
                shared.deliver(deliveries);
                return Response::new(Body::new(Broken));
            }
            (answer, deliveries)
        }
    };
    shared.deliver(deliveries);
    let mut response = reply(answer);
    // The client-key card token endpoint is called from the merchant's page (the card script),
    // another origin: let browsers read its answer.
    if call.segments.get(..2) == Some(&["v2".to_owned(), "token".to_owned()]) {
        response.headers_mut().insert(
            http::header::ACCESS_CONTROL_ALLOW_ORIGIN,
            http::HeaderValue::from_static("*"),
        );
    }
    response
}

fn set_faults(shared: &Shared, body: &[u8]) -> Response {
    let Ok(settings) = serde_json::from_slice::<serde_json::Value>(body) else {
        return reply(Reply::Json(
            400,
            json!({"status_message": "expected {latency_ms, jitter_ms, error_rate, drop_rate, drop_next, duplicate_notifications}"}),
        ));
    };
    let faults = Faults {
        latency: Duration::from_millis(settings["latency_ms"].as_u64().unwrap_or(0)),
        jitter: Duration::from_millis(settings["jitter_ms"].as_u64().unwrap_or(0)),
        error_rate: settings["error_rate"]
            .as_f64()
            .unwrap_or(0.0)
            .clamp(0.0, 1.0),
        drop_rate: settings["drop_rate"]
            .as_f64()
            .unwrap_or(0.0)
            .clamp(0.0, 1.0),
        drop_next: settings["drop_next"]
            .as_u64()
            .map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX)),
        duplicate_notifications: settings["duplicate_notifications"]
            .as_u64()
            .unwrap_or(0)
            .min(10) as u32,
    };
    *shared.faults.lock().unwrap_or_else(PoisonError::into_inner) = faults;
    reply(faults_answer(faults))
}

/// The faults in force, as `POST /_mock/faults` takes them.
fn faults_answer(faults: Faults) -> Reply {
    Reply::Json(
        200,
        json!({
            "latency_ms": u64::try_from(faults.latency.as_millis()).unwrap_or(u64::MAX),
            "jitter_ms": u64::try_from(faults.jitter.as_millis()).unwrap_or(u64::MAX),
            "error_rate": faults.error_rate,
            "drop_rate": faults.drop_rate,
            "drop_next": faults.drop_next,
            "duplicate_notifications": faults.duplicate_notifications,
        }),
    )
}

fn reply(answer: Reply) -> Response {
    let (status, content_type, body) = match answer {
        Reply::Json(status, body) => (
            status,
            "application/json",
            serde_json::to_vec(&MidtransOrder(&body)).unwrap_or_default(),
        ),
        Reply::Html(status, html) => (status, "text/html; charset=utf-8", html.into_bytes()),
        Reply::Text(status, text) => (status, "text/plain; charset=utf-8", text.into_bytes()),
        Reply::Script(script) => (
            200,
            "application/javascript; charset=utf-8",
            script.as_bytes().to_vec(),
        ),
        Reply::Image(content_type, bytes) => (200, content_type, bytes),
        Reply::Redirect(url) => {
            let location = http::HeaderValue::from_str(&url)
                .unwrap_or_else(|_| http::HeaderValue::from_static("/"));
            let mut response = http::StatusCode::SEE_OTHER.into_response();
            response
                .headers_mut()
                .insert(http::header::LOCATION, location);
            return response;
        }
    };
    let status =
        http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    (status, [(http::header::CONTENT_TYPE, content_type)], body).into_response()
}

/// The keys Midtrans writes first in every JSON answer, in this order.
const LEADING_KEYS: [&str; 2] = ["status_code", "status_message"];

/// A JSON answer with its keys in Midtrans's order: `status_code` and `status_message` first,
/// then the rest (alphabetically, as `serde_json::Map` holds them). Clients that stop reading at
/// `status_code` see it where Midtrans puts it.
struct MidtransOrder<'a>(&'a serde_json::Value);

impl serde::Serialize for MidtransOrder<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let serde_json::Value::Object(map) = self.0 else {
            return self.0.serialize(serializer);
        };
        let mut out = serializer.serialize_map(Some(map.len()))?;
        for key in LEADING_KEYS {
            if let Some(value) = map.get(key) {
                out.serialize_entry(key, value)?;
            }
        }
        for (key, value) in map {
            if !LEADING_KEYS.contains(&key.as_str()) {
                out.serialize_entry(key, value)?;
            }
        }
        out.end()
    }
}

/// A body that fails at once: the connection is dropped after the headers, as a network fault
/// after the state change was committed.
struct Broken;

impl http_body::Body for Broken {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
        Poll::Ready(Some(Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "midtrans-mock dropped the connection (fault injection)",
        ))))
    }
}
