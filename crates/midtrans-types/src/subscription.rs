//! Subscriptions: recurring card or GoPay charges on a schedule (`/v1/subscriptions`,
//! [Midtrans docs](https://docs.midtrans.com/reference/create-subscription)).

use serde::{Deserialize, Serialize};

use crate::validate::{self, BuildError, BuildErrorKind};
use crate::{
    Amount, Currency, CustomerDetails, Idr, MerchantId, Metadata, PayAccountId, PaymentToken,
    PaymentType, RequestTime, SavedTokenId, SubscriptionId, Timestamp, TransactionId,
};

string_enum! {
    /// The unit of a subscription or retry interval.
    pub enum IntervalUnit {
        /// Hours: `retry_schedule` only (Midtrans's default retries are hourly); a
        /// subscription's own `schedule` takes days, weeks or months.
        Hour => "hour",
        /// Days.
        Day => "day",
        /// Weeks.
        Week => "week",
        /// Months.
        Month => "month",
    }
}

string_enum! {
    /// Whether a subscription charges.
    pub enum SubscriptionStatus {
        /// Charging on schedule.
        Active => "active",
        /// Disabled.
        Inactive => "inactive",
    }
}

/// `schedule` of a new subscription: every `interval` `interval_unit`s, at most `max_interval`
/// times, from `start_time` (must be in the future; default: one interval from now).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Schedule {
    /// How many units between charges (at least 1).
    pub interval: u32,
    /// The unit.
    pub interval_unit: IntervalUnit,
    /// How many charges in total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_interval: Option<u32>,
    /// When the first charge happens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<RequestTime>,
}

impl Schedule {
    /// Charge every `interval` `unit`s.
    pub fn new(interval: u32, unit: IntervalUnit) -> Self {
        Schedule {
            interval,
            interval_unit: unit,
            max_interval: None,
            start_time: None,
        }
    }
}

setters!(Schedule {
    start_time: RequestTime,
});

exact_setters!(Schedule { max_interval: u32 });

/// `retry_schedule`: how failed charges are retried (default: 3 retries, hourly;
/// `max_interval: 0` disables retries).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RetrySchedule {
    /// Units between retries (at least 1).
    pub interval: u32,
    /// The unit.
    pub interval_unit: IntervalUnit,
    /// How many retries.
    pub max_interval: u32,
}

impl RetrySchedule {
    /// Retry every `interval` `unit`s, at most `max_interval` times.
    pub fn new(interval: u32, unit: IntervalUnit, max_interval: u32) -> Self {
        RetrySchedule {
            interval,
            interval_unit: unit,
            max_interval,
        }
    }

    fn validate(&self) -> Result<(), BuildError> {
        if self.interval == 0 {
            return Err(BuildError::new(
                "retry_schedule.interval",
                BuildErrorKind::Zero,
            ));
        }
        Ok(())
    }
}

/// The `gopay` object of a GoPay subscription.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SubscriptionGopay {
    /// The linked pay account.
    pub account_id: PayAccountId,
}

/// `POST /v1/subscriptions`: create a subscription.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/create-subscription). `amount` is written
/// as a string of whole rupiah (`"100000"`), as the API documents it.
///
/// ```
/// use midtrans_types::subscription::{IntervalUnit, Schedule, SubscriptionRequest};
/// use midtrans_types::{Idr, SavedTokenId};
///
/// let request = SubscriptionRequest::credit_card(
///     "SUBSCRIPTION-STARTER-1",
///     Idr::new(100_000),
///     &SavedTokenId::new("436502qFfqfAQKScMtPRPdZDOaeg7199"),
///     Schedule::new(1, IntervalUnit::Month).max_interval(3),
/// )
/// .build()?;
/// # Ok::<(), midtrans_types::BuildError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionRequest {
    name: String,
    #[serde(serialize_with = "Idr::serialize_as_string")]
    amount: Idr,
    currency: Currency,
    payment_type: PaymentType,
    token: PaymentToken,
    schedule: Schedule,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    retry_schedule: Option<RetrySchedule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    metadata: Option<Metadata>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    customer_details: Option<CustomerDetails>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    gopay: Option<SubscriptionGopay>,
}

