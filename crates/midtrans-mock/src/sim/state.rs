//! What the simulator remembers, and how much of it.
//!
//! Every kind of record lives in a [`Store`]: a map with an insertion log, so the oldest record
//! is found without a scan. [`State`] holds one store per kind plus the indexes into them, counts
//! approximate bytes across all of them, and forgets the oldest records first — of any kind —
//! once a store holds more than its count or everything together more than its bytes.
// Read-only `serde_json::Value["key"]` yields `Null` for absent keys or non-objects and never
// panics.
#![allow(clippy::indexing_slicing)]

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use serde_json::{Map, Value};

use super::Reply;
use crate::cards::Outcome;

/// How long an idempotency key is remembered.
pub(crate) const IDEMPOTENCY_TTL: Duration = Duration::from_secs(300);

/// What each map entry and log line costs beyond its own text: hash-table slot, `String`
/// headers, allocation overhead. An estimate, not a measurement.
const ENTRY_OVERHEAD: usize = 96;
const LOG_LINE: usize = 48;

/// Approximate heap bytes of a JSON value.
pub(crate) fn json_bytes(value: &Value) -> usize {
    32 + match value {
        Value::String(text) => text.len(),
        Value::Array(items) => items.iter().map(json_bytes).sum(),
        Value::Object(map) => map_bytes(map),
        Value::Null | Value::Bool(_) | Value::Number(_) => 0,
    }
}

/// Approximate heap bytes of a JSON object's entries.
pub(crate) fn map_bytes(map: &Map<String, Value>) -> usize {
    map.iter().map(|(k, v)| 24 + k.len() + json_bytes(v)).sum()
}

/// A record that knows roughly how much memory it holds.
pub(crate) trait Measured {
    fn bytes(&self) -> usize;
}

impl Measured for Value {
    fn bytes(&self) -> usize {
        json_bytes(self)
    }
}

impl Measured for String {
    fn bytes(&self) -> usize {
        self.len()
    }
}

/// A map whose entries are forgotten oldest first.
#[derive(Debug)]
pub(crate) struct Store<V> {
    map: HashMap<String, (u64, V)>,
    /// `(sequence, key)` of every insert, oldest first. A line whose sequence no longer matches
    /// the entry (rewritten or removed since) is skipped when it reaches the front.
    log: VecDeque<(u64, String)>,
    bytes: usize,
}

impl<V> Default for Store<V> {
    fn default() -> Self {
        Store {
            map: HashMap::new(),
            log: VecDeque::new(),
            bytes: 0,
        }
    }
}

impl<V: Measured> Store<V> {
    fn cost(key: &str, value: &V) -> usize {
        ENTRY_OVERHEAD + key.len() + value.bytes()
    }

    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }

    pub(crate) fn get(&self, key: &str) -> Option<&V> {
        self.map.get(key).map(|(_, v)| v)
    }

    pub(crate) fn contains(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// Every entry, in no particular order.
    pub(crate) fn values(&self) -> impl Iterator<Item = &V> {
        self.map.values().map(|(_, v)| v)
    }

    /// Every entry, oldest first.
    pub(crate) fn ordered(&self) -> Vec<&V> {
        let mut entries: Vec<&(u64, V)> = self.map.values().collect();
        entries.sort_by_key(|(seq, _)| *seq);
        entries.into_iter().map(|(_, v)| v).collect()
    }

    /// Changes an entry in place; its size is measured again afterwards.
    pub(crate) fn update<R>(&mut self, key: &str, change: impl FnOnce(&mut V) -> R) -> Option<R> {
        let (_, value) = self.map.get_mut(key)?;
        let before = Self::cost(key, value);
        let result = change(value);
        let after = Self::cost(key, value);
        self.bytes = self.bytes.saturating_sub(before).saturating_add(after);
        Some(result)
    }

    fn insert(&mut self, seq: u64, key: String, value: V) {
        self.bytes = self
            .bytes
            .saturating_add(Self::cost(&key, &value))
            .saturating_add(LOG_LINE + key.len());
        self.log.push_back((seq, key.clone()));
        if let Some((_, old)) = self.map.insert(key.clone(), (seq, value)) {
            self.bytes = self.bytes.saturating_sub(Self::cost(&key, &old));
        }
    }

    pub(crate) fn remove(&mut self, key: &str) -> Option<V> {
        let (_, value) = self.map.remove(key)?;
        self.bytes = self.bytes.saturating_sub(Self::cost(key, &value));
        Some(value)
    }

    /// Drops stale lines from the front of the log; the sequence of the oldest live entry.
    fn oldest(&mut self) -> Option<u64> {
        while let Some((seq, key)) = self.log.front() {
            if self.map.get(key).is_some_and(|(live, _)| live == seq) {
                return Some(*seq);
            }
            if let Some((_, key)) = self.log.pop_front() {
                self.bytes = self.bytes.saturating_sub(LOG_LINE + key.len());
            }
        }
        None
    }

    /// Forgets the oldest live entry.
    fn pop_oldest(&mut self) -> Option<(String, V)> {
        self.oldest()?;
        let (_, key) = self.log.pop_front()?;
        self.bytes = self.bytes.saturating_sub(LOG_LINE + key.len());
        let value = self.remove(&key)?;
        Some((key, value))
    }
}

