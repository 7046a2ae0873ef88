use serde::{Deserialize, Serialize};

use crate::ItemPrice;

/// One line of `item_details`. When items are sent, `gross_amount` must equal the sum of
/// `price × quantity` (checked by `build()`).
///
/// [Midtrans docs](https://docs.midtrans.com/reference/json-objects). Text fields are limited to
/// 50 characters by Midtrans; avoid `|` in names for Alfamart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ItemDetails {
    /// Item id (required and unique per request for Akulaku).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Unit price in whole rupiah; negative for a discount line ([`ItemPrice::discount`]).
    pub price: ItemPrice,
    /// Quantity, at least 1.
    pub quantity: u32,
    /// Item name.
    pub name: String,
    /// Brand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// Category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Merchant name (for marketplaces).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_name: Option<String>,
    /// Item URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl ItemDetails {
    /// An item line: name, unit price and quantity.
    pub fn new(name: impl Into<String>, price: impl Into<ItemPrice>, quantity: u32) -> Self {
        ItemDetails {
            id: None,
            price: price.into(),
            quantity,
            name: name.into(),
            brand: None,
            category: None,
            merchant_name: None,
            url: None,
        }
    }
}

setters!(ItemDetails {
    id: String,
    brand: String,
    category: String,
    merchant_name: String,
    url: String,
});
