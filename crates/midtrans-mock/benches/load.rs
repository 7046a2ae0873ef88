//! The load tool: `cargo bench -p midtrans-mock --bench load -- [options]`.
//!
//! Fires N calls of one endpoint at concurrency C against a base URL — by default a
//! `midtrans-mock` binary it starts in another process, so this process's CPU time is the
//! client's alone — first through a raw-reqwest floor (keep-alive, bodies serialized up front,
//! answers parsed into `serde_json::Value`), then through the typed client, and prints calls/s,
//! p50/p99 latency, CPU time per call, the typed/floor CPU ratio, and peak RSS.
//!
//! Options: `--url BASE` (a running server instead of the spawned mock), `--server-key KEY`,
//! `--calls N` (default 20000), `--concurrency 1,16`, `--endpoint status|charge`,
//! `--floor-timeout-ms N` (give the floor the per-request timer the typed client always has),
//! `--only floor|typed` (run one side, e.g. under a profiler), `--rounds N` (default 20: the
//! calls of each concurrency are split into N rounds alternating which side goes first, after
//! one uncounted warm-up round of each; besides the ratio over all calls, the median and
//! quartiles of the rounds' own ratios are printed, which one burst of other load on the
//! machine does not move), `--retry default|none` (the typed client's retry policy; default
//! `default`, the client's own default, under which every charge carries a generated
//! `Idempotency-Key`), `--threads N` (1 = a one-thread runtime).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::{BufRead, BufReader};

use base64::Engine as _;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use midtrans::types::charge::{BankTransfer, ChargeRequest};
use midtrans::types::{Idr, TransactionDetails};
use midtrans::{Client, Environment, RetryPolicy};

struct Options {
    url: Option<String>,
    key: String,
    calls: usize,
    concurrency: Vec<usize>,
    endpoint: String,
    floor_timeout: Option<Duration>,
    only: Option<String>,
    rounds: usize,
    threads: usize,
    retry: RetryPolicy,
}

fn options() -> Options {
    let mut o = Options {
        url: None,
        key: "SB-Mid-server-LOAD".to_owned(),
        calls: 20_000,
        concurrency: vec![1, 16],
        endpoint: "status".to_owned(),
        floor_timeout: None,
        only: None,
        rounds: 20,
        threads: 2,
        retry: RetryPolicy::default(),
    };
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let mut i = 0;
    while i + 1 < args.len() {
        let value = args[i + 1].clone();
        match args[i].as_str() {
            "--url" => o.url = Some(value),
            "--server-key" => o.key = value,
            "--calls" => o.calls = value.parse().expect("--calls N"),
            "--concurrency" => {
                o.concurrency = value
                    .split(',')
                    .map(|c| c.parse().expect("--concurrency 1,16"))
                    .collect()
            }
            "--endpoint" => o.endpoint = value,
            "--floor-timeout-ms" => {
                o.floor_timeout = Some(Duration::from_millis(
                    value.parse().expect("--floor-timeout-ms N"),
                ))
            }
            "--only" => o.only = Some(value),
            "--rounds" => o.rounds = value.parse().expect("--rounds N"),
            "--threads" => o.threads = value.parse().expect("--threads N"),
            "--retry" => {
                o.retry = match value.as_str() {
                    "default" => RetryPolicy::default(),
                    "none" => RetryPolicy::none(),
                    other => panic!("--retry default|none, not {other}"),
                }
            }
            other => panic!("unknown option {other}"),
        }
        i += 2;
    }
    o
}

/// Starts `midtrans-mock` in another process; its Core base URL.
fn spawn_mock(key: &str) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_midtrans-mock"))
        .args(["--port", "0", "--server-key", key])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start midtrans-mock");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let _ready = lines.next();
    let core = lines
        .next()
        .unwrap()
        .unwrap()
        .trim_start_matches("core: ")
        .to_owned();
    (child, core)
}

/// This process's CPU time in seconds: the nanoseconds on CPU of each of its threads
/// (`/proc/self/task/*/schedstat`), precise where `/proc/self/stat` counts 10 ms ticks. The
/// threads (the runtime's workers and the main thread) live for the whole run.
fn cpu_seconds() -> f64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0.0;
    };
    let nanos: u64 = tasks
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("schedstat")).ok())
        .filter_map(|stat| stat.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    nanos as f64 / 1e9
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

struct Run {
    calls: usize,
    wall: f64,
    cpu: f64,
    latencies: Vec<Duration>,
}

impl Run {
    /// A side not run (`--only`).
    fn skipped() -> Self {
        Run {
            calls: 0,
            wall: 0.0,
            cpu: 0.0,
            latencies: Vec::new(),
        }
    }

    /// Adds the calls of another round.
    fn add(&mut self, other: Run) {
        self.calls += other.calls;
        self.wall += other.wall;
        self.cpu += other.cpu;
        self.latencies.extend(other.latencies);
    }

    fn print(&self, label: &str) {
        if self.calls == 0 {
            return;
        }
        let mut sorted = self.latencies.clone();
        sorted.sort();
        let pct = |p: f64| sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)];
        println!(
            "  {label:<6} {:>8.0} calls/s  p50 {:>7.1} µs  p99 {:>7.1} µs  CPU {:>6.1} µs/call",
            self.calls as f64 / self.wall,
            pct(0.50).as_secs_f64() * 1e6,
            pct(0.99).as_secs_f64() * 1e6,
            self.cpu / self.calls as f64 * 1e6,
        );
    }
}