/// A transaction the simulator knows.
#[derive(Clone, Debug)]
pub(crate) struct Order {
    pub(crate) order_id: String,
    pub(crate) transaction_id: String,
    pub(crate) payment_type: String,
    pub(crate) gross_amount: u64,
    pub(crate) status: String,
    pub(crate) fraud: Option<String>,
    pub(crate) transaction_time: String,
    pub(crate) settlement_time: Option<String>,
    /// Payment-specific answer fields (va_numbers, bill_key, actions, card fields, …).
    pub(crate) fields: Map<String, Value>,
    pub(crate) refunds: Vec<Value>,
    pub(crate) refunded: u64,
    /// Each refund key used, with the answer its refund got (replayed when the key is reused).
    pub(crate) refund_keys: Vec<(String, u64, Value)>,
    pub(crate) notify: Vec<String>,
    pub(crate) custom: Map<String, Value>,
    /// What this charge is waiting for, when pending (3-D Secure's outcome, a QR's payload).
    pub(crate) waiting: Waiting,
    /// The Snap session this transaction was paid through, if any.
    pub(crate) snap: Option<SnapReturn>,
    /// What SNAP-BI adds, for a transaction created over SNAP-BI.
    pub(crate) snap_bi: Option<super::snap_bi::SnapBiOrder>,
    /// Each status the transaction took and when (Core API time), first first, at most
    /// [`HISTORY_MAX`].
    pub(crate) history: Vec<(String, String)>,
}

/// The most status changes kept per transaction (the dashboard's history): more than a
/// payment goes through (pending, capture, settlement, partial refunds, refund, chargeback).
const HISTORY_MAX: usize = 8;

impl Order {
    /// Notes the current status in the history, unless it is the last one noted.
    fn note_status(&mut self) {
        if self.history.last().is_some_and(|(_, s)| *s == self.status) {
            return;
        }
        if self.history.len() >= HISTORY_MAX {
            self.history.remove(0);
        }
        let at = crate::ids::core_time(crate::ids::now());
        self.history.push((at, self.status.clone()));
    }
}

/// What a pending transaction will turn into.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) enum Waiting {
    /// Nothing the simulator decides.
    #[default]
    Nothing,
    /// A card payment waiting for 3-D Secure: the card's outcome, and whether it only
    /// authorizes.
    ThreeDs { outcome: Outcome, authorize: bool },
    /// A QR payment: the payload its `generate-qr-code` image encodes.
    Qr(String),
}

/// Where a Snap payment's pages send the customer back to.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SnapReturn {
    pub(crate) finish: Option<String>,
}

impl Measured for Order {
    fn bytes(&self) -> usize {
        let texts = [
            &self.order_id,
            &self.transaction_id,
            &self.payment_type,
            &self.status,
            &self.transaction_time,
        ];
        let waiting = match &self.waiting {
            Waiting::Qr(text) => text.len(),
            _ => 0,
        };
        let snap = self
            .snap
            .as_ref()
            .and_then(|s| s.finish.as_ref())
            .map_or(0, String::len)
            + self.snap_bi.as_ref().map_or(0, |bi| {
                128 + bi.external_id.len()
                    + bi.merchant_id.len()
                    + bi.account.as_ref().map_or(0, json_bytes)
            });
        256 + texts.iter().map(|t| t.len()).sum::<usize>()
            + self.settlement_time.as_ref().map_or(0, String::len)
            + map_bytes(&self.fields)
            + map_bytes(&self.custom)
            + self
                .history
                .iter()
                .map(|(at, status)| 48 + at.len() + status.len())
                .sum::<usize>()
            + self.refunds.iter().map(json_bytes).sum::<usize>()
            + self
                .refund_keys
                .iter()
                .map(|(k, _, v)| 40 + k.len() + json_bytes(v))
                .sum::<usize>()
            + self.notify.iter().map(|u| 24 + u.len()).sum::<usize>()
            + waiting
            + snap
    }
}

