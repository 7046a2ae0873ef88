//! The web shop: pages, checkouts, the notification endpoint and the order database.
//!
//! Used by `main.rs` (the runnable example) and by the end-to-end tests, which include this
//! file as a module.

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{FromRef, Path as UrlPath, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use midtrans::types::charge::{BankTransfer, ChargeRequest, CreditCard};
use midtrans::types::snap::{Callbacks, SnapRequest};
use midtrans::types::{
    CustomerDetails, Idr, ItemDetails, Transaction, TransactionDetails, TransactionStatus,
};
use midtrans::{Client, VerifiedNotification};
use rusqlite::{params, Connection, OptionalExtension};

/// The one product on sale.
const PRODUCT: &str = "Midtrans Bear";
/// Its price in rupiah.
const PRICE: u64 = 150_000;

/// What the shop needs to run.
#[derive(Clone, Debug)]
pub(crate) struct ShopConfig {
    /// The Midtrans client (server key inside).
    pub(crate) client: Client,
    /// The client key the browser scripts send (`data-client-key`).
    pub(crate) client_key: String,
    /// Where pages load `snap.js` from (Midtrans's, or the simulator's).
    pub(crate) snap_js_url: String,
    /// Where pages load the card script from.
    pub(crate) card_js_url: String,
    /// This shop's own base URL, for Snap's finish redirect.
    pub(crate) public_url: String,
}

/// The shop: configuration and the order database, shared by every request.
#[derive(Clone)]
pub(crate) struct Shop {
    config: Arc<ShopConfig>,
    db: Arc<Mutex<Connection>>,
}

/// An order as the database holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Order {
    /// The order id sent to Midtrans.
    pub(crate) order_id: String,
    /// What was bought.
    pub(crate) product: String,
    /// The price in rupiah.
    pub(crate) amount: u64,
    /// `snap`, `card` or `permata`.
    pub(crate) checkout: String,
    /// The Midtrans `transaction_status` last applied, or `created` before any.
    pub(crate) status: String,
    /// The Midtrans `fraud_status` last applied.
    pub(crate) fraud_status: Option<String>,
    /// The virtual account number to pay to, for bank transfers.
    pub(crate) va_number: Option<String>,
}

impl Order {
    /// Whether the goods can ship: settled, or captured and accepted by fraud detection.
    pub(crate) fn is_paid(&self) -> bool {
        self.status == "settlement"
            || (self.status == "capture" && self.fraud_status.as_deref() != Some("challenge"))
    }

    /// The status in the customer's words.
    pub(crate) fn label(&self) -> &'static str {
        match self.status.as_str() {
            _ if self.is_paid() => "paid",
            "created" => "not paid yet",
            "pending" | "authorize" | "capture" => "waiting for payment",
            "refund" | "partial_refund" => "refunded",
            "chargeback" | "partial_chargeback" => "charged back",
            _ => "failed",
        }
    }
}

/// One notification as the shop handled it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Received {
    /// The order it was about.
    pub(crate) order_id: String,
    /// The `transaction_status` it carried.
    pub(crate) transaction_status: String,
    /// `applied`, `unchanged` (same status again), `stale` (older than the order's status),
    /// or `rejected` (unknown order or wrong amount).
    pub(crate) outcome: String,
    /// How many more times the same notification arrived after the first.
    pub(crate) duplicates: u32,
}

impl Received {
    /// A row of `SELECT order_id, transaction_status, outcome, duplicates FROM notifications`.
    fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Received> {
        Ok(Received {
            order_id: row.get(0)?,
            transaction_status: row.get(1)?,
            outcome: row.get(2)?,
            duplicates: row.get(3)?,
        })
    }
}

/// Why a request failed; shown to the customer as a short message, logged in full.
#[derive(Debug)]
pub(crate) struct ShopError(String);

impl std::fmt::Display for ShopError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ShopError {}

impl From<rusqlite::Error> for ShopError {
    fn from(error: rusqlite::Error) -> Self {
        ShopError(format!("database: {error}"))
    }
}

