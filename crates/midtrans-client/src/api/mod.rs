//! The endpoints, grouped as the Python client groups them: [`Snap`], [`CoreApi`] and
//! [`Transactions`] (reachable from both).

mod core;
mod google_pay;
#[cfg(feature = "invoicing")]
mod invoicing;
#[cfg(feature = "iris")]
mod iris;
#[cfg(feature = "payment-link")]
mod payment_link;
mod snap;
#[cfg(feature = "snap-bi")]
mod snap_bi;
mod transactions;

pub use self::core::CoreApi;
pub use self::google_pay::GooglePay;
#[cfg(feature = "invoicing")]
pub use self::invoicing::Invoices;
#[cfg(feature = "iris")]
pub use self::iris::{Approver, Creator, Iris, IrisApi, Role};
#[cfg(feature = "payment-link")]
pub use self::payment_link::PaymentLinks;
pub use self::snap::Snap;
#[cfg(feature = "snap-bi")]
pub use self::snap_bi::SnapBi;
pub use self::transactions::Transactions;

use midtrans_types::card::{CardRegisterRequest, CardTokenRequest};
use midtrans_types::charge::PaymentMethod;
use midtrans_types::pay_account::PayAccountLinkRequest;
use midtrans_types::{
    CaptureRequest, ChargeRequest, RefundRequest, SnapRequest, SubscriptionRequest,
    SubscriptionUpdate,
};

use crate::request::encode;
use crate::Error;

/// A body accepted by an endpoint whose typed request is `R`: the typed request itself
/// (validated before sending), or untyped JSON as a [`serde_json::Value`] or a JSON string, as
/// the Python client accepts a dict or a string.
pub trait RequestBody<R> {
    /// The JSON bytes to send.
    ///
    /// # Errors
    /// [`Error::InvalidRequest`] for a typed request that fails validation,
    /// [`Error::InvalidInput`] for a string that is not JSON.
    fn into_json(self) -> Result<Vec<u8>, Error>;

    /// For a charge: whether Midtrans deduplicates it by `Idempotency-Key`, when the body knows
    /// without its JSON being read (a typed [`ChargeRequest`] does, by
    /// [`crate::retry::charge_method_honours_idempotency_key`]); `None`, the default, makes the
    /// client read it from the JSON ([`crate::retry::charge_honours_idempotency_key`]).
    fn honours_idempotency_key(&self) -> Option<bool> {
        None
    }

    /// For a SNAP-BI call: the `X-EXTERNAL-ID` the body implies, when Midtrans wants it to
    /// equal a body field (a VA's `trxId`, a QR code's `partnerReferenceNo`, a QRIS refund's
    /// `partnerRefundNo`); `None`, the default, lets the client generate one.
    fn external_id(&self) -> Option<String> {
        None
    }
}

macro_rules! typed_body {
    ($($ty:ty),+ $(,)?) => {
        $(
            impl RequestBody<$ty> for &$ty {
                fn into_json(self) -> Result<Vec<u8>, Error> {
                    self.validate()?;
                    to_json(self)
                }
            }

            /// An owned request, as its reference.
            impl RequestBody<$ty> for $ty {
                fn into_json(self) -> Result<Vec<u8>, Error> {
                    RequestBody::<$ty>::into_json(&self)
                }
            }
        )+
    };
}

impl RequestBody<ChargeRequest> for &ChargeRequest {
    fn into_json(self) -> Result<Vec<u8>, Error> {
        self.validate()?;
        to_json(self)
    }

    fn honours_idempotency_key(&self) -> Option<bool> {
        let payment = self.payment();
        let (bank, store);
        let channel = match payment {
            PaymentMethod::BankTransfer(transfer) => {
                bank = transfer.bank();
                Some(bank.as_str())
            }
            PaymentMethod::Cstore(cstore) => {
                store = cstore.store();
                Some(store.as_str())
            }
            _ => None,
        };
        Some(crate::retry::charge_method_honours_idempotency_key(
            payment.payment_type().as_str(),
            channel,
        ))
    }
}

/// An owned charge, as its reference.
impl RequestBody<ChargeRequest> for ChargeRequest {
    fn into_json(self) -> Result<Vec<u8>, Error> {
        RequestBody::<ChargeRequest>::into_json(&self)
    }

    fn honours_idempotency_key(&self) -> Option<bool> {
        RequestBody::<ChargeRequest>::honours_idempotency_key(&self)
    }
}

typed_body!(
    SnapRequest,
    midtrans_types::google_pay::GooglePayCharge,
    midtrans_types::google_pay::GooglePayAuthRequest,
    midtrans_types::snap::MerchantPreferences,
    CaptureRequest,
    RefundRequest,
    SubscriptionRequest,
    SubscriptionUpdate,
    PayAccountLinkRequest,
);

/// SNAP-BI's typed requests: validated, and the `X-EXTERNAL-ID` each implies.
#[cfg(feature = "snap-bi")]
macro_rules! snap_bi_body {
    ($($ty:ty => $external:expr),+ $(,)?) => {
        $(
            impl RequestBody<$ty> for &$ty {
                fn into_json(self) -> Result<Vec<u8>, Error> {
                    self.validate()?;
                    to_json(self)
                }

                fn external_id(&self) -> Option<String> {
                    let implied: fn(&$ty) -> Option<String> = $external;
                    implied(self)
                }
            }

            /// An owned request, as its reference.
            impl RequestBody<$ty> for $ty {
                fn into_json(self) -> Result<Vec<u8>, Error> {
                    RequestBody::<$ty>::into_json(&self)
                }

                fn external_id(&self) -> Option<String> {
                    RequestBody::<$ty>::external_id(&self)
                }
            }
        )+
    };
}

