//! End-to-end: the real client (reqwest transport, loopback HTTP) against midtrans-mock.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod browser;
mod cards_and_accounts;
mod chaos;
mod connections;
mod invoicing;
mod iris;
mod notifications;
mod payment_link;
mod payments;
#[path = "../../examples/web_shop/shop.rs"]
mod shop;
mod snap_bi;
mod web_shop;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use midtrans::{Client, Environment};
use midtrans_mock::{MockConfig, MockServer};

pub(crate) const SERVER_KEY: &str = "SB-Mid-server-E2E";
pub(crate) const CLIENT_KEY: &str = "SB-Mid-client-E2E";

/// A simulator with the test keys (and an optional notification URL) and a client for it.
pub(crate) async fn setup(notification_url: Option<&str>) -> (MockServer, Client) {
    let mut config = MockConfig::default()
        .server_key(SERVER_KEY)
        .client_key(CLIENT_KEY)
        .retry_delays(vec![Duration::from_millis(20); 5]);
    if let Some(url) = notification_url {
        config = config.notification_url(url);
    }
    let mock = MockServer::start(config).await.unwrap();
    let client = client_for(&mock, SERVER_KEY);
    (mock, client)
}

pub(crate) fn client_for(mock: &MockServer, server_key: &str) -> Client {
    Client::builder()
        .environment(Environment::custom(mock.core_url(), mock.snap_url()).unwrap())
        .server_key(server_key)
        .client_key(CLIENT_KEY)
        .build()
        .unwrap()
}

/// An HTTP endpoint on loopback that records the notification bodies it receives and answers
/// `status`.
#[derive(Clone)]
pub(crate) struct Receiver {
    pub(crate) url: String,
    pub(crate) bodies: Arc<Mutex<Vec<Vec<u8>>>>,
}

impl Receiver {
    pub(crate) async fn start(status: u16) -> Receiver {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/notify", listener.local_addr().unwrap());
        let bodies = Arc::new(Mutex::new(Vec::new()));
        let store = Arc::clone(&bodies);
        let app = axum::Router::new().route(
            "/notify",
            axum::routing::post(move |body: axum::body::Bytes| {
                let store = Arc::clone(&store);
                async move {
                    store.lock().unwrap().push(body.to_vec());
                    axum::http::StatusCode::from_u16(status).unwrap()
                }
            }),
        );
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Receiver { url, bodies }
    }

    pub(crate) fn received(&self) -> Vec<serde_json::Value> {
        self.bodies
            .lock()
            .unwrap()
            .iter()
            .map(|b| serde_json::from_slice(b).unwrap())
            .collect()
    }

    /// Waits until `n` notifications arrived (at most 5 s).
    pub(crate) async fn wait_for(&self, n: usize) -> Vec<serde_json::Value> {
        for _ in 0..250 {
            if self.bodies.lock().unwrap().len() >= n {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.received()
    }
}

/// A unique order id.
pub(crate) fn order_id(tag: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    format!("e2e-{tag}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}
