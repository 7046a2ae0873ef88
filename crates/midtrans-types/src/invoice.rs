//! Invoicing: invoices and quotations paid through a payment link or virtual accounts
//! (`POST /v1/invoices`, `GET /v1/invoices/{id}`, `PATCH …/void`, `PATCH …/convert`, on the
//! Core API host). [Midtrans docs](https://docs.midtrans.com/reference/create-invoice)
//!
//! ```
//! use midtrans_types::invoice::{InvoiceCustomer, InvoiceItem, InvoiceRequest, InvoiceVa, VaBank};
//! use midtrans_types::RequestTime;
//!
//! let invoice = InvoiceRequest::virtual_accounts(
//!     "inv-2026-0042",
//!     "INV/2026/0042",
//!     RequestTime::jakarta(2026, 12, 1, 9, 0, 0).unwrap(),
//!     RequestTime::jakarta(2026, 12, 15, 23, 59, 59).unwrap(),
//!     InvoiceCustomer::new("PT Maju Jaya").email("finance@majujaya.example"),
//!     [InvoiceItem::new("Consulting, November", 12, 1_500_000)],
//!     [InvoiceVa::new(VaBank::BcaVa)],
//! )
//! .build()?;
//! let json = serde_json::to_value(&invoice)?;
//! assert_eq!(json["payment_type"], "virtual_account");
//! assert_eq!(json["due_date"], "2026-12-15 23:59:59 +0700");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::snap::{Callbacks, CreditCard, Expiry};
use crate::validate::{self, BuildError, BuildErrorKind};
use crate::{EnabledPayment, RequestTime};

/// Fields this crate does not model, kept as received.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// The most an item's quantity or price, or an amount, may be.
pub const ITEM_MAX: u64 = 99_999_999;

string_enum! {
    /// Where an invoice or quotation stands.
    pub enum InvoiceStatus {
        /// Saved, not published (dashboard).
        Draft => "draft",
        /// Published, awaiting payment.
        Pending => "pending",
        /// A quotation, published.
        Published => "published",
        /// Past its due date, still payable.
        Overdue => "overdue",
        /// Paid (and stays so even if the payment is refunded later).
        Paid => "paid",
        /// Every way to pay has expired (or a quotation is past its validity).
        Expired => "expired",
        /// Voided by the merchant.
        Voided => "voided",
        /// A quotation voided as rejected by the client.
        Rejected => "rejected",
        /// A quotation voided otherwise.
        Canceled => "canceled" | "cancelled",
    }
}

impl InvoiceStatus {
    /// Whether the invoice can still be paid (pending or overdue).
    ///
    /// ```
    /// use midtrans_types::invoice::InvoiceStatus;
    /// assert!(InvoiceStatus::Overdue.is_payable());
    /// assert!(!InvoiceStatus::Paid.is_payable());
    /// ```
    pub fn is_payable(&self) -> bool {
        matches!(self, InvoiceStatus::Pending | InvoiceStatus::Overdue)
    }
}

string_enum! {
    /// How an invoice is paid.
    pub enum InvoicePaymentType {
        /// Through a single-use payment link.
        PaymentLink => "payment_link",
        /// Into virtual accounts printed on the invoice.
        VirtualAccount => "virtual_account",
    }
}

string_enum! {
    /// An invoice or a quotation.
    pub enum DocumentType {
        /// An invoice (the default).
        Invoice => "invoice",
        /// A quotation, converted into an invoice once accepted.
        Quotation => "quotation",
    }
}

string_enum! {
    /// Whether taxes are added to the prices or included in them.
    pub enum TaxMode {
        /// Added on top.
        Exclusive => "exclusive",
        /// Included in the prices.
        Inclusive => "inclusive",
    }
}

string_enum! {
    /// How a tax's value reads.
    pub enum TaxType {
        /// A percentage (`10` is 10%).
        Percentage => "percentage",
        /// A fixed amount.
        Fixed => "fixed",
    }
}

