//! Snap, charges of every payment type, status, actions, refunds and their documented errors.

use midtrans::types::charge::*;
use midtrans::types::snap::SnapRequest;
use midtrans::types::*;
use midtrans::Error;

use crate::{client_for, order_id, setup};

fn details(id: &str, amount: u64) -> TransactionDetails {
    TransactionDetails::new(id, Idr::new(amount))
}

fn api_code(error: &Error) -> u16 {
    error
        .as_api()
        .unwrap_or_else(|| panic!("expected an API error, got {error:?}"))
        .code()
}

#[tokio::test]
async fn snap_token_page_payment_and_cancel() {
    let (mock, client) = setup(None).await;
    let id = order_id("snap");
    let request = SnapRequest::builder(details(&id, 10_000)).build().unwrap();
    let created = client
        .snap()
        .create_transaction(&request)
        .send()
        .await
        .unwrap();
    assert!(created.redirect_url.contains(created.token.as_str()));
    // Until the customer picks a method, Core API status answers 404, as Midtrans does.
    let err = client.transactions().status(&id).send().await.unwrap_err();
    assert_eq!(api_code(&err), 404);

    let page = reqwest_get(&created.redirect_url).await;
    assert!(page.contains("<form"), "{page}");
    // A virtual account payment waits for the customer's bank transfer...
    let chosen = reqwest_post_form(&format!("{}/pay", created.redirect_url), "method=bca_va").await;
    assert!(chosen.contains("waiting for your payment"), "{chosen}");
    assert!(chosen.contains("id=\"va-number\""), "{chosen}");
    assert!(!chosen.contains("signature_key"), "{chosen}");
    let status = client.transactions().status(&id).send().await.unwrap();
    assert_eq!(status.transaction_status, Some(TransactionStatus::Pending));
    // ...which the control API simulates.
    mock.pay(&id).unwrap();
    let status = client.transactions().status(&id).send().await.unwrap();
    assert_eq!(
        status.transaction_status,
        Some(TransactionStatus::Settlement)
    );

    let other = SnapRequest::builder(details(&order_id("snap"), 5_000))
        .build()
        .unwrap();
    let token = client
        .snap()
        .create_transaction_token(&other)
        .send()
        .await
        .unwrap();
    let cancelled = client.snap().cancel(&token).send().await.unwrap();
    assert!(cancelled.canceled_at.is_some());
    let again = client.snap().cancel(&token).send().await.unwrap_err();
    assert_eq!(
        again.as_api().unwrap().messages(),
        ["token already canceled"]
    );
    let url = client
        .snap()
        .create_transaction_redirect_url(
            SnapRequest::builder(details(&order_id("snap"), 1))
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert!(url.starts_with(&mock.core_url()));

    let wrong_key = client_for(&mock, "SB-Mid-server-WRONG");
    let err = wrong_key
        .snap()
        .create_transaction(&request)
        .send()
        .await
        .unwrap_err();
    assert_eq!(api_code(&err), 401);
    assert!(err
        .as_api()
        .unwrap()
        .message()
        .unwrap()
        .contains("Access denied"));
}

async fn reqwest_get(url: &str) -> String {
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    http.get(url).send().await.unwrap().text().await.unwrap()
}

/// A form submitted as the browser would on the payment page.
async fn reqwest_post_form(url: &str, form: &str) -> String {
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let answer = http
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form.to_owned())
        .send()
        .await
        .unwrap();
    answer.text().await.unwrap()
}

