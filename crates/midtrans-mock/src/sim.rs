//! The simulator's state machine: every endpoint as a pure function of (request, state), no I/O.
//! The HTTP layer ([`crate::server`]) parses requests into [`Call`]s and sends the
//! notifications each call produces.
// Read-only `serde_json::Value["key"]` yields `Null` for absent keys or non-objects and never
// panics; it is how the simulator reads lenient request bodies.
#![allow(clippy::indexing_slicing)]

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha512};

use crate::ids::{core_time, iso_time, now, Rng};
use crate::MockConfig;

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

    fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn segs(&self) -> Vec<&str> {
        self.segments.iter().map(String::as_str).collect()
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
        Reply::Html(..) | Reply::Script(..) => false,
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
}

impl Reply {
    pub(crate) fn status(&self) -> u16 {
        match self {
            Reply::Json(status, _) | Reply::Html(status, _) => *status,
            Reply::Script(_) => 200,
        }
    }
}

/// A signed notification to deliver.
#[derive(Clone, Debug)]
pub(crate) struct Delivery {
    pub(crate) urls: Vec<String>,
    pub(crate) body: Vec<u8>,
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

const DUPLICATE_ORDER: &str = "The request could not be completed due to a conflict with the current state of the target resource, please try again";

const UNAUTHORIZED: &str =
    "Access denied due to unauthorized transaction, please check client or server key";

/// A transaction the simulator knows.
#[derive(Clone, Debug)]
struct Order {
    order_id: String,
    transaction_id: String,
    payment_type: String,
    gross_amount: u64,
    status: String,
    fraud: Option<String>,
    transaction_time: String,
    settlement_time: Option<String>,
    /// Payment-specific answer fields (va_numbers, bill_key, actions, card fields, …).
    fields: Map<String, Value>,
    refunds: Vec<Value>,
    refunded: u64,
    refund_keys: Vec<String>,
    notify: Vec<String>,
    custom: Map<String, Value>,
}

impl Order {
    fn status_code(&self) -> &'static str {
        match self.status.as_str() {
            "pending" => "201",
            "deny" | "expire" => "202",
            _ => "200",
        }
    }

    fn amount_text(&self) -> String {
        format!("{}.00", self.gross_amount)
    }

    fn body(&self, merchant_id: &str, status_code: &str, message: &str) -> Value {
        let mut body = Map::new();
        body.insert("status_code".into(), status_code.into());
        body.insert("status_message".into(), message.into());
        body.insert("transaction_id".into(), self.transaction_id.clone().into());
        body.insert("order_id".into(), self.order_id.clone().into());
        body.insert("merchant_id".into(), merchant_id.into());
        body.insert("gross_amount".into(), self.amount_text().into());
        body.insert("currency".into(), "IDR".into());
        body.insert("payment_type".into(), self.payment_type.clone().into());
        body.insert(
            "transaction_time".into(),
            self.transaction_time.clone().into(),
        );
        body.insert("transaction_status".into(), self.status.clone().into());
        if let Some(fraud) = &self.fraud {
            body.insert("fraud_status".into(), fraud.clone().into());
        }
        if let Some(time) = &self.settlement_time {
            body.insert("settlement_time".into(), time.clone().into());
        }
        for (k, v) in self.fields.iter().chain(&self.custom) {
            body.insert(k.clone(), v.clone());
        }
        if self.refunded > 0 {
            body.insert(
                "refund_amount".into(),
                format!("{}.00", self.refunded).into(),
            );
            body.insert("refunds".into(), Value::Array(self.refunds.clone()));
        }
        Value::Object(body)
    }
}

/// A Snap session waiting for the customer.
#[derive(Clone, Debug)]
struct SnapSession {
    order_id: String,
    gross_amount: u64,
    notify: Vec<String>,
    cancelled: bool,
}

#[derive(Debug, Default)]
struct State {
    orders: HashMap<String, Order>,
    by_transaction: HashMap<String, String>,
    order_log: VecDeque<String>,
    snap: HashMap<String, SnapSession>,
    snap_log: VecDeque<String>,
    subscriptions: HashMap<String, Value>,
    pay_accounts: HashMap<String, Value>,
    idempotency: HashMap<String, (Instant, Option<Reply>)>,
    /// When each idempotency entry was written, oldest first: expired entries are found here
    /// without scanning the map.
    idempotency_log: VecDeque<(Instant, String)>,
    saved_cards: HashMap<String, String>,
}

impl State {
    fn order_mut(&mut self, id: &str) -> Option<&mut Order> {
        let key = if self.orders.contains_key(id) {
            id.to_owned()
        } else {
            self.by_transaction.get(id)?.clone()
        };
        self.orders.get_mut(&key)
    }

    /// Stores an idempotency entry written at `at`.
    fn remember_key(&mut self, key: String, at: Instant, reply: Option<Reply>) {
        self.idempotency_log.push_back((at, key.clone()));
        self.idempotency.insert(key, (at, reply));
    }

    /// Forgets the idempotency entries older than [`IDEMPOTENCY_TTL`] at `now`: the log's
    /// oldest first, each only if the map still holds the entry the log line wrote.
    fn expire_keys(&mut self, now: Instant) {
        while let Some((at, _)) = self.idempotency_log.front() {
            if now.duration_since(*at) < IDEMPOTENCY_TTL {
                break;
            }
            let Some((at, key)) = self.idempotency_log.pop_front() else {
                break;
            };
            if self
                .idempotency
                .get(&key)
                .is_some_and(|(written, _)| *written == at)
            {
                self.idempotency.remove(&key);
            }
        }
    }

    fn insert_order(&mut self, order: Order, cap: usize) {
        self.by_transaction
            .insert(order.transaction_id.clone(), order.order_id.clone());
        self.order_log.push_back(order.order_id.clone());
        self.orders.insert(order.order_id.clone(), order);
        while self.orders.len() > cap {
            let Some(oldest) = self.order_log.pop_front() else {
                break;
            };
            if let Some(old) = self.orders.remove(&oldest) {
                self.by_transaction.remove(&old.transaction_id);
            }
        }
    }
}

/// How long an idempotency key is remembered.
const IDEMPOTENCY_TTL: Duration = Duration::from_secs(300);
/// Longer keys are ignored, as Midtrans ignores them.
const IDEMPOTENCY_MAX_LEN: usize = 46;

