//! The simulator's command line, shared by the `midtrans-mock` program and `midtrans mock`:
//! every flag with its environment variable and default, the configuration they make, and
//! the lines a started simulator prints.

use std::net::IpAddr;
use std::time::Duration;

use crate::{Faults, MockConfig, MockServer};

/// The port the program listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 8910;

/// The control API and the pages, as `--help` lists them after the flags.
pub const CONTROL_API: &str = "\
Control API (HTTP, no key, on the same port):
  POST /_mock/orders/{order_id or transaction_id}/pay
         the customer pays (a card payment waiting for 3-D Secure goes through it first)
  POST /_mock/orders/{id}/settle | expire | challenge | chargeback
  POST /_mock/orders/{id}/deny_refunds | allow_refunds
         the card scheme declines the transaction's card refunds (body 202), or no longer
  POST /_mock/pay_accounts/{account_id}/enable      the customer confirms a GoPay link
  POST /_mock/snap_bi/expire_tokens                 every SNAP-BI access token expires
  POST /_mock/iris/payouts/{reference_no}/process | complete | fail
         the bank moves an approved payout on; fail takes {\"error_code\": \"002\"}
  POST /_mock/iris/accounts/{account}/complete | fail
         the same for every approved payout to that account number
  POST /_mock/iris/top_up  {\"amount\": 1000000}      the Iris balance is topped up
  POST /_mock/payment_links/{order_id}/pay | start | expire
         a customer pays through a payment link, begins paying, or the link expires
  POST /_mock/invoices/{id}/pay                     an invoice is paid
  POST /_mock/faults  {\"latency_ms\": 50, \"jitter_ms\": 20, \"error_rate\": 0.1,
                       \"drop_rate\": 0.05, \"drop_next\": 1, \"duplicate_notifications\": 1}
  GET  /_mock/faults                                the faults in force
  GET  /_mock/dashboard                             transactions, their history and
         notification deliveries, buttons to pay, expire, challenge, refund, charge back
  GET  /_mock/deliveries                            every notification's attempts (JSON)

Pages a customer's browser opens: /snap/v3/redirection/{token} (Snap), the URLs in
`actions` and `redirect_url` of charge answers (QR images, wallet and bank pages, 3-D
Secure), and the GoPay activation links.

Example:
  midtrans-mock --port 8910 --notification-url http://127.0.0.1:3000/midtrans/notification
  curl -u SB-Mid-server-MOCK: http://127.0.0.1:8910/v2/order-1/status";

/// The simulator's flags, each also an environment variable: the `midtrans-mock` program's,
/// and `midtrans mock`'s (flattened into a command with `#[command(flatten)]`).
///
/// ```
/// use clap::Parser;
/// #[derive(Parser)]
/// struct Cli {
///     #[command(flatten)]
///     mock: midtrans_mock::cli::MockArgs,
/// }
/// let cli = Cli::parse_from(["prog", "--port", "0", "--server-key", "SB-Mid-server-TEST"]);
/// let config = cli.mock.config()?;
/// assert_eq!(config.server_key, "SB-Mid-server-TEST");
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Clone, Debug, clap::Args)]
pub struct MockArgs {
    /// Address to listen on.
    #[arg(long, env = "MIDTRANS_MOCK_HOST", default_value = "127.0.0.1")]
    host: IpAddr,

    /// Port to listen on (0: any free port).
    #[arg(long, env = "MIDTRANS_MOCK_PORT", default_value_t = DEFAULT_PORT)]
    port: u16,

    /// Server key requests must carry (HTTP Basic, as on Midtrans).
    #[arg(
        long,
        env = "MIDTRANS_MOCK_SERVER_KEY",
        default_value = "SB-Mid-server-MOCK"
    )]
    server_key: String,

    /// Client key accepted by card token, card register and BIN.
    #[arg(
        long,
        env = "MIDTRANS_MOCK_CLIENT_KEY",
        default_value = "SB-Mid-client-MOCK"
    )]
    client_key: String,

    /// Merchant id put in answers (its digits prefix virtual account numbers).
    #[arg(long, env = "MIDTRANS_MOCK_MERCHANT_ID", default_value = "G123456789")]
    merchant_id: String,

    /// Where notifications go (the dashboard's Payment Notification URL).
    #[arg(long, env = "MIDTRANS_MOCK_NOTIFICATION_URL")]
    notification_url: Option<String>,

    /// Waits before each notification retry, in milliseconds, comma-separated
    /// (Midtrans: 2, 10, 30, 90 and 210 minutes).
    #[arg(
        long,
        env = "MIDTRANS_MOCK_RETRY_DELAYS_MS",
        value_delimiter = ',',
        default_value = "200,1000,3000,9000,21000"
    )]
    retry_delays_ms: Vec<u64>,

    /// Most records of each kind kept (transactions, Snap sessions, saved cards, …);
    /// the oldest is forgotten first.
    #[arg(long, env = "MIDTRANS_MOCK_MAX_ORDERS", default_value_t = 100_000)]
    max_orders: usize,

    /// Most approximate bytes of state kept, all kinds together; the oldest record goes first.
    #[arg(long, env = "MIDTRANS_MOCK_MAX_STATE_BYTES", default_value_t = 256 << 20)]
    max_state_bytes: usize,

    /// Fault: milliseconds added before each API call is processed.
    #[arg(long, env = "MIDTRANS_MOCK_LATENCY_MS", default_value_t = 0)]
    latency_ms: u64,

    /// Fault: a further random delay of up to this many milliseconds.
    #[arg(long, env = "MIDTRANS_MOCK_JITTER_MS", default_value_t = 0)]
    jitter_ms: u64,

    /// Fault: share of API calls answered HTTP 500 without being processed (0.0–1.0).
    #[arg(long, env = "MIDTRANS_MOCK_ERROR_RATE", default_value_t = 0.0, value_parser = rate)]
    error_rate: f64,

    /// Fault: share of API calls whose connection is dropped after they were processed
    /// (0.0–1.0).
    #[arg(long, env = "MIDTRANS_MOCK_DROP_RATE", default_value_t = 0.0, value_parser = rate)]
    drop_rate: f64,

    /// Fault: extra copies of every notification (0–10).
    #[arg(long, env = "MIDTRANS_MOCK_DUPLICATE_NOTIFICATIONS", default_value_t = 0,
          value_parser = clap::value_parser!(u32).range(0..=10))]
    duplicate_notifications: u32,
    /// SNAP-BI: where notifications go (the prefix before /v1.0/debit/notify, …).
    #[arg(long, env = "MIDTRANS_MOCK_SNAP_BI_NOTIFICATION_URL")]
    snap_bi_notification_url: Option<String>,
    /// SNAP-BI: the client id (X-CLIENT-KEY) the access-token call must carry.
    #[arg(long, env = "MIDTRANS_MOCK_SNAP_BI_CLIENT_ID", default_value = crate::snap_bi::CLIENT_ID)]
    snap_bi_client_id: String,
    /// SNAP-BI: the client secret signed calls are checked with.
    #[arg(long, env = "MIDTRANS_MOCK_SNAP_BI_CLIENT_SECRET", default_value = crate::snap_bi::CLIENT_SECRET)]
    snap_bi_client_secret: String,
    /// SNAP-BI: a PEM file with the merchant's public key (default: the built-in test key,
    /// whose private half is in the crate's src/assets/snap_bi).
    #[arg(long, env = "MIDTRANS_MOCK_SNAP_BI_PUBLIC_KEY_FILE")]
    snap_bi_public_key_file: Option<std::path::PathBuf>,
    /// SNAP-BI: seconds an access token is accepted.
    #[arg(
        long,
        env = "MIDTRANS_MOCK_SNAP_BI_TOKEN_LIFETIME_SECS",
        default_value_t = 900
    )]
    snap_bi_token_lifetime_secs: u64,
    /// Iris: where payout and top-up notifications go.
    #[arg(long, env = "MIDTRANS_MOCK_IRIS_NOTIFICATION_URL")]
    iris_notification_url: Option<String>,
    /// Iris: the creator's API key.
    #[arg(long, env = "MIDTRANS_MOCK_IRIS_CREATOR_KEY", default_value = crate::iris::CREATOR_KEY)]
    iris_creator_key: String,
    /// Iris: the approver's API key.
    #[arg(long, env = "MIDTRANS_MOCK_IRIS_APPROVER_KEY", default_value = crate::iris::APPROVER_KEY)]
    iris_approver_key: String,
    /// Iris: the merchant key notifications are signed with (Iris-Signature).
    #[arg(long, env = "MIDTRANS_MOCK_IRIS_MERCHANT_KEY", default_value = crate::iris::MERCHANT_KEY)]
    iris_merchant_key: String,
    /// Iris: the OTP approvals must carry.
    #[arg(long, env = "MIDTRANS_MOCK_IRIS_OTP", default_value = crate::iris::OTP)]
    iris_otp: String,
    /// Iris: the balance at the start, in rupiah.
    #[arg(long, env = "MIDTRANS_MOCK_IRIS_BALANCE", default_value_t = crate::iris::BALANCE)]
    iris_balance: u64,
}

