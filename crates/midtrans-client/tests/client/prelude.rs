//! A new user's shop, written against the prelude only: Snap with items and
//! `enabled_payments`, GoPay and QRIS charges, a notification handler that takes the verified
//! notification from the axum extractor and acts on its `outcome()`, a refund with its error
//! branches, a subscription — no type suffixes, no `Idr::new`, no `.as_ref().map(..)` on signed
//! fields. Only the harness (the mock transport, Midtrans's side of the notification) reaches
//! past the prelude.

use midtrans::prelude::*;
use midtrans::transport::MockTransport;

use crate::{mock_client, sample};

/// The shop's notification handler: the extractor verified the body with the client's keys
/// before this runs, so the signed fields are plain values.
#[cfg(feature = "axum")]
mod handler {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};

    use axum::extract::{FromRef, State};
    use axum::http::StatusCode;
    use midtrans::prelude::*;

    /// What the shop does with an order.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(crate) enum Next {
        Ship,
        Review,
        Wait,
        Cancel,
        Refunded,
    }

    #[derive(Clone)]
    pub(crate) struct Shop {
        pub(crate) client: Client,
        pub(crate) orders: Arc<Mutex<HashMap<String, (Next, String)>>>,
    }

    impl FromRef<Shop> for Client {
        fn from_ref(shop: &Shop) -> Client {
            shop.client.clone()
        }
    }

    pub(crate) async fn notified(
        State(shop): State<Shop>,
        notification: VerifiedNotification,
    ) -> StatusCode {
        let next = match notification.outcome() {
            PaymentOutcome::Paid => Next::Ship,
            PaymentOutcome::Review | PaymentOutcome::Authorized => Next::Review,
            PaymentOutcome::Pending => Next::Wait,
            PaymentOutcome::Refunded
            | PaymentOutcome::PartiallyRefunded
            | PaymentOutcome::ChargedBack
            | PaymentOutcome::PartiallyChargedBack => Next::Refunded,
            // Failed, and whatever a later version adds: hold the goods.
            _ => Next::Cancel,
        };
        let amount = notification.gross_amount().as_str().to_owned();
        let Ok(mut orders) = shop.orders.lock() else {
            return StatusCode::SERVICE_UNAVAILABLE;
        };
        orders.insert(notification.order_id().as_str().to_owned(), (next, amount));
        StatusCode::OK
    }
}

#[tokio::test]
async fn a_new_users_shop_needs_only_the_prelude() {
    let snap = SnapRequest::builder(TransactionDetails::new("shop-1", 45_000))
        .item_details([
            ItemDetails::new("T-shirt", 20_000, 2),
            ItemDetails::new("Shipping", 5_000, 1),
        ])
        .enabled_payments([EnabledPayment::Gopay, EnabledPayment::BcaVa])
        .customer_details(
            CustomerDetails::new()
                .first_name("Budi")
                .email("budi@example.com"),
        )
        .build()
        .unwrap();
    let gopay = ChargeRequest::builder(TransactionDetails::new("shop-2", 44_000), Gopay::new())
        .build()
        .unwrap();
    let qris = ChargeRequest::builder(TransactionDetails::new("shop-3", 44_000), Qris::new())
        .build()
        .unwrap();
    let refund = RefundRequest::builder()
        .refund_key("shop-2-r1")
        .amount(4_000)
        .build()
        .unwrap();
    let saved = SavedTokenId::new("48111111sHfSakAvHvFQFEjTivUV1114");
    let subscription = SubscriptionRequest::credit_card(
        "MONTHLY_2030",
        14_000,
        &saved,
        Schedule::new(1, IntervalUnit::Month).max_interval(12),
    )
    .build()
    .unwrap();

    let mock = MockTransport::new();
    let client: Client = mock_client(&mock);
    mock.push_json(
        201,
        sample("snap_create_transaction_response.json").as_str(),
    );
    let token = client.snap().create_transaction(&snap).await.unwrap();
    assert!(!token.token.as_str().is_empty());
    mock.push_json(200, sample("charge_gopay_response.json").as_str());
    let charged = client.core().charge(&gopay).await.unwrap();
    assert_eq!(charged.outcome(), PaymentOutcome::Pending);
    assert!(charged.action(&ActionName::GenerateQrCode).is_some());
    mock.push_json(200, sample("charge_qris_response.json").as_str());
    client.core().charge(&qris).await.unwrap();

    // A refund before settlement: the error says why, and which branch to take.
    mock.push_json(
        200,
        r#"{"status_code":"412","status_message":"Merchant cannot modify the status of the transaction"}"#,
    );
    match client.transactions().refund("shop-2", &refund).await {
        Err(Error::Api(api)) if api.is_status_conflict() => {}
        other => panic!("expected a 412: {other:?}"),
    }
    mock.push_json(200, sample("subscription_response.json").as_str());
    let created = client
        .core()
        .create_subscription(&subscription)
        .await
        .unwrap();
    assert_eq!(created.status, Some(SubscriptionStatus::Active));
    assert_eq!(mock.requests().len(), 5);

    #[cfg(feature = "axum")]
    notifications_reach_the_handler(client).await;
}

/// Midtrans's side: signed notifications posted to the shop's handler over loopback, one of
/// them forged.
#[cfg(feature = "axum")]
async fn notifications_reach_the_handler(client: Client) {
    use handler::{notified, Next, Shop};
    use midtrans::notification::signature;

    let shop = Shop {
        client,
        orders: Default::default(),
    };
    let app = axum::Router::new()
        .route("/midtrans/notification", axum::routing::post(notified))
        .with_state(shop.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://{}/midtrans/notification",
        listener.local_addr().unwrap()
    );
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let key = ServerKey::new(crate::SERVER_KEY).unwrap();
    let post = |order: &str, status: &str, fraud: &str, key: &ServerKey| {
        let signed = signature(&format!("{order}200150000.00"), key);
        let body = format!(
            r#"{{"order_id":"{order}","status_code":"200","gross_amount":"150000.00","transaction_status":"{status}","fraud_status":"{fraud}","transaction_id":"t-{order}","payment_type":"credit_card","signature_key":"{signed}"}}"#
        );
        let url = url.clone();
        async move {
            reqwest::Client::new()
                .post(url)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    let forger = ServerKey::new("SB-Mid-server-TEST-someone-else").unwrap();
    let sent = [
        ("shop-1", "settlement", "accept", &key, 200),
        ("shop-2", "capture", "challenge", &key, 200),
        ("shop-3", "pending", "accept", &key, 200),
        ("shop-4", "deny", "deny", &key, 200),
        ("shop-5", "refund", "accept", &key, 200),
        ("shop-6", "settlement", "accept", &forger, 401),
    ];
    for (order, status, fraud, key, expected) in sent {
        assert_eq!(post(order, status, fraud, key).await, expected, "{order}");
    }
    let orders = shop.orders.lock().unwrap().clone();
    let next = |order: &str| orders.get(order).map(|(next, _)| *next);
    assert_eq!(next("shop-1"), Some(Next::Ship));
    assert_eq!(next("shop-2"), Some(Next::Review));
    assert_eq!(next("shop-3"), Some(Next::Wait));
    assert_eq!(next("shop-4"), Some(Next::Cancel));
    assert_eq!(next("shop-5"), Some(Next::Refunded));
    // The forged one never reached the handler.
    assert_eq!(next("shop-6"), None);
    assert_eq!(orders.len(), 5);
    assert!(orders.values().all(|(_, amount)| amount == "150000.00"));
    server.abort();
}
