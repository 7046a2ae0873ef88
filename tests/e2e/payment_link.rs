//! Payment Link end to end over loopback: the client (feature `payment-link`) against the
//! simulator, customers paying through the link (the control API and the link's page), and
//! the payments' notifications verified and traced back to their link.

use midtrans::types::payment_link::{link_order_id, PaymentLinkRequest};
use midtrans::types::{EnabledPayment, Idr, ItemDetails, PaymentOutcome};
use midtrans::Error;

use crate::{order_id, setup, Receiver};

async fn control(mock: &midtrans_mock::MockServer, path: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/_mock/{path}", mock.core_url()))
        .send()
        .await
        .unwrap()
}

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_link_is_paid_up_to_its_usage_limit_then_refused() {
    let notified = Receiver::start(200).await;
    let (mock, client) = setup(Some(&notified.url)).await;
    let link_order = order_id("link");
    let request = PaymentLinkRequest::fixed(link_order.as_str(), Idr::new(50_000), 2)
        .title("Workshop seat")
        .item(ItemDetails::new("Seat", Idr::new(25_000), 2).id("seat-1"))
        .enabled_payments([EnabledPayment::BcaVa, EnabledPayment::Gopay])
        .build()
        .unwrap();
    let created = client.payment_links().create(&request).await.unwrap();
    assert_eq!(created.order_id.as_str(), link_order);
    // No id given: the client drew an unguessable one.
    let link_id = created.payment_link_id().unwrap().to_owned();
    assert!(
        link_id.starts_with("pl-") && link_id.len() == 35,
        "{link_id}"
    );
    assert!(created
        .payment_url
        .ends_with(&format!("/payment-links/{link_id}")));

    // Two customers pay: each payment is its own transaction, notified and signed.
    let mut payments = Vec::new();
    for _ in 0..2 {
        let paid = mock.pay_payment_link(&link_order).unwrap();
        assert_eq!(link_order_id(&paid), Some(link_order.as_str()), "{paid}");
        payments.push(paid);
    }
    assert_ne!(payments[0], payments[1]);
    let received = notified.wait_for(4).await;
    let raw = notified.bodies.lock().unwrap().clone();
    let settled: Vec<_> = raw
        .iter()
        .map(|body| client.transactions().notification(body).unwrap())
        .filter(|n| n.outcome() == PaymentOutcome::Paid)
        .collect();
    assert_eq!(settled.len(), 2, "{received:?}");
    for notification in &settled {
        let paid = notification.order_id().as_str();
        assert_eq!(link_order_id(paid), Some(link_order.as_str()));
        assert_eq!(notification.gross_amount().as_str(), "50000.00");
    }

    // The third is refused, through the control API and on the link's page.
    let third = mock.pay_payment_link(&link_order).unwrap_err();
    assert_eq!(third.status, 410, "{third}");
    assert!(third.message.contains("usage limit"), "{third}");
    let page = no_redirects()
        .get(&created.payment_url)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 410);

    let link = client.payment_links().get(&link_order).await.unwrap();
    assert_eq!((link.usage, link.usage_limit), (Some(2), Some(2)));
    assert_eq!(link.payment_link_id.as_deref(), Some(link_id.as_str()));
    assert_eq!(link.purchases.len(), 2);
    assert!(link
        .purchases
        .iter()
        .all(|p| p.payment_status.as_deref() == Some("SETTLEMENT")));

    // The order id and the link id are the link's own: a second link may take neither.
    let again = client.payment_links().create(&request).await.unwrap_err();
    assert!(
        matches!(&again, Error::Api(api) if api.http_status() == 409),
        "{again:?}"
    );
    let other = PaymentLinkRequest::fixed(order_id("link"), Idr::new(10_000), 1)
        .payment_link_id(link_id.as_str())
        .build()
        .unwrap();
    let taken = client.payment_links().create(&other).await.unwrap_err();
    assert!(taken.to_string().contains("has been taken"), "{taken}");

    // Deleted: gone from the API and from its page.
    let deleted = client.payment_links().delete(&link_order).await.unwrap();
    assert!(deleted.message.contains(&link_order), "{}", deleted.message);
    let gone = client.payment_links().get(&link_order).await.unwrap_err();
    assert!(
        matches!(&gone, Error::Api(api) if api.is_not_found()),
        "{gone:?}"
    );
    mock.shutdown().await;
}

