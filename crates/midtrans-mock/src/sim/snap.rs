//! Snap: tokens (`POST /snap/v1/transactions`), their cancellation, and the payment page a
//! token opens — the order summary, the methods `enabled_payments` allows grouped as Snap
//! groups them, a card form that takes any sandbox card, and the way back to the merchant
//! (`callbacks.finish`, or the opening page's callbacks under `snap.js`).
// Read-only `serde_json::Value["key"]` yields `Null` for absent keys or non-objects and never
// panics.
#![allow(clippy::indexing_slicing)]

use serde_json::{json, Value};

use super::charge::frees_order_id;
use super::state::{SnapReturn, SnapSession};
use super::{
    is_success, notify_targets, transaction_details, Bases, Call, Delivery, OrderIds, Reply,
    Simulator,
};
use crate::ids::Rng;

/// Every method a Snap page offers, grouped and labelled as Snap groups them.
pub(crate) const GROUPS: &[(&str, &[(&str, &str)])] = &[
    ("Credit/debit card", &[("credit_card", "Credit/debit card")]),
    (
        "Virtual account",
        &[
            ("bca_va", "BCA"),
            ("bni_va", "BNI"),
            ("bri_va", "BRI"),
            ("permata_va", "Permata"),
            ("cimb_va", "CIMB Niaga"),
            ("bsi_va", "BSI"),
            ("danamon_va", "Danamon"),
            ("seabank_va", "SeaBank"),
            ("echannel", "Mandiri Bill"),
            ("other_va", "Other banks"),
        ],
    ),
    (
        "E-wallet",
        &[("gopay", "GoPay"), ("shopeepay", "ShopeePay")],
    ),
    ("QRIS", &[("other_qris", "QRIS")]),
    (
        "Convenience store",
        &[("indomaret", "Indomaret"), ("alfamart", "Alfamart")],
    ),
    (
        "Cardless credit",
        &[("akulaku", "Akulaku PayLater"), ("kredivo", "Kredivo")],
    ),
    (
        "Direct debit",
        &[
            ("bca_klikpay", "BCA KlikPay"),
            ("bca_klikbca", "KlikBCA"),
            ("bri_epay", "BRImo"),
            ("cimb_clicks", "OCTO Clicks"),
            ("danamon_online", "Danamon Online Banking"),
            ("uob_ezpay", "UOB EZ Pay"),
        ],
    ),
];

/// Whether a session offers a method: every method when `enabled_payments` was not given.
fn offers(session: &SnapSession, method: &str) -> bool {
    let known = GROUPS
        .iter()
        .any(|(_, methods)| methods.iter().any(|(m, _)| *m == method));
    known && session.allows(method)
}

/// The Core charge a Snap page makes for the method the customer picked.
fn charge_body(method: &str, session: &SnapSession, card_token: Option<String>) -> Value {
    let details = json!({"order_id": session.order_id, "gross_amount": session.gross_amount});
    let (payment_type, extra) = match method {
        "bni_va" | "bri_va" | "cimb_va" | "permata_va" | "bca_va" | "bsi_va" | "danamon_va"
        | "seabank_va" => (
            "bank_transfer",
            json!({"bank_transfer": {"bank": method.trim_end_matches("_va")}}),
        ),
        "other_va" => ("bank_transfer", json!({"bank_transfer": {"bank": "bni"}})),
        "echannel" => (
            "echannel",
            json!({"echannel": {"bill_info1": "Payment", "bill_info2": "Snap"}}),
        ),
        "qris" | "other_qris" => ("qris", json!({})),
        "indomaret" | "alfamart" => ("cstore", json!({"cstore": {"store": method}})),
        // Snap authenticates card payments with 3-D Secure.
        "credit_card" => (
            "credit_card",
            json!({"credit_card": {"token_id": card_token, "authentication": true}}),
        ),
        other => (other, json!({})),
    };
    let mut body = json!({"payment_type": payment_type, "transaction_details": details});
    if let (Value::Object(map), Value::Object(extra)) = (&mut body, extra) {
        map.extend(extra);
    }
    body
}

