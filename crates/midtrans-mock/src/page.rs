//! The simulator's pages and scripts: the Snap payment page, the card 3-D Secure page, and the
//! `snap.js` and `midtrans-new-3ds.min.js` stand-ins the merchant's own pages load.

use serde_json::Value;

/// `window.snap.pay(token, callbacks)`, served at `{app}/snap/snap.js`.
pub(crate) const SNAP_JS: &str = include_str!("assets/snap.js");

/// `MidtransNew3ds.getCardToken` / `authenticate`, served at
/// `{core}/v2/assets/js/midtrans-new-3ds.min.js`.
pub(crate) const NEW_3DS_JS: &str = include_str!("assets/midtrans-new-3ds.js");

/// The OTP the 3-D Secure page accepts, as on Midtrans's sandbox.
pub(crate) const OTP: &str = "112233";

/// Escapes text for HTML.
pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The pages' look: system fonts, one accent colour, no external assets.
const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;background:#f3f5f9;color:#1c2430}\
main{max-width:28rem;margin:0 auto;padding:1.25rem}\
.card{background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:1rem 1.25rem;margin-bottom:1rem}\
h1{font-size:1.35rem;margin:.2rem 0 .6rem}h2{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:#5b6b80;margin:1rem 0 .4rem}\
table{width:100%;border-collapse:collapse;font-size:.92rem}td{padding:.25rem 0}td.n{text-align:right;white-space:nowrap}\
tr.total td{border-top:1px solid #dde3ea;font-weight:600;padding-top:.5rem}\
button,.button{display:block;box-sizing:border-box;width:100%;text-align:left;font:inherit;padding:.7rem .9rem;margin:.3rem 0;border:1px solid #d5dce5;border-radius:8px;background:#fff;color:inherit;cursor:pointer;text-decoration:none}\
button:hover,.button:hover{border-color:#0c6cf2}button.primary,.button.primary{background:#0c6cf2;border-color:#0c6cf2;color:#fff;text-align:center}\
input{font:inherit;padding:.5rem;border:1px solid #d5dce5;border-radius:6px;width:100%;box-sizing:border-box}\
label{display:block;font-size:.85rem;margin:.4rem 0}.row{display:flex;gap:.5rem}.row label{flex:1}\
details{border:1px solid #d5dce5;border-radius:8px;padding:.2rem .9rem;margin:.3rem 0}summary{cursor:pointer;padding:.5rem 0}\
.error{background:#fdecec;color:#a61b1b;border-radius:8px;padding:.6rem .9rem}\
small,.muted{color:#5b6b80}code{font-size:.95em}img.qr{display:block;margin:.5rem auto;width:14rem;height:14rem;image-rendering:pixelated}";

fn document(title: &str, body: &str) -> String {
    page_with(title, "", body)
}

/// A page of the pages' look, with `style` added (the dashboard's wider tables).
pub(crate) fn page_with(title: &str, style: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title>\
         <style>{STYLE}{style}</style></head>\n<body><main>\n{body}</main></body></html>\n",
        title = escape(title),
    )
}

/// Rupiah with thousands separators, as Snap shows amounts: `Rp 44.000`.
pub(crate) fn rupiah(amount: i128) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if amount < 0 { "-" } else { "" };
    format!("Rp {sign}{grouped}")
}

/// The Snap payment page of one token: the order summary (items, amount, customer) and the
/// methods it offers, grouped as Snap groups them; the card method is a form.
pub(crate) fn snap_page(
    token: &str,
    session: &crate::sim::state::SnapSession,
    problem: Option<&str>,
) -> String {
    let order = escape(&session.order_id);
    let mut summary = String::new();
    if !session.items.is_empty() {
        summary.push_str("<table id=\"items\">\n");
        for (name, price, quantity) in &session.items {
            let line = i128::from(*price) * i128::from(*quantity);
            summary.push_str(&format!(
                "<tr><td>{} × {quantity}</td><td class=\"n\">{}</td></tr>\n",
                escape(name),
                rupiah(line)
            ));
        }
        summary.push_str(&format!(
            "<tr class=\"total\"><td>Total</td><td class=\"n\">{}</td></tr></table>\n",
            rupiah(i128::from(session.gross_amount))
        ));
    }
    let customer: String = session
        .customer
        .iter()
        .map(|(label, value)| {
            format!(
                "<tr><td class=\"muted\">{label}</td><td class=\"n\">{}</td></tr>",
                escape(value)
            )
        })
        .collect();
    if !customer.is_empty() {
        summary.push_str(&format!("<table id=\"customer\">{customer}</table>\n"));
    }
    let action = format!("/snap/v3/redirection/{}/pay", escape(token));
    let mut methods = String::new();
    for (group, entries) in crate::sim::snap::GROUPS {
        let offered: Vec<_> = entries.iter().filter(|(m, _)| session.allows(m)).collect();
        if offered.is_empty() {
            continue;
        }
        methods.push_str(&format!("<h2>{group}</h2>\n"));
        for (value, label) in offered {
            if *value == "credit_card" {
                methods.push_str(&format!(
                    "<details id=\"method-credit_card\"><summary>{label}</summary>\n\
                     <form method=\"post\" action=\"{action}\">\
                     <input type=\"hidden\" name=\"method\" value=\"credit_card\">\
                     <label>Card number <input id=\"card-number\" name=\"card_number\" \
                     inputmode=\"numeric\" autocomplete=\"cc-number\" \
                     placeholder=\"4811 1111 1111 1114\"></label>\
                     <div class=\"row\"><label>Expiry month <input id=\"card-exp-month\" \
                     name=\"card_exp_month\" value=\"12\"></label>\
                     <label>Expiry year <input id=\"card-exp-year\" name=\"card_exp_year\" \
                     value=\"2030\"></label><label>CVV <input id=\"card-cvv\" name=\"card_cvv\" \
                     value=\"123\"></label></div>\
                     <button type=\"submit\" id=\"pay-card\" class=\"primary\">Pay now</button>\
                     <small>Any sandbox test card: 4811 1111 1111 1114 accepts after 3-D Secure \
                     (password {OTP}), 4411 1111 1111 1118 accepts at once, \
                     5510 1111 1111 1115 is challenged, 4611 1111 1111 1116 is denied.</small>\
                     </form></details>\n"
                ));
            } else {
                methods.push_str(&format!(
                    "<form method=\"post\" action=\"{action}\"><button type=\"submit\" \
                     id=\"method-{value}\" name=\"method\" value=\"{value}\">{label}</button>\
                     </form>\n"
                ));
            }
        }
    }
    let problem = problem
        .map(|p| format!("<p class=\"error\" id=\"problem\">{}</p>\n", escape(p)))
        .unwrap_or_default();
    document(
        &format!("Pay {} — midtrans-mock", session.order_id),
        &format!(
            "<div class=\"card\"><p class=\"muted\">Order <code id=\"order-id\">{order}</code></p>\
             <h1 id=\"amount\">{amount}</h1>\n{summary}</div>\n{problem}\
             <div class=\"card\" id=\"methods\">{methods}</div>\n\
             <p><small>midtrans-mock: a card, GoPay or QRIS payment completes here; a virtual \
             account or store payment stays pending until the control API settles it \
             (<code>POST /_mock/orders/{order}/pay</code>).</small></p>\n",
            amount = rupiah(i128::from(session.gross_amount)),
        ),
    )
}

/// The page of a wallet, bank or lender: the order, its QR code for QR payments, and a Pay
/// button standing for the customer's confirmation in the app.
pub(crate) fn app_page(order: &crate::sim::state::Order, qr: Option<&str>) -> String {
    let qr = qr
        .map(|src| {
            format!(
                "<img class=\"qr\" id=\"qr-code\" alt=\"QR code\" src=\"{}\">\n\
                 <p class=\"muted\">Scan with any QRIS app, or pay below.</p>\n",
                escape(src)
            )
        })
        .unwrap_or_default();
    let body = if order.status == "pending" {
        format!(
            "<form method=\"post\"><button type=\"submit\" id=\"pay\" class=\"primary\">\
             Pay {amount}</button></form>\n",
            amount = rupiah(i128::from(order.gross_amount))
        )
    } else {
        format!(
            "<p>Status: <code id=\"transaction-status\">{}</code></p>\n",
            escape(&order.status)
        )
    };
    document(
        &format!("{} — midtrans-mock", order.payment_type),
        &format!(
            "<div class=\"card\"><p class=\"muted\">{kind} · order <code>{order_id}</code></p>\
             <h1>{amount}</h1>\n{qr}{body}</div>\n\
             <p><small>midtrans-mock stands in for the {kind} app here.</small></p>\n",
            kind = escape(&order.payment_type),
            order_id = escape(&order.order_id),
            amount = rupiah(i128::from(order.gross_amount)),
        ),
    )
}

/// GoPay's account-linking page: confirming links the account.
pub(crate) fn activation_page(account_id: &str, status: &str) -> String {
    let action = if status == "ENABLED" {
        "<p>This account is linked.</p>".to_owned()
    } else {
        "<form method=\"post\"><button type=\"submit\" id=\"link\" class=\"primary\">\
         Link GoPay account</button></form>"
            .to_owned()
    };
    document(
        "Link GoPay — midtrans-mock",
        &format!(
            "<div class=\"card\"><h1>Link your GoPay account</h1>\
             <p class=\"muted\">Account <code>{id}</code>: \
             <code id=\"account-status\">{status}</code></p>\n{action}</div>\n",
            id = escape(account_id),
            status = escape(status),
        ),
    )
}

/// What the customer sees after paying (or failing to): the transaction's status, the payment
/// details they need (virtual account number, bill key, store code), and a "Back to merchant"
/// button that hands `result` (the Core API status answer) to the page that opened this one.
/// `source` tells the listening script which page posted (`midtrans-mock-snap` or
/// `midtrans-mock-3ds`).
/// `back`, when given, is where the button leads outside a frame (Snap's `callbacks.finish`
/// with the order's status).
pub(crate) fn result_page(
    message: &str,
    result: &Value,
    source: &str,
    back: Option<&str>,
) -> String {
    let mut details = String::new();
    if let Some(numbers) = result["va_numbers"].as_array() {
        for number in numbers {
            details.push_str(&format!(
                "<p>{} virtual account: <code id=\"va-number\">{}</code></p>\n",
                escape(&number["bank"].as_str().unwrap_or_default().to_uppercase()),
                escape(number["va_number"].as_str().unwrap_or_default()),
            ));
        }
    }
    for (field, label) in [
        ("permata_va_number", "Permata virtual account"),
        ("bill_key", "Mandiri bill key"),
        ("payment_code", "Payment code"),
    ] {
        if let Some(value) = result[field].as_str() {
            details.push_str(&format!(
                "<p>{label}: <code id=\"va-number\">{}</code></p>\n",
                escape(value)
            ));
        }
    }
    // JSON inside a script element: `<` is written as an escape so `</script>` cannot occur.
    let json = serde_json::to_string(result)
        .unwrap_or_else(|_| "{}".to_owned())
        .replace('<', "\\u003c");
    document(
        "Midtrans mock",
        &format!(
            "<div class=\"card\"><h1 id=\"result-message\">{message}</h1>\n\
             <p>Status: <code id=\"transaction-status\">{status}</code></p>\n{details}\
             <p><a class=\"button primary\" id=\"back-to-merchant\" href=\"{href}\">Back to merchant</a></p></div>\n\
             <script>\n(function () {{\n  var result = {json};\n  \
             var button = document.getElementById(\"back-to-merchant\");\n  \
             if (window.parent === window) {{ if ({hide}) {{ button.style.display = \"none\"; }} return; }}\n  \
             button.onclick = function (event) {{\n    event.preventDefault();\n    \
             window.parent.postMessage({{ source: \"{source}\", result: result }}, \"*\");\n  }};\n\
             }})();\n</script>\n",
            message = escape(message),
            status = escape(result["transaction_status"].as_str().unwrap_or("unknown")),
            href = escape(back.unwrap_or("#")),
            hide = back.is_none(),
        ),
    )
}

/// The card issuer's 3-D Secure challenge for one transaction.
pub(crate) fn three_ds_page(transaction_id: &str, order_id: &str, amount: u64) -> String {
    document(
        "3-D Secure — midtrans-mock",
        &format!(
            "<div class=\"card\"><h1>3-D Secure</h1><p>Order <code>{order}</code>, IDR {amount}.</p>\n\
             <form method=\"post\" action=\"/v2/token/rba/redirect/{id}\">\n\
             <p><label>One-time password <input id=\"otp\" name=\"otp\" \
             autocomplete=\"one-time-code\"></label></p>\n\
             <p><button type=\"submit\" id=\"authenticate\" class=\"primary\">OK</button></p>\n</form></div>\n\
             <p><small>midtrans-mock: the password is {OTP}; any other fails the \
             authentication.</small></p>\n",
            order = escape(order_id),
            id = escape(transaction_id),
        ),
    )
}

/// A short HTML page with one heading.
pub(crate) fn message(text: &str) -> String {
    document("Midtrans mock", &format!("<h1>{}</h1>\n", escape(text)))
}
