//! SNAP-BI endpoints (feature `snap-bi`): `client.snap_bi()`. Every call is a signed `POST` to
//! the SNAP-BI host; the client gets and caches the access token, computes the signatures over
//! the bytes it sends, and sends `X-EXTERNAL-ID` (the idempotency key) on every attempt.

use http::Method;
use midtrans_types::snap_bi::{
    AccessTokenRequest, AccessTokenResponse, AccountBindingRequest, AccountBindingResponse,
    AccountInquiryRequest, AccountInquiryResponse, AccountUnbindingRequest,
    AccountUnbindingResponse, DirectDebitCancelRequest, DirectDebitCancelResponse,
    DirectDebitPaymentRequest, DirectDebitPaymentResponse, DirectDebitRefundRequest,
    DirectDebitRefundResponse, DirectDebitStatusRequest, DirectDebitStatusResponse,
    QrisCancelRequest, QrisCancelResponse, QrisGenerateRequest, QrisGenerateResponse,
    QrisQueryRequest, QrisQueryResponse, QrisRefundRequest, QrisRefundResponse,
    TransactionHistoryRequest, TransactionHistoryResponse, VaCreateRequest, VaCreateResponse,
    VaDeleteRequest, VaDeleteResponse, VaStatusRequest, VaStatusResponse,
};

use super::RequestBody;
use crate::request::{Auth, Endpoint, Host, PendingRequest};
use crate::Client;

/// SNAP-BI: `client.snap_bi()`, with the credentials given to
/// [`ClientBuilder::snap_bi`](crate::ClientBuilder::snap_bi).
///
/// Errors of every SNAP-BI call: [`Error::Api`](crate::Error::Api) with its
/// [`response_code`](crate::ApiError::response_code) (HTTP status + service code + case
/// code); [`Error::AccessToken`](crate::Error::AccessToken) when the token call failed (the
/// call itself was not sent); [`ConfigError::MissingSnapBi`](crate::ConfigError::MissingSnapBi)
/// without credentials; transport errors as for every call.
#[derive(Clone, Copy, Debug)]
pub struct SnapBi<'a> {
    client: &'a Client,
}

