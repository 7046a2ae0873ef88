//! The axum extractor (feature `axum`): a handler takes a [`VerifiedNotification`], read from
//! the raw body and verified with the client's server keys, and never runs for a forged or
//! malformed body.

use axum_core::extract::{FromRef, FromRequest, Request};
use axum_core::response::{IntoResponse, Response};
use bytes::Bytes;
use http::StatusCode;

use crate::{Client, Error, NotificationError, VerifiedNotification};

/// Why the extractor refused a notification, answered to Midtrans as it is: 400 for a body that
/// is not a notification, 401 for a signature that does not verify, 413 for a body too large.
/// The answer's text is the error's `Display`, which never holds a key.
#[derive(Debug)]
pub struct NotificationRejection {
    status: StatusCode,
    error: Option<Error>,
    reason: String,
}

impl NotificationRejection {
    /// The HTTP status the rejection answers.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The verification error, when the body was read (`None` when reading it failed).
    pub fn error(&self) -> Option<&Error> {
        self.error.as_ref()
    }
}

impl std::fmt::Display for NotificationRejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "notification refused ({}): {}", self.status, self.reason)
    }
}

impl std::error::Error for NotificationRejection {}

impl IntoResponse for NotificationRejection {
    fn into_response(self) -> Response {
        (self.status, self.to_string()).into_response()
    }
}

impl From<Error> for NotificationRejection {
    fn from(error: Error) -> Self {
        let status = match &error {
            Error::Signature(_) => StatusCode::UNAUTHORIZED,
            Error::Notification(NotificationError::TooLarge { .. }) => {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            _ => StatusCode::BAD_REQUEST,
        };
        NotificationRejection {
            status,
            reason: error.to_string(),
            error: Some(error),
        }
    }
}

/// Reads the raw body and verifies it with the state's [`Client`] (its server key and any
/// [`previous_server_key`](crate::ClientBuilder::previous_server_key)), as
/// [`Transactions::notification`](crate::Transactions::notification) does.
///
/// ```no_run
/// use axum::{routing::post, Router};
/// use axum::http::StatusCode;
/// use midtrans::types::PaymentOutcome;
/// use midtrans::VerifiedNotification;
///
/// async fn notification(notification: VerifiedNotification) -> StatusCode {
///     // Forged or malformed bodies never get here: the extractor answered 401 or 400.
///     match notification.outcome() {
///         PaymentOutcome::Paid => println!("fulfil {}", notification.order_id()),
///         outcome => println!("{}: {outcome:?}", notification.order_id()),
///     }
///     StatusCode::OK
/// }
///
/// # fn app(client: midtrans::Client) -> Router {
/// // The state is the client, or any state a `Client` can be taken from (`FromRef`).
/// Router::new()
///     .route("/midtrans/notification", post(notification))
///     .with_state(client)
/// # }
/// ```
impl<S> FromRequest<S> for VerifiedNotification
where
    S: Send + Sync,
    Client: FromRef<S>,
{
    type Rejection = NotificationRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let body = raw_body(request, state).await?;
        let client = Client::from_ref(state);
        Ok(client.transactions().notification(&body)?)
    }
}

/// A SNAP-BI notification as a handler argument (features `axum` and `snap-bi`): the raw body
/// verified against `X-SIGNATURE` with Midtrans's public key, over the request's path, then
/// decoded as `T`. A forged, stale or malformed delivery is answered 401/400/413 before the
/// handler runs. The path is the request URI's: mount the route unnested (a nested router
/// sees its prefix stripped, and the signature covers the path Midtrans called).
///
/// ```no_run
/// use axum::http::header::CONTENT_TYPE;
/// use axum::{routing::post, Router};
/// use midtrans::snap_bi::SnapBiNotification;
/// use midtrans::types::snap_bi::{NotificationAck, PaymentNotification};
///
/// async fn notified(
///     notification: SnapBiNotification<PaymentNotification>,
/// ) -> ([(axum::http::HeaderName, &'static str); 1], String) {
///     println!("{:?} is {:?}", notification.original_reference_no, notification.outcome());
///     let reply = serde_json::to_string(&NotificationAck::direct_debit()).unwrap_or_default();
///     ([(CONTENT_TYPE, "application/json")], reply)
/// }
///
/// # fn app(client: midtrans::Client) -> Router {
/// Router::new().route("/v1.0/debit/notify", post(notified)).with_state(client)
/// # }
/// ```
#[cfg(feature = "snap-bi")]
impl<S, T> FromRequest<S> for crate::snap_bi::SnapBiNotification<T>
where
    S: Send + Sync,
    Client: FromRef<S>,
    T: serde::de::DeserializeOwned,
{
    type Rejection = NotificationRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let path = request.uri().path().to_owned();
        let headers = request.headers().clone();
        let body = raw_body(request, state).await?;
        let client = Client::from_ref(state);
        Ok(crate::snap_bi::verify(&client, &path, &headers, &body)?)
    }
}

/// An Iris notification as a handler argument (features `axum` and `iris`): the raw body
/// verified against `Iris-Signature` with the client's merchant keys.
///
/// ```no_run
/// use axum::routing::post;
/// use midtrans::iris::VerifiedIrisNotification;
/// use midtrans::types::iris::IrisNotification;
///
/// async fn notified(notification: VerifiedIrisNotification) -> axum::http::StatusCode {
///     if let IrisNotification::Payout(payout) = &*notification {
///         println!("{} is {}", payout.reference_no, payout.status);
///     }
///     axum::http::StatusCode::OK
/// }
///
/// # fn app(client: midtrans::Client) -> axum::Router {
/// axum::Router::new().route("/iris/notification", post(notified)).with_state(client)
/// # }
/// ```
#[cfg(feature = "iris")]
impl<S> FromRequest<S> for crate::iris::VerifiedIrisNotification
where
    S: Send + Sync,
    Client: FromRef<S>,
{
    type Rejection = NotificationRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let headers = request.headers().clone();
        let body = raw_body(request, state).await?;
        let client = Client::from_ref(state);
        Ok(crate::iris::verify(&client, &headers, &body)?.into())
    }
}

/// The request's body as received, or axum's own refusal (too large, unreadable).
async fn raw_body<S: Send + Sync>(
    request: Request,
    state: &S,
) -> Result<Bytes, NotificationRejection> {
    Bytes::from_request(request, state)
        .await
        .map_err(|refused| NotificationRejection {
            status: refused.status(),
            reason: refused.body_text(),
            error: None,
        })
}
