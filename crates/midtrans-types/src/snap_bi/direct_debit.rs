//! Direct debit (GoPay, ShopeePay, DANA): payment (`/v1.0/debit/payment-host-to-host`,
//! service 54), status (`/v1.0/debit/status`, 55), refund (`/v1.0/debit/refund`, 58) and
//! cancel (`/v1.0/debit/cancel`, 57).
//! [Midtrans docs](https://docs.midtrans.com/reference/direct-debit-api-gopay)

use serde::{Deserialize, Serialize};

use super::{
    either, optional, reference, required, validate_items, CustomerDetails, Extra, Item, Money,
    PaymentDetail, RefundHistory, ResponseCode, Status,
};
use crate::validate::{BuildError, BuildErrorKind};

/// Where the customer returns after paying (`urlParams[]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UrlParam {
    /// The URL (≤ 512).
    pub url: String,
    /// `PAY_RETURN`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `Y` for an app deeplink, `N` for an http(s) URL.
    pub is_deeplink: String,
}

impl UrlParam {
    /// A return to `url` after payment (`PAY_RETURN`), a deeplink unless it is http(s).
    pub fn pay_return(url: impl Into<String>) -> Self {
        let url = url.into();
        let web = url.starts_with("https://") || url.starts_with("http://");
        UrlParam {
            url,
            kind: "PAY_RETURN".to_owned(),
            is_deeplink: if web { "N" } else { "Y" }.to_owned(),
        }
    }
}

/// How the customer pays (`payOptionDetails[]`): method, option, amount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PayOptionDetail {
    /// `GOPAY`, `SHOPEEPAY` or `DANA`.
    pub pay_method: String,
    /// `GOPAY_WALLET`, `PAY_LATER`, … (as the official SDKs send it for GoPay).
    pub pay_option: String,
    /// The amount.
    pub trans_amount: Money,
    /// Tokenization details (`recurring`, `paymentOptionToken`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Extra>,
}

impl PayOptionDetail {
    /// Pays `amount` with `pay_method`'s `pay_option`.
    pub fn new(
        pay_method: impl Into<String>,
        pay_option: impl Into<String>,
        amount: impl Into<Money>,
    ) -> Self {
        PayOptionDetail {
            pay_method: pay_method.into(),
            pay_option: pay_option.into(),
            trans_amount: amount.into(),
            additional_info: None,
        }
    }

    /// GoPay's wallet (`GOPAY` / `GOPAY_WALLET`), as the official SDKs send it.
    pub fn gopay(amount: impl Into<Money>) -> Self {
        Self::new("GOPAY", "GOPAY_WALLET", amount)
    }

    /// ShopeePay (`SHOPEEPAY` / `SHOPEEPAY`).
    pub fn shopeepay(amount: impl Into<Money>) -> Self {
        Self::new("SHOPEEPAY", "SHOPEEPAY", amount)
    }

    /// DANA (`DANA` / `DANA`).
    pub fn dana(amount: impl Into<Money>) -> Self {
        Self::new("DANA", "DANA", amount)
    }
}

/// `additionalInfo` of a direct debit payment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PaymentAdditionalInfo {
    /// The customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_details: Option<CustomerDetails>,
    /// The items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<Item>>,
    /// Transaction metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Extra>,
    /// Fields this crate does not model (tokenization's `merchantCrossReferenceId`, `lang`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /v1.0/debit/payment-host-to-host`: a direct debit payment. The answer's
/// `webRedirectUrl` (or `appRedirectUrl`) is where the customer pays.
///
/// ```
/// use midtrans_types::snap_bi::{DirectDebitPaymentRequest, Money, PayOptionDetail, UrlParam};
/// use midtrans_types::Idr;
///
/// let request = DirectDebitPaymentRequest::new("order-101", PayOptionDetail::gopay(Idr::new(15_000)))
///     .merchant_id("M001234")
///     .url_param(UrlParam::pay_return("https://shop.example/paid"));
/// request.validate()?;
/// let json = serde_json::to_value(&request)?;
/// assert_eq!(json["payOptionDetails"][0]["transAmount"]["value"], "15000.00");
/// assert_eq!(json["urlParams"][0]["isDeeplink"], "N");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DirectDebitPaymentRequest {
    /// The merchant's order id (≤ 64 of `A-Za-z0-9-_~.`).
    pub partner_reference_no: String,
    /// The customer's account token (tokenization); empty for a deeplink payment, as the
    /// official SDKs send it.
    #[serde(default)]
    pub charge_token: String,
    /// The merchant id (≤ 64).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_id: Option<String>,
    /// Where the customer returns (the docs' `urlParams` array; the SDKs' examples send one
    /// `urlParam` object, which is read too).
    #[serde(
        default,
        alias = "urlParam",
        deserialize_with = "one_or_many",
        skip_serializing_if = "Option::is_none"
    )]
    pub url_params: Option<Vec<UrlParam>>,
    /// When the payment expires unpaid (ISO-8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_up_to: Option<String>,
    /// How the customer pays.
    pub pay_option_details: Vec<PayOptionDetail>,
    /// Customer, items, metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<PaymentAdditionalInfo>,
}

