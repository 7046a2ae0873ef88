//! A new user's shop, written against the prelude only: Snap with items and
//! `enabled_payments`, GoPay and QRIS charges, a notification's outcome, a refund with its error
//! branches, a subscription — no type suffixes, no `Idr::new`, no `.as_ref().map(..)` on signed
//! fields.

use midtrans::prelude::*;
use midtrans::transport::MockTransport;

use crate::{mock_client, sample};

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
}
