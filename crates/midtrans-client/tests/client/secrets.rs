//! The secret canary: with a unique server key, nothing printable contains the key or its
//! Basic-auth (base64) form — not the client, its config, or any error, even when an answer
//! echoes the key.

use midtrans::transport::{MockTransport, TransportErrorKind};
use midtrans::{Client, Environment};

const CANARY: &str = "SB-Mid-server-CANARY-7f3a9c1e";

fn forms() -> [String; 3] {
    let basic = format!("{CANARY}:");
    let encoded = crate::base64(basic.as_bytes());
    [
        CANARY.to_owned(),
        encoded.clone(),
        encoded.trim_end_matches('=').to_owned(),
    ]
}

fn assert_clean(what: &str, text: &str) {
    for form in forms() {
        assert!(!text.contains(&form), "{what} leaks the server key: {text}");
    }
}

#[tokio::test]
async fn no_output_contains_the_server_key() {
    let mock = MockTransport::new();
    let client = Client::builder()
        .environment(Environment::Sandbox)
        .server_key(CANARY)
        .client_key("SB-Mid-client-CANARY")
        .transport(mock.clone())
        .build()
        .unwrap();
    assert_clean("client Debug", &format!("{client:?}"));
    assert_clean("config Debug", &format!("{:?}", client.config()));
    assert_clean(
        "builder Debug",
        &format!("{:?}", Client::builder().server_key(CANARY)),
    );

    let [key, basic, _] = forms();
    let echo = format!(
        r#"{{"status_code":"401","status_message":"Access denied for {key}","validation_messages":["Basic {basic}"],"id":"{key}"}}"#
    );
    mock.push_json(401, echo.clone());
    mock.push_json(200, echo);
    mock.push_json(200, format!(r#"{{"status_code":"{key}"}}"#));
    mock.push_json(
        200,
        format!(r#"{{"status_code":"200","gross_amount":"{key}"}}"#),
    );
    mock.push_error(TransportErrorKind::Timeout);
    let mut errors = Vec::new();
    for _ in 0..5 {
        errors.push(
            client
                .transactions()
                .status("order-1")
                .send()
                .await
                .unwrap_err(),
        );
    }
    errors.push(
        client
            .transactions()
            .notification(format!(r#"{{"order_id":"{key}"}}"#).as_bytes())
            .unwrap_err(),
    );
    for error in &errors {
        assert_clean("error Display", &error.to_string());
        assert_clean("error Debug", &format!("{error:?}"));
        if let Some(raw) = error.raw_body() {
            assert_clean("error raw body", &String::from_utf8_lossy(raw));
        }
    }
    // The key was sent where it belongs, and only there.
    let request = mock.last_request().unwrap();
    let auth = request.headers()["authorization"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(auth, format!("Basic {basic}"));
    assert!(request.headers()["authorization"].is_sensitive());

    let errors = [
        Client::builder()
            .server_key("")
            .build()
            .unwrap_err()
            .to_string(),
        Client::builder()
            .server_key(format!("{CANARY} "))
            .build()
            .unwrap_err()
            .to_string(),
    ];
    for error in errors {
        assert_clean("config error", &error);
    }
}

#[test]
fn custom_headers_stay_out_of_debug() {
    let client = Client::builder()
        .server_key("SB-Mid-server-TEST")
        .header("X-Partner-Token", "partner-secret-123")
        .transport(MockTransport::new())
        .build()
        .unwrap();
    assert!(!format!("{client:?}").contains("partner-secret-123"));
}

#[test]
fn client_and_its_futures_can_cross_threads() {
    fn shareable<T: Send + Sync + Clone + 'static>(_: &T) {}
    fn sendable<T: Send + 'static>(_: T) {}
    let client = Client::builder()
        .server_key("SB-Mid-server-TEST")
        .transport(MockTransport::new())
        .build()
        .unwrap();
    shareable(&client);
    sendable(client.transactions().status("order-1").send());
    sendable(
        client
            .snap()
            .create_transaction(serde_json::json!({}))
            .send(),
    );
}

#[tokio::test]
async fn no_header_replaces_the_credentials_and_configured_ones_replace_defaults() {
    let mock = MockTransport::new();
    let client = Client::builder()
        .server_key("SB-Mid-server-TEST")
        .header("Authorization", "Basic configured")
        .header("Accept", "application/vnd.test+json")
        .header("X-Team", "payments")
        .transport(mock.clone())
        .build()
        .unwrap();
    mock.push_json(200, r#"{"status_code":"200"}"#);
    client
        .transactions()
        .status("order-1")
        .header("Authorization", "Basic per-request")
        .header("X-Team", "checkout")
        .send_value()
        .await
        .unwrap();
    let request = mock.last_request().unwrap();
    let headers = request.headers();
    let auth = headers.get_all("authorization").iter().collect::<Vec<_>>();
    assert_eq!(
        auth,
        [&format!("Basic {}", crate::base64(b"SB-Mid-server-TEST:"))]
    );
    assert_eq!(headers["accept"], "application/vnd.test+json");
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(headers["x-team"], "checkout");
}

#[tokio::test]
async fn concurrent_requests_carry_only_their_own_notification_urls() {
    let mock = MockTransport::new();
    let client = Client::builder()
        .server_key("SB-Mid-server-TEST")
        .retry_policy(midtrans::RetryPolicy::none())
        .transport(mock.clone())
        .build()
        .unwrap();
    let mut handles = Vec::new();
    for i in 0..1000 {
        mock.push_json(201, r#"{"token":"t","redirect_url":"u"}"#);
        let client = client.clone();
        handles.push(tokio::spawn(async move {
            let body = serde_json::json!({"transaction_details": {"order_id": format!("c-{i}"), "gross_amount": 1}});
            let pending = client.snap().create_transaction(body);
            let pending = if i % 2 == 0 {
                pending.override_notification([format!("https://example.com/{i}")])
            } else {
                pending.append_notification([format!("https://example.com/{i}")])
            };
            pending.send().await.unwrap();
        }));
    }
    for handle in handles {
        handle.await.unwrap();
    }
    let requests = mock.requests();
    assert_eq!(requests.len(), 1000);
    for request in requests {
        let body: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
        let i: usize = body["transaction_details"]["order_id"].as_str().unwrap()[2..]
            .parse()
            .unwrap();
        let (mine, other) = if i % 2 == 0 {
            ("x-override-notification", "x-append-notification")
        } else {
            ("x-append-notification", "x-override-notification")
        };
        assert_eq!(
            request.headers()[mine],
            format!("https://example.com/{i}").as_str()
        );
        assert!(!request.headers().contains_key(other));
    }
}

#[test]
fn keys_that_cannot_be_right_are_refused_at_build() {
    use midtrans::ConfigError;
    let build = |environment: Environment, key: &str| {
        Client::builder()
            .environment(environment)
            .server_key(key)
            .transport(MockTransport::new())
            .build()
            .map(|_| ())
    };
    assert!(matches!(
        build(Environment::Sandbox, "SB-Mid-client-abc"),
        Err(ConfigError::ClientKeyAsServerKey)
    ));
    assert!(matches!(
        build(Environment::Production, "SB-Mid-server-abc"),
        Err(ConfigError::KeyEnvironmentMismatch)
    ));
    assert!(matches!(
        build(Environment::Sandbox, "Mid-server-abc"),
        Err(ConfigError::KeyEnvironmentMismatch)
    ));
    build(Environment::Production, "Mid-server-abc").unwrap();
    build(Environment::Sandbox, "SB-Mid-server-abc").unwrap();
    let custom = Environment::custom("http://127.0.0.1:9", "http://127.0.0.1:9/snap/v1").unwrap();
    build(custom, "Mid-server-abc").unwrap();
    Client::builder()
        .environment(Environment::Production)
        .server_key("SB-Mid-server-abc")
        .check_key_environment(false)
        .transport(MockTransport::new())
        .build()
        .unwrap();
}
