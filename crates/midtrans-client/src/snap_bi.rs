//! SNAP-BI's credentials and signatures (feature `snap-bi`): the asymmetric signature of the
//! access-token call, the symmetric signature of every other call, the access token cached
//! per client, and the verification of Midtrans's notifications.
//!
//! Formulas ([Midtrans docs](https://docs.midtrans.com/reference/signature-generation)):
//! * access token: `X-SIGNATURE` = base64(SHA256withRSA(private key, `client id|X-TIMESTAMP`));
//! * other calls: `X-SIGNATURE` = base64(HMAC-SHA512(client secret,
//!   `POST:<path>:<access token>:<hex SHA-256 of the minified body>:<X-TIMESTAMP>`));
//! * notifications: SHA256withRSA by Midtrans's key over
//!   `POST:<path>:<hex SHA-256 of the minified body>:<X-TIMESTAMP>`.

use core::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use http::header::{HeaderName, HeaderValue, AUTHORIZATION};
use ring::signature::{self, RsaKeyPair};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{PrivateKeyDer, SubjectPublicKeyInfoDer};
use sha2::Digest as _;

use crate::config::ConfigError;
use crate::request::{Auth, Endpoint};
use crate::{Client, Error};

/// How long before its `expiresIn` a cached access token is replaced: a token is never sent
/// in its last minute (or its last tenth, for short-lived ones).
const REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// The merchant's SNAP-BI credentials: client id, private key, client secret, partner id,
/// channel id, and Midtrans's public key for notifications. `Debug` shows the ids only.
///
/// ```no_run
/// # fn run() -> Result<(), midtrans::ConfigError> {
/// use midtrans::snap_bi::SnapBiCredentials;
///
/// let pem = std::fs::read_to_string("snap-bi-private-key.pem").unwrap_or_default();
/// let client = midtrans::Client::builder()
///     .server_key("SB-Mid-server-TEST")
///     .snap_bi(
///         SnapBiCredentials::new("client-id", pem, "client-secret", "partner-id", "12345")
///             .midtrans_public_key(std::fs::read_to_string("midtrans-public-key.pem").unwrap_or_default()),
///     )
///     .build()?;
/// # Ok(()) }
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct SnapBiCredentials {
    pub(crate) client_id: String,
    pub(crate) private_key_pem: String,
    pub(crate) client_secret: String,
    pub(crate) partner_id: String,
    pub(crate) channel_id: String,
    pub(crate) midtrans_public_key_pem: Option<String>,
    pub(crate) notification_max_age: Option<Duration>,
}

impl SnapBiCredentials {
    /// The credentials Midtrans issued: client id (`X-CLIENT-KEY`), the private key whose
    /// public half is registered with Midtrans (PEM, PKCS#1 `RSA PRIVATE KEY` or PKCS#8
    /// `PRIVATE KEY`), client secret, partner id (`X-PARTNER-ID`) and channel id (`CHANNEL-ID`,
    /// five digits).
    ///
    /// ```
    /// use midtrans::snap_bi::SnapBiCredentials;
    /// let pem = "-----BEGIN PRIVATE KEY-----\n…\n-----END PRIVATE KEY-----\n";
    /// let credentials = SnapBiCredentials::new("client-id", pem, "client-secret", "partner-id", "12345");
    /// assert!(!format!("{credentials:?}").contains("client-secret"));
    /// ```
    pub fn new(
        client_id: impl Into<String>,
        private_key_pem: impl Into<String>,
        client_secret: impl Into<String>,
        partner_id: impl Into<String>,
        channel_id: impl Into<String>,
    ) -> Self {
        SnapBiCredentials {
            client_id: client_id.into(),
            private_key_pem: private_key_pem.into(),
            client_secret: client_secret.into(),
            partner_id: partner_id.into(),
            channel_id: channel_id.into(),
            midtrans_public_key_pem: None,
            notification_max_age: None,
        }
    }

    /// Midtrans's public key (PEM `PUBLIC KEY`), which notifications are verified with.
    ///
    /// ```
    /// use midtrans::snap_bi::SnapBiCredentials;
    /// let credentials = SnapBiCredentials::new("client-id", "private key PEM", "secret", "partner-id", "12345")
    ///     .midtrans_public_key("-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----\n");
    /// # let _ = credentials;
    /// ```
    #[must_use]
    pub fn midtrans_public_key(mut self, pem: impl Into<String>) -> Self {
        self.midtrans_public_key_pem = Some(pem.into());
        self
    }

