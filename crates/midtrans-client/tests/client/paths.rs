//! Ids in paths stay one path segment: an id that would name another path (`.`, `..`) or none
//! (empty) is refused before anything is sent.

use midtrans::transport::MockTransport;
use midtrans::types::SnapToken;
use midtrans::Error;

use crate::mock_client;

#[tokio::test]
async fn ids_that_are_not_one_path_segment_are_refused_before_sending() {
    let mock = MockTransport::new();
    let client = mock_client(&mock);
    for id in ["", ".", ".."] {
        let results = [
            client.transactions().status(id).send_value().await,
            client.transactions().status_b2b(id).send_value().await,
            client.transactions().approve(id).send_value().await,
            client.transactions().deny(id).send_value().await,
            client.transactions().cancel(id).send_value().await,
            client.transactions().expire(id).send_value().await,
            client
                .transactions()
                .refund(id, serde_json::json!({"amount": 1}))
                .send_value()
                .await,
            client
                .transactions()
                .refund_direct(id, serde_json::json!({"amount": 1}))
                .send_value()
                .await,
            client.core().card_point_inquiry(id).send_value().await,
            client.core().bin(id).send_value().await,
            client.core().get_subscription(id).send_value().await,
            client.core().disable_subscription(id).send_value().await,
            client.core().enable_subscription(id).send_value().await,
            client.core().cancel_subscription(id).send_value().await,
            client
                .core()
                .update_subscription(id, serde_json::json!({"name": "n"}))
                .send_value()
                .await,
            client.core().get_payment_account(id).send_value().await,
            client.core().unlink_payment_account(id).send_value().await,
            client.snap().cancel(&SnapToken::new(id)).send_value().await,
        ];
        for (index, result) in results.into_iter().enumerate() {
            match result {
                Err(Error::InvalidInput(reason)) => {
                    assert!(
                        reason.contains("one path segment"),
                        "{id:?} #{index}: {reason}"
                    )
                }
                other => panic!("{id:?} #{index}: {other:?}"),
            }
        }
    }
    assert!(mock.requests().is_empty(), "nothing was sent");

    // Dots inside an id are ordinary characters; so is a percent sign (it is encoded).
    mock.push_json(200, r#"{"status_code":"404","status_message":"not found"}"#);
    mock.push_json(200, r#"{"status_code":"404","status_message":"not found"}"#);
    let _ = client.transactions().status("order..1").send_value().await;
    let _ = client.transactions().status("%2e%2e").send_value().await;
    let paths: Vec<String> = mock
        .requests()
        .iter()
        .map(|r| r.uri().path().to_owned())
        .collect();
    assert_eq!(paths, ["/v2/order..1/status", "/v2/%252e%252e/status"]);
}
