//! Tests of midtrans-types, in one binary: sample round trips, wire snapshots, enums, validation.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod enums;
mod samples;
mod snapshots;
mod validation;
