//! Snap's merchant preferences on the wire: the docs' answer read with every field, an update
//! written with the documented names, and the rules `validate()` checks.

use insta::assert_json_snapshot;
use midtrans_types::snap::{Brand, MerchantPreferences, PaymentChannel};
use midtrans_types::EnabledPayment;
use serde_json::json;

#[test]
fn the_docs_answer_is_read_and_an_update_written() {
    // docs.midtrans.com/reference/snap-checkout-preference-api, the GET answer.
    let sample = json!({"merchant_id":"M007743","display_name":"DEMO STORE","finish_payment_return_url":"https://midtrans.com/finish",
       "error_payment_return_url":"https://midtrans.com/error","locale":"en","other_va_processor":"bri_va",
       "allow_retry":true,"hide_order_id":false,
       "brand":{"typography":"Poppins","header_color":"#ffffff","button_color":"#0256A7",
                "input_border_radius":10,"button_border_radius":10,"hide_header":false},
       "payment_channels":[{"name":"credit_card","enabled":true},{"name":"bca_va","enabled":true}]});
    let read: MerchantPreferences = serde_json::from_value(sample.clone()).unwrap();
    assert_eq!(read.other_va_processor, Some(EnabledPayment::BriVa));
    assert_eq!(
        read.brand.as_ref().and_then(|b| b.input_border_radius),
        Some(10)
    );
    assert!(
        read.extra.is_empty(),
        "every field modelled: {:?}",
        read.extra
    );
    assert_eq!(serde_json::to_value(&read).unwrap(), sample);
    // The tables type the corners as strings: read either way.
    let text: Brand = serde_json::from_value(json!({"input_border_radius": "6"})).unwrap();
    assert_eq!(text.input_border_radius, Some(6));
    let update = MerchantPreferences::new()
        .display_name("DEMO STORE")
        .finish_payment_return_url("https://shop.example/finish")
        .error_payment_return_url("https://shop.example/error")
        .locale("id")
        .other_va_processor(EnabledPayment::BniVa)
        .allow_retry(true)
        .hide_order_id(true)
        .brand(
            Brand::new()
                .typography("Inter")
                .header_color("#ffffff")
                .button_color("#0256A7")
                .input_border_radius(6)
                .button_border_radius(8)
                .hide_header(false),
        )
        .payment_channel(PaymentChannel::new(EnabledPayment::CreditCard, false))
        .payment_channel(PaymentChannel::new(EnabledPayment::OtherQris, true));
    update.validate().unwrap();
    assert_json_snapshot!("snap_preferences_update", update);
}

#[test]
fn validate_checks_the_documented_rules() {
    let field = |p: MerchantPreferences| p.validate().unwrap_err().field().to_owned();
    assert_eq!(
        field(MerchantPreferences::new().brand(Brand::new().typography("Comic Sans"))),
        "brand.typography"
    );
    assert_eq!(
        field(MerchantPreferences::new().brand(Brand::new().button_border_radius(11))),
        "brand.button_border_radius"
    );
    assert_eq!(
        field(MerchantPreferences::new().other_va_processor(EnabledPayment::BcaVa)),
        "other_va_processor"
    );
    assert!(MerchantPreferences::new()
        .brand(Brand::new().input_border_radius(10))
        .validate()
        .is_ok());
}
