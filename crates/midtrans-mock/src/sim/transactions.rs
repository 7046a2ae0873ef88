//! Transactions once created: the transaction object every answer shares, status lookups,
//! capture, approve/deny, cancel, expire, and refunds.
// Read-only `serde_json::Value["key"]` yields `Null` for absent keys or non-objects and never
// panics.
#![allow(clippy::indexing_slicing)]

use serde_json::{json, Map, Value};

use super::state::Order;
use super::{body_error, core_error, validation, Delivery, Reply, Simulator, NOT_FOUND};
use crate::ids::{core_time, now};

/// Midtrans's refusal of a change the transaction's status does not allow.
const CANNOT_MODIFY: &str = "Merchant cannot modify the status of the transaction";
const CANNOT_UPDATE: &str = "Transaction status cannot be updated.";

impl Order {
    /// The body `status_code` of the transaction's current state.
    pub(crate) fn status_code(&self) -> &'static str {
        match self.status.as_str() {
            "pending" => "201",
            "deny" | "expire" => "202",
            _ => "200",
        }
    }

    pub(crate) fn amount_text(&self) -> String {
        format!("{}.00", self.gross_amount)
    }

    /// The transaction object, as charge, status, actions and notifications answer it.
    pub(crate) fn body(&self, merchant_id: &str, status_code: &str, message: &str) -> Value {
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

impl Simulator {
    /// `GET /v2/{id}/status`: by transaction id, or the latest transaction of an order id.
    pub(super) fn status(&self, id: &str) -> Reply {
        let order = self.state().find(id).cloned();
        match order {
            Some(order) => {
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
            None => body_error(404, NOT_FOUND, &self.rng),
        }
    }

    pub(super) fn status_b2b(&self, id: &str) -> Reply {
        match self.status(id) {
            Reply::Json(200, tx) if tx["status_code"] != "404" => Reply::Json(
                200,
                json!({"status_code": "200", "status_message": "Success, transaction is found", "transactions": [tx]}),
            ),
            other => other,
        }
    }

    /// `POST /v2/capture` of an authorized card payment, in full or for less.
    pub(super) fn capture(&self, body: &Value) -> (Reply, Vec<Delivery>) {
        let Some(id) = body["transaction_id"].as_str() else {
            let reply = validation(&["transaction_id is required".into()], &self.rng);
            return (reply, Vec::new());
        };
        let amount = body["gross_amount"].as_u64();
        let changed = self.state().update_order(id, |order| {
            if order.status != "authorize" {
                return Err(body_error(412, CANNOT_MODIFY, &self.rng));
            }
            if let Some(amount) = amount {
                if amount == 0 || amount > order.gross_amount {
                    return Err(validation(&["gross_amount is invalid".into()], &self.rng));
                }
                order.gross_amount = amount;
            }
            order.status = "capture".into();
            Ok(order.clone())
        });
        match changed {
            None => {
                let reply = core_error(404, "The requested resource is not found", &self.rng);
                (reply, Vec::new())
            }
            Some(Err(reply)) => (reply, Vec::new()),
            Some(Ok(order)) => {
                let message = "Success, Credit Card capture transaction is successful";
                let reply = Reply::Json(200, order.body(&self.config.merchant_id, "200", message));
                (reply, self.notify(&order))
            }
        }
    }

    /// approve and deny (a challenged card payment), cancel (before settlement), expire
    /// (while pending).
    pub(super) fn action(&self, id: &str, action: &str) -> (Reply, Vec<Delivery>) {
        let changed = self.state().update_order(id, |order| {
            let challenged =
                order.status == "capture" && order.fraud.as_deref() == Some("challenge");
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
                    CANNOT_UPDATE
                } else {
                    CANNOT_MODIFY
                };
                return Err(body_error(412, message, &self.rng));
            }
            order.status = next.into();
            order.fields.remove("redirect_url");
            match action {
                "approve" => order.fraud = Some("accept".into()),
                "deny" => order.fraud = Some("deny".into()),
                _ => {}
            }
            Ok((order.clone(), code, message))
        });
        match changed {
            None => (body_error(404, NOT_FOUND, &self.rng), Vec::new()),
            Some(Err(reply)) => (reply, Vec::new()),
            Some(Ok((order, code, message))) => (
                Reply::Json(200, order.body(&self.config.merchant_id, code, message)),
                self.notify(&order),
            ),
        }
    }

    /// `POST /v2/{id}/refund` (and the legacy direct refund): only once settled — a captured
    /// card payment is cancelled instead. Partial refunds add up to at most the amount. A
    /// `refund_key` used before on this transaction refers to that refund: asked again for
    /// the same amount (or for no amount) it answers as the first time and refunds nothing
    /// more; for another amount it is refused (406).
    pub(super) fn refund(&self, id: &str, body: &Value) -> (Reply, Vec<Delivery>) {
        let key = body["refund_key"].as_str().map(str::to_owned);
        let asked = match body.get("amount") {
            None | Some(Value::Null) => None,
            Some(value) => match value.as_u64() {
                Some(amount) if amount > 0 => Some(amount),
                _ => {
                    let reply = body_error(414, "Refund amount is invalid.", &self.rng);
                    return (reply, Vec::new());
                }
            },
        };
        let reason = body["reason"].as_str().unwrap_or_default().to_owned();
        let merchant_id = self.config.merchant_id.clone();
        let mut state = self.state();
        let denied = state
            .resolve(id)
            .is_some_and(|transaction| state.refunds_denied.contains(&transaction));
        let changed = state.update_order(id, |order| {
            if let Some(key) = &key {
                if let Some((_, amount, answer)) =
                    order.refund_keys.iter().find(|(used, _, _)| used == key)
                {
                    return if asked.is_none_or(|asked| asked == *amount) {
                        Err(Reply::Json(200, answer.clone()))
                    } else {
                        Err(body_error(406, "Duplicate refund ID", &self.rng))
                    };
                }
            }
            if !matches!(order.status.as_str(), "settlement" | "partial_refund") {
                return Err(body_error(412, CANNOT_MODIFY, &self.rng));
            }
            // The card scheme declines it, as a payment can be declined: body 202, nothing
            // refunded, the payment as it was. A retry under the same key is told the same.
            if denied && order.payment_type == "credit_card" {
                let answer = order.body(
                    &merchant_id,
                    "202",
                    "Refund is denied by the card scheme or issuer",
                );
                if let Some(key) = &key {
                    order
                        .refund_keys
                        .push((key.clone(), asked.unwrap_or(0), answer.clone()));
                }
                return Err(Reply::Json(200, answer));
            }
            let remaining = order.gross_amount.saturating_sub(order.refunded);
            let amount = asked.unwrap_or(remaining);
            if amount > remaining || amount == 0 {
                let message = "Refund amount exceeds the refundable amount.";
                return Err(body_error(414, message, &self.rng));
            }
            order.refunded = order.refunded.saturating_add(amount);
            order.status = if order.refunded >= order.gross_amount {
                "refund"
            } else {
                "partial_refund"
            }
            .into();
            let refund_id = order.refunds.len().saturating_add(1) as u64;
            let key_text = key.clone().unwrap_or_else(|| format!("refund-{refund_id}"));
            order.refunds.push(json!({
                "refund_chargeback_id": refund_id,
                "refund_amount": format!("{amount}.00"),
                "created_at": core_time(now()),
                "reason": reason,
                "refund_key": key_text,
                "refund_method": "online",
            }));
            let mut answer = order.body(&merchant_id, "200", "Success, refund request is approved");
            if let Value::Object(map) = &mut answer {
                map.insert("refund_chargeback_id".into(), refund_id.into());
                map.insert("refund_amount".into(), format!("{amount}.00").into());
                map.insert("refund_key".into(), key_text.clone().into());
                map.remove("refunds");
            }
            order.refund_keys.push((key_text, amount, answer.clone()));
            Ok((order.clone(), answer))
        });
        drop(state);
        match changed {
            None => (body_error(404, NOT_FOUND, &self.rng), Vec::new()),
            Some(Err(reply)) => (reply, Vec::new()),
            Some(Ok((order, answer))) => (Reply::Json(200, answer), self.notify(&order)),
        }
    }
}
