//! Status codes: the body `status_code`, `transaction_status` and `fraud_status`.

use std::borrow::Cow;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The `status_code` that Core API bodies and notifications carry, kept as the exact text
/// received (a notification signature is computed over it).
///
/// Midtrans sends it as a string (`"201"`); a JSON number is accepted too. Meanings ([Midtrans docs](https://docs.midtrans.com/reference/code-statuses)):
/// 200 success, 201 pending, 202 denied by the provider, 407 expired by the expire call — all four
/// are successful *calls*; 400 and above are errors.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StatusCode(Cow<'static, str>);

impl StatusCode {
    /// `"200"`: success.
    pub const OK: StatusCode = StatusCode(Cow::Borrowed("200"));
    /// `"201"`: pending (e.g. a virtual account was created and awaits payment).
    pub const PENDING: StatusCode = StatusCode(Cow::Borrowed("201"));
    /// `"202"`: denied by the payment provider or fraud detection; the call itself succeeded.
    pub const DENIED: StatusCode = StatusCode(Cow::Borrowed("202"));
    /// `"400"`: validation error.
    pub const BAD_REQUEST: StatusCode = StatusCode(Cow::Borrowed("400"));
    /// `"401"`: wrong or unauthorised key.
    pub const UNAUTHORIZED: StatusCode = StatusCode(Cow::Borrowed("401"));
    /// `"402"`: payment channel not activated for the merchant.
    pub const CHANNEL_NOT_ACTIVE: StatusCode = StatusCode(Cow::Borrowed("402"));
    /// `"404"`: transaction or resource not found.
    pub const NOT_FOUND: StatusCode = StatusCode(Cow::Borrowed("404"));
    /// `"406"`: duplicate `order_id` or `refund_key`.
    pub const DUPLICATE: StatusCode = StatusCode(Cow::Borrowed("406"));
    /// `"407"`: the transaction has expired (answer of a successful expire call).
    pub const EXPIRED: StatusCode = StatusCode(Cow::Borrowed("407"));
    /// `"411"`: `token_id` missing, invalid or expired.
    pub const TOKEN_INVALID: StatusCode = StatusCode(Cow::Borrowed("411"));
    /// `"412"`: the transaction or account status cannot be changed.
    pub const CANNOT_MODIFY: StatusCode = StatusCode(Cow::Borrowed("412"));
    /// `"414"`: refund rejected.
    pub const REFUND_REJECTED: StatusCode = StatusCode(Cow::Borrowed("414"));
    /// `"429"`: rate limited.
    pub const TOO_MANY_REQUESTS: StatusCode = StatusCode(Cow::Borrowed("429"));
    /// `"500"`: Midtrans internal error.
    pub const INTERNAL_ERROR: StatusCode = StatusCode(Cow::Borrowed("500"));

    /// Wraps a status code text as received.
    pub fn new(text: impl Into<String>) -> Self {
        StatusCode(Cow::Owned(text.into()))
    }

    /// The text exactly as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The numeric code, or `None` when the text is not a number (e.g. `"abc"`).
    pub fn as_u16(&self) -> Option<u16> {
        self.0.trim().parse().ok()
    }

    /// Midtrans's error rule for a body code: a number ≥ 400 other than 407.
    /// A code that is not a number is not classified here (`false`).
    pub fn is_error(&self) -> bool {
        self.as_u16().is_some_and(Self::is_error_code)
    }

    /// The rule of [`StatusCode::is_error`] for a code already read as a number.
    ///
    /// ```
    /// use midtrans_types::StatusCode;
    /// assert!(StatusCode::is_error_code(406));
    /// assert!(!StatusCode::is_error_code(407), "expired by the expire call: a success");
    /// assert!(!StatusCode::is_error_code(201));
    /// ```
    pub fn is_error_code(code: u16) -> bool {
        code >= 400 && code != 407
    }
}

impl From<u16> for StatusCode {
    fn from(code: u16) -> Self {
        StatusCode(Cow::Owned(code.to_string()))
    }
}

impl From<&str> for StatusCode {
    fn from(text: &str) -> Self {
        StatusCode(Cow::Owned(text.to_owned()))
    }
}

