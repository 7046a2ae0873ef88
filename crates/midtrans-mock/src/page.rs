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

const METHODS: &[(&str, &str)] = &[
    ("credit_card", "Credit card (4411 1111 1111 1118)"),
    ("bca_va", "BCA virtual account"),
    ("bni_va", "BNI virtual account"),
    ("bri_va", "BRI virtual account"),
    ("permata_va", "Permata virtual account"),
    ("gopay", "GoPay"),
    ("qris", "QRIS"),
    ("indomaret", "Indomaret"),
    ("alfamart", "Alfamart"),
];

fn document(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title></head>\n\
         <body style=\"font-family:sans-serif;margin:1.5em\">\n{body}</body></html>\n",
        title = escape(title),
    )
}

/// The page listing payment methods for one Snap token.
pub(crate) fn payment_page(token: &str, order_id: &str, amount: u64) -> String {
    let buttons: String = METHODS
        .iter()
        .map(|(value, label)| {
            format!(
                "<p><button type=\"submit\" id=\"method-{value}\" name=\"method\" \
                 value=\"{value}\">{label}</button></p>\n"
            )
        })
        .collect();
    document(
        &format!("Midtrans mock — pay {order_id}"),
        &format!(
            "<h1>Pay IDR {amount}</h1><p>Order <code>{order}</code></p>\n\
             <form method=\"post\" action=\"/snap/v3/redirection/{token}/pay\">\n{buttons}</form>\n\
             <p><small>midtrans-mock: a card, GoPay or QRIS payment completes at once; a virtual \
             account or store payment stays pending until the control API settles it \
             (<code>POST /_mock/orders/{order}/pay</code>).</small></p>\n",
            order = escape(order_id),
            token = escape(token),
        ),
    )
}

/// What the customer sees after paying (or failing to): the transaction's status, the payment
/// details they need (virtual account number, bill key, store code), and a "Back to merchant"
/// button that hands `result` (the Core API status answer) to the page that opened this one.
/// `source` tells the listening script which page posted (`midtrans-mock-snap` or
/// `midtrans-mock-3ds`).
pub(crate) fn result_page(message: &str, result: &Value, source: &str) -> String {
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
            "<h1 id=\"result-message\">{message}</h1>\n\
             <p>Status: <code id=\"transaction-status\">{status}</code></p>\n{details}\
             <p><button type=\"button\" id=\"back-to-merchant\">Back to merchant</button></p>\n\
             <script>\n(function () {{\n  var result = {json};\n  \
             var button = document.getElementById(\"back-to-merchant\");\n  \
             if (window.parent === window) {{ button.style.display = \"none\"; return; }}\n  \
             button.onclick = function () {{\n    \
             window.parent.postMessage({{ source: \"{source}\", result: result }}, \"*\");\n  }};\n\
             }})();\n</script>\n",
            message = escape(message),
            status = escape(result["transaction_status"].as_str().unwrap_or("unknown")),
        ),
    )
}

/// The card issuer's 3-D Secure challenge for one transaction.
pub(crate) fn three_ds_page(transaction_id: &str, order_id: &str, amount: u64) -> String {
    document(
        "3-D Secure — midtrans-mock",
        &format!(
            "<h1>3-D Secure</h1><p>Order <code>{order}</code>, IDR {amount}.</p>\n\
             <form method=\"post\" action=\"/v2/token/rba/redirect/{id}\">\n\
             <p><label>One-time password <input id=\"otp\" name=\"otp\" \
             autocomplete=\"one-time-code\"></label></p>\n\
             <p><button type=\"submit\" id=\"authenticate\">OK</button></p>\n</form>\n\
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
