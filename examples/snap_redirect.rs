//! Snap redirect: create a transaction, send the customer's browser to its `redirect_url`,
//! and take them back at the finish callback URL.
//!
//! ```sh
//! cargo run --example snap_redirect
//! ```
//!
//! With no `MIDTRANS_SERVER_KEY` it runs against the built-in simulator on 127.0.0.1 and plays
//! the browser over plain HTTP: it loads the payment page, submits it (paying with GoPay), and
//! checks the status. With `MIDTRANS_SERVER_KEY` set it creates the transaction on the real
//! sandbox: open the printed URL in a browser to pay.

mod common;

use common::{form_action, http, page_heading, print_status, skipped, Example, Result};
use midtrans::types::snap::{Callbacks, SnapRequest};
use midtrans::types::{CustomerDetails, Idr, ItemDetails, TransactionDetails};

const FINISH_URL: &str = "https://example.com/shop/finish";

#[tokio::main]
async fn main() -> Result<()> {
    let example = Example::start("Snap redirect").await?;
    let client = &example.client;
    let order_id = common::order_id("snap-redirect")?;

    example.step("Create the transaction, with a finish callback URL");
    let request = SnapRequest::builder(TransactionDetails::new(
        order_id.as_str(),
        Idr::new(150_000),
    ))
    .item(ItemDetails::new("Kopi Luwak 250 g", Idr::new(150_000), 1).id("KOPI-250"))
    .customer_details(
        CustomerDetails::new()
            .first_name("Siti")
            .email("siti@example.com"),
    )
    .callbacks(Callbacks::finish(FINISH_URL))
    .build()?;
    let url = client
        .snap()
        .create_transaction_redirect_url(&request)
        .send()
        .await?;
    println!("   answer the checkout with: HTTP 303, Location: {url}");

    example.step("Before the customer picks a payment method, Midtrans has no transaction yet");
    match client.transactions().status(&order_id).send().await {
        Err(error) if error.as_api().is_some_and(|api| api.is_not_found()) => {
            println!("   status of {order_id}: 404, as expected ({error})");
        }
        Ok(status) => println!("   status: {}", common::describe(&status)),
        Err(error) => return Err(error.into()),
    }

    example.step("The browser opens the payment page and the customer pays");
    match example.mock() {
        Some(mock) => {
            let (status, page) = http("GET", &url, None, b"").await?;
            println!("   GET {url} → HTTP {status}: {}", page_heading(&page));
            if status != 200 {
                return Err(format!("the payment page answered HTTP {status}").into());
            }
            let action = form_action(&page, &mock.core_url())
                .ok_or("the payment page has no form to submit")?;
            let form = b"method=gopay";
            let (status, page) = http(
                "POST",
                &action,
                Some("application/x-www-form-urlencoded"),
                form,
            )
            .await?;
            println!("   pay with GoPay → HTTP {status}: {}", page_heading(&page));
        }
        None => skipped("open the URL above in a browser and pay with a sandbox method"),
    }

    example.step("Status, as the finish page must check it (never trust the browser)");
    let status = match example.mock() {
        Some(_) => Some(print_status(client, &order_id).await?),
        None => {
            skipped("there is no payment until the customer pays in the browser");
            None
        }
    };

    example.step("Back at the shop: Snap sends the browser to the finish URL");
    if example.mock().is_some() {
        // The simulator's result page does not redirect; this is where Midtrans would send it.
        println!("   (the simulator's page does not redirect; Midtrans would send it to:)");
    }
    let (code, state) = match &status {
        Some(tx) => (
            tx.status_code.as_str().to_owned(),
            common::or_dash(tx.transaction_status.as_ref()),
        ),
        None => (
            "{status_code}".to_owned(),
            "{transaction_status}".to_owned(),
        ),
    };
    println!("   {FINISH_URL}?order_id={order_id}&status_code={code}&transaction_status={state}");

    example.finish().await;
    Ok(())
}