string_enum! {
    /// A bank an invoice's virtual account can be at.
    pub enum VaBank {
        /// BCA (number: exactly 11 digits).
        BcaVa => "bca_va",
        /// Mandiri Bill (1–12 digits).
        MandiriBill => "mandiri_bill",
        /// BNI (1–8 digits).
        BniVa => "bni_va",
        /// BRI (1–13 digits).
        BriVa => "bri_va",
        /// CIMB (1–16 digits).
        CimbVa => "cimb_va",
        /// Permata (exactly 10 digits).
        PermataVa => "permata_va",
    }
}

impl VaBank {
    /// The lengths a custom number at this bank may have.
    fn number_lengths(&self) -> Option<(usize, usize)> {
        Some(match self {
            VaBank::BcaVa => (11, 11),
            VaBank::MandiriBill => (1, 12),
            VaBank::BniVa => (1, 8),
            VaBank::BriVa => (1, 13),
            VaBank::CimbVa => (1, 16),
            VaBank::PermataVa => (10, 10),
            VaBank::Unknown(_) => return None,
        })
    }
}

/// `customer_details` of an invoice: a name is required.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InvoiceCustomer {
    /// Your customer id (≤ 36).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Name (≤ 40).
    pub name: String,
    /// E-mail (≤ 255); the invoice and reminders are sent to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone (≤ 15 digits, not starting with `0`: `6281…` or `81…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

impl InvoiceCustomer {
    /// A customer by name.
    ///
    /// ```
    /// use midtrans_types::invoice::InvoiceCustomer;
    /// let customer = InvoiceCustomer::new("PT Maju Jaya").phone("6281234567890");
    /// assert_eq!(customer.name, "PT Maju Jaya");
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        InvoiceCustomer {
            id: None,
            name: name.into(),
            email: None,
            phone: None,
        }
    }
}

setters!(InvoiceCustomer {
    id: String,
    email: String,
    phone: String,
});

/// One line of an invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InvoiceItem {
    /// Your product id (≤ 40).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_id: Option<String>,
    /// What it is (≤ 150).
    pub description: String,
    /// How many (1 to 99,999,999).
    pub quantity: u64,
    /// The unit price in rupiah (≤ 99,999,999).
    pub price: u64,
    /// A discount on the line, 0 to 100 percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount_percentage: Option<u8>,
}

impl InvoiceItem {
    /// `quantity` × `price` of `description`.
    ///
    /// ```
    /// use midtrans_types::invoice::InvoiceItem;
    /// let line = InvoiceItem::new("Consulting hour", 12, 1_500_000).item_id("CONS-H");
    /// assert_eq!(line.quantity, 12);
    /// ```
    pub fn new(description: impl Into<String>, quantity: u64, price: u64) -> Self {
        InvoiceItem {
            item_id: None,
            description: description.into(),
            quantity,
            price,
            discount_percentage: None,
        }
    }
}

setters!(InvoiceItem { item_id: String });

exact_setters!(InvoiceItem {
    discount_percentage: u8,
});

/// A virtual account an invoice is paid into: the bank, and a number of your own if you want
/// one (else Midtrans issues one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InvoiceVa {
    /// The bank.
    pub bank: VaBank,
    /// Your number (digits; the bank's length).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
}

impl InvoiceVa {
    /// A virtual account at `bank`, numbered by Midtrans.
    ///
    /// ```
    /// use midtrans_types::invoice::{InvoiceVa, VaBank};
    /// let va = InvoiceVa::new(VaBank::BniVa).number("12345678");
    /// assert_eq!(va.number.as_deref(), Some("12345678"));
    /// ```
    pub fn new(bank: VaBank) -> Self {
        InvoiceVa { bank, number: None }
    }
}

setters!(InvoiceVa { number: String });

/// `payment_link` of an invoice paid through a link.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InvoicePaymentLink {
    /// Whether `expiry` applies (else the link expires at the due date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_custom_expiry: Option<bool>,
    /// The methods offered.
    pub enabled_payments: Vec<EnabledPayment>,
    /// Card options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_card: Option<CreditCard>,
    /// When the link expires, with `is_custom_expiry`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<Expiry>,
    /// Where the customer goes after paying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callbacks: Option<Callbacks>,
}