/// A share between 0 and 1.
fn rate(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(rate) if (0.0..=1.0).contains(&rate) => Ok(rate),
        _ => Err(format!("{text:?} is not a number from 0.0 to 1.0")),
    }
}

impl MockArgs {
    /// The configuration the flags describe.
    ///
    /// # Errors
    /// When the SNAP-BI public key file cannot be read.
    pub fn config(&self) -> std::io::Result<MockConfig> {
        let public_key = match &self.snap_bi_public_key_file {
            Some(path) => std::fs::read_to_string(path)?,
            None => crate::snap_bi::MERCHANT_PUBLIC_KEY.to_owned(),
        };
        let mut config = MockConfig::default()
            .host(self.host)
            .port(self.port)
            .server_key(&self.server_key)
            .client_key(&self.client_key)
            .merchant_id(&self.merchant_id)
            .retry_delays(
                self.retry_delays_ms
                    .iter()
                    .map(|ms| Duration::from_millis(*ms))
                    .collect(),
            )
            .max_orders(self.max_orders)
            .max_state_bytes(self.max_state_bytes)
            .snap_bi_credentials(
                &self.snap_bi_client_id,
                &self.snap_bi_client_secret,
                public_key,
            )
            .snap_bi_token_lifetime(Duration::from_secs(self.snap_bi_token_lifetime_secs))
            .iris_keys(&self.iris_creator_key, &self.iris_approver_key)
            .iris_merchant_key(&self.iris_merchant_key)
            .iris_otp(&self.iris_otp)
            .iris_balance(self.iris_balance);
        if let Some(url) = &self.notification_url {
            config = config.notification_url(url);
        }
        if let Some(url) = &self.snap_bi_notification_url {
            config = config.snap_bi_notification_url(url);
        }
        if let Some(url) = &self.iris_notification_url {
            config = config.iris_notification_url(url);
        }
        Ok(config)
    }