#[tokio::test]
async fn every_payment_type_charges() {
    let (_mock, client) = setup(None).await;
    let methods: Vec<(&str, PaymentMethod)> = vec![
        ("bca", BankTransfer::bca().into()),
        ("bni", BankTransfer::bni().into()),
        ("bri", BankTransfer::bri().into()),
        ("cimb", BankTransfer::cimb().into()),
        ("permata", PermataVa::new().recipient_name("BUDI").into()),
        (
            "echannel",
            Echannel::new("Payment:", "Online purchase").into(),
        ),
        (
            "gopay",
            Gopay::new()
                .enable_callback(true)
                .callback_url("https://example.com/done")
                .into(),
        ),
        ("shopeepay", Shopeepay::new().into()),
        ("qris", Qris::new().into()),
        ("indomaret", Cstore::indomaret().into()),
        ("alfamart", Cstore::alfamart().into()),
        ("kredivo", PaymentMethod::Kredivo),
        ("uob", UobEzpay::new().into()),
        ("klikpay", BcaKlikpay::new("Purchase").into()),
        (
            "klikbca",
            BcaKlikbca::new("Purchase", "midtrans1012").into(),
        ),
        ("cimbclicks", CimbClicks::new("Purchase").into()),
        ("danamon", PaymentMethod::DanamonOnline),
        ("briepay", PaymentMethod::BriEpay),
        ("card", CreditCard::new("44111111-1118-e2e").into()),
    ];
    for (tag, method) in methods {
        let expected_type = method.payment_type();
        let request = ChargeRequest::builder(details(&order_id(tag), 44_000), method)
            .build()
            .unwrap();
        let answer = client
            .core()
            .charge(&request)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{tag}: {e}"));
        assert_eq!(answer.payment_type, Some(expected_type.clone()), "{tag}");
        let paid_at_once = expected_type == PaymentType::CreditCard;
        assert_eq!(
            answer.status_code,
            if paid_at_once {
                StatusCode::OK
            } else {
                StatusCode::PENDING
            },
            "{tag}"
        );
        match tag {
            "bca" | "bni" | "bri" | "cimb" => assert!(answer.va_numbers.is_some(), "{tag}"),
            "permata" => assert!(answer.permata_va_number.is_some()),
            "echannel" => assert!(answer.bill_key.is_some() && answer.biller_code.is_some()),
            "gopay" => assert!(answer
                .action(&transaction::ActionName::DeeplinkRedirect)
                .is_some()),
            "qris" => assert!(answer.qr_string.is_some()),
            "indomaret" | "alfamart" => assert!(answer.payment_code.is_some()),
            "kredivo" | "uob" | "klikpay" | "cimbclicks" | "danamon" | "briepay" => {
                assert!(answer.redirect_url.is_some(), "{tag}")
            }
            _ => {}
        }
    }
    // Akulaku needs items with ids and a customer.
    let akulaku = ChargeRequest::builder(
        details(&order_id("akulaku"), 10_000),
        PaymentMethod::Akulaku,
    )
    .item(ItemDetails::new("a", Idr::new(10_000), 1).id("a1"))
    .customer_details(CustomerDetails::new().first_name("Budi"))
    .build()
    .unwrap();
    assert!(client
        .core()
        .charge(&akulaku)
        .send()
        .await
        .unwrap()
        .redirect_url
        .is_some());
}

#[tokio::test]
async fn status_actions_and_their_errors() {
    let (mock, client) = setup(None).await;
    let id = order_id("va");
    let request = ChargeRequest::builder(details(&id, 44_000), BankTransfer::bca())
        .build()
        .unwrap();
    client.core().charge(&request).send().await.unwrap();

    // 406: the order id is taken.
    let err = client.core().charge(&request).send().await.unwrap_err();
    assert_eq!(api_code(&err), 406);

    // 404: unknown ids.
    for err in [
        client
            .transactions()
            .status("no-such-order")
            .send()
            .await
            .unwrap_err(),
        client
            .transactions()
            .cancel("no-such-order")
            .send()
            .await
            .unwrap_err(),
    ] {
        assert_eq!(api_code(&err), 404);
    }

    // 401: a wrong server key.
    let err = client_for(&mock, "SB-Mid-server-WRONG")
        .transactions()
        .status(&id)
        .send()
        .await
        .unwrap_err();
    assert_eq!(api_code(&err), 401);

    // 412: approve outside a challenge, refund before settlement.
    assert_eq!(
        api_code(&client.transactions().approve(&id).send().await.unwrap_err()),
        412
    );
    let refund = RefundRequest::full();
    assert_eq!(
        api_code(
            &client
                .transactions()
                .refund(&id, &refund)
                .send()
                .await
                .unwrap_err()
        ),
        412
    );

    // 407: expiring a pending payment is a success with body status_code 407.
    let expired = client
        .core()
        .transactions()
        .expire(&id)
        .send()
        .await
        .unwrap();
    assert_eq!(expired.status_code, StatusCode::EXPIRED);
    assert_eq!(expired.transaction_status, Some(TransactionStatus::Expire));
    assert_eq!(
        api_code(&client.transactions().expire(&id).send().await.unwrap_err()),
        412
    );

    // Cancel a pending payment; its order id can then be used again.
    let second = order_id("cancel");
    let request = ChargeRequest::builder(details(&second, 1_000), Qris::new())
        .build()
        .unwrap();
    client.core().charge(&request).send().await.unwrap();
    let cancelled = client
        .snap()
        .transactions()
        .cancel(&second)
        .send()
        .await
        .unwrap();
    assert_eq!(
        cancelled.transaction_status,
        Some(TransactionStatus::Cancel)
    );
    client.core().charge(&request).send().await.unwrap();

    let b2b = client
        .transactions()
        .status_b2b(&second)
        .send()
        .await
        .unwrap();
    assert_eq!(b2b.transactions.unwrap().len(), 1);
}

