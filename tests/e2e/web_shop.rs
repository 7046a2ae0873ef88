//! The web shop example (`examples/web_shop`) against the simulator: notification faults
//! (retries, duplicates, out of order) end in the right order state.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use midtrans_mock::{Faults, MockConfig, MockServer};

use crate::shop::{Received, Shop, ShopConfig};
use crate::{client_for, CLIENT_KEY, SERVER_KEY};

/// A running shop in front of a simulator that notifies it.
pub(crate) struct RunningShop {
    pub(crate) mock: MockServer,
    pub(crate) shop: Shop,
    pub(crate) url: String,
    /// While set, the shop answers 503 to every `pending` notification (the database "is
    /// down" for them), so Midtrans retries them later: after the settlement.
    pub(crate) hold_pending: Arc<AtomicBool>,
    _database: TempFile,
}

/// A file removed when dropped.
struct TempFile(std::path::PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

pub(crate) async fn start_shop(name: &str) -> RunningShop {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let mock = MockServer::start(
        MockConfig::default()
            .server_key(SERVER_KEY)
            .client_key(CLIENT_KEY)
            .retry_delays(vec![Duration::from_millis(300); 5])
            .notification_url(format!("{url}/midtrans/notification")),
    )
    .await
    .unwrap();
    let database = TempFile(std::env::temp_dir().join(format!(
        "midtrans-e2e-shop-{name}-{}.sqlite",
        std::process::id()
    )));
    let _ = std::fs::remove_file(&database.0);
    let shop = Shop::open(
        ShopConfig {
            client: client_for(&mock, SERVER_KEY),
            client_key: CLIENT_KEY.to_owned(),
            snap_js_url: mock.snap_js_url(),
            card_js_url: mock.card_js_url(),
            public_url: url.clone(),
        },
        &database.0,
    )
    .unwrap();
    let hold_pending = Arc::new(AtomicBool::new(false));
    let router = shop
        .clone()
        .router()
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&hold_pending),
            hold_pending_notifications,
        ));
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    RunningShop {
        mock,
        shop,
        url,
        hold_pending,
        _database: database,
    }
}

async fn hold_pending_notifications(
    State(hold): State<Arc<AtomicBool>>,
    request: Request,
    next: Next,
) -> Response {
    if !hold.load(Ordering::SeqCst) || request.uri().path() != "/midtrans/notification" {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 1 << 20).await.unwrap();
    let status = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| v["transaction_status"].as_str().map(str::to_owned));
    if status.as_deref() == Some("pending") {
        return axum::http::StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    next.run(Request::from_parts(parts, axum::body::Body::from(body)))
        .await
}

/// Waits (up to 10 s) until `done` holds for the notifications of `order_id`.
async fn wait_for_received(
    shop: &Shop,
    order_id: &str,
    done: impl Fn(&[Received]) -> bool,
) -> Vec<Received> {
    for _ in 0..200 {
        let received = shop.received(order_id).await.unwrap();
        if done(&received) {
            return received;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    shop.received(order_id).await.unwrap()
}

fn find<'a>(received: &'a [Received], status: &str) -> Option<&'a Received> {
    received.iter().find(|r| r.transaction_status == status)
}