/// The simulator.
#[derive(Debug)]
pub(crate) struct Simulator {
    pub(crate) config: MockConfig,
    state: Mutex<State>,
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
        Simulator {
            config,
            state: Mutex::new(State::default()),
            rng: Rng::seeded(),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// First half of a call: control and page calls are answered at once; API calls are
    /// authenticated and checked against the idempotency cache.
    pub(crate) fn prepare(&self, call: &Call, bases: &Bases) -> Prepared {
        let segs = call.segs();
        if segs.first() == Some(&"_mock") {
            let (reply, deliveries) = self.control(call, &segs);
            return Prepared::Done(reply, deliveries);
        }
        if segs.get(..2) == Some(&["snap", "v3"]) {
            let (reply, deliveries) = self.snap_page(call, &segs, bases);
            return Prepared::Done(reply, deliveries);
        }
        // The scripts a merchant's pages load, and the card issuer's 3-D Secure page: public,
        // as on Midtrans.
        match (&call.method, segs.as_slice()) {
            (&http::Method::GET, ["snap", "snap.js"]) => {
                return Prepared::Done(Reply::Script(crate::page::SNAP_JS), Vec::new())
            }
            (&http::Method::GET, ["v2", "assets", "js", "midtrans-new-3ds.min.js"]) => {
                return Prepared::Done(Reply::Script(crate::page::NEW_3DS_JS), Vec::new())
            }
            (_, ["v2", "token", "rba", "redirect", id]) => {
                let (reply, deliveries) = self.three_ds_page(call, id);
                return Prepared::Done(reply, deliveries);
            }
            _ => {}
        }
        if let Err(reply) = self.authenticate(call, &segs, segs.first() == Some(&"snap")) {
            return Prepared::Done(reply, Vec::new());
        }
        let key = call
            .header("idempotency-key")
            .filter(|k| !k.is_empty() && k.len() <= IDEMPOTENCY_MAX_LEN)
            .filter(|_| call.method == http::Method::POST)
            .map(str::to_owned);
        if let Some(key) = &key {
            let mut state = self.state();
            let fresh = Instant::now();
            state.expire_keys(fresh);
            match state.idempotency.get(key) {
                Some((_, Some(stored))) => return Prepared::Done(stored.clone(), Vec::new()),
                Some((_, None)) => {
                    let busy = json!({"status_message": "The request is still being processed"});
                    return Prepared::Done(Reply::Json(202, busy), Vec::new());
                }
                None => state.remember_key(key.clone(), fresh, None),
            }
        }
        Prepared::Process(key)
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
            let mut state = self.state();
            if is_success(&reply) {
                state.remember_key(key, Instant::now(), Some(reply.clone()));
            } else {
                state.idempotency.remove(&key);
            }
        }
        (reply, deliveries)
    }

    /// How many transactions are held.
    pub(crate) fn transaction_count(&self) -> usize {
        self.state().orders.len()
    }

    /// Forgets an idempotency key whose call failed before it was processed.
    pub(crate) fn forget(&self, key: &str) {
        self.state().idempotency.remove(key);
    }

    fn authenticate(&self, call: &Call, segs: &[&str], is_snap: bool) -> Result<(), Reply> {
        let client_key_endpoint = matches!(segs, ["v2", "token"] | ["v2", "card", "register"]);
        let provided = call
            .header("authorization")
            .and_then(|v| v.strip_prefix("Basic "))
            .and_then(|v| base64::engine::general_purpose::STANDARD.decode(v).ok())
            .and_then(|v| String::from_utf8(v).ok())
            .and_then(|v| v.strip_suffix(':').map(str::to_owned));
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
        Err(if is_snap {
            Reply::Json(
                401,
                json!({"error_messages": [UNAUTHORIZED, "Visit https://snap-docs.midtrans.com/#request-headers for more details"]}),
            )
        } else if segs.first() == Some(&"v1") && segs.get(1) == Some(&"subscriptions") {
            Reply::Json(401, json!({"status_message": UNAUTHORIZED}))
        } else {
            core_error(401, UNAUTHORIZED, &self.rng)
        })
    }

    fn route(&self, call: &Call, segs: &[&str], bases: &Bases) -> (Reply, Vec<Delivery>) {
        use http::Method as M;
        let none = |reply| (reply, Vec::new());
        match (&call.method, segs) {
            (&M::POST, ["snap", "v1", "transactions"]) => none(self.snap_create(call, bases)),
            (&M::POST, ["snap", "v1", "transactions", token, "cancel"]) => {
                none(self.snap_cancel(token))
            }
            (&M::POST, ["v2", "charge"]) => match json_body(call, &self.rng) {
                Ok(body) => self.charge(&body, notify_targets(call, &self.config), bases),
                Err(reply) => none(reply),
            },
            (&M::POST, ["v2", "capture"]) => match json_body(call, &self.rng) {
                Ok(body) => self.capture(&body),
                Err(reply) => none(reply),
            },
            (&M::GET, ["v2", "token"]) => none(self.card_token(call)),
            (&M::GET, ["v2", "card", "register"]) => none(self.card_register(call)),
            (&M::GET, ["v2", "point_inquiry", token]) => none(self.point_inquiry(token)),
            (&M::GET, ["v1", "bins", bin]) => none(self.bin(bin)),
            (&M::POST, ["v1", "subscriptions"]) => match json_body(call, &self.rng) {
                Ok(body) => none(self.subscription_create(&body)),
                Err(reply) => none(reply),
            },
            (&M::GET, ["v1", "subscriptions", id]) => none(self.subscription_get(id)),
            (&M::PATCH, ["v1", "subscriptions", id]) => match json_body(call, &self.rng) {
                Ok(body) => none(self.subscription_update(id, &body)),
                Err(reply) => none(reply),
            },
            (&M::POST, ["v1", "subscriptions", id, action @ ("enable" | "disable" | "cancel")]) => {
                none(self.subscription_action(id, action))
            }
            (&M::POST, ["v2", "pay", "account"]) => match json_body(call, &self.rng) {
                Ok(body) => none(self.pay_account_link(&body, bases)),
                Err(reply) => none(reply),
            },
            (&M::GET, ["v2", "pay", "account", id]) => none(self.pay_account_get(id)),
            (&M::POST, ["v2", "pay", "account", id, "unbind"]) => none(self.pay_account_unbind(id)),
            (&M::GET, ["v2", id, "status"]) => none(self.status(id)),
            (&M::GET, ["v2", id, "status", "b2b"]) => none(self.status_b2b(id)),
            (&M::POST, ["v2", id, action @ ("approve" | "deny" | "cancel" | "expire")]) => {
                self.action(id, action)
            }
            (&M::POST, ["v2", id, "refund"])
            | (&M::POST, ["v2", id, "refund", "online", "direct"]) => {
                match json_body(call, &self.rng) {
                    Ok(body) => self.refund(id, &body),
                    Err(reply) => none(reply),
                }
            }
            (method, _) if [M::GET, M::POST, M::PATCH].contains(method) => none(core_error(
                404,
                "The requested resource is not found",
                &self.rng,
            )),
            _ => none(core_error(405, "HTTP method not allowed", &self.rng)),
        }
    }

