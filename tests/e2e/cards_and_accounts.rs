//! Card utilities, subscriptions and GoPay pay accounts against the simulator.

use midtrans::types::card::{CardRegisterRequest, CardTokenRequest};
use midtrans::types::charge::{ChargeRequest, CreditCard};
use midtrans::types::pay_account::{PayAccountLinkRequest, PayAccountStatus};
use midtrans::types::subscription::{IntervalUnit, Schedule, ScheduleUpdate, SubscriptionStatus};
use midtrans::types::*;

use crate::{order_id, setup};

#[tokio::test]
async fn card_token_register_points_and_bin() {
    let (_mock, client) = setup(None).await;
    let bad = client
        .core()
        .card_token(CardTokenRequest::card(
            "4811 1111 1111 1115",
            "12",
            "2099",
            "123",
        ))
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        bad.as_api().unwrap().messages(),
        ["card_number does not match with luhn algorithm"]
    );

    let registered = client
        .core()
        .card_register(CardRegisterRequest::new("4811111111111114", "12", "2099"))
        .send()
        .await
        .unwrap();
    let saved = registered.saved_token_id.unwrap();
    assert!(saved.as_str().starts_with("48111111") && saved.as_str().ends_with("1114"));
    let charge = ChargeRequest::builder(
        TransactionDetails::new(order_id("saved"), Idr::new(5_000)),
        CreditCard::saved(&saved),
    )
    .build()
    .unwrap();
    let answer = client.core().charge(&charge).send().await.unwrap();
    assert_eq!(answer.transaction_status, Some(TransactionStatus::Capture));
    let retoken = client
        .core()
        .card_token(CardTokenRequest::saved(saved.as_str(), "123"))
        .send()
        .await
        .unwrap();
    assert!(retoken.token_id.is_some());

    let points = client
        .core()
        .card_point_inquiry("48111111-1114-abc")
        .send()
        .await
        .unwrap();
    assert!(points.point_balance_amount.is_some());
    let bin = client.core().bin("45563300").send().await.unwrap();
    assert_eq!(bin.data.bank_code.as_deref(), Some("BCA"));
    let err = client.core().bin("99999999").send().await.unwrap_err();
    assert_eq!(err.as_api().unwrap().code(), 404);
}