impl<'a> SnapBi<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        SnapBi { client }
    }

    /// A signed call to `path`. `idempotent`: Midtrans answers a repeat with the same
    /// `X-EXTERNAL-ID` from its store (payments, reads), so an attempt that may have been sent
    /// may be repeated.
    fn call<R, T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        body: impl RequestBody<R>,
        idempotent: bool,
    ) -> PendingRequest<T> {
        let external_id = body.external_id();
        let endpoint = body.into_json().map(|json| {
            let endpoint = Endpoint::new(Method::POST, Host::SnapBi, path.to_owned())
                .auth(Auth::SnapBi)
                .external_id(external_id)
                .body(json);
            if idempotent {
                endpoint.idempotent()
            } else {
                endpoint
            }
        });
        PendingRequest::new(self.client, endpoint)
    }

    /// `POST /v1.0/access-token/b2b`: a new access token (service 73), signed with the private
    /// key. Every other call gets one itself and caches it until shortly before it expires;
    /// call this only to check the credentials.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), midtrans::Error> {
    /// let token = client.snap_bi().access_token().await?;
    /// println!("valid for {:?} s", token.expires_in);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it: 4017300 unauthorized
    /// (signature, client id or timestamp); 4007301/4007302 invalid or missing field; 5007300
    /// internal error. Transport errors as for every call.
    pub fn access_token(&self) -> PendingRequest<AccessTokenResponse> {
        let endpoint = super::to_json(&AccessTokenRequest::client_credentials()).map(|json| {
            Endpoint::new(
                Method::POST,
                Host::SnapBi,
                "/v1.0/access-token/b2b".to_owned(),
            )
            .auth(Auth::SnapBiToken)
            .idempotent()
            .body(json)
        });
        PendingRequest::new(self.client, endpoint)
    }

    /// `POST /v1.0/debit/payment-host-to-host`: a direct debit payment (GoPay, ShopeePay, DANA); the answer's `webRedirectUrl` is where the customer pays. Service 54.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::snap_bi::{DirectDebitPaymentRequest, PayOptionDetail, UrlParam};
    /// use midtrans::types::Idr;
    /// # let _ = Idr::new(1);
    /// let request = DirectDebitPaymentRequest::new("order-101", PayOptionDetail::gopay(Idr::new(15_000)))
    ///     .url_param(UrlParam::pay_return("https://shop.example/paid"));
    /// let answer = client.snap_bi().direct_debit_payment(&request).await?;
    /// println!("{}", answer.response_code);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it ([`response_code`](crate::ApiError::response_code)):
    /// 4005402 a mandatory field missing; 4015400/4015401 unauthorized or invalid token; 4035403 suspected fraud; 4035414 insufficient funds; 4035415 not permitted (return URL not whitelisted); 5005401 internal error; 5045400 timeout. [`Error::InvalidRequest`](crate::Error::InvalidRequest) for a request that breaks a documented rule (not sent);
    /// [`Error::AccessToken`](crate::Error::AccessToken) when no access token could be had. Transport errors as for every call.
    pub fn direct_debit_payment(
        &self,
        request: impl RequestBody<DirectDebitPaymentRequest>,
    ) -> PendingRequest<DirectDebitPaymentResponse> {
        self.call("/v1.0/debit/payment-host-to-host", request, true)
    }

    /// `POST /v1.0/debit/status`: where a direct debit payment stands. Service 55; a read, repeated freely.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::snap_bi::DirectDebitStatusRequest;
    /// use midtrans::types::Idr;
    /// # let _ = Idr::new(1);
    /// let request = DirectDebitStatusRequest::by_reference_no("A120240930071006pW0gbFMTguID");
    /// let answer = client.snap_bi().direct_debit_status(&request).await?;
    /// println!("{}", answer.response_code);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it ([`response_code`](crate::ApiError::response_code)):
    /// 4045501 transaction not found; 4015500/4015501 unauthorized or invalid token; 5005501 internal error. [`Error::InvalidRequest`](crate::Error::InvalidRequest) for a request that breaks a documented rule (not sent);
    /// [`Error::AccessToken`](crate::Error::AccessToken) when no access token could be had. Transport errors as for every call.
    pub fn direct_debit_status(
        &self,
        request: impl RequestBody<DirectDebitStatusRequest>,
    ) -> PendingRequest<DirectDebitStatusResponse> {
        self.call("/v1.0/debit/status", request, true)
    }

    /// `POST /v1.0/debit/refund`: a full or partial refund of a paid direct debit payment; `partnerRefundNo` and `X-EXTERNAL-ID` make a repeat the same refund. Service 58.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::snap_bi::DirectDebitRefundRequest;
    /// use midtrans::types::Idr;
    /// # let _ = Idr::new(1);
    /// let request = DirectDebitRefundRequest::new("A1202409300808041pswnOt7wMID", "refund-101-1");
    /// let answer = client.snap_bi().direct_debit_refund(&request).await?;
    /// println!("{}", answer.response_code);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it ([`response_code`](crate::ApiError::response_code)):
    /// 4045801 transaction not found; 4035815 not permitted (not paid, or already refunded); 4045813 invalid amount; 4015800/4015801 unauthorized or invalid token; 5005801 internal error. [`Error::InvalidRequest`](crate::Error::InvalidRequest) for a request that breaks a documented rule (not sent);
    /// [`Error::AccessToken`](crate::Error::AccessToken) when no access token could be had. Transport errors as for every call.
    pub fn direct_debit_refund(
        &self,
        request: impl RequestBody<DirectDebitRefundRequest>,
    ) -> PendingRequest<DirectDebitRefundResponse> {
        self.call("/v1.0/debit/refund", request, true)
    }

    /// `POST /v1.0/debit/cancel`: cancels an unpaid direct debit payment. Service 57.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::snap_bi::DirectDebitCancelRequest;
    /// use midtrans::types::Idr;
    /// # let _ = Idr::new(1);
    /// let request = DirectDebitCancelRequest::by_reference_no("A120240930075800vyWwxohb5WID");
    /// let answer = client.snap_bi().direct_debit_cancel(&request).await?;
    /// println!("{}", answer.response_code);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it ([`response_code`](crate::ApiError::response_code)):
    /// 4045701 transaction not found; 4035715 not permitted (already paid); 4015700/4015701 unauthorized or invalid token; 5005701 internal error. [`Error::InvalidRequest`](crate::Error::InvalidRequest) for a request that breaks a documented rule (not sent);
    /// [`Error::AccessToken`](crate::Error::AccessToken) when no access token could be had. Transport errors as for every call.
    pub fn direct_debit_cancel(
        &self,
        request: impl RequestBody<DirectDebitCancelRequest>,
    ) -> PendingRequest<DirectDebitCancelResponse> {
        self.call("/v1.0/debit/cancel", request, true)
    }

    /// `POST /v1.0/transfer-va/create-va`: a virtual account the customer pays into. Service 27. `X-EXTERNAL-ID` is the request's `trxId` unless the call sets another.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::snap_bi::VaCreateRequest;
    /// use midtrans::types::Idr;
    /// # let _ = Idr::new(1);
    /// let request = VaCreateRequest::new("1234", "564902", "trx-101", Idr::new(15_000))
    ///     .virtual_account_name("Budi")
    ///     .bank("M001234", "bca");
    /// let answer = client.snap_bi().va_create(&request).await?;
    /// println!("{}", answer.response_code);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it ([`response_code`](crate::ApiError::response_code)):
    /// 4002701/4002702 invalid or missing field; 4002601 invalid X-TIMESTAMP; 4012700/4012701 unauthorized or invalid token; 4032703 suspected fraud; 4042713 not found; 4092700 conflict; 5002701 internal error. [`Error::InvalidRequest`](crate::Error::InvalidRequest) for a request that breaks a documented rule (not sent);
    /// [`Error::AccessToken`](crate::Error::AccessToken) when no access token could be had. Transport errors as for every call.
    pub fn va_create(
        &self,
        request: impl RequestBody<VaCreateRequest>,
    ) -> PendingRequest<VaCreateResponse> {
        self.call("/v1.0/transfer-va/create-va", request, true)
    }

    /// `POST /v1.0/transfer-va/status`: whether a virtual account was paid (`paymentFlagStatus`). Service 26; a read.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::snap_bi::VaStatusRequest;
    /// use midtrans::types::Idr;
    /// # let _ = Idr::new(1);
    /// let request = VaStatusRequest::new("    1234", "564902", "trx-101", "M001234");
    /// let answer = client.snap_bi().va_status(&request).await?;
    /// println!("{}", answer.response_code);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it ([`response_code`](crate::ApiError::response_code)):
    /// 4042601 virtual account not found; 4012600/4012601 unauthorized or invalid token; 5002601 internal error. [`Error::InvalidRequest`](crate::Error::InvalidRequest) for a request that breaks a documented rule (not sent);
    /// [`Error::AccessToken`](crate::Error::AccessToken) when no access token could be had. Transport errors as for every call.
    pub fn va_status(
        &self,
        request: impl RequestBody<VaStatusRequest>,
    ) -> PendingRequest<VaStatusResponse> {
        self.call("/v1.0/transfer-va/status", request, true)
    }

    /// `POST /v1.0/transfer-va/delete-va`: closes an unpaid virtual account. Service 31.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::snap_bi::VaDeleteRequest;
    /// use midtrans::types::Idr;
    /// # let _ = Idr::new(1);
    /// let request = VaDeleteRequest::new("    1234", "564902", "trx-101", "M001234");
    /// let answer = client.snap_bi().va_delete(&request).await?;
    /// println!("{}", answer.response_code);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it ([`response_code`](crate::ApiError::response_code)):
    /// 4043101 virtual account not found; 4033115 not permitted (already paid); 4013100/4013101 unauthorized or invalid token; 5003101 internal error. [`Error::InvalidRequest`](crate::Error::InvalidRequest) for a request that breaks a documented rule (not sent);
    /// [`Error::AccessToken`](crate::Error::AccessToken) when no access token could be had. Transport errors as for every call.
    pub fn va_delete(
        &self,
        request: impl RequestBody<VaDeleteRequest>,
    ) -> PendingRequest<VaDeleteResponse> {
        self.call("/v1.0/transfer-va/delete-va", request, true)
    }

    /// `POST /v1.0/qr/qr-mpm-generate`: a QRIS code the customer scans to pay. Service 47. `X-EXTERNAL-ID` is the request's `partnerReferenceNo` unless the call sets another.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::snap_bi::QrisGenerateRequest;
    /// use midtrans::types::Idr;
    /// # let _ = Idr::new(1);
    /// let request = QrisGenerateRequest::new("order-101", Idr::new(44_000)).merchant_id("M001234");
    /// let answer = client.snap_bi().qris_generate(&request).await?;
    /// println!("{}", answer.response_code);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it ([`response_code`](crate::ApiError::response_code)):
    /// 4004701/4004702 invalid or missing field; 4014700/4014701/4014703 unauthorized or token problems; 4034702 amount limit; 4034703 suspected fraud; 4034715 not permitted; 4044708 merchant abnormal; 4044713 invalid amount; 4094700 X-EXTERNAL-ID reused; 5004701/5004702 internal error; 5044700 issuer timeout. [`Error::InvalidRequest`](crate::Error::InvalidRequest) for a request that breaks a documented rule (not sent);
    /// [`Error::AccessToken`](crate::Error::AccessToken) when no access token could be had. Transport errors as for every call.
    pub fn qris_generate(
        &self,
        request: impl RequestBody<QrisGenerateRequest>,
    ) -> PendingRequest<QrisGenerateResponse> {
        self.call("/v1.0/qr/qr-mpm-generate", request, true)
    }

    /// `POST /v1.0/qr/qr-mpm-query`: where a QRIS payment stands. Service 51; a read.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::snap_bi::QrisQueryRequest;
    /// use midtrans::types::Idr;
    /// # let _ = Idr::new(1);
    /// let request = QrisQueryRequest::new("A120240930074508BIDP4QaNnJID", "order-101", "M001234");
    /// let answer = client.snap_bi().qris_query(&request).await?;
    /// println!("{}", answer.response_code);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it ([`response_code`](crate::ApiError::response_code)):
    /// 4045101 transaction not found; 4015100/4015101 unauthorized or invalid token; 5005101 internal error. [`Error::InvalidRequest`](crate::Error::InvalidRequest) for a request that breaks a documented rule (not sent);
    /// [`Error::AccessToken`](crate::Error::AccessToken) when no access token could be had. Transport errors as for every call.
    pub fn qris_query(
        &self,
        request: impl RequestBody<QrisQueryRequest>,
    ) -> PendingRequest<QrisQueryResponse> {
        self.call("/v1.0/qr/qr-mpm-query", request, true)
    }

    /// `POST /v1.0/qr/qr-mpm-refund`: a full or partial refund of a paid QRIS payment. Service 78. `X-EXTERNAL-ID` is the request's `partnerRefundNo` unless the call sets another.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::snap_bi::QrisRefundRequest;
    /// use midtrans::types::Idr;
    /// # let _ = Idr::new(1);
    /// let request = QrisRefundRequest::new("M001234", "order-101", "refund-101-1");
    /// let answer = client.snap_bi().qris_refund(&request).await?;
    /// println!("{}", answer.response_code);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it ([`response_code`](crate::ApiError::response_code)):
    /// 4047801 transaction not found; 4037815 not permitted (not paid, or already refunded); 4047813 invalid amount; 4017800/4017801 unauthorized or invalid token; 5007801 internal error. [`Error::InvalidRequest`](crate::Error::InvalidRequest) for a request that breaks a documented rule (not sent);
    /// [`Error::AccessToken`](crate::Error::AccessToken) when no access token could be had. Transport errors as for every call.
    pub fn qris_refund(
        &self,
        request: impl RequestBody<QrisRefundRequest>,
    ) -> PendingRequest<QrisRefundResponse> {
        self.call("/v1.0/qr/qr-mpm-refund", request, true)
    }

    /// `POST /v1.0/qr/qr-mpm-cancel`: cancels an unpaid QRIS payment. Service 77.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::snap_bi::QrisCancelRequest;
    /// use midtrans::types::Idr;
    /// # let _ = Idr::new(1);
    /// let request = QrisCancelRequest::new("A120240930075936LUOBMHxvPOID", "M001234", "customer left");
    /// let answer = client.snap_bi().qris_cancel(&request).await?;
    /// println!("{}", answer.response_code);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it ([`response_code`](crate::ApiError::response_code)):
    /// 4047701 transaction not found; 4037715 not permitted (already paid); 4017700/4017701 unauthorized or invalid token; 5007701 internal error. [`Error::InvalidRequest`](crate::Error::InvalidRequest) for a request that breaks a documented rule (not sent);
    /// [`Error::AccessToken`](crate::Error::AccessToken) when no access token could be had. Transport errors as for every call.
    pub fn qris_cancel(
        &self,
        request: impl RequestBody<QrisCancelRequest>,
    ) -> PendingRequest<QrisCancelResponse> {
        self.call("/v1.0/qr/qr-mpm-cancel", request, true)
    }

    /// `POST /v1.0/registration-account-binding`: exchanges GoPay's `authCode` for a customer token (sent later with [`PendingRequest::customer_token`]). Service 07. Midtrans answers a reused `X-EXTERNAL-ID` with a conflict, so a call that may have been sent is not repeated.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::snap_bi::AccountBindingRequest;
    /// use midtrans::types::Idr;
    /// # let _ = Idr::new(1);
    /// let request = AccountBindingRequest::new("303b4f89-payment-handle", "auth-code");
    /// let answer = client.snap_bi().account_binding(&request).await?;
    /// println!("{}", answer.response_code);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it ([`response_code`](crate::ApiError::response_code)):
    /// 4000702 a mandatory field missing; 4010700/4010701 unauthorized or invalid token; 4090700 X-EXTERNAL-ID reused; 5000701 internal error. [`Error::InvalidRequest`](crate::Error::InvalidRequest) for a request that breaks a documented rule (not sent);
    /// [`Error::AccessToken`](crate::Error::AccessToken) when no access token could be had. Transport errors as for every call.
    pub fn account_binding(
        &self,
        request: impl RequestBody<AccountBindingRequest>,
    ) -> PendingRequest<AccountBindingResponse> {
        self.call("/v1.0/registration-account-binding", request, false)
    }

    /// `POST /v1.0/registration-account-unbinding`: unlinks the account of the customer token the call sends ([`PendingRequest::customer_token`]). Service 09; not repeated once it may have been sent.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::snap_bi::AccountUnbindingRequest;
    /// use midtrans::types::Idr;
    /// # let _ = Idr::new(1);
    /// let request = AccountUnbindingRequest::new("303b4f89-payment-handle");
    /// let answer = client.snap_bi().account_unbinding(&request).await?;
    /// println!("{}", answer.response_code);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it ([`response_code`](crate::ApiError::response_code)):
    /// 4000902 a mandatory field missing; 4010900 unauthorized (signature or merchant id); 4010901 invalid token; 4010902 invalid customer token; 4040905 merchant not registered; 5000901 internal error. [`Error::InvalidRequest`](crate::Error::InvalidRequest) for a request that breaks a documented rule (not sent);
    /// [`Error::AccessToken`](crate::Error::AccessToken) when no access token could be had. Transport errors as for every call.
    pub fn account_unbinding(
        &self,
        request: impl RequestBody<AccountUnbindingRequest>,
    ) -> PendingRequest<AccountUnbindingResponse> {
        self.call("/v1.0/registration-account-unbinding", request, false)
    }

    /// `POST /v1.0/registration-account-inquiry`: the linked account's payment options and balances, for the customer token the call sends ([`PendingRequest::customer_token`]). Service 08; a read.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::snap_bi::AccountInquiryRequest;
    /// use midtrans::types::Idr;
    /// # let _ = Idr::new(1);
    /// let request = AccountInquiryRequest::new();
    /// let answer = client.snap_bi().account_inquiry(&request).await?;
    /// println!("{}", answer.response_code);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it ([`response_code`](crate::ApiError::response_code)):
    /// 4010801 invalid token; 4010802 invalid customer token; 5000801 internal error. [`Error::InvalidRequest`](crate::Error::InvalidRequest) for a request that breaks a documented rule (not sent);
    /// [`Error::AccessToken`](crate::Error::AccessToken) when no access token could be had. Transport errors as for every call.
    pub fn account_inquiry(
        &self,
        request: impl RequestBody<AccountInquiryRequest>,
    ) -> PendingRequest<AccountInquiryResponse> {
        self.call("/v1.0/registration-account-inquiry", request, true)
    }

    /// `POST /v1.0/transaction-history-list`: a page of the merchant's transactions in a time range. Service 12; a read.
    ///
    /// ```no_run
    /// # async fn run(client: midtrans::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::snap_bi::TransactionHistoryRequest;
    /// use midtrans::types::Idr;
    /// # let _ = Idr::new(1);
    /// let request = TransactionHistoryRequest::between("2026-11-01T00:00:00+07:00", "2026-11-30T23:59:59+07:00");
    /// let answer = client.snap_bi().transaction_history(&request).await?;
    /// println!("{}", answer.response_code);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) as Midtrans documents it ([`response_code`](crate::ApiError::response_code)):
    /// 4001202 a mandatory field missing; 4011200/4011201 unauthorized or invalid token; 4091200 X-EXTERNAL-ID reused; 5001201 internal error. [`Error::InvalidRequest`](crate::Error::InvalidRequest) for a request that breaks a documented rule (not sent);
    /// [`Error::AccessToken`](crate::Error::AccessToken) when no access token could be had. Transport errors as for every call.
    pub fn transaction_history(
        &self,
        request: impl RequestBody<TransactionHistoryRequest>,
    ) -> PendingRequest<TransactionHistoryResponse> {
        self.call("/v1.0/transaction-history-list", request, true)
    }
}

