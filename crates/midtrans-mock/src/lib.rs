//! `midtrans-mock`: an offline, stateful Midtrans simulator.
//!
//! It answers the Core API and Snap as Midtrans does — charges for every payment type with
//! realistic answers, status, capture, approve/deny, cancel, expire, refunds, card utilities,
//! subscriptions, GoPay tokenization, Snap tokens with a payment page — and sends correctly
//! signed notifications on every state change. Tests drive it through a control API (pay,
//! expire, challenge, chargeback) and can inject faults (latency, 5xx answers, connections
//! dropped after the state change is committed).
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let mock = midtrans_mock::MockServer::start(midtrans_mock::MockConfig::default()).await?;
//! println!("Core API at {}, Snap at {}", mock.core_url(), mock.snap_url());
//! mock.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! # Behaviour
//!
//! * Keys: HTTP Basic with the server key; card token and card register also accept the client
//!   key (query `client_key` or Basic), BIN either key. Anything else answers Midtrans's 401.
//! * Sandbox cards ([Midtrans docs](https://docs.midtrans.com/docs/testing-payment-on-sandbox)) decide card outcomes: `4811 1111 1111 1114` accepts (3-D
//!   Secure when `authentication` is set), `5510 1111 1111 1115` is challenged, `4611 …` and
//!   `5411 …` are denied by fraud detection, `4711 …`, `4911 …`, `5111 …`, `5511 …` by the bank.
//! * Rules: approve/deny only under `challenge`; cancel before settlement; expire only while
//!   pending (body `status_code` 407); refunds only once settled (a captured card payment
//!   answers 412: cancel it instead), partial refunds add up and cannot exceed the amount; a
//!   reused `refund_key` is a retry of its refund (the first answer again, nothing more
//!   refunded; with another amount, 406); unknown ids answer 404; impossible transitions 412.
//! * Order ids: every transaction keeps its own record under its transaction id. An order id
//!   is free again after `cancel` or `expire` (Midtrans's docs); charged again, it names the
//!   new transaction while the old transaction id keeps naming the old one. Any other status,
//!   `deny` included, keeps it taken (406). Core checks Midtrans's documented charset
//!   (`A-Za-z0-9-_~.`: "any request containing unauthorized symbols will be automatically
//!   declined", [transaction details object](https://docs.midtrans.com/reference/transaction-details-object));
//!   Snap also takes spaces and colons, as the sandbox does (the official Python client's tests
//!   create Snap tokens for order ids such as `py-midtransclient-test-2023-10-18 17:54:07`).
//! * Bodies: at most 1 MiB (413). A charge of JSON `null`, `{}` or nothing answers HTTP 500,
//!   a subscription of `null` HTTP 400 "Bad request", as the sandbox does. Item sums that do
//!   not fit 64 bits are a validation error.
//! * Tokens: a card charge or subscription with a `saved_token_id` this simulator never
//!   issued is refused (411 and 400). A charge with a linked GoPay account's
//!   `payment_option_token` settles at once below IDR 100,000 and answers `pending` with
//!   `verification-link-url`/`-app` actions from it on.
//! * Pages: every URL handed out answers — the `generate-qr-code` PNG (a scannable code of the
//!   QRIS payload), the wallet and bank pages behind `deeplink-redirect`, `redirect_url` and
//!   GoPay's verification and `activation-*` links, the 3-D Secure page, and Snap's page, which
//!   offers only `enabled_payments`, shows the order summary, takes any sandbox card, and sends
//!   the customer to `callbacks.finish` with the order's status.
//! * `Idempotency-Key` (POST, ≤ 46 characters; longer keys are ignored): a repeat within 5
//!   minutes gets the first successful answer, whatever its body; a repeat while the first is
//!   still being processed gets HTTP 202.
//! * Notifications go to `notification_url`, or to the creating request's
//!   `X-Override-Notification` URLs instead, or to `X-Append-Notification` URLs as well. A
//!   non-2xx answer is retried as Midtrans does (500: once, 503: 4 times, 400/404: twice,
//!   301–303: never, others: 5 times), after `retry_delays`.
//! * Iris (under [`MockServer::iris_url`], keys from [`iris`]): beneficiaries (bank codes from
//!   `/beneficiary_banks`, account 6–20 letters or digits, GoPay by `62`/`08` phone number,
//!   alias ≤ 20 letters or digits, alias and account unique), payouts created with the creator
//!   key, approved with the approver key and the OTP (each draws its amount from the balance,
//!   or fails with `016` "Merchant balance is not enough") or rejected; HTTP 202
//!   `{"status": "ok"}` for both. The wrong role's key answers 401. `X-Idempotency-Key` (≤ 100
//!   characters) on payout and beneficiary creation replays the first answer. Statements list
//!   top-ups (credit), approved payouts (debit) and failed ones given back (credit) by Jakarta
//!   date, the dates taken from the query or from a GET's JSON body. Every payout status change
//!   and every top-up is notified to `iris_notification_url` with `Iris-Signature` = hex
//!   SHA-512(body + merchant key).
//! * Payment Link (`/v1/payment-links`, server key): links with the documented checks (order
//!   id ≤ 36, `payment_link_id` of `a-z0-9-`, a taken one 400, a taken order id 409, usage limit
//!   1–1,000,000, fixed amounts equal to their items, dynamic bounds in order), read with their
//!   purchases, deleted. Their pages (`/payment-links/{payment_link_id}`) open a Snap payment
//!   of their own under `{order_id}-{milliseconds}`; settled and pending payments count
//!   against the usage limit (a pending one until it expires, is cancelled or denied), and a
//!   link used up, expired or deleted answers 410.
//! * Invoicing (`/v1/invoices`, server key, `X-Idempotency-Key` on creation): invoices and
//!   quotations with the documented checks (409 "Duplicate order id"); a virtual-account
//!   invoice issues one pending transfer per bank under `{order_id}-{bank}`, a payment-link
//!   invoice a single-use Payment Link under its order id. The status follows from those
//!   payments when read (`paid`, `expired`, `overdue`, `pending`; a quotation `published` until
//!   converted or past its validity); void takes pending or overdue invoices and published
//!   quotations (`rejected` with `cancel_as: client`), else 409; convert takes a published
//!   quotation and issues its ways to pay. Gross amounts add shipping, VAT and exclusive taxes
//!   to the lines after their discounts, less the discount.
//! * Balance mutation (`GET /v1/balance/mutation?currency=IDR&start_time=…&end_time=…`): the
//!   balances at both ends of the window from what the simulator holds — `payin` from settled
//!   payments less their refunds (captured card payments pending), `iris` from the Iris balance
//!   and its movements — as JSON numbers, as Midtrans answers them.
//! * Snap merchant preferences (`GET`/`PATCH /snap/v3/merchant-preferences`, server key): a
//!   `PATCH` changes the fields it gives (channels by name, the brand's fields one by one),
//!   refuses an unknown channel ("Payment type … is invalid for this merchant"), a typeface
//!   not documented or corners over 10, and answers the preferences as they are then.
//! * Virtual accounts: BCA, BNI, BRI, CIMB and Permata through `/v2/charge`, the banks the
//!   legacy charge documents (others: 400); BSI, Danamon and SeaBank through a Snap page
//!   (`bsi_va`, `danamon_va`, `seabank_va`), notified with `va_numbers[].bank`.
//! * Google Pay (under [`MockServer::google_pay_url`], `/panapi`): `POST /google_auth` with the
//!   client key (HTTP Basic) answers `{"authJwt": …}` for `merchantOrigin`, a JWT of the
//!   documented shape signed by no key Google knows; `POST /v2/charge` with the server key takes
//!   a `credit_card` charge with `credit_card.google_pay_token`, paid with Google's test card:
//!   IDR 10,002 and 10,004 succeed (3-D Secure first with `authentication`), 10,001 and 10,003
//!   are denied by the bank, any other amount as an unknown card (`channel_response_code`
//!   `14`). The transaction is a card transaction of the Core API afterwards. A Google Pay
//!   token sent to the Core API's `/v2/charge` has no `token_id` there: 411.
//! * State is bounded in count and in bytes: at most `max_orders` records of each kind
//!   (transactions, Snap sessions, saved cards, subscriptions, pay accounts, idempotency
//!   answers) and `max_state_bytes` of them all together (approximate); the oldest record of
//!   any kind is forgotten first ([`MockServer::retained`] tells what is held).
//!
//! # Control API (HTTP, no authentication; also on [`MockServer`])
//!
//! * `POST /_mock/orders/{order_id or transaction_id}/pay` (or `settle`, `expire`,
//!   `challenge`, `chargeback`); paying a card payment waiting for 3-D Secure applies its
//!   3-D Secure outcome first
//! * `POST /_mock/orders/{id}/deny_refunds` (or `allow_refunds`): the card scheme declines the
//!   transaction's card refunds (body `202`, nothing refunded), as it may since 2026-03-16
//! * `POST /_mock/pay_accounts/{account_id}/enable`
//! * `POST /_mock/iris/payouts/{reference_no}/process` (or `complete`, `fail` with an optional
//!   `{"error_code": "002"}`): the bank moves an approved payout on, through `processed`;
//!   `POST /_mock/iris/accounts/{account}/complete` (or `fail`) does it for every approved
//!   payout to that account; `POST /_mock/iris/top_up` with `{"amount": 1000000}` raises the
//!   balance
//! * `POST /_mock/payment_links/{order_id}/pay` (a settled BCA virtual account payment through
//!   the link), `start` (one left pending), `expire` (the link's time ends)
//! * `POST /_mock/invoices/{id}/pay`: an invoice is paid (its first virtual account, or
//!   through its link)
//! * `GET /_mock/dashboard`: the dashboard (transactions, their history and notification
//!   deliveries, buttons); `GET /_mock/deliveries`: every delivery and its attempts as JSON
//! * `POST /_mock/faults` with
//!   `{"latency_ms": 50, "jitter_ms": 20, "error_rate": 0.1, "drop_rate": 0.05,
//!   "drop_next": 1, "duplicate_notifications": 1}`; `GET /_mock/faults` shows the faults in
//!   force
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod cards;
pub mod cli;
mod dashboard;
pub mod delivery;
mod ids;
mod notify;
mod page;
mod qr;
mod server;
mod sim;