impl From<midtrans::Error> for ShopError {
    fn from(error: midtrans::Error) -> Self {
        ShopError(format!("Midtrans: {error}"))
    }
}

impl From<midtrans::types::BuildError> for ShopError {
    fn from(error: midtrans::types::BuildError) -> Self {
        ShopError(format!("request: {error}"))
    }
}

impl IntoResponse for ShopError {
    fn into_response(self) -> Response {
        eprintln!("web shop: {self}");
        let body = serde_json::json!({ "error": "the payment could not be started" });
        (StatusCode::BAD_GATEWAY, Json(body)).into_response()
    }
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS orders (
    order_id     TEXT PRIMARY KEY,
    product      TEXT NOT NULL,
    amount       INTEGER NOT NULL,
    checkout     TEXT NOT NULL,
    status       TEXT NOT NULL,
    fraud_status TEXT,
    va_number    TEXT,
    updated_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE IF NOT EXISTS notifications (
    delivery_key       TEXT PRIMARY KEY,
    order_id           TEXT NOT NULL,
    transaction_status TEXT NOT NULL,
    outcome            TEXT NOT NULL,
    duplicates         INTEGER NOT NULL DEFAULT 0,
    received_at        TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
";

impl Shop {
    /// Opens (or creates) the database at `path` and the shop over it.
    ///
    /// # Errors
    /// The database cannot be opened or its tables created.
    pub(crate) fn open(config: ShopConfig, path: &Path) -> Result<Shop, ShopError> {
        let db = Connection::open(path)?;
        // Concurrent notifications wait for each other instead of failing.
        db.busy_timeout(std::time::Duration::from_secs(5))?;
        db.execute_batch(SCHEMA)?;
        Ok(Shop {
            config: Arc::new(config),
            db: Arc::new(Mutex::new(db)),
        })
    }

    /// The shop's routes.
    pub(crate) fn router(self) -> Router {
        Router::new()
            .route("/", get(product_page))
            .route("/checkout/snap", post(checkout_snap))
            .route("/checkout/card", get(card_page).post(checkout_card))
            .route("/checkout/permata", post(checkout_permata))
            .route("/orders/{order_id}", get(order_page))
            .route("/midtrans/notification", post(notification))
            .with_state(self)
    }

    /// Runs `work` on the database on a blocking thread, so requests never stall the runtime.
    async fn db<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Connection) -> Result<T, ShopError> + Send + 'static,
    ) -> Result<T, ShopError> {
        let db = Arc::clone(&self.db);
        tokio::task::spawn_blocking(move || {
            let mut db = db.lock().unwrap_or_else(PoisonError::into_inner);
            work(&mut db)
        })
        .await
        .map_err(|e| ShopError(format!("database task: {e}")))?
    }

    /// One order.
    ///
    /// # Errors
    /// A database failure.
    pub(crate) async fn order(&self, order_id: &str) -> Result<Option<Order>, ShopError> {
        let order_id = order_id.to_owned();
        self.db(move |db| {
            Ok(db
                .query_row(
                    "SELECT order_id, product, amount, checkout, status, fraud_status, va_number
                     FROM orders WHERE order_id = ?1",
                    [&order_id],
                    |row| {
                        Ok(Order {
                            order_id: row.get(0)?,
                            product: row.get(1)?,
                            amount: row.get(2)?,
                            checkout: row.get(3)?,
                            status: row.get(4)?,
                            fraud_status: row.get(5)?,
                            va_number: row.get(6)?,
                        })
                    },
                )
                .optional()?)
        })
        .await
    }

    /// The notifications received for one order, oldest first.
    ///
    /// # Errors
    /// A database failure.
    pub(crate) async fn received(&self, order_id: &str) -> Result<Vec<Received>, ShopError> {
        let order_id = order_id.to_owned();
        self.db(move |db| {
            let mut query = db.prepare(
                "SELECT order_id, transaction_status, outcome, duplicates FROM notifications
                 WHERE order_id = ?1 ORDER BY rowid",
            )?;
            let rows = query.query_map([&order_id], Received::from_row)?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await
    }

    /// Records a new order, not paid yet.
    async fn create_order(&self, checkout: &str) -> Result<Order, ShopError> {
        let millis = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_micros());
        let order = Order {
            order_id: format!("shop-{checkout}-{millis}"),
            product: PRODUCT.to_owned(),
            amount: PRICE,
            checkout: checkout.to_owned(),
            status: "created".to_owned(),
            fraud_status: None,
            va_number: None,
        };
        let row = order.clone();
        self.db(move |db| {
            db.execute(
                "INSERT INTO orders (order_id, product, amount, checkout, status)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    row.order_id,
                    row.product,
                    row.amount,
                    row.checkout,
                    row.status
                ],
            )?;
            Ok(())
        })
        .await?;
        Ok(order)
    }

    /// Applies what a charge answered (its status and the number to pay to), unless a
    /// notification already moved the order further.
    async fn record_charge(&self, answer: &Transaction) -> Result<(), ShopError> {
        let Some(order_id) = answer.order_id.as_ref().map(|id| id.as_str().to_owned()) else {
            return Ok(());
        };
        let status = answer.transaction_status.clone();
        let fraud = answer.fraud_status.as_ref().map(|f| f.as_str().to_owned());
        let va_number = va_number(answer);
        let answer = answer.clone();
        self.db(move |db| {
            let tx = db.transaction()?;
            let current: Option<String> = tx
                .query_row(
                    "SELECT status FROM orders WHERE order_id = ?1",
                    [&order_id],
                    |row| row.get(0),
                )
                .optional()?;
            tx.execute(
                "UPDATE orders SET va_number = COALESCE(?2, va_number) WHERE order_id = ?1",
                params![order_id, va_number],
            )?;
            if let (Some(current), Some(status)) = (current, status) {
                if advances(&answer, &current) {
                    tx.execute(
                        "UPDATE orders SET status = ?2, fraud_status = ?3,
                         updated_at = CURRENT_TIMESTAMP WHERE order_id = ?1",
                        params![order_id, status.as_str(), fraud],
                    )?;
                }
            }
            tx.commit()?;
            Ok(())
        })
        .await
    }

    /// Handles one verified notification exactly once: a repeat of a notification already
    /// handled changes nothing, and a status older than the order's (out of order delivery)
    /// is recorded but not applied. All in one database transaction.
    ///
    /// # Errors
    /// A database failure (the endpoint then answers 500 and Midtrans retries).
    pub(crate) async fn apply(
        &self,
        notification: VerifiedNotification,
    ) -> Result<Received, ShopError> {
        let Some(key) = notification.delivery_key() else {
            return Err(ShopError("notification without a transaction id".into()));
        };
        let order_id = notification.order_id().as_str().to_owned();
        let status = notification.transaction_status().clone();
        let fraud = notification.fraud_status().map(|f| f.as_str().to_owned());
        let va_number = va_number(&notification);
        let amount = notification.gross_amount().to_idr().map(Idr::value);
        let received = Transaction::clone(&notification);
        self.db(move |db| {
            let tx = db.transaction()?;
            let seen: Option<Received> = tx
                .query_row(
                    "SELECT order_id, transaction_status, outcome, duplicates
                     FROM notifications WHERE delivery_key = ?1",
                    [&key],
                    Received::from_row,
                )
                .optional()?;
            if let Some(mut seen) = seen {
                tx.execute(
                    "UPDATE notifications SET duplicates = duplicates + 1 WHERE delivery_key = ?1",
                    [&key],
                )?;
                tx.commit()?;
                seen.duplicates += 1;
                return Ok(seen);
            }
            let order: Option<(String, u64)> = tx
                .query_row(
                    "SELECT status, amount FROM orders WHERE order_id = ?1",
                    [&order_id],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            let outcome = match order {
                // Not ours, or not the amount we asked for: never fulfil on it.
                None => "rejected",
                Some((_, expected)) if amount != Some(expected) => "rejected",
                Some((current, _)) if current == status.as_str() => "unchanged",
                Some((current, _)) if !advances(&received, &current) => "stale",
                Some(_) => {
                    tx.execute(
                        "UPDATE orders SET status = ?2, fraud_status = ?3,
                         updated_at = CURRENT_TIMESTAMP WHERE order_id = ?1",
                        params![order_id, status.as_str(), fraud],
                    )?;
                    "applied"
                }
            };
            if outcome != "rejected" {
                // A Snap payment's virtual account number is first known from its notification.
                tx.execute(
                    "UPDATE orders SET va_number = COALESCE(va_number, ?2) WHERE order_id = ?1",
                    params![order_id, va_number],
                )?;
            }
            tx.execute(
                "INSERT INTO notifications (delivery_key, order_id, transaction_status, outcome)
                 VALUES (?1, ?2, ?3, ?4)",
                params![key, order_id, status.as_str(), outcome],
            )?;
            tx.commit()?;
            Ok(Received {
                order_id,
                transaction_status: status.as_str().to_owned(),
                outcome: outcome.to_owned(),
                duplicates: 0,
            })
        })
        .await
    }
}

/// The number to pay to, for a bank transfer.
fn va_number(transaction: &Transaction) -> Option<String> {
    transaction.permata_va_number.clone().or_else(|| {
        transaction
            .va_numbers
            .as_ref()
            .and_then(|numbers| numbers.first())
            .map(|n| n.va_number.clone())
    })
}

/// Whether `new`'s status may replace the stored status `current`: anything replaces
/// `created`; nothing moves a payment backwards (`pending` after `settlement`, or a card's
/// `deny` after `settlement`, which is a declined refund: the payment stays settled).
fn advances(new: &Transaction, current: &str) -> bool {
    current == "created" || !new.is_regression_from(&TransactionStatus::from(current))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title></head>\n\
         <body style=\"font-family:sans-serif;max-width:40em;margin:2em auto\">\n{body}</body></html>\n",
        title = escape(title),
    ))
}

