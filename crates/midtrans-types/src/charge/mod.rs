//! Core API `POST /v2/charge` ([Midtrans docs](https://docs.midtrans.com/reference/charge-transactions-1)).
//!
//! A [`ChargeRequest`] holds exactly one [`PaymentMethod`], and each method carries only its own
//! options, so a request cannot send bank-transfer options with a card payment. It serializes to
//! Midtrans's flat shape: `payment_type` plus the method's object under its own key.
//!
//! ```
//! use midtrans_types::charge::{BankTransfer, ChargeRequest};
//! use midtrans_types::{ItemDetails, Idr, TransactionDetails};
//!
//! let request = ChargeRequest::builder(
//!     TransactionDetails::new("order-101", Idr::new(44_000)),
//!     BankTransfer::bca(),
//! )
//! .item(ItemDetails::new("Ayam Zozozo", Idr::new(21_000), 1))
//! .item(ItemDetails::new("Ayam Xoxoxo", Idr::new(23_000), 1))
//! .build()?;
//! assert_eq!(serde_json::to_value(&request)?["payment_type"], "bank_transfer");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod bank_transfer;
mod credit_card;
mod cstore;
mod echannel;
mod ewallet;
mod online_banking;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

pub use bank_transfer::{BankTransfer, BcaVa, FreeText, FreeTextLine, PermataVa, VaOptions};
pub use credit_card::{CreditCard, PointRedeem};
pub use cstore::{Cstore, Store};
pub use echannel::Echannel;
pub use ewallet::{Gopay, Qris, QrisAcquirer, Shopeepay};
pub use online_banking::{BcaKlikbca, BcaKlikpay, CimbClicks, UobEzpay};

use crate::validate::{self, BuildError, BuildErrorKind};
use crate::{
    CustomExpiry, CustomerDetails, ItemDetails, Metadata, OrderId, PaymentType, TransactionDetails,
};

/// How the customer pays, with the options that method accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PaymentMethod {
    /// Card (`credit_card`).
    CreditCard(CreditCard),
    /// Virtual account (`bank_transfer`).
    BankTransfer(BankTransfer),
    /// Mandiri Bill (`echannel`).
    Echannel(Echannel),
    /// GoPay (`gopay`).
    Gopay(Gopay),
    /// ShopeePay (`shopeepay`).
    Shopeepay(Shopeepay),
    /// QRIS (`qris`).
    Qris(Qris),
    /// Convenience store (`cstore`).
    Cstore(Cstore),
    /// Akulaku PayLater (`akulaku`): needs `item_details` with distinct ids and `customer_details`.
    Akulaku,
    /// Kredivo (`kredivo`).
    Kredivo,
    /// UOB EZ Pay (`uob_ezpay`).
    UobEzpay(UobEzpay),
    /// BCA KlikPay (`bca_klikpay`).
    BcaKlikpay(BcaKlikpay),
    /// KlikBCA (`bca_klikbca`).
    BcaKlikbca(BcaKlikbca),
    /// CIMB Clicks (`cimb_clicks`).
    CimbClicks(CimbClicks),
    /// Danamon Online Banking (`danamon_online`).
    DanamonOnline,
    /// BRI e-Pay (`bri_epay`).
    BriEpay,
}

impl PaymentMethod {
    /// The `payment_type` this method is charged as.
    pub fn payment_type(&self) -> PaymentType {
        match self {
            PaymentMethod::CreditCard(_) => PaymentType::CreditCard,
            PaymentMethod::BankTransfer(_) => PaymentType::BankTransfer,
            PaymentMethod::Echannel(_) => PaymentType::Echannel,
            PaymentMethod::Gopay(_) => PaymentType::Gopay,
            PaymentMethod::Shopeepay(_) => PaymentType::Shopeepay,
            PaymentMethod::Qris(_) => PaymentType::Qris,
            PaymentMethod::Cstore(_) => PaymentType::Cstore,
            PaymentMethod::Akulaku => PaymentType::Akulaku,
            PaymentMethod::Kredivo => PaymentType::Kredivo,
            PaymentMethod::UobEzpay(_) => PaymentType::UobEzpay,
            PaymentMethod::BcaKlikpay(_) => PaymentType::BcaKlikpay,
            PaymentMethod::BcaKlikbca(_) => PaymentType::BcaKlikbca,
            PaymentMethod::CimbClicks(_) => PaymentType::CimbClicks,
            PaymentMethod::DanamonOnline => PaymentType::DanamonOnline,
            PaymentMethod::BriEpay => PaymentType::BriEpay,
        }
    }

