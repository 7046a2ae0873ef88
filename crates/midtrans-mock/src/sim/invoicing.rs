//! Invoicing, under `/v1/invoices`: invoices and quotations created with the server key (an
//! `X-Idempotency-Key` replays the first answer), read, voided and converted by their id.
//!
//! An invoice is paid as Midtrans pays it, by ordinary transactions notified as usual: into
//! its virtual accounts (one pending bank transfer per bank, under `{order_id}-{bank}`, e.g.
//! `inv-1-bca_va`), or through its single-use payment link (a Payment Link under the
//! invoice's order id, each payment under `{order_id}-{milliseconds}`). Its status follows
//! from theirs when it is read: `paid` once one is settled, `expired` once every way to pay
//! has expired, `overdue` past the due date, else `pending`; a quotation is `published` until
//! its validity ends or it is converted. `POST /_mock/invoices/{id}/pay` pays it (its first
//! virtual account, or through its link).

use chrono::{DateTime, FixedOffset};
use serde_json::{json, Map, Value};

use super::state::{json_bytes, Measured};
use super::{Bases, Call, Delivery, Reply, Simulator};
use crate::ids::now;
use midtrans_types::JAKARTA;

/// A Core API charge for an invoice's virtual account at `bank` (`bca_va`, `mandiri_bill`, …).
fn va_charge(bank: &str, order_id: &str, gross: u64, number: Option<&str>) -> Option<Value> {
    let details = json!({"order_id": order_id, "gross_amount": gross});
    let transfer = |code: &str| {
        let mut transfer = json!({ "bank": code });
        if let (Some(number), Value::Object(map)) = (number, &mut transfer) {
            map.insert("va_number".into(), number.into());
        }
        json!({"payment_type": "bank_transfer", "bank_transfer": transfer, "transaction_details": details})
    };
    Some(match bank {
        "bca_va" => transfer("bca"),
        "bni_va" => transfer("bni"),
        "bri_va" => transfer("bri"),
        "cimb_va" => transfer("cimb"),
        "permata_va" => transfer("permata"),
        "mandiri_bill" => json!({
            "payment_type": "echannel",
            "echannel": {"bill_info1": "Invoice", "bill_info2": order_id},
            "transaction_details": details,
        }),
        _ => return None,
    })
}

/// An invoice the simulator knows.
#[derive(Clone, Debug)]
pub(crate) struct InvoiceRecord {
    pub(crate) order_id: String,
    /// The request as given, with the client's details as converted.
    request: Value,
    quotation: bool,
    converted_at: Option<String>,
    /// `voided`, `rejected` or `canceled`, once voided.
    voided: Option<&'static str>,
    gross_amount: u64,
    taxes: Vec<Value>,
    due: DateTime<FixedOffset>,
    validity: Option<DateTime<FixedOffset>>,
    published_date: String,
    /// `(bank, number, transaction order id)` of each virtual account issued.
    accounts: Vec<(String, String, String)>,
    /// The order id of its payment link, when paid through one.
    link: Option<String>,
    payment_link_url: Option<String>,
}

impl Measured for InvoiceRecord {
    fn bytes(&self) -> usize {
        320 + self.order_id.len()
            + json_bytes(&self.request)
            + self.taxes.iter().map(json_bytes).sum::<usize>()
            + self
                .accounts
                .iter()
                .map(|(b, n, o)| 48 + b.len() + n.len() + o.len())
                .sum::<usize>()
            + self.payment_link_url.as_ref().map_or(0, String::len)
    }
}

type Answer = (Reply, Vec<Delivery>);

fn none(reply: Reply) -> Answer {
    (reply, Vec::new())
}

fn error(status: u16, messages: &[String]) -> Reply {
    Reply::Json(status, json!({ "error_messages": messages }))
}

fn not_found() -> Reply {
    error(404, &["Not Found".to_owned()])
}

fn whole(value: &Value) -> Option<u64> {
    value
        .as_u64()
        .or_else(|| value.as_str().and_then(|s| s.trim().parse().ok()))
}

