//! Iris, under `/iris/api/v1/…`: beneficiaries, payouts created by the creator key and
//! approved (with the OTP) or rejected by the approver key, a balance that approvals draw down,
//! failed payouts give back and top-ups raise, statements of those movements, top-up channels,
//! a facilitator bank account, beneficiary banks and account validation; `X-Idempotency-Key`
//! on payout and beneficiary creation; and `Iris-Signature`d notifications for every status
//! change.
//!
//! A payout goes queued → approved | rejected → processed → completed | failed. Approval is
//! Iris's (the balance is drawn, or the payout fails with `016` "Merchant balance is not
//! enough"); what the bank does next is the control API's: `/_mock/iris/payouts/{ref}/…` or
//! `/_mock/iris/accounts/{account}/…` with `process`, `complete` or `fail`.
//!
//! It accepts what the official SDKs send: `Content-Type` and a `{}` body on GETs, and the
//! `/statements` dates in the query, in a JSON body, or in the JSON string the Go SDK sends.

use chrono::{NaiveDate, Utc};
use http::Method as M;
use serde_json::{json, Map, Value};

use super::state::{Measured, State};
use super::{basic_user, form_pairs, Call, Delivery, Reply, Simulator};
use midtrans_types::iris::PayoutStatus;
use midtrans_types::{Amount, JAKARTA};

/// The path every Iris call starts with.
pub(crate) const PREFIX: [&str; 3] = ["iris", "api", "v1"];

/// What Iris's idempotency keys start with in the simulator's store, apart from the Core
/// API's.
pub(crate) const KEY_PREFIX: &str = "iris ";

/// The longest `X-Idempotency-Key` honoured; longer ones are ignored.
pub(crate) const IDEMPOTENCY_MAX_LEN: usize = 100;

/// The bank codes payouts go to, with the names Iris shows (`/beneficiary_banks`).
const BANKS: &[(&str, &str)] = &[
    ("bca", "Bank Central Asia ( BCA )"),
    ("bni", "Bank Negara Indonesia ( BNI )"),
    ("bri", "Bank Rakyat Indonesia ( BRI )"),
    ("mandiri", "Bank Mandiri"),
    ("permata", "Bank Permata"),
    ("cimb", "Bank CIMB Niaga"),
    ("danamon", "Bank Danamon"),
    ("bsm", "Bank Syariah Indonesia ( BSI )"),
    ("btn", "Bank Tabungan Negara ( BTN )"),
    ("mega", "Bank Mega"),
    ("maybank", "Maybank Indonesia"),
    ("seabank", "SeaBank Indonesia"),
    ("gopay", "GoPay"),
    ("cimb_va", "OVO ( CIMB Niaga virtual account )"),
];

/// The documented failure codes of a payout
/// ([Midtrans docs](https://docs.midtrans.com/reference/error-code-and-messages)).
const FAILURES: &[(&str, &str)] = &[
    ("001", "Invalid beneficiary name"),
    ("002", "Invalid destination account number"),
    ("003", "Invalid destination account or beneficiary name"),
    ("004", "General error"),
    ("005", "Timeout error by bank"),
    ("009", "Bank balance is not enough"),
    ("012", "Beneficiary account is blocked"),
    ("016", "Merchant balance is not enough"),
];

/// The facilitator bank account the simulator holds (its balance is the simulator's one).
const BANK_ACCOUNT_ID: &str = "mandiri";

/// Who an Iris key belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Creator,
    Approver,
}

/// A payout the simulator knows.
#[derive(Clone, Debug)]
pub(crate) struct Payout {
    pub(crate) reference_no: String,
    amount: u64,
    name: String,
    account: String,
    bank: String,
    email: Option<String>,
    notes: String,
    status: PayoutStatus,
    created_at: String,
    updated_at: String,
    /// `error_code` and `error_message` of a failed payout.
    failure: Option<(String, String)>,
}

impl Measured for Payout {
    fn bytes(&self) -> usize {
        160 + [
            &self.reference_no,
            &self.name,
            &self.account,
            &self.bank,
            &self.notes,
            &self.created_at,
            &self.updated_at,
        ]
        .iter()
        .map(|t| t.len())
        .sum::<usize>()
            + self.email.as_ref().map_or(0, String::len)
            + self.failure.as_ref().map_or(0, |(c, m)| c.len() + m.len())
    }
}

