//! Google Pay through the Core API: the JWT the Google Pay button needs in production, and the
//! card charge that carries Google's payment token instead of a Midtrans card token
//! ([Midtrans docs](https://docs.midtrans.com/reference/payment-method-google-pay)).
//!
//! Both calls go to their own host, `panapi.midtrans.com` (`panapi.sandbox.midtrans.com` in the
//! sandbox); the transaction they make is an ordinary card transaction (`payment_type`
//! `credit_card`), read, cancelled and refunded on the Core API host as any other.
//!
//! ```
//! use midtrans_types::google_pay::{GooglePayCharge, GooglePayToken};
//! use midtrans_types::{Idr, TransactionDetails};
//!
//! // `paymentData.paymentMethodData.tokenizationData.token` from Google's `loadPaymentData`.
//! let token: GooglePayToken = r#"{"protocolVersion":"ECv2","signature":"MEUCIQ…",
//!   "intermediateSigningKey":{"signedKey":"{\"keyValue\":\"MFkw…\"}","signatures":["MEYC…"]},
//!   "signedMessage":"{\"encryptedMessage\":\"…\"}"}"#.parse()?;
//! let charge = GooglePayCharge::builder(TransactionDetails::new("order-gp-1", Idr::new(10_002)), token)
//!     .authentication(true)
//!     .build()?;
//! let json = serde_json::to_value(&charge)?;
//! assert_eq!(json["payment_type"], "credit_card");
//! assert_eq!(json["credit_card"]["google_pay_token"]["protocolVersion"], "ECv2");
//! assert_eq!(json["credit_card"]["authentication"], true);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;
use core::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::validate::{BuildError, BuildErrorKind};
use crate::{CustomExpiry, CustomerDetails, ItemDetails, Metadata, OrderId, TransactionDetails};

/// Google's payment method token (`PaymentMethodToken`), as the Google Pay API hands it to the
/// merchant's page: sent to Midtrans as the JSON **object** it is, not as a string.
///
/// It holds the encrypted card, so `Debug` shows its protocol version only.
///
/// ```
/// use midtrans_types::google_pay::GooglePayToken;
/// let token: GooglePayToken = r#"{"protocolVersion":"ECv2","signature":"MEUC","signedMessage":"{}",
///   "intermediateSigningKey":{"signedKey":"{}","signatures":["MEYC"]}}"#.parse()?;
/// assert_eq!(token.protocol_version, "ECv2");
/// assert!(!format!("{token:?}").contains("MEUC"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GooglePayToken {
    /// `ECv2` (or `ECv1`, which has no intermediate key).
    pub protocol_version: String,
    /// Google's signature of the message.
    pub signature: String,
    /// The key Google signed the message with, signed by Google's root key (`ECv2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intermediate_signing_key: Option<IntermediateSigningKey>,
    /// The encrypted payment data, a JSON text.
    pub signed_message: String,
}

impl GooglePayToken {
    /// The token from its parts.
    ///
    /// ```
    /// use midtrans_types::google_pay::{GooglePayToken, IntermediateSigningKey};
    /// let key = IntermediateSigningKey::new("{\"keyValue\":\"MFkw\"}", vec!["MEYC".to_owned()]);
    /// let token = GooglePayToken::new("ECv2", "MEUC", "{}").intermediate_signing_key(key);
    /// assert!(token.intermediate_signing_key.is_some());
    /// ```
    pub fn new(
        protocol_version: impl Into<String>,
        signature: impl Into<String>,
        signed_message: impl Into<String>,
    ) -> Self {
        GooglePayToken {
            protocol_version: protocol_version.into(),
            signature: signature.into(),
            intermediate_signing_key: None,
            signed_message: signed_message.into(),
        }
    }

    fn validate(&self) -> Result<(), BuildError> {
        let field = |name: &str| format!("credit_card.google_pay_token.{name}");
        for (name, value) in [
            ("protocolVersion", &self.protocol_version),
            ("signature", &self.signature),
            ("signedMessage", &self.signed_message),
        ] {
            if value.is_empty() {
                return Err(BuildError::new(field(name), BuildErrorKind::Empty));
            }
        }
        if self.protocol_version == "ECv2" && self.intermediate_signing_key.is_none() {
            return Err(BuildError::new(
                field("intermediateSigningKey"),
                BuildErrorKind::Missing,
            ));
        }
        Ok(())
    }
}

