//! Every endpoint through the mock transport: the outgoing request is snapshotted (method, URL,
//! headers with Authorization redacted, body) and a sample answer decodes into the typed answer.

use std::collections::BTreeMap;

use insta::assert_json_snapshot;
use midtrans::transport::MockTransport;
use midtrans::types::card::{CardRegisterRequest, CardTokenRequest};
use midtrans::types::charge::{BankTransfer, ChargeRequest};
use midtrans::types::pay_account::PayAccountLinkRequest;
use midtrans::types::snap::{CreditCard, SnapRequest};
use midtrans::types::subscription::{
    IntervalUnit, Schedule, ScheduleUpdate, SubscriptionRequest, SubscriptionUpdate,
};
use midtrans::types::*;
use midtrans::{Client, PendingRequest};
use serde_json::{json, Value};

use crate::{mock_client, sample};

/// The request as seen on the wire, with the secret and the version masked.
fn wire(request: &http::Request<Vec<u8>>) -> Value {
    let headers: BTreeMap<String, String> = request
        .headers()
        .iter()
        .map(|(name, value)| {
            let value = value.to_str().unwrap();
            let shown = match name.as_str() {
                "authorization" => {
                    let expected = [crate::SERVER_KEY, crate::CLIENT_KEY].map(|key| {
                        format!("Basic {}", crate::base64(format!("{key}:").as_bytes()))
                    });
                    assert!(
                        expected.contains(&value.to_owned()),
                        "unexpected credentials"
                    );
                    if value == expected[0] {
                        "Basic [server key]"
                    } else {
                        "Basic [client key]"
                    }
                    .to_owned()
                }
                "user-agent" => value.replace(env!("CARGO_PKG_VERSION"), "[version]"),
                _ => value.to_owned(),
            };
            (name.as_str().to_owned(), shown)
        })
        .collect();
    let body = if request.body().is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(request.body()).unwrap()
    };
    json!({
        "method": request.method().as_str(),
        "url": request.uri().to_string(),
        "headers": headers,
        "body": body,
    })
}

/// Queues `answer`, sends the request `make` builds, snapshots it under `name`, returns the answer.
async fn exchange<T>(
    name: &str,
    status: u16,
    answer: &str,
    make: impl FnOnce(&Client) -> PendingRequest<T>,
) -> Result<T, midtrans::Error> {
    let mock = MockTransport::new();
    mock.push_json(status, answer);
    let client = mock_client(&mock);
    let result = make(&client).send().await;
    let requests = mock.requests();
    assert_eq!(requests.len(), 1, "{name}: one request");
    assert_json_snapshot!(name, wire(&requests[0]));
    result
}

fn snap_request() -> SnapRequest {
    SnapRequest::builder(TransactionDetails::new(
        "test-transaction-123",
        Idr::new(200_000),
    ))
    .credit_card(CreditCard::new().secure(true))
    .build()
    .unwrap()
}

#[tokio::test]
async fn snap() {
    let answer = sample("snap_create_transaction_response.json");
    let created = exchange("snap_create_transaction", 201, &answer, |c| {
        c.snap().create_transaction(snap_request())
    })
    .await
    .unwrap();
    assert_eq!(created.token, "d379aa71-99eb-4dd1-b9bb-eefe813746e9");

    let token = exchange("snap_create_transaction_token", 201, &answer, |c| {
        c.snap().create_transaction_token(snap_request())
    })
    .await
    .unwrap();
    assert_eq!(
        token,
        SnapToken::new("d379aa71-99eb-4dd1-b9bb-eefe813746e9")
    );

    let url = exchange("snap_create_transaction_redirect_url", 201, &answer, |c| {
        c.snap().create_transaction_redirect_url(snap_request())
    })
    .await
    .unwrap();
    assert!(url.starts_with("https://app.sandbox.midtrans.com/snap/v3/redirection/"));

    let cancelled = exchange(
        "snap_cancel",
        200,
        &sample("snap_cancel_session_response.json"),
        |c| {
            c.snap()
                .cancel(&SnapToken::new("d379aa71-99eb-4dd1-b9bb-eefe813746e9"))
        },
    )
    .await
    .unwrap();
    assert_eq!(
        cancelled.canceled_at.unwrap().as_str(),
        "2025-06-03T13:09:39.776Z"
    );
}