/// The simulator's SNAP-BI test credentials: what a client configured for it uses. They are
/// public test values; never use them with Midtrans.
pub mod snap_bi {
    /// The client id (`X-CLIENT-KEY`) the simulator accepts by default.
    pub const CLIENT_ID: &str = "SB-client-MOCK-snapbi";
    /// The client secret the simulator checks signatures with by default.
    pub const CLIENT_SECRET: &str = "SB-secret-MOCK-snapbi";
    /// A partner id (`X-PARTNER-ID`); the simulator takes any.
    pub const PARTNER_ID: &str = "MOCK-partner";
    /// A channel id (`CHANNEL-ID`); the simulator takes any.
    pub const CHANNEL_ID: &str = "95221";
    /// The merchant's test private key (PKCS#8 PEM), whose public half the simulator holds.
    pub const MERCHANT_PRIVATE_KEY: &str =
        include_str!("assets/snap_bi/merchant-test-private-key.pem");
    /// The merchant's test public key, as registered with the simulator.
    pub const MERCHANT_PUBLIC_KEY: &str =
        include_str!("assets/snap_bi/merchant-test-public-key.pem");
    /// The simulator's public key, standing in for Midtrans's: its notifications verify with
    /// it.
    pub const SIMULATOR_PUBLIC_KEY: &str =
        include_str!("assets/snap_bi/simulator-test-public-key.pem");

