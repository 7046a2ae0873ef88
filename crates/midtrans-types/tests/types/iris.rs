//! Iris types: beneficiaries and payouts refuse what the docs refuse, by field; notifications
//! tell payouts from top-ups; the approver's OTP never shows.

use midtrans_types::iris::*;
use midtrans_types::{BuildErrorKind, Idr};

fn field_of<T: std::fmt::Debug>(
    result: Result<T, midtrans_types::BuildError>,
) -> (String, BuildErrorKind) {
    let err = result.expect_err("expected a BuildError");
    (err.field().to_owned(), err.kind().clone())
}

#[test]
fn a_beneficiary_takes_the_documented_account_and_alias() {
    Beneficiary::builder("Budi", "bca", "0611101146", "budibca1")
        .build()
        .unwrap();
    let (field, _) = field_of(Beneficiary::builder("Budi", "bca", "12345", "budi").build());
    assert_eq!(field, "account", "fewer than 6 characters");
    let (field, _) = field_of(Beneficiary::builder("Budi", "bca", "1".repeat(21), "budi").build());
    assert_eq!(field, "account", "more than 20 characters");
    let (field, kind) =
        field_of(Beneficiary::builder("Budi", "bca", "0611101146", "budi_bca").build());
    assert_eq!(field, "alias_name");
    assert!(matches!(
        kind,
        BuildErrorKind::InvalidCharacter { character: '_', .. }
    ));
    let (field, kind) =
        field_of(Beneficiary::builder("Budi", "bca", "0611101146", "a".repeat(21)).build());
    assert_eq!(
        (field.as_str(), kind),
        ("alias_name", BuildErrorKind::TooLong { len: 21, max: 20 })
    );
    let (field, kind) = field_of(Beneficiary::builder("", "bca", "0611101146", "budi").build());
    assert_eq!((field.as_str(), kind), ("name", BuildErrorKind::Empty));
}

#[test]
fn e_wallet_beneficiaries_follow_their_account_forms() {
    let gopay = Beneficiary::gopay("Budi", "081234567890", "budigopay")
        .build()
        .unwrap();
    assert_eq!(gopay.bank, "gopay");
    let (field, _) = field_of(Beneficiary::gopay("Budi", "711234567890", "budigopay").build());
    assert_eq!(field, "account", "a GoPay account is a 62/08 phone number");
    let ovo = Beneficiary::ovo("Budi", "081234567890", "budiovo")
        .build()
        .unwrap();
    assert_eq!(
        (ovo.bank.as_str(), ovo.account.as_str()),
        ("cimb_va", "806681234567890")
    );
    let kept = Beneficiary::ovo("Budi", "806681234567890", "budiovo")
        .build()
        .unwrap();
    assert_eq!(kept.account, "806681234567890");
}

#[test]
fn payouts_need_a_positive_whole_amount_and_short_notes() {
    let budi = Beneficiary::builder("Budi", "bca", "0611101146", "budi")
        .build()
        .unwrap();
    let ok = PayoutRequest::builder([
        PayoutItem::to(&budi, Idr::new(10_000), "one"),
        PayoutItem::to(&budi, 20_000u64, "two"),
    ])
    .build()
    .unwrap();
    let json = serde_json::to_value(&ok).unwrap();
    assert_eq!(json["payouts"][1]["amount"], "20000.00");
    let (field, kind) = field_of(PayoutRequest::builder([]).build());
    assert_eq!((field.as_str(), kind), ("payouts", BuildErrorKind::Missing));
    let (field, _) =
        field_of(PayoutRequest::builder([PayoutItem::to(&budi, Idr::new(0), "zero")]).build());
    assert_eq!(field, "payouts[0].amount");
    let (field, kind) = field_of(
        PayoutRequest::builder([PayoutItem::to(&budi, Idr::new(1), "n".repeat(101))]).build(),
    );
    assert_eq!(
        (field.as_str(), kind),
        (
            "payouts[0].notes",
            BuildErrorKind::TooLong { len: 101, max: 100 }
        )
    );
}

#[test]
fn approvals_need_an_otp_that_never_shows_and_rejections_a_reason() {
    let approve = ApprovePayouts::new(["ref-1"], "335163");
    approve.validate().unwrap();
    assert!(!format!("{approve:?}").contains("335163"));
    assert_eq!(
        field_of(ApprovePayouts::new(["ref-1"], "").validate()).0,
        "otp"
    );
    let none: [&str; 0] = [];
    assert_eq!(
        field_of(ApprovePayouts::new(none, "1").validate()).0,
        "reference_nos"
    );
    assert_eq!(
        field_of(RejectPayouts::new(["ref-1"], "").validate()).0,
        "reject_reason"
    );
}

#[test]
fn notifications_and_answers_parse_as_iris_sends_them() {
    let failed: IrisNotification = serde_json::from_str(
        r#"{"reference_no":"ref-9","amount":"150000.0","status":"failed","updated_at":"2026-12-01T10:00:00Z","error_code":"001","error_message":"account closed"}"#,
    )
    .unwrap();
    match failed {
        IrisNotification::Payout(payout) => {
            assert_eq!(payout.status, PayoutStatus::Failed);
            assert!(payout.status.is_final());
            assert_eq!(payout.error_code.as_deref(), Some("001"));
        }
        other => panic!("a payout notification: {other:?}"),
    }
    let created: PayoutResponse =
        serde_json::from_str(r#"{"payouts":[{"status":"queued","reference_no":"ref-1"}]}"#)
            .unwrap();
    assert!(!created.payouts[0].status.is_final());
    let banks: BeneficiaryBanks = serde_json::from_str(
        r#"{"beneficiary_banks":[{"code":"bca","name":"Bank Central Asia","routing_code":["014"]}]}"#,
    )
    .unwrap();
    assert_eq!(banks.beneficiary_banks[0].code, "bca");
    let balance: Balance = serde_json::from_str(r#"{"balance":"1000000.00"}"#).unwrap();
    assert_eq!(balance.balance.to_idr(), Some(Idr::new(1_000_000)));
    let channels: Vec<TopUpChannel> = serde_json::from_str(
        r#"[{"id":1,"virtual_account_type":"mandiri_bill_key","virtual_account_number":"8830883000000"}]"#,
    )
    .unwrap();
    assert_eq!(channels[0].id, Some(1));
    let error: IrisErrorBody = serde_json::from_str(
        r#"{"error_message":"An error occurred when creating beneficiary","errors":["Alias name has already been taken"]}"#,
    )
    .unwrap();
    assert!(error.errors.unwrap().is_array());
}
