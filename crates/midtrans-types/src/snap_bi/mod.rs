//! SNAP-BI: Bank Indonesia's national open-API standard as Midtrans serves it — direct debit
//! (GoPay, ShopeePay, DANA), virtual accounts, QRIS MPM, account binding and transaction
//! history. Field names are camelCase as Midtrans writes them; money is `{value, currency}`
//! with two decimals ([`Money`]); every answer carries a [`ResponseCode`] (HTTP status +
//! service code + case code).
//!
//! Data only, like the rest of this crate: the signatures (SHA256withRSA for the access
//! token, HMAC-SHA512 for every other call, SHA256withRSA by Midtrans on notifications) are
//! computed by `midtrans-client` (feature `snap-bi`).
//!
//! [Midtrans docs](https://docs.midtrans.com/reference/bi-snap-security-architecture)
//!
//! ```
//! use midtrans_types::snap_bi::{Money, QrisGenerateRequest};
//! use midtrans_types::Idr;
//!
//! let request = QrisGenerateRequest::new("order-101", Money::idr(Idr::new(44_000)))
//!     .merchant_id("M001234")
//!     .acquirer("gopay");
//! request.validate()?;
//! let json = serde_json::to_value(&request)?;
//! assert_eq!(json["amount"]["value"], "44000.00");
//! assert_eq!(json["partnerReferenceNo"], "order-101");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;

use serde::{Deserialize, Serialize};

use crate::validate::{self, BuildError, BuildErrorKind};
use crate::{Amount, Currency, Idr};

pub mod account;
pub mod direct_debit;
pub mod history;
pub mod notification;
pub mod qris;
pub mod token;
pub mod va;

pub use account::{
    AccountBindingRequest, AccountBindingResponse, AccountInquiryRequest, AccountInquiryResponse,
    AccountUnbindingRequest, AccountUnbindingResponse,
};
pub use direct_debit::{
    DirectDebitCancelRequest, DirectDebitCancelResponse, DirectDebitPaymentRequest,
    DirectDebitPaymentResponse, DirectDebitRefundRequest, DirectDebitRefundResponse,
    DirectDebitStatusRequest, DirectDebitStatusResponse, PayOptionDetail, UrlParam,
};
pub use history::{HistoryEntry, TransactionHistoryRequest, TransactionHistoryResponse};
pub use notification::{
    NotificationAck, PaymentNotification, VaNotification, VaPaymentNotification,
};
pub use qris::{
    QrisCancelRequest, QrisCancelResponse, QrisGenerateRequest, QrisGenerateResponse,
    QrisQueryRequest, QrisQueryResponse, QrisRefundRequest, QrisRefundResponse,
};
pub use token::{AccessTokenRequest, AccessTokenResponse};
pub use va::{
    VaCreateRequest, VaCreateResponse, VaDeleteRequest, VaDeleteResponse, VaStatusRequest,
    VaStatusResponse, VirtualAccountData,
};

/// The fields of a SNAP-BI body this crate does not model, kept as received.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// An amount as SNAP-BI writes it: `{"value": "10000.00", "currency": "IDR"}`.
///
/// Requests carry whole rupiah with exactly two decimals ([`Money::idr`]); answers are read
/// leniently (a value without decimals, or a JSON number as the binding inquiry sends, is
/// kept as received).
///
/// ```
/// use midtrans_types::snap_bi::Money;
/// use midtrans_types::Idr;
/// let money = Money::idr(Idr::new(1_500));
/// assert_eq!(serde_json::to_string(&money)?, r#"{"value":"1500.00","currency":"IDR"}"#);
/// assert_eq!(money.to_idr(), Some(Idr::new(1_500)));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Money {
    /// The amount, as text with two decimals (`"1500.00"`).
    pub value: Amount,
    /// The currency (`IDR`).
    pub currency: Currency,
}

impl Money {
    /// Whole rupiah, written with two decimals.
    pub fn idr(amount: Idr) -> Self {
        Money {
            value: Amount::from(amount),
            currency: Currency::Idr,
        }
    }

