//! The top-level fields of a JSON object that a decision hangs on — the classifier's
//! `status_code`, a notification's signed fields — read exactly: each at most once, and, where
//! asked, as the raw text received.
//!
//! JSON parsers disagree on a repeated key (serde_json's `Value` keeps the last, a derived
//! struct refuses, a `#[serde(flatten)]` map keeps the last); wherever a decision hangs on a
//! field, a repeated one is refused instead of letting each reader pick its own. Two ways to
//! read: [`Fields::scan`], a pass of its own that may stop early, and [`decode`], which notes
//! the fields while the typed decode reads them, at no pass of its own.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use serde::de::{DeserializeSeed, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserializer as _;
use serde_json::value::RawValue;
use serde_json::Value;

/// A top-level field: its name and its group. Fields of one group are one field under two
/// names (an alias, such as `validation_messages` and `validation_message`): a group seen twice
/// is a repeat.
pub(crate) type Field = (&'static str, u8);

/// What was read of a body's top-level fields.
pub(crate) struct Fields<'a, const N: usize> {
    /// The raw JSON text of each field, as received (the first one, if repeated).
    values: [Option<&'a RawValue>; N],
    /// The first field whose group appears a second time.
    duplicate: Option<usize>,
    /// Whether the body is one JSON object and nothing else (and, for [`decode`], decoded).
    /// When not, `values` and `duplicate` hold what was read before the break.
    complete: bool,
    /// Whether [`Fields::scan`] stopped early, as its `stop` asked.
    stopped: bool,
}

impl<'a, const N: usize> Fields<'a, N> {
    /// Reads the top-level `fields` of `body` in a pass of its own, without copying anything;
    /// stops early when `stop` says so of a field just read.
    pub(crate) fn scan(
        body: &'a [u8],
        fields: &'static [Field; N],
        stop: impl FnMut(usize, &'a RawValue) -> bool,
    ) -> Self {
        let mut read = Fields {
            values: [None; N],
            duplicate: None,
            complete: false,
            stopped: false,
        };
        let mut reader = serde_json::Deserializer::from_slice(body);
        let scanned = reader.deserialize_map(Scan {
            fields,
            read: &mut read,
            groups: 0,
            stop,
        });
        read.complete = scanned.is_ok() && !read.stopped && reader.end().is_ok();
        read
    }

    /// The raw text of field `index`.
    pub(crate) fn raw(&self, index: usize) -> Option<&'a RawValue> {
        self.values.get(index).copied().flatten()
    }

    /// The index of the first field that appears twice.
    pub(crate) fn duplicate(&self) -> Option<usize> {
        self.duplicate
    }

    /// Whether the body is one well-formed JSON object (and, for [`decode`], decoded).
    pub(crate) fn complete(&self) -> bool {
        self.complete
    }

    /// Whether the scan stopped early.
    pub(crate) fn stopped(&self) -> bool {
        self.stopped
    }
}

/// The text a scalar stands for: a string's content (escapes decoded), or a number's digits as
/// written. `None` for objects, arrays, booleans and null.
pub(crate) fn scalar_text(raw: &RawValue) -> Option<Cow<'_, str>> {
    let text = raw.get();
    match text.as_bytes().first()? {
        // A raw string without escapes is its content between the quotes.
        b'"' if !text.contains('\\') => {
            text.get(1..text.len().saturating_sub(1)).map(Cow::Borrowed)
        }
        b'"' => serde_json::from_str::<String>(text).map(Cow::Owned).ok(),
        b'-' | b'0'..=b'9' => Some(Cow::Borrowed(text)),
        _ => None,
    }
}

/// Whether `raw` is a JSON string.
pub(crate) fn is_string(raw: &RawValue) -> bool {
    raw.get().starts_with('"')
}

/// The bit of a field's group.
fn group_bit(fields: &[Field], index: usize) -> u64 {
    fields
        .get(index)
        .and_then(|(_, group)| 1u64.checked_shl(u32::from(*group)))
        .unwrap_or(0)
}

struct Scan<'s, 'a, F, const N: usize> {
    fields: &'static [Field; N],
    read: &'s mut Fields<'a, N>,
    groups: u64,
    stop: F,
}