impl DirectDebitPaymentRequest {
    /// A payment of order `partner_reference_no` by `pay`.
    pub fn new(partner_reference_no: impl Into<String>, pay: PayOptionDetail) -> Self {
        DirectDebitPaymentRequest {
            partner_reference_no: partner_reference_no.into(),
            charge_token: String::new(),
            merchant_id: None,
            url_params: None,
            valid_up_to: None,
            pay_option_details: vec![pay],
            additional_info: None,
        }
    }

    /// Adds a return URL.
    #[must_use]
    pub fn url_param(mut self, param: UrlParam) -> Self {
        self.url_params.get_or_insert_with(Vec::new).push(param);
        self
    }

    /// Sets the account token (tokenization payments).
    #[must_use]
    pub fn charge_token(mut self, token: impl Into<String>) -> Self {
        self.charge_token = token.into();
        self
    }

    /// Sets the customer.
    #[must_use]
    pub fn customer_details(mut self, customer: CustomerDetails) -> Self {
        self.additional_info
            .get_or_insert_with(Default::default)
            .customer_details = Some(customer);
        self
    }

    /// Sets the items.
    #[must_use]
    pub fn items(mut self, items: impl IntoIterator<Item = Item>) -> Self {
        self.additional_info
            .get_or_insert_with(Default::default)
            .items = Some(items.into_iter().collect());
        self
    }

    /// Checks the documented rules: the order id, a pay option with a positive two-decimal
    /// amount, return URLs of at most 512 characters, the customer and items.
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        reference("partnerReferenceNo", &self.partner_reference_no, 64)?;
        optional("merchantId", self.merchant_id.as_ref(), 64)?;
        optional("chargeToken", Some(&self.charge_token), 2048)?;
        if self.pay_option_details.is_empty() {
            return Err(BuildError::new("payOptionDetails", BuildErrorKind::Missing));
        }
        for (index, pay) in self.pay_option_details.iter().enumerate() {
            let field = format!("payOptionDetails[{index}]");
            required(&format!("{field}.payMethod"), &pay.pay_method, 64)?;
            required(&format!("{field}.payOption"), &pay.pay_option, 64)?;
            pay.trans_amount.validate(&format!("{field}.transAmount"))?;
        }
        for (index, param) in self.url_params.iter().flatten().enumerate() {
            required(&format!("urlParams[{index}].url"), &param.url, 512)?;
            if !matches!(param.is_deeplink.as_str(), "Y" | "N") {
                return Err(BuildError::new(
                    format!("urlParams[{index}].isDeeplink"),
                    BuildErrorKind::Invalid {
                        expected: "\"Y\" or \"N\"",
                    },
                ));
            }
        }
        if let Some(info) = &self.additional_info {
            if let Some(customer) = &info.customer_details {
                customer.validate("additionalInfo.customerDetails")?;
            }
            validate_items("additionalInfo.items", info.items.as_deref())?;
        }
        Ok(())
    }
}

setters!(DirectDebitPaymentRequest {
    merchant_id: String,
    valid_up_to: String,
});

/// Reads `urlParams` as an array, or the single object the SDKs' examples send.
fn one_or_many<'de, D>(deserializer: D) -> Result<Option<Vec<UrlParam>>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        Many(Vec<UrlParam>),
        One(UrlParam),
    }
    Ok(
        Option::<OneOrMany>::deserialize(deserializer)?.map(|found| match found {
            OneOrMany::Many(many) => many,
            OneOrMany::One(one) => vec![one],
        }),
    )
}

/// The answer to a direct debit payment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DirectDebitPaymentResponse {
    /// `2005400` on success.
    pub response_code: ResponseCode,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_message: Option<String>,
    /// Midtrans's reference of the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_no: Option<String>,
    /// The merchant's order id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_reference_no: Option<String>,
    /// Where the customer pays in a browser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_redirect_url: Option<String>,
    /// Where the customer pays in the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_redirect_url: Option<String>,
    /// Extra information (`paymentType`, `transactionTime`, `validUpTo`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Extra>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /v1.0/debit/status`: where a direct debit payment stands, by Midtrans's reference or
