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
    for i in 0..1000_u32 {
        mock.push_json(201, r#"{"token":"t","redirect_url":"u"}"#);
        let client = client.clone();
        handles.push(tokio::spawn(async move {
            let body = serde_json::json!({"transaction_details": {"order_id": format!("c-{i}"), "gross_amount": 1}});
            let pending = client.snap().create_transaction(body);
            let pending = if i.is_multiple_of(2) {
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
        let (mine, other) = if i.is_multiple_of(2) {
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

/// Canaries: secrets, card data and header values that no `Debug` or `Display` may show.
mod canary {
    pub(super) const PREVIOUS_KEY: &str = "SB-Mid-server-OLDCANARY-2b1d";
    pub(super) const PROXY_USER: &str = "proxyuser-CANARY";
    pub(super) const PROXY_PASS: &str = "proxypass-CANARY";
    pub(super) const CARD: &str = "4811111111111114";
    pub(super) const CVV: &str = "8642";
    pub(super) const TOKEN: &str = "TOKEN-CANARY-481111-1114-aa";
    pub(super) const SAVED: &str = "SAVED-CANARY-9f9f";
    pub(super) const HEADER: &str = "hdr-CANARY-value";
    pub(super) const CONFIG_HEADER: &str = "cfg-CANARY-value";
}

/// Text with JSON's and Rust's escapes undone (`\u0053` → `S`, `\/` → `/`, `\\` → `\`), so a
/// canary written escaped is found too.
fn unescaped(text: &str) -> String {
    let mut text = text.to_owned();
    // Debug doubles backslashes; undo that (twice, for a Debug of a Debug) before JSON's escapes.
    for _ in 0..2 {
        text = text.replace("\\\\", "\\");
    }
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        if let Some(hex) = tail.strip_prefix('u').and_then(|t| t.get(..4)) {
            if let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                out.push(c);
                rest = &tail[5..];
                continue;
            }
        }
        match tail.chars().next() {
            Some(c @ ('/' | '"' | '\\')) => {
                out.push(c);
                rest = &tail[1..];
            }
            _ => {
                out.push('\\');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// What of the canaries `text` shows, as `what shows …` lines.
fn canaries_in(what: &str, text: &str) -> Vec<String> {
    let plain = unescaped(text);
    let mut canaries: Vec<String> = forms().to_vec();
    let previous = crate::base64(format!("{}:", canary::PREVIOUS_KEY).as_bytes());
    canaries.extend([
        canary::PREVIOUS_KEY.to_owned(),
        previous.trim_end_matches('=').to_owned(),
        canary::PROXY_USER.to_owned(),
        canary::PROXY_PASS.to_owned(),
        crate::base64(format!("{}:{}", canary::PROXY_USER, canary::PROXY_PASS).as_bytes())
            .trim_end_matches('=')
            .to_owned(),
        canary::CARD.to_owned(),
        "4811%201111%201111%201114".to_owned(),
        "4811 1111 1111 1114".to_owned(),
        canary::CVV.to_owned(),
        canary::TOKEN.to_owned(),
        canary::SAVED.to_owned(),
        canary::HEADER.to_owned(),
        canary::CONFIG_HEADER.to_owned(),
    ]);
    canaries
        .iter()
        .filter(|canary| plain.contains(canary.as_str()))
        .map(|canary| format!("{what} shows {canary:?}: {text}"))
        .collect()
}

#[tokio::test]
async fn no_debug_or_display_anywhere_holds_a_key_card_data_or_a_header_value() {
    use midtrans::transport::ReqwestTransport;
    use midtrans::types::card::{CardRegisterRequest, CardTokenRequest};
    use midtrans::types::charge::{ChargeRequest, CreditCard};
    use midtrans::types::subscription::{
        IntervalUnit, Schedule, SubscriptionRequest, SubscriptionUpdate,
    };
    use midtrans::types::{Idr, SavedTokenId, TokenId, TransactionDetails};

    let mut shown: Vec<(String, String)> = Vec::new();
    let mut show = |what: &str, text: String| shown.push((what.to_owned(), text));

    // Proxies with credentials, with and without a scheme.
    let with_scheme = format!(
        "http://{}:{}@127.0.0.1:3128",
        canary::PROXY_USER,
        canary::PROXY_PASS
    );
    let without_scheme = format!(
        "{}:{}@127.0.0.1:3128",
        canary::PROXY_USER,
        canary::PROXY_PASS
    );
    let builder = |proxy: &str| {
        Client::builder()
            .server_key(CANARY)
            .previous_server_key(canary::PREVIOUS_KEY)
            .client_key("SB-Mid-client-CANARY")
            .header("X-Partner-Token", canary::CONFIG_HEADER)
            .proxy(proxy)
    };
    for proxy in [&with_scheme, &without_scheme] {
        show("builder Debug", format!("{:?}", builder(proxy)));
        match builder(proxy).build() {
            Ok(client) => {
                show("client Debug", format!("{client:?}"));
                show("config Debug", format!("{:?}", client.config()));
            }
            Err(error) => {
                show("config error Display", error.to_string());
                show("config error Debug", format!("{error:?}"));
            }
        }
        match ReqwestTransport::with_proxy(Some(proxy)) {
            Ok(transport) => show("transport Debug", format!("{transport:?}")),
            Err(error) => {
                show("transport error Display", error.to_string());
                show("transport error Debug", format!("{error:?}"));
            }
        }
    }
    // A proxy URL that does not parse at all still keeps its credentials to itself.
    let broken = format!("http://{}:{}@[::1", canary::PROXY_USER, canary::PROXY_PASS);
    let error = builder(&broken).build().unwrap_err();
    show("broken proxy Display", error.to_string());
    show("broken proxy Debug", format!("{error:?}"));

    // Pending requests carrying card data, tokens and header values.
    let mock = MockTransport::new();
    let client = Client::builder()
        .server_key(CANARY)
        .client_key("SB-Mid-client-CANARY")
        .header("X-Partner-Token", canary::CONFIG_HEADER)
        .retry_policy(midtrans::RetryPolicy::none())
        .transport(mock.clone())
        .build()
        .unwrap();
    let card = CardTokenRequest::card(canary::CARD, "12", "2030", canary::CVV);
    let saved = CardTokenRequest::saved(canary::SAVED, canary::CVV);
    let register = CardRegisterRequest::new(canary::CARD, "12", "2030");
    let untyped_card = serde_json::json!({"card_number": canary::CARD, "card_exp_month": "12",
        "card_exp_year": "2030", "card_cvv": canary::CVV, "token_id": canary::TOKEN});
    let charge = ChargeRequest::builder(
        TransactionDetails::new("order-canary", Idr::new(10_000)),
        CreditCard::new(canary::TOKEN),
    )
    .build()
    .unwrap();
    let untyped_charge = serde_json::json!({"payment_type": "credit_card",
        "credit_card": {"token_id": canary::TOKEN, "card_number": canary::CARD, "card_cvv": canary::CVV},
        "transaction_details": {"order_id": "order-canary", "gross_amount": 10000}});
    let pending = [
        format!(
            "{:?}",
            client
                .core()
                .card_token(&card)
                .header("X-Secret", canary::HEADER)
        ),
        format!("{:?}", client.core().card_token(&saved)),
        format!("{:?}", client.core().card_token(&untyped_card)),
        format!("{:?}", client.core().card_register(&register)),
        format!("{:?}", client.core().card_point_inquiry(canary::TOKEN)),
        format!(
            "{:?}",
            client
                .core()
                .charge(&charge)
                .header("Authorization-Extra", canary::HEADER)
        ),
        format!("{:?}", client.core().charge(&untyped_charge)),
    ];
    // What a request is stays readable: the method, path, masked card number, header names.
    for (text, expected) in pending.iter().zip([
        &[
            "GET",
            "/v2/token",
            "481111******1114",
            "card_cvv",
            "X-Secret",
        ][..],
        &["token_id", "[redacted]"],
        &["481111******1114"],
        &["/v2/card/register", "481111******1114"],
        &["/v2/point_inquiry/[redacted]"],
        &["POST", "/v2/charge", "bytes", "Authorization-Extra"],
        &["POST", "/v2/charge", "bytes"],
    ]) {
        for part in expected {
            assert!(text.contains(part), "{part} in {text}");
        }
    }
    for text in pending {
        show("pending request Debug", text);
    }

    // Google Pay: the token holds the encrypted card, the JWT is a credential.
    let google_token: midtrans::types::google_pay::GooglePayToken = serde_json::from_value(
        serde_json::json!({"protocolVersion": "ECv2", "signature": canary::TOKEN,
            "intermediateSigningKey": {"signedKey": "{}", "signatures": ["MEYC"]},
            "signedMessage": format!("{{\"encryptedMessage\":\"{}\"}}", canary::CARD)}),
    )
    .unwrap();
    let google_charge = midtrans::types::google_pay::GooglePayCharge::builder(
        TransactionDetails::new("order-canary-gp", Idr::new(10_002)),
        google_token.clone(),
    )
    .build()
    .unwrap();
    show("Google Pay token Debug", format!("{google_token:?}"));
    show("Google Pay charge Debug", format!("{google_charge:?}"));
    show(
        "Google Pay pending charge Debug",
        format!("{:?}", client.google_pay().charge(&google_charge)),
    );
    let jwt: midtrans::types::google_pay::GooglePayJwt =
        serde_json::from_value(serde_json::json!({"authJwt": canary::TOKEN})).unwrap();
    show("Google Pay JWT Debug", format!("{jwt:?}"));

    // Requests recorded by the mock transport.
    mock.push_json(200, r#"{"status_code":"200","token_id":"t"}"#);
    client.core().card_token(&card).send().await.unwrap();
    show("mock transport Debug", format!("{mock:?}"));

    // Answers that echo the key, escaped as a JSON encoder may write it.
    let escaped_key = |escape_at: usize| -> String {
        CANARY
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if i % escape_at == 0 {
                    format!("\\u{:04X}", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect()
    };
    let [_, basic, _] = forms();
    let escaped_basic = basic.replacen('U', "\\u0055", 1).replace('/', "\\/");
    let echo = format!(
        r#"{{"status_code":"401","status_message":"no {}","validation_messages":["{}"],"id":"{}","note":"Basic {escaped_basic}"}}"#,
        escaped_key(1),
        escaped_key(3),
        escaped_key(7)
    );
    for status in [200, 401] {
        mock.push_json(status, echo.clone());
    }
    mock.push_json(
        200,
        format!(
            r#"{{"status_code":"200","gross_amount":"{}"}}"#,
            escaped_key(2)
        ),
    );
    for _ in 0..3 {
        let error = client
            .transactions()
            .status("order-1")
            .send()
            .await
            .unwrap_err();
        show("error Display", error.to_string());
        show("error Debug", format!("{error:?}"));
        if let Some(raw) = error.raw_body() {
            show("error raw body", String::from_utf8_lossy(raw).into_owned());
        }
    }

    // The types themselves.
    let subscription = SubscriptionRequest::credit_card(
        "canary",
        Idr::new(1_000),
        &SavedTokenId::new(canary::SAVED),
        Schedule::new(1, IntervalUnit::Month),
    )
    .build()
    .unwrap();
    let update = SubscriptionUpdate::builder()
        .token(canary::SAVED)
        .build()
        .unwrap();
    let transaction: midtrans::types::Transaction = serde_json::from_value(serde_json::json!({
        "status_code": "200", "saved_token_id": canary::SAVED}))
    .unwrap();
    for (what, text) in [
        ("card token request", format!("{card:?} {saved:?}")),
        ("card register request", format!("{register:?}")),
        ("charge request", format!("{charge:?}")),
        (
            "subscription request",
            format!("{subscription:?} {update:?}"),
        ),
        (
            "token ids",
            format!(
                "{:?} {:?}",
                TokenId::new(canary::TOKEN),
                SavedTokenId::new(canary::SAVED)
            ),
        ),
        ("transaction", format!("{transaction:?}")),
    ] {
        show(what, text);
    }

    assert!(shown.len() >= 30, "{} outputs looked at", shown.len());
    let leaks: Vec<String> = shown
        .iter()
        .flat_map(|(what, text)| canaries_in(what, text))
        .collect();
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
}