    /// `X-SIGNATURE` of a SNAP-BI notification posted to `path` at `timestamp`, signed as the
    /// simulator signs its own (SHA256withRSA over `POST:path:hex(sha256(body)):timestamp`,
    /// base64) with the key [`SIMULATOR_PUBLIC_KEY`] verifies; `None` if signing fails.
    ///
    /// ```
    /// let timestamp = midtrans_mock::snap_bi::timestamp();
    /// let signature = midtrans_mock::snap_bi::sign_notification("/v1.0/debit/notify", b"{}", &timestamp);
    /// assert!(signature.is_some());
    /// ```
    pub fn sign_notification(path: &str, body: &[u8], timestamp: &str) -> Option<String> {
        crate::sim::snap_bi::sign_notification(path, body, timestamp)
    }

    /// The current time as SNAP-BI writes it (`2026-12-01T10:00:00+07:00`), for `X-TIMESTAMP`.
    ///
    /// ```
    /// assert!(midtrans_mock::snap_bi::timestamp().ends_with("+07:00"));
    /// ```
    pub fn timestamp() -> String {
        crate::sim::snap_bi::bi_time(crate::ids::now())
    }
}

/// The simulator's Iris test credentials: what a client configured for it uses. They are
/// public test values; never use them with Midtrans.
pub mod iris {
    /// The creator's API key (creates beneficiaries and payouts).
    pub const CREATOR_KEY: &str = "IRIS-MOCK-creator-key";
    /// The approver's API key (approves and rejects payouts).
    pub const APPROVER_KEY: &str = "IRIS-MOCK-approver-key";
    /// The merchant key `Iris-Signature` is computed with.
    pub const MERCHANT_KEY: &str = "IRIS-MOCK-merchant-key";
    /// The approver's OTP.
    pub const OTP: &str = "335163";
    /// The balance a simulator starts with, in rupiah.
    pub const BALANCE: u64 = 10_000_000;
}

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::oneshot;

use crate::server::Shared;
use crate::sim::{Bases, Reply, Simulator};