impl Payout {
    /// What `GET /payouts/{reference_no}` answers.
    pub(crate) fn answer(&self) -> Value {
        let mut body = json!({
            "amount": rupiah(self.amount),
            "beneficiary_name": self.name,
            "beneficiary_account": self.account,
            "bank": bank_name(&self.bank).unwrap_or(&self.bank),
            "reference_no": self.reference_no,
            "notes": self.notes,
            "status": self.status.as_str(),
            "created_by": "Mock Creator",
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        });
        if let (Some(email), Value::Object(map)) = (&self.email, &mut body) {
            map.insert("beneficiary_email".into(), email.as_str().into());
        }
        self.add_failure(&mut body);
        body
    }

    /// The notification of the payout's current status.
    fn notification(&self) -> Value {
        let mut body = json!({
            "reference_no": self.reference_no,
            "amount": rupiah(self.amount),
            "status": self.status.as_str(),
            "updated_at": self.updated_at,
        });
        self.add_failure(&mut body);
        body
    }

    fn add_failure(&self, body: &mut Value) {
        if let (Some((code, message)), Value::Object(map)) = (&self.failure, body) {
            map.insert("error_code".into(), code.as_str().into());
            map.insert("error_message".into(), message.as_str().into());
        }
    }

    /// A statement line of this payout: `Payout` (debit) or `Refund` (credit).
    fn statement(&self, kind: &str, direction: &str) -> Value {
        json!({
            "reference_no": self.reference_no,
            "beneficiary_name": self.name,
            "beneficiary_account": self.account,
            "account": bank_name(&self.bank).unwrap_or(&self.bank),
            "type": kind,
            "amount": rupiah(self.amount),
            "status": direction,
            "created_at": iris_time(),
        })
    }
}

type Answer = (Reply, Vec<Delivery>);

fn none(reply: Reply) -> Answer {
    (reply, Vec::new())
}

/// `"150000.00"`.
fn rupiah(amount: u64) -> String {
    format!("{amount}.00")
}

/// Iris's times: ISO 8601 in UTC, to the second.
fn iris_time() -> String {
    Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn bank_name(code: &str) -> Option<&'static str> {
    BANKS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, name)| *name)
}

/// Iris's error body: `{error_message, errors}`.
fn error(status: u16, message: &str, errors: Value) -> Reply {
    Reply::Json(status, json!({"error_message": message, "errors": errors}))
}

fn not_found() -> Reply {
    error(
        404,
        "Not found",
        json!(["The requested resource is not found"]),
    )
}

/// A request body: JSON, or a 400 that says it is not.
fn body(call: &Call, action: &str) -> Result<Value, Reply> {
    serde_json::from_slice(&call.body).map_err(|_| {
        error(
            400,
            &format!("An error occurred when {action}"),
            json!(["The request body is not valid JSON"]),
        )
    })
}

fn text<'a>(value: &'a Value, field: &str) -> &'a str {
    value[field].as_str().map(str::trim).unwrap_or_default()
}

/// An amount given as `"150000.00"`, `"150000"` or `150000`: whole rupiah above zero.
fn amount(value: &Value) -> Result<u64, &'static str> {
    let parsed = match value {
        Value::String(text) => Amount::parse(text.trim()).ok(),
        Value::Number(number) => Amount::parse(&number.to_string()).ok(),
        _ => None,
    };
    match parsed.map(|a| a.to_idr()) {
        None => Err("Amount is not a number"),
        Some(Some(idr)) if !idr.is_zero() => Ok(idr.value()),
        Some(_) => Err("Amount must be a whole number greater than 0"),
    }
}

/// What is wrong with an account number for a bank.
fn account_errors(bank: &str, account: &str, errors: &mut Vec<&'static str>) {
    let len = account.chars().count();
    if !(6..=20).contains(&len) || !account.chars().all(|c| c.is_ascii_alphanumeric()) {
        errors.push("Account must be 6 to 20 letters or digits");
    } else if bank == "gopay" && !(account.starts_with("62") || account.starts_with("08")) {
        errors.push("Account must be a GoPay phone number starting with 62 or 08");
    }
}

