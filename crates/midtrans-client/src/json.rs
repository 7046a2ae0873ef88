//! One pass over the top-level fields of a JSON object: the raw text of the fields asked for,
//! and whether any of them appears twice.
//!
//! JSON parsers disagree on a repeated key (serde_json's `Value` keeps the last, a derived
//! struct refuses, a `#[serde(flatten)]` map keeps the last); wherever a decision hangs on a
//! field — the classifier's `status_code`, a notification's signed fields — this pass makes a
//! repeated one visible instead of letting each reader pick its own.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserializer as _;
use serde_json::value::RawValue;
use serde_json::Value;

/// What one pass read of a body.
pub(crate) struct Fields<'a, const N: usize> {
    /// The raw JSON text of each field asked for, as received (the first one, if repeated).
    values: [Option<&'a RawValue>; N],
    /// The first field asked for that appears a second time.
    duplicate: Option<usize>,
    /// Whether the body is one JSON object and nothing else. When it is not, `values` and
    /// `duplicate` hold what was read before the break.
    complete: bool,
}

impl<'a, const N: usize> Fields<'a, N> {
    /// Reads the top-level fields `names` of `body`, without copying anything.
    pub(crate) fn scan(body: &'a [u8], names: &[&str; N]) -> Self {
        let mut fields = Fields {
            values: [None; N],
            duplicate: None,
            complete: false,
        };
        let mut reader = serde_json::Deserializer::from_slice(body);
        let read = reader.deserialize_map(Scan {
            names,
            fields: &mut fields,
        });
        fields.complete = read.is_ok() && reader.end().is_ok();
        fields
    }

    /// The raw text of field `index` of the names scanned for.
    pub(crate) fn raw(&self, index: usize) -> Option<&'a RawValue> {
        self.values.get(index).copied().flatten()
    }

    /// The index of the first field that appears twice.
    pub(crate) fn duplicate(&self) -> Option<usize> {
        self.duplicate
    }

    /// Whether the body is one well-formed JSON object.
    pub(crate) fn complete(&self) -> bool {
        self.complete
    }
}

/// The text a scalar stands for: a string's content (escapes decoded), or a number's digits as
/// written. `None` for objects, arrays, booleans and null.
pub(crate) fn scalar_text(raw: &RawValue) -> Option<Cow<'_, str>> {
    let text = raw.get();
    match text.as_bytes().first()? {
        b'"' => serde_json::from_str::<&str>(text)
            .map(Cow::Borrowed)
            .or_else(|_| serde_json::from_str::<String>(text).map(Cow::Owned))
            .ok(),
        b'-' | b'0'..=b'9' => Some(Cow::Borrowed(text)),
        _ => None,
    }
}

/// Whether `raw` is a JSON string.
pub(crate) fn is_string(raw: &RawValue) -> bool {
    raw.get().starts_with('"')
}

struct Scan<'s, 'a, const N: usize> {
    names: &'s [&'s str; N],
    fields: &'s mut Fields<'a, N>,
}

impl<'de, const N: usize> Visitor<'de> for Scan<'_, 'de, N> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(found) = map.next_key_seed(Name(self.names))? {
            match found.and_then(|index| self.fields.values.get_mut(index).map(|v| (index, v))) {
                Some((index, slot)) if slot.is_some() => {
                    // Noted at the name, before its value is read.
                    self.fields.duplicate.get_or_insert(index);
                    map.next_value::<IgnoredAny>()?;
                }
                Some((_, slot)) => *slot = Some(map.next_value::<&'de RawValue>()?),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// A field name, compared with the names asked for without being copied (escaped names are
/// decoded first, so `"status\u005fcode"` is `status_code`).
struct Name<'s>(&'s [&'s str]);

impl<'de> DeserializeSeed<'de> for Name<'_> {
    type Value = Option<usize>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for Name<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E>(self, name: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|wanted| *wanted == name))
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

    const NAMES: [&str; 2] = ["status_code", "gross_amount"];

    #[test]
    fn reads_raw_text_and_notices_repeats_wherever_they_stand() {
        let body = br#"{"a":{"status_code":"1"},"status_code":"200","gross_amount":100000.00}"#;
        let fields = Fields::scan(body, &NAMES);
        assert!(fields.complete());
        assert_eq!(fields.raw(0).map(RawValue::get), Some(r#""200""#));
        assert_eq!(fields.raw(1).map(RawValue::get), Some("100000.00"));
        assert_eq!(fields.duplicate(), None, "nested fields are not top-level");

        let body = br#"{"status\u005fcode":"200","x":[1,{"y":2}],"status_code":"500"}"#;
        let fields = Fields::scan(body, &NAMES);
        assert_eq!(fields.duplicate(), Some(0));
        assert_eq!(fields.raw(0).map(RawValue::get), Some(r#""200""#));

        for broken in [
            &b"{\"status_code\":\"200\""[..],
            b"[1]",
            b"",
            b"{} {}",
            b"\"x\"",
        ] {
            assert!(!Fields::scan(broken, &NAMES).complete(), "{broken:?}");
        }
        // Read before the break.
        let fields = Fields::scan(br#"{"status_code":"200","status_code":"2"#, &NAMES);
        assert_eq!((fields.complete(), fields.duplicate()), (false, Some(0)));
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