/// by the `X-EXTERNAL-ID` it was created with.
///
/// ```
/// use midtrans_types::snap_bi::DirectDebitStatusRequest;
/// let request = DirectDebitStatusRequest::by_reference_no("A120240930071006pW0gbFMTguID");
/// assert_eq!(serde_json::to_value(&request)?["serviceCode"], "54");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DirectDebitStatusRequest {
    /// Midtrans's reference of the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_reference_no: Option<String>,
    /// The `X-EXTERNAL-ID` the payment was created with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_external_id: Option<String>,
    /// The merchant's order id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_partner_reference_no: Option<String>,
    /// The service of the payment asked about: `54`.
    pub service_code: String,
}

impl DirectDebitStatusRequest {
    /// By Midtrans's reference.
    pub fn by_reference_no(reference_no: impl Into<String>) -> Self {
        DirectDebitStatusRequest {
            original_reference_no: Some(reference_no.into()),
            original_external_id: None,
            original_partner_reference_no: None,
            service_code: "54".to_owned(),
        }
    }

    /// By the `X-EXTERNAL-ID` of the payment.
    pub fn by_external_id(external_id: impl Into<String>) -> Self {
        DirectDebitStatusRequest {
            original_reference_no: None,
            original_external_id: Some(external_id.into()),
            original_partner_reference_no: None,
            service_code: "54".to_owned(),
        }
    }

    /// Checks that the payment is named.
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        either(
            "originalReferenceNo",
            self.original_reference_no.as_ref(),
            self.original_external_id.as_ref(),
        )?;
        optional(
            "originalReferenceNo",
            self.original_reference_no.as_ref(),
            64,
        )?;
        optional("originalExternalId", self.original_external_id.as_ref(), 36)?;
        required("serviceCode", &self.service_code, 2)
    }
}

/// The answer to a direct debit status request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DirectDebitStatusResponse {
    /// `2005500` on success.
    pub response_code: ResponseCode,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_message: Option<String>,
    /// Midtrans's reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_reference_no: Option<String>,
    /// The merchant's order id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_partner_reference_no: Option<String>,
    /// The payment's `X-EXTERNAL-ID`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_external_id: Option<String>,
    /// `54`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_code: Option<String>,
    /// Where the payment stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_transaction_status: Option<Status>,
    /// The status as text (free form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_status_desc: Option<String>,
    /// The amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trans_amount: Option<Money>,
    /// The amount, as some answers name it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// When it was paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_time: Option<String>,
    /// Its refunds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_history: Option<Vec<RefundHistory>>,
    /// Extra information (`fraudStatus`, `userPaymentDetails`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Extra>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

impl DirectDebitStatusResponse {
    /// What the merchant does with the payment; `Unknown` without a status.
    pub fn outcome(&self) -> crate::PaymentOutcome {
        self.latest_transaction_status
            .as_ref()
            .map_or(crate::PaymentOutcome::Unknown, Status::outcome)
    }

    /// How the customer paid, from `additionalInfo.userPaymentDetails`.
    pub fn user_payment_details(&self) -> Vec<PaymentDetail> {
        self.additional_info
            .as_ref()
            .and_then(|info| info.get("userPaymentDetails"))
            .and_then(|details| serde_json::from_value(details.clone()).ok())
            .unwrap_or_default()
    }
}

/// `POST /v1.0/debit/refund`: a full or partial refund of a paid direct debit payment.
///
/// ```
/// use midtrans_types::snap_bi::{DirectDebitRefundRequest, Money};
/// use midtrans_types::Idr;
/// let request = DirectDebitRefundRequest::new("A1202409300808041pswnOt7wMID", "refund-101-1")
///     .refund_amount(Money::idr(Idr::new(5_000)))
///     .reason("out of stock");
/// request.validate()?;
/// # Ok::<(), midtrans_types::BuildError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DirectDebitRefundRequest {
    /// Midtrans's reference of the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_reference_no: Option<String>,
    /// The merchant's order id of the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_partner_reference_no: Option<String>,
    /// The `X-EXTERNAL-ID` of the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_external_id: Option<String>,
    /// The merchant's refund number (≤ 64 of `A-Za-z0-9_-`): a repeat refers to the same
    /// refund. Required; read as optional because the official SDKs' examples leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_refund_no: Option<String>,
    /// The amount; the whole payment when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_amount: Option<Money>,
    /// Why (≤ 256).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Extra information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Extra>,
}

