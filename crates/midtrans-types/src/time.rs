//! Midtrans timestamps.
//!
//! * Responses and notifications carry [`Timestamp`]s: Core API uses `yyyy-MM-dd HH:mm:ss` in
//!   Jakarta time (UTC+7) with no offset; subscriptions and Snap use ISO 8601 forms. The text is
//!   kept exactly as received and parsed on demand.
//! * Requests take a [`RequestTime`], written as `yyyy-MM-dd HH:mm:ss Z`
//!   (e.g. `2020-07-22 07:25:01 +0700`).

use core::fmt;

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The fixed offset of Jakarta time (WIB, UTC+7), which Midtrans uses for offset-less times.
pub const JAKARTA: FixedOffset = match FixedOffset::east_opt(7 * 3600) {
    Some(offset) => offset,
    // Evaluated at compile time: a wrong constant fails the build, never a running program.
    #[allow(clippy::panic)]
    None => panic!("UTC+7 is a valid offset"),
};

const CORE_FORMAT: &str = "%Y-%m-%d %H:%M:%S";
const REQUEST_FORMAT: &str = "%Y-%m-%d %H:%M:%S %z";

/// Why a timestamp could not be turned into a date and time.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeError {
    /// The text is in none of the formats Midtrans uses.
    UnknownFormat(String),
    /// The text is a valid local time but carries no offset and the API it came from does not
    /// say which zone it is in (subscription `created_at` such as `2019-05-29T09:11:01.810452`).
    NoOffset(String),
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeError::UnknownFormat(text) => write!(f, "unrecognised Midtrans timestamp {text:?}"),
            TimeError::NoOffset(text) => write!(f, "timestamp {text:?} has no time zone"),
        }
    }
}

impl std::error::Error for TimeError {}

/// A timestamp from a Midtrans response or notification, kept exactly as received.
///
/// ```
/// use midtrans_types::Timestamp;
/// let t = Timestamp::new("2019-10-23 16:33:49");
/// assert_eq!(t.to_datetime().unwrap().to_rfc3339(), "2019-10-23T16:33:49+07:00");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(String);

impl Timestamp {
    /// Wraps a timestamp string as received.
    pub fn new(text: impl Into<String>) -> Self {
        Timestamp(text.into())
    }

