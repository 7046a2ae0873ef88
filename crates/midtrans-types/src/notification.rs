//! HTTP notifications (webhooks) Midtrans POSTs to the merchant ([Midtrans docs](https://docs.midtrans.com/docs/https-notification-webhooks)).
//!
//! * Payment notifications have the transaction object's shape:
//!   [`PaymentNotification`] is [`Transaction`].
//! * Subscription notifications: [`SubscriptionNotification`].
//! * Pay account (GoPay linking) notifications: [`PayAccountNotification`].
//!
//! Verifying `signature_key` needs the server key and SHA-512, which stay out of this crate (the
//! server key never belongs in a browser): these types only give the exact string that is hashed,
//! before the server key is appended.

use core::fmt;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};

use crate::pay_account::PayAccountStatus;
use crate::subscription::Subscription;
use crate::{
    Metadata, PayAccountId, PaymentType, StatusCode, Transaction, TransactionId, TransactionStatus,
};

/// A payment notification: a transaction object with `signature_key`.
pub type PaymentNotification = Transaction;

/// A field the signature is computed over is absent.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct MissingSignatureField(pub &'static str);

impl fmt::Display for MissingSignatureField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "notification has no `{}`, which its signature covers",
            self.0
        )
    }
}

impl std::error::Error for MissingSignatureField {}

impl Transaction {
    /// The text Midtrans signs, before the server key is appended:
    /// `order_id + status_code + gross_amount`, each exactly as received.
    ///
    /// `signature_key` = lowercase hex SHA-512 of this string followed by the server key.
    ///
    /// ```
    /// use midtrans_types::PaymentNotification;
    /// let notification: PaymentNotification = serde_json::from_str(
    ///     r#"{"order_id":"1111","status_code":"200","gross_amount":"100000.00"}"#,
    /// )?;
    /// assert_eq!(notification.signature_input()?, "1111200100000.00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`MissingSignatureField`] when `order_id` or `gross_amount` is absent.
    pub fn signature_input(&self) -> Result<String, MissingSignatureField> {
        let order_id = self
            .order_id
            .as_ref()
            .ok_or(MissingSignatureField("order_id"))?;
        let gross_amount = self
            .gross_amount
            .as_ref()
            .ok_or(MissingSignatureField("gross_amount"))?;
        Ok(format!(
            "{}{}{}",
            order_id.as_str(),
            self.status_code.as_str(),
            gross_amount.as_str()
        ))
    }
}

impl Transaction {
    /// A key naming this notification's event, for deduplication: order id, transaction id,
    /// status, fraud status, status code, settlement time and refunded amount. Midtrans may
    /// deliver the same event more than once; store the keys handled and skip repeats.
    /// `None` without an order id.
    pub fn delivery_key(&self) -> Option<String> {
        let order_id = self.order_id.as_ref()?;
        Some(
            [
                order_id.as_str(),
                self.transaction_id.as_ref().map_or("", |id| id.as_str()),
                self.transaction_status.as_ref().map_or("", |s| s.as_str()),
                self.fraud_status.as_ref().map_or("", |s| s.as_str()),
                self.status_code.as_str(),
                self.settlement_time.as_ref().map_or("", |t| t.as_str()),
                self.refund_amount.as_ref().map_or("", |a| a.as_str()),
            ]
            .join("|"),
        )
    }
}

/// A notification sent to the Recurring Notification URL.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/http-notification): either the subscription
/// object itself (when created), or the result of a charge attempt (`event_name:
/// "subscription.charge"`). A regular payment notification is sent for each attempt too.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum SubscriptionNotification {
    /// A charge attempt finished.
    Charge(Box<SubscriptionChargeNotification>),
    /// The subscription was created (or changed): the bare subscription object.
    Subscription(Box<Subscription>),
}

impl<'de> Deserialize<'de> for SubscriptionNotification {
    /// Decides by the `event_name` field: present → [`Self::Charge`], absent → [`Self::Subscription`].
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        if value.get("event_name").is_some() {
            serde_json::from_value(value)
                .map(|c| SubscriptionNotification::Charge(Box::new(c)))
                .map_err(D::Error::custom)
        } else {
            serde_json::from_value(value)
                .map(|s| SubscriptionNotification::Subscription(Box::new(s)))
                .map_err(D::Error::custom)
        }
    }
}