    /// The amount as whole rupiah, if it is one.
    pub fn to_idr(&self) -> Option<Idr> {
        self.value.to_idr()
    }

    /// Checks what Midtrans requires of an amount it is sent: positive, with exactly two
    /// decimals, in rupiah.
    pub(crate) fn validate(&self, field: &str) -> Result<(), BuildError> {
        let text = self.value.as_str();
        let two_decimals = text.split_once('.').is_some_and(|(whole, cents)| {
            !whole.is_empty()
                && whole.chars().all(|c| c.is_ascii_digit())
                && cents.len() == 2
                && cents.chars().all(|c| c.is_ascii_digit())
        });
        if !two_decimals {
            return Err(BuildError::new(
                format!("{field}.value"),
                BuildErrorKind::Invalid {
                    expected: "a positive amount with two decimals, e.g. \"1500.00\"",
                },
            ));
        }
        if self.value.value().is_zero() {
            return Err(BuildError::new(
                format!("{field}.value"),
                BuildErrorKind::Zero,
            ));
        }
        if self.currency != Currency::Idr {
            return Err(BuildError::new(
                format!("{field}.currency"),
                BuildErrorKind::Invalid { expected: "IDR" },
            ));
        }
        Ok(())
    }
}

impl From<Idr> for Money {
    fn from(amount: Idr) -> Self {
        Money::idr(amount)
    }
}

/// `responseCode`: seven digits, the HTTP status (3), the SNAP service code (2) and the case
/// code (2) — `2005400` is a successful direct debit payment (service 54, case 00),
/// `4017300` an unauthorized access-token call.
///
/// Kept as received; the parts are read from it, `None` when it is not seven digits.
///
/// ```
/// use midtrans_types::snap_bi::ResponseCode;
/// let code = ResponseCode::new("4015401");
/// assert_eq!(code.http_status(), Some(401));
/// assert_eq!(code.service_code(), Some("54"));
/// assert_eq!(code.case_code(), Some("01"));
/// assert!(!code.is_success());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ResponseCode(String);

impl ResponseCode {
    /// Wraps a code as received.
    pub fn new(code: impl Into<String>) -> Self {
        ResponseCode(code.into())
    }

    /// The code as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The three digits (or fewer) of `range`, when the code is exactly seven ASCII digits.
    fn part(&self, range: core::ops::Range<usize>) -> Option<&str> {
        let code = self.0.as_str();
        (code.len() == 7 && code.bytes().all(|b| b.is_ascii_digit()))
            .then(|| code.get(range))
            .flatten()
    }

    /// The HTTP status the code starts with.
    pub fn http_status(&self) -> Option<u16> {
        self.part(0..3)?.parse().ok()
    }

    /// The SNAP service code (`"54"` direct debit payment, `"73"` access token, …).
    pub fn service_code(&self) -> Option<&str> {
        self.part(3..5)
    }

    /// The case code within the service and status (`"00"` on success).
    pub fn case_code(&self) -> Option<&str> {
        self.part(5..7)
    }

    /// Whether the code says the call succeeded (a 2xx status).
    pub fn is_success(&self) -> bool {
        self.http_status().is_some_and(|s| (200..300).contains(&s))
    }

    /// Whether the code says the access token was refused (HTTP 401, case 01: "Invalid Token
    /// (B2B)"): a new token may succeed.
    pub fn is_invalid_token(&self) -> bool {
        self.http_status() == Some(401) && self.case_code() == Some("01")
    }
}

impl fmt::Display for ResponseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

string_enum! {
    /// `latestTransactionStatus` (and a virtual account's `paymentFlagStatus`): where a SNAP-BI
    /// payment stands. [Midtrans docs](https://docs.midtrans.com/reference/get-transaction-status-api)
    pub enum Status {
        /// `00`: paid.
        Success => "00",
        /// `01`: initiated (the Core API's `authorize`).
        Initiated => "01",
        /// `02`: paying.
        Paying => "02",
        /// `03`: pending, waiting for the customer.
        Pending => "03",
        /// `04`: refunded, wholly or partly.
        Refunded => "04",
        /// `05`: cancelled.
        Canceled => "05",
        /// `06`: failed.
        Failed => "06",
        /// `07`: no such transaction.
        NotFound => "07",
        /// `08`: expired unpaid.
        Expired => "08",
        /// `09`: rejected (the Core API's `deny`).
        Rejected => "09",
    }
}