impl SnapBi<'_> {
    /// Verifies a notification Midtrans posted to `path` (the request path it called, e.g.
    /// `/v1.0/debit/notify`): `X-SIGNATURE` is checked with Midtrans's public key over the
    /// method, the path, the SHA-256 of the body *as received* (minified, never re-serialized)
    /// and `X-TIMESTAMP`; then the body is decoded as `T`.
    ///
    /// ```no_run
    /// # fn run(client: midtrans::Client, headers: http::HeaderMap, body: &[u8]) -> Result<(), midtrans::Error> {
    /// use midtrans::types::snap_bi::{NotificationAck, PaymentNotification};
    /// let notification = client
    ///     .snap_bi()
    ///     .verify_notification::<PaymentNotification>("/v1.0/debit/notify", &headers, body)?;
    /// println!("{:?}", notification.outcome());
    /// let reply = NotificationAck::direct_debit();
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Signature`](crate::Error::Signature) for a missing header, a stale timestamp
    /// (only with [`notification_max_age`](crate::snap_bi::SnapBiCredentials::notification_max_age))
    /// or a signature that does not verify; [`Error::Notification`](crate::Error::Notification)
    /// for a body too large or not of type `T`; [`ConfigError`](crate::ConfigError) without
    /// SNAP-BI credentials. No call is made.
    pub fn verify_notification<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<crate::snap_bi::SnapBiNotification<T>, crate::Error> {
        crate::snap_bi::verify(self.client, path, headers, body)
    }
}