impl InvoicePaymentLink {
    /// A link offering `methods`.
    ///
    /// ```
    /// use midtrans_types::invoice::InvoicePaymentLink;
    /// use midtrans_types::EnabledPayment;
    /// let link = InvoicePaymentLink::new([EnabledPayment::BcaVa, EnabledPayment::Gopay]);
    /// assert_eq!(link.enabled_payments.len(), 2);
    /// ```
    pub fn new(methods: impl IntoIterator<Item = EnabledPayment>) -> Self {
        InvoicePaymentLink {
            enabled_payments: methods.into_iter().collect(),
            ..Self::default()
        }
    }

    /// A custom expiry for the link.
    ///
    /// ```
    /// use midtrans_types::invoice::InvoicePaymentLink;
    /// use midtrans_types::snap::Expiry;
    /// use midtrans_types::{EnabledPayment, ExpiryUnit};
    /// let link = InvoicePaymentLink::new([EnabledPayment::BcaVa]).expires(Expiry::new(30, ExpiryUnit::Day));
    /// assert_eq!(link.is_custom_expiry, Some(true));
    /// ```
    #[must_use]
    pub fn expires(mut self, expiry: Expiry) -> Self {
        self.is_custom_expiry = Some(true);
        self.expiry = Some(expiry);
        self
    }
}

setters!(InvoicePaymentLink {
    credit_card: CreditCard,
    callbacks: Callbacks,
});

/// `amount`: a discount and shipping over the items (`vat` is deprecated: use taxes).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InvoiceAmount {
    /// Deducted from the total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<u64>,
    /// Added to the total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping: Option<u64>,
    /// Deprecated by Midtrans in favour of `taxes`; not with them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat: Option<u64>,
}

impl InvoiceAmount {
    /// No discount, shipping or VAT yet.
    ///
    /// ```
    /// use midtrans_types::invoice::InvoiceAmount;
    /// let amount = InvoiceAmount::new().discount(50_000).shipping(20_000);
    /// assert_eq!(amount.vat, None);
    /// ```
    pub fn new() -> Self {
        Self::default()
    }
}

exact_setters!(InvoiceAmount {
    discount: u64,
    shipping: u64,
    vat: u64,
});

/// A tax line: PPN 11%, PPh 23 2%, or a fixed amount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Tax {
    /// Its name (`PPN`).
    pub name: String,
    /// Percentage or fixed.
    #[serde(rename = "type")]
    pub kind: TaxType,
    /// The percentage or the amount (decimals allowed: `0.2`).
    #[serde(with = "rust_decimal::serde::float")]
    pub value: Decimal,
    /// What Midtrans computed it to (answers only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calculated_amount: Option<Decimal>,
}

impl Tax {
    /// A percentage tax: `Tax::percentage("PPN", Decimal::from(11))`.
    ///
    /// ```
    /// use midtrans_types::invoice::Tax;
    /// let ppn = Tax::percentage("PPN", 11.into());
    /// assert_eq!(serde_json::to_value(&ppn)?["value"], 11.0);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn percentage(name: impl Into<String>, percent: Decimal) -> Self {
        Tax {
            name: name.into(),
            kind: TaxType::Percentage,
            value: percent,
            calculated_amount: None,
        }
    }

    /// A fixed tax amount.
    ///
    /// ```
    /// use midtrans_types::invoice::{Tax, TaxType};
    /// assert_eq!(Tax::fixed("Stamp duty", 10_000.into()).kind, TaxType::Fixed);
    /// ```
    pub fn fixed(name: impl Into<String>, amount: Decimal) -> Self {
        Tax {
            kind: TaxType::Fixed,
            ..Self::percentage(name, amount)
        }
    }
}