#[tokio::test]
async fn subscriptions_lifecycle() {
    let (_mock, client) = setup(None).await;
    // A token Midtrans never issued is refused, as the sandbox refuses it.
    let unknown = subscription::SubscriptionRequest::credit_card(
        "MONTHLY_2030",
        Idr::new(14_000),
        &SavedTokenId::new("48111111sHfSakAvHvFQFEjTivUV1114"),
        Schedule::new(1, IntervalUnit::Month).max_interval(12u32),
    )
    .build()
    .unwrap();
    let err = client
        .core()
        .create_subscription(&unknown)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.as_api().unwrap().http_status(), 400, "{err}");
    let saved = client
        .core()
        .card_register(CardRegisterRequest::new("4811111111111114", "12", "2099"))
        .send()
        .await
        .unwrap()
        .saved_token_id
        .unwrap();
    let request = subscription::SubscriptionRequest::credit_card(
        "MONTHLY_2030",
        Idr::new(14_000),
        &saved,
        Schedule::new(1, IntervalUnit::Month).max_interval(12u32),
    )
    .build()
    .unwrap();
    let created = client
        .core()
        .create_subscription(&request)
        .send()
        .await
        .unwrap();
    assert_eq!(created.status, Some(SubscriptionStatus::Active));
    let id = created.id.unwrap();
    client
        .core()
        .disable_subscription(id.as_str())
        .send()
        .await
        .unwrap();
    let got = client
        .core()
        .get_subscription(id.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(got.status, Some(SubscriptionStatus::Inactive));
    client
        .core()
        .enable_subscription(id.as_str())
        .send()
        .await
        .unwrap();
    let update = subscription::SubscriptionUpdate::builder()
        .name("MONTHLY_2030_B")
        .schedule(ScheduleUpdate::new().interval(2u32))
        .build()
        .unwrap();
    let updated = client
        .core()
        .update_subscription(id.as_str(), &update)
        .send()
        .await
        .unwrap();
    assert_eq!(
        updated.status_message.as_deref(),
        Some("Subscription is updated.")
    );
    let got = client
        .core()
        .get_subscription(id.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(got.name.as_deref(), Some("MONTHLY_2030_B"));
    assert_eq!(got.schedule.unwrap().interval, Some(2));
    client
        .core()
        .cancel_subscription(id.as_str())
        .send()
        .await
        .unwrap();

    let missing = client
        .core()
        .get_subscription("no-such-subscription")
        .send()
        .await
        .unwrap_err();
    let api = missing.as_api().unwrap();
    assert_eq!(
        (api.http_status(), api.message()),
        (404, Some("Subscription doesn't exist."))
    );
    let invalid = client
        .core()
        .create_subscription(serde_json::json!({"name": "X", "amount": "0", "currency": "IDR", "payment_type": "credit_card", "token": "t", "schedule": {"interval": 1, "interval_unit": "month"}}))
        .send()
        .await
        .unwrap_err();
    assert_eq!(invalid.as_api().unwrap().http_status(), 400);
}

#[tokio::test]
async fn gopay_account_linking() {
    let (mock, client) = setup(None).await;
    let link = PayAccountLinkRequest::gopay("81234567891", "62")
        .redirect_url("https://example.com/linked")
        .build()
        .unwrap();
    let linked = client
        .core()
        .link_payment_account(&link)
        .send()
        .await
        .unwrap();
    assert_eq!(linked.status_code, StatusCode::PENDING);
    assert!(!linked.actions.unwrap().is_empty());
    let id = linked.account_id.unwrap();

    // Unbinding a pending account answers body 412.
    let err = client
        .core()
        .unlink_payment_account(id.as_str())
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.as_api().unwrap().code(), 412);

    mock.enable_pay_account(id.as_str()).unwrap();
    let account = client
        .core()
        .get_payment_account(id.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(account.account_status, Some(PayAccountStatus::Enabled));
    let token = account.metadata.unwrap().payment_options.unwrap()[0]
        .token
        .clone()
        .unwrap();

    // A tokenized GoPay charge and a GoPay subscription with that token.
    let charge = ChargeRequest::builder(
        TransactionDetails::new(order_id("gopay-token"), Idr::new(10_000)),
        midtrans::types::charge::Gopay::tokenized(id.as_str(), token.clone()),
    )
    .build()
    .unwrap();
    client.core().charge(&charge).send().await.unwrap();
    let subscription = subscription::SubscriptionRequest::gopay(
        "GOPAY_MONTHLY",
        Idr::new(10_000),
        token,
        id.as_str(),
        Schedule::new(1, IntervalUnit::Month),
    )
    .build()
    .unwrap();
    client
        .core()
        .create_subscription(&subscription)
        .send()
        .await
        .unwrap();

    let unlinked = client
        .core()
        .unlink_payment_account(id.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(unlinked.account_status, Some(PayAccountStatus::Disabled));

    let refused = PayAccountLinkRequest::gopay("123450001", "62")
        .build()
        .unwrap();
    let answer = client
        .core()
        .link_payment_account(&refused)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status_code, StatusCode::DENIED);
    assert_eq!(
        answer.channel_response_message.as_deref(),
        Some("User Not Found")
    );
    let err = client
        .core()
        .get_payment_account("no-such-account")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.as_api().unwrap().code(), 404);
}

/// A Google Pay token of the documented shape (the simulator reads only its presence).
fn google_pay_token() -> midtrans::types::google_pay::GooglePayToken {
    r#"{"protocolVersion":"ECv2","signature":"MEUCIQDcdSrx","signedMessage":"{\"encryptedMessage\":\"x\",\"ephemeralPublicKey\":\"y\",\"tag\":\"z\"}",
        "intermediateSigningKey":{"signedKey":"{\"keyValue\":\"MFkw\",\"keyExpiration\":\"1900000000000\"}","signatures":["MEYCIQCx"]}}"#
        .parse()
        .unwrap()
}

