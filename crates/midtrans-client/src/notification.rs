//! Local verification of Midtrans notifications (catalog §8.2).
//!
//! `signature_key` = lowercase hex SHA-512 of `order_id + status_code + gross_amount + server
//! key`, over the values exactly as they appear in the notification. None of the official SDKs
//! checks it; this crate does, in constant time, before handing back the typed notification.

use std::borrow::Cow;

use sha2::{Digest, Sha512};
use subtle::ConstantTimeEq;

use midtrans_types::{Amount, PayAccountNotification, PaymentNotification};
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
    lower_hex(&digest(input, key))
}

/// SHA-512 over `input` followed by the server key: the signature before hex encoding.
fn digest(input: &str, key: &ServerKey) -> [u8; 64] {
    let mut hasher = Sha512::new();
    hasher.update(input.as_bytes());
    hasher.update(key.expose_secret().as_bytes());
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
fn lower_hex(bytes: &[u8]) -> String {
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
/// concatenated.
trait Signed: serde::de::DeserializeOwned {
    /// The signed fields, then `signature_key`.
    const FIELDS: [&'static str; 4];

    /// Takes over the signed fields' text as received where the typed decode may render it
    /// otherwise (a JSON number read through `f64`).
    fn keep_signed_text(&mut self, _signed: &[Cow<'_, str>; 3]) {}
}

impl Signed for PaymentNotification {
    const FIELDS: [&'static str; 4] = ["order_id", "status_code", "gross_amount", "signature_key"];

    fn keep_signed_text(&mut self, signed: &[Cow<'_, str>; 3]) {
        let [_, _, gross_amount] = signed;
        if let Ok(amount) = Amount::parse(gross_amount) {
            self.gross_amount = Some(amount);
        }
    }
}

impl Signed for PayAccountNotification {
    const FIELDS: [&'static str; 4] = [
        "account_id",
        "account_status",
        "status_code",
        "signature_key",
    ];
}

/// The largest notification body accepted: 1 MiB (Midtrans's are about 1 KB).
pub const MAX_NOTIFICATION_BYTES: usize = 1024 * 1024;

/// Whether `text` is in the form Midtrans sends `field` in: `status_code` three ASCII digits,
/// `gross_amount` ASCII digits with exactly two decimals; other signed fields are strings.
fn check_form(field: &'static str, raw: &RawValue, text: &str) -> Result<(), NotificationError> {
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let (valid, expected) = match field {
        "status_code" => (
            text.len() == 3 && digits(text),
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
        Ok(())
    } else {
        Err(NotificationError::InvalidField { field, expected })
    }
}

/// The signed fields' text and the `signature_key` of a notification body, read from the body
/// itself: each exactly once, each in the form Midtrans sends.
fn signed_fields<'a>(
    body: &'a [u8],
    names: &[&'static str; 4],
) -> Result<([Cow<'a, str>; 3], Cow<'a, str>), Error> {
    let fields = json::Fields::scan(body, names);
    if let Some(field) = fields.duplicate().and_then(|index| names.get(index)) {
        return Err(Error::Notification(NotificationError::DuplicateField(
            (*field).to_owned(),
        )));
    }
    if !fields.complete() {
        // The typed decode says what is wrong, with the position.
        let reason = serde_json::from_slice::<serde::de::IgnoredAny>(body)
            .err()
            .map_or_else(|| "not a JSON object".to_owned(), |e| e.to_string());
        return Err(Error::Notification(NotificationError::Malformed(reason)));
    }
    let [first, second, third, key] = *names;
    let text = |index: usize, field: &'static str| -> Result<Cow<'a, str>, Error> {
        let raw = fields
            .raw(index)
            .ok_or(Error::Signature(SignatureError::MissingField(field)))?;
        // An object, array, boolean or null stands for no text, which no form accepts.
        let text = json::scalar_text(raw).unwrap_or_default();
        check_form(field, raw, &text).map_err(Error::Notification)?;
        Ok(text)
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

fn verified<T: Signed>(body: &[u8], keys: &[&ServerKey]) -> Result<T, Error> {
    if body.len() > MAX_NOTIFICATION_BYTES {
        return Err(Error::Notification(NotificationError::TooLarge {
            len: body.len(),
        }));
    }
    let scrubber = || Scrubber::for_keys(keys.iter().copied());
    let (signed, signature_key) = signed_fields(body, &T::FIELDS).map_err(|error| match error {
        Error::Notification(NotificationError::Malformed(reason)) => {
            Error::Notification(NotificationError::Malformed(scrubber().text(&reason)))
        }
        other => other,
    })?;
    let input: String = signed.iter().map(|part| part.as_ref()).collect();
    check(&input, &signature_key, keys).map_err(Error::Signature)?;
    let mut notification: T = serde_json::from_slice(body).map_err(|e| {
        Error::Notification(NotificationError::Malformed(
            scrubber().text(&e.to_string()),
        ))
    })?;
    notification.keep_signed_text(&signed);
    Ok(notification)
}

/// Parses a payment notification's raw body and verifies its signature with any of `keys`.
///
/// The signed fields are read from the body as received, each exactly once: `order_id` a
/// string, `status_code` three digits, `gross_amount` digits with two decimals (a JSON number
/// counts by its text, never re-rendered). The typed notification returned holds that text.
///
/// # Errors
/// [`Error::Notification`] for a body that is not a notification, a signed field repeated or in
/// another form; [`Error::Signature`] when a signed field is missing or the signature does not
/// verify. No call is made either way.
pub fn verify(body: &[u8], keys: &[&ServerKey]) -> Result<PaymentNotification, Error> {
    verified(body, keys)
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
