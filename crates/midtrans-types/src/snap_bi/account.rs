//! GoPay account linking over SNAP-BI: binding (`/v1.0/registration-account-binding`,
//! service 07), unbinding (`/v1.0/registration-account-unbinding`, 09) and inquiry
//! (`/v1.0/registration-account-inquiry`, 08). Documented by Midtrans, sent by no official
//! SDK. [Midtrans docs](https://docs.midtrans.com/reference/binding-api)

use core::fmt;

use serde::{Deserialize, Serialize};

use super::{required, Extra, ResponseCode};
use crate::validate::BuildError;

/// `POST /v1.0/registration-account-binding`: exchanges the `authCode` GoPay returned after
/// the customer linked their account for a customer token (`accessTokenInfo.accessToken`),
/// sent afterwards as `Authorization-Customer: Bearer …`.
///
/// ```
/// use midtrans_types::snap_bi::AccountBindingRequest;
/// let request = AccountBindingRequest::new("303b4f89-payment-handle", "auth-code-from-redirect");
/// assert_eq!(serde_json::to_value(&request)?["grantType"], "AUTHORIZATION_CODE");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AccountBindingRequest {
    /// The merchant's payment handle (a UUID, not the Midtrans merchant id).
    pub merchant_id: String,
    /// The code from the get-auth-code redirect.
    pub auth_code: String,
    /// `AUTHORIZATION_CODE`.
    pub grant_type: String,
    /// Extra information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Extra>,
}

impl AccountBindingRequest {
    /// Binds with `auth_code` for the payment handle `merchant_id`.
    pub fn new(merchant_id: impl Into<String>, auth_code: impl Into<String>) -> Self {
        AccountBindingRequest {
            merchant_id: merchant_id.into(),
            auth_code: auth_code.into(),
            grant_type: "AUTHORIZATION_CODE".to_owned(),
            additional_info: None,
        }
    }

    /// Checks the documented rules.
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        required("merchantId", &self.merchant_id, 64)?;
        required("authCode", &self.auth_code, 256)?;
        required("grantType", &self.grant_type, 64)
    }
}

/// `Debug` hides the one-time auth code.
impl fmt::Debug for AccountBindingRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccountBindingRequest")
            .field("merchant_id", &self.merchant_id)
            .field("auth_code", &"[redacted]")
            .field("grant_type", &self.grant_type)
            .finish_non_exhaustive()
    }
}

/// The answer to a binding. `Debug` hides the customer token.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AccountBindingResponse {
    /// `2000700` on success.
    pub response_code: ResponseCode,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_message: Option<String>,
    /// Midtrans's reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_no: Option<String>,
    /// `{"accessToken": …}`: the customer token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_info: Option<Extra>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

impl AccountBindingResponse {
    /// The customer token, for `Authorization-Customer: Bearer …`.
    pub fn customer_token(&self) -> Option<&str> {
        self.access_token_info
            .as_ref()?
            .get("accessToken")?
            .as_str()
    }
}

impl fmt::Debug for AccountBindingResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccountBindingResponse")
            .field("response_code", &self.response_code)
            .field("response_message", &self.response_message)
            .field("reference_no", &self.reference_no)
            .field(
                "access_token_info",
                &self.access_token_info.as_ref().map(|_| "[redacted]"),
            )
            .finish_non_exhaustive()
    }
}

/// `POST /v1.0/registration-account-unbinding`: unlinks the account whose customer token the
/// call sends as `Authorization-Customer`.
///
/// ```
/// use midtrans_types::snap_bi::AccountUnbindingRequest;
/// AccountUnbindingRequest::new("303b4f89-payment-handle").validate()?;
/// # Ok::<(), midtrans_types::BuildError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AccountUnbindingRequest {
    /// The merchant's payment handle.
    pub merchant_id: String,
    /// Extra information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Extra>,
}

impl AccountUnbindingRequest {
    /// Unbinds for the payment handle `merchant_id`.
    pub fn new(merchant_id: impl Into<String>) -> Self {
        AccountUnbindingRequest {
            merchant_id: merchant_id.into(),
            additional_info: None,
        }
    }

    /// Checks the documented rules.
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        required("merchantId", &self.merchant_id, 64)
    }
}

/// The answer to an unbinding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AccountUnbindingResponse {
    /// `2000900` on success.
    pub response_code: ResponseCode,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_message: Option<String>,
    /// Midtrans's reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_no: Option<String>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /v1.0/registration-account-inquiry`: the linked account's payment options and
/// balances (for the customer token the call sends as `Authorization-Customer`).
///
/// ```
/// use midtrans_types::snap_bi::AccountInquiryRequest;
/// let request = AccountInquiryRequest::new();
/// assert_eq!(serde_json::to_string(&request)?, "{}");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AccountInquiryRequest {
    /// Extra information (`accountId`: a Core API pay account to move to SNAP-BI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Extra>,
}

impl AccountInquiryRequest {
    /// An inquiry of the linked account.
    pub fn new() -> Self {
        Self::default()
    }

    /// Nothing to check: every field is optional.
    ///
    /// # Errors
    /// Never.
    pub fn validate(&self) -> Result<(), BuildError> {
        Ok(())
    }
}

/// The answer to an inquiry: `additionalInfo.paymentOptions[]` with `name`, `active`,
/// `balance` and the `token` a tokenized payment names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AccountInquiryResponse {
    /// `2000800` on success.
    pub response_code: ResponseCode,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_message: Option<String>,
    /// Midtrans's reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_no: Option<String>,
    /// Extra information (`paymentOptions`, `paymentType`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Extra>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}
