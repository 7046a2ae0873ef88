//! `midtrans verify` and `midtrans sign`: which scheme a notification is, whether its
//! signature holds for the keys given (through the client's own verification), and when it
//! does not, what is wrong with it.
// Read-only `serde_json::Value["key"]` yields `Null` for absent keys or non-objects and never
// panics.
#![allow(clippy::indexing_slicing)]

use http::HeaderMap;
use serde_json::{json, Value};

use crate::events::Scheme;
use crate::keys::{read_input, Keys};
use crate::trigger::core_signature_input;
use crate::{Failure, Outcome};

/// Flags of `midtrans verify`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  midtrans verify notification.json --server-key SB-Mid-server-…\n  midtrans verify iris.json --header 'Iris-Signature: 3f…' --iris-merchant-key …\n  midtrans verify va.json --path /v1.0/transfer-va/payment --header 'X-TIMESTAMP: …' --header 'X-SIGNATURE: …' --simulator-key"
)]
pub(crate) struct VerifyArgs {
    /// The body as received: a file, or `-` for standard input.
    #[arg(default_value = "-")]
    input: String,
    /// A header the notification came with (`Name: value`); give each one.
    #[arg(long = "header", short = 'H', value_name = "NAME: VALUE")]
    headers: Vec<String>,
    /// SNAP-BI: the path Midtrans posted to (what the signature covers), e.g.
    /// `/v1.0/debit/notify`.
    #[arg(long)]
    path: Option<String>,
    /// Print the verdict as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    keys: Keys,
}

/// Flags of `midtrans sign`.
#[derive(Debug, clap::Args)]
pub(crate) struct SignArgs {
    /// The body: a file, or `-` for standard input.
    #[arg(default_value = "-")]
    input: String,
    /// `core` (the body's `signature_key`), `iris` (`Iris-Signature`) or `snap-bi`
    /// (`X-SIGNATURE` with the simulator's key); by default read from the body.
    #[arg(long)]
    scheme: Option<String>,
    /// SNAP-BI: the path the notification is posted to.
    #[arg(long, default_value = "/v1.0/debit/notify")]
    path: String,
    #[command(flatten)]
    keys: Keys,
}

fn header_map(lines: &[String]) -> Result<HeaderMap, Failure> {
    let mut map = HeaderMap::new();
    for line in lines {
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| Failure::config(format!("--header {line:?}: give `Name: value`")))?;
        let name = http::HeaderName::from_bytes(name.trim().as_bytes())
            .map_err(|_| Failure::config(format!("--header {line:?}: not a header name")))?;
        let value = http::HeaderValue::from_str(value.trim())
            .map_err(|_| Failure::config(format!("--header {line:?}: not a header value")))?;
        map.append(name, value);
    }
    Ok(map)
}

/// The scheme a notification is, from its headers, then its fields.
fn scheme_of(headers: &HeaderMap, body: &Value) -> Scheme {
    let has = |key: &str| body.get(key).is_some();
    if headers.contains_key("x-signature") {
        Scheme::SnapBi
    } else if headers.contains_key("iris-signature") {
        Scheme::Iris
    } else if has("signature_key") {
        Scheme::Core
    } else if has("event_name") && body.get("subscription").is_some() {
        Scheme::Unsigned
    } else if has("latestTransactionStatus")
        || has("originalPartnerReferenceNo")
        || has("virtualAccountNo")
    {
        Scheme::SnapBi
    } else if has("reference_no") || body.get("status").and_then(Value::as_str) == Some("topup") {
        Scheme::Iris
    } else {
        Scheme::Core
    }
}

/// A verdict: valid or not, and what to say.
struct Verdict {
    scheme: Scheme,
    valid: bool,
    what: String,
    reason: String,
}

