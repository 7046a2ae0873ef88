//! Payment Link: a shareable payment page that takes up to `usage_limit` payments until it
//! expires (`POST /v1/payment-links`, and `GET`/`DELETE /v1/payment-links/{order_id}`, on the
//! Core API host). [Midtrans docs](https://docs.midtrans.com/reference/create-payment-link)
//!
//! Each payment through a link is a Snap transaction of its own, notified as usual under an
//! order id of its own: the link's order id followed by `-` and a millisecond timestamp
//! ([`link_order_id`] takes it back off).
//!
//! ```
//! use midtrans_types::payment_link::PaymentLinkRequest;
//! use midtrans_types::{EnabledPayment, Idr, ItemDetails};
//!
//! let link = PaymentLinkRequest::fixed("concert-ticket-05", Idr::new(190_000), 10)
//!     .payment_link_id("concert-2026-9f1c2b7e")
//!     .title("Concert ticket")
//!     .item(ItemDetails::new("Ticket", Idr::new(95_000), 2).id("tix-001"))
//!     .enabled_payments([EnabledPayment::BcaVa, EnabledPayment::Gopay])
//!     .build()?;
//! let json = serde_json::to_value(&link)?;
//! assert_eq!(json["transaction_details"]["payment_link_id"], "concert-2026-9f1c2b7e");
//! assert_eq!(json["usage_limit"], 10);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::snap::{BcaVaOptions, Callbacks, CreditCard, Expiry, PermataVaOptions, VaOptions};
use crate::validate::{self, BuildError, BuildErrorKind};
use crate::{EnabledPayment, ExpiryUnit, Idr, ItemDetails, OrderId};

/// Fields this crate does not model, kept as received.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// The longest order id of a payment link: 36 characters (each payment appends 14 more to
/// make its own, within Snap's 50).
pub const ORDER_ID_MAX_LEN: usize = 36;

/// The most payments one link may take.
pub const USAGE_LIMIT_MAX: u32 = 1_000_000;

string_enum! {
    /// Whether a link asks a fixed amount or lets the customer choose one.
    pub enum PaymentLinkType {
        /// The amount of `transaction_details.gross_amount` (the default).
        FixedAmount => "FIXED_AMOUNT",
        /// An amount the customer types, within [`DynamicAmount`]'s bounds.
        DynamicAmount => "DYNAMIC_AMOUNT",
    }
}

string_enum! {
    /// A customer detail the link's page requires when `customer_required` is set.
    pub enum RequiredField {
        /// The first name.
        FirstName => "first_name",
        /// The phone number.
        Phone => "phone",
        /// The e-mail address.
        Email => "email",
    }
}

/// `transaction_details` of a payment link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PaymentLinkDetails {
    /// The link's order id (≤ 36 characters of `A-Za-z0-9-_~.`, once per merchant).
    pub order_id: OrderId,
    /// The amount of a fixed-amount link (Σ price × quantity of the items, if any).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gross_amount: Option<Idr>,
    /// The last part of the link's URL (≤ 50 characters of `a-z0-9-`). Make it unguessable;
    /// the client generates a random one when it is not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_link_id: Option<String>,
}

/// `customer_details` of a payment link; an e-mail makes Midtrans send the link to it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PaymentLinkCustomer {
    /// First name (≤ 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name (≤ 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// E-mail (≤ 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone (≤ 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Text for the e-mail's instructions (≤ 255).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// What the page requires the customer to fill in when `customer_required` is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_details_required_fields: Option<Vec<RequiredField>>,
}

impl PaymentLinkCustomer {
    /// No details yet; fill them with the setters.
    ///
    /// ```
    /// use midtrans_types::payment_link::PaymentLinkCustomer;
    /// let customer = PaymentLinkCustomer::new().first_name("Budi").email("budi@example.com");
    /// assert_eq!(customer.email.as_deref(), Some("budi@example.com"));
    /// ```
    pub fn new() -> Self {
        Self::default()
    }
}

setters!(PaymentLinkCustomer {
    first_name: String,
    last_name: String,
    email: String,
    phone: String,
    notes: String,
});

list_setters!(PaymentLinkCustomer {
    customer_details_required_fields: RequiredField,
});

/// `dynamic_amount`: the bounds of the amount a customer may type, and its preset value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DynamicAmount {
    /// The least the customer may pay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_amount: Option<Idr>,
    /// The most the customer may pay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_amount: Option<Idr>,
    /// The amount the page starts with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset_amount: Option<Idr>,
}