#[tokio::test]
async fn core_charge_and_capture() {
    let request = ChargeRequest::builder(
        TransactionDetails::new("order-101", Idr::new(44_000)),
        BankTransfer::bca(),
    )
    .build()
    .unwrap();
    let charged = exchange(
        "core_charge",
        200,
        &sample("charge_bank_transfer_bca_response.json"),
        |c| c.core().charge(&request),
    )
    .await
    .unwrap();
    assert_eq!(charged.va_numbers.unwrap()[0].va_number, "812785002530231");

    let capture =
        CaptureRequest::partial("be4f3e44-d6ee-4355-8c64-c1d1dc7f4590", Idr::new(145_000)).unwrap();
    let captured = exchange(
        "core_capture",
        200,
        &sample("charge_credit_card_capture_response.json"),
        |c| c.core().capture(&capture),
    )
    .await
    .unwrap();
    assert_eq!(
        captured.transaction_status,
        Some(TransactionStatus::Capture)
    );
}

#[tokio::test]
async fn core_card_utilities() {
    let token = CardTokenRequest::card("4811 1111 1111 1114", "12", "2030", "123");
    let answer = exchange(
        "core_card_token",
        200,
        &sample("card_token_response.json"),
        |c| c.core().card_token(&token),
    )
    .await
    .unwrap();
    assert_eq!(
        answer.token_id.unwrap(),
        "48111111-1114-80d5df78-be87-41e0-b4e2-1a0f4e2ea6ae"
    );

    // No register/point-inquiry sample exists; these answers follow the shapes of Midtrans's register-card and point-inquiry pages.
    let register = CardRegisterRequest::new("4811111111111114", "12", "2030");
    let registered = exchange(
        "core_card_register",
        200,
        r#"{"status_code":"200","status_message":"Credit card token is created as Token ID.","saved_token_id":"48111111sHfSakAvHvFQFEjTivUV1114","transaction_id":"6c7d6a1c-27ab-4cd9-9ff8-bb0b5d2ee0b2","masked_card":"48111111-1114"}"#,
        |c| c.core().card_register(&register),
    )
    .await
    .unwrap();
    assert_eq!(
        registered.saved_token_id.unwrap(),
        "48111111sHfSakAvHvFQFEjTivUV1114"
    );

    let points = exchange(
        "core_card_point_inquiry",
        200,
        r#"{"status_code":"200","status_message":"Success, Credit Card Point inquiry is successful","point_balance":1644,"transaction_time":"2024-04-10 12:00:00","point_balance_amount":"1644.00"}"#,
        |c| c.core().card_point_inquiry("48111111-1114-80d5df78"),
    )
    .await
    .unwrap();
    assert_eq!(points.point_balance, Some(1644));

    let bin = exchange("core_bin", 200, &sample("bin_response.json"), |c| {
        c.core().bin("45563300")
    })
    .await
    .unwrap();
    assert_eq!(bin.data.bank_code.as_deref(), Some("BCA"));
}

#[tokio::test]
async fn core_subscriptions() {
    let request = SubscriptionRequest::credit_card(
        "MONTHLY_2019",
        Idr::new(14_000),
        &SavedTokenId::new("48111111sHfSakAvHvFQFEjTivUV1114"),
        Schedule::new(1, IntervalUnit::Month).max_interval(12u32),
    )
    .build()
    .unwrap();
    let created = exchange(
        "core_create_subscription",
        200,
        &sample("subscription_response.json"),
        |c| c.core().create_subscription(&request),
    )
    .await
    .unwrap();
    let id = created.id.unwrap();
    assert_eq!(id, "d98a63b8-97e4-4059-825f-0f62340407e9");

    let got = exchange(
        "core_get_subscription",
        200,
        &sample("subscription_response.json"),
        |c| c.core().get_subscription(id.as_str()),
    )
    .await
    .unwrap();
    assert_eq!(got.status, Some(subscription::SubscriptionStatus::Active));

    let updated = sample("subscription_update_response.json");
    for action in ["disable", "enable", "cancel"] {
        let snapshot = format!("core_{action}_subscription");
        let answer = exchange(&snapshot, 200, &updated, |c| match action {
            "disable" => c.core().disable_subscription(id.as_str()),
            "enable" => c.core().enable_subscription(id.as_str()),
            _ => c.core().cancel_subscription(id.as_str()),
        })
        .await
        .unwrap();
        assert_eq!(
            answer.status_message.as_deref(),
            Some("Subscription is updated."),
            "{action}"
        );
    }

    let update = SubscriptionUpdate::builder()
        .name("SUBSCRIPTION-STARTER-1-UPDATE")
        .schedule(ScheduleUpdate::new().interval(1u32))
        .build()
        .unwrap();
    exchange("core_update_subscription", 200, &updated, |c| {
        c.core().update_subscription(id.as_str(), &update)
    })
    .await
    .unwrap();

    let missing = exchange(
        "core_get_subscription_missing",
        404,
        &sample("subscription_error_404_response.json"),
        |c| c.core().get_subscription("nope"),
    )
    .await
    .unwrap_err();
    assert!(missing.as_api().unwrap().is_not_found());
}

