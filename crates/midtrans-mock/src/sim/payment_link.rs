//! Payment Link, under `/v1/payment-links`: links created with the server key, read and
//! deleted by their order id, and their pages under `/payment-links/{payment_link_id}`. Each
//! payment through a link is a Snap transaction of its own, under the link's order id followed
//! by `-` and a millisecond timestamp, notified as usual. A link takes payments until its
//! `usage_limit` is used up — settled payments count, and so do pending ones until they expire
//! (or are cancelled or denied) — or until it expires or is deleted. Opening the page takes no
//! place; paying does, and is checked when the payment is stored, so of two customers who
//! opened the page for the last place only the first to pay is charged (the second is
//! answered 410).
//!
//! The control API plays the customer: `POST /_mock/payment_links/{order_id}/pay` pays through
//! the link at once (a BCA virtual account, settled), `…/start` begins a payment and leaves it
//! pending, `…/expire` ends the link's time.

use chrono::{DateTime, Duration, FixedOffset};
use serde_json::{json, Map, Value};

use super::state::{json_bytes, Measured, State};
use super::{Bases, Call, Delivery, Reply, Simulator};
use crate::ids::now;

/// The longest order id of a link (each payment appends 14 characters, within Snap's 50).
const ORDER_ID_MAX_LEN: usize = 36;

/// The most payments one link may take.
const USAGE_LIMIT_MAX: u64 = 1_000_000;

/// The most payment attempts remembered per link.
const PURCHASES_MAX: usize = 10_000;

/// A payment link the simulator knows.
#[derive(Clone, Debug)]
pub(crate) struct PaymentLinkRecord {
    pub(crate) payment_link_id: String,
    /// The request as given (for `GET`).
    request: Value,
    gross_amount: Option<u64>,
    /// `(min, max, preset)` of a dynamic amount.
    dynamic: Option<(Option<u64>, Option<u64>, Option<u64>)>,
    usage_limit: u64,
    enabled: Vec<String>,
    expires_at: Option<DateTime<FixedOffset>>,
    expired: bool,
    deleted: bool,
    created_at: String,
    /// The order ids of the payments begun through the link, oldest first.
    purchases: Vec<String>,
}

impl PaymentLinkRecord {
    /// The order ids of the payments begun through the link, oldest first.
    pub(crate) fn purchases(&self) -> &[String] {
        &self.purchases
    }

    /// Whether the link still takes payments at `at` (not deleted, not expired).
    pub(crate) fn open_at(&self, at: DateTime<FixedOffset>) -> bool {
        !self.deleted && !self.expired && self.expires_at.is_none_or(|end| end > at)
    }
}

/// How many payments hold a place in `record`: settled ones, and pending ones until they
/// expire. `state` is the simulator's, held by the caller.
fn usage_in(state: &State, record: &PaymentLinkRecord) -> (u64, u64) {
    let mut paid = 0_u64;
    let mut pending = 0_u64;
    for order_id in &record.purchases {
        match state.latest(order_id).map(|o| o.status.as_str()) {
            Some("settlement" | "capture") => paid = paid.saturating_add(1),
            Some("pending" | "authorize") => pending = pending.saturating_add(1),
            _ => {}
        }
    }
    (paid, pending)
}

/// Why `record` takes no more payments, if it does not (`state` held by the caller).
fn closed_in(state: &State, record: &PaymentLinkRecord) -> Option<&'static str> {
    if record.deleted {
        return Some("This payment link has been deleted");
    }
    if record.expired || record.expires_at.is_some_and(|at| at <= now()) {
        return Some("This payment link has expired");
    }
    let (paid, pending) = usage_in(state, record);
    (paid.saturating_add(pending) >= record.usage_limit)
        .then_some("This payment link has reached its usage limit")
}

/// For a charge of `order_id`: the refusal (410) when it is a payment begun through a link
/// that takes no more, e.g. a second customer paying for the last place after the first.
/// Called under the lock the charge is stored under, so two payments cannot both take the
/// last place.
pub(super) fn refused_purchase(state: &State, order_id: &str) -> Option<Reply> {
    let (link, _) = order_id.rsplit_once('-')?;
    let record = state.payment_links.get(link)?;
    if !record.purchases.iter().any(|p| p == order_id) {
        return None;
    }
    closed_in(state, record).map(|why| error(410, &[why.to_owned()]))
}

impl Measured for PaymentLinkRecord {
    fn bytes(&self) -> usize {
        160 + self.payment_link_id.len()
            + json_bytes(&self.request)
            + self.enabled.iter().map(|m| 24 + m.len()).sum::<usize>()
            + self.purchases.iter().map(|p| 24 + p.len()).sum::<usize>()
    }
}

type Answer = (Reply, Vec<Delivery>);

fn none(reply: Reply) -> Answer {
    (reply, Vec::new())
}

