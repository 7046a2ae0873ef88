//! The blocking API (feature `blocking`): the same call as `.send().await`, without async.

use midtrans::transport::MockTransport;
use midtrans::types::charge::{BankTransfer, ChargeRequest};
use midtrans::types::TransactionDetails;
use midtrans::{Client, Environment, Error};

use crate::{mock_client, sample};

#[test]
fn a_blocking_call_answers_as_the_async_one() {
    let mock = MockTransport::new();
    let answer = sample("charge_bank_transfer_bca_response.json");
    mock.push_json(201, answer.as_str());
    let client = mock_client(&mock);
    let charge = ChargeRequest::builder(
        TransactionDetails::new("block-1", 44_000),
        BankTransfer::bca(),
    )
    .build()
    .unwrap();
    let charged = client.core().charge(&charge).send_blocking().unwrap();
    assert_eq!(charged.status_code.as_str(), "201");
    assert_eq!(mock.requests().len(), 1);
    // Errors come back the same way.
    mock.push_json(
        404,
        r#"{"status_code":"404","status_message":"Transaction doesn't exist."}"#,
    );
    let err = client
        .transactions()
        .status("missing")
        .send_blocking()
        .unwrap_err();
    assert!(err.as_api().unwrap().is_not_found(), "{err}");
}

#[test]
fn blocking_calls_reach_a_real_server_one_after_another() {
    // The server runs on a runtime of its own thread; the calls are made from this one.
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let body = sample("status_credit_card_capture_response.json");
            let mut addrs = Vec::new();
            for _ in 0..2 {
                addrs.push(crate::loopback::serve_json(&body).await);
            }
            addr_tx.send(addrs).unwrap();
            std::future::pending::<()>().await;
        });
    });
    let addrs = addr_rx.recv().unwrap();
    for addr in addrs {
        let base = format!("http://{addr}");
        let client = Client::builder()
            .environment(Environment::custom(&base, format!("{base}/snap/v1")).unwrap())
            .server_key(crate::SERVER_KEY)
            .build()
            .unwrap();
        let status = client
            .transactions()
            .status("order-1")
            .send_blocking()
            .unwrap();
        assert!(status.transaction_status.is_some());
    }
}

#[tokio::test]
async fn inside_an_async_runtime_a_blocking_call_is_refused_not_a_panic() {
    let mock = MockTransport::new();
    let client = mock_client(&mock);
    let err = client
        .transactions()
        .status("order-1")
        .send_blocking()
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput(reason) if reason.contains("await")),
        "{err}"
    );
    assert!(mock.requests().is_empty(), "nothing was sent");
}
