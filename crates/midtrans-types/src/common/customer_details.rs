use serde::{Deserialize, Serialize};

/// `customer_details`: who pays. Required for Akulaku; for BCA virtual accounts keep first and
/// last name within 30 characters together.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/json-objects).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomerDetails {
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number (for BNI virtual accounts: starting with `+62` or `0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Billing address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<Address>,
    /// Shipping address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_address: Option<Address>,
}

impl CustomerDetails {
    /// Empty customer details; fill them with the setters.
    pub fn new() -> Self {
        Self::default()
    }
}

setters!(CustomerDetails {
    first_name: String,
    last_name: String,
    email: String,
    phone: String,
    billing_address: Address,
    shipping_address: Address,
});

/// A billing or shipping address.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/json-objects): names and street ≤ 255,
/// city ≤ 100, postal code ≤ 10 characters; `country_code` is ISO 3166 alpha-3 (`IDN`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Address {
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Street address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// ISO 3166 alpha-3 country code, e.g. `IDN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
}

impl Address {
    /// An empty address; fill it with the setters.
    pub fn new() -> Self {
        Self::default()
    }
}

setters!(Address {
    first_name: String,
    last_name: String,
    email: String,
    phone: String,
    address: String,
    city: String,
    postal_code: String,
    country_code: String,
});
