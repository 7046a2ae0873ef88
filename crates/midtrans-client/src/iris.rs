//! Iris's credentials and notifications (feature `iris`): the creator and approver API keys,
//! and the merchant key(s) `Iris-Signature` is computed with.
//!
//! `Iris-Signature` = lowercase hex SHA-512 of the raw body followed by the merchant key
//! ([Midtrans docs](https://docs.midtrans.com/reference/notification-payload-1)): a plain hash,
//! not an HMAC, compared here in constant time.

use core::fmt;

pub use crate::api::{Approver, Creator, Iris, IrisApi, Role};
use crate::config::ConfigError;
use crate::{Client, Error, SignatureError};

/// The Iris keys of a merchant: the creator key (creates beneficiaries and payouts), the
/// approver key (approves and rejects payouts), and the merchant key(s) notifications are
/// signed with (the current one first; earlier ones during a rotation). A client may hold
/// either API key or both. `Debug` shows none of them.
///
/// ```no_run
/// # fn run() -> Result<(), midtrans::ConfigError> {
/// use midtrans::iris::IrisCredentials;
/// let client = midtrans::Client::builder()
///     .server_key("SB-Mid-server-TEST")
///     .iris(
///         IrisCredentials::new()
///             .creator_key("IRIS-creator-TEST")
///             .approver_key("IRIS-approver-TEST")
///             .merchant_key("IRIS-merchant-key-TEST"),
///     )
///     .build()?;
/// # Ok(()) }
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct IrisCredentials {
    pub(crate) creator_key: Option<String>,
    pub(crate) approver_key: Option<String>,
    pub(crate) merchant_keys: Vec<String>,
}

impl IrisCredentials {
    /// No keys yet.
    ///
    /// ```
    /// let credentials = midtrans::iris::IrisCredentials::new();
    /// assert_eq!(credentials, Default::default());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// The creator's API key.
    ///
    /// ```
    /// let credentials = midtrans::iris::IrisCredentials::new().creator_key("IRIS-creator-TEST");
    /// assert!(!format!("{credentials:?}").contains("IRIS-creator-TEST"));
    /// ```
    #[must_use]
    pub fn creator_key(mut self, key: impl Into<String>) -> Self {
        self.creator_key = Some(key.into());
        self
    }

    /// The approver's API key.
    ///
    /// ```
    /// let credentials = midtrans::iris::IrisCredentials::new().approver_key("IRIS-approver-TEST");
    /// assert!(!format!("{credentials:?}").contains("IRIS-approver-TEST"));
    /// ```
    #[must_use]
    pub fn approver_key(mut self, key: impl Into<String>) -> Self {
        self.approver_key = Some(key.into());
        self
    }

    /// A merchant key notifications are verified with; call again for an earlier key still
    /// accepted during a rotation.
    ///
    /// ```
    /// let credentials = midtrans::iris::IrisCredentials::new()
    ///     .merchant_key("IRIS-merchant-2026")
    ///     .merchant_key("IRIS-merchant-2025");
    /// # let _ = credentials;
    /// ```
    #[must_use]
    pub fn merchant_key(mut self, key: impl Into<String>) -> Self {
        self.merchant_keys.push(key.into());
        self
    }

    pub(crate) fn check(&self) -> Result<(), ConfigError> {
        let keys = self
            .creator_key
            .iter()
            .chain(&self.approver_key)
            .chain(&self.merchant_keys);
        for key in keys {
            if key.is_empty() || !key.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(ConfigError::InvalidIrisKey);
            }
        }
        Ok(())
    }

    /// Every key, for scrubbing.
    pub(crate) fn secrets(&self) -> impl Iterator<Item = &str> {
        self.creator_key
            .iter()
            .chain(&self.approver_key)
            .chain(&self.merchant_keys)
            .map(String::as_str)
    }
}

impl fmt::Debug for IrisCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let set = |key: &Option<String>| key.as_ref().map(|_| "[redacted]");
        f.debug_struct("IrisCredentials")
            .field("creator_key", &set(&self.creator_key))
            .field("approver_key", &set(&self.approver_key))
            .field("merchant_keys", &self.merchant_keys.len())
            .finish()
    }
}

/// `Iris-Signature` for `body` under `merchant_key`: lowercase hex SHA-512 of the body's
/// bytes followed by the key's.
///
/// ```
/// let signature = midtrans::iris::signature(br#"{"reference_no":"ref-1"}"#, "IRIS-merchant-key-TEST");
/// assert_eq!(signature.len(), 128);
/// ```
pub fn signature(body: &[u8], merchant_key: &str) -> String {
    crate::notification::lower_hex(&crate::notification::digest(body, merchant_key))
}