    /// Refuses notifications whose `X-TIMESTAMP` is older than `age` (or as far in the
    /// future). Off by default: Midtrans retries a failed delivery for hours with the
    /// timestamp of its first attempt, so a tolerance would drop real retries; set one only
    /// with replay protection of your own in mind.
    ///
    /// ```
    /// use std::time::Duration;
    /// use midtrans::snap_bi::SnapBiCredentials;
    /// let credentials = SnapBiCredentials::new("client-id", "private key PEM", "secret", "partner-id", "12345")
    ///     .notification_max_age(Duration::from_secs(24 * 3600));
    /// # let _ = credentials;
    /// ```
    #[must_use]
    pub fn notification_max_age(mut self, age: Duration) -> Self {
        self.notification_max_age = Some(age);
        self
    }
}

impl fmt::Debug for SnapBiCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SnapBiCredentials")
            .field("client_id", &self.client_id)
            .field("private_key", &"[redacted]")
            .field("client_secret", &"[redacted]")
            .field("partner_id", &self.partner_id)
            .field("channel_id", &self.channel_id)
            .field(
                "midtrans_public_key",
                &self.midtrans_public_key_pem.as_ref().map(|_| "set"),
            )
            .field("notification_max_age", &self.notification_max_age)
            .finish()
    }
}

/// The credentials parsed once per configuration, and the access token they got.
pub(crate) struct Keys {
    client_id: String,
    partner_id: String,
    channel_id: String,
    signer: RsaKeyPair,
    secret: ring::hmac::Key,
    verifier: Option<NotificationVerifier>,
    tokens: tokio::sync::Mutex<Option<Token>>,
}

impl fmt::Debug for Keys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keys")
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

/// A cached access token and when it stops being sent.
#[derive(Clone)]
struct Token {
    value: Arc<str>,
    replace_at: Instant,
}

impl Keys {
    /// Parses the credentials; the error says what is wrong, never what the key is.
    pub(crate) fn new(credentials: &SnapBiCredentials) -> Result<Self, ConfigError> {
        let invalid = |reason: &str| ConfigError::InvalidSnapBiKey(reason.to_owned());
        for (name, value) in [
            ("client id", &credentials.client_id),
            ("client secret", &credentials.client_secret),
            ("partner id", &credentials.partner_id),
            ("channel id", &credentials.channel_id),
        ] {
            if value.is_empty() || !value.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(invalid(&format!(
                    "the {name} is empty or not printable ASCII"
                )));
            }
        }
        let pem = credentials.private_key_pem.as_bytes();
        let signer = match PrivateKeyDer::from_pem_slice(pem) {
            Ok(PrivateKeyDer::Pkcs8(der)) => RsaKeyPair::from_pkcs8(der.secret_pkcs8_der()),
            Ok(PrivateKeyDer::Pkcs1(der)) => RsaKeyPair::from_der(der.secret_pkcs1_der()),
            Ok(_) => return Err(invalid("the private key is not an RSA key")),
            Err(_) => {
                return Err(invalid(
                    "the private key is not a PEM `PRIVATE KEY` or `RSA PRIVATE KEY`",
                ))
            }
        }
        .map_err(|e| invalid(&format!("the private key is not a usable RSA key ({e})")))?;
        let verifier = credentials
            .midtrans_public_key_pem
            .as_deref()
            .map(|pem| {
                NotificationVerifier::new(pem).map(|v| NotificationVerifier {
                    max_age: credentials.notification_max_age,
                    ..v
                })
            })
            .transpose()?;
        Ok(Keys {
            client_id: credentials.client_id.clone(),
            partner_id: credentials.partner_id.clone(),
            channel_id: credentials.channel_id.clone(),
            signer,
            secret: ring::hmac::Key::new(
                ring::hmac::HMAC_SHA512,
                credentials.client_secret.as_bytes(),
            ),
            verifier,
            tokens: tokio::sync::Mutex::new(None),
        })
    }

    /// The asymmetric signature of an access-token call: SHA256withRSA over
    /// `client id|timestamp`, base64.
    pub(crate) fn token_signature(&self, timestamp: &str) -> Result<String, Error> {
        let message = format!("{}|{timestamp}", self.client_id);
        let mut signature = vec![0; self.signer.public().modulus_len()];
        self.signer
            .sign(
                &signature::RSA_PKCS1_SHA256,
                &ring::rand::SystemRandom::new(),
                message.as_bytes(),
                &mut signature,
            )
            .map_err(|_| Error::InvalidInput("the SNAP-BI private key could not sign".into()))?;
        Ok(base64::engine::general_purpose::STANDARD.encode(signature))
    }

    /// The symmetric signature of a call: HMAC-SHA512 over
    /// `METHOD:path:token:hex(sha256(body)):timestamp`, base64.
    pub(crate) fn call_signature(
        &self,
        method: &http::Method,
        path: &str,
        token: &str,
        body: &[u8],
        timestamp: &str,
    ) -> String {
        let message = string_to_sign(method.as_str(), path, Some(token), body, timestamp);
        let tag = ring::hmac::sign(&self.secret, message.as_bytes());
        base64::engine::general_purpose::STANDARD.encode(tag.as_ref())
    }
}

