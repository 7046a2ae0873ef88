//! `midtrans-mock`: the simulator as a program. `midtrans-mock --help` lists every flag, its
//! environment variable and default, and the control API.
//!
//! Prints its base URLs when ready and runs until Ctrl-C.

use std::process::ExitCode;

use clap::Parser;
use midtrans_mock::cli::{banner, MockArgs, CONTROL_API};

/// An offline, stateful Midtrans simulator: Core API, Snap, SNAP-BI, Iris payouts,
/// subscriptions, GoPay tokenization, signed notifications, idempotency and fault injection.
#[derive(Debug, Parser)]
#[command(name = "midtrans-mock", version, about, after_help = CONTROL_API)]
struct Args {
    #[command(flatten)]
    mock: MockArgs,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let server = match args.mock.start().await {
        Ok(server) => server,
        Err(error) => {
            eprintln!("midtrans-mock: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("midtrans-mock ready");
    println!("{}", banner(&server));
    let _ = tokio::signal::ctrl_c().await;
    server.shutdown().await;
    ExitCode::SUCCESS
}
