//! Any bytes, as any HTTP status, through the client's whole answer path (classifier, typed
//! decoding) and every typed model: never a panic, and a decoded model always serializes.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use midtrans::transport::MockTransport;
use midtrans::{Client, RetryPolicy};
use midtrans_types as types;

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime")
    })
}

fn model<T: serde::de::DeserializeOwned + serde::Serialize>(data: &[u8]) {
    if let Ok(value) = serde_json::from_slice::<T>(data) {
        serde_json::to_vec(&value).expect("a decoded model serializes");
    }
}

fuzz_target!(|input: &[u8]| {
    let (status, body) = match input.split_first() {
        Some((first, rest)) => (100 + u16::from(*first) * 2, rest),
        None => (200, input),
    };
    model::<types::Transaction>(body);
    model::<types::SnapResponse>(body);
    model::<types::SnapCancelResponse>(body);
    model::<types::PayAccount>(body);
    model::<types::Subscription>(body);
    model::<types::SubscriptionNotification>(body);
    model::<types::PayAccountNotification>(body);
    model::<types::StatusB2bResponse>(body);
    model::<types::CoreErrorBody>(body);
    model::<types::SnapErrorBody>(body);
    model::<types::BinErrorBody>(body);
    model::<types::card::BinResponse>(body);
    model::<types::card::CardTokenResponse>(body);
    model::<types::ChargeRequest>(body);
    model::<types::SnapRequest>(body);

    let mock = MockTransport::new();
    let mut response = http::Response::new(body.to_vec());
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::OK);
    mock.push_response(response);
    let client = Client::builder()
        .server_key("SB-Mid-server-FUZZ")
        .retry_policy(RetryPolicy::none())
        .transport(mock)
        .build()
        .expect("a client");
    let _ = runtime().block_on(client.transactions().status("order-1").send());
});
