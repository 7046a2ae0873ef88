//! Signed notifications: the body Midtrans posts to the merchant on every state change, and its
//! `signature_key`.

use serde_json::Value;
use sha2::{Digest, Sha512};

use super::state::Order;
use super::{Delivery, Simulator};

/// Lowercase hex SHA-512: Core's `signature_key` and Iris's `Iris-Signature` are both one.
pub(super) fn sha512_hex(bytes: &[u8]) -> String {
    let mut hex = String::with_capacity(128);
    for byte in Sha512::digest(bytes) {
        hex.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
        hex.push(char::from_digit(u32::from(byte & 0x0f), 16).unwrap_or('0'));
    }
    hex
}

impl Simulator {
    /// `signature_key`: lowercase hex SHA-512 of order id, status code, amount and server key.
    pub(super) fn signature(&self, order: &Order) -> String {
        let input = format!(
            "{}{}{}{}",
            order.order_id,
            order.status_code(),
            order.amount_text(),
            self.config.server_key
        );
        sha512_hex(input.as_bytes())
    }

    /// The order as a signed notification body.
    fn signed(&self, order: &Order) -> Vec<u8> {
        let mut body = order.body(
            &self.config.merchant_id,
            order.status_code(),
            "midtrans payment notification",
        );
        if let Value::Object(map) = &mut body {
            map.insert("signature_key".into(), self.signature(order).into());
        }
        serde_json::to_vec(&body).unwrap_or_default()
    }

    /// The notification of an order's current state, for each of its notification URLs.
    pub(super) fn notify(&self, order: &Order) -> Vec<Delivery> {
        if order.notify.is_empty() {
            return Vec::new();
        }
        if let Some(bi) = &order.snap_bi {
            let mut deliveries = self.snap_bi_notify(order, bi);
            // Virtual accounts also come in the Core API's format, to the Core notification
            // URL, for merchants moving from it (Midtrans sends both during the move).
            if let (super::snap_bi::Product::Va, Some(url)) =
                (bi.product, &self.config.notification_url)
            {
                deliveries.push(Delivery {
                    urls: vec![url.clone()],
                    body: self.signed(order),
                    headers: Vec::new(),
                });
            }
            return deliveries;
        }
        vec![Delivery {
            urls: order.notify.clone(),
            body: self.signed(order),
            headers: Vec::new(),
        }]
    }
}
