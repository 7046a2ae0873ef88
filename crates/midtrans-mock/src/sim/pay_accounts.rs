//! GoPay tokenization: linking a customer's GoPay account (`/v2/pay/account`), the activation
//! page the customer confirms it on, unbinding, and charges with a linked account's payment
//! option token.
// Read-only `serde_json::Value["key"]` yields `Null` for absent keys or non-objects and never
// panics.
#![allow(clippy::indexing_slicing)]

use serde_json::{json, Value};

use super::charge::Outline;
use super::state::PayAccount;
use super::{body_error, validation, Bases, Call, Delivery, Reply, Simulator};

const MISSING: &str = "Account doesn't exist.";

/// From this amount on, a linked account's owner confirms with their PIN, as on the sandbox
/// (docs: testing GoPay tokenization): such charges answer `pending` with verification links.
pub(crate) const PIN_FROM: u64 = 100_000;

impl Simulator {
    pub(super) fn pay_account_link(&self, body: &Value, bases: &Bases) -> Reply {
        let phone = body["gopay_partner"]["phone_number"]
            .as_str()
            .unwrap_or_default();
        if phone.is_empty() || phone.starts_with('0') || !phone.chars().all(|c| c.is_ascii_digit())
        {
            let message =
                "gopay_partner.phone_number must be numeric digits and must not begin with 0";
            return validation(&[message.into()], &self.rng);
        }
        let id = self.rng.uuid();
        let (code, channel) = match phone {
            "123450001" => ("202", Some("User Not Found")),
            "123450002" => ("202", Some("Wallet is Blocked")),
            _ => ("201", None),
        };
        let link = format!("{}/simulator/gopay/link/{id}", bases.app);
        let mut account = json!({
            "status_code": code,
            "payment_type": "gopay",
            "account_id": id,
            "account_status": "PENDING",
            "actions": [
                {"name": "activation-deeplink", "method": "GET", "url": link},
                {"name": "activation-link-url", "method": "GET", "url": link},
                {"name": "activation-link-app", "method": "GET", "url": link},
            ],
            "metadata": {"reference_id": self.rng.uuid()},
        });
        if let (Some(message), Value::Object(map)) = (channel, &mut account) {
            map.insert("channel_response_code".into(), "202".into());
            map.insert("channel_response_message".into(), message.into());
            map.remove("actions");
        }
        if code == "201" {
            let redirect_url = body["gopay_partner"]["redirect_url"]
                .as_str()
                .map(str::to_owned);
            let stored = PayAccount {
                answer: account.clone(),
                redirect_url,
            };
            let limits = self.limits();
            self.state().insert_pay_account(id, stored, limits);
        }
        Reply::Json(200, account)
    }

    pub(super) fn pay_account_get(&self, id: &str) -> Reply {
        match self.state().pay_accounts.get(id) {
            Some(account) => Reply::Json(200, account.answer.clone()),
            None => body_error(404, MISSING, &self.rng),
        }
    }

    /// The customer confirms the link: `ENABLED`, with payment options and their tokens.
    pub(crate) fn pay_account_enable(&self, id: &str) -> Reply {
        let tokens = (self.rng.uuid(), self.rng.uuid());
        let enabled = self.state().pay_accounts.update(id, |account| {
            let Value::Object(answer) = &mut account.answer else {
                return Value::Null;
            };
            if answer.get("account_status").and_then(Value::as_str) != Some("ENABLED") {
                answer.insert("status_code".into(), "200".into());
                answer.insert("account_status".into(), "ENABLED".into());
                answer.remove("actions");
                answer.insert("metadata".into(), json!({"payment_options": [
                    {"name": "GOPAY_WALLET", "active": true, "balance": {"value": "6100000.00", "currency": "IDR"}, "metadata": {}, "token": tokens.0},
                    {"name": "PAY_LATER", "active": true, "balance": {"value": "4649999.00", "currency": "IDR"}, "metadata": {}, "token": tokens.1},
                ]}));
            }
            Value::Object(answer.clone())
        });
        match enabled {
            Some(answer) => Reply::Json(200, answer),
            None => body_error(404, MISSING, &self.rng),
        }
    }

