//! What the dashboard shows of the simulator's state, and the buttons it offers: the
//! transactions (newest first) with their history, the Iris payouts, and the control API's
//! actions on them.
// Read-only `serde_json::Value["key"]` yields `Null` for absent keys or non-objects and never
// panics.
#![allow(clippy::indexing_slicing)]

use serde_json::json;

use super::state::Order;
use super::{Delivery, Reply, Simulator};

/// A transaction as the dashboard lists it.
#[derive(Clone, Debug)]
pub(crate) struct TransactionView {
    pub(crate) transaction_id: String,
    pub(crate) order_id: String,
    pub(crate) payment_type: String,
    /// `snap-bi` for SNAP-BI transactions, else `core` (Snap's payments are Core transactions).
    pub(crate) product: &'static str,
    pub(crate) gross_amount: u64,
    pub(crate) status: String,
    pub(crate) fraud: Option<String>,
    pub(crate) transaction_time: String,
    pub(crate) refunded: u64,
    pub(crate) history: Vec<(String, String)>,
}

impl TransactionView {
    fn of(order: &Order) -> Self {
        TransactionView {
            transaction_id: order.transaction_id.clone(),
            order_id: order.order_id.clone(),
            payment_type: order.payment_type.clone(),
            product: if order.snap_bi.is_some() {
                "snap-bi"
            } else {
                "core"
            },
            gross_amount: order.gross_amount,
            status: order.status.clone(),
            fraud: order.fraud.clone(),
            transaction_time: order.transaction_time.clone(),
            refunded: order.refunded,
            history: order.history.clone(),
        }
    }
}

/// An Iris payout as the dashboard lists it.
#[derive(Clone, Debug)]
pub(crate) struct PayoutView {
    pub(crate) reference_no: String,
    pub(crate) status: String,
    pub(crate) amount: u64,
    pub(crate) account: String,
}

/// The buttons of a transaction: what the control API (or the refund API) does to it.
pub(crate) const ACTIONS: &[(&str, &str)] = &[
    ("pay", "Pay (settle)"),
    ("expire", "Expire"),
    ("challenge", "Challenge"),
    ("refund", "Refund all"),
    ("chargeback", "Charge back"),
];

impl Simulator {
    /// Every transaction held, newest first.
    pub(crate) fn dashboard_transactions(&self) -> Vec<TransactionView> {
        let state = self.state();
        let mut all: Vec<TransactionView> = state
            .transactions
            .ordered()
            .into_iter()
            .map(TransactionView::of)
            .collect();
        all.reverse();
        all
    }

    /// One transaction, by transaction id or order id.
    pub(crate) fn dashboard_transaction(&self, id: &str) -> Option<TransactionView> {
        self.state().find(id).map(TransactionView::of)
    }

    /// Every Iris payout held, newest first.
    pub(crate) fn dashboard_payouts(&self) -> Vec<PayoutView> {
        let state = self.state();
        let mut all: Vec<PayoutView> = state
            .iris_payouts
            .ordered()
            .into_iter()
            .map(|payout| {
                let answer = payout.answer();
                PayoutView {
                    reference_no: payout.reference_no.clone(),
                    status: answer["status"].as_str().unwrap_or_default().to_owned(),
                    amount: answer["amount"]
                        .as_str()
                        .and_then(|a| a.split('.').next())
                        .and_then(|a| a.parse().ok())
                        .unwrap_or(0),
                    account: answer["beneficiary_account"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                }
            })
            .collect();
        all.reverse();
        all
    }

    /// A transaction button: the notifications it causes, or why it cannot be done.
    pub(crate) fn dashboard_action(&self, id: &str, action: &str) -> Result<Vec<Delivery>, String> {
        let refused = |reply: Reply| match reply {
            Reply::Json(_, body) => body["status_message"]
                .as_str()
                .or_else(|| body["error_messages"][0].as_str())
                .unwrap_or("refused")
                .to_owned(),
            _ => "refused".to_owned(),
        };
        match action {
            "pay" | "expire" | "challenge" | "chargeback" => {
                self.control_transition(id, action).map_err(refused)
            }
            "refund" => {
                let (reply, deliveries) = self.refund(
                    id,
                    &json!({"reason": "Refunded from the simulator's dashboard"}),
                );
                if super::is_success(&reply) {
                    Ok(deliveries)
                } else {
                    Err(refused(reply))
                }
            }
            _ => Err(format!("no such action: {action}")),
        }
    }

    /// A payout button (`complete` or `fail`, with Iris's error code `002`).
    pub(crate) fn dashboard_payout(
        &self,
        reference_no: &str,
        action: &str,
    ) -> Result<Vec<Delivery>, String> {
        let code = (action == "fail").then_some("002");
        self.iris_settle(&[reference_no.to_owned()], action, code)
            .map_err(|reply| match reply {
                Reply::Json(_, body) => body["error_message"]
                    .as_str()
                    .unwrap_or("refused")
                    .to_owned(),
                _ => "refused".to_owned(),
            })
    }
}
