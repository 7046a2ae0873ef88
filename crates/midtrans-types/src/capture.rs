//! `POST /v2/capture`: capture a pre-authorised card or GoPay payment.

use serde::{Deserialize, Serialize};

use crate::validate::{self, BuildError, BuildErrorKind};
use crate::{Idr, TransactionId};

/// A capture of an `authorize` transaction.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/capture-transaction): captures the full
/// amount unless `gross_amount` is given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaptureRequest {
    transaction_id: TransactionId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    gross_amount: Option<Idr>,
}

impl CaptureRequest {
    /// Capture the whole authorised amount.
    pub fn new(transaction_id: impl Into<TransactionId>) -> Self {
        CaptureRequest {
            transaction_id: transaction_id.into(),
            gross_amount: None,
        }
    }

    /// Capture part of the authorised amount.
    ///
    /// # Errors
    /// A [`BuildError`] if the transaction id is empty or the amount is zero.
    pub fn partial(
        transaction_id: impl Into<TransactionId>,
        gross_amount: impl Into<Idr>,
    ) -> Result<Self, BuildError> {
        let request = CaptureRequest {
            transaction_id: transaction_id.into(),
            gross_amount: Some(gross_amount.into()),
        };
        request.validate()?;
        Ok(request)
    }

    /// The transaction to capture.
    pub fn transaction_id(&self) -> &TransactionId {
        &self.transaction_id
    }

    /// The amount to capture, if not the whole.
    pub fn gross_amount(&self) -> Option<Idr> {
        self.gross_amount
    }

    /// Checks that the transaction id is not empty and the amount, if any, is positive.
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        if self.transaction_id.as_str().is_empty() {
            return Err(BuildError::new("transaction_id", BuildErrorKind::Empty));
        }
        validate::max_len("transaction_id", self.transaction_id.as_str(), 255)?;
        match self.gross_amount {
            Some(amount) => validate::positive("gross_amount", amount),
            None => Ok(()),
        }
    }
}
