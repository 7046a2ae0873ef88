//! What ordinary code names, in one import: `use midtrans::prelude::*;`.
//!
//! The client and its errors; the requests of every product with their payment methods and
//! options; the answers, statuses and what a merchant does with them. Everything else stays in
//! [`crate::types`] under its product (`types::card`, `types::snap`, …).
//!
//! ```no_run
//! use midtrans::prelude::*;
//!
//! # async fn run(client: Client) -> Result<(), Box<dyn std::error::Error>> {
//! let request = ChargeRequest::builder(TransactionDetails::new("order-101", 44_000), Gopay::new())
//!     .build()?;
//! let answer = client.core().charge(&request).await?;
//! match answer.outcome() {
//!     PaymentOutcome::Pending => println!("show the QR code: {:?}", answer.action(&ActionName::GenerateQrCode)),
//!     other => println!("{other:?}"),
//! }
//! # Ok(()) }
//! ```
//!
//! Snap's card options are [`SnapCreditCard`] here (the Core charge's are [`CreditCard`]).

pub use crate::{
    ApiError, Client, ClientBuilder, Environment, Error, PendingRequest, RetryPolicy, ServerKey,
    VerifiedNotification,
};
pub use midtrans_types::card::{CardRegisterRequest, CardTokenRequest};
pub use midtrans_types::charge::{
    BankTransfer, BcaKlikbca, BcaKlikpay, CimbClicks, CreditCard, Cstore, Echannel, Gopay, Qris,
    Shopeepay, Store, UobEzpay,
};
pub use midtrans_types::pay_account::PayAccountStatus;
pub use midtrans_types::snap::{Callbacks, CreditCard as SnapCreditCard, Expiry, PageExpiry};
pub use midtrans_types::subscription::{
    IntervalUnit, RetrySchedule, Schedule, ScheduleUpdate, SubscriptionStatus,
};
pub use midtrans_types::transaction::ActionName;
pub use midtrans_types::{
    Bank, CaptureRequest, ChargeRequest, CustomerDetails, EnabledPayment, FraudStatus, Idr,
    ItemDetails, OrderId, PayAccountLinkRequest, PaymentNotification, PaymentOutcome, PaymentType,
    RefundRequest, SavedTokenId, SnapRequest, SubscriptionRequest, SubscriptionUpdate, Transaction,
    TransactionDetails, TransactionStatus,
};
