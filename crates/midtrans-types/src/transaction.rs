//! The transaction object ([Midtrans docs](https://docs.midtrans.com/reference/get-transaction-status)) that charge, capture, approve, deny, cancel, expire,
//! refund, status and payment notifications all answer with, and its parts.

use serde::{Deserialize, Serialize};

use crate::card::{CardChannel, CardType};
use crate::charge::{QrisAcquirer, Store};
use crate::pay_account::PaymentOptionName;
use crate::{
    Amount, Bank, Currency, FraudStatus, MerchantId, Metadata, OrderId, PaymentType, RefundKey,
    SavedTokenId, StatusCode, Timestamp, TransactionId, TransactionStatus,
};

/// A Midtrans transaction as the Core API returns it.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/get-transaction-status). Which fields are
/// present depends on the payment type and the endpoint; everything but `status_code` is
/// optional, and fields this crate does not model are kept in `extra`.
///
/// A body `status_code` of 201 (pending), 202 (denied by the provider) or 407 (expired by the
/// expire call) is a successful call with that outcome, not an error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Transaction {
    /// Body status code: 200 success, 201 pending, 202 denied, 407 expired.
    pub status_code: StatusCode,
    /// Human-readable message; do not parse it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
    /// Trace id for Midtrans support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Midtrans's transaction id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<TransactionId>,
    /// The merchant's order id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<OrderId>,
    /// The merchant id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_id: Option<MerchantId>,
    /// Amount, as a two-decimal string (`"44000.00"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gross_amount: Option<Amount>,
    /// Currency, `IDR`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// Payment method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_type: Option<PaymentType>,
    /// When the transaction was created (Jakarta time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_time: Option<Timestamp>,
    /// Where the payment stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_status: Option<TransactionStatus>,
    /// Fraud detection verdict (absent for unscreened methods: treat as accept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fraud_status: Option<FraudStatus>,
    /// When the payment settled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settlement_time: Option<Timestamp>,
    /// When a pending payment expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_time: Option<Timestamp>,
    /// When a pending QRIS payment expires (QRIS spells it `expire_time`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_time: Option<Timestamp>,
    /// Virtual account numbers (BCA, BNI, BRI, CIMB).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub va_numbers: Option<Vec<VaNumber>>,
    /// Permata virtual account number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permata_va_number: Option<String>,
    /// Payments received on a virtual account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_amounts: Option<Vec<PaymentAmount>>,
    /// Mandiri Bill key (payment code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_key: Option<String>,
    /// Mandiri biller code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biller_code: Option<String>,
    /// Convenience store payment code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_code: Option<String>,
    /// Convenience store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store: Option<Store>,
    /// Next steps for e-wallets and QRIS (QR code URL, deeplink, status, cancel).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<Action>>,
    /// The QRIS payload to render as a QR code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr_string: Option<String>,
    /// QRIS/GoPay acquirer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acquirer: Option<QrisAcquirer>,
    /// QRIS issuer (the payer's wallet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// QRIS: whether payer and merchant use the same provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_type: Option<QrisTransactionType>,
    /// GoPay/QRIS cross reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_cross_reference_id: Option<String>,
    /// Provider reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_id: Option<String>,
    /// ShopeePay reference number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shopeepay_reference_number: Option<String>,
    /// GoPay payment option used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_option_type: Option<PaymentOptionName>,
    /// Where to send the customer (card 3-D Secure, redirect methods). Any host; treat as opaque.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_url: Option<String>,
    /// Masked card number, e.g. `48111111-1114`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub masked_card: Option<String>,
    /// Credit or debit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_type: Option<CardType>,
    /// Acquiring bank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank: Option<Bank>,
    /// Card or Indomaret approval code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_code: Option<String>,
    /// 3-D Secure electronic commerce indicator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eci: Option<String>,
    /// Code from the bank or provider (`"00"` approved).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_response_code: Option<String>,
    /// Message from the bank or provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_response_message: Option<String>,
    /// Card acquiring channel, e.g. `dragon`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<CardChannel>,
    /// 3-D Secure version, e.g. `"2"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub three_ds_version: Option<String>,
    /// Whether the 3-D Secure challenge was completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge_completion: Option<bool>,
    /// Same as `challenge_completion`, under its other documented name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub three_ds_challenge_completion: Option<bool>,
    /// Whether issuer and acquirer are the same bank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_us: Option<bool>,
    /// Installment term in months (sent as number or string; written back as a number).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::lenient_int"
    )]
    pub installment_term: Option<u32>,
    /// Saved card token, when `save_token_id` was requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved_token_id: Option<SavedTokenId>,
    /// When the saved card token expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved_token_id_expired_at: Option<Timestamp>,
    /// Rupiah paid with points.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::lenient_int"
    )]
    pub point_redeem_amount: Option<i64>,
    /// Points redeemed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::lenient_int"
    )]
    pub point_redeem_quantity: Option<i64>,
    /// Value of the remaining points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub point_balance_amount: Option<Amount>,
    /// SHA-512 signature over `order_id + status_code + gross_amount + server key`
    /// (status answers and notifications); see [`Transaction::signature_input`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature_key: Option<String>,
    /// Echo of `custom_field1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_field1: Option<String>,
    /// Echo of `custom_field2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_field2: Option<String>,
    /// Echo of `custom_field3`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_field3: Option<String>,
    /// Echo of `metadata`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Total refunded so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_amount: Option<Amount>,
    /// Refunds made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refunds: Option<Vec<Refund>>,
    /// Id of the refund just made (refund answers).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::lenient_int"
    )]
    pub refund_chargeback_id: Option<u64>,
    /// UUID of the refund just made (refund answers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_chargeback_uuid: Option<String>,
    /// Key of the refund just made (refund answers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_key: Option<RefundKey>,
    /// OVO payer phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer_phone_number: Option<String>,
    /// OVO merchant invoice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_invoice: Option<String>,
    /// Validation errors (only on error bodies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation_messages: Option<Vec<String>>,
    /// Fields this crate does not model, kept as received.
    #[serde(flatten)]
    pub extra: Metadata,
}

