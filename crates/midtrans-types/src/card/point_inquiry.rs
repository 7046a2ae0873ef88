use serde::{Deserialize, Serialize};

use crate::{Amount, Metadata, StatusCode, Timestamp};

/// The answer of `GET /v2/point_inquiry/{token_id}`: the card's reward point balance.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/point-inquiry).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PointInquiryResponse {
    /// `"200"` on success.
    pub status_code: StatusCode,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
    /// Number of points.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::lenient_int"
    )]
    pub point_balance: Option<i64>,
    /// When the inquiry was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_time: Option<Timestamp>,
    /// Value of the points in rupiah.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub point_balance_amount: Option<Amount>,
    /// Validation errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation_messages: Option<Vec<String>>,
    /// Trace id for Midtrans support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Fields this crate does not model, kept as received.
    #[serde(flatten)]
    pub extra: Metadata,
}