    fn validate(&self) -> Result<(), BuildError> {
        match self {
            PaymentMethod::CreditCard(card) => {
                non_empty("credit_card.token_id", card.token_id.as_str())
            }
            PaymentMethod::BankTransfer(transfer) => transfer.validate(),
            PaymentMethod::Echannel(echannel) => echannel.validate(),
            PaymentMethod::Cstore(cstore) => cstore.validate(),
            PaymentMethod::BcaKlikpay(klikpay) => {
                non_empty("bca_klikpay.description", &klikpay.description)
            }
            PaymentMethod::BcaKlikbca(klikbca) => {
                non_empty("bca_klikbca.description", &klikbca.description)?;
                non_empty("bca_klikbca.user_id", &klikbca.user_id)
            }
            PaymentMethod::CimbClicks(clicks) => {
                non_empty("cimb_clicks.description", &clicks.description)
            }
            PaymentMethod::Gopay(_)
            | PaymentMethod::Shopeepay(_)
            | PaymentMethod::Qris(_)
            | PaymentMethod::Akulaku
            | PaymentMethod::Kredivo
            | PaymentMethod::UobEzpay(_)
            | PaymentMethod::DanamonOnline
            | PaymentMethod::BriEpay => Ok(()),
        }
    }
}

fn non_empty(field: &str, value: &str) -> Result<(), BuildError> {
    if value.is_empty() {
        Err(BuildError::new(field, BuildErrorKind::Empty))
    } else {
        Ok(())
    }
}

macro_rules! into_payment_method {
    ($($ty:ty => $variant:ident),+ $(,)?) => {
        $(
            impl From<$ty> for PaymentMethod {
                fn from(options: $ty) -> Self {
                    PaymentMethod::$variant(options.into())
                }
            }
        )+
    };
}

into_payment_method! {
    CreditCard => CreditCard,
    BankTransfer => BankTransfer,
    BcaVa => BankTransfer,
    PermataVa => BankTransfer,
    Echannel => Echannel,
    Gopay => Gopay,
    Shopeepay => Shopeepay,
    Qris => Qris,
    Cstore => Cstore,
    UobEzpay => UobEzpay,
    BcaKlikpay => BcaKlikpay,
    BcaKlikbca => BcaKlikbca,
    CimbClicks => CimbClicks,
}

/// A Core API charge (`POST /v2/charge`).
///
/// [Midtrans docs](https://docs.midtrans.com/reference/charge-transactions-1). Built with
/// [`ChargeRequest::builder`], whose `build()` validates it; a request deserialized from JSON is
/// not validated until [`ChargeRequest::validate`] is called.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ChargeWire", into = "ChargeWire")]
pub struct ChargeRequest {
    payment: PaymentMethod,
    transaction_details: TransactionDetails,
    item_details: Option<Vec<ItemDetails>>,
    customer_details: Option<CustomerDetails>,
    custom_expiry: Option<CustomExpiry>,
    custom_field1: Option<String>,
    custom_field2: Option<String>,
    custom_field3: Option<String>,
    metadata: Option<Metadata>,
}

