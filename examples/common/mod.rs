//! What every example shares: the built-in Midtrans simulator by default, the real sandbox when
//! `MIDTRANS_SERVER_KEY` is set, a numbered transcript, and a few small helpers.
//!
//! Each example uses only some of these, so unused ones are allowed here.
#![allow(dead_code)]

use std::fmt::Display;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use midtrans::types::card::CardTokenRequest;
use midtrans::types::pay_account::{PayAccountLinkRequest, PayAccountStatus, PaymentOptionName};
use midtrans::types::subscription::{IntervalUnit, ScheduleUpdate, SubscriptionUpdate};
use midtrans::types::{Idr, PayAccountId, RequestTime, Subscription, TokenId, Transaction};
use midtrans::{Client, Environment};
use midtrans_mock::{MockConfig, MockServer};

/// Every example's error type: any error, reported by `main` with a non-zero exit code.
pub(crate) type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The simulator's server key (obviously fake; the simulator accepts only this one).
pub(crate) const MOCK_SERVER_KEY: &str = "SB-Mid-server-EXAMPLES";
/// The simulator's client key.
pub(crate) const MOCK_CLIENT_KEY: &str = "SB-Mid-client-EXAMPLES";

/// A running example: its client, the simulator when there is no sandbox key, and the transcript.
pub(crate) struct Example {
    /// The Midtrans client (simulator or sandbox).
    pub(crate) client: Client,
    mock: Option<MockServer>,
    step: AtomicU32,
}

impl Example {
    /// Starts against the simulator with its default settings, or against the sandbox.
    pub(crate) async fn start(title: &str) -> Result<Example> {
        Self::start_with(title, |config| config).await
    }

    /// Like [`Example::start`], letting the example adjust the simulator's settings (e.g. its
    /// notification URL); the keys are always [`MOCK_SERVER_KEY`] and [`MOCK_CLIENT_KEY`].
    pub(crate) async fn start_with(
        title: &str,
        configure: impl FnOnce(MockConfig) -> MockConfig,
    ) -> Result<Example> {
        let sandbox_key = env("MIDTRANS_SERVER_KEY");
        let (client, mock) = match sandbox_key {
            Some(key) => {
                println!("{title} — Midtrans sandbox (MIDTRANS_SERVER_KEY is set)");
                let mut builder = Client::builder()
                    .environment(Environment::Sandbox)
                    .server_key(key);
                if let Some(client_key) = env("MIDTRANS_CLIENT_KEY") {
                    builder = builder.client_key(client_key);
                }
                (builder.build()?, None)
            }
            None => {
                let config = configure(MockConfig::default())
                    .server_key(MOCK_SERVER_KEY)
                    .client_key(MOCK_CLIENT_KEY);
                let mock = MockServer::start(config).await?;
                println!(
                    "{title} — built-in Midtrans simulator at {} (no keys, no network)",
                    mock.core_url()
                );
                let client = Client::builder()
                    .environment(Environment::custom(mock.core_url(), mock.snap_url())?)
                    .server_key(MOCK_SERVER_KEY)
                    .client_key(MOCK_CLIENT_KEY)
                    .build()?;
                (client, Some(mock))
            }
        };
        Ok(Example::new(client, mock))
    }

    /// The simulator, or `None` against the sandbox.
    pub(crate) fn mock(&self) -> Option<&MockServer> {
        self.mock.as_ref()
    }

    /// Prints the next numbered step.
    pub(crate) fn step(&self, text: &str) {
        let n = self.step.fetch_add(1, Ordering::Relaxed) + 1;
        println!("\n{n}. {text}");
    }

    /// Fails unless a client key is configured (card token and card register need one).
    pub(crate) fn require_client_key(&self) -> Result<()> {
        if self.client.config().client_key.is_none() {
            return Err(
                "this example needs MIDTRANS_CLIENT_KEY as well in sandbox mode: the card \
                        token and card register endpoints authenticate with the client key"
                    .into(),
            );
        }
        Ok(())
    }

    /// Stops the simulator and prints the end of the transcript.
    pub(crate) async fn finish(self) {
        if let Some(mock) = self.mock {
            mock.shutdown().await;
        }
        println!("\nDone.");
    }
}

/// A non-empty environment variable.
pub(crate) fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

