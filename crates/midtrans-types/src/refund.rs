//! `POST /v2/{id}/refund` and `/refund/online/direct`: the refund request. The answer is a
//! [`Transaction`](crate::Transaction) ([`RefundResponse`](crate::RefundResponse)).

use serde::{Deserialize, Serialize};

use crate::validate::{self, BuildError};
use crate::{Idr, RefundKey};

/// A refund of a settled transaction.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/refund-transaction): without `amount` the
/// whole remaining amount is refunded; a `refund_key` makes retries safe (a reused key refers to
/// the same refund for 7 days); `reason` ≤ 255 characters, required for BNI-acquired cards.
///
/// ```
/// use midtrans_types::{Idr, RefundRequest};
/// let refund = RefundRequest::builder()
///     .refund_key("order1-ref1")
///     .amount(Idr::new(5_000))
///     .reason("Item out of stock")
///     .build()?;
/// # Ok::<(), midtrans_types::BuildError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refund_key: Option<RefundKey>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    amount: Option<Idr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

impl RefundRequest {
    /// A full refund with no key and no reason.
    pub fn full() -> Self {
        Self::default()
    }

    /// Starts a refund; set key, amount and reason, then `build()`.
    pub fn builder() -> RefundRequestBuilder {
        RefundRequestBuilder {
            inner: Box::default(),
        }
    }

    /// The refund key, if any.
    pub fn refund_key(&self) -> Option<&RefundKey> {
        self.refund_key.as_ref()
    }

    /// The amount, or `None` for everything remaining.
    pub fn amount(&self) -> Option<Idr> {
        self.amount
    }

    /// The reason, if any.
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    /// Checks the documented rules: `refund_key` of `A-Za-z0-9_-`, a positive amount, a reason
    /// of at most 255 characters.
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        if let Some(key) = &self.refund_key {
            key.validate()?;
        }
        if let Some(amount) = self.amount {
            validate::positive("amount", amount)?;
        }
        if let Some(reason) = &self.reason {
            validate::max_len("reason", reason, 255)?;
        }
        Ok(())
    }
}

validated_builder! {
    /// Builds a [`RefundRequest`].
    RefundRequestBuilder => RefundRequest
}

setters!(RefundRequestBuilder => inner {
    refund_key: RefundKey,
    amount: Idr,
    reason: String,
});