async fn product_page(State(shop): State<Shop>) -> Html<String> {
    let config = &shop.config;
    page(
        "Midtrans Bear — web shop",
        &format!(
            "<h1>{PRODUCT}</h1>\n<p>A very soft bear. <strong>IDR {PRICE}</strong></p>\n\
             <p><button id=\"pay-snap\" type=\"button\">Pay with Snap</button></p>\n\
             <p><a id=\"pay-card\" href=\"/checkout/card\">Pay by card</a></p>\n\
             <form method=\"post\" action=\"/checkout/permata\">\
             <button id=\"pay-permata\" type=\"submit\">Pay by Permata virtual account</button></form>\n\
             <p id=\"message\" role=\"status\"></p>\n\
             <script src=\"{snap_js}\" data-client-key=\"{client_key}\"></script>\n\
             <script>\n\
             document.getElementById(\"pay-snap\").onclick = async function () {{\n\
               var message = document.getElementById(\"message\");\n\
               var answer = await fetch(\"/checkout/snap\", {{ method: \"POST\" }});\n\
               var order = await answer.json();\n\
               if (!answer.ok) {{ message.textContent = order.error; return; }}\n\
               var show = function () {{\n\
                 window.location.href = \"/orders/\" + encodeURIComponent(order.order_id);\n\
               }};\n\
               window.snap.pay(order.token, {{\n\
                 onSuccess: show, onPending: show, onError: show,\n\
                 onClose: function () {{\n\
                   message.textContent = \"The payment window was closed; order \" +\n\
                     order.order_id + \" is kept.\";\n\
                 }}\n\
               }});\n\
             }};\n\
             </script>\n",
            snap_js = escape(&config.snap_js_url),
            client_key = escape(&config.client_key),
        ),
    )
}