/// A Snap session waiting for the customer.
#[derive(Clone, Debug)]
pub(crate) struct SnapSession {
    pub(crate) order_id: String,
    pub(crate) gross_amount: u64,
    pub(crate) notify: Vec<String>,
    pub(crate) cancelled: bool,
    /// The request's `enabled_payments`; empty: every method.
    pub(crate) enabled: Vec<String>,
    /// `(name, price, quantity)` of each item.
    pub(crate) items: Vec<(String, i64, i64)>,
    /// The customer's name, email and phone, as given.
    pub(crate) customer: Vec<(&'static str, String)>,
    /// `callbacks.finish`.
    pub(crate) finish: Option<String>,
}

impl SnapSession {
    /// Whether `enabled_payments` allows a method: every method when it was not given.
    pub(crate) fn allows(&self, method: &str) -> bool {
        self.enabled.is_empty() || self.enabled.iter().any(|m| m == method)
    }
}

impl Measured for SnapSession {
    fn bytes(&self) -> usize {
        128 + self.order_id.len()
            + self.notify.iter().map(|u| 24 + u.len()).sum::<usize>()
            + self.enabled.iter().map(|m| 24 + m.len()).sum::<usize>()
            + self
                .items
                .iter()
                .map(|(n, _, _)| 40 + n.len())
                .sum::<usize>()
            + self
                .customer
                .iter()
                .map(|(_, v)| 40 + v.len())
                .sum::<usize>()
            + self.finish.as_ref().map_or(0, String::len)
    }
}

/// A GoPay account link.
#[derive(Clone, Debug)]
pub(crate) struct PayAccount {
    /// What `GET /v2/pay/account/{id}` answers.
    pub(crate) answer: Value,
    /// `gopay_partner.redirect_url`: where the activation page sends the customer.
    pub(crate) redirect_url: Option<String>,
}

impl Measured for PayAccount {
    fn bytes(&self) -> usize {
        json_bytes(&self.answer) + self.redirect_url.as_ref().map_or(0, String::len)
    }
}

/// An idempotency entry: when it was written, and the answer once there is one.
#[derive(Clone, Debug)]
pub(crate) struct Remembered {
    pub(crate) at: Instant,
    pub(crate) reply: Option<Reply>,
}

impl Measured for Remembered {
    fn bytes(&self) -> usize {
        16 + match &self.reply {
            Some(Reply::Json(_, body)) => json_bytes(body),
            Some(Reply::Html(_, html) | Reply::Text(_, html)) => html.len(),
            Some(_) | None => 0,
        }
    }
}

/// How much the simulator may hold.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// The most records of each kind.
    pub(crate) count: usize,
    /// The most approximate bytes of all records together.
    pub(crate) bytes: usize,
}

/// Everything the simulator remembers.
#[derive(Debug, Default)]
pub(crate) struct State {
    seq: u64,
    /// The bounds every change is held to (set once by the simulator).
    pub(crate) limits: Option<Limits>,
    /// Transactions by transaction id.
    pub(crate) transactions: Store<Order>,
    /// The latest transaction id of each order id.
    by_order: HashMap<String, String>,
    by_order_bytes: usize,
    /// Snap sessions by token.
    pub(crate) snap: Store<SnapSession>,
    /// The live Snap token of each order id.
    snap_by_order: HashMap<String, String>,
    /// Saved card tokens: `saved_token_id` → card number.
    pub(crate) saved_cards: Store<String>,
    pub(crate) subscriptions: Store<Value>,
    pub(crate) pay_accounts: Store<PayAccount>,
    pub(crate) idempotency: Store<Remembered>,
    /// Iris payouts by reference number.
    pub(crate) iris_payouts: Store<super::iris::Payout>,
    /// Iris beneficiaries by alias.
    pub(crate) iris_beneficiaries: Store<Value>,
    /// Iris balance movements (top-ups, payouts, refunds of failed payouts), by id.
    pub(crate) iris_statements: Store<Value>,
    /// The Iris balance, in rupiah.
    pub(crate) iris_balance: u64,
    /// Payment links by order id.
    pub(crate) payment_links: Store<super::payment_link::PaymentLinkRecord>,
    /// The order id of each payment link id.
    pub(crate) payment_link_ids: HashMap<String, String>,
    /// Invoices by Midtrans's id.
    pub(crate) invoices: Store<super::invoicing::InvoiceRecord>,
    /// The id of each invoice's order id.
    pub(crate) invoice_ids: HashMap<String, String>,
    /// Transactions (by transaction id) whose card refunds the scheme declines (control API).
    pub(crate) refunds_denied: std::collections::HashSet<String>,
    /// Snap's merchant preferences (`null` until first read or changed).
    pub(crate) snap_preferences: Value,
}

