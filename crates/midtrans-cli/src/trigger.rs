//! `midtrans trigger <event> --to <url>`: a signed notification, delivered through the
//! simulator's delivery (Midtrans's retry rule), with duplicates and out-of-order copies on
//! request; every attempt printed and appended to a log file.

use std::io::Write as _;
use std::time::Duration;

use midtrans_mock::delivery::{deliver, Attempt, Notification, MIDTRANS_RETRY_DELAYS};
use serde_json::{json, Value};

use crate::events::{self, Scheme};
use crate::keys::Keys;
use crate::{Failure, Outcome};

/// Flags of `midtrans trigger`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Events: `midtrans events` lists them.\n\nExample:\n  midtrans trigger settlement --to http://127.0.0.1:3000/notify --server-key SB-Mid-server-… --retries --retry-delays-ms 200,500"
)]
pub(crate) struct Args {
    /// The event (`midtrans events` lists them): settlement, capture, deny, iris-payout, …
    event: String,
    /// Where to send it (the merchant's notification URL).
    #[arg(long)]
    to: String,
    /// Set a field of the body before signing: `order_id=order-101`,
    /// `gross_amount=50000.00`, `transaction.status_code=201` (a field that is text stays
    /// text; a new one is read as JSON when it is JSON, else as text).
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    set: Vec<String>,
    /// Send this JSON body instead of the event's own (signed again, for the event's scheme).
    #[arg(long)]
    body: Option<std::path::PathBuf>,
    /// Retry on Midtrans's schedule while the target does not answer 2xx (500: once, 503: four
    /// times, 400/404: twice, others five times; 301–303 never).
    #[arg(long)]
    retries: bool,
    /// The waits between retries, in milliseconds (Midtrans waits 2, 10, 30, 90 and 210
    /// minutes).
    #[arg(long, value_delimiter = ',', value_name = "MS,…")]
    retry_delays_ms: Option<Vec<u64>>,
    /// Send this many extra copies, as Midtrans may deliver one notification more than once.
    #[arg(long, default_value_t = 0)]
    duplicates: u32,
    /// Then send the payment's earlier status (e.g. `pending` after `settlement`), as
    /// Midtrans delivers out of order at times.
    #[arg(long)]
    out_of_order: bool,
    /// The log every attempt is appended to (JSON lines).
    #[arg(long, default_value = "midtrans-trigger.jsonl")]
    log: std::path::PathBuf,
    #[command(flatten)]
    keys: Keys,
}

/// Sets `path` (dotted) in `body` to `value`.
fn set_field(body: &mut Value, path: &str, value: Value) -> Result<(), Failure> {
    let mut at = body;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        let Value::Object(map) = at else {
            return Err(Failure::config(format!(
                "--set {path}: {part} is not inside an object"
            )));
        };
        if parts.peek().is_none() {
            map.insert(part.to_owned(), value);
            return Ok(());
        }
        at = map
            .entry(part.to_owned())
            .or_insert_with(|| Value::Object(serde_json::Map::new()));
    }
    Err(Failure::config("--set needs FIELD=VALUE"))
}

/// The path of a URL (`/` when it has none).
fn url_path(url: &str) -> &str {
    url.split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|at| &rest[at..]))
        .map_or("/", |path| path.split('?').next().unwrap_or(path))
}

/// A signed notification of `scheme` to `url`.
pub(crate) fn signed(
    scheme: Scheme,
    mut body: Value,
    url: &str,
    keys: &Keys,
) -> Result<Notification, Failure> {
    match scheme {
        Scheme::Core => {
            let key = keys.first_server()?;
            let input = core_signature_input(&body)?;
            let signature = midtrans::notification::signature(&input, &key);
            if let Value::Object(map) = &mut body {
                map.insert("signature_key".into(), signature.into());
            }
            Ok(Notification::new(url, to_bytes(&body)))
        }
        Scheme::Unsigned => Ok(Notification::new(url, to_bytes(&body))),
        Scheme::Iris => {
            let bytes = to_bytes(&body);
            let signature = midtrans::iris::signature(&bytes, keys.first_iris()?);
            Ok(Notification::new(url, bytes).header("Iris-Signature", signature))
        }
        Scheme::SnapBi => {
            let bytes = to_bytes(&body);
            let timestamp = midtrans_mock::snap_bi::timestamp();
            let signature =
                midtrans_mock::snap_bi::sign_notification(url_path(url), &bytes, &timestamp)
                    .ok_or_else(|| Failure::config("the simulator's SNAP-BI key did not sign"))?;
            Ok(Notification::new(url, bytes)
                .header("X-TIMESTAMP", timestamp)
                .header("X-SIGNATURE", signature)
                .header("X-PARTNER-ID", "G123456789")
                .header("X-EXTERNAL-ID", events::order_id("ext"))
                .header("CHANNEL-ID", "95221"))
        }
    }
}

