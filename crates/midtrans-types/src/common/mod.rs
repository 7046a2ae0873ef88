//! Objects shared by Snap, Core API charges and subscriptions ([Midtrans docs](https://docs.midtrans.com/reference/json-objects)).

mod customer_details;
mod expiry;
mod item_details;
mod transaction_details;

pub use customer_details::{Address, CustomerDetails};
pub use expiry::{CustomExpiry, ExpiryUnit};
pub use item_details::ItemDetails;
pub use transaction_details::TransactionDetails;

/// Free-form `metadata`: any JSON object, echoed back in status responses and notifications
/// (subscriptions: under 1 KB).
pub type Metadata = serde_json::Map<String, serde_json::Value>;