#[tokio::test]
async fn refunds_add_up_and_a_reused_key_is_a_retry_of_its_refund() {
    let (mock, client) = setup(None).await;
    let id = order_id("refund");
    let request = ChargeRequest::builder(details(&id, 30_000), Gopay::new())
        .build()
        .unwrap();
    client.core().charge(&request).send().await.unwrap();
    mock.pay(&id).unwrap();

    let first = RefundRequest::builder()
        .refund_key("r1")
        .amount(Idr::new(5_000))
        .build()
        .unwrap();
    let answer = client
        .transactions()
        .refund(&id, &first)
        .send()
        .await
        .unwrap();
    assert_eq!(
        answer.transaction_status,
        Some(TransactionStatus::PartialRefund)
    );
    // The same key again is a retry of the same refund (reusable for 7 days): the first
    // answer, and nothing more refunded.
    let again = client
        .transactions()
        .refund(&id, &first)
        .send()
        .await
        .unwrap();
    assert_eq!(again.refund_chargeback_id, answer.refund_chargeback_id);
    assert_eq!(again.refund_amount, answer.refund_amount);
    // The key with another amount is another refund under a used key: 406.
    let reused = RefundRequest::builder()
        .refund_key("r1")
        .amount(Idr::new(6_000))
        .build()
        .unwrap();
    assert_eq!(
        api_code(
            &client
                .transactions()
                .refund(&id, &reused)
                .send()
                .await
                .unwrap_err()
        ),
        406
    );
    // More than what is left is refused.
    let too_much = RefundRequest::builder()
        .refund_key("r2")
        .amount(Idr::new(25_001))
        .build()
        .unwrap();
    assert_eq!(
        api_code(
            &client
                .transactions()
                .refund(&id, &too_much)
                .send()
                .await
                .unwrap_err()
        ),
        414
    );
    let rest = RefundRequest::builder()
        .refund_key("r3")
        .reason("rest")
        .build()
        .unwrap();
    let answer = client
        .transactions()
        .refund_direct(&id, &rest)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.transaction_status, Some(TransactionStatus::Refund));
    let status = client.transactions().status(&id).send().await.unwrap();
    assert_eq!(status.refund_amount.unwrap().as_str(), "30000.00");
    assert_eq!(status.refunds.unwrap().len(), 2);
}

#[tokio::test]
async fn card_capture_challenge_approve_deny() {
    let (mock, client) = setup(None).await;
    let token = client
        .core()
        .card_token(card::CardTokenRequest::card(
            "4811 1111 1111 1114",
            "12",
            "2099",
            "123",
        ))
        .send()
        .await
        .unwrap();
    let token_id = token.token_id.unwrap();

    // 3-D Secure requested: pending with a redirect URL.
    let three_ds = ChargeRequest::builder(
        details(&order_id("3ds"), 10_000),
        CreditCard::new(token_id.clone()).authentication(true),
    )
    .build()
    .unwrap();
    let answer = client.core().charge(&three_ds).send().await.unwrap();
    assert_eq!(answer.transaction_status, Some(TransactionStatus::Pending));
    assert!(answer.redirect_url.is_some());

    // Pre-authorisation, then capture.
    let authorize = ChargeRequest::builder(
        details(&order_id("auth"), 10_000),
        CreditCard::new(token_id).transaction_type(card::CardTransactionType::Authorize),
    )
    .build()
    .unwrap();
    let authorized = client.core().charge(&authorize).send().await.unwrap();
    assert_eq!(
        authorized.transaction_status,
        Some(TransactionStatus::Authorize)
    );
    let capture = CaptureRequest::new(authorized.transaction_id.unwrap().as_str());
    let captured = client.core().capture(&capture).send().await.unwrap();
    assert_eq!(
        captured.transaction_status,
        Some(TransactionStatus::Capture)
    );
    assert_eq!(
        api_code(&client.core().capture(&capture).send().await.unwrap_err()),
        412
    );

    // The challenge card: approve one, deny another.
    for (tag, approve) in [("approve", true), ("deny", false)] {
        let id = order_id(tag);
        let request =
            ChargeRequest::builder(details(&id, 10_000), CreditCard::new("55101111-1115-x"))
                .build()
                .unwrap();
        let answer = client.core().charge(&request).send().await.unwrap();
        assert_eq!(answer.fraud_status, Some(FraudStatus::Challenge));
        let after = if approve {
            client.transactions().approve(&id)
        } else {
            client.transactions().deny(&id)
        }
        .send()
        .await
        .unwrap();
        let expected = if approve {
            FraudStatus::Accept
        } else {
            FraudStatus::Deny
        };
        assert_eq!(after.fraud_status, Some(expected));
    }

    // A card denied by the bank: body 202 is a successful call with a denied payment.
    let denied = ChargeRequest::builder(
        details(&order_id("bankdeny"), 10_000),
        CreditCard::new("47111111-1115-x"),
    )
    .build()
    .unwrap();
    let answer = client.core().charge(&denied).send().await.unwrap();
    assert_eq!(answer.status_code, StatusCode::DENIED);
    assert_eq!(answer.transaction_status, Some(TransactionStatus::Deny));

    // A challenge injected through the control API.
    let id = order_id("control");
    let request = ChargeRequest::builder(details(&id, 10_000), CreditCard::new("44111111-1118-x"))
        .build()
        .unwrap();
    client.core().charge(&request).send().await.unwrap();
    mock.challenge(&id).unwrap();
    client.transactions().approve(&id).send().await.unwrap();
}