impl core::fmt::Display for StatusCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for StatusCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for StatusCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CodeVisitor;

        impl Visitor<'_> for CodeVisitor {
            type Value = StatusCode;

            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("a status code string or number")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<StatusCode, E> {
                Ok(StatusCode::from(v))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<StatusCode, E> {
                Ok(StatusCode::new(v))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<StatusCode, E> {
                Ok(StatusCode::new(v.to_string()))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<StatusCode, E> {
                Ok(StatusCode::new(v.to_string()))
            }
        }

        deserializer.deserialize_any(CodeVisitor)
    }
}

string_enum! {
    /// `transaction_status`: where a payment stands ([Midtrans docs](https://docs.midtrans.com/docs/transaction-status-cycle)).
    pub enum TransactionStatus {
        /// Awaiting payment.
        Pending => "pending",
        /// Card or GoPay pre-authorisation: funds reserved, capture required.
        Authorize => "authorize",
        /// Card payment captured; paid when `fraud_status` is `accept`.
        Capture => "capture",
        /// Paid and settled.
        Settlement => "settlement",
        /// Rejected by the provider or fraud detection.
        Deny => "deny",
        /// Cancelled by the merchant or by Midtrans.
        Cancel => "cancel",
        /// Not paid in time.
        Expire => "expire",
        /// Unexpected processing error.
        Failure => "failure",
        /// Fully refunded.
        Refund => "refund",
        /// Partly refunded.
        PartialRefund => "partial_refund",
        /// Charged back (cards).
        Chargeback => "chargeback",
        /// Partly charged back (cards).
        PartialChargeback => "partial_chargeback",
    }
}

impl TransactionStatus {
    /// Whether money has been received: `capture` or `settlement`. Check
    /// [`FraudStatus`] too: a `capture` under `challenge` is not yet paid.
    pub fn is_paid(&self) -> bool {
        matches!(
            self,
            TransactionStatus::Capture | TransactionStatus::Settlement
        )
    }

    /// Where the status stands in a payment's life: pending 0, authorize 1, capture 2,
    /// settlement and the failures 3, partial refund or chargeback 4, full refund or chargeback
    /// 5. `None` for values this crate does not know.
    fn stage(&self) -> Option<u8> {
        Some(match self {
            TransactionStatus::Pending => 0,
            TransactionStatus::Authorize => 1,
            TransactionStatus::Capture => 2,
            TransactionStatus::Settlement
            | TransactionStatus::Deny
            | TransactionStatus::Cancel
            | TransactionStatus::Expire
            | TransactionStatus::Failure => 3,
            TransactionStatus::PartialRefund | TransactionStatus::PartialChargeback => 4,
            TransactionStatus::Refund | TransactionStatus::Chargeback => 5,
            TransactionStatus::Unknown(_) => return None,
        })
    }

    /// Whether a notification with this status, arriving after one with `previous`, moves the
    /// payment backwards (e.g. `pending` after `settlement`): Midtrans delivers out of order
    /// at times, and such a notification is to be ignored. Unknown statuses are never called
    /// regressions.
    pub fn is_regression_from(&self, previous: &TransactionStatus) -> bool {
        match (self.stage(), previous.stage()) {
            (Some(new), Some(old)) => new < old,
            _ => false,
        }
    }

    /// Whether the payment failed for good: `deny`, `cancel`, `expire` or `failure`.
    pub fn is_failed(&self) -> bool {
        matches!(
            self,
            TransactionStatus::Deny
                | TransactionStatus::Cancel
                | TransactionStatus::Expire
                | TransactionStatus::Failure
        )
    }