    // ---------------------------------------------------------------- notifications

    /// `signature_key`: lowercase hex SHA-512 of order id, status code, amount and server key.
    fn signature(&self, order: &Order) -> String {
        let input = format!(
            "{}{}{}{}",
            order.order_id,
            order.status_code(),
            order.amount_text(),
            self.config.server_key
        );
        let mut hex = String::with_capacity(128);
        for byte in Sha512::digest(input.as_bytes()) {
            hex.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
            hex.push(char::from_digit(u32::from(byte & 0x0f), 16).unwrap_or('0'));
        }
        hex
    }

    /// The order as a signed notification body.
    fn signed(&self, order: &Order) -> Vec<u8> {
        let mut body = order.body(
            &self.config.merchant_id,
            order.status_code(),
            "midtrans payment notification",
        );
        if let Value::Object(map) = &mut body {
            map.insert("signature_key".into(), self.signature(order).into());
        }
        serde_json::to_vec(&body).unwrap_or_default()
    }

    fn notify(&self, order: &Order) -> Vec<Delivery> {
        if order.notify.is_empty() {
            return Vec::new();
        }
        vec![Delivery {
            urls: order.notify.clone(),
            body: self.signed(order),
        }]
    }

    // ---------------------------------------------------------------- Snap

    fn snap_create(&self, call: &Call, bases: &Bases) -> Reply {
        let snap_error = |status: u16, message: String| {
            Reply::Json(status, json!({"error_messages": [message]}))
        };
        let Ok(body) = serde_json::from_slice::<Value>(&call.body) else {
            return snap_error(400, "request body is not valid JSON".into());
        };
        let (order_id, gross) = match transaction_details(&body) {
            Ok(details) => details,
            Err(messages) => return Reply::Json(400, json!({"error_messages": messages})),
        };
        let mut state = self.state();
        if state.orders.contains_key(&order_id)
            || state
                .snap
                .values()
                .any(|s| s.order_id == order_id && !s.cancelled)
        {
            return snap_error(
                400,
                "transaction_details.order_id has already been taken".into(),
            );
        }
        let token = self.rng.uuid();
        state.snap.insert(
            token.clone(),
            SnapSession {
                order_id,
                gross_amount: gross,
                notify: notify_targets(call, &self.config),
                cancelled: false,
            },
        );
        state.snap_log.push_back(token.clone());
        while state.snap.len() > self.config.max_orders {
            let Some(old) = state.snap_log.pop_front() else {
                break;
            };
            state.snap.remove(&old);
        }
        Reply::Json(
            201,
            json!({"token": token, "redirect_url": format!("{}/snap/v3/redirection/{token}", bases.app)}),
        )
    }

    fn snap_cancel(&self, token: &str) -> Reply {
        let mut state = self.state();
        let paid = state
            .snap
            .get(token)
            .is_some_and(|s| state.orders.contains_key(&s.order_id));
        match state.snap.get_mut(token) {
            None => Reply::Json(404, json!({"error_messages": ["token not found"]})),
            Some(session) if session.cancelled => {
                Reply::Json(400, json!({"error_messages": ["token already canceled"]}))
            }
            Some(_) if paid => Reply::Json(
                400,
                json!({"error_messages": ["Transaction is on progress"]}),
            ),
            Some(session) => {
                session.cancelled = true;
                let at = chrono::Utc::now()
                    .format("%Y-%m-%dT%H:%M:%S%.3fZ")
                    .to_string();
                Reply::Json(200, json!({"canceled_at": at}))
            }
        }
    }

    fn snap_page(&self, call: &Call, segs: &[&str], bases: &Bases) -> (Reply, Vec<Delivery>) {
        let Some(token) = segs.get(3).copied() else {
            return (Reply::Html(404, "<h1>Not found</h1>".into()), Vec::new());
        };
        let session = self.state().snap.get(token).cloned();
        let Some(session) = session else {
            return (
                Reply::Html(404, "<h1>Payment page not found</h1>".into()),
                Vec::new(),
            );
        };
        if session.cancelled {
            return (
                Reply::Html(410, "<h1>This payment page was cancelled</h1>".into()),
                Vec::new(),
            );
        }
        if call.method == http::Method::POST && segs.get(4) == Some(&"pay") {
            let form: HashMap<String, String> = url_form(&call.body);
            let method = form.get("method").map(String::as_str).unwrap_or("bca_va");
            let charge = snap_charge_body(method, &session);
            let (reply, mut deliveries) = self.charge(&charge, session.notify.clone(), bases);
            if !is_success(&reply) {
                let result = match reply {
                    Reply::Json(_, body) => body,
                    _ => Value::Null,
                };
                let page = crate::page::result_page(
                    "This order could not be paid.",
                    &result,
                    "midtrans-mock-snap",
                );
                return (Reply::Html(200, page), Vec::new());
            }
            // A wallet or QR payment is confirmed in the app at once; a virtual account or
            // store payment waits for the customer to pay at the bank or the till (the control
            // API's `pay`); a card payment is captured.
            if matches!(method, "gopay" | "qris" | "other_qris") {
                if let Ok(more) = self.control_transition(&session.order_id, "pay") {
                    deliveries.extend(more);
                }
            }
            let result = self.page_result(&session.order_id);
            let message = match result["transaction_status"].as_str() {
                Some("pending") => {
                    format!("Order {} is waiting for your payment.", session.order_id)
                }
                Some("settlement" | "capture") => {
                    format!("Order {} is paid with {method}.", session.order_id)
                }
                _ => "This order could not be paid.".to_owned(),
            };
            let page = crate::page::result_page(&message, &result, "midtrans-mock-snap");
            return (Reply::Html(200, page), deliveries);
        }
        let html = crate::page::payment_page(token, &session.order_id, session.gross_amount);
        (Reply::Html(200, html), Vec::new())
    }

    /// The status answer a result page hands to the merchant's page, as Snap's callbacks get
    /// it: without `signature_key`, which is for the merchant's server.
    fn page_result(&self, order_id: &str) -> Value {
        match self.status(order_id) {
            Reply::Json(_, Value::Object(mut body)) => {
                body.remove("signature_key");
                Value::Object(body)
            }
            _ => Value::Null,
        }
    }