#[tokio::test]
async fn idempotency_key_replays_the_first_answer() {
    let (_mock, client) = setup(None).await;
    let first = ChargeRequest::builder(details(&order_id("idem"), 1_000), BankTransfer::bni())
        .build()
        .unwrap();
    let second = ChargeRequest::builder(details(&order_id("idem"), 2_000), BankTransfer::bni())
        .build()
        .unwrap();
    let a = client
        .core()
        .charge(&first)
        .idempotency_key("same-key-1")
        .send()
        .await
        .unwrap();
    let b = client
        .core()
        .charge(&second)
        .idempotency_key("same-key-1")
        .send()
        .await
        .unwrap();
    assert_eq!(
        a.transaction_id, b.transaction_id,
        "the key wins over the body"
    );
    let c = client
        .core()
        .charge(&second)
        .idempotency_key("other-key")
        .send()
        .await
        .unwrap();
    assert_ne!(a.transaction_id, c.transaction_id);
}

/// Since 2026-03-16 a card refund is authorised by the card scheme and may be declined: the
/// answer is Midtrans's denial (body 202), a typed `RefundOutcome::Denied` — neither a success
/// nor an error of the call — nothing is refunded, and the payment stays settled.
#[tokio::test]
async fn a_denied_card_refund_is_its_own_outcome_and_refunds_nothing() {
    let (mock, client) = setup(None).await;
    let token = client
        .core()
        .card_token(card::CardTokenRequest::card(
            "4811 1111 1111 1114",
            "12",
            "2099",
            "123",
        ))
        .send()
        .await
        .unwrap()
        .token_id
        .unwrap();
    let id = order_id("refund-denied");
    let charge = ChargeRequest::builder(details(&id, 40_000), CreditCard::new(token))
        .build()
        .unwrap();
    client.core().charge(&charge).send().await.unwrap();
    mock.pay(&id).unwrap();
    mock.deny_refunds(&id).unwrap();
    let refund = RefundRequest::builder()
        .refund_key("denied-1")
        .amount(Idr::new(10_000))
        .build()
        .unwrap();
    let answer = client
        .transactions()
        .refund(&id, &refund)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.refund_outcome(), RefundOutcome::Denied);
    assert!(!answer.refund_outcome().is_refunded());
    assert_eq!(answer.status_code.as_str(), "202");
    // Nothing was refunded: the payment is settled and still paid.
    let status = client.transactions().status(&id).send().await.unwrap();
    assert_eq!(
        status.transaction_status,
        Some(TransactionStatus::Settlement)
    );
    assert_eq!(status.outcome(), PaymentOutcome::Paid);
    assert!(
        status.refunds.as_ref().is_none_or(Vec::is_empty),
        "{:?}",
        status.refunds
    );
    // A settlement seen again after the denial is no regression to ignore.
    assert!(!TransactionStatus::Settlement.is_regression_from(&TransactionStatus::Settlement));
    // The same key again is told the same; a GoPay payment's refunds are not the scheme's.
    let again = client
        .transactions()
        .refund(&id, &refund)
        .send()
        .await
        .unwrap();
    assert_eq!(again.refund_outcome(), RefundOutcome::Denied);
    let wallet = order_id("refund-wallet");
    let gopay = ChargeRequest::builder(details(&wallet, 40_000), Gopay::new())
        .build()
        .unwrap();
    client.core().charge(&gopay).send().await.unwrap();
    mock.pay(&wallet).unwrap();
    mock.deny_refunds(&wallet).unwrap();
    let refunded = client
        .transactions()
        .refund(&wallet, RefundRequest::builder().build().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(refunded.refund_outcome(), RefundOutcome::Refunded);
    mock.shutdown().await;
}

