//! Local verification of Midtrans notifications ([Midtrans docs](https://docs.midtrans.com/docs/https-notification-webhooks)).
//!
//! `signature_key` = lowercase hex SHA-512 of `order_id + status_code + gross_amount + server
//! key`, over the values exactly as they appear in the notification. None of the official SDKs
//! checks it; this crate does, in constant time, before handing back the typed notification.

use std::borrow::Cow;

use sha2::{Digest, Sha512};
use subtle::ConstantTimeEq;

use midtrans_types::{
    Amount, FraudStatus, OrderId, PayAccountNotification, PaymentNotification, PaymentOutcome,
    StatusCode, TransactionStatus,
};
use serde_json::value::RawValue;

use crate::error::{NotificationError, Scrubber, SignatureError};
use crate::{json, Error, ServerKey};

/// The `signature_key` for `input` (the notification's signature input) and `key`.
///
/// ```
/// use midtrans::{notification::signature, ServerKey};
/// let key = ServerKey::new("askvnoibnosifnboseofinbofinfgbiufglnbfg")?;
/// assert!(signature("1111200100000.00", &key).starts_with("edc076b21793ebe3"));
/// # Ok::<(), midtrans::ConfigError>(())
/// ```
pub fn signature(input: &str, key: &ServerKey) -> String {
    lower_hex(&digest(input.as_bytes(), key.expose_secret()))
}

/// SHA-512 over `input` followed by `key`: the signature before hex encoding (Core's
/// `signature_key`, Iris's `Iris-Signature`).
pub(crate) fn digest(input: &[u8], key: &str) -> [u8; 64] {
    let mut hasher = Sha512::new();
    hasher.update(input);
    hasher.update(key.as_bytes());
    hasher.finalize().into()
}

/// Whether two digests are equal, in constant time: compared eight bytes at a time, each word
/// through `subtle`'s constant-time equality.
fn equal_digests(a: &[u8; 64], b: &[u8; 64]) -> subtle::Choice {
    // `chunks_exact(8)` only yields 8-byte chunks, so the conversion cannot fail.
    let word = |chunk: &[u8]| <[u8; 8]>::try_from(chunk).map_or(0, u64::from_ne_bytes);
    a.chunks_exact(8)
        .zip(b.chunks_exact(8))
        .fold(subtle::Choice::from(1), |equal, (x, y)| {
            equal & word(x).ct_eq(&word(y))
        })
}

/// The 64 bytes a `signature_key` of 128 hex digits stands for, and whether it used an
/// uppercase digit (Midtrans writes lowercase; the exact text is what counts). `None` unless it
/// is 128 hex digits.
fn parse_signature(signature_key: &str) -> Option<([u8; 64], bool)> {
    if signature_key.len() != 128 {
        return None;
    }
    let mut uppercase = false;
    let mut nibble = |digit: u8| -> Option<u8> {
        match digit {
            b'0'..=b'9' => Some(digit - b'0'),
            b'a'..=b'f' => Some(digit - b'a' + 10),
            b'A'..=b'F' => {
                uppercase = true;
                Some(digit - b'A' + 10)
            }
            _ => None,
        }
    };
    let mut bytes = [0u8; 64];
    for (byte, pair) in bytes
        .iter_mut()
        .zip(signature_key.as_bytes().chunks_exact(2))
    {
        let [high, low] = pair else { return None };
        *byte = nibble(*high)? << 4 | nibble(*low)?;
    }
    Some((bytes, uppercase))
}

/// Lowercase hexadecimal, in one allocation.
pub(crate) fn lower_hex(bytes: &[u8]) -> String {
    let digit = |nibble: u8| char::from_digit(u32::from(nibble), 16).unwrap_or('0');
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(digit(byte >> 4));
        out.push(digit(byte & 0x0f));
    }
    out
}

/// Checks `signature_key` against `input` signed with any of `keys`, in constant time.
///
/// The comparison is exact: Midtrans sends lowercase hex, so any changed byte — including a
/// changed letter case — fails.
///
/// # Errors
/// [`SignatureError::Malformed`] unless it is 128 hex digits, [`SignatureError::Mismatch`] when
/// no key matches.
pub fn check(input: &str, signature_key: &str, keys: &[&ServerKey]) -> Result<(), SignatureError> {
    check_digest(
        input.as_bytes(),
        signature_key,
        keys.iter().map(|key| key.expose_secret()),
    )
}