impl SubscriptionRequest {
    /// A card subscription charging the saved card `saved_token_id`.
    pub fn credit_card(
        name: impl Into<String>,
        amount: impl Into<Idr>,
        saved_token_id: &SavedTokenId,
        schedule: Schedule,
    ) -> SubscriptionRequestBuilder {
        Self::start(
            name.into(),
            amount.into(),
            PaymentType::CreditCard,
            PaymentToken::new(saved_token_id.as_str()),
            schedule,
            None,
        )
    }

    /// A GoPay subscription charging `payment_option_token` of the linked account `account_id`.
    pub fn gopay(
        name: impl Into<String>,
        amount: impl Into<Idr>,
        payment_option_token: impl Into<PaymentToken>,
        account_id: impl Into<PayAccountId>,
        schedule: Schedule,
    ) -> SubscriptionRequestBuilder {
        Self::start(
            name.into(),
            amount.into(),
            PaymentType::Gopay,
            payment_option_token.into(),
            schedule,
            Some(SubscriptionGopay {
                account_id: account_id.into(),
            }),
        )
    }

    fn start(
        name: String,
        amount: Idr,
        payment_type: PaymentType,
        token: PaymentToken,
        schedule: Schedule,
        gopay: Option<SubscriptionGopay>,
    ) -> SubscriptionRequestBuilder {
        SubscriptionRequestBuilder {
            inner: Box::new(SubscriptionRequest {
                name,
                amount,
                currency: Currency::Idr,
                payment_type,
                token,
                schedule,
                retry_schedule: None,
                metadata: None,
                customer_details: None,
                gopay,
            }),
        }
    }

    /// The subscription name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The amount charged each interval.
    pub fn amount(&self) -> Idr {
        self.amount
    }

    /// `credit_card` or `gopay`.
    pub fn payment_type(&self) -> &PaymentType {
        &self.payment_type
    }

    /// The schedule.
    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    /// Checks the documented rules: name of 1–40 characters of `A-Za-z0-9-_~.`, a positive
    /// amount, a non-empty token, intervals of at least 1, a schedule in days, weeks or months,
    /// and the `gopay` object present exactly for GoPay subscriptions.
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        subscription_name(&self.name)?;
        validate::positive("amount", self.amount)?;
        if self.token.as_str().is_empty() {
            return Err(BuildError::new("token", BuildErrorKind::Empty));
        }
        if self.schedule.interval == 0 {
            return Err(BuildError::new("schedule.interval", BuildErrorKind::Zero));
        }
        if self.schedule.interval_unit == IntervalUnit::Hour {
            return Err(BuildError::new(
                "schedule.interval_unit",
                BuildErrorKind::Invalid {
                    expected: "day, week or month (hours are for retry_schedule)",
                },
            ));
        }
        if let Some(retry) = &self.retry_schedule {
            retry.validate()?;
        }
        match (&self.payment_type, &self.gopay) {
            (PaymentType::CreditCard, None) | (PaymentType::Gopay, Some(_)) => Ok(()),
            (PaymentType::Gopay, None) => {
                Err(BuildError::new("gopay.account_id", BuildErrorKind::Missing))
            }
            _ => Err(BuildError::new(
                "payment_type",
                BuildErrorKind::Invalid {
                    expected: "credit_card, or gopay with a gopay.account_id",
                },
            )),
        }
    }
}

fn subscription_name(name: &str) -> Result<(), BuildError> {
    validate::text("name", name, 40, |c| {
        c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '~' | '.')
    })
}

validated_builder! {
    /// Builds a [`SubscriptionRequest`].
    SubscriptionRequestBuilder => SubscriptionRequest
}

setters!(SubscriptionRequestBuilder => inner {
    retry_schedule: RetrySchedule,
    metadata: Metadata,
    customer_details: CustomerDetails,
});

/// `schedule` of an update: only the fields to change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScheduleUpdate {
    /// New interval (at least 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<u32>,
    /// New unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval_unit: Option<IntervalUnit>,
    /// New number of charges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_interval: Option<u32>,
    /// New start time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<RequestTime>,
}

impl ScheduleUpdate {
    /// No change yet.
    pub fn new() -> Self {
        Self::default()
    }
}

setters!(ScheduleUpdate {
    interval_unit: IntervalUnit,
    start_time: RequestTime,
});

exact_setters!(ScheduleUpdate {
    interval: u32,
    max_interval: u32,
});

