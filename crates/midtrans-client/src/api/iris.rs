//! Iris endpoints (feature `iris`): `client.iris()`. The creator/approver split is in the
//! types: [`IrisApi::creator`] gives an [`Iris<Creator>`](Iris) that can create beneficiaries
//! and payouts, [`IrisApi::approver`] an [`Iris<Approver>`](Iris) that can approve and reject
//! them; both read. A call the role may not make does not compile:
//!
//! ```compile_fail
//! # fn run(client: midtrans::Client, request: midtrans::types::iris::PayoutRequest) {
//! // An approver cannot create payouts.
//! let _ = client.iris().approver().create_payouts(&request);
//! # }
//! ```
//!
//! ```compile_fail
//! # fn run(client: midtrans::Client) {
//! use midtrans::types::iris::ApprovePayouts;
//! // A creator cannot approve them.
//! let _ = client.iris().creator().approve_payouts(&ApprovePayouts::new(["ref-1"], "335163"));
//! # }
//! ```

use core::marker::PhantomData;

use http::Method;
use midtrans_types::iris::{
    AccountValidation, ApprovePayouts, Balance, BankAccount, Beneficiary, BeneficiaryBanks,
    BeneficiaryResponse, IrisNotification, Payout, PayoutRequest, PayoutResponse, RejectPayouts,
    Statement, StatusResponse, TopUpChannel,
};

use super::{path, RequestBody};
use crate::request::{Auth, Endpoint, Host, PendingRequest};
use crate::{Client, Error};

/// The creator role: creates beneficiaries and payouts (with the creator key).
#[derive(Clone, Copy, Debug)]
pub struct Creator;

/// The approver role: approves and rejects payouts (with the approver key).
#[derive(Clone, Copy, Debug)]
pub struct Approver;

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Creator {}
    impl Sealed for super::Approver {}
}

/// An Iris role: [`Creator`] or [`Approver`].
pub trait Role: sealed::Sealed {}
impl Role for Creator {}
impl Role for Approver {}

/// Iris: `client.iris()`, with the keys given to
/// [`ClientBuilder::iris`](crate::ClientBuilder::iris).
#[derive(Clone, Copy, Debug)]
pub struct IrisApi<'a> {
    client: &'a Client,
}

