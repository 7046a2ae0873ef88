//! Iris, Midtrans's disbursement API: beneficiaries, payouts (created by a creator key,
//! approved or rejected by an approver key), statements, top-up channels, balances,
//! facilitator bank accounts, beneficiary banks and account validation; and the notifications
//! Iris sends when a payout's status changes or a top-up arrives.
//! [Midtrans docs](https://docs.midtrans.com/reference/disbursement-api)
//!
//! ```
//! use midtrans_types::iris::{Beneficiary, PayoutItem, PayoutRequest};
//! use midtrans_types::Idr;
//!
//! let beneficiary = Beneficiary::builder("Budi Utomo", "bca", "1234567890", "budibca")
//!     .email("budi@example.com")
//!     .build()?;
//! let payouts = PayoutRequest::builder([PayoutItem::to(&beneficiary, Idr::new(150_000), "October payout")]).build()?;
//! let json = serde_json::to_value(&payouts)?;
//! assert_eq!(json["payouts"][0]["amount"], "150000.00");
//! assert_eq!(json["payouts"][0]["beneficiary_bank"], "bca");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::validate::{self, BuildError, BuildErrorKind};
use crate::{Amount, Idr};

/// Fields this crate does not model, kept as received.
pub type Extra = serde_json::Map<String, serde_json::Value>;

string_enum! {
    /// Where a payout stands: queued → approved | rejected → processed → completed | failed.
    pub enum PayoutStatus {
        /// Created, waiting for an approver.
        Queued => "queued",
        /// Approved, about to be processed.
        Approved => "approved",
        /// Rejected by an approver.
        Rejected => "rejected",
        /// Sent to the bank.
        Processed => "processed",
        /// The money reached the beneficiary.
        Completed => "completed",
        /// The bank refused it (see `error_code` / `error_message`).
        Failed => "failed",
    }
}

impl PayoutStatus {
    /// Whether the payout can no longer change (rejected, completed or failed).
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            PayoutStatus::Rejected | PayoutStatus::Completed | PayoutStatus::Failed
        )
    }
}

/// A beneficiary: who payouts go to. `POST /beneficiaries` creates one,
/// `PATCH /beneficiaries/{alias_name}` updates it.
///
/// Built with the documented rules checked: a name, a bank code, an account of 6 to 20
/// characters, an alias of at most 20 letters and digits. E-wallets: [`Beneficiary::gopay`] (a
/// `62…`/`08…` phone number) and [`Beneficiary::ovo`] (the `8066` virtual account prefix).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Beneficiary {
    /// The account holder's name.
    pub name: String,
    /// The account number (or phone number for GoPay).
    pub account: String,
    /// The bank code (`bca`, `bni`, `gopay`, `cimb_va`, … from `/beneficiary_banks`).
    pub bank: String,
    /// The merchant's alias for this beneficiary (≤ 20 letters and digits).
    pub alias_name: String,
    /// E-mail notified of payouts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl Beneficiary {
    /// Starts a beneficiary: holder's name, bank code, account number and alias.
    pub fn builder(
        name: impl Into<String>,
        bank: impl Into<String>,
        account: impl Into<String>,
        alias_name: impl Into<String>,
    ) -> BeneficiaryBuilder {
        BeneficiaryBuilder {
            inner: Box::new(Beneficiary {
                name: name.into(),
                account: account.into(),
                bank: bank.into(),
                alias_name: alias_name.into(),
                email: None,
            }),
        }
    }

    /// A GoPay beneficiary: the account is the customer's phone number (`62…` or `08…`).
    pub fn gopay(
        name: impl Into<String>,
        phone: impl Into<String>,
        alias_name: impl Into<String>,
    ) -> BeneficiaryBuilder {
        Self::builder(name, "gopay", phone, alias_name)
    }

    /// An OVO beneficiary, paid through CIMB's virtual account: `8066` followed by the phone
    /// number without its leading `0` (a number already starting with `8066` is kept).
    pub fn ovo(
        name: impl Into<String>,
        phone: &str,
        alias_name: impl Into<String>,
    ) -> BeneficiaryBuilder {
        let account = if phone.starts_with("8066") {
            phone.to_owned()
        } else {
            format!(
                "8066{}",
                phone.trim_start_matches("62").trim_start_matches('0')
            )
        };
        Self::builder(name, "cimb_va", account, alias_name)
    }

    /// Checks the documented rules.
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        validate::text("name", &self.name, 100, |_| true)?;
        validate::text("bank", &self.bank, 50, |c| !c.is_whitespace())?;
        validate::text("alias_name", &self.alias_name, 20, |c| {
            c.is_ascii_alphanumeric()
        })?;
        let len = self.account.chars().count();
        if !(6..=20).contains(&len) {
            return Err(BuildError::new(
                "account",
                BuildErrorKind::Invalid {
                    expected: "6 to 20 characters",
                },
            ));
        }
        validate::text("account", &self.account, 20, |c| c.is_ascii_alphanumeric())?;
        match self.bank.as_str() {
            "gopay" if !(self.account.starts_with("62") || self.account.starts_with("08")) => {
                Err(BuildError::new(
                    "account",
                    BuildErrorKind::Invalid {
                        expected: "a GoPay phone number starting with 62 or 08",
                    },
                ))
            }
            _ => match &self.email {
                Some(email) => validate::max_len("email", email, 255),
                None => Ok(()),
            },
        }
    }
}

