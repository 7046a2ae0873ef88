use core::fmt;

use serde::{Deserialize, Serialize};

use crate::{Bank, Metadata, StatusCode, TokenId};

/// The query of `GET /v2/token`: turns card data into a one-time `token_id`.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/get-token). Normally done in the browser
/// with the client key; the client adds `client_key` itself. Either full card data, or a saved
/// `token_id` with its CVV (two-click). `Debug` masks the card number and hides the CVV and the
/// token.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardTokenRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    card_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    card_exp_month: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    card_exp_year: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    token_id: Option<String>,
    card_cvv: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bank_one_time_token: Option<String>,
}

impl CardTokenRequest {
    /// Tokenize a card: number (spaces allowed), expiry month (`"12"`), four-digit expiry year,
    /// CVV.
    pub fn card(
        card_number: impl Into<String>,
        card_exp_month: impl Into<String>,
        card_exp_year: impl Into<String>,
        card_cvv: impl Into<String>,
    ) -> Self {
        CardTokenRequest {
            card_number: Some(card_number.into()),
            card_exp_month: Some(card_exp_month.into()),
            card_exp_year: Some(card_exp_year.into()),
            token_id: None,
            card_cvv: card_cvv.into(),
            bank_one_time_token: None,
        }
    }

    /// Re-tokenize a saved card (two-click): its `saved_token_id` and the CVV.
    pub fn saved(token_id: impl Into<String>, card_cvv: impl Into<String>) -> Self {
        CardTokenRequest {
            card_number: None,
            card_exp_month: None,
            card_exp_year: None,
            token_id: Some(token_id.into()),
            card_cvv: card_cvv.into(),
            bank_one_time_token: None,
        }
    }

    /// Adds a bank one-time token (Mandiri debit cards).
    #[must_use]
    pub fn bank_one_time_token(mut self, token: impl Into<String>) -> Self {
        self.bank_one_time_token = Some(token.into());
        self
    }

    /// The query parameters, in order, without `client_key`; percent-encode them when sending.
    pub fn query_pairs(&self) -> Vec<(&'static str, &str)> {
        [
            ("card_number", self.card_number.as_deref()),
            ("card_exp_month", self.card_exp_month.as_deref()),
            ("card_exp_year", self.card_exp_year.as_deref()),
            ("token_id", self.token_id.as_deref()),
            ("card_cvv", Some(self.card_cvv.as_str())),
            ("bank_one_time_token", self.bank_one_time_token.as_deref()),
        ]
        .into_iter()
        .filter_map(|(key, value)| value.map(|value| (key, value)))
        .collect()
    }
}

impl fmt::Debug for CardTokenRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CardTokenRequest")
            .field(
                "card_number",
                &self.card_number.as_deref().map(super::mask_card_number),
            )
            .field("card_exp_month", &self.card_exp_month)
            .field("card_exp_year", &self.card_exp_year)
            .field("token_id", &self.token_id.as_ref().map(|_| "[redacted]"))
            .field("card_cvv", &"[redacted]")
            .field(
                "bank_one_time_token",
                &self.bank_one_time_token.as_ref().map(|_| "[redacted]"),
            )
            .finish()
    }
}

/// The answer of `GET /v2/token`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CardTokenResponse {
    /// `"200"` on success.
    pub status_code: StatusCode,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
    /// The one-time token to charge with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_id: Option<TokenId>,
    /// Hash of the card data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
    /// 3-D Secure page (legacy flow).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_url: Option<String>,
    /// Issuing or acquiring bank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank: Option<Bank>,
    /// Validation errors (status 400).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation_messages: Option<Vec<String>>,
    /// Trace id for Midtrans support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Fields this crate does not model, kept as received.
    #[serde(flatten)]
    pub extra: Metadata,
}