pub(crate) fn verify(args: &VerifyArgs) -> Outcome {
    let body = read_input(&args.input)?;
    let headers = header_map(&args.headers)?;
    let json: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let scheme = scheme_of(&headers, &json);
    let verdict = match scheme {
        Scheme::Core => core(&body, &json, &args.keys)?,
        Scheme::Iris => iris(&body, &headers, &args.keys)?,
        Scheme::SnapBi => snap_bi(&body, &headers, args.path.as_deref(), &args.keys)?,
        Scheme::Unsigned => Verdict {
            scheme,
            valid: false,
            what: "a subscription notification".into(),
            reason: "Midtrans does not sign subscription notifications: read the subscription \
                     and its transaction from the API (`midtrans api status <transaction id>`) \
                     instead of trusting the body"
                .into(),
        },
    };
    if args.json {
        println!(
            "{}",
            json!({"scheme": verdict.scheme.name(), "valid": verdict.valid,
                "notification": verdict.what, "reason": verdict.reason})
        );
    } else if verdict.valid {
        println!(
            "valid: {} ({}), {}",
            verdict.what,
            verdict.scheme.name(),
            verdict.reason
        );
    } else {
        println!(
            "INVALID: {} ({}): {}",
            verdict.what,
            verdict.scheme.name(),
            verdict.reason
        );
    }
    if verdict.valid {
        Ok(())
    } else {
        Err(Failure::failed("the signature does not hold"))
    }
}

fn core(body: &[u8], json: &Value, keys: &Keys) -> Result<Verdict, Failure> {
    let server_keys = keys.server()?;
    if server_keys.is_empty() {
        return Err(Failure::config(
            "no server key: give --server-key or set MIDTRANS_SERVER_KEY",
        ));
    }
    let refs: Vec<&midtrans::ServerKey> = server_keys.iter().collect();
    let pay_account = json.get("account_id").is_some() && json.get("account_status").is_some();
    let what = if pay_account {
        format!(
            "a pay account notification, account {}",
            json["account_id"].as_str().unwrap_or("?")
        )
    } else {
        format!(
            "a payment notification, order {}, {} {}",
            json.get("order_id").and_then(Value::as_str).unwrap_or("?"),
            json.get("payment_type")
                .and_then(Value::as_str)
                .unwrap_or("?"),
            json.get("transaction_status")
                .and_then(Value::as_str)
                .unwrap_or("?"),
        )
    };
    let result = if pay_account {
        midtrans::notification::verify_pay_account(body, &refs).map(|_| ())
    } else {
        midtrans::notification::verify(body, &refs).map(|_| ())
    };
    let scheme = Scheme::Core;
    match result {
        Ok(()) => {
            let input = core_signature_input(json)?;
            let which = server_keys
                .iter()
                .position(|key| {
                    json["signature_key"].as_str()
                        == Some(midtrans::notification::signature(&input, key).as_str())
                })
                .map_or(String::new(), |i| {
                    format!(" (key {} of {})", i + 1, server_keys.len())
                });
            Ok(Verdict {
                scheme,
                valid: true,
                what,
                reason: format!("signature_key matches{which}"),
            })
        }
        Err(error) => Ok(Verdict {
            scheme,
            valid: false,
            what,
            reason: core_diagnosis(json, &server_keys, &error),
        }),
    }
}