    /// The card issuer's 3-D Secure page of a card charge made with `authentication: true`:
    /// GET shows the OTP form; POST with the right OTP captures the payment, any other denies
    /// it; either way the notification is sent and the result page hands the status back.
    fn three_ds_page(&self, call: &Call, id: &str) -> (Reply, Vec<Delivery>) {
        let mut state = self.state();
        let Some(order) = state.order_mut(id) else {
            return (
                Reply::Html(404, crate::page::message("Transaction not found")),
                Vec::new(),
            );
        };
        let waiting = order.payment_type == "credit_card"
            && order.status == "pending"
            && order.fields.contains_key("redirect_url");
        if !waiting {
            let order_id = order.order_id.clone();
            drop(state);
            let result = self.page_result(&order_id);
            let page = crate::page::result_page(
                "This payment is not waiting for authentication.",
                &result,
                "midtrans-mock-3ds",
            );
            return (Reply::Html(200, page), Vec::new());
        }
        if call.method != http::Method::POST {
            let page = crate::page::three_ds_page(id, &order.order_id, order.gross_amount);
            return (Reply::Html(200, page), Vec::new());
        }
        let form: HashMap<String, String> = url_form(&call.body);
        let authenticated = form.get("otp").map(String::as_str) == Some(crate::page::OTP);
        order.fields.remove("redirect_url");
        order.fields.insert("eci".into(), "05".into());
        if authenticated {
            order.status = "capture".into();
            order
                .fields
                .insert("approval_code".into(), self.rng.digits(13).into());
            order
                .fields
                .insert("channel_response_code".into(), "00".into());
            order
                .fields
                .insert("channel_response_message".into(), "Approved".into());
        } else {
            order.status = "deny".into();
            order
                .fields
                .insert("channel_response_code".into(), "05".into());
            order.fields.insert(
                "channel_response_message".into(),
                "3-D Secure authentication failed".into(),
            );
        }
        let order = order.clone();
        drop(state);
        let result = self.page_result(&order.order_id);
        let message = if authenticated {
            "Authenticated: the payment is captured."
        } else {
            "Authentication failed: the payment is denied."
        };
        let page = crate::page::result_page(message, &result, "midtrans-mock-3ds");
        (Reply::Html(200, page), self.notify(&order))
    }

    // ---------------------------------------------------------------- charge

    fn charge(&self, body: &Value, notify: Vec<String>, bases: &Bases) -> (Reply, Vec<Delivery>) {
        let (order_id, gross) = match transaction_details(body) {
            Ok(details) => details,
            Err(messages) => return (validation(&messages, &self.rng), Vec::new()),
        };
        let payment_type = body["payment_type"].as_str().unwrap_or_default().to_owned();
        let transaction_id = self.rng.uuid();
        let at = now();
        let mut fields = Map::new();
        let mut status = "pending";
        let mut fraud = Some("accept".to_owned());
        let message;
        match payment_type.as_str() {
            "bank_transfer" => {
                let bank = body["bank_transfer"]["bank"].as_str().unwrap_or_default();
                let custom = body["bank_transfer"]["va_number"].as_str();
                match bank {
                    "permata" => {
                        let number = custom.map_or_else(|| self.rng.digits(11), str::to_owned);
                        fields.insert("permata_va_number".into(), number.into());
                        message = "Success, PERMATA VA transaction is successful";
                    }
                    "bca" | "bni" | "bri" | "cimb" => {
                        let number = format!(
                            "{}{}",
                            self.config.merchant_digits(),
                            custom.map_or_else(|| self.rng.digits(8), str::to_owned)
                        );
                        fields.insert(
                            "va_numbers".into(),
                            json!([{"bank": bank, "va_number": number}]),
                        );
                        message = "Success, Bank Transfer transaction is created";
                    }
                    _ => {
                        return (
                            validation(&["bank_transfer.bank is not supported".into()], &self.rng),
                            Vec::new(),
                        )
                    }
                }
                fields.insert(
                    "expiry_time".into(),
                    core_time(at + chrono::Duration::hours(24)).into(),
                );
            }
            "echannel" => {
                fields.insert("bill_key".into(), self.rng.digits(12).into());
                fields.insert("biller_code".into(), "70012".into());
                message = "OK, Mandiri Bill transaction is successful";
            }
            "gopay" | "shopeepay" | "qris" => {
                let base = format!("{}/v2/{transaction_id}", bases.core);
                let mut actions = vec![];
                if payment_type != "shopeepay" {
                    actions.push(json!({"name": "generate-qr-code", "method": "GET", "url": format!("{}/v2/{payment_type}/{transaction_id}/qr-code", bases.core)}));
                }
                if payment_type != "qris" {
                    actions.push(json!({"name": "deeplink-redirect", "method": "GET", "url": format!("{}/simulator/{payment_type}/{transaction_id}", bases.app)}));
                }
                if payment_type == "gopay" {
                    actions.push(json!({"name": "get-status", "method": "GET", "url": format!("{base}/status")}));
                    actions.push(json!({"name": "cancel", "method": "POST", "url": format!("{base}/cancel")}));
                }
                fields.insert("actions".into(), Value::Array(actions));
                if payment_type == "qris" {
                    fields.insert("qr_string".into(), format!("00020101021226620014COM.GO-JEK.WWW0118MOCK{}5802ID5913MIDTRANS MOCK6304ABCD", self.rng.digits(12)).into());
                    fields.insert(
                        "acquirer".into(),
                        body["qris"]["acquirer"].as_str().unwrap_or("gopay").into(),
                    );
                    fields.insert(
                        "expire_time".into(),
                        core_time(at + chrono::Duration::minutes(15)).into(),
                    );
                }
                message = match payment_type.as_str() {
                    "gopay" => "GO-PAY transaction is created",
                    "qris" => "QRIS transaction is created",
                    _ => "ShopeePay transaction is created",
                };
            }
            "cstore" => {
                let store = body["cstore"]["store"].as_str().unwrap_or("indomaret");
                fields.insert("payment_code".into(), self.rng.digits(18).into());
                fields.insert("store".into(), store.into());
                fraud = None;
                message = "Success, cstore transaction is successful";
            }
            "credit_card" => {
                let Some(token) = body["credit_card"]["token_id"].as_str() else {
                    return (
                        core_error(411, "token_id is missing, invalid, or timed out", &self.rng),
                        Vec::new(),
                    );
                };
                let card = crate::cards::by_token(token, &self.state().saved_cards);
                fields.insert("masked_card".into(), card.masked.clone().into());
                fields.insert("card_type".into(), "credit".into());
                fields.insert(
                    "bank".into(),
                    body["credit_card"]["bank"].as_str().unwrap_or("bni").into(),
                );
                let authorize = body["credit_card"]["type"].as_str() == Some("authorize");
                let three_ds =
                    body["credit_card"]["authentication"].as_bool() == Some(true) && card.three_ds;
                message = "Success, Credit Card transaction is successful";
                match card.outcome {
                    crate::cards::Outcome::BankDeny | crate::cards::Outcome::FraudDeny => {
                        status = "deny";
                        fraud = Some(
                            if card.outcome == crate::cards::Outcome::FraudDeny {
                                "deny"
                            } else {
                                "accept"
                            }
                            .into(),
                        );
                        fields.insert("channel_response_code".into(), "05".into());
                        fields.insert("channel_response_message".into(), "Do not honour".into());
                    }
                    _ if three_ds => {
                        fields.insert(
                            "redirect_url".into(),
                            format!("{}/v2/token/rba/redirect/{transaction_id}", bases.core).into(),
                        );
                        fields.insert("three_ds_version".into(), "2".into());
                    }
                    outcome => {
                        status = if authorize { "authorize" } else { "capture" };
                        if outcome == crate::cards::Outcome::Challenge {
                            fraud = Some("challenge".into());
                        }
                        fields.insert("approval_code".into(), self.rng.digits(13).into());
                        fields.insert("eci".into(), "05".into());
                        fields.insert("channel_response_code".into(), "00".into());
                        fields.insert("channel_response_message".into(), "Approved".into());
                    }
                }
                if body["credit_card"]["save_token_id"].as_bool() == Some(true) {
                    let saved = format!(
                        "{}{}{}",
                        card.bin8(),
                        self.rng.alphanumeric(20),
                        card.last4()
                    );
                    self.state()
                        .saved_cards
                        .insert(saved.clone(), card.number.clone());
                    fields.insert("saved_token_id".into(), saved.into());
                }
            }
            "akulaku" | "kredivo" | "bca_klikpay" | "cimb_clicks" | "danamon_online"
            | "bri_epay" | "uob_ezpay" | "bca_klikbca" => {
                if payment_type != "bca_klikbca" {
                    fields.insert(
                        "redirect_url".into(),
                        format!("{}/simulator/{payment_type}/{transaction_id}", bases.app).into(),
                    );
                }
                message = "Success, transaction is created";
            }
            "" => {
                return (
                    validation(&["payment_type is required".into()], &self.rng),
                    Vec::new(),
                )
            }
            _ => {
                return (
                    core_error(402, "Payment channel is not activated.", &self.rng),
                    Vec::new(),
                )
            }
        }
        let mut custom = Map::new();
        for key in [
            "custom_field1",
            "custom_field2",
            "custom_field3",
            "metadata",
        ] {
            if let Some(value) = body.get(key) {
                custom.insert(key.into(), value.clone());
            }
        }
        let order = Order {
            order_id,
            transaction_id,
            payment_type,
            gross_amount: gross,
            status: status.to_owned(),
            fraud,
            transaction_time: core_time(at),
            settlement_time: None,
            fields,
            refunds: Vec::new(),
            refunded: 0,
            refund_keys: Vec::new(),
            notify,
            custom,
        };
        let code = if order.status == "deny" {
            "202"
        } else if order.status == "pending" {
            "201"
        } else {
            "200"
        };
        let reply = Reply::Json(200, order.body(&self.config.merchant_id, code, message));
        let mut state = self.state();
        // Checked under the same lock as the insert, so concurrent charges cannot both win.
        if state
            .orders
            .get(&order.order_id)
            .is_some_and(|existing| existing.status != "cancel")
        {
            return (core_error(406, DUPLICATE_ORDER, &self.rng), Vec::new());
        }
        state.insert_order(order.clone(), self.config.max_orders);
        drop(state);
        (reply, self.notify(&order))
    }