/// The text a SNAP-BI call or notification signs: `METHOD:path:token:hex(sha256(minified
/// body)):timestamp`, or without the token for notifications (`access_token` `None`).
///
/// ```
/// use midtrans::snap_bi::string_to_sign;
/// let text = string_to_sign("POST", "/v1.0/debit/notify", None, br#"{ "a": 1 }"#, "2026-12-01T10:00:00+07:00");
/// // The body is hashed minified: `{"a":1}`.
/// assert!(text.starts_with("POST:/v1.0/debit/notify:015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862:"));
/// ```
pub fn string_to_sign(
    method: &str,
    path: &str,
    access_token: Option<&str>,
    body: &[u8],
    timestamp: &str,
) -> String {
    let hash = sha256_hex(&minify(body));
    match access_token {
        Some(token) => format!("{method}:{path}:{token}:{hash}:{timestamp}"),
        None => format!("{method}:{path}:{hash}:{timestamp}"),
    }
}

/// The symmetric signature: base64(HMAC-SHA512(client secret, `string_to_sign`)).
///
/// ```
/// // Midtrans's documented example (docs: signature-generation).
/// let signature = midtrans::snap_bi::symmetric_signature(
///     "fdppqbF5wq7vVegyvsV1CROMv646nJ7A",
///     "POST:/v1.0/debit/payment-host-to-host:gp9HjjEj813Y9JGoqwOeOPWbnt4CupvIJbU1Mmu4a11MNDZ7Sg5u9a:56fa5f4999ad8014de49d7898c1d1d53472569db8999de3c1b752a0dd181e98c:2020-01-01T00:00:00+07:00",
/// );
/// assert_eq!(signature, "FSlidRHe4ow9qppNifGVQNcdv67lBjgCiP0BHylh+IKXo4fs2rHaGsFNUY0N8t0rPlZs4iAHAOCDklnCccwuJw==");
/// ```
pub fn symmetric_signature(client_secret: &str, string_to_sign: &str) -> String {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA512, client_secret.as_bytes());
    let tag = ring::hmac::sign(&key, string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(tag.as_ref())
}

impl SnapBiCredentials {
    /// The asymmetric signature of the access-token call at `timestamp`:
    /// base64(SHA256withRSA(private key, `client id|timestamp`)). RSASSA-PKCS1-v1_5 is
    /// deterministic, so `openssl dgst -sha256 -sign key.pem` gives the same bytes.
    ///
    /// # Errors
    /// [`ConfigError::InvalidSnapBiKey`] for unusable credentials; [`Error::InvalidInput`] when
    /// the key cannot sign.
    ///
    /// ```no_run
    /// # fn run(pem: &str) -> Result<(), midtrans::Error> {
    /// use midtrans::snap_bi::SnapBiCredentials;
    /// let credentials = SnapBiCredentials::new("client-id", pem, "secret", "partner-id", "12345");
    /// let signature = credentials.access_token_signature("2026-12-01T10:00:00+07:00")?;
    /// println!("X-SIGNATURE: {signature}");
    /// # Ok(()) }
    /// ```
    pub fn access_token_signature(&self, timestamp: &str) -> Result<String, Error> {
        Keys::new(self)?.token_signature(timestamp)
    }
}

