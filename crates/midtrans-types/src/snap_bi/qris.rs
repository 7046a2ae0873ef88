//! QRIS MPM (merchant-presented QR): generate (`/v1.0/qr/qr-mpm-generate`, service 47), query
//! (`/v1.0/qr/qr-mpm-query`, 51), refund (`/v1.0/qr/qr-mpm-refund`, 78) and cancel
//! (`/v1.0/qr/qr-mpm-cancel`, 77). [Midtrans docs](https://docs.midtrans.com/reference/mpm-api-qris)

use serde::{Deserialize, Serialize};

use super::direct_debit::refund_no;
use super::{
    either, optional, reference, required, validate_items, CustomerDetails, Extra, Item, Money,
    RefundHistory, ResponseCode, Status,
};
use crate::validate::{BuildError, BuildErrorKind};

/// `additionalInfo` of a QRIS generate.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct QrisAdditionalInfo {
    /// `gopay` (default) or `AIRPAY SHOPEE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acquirer: Option<String>,
    /// The customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_details: Option<CustomerDetails>,
    /// The items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<Item>>,
    /// Country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// Locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /v1.0/qr/qr-mpm-generate`: a QR code the customer scans to pay. `partnerReferenceNo`
/// must equal the call's `X-EXTERNAL-ID`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct QrisGenerateRequest {
    /// The merchant's order id (≤ 36 of `A-Za-z0-9-_~.`).
    pub partner_reference_no: String,
    /// The amount.
    pub amount: Money,
    /// The merchant id (≤ 64).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_id: Option<String>,
    /// When the code expires (ISO-8601; 20 s to 180 days, default 15 min).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity_period: Option<String>,
    /// Acquirer, customer, items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<QrisAdditionalInfo>,
}

impl QrisGenerateRequest {
    /// A QR code for order `partner_reference_no` of `amount`.
    pub fn new(partner_reference_no: impl Into<String>, amount: impl Into<Money>) -> Self {
        QrisGenerateRequest {
            partner_reference_no: partner_reference_no.into(),
            amount: amount.into(),
            merchant_id: None,
            validity_period: None,
            additional_info: None,
        }
    }

    /// Sets the acquirer (`gopay`, `AIRPAY SHOPEE`).
    #[must_use]
    pub fn acquirer(mut self, acquirer: impl Into<String>) -> Self {
        self.additional_info
            .get_or_insert_with(Default::default)
            .acquirer = Some(acquirer.into());
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

    /// Checks the documented rules.
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        reference("partnerReferenceNo", &self.partner_reference_no, 36)?;
        self.amount.validate("amount")?;
        optional("merchantId", self.merchant_id.as_ref(), 64)?;
        if let Some(info) = &self.additional_info {
            if let Some(customer) = &info.customer_details {
                customer.validate("additionalInfo.customerDetails")?;
            }
            validate_items("additionalInfo.items", info.items.as_deref())?;
        }
        Ok(())
    }
}

setters!(QrisGenerateRequest {
    merchant_id: String,
    validity_period: String,
});

/// The answer to a QRIS generate: the code as text, as a URL and as a base64 PNG.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct QrisGenerateResponse {
    /// `2004700` on success (`2024700`: still processing).
    pub response_code: ResponseCode,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_message: Option<String>,
    /// Midtrans's reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_no: Option<String>,
    /// The merchant's order id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_reference_no: Option<String>,
    /// The QRIS payload to render.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_content: Option<String>,
    /// A URL of the code's image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_url: Option<String>,
    /// The code's image, base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_image: Option<String>,
    /// Extra information (`acquirer`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Extra>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /v1.0/qr/qr-mpm-query`: where a QRIS payment stands.
///
/// ```
/// use midtrans_types::snap_bi::QrisQueryRequest;
/// let request = QrisQueryRequest::new("A120240930074508BIDP4QaNnJID", "order-101", "M001234");
/// assert_eq!(serde_json::to_value(&request)?["serviceCode"], "47");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct QrisQueryRequest {
    /// Midtrans's reference of the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_reference_no: Option<String>,
    /// The merchant's order id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_partner_reference_no: Option<String>,
    /// The `X-EXTERNAL-ID` of the generate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_external_id: Option<String>,
    /// The merchant id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_id: Option<String>,
    /// The service of the payment asked about: `47`.
    pub service_code: String,
}

impl QrisQueryRequest {
    /// The payment Midtrans knows as `reference_no`, of order `partner_reference_no`.
    pub fn new(
        reference_no: impl Into<String>,
        partner_reference_no: impl Into<String>,
        merchant_id: impl Into<String>,
    ) -> Self {
        QrisQueryRequest {
            original_reference_no: Some(reference_no.into()),
            original_partner_reference_no: Some(partner_reference_no.into()),
            original_external_id: None,
            merchant_id: Some(merchant_id.into()),
            service_code: "47".to_owned(),
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
            self.original_partner_reference_no.as_ref(),
        )?;
        optional(
            "originalReferenceNo",
            self.original_reference_no.as_ref(),
            64,
        )?;
        optional(
            "originalPartnerReferenceNo",
            self.original_partner_reference_no.as_ref(),
            36,
        )?;
        required("serviceCode", &self.service_code, 2)
    }
}

