//! The simulator's notifications: delivered in the background through
//! [`crate::delivery::deliver`], each with its attempts kept in a bounded log.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::delivery::{DeliveryRecord, Notification};
use crate::sim::Delivery;

/// The most deliveries the log keeps; the oldest goes first.
const LOG_MAX: usize = 1_000;

/// The deliveries sent so far, newest last.
#[derive(Debug, Default)]
pub(crate) struct DeliveryLog {
    next: u64,
    records: VecDeque<DeliveryRecord>,
}

pub(crate) type SharedLog = Arc<Mutex<DeliveryLog>>;

fn lock(log: &SharedLog) -> std::sync::MutexGuard<'_, DeliveryLog> {
    log.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Every delivery kept, oldest first.
pub(crate) fn records(log: &SharedLog) -> Vec<DeliveryRecord> {
    lock(log).records.iter().cloned().collect()
}

/// Which scheme signed a delivery, and what it is about, from its headers and body.
fn describe(delivery: &Delivery) -> (String, String) {
    let has = |name: &str| {
        delivery
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name))
    };
    let scheme = if has("x-signature") {
        "snap-bi"
    } else if has("iris-signature") {
        "iris"
    } else {
        "core"
    };
    let body: serde_json::Value = serde_json::from_slice(&delivery.body).unwrap_or_default();
    let subject = [
        "order_id",
        "reference_no",
        "originalPartnerReferenceNo",
        "partnerReferenceNo",
        "trxId",
        "account_id",
    ]
    .iter()
    .find_map(|key| body.get(key).and_then(serde_json::Value::as_str))
    .or_else(|| {
        body.pointer("/subscription/id")
            .and_then(serde_json::Value::as_str)
    })
    .unwrap_or_default()
    .to_owned();
    (scheme.to_owned(), subject)
}

/// Sends every delivery in the background, `copies` times each (more than one under the
/// duplicate-notification fault), each copy a record of its own in `log`.
pub(crate) fn spawn(
    client: &reqwest::Client,
    log: &SharedLog,
    deliveries: Vec<Delivery>,
    delays: &[Duration],
    copies: usize,
) {
    for delivery in deliveries {
        let (scheme, subject) = describe(&delivery);
        let urls = delivery
            .urls
            .iter()
            .flat_map(|url| std::iter::repeat_n(url, copies));
        for url in urls {
            let notification = Notification {
                url: url.clone(),
                body: delivery.body.clone(),
                headers: delivery.headers.clone(),
            };
            let id = {
                let mut log = lock(log);
                log.next = log.next.saturating_add(1);
                let id = log.next;
                if log.records.len() >= LOG_MAX {
                    log.records.pop_front();
                }
                log.records.push_back(DeliveryRecord {
                    id,
                    scheme: scheme.clone(),
                    subject: subject.clone(),
                    url: url.clone(),
                    body: String::from_utf8_lossy(&delivery.body).into_owned(),
                    headers: delivery.headers.clone(),
                    attempts: Vec::new(),
                });
                id
            };
            let (client, log, delays) = (client.clone(), Arc::clone(log), delays.to_vec());
            tokio::spawn(async move {
                crate::delivery::deliver(&client, &notification, &delays, |attempt| {
                    let mut log = lock(&log);
                    if let Some(record) = log.records.iter_mut().find(|r| r.id == id) {
                        record.attempts.push(attempt.clone());
                    }
                })
                .await;
            });
        }
    }
}
