//! SNAP-BI, under `/snap-bi/v1.0/…`: access tokens that expire, the merchant's signatures
//! checked as Midtrans checks them (SHA256withRSA on the token call with the merchant's public
//! key, HMAC-SHA512 with the client secret on every other call), `X-EXTERNAL-ID` as the
//! idempotency key, direct debit, virtual accounts and QRIS kept in the same transaction store
//! as the Core API (paid and expired through the control API), and notifications signed with
//! the simulator's key.
//!
//! It accepts what the official SDKs send: timestamps in any offset, with or without
//! milliseconds; `grant_type` or `grantType`; an empty `X-DEVICE-ID` and `debug-id`; no
//! `X-EXTERNAL-ID`; a new token for every call.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use base64::Engine as _;
use ring::signature::{self, RsaKeyPair};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{PrivateKeyDer, SubjectPublicKeyInfoDer};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use super::state::{Order, Waiting};
use super::{Call, Delivery, Reply, Simulator};
use crate::ids::{core_time, now};
use midtrans_types::snap_bi::minify;

/// The simulator's own key pair, standing in for Midtrans's: notifications are signed with
/// the private key; merchants verify them with [`crate::snap_bi::SIMULATOR_PUBLIC_KEY`].
const SIMULATOR_PRIVATE_KEY: &str =
    include_str!("../assets/snap_bi/simulator-test-private-key.pem");

/// The most tokens and external ids remembered; the oldest go first.
const MAX_REMEMBERED: usize = 50_000;

/// What SNAP-BI adds to a transaction.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SnapBiOrder {
    pub(crate) product: Product,
    /// The merchant's `X-EXTERNAL-ID` of the creating call.
    pub(crate) external_id: String,
    /// The request's `merchantId` (or the VA's `additionalInfo.merchantId`).
    pub(crate) merchant_id: String,
    /// VA only: the account as created.
    pub(crate) account: Option<Value>,
}

/// Which SNAP-BI product a transaction is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Product {
    DirectDebit,
    Va,
    Qris,
}

impl Product {
    /// The path under the merchant's notification URL Midtrans posts to.
    fn notify_path(self) -> &'static str {
        match self {
            Product::DirectDebit => "/v1.0/debit/notify",
            Product::Qris => "/v1.0/qr/qr-mpm-notify",
            Product::Va => "/v1.0/transfer-va/payment",
        }
    }
}

/// SNAP-BI's own records: issued tokens and the transaction each external id created.
#[derive(Debug, Default)]
pub(crate) struct SnapBiState {
    tokens: HashMap<String, Instant>,
    token_log: VecDeque<String>,
    external: HashMap<String, String>,
    external_log: VecDeque<String>,
    /// Customer tokens of bound accounts.
    customers: HashMap<String, String>,
    /// Access tokens issued since the start.
    issued: u64,
}

impl SnapBiState {
    fn issue(&mut self, token: String, until: Instant) {
        if self.token_log.len() >= MAX_REMEMBERED {
            if let Some(old) = self.token_log.pop_front() {
                self.tokens.remove(&old);
            }
        }
        self.token_log.push_back(token.clone());
        self.tokens.insert(token, until);
        self.issued = self.issued.saturating_add(1);
    }

    fn remember(&mut self, external_id: &str, transaction_id: &str) {
        if self.external_log.len() >= MAX_REMEMBERED {
            if let Some(old) = self.external_log.pop_front() {
                self.external.remove(&old);
            }
        }
        self.external_log.push_back(external_id.to_owned());
        self.external
            .insert(external_id.to_owned(), transaction_id.to_owned());
    }
}

/// A SNAP-BI answer: HTTP status from the code's first three digits.
fn answer(code: &str, message: &str, mut fields: Map<String, Value>) -> Reply {
    let status = code.get(..3).and_then(|s| s.parse().ok()).unwrap_or(500);
    fields.insert("responseCode".into(), code.into());
    fields.insert("responseMessage".into(), message.into());
    Reply::Json(status, Value::Object(fields))
}

fn error(code: String, message: &str) -> Reply {
    answer(&code, message, Map::new())
}

/// `{value, currency}` of whole rupiah.
fn money(amount: u64) -> Value {
    json!({"value": format!("{amount}.00"), "currency": "IDR"})
}

