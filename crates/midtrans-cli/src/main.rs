//! `midtrans`: the developer's command line for Midtrans, built on the `midtrans` client and
//! the `midtrans-mock` simulator.
//!
//! * `midtrans mock` runs the simulator (the flags of `midtrans-mock`);
//! * `midtrans trigger <event> --to <url>` sends a signed notification of any scheme, with
//!   Midtrans's retries, duplicates and out-of-order deliveries, every attempt printed and
//!   logged;
//! * `midtrans verify` says which scheme a notification is and whether its signature holds,
//!   and if not, what is wrong; `midtrans sign` computes one;
//! * `midtrans api …` calls the endpoints from the shell;
//! * `midtrans doctor` checks a configuration;
//! * `midtrans record` and `midtrans replay` record traffic through a proxy, every secret
//!   redacted, and serve it again offline.
//!
//! Keys come from flags or environment variables and are never printed.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod api;
mod cassette;
mod doctor;
mod events;
mod keys;
mod trigger;
mod verify;

use std::io::Write as _;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// What the exit codes mean, as `--help` says.
const EXIT_CODES: &str = "\
Exit codes:
  0  done: delivered, valid, answered, every check passed
  1  the thing asked failed: a signature that does not hold, Midtrans answering an error,
     a notification never taken (no 2xx), a doctor check that failed
  2  the command line is wrong (an unknown flag, a missing argument)
  3  the configuration is wrong: a key missing or of the wrong form, a file unreadable
  4  no answer (network): for a write, its outcome is unknown; look it up before retrying

Keys are read from flags or from MIDTRANS_SERVER_KEY, MIDTRANS_CLIENT_KEY,
MIDTRANS_IRIS_MERCHANT_KEY, MIDTRANS_SNAP_BI_PUBLIC_KEY_FILE, … and never printed.";

/// The Midtrans developer's command line: a local simulator, signed test notifications,
/// signature checks, API calls, configuration checks, and recorded traffic.
#[derive(Debug, Parser)]
#[command(name = "midtrans", version, about, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Runs the offline simulator (the flags and environment variables of `midtrans-mock`),
    /// printing its URLs, keys and dashboard.
    #[command(after_help = midtrans_mock::cli::CONTROL_API)]
    Mock(MockCommand),
    /// Sends a validly signed notification of a named event to a URL, retried as Midtrans
    /// retries; every attempt is printed and logged.
    Trigger(trigger::Args),
    /// Lists the events `trigger` knows.
    Events,
    /// Says which scheme a notification is and whether its signature holds for the keys
    /// given, and if not, which field or header is wrong.
    Verify(verify::VerifyArgs),
    /// Computes a notification's signature (`signature_key`, `Iris-Signature`, or SNAP-BI's
    /// `X-SIGNATURE` with the simulator's key).
    Sign(verify::SignArgs),
    /// Calls Midtrans (sandbox, production or the simulator) from the shell.
    Api(api::Args),
    /// Checks a configuration: key prefixes, keys accepted, SNAP-BI key pair, clock skew, the
    /// notification URL.
    Doctor(doctor::Args),
    /// Runs a recording proxy in front of an upstream (the sandbox or the simulator): every
    /// exchange goes to a cassette, secrets redacted.
    Record(cassette::RecordArgs),
    /// Serves a cassette's answers again, offline.
    Replay(cassette::ReplayArgs),
}

#[derive(Debug, clap::Args)]
struct MockCommand {
    #[command(flatten)]
    mock: midtrans_mock::cli::MockArgs,
}

/// A command that did not succeed: the exit code and what to tell the user.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) code: u8,
    pub(crate) message: String,
}

impl Failure {
    /// The thing asked failed (exit 1).
    pub(crate) fn failed(message: impl Into<String>) -> Self {
        Failure {
            code: 1,
            message: message.into(),
        }
    }

    /// The configuration is wrong (exit 3).
    pub(crate) fn config(message: impl Into<String>) -> Self {
        Failure {
            code: 3,
            message: message.into(),
        }
    }

    /// No answer (exit 4).
    pub(crate) fn network(message: impl Into<String>) -> Self {
        Failure {
            code: 4,
            message: message.into(),
        }
    }

    /// The failure a client error is: an API error (1), a configuration or input error (3),
    /// or no answer (4).
    pub(crate) fn from_client(error: &midtrans::Error) -> Self {
        match error {
            midtrans::Error::Api(_) | midtrans::Error::Decode(_) => {
                Failure::failed(error.to_string())
            }
            midtrans::Error::Transport(_) => Failure::network(error.to_string()),
            _ => Failure::config(error.to_string()),
        }
    }
}

/// What a command's result means for the process.
pub(crate) type Outcome = Result<(), Failure>;

/// Prints a line of a long-running command (`mock`, `record`, `replay`): it runs on if nobody
/// reads its output any more (a closed pipe), where `println!` would end it.
pub(crate) fn say(line: &str) {
    let mut out = std::io::stdout();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

async fn run(command: Command) -> Outcome {
    match command {
        Command::Mock(args) => mock(args).await,
        Command::Trigger(args) => trigger::run(args).await,
        Command::Events => {
            print!("{}", events::listing());
            Ok(())
        }
        Command::Verify(args) => verify::verify(&args),
        Command::Sign(args) => verify::sign(&args),
        Command::Api(args) => api::run(args).await,
        Command::Doctor(args) => doctor::run(args).await,
        Command::Record(args) => cassette::record(args).await,
        Command::Replay(args) => cassette::replay(args).await,
    }
}

async fn mock(args: MockCommand) -> Outcome {
    let server = args.mock.start().await.map_err(Failure::config)?;
    let config = server.config();
    say(&format!(
        "midtrans mock ready\n{}\n\
         server key: {}\nclient key: {}\n\
         iris keys: creator {}, approver {}, merchant {}\n\
         Point a client at the core and snap URLs; Ctrl-C stops. `midtrans api --env {}` calls it.",
        midtrans_mock::cli::banner(&server),
        // The simulator's own test keys, meant to be shown: they work nowhere else.
        config.server_key,
        config.client_key,
        config.iris_creator_key,
        config.iris_approver_key,
        config.iris_merchant_key,
        server.core_url(),
    ));
    let _ = tokio::signal::ctrl_c().await;
    server.shutdown().await;
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("midtrans: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}
