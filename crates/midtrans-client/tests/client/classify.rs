//! The classifier, table-driven: HTTP status × body `status_code` → outcome, through the whole
//! pipeline (mock transport → classifier → untyped answer).

use midtrans::transport::MockTransport;
use midtrans::Error;

use crate::mock_client;

const HTTP: [u16; 7] = [200, 201, 400, 401, 404, 500, 502];

/// Rows: body `status_code` (None = absent). Columns: the HTTP statuses above.
/// "ok" = success; "decode" = Error::Decode; "N" = Error::Api whose code() is N.
const TABLE: &[(Option<&str>, [&str; 7])] = &[
    (None, ["ok", "ok", "400", "401", "404", "500", "502"]),
    (Some("200"), ["ok", "ok", "400", "401", "404", "500", "502"]),
    (Some("201"), ["ok", "ok", "400", "401", "404", "500", "502"]),
    (Some("202"), ["ok", "ok", "400", "401", "404", "500", "502"]),
    (
        Some("400"),
        ["400", "400", "400", "400", "400", "400", "400"],
    ),
    (
        Some("406"),
        ["406", "406", "406", "406", "406", "406", "406"],
    ),
    (Some("407"), ["ok", "ok", "400", "401", "404", "500", "502"]),
    (
        Some("412"),
        ["412", "412", "412", "412", "412", "412", "412"],
    ),
    (
        Some("500"),
        ["500", "500", "500", "500", "500", "500", "500"],
    ),
    (
        Some("abc"),
        ["decode", "decode", "400", "401", "404", "500", "502"],
    ),
];

fn outcome(result: &Result<serde_json::Value, Error>) -> String {
    match result {
        Ok(_) => "ok".to_owned(),
        Err(Error::Decode(_)) => "decode".to_owned(),
        Err(Error::Api(api)) => api.code().to_string(),
        Err(other) => format!("unexpected {other:?}"),
    }
}

async fn call(http: u16, body: &str) -> Result<serde_json::Value, Error> {
    let mock = MockTransport::new();
    mock.push_json(http, body);
    mock_client(&mock)
        .transactions()
        .status("order-1")
        .send_value()
        .await
}

