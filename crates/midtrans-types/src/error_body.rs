//! The error bodies of each Midtrans product ([Midtrans docs](https://docs.midtrans.com/reference/code-statuses)).

use serde::{Deserialize, Deserializer, Serialize};

use crate::{Metadata, StatusCode};

/// A Core API error body: `{status_code, status_message, validation_messages?, id?}`.
///
/// It may arrive with HTTP 200: the body `status_code` (≥ 400, except 407) is what makes it an
/// error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CoreErrorBody {
    /// Body status code, e.g. `"406"`.
    pub status_code: StatusCode,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
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

/// A Snap error body: `{"error_messages": [...]}` (a single string is accepted too).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SnapErrorBody {
    /// The messages.
    #[serde(deserialize_with = "string_or_list")]
    pub error_messages: Vec<String>,
    /// Fields this crate does not model, kept as received.
    #[serde(flatten)]
    pub extra: Metadata,
}

/// A subscription API error body: `{status_message, validation_messages?}` (no `status_code`;
/// the HTTP status tells).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SubscriptionErrorBody {
    /// Message, e.g. `Subscription doesn't exist.`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
    /// Validation errors (also read from `validation_message`).
    #[serde(
        default,
        alias = "validation_message",
        skip_serializing_if = "Option::is_none"
    )]
    pub validation_messages: Option<Vec<String>>,
    /// Fields this crate does not model, kept as received.
    #[serde(flatten)]
    pub extra: Metadata,
}

/// A BIN API error body: `{"errors": [{message_title, message}]}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BinErrorBody {
    /// The errors.
    pub errors: Vec<BinError>,
    /// Fields this crate does not model, kept as received.
    #[serde(flatten)]
    pub extra: Metadata,
}

/// One BIN API error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BinError {
    /// Short title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_title: Option<String>,
    /// Message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

fn string_or_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(message) => vec![message],
        OneOrMany::Many(messages) => messages,
    })
}
