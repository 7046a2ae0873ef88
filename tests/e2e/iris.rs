//! Iris end to end over loopback: the client (feature `iris`) against the simulator's Iris,
//! with the merchant's notification endpoint verifying `Iris-Signature` through the axum
//! extractor, and the bank's side driven through the control API.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::routing::post;
use axum::Router;
use midtrans::iris::{IrisCredentials, VerifiedIrisNotification};
use midtrans::types::iris::{
    ApprovePayouts, Beneficiary, IrisNotification, PayoutItem, PayoutRequest, PayoutStatus,
    RejectPayouts,
};
use midtrans::types::Idr;
use midtrans::{Client, Environment, Error, RetryPolicy};
use midtrans_mock::{iris as keys, Faults, MockConfig, MockServer};

/// Every verified notification the merchant received, in arrival order.
type Seen = Arc<Mutex<Vec<IrisNotification>>>;

fn client_for(mock: &MockServer, creator: &str, approver: &str) -> Client {
    Client::builder()
        .environment(Environment::custom(mock.core_url(), mock.snap_url()).unwrap())
        .server_key(crate::SERVER_KEY)
        .iris(
            IrisCredentials::new()
                .creator_key(creator)
                .approver_key(approver)
                .merchant_key(keys::MERCHANT_KEY),
        )
        .retry_policy(RetryPolicy::with_retries(3).delays(
            Duration::from_millis(20),
            Duration::from_millis(100),
            Duration::from_secs(5),
        ))
        .build()
        .unwrap()
}

/// A simulator with `balance` rupiah, a client with its keys, and the merchant's Iris
/// notification endpoint.
async fn start(balance: u64) -> (MockServer, Client, Seen) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://{}/iris/notification",
        listener.local_addr().unwrap()
    );
    let mock = MockServer::start(
        MockConfig::default()
            .server_key(crate::SERVER_KEY)
            .retry_delays(vec![Duration::from_millis(20); 3])
            .iris_balance(balance)
            .iris_notification_url(url),
    )
    .await
    .unwrap();
    let client = client_for(&mock, keys::CREATOR_KEY, keys::APPROVER_KEY);
    let seen = Seen::default();
    let store = Arc::clone(&seen);
    let app = Router::new()
        .route(
            "/iris/notification",
            post(move |notification: VerifiedIrisNotification| async move {
                store.lock().unwrap().push(notification.into_inner());
                "ok"
            }),
        )
        .with_state(client.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (mock, client, seen)
}