impl DynamicAmount {
    /// No bounds yet; set them with the setters.
    ///
    /// ```
    /// use midtrans_types::payment_link::DynamicAmount;
    /// use midtrans_types::Idr;
    /// let bounds = DynamicAmount::new().min_amount(Idr::new(10_000)).max_amount(Idr::new(500_000));
    /// assert_eq!(bounds.preset_amount, None);
    /// ```
    pub fn new() -> Self {
        Self::default()
    }
}

setters!(DynamicAmount {
    min_amount: Idr,
    max_amount: Idr,
    preset_amount: Idr,
});

/// `POST /v1/payment-links`: a payment link. Built with [`PaymentLinkRequest::fixed`] or
/// [`PaymentLinkRequest::dynamic`]; `build()` checks the documented rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PaymentLinkRequest {
    /// Order id, amount and link id.
    pub transaction_details: PaymentLinkDetails,
    /// How many payments the link takes (1 to 1,000,000). A pending payment holds a place
    /// until it expires.
    pub usage_limit: u32,
    /// Fixed (default) or dynamic amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_link_type: Option<PaymentLinkType>,
    /// The bounds of a dynamic amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamic_amount: Option<DynamicAmount>,
    /// Whether the customer must fill in their details before paying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_required: Option<bool>,
    /// The customer, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_details: Option<PaymentLinkCustomer>,
    /// The items (shown on the page; their sum is the fixed amount).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_details: Option<Vec<ItemDetails>>,
    /// When the link stops taking payments (unit: day, hour or minute).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<Expiry>,
    /// The methods offered (default: every active one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled_payments: Option<Vec<EnabledPayment>>,
    /// The page's title (≤ 40 characters shown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Where the customer goes when done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callbacks: Option<Callbacks>,
    /// Card options (3-D Secure, acquiring bank, installments, BIN whitelist).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_card: Option<CreditCard>,
    /// BCA virtual account options (its own number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bca_va: Option<BcaVaOptions>,
    /// BNI virtual account options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bni_va: Option<VaOptions>,
    /// BRI virtual account options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bri_va: Option<VaOptions>,
    /// CIMB virtual account options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cimb_va: Option<VaOptions>,
    /// Permata virtual account options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permata_va: Option<PermataVaOptions>,
    /// Free field, shown in the dashboard and sent in notifications (≤ 255).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_field1: Option<String>,
    /// Free field (≤ 255).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_field2: Option<String>,
    /// Free field (≤ 255).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_field3: Option<String>,
}

impl PaymentLinkRequest {
    fn start(
        order_id: impl Into<OrderId>,
        gross_amount: Option<Idr>,
        usage_limit: u32,
        kind: Option<PaymentLinkType>,
    ) -> PaymentLinkRequestBuilder {
        PaymentLinkRequestBuilder {
            inner: Box::new(PaymentLinkRequest {
                transaction_details: PaymentLinkDetails {
                    order_id: order_id.into(),
                    gross_amount,
                    payment_link_id: None,
                },
                usage_limit,
                payment_link_type: kind,
                dynamic_amount: None,
                customer_required: None,
                customer_details: None,
                item_details: None,
                expiry: None,
                enabled_payments: None,
                title: None,
                callbacks: None,
                credit_card: None,
                bca_va: None,
                bni_va: None,
                bri_va: None,
                cimb_va: None,
                permata_va: None,
                custom_field1: None,
                custom_field2: None,
                custom_field3: None,
            }),
        }
    }

    /// A link for a fixed amount that takes up to `usage_limit` payments.
    ///
    /// ```
    /// use midtrans_types::payment_link::PaymentLinkRequest;
    /// use midtrans_types::Idr;
    /// let link = PaymentLinkRequest::fixed("invoice-1001", Idr::new(250_000), 1).build()?;
    /// assert_eq!(link.transaction_details.gross_amount, Some(Idr::new(250_000)));
    /// # Ok::<(), midtrans_types::BuildError>(())
    /// ```
    pub fn fixed(
        order_id: impl Into<OrderId>,
        gross_amount: impl Into<Idr>,
        usage_limit: u32,
    ) -> PaymentLinkRequestBuilder {
        Self::start(order_id, Some(gross_amount.into()), usage_limit, None)
    }

