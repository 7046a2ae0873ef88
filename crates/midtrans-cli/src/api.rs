//! `midtrans api …`: the endpoints from the shell, through the client (its retries, its
//! error classification), against the sandbox, production or the simulator.

use clap::Subcommand;
use serde_json::Value;

use crate::keys::{read_input, Target};
use crate::{Failure, Outcome};

/// Flags of `midtrans api`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The server key comes from --server-key or MIDTRANS_SERVER_KEY and is never printed.\n\nExamples:\n  midtrans api --env http://127.0.0.1:8910 status order-101\n  midtrans api refund order-101 --amount 5000 --reason 'damaged' --json\n  midtrans api charge charge.json"
)]
pub(crate) struct Args {
    #[command(subcommand)]
    call: Call,
    #[command(flatten)]
    target: Target,
    /// Server key. Env: MIDTRANS_SERVER_KEY.
    #[arg(
        long,
        env = "MIDTRANS_SERVER_KEY",
        hide_env_values = true,
        global = true
    )]
    server_key: Option<String>,
    /// Print Midtrans's answer as JSON, for scripts.
    #[arg(long, global = true)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum Call {
    /// `GET /v2/{id}/status`: a transaction by order id or transaction id.
    Status { id: String },
    /// `POST /v2/{id}/cancel`.
    Cancel { id: String },
    /// `POST /v2/{id}/expire`: a pending payment ends now.
    Expire { id: String },
    /// `POST /v2/{id}/approve`: a challenged card payment is accepted.
    Approve { id: String },
    /// `POST /v2/{id}/deny`: a challenged card payment is refused.
    Deny { id: String },
    /// `POST /v2/{id}/refund`: all of it, or `--amount` rupiah.
    Refund {
        id: String,
        /// Rupiah to refund (all when left out).
        #[arg(long)]
        amount: Option<u64>,
        /// Why.
        #[arg(long)]
        reason: Option<String>,
        /// The refund key, so a retry refunds once.
        #[arg(long)]
        refund_key: Option<String>,
    },
    /// `POST /v2/charge` with the JSON of a file (`-`: standard input).
    Charge { file: String },
    /// `POST /snap/v1/transactions` with the JSON of a file: a Snap token and redirect URL.
    Snap { file: String },
}

fn client(args: &Args) -> Result<midtrans::Client, Failure> {
    let key = args.server_key.as_deref().ok_or_else(|| {
        Failure::config("no server key: give --server-key or set MIDTRANS_SERVER_KEY")
    })?;
    let environment = args.target.environment()?;
    // A simulator's test keys are sandbox keys whatever the URL.
    let custom = !matches!(
        environment,
        midtrans::Environment::Sandbox | midtrans::Environment::Production
    );
    midtrans::Client::builder()
        .environment(environment)
        .server_key(key)
        .check_key_environment(!custom)
        .build()
        .map_err(|e| Failure::config(e.to_string()))
}

fn json_file(file: &str) -> Result<Value, Failure> {
    let bytes = read_input(file)?;
    serde_json::from_slice(&bytes).map_err(|e| Failure::config(format!("{file} is not JSON: {e}")))
}

/// A transaction in a line: order, status, amount, message.
fn summary(answer: &Value) -> String {
    let field = |key: &str| answer.get(key).and_then(Value::as_str).unwrap_or("—");
    let mut line = format!(
        "order {}  transaction {}  {}  {}  {}",
        field("order_id"),
        field("transaction_id"),
        field("payment_type"),
        field("gross_amount"),
        field("transaction_status"),
    );
    if let Some(fraud) = answer.get("fraud_status").and_then(Value::as_str) {
        line.push_str(&format!(" (fraud {fraud})"));
    }
    if let Some(message) = answer.get("status_message").and_then(Value::as_str) {
        line.push_str(&format!("\n{message}"));
    }
    for (key, label) in [
        ("redirect_url", "redirect"),
        ("token", "token"),
        ("refund_amount", "refunded"),
    ] {
        if let Some(value) = answer.get(key).and_then(Value::as_str) {
            line.push_str(&format!("\n{label}: {value}"));
        }
    }
    if let Some(numbers) = answer.get("va_numbers").and_then(Value::as_array) {
        for number in numbers {
            line.push_str(&format!(
                "\nva {}: {}",
                number["bank"].as_str().unwrap_or("?"),
                number["va_number"].as_str().unwrap_or("?")
            ));
        }
    }
    line
}

pub(crate) async fn run(args: Args) -> Outcome {
    let client = client(&args)?;
    let tx = client.transactions();
    let answer = match &args.call {
        Call::Status { id } => tx.status(id).send_value().await,
        Call::Cancel { id } => tx.cancel(id).send_value().await,
        Call::Expire { id } => tx.expire(id).send_value().await,
        Call::Approve { id } => tx.approve(id).send_value().await,
        Call::Deny { id } => tx.deny(id).send_value().await,
        Call::Refund {
            id,
            amount,
            reason,
            refund_key,
        } => {
            let mut body = serde_json::Map::new();
            if let Some(amount) = amount {
                body.insert("amount".into(), (*amount).into());
            }
            if let Some(reason) = reason {
                body.insert("reason".into(), reason.clone().into());
            }
            if let Some(key) = refund_key {
                body.insert("refund_key".into(), key.clone().into());
            }
            tx.refund(id, Value::Object(body)).send_value().await
        }
        Call::Charge { file } => client.core().charge(json_file(file)?).send_value().await,
        Call::Snap { file } => {
            client
                .snap()
                .create_transaction(json_file(file)?)
                .send_value()
                .await
        }
    };
    match answer {
        Ok(value) => {
            if args.json {
                println!("{value}");
            } else {
                println!("{}", summary(&value));
            }
            Ok(())
        }
        Err(error) => {
            if args.json {
                if let Some(api) = error.as_api() {
                    println!(
                        "{}",
                        serde_json::json!({"http_status": api.http_status(), "code": api.code(),
                            "messages": api.messages(), "message": api.message()})
                    );
                }
            }
            let failure = Failure::from_client(&error);
            let hint = if error.outcome_unknown() {
                " (the outcome is unknown: read the status before trying again)"
            } else {
                ""
            };
            Err(Failure {
                message: format!("{}{hint}", failure.message),
                ..failure
            })
        }
    }
}