/// The statuses each payout was notified with, once `count` notifications arrived (≤ 5 s).
/// Deliveries race each other, so each payout's statuses are sorted by the lifecycle.
async fn statuses(seen: &Seen, count: usize) -> BTreeMap<String, Vec<PayoutStatus>> {
    for _ in 0..250 {
        if seen.lock().unwrap().len() >= count {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let order = |s: &PayoutStatus| {
        [
            PayoutStatus::Queued,
            PayoutStatus::Approved,
            PayoutStatus::Rejected,
            PayoutStatus::Processed,
            PayoutStatus::Completed,
            PayoutStatus::Failed,
        ]
        .iter()
        .position(|p| p == s)
    };
    let mut by_payout: BTreeMap<String, Vec<PayoutStatus>> = BTreeMap::new();
    for notification in seen.lock().unwrap().iter() {
        if let IrisNotification::Payout(payout) = notification {
            by_payout
                .entry(payout.reference_no.clone())
                .or_default()
                .push(payout.status.clone());
        }
    }
    for list in by_payout.values_mut() {
        list.sort_by_key(|s| order(s));
    }
    by_payout
}

async fn control(mock: &MockServer, path: &str, body: &str) -> reqwest::StatusCode {
    reqwest::Client::new()
        .post(format!("{}/_mock/iris/{path}", mock.core_url()))
        .body(body.to_owned())
        .send()
        .await
        .unwrap()
        .status()
}

fn budi() -> Beneficiary {
    Beneficiary::builder("Budi Utomo", "bca", "0611101146", "budibca")
        .email("budi@example.com")
        .build()
        .unwrap()
}

fn siti() -> Beneficiary {
    Beneficiary::gopay("Siti Rahma", "081234567890", "sitigopay")
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_payout_of_two_items_is_approved_notified_and_settled_as_the_control_api_decides() {
    let (mock, client, seen) = start(1_000_000).await;
    let creator = client.iris().creator();
    let approver = client.iris().approver();
    assert_eq!(creator.ping().await.unwrap(), "pong");

    // Beneficiaries: created, listed, found again by account validation; a repeat refused.
    for beneficiary in [budi(), siti()] {
        let created = creator.create_beneficiary(&beneficiary).await.unwrap();
        assert_eq!(created.status, "created");
    }
    let saved = creator.beneficiaries().await.unwrap();
    assert_eq!(saved, vec![budi(), siti()]);
    let err = creator.create_beneficiary(budi()).await.unwrap_err();
    assert!(
        err.to_string()
            .contains("Alias name has already been taken"),
        "{err}"
    );
    let valid = creator.validate_account("bca", "0611101146").await.unwrap();
    assert_eq!(valid.account_name.as_deref(), Some("Budi Utomo"));
    let banks = creator.beneficiary_banks().await.unwrap();
    assert!(banks.beneficiary_banks.iter().any(|b| b.code == "gopay"));

    // One payout request of two items: both queued, nothing drawn yet.
    let request = PayoutRequest::builder([
        PayoutItem::to(&budi(), Idr::new(150_000), "November payout"),
        PayoutItem::to(&siti(), Idr::new(50_000), "November payout"),
    ])
    .build()
    .unwrap();
    let created = creator.create_payouts(&request).await.unwrap();
    assert_eq!(created.payouts.len(), 2);
    assert!(created
        .payouts
        .iter()
        .all(|p| p.status == PayoutStatus::Queued));
    let (budi_ref, siti_ref) = (
        created.payouts[0].reference_no.clone(),
        created.payouts[1].reference_no.clone(),
    );
    let queued = creator.payout(&budi_ref).await.unwrap();
    assert_eq!(queued.status, Some(PayoutStatus::Queued));
    assert_eq!(queued.amount.unwrap().to_idr(), Some(Idr::new(150_000)));
    assert_eq!(
        approver.balance().await.unwrap().balance.to_idr(),
        Some(Idr::new(1_000_000))
    );

    // A wrong OTP approves nothing.
    let refs = [budi_ref.as_str(), siti_ref.as_str()];
    let err = approver
        .approve_payouts(ApprovePayouts::new(refs, "000000"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Api(api) if api.http_status() == 400),
        "{err:?}"
    );
    assert!(err.to_string().contains("OTP"), "{err}");
    assert_eq!(
        creator.payout(&siti_ref).await.unwrap().status,
        Some(PayoutStatus::Queued)
    );

    // Approved with the OTP: both draw from the balance.
    let approved = approver
        .approve_payouts(ApprovePayouts::new(refs, keys::OTP))
        .await
        .unwrap();
    assert_eq!(approved.status, "ok");
    assert_eq!(
        approver.balance().await.unwrap().balance.to_idr(),
        Some(Idr::new(800_000))
    );

    // The bank: Budi's payout completes, Siti's account refuses hers (by account number).
    mock.complete_payout(&budi_ref).unwrap();
    let failed = control(
        &mock,
        "accounts/081234567890/fail",
        r#"{"error_code":"002"}"#,
    )
    .await;
    assert_eq!(failed, 200);

    let notified = statuses(&seen, 6).await;
    use PayoutStatus::{Approved, Completed, Failed, Processed};
    assert_eq!(notified[&budi_ref], [Approved, Processed, Completed]);
    assert_eq!(notified[&siti_ref], [Approved, Processed, Failed]);
    let failure = seen.lock().unwrap().iter().find_map(|n| match n {
        IrisNotification::Payout(p) if p.status == Failed => Some(p.clone()),
        _ => None,
    });
    let failure = failure.unwrap();
    assert_eq!(failure.error_code.as_deref(), Some("002"));
    assert_eq!(failure.amount.unwrap().to_idr(), Some(Idr::new(50_000)));

    let done = creator.payout(&budi_ref).await.unwrap();
    assert_eq!(done.status, Some(Completed));
    let refused = creator.payout(&siti_ref).await.unwrap();
    assert_eq!(refused.status, Some(Failed));
    assert_eq!(refused.extra["error_code"], "002");
    // The failed payout's amount came back.
    let balance = approver.balance().await.unwrap().balance;
    assert_eq!(balance.to_idr(), Some(Idr::new(850_000)));

    // A top-up raises the balance and is notified.
    assert_eq!(control(&mock, "top_up", r#"{"amount": 500000}"#).await, 200);
    for _ in 0..250 {
        if seen
            .lock()
            .unwrap()
            .iter()
            .any(|n| matches!(n, IrisNotification::TopUp(_)))
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let topup = seen.lock().unwrap().iter().find_map(|n| match n {
        IrisNotification::TopUp(t) => Some(t.clone()),
        _ => None,
    });
    let topup = topup.expect("the top-up was notified");
    assert_eq!(
        topup.gross_amount.unwrap().to_idr(),
        Some(Idr::new(500_000))
    );
    assert_eq!(mock.iris_balance(), 1_350_000);

    // The statement: the top-up and the refund credited, both payouts debited.
    let lines = creator
        .statements("2000-01-01", "2100-12-31")
        .await
        .unwrap();
    let mut kinds: Vec<(String, String, Option<Idr>)> = lines
        .iter()
        .map(|l| {
            (
                l.kind.clone().unwrap(),
                l.status.clone().unwrap(),
                l.amount.as_ref().and_then(|a| a.to_idr()),
            )
        })
        .collect();
    kinds.sort();
    let line = |kind: &str, status: &str, amount: u64| {
        (kind.to_owned(), status.to_owned(), Some(Idr::new(amount)))
    };
    assert_eq!(
        kinds,
        [
            line("Payout", "debit", 50_000),
            line("Payout", "debit", 150_000),
            line("Refund", "credit", 50_000),
            line("Top Up", "credit", 500_000),
        ]
    );
    assert!(creator
        .statements("2000-01-01", "2000-01-02")
        .await
        .unwrap()
        .is_empty());
    mock.shutdown().await;
}

#[tokio::test]
async fn a_short_balance_fails_the_payout_and_a_rejected_one_cannot_be_approved() {
    let (mock, client, seen) = start(100_000).await;
    let creator = client.iris().creator();
    let approver = client.iris().approver();
    let request = PayoutRequest::builder([
        PayoutItem::to(&budi(), Idr::new(150_000), "too much"),
        PayoutItem::to(&budi(), Idr::new(40_000), "to reject"),
    ])
    .build()
    .unwrap();
    let created = creator.create_payouts(&request).await.unwrap();
    let (big, small) = (
        created.payouts[0].reference_no.clone(),
        created.payouts[1].reference_no.clone(),
    );
    approver
        .approve_payouts(ApprovePayouts::new([big.as_str()], keys::OTP))
        .await
        .unwrap();
    let payout = creator.payout(&big).await.unwrap();
    assert_eq!(payout.status, Some(PayoutStatus::Failed));
    assert_eq!(payout.extra["error_code"], "016");
    assert_eq!(mock.iris_balance(), 100_000, "nothing was drawn");

    approver
        .reject_payouts(RejectPayouts::new([small.as_str()], "duplicate request"))
        .await
        .unwrap();
    assert_eq!(
        creator.payout(&small).await.unwrap().status,
        Some(PayoutStatus::Rejected)
    );
    let err = approver
        .approve_payouts(ApprovePayouts::new([small.as_str()], keys::OTP))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("not queued"), "{err}");
    let err = approver
        .approve_payouts(ApprovePayouts::new(["no-such-ref"], keys::OTP))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("Payouts not found"), "{err}");
    // A payout the bank cannot move on yet.
    let err = mock.complete_payout(&small).unwrap_err();
    assert_eq!(err.status, 412, "{err}");

    let notified = statuses(&seen, 2).await;
    assert_eq!(notified[&big], [PayoutStatus::Failed]);
    assert_eq!(notified[&small], [PayoutStatus::Rejected]);
    mock.shutdown().await;
}

#[tokio::test]
async fn each_key_is_held_to_its_role_by_the_simulator() {
    let (mock, _, _) = start(1_000_000).await;
    // A merchant who configured the keys the wrong way round: the types cannot tell.
    let swapped = client_for(&mock, keys::APPROVER_KEY, keys::CREATOR_KEY);
    let err = swapped
        .iris()
        .creator()
        .create_beneficiary(budi())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Api(api) if api.is_unauthorized()),
        "{err:?}"
    );
    let err = swapped
        .iris()
        .approver()
        .approve_payouts(ApprovePayouts::new(["ref-1"], keys::OTP))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Api(api) if api.is_unauthorized()),
        "{err:?}"
    );
    // Reads take either key; an unknown key none.
    assert!(swapped.iris().creator().balance().await.is_ok());
    let stranger = client_for(&mock, "IRIS-not-a-key", "IRIS-not-a-key-either");
    let err = stranger.iris().creator().balance().await.unwrap_err();
    assert!(
        matches!(&err, Error::Api(api) if api.is_unauthorized()),
        "{err:?}"
    );
    mock.shutdown().await;
}

