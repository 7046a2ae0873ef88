//! What Midtrans posts to the merchant over SNAP-BI, and the merchant's reply: direct debit
//! (`<prefix>/v1.0/debit/notify`, service 56), QRIS (`<prefix>/v1.0/qr/qr-mpm-notify`, 52) and
//! virtual accounts (`<prefix>/v1.0/transfer-va/payment`, 25 — SNAP-shaped, or in the Core
//! API's format for merchants moving from it).
//!
//! Verify `X-SIGNATURE` before reading any of this (`midtrans-client`, feature `snap-bi`).
//! [Midtrans docs](https://docs.midtrans.com/reference/payment-notification-api)

use serde::{Deserialize, Serialize};

use super::va::VirtualAccountData;
use super::{Extra, Money, PaymentDetail, RefundHistory, ResponseCode, Status};

/// A direct debit or QRIS payment notification.
///
/// ```
/// use midtrans_types::snap_bi::PaymentNotification;
/// use midtrans_types::PaymentOutcome;
/// let notification: PaymentNotification = serde_json::from_str(
///     r#"{"originalReferenceNo":"A1","latestTransactionStatus":"00","amount":{"value":"102800.00","currency":"IDR"}}"#,
/// )?;
/// assert_eq!(notification.outcome(), PaymentOutcome::Paid);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PaymentNotification {
    /// Midtrans's reference of the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_reference_no: Option<String>,
    /// The merchant's order id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_partner_reference_no: Option<String>,
    /// The payment's `X-EXTERNAL-ID`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_external_id: Option<String>,
    /// The merchant id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_id: Option<String>,
    /// The amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// Where the payment stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_transaction_status: Option<Status>,
    /// The status as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_status_desc: Option<String>,
    /// When the payment was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<String>,
    /// When it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_time: Option<String>,
    /// Extra information (`userPaymentDetails`, `refundHistory`, `totalRefundAmount`, `qris`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Extra>,
    /// Fields this crate does not model (QRIS's `externalStoreID`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

impl PaymentNotification {
    /// What the merchant does with the payment; `Unknown` without a status.
    pub fn outcome(&self) -> crate::PaymentOutcome {
        self.latest_transaction_status
            .as_ref()
            .map_or(crate::PaymentOutcome::Unknown, Status::outcome)
    }

    /// The refunds, from `additionalInfo.refundHistory`.
    pub fn refund_history(&self) -> Vec<RefundHistory> {
        additional(self.additional_info.as_ref(), "refundHistory")
    }

    /// How the customer paid, from `additionalInfo.userPaymentDetails`.
    pub fn user_payment_details(&self) -> Vec<PaymentDetail> {
        additional(self.additional_info.as_ref(), "userPaymentDetails")
    }
}

/// A list inside `additionalInfo`, empty when absent or not of that shape.
fn additional<T: serde::de::DeserializeOwned>(info: Option<&Extra>, key: &str) -> Vec<T> {
    info.and_then(|info| info.get(key))
        .and_then(|list| serde_json::from_value(list.clone()).ok())
        .unwrap_or_default()
}

/// A virtual account payment notification, SNAP-shaped.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct VaPaymentNotification {
    /// Space-padded bank prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_service_id: Option<String>,
    /// Customer number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_no: Option<String>,
    /// The account paid into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virtual_account_no: Option<String>,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virtual_account_name: Option<String>,
    /// Its e-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virtual_account_email: Option<String>,
    /// Its phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virtual_account_phone: Option<String>,
    /// The merchant's id of the account (the create `trxId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trx_id: Option<String>,
    /// Midtrans's payment id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_request_id: Option<String>,
    /// The amount paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_amount: Option<Money>,
    /// Midtrans's reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_no: Option<String>,
    /// Midtrans's reference, as some notifications name it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_reference_no: Option<String>,
    /// When the payment was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trx_date_time: Option<String>,
    /// Where the payment stands (also in `additionalInfo.paymentFlagStatus`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_transaction_status: Option<Status>,
    /// The status as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_status_desc: Option<String>,
    /// Extra information (`bank`, `merchantId`, `paymentFlagStatus`, `paidTime`,
    /// `customField`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Extra>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