impl Status {
    /// What a merchant does with a payment in this status, as for Core API payments.
    ///
    /// ```
    /// use midtrans_types::snap_bi::Status;
    /// use midtrans_types::PaymentOutcome;
    /// assert_eq!(Status::Success.outcome(), PaymentOutcome::Paid);
    /// assert_eq!(Status::Expired.outcome(), PaymentOutcome::Failed);
    /// ```
    pub fn outcome(&self) -> crate::PaymentOutcome {
        use crate::PaymentOutcome as O;
        match self {
            Status::Success => O::Paid,
            Status::Initiated => O::Authorized,
            Status::Paying | Status::Pending => O::Pending,
            Status::Refunded => O::Refunded,
            Status::Canceled
            | Status::Failed
            | Status::NotFound
            | Status::Expired
            | Status::Rejected => O::Failed,
            Status::Unknown(_) => O::Unknown,
        }
    }
}

/// Customer details inside `additionalInfo` (camelCase, unlike the Core API's).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CustomerDetails {
    /// First name (≤ 255).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name (≤ 255).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// E-mail address (≤ 255).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number (≤ 15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Billing address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<Address>,
    /// Shipping address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_address: Option<Address>,
}

impl CustomerDetails {
    /// Empty details; fill them with the setters.
    pub fn new() -> Self {
        Self::default()
    }

    fn validate(&self, field: &str) -> Result<(), BuildError> {
        for (name, value, max) in [
            ("firstName", &self.first_name, 255),
            ("lastName", &self.last_name, 255),
            ("email", &self.email, 255),
            ("phone", &self.phone, 15),
        ] {
            if let Some(value) = value {
                validate::max_len_at(|| format!("{field}.{name}"), value, max)?;
            }
        }
        Ok(())
    }
}

setters!(CustomerDetails {
    first_name: String,
    last_name: String,
    email: String,
    phone: String,
    billing_address: Address,
    shipping_address: Address,
});

/// An address inside [`CustomerDetails`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Address {
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Street address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Country code (`IDN`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
}

impl Address {
    /// An empty address; fill it with the setters.
    pub fn new() -> Self {
        Self::default()
    }
}

setters!(Address {
    first_name: String,
    last_name: String,
    phone: String,
    address: String,
    city: String,
    postal_code: String,
    country_code: String,
});

/// An item line inside `additionalInfo.items`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Item {
    /// Item id (documented as ≤ 32; the official SDKs' examples send UUIDs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Unit price.
    pub price: Money,
    /// Quantity (a number on the wire; a numeric string is read too).
    #[serde(
        default,
        with = "crate::money::lenient_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub quantity: Option<u32>,
    /// Name (≤ 64).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Brand (≤ 64).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// Category (≤ 64).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Merchant name (≤ 64).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_name: Option<String>,
    /// Item URL (≤ 64).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Item {
    /// An item of `quantity` at `price` each, named `name`.
    pub fn new(name: impl Into<String>, price: impl Into<Idr>, quantity: u32) -> Self {
        Item {
            id: None,
            price: Money::idr(price.into()),
            quantity: Some(quantity),
            name: Some(name.into()),
            brand: None,
            category: None,
            merchant_name: None,
            url: None,
        }
    }

    fn validate(&self, field: &str) -> Result<(), BuildError> {
        self.price.validate(&format!("{field}.price"))?;
        if self.quantity.unwrap_or(0) == 0 {
            return Err(BuildError::new(
                format!("{field}.quantity"),
                BuildErrorKind::Zero,
            ));
        }
        // `id` is documented as 32 characters, but the official SDKs' examples send a
        // 36-character UUID there: it is not checked.
        for (name, value, max) in [
            ("name", &self.name, 64),
            ("brand", &self.brand, 64),
            ("category", &self.category, 64),
            ("merchantName", &self.merchant_name, 64),
            ("url", &self.url, 64),
        ] {
            if let Some(value) = value {
                validate::max_len_at(|| format!("{field}.{name}"), value, max)?;
            }
        }
        Ok(())
    }
}