    /// The faults the flags ask for, set once the simulator runs.
    ///
    /// ```
    /// use clap::Parser;
    /// #[derive(Parser)]
    /// struct Cli { #[command(flatten)] mock: midtrans_mock::cli::MockArgs }
    /// let cli = Cli::parse_from(["prog", "--error-rate", "0.1", "--latency-ms", "20"]);
    /// assert_eq!(cli.mock.faults().error_rate, 0.1);
    /// ```
    pub fn faults(&self) -> Faults {
        Faults {
            latency: Duration::from_millis(self.latency_ms),
            jitter: Duration::from_millis(self.jitter_ms),
            error_rate: self.error_rate,
            drop_rate: self.drop_rate,
            drop_next: 0,
            duplicate_notifications: self.duplicate_notifications,
        }
    }

    /// Starts the simulator the flags describe, with their faults.
    ///
    /// ```no_run
    /// # async fn run(args: midtrans_mock::cli::MockArgs) -> Result<(), String> {
    /// let server = args.start().await?;
    /// println!("{}", midtrans_mock::cli::banner(&server));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// A sentence saying why: the SNAP-BI public key file cannot be read, or the address is
    /// taken.
    pub async fn start(&self) -> Result<MockServer, String> {
        let config = self
            .config()
            .map_err(|error| format!("cannot read the SNAP-BI public key file: {error}"))?;
        let server = MockServer::start(config)
            .await
            .map_err(|error| format!("cannot listen on {}:{}: {error}", self.host, self.port))?;
        server.set_faults(self.faults());
        Ok(server)
    }
}

/// The lines a started simulator prints: its base URLs, one per product, and the dashboard's.
///
/// ```no_run
/// # async fn run() -> std::io::Result<()> {
/// let server = midtrans_mock::MockServer::start(midtrans_mock::MockConfig::default()).await?;
/// assert!(midtrans_mock::cli::banner(&server).starts_with("core: http://127.0.0.1:"));
/// # Ok(()) }
/// ```
pub fn banner(server: &MockServer) -> String {
    format!(
        "core: {}\nsnap: {}\nsnap-bi: {}\niris: {}\ngoogle-pay: {}\ndashboard: {}",
        server.core_url(),
        server.snap_url(),
        server.snap_bi_url(),
        server.iris_url(),
        server.google_pay_url(),
        server.dashboard_url(),
    )
}
