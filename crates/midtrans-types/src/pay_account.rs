//! GoPay tokenization: linking a customer's GoPay account (`/v2/pay/account`, [Midtrans docs](https://docs.midtrans.com/reference/create-pay-account)).

use serde::{Deserialize, Serialize};

use crate::transaction::Action;
use crate::validate::{self, BuildError, BuildErrorKind};
use crate::{Amount, Currency, Metadata, PayAccountId, PaymentToken, PaymentType, StatusCode};

/// `POST /v2/pay/account`: link a GoPay account.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/create-pay-account).
///
/// ```
/// use midtrans_types::pay_account::PayAccountLinkRequest;
/// let request = PayAccountLinkRequest::gopay("81234567891", "62")
///     .redirect_url("https://mywebstore.com/gopay-linking-finish")
///     .build()?;
/// # Ok::<(), midtrans_types::BuildError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayAccountLinkRequest {
    payment_type: PaymentType,
    gopay_partner: GopayPartner,
}

/// The `gopay_partner` object of a link request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GopayPartner {
    /// Phone number without country code and without a leading 0.
    pub phone_number: String,
    /// Country calling code, e.g. `62`.
    pub country_code: String,
    /// Where GoPay sends the customer after linking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_url: Option<String>,
}

impl PayAccountLinkRequest {
    /// Link the GoPay account of this phone number (digits, no leading 0) and country code.
    pub fn gopay(
        phone_number: impl Into<String>,
        country_code: impl Into<String>,
    ) -> PayAccountLinkRequestBuilder {
        PayAccountLinkRequestBuilder {
            inner: Box::new(PayAccountLinkRequest {
                payment_type: PaymentType::Gopay,
                gopay_partner: GopayPartner {
                    phone_number: phone_number.into(),
                    country_code: country_code.into(),
                    redirect_url: None,
                },
            }),
        }
    }

    /// The payment type (`gopay`).
    pub fn payment_type(&self) -> &PaymentType {
        &self.payment_type
    }

    /// The GoPay partner details.
    pub fn gopay_partner(&self) -> &GopayPartner {
        &self.gopay_partner
    }

    /// Checks the documented rules: the phone number is digits only and does not start with 0;
    /// the country code is digits only.
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        let phone = &self.gopay_partner.phone_number;
        validate::digits("gopay_partner.phone_number", phone, 15)?;
        if phone.starts_with('0') {
            return Err(BuildError::new(
                "gopay_partner.phone_number",
                BuildErrorKind::Invalid {
                    expected: "digits without a leading 0 or country code",
                },
            ));
        }
        validate::digits(
            "gopay_partner.country_code",
            &self.gopay_partner.country_code,
            4,
        )
    }
}

validated_builder! {
    /// Builds a [`PayAccountLinkRequest`].
    PayAccountLinkRequestBuilder => PayAccountLinkRequest
}

impl PayAccountLinkRequestBuilder {
    /// Where GoPay sends the customer after linking.
    pub fn redirect_url(mut self, url: impl Into<String>) -> Self {
        self.inner.gopay_partner.redirect_url = Some(url.into());
        self
    }
}

string_enum! {
    /// `account_status` of a linked pay account.
    pub enum PayAccountStatus {
        /// Waiting for the customer to confirm in the Gojek app.
        Pending => "PENDING",
        /// Linked and usable.
        Enabled => "ENABLED",
        /// The link expired before confirmation.
        Expired => "EXPIRED",
        /// Unlinked.
        Disabled => "DISABLED",
    }
}

string_enum! {
    /// A GoPay payment option (`payment_options[].name`, `payment_option_type`).
    pub enum PaymentOptionName {
        /// GoPay balance.
        GopayWallet => "GOPAY_WALLET",
        /// GoPay PayLater.
        PayLater => "PAY_LATER",
        /// GoPay Cicil.
        GoCicil => "GO_CICIL",
        /// GoPay Coins.
        GopayCoins => "GOPAY_COINS",
    }
}

/// A linked (or linking) pay account: the answer of link, get and unbind.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/get-pay-account). Body status 201 means
/// pending, 202 that GoPay refused (see `channel_response_message`); both are successful calls.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PayAccount {
    /// Body status code.
    pub status_code: StatusCode,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
    /// Trace id for Midtrans support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `gopay`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_type: Option<PaymentType>,
    /// The account id to charge and query with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<PayAccountId>,
    /// Link state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_status: Option<PayAccountStatus>,
    /// Code from GoPay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_response_code: Option<String>,
    /// Message from GoPay (e.g. `User Not Found`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_response_message: Option<String>,
    /// Activation URLs while pending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<Action>>,
    /// Reference id (link) or payment options with balances and tokens (get).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<PayAccountMetadata>,
    /// Fields this crate does not model, kept as received.
    #[serde(flatten)]
    pub extra: Metadata,
}

/// `metadata` of a pay account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PayAccountMetadata {
    /// Reference of the link request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_id: Option<String>,
    /// Payment options of an enabled account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_options: Option<Vec<PaymentOption>>,
    /// Fields this crate does not model, kept as received.
    #[serde(flatten)]
    pub extra: Metadata,
}

/// One payment option of an enabled GoPay account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PaymentOption {
    /// Which option.
    pub name: PaymentOptionName,
    /// Whether it can be used now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// Its balance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance: Option<Balance>,
    /// Provider metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// The token for `gopay.payment_option_token` or a subscription's `token`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<PaymentToken>,
}

/// A balance: value and currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Balance {
    /// The amount.
    pub value: Amount,
    /// Its currency.
    pub currency: Currency,
}