/// Says that a step needs the simulator's control API and is skipped against the sandbox.
pub(crate) fn skipped(why: &str) {
    println!("   sandbox: skipped — {why}");
}

/// A unique order id: `prefix-<milliseconds since 1970>`.
pub(crate) fn order_id(prefix: &str) -> Result<String> {
    Ok(format!("{prefix}-{}", unix_time()?.as_millis()))
}

fn unix_time() -> Result<Duration> {
    Ok(SystemTime::now().duration_since(UNIX_EPOCH)?)
}

/// The value, or `-` when absent.
pub(crate) fn or_dash<T: Display>(value: Option<T>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

/// One line about a transaction: its status, fraud status and body status code.
pub(crate) fn describe(tx: &Transaction) -> String {
    format!(
        "transaction_status={} fraud_status={} status_code={}",
        or_dash(tx.transaction_status.as_ref()),
        or_dash(tx.fraud_status.as_ref()),
        tx.status_code.as_str()
    )
}

/// Fetches and prints the status of an order.
pub(crate) async fn print_status(client: &Client, order_id: &str) -> Result<Transaction> {
    let status = client.transactions().status(order_id).send().await?;
    println!("   status of {order_id}: {}", describe(&status));
    Ok(status)
}

/// Jakarta time (UTC+7) `seconds` from now, as Midtrans's request times are written.
pub(crate) fn jakarta_in(seconds: u64) -> Result<RequestTime> {
    let at = unix_time()?.as_secs() + 7 * 3600 + seconds;
    let (year, month, day) = civil_date(at / 86_400);
    let of_day = at % 86_400;
    let hms = |n: u64| u32::try_from(n).unwrap_or(0);
    RequestTime::jakarta(
        year,
        month,
        day,
        hms(of_day / 3600),
        hms(of_day % 3600 / 60),
        hms(of_day % 60),
    )
    .ok_or_else(|| "the clock is out of range".into())
}

/// The Gregorian date of a count of days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_date(days: u64) -> (i32, u32, u32) {
    let z = i64::try_from(days).unwrap_or(0) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let small = |n: i64| u32::try_from(n).unwrap_or(1);
    (
        i32::try_from(year).unwrap_or(1970),
        small(month),
        small(day),
    )
}

/// A future card expiry year, four digits.
pub(crate) fn expiry_year() -> Result<String> {
    let (year, _, _) = civil_date(unix_time()?.as_secs() / 86_400);
    Ok((year + 3).to_string())
}

/// Turns a sandbox test card into a one-time `token_id` (`GET /v2/token`, client key), as
/// Midtrans's card JavaScript does in the browser.
pub(crate) async fn card_token(client: &Client, card_number: &str) -> Result<TokenId> {
    let request = CardTokenRequest::card(card_number, "12", expiry_year()?, "123");
    let answer = client.core().card_token(&request).send().await?;
    let token = answer
        .token_id
        .ok_or("the card token answer has no token_id")?;
    println!("   card {card_number} → token_id {token}");
    Ok(token)
}

/// A linked GoPay account.
pub(crate) struct LinkedGopay {
    /// The pay account id.
    pub(crate) account_id: PayAccountId,
    /// The `GOPAY_WALLET` payment option token, once the account is `ENABLED`.
    pub(crate) token: Option<String>,
    /// Whether it is an existing account named by `MIDTRANS_GOPAY_ACCOUNT_ID` (keep it linked).
    pub(crate) reused: bool,
}

