//! The pages a customer's browser opens outside Snap: the card issuer's 3-D Secure page, the
//! wallet and bank pages behind `deeplink-redirect`, `redirect_url` and GoPay's verification
//! links, the QR image behind `generate-qr-code`, and the result page they all end on.
// Read-only `serde_json::Value["key"]` yields `Null` for absent keys or non-objects and never
// panics.
#![allow(clippy::indexing_slicing)]

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::Value;

use super::state::{Order, Waiting};
use super::{Call, Delivery, Reply, Simulator};

/// Whether the browser shows this page inside a frame (`snap.js`'s overlay, a merchant's 3-D
/// Secure iframe): then the result goes back to the opening page by message, not by redirect.
fn in_frame(call: &Call) -> bool {
    call.header("sec-fetch-dest") == Some("iframe")
}

/// What a query value keeps as it is: RFC 3986's unreserved characters.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// `finish?order_id=…&status_code=…&transaction_status=…`, as Snap sends the customer back.
fn finish_url(finish: &str, order: &Order) -> String {
    let join = if finish.contains('?') { '&' } else { '?' };
    format!(
        "{finish}{join}order_id={}&status_code={}&transaction_status={}",
        utf8_percent_encode(&order.order_id, QUERY_VALUE),
        order.status_code(),
        utf8_percent_encode(&order.status, QUERY_VALUE),
    )
}

impl Simulator {
    /// The status answer a result page hands to the merchant's page, as Snap's callbacks get
    /// it: without `signature_key`, which is for the merchant's server.
    fn page_result(&self, order: &Order) -> Value {
        let mut body = order.body(
            &self.config.merchant_id,
            order.status_code(),
            "Success, transaction is found",
        );
        if let Value::Object(map) = &mut body {
            map.remove("signature_key");
        }
        body
    }

    /// Where a payment page ends: the result page (its message after `note`, when given), or
    /// — for a Snap payment with `callbacks.finish`, outside a frame, once no longer pending —
    /// a redirect to it.
    pub(super) fn result(&self, call: &Call, id: &str, how: &str, note: Option<&str>) -> Reply {
        let order = self.state().find(id).cloned();
        let Some(order) = order else {
            return Reply::Html(404, crate::page::message("Transaction not found"));
        };
        let result = self.page_result(&order);
        let message = match order.status.as_str() {
            "pending" => format!("Order {} is waiting for your payment.", order.order_id),
            "settlement" | "capture" => format!("Order {} is paid with {how}.", order.order_id),
            "deny" => "The payment was denied.".to_owned(),
            _ => "This order could not be paid.".to_owned(),
        };
        let message = match note {
            Some(note) => format!("{note} {message}"),
            None => message,
        };
        let (source, finish) = match &order.snap {
            Some(snap) => (
                "midtrans-mock-snap",
                snap.finish.as_deref().map(|f| finish_url(f, &order)),
            ),
            None if how == "card" => ("midtrans-mock-3ds", None),
            None => ("midtrans-mock-app", None),
        };
        if let Some(finish) = &finish {
            if !in_frame(call) && order.status != "pending" {
                return Reply::Redirect(finish.clone());
            }
        }
        let page = crate::page::result_page(&message, &result, source, finish.as_deref());
        Reply::Html(200, page)
    }

    /// Applies 3-D Secure's outcome to a card payment waiting for it: the card's own outcome
    /// when the customer authenticated, a denial when they did not. `false` when the payment
    /// was not waiting for 3-D Secure.
    pub(super) fn complete_three_ds(&self, order: &mut Order, authenticated: bool) -> bool {
        let Waiting::ThreeDs { outcome, authorize } = order.waiting.clone() else {
            return false;
        };
        if order.status != "pending" {
            return false;
        }
        order.waiting = Waiting::Nothing;
        order.fields.remove("redirect_url");
        if authenticated {
            let (status, fraud) = self.card_outcome(&mut order.fields, outcome, authorize);
            order.status = status.into();
            order.fraud = Some(fraud.into());
        } else {
            order.status = "deny".into();
            order.fields.insert("eci".into(), "07".into());
            order
                .fields
                .insert("channel_response_code".into(), "05".into());
            order.fields.insert(
                "channel_response_message".into(),
                "3-D Secure authentication failed".into(),
            );
        }
        true
    }

    /// The card issuer's 3-D Secure page of a card charge made with `authentication: true`:
    /// GET shows the OTP form; POST with the right OTP applies the card's outcome, any other
    /// denies it; either way the notification is sent and the result page hands the status
    /// back.
    pub(super) fn three_ds_page(&self, call: &Call, id: &str) -> (Reply, Vec<Delivery>) {
        let order = self.state().transactions.get(id).cloned();
        let Some(order) = order else {
            let page = crate::page::message("Transaction not found");
            return (Reply::Html(404, page), Vec::new());
        };
        let waiting = matches!(order.waiting, Waiting::ThreeDs { .. }) && order.status == "pending";
        if !waiting {
            let note = Some("This payment is not waiting for authentication.");
            return (self.result(call, id, "card", note), Vec::new());
        }
        if call.method != http::Method::POST {
            let page = crate::page::three_ds_page(id, &order.order_id, order.gross_amount);
            return (Reply::Html(200, page), Vec::new());
        }
        let authenticated = call.form().get("otp").map(String::as_str) == Some(crate::page::OTP);
        let done = self.state().update_order(id, |order| {
            self.complete_three_ds(order, authenticated)
                .then(|| order.clone())
        });
        let deliveries = done.flatten().map(|o| self.notify(&o)).unwrap_or_default();
        (self.result(call, id, "card", None), deliveries)
    }

    /// The page behind a wallet's `deeplink-redirect`, a bank's or lender's `redirect_url`,
    /// and GoPay's verification links: the order, the QR code for QR payments, and a button
    /// that pays, as the customer would in the app.
    pub(super) fn app_page(
        &self,
        call: &Call,
        payment_type: &str,
        id: &str,
    ) -> (Reply, Vec<Delivery>) {
        let order = self.state().transactions.get(id).cloned();
        let Some(order) = order.filter(|o| o.payment_type == payment_type) else {
            let page = crate::page::message("Transaction not found");
            return (Reply::Html(404, page), Vec::new());
        };
        if call.method != http::Method::POST {
            let qr = matches!(order.waiting, Waiting::Qr(_))
                .then(|| format!("/v2/{payment_type}/{id}/qr-code"));
            let page = crate::page::app_page(&order, qr.as_deref());
            return (Reply::Html(200, page), Vec::new());
        }
        let deliveries = self.control_transition(id, "pay").unwrap_or_default();
        (self.result(call, id, payment_type, None), deliveries)
    }

    /// `GET /v2/{gopay|qris}/{transaction_id}/qr-code`: the QR code of the payment as a PNG.
    pub(super) fn qr_code(&self, payment_type: &str, id: &str) -> Reply {
        let payload = match self.state().transactions.get(id) {
            Some(order) if order.payment_type == payment_type => match &order.waiting {
                Waiting::Qr(payload) => Some(payload.clone()),
                _ => None,
            },
            _ => None,
        };
        match payload.as_deref().and_then(crate::qr::png) {
            Some(png) => Reply::Image("image/png", png),
            None => Reply::Html(404, crate::page::message("QR code not found")),
        }
    }
}