/// Settings of a simulator.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct MockConfig {
    /// The server key requests must carry.
    pub server_key: String,
    /// The client key accepted by card token, card register and BIN.
    pub client_key: String,
    /// The merchant id put in answers.
    pub merchant_id: String,
    /// Where notifications go (the dashboard's "Payment Notification URL").
    pub notification_url: Option<String>,
    /// Waits before each notification retry (Midtrans: 2, 10, 30, 90, 210 minutes).
    pub retry_delays: Vec<Duration>,
    /// The most records of each kind kept (transactions, Snap sessions, saved cards,
    /// subscriptions, pay accounts, idempotency keys); the oldest is forgotten first.
    pub max_orders: usize,
    /// The most approximate bytes all records together may take; past it the oldest record
    /// of any kind is forgotten first.
    pub max_state_bytes: usize,
    /// The address to listen on (default `127.0.0.1`).
    pub host: IpAddr,
    /// The port (default 0: any free port).
    pub port: u16,
    /// SNAP-BI: the client id (`X-CLIENT-KEY`) the access-token call must carry.
    pub snap_bi_client_id: String,
    /// SNAP-BI: the client secret every signed call's HMAC is checked with.
    pub snap_bi_client_secret: String,
    /// SNAP-BI: the merchant's registered public key (PEM), which access-token calls are
    /// verified with.
    pub snap_bi_merchant_public_key: String,
    /// SNAP-BI: how long an access token is accepted (default 15 minutes).
    pub snap_bi_token_lifetime: Duration,
    /// SNAP-BI: the merchant's notification URL prefix; notifications go to it followed by
    /// `/v1.0/debit/notify`, `/v1.0/qr/qr-mpm-notify` or `/v1.0/transfer-va/payment`.
    pub snap_bi_notification_url: Option<String>,
    /// SNAP-BI: refuse an `X-TIMESTAMP` further than this from the simulator's clock (off by
    /// default: the official SDKs' timestamps are accepted from any offset).
    pub snap_bi_max_clock_skew: Option<Duration>,
    /// Iris: the creator's API key.
    pub iris_creator_key: String,
    /// Iris: the approver's API key.
    pub iris_approver_key: String,
    /// Iris: the merchant key notifications are signed with (`Iris-Signature`).
    pub iris_merchant_key: String,
    /// Iris: the OTP approvals must carry.
    pub iris_otp: String,
    /// Iris: the balance at the start, in rupiah.
    pub iris_balance: u64,
    /// Iris: where payout and top-up notifications go (the dashboard's Iris notification URL).
    pub iris_notification_url: Option<String>,
}

impl Default for MockConfig {
    fn default() -> Self {
        MockConfig {
            server_key: "SB-Mid-server-MOCK".to_owned(),
            client_key: "SB-Mid-client-MOCK".to_owned(),
            merchant_id: "G123456789".to_owned(),
            notification_url: None,
            retry_delays: [200, 1_000, 3_000, 9_000, 21_000]
                .map(Duration::from_millis)
                .to_vec(),
            max_orders: 100_000,
            max_state_bytes: 256 << 20,
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            snap_bi_client_id: snap_bi::CLIENT_ID.to_owned(),
            snap_bi_client_secret: snap_bi::CLIENT_SECRET.to_owned(),
            snap_bi_merchant_public_key: snap_bi::MERCHANT_PUBLIC_KEY.to_owned(),
            snap_bi_token_lifetime: sim::snap_bi::DEFAULT_TOKEN_LIFETIME,
            snap_bi_notification_url: None,
            snap_bi_max_clock_skew: None,
            iris_creator_key: iris::CREATOR_KEY.to_owned(),
            iris_approver_key: iris::APPROVER_KEY.to_owned(),
            iris_merchant_key: iris::MERCHANT_KEY.to_owned(),
            iris_otp: iris::OTP.to_owned(),
            iris_balance: iris::BALANCE,
            iris_notification_url: None,
        }
    }
}

impl MockConfig {
    /// Sets the server key.
    #[must_use]
    pub fn server_key(mut self, key: impl Into<String>) -> Self {
        self.server_key = key.into();
        self
    }

    /// Sets the client key.
    #[must_use]
    pub fn client_key(mut self, key: impl Into<String>) -> Self {
        self.client_key = key.into();
        self
    }

    /// Sets the notification URL.
    #[must_use]
    pub fn notification_url(mut self, url: impl Into<String>) -> Self {
        self.notification_url = Some(url.into());
        self
    }

    /// SNAP-BI: where notifications go (the prefix before `/v1.0/debit/notify`, …).
    #[must_use]
    pub fn snap_bi_notification_url(mut self, url: impl Into<String>) -> Self {
        self.snap_bi_notification_url = Some(url.into());
        self
    }

    /// SNAP-BI: refuses timestamps further than `skew` from the simulator's clock, as a
    /// server with a strict clock would (case K24 of `docs/fault-plan.md`).
    #[must_use]
    pub fn snap_bi_max_clock_skew(mut self, skew: Duration) -> Self {
        self.snap_bi_max_clock_skew = Some(skew);
        self
    }

    /// SNAP-BI: how long an access token is accepted.
    #[must_use]
    pub fn snap_bi_token_lifetime(mut self, lifetime: Duration) -> Self {
        self.snap_bi_token_lifetime = lifetime;
        self
    }