/// Runs `calls` calls of `call(i)` from `concurrency` tasks.
async fn measure<F, Fut>(calls: usize, concurrency: usize, call: F) -> Run
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let call = Arc::new(call);
    let cpu = cpu_seconds();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for task in 0..concurrency {
        let call = Arc::clone(&call);
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            for i in (task..calls).step_by(concurrency) {
                let t = Instant::now();
                call(i).await;
                latencies.push(t.elapsed());
            }
            latencies
        }));
    }
    let mut latencies = Vec::with_capacity(calls);
    for task in tasks {
        latencies.extend(task.await.unwrap());
    }
    Run {
        calls,
        wall: started.elapsed().as_secs_f64(),
        cpu: cpu_seconds() - cpu,
        latencies,
    }
}

/// The server under load, and the two ways of calling it.
struct Target {
    core: String,
    client: Client,
    raw: reqwest::Client,
    auth: String,
    seeded: usize,
    /// Whether the floor's charges carry an `Idempotency-Key` (prepared up front, as its bodies
    /// are), so that the server does the same work for both sides: when the typed client's
    /// retry policy makes it send one.
    floor_keys: bool,
}

impl Target {
    /// The floor: raw reqwest with keep-alive, a body serialized up front, the answer parsed
    /// into an untyped `serde_json::Value`.
    async fn floor(&self, endpoint: &str, calls: usize, concurrency: usize, tag: &str) -> Run {
        let (raw, auth) = (self.raw.clone(), self.auth.clone());
        match endpoint {
            "status" => {
                let urls: Arc<Vec<String>> = Arc::new(
                    (0..self.seeded)
                        .map(|i| format!("{}/v2/load-seed-{}-{i}/status", self.core, run_id()))
                        .collect(),
                );
                measure(calls, concurrency, move |i| {
                    let (raw, auth, urls) = (raw.clone(), auth.clone(), Arc::clone(&urls));
                    async move {
                        let answer = raw
                            .get(&urls[i % urls.len()])
                            .header("authorization", auth)
                            .header("accept", "application/json")
                            .send()
                            .await
                            .unwrap();
                        let _: serde_json::Value =
                            serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap();
                    }
                })
                .await
            }
            _ => {
                let bodies: Arc<Vec<(Vec<u8>, Option<String>)>> = Arc::new(
                    (0..calls)
                        .map(|i| {
                            let order = format!("load-floor-{}-{tag}-{i}", run_id());
                            let key = self.floor_keys.then(|| format!("floor-key-{order}"));
                            (serde_json::to_vec(&charge_body(&order)).unwrap(), key)
                        })
                        .collect(),
                );
                let url = format!("{}/v2/charge", self.core);
                measure(calls, concurrency, move |i| {
                    let (raw, auth, url, bodies) =
                        (raw.clone(), auth.clone(), url.clone(), Arc::clone(&bodies));
                    async move {
                        let (body, key) = &bodies[i];
                        let mut request = raw
                            .post(url)
                            .header("authorization", auth)
                            .header("content-type", "application/json");
                        if let Some(key) = key {
                            request = request.header("idempotency-key", key);
                        }
                        let answer = request.body(body.clone()).send().await.unwrap();
                        let _: serde_json::Value =
                            serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap();
                    }
                })
                .await
            }
        }
    }

    /// The typed client: the request built, the answer classified and decoded.
    async fn typed(&self, endpoint: &str, calls: usize, concurrency: usize, tag: &str) -> Run {
        let client = self.client.clone();
        match endpoint {
            "status" => {
                // Order ids prepared up front, as the floor's URLs are.
                let ids: Arc<Vec<String>> = Arc::new(
                    (0..self.seeded)
                        .map(|i| format!("load-seed-{}-{i}", run_id()))
                        .collect(),
                );
                measure(calls, concurrency, move |i| {
                    let (client, ids) = (client.clone(), Arc::clone(&ids));
                    async move {
                        client
                            .transactions()
                            .status(&ids[i % ids.len()])
                            .send()
                            .await
                            .unwrap();
                    }
                })
                .await
            }
            _ => {
                let tag = tag.to_owned();
                measure(calls, concurrency, move |i| {
                    let (client, tag) = (client.clone(), tag.clone());
                    async move {
                        client
                            .core()
                            .charge(charge_body(&format!("load-typed-{}-{tag}-{i}", run_id())))
                            .send()
                            .await
                            .unwrap();
                    }
                })
                .await
            }
        }
    }
}

