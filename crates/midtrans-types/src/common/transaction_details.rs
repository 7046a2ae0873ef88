use serde::{Deserialize, Serialize};

use crate::{Idr, OrderId};

/// `transaction_details`: the order id and the total amount, required by every payment request.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/json-objects). The request builders check
/// in `build()` that `order_id` follows Midtrans's rules, that `gross_amount` is positive and
/// that it equals the sum of `item_details`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TransactionDetails {
    /// The merchant's unique order id (≤ 50 characters of `A-Za-z0-9-_~.`).
    pub order_id: OrderId,
    /// The amount to charge, in whole rupiah.
    pub gross_amount: Idr,
}

impl TransactionDetails {
    /// An order id and its total.
    pub fn new(order_id: impl Into<OrderId>, gross_amount: impl Into<Idr>) -> Self {
        TransactionDetails {
            order_id: order_id.into(),
            gross_amount: gross_amount.into(),
        }
    }
}
