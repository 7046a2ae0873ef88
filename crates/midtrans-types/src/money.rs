//! Money: [`Idr`] for amounts we send, [`ItemPrice`] for item lines (which may be discounts),
//! and [`Amount`] for the decimal strings Midtrans sends back.

use core::fmt;
use core::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

string_enum! {
    /// ISO 4217 currency code. Midtrans charges in rupiah only.
    pub enum Currency {
        /// Indonesian rupiah.
        Idr => "IDR",
    }
}

/// A whole number of rupiah, as every Midtrans request carries it (a JSON integer, no decimals).
///
/// Negative amounts cannot be represented; arithmetic is checked and returns `None` on overflow.
/// Request builders reject a zero amount where Midtrans does.
///
/// ```
/// use midtrans_types::Idr;
/// let price = Idr::new(21_000);
/// assert_eq!(price.checked_mul(2), Some(Idr::new(42_000)));
/// assert_eq!(serde_json::to_string(&price).unwrap(), "21000");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Idr(u64);

impl Idr {
    /// Zero rupiah.
    pub const ZERO: Idr = Idr(0);

    /// Wraps a whole number of rupiah.
    pub const fn new(rupiah: u64) -> Self {
        Idr(rupiah)
    }

    /// The number of rupiah.
    pub const fn value(self) -> u64 {
        self.0
    }

    /// Whether this is zero rupiah.
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// `self + other`, or `None` on overflow.
    pub fn checked_add(self, other: Idr) -> Option<Idr> {
        self.0.checked_add(other.0).map(Idr)
    }

    /// `self - other`, or `None` if the result would be negative.
    pub fn checked_sub(self, other: Idr) -> Option<Idr> {
        self.0.checked_sub(other.0).map(Idr)
    }

    /// `self × quantity`, or `None` on overflow.
    pub fn checked_mul(self, quantity: u64) -> Option<Idr> {
        self.0.checked_mul(quantity).map(Idr)
    }

    /// The same amount as a [`Decimal`], for comparing with response [`Amount`]s.
    pub fn to_decimal(self) -> Decimal {
        Decimal::from(self.0)
    }

    /// Writes the amount as a JSON string (`"14000"`), as the subscription API documents it.
    pub(crate) fn serialize_as_string<S: Serializer>(
        value: &Idr,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&value.0)
    }
}

impl From<u64> for Idr {
    fn from(rupiah: u64) -> Self {
        Idr(rupiah)
    }
}

impl fmt::Display for Idr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IDR {}", self.0)
    }
}

impl Serialize for Idr {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(self.0)
    }
}

impl<'de> Deserialize<'de> for Idr {
    /// Accepts a non-negative JSON integer, or a string of digits (the sandbox accepts
    /// `"gross_amount": "265000"` and the subscription API documents `"amount": "14000"`).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(IntVisitor("a non-negative whole number of rupiah"))
            .and_then(|value: i128| {
                u64::try_from(value)
                    .map(Idr)
                    .map_err(|_| de::Error::custom("rupiah amount must be a non-negative integer"))
            })
    }
}

/// The price of one item line, in whole rupiah.
///
/// Midtrans allows a negative price for a discount line; it can only be made on purpose, through
/// [`ItemPrice::discount`]. Everything else converts from [`Idr`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemPrice(i64);

impl ItemPrice {
    /// A discount line: the price sent is `-amount` (saturating at `i64::MIN + 1`).
    pub fn discount(amount: Idr) -> Self {
        ItemPrice(-i64::try_from(amount.0).unwrap_or(i64::MAX))
    }

    /// The signed price in rupiah.
    pub const fn value(self) -> i64 {
        self.0
    }

    /// Whether this is a discount (negative) line.
    pub const fn is_discount(self) -> bool {
        self.0 < 0
    }
}

impl From<Idr> for ItemPrice {
    /// Saturates at `i64::MAX` rupiah (far above anything Midtrans accepts; `build()` then
    /// reports the gross amount mismatch).
    fn from(amount: Idr) -> Self {
        ItemPrice(i64::try_from(amount.0).unwrap_or(i64::MAX))
    }
}