/// This run's part of every order id, so that runs against one server (`--url`) do not reuse
/// each other's orders.
fn run_id() -> u32 {
    std::process::id()
}

fn charge_body(order_id: &str) -> ChargeRequest {
    ChargeRequest::builder(
        TransactionDetails::new(order_id, Idr::new(44_000)),
        BankTransfer::bca(),
    )
    .build()
    .unwrap()
}

fn main() {
    let o = options();
    // `--threads 1`: one thread runs the calls and the connections, so no call pays for a
    // hand-over between workers that the other side happened not to need.
    let runtime = match o.threads {
        1 => tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build(),
        n => tokio::runtime::Builder::new_multi_thread()
            .worker_threads(n)
            .enable_all()
            .build(),
    };
    runtime.expect("a runtime").block_on(run(o));
}

async fn run(o: Options) {
    let (mut child, core) = match &o.url {
        Some(url) => (None, url.trim_end_matches('/').to_owned()),
        None => {
            let (child, core) = spawn_mock(&o.key);
            (Some(child), core)
        }
    };
    let client = Client::builder()
        .environment(Environment::custom(&core, format!("{core}/snap/v1")).unwrap())
        .server_key(&o.key)
        .retry_policy(o.retry.clone())
        .check_key_environment(false)
        .build()
        .unwrap();
    // The floor sets a per-request timeout only when asked (`--floor-timeout-ms`), to show
    // what the typed client's always-on attempt timeout costs.
    let mut raw = reqwest::Client::builder().no_proxy();
    if let Some(timeout) = o.floor_timeout {
        raw = raw.timeout(timeout);
    }
    let raw = raw.build().unwrap();
    let auth = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{}:", o.key))
    );
    println!(
        "load: {} × {} against {core}, typed client retry policy: {}",
        o.calls,
        o.endpoint,
        if o.retry.max_retries > 0 {
            "default (charges carry a generated Idempotency-Key)"
        } else {
            "none"
        }
    );

    // Orders to look up.
    let seeded = 1_000.min(o.calls);
    if o.endpoint == "status" {
        for i in 0..seeded {
            client
                .core()
                .charge(charge_body(&format!("load-seed-{}-{i}", run_id())))
                .send()
                .await
                .unwrap();
        }
    }
    let target = Target {
        core: core.clone(),
        client,
        raw,
        auth,
        seeded,
        floor_keys: o.retry.max_retries > 0,
    };
    let rounds = o.rounds.clamp(1, o.calls.max(1));
    for (round, &concurrency) in o.concurrency.iter().enumerate() {
        println!("concurrency {concurrency}:");
        let run_floor = o.only.as_deref() != Some("typed");
        let run_typed = o.only.as_deref() != Some("floor");
        let (mut floor, mut typed) = (Run::skipped(), Run::skipped());
        let mut ratios = Vec::new();
        // One round of each side first, not counted: connections opened, caches warm.
        let warm_up = (o.calls / rounds).max(1);
        if run_floor {
            target
                .floor(&o.endpoint, warm_up, concurrency, &format!("{round}-w"))
                .await;
        }
        if run_typed {
            target
                .typed(&o.endpoint, warm_up, concurrency, &format!("{round}-w"))
                .await;
        }
        // The calls are split into rounds that alternate which side goes first, so that drift
        // over the run (the server's caches, the machine's other load) falls on both alike;
        // each round's pair also gives a ratio of its own.
        for part in 0..rounds {
            let calls = o.calls / rounds + usize::from(part < o.calls % rounds);
            let tag = format!("{round}-{part}");
            let floor_first = part.is_multiple_of(2);
            let (mut floor_cpu, mut typed_cpu) = (0.0, 0.0);
            for floor_turn in [floor_first, !floor_first] {
                if floor_turn && run_floor {
                    let run = target.floor(&o.endpoint, calls, concurrency, &tag).await;
                    floor_cpu = run.cpu;
                    floor.add(run);
                } else if !floor_turn && run_typed {
                    let run = target.typed(&o.endpoint, calls, concurrency, &tag).await;
                    typed_cpu = run.cpu;
                    typed.add(run);
                }
            }
            if floor_cpu > 0.0 {
                ratios.push(typed_cpu / floor_cpu);
            }
        }
        floor.print("floor");
        typed.print("typed");
        if run_floor && run_typed {
            println!(
                "  typed/floor CPU per call: {:.3} over all calls",
                (typed.cpu / typed.calls as f64) / (floor.cpu / floor.calls as f64)
            );
            ratios.sort_by(f64::total_cmp);
            let quartile = |q: usize| ratios[(ratios.len() - 1) * q / 4];
            println!(
                "  per-round typed/floor ({} rounds): median {:.3}, quartiles {:.3}–{:.3}",
                ratios.len(),
                quartile(2),
                quartile(1),
                quartile(3)
            );
        }
    }
    println!("peak RSS: {} MiB", peak_rss_kib() / 1024);
    if let Some(child) = child.as_mut() {
        let _ = child.kill();
        let _ = child.wait();
    }
}