/// [`check`] over bytes with keys as text: a hex SHA-512 of `input` followed by any of `keys`.
pub(crate) fn check_digest<'a>(
    input: &[u8],
    signature_key: &str,
    keys: impl IntoIterator<Item = &'a str>,
) -> Result<(), SignatureError> {
    let (expected, uppercase) = parse_signature(signature_key).ok_or(SignatureError::Malformed)?;
    // The raw digests are compared, each key's in constant time, instead of their hex text.
    let mut matched = subtle::Choice::from(0);
    for key in keys {
        matched |= equal_digests(&digest(input, key), &expected);
    }
    if bool::from(matched) && !uppercase {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

/// A notification type with a signature: the top-level fields it covers, in the order they are
/// concatenated, then `signature_key`.
trait Signed: serde::de::DeserializeOwned {
    /// The signed fields, then `signature_key`, each its own group.
    const FIELDS: [json::Field; 4];

    /// Takes over the signed fields' text as received where the typed decode renders it
    /// otherwise (a JSON number read through `f64`).
    fn keep_signed_text(&mut self, _signed: &[Cow<'_, str>; 3]) {}
}

impl Signed for PaymentNotification {
    const FIELDS: [json::Field; 4] = [
        ("order_id", 0),
        ("status_code", 1),
        ("gross_amount", 2),
        ("signature_key", 3),
    ];

    fn keep_signed_text(&mut self, signed: &[Cow<'_, str>; 3]) {
        let [_, _, gross_amount] = signed;
        let differs = self
            .gross_amount
            .as_ref()
            .is_none_or(|amount| amount.as_str() != gross_amount.as_ref());
        if differs {
            if let Ok(amount) = Amount::parse(gross_amount) {
                self.gross_amount = Some(amount);
            }
        }
    }
}

impl Signed for PayAccountNotification {
    const FIELDS: [json::Field; 4] = [
        ("account_id", 0),
        ("account_status", 1),
        ("status_code", 2),
        ("signature_key", 3),
    ];
}

/// The largest notification body accepted: 1 MiB (Midtrans's are about 1 KB).
pub const MAX_NOTIFICATION_BYTES: usize = 1024 * 1024;

/// The text of a signed field if it is in the form Midtrans sends: `status_code` three ASCII
/// digits, `gross_amount` ASCII digits with exactly two decimals (a JSON number by its text as
/// written), the others strings.
fn signed_text<'a>(
    field: &'static str,
    raw: &'a RawValue,
) -> Result<Cow<'a, str>, NotificationError> {
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    // An object, array, boolean or null stands for no text, which no form accepts.
    let text = json::scalar_text(raw).unwrap_or_default();
    let (valid, expected) = match field {
        "status_code" => (
            text.len() == 3 && digits(&text),
            "three digits, as Midtrans sends it (\"200\")",
        ),
        "gross_amount" => (
            text.split_once('.')
                .is_some_and(|(whole, cents)| digits(whole) && cents.len() == 2 && digits(cents)),
            "digits with two decimals, as Midtrans sends it (\"10000.00\")",
        ),
        _ => (json::is_string(raw), "a string"),
    };
    if valid {
        Ok(text)
    } else {
        Err(NotificationError::InvalidField { field, expected })
    }
}

/// The signed fields' text, in order, and the `signature_key`, each in Midtrans's form.
fn signed_fields<'a>(
    fields: &json::Fields<'a, 4>,
    names: [&'static str; 4],
) -> Result<([Cow<'a, str>; 3], Cow<'a, str>), Error> {
    let [first, second, third, key] = names;
    let text = |index: usize, field: &'static str| {
        let raw = fields
            .raw(index)
            .ok_or(Error::Signature(SignatureError::MissingField(field)))?;
        signed_text(field, raw).map_err(Error::Notification)
    };
    let signed = [text(0, first)?, text(1, second)?, text(2, third)?];
    let signature_key = fields
        .raw(3)
        .ok_or(Error::Signature(SignatureError::MissingField(key)))?;
    let signature_key = json::is_string(signature_key)
        .then(|| json::scalar_text(signature_key))
        .flatten()
        .ok_or(Error::Signature(SignatureError::Malformed))?;
    Ok((signed, signature_key))
}

/// Why a body the typed decode refused is no notification: a signed field given twice, or
/// missing or in another form in a JSON object, else what the decode said.
fn refusal<T: Signed>(body: &[u8], keys: &[&ServerKey], decode: serde_json::Error) -> Error {
    // The decode stopped where it failed; a pass of its own reads every signed field.
    let fields = json::Fields::scan(body, &T::FIELDS, |_, _| false);
    let names = T::FIELDS.map(|(name, _)| name);
    if let Some(field) = fields.duplicate().and_then(|i| names.get(i)) {
        return Error::Notification(NotificationError::DuplicateField((*field).to_owned()));
    }
    if fields.complete() {
        if let Err(error) = signed_fields(&fields, names) {
            return error;
        }
    }
    let scrubber = Scrubber::for_keys(keys.iter().copied());
    Error::Notification(NotificationError::Malformed(
        scrubber.text(&decode.to_string()),
    ))
}

/// Decodes and verifies a notification: the typed decode notes the signed fields as it reads
/// them (each once, as raw text), each must be in Midtrans's form, then the signature over
/// their text must match one of `keys`.
fn verified<T: Signed>(body: &[u8], keys: &[&ServerKey]) -> Result<T, Error> {
    if body.len() > MAX_NOTIFICATION_BYTES {
        return Err(Error::Notification(NotificationError::TooLarge {
            len: body.len(),
        }));
    }
    let (decoded, fields) = json::decode::<T, 4>(body, &T::FIELDS, true);
    let mut notification = decoded.map_err(|e| refusal::<T>(body, keys, e))?;
    let (signed, signature_key) = signed_fields(&fields, T::FIELDS.map(|(name, _)| name))?;
    let input: String = signed.iter().map(|part| part.as_ref()).collect();
    check(&input, &signature_key, keys).map_err(Error::Signature)?;
    notification.keep_signed_text(&signed);
    Ok(notification)
}

/// A payment notification whose `signature_key` verified: the typed notification (all of it,
/// through `Deref`), and the fields Midtrans always signs or sends — `order_id`,
/// `status_code`, `gross_amount`, `transaction_status` — as plain values.
///
/// ```
/// use midtrans::types::PaymentOutcome;
/// use midtrans::{notification, ServerKey};
/// let key = ServerKey::new("SB-Mid-server-TEST-notification")?;
/// let signature = notification::signature("order-101200100000.00", &key);
/// let body = format!(
///     r#"{{"order_id":"order-101","status_code":"200","gross_amount":"100000.00",
///         "transaction_status":"capture","fraud_status":"accept","signature_key":"{signature}"}}"#
/// );
/// let verified = notification::verify(body.as_bytes(), &[&key])?;
/// assert_eq!(verified.order_id().as_str(), "order-101");
/// assert_eq!(verified.gross_amount().as_str(), "100000.00");
/// assert_eq!(verified.outcome(), PaymentOutcome::Paid);
/// assert!(verified.is_paid()); // a `Transaction` method, through `Deref`
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct VerifiedNotification {
    notification: PaymentNotification,
    order_id: OrderId,
    gross_amount: Amount,
    transaction_status: TransactionStatus,
}

impl VerifiedNotification {
    /// The signed `order_id`.
    pub fn order_id(&self) -> &OrderId {
        &self.order_id
    }

    /// The signed `status_code`.
    pub fn status_code(&self) -> &StatusCode {
        &self.notification.status_code
    }

    /// The signed `gross_amount`, as its text was received.
    pub fn gross_amount(&self) -> &Amount {
        &self.gross_amount
    }

    /// `transaction_status` (not signed; Midtrans always sends it).
    pub fn transaction_status(&self) -> &TransactionStatus {
        &self.transaction_status
    }

    /// `fraud_status`, absent for methods fraud detection does not screen.
    pub fn fraud_status(&self) -> Option<&FraudStatus> {
        self.notification.fraud_status.as_ref()
    }

    /// What the merchant does: [`TransactionStatus::outcome`] of the status and fraud status.
    pub fn outcome(&self) -> PaymentOutcome {
        self.transaction_status.outcome(self.fraud_status())
    }

    /// The whole notification.
    pub fn notification(&self) -> &PaymentNotification {
        &self.notification
    }

    /// The whole notification, owned.
    pub fn into_inner(self) -> PaymentNotification {
        self.notification
    }
}

impl core::ops::Deref for VerifiedNotification {
    type Target = PaymentNotification;

    fn deref(&self) -> &PaymentNotification {
        &self.notification
    }
}

impl From<VerifiedNotification> for PaymentNotification {
    fn from(verified: VerifiedNotification) -> Self {
        verified.notification
    }
}

/// Parses a payment notification's raw body and verifies its signature with any of `keys`.
///
/// The signed fields are read from the body as received, each exactly once: `order_id` a
/// string, `status_code` three digits, `gross_amount` digits with two decimals (a JSON number
/// counts by its text, never re-rendered). The notification returned holds that text.
///
/// # Errors
/// [`Error::Notification`] for a body that is not a notification (`transaction_status`
/// missing included), a signed field repeated or in another form; [`Error::Signature`] when a
/// signed field is missing or the signature does not verify. No call is made either way.
pub fn verify(body: &[u8], keys: &[&ServerKey]) -> Result<VerifiedNotification, Error> {
    let notification: PaymentNotification = verified(body, keys)?;
    let missing = |field| Error::Signature(SignatureError::MissingField(field));
    let order_id = notification
        .order_id
        .clone()
        .ok_or_else(|| missing("order_id"))?;
    let gross_amount = notification
        .gross_amount
        .clone()
        .ok_or_else(|| missing("gross_amount"))?;
    let transaction_status = notification.transaction_status.clone().ok_or_else(|| {
        Error::Notification(NotificationError::Malformed(
            "a payment notification without `transaction_status`".to_owned(),
        ))
    })?;
    Ok(VerifiedNotification {
        notification,
        order_id,
        gross_amount,
        transaction_status,
    })
}

/// Parses a pay account (GoPay linking) notification and verifies its signature
/// (`account_id + account_status + status_code + server key`).
///
/// # Errors
/// As [`verify`].
pub fn verify_pay_account(
    body: &[u8],
    keys: &[&ServerKey],
) -> Result<PayAccountNotification, Error> {
    verified(body, keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_differing_in_any_one_byte_are_unequal() {
        let a: [u8; 64] = core::array::from_fn(|i| (i as u8).wrapping_mul(7));
        assert!(bool::from(equal_digests(&a, &a)));
        for position in 0..64 {
            for bit in [0x01, 0x80] {
                let mut b = a;
                b[position] ^= bit;
                assert!(!bool::from(equal_digests(&a, &b)), "byte {position}");
            }
        }
    }
}
