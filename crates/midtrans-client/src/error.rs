//! [`Error`]: everything a call can fail with, and the one classifier that decides it.

use core::fmt;

use midtrans_types::{BuildError, StatusCode};
use serde::Deserialize;

use crate::config::ConfigError;
use crate::json;
use crate::transport::TransportError;

/// Why a call failed. No variant's `Display` or `Debug` contains the server key or the
/// `Authorization` header: answer bodies are scrubbed of both before they are kept.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The client is not configured for this call (e.g. no client key for card token).
    Config(ConfigError),
    /// The typed request failed validation; nothing was sent.
    InvalidRequest(BuildError),
    /// An untyped body, a path parameter or a per-request option is not valid; nothing was sent.
    InvalidInput(String),
    /// No HTTP answer arrived. See [`TransportError::maybe_sent`]: after a timeout the payment
    /// may exist; look it up with `transactions().status(order_id)`.
    Transport(TransportError),
    /// Midtrans answered with an error: HTTP status ≥ 400, or a body `status_code` ≥ 400 other
    /// than 407.
    Api(Box<ApiError>),
    /// The answer looked successful but could not be decoded. The call may have taken effect
    /// (a charge may exist): the raw body is kept.
    Decode(Box<DecodeError>),
    /// A notification's `signature_key` does not verify; no call was made.
    Signature(SignatureError),
    /// A notification was refused before its signature was checked (too large, not a
    /// notification, a signed field twice or in another form than Midtrans sends), or the status
    /// lookup of [`crate::Transactions::notification_status`] answered for another order.
    Notification(NotificationError),
    /// SNAP-BI: the access-token call failed (feature `snap-bi`); the call that needed the
    /// token was not sent. The inner error is the token call's.
    AccessToken(Box<Error>),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config(e) => write!(f, "configuration: {e}"),
            Error::InvalidRequest(e) => write!(f, "invalid request, not sent: {e}"),
            Error::InvalidInput(e) => write!(f, "invalid input, not sent: {e}"),
            Error::Transport(e) => write!(f, "transport: {e}"),
            Error::Api(e) => e.fmt(f),
            Error::Decode(e) => e.fmt(f),
            Error::Signature(e) => e.fmt(f),
            Error::Notification(e) => e.fmt(f),
            Error::AccessToken(e) => {
                write!(f, "SNAP-BI access token not obtained, call not sent: {e}")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Config(e) => Some(e),
            Error::InvalidRequest(e) => Some(e),
            Error::Transport(e) => Some(e),
            Error::Signature(e) => Some(e),
            Error::Notification(e) => Some(e),
            Error::AccessToken(e) => Some(e.as_ref()),
            Error::InvalidInput(_) | Error::Api(_) | Error::Decode(_) => None,
        }
    }
}

impl From<ConfigError> for Error {
    fn from(e: ConfigError) -> Self {
        Error::Config(e)
    }
}

impl From<BuildError> for Error {
    fn from(e: BuildError) -> Self {
        Error::InvalidRequest(e)
    }
}

impl From<TransportError> for Error {
    fn from(e: TransportError) -> Self {
        Error::Transport(e)
    }
}