impl ChargeRequest {
    /// Starts a charge of `transaction_details` paid with `payment` (any payment object, e.g.
    /// `BankTransfer::bca()`, `CreditCard::new(token)`, or a [`PaymentMethod`]).
    pub fn builder(
        transaction_details: TransactionDetails,
        payment: impl Into<PaymentMethod>,
    ) -> ChargeRequestBuilder {
        ChargeRequestBuilder {
            inner: Box::new(ChargeRequest {
                payment: payment.into(),
                transaction_details,
                item_details: None,
                customer_details: None,
                custom_expiry: None,
                custom_field1: None,
                custom_field2: None,
                custom_field3: None,
                metadata: None,
            }),
        }
    }

    /// The payment method and its options.
    pub fn payment(&self) -> &PaymentMethod {
        &self.payment
    }

    /// The `payment_type` sent.
    pub fn payment_type(&self) -> PaymentType {
        self.payment.payment_type()
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
        self.customer_details.as_ref()
    }

    /// The custom expiry, if given.
    pub fn custom_expiry(&self) -> Option<&CustomExpiry> {
        self.custom_expiry.as_ref()
    }

    /// The metadata, if given.
    pub fn metadata(&self) -> Option<&Metadata> {
        self.metadata.as_ref()
    }

    /// Checks every rule `build()` checks.
    ///
    /// # Errors
    /// The first [`BuildError`] found: order id, amounts and items, the payment method's
    /// options, custom fields, expiry, and Akulaku's required items and customer.
    pub fn validate(&self) -> Result<(), BuildError> {
        common(&Common {
            transaction_details: &self.transaction_details,
            item_details: self.item_details.as_deref(),
            customer_details: self.customer_details.as_ref(),
            custom_expiry: self.custom_expiry.as_ref(),
            custom_fields: [
                &self.custom_field1,
                &self.custom_field2,
                &self.custom_field3,
            ],
        })?;
        self.payment.validate()?;
        if matches!(self.payment, PaymentMethod::Akulaku) {
            akulaku(self.item_details.as_deref(), self.customer_details.as_ref())?;
        }
        Ok(())
    }
}

/// What every charge carries besides its payment, whatever its host.
pub(crate) struct Common<'a> {
    pub(crate) transaction_details: &'a TransactionDetails,
    pub(crate) item_details: Option<&'a [ItemDetails]>,
    pub(crate) customer_details: Option<&'a CustomerDetails>,
    pub(crate) custom_expiry: Option<&'a CustomExpiry>,
    pub(crate) custom_fields: [&'a Option<String>; 3],
}

/// The rules of [`Common`]: order id, amounts and items, the customer, a non-zero expiry,
/// custom fields.
pub(crate) fn common(charge: &Common<'_>) -> Result<(), BuildError> {
    validate::transaction(charge.transaction_details, charge.item_details)?;
    if let Some(customer) = charge.customer_details {
        validate::customer(customer)?;
    }
    if charge.custom_expiry.is_some_and(|e| e.expiry_duration == 0) {
        return Err(BuildError::new(
            "custom_expiry.expiry_duration",
            BuildErrorKind::Zero,
        ));
    }
    custom_fields(&charge.custom_fields)
}

/// `custom_field1..3`: at most 255 characters each.
pub(crate) fn custom_fields(fields: &[&Option<String>; 3]) -> Result<(), BuildError> {
    for (index, field) in fields.iter().enumerate() {
        if let Some(value) = field {
            validate::max_len_at(|| format!("custom_field{}", index + 1), value, 255)?;
        }
    }
    Ok(())
}

fn akulaku(
    items: Option<&[ItemDetails]>,
    customer: Option<&CustomerDetails>,
) -> Result<(), BuildError> {
    let items = match items {
        Some(items) if !items.is_empty() => items,
        _ => return Err(BuildError::new("item_details", BuildErrorKind::Missing)),
    };
    let mut seen = HashSet::new();
    for (index, item) in items.iter().enumerate() {
        let id = item.id.as_deref().ok_or_else(|| {
            BuildError::new(format!("item_details[{index}].id"), BuildErrorKind::Missing)
        })?;
        if !seen.insert(id) {
            return Err(BuildError::new(
                format!("item_details[{index}].id"),
                BuildErrorKind::Duplicate {
                    value: id.to_owned(),
                },
            ));
        }
    }
    if customer.is_none() {
        return Err(BuildError::new("customer_details", BuildErrorKind::Missing));
    }
    Ok(())
}