#[tokio::test]
async fn core_pay_account() {
    let link = PayAccountLinkRequest::gopay("81234567891", "62")
        .redirect_url("https://mywebstore.com/gopay-linking-finish")
        .build()
        .unwrap();
    let linked = exchange(
        "core_link_payment_account",
        200,
        &sample("pay_account_link_response.json"),
        |c| c.core().link_payment_account(&link),
    )
    .await
    .unwrap();
    assert_eq!(
        linked.account_status,
        Some(pay_account::PayAccountStatus::Pending)
    );

    let got = exchange(
        "core_get_payment_account",
        200,
        &sample("pay_account_get_enabled_response.json"),
        |c| {
            c.core()
                .get_payment_account("6975fc98-8d44-490d-b50a-28d2810d6856")
        },
    )
    .await
    .unwrap();
    let options = got.metadata.unwrap().payment_options.unwrap();
    assert_eq!(
        options[1].token.as_ref().map(|t| t.as_str()),
        Some("8035816f-462e-4fa1-a5ef-c30bf71e2ee6")
    );

    // The unbind sample is Midtrans's answer for a PENDING account: body 412 under HTTP 200.
    let err = exchange(
        "core_unlink_payment_account",
        200,
        &sample("pay_account_unbind_error_412_response.json"),
        |c| {
            c.core()
                .unlink_payment_account("6e902848-c4c3-4f40-abe6-109e8749df21")
        },
    )
    .await
    .unwrap_err();
    assert_eq!(err.as_api().unwrap().code(), 412);
}

#[tokio::test]
async fn transactions() {
    let status = exchange(
        "transactions_status",
        200,
        &sample("status_credit_card_capture_response.json"),
        |c| c.transactions().status("example-1424936368"),
    )
    .await
    .unwrap();
    assert!(status.is_paid());

    let b2b = exchange(
        "transactions_status_b2b",
        200,
        r#"{"status_code":"200","status_message":"Success, transaction is found","transactions":[{"status_code":"200","order_id":"b2b-1","transaction_status":"settlement","gross_amount":"10000.00"}]}"#,
        |c| c.core().transactions().status_b2b("b2b-1"),
    )
    .await
    .unwrap();
    assert_eq!(b2b.transactions.unwrap().len(), 1);

    let card = sample("charge_credit_card_capture_response.json");
    for action in ["approve", "deny"] {
        let answer = exchange(
            &format!("transactions_{action}"),
            200,
            &card,
            |c| match action {
                "approve" => c.snap().transactions().approve("test-transaction-54321"),
                _ => c.snap().transactions().deny("test-transaction-54321"),
            },
        )
        .await
        .unwrap();
        assert_eq!(answer.order_id.unwrap(), "test-transaction-54321");
    }

    let cancelled = exchange(
        "transactions_cancel",
        200,
        &sample("cancel_response.json"),
        |c| c.transactions().cancel("Order-111"),
    )
    .await
    .unwrap();
    assert_eq!(
        cancelled.transaction_status,
        Some(TransactionStatus::Cancel)
    );

    let expired = exchange(
        "transactions_expire",
        200,
        &sample("expire_response_407.json"),
        |c| c.transactions().expire("Order-111"),
    )
    .await
    .unwrap();
    assert_eq!(expired.status_code, StatusCode::EXPIRED);

    let refund = RefundRequest::builder()
        .refund_key("reference1")
        .amount(Idr::new(10_000))
        .reason("Item out of stock")
        .build()
        .unwrap();
    for (name, direct) in [
        ("transactions_refund", false),
        ("transactions_refund_direct", true),
    ] {
        let refunded = exchange(name, 200, &sample("refund_response.json"), |c| {
            if direct {
                c.transactions().refund_direct("Order-111", &refund)
            } else {
                c.transactions().refund("Order-111", &refund)
            }
        })
        .await
        .unwrap();
        assert_eq!(refunded.refund_chargeback_id, Some(1));
    }

    // Path segments are percent-encoded.
    exchange(
        "transactions_status_encoded",
        200,
        &sample("status_credit_card_capture_response.json"),
        |c| c.transactions().status("order/1 2?x"),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn untyped_bodies_and_raw_calls() {
    let body = json!({"payment_type": "dana", "transaction_details": {"order_id": "o-1", "gross_amount": 1000}});
    exchange(
        "untyped_value_charge",
        201,
        &sample("charge_gopay_response.json"),
        |c| c.core().charge(&body),
    )
    .await
    .unwrap();
    let text = r#"{"transaction_details":{"order_id":"o-2","gross_amount":1000}}"#;
    exchange(
        "untyped_string_snap",
        201,
        &sample("snap_create_transaction_response.json"),
        |c| c.snap().create_transaction(text),
    )
    .await
    .unwrap();
    let not_json = mock_client(&MockTransport::new())
        .snap()
        .create_transaction("{oops")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(not_json, midtrans::Error::InvalidInput(_)),
        "{not_json:?}"
    );

    let raw = exchange("raw_call", 200, r#"{"anything":true}"#, |c| {
        c.raw(
            http::Method::POST,
            midtrans::Host::Core,
            "/v2/some/new",
            Some(json!({"a": 1})),
        )
    })
    .await
    .unwrap();
    assert_eq!(raw["anything"], true);
}