impl Error {
    /// The API error, if Midtrans answered with one.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    fn call(&self) -> Option<&CallInfo> {
        match self {
            Error::Transport(e) => Some(&e.call),
            Error::Api(e) => Some(&e.call),
            Error::Decode(e) => Some(&e.call),
            _ => None,
        }
    }

    /// The `Idempotency-Key` the call was sent with (given, or generated for safe retries).
    /// Within 5 minutes, send the same request again with this key to learn its outcome without
    /// acting twice — except for Permata virtual account, CIMB Clicks, KlikBCA and Indomaret
    /// charges, whose key Midtrans ignores (no key is generated for them): look those up with
    /// `transactions().status(order_id)`.
    pub fn idempotency_key(&self) -> Option<&str> {
        self.call()?
            .idempotency_key
            .as_ref()
            .map(crate::idempotency::Key::as_str)
    }

    /// Whether a write may have taken effect although the call failed: an attempt got no answer
    /// after its request was (maybe) sent, or a 5xx, an in-progress 202 or an answer that could
    /// not be decoded. It stays `true` once any attempt may have acted, whatever later attempts
    /// answered (a 406 after a timeout may be the first attempt's order). Resolve it with
    /// `transactions().status(order_id)` (or by resending with the same idempotency key). Always
    /// `false` for reads, and for a call whose every attempt Midtrans decided (4xx) or that
    /// never connected.
    pub fn outcome_unknown(&self) -> bool {
        self.call().is_some_and(|c| c.outcome_unknown)
    }

    /// How many attempts were made (0 when nothing was sent).
    pub fn attempts(&self) -> u32 {
        self.call().map_or(0, |c| c.attempts)
    }

    /// Records what the client knows about the call on the error.
    pub(crate) fn with_call(mut self, call: CallInfo) -> Self {
        match &mut self {
            Error::Transport(e) => e.call = call,
            Error::Api(e) => e.call = call,
            Error::Decode(e) => e.call = call,
            _ => {}
        }
        self
    }

    /// The raw answer body (scrubbed of secrets), when there was an answer.
    pub fn raw_body(&self) -> Option<&[u8]> {
        match self {
            Error::Api(e) => Some(&e.raw_body),
            Error::Decode(e) => Some(&e.raw_body),
            _ => None,
        }
    }
}

/// What the client knows about the call an error ended: the idempotency key it sent, how many
/// attempts it made, and whether the request may have taken effect.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct CallInfo {
    pub(crate) idempotency_key: Option<crate::idempotency::Key>,
    pub(crate) attempts: u32,
    pub(crate) outcome_unknown: bool,
}

impl fmt::Display for CallInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.attempts > 1 {
            write!(f, " (after {} attempts)", self.attempts)?;
        }
        if let Some(key) = self
            .idempotency_key
            .as_ref()
            .map(crate::idempotency::Key::as_str)
        {
            write!(f, " [Idempotency-Key {key}]")?;
        }
        if self.outcome_unknown {
            f.write_str(
                "; outcome unknown: the request may have reached Midtrans, look it up with \
                 transactions().status(order_id)",
            )?;
        }
        Ok(())
    }
}

/// An error answer from Midtrans, with everything it said.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiError {
    pub(crate) http_status: u16,
    pub(crate) status_code: Option<StatusCode>,
    pub(crate) message: Option<String>,
    pub(crate) messages: Vec<String>,
    pub(crate) message_title: Option<String>,
    pub(crate) id: Option<String>,
    pub(crate) response_code: Option<midtrans_types::snap_bi::ResponseCode>,
    pub(crate) raw_body: Vec<u8>,
    pub(crate) call: CallInfo,
}

impl ApiError {
    /// The HTTP status (Core API errors often come with HTTP 200).
    pub fn http_status(&self) -> u16 {
        self.http_status
    }

    /// The body `status_code`, when the body has one (Core API).
    pub fn status_code(&self) -> Option<&StatusCode> {
        self.status_code.as_ref()
    }

    /// The code that decided the error: the body `status_code` when it is an error code,
    /// else the HTTP status (for SNAP-BI: the status `responseCode` starts with).
    pub fn code(&self) -> u16 {
        match (&self.status_code, &self.response_code) {
            (Some(code), _) if code.is_error() => code.as_u16().unwrap_or(self.http_status),
            (_, Some(code)) => code
                .http_status()
                .filter(|status| *status >= 400)
                .unwrap_or(self.http_status),
            _ => self.http_status,
        }
    }

    /// SNAP-BI's `responseCode` (HTTP status + service code + case code), when the body has
    /// one: `4015401` is an invalid access token on a direct debit payment.
    ///
    /// ```
    /// # fn show(error: midtrans::ApiError) {
    /// if let Some(code) = error.response_code() {
    ///     println!("service {:?}, case {:?}", code.service_code(), code.case_code());
    /// }
    /// # }
    /// ```
    pub fn response_code(&self) -> Option<&midtrans_types::snap_bi::ResponseCode> {
        self.response_code.as_ref()
    }

    /// `status_message` (Core API, subscriptions) or the first error message.
    pub fn message(&self) -> Option<&str> {
        self.message
            .as_deref()
            .or(self.messages.first().map(String::as_str))
    }