    /// A link whose amount the customer types, within `bounds` (donations, top-ups).
    ///
    /// ```
    /// use midtrans_types::payment_link::{DynamicAmount, PaymentLinkRequest};
    /// use midtrans_types::Idr;
    /// let bounds = DynamicAmount::new().min_amount(Idr::new(10_000)).max_amount(Idr::new(1_000_000));
    /// let link = PaymentLinkRequest::dynamic("donation-7", bounds, 1_000).build()?;
    /// assert_eq!(serde_json::to_value(&link)?["payment_link_type"], "DYNAMIC_AMOUNT");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn dynamic(
        order_id: impl Into<OrderId>,
        bounds: DynamicAmount,
        usage_limit: u32,
    ) -> PaymentLinkRequestBuilder {
        let mut builder = Self::start(
            order_id,
            None,
            usage_limit,
            Some(PaymentLinkType::DynamicAmount),
        );
        builder.inner.dynamic_amount = Some(bounds);
        builder
    }

    /// Checks the documented rules: the order id (≤ 36 characters), the link id (`a-z0-9-`,
    /// ≤ 50), the usage limit (1 to 1,000,000), a fixed amount above zero that the items add
    /// up to, dynamic bounds in order, the title (≤ 40), the customer's fields, and an expiry in
    /// days, hours or minutes.
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        let details = &self.transaction_details;
        validate::order_id("transaction_details.order_id", details.order_id.as_str())?;
        validate::max_len(
            "transaction_details.order_id",
            details.order_id.as_str(),
            ORDER_ID_MAX_LEN,
        )?;
        if let Some(id) = &details.payment_link_id {
            validate::text("transaction_details.payment_link_id", id, 50, |c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
            })?;
        }
        if !(1..=USAGE_LIMIT_MAX).contains(&self.usage_limit) {
            return Err(BuildError::new(
                "usage_limit",
                BuildErrorKind::Invalid {
                    expected: "1 to 1,000,000 payments",
                },
            ));
        }
        let dynamic = self.payment_link_type == Some(PaymentLinkType::DynamicAmount);
        if dynamic {
            self.validate_bounds()?;
        } else {
            let gross = details.gross_amount.ok_or_else(|| {
                BuildError::new("transaction_details.gross_amount", BuildErrorKind::Missing)
            })?;
            let transaction = crate::TransactionDetails::new(details.order_id.clone(), gross);
            validate::transaction(&transaction, self.item_details.as_deref())?;
        }
        if let Some(title) = &self.title {
            validate::max_len("title", title, 40)?;
        }
        if let Some(customer) = &self.customer_details {
            for (field, value, max) in [
                ("customer_details.first_name", &customer.first_name, 50),
                ("customer_details.last_name", &customer.last_name, 50),
                ("customer_details.email", &customer.email, 50),
                ("customer_details.phone", &customer.phone, 20),
                ("customer_details.notes", &customer.notes, 255),
            ] {
                if let Some(value) = value {
                    validate::max_len(field, value, max)?;
                }
            }
        }
        if self
            .expiry
            .as_ref()
            .is_some_and(|e| e.unit == ExpiryUnit::Second || e.duration == 0)
        {
            return Err(BuildError::new(
                "expiry",
                BuildErrorKind::Invalid {
                    expected: "a duration above zero in days, hours or minutes",
                },
            ));
        }
        for (field, value) in [
            ("custom_field1", &self.custom_field1),
            ("custom_field2", &self.custom_field2),
            ("custom_field3", &self.custom_field3),
        ] {
            if let Some(value) = value {
                validate::max_len(field, value, 255)?;
            }
        }
        Ok(())
    }

    fn validate_bounds(&self) -> Result<(), BuildError> {
        let Some(bounds) = &self.dynamic_amount else {
            return Ok(());
        };
        let ordered = |low: Option<Idr>, high: Option<Idr>| match (low, high) {
            (Some(low), Some(high)) => low <= high,
            _ => true,
        };
        if !ordered(bounds.min_amount, bounds.max_amount)
            || !ordered(bounds.min_amount, bounds.preset_amount)
            || !ordered(bounds.preset_amount, bounds.max_amount)
        {
            return Err(BuildError::new(
                "dynamic_amount",
                BuildErrorKind::Invalid {
                    expected: "min_amount ≤ preset_amount ≤ max_amount",
                },
            ));
        }
        Ok(())
    }

    /// The link's order id.
    ///
    /// ```
    /// use midtrans_types::payment_link::PaymentLinkRequest;
    /// let link = PaymentLinkRequest::fixed("invoice-1001", 250_000, 1).build()?;
    /// assert_eq!(link.order_id().as_str(), "invoice-1001");
    /// # Ok::<(), midtrans_types::BuildError>(())
    /// ```
    pub fn order_id(&self) -> &OrderId {
        &self.transaction_details.order_id
    }
}

validated_builder! {
    /// Builds a [`PaymentLinkRequest`].
    PaymentLinkRequestBuilder => PaymentLinkRequest
}

impl PaymentLinkRequestBuilder {
    /// The link's id, the last part of its URL (`a-z0-9-`, ≤ 50): make it unguessable (a
    /// UUID). Without it, the client generates a random one.
    pub fn payment_link_id(mut self, id: impl Into<String>) -> Self {
        self.inner.transaction_details.payment_link_id = Some(id.into());
        self
    }

