//! SNAP-BI direct debit (GoPay): a payment, a repeat with the same X-EXTERNAL-ID answered from
//! Midtrans's store, the customer pays, a full refund, and the status after it.
//!
//! ```sh
//! cargo run --example snap_bi_direct_debit
//! ```

mod common;

use common::{order_id, Example, Result};
use midtrans::types::snap_bi::{
    DirectDebitPaymentRequest, DirectDebitRefundRequest, DirectDebitStatusRequest, Money,
    PayOptionDetail, UrlParam,
};
use midtrans::types::{Idr, PaymentOutcome};

#[tokio::main]
async fn main() -> Result<()> {
    let example = Example::start_snap_bi("SNAP-BI direct debit", None).await?;
    let order = order_id("debit")?;
    let external_id = format!("{order}-pay");

    example.step(&format!("a GoPay payment of 20,000 IDR ({order})"));
    let request = DirectDebitPaymentRequest::new(
        &order,
        PayOptionDetail::gopay(Money::idr(Idr::new(20_000))),
    )
    .merchant_id("M001234")
    .url_param(UrlParam::pay_return("https://shop.example/paid"));
    let payment = example
        .client
        .snap_bi()
        .direct_debit_payment(&request)
        .external_id(&external_id)
        .await?;
    let reference = payment.reference_no.clone().ok_or("no referenceNo")?;
    println!(
        "   {} → pay at {:?}",
        payment.response_code, payment.web_redirect_url
    );

    example.step("the same call again (a retry after a lost answer): the first answer");
    let again = example
        .client
        .snap_bi()
        .direct_debit_payment(&request)
        .external_id(&external_id)
        .await?;
    println!(
        "   same referenceNo: {}",
        again.reference_no == payment.reference_no
    );

    example.step("the customer pays (the simulator's control API)");
    if example.control(&reference, "pay").await? {
        let status = DirectDebitStatusRequest::by_reference_no(&reference);
        let paid = example
            .client
            .snap_bi()
            .direct_debit_status(&status)
            .await?;
        println!("   {:?}", paid.outcome());

        example.step("a full refund");
        let refund = DirectDebitRefundRequest::new(&reference, format!("{order}-r1"))
            .refund_amount(Money::idr(Idr::new(20_000)))
            .reason("out of stock");
        let refunded = example
            .client
            .snap_bi()
            .direct_debit_refund(&refund)
            .await?;
        println!(
            "   {} refundNo {:?}",
            refunded.response_code, refunded.refund_no
        );

        let after = example
            .client
            .snap_bi()
            .direct_debit_status(&status)
            .await?;
        println!("   status now {:?}", after.outcome());
        if after.outcome() != PaymentOutcome::Refunded {
            return Err("the payment is not refunded".into());
        }
    }
    example.finish().await;
    Ok(())
}