/// The answer to a QRIS query.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct QrisQueryResponse {
    /// `2005100` on success.
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
    /// The generate's `X-EXTERNAL-ID`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_external_id: Option<String>,
    /// `47`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_code: Option<String>,
    /// Where the payment stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_transaction_status: Option<Status>,
    /// The status as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_status_desc: Option<String>,
    /// When it was paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_time: Option<String>,
    /// The amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// The terminal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminal_id: Option<String>,
    /// Extra information (`refundHistory`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Extra>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

impl QrisQueryResponse {
    /// What the merchant does with the payment; `Unknown` without a status.
    pub fn outcome(&self) -> crate::PaymentOutcome {
        self.latest_transaction_status
            .as_ref()
            .map_or(crate::PaymentOutcome::Unknown, Status::outcome)
    }

    /// The refunds, from `additionalInfo.refundHistory`.
    pub fn refund_history(&self) -> Vec<RefundHistory> {
        self.additional_info
            .as_ref()
            .and_then(|info| info.get("refundHistory"))
            .and_then(|history| serde_json::from_value(history.clone()).ok())
            .unwrap_or_default()
    }
}

/// `POST /v1.0/qr/qr-mpm-refund`: a full or partial refund of a paid QRIS payment.
/// `partnerRefundNo` must equal the call's `X-EXTERNAL-ID`.
///
/// ```
/// use midtrans_types::snap_bi::{Money, QrisRefundRequest};
/// use midtrans_types::Idr;
/// let request = QrisRefundRequest::new("M001234", "order-101", "refund-101-1")
///     .original_reference_no("A1202409300907114b5RZRNSRuID")
///     .refund_amount(Money::idr(Idr::new(100)))
///     .reason("refund reason");
/// request.validate()?;
/// # Ok::<(), midtrans_types::BuildError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct QrisRefundRequest {
    /// The merchant id (≤ 64).
    pub merchant_id: String,
    /// The merchant's order id of the payment.
    pub original_partner_reference_no: String,
    /// Midtrans's reference of the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_reference_no: Option<String>,
    /// The `X-EXTERNAL-ID` of the generate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_external_id: Option<String>,
    /// The merchant's refund number (≤ 64 of `A-Za-z0-9_-`); equals `X-EXTERNAL-ID`.
    /// Required; read as optional so that any refund Midtrans documents parses.
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

impl QrisRefundRequest {
    /// A refund numbered `partner_refund_no` of order `partner_reference_no`.
    pub fn new(
        merchant_id: impl Into<String>,
        partner_reference_no: impl Into<String>,
        partner_refund_no: impl Into<String>,
    ) -> Self {
        QrisRefundRequest {
            merchant_id: merchant_id.into(),
            original_partner_reference_no: partner_reference_no.into(),
            original_reference_no: None,
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
        required("merchantId", &self.merchant_id, 64)?;
        required(
            "originalPartnerReferenceNo",
            &self.original_partner_reference_no,
            64,
        )?;
        optional(
            "originalReferenceNo",
            self.original_reference_no.as_ref(),
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

setters!(QrisRefundRequest {
    original_reference_no: String,
    original_external_id: String,
    refund_amount: Money,
    reason: String,
});

/// The answer to a QRIS refund.
pub type QrisRefundResponse = super::DirectDebitRefundResponse;

/// `POST /v1.0/qr/qr-mpm-cancel`: cancels an unpaid QRIS payment.
///
/// ```
/// use midtrans_types::snap_bi::QrisCancelRequest;
/// let request = QrisCancelRequest::new("A120240930075936LUOBMHxvPOID", "M001234", "cancel reason");
/// request.validate()?;
/// # Ok::<(), midtrans_types::BuildError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct QrisCancelRequest {
    /// Midtrans's reference of the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_reference_no: Option<String>,
    /// The merchant's order id of the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_partner_reference_no: Option<String>,
    /// The `X-EXTERNAL-ID` of the generate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_external_id: Option<String>,
    /// The merchant id (≤ 64).
    pub merchant_id: String,
    /// Why (≤ 256).
    pub reason: String,
    /// Extra information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Extra>,
}

impl QrisCancelRequest {
    /// Cancels the payment Midtrans knows as `reference_no`.
    pub fn new(
        reference_no: impl Into<String>,
        merchant_id: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        QrisCancelRequest {
            original_reference_no: Some(reference_no.into()),
            original_partner_reference_no: None,
            original_external_id: None,
            merchant_id: merchant_id.into(),
            reason: reason.into(),
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
            self.original_partner_reference_no.as_ref(),
        )?;
        required("merchantId", &self.merchant_id, 64)?;
        required("reason", &self.reason, 256)
    }
}

setters!(QrisCancelRequest {
    original_partner_reference_no: String,
    original_external_id: String,
});

/// The answer to a QRIS cancel.
pub type QrisCancelResponse = super::DirectDebitCancelResponse;
