//! Subscriptions (`/v1/subscriptions`): create, get, update, enable, disable, cancel. Errors
//! have Subscriptions' own shape: `{status_message, validation_messages?}`, real HTTP codes.
// Read-only `serde_json::Value["key"]` yields `Null` for absent keys or non-objects and never
// panics.
#![allow(clippy::indexing_slicing)]

use chrono::{DateTime, FixedOffset, Months};
use serde_json::{json, Value};

use super::{Reply, Simulator};
use crate::ids::{iso_time, now};

const MISSING: &str = "Subscription doesn't exist.";

/// The sandbox's answer to a body that is not a JSON object (`null`, a list, …).
fn bad_request() -> Reply {
    Reply::Json(400, json!({"status_message": "Bad request"}))
}

fn missing() -> Reply {
    Reply::Json(404, json!({"status_message": MISSING}))
}

/// `at` moved on by `count` days, weeks or months; `None` for another unit or a date past
/// what the calendar holds.
pub(super) fn advance(
    at: DateTime<FixedOffset>,
    count: u64,
    unit: &str,
) -> Option<DateTime<FixedOffset>> {
    let count = u32::try_from(count).ok()?;
    match unit {
        "day" => at.checked_add_signed(chrono::Duration::try_days(i64::from(count))?),
        "week" => at.checked_add_signed(chrono::Duration::try_weeks(i64::from(count))?),
        "month" => at.checked_add_months(Months::new(count)),
        _ => None,
    }
}

impl Simulator {
    /// Whether a subscription's `token` is one Midtrans would charge: a saved card token this
    /// simulator issued, or a payment option token of an enabled GoPay account.
    fn known_token(&self, payment_type: &str, token: &str, account: Option<&str>) -> bool {
        let state = self.state();
        if payment_type == "credit_card" {
            return state.saved_cards.contains(token);
        }
        let Some(account) = account
            .and_then(|id| state.pay_accounts.get(id))
            .map(|a| &a.answer)
        else {
            return false;
        };
        account["account_status"] == "ENABLED"
            && account["metadata"]["payment_options"]
                .as_array()
                .is_some_and(|options| options.iter().any(|o| o["token"] == token))
    }

    pub(super) fn subscription_create(&self, raw: &[u8]) -> Reply {
        let body = match serde_json::from_slice::<Value>(raw) {
            Ok(body @ Value::Object(_)) => body,
            _ => return bad_request(),
        };
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
        let payment_type = body["payment_type"].as_str().unwrap_or_default();
        if !matches!(payment_type, "credit_card" | "gopay") {
            errors.push("subscription.payment_type is invalid".to_owned());
        }
        let token = body["token"].as_str().unwrap_or_default();
        if token.is_empty() {
            errors.push("subscription.token is required".to_owned());
        } else if matches!(payment_type, "credit_card" | "gopay")
            && !self.known_token(payment_type, token, body["gopay"]["account_id"].as_str())
        {
            errors.push("subscription.token is invalid".to_owned());
        }
        let schedule = &body["schedule"];
        let interval = schedule["interval"].as_u64().filter(|i| *i > 0);
        if interval.is_none() {
            errors.push("subscription.schedule.interval must be greater than 0".to_owned());
        }
        let unit = schedule["interval_unit"].as_str().unwrap_or("month");
        if !matches!(unit, "day" | "week" | "month") {
            errors.push("subscription.schedule.interval_unit is invalid".to_owned());
        }
        let at = now();
        let start = match schedule["start_time"].as_str() {
            None => None,
            Some(text) => match DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S %z") {
                Ok(start) if start > at => Some(start),
                Ok(_) => {
                    errors.push("subscription.schedule.start_time must be in the future".into());
                    None
                }
                Err(_) => {
                    errors.push("subscription.schedule.start_time is invalid".to_owned());
                    None
                }
            },
        };
        // The first charge: at `start_time`, or one interval from now.
        let next = match start {
            Some(start) => Some(start),
            None => advance(at, interval.unwrap_or(1), unit),
        };
        if next.is_none() && errors.is_empty() {
            errors.push("subscription.schedule.interval is too large".to_owned());
        }
        if !errors.is_empty() {
            return Reply::Json(
                400,
                json!({"status_message": "Invalid parameter.", "validation_messages": errors}),
            );
        }
        let id = self.rng.uuid();
        let mut subscription = body.clone();
        if let Value::Object(map) = &mut subscription {
            map.insert("id".into(), id.clone().into());
            map.insert(
                "amount".into(),
                amount.unwrap_or_default().to_string().into(),
            );
            map.insert("currency".into(), "IDR".into());
            map.insert("created_at".into(), iso_time(at).into());
            map.insert("status".into(), "active".into());
            if let Some(Value::Object(schedule)) = map.get_mut("schedule") {
                schedule.insert("interval_unit".into(), unit.into());
                schedule.insert("current_interval".into(), 0.into());
                let start = start.map_or_else(|| iso_time(at), iso_time);
                schedule.insert("start_time".into(), start.into());
                if let Some(next) = next {
                    schedule.insert("next_execution_at".into(), iso_time(next).into());
                }
            }
        }
        let limits = self.limits();
        self.state()
            .insert_subscription(id, subscription.clone(), limits);
        Reply::Json(200, subscription)
    }

    pub(super) fn subscription_get(&self, id: &str) -> Reply {
        match self.state().subscriptions.get(id) {
            Some(subscription) => Reply::Json(200, subscription.clone()),
            None => missing(),
        }
    }

    pub(super) fn subscription_update(&self, id: &str, raw: &[u8]) -> Reply {
        let changes = match serde_json::from_slice::<Value>(raw) {
            Ok(Value::Object(changes)) => changes,
            _ => return bad_request(),
        };
        let updated = self.state().subscriptions.update(id, |subscription| {
            let Value::Object(subscription) = subscription else {
                return;
            };
            for (key, value) in changes {
                match (subscription.get_mut(&key), value) {
                    (Some(Value::Object(old)), Value::Object(new)) => old.extend(new),
                    (_, value) => {
                        subscription.insert(key, value);
                    }
                }
            }
        });
        match updated {
            Some(()) => Reply::Json(200, json!({"status_message": "Subscription is updated."})),
            None => missing(),
        }
    }

    pub(super) fn subscription_action(&self, id: &str, action: &str) -> Reply {
        let status = if action == "enable" {
            "active"
        } else {
            "inactive"
        };
        let updated = self.state().subscriptions.update(id, |subscription| {
            if let Value::Object(map) = subscription {
                map.insert("status".into(), status.into());
            }
        });
        match updated {
            Some(()) => Reply::Json(200, json!({"status_message": "Subscription is updated."})),
            None => missing(),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn next_execution_follows_interval_and_unit() {
        let at = DateTime::parse_from_rfc3339("2026-01-31T10:00:00+07:00").unwrap();
        let next = |count, unit| advance(at, count, unit).map(|t| t.to_rfc3339());
        assert_eq!(next(2, "day").unwrap(), "2026-02-02T10:00:00+07:00");
        assert_eq!(next(1, "week").unwrap(), "2026-02-07T10:00:00+07:00");
        // A month from 31 January is the last day of February, as calendars count.
        assert_eq!(next(1, "month").unwrap(), "2026-02-28T10:00:00+07:00");
        assert_eq!(next(1, "year"), None);
        assert_eq!(next(u64::MAX, "day"), None, "no overflow");
    }
}
