//! The simulator's dashboard, under `/_mock/dashboard`: the transactions (filtered by product
//! and status), a transaction's history and every notification delivered about it with each
//! attempt and its answer, the Iris payouts, and buttons that pay, expire, challenge, refund
//! and charge back transactions and complete or fail payouts. Server-rendered HTML, no script;
//! the buttons are forms that post and come back (303).
//!
//! `GET /_mock/deliveries` answers the delivery log as JSON.

use crate::page::{escape, page_with, rupiah};
use crate::server::Shared;
use crate::sim::dashboard::{TransactionView, ACTIONS};
use crate::sim::{Call, Delivery, Reply};

/// The dashboard's wider layout.
const STYLE: &str = "main{max-width:72rem}\
table.list td,table.list th{padding:.35rem .5rem;border-bottom:1px solid #e6ebf1;text-align:left;vertical-align:top}\
table.list th{font-size:.75rem;text-transform:uppercase;color:#5b6b80}\
.status{font-weight:600}.ok{color:#137333}.bad{color:#a61b1b}\
form.inline{display:inline}form.inline button{display:inline-block;width:auto;margin:.2rem .3rem .2rem 0;padding:.4rem .7rem}\
form.filters{display:flex;gap:.5rem;align-items:end}form.filters label{flex:1 1 0;margin:0}\
form.filters button{width:auto;flex:0 0 auto;margin:0;padding:.5rem 1.2rem}\
select{font:inherit;padding:.45rem;border:1px solid #d5dce5;border-radius:6px;width:100%}\
.delivery h2{text-transform:none;letter-spacing:0;font-size:.85rem}\
pre{white-space:pre-wrap;word-break:break-all;font-size:.8rem;background:#f6f8fa;padding:.5rem;border-radius:6px}";

const BASE: &str = "/_mock/dashboard";

/// Answers a dashboard request (`segs` after `_mock`), or `None` when it is not one.
pub(crate) fn answer(shared: &Shared, call: &Call, segs: &[&str]) -> Option<Reply> {
    let post = call.method == http::Method::POST;
    Some(match segs {
        ["deliveries"] => Reply::Json(
            200,
            serde_json::to_value(crate::notify::records(&shared.deliveries)).unwrap_or_default(),
        ),
        ["dashboard"] if !post => list(shared, call),
        ["dashboard", "orders", id] if !post => order_page(shared, id, None),
        ["dashboard", "orders", id, action] if post => {
            match shared.sim.dashboard_action(id, action) {
                Ok(deliveries) => done(shared, deliveries, format!("{BASE}/orders/{}", path(id))),
                Err(why) => order_page(shared, id, Some(&why)),
            }
        }
        ["dashboard", "payouts", reference, action @ ("complete" | "fail")] if post => {
            match shared.sim.dashboard_payout(reference, action) {
                Ok(deliveries) => done(shared, deliveries, format!("{BASE}#payouts")),
                Err(why) => Reply::Html(400, page("Payout", &error(&why))),
            }
        }
        _ => return None,
    })
}

fn page(title: &str, body: &str) -> String {
    page_with(&format!("{title} — midtrans-mock dashboard"), STYLE, body)
}

fn error(why: &str) -> String {
    format!("<p class=\"error\" id=\"problem\">{}</p>\n", escape(why))
}

/// What a path segment keeps as it is: letters, digits and `-._~` (RFC 3986's unreserved).
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A path segment, percent-encoded.
fn path(id: &str) -> String {
    percent_encoding::utf8_percent_encode(id, SEGMENT).to_string()
}

/// Sends what an action caused, then goes back to `to`.
fn done(shared: &Shared, deliveries: Vec<Delivery>, to: String) -> Reply {
    shared.deliver(deliveries);
    Reply::Redirect(to)
}

fn status_class(status: &str) -> &'static str {
    match status {
        "settlement" | "capture" | "completed" => "status ok",
        "deny" | "cancel" | "expire" | "failure" | "failed" | "rejected" | "chargeback" => {
            "status bad"
        }
        _ => "status",
    }
}