/// What a charge answers with.
pub type ChargeResponse = Transaction;
/// What `GET /v2/{id}/status` answers with.
pub type StatusResponse = Transaction;
/// What capture, approve, deny, cancel and expire answer with.
pub type ActionResponse = Transaction;
/// What refund and direct refund answer with.
pub type RefundResponse = Transaction;

impl Transaction {
    /// Whether the customer has paid: status `capture` or `settlement`, and fraud status
    /// `accept` or absent (Midtrans's documented success condition).
    pub fn is_paid(&self) -> bool {
        self.transaction_status
            .as_ref()
            .is_some_and(TransactionStatus::is_paid)
            && self
                .fraud_status
                .as_ref()
                .is_none_or(|fraud| *fraud == FraudStatus::Accept)
    }

    /// What a merchant does with this payment: [`TransactionStatus::outcome`] of its status
    /// and fraud status; [`PaymentOutcome::Unknown`](crate::PaymentOutcome::Unknown) without a
    /// status. On a notification, check [`Transaction::is_regression_from`] first (a card's
    /// `deny` after settlement is a declined refund, not a failed payment); on a refund call's
    /// answer, read [`Transaction::refund_outcome`] instead.
    ///
    /// ```
    /// let answer: midtrans_types::Transaction = serde_json::from_str(
    ///     r#"{"status_code":"200","transaction_status":"capture","fraud_status":"challenge"}"#,
    /// ).unwrap();
    /// assert_eq!(answer.outcome(), midtrans_types::PaymentOutcome::Review);
    /// ```
    pub fn outcome(&self) -> crate::PaymentOutcome {
        self.transaction_status
            .as_ref()
            .map_or(crate::PaymentOutcome::Unknown, |status| {
                status.outcome(self.fraud_status.as_ref())
            })
    }