/// The `RSAPublicKey` inside a PEM `PUBLIC KEY` (SubjectPublicKeyInfo), as ring verifies with.
fn rsa_public_key(pem: &str) -> Result<Vec<u8>, ConfigError> {
    use spki::der::Decode as _;
    const RSA_ENCRYPTION: spki::ObjectIdentifier =
        spki::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
    let invalid = |reason: &str| ConfigError::InvalidSnapBiKey(reason.to_owned());
    let der = SubjectPublicKeyInfoDer::from_pem_slice(pem.as_bytes())
        .map_err(|_| invalid("Midtrans's public key is not a PEM `PUBLIC KEY`"))?;
    let info = spki::SubjectPublicKeyInfoRef::from_der(der.as_ref())
        .map_err(|_| invalid("Midtrans's public key is not a valid SubjectPublicKeyInfo"))?;
    if info.algorithm.oid != RSA_ENCRYPTION {
        return Err(invalid("Midtrans's public key is not an RSA key"));
    }
    info.subject_public_key
        .as_bytes()
        .map(<[u8]>::to_vec)
        .ok_or_else(|| invalid("Midtrans's public key has a partial byte"))
}

/// Whether a merchant's SNAP-BI private key (PKCS#8 or PKCS#1 PEM) is the pair of the public
/// key registered with Midtrans (PEM `PUBLIC KEY`): a message signed with one verifies with
/// the other. `midtrans doctor` checks this; a mismatch makes every access-token call fail.
///
/// ```no_run
/// # fn run(private_pem: &str, public_pem: &str) -> Result<(), midtrans::ConfigError> {
/// if !midtrans::snap_bi::key_pair_matches(private_pem, public_pem)? {
///     eprintln!("the public key registered with Midtrans is not this private key's");
/// }
/// # Ok(()) }
/// ```
///
/// # Errors
/// [`ConfigError::InvalidSnapBiKey`] when either is not an RSA key in PEM.
pub fn key_pair_matches(private_key_pem: &str, public_key_pem: &str) -> Result<bool, ConfigError> {
    let invalid = |reason: &str| ConfigError::InvalidSnapBiKey(reason.to_owned());
    let signer = match PrivateKeyDer::from_pem_slice(private_key_pem.as_bytes()) {
        Ok(PrivateKeyDer::Pkcs8(der)) => RsaKeyPair::from_pkcs8(der.secret_pkcs8_der()),
        Ok(PrivateKeyDer::Pkcs1(der)) => RsaKeyPair::from_der(der.secret_pkcs1_der()),
        _ => return Err(invalid("the private key is not an RSA key in PEM")),
    }
    .map_err(|e| invalid(&format!("the private key is not a usable RSA key ({e})")))?;
    let public = rsa_public_key(public_key_pem)?;
    let message = b"midtrans key pair check";
    let mut signed = vec![0; signer.public().modulus_len()];
    signer
        .sign(
            &signature::RSA_PKCS1_SHA256,
            &ring::rand::SystemRandom::new(),
            message,
            &mut signed,
        )
        .map_err(|_| invalid("the private key could not sign"))?;
    Ok(
        signature::UnparsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, &public)
            .verify(message, &signed)
            .is_ok(),
    )
}

/// Lowercase hex of SHA-256.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    crate::notification::lower_hex(&sha2::Sha256::digest(bytes))
}

/// The current time as SNAP-BI writes it: ISO-8601 in Jakarta time with its offset, to the
/// second (`2026-12-01T10:00:00+07:00`).
pub(crate) fn timestamp() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::SystemTime::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    chrono::DateTime::from_timestamp(now, 0)
        .unwrap_or_default()
        .with_timezone(&midtrans_types::JAKARTA)
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// The body as it is hashed and sent: minified.
pub(crate) use midtrans_types::snap_bi::minify;

fn header(
    name: &'static str,
    value: &str,
    sensitive: bool,
) -> Result<(HeaderName, HeaderValue), Error> {
    let mut value = HeaderValue::try_from(value)
        .map_err(|_| Error::InvalidInput(format!("invalid {name} header")))?;
    value.set_sensitive(sensitive);
    Ok((HeaderName::from_static(name), value))
}

