//! Throughput of the simulator with state: `cargo bench -p midtrans-mock`.
//!
//! The real client (reqwest, keep-alive) sends charges from concurrent tasks to the simulator
//! on 127.0.0.1, both in this process on one 2-thread runtime, so the figure includes the
//! client's own cost. `MOCK_BENCH_CHARGES` (default 40 000) and `MOCK_BENCH_TASKS` (default 32)
//! change the load.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use midtrans::types::charge::{BankTransfer, ChargeRequest};
use midtrans::types::{Idr, TransactionDetails};
use midtrans::{Client, Environment};
use midtrans_mock::{MockConfig, MockServer};

const KEY: &str = "SB-Mid-server-BENCH";

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

async fn run(
    client: &Client,
    prefix: &str,
    tasks: usize,
    per_task: usize,
    charge: bool,
) -> (usize, f64) {
    let started = Instant::now();
    let mut handles = Vec::new();
    for task in 0..tasks {
        let client = client.clone();
        let prefix = prefix.to_owned();
        handles.push(tokio::spawn(async move {
            let mut ok = 0;
            for i in 0..per_task {
                let order_id = format!("{prefix}-{task}-{i}");
                let done = if charge {
                    let request = ChargeRequest::builder(
                        TransactionDetails::new(order_id, Idr::new(44_000)),
                        BankTransfer::bca(),
                    )
                    .build()
                    .unwrap();
                    client.core().charge(&request).send().await.is_ok()
                } else {
                    client.transactions().status(&order_id).send().await.is_ok()
                };
                ok += usize::from(done);
            }
            ok
        }));
    }
    let mut ok = 0;
    for handle in handles {
        ok += handle.await.unwrap();
    }
    (ok, started.elapsed().as_secs_f64())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let total = env_or("MOCK_BENCH_CHARGES", 40_000);
    let tasks = env_or("MOCK_BENCH_TASKS", 32).max(1);
    let per_task = total / tasks;
    let mock = MockServer::start(MockConfig::default().server_key(KEY))
        .await
        .unwrap();
    let client = Client::builder()
        .environment(Environment::custom(mock.core_url(), mock.snap_url()).unwrap())
        .server_key(KEY)
        .build()
        .unwrap();

    run(&client, "warmup", tasks, 50, true).await;
    let (charged, seconds) = run(&client, "bench", tasks, per_task, true).await;
    println!(
        "charges: {charged} of {} in {seconds:.2} s from {tasks} tasks = {:.0} charges/s",
        tasks * per_task,
        charged as f64 / seconds
    );
    let (found, seconds) = run(&client, "bench", tasks, per_task, false).await;
    println!(
        "status lookups: {found} of {} in {seconds:.2} s = {:.0} lookups/s",
        tasks * per_task,
        found as f64 / seconds
    );
    mock.shutdown().await;
}
