//! Local verification of Midtrans notifications (catalog §8.2).
//!
//! `signature_key` = lowercase hex SHA-512 of `order_id + status_code + gross_amount + server
//! key`, over the values exactly as they appear in the notification. None of the official SDKs
//! checks it; this crate does, in constant time, before handing back the typed notification.

use sha2::{Digest, Sha512};
use subtle::ConstantTimeEq;

use midtrans_types::{PayAccountNotification, PaymentNotification};

use crate::error::{DecodeError, Scrubber, SignatureError};
use crate::{Error, ServerKey};

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

fn parse<T: serde::de::DeserializeOwned>(body: &[u8], keys: &[&ServerKey]) -> Result<T, Error> {
    serde_json::from_slice(body).map_err(|e| {
        let scrubber = Scrubber::for_keys(keys.iter().copied());
        Error::Decode(Box::new(DecodeError {
            http_status: 200,
            reason: scrubber.text(&format!("not a notification: {e}")),
            raw_body: scrubber.bytes(body),
            call: crate::error::CallInfo::default(),
        }))
    })
}

/// A notification type with a signature: what is signed, and the signature received.
trait Signed: serde::de::DeserializeOwned {
    fn signed_text(&self) -> Result<String, midtrans_types::MissingSignatureField>;
    fn signature_key(&self) -> Option<&str>;
}

impl Signed for PaymentNotification {
    fn signed_text(&self) -> Result<String, midtrans_types::MissingSignatureField> {
        self.signature_input()
    }

    fn signature_key(&self) -> Option<&str> {
        self.signature_key.as_deref()
    }
}

impl Signed for PayAccountNotification {
    fn signed_text(&self) -> Result<String, midtrans_types::MissingSignatureField> {
        self.signature_input()
    }

    fn signature_key(&self) -> Option<&str> {
        self.signature_key.as_deref()
    }
}

/// The largest notification body accepted: 1 MiB (Midtrans's are about 1 KB).
pub const MAX_NOTIFICATION_BYTES: usize = 1024 * 1024;

fn verified<T: Signed>(body: &[u8], keys: &[&ServerKey]) -> Result<T, Error> {
    if body.len() > MAX_NOTIFICATION_BYTES {
        return Err(Error::InvalidInput(format!(
            "notification body of {} bytes is larger than {MAX_NOTIFICATION_BYTES}",
            body.len()
        )));
    }
    let notification: T = parse(body, keys)?;
    let input = notification
        .signed_text()
        .map_err(|missing| Error::Signature(SignatureError::MissingField(missing.0)))?;
    let signature_key =
        notification
            .signature_key()
            .ok_or(Error::Signature(SignatureError::MissingField(
                "signature_key",
            )))?;
    check(&input, signature_key, keys).map_err(Error::Signature)?;
    Ok(notification)
}

/// Parses a payment notification's raw body and verifies its signature with any of `keys`.
///
/// # Errors
/// [`Error::Decode`] for a body that is not a notification; [`Error::Signature`] otherwise.
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