impl<'de, F: FnMut(usize, &'de RawValue) -> bool, const N: usize> Visitor<'de>
    for Scan<'_, 'de, F, N>
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        while let Some(found) = map.next_key_seed(Name(self.fields))? {
            let Some(index) = found else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let bit = group_bit(self.fields, index);
            if self.groups & bit != 0 {
                // Noted at the name, before its value is read.
                self.read.duplicate.get_or_insert(index);
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            self.groups |= bit;
            let value = map.next_value::<&'de RawValue>()?;
            if let Some(slot) = self.read.values.get_mut(index) {
                *slot = Some(value);
            }
            if (self.stop)(index, value) {
                self.read.stopped = true;
                return Ok(());
            }
        }
        Ok(())
    }
}

/// A field name, compared with the names asked for without being copied (escaped names are
/// decoded first, so `"status\u005fcode"` is `status_code`).
struct Name(&'static [Field]);

impl<'de> DeserializeSeed<'de> for Name {
    type Value = Option<usize>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for Name {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E>(self, name: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|(wanted, _)| *wanted == name))
    }
}

/// Decodes `T` from a whole body while noting its top-level `fields` as the decode reads them:
/// a field whose group comes twice is an error, and with `capture` each one's raw text is kept
/// (the decode then reads the field from that text). Costs no pass of its own.
///
/// # Errors
/// As `serde_json::from_slice`, or a repeated field; what was noted before is in the
/// [`Fields`] either way.
pub(crate) fn decode<'a, T: serde::Deserialize<'a>, const N: usize>(
    body: &'a [u8],
    fields: &'static [Field; N],
    capture: bool,
) -> (Result<T, serde_json::Error>, Fields<'a, N>) {
    let values: [Cell<Option<&'a RawValue>>; N] = std::array::from_fn(|_| Cell::new(None));
    let lengths = fields.iter().fold(0u64, |bits, (name, _)| {
        bits | 1u64
            .checked_shl(u32::try_from(name.len()).unwrap_or(u32::MAX))
            .unwrap_or(0)
    });
    let seen = Seen {
        fields,
        lengths,
        values: &values,
        capture,
        groups: Cell::new(0),
        current: Cell::new(None),
        duplicate: Cell::new(None),
    };
    let mut reader = serde_json::Deserializer::from_slice(body);
    let decoded = T::deserialize(Top {
        inner: &mut reader,
        seen: &seen,
    })
    .and_then(|value| reader.end().map(|()| value));
    let duplicate = seen.duplicate.get();
    let read = Fields {
        values: values.map(Cell::into_inner),
        duplicate,
        complete: decoded.is_ok(),
        stopped: false,
    };
    (decoded, read)
}

/// What [`decode`] notes: the fields asked for, their raw text, the groups seen, and the field
/// whose value comes next.
struct Seen<'s, 'de> {
    fields: &'static [Field],
    /// The lengths of the fields' names, one bit each (names of 64 bytes or more never match).
    lengths: u64,
    values: &'s [Cell<Option<&'de RawValue>>],
    capture: bool,
    groups: Cell<u64>,
    current: Cell<Option<usize>>,
    duplicate: Cell<Option<usize>>,
}

impl Seen<'_, '_> {
    /// Notes a top-level key; an error if its group was seen before.
    fn note<E: serde::de::Error>(&self, name: &str) -> Result<(), E> {
        // Most keys are none of the fields: told apart by their length, one test for all.
        let len = name.len();
        if len >= 64 || (self.lengths >> len) & 1 == 0 {
            self.current.set(None);
            return Ok(());
        }
        let index = self.fields.iter().position(|(n, _)| *n == name);
        self.current.set(index);
        let Some(index) = index else {
            return Ok(());
        };
        let bit = group_bit(self.fields, index);
        if self.groups.get() & bit != 0 {
            self.duplicate.set(self.duplicate.get().or(Some(index)));
            return Err(E::custom(format_args!(
                "the field `{name}` appears more than once"
            )));
        }
        self.groups.set(self.groups.get() | bit);
        Ok(())
    }
}