validated_builder! {
    /// Builds a [`Beneficiary`].
    BeneficiaryBuilder => Beneficiary
}

setters!(BeneficiaryBuilder => inner {
    email: String,
});

/// The answer to a beneficiary creation or update: `{"status": "created"}` / `"updated"`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BeneficiaryResponse {
    /// `created` or `updated`.
    pub status: String,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One payout of a [`PayoutRequest`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PayoutItem {
    /// The beneficiary's name.
    pub beneficiary_name: String,
    /// The beneficiary's account.
    pub beneficiary_account: String,
    /// The beneficiary's bank code.
    pub beneficiary_bank: String,
    /// The beneficiary's e-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beneficiary_email: Option<String>,
    /// The amount, as a decimal string (`"150000.00"`).
    pub amount: Amount,
    /// A note for the statement (≤ 100 characters).
    pub notes: String,
}

impl PayoutItem {
    /// A payout of `amount` to `beneficiary`, with `notes`.
    pub fn to(beneficiary: &Beneficiary, amount: impl Into<Idr>, notes: impl Into<String>) -> Self {
        PayoutItem {
            beneficiary_name: beneficiary.name.clone(),
            beneficiary_account: beneficiary.account.clone(),
            beneficiary_bank: beneficiary.bank.clone(),
            beneficiary_email: beneficiary.email.clone(),
            amount: Amount::from(amount.into()),
            notes: notes.into(),
        }
    }
}

/// `POST /payouts`: one or more payouts, queued for an approver. The creator key sends it,
/// with an `X-Idempotency-Key` so that a retry never creates them twice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PayoutRequest {
    /// The payouts.
    pub payouts: Vec<PayoutItem>,
}

impl PayoutRequest {
    /// Starts a request of these payouts.
    pub fn builder(payouts: impl IntoIterator<Item = PayoutItem>) -> PayoutRequestBuilder {
        PayoutRequestBuilder {
            inner: Box::new(PayoutRequest {
                payouts: payouts.into_iter().collect(),
            }),
        }
    }

