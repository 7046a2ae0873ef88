use serde::{Deserialize, Deserializer, Serialize};

use crate::Metadata;

/// The answer of `GET /v1/bins/{bin}`.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/bin-api). Casing of the values varies
/// (`"VISA"`, `"visa"`), so they are kept as strings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BinResponse {
    /// What is known about the BIN.
    pub data: BinData,
}

/// BIN metadata.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BinData {
    /// Deprecated by Midtrans; `null` in current answers.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "bool_or_string"
    )]
    pub registration_required: Option<bool>,
    /// Issuing country, e.g. `INDONESIA`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_name: Option<String>,
    /// ISO 3166 alpha-2 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// Where the card can be used, e.g. `online_offline`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// Card brand, e.g. `VISA`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// `CREDIT` or `DEBIT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bin_type: Option<String>,
    /// Card class, e.g. `GOLD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bin_class: Option<String>,
    /// The BIN itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bin: Option<String>,
    /// Bank code, e.g. `BCA`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_code: Option<String>,
    /// Bank name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank: Option<String>,
    /// Fields this crate does not model, kept as received.
    #[serde(flatten)]
    pub extra: Metadata,
}

/// `true`/`false`, `"true"`/`"false"` or `null`.
fn bool_or_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flag {
        Bool(bool),
        Text(String),
    }
    match Option::<Flag>::deserialize(deserializer)? {
        None => Ok(None),
        Some(Flag::Bool(flag)) => Ok(Some(flag)),
        Some(Flag::Text(text)) => match text.to_ascii_lowercase().as_str() {
            "true" => Ok(Some(true)),
            "false" => Ok(Some(false)),
            _ => Err(serde::de::Error::custom(
                "registration_required must be a boolean",
            )),
        },
    }
}