#[tokio::test]
async fn per_request_options() {
    let answer = sample("snap_create_transaction_response.json");
    exchange("options_all", 201, &answer, |c| {
        c.snap()
            .create_transaction(snap_request())
            .idempotency_key("order-101-attempt")
            .override_notification(["https://example.com/a", "https://example.com/b"])
            .payment_locale("en-EN")
            .header("X-Custom", "yes")
    })
    .await
    .unwrap();

    // Options never leak into the next request of the same client.
    let mock = MockTransport::new();
    let client = mock_client(&mock);
    mock.push_json(201, answer.clone());
    mock.push_json(201, answer.clone());
    client
        .snap()
        .create_transaction(snap_request())
        .append_notification(["https://example.com/x"])
        .send()
        .await
        .unwrap();
    client
        .snap()
        .create_transaction(snap_request())
        .send()
        .await
        .unwrap();
    let requests = mock.requests();
    assert!(requests[0].headers().contains_key("x-append-notification"));
    assert!(!requests[1].headers().contains_key("x-append-notification"));

    let bad = [
        client
            .snap()
            .create_transaction(snap_request())
            .override_notification(
                ["a", "b", "c", "d"].map(|h| format!("https://{h}.example.com")),
            ),
        client
            .snap()
            .create_transaction(snap_request())
            .override_notification(["ftp://example.com"]),
        client
            .snap()
            .create_transaction(snap_request())
            .override_notification(["https://a.example.com"])
            .append_notification(["https://b.example.com"]),
        client
            .snap()
            .create_transaction(snap_request())
            .idempotency_key("k".repeat(47)),
        client
            .snap()
            .create_transaction(snap_request())
            .header("bad header", "x"),
    ];
    for pending in bad {
        let err = pending.send().await.unwrap_err();
        assert!(matches!(err, midtrans::Error::InvalidInput(_)), "{err:?}");
    }
    assert_eq!(mock.requests().len(), 2, "invalid options send nothing");

    let timeout = std::time::Duration::from_millis(1234);
    mock.push_json(201, answer);
    client
        .snap()
        .create_transaction(snap_request())
        .timeout(timeout)
        .send()
        .await
        .unwrap();
    assert_eq!(mock.timeouts()[2], Some(timeout));
    assert_eq!(mock.timeouts()[0], Some(midtrans::DEFAULT_TIMEOUT));
}

