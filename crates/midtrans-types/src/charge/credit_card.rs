use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::card::{CallbackType, CardChannel, CardTransactionType};
use crate::{Bank, Idr, SavedTokenId, TokenId};

/// The `credit_card` object of a card charge.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/credit-card-object). `token_id` is a
/// one-time token from `GET /v2/token`, or a `saved_token_id` for one-click payments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreditCard {
    /// The card token.
    pub token_id: TokenId,
    /// Request 3-D Secure authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication: Option<bool>,
    /// Acquiring bank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank: Option<Bank>,
    /// Acquiring channel (`migs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<CardChannel>,
    /// Installment term in months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installment_term: Option<u32>,
    /// `authorize` for a pre-authorisation to capture later; default `authorize_capture`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub transaction_type: Option<CardTransactionType>,
    /// Allowed BIN prefixes or bank names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bins: Option<Vec<String>>,
    /// Ask Midtrans for a `saved_token_id` for later one-click payments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub save_token_id: Option<bool>,
    /// Pay (part of) the amount with bank reward points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub point_redeem_amount: Option<PointRedeem>,
    /// How the 3-D Secure result is returned: `js_event` (default) or `form`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_type: Option<CallbackType>,
}

impl CreditCard {
    /// A card charge with a one-time token.
    pub fn new(token_id: impl Into<TokenId>) -> Self {
        CreditCard {
            token_id: token_id.into(),
            authentication: None,
            bank: None,
            channel: None,
            installment_term: None,
            transaction_type: None,
            bins: None,
            save_token_id: None,
            point_redeem_amount: None,
            callback_type: None,
        }
    }

    /// A one-click charge with a saved card token.
    pub fn saved(saved_token_id: &SavedTokenId) -> Self {
        Self::new(saved_token_id.as_str())
    }
}

setters!(CreditCard {
    authentication: bool,
    bank: Bank,
    channel: CardChannel,
    transaction_type: CardTransactionType,
    save_token_id: bool,
    point_redeem_amount: PointRedeem,
    callback_type: CallbackType,
});

exact_setters!(CreditCard {
    installment_term: u32,
});

list_setters!(CreditCard { bins: String });

/// `point_redeem_amount`: redeem bank points for all of the amount (`-1` on the wire) or for a
/// given number of rupiah.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PointRedeem {
    /// Redeem as many points as cover the whole amount (`-1`).
    Full,
    /// Redeem points worth this many rupiah.
    Amount(Idr),
}

impl From<Idr> for PointRedeem {
    fn from(amount: Idr) -> Self {
        PointRedeem::Amount(amount)
    }
}

impl Serialize for PointRedeem {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            PointRedeem::Full => serializer.serialize_i64(-1),
            PointRedeem::Amount(amount) => amount.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for PointRedeem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = deserializer.deserialize_any(crate::money::IntVisitor("an integer"))?;
        match value {
            -1 => Ok(PointRedeem::Full),
            v => u64::try_from(v)
                .map(|v| PointRedeem::Amount(Idr::new(v)))
                .map_err(|_| serde::de::Error::custom("point_redeem_amount must be -1 or ≥ 0")),
        }
    }
}