/// What a Core notification's `signature_key` covers: a payment's order id, status code and
/// gross amount, or a pay account's id, status and code.
pub(crate) fn core_signature_input(body: &Value) -> Result<String, Failure> {
    let missing = |e: midtrans::types::MissingSignatureField| {
        Failure::config(format!(
            "the body has no `{}`, which the signature covers",
            e.0
        ))
    };
    let invalid =
        |e: serde_json::Error| Failure::config(format!("the body is not a notification: {e}"));
    if body.get("account_id").is_some() && body.get("account_status").is_some() {
        let account: midtrans::types::PayAccountNotification =
            serde_json::from_value(body.clone()).map_err(invalid)?;
        account.signature_input().map_err(missing)
    } else {
        let payment: midtrans::types::PaymentNotification =
            serde_json::from_value(body.clone()).map_err(invalid)?;
        payment.signature_input().map_err(missing)
    }
}

fn to_bytes(body: &Value) -> Vec<u8> {
    serde_json::to_vec(body).unwrap_or_default()
}

/// One line of the printed log.
fn line(label: &str, attempt: &Attempt) -> String {
    let status = attempt
        .status
        .map_or_else(|| "no answer".to_owned(), |s| format!("HTTP {s}"));
    format!(
        "{} {label} attempt {}: {status} in {} ms — {}",
        attempt.sent_at,
        attempt.number,
        attempt.latency_ms,
        attempt.answer.replace('\n', " ")
    )
}

pub(crate) async fn run(args: Args) -> Outcome {
    let event = events::find(&args.event).ok_or_else(|| {
        Failure::config(format!(
            "no event {:?}; `midtrans events` lists them",
            args.event
        ))
    })?;
    let order_id = events::order_id(event.name);
    let mut body = match &args.body {
        Some(path) => {
            let bytes = std::fs::read(path)
                .map_err(|e| Failure::config(format!("cannot read {}: {e}", path.display())))?;
            serde_json::from_slice(&bytes)
                .map_err(|e| Failure::config(format!("{} is not JSON: {e}", path.display())))?
        }
        None => events::body(event.name, &order_id).unwrap_or_default(),
    };
    for setting in &args.set {
        let (field, value) = setting
            .split_once('=')
            .ok_or_else(|| Failure::config(format!("--set {setting}: give FIELD=VALUE")))?;
        // A field that is text stays text (Midtrans sends `gross_amount` and `status_code`
        // as strings); otherwise the value is read as JSON when it is JSON.
        let text_field = field
            .split('.')
            .try_fold(&body, |at, part| at.get(part))
            .is_some_and(Value::is_string);
        let value = if text_field {
            json!(value)
        } else {
            serde_json::from_str(value).unwrap_or_else(|_| json!(value))
        };
        set_field(&mut body, field, value)?;
    }
    let url = if event.scheme == Scheme::SnapBi && url_path(&args.to) == "/" {
        format!(
            "{}{}",
            args.to.trim_end_matches('/'),
            events::snap_bi_path(event.name)
        )
    } else {
        args.to.clone()
    };
    let mut sends = vec![(
        event.name.to_owned(),
        signed(event.scheme, body.clone(), &url, &args.keys)?,
    )];
    for copy in 0..args.duplicates {
        sends.push((
            format!("{} (copy {})", event.name, copy + 1),
            signed(event.scheme, body.clone(), &url, &args.keys)?,
        ));
    }
    if args.out_of_order {
        let earlier = events::earlier(event.name).ok_or_else(|| {
            Failure::config(format!(
                "{} has no earlier status to send out of order",
                event.name
            ))
        })?;
        let mut old = events::body(earlier, &order_id).unwrap_or_default();
        for key in ["order_id", "transaction_id", "gross_amount"] {
            if let (Some(value), Value::Object(map)) = (body.get(key).cloned(), &mut old) {
                map.insert(key.to_owned(), value);
            }
        }
        sends.push((
            format!("{earlier} (out of order)"),
            signed(event.scheme, old, &url, &args.keys)?,
        ));
    }
    let delays: Vec<Duration> = match (&args.retry_delays_ms, args.retries) {
        (_, false) => Vec::new(),
        (Some(ms), true) => ms.iter().map(|m| Duration::from_millis(*m)).collect(),
        (None, true) => MIDTRANS_RETRY_DELAYS.to_vec(),
    };
    let mut log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&args.log)
        .map_err(|e| Failure::config(format!("cannot open the log {}: {e}", args.log.display())))?;
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| Failure::config(format!("cannot make an HTTP client: {e}")))?;
    println!(
        "{} ({}) → {url}, order {}",
        event.name,
        event.scheme.name(),
        body.get("order_id")
            .or_else(|| body.get("reference_no"))
            .or_else(|| body.get("originalPartnerReferenceNo"))
            .or_else(|| body.get("trxId"))
            .and_then(Value::as_str)
            .unwrap_or(&order_id)
    );
    let mut undelivered = 0_usize;
    for (label, notification) in &sends {
        let attempts = deliver(&http, notification, &delays, |attempt| {
            println!("{}", line(label, attempt));
            let entry = json!({"event": event.name, "delivery": label, "scheme": event.scheme.name(),
                "attempt": attempt});
            let _ = writeln!(log, "{entry}");
        })
        .await;
        if !attempts.iter().any(Attempt::delivered) {
            undelivered += 1;
        }
    }
    println!("log: {}", args.log.display());
    if undelivered > 0 {
        return Err(Failure::failed(format!(
            "{undelivered} of {} notifications were not taken (no 2xx answer)",
            sends.len()
        )));
    }
    Ok(())
}