    /// `validation_messages`, Snap's `error_messages`, or the BIN API's error messages.
    pub fn messages(&self) -> &[String] {
        &self.messages
    }

    /// The first `message_title` of an `errors` list (the BIN API's error shape,
    /// `{"errors": [{"message_title": …, "message": …}]}`).
    pub fn message_title(&self) -> Option<&str> {
        self.message_title.as_deref()
    }

    /// Midtrans's trace id, for support.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The raw body (scrubbed of secrets).
    pub fn raw_body(&self) -> &[u8] {
        &self.raw_body
    }

    /// Whether Midtrans says the resource does not exist: a 404 with a Midtrans body. A bare
    /// HTTP 404 page (a wrong base URL, a proxy) is not that.
    pub fn is_not_found(&self) -> bool {
        let from_midtrans =
            self.status_code.is_some() || self.message.is_some() || !self.messages.is_empty();
        self.code() == 404 && from_midtrans
    }

    /// Whether the order id or refund key was already used (406).
    pub fn is_duplicate(&self) -> bool {
        self.code() == 406
    }

    /// Whether a parameter was refused (400): [`ApiError::messages`] says which.
    pub fn is_validation(&self) -> bool {
        self.code() == 400
    }

    /// Whether the key was refused (401): a wrong key, or the other environment's key.
    pub fn is_unauthorized(&self) -> bool {
        self.code() == 401
    }

    /// Whether the payment channel is not active for the merchant, or the card cannot be used
    /// (402).
    pub fn is_channel_inactive(&self) -> bool {
        self.code() == 402
    }

    /// Whether the card `token_id` is missing, invalid or expired (411): get a new token.
    pub fn is_token_invalid(&self) -> bool {
        self.code() == 411
    }

    /// Whether the transaction's (or account's) status does not allow the change (412), e.g.
    /// a refund before settlement, approve without a challenge, expire after payment.
    pub fn is_status_conflict(&self) -> bool {
        self.code() == 412
    }

    /// Whether a refund was refused (414): an invalid amount, or not enough merchant balance.
    pub fn is_refund_refused(&self) -> bool {
        self.code() == 414
    }

    /// Whether the call was rate-limited (429; the BIN API answers 409 instead).
    pub fn is_rate_limited(&self) -> bool {
        self.code() == 429
    }

    /// Whether Midtrans failed (5xx): for a write, the outcome is unknown.
    pub fn is_server_error(&self) -> bool {
        (500..600).contains(&self.code())
    }

    /// Whether Midtrans is still processing an earlier call with the same idempotency key
    /// (HTTP 202 without a result): the outcome is not known yet.
    pub fn is_in_progress(&self) -> bool {
        self.http_status == 202 && self.status_code.is_none()
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("http_status", &self.http_status)
            .field("status_code", &self.status_code)
            .field("message", &self.message)
            .field("messages", &self.messages)
            .field("message_title", &self.message_title)
            .field("id", &self.id)
            .field("raw_body", &String::from_utf8_lossy(&self.raw_body))
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Midtrans API error {} (HTTP {}",
            self.code(),
            self.http_status
        )?;
        if let Some(code) = &self.status_code {
            write!(f, ", status_code {code}")?;
        }
        if let Some(code) = &self.response_code {
            write!(f, ", responseCode {code}")?;
        }
        f.write_str(")")?;
        if let Some(message) = self.message() {
            write!(f, ": {message}")?;
        }
        // The reasons: `validation_messages` and the like, beyond the one already shown.
        let shown = self.message();
        let mut reasons = self
            .messages
            .iter()
            .filter(|m| Some(m.as_str()) != shown)
            .peekable();
        if reasons.peek().is_some() {
            f.write_str(" (")?;
            for (i, reason) in reasons.enumerate() {
                if i > 0 {
                    f.write_str("; ")?;
                }
                f.write_str(reason)?;
            }
            f.write_str(")")?;
        }
        if let Some(id) = &self.id {
            write!(f, " [id {id}]")?;
        }
        self.call.fmt(f)
    }
}