    /// Checks the documented rules: at least one payout, each to a named account with a
    /// positive whole-rupiah amount and notes of at most 100 characters.
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        if self.payouts.is_empty() {
            return Err(BuildError::new("payouts", BuildErrorKind::Missing));
        }
        for (index, payout) in self.payouts.iter().enumerate() {
            let field = |name: &str| format!("payouts[{index}].{name}");
            for (name, value) in [
                ("beneficiary_name", &payout.beneficiary_name),
                ("beneficiary_account", &payout.beneficiary_account),
                ("beneficiary_bank", &payout.beneficiary_bank),
            ] {
                if value.is_empty() {
                    return Err(BuildError::new(field(name), BuildErrorKind::Empty));
                }
            }
            match payout.amount.to_idr() {
                Some(amount) if amount > Idr::new(0) => {}
                _ => {
                    return Err(BuildError::new(
                        field("amount"),
                        BuildErrorKind::Invalid {
                            expected: "a positive whole number of rupiah",
                        },
                    ))
                }
            }
            validate::max_len_at(|| field("notes"), &payout.notes, 100)?;
        }
        Ok(())
    }
}

validated_builder! {
    /// Builds a [`PayoutRequest`].
    PayoutRequestBuilder => PayoutRequest
}

/// A payout as created: its reference and status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreatedPayout {
    /// `queued`.
    pub status: PayoutStatus,
    /// Iris's reference, for approve, reject and get.
    pub reference_no: String,
}

/// The answer to `POST /payouts`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PayoutResponse {
    /// One per payout, in the request's order.
    pub payouts: Vec<CreatedPayout>,
}

/// `POST /payouts/approve`: approves queued payouts with the approver's OTP.
///
/// ```
/// use midtrans_types::iris::ApprovePayouts;
/// let approve = ApprovePayouts::new(["ref-1", "ref-2"], "335163");
/// assert_eq!(serde_json::to_value(&approve)?["reference_nos"][1], "ref-2");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApprovePayouts {
    /// The payouts.
    pub reference_nos: Vec<String>,
    /// The approver's one-time password.
    pub otp: String,
}

impl ApprovePayouts {
    /// Approves `reference_nos` with `otp`.
    pub fn new<I, S>(reference_nos: I, otp: impl Into<String>) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        ApprovePayouts {
            reference_nos: reference_nos.into_iter().map(Into::into).collect(),
            otp: otp.into(),
        }
    }

    /// Checks that payouts are named and an OTP is given.
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        if self.reference_nos.is_empty() {
            return Err(BuildError::new("reference_nos", BuildErrorKind::Missing));
        }
        validate::text("otp", &self.otp, 20, |c| c.is_ascii_alphanumeric())
    }
}

/// `Debug` hides the OTP.
impl core::fmt::Debug for ApprovePayouts {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ApprovePayouts")
            .field("reference_nos", &self.reference_nos)
            .field("otp", &"[redacted]")
            .finish()
    }
}

/// `POST /payouts/reject`: rejects queued payouts, with a reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RejectPayouts {
    /// The payouts.
    pub reference_nos: Vec<String>,
    /// Why.
    pub reject_reason: String,
}

impl RejectPayouts {
    /// Rejects `reference_nos` because of `reason`.
    pub fn new<I, S>(reference_nos: I, reason: impl Into<String>) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        RejectPayouts {
            reference_nos: reference_nos.into_iter().map(Into::into).collect(),
            reject_reason: reason.into(),
        }
    }

    /// Checks that payouts are named and a reason given.
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        if self.reference_nos.is_empty() {
            return Err(BuildError::new("reference_nos", BuildErrorKind::Missing));
        }
        validate::text("reject_reason", &self.reject_reason, 100, |_| true)
    }
}