    fn capture(&self, body: &Value) -> (Reply, Vec<Delivery>) {
        let Some(id) = body["transaction_id"].as_str() else {
            return (
                validation(&["transaction_id is required".into()], &self.rng),
                Vec::new(),
            );
        };
        let mut state = self.state();
        let Some(order) = state.order_mut(id) else {
            return (
                core_error(404, "The requested resource is not found", &self.rng),
                Vec::new(),
            );
        };
        if order.status != "authorize" {
            return (
                body_error(
                    412,
                    "Merchant cannot modify the status of the transaction",
                    &self.rng,
                ),
                Vec::new(),
            );
        }
        if let Some(amount) = body["gross_amount"].as_u64() {
            if amount == 0 || amount > order.gross_amount {
                return (
                    validation(&["gross_amount is invalid".into()], &self.rng),
                    Vec::new(),
                );
            }
            order.gross_amount = amount;
        }
        order.status = "capture".into();
        let order = order.clone();
        drop(state);
        let reply = Reply::Json(
            200,
            order.body(
                &self.config.merchant_id,
                "200",
                "Success, Credit Card capture transaction is successful",
            ),
        );
        (reply, self.notify(&order))
    }

    // ---------------------------------------------------------------- status and actions

    fn status(&self, id: &str) -> Reply {
        let mut state = self.state();
        match state.order_mut(id) {
            Some(order) => {
                let order = order.clone();
                drop(state);
                let mut body = order.body(
                    &self.config.merchant_id,
                    order.status_code(),
                    "Success, transaction is found",
                );
                if let Value::Object(map) = &mut body {
                    map.insert("signature_key".into(), self.signature(&order).into());
                }
                Reply::Json(200, body)
            }
            None => body_error(404, "Transaction doesn't exist.", &self.rng),
        }
    }

    fn status_b2b(&self, id: &str) -> Reply {
        match self.status(id) {
            Reply::Json(200, tx) if tx["status_code"] != "404" => Reply::Json(
                200,
                json!({"status_code": "200", "status_message": "Success, transaction is found", "transactions": [tx]}),
            ),
            other => other,
        }
    }

