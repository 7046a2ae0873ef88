use serde::{Deserialize, Serialize};

use crate::charge::FreeText;
use crate::subscription::IntervalUnit;
use crate::{ExpiryUnit, RequestTime};

/// Snap `bca_va`: options for the BCA virtual account.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BcaVaOptions {
    /// Custom number, 6–11 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub va_number: Option<String>,
    /// BCA sub-company code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_company_code: Option<String>,
    /// Texts shown in BCA's channels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_text: Option<FreeText>,
}

impl BcaVaOptions {
    /// No options set.
    pub fn new() -> Self {
        Self::default()
    }
}

setters!(BcaVaOptions {
    va_number: String,
    sub_company_code: String,
    free_text: FreeText,
});

/// Snap `bni_va`, `bri_va`, `cimb_va`, `danamon_va`, `bsi_va`, `seabank_va`, `other_va`:
/// a custom virtual account number.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VaOptions {
    /// Custom number (BNI ≤ 8, BRI ≤ 13, CIMB/Danamon/BSI ≤ 12, SeaBank ≤ 19 digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub va_number: Option<String>,
}

impl VaOptions {
    /// A custom virtual account number.
    pub fn new(va_number: impl Into<String>) -> Self {
        VaOptions {
            va_number: Some(va_number.into()),
        }
    }
}

/// Snap `permata_va`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PermataVaOptions {
    /// Custom number: exactly 10 digits (B2B merchants only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub va_number: Option<String>,
    /// Name shown to the payer, ≤ 20 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_name: Option<String>,
}

impl PermataVaOptions {
    /// No options set.
    pub fn new() -> Self {
        Self::default()
    }
}

setters!(PermataVaOptions {
    va_number: String,
    recipient_name: String,
});

/// Snap `gopay`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GopayOptions {
    /// Append `callback_url` to the deeplink.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_callback: Option<bool>,
    /// Where the Gojek app returns the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// Offer GoPay tokenization (account linking).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokenization: Option<bool>,
    /// Only allow tokenized GoPay payments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enforce_tokenization: Option<bool>,
    /// Phone number to link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Country calling code of `phone_number`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
}

impl GopayOptions {
    /// No options set.
    pub fn new() -> Self {
        Self::default()
    }
}

setters!(GopayOptions {
    enable_callback: bool,
    callback_url: String,
    tokenization: bool,
    enforce_tokenization: bool,
    phone_number: String,
    country_code: String,
});

/// Snap `shopeepay` and `uob_ezpay`: where the provider returns the customer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CallbackOptions {
    /// The return URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
}

impl CallbackOptions {
    /// A return URL.
    pub fn new(callback_url: impl Into<String>) -> Self {
        CallbackOptions {
            callback_url: Some(callback_url.into()),
        }
    }
}

/// Snap `cstore`: Alfamart receipt lines (≤ 40 characters each).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CstoreOptions {
    /// First receipt line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alfamart_free_text_1: Option<String>,
    /// Second receipt line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alfamart_free_text_2: Option<String>,
    /// Third receipt line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alfamart_free_text_3: Option<String>,
}

impl CstoreOptions {
    /// No receipt lines.
    pub fn new() -> Self {
        Self::default()
    }
}

setters!(CstoreOptions {
    alfamart_free_text_1: String,
    alfamart_free_text_2: String,
    alfamart_free_text_3: String,
});

/// Snap `callbacks`: where the Snap page sends the customer when done.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Callbacks {
    /// After payment (≤ 255 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finish: Option<String>,
    /// After an error (≤ 255 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Callbacks {
    /// A finish URL.
    pub fn finish(url: impl Into<String>) -> Self {
        Callbacks {
            finish: Some(url.into()),
            error: None,
        }
    }

    /// Adds an error URL.
    #[must_use]
    pub fn error(mut self, url: impl Into<String>) -> Self {
        self.error = Some(url.into());
        self
    }
}

/// Snap `expiry`: how long the transaction can be paid (20 seconds to 7 days).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Expiry {
    /// When the clock starts; default: when the token is created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<RequestTime>,
    /// The unit.
    pub unit: ExpiryUnit,
    /// How many units.
    pub duration: u32,
}

impl Expiry {
    /// Expires `duration` `unit`s after the token is created.
    pub fn new(duration: u32, unit: ExpiryUnit) -> Self {
        Expiry {
            start_time: None,
            unit,
            duration,
        }
    }
}

setters!(Expiry {
    start_time: RequestTime
});

/// Snap `page_expiry`: how long the payment page stays open (5 minutes to 7 days; takes
/// precedence over `expiry` for the page).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PageExpiry {
    /// How many units.
    pub duration: u32,
    /// The unit.
    pub unit: ExpiryUnit,
}

impl PageExpiry {
    /// The page closes `duration` `unit`s after the token is created.
    pub fn new(duration: u32, unit: ExpiryUnit) -> Self {
        PageExpiry { duration, unit }
    }
}

/// Snap `recurring`: show the dedicated recurring-payment page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Recurring {
    /// Whether the customer must agree to recurring payments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// First charge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<RequestTime>,
    /// Interval unit, e.g. `month`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval_unit: Option<IntervalUnit>,
}

impl Recurring {
    /// No options set.
    pub fn new() -> Self {
        Self::default()
    }
}

setters!(Recurring {
    required: bool,
    start_time: RequestTime,
    interval_unit: IntervalUnit,
});
