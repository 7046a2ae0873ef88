//! The Rust client for the [Midtrans](https://midtrans.com) payment gateway.
//!
//! Everything the official Python client does — Snap, Snap redirect, Core API, subscriptions,
//! GoPay tokenization, transaction actions, notification handling, custom headers, notification
//! URL override/append, proxies — typed end to end, over a [`Transport`] you can swap, with
//! local notification-signature verification.
//!
//! Requests and answers are the types of [`midtrans_types`], re-exported as [`types`]; what
//! ordinary code names is in [`prelude`].
//!
//! # A whole payment
//!
//! ```no_run
//! use midtrans::prelude::*;
//!
//! # async fn run(raw_notification: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::builder()
//!     .environment(Environment::Sandbox)
//!     .server_key("SB-Mid-server-…")
//!     .build()?;
//!
//! // 1. Snap: a token for the payment page, with the items and the methods offered.
//! let snap = SnapRequest::builder(TransactionDetails::new("order-101", 45_000))
//!     .item_details([ItemDetails::new("T-shirt", 20_000, 2), ItemDetails::new("Shipping", 5_000, 1)])
//!     .enabled_payments([EnabledPayment::Gopay, EnabledPayment::BcaVa])
//!     .build()?;
//! let page = client.snap().create_transaction(&snap).await?;
//! println!("send the customer to {}", page.redirect_url);
//!
//! // 2. The notification Midtrans posts: verified from the raw body, then acted on.
//! let notification = client.transactions().notification(raw_notification)?;
//! if notification.outcome() == PaymentOutcome::Paid {
//!     println!("fulfil {}", notification.order_id());
//! }
//!
//! // 3. A partial refund, retried safely with its key; its errors say what to do.
//! let refund = RefundRequest::builder().refund_key("order-101-r1").amount(5_000).build()?;
//! match client.transactions().refund("order-101", &refund).await {
//!     Ok(done) => println!("refunded: {:?}", done.transaction_status),
//!     Err(Error::Api(api)) if api.is_status_conflict() => println!("not settled yet: cancel it"),
//!     Err(other) => return Err(other.into()),
//! }
//! # Ok(()) }
//! ```
//!
//! # How a call flows
//!
//! typed request → endpoint (method, host, path, key) → per-request options (idempotency key,
//! notification URLs, timeout, headers) → [`http::Request`] → [`Transport::send`] → one
//! classifier deciding success or error from the HTTP status *and* the body `status_code` →
//! typed answer, or an [`Error`] that keeps the raw body.
//!
//! # Errors
//!
//! A call is an error iff the transport failed, the HTTP status is not 2xx, or the body has a
//! `status_code` of 400 or more other than 407. Body 201 (pending), 202 (denied by the provider)
//! and 407 (expired by the expire call) are successful calls: look at the answer's
//! `transaction_status`.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod api;
#[cfg(feature = "axum")]
mod axum;
mod client;
mod config;
mod error;
mod idempotency;
#[cfg(feature = "iris")]
pub mod iris;
mod json;
pub mod notification;
pub mod prelude;
mod request;
pub mod retry;
#[cfg(feature = "snap-bi")]
pub mod snap_bi;
pub mod transport;

#[cfg(feature = "invoicing")]
pub use api::Invoices;
#[cfg(feature = "payment-link")]
pub use api::PaymentLinks;
#[cfg(feature = "snap-bi")]
pub use api::SnapBi;
pub use api::{CoreApi, GooglePay, QueryParams, RequestBody, Snap, Transactions};
#[cfg(feature = "axum")]
pub use axum::NotificationRejection;
pub(crate) use client::basic_auth;
pub use client::Client;
pub use config::{
    ClientBuilder, ClientKey, Config, ConfigError, Environment, ServerKey, DEFAULT_TIMEOUT,
    DEFAULT_USER_AGENT,
};
pub use error::{ApiError, DecodeError, Error, NotificationError, SignatureError};
pub use notification::VerifiedNotification;
pub use request::{Answered, Host, PendingRequest, MAX_EXTERNAL_ID_LEN, MAX_IDEMPOTENCY_KEY_LEN};
pub use retry::RetryPolicy;
pub use transport::{Transport, TransportError, TransportErrorKind};

/// The `http` crate, whose request and response types the [`Transport`] trait uses.
pub use http;
/// The request and answer types.
pub use midtrans_types as types;

/// The README's examples, compiled as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