    /// Adds an item.
    pub fn item(mut self, item: ItemDetails) -> Self {
        self.inner
            .item_details
            .get_or_insert_with(Vec::new)
            .push(item);
        self
    }

    /// The methods offered.
    pub fn enabled_payments(mut self, methods: impl IntoIterator<Item = EnabledPayment>) -> Self {
        self.inner.enabled_payments = Some(methods.into_iter().collect());
        self
    }

    /// The customer, and whether the page requires their details.
    pub fn customer(mut self, customer: PaymentLinkCustomer, required: bool) -> Self {
        self.inner.customer_details = Some(customer);
        self.inner.customer_required = Some(required);
        self
    }

    /// When the link stops taking payments: `duration` `unit`s after its creation.
    pub fn expires_after(mut self, duration: u32, unit: ExpiryUnit) -> Self {
        self.inner.expiry = Some(Expiry::new(duration, unit));
        self
    }
}

setters!(PaymentLinkRequestBuilder => inner {
    title: String,
    expiry: Expiry,
    callbacks: Callbacks,
    credit_card: CreditCard,
    bca_va: BcaVaOptions,
    bni_va: VaOptions,
    bri_va: VaOptions,
    cimb_va: VaOptions,
    permata_va: PermataVaOptions,
    custom_field1: String,
    custom_field2: String,
    custom_field3: String,
});

/// The answer to a link's creation: its order id and URL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PaymentLinkCreated {
    /// The link's order id.
    pub order_id: OrderId,
    /// The page customers pay on.
    pub payment_url: String,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

impl PaymentLinkCreated {
    /// The link's id: the last part of `payment_url`.
    ///
    /// ```
    /// let created: midtrans_types::payment_link::PaymentLinkCreated = serde_json::from_str(
    ///     r#"{"order_id":"o-1","payment_url":"https://app.sandbox.midtrans.com/payment-links/abc-123"}"#,
    /// )?;
    /// assert_eq!(created.payment_link_id(), Some("abc-123"));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn payment_link_id(&self) -> Option<&str> {
        self.payment_url
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .filter(|id| !id.is_empty())
    }
}

/// One payment made (or begun) through a link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Purchase {
    /// The payment's own order id (the link's, then `-` and a timestamp).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// Its status, upper-case (`SETTLEMENT`, `PENDING`, `EXPIRE`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_status: Option<String>,
    /// How it was paid, upper-case (`BANK_TRANSFER`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method: Option<String>,
    /// Its Snap token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snap_token: Option<String>,
    /// Fields this crate does not model (ids, times).
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /v1/payment-links/{order_id}`: the link as Midtrans keeps it, with its purchases. Its
/// fields are named as Midtrans answers them, not as the request names them (`expiry_start`,
/// `credit_card_3d_secure`, …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PaymentLink {
    /// The link's order id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// The link's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_link_id: Option<String>,
    /// The page customers pay on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_link_url: Option<String>,
    /// Fixed or dynamic amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_link_type: Option<PaymentLinkType>,
    /// The fixed amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gross_amount: Option<Idr>,
    /// How many payments the link takes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage_limit: Option<u32>,
    /// How many it has taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<u32>,
    /// The methods offered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled_payments: Option<Vec<EnabledPayment>>,
    /// When the link's clock started (`yyyy-MM-dd HH:mm Z`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_start: Option<String>,
    /// How many units it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_duration: Option<u32>,
    /// The unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_unit: Option<ExpiryUnit>,
    /// Every payment made or begun through the link.
    #[serde(default)]
    pub purchases: Vec<Purchase>,
    /// Fields this crate does not model (items, customer, card settings, times).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer to `DELETE /v1/payment-links/{order_id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PaymentLinkDeleted {
    /// `Payment Link with Order ID … deleted`.
    pub message: String,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The link's order id within a payment's order id: what is left once the trailing
/// `-<13-digit timestamp>` is taken off, or `None` when there is none. Midtrans does not
/// document the form; it is the one its answers show.
///
/// ```
/// use midtrans_types::payment_link::link_order_id;
/// assert_eq!(link_order_id("concert-ticket-05-1658897332986"), Some("concert-ticket-05"));
/// assert_eq!(link_order_id("order-1"), None);
/// ```
pub fn link_order_id(payment_order_id: &str) -> Option<&str> {
    let (link, stamp) = payment_order_id.rsplit_once('-')?;
    (stamp.len() == 13 && stamp.bytes().all(|b| b.is_ascii_digit()) && !link.is_empty())
        .then_some(link)
}
