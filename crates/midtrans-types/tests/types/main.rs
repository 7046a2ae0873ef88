//! Tests of midtrans-types, in one binary: sample round trips, wire snapshots, enums, validation;
//! on `wasm32-unknown-unknown`, the browser suite (`wasm`) instead.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[cfg(not(target_arch = "wasm32"))]
mod enums;
#[cfg(not(target_arch = "wasm32"))]
mod invoice;
#[cfg(not(target_arch = "wasm32"))]
mod iris;
#[cfg(not(target_arch = "wasm32"))]
mod payment_link;
#[cfg(not(target_arch = "wasm32"))]
mod preferences;
#[cfg(not(target_arch = "wasm32"))]
mod samples;
#[cfg(not(target_arch = "wasm32"))]
mod snap_bi;
#[cfg(not(target_arch = "wasm32"))]
mod snapshots;
#[cfg(not(target_arch = "wasm32"))]
mod validation;
#[cfg(target_arch = "wasm32")]
mod wasm;
