//! Snap with every common parameter: items, customer with billing and shipping addresses,
//! enabled payments, card options with installments and BIN whitelist, virtual account
//! options, finish callback, expiry and custom fields. Mirrors the official Python client's
//! `examples/snap/snap_advanced_example.py`, including its two shortcut calls.
//!
//! ```sh
//! cargo run --example snap_advanced
//! ```
//!
//! With no `MIDTRANS_SERVER_KEY` it runs against the built-in simulator on 127.0.0.1; with
//! `MIDTRANS_SERVER_KEY` set it creates the transactions on the real sandbox. Nothing here needs
//! the simulator's control API.

mod common;

use common::{jakarta_in, Example, Result};
use midtrans::types::charge::{FreeText, FreeTextLine};
use midtrans::types::snap::{
    BcaVaOptions, Callbacks, CreditCard, Expiry, Installment, PermataVaOptions, SnapRequest,
    VaOptions,
};
use midtrans::types::{
    Address, Bank, CustomerDetails, EnabledPayment, ExpiryUnit, Idr, ItemDetails,
    TransactionDetails,
};

/// The full request of the Python example, for one order id.
fn advanced_request(order_id: &str) -> Result<SnapRequest> {
    let address = |phone: &str| {
        Address::new()
            .first_name("John")
            .last_name("Watson")
            .email("test@example.com")
            .phone(phone)
            .address("Sudirman")
            .city("Jakarta")
            .postal_code("12190")
            .country_code("IDN")
    };
    let text = || FreeTextLine::new("text in Bahasa Indonesia", "text in English");
    let request = SnapRequest::builder(TransactionDetails::new(order_id, Idr::new(10_000)))
        .item(
            ItemDetails::new("Midtrans Bear", Idr::new(10_000), 1)
                .id("ITEM1")
                .brand("Midtrans")
                .category("Toys")
                .merchant_name("Midtrans"),
        )
        .customer_details(
            CustomerDetails::new()
                .first_name("John")
                .last_name("Watson")
                .email("test@example.com")
                .phone("+628123456")
                .billing_address(address("081 2233 44-55"))
                .shipping_address(address("0 8128-75 7-9338")),
        )
        // The Python example's list; Snap offers only those active on the merchant account.
        .enabled_payments([
            EnabledPayment::CreditCard,
            EnabledPayment::MandiriClickpay,
            EnabledPayment::CimbClicks,
            EnabledPayment::BcaKlikbca,
            EnabledPayment::BcaKlikpay,
            EnabledPayment::BriEpay,
            EnabledPayment::Echannel,
            EnabledPayment::IndosatDompetku,
            EnabledPayment::MandiriEcash,
            EnabledPayment::PermataVa,
            EnabledPayment::BcaVa,
            EnabledPayment::BniVa,
            EnabledPayment::OtherVa,
            EnabledPayment::Gopay,
            EnabledPayment::Kioson,
            EnabledPayment::Indomaret,
            EnabledPayment::Gci,
            EnabledPayment::DanamonOnline,
        ])
        .credit_card(
            CreditCard::new()
                .secure(true)
                .bank(Bank::Bca)
                .installment(
                    Installment::new()
                        .required(false)
                        .terms_for(&Bank::Bni, [3, 6, 12])
                        .terms_for(&Bank::Mandiri, [3, 6, 12])
                        .terms_for(&Bank::Cimb, [3])
                        .terms_for(&Bank::Bca, [3, 6, 12])
                        .offline_terms([6, 12]),
                )
                .whitelist_bins(["48111111", "41111111"]),
        )
        .bca_va(
            BcaVaOptions::new()
                .va_number("12345678911")
                .free_text(FreeText::new().inquiry(text()).payment(text())),
        )
        .bni_va(VaOptions::new("12345678"))
        .permata_va(
            PermataVaOptions::new()
                .va_number("1234567890")
                .recipient_name("SUDARSONO"),
        )
        .callbacks(Callbacks::finish("https://example.com/finish"))
        // The Python example starts the clock at a fixed date; now is what it means.
        .expiry(Expiry::new(9000, ExpiryUnit::Minute).start_time(jakarta_in(0)?))
        .custom_field1("custom field 1 content")
        .custom_field2("custom field 2 content")
        .custom_field3("custom field 3 content")
        .build()?;
    Ok(request)
}

#[tokio::main]
async fn main() -> Result<()> {
    let example = Example::start("Snap: transaction with full parameters").await?;
    let snap = example.client.snap();
    let order_id = common::order_id("snap-advanced")?;

    example.step("The request, as sent (one line per top-level field)");
    let request = advanced_request(&order_id)?;
    let json = serde_json::to_value(&request)?;
    for (field, value) in json.as_object().into_iter().flatten() {
        println!("   {field}: {value}");
    }

    example.step("Create the transaction");
    let transaction = snap.create_transaction(&request).send().await?;
    println!("   token        {}", transaction.token);
    println!("   redirect_url {}", transaction.redirect_url);

    example.step("Shortcut: only the token (create_transaction_token)");
    let request = advanced_request(&format!("{order_id}-t"))?;
    let token = snap.create_transaction_token(&request).send().await?;
    println!("   token        {token}");

    example.step("Shortcut: only the redirect URL (create_transaction_redirect_url)");
    let request = advanced_request(&format!("{order_id}-u"))?;
    let url = snap
        .create_transaction_redirect_url(&request)
        .send()
        .await?;
    println!("   redirect_url {url}");

    example.finish().await;
    Ok(())
}