/// A successful-looking answer that could not be decoded.
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub(crate) http_status: u16,
    pub(crate) reason: String,
    pub(crate) raw_body: Vec<u8>,
    pub(crate) call: CallInfo,
}

impl DecodeError {
    /// The HTTP status of the answer.
    pub fn http_status(&self) -> u16 {
        self.http_status
    }

    /// What did not decode.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The raw body (scrubbed of secrets).
    pub fn raw_body(&self) -> &[u8] {
        &self.raw_body
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("http_status", &self.http_status)
            .field("reason", &self.reason)
            .field("raw_body", &String::from_utf8_lossy(&self.raw_body))
            .finish()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not decode the answer (HTTP {}): {}; the call may have taken effect",
            self.http_status, self.reason
        )?;
        self.call.fmt(f)
    }
}

/// Why a notification signature did not verify. No call to Midtrans was made.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureError {
    /// A field the signature covers, or `signature_key` itself, is absent.
    MissingField(&'static str),
    /// `signature_key` is not 128 hexadecimal characters.
    Malformed,
    /// The signature does not match any configured server key (SNAP-BI: Midtrans's public
    /// key).
    Mismatch,
    /// SNAP-BI: a header the signature needs (`X-SIGNATURE`, `X-TIMESTAMP`) is absent or not
    /// text.
    MissingHeader(&'static str),
    /// SNAP-BI: no Midtrans public key is configured to verify with.
    NoPublicKey,
    /// SNAP-BI: `X-TIMESTAMP` is not an ISO-8601 time with an offset.
    BadTimestamp,
    /// SNAP-BI: `X-TIMESTAMP` is further from now than the configured tolerance.
    Stale,
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("notification rejected, no call was made: ")?;
        match self {
            SignatureError::MissingField(field) => write!(f, "`{field}` is missing"),
            SignatureError::Malformed => f.write_str("signature_key is not a SHA-512 hex digest"),
            SignatureError::Mismatch => f.write_str("the signature does not match"),
            SignatureError::MissingHeader(name) => write!(f, "the {name} header is missing"),
            SignatureError::NoPublicKey => {
                f.write_str("no Midtrans public key is configured to verify SNAP-BI notifications")
            }
            SignatureError::BadTimestamp => f.write_str("X-TIMESTAMP is not an ISO-8601 time"),
            SignatureError::Stale => {
                f.write_str("X-TIMESTAMP is outside the configured notification tolerance")
            }
        }
    }
}

impl std::error::Error for SignatureError {}

/// Why a notification was refused before its signature was checked (no call to Midtrans was
/// made), or why [`crate::Transactions::notification_status`] did not confirm it.
///
/// ```
/// use midtrans::{Error, NotificationError};
/// let client = midtrans::Client::builder().server_key("SB-Mid-server-TEST").build()?;
/// // Two `order_id`s: which one the signature covers cannot be told.
/// let body = br#"{"order_id":"a","order_id":"b","status_code":"200","gross_amount":"1.00"}"#;
/// match client.transactions().notification(body) {
///     Err(Error::Notification(NotificationError::DuplicateField(field))) => {
///         assert_eq!(field, "order_id")
///     }
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), midtrans::ConfigError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotificationError {
    /// The body is larger than [`crate::notification::MAX_NOTIFICATION_BYTES`].
    TooLarge {
        /// The body's length in bytes.
        len: usize,
    },
    /// The body is not a notification: not one JSON object, or a field of the wrong type (the
    /// reason says which; secrets scrubbed).
    Malformed(String),
    /// A field the signature covers, or `signature_key`, appears more than once: which of the
    /// values was signed cannot be told.
    DuplicateField(String),
    /// A field the signature covers is not in the form Midtrans sends it.
    InvalidField {
        /// The field.
        field: &'static str,
        /// The form Midtrans sends.
        expected: &'static str,
    },
    /// The status lookup answered for another order than the notification's signed `order_id`
    /// (or for none): the notification is not confirmed.
    OrderMismatch {
        /// The notification's `order_id`.
        notified: String,
        /// The answer's `order_id`.
        answered: Option<String>,
    },
}