#[tokio::test]
async fn web_shop_survives_retried_duplicated_and_out_of_order_notifications() {
    let shop = start_shop("faults").await;
    // Every notification is delivered three times.
    shop.mock.set_faults(Faults {
        duplicate_notifications: 2,
        ..Faults::default()
    });
    shop.hold_pending.store(true, Ordering::SeqCst);
    let http = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();

    // Buy by Permata virtual account: the order waits for the transfer.
    let answer = http
        .post(format!("{}/checkout/permata", shop.url))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 303);
    let location = answer.headers()["location"].to_str().unwrap().to_owned();
    let order_id = location.strip_prefix("/orders/").unwrap().to_owned();
    let order = shop.shop.order(&order_id).await.unwrap().unwrap();
    assert_eq!(order.status, "pending");
    assert!(order.va_number.is_some());

    // The customer pays; the settlement (three copies) arrives while the pending
    // notifications are still being refused.
    shop.mock.pay(&order_id).unwrap();
    let received = wait_for_received(&shop.shop, &order_id, |r| {
        find(r, "settlement").is_some_and(|s| s.duplicates == 2)
    })
    .await;
    let settlement = find(&received, "settlement").unwrap();
    assert_eq!(settlement.outcome, "applied", "{received:?}");
    assert_eq!(settlement.duplicates, 2, "{received:?}");
    assert!(find(&received, "pending").is_none(), "{received:?}");

    // The shop recovers; Midtrans's retries deliver the older pending notification now,
    // out of order. It is recorded and not applied, its copies ignored.
    shop.hold_pending.store(false, Ordering::SeqCst);
    let received = wait_for_received(&shop.shop, &order_id, |r| {
        find(r, "pending").is_some_and(|p| p.duplicates == 2)
    })
    .await;
    let pending = find(&received, "pending").unwrap();
    assert_eq!(pending.outcome, "stale", "{received:?}");
    assert_eq!(pending.duplicates, 2, "{received:?}");

    let order = shop.shop.order(&order_id).await.unwrap().unwrap();
    assert_eq!(order.status, "settlement");
    assert!(order.is_paid());
    let page = http
        .get(format!("{}{location}", shop.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("<strong id=\"order-status\">paid</strong>"),
        "{page}"
    );
}

#[tokio::test]
async fn web_shop_rejects_forged_notifications_and_foreign_amounts() {
    let shop = start_shop("forged").await;
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let answer = http
        .post(format!("{}/checkout/permata", shop.url))
        .send()
        .await
        .unwrap();
    let order_id = answer
        .url()
        .path()
        .strip_prefix("/orders/")
        .unwrap()
        .to_owned();

    // A settlement with a made-up signature: refused, nothing changes.
    let forged = serde_json::json!({
        "order_id": order_id,
        "status_code": "200",
        "gross_amount": "150000.00",
        "transaction_status": "settlement",
        "transaction_id": "00000000-0000-0000-0000-000000000000",
        "signature_key": "0".repeat(128),
    });
    let answer = http
        .post(format!("{}/midtrans/notification", shop.url))
        .json_body(&forged)
        .send()
        .await
        .unwrap();
    // The notification extractor answers a signature that does not verify with 401.
    assert_eq!(answer.status(), 401);
    let order = shop.shop.order(&order_id).await.unwrap().unwrap();
    assert_eq!(order.status, "pending");

    // A correctly signed settlement for another amount than the order's: recorded, not applied.
    let mut cheap = forged.clone();
    cheap["gross_amount"] = "1000.00".into();
    let input = format!("{order_id}2001000.00");
    cheap["signature_key"] =
        midtrans::notification::signature(&input, &midtrans::ServerKey::new(SERVER_KEY).unwrap())
            .into();
    let answer = http
        .post(format!("{}/midtrans/notification", shop.url))
        .json_body(&cheap)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let received = shop.shop.received(&order_id).await.unwrap();
    let settlement = find(&received, "settlement").unwrap();
    assert_eq!(settlement.outcome, "rejected", "{received:?}");
    let order = shop.shop.order(&order_id).await.unwrap().unwrap();
    assert_eq!(order.status, "pending");
    assert!(!order.is_paid());
}

/// `reqwest` without its `json` feature: a JSON body by hand.
trait JsonBody {
    fn json_body(self, value: &serde_json::Value) -> Self;
}

impl JsonBody for reqwest::RequestBuilder {
    fn json_body(self, value: &serde_json::Value) -> Self {
        self.header("content-type", "application/json")
            .body(serde_json::to_vec(value).unwrap())
    }
}
