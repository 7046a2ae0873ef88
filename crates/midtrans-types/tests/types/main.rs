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
mod google_pay;
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

/// Every key path of a JSON value (`a.b`, `a.list[].c`): what the wire tests compare to show
/// no field name is lost or added.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn paths(
    value: &serde_json::Value,
    prefix: &str,
    out: &mut std::collections::BTreeSet<String>,
) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                out.insert(path.clone());
                paths(inner, &path, out);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                paths(item, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}
