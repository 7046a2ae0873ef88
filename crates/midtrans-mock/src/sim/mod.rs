//! The simulator's state machine: every endpoint as a function of (request, state), no I/O.
//! The HTTP layer ([`crate::server`]) parses requests into [`Call`]s and sends the
//! notifications each call produces.
//!
//! One file per product — [`snap`], [`charge`], [`transactions`] (status, actions, refunds),
//! [`cards`], [`subscriptions`], [`pay_accounts`], [`snap_bi`], [`iris`], [`notifications`],
//! the simulator's own
//! [`pages`] and [`control`] API — around [`state`] and the [`router`]. A new product is a new
//! file and its lines in the router.
// Read-only `serde_json::Value["key"]` yields `Null` for absent keys or non-objects and never
// panics; it is how the simulator reads lenient request bodies.
#![allow(clippy::indexing_slicing)]

mod balance;
mod cards;
mod charge;
mod control;
pub(crate) mod dashboard;
pub(crate) mod google_pay;
pub(crate) mod invoicing;
pub(crate) mod iris;
mod notifications;
mod pages;
mod pay_accounts;
pub(crate) mod payment_link;
mod preferences;
mod router;
pub(crate) mod snap;
pub(crate) mod snap_bi;
pub(crate) mod state;
mod subscriptions;
mod transactions;

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

use base64::Engine as _;
use serde_json::{json, Value};

use crate::ids::Rng;
use crate::MockConfig;
use state::{Limits, State};