/// `PATCH /v1/subscriptions/{id}`: change some fields of a subscription; only the fields set are
/// sent.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/update-subscription).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "some_idr_as_string"
    )]
    amount: Option<Idr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    currency: Option<Currency>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    token: Option<PaymentToken>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    schedule: Option<ScheduleUpdate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    retry_schedule: Option<RetrySchedule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    metadata: Option<Metadata>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    customer_details: Option<CustomerDetails>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    gopay: Option<SubscriptionGopay>,
}

fn some_idr_as_string<S: serde::Serializer>(
    value: &Option<Idr>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(amount) => Idr::serialize_as_string(amount, serializer),
        None => serializer.serialize_none(),
    }
}

impl SubscriptionUpdate {
    /// Starts an update that changes nothing yet.
    pub fn builder() -> SubscriptionUpdateBuilder {
        SubscriptionUpdateBuilder {
            inner: Box::default(),
        }
    }

    /// Checks the fields that are set, by the rules of [`SubscriptionRequest::validate`].
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        if let Some(name) = &self.name {
            subscription_name(name)?;
        }
        if let Some(amount) = self.amount {
            validate::positive("amount", amount)?;
        }
        if let Some(token) = &self.token {
            if token.as_str().is_empty() {
                return Err(BuildError::new("token", BuildErrorKind::Empty));
            }
        }
        if let Some(ScheduleUpdate {
            interval: Some(0), ..
        }) = &self.schedule
        {
            return Err(BuildError::new("schedule.interval", BuildErrorKind::Zero));
        }
        if let Some(retry) = &self.retry_schedule {
            retry.validate()?;
        }
        Ok(())
    }
}

validated_builder! {
    /// Builds a [`SubscriptionUpdate`].
    SubscriptionUpdateBuilder => SubscriptionUpdate
}

setters!(SubscriptionUpdateBuilder => inner {
    name: String,
    amount: Idr,
    currency: Currency,
    token: PaymentToken,
    schedule: ScheduleUpdate,
    retry_schedule: RetrySchedule,
    metadata: Metadata,
    customer_details: CustomerDetails,
    gopay: SubscriptionGopay,
});

/// A subscription as Midtrans returns it (create, get, and the recurring notification).
///
/// [Midtrans docs](https://docs.midtrans.com/reference/get-subscription). Timestamps come in
/// several ISO forms; they are kept as received.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Subscription {
    /// Subscription id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<SubscriptionId>,
    /// Name; generated order ids are the name plus 32 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Amount charged each interval (a string such as `"14000"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// Currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// When it was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
    /// The schedule and its progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<SubscriptionSchedule>,
    /// The retry schedule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_schedule: Option<SubscriptionSchedule>,
    /// Active or inactive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<SubscriptionStatus>,
    /// Saved card token or GoPay payment option token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<PaymentToken>,
    /// `credit_card` or `gopay`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_type: Option<PaymentType>,
    /// Echo of `metadata`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// The customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_details: Option<CustomerDetails>,
    /// Transactions created so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_ids: Option<Vec<TransactionId>>,
    /// The linked GoPay account of a GoPay subscription.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gopay: Option<SubscriptionGopay>,
    /// The merchant (notifications).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_id: Option<MerchantId>,
    /// Message (errors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
    /// Validation errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation_messages: Option<Vec<String>>,
    /// Fields this crate does not model, kept as received.
    #[serde(flatten)]
    pub extra: Metadata,
}

/// The schedule of an existing subscription, with its progress.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SubscriptionSchedule {
    /// Units between charges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<u32>,
    /// The unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval_unit: Option<IntervalUnit>,
    /// Total number of charges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_interval: Option<u32>,
    /// Charges made so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_interval: Option<u32>,
    /// First charge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Timestamp>,
    /// Last charge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_execution_at: Option<Timestamp>,
    /// Next charge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_execution_at: Option<Timestamp>,
    /// Fields this crate does not model, kept as received.
    #[serde(flatten)]
    pub extra: Metadata,
}

/// What enable, disable, update and cancel answer with: `{"status_message": "Subscription is
/// updated."}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SubscriptionActionResponse {
    /// The message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
    /// Fields this crate does not model, kept as received.
    #[serde(flatten)]
    pub extra: Metadata,
}
