//! A web shop taking payments three ways: `cargo run --example web_shop`, then open
//! <http://127.0.0.1:3000>.
//!
//! - **Snap**: the Pay button asks the shop for a Snap token and calls `snap.pay(token, …)`;
//!   the payment page opens over the shop's page.
//! - **Card (Core API)**: the card form gets a card token from Midtrans in the browser (the card
//!   number never reaches the shop's server), the shop charges it with 3-D Secure, and the page
//!   opens the issuer's authentication page.
//! - **Permata virtual account (Core API)**: the shop charges and shows the number to pay to.
//!
//! Midtrans's notifications arrive at `POST /midtrans/notification`: the raw body's signature is
//! verified, then the order in the SQLite database is updated once per notification and never
//! backwards. The order page (`/orders/{id}`) shows its state and refreshes while it is open.
//!
//! With no `MIDTRANS_SERVER_KEY` the shop starts the built-in Midtrans simulator on 127.0.0.1
//! and loads `snap.js` and the card script from it, as production loads them from Midtrans; the
//! simulator sends its notifications to the shop. Settle a virtual account payment with
//! `curl -X POST {core}/_mock/orders/{order_id}/pay` (the URL is printed at start).
//! With `MIDTRANS_SERVER_KEY` and `MIDTRANS_CLIENT_KEY` set it uses the sandbox; set the
//! dashboard's notification URL to this shop's public address.
//!
//! Settings: `WEB_SHOP_ADDR` (default `127.0.0.1:3000`), `WEB_SHOP_DB` (default a file in the
//! temporary directory). `--self-test` starts on a free port against the simulator, buys by
//! Permata virtual account through the shop's HTTP routes, settles, waits for the signed
//! notification to mark the order paid, and exits (CI runs this).

mod shop;

use std::path::PathBuf;
use std::time::Duration;

use midtrans::{Client, Environment};
use midtrans_mock::{MockConfig, MockServer};
use shop::{Shop, ShopConfig};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

#[tokio::main]
async fn main() -> Result<()> {
    let self_test = std::env::args().any(|a| a == "--self-test");
    let sandbox_key = std::env::var("MIDTRANS_SERVER_KEY")
        .ok()
        .filter(|k| !k.is_empty() && !self_test);
    let addr = if self_test {
        "127.0.0.1:0".to_owned()
    } else {
        std::env::var("WEB_SHOP_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".to_owned())
    };
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    let public_url = format!("http://{}", listener.local_addr()?);
    let database = match std::env::var_os("WEB_SHOP_DB") {
        Some(path) if !self_test => PathBuf::from(path),
        _ => std::env::temp_dir().join(format!("midtrans-web-shop-{}.sqlite", std::process::id())),
    };

    let (config, mock) = match sandbox_key {
        Some(key) => {
            let client_key = std::env::var("MIDTRANS_CLIENT_KEY")
                .map_err(|_| "MIDTRANS_CLIENT_KEY is needed too: the browser scripts use it")?;
            let client = Client::builder()
                .environment(Environment::Sandbox)
                .server_key(key)
                .client_key(&client_key)
                .build()?;
            let config = ShopConfig {
                client,
                client_key,
                snap_js_url: "https://app.sandbox.midtrans.com/snap/snap.js".to_owned(),
                card_js_url: "https://api.midtrans.com/v2/assets/js/midtrans-new-3ds.min.js"
                    .to_owned(),
                public_url: public_url.clone(),
            };
            (config, None)
        }
        None => {
            let mock = MockServer::start(
                MockConfig::default()
                    .notification_url(format!("{public_url}/midtrans/notification")),
            )
            .await?;
            let client = Client::builder()
                .environment(Environment::custom(mock.core_url(), mock.snap_url())?)
                .server_key(&mock.config().server_key)
                .client_key(&mock.config().client_key)
                .build()?;
            let config = ShopConfig {
                client,
                client_key: mock.config().client_key.clone(),
                snap_js_url: mock.snap_js_url(),
                card_js_url: mock.card_js_url(),
                public_url: public_url.clone(),
            };
            (config, Some(mock))
        }
    };
    let shop = Shop::open(config, &database)?;
    let server = tokio::spawn({
        let router = shop.clone().router();
        async move { axum::serve(listener, router).await }
    });
    println!("web shop: {public_url}  (database {})", database.display());
    if let Some(mock) = &mock {
        println!(
            "Midtrans simulator: {}  (settle a payment: POST {}/_mock/orders/{{order_id}}/pay)",
            mock.core_url(),
            mock.core_url()
        );
    }

    if self_test {
        let mock = mock.ok_or("the self-test runs against the simulator")?;
        let outcome = run_self_test(&shop, &public_url, &mock).await;
        server.abort();
        let _ = std::fs::remove_file(&database);
        outcome?;
        println!("self-test passed");
        return Ok(());
    }
    server.await??;
    Ok(())
}

/// The text of the page at `url`.
async fn fetch(http: &reqwest::Client, url: &str) -> Result<String> {
    Ok(http.get(url).send().await?.text().await?)
}

/// One Permata purchase through the shop's routes, settled by the simulator.
async fn run_self_test(shop: &Shop, public_url: &str, mock: &MockServer) -> Result<()> {
    let http = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let product = fetch(&http, &format!("{public_url}/")).await?;
    if !product.contains("id=\"pay-snap\"") || !product.contains(&mock.snap_js_url()) {
        return Err("the product page lacks the Snap button or script".into());
    }
    let answer = http
        .post(format!("{public_url}/checkout/permata"))
        .send()
        .await?;
    let location = answer
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .ok_or("the Permata checkout did not redirect to the order")?
        .to_owned();
    let order_id = location
        .strip_prefix("/orders/")
        .ok_or("unexpected redirect")?
        .to_owned();
    let page = fetch(&http, &format!("{public_url}{location}")).await?;
    println!("ordered {order_id}: waiting for the bank transfer");
    if !page.contains("waiting for payment") || !page.contains("id=\"va-number\"") {
        return Err(format!("unexpected order page: {page}").into());
    }
    mock.pay(&order_id)?;
    println!("the simulator settled {order_id}");
    for _ in 0..200 {
        let order = shop.order(&order_id).await?.ok_or("the order vanished")?;
        if order.is_paid() {
            let page = fetch(&http, &format!("{public_url}{location}")).await?;
            if !page.contains("<strong id=\"order-status\">paid</strong>") {
                return Err(format!("the order page does not say paid: {page}").into());
            }
            println!("order page: paid");
            for received in shop.received(&order_id).await? {
                println!(
                    "notification {}: {}",
                    received.transaction_status, received.outcome
                );
            }
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err("the settlement notification did not arrive within 10 s".into())
}