    /// Whether this notification (or status), arriving after one with `previous`, moves the
    /// payment backwards and is to be ignored: [`TransactionStatus::is_regression_from`], and
    /// also a card payment's `deny` after `settlement` (or a refund). A card payment is never
    /// reversed after settlement; since 2026-03-16 its refunds are authorised by the issuer and
    /// may be declined, and the payment then stays as it was
    /// ([Midtrans docs](https://docs.midtrans.com/reference/refund-transactions-card)). A
    /// `deny` after `settlement` of any other payment is Midtrans's reversal (Permata VA,
    /// Mandiri Bill, Indomaret: the money is gone, [docs](https://docs.midtrans.com/docs/transaction-status-cycle)),
    /// not a regression. A card `deny` after `capture` (a challenge denied) is not one either.
    ///
    /// ```
    /// use midtrans_types::{PaymentNotification, TransactionStatus};
    /// let card: PaymentNotification = serde_json::from_str(
    ///     r#"{"status_code":"202","payment_type":"credit_card","transaction_status":"deny"}"#,
    /// )?;
    /// assert!(card.is_regression_from(&TransactionStatus::Settlement));
    /// let permata: PaymentNotification = serde_json::from_str(
    ///     r#"{"status_code":"202","payment_type":"bank_transfer","transaction_status":"deny"}"#,
    /// )?;
    /// assert!(!permata.is_regression_from(&TransactionStatus::Settlement));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn is_regression_from(&self, previous: &crate::TransactionStatus) -> bool {
        use crate::TransactionStatus as S;
        let Some(status) = &self.transaction_status else {
            return false;
        };
        let declined_card_refund = *status == S::Deny
            && self.payment_type == Some(crate::PaymentType::CreditCard)
            && matches!(previous, S::Settlement | S::PartialRefund | S::Refund);
        declined_card_refund || status.is_regression_from(previous)
    }

    /// Whether this is a payment into the merchant's static QRIS (the printed QR code the
    /// customer types the amount into): `payment_type` `qris` and an order id Midtrans made,
    /// beginning `QRIS-` ([Midtrans docs](https://docs.midtrans.com/docs/introduction-to-static-qris)).
    /// No order of the merchant's matches it; static QRIS cannot be created through any API,
    /// and its payments are refunded by `transaction_id` only.
    ///
    /// ```
    /// let paid: midtrans_types::Transaction = serde_json::from_str(
    ///     r#"{"status_code":"200","payment_type":"qris","order_id":"QRIS-20261201-8H2K","transaction_status":"settlement"}"#,
    /// )?;
    /// assert!(paid.is_static_qris());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn is_static_qris(&self) -> bool {
        self.payment_type == Some(crate::PaymentType::Qris)
            && self
                .order_id
                .as_ref()
                .is_some_and(|id| id.as_str().starts_with("QRIS-"))
    }

    /// What a refund (or direct refund) call's answer says of the refund. Since 2026-03-16
    /// the card schemes authorise every card refund as they do a payment, and may decline it
    /// ([Midtrans docs](https://docs.midtrans.com/reference/deployment)): the answer is then
    /// Midtrans's denial, body `status_code` `202` as for a denied payment, and the payment
    /// stays settled ([`Transaction::outcome`] still says paid).
    ///
    /// ```
    /// use midtrans_types::{RefundOutcome, Transaction};
    /// let denied: Transaction = serde_json::from_str(
    ///     r#"{"status_code":"202","status_message":"Refund is denied by the card issuer","transaction_status":"settlement"}"#,
    /// )?;
    /// assert_eq!(denied.refund_outcome(), RefundOutcome::Denied);
    /// let done: Transaction = serde_json::from_str(
    ///     r#"{"status_code":"200","transaction_status":"partial_refund","refund_amount":"5000.00"}"#,
    /// )?;
    /// assert_eq!(done.refund_outcome(), RefundOutcome::PartiallyRefunded);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn refund_outcome(&self) -> crate::RefundOutcome {
        use crate::{RefundOutcome, TransactionStatus as S};
        match (self.status_code.as_u16(), &self.transaction_status) {
            (Some(202), _) | (_, Some(S::Deny)) => RefundOutcome::Denied,
            (Some(201), _) => RefundOutcome::Pending,
            (Some(200), Some(S::Refund)) => RefundOutcome::Refunded,
            (Some(200), Some(S::PartialRefund)) => RefundOutcome::PartiallyRefunded,
            _ => RefundOutcome::Unknown,
        }
    }

    /// With Midtrans's Automatic Fee Imposition, `gross_amount` includes the fee and the amount
    /// before the fee is `metadata.extra_info.gross_amount_info.original_amount`.
    pub fn original_amount(&self) -> Option<Amount> {
        let value = self
            .metadata
            .as_ref()?
            .get("extra_info")?
            .get("gross_amount_info")?
            .get("original_amount")?;
        match value {
            serde_json::Value::String(text) => Amount::parse(text).ok(),
            serde_json::Value::Number(number) => Amount::parse(&number.to_string()).ok(),
            _ => None,
        }
    }

    /// The fee Midtrans added (`gross_amount − original_amount`), when fees are imposed.
    pub fn imposed_fee(&self) -> Option<rust_decimal::Decimal> {
        Some(self.gross_amount.as_ref()?.value() - self.original_amount()?.value())
    }

    /// The first action with this name (e.g. [`ActionName::GenerateQrCode`]).
    pub fn action(&self, name: &ActionName) -> Option<&Action> {
        self.actions
            .as_deref()?
            .iter()
            .find(|action| &action.name == name)
    }
}