/// The customer's name, email and phone from `customer_details`.
fn customer(body: &Value) -> Vec<(&'static str, String)> {
    let details = &body["customer_details"];
    let name = [&details["first_name"], &details["last_name"]]
        .iter()
        .filter_map(|v| v.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let mut fields = Vec::new();
    for (label, value) in [
        ("Name", Some(name.as_str())),
        ("Email", details["email"].as_str()),
        ("Phone", details["phone"].as_str()),
    ] {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            fields.push((label, value.to_owned()));
        }
    }
    fields
}

/// The one-time token a Snap page's card form makes of a card number, or why it cannot.
fn card_token(
    form: &std::collections::HashMap<String, String>,
    rng: &Rng,
) -> Result<String, String> {
    let number: String = form
        .get("card_number")
        .map(String::as_str)
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_digit())
        .collect();
    if !crate::cards::luhn(&number) {
        return Err("This card number is not valid.".into());
    }
    let month = form
        .get("card_exp_month")
        .and_then(|m| m.trim().parse::<u8>().ok());
    if !matches!(month, Some(1..=12)) {
        return Err("The expiry month is not valid.".into());
    }
    if form.get("card_cvv").is_none_or(|c| c.trim().len() < 3) {
        return Err("The CVV is not valid.".into());
    }
    let card = crate::cards::by_number(&number);
    Ok(format!("{}-{}-{}", card.bin8(), card.last4(), rng.uuid()))
}

impl Simulator {
    pub(super) fn snap_create(&self, call: &Call, bases: &Bases) -> Reply {
        let snap_error = |status: u16, message: String| {
            Reply::Json(status, json!({"error_messages": [message]}))
        };
        let Ok(body) = serde_json::from_slice::<Value>(&call.body) else {
            return snap_error(400, "request body is not valid JSON".into());
        };
        self.open_snap(&body, notify_targets(call, &self.config), bases)
    }