fn list(shared: &Shared, call: &Call) -> Reply {
    let product = call.query("product").unwrap_or_default().to_owned();
    let status = call.query("status").unwrap_or_default().to_owned();
    let all = shared.sim.dashboard_transactions();
    let deliveries = crate::notify::records(&shared.deliveries);
    let mut products: Vec<String> = all
        .iter()
        .flat_map(|t| [t.payment_type.clone(), t.product.to_owned()])
        .collect();
    products.sort();
    products.dedup();
    let mut statuses: Vec<String> = all.iter().map(|t| t.status.clone()).collect();
    statuses.sort();
    statuses.dedup();
    let options = |values: &[String], chosen: &str| {
        let mut html = String::from("<option value=\"\">all</option>");
        for value in values {
            let selected = if value == chosen { " selected" } else { "" };
            html.push_str(&format!("<option{selected}>{}</option>", escape(value)));
        }
        html
    };
    let shown: Vec<&TransactionView> = all
        .iter()
        .filter(|t| product.is_empty() || t.payment_type == product || t.product == product)
        .filter(|t| status.is_empty() || t.status == status)
        .collect();
    let mut body = format!(
        "<div class=\"card\"><h1>Transactions</h1>\n\
         <form class=\"filters\" method=\"get\" action=\"{BASE}\">\
         <label>Product <select id=\"filter-product\" name=\"product\">{}</select></label>\
         <label>Status <select id=\"filter-status\" name=\"status\">{}</select></label>\
         <button type=\"submit\" id=\"filter\" class=\"primary\">Filter</button></form>\n",
        options(&products, &product),
        options(&statuses, &status),
    );
    if shown.is_empty() {
        body.push_str("<p class=\"muted\" id=\"empty\">No transactions yet.</p>\n");
    } else {
        body.push_str(
            "<table class=\"list\" id=\"transactions\"><tr><th>Time</th><th>Order</th>\
             <th>Payment</th><th>Amount</th><th>Status</th><th>Notifications</th></tr>\n",
        );
        for t in shown {
            let sent = deliveries
                .iter()
                .filter(|d| d.subject == t.order_id)
                .count();
            body.push_str(&format!(
                "<tr data-order=\"{order}\"><td>{time}</td><td><a href=\"{BASE}/orders/{link}\">{order}</a></td>\
                 <td>{payment}</td><td>{amount}</td><td class=\"{class}\">{status}</td><td>{sent}</td></tr>\n",
                order = escape(&t.order_id),
                time = escape(&t.transaction_time),
                link = path(&t.transaction_id),
                payment = escape(&t.payment_type),
                amount = rupiah(i128::from(t.gross_amount)),
                class = status_class(&t.status),
                status = escape(&t.status),
            ));
        }
        body.push_str("</table>\n");
    }
    body.push_str("</div>\n");
    body.push_str(&payouts(shared));
    Reply::Html(200, page("Transactions", &body))
}

fn payouts(shared: &Shared) -> String {
    let payouts = shared.sim.dashboard_payouts();
    let mut html = String::from("<div class=\"card\" id=\"payouts\"><h1>Iris payouts</h1>\n");
    if payouts.is_empty() {
        html.push_str("<p class=\"muted\">No payouts yet.</p></div>\n");
        return html;
    }
    html.push_str(
        "<table class=\"list\"><tr><th>Reference</th><th>Account</th><th>Amount</th>\
         <th>Status</th><th></th></tr>\n",
    );
    for payout in payouts {
        let reference = escape(&payout.reference_no);
        let buttons = if matches!(payout.status.as_str(), "approved" | "processed") {
            ["complete", "fail"]
                .iter()
                .map(|action| {
                    format!(
                        "<form class=\"inline\" method=\"post\" action=\"{BASE}/payouts/{}/{action}\">\
                         <button type=\"submit\" id=\"payout-{action}-{reference}\">{action}</button></form>",
                        path(&payout.reference_no)
                    )
                })
                .collect::<String>()
        } else {
            String::new()
        };
        html.push_str(&format!(
            "<tr><td>{reference}</td><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td>{buttons}</td></tr>\n",
            escape(&payout.account),
            rupiah(i128::from(payout.amount)),
            status_class(&payout.status),
            escape(&payout.status),
        ));
    }
    html.push_str("</table></div>\n");
    html
}