#[tokio::test]
async fn google_pay_charges_go_by_the_sandbox_amounts_and_the_jwt_takes_the_client_key() {
    use midtrans::types::google_pay::{GooglePayAuthRequest, GooglePayCharge};
    let (mock, client) = setup(None).await;

    let origin = GooglePayAuthRequest::new("examplestore.com").unwrap();
    let jwt = client.google_pay().auth_jwt(&origin).await.unwrap();
    assert_eq!(
        jwt.auth_jwt.split('.').count(),
        3,
        "a JWT: header.claims.signature"
    );
    assert!(jwt.auth_jwt.starts_with("eyJ"));
    // The JWT call takes the client key, not the server key.
    let without_client_key = midtrans::Client::builder()
        .environment(midtrans::Environment::custom(mock.core_url(), mock.snap_url()).unwrap())
        .server_key(crate::SERVER_KEY)
        .build()
        .unwrap();
    let missing = without_client_key
        .google_pay()
        .auth_jwt(&origin)
        .await
        .unwrap_err();
    assert!(
        matches!(
            missing,
            midtrans::Error::Config(midtrans::ConfigError::MissingClientKey)
        ),
        "{missing:?}"
    );
    let wrong_client_key = midtrans::Client::builder()
        .environment(midtrans::Environment::custom(mock.core_url(), mock.snap_url()).unwrap())
        .server_key(crate::SERVER_KEY)
        .client_key("SB-Mid-client-WRONG")
        .build()
        .unwrap();
    let refused = wrong_client_key
        .google_pay()
        .auth_jwt(&origin)
        .await
        .unwrap_err();
    assert!(refused.as_api().unwrap().is_unauthorized(), "{refused:?}");

    let charge = |amount: u64, three_ds: bool| {
        GooglePayCharge::builder(
            TransactionDetails::new(order_id("gpay"), Idr::new(amount)),
            google_pay_token(),
        )
        .authentication(three_ds)
        .build()
        .unwrap()
    };
    for amount in [10_002, 10_004] {
        let paid = client
            .google_pay()
            .charge(charge(amount, false))
            .await
            .unwrap();
        assert_eq!(
            paid.transaction_status,
            Some(TransactionStatus::Capture),
            "{amount}"
        );
        assert_eq!(paid.payment_type, Some(PaymentType::CreditCard));
        assert_eq!(paid.masked_card.as_deref(), Some("41111111-1111"));
        // Afterwards an ordinary card transaction of the Core API.
        let status = client
            .transactions()
            .status(paid.order_id.as_ref().unwrap().as_str())
            .await
            .unwrap();
        assert_eq!(status.transaction_status, Some(TransactionStatus::Capture));
    }
    for amount in [10_001, 10_003] {
        let denied = client
            .google_pay()
            .charge(charge(amount, false))
            .await
            .unwrap();
        assert_eq!(
            denied.transaction_status,
            Some(TransactionStatus::Deny),
            "{amount}"
        );
        assert_eq!(denied.channel_response_code.as_deref(), Some("05"));
    }
    let unknown = client
        .google_pay()
        .charge(charge(25_000, false))
        .await
        .unwrap();
    assert_eq!(unknown.transaction_status, Some(TransactionStatus::Deny));
    assert_eq!(unknown.channel_response_code.as_deref(), Some("14"));

    // 3-D Secure asked for: pending with the issuer's page, then the amount's outcome.
    let three_ds = client
        .google_pay()
        .charge(charge(10_004, true))
        .await
        .unwrap();
    assert_eq!(
        three_ds.transaction_status,
        Some(TransactionStatus::Pending)
    );
    assert!(three_ds.redirect_url.is_some());
    let order = three_ds.order_id.unwrap();
    mock.pay(order.as_str()).unwrap();
    let status = client.transactions().status(order.as_str()).await.unwrap();
    assert_eq!(status.transaction_status, Some(TransactionStatus::Capture));

    // The Core API's own `/v2/charge` wants a `token_id`: the token sent to the wrong host is
    // refused there, not paid.
    let json = serde_json::to_string(&charge(10_002, false)).unwrap();
    let wrong_host = client.core().charge(json.as_str()).await.unwrap_err();
    assert!(
        wrong_host.as_api().unwrap().is_token_invalid(),
        "{wrong_host:?}"
    );
}
