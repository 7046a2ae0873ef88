//! Tests of midtrans-client, in one binary.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[cfg(feature = "axum")]
mod axum_extractor;
#[cfg(feature = "blocking")]
mod blocking;
mod classify;
mod endpoints;
#[cfg(feature = "invoicing")]
mod invoicing;
#[cfg(feature = "iris")]
mod iris;
mod logs;
mod loopback;
mod notification;
mod outcomes;
mod paths;
mod plan;
mod prelude;
mod properties;
mod retries;
mod secrets;
#[cfg(feature = "snap-bi")]
mod snap_bi;

use midtrans::transport::MockTransport;
use midtrans::{Client, Environment};

/// The fake server key of the tests.
pub(crate) const SERVER_KEY: &str = "SB-Mid-server-TEST";
/// The fake client key of the tests.
pub(crate) const CLIENT_KEY: &str = "SB-Mid-client-TEST";

/// A client on the sandbox URLs whose requests go to `mock`, trying each call once (the
/// tests queue one answer per call; `retries` tests the retry loop).
pub(crate) fn mock_client(mock: &MockTransport) -> Client {
    Client::builder()
        .environment(Environment::Sandbox)
        .server_key(SERVER_KEY)
        .client_key(CLIENT_KEY)
        .retry_policy(midtrans::RetryPolicy::none())
        .transport(mock.clone())
        .build()
        .unwrap()
}

/// A sample payload from midtrans-types' fixtures (copies of `shared/reference/samples/`).
pub(crate) fn sample(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../midtrans-types/tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Standard base64 with padding, written out here so tests do not check the client's encoder
/// against itself.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Lowercase hex SHA-512, computed by `openssl` so that tests do not check the client's hash
/// against itself.
#[cfg(feature = "iris")]
pub(crate) fn sha512_hex(bytes: &[u8]) -> String {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let mut child = Command::new("openssl")
        .args(["dgst", "-sha512", "-hex"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("openssl must be installed (.ci/run installs it)");
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    text.rsplit("= ").next().unwrap().trim().to_owned()
}
