//! One test per validation rule of the request builders: bad input gives the named typed error.

use midtrans_types::charge::{BankTransfer, ChargeRequest, CreditCard, PaymentMethod};
use midtrans_types::snap::SnapRequest;
use midtrans_types::subscription::{
    IntervalUnit, RetrySchedule, Schedule, ScheduleUpdate, SubscriptionRequest, SubscriptionUpdate,
};
use midtrans_types::*;

fn details(order_id: &str, amount: u64) -> TransactionDetails {
    TransactionDetails::new(order_id, Idr::new(amount))
}

/// Builds the same details as a charge and as a Snap request; both must give the same error.
fn both(details: TransactionDetails, items: Vec<ItemDetails>) -> Result<(), BuildError> {
    let mut charge = ChargeRequest::builder(details.clone(), BankTransfer::bca());
    let mut snap = SnapRequest::builder(details);
    for item in items {
        charge = charge.item(item.clone());
        snap = snap.item(item);
    }
    let (charge, snap) = (charge.build().map(|_| ()), snap.build().map(|_| ()));
    assert_eq!(charge, snap, "charge and Snap validate alike");
    charge
}

fn assert_error(result: Result<(), BuildError>, field: &str, kind: BuildErrorKind) {
    let err = result.expect_err("expected a BuildError");
    assert_eq!(err.field(), field, "{err}");
    assert_eq!(err.kind(), &kind, "{err}");
    assert!(
        err.to_string().contains(field),
        "Display names the field: {err}"
    );
}

#[test]
fn order_id_empty() {
    assert_error(
        both(details("", 1), vec![]),
        "transaction_details.order_id",
        BuildErrorKind::Empty,
    );
}

#[test]
fn order_id_longer_than_50() {
    let long = "a".repeat(51);
    assert_error(
        both(details(&long, 1), vec![]),
        "transaction_details.order_id",
        BuildErrorKind::TooLong { len: 51, max: 50 },
    );
    both(details(&"a".repeat(50), 1), vec![]).unwrap();
}

#[test]
fn order_id_with_characters_outside_the_charset() {
    for (bad, index, character) in [
        ("order 1", 5, ' '),
        ("order#1", 5, '#'),
        ("a/b", 1, '/'),
        ("why?", 3, '?'),
        ("pesanan-é", 8, 'é'),
        ("2030-12-20 18:11:08", 10, ' '),
    ] {
        assert_error(
            both(details(bad, 1), vec![]),
            "transaction_details.order_id",
            BuildErrorKind::InvalidCharacter { character, index },
        );
    }
    both(details("Order-01_a~b.c", 1), vec![]).unwrap();
    assert!(OrderId::new("x y").validate().is_err());
    assert!(OrderId::new("x-y").validate().is_ok());
}

#[test]
fn zero_amount() {
    assert_error(
        both(details("order-1", 0), vec![]),
        "transaction_details.gross_amount",
        BuildErrorKind::Zero,
    );
    let refund = RefundRequest::builder()
        .amount(Idr::ZERO)
        .build()
        .map(|_| ());
    assert_error(refund, "amount", BuildErrorKind::Zero);
    let capture = CaptureRequest::partial("tx-1", Idr::ZERO).map(|_| ());
    assert_error(capture, "gross_amount", BuildErrorKind::Zero);
}

#[test]
fn item_quantity_zero() {
    let items = vec![
        ItemDetails::new("a", Idr::new(10), 1),
        ItemDetails::new("b", Idr::new(10), 0),
    ];
    assert_error(
        both(details("order-1", 10), items),
        "item_details[1].quantity",
        BuildErrorKind::Zero,
    );
}

#[test]
fn items_sum_differs_from_gross_amount() {
    let items = vec![ItemDetails::new("a", Idr::new(21_000), 2)];
    assert_error(
        both(details("order-1", 44_000), items),
        "transaction_details.gross_amount",
        BuildErrorKind::AmountMismatch {
            gross_amount: Idr::new(44_000),
            items_sum: 42_000,
        },
    );
    // A discount line counts negatively.
    let items = vec![
        ItemDetails::new("a", Idr::new(50_000), 1),
        ItemDetails::new("voucher", ItemPrice::discount(Idr::new(6_000)), 1),
    ];
    both(details("order-1", 44_000), items).unwrap();
}