    fn action(&self, id: &str, action: &str) -> (Reply, Vec<Delivery>) {
        let mut state = self.state();
        let Some(order) = state.order_mut(id) else {
            return (
                body_error(404, "Transaction doesn't exist.", &self.rng),
                Vec::new(),
            );
        };
        let challenged = order.status == "capture" && order.fraud.as_deref() == Some("challenge");
        let (allowed, next, code, message) = match action {
            "approve" => (
                challenged,
                "capture",
                "200",
                "Success, transaction is approved",
            ),
            "deny" => (challenged, "deny", "200", "Success, transaction is denied"),
            "cancel" => (
                matches!(order.status.as_str(), "pending" | "authorize" | "capture"),
                "cancel",
                "200",
                "Success, transaction is canceled",
            ),
            _ => (
                order.status == "pending",
                "expire",
                "407",
                "Success, transaction has expired",
            ),
        };
        if !allowed {
            let message = if action == "expire" {
                "Transaction status cannot be updated."
            } else {
                "Merchant cannot modify the status of the transaction"
            };
            return (body_error(412, message, &self.rng), Vec::new());
        }
        order.status = next.into();
        match action {
            "approve" => order.fraud = Some("accept".into()),
            "deny" => order.fraud = Some("deny".into()),
            _ => {}
        }
        let order = order.clone();
        drop(state);
        (
            Reply::Json(200, order.body(&self.config.merchant_id, code, message)),
            self.notify(&order),
        )
    }

    fn refund(&self, id: &str, body: &Value) -> (Reply, Vec<Delivery>) {
        let mut state = self.state();
        let Some(order) = state.order_mut(id) else {
            return (
                body_error(404, "Transaction doesn't exist.", &self.rng),
                Vec::new(),
            );
        };
        if !matches!(
            order.status.as_str(),
            "settlement" | "capture" | "partial_refund"
        ) {
            return (
                body_error(412, "Transaction status cannot be updated.", &self.rng),
                Vec::new(),
            );
        }
        let key = body["refund_key"].as_str().map(str::to_owned);
        if let Some(key) = &key {
            if order.refund_keys.contains(key) {
                return (
                    body_error(406, "Duplicate refund_key.", &self.rng),
                    Vec::new(),
                );
            }
        }
        let remaining = order.gross_amount - order.refunded;
        let amount = match body.get("amount") {
            None | Some(Value::Null) => remaining,
            Some(value) => match value.as_u64() {
                Some(amount) if amount > 0 => amount,
                _ => {
                    return (
                        body_error(414, "Refund amount is invalid.", &self.rng),
                        Vec::new(),
                    )
                }
            },
        };
        if amount > remaining {
            return (
                body_error(
                    414,
                    "Refund amount exceeds the refundable amount.",
                    &self.rng,
                ),
                Vec::new(),
            );
        }
        order.refunded += amount;
        order.status = if order.refunded == order.gross_amount {
            "refund"
        } else {
            "partial_refund"
        }
        .into();
        let refund_id = order.refunds.len() as u64 + 1;
        let key_text = key.clone().unwrap_or_else(|| format!("refund-{refund_id}"));
        order.refund_keys.push(key_text.clone());
        order.refunds.push(json!({
            "refund_chargeback_id": refund_id,
            "refund_amount": format!("{amount}.00"),
            "created_at": core_time(now()),
            "reason": body["reason"].as_str().unwrap_or_default(),
            "refund_key": key_text,
            "refund_method": "online",
        }));
        let order = order.clone();
        drop(state);
        let mut reply = order.body(
            &self.config.merchant_id,
            "200",
            "Success, refund request is approved",
        );
        if let Value::Object(map) = &mut reply {
            map.insert("refund_chargeback_id".into(), refund_id.into());
            map.insert("refund_amount".into(), format!("{amount}.00").into());
            map.insert("refund_key".into(), key_text.into());
            map.remove("refunds");
        }
        (Reply::Json(200, reply), self.notify(&order))
    }

    // ---------------------------------------------------------------- control API

    /// Applies a test-control transition to an order and returns its notifications.
    pub(crate) fn control_transition(&self, id: &str, what: &str) -> Result<Vec<Delivery>, Reply> {
        let mut state = self.state();
        let Some(order) = state.order_mut(id) else {
            return Err(core_error(404, "Transaction doesn't exist.", &self.rng));
        };
        let allowed = match what {
            "pay" | "settle" => matches!(order.status.as_str(), "pending" | "capture"),
            "expire" => order.status == "pending",
            "challenge" => matches!(order.status.as_str(), "capture" | "pending"),
            "chargeback" => matches!(order.status.as_str(), "settlement" | "capture"),
            _ => return Err(core_error(404, "unknown control action", &self.rng)),
        };
        if !allowed {
            return Err(body_error(
                412,
                "Transaction status cannot be updated.",
                &self.rng,
            ));
        }
        match what {
            "pay" | "settle" => {
                order.status = "settlement".into();
                order.settlement_time = Some(core_time(now()));
            }
            "expire" => order.status = "expire".into(),
            "challenge" => {
                order.status = "capture".into();
                order.fraud = Some("challenge".into());
            }
            _ => order.status = "chargeback".into(),
        }
        let order = order.clone();
        drop(state);
        Ok(self.notify(&order))
    }

    fn control(&self, call: &Call, segs: &[&str]) -> (Reply, Vec<Delivery>) {
        match segs {
            ["_mock", "orders", id, what] if call.method == http::Method::POST => {
                match self.control_transition(id, what) {
                    Ok(deliveries) => (self.status(id), deliveries),
                    Err(reply) => (reply, Vec::new()),
                }
            }
            ["_mock", "pay_accounts", id, "enable"] if call.method == http::Method::POST => {
                (self.pay_account_enable(id), Vec::new())
            }
            _ => (
                core_error(404, "unknown control endpoint", &self.rng),
                Vec::new(),
            ),
        }
    }
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

fn json_body(call: &Call, rng: &Rng) -> Result<Value, Reply> {
    if call.body.is_empty() {
        return Err(core_error(
            500,
            "Sorry. Our system is recovering from unexpected issues. Please retry.",
            rng,
        ));
    }
    serde_json::from_slice(&call.body).map_err(|_| {
        core_error(
            413,
            "The request cannot be processed due to malformed syntax in the request body",
            rng,
        )
    })
}

/// Midtrans's checks of `transaction_details` and `item_details`.
fn transaction_details(body: &Value) -> Result<(String, u64), Vec<String>> {
    let details = &body["transaction_details"];
    let order_id = details["order_id"].as_str().unwrap_or_default().to_owned();
    let mut errors = Vec::new();
    if order_id.is_empty() {
        errors.push("transaction_details.order_id is required".to_owned());
    } else if order_id.chars().count() > 50
        || !order_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '~' | '.'))
    {
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
        let sum: i128 = items
            .iter()
            .map(|i| {
                i128::from(i["price"].as_i64().unwrap_or(0))
                    * i128::from(i["quantity"].as_i64().unwrap_or(0))
            })
            .sum();
        if sum != i128::from(gross) {
            errors.push(
                "transaction_details.gross_amount is not equal to the sum of item_details"
                    .to_owned(),
            );
        }
    }
    if errors.is_empty() {
        Ok((order_id, gross.unwrap_or_default()))
    } else {
        Err(errors)
    }
}

