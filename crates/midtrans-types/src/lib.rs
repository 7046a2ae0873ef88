//! Typed models of the [Midtrans](https://midtrans.com) payment gateway API.
//!
//! Data only — no I/O, no async, no crypto, no clock — so the same types compile for servers and
//! for `wasm32-unknown-unknown` frontends.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[macro_use]
mod macros;

mod bank;
pub mod card;
pub mod charge;
pub mod common;
mod ids;
mod money;
mod payment_type;
mod status;
mod time;
mod validate;

pub use bank::Bank;
pub use common::{
    Address, CustomExpiry, CustomerDetails, ExpiryUnit, ItemDetails, Metadata, TransactionDetails,
};
pub use ids::{
    MerchantId, OrderId, PayAccountId, RefundKey, SavedTokenId, SnapToken, SubscriptionId, TokenId,
    TransactionId,
};
pub use money::{Amount, Currency, Idr, ItemPrice};
pub use payment_type::{EnabledPayment, PaymentType};
pub use status::{FraudStatus, StatusCode, TransactionStatus};
pub use time::{RequestTime, TimeError, Timestamp, JAKARTA};
pub use validate::{BuildError, BuildErrorKind};