/// Links a GoPay account (GoPay tokenization) and returns it once enabled.
///
/// Against the simulator the customer's confirmation is simulated with `enable_pay_account`.
/// Against the sandbox the customer must confirm on GoPay's page: this prints the activation
/// URL and returns the account without a token, unless `MIDTRANS_GOPAY_ACCOUNT_ID` names an
/// account already enabled.
pub(crate) async fn linked_gopay(example: &Example) -> Result<LinkedGopay> {
    let client = &example.client;
    let existing = if example.mock().is_none() {
        env("MIDTRANS_GOPAY_ACCOUNT_ID")
    } else {
        None
    };
    let existing_given = existing.is_some();
    let account_id = match existing {
        Some(id) => {
            example.step("GoPay account: use MIDTRANS_GOPAY_ACCOUNT_ID");
            println!("   account_id {id}");
            PayAccountId::new(id)
        }
        None => {
            example.step("GoPay tokenization: link the customer's GoPay account");
            let request = PayAccountLinkRequest::gopay("81234567891", "62")
                .redirect_url("https://example.com/gopay-linking-finish")
                .build()?;
            let linked = client.core().link_payment_account(&request).send().await?;
            let account_id = linked
                .account_id
                .ok_or("the link answer has no account_id")?;
            println!(
                "   account_id {account_id}: {} (status_code {})",
                or_dash(linked.account_status.as_ref()),
                linked.status_code.as_str()
            );
            for action in linked.actions.iter().flatten() {
                println!("   {:<20} {}", action.name.as_str(), action.url);
            }
            example.step("The customer confirms the link in the Gojek app");
            match example.mock() {
                Some(mock) => {
                    mock.enable_pay_account(account_id.as_str())?;
                    println!("   confirmed (simulated with the simulator's enable_pay_account)");
                }
                None => skipped(
                    "open the activation link above, then re-run with \
                     MIDTRANS_GOPAY_ACCOUNT_ID set to the account_id",
                ),
            }
            account_id
        }
    };

    example.step("Get the pay account: link state and payment options");
    let account = client
        .core()
        .get_payment_account(account_id.as_str())
        .send()
        .await?;
    let status = account.account_status.as_ref();
    println!(
        "   {account_id}: {} (status_code {})",
        or_dash(status),
        account.status_code.as_str()
    );
    let options = account
        .metadata
        .as_ref()
        .and_then(|m| m.payment_options.as_deref())
        .unwrap_or_default();
    for option in options {
        let balance = option
            .balance
            .as_ref()
            .map(|b| format!("{} {}", b.value, b.currency));
        println!(
            "   option {:<12} balance {:<20} token {}",
            option.name.as_str(),
            or_dash(balance),
            or_dash(option.token.as_ref())
        );
    }
    let token = if status == Some(&PayAccountStatus::Enabled) {
        let token = options
            .iter()
            .find(|o| o.name == PaymentOptionName::GopayWallet)
            .or(options.first())
            .and_then(|o| o.token.as_ref().map(|t| t.as_str().to_owned()))
            .ok_or("the enabled account has no payment option token")?;
        Some(token)
    } else {
        println!("   the account is not enabled yet: nothing can be charged to it");
        None
    };
    Ok(LinkedGopay {
        account_id,
        token,
        reused: existing_given,
    })
}

/// Prints a subscription in one line.
pub(crate) fn print_subscription(subscription: &Subscription) {
    let schedule = subscription.schedule.as_ref();
    println!(
        "   {} name={} amount={} status={} payment_type={} every {} {} (next {})",
        or_dash(subscription.id.as_ref()),
        or_dash(subscription.name.as_ref()),
        or_dash(subscription.amount.as_ref()),
        or_dash(subscription.status.as_ref()),
        or_dash(subscription.payment_type.as_ref()),
        or_dash(schedule.and_then(|s| s.interval)),
        or_dash(schedule.and_then(|s| s.interval_unit.as_ref())),
        or_dash(schedule.and_then(|s| s.next_execution_at.as_ref())),
    );
}

/// The rest of a subscription's life, the same for card and GoPay subscriptions: get, disable,
/// enable, update (name, amount, schedule), get, cancel, get.
pub(crate) async fn manage_subscription(example: &Example, id: &str, new_name: &str) -> Result<()> {
    let core = example.client.core();
    example.step("Get the subscription");
    print_subscription(&core.get_subscription(id).send().await?);

    example.step("Disable it (no charges until enabled again)");
    let answer = core.disable_subscription(id).send().await?;
    println!("   {}", or_dash(answer.status_message));
    print_subscription(&core.get_subscription(id).send().await?);

    example.step("Enable it again");
    let answer = core.enable_subscription(id).send().await?;
    println!("   {}", or_dash(answer.status_message));

    example.step("Update name, amount and schedule");
    let update = SubscriptionUpdate::builder()
        .name(new_name)
        .amount(Idr::new(150_000))
        .schedule(
            ScheduleUpdate::new()
                .interval(1u32)
                .interval_unit(IntervalUnit::Week),
        )
        .build()?;
    let answer = core.update_subscription(id, &update).send().await?;
    println!("   {}", or_dash(answer.status_message));
    print_subscription(&core.get_subscription(id).send().await?);

    example.step("Cancel it for good");
    let answer = core.cancel_subscription(id).send().await?;
    println!("   {}", or_dash(answer.status_message));
    print_subscription(&core.get_subscription(id).send().await?);
    Ok(())
}

