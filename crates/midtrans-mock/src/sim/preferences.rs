//! Snap's merchant preferences, `GET` and `PATCH /snap/v3/merchant-preferences` with the
//! server key: the page's name, return URLs, language, look and channels. A `PATCH` changes
//! the fields it gives (channels by name) and answers the preferences as they are then.

use serde_json::{json, Map, Value};

use super::{Reply, Simulator};

/// The channels a simulated merchant has.
const CHANNELS: &[&str] = &[
    "credit_card",
    "gopay",
    "shopeepay",
    "other_qris",
    "bca_va",
    "bni_va",
    "bri_va",
    "cimb_va",
    "permata_va",
    "echannel",
    "bsi_va",
    "danamon_va",
    "seabank_va",
    "other_va",
    "indomaret",
    "alfamart",
    "akulaku",
    "kredivo",
];

fn error(message: String) -> Reply {
    Reply::Json(400, json!({ "error_messages": [message] }))
}

impl Simulator {
    /// The preferences a merchant starts with.
    pub(super) fn default_preferences(&self) -> Value {
        let channels: Vec<Value> = CHANNELS
            .iter()
            .map(|name| json!({"name": name, "enabled": true}))
            .collect();
        json!({
            "merchant_id": self.config.merchant_id,
            "display_name": "MOCK STORE",
            "finish_payment_return_url": Value::Null,
            "error_payment_return_url": Value::Null,
            "locale": "en",
            "other_va_processor": "permata_va",
            "allow_retry": true,
            "hide_order_id": false,
            "brand": {"typography": "Poppins", "header_color": "#ffffff", "button_color": "#0256A7",
                      "input_border_radius": 10, "button_border_radius": 10, "hide_header": false},
            "payment_channels": channels,
        })
    }

    /// `GET /snap/v3/merchant-preferences`.
    pub(super) fn preferences(&self) -> Reply {
        let mut state = self.state();
        if state.snap_preferences.is_null() {
            state.snap_preferences = self.default_preferences();
        }
        Reply::Json(200, state.snap_preferences.clone())
    }

    /// `PATCH /snap/v3/merchant-preferences`.
    pub(super) fn update_preferences(&self, body: &[u8]) -> Reply {
        let Ok(Value::Object(update)) = serde_json::from_slice::<Value>(body) else {
            return error("The request body must be a JSON object".to_owned());
        };
        let brand = update.get("brand").cloned().unwrap_or(Value::Null);
        if let Some(typeface) = brand["typography"].as_str() {
            if !midtrans_types::snap::TYPOGRAPHIES.contains(&typeface) {
                return error(format!("Typography {typeface} is invalid"));
            }
        }
        for radius in ["input_border_radius", "button_border_radius"] {
            let value = brand[radius]
                .as_u64()
                .or_else(|| brand[radius].as_str().and_then(|s| s.parse().ok()));
            if value.is_some_and(|r| r > 10) {
                return error(format!("{radius} must be at most 10"));
            }
        }
        if let Some(processor) = update.get("other_va_processor").and_then(Value::as_str) {
            if !matches!(processor, "permata_va" | "bni_va" | "bri_va" | "cimb_va") {
                return error(format!("other_va_processor {processor} is invalid"));
            }
        }
        let channels = update
            .get("payment_channels")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for channel in &channels {
            let name = channel["name"].as_str().unwrap_or_default();
            if !CHANNELS.contains(&name) {
                return error(format!("Payment type {name} is invalid for this merchant"));
            }
        }
        let defaults = self.default_preferences();
        let mut state = self.state();
        if state.snap_preferences.is_null() {
            state.snap_preferences = defaults;
        }
        let Value::Object(current) = &mut state.snap_preferences else {
            return error("The preferences are not an object".to_owned());
        };
        for (key, value) in update {
            match key.as_str() {
                "merchant_id" => {}
                "payment_channels" => {}
                "brand" => {
                    let merged = current
                        .entry("brand")
                        .or_insert_with(|| Value::Object(Map::new()));
                    if let (Value::Object(into), Value::Object(given)) = (merged, value) {
                        into.extend(given);
                    }
                }
                _ => {
                    current.insert(key, value);
                }
            }
        }
        if let Some(Value::Array(list)) = current.get_mut("payment_channels") {
            for channel in channels {
                match list.iter_mut().find(|c| c["name"] == channel["name"]) {
                    Some(existing) => *existing = channel,
                    None => list.push(channel),
                }
            }
        }
        Reply::Json(200, state.snap_preferences.clone())
    }
}