/// Payment Link's error body: `{"error_messages": [...]}`.
fn error(status: u16, messages: &[String]) -> Reply {
    Reply::Json(status, json!({ "error_messages": messages }))
}

fn whole(value: &Value) -> Option<u64> {
    value
        .as_u64()
        .or_else(|| value.as_str().and_then(|s| s.trim().parse().ok()))
}

/// `yyyy-MM-dd HH:mm:ss Z`, or without seconds as the docs' sample has it.
fn link_time(text: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S %z")
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%d %H:%M %z"))
        .ok()
}

/// The link's end: `expiry.start_time` (default now) plus `duration` `unit`s.
fn expiry(body: &Value, errors: &mut Vec<String>) -> Option<DateTime<FixedOffset>> {
    let expiry = body.get("expiry")?;
    let start = match expiry["start_time"].as_str() {
        Some(text) => match link_time(text) {
            Some(start) => start,
            None => {
                errors.push("expiry.start_time must be yyyy-MM-dd HH:mm:ss Z".to_owned());
                return None;
            }
        },
        None => now(),
    };
    let duration = expiry["duration"].as_i64().filter(|d| *d > 0);
    let unit = match expiry["unit"].as_str() {
        Some("day" | "days") => Some(Duration::days as fn(i64) -> Duration),
        Some("hour" | "hours") => Some(Duration::hours as fn(i64) -> Duration),
        Some("minute" | "minutes") => Some(Duration::minutes as fn(i64) -> Duration),
        _ => None,
    };
    match (duration, unit) {
        (Some(duration), Some(unit)) => start.checked_add_signed(unit(duration.min(36_500))),
        _ => {
            errors.push(
                "expiry needs a duration above 0 and a unit of day, hour or minute".to_owned(),
            );
            None
        }
    }
}

impl Simulator {
    /// `POST /v1/payment-links`.
    pub(super) fn payment_link_create(&self, call: &Call, bases: &Bases) -> Reply {
        match serde_json::from_slice::<Value>(&call.body) {
            Ok(body) => self.create_payment_link(&body, bases),
            Err(_) => error(400, &["Invalid JSON data provided.".to_owned()]),
        }
    }