    pub(super) fn pay_account_unbind(&self, id: &str) -> Reply {
        let unbound = self.state().pay_accounts.update(id, |account| {
            let Value::Object(answer) = &mut account.answer else {
                return false;
            };
            if answer.get("account_status").and_then(Value::as_str) != Some("ENABLED") {
                return false;
            }
            answer.insert("account_status".into(), "DISABLED".into());
            answer.insert("status_code".into(), "200".into());
            answer.remove("metadata");
            true
        });
        match unbound {
            None => body_error(404, MISSING, &self.rng),
            Some(false) => body_error(412, "Account status cannot be updated.", &self.rng),
            Some(true) => Reply::Json(
                200,
                json!({"status_code": "200", "payment_type": "gopay", "account_id": id, "account_status": "DISABLED", "channel_response_code": "0", "channel_response_message": "Process service request successfully."}),
            ),
        }
    }

    /// The activation page an `activation-*` action opens: GET shows the account and a button;
    /// POST links it and sends the customer to `gopay_partner.redirect_url` when given.
    pub(super) fn activation_page(&self, call: &Call, id: &str) -> (Reply, Vec<Delivery>) {
        let account = self.state().pay_accounts.get(id).cloned();
        let Some(account) = account else {
            let page = crate::page::message("This GoPay link is unknown or was forgotten.");
            return (Reply::Html(404, page), Vec::new());
        };
        if call.method != http::Method::POST {
            let status = account.answer["account_status"]
                .as_str()
                .unwrap_or("PENDING");
            return (
                Reply::Html(200, crate::page::activation_page(id, status)),
                Vec::new(),
            );
        }
        self.pay_account_enable(id);
        let reply = match account.redirect_url {
            Some(url) => Reply::Redirect(url),
            None => Reply::Html(
                200,
                crate::page::message("GoPay account linked. You may close this page."),
            ),
        };
        (reply, Vec::new())
    }

    /// A charge with a linked account's `payment_option_token`: settled at once below
    /// [`PIN_FROM`], else pending behind the PIN verification links.
    pub(super) fn gopay_tokenized(
        &self,
        body: &Value,
        gross: u64,
        transaction_id: &str,
        bases: &Bases,
    ) -> Result<Outline, Reply> {
        let token = body["gopay"]["payment_option_token"]
            .as_str()
            .unwrap_or_default();
        let account_id = body["gopay"]["account_id"].as_str().unwrap_or_default();
        let state = self.state();
        let linked = state
            .pay_accounts
            .get(account_id)
            .filter(|a| a.answer["account_status"] == "ENABLED")
            .map(|a| a.answer["metadata"]["payment_options"].clone());
        drop(state);
        let Some(options) = linked else {
            let message = "gopay.account_id is invalid or the account is not linked";
            return Err(validation(&[message.into()], &self.rng));
        };
        let option = options
            .as_array()
            .and_then(|all| all.iter().find(|o| o["token"] == token))
            .cloned();
        let Some(option) = option else {
            let message = "gopay.payment_option_token is invalid";
            return Err(validation(&[message.into()], &self.rng));
        };
        let mut outline = Outline::pending("GoPay transaction is created. Action(s) required");
        let kind = option["name"].as_str().unwrap_or("GOPAY_WALLET");
        outline
            .fields
            .insert("payment_option_type".into(), kind.into());
        if gross < PIN_FROM {
            outline.status = "settlement";
            outline.message = "Success, GoPay transaction is successful";
        } else {
            let url = format!("{}/simulator/gopay/{transaction_id}", bases.app);
            outline.fields.insert(
                "actions".into(),
                json!([
                    {"name": "verification-link-url", "method": "GET", "url": url},
                    {"name": "verification-link-app", "method": "GET", "url": url},
                ]),
            );
        }
        Ok(outline)
    }
}