impl fmt::Display for NotificationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const REJECTED: &str = "notification rejected, no call was made: ";
        match self {
            NotificationError::TooLarge { len } => write!(
                f,
                "{REJECTED}the body of {len} bytes is larger than {} bytes",
                crate::notification::MAX_NOTIFICATION_BYTES
            ),
            NotificationError::Malformed(reason) => {
                write!(f, "{REJECTED}not a notification: {reason}")
            }
            NotificationError::DuplicateField(field) => {
                write!(f, "{REJECTED}`{field}` appears more than once")
            }
            NotificationError::InvalidField { field, expected } => {
                write!(f, "{REJECTED}`{field}` is not {expected}")
            }
            NotificationError::OrderMismatch { notified, answered } => {
                write!(
                    f,
                    "notification not confirmed: the status lookup for order {notified:?} \
                     answered for "
                )?;
                match answered {
                    Some(order) => write!(f, "order {order:?}"),
                    None => f.write_str("no order"),
                }
            }
        }
    }
}

impl std::error::Error for NotificationError {}

/// Replaces secrets (the server key and its Basic-auth form) in text kept from answers,
/// written literally or with any of their characters JSON-escaped (`\u0053B-Mid-…`, `\/`):
/// whatever a JSON parser would decode to the secret.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scrubber {
    secrets: Vec<String>,
}

impl Scrubber {
    /// Scrubs each key, as it is and in its Basic-auth form (with and without `Basic `).
    pub(crate) fn for_keys<'a>(keys: impl IntoIterator<Item = &'a crate::ServerKey>) -> Self {
        let mut secrets = Vec::new();
        for key in keys {
            let basic = crate::basic_auth(key.expose_secret());
            let encoded = basic.trim_start_matches("Basic ").to_owned();
            // Longest first, so the Basic form is replaced whole; the base64 form without its
            // padding too, since a truncated echo may drop it.
            let unpadded = encoded.trim_end_matches('=').to_owned();
            secrets.push(basic);
            secrets.push(encoded);
            secrets.push(unpadded);
            secrets.push(key.expose_secret().to_owned());
        }
        secrets.retain(|s| !s.is_empty());
        secrets.dedup();
        Scrubber { secrets }
    }

    /// Also scrubs `secret` as it is (a SNAP-BI client secret), and its Basic-auth form.
    #[cfg(any(feature = "snap-bi", feature = "iris"))]
    pub(crate) fn with_secret(mut self, secret: &str) -> Self {
        if !secret.is_empty() && !self.secrets.iter().any(|s| s == secret) {
            let basic = crate::basic_auth(secret);
            let encoded = basic.trim_start_matches("Basic ").to_owned();
            self.secrets.push(encoded.trim_end_matches('=').to_owned());
            self.secrets.push(encoded);
            self.secrets.push(basic);
            self.secrets.push(secret.to_owned());
            // Longest first, as for the keys.
            self.secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        }
        self
    }

    pub(crate) fn bytes(&self, input: &[u8]) -> Vec<u8> {
        const REDACTED: &[u8] = b"[redacted]";
        let mut output = Vec::with_capacity(input.len());
        let mut at = 0;
        while let Some(rest) = input.get(at..).filter(|rest| !rest.is_empty()) {
            let found = self
                .secrets
                .iter()
                .find_map(|secret| written_at_start(rest, secret));
            match found {
                Some(len) => {
                    output.extend_from_slice(REDACTED);
                    at = at.saturating_add(len.max(1));
                }
                None => {
                    output.extend(rest.first());
                    at = at.saturating_add(1);
                }
            }
        }
        output
    }

    pub(crate) fn text(&self, input: &str) -> String {
        String::from_utf8_lossy(&self.bytes(input.as_bytes())).into_owned()
    }
}

/// The length of `secret` written at the start of `text`, each character either as it is or as
/// a JSON escape that decodes to it; `None` when it is not there.
fn written_at_start(text: &[u8], secret: &str) -> Option<usize> {
    let first = secret.as_bytes().first()?;
    if text.first() != Some(first) && text.first() != Some(&b'\\') {
        return None;
    }
    secret.chars().try_fold(0usize, |at, c| {
        let len = char_written_at_start(text.get(at..)?, c)?;
        at.checked_add(len)
    })
}