/// Which store holds the oldest record.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Transaction,
    Snap,
    SavedCard,
    Subscription,
    PayAccount,
    Idempotency,
    IrisPayout,
    IrisBeneficiary,
    IrisStatement,
    PaymentLink,
    Invoice,
}

impl State {
    fn next_seq(&mut self) -> u64 {
        self.seq = self.seq.wrapping_add(1);
        self.seq
    }

    /// Approximate bytes held, indexes included.
    pub(crate) fn bytes(&self) -> usize {
        [
            self.transactions.bytes,
            self.by_order_bytes,
            self.snap.bytes,
            self.snap_by_order.len().saturating_mul(ENTRY_OVERHEAD + 80),
            self.saved_cards.bytes,
            self.subscriptions.bytes,
            self.pay_accounts.bytes,
            self.idempotency.bytes,
            self.iris_payouts.bytes,
            self.iris_beneficiaries.bytes,
            self.iris_statements.bytes,
            self.payment_links.bytes,
            self.payment_link_ids
                .len()
                .saturating_mul(ENTRY_OVERHEAD + 80),
            self.invoices.bytes,
            self.invoice_ids.len().saturating_mul(ENTRY_OVERHEAD + 64),
        ]
        .iter()
        .fold(0, |sum, b| sum.saturating_add(*b))
    }

    /// The transaction with this transaction id, else the latest one of this order id.
    pub(crate) fn find(&self, id: &str) -> Option<&Order> {
        if let Some(order) = self.transactions.get(id) {
            return Some(order);
        }
        self.transactions.get(self.by_order.get(id)?)
    }

    /// The transaction id [`State::find`] resolves `id` to.
    pub(crate) fn resolve(&self, id: &str) -> Option<String> {
        if self.transactions.contains(id) {
            return Some(id.to_owned());
        }
        self.by_order.get(id).cloned()
    }

    /// Changes the transaction `id` names (see [`State::find`]); its size is measured again.
    pub(crate) fn update_order<R>(
        &mut self,
        id: &str,
        change: impl FnOnce(&mut Order) -> R,
    ) -> Option<R> {
        let transaction_id = self.resolve(id)?;
        let result = self.transactions.update(&transaction_id, |order| {
            let result = change(order);
            order.note_status();
            result
        });
        // A change may have grown the transaction (a refund line): the bound holds after it
        // too, as after an insert.
        if let Some(limits) = self.limits {
            self.enforce(limits);
        }
        result
    }

    /// The latest transaction of an order id.
    pub(crate) fn latest(&self, order_id: &str) -> Option<&Order> {
        self.transactions.get(self.by_order.get(order_id)?)
    }

    /// Stores a new transaction; it becomes the one its order id names.
    pub(crate) fn insert_order(&mut self, mut order: Order, limits: Limits) {
        order.note_status();
        let seq = self.next_seq();
        let transaction_id = order.transaction_id.clone();
        let order_id = order.order_id.clone();
        let index = ENTRY_OVERHEAD + order_id.len() + transaction_id.len();
        match self.by_order.insert(order_id, transaction_id.clone()) {
            Some(_) => {}
            None => self.by_order_bytes = self.by_order_bytes.saturating_add(index),
        }
        self.transactions.insert(seq, transaction_id, order);
        self.enforce(limits);
    }