setters!(GooglePayToken {
    intermediate_signing_key: IntermediateSigningKey,
});

/// Reads the token from the text Google's `tokenizationData.token` holds.
impl FromStr for GooglePayToken {
    type Err = serde_json::Error;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        serde_json::from_str(text)
    }
}

impl fmt::Debug for GooglePayToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GooglePayToken")
            .field("protocol_version", &self.protocol_version)
            .field("signature", &"[redacted]")
            .field("signed_message", &"[redacted]")
            .finish_non_exhaustive()
    }
}

/// `intermediateSigningKey`: the key that signed the message, and Google's signatures of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct IntermediateSigningKey {
    /// The key and its expiry, a JSON text.
    pub signed_key: String,
    /// Google's signatures of `signedKey`.
    pub signatures: Vec<String>,
}

impl IntermediateSigningKey {
    /// The key with its signatures.
    ///
    /// ```
    /// use midtrans_types::google_pay::IntermediateSigningKey;
    /// let key = IntermediateSigningKey::new("{}", vec!["MEYC".to_owned()]);
    /// assert_eq!(key.signatures.len(), 1);
    /// ```
    pub fn new(signed_key: impl Into<String>, signatures: Vec<String>) -> Self {
        IntermediateSigningKey {
            signed_key: signed_key.into(),
            signatures,
        }
    }
}

/// The `credit_card` object of a Google Pay charge: the token in place of `token_id`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GooglePayCard {
    /// Google's token.
    pub google_pay_token: GooglePayToken,
    /// Request 3-D Secure: the answer is then `pending` with a `redirect_url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication: Option<bool>,
}

/// The only `payment_type` of a Google Pay charge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
enum CardPayment {
    #[default]
    #[serde(rename = "credit_card")]
    CreditCard,
}

/// A Google Pay charge, `POST /v2/charge` on the Google Pay host.
///
/// Built with [`GooglePayCharge::builder`]; `build()` checks the order, the amounts and the
/// token. The answer is a card charge's ([`ChargeResponse`](crate::ChargeResponse)): `capture`,
/// `pending` with a `redirect_url` when 3-D Secure was asked for, or `deny` (body `202`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GooglePayCharge {
    payment_type: CardPayment,
    /// Order id and gross amount.
    pub transaction_details: TransactionDetails,
    /// Google's token and the 3-D Secure switch.
    pub credit_card: GooglePayCard,
    /// The items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_details: Option<Vec<ItemDetails>>,
    /// The customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_details: Option<CustomerDetails>,
    /// How long the payment may wait.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_expiry: Option<CustomExpiry>,
    /// Merchant data, echoed in notifications (≤ 255 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_field1: Option<String>,
    /// Merchant data (≤ 255 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_field2: Option<String>,
    /// Merchant data (≤ 255 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_field3: Option<String>,
    /// Free-form metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

impl GooglePayCharge {
    /// Starts a charge of `transaction_details` paid with Google's `token`.
    ///
    /// ```
    /// use midtrans_types::google_pay::{GooglePayCharge, GooglePayToken};
    /// use midtrans_types::{Idr, ItemDetails, TransactionDetails};
    /// let token = GooglePayToken::new("ECv1", "MEUC", "{}");
    /// let charge = GooglePayCharge::builder(TransactionDetails::new("order-gp-2", Idr::new(10_004)), token)
    ///     .item(ItemDetails::new("Kopi", Idr::new(10_004), 1))
    ///     .build()?;
    /// assert_eq!(charge.order_id().as_str(), "order-gp-2");
    /// # Ok::<(), midtrans_types::BuildError>(())
    /// ```
    pub fn builder(
        transaction_details: TransactionDetails,
        token: GooglePayToken,
    ) -> GooglePayChargeBuilder {
        GooglePayChargeBuilder {
            inner: Box::new(GooglePayCharge {
                payment_type: CardPayment::CreditCard,
                transaction_details,
                credit_card: GooglePayCard {
                    google_pay_token: token,
                    authentication: None,
                },
                item_details: None,
                customer_details: None,
                custom_expiry: None,
                custom_field1: None,
                custom_field2: None,
                custom_field3: None,
                metadata: None,
            }),
        }
    }

    /// The order id.
    pub fn order_id(&self) -> &OrderId {
        &self.transaction_details.order_id
    }