/// The charge a Snap page makes for the method the customer picked.
fn snap_charge_body(method: &str, session: &SnapSession) -> Value {
    let details = json!({"order_id": session.order_id, "gross_amount": session.gross_amount});
    let (payment_type, extra) = match method {
        "bni_va" | "bri_va" | "cimb_va" | "permata_va" | "bca_va" => (
            "bank_transfer",
            json!({"bank_transfer": {"bank": method.trim_end_matches("_va")}}),
        ),
        "gopay" => ("gopay", json!({})),
        "qris" | "other_qris" => ("qris", json!({})),
        "indomaret" | "alfamart" => ("cstore", json!({"cstore": {"store": method}})),
        _ => (
            "credit_card",
            json!({"credit_card": {"token_id": "44111111-1118-snap-page"}}),
        ),
    };
    let mut body = json!({"payment_type": payment_type, "transaction_details": details});
    if let (Value::Object(map), Value::Object(extra)) = (&mut body, extra) {
        map.extend(extra);
    }
    body
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

fn url_form(body: &[u8]) -> HashMap<String, String> {
    form_pairs(&String::from_utf8_lossy(body))
        .into_iter()
        .collect()
}

/// Inserts into a bounded map, first forgetting an entry when it is full.
fn insert_bounded(map: &mut HashMap<String, Value>, key: String, value: Value, cap: usize) {
    if map.len() >= cap && !map.contains_key(&key) {
        if let Some(victim) = map.keys().next().cloned() {
            map.remove(&victim);
        }
    }
    map.insert(key, value);
}

impl Simulator {
    // ---------------------------------------------------------------- cards

    fn card_token(&self, call: &Call) -> Reply {
        if let Some(token_id) = call.query("token_id") {
            let saved = self.state().saved_cards.get(token_id).cloned();
            return match saved {
                Some(number) => crate::cards::token_answer(&number, &self.rng),
                None => validation(&["token_id is invalid".into()], &self.rng),
            };
        }
        let number: String = call
            .query("card_number")
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let mut errors = Vec::new();
        if !crate::cards::luhn(&number) {
            errors.push("card_number does not match with luhn algorithm".to_owned());
        }
        let year: i32 = call
            .query("card_exp_year")
            .and_then(|y| y.parse().ok())
            .unwrap_or(0);
        let this_year: i32 = now().format("%Y").to_string().parse().unwrap_or(0);
        if year < this_year {
            errors.push("card_exp_year must be greater than this year".to_owned());
        }
        if !matches!(
            call.query("card_exp_month")
                .and_then(|m| m.parse::<u8>().ok()),
            Some(1..=12)
        ) {
            errors.push("card_exp_month is invalid".to_owned());
        }
        if call.query("card_cvv").is_none_or(|c| c.len() < 3) {
            errors.push("card_cvv is invalid".to_owned());
        }
        if errors.is_empty() {
            crate::cards::token_answer(&number, &self.rng)
        } else {
            validation(&errors, &self.rng)
        }
    }

    fn card_register(&self, call: &Call) -> Reply {
        let number: String = call
            .query("card_number")
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if !crate::cards::luhn(&number) {
            return validation(
                &["card_number does not match with luhn algorithm".into()],
                &self.rng,
            );
        }
        let card = crate::cards::by_number(&number);
        let saved = format!(
            "{}{}{}",
            card.bin8(),
            self.rng.alphanumeric(20),
            card.last4()
        );
        self.state().saved_cards.insert(saved.clone(), number);
        Reply::Json(
            200,
            json!({
                "status_code": "200",
                "status_message": "Credit card token is created as Token ID.",
                "saved_token_id": saved,
                "transaction_id": self.rng.uuid(),
                "masked_card": card.masked,
            }),
        )
    }

    fn point_inquiry(&self, token: &str) -> Reply {
        if token.is_empty() {
            return validation(&["token_id is required".into()], &self.rng);
        }
        Reply::Json(
            200,
            json!({
                "status_code": "200",
                "status_message": "Success, Credit Card Point inquiry is successful",
                "point_balance": 1644,
                "transaction_time": core_time(now()),
                "point_balance_amount": "1644.00",
            }),
        )
    }

    fn bin(&self, bin: &str) -> Reply {
        match crate::cards::bin_data(bin) {
            Some(data) => Reply::Json(200, json!({"data": data})),
            None => Reply::Json(
                404,
                json!({"errors": [{"message_title": "not found", "message": "not found"}]}),
            ),
        }
    }

    // ---------------------------------------------------------------- subscriptions

    fn subscription_create(&self, body: &Value) -> Reply {
        let mut errors = Vec::new();
        let name = body["name"].as_str().unwrap_or_default();
        if name.is_empty() || name.len() > 40 {
            errors.push("subscription.name is invalid".to_owned());
        }
        let amount = body["amount"]
            .as_str()
            .and_then(|a| a.parse::<u64>().ok())
            .or_else(|| body["amount"].as_u64());
        if !matches!(amount, Some(1..)) {
            errors.push("subscription.amount must be between 0.01 - 99999999999.00".to_owned());
        }
        if !matches!(body["payment_type"].as_str(), Some("credit_card" | "gopay")) {
            errors.push("subscription.payment_type is invalid".to_owned());
        }
        if body["token"].as_str().is_none_or(str::is_empty) {
            errors.push("subscription.token is required".to_owned());
        }
        if !matches!(body["schedule"]["interval"].as_u64(), Some(1..)) {
            errors.push("subscription.schedule.interval must be greater than 0".to_owned());
        }
        if !errors.is_empty() {
            return Reply::Json(
                400,
                json!({"status_message": "Invalid parameter.", "validation_messages": errors}),
            );
        }
        let id = self.rng.uuid();
        let at = now();
        let mut subscription = body.clone();
        if let Value::Object(map) = &mut subscription {
            map.insert("id".into(), id.clone().into());
            map.insert(
                "amount".into(),
                amount.unwrap_or_default().to_string().into(),
            );
            map.insert("created_at".into(), iso_time(at).into());
            map.insert("status".into(), "active".into());
            if let Some(Value::Object(schedule)) = map.get_mut("schedule") {
                schedule.insert("current_interval".into(), 0.into());
                schedule.insert(
                    "start_time".into(),
                    schedule
                        .get("start_time")
                        .cloned()
                        .unwrap_or_else(|| iso_time(at).into()),
                );
                schedule.insert(
                    "next_execution_at".into(),
                    iso_time(at + chrono::Duration::days(30)).into(),
                );
            }
        }
        let mut state = self.state();
        insert_bounded(
            &mut state.subscriptions,
            id,
            subscription.clone(),
            self.config.max_orders,
        );
        Reply::Json(200, subscription)
    }

    fn subscription_get(&self, id: &str) -> Reply {
        match self.state().subscriptions.get(id) {
            Some(subscription) => Reply::Json(200, subscription.clone()),
            None => Reply::Json(
                404,
                json!({"status_message": "Subscription doesn't exist."}),
            ),
        }
    }

    fn subscription_update(&self, id: &str, body: &Value) -> Reply {
        let mut state = self.state();
        let Some(Value::Object(subscription)) = state.subscriptions.get_mut(id) else {
            return Reply::Json(
                404,
                json!({"status_message": "Subscription doesn't exist."}),
            );
        };
        if let Value::Object(changes) = body {
            for (key, value) in changes {
                match (subscription.get_mut(key), value) {
                    (Some(Value::Object(old)), Value::Object(new)) => {
                        old.extend(new.clone());
                    }
                    _ => {
                        subscription.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        Reply::Json(200, json!({"status_message": "Subscription is updated."}))
    }

    fn subscription_action(&self, id: &str, action: &str) -> Reply {
        let mut state = self.state();
        let Some(Value::Object(subscription)) = state.subscriptions.get_mut(id) else {
            return Reply::Json(
                404,
                json!({"status_message": "Subscription doesn't exist."}),
            );
        };
        let status = if action == "enable" {
            "active"
        } else {
            "inactive"
        };
        subscription.insert("status".into(), status.into());
        Reply::Json(200, json!({"status_message": "Subscription is updated."}))
    }

    // ---------------------------------------------------------------- pay accounts

    fn pay_account_link(&self, body: &Value, bases: &Bases) -> Reply {
        let phone = body["gopay_partner"]["phone_number"]
            .as_str()
            .unwrap_or_default();
        if phone.is_empty() || phone.starts_with('0') || !phone.chars().all(|c| c.is_ascii_digit())
        {
            return validation(
                &[
                    "gopay_partner.phone_number must be numeric digits and must not begin with 0"
                        .into(),
                ],
                &self.rng,
            );
        }
        let id = self.rng.uuid();
        let (code, status, channel) = match phone {
            "123450001" => ("202", "PENDING", Some("User Not Found")),
            "123450002" => ("202", "PENDING", Some("Wallet is Blocked")),
            _ => ("201", "PENDING", None),
        };
        let link = format!("{}/simulator/gopay/link/{id}", bases.app);
        let mut account = json!({
            "status_code": code,
            "payment_type": "gopay",
            "account_id": id,
            "account_status": status,
            "actions": [
                {"name": "activation-deeplink", "method": "GET", "url": link},
                {"name": "activation-link-url", "method": "GET", "url": link},
                {"name": "activation-link-app", "method": "GET", "url": link},
            ],
            "metadata": {"reference_id": self.rng.uuid()},
        });
        if let (Some(message), Value::Object(map)) = (channel, &mut account) {
            map.insert("channel_response_code".into(), "202".into());
            map.insert("channel_response_message".into(), message.into());
            map.remove("actions");
        }
        if code == "201" {
            let mut state = self.state();
            insert_bounded(
                &mut state.pay_accounts,
                id,
                account.clone(),
                self.config.max_orders,
            );
        }
        Reply::Json(200, account)
    }

    fn pay_account_get(&self, id: &str) -> Reply {
        match self.state().pay_accounts.get(id) {
            Some(account) => Reply::Json(200, account.clone()),
            None => body_error(404, "Account doesn't exist.", &self.rng),
        }
    }

    pub(crate) fn pay_account_enable(&self, id: &str) -> Reply {
        let mut state = self.state();
        let Some(Value::Object(account)) = state.pay_accounts.get_mut(id) else {
            return body_error(404, "Account doesn't exist.", &self.rng);
        };
        account.insert("status_code".into(), "200".into());
        account.insert("account_status".into(), "ENABLED".into());
        account.remove("actions");
        account.insert("metadata".into(), json!({"payment_options": [
            {"name": "GOPAY_WALLET", "active": true, "balance": {"value": "6100000.00", "currency": "IDR"}, "metadata": {}, "token": self.rng.uuid()},
            {"name": "PAY_LATER", "active": true, "balance": {"value": "4649999.00", "currency": "IDR"}, "metadata": {}, "token": self.rng.uuid()},
        ]}));
        Reply::Json(200, Value::Object(account.clone()))
    }

    fn pay_account_unbind(&self, id: &str) -> Reply {
        let mut state = self.state();
        let Some(Value::Object(account)) = state.pay_accounts.get_mut(id) else {
            return body_error(404, "Account doesn't exist.", &self.rng);
        };
        if account.get("account_status").and_then(Value::as_str) != Some("ENABLED") {
            return body_error(412, "Account status cannot be updated.", &self.rng);
        }
        account.insert("account_status".into(), "DISABLED".into());
        account.insert("status_code".into(), "200".into());
        account.remove("metadata");
        Reply::Json(
            200,
            json!({"status_code": "200", "payment_type": "gopay", "account_id": id, "account_status": "DISABLED", "channel_response_code": "0", "channel_response_message": "Process service request successfully."}),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idempotency_entries_expire_oldest_first_and_a_rewritten_one_lives_on() {
        let start = Instant::now();
        let at = |seconds: u64| start + Duration::from_secs(seconds);
        let mut state = State::default();
        state.remember_key("a".to_owned(), at(0), None);
        state.remember_key("b".to_owned(), at(10), None);
        // "a" is answered later: its entry is rewritten, and lives from then on.
        state.remember_key("a".to_owned(), at(20), Some(Reply::Json(200, json!({}))));
        state.expire_keys(at(305));
        assert!(state.idempotency.contains_key("a"), "rewritten at 20 s");
        assert!(state.idempotency.contains_key("b"));
        state.expire_keys(at(311));
        assert!(!state.idempotency.contains_key("b"), "written at 10 s");
        assert!(state.idempotency.contains_key("a"));
        state.expire_keys(at(320));
        assert!(state.idempotency.is_empty() && state.idempotency_log.is_empty());
    }
}