    /// Whether a Snap session is waiting for this order id.
    pub(crate) fn snap_waiting(&self, order_id: &str) -> bool {
        self.snap_by_order
            .get(order_id)
            .and_then(|token| self.snap.get(token))
            .is_some_and(|s| !s.cancelled)
    }

    pub(crate) fn insert_snap(&mut self, token: String, session: SnapSession, limits: Limits) {
        let seq = self.next_seq();
        self.snap_by_order
            .insert(session.order_id.clone(), token.clone());
        self.snap.insert(seq, token, session);
        self.enforce(limits);
    }

    pub(crate) fn insert_saved_card(&mut self, token: String, number: String, limits: Limits) {
        let seq = self.next_seq();
        self.saved_cards.insert(seq, token, number);
        self.enforce(limits);
    }

    pub(crate) fn insert_subscription(&mut self, id: String, value: Value, limits: Limits) {
        let seq = self.next_seq();
        self.subscriptions.insert(seq, id, value);
        self.enforce(limits);
    }

    /// Stores an Iris payout under its reference number.
    pub(crate) fn insert_iris_payout(&mut self, payout: super::iris::Payout, limits: Limits) {
        let seq = self.next_seq();
        self.iris_payouts
            .insert(seq, payout.reference_no.clone(), payout);
        self.enforce(limits);
    }

    /// Stores an Iris beneficiary under its alias (replacing one of the same alias).
    pub(crate) fn insert_iris_beneficiary(&mut self, alias: String, value: Value, limits: Limits) {
        let seq = self.next_seq();
        self.iris_beneficiaries.insert(seq, alias, value);
        self.enforce(limits);
    }

    /// Stores a payment link under its order id, and its link id in the index.
    pub(crate) fn insert_payment_link(
        &mut self,
        order_id: String,
        link: super::payment_link::PaymentLinkRecord,
        limits: Limits,
    ) {
        let seq = self.next_seq();
        self.payment_link_ids
            .insert(link.payment_link_id.clone(), order_id.clone());
        self.payment_links.insert(seq, order_id, link);
        self.enforce(limits);
    }

    /// Stores an invoice under its id, and its order id in the index.
    pub(crate) fn insert_invoice(
        &mut self,
        id: String,
        invoice: super::invoicing::InvoiceRecord,
        limits: Limits,
    ) {
        let seq = self.next_seq();
        self.invoice_ids
            .insert(invoice.order_id.clone(), id.clone());
        self.invoices.insert(seq, id, invoice);
        self.enforce(limits);
    }

    /// Records an Iris balance movement.
    pub(crate) fn insert_iris_statement(&mut self, id: String, line: Value, limits: Limits) {
        let seq = self.next_seq();
        self.iris_statements.insert(seq, id, line);
        self.enforce(limits);
    }

    pub(crate) fn insert_pay_account(&mut self, id: String, value: PayAccount, limits: Limits) {
        let seq = self.next_seq();
        self.pay_accounts.insert(seq, id, value);
        self.enforce(limits);
    }

    /// Stores an idempotency entry written at `at`.
    pub(crate) fn remember_key(
        &mut self,
        key: String,
        at: Instant,
        reply: Option<Reply>,
        limits: Limits,
    ) {
        let seq = self.next_seq();
        self.idempotency.insert(seq, key, Remembered { at, reply });
        self.enforce(limits);
    }

    /// Forgets the idempotency entries older than [`IDEMPOTENCY_TTL`] at `now`, oldest first.
    pub(crate) fn expire_keys(&mut self, now: Instant) {
        while self.idempotency.oldest().is_some() {
            let expired = self.idempotency.log.front().is_some_and(|(_, key)| {
                self.idempotency
                    .get(key)
                    .is_some_and(|r| now.saturating_duration_since(r.at) >= IDEMPOTENCY_TTL)
            });
            if !expired {
                break;
            }
            self.idempotency.pop_oldest();
        }
    }

