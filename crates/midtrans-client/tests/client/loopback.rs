//! The built-in reqwest transport against HTTP servers on 127.0.0.1: the exact Basic auth
//! header, the JSON body, query encoding, a timeout that fires, a proxy that is used, and a
//! redirect that is not followed.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use midtrans::types::card::CardTokenRequest;
use midtrans::types::charge::{BankTransfer, ChargeRequest};
use midtrans::types::{Idr, TransactionDetails};
use midtrans::{Client, Environment, Error, TransportErrorKind};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

use crate::{sample, CLIENT_KEY, SERVER_KEY};

/// A one-purpose HTTP/1.1 server on loopback: records each request's raw text and answers
/// `response`, or never answers when `response` is `None`.
struct Server {
    addr: SocketAddr,
    requests: mpsc::UnboundedReceiver<String>,
    accepted: Arc<AtomicUsize>,
}

async fn serve(response: Option<String>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (sender, requests) = mpsc::unbounded_channel();
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&accepted);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            let sender = sender.clone();
            let response = response.clone();
            tokio::spawn(async move {
                let request = read_request(&mut socket).await;
                let _ = sender.send(request);
                match response {
                    Some(response) => {
                        let _ = socket.write_all(response.as_bytes()).await;
                        let _ = socket.shutdown().await;
                    }
                    None => tokio::time::sleep(Duration::from_secs(30)).await,
                }
            });
        }
    });
    Server {
        addr,
        requests,
        accepted,
    }
}

async fn read_request(socket: &mut tokio::net::TcpStream) -> String {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let text = String::from_utf8_lossy(&buffer).to_string();
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            if buffer.len() >= end + 4 + length {
                return text;
            }
        }
        match socket.read(&mut chunk).await {
            Ok(0) | Err(_) => return String::from_utf8_lossy(&buffer).to_string(),
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    }
}

/// A loopback server answering every request with `body` as JSON; its address.
pub(crate) async fn serve_json(body: &str) -> SocketAddr {
    serve(ok_json(body)).await.addr
}

fn ok_json(body: &str) -> Option<String> {
    Some(format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ))
}

fn client_for(addr: SocketAddr) -> Client {
    let base = format!("http://{addr}");
    Client::builder()
        .environment(Environment::custom(&base, format!("{base}/snap/v1")).unwrap())
        .server_key(SERVER_KEY)
        .client_key(CLIENT_KEY)
        .retry_policy(midtrans::RetryPolicy::none())
        .build()
        .unwrap()
}

fn header<'a>(request: &'a str, name: &str) -> Option<&'a str> {
    request.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

#[tokio::test]
async fn basic_auth_headers_and_json_body_on_the_wire() {
    let mut server = serve(ok_json(&sample("charge_bank_transfer_bca_response.json"))).await;
    let request = ChargeRequest::builder(
        TransactionDetails::new("order-101", Idr::new(44_000)),
        BankTransfer::bca(),
    )
    .build()
    .unwrap();
    let answer = client_for(server.addr)
        .core()
        .charge(&request)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.order_id.unwrap(), "1571823229");

    let raw = server.requests.recv().await.unwrap();
    assert!(raw.starts_with("POST /v2/charge HTTP/1.1\r\n"), "{raw}");
    // base64("SB-Mid-server-TEST:"), computed independently.
    assert_eq!(
        header(&raw, "authorization"),
        Some("Basic U0ItTWlkLXNlcnZlci1URVNUOg==")
    );
    assert_eq!(header(&raw, "content-type"), Some("application/json"));
    assert_eq!(header(&raw, "accept"), Some("application/json"));
    assert_eq!(
        header(&raw, "user-agent"),
        Some(midtrans::DEFAULT_USER_AGENT)
    );
    let body = &raw[raw.find("\r\n\r\n").unwrap() + 4..];
    let sent: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(sent, serde_json::to_value(&request).unwrap());
}

