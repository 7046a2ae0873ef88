//! [`BuildError`], the one error request builders return, and the checks behind it.

use core::fmt;

use crate::common::{ItemDetails, TransactionDetails};
use crate::money::Idr;

/// A request failed validation in `build()`: names the field (as a JSON path such as
/// `item_details[1].quantity`) and what is wrong with it. Nothing was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    field: String,
    kind: BuildErrorKind,
}

/// What is wrong with the field a [`BuildError`] names.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BuildErrorKind {
    /// The value is empty.
    Empty,
    /// The value has more characters than Midtrans allows.
    TooLong {
        /// Its length in characters.
        len: usize,
        /// The documented maximum.
        max: usize,
    },
    /// The value contains a character Midtrans does not allow there.
    InvalidCharacter {
        /// The offending character.
        character: char,
        /// Its position, counted in characters from 0.
        index: usize,
    },
    /// An amount, quantity or interval that must be positive is zero.
    Zero,
    /// `gross_amount` differs from the sum of `price × quantity` over `item_details`.
    AmountMismatch {
        /// The `gross_amount` given.
        gross_amount: Idr,
        /// Σ price × quantity over the items (may be negative with discount lines).
        items_sum: i64,
    },
    /// An amount computation overflowed.
    Overflow,
    /// A value Midtrans requires for this request is missing.
    Missing,
    /// Two entries that must differ are the same (e.g. Akulaku item ids).
    Duplicate {
        /// The repeated value.
        value: String,
    },
    /// The value is not of the documented form.
    Invalid {
        /// What the field must look like.
        expected: &'static str,
    },
}

impl BuildError {
    /// Creates an error for a field.
    pub fn new(field: impl Into<String>, kind: BuildErrorKind) -> Self {
        BuildError {
            field: field.into(),
            kind,
        }
    }

    /// The JSON path of the offending field, e.g. `transaction_details.order_id`.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// What is wrong with it.
    pub fn kind(&self) -> &BuildErrorKind {
        &self.kind
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid `{}`: ", self.field)?;
        match &self.kind {
            BuildErrorKind::Empty => f.write_str("must not be empty"),
            BuildErrorKind::TooLong { len, max } => {
                write!(f, "{len} characters, at most {max} allowed")
            }
            BuildErrorKind::InvalidCharacter { character, index } => {
                write!(
                    f,
                    "character {character:?} at position {index} is not allowed"
                )
            }
            BuildErrorKind::Zero => f.write_str("must be greater than zero"),
            BuildErrorKind::AmountMismatch {
                gross_amount,
                items_sum,
            } => write!(
                f,
                "gross_amount {} is not equal to the sum of item_details ({items_sum})",
                gross_amount.value()
            ),
            BuildErrorKind::Overflow => f.write_str("amount arithmetic overflowed"),
            BuildErrorKind::Missing => f.write_str("is required"),
            BuildErrorKind::Duplicate { value } => write!(f, "{value:?} appears more than once"),
            BuildErrorKind::Invalid { expected } => write!(f, "expected {expected}"),
        }
    }
}

impl std::error::Error for BuildError {}

fn err(field: &str, kind: BuildErrorKind) -> BuildError {
    BuildError::new(field, kind)
}

/// Not empty, at most `max` characters, every character accepted by `allowed`.
pub(crate) fn text(
    field: &str,
    value: &str,
    max: usize,
    allowed: impl Fn(char) -> bool,
) -> Result<(), BuildError> {
    if value.is_empty() {
        return Err(err(field, BuildErrorKind::Empty));
    }
    max_len(field, value, max)?;
    match value.chars().enumerate().find(|(_, c)| !allowed(*c)) {
        Some((index, character)) => Err(err(
            field,
            BuildErrorKind::InvalidCharacter { character, index },
        )),
        None => Ok(()),
    }
}

/// At most `max` characters (may be empty).
pub(crate) fn max_len(field: &str, value: &str, max: usize) -> Result<(), BuildError> {
    max_len_at(|| field.to_owned(), value, max)
}

/// [`max_len`], naming the field only when it is too long (paths such as
/// `item_details[3].name` are formatted on error alone).
pub(crate) fn max_len_at(
    field: impl FnOnce() -> String,
    value: &str,
    max: usize,
) -> Result<(), BuildError> {
    // A string has at most as many characters as bytes: most values need no counting.
    if value.len() <= max {
        return Ok(());
    }
    let len = value.chars().count();
    if len > max {
        Err(BuildError::new(
            field(),
            BuildErrorKind::TooLong { len, max },
        ))
    } else {
        Ok(())
    }
}

