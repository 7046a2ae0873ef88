//! Snap: the hosted payment page (`POST {snap}/transactions`, [Midtrans docs](https://docs.midtrans.com/reference/request-body-json-parameter)).
//!
//! ```
//! use midtrans_types::snap::{CreditCard, SnapRequest};
//! use midtrans_types::{Idr, TransactionDetails};
//!
//! let request = SnapRequest::builder(TransactionDetails::new("test-transaction-123", Idr::new(200_000)))
//!     .credit_card(CreditCard::new().secure(true))
//!     .build()?;
//! # Ok::<(), midtrans_types::BuildError>(())
//! ```

mod credit_card;
mod options;
mod preferences;

use serde::{Deserialize, Serialize};

pub use credit_card::{CreditCard, DynamicDescriptor, Installment};
pub use options::{
    BcaVaOptions, CallbackOptions, Callbacks, CstoreOptions, Expiry, GopayOptions, PageExpiry,
    PermataVaOptions, Recurring, VaOptions,
};
pub use preferences::{Brand, MerchantPreferences, PaymentChannel, TYPOGRAPHIES};

use crate::charge::custom_fields;
use crate::validate::{self, BuildError, BuildErrorKind};
use crate::{
    CustomerDetails, EnabledPayment, ItemDetails, Metadata, OrderId, SnapToken, Timestamp,
    TransactionDetails,
};

/// A Snap transaction: creates the token and the redirect URL of a payment page.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/request-body-json-parameter). Built with
/// [`SnapRequest::builder`], whose `build()` validates it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapRequest {
    transaction_details: TransactionDetails,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    item_details: Option<Vec<ItemDetails>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    // The two largest sections are boxed: the request then stays under a kilobyte, a size
    // allocators serve from their fast per-size caches.
    customer_details: Option<Box<CustomerDetails>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    enabled_payments: Option<Vec<EnabledPayment>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    credit_card: Option<Box<CreditCard>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bca_va: Option<BcaVaOptions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bni_va: Option<VaOptions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bri_va: Option<VaOptions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cimb_va: Option<VaOptions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    danamon_va: Option<VaOptions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bsi_va: Option<VaOptions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seabank_va: Option<VaOptions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    permata_va: Option<PermataVaOptions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    other_va: Option<VaOptions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    gopay: Option<GopayOptions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    shopeepay: Option<CallbackOptions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    uob_ezpay: Option<CallbackOptions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cstore: Option<CstoreOptions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    callbacks: Option<Callbacks>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expiry: Option<Expiry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    page_expiry: Option<PageExpiry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    recurring: Option<Recurring>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    custom_field1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    custom_field2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    custom_field3: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    metadata: Option<Metadata>,
}

impl SnapRequest {
    /// Starts a Snap transaction for `transaction_details`.
    pub fn builder(transaction_details: TransactionDetails) -> SnapRequestBuilder {
        SnapRequestBuilder {
            inner: Box::new(SnapRequest {
                transaction_details,
                item_details: None,
                customer_details: None,
                enabled_payments: None,
                credit_card: None,
                bca_va: None,
                bni_va: None,
                bri_va: None,
                cimb_va: None,
                danamon_va: None,
                bsi_va: None,
                seabank_va: None,
                permata_va: None,
                other_va: None,
                gopay: None,
                shopeepay: None,
                uob_ezpay: None,
                cstore: None,
                callbacks: None,
                expiry: None,
                page_expiry: None,
                recurring: None,
                user_id: None,
                custom_field1: None,
                custom_field2: None,
                custom_field3: None,
                metadata: None,
            }),
        }
    }

    /// Order id and gross amount.
    pub fn transaction_details(&self) -> &TransactionDetails {
        &self.transaction_details
    }

    /// The order id.
    pub fn order_id(&self) -> &OrderId {
        &self.transaction_details.order_id
    }

    /// The item lines (empty when none were given).
    pub fn item_details(&self) -> &[ItemDetails] {
        self.item_details.as_deref().unwrap_or_default()
    }

    /// The customer, if given.
    pub fn customer_details(&self) -> Option<&CustomerDetails> {
        self.customer_details.as_deref()
    }

    /// The payment methods offered; `None` offers every active method.
    pub fn enabled_payments(&self) -> Option<&[EnabledPayment]> {
        self.enabled_payments.as_deref()
    }