/// One HTTP request, as a browser or Midtrans would make it to a local page: the status code
/// and the body text. Redirects are not followed, so a page's own answer is what is shown.
pub(crate) async fn http(
    method: &str,
    url: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<(u16, String)> {
    let client = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()?;
    let mut request = client
        .request(reqwest::Method::from_bytes(method.as_bytes())?, url)
        .body(body.to_vec());
    if let Some(content_type) = content_type {
        request = request.header(reqwest::header::CONTENT_TYPE, content_type);
    }
    let answer = request.send().await?;
    let status = answer.status().as_u16();
    Ok((status, answer.text().await?))
}

/// The text of the first `<h1>` of an HTML page, or of its `<title>`.
pub(crate) fn page_heading(html: &str) -> String {
    let inner = |open: &str, close: &str| {
        let start = html.find(open)?;
        let after = html.get(start..)?;
        let text = after.get(after.find('>')? + 1..after.find(close)?)?;
        Some(text.trim().to_owned())
    };
    inner("<h1", "</h1>")
        .or_else(|| inner("<title", "</title>"))
        .unwrap_or_default()
}

/// The `action` of the first `<form>` of an HTML page, made absolute against `base` (the
/// page's scheme and host, e.g. `http://127.0.0.1:4010`): where a browser would submit it.
pub(crate) fn form_action(html: &str, base: &str) -> Option<String> {
    let form = html.get(html.find("<form")?..)?;
    let value = form.get(form.find("action=\"")? + "action=\"".len()..)?;
    let action = value.get(..value.find('"')?)?;
    Some(if action.starts_with("http") {
        action.to_owned()
    } else {
        format!("{}{action}", base.trim_end_matches('/'))
    })
}

impl Example {
    /// A SNAP-BI example's client: the simulator's test credentials by default, or the sandbox's
    /// when `MIDTRANS_SNAP_BI_CLIENT_ID` is set (with `MIDTRANS_SNAP_BI_PRIVATE_KEY_FILE`,
    /// `MIDTRANS_SNAP_BI_CLIENT_SECRET`, `MIDTRANS_SNAP_BI_PARTNER_ID`,
    /// `MIDTRANS_SNAP_BI_CHANNEL_ID`, `MIDTRANS_SNAP_BI_PUBLIC_KEY_FILE` and `MIDTRANS_SERVER_KEY`).
    /// `notify` is the merchant's notification URL prefix the simulator posts to.
    pub(crate) async fn start_snap_bi(title: &str, notify: Option<String>) -> Result<Example> {
        use midtrans::snap_bi::SnapBiCredentials;
        use midtrans_mock::snap_bi as test;
        let (client, mock) = match env("MIDTRANS_SNAP_BI_CLIENT_ID") {
            Some(client_id) => {
                println!("{title} — Midtrans SNAP-BI sandbox (MIDTRANS_SNAP_BI_CLIENT_ID is set)");
                let read = |name: &str| -> Result<String> {
                    let path = env(name).ok_or(format!("{name} is not set"))?;
                    Ok(std::fs::read_to_string(path)?)
                };
                let credentials = SnapBiCredentials::new(
                    client_id,
                    read("MIDTRANS_SNAP_BI_PRIVATE_KEY_FILE")?,
                    var("MIDTRANS_SNAP_BI_CLIENT_SECRET")?,
                    var("MIDTRANS_SNAP_BI_PARTNER_ID")?,
                    var("MIDTRANS_SNAP_BI_CHANNEL_ID")?,
                )
                .midtrans_public_key(read("MIDTRANS_SNAP_BI_PUBLIC_KEY_FILE")?);
                let client = Client::builder()
                    .environment(Environment::Sandbox)
                    .server_key(var("MIDTRANS_SERVER_KEY")?)
                    .snap_bi(credentials)
                    .build()?;
                (client, None)
            }
            None => {
                let mut config = MockConfig::default().server_key(MOCK_SERVER_KEY);
                if let Some(url) = notify {
                    config = config.snap_bi_notification_url(url);
                }
                let mock = MockServer::start(config).await?;
                println!(
                    "{title} — built-in Midtrans simulator's SNAP-BI at {} (test keys, no network)",
                    mock.snap_bi_url()
                );
                let credentials = SnapBiCredentials::new(
                    test::CLIENT_ID,
                    test::MERCHANT_PRIVATE_KEY,
                    test::CLIENT_SECRET,
                    test::PARTNER_ID,
                    test::CHANNEL_ID,
                )
                .midtrans_public_key(test::SIMULATOR_PUBLIC_KEY);
                let client = Client::builder()
                    .environment(
                        Environment::custom(mock.core_url(), mock.snap_url())?
                            .with_snap_bi_url(mock.snap_bi_url())?,
                    )
                    .server_key(MOCK_SERVER_KEY)
                    .snap_bi(credentials)
                    .build()?;
                (client, Some(mock))
            }
        };
        Ok(Example::new(client, mock))
    }

    /// An Iris example's client: the simulator's test keys by default, or the sandbox's when
    /// `MIDTRANS_IRIS_CREATOR_KEY` is set (with `MIDTRANS_IRIS_APPROVER_KEY` and
    /// `MIDTRANS_IRIS_MERCHANT_KEY`). `notify`: the simulator's Iris notification URL.
    pub(crate) async fn start_iris(title: &str, notify: String) -> Result<Example> {
        use midtrans::iris::IrisCredentials;
        use midtrans_mock::iris as test;
        let (client, mock) = match env("MIDTRANS_IRIS_CREATOR_KEY") {
            Some(creator) => {
                println!("{title} — Midtrans Iris sandbox (MIDTRANS_IRIS_CREATOR_KEY is set)");
                let credentials = IrisCredentials::new()
                    .creator_key(creator)
                    .approver_key(var("MIDTRANS_IRIS_APPROVER_KEY")?)
                    .merchant_key(var("MIDTRANS_IRIS_MERCHANT_KEY")?);
                let client = Client::builder()
                    .environment(Environment::Sandbox)
                    .server_key(var("MIDTRANS_SERVER_KEY")?)
                    .iris(credentials)
                    .build()?;
                (client, None)
            }
            None => {
                let config = MockConfig::default()
                    .server_key(MOCK_SERVER_KEY)
                    .iris_notification_url(notify);
                let mock = MockServer::start(config).await?;
                println!(
                    "{title} — built-in Midtrans simulator's Iris at {} (test keys, no network)",
                    mock.iris_url()
                );
                let credentials = IrisCredentials::new()
                    .creator_key(test::CREATOR_KEY)
                    .approver_key(test::APPROVER_KEY)
                    .merchant_key(test::MERCHANT_KEY);
                let client = Client::builder()
                    .environment(Environment::custom(mock.core_url(), mock.snap_url())?)
                    .server_key(MOCK_SERVER_KEY)
                    .iris(credentials)
                    .build()?;
                (client, Some(mock))
            }
        };
        Ok(Example::new(client, mock))
    }

    fn new(client: Client, mock: Option<MockServer>) -> Example {
        Example {
            client,
            mock,
            step: AtomicU32::new(0),
        }
    }

    /// Plays the customer through the simulator's control API (`pay`, `expire`), or says the
    /// step is skipped against the sandbox.
    pub(crate) async fn control(&self, id: &str, what: &str) -> Result<bool> {
        let Some(mock) = &self.mock else {
            skipped("the customer paying is done in the sandbox's simulator pages");
            return Ok(false);
        };
        let url = format!("{}/_mock/orders/{id}/{what}", mock.core_url());
        let status = reqwest::Client::new().post(url).send().await?.status();
        if !status.is_success() {
            return Err(format!("the simulator refused {what} {id}: {status}").into());
        }
        Ok(true)
    }
}

/// A required environment variable (sandbox mode).
fn var(name: &str) -> Result<String> {
    Ok(env(name).ok_or(format!("{name} is not set"))?)
}