/// The length of `c` at the start of `text`: its UTF-8 bytes, `\uXXXX` (any case, a surrogate
/// pair beyond the BMP), or a short escape (`\/`, `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`).
fn char_written_at_start(text: &[u8], c: char) -> Option<usize> {
    let mut buffer = [0u8; 4];
    let literal = c.encode_utf8(&mut buffer).as_bytes();
    if text.starts_with(literal) {
        return Some(literal.len());
    }
    let escaped = text.strip_prefix(b"\\")?;
    let short = match c {
        '/' => Some(b'/'),
        '"' => Some(b'"'),
        '\\' => Some(b'\\'),
        '\u{8}' => Some(b'b'),
        '\u{c}' => Some(b'f'),
        '\n' => Some(b'n'),
        '\r' => Some(b'r'),
        '\t' => Some(b't'),
        _ => None,
    };
    if short.is_some() && escaped.first() == short.as_ref() {
        return Some(2);
    }
    let unit = |at: usize| -> Option<u32> {
        let hex = escaped.get(at..at.checked_add(5)?)?.strip_prefix(b"u")?;
        u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()
    };
    let mut units = [0u16; 2];
    match c.encode_utf16(&mut units) {
        [single] => (unit(0)? == u32::from(*single)).then_some(6),
        [high, low] => {
            let second = escaped.get(5..)?.strip_prefix(b"\\")?;
            let low_unit = second
                .get(..5)?
                .strip_prefix(b"u")
                .and_then(|hex| u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok())?;
            (unit(0)? == u32::from(*high) && low_unit == u32::from(*low)).then_some(12)
        }
        _ => None,
    }
}

/// The top-level fields the classifier reads: `status_code`, then those of error bodies
/// (`validation_message` is an alias of `validation_messages`). An answer with one of them
/// twice is undecodable.
const CLASSIFIER_FIELDS: [json::Field; 10] = [
    ("status_code", 0),
    ("status_message", 1),
    ("validation_messages", 2),
    ("validation_message", 2),
    ("error_messages", 3),
    ("error_message", 4),
    ("errors", 5),
    ("id", 6),
    ("responseCode", 7),
    ("responseMessage", 8),
];

/// Decodes a classified answer into `T`, refusing one of the classifier's fields twice (the
/// classifier may have read only up to `status_code`).
///
/// # Errors
/// As `serde_json::from_slice`, or a repeated field.
pub(crate) fn decode_answer<T: serde::de::DeserializeOwned>(
    body: &[u8],
) -> Result<T, serde_json::Error> {
    json::decode(body, &CLASSIFIER_FIELDS, false).0
}

/// Whether a `status_code`'s text is a number that is no error, read as
/// [`StatusCode::as_u16`] reads it, without copying it.
fn is_success_code(raw: &serde_json::value::RawValue) -> bool {
    json::scalar_text(raw)
        .and_then(|text| text.trim().parse::<u16>().ok())
        .is_some_and(|code| !StatusCode::is_error_code(code))
}

/// The fields any Midtrans error body may carry.
#[derive(Deserialize, Default)]
struct ErrorProbe {
    #[serde(default)]
    status_message: Option<String>,
    #[serde(default, alias = "validation_message")]
    validation_messages: Option<Vec<String>>,
    #[serde(default)]
    error_messages: Option<serde_json::Value>,
    #[serde(default)]
    error_message: Option<String>,
    #[serde(default)]
    errors: Option<serde_json::Value>,
    #[serde(default)]
    id: Option<String>,
    #[serde(default, rename = "responseMessage")]
    response_message: Option<String>,
}

/// What an HTTP 202 without a body `status_code` means on a host.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Accepted {
    /// The Core API's idempotency answer: the first call with this key is still running.
    InProgress,
    /// Iris's answer to an approval or rejection (`{"status": "ok"}`): done.
    Success,
}

