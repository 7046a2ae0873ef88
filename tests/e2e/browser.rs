//! The web shop in a real browser: headless Chromium driven by ChromeDriver over the W3C
//! WebDriver protocol (plain JSON over HTTP, spoken here with reqwest — no driver crate, no
//! Node). Chromium and ChromeDriver come from Debian (`chromium`, `chromium-driver`), which
//! `.ci/run` installs; `CHROMIUM` and `CHROMEDRIVER` name other binaries. Without them the test
//! says so and passes, except under `CI`, where it fails.
//!
//! The screenshot of the final page is saved as `target/tmp/browser/order-paid.png`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use base64::Engine as _;
use serde_json::{json, Value};

use crate::web_shop::{start_shop, RunningShop};

/// The W3C name of an element reference in WebDriver answers.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// How long any one wait in the browser may take before the test fails.
const PATIENCE: Duration = Duration::from_secs(20);

fn binary(variable: &str, default: &str) -> Option<PathBuf> {
    let path = std::env::var_os(variable).map_or_else(|| PathBuf::from(default), PathBuf::from);
    path.exists().then_some(path)
}

/// A ChromeDriver process, killed when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One browser session.
struct Browser {
    http: reqwest::Client,
    session: String,
    _profile: TempDir,
    _driver: Driver,
}

/// A directory removed when dropped.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn call(http: &reqwest::Client, method: reqwest::Method, url: &str, body: Value) -> Value {
    let mut request = http.request(method.clone(), url);
    if method != reqwest::Method::GET && method != reqwest::Method::DELETE {
        request = request
            .header("content-type", "application/json")
            .body(serde_json::to_vec(&body).unwrap());
    }
    let answer = request.send().await.unwrap();
    let status = answer.status();
    let value: Value = serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap();
    assert!(status.is_success(), "{method} {url}: {status} {value}");
    value["value"].clone()
}

