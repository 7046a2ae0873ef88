//! Which function answers which request: the public pages and scripts first (no key), then
//! the authenticated API, one line per endpoint.

use http::Method as M;

use super::{
    core_error, google_pay, json_body, notify_targets, Bases, Call, Delivery, Reply, Simulator,
};

/// Midtrans's answer to a charge without content (`null`, `{}`, nothing): HTTP 500.
fn unexpected() -> Reply {
    Reply::Json(
        500,
        serde_json::json!({"message": "An unexpected error occurred"}),
    )
}

/// Whether a body is empty or JSON `null`.
fn is_blank(body: &[u8]) -> bool {
    let text = String::from_utf8_lossy(body);
    matches!(text.trim(), "" | "null")
}

type Answer = (Reply, Vec<Delivery>);

fn none(reply: Reply) -> Answer {
    (reply, Vec::new())
}

impl Simulator {
    /// The control API, the payment pages a customer's browser opens and the scripts a
    /// merchant's pages load: public, as on Midtrans. `None` for an API call.
    pub(super) fn public(&self, call: &Call, segs: &[&str], bases: &Bases) -> Option<Answer> {
        Some(match (&call.method, segs) {
            (_, ["_mock", ..]) => self.control(call, segs, bases),
            (&M::GET, ["payment-links", link_id]) => self.payment_link_page(link_id, bases),
            (_, ["snap", "v3", "redirection", token, rest @ ..]) => {
                self.snap_page(call, token, rest, bases)
            }
            (&M::GET, ["snap", "snap.js"]) => none(Reply::Script(crate::page::SNAP_JS)),
            // Iris's ping needs no key.
            (&M::GET, ["iris", "api", "v1", "ping"]) => none(Reply::Text(200, "pong".into())),
            (&M::GET, ["v2", "assets", "js", "midtrans-new-3ds.min.js"]) => {
                none(Reply::Script(crate::page::NEW_3DS_JS))
            }
            (_, ["v2", "token", "rba", "redirect", id]) => self.three_ds_page(call, id),
            (&M::GET, ["v2", kind @ ("gopay" | "qris"), id, "qr-code"]) => {
                none(self.qr_code(kind, id))
            }
            (_, ["simulator", "gopay", "link", id]) => self.activation_page(call, id),
            (_, ["simulator", payment_type, id]) => self.app_page(call, payment_type, id),
            _ => return None,
        })
    }

    pub(super) fn route(&self, call: &Call, segs: &[&str], bases: &Bases) -> Answer {
        let body = || json_body(call, &self.rng);
        match (&call.method, segs) {
            (_, ["iris", "api", "v1", rest @ ..]) => self.iris(call, rest),
            (&M::GET, ["snap", "v3", "merchant-preferences"]) => none(self.preferences()),
            (&M::PATCH, ["snap", "v3", "merchant-preferences"]) => {
                none(self.update_preferences(&call.body))
            }
            (&M::POST, ["v1", "payment-links"]) => none(self.payment_link_create(call, bases)),
            (&M::GET, ["v1", "payment-links", id]) => none(self.payment_link_get(id, bases)),
            (&M::DELETE, ["v1", "payment-links", id]) => none(self.payment_link_delete(id)),
            (&M::POST, ["v1", "invoices"]) => self.invoice_create(call, bases),
            (&M::GET, ["v1", "balance", "mutation"]) => none(self.balance_mutation(call)),
            (&M::GET, ["v1", "invoices", id]) => none(self.invoice_get(id, bases)),
            (&M::PATCH, ["v1", "invoices", id, "void"]) => none(self.invoice_void(id, call)),
            (&M::PATCH, ["v1", "invoices", id, "convert"]) => self.invoice_convert(id, call, bases),
            (&M::POST, ["snap", "v1", "transactions"]) => none(self.snap_create(call, bases)),
            (&M::POST, ["snap", "v1", "transactions", token, "cancel"]) => {
                none(self.snap_cancel(token))
            }
            (&M::POST, [google_pay::PREFIX, "google_auth"]) => match body() {
                Ok(body) => none(self.google_auth(&body)),
                Err(reply) => none(reply),
            },
            (&M::POST, [google_pay::PREFIX, "v2", "charge"]) => match body() {
                Ok(body) => {
                    self.google_pay_charge(&body, notify_targets(call, &self.config), bases)
                }
                Err(reply) => none(reply),
            },
            (&M::POST, ["v2", "charge"]) => match body() {
                // Midtrans cannot work with an empty charge: HTTP 500 (the SDKs' tests).
                Ok(body) if body.as_object().is_some_and(serde_json::Map::is_empty) => {
                    none(unexpected())
                }
                Err(_) if is_blank(&call.body) => none(unexpected()),
                Ok(body) => {
                    let notify = notify_targets(call, &self.config);
                    self.charge(&body, notify, None, bases)
                }
                Err(reply) => none(reply),
            },
            (&M::POST, ["v2", "capture"]) => match body() {
                Ok(body) => self.capture(&body),
                Err(reply) => none(reply),
            },
            (&M::GET, ["v2", "token"]) => none(self.card_token(call)),
            (&M::GET, ["v2", "card", "register"]) => none(self.card_register(call)),
            (&M::GET, ["v2", "point_inquiry", token]) => none(self.point_inquiry(token)),
            (&M::GET, ["v1", "bins", bin]) => none(self.bin(bin)),
            (&M::POST, ["v1", "subscriptions"]) => none(self.subscription_create(&call.body)),
            (&M::GET, ["v1", "subscriptions", id]) => none(self.subscription_get(id)),
            (&M::PATCH, ["v1", "subscriptions", id]) => {
                none(self.subscription_update(id, &call.body))
            }
            (&M::POST, ["v1", "subscriptions", id, action @ ("enable" | "disable" | "cancel")]) => {
                none(self.subscription_action(id, action))
            }
            (&M::POST, ["v2", "pay", "account"]) => match body() {
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
            | (&M::POST, ["v2", id, "refund", "online", "direct"]) => match body() {
                Ok(body) => self.refund(id, &body),
                Err(reply) => none(reply),
            },
            (method, _) if [M::GET, M::POST, M::PATCH].contains(method) => none(core_error(
                404,
                "The requested resource is not found",
                &self.rng,
            )),
            _ => none(core_error(405, "HTTP method not allowed", &self.rng)),
        }
    }
}