    /// Forgets the oldest records until every store is within its count and all of them
    /// within the byte limit.
    fn enforce(&mut self, limits: Limits) {
        loop {
            let over_count = [
                (Kind::Transaction, self.transactions.len()),
                (Kind::Snap, self.snap.len()),
                (Kind::SavedCard, self.saved_cards.len()),
                (Kind::Subscription, self.subscriptions.len()),
                (Kind::PayAccount, self.pay_accounts.len()),
                (Kind::Idempotency, self.idempotency.len()),
                (Kind::IrisPayout, self.iris_payouts.len()),
                (Kind::IrisBeneficiary, self.iris_beneficiaries.len()),
                (Kind::IrisStatement, self.iris_statements.len()),
                (Kind::PaymentLink, self.payment_links.len()),
                (Kind::Invoice, self.invoices.len()),
            ]
            .into_iter()
            .find(|(_, len)| *len > limits.count)
            .map(|(kind, _)| kind);
            let kind = match over_count {
                Some(kind) => kind,
                None if self.bytes() > limits.bytes => match self.oldest_kind() {
                    Some(kind) => kind,
                    None => return,
                },
                None => return,
            };
            self.evict(kind);
        }
    }

    /// The kind of the oldest record held.
    fn oldest_kind(&mut self) -> Option<Kind> {
        [
            (Kind::Transaction, self.transactions.oldest()),
            (Kind::Snap, self.snap.oldest()),
            (Kind::SavedCard, self.saved_cards.oldest()),
            (Kind::Subscription, self.subscriptions.oldest()),
            (Kind::PayAccount, self.pay_accounts.oldest()),
            (Kind::Idempotency, self.idempotency.oldest()),
            (Kind::IrisPayout, self.iris_payouts.oldest()),
            (Kind::IrisBeneficiary, self.iris_beneficiaries.oldest()),
            (Kind::IrisStatement, self.iris_statements.oldest()),
            (Kind::PaymentLink, self.payment_links.oldest()),
            (Kind::Invoice, self.invoices.oldest()),
        ]
        .into_iter()
        .filter_map(|(kind, seq)| Some((seq?, kind)))
        .min_by_key(|(seq, _)| *seq)
        .map(|(_, kind)| kind)
    }

    /// Forgets the oldest record of a kind, and every index entry pointing to it.
    fn evict(&mut self, kind: Kind) {
        match kind {
            Kind::Transaction => {
                if let Some((transaction_id, order)) = self.transactions.pop_oldest() {
                    if self.by_order.get(&order.order_id) == Some(&transaction_id) {
                        self.by_order.remove(&order.order_id);
                        let index = ENTRY_OVERHEAD + order.order_id.len() + transaction_id.len();
                        self.by_order_bytes = self.by_order_bytes.saturating_sub(index);
                    }
                }
            }
            Kind::Snap => {
                if let Some((token, session)) = self.snap.pop_oldest() {
                    if self.snap_by_order.get(&session.order_id) == Some(&token) {
                        self.snap_by_order.remove(&session.order_id);
                    }
                }
            }
            Kind::SavedCard => drop(self.saved_cards.pop_oldest()),
            Kind::Subscription => drop(self.subscriptions.pop_oldest()),
            Kind::PayAccount => drop(self.pay_accounts.pop_oldest()),
            Kind::Idempotency => drop(self.idempotency.pop_oldest()),
            Kind::IrisPayout => drop(self.iris_payouts.pop_oldest()),
            Kind::IrisBeneficiary => drop(self.iris_beneficiaries.pop_oldest()),
            Kind::IrisStatement => drop(self.iris_statements.pop_oldest()),
            Kind::PaymentLink => {
                if let Some((_, link)) = self.payment_links.pop_oldest() {
                    self.payment_link_ids.remove(&link.payment_link_id);
                }
            }
            Kind::Invoice => {
                if let Some((_, invoice)) = self.invoices.pop_oldest() {
                    self.invoice_ids.remove(&invoice.order_id);
                }
            }
        }
    }