impl From<u32> for ItemPrice {
    fn from(rupiah: u32) -> Self {
        ItemPrice(i64::from(rupiah))
    }
}

impl Serialize for ItemPrice {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.0)
    }
}

impl<'de> Deserialize<'de> for ItemPrice {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(IntVisitor("a whole number of rupiah"))
            .and_then(|value: i128| {
                i64::try_from(value)
                    .map(ItemPrice)
                    .map_err(|_| de::Error::custom("item price out of range"))
            })
    }
}

/// Accepts a JSON integer or a string holding one; yields it as `i128`.
pub(crate) struct IntVisitor(pub(crate) &'static str);

impl Visitor<'_> for IntVisitor {
    type Value = i128;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i128, E> {
        Ok(i128::from(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i128, E> {
        Ok(i128::from(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<i128, E> {
        v.trim()
            .parse::<i128>()
            .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

/// A decimal amount as Midtrans returns it (`"gross_amount": "10000.00"`).
///
/// Keeps the exact text received next to its parsed value: the notification signature is computed
/// over that text, and re-serializing writes it back unchanged. A JSON number is accepted too and
/// kept as its decimal text (it is written back as a string).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Amount {
    value: Decimal,
    text: String,
}

impl Amount {
    /// Parses a decimal string such as `"10000.00"`.
    ///
    /// # Errors
    /// When the text is not a decimal number.
    pub fn parse(text: &str) -> Result<Self, rust_decimal::Error> {
        Decimal::from_str(text).map(|value| Amount {
            value,
            text: text.to_owned(),
        })
    }

    /// The numeric value.
    pub fn value(&self) -> Decimal {
        self.value
    }

    /// The text exactly as received.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The amount as whole rupiah, or `None` if it has a fractional part or is negative.
    pub fn to_idr(&self) -> Option<Idr> {
        if self.value.fract().is_zero() && self.value.is_sign_positive() {
            u64::from_str(&self.value.trunc().to_string()).ok().map(Idr)
        } else {
            None
        }
    }
}

impl From<Idr> for Amount {
    /// Renders as Midtrans does, with two decimals: `Idr::new(10000)` → `"10000.00"`.
    fn from(amount: Idr) -> Self {
        let mut value = Decimal::from(amount.0);
        value.rescale(2);
        Amount {
            value,
            text: value.to_string(),
        }
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AmountVisitor;

        impl Visitor<'_> for AmountVisitor {
            type Value = Amount;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal amount as a string or number")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                Amount::parse(v).map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                self.visit_str(&v.to_string())
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                self.visit_str(&v.to_string())
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                Decimal::from_str(&v.to_string())
                    .map(|value| Amount {
                        value,
                        text: v.to_string(),
                    })
                    .map_err(|_| E::invalid_value(de::Unexpected::Float(v), &self))
            }
        }

        deserializer.deserialize_any(AmountVisitor)
    }
}

/// Serde helpers for counts Midtrans sends as a number or as a numeric string
/// (`installment_term`, `refund_chargeback_id`, point fields). They are written back as numbers.
pub(crate) mod lenient_int {
    use serde::{Deserializer, Serialize, Serializer};

    use super::IntVisitor;

    pub(crate) fn serialize<S: Serializer, T: Serialize>(
        value: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    pub(crate) fn deserialize<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: TryFrom<i128>,
    {
        use serde::de::{Error, Visitor};

        struct OptVisitor<T>(core::marker::PhantomData<T>);

        impl<'de, T: TryFrom<i128>> Visitor<'de> for OptVisitor<T> {
            type Value = Option<T>;

            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("an integer, a numeric string or null")
            }

            fn visit_none<E: Error>(self) -> Result<Option<T>, E> {
                Ok(None)
            }

            fn visit_unit<E: Error>(self) -> Result<Option<T>, E> {
                Ok(None)
            }

            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
                let wide = d.deserialize_any(IntVisitor("an integer or a numeric string"))?;
                T::try_from(wide)
                    .map(Some)
                    .map_err(|_| D::Error::custom("integer out of range"))
            }
        }

        deserializer.deserialize_option(OptVisitor(core::marker::PhantomData))
    }
}
