//! Google Pay's host, served under `/panapi`: `POST /google_auth` (client key) answers a JWT
//! for the page's domain, and `POST /v2/charge` takes a card charge paid with Google's token.
//! The outcome is the sandbox's: IDR 10,002 and 10,004 succeed, 10,001 and 10,003 are denied,
//! any other amount is denied as an unknown card
//! ([Midtrans docs](https://docs.midtrans.com/reference/payment-method-google-pay)). The
//! transaction is then an ordinary card transaction of the Core API.
// Read-only `serde_json::Value["key"]` yields `Null` for absent keys or non-objects and never
// panics.
#![allow(clippy::indexing_slicing)]

use base64::Engine as _;
use serde_json::{json, Value};

use super::{transaction_details, validation, Bases, Delivery, OrderIds, Reply, Simulator};
use crate::ids::now;

/// The path segment Google Pay's host is served under, beside the Core API.
pub(crate) const PREFIX: &str = "panapi";

impl Simulator {
    /// `POST /google_auth`: `{"authJwt": …}` for `merchantOrigin`. The JWT has the documented
    /// shape (ES256 header, the origin and issue time in its claims) but is signed by no key
    /// Google knows: a Google Pay button cannot use it.
    pub(super) fn google_auth(&self, body: &Value) -> Reply {
        let origin = body["merchantOrigin"].as_str().unwrap_or_default();
        if origin.is_empty() {
            return validation(&["merchantOrigin is required".into()], &self.rng);
        }
        let part = |value: &Value| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(value.to_string())
        };
        let header = part(&json!({"alg": "ES256", "typ": "JWT"}));
        let claims = part(&json!({
            "iss": "midtrans-mock",
            "merchantOrigin": origin,
            "merchantId": self.config.merchant_id,
            "iat": now().timestamp(),
        }));
        let signature =
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(self.rng.alphanumeric(64));
        Reply::Json(
            200,
            json!({"authJwt": format!("{header}.{claims}.{signature}")}),
        )
    }

    /// `POST /v2/charge` on Google Pay's host: a `credit_card` charge with
    /// `credit_card.google_pay_token` (an object with `protocolVersion`, `signature` and
    /// `signedMessage`), paid with Google's test card as the amount decides.
    pub(super) fn google_pay_charge(
        &self,
        body: &Value,
        notify: Vec<String>,
        bases: &Bases,
    ) -> (Reply, Vec<Delivery>) {
        let token = &body["credit_card"]["google_pay_token"];
        let mut errors = Vec::new();
        if body["payment_type"].as_str() != Some("credit_card") {
            errors.push("payment_type must be credit_card".to_owned());
        }
        if !token.is_object() {
            errors.push("credit_card.google_pay_token is required".to_owned());
        } else {
            for key in ["protocolVersion", "signature", "signedMessage"] {
                if token[key].as_str().is_none_or(str::is_empty) {
                    errors.push(format!("credit_card.google_pay_token.{key} is required"));
                }
            }
        }
        let gross = match transaction_details(body, OrderIds::Core) {
            Ok((_, gross)) => gross,
            Err(mut more) => {
                errors.append(&mut more);
                0
            }
        };
        if !errors.is_empty() {
            return (validation(&errors, &self.rng), Vec::new());
        }
        let card = crate::cards::google_pay(gross);
        self.charge_with(body, notify, None, Some(card), bases)
    }
}
