//! `POST /v2/charge` for every payment type: the answer each one gets, the transaction it
//! creates, and the rule for order ids used before.
// Read-only `serde_json::Value["key"]` yields `Null` for absent keys or non-objects and never
// panics.
#![allow(clippy::indexing_slicing)]

use serde_json::{json, Map, Value};

use super::state::{Order, SnapReturn, Waiting};
use super::{
    core_error, transaction_details, validation, Bases, Delivery, OrderIds, Reply, Simulator,
};
use crate::cards::{Card, Outcome};
use crate::ids::{core_time, now};

/// Midtrans's answer to an order id that is taken (sample `error_406_duplicate_order_response`).
const DUPLICATE_ORDER: &str = "The request could not be completed due to a conflict with the current state of the target resource, please try again";

const BAD_TOKEN: &str = "token_id is missing, invalid, or timed out";

/// Whether an order id whose latest transaction ended this way may be charged again:
/// Midtrans frees it after `cancel` and `expire` (docs: error codes, expire transaction);
/// every other status keeps it taken (406), `deny` included, as the docs do not free it.
pub(super) fn frees_order_id(status: &str) -> bool {
    matches!(status, "cancel" | "expire")
}

/// What a charge turns into, before it is stored.
pub(super) struct Outline {
    pub(super) status: &'static str,
    pub(super) fraud: Option<String>,
    pub(super) message: &'static str,
    pub(super) fields: Map<String, Value>,
    pub(super) waiting: Waiting,
}

impl Outline {
    pub(super) fn pending(message: &'static str) -> Self {
        Outline {
            status: "pending",
            fraud: Some("accept".to_owned()),
            message,
            fields: Map::new(),
            waiting: Waiting::Nothing,
        }
    }
}

impl Simulator {
    /// Creates a transaction; `snap` when the customer pays through a Snap page.
    pub(super) fn charge(
        &self,
        body: &Value,
        notify: Vec<String>,
        snap: Option<SnapReturn>,
        bases: &Bases,
    ) -> (Reply, Vec<Delivery>) {
        self.charge_with(body, notify, snap, None, bases)
    }

    /// Creates a transaction; a card charge pays with `card` when given (Google Pay's), else
    /// with the card behind its `token_id`.
    pub(super) fn charge_with(
        &self,
        body: &Value,
        notify: Vec<String>,
        snap: Option<SnapReturn>,
        card: Option<Card>,
        bases: &Bases,
    ) -> (Reply, Vec<Delivery>) {
        let ids = if snap.is_some() {
            OrderIds::Snap
        } else {
            OrderIds::Core
        };
        let (order_id, gross) = match transaction_details(body, ids) {
            Ok(details) => details,
            Err(messages) => return (validation(&messages, &self.rng), Vec::new()),
        };
        let payment_type = body["payment_type"].as_str().unwrap_or_default().to_owned();
        let transaction_id = self.rng.uuid();
        let outline = match payment_type.as_str() {
            "bank_transfer" => self.bank_transfer(body, snap.is_some()),
            "echannel" => {
                let mut outline = Outline::pending("OK, Mandiri Bill transaction is successful");
                let fields = &mut outline.fields;
                fields.insert("bill_key".into(), self.rng.digits(12).into());
                fields.insert("biller_code".into(), "70012".into());
                Ok(outline)
            }
            "gopay" if !body["gopay"]["payment_option_token"].is_null() => {
                self.gopay_tokenized(body, gross, &transaction_id, bases)
            }
            "gopay" | "shopeepay" | "qris" => {
                Ok(self.wallet(body, &payment_type, &transaction_id, gross, bases))
            }
            "cstore" => {
                let store = body["cstore"]["store"].as_str().unwrap_or("indomaret");
                let mut outline = Outline::pending("Success, cstore transaction is successful");
                outline.fraud = None;
                outline
                    .fields
                    .insert("payment_code".into(), self.rng.digits(18).into());
                outline.fields.insert("store".into(), store.into());
                Ok(outline)
            }
            "credit_card" => self.card(body, card, &transaction_id, bases),
            "akulaku" | "kredivo" | "bca_klikpay" | "cimb_clicks" | "danamon_online"
            | "bri_epay" | "uob_ezpay" | "bca_klikbca" => {
                let mut outline = Outline::pending("Success, transaction is created");
                if payment_type != "bca_klikbca" {
                    let url = format!("{}/simulator/{payment_type}/{transaction_id}", bases.app);
                    outline.fields.insert("redirect_url".into(), url.into());
                }
                Ok(outline)
            }
            "" => Err(validation(&["payment_type is required".into()], &self.rng)),
            _ => Err(core_error(
                402,
                "Payment channel is not activated.",
                &self.rng,
            )),
        };
        let outline = match outline {
            Ok(outline) => outline,
            Err(reply) => return (reply, Vec::new()),
        };
        let mut custom = Map::new();
        for key in [
            "custom_field1",
            "custom_field2",
            "custom_field3",
            "metadata",
        ] {
            if let Some(value) = body.get(key) {
                custom.insert(key.into(), value.clone());
            }
        }
        let at = now();
        let order = Order {
            order_id,
            transaction_id,
            payment_type,
            gross_amount: gross,
            status: outline.status.to_owned(),
            fraud: outline.fraud,
            transaction_time: core_time(at),
            settlement_time: (outline.status == "settlement").then(|| core_time(at)),
            fields: outline.fields,
            refunds: Vec::new(),
            refunded: 0,
            refund_keys: Vec::new(),
            notify,
            custom,
            waiting: outline.waiting,
            history: Vec::new(),
            snap,
            snap_bi: None,
        };
        let reply = Reply::Json(
            200,
            order.body(
                &self.config.merchant_id,
                order.status_code(),
                outline.message,
            ),
        );
        let limits = self.limits();
        let mut state = self.state();
        // Checked under the same lock as the insert, so concurrent charges cannot both win.
        if state
            .latest(&order.order_id)
            .is_some_and(|existing| !frees_order_id(&existing.status))
        {
            return (core_error(406, DUPLICATE_ORDER, &self.rng), Vec::new());
        }
        if let Some(refused) = super::payment_link::refused_purchase(&state, &order.order_id) {
            return (refused, Vec::new());
        }
        let deliveries = self.notify(&order);
        state.insert_order(order, limits);
        (reply, deliveries)
    }

