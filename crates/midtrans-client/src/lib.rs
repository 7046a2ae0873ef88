//! The Rust client for the [Midtrans](https://midtrans.com) payment gateway.
//!
//! Everything the official Python client does — Snap, Snap redirect, Core API, subscriptions,
//! GoPay tokenization, transaction actions, notification handling, custom headers, notification
//! URL override/append, proxies — typed end to end, over a [`Transport`] you can swap, with
//! local notification-signature verification.
//!
//! Requests and answers are the types of [`midtrans_types`], re-exported as [`types`].
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
mod json;
pub mod notification;
pub mod prelude;
mod request;
pub mod retry;
pub mod transport;

pub use api::{CoreApi, QueryParams, RequestBody, Snap, Transactions};
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
pub use request::{Answered, Host, PendingRequest, MAX_IDEMPOTENCY_KEY_LEN};
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
