use serde::{Deserialize, Serialize};

use crate::Idr;

/// The `bca_klikpay` object.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/bca-klikpay-object).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BcaKlikpay {
    /// Description of the purchase.
    pub description: String,
    /// Additional fee, in rupiah.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub misc_fee: Option<Idr>,
}

impl BcaKlikpay {
    /// A KlikPay payment with its description.
    pub fn new(description: impl Into<String>) -> Self {
        BcaKlikpay {
            description: description.into(),
            misc_fee: None,
        }
    }
}

setters!(BcaKlikpay { misc_fee: Idr });

/// The `bca_klikbca` object.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/klikbca-object).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BcaKlikbca {
    /// Description of the purchase.
    pub description: String,
    /// The customer's KlikBCA user id.
    pub user_id: String,
}

impl BcaKlikbca {
    /// A KlikBCA payment: description and the payer's KlikBCA user id.
    pub fn new(description: impl Into<String>, user_id: impl Into<String>) -> Self {
        BcaKlikbca {
            description: description.into(),
            user_id: user_id.into(),
        }
    }
}

/// The `cimb_clicks` object.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/cimb-clicks-object).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CimbClicks {
    /// Description of the purchase.
    pub description: String,
}

impl CimbClicks {
    /// A CIMB Clicks payment with its description.
    pub fn new(description: impl Into<String>) -> Self {
        CimbClicks {
            description: description.into(),
        }
    }
}

/// The `uob_ezpay` object.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UobEzpay {
    /// Where UOB sends the customer after payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
}

impl UobEzpay {
    /// A UOB EZ Pay payment with no options.
    pub fn new() -> Self {
        Self::default()
    }
}

setters!(UobEzpay {
    callback_url: String
});