impl Browser {
    async fn start(chromium: &Path, chromedriver: &Path) -> Browser {
        let port = {
            let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            probe.local_addr().unwrap().port()
        };
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let driver = Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap();
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let ready = http.get(format!("{}/status", driver.url)).send().await;
            if ready.is_ok_and(|r| r.status().is_success()) {
                break;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "chromedriver did not start"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = TempDir(std::env::temp_dir().join(format!(
            "midtrans-e2e-chromium-{}-{port}",
            std::process::id()
        )));
        // The flags keep Chromium off the network (this machine has none) and headless.
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1024,900",
            &format!("--user-data-dir={}", profile.0.display()),
        ];
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args},
        }}});
        let session = call(
            &http,
            reqwest::Method::POST,
            &format!("{}/session", driver.url),
            capabilities,
        )
        .await;
        let session = format!(
            "{}/session/{}",
            driver.url,
            session["sessionId"].as_str().unwrap()
        );
        Browser {
            http,
            session,
            _profile: profile,
            _driver: driver,
        }
    }

    async fn post(&self, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.session);
        call(&self.http, reqwest::Method::POST, &url, body).await
    }

    async fn get(&self, path: &str) -> Value {
        let url = format!("{}{path}", self.session);
        call(&self.http, reqwest::Method::GET, &url, Value::Null).await
    }

    async fn goto(&self, url: &str) {
        self.post("/url", json!({ "url": url })).await;
    }

    async fn url(&self) -> String {
        self.get("/url").await.as_str().unwrap().to_owned()
    }

    /// The element matching `css` now, if any.
    async fn find_now(&self, css: &str) -> Option<String> {
        let found = self
            .post("/elements", json!({"using": "css selector", "value": css}))
            .await;
        found.as_array()?.first()?[ELEMENT]
            .as_str()
            .map(str::to_owned)
    }

    /// Polls `check` until it gives a value; after [`PATIENCE`], fails with `what` and the
    /// page's address and source.
    async fn until<T, F>(&self, what: &str, mut check: impl FnMut() -> F) -> T
    where
        F: std::future::Future<Output = Option<T>>,
    {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            if let Some(value) = check().await {
                return value;
            }
            if tokio::time::Instant::now() >= deadline {
                let source = self.get("/source").await;
                panic!("{what} on {}: {source}", self.url().await);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The element matching `css`, waiting for it to appear.
    async fn find(&self, css: &str) -> String {
        self.until(&format!("no {css}"), || self.find_now(css))
            .await
    }

    async fn click(&self, css: &str) {
        let element = self.find(css).await;
        self.post(&format!("/element/{element}/click"), json!({}))
            .await;
    }

    async fn text(&self, css: &str) -> String {
        let element = self.find(css).await;
        let text = self.get(&format!("/element/{element}/text")).await;
        text.as_str().unwrap_or_default().to_owned()
    }

    async fn fill(&self, css: &str, value: &str) {
        let element = self.find(css).await;
        self.post(&format!("/element/{element}/clear"), json!({}))
            .await;
        self.post(
            &format!("/element/{element}/value"),
            json!({ "text": value }),
        )
        .await;
    }

    /// Enters the iframe matching `css`.
    async fn enter_frame(&self, css: &str) {
        let frame = self.find(css).await;
        self.post("/frame", json!({"id": {ELEMENT: frame}})).await;
    }

    async fn leave_frames(&self) {
        self.post("/frame", json!({ "id": null })).await;
    }

    /// Waits until the text of `css` is `expected` (the page may reload meanwhile).
    async fn wait_for_text(&self, css: &str, expected: &str) {
        let check = || async {
            let element = self.find_now(css).await?;
            let url = format!("{}/element/{element}/text", self.session);
            // The element may go stale as the page refreshes: then look again.
            let answer = self.http.get(&url).send().await.ok()?;
            let value: Value = serde_json::from_slice(&answer.bytes().await.ok()?).ok()?;
            (value["value"].as_str() == Some(expected)).then_some(())
        };
        self.until(&format!("{css} never said {expected:?}"), check)
            .await;
    }

    async fn wait_for_url(&self, part: &str) -> String {
        let check = || async {
            let url = self.url().await;
            url.contains(part).then_some(url)
        };
        self.until(&format!("never reached {part}"), check).await
    }

    /// Runs a script in the page and returns its value.
    async fn execute(&self, script: &str) -> Value {
        self.post("/execute/sync", json!({"script": script, "args": []}))
            .await
    }

    async fn screenshot(&self, path: &Path) {
        let png = self.get("/screenshot").await;
        let png = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().unwrap())
            .unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }

    async fn close(self) {
        let url = self.session.clone();
        let _ = self.http.delete(url).send().await;
    }
}

/// The browser, or `None` (with a notice) where Chromium is not installed outside CI.
async fn browser() -> Option<Browser> {
    let chromium = binary("CHROMIUM", "/usr/bin/chromium");
    let chromedriver = binary("CHROMEDRIVER", "/usr/bin/chromedriver");
    match (chromium, chromedriver) {
        (Some(chromium), Some(chromedriver)) => {
            Some(Browser::start(&chromium, &chromedriver).await)
        }
        _ if std::env::var_os("CI").is_some() => {
            panic!("CI needs Chromium and ChromeDriver (apt-get install chromium chromium-driver)")
        }
        _ => {
            eprintln!(
                "SKIPPED browser test: install Debian's chromium and chromium-driver (or set \
                 CHROMIUM and CHROMEDRIVER) to run it"
            );
            None
        }
    }
}

fn order_id_of(url: &str) -> String {
    url.rsplit('/').next().unwrap().to_owned()
}