    /// SNAP-BI: the client id, client secret and the merchant's public key (PEM) the
    /// simulator checks calls with (defaults: [`snap_bi`]'s test credentials).
    #[must_use]
    pub fn snap_bi_credentials(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        merchant_public_key_pem: impl Into<String>,
    ) -> Self {
        self.snap_bi_client_id = client_id.into();
        self.snap_bi_client_secret = client_secret.into();
        self.snap_bi_merchant_public_key = merchant_public_key_pem.into();
        self
    }

    /// Iris: the creator and approver API keys the simulator accepts (defaults: [`iris`]'s).
    ///
    /// ```
    /// let config = midtrans_mock::MockConfig::default().iris_keys("IRIS-creator", "IRIS-approver");
    /// assert_eq!(config.iris_approver_key, "IRIS-approver");
    /// ```
    #[must_use]
    pub fn iris_keys(mut self, creator: impl Into<String>, approver: impl Into<String>) -> Self {
        self.iris_creator_key = creator.into();
        self.iris_approver_key = approver.into();
        self
    }

    /// Iris: the merchant key notifications are signed with.
    ///
    /// ```
    /// let config = midtrans_mock::MockConfig::default().iris_merchant_key("IRIS-merchant");
    /// assert_eq!(config.iris_merchant_key, "IRIS-merchant");
    /// ```
    #[must_use]
    pub fn iris_merchant_key(mut self, key: impl Into<String>) -> Self {
        self.iris_merchant_key = key.into();
        self
    }

    /// Iris: the OTP approvals must carry.
    ///
    /// ```
    /// let config = midtrans_mock::MockConfig::default().iris_otp("123456");
    /// assert_eq!(config.iris_otp, "123456");
    /// ```
    #[must_use]
    pub fn iris_otp(mut self, otp: impl Into<String>) -> Self {
        self.iris_otp = otp.into();
        self
    }

    /// Iris: the balance at the start, in rupiah.
    ///
    /// ```
    /// let config = midtrans_mock::MockConfig::default().iris_balance(250_000);
    /// assert_eq!(config.iris_balance, 250_000);
    /// ```
    #[must_use]
    pub fn iris_balance(mut self, rupiah: u64) -> Self {
        self.iris_balance = rupiah;
        self
    }

    /// Iris: where payout and top-up notifications go.
    ///
    /// ```
    /// let config = midtrans_mock::MockConfig::default().iris_notification_url("http://127.0.0.1:3000/iris");
    /// assert!(config.iris_notification_url.is_some());
    /// ```
    #[must_use]
    pub fn iris_notification_url(mut self, url: impl Into<String>) -> Self {
        self.iris_notification_url = Some(url.into());
        self
    }

    /// Sets the waits before notification retries.
    #[must_use]
    pub fn retry_delays(mut self, delays: Vec<Duration>) -> Self {
        self.retry_delays = delays;
        self
    }

    /// Sets the most records of each kind kept (at least 1).
    #[must_use]
    pub fn max_orders(mut self, max: usize) -> Self {
        self.max_orders = max.max(1);
        self
    }

    /// Sets the most approximate bytes of state kept (at least 64 KiB).
    ///
    /// ```
    /// let config = midtrans_mock::MockConfig::default().max_state_bytes(16 << 20);
    /// assert_eq!(config.max_state_bytes, 16 << 20);
    /// ```
    #[must_use]
    pub fn max_state_bytes(mut self, max: usize) -> Self {
        self.max_state_bytes = max.max(64 << 10);
        self
    }

    /// Sets the merchant id put in answers; its digits prefix virtual account numbers.
    ///
    /// ```
    /// let config = midtrans_mock::MockConfig::default().merchant_id("G812785002");
    /// assert_eq!(config.merchant_id, "G812785002");
    /// ```
    #[must_use]
    pub fn merchant_id(mut self, id: impl Into<String>) -> Self {
        self.merchant_id = id.into();
        self
    }

    /// Sets the port.
    #[must_use]
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Sets the address to listen on.
    #[must_use]
    pub fn host(mut self, host: IpAddr) -> Self {
        self.host = host;
        self
    }

    /// The digits of the merchant id, used as the virtual account prefix.
    pub(crate) fn merchant_digits(&self) -> String {
        self.merchant_id
            .chars()
            .filter(char::is_ascii_digit)
            .collect()
    }
}

/// Injected faults: the first four apply to API calls (not to the control API), the last to
/// notification delivery.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Faults {
    /// Added before each call is processed.
    pub latency: Duration,
    /// A further random delay of up to this much, on top of `latency`.
    pub jitter: Duration,
    /// Share of calls answered HTTP 500 without being processed (0.0–1.0).
    pub error_rate: f64,
    /// Share of calls whose connection is dropped after they were processed (0.0–1.0).
    pub drop_rate: f64,
    /// The next this many API calls have their connection dropped after they were processed,
    /// whatever `drop_rate` says: a lost answer at a chosen moment (counts down to 0).
    pub drop_next: u32,
    /// Extra copies of every notification, each delivered (and retried) on its own, as
    /// Midtrans may deliver one notification more than once. Copies of one notification race
    /// each other and the notifications that follow it.
    pub duplicate_notifications: u32,
}