/// Forwards every `deserialize_*` method to `self.inner`, the visitor wrapped in `$wrap`.
macro_rules! forward_deserializer {
    ($wrap:ident; $($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(
            fn $method<V: Visitor<'de>>(
                self,
                $($arg: $ty,)*
                visitor: V,
            ) -> Result<V::Value, Self::Error> {
                self.inner.$method($($arg,)* $wrap { inner: visitor, seen: self.seen })
            }
        )*
    };
}

/// Forwards `Deserializer` to `self.inner` through the visitor wrapper `$wrap`.
macro_rules! wrapping_deserializer {
    ($wrap:ident) => {
        type Error = D::Error;

        fn is_human_readable(&self) -> bool {
            self.inner.is_human_readable()
        }

        forward_deserializer! {
            $wrap;
            deserialize_any(); deserialize_bool(); deserialize_i8(); deserialize_i16();
            deserialize_i32(); deserialize_i64(); deserialize_i128(); deserialize_u8();
            deserialize_u16(); deserialize_u32(); deserialize_u64(); deserialize_u128();
            deserialize_f32(); deserialize_f64(); deserialize_char(); deserialize_str();
            deserialize_string(); deserialize_bytes(); deserialize_byte_buf();
            deserialize_option(); deserialize_unit();
            deserialize_unit_struct(name: &'static str);
            deserialize_newtype_struct(name: &'static str);
            deserialize_seq(); deserialize_tuple(len: usize);
            deserialize_tuple_struct(name: &'static str, len: usize);
            deserialize_map();
            deserialize_struct(name: &'static str, fields: &'static [&'static str]);
            deserialize_enum(name: &'static str, variants: &'static [&'static str]);
            deserialize_identifier(); deserialize_ignored_any();
        }
    };
}

/// Forwards the scalar `visit_*` methods of a visitor wrapper to `self.inner`.
macro_rules! forward_visits {
    ($($method:ident($ty:ty);)*) => {
        $(
            fn $method<E: serde::de::Error>(self, v: $ty) -> Result<Self::Value, E> {
                self.inner.$method(v)
            }
        )*
    };
}

/// The visit methods both wrappers forward as they are.
macro_rules! forward_common_visits {
    () => {
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.inner.expecting(f)
        }

        forward_visits! {
            visit_bool(bool); visit_i8(i8); visit_i16(i16); visit_i32(i32); visit_i64(i64);
            visit_i128(i128); visit_u8(u8); visit_u16(u16); visit_u32(u32); visit_u64(u64);
            visit_u128(u128); visit_f32(f32); visit_f64(f64); visit_char(char);
            visit_bytes(&[u8]); visit_borrowed_bytes(&'de [u8]); visit_byte_buf(Vec<u8>);
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            self.inner.visit_none()
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            self.inner.visit_unit()
        }

        fn visit_some<D2: serde::Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            self.inner.visit_some(d)
        }

        fn visit_newtype_struct<D2: serde::Deserializer<'de>>(
            self,
            d: D2,
        ) -> Result<Self::Value, D2::Error> {
            self.inner.visit_newtype_struct(d)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            self.inner.visit_seq(seq)
        }

        fn visit_enum<A: serde::de::EnumAccess<'de>>(
            self,
            data: A,
        ) -> Result<Self::Value, A::Error> {
            self.inner.visit_enum(data)
        }
    };
}

/// The body's top-level value: its object's keys are noted as they are read.
struct Top<'s, 'de, D> {
    inner: D,
    seen: &'s Seen<'s, 'de>,
}

impl<'de, D: serde::Deserializer<'de>> serde::Deserializer<'de> for Top<'_, 'de, D> {
    wrapping_deserializer!(TopVisitor);
}

struct TopVisitor<'s, 'de, V> {
    inner: V,
    seen: &'s Seen<'s, 'de>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for TopVisitor<'_, 'de, V> {
    type Value = V::Value;

    forward_common_visits!();

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        self.inner.visit_str(v)
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        self.inner.visit_borrowed_str(v)
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
        self.inner.visit_string(v)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.inner.visit_map(TopMap {
            inner: map,
            seen: self.seen,
        })
    }
}

/// The top-level object: each key is noted as it is read, and a captured field's value is read
/// as raw text first.
struct TopMap<'s, 'de, A> {
    inner: A,
    seen: &'s Seen<'s, 'de>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for TopMap<'_, 'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.seen.current.set(None);
        self.inner.next_key_seed(KeySeed {
            inner: seed,
            seen: self.seen,
        })
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        let slot = self
            .seen
            .current
            .take()
            .filter(|_| self.seen.capture)
            .and_then(|index| self.seen.values.get(index));
        match slot {
            Some(slot) => {
                let raw: &'de RawValue = self.inner.next_value()?;
                slot.set(Some(raw));
                seed.deserialize(&mut serde_json::Deserializer::from_str(raw.get()))
                    .map_err(A::Error::custom)
            }
            None => self.inner.next_value_seed(seed),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

struct KeySeed<'s, 'de, K> {
    inner: K,
    seen: &'s Seen<'s, 'de>,
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, 'de, K> {
    type Value = K::Value;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<K::Value, D::Error> {
        self.inner.deserialize(KeyName {
            inner: deserializer,
            seen: self.seen,
        })
    }
}

/// A top-level key, noted by name whichever way the decode reads it.
struct KeyName<'s, 'de, D> {
    inner: D,
    seen: &'s Seen<'s, 'de>,
}

impl<'de, D: serde::Deserializer<'de>> serde::Deserializer<'de> for KeyName<'_, 'de, D> {
    wrapping_deserializer!(KeyVisitor);
}

struct KeyVisitor<'s, 'de, V> {
    inner: V,
    seen: &'s Seen<'s, 'de>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyVisitor<'_, 'de, V> {
    type Value = V::Value;

    forward_common_visits!();

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        self.seen.note(v)?;
        self.inner.visit_str(v)
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        self.seen.note(v)?;
        self.inner.visit_borrowed_str(v)
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
        self.seen.note(&v)?;
        self.inner.visit_string(v)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.inner.visit_map(map)
    }
}

/// Decodes a body into untyped JSON, refusing any object that has a key twice, at any depth
/// (`serde_json::Value` would keep the last one silently).
///
/// # Errors
/// Invalid JSON, or a repeated key.
pub(crate) fn strict_value(body: &[u8]) -> Result<Value, serde_json::Error> {
    let mut reader = serde_json::Deserializer::from_slice(body);
    let value = Strict.deserialize(&mut reader)?;
    reader.end()?;
    Ok(value)
}

/// Builds a [`Value`] as serde_json does, but refuses repeated keys.
struct Strict;

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(Strict)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(A::Error::custom(format_args!(
                    "the field `{key}` appears more than once"
                )));
            }
            let value = map.next_value_seed(Strict)?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: [Field; 3] = [
        ("status_code", 0),
        ("gross_amount", 1),
        ("validation_message", 1),
    ];

    #[test]
    fn a_scan_reads_raw_text_and_notices_repeats_wherever_they_stand() {
        let body = br#"{"a":{"status_code":"1"},"status_code":"200","gross_amount":100000.00}"#;
        let fields = Fields::scan(body, &FIELDS, |_, _| false);
        assert!(fields.complete());
        assert_eq!(fields.raw(0).map(RawValue::get), Some(r#""200""#));
        assert_eq!(fields.raw(1).map(RawValue::get), Some("100000.00"));
        assert_eq!(fields.duplicate(), None, "nested fields are not top-level");

        let body = br#"{"status\u005fcode":"200","x":[1,{"y":2}],"status_code":"500"}"#;
        let fields = Fields::scan(body, &FIELDS, |_, _| false);
        assert_eq!(fields.duplicate(), Some(0));
        assert_eq!(fields.raw(0).map(RawValue::get), Some(r#""200""#));
        let aliases = br#"{"gross_amount":1,"validation_message":2}"#;
        assert_eq!(
            Fields::scan(aliases, &FIELDS, |_, _| false).duplicate(),
            Some(2)
        );

        for broken in [
            &b"{\"status_code\":\"200\""[..],
            b"[1]",
            b"",
            b"{} {}",
            b"\"x\"",
        ] {
            assert!(
                !Fields::scan(broken, &FIELDS, |_, _| false).complete(),
                "{broken:?}"
            );
        }
        // Read before the break.
        let fields = Fields::scan(
            br#"{"status_code":"200","status_code":"2"#,
            &FIELDS,
            |_, _| false,
        );
        assert_eq!((fields.complete(), fields.duplicate()), (false, Some(0)));
        // Stopping early reads no further.
        let fields = Fields::scan(
            br#"{"status_code":"200","status_code":"2"#,
            &FIELDS,
            |i, _| i == 0,
        );
        assert!(fields.stopped() && !fields.complete() && fields.duplicate().is_none());
    }

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Answer {
        status_code: String,
        #[serde(default)]
        gross_amount: Option<f64>,
        #[serde(flatten)]
        extra: serde_json::Map<String, Value>,
    }

    #[test]
    fn a_decode_notes_fields_as_it_reads_them() {
        // A field the type keeps in its flattened extras, twice: refused all the same.
        let body = br#"{"status_code":"200","validation_message":"a","gross_amount":1.50}"#;
        let (decoded, fields) = decode::<Answer, 3>(body, &FIELDS, false);
        assert!(decoded.unwrap_err().to_string().contains("more than once"));
        assert_eq!(
            fields.duplicate(),
            Some(1),
            "the second of the group, in body order"
        );

        let body = br#"{"status_code":"200","gross_amount":100000.00,"note":{"status_code":1}}"#;
        let (decoded, fields) = decode::<Answer, 3>(body, &FIELDS, true);
        let answer = decoded.unwrap();
        assert_eq!(answer.gross_amount, Some(100000.0));
        assert_eq!(
            fields.raw(1).map(RawValue::get),
            Some("100000.00"),
            "the text as received"
        );
        assert_eq!(fields.raw(0).map(RawValue::get), Some(r#""200""#));
        assert!(fields.complete());
        let (_, fields) = decode::<Answer, 3>(body, &FIELDS, false);
        assert!(fields.raw(1).is_none(), "captured only when asked");

        let (decoded, fields) = decode::<Answer, 3>(
            br#"{"status\u005fcode":"1","status_code":"2"}"#,
            &FIELDS,
            true,
        );
        assert!(decoded.is_err());
        assert_eq!(fields.duplicate(), Some(0));
        let (decoded, _) = decode::<Value, 3>(br#"{"a":1} {"#, &FIELDS, false);
        assert!(decoded.is_err(), "trailing data");
    }

    #[test]
    fn strict_values_equal_serde_jsons_and_refuse_repeated_keys() {
        let body = br#"{"a":[1,-2,3.5,"x",null,true,{"b":{}}],"c":"\u00e9"}"#;
        assert_eq!(
            strict_value(body).unwrap(),
            serde_json::from_slice::<Value>(body).unwrap()
        );
        for repeated in [
            &br#"{"a":1,"a":1}"#[..],
            br#"{"a":[{"b":1,"b":2}]}"#,
            br#"{"a":{"b":{"c":1,"\u0063":2}}}"#,
        ] {
            let err = strict_value(repeated).unwrap_err();
            assert!(err.to_string().contains("more than once"), "{err}");
        }
        assert!(strict_value(b"{} x").is_err());
    }

    #[test]
    fn scalar_texts_are_string_contents_or_number_digits() {
        let text = |json: &str| {
            let raw: &RawValue = serde_json::from_str(json).unwrap();
            scalar_text(raw).map(Cow::into_owned)
        };
        assert_eq!(text(r#""200""#).as_deref(), Some("200"));
        assert_eq!(text(r#""\u0032\u0030\u0030""#).as_deref(), Some("200"));
        assert_eq!(text("100000.00").as_deref(), Some("100000.00"));
        assert_eq!(text("-1e5").as_deref(), Some("-1e5"));
        for other in ["true", "null", "[1]", r#"{"a":1}"#] {
            assert_eq!(text(other), None, "{other}");
        }
    }
}