impl DirectDebitRefundRequest {
    /// A refund of the payment Midtrans knows as `reference_no`, numbered `partner_refund_no`.
    pub fn new(reference_no: impl Into<String>, partner_refund_no: impl Into<String>) -> Self {
        DirectDebitRefundRequest {
            original_reference_no: Some(reference_no.into()),
            original_partner_reference_no: None,
            original_external_id: None,
            partner_refund_no: Some(partner_refund_no.into()),
            refund_amount: None,
            reason: None,
            additional_info: None,
        }
    }

    /// Checks the documented rules.
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        either(
            "originalReferenceNo",
            self.original_reference_no.as_ref(),
            self.original_external_id.as_ref(),
        )?;
        optional(
            "originalReferenceNo",
            self.original_reference_no.as_ref(),
            64,
        )?;
        optional(
            "originalPartnerReferenceNo",
            self.original_partner_reference_no.as_ref(),
            64,
        )?;
        match &self.partner_refund_no {
            Some(number) => refund_no("partnerRefundNo", number)?,
            None => return Err(BuildError::new("partnerRefundNo", BuildErrorKind::Missing)),
        }
        if let Some(amount) = &self.refund_amount {
            amount.validate("refundAmount")?;
        }
        optional("reason", self.reason.as_ref(), 256)
    }
}

setters!(DirectDebitRefundRequest {
    original_partner_reference_no: String,
    original_external_id: String,
    refund_amount: Money,
    reason: String,
});

/// A refund number: 1 to 64 of `A-Za-z0-9_-`.
pub(crate) fn refund_no(field: &str, value: &str) -> Result<(), BuildError> {
    crate::validate::text(field, value, 64, |c| {
        c.is_ascii_alphanumeric() || matches!(c, '-' | '_')
    })
}

/// The answer to a refund (direct debit or QRIS).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DirectDebitRefundResponse {
    /// `2005800` on success.
    pub response_code: ResponseCode,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_message: Option<String>,
    /// Midtrans's reference of the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_reference_no: Option<String>,
    /// The merchant's order id of the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_partner_reference_no: Option<String>,
    /// Midtrans's refund number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_no: Option<String>,
    /// The merchant's refund number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_refund_no: Option<String>,
    /// The amount refunded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_amount: Option<Money>,
    /// When (ISO-8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_time: Option<String>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /v1.0/debit/cancel`: cancels an unpaid direct debit payment.
///
/// ```
/// use midtrans_types::snap_bi::DirectDebitCancelRequest;
/// let request = DirectDebitCancelRequest::by_reference_no("A120240930075800vyWwxohb5WID");
/// request.validate()?;
/// # Ok::<(), midtrans_types::BuildError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DirectDebitCancelRequest {
    /// Midtrans's reference of the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_reference_no: Option<String>,
    /// The `X-EXTERNAL-ID` of the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_external_id: Option<String>,
    /// The merchant's order id of the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_partner_reference_no: Option<String>,
    /// Why (≤ 256).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl DirectDebitCancelRequest {
    /// By Midtrans's reference.
    pub fn by_reference_no(reference_no: impl Into<String>) -> Self {
        DirectDebitCancelRequest {
            original_reference_no: Some(reference_no.into()),
            original_external_id: None,
            original_partner_reference_no: None,
            reason: None,
        }
    }

    /// By the `X-EXTERNAL-ID` of the payment.
    pub fn by_external_id(external_id: impl Into<String>) -> Self {
        DirectDebitCancelRequest {
            original_reference_no: None,
            original_external_id: Some(external_id.into()),
            original_partner_reference_no: None,
            reason: None,
        }
    }

    /// Checks that the payment is named.
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        either(
            "originalReferenceNo",
            self.original_reference_no.as_ref(),
            self.original_external_id.as_ref(),
        )?;
        optional(
            "originalReferenceNo",
            self.original_reference_no.as_ref(),
            64,
        )?;
        optional("originalExternalId", self.original_external_id.as_ref(), 36)?;
        optional("reason", self.reason.as_ref(), 256)
    }
}

setters!(DirectDebitCancelRequest {
    original_partner_reference_no: String,
    reason: String,
});

/// The answer to a cancel (direct debit or QRIS).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DirectDebitCancelResponse {
    /// `2005700` on success.
    pub response_code: ResponseCode,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_message: Option<String>,
    /// Midtrans's reference of the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_reference_no: Option<String>,
    /// The merchant's order id of the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_partner_reference_no: Option<String>,
    /// When it was cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_time: Option<String>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}