    /// What a merchant does with a payment in this status, given its `fraud_status` (`None`
    /// when absent, which Midtrans says to treat as `accept`): Midtrans's decision table
    /// ([notification docs](https://docs.midtrans.com/docs/https-notification-webhooks), and
    /// the official clients' README samples).
    ///
    /// ```
    /// use midtrans_types::{FraudStatus, PaymentOutcome, TransactionStatus};
    /// let capture = TransactionStatus::Capture;
    /// assert_eq!(capture.outcome(Some(&FraudStatus::Accept)), PaymentOutcome::Paid);
    /// assert_eq!(capture.outcome(Some(&FraudStatus::Challenge)), PaymentOutcome::Review);
    /// assert_eq!(TransactionStatus::Expire.outcome(None), PaymentOutcome::Failed);
    /// ```
    pub fn outcome(&self, fraud: Option<&FraudStatus>) -> PaymentOutcome {
        let fraud = fraud.unwrap_or(&FraudStatus::Accept);
        match (self, fraud) {
            (TransactionStatus::Pending, _) => PaymentOutcome::Pending,
            (TransactionStatus::Authorize | TransactionStatus::Capture, FraudStatus::Deny) => {
                PaymentOutcome::Failed
            }
            (TransactionStatus::Authorize, FraudStatus::Accept) => PaymentOutcome::Authorized,
            (TransactionStatus::Capture, FraudStatus::Accept) => PaymentOutcome::Paid,
            // A challenge, or a verdict this crate does not know: hold until it is decided.
            (TransactionStatus::Authorize | TransactionStatus::Capture, _) => {
                PaymentOutcome::Review
            }
            // Settled is paid: an unapproved challenge is cancelled before settlement.
            (TransactionStatus::Settlement, _) => PaymentOutcome::Paid,
            (
                TransactionStatus::Deny
                | TransactionStatus::Cancel
                | TransactionStatus::Expire
                | TransactionStatus::Failure,
                _,
            ) => PaymentOutcome::Failed,
            (TransactionStatus::Refund, _) => PaymentOutcome::Refunded,
            (TransactionStatus::PartialRefund, _) => PaymentOutcome::PartiallyRefunded,
            (TransactionStatus::Chargeback, _) => PaymentOutcome::ChargedBack,
            (TransactionStatus::PartialChargeback, _) => PaymentOutcome::PartiallyChargedBack,
            (TransactionStatus::Unknown(_), _) => PaymentOutcome::Unknown,
        }
    }
}

/// What a merchant does with a payment: [`TransactionStatus::outcome`] of its status and
/// fraud status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PaymentOutcome {
    /// Money received (`settlement`, or `capture` accepted by fraud detection): fulfil.
    Paid,
    /// Money received and part of it refunded (`partial_refund`).
    PartiallyRefunded,
    /// Fraud detection flagged a card payment (`challenge`): review it, then approve or deny.
    Review,
    /// A card or GoPay pre-authorization (`authorize`): capture it to take the money.
    Authorized,
    /// Awaiting the customer's payment (`pending`): wait.
    Pending,
    /// Not paid and never will be (`deny`, `cancel`, `expire`, `failure`, or refused by fraud
    /// detection): release the order.
    Failed,
    /// All of it refunded (`refund`).
    Refunded,
    /// Charged back (`chargeback`).
    ChargedBack,
    /// Partly charged back (`partial_chargeback`).
    PartiallyChargedBack,
    /// A status this crate does not know: look it up before acting.
    Unknown,
}

/// What became of a refund request ([`Transaction::refund_outcome`](crate::Transaction::refund_outcome)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RefundOutcome {
    /// The whole amount is refunded (`refund`).
    Refunded,
    /// Part of it is refunded (`partial_refund`).
    PartiallyRefunded,
    /// Accepted, not done yet (body `201`): look the transaction up later.
    Pending,
    /// Declined (body `202`): the card scheme or issuer refused it, nothing was refunded and
    /// the payment stays settled. Not an error of the call: ask the customer for another way,
    /// or refund outside Midtrans.
    Denied,
    /// An answer this crate cannot read as a refund: look the transaction up.
    Unknown,
}

impl RefundOutcome {
    /// Whether money went back to the customer (all or part).
    ///
    /// ```
    /// use midtrans_types::RefundOutcome;
    /// assert!(RefundOutcome::PartiallyRefunded.is_refunded());
    /// assert!(!RefundOutcome::Denied.is_refunded());
    /// ```
    pub fn is_refunded(self) -> bool {
        matches!(
            self,
            RefundOutcome::Refunded | RefundOutcome::PartiallyRefunded
        )
    }
}

impl PaymentOutcome {
    /// Whether the merchant may fulfil the order: [`PaymentOutcome::Paid`] or
    /// [`PaymentOutcome::PartiallyRefunded`].
    ///
    /// ```
    /// assert!(midtrans_types::PaymentOutcome::Paid.is_paid());
    /// assert!(!midtrans_types::PaymentOutcome::Review.is_paid());
    /// ```
    pub fn is_paid(self) -> bool {
        matches!(
            self,
            PaymentOutcome::Paid | PaymentOutcome::PartiallyRefunded
        )
    }
}

string_enum! {
    /// `fraud_status`: the verdict of Midtrans's fraud detection. Absent for methods that are not
    /// screened (convenience stores); treat absence as `accept`.
    pub enum FraudStatus {
        /// Passed.
        Accept => "accept",
        /// Flagged for review: approve or deny it.
        Challenge => "challenge",
        /// Rejected.
        Deny => "deny",
    }
}