#[tokio::test]
async fn invalid_typed_requests_are_not_sent() {
    let mock = MockTransport::new();
    let client = mock_client(&mock);
    let json = json!({"transaction_details": {"order_id": "bad id", "gross_amount": 1}});
    let request: SnapRequest = serde_json::from_value(json).unwrap();
    let err = client
        .snap()
        .create_transaction(&request)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, midtrans::Error::InvalidRequest(_)), "{err:?}");
    let err = client.transactions().status("").send().await.unwrap_err();
    assert!(matches!(err, midtrans::Error::InvalidInput(_)), "{err:?}");
    assert!(mock.requests().is_empty());

    let no_client_key = Client::builder()
        .server_key(crate::SERVER_KEY)
        .transport(mock.clone())
        .build()
        .unwrap();
    let err = no_client_key
        .core()
        .card_token(CardTokenRequest::saved("t", "123"))
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            midtrans::Error::Config(midtrans::ConfigError::MissingClientKey)
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn an_untyped_client_key_parameter_is_sent_once_and_must_be_the_configured_key() {
    let mock = MockTransport::new();
    let client = mock_client(&mock);
    let card = json!({"card_number": "4811111111111114", "card_exp_month": "12",
        "card_exp_year": "2030", "card_cvv": "123", "client_key": crate::CLIENT_KEY});
    let register = json!({"card_number": "4811111111111114", "card_exp_month": "12",
        "card_exp_year": "2030", "client_key": crate::CLIENT_KEY});
    mock.push_json(200, sample("card_token_response.json"));
    mock.push_json(
        200,
        r#"{"status_code":"200","saved_token_id":"48111111sHfSakAvHvFQFEjTivUV1114","masked_card":"48111111-1114"}"#,
    );
    client.core().card_token(&card).send().await.unwrap();
    client.core().card_register(&register).send().await.unwrap();
    for request in mock.take_requests() {
        let query = request.uri().query().unwrap().to_owned();
        let keys: Vec<&str> = query
            .split('&')
            .filter(|pair| pair.starts_with("client_key="))
            .collect();
        assert_eq!(
            keys,
            [format!("client_key={}", crate::CLIENT_KEY).as_str()],
            "{query}"
        );
    }
    // Another key in the query than the one that authenticates: refused, nothing sent.
    for query in [
        json!({"card_cvv": "123", "token_id": "t", "client_key": "SB-Mid-client-OTHER"}),
        json!({"card_cvv": "123", "token_id": "t", "client_key": ""}),
    ] {
        let err = client.core().card_token(&query).send().await.unwrap_err();
        assert!(
            matches!(&err, midtrans::Error::InvalidInput(reason) if reason.contains("client_key")),
            "{err:?}"
        );
        let err = client
            .core()
            .card_register(&query)
            .send()
            .await
            .unwrap_err();
        assert!(matches!(err, midtrans::Error::InvalidInput(_)), "{err:?}");
    }
    assert!(mock.requests().is_empty());
}

#[tokio::test]
async fn awaiting_a_request_sends_it_as_send_does() {
    let answer = sample("snap_create_transaction_response.json");
    let sent = MockTransport::new();
    sent.push_json(201, answer.as_str());
    let by_send = mock_client(&sent)
        .snap()
        .create_transaction(snap_request())
        .idempotency_key("await-1")
        .send()
        .await
        .unwrap();
    let awaited = MockTransport::new();
    awaited.push_json(201, answer.as_str());
    let by_await = mock_client(&awaited)
        .snap()
        .create_transaction(snap_request())
        .idempotency_key("await-1")
        .await
        .unwrap();
    assert_eq!(by_await, by_send);
    let (sent, awaited) = (sent.requests(), awaited.requests());
    assert_eq!((sent.len(), awaited.len()), (1, 1));
    assert_eq!(wire(&awaited[0]), wire(&sent[0]));
    assert_eq!(
        awaited[0].headers().get("idempotency-key"),
        sent[0].headers().get("idempotency-key")
    );
    // An error comes back the same way.
    let failing = MockTransport::new();
    failing.push_json(
        404,
        r#"{"status_code":"404","status_message":"Transaction doesn't exist."}"#,
    );
    let err = mock_client(&failing)
        .transactions()
        .status("missing-1")
        .await
        .unwrap_err();
    assert!(err.as_api().unwrap().is_not_found(), "{err}");
}