/// `POST /v1/invoices`: an invoice or a quotation. Built with
/// [`InvoiceRequest::payment_link`] or [`InvoiceRequest::virtual_accounts`]; `build()` checks
/// the documented limits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InvoiceRequest {
    /// Your order id (≤ 36 of `a-z0-9-_~.`, once).
    pub order_id: String,
    /// The invoice's number (≤ 40).
    pub invoice_number: String,
    /// The invoice's date.
    pub invoice_date: RequestTime,
    /// When it is due (after the invoice date).
    pub due_date: RequestTime,
    /// Who pays.
    pub customer_details: InvoiceCustomer,
    /// The lines (at least one; their total not zero).
    pub item_details: Vec<InvoiceItem>,
    /// Payment link or virtual accounts.
    pub payment_type: InvoicePaymentType,
    /// The link, when paid through one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_link: Option<InvoicePaymentLink>,
    /// The virtual accounts, when paid into them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virtual_accounts: Option<Vec<InvoiceVa>>,
    /// The PDF's title while unpaid (≤ 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_title: Option<String>,
    /// The PDF's title once paid (≤ 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_paid_title: Option<String>,
    /// A reference of yours (≤ 90).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Notes (≤ 1000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Discount and shipping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<InvoiceAmount>,
    /// Exclusive or inclusive taxes; `Some(None)` sends `null`, which means no tax at all (the
    /// dashboard's default tax is not applied); `None` sends nothing.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::invoice::nullable"
    )]
    pub tax_mode: Option<Option<TaxMode>>,
    /// The taxes (required with inclusive taxes; not with `amount.vat`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxes: Option<Vec<Tax>>,
    /// Invoice (default) or quotation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_type: Option<DocumentType>,
    /// A quotation's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotation_date: Option<RequestTime>,
    /// Until when a quotation can be accepted (after its date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotation_validity_date: Option<RequestTime>,
}

/// `Option<Option<T>>` as absent, `null` or a value.
pub(crate) mod nullable {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<T: Serialize, S: Serializer>(
        value: &Option<Option<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(inner) => inner.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(deserializer).map(Some)
    }
}

impl InvoiceRequest {
    #[allow(clippy::too_many_arguments)]
    fn start(
        order_id: impl Into<String>,
        invoice_number: impl Into<String>,
        invoice_date: RequestTime,
        due_date: RequestTime,
        customer: InvoiceCustomer,
        items: impl IntoIterator<Item = InvoiceItem>,
        payment_type: InvoicePaymentType,
    ) -> InvoiceRequestBuilder {
        InvoiceRequestBuilder {
            inner: Box::new(InvoiceRequest {
                order_id: order_id.into(),
                invoice_number: invoice_number.into(),
                invoice_date,
                due_date,
                customer_details: customer,
                item_details: items.into_iter().collect(),
                payment_type,
                payment_link: None,
                virtual_accounts: None,
                invoice_title: None,
                invoice_paid_title: None,
                reference: None,
                notes: None,
                amount: None,
                tax_mode: None,
                taxes: None,
                document_type: None,
                quotation_date: None,
                quotation_validity_date: None,
            }),
        }
    }

