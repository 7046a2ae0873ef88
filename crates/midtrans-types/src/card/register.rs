use core::fmt;

use serde::{Deserialize, Serialize};

use crate::{Metadata, SavedTokenId, StatusCode, TransactionId};

/// The query of `GET /v2/card/register`: saves a card and returns a `saved_token_id`.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/register-card). The client adds
/// `client_key`. `Debug` masks the card number.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardRegisterRequest {
    card_number: String,
    card_exp_month: String,
    card_exp_year: String,
}

impl CardRegisterRequest {
    /// A card to register: number, expiry month (`"12"`), four-digit expiry year.
    pub fn new(
        card_number: impl Into<String>,
        card_exp_month: impl Into<String>,
        card_exp_year: impl Into<String>,
    ) -> Self {
        CardRegisterRequest {
            card_number: card_number.into(),
            card_exp_month: card_exp_month.into(),
            card_exp_year: card_exp_year.into(),
        }
    }

    /// The query parameters, in order, without `client_key`; percent-encode them when sending.
    pub fn query_pairs(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("card_number", self.card_number.as_str()),
            ("card_exp_month", self.card_exp_month.as_str()),
            ("card_exp_year", self.card_exp_year.as_str()),
        ]
    }
}

impl fmt::Debug for CardRegisterRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CardRegisterRequest")
            .field("card_number", &super::mask_card_number(&self.card_number))
            .field("card_exp_month", &self.card_exp_month)
            .field("card_exp_year", &self.card_exp_year)
            .finish()
    }
}

/// The answer of `GET /v2/card/register`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CardRegisterResponse {
    /// `"200"` on success.
    pub status_code: StatusCode,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
    /// The saved card token, for one-click charges and subscriptions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved_token_id: Option<SavedTokenId>,
    /// Transaction id of the registration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<TransactionId>,
    /// Masked card number, e.g. `48111111-1114`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub masked_card: Option<String>,
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