/// `yyyy-MM-dd HH:mm:ss Z` or RFC 3339, as Midtrans takes them.
fn invoice_time(value: &Value) -> Option<DateTime<FixedOffset>> {
    let text = value.as_str()?;
    DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S %z")
        .or_else(|_| DateTime::parse_from_rfc3339(text))
        .ok()
}

/// As Midtrans answers times: Jakarta, `yyyy-MM-dd HH:mm:ss +0700`.
fn shown(at: DateTime<FixedOffset>) -> String {
    at.with_timezone(&JAKARTA)
        .format("%Y-%m-%d %H:%M:%S %z")
        .to_string()
}

/// The items' total after their discounts, and the total with discount, shipping, VAT and
/// exclusive taxes; the taxes with what each came to.
fn totals(body: &Value) -> Result<(u64, Vec<Value>), String> {
    let items = body["item_details"].as_array().cloned().unwrap_or_default();
    if items.is_empty() {
        return Err("item must not be empty".to_owned());
    }
    let mut base = 0_u64;
    for item in &items {
        let line = whole(&item["quantity"])
            .zip(whole(&item["price"]))
            .and_then(|(q, p)| q.checked_mul(p))
            .ok_or("item quantity and price must be numbers")?;
        let percent = whole(&item["discount_percentage"]).unwrap_or(0).min(100);
        let off = line.saturating_mul(percent) / 100;
        base = base.saturating_add(line.saturating_sub(off));
    }
    let amount = &body["amount"];
    let inclusive = body["tax_mode"].as_str() == Some("inclusive");
    let mut taxes = Vec::new();
    let mut added = 0_u64;
    for tax in body["taxes"].as_array().into_iter().flatten() {
        let value = tax["value"].as_f64().unwrap_or(0.0).max(0.0);
        let computed = match (tax["type"].as_str(), inclusive) {
            (Some("fixed"), _) => value,
            (_, false) => base as f64 * value / 100.0,
            (_, true) => base as f64 - base as f64 / (1.0 + value / 100.0),
        }
        .round() as u64;
        if !inclusive {
            added = added.saturating_add(computed);
        }
        let mut tax = tax.clone();
        if let Value::Object(map) = &mut tax {
            map.insert("calculated_amount".into(), computed.into());
        }
        taxes.push(tax);
    }
    let gross = base
        .saturating_add(whole(&amount["shipping"]).unwrap_or(0))
        .saturating_add(whole(&amount["vat"]).unwrap_or(0))
        .saturating_add(added)
        .checked_sub(whole(&amount["discount"]).unwrap_or(0))
        .ok_or("the discount is larger than the total")?;
    if gross == 0 {
        return Err("gross_amount must be more than 0".to_owned());
    }
    Ok((gross, taxes))
}

