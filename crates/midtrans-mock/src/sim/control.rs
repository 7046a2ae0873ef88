//! The control API tests drive the simulator with (`/_mock/…`, no key): the customer pays, a
//! payment expires, fraud detection challenges, a payment is charged back, a GoPay link is
//! confirmed. Faults are set in [`crate::server`].

use super::state::Waiting;
use super::{body_error, core_error, Call, Delivery, Reply, Simulator, NOT_FOUND};
use crate::ids::{core_time, now};

impl Simulator {
    /// Applies a test-control transition to a transaction (by transaction id, or the latest of
    /// an order id) and returns its notifications. Paying a card payment waiting for 3-D
    /// Secure goes through 3-D Secure's outcome, as if the customer authenticated.
    pub(crate) fn control_transition(&self, id: &str, what: &str) -> Result<Vec<Delivery>, Reply> {
        if !matches!(
            what,
            "pay" | "settle" | "expire" | "challenge" | "chargeback"
        ) {
            return Err(core_error(404, "unknown control action", &self.rng));
        }
        let changed = self.state().update_order(id, |order| {
            let three_ds = matches!(order.waiting, Waiting::ThreeDs { .. });
            let allowed = match what {
                "pay" | "settle" => matches!(order.status.as_str(), "pending" | "capture"),
                "expire" => order.status == "pending",
                "challenge" => matches!(order.status.as_str(), "capture" | "pending"),
                _ => matches!(order.status.as_str(), "settlement" | "capture"),
            };
            if !allowed {
                return None;
            }
            match what {
                "pay" | "settle" if three_ds && order.status == "pending" => {
                    self.complete_three_ds(order, true);
                }
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
            if order.status != "pending" && three_ds {
                order.waiting = Waiting::Nothing;
                order.fields.remove("redirect_url");
            }
            Some(order.clone())
        });
        match changed {
            None => Err(core_error(404, NOT_FOUND, &self.rng)),
            Some(None) => Err(body_error(
                412,
                "Transaction status cannot be updated.",
                &self.rng,
            )),
            Some(Some(order)) => Ok(self.notify(&order)),
        }
    }

    /// `POST /_mock/orders/{id}/deny_refunds` (or `allow_refunds`): the card scheme declines
    /// the transaction's refunds from now on (or no longer), as card refunds may be declined
    /// since 2026-03-16.
    pub(crate) fn set_refunds_denied(&self, id: &str, denied: bool) -> Reply {
        let mut state = self.state();
        let Some(transaction) = state.resolve(id) else {
            return core_error(404, NOT_FOUND, &self.rng);
        };
        if denied {
            state.refunds_denied.insert(transaction.clone());
        } else {
            state.refunds_denied.remove(&transaction);
        }
        Reply::Json(
            200,
            serde_json::json!({"transaction_id": transaction, "refunds_denied": denied}),
        )
    }

    pub(super) fn control(
        &self,
        call: &Call,
        segs: &[&str],
        bases: &super::Bases,
    ) -> (Reply, Vec<Delivery>) {
        match segs {
            ["_mock", "orders", id, what @ ("deny_refunds" | "allow_refunds")]
                if call.method == http::Method::POST =>
            {
                (
                    self.set_refunds_denied(id, *what == "deny_refunds"),
                    Vec::new(),
                )
            }
            ["_mock", "orders", id, what] if call.method == http::Method::POST => {
                match self.control_transition(id, what) {
                    Ok(deliveries) => (self.status(id), deliveries),
                    Err(reply) => (reply, Vec::new()),
                }
            }
            ["_mock", "pay_accounts", id, "enable"] if call.method == http::Method::POST => {
                (self.pay_account_enable(id), Vec::new())
            }
            ["_mock", "iris", rest @ ..] => self.iris_control(call, rest),
            ["_mock", "invoices", id, "pay"] if call.method == http::Method::POST => {
                self.invoice_pay(id, bases)
            }
            ["_mock", "payment_links", id, action] if call.method == http::Method::POST => {
                let amount = serde_json::from_slice::<serde_json::Value>(&call.body)
                    .ok()
                    .and_then(|body| body.get("amount").and_then(serde_json::Value::as_u64));
                self.payment_link_control(id, action, amount, bases)
            }
            ["_mock", "snap_bi", "expire_tokens"] if call.method == http::Method::POST => {
                (self.snap_bi_expire_tokens(), Vec::new())
            }
            _ => (
                core_error(404, "unknown control endpoint", &self.rng),
                Vec::new(),
            ),
        }
    }
}
