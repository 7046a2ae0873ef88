//! Notifications from the simulator verify with the client's verifier and go exactly where the
//! dashboard URL and the override/append headers say.

use midtrans::types::charge::{BankTransfer, ChargeRequest};
use midtrans::types::*;

use crate::{order_id, setup, Receiver};

fn charge(id: &str) -> ChargeRequest {
    ChargeRequest::builder(
        TransactionDetails::new(id, Idr::new(25_000)),
        BankTransfer::bri(),
    )
    .build()
    .unwrap()
}

#[tokio::test]
async fn notifications_verify_with_the_client() {
    let dashboard = Receiver::start(200).await;
    let (mock, client) = setup(Some(&dashboard.url)).await;
    let id = order_id("notify");
    client.core().charge(charge(&id)).send().await.unwrap();
    mock.pay(&id).unwrap();
    let received = dashboard.wait_for(2).await;
    assert_eq!(received.len(), 2);
    for body in dashboard.bodies.lock().unwrap().iter() {
        let notification = client.transactions().notification(body).unwrap();
        assert_eq!(notification.order_id().as_str(), id.as_str());
        let expected = match notification.transaction_status().as_str() {
            "pending" => midtrans::types::PaymentOutcome::Pending,
            _ => midtrans::types::PaymentOutcome::Paid,
        };
        assert_eq!(notification.outcome(), expected);
    }
    let statuses: Vec<&str> = received
        .iter()
        .map(|n| n["transaction_status"].as_str().unwrap())
        .collect();
    assert!(
        statuses.contains(&"pending") && statuses.contains(&"settlement"),
        "{statuses:?}"
    );
    // Another server key does not verify them.
    let other = crate::client_for(&mock, "SB-Mid-server-OTHER");
    assert!(other
        .transactions()
        .notification(&dashboard.bodies.lock().unwrap()[0])
        .is_err());
}

#[tokio::test]
async fn override_and_append_urls_receive_exactly_their_notifications() {
    let dashboard = Receiver::start(200).await;
    let overridden = Receiver::start(200).await;
    let appended = Receiver::start(200).await;
    let (mock, client) = setup(Some(&dashboard.url)).await;

    let a = order_id("override");
    client
        .core()
        .charge(charge(&a))
        .override_notification([overridden.url.as_str()])
        .send()
        .await
        .unwrap();
    let b = order_id("append");
    client
        .core()
        .charge(charge(&b))
        .append_notification([appended.url.as_str()])
        .send()
        .await
        .unwrap();
    mock.pay(&a).unwrap();
    mock.pay(&b).unwrap();

    let orders = |r: &Receiver| -> Vec<String> {
        let mut ids: Vec<String> = r
            .received()
            .iter()
            .map(|n| n["order_id"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    overridden.wait_for(2).await;
    appended.wait_for(2).await;
    dashboard.wait_for(2).await;
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    assert_eq!(
        orders(&overridden),
        [a.clone(), a.clone()],
        "override: only its order, twice"
    );
    assert_eq!(
        orders(&appended),
        [b.clone(), b.clone()],
        "append: only its order, twice"
    );
    assert_eq!(
        orders(&dashboard),
        [b.clone(), b],
        "dashboard: not the overridden order"
    );
}

#[tokio::test]
async fn failed_deliveries_are_retried() {
    let failing = Receiver::start(500).await;
    let (mock, client) = setup(Some(&failing.url)).await;
    let id = order_id("retry");
    client.core().charge(charge(&id)).send().await.unwrap();
    // HTTP 500 from the merchant: Midtrans retries once.
    let received = failing.wait_for(2).await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(failing.received().len(), 2, "{received:?}");
    drop(mock);
}