impl Simulator {
    /// `POST /v1/invoices`.
    pub(super) fn invoice_create(&self, call: &Call, bases: &Bases) -> Answer {
        let Ok(body) = serde_json::from_slice::<Value>(&call.body) else {
            return none(error(400, &["Invalid JSON".to_owned()]));
        };
        let mut errors = Vec::new();
        let order_id = body["order_id"].as_str().unwrap_or_default().to_owned();
        let charset = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '~' | '.');
        if order_id.is_empty() || order_id.len() > 36 || !order_id.chars().all(charset) {
            errors
                .push("order_id must be 1 to 36 characters of a-z, 0-9, -, _, ~ and .".to_owned());
        }
        let number = body["invoice_number"].as_str().unwrap_or_default();
        if number.is_empty() || number.chars().count() > 40 {
            errors.push("invoice_number must be 1 to 40 characters".to_owned());
        }
        let (invoice_date, due) = (
            invoice_time(&body["invoice_date"]),
            invoice_time(&body["due_date"]),
        );
        match (invoice_date, due) {
            (Some(from), Some(to)) if to > from => {}
            (Some(_), Some(_)) => errors.push("due_date must be after invoice_date".to_owned()),
            _ => errors.push("invoice_date and due_date must be yyyy-MM-dd HH:mm:ss Z".to_owned()),
        }
        let name = body["customer_details"]["name"]
            .as_str()
            .unwrap_or_default();
        if name.is_empty() || name.chars().count() > 40 {
            errors.push("customer_details.name must be 1 to 40 characters".to_owned());
        }
        let (gross_amount, taxes) = match totals(&body) {
            Ok(totals) => totals,
            Err(message) => {
                errors.push(message);
                (0, Vec::new())
            }
        };
        let payment_type = body["payment_type"].as_str().unwrap_or_default();
        match payment_type {
            "virtual_account" => {
                let banks: Vec<&str> = body["virtual_accounts"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|va| va["bank"].as_str().or_else(|| va["name"].as_str()))
                    .collect();
                if banks.is_empty() {
                    errors.push("virtual_accounts must not be empty".to_owned());
                }
                if banks.iter().any(|b| va_charge(b, "x", 1, None).is_none()) {
                    errors.push("virtual_accounts bank must be one of bca_va, mandiri_bill, bni_va, bri_va, cimb_va, permata_va".to_owned());
                }
            }
            "payment_link" => {
                if body["payment_link"]["enabled_payments"]
                    .as_array()
                    .is_none_or(Vec::is_empty)
                {
                    errors.push("payment_link.enabled_payments must not be empty".to_owned());
                }
            }
            _ => errors.push("payment_type must be payment_link or virtual_account".to_owned()),
        }
        let quotation = body["document_type"].as_str() == Some("quotation");
        let validity = invoice_time(&body["quotation_validity_date"]);
        if quotation && (invoice_time(&body["quotation_date"]).is_none() || validity.is_none()) {
            errors.push(
                "quotation_date and quotation_validity_date are required for a quotation"
                    .to_owned(),
            );
        }
        let (Some(due), true) = (due, errors.is_empty()) else {
            return none(error(400, &errors));
        };
        let id = format!("{:016x}{:08x}", self.rng.next(), self.rng.next() >> 32);
        let record = InvoiceRecord {
            order_id: order_id.clone(),
            request: body,
            quotation,
            converted_at: None,
            voided: None,
            gross_amount,
            taxes,
            due,
            validity,
            published_date: shown(now()),
            accounts: Vec::new(),
            link: None,
            payment_link_url: None,
        };
        let limits = self.limits();
        {
            let mut state = self.state();
            if state.invoice_ids.contains_key(&order_id) {
                return none(error(409, &["Duplicate order id".to_owned()]));
            }
            state.insert_invoice(id.clone(), record, limits);
        }
        let deliveries = if quotation {
            Vec::new()
        } else {
            self.invoice_open(&id, bases)
        };
        (self.invoice_answer(&id, 201, bases), deliveries)
    }

    /// Issues an invoice's ways to pay: its virtual accounts' transactions, or its link.
    fn invoice_open(&self, id: &str, bases: &Bases) -> Vec<Delivery> {
        let Some(record) = self.state().invoices.get(id).cloned() else {
            return Vec::new();
        };
        let notify: Vec<String> = self.config.notification_url.iter().cloned().collect();
        let mut deliveries = Vec::new();
        if record.request["payment_type"] == "virtual_account" {
            let mut accounts = Vec::new();
            for va in record.request["virtual_accounts"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let bank = va["bank"]
                    .as_str()
                    .or_else(|| va["name"].as_str())
                    .unwrap_or_default();
                let order = format!("{}-{bank}", record.order_id);
                let Some(charge) =
                    va_charge(bank, &order, record.gross_amount, va["number"].as_str())
                else {
                    continue;
                };
                let (reply, more) = self.charge(&charge, notify.clone(), None, bases);
                deliveries.extend(more);
                if let Reply::Json(_, answer) = reply {
                    let number = answer["va_numbers"][0]["va_number"]
                        .as_str()
                        .or_else(|| answer["permata_va_number"].as_str())
                        .or_else(|| answer["bill_key"].as_str())
                        .unwrap_or_default()
                        .to_owned();
                    accounts.push((bank.to_owned(), number, order));
                }
            }
            self.state().invoices.update(id, |r| r.accounts = accounts);
        } else {
            let link = &record.request["payment_link"];
            let expiry = if link["is_custom_expiry"] == true {
                link["expiry"].clone()
            } else {
                let minutes = (record.due - now()).num_minutes().max(1);
                json!({"duration": minutes, "unit": "minute"})
            };
            let body = json!({
                "transaction_details": {"order_id": record.order_id, "gross_amount": record.gross_amount},
                "usage_limit": 1,
                "enabled_payments": link["enabled_payments"],
                "expiry": expiry,
            });
            if let Reply::Json(200, answer) = self.create_payment_link(&body, bases) {
                let url = answer["payment_url"].as_str().map(str::to_owned);
                self.state().invoices.update(id, |r| {
                    r.link = Some(r.order_id.clone());
                    r.payment_link_url = url;
                });
            }
        }
        deliveries
    }

    /// The status an invoice has now, and when it was paid.
    fn invoice_status(&self, record: &InvoiceRecord) -> (&'static str, Option<String>) {
        if let Some(voided) = record.voided {
            return (voided, None);
        }
        let at = now();
        if record.quotation && record.converted_at.is_none() {
            return match record.validity {
                Some(until) if until <= at => ("expired", None),
                _ => ("published", None),
            };
        }
        let state = self.state();
        let mut transactions: Vec<String> =
            record.accounts.iter().map(|(_, _, o)| o.clone()).collect();
        if let Some(link) = record
            .link
            .as_ref()
            .and_then(|l| state.payment_links.get(l))
        {
            transactions.extend(link.purchases().iter().cloned());
        }
        let orders: Vec<_> = transactions
            .iter()
            .filter_map(|o| state.latest(o))
            .collect();
        if let Some(paid) = orders
            .iter()
            .find(|o| matches!(o.status.as_str(), "settlement" | "capture"))
        {
            // Core times are Jakarta's without an offset; Invoicing writes `+0700`.
            let when = paid.settlement_time.as_ref().map(|t| format!("{t} +0700"));
            return ("paid", when.or_else(|| Some(shown(at))));
        }
        let link_open = record
            .link
            .as_ref()
            .and_then(|l| state.payment_links.get(l))
            .is_some_and(|l| l.open_at(at));
        let pending = orders.iter().any(|o| o.status == "pending");
        let issued = !orders.is_empty() || record.link.is_some();
        if issued && !pending && !link_open {
            return ("expired", None);
        }
        if record.due <= at {
            ("overdue", None)
        } else {
            ("pending", None)
        }
    }

    /// The invoice object Midtrans answers with.
    fn invoice_answer(&self, id: &str, status_code: u16, bases: &Bases) -> Reply {
        let Some(record) = self.state().invoices.get(id).cloned() else {
            return not_found();
        };
        let (status, paid_date) = self.invoice_status(&record);
        let request = &record.request;
        let mut answer = Map::new();
        for key in [
            "order_id",
            "invoice_number",
            "invoice_title",
            "invoice_paid_title",
            "reference",
            "customer_details",
            "item_details",
            "payment_type",
            "amount",
            "tax_mode",
            "notes",
        ] {
            answer.insert(
                key.to_owned(),
                request.get(key).cloned().unwrap_or(Value::Null),
            );
        }
        for key in [
            "invoice_date",
            "due_date",
            "quotation_date",
            "quotation_validity_date",
        ] {
            let value = invoice_time(&request[key]).map_or(Value::Null, |at| shown(at).into());
            answer.insert(key.to_owned(), value);
        }
        let converted = !record.quotation || record.converted_at.is_some();
        let accounts: Vec<Value> = record
            .accounts
            .iter()
            .map(|(bank, number, _)| json!({"bank": bank, "number": number}))
            .collect();
        let document = if converted { "invoice" } else { "quotation" };
        let extra = json!({
            "id": id,
            "status": status,
            "gross_amount": record.gross_amount,
            "published_date": converted.then(|| record.published_date.clone()),
            "paid_date": paid_date,
            "pdf_url": converted.then(|| format!("{}/_mock/invoices/{id}/pdf", bases.core)),
            "virtual_accounts": accounts,
            "payment_link_url": record.payment_link_url,
            "taxes": record.taxes,
            "document_type": document,
            "converted_at": record.converted_at,
            "created_as": if record.quotation { "quotation" } else { "invoice" },
        });
        if let Value::Object(extra) = extra {
            answer.extend(extra);
        }
        Reply::Json(status_code, Value::Object(answer))
    }

    /// `GET /v1/invoices/{id}`.
    pub(super) fn invoice_get(&self, id: &str, bases: &Bases) -> Reply {
        self.invoice_answer(id, 200, bases)
    }

    /// `PATCH /v1/invoices/{id}/void`: a pending or overdue invoice is voided; a published
    /// quotation rejected (`cancel_as: client`) or cancelled.
    pub(super) fn invoice_void(&self, id: &str, call: &Call) -> Reply {
        let Some(record) = self.state().invoices.get(id).cloned() else {
            return not_found();
        };
        let by_client = serde_json::from_slice::<Value>(&call.body)
            .ok()
            .is_some_and(|b| b["cancel_as"] == "client");
        let result = match (
            self.invoice_status(&record).0,
            record.quotation && record.converted_at.is_none(),
        ) {
            ("pending" | "overdue", false) => "voided",
            ("published", true) if by_client => "rejected",
            ("published", true) => "canceled",
            _ => return error(409, &["Invoice cannot be canceled".to_owned()]),
        };
        self.state()
            .invoices
            .update(id, |r| r.voided = Some(result));
        Reply::Json(200, json!({"success": true}))
    }

    /// `PATCH /v1/invoices/{id}/convert`: a published, unexpired quotation becomes a pending
    /// invoice (the client's details replaced by those given) and its ways to pay are issued.
    pub(super) fn invoice_convert(&self, id: &str, call: &Call, bases: &Bases) -> Answer {
        let Some(record) = self.state().invoices.get(id).cloned() else {
            return none(not_found());
        };
        if !record.quotation || self.invoice_status(&record).0 != "published" {
            return none(error(409, &["Quotation cannot be converted".to_owned()]));
        }
        let client = serde_json::from_slice::<Value>(&call.body)
            .ok()
            .and_then(|b| b.get("client").cloned());
        self.state().invoices.update(id, |r| {
            r.converted_at = Some(shown(now()));
            r.published_date = shown(now());
            if let (Some(Value::Object(given)), Some(Value::Object(customer))) =
                (&client, r.request.get_mut("customer_details"))
            {
                customer.extend(given.clone());
            }
        });
        let deliveries = self.invoice_open(id, bases);
        (self.invoice_answer(id, 200, bases), deliveries)
    }

    /// `POST /_mock/invoices/{id}/pay`: the customer pays the invoice — into its first
    /// virtual account, or through its payment link.
    pub(super) fn invoice_pay(&self, id: &str, bases: &Bases) -> Answer {
        let Some(record) = self.state().invoices.get(id).cloned() else {
            return none(not_found());
        };
        if let Some((_, _, order)) = record.accounts.first() {
            return match self.control_transition(order, "pay") {
                Ok(deliveries) => (self.invoice_answer(id, 200, bases), deliveries),
                Err(reply) => none(reply),
            };
        }
        if let Some(link) = &record.link {
            let (reply, deliveries) = self.payment_link_control(link, "pay", None, bases);
            if reply.status() >= 300 {
                return (reply, deliveries);
            }
            return (self.invoice_answer(id, 200, bases), deliveries);
        }
        none(error(
            409,
            &["The invoice has no way to pay yet (a quotation not converted)".to_owned()],
        ))
    }
}
