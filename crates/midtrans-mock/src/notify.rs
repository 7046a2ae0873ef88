//! Delivering signed notifications, retried on Midtrans's schedule (shortened).

use std::time::Duration;

use crate::sim::Delivery;

/// How many retries Midtrans makes after the merchant answered `status` ([Midtrans docs](https://docs.midtrans.com/docs/https-notification-webhooks)):
/// 2xx none; 500 one; 503 four; 400 and 404 two; 301, 302, 303 none; anything else five.
pub(crate) fn retries_after(status: Option<u16>) -> usize {
    match status {
        Some(200..=299) | Some(301..=303) => 0,
        Some(500) => 1,
        Some(503) => 4,
        Some(400) | Some(404) => 2,
        _ => 5,
    }
}

/// Sends every delivery in the background, `copies` times each (more than one under the
/// duplicate-notification fault).
pub(crate) fn spawn(
    client: &reqwest::Client,
    deliveries: Vec<Delivery>,
    delays: &[Duration],
    copies: usize,
) {
    for delivery in deliveries {
        let urls = delivery
            .urls
            .iter()
            .flat_map(|url| std::iter::repeat_n(url, copies));
        for url in urls {
            let (client, url) = (client.clone(), url.clone());
            let body = delivery.body.clone();
            let headers = delivery.headers.clone();
            let delays = delays.to_vec();
            tokio::spawn(async move {
                deliver(&client, &url, body, &headers, &delays).await;
            });
        }
    }
}

async fn deliver(
    client: &reqwest::Client,
    url: &str,
    body: Vec<u8>,
    headers: &[(String, String)],
    delays: &[Duration],
) {
    let mut attempt = 0;
    loop {
        let mut request = client
            .post(url)
            .header("content-type", "application/json")
            .header("accept", "application/json")
            .header("user-agent", "Veritrans");
        for (name, value) in headers {
            request = request.header(name.as_str(), value.as_str());
        }
        let status = request
            .body(body.clone())
            .send()
            .await
            .ok()
            .map(|r| r.status().as_u16());
        if attempt >= retries_after(status).min(delays.len()) {
            return;
        }
        let Some(delay) = delays.get(attempt) else {
            return;
        };
        tokio::time::sleep(*delay).await;
        attempt += 1;
    }
}