#[tokio::test]
async fn a_payout_creation_whose_answer_is_lost_is_retried_into_exactly_one_payout() {
    let (mock, client, _) = start(1_000_000).await;
    let creator = client.iris().creator();
    let request = PayoutRequest::builder([
        PayoutItem::to(&budi(), Idr::new(10_000), "one"),
        PayoutItem::to(&siti(), Idr::new(20_000), "two"),
    ])
    .build()
    .unwrap();
    // The first attempt is processed, then its connection is dropped.
    mock.set_faults(Faults {
        drop_next: 1,
        ..Faults::default()
    });
    let created = creator.create_payouts(&request).await.unwrap();
    assert_eq!(created.payouts.len(), 2);
    let held = mock.retained();
    assert_eq!(
        held.iris_payouts, 2,
        "the retry created nothing more: {held:?}"
    );
    for payout in &created.payouts {
        assert_eq!(
            creator.payout(&payout.reference_no).await.unwrap().status,
            Some(PayoutStatus::Queued)
        );
    }
    // The key is the call's: a later call creates its own payouts.
    let again = creator.create_payouts(&request).await.unwrap();
    assert_ne!(
        again.payouts[0].reference_no,
        created.payouts[0].reference_no
    );
    assert_eq!(mock.retained().iris_payouts, 4);
    // A key given by the caller replays the first answer.
    let first = creator
        .create_payouts(&request)
        .idempotency_key("payroll-2026-11")
        .await
        .unwrap();
    let replay = creator
        .create_payouts(&request)
        .idempotency_key("payroll-2026-11")
        .await
        .unwrap();
    assert_eq!(first, replay);
    assert_eq!(mock.retained().iris_payouts, 6);
    mock.shutdown().await;
}