/// Reads `{value: "1500.00", currency: "IDR"}` as whole rupiah.
fn amount(value: &Value) -> Option<u64> {
    let text = value["value"].as_str()?;
    let (whole, cents) = text.split_once('.').unwrap_or((text, "00"));
    if cents.trim_end_matches('0').is_empty()
        && value["currency"].as_str().unwrap_or("IDR") == "IDR"
    {
        whole.parse().ok().filter(|a| *a > 0)
    } else {
        None
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `text` is an ISO-8601 time with an offset (`+07:00`, `Z`), milliseconds or not,
/// and within `skew` of now when a skew is set.
fn valid_timestamp(text: &str, skew: Option<Duration>) -> bool {
    let Ok(at) = chrono::DateTime::parse_from_rfc3339(text) else {
        return false;
    };
    skew.is_none_or(|skew| {
        let off = (chrono::Utc::now().timestamp() - at.timestamp()).unsigned_abs();
        off <= skew.as_secs()
    })
}

/// The RSAPublicKey inside a PEM `PUBLIC KEY`.
pub(crate) fn rsa_public_key(pem: &str) -> Option<Vec<u8>> {
    use spki::der::Decode as _;
    let der = SubjectPublicKeyInfoDer::from_pem_slice(pem.as_bytes()).ok()?;
    let info = spki::SubjectPublicKeyInfoRef::from_der(der.as_ref()).ok()?;
    info.subject_public_key.as_bytes().map(<[u8]>::to_vec)
}

/// The SNAP service code of each operation, and whether its repeats are answered from the
/// idempotency store (payments, reads) or refused as a conflict (account linking).
fn service(op: &[&str]) -> Option<(&'static str, bool)> {
    Some(match op {
        ["debit", "payment-host-to-host"] => ("54", true),
        ["debit", "status"] => ("55", true),
        ["debit", "refund"] => ("58", true),
        ["debit", "cancel"] => ("57", true),
        ["transfer-va", "create-va"] => ("27", true),
        ["transfer-va", "status"] => ("26", true),
        ["transfer-va", "delete-va"] => ("31", true),
        ["qr", "qr-mpm-generate"] => ("47", true),
        ["qr", "qr-mpm-query"] => ("51", true),
        ["qr", "qr-mpm-refund"] => ("78", true),
        ["qr", "qr-mpm-cancel"] => ("77", true),
        ["registration-account-binding"] => ("07", false),
        ["registration-account-unbinding"] => ("09", false),
        ["registration-account-inquiry"] => ("08", true),
        ["transaction-history-list"] => ("12", true),
        _ => return None,
    })
}

impl Simulator {
    fn snap_bi_state(&self) -> std::sync::MutexGuard<'_, SnapBiState> {
        self.snap_bi
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// How many SNAP-BI access tokens were issued since the start.
    pub(crate) fn snap_bi_tokens_issued(&self) -> u64 {
        self.snap_bi_state().issued
    }

    /// `POST /_mock/snap_bi/expire_tokens`: every access token issued so far stops being
    /// accepted, as when Midtrans expires one early; the next call is answered 401.
    pub(super) fn snap_bi_expire_tokens(&self) -> Reply {
        let mut state = self.snap_bi_state();
        let expired = state.tokens.len();
        state.tokens.clear();
        state.token_log.clear();
        Reply::Json(200, json!({"expired": expired}))
    }

    /// Every call under `/snap-bi`: `rest` is the path after it (`["v1.0", "debit", …]`).
    pub(crate) fn snap_bi(&self, call: &Call, rest: &[&str], core: &str) -> (Reply, Vec<Delivery>) {
        if call.method != http::Method::POST {
            return (error("4040000".into(), "Not Found"), Vec::new());
        }
        match rest {
            ["v1.0", "access-token", "b2b"] => (self.access_token(call), Vec::new()),
            ["v1.0", op @ ..] => match service(op) {
                Some((code, idempotent)) => {
                    let path = format!("/v1.0/{}", op.join("/"));
                    self.signed_call(call, &path, code, idempotent, core)
                }
                None => (error("4040000".into(), "Not Found"), Vec::new()),
            },
            _ => (error("4040000".into(), "Not Found"), Vec::new()),
        }
    }

    /// `POST /v1.0/access-token/b2b`: checks `X-CLIENT-KEY`, `X-TIMESTAMP` and the RSA
    /// signature over `client id|timestamp`, then issues a token valid for the configured time.
    fn access_token(&self, call: &Call) -> Reply {
        let config = &self.config;
        let Some(timestamp) = call
            .header("x-timestamp")
            .filter(|t| valid_timestamp(t, self.config.snap_bi_max_clock_skew))
        else {
            return error("4007301".into(), "Invalid Field Format [X-TIMESTAMP]");
        };
        if call.header("x-client-key") != Some(config.snap_bi_client_id.as_str()) {
            return error("4017300".into(), "Unauthorized. [Unknown client]");
        }
        let message = format!("{}|{timestamp}", config.snap_bi_client_id);
        let verified = call
            .header("x-signature")
            .and_then(|s| {
                base64::engine::general_purpose::STANDARD
                    .decode(s.trim())
                    .ok()
            })
            .zip(self.snap_bi_merchant_key.as_ref())
            .is_some_and(|(signature, key)| {
                signature::UnparsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, key)
                    .verify(message.as_bytes(), &signature)
                    .is_ok()
            });
        if !verified {
            return error("4017300".into(), "Unauthorized. [Signature]");
        }
        let body: Value = serde_json::from_slice(&call.body).unwrap_or(Value::Null);
        let grant = body["grant_type"].as_str().or(body["grantType"].as_str());
        if grant != Some("client_credentials") {
            return error("4007302".into(), "Invalid Mandatory Field [grantType]");
        }
        let token = format!("mock-snapbi-{}", self.rng.alphanumeric(40));
        let lifetime = config.snap_bi_token_lifetime;
        self.snap_bi_state()
            .issue(token.clone(), Instant::now() + lifetime);
        let mut fields = Map::new();
        fields.insert("accessToken".into(), token.into());
        fields.insert("tokenType".into(), "Bearer".into());
        fields.insert("expiresIn".into(), lifetime.as_secs().to_string().into());
        answer("2007300", "Successful", fields)
    }

    /// A transactional call: token, timestamp and HMAC checked, the external id replayed or
    /// refused, then the operation.
    fn signed_call(
        &self,
        call: &Call,
        path: &str,
        code: &str,
        idempotent: bool,
        core: &str,
    ) -> (Reply, Vec<Delivery>) {
        let Some(timestamp) = call
            .header("x-timestamp")
            .filter(|t| valid_timestamp(t, self.config.snap_bi_max_clock_skew))
        else {
            return (
                error(format!("400{code}01"), "Invalid Field Format [X-TIMESTAMP]"),
                Vec::new(),
            );
        };
        let token = call
            .header("authorization")
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or_default();
        let live = self
            .snap_bi_state()
            .tokens
            .get(token)
            .is_some_and(|until| Instant::now() < *until);
        if !live {
            return (
                error(format!("401{code}01"), "Invalid Token (B2B)"),
                Vec::new(),
            );
        }
        let text = format!(
            "POST:{path}:{token}:{}:{timestamp}",
            sha256_hex(&minify(&call.body))
        );
        let key = ring::hmac::Key::new(
            ring::hmac::HMAC_SHA512,
            self.config.snap_bi_client_secret.as_bytes(),
        );
        let verified = call
            .header("x-signature")
            .and_then(|s| {
                base64::engine::general_purpose::STANDARD
                    .decode(s.trim())
                    .ok()
            })
            .is_some_and(|sig| ring::hmac::verify(&key, text.as_bytes(), &sig).is_ok());
        if !verified {
            return (
                error(format!("401{code}00"), "Unauthorized. [Signature]"),
                Vec::new(),
            );
        }
        let Ok(body) = serde_json::from_slice::<Value>(&call.body) else {
            return (
                error(format!("400{code}01"), "Invalid Field Format [body]"),
                Vec::new(),
            );
        };
        // X-EXTERNAL-ID: a repeat of a successful payment gets its first answer; account
        // linking refuses a reuse.
        let external = call
            .header("x-external-id")
            .filter(|id| !id.is_empty())
            .map(|id| format!("snap-bi:{id}"));
        if let Some(key) = &external {
            let stored = self.state().idempotency.get(key).map(|r| r.reply.clone());
            match stored {
                Some(Some(reply)) if idempotent => return (reply, Vec::new()),
                Some(_) => {
                    return (
                        error(
                            format!("409{code}00"),
                            "Conflict. Cannot use same X-EXTERNAL-ID",
                        ),
                        Vec::new(),
                    )
                }
                None => {}
            }
        }
        let external_id = call.header("x-external-id").unwrap_or_default();
        let (reply, deliveries) = self.operation(path, code, &body, external_id, call, core);
        if let Some(key) = external {
            if (200..300).contains(&reply.status()) {
                let limits = self.limits();
                self.state()
                    .remember_key(key, Instant::now(), Some(reply.clone()), limits);
            }
        }
        (reply, deliveries)
    }

    fn operation(
        &self,
        path: &str,
        code: &str,
        body: &Value,
        external_id: &str,
        call: &Call,
        core: &str,
    ) -> (Reply, Vec<Delivery>) {
        let missing = |field: &str| {
            (
                error(
                    format!("400{code}02"),
                    &format!("Invalid Mandatory Field [{field}]"),
                ),
                Vec::new(),
            )
        };
        match path {
            "/v1.0/debit/payment-host-to-host" => {
                let Some(reference) = body["partnerReferenceNo"].as_str() else {
                    return missing("partnerReferenceNo");
                };
                let pay = &body["payOptionDetails"][0];
                let Some(gross) = amount(&pay["transAmount"]) else {
                    return missing("payOptionDetails.transAmount");
                };
                let merchant = body["merchantId"].as_str().unwrap_or_default();
                let order = self.snap_bi_order(
                    Product::DirectDebit,
                    reference,
                    gross,
                    external_id,
                    merchant,
                    None,
                );
                let id = order.transaction_id.clone();
                self.store(order, external_id);
                let mut fields = Map::new();
                fields.insert("referenceNo".into(), id.clone().into());
                fields.insert("partnerReferenceNo".into(), reference.into());
                fields.insert(
                    "webRedirectUrl".into(),
                    format!("{core}/simulator/gopay/{id}").into(),
                );
                fields.insert(
                    "additionalInfo".into(),
                    json!({"paymentType": pay["payMethod"], "transactionTime": bi_time(now())}),
                );
                (
                    answer(&format!("200{code}00"), "Successful", fields),
                    Vec::new(),
                )
            }
            "/v1.0/qr/qr-mpm-generate" => {
                let Some(reference) = body["partnerReferenceNo"].as_str() else {
                    return missing("partnerReferenceNo");
                };
                let Some(gross) = amount(&body["amount"]) else {
                    return missing("amount");
                };
                let merchant = body["merchantId"].as_str().unwrap_or_default();
                let order = self.snap_bi_order(
                    Product::Qris,
                    reference,
                    gross,
                    external_id,
                    merchant,
                    None,
                );
                let id = order.transaction_id.clone();
                let content = match &order.waiting {
                    Waiting::Qr(payload) => payload.clone(),
                    _ => String::new(),
                };
                let image = crate::qr::png(&content)
                    .map(|png| base64::engine::general_purpose::STANDARD.encode(png))
                    .unwrap_or_default();
                self.store(order, external_id);
                let mut fields = Map::new();
                fields.insert("referenceNo".into(), id.clone().into());
                fields.insert("partnerReferenceNo".into(), reference.into());
                fields.insert("qrContent".into(), content.into());
                fields.insert(
                    "qrUrl".into(),
                    format!("{core}/v2/qris/{id}/qr-code").into(),
                );
                fields.insert("qrImage".into(), image.into());
                let acquirer = body["additionalInfo"]["acquirer"]
                    .as_str()
                    .unwrap_or("gopay");
                fields.insert("additionalInfo".into(), json!({"acquirer": acquirer}));
                (
                    answer(&format!("200{code}00"), "Successful", fields),
                    Vec::new(),
                )
            }
            "/v1.0/transfer-va/create-va" => {
                let Some(trx_id) = body["trxId"].as_str() else {
                    return missing("trxId");
                };
                let Some(gross) = amount(&body["totalAmount"]) else {
                    return missing("totalAmount");
                };
                let service_id = body["partnerServiceId"].as_str().unwrap_or_default();
                let random = body["additionalInfo"]["flags"]["shouldRandomizeVaNumber"]
                    .as_bool()
                    .unwrap_or(false);
                let customer_no = match body["customerNo"].as_str() {
                    Some(number) if !random && !number.is_empty() => number.to_owned(),
                    _ => self.rng.digits(10),
                };
                let mut account = body.clone();
                if let Value::Object(map) = &mut account {
                    map.insert("customerNo".into(), customer_no.clone().into());
                    map.insert(
                        "virtualAccountNo".into(),
                        format!("{service_id}{customer_no}").into(),
                    );
                    map.entry("expiredDate")
                        .or_insert_with(|| bi_time(now() + chrono::Duration::hours(24)).into());
                }
                let merchant = body["additionalInfo"]["merchantId"]
                    .as_str()
                    .unwrap_or_default();
                let order = self.snap_bi_order(
                    Product::Va,
                    trx_id,
                    gross,
                    external_id,
                    merchant,
                    Some(account.clone()),
                );
                self.store(order, external_id);
                let mut fields = Map::new();
                fields.insert("virtualAccountData".into(), account);
                (
                    answer(&format!("200{code}00"), "Successful", fields),
                    Vec::new(),
                )
            }
            "/v1.0/debit/status" | "/v1.0/qr/qr-mpm-query" => {
                match self.snap_bi_find(body, &["originalReferenceNo"], &["originalExternalId"]) {
                    Some(order) => {
                        let mut fields = status_fields(&order);
                        fields.insert("serviceCode".into(), body["serviceCode"].clone());
                        (
                            answer(&format!("200{code}00"), "Successful", fields),
                            Vec::new(),
                        )
                    }
                    None => not_found(code),
                }
            }
            "/v1.0/transfer-va/status" => {
                let trx = body["inquiryRequestId"].as_str().unwrap_or_default();
                match self
                    .state()
                    .latest(trx)
                    .cloned()
                    .filter(|o| o.snap_bi.is_some())
                {
                    Some(order) => {
                        let mut fields = Map::new();
                        fields.insert("virtualAccountData".into(), va_status(&order));
                        (
                            answer(&format!("200{code}00"), "Successful", fields),
                            Vec::new(),
                        )
                    }
                    None => not_found(code),
                }
            }
            "/v1.0/debit/cancel" | "/v1.0/qr/qr-mpm-cancel" | "/v1.0/transfer-va/delete-va" => {
                let found = if path.ends_with("delete-va") {
                    let trx = body["trxId"].as_str().unwrap_or_default();
                    self.state().resolve(trx)
                } else {
                    self.snap_bi_find(body, &["originalReferenceNo"], &["originalExternalId"])
                        .map(|o| o.transaction_id)
                };
                let Some(id) = found else {
                    return not_found(code);
                };
                self.snap_bi_transition(&id, code, "pending", |order| {
                    order.status = "cancel".into();
                })
            }
            "/v1.0/debit/refund" | "/v1.0/qr/qr-mpm-refund" => {
                let Some(id) = self
                    .snap_bi_find(body, &["originalReferenceNo"], &["originalExternalId"])
                    .map(|o| o.transaction_id)
                    .or_else(|| {
                        let reference = body["originalPartnerReferenceNo"].as_str()?;
                        self.state().resolve(reference)
                    })
                else {
                    return not_found(code);
                };
                let refund_no = body["partnerRefundNo"]
                    .as_str()
                    .unwrap_or(external_id)
                    .to_owned();
                let requested = body.get("refundAmount").and_then(amount);
                let reason = body["reason"].as_str().unwrap_or_default().to_owned();
                let mut refunded = None;
                let (reply, deliveries) =
                    self.snap_bi_transition(&id, code, "settlement", |order| {
                        let left = order.gross_amount.saturating_sub(order.refunded);
                        let value = requested.unwrap_or(left).min(left);
                        order.refunded = order.refunded.saturating_add(value);
                        order.status = if order.refunded >= order.gross_amount {
                            "refund".into()
                        } else {
                            "partial_refund".into()
                        };
                        order.refunds.push(json!({
                            "refundNo": format!("RF{}", order.refunds.len() + 1),
                            "partnerRefundNo": refund_no,
                            "refundAmount": money(value),
                            "refundStatus": "00",
                            "reason": reason,
                            "refundTime": bi_time(now()),
                        }));
                        refunded = Some(value);
                    });
                match (reply, refunded) {
                    (Reply::Json(status, Value::Object(mut fields)), Some(value)) => {
                        fields.insert("originalReferenceNo".into(), id.into());
                        fields.insert("partnerRefundNo".into(), refund_no.into());
                        fields.insert("refundNo".into(), self.rng.alphanumeric(16).into());
                        fields.insert("refundAmount".into(), money(value));
                        fields.insert("refundTime".into(), bi_time(now()).into());
                        (Reply::Json(status, Value::Object(fields)), deliveries)
                    }
                    (reply, _) => (reply, deliveries),
                }
            }
            "/v1.0/registration-account-binding" => {
                if body["authCode"].as_str().unwrap_or_default().is_empty() {
                    return missing("authCode");
                }
                let customer = format!("mock-customer-{}", self.rng.alphanumeric(32));
                self.snap_bi_state().customers.insert(
                    customer.clone(),
                    body["merchantId"].as_str().unwrap_or_default().to_owned(),
                );
                let mut fields = Map::new();
                fields.insert("referenceNo".into(), self.rng.uuid().into());
                fields.insert("accessTokenInfo".into(), json!({"accessToken": customer}));
                (
                    answer(&format!("200{code}00"), "Successful", fields),
                    Vec::new(),
                )
            }
            "/v1.0/registration-account-unbinding" | "/v1.0/registration-account-inquiry" => {
                let customer = call
                    .header("authorization-customer")
                    .and_then(|v| v.strip_prefix("Bearer "))
                    .unwrap_or_default()
                    .to_owned();
                let known = self.snap_bi_state().customers.contains_key(&customer);
                if !known {
                    return (
                        error(format!("401{code}02"), "Invalid Customer Token"),
                        Vec::new(),
                    );
                }
                let mut fields = Map::new();
                fields.insert("referenceNo".into(), self.rng.uuid().into());
                if path.ends_with("unbinding") {
                    self.snap_bi_state().customers.remove(&customer);
                } else {
                    fields.insert(
                        "additionalInfo".into(),
                        json!({"paymentOptions": [{"name": "GOPAY_WALLET", "active": true, "balance": {"value": 1_000_000, "currency": "IDR"}, "token": self.rng.uuid()}]}),
                    );
                }
                (
                    answer(&format!("200{code}00"), "Successful", fields),
                    Vec::new(),
                )
            }
            "/v1.0/transaction-history-list" => {
                let detail: Vec<Value> = self
                    .state()
                    .transactions
                    .values()
                    .filter(|o| o.snap_bi.is_some())
                    .take(body["pageSize"].as_u64().unwrap_or(100).min(1000) as usize)
                    .map(|o| {
                        json!({
                            "dateTime": o.transaction_time,
                            "amount": money(o.gross_amount),
                            "status": o.status.to_uppercase(),
                            "type": "PAYMENT",
                            "additionalInfo": {"referenceNo": o.transaction_id, "partnerReferenceNo": o.order_id},
                        })
                    })
                    .collect();
                let mut fields = Map::new();
                fields.insert("detailData".into(), detail.into());
                (
                    answer(&format!("200{code}00"), "Successful", fields),
                    Vec::new(),
                )
            }
            _ => (error("4040000".into(), "Not Found"), Vec::new()),
        }
    }

    /// A new pending SNAP-BI transaction.
    fn snap_bi_order(
        &self,
        product: Product,
        order_id: &str,
        gross: u64,
        external_id: &str,
        merchant_id: &str,
        account: Option<Value>,
    ) -> Order {
        let transaction_id = format!(
            "A1{}{}ID",
            now().format("%Y%m%d%H%M%S"),
            self.rng.alphanumeric(12)
        );
        let (payment_type, waiting) = match product {
            Product::DirectDebit => ("gopay", Waiting::Nothing),
            Product::Qris => (
                "qris",
                Waiting::Qr(crate::qr::qris_payload(
                    &self.config.merchant_id,
                    &transaction_id,
                    gross,
                )),
            ),
            Product::Va => ("bank_transfer", Waiting::Nothing),
        };
        let notify = self
            .config
            .snap_bi_notification_url
            .iter()
            .map(|base| format!("{}{}", base.trim_end_matches('/'), product.notify_path()))
            .collect();
        Order {
            order_id: order_id.to_owned(),
            transaction_id,
            payment_type: payment_type.to_owned(),
            gross_amount: gross,
            status: "pending".into(),
            fraud: Some("accept".into()),
            transaction_time: core_time(now()),
            settlement_time: None,
            fields: Map::new(),
            refunds: Vec::new(),
            refunded: 0,
            refund_keys: Vec::new(),
            notify,
            custom: Map::new(),
            waiting,
            history: Vec::new(),
            snap: None,
            snap_bi: Some(SnapBiOrder {
                product,
                external_id: external_id.to_owned(),
                merchant_id: merchant_id.to_owned(),
                account,
            }),
        }
    }

    fn store(&self, order: Order, external_id: &str) {
        let id = order.transaction_id.clone();
        let limits = self.limits();
        self.state().insert_order(order, limits);
        if !external_id.is_empty() {
            self.snap_bi_state().remember(external_id, &id);
        }
    }

    /// The SNAP-BI transaction a body names by Midtrans's reference or by external id.
    fn snap_bi_find(
        &self,
        body: &Value,
        by_reference: &[&str],
        by_external: &[&str],
    ) -> Option<Order> {
        let reference = by_reference.iter().find_map(|k| body[*k].as_str());
        let external = by_external
            .iter()
            .find_map(|k| body[*k].as_str())
            .and_then(|id| self.snap_bi_state().external.get(id).cloned());
        let state = self.state();
        reference
            .and_then(|id| state.transactions.get(id))
            .or_else(|| external.and_then(|id| state.transactions.get(&id)))
            .filter(|o| o.snap_bi.is_some())
            .cloned()
    }

    /// Changes a transaction in status `from`, answering `200{code}00` with its notification,
    /// or `403{code}15` "Transaction Not Permitted" from any other status.
    fn snap_bi_transition(
        &self,
        id: &str,
        code: &str,
        from: &str,
        change: impl FnOnce(&mut Order),
    ) -> (Reply, Vec<Delivery>) {
        let changed = self.state().update_order(id, |order| {
            let allowed =
                order.status == from || (from == "settlement" && order.status == "partial_refund");
            allowed.then(|| {
                change(order);
                order.clone()
            })
        });
        match changed {
            Some(Some(order)) => {
                let mut fields = Map::new();
                fields.insert(
                    "originalReferenceNo".into(),
                    order.transaction_id.clone().into(),
                );
                fields.insert(
                    "originalPartnerReferenceNo".into(),
                    order.order_id.clone().into(),
                );
                fields.insert("cancelTime".into(), bi_time(now()).into());
                if order.payment_type == "bank_transfer" {
                    fields.remove("cancelTime");
                    fields.insert("virtualAccountData".into(), va_status(&order));
                }
                (
                    answer(&format!("200{code}00"), "Successful", fields),
                    self.notify(&order),
                )
            }
            Some(None) => (
                error(format!("403{code}15"), "Transaction Not Permitted"),
                Vec::new(),
            ),
            None => not_found(code),
        }
    }

    /// A SNAP-BI transaction's notification: SNAP-shaped, signed with the simulator's key over
    /// `POST:<path>:<sha256 of the body>:<timestamp>`, to `<notification URL><product path>`.
    pub(super) fn snap_bi_notify(&self, order: &Order, bi: &SnapBiOrder) -> Vec<Delivery> {
        let body = match bi.product {
            Product::Va => {
                let mut body = va_status(order);
                if let Value::Object(map) = &mut body {
                    map.insert("paidAmount".into(), money(order.gross_amount));
                    map.insert(
                        "latestTransactionStatus".into(),
                        status_code(&order.status).into(),
                    );
                    map.insert("transactionStatusDesc".into(), order.status.clone().into());
                    map.insert(
                        "additionalInfo".into(),
                        json!({"merchantId": bi.merchant_id, "paymentFlagStatus": status_code(&order.status), "paidTime": order.settlement_time}),
                    );
                }
                body
            }
            _ => Value::Object(status_fields(order)),
        };
        let body = serde_json::to_vec(&body).unwrap_or_default();
        let timestamp = bi_time(now());
        order
            .notify
            .iter()
            .filter_map(|url| {
                let path = url_path(url);
                let signed = sign_notification(path, &body, &timestamp)?;
                Some(Delivery {
                    urls: vec![url.clone()],
                    body: body.clone(),
                    headers: vec![
                        ("x-timestamp".into(), timestamp.clone()),
                        ("x-signature".into(), signed),
                        ("x-partner-id".into(), self.config.merchant_id.clone()),
                        ("x-external-id".into(), self.rng.uuid()),
                        ("channel-id".into(), "95221".into()),
                    ],
                })
            })
            .collect()
    }
}

/// The path of `url` (`/` without one).
pub(crate) fn url_path(url: &str) -> &str {
    url.split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|at| &rest[at..]))
        .unwrap_or("/")
}

