//! `midtrans doctor`: a configuration checked, one line per check, never a key shown.

use std::time::Duration;

use crate::keys::{read_text, Target};
use crate::{Failure, Outcome};

/// Flags of `midtrans doctor`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit 0 when every check passes (or is skipped for want of what it needs), 1 when one fails, 3 when a file cannot be read.\n\nExample:\n  midtrans doctor --env sandbox --notification-url https://shop.example/midtrans/notify"
)]
pub(crate) struct Args {
    #[command(flatten)]
    target: Target,
    /// Server key. Env: MIDTRANS_SERVER_KEY.
    #[arg(long, env = "MIDTRANS_SERVER_KEY", hide_env_values = true)]
    server_key: Option<String>,
    /// Client key. Env: MIDTRANS_CLIENT_KEY.
    #[arg(long, env = "MIDTRANS_CLIENT_KEY", hide_env_values = true)]
    client_key: Option<String>,
    /// SNAP-BI: the merchant's private key (PEM). Env: MIDTRANS_SNAP_BI_PRIVATE_KEY_FILE.
    #[arg(long, env = "MIDTRANS_SNAP_BI_PRIVATE_KEY_FILE")]
    snap_bi_private_key: Option<std::path::PathBuf>,
    /// SNAP-BI: the public key registered with Midtrans (PEM). Env:
    /// MIDTRANS_SNAP_BI_REGISTERED_KEY_FILE.
    #[arg(long, env = "MIDTRANS_SNAP_BI_REGISTERED_KEY_FILE")]
    snap_bi_registered_key: Option<std::path::PathBuf>,
    /// The merchant's notification URL: a signed test notification is posted to it.
    #[arg(long, env = "MIDTRANS_NOTIFICATION_URL")]
    notification_url: Option<String>,
    /// Most seconds this machine's clock may be off Midtrans's.
    #[arg(long, default_value_t = 60)]
    max_clock_skew_secs: u64,
}

/// How one check went.
enum Check {
    Ok(String),
    Failed(String),
    Skipped(String),
}

fn report(name: &str, check: &Check) {
    match check {
        Check::Ok(text) => println!("ok    {name}: {text}"),
        Check::Failed(text) => println!("FAIL  {name}: {text}"),
        Check::Skipped(text) => println!("skip  {name}: {text}"),
    }
}

/// The key's form against the environment: `SB-` keys are the sandbox's.
fn key_form(key: Option<&str>, kind: &str, environment: &midtrans::Environment) -> Check {
    let Some(key) = key else {
        return if kind == "server" {
            Check::Failed("none given (--server-key or MIDTRANS_SERVER_KEY)".into())
        } else {
            Check::Skipped("none given".into())
        };
    };
    let sandbox = format!("SB-Mid-{kind}-");
    let production = format!("Mid-{kind}-");
    let other_kind = if kind == "server" { "client" } else { "server" };
    if key.trim() != key || key.is_empty() {
        return Check::Failed("it is empty or has spaces around it".into());
    }
    if key.contains(&format!("-{other_kind}-")) {
        return Check::Failed(format!("it is a {other_kind} key"));
    }
    match environment {
        midtrans::Environment::Sandbox if key.starts_with(&sandbox) => {
            Check::Ok(format!("a sandbox key ({sandbox}…)"))
        }
        midtrans::Environment::Sandbox => Check::Failed(format!(
            "the sandbox's keys start {sandbox}; this one does not"
        )),
        midtrans::Environment::Production if key.starts_with(&production) => {
            Check::Ok(format!("a production key ({production}…)"))
        }
        midtrans::Environment::Production => Check::Failed(format!(
            "production keys start {production}{}",
            if key.starts_with(&sandbox) {
                "; this is a sandbox key"
            } else {
                ""
            }
        )),
        _ => Check::Ok("given (a custom environment: any form)".into()),
    }
}

