//! The two `macro_rules!` that stamp out the crate's repetitive parts: string-code enums with an
//! `Unknown` fallback, and optional-field setters for request objects.

/// Declares a Midtrans string code as an enum with an `Unknown(String)` fallback.
///
/// The generated enum is `#[non_exhaustive]`; serde, [`core::str::FromStr`], [`core::fmt::Display`]
/// and `as_str` all go through the same table, so they cannot disagree. Parsing never fails: a
/// value this crate does not know becomes `Unknown` and is written back exactly as received.
/// Matching is exact first, then ASCII case-insensitive (Midtrans has sent `"PENDING"` for
/// `"pending"`); a value matched case-insensitively is written back in its documented spelling.
/// Equality and hashing compare the wire string, so `Unknown("pending".into()) == Pending`.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident => $value:literal $(| $alias:literal)*
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        ///
        /// Forward compatible: values Midtrans adds later parse to `Unknown` and round-trip
        /// unchanged. Match them by string, e.g. `other if other.as_str() == "new_value"`.
        #[derive(Clone, Debug)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the crate does not know, kept exactly as received.
            Unknown(String),
        }

        impl $name {
            /// Every known variant, in declaration order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The string Midtrans uses for this value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $value, )+
                    $name::Unknown(other) => other.as_str(),
                }
            }

            /// Parses a wire string; never fails (unknown strings become `Unknown`).
            pub fn parse(value: &str) -> Self {
                match value {
                    $( $value $(| $alias)* => return $name::$variant, )+
                    _ => {}
                }
                $(
                    if value.eq_ignore_ascii_case($value) $(|| value.eq_ignore_ascii_case($alias))* {
                        return $name::$variant;
                    }
                )+
                $name::Unknown(value.to_owned())
            }

            /// Parses a wire string, returning `None` for values this crate does not know.
            pub fn try_parse(value: &str) -> Option<Self> {
                match Self::parse(value) {
                    $name::Unknown(_) => None,
                    known => Some(known),
                }
            }

            /// Whether this is a value this crate does not know.
            pub fn is_unknown(&self) -> bool {
                matches!(self, $name::Unknown(_))
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::parse(value))
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl Eq for $name {}

        impl ::core::hash::Hash for $name {
            fn hash<H: ::core::hash::Hasher>(&self, state: &mut H) {
                self.as_str().hash(state);
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::parse(value)
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                match Self::parse(&value) {
                    $name::Unknown(_) => $name::Unknown(value),
                    known => known,
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str($crate::macros::StrVisitor::<$name>::new())
            }
        }
    };
}

/// Declares a string identifier newtype with transparent serde encoding. With `@redacted`
/// (card tokens), `Debug` shows `Name([redacted])` instead of the value.
macro_rules! id_newtype {
    (@redacted $(#[$meta:meta])* $name:ident) => {
        id_newtype!(@define $(#[$meta])* $name);

        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_tuple(stringify!($name)).field(&"[redacted]").finish()
            }
        }
    };
    (@define $(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Wraps a string as it is; no validation.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The identifier as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Returns the inner string.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(value.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self(value)
            }
        }

        impl From<&String> for $name {
            fn from(value: &String) -> Self {
                Self(value.clone())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map(Self)
            }
        }
    };
    ($(#[$meta:meta])* $name:ident) => {
        id_newtype!(@define $(#[$meta])* $name);

        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.0).finish()
            }
        }
    };
}

/// Chained setters for `Option` fields: `fn field(self, value: impl Into<T>) -> Self`.
///
/// `setters!(Type { field: T, .. })` sets `self.field`; `setters!(Builder => inner { .. })` sets
/// `self.inner.field`. List fields get `list_setters!`, which takes any iterator of values.
/// Like `setters!`, for whole-number fields: the setter takes the type itself, so an integer
/// literal needs no suffix (`.max_interval(12)`; `impl Into<u32>` would leave it ambiguous).
macro_rules! exact_setters {
    ($ty:ty { $( $(#[$m:meta])* $field:ident : $t:ty ),* $(,)? }) => {
        impl $ty {
            $(
                $(#[$m])*
                #[doc = concat!("Sets `", stringify!($field), "`.")]
                #[must_use]
                pub fn $field(mut self, value: $t) -> Self {
                    self.$field = Some(value);
                    self
                }
            )*
        }
    };
}

macro_rules! setters {
    ($ty:ty { $( $(#[$m:meta])* $field:ident : $t:ty ),* $(,)? }) => {
        impl $ty {
            $(
                $(#[$m])*
                #[doc = concat!("Sets `", stringify!($field), "`.")]
                #[must_use]
                pub fn $field(mut self, value: impl Into<$t>) -> Self {
                    self.$field = Some(value.into());
                    self
                }
            )*
        }
    };
    ($ty:ty => $inner:ident { $( $(#[$m:meta])* $field:ident : $t:ty ),* $(,)? }) => {
        impl $ty {
            $(
                $(#[$m])*
                #[doc = concat!("Sets `", stringify!($field), "`.")]
                pub fn $field(mut self, value: impl Into<$t>) -> Self {
                    self.$inner.$field = Some(value.into());
                    self
                }
            )*
        }
    };
}

/// Chained setters for `Option<Vec<T>>` fields, taking any iterator of values.
macro_rules! list_setters {
    ($ty:ty { $( $(#[$m:meta])* $field:ident : $t:ty ),* $(,)? }) => {
        impl $ty {
            $(
                $(#[$m])*
                #[doc = concat!("Sets the `", stringify!($field), "` list.")]
                #[must_use]
                pub fn $field<I, V>(mut self, values: I) -> Self
                where
                    I: IntoIterator<Item = V>,
                    V: Into<$t>,
                {
                    self.$field = Some(values.into_iter().map(Into::into).collect());
                    self
                }
            )*
        }
    };
    ($ty:ty => $inner:ident { $( $(#[$m:meta])* $field:ident : $t:ty ),* $(,)? }) => {
        impl $ty {
            $(
                $(#[$m])*
                #[doc = concat!("Sets the `", stringify!($field), "` list.")]
                pub fn $field<I, V>(mut self, values: I) -> Self
                where
                    I: IntoIterator<Item = V>,
                    V: Into<$t>,
                {
                    self.$inner.$field = Some(values.into_iter().map(Into::into).collect());
                    self
                }
            )*
        }
    };
}

/// Declares the builder of a request type that has a `validate()`: the struct, and a `build()`
/// that validates and returns the request.
macro_rules! validated_builder {
    ($(#[$meta:meta])* $builder:ident => $target:ty) => {
        $(#[$meta])*
        #[derive(Clone, Debug)]
        #[must_use]
        pub struct $builder {
            // Boxed so that each chained setter moves a pointer, not the whole request.
            inner: Box<$target>,
        }

        impl $builder {
            /// Validates and returns the request.
            ///
            /// # Errors
            /// A [`BuildError`](crate::BuildError) naming the first invalid field.
            pub fn build(self) -> Result<$target, crate::BuildError> {
                self.inner.validate()?;
                Ok(*self.inner)
            }
        }
    };
}

/// The serde visitor shared by every `string_enum!`: accepts a JSON string only.
pub(crate) struct StrVisitor<T>(core::marker::PhantomData<T>);

impl<T> StrVisitor<T> {
    pub(crate) fn new() -> Self {
        Self(core::marker::PhantomData)
    }
}

impl<T: From<String> + for<'a> From<&'a str>> serde::de::Visitor<'_> for StrVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from(value))
    }

    fn visit_string<E: serde::de::Error>(self, value: String) -> Result<T, E> {
        Ok(T::from(value))
    }
}