/// Signs one attempt of a SNAP-BI call: the body minified (the bytes sent are the bytes
/// signed), `X-TIMESTAMP`, and either the token call's `X-CLIENT-KEY` + RSA signature or the
/// access token, partner and channel ids and HMAC signature. Returns the access token used, so
/// that a refusal of it can replace it.
pub(crate) async fn sign(
    client: &Client,
    keys: &Arc<Keys>,
    endpoint: &Endpoint,
    request: &mut crate::transport::HttpRequest,
) -> Result<Option<Arc<str>>, Error> {
    let time = timestamp();
    let body = minify(request.body());
    let mut signed = vec![header("x-timestamp", &time, false)?];
    let token = match endpoint.auth {
        Auth::SnapBiToken => {
            signed.push(header("x-client-key", &keys.client_id, false)?);
            signed.push(header("x-signature", &keys.token_signature(&time)?, true)?);
            None
        }
        _ => {
            let token = access_token(client, keys).await?;
            let signature =
                keys.call_signature(&endpoint.method, &endpoint.path, &token, &body, &time);
            signed.push(header("authorization", &format!("Bearer {token}"), true)?);
            signed.push(header("x-partner-id", &keys.partner_id, false)?);
            signed.push(header("channel-id", &keys.channel_id, false)?);
            signed.push(header("x-signature", &signature, true)?);
            Some(token)
        }
    };
    let headers = request.headers_mut();
    // A device id is part of every SNAP-BI call (empty unless the call gives one).
    if !headers.contains_key("x-device-id") {
        headers.insert("x-device-id", HeaderValue::from_static(""));
    }
    headers.remove(AUTHORIZATION);
    for (name, value) in signed {
        headers.insert(name, value);
    }
    *request.body_mut() = body;
    Ok(token)
}

/// The cached access token, or a new one: one caller fetches while the others wait for it.
async fn access_token(client: &Client, keys: &Keys) -> Result<Arc<str>, Error> {
    let mut cached = keys.tokens.lock().await;
    if let Some(token) = cached.as_ref().filter(|t| Instant::now() < t.replace_at) {
        return Ok(Arc::clone(&token.value));
    }
    let requested = Instant::now();
    let answer = Box::pin(client.snap_bi().access_token().send())
        .await
        .map_err(|error| Error::AccessToken(Box::new(error)))?;
    let value: Arc<str> = match answer.access_token.as_deref() {
        Some(token) if !token.is_empty() => Arc::from(token),
        _ => {
            return Err(Error::AccessToken(Box::new(Error::InvalidInput(
                "the access-token answer has no accessToken".to_owned(),
            ))))
        }
    };
    let lifetime = Duration::from_secs(answer.expires_in.unwrap_or(0));
    let margin = REFRESH_MARGIN.min(lifetime / 10);
    *cached = Some(Token {
        value: Arc::clone(&value),
        replace_at: requested + lifetime.saturating_sub(margin),
    });
    Ok(value)
}

/// Forgets `token` if it is still the cached one (Midtrans refused it), so the next call
/// fetches another.
pub(crate) async fn forget_token(keys: &Keys, token: &str) {
    let mut cached = keys.tokens.lock().await;
    if cached.as_ref().is_some_and(|t| &*t.value == token) {
        *cached = None;
    }
}

/// Verifies SNAP-BI notifications with Midtrans's public key alone, without a client: for a
/// webhook receiver that makes no calls, or a command line that checks a delivery
/// (`midtrans verify`). A client with SNAP-BI credentials does the same through
/// [`SnapBi::verify_notification`](crate::SnapBi::verify_notification).
///
/// ```no_run
/// # fn run(midtrans_public_key_pem: &str) -> Result<(), midtrans::ConfigError> {
/// use midtrans::snap_bi::NotificationVerifier;
/// let verifier = NotificationVerifier::new(midtrans_public_key_pem)?;
/// let forged = verifier.check_signature("/v1.0/debit/notify", "2026-12-01T10:00:00+07:00", "AAAA", b"{}");
/// assert!(forged.is_err());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct NotificationVerifier {
    key: Vec<u8>,
    max_age: Option<Duration>,
}

impl fmt::Debug for NotificationVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NotificationVerifier")
            .field("max_age", &self.max_age)
            .finish_non_exhaustive()
    }
}