/// Starts a Snap payment: the order is stored first, then Midtrans gives the token the page
/// hands to `snap.pay`.
async fn checkout_snap(State(shop): State<Shop>) -> Result<Json<serde_json::Value>, ShopError> {
    let order = shop.create_order("snap").await?;
    let request = SnapRequest::builder(TransactionDetails::new(
        order.order_id.as_str(),
        Idr::new(order.amount),
    ))
    .item(ItemDetails::new(PRODUCT, Idr::new(PRICE), 1).id("bear-1"))
    .customer_details(
        CustomerDetails::new()
            .first_name("Budi")
            .email("budi@example.com"),
    )
    .callbacks(Callbacks::finish(format!(
        "{}/orders/{}",
        shop.config.public_url, order.order_id
    )))
    .build()?;
    let token = shop
        .config
        .client
        .snap()
        .create_transaction_token(&request)
        .send()
        .await?;
    Ok(Json(serde_json::json!({
        "order_id": order.order_id,
        "token": token.as_str(),
    })))
}

async fn card_page(State(shop): State<Shop>) -> Html<String> {
    let config = &shop.config;
    page(
        "Pay by card — web shop",
        &format!(
            "<h1>Pay IDR {PRICE} by card</h1>\n\
             <form id=\"card-form\">\n\
             <p><label>Card number <input id=\"card-number\" value=\"4811 1111 1111 1114\" \
             autocomplete=\"cc-number\"></label></p>\n\
             <p><label>Expiry month <input id=\"card-exp-month\" value=\"12\" size=\"2\"></label>\n\
             <label>year <input id=\"card-exp-year\" value=\"2030\" size=\"4\"></label></p>\n\
             <p><label>CVV <input id=\"card-cvv\" value=\"123\" size=\"4\"></label></p>\n\
             <p><button id=\"pay\" type=\"submit\">Pay</button></p>\n</form>\n\
             <p id=\"message\" role=\"status\"></p>\n\
             <p><small>The card number goes from this page to Midtrans, never to the shop's \
             server: the shop only sees the token.</small></p>\n\
             <script id=\"midtrans-script\" src=\"{card_js}\" data-environment=\"sandbox\" \
             data-client-key=\"{client_key}\"></script>\n\
             <script>\n\
             var message = document.getElementById(\"message\");\n\
             var value = function (id) {{ return document.getElementById(id).value; }};\n\
             document.getElementById(\"card-form\").onsubmit = function (event) {{\n\
               event.preventDefault();\n\
               message.textContent = \"Checking the card…\";\n\
               MidtransNew3ds.getCardToken({{\n\
                 card_number: value(\"card-number\"), card_exp_month: value(\"card-exp-month\"),\n\
                 card_exp_year: value(\"card-exp-year\"), card_cvv: value(\"card-cvv\")\n\
               }}, {{\n\
                 onSuccess: async function (card) {{\n\
                   var answer = await fetch(\"/checkout/card\", {{\n\
                     method: \"POST\", headers: {{ \"content-type\": \"application/json\" }},\n\
                     body: JSON.stringify({{ token_id: card.token_id }})\n\
                   }});\n\
                   var order = await answer.json();\n\
                   if (!answer.ok) {{ message.textContent = order.error; return; }}\n\
                   var show = function () {{\n\
                     window.location.href = \"/orders/\" + encodeURIComponent(order.order_id);\n\
                   }};\n\
                   if (!order.redirect_url) {{ show(); return; }}\n\
                   MidtransNew3ds.authenticate(order.redirect_url, {{\n\
                     performAuthentication: function (url) {{\n\
                       var frame = document.createElement(\"iframe\");\n\
                       frame.id = \"three-ds-frame\"; frame.src = url;\n\
                       frame.setAttribute(\"style\", \"width:100%;height:24em;border:1px solid #ccc\");\n\
                       document.body.appendChild(frame);\n\
                     }},\n\
                     onSuccess: show, onPending: show, onFailure: show\n\
                   }});\n\
                 }},\n\
                 onFailure: function (answer) {{\n\
                   message.textContent = \"Card not accepted: \" +\n\
                     (answer.validation_messages || [answer.status_message]).join(\", \");\n\
                 }}\n\
               }});\n\
             }};\n\
             </script>\n",
            card_js = escape(&config.card_js_url),
            client_key = escape(&config.client_key),
        ),
    )
}