    /// The text exactly as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The date and time with its offset.
    ///
    /// `yyyy-MM-dd HH:mm:ss` (Core API) is Jakarta time; `yyyy-MM-dd HH:mm:ss Z` and RFC 3339
    /// (`2022-10-26T04:20:00.000000Z`) carry their own offset.
    ///
    /// # Errors
    /// [`TimeError::NoOffset`] for ISO times without a zone, [`TimeError::UnknownFormat`] otherwise.
    pub fn to_datetime(&self) -> Result<DateTime<FixedOffset>, TimeError> {
        let text = self.0.trim();
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, CORE_FORMAT) {
            return JAKARTA
                .from_local_datetime(&naive)
                .single()
                .ok_or_else(|| TimeError::UnknownFormat(self.0.clone()));
        }
        if let Ok(parsed) = DateTime::parse_from_str(text, REQUEST_FORMAT) {
            return Ok(parsed);
        }
        if let Ok(parsed) = DateTime::parse_from_rfc3339(text) {
            return Ok(parsed);
        }
        if NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f").is_ok() {
            return Err(TimeError::NoOffset(self.0.clone()));
        }
        Err(TimeError::UnknownFormat(self.0.clone()))
    }

    /// The local date and time as written, ignoring any offset.
    ///
    /// # Errors
    /// [`TimeError::UnknownFormat`] when the text is in none of Midtrans's formats.
    pub fn to_naive(&self) -> Result<NaiveDateTime, TimeError> {
        match self.to_datetime() {
            Ok(parsed) => Ok(parsed.naive_local()),
            Err(TimeError::NoOffset(_)) => {
                NaiveDateTime::parse_from_str(self.0.trim(), "%Y-%m-%dT%H:%M:%S%.f")
                    .map_err(|_| TimeError::UnknownFormat(self.0.clone()))
            }
            Err(other) => Err(other),
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Timestamp {
    fn from(text: &str) -> Self {
        Timestamp(text.to_owned())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Timestamp)
    }
}

/// A date and time sent to Midtrans (`custom_expiry.order_time`, Snap `expiry.start_time`,
/// subscription `schedule.start_time`), written as `yyyy-MM-dd HH:mm:ss Z`.
///
/// ```
/// use midtrans_types::RequestTime;
/// let t = RequestTime::jakarta(2020, 7, 22, 7, 25, 1).unwrap();
/// assert_eq!(t.to_string(), "2020-07-22 07:25:01 +0700");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestTime(DateTime<FixedOffset>);

impl RequestTime {
    /// Wraps a date and time with its offset.
    pub fn new(at: DateTime<FixedOffset>) -> Self {
        RequestTime(at)
    }

    /// A Jakarta-time (UTC+7) date and time, or `None` if the fields are out of range.
    pub fn jakarta(year: i32, month: u32, day: u32, hour: u32, min: u32, sec: u32) -> Option<Self> {
        JAKARTA
            .with_ymd_and_hms(year, month, day, hour, min, sec)
            .single()
            .map(RequestTime)
    }

    /// Parses `yyyy-MM-dd HH:mm:ss Z` (also accepts `yyyy-MM-dd HH:mm Z`).
    ///
    /// # Errors
    /// [`TimeError::UnknownFormat`] when the text is in neither form.
    pub fn parse(text: &str) -> Result<Self, TimeError> {
        DateTime::parse_from_str(text, REQUEST_FORMAT)
            .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%d %H:%M %z"))
            .map(RequestTime)
            .map_err(|_| TimeError::UnknownFormat(text.to_owned()))
    }

    /// The date and time with its offset.
    pub fn as_datetime(&self) -> DateTime<FixedOffset> {
        self.0
    }
}

impl<Tz: TimeZone> From<DateTime<Tz>> for RequestTime {
    fn from(at: DateTime<Tz>) -> Self {
        RequestTime(at.fixed_offset())
    }
}

impl RequestTime {
    /// `yyyy-MM-dd HH:mm:ss Z` as ASCII bytes, digit by digit, for years 0 to 9999 (every
    /// other year is written by [`fmt::Display`]'s general path).
    fn ascii(&self) -> Option<[u8; 25]> {
        use chrono::{Datelike, Timelike};
        let at = self.0;
        let year = u32::try_from(at.year()).ok().filter(|year| *year <= 9999)?;
        let offset = at.offset().local_minus_utc();
        let sign = if offset < 0 { b'-' } else { b'+' };
        let offset = offset.unsigned_abs();
        // Two decimal digits of a number below 100.
        let two = |n: u32| [b'0' + (n / 10 % 10) as u8, b'0' + (n % 10) as u8];
        let [y0, y1] = two(year / 100);
        let [y2, y3] = two(year % 100);
        let [mo0, mo1] = two(at.month());
        let [d0, d1] = two(at.day());
        let [h0, h1] = two(at.hour());
        let [mi0, mi1] = two(at.minute());
        let [s0, s1] = two(at.second());
        let [oh0, oh1] = two(offset / 3600);
        let [om0, om1] = two(offset % 3600 / 60);
        Some([
            y0, y1, y2, y3, b'-', mo0, mo1, b'-', d0, d1, b' ', h0, h1, b':', mi0, mi1, b':', s0,
            s1, b' ', sign, oh0, oh1, om0, om1,
        ])
    }
}

impl fmt::Display for RequestTime {
    /// `yyyy-MM-dd HH:mm:ss Z`, written field by field (no format string to interpret).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use chrono::{Datelike, Timelike};
        if let Some(text) = self.ascii() {
            return f.write_str(std::str::from_utf8(&text).map_err(|_| fmt::Error)?);
        }
        let at = self.0;
        let offset = at.offset().local_minus_utc();
        let (sign, offset) = if offset < 0 {
            ('-', -offset)
        } else {
            ('+', offset)
        };
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02} {sign}{:02}{:02}",
            at.year(),
            at.month(),
            at.day(),
            at.hour(),
            at.minute(),
            at.second(),
            offset / 3600,
            offset % 3600 / 60,
        )
    }
}

impl Serialize for RequestTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.ascii() {
            Some(text) => match std::str::from_utf8(&text) {
                Ok(text) => serializer.serialize_str(text),
                Err(_) => serializer.collect_str(self),
            },
            None => serializer.collect_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for RequestTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        RequestTime::parse(&text).map_err(serde::de::Error::custom)
    }
}
