//! The card utilities: one-time tokens (`GET /v2/token`), saved cards (`/v2/card/register`),
//! point inquiry and BIN lookup. Which sandbox card does what is in [`crate::cards`].

use serde_json::json;

use super::{validation, Call, Reply, Simulator};
use crate::cards::Card;
use crate::ids::{core_time, now};

/// The card number of a request, spaces removed.
fn card_number(call: &Call) -> String {
    call.query("card_number")
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

impl Simulator {
    /// Stores a card under a new `saved_token_id` (its BIN, 20 random characters, its last
    /// four digits, as Midtrans's saved tokens look) and returns the token.
    pub(super) fn save_card(&self, card: &Card) -> String {
        let saved = format!(
            "{}{}{}",
            card.bin8(),
            self.rng.alphanumeric(20),
            card.last4()
        );
        let limits = self.limits();
        self.state()
            .insert_saved_card(saved.clone(), card.number.clone(), limits);
        saved
    }

    pub(super) fn card_token(&self, call: &Call) -> Reply {
        if let Some(token_id) = call.query("token_id") {
            let saved = self.state().saved_cards.get(token_id).cloned();
            return match saved {
                Some(number) => crate::cards::token_answer(&number, &self.rng),
                None => validation(&["token_id is invalid".into()], &self.rng),
            };
        }
        let number = card_number(call);
        let mut errors = Vec::new();
        if !crate::cards::luhn(&number) {
            errors.push("card_number does not match with luhn algorithm".to_owned());
        }
        let year: i32 = call
            .query("card_exp_year")
            .and_then(|y| y.parse().ok())
            .unwrap_or(0);
        let this_year: i32 = now().format("%Y").to_string().parse().unwrap_or(0);
        if year < this_year {
            errors.push("card_exp_year must be greater than this year".to_owned());
        }
        if !matches!(
            call.query("card_exp_month")
                .and_then(|m| m.parse::<u8>().ok()),
            Some(1..=12)
        ) {
            errors.push("card_exp_month is invalid".to_owned());
        }
        if call.query("card_cvv").is_none_or(|c| c.len() < 3) {
            errors.push("card_cvv is invalid".to_owned());
        }
        if errors.is_empty() {
            crate::cards::token_answer(&number, &self.rng)
        } else {
            validation(&errors, &self.rng)
        }
    }

    pub(super) fn card_register(&self, call: &Call) -> Reply {
        let number = card_number(call);
        if !crate::cards::luhn(&number) {
            let message = "card_number does not match with luhn algorithm";
            return validation(&[message.into()], &self.rng);
        }
        let card = crate::cards::by_number(&number);
        let saved = self.save_card(&card);
        Reply::Json(
            200,
            json!({
                "status_code": "200",
                "status_message": "Credit card token is created as Token ID.",
                "saved_token_id": saved,
                "transaction_id": self.rng.uuid(),
                "masked_card": card.masked,
            }),
        )
    }

    pub(super) fn point_inquiry(&self, token: &str) -> Reply {
        if token.is_empty() {
            return validation(&["token_id is required".into()], &self.rng);
        }
        Reply::Json(
            200,
            json!({
                "status_code": "200",
                "status_message": "Success, Credit Card Point inquiry is successful",
                "point_balance": 1644,
                "transaction_time": core_time(now()),
                "point_balance_amount": "1644.00",
            }),
        )
    }

    pub(super) fn bin(&self, bin: &str) -> Reply {
        match crate::cards::bin_data(bin) {
            Some(data) => Reply::Json(200, json!({"data": data})),
            None => Reply::Json(
                404,
                json!({"errors": [{"message_title": "not found", "message": "not found"}]}),
            ),
        }
    }
}