    /// A virtual account. BSI, Danamon and SeaBank are Snap's (`bsi_va`, `danamon_va`,
    /// `seabank_va`) and SNAP-BI's; the legacy charge documents only BCA, BNI, BRI, CIMB and
    /// Permata, so only a Snap page (`via_snap`) issues them here.
    fn bank_transfer(&self, body: &Value, via_snap: bool) -> Result<Outline, Reply> {
        let bank = body["bank_transfer"]["bank"].as_str().unwrap_or_default();
        let custom = body["bank_transfer"]["va_number"].as_str();
        let mut outline = match bank {
            "permata" => {
                let mut outline = Outline::pending("Success, PERMATA VA transaction is successful");
                let number = custom.map_or_else(|| self.rng.digits(11), str::to_owned);
                outline
                    .fields
                    .insert("permata_va_number".into(), number.into());
                outline
            }
            "bca" | "bni" | "bri" | "cimb" => self.va_number(bank, custom),
            "bsi" | "danamon" | "seabank" if via_snap => self.va_number(bank, custom),
            _ => {
                let message = "bank_transfer.bank is not supported";
                return Err(validation(&[message.into()], &self.rng));
            }
        };
        let expiry = core_time(now() + chrono::Duration::hours(24));
        outline.fields.insert("expiry_time".into(), expiry.into());
        Ok(outline)
    }

    /// A pending transfer into `bank`'s account: the merchant's digits and the custom number
    /// or eight random digits.
    fn va_number(&self, bank: &str, custom: Option<&str>) -> Outline {
        let mut outline = Outline::pending("Success, Bank Transfer transaction is created");
        let number = format!(
            "{}{}",
            self.config.merchant_digits(),
            custom.map_or_else(|| self.rng.digits(8), str::to_owned)
        );
        outline.fields.insert(
            "va_numbers".into(),
            json!([{"bank": bank, "va_number": number}]),
        );
        outline
    }

    /// GoPay, ShopeePay and QRIS: pending, with the actions the customer's app or a QR scan
    /// completes.
    fn wallet(
        &self,
        body: &Value,
        payment_type: &str,
        transaction_id: &str,
        gross: u64,
        bases: &Bases,
    ) -> Outline {
        let message = match payment_type {
            "gopay" => "GO-PAY transaction is created",
            "qris" => "QRIS transaction is created",
            _ => "ShopeePay transaction is created",
        };
        let mut outline = Outline::pending(message);
        let base = format!("{}/v2/{transaction_id}", bases.core);
        let mut actions = vec![];
        if payment_type != "shopeepay" {
            let url = format!("{}/v2/{payment_type}/{transaction_id}/qr-code", bases.core);
            actions.push(json!({"name": "generate-qr-code", "method": "GET", "url": url}));
            let payload = crate::qr::qris_payload(&self.config.merchant_id, transaction_id, gross);
            if payment_type == "qris" {
                outline
                    .fields
                    .insert("qr_string".into(), payload.clone().into());
            }
            outline.waiting = Waiting::Qr(payload);
        }
        if payment_type != "qris" {
            let url = format!("{}/simulator/{payment_type}/{transaction_id}", bases.app);
            actions.push(json!({"name": "deeplink-redirect", "method": "GET", "url": url}));
        }
        if payment_type == "gopay" {
            let status = format!("{base}/status");
            let cancel = format!("{base}/cancel");
            actions.push(json!({"name": "get-status", "method": "GET", "url": status}));
            actions.push(json!({"name": "cancel", "method": "POST", "url": cancel}));
        }
        outline
            .fields
            .insert("actions".into(), Value::Array(actions));
        if payment_type == "qris" {
            let acquirer = body["qris"]["acquirer"].as_str().unwrap_or("gopay");
            outline.fields.insert("acquirer".into(), acquirer.into());
            let expiry = core_time(now() + chrono::Duration::minutes(15));
            outline.fields.insert("expire_time".into(), expiry.into());
        }
        outline
    }

