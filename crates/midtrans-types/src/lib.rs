//! Typed models of the [Midtrans](https://midtrans.com) payment gateway API: Snap, Core API
//! charges for every payment type, transaction status and actions, refunds, card utilities,
//! subscriptions, GoPay tokenization, notifications and error bodies.
//!
//! Data only — no I/O, no async, no crypto, no clock — so the same types compile for servers and
//! for `wasm32-unknown-unknown` frontends. The HTTP client is the `midtrans-client` crate.
//!
//! # Conventions
//!
//! * **Requests** are built with `Type::builder(required…)` (or a named constructor), chained
//!   setters, and a `build()` that validates what Midtrans would reject: order id rules, zero
//!   amounts, item quantity 0, `gross_amount ≠ Σ price × quantity`, overflow, zero intervals. The
//!   [`BuildError`] names the field. A request deserialized from JSON is checked with `validate()`.
//! * **Responses** are plain data: public fields, `#[non_exhaustive]`, `Option` for anything
//!   Midtrans may omit, and an `extra` map keeping fields this crate does not know.
//! * **Codes** are enums with an `Unknown(String)` fallback, so new values from Midtrans always
//!   parse; serde, `FromStr`, `Display` and `as_str` agree.
//! * **Money**: [`Idr`] (whole rupiah, never negative, checked arithmetic) in requests; [`Amount`]
//!   (decimal, keeping the text received) in responses.
//! * **Time**: [`Timestamp`] keeps response times as received and parses them on demand;
//!   [`RequestTime`] is written as `yyyy-MM-dd HH:mm:ss Z`.
//!
//! # Round trips
//!
//! Deserializing a Midtrans payload and serializing it again gives the same JSON (every
//! sample payload is tested), with these normalizations:
//!
//! * a `null` field is left out (`None` is not written);
//! * a code matched case-insensitively or by an accepted alias is written in its documented
//!   spelling (`"PENDING"` → `"pending"`, Snap's `"minutes"` → `"minute"`); unknown codes are
//!   written exactly as received;
//! * a number received where Midtrans documents a string (`gross_amount`, `status_code`) is
//!   written as a string, and a numeric string where it documents a number (`installment_term`,
//!   `refund_chargeback_id`, point counts) as a number.
//!
//! ```
//! use midtrans_types::charge::{ChargeRequest, CreditCard};
//! use midtrans_types::{Idr, TransactionDetails};
//!
//! let charge = ChargeRequest::builder(
//!     TransactionDetails::new("test-transaction-54321", Idr::new(12_145)),
//!     CreditCard::new("CREDIT_CARD_TOKEN").authentication(true),
//! )
//! .build()?;
//! let json = serde_json::to_value(&charge)?;
//! assert_eq!(json["credit_card"]["authentication"], true);
//!
//! let answer: midtrans_types::ChargeResponse = serde_json::from_str(
//!     r#"{"status_code":"201","transaction_status":"pending","gross_amount":"12145.00"}"#,
//! )?;
//! assert_eq!(answer.transaction_status, Some(midtrans_types::TransactionStatus::Pending));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[macro_use]
mod macros;

pub mod balance;
mod bank;
pub mod capture;
pub mod card;
pub mod charge;
pub mod common;
pub mod error_body;
pub mod google_pay;
mod ids;
pub mod invoice;
pub mod iris;
mod money;
pub mod notification;
pub mod pay_account;
pub mod payment_link;
mod payment_type;
pub mod refund;
pub mod snap;
pub mod snap_bi;
mod status;
pub mod subscription;
mod time;
pub mod transaction;
mod validate;

pub use bank::Bank;
pub use capture::CaptureRequest;
pub use charge::{ChargeRequest, PaymentMethod};
pub use common::{
    Address, CustomExpiry, CustomerDetails, ExpiryUnit, ItemDetails, Metadata, TransactionDetails,
};
pub use error_body::{BinErrorBody, CoreErrorBody, SnapErrorBody, SubscriptionErrorBody};
pub use ids::{
    MerchantId, OrderId, PayAccountId, PaymentToken, RefundKey, SavedTokenId, SnapToken,
    SubscriptionId, TokenId, TransactionId,
};
pub use money::{Amount, Currency, Idr, ItemPrice};
pub use notification::{
    MissingSignatureField, PayAccountNotification, PaymentNotification, SubscriptionNotification,
};
pub use pay_account::{PayAccount, PayAccountLinkRequest};
pub use payment_type::{EnabledPayment, PaymentType};
pub use refund::RefundRequest;
pub use snap::{SnapCancelResponse, SnapRequest, SnapResponse};
pub use status::{FraudStatus, PaymentOutcome, RefundOutcome, StatusCode, TransactionStatus};
pub use subscription::{Subscription, SubscriptionRequest, SubscriptionUpdate};
pub use time::{RequestTime, TimeError, Timestamp, JAKARTA};
pub use transaction::{
    ActionResponse, ChargeResponse, RefundResponse, StatusB2bResponse, StatusResponse, Transaction,
};
pub use validate::{BuildError, BuildErrorKind};