#[tokio::test]
async fn a_pending_payment_holds_a_place_until_it_expires() {
    let (mock, client) = setup(None).await;
    let link_order = order_id("hold");
    let request = PaymentLinkRequest::fixed(link_order.as_str(), Idr::new(20_000), 1)
        .payment_link_id(format!("hold-{}", link_order.len()))
        .build()
        .unwrap();
    let created = client.payment_links().create(&request).await.unwrap();
    // A customer begins paying (a virtual account, not paid yet): the only place is held.
    let started = control(&mock, &format!("payment_links/{link_order}/start")).await;
    assert_eq!(started.status(), 200);
    let pending: serde_json::Value =
        serde_json::from_slice(&started.bytes().await.unwrap()).unwrap();
    assert_eq!(pending["transaction_status"], "pending");
    let purchase = pending["order_id"].as_str().unwrap().to_owned();
    let page = no_redirects()
        .get(&created.payment_url)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 410, "the place is held");
    // It expires: the place is free again, and the page opens a Snap payment of its own.
    assert_eq!(
        control(&mock, &format!("orders/{purchase}/expire"))
            .await
            .status(),
        200
    );
    let page = no_redirects()
        .get(&created.payment_url)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 303);
    let snap = page.headers()["location"].to_str().unwrap().to_owned();
    assert!(snap.contains("/snap/v3/redirection/"), "{snap}");
    let opened = reqwest::get(&snap).await.unwrap();
    assert_eq!(opened.status(), 200);
    // A link whose time is up takes nothing.
    assert_eq!(
        control(&mock, &format!("payment_links/{link_order}/expire"))
            .await
            .status(),
        200
    );
    let late = mock.pay_payment_link(&link_order).unwrap_err();
    assert!(late.message.contains("expired"), "{late}");
    mock.shutdown().await;
}

#[tokio::test]
async fn a_link_that_breaks_a_rule_is_refused_before_sending_and_by_the_simulator() {
    let (mock, client) = setup(None).await;
    // 37 characters: one more than a link's order id may have.
    let long = "o".repeat(37);
    let err = PaymentLinkRequest::fixed(long.as_str(), Idr::new(10_000), 1)
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "transaction_details.order_id");
    let err = PaymentLinkRequest::fixed("ok-1", Idr::new(10_000), 0)
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "usage_limit");
    let err = PaymentLinkRequest::fixed("ok-1", Idr::new(10_000), 1)
        .payment_link_id("Has-Capitals")
        .build()
        .unwrap_err();
    assert_eq!(err.field(), "transaction_details.payment_link_id");
    // Untyped, the simulator refuses them as Midtrans does.
    let raw = serde_json::json!({
        "transaction_details": {"order_id": long, "gross_amount": 10_000, "payment_link_id": "Bad_Id"},
        "usage_limit": 1,
    });
    let err = client.payment_links().create(&raw).await.unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("order_id") && text.contains("payment_link_id"),
        "{text}"
    );
    mock.shutdown().await;
}

#[tokio::test]
async fn two_customers_on_the_last_place_cannot_both_pay() {
    let (mock, client) = setup(None).await;
    let link_order = order_id("last");
    let request = PaymentLinkRequest::fixed(link_order.as_str(), Idr::new(30_000), 1)
        .enabled_payments([EnabledPayment::BcaVa])
        .build()
        .unwrap();
    let created = client.payment_links().create(&request).await.unwrap();
    // Both open the link while its one place is free: each gets a Snap payment of its own.
    let mut pages = Vec::new();
    for _ in 0..2 {
        let page = no_redirects()
            .get(&created.payment_url)
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 303);
        pages.push(page.headers()["location"].to_str().unwrap().to_owned());
    }
    // The first to pay takes the place; the second is refused when paying, not charged.
    let pay = |snap: String| async move {
        no_redirects()
            .post(format!("{snap}/pay"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("method=bca_va")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };
    let first = pay(pages[0].clone()).await;
    assert!(first.contains("id=\"va-number\""), "{first}");
    let second = pay(pages[1].clone()).await;
    assert!(second.contains("could not be paid"), "{second}");
    assert!(second.contains("usage limit"), "{second}");
    let link = client.payment_links().get(&link_order).await.unwrap();
    let charged: Vec<_> = link
        .purchases
        .iter()
        .filter(|p| p.payment_status.is_some())
        .collect();
    assert_eq!(charged.len(), 1, "{:?}", link.purchases);

    // Under load too: eight customers at once through the control API on a fresh link of
    // one place, exactly one pays.
    let busy_order = order_id("busy");
    let busy = PaymentLinkRequest::fixed(busy_order.as_str(), Idr::new(30_000), 1)
        .build()
        .unwrap();
    client.payment_links().create(&busy).await.unwrap();
    let url = format!("{}/_mock/payment_links/{busy_order}/pay", mock.core_url());
    let mut attempts = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let url = url.clone();
        attempts.spawn(async move {
            reqwest::Client::new()
                .post(url)
                .send()
                .await
                .unwrap()
                .status()
        });
    }
    let statuses: Vec<u16> = attempts
        .join_all()
        .await
        .iter()
        .map(|s| s.as_u16())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| matches!(s, 200 | 410)),
        "{statuses:?}"
    );
    let link = client.payment_links().get(&busy_order).await.unwrap();
    assert_eq!(link.usage, Some(1));
    mock.shutdown().await;
}