impl<'a> IrisApi<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        IrisApi { client }
    }

    /// The creator's calls, authenticated with the creator key.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// let beneficiaries = client.iris().creator().beneficiaries().await?;
    /// # Ok(()) }
    /// ```
    pub fn creator(&self) -> Iris<'a, Creator> {
        Iris {
            client: self.client,
            auth: Auth::IrisCreator,
            role: PhantomData,
        }
    }

    /// The approver's calls, authenticated with the approver key.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// use midtrans::types::iris::ApprovePayouts;
    /// client.iris().approver().approve_payouts(ApprovePayouts::new(["ref-1"], "335163")).await?;
    /// # Ok(()) }
    /// ```
    pub fn approver(&self) -> Iris<'a, Approver> {
        Iris {
            client: self.client,
            auth: Auth::IrisApprover,
            role: PhantomData,
        }
    }

    /// Verifies an Iris notification: `Iris-Signature` must be the hex SHA-512 of the raw
    /// body followed by a configured merchant key (compared in constant time), then the body
    /// is decoded as a payout or top-up notification.
    ///
    /// ```no_run
    /// # fn run(client: midtrans::Client, headers: http::HeaderMap, body: &[u8]) -> Result<(), midtrans::Error> {
    /// use midtrans::types::iris::IrisNotification;
    /// match client.iris().verify_notification(&headers, body)? {
    ///     IrisNotification::Payout(payout) => println!("{} is {}", payout.reference_no, payout.status),
    ///     IrisNotification::TopUp(top_up) => println!("balance topped up: {:?}", top_up.gross_amount),
    ///     _ => {}
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Signature`] for a missing, malformed or wrong `Iris-Signature`;
    /// [`Error::Notification`] for a body too large or not an Iris notification;
    /// [`ConfigError::MissingIris`](crate::ConfigError::MissingIris) without a merchant key.
    /// No call is made.
    pub fn verify_notification(
        &self,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<IrisNotification, Error> {
        crate::iris::verify(self.client, headers, body)
    }
}

/// Iris calls in a role `R`: the creator's or the approver's. Both roles read.
#[derive(Clone, Copy, Debug)]
pub struct Iris<'a, R> {
    client: &'a Client,
    auth: Auth,
    role: PhantomData<R>,
}

impl<R: Role> Iris<'_, R> {
    fn endpoint(&self, method: Method, path: String) -> Endpoint {
        Endpoint::new(method, Host::Iris, path).auth(self.auth)
    }

    fn get<T: serde::de::DeserializeOwned>(&self, path: &str) -> PendingRequest<T> {
        PendingRequest::new(self.client, Ok(self.endpoint(Method::GET, path.to_owned())))
    }

    fn post<B, T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        body: impl RequestBody<B>,
        idempotent: bool,
    ) -> PendingRequest<T> {
        let endpoint = body.into_json().map(|json| {
            let endpoint = self.endpoint(Method::POST, path.to_owned()).body(json);
            if idempotent {
                endpoint.idempotent()
            } else {
                endpoint
            }
        });
        PendingRequest::new(self.client, endpoint)
    }

    /// `GET /ping`: Iris answers the text `pong`.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// assert_eq!(client.iris().creator().ping().await?, "pong");
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// Transport errors as for every call; [`Error::Api`] for an HTTP error.
    pub fn ping(&self) -> PendingRequest<String> {
        PendingRequest::decoded_with(
            self.client,
            Ok(self.endpoint(Method::GET, "/ping".to_owned())),
            plain_text,
        )
    }

    /// `GET /payouts/{reference_no}`: a payout and where it stands.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// let payout = client.iris().creator().payout("ref-1").await?;
    /// println!("{:?}", payout.status);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`]: 404 for an unknown reference; 401 for a wrong key. Transport errors as
    /// for every call.
    pub fn payout(&self, reference_no: &str) -> PendingRequest<Payout> {
        let endpoint = path("/payouts", reference_no, "").map(|p| self.endpoint(Method::GET, p));
        PendingRequest::new(self.client, endpoint)
    }

    /// `GET /statements?from_date=&to_date=`: the account's movements between two dates
    /// (`YYYY-MM-DD`).
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// let lines = client.iris().creator().statements("2026-11-01", "2026-11-30").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`]: 400 for dates not `YYYY-MM-DD`. Transport errors as for every call.
    pub fn statements(&self, from_date: &str, to_date: &str) -> PendingRequest<Vec<Statement>> {
        let endpoint = self
            .endpoint(Method::GET, "/statements".to_owned())
            .query(vec![
                ("from_date".to_owned(), from_date.to_owned()),
                ("to_date".to_owned(), to_date.to_owned()),
            ]);
        PendingRequest::new(self.client, Ok(endpoint))
    }

    /// `GET /channels`: an aggregator account's top-up channels.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// let channels = client.iris().creator().channels().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`]: 401 for a wrong key. Transport errors as for every call.
    pub fn channels(&self) -> PendingRequest<Vec<TopUpChannel>> {
        self.get("/channels")
    }

    /// `GET /balance`: an aggregator account's balance.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// let balance = client.iris().creator().balance().await?;
    /// println!("{}", balance.balance);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`]: 401 for a wrong key. Transport errors as for every call.
    pub fn balance(&self) -> PendingRequest<Balance> {
        self.get("/balance")
    }

    /// `GET /bank_accounts`: a facilitator account's bank accounts.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// let accounts = client.iris().creator().bank_accounts().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`]: 401 for a wrong key. Transport errors as for every call.
    pub fn bank_accounts(&self) -> PendingRequest<Vec<BankAccount>> {
        self.get("/bank_accounts")
    }

    /// `GET /bank_accounts/{bank_account_id}/balance`: a facilitator bank account's balance.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// let balance = client.iris().creator().bank_account_balance("mandiri-1").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`]: 404 for an unknown account. Transport errors as for every call.
    pub fn bank_account_balance(&self, bank_account_id: &str) -> PendingRequest<Balance> {
        let endpoint = path("/bank_accounts", bank_account_id, "/balance")
            .map(|p| self.endpoint(Method::GET, p));
        PendingRequest::new(self.client, endpoint)
    }

    /// `GET /beneficiary_banks`: the bank codes payouts can go to.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// let banks = client.iris().creator().beneficiary_banks().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`]: 401 for a wrong key. Transport errors as for every call.
    pub fn beneficiary_banks(&self) -> PendingRequest<BeneficiaryBanks> {
        self.get("/beneficiary_banks")
    }

    /// `GET /account_validation?bank=&account=`: whose account a number is.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// let holder = client.iris().creator().validate_account("bca", "0611101146").await?;
    /// println!("{:?}", holder.account_name);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`]: 400 `{error_message, errors: {account, bank}}` for an unknown account
    /// or bank. Transport errors as for every call.
    pub fn validate_account(&self, bank: &str, account: &str) -> PendingRequest<AccountValidation> {
        let endpoint = self
            .endpoint(Method::GET, "/account_validation".to_owned())
            .query(vec![
                ("bank".to_owned(), bank.to_owned()),
                ("account".to_owned(), account.to_owned()),
            ]);
        PendingRequest::new(self.client, Ok(endpoint))
    }
}