#[test]
fn amount_arithmetic_overflow() {
    let huge = Idr::new(i64::MAX as u64 / 2 + 1);
    let items = vec![ItemDetails::new("a", huge, 2)];
    assert_error(
        both(details("order-1", 1), items),
        "item_details[0]",
        BuildErrorKind::Overflow,
    );
    let items = vec![
        ItemDetails::new("a", huge, 1),
        ItemDetails::new("b", huge, 1),
    ];
    assert_error(
        both(details("order-1", 1), items),
        "item_details[1]",
        BuildErrorKind::Overflow,
    );
    assert_eq!(Idr::new(u64::MAX).checked_add(Idr::new(1)), None);
    assert_eq!(Idr::new(u64::MAX).checked_mul(2), None);
}

#[test]
fn negative_amounts_are_unrepresentable_or_rejected() {
    // `Idr` is unsigned: a negative amount cannot be built, and is rejected from JSON.
    assert!(serde_json::from_str::<Idr>("-5").is_err());
    assert!(serde_json::from_str::<Idr>(r#""-5""#).is_err());
    assert_eq!(
        serde_json::from_str::<Idr>(r#""265000""#).unwrap(),
        Idr::new(265_000)
    );
    assert_eq!(Idr::new(5).checked_sub(Idr::new(6)), None);
    // Only an explicit discount line carries a negative price.
    assert_eq!(ItemPrice::discount(Idr::new(6_000)).value(), -6_000);
}

#[test]
fn subscription_schedule_with_interval_zero() {
    let token = SavedTokenId::new("48111111sHfSakAvHvFQFEjTivUV1114");
    let request = SubscriptionRequest::credit_card(
        "MONTHLY",
        Idr::new(1),
        &token,
        Schedule::new(0, IntervalUnit::Month),
    )
    .build()
    .map(|_| ());
    assert_error(request, "schedule.interval", BuildErrorKind::Zero);

    let retry = SubscriptionRequest::credit_card(
        "MONTHLY",
        Idr::new(1),
        &token,
        Schedule::new(1, IntervalUnit::Month),
    )
    .retry_schedule(RetrySchedule::new(0, IntervalUnit::Day, 3))
    .build()
    .map(|_| ());
    assert_error(retry, "retry_schedule.interval", BuildErrorKind::Zero);

    let update = SubscriptionUpdate::builder()
        .schedule(ScheduleUpdate::new().interval(0u32))
        .build()
        .map(|_| ());
    assert_error(update, "schedule.interval", BuildErrorKind::Zero);

    let zero = SubscriptionRequest::credit_card(
        "MONTHLY",
        Idr::ZERO,
        &token,
        Schedule::new(1, IntervalUnit::Month),
    )
    .build()
    .map(|_| ());
    assert_error(zero, "amount", BuildErrorKind::Zero);
}

#[test]
fn other_documented_limits() {
    let bni = ChargeRequest::builder(
        details("o", 1),
        BankTransfer::Bni(charge::VaOptions::new("123456789")),
    )
    .build()
    .map(|_| ());
    assert_error(
        bni,
        "bank_transfer.va_number",
        BuildErrorKind::TooLong { len: 9, max: 8 },
    );

    let akulaku = ChargeRequest::builder(details("o", 1), PaymentMethod::Akulaku)
        .build()
        .map(|_| ());
    assert_error(akulaku, "item_details", BuildErrorKind::Missing);

    let empty_token = ChargeRequest::builder(details("o", 1), CreditCard::new(""))
        .build()
        .map(|_| ());
    assert_error(empty_token, "credit_card.token_id", BuildErrorKind::Empty);

    let bad_key = RefundRequest::builder()
        .refund_key("ref 1")
        .build()
        .map(|_| ());
    assert_error(
        bad_key,
        "refund_key",
        BuildErrorKind::InvalidCharacter {
            character: ' ',
            index: 3,
        },
    );

    let phone = pay_account::PayAccountLinkRequest::gopay("081234567891", "62")
        .build()
        .map(|_| ());
    assert_eq!(phone.unwrap_err().field(), "gopay_partner.phone_number");

    let name = SubscriptionRequest::credit_card(
        "a b",
        Idr::new(1),
        &SavedTokenId::new("t"),
        Schedule::new(1, IntervalUnit::Day),
    )
    .build()
    .map(|_| ());
    assert_error(
        name,
        "name",
        BuildErrorKind::InvalidCharacter {
            character: ' ',
            index: 1,
        },
    );
}

#[test]
fn card_data_is_masked_in_debug() {
    let request = card::CardTokenRequest::card("4811 1111 1111 1114", "12", "2030", "123");
    let debug = format!("{request:?}");
    assert!(!debug.contains("1111 1111"), "{debug}");
    assert!(!debug.contains("123\""), "{debug}");
    assert!(debug.contains("481111******1114"), "{debug}");
    let pairs = request.query_pairs();
    assert_eq!(pairs[0], ("card_number", "4811 1111 1111 1114"));
    assert_eq!(pairs.len(), 4);
    let register = card::CardRegisterRequest::new("4811111111111114", "12", "2030");
    assert!(!format!("{register:?}").contains("4811111111111114"));
}

#[test]
fn over_long_item_and_customer_fields() {
    let long = |n: usize| "x".repeat(n);
    let item = ItemDetails::new(long(51), Idr::new(10), 1);
    assert_error(
        both(details("o", 10), vec![item]),
        "item_details[0].name",
        BuildErrorKind::TooLong { len: 51, max: 50 },
    );
    let item = ItemDetails::new("", Idr::new(10), 1);
    assert_error(
        both(details("o", 10), vec![item]),
        "item_details[0].name",
        BuildErrorKind::Empty,
    );
    let item = ItemDetails::new("ok", Idr::new(10), 1).id(long(51));
    assert_error(
        both(details("o", 10), vec![item]),
        "item_details[0].id",
        BuildErrorKind::TooLong { len: 51, max: 50 },
    );
    let customer = CustomerDetails::new().first_name(long(256));
    let charge = ChargeRequest::builder(details("o", 10), BankTransfer::bca())
        .customer_details(customer.clone())
        .build()
        .map(|_| ());
    assert_error(
        charge,
        "customer_details.first_name",
        BuildErrorKind::TooLong { len: 256, max: 255 },
    );
    let snap = SnapRequest::builder(details("o", 10))
        .customer_details(
            CustomerDetails::new().billing_address(Address::new().postal_code(long(11))),
        )
        .build()
        .map(|_| ());
    assert_error(
        snap,
        "customer_details.billing_address.postal_code",
        BuildErrorKind::TooLong { len: 11, max: 10 },
    );
}

#[test]
fn hours_are_for_retry_schedules_and_decode_from_answers() {
    let token = SavedTokenId::new("48111111sHfSakAvHvFQFEjTivUV1114");
    let hourly = SubscriptionRequest::credit_card(
        "MONTHLY",
        Idr::new(1),
        &token,
        Schedule::new(1, IntervalUnit::Hour),
    )
    .build()
    .map(|_| ());
    assert_error(
        hourly,
        "schedule.interval_unit",
        BuildErrorKind::Invalid {
            expected: "day, week or month (hours are for retry_schedule)",
        },
    );
    let retried = SubscriptionRequest::credit_card(
        "MONTHLY",
        Idr::new(1),
        &token,
        Schedule::new(1, IntervalUnit::Month),
    )
    .retry_schedule(RetrySchedule::new(1, IntervalUnit::Hour, 3))
    .build()
    .unwrap();
    let json = serde_json::to_value(&retried).unwrap();
    assert_eq!(json["retry_schedule"]["interval_unit"], "hour");
    // Midtrans's answer and notification carry "hour" in `retry_schedule`.
    let answer: midtrans_types::subscription::Subscription = serde_json::from_str(
        r#"{"id":"s-1","retry_schedule":{"interval":1,"interval_unit":"hour","max_interval":3}}"#,
    )
    .unwrap();
    let unit = answer.retry_schedule.unwrap().interval_unit;
    assert_eq!(unit, Some(IntervalUnit::Hour));
}

/// Counts and amounts take plain integer literals: no `u32`/`u64` suffix, no `Idr::new`.
#[test]
fn amounts_and_counts_take_integer_literals() {
    let details = TransactionDetails::new("order-1", 200_000);
    assert_eq!(details.gross_amount, Idr::new(200_000));
    let schedule = Schedule::new(1, IntervalUnit::Month).max_interval(12);
    assert_eq!(schedule.max_interval, Some(12));
    let update = ScheduleUpdate::new().interval(2).max_interval(6);
    let json = serde_json::to_value(&update).unwrap();
    assert_eq!(
        (json["interval"].as_u64(), json["max_interval"].as_u64()),
        (Some(2), Some(6))
    );
    let refund = RefundRequest::builder().amount(5_000).build().unwrap();
    assert_eq!(serde_json::to_value(&refund).unwrap()["amount"], 5_000);
    let item = ItemDetails::new("Kopi", 15_000, 2);
    assert_eq!(serde_json::to_value(&item).unwrap()["price"], 15_000);
    let card = CreditCard::new("48111111-1114-token").installment_term(12);
    assert_eq!(serde_json::to_value(&card).unwrap()["installment_term"], 12);
}