#[tokio::test]
async fn an_owned_request_sends_as_its_reference_does() {
    let charge = ChargeRequest::builder(
        TransactionDetails::new("owned-1", 44_000),
        BankTransfer::permata(),
    )
    .build()
    .unwrap();
    let sent = |owned: bool| {
        let charge = charge.clone();
        async move {
            let mock = MockTransport::new();
            mock.push_json(
                201,
                sample("charge_bank_transfer_permata_response.json").as_str(),
            );
            let client = mock_client(&mock);
            let pending = if owned {
                client.core().charge(charge)
            } else {
                client.core().charge(&charge)
            };
            pending.send().await.unwrap();
            wire(&mock.requests()[0])
        }
    };
    assert_eq!(sent(true).await, sent(false).await);
    // The owned charge still tells the retry policy that Midtrans ignores Permata's key.
    assert_eq!(
        midtrans::RequestBody::<ChargeRequest>::honours_idempotency_key(&charge.clone()),
        Some(false)
    );
    let snap = mock_client(&MockTransport::new())
        .snap()
        .create_transaction(snap_request());
    let shown = format!("{snap:?}");
    assert!(
        shown.contains("host: Snap") && shown.contains("bytes"),
        "an owned Snap request is sendable: {shown}"
    );
}

#[tokio::test]
async fn google_pay_on_its_own_host() {
    use midtrans::types::google_pay::{GooglePayAuthRequest, GooglePayCharge, GooglePayToken};
    let origin = GooglePayAuthRequest::new("examplestore.com").unwrap();
    let jwt = exchange(
        "google_pay_auth",
        200,
        r#"{"authJwt":"eyJhbGciOiJFUzI1NiJ9.eyJtZXJjaGFudE9yaWdpbiI6ImV4YW1wbGVzdG9yZS5jb20ifQ.c2ln"}"#,
        |c| c.google_pay().auth_jwt(&origin),
    )
    .await
    .unwrap();
    assert!(jwt.auth_jwt.starts_with("eyJhbGciOiJFUzI1NiJ9."));

    let token: GooglePayToken = r#"{"protocolVersion":"ECv2","signature":"MEQCIH6Q4OwQ0jAceFEkGF0JID6sJNXxOEi4r+mA7biRxqBQAiAondqoUpU/bdsrAOpZIsrHQS9nwiiNwOrr24RyPeHA0Q==","intermediateSigningKey":{"signedKey":"{\"keyExpiration\":\"1542323393147\",\"keyValue\":\"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE/1+3HBVSbdv+j7NaArdgMyoSAM43yRydzqdg1TxodSzA96Dj4Mc1EiKroxxunavVIvdxGnJeFViTzFvzFRxyCw==\"}","signatures":["MEYCIQCO2EIi48s8VTH+ilMEpoXLFfkxAwHjfPSCVED/QDSHmQIhALLJmrUlNAY8hDQRV/y1iKZGsWpeNmIP+z+tCQHQxP0v"]},"signedMessage":"{\"tag\":\"jpGz1F1Bcoi/fCNxI9n7Qrsw7i7KHrGtTf3NrRclt+U=\",\"ephemeralPublicKey\":\"BJatyFvFPPD21l8/uLP46Ta1hsKHndf8Z+tAgk+DEPQgYTkhHy19cF3h/bXs0tWTmZtnNm+vlVrKbRU9K8+7cZs=\",\"encryptedMessage\":\"mKOoXwi8OavZ\"}"}"#.parse().unwrap();
    let charge = GooglePayCharge::builder(
        TransactionDetails::new("order-gp-101", Idr::new(10_002)),
        token,
    )
    .authentication(true)
    .build()
    .unwrap();
    // The shape of the docs' answer to a Google Pay charge with 3-D Secure.
    let answer = r#"{"status_code":"201","status_message":"Success, Credit Card transaction is successful","transaction_id":"0c0f6f8e-35b1-4c86-8c6f-5e8f6d1d4a11","order_id":"order-gp-101","redirect_url":"https://api.sandbox.midtrans.com/v2/token/rba/redirect/0c0f6f8e-35b1-4c86-8c6f-5e8f6d1d4a11","merchant_id":"G141532850","gross_amount":"10002.00","currency":"IDR","payment_type":"credit_card","transaction_time":"2026-07-27 10:00:00","transaction_status":"pending","fraud_status":"accept","masked_card":"41111111-1111","bank":"bni","card_type":"credit","three_ds_version":"2","on_us":true}"#;
    let charged = exchange("google_pay_charge", 201, answer, |c| {
        c.google_pay().charge(&charge)
    })
    .await
    .unwrap();
    assert_eq!(charged.transaction_status, Some(TransactionStatus::Pending));
    assert!(charged.redirect_url.is_some());
}
