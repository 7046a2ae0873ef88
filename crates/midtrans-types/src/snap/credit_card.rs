use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::card::{CardChannel, CardTransactionType};
use crate::{Bank, TokenId};

/// Snap's `credit_card` object: how the card form behaves.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/request-body-json-parameter).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreditCard {
    /// Require 3-D Secure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secure: Option<bool>,
    /// Offer to save the card for one-click payments (needs `user_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub save_card: Option<bool>,
    /// Acquiring bank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank: Option<Bank>,
    /// Acquiring channel (`migs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<CardChannel>,
    /// `authorize` (pre-authorisation) or `authorize_capture`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub transaction_type: Option<CardTransactionType>,
    /// Accept only cards with these BIN prefixes (≤ 8 digits) or bank names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whitelist_bins: Option<Vec<String>>,
    /// Installment offers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installment: Option<Installment>,
    /// What the card statement shows (BNI only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamic_descriptor: Option<DynamicDescriptor>,
    /// A card token to prefill.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_token: Option<TokenId>,
}

impl CreditCard {
    /// No card options set.
    pub fn new() -> Self {
        Self::default()
    }
}

setters!(CreditCard {
    secure: bool,
    save_card: bool,
    bank: Bank,
    channel: CardChannel,
    transaction_type: CardTransactionType,
    installment: Installment,
    dynamic_descriptor: DynamicDescriptor,
    card_token: TokenId,
});

list_setters!(CreditCard {
    whitelist_bins: String
});

/// Installment offers on the card form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Installment {
    /// Whether the customer must pay in installments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// Disable installments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
    /// Terms in months offered per bank (`bni`, `mandiri`, `cimb`, `bca`, `bri`, `maybank`,
    /// `mega`) or `offline`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms: Option<BTreeMap<String, Vec<u32>>>,
}

impl Installment {
    /// No installment options set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Offers these terms (in months) for a bank's cards.
    #[must_use]
    pub fn terms_for(mut self, bank: &Bank, months: impl IntoIterator<Item = u32>) -> Self {
        self.terms
            .get_or_insert_with(BTreeMap::new)
            .insert(bank.as_str().to_owned(), months.into_iter().collect());
        self
    }

    /// Offers these terms (in months) for offline installments (any bank).
    #[must_use]
    pub fn offline_terms(mut self, months: impl IntoIterator<Item = u32>) -> Self {
        self.terms
            .get_or_insert_with(BTreeMap::new)
            .insert("offline".to_owned(), months.into_iter().collect());
        self
    }
}

setters!(Installment {
    required: bool,
    disabled: bool,
});

/// What appears on the card statement (BNI acquiring only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DynamicDescriptor {
    /// Merchant name, ≤ 25 characters.
    pub merchant_name: String,
    /// City, ≤ 13 characters.
    pub city_name: String,
    /// ISO 3166 alpha-2 country code.
    pub country_code: String,
}

impl DynamicDescriptor {
    /// A statement descriptor.
    pub fn new(
        merchant_name: impl Into<String>,
        city_name: impl Into<String>,
        country_code: impl Into<String>,
    ) -> Self {
        DynamicDescriptor {
            merchant_name: merchant_name.into(),
            city_name: city_name.into(),
            country_code: country_code.into(),
        }
    }
}