#[cfg(feature = "snap-bi")]
use midtrans_types::snap_bi as bi;

#[cfg(feature = "snap-bi")]
snap_bi_body!(
    bi::DirectDebitPaymentRequest => |_| None,
    bi::DirectDebitStatusRequest => |_| None,
    bi::DirectDebitRefundRequest => |_| None,
    bi::DirectDebitCancelRequest => |_| None,
    bi::VaCreateRequest => |r| Some(r.trx_id.clone()),
    bi::VaStatusRequest => |_| None,
    bi::VaDeleteRequest => |_| None,
    bi::QrisGenerateRequest => |r| Some(r.partner_reference_no.clone()),
    bi::QrisQueryRequest => |_| None,
    bi::QrisRefundRequest => |r| r.partner_refund_no.clone(),
    bi::QrisCancelRequest => |_| None,
    bi::AccountBindingRequest => |_| None,
    bi::AccountUnbindingRequest => |_| None,
    bi::AccountInquiryRequest => |_| None,
    bi::TransactionHistoryRequest => |_| None,
);

#[cfg(feature = "payment-link")]
typed_body!(midtrans_types::payment_link::PaymentLinkRequest);

#[cfg(feature = "invoicing")]
typed_body!(midtrans_types::invoice::InvoiceRequest);

#[cfg(feature = "iris")]
typed_body!(
    midtrans_types::iris::Beneficiary,
    midtrans_types::iris::PayoutRequest,
    midtrans_types::iris::ApprovePayouts,
    midtrans_types::iris::RejectPayouts,
);

impl<R> RequestBody<R> for &serde_json::Value {
    fn into_json(self) -> Result<Vec<u8>, Error> {
        to_json(self)
    }
}

/// Serializes a request body into a buffer sized for a full Snap request (about 2.3 KB), so
/// that writing it does not grow the buffer step by step.
pub(crate) fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::with_capacity(4096);
    serde_json::to_writer(&mut bytes, value).map_err(|e| Error::InvalidInput(e.to_string()))?;
    Ok(bytes)
}

impl<R> RequestBody<R> for serde_json::Value {
    fn into_json(self) -> Result<Vec<u8>, Error> {
        RequestBody::<R>::into_json(&self)
    }
}

impl<R> RequestBody<R> for &str {
    fn into_json(self) -> Result<Vec<u8>, Error> {
        serde_json::from_str::<serde::de::IgnoredAny>(self)
            .map_err(|e| Error::InvalidInput(format!("body is not JSON: {e}")))?;
        Ok(self.as_bytes().to_vec())
    }
}

/// Query parameters accepted by a GET endpoint whose typed request is `R`: the typed request,
/// or a flat JSON object of strings, numbers and booleans.
pub trait QueryParams<R> {
    /// The parameters, not yet percent-encoded.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for JSON that is not a flat object.
    fn into_query(self) -> Result<Vec<(String, String)>, Error>;
}

impl QueryParams<CardTokenRequest> for &CardTokenRequest {
    fn into_query(self) -> Result<Vec<(String, String)>, Error> {
        Ok(owned(self.query_pairs()))
    }
}

impl QueryParams<CardRegisterRequest> for &CardRegisterRequest {
    fn into_query(self) -> Result<Vec<(String, String)>, Error> {
        Ok(owned(self.query_pairs()))
    }
}

impl QueryParams<CardTokenRequest> for CardTokenRequest {
    fn into_query(self) -> Result<Vec<(String, String)>, Error> {
        QueryParams::<CardTokenRequest>::into_query(&self)
    }
}

impl QueryParams<CardRegisterRequest> for CardRegisterRequest {
    fn into_query(self) -> Result<Vec<(String, String)>, Error> {
        QueryParams::<CardRegisterRequest>::into_query(&self)
    }
}

impl<R> QueryParams<R> for &serde_json::Value {
    fn into_query(self) -> Result<Vec<(String, String)>, Error> {
        let object = self
            .as_object()
            .ok_or_else(|| Error::InvalidInput("query parameters must be a JSON object".into()))?;
        object
            .iter()
            .map(|(key, value)| {
                let text = match value {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Number(n) => n.to_string(),
                    serde_json::Value::Bool(b) => b.to_string(),
                    _ => {
                        return Err(Error::InvalidInput(format!(
                            "query parameter {key:?} must be a string, number or boolean"
                        )))
                    }
                };
                Ok((key.clone(), text))
            })
            .collect()
    }
}

fn owned(pairs: Vec<(&'static str, &str)>) -> Vec<(String, String)> {
    pairs
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// `/{prefix}/{id}{suffix}` with `id` percent-encoded. An id that is not one path segment is
/// refused: empty, or `.` and `..`, which URL parsers resolve to another path (`status("..")`
/// would become `GET /status`).
fn path(prefix: &str, id: &str, suffix: &str) -> Result<String, Error> {
    if matches!(id, "" | "." | "..") {
        return Err(Error::InvalidInput(format!(
            "the id {id:?} in {prefix}/{{id}}{suffix} is not one path segment"
        )));
    }
    let id = encode(id);
    let capacity = [prefix.len(), 1, id.len(), suffix.len()]
        .into_iter()
        .fold(0usize, usize::saturating_add);
    let mut path = String::with_capacity(capacity);
    for part in [prefix, "/", &id, suffix] {
        path.push_str(part);
    }
    Ok(path)
}