/// The card token the page got from Midtrans.
#[derive(serde::Deserialize)]
struct CardToken {
    token_id: String,
}

/// Charges the card token with 3-D Secure; the page then opens the answer's `redirect_url`.
async fn checkout_card(
    State(shop): State<Shop>,
    Json(card): Json<CardToken>,
) -> Result<Json<serde_json::Value>, ShopError> {
    let order = shop.create_order("card").await?;
    let request = ChargeRequest::builder(
        TransactionDetails::new(order.order_id.as_str(), Idr::new(order.amount)),
        CreditCard::new(card.token_id).authentication(true),
    )
    .item(ItemDetails::new(PRODUCT, Idr::new(PRICE), 1).id("bear-1"))
    .build()?;
    let answer = shop.config.client.core().charge(&request).send().await?;
    shop.record_charge(&answer).await?;
    Ok(Json(serde_json::json!({
        "order_id": order.order_id,
        "transaction_status": answer.transaction_status.as_ref().map(TransactionStatus::as_str),
        "redirect_url": answer.redirect_url,
    })))
}

/// Charges a Permata virtual account and shows the order with the number to pay to.
async fn checkout_permata(State(shop): State<Shop>) -> Result<Redirect, ShopError> {
    let order = shop.create_order("permata").await?;
    let request = ChargeRequest::builder(
        TransactionDetails::new(order.order_id.as_str(), Idr::new(order.amount)),
        BankTransfer::permata(),
    )
    .item(ItemDetails::new(PRODUCT, Idr::new(PRICE), 1).id("bear-1"))
    .build()?;
    let answer = shop.config.client.core().charge(&request).send().await?;
    shop.record_charge(&answer).await?;
    Ok(Redirect::to(&format!("/orders/{}", order.order_id)))
}