/// Verifies an Iris notification's `Iris-Signature` against every configured merchant key,
/// in constant time, then decodes the body.
pub(crate) fn verify(
    client: &Client,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<midtrans_types::iris::IrisNotification, Error> {
    let state = client.state();
    let credentials = state
        .config
        .iris
        .as_ref()
        .filter(|c| !c.merchant_keys.is_empty())
        .ok_or(Error::Config(ConfigError::MissingIris))?;
    let keys: Vec<&str> = credentials
        .merchant_keys
        .iter()
        .map(String::as_str)
        .collect();
    verified(headers, body, &keys, |e| state.scrubber.text(e))
}

/// Verifies an Iris notification with merchant keys alone, without a client (a receiver that
/// makes no calls, `midtrans verify`): `Iris-Signature` must be the hex SHA-512 of the raw
/// body followed by one of `merchant_keys` (compared in constant time); then the body is
/// decoded.
///
/// ```
/// let body = br#"{"reference_no":"ref-1","status":"completed"}"#;
/// let mut headers = http::HeaderMap::new();
/// let signature = midtrans::iris::signature(body, "IRIS-merchant-key-TEST");
/// headers.insert("iris-signature", signature.parse()?);
/// let notification = midtrans::iris::verify_notification(&headers, body, &["IRIS-merchant-key-TEST"])?;
/// assert!(matches!(notification, midtrans::types::iris::IrisNotification::Payout(_)));
/// assert!(midtrans::iris::verify_notification(&headers, body, &["another-key"]).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`Error::Signature`] for a missing, malformed or wrong `Iris-Signature`;
/// [`Error::Notification`] for a body too large or not an Iris notification;
/// [`ConfigError::MissingIris`] without a key. No call is made.
pub fn verify_notification(
    headers: &http::HeaderMap,
    body: &[u8],
    merchant_keys: &[&str],
) -> Result<midtrans_types::iris::IrisNotification, Error> {
    if merchant_keys.is_empty() {
        return Err(Error::Config(ConfigError::MissingIris));
    }
    verified(headers, body, merchant_keys, |e| {
        merchant_keys
            .iter()
            .fold(e.to_owned(), |text, key| text.replace(key, "[redacted]"))
    })
}

/// The checks of [`verify_notification`]; `scrub` cleans a decoding error's text.
fn verified(
    headers: &http::HeaderMap,
    body: &[u8],
    merchant_keys: &[&str],
    scrub: impl Fn(&str) -> String,
) -> Result<midtrans_types::iris::IrisNotification, Error> {
    use crate::NotificationError;
    if body.len() > crate::notification::MAX_NOTIFICATION_BYTES {
        return Err(Error::Notification(NotificationError::TooLarge {
            len: body.len(),
        }));
    }
    let given = headers
        .get("iris-signature")
        .and_then(|v| v.to_str().ok())
        .ok_or(Error::Signature(SignatureError::MissingHeader(
            "iris-signature",
        )))?;
    crate::notification::check_digest(body, given.trim(), merchant_keys.iter().copied())
        .map_err(Error::Signature)?;
    serde_json::from_slice(body)
        .map_err(|e| Error::Notification(NotificationError::Malformed(scrub(&e.to_string()))))
}

/// An Iris notification whose `Iris-Signature` verified, as an axum handler argument
/// (features `axum` and `iris`): a forged, malformed or oversized delivery is answered
/// 401/400/413 before the handler runs. Dereferences to the [`IrisNotification`].
///
/// ```
/// use midtrans::iris::VerifiedIrisNotification;
/// use midtrans::types::iris::IrisNotification;
/// let parsed: IrisNotification = serde_json::from_str(r#"{"reference_no":"ref-1","status":"completed"}"#)?;
/// let verified = VerifiedIrisNotification::from(parsed);
/// assert!(matches!(&*verified, IrisNotification::Payout(p) if p.reference_no == "ref-1"));
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// [`IrisNotification`]: midtrans_types::iris::IrisNotification
#[derive(Clone, Debug, PartialEq)]
pub struct VerifiedIrisNotification(midtrans_types::iris::IrisNotification);

impl VerifiedIrisNotification {
    /// The notification.
    ///
    /// ```
    /// use midtrans::iris::VerifiedIrisNotification;
    /// use midtrans::types::iris::IrisNotification;
    /// let parsed: IrisNotification = serde_json::from_str(r#"{"reference_no":"ref-1","status":"completed"}"#)?;
    /// let notification = VerifiedIrisNotification::from(parsed.clone()).into_inner();
    /// assert_eq!(notification, parsed);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn into_inner(self) -> midtrans_types::iris::IrisNotification {
        self.0
    }
}

impl core::ops::Deref for VerifiedIrisNotification {
    type Target = midtrans_types::iris::IrisNotification;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl From<midtrans_types::iris::IrisNotification> for VerifiedIrisNotification {
    fn from(notification: midtrans_types::iris::IrisNotification) -> Self {
        VerifiedIrisNotification(notification)
    }
}