#[tokio::test]
async fn card_token_query_is_percent_encoded_and_uses_the_client_key() {
    let mut server = serve(ok_json(&sample("card_token_response.json"))).await;
    let token = CardTokenRequest::card("4811 1111 1111 1114", "12", "2030", "123");
    client_for(server.addr)
        .core()
        .card_token(&token)
        .send()
        .await
        .unwrap();
    let raw = server.requests.recv().await.unwrap();
    let request_line = raw.lines().next().unwrap();
    assert_eq!(
        request_line,
        "GET /v2/token?client_key=SB-Mid-client-TEST&card_number=4811%201111%201111%201114&card_exp_month=12&card_exp_year=2030&card_cvv=123 HTTP/1.1"
    );
    // base64("SB-Mid-client-TEST:"): the server key never goes to a client-key endpoint.
    assert_eq!(
        header(&raw, "authorization"),
        Some("Basic U0ItTWlkLWNsaWVudC1URVNUOg==")
    );
}

#[tokio::test]
async fn a_post_without_a_body_sends_content_length_zero() {
    // Servers and proxies in front of Midtrans may answer a bodyless POST without a length
    // with 411 Length Required.
    let mut server = serve(ok_json(&sample("cancel_response.json"))).await;
    let client = client_for(server.addr);
    client
        .transactions()
        .cancel("Order-111")
        .send()
        .await
        .unwrap();
    client
        .core()
        .disable_subscription("sub-1")
        .send_value()
        .await
        .unwrap();
    for _ in 0..2 {
        let raw = server.requests.recv().await.unwrap();
        assert!(raw.starts_with("POST "), "{raw}");
        assert_eq!(header(&raw, "content-length"), Some("0"), "{raw}");
    }
    // A GET has no body and says nothing about one.
    client
        .transactions()
        .status("Order-111")
        .send_value()
        .await
        .ok();
    let raw = server.requests.recv().await.unwrap();
    assert_eq!(header(&raw, "content-length"), None, "{raw}");
}

#[tokio::test]
async fn a_timeout_fires() {
    let server = serve(None).await;
    let started = Instant::now();
    let err = client_for(server.addr)
        .transactions()
        .status("order-1")
        .timeout(Duration::from_millis(300))
        .send()
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    let Error::Transport(transport) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(transport.kind(), TransportErrorKind::Timeout, "{err:?}");
    assert!(transport.maybe_sent());
    assert!(
        elapsed >= Duration::from_millis(250) && elapsed < Duration::from_secs(5),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn a_refused_connection_was_not_sent() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let err = client_for(addr)
        .transactions()
        .status("order-1")
        .send()
        .await
        .unwrap_err();
    let Error::Transport(transport) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(transport.kind(), TransportErrorKind::Connect, "{err:?}");
    assert!(!transport.maybe_sent());
}

#[tokio::test]
async fn an_http_proxy_is_used() {
    let mut proxy = serve(ok_json(&sample("status_credit_card_capture_response.json"))).await;
    let client = Client::builder()
        .environment(
            Environment::custom("http://midtrans.invalid", "http://midtrans.invalid/snap/v1")
                .unwrap(),
        )
        .server_key(SERVER_KEY)
        .retry_policy(midtrans::RetryPolicy::none())
        .proxy(format!("http://{}", proxy.addr))
        .build()
        .unwrap();
    client
        .transactions()
        .status("order-1")
        .send()
        .await
        .unwrap();
    let raw = proxy.requests.recv().await.unwrap();
    assert!(
        raw.starts_with("GET http://midtrans.invalid/v2/order-1/status HTTP/1.1\r\n"),
        "{raw}"
    );

    // Re-configuring without the proxy rebuilds the transport: the proxy sees nothing more.
    client
        .reconfigure(|c| {
            c.no_proxy().environment(
                Environment::custom("http://127.0.0.1:9", "http://127.0.0.1:9/snap/v1").unwrap(),
            )
        })
        .unwrap();
    assert!(client
        .transactions()
        .status("order-1")
        .send()
        .await
        .is_err());
    assert_eq!(proxy.accepted.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_redirect_is_not_followed() {
    let elsewhere = serve(ok_json("{}")).await;
    let redirect = format!(
        "HTTP/1.1 302 Found\r\nLocation: http://{}/v2/order-1/status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        elsewhere.addr
    );
    let server = serve(Some(redirect)).await;
    let err = client_for(server.addr)
        .transactions()
        .status("order-1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.as_api().map(|api| api.http_status()),
        Some(302),
        "{err:?}"
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        elsewhere.accepted.load(Ordering::SeqCst),
        0,
        "credentials went to another host"
    );
}

#[tokio::test]
async fn an_oversized_answer_is_refused_with_bounded_memory() {
    // 3 MiB announced and sent, above the 2 MiB default cap.
    let big = "x".repeat(3 * 1024 * 1024);
    let server = serve(ok_json(&big)).await;
    let err = client_for(server.addr)
        .transactions()
        .status("order-1")
        .send()
        .await
        .unwrap_err();
    let Error::Transport(transport) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(transport.kind(), TransportErrorKind::BodyTooLarge);

    // Without a Content-Length (read until close), the cap holds while reading.
    let unannounced = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{big}"
    );
    let server = serve(Some(unannounced)).await;
    let transport = midtrans::transport::ReqwestTransport::new()
        .unwrap()
        .max_response_bytes(1024);
    let base = format!("http://{}", server.addr);
    let client = Client::builder()
        .environment(Environment::custom(&base, format!("{base}/snap/v1")).unwrap())
        .server_key(SERVER_KEY)
        .retry_policy(midtrans::RetryPolicy::none())
        .transport(transport)
        .build()
        .unwrap();
    let err = client
        .transactions()
        .status("order-1")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Transport(t) if t.kind() == TransportErrorKind::BodyTooLarge),
        "{err:?}"
    );
}