    /// How many records of each kind are held, and their approximate bytes.
    pub(crate) fn retained(&self) -> crate::Retained {
        crate::Retained {
            transactions: self.transactions.len(),
            order_ids: self.by_order.len(),
            snap_sessions: self.snap.len(),
            saved_cards: self.saved_cards.len(),
            subscriptions: self.subscriptions.len(),
            pay_accounts: self.pay_accounts.len(),
            idempotency_keys: self.idempotency.len(),
            iris_payouts: self.iris_payouts.len(),
            iris_beneficiaries: self.iris_beneficiaries.len(),
            payment_links: self.payment_links.len(),
            invoices: self.invoices.len(),
            bytes: self.bytes(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ROOMY: Limits = Limits {
        count: 1_000,
        bytes: usize::MAX,
    };

    fn order(order_id: &str, transaction_id: &str) -> Order {
        Order {
            order_id: order_id.into(),
            transaction_id: transaction_id.into(),
            payment_type: "bank_transfer".into(),
            gross_amount: 10_000,
            status: "pending".into(),
            fraud: None,
            transaction_time: String::new(),
            settlement_time: None,
            fields: Map::new(),
            refunds: Vec::new(),
            refunded: 0,
            refund_keys: Vec::new(),
            notify: Vec::new(),
            custom: Map::new(),
            waiting: Waiting::Nothing,
            history: Vec::new(),
            snap: None,
            snap_bi: None,
        }
    }

    #[test]
    fn idempotency_entries_expire_oldest_first_and_a_rewritten_one_lives_on() {
        let start = Instant::now();
        let at = |seconds: u64| start + Duration::from_secs(seconds);
        let mut state = State::default();
        state.remember_key("a".to_owned(), at(0), None, ROOMY);
        state.remember_key("b".to_owned(), at(10), None, ROOMY);
        // "a" is answered later: its entry is rewritten, and lives from then on.
        let answer = Some(Reply::Json(200, json!({})));
        state.remember_key("a".to_owned(), at(20), answer, ROOMY);
        state.expire_keys(at(305));
        assert!(state.idempotency.contains("a"), "rewritten at 20 s");
        assert!(state.idempotency.contains("b"));
        state.expire_keys(at(311));
        assert!(!state.idempotency.contains("b"), "written at 10 s");
        assert!(state.idempotency.contains("a"));
        state.expire_keys(at(320));
        assert_eq!(state.idempotency.len(), 0);
        assert!(state.idempotency.log.is_empty());
        assert_eq!(
            state.idempotency.bytes, 0,
            "every byte counted is given back"
        );
    }

    #[test]
    fn eviction_forgets_the_oldest_transaction_and_its_index_entry() {
        let limits = Limits {
            count: 2,
            bytes: usize::MAX,
        };
        let mut state = State::default();
        state.insert_order(order("a", "t1"), limits);
        state.insert_order(order("b", "t2"), limits);
        state.insert_order(order("c", "t3"), limits);
        assert!(state.find("a").is_none() && state.find("t1").is_none());
        assert!(!state.by_order.contains_key("a"), "no index entry is left");
        assert_eq!(
            state.find("b").map(|o| o.transaction_id.as_str()),
            Some("t2")
        );
        assert_eq!(state.find("t3").map(|o| o.order_id.as_str()), Some("c"));
    }

    #[test]
    fn an_order_id_charged_again_names_the_new_transaction_and_the_old_id_the_old_one() {
        let limits = Limits {
            count: 2,
            bytes: usize::MAX,
        };
        let mut state = State::default();
        state.insert_order(order("a", "t1"), limits);
        state.update_order("a", |o| o.status = "cancel".into());
        state.insert_order(order("a", "t2"), limits);
        assert_eq!(
            state.find("a").map(|o| o.transaction_id.as_str()),
            Some("t2")
        );
        assert_eq!(state.find("t1").map(|o| o.status.as_str()), Some("cancel"));
        // The old transaction is evicted first; the order id still names the new one.
        state.insert_order(order("b", "t3"), limits);
        assert!(state.find("t1").is_none());
        assert_eq!(
            state.find("a").map(|o| o.transaction_id.as_str()),
            Some("t2")
        );
        // Then the new one, and with it the index entry.
        state.insert_order(order("c", "t4"), limits);
        assert!(state.find("a").is_none() && !state.by_order.contains_key("a"));
    }

    #[test]
    fn the_byte_limit_forgets_the_oldest_record_of_any_kind() {
        let mut state = State::default();
        let roomy = ROOMY;
        state.insert_saved_card("card-1".into(), "4811111111111114".into(), roomy);
        state.insert_order(order("a", "t1"), roomy);
        state.insert_saved_card("card-2".into(), "4811111111111114".into(), roomy);
        let held = state.bytes();
        let tight = Limits {
            count: 1_000,
            bytes: held - 1,
        };
        state.insert_subscription("s".into(), json!({"id": "s"}), tight);
        assert!(state.bytes() <= tight.bytes);
        assert!(
            !state.saved_cards.contains("card-1"),
            "the oldest goes first"
        );
        assert!(state.subscriptions.contains("s"));
    }
}
