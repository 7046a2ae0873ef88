//! The axum extractor: a verified notification, or the handler never runs.

use axum::body::Body;
use axum::extract::{FromRef, FromRequest};
use axum::response::IntoResponse;
use midtrans::notification::signature;
use midtrans::types::PaymentOutcome;
use midtrans::{Client, Error, ServerKey, VerifiedNotification};

const KEY: &str = "SB-Mid-server-TEST-extractor";
const OLD_KEY: &str = "SB-Mid-server-TEST-extractor-old";

fn client() -> Client {
    Client::builder()
        .server_key(KEY)
        .previous_server_key(OLD_KEY)
        .build()
        .unwrap()
}

fn body(key: &str, status: &str) -> String {
    let key = ServerKey::new(key).unwrap();
    let signed = signature("order-7200150000.00", &key);
    format!(
        r#"{{"order_id":"order-7","status_code":"200","gross_amount":"150000.00","transaction_status":"{status}","fraud_status":"accept","transaction_id":"t-7","signature_key":"{signed}"}}"#
    )
}

fn request(body: impl Into<Body>) -> axum::extract::Request {
    axum::http::Request::builder()
        .method("POST")
        .uri("/midtrans/notification")
        .header("content-type", "application/json")
        .body(body.into())
        .unwrap()
}

/// A shop's own state, from which the extractor takes the client.
#[derive(Clone)]
struct Shop {
    client: Client,
}

impl FromRef<Shop> for Client {
    fn from_ref(shop: &Shop) -> Client {
        shop.client.clone()
    }
}

#[tokio::test]
async fn the_extractor_verifies_the_raw_body_with_the_clients_keys() {
    let client = client();
    let verified = VerifiedNotification::from_request(request(body(KEY, "capture")), &client)
        .await
        .unwrap();
    assert_eq!(verified.order_id().as_str(), "order-7");
    assert_eq!(verified.outcome(), PaymentOutcome::Paid);
    // The previous key during a rotation, and a state the client is taken from.
    let shop = Shop { client };
    let verified = VerifiedNotification::from_request(request(body(OLD_KEY, "settlement")), &shop)
        .await
        .unwrap();
    assert_eq!(verified.gross_amount().as_str(), "150000.00");
}

#[tokio::test]
async fn a_forged_or_malformed_body_is_answered_before_the_handler() {
    let client = client();
    let cases = [
        (body("SB-Mid-server-TEST-someone-else", "settlement"), 401),
        (body(KEY, "settlement").replace("150000.00", "1.00"), 401),
        ("not json".to_owned(), 400),
        (r#"{"order_id":"order-7"}"#.to_owned(), 401),
        // Past the notification limit, and past axum's own body limit (2 MB by default).
        (
            "x".repeat(midtrans::notification::MAX_NOTIFICATION_BYTES + 1),
            413,
        ),
        ("x".repeat(3 << 20), 413),
    ];
    for (sent, status) in cases {
        let refused = VerifiedNotification::from_request(request(sent.clone()), &client)
            .await
            .unwrap_err();
        assert_eq!(refused.status().as_u16(), status, "{refused}");
        let answer = refused.into_response();
        assert_eq!(answer.status().as_u16(), status);
        let text = axum::body::to_bytes(answer.into_body(), 1 << 16)
            .await
            .unwrap();
        let text = String::from_utf8(text.to_vec()).unwrap();
        assert!(text.starts_with("notification refused"), "{text}");
        assert!(
            !text.contains(KEY) && !text.contains(OLD_KEY),
            "no key in {text}"
        );
    }
    let refused = VerifiedNotification::from_request(
        request(body(KEY, "settlement").replace("150000.00", "1.00")),
        &client,
    )
    .await
    .unwrap_err();
    assert!(
        matches!(refused.error(), Some(Error::Signature(_))),
        "{refused:?}"
    );
}
