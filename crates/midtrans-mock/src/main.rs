//! `midtrans-mock --port N --server-key K --client-key K --notification-url URL [--host ADDR]`
//!
//! Starts the simulator, prints its Core and Snap base URLs when ready, and runs until Ctrl-C.

use std::process::ExitCode;

use midtrans_mock::{MockConfig, MockServer};

const USAGE: &str = "usage: midtrans-mock [--port N] [--host ADDR] [--server-key KEY] \
                     [--client-key KEY] [--notification-url URL]";

fn parse(args: &[String]) -> Result<MockConfig, String> {
    let mut config = MockConfig::default();
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            return Err(USAGE.to_owned());
        }
        let value = args
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        config = match flag.as_str() {
            "--port" => config.port(value.parse().map_err(|_| format!("bad port {value:?}"))?),
            "--host" => config.host(
                value
                    .parse()
                    .map_err(|_| format!("bad address {value:?}"))?,
            ),
            "--server-key" => config.server_key(value),
            "--client-key" => config.client_key(value),
            "--notification-url" => config.notification_url(value),
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        };
    }
    Ok(config)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match parse(&args) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let server = match MockServer::start(config).await {
        Ok(server) => server,
        Err(error) => {
            eprintln!("midtrans-mock: cannot listen: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("midtrans-mock ready");
    println!("core: {}", server.core_url());
    println!("snap: {}", server.snap_url());
    let _ = tokio::signal::ctrl_c().await;
    server.shutdown().await;
    ExitCode::SUCCESS
}
