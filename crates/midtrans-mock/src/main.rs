//! `midtrans-mock`: the simulator as a program. `midtrans-mock --help` lists every flag, its
//! environment variable and default, and the control API.
//!
//! Prints its Core, Snap, SNAP-BI and Iris base URLs when ready and runs until Ctrl-C.

use std::net::IpAddr;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use midtrans_mock::{Faults, MockConfig, MockServer};

/// The port the program listens on unless told otherwise.
const DEFAULT_PORT: u16 = 8910;

const CONTROL_API: &str = "\
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

Pages a customer's browser opens: /snap/v3/redirection/{token} (Snap), the URLs in
`actions` and `redirect_url` of charge answers (QR images, wallet and bank pages, 3-D
Secure), and the GoPay activation links.

Example:
  midtrans-mock --port 8910 --notification-url http://127.0.0.1:3000/midtrans/notification
  curl -u SB-Mid-server-MOCK: http://127.0.0.1:8910/v2/order-1/status";

/// An offline, stateful Midtrans simulator: Core API, Snap, SNAP-BI, Iris payouts,
/// subscriptions, GoPay tokenization, signed notifications, idempotency and fault injection.
#[derive(Debug, Parser)]
#[command(name = "midtrans-mock", version, about, after_help = CONTROL_API)]
struct Args {
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
    #[arg(long, env = "MIDTRANS_MOCK_SNAP_BI_CLIENT_ID", default_value = midtrans_mock::snap_bi::CLIENT_ID)]
    snap_bi_client_id: String,
    /// SNAP-BI: the client secret signed calls are checked with.
    #[arg(long, env = "MIDTRANS_MOCK_SNAP_BI_CLIENT_SECRET", default_value = midtrans_mock::snap_bi::CLIENT_SECRET)]
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
    #[arg(long, env = "MIDTRANS_MOCK_IRIS_CREATOR_KEY", default_value = midtrans_mock::iris::CREATOR_KEY)]
    iris_creator_key: String,
    /// Iris: the approver's API key.
    #[arg(long, env = "MIDTRANS_MOCK_IRIS_APPROVER_KEY", default_value = midtrans_mock::iris::APPROVER_KEY)]
    iris_approver_key: String,
    /// Iris: the merchant key notifications are signed with (Iris-Signature).
    #[arg(long, env = "MIDTRANS_MOCK_IRIS_MERCHANT_KEY", default_value = midtrans_mock::iris::MERCHANT_KEY)]
    iris_merchant_key: String,
    /// Iris: the OTP approvals must carry.
    #[arg(long, env = "MIDTRANS_MOCK_IRIS_OTP", default_value = midtrans_mock::iris::OTP)]
    iris_otp: String,
    /// Iris: the balance at the start, in rupiah.
    #[arg(long, env = "MIDTRANS_MOCK_IRIS_BALANCE", default_value_t = midtrans_mock::iris::BALANCE)]
    iris_balance: u64,
}

/// A share between 0 and 1.
fn rate(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(rate) if (0.0..=1.0).contains(&rate) => Ok(rate),
        _ => Err(format!("{text:?} is not a number from 0.0 to 1.0")),
    }
}

impl Args {
    fn config(&self) -> std::io::Result<MockConfig> {
        let public_key = match &self.snap_bi_public_key_file {
            Some(path) => std::fs::read_to_string(path)?,
            None => midtrans_mock::snap_bi::MERCHANT_PUBLIC_KEY.to_owned(),
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

    fn faults(&self) -> Faults {
        Faults {
            latency: Duration::from_millis(self.latency_ms),
            jitter: Duration::from_millis(self.jitter_ms),
            error_rate: self.error_rate,
            drop_rate: self.drop_rate,
            drop_next: 0,
            duplicate_notifications: self.duplicate_notifications,
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let config = match args.config() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("midtrans-mock: cannot read the SNAP-BI public key file: {error}");
            return ExitCode::FAILURE;
        }
    };
    let server = match MockServer::start(config).await {
        Ok(server) => server,
        Err(error) => {
            eprintln!(
                "midtrans-mock: cannot listen on {}:{}: {error}",
                args.host, args.port
            );
            return ExitCode::FAILURE;
        }
    };
    server.set_faults(args.faults());
    println!("midtrans-mock ready");
    println!("core: {}", server.core_url());
    println!("snap: {}", server.snap_url());
    println!("snap-bi: {}", server.snap_bi_url());
    println!("iris: {}", server.iris_url());
    println!("google-pay: {}", server.google_pay_url());
    let _ = tokio::signal::ctrl_c().await;
    server.shutdown().await;
    ExitCode::SUCCESS
}