/// The answer to approve and reject: `{"status": "ok"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StatusResponse {
    /// `ok`.
    pub status: String,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A payout as `GET /payouts/{reference_no}` describes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Payout {
    /// The amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// The beneficiary's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beneficiary_name: Option<String>,
    /// The beneficiary's account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beneficiary_account: Option<String>,
    /// The bank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank: Option<String>,
    /// Iris's reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_no: Option<String>,
    /// The notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The beneficiary's e-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beneficiary_email: Option<String>,
    /// Where it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<PayoutStatus>,
    /// Who created it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// When (ISO-8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Last change (ISO-8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Why it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    /// Fields this crate does not model (`errors`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// One line of `GET /statements`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Statement {
    /// The account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// `payout`, `topup`, …
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// Its status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// The payout's reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_no: Option<String>,
    /// The beneficiary's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beneficiary_name: Option<String>,
    /// The beneficiary's account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beneficiary_account: Option<String>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A top-up channel of an aggregator account (`GET /channels`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TopUpChannel {
    /// The channel id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
    /// `mandiri_bill_key`, `bca_va`, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virtual_account_type: Option<String>,
    /// The number to transfer to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virtual_account_number: Option<String>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /balance` (aggregator) or `GET /bank_accounts/{id}/balance` (facilitator).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Balance {
    /// What can be paid out.
    pub balance: Amount,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A facilitator's bank account (`GET /bank_accounts`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BankAccount {
    /// Its id, for `/bank_accounts/{id}/balance`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_account_id: Option<String>,
    /// The bank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_name: Option<String>,
    /// The holder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_name: Option<String>,
    /// The number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_number: Option<String>,
    /// Its status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A bank payouts can go to (`GET /beneficiary_banks`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BeneficiaryBank {
    /// The code to use as `bank`.
    pub code: String,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Routing codes, where given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routing_code: Option<Vec<String>>,
}

/// The answer to `GET /beneficiary_banks`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BeneficiaryBanks {
    /// The banks.
    pub beneficiary_banks: Vec<BeneficiaryBank>,
}

/// The answer to `GET /account_validation?bank=&account=`: whose account it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AccountValidation {
    /// The holder's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_name: Option<String>,
    /// The number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_no: Option<String>,
    /// The bank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_name: Option<String>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An Iris error body: `{error_message, errors}` (`errors` a list of texts, or an object of
/// lists per field).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IrisErrorBody {
    /// The message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    /// The reasons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<serde_json::Value>,
}

/// A payout's status change, as Iris notifies it (`Iris-Signature`: hex SHA-512 of the raw
/// body followed by the merchant key).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PayoutNotification {
    /// The payout.
    pub reference_no: String,
    /// The amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// Its new status.
    pub status: PayoutStatus,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Why it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// Why it failed, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A top-up of the Iris balance, as Iris notifies it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TopUpNotification {
    /// The top-up's transaction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
    /// Its order id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// The amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gross_amount: Option<Amount>,
    /// `topup`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_time: Option<String>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Any Iris notification: a payout's status change, or a top-up (told apart by
/// `reference_no`).
///
/// ```
/// use midtrans_types::iris::{IrisNotification, PayoutStatus};
/// let payout: IrisNotification = serde_json::from_str(r#"{"reference_no":"ref-1","amount":"150000.0","status":"completed","updated_at":"2026-12-01T10:00:00Z"}"#)?;
/// assert!(matches!(&payout, IrisNotification::Payout(p) if p.status == PayoutStatus::Completed));
/// let topup: IrisNotification = serde_json::from_str(r#"{"transaction_id":"t-1","order_id":"o-1","gross_amount":"1000000.00","status":"topup"}"#)?;
/// assert!(matches!(topup, IrisNotification::TopUp(_)));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum IrisNotification {
    /// A payout's status changed.
    Payout(PayoutNotification),
    /// The balance was topped up.
    TopUp(TopUpNotification),
}

impl<'de> Deserialize<'de> for IrisNotification {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let object = Extra::deserialize(deserializer)?;
        let payout = object.contains_key("reference_no");
        let value = serde_json::Value::Object(object);
        if payout {
            serde_json::from_value(value)
                .map(IrisNotification::Payout)
                .map_err(D::Error::custom)
        } else {
            serde_json::from_value(value)
                .map(IrisNotification::TopUp)
                .map_err(D::Error::custom)
        }
    }
}