/// What is wrong with a Core notification whose signature does not hold.
fn core_diagnosis(json: &Value, keys: &[midtrans::ServerKey], error: &midtrans::Error) -> String {
    if let midtrans::Error::Notification(midtrans::NotificationError::InvalidField { .. })
    | midtrans::Error::Notification(midtrans::NotificationError::DuplicateField { .. }) = error
    {
        return error.to_string();
    }
    let Some(given) = json.get("signature_key").and_then(Value::as_str) else {
        return "there is no signature_key: a Core notification is signed in its body".into();
    };
    let matches = |body: &Value| {
        core_signature_input(body).ok().is_some_and(|input| {
            keys.iter()
                .any(|key| midtrans::notification::signature(&input, key) == given)
        })
    };
    // A changed field the signature covers: try the values it could have been signed with.
    for code in ["200", "201", "202", "407"] {
        let other = replaced(json, "status_code", code.into());
        if json["status_code"] != code && matches(&other) {
            return format!(
                "status_code was changed: the signature holds for \"{code}\", not {}",
                json["status_code"]
            );
        }
    }
    if let Some(amount) = json["gross_amount"].as_str() {
        for other_amount in [
            format!("{amount}.00"),
            amount.trim_end_matches(".00").to_owned(),
        ] {
            let other = replaced(json, "gross_amount", other_amount.clone().into());
            if other_amount != amount && matches(&other) {
                return format!(
                    "gross_amount was re-written: the signature holds for \"{other_amount}\", \
                     not \"{amount}\" (hash the text as received)"
                );
            }
        }
    }
    format!(
        "signature_key is not SHA-512(order_id + status_code + gross_amount + server key) for \
         any of the {} key(s) given: order_id, status_code or gross_amount was changed, or the \
         notification was signed with another key (another merchant, or the other \
         environment: sandbox keys start SB-Mid-server-)",
        keys.len()
    )
}

/// `json` with `key` set to `value` (when it is an object).
fn replaced(json: &Value, key: &str, value: Value) -> Value {
    let mut other = json.clone();
    if let Some(map) = other.as_object_mut() {
        map.insert(key.to_owned(), value);
    }
    other
}

fn iris(body: &[u8], headers: &HeaderMap, keys: &Keys) -> Result<Verdict, Failure> {
    let scheme = Scheme::Iris;
    let what = "an Iris notification".to_owned();
    let Some(given) = headers.get("iris-signature").and_then(|v| v.to_str().ok()) else {
        return Ok(Verdict {
            scheme,
            valid: false,
            what,
            reason: "the Iris-Signature header is missing (give it with --header)".into(),
        });
    };
    if keys.iris_merchant_keys.is_empty() {
        return Err(Failure::config(
            "no Iris merchant key: give --iris-merchant-key or set MIDTRANS_IRIS_MERCHANT_KEY",
        ));
    }
    let merchant_keys: Vec<&str> = keys.iris_merchant_keys.iter().map(String::as_str).collect();
    Ok(match midtrans::iris::verify_notification(headers, body, &merchant_keys) {
        Ok(notification) => Verdict { scheme, valid: true, what: format!("an Iris notification ({})", kind(&notification)),
            reason: "Iris-Signature matches".into() },
        Err(midtrans::Error::Signature(midtrans::SignatureError::Malformed)) => Verdict { scheme, valid: false, what,
            reason: format!("Iris-Signature is not 128 lower-case hex digits ({} characters given)", given.len()) },
        Err(midtrans::Error::Signature(_)) => Verdict { scheme, valid: false, what,
            reason: "Iris-Signature is not SHA-512(body + merchant key) for the key(s) given: the body was \
                     changed or re-formatted (verify the bytes as received), or it was signed with another merchant key".into() },
        Err(error) => Verdict { scheme, valid: false, what, reason: error.to_string() },
    })
}

fn kind(notification: &midtrans::types::iris::IrisNotification) -> String {
    match notification {
        midtrans::types::iris::IrisNotification::Payout(payout) => {
            format!("payout {} {}", payout.reference_no, payout.status)
        }
        midtrans::types::iris::IrisNotification::TopUp(_) => "top-up".into(),
        _ => "other".into(),
    }
}

/// The paths SNAP-BI notifications are posted to.
const SNAP_BI_PATHS: [&str; 3] = [
    "/v1.0/debit/notify",
    "/v1.0/qr/qr-mpm-notify",
    "/v1.0/transfer-va/payment",
];