/// Snap's merchant preferences (`/snap/v3/merchant-preferences`, beside the Snap base): read,
/// changed field by field, refused for a channel the merchant lacks or a rule broken.
#[tokio::test]
async fn snap_preferences_are_read_and_changed_field_by_field() {
    use midtrans::types::snap::{Brand, MerchantPreferences, PaymentChannel};
    let (mock, client) = setup(None).await;
    let before = client.snap().preferences().await.unwrap();
    assert_eq!(before.display_name.as_deref(), Some("MOCK STORE"));
    assert!(before.merchant_id.is_some());
    let update = MerchantPreferences::new()
        .display_name("DEMO STORE")
        .locale("id")
        .brand(Brand::new().button_border_radius(4))
        .payment_channel(PaymentChannel::new(EnabledPayment::CreditCard, false));
    let after = client.snap().update_preferences(&update).await.unwrap();
    assert_eq!(after.display_name.as_deref(), Some("DEMO STORE"));
    let brand = after.brand.clone().unwrap();
    assert_eq!(brand.button_border_radius, Some(4));
    assert_eq!(brand.typography.as_deref(), Some("Poppins"), "kept");
    let card = after
        .payment_channels
        .as_ref()
        .unwrap()
        .iter()
        .find(|c| c.name == EnabledPayment::CreditCard)
        .unwrap();
    assert!(!card.enabled);
    assert_eq!(client.snap().preferences().await.unwrap(), after);
    // Refused before sending: corners over 10.
    let wide = MerchantPreferences::new().brand(Brand::new().input_border_radius(11));
    let err = client.snap().update_preferences(&wide).await.unwrap_err();
    assert!(
        matches!(&err, Error::InvalidRequest(e) if e.field() == "brand.input_border_radius"),
        "{err:?}"
    );
    // Refused by Midtrans: a channel the merchant does not have.
    let raw =
        serde_json::json!({"payment_channels": [{"name": "telkomsel_cash", "enabled": true}]});
    let err = client.snap().update_preferences(&raw).await.unwrap_err();
    assert!(
        err.to_string().contains("invalid for this merchant"),
        "{err}"
    );
    mock.shutdown().await;
}

#[tokio::test]
async fn the_new_banks_virtual_accounts_are_paid_through_snap_but_not_by_a_legacy_charge() {
    let (mock, client) = setup(None).await;
    for (method, bank) in [
        ("bsi_va", Bank::Bsi),
        ("danamon_va", Bank::Danamon),
        ("seabank_va", Bank::Seabank),
    ] {
        let id = order_id(method);
        let request = SnapRequest::builder(details(&id, 75_000))
            .enabled_payments([EnabledPayment::from(method)])
            .build()
            .unwrap();
        let created = client.snap().create_transaction(&request).await.unwrap();
        let page = reqwest_get(&created.redirect_url).await;
        assert!(
            page.contains(&format!("value=\"{method}\"")),
            "{method}: {page}"
        );
        let chosen = reqwest_post_form(
            &format!("{}/pay", created.redirect_url),
            &format!("method={method}"),
        )
        .await;
        assert!(chosen.contains("id=\"va-number\""), "{method}: {chosen}");
        let status = client.transactions().status(&id).await.unwrap();
        assert_eq!(status.transaction_status, Some(TransactionStatus::Pending));
        assert_eq!(status.payment_type, Some(PaymentType::BankTransfer));
        let numbers = status.va_numbers.unwrap();
        assert_eq!(numbers[0].bank, bank, "{method}");
        mock.pay(&id).unwrap();
        let status = client.transactions().status(&id).await.unwrap();
        assert_eq!(
            status.transaction_status,
            Some(TransactionStatus::Settlement)
        );
    }
    // The legacy charge documents only BCA, BNI, BRI, Permata and CIMB.
    let legacy = serde_json::json!({"payment_type": "bank_transfer",
        "transaction_details": {"order_id": order_id("bsi-core"), "gross_amount": 75_000},
        "bank_transfer": {"bank": "bsi"}});
    let err = client.core().charge(legacy).await.unwrap_err();
    assert!(err.as_api().unwrap().is_validation(), "{err:?}");
}