    /// Checks every rule `build()` checks: order id, amounts and items, custom fields, callback
    /// URL lengths, expiry durations, and the documented virtual account number limits.
    ///
    /// # Errors
    /// The first [`BuildError`] found.
    pub fn validate(&self) -> Result<(), BuildError> {
        validate::transaction(&self.transaction_details, self.item_details.as_deref())?;
        if let Some(customer) = &self.customer_details {
            validate::customer(customer)?;
        }
        custom_fields(&[
            &self.custom_field1,
            &self.custom_field2,
            &self.custom_field3,
        ])?;
        if let Some(callbacks) = &self.callbacks {
            for (name, url) in [("finish", &callbacks.finish), ("error", &callbacks.error)] {
                if let Some(url) = url {
                    validate::max_len_at(|| format!("callbacks.{name}"), url, 255)?;
                }
            }
        }
        if self.expiry.as_ref().is_some_and(|e| e.duration == 0) {
            return Err(BuildError::new("expiry.duration", BuildErrorKind::Zero));
        }
        if self.page_expiry.as_ref().is_some_and(|e| e.duration == 0) {
            return Err(BuildError::new(
                "page_expiry.duration",
                BuildErrorKind::Zero,
            ));
        }
        let va_limits = [
            (
                "bca_va",
                self.bca_va.as_ref().and_then(|o| o.va_number.as_deref()),
                11,
            ),
            ("bni_va", va(&self.bni_va), 8),
            ("bri_va", va(&self.bri_va), 13),
            ("cimb_va", va(&self.cimb_va), 12),
            ("danamon_va", va(&self.danamon_va), 12),
            ("bsi_va", va(&self.bsi_va), 12),
            ("seabank_va", va(&self.seabank_va), 19),
            (
                "permata_va",
                self.permata_va
                    .as_ref()
                    .and_then(|o| o.va_number.as_deref()),
                10,
            ),
        ];
        for (name, number, max) in va_limits {
            if let Some(number) = number {
                if number.is_empty()
                    || number.len() > max
                    || !number.bytes().all(|b| b.is_ascii_digit())
                {
                    validate::digits(&format!("{name}.va_number"), number, max)?;
                }
            }
        }
        if let Some(free_text) = self.bca_va.as_ref().and_then(|o| o.free_text.as_ref()) {
            free_text.validate("bca_va.free_text")?;
        }
        if let Some(name) = self
            .permata_va
            .as_ref()
            .and_then(|o| o.recipient_name.as_deref())
        {
            validate::max_len("permata_va.recipient_name", name, 20)?;
        }
        Ok(())
    }
}

fn va(options: &Option<VaOptions>) -> Option<&str> {
    options.as_ref().and_then(|o| o.va_number.as_deref())
}

validated_builder! {
    /// Builds a [`SnapRequest`]; see [`SnapRequest::builder`].
    SnapRequestBuilder => SnapRequest
}

impl SnapRequestBuilder {
    /// Sets `customer_details`.
    pub fn customer_details(mut self, value: impl Into<CustomerDetails>) -> Self {
        self.inner.customer_details = Some(Box::new(value.into()));
        self
    }

    /// Sets `credit_card`.
    pub fn credit_card(mut self, value: impl Into<CreditCard>) -> Self {
        self.inner.credit_card = Some(Box::new(value.into()));
        self
    }

    /// Adds one item line.
    pub fn item(mut self, item: ItemDetails) -> Self {
        self.inner
            .item_details
            .get_or_insert_with(Vec::new)
            .push(item);
        self
    }
}

setters!(SnapRequestBuilder => inner {
    bca_va: BcaVaOptions,
    bni_va: VaOptions,
    bri_va: VaOptions,
    cimb_va: VaOptions,
    danamon_va: VaOptions,
    bsi_va: VaOptions,
    seabank_va: VaOptions,
    permata_va: PermataVaOptions,
    other_va: VaOptions,
    gopay: GopayOptions,
    shopeepay: CallbackOptions,
    uob_ezpay: CallbackOptions,
    cstore: CstoreOptions,
    callbacks: Callbacks,
    expiry: Expiry,
    page_expiry: PageExpiry,
    recurring: Recurring,
    user_id: String,
    custom_field1: String,
    custom_field2: String,
    custom_field3: String,
    metadata: Metadata,
});

list_setters!(SnapRequestBuilder => inner {
    item_details: ItemDetails,
    enabled_payments: EnabledPayment,
});

/// The answer of `POST {snap}/transactions` (HTTP 201).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SnapResponse {
    /// The token for Snap.js (`snap.pay(token)`).
    pub token: SnapToken,
    /// The hosted payment page to redirect the customer to.
    pub redirect_url: String,
    /// Fields this crate does not model, kept as received.
    #[serde(flatten)]
    pub extra: Metadata,
}

/// The answer of `POST {snap}/transactions/{token}/cancel`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SnapCancelResponse {
    /// When the session was cancelled (ISO 8601, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canceled_at: Option<Timestamp>,
    /// Why it could not be cancelled (`token already canceled`, `token not found`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_messages: Option<Vec<String>>,
    /// Fields this crate does not model, kept as received.
    #[serde(flatten)]
    pub extra: Metadata,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// glibc's allocator serves requests up to about a kilobyte from per-size caches; a larger
    /// one first merges every small block freed before it. The builder boxes the request, so it
    /// must stay below that size.
    #[test]
    fn the_request_stays_below_a_kilobyte() {
        assert!(
            std::mem::size_of::<SnapRequest>() <= 1000,
            "{} bytes",
            std::mem::size_of::<SnapRequest>()
        );
    }
}