fn snap_bi(
    body: &[u8],
    headers: &HeaderMap,
    path: Option<&str>,
    keys: &Keys,
) -> Result<Verdict, Failure> {
    let scheme = Scheme::SnapBi;
    let what = "a SNAP-BI notification".to_owned();
    for header in ["x-timestamp", "x-signature"] {
        if !headers.contains_key(header) {
            return Ok(Verdict {
                scheme,
                valid: false,
                what,
                reason: format!(
                    "the {} header is missing (give it with --header)",
                    header.to_uppercase()
                ),
            });
        }
    }
    let pem = keys.snap_bi_public_pem()?.ok_or_else(|| {
        Failure::config("no SNAP-BI public key: give --snap-bi-public-key FILE (Midtrans's), or --simulator-key")
    })?;
    let verifier = midtrans::snap_bi::NotificationVerifier::new(&pem)
        .map_err(|e| Failure::config(e.to_string()))?;
    let path = path.unwrap_or(SNAP_BI_PATHS[0]);
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    };
    let (timestamp, signature) = (text("x-timestamp"), text("x-signature"));
    let check =
        |path: &str, body: &[u8]| verifier.check_signature(path, timestamp, signature, body);
    Ok(match check(path, body) {
        Ok(()) => Verdict {
            scheme,
            valid: true,
            what,
            reason: format!("X-SIGNATURE holds for POST {path}"),
        },
        Err(midtrans::SignatureError::Malformed) => Verdict {
            scheme,
            valid: false,
            what,
            reason: "X-SIGNATURE is not base64".into(),
        },
        Err(_) => {
            let reason = if let Some(right) = SNAP_BI_PATHS
                .iter()
                .find(|p| **p != path && check(p, body).is_ok())
            {
                format!("the path is wrong: the signature holds for POST {right}, not {path} (give --path as Midtrans posted it)")
            } else if serde_json::from_slice::<Value>(body)
                .ok()
                .and_then(|v| serde_json::to_vec(&v).ok())
                .is_some_and(|m| m.as_slice() != body && check(path, &m).is_ok())
            {
                "the body was re-formatted: the signature holds for its minified form; verify the bytes as received".into()
            } else {
                "X-SIGNATURE is not Midtrans's SHA256withRSA over POST, the path, the body's SHA-256 and \
                 X-TIMESTAMP for this public key: the body, X-TIMESTAMP or the path changed, or the key is \
                 not the one that signed it"
                    .into()
            };
            Verdict {
                scheme,
                valid: false,
                what,
                reason,
            }
        }
    })
}

pub(crate) fn sign(args: &SignArgs) -> Outcome {
    let bytes = read_input(&args.input)?;
    let body: Value = serde_json::from_slice(&bytes)
        .map_err(|e| Failure::config(format!("the body is not JSON: {e}")))?;
    let scheme = match args.scheme.as_deref() {
        Some("core") => Scheme::Core,
        Some("iris") => Scheme::Iris,
        Some("snap-bi") => Scheme::SnapBi,
        Some(other) => {
            return Err(Failure::config(format!(
                "--scheme {other}: give core, iris or snap-bi"
            )))
        }
        None => scheme_of(&HeaderMap::new(), &body),
    };
    match scheme {
        Scheme::Core | Scheme::Unsigned => {
            let key = args.keys.first_server()?;
            let input = core_signature_input(&body)?;
            println!(
                "signature_key: {}",
                midtrans::notification::signature(&input, &key)
            );
        }
        Scheme::Iris => {
            println!(
                "Iris-Signature: {}",
                midtrans::iris::signature(&bytes, args.keys.first_iris()?)
            );
        }
        Scheme::SnapBi => {
            let timestamp = midtrans_mock::snap_bi::timestamp();
            let signature =
                midtrans_mock::snap_bi::sign_notification(&args.path, &bytes, &timestamp)
                    .ok_or_else(|| Failure::config("the simulator's SNAP-BI key did not sign"))?;
            println!("X-TIMESTAMP: {timestamp}");
            println!("X-SIGNATURE: {signature}");
        }
    }
    Ok(())
}