/// Digits only, 1..=`max` of them.
pub(crate) fn digits(field: &str, value: &str, max: usize) -> Result<(), BuildError> {
    text(field, value, max, |c| c.is_ascii_digit())
}

/// The order id rule: 1..=50 characters of `A-Za-z0-9-_~.`.
pub(crate) fn order_id(field: &str, value: &str) -> Result<(), BuildError> {
    text(field, value, crate::OrderId::MAX_LEN, |c| {
        c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '~' | '.')
    })
}

/// The refund key rule: characters `A-Za-z0-9_-`.
pub(crate) fn refund_key(field: &str, value: &str) -> Result<(), BuildError> {
    text(field, value, 255, |c| {
        c.is_ascii_alphanumeric() || matches!(c, '-' | '_')
    })
}

/// A positive amount.
pub(crate) fn positive(field: &str, amount: Idr) -> Result<(), BuildError> {
    if amount.is_zero() {
        Err(err(field, BuildErrorKind::Zero))
    } else {
        Ok(())
    }
}

/// `transaction_details` and `item_details` together: the order id rule, a positive gross
/// amount, positive quantities, and gross_amount = Σ price × quantity (checked arithmetic).
pub(crate) fn transaction(
    details: &TransactionDetails,
    items: Option<&[ItemDetails]>,
) -> Result<(), BuildError> {
    order_id("transaction_details.order_id", details.order_id.as_str())?;
    positive("transaction_details.gross_amount", details.gross_amount)?;
    let Some(items) = items else {
        return Ok(());
    };
    // Checked 64-bit arithmetic, as Midtrans's own amounts are 64-bit integers.
    let mut sum: i64 = 0;
    for (index, item) in items.iter().enumerate() {
        item_fields(index, item)?;
        if item.quantity == 0 {
            return Err(err(
                &format!("item_details[{index}].quantity"),
                BuildErrorKind::Zero,
            ));
        }
        sum = item
            .price
            .value()
            .checked_mul(i64::from(item.quantity))
            .and_then(|line| sum.checked_add(line))
            .ok_or_else(|| err(&format!("item_details[{index}]"), BuildErrorKind::Overflow))?;
    }
    if i128::from(sum) != i128::from(details.gross_amount.value()) {
        return Err(err(
            "transaction_details.gross_amount",
            BuildErrorKind::AmountMismatch {
                gross_amount: details.gross_amount,
                items_sum: sum,
            },
        ));
    }
    Ok(())
}

/// Midtrans's limits on an item line: a name of 1–50 characters; id, brand, category and
/// merchant name of at most 50.
fn item_fields(index: usize, item: &ItemDetails) -> Result<(), BuildError> {
    let field = |name: &str| format!("item_details[{index}].{name}");
    if item.name.is_empty() {
        return Err(err(&field("name"), BuildErrorKind::Empty));
    }
    max_len_at(|| field("name"), &item.name, 50)?;
    for (name, value) in [
        ("id", &item.id),
        ("brand", &item.brand),
        ("category", &item.category),
        ("merchant_name", &item.merchant_name),
    ] {
        if let Some(value) = value {
            max_len_at(|| field(name), value, 50)?;
        }
    }
    Ok(())
}

/// Midtrans's limits on `customer_details`: names, e-mail and phone of at most 255 characters;
/// in addresses, city ≤ 100 and postal code ≤ 10.
pub(crate) fn customer(details: &crate::CustomerDetails) -> Result<(), BuildError> {
    let person = [
        ("first_name", &details.first_name),
        ("last_name", &details.last_name),
        ("email", &details.email),
        ("phone", &details.phone),
    ];
    for (name, value) in person {
        if let Some(value) = value {
            max_len_at(|| format!("customer_details.{name}"), value, 255)?;
        }
    }
    for (which, address) in [
        ("billing_address", &details.billing_address),
        ("shipping_address", &details.shipping_address),
    ] {
        let Some(address) = address else { continue };
        let fields = [
            ("first_name", &address.first_name, 255),
            ("last_name", &address.last_name, 255),
            ("email", &address.email, 255),
            ("phone", &address.phone, 255),
            ("address", &address.address, 255),
            ("city", &address.city, 100),
            ("postal_code", &address.postal_code, 10),
        ];
        for (name, value, max) in fields {
            if let Some(value) = value {
                max_len_at(|| format!("customer_details.{which}.{name}"), value, max)?;
            }
        }
    }
    Ok(())
}
