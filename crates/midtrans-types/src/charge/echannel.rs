use serde::{Deserialize, Serialize};

use crate::validate::{self, BuildError};

/// The `echannel` object: Mandiri Bill Payment.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/e-channel-object). `bill_info1` is a label
/// (≤ 10 characters shown) and `bill_info2` its value (≤ 30); `bill_info3..8` are further pairs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Echannel {
    /// First label.
    pub bill_info1: String,
    /// First value.
    pub bill_info2: String,
    /// Second label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_info3: Option<String>,
    /// Second value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_info4: Option<String>,
    /// Third label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_info5: Option<String>,
    /// Third value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_info6: Option<String>,
    /// Fourth label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_info7: Option<String>,
    /// Fourth value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_info8: Option<String>,
    /// Custom bill key (payment code); Midtrans assigns one when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_key: Option<String>,
}

impl Echannel {
    /// A Mandiri bill with its first label and value.
    pub fn new(bill_info1: impl Into<String>, bill_info2: impl Into<String>) -> Self {
        Echannel {
            bill_info1: bill_info1.into(),
            bill_info2: bill_info2.into(),
            bill_info3: None,
            bill_info4: None,
            bill_info5: None,
            bill_info6: None,
            bill_info7: None,
            bill_info8: None,
            bill_key: None,
        }
    }

    pub(crate) fn validate(&self) -> Result<(), BuildError> {
        validate::max_len("echannel.bill_info1", &self.bill_info1, 10)?;
        validate::max_len("echannel.bill_info2", &self.bill_info2, 30)
    }
}

setters!(Echannel {
    bill_info3: String,
    bill_info4: String,
    bill_info5: String,
    bill_info6: String,
    bill_info7: String,
    bill_info8: String,
    bill_key: String,
});