string_enum! {
    /// `event_name` of a subscription notification.
    pub enum SubscriptionEvent {
        /// A charge attempt finished.
        Charge => "subscription.charge",
    }
}

/// A subscription charge attempt and the subscription it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SubscriptionChargeNotification {
    /// The attempt's outcome.
    pub transaction: SubscriptionCharge,
    /// The subscription after the attempt.
    pub subscription: Subscription,
    /// `subscription.charge`.
    pub event_name: SubscriptionEvent,
    /// Fields this crate does not model, kept as received.
    #[serde(flatten)]
    pub extra: Metadata,
}

impl SubscriptionCharge {
    /// Whether the attempt created a transaction: `status_code` `"500"` means it did not (the
    /// subscription retries per its `retry_schedule`).
    pub fn created_transaction(&self) -> bool {
        self.status_code.as_str() != "500"
    }

    /// What the merchant does with the attempt: the outcome of the transaction it created
    /// ([`TransactionStatus::outcome`]; the payment notification Midtrans sends too carries
    /// the fraud verdict), [`Failed`](crate::PaymentOutcome::Failed) when it created none, and
    /// [`Unknown`](crate::PaymentOutcome::Unknown) for a transaction without a status.
    ///
    /// ```
    /// use midtrans_types::{PaymentOutcome, SubscriptionNotification};
    /// let body = r#"{"event_name":"subscription.charge",
    ///     "transaction":{"status_code":"200","transaction_status":"settlement","transaction_id":"t-1"},
    ///     "subscription":{"id":"s-1","status":"active"}}"#;
    /// let SubscriptionNotification::Charge(charge) = serde_json::from_str(body)? else { panic!() };
    /// assert_eq!(charge.transaction.outcome(), PaymentOutcome::Paid);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn outcome(&self) -> crate::PaymentOutcome {
        if !self.created_transaction() {
            return crate::PaymentOutcome::Failed;
        }
        self.transaction_status
            .as_ref()
            .map_or(crate::PaymentOutcome::Unknown, |status| {
                status.outcome(None)
            })
    }
}

/// The `transaction` part of a subscription charge notification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SubscriptionCharge {
    /// `"500"` means no transaction was created; it is retried per `retry_schedule`.
    pub status_code: StatusCode,
    /// The transaction's status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_status: Option<TransactionStatus>,
    /// The transaction created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<TransactionId>,
    /// Message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
    /// Code from the bank or provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_response_code: Option<String>,
    /// Message from the bank or provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_response_message: Option<String>,
    /// Fields this crate does not model, kept as received.
    #[serde(flatten)]
    pub extra: Metadata,
}

/// A notification sent to the Pay Account Notification URL when a GoPay account is linked or
/// unlinked.
///
/// `account_status` is kept as the exact text received because the signature covers it; use
/// [`PayAccountNotification::status`] for the typed value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PayAccountNotification {
    /// The account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<PayAccountId>,
    /// Link state, exactly as received (`ENABLED`, `DISABLED`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_status: Option<String>,
    /// Body status code.
    pub status_code: StatusCode,
    /// SHA-512 over `account_id + account_status + status_code + server key`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature_key: Option<String>,
    /// `gopay`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_type: Option<PaymentType>,
    /// Message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
    /// Code from GoPay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_response_code: Option<String>,
    /// Message from GoPay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_response_message: Option<String>,
    /// Fields this crate does not model, kept as received.
    #[serde(flatten)]
    pub extra: Metadata,
}

impl PayAccountNotification {
    /// The typed account status.
    pub fn status(&self) -> Option<PayAccountStatus> {
        self.account_status.as_deref().map(PayAccountStatus::parse)
    }

    /// The text Midtrans signs, before the server key is appended:
    /// `account_id + account_status + status_code`, each exactly as received.
    ///
    /// # Errors
    /// [`MissingSignatureField`] when `account_id` or `account_status` is absent.
    pub fn signature_input(&self) -> Result<String, MissingSignatureField> {
        let account_id = self
            .account_id
            .as_ref()
            .ok_or(MissingSignatureField("account_id"))?;
        let status = self
            .account_status
            .as_deref()
            .ok_or(MissingSignatureField("account_status"))?;
        Ok(format!(
            "{}{}{}",
            account_id.as_str(),
            status,
            self.status_code.as_str()
        ))
    }
}