    /// An invoice paid through a single-use payment link.
    ///
    /// ```
    /// use midtrans_types::invoice::{InvoiceCustomer, InvoiceItem, InvoicePaymentLink, InvoiceRequest};
    /// use midtrans_types::{EnabledPayment, RequestTime};
    /// let invoice = InvoiceRequest::payment_link(
    ///     "inv-7",
    ///     "INV-7",
    ///     RequestTime::jakarta(2026, 12, 1, 9, 0, 0).unwrap(),
    ///     RequestTime::jakarta(2026, 12, 31, 9, 0, 0).unwrap(),
    ///     InvoiceCustomer::new("Budi"),
    ///     [InvoiceItem::new("Pillow", 2, 95_000)],
    ///     InvoicePaymentLink::new([EnabledPayment::Gopay]),
    /// )
    /// .build()?;
    /// assert_eq!(serde_json::to_value(&invoice)?["payment_link"]["enabled_payments"][0], "gopay");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn payment_link(
        order_id: impl Into<String>,
        invoice_number: impl Into<String>,
        invoice_date: RequestTime,
        due_date: RequestTime,
        customer: InvoiceCustomer,
        items: impl IntoIterator<Item = InvoiceItem>,
        link: InvoicePaymentLink,
    ) -> InvoiceRequestBuilder {
        let mut builder = Self::start(
            order_id,
            invoice_number,
            invoice_date,
            due_date,
            customer,
            items,
            InvoicePaymentType::PaymentLink,
        );
        builder.inner.payment_link = Some(link);
        builder
    }

    /// An invoice paid into virtual accounts (one or more banks).
    ///
    /// ```
    /// use midtrans_types::invoice::{InvoiceCustomer, InvoiceItem, InvoiceRequest, InvoiceVa, VaBank};
    /// use midtrans_types::RequestTime;
    /// let invoice = InvoiceRequest::virtual_accounts(
    ///     "inv-8",
    ///     "INV-8",
    ///     RequestTime::jakarta(2026, 12, 1, 9, 0, 0).unwrap(),
    ///     RequestTime::jakarta(2026, 12, 31, 9, 0, 0).unwrap(),
    ///     InvoiceCustomer::new("Budi"),
    ///     [InvoiceItem::new("Pillow", 2, 95_000)],
    ///     [InvoiceVa::new(VaBank::BcaVa), InvoiceVa::new(VaBank::BniVa)],
    /// )
    /// .build()?;
    /// assert_eq!(invoice.virtual_accounts.map(|v| v.len()), Some(2));
    /// # Ok::<(), midtrans_types::BuildError>(())
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn virtual_accounts(
        order_id: impl Into<String>,
        invoice_number: impl Into<String>,
        invoice_date: RequestTime,
        due_date: RequestTime,
        customer: InvoiceCustomer,
        items: impl IntoIterator<Item = InvoiceItem>,
        accounts: impl IntoIterator<Item = InvoiceVa>,
    ) -> InvoiceRequestBuilder {
        let mut builder = Self::start(
            order_id,
            invoice_number,
            invoice_date,
            due_date,
            customer,
            items,
            InvoicePaymentType::VirtualAccount,
        );
        builder.inner.virtual_accounts = Some(accounts.into_iter().collect());
        builder
    }

    /// The total of the lines, after their discounts, in whole rupiah (rounded down), or
    /// `None` if it does not fit.
    fn items_total(&self) -> Option<u64> {
        self.item_details.iter().try_fold(0_u64, |sum, item| {
            let line = item.quantity.checked_mul(item.price)?;
            let off = line
                .checked_mul(u64::from(item.discount_percentage.unwrap_or(0)))?
                .checked_div(100)?;
            sum.checked_add(line.checked_sub(off)?)
        })
    }

    /// Checks the documented limits: the order id (≤ 36 of `A-Za-z0-9-_~.`), the invoice number
    /// (≤ 40), the due date after the invoice date, titles (≤ 20), reference (≤ 90), notes
    /// (≤ 1000), the customer (a name ≤ 40, id ≤ 36, e-mail ≤ 255, a phone of ≤ 15 digits not
    /// starting with 0), at least one line (description ≤ 150, item id ≤ 40, quantity 1 to
    /// 99,999,999, price ≤ 99,999,999, discount ≤ 100%) with a total above zero, the payment
    /// (enabled payments for a link; at least one virtual account, with numbers of the bank's
    /// length), taxes (required with inclusive ones, not with `amount.vat`), and a quotation's
    /// dates.
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        let invalid = |field: &str, expected: &'static str| {
            Err(BuildError::new(field, BuildErrorKind::Invalid { expected }))
        };
        validate::order_id("order_id", &self.order_id)?;
        validate::max_len("order_id", &self.order_id, 36)?;
        validate::text("invoice_number", &self.invoice_number, 40, |_| true)?;
        if self.due_date <= self.invoice_date {
            return invalid("due_date", "a time after invoice_date");
        }
        for (field, value, max) in [
            ("invoice_title", &self.invoice_title, 20),
            ("invoice_paid_title", &self.invoice_paid_title, 20),
            ("reference", &self.reference, 90),
            ("notes", &self.notes, 1000),
        ] {
            if let Some(value) = value {
                validate::max_len(field, value, max)?;
            }
        }
        let customer = &self.customer_details;
        validate::text("customer_details.name", &customer.name, 40, |_| true)?;
        for (field, value, max) in [
            ("customer_details.id", &customer.id, 36),
            ("customer_details.email", &customer.email, 255),
        ] {
            if let Some(value) = value {
                validate::max_len(field, value, max)?;
            }
        }
        if let Some(phone) = &customer.phone {
            validate::digits("customer_details.phone", phone, 15)?;
            if phone.starts_with('0') {
                return invalid(
                    "customer_details.phone",
                    "a number not starting with 0 (62… or 8…)",
                );
            }
        }
        if self.item_details.is_empty() {
            return Err(BuildError::new("item_details", BuildErrorKind::Missing));
        }
        for (index, item) in self.item_details.iter().enumerate() {
            let field = |name: &str| format!("item_details[{index}].{name}");
            validate::text(&field("description"), &item.description, 150, |_| true)?;
            if let Some(id) = &item.item_id {
                validate::max_len(&field("item_id"), id, 40)?;
            }
            if !(1..=ITEM_MAX).contains(&item.quantity) {
                return invalid(&field("quantity"), "1 to 99,999,999");
            }
            if item.price > ITEM_MAX {
                return invalid(&field("price"), "at most 99,999,999");
            }
            if item.discount_percentage.is_some_and(|d| d > 100) {
                return invalid(&field("discount_percentage"), "0 to 100");
            }
        }
        if self.items_total().is_none_or(|total| total == 0) {
            return invalid("item_details", "lines whose total is above zero");
        }
        match self.payment_type {
            InvoicePaymentType::PaymentLink => match &self.payment_link {
                Some(link) if !link.enabled_payments.is_empty() => {}
                _ => {
                    return Err(BuildError::new(
                        "payment_link.enabled_payments",
                        BuildErrorKind::Missing,
                    ))
                }
            },
            _ => {
                let accounts = self.virtual_accounts.as_deref().unwrap_or_default();
                if accounts.is_empty() {
                    return Err(BuildError::new("virtual_accounts", BuildErrorKind::Missing));
                }
                for (index, va) in accounts.iter().enumerate() {
                    let (Some(number), Some((low, high))) = (&va.number, va.bank.number_lengths())
                    else {
                        continue;
                    };
                    let field = format!("virtual_accounts[{index}].number");
                    validate::digits(&field, number, high)?;
                    if number.len() < low {
                        return invalid(&field, "the bank's length of digits");
                    }
                }
            }
        }
        let inclusive = matches!(self.tax_mode, Some(Some(TaxMode::Inclusive)));
        let taxed = self.taxes.as_ref().is_some_and(|t| !t.is_empty());
        if inclusive && !taxed {
            return Err(BuildError::new("taxes", BuildErrorKind::Missing));
        }
        if taxed && self.amount.as_ref().is_some_and(|a| a.vat.is_some()) {
            return invalid("amount.vat", "no VAT with taxes (VAT is deprecated)");
        }
        if self.document_type == Some(DocumentType::Quotation) {
            match (self.quotation_date, self.quotation_validity_date) {
                (Some(from), Some(until)) if until > from => {}
                (Some(_), Some(_)) => {
                    return invalid("quotation_validity_date", "a time after quotation_date")
                }
                (None, _) => {
                    return Err(BuildError::new("quotation_date", BuildErrorKind::Missing))
                }
                (_, None) => {
                    return Err(BuildError::new(
                        "quotation_validity_date",
                        BuildErrorKind::Missing,
                    ))
                }
            }
        }
        Ok(())
    }
}

