//! Chaos: 2,000 charges from 32 concurrent tasks against the simulator with 10% HTTP 500s,
//! 5% connections dropped after the charge is committed, and latency jitter. No charge may be
//! lost or made twice: every call ends Ok, or with an error flagged outcome-unknown that a
//! status lookup resolves. Bounded: 2,000 charges and 60 seconds.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use midtrans::types::charge::{BankTransfer, ChargeRequest};
use midtrans::types::{Idr, TransactionDetails};
use midtrans::RetryPolicy;
use midtrans_mock::Faults;

use crate::setup;

const CHARGES: usize = 2_000;
const TASKS: usize = 32;

/// Whether the order has a transaction, asking until the answer is definite.
async fn charged(client: &midtrans::Client, order_id: &str) -> bool {
    loop {
        match client.transactions().status(order_id).send().await {
            Ok(_) => return true,
            Err(err) if err.as_api().is_some_and(|api| api.is_not_found()) => return false,
            Err(err) if err.as_api().is_some_and(|api| api.http_status() >= 500) => continue,
            Err(err @ midtrans::Error::Transport(_)) => drop(err),
            Err(err) => panic!("status lookup failed: {err}"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_thousand_charges_under_faults_none_lost_none_twice() {
    let (mock, client) = setup(None).await;
    let client = {
        // One retry: most faults are absorbed by it, and about 2% of calls (0.15²) still end
        // outcome-unknown, so the lookup path runs too.
        let policy = RetryPolicy::with_retries(1).delays(
            Duration::from_millis(5),
            Duration::from_millis(50),
            Duration::from_secs(5),
        );
        client.reconfigure(|c| c.retry_policy(policy)).unwrap();
        client
    };
    mock.set_faults(Faults {
        latency: Duration::from_millis(1),
        jitter: Duration::from_millis(5),
        error_rate: 0.10,
        drop_rate: 0.05,
        ..Faults::default()
    });
    let unknown_resolved = Arc::new(AtomicUsize::new(0));
    let run = async {
        let mut handles = Vec::new();
        for task in 0..TASKS {
            let client = client.clone();
            let unknown_resolved = Arc::clone(&unknown_resolved);
            handles.push(tokio::spawn(async move {
                for i in (task..CHARGES).step_by(TASKS) {
                    let order_id = format!("chaos-{i}");
                    let request = ChargeRequest::builder(
                        TransactionDetails::new(order_id.as_str(), Idr::new(10_000)),
                        BankTransfer::bca(),
                    )
                    .build()
                    .unwrap();
                    loop {
                        match client.core().charge(&request).send().await {
                            Ok(answer) => {
                                assert_eq!(answer.order_id.unwrap(), order_id.as_str());
                                break;
                            }
                            Err(err) => {
                                assert!(err.outcome_unknown(), "a definite failure: {err}");
                                assert!(err.idempotency_key().is_some());
                                // Resolve by status lookup: charged already, or not at all.
                                // The lookup meets the same faults; repeat it until Midtrans
                                // gives a definite answer.
                                unknown_resolved.fetch_add(1, Ordering::Relaxed);
                                if charged(&client, &order_id).await {
                                    break;
                                }
                            }
                        }
                    }
                }
            }));
        }
        for handle in handles {
            handle.await.unwrap();
        }
    };
    tokio::time::timeout(Duration::from_secs(60), run)
        .await
        .expect("the chaos run ends within 60 s");
    mock.set_faults(Faults::default());
    assert_eq!(
        mock.transaction_count(),
        CHARGES,
        "exactly one transaction per order"
    );
    for i in (0..CHARGES).step_by(97) {
        let status = client
            .transactions()
            .status(&format!("chaos-{i}"))
            .send()
            .await
            .unwrap();
        assert_eq!(status.gross_amount.unwrap().as_str(), "10000.00");
    }
    let resolved = unknown_resolved.load(Ordering::Relaxed);
    eprintln!("chaos: {CHARGES} charges, {resolved} calls ended outcome-unknown and were resolved by lookup");
    assert!(resolved > 0, "the outcome-unknown path was exercised");
}