async fn order_page(State(shop): State<Shop>, UrlPath(order_id): UrlPath<String>) -> Response {
    let order = match shop.order(&order_id).await {
        Ok(Some(order)) => order,
        Ok(None) => {
            return (
                StatusCode::NOT_FOUND,
                page("Not found", "<h1>No such order</h1>"),
            )
                .into_response()
        }
        Err(error) => {
            eprintln!("web shop: {error}");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let va = order.va_number.as_deref().map_or(String::new(), |number| {
        format!(
            "<p>Virtual account: <code id=\"va-number\">{}</code></p>\n",
            escape(number)
        )
    });
    // While the payment is open the page refreshes itself, so the customer sees it turn paid.
    let refresh = if order.label() == "waiting for payment" || order.status == "created" {
        "<meta http-equiv=\"refresh\" content=\"2\">\n"
    } else {
        ""
    };
    let mut html = page(
        &format!("Order {}", order.order_id),
        &format!(
            "{refresh}<h1>Order <code id=\"order-id\">{id}</code></h1>\n\
             <p>{product}, IDR {amount}</p>\n\
             <p>Status: <strong id=\"order-status\">{label}</strong> \
             (<code id=\"transaction-status\">{status}</code>)</p>\n{va}\
             <p><a href=\"/\">Back to the shop</a></p>\n",
            id = escape(&order.order_id),
            product = escape(&order.product),
            amount = order.amount,
            label = order.label(),
            status = escape(&order.status),
        ),
    )
    .into_response();
    html.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    html
}

/// The notification extractor verifies with the shop's client.
impl FromRef<Shop> for Client {
    fn from_ref(shop: &Shop) -> Client {
        shop.config.client.clone()
    }
}

/// Midtrans's HTTP notification: the extractor verified the raw body (SHA-512 signature with
/// the server key) before anything in it is trusted — a forged body was answered 401, a
/// malformed one 400, without this running — and it is applied once.
async fn notification(State(shop): State<Shop>, notification: VerifiedNotification) -> StatusCode {
    match shop.apply(notification).await {
        Ok(received) => {
            println!(
                "web shop: notification {} for {}: {}{}",
                received.transaction_status,
                received.order_id,
                received.outcome,
                if received.duplicates > 0 {
                    " (repeat, ignored)"
                } else {
                    ""
                }
            );
            StatusCode::OK
        }
        // Midtrans retries on 5xx: nothing is lost while the database is unavailable.
        Err(error) => {
            eprintln!("web shop: {error}");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}
