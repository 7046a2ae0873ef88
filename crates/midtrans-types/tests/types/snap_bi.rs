//! SNAP-BI types: the documented rules refuse bad input with the named field, response codes
//! split into their parts, and every status says what the merchant does.

use midtrans_types::snap_bi::*;
use midtrans_types::{BuildErrorKind, Idr, PaymentOutcome};

fn idr(amount: u64) -> Money {
    Money::idr(Idr::new(amount))
}

fn error_at(result: Result<(), midtrans_types::BuildError>, field: &str) -> BuildErrorKind {
    let err = result.expect_err("expected a BuildError");
    assert_eq!(err.field(), field, "{err}");
    err.kind().clone()
}

#[test]
fn money_is_written_with_two_decimals_and_refused_without_them() {
    assert_eq!(
        serde_json::to_value(idr(1_500)).unwrap(),
        serde_json::json!({"value": "1500.00", "currency": "IDR"})
    );
    // Read leniently (the SDKs' examples send "1500"), refused when sent.
    let loose: Money = serde_json::from_str(r#"{"value":"1500","currency":"IDR"}"#).unwrap();
    assert_eq!(loose.to_idr(), Some(Idr::new(1_500)));
    let request = QrisGenerateRequest::new("order-1", loose);
    assert!(matches!(
        error_at(request.validate(), "amount.value"),
        BuildErrorKind::Invalid { .. }
    ));
    let zero = QrisGenerateRequest::new("order-1", idr(0));
    assert_eq!(
        error_at(zero.validate(), "amount.value"),
        BuildErrorKind::Zero
    );
    let dollars: Money = serde_json::from_str(r#"{"value":"1.00","currency":"USD"}"#).unwrap();
    let request = QrisGenerateRequest::new("order-1", dollars);
    assert!(matches!(
        error_at(request.validate(), "amount.currency"),
        BuildErrorKind::Invalid { .. }
    ));
}

#[test]
fn references_take_the_documented_characters_and_lengths() {
    let spaced = QrisGenerateRequest::new("order 1", idr(1));
    assert_eq!(
        error_at(spaced.validate(), "partnerReferenceNo"),
        BuildErrorKind::InvalidCharacter {
            character: ' ',
            index: 5
        }
    );
    let long = QrisGenerateRequest::new("a".repeat(37), idr(1));
    assert_eq!(
        error_at(long.validate(), "partnerReferenceNo"),
        BuildErrorKind::TooLong { len: 37, max: 36 }
    );
    QrisGenerateRequest::new("a".repeat(36), idr(1))
        .validate()
        .unwrap();
    let debit = DirectDebitPaymentRequest::new("b".repeat(65), PayOptionDetail::gopay(idr(1)));
    assert_eq!(
        error_at(debit.validate(), "partnerReferenceNo"),
        BuildErrorKind::TooLong { len: 65, max: 64 }
    );
}

#[test]
fn a_virtual_account_number_is_the_padded_service_id_and_the_customer_number() {
    let request = VaCreateRequest::new("1234", "564902", "trx-1", idr(15_000))
        .virtual_account_name("Budi")
        .bank("M001234", "bca");
    request.validate().unwrap();
    assert_eq!(request.virtual_account_no, "    1234564902");
    let mut wrong = request.clone();
    wrong.virtual_account_no = "1234564902".to_owned();
    assert!(matches!(
        error_at(wrong.validate(), "virtualAccountNo"),
        BuildErrorKind::Invalid { .. }
    ));
    let mut unpadded = request.clone();
    unpadded.partner_service_id = "1234".to_owned();
    assert!(matches!(
        error_at(unpadded.validate(), "partnerServiceId"),
        BuildErrorKind::Invalid { .. }
    ));
    let letters = VaCreateRequest::new("1234", "56490x", "trx-1", idr(1))
        .virtual_account_name("Budi")
        .bank("M001234", "bca");
    assert!(matches!(
        error_at(letters.validate(), "customerNo"),
        BuildErrorKind::InvalidCharacter { character: 'x', .. }
    ));
    let nameless = VaCreateRequest::new("1234", "564902", "trx-1", idr(1)).bank("M001234", "bca");
    assert_eq!(
        error_at(nameless.validate(), "virtualAccountName"),
        BuildErrorKind::Empty
    );
    let bankless =
        VaCreateRequest::new("1234", "564902", "trx-1", idr(1)).virtual_account_name("B");
    assert_eq!(
        error_at(bankless.validate(), "additionalInfo.merchantId"),
        BuildErrorKind::Empty
    );
    let long = VaCreateRequest::new("1234", "1".repeat(21), "trx-1", idr(1))
        .virtual_account_name("B")
        .bank("M001234", "bca");
    assert_eq!(
        error_at(long.validate(), "customerNo"),
        BuildErrorKind::TooLong { len: 21, max: 20 }
    );
}

#[test]
fn refunds_cancels_and_statuses_must_name_their_payment() {
    let mut refund = DirectDebitRefundRequest::new("A1", "refund-1");
    refund.validate().unwrap();
    refund.partner_refund_no = None;
    assert_eq!(
        error_at(refund.validate(), "partnerRefundNo"),
        BuildErrorKind::Missing
    );
    let bad = DirectDebitRefundRequest::new("A1", "refund 1");
    assert!(matches!(
        error_at(bad.validate(), "partnerRefundNo"),
        BuildErrorKind::InvalidCharacter { character: ' ', .. }
    ));
    let mut status = DirectDebitStatusRequest::by_reference_no("A1");
    status.original_reference_no = None;
    assert_eq!(
        error_at(status.validate(), "originalReferenceNo"),
        BuildErrorKind::Missing
    );
    let cancel = QrisCancelRequest::new("A1", "M001234", "");
    assert_eq!(error_at(cancel.validate(), "reason"), BuildErrorKind::Empty);
    let long_reason = DirectDebitCancelRequest::by_external_id("x").reason("r".repeat(257));
    assert_eq!(
        error_at(long_reason.validate(), "reason"),
        BuildErrorKind::TooLong { len: 257, max: 256 }
    );
}

#[test]
fn a_direct_debit_needs_a_way_to_pay_and_valid_return_urls() {
    let mut request = DirectDebitPaymentRequest::new("order-1", PayOptionDetail::dana(idr(1)));
    request.validate().unwrap();
    request.pay_option_details.clear();
    assert_eq!(
        error_at(request.validate(), "payOptionDetails"),
        BuildErrorKind::Missing
    );
    let mut deeplink = DirectDebitPaymentRequest::new("order-1", PayOptionDetail::gopay(idr(1)))
        .url_param(UrlParam::pay_return("gojek://return"));
    assert_eq!(
        deeplink.url_params.as_ref().unwrap()[0].is_deeplink,
        "Y",
        "a non-http URL is a deeplink"
    );
    deeplink.url_params.as_mut().unwrap()[0].is_deeplink = "yes".to_owned();
    assert!(matches!(
        error_at(deeplink.validate(), "urlParams[0].isDeeplink"),
        BuildErrorKind::Invalid { .. }
    ));
    let items = DirectDebitPaymentRequest::new("order-1", PayOptionDetail::gopay(idr(2)))
        .items([Item::new("T-shirt", 1u64, 0)]);
    assert_eq!(
        error_at(items.validate(), "additionalInfo.items[0].quantity"),
        BuildErrorKind::Zero
    );
}

#[test]
fn a_response_code_splits_into_status_service_and_case() {
    for (code, status, service, case, success) in [
        ("2007300", 200, "73", "00", true),
        ("2024700", 202, "47", "00", true),
        ("4015401", 401, "54", "01", false),
        ("5044700", 504, "47", "00", false),
    ] {
        let parsed = ResponseCode::new(code);
        assert_eq!(parsed.http_status(), Some(status), "{code}");
        assert_eq!(parsed.service_code(), Some(service), "{code}");
        assert_eq!(parsed.case_code(), Some(case), "{code}");
        assert_eq!(parsed.is_success(), success, "{code}");
    }
    assert!(ResponseCode::new("4017301").is_invalid_token());
    assert!(!ResponseCode::new("4017300").is_invalid_token());
    // The docs' eight-digit typos, and garbage, have no parts (and are not successes).
    for odd in ["20058000", "200540", "", "20054x0", "２００５４００"] {
        let parsed = ResponseCode::new(odd);
        assert_eq!(parsed.http_status(), None, "{odd:?}");
        assert_eq!(parsed.service_code(), None, "{odd:?}");
        assert!(!parsed.is_success(), "{odd:?}");
    }
}

#[test]
fn every_snap_bi_status_says_what_to_do() {
    use PaymentOutcome as O;
    let expected = [
        ("00", O::Paid),
        ("01", O::Authorized),
        ("02", O::Pending),
        ("03", O::Pending),
        ("04", O::Refunded),
        ("05", O::Failed),
        ("06", O::Failed),
        ("07", O::Failed),
        ("08", O::Failed),
        ("09", O::Failed),
        ("10", O::Unknown),
    ];
    assert_eq!(Status::KNOWN.len(), expected.len() - 1);
    for (code, outcome) in expected {
        assert_eq!(Status::parse(code).outcome(), outcome, "{code}");
    }
}

#[test]
fn the_access_token_never_shows_in_debug() {
    let answer: AccessTokenResponse = serde_json::from_str(
        r#"{"responseCode":"2007300","accessToken":"eyJ-secret-token","expiresIn":"900"}"#,
    )
    .unwrap();
    assert_eq!(answer.expires_in, Some(900));
    let shown = format!("{answer:?}");
    assert!(!shown.contains("eyJ-secret-token"), "{shown}");
    let binding: AccountBindingResponse = serde_json::from_str(
        r#"{"responseCode":"2000700","accessTokenInfo":{"accessToken":"customer-secret"}}"#,
    )
    .unwrap();
    assert_eq!(binding.customer_token(), Some("customer-secret"));
    assert!(!format!("{binding:?}").contains("customer-secret"));
    let request = AccountBindingRequest::new("handle", "auth-code-secret");
    assert!(!format!("{request:?}").contains("auth-code-secret"));
}