/// One `va_numbers` entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VaNumber {
    /// The bank.
    pub bank: Bank,
    /// The number to pay to.
    pub va_number: String,
}

/// One `payment_amounts` entry: a payment received on a virtual account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PaymentAmount {
    /// When it was paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_at: Option<Timestamp>,
    /// How much.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
}

string_enum! {
    /// `transaction_type` of a QRIS payment.
    pub enum QrisTransactionType {
        /// Payer and merchant use the same provider.
        OnUs => "on-us",
        /// Payer and merchant use different providers.
        OffUs => "off-us",
    }
}

string_enum! {
    /// `actions[].name`: what an action URL is for.
    pub enum ActionName {
        /// URL of the QR code image.
        GenerateQrCode => "generate-qr-code",
        /// App deeplink to pay.
        DeeplinkRedirect => "deeplink-redirect",
        /// Status URL.
        GetStatus => "get-status",
        /// Cancel URL.
        Cancel => "cancel",
        /// GoPay account linking deeplink.
        ActivationDeeplink => "activation-deeplink",
        /// GoPay account linking web page.
        ActivationLinkUrl => "activation-link-url",
        /// GoPay account linking in the app.
        ActivationLinkApp => "activation-link-app",
    }
}

string_enum! {
    /// The HTTP method of an action.
    pub enum HttpMethod {
        /// GET.
        Get => "GET",
        /// POST.
        Post => "POST",
        /// PUT.
        Put => "PUT",
        /// PATCH.
        Patch => "PATCH",
        /// DELETE.
        Delete => "DELETE",
    }
}

/// One `actions` entry: a URL to open or call for the next step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Action {
    /// What it is for.
    pub name: ActionName,
    /// How to call it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<HttpMethod>,
    /// The URL (any host; treat as opaque).
    pub url: String,
    /// Form fields to send, when any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<String>>,
}

string_enum! {
    /// How a refund is paid back.
    pub enum RefundMethod {
        /// Through the payment channel.
        Online => "online",
        /// Outside Midtrans.
        Offline => "offline",
    }
}

/// One `refunds` entry of a transaction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Refund {
    /// Refund id.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::money::lenient_int"
    )]
    pub refund_chargeback_id: Option<u64>,
    /// Refund UUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_chargeback_uuid: Option<String>,
    /// Amount refunded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_amount: Option<Amount>,
    /// When it was requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
    /// Reason given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The merchant's refund key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_key: Option<RefundKey>,
    /// Online or offline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_method: Option<RefundMethod>,
    /// When the bank confirmed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_confirmed_at: Option<Timestamp>,
    /// Fields this crate does not model, kept as received.
    #[serde(flatten)]
    pub extra: Metadata,
}

/// What `GET /v2/{id}/status/b2b` answers with: every payment to a B2B virtual account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StatusB2bResponse {
    /// Body status code.
    pub status_code: StatusCode,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
    /// Trace id for Midtrans support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The transactions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transactions: Option<Vec<Transaction>>,
    /// Fields this crate does not model, kept as received.
    #[serde(flatten)]
    pub extra: Metadata,
}