impl NotificationVerifier {
    /// A verifier for Midtrans's public key (PEM `PUBLIC KEY`, as Midtrans's dashboard gives
    /// it).
    ///
    /// ```
    /// let refused = midtrans::snap_bi::NotificationVerifier::new("not a PEM key");
    /// assert!(matches!(refused, Err(midtrans::ConfigError::InvalidSnapBiKey(_))));
    /// ```
    ///
    /// # Errors
    /// [`ConfigError::InvalidSnapBiKey`] when it is not an RSA public key in PEM.
    pub fn new(midtrans_public_key_pem: &str) -> Result<Self, ConfigError> {
        Ok(NotificationVerifier {
            key: rsa_public_key(midtrans_public_key_pem)?,
            max_age: None,
        })
    }

    /// Refuses notifications whose `X-TIMESTAMP` is further than `age` from this machine's
    /// clock (off by default, as for [`SnapBiCredentials::notification_max_age`]).
    ///
    /// ```no_run
    /// # fn run(pem: &str) -> Result<(), midtrans::ConfigError> {
    /// let verifier = midtrans::snap_bi::NotificationVerifier::new(pem)?
    ///     .max_age(std::time::Duration::from_secs(300));
    /// # let _ = verifier;
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn max_age(mut self, age: Duration) -> Self {
        self.max_age = Some(age);
        self
    }

    /// Checks `X-SIGNATURE` (base64): SHA256withRSA by Midtrans's key over
    /// `POST:path:hex(sha256(body)):timestamp`, the body as received.
    ///
    /// ```no_run
    /// # fn run(pem: &str) -> Result<(), midtrans::ConfigError> {
    /// let verifier = midtrans::snap_bi::NotificationVerifier::new(pem)?;
    /// let result = verifier.check_signature("/v1.0/debit/notify", "2026-12-01T10:00:00+07:00", "not base64!", b"{}");
    /// assert_eq!(result, Err(midtrans::SignatureError::Malformed));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`SignatureError::Stale`](crate::SignatureError::Stale) or
    /// [`BadTimestamp`](crate::SignatureError::BadTimestamp) under
    /// [`NotificationVerifier::max_age`]; [`Malformed`](crate::SignatureError::Malformed) for
    /// a signature that is not base64; [`Mismatch`](crate::SignatureError::Mismatch) when it
    /// does not verify.
    pub fn check_signature(
        &self,
        path: &str,
        timestamp: &str,
        signature_b64: &str,
        body: &[u8],
    ) -> Result<(), crate::SignatureError> {
        use crate::SignatureError as E;
        if let Some(max_age) = self.max_age {
            let at = chrono::DateTime::parse_from_rfc3339(timestamp)
                .map_err(|_| E::BadTimestamp)?
                .timestamp();
            let now = std::time::SystemTime::now()
                .duration_since(std::time::SystemTime::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
            let age = now.abs_diff(at);
            if age > max_age.as_secs() {
                return Err(E::Stale);
            }
        }
        let signature = base64::engine::general_purpose::STANDARD
            .decode(signature_b64.trim())
            .map_err(|_| E::Malformed)?;
        let message = string_to_sign("POST", path, None, body, timestamp);
        signature::UnparsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, &self.key)
            .verify(message.as_bytes(), &signature)
            .map_err(|_| E::Mismatch)
    }

    /// Verifies a notification posted to `path` with `headers` and `body` (the raw bytes),
    /// then decodes the body as `T`.
    ///
    /// ```no_run
    /// # fn run(pem: &str, headers: http::HeaderMap, body: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
    /// use midtrans::types::snap_bi::PaymentNotification;
    /// let verifier = midtrans::snap_bi::NotificationVerifier::new(pem)?;
    /// let paid = verifier.verify::<PaymentNotification>("/v1.0/debit/notify", &headers, body)?;
    /// println!("{:?}", paid.outcome());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Signature`] for a missing header or a signature that does not verify (see
    /// [`NotificationVerifier::check_signature`]); [`Error::Notification`] for a body too
    /// large or not of type `T`. No call is made.
    pub fn verify<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<SnapBiNotification<T>, Error> {
        verified(self, path, headers, body, |e| e.to_string())
    }
}

