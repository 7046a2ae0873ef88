use serde::{Deserialize, Serialize};

use crate::{PayAccountId, PaymentToken};

/// The `gopay` object: deeplink/QR payment, or a tokenized payment from a linked account.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/gopay-object). For tokenization set
/// `account_id` (from the pay account link) and `payment_option_token` (from the pay account's
/// `payment_options`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Gopay {
    /// Append `callback_url` to the deeplink.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_callback: Option<bool>,
    /// Where the Gojek app sends the customer after payment (http(s) URL or app deeplink).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// Linked pay account (tokenization).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<PayAccountId>,
    /// Payment option token of the linked account (tokenization).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_option_token: Option<PaymentToken>,
    /// Reserve the amount now and capture it later.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_auth: Option<bool>,
    /// Mark the payment as recurring.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurring: Option<bool>,
    /// Promotion ids to apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promotion_ids: Option<Vec<String>>,
}

impl Gopay {
    /// A GoPay payment with no options (deeplink and QR code answer).
    pub fn new() -> Self {
        Self::default()
    }

    /// A tokenized payment from a linked account.
    pub fn tokenized(
        account_id: impl Into<PayAccountId>,
        payment_option_token: impl Into<PaymentToken>,
    ) -> Self {
        Gopay {
            account_id: Some(account_id.into()),
            payment_option_token: Some(payment_option_token.into()),
            ..Self::default()
        }
    }
}

setters!(Gopay {
    enable_callback: bool,
    callback_url: String,
    account_id: PayAccountId,
    payment_option_token: PaymentToken,
    pre_auth: bool,
    recurring: bool,
});

list_setters!(Gopay {
    promotion_ids: String
});

/// The `shopeepay` object.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/shopeepay-object).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Shopeepay {
    /// Where the Shopee app sends the customer after payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
}

impl Shopeepay {
    /// A ShopeePay payment with no options.
    pub fn new() -> Self {
        Self::default()
    }
}

setters!(Shopeepay {
    callback_url: String
});

string_enum! {
    /// The acquirer of a QRIS payment (`qris.acquirer`, and `acquirer`/`issuer` in answers).
    pub enum QrisAcquirer {
        /// GoPay.
        Gopay => "gopay",
        /// ShopeePay (AirPay).
        AirpayShopee => "airpay shopee",
    }
}

/// The `qris` object.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/qris-object).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Qris {
    /// Which acquirer generates the QR code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acquirer: Option<QrisAcquirer>,
}

impl Qris {
    /// A QRIS payment with the default acquirer.
    pub fn new() -> Self {
        Self::default()
    }
}

setters!(Qris {
    acquirer: QrisAcquirer
});