#[tokio::test]
async fn http_status_times_body_status_code() {
    for (code, row) in TABLE {
        for (http, expected) in HTTP.iter().zip(row) {
            let body = match code {
                Some(code) => format!(r#"{{"status_code":"{code}","status_message":"m"}}"#),
                None => r#"{"status_message":"m"}"#.to_owned(),
            };
            let result = call(*http, &body).await;
            assert_eq!(
                &outcome(&result),
                expected,
                "HTTP {http}, status_code {code:?}"
            );
            if let Err(Error::Api(api)) = &result {
                assert_eq!(api.http_status(), *http);
                assert_eq!(api.status_code().map(|c| c.as_str()), *code);
                assert_eq!(api.message(), Some("m"));
                assert_eq!(api.raw_body(), body.as_bytes());
            }
        }
    }
}

#[tokio::test]
async fn a_numeric_status_code_counts_like_a_string() {
    let result = call(200, r#"{"status_code":406,"status_message":"duplicate"}"#).await;
    assert_eq!(outcome(&result), "406");
}

#[tokio::test]
async fn only_the_top_level_status_code_counts_wherever_it_stands() {
    let cases = [
        (
            r#"{"actions":[{"status_code":"500"}],"detail":{"status_code":"406"},"status_code":"201"}"#,
            "ok",
        ),
        (
            r#"{"detail":{"status_code":"200"},"status_message":"m","status_code":"406"}"#,
            "406",
        ),
        (r#"{"status_message":"m","status\u005fcode":"412"}"#, "412"),
    ];
    for (body, expected) in cases {
        assert_eq!(outcome(&call(200, body).await), expected, "{body}");
    }
}

#[tokio::test]
async fn non_json_bodies() {
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let cases: [(u16, &str, &str); 6] = [
        (502, html, "502"),
        (200, html, "decode"),
        (200, "", "decode"),
        (500, "", "500"),
        (
            200,
            r#"{"status_code":"200","transaction_id":"ab"#,
            "decode",
        ),
        (404, r#"{"status_code":"404","#, "404"),
    ];
    for (http, body, expected) in cases {
        let result = call(http, body).await;
        assert_eq!(outcome(&result), expected, "HTTP {http}, body {body:?}");
        assert_eq!(result.unwrap_err().raw_body(), Some(body.as_bytes()));
    }
}

#[tokio::test]
async fn error_bodies_of_every_product_keep_their_messages() {
    let cases = [
        (
            400,
            r#"{"error_messages":["transaction_details.gross_amount is not equal to the sum of item_details"]}"#,
            "transaction_details.gross_amount is not equal to the sum of item_details",
        ),
        (
            404,
            r#"{"status_message":"Subscription doesn't exist."}"#,
            "Subscription doesn't exist.",
        ),
        (
            404,
            r#"{"errors":[{"message_title":"not found","message":"not found"}]}"#,
            "not found",
        ),
        (
            200,
            r#"{"status_code":"400","status_message":"One or more parameters in the payload is invalid.","validation_messages":["card_exp_year must be greater than this year"],"id":"4145737f"}"#,
            "One or more parameters in the payload is invalid.",
        ),
    ];
    for (http, body, message) in cases {
        let err = call(http, body).await.unwrap_err();
        let api = err.as_api().unwrap();
        assert_eq!(api.message(), Some(message), "{body}");
    }
    let err = call(200, &crate::sample("card_token_error_400_response.json"))
        .await
        .unwrap_err();
    let api = err.as_api().unwrap();
    assert_eq!(
        api.messages(),
        ["card_number does not match with luhn algorithm"]
    );
    assert_eq!(api.id(), Some("4145737f-deb2-408a-86c1-725f29304d74"));
}

#[tokio::test]
async fn typed_decode_failure_keeps_the_raw_body() {
    let mock = MockTransport::new();
    mock.push_json(
        200,
        r#"{"status_code":"200","gross_amount":"not a number"}"#,
    );
    let err = mock_client(&mock)
        .transactions()
        .status("o")
        .send()
        .await
        .unwrap_err();
    let Error::Decode(decode) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        decode.raw_body(),
        br#"{"status_code":"200","gross_amount":"not a number"}"#
    );
    assert!(err.to_string().contains("may have taken effect"), "{err}");
}

#[tokio::test]
async fn non_utf8_bodies_are_decode_errors() {
    let result = call(200, "").await;
    assert_eq!(outcome(&result), "decode");
    let mock = MockTransport::new();
    mock.push_json(200, vec![0xFF, 0xFE, b'{', 0x80]);
    let err = mock_client(&mock)
        .transactions()
        .status("o")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
    assert_eq!(
        err.raw_body(),
        Some(&[0xFF, 0xFE, b'{', 0x80][..]),
        "kept as received, not lossily"
    );
}

#[tokio::test]
async fn an_html_404_is_not_a_midtrans_not_found() {
    let err = call(404, "<html><body>Not Found</body></html>")
        .await
        .unwrap_err();
    let api = err.as_api().unwrap();
    assert_eq!(api.http_status(), 404);
    assert!(
        !api.is_not_found(),
        "a wrong base URL is not 'transaction not found'"
    );
    let err = call(
        200,
        r#"{"status_code":"404","status_message":"Transaction doesn't exist."}"#,
    )
    .await
    .unwrap_err();
    assert!(err.as_api().unwrap().is_not_found());
}

#[tokio::test]
async fn duplicate_keys_are_undecodable_on_every_path() {
    use midtrans::types::charge::{BankTransfer, ChargeRequest};
    use midtrans::types::{Idr, TransactionDetails};
    // Two of a field the classifier reads: which one counts cannot be told, so neither does.
    let bodies = [
        r#"{"status_code":"200","status_code":"500"}"#,
        r#"{"status_code":"406","status_message":"duplicate","transaction_status":"pending","status_code":"201"}"#,
        r#"{"status\u005fcode":"201","token":"t","redirect_url":"u","status_code":"401"}"#,
        r#"{"token":"t","redirect_url":"u","status_code":"201","status_message":"a","status_message":"b"}"#,
        r#"{"status_code":"400","validation_messages":["a"],"validation_message":["b"]}"#,
        r#"{"error_messages":["a"],"token":"t","redirect_url":"u","error_messages":["b"]}"#,
        r#"{"status_code":"200","id":"a","token":"t","redirect_url":"u","id":"b"}"#,
    ];
    let charge = ChargeRequest::builder(
        TransactionDetails::new("order-dup", Idr::new(1_000)),
        BankTransfer::bca(),
    )
    .build()
    .unwrap();
    for body in bodies {
        for http in [200, 201, 400, 500] {
            let mock = MockTransport::new();
            for _ in 0..5 {
                mock.push_json(http, body);
            }
            let client = mock_client(&mock);
            let results: [(&str, Result<(), Error>, bool); 5] = [
                (
                    "typed",
                    client.transactions().status("o").send().await.map(drop),
                    false,
                ),
                (
                    "untyped",
                    client
                        .transactions()
                        .status("o")
                        .send_value()
                        .await
                        .map(drop),
                    false,
                ),
                (
                    "snap",
                    client
                        .snap()
                        .create_transaction(serde_json::json!({}))
                        .send()
                        .await
                        .map(drop),
                    true,
                ),
                (
                    "snap token",
                    client
                        .snap()
                        .create_transaction_token(serde_json::json!({}))
                        .send()
                        .await
                        .map(drop),
                    true,
                ),
                (
                    "charge",
                    client.core().charge(&charge).send().await.map(drop),
                    true,
                ),
            ];
            for (path, result, write) in results {
                let case = format!("{path}, HTTP {http}, {body}");
                match result {
                    Err(err @ Error::Decode(_)) => {
                        assert_eq!(err.outcome_unknown(), write, "{case}");
                        assert_eq!(err.raw_body(), Some(body.as_bytes()), "{case}");
                        assert!(err.to_string().contains("more than once"), "{case}: {err}");
                    }
                    other => panic!("{case}: {other:?}"),
                }
            }
        }
    }
    // Fields the classifier does not read may repeat in a typed answer's extras as before;
    // the untyped answer refuses any repeated key, at any depth.
    let mock = MockTransport::new();
    mock.push_json(200, r#"{"status_code":"200","note":"a","note":"b"}"#);
    mock.push_json(
        200,
        r#"{"status_code":"200","va_numbers":[{"bank":"bca","bank":"bni"}]}"#,
    );
    let client = mock_client(&mock);
    for _ in 0..2 {
        let err = client
            .transactions()
            .status("o")
            .send_value()
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Decode(_)), "{err:?}");
    }
}

#[tokio::test]
async fn an_api_error_says_why_and_names_the_codes_users_branch_on() {
    // `validation_messages` hold the reason: Display shows them after the status message.
    let err = call(
        400,
        r#"{"status_code":"400","status_message":"One or more parameters in the payload is invalid.","validation_messages":["transaction_details.gross_amount is not equal to the sum of item_details","transaction_details.order_id is required"],"id":"trace-1"}"#,
    )
    .await
    .unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.contains(
            "One or more parameters in the payload is invalid. (transaction_details.gross_amount \
             is not equal to the sum of item_details; transaction_details.order_id is required)"
        ),
        "{shown}"
    );
    assert!(err.as_api().unwrap().is_validation());
    // Snap's error_messages: the first is the message, the rest follow it.
    let err = call(400, r#"{"error_messages":["transaction_details.gross_amount is required","transaction_details.order_id is required"]}"#)
        .await
        .unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.contains(": transaction_details.gross_amount is required (transaction_details.order_id is required)"),
        "{shown}"
    );
    // The BIN API's errors keep their title.
    let err = call(
        404,
        r#"{"errors":[{"message_title":"Data not found","message":"BIN 999999 not found"}]}"#,
    )
    .await
    .unwrap_err();
    let api = err.as_api().unwrap();
    assert_eq!(api.message_title(), Some("Data not found"));
    assert_eq!(api.message(), Some("BIN 999999 not found"));

    // Each helper answers for its code and no other.
    type Helper = fn(&midtrans::ApiError) -> bool;
    let helpers: [(&str, Helper, &[u16]); 10] = [
        ("is_validation", midtrans::ApiError::is_validation, &[400]),
        (
            "is_unauthorized",
            midtrans::ApiError::is_unauthorized,
            &[401],
        ),
        (
            "is_channel_inactive",
            midtrans::ApiError::is_channel_inactive,
            &[402],
        ),
        ("is_not_found", midtrans::ApiError::is_not_found, &[404]),
        ("is_duplicate", midtrans::ApiError::is_duplicate, &[406]),
        (
            "is_token_invalid",
            midtrans::ApiError::is_token_invalid,
            &[411],
        ),
        (
            "is_status_conflict",
            midtrans::ApiError::is_status_conflict,
            &[412],
        ),
        (
            "is_refund_refused",
            midtrans::ApiError::is_refund_refused,
            &[414],
        ),
        (
            "is_rate_limited",
            midtrans::ApiError::is_rate_limited,
            &[429],
        ),
        (
            "is_server_error",
            midtrans::ApiError::is_server_error,
            &[500, 502, 503],
        ),
    ];
    for code in [
        400, 401, 402, 404, 406, 409, 411, 412, 413, 414, 429, 500, 502, 503,
    ] {
        let body = format!(r#"{{"status_code":"{code}","status_message":"m"}}"#);
        let err = call(200, &body).await.unwrap_err();
        let api = err.as_api().unwrap();
        for (name, helper, codes) in &helpers {
            assert_eq!(helper(api), codes.contains(&code), "{name} for {code}");
        }
    }
}