/// What a simulator holds: records of each kind, and their approximate bytes (the figure
/// [`MockConfig::max_state_bytes`] bounds).
///
/// ```no_run
/// # async fn run() -> std::io::Result<()> {
/// let config = midtrans_mock::MockConfig::default().max_state_bytes(8 << 20);
/// let mock = midtrans_mock::MockServer::start(config).await?;
/// let held = mock.retained();
/// println!("{} transactions for {} order ids, ~{} bytes", held.transactions, held.order_ids, held.bytes);
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Retained {
    /// Transactions, each under its transaction id.
    pub transactions: usize,
    /// Order ids with a transaction (one order id may have had several).
    pub order_ids: usize,
    /// Snap sessions.
    pub snap_sessions: usize,
    /// Saved card tokens.
    pub saved_cards: usize,
    /// Subscriptions.
    pub subscriptions: usize,
    /// GoPay account links.
    pub pay_accounts: usize,
    /// Idempotency keys (answers kept for replay, or calls still running).
    pub idempotency_keys: usize,
    /// Iris payouts.
    pub iris_payouts: usize,
    /// Iris beneficiaries.
    pub iris_beneficiaries: usize,
    /// Payment links.
    pub payment_links: usize,
    /// Invoices and quotations.
    pub invoices: usize,
    /// Approximate bytes of all of the above.
    pub bytes: usize,
}

/// Why a control call failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ControlError {
    /// HTTP status the control API would answer.
    pub status: u16,
    /// Midtrans-style message.
    pub message: String,
}

impl std::fmt::Display for ControlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.status)
    }
}

impl std::error::Error for ControlError {}