/// The one rule deciding success or error from the HTTP status and the body `status_code`
/// (DESIGN.md): an error iff the HTTP status is not 2xx, or the body has a `status_code` of 400
/// or more other than 407. Body 201 (pending) and 202 (denied) are successful calls. A body
/// `status_code` that is not a number is a [`Error::Decode`]: the outcome is unknown. HTTP 202
/// without a body `status_code` (a repeated idempotency key whose first call is still being
/// processed) is an error too, which the retry policy retries — except on Iris, where it is the
/// documented success of approvals and rejections ([`Accepted`]).
///
/// On success returns the body, to be decoded into the typed answer.
pub(crate) fn classify(
    http_status: u16,
    body: Vec<u8>,
    scrubber: &Scrubber,
    accepted: Accepted,
) -> Result<Vec<u8>, Error> {
    // One pass over the top-level fields: `status_code`, and whether a field this reads is
    // there twice (parsers disagree on which one counts, so neither does). The usual answer —
    // HTTP 2xx with a success code, which Midtrans writes first — is read only up to its code:
    // the typed decode reads the whole body anyway, and `decode_answer` refuses a repeat there.
    let success_http = (200..300).contains(&http_status);
    let fields = json::Fields::scan(&body, &CLASSIFIER_FIELDS, |index, raw| {
        success_http && index == 0 && is_success_code(raw)
    });
    if fields.stopped() {
        return Ok(body);
    }
    if let Some((field, _)) = fields.duplicate().and_then(|i| CLASSIFIER_FIELDS.get(i)) {
        let reason = format!("the field `{field}` appears more than once in the answer");
        return Err(undecodable(http_status, &reason, &body, scrubber));
    }
    // A code is trusted only from a well-formed body; a broken one is decided by the HTTP status
    // (and a 2xx then fails to decode).
    let body_code = fields
        .raw(0)
        .filter(|_| fields.complete())
        .and_then(json::scalar_text)
        .map(|text| StatusCode::new(text.into_owned()));
    // HTTP 202 without a body status code is Midtrans's idempotency answer "the first call
    // with this key is still being processed": not a result, so never a success.
    // SNAP-BI answers carry `responseCode` instead: its first three digits are an HTTP status.
    let response_code = fields
        .raw(8)
        .filter(|_| fields.complete())
        .and_then(json::scalar_text)
        .map(|text| midtrans_types::snap_bi::ResponseCode::new(text.into_owned()));
    let in_progress = http_status == 202
        && accepted == Accepted::InProgress
        && body_code.is_none()
        && response_code.is_none();
    let http_error = !success_http || in_progress;
    let body_error = body_code.as_ref().is_some_and(StatusCode::is_error)
        || response_code
            .as_ref()
            .and_then(midtrans_types::snap_bi::ResponseCode::http_status)
            .is_some_and(|status| status >= 400);
    if http_error || body_error {
        let probe = serde_json::from_slice::<ErrorProbe>(&body).ok();
        let mut error = api_error(http_status, body_code, probe, &body, scrubber);
        error.response_code = response_code
            .map(|code| midtrans_types::snap_bi::ResponseCode::new(scrubber.text(code.as_str())));
        return Err(Error::Api(Box::new(error)));
    }
    if let Some(code) = &body_code {
        if code.as_u16().is_none() {
            let reason = format!("unrecognised body status_code {:?}", code.as_str());
            return Err(undecodable(http_status, &reason, &body, scrubber));
        }
    }
    Ok(body)
}

/// The texts of an Iris `errors` value: a text, or the texts in a list, nested lists included
/// (BIN's `{message_title, message}` objects are read on their own).
fn iris_texts(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(text) => out.push(text.clone()),
        serde_json::Value::Array(items) => {
            for item in items.iter().filter(|i| !i.is_object()) {
                iris_texts(item, out);
            }
        }
        _ => {}
    }
}