setters!(Item {
    id: String,
    brand: String,
    category: String,
    merchant_name: String,
    url: String,
});

/// Checks a list of items at `field` (`additionalInfo.items`).
fn validate_items(field: &str, items: Option<&[Item]>) -> Result<(), BuildError> {
    for (index, item) in items.unwrap_or_default().iter().enumerate() {
        item.validate(&format!("{field}[{index}]"))?;
    }
    Ok(())
}

/// A refund in a status answer or notification (`refundHistory`). Midtrans's docs spell two
/// fields two ways (`partnerRefundNo`/`partnerReferenceNo`, `refundTime`/`refundDate`): both
/// are read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RefundHistory {
    /// Midtrans's refund number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_no: Option<String>,
    /// The merchant's refund number.
    #[serde(
        default,
        alias = "partnerReferenceNo",
        skip_serializing_if = "Option::is_none"
    )]
    pub partner_refund_no: Option<String>,
    /// `00` refunded, `06` failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_status: Option<Status>,
    /// The amount refunded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_amount: Option<Money>,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// When (ISO-8601).
    #[serde(default, alias = "refundDate", skip_serializing_if = "Option::is_none")]
    pub refund_time: Option<String>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// How the customer paid (`userPaymentDetails`, `payOptionDetails` in answers).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PaymentDetail {
    /// The method (`gopay`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_method: Option<String>,
    /// The option (`GOPAY_WALLET`, `PAY_LATER`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_option: Option<String>,
    /// The amount paid with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trans_amount: Option<Money>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The identifier fields SNAP-BI allows in references: `A-Za-z0-9` and `- _ ~ .`.
fn reference(field: &str, value: &str, max: usize) -> Result<(), BuildError> {
    validate::text(field, value, max, |c| {
        c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '~' | '.')
    })
}

/// Not empty and at most `max` characters.
fn required(field: &str, value: &str, max: usize) -> Result<(), BuildError> {
    validate::text(field, value, max, |_| true)
}

/// One of two identifiers must be given.
fn either(field: &str, first: Option<&String>, second: Option<&String>) -> Result<(), BuildError> {
    if first.is_none() && second.is_none() {
        return Err(BuildError::new(field, BuildErrorKind::Missing));
    }
    Ok(())
}

/// An optional field of at most `max` characters.
fn optional(field: &str, value: Option<&String>, max: usize) -> Result<(), BuildError> {
    match value {
        Some(value) => validate::max_len(field, value, max),
        None => Ok(()),
    }
}

/// A JSON text as SNAP-BI hashes it for signatures: without the whitespace outside its
/// strings, key order, numbers and string contents exactly as they were. Bytes that are not
/// JSON come back with only that whitespace removed (a signature over them still fails).
///
/// ```
/// let minified = midtrans_types::snap_bi::minify(b"{ \"a\" : \"b c\",\n \"n\": 1 }");
/// assert_eq!(minified, br#"{"a":"b c","n":1}"#);
/// ```
pub fn minify(json: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for &byte in json {
        if in_string {
            out.push(byte);
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
        } else if !matches!(byte, b' ' | b'\t' | b'\n' | b'\r') {
            in_string = byte == b'"';
            out.push(byte);
        }
    }
    out
}

/// Serde for a count SNAP-BI writes as a numeric string (`"expiresIn": "900"`): read from a
/// string or a number, written as a string.
pub(crate) mod text_int {
    use serde::{Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        value: &Option<u64>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.collect_str(value),
            None => serializer.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<u64>, D::Error> {
        crate::money::lenient_int::deserialize(deserializer)
    }
}