validated_builder! {
    /// Builds an [`InvoiceRequest`].
    InvoiceRequestBuilder => InvoiceRequest
}

impl InvoiceRequestBuilder {
    /// Makes it a quotation, valid from `date` until `valid_until`: the customer accepts it,
    /// then it is converted into an invoice.
    pub fn quotation(mut self, date: RequestTime, valid_until: RequestTime) -> Self {
        self.inner.document_type = Some(DocumentType::Quotation);
        self.inner.quotation_date = Some(date);
        self.inner.quotation_validity_date = Some(valid_until);
        self
    }

    /// Taxes, added on top (`exclusive`) or included in the prices (`inclusive`).
    pub fn taxes(mut self, mode: TaxMode, taxes: impl IntoIterator<Item = Tax>) -> Self {
        self.inner.tax_mode = Some(Some(mode));
        self.inner.taxes = Some(taxes.into_iter().collect());
        self
    }

    /// No tax at all: sends `tax_mode: null`, so the dashboard's default tax is not applied.
    pub fn no_tax(mut self) -> Self {
        self.inner.tax_mode = Some(None);
        self.inner.taxes = None;
        self
    }
}

setters!(InvoiceRequestBuilder => inner {
    invoice_title: String,
    invoice_paid_title: String,
    reference: String,
    notes: String,
    amount: InvoiceAmount,
});

