//! SNAP-BI end to end over loopback: the client (feature `snap-bi`) against the simulator's
//! SNAP-BI, with the merchant's notification endpoints verifying what the simulator signs.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::routing::post;
use axum::{Json, Router};
use midtrans::snap_bi::{
    string_to_sign, symmetric_signature, SnapBiCredentials, SnapBiNotification,
};
use midtrans::types::snap_bi::{
    DirectDebitPaymentRequest, DirectDebitRefundRequest, DirectDebitStatusRequest, Money,
    NotificationAck, PayOptionDetail, PaymentNotification, QrisCancelRequest, QrisGenerateRequest,
    QrisQueryRequest, Status, UrlParam, VaCreateRequest, VaNotification, VaStatusRequest,
};
use midtrans::types::{Idr, PaymentOutcome};
use midtrans::{Client, Environment, Error};
use midtrans_mock::{snap_bi as keys, MockConfig, MockServer};

/// What the merchant's notification endpoints verified, in arrival order.
#[derive(Clone, Default)]
struct Notified {
    /// The Core API's notification URL: virtual accounts are notified there too, in the Core
    /// format, for merchants moving from it.
    core: Option<crate::Receiver>,
    debit: Arc<Mutex<Vec<PaymentNotification>>>,
    qris: Arc<Mutex<Vec<PaymentNotification>>>,
    va: Arc<Mutex<Vec<VaNotification>>>,
}

/// The merchant: a client with SNAP-BI credentials, and notification routes that take the
/// verified notification from the extractor.
async fn merchant(mock: &MockServer) -> Client {
    client_for(mock, keys::CLIENT_SECRET)
}

fn client_for(mock: &MockServer, client_secret: &str) -> Client {
    Client::builder()
        .environment(
            Environment::custom(mock.core_url(), mock.snap_url())
                .unwrap()
                .with_snap_bi_url(mock.snap_bi_url())
                .unwrap(),
        )
        .server_key(crate::SERVER_KEY)
        .snap_bi(
            SnapBiCredentials::new(
                keys::CLIENT_ID,
                keys::MERCHANT_PRIVATE_KEY,
                client_secret,
                keys::PARTNER_ID,
                keys::CHANNEL_ID,
            )
            .midtrans_public_key(keys::SIMULATOR_PUBLIC_KEY),
        )
        .build()
        .unwrap()
}

async fn start() -> (MockServer, Client, Notified) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let core = crate::Receiver::start(200).await;
    let mock = MockServer::start(
        MockConfig::default()
            .server_key(crate::SERVER_KEY)
            .retry_delays(vec![Duration::from_millis(50); 3])
            .notification_url(&core.url)
            .snap_bi_notification_url(format!("{base}/merchant")),
    )
    .await
    .unwrap();
    let client = merchant(&mock).await;
    let notified = Notified {
        core: Some(core),
        ..Notified::default()
    };
    let seen = notified.clone();
    let app = Router::new()
        .route(
            "/merchant/v1.0/debit/notify",
            post({
                let seen = seen.clone();
                move |n: SnapBiNotification<PaymentNotification>| async move {
                    seen.debit.lock().unwrap().push(n.into_inner());
                    Json(NotificationAck::direct_debit())
                }
            }),
        )
        .route(
            "/merchant/v1.0/qr/qr-mpm-notify",
            post({
                let seen = seen.clone();
                move |n: SnapBiNotification<PaymentNotification>| async move {
                    seen.qris.lock().unwrap().push(n.into_inner());
                    Json(NotificationAck::qris())
                }
            }),
        )
        .route(
            "/merchant/v1.0/transfer-va/payment",
            post(move |n: SnapBiNotification<VaNotification>| async move {
                seen.va.lock().unwrap().push(n.into_inner());
                Json(serde_json::json!({"responseCode": "2002500"}))
            }),
        )
        .with_state(client.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (mock, client, notified)
}

async fn control(mock: &MockServer, id: &str, what: &str) {
    let url = format!("{}/_mock/orders/{id}/{what}", mock.core_url());
    let status = reqwest::Client::new()
        .post(url)
        .send()
        .await
        .unwrap()
        .status();
    assert!(status.is_success(), "{what} {id}: {status}");
}