/// A beneficiary as Iris keeps it, or what is wrong with it.
fn beneficiary(body: &Value) -> Result<Value, Vec<&'static str>> {
    let (name, bank, account, alias) = (
        text(body, "name"),
        text(body, "bank"),
        text(body, "account"),
        text(body, "alias_name"),
    );
    let mut errors = Vec::new();
    if name.is_empty() {
        errors.push("Name can't be blank");
    } else if name.chars().count() > 100 {
        errors.push("Name is too long (maximum is 100 characters)");
    }
    if bank_name(bank).is_none() {
        errors.push("Bank is not included in the list");
    }
    account_errors(bank, account, &mut errors);
    if alias.is_empty() {
        errors.push("Alias name can't be blank");
    } else if alias.chars().count() > 20 || !alias.chars().all(|c| c.is_ascii_alphanumeric()) {
        errors.push("Alias name must be at most 20 letters or digits");
    }
    let email = body["email"]
        .as_str()
        .map(str::trim)
        .filter(|e| !e.is_empty());
    if email.is_some_and(|e| !e.contains('@') || e.len() > 255) {
        errors.push("Email is invalid");
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut saved = json!({"name": name, "bank": bank, "account": account, "alias_name": alias});
    if let (Some(email), Value::Object(map)) = (email, &mut saved) {
        map.insert("email".into(), email.into());
    }
    Ok(saved)
}

/// The queued payout an item of a creation request makes (its reference number still to
/// give), or what the item is missing.
fn payout_item(item: &Value) -> Result<Payout, Vec<&'static str>> {
    let (name, account, bank, notes) = (
        text(item, "beneficiary_name"),
        text(item, "beneficiary_account"),
        text(item, "beneficiary_bank"),
        text(item, "notes"),
    );
    let mut errors = Vec::new();
    if name.is_empty() {
        errors.push("Beneficiary name can't be blank");
    }
    if bank_name(bank).is_none() {
        errors.push("Beneficiary bank is not included in the list");
    }
    account_errors(bank, account, &mut errors);
    let amount = amount(&item["amount"]).map_err(|e| errors.push(e)).ok();
    if notes.is_empty() {
        errors.push("Notes can't be blank");
    } else if notes.chars().count() > 100 {
        errors.push("Notes is too long (maximum is 100 characters)");
    }
    let email = item["beneficiary_email"]
        .as_str()
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(str::to_owned);
    match amount {
        Some(amount) if errors.is_empty() => {
            let at = iris_time();
            Ok(Payout {
                reference_no: String::new(),
                amount,
                name: name.to_owned(),
                account: account.to_owned(),
                bank: bank.to_owned(),
                email,
                notes: notes.to_owned(),
                status: PayoutStatus::Queued,
                created_at: at.clone(),
                updated_at: at,
                failure: None,
            })
        }
        _ => Err(errors),
    }
}

