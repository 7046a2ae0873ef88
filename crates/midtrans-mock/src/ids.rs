//! Identifiers and times the simulator hands out.

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, FixedOffset, Utc};

/// A small xorshift generator: ids and fault decisions need variety, not cryptography.
#[derive(Debug)]
pub(crate) struct Rng(AtomicU64);

impl Rng {
    pub(crate) fn seeded() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0x9e37_79b9_7f4a_7c15);
        Rng(AtomicU64::new(nanos | 1))
    }

    pub(crate) fn next(&self) -> u64 {
        let mut x = self.0.load(Ordering::Relaxed);
        loop {
            let mut y = x;
            y ^= y << 13;
            y ^= y >> 7;
            y ^= y << 17;
            match self
                .0
                .compare_exchange_weak(x, y, Ordering::Relaxed, Ordering::Relaxed)
            {
                Ok(_) => return y,
                Err(current) => x = current,
            }
        }
    }

    /// A value in `0.0..1.0`.
    pub(crate) fn unit(&self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A UUID-shaped (version 4) id.
    pub(crate) fn uuid(&self) -> String {
        let a = self.next();
        let b = self.next();
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            0x8000 | (b >> 48 & 0x3fff),
            b & 0xffff_ffff_ffff
        )
    }

    /// `n` decimal digits.
    pub(crate) fn digits(&self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + (self.next() % 10) as u8))
            .collect()
    }

    /// `n` letters and digits.
    pub(crate) fn alphanumeric(&self, n: usize) -> String {
        const SET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        (0..n)
            .map(|_| {
                let i = (self.next() % SET.len() as u64) as usize;
                char::from(*SET.get(i).unwrap_or(&b'x'))
            })
            .collect()
    }
}

/// Now, in Jakarta time.
pub(crate) fn now() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&midtrans_types::JAKARTA)
}

/// `yyyy-MM-dd HH:mm:ss`, as Core API answers carry times.
pub(crate) fn core_time(at: DateTime<FixedOffset>) -> String {
    at.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// ISO 8601 in UTC with microseconds, as the subscription API answers.
pub(crate) fn iso_time(at: DateTime<FixedOffset>) -> String {
    at.with_timezone(&Utc)
        .format("%Y-%m-%dT%H:%M:%S%.6fZ")
        .to_string()
}
