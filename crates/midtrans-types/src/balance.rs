//! The Merchant Balance Mutation API: a merchant's balances at the start and end of a time
//! window, overall and per wallet (`payin`: payments received, `iris`: disbursement), as
//! `GET /v1/balance/mutation` answers them on the Core API host
//! ([Midtrans docs](https://docs.midtrans.com/reference/merchant-balance-mutation-api)).
//!
//! ```
//! use midtrans_types::balance::BalanceMutation;
//! let report: BalanceMutation = serde_json::from_str(r#"{"currency":"IDR",
//!   "start_time":"2026-03-02T00:00:00+07:00","end_time":"2026-03-16T23:59:59+07:00",
//!   "opening_balance_effective":962000.01,"closing_balance_effective":59312508.02,
//!   "opening_balance_pending":0.01,"closing_balance_pending":0.00,
//!   "opening_balance_overall":962000.02,"closing_balance_overall":59312508.02,
//!   "wallets":[{"source":"payin","opening_balance_effective":962000.00,"closing_balance_effective":59312508.02,
//!     "opening_balance_pending":0,"closing_balance_pending":0,
//!     "opening_balance_overall":962000.00,"closing_balance_overall":59312508.02}]}"#)?;
//! assert_eq!(report.closing_balance_effective.to_string(), "59312508.02");
//! assert_eq!(report.wallet("payin").map(|w| w.closing_balance_overall.to_string()).as_deref(), Some("59312508.02"));
//! # Ok::<(), serde_json::Error>(())
//! ```

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Fields this crate does not model, kept as received.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// The query of `GET /v1/balance/mutation`: a currency and a time window.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct BalanceMutationQuery {
    /// The currency (`IDR`).
    pub currency: String,
    /// The window's start, ISO 8601 with its offset (`2026-03-02T00:00:00+07:00`).
    pub start_time: String,
    /// The window's end.
    pub end_time: String,
}

impl BalanceMutationQuery {
    /// The IDR balances between two instants.
    ///
    /// ```
    /// use midtrans_types::balance::BalanceMutationQuery;
    /// let start = chrono::DateTime::parse_from_rfc3339("2026-03-02T00:00:00+07:00").unwrap();
    /// let end = chrono::DateTime::parse_from_rfc3339("2026-03-16T23:59:59+07:00").unwrap();
    /// let query = BalanceMutationQuery::idr(start, end);
    /// assert_eq!(query.start_time, "2026-03-02T00:00:00+07:00");
    /// ```
    pub fn idr(
        start: chrono::DateTime<chrono::FixedOffset>,
        end: chrono::DateTime<chrono::FixedOffset>,
    ) -> Self {
        let text = |at: chrono::DateTime<chrono::FixedOffset>| {
            at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
        };
        BalanceMutationQuery {
            currency: "IDR".to_owned(),
            start_time: text(start),
            end_time: text(end),
        }
    }

    /// The query's pairs, in the order the docs give them (the client percent-encodes them, so
    /// an offset's `+` goes as `%2B`).
    ///
    /// ```
    /// use midtrans_types::balance::BalanceMutationQuery;
    /// let start = chrono::DateTime::parse_from_rfc3339("2026-03-02T00:00:00+07:00").unwrap();
    /// let pairs = BalanceMutationQuery::idr(start, start).pairs();
    /// assert_eq!(pairs[0], ("currency".to_owned(), "IDR".to_owned()));
    /// ```
    pub fn pairs(&self) -> Vec<(String, String)> {
        vec![
            ("currency".to_owned(), self.currency.clone()),
            ("start_time".to_owned(), self.start_time.clone()),
            ("end_time".to_owned(), self.end_time.clone()),
        ]
    }
}

/// The six balances of the window: effective (available), pending (not yet available) and
/// overall (both), at its opening and its close.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WalletBalance {
    /// The wallet: `payin` (payments received) or `iris` (disbursement).
    pub source: String,
    /// Available at the start.
    pub opening_balance_effective: Decimal,
    /// Available at the end.
    pub closing_balance_effective: Decimal,
    /// Not yet available at the start.
    pub opening_balance_pending: Decimal,
    /// Not yet available at the end.
    pub closing_balance_pending: Decimal,
    /// Both, at the start.
    pub opening_balance_overall: Decimal,
    /// Both, at the end.
    pub closing_balance_overall: Decimal,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /v1/balance/mutation`'s answer: the window, its balances overall, and per wallet.
/// Balances come as JSON numbers with two decimals, read exactly as decimals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BalanceMutation {
    /// The currency.
    pub currency: String,
    /// The window's start.
    pub start_time: String,
    /// The window's end.
    pub end_time: String,
    /// Available at the start.
    pub opening_balance_effective: Decimal,
    /// Available at the end.
    pub closing_balance_effective: Decimal,
    /// Not yet available at the start.
    pub opening_balance_pending: Decimal,
    /// Not yet available at the end.
    pub closing_balance_pending: Decimal,
    /// Both, at the start.
    pub opening_balance_overall: Decimal,
    /// Both, at the end.
    pub closing_balance_overall: Decimal,
    /// Each wallet's balances.
    #[serde(default)]
    pub wallets: Vec<WalletBalance>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

impl BalanceMutation {
    /// The wallet with this source (`payin`, `iris`).
    ///
    /// ```
    /// let report: midtrans_types::balance::BalanceMutation = serde_json::from_str(r#"{"currency":"IDR",
    ///   "start_time":"a","end_time":"b","opening_balance_effective":0,"closing_balance_effective":0,
    ///   "opening_balance_pending":0,"closing_balance_pending":0,"opening_balance_overall":0,
    ///   "closing_balance_overall":0,"wallets":[]}"#)?;
    /// assert!(report.wallet("iris").is_none());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn wallet(&self, source: &str) -> Option<&WalletBalance> {
        self.wallets.iter().find(|w| w.source == source)
    }
}
