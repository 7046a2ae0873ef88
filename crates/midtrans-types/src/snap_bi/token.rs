//! `POST /v1.0/access-token/b2b` (service 73): the access token every other SNAP-BI call
//! carries. [Midtrans docs](https://docs.midtrans.com/reference/access-token-api)

use core::fmt;

use serde::{Deserialize, Serialize};

use super::{Extra, ResponseCode};

/// The access-token request: `{"grant_type":"client_credentials"}`, as the official SDKs send
/// it (the docs print `grantType`; Midtrans accepts the SDKs' spelling).
///
/// ```
/// use midtrans_types::snap_bi::AccessTokenRequest;
/// let body = serde_json::to_string(&AccessTokenRequest::client_credentials())?;
/// assert_eq!(body, r#"{"grant_type":"client_credentials"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AccessTokenRequest {
    /// `client_credentials`.
    #[serde(alias = "grantType")]
    pub grant_type: String,
}

impl AccessTokenRequest {
    /// The only grant Midtrans issues B2B tokens for.
    pub fn client_credentials() -> Self {
        AccessTokenRequest {
            grant_type: "client_credentials".to_owned(),
        }
    }
}

/// The access-token answer. `Debug` does not show the token.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AccessTokenResponse {
    /// `2007300` on success.
    pub response_code: ResponseCode,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_message: Option<String>,
    /// The token (≤ 2048 characters), sent as `Authorization: Bearer <token>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    /// `Bearer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_type: Option<String>,
    /// Lifetime in seconds; Midtrans sends a string (`"900"`) and it is written back as one,
    /// a number is read too.
    #[serde(
        default,
        with = "super::text_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub expires_in: Option<u64>,
    /// Extra information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Extra>,
    /// Fields this crate does not model (`referenceNo` on errors, …).
    #[serde(flatten)]
    pub extra: Extra,
}

impl fmt::Debug for AccessTokenResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessTokenResponse")
            .field("response_code", &self.response_code)
            .field("response_message", &self.response_message)
            .field(
                "access_token",
                &self.access_token.as_ref().map(|_| "[redacted]"),
            )
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in)
            .finish_non_exhaustive()
    }
}
