//! The Snap payment page: choose a method and pay.

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

/// The page listing payment methods for one Snap token.
pub(crate) fn payment_page(token: &str, order_id: &str, amount: u64) -> String {
    let buttons: String = METHODS
        .iter()
        .map(|(value, label)| {
            format!("<button type=\"submit\" name=\"method\" value=\"{value}\">{label}</button>\n")
        })
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Midtrans mock — pay {order}</title></head>\n\
         <body><h1>Pay IDR {amount}</h1><p>Order <code>{order}</code></p>\n\
         <form method=\"post\" action=\"/snap/v3/redirection/{token}/pay\">\n{buttons}</form>\n\
         <p>midtrans-mock: paying settles the order at once and sends its notifications.</p></body></html>\n",
        order = escape(order_id),
        token = escape(token),
    )
}

/// The page after paying.
pub(crate) fn done(message: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Midtrans mock</title></head>\n\
         <body><h1>{message}</h1></body></html>\n"
    )
}
