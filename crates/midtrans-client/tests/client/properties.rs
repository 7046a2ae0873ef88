//! Properties: a signed notification always verifies, any single-byte change never does, and
//! request builders never panic whatever they are given.

use midtrans::notification::signature;
use midtrans::types::charge::{BankTransfer, ChargeRequest};
use midtrans::types::snap::SnapRequest;
use midtrans::types::subscription::{IntervalUnit, Schedule, SubscriptionRequest};
use midtrans::types::*;
use midtrans::{Error, ServerKey};
use proptest::prelude::*;

fn notification(
    order_id: &str,
    status_code: &str,
    gross_amount: &str,
    signature_key: &str,
) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "order_id": order_id,
        "status_code": status_code,
        "gross_amount": gross_amount,
        "signature_key": signature_key,
        "transaction_status": "settlement",
    }))
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn sign_then_verify_round_trips(
        order_id in "[A-Za-z0-9_~.-]{1,50}",
        status_code in "[1-5][0-9]{2}",
        rupiah in 1u64..100_000_000_000,
        key in "[A-Za-z0-9_-]{8,60}",
    ) {
        let key = ServerKey::new(key).unwrap();
        let amount = format!("{rupiah}.00");
        let signed = signature(&format!("{order_id}{status_code}{amount}"), &key);
        let body = notification(&order_id, &status_code, &amount, &signed);
        prop_assert!(midtrans::notification::verify(&body, &[&key]).is_ok());
    }

    #[test]
    fn any_single_byte_change_fails(
        order_id in "[A-Za-z0-9_~.-]{1,50}",
        rupiah in 1u64..100_000_000_000,
        key in "[A-Za-z0-9_-]{8,60}",
        position in any::<prop::sample::Index>(),
        replacement in any::<u8>(),
    ) {
        let key = ServerKey::new(key).unwrap();
        let amount = format!("{rupiah}.00");
        let signed = signature(&format!("{order_id}200{amount}"), &key);
        let mut body = notification(&order_id, "200", &amount, &signed);
        let index = position.index(body.len());
        prop_assume!(body[index] != replacement);
        body[index] = replacement;
        // The change may break the JSON or a signed field's form (Notification), hit a signed field or the signature
        // (Signature), or land in a field the signature does not cover. Only the last may verify.
        match midtrans::notification::verify(&body, &[&key]) {
            Err(Error::Notification(_)) | Err(Error::Signature(_)) => {}
            Ok(parsed) => {
                prop_assert_eq!(parsed.order_id.as_ref().map(|o| o.as_str()), Some(order_id.as_str()));
                prop_assert_eq!(parsed.gross_amount.as_ref().map(|a| a.as_str()), Some(amount.as_str()));
                prop_assert_eq!(parsed.status_code.as_str(), "200");
                prop_assert_eq!(parsed.signature_key.as_deref(), Some(signed.as_str()));
            }
            Err(other) => prop_assert!(false, "unexpected error {other:?}"),
        }
    }

    #[test]
    fn builders_never_panic(
        order_id in ".{0,80}",
        gross in any::<u64>(),
        prices in prop::collection::vec((any::<u64>(), any::<u32>(), any::<bool>()), 0..6),
        name in ".{0,60}",
        interval in any::<u32>(),
        va in ".{0,20}",
    ) {
        let mut charge = ChargeRequest::builder(
            TransactionDetails::new(order_id.as_str(), Idr::new(gross)),
            BankTransfer::Bni(midtrans::types::charge::VaOptions::new(va.as_str())),
        );
        let mut snap = SnapRequest::builder(TransactionDetails::new(order_id.as_str(), Idr::new(gross)));
        for (price, quantity, discount) in &prices {
            let price = if *discount { ItemPrice::discount(Idr::new(*price)) } else { ItemPrice::from(Idr::new(*price)) };
            charge = charge.item(ItemDetails::new(name.as_str(), price, *quantity));
            snap = snap.item(ItemDetails::new(name.as_str(), price, *quantity));
        }
        let _ = charge.build();
        let _ = snap.build();
        let _ = SubscriptionRequest::credit_card(name.as_str(), Idr::new(gross), &SavedTokenId::new(va.as_str()), Schedule::new(interval, IntervalUnit::Month)).build();
        let _ = RefundRequest::builder().refund_key(name.as_str()).amount(Idr::new(gross)).build();
    }
}