/// `X-SIGNATURE` of a notification posted to `path`: SHA256withRSA with the simulator's key
/// over `POST:path:hex(sha256(body)):timestamp`, base64.
pub(crate) fn sign_notification(path: &str, body: &[u8], timestamp: &str) -> Option<String> {
    let key = simulator_key()?;
    let text = format!("POST:{path}:{}:{timestamp}", sha256_hex(body));
    let mut signed = vec![0; key.public().modulus_len()];
    key.sign(
        &signature::RSA_PKCS1_SHA256,
        &ring::rand::SystemRandom::new(),
        text.as_bytes(),
        &mut signed,
    )
    .ok()?;
    Some(base64::engine::general_purpose::STANDARD.encode(&signed))
}

/// ISO-8601 in Jakarta time with its offset, as SNAP-BI writes times.
pub(crate) fn bi_time(at: chrono::DateTime<chrono::FixedOffset>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// The simulator's signing key, parsed once.
fn simulator_key() -> Option<&'static RsaKeyPair> {
    static KEY: std::sync::OnceLock<Option<RsaKeyPair>> = std::sync::OnceLock::new();
    KEY.get_or_init(
        || match PrivateKeyDer::from_pem_slice(SIMULATOR_PRIVATE_KEY.as_bytes()) {
            Ok(PrivateKeyDer::Pkcs8(der)) => RsaKeyPair::from_pkcs8(der.secret_pkcs8_der()).ok(),
            _ => None,
        },
    )
    .as_ref()
}

