use serde::{Deserialize, Serialize};

use crate::RequestTime;

string_enum! {
    /// The unit of an expiry duration (`custom_expiry.unit`, Snap `expiry.unit` and
    /// `page_expiry.unit`). Snap also accepts plurals (`"minutes"`); they parse to the same
    /// variant and are written back in the singular.
    pub enum ExpiryUnit {
        /// Seconds (Core API `custom_expiry` only).
        Second => "second" | "seconds",
        /// Minutes.
        Minute => "minute" | "minutes",
        /// Hours.
        Hour => "hour" | "hours",
        /// Days.
        Day => "day" | "days",
    }
}

/// `custom_expiry` of a Core API charge: how long the payment stays open.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/charge-transactions-1): the unit defaults to
/// minutes; not supported for cards; at most 7 days for GoPay, 5 for ShopeePay and QRIS, between
/// 20 seconds and 180 days for bank transfers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomExpiry {
    /// When the order was made; defaults to the charge time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_time: Option<RequestTime>,
    /// The duration, in `unit`s.
    pub expiry_duration: u32,
    /// The unit of `expiry_duration`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<ExpiryUnit>,
}

impl CustomExpiry {
    /// Expires `duration` `unit`s after the order time.
    pub fn new(duration: u32, unit: ExpiryUnit) -> Self {
        CustomExpiry {
            order_time: None,
            expiry_duration: duration,
            unit: Some(unit),
        }
    }
}

setters!(CustomExpiry {
    order_time: RequestTime,
});