    /// Checks every rule `build()` checks.
    ///
    /// # Errors
    /// The first [`BuildError`] found: order id, amounts and items, the customer, the token's
    /// parts, custom fields and expiry.
    pub fn validate(&self) -> Result<(), BuildError> {
        crate::charge::common(&crate::charge::Common {
            transaction_details: &self.transaction_details,
            item_details: self.item_details.as_deref(),
            customer_details: self.customer_details.as_ref(),
            custom_expiry: self.custom_expiry.as_ref(),
            custom_fields: [
                &self.custom_field1,
                &self.custom_field2,
                &self.custom_field3,
            ],
        })?;
        self.credit_card.google_pay_token.validate()
    }
}

validated_builder! {
    /// Builds a [`GooglePayCharge`]; see [`GooglePayCharge::builder`].
    GooglePayChargeBuilder => GooglePayCharge
}

impl GooglePayChargeBuilder {
    /// Adds one item line.
    pub fn item(mut self, item: ItemDetails) -> Self {
        self.inner
            .item_details
            .get_or_insert_with(Vec::new)
            .push(item);
        self
    }

    /// Asks for 3-D Secure (`credit_card.authentication`).
    pub fn authentication(mut self, authentication: bool) -> Self {
        self.inner.credit_card.authentication = Some(authentication);
        self
    }
}

setters!(GooglePayChargeBuilder => inner {
    customer_details: CustomerDetails,
    custom_expiry: CustomExpiry,
    custom_field1: String,
    custom_field2: String,
    custom_field3: String,
    metadata: Metadata,
});

list_setters!(GooglePayChargeBuilder => inner { item_details: ItemDetails });

/// The body of `POST /google_auth`: the checkout page's domain. The call is authenticated with
/// the **client** key and answers a [`GooglePayJwt`] for that domain.
///
/// ```
/// use midtrans_types::google_pay::GooglePayAuthRequest;
/// let request = GooglePayAuthRequest::new("examplestore.com")?;
/// assert_eq!(serde_json::to_string(&request)?, r#"{"merchantOrigin":"examplestore.com"}"#);
/// assert!(GooglePayAuthRequest::new("https://examplestore.com/checkout").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GooglePayAuthRequest {
    /// The fully qualified domain of the page showing the Google Pay button.
    pub merchant_origin: String,
}

impl GooglePayAuthRequest {
    /// The request for `merchant_origin`, a domain such as `examplestore.com`.
    ///
    /// # Errors
    /// A [`BuildError`] on `merchantOrigin` when it is empty, or is a URL rather than a
    /// domain (a scheme, a path, a space).
    pub fn new(merchant_origin: impl Into<String>) -> Result<Self, BuildError> {
        let request = GooglePayAuthRequest {
            merchant_origin: merchant_origin.into(),
        };
        request.validate()?;
        Ok(request)
    }

    /// Checks the domain as [`GooglePayAuthRequest::new`] does.
    ///
    /// # Errors
    /// As [`GooglePayAuthRequest::new`].
    pub fn validate(&self) -> Result<(), BuildError> {
        let origin = &self.merchant_origin;
        if origin.is_empty() {
            return Err(BuildError::new("merchantOrigin", BuildErrorKind::Empty));
        }
        let domain = origin
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':'))
            && !origin.contains("://");
        if !domain {
            return Err(BuildError::new(
                "merchantOrigin",
                BuildErrorKind::Invalid {
                    expected: "the page's domain, as examplestore.com: no scheme, path or spaces",
                },
            ));
        }
        Ok(())
    }
}

/// The answer of `POST /google_auth`: an ES256 JWT for the Google Pay button's
/// `merchantInfo.authJwt`. It is valid only in the environment that issued it. The sandbox
/// needs none. `Debug` hides it.
///
/// ```
/// use midtrans_types::google_pay::GooglePayJwt;
/// let answer: GooglePayJwt = serde_json::from_str(r#"{"authJwt":"eyJhbGciOiJFUzI1NiJ9.e30.c2ln"}"#)?;
/// assert!(answer.auth_jwt.starts_with("eyJ"));
/// assert!(!format!("{answer:?}").contains("eyJ"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GooglePayJwt {
    /// The JWT.
    pub auth_jwt: String,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl fmt::Debug for GooglePayJwt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GooglePayJwt")
            .field("auth_jwt", &"[redacted]")
            .finish_non_exhaustive()
    }
}