fn not_found(code: &str) -> (Reply, Vec<Delivery>) {
    (
        error(format!("404{code}01"), "Transaction Not Found"),
        Vec::new(),
    )
}

/// The two-digit status of a transaction status.
fn status_code(status: &str) -> &'static str {
    match status {
        "settlement" | "capture" => "00",
        "authorize" => "01",
        "pending" => "03",
        "refund" | "partial_refund" => "04",
        "cancel" => "05",
        "expire" => "08",
        "deny" => "09",
        _ => "06",
    }
}

/// A direct debit or QRIS transaction as status answers and notifications describe it.
fn status_fields(order: &Order) -> Map<String, Value> {
    let mut fields = Map::new();
    fields.insert(
        "originalReferenceNo".into(),
        order.transaction_id.clone().into(),
    );
    fields.insert(
        "originalPartnerReferenceNo".into(),
        order.order_id.clone().into(),
    );
    if let Some(bi) = &order.snap_bi {
        fields.insert("originalExternalId".into(), bi.external_id.clone().into());
        fields.insert("merchantId".into(), bi.merchant_id.clone().into());
    }
    fields.insert(
        "latestTransactionStatus".into(),
        status_code(&order.status).into(),
    );
    fields.insert("transactionStatusDesc".into(), order.status.clone().into());
    fields.insert("amount".into(), money(order.gross_amount));
    if let Some(paid) = &order.settlement_time {
        fields.insert("paidTime".into(), paid.clone().into());
    }
    let refunded: u64 = order.refunded;
    fields.insert(
        "additionalInfo".into(),
        json!({
            "refundHistory": order.refunds,
            "totalRefundAmount": money(refunded),
            "userPaymentDetails": [{"payMethod": order.payment_type, "payOption": "GOPAY_WALLET"}],
        }),
    );
    fields
}

/// A virtual account with its payment status.
fn va_status(order: &Order) -> Value {
    let mut data = order
        .snap_bi
        .as_ref()
        .and_then(|bi| bi.account.clone())
        .unwrap_or_else(|| json!({}));
    if let Value::Object(map) = &mut data {
        map.remove("additionalInfo");
        map.insert("inquiryRequestId".into(), order.order_id.clone().into());
        map.insert(
            "paymentRequestId".into(),
            order.transaction_id.clone().into(),
        );
        map.insert(
            "paymentFlagStatus".into(),
            status_code(&order.status).into(),
        );
        map.insert("paymentFlagReason".into(), json!({"english": order.status}));
        if let Some(paid) = &order.settlement_time {
            map.insert("transactionDate".into(), paid.clone().into());
        }
    }
    data
}

/// How long a token lives unless configured: 15 minutes, as Midtrans's sandbox.
pub(crate) const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(900);