    /// The card behind a token: a saved token this simulator issued, or a one-time token
    /// (`BIN-last4-…`). Anything else is unknown, as an unknown `saved_token_id` is to
    /// Midtrans.
    pub(super) fn card_for_token(&self, token: &str) -> Option<Card> {
        if let Some(number) = self.state().saved_cards.get(token) {
            return Some(crate::cards::by_number(number));
        }
        crate::cards::by_one_time_token(token)
    }

    fn card(
        &self,
        body: &Value,
        card: Option<Card>,
        transaction_id: &str,
        bases: &Bases,
    ) -> Result<Outline, Reply> {
        let request = &body["credit_card"];
        let card = match card {
            Some(card) => card,
            None => request["token_id"]
                .as_str()
                .and_then(|token| self.card_for_token(token))
                .ok_or_else(|| core_error(411, BAD_TOKEN, &self.rng))?,
        };
        let mut outline = Outline {
            status: "capture",
            fraud: Some("accept".to_owned()),
            message: "Success, Credit Card transaction is successful",
            fields: Map::new(),
            waiting: Waiting::Nothing,
        };
        let fields = &mut outline.fields;
        fields.insert("masked_card".into(), card.masked.clone().into());
        fields.insert("card_type".into(), "credit".into());
        let bank = request["bank"].as_str().unwrap_or("bni");
        fields.insert("bank".into(), bank.into());
        let authorize = request["type"].as_str() == Some("authorize");
        let three_ds = request["authentication"].as_bool() == Some(true) && card.three_ds;
        if three_ds {
            // The issuer's page decides: the card's outcome is applied once the customer
            // has entered the password (or the control API pays).
            outline.status = "pending";
            let url = format!("{}/v2/token/rba/redirect/{transaction_id}", bases.core);
            fields.insert("redirect_url".into(), url.into());
            fields.insert("three_ds_version".into(), "2".into());
            outline.waiting = Waiting::ThreeDs {
                outcome: card.outcome,
                authorize,
            };
        } else {
            let (status, fraud) = self.card_outcome(fields, card.outcome, authorize);
            outline.status = status;
            outline.fraud = Some(fraud.to_owned());
        }
        if request["save_token_id"].as_bool() == Some(true) {
            let saved = self.save_card(&card);
            fields.insert("saved_token_id".into(), saved.into());
        }
        Ok(outline)
    }

    /// Applies a card's outcome to a transaction's fields: its status and fraud status.
    pub(super) fn card_outcome(
        &self,
        fields: &mut Map<String, Value>,
        outcome: Outcome,
        authorize: bool,
    ) -> (&'static str, &'static str) {
        fields.insert("eci".into(), "05".into());
        match outcome {
            Outcome::UnknownCard => {
                fields.insert("channel_response_code".into(), "14".into());
                fields.insert(
                    "channel_response_message".into(),
                    "Invalid card number".into(),
                );
                ("deny", "accept")
            }
            Outcome::BankDeny | Outcome::FraudDeny => {
                fields.insert("channel_response_code".into(), "05".into());
                fields.insert("channel_response_message".into(), "Do not honour".into());
                let fraud = if outcome == Outcome::FraudDeny {
                    "deny"
                } else {
                    "accept"
                };
                ("deny", fraud)
            }
            Outcome::Accept | Outcome::Challenge => {
                fields.insert("approval_code".into(), self.rng.digits(13).into());
                fields.insert("channel_response_code".into(), "00".into());
                fields.insert("channel_response_message".into(), "Approved".into());
                let status = if authorize { "authorize" } else { "capture" };
                let fraud = if outcome == Outcome::Challenge {
                    "challenge"
                } else {
                    "accept"
                };
                (status, fraud)
            }
        }
    }
}