/// A SNAP-BI notification whose `X-SIGNATURE` verified with Midtrans's public key, and its
/// typed body (`T`: [`PaymentNotification`](midtrans_types::snap_bi::PaymentNotification) for
/// direct debit and QRIS, [`VaNotification`](midtrans_types::snap_bi::VaNotification) for
/// virtual accounts). Dereferences to the body.
///
/// Returned by [`SnapBi::verify_notification`](crate::SnapBi::verify_notification), and an
/// axum extractor with the `axum` feature.
#[derive(Clone, Debug, PartialEq)]
pub struct SnapBiNotification<T> {
    body: T,
    timestamp: String,
    external_id: Option<String>,
}

impl<T> SnapBiNotification<T> {
    /// The typed body.
    ///
    /// ```no_run
    /// # fn run(client: midtrans::Client, headers: http::HeaderMap, body: &[u8]) -> Result<(), midtrans::Error> {
    /// use midtrans::types::snap_bi::VaNotification;
    /// let verified = client.snap_bi().verify_notification::<VaNotification>("/v1.0/transfer-va/payment", &headers, body)?;
    /// let paid: VaNotification = verified.into_inner();
    /// # let _ = paid; Ok(()) }
    /// ```
    pub fn into_inner(self) -> T {
        self.body
    }

    /// The `X-TIMESTAMP` Midtrans signed.
    ///
    /// ```no_run
    /// # fn run(client: midtrans::Client, headers: http::HeaderMap, body: &[u8]) -> Result<(), midtrans::Error> {
    /// use midtrans::types::snap_bi::PaymentNotification;
    /// let verified = client.snap_bi().verify_notification::<PaymentNotification>("/v1.0/debit/notify", &headers, body)?;
    /// println!("signed at {}", verified.timestamp());
    /// # Ok(()) }
    /// ```
    pub fn timestamp(&self) -> &str {
        &self.timestamp
    }

    /// The delivery's `X-EXTERNAL-ID`, if sent: deduplicate deliveries with it.
    ///
    /// ```no_run
    /// # fn run(client: midtrans::Client, headers: http::HeaderMap, body: &[u8]) -> Result<(), midtrans::Error> {
    /// use midtrans::types::snap_bi::PaymentNotification;
    /// let verified = client.snap_bi().verify_notification::<PaymentNotification>("/v1.0/debit/notify", &headers, body)?;
    /// if let Some(id) = verified.external_id() {
    ///     println!("delivery {id}");
    /// }
    /// # Ok(()) }
    /// ```
    pub fn external_id(&self) -> Option<&str> {
        self.external_id.as_deref()
    }
}

impl<T> core::ops::Deref for SnapBiNotification<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

/// Verifies a notification posted to `path` with `headers` and `body` (the raw bytes
/// received), then decodes the body.
pub(crate) fn verify<T: serde::de::DeserializeOwned>(
    client: &Client,
    path: &str,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<SnapBiNotification<T>, Error> {
    let state = client.state();
    let keys = state
        .snap_bi
        .as_ref()
        .ok_or(Error::Config(ConfigError::MissingSnapBi))?;
    let verifier = keys
        .verifier
        .as_ref()
        .ok_or(Error::Signature(crate::SignatureError::NoPublicKey))?;
    verified(verifier, path, headers, body, |e| state.scrubber.text(e))
}

/// The checks of [`NotificationVerifier::verify`]; `scrub` cleans a decoding error's text.
fn verified<T: serde::de::DeserializeOwned>(
    verifier: &NotificationVerifier,
    path: &str,
    headers: &http::HeaderMap,
    body: &[u8],
    scrub: impl Fn(&str) -> String,
) -> Result<SnapBiNotification<T>, Error> {
    use crate::{NotificationError, SignatureError};
    if body.len() > crate::notification::MAX_NOTIFICATION_BYTES {
        return Err(Error::Notification(NotificationError::TooLarge {
            len: body.len(),
        }));
    }
    let text = |name: &'static str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .ok_or(Error::Signature(SignatureError::MissingHeader(name)))
    };
    let timestamp = text("x-timestamp")?;
    let signature = text("x-signature")?;
    verifier
        .check_signature(path, timestamp, signature, body)
        .map_err(Error::Signature)?;
    let body = serde_json::from_slice(body)
        .map_err(|e| Error::Notification(NotificationError::Malformed(scrub(&e.to_string()))))?;
    Ok(SnapBiNotification {
        body,
        timestamp: timestamp.to_owned(),
        external_id: headers
            .get("x-external-id")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned),
    })
}
