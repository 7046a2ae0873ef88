//! Sequential calls reuse one pooled TCP connection: a relay in front of the simulator counts
//! the connections the client opens.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use midtrans::types::charge::{BankTransfer, ChargeRequest};
use midtrans::types::{Idr, TransactionDetails};
use midtrans::{Client, Environment};

use crate::{order_id, setup, SERVER_KEY};

/// A TCP relay on loopback to `target`; returns its address and the count of accepted
/// connections.
async fn relay(target: std::net::SocketAddr) -> (std::net::SocketAddr, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&accepted);
    tokio::spawn(async move {
        while let Ok((mut inbound, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                if let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await {
                    let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                }
            });
        }
    });
    (addr, accepted)
}

#[tokio::test]
async fn sequential_calls_reuse_one_connection() {
    let (mock, _) = setup(None).await;
    let (addr, accepted) = relay(mock.addr()).await;
    let base = format!("http://{addr}");
    let client = Client::builder()
        .environment(Environment::custom(&base, format!("{base}/snap/v1")).unwrap())
        .server_key(SERVER_KEY)
        .build()
        .unwrap();
    for _ in 0..20 {
        let request = ChargeRequest::builder(
            TransactionDetails::new(order_id("pool"), Idr::new(1_000)),
            BankTransfer::bni(),
        )
        .build()
        .unwrap();
        let charged = client.core().charge(&request).send().await.unwrap();
        client
            .transactions()
            .status(charged.order_id.unwrap().as_str())
            .send()
            .await
            .unwrap();
    }
    // Clones share the pool too.
    client
        .clone()
        .transactions()
        .status("no-such-order")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        accepted.load(Ordering::SeqCst),
        1,
        "41 sequential calls, one TCP connection"
    );
}
