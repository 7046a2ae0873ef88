//! `Idempotency-Key`s: the caller's, or one generated per call — written into a fixed buffer,
//! with one clock read and no allocation — and reused on every attempt.

use core::fmt;
use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::SystemTime;

use http::header::HeaderName;

/// The header's name, parsed once.
pub(crate) const HEADER: HeaderName = HeaderName::from_static("idempotency-key");

/// The length of a generated key: `mt-` and 32 hexadecimal digits.
const GENERATED_LEN: usize = 35;

/// The idempotency key of one call.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Key {
    /// Generated for safe retries.
    Generated([u8; GENERATED_LEN]),
    /// Given by the caller with `idempotency_key(..)`: checked before anything is sent.
    Given(String),
    /// Given by the caller as a plain `Idempotency-Key` header: sent as it is.
    Header(String),
}

impl Key {
    /// A fresh key: `mt-` and 128 random bits in lowercase hexadecimal.
    pub(crate) fn generate() -> Self {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let (high, low) = random_u128_halves();
        let bits = (u128::from(high) << 64) | u128::from(low);
        let mut key = [0u8; GENERATED_LEN];
        for (index, byte) in key.iter_mut().enumerate() {
            *byte = match index {
                0 => b'm',
                1 => b't',
                2 => b'-',
                // Digit `index - 3`, most significant first.
                _ => {
                    let shift = 124usize.saturating_sub(index.saturating_sub(3).saturating_mul(4));
                    let nibble = usize::try_from((bits >> shift) & 0xf).unwrap_or(0);
                    DIGITS.get(nibble).copied().unwrap_or(b'0')
                }
            };
        }
        Key::Generated(key)
    }

    /// The key's bytes (no UTF-8 check, unlike [`Key::as_str`]).
    pub(crate) fn as_bytes(&self) -> &[u8] {
        match self {
            Key::Generated(bytes) => bytes,
            Key::Given(key) | Key::Header(key) => key.as_bytes(),
        }
    }

    /// Whether Midtrans honours this key (see [`is_honoured`]); a generated one always.
    pub(crate) fn is_honoured(&self) -> bool {
        match self {
            Key::Generated(_) => true,
            Key::Given(key) | Key::Header(key) => is_honoured(key),
        }
    }

    /// The key's text.
    pub(crate) fn as_str(&self) -> &str {
        match self {
            // Generated keys are ASCII.
            Key::Generated(bytes) => std::str::from_utf8(bytes).unwrap_or_default(),
            Key::Given(key) | Key::Header(key) => key,
        }
    }
}

/// Whether Midtrans honours `key`: 1 to [`crate::MAX_IDEMPOTENCY_KEY_LEN`] visible ASCII
/// characters (it silently ignores longer keys).
pub(crate) fn is_honoured(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= crate::MAX_IDEMPOTENCY_KEY_LEN
        && key.bytes().all(|b| b.is_ascii_graphic())
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// 128 bits no other call gets: the high half hashes a counter and the clock with the process's
/// hashing keys (drawn from the operating system once), so other processes and forked children
/// get other values; the low half is the counter through a bijective mix, so no two calls of
/// one process share it.
fn random_u128_halves() -> (u64, u64) {
    static KEYS: OnceLock<(RandomState, u64)> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let (keys, offset) = KEYS.get_or_init(|| {
        let keys = RandomState::new();
        let offset = keys.hash_one("midtrans idempotency keys");
        (keys, offset)
    });
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    (
        keys.hash_one((count, nanos)),
        mix(count.wrapping_add(*offset)),
    )
}

/// SplitMix64's finalizer: a bijection on `u64` that spreads every input bit over the output.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// A number in `0.0..1.0` for backoff jitter.
pub(crate) fn jitter() -> f64 {
    let (bits, _) = random_u128_halves();
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_are_35_lowercase_hex_characters_and_distinct() {
        let keys: std::collections::HashSet<String> = (0..10_000)
            .map(|_| Key::generate().as_str().to_owned())
            .collect();
        assert_eq!(keys.len(), 10_000);
        for key in keys.iter().take(100) {
            assert_eq!(key.len(), 35);
            assert!(key.starts_with("mt-"));
            assert!(key[3..]
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
        }
        // All 32 digits vary: no digit is the same in every key.
        let samples: Vec<&String> = keys.iter().take(64).collect();
        for position in 3..35 {
            let first = samples[0].as_bytes()[position];
            assert!(
                samples.iter().any(|k| k.as_bytes()[position] != first),
                "digit {position} never changes"
            );
        }
        let jitters: Vec<f64> = (0..1000).map(|_| jitter()).collect();
        assert!(jitters.iter().all(|j| (0.0..1.0).contains(j)));
        assert!(jitters.iter().any(|j| *j < 0.5) && jitters.iter().any(|j| *j >= 0.5));
    }
}