    /// A Snap session for `body` (a Snap request), its notifications going to `notify`: the
    /// token and the payment page's URL, or Snap's 400.
    pub(super) fn open_snap(&self, body: &Value, notify: Vec<String>, bases: &Bases) -> Reply {
        let snap_error = |status: u16, message: String| {
            Reply::Json(status, json!({"error_messages": [message]}))
        };
        let (order_id, gross) = match transaction_details(body, OrderIds::Snap) {
            Ok(details) => details,
            Err(messages) => return Reply::Json(400, json!({"error_messages": messages})),
        };
        let enabled: Vec<String> = body["enabled_payments"]
            .as_array()
            .map(|all| {
                all.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let items = body["item_details"]
            .as_array()
            .map(|all| {
                all.iter()
                    .map(|item| {
                        (
                            item["name"].as_str().unwrap_or("Item").to_owned(),
                            item["price"].as_i64().unwrap_or(0),
                            item["quantity"].as_i64().unwrap_or(0),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let session = SnapSession {
            order_id,
            gross_amount: gross,
            notify,
            cancelled: false,
            enabled,
            items,
            customer: customer(body),
            finish: body["callbacks"]["finish"].as_str().map(str::to_owned),
        };
        let limits = self.limits();
        let mut state = self.state();
        let taken = state
            .latest(&session.order_id)
            .is_some_and(|o| !frees_order_id(&o.status));
        if taken || state.snap_waiting(&session.order_id) {
            let message = "transaction_details.order_id has already been taken";
            return snap_error(400, message.into());
        }
        let token = self.rng.uuid();
        state.insert_snap(token.clone(), session, limits);
        Reply::Json(
            201,
            json!({"token": token, "redirect_url": format!("{}/snap/v3/redirection/{token}", bases.app)}),
        )
    }

    pub(super) fn snap_cancel(&self, token: &str) -> Reply {
        let mut state = self.state();
        let paid = state.snap.get(token).is_some_and(|s| {
            state
                .latest(&s.order_id)
                .is_some_and(|o| !frees_order_id(&o.status))
        });
        let cancelled = state.snap.update(token, |session| {
            if session.cancelled {
                Err("token already canceled")
            } else if paid {
                Err("Transaction is on progress")
            } else {
                session.cancelled = true;
                Ok(())
            }
        });
        match cancelled {
            None => Reply::Json(404, json!({"error_messages": ["token not found"]})),
            Some(Err(message)) => Reply::Json(400, json!({"error_messages": [message]})),
            Some(Ok(())) => {
                let at = chrono::Utc::now()
                    .format("%Y-%m-%dT%H:%M:%S%.3fZ")
                    .to_string();
                Reply::Json(200, json!({"canceled_at": at}))
            }
        }
    }

    /// `GET /snap/v3/redirection/{token}` shows the page; `POST …/pay` pays with the chosen
    /// method.
    pub(super) fn snap_page(
        &self,
        call: &Call,
        token: &str,
        rest: &[&str],
        bases: &Bases,
    ) -> (Reply, Vec<Delivery>) {
        let session = self.state().snap.get(token).cloned();
        let Some(session) = session else {
            let page = crate::page::message("Payment page not found");
            return (Reply::Html(404, page), Vec::new());
        };
        if session.cancelled {
            let page = crate::page::message("This payment page was cancelled");
            return (Reply::Html(410, page), Vec::new());
        }
        let paying = call.method == http::Method::POST && rest == ["pay"];
        if !paying {
            let html = crate::page::snap_page(token, &session, None);
            return (Reply::Html(200, html), Vec::new());
        }
        let form = call.form();
        let method = form.get("method").map(String::as_str).unwrap_or_default();
        if !offers(&session, method) {
            let html =
                crate::page::snap_page(token, &session, Some("Choose one of these methods."));
            return (Reply::Html(400, html), Vec::new());
        }
        let card = if method == "credit_card" {
            match card_token(&form, &self.rng) {
                Ok(token) => Some(token),
                Err(problem) => {
                    let html = crate::page::snap_page(token, &session, Some(&problem));
                    return (Reply::Html(400, html), Vec::new());
                }
            }
        } else {
            None
        };
        let charge = charge_body(method, &session, card);
        let back = Some(SnapReturn {
            finish: session.finish.clone(),
        });
        let (reply, mut deliveries) = self.charge(&charge, session.notify.clone(), back, bases);
        let created = match &reply {
            Reply::Json(_, body) if is_success(&reply) => body.clone(),
            Reply::Json(_, body) => {
                let page = crate::page::result_page(
                    "This order could not be paid.",
                    body,
                    "midtrans-mock-snap",
                    None,
                );
                return (Reply::Html(200, page), Vec::new());
            }
            _ => Value::Null,
        };
        // Where the customer goes on: the card issuer's 3-D Secure page, or the wallet's or
        // bank's own page, as on Snap.
        let onward = created["redirect_url"]
            .as_str()
            .map(str::to_owned)
            .or_else(|| {
                created["actions"].as_array().and_then(|actions| {
                    actions
                        .iter()
                        .find(|a| a["name"] == "deeplink-redirect")
                        .and_then(|a| a["url"].as_str())
                        .map(str::to_owned)
                })
            });
        // A GoPay or QRIS payment is confirmed in the app at once, in the simulator.
        if matches!(method, "gopay" | "qris" | "other_qris") {
            if let Ok(more) = self.control_transition(&session.order_id, "pay") {
                deliveries.extend(more);
            }
        } else if let Some(url) = onward {
            return (Reply::Redirect(url), deliveries);
        }
        let reply = self.result(call, &session.order_id, method, None);
        (reply, deliveries)
    }
}