/// An invoice as Midtrans answers it (create, get, convert).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Invoice {
    /// Midtrans's id: the one get, void and convert take.
    pub id: String,
    /// Your order id.
    pub order_id: String,
    /// Where it stands.
    pub status: InvoiceStatus,
    /// The total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gross_amount: Option<Decimal>,
    /// The invoice's number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_number: Option<String>,
    /// Payment link or virtual accounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_type: Option<InvoicePaymentType>,
    /// The payment link customers pay on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_link_url: Option<String>,
    /// The virtual accounts issued.
    #[serde(default)]
    pub virtual_accounts: Vec<InvoiceVa>,
    /// The PDF.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pdf_url: Option<String>,
    /// When it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_date: Option<String>,
    /// When it was paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_date: Option<String>,
    /// When it is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<String>,
    /// Invoice or quotation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_type: Option<DocumentType>,
    /// When a quotation became an invoice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub converted_at: Option<String>,
    /// What it was created as (`quotation` for a converted one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_as: Option<DocumentType>,
    /// The taxes, with what Midtrans computed them to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taxes: Option<Vec<Tax>>,
    /// Fields this crate does not model (customer, items, amounts, quotation data).
    #[serde(flatten)]
    pub extra: Extra,
}

/// `PATCH /v1/invoices/{id}/void`'s optional body: a quotation voided as rejected by the
/// client (`cancel_as: "client"`) rather than cancelled.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VoidInvoice {
    /// `client` for a quotation the client rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_as: Option<String>,
}

impl VoidInvoice {
    /// Void as cancelled (an invoice, or a quotation withdrawn).
    ///
    /// ```
    /// assert_eq!(serde_json::to_string(&midtrans_types::invoice::VoidInvoice::cancel())?, "{}");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn cancel() -> Self {
        Self::default()
    }

    /// Void a quotation as rejected by the client.
    ///
    /// ```
    /// let body = serde_json::to_value(midtrans_types::invoice::VoidInvoice::rejected_by_client())?;
    /// assert_eq!(body["cancel_as"], "client");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn rejected_by_client() -> Self {
        VoidInvoice {
            cancel_as: Some("client".to_owned()),
        }
    }
}

/// The answer to a void: `{"success": true}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VoidAnswer {
    /// Whether it was voided.
    pub success: bool,
}

/// `PATCH /v1/invoices/{id}/convert`'s optional body: client details replacing the quotation's.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConvertQuotation {
    /// The client's details to use on the invoice (only those given replace the stored ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<InvoiceCustomer>,
}

impl ConvertQuotation {
    /// Convert with the quotation's client details.
    ///
    /// ```
    /// assert_eq!(serde_json::to_string(&midtrans_types::invoice::ConvertQuotation::new())?, "{}");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Convert with these client details.
    ///
    /// ```
    /// use midtrans_types::invoice::{ConvertQuotation, InvoiceCustomer};
    /// let body = ConvertQuotation::with_client(InvoiceCustomer::new("PT Maju Jaya"));
    /// assert!(body.client.is_some());
    /// ```
    pub fn with_client(client: InvoiceCustomer) -> Self {
        ConvertQuotation {
            client: Some(client),
        }
    }
}