fn api_error(
    http_status: u16,
    status_code: Option<StatusCode>,
    probe: Option<ErrorProbe>,
    body: &[u8],
    scrubber: &Scrubber,
) -> ApiError {
    let probe = probe.unwrap_or_default();
    let mut messages: Vec<String> = probe.validation_messages.unwrap_or_default();
    match probe.error_messages {
        Some(serde_json::Value::String(message)) => messages.push(message),
        Some(serde_json::Value::Array(list)) => {
            messages.extend(
                list.into_iter()
                    .filter_map(|m| m.as_str().map(str::to_owned)),
            );
        }
        _ => {}
    }
    let mut message_title = None;
    // Iris: `errors` as one text, a list of texts (or of lists of texts), or lists of texts
    // per field.
    match &probe.errors {
        Some(serde_json::Value::Object(fields)) => {
            for (field, reasons) in fields {
                let mut texts = Vec::new();
                iris_texts(reasons, &mut texts);
                messages.extend(texts.into_iter().map(|r| format!("{field}: {r}")));
            }
        }
        Some(errors) => iris_texts(errors, &mut messages),
        None => {}
    }
    if let Some(serde_json::Value::Array(errors)) = probe.errors {
        messages.extend(errors.iter().filter_map(|e| {
            e.get("message")
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
        }));
        message_title = errors
            .iter()
            .find_map(|e| e.get("message_title").and_then(serde_json::Value::as_str))
            .map(|title| scrubber.text(title));
    }
    ApiError {
        http_status,
        status_code: status_code.map(|c| StatusCode::new(scrubber.text(c.as_str()))),
        message: probe
            .status_message
            .or(probe.error_message)
            .or(probe.response_message)
            .map(|m| scrubber.text(&m)),
        messages: messages.iter().map(|m| scrubber.text(m)).collect(),
        message_title,
        id: probe.id.map(|id| scrubber.text(&id)),
        response_code: None,
        raw_body: scrubber.bytes(body),
        call: CallInfo::default(),
    }
}

/// An [`Error::Decode`] for an answer that cannot be taken as it is: the reason and the raw
/// body kept, both scrubbed of secrets.
fn undecodable(http_status: u16, reason: &str, body: &[u8], scrubber: &Scrubber) -> Error {
    Error::Decode(Box::new(DecodeError {
        http_status,
        reason: scrubber.text(reason),
        raw_body: scrubber.bytes(body),
        call: CallInfo::default(),
    }))
}

/// Decodes a classified body with `decode_as`.
pub(crate) fn decode<T>(
    http_status: u16,
    body: &[u8],
    decode_as: fn(&[u8]) -> Result<T, serde_json::Error>,
    scrubber: &Scrubber,
) -> Result<T, Error> {
    decode_as(body).map_err(|e| undecodable(http_status, &e.to_string(), body, scrubber))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scrubbed(keys: &[&str], text: &str) -> String {
        let keys: Vec<crate::ServerKey> = keys
            .iter()
            .map(|k| crate::ServerKey::new(*k).unwrap())
            .collect();
        Scrubber::for_keys(&keys).text(text)
    }

    #[test]
    fn a_key_is_scrubbed_however_json_escapes_it() {
        let key = "SB-Mid-server-K/1\"é😀";
        let cases = [
            r#"SB-Mid-server-K/1"é😀"#.to_owned(),
            r#"\u0053B-Mid-server-K/1"é😀"#.to_owned(),
            r#"\u0053\u0042\u002d\u004D\u0069\u0064-server-K\/1\"\u00e9\ud83d\ude00"#.to_owned(),
            r#"SB-Mid-server-K\/1\u0022\u00E9\uD83D\uDE00"#.to_owned(),
        ];
        for case in cases {
            let text = format!("before {case} after");
            assert_eq!(scrubbed(&[key], &text), "before [redacted] after", "{case}");
        }
        // Near misses stay as they are.
        for near in [
            r#"\u0054B-Mid-server-K/1"é😀"#,
            r#"SB-Mid-server-K/1"é\ud83d"#,
            r#"\u005"#,
            r#"SB-Mid-server-K\\/1"#,
        ] {
            assert_eq!(scrubbed(&[key], near), near, "{near}");
        }
        // The Basic form, its base64 with and without padding, escaped too.
        let basic = crate::basic_auth("SB-Mid-server-ABC");
        let base64 = basic.trim_start_matches("Basic ");
        let escaped = base64.replacen('U', "\\u0055", 1);
        for text in [
            basic.clone(),
            base64.to_owned(),
            base64.trim_end_matches('=').to_owned(),
            escaped,
        ] {
            let out = scrubbed(&["SB-Mid-server-ABC"], &text);
            assert!(
                !out.contains("U0ItTWlk") && out.contains("[redacted]"),
                "{text} -> {out}"
            );
        }
    }
}