/// Chaos for payouts: 200 payout requests of two items from 8 tasks, with 10% HTTP 500s and
/// 10% connections dropped after the payouts were committed, one automatic retry each. A call
/// that still ends outcome-unknown is sent again under its own `X-Idempotency-Key`, which
/// Iris answers from its store if the first got through: exactly 400 payouts, none lost,
/// none twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_payout_requests_under_faults_none_lost_none_twice() {
    const REQUESTS: usize = 200;
    const TASKS: usize = 8;
    let (mock, client, _) = start(1_000_000).await;
    client
        .reconfigure(|c| {
            c.retry_policy(RetryPolicy::with_retries(1).delays(
                Duration::from_millis(2),
                Duration::from_millis(20),
                Duration::from_secs(5),
            ))
        })
        .unwrap();
    mock.set_faults(Faults {
        jitter: Duration::from_millis(3),
        error_rate: 0.10,
        drop_rate: 0.10,
        ..Faults::default()
    });
    let resent = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut handles = Vec::new();
    for task in 0..TASKS {
        let (client, resent) = (client.clone(), Arc::clone(&resent));
        handles.push(tokio::spawn(async move {
            let mut references = Vec::new();
            for i in (task..REQUESTS).step_by(TASKS) {
                let request = PayoutRequest::builder([
                    PayoutItem::to(&budi(), Idr::new(10_000), format!("chaos {i} a")),
                    PayoutItem::to(&siti(), Idr::new(20_000), format!("chaos {i} b")),
                ])
                .build()
                .unwrap();
                let mut key = None;
                let created = loop {
                    let mut call = client.iris().creator().create_payouts(&request);
                    if let Some(key) = &key {
                        call = call.idempotency_key(key);
                    }
                    match call.await {
                        Ok(created) => break created,
                        Err(err) => {
                            assert!(err.outcome_unknown(), "a definite failure: {err}");
                            key = Some(err.idempotency_key().unwrap().to_owned());
                            resent.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        }
                    }
                };
                assert_eq!(created.payouts.len(), 2);
                references.extend(created.payouts.into_iter().map(|p| p.reference_no));
            }
            references
        }));
    }
    let run = async {
        let mut all = Vec::new();
        for handle in handles {
            all.extend(handle.await.unwrap());
        }
        all
    };
    let references = tokio::time::timeout(Duration::from_secs(60), run)
        .await
        .expect("bounded: 60 s");
    mock.set_faults(Faults::default());
    let distinct: std::collections::BTreeSet<_> = references.iter().collect();
    assert_eq!(distinct.len(), 2 * REQUESTS);
    assert_eq!(
        mock.retained().iris_payouts,
        2 * REQUESTS,
        "none lost, none twice"
    );
    println!(
        "{REQUESTS} payout requests: {} sent again under their key after an unknown outcome",
        resent.load(std::sync::atomic::Ordering::Relaxed)
    );
    mock.shutdown().await;
}