/// A running simulator. Dropping it stops the server.
#[derive(Debug)]
pub struct MockServer {
    addr: SocketAddr,
    shared: Shared,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl MockServer {
    /// Starts a simulator on `config.host:config.port` (default 127.0.0.1, any free port).
    ///
    /// # Errors
    /// When the address cannot be bound.
    pub async fn start(config: MockConfig) -> std::io::Result<MockServer> {
        let listener = tokio::net::TcpListener::bind((config.host, config.port)).await?;
        let addr = listener.local_addr()?;
        let base = format!("http://{addr}");
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(15))
            .redirect(reqwest::redirect::Policy::custom(|attempt| {
                let status = attempt.status().as_u16();
                if (status == 307 || status == 308) && attempt.previous().len() < 5 {
                    attempt.follow()
                } else {
                    attempt.stop()
                }
            }))
            .no_proxy()
            .build()
            .map_err(std::io::Error::other)?;
        let shared = Shared {
            sim: Arc::new(Simulator::new(config)),
            faults: Arc::new(Mutex::new(Faults::default())),
            bases: Bases {
                core: base.clone(),
                app: base,
            },
            http,
            deliveries: Arc::default(),
        };
        let app = axum::Router::new()
            .fallback(server::handle)
            .with_state(shared.clone());
        let (shutdown, stop) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stop.await;
                })
                .await;
        });
        Ok(MockServer {
            addr,
            shared,
            shutdown: Some(shutdown),
            task: Some(task),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The Core API base URL, e.g. `http://127.0.0.1:40123`.
    pub fn core_url(&self) -> String {
        self.shared.bases.core.clone()
    }

    /// The SNAP-BI base URL, before `/v1.0/…`: e.g. `http://127.0.0.1:40123/snap-bi`.
    pub fn snap_bi_url(&self) -> String {
        format!("{}/snap-bi", self.core_url())
    }

    /// The Iris base URL, before `/payouts` etc.: e.g. `http://127.0.0.1:40123/iris/api/v1`
    /// (a client's custom environment on [`MockServer::core_url`] finds it there by itself).
    pub fn iris_url(&self) -> String {
        format!("{}/iris/api/v1", self.core_url())
    }

    /// Google Pay's host, before `/google_auth` and `/v2/charge`: e.g.
    /// `http://127.0.0.1:40123/panapi` (a client's custom environment on
    /// [`MockServer::core_url`] finds it there by itself).
    ///
    /// ```no_run
    /// # async fn run() -> std::io::Result<()> {
    /// let mock = midtrans_mock::MockServer::start(midtrans_mock::MockConfig::default()).await?;
    /// assert!(mock.google_pay_url().ends_with("/panapi"));
    /// # Ok(()) }
    /// ```
    pub fn google_pay_url(&self) -> String {
        format!("{}/{}", self.core_url(), sim::google_pay::PREFIX)
    }

    /// The dashboard: transactions, their history and notification deliveries, and buttons to
    /// pay, expire, challenge, refund and charge back; e.g.
    /// `http://127.0.0.1:40123/_mock/dashboard`.
    ///
    /// ```no_run
    /// # async fn run() -> std::io::Result<()> {
    /// let mock = midtrans_mock::MockServer::start(midtrans_mock::MockConfig::default()).await?;
    /// println!("open {}", mock.dashboard_url());
    /// # Ok(()) }
    /// ```
    pub fn dashboard_url(&self) -> String {
        format!("{}/_mock/dashboard", self.core_url())
    }

    /// Every notification sent so far (the last 1,000), oldest first, with its attempts.
    ///
    /// ```no_run
    /// # async fn run(mock: midtrans_mock::MockServer) {
    /// for record in mock.deliveries() {
    ///     println!("{} {} → {}: {} attempts", record.scheme, record.subject, record.url, record.attempts.len());
    /// }
    /// # }
    /// ```
    pub fn deliveries(&self) -> Vec<delivery::DeliveryRecord> {
        notify::records(&self.shared.deliveries)
    }

    /// The Snap base URL, e.g. `http://127.0.0.1:40123/snap/v1`.
    pub fn snap_url(&self) -> String {
        format!("{}/snap/v1", self.shared.bases.app)
    }

    /// Where a merchant's page loads `snap.js` from (production:
    /// `https://app.midtrans.com/snap/snap.js`), e.g. `http://127.0.0.1:40123/snap/snap.js`.
    pub fn snap_js_url(&self) -> String {
        format!("{}/snap/snap.js", self.shared.bases.app)
    }

    /// Where a merchant's page loads the card script from (production:
    /// `https://api.midtrans.com/v2/assets/js/midtrans-new-3ds.min.js`).
    pub fn card_js_url(&self) -> String {
        format!(
            "{}/v2/assets/js/midtrans-new-3ds.min.js",
            self.shared.bases.core
        )
    }

    /// The configuration it runs with.
    pub fn config(&self) -> &MockConfig {
        &self.shared.sim.config
    }

    fn transition(&self, order_id: &str, what: &str) -> Result<(), ControlError> {
        match self.shared.sim.control_transition(order_id, what) {
            Ok(deliveries) => {
                self.shared.deliver(deliveries);
                Ok(())
            }
            Err(reply) => Err(control_error(reply)),
        }
    }

    /// The customer pays a pending order (or a captured card payment settles): `settlement`,
    /// and its notification is sent.
    ///
    /// # Errors
    /// 404 for an unknown order, 412 when it cannot be paid.
    pub fn pay(&self, order_id: &str) -> Result<(), ControlError> {
        self.transition(order_id, "pay")
    }

    /// A pending order expires.
    ///
    /// # Errors
    /// 404 for an unknown order, 412 when it is not pending.
    pub fn expire(&self, order_id: &str) -> Result<(), ControlError> {
        self.transition(order_id, "expire")
    }

    /// Fraud detection flags a card payment: `capture` under `challenge`.
    ///
    /// # Errors
    /// 404 for an unknown order, 412 when it cannot be challenged.
    pub fn challenge(&self, order_id: &str) -> Result<(), ControlError> {
        self.transition(order_id, "challenge")
    }

    /// A settled payment is charged back.
    ///
    /// # Errors
    /// 404 for an unknown order, 412 when it is not settled.
    pub fn chargeback(&self, order_id: &str) -> Result<(), ControlError> {
        self.transition(order_id, "chargeback")
    }

    /// The card scheme declines the card refunds of a transaction (by order id or transaction
    /// id) from now on: a refund is answered with body `202`, nothing refunded.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let mock = midtrans_mock::MockServer::start(Default::default()).await?;
    /// mock.deny_refunds("order-1")?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// 404 for an unknown transaction.
    pub fn deny_refunds(&self, order_id: &str) -> Result<(), ControlError> {
        match self.shared.sim.set_refunds_denied(order_id, true) {
            Reply::Json(200, _) => Ok(()),
            other => Err(control_error(other)),
        }
    }

    /// The customer confirms a GoPay account link: `ENABLED`, with payment options.
    ///
    /// # Errors
    /// 404 for an unknown account.
    pub fn enable_pay_account(&self, account_id: &str) -> Result<(), ControlError> {
        match self.shared.sim.pay_account_enable(account_id) {
            Reply::Json(200, body)
                if body.get("status_code").and_then(|c| c.as_str()) == Some("200") =>
            {
                Ok(())
            }
            other => Err(control_error(other)),
        }
    }

    /// How many transactions the simulator holds (an order id charged again after a cancel
    /// or expiry has one per charge).
    pub fn transaction_count(&self) -> usize {
        self.shared.sim.transaction_count()
    }

    /// What the simulator holds, by kind, and its approximate bytes.
    ///
    /// ```no_run
    /// # async fn run() -> std::io::Result<()> {
    /// let mock = midtrans_mock::MockServer::start(Default::default()).await?;
    /// let held = mock.retained();
    /// assert!(held.bytes <= mock.config().max_state_bytes);
    /// # Ok(()) }
    /// ```
    pub fn retained(&self) -> Retained {
        self.shared.sim.retained()
    }

    /// How many SNAP-BI access tokens the simulator has issued since it started.
    ///
    /// ```no_run
    /// # async fn run() -> std::io::Result<()> {
    /// let mock = midtrans_mock::MockServer::start(Default::default()).await?;
    /// assert_eq!(mock.snap_bi_tokens_issued(), 0);
    /// # Ok(()) }
    /// ```
    pub fn snap_bi_tokens_issued(&self) -> u64 {
        self.shared.sim.snap_bi_tokens_issued()
    }

    /// Iris: the bank completes a payout (approved or processed): `processed`, then
    /// `completed`, each notified.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let mock = midtrans_mock::MockServer::start(Default::default()).await?;
    /// mock.complete_payout("reference-no-from-create-payouts")?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// 404 for an unknown payout, 412 for one not approved or processed.
    pub fn complete_payout(&self, reference_no: &str) -> Result<(), ControlError> {
        self.iris_settle(reference_no, "complete", None)
    }

    /// Iris: the bank refuses a payout (approved or processed) with one of Iris's failure codes
    /// (`"002"` invalid account, `"005"` bank timeout, …): `processed`, then `failed` with
    /// `error_code`/`error_message`, each notified; the amount returns to the balance.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let mock = midtrans_mock::MockServer::start(Default::default()).await?;
    /// mock.fail_payout("reference-no-from-create-payouts", "002")?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// 404 for an unknown payout, 412 for one not approved or processed, 400 for an unknown
    /// code.
    pub fn fail_payout(&self, reference_no: &str, error_code: &str) -> Result<(), ControlError> {
        self.iris_settle(reference_no, "fail", Some(error_code))
    }

    fn iris_settle(
        &self,
        reference_no: &str,
        action: &str,
        error_code: Option<&str>,
    ) -> Result<(), ControlError> {
        match self
            .shared
            .sim
            .iris_settle(&[reference_no.to_owned()], action, error_code)
        {
            Ok(deliveries) => {
                self.shared.deliver(deliveries);
                Ok(())
            }
            Err(reply) => Err(control_error(reply)),
        }
    }

    /// Payment Link: a customer pays through the link `order_id` (a BCA virtual account,
    /// settled at once, notified): the payment's own order id (the link's, `-` and a
    /// millisecond timestamp).
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let mock = midtrans_mock::MockServer::start(Default::default()).await?;
    /// let paid = mock.pay_payment_link("concert-ticket-05")?;
    /// assert!(paid.starts_with("concert-ticket-05-"));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// 404 for an unknown link; 410 for a link deleted, expired or used up.
    pub fn pay_payment_link(&self, order_id: &str) -> Result<String, ControlError> {
        let (reply, deliveries) =
            self.shared
                .sim
                .payment_link_control(order_id, "pay", None, &self.shared.bases);
        self.shared.deliver(deliveries);
        match reply {
            Reply::Json(200, body) => body
                .get("order_id")
                .and_then(|id| id.as_str())
                .map(str::to_owned)
                .ok_or_else(|| control_error(Reply::Json(200, body))),
            other => Err(control_error(other)),
        }
    }

    /// Iris: the balance now, in rupiah.
    ///
    /// ```no_run
    /// # async fn run() -> std::io::Result<()> {
    /// let mock = midtrans_mock::MockServer::start(Default::default()).await?;
    /// assert_eq!(mock.iris_balance(), midtrans_mock::iris::BALANCE);
    /// # Ok(()) }
    /// ```
    pub fn iris_balance(&self) -> u64 {
        self.shared.sim.iris_balance()
    }

    /// Sets the injected faults.
    pub fn set_faults(&self, faults: Faults) {
        *self
            .shared
            .faults
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = faults;
    }

    /// Stops the server and waits for it.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.shutdown.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

fn control_error(reply: Reply) -> ControlError {
    match reply {
        Reply::Json(status, body) => ControlError {
            status: body
                .get("status_code")
                .and_then(|c| c.as_str())
                .and_then(|c| c.parse().ok())
                .unwrap_or(status),
            message: body
                .get("status_message")
                .or_else(|| body.get("error_message"))
                .or_else(|| body.get("error_messages").and_then(|m| m.get(0)))
                .and_then(|m| m.as_str())
                .unwrap_or("failed")
                .to_owned(),
        },
        other => ControlError {
            status: other.status(),
            message: "failed".to_owned(),
        },
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if let Some(stop) = self.shutdown.take() {
            let _ = stop.send(());
        }
    }
}