/// Snap checkout: click Pay, choose a bank transfer in the popup, go back to the shop, settle
/// through the simulator's control API, and see the order page turn paid once the signed
/// notification arrived.
async fn snap_checkout(browser: &Browser, shop: &RunningShop) {
    browser.goto(&format!("{}/", shop.url)).await;
    browser.click("#pay-snap").await;
    browser.enter_frame("#snap-midtrans-frame").await;
    browser.click("#method-permata_va").await;
    assert_eq!(browser.text("#transaction-status").await, "pending");
    let va_number = browser.text("#va-number").await;
    assert!(!va_number.is_empty());
    browser.click("#back-to-merchant").await;
    browser.leave_frames().await;

    // snap.js ran onPending: the shop shows the order.
    let url = browser.wait_for_url("/orders/").await;
    let order_id = order_id_of(&url);
    browser
        .wait_for_text("#order-status", "waiting for payment")
        .await;
    let order = shop.shop.order(&order_id).await.unwrap().unwrap();
    assert_eq!(order.checkout, "snap");
    // Learnt from the pending notification: the number the popup showed.
    assert_eq!(browser.text("#va-number").await, va_number);

    // The customer transfers the money: the control API, over HTTP as any test tool would.
    let settled = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .post(format!(
            "{}/_mock/orders/{order_id}/pay",
            shop.mock.core_url()
        ))
        .send()
        .await
        .unwrap();
    assert!(settled.status().is_success());

    // The order page refreshes itself until the notification has been applied.
    browser.wait_for_text("#order-status", "paid").await;
    assert_eq!(browser.text("#transaction-status").await, "settlement");
    let received = shop.shop.received(&order_id).await.unwrap();
    assert!(
        received
            .iter()
            .any(|r| r.transaction_status == "settlement" && r.outcome == "applied"),
        "{received:?}"
    );
    let screenshot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser/order-paid.png");
    browser.screenshot(&screenshot).await;
    println!("screenshot: {}", screenshot.display());
}

/// Card checkout: the card script gets a token in the browser, the shop charges it with
/// 3-D Secure, the issuer's page takes the OTP in an iframe, and the order is paid.
async fn card_checkout(browser: &Browser, shop: &RunningShop) {
    browser.goto(&format!("{}/", shop.url)).await;
    browser.click("#pay-card").await;
    browser.fill("#card-number", "4811 1111 1111 1114").await;
    browser.click("#pay").await;
    browser.enter_frame("#three-ds-frame").await;
    browser.fill("#otp", "112233").await;
    browser.click("#authenticate").await;
    browser.click("#back-to-merchant").await;
    browser.leave_frames().await;
    let url = browser.wait_for_url("/orders/").await;
    browser.wait_for_text("#order-status", "paid").await;
    assert_eq!(browser.text("#transaction-status").await, "capture");
    let order = shop.shop.order(&order_id_of(&url)).await.unwrap().unwrap();
    assert_eq!(order.checkout, "card");
    assert_eq!(order.fraud_status.as_deref(), Some("accept"));
}

/// A call to the shop's simulator with its server key, as a backend makes it.
async fn api(shop: &RunningShop, path: &str, body: Value) -> Value {
    let answer = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .post(format!("{}{path}", shop.mock.core_url()))
        .basic_auth(&shop.mock.config().server_key, Some(""))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap()
}