/// The balance mutation report reflects what happened in the simulator: settled payments less
/// their refunds in the `payin` wallet, approved payouts in the `iris` wallet.
#[tokio::test]
async fn the_balance_report_reflects_settlements_refunds_and_payouts() {
    use midtrans::types::balance::BalanceMutationQuery;
    use midtrans::types::charge::{ChargeRequest, Gopay};
    use midtrans::types::{RefundRequest, TransactionDetails};
    let (mock, client, _) = start(1_000_000).await;
    let start = (chrono::Utc::now() - chrono::Duration::seconds(5)).fixed_offset();
    let id = crate::order_id("balance");
    let charge = ChargeRequest::builder(TransactionDetails::new(id.as_str(), 30_000), Gopay::new())
        .build()
        .unwrap();
    client.core().charge(&charge).send().await.unwrap();
    mock.pay(&id).unwrap();
    let refund = RefundRequest::builder()
        .amount(Idr::new(5_000))
        .build()
        .unwrap();
    client
        .transactions()
        .refund(&id, &refund)
        .send()
        .await
        .unwrap();
    let payout = PayoutRequest::builder([PayoutItem::to(&budi(), Idr::new(150_000), "x")])
        .build()
        .unwrap();
    let created = client
        .iris()
        .creator()
        .create_payouts(&payout)
        .await
        .unwrap();
    let reference = created.payouts[0].reference_no.as_str();
    client
        .iris()
        .approver()
        .approve_payouts(ApprovePayouts::new([reference], keys::OTP))
        .await
        .unwrap();
    let end = (chrono::Utc::now() + chrono::Duration::seconds(5)).fixed_offset();
    let report = client
        .core()
        .balance_mutation(&BalanceMutationQuery::idr(start, end))
        .await
        .unwrap();
    let payin = report.wallet("payin").unwrap();
    let iris = report.wallet("iris").unwrap();
    assert_eq!(payin.opening_balance_effective, 0.into());
    assert_eq!(payin.closing_balance_effective, 25_000.into());
    assert_eq!(iris.opening_balance_effective, 1_000_000.into());
    assert_eq!(iris.closing_balance_effective, 850_000.into());
    assert_eq!(report.closing_balance_overall, 875_000.into());
    assert_eq!(report.currency, "IDR");
    // A window that ends before it all: nothing moved.
    let before = client
        .core()
        .balance_mutation(&BalanceMutationQuery::idr(start, start))
        .await
        .unwrap();
    assert_eq!(
        before.closing_balance_overall,
        before.opening_balance_overall
    );
    assert_eq!(before.closing_balance_overall, 1_000_000.into());
    mock.shutdown().await;
}

/// A form post to the dashboard, as its buttons send it; the status and where it leads.
async fn button(mock: &MockServer, path: &str) -> (u16, Option<String>, String) {
    let answer = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{}/_mock/dashboard/{path}", mock.core_url()))
        .send()
        .await
        .unwrap();
    let status = answer.status().as_u16();
    let location = answer
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    (status, location, answer.text().await.unwrap())
}