validated_builder! {
    /// Builds a [`ChargeRequest`]; see [`ChargeRequest::builder`].
    ChargeRequestBuilder => ChargeRequest
}

impl ChargeRequestBuilder {
    /// Adds one item line.
    pub fn item(mut self, item: ItemDetails) -> Self {
        self.inner
            .item_details
            .get_or_insert_with(Vec::new)
            .push(item);
        self
    }
}

setters!(ChargeRequestBuilder => inner {
    customer_details: CustomerDetails,
    custom_expiry: CustomExpiry,
    custom_field1: String,
    custom_field2: String,
    custom_field3: String,
    metadata: Metadata,
});

list_setters!(ChargeRequestBuilder => inner { item_details: ItemDetails });

/// The flat JSON shape of a charge.
#[derive(Serialize, Deserialize)]
struct ChargeWire {
    payment_type: PaymentType,
    transaction_details: TransactionDetails,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    item_details: Option<Vec<ItemDetails>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    customer_details: Option<CustomerDetails>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    credit_card: Option<CreditCard>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bank_transfer: Option<BankTransfer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    echannel: Option<Echannel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    gopay: Option<Gopay>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    shopeepay: Option<Shopeepay>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    qris: Option<Qris>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cstore: Option<Cstore>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    uob_ezpay: Option<UobEzpay>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bca_klikpay: Option<BcaKlikpay>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bca_klikbca: Option<BcaKlikbca>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cimb_clicks: Option<CimbClicks>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    custom_expiry: Option<CustomExpiry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    custom_field1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    custom_field2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    custom_field3: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    metadata: Option<Metadata>,
}

/// `Some(options)` unless they are all unset (an empty object is left out).
fn unless_default<T: Default + PartialEq>(options: T) -> Option<T> {
    (options != T::default()).then_some(options)
}

impl From<ChargeRequest> for ChargeWire {
    fn from(request: ChargeRequest) -> Self {
        let payment_type = request.payment.payment_type();
        let mut wire = ChargeWire {
            payment_type,
            transaction_details: request.transaction_details,
            item_details: request.item_details,
            customer_details: request.customer_details,
            credit_card: None,
            bank_transfer: None,
            echannel: None,
            gopay: None,
            shopeepay: None,
            qris: None,
            cstore: None,
            uob_ezpay: None,
            bca_klikpay: None,
            bca_klikbca: None,
            cimb_clicks: None,
            custom_expiry: request.custom_expiry,
            custom_field1: request.custom_field1,
            custom_field2: request.custom_field2,
            custom_field3: request.custom_field3,
            metadata: request.metadata,
        };
        match request.payment {
            PaymentMethod::CreditCard(o) => wire.credit_card = Some(o),
            PaymentMethod::BankTransfer(o) => wire.bank_transfer = Some(o),
            PaymentMethod::Echannel(o) => wire.echannel = Some(o),
            PaymentMethod::Gopay(o) => wire.gopay = unless_default(o),
            PaymentMethod::Shopeepay(o) => wire.shopeepay = unless_default(o),
            PaymentMethod::Qris(o) => wire.qris = unless_default(o),
            PaymentMethod::Cstore(o) => wire.cstore = Some(o),
            PaymentMethod::UobEzpay(o) => wire.uob_ezpay = unless_default(o),
            PaymentMethod::BcaKlikpay(o) => wire.bca_klikpay = Some(o),
            PaymentMethod::BcaKlikbca(o) => wire.bca_klikbca = Some(o),
            PaymentMethod::CimbClicks(o) => wire.cimb_clicks = Some(o),
            PaymentMethod::Akulaku
            | PaymentMethod::Kredivo
            | PaymentMethod::DanamonOnline
            | PaymentMethod::BriEpay => {}
        }
        wire
    }
}