/// One HTTP call, decoded.
#[derive(Debug)]
pub(crate) struct Call {
    pub(crate) method: http::Method,
    /// Decoded path segments, e.g. `["v2", "order-1", "status"]`.
    pub(crate) segments: Vec<String>,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: http::HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl Call {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub(crate) fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn segs(&self) -> Vec<&str> {
        self.segments.iter().map(String::as_str).collect()
    }

    /// The body as an HTML form.
    fn form(&self) -> HashMap<String, String> {
        form_pairs(&String::from_utf8_lossy(&self.body))
            .into_iter()
            .collect()
    }
}

/// The first half of a call.
#[derive(Debug)]
pub(crate) enum Prepared {
    /// Answered already (control, page, authentication failure, idempotent replay).
    Done(Reply, Vec<Delivery>),
    /// To process, with the idempotency key to store the answer under.
    Process(Option<String>),
}

/// Midtrans's success rule: HTTP 2xx and no body `status_code` ≥ 400 other than 407.
fn is_success(reply: &Reply) -> bool {
    let body_error = match reply {
        Reply::Json(_, body) => body["status_code"]
            .as_str()
            .and_then(|c| c.parse::<u16>().ok())
            .is_some_and(|c| c >= 400 && c != 407),
        Reply::Html(..)
        | Reply::Script(..)
        | Reply::Redirect(..)
        | Reply::Image(..)
        | Reply::Text(..) => false,
    };
    (200..300).contains(&reply.status()) && !body_error
}

/// An answer: HTTP status and body.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Reply {
    /// JSON.
    Json(u16, Value),
    /// An HTML page.
    Html(u16, String),
    /// A JavaScript file (HTTP 200).
    Script(&'static str),
    /// `303 See Other` to this URL.
    Redirect(String),
    /// An image (HTTP 200): its content type and bytes.
    Image(&'static str, Vec<u8>),
    /// Plain text (Iris's `pong`).
    Text(u16, String),
}

impl Reply {
    pub(crate) fn status(&self) -> u16 {
        match self {
            Reply::Json(status, _) | Reply::Html(status, _) | Reply::Text(status, _) => *status,
            Reply::Script(_) | Reply::Image(..) => 200,
            Reply::Redirect(_) => 303,
        }
    }
}

/// A signed notification to deliver.
#[derive(Clone, Debug)]
pub(crate) struct Delivery {
    pub(crate) urls: Vec<String>,
    pub(crate) body: Vec<u8>,
    /// Headers beyond the JSON ones (SNAP-BI's `X-SIGNATURE`, `X-TIMESTAMP`, …).
    pub(crate) headers: Vec<(String, String)>,
}

fn core_error(code: u16, message: &str, rng: &Rng) -> Reply {
    Reply::Json(
        code,
        json!({"status_code": code.to_string(), "status_message": message, "id": rng.uuid()}),
    )
}

/// A Core API error answered with HTTP 200 and the error in the body, as Midtrans does for
/// transaction actions.
fn body_error(code: u16, message: &str, rng: &Rng) -> Reply {
    Reply::Json(
        200,
        json!({"status_code": code.to_string(), "status_message": message, "id": rng.uuid()}),
    )
}

fn validation(messages: &[String], rng: &Rng) -> Reply {
    Reply::Json(
        400,
        json!({
            "status_code": "400",
            "status_message": "One or more parameters in the payload is invalid.",
            "validation_messages": messages,
            "id": rng.uuid(),
        }),
    )
}

/// Midtrans's answer to a body it cannot work with (empty, or JSON `null`).
const UNEXPECTED: &str = "Sorry. Our system is recovering from unexpected issues. Please retry.";

const NOT_FOUND: &str = "Transaction doesn't exist.";

const UNAUTHORIZED: &str =
    "Access denied due to unauthorized transaction, please check client or server key";

/// Longer keys are ignored, as Midtrans ignores them.
const IDEMPOTENCY_MAX_LEN: usize = 46;

/// The simulator.
#[derive(Debug)]
pub(crate) struct Simulator {
    pub(crate) config: MockConfig,
    state: Mutex<State>,
    snap_bi: Mutex<snap_bi::SnapBiState>,
    /// The merchant's SNAP-BI public key, parsed once from the configuration.
    snap_bi_merchant_key: Option<Vec<u8>>,
    pub(crate) rng: Rng,
}

/// Where the simulator is reachable, for the URLs it hands out.
#[derive(Clone, Debug)]
pub(crate) struct Bases {
    pub(crate) core: String,
    pub(crate) app: String,
}

impl Simulator {
    pub(crate) fn new(config: MockConfig) -> Self {
        let mut state = State::default();
        state.iris_balance = config.iris_balance;
        state.limits = Some(Limits {
            count: config.max_orders,
            bytes: config.max_state_bytes,
        });
        Simulator {
            snap_bi_merchant_key: snap_bi::rsa_public_key(&config.snap_bi_merchant_public_key),
            config,
            state: Mutex::new(state),
            snap_bi: Mutex::new(snap_bi::SnapBiState::default()),
            rng: Rng::seeded(),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn limits(&self) -> Limits {
        Limits {
            count: self.config.max_orders,
            bytes: self.config.max_state_bytes,
        }
    }

    /// First half of a call: control and page calls are answered at once; API calls are
    /// authenticated and checked against the idempotency cache.
    pub(crate) fn prepare(&self, call: &Call, bases: &Bases) -> Prepared {
        let segs = call.segs();
        if let Some((reply, deliveries)) = self.public(call, &segs, bases) {
            return Prepared::Done(reply, deliveries);
        }
        // SNAP-BI authenticates with its own signatures and keys its own idempotency.
        if let Some(("snap-bi", rest)) = segs.split_first().map(|(first, rest)| (*first, rest)) {
            let (reply, deliveries) = self.snap_bi(call, rest, &bases.core);
            return Prepared::Done(reply, deliveries);
        }
        // Iris has its own keys, roles and `X-Idempotency-Key`.
        let key = match segs.strip_prefix(&iris::PREFIX[..]) {
            Some(rest) => {
                if let Err(reply) = self.iris_authenticate(call, rest) {
                    return Prepared::Done(reply, Vec::new());
                }
                Self::iris_idempotency_key(call, rest)
            }
            None => {
                if let Err(reply) = self.authenticate(call, &segs) {
                    return Prepared::Done(reply, Vec::new());
                }
                // Invoicing keys its creation with `X-Idempotency-Key`, kept apart.
                let (header, max, prefix) = if segs == ["v1", "invoices"] {
                    ("x-idempotency-key", iris::IDEMPOTENCY_MAX_LEN, "invoice ")
                } else {
                    ("idempotency-key", IDEMPOTENCY_MAX_LEN, "")
                };
                call.header(header)
                    .filter(|k| !k.is_empty() && k.len() <= max)
                    .filter(|_| call.method == http::Method::POST)
                    .map(|k| format!("{prefix}{k}"))
            }
        };
        if let Some(key) = &key {
            let limits = self.limits();
            let mut state = self.state();
            let fresh = Instant::now();
            state.expire_keys(fresh);
            match state.idempotency.get(key).map(|r| r.reply.clone()) {
                Some(Some(stored)) => return Prepared::Done(stored, Vec::new()),
                Some(None) => return Prepared::Done(Self::busy(key), Vec::new()),
                None => state.remember_key(key.clone(), fresh, None, limits),
            }
        }
        Prepared::Process(key)
    }

    /// The answer to a repeated idempotency key whose first call is still being processed:
    /// the Core API's HTTP 202; on Iris, whose 202 is a success, a 503 to retry.
    fn busy(key: &str) -> Reply {
        if key.starts_with(iris::KEY_PREFIX) {
            Reply::Json(
                503,
                json!({
                    "error_message": "The request is still being processed",
                    "errors": ["A request with this X-Idempotency-Key is still being processed; retry"],
                }),
            )
        } else {
            let busy = json!({"status_message": "The request is still being processed"});
            Reply::Json(202, busy)
        }
    }

    /// Second half of an API call: the endpoint itself; a successful answer is stored under
    /// the idempotency key.
    pub(crate) fn process(
        &self,
        call: &Call,
        key: Option<String>,
        bases: &Bases,
    ) -> (Reply, Vec<Delivery>) {
        let (reply, deliveries) = self.route(call, &call.segs(), bases);
        if let Some(key) = key {
            let limits = self.limits();
            let mut state = self.state();
            if is_success(&reply) {
                state.remember_key(key, Instant::now(), Some(reply.clone()), limits);
            } else {
                state.idempotency.remove(&key);
            }
        }
        (reply, deliveries)
    }

    /// How many transactions are held.
    pub(crate) fn transaction_count(&self) -> usize {
        self.state().transactions.len()
    }

    /// How much is held.
    pub(crate) fn retained(&self) -> crate::Retained {
        self.state().retained()
    }

    /// Forgets an idempotency key whose call failed before it was processed.
    pub(crate) fn forget(&self, key: &str) {
        self.state().idempotency.remove(key);
    }

    fn authenticate(&self, call: &Call, segs: &[&str]) -> Result<(), Reply> {
        let client_key_endpoint = matches!(segs, ["v2", "token"] | ["v2", "card", "register"]);
        if segs == [google_pay::PREFIX, "google_auth"] {
            // Google Pay's JWT: the client key, as HTTP Basic only.
            if basic_user(call).as_deref() == Some(self.config.client_key.as_str()) {
                return Ok(());
            }
            return Err(core_error(401, UNAUTHORIZED, &self.rng));
        }
        let provided = basic_user(call);
        let server = provided.as_deref() == Some(self.config.server_key.as_str());
        let client = |k: Option<&str>| k == Some(self.config.client_key.as_str());
        let ok = if client_key_endpoint {
            client(call.query("client_key")) || client(provided.as_deref()) || server
        } else if matches!(segs, ["v1", "bins", _]) {
            server || client(provided.as_deref())
        } else {
            server
        };
        if ok {
            return Ok(());
        }
        Err(if segs.first() == Some(&"snap") {
            Reply::Json(
                401,
                json!({"error_messages": [UNAUTHORIZED, "Visit https://snap-docs.midtrans.com/#request-headers for more details"]}),
            )
        } else if segs.get(..2) == Some(&["v1", "payment-links"][..]) {
            Reply::Json(
                401,
                json!({"error_messages": "Access denied due to unauthorized request"}),
            )
        } else if segs.first() == Some(&"v1") && segs.get(1) == Some(&"subscriptions") {
            Reply::Json(401, json!({"status_message": UNAUTHORIZED}))
        } else {
            core_error(401, UNAUTHORIZED, &self.rng)
        })
    }
}

/// The user name of an HTTP Basic `Authorization` with an empty password: the key.
fn basic_user(call: &Call) -> Option<String> {
    call.header("authorization")
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|v| base64::engine::general_purpose::STANDARD.decode(v).ok())
        .and_then(|v| String::from_utf8(v).ok())
        .and_then(|v| v.strip_suffix(':').map(str::to_owned))
}

/// `X-Override-Notification` replaces the configured URL; `X-Append-Notification` adds to it.
fn notify_targets(call: &Call, config: &MockConfig) -> Vec<String> {
    let split = |v: &str| -> Vec<String> {
        v.split(',')
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .take(3)
            .map(str::to_owned)
            .collect()
    };
    if let Some(urls) = call.header("x-override-notification") {
        return split(urls);
    }
    let mut urls: Vec<String> = config.notification_url.iter().cloned().collect();
    if let Some(more) = call.header("x-append-notification") {
        urls.extend(split(more));
    }
    urls
}

/// A Core API request body: an empty body or JSON `null` is Midtrans's "unexpected error"
/// (HTTP 500); text that is not JSON is 413 "malformed syntax".
fn json_body(call: &Call, rng: &Rng) -> Result<Value, Reply> {
    if call.body.iter().all(u8::is_ascii_whitespace) {
        return Err(core_error(500, UNEXPECTED, rng));
    }
    match serde_json::from_slice(&call.body) {
        Ok(Value::Null) => Err(core_error(500, UNEXPECTED, rng)),
        Ok(body) => Ok(body),
        Err(_) => Err(core_error(
            413,
            "The request cannot be processed due to malformed syntax in the request body",
            rng,
        )),
    }
}

/// `a=1&b=x+y` pairs, percent-decoded (query strings and HTML form bodies).
pub(crate) fn form_pairs(text: &str) -> Vec<(String, String)> {
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(&s.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    text.split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect()
}

/// Which order ids a product accepts.
#[derive(Clone, Copy, Debug, PartialEq)]
enum OrderIds {
    /// Core API: Midtrans's documented charset, `A-Za-z0-9-_~.`.
    Core,
    /// Snap: any printable text (the sandbox takes spaces and colons).
    Snap,
}

/// Midtrans's checks of `transaction_details` and `item_details`: the order id and the gross
/// amount, which must equal the sum of price × quantity when items are given. Sums that do
/// not fit are a validation error, never an overflow.
fn transaction_details(body: &Value, ids: OrderIds) -> Result<(String, u64), Vec<String>> {
    let details = &body["transaction_details"];
    let order_id = details["order_id"].as_str().unwrap_or_default().to_owned();
    let mut errors = Vec::new();
    let allowed = |c: char| match ids {
        OrderIds::Core => c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '~' | '.'),
        OrderIds::Snap => !c.is_control(),
    };
    if order_id.is_empty() {
        errors.push("transaction_details.order_id is required".to_owned());
    } else if order_id.chars().count() > 50 || !order_id.chars().all(allowed) {
        errors.push("transaction_details.order_id is invalid".to_owned());
    }
    let gross = details["gross_amount"].as_u64().or_else(|| {
        details["gross_amount"]
            .as_str()
            .and_then(|s| s.parse().ok())
    });
    match gross {
        Some(0) | None => errors.push(
            "transaction_details.gross_amount must be greater than or equal to 0.01".to_owned(),
        ),
        Some(_) => {}
    }
    if let (Some(items), Some(gross)) = (body["item_details"].as_array(), gross) {
        let sum = items.iter().try_fold(0_i64, |sum, item| {
            let price = item["price"].as_i64().unwrap_or(0);
            let quantity = item["quantity"].as_i64().unwrap_or(0);
            sum.checked_add(price.checked_mul(quantity)?)
        });
        match sum {
            None => {
                errors.push("item_details price multiplied by quantity is too large".to_owned())
            }
            Some(sum) if i128::from(sum) != i128::from(gross) => errors.push(
                "transaction_details.gross_amount is not equal to the sum of item_details"
                    .to_owned(),
            ),
            Some(_) => {}
        }
    }
    if errors.is_empty() {
        Ok((order_id, gross.unwrap_or_default()))
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const KEY: &str = "SB-Mid-server-BOUND";

    fn call(method: http::Method, path: &str, body: &str) -> Call {
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let mut headers = http::HeaderMap::new();
        let basic = base64::engine::general_purpose::STANDARD.encode(format!("{KEY}:"));
        headers.insert(
            "authorization",
            http::HeaderValue::from_str(&format!("Basic {basic}")).unwrap(),
        );
        Call {
            method,
            segments: path
                .split('/')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            query: form_pairs(query),
            headers,
            body: body.as_bytes().to_vec(),
        }
    }

    fn run(sim: &Simulator, call: &Call) -> Reply {
        let bases = Bases {
            core: "http://127.0.0.1:1".into(),
            app: "http://127.0.0.1:1".into(),
        };
        match sim.prepare(call, &bases) {
            Prepared::Done(reply, _) => reply,
            Prepared::Process(key) => sim.process(call, key, &bases).0,
        }
    }

    #[test]
    fn records_that_grow_after_they_were_stored_stay_within_the_byte_bound() {
        const BOUND: usize = 256 << 10;
        let config = MockConfig::default().server_key(KEY).max_state_bytes(BOUND);
        let sim = Simulator::new(config);
        let charge = |n: usize| {
            call(
                http::Method::POST,
                "/v2/charge",
                &format!(
                    r#"{{"payment_type":"bank_transfer","bank_transfer":{{"bank":"bca"}},"transaction_details":{{"order_id":"grow-{n}","gross_amount":10000000}}}}"#
                ),
            )
        };
        // Filled up to the bound with pending transfers, the newest then settled.
        let mut n = 0;
        while sim.retained().bytes < BOUND - 2_000 {
            assert!(is_success(&run(&sim, &charge(n))));
            n += 1;
        }
        let last = format!("grow-{}", n - 1);
        let pay = call(http::Method::POST, &format!("/_mock/orders/{last}/pay"), "");
        assert!(is_success(&run(&sim, &pay)));
        // Each partial refund adds a line to the transaction's refunds: it grows in place.
        let refund = call(
            http::Method::POST,
            &format!("/v2/{last}/refund"),
            &format!(r#"{{"amount":1000,"reason":"{}"}}"#, "r".repeat(200)),
        );
        let mut most = 0;
        for _ in 0..50 {
            assert!(is_success(&run(&sim, &refund)));
            most = most.max(sim.retained().bytes);
        }
        assert!(
            most <= BOUND,
            "{most} bytes held at most, the bound is {BOUND}"
        );
    }

    #[test]
    fn charge_cancel_cycles_and_card_registers_stay_within_the_byte_bound() {
        const BOUND: usize = 4 << 20;
        let config = MockConfig::default().server_key(KEY).max_state_bytes(BOUND);
        let sim = Simulator::new(config);
        let charge = call(
            http::Method::POST,
            "/v2/charge",
            r#"{"payment_type":"bank_transfer","bank_transfer":{"bank":"bca"},"transaction_details":{"order_id":"cycle-1","gross_amount":10000}}"#,
        );
        let cancel = call(http::Method::POST, "/v2/cycle-1/cancel", "");
        let mut most = 0;
        for cycle in 0..50_000 {
            let charged = run(&sim, &charge);
            assert!(is_success(&charged), "cycle {cycle}: {charged:?}");
            let cancelled = run(&sim, &cancel);
            assert!(is_success(&cancelled), "cycle {cycle}: {cancelled:?}");
            most = most.max(sim.retained().bytes);
        }
        let held = sim.retained();
        assert!(most <= BOUND, "{most} bytes held at most");
        assert!(held.transactions > 1_000, "{held:?}");
        assert!(
            held.transactions < 50_000,
            "the oldest were forgotten: {held:?}"
        );
        assert_eq!(held.order_ids, 1);
        println!("after 50,000 charge/cancel cycles: {held:?}; at most {most} bytes held");
        let register = call(
            http::Method::GET,
            "/v2/card/register?card_number=4811111111111114&card_exp_month=12&card_exp_year=2099",
            "",
        );
        for _ in 0..100_000 {
            assert!(is_success(&run(&sim, &register)));
            most = most.max(sim.retained().bytes);
        }
        let held = sim.retained();
        assert!(most <= BOUND, "{most} bytes held at most");
        assert!(
            held.saved_cards > 1_000 && held.saved_cards < 100_000,
            "{held:?}"
        );
        println!("after the cycles and registers: {held:?}; at most {most} bytes held");
    }

    #[test]
    fn item_sums_that_overflow_are_a_validation_error() {
        let body = json!({
            "transaction_details": {"order_id": "o-1", "gross_amount": 10},
            "item_details": [
                {"price": i64::MAX, "quantity": i64::MAX},
                {"price": i64::MAX, "quantity": i64::MAX},
                {"price": i64::MAX, "quantity": i64::MAX},
            ],
        });
        let errors = transaction_details(&body, OrderIds::Core).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("too large"), "{errors:?}");
        let body = json!({
            "transaction_details": {"order_id": "o-1", "gross_amount": 10},
            "item_details": [{"price": i64::MAX, "quantity": 1}, {"price": 1, "quantity": 1}],
        });
        assert!(transaction_details(&body, OrderIds::Core).is_err());
    }

    #[test]
    fn snap_takes_spaces_and_colons_in_order_ids_and_core_does_not() {
        let body = json!({"transaction_details": {"order_id": "INV 2026:01", "gross_amount": 10}});
        assert!(transaction_details(&body, OrderIds::Snap).is_ok());
        assert!(transaction_details(&body, OrderIds::Core).is_err());
    }
}