impl Iris<'_, Creator> {
    /// `POST /beneficiaries`: a new beneficiary. Sent with an `X-Idempotency-Key` generated
    /// per call (or given with [`PendingRequest::idempotency_key`]), reused on every retry.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::iris::Beneficiary;
    /// let budi = Beneficiary::builder("Budi Utomo", "bca", "0611101146", "budibca").build()?;
    /// client.iris().creator().create_beneficiary(&budi).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`]: 400 "An error occurred when creating beneficiary" with the reasons
    /// (`… has already been taken`); [`Error::InvalidRequest`] for a beneficiary that breaks
    /// a documented rule. Transport errors as for every call.
    pub fn create_beneficiary(
        &self,
        beneficiary: impl RequestBody<Beneficiary>,
    ) -> PendingRequest<BeneficiaryResponse> {
        self.post("/beneficiaries", beneficiary, true)
    }

    /// `PATCH /beneficiaries/{alias_name}`: changes a beneficiary (its alias may change too).
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::iris::Beneficiary;
    /// let budi = Beneficiary::builder("Budi Utomo", "bni", "0987654321", "budibni").build()?;
    /// client.iris().creator().update_beneficiary("budibca", &budi).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`]: 404 for an unknown alias, 400 for a taken alias.
    /// [`Error::InvalidRequest`] for a beneficiary that breaks a documented rule. Transport
    /// errors as for every call.
    pub fn update_beneficiary(
        &self,
        alias_name: &str,
        beneficiary: impl RequestBody<Beneficiary>,
    ) -> PendingRequest<BeneficiaryResponse> {
        let endpoint = path("/beneficiaries", alias_name, "").and_then(|p| {
            Ok(self
                .endpoint(Method::PATCH, p)
                .body(beneficiary.into_json()?))
        });
        PendingRequest::new(self.client, endpoint)
    }

    /// `GET /beneficiaries`: every beneficiary.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// for beneficiary in client.iris().creator().beneficiaries().await? {
    ///     println!("{} → {} {}", beneficiary.alias_name, beneficiary.bank, beneficiary.account);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`]: 401 for a wrong key. Transport errors as for every call.
    pub fn beneficiaries(&self) -> PendingRequest<Vec<Beneficiary>> {
        self.get("/beneficiaries")
    }

    /// `POST /payouts`: one or more payouts, queued for an approver. Sent with an
    /// `X-Idempotency-Key` (≤ 100 characters) generated per call unless given, reused on
    /// every retry, so a retry after a lost answer never creates them twice.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client, budi: midtrans::types::iris::Beneficiary) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::iris::{PayoutItem, PayoutRequest};
    /// let request = PayoutRequest::builder([PayoutItem::to(&budi, 150_000u64, "October")]).build()?;
    /// let created = client.iris().creator().create_payouts(&request).idempotency_key("payout-oct-budi").await?;
    /// println!("{}", created.payouts[0].reference_no);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`]: 400 "An error occurred when creating payouts" with the reasons
    /// (unknown beneficiary, amount); [`Error::InvalidRequest`] for a request that breaks a
    /// documented rule. Transport errors as for every call.
    pub fn create_payouts(
        &self,
        request: impl RequestBody<PayoutRequest>,
    ) -> PendingRequest<PayoutResponse> {
        self.post("/payouts", request, true)
    }
}

impl Iris<'_, Approver> {
    /// `POST /payouts/approve`: approves queued payouts with the approver's OTP. Not repeated
    /// once it may have been sent.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// use midtrans::types::iris::ApprovePayouts;
    /// client.iris().approver().approve_payouts(&ApprovePayouts::new(["ref-1"], "335163")).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`]: 401 for a key that is not the approver's; 400 for a wrong OTP, unknown
    /// reference numbers ("Payouts not found. Please check reference nos") or payouts no
    /// longer queued. Iris answers success with HTTP 202 `{"status": "ok"}`. Transport errors
    /// as for every call.
    pub fn approve_payouts(
        &self,
        request: impl RequestBody<ApprovePayouts>,
    ) -> PendingRequest<StatusResponse> {
        self.post("/payouts/approve", request, false)
    }

    /// `POST /payouts/reject`: rejects queued payouts with a reason. Not repeated once it
    /// may have been sent.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// use midtrans::types::iris::RejectPayouts;
    /// client.iris().approver().reject_payouts(&RejectPayouts::new(["ref-1"], "wrong account")).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`]: 401 for a key that is not the approver's; 400 for unknown reference
    /// numbers or payouts no longer queued. Iris answers success with HTTP 202
    /// `{"status": "ok"}`. Transport errors as for every call.
    pub fn reject_payouts(
        &self,
        request: impl RequestBody<RejectPayouts>,
    ) -> PendingRequest<StatusResponse> {
        self.post("/payouts/reject", request, false)
    }
}

/// `ping`'s answer: the body as text.
fn plain_text(body: &[u8]) -> Result<String, serde_json::Error> {
    String::from_utf8(body.to_vec())
        .map(|text| text.trim().to_owned())
        .map_err(|_| serde::de::Error::custom("the answer is not UTF-8 text"))
}