#[tokio::test]
async fn the_dashboards_buttons_complete_and_fail_payouts_and_refund_and_charge_back_payments() {
    let (mock, client, seen) = start(1_000_000).await;
    let creator = client.iris().creator();
    let request = PayoutRequest::builder([
        PayoutItem::to(&budi(), Idr::new(100_000), "dashboard"),
        PayoutItem::to(&siti(), Idr::new(40_000), "dashboard"),
    ])
    .build()
    .unwrap();
    let created = creator.create_payouts(&request).await.unwrap();
    let refs: Vec<String> = created
        .payouts
        .iter()
        .map(|p| p.reference_no.clone())
        .collect();
    client
        .iris()
        .approver()
        .approve_payouts(ApprovePayouts::new(
            refs.iter().map(String::as_str),
            keys::OTP,
        ))
        .await
        .unwrap();
    // The list shows both approved payouts with their buttons.
    let page = reqwest::get(mock.dashboard_url())
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for reference in &refs {
        assert!(
            page.contains(&format!("id=\"payout-complete-{reference}\"")),
            "{page}"
        );
    }
    let (status, location, _) = button(&mock, &format!("payouts/{}/complete", refs[0])).await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some("/_mock/dashboard#payouts"))
    );
    let (status, _, _) = button(&mock, &format!("payouts/{}/fail", refs[1])).await;
    assert_eq!(status, 303);
    assert_eq!(
        creator.payout(&refs[0]).await.unwrap().status,
        Some(PayoutStatus::Completed)
    );
    assert_eq!(
        creator.payout(&refs[1]).await.unwrap().status,
        Some(PayoutStatus::Failed)
    );
    let notified = statuses(&seen, 6).await;
    assert_eq!(
        notified[&refs[0]].last(),
        Some(&PayoutStatus::Completed),
        "{notified:?}"
    );
    assert_eq!(
        notified[&refs[1]].last(),
        Some(&PayoutStatus::Failed),
        "{notified:?}"
    );
    // A payout already completed has no button left to press.
    let (status, _, page) = button(&mock, &format!("payouts/{}/fail", refs[0])).await;
    assert_eq!(status, 400, "{page}");

    // A payment: settled, refunded with the button, then nothing left to charge back.
    let charge = serde_json::json!({"payment_type": "bank_transfer", "bank_transfer": {"bank": "bca"},
        "transaction_details": {"order_id": "dash-1", "gross_amount": 30000}});
    let charged = client.core().charge(charge).send_value().await.unwrap();
    let transaction = charged["transaction_id"].as_str().unwrap().to_owned();
    let (status, location, _) = button(&mock, &format!("orders/{transaction}/pay")).await;
    assert_eq!(
        (status, location),
        (303, Some(format!("/_mock/dashboard/orders/{transaction}")))
    );
    let (status, _, _) = button(&mock, &format!("orders/{transaction}/refund")).await;
    assert_eq!(status, 303);
    let after = client.transactions().status("dash-1").await.unwrap();
    assert_eq!(
        after.transaction_status.as_ref().map(|s| s.as_str()),
        Some("refund")
    );
    // A card payment captured, then charged back with its button.
    // A one-time token of the sandbox card that is accepted at once (the simulator's form).
    let card = serde_json::json!({"payment_type": "credit_card",
        "credit_card": {"token_id": "44111111-1118-dashboard"},
        "transaction_details": {"order_id": "dash-2", "gross_amount": 20000}});
    client.core().charge(card).send_value().await.unwrap();
    let (status, _, _) = button(&mock, "orders/dash-2/chargeback").await;
    assert_eq!(status, 303);
    let charged_back = client.transactions().status("dash-2").await.unwrap();
    assert_eq!(
        charged_back.transaction_status.as_ref().map(|s| s.as_str()),
        Some("chargeback")
    );
    // Refused actions say why on the transaction's page; an unknown action likewise.
    let (status, _, page) = button(&mock, &format!("orders/{transaction}/expire")).await;
    assert_eq!(status, 200);
    assert!(page.contains("id=\"problem\""), "{page}");
    let (_, _, page) = button(&mock, &format!("orders/{transaction}/explode")).await;
    assert!(page.contains("no such action"), "{page}");
    // Its history, and the JSON delivery log behind the dashboard.
    let history = reqwest::get(format!("{}/orders/{transaction}", mock.dashboard_url()))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for status in ["pending", "settlement", "refund"] {
        assert!(
            history.contains(&format!(">{status}</td>")),
            "{status}: {history}"
        );
    }
    let log = reqwest::get(format!("{}/_mock/deliveries", mock.core_url()))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let log: serde_json::Value = serde_json::from_slice(&log).unwrap();
    let iris_sent = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["scheme"] == "iris")
        .count();
    assert!(iris_sent >= 6, "{log}");
    assert!(mock
        .deliveries()
        .iter()
        .filter(|d| d.scheme == "iris")
        .all(|d| d.delivered()));
    mock.shutdown().await;
}
