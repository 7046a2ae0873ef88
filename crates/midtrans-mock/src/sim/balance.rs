//! The Merchant Balance Mutation API, `GET /v1/balance/mutation`: the merchant's balances at
//! the start and the end of a window, from what the simulator holds — the `payin` wallet from
//! its settled payments (less their refunds; captured, unsettled card payments pending), the
//! `iris` wallet from the Iris balance and its movements.

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};
use serde_json::{json, Value};

use super::{Call, Reply, Simulator};
use midtrans_types::JAKARTA;

fn error(message: &str) -> Reply {
    Reply::Json(400, json!({ "error_messages": [message] }))
}

/// A Core API time (`yyyy-MM-dd HH:mm:ss`, Jakarta).
fn core_instant(text: &str) -> Option<DateTime<FixedOffset>> {
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").ok()?;
    JAKARTA.from_local_datetime(&naive).single()
}

/// The whole rupiah of an amount as the simulator writes it (`"5000.00"`).
fn rupiah(value: &Value) -> Option<u64> {
    value.as_str()?.split('.').next()?.parse().ok()
}

/// The six balances of a wallet, from its effective and pending amounts at both ends.
fn balances(source: Option<&str>, open: (u64, u64), close: (u64, u64)) -> Value {
    let amount = |rupiah: u64| json!(rupiah as f64);
    let mut value = json!({
        "opening_balance_effective": amount(open.0),
        "closing_balance_effective": amount(close.0),
        "opening_balance_pending": amount(open.1),
        "closing_balance_pending": amount(close.1),
        "opening_balance_overall": amount(open.0.saturating_add(open.1)),
        "closing_balance_overall": amount(close.0.saturating_add(close.1)),
    });
    if let (Some(source), Value::Object(map)) = (source, &mut value) {
        map.insert("source".into(), source.into());
    }
    value
}

impl Simulator {
    /// `GET /v1/balance/mutation?currency=IDR&start_time=…&end_time=…`.
    pub(super) fn balance_mutation(&self, call: &Call) -> Reply {
        let currency = call.query("currency").unwrap_or_default();
        if currency.is_empty() {
            return error("currency must not be empty");
        }
        if currency != "IDR" {
            return error("currency is not supported");
        }
        let time = |name: &str| {
            call.query(name)
                .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        };
        let (Some(start), Some(end)) = (time("start_time"), time("end_time")) else {
            return error("start_time and end_time must be ISO 8601 with an offset");
        };
        if end < start {
            return error("end_time must not be before start_time");
        }
        let state = self.state();
        // payin at `at`: settled payments less their refunds so far; captured ones pending.
        let payin = |at: DateTime<FixedOffset>| {
            let mut effective = 0_u64;
            let mut pending = 0_u64;
            for order in state.transactions.values() {
                let settled = order
                    .settlement_time
                    .as_deref()
                    .and_then(core_instant)
                    .is_some_and(|when| when <= at);
                if settled {
                    let refunded: u64 = order
                        .refunds
                        .iter()
                        .filter(|r| {
                            r["created_at"]
                                .as_str()
                                .and_then(core_instant)
                                .is_some_and(|when| when <= at)
                        })
                        .filter_map(|r| rupiah(&r["refund_amount"]))
                        .sum();
                    effective =
                        effective.saturating_add(order.gross_amount.saturating_sub(refunded));
                } else if order.status == "capture"
                    && core_instant(&order.transaction_time).is_some_and(|when| when <= at)
                {
                    pending = pending.saturating_add(order.gross_amount);
                }
            }
            (effective, pending)
        };
        // iris at `at`: today's balance, less what moved after `at`.
        let iris = |at: DateTime<FixedOffset>| {
            let mut balance = i128::from(state.iris_balance);
            for line in state.iris_statements.values() {
                let after = line["created_at"]
                    .as_str()
                    .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                    .is_some_and(|when| when > at);
                if !after {
                    continue;
                }
                let amount = i128::from(rupiah(&line["amount"]).unwrap_or(0));
                balance = match line["status"].as_str() {
                    Some("credit") => balance.saturating_sub(amount),
                    _ => balance.saturating_add(amount),
                };
            }
            (u64::try_from(balance.max(0)).unwrap_or(u64::MAX), 0)
        };
        let (payin_open, payin_close) = (payin(start), payin(end));
        let (iris_open, iris_close) = (iris(start), iris(end));
        drop(state);
        let sum = |a: (u64, u64), b: (u64, u64)| (a.0.saturating_add(b.0), a.1.saturating_add(b.1));
        let mut answer = balances(
            None,
            sum(payin_open, iris_open),
            sum(payin_close, iris_close),
        );
        if let Value::Object(map) = &mut answer {
            map.insert("currency".into(), currency.into());
            map.insert(
                "start_time".into(),
                start
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
                    .into(),
            );
            map.insert(
                "end_time".into(),
                end.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
                    .into(),
            );
            map.insert(
                "wallets".into(),
                json!([
                    balances(Some("payin"), payin_open, payin_close),
                    balances(Some("iris"), iris_open, iris_close),
                ]),
            );
        }
        Reply::Json(200, answer)
    }
}
