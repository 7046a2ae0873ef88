//! The workspace root of midtrans-rs: its examples (`cargo run --example quickstart`) and the
//! end-to-end tests of `midtrans-client` against `midtrans-mock`. The crates themselves live in
//! `crates/`.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
