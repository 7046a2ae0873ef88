//! Snap's merchant preferences (`GET`/`PATCH {app}/snap/v3/merchant-preferences`): the
//! payment page's name, return URLs, language, look, and which channels it offers
//! ([Midtrans docs](https://docs.midtrans.com/reference/snap-checkout-preference-api)).

use serde::{Deserialize, Serialize};

use crate::validate::{BuildError, BuildErrorKind};
use crate::EnabledPayment;

/// Fields this crate does not model, kept as received.
type Extra = serde_json::Map<String, serde_json::Value>;

/// The typefaces the page may use.
pub const TYPOGRAPHIES: [&str; 9] = [
    "Arial",
    "Inter",
    "Nunito",
    "Open Sans",
    "Playfair Display",
    "Poppins",
    "Questrial",
    "Roboto",
    "Source Sans Pro",
];

/// The page's look.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Brand {
    /// The typeface (one of [`TYPOGRAPHIES`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typography: Option<String>,
    /// The header's colour (`#ffffff`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_color: Option<String>,
    /// The buttons' colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub button_color: Option<String>,
    /// Input corners, 0 to 10.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::lenient_int"
    )]
    pub input_border_radius: Option<u8>,
    /// Button corners, 0 to 10.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::lenient_int"
    )]
    pub button_border_radius: Option<u8>,
    /// Whether the header is hidden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hide_header: Option<bool>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Brand {
    /// No look set yet.
    ///
    /// ```
    /// let brand = midtrans_types::snap::Brand::new().typography("Poppins").button_color("#0256A7");
    /// assert_eq!(brand.typography.as_deref(), Some("Poppins"));
    /// ```
    pub fn new() -> Self {
        Self::default()
    }
}

setters!(Brand {
    typography: String,
    header_color: String,
    button_color: String,
});

exact_setters!(Brand {
    input_border_radius: u8,
    button_border_radius: u8,
    hide_header: bool,
});

/// A channel the page offers, or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PaymentChannel {
    /// The Snap code (`credit_card`, `bca_va`, `other_qris`, …).
    pub name: EnabledPayment,
    /// Whether it is offered.
    pub enabled: bool,
}

impl PaymentChannel {
    /// A channel on or off.
    ///
    /// ```
    /// use midtrans_types::snap::PaymentChannel;
    /// use midtrans_types::EnabledPayment;
    /// assert!(PaymentChannel::new(EnabledPayment::BcaVa, true).enabled);
    /// ```
    pub fn new(name: EnabledPayment, enabled: bool) -> Self {
        PaymentChannel { name, enabled }
    }
}

/// The merchant's Snap preferences: what `GET` answers, and what `PATCH` sends (every field
/// optional; `merchant_id` is Midtrans's and not sent).
///
/// ```
/// use midtrans_types::snap::{Brand, MerchantPreferences, PaymentChannel};
/// use midtrans_types::EnabledPayment;
/// let update = MerchantPreferences::new()
///     .display_name("DEMO STORE")
///     .locale("id")
///     .brand(Brand::new().typography("Poppins").button_border_radius(8))
///     .payment_channel(PaymentChannel::new(EnabledPayment::CreditCard, false));
/// update.validate()?;
/// assert_eq!(serde_json::to_value(&update)?["brand"]["button_border_radius"], 8);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MerchantPreferences {
    /// Midtrans's merchant id (answers only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_id: Option<String>,
    /// The name the page shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Where the customer goes after paying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finish_payment_return_url: Option<String>,
    /// Where the customer goes after an error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_payment_return_url: Option<String>,
    /// The page's language (`en`, `id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Which bank serves "other banks" transfers: `permata_va`, `bni_va`, `bri_va` or `cimb_va`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_va_processor: Option<EnabledPayment>,
    /// Whether a customer may try again after a failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_retry: Option<bool>,
    /// Whether the order id is hidden from the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hide_order_id: Option<bool>,
    /// The page's look.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<Brand>,
    /// The channels, on or off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_channels: Option<Vec<PaymentChannel>>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

impl MerchantPreferences {
    /// An update that changes nothing yet; set what to change.
    ///
    /// ```
    /// let update = midtrans_types::snap::MerchantPreferences::new().allow_retry(true);
    /// assert_eq!(update.allow_retry, Some(true));
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a channel to turn on or off.
    ///
    /// ```
    /// use midtrans_types::snap::{MerchantPreferences, PaymentChannel};
    /// use midtrans_types::EnabledPayment;
    /// let update = MerchantPreferences::new().payment_channel(PaymentChannel::new(EnabledPayment::Gopay, true));
    /// assert_eq!(update.payment_channels.map(|c| c.len()), Some(1));
    /// ```
    #[must_use]
    pub fn payment_channel(mut self, channel: PaymentChannel) -> Self {
        self.payment_channels
            .get_or_insert_with(Vec::new)
            .push(channel);
        self
    }

    /// Checks the documented rules: a typeface from [`TYPOGRAPHIES`], corners of at most 10,
    /// and an "other banks" processor among `permata_va`, `bni_va`, `bri_va` and `cimb_va`.
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        let invalid = |field: &str, expected: &'static str| {
            Err(BuildError::new(field, BuildErrorKind::Invalid { expected }))
        };
        if let Some(brand) = &self.brand {
            if brand
                .typography
                .as_deref()
                .is_some_and(|t| !TYPOGRAPHIES.contains(&t))
            {
                return invalid("brand.typography", "one of the documented typefaces");
            }
            if brand.input_border_radius.is_some_and(|r| r > 10) {
                return invalid("brand.input_border_radius", "0 to 10");
            }
            if brand.button_border_radius.is_some_and(|r| r > 10) {
                return invalid("brand.button_border_radius", "0 to 10");
            }
        }
        if self.other_va_processor.as_ref().is_some_and(|p| {
            !matches!(
                p,
                EnabledPayment::PermataVa
                    | EnabledPayment::BniVa
                    | EnabledPayment::BriVa
                    | EnabledPayment::CimbVa
            )
        }) {
            return invalid(
                "other_va_processor",
                "permata_va, bni_va, bri_va or cimb_va",
            );
        }
        Ok(())
    }
}

setters!(MerchantPreferences {
    display_name: String,
    finish_payment_return_url: String,
    error_payment_return_url: String,
    locale: String,
    other_va_processor: EnabledPayment,
    brand: Brand,
});

exact_setters!(MerchantPreferences {
    allow_retry: bool,
    hide_order_id: bool,
});