impl TryFrom<ChargeWire> for ChargeRequest {
    type Error = String;

    fn try_from(mut wire: ChargeWire) -> Result<Self, String> {
        let payment_type = wire.payment_type.clone();
        let required = |key: &str| format!("payment_type {payment_type} needs the `{key}` object");
        let payment = match &payment_type {
            PaymentType::CreditCard => PaymentMethod::CreditCard(
                wire.credit_card
                    .take()
                    .ok_or_else(|| required("credit_card"))?,
            ),
            PaymentType::BankTransfer => PaymentMethod::BankTransfer(
                wire.bank_transfer
                    .take()
                    .ok_or_else(|| required("bank_transfer"))?,
            ),
            PaymentType::Echannel => {
                PaymentMethod::Echannel(wire.echannel.take().ok_or_else(|| required("echannel"))?)
            }
            PaymentType::Gopay => PaymentMethod::Gopay(wire.gopay.take().unwrap_or_default()),
            PaymentType::Shopeepay => {
                PaymentMethod::Shopeepay(wire.shopeepay.take().unwrap_or_default())
            }
            PaymentType::Qris => PaymentMethod::Qris(wire.qris.take().unwrap_or_default()),
            PaymentType::Cstore => {
                PaymentMethod::Cstore(wire.cstore.take().ok_or_else(|| required("cstore"))?)
            }
            PaymentType::Akulaku => PaymentMethod::Akulaku,
            PaymentType::Kredivo => PaymentMethod::Kredivo,
            PaymentType::UobEzpay => {
                PaymentMethod::UobEzpay(wire.uob_ezpay.take().unwrap_or_default())
            }
            PaymentType::BcaKlikpay => PaymentMethod::BcaKlikpay(
                wire.bca_klikpay
                    .take()
                    .ok_or_else(|| required("bca_klikpay"))?,
            ),
            PaymentType::BcaKlikbca => PaymentMethod::BcaKlikbca(
                wire.bca_klikbca
                    .take()
                    .ok_or_else(|| required("bca_klikbca"))?,
            ),
            PaymentType::CimbClicks => PaymentMethod::CimbClicks(
                wire.cimb_clicks
                    .take()
                    .ok_or_else(|| required("cimb_clicks"))?,
            ),
            PaymentType::DanamonOnline => PaymentMethod::DanamonOnline,
            PaymentType::BriEpay => PaymentMethod::BriEpay,
            other => {
                return Err(format!(
                    "payment_type {other} has no typed charge; send it as untyped JSON"
                ))
            }
        };
        let leftovers = [
            ("credit_card", wire.credit_card.is_some()),
            ("bank_transfer", wire.bank_transfer.is_some()),
            ("echannel", wire.echannel.is_some()),
            ("gopay", wire.gopay.is_some()),
            ("shopeepay", wire.shopeepay.is_some()),
            ("qris", wire.qris.is_some()),
            ("cstore", wire.cstore.is_some()),
            ("uob_ezpay", wire.uob_ezpay.is_some()),
            ("bca_klikpay", wire.bca_klikpay.is_some()),
            ("bca_klikbca", wire.bca_klikbca.is_some()),
            ("cimb_clicks", wire.cimb_clicks.is_some()),
        ];
        if let Some((key, _)) = leftovers.iter().find(|(_, present)| *present) {
            return Err(format!(
                "the `{key}` object cannot be sent with payment_type {payment_type}"
            ));
        }
        Ok(ChargeRequest {
            payment,
            transaction_details: wire.transaction_details,
            item_details: wire.item_details,
            customer_details: wire.customer_details,
            custom_expiry: wire.custom_expiry,
            custom_field1: wire.custom_field1,
            custom_field2: wire.custom_field2,
            custom_field3: wire.custom_field3,
            metadata: wire.metadata,
        })
    }
}