#[tokio::test]
async fn dropping_the_future_cancels_the_call_and_its_retries() {
    let server = serve(None).await;
    let base = format!("http://{}", server.addr);
    let client = Client::builder()
        .environment(Environment::custom(&base, format!("{base}/snap/v1")).unwrap())
        .server_key(SERVER_KEY)
        .build()
        .unwrap();
    let call = client
        .transactions()
        .status("order-1")
        .timeout(Duration::from_millis(100))
        .send();
    // The caller gives up after 50 ms, before the first attempt times out.
    assert!(tokio::time::timeout(Duration::from_millis(50), call)
        .await
        .is_err());
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(
        server.accepted.load(Ordering::SeqCst),
        1,
        "no retry after the caller left"
    );
}

#[tokio::test]
async fn a_slow_drip_is_cut_by_the_attempt_timeout() {
    // Headers at once, then one body byte every 100 ms: the timeout covers the whole attempt.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        if let Ok((mut socket, _)) = listener.accept().await {
            let _ = read_request(&mut socket).await;
            let head =
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n";
            let _ = socket.write_all(head.as_bytes()).await;
            for _ in 0..100 {
                if socket.write_all(b" ").await.is_err() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    });
    let started = Instant::now();
    let err = client_for(addr)
        .transactions()
        .status("order-1")
        .timeout(Duration::from_millis(500))
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Transport(t) if t.kind() == TransportErrorKind::Timeout),
        "{err:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_untrusted_certificate_is_a_tls_error_never_retried() {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::{CertificateDer, PrivateKeyDer};
    use tokio_rustls::rustls;

    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/client/tls");
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(dir.join("cert.pem"))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_file(dir.join("key.pem")).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&accepted);
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let _ = acceptor.accept(socket).await;
            });
        }
    });
    let base = format!("https://{addr}");
    let client = Client::builder()
        .environment(Environment::custom(&base, format!("{base}/snap/v1")).unwrap())
        .server_key(SERVER_KEY)
        .build()
        .unwrap();
    let err = client
        .transactions()
        .status("order-1")
        .send()
        .await
        .unwrap_err();
    let Error::Transport(transport) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(transport.kind(), TransportErrorKind::Tls, "{err:?}");
    assert_eq!(err.attempts(), 1, "TLS failures are never retried");
    assert_eq!(accepted.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_body_shorter_than_its_content_length_is_an_io_error() {
    let lying = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"status_code\":\"200\"}".to_owned();
    let server = serve(Some(lying)).await;
    let err = client_for(server.addr)
        .transactions()
        .status("order-1")
        .send()
        .await
        .unwrap_err();
    let Error::Transport(transport) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(transport.kind(), TransportErrorKind::Io, "{err:?}");
    assert!(transport.maybe_sent());
}