/// GoPay without Snap: the customer opens the charge's deeplink page, sees its QR code (a
/// decoded image), and pays there.
async fn gopay_deeplink(browser: &Browser, shop: &RunningShop) {
    let charged = api(
        shop,
        "/v2/charge",
        json!({"payment_type": "gopay", "transaction_details": {"order_id": "browser-gopay-1", "gross_amount": 44000}}),
    )
    .await;
    let deeplink = charged["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "deeplink-redirect")
        .unwrap()["url"]
        .as_str()
        .unwrap()
        .to_owned();
    browser.goto(&deeplink).await;
    browser.find("#qr-code").await;
    let loaded = || async {
        let size = browser
            .execute(
                "var img = document.getElementById('qr-code'); \
                 return img && img.complete ? img.naturalWidth : 0;",
            )
            .await;
        size.as_u64().filter(|width| *width > 0)
    };
    let width = browser.until("the QR image never loaded", loaded).await;
    assert!(width >= 100, "a QR code of {width} pixels");
    browser.click("#pay").await;
    browser
        .wait_for_text("#transaction-status", "settlement")
        .await;
}

/// The Snap page shows only the methods `enabled_payments` names, grouped.
async fn snap_enabled_payments(browser: &Browser, shop: &RunningShop) {
    let created = api(
        shop,
        "/snap/v1/transactions",
        json!({
            "transaction_details": {"order_id": "browser-snap-enabled", "gross_amount": 30000},
            "item_details": [{"id": "a", "name": "Kopi", "price": 15000, "quantity": 2}],
            "enabled_payments": ["gopay", "bca_va"],
        }),
    )
    .await;
    browser
        .goto(created["redirect_url"].as_str().unwrap())
        .await;
    browser.find("#method-gopay").await;
    browser.find("#method-bca_va").await;
    let offered = browser
        .execute(
            "return Array.from(document.querySelectorAll('[id^=\"method-\"]')).map(e => e.id);",
        )
        .await;
    assert_eq!(offered, json!(["method-bca_va", "method-gopay"]));
    assert!(browser.text("#items").await.contains("Kopi"));
    let screenshot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser/snap-page.png");
    browser.screenshot(&screenshot).await;
}

/// The simulator's dashboard: a Snap payment made in the popup appears, is settled with its
/// button, and its delivery log shows each notification's attempts — the pending one answered
/// 503 by the shop first, then taken on Midtrans's retry.
async fn dashboard(browser: &Browser, shop: &RunningShop) {
    use std::sync::atomic::Ordering;
    shop.hold_pending.store(true, Ordering::SeqCst);
    browser.goto(&format!("{}/", shop.url)).await;
    browser.click("#pay-snap").await;
    browser.enter_frame("#snap-midtrans-frame").await;
    browser.click("#method-bca_va").await;
    assert_eq!(browser.text("#transaction-status").await, "pending");
    browser.click("#back-to-merchant").await;
    browser.leave_frames().await;
    let order_id = order_id_of(&browser.wait_for_url("/orders/").await);
    // The shop refused the pending notification once (503); then it takes the retry.
    let refused = || async {
        shop.mock
            .deliveries()
            .iter()
            .any(|d| d.subject == order_id && d.attempts.iter().any(|a| a.status == Some(503)))
            .then_some(())
    };
    browser
        .until("the pending notification was never refused", refused)
        .await;
    shop.hold_pending.store(false, Ordering::SeqCst);

    browser.goto(&shop.mock.dashboard_url()).await;
    browser
        .click(&format!("tr[data-order=\"{order_id}\"] a"))
        .await;
    browser.wait_for_text("#order-id", &order_id).await;
    assert_eq!(browser.text("#status").await, "pending");
    browser.click("#action-pay").await;
    browser.wait_for_text("#status", "settlement").await;
    let attempts = || async {
        let rows = browser
            .execute(
                "return Array.from(document.querySelectorAll('.delivery')).map(d => \
                 Array.from(d.querySelectorAll('tr.attempt td:nth-child(3)')).map(c => c.textContent));",
            )
            .await;
        let rows: Vec<Vec<String>> = serde_json::from_value(rows).ok()?;
        let pending_retried = rows.iter().any(|r| {
            r.first().map(String::as_str) == Some("503")
                && r.last().map(String::as_str) == Some("200")
        });
        let settled = rows
            .iter()
            .filter(|r| r.last().map(String::as_str) == Some("200"))
            .count()
            >= 2;
        if pending_retried && settled {
            Some(rows)
        } else {
            // Deliveries still under way: look again.
            browser.goto(&browser.url().await).await;
            None
        }
    };
    let rows = browser
        .until(
            "the delivery log never showed both notifications' attempts",
            attempts,
        )
        .await;
    assert!(rows.len() >= 2, "{rows:?}");
    // Each delivery shows the signed body (folded away: read its text, not what is shown).
    let log = browser
        .execute("return document.getElementById('deliveries').textContent;")
        .await;
    assert!(
        log.as_str().unwrap_or_default().contains("signature_key"),
        "{log}"
    );
    let screenshot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser/dashboard-order.png");
    browser.screenshot(&screenshot).await;
    // The list filters by status.
    browser
        .goto(&format!("{}?status=settlement", shop.mock.dashboard_url()))
        .await;
    browser
        .find(&format!("tr[data-order=\"{order_id}\"]"))
        .await;
    let screenshot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser/dashboard.png");
    browser.screenshot(&screenshot).await;
    println!("screenshot: {}", screenshot.display());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn web_shop_checkouts_in_headless_chromium() {
    let Some(browser) = browser().await else {
        return;
    };
    let shop = start_shop("browser").await;
    snap_checkout(&browser, &shop).await;
    card_checkout(&browser, &shop).await;
    gopay_deeplink(&browser, &shop).await;
    snap_enabled_payments(&browser, &shop).await;
    dashboard(&browser, &shop).await;
    browser.close().await;
}
