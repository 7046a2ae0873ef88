//! Any bytes as a notification body: verification never panics, and accepts only bodies whose
//! signature matches the key.
#![no_main]

use libfuzzer_sys::fuzz_target;
use midtrans::notification::{signature, verify, verify_pay_account};
use midtrans::ServerKey;

fuzz_target!(|data: &[u8]| {
    let key = ServerKey::new("SB-Mid-server-FUZZ").expect("a key");
    if let Ok(notification) = verify(data, &[&key]) {
        let input = notification.signature_input().expect("verified input");
        assert_eq!(
            notification.signature_key.as_deref(),
            Some(signature(&input, &key).as_str())
        );
    }
    let _ = verify_pay_account(data, &[&key]);
});