/// The reference numbers of an approval or rejection.
fn reference_nos(body: &Value) -> Vec<String> {
    body["reference_nos"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

/// `from_date`/`to_date` (`YYYY-MM-DD`) from the query, else from the body: a JSON object, a
/// form, or the Go SDK's JSON string `"{ \"from_date\": 2026-11-01, … }"`.
fn statement_dates(call: &Call) -> (Option<String>, Option<String>) {
    let from_query = |name| call.query(name).map(str::to_owned);
    if let (Some(from), Some(to)) = (from_query("from_date"), from_query("to_date")) {
        return (Some(from), Some(to));
    }
    let raw = String::from_utf8_lossy(&call.body).into_owned();
    let text = match serde_json::from_str::<Value>(&raw) {
        Ok(Value::String(inner)) => inner,
        Ok(Value::Object(map)) => {
            let field = |name: &str| map.get(name).and_then(Value::as_str).map(str::to_owned);
            return (field("from_date"), field("to_date"));
        }
        _ => raw,
    };
    let pairs = form_pairs(&text);
    let pair = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    // `name` followed, after any quotes, colons and spaces, by the ten characters of a date.
    let loose = |name: &str| {
        let start = text.find(name)? + name.len();
        let rest = text.get(start..)?.trim_start_matches(['"', ':', '=', ' ']);
        rest.get(..10).map(str::to_owned)
    };
    (
        pair("from_date").or_else(|| loose("from_date")),
        pair("to_date").or_else(|| loose("to_date")),
    )
}

impl Simulator {
    /// Iris's key check, before the idempotency store is consulted: every call but `ping`
    /// needs the creator's or the approver's key; creating and changing beneficiaries and
    /// payouts needs the creator's, approving and rejecting the approver's.
    pub(super) fn iris_authenticate(&self, call: &Call, rest: &[&str]) -> Result<(), Reply> {
        let needed = match (&call.method, rest) {
            (&M::POST, ["beneficiaries"])
            | (&M::PATCH, ["beneficiaries", _])
            | (&M::GET, ["beneficiaries"])
            | (&M::POST, ["payouts"]) => Some(Role::Creator),
            (&M::POST, ["payouts", "approve" | "reject"]) => Some(Role::Approver),
            _ => None,
        };
        let role = match basic_user(call) {
            Some(key) if key == self.config.iris_creator_key => Role::Creator,
            Some(key) if key == self.config.iris_approver_key => Role::Approver,
            _ => {
                return Err(error(
                    401,
                    "Access denied",
                    json!(["Unauthorized: the API key is not valid"]),
                ))
            }
        };
        match needed {
            Some(needed) if needed != role => Err(error(
                401,
                "Access denied",
                json!([format!(
                    "This API key is not authorized for this action: it needs the {} key",
                    if needed == Role::Creator {
                        "creator"
                    } else {
                        "approver"
                    }
                )]),
            )),
            _ => Ok(()),
        }
    }

    /// The idempotency key of an Iris call: `X-Idempotency-Key` on payout and beneficiary
    /// creation, kept apart from the Core API's keys and per endpoint.
    pub(super) fn iris_idempotency_key(call: &Call, rest: &[&str]) -> Option<String> {
        if call.method != M::POST || !matches!(rest, ["payouts"] | ["beneficiaries"]) {
            return None;
        }
        call.header("x-idempotency-key")
            .filter(|k| !k.is_empty() && k.len() <= IDEMPOTENCY_MAX_LEN)
            .map(|k| format!("{KEY_PREFIX}{} {k}", rest.join("/")))
    }

    /// An authenticated Iris call.
    pub(super) fn iris(&self, call: &Call, rest: &[&str]) -> Answer {
        match (&call.method, rest) {
            (&M::POST, ["beneficiaries"]) => none(self.iris_create_beneficiary(call)),
            (&M::PATCH, ["beneficiaries", alias]) => {
                none(self.iris_update_beneficiary(alias, call))
            }
            (&M::GET, ["beneficiaries"]) => {
                let state = self.state();
                let list: Vec<Value> = state
                    .iris_beneficiaries
                    .ordered()
                    .into_iter()
                    .cloned()
                    .collect();
                none(Reply::Json(200, Value::Array(list)))
            }
            (&M::POST, ["payouts"]) => none(self.iris_create_payouts(call)),
            (&M::POST, ["payouts", "approve"]) => self.iris_approve(call),
            (&M::POST, ["payouts", "reject"]) => self.iris_reject(call),
            (&M::GET, ["payouts", reference]) => {
                none(match self.state().iris_payouts.get(reference) {
                    Some(payout) => Reply::Json(200, payout.answer()),
                    None => error(
                        404,
                        "Specified payout not found",
                        json!([format!("Payout {reference} not found")]),
                    ),
                })
            }
            (&M::GET, ["statements"]) => none(self.iris_statements(call)),
            (&M::GET, ["channels"]) => none(Reply::Json(
                200,
                json!([
                    {"id": 1, "virtual_account_type": "mandiri_bill_key", "virtual_account_number": "70012000123"},
                    {"id": 2, "virtual_account_type": "bni_virtual_account_number", "virtual_account_number": "9881200012"},
                    {"id": 3, "virtual_account_type": "permata_virtual_account_number", "virtual_account_number": "8778000123"},
                ]),
            )),
            (&M::GET, ["balance"]) | (&M::GET, ["bank_accounts", BANK_ACCOUNT_ID, "balance"]) => {
                none(Reply::Json(
                    200,
                    json!({"balance": rupiah(self.state().iris_balance)}),
                ))
            }
            (&M::GET, ["bank_accounts"]) => none(Reply::Json(
                200,
                json!([{
                    "bank_account_id": BANK_ACCOUNT_ID,
                    "bank_name": "Bank Mandiri",
                    "account_name": "Mock Facilitator",
                    "account_number": "1230000123456",
                    "status": "Live",
                }]),
            )),
            (&M::GET, ["bank_accounts", _, "balance"]) => none(error(
                404,
                "Bank account not found",
                json!(["The bank account is not registered"]),
            )),
            (&M::GET, ["beneficiary_banks"]) => {
                let banks: Vec<Value> = BANKS
                    .iter()
                    .map(|(code, name)| json!({"code": code, "name": name}))
                    .collect();
                none(Reply::Json(200, json!({"beneficiary_banks": banks})))
            }
            (&M::GET, ["account_validation"]) => none(self.iris_validate_account(call)),
            _ => none(not_found()),
        }
    }

    fn iris_create_beneficiary(&self, call: &Call) -> Reply {
        const FAILED: &str = "An error occurred when creating beneficiary";
        let saved = match body(call, "creating beneficiary").map(|b| beneficiary(&b)) {
            Err(reply) => return reply,
            Ok(Err(errors)) => return error(400, FAILED, json!(errors)),
            Ok(Ok(saved)) => saved,
        };
        let alias = text(&saved, "alias_name").to_owned();
        let limits = self.limits();
        let mut state = self.state();
        let mut taken = Vec::new();
        let same_account = |b: &&Value| {
            text(b, "bank") == text(&saved, "bank") && text(b, "account") == text(&saved, "account")
        };
        if state.iris_beneficiaries.values().any(|b| same_account(&b)) {
            taken.push("Account has already been taken");
        }
        if state.iris_beneficiaries.contains(&alias) {
            taken.push("Alias name has already been taken");
        }
        if !taken.is_empty() {
            return error(400, FAILED, json!(taken));
        }
        state.insert_iris_beneficiary(alias, saved, limits);
        Reply::Json(201, json!({"status": "created"}))
    }

    fn iris_update_beneficiary(&self, alias: &str, call: &Call) -> Reply {
        const FAILED: &str = "An error occurred when updating beneficiary";
        let changes = match body(call, "updating beneficiary") {
            Ok(Value::Object(changes)) => changes,
            Ok(_) => return error(400, FAILED, json!(["The body must be a JSON object"])),
            Err(reply) => return reply,
        };
        let limits = self.limits();
        let mut state = self.state();
        let Some(Value::Object(mut merged)) = state.iris_beneficiaries.get(alias).cloned() else {
            return error(404, FAILED, json!("Could not find saved beneficiary"));
        };
        merged.extend(changes);
        let saved = match beneficiary(&Value::Object(merged)) {
            Ok(saved) => saved,
            Err(errors) => return error(400, FAILED, json!(errors)),
        };
        let new_alias = text(&saved, "alias_name").to_owned();
        if new_alias != alias && state.iris_beneficiaries.contains(&new_alias) {
            return error(400, FAILED, json!(["Alias name has already been taken"]));
        }
        if new_alias == alias {
            state.iris_beneficiaries.update(alias, |b| *b = saved);
        } else {
            state.iris_beneficiaries.remove(alias);
            state.insert_iris_beneficiary(new_alias, saved, limits);
        }
        Reply::Json(200, json!({"status": "updated"}))
    }

    fn iris_create_payouts(&self, call: &Call) -> Reply {
        const FAILED: &str = "An error occurred when creating payouts";
        let request = match body(call, "creating payouts") {
            Ok(request) => request,
            Err(reply) => return reply,
        };
        let items = request["payouts"].as_array().cloned().unwrap_or_default();
        if items.is_empty() {
            return error(
                400,
                FAILED,
                json!(["Payouts must be a list of at least one payout"]),
            );
        }
        let mut made = Vec::new();
        let mut errors = Vec::new();
        for item in &items {
            match payout_item(item) {
                Ok(payout) => made.push(payout),
                Err(reasons) => errors.push(json!(reasons)),
            }
        }
        if !errors.is_empty() {
            return error(400, FAILED, Value::Array(errors));
        }
        let limits = self.limits();
        let mut state = self.state();
        let mut created = Vec::new();
        for mut payout in made {
            payout.reference_no = format!("{:014x}", self.rng.next() >> 8);
            created.push(json!({"status": "queued", "reference_no": payout.reference_no}));
            state.insert_iris_payout(payout, limits);
        }
        Reply::Json(201, json!({"payouts": created}))
    }

    /// Whether every payout `reference_nos` names is queued, or why the call is refused.
    /// Checked under the same lock as the change, so two approvals of one payout cannot
    /// both pass.
    fn queued(state: &State, references: &[String], action: &str) -> Result<(), Reply> {
        let failed = format!("An error occurred when {action} payouts");
        if references.is_empty() {
            return Err(error(400, &failed, json!(["reference_nos can't be blank"])));
        }
        if references.iter().any(|r| !state.iris_payouts.contains(r)) {
            return Err(error(
                400,
                &failed,
                json!(["Payouts not found. Please check reference nos"]),
            ));
        }
        let not_queued: Vec<String> = references
            .iter()
            .filter(|r| {
                state
                    .iris_payouts
                    .get(r)
                    .is_some_and(|p| p.status != PayoutStatus::Queued)
            })
            .map(|r| format!("Payout {r} is not queued"))
            .collect();
        if not_queued.is_empty() {
            Ok(())
        } else {
            Err(error(400, &failed, json!(not_queued)))
        }
    }

    /// `POST /payouts/approve`: with the right OTP, each payout draws its amount from the
    /// balance and is approved — or fails with `016` when the balance is short.
    fn iris_approve(&self, call: &Call) -> Answer {
        let request = match body(call, "approving payouts") {
            Ok(request) => request,
            Err(reply) => return none(reply),
        };
        if text(&request, "otp") != self.config.iris_otp {
            return none(error(
                400,
                "An error occurred when approving payouts",
                json!(["OTP is invalid"]),
            ));
        }
        let references = reference_nos(&request);
        let limits = self.limits();
        let mut state = self.state();
        if let Err(reply) = Self::queued(&state, &references, "approving") {
            return none(reply);
        }
        let mut changed = Vec::new();
        for reference in &references {
            let balance = state.iris_balance;
            let Some(payout) = state.iris_payouts.update(reference, |payout| {
                payout.updated_at = iris_time();
                match balance.checked_sub(payout.amount) {
                    Some(_) => payout.status = PayoutStatus::Approved,
                    None => {
                        payout.status = PayoutStatus::Failed;
                        payout.failure = failure("016");
                    }
                }
                payout.clone()
            }) else {
                continue;
            };
            if payout.status == PayoutStatus::Approved {
                state.iris_balance = balance.saturating_sub(payout.amount);
                let line = payout.statement("Payout", "debit");
                state.insert_iris_statement(format!("{reference} payout"), line, limits);
            }
            changed.push(payout);
        }
        drop(state);
        let deliveries = changed.iter().flat_map(|p| self.iris_notify(p)).collect();
        (Reply::Json(202, json!({"status": "ok"})), deliveries)
    }

    /// `POST /payouts/reject`: queued payouts are rejected with a reason.
    fn iris_reject(&self, call: &Call) -> Answer {
        let request = match body(call, "rejecting payouts") {
            Ok(request) => request,
            Err(reply) => return none(reply),
        };
        if text(&request, "reject_reason").is_empty() {
            return none(error(
                400,
                "An error occurred when rejecting payouts",
                json!(["Reject reason can't be blank"]),
            ));
        }
        let references = reference_nos(&request);
        let mut state = self.state();
        if let Err(reply) = Self::queued(&state, &references, "rejecting") {
            return none(reply);
        }
        let changed: Vec<Payout> = references
            .iter()
            .filter_map(|reference| {
                state.iris_payouts.update(reference, |payout| {
                    payout.status = PayoutStatus::Rejected;
                    payout.updated_at = iris_time();
                    payout.clone()
                })
            })
            .collect();
        drop(state);
        let deliveries = changed.iter().flat_map(|p| self.iris_notify(p)).collect();
        (Reply::Json(202, json!({"status": "ok"})), deliveries)
    }

    /// `GET /statements`: the balance movements whose Jakarta date is within the range.
    fn iris_statements(&self, call: &Call) -> Reply {
        const FAILED: &str = "An error occurred when getting statements";
        let (from, to) = statement_dates(call);
        let date = |text: Option<String>, name: &str| {
            text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
                .ok_or_else(|| {
                    error(
                        400,
                        FAILED,
                        json!([format!("{name} must be a date as YYYY-MM-DD")]),
                    )
                })
        };
        let (from, to) = match (date(from, "from_date"), date(to, "to_date")) {
            (Ok(from), Ok(to)) => (from, to),
            (Err(reply), _) | (_, Err(reply)) => return reply,
        };
        let state = self.state();
        let lines: Vec<Value> = state
            .iris_statements
            .ordered()
            .into_iter()
            .filter(|line| {
                chrono::DateTime::parse_from_rfc3339(text(line, "created_at"))
                    .map(|at| at.with_timezone(&JAKARTA).date_naive())
                    .is_ok_and(|day| from <= day && day <= to)
            })
            .cloned()
            .collect();
        Reply::Json(200, Value::Array(lines))
    }

    /// `GET /account_validation?bank=…&account=…`.
    fn iris_validate_account(&self, call: &Call) -> Reply {
        let bank = call.query("bank").unwrap_or_default();
        let account = call.query("account").unwrap_or_default();
        let mut fields = Map::new();
        if bank_name(bank).is_none() {
            fields.insert("bank".into(), json!(["is not included in the list"]));
        }
        let mut reasons = Vec::new();
        account_errors(bank, account, &mut reasons);
        if !reasons.is_empty() {
            fields.insert("account".into(), json!(reasons));
        }
        if !fields.is_empty() {
            return error(
                400,
                "An error occurred when validating account",
                Value::Object(fields),
            );
        }
        let state = self.state();
        let holder = state
            .iris_beneficiaries
            .values()
            .find(|b| text(b, "bank") == bank && text(b, "account") == account)
            .map(|b| text(b, "name").to_owned())
            .unwrap_or_else(|| "Mock Account Holder".to_owned());
        Reply::Json(
            200,
            json!({"account_name": holder, "account_no": account, "bank_name": bank}),
        )
    }

    /// The signed notification of a payout's status, to the Iris notification URL.
    fn iris_notify(&self, payout: &Payout) -> Vec<Delivery> {
        self.iris_delivery(&payout.notification())
    }

    fn iris_delivery(&self, body: &Value) -> Vec<Delivery> {
        let Some(url) = &self.config.iris_notification_url else {
            return Vec::new();
        };
        let bytes = serde_json::to_vec(body).unwrap_or_default();
        let mut signed = bytes.clone();
        signed.extend_from_slice(self.config.iris_merchant_key.as_bytes());
        vec![Delivery {
            urls: vec![url.clone()],
            headers: vec![(
                "Iris-Signature".to_owned(),
                super::notifications::sha512_hex(&signed),
            )],
            body: bytes,
        }]
    }

    /// The control API's Iris calls: the bank processes, completes or fails a payout (by
    /// reference number, or every approved or processed payout to an account number), and the
    /// merchant tops the balance up.
    pub(super) fn iris_control(&self, call: &Call, rest: &[&str]) -> Answer {
        if call.method != M::POST {
            return none(not_found());
        }
        let body = serde_json::from_slice::<Value>(&call.body).unwrap_or_default();
        let error_code = body["error_code"].as_str();
        match rest {
            ["payouts", reference, action] => {
                match self.iris_settle(&[(*reference).to_owned()], action, error_code) {
                    Ok(deliveries) => {
                        let answer = self.state().iris_payouts.get(reference).map(Payout::answer);
                        (Reply::Json(200, answer.unwrap_or_default()), deliveries)
                    }
                    Err(reply) => none(reply),
                }
            }
            ["accounts", account, action] => {
                let references: Vec<String> = self
                    .state()
                    .iris_payouts
                    .ordered()
                    .into_iter()
                    .filter(|p| {
                        p.account == *account
                            && matches!(p.status, PayoutStatus::Approved | PayoutStatus::Processed)
                    })
                    .map(|p| p.reference_no.clone())
                    .collect();
                if references.is_empty() {
                    return none(error(
                        404,
                        "Specified payout not found",
                        json!([format!("No approved payout to account {account}")]),
                    ));
                }
                match self.iris_settle(&references, action, error_code) {
                    Ok(deliveries) => (
                        Reply::Json(200, json!({"reference_nos": references})),
                        deliveries,
                    ),
                    Err(reply) => none(reply),
                }
            }
            ["top_up"] => match serde_json::from_slice::<Value>(&call.body)
                .ok()
                .map(|b| amount(&b["amount"]))
            {
                Some(Ok(amount)) => self.iris_top_up(amount),
                _ => none(error(
                    400,
                    "An error occurred when topping up",
                    json!(["expected {\"amount\": whole rupiah above 0}"]),
                )),
            },
            _ => none(not_found()),
        }
    }

    /// Moves payouts on as the bank would: `process` (approved → processed), `complete`
    /// (→ processed → completed) or `fail` (→ processed → failed, the amount back to the
    /// balance, with `error_code`, default `002`).
    pub(crate) fn iris_settle(
        &self,
        references: &[String],
        action: &str,
        error_code: Option<&str>,
    ) -> Result<Vec<Delivery>, Reply> {
        let target = match action {
            "process" => PayoutStatus::Processed,
            "complete" => PayoutStatus::Completed,
            "fail" => PayoutStatus::Failed,
            _ => return Err(not_found()),
        };
        let code = error_code.unwrap_or("002");
        let reason = match failure(code) {
            Some(reason) => reason,
            None => {
                return Err(error(
                    400,
                    "Unknown error_code",
                    json!([format!(
                        "error_code {code} is not one of Iris's failure codes"
                    )]),
                ))
            }
        };
        let limits = self.limits();
        let mut state = self.state();
        for reference in references {
            let Some(payout) = state.iris_payouts.get(reference) else {
                return Err(error(404, "Specified payout not found", json!([reference])));
            };
            let movable = match target {
                PayoutStatus::Processed => payout.status == PayoutStatus::Approved,
                _ => matches!(
                    payout.status,
                    PayoutStatus::Approved | PayoutStatus::Processed
                ),
            };
            if !movable {
                return Err(error(
                    412,
                    "Payout status cannot be updated",
                    json!([format!("Payout {reference} is {}", payout.status.as_str())]),
                ));
            }
        }
        let mut notices = Vec::new();
        for reference in references {
            let steps = state.iris_payouts.update(reference, |payout| {
                let mut steps = Vec::new();
                if payout.status == PayoutStatus::Approved {
                    payout.status = PayoutStatus::Processed;
                    payout.updated_at = iris_time();
                    steps.push(payout.clone());
                }
                if target != PayoutStatus::Processed {
                    payout.status = target.clone();
                    payout.updated_at = iris_time();
                    if target == PayoutStatus::Failed {
                        payout.failure = Some(reason.clone());
                    }
                    steps.push(payout.clone());
                }
                steps
            });
            let steps = steps.unwrap_or_default();
            if let Some(failed) = steps.iter().find(|p| p.status == PayoutStatus::Failed) {
                state.iris_balance = state.iris_balance.saturating_add(failed.amount);
                let line = failed.statement("Refund", "credit");
                state.insert_iris_statement(format!("{reference} refund"), line, limits);
            }
            notices.extend(steps);
        }
        drop(state);
        Ok(notices.iter().flat_map(|p| self.iris_notify(p)).collect())
    }

    /// `POST /_mock/iris/top_up`: the merchant pays into a top-up channel; the balance rises
    /// and Iris notifies the top-up.
    fn iris_top_up(&self, amount: u64) -> Answer {
        let id = self.rng.uuid();
        let order_id = format!("topup-{}", self.rng.digits(12));
        let at = iris_time();
        let limits = self.limits();
        let mut state = self.state();
        let Some(balance) = state.iris_balance.checked_add(amount) else {
            return none(error(
                400,
                "An error occurred when topping up",
                json!(["The balance would overflow"]),
            ));
        };
        state.iris_balance = balance;
        let line = json!({
            "reference_no": order_id,
            "account": "Bank Mandiri",
            "type": "Top Up",
            "amount": rupiah(amount),
            "status": "credit",
            "created_at": at,
        });
        state.insert_iris_statement(format!("{order_id} top up"), line, limits);
        drop(state);
        let notice = json!({
            "transaction_id": id,
            "order_id": order_id,
            "gross_amount": rupiah(amount),
            "status": "topup",
            "transaction_time": at,
        });
        (
            Reply::Json(
                200,
                json!({"balance": rupiah(balance), "order_id": order_id}),
            ),
            self.iris_delivery(&notice),
        )
    }

    /// The Iris balance, in rupiah.
    pub(crate) fn iris_balance(&self) -> u64 {
        self.state().iris_balance
    }
}

/// `(error_code, error_message)` of a documented payout failure.
fn failure(code: &str) -> Option<(String, String)> {
    FAILURES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(c, m)| ((*c).to_owned(), (*m).to_owned()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn call(body: &str, query: &str) -> Call {
        Call {
            method: M::GET,
            segments: Vec::new(),
            query: form_pairs(query),
            headers: http::HeaderMap::new(),
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn statement_dates_come_from_the_query_a_json_body_or_the_go_sdks_string() {
        let want = (Some("2026-11-01".to_owned()), Some("2026-11-30".to_owned()));
        assert_eq!(
            statement_dates(&call("{}", "from_date=2026-11-01&to_date=2026-11-30")),
            want
        );
        assert_eq!(
            statement_dates(&call(
                r#"{"from_date":"2026-11-01","to_date":"2026-11-30"}"#,
                ""
            )),
            want
        );
        let go =
            serde_json::to_string(r#"{ "from_date": 2026-11-01, "to_date": 2026-11-30}"#).unwrap();
        assert_eq!(statement_dates(&call(&go, "")), want);
        assert_eq!(statement_dates(&call("", "")), (None, None));
    }

    #[test]
    fn amounts_are_whole_rupiah_above_zero() {
        assert_eq!(amount(&json!("150000.00")), Ok(150_000));
        assert_eq!(amount(&json!(150_000)), Ok(150_000));
        assert!(amount(&json!("abc")).is_err());
        assert!(amount(&json!("0.00")).is_err());
        assert!(amount(&json!("10.50")).is_err());
        assert!(amount(&json!("-5")).is_err());
        assert!(amount(&Value::Null).is_err());
    }
}