pub(crate) async fn run(args: Args) -> Outcome {
    let environment = args.target.environment()?;
    let mut checks: Vec<(&str, Check)> = Vec::new();
    let server_form = key_form(args.server_key.as_deref(), "server", &environment);
    let server_ok = matches!(server_form, Check::Ok(_));
    checks.push(("server key", server_form));
    checks.push((
        "client key",
        key_form(args.client_key.as_deref(), "client", &environment),
    ));

    // One harmless call: the status of an order that does not exist. 404 means the key is
    // accepted; 401 means it is not.
    let accepted = match (&args.server_key, server_ok) {
        (Some(key), true) => {
            let custom = !matches!(
                environment,
                midtrans::Environment::Sandbox | midtrans::Environment::Production
            );
            match midtrans::Client::builder()
                .environment(environment.clone())
                .server_key(key)
                .check_key_environment(!custom)
                .retry_policy(midtrans::RetryPolicy::none())
                .timeout(Duration::from_secs(15))
                .build()
            {
                Ok(client) => {
                    let probe = format!("midtrans-doctor-{}", std::process::id());
                    match client.transactions().status(&probe).send().await {
                        Ok(_) => Check::Ok("accepted".into()),
                        Err(error) => match error.as_api() {
                            Some(api) if api.is_not_found() => {
                                Check::Ok("accepted (an unknown order answers 404)".into())
                            }
                            Some(api) if api.is_unauthorized() => Check::Failed(
                                "refused (401): the key is wrong, or belongs to the other environment".into(),
                            ),
                            _ => Check::Failed(error.to_string()),
                        },
                    }
                }
                Err(error) => Check::Failed(error.to_string()),
            }
        }
        _ => Check::Skipped("no usable server key".into()),
    };
    // The clock is read from the same server, once the key is worth a call.
    let clock_check = if matches!(accepted, Check::Skipped(_)) {
        Check::Skipped("no call made".into())
    } else {
        clock(environment.core_url(), args.max_clock_skew_secs).await
    };
    checks.push(("keys accepted", accepted));
    checks.push(("clock", clock_check));

    let pair = match (&args.snap_bi_private_key, &args.snap_bi_registered_key) {
        (Some(private), Some(public)) => {
            let (private, public) = (read_text(private)?, read_text(public)?);
            match midtrans::snap_bi::key_pair_matches(&private, &public) {
                Ok(true) => Check::Ok("the private key is the registered public key's pair".into()),
                Ok(false) => Check::Failed(
                    "the private key is not the registered public key's pair: every access-token call will fail".into(),
                ),
                Err(error) => Check::Failed(error.to_string()),
            }
        }
        (None, None) => Check::Skipped("no SNAP-BI keys given".into()),
        _ => Check::Failed("give both --snap-bi-private-key and --snap-bi-registered-key".into()),
    };
    checks.push(("SNAP-BI key pair", pair));
    checks.push(("notification URL", notification(&args).await));

    let mut failed = 0;
    for (name, check) in &checks {
        report(name, check);
        if matches!(check, Check::Failed(_)) {
            failed += 1;
        }
    }
    if failed > 0 {
        return Err(Failure::failed(format!(
            "{failed} of {} checks failed",
            checks.len()
        )));
    }
    println!("all checks passed");
    Ok(())
}

/// This machine's clock against the `Date` the server answers with.
async fn clock(core_url: &str, max_skew: u64) -> Check {
    let http = match reqwest::Client::builder()
        .timeout(Duration::from_secs(15))
        .build()
    {
        Ok(http) => http,
        Err(error) => return Check::Failed(error.to_string()),
    };
    let answer = match http.get(core_url).send().await {
        Ok(answer) => answer,
        Err(error) => return Check::Failed(format!("no answer from {core_url}: {error}")),
    };
    let Some(date) = answer
        .headers()
        .get(http::header::DATE)
        .and_then(|v| v.to_str().ok())
        .and_then(httpdate)
    else {
        return Check::Skipped("the server sent no Date".into());
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let skew = now.abs_diff(date);
    if skew > max_skew {
        Check::Failed(format!(
            "{skew} s off the server's clock (more than {max_skew} s): SNAP-BI timestamps will be refused"
        ))
    } else {
        Check::Ok(format!("{skew} s off the server's clock"))
    }
}

/// Seconds since the epoch of an HTTP date (`Tue, 01 Dec 2026 10:00:00 GMT`, RFC 2822's form).
fn httpdate(text: &str) -> Option<u64> {
    let at = chrono::DateTime::parse_from_rfc2822(text).ok()?;
    u64::try_from(at.timestamp()).ok()
}

/// A signed test notification posted to the merchant's URL.
async fn notification(args: &Args) -> Check {
    let Some(url) = &args.notification_url else {
        return Check::Skipped("none given (--notification-url)".into());
    };
    let keys = crate::keys::Keys {
        server_keys: args.server_key.iter().cloned().collect(),
        ..Default::default()
    };
    let order_id = format!("midtrans-doctor-{}", std::process::id());
    let Some(body) = crate::events::body("settlement", &order_id) else {
        return Check::Failed("no test body".into());
    };
    let notification = match crate::trigger::signed(crate::events::Scheme::Core, body, url, &keys) {
        Ok(notification) => notification,
        Err(failure) => return Check::Failed(failure.message),
    };
    let http = match reqwest::Client::builder()
        .timeout(Duration::from_secs(15))
        .build()
    {
        Ok(http) => http,
        Err(error) => return Check::Failed(error.to_string()),
    };
    let attempts = midtrans_mock::delivery::deliver(&http, &notification, &[], |_| {}).await;
    match attempts.first() {
        Some(attempt) if attempt.delivered() => Check::Ok(format!(
            "answered HTTP {} in {} ms to a signed test notification (order {order_id})",
            attempt.status.unwrap_or(200),
            attempt.latency_ms
        )),
        Some(attempt) => Check::Failed(format!(
            "answered {} to a signed test notification (Midtrans wants 2xx): {}",
            attempt
                .status
                .map_or_else(|| "nothing".to_owned(), |s| format!("HTTP {s}")),
            attempt.answer
        )),
        None => Check::Failed("not sent".into()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn http_dates_are_read() {
        assert_eq!(super::httpdate("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            super::httpdate("Tue, 01 Dec 2026 20:00:00 GMT"),
            Some(1_796_155_200)
        );
        assert_eq!(super::httpdate("not a date"), None);
    }
}
