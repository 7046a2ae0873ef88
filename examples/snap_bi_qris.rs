//! SNAP-BI QRIS: generate a code, query it (pending), cancel it, query again (cancelled).
//!
//! ```sh
//! cargo run --example snap_bi_qris
//! ```

mod common;

use common::{order_id, Example, Result};
use midtrans::types::snap_bi::{
    Money, QrisCancelRequest, QrisGenerateRequest, QrisQueryRequest, Status,
};
use midtrans::types::Idr;

#[tokio::main]
async fn main() -> Result<()> {
    let example = Example::start_snap_bi("SNAP-BI QRIS", None).await?;
    let order = order_id("qris")?;

    example.step(&format!("generate a QRIS code for 44,000 IDR ({order})"));
    let request = QrisGenerateRequest::new(&order, Money::idr(Idr::new(44_000)))
        .merchant_id("M001234")
        .acquirer("gopay");
    let code = example.client.snap_bi().qris_generate(&request).await?;
    let reference = code.reference_no.clone().ok_or("no referenceNo")?;
    println!(
        "   {}: {} characters of QRIS payload, image at {:?}",
        code.response_code,
        code.qr_content.as_deref().unwrap_or_default().len(),
        code.qr_url
    );

    let query = QrisQueryRequest::new(&reference, &order, "M001234");
    example.step("query");
    let pending = example.client.snap_bi().qris_query(&query).await?;
    println!("   {:?}", pending.outcome());

    example.step("cancel it (the customer walked away)");
    let cancel = QrisCancelRequest::new(&reference, "M001234", "customer left");
    let cancelled = example.client.snap_bi().qris_cancel(&cancel).await?;
    println!("   {}", cancelled.response_code);

    example.step("query again");
    let after = example.client.snap_bi().qris_query(&query).await?;
    println!("   {:?}", after.latest_transaction_status);
    if after.latest_transaction_status != Some(Status::Canceled) {
        return Err("the code is not cancelled".into());
    }
    example.finish().await;
    Ok(())
}