    /// A payment link from its request body, checked as Midtrans checks it.
    pub(crate) fn create_payment_link(&self, body: &Value, bases: &Bases) -> Reply {
        let details = &body["transaction_details"];
        let order_id = details["order_id"].as_str().unwrap_or_default().to_owned();
        let mut errors = Vec::new();
        let charset = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '~' | '.');
        if order_id.is_empty() {
            errors.push("transaction_details.order_id is required".to_owned());
        } else if order_id.chars().count() > ORDER_ID_MAX_LEN || !order_id.chars().all(charset) {
            errors.push(format!(
                "transaction_details.order_id must be at most {ORDER_ID_MAX_LEN} characters of A-Z, a-z, 0-9, -, _, ~ and ."
            ));
        }
        let link_id = match details["payment_link_id"].as_str() {
            Some(id) => id.to_owned(),
            None => format!("{:012x}", self.rng.next() >> 16),
        };
        let link_charset = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        if link_id.is_empty() || link_id.len() > 50 || !link_id.chars().all(link_charset) {
            errors.push(
                "payment_link_id must only contain alphanumeric characters [a-z, 0-9] and hyphens [-]"
                    .to_owned(),
            );
        }
        let usage_limit = whole(&body["usage_limit"]).unwrap_or(0);
        if !(1..=USAGE_LIMIT_MAX).contains(&usage_limit) {
            errors.push("usage_limit must be between 1 and 1000000".to_owned());
        }
        let dynamic = body["payment_link_type"].as_str() == Some("DYNAMIC_AMOUNT");
        let gross_amount = whole(&details["gross_amount"]);
        let bounds = &body["dynamic_amount"];
        let (min, max, preset) = (
            whole(&bounds["min_amount"]),
            whole(&bounds["max_amount"]),
            whole(&bounds["preset_amount"]),
        );
        if dynamic {
            let ordered = |a: Option<u64>, b: Option<u64>| a.zip(b).is_none_or(|(a, b)| a <= b);
            if !ordered(min, max) || !ordered(min, preset) || !ordered(preset, max) {
                errors.push(
                    "dynamic_amount must have min_amount ≤ preset_amount ≤ max_amount".to_owned(),
                );
            }
        } else {
            match gross_amount {
                Some(gross) if gross > 0 => {
                    if let Some(items) = body["item_details"].as_array() {
                        let sum = items.iter().try_fold(0_i64, |sum, item| {
                            let price = item["price"].as_i64().unwrap_or(0);
                            let quantity = item["quantity"].as_i64().unwrap_or(0);
                            sum.checked_add(price.checked_mul(quantity)?)
                        });
                        if sum.and_then(|s| u64::try_from(s).ok()) != Some(gross) {
                            errors.push(
                                "transaction_details.gross_amount is not equal to the sum of item_details"
                                    .to_owned(),
                            );
                        }
                    }
                }
                _ => errors
                    .push("transaction_details.gross_amount must be greater than 0".to_owned()),
            }
        }
        let expires_at = expiry(body, &mut errors);
        if !errors.is_empty() {
            return error(400, &errors);
        }
        let enabled = body["enabled_payments"]
            .as_array()
            .map(|all| {
                all.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let limits = self.limits();
        let mut state = self.state();
        if state.payment_links.contains(&order_id) {
            return error(409, &[format!("The Order ID '{order_id}' has been taken")]);
        }
        if state.payment_link_ids.contains_key(&link_id) {
            return error(
                400,
                &[format!("This Payment Link ID '{link_id}' has been taken")],
            );
        }
        let record = PaymentLinkRecord {
            payment_link_id: link_id.clone(),
            request: body.clone(),
            gross_amount: (!dynamic).then_some(gross_amount).flatten(),
            dynamic: dynamic.then_some((min, max, preset)),
            usage_limit,
            enabled,
            expires_at,
            expired: false,
            deleted: false,
            created_at: crate::ids::core_time(now()),
            purchases: Vec::new(),
        };
        state.insert_payment_link(order_id.clone(), record, limits);
        Reply::Json(
            200,
            json!({"order_id": order_id, "payment_url": format!("{}/payment-links/{link_id}", bases.app)}),
        )
    }

    /// `GET /v1/payment-links/{order_id}`.
    pub(super) fn payment_link_get(&self, order_id: &str, bases: &Bases) -> Reply {
        let Some(record) = self.state().payment_links.get(order_id).cloned() else {
            return error(
                404,
                &[format!("Payment Link with Order ID {order_id} not found")],
            );
        };
        if record.deleted {
            return error(
                404,
                &[format!("Payment Link with Order ID {order_id} not found")],
            );
        }
        let state = self.state();
        let (paid, _) = usage_in(&state, &record);
        let purchases: Vec<Value> = record
            .purchases
            .iter()
            .map(|id| {
                let order = state.latest(id);
                json!({
                    "order_id": id,
                    "payment_status": order.map(|o| o.status.to_uppercase()),
                    "payment_method": order.map(|o| o.payment_type.to_uppercase()),
                    "snap_token": Value::Null,
                })
            })
            .collect();
        drop(state);
        let request = &record.request;
        let mut answer = Map::new();
        let mut put = |key: &str, value: Value| {
            if !value.is_null() {
                answer.insert(key.to_owned(), value);
            }
        };
        put("order_id", order_id.into());
        put("payment_link_id", record.payment_link_id.as_str().into());
        put(
            "payment_link_url",
            format!("{}/payment-links/{}", bases.app, record.payment_link_id).into(),
        );
        put(
            "payment_link_type",
            request["payment_link_type"]
                .as_str()
                .unwrap_or("FIXED_AMOUNT")
                .into(),
        );
        put("gross_amount", record.gross_amount.into());
        put("usage_limit", record.usage_limit.into());
        put("usage", paid.into());
        put("enabled_payments", json!(record.enabled));
        put("title", request["title"].clone());
        put("expiry_start", request["expiry"]["start_time"].clone());
        put("expiry_duration", request["expiry"]["duration"].clone());
        put("expiry_unit", request["expiry"]["unit"].clone());
        put("item_details", request["item_details"].clone());
        put("customer_details", request["customer_details"].clone());
        put("created_at", record.created_at.as_str().into());
        put("purchases", Value::Array(purchases));
        Reply::Json(200, Value::Object(answer))
    }

    /// `DELETE /v1/payment-links/{order_id}`.
    pub(super) fn payment_link_delete(&self, order_id: &str) -> Reply {
        let deleted = self.state().payment_links.update(order_id, |record| {
            let was = record.deleted;
            record.deleted = true;
            !was
        });
        match deleted {
            Some(true) => Reply::Json(
                200,
                json!({"message": format!("Payment Link with Order ID {order_id} deleted")}),
            ),
            _ => error(
                404,
                &[format!("Payment Link with Order ID {order_id} not found")],
            ),
        }
    }

    /// Begins a payment through the link `order_id` (or the link with id `link_id`): its own
    /// order id, recorded, or why the link takes none.
    fn payment_link_purchase(
        &self,
        order_id: &str,
        amount: Option<u64>,
    ) -> Result<(String, u64, PaymentLinkRecord), Reply> {
        // Checked and recorded under one lock; the charge checks again when it is stored.
        let mut state = self.state();
        let Some(record) = state.payment_links.get(order_id).cloned() else {
            return Err(error(
                404,
                &[format!("Payment Link with Order ID {order_id} not found")],
            ));
        };
        if let Some(why) = closed_in(&state, &record) {
            return Err(error(410, &[why.to_owned()]));
        }
        let gross = match (record.gross_amount, record.dynamic) {
            (Some(gross), _) => gross,
            (None, Some((min, max, preset))) => {
                let chosen = amount.or(preset).or(min).unwrap_or(10_000);
                if min.is_some_and(|m| chosen < m) || max.is_some_and(|m| chosen > m) {
                    return Err(error(
                        400,
                        &["The amount is outside the link's bounds".to_owned()],
                    ));
                }
                chosen
            }
            (None, None) => 10_000,
        };
        // The millisecond of the attempt, one later while that one is taken: two customers in
        // the same millisecond get order ids of their own.
        let mut stamp = now().timestamp_millis();
        let purchase = loop {
            let candidate = format!("{order_id}-{stamp}");
            let taken = state.latest(&candidate).is_some()
                || state
                    .payment_links
                    .get(order_id)
                    .is_some_and(|r| r.purchases.contains(&candidate));
            if !taken {
                break candidate;
            }
            stamp = stamp.saturating_add(1);
        };
        state.payment_links.update(order_id, |record| {
            if record.purchases.len() >= PURCHASES_MAX {
                record.purchases.remove(0);
            }
            record.purchases.push(purchase.clone());
        });
        drop(state);
        Ok((purchase, gross, record))
    }

    /// `GET /payment-links/{payment_link_id}`: the customer opens the link — a Snap payment of
    /// its own, or a page saying the link is closed.
    pub(super) fn payment_link_page(&self, link_id: &str, bases: &Bases) -> Answer {
        let order_id = self.state().payment_link_ids.get(link_id).cloned();
        let page = |status: u16, text: &str| {
            Reply::Html(
                status,
                format!("<!doctype html><title>Payment link</title><h1>{text}</h1>"),
            )
        };
        let Some(order_id) = order_id else {
            return none(page(404, "This payment link does not exist"));
        };
        let (purchase, gross, record) = match self.payment_link_purchase(&order_id, None) {
            Ok(started) => started,
            Err(Reply::Json(status, body)) => {
                let why = body["error_messages"][0]
                    .as_str()
                    .unwrap_or("Unavailable")
                    .to_owned();
                return none(page(status, &why));
            }
            Err(other) => return none(other),
        };
        let mut snap = json!({
            "transaction_details": {"order_id": purchase, "gross_amount": gross},
            "enabled_payments": record.enabled,
        });
        if let (Value::Object(map), true) = (&mut snap, record.gross_amount.is_some()) {
            if let Some(items) = record.request.get("item_details") {
                map.insert("item_details".into(), items.clone());
            }
        }
        if record.enabled.is_empty() {
            if let Value::Object(map) = &mut snap {
                map.remove("enabled_payments");
            }
        }
        let notify = self.config.notification_url.iter().cloned().collect();
        match self.open_snap(&snap, notify, bases) {
            Reply::Json(201, answer) => match answer["redirect_url"].as_str() {
                Some(url) => none(Reply::Redirect(url.to_owned())),
                None => none(page(500, "Snap did not open")),
            },
            other => none(other),
        }
    }

    /// The control API's Payment Link calls: `pay` (a settled BCA virtual account payment
    /// through the link), `start` (one left pending) and `expire` (the link's time ends).
    pub(crate) fn payment_link_control(
        &self,
        order_id: &str,
        action: &str,
        amount: Option<u64>,
        bases: &Bases,
    ) -> Answer {
        if action == "expire" {
            let expired = self
                .state()
                .payment_links
                .update(order_id, |record| record.expired = true);
            return match expired {
                Some(()) => none(Reply::Json(
                    200,
                    json!({"order_id": order_id, "expired": true}),
                )),
                None => none(error(
                    404,
                    &[format!("Payment Link with Order ID {order_id} not found")],
                )),
            };
        }
        if !matches!(action, "pay" | "start") {
            return none(error(404, &["unknown control action".to_owned()]));
        }
        let (purchase, gross, _) = match self.payment_link_purchase(order_id, amount) {
            Ok(started) => started,
            Err(reply) => return none(reply),
        };
        let charge = json!({
            "payment_type": "bank_transfer",
            "bank_transfer": {"bank": "bca"},
            "transaction_details": {"order_id": purchase, "gross_amount": gross},
        });
        let notify = self.config.notification_url.iter().cloned().collect();
        let (reply, mut deliveries) = self.charge(&charge, notify, None, bases);
        if reply.status() >= 300 {
            return (reply, deliveries);
        }
        if action == "pay" {
            match self.control_transition(&purchase, "pay") {
                Ok(more) => deliveries.extend(more),
                Err(reply) => return (reply, deliveries),
            }
        }
        (self.status(&purchase), deliveries)
    }
}