/// Waits until `count` holds at least `n` entries (notifications arrive in the background).
async fn wait_for<T: Clone>(list: &Arc<Mutex<Vec<T>>>, n: usize) -> Vec<T> {
    for _ in 0..200 {
        let seen = list.lock().unwrap().clone();
        if seen.len() >= n {
            return seen;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("fewer than {n} notifications arrived");
}

#[tokio::test]
async fn a_virtual_account_is_created_paid_notified_and_reported_paid() {
    let (mock, client, notified) = start().await;
    let request = VaCreateRequest::new("1234", "564902", "va-e2e-1", Money::idr(Idr::new(15_000)))
        .virtual_account_name("Budi")
        .bank("M001234", "bca");
    let created = client.snap_bi().va_create(&request).await.unwrap();
    assert_eq!(created.response_code.as_str(), "2002700");
    let account = created.virtual_account_data.unwrap();
    assert_eq!(
        account.virtual_account_no.as_deref(),
        Some("    1234564902")
    );
    let status = VaStatusRequest::of(&account, "M001234");
    let pending = client.snap_bi().va_status(&status).await.unwrap();
    assert_eq!(pending.outcome(), PaymentOutcome::Pending);

    control(&mock, "va-e2e-1", "pay").await;
    let notifications = wait_for(&notified.va, 1).await;
    assert_eq!(notifications[0].outcome(), PaymentOutcome::Paid);
    match &notifications[0] {
        VaNotification::Snap(snap) => {
            assert_eq!(snap.trx_id.as_deref(), Some("va-e2e-1"));
            assert_eq!(snap.virtual_account_no.as_deref(), Some("    1234564902"));
            assert_eq!(
                snap.paid_amount.as_ref().and_then(Money::to_idr),
                Some(Idr::new(15_000))
            );
        }
        other => panic!("a SNAP-shaped notification: {other:?}"),
    }
    let paid = client.snap_bi().va_status(&status).await.unwrap();
    assert_eq!(paid.outcome(), PaymentOutcome::Paid);
    // And in the Core API's format, signed with the server key, at the Core URL.
    let core = notified.core.as_ref().unwrap().wait_for(1).await;
    let body = serde_json::to_vec(&core[0]).unwrap();
    let verified = client.transactions().notification(&body).unwrap();
    assert_eq!(verified.order_id().as_str(), "va-e2e-1");
    let legacy: VaNotification = serde_json::from_slice(&body).unwrap();
    assert!(matches!(legacy, VaNotification::Core(_)));
    assert_eq!(legacy.outcome(), PaymentOutcome::Paid);
    assert_eq!(
        paid.virtual_account_data.unwrap().payment_flag_status,
        Some(Status::Success)
    );
}

#[tokio::test]
async fn a_direct_debit_is_paid_then_refunded_and_a_repeat_is_answered_from_its_external_id() {
    let (mock, client, notified) = start().await;
    let request = DirectDebitPaymentRequest::new(
        "debit-e2e-1",
        PayOptionDetail::gopay(Money::idr(Idr::new(20_000))),
    )
    .merchant_id("M001234")
    .url_param(UrlParam::pay_return("https://shop.example/paid"));
    let first = client
        .snap_bi()
        .direct_debit_payment(&request)
        .external_id("debit-e2e-1-pay")
        .await
        .unwrap();
    let reference = first.reference_no.clone().unwrap();
    assert!(first.web_redirect_url.is_some());
    // The same external id again: the first answer, no second payment.
    let again = client
        .snap_bi()
        .direct_debit_payment(&request)
        .external_id("debit-e2e-1-pay")
        .await
        .unwrap();
    assert_eq!(again.reference_no, first.reference_no);

    control(&mock, &reference, "pay").await;
    let paid = wait_for(&notified.debit, 1).await;
    assert_eq!(paid[0].outcome(), PaymentOutcome::Paid);
    assert_eq!(
        paid[0].original_reference_no.as_deref(),
        Some(reference.as_str())
    );

    let refund = DirectDebitRefundRequest::new(&reference, "debit-e2e-1-r1")
        .refund_amount(Money::idr(Idr::new(20_000)))
        .reason("out of stock");
    let refunded = client.snap_bi().direct_debit_refund(&refund).await.unwrap();
    assert_eq!(refunded.response_code.as_str(), "2005800");
    let status = client
        .snap_bi()
        .direct_debit_status(DirectDebitStatusRequest::by_external_id("debit-e2e-1-pay"))
        .await
        .unwrap();
    assert_eq!(status.outcome(), PaymentOutcome::Refunded);
    let after_refund = wait_for(&notified.debit, 2).await;
    assert_eq!(after_refund[1].outcome(), PaymentOutcome::Refunded);
    assert_eq!(after_refund[1].refund_history().len(), 1);
}

#[tokio::test]
async fn a_qris_code_is_generated_queried_and_cancelled() {
    let (_mock, client, notified) = start().await;
    let request = QrisGenerateRequest::new("qris-e2e-1", Money::idr(Idr::new(44_000)))
        .merchant_id("M001234")
        .acquirer("gopay");
    let code = client.snap_bi().qris_generate(&request).await.unwrap();
    assert!(code.qr_content.as_deref().unwrap().starts_with("000201"));
    assert!(!code.qr_image.as_deref().unwrap().is_empty());
    let reference = code.reference_no.unwrap();
    let query = QrisQueryRequest::new(&reference, "qris-e2e-1", "M001234");
    let pending = client.snap_bi().qris_query(&query).await.unwrap();
    assert_eq!(pending.outcome(), PaymentOutcome::Pending);
    let cancel = QrisCancelRequest::new(&reference, "M001234", "customer left");
    client.snap_bi().qris_cancel(&cancel).await.unwrap();
    let cancelled = client.snap_bi().qris_query(&query).await.unwrap();
    assert_eq!(cancelled.latest_transaction_status, Some(Status::Canceled));
    let notification = wait_for(&notified.qris, 1).await;
    assert_eq!(notification[0].outcome(), PaymentOutcome::Failed);
    // A second cancel is refused: not permitted from `cancel`.
    let err = client.snap_bi().qris_cancel(&cancel).await.unwrap_err();
    assert!(
        matches!(&err, Error::Api(api) if api.code() == 403),
        "{err:?}"
    );
}

#[tokio::test]
async fn an_expired_token_is_replaced_and_a_wrong_secret_is_refused_as_midtrans_does() {
    let (mock, client, _notified) = start().await;
    let query = DirectDebitStatusRequest::by_reference_no("A-unknown");
    let err = client
        .snap_bi()
        .direct_debit_status(&query)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Api(api) if api.code() == 404),
        "{err:?}"
    );
    // Midtrans expires the token early: the next call is answered 401 and sent again with a
    // new token, transparently.
    reqwest::Client::new()
        .post(format!("{}/_mock/snap_bi/expire_tokens", mock.core_url()))
        .send()
        .await
        .unwrap();
    let err = client
        .snap_bi()
        .direct_debit_status(&query)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Api(api) if api.code() == 404),
        "{err:?}"
    );
    // A client with the wrong secret gets a token (RSA is right) but every call is refused.
    let wrong = client_for(&mock, "SB-secret-WRONG");
    let err = wrong
        .snap_bi()
        .direct_debit_status(&query)
        .await
        .unwrap_err();
    let Error::Api(api) = err else {
        panic!("expected the signature refusal: {err:?}")
    };
    assert_eq!(api.response_code().unwrap().as_str(), "4015500");
}