impl VaPaymentNotification {
    /// The payment's status: `latestTransactionStatus`, else `additionalInfo.paymentFlagStatus`.
    pub fn status(&self) -> Option<Status> {
        self.latest_transaction_status.clone().or_else(|| {
            self.additional_info
                .as_ref()?
                .get("paymentFlagStatus")?
                .as_str()
                .map(Status::parse)
        })
    }

    /// What the merchant does with the payment; `Unknown` without a status.
    pub fn outcome(&self) -> crate::PaymentOutcome {
        self.status()
            .map_or(crate::PaymentOutcome::Unknown, |status| status.outcome())
    }
}

/// A virtual account notification in either format Midtrans sends: SNAP-shaped, or the Core
/// API's (`transaction_status`, `order_id`, …) for merchants moving from it.
///
/// ```
/// use midtrans_types::snap_bi::VaNotification;
/// use midtrans_types::PaymentOutcome;
/// let snap: VaNotification = serde_json::from_str(r#"{"virtualAccountNo":"    1234564902","latestTransactionStatus":"00"}"#)?;
/// assert!(matches!(snap, VaNotification::Snap(_)));
/// let core: VaNotification = serde_json::from_str(r#"{"order_id":"order-1","transaction_status":"settlement","status_code":"200"}"#)?;
/// assert!(matches!(core, VaNotification::Core(_)));
/// assert_eq!(snap.outcome(), PaymentOutcome::Paid);
/// assert_eq!(core.outcome(), PaymentOutcome::Paid);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum VaNotification {
    /// SNAP-shaped.
    Snap(Box<VaPaymentNotification>),
    /// The Core API's format.
    Core(Box<crate::PaymentNotification>),
}

impl VaNotification {
    /// What the merchant does with the payment.
    pub fn outcome(&self) -> crate::PaymentOutcome {
        match self {
            VaNotification::Snap(snap) => snap.outcome(),
            VaNotification::Core(core) => core.outcome(),
        }
    }
}

impl<'de> Deserialize<'de> for VaNotification {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let object = Extra::deserialize(deserializer)?;
        // The Core API's notifications are snake_case and always carry these.
        let core = ["transaction_status", "order_id", "status_code"]
            .iter()
            .any(|key| object.contains_key(*key));
        let value = serde_json::Value::Object(object);
        if core {
            serde_json::from_value(value)
                .map(|core| VaNotification::Core(Box::new(core)))
                .map_err(D::Error::custom)
        } else {
            serde_json::from_value(value)
                .map(|snap| VaNotification::Snap(Box::new(snap)))
                .map_err(D::Error::custom)
        }
    }
}

/// The merchant's reply to a notification: `2005600` for direct debit, `2005200` for QRIS,
/// `2002500` (with the account) for virtual accounts.
///
/// ```
/// use midtrans_types::snap_bi::NotificationAck;
/// let reply = serde_json::to_string(&NotificationAck::direct_debit())?;
/// assert_eq!(reply, r#"{"responseCode":"2005600","responseMessage":"Request has been processed successfully"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct NotificationAck {
    /// The code.
    pub response_code: ResponseCode,
    /// The message.
    pub response_message: String,
    /// Virtual accounts: the account the notification named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virtual_account_data: Option<VirtualAccountData>,
}

impl NotificationAck {
    fn ok(code: &str) -> Self {
        NotificationAck {
            response_code: ResponseCode::new(code),
            response_message: "Request has been processed successfully".to_owned(),
            virtual_account_data: None,
        }
    }

    /// The reply to a direct debit notification (`2005600`).
    pub fn direct_debit() -> Self {
        Self::ok("2005600")
    }

    /// The reply to a QRIS notification (`2005200`).
    pub fn qris() -> Self {
        Self::ok("2005200")
    }

    /// The reply to a virtual account notification (`2002500`), echoing its account.
    pub fn va(notification: &VaPaymentNotification) -> Self {
        NotificationAck {
            virtual_account_data: Some(VirtualAccountData {
                partner_service_id: notification.partner_service_id.clone(),
                customer_no: notification.customer_no.clone(),
                virtual_account_no: notification.virtual_account_no.clone(),
                virtual_account_name: notification.virtual_account_name.clone(),
                trx_id: notification.trx_id.clone(),
                payment_request_id: notification.payment_request_id.clone(),
                ..VirtualAccountData::default()
            }),
            ..Self::ok("2002500")
        }
    }
}
