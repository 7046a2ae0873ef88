//! `POST /v1.0/transaction-history-list` (service 12): the merchant's transactions in a time
//! range, a page at a time. Documented by Midtrans, sent by no official SDK.
//! [Midtrans docs](https://docs.midtrans.com/reference/transaction-history-list-api)

use serde::{Deserialize, Serialize};

use super::{optional, Extra, Money, ResponseCode};
use crate::validate::{BuildError, BuildErrorKind};

/// A page of the transaction history between two times (ISO-8601).
///
/// ```
/// use midtrans_types::snap_bi::TransactionHistoryRequest;
/// let request = TransactionHistoryRequest::between("2026-11-01T00:00:00+07:00", "2026-11-30T23:59:59+07:00")
///     .page_size(50)
///     .page_number(1);
/// request.validate()?;
/// # Ok::<(), midtrans_types::BuildError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TransactionHistoryRequest {
    /// One order only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_reference_no: Option<String>,
    /// From (ISO-8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_date_time: Option<String>,
    /// To (ISO-8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_date_time: Option<String>,
    /// Entries per page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<u32>,
    /// The page, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_number: Option<u32>,
    /// Filters (`types`, per-type `statuses`, `sortOrder`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Extra>,
}

impl TransactionHistoryRequest {
    /// The transactions from `from` to `to`.
    pub fn between(from: impl Into<String>, to: impl Into<String>) -> Self {
        TransactionHistoryRequest {
            from_date_time: Some(from.into()),
            to_date_time: Some(to.into()),
            ..Self::default()
        }
    }

    /// Checks the documented rules: field lengths, and a page number from 1.
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        optional("partnerReferenceNo", self.partner_reference_no.as_ref(), 64)?;
        optional("fromDateTime", self.from_date_time.as_ref(), 25)?;
        optional("toDateTime", self.to_date_time.as_ref(), 25)?;
        for (field, value) in [
            ("pageSize", self.page_size),
            ("pageNumber", self.page_number),
        ] {
            if value == Some(0) {
                return Err(BuildError::new(field, BuildErrorKind::Zero));
            }
        }
        Ok(())
    }
}

setters!(TransactionHistoryRequest {
    partner_reference_no: String,
});

exact_setters!(TransactionHistoryRequest {
    page_size: u32,
    page_number: u32,
});

/// One transaction of the history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct HistoryEntry {
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_time: Option<String>,
    /// The amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// A remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    /// Its status (`SUCCESS`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Its type (`PAYMENT`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Extra information (`referenceNo`, `partnerReferenceNo`, `channel`, `fee`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Extra>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer to a history request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TransactionHistoryResponse {
    /// `2001200` on success.
    pub response_code: ResponseCode,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_message: Option<String>,
    /// The transactions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail_data: Option<Vec<HistoryEntry>>,
    /// Extra information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Extra>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}