fn order_page(shared: &Shared, id: &str, problem: Option<&str>) -> Reply {
    let Some(t) = shared.sim.dashboard_transaction(id) else {
        let body = format!(
            "{}<p><a href=\"{BASE}\">All transactions</a></p>",
            error("Transaction not found")
        );
        return Reply::Html(404, page("Not found", &body));
    };
    let mut body = String::from("<div class=\"card\">");
    body.push_str(&format!(
        "<p><a href=\"{BASE}\" id=\"back\">All transactions</a></p>\
         <h1>Order <code id=\"order-id\">{}</code></h1>\n\
         <table><tr><td>Transaction id</td><td class=\"n\"><code>{}</code></td></tr>\
         <tr><td>Payment</td><td class=\"n\">{} ({})</td></tr>\
         <tr><td>Amount</td><td class=\"n\">{}</td></tr>\
         <tr><td>Refunded</td><td class=\"n\">{}</td></tr>\
         <tr><td>Status</td><td class=\"n {}\" id=\"status\">{}</td></tr>\
         <tr><td>Fraud status</td><td class=\"n\">{}</td></tr></table>\n",
        escape(&t.order_id),
        escape(&t.transaction_id),
        escape(&t.payment_type),
        t.product,
        rupiah(i128::from(t.gross_amount)),
        rupiah(i128::from(t.refunded)),
        status_class(&t.status),
        escape(&t.status),
        escape(t.fraud.as_deref().unwrap_or("—")),
    ));
    if let Some(why) = problem {
        body.push_str(&error(why));
    }
    body.push_str("<h2>Actions</h2>");
    for (action, label) in ACTIONS {
        body.push_str(&format!(
            "<form class=\"inline\" method=\"post\" action=\"{BASE}/orders/{}/{action}\">\
             <button type=\"submit\" id=\"action-{action}\">{label}</button></form>",
            path(&t.transaction_id)
        ));
    }
    body.push_str("<h2>History</h2><table class=\"list\" id=\"history\">");
    for (at, status) in &t.history {
        body.push_str(&format!(
            "<tr><td>{}</td><td class=\"{}\">{}</td></tr>",
            escape(at),
            status_class(status),
            escape(status)
        ));
    }
    body.push_str("</table></div>\n");
    body.push_str(&deliveries(shared, &t.order_id));
    Reply::Html(200, page(&format!("Order {}", t.order_id), &body))
}

fn deliveries(shared: &Shared, order_id: &str) -> String {
    let records: Vec<_> = crate::notify::records(&shared.deliveries)
        .into_iter()
        .filter(|d| d.subject == order_id)
        .collect();
    let mut html = String::from("<div class=\"card\" id=\"deliveries\"><h1>Notifications</h1>\n");
    if records.is_empty() {
        html.push_str(
            "<p class=\"muted\">None sent: start the simulator with a notification URL.</p></div>\n",
        );
        return html;
    }
    for record in records {
        html.push_str(&format!(
            "<div class=\"delivery\" id=\"delivery-{id}\"><h2>#{id} {scheme} → {url}</h2>\
             <details><summary>Body (signed)</summary><pre>{body}</pre></details>\
             <table class=\"list attempts\"><tr><th>Attempt</th><th>Sent</th><th>HTTP</th>\
             <th>Latency</th><th>Answer</th></tr>",
            id = record.id,
            scheme = escape(&record.scheme),
            url = escape(&record.url),
            body = escape(&record.body),
        ));
        for attempt in &record.attempts {
            let status = attempt
                .status
                .map_or_else(|| "no answer".to_owned(), |s| s.to_string());
            let class = if attempt.delivered() { "ok" } else { "bad" };
            html.push_str(&format!(
                "<tr class=\"attempt\"><td>{}</td><td>{}</td><td class=\"{class}\">{}</td>\
                 <td>{} ms</td><td><code>{}</code></td></tr>",
                attempt.number,
                escape(&attempt.sent_at),
                escape(&status),
                attempt.latency_ms,
                escape(&attempt.answer),
            ));
        }
        html.push_str("</table></div>\n");
    }
    html.push_str("</div>\n");
    html
}