#[tokio::test]
async fn the_simulator_takes_what_the_official_sdks_send() {
    // The Node SDK's shape: a UTC timestamp with milliseconds shared by the token call and
    // the operation, `grant_type`, an empty X-DEVICE-ID and debug-id, no X-EXTERNAL-ID, and a
    // fresh token for the call.
    let (mock, _client, _notified) = start().await;
    let http = reqwest::Client::new();
    let timestamp = "2026-12-01T08:31:35.965Z";
    let credentials = SnapBiCredentials::new(
        keys::CLIENT_ID,
        keys::MERCHANT_PRIVATE_KEY,
        keys::CLIENT_SECRET,
        keys::PARTNER_ID,
        keys::CHANNEL_ID,
    );
    let token: serde_json::Value = http
        .post(format!("{}/v1.0/access-token/b2b", mock.snap_bi_url()))
        .header("content-type", "application/json")
        .header("x-client-key", keys::CLIENT_ID)
        .header("x-timestamp", timestamp)
        .header(
            "x-signature",
            credentials.access_token_signature(timestamp).unwrap(),
        )
        .header("debug-id", "")
        .body(r#"{"grant_type":"client_credentials"}"#)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .map(|bytes| serde_json::from_slice(&bytes).unwrap())
        .unwrap();
    assert_eq!(token["responseCode"], "2007300", "{token}");
    let token = token["accessToken"].as_str().unwrap();
    let body = r#"{"partnerReferenceNo":"node-1","amount":{"value":"1000.00","currency":"IDR"},"merchantId":"M1"}"#;
    let path = "/v1.0/qr/qr-mpm-generate";
    let text = string_to_sign("POST", path, Some(token), body.as_bytes(), timestamp);
    let answer: serde_json::Value = http
        .post(format!("{}{path}", mock.snap_bi_url()))
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {token}"))
        .header("x-timestamp", timestamp)
        .header(
            "x-signature",
            symmetric_signature(keys::CLIENT_SECRET, &text),
        )
        .header("x-partner-id", keys::PARTNER_ID)
        .header("x-device-id", "")
        .header("channel-id", keys::CHANNEL_ID)
        .header("debug-id", "")
        .body(body)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .map(|bytes| serde_json::from_slice(&bytes).unwrap())
        .unwrap();
    assert_eq!(answer["responseCode"], "2004700", "{answer}");
    // A signature over other bytes, and a malformed timestamp, are refused with Midtrans's
    // codes.
    let refused = http
        .post(format!("{}{path}", mock.snap_bi_url()))
        .header("authorization", format!("Bearer {token}"))
        .header("x-timestamp", timestamp)
        .header(
            "x-signature",
            symmetric_signature(keys::CLIENT_SECRET, &text),
        )
        .body(body.replace("1000.00", "1.00"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);
    let refused: serde_json::Value =
        serde_json::from_slice(&refused.bytes().await.unwrap()).unwrap();
    assert_eq!(refused["responseCode"], "4014700");
    let bad_time = http
        .post(format!("{}{path}", mock.snap_bi_url()))
        .header("authorization", format!("Bearer {token}"))
        .header("x-timestamp", "01/12/2026 10:00")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(bad_time.status(), 400);
}

#[tokio::test]
async fn a_skewed_clock_and_a_reused_linking_id_are_refused_as_midtrans_does() {
    // With a clock-skew limit, the client's own timestamps (now, Jakarta time) pass and one
    // six hours off is refused.
    let mock = MockServer::start(
        MockConfig::default()
            .server_key(crate::SERVER_KEY)
            .snap_bi_max_clock_skew(Duration::from_secs(300)),
    )
    .await
    .unwrap();
    let client = client_for(&mock, keys::CLIENT_SECRET);
    client.snap_bi().access_token().await.unwrap();
    let credentials = SnapBiCredentials::new(
        keys::CLIENT_ID,
        keys::MERCHANT_PRIVATE_KEY,
        keys::CLIENT_SECRET,
        keys::PARTNER_ID,
        keys::CHANNEL_ID,
    );
    let skewed = "2026-01-01T00:00:00+07:00";
    let refused = reqwest::Client::new()
        .post(format!("{}/v1.0/access-token/b2b", mock.snap_bi_url()))
        .header("x-client-key", keys::CLIENT_ID)
        .header("x-timestamp", skewed)
        .header(
            "x-signature",
            credentials.access_token_signature(skewed).unwrap(),
        )
        .body(r#"{"grantType":"client_credentials"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 400);

    // Account binding: Midtrans refuses a reused X-EXTERNAL-ID with a conflict instead of
    // replaying it.
    let binding = midtrans::types::snap_bi::AccountBindingRequest::new("handle-1", "auth-1");
    let bound = client
        .snap_bi()
        .account_binding(&binding)
        .external_id("bind-1")
        .await
        .unwrap();
    let customer = bound.customer_token().unwrap().to_owned();
    let err = client
        .snap_bi()
        .account_binding(&binding)
        .external_id("bind-1")
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Api(api) if api.code() == 409),
        "{err:?}"
    );
    // The customer token works for the inquiry and the unbinding, once.
    let inquiry = client
        .snap_bi()
        .account_inquiry(midtrans::types::snap_bi::AccountInquiryRequest::new())
        .customer_token(&customer)
        .await
        .unwrap();
    assert!(inquiry
        .additional_info
        .unwrap()
        .contains_key("paymentOptions"));
    let unbind = midtrans::types::snap_bi::AccountUnbindingRequest::new("handle-1");
    client
        .snap_bi()
        .account_unbinding(&unbind)
        .customer_token(&customer)
        .await
        .unwrap();
    let err = client
        .snap_bi()
        .account_unbinding(&unbind)
        .customer_token(&customer)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Api(api) if api.code() == 401),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_burst_of_100_calls_on_a_cold_client_gets_exactly_one_token_from_the_simulator() {
    let (mock, client, _notified) = start().await;
    let calls: Vec<_> = (0..100)
        .map(|n| {
            let client = client.clone();
            tokio::spawn(async move {
                let request =
                    QrisGenerateRequest::new(format!("burst-{n}"), Money::idr(Idr::new(1_000)));
                client.snap_bi().qris_generate(request).await
            })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(mock.snap_bi_tokens_issued(), 1);
    assert_eq!(mock.retained().transactions, 100);
}
