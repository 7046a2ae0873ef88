//! Virtual accounts: create (`/v1.0/transfer-va/create-va`, service 27), status
//! (`/v1.0/transfer-va/status`, 26) and delete (`/v1.0/transfer-va/delete-va`, 31).
//! [Midtrans docs](https://docs.midtrans.com/reference/virtual-account-api-bank-transfer)

use serde::{Deserialize, Serialize};

use super::{
    optional, reference, required, validate_items, CustomerDetails, Extra, Item, Money,
    ResponseCode, Status,
};
use crate::validate::{self, BuildError, BuildErrorKind};

/// `partnerServiceId` as Midtrans wants it: the bank's prefix left-padded with spaces to
/// eight characters (`"1234"` → `"    1234"`). A longer value is kept as it is (and refused by
/// `validate`).
///
/// ```
/// assert_eq!(midtrans_types::snap_bi::va::partner_service_id("70012"), "   70012");
/// ```
pub fn partner_service_id(prefix: &str) -> String {
    format!("{prefix:>8}")
}

/// `additionalInfo` of a virtual account: the bank and merchant, and the bank-specific parts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct VaAdditionalInfo {
    /// The merchant id (≤ 10).
    pub merchant_id: String,
    /// `permata`, `bca`, `mandiri`, `cimb`, `bni`, `bri`, `danamon`, `bsi`, `seabank`, `saqu`.
    pub bank: String,
    /// BCA sub-company code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_company_code: Option<String>,
    /// Texts shown on the bank's inquiry and payment screens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_text: Option<serde_json::Value>,
    /// Mandiri bill information (`billInfo1` … `billInfo8`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mandiri: Option<Extra>,
    /// Custom fields `"1"`, `"2"`, `"3"`, echoed in notifications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_field: Option<Extra>,
    /// `{"shouldRandomizeVaNumber": true}` lets Midtrans choose the number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<Extra>,
    /// The customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_details: Option<CustomerDetails>,
    /// The items (required for Mandiri).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<Item>>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /v1.0/transfer-va/create-va`: a virtual account the customer pays into.
/// `virtualAccountNo` is `partnerServiceId` (eight characters, space-padded) followed by
/// `customerNo`; `trxId` must equal the call's `X-EXTERNAL-ID`.
///
/// ```
/// use midtrans_types::snap_bi::{Money, VaCreateRequest};
/// use midtrans_types::Idr;
///
/// let request = VaCreateRequest::new("1234", "564902", "trx-101", Money::idr(Idr::new(15_000)))
///     .virtual_account_name("Budi")
///     .bank("M001234", "bca")
///     .random_number(true);
/// request.validate()?;
/// let json = serde_json::to_value(&request)?;
/// assert_eq!(json["partnerServiceId"], "    1234");
/// assert_eq!(json["virtualAccountNo"], "    1234564902");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct VaCreateRequest {
    /// The bank's prefix, left-padded with spaces to eight characters.
    pub partner_service_id: String,
    /// The customer number (≤ 20 digits).
    pub customer_no: String,
    /// `partnerServiceId` + `customerNo` (≤ 28).
    pub virtual_account_no: String,
    /// The name shown to the payer (≤ 255).
    pub virtual_account_name: String,
    /// E-mail (≤ 255).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virtual_account_email: Option<String>,
    /// Phone (≤ 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virtual_account_phone: Option<String>,
    /// The merchant's id of this account (≤ 36 of `A-Za-z0-9-_~.`); equals `X-EXTERNAL-ID`.
    pub trx_id: String,
    /// The amount to pay.
    pub total_amount: Money,
    /// When the account expires (ISO-8601; default 24 h).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expired_date: Option<String>,
    /// Bank, merchant and bank-specific details.
    pub additional_info: VaAdditionalInfo,
}

impl VaCreateRequest {
    /// An account under `prefix` (the bank's partner service id, padded here) for
    /// `customer_no`, identified by `trx_id`, for `amount`. Set the bank with [`Self::bank`].
    pub fn new(
        prefix: &str,
        customer_no: impl Into<String>,
        trx_id: impl Into<String>,
        amount: impl Into<Money>,
    ) -> Self {
        let partner_service_id = partner_service_id(prefix);
        let customer_no = customer_no.into();
        VaCreateRequest {
            virtual_account_no: format!("{partner_service_id}{customer_no}"),
            partner_service_id,
            customer_no,
            virtual_account_name: String::new(),
            virtual_account_email: None,
            virtual_account_phone: None,
            trx_id: trx_id.into(),
            total_amount: amount.into(),
            expired_date: None,
            additional_info: VaAdditionalInfo {
                merchant_id: String::new(),
                bank: String::new(),
                sub_company_code: None,
                free_text: None,
                mandiri: None,
                custom_field: None,
                flags: None,
                customer_details: None,
                items: None,
                extra: Extra::new(),
            },
        }
    }

    /// Sets the merchant id and the bank (`bca`, `bni`, `bri`, `permata`, `mandiri`, `cimb`,
    /// `danamon`, `bsi`, `seabank`, `saqu`).
    #[must_use]
    pub fn bank(mut self, merchant_id: impl Into<String>, bank: impl Into<String>) -> Self {
        self.additional_info.merchant_id = merchant_id.into();
        self.additional_info.bank = bank.into();
        self
    }

    /// Sets the name shown to the payer.
    #[must_use]
    pub fn virtual_account_name(mut self, name: impl Into<String>) -> Self {
        self.virtual_account_name = name.into();
        self
    }

    /// Lets Midtrans pick a random account number (`flags.shouldRandomizeVaNumber`).
    #[must_use]
    pub fn random_number(mut self, random: bool) -> Self {
        self.additional_info
            .flags
            .get_or_insert_with(Extra::new)
            .insert("shouldRandomizeVaNumber".to_owned(), random.into());
        self
    }

    /// Sets the customer.
    #[must_use]
    pub fn customer_details(mut self, customer: CustomerDetails) -> Self {
        self.additional_info.customer_details = Some(customer);
        self
    }

    /// Sets the items.
    #[must_use]
    pub fn items(mut self, items: impl IntoIterator<Item = Item>) -> Self {
        self.additional_info.items = Some(items.into_iter().collect());
        self
    }

    /// Checks the documented rules: the eight-character service id, a customer number of at
    /// most 20 digits, an account number made of the two, the name, `trxId`, a positive
    /// two-decimal amount, and the bank and merchant.
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        account(
            "",
            &self.partner_service_id,
            &self.customer_no,
            &self.virtual_account_no,
        )?;
        required("virtualAccountName", &self.virtual_account_name, 255)?;
        optional(
            "virtualAccountEmail",
            self.virtual_account_email.as_ref(),
            255,
        )?;
        optional(
            "virtualAccountPhone",
            self.virtual_account_phone.as_ref(),
            30,
        )?;
        reference("trxId", &self.trx_id, 36)?;
        self.total_amount.validate("totalAmount")?;
        let info = &self.additional_info;
        required("additionalInfo.merchantId", &info.merchant_id, 10)?;
        required("additionalInfo.bank", &info.bank, 32)?;
        if let Some(customer) = &info.customer_details {
            customer.validate("additionalInfo.customerDetails")?;
        }
        validate_items("additionalInfo.items", info.items.as_deref())
    }
}

setters!(VaCreateRequest {
    virtual_account_email: String,
    virtual_account_phone: String,
    expired_date: String,
});

/// Checks `partnerServiceId` (eight characters, digits after the padding), `customerNo` (up
/// to 20 digits) and `virtualAccountNo` (the two joined).
fn account(
    prefix: &str,
    service_id: &str,
    customer_no: &str,
    account_no: &str,
) -> Result<(), BuildError> {
    let field = |name: &str| format!("{prefix}{name}");
    let digits = service_id.trim_start_matches(' ');
    if service_id.chars().count() != 8 || digits.is_empty() {
        return Err(BuildError::new(
            field("partnerServiceId"),
            BuildErrorKind::Invalid {
                expected: "eight characters: the bank's prefix left-padded with spaces",
            },
        ));
    }
    validate::digits(&field("partnerServiceId"), digits, 8)?;
    validate::digits(&field("customerNo"), customer_no, 20)?;
    let joined = account_no
        .strip_prefix(service_id)
        .is_some_and(|rest| rest == customer_no);
    if !joined {
        return Err(BuildError::new(
            field("virtualAccountNo"),
            BuildErrorKind::Invalid {
                expected: "partnerServiceId followed by customerNo",
            },
        ));
    }
    validate::max_len(&field("virtualAccountNo"), account_no, 28)
}

/// The merchant id inside a VA status or delete request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MerchantInfo {
    /// The merchant id (≤ 10).
    pub merchant_id: String,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /v1.0/transfer-va/status`: whether a virtual account was paid.
///
/// ```
/// use midtrans_types::snap_bi::VaStatusRequest;
/// let request = VaStatusRequest::new("    1234", "356899", "trx-101", "M001234");
/// assert_eq!(serde_json::to_value(&request)?["inquiryRequestId"], "trx-101");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct VaStatusRequest {
    /// As created (space-padded).
    pub partner_service_id: String,
    /// As created.
    pub customer_no: String,
    /// As created.
    pub virtual_account_no: String,
    /// The account's `trxId`.
    pub inquiry_request_id: String,
    /// The merchant.
    pub additional_info: MerchantInfo,
}

impl VaStatusRequest {
    /// The account `partner_service_id` + `customer_no` created as `trx_id`.
    pub fn new(
        partner_service_id: impl Into<String>,
        customer_no: impl Into<String>,
        trx_id: impl Into<String>,
        merchant_id: impl Into<String>,
    ) -> Self {
        let (service_id, customer_no) = (partner_service_id.into(), customer_no.into());
        VaStatusRequest {
            virtual_account_no: format!("{service_id}{customer_no}"),
            partner_service_id: service_id,
            customer_no,
            inquiry_request_id: trx_id.into(),
            additional_info: MerchantInfo {
                merchant_id: merchant_id.into(),
                extra: Extra::new(),
            },
        }
    }

    /// The account a create answer describes.
    pub fn of(data: &VirtualAccountData, merchant_id: impl Into<String>) -> Self {
        VaStatusRequest {
            partner_service_id: data.partner_service_id.clone().unwrap_or_default(),
            customer_no: data.customer_no.clone().unwrap_or_default(),
            virtual_account_no: data.virtual_account_no.clone().unwrap_or_default(),
            inquiry_request_id: data.trx_id.clone().unwrap_or_default(),
            additional_info: MerchantInfo {
                merchant_id: merchant_id.into(),
                extra: Extra::new(),
            },
        }
    }

    /// Checks that the account is named.
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        account(
            "",
            &self.partner_service_id,
            &self.customer_no,
            &self.virtual_account_no,
        )?;
        required("inquiryRequestId", &self.inquiry_request_id, 128)?;
        required(
            "additionalInfo.merchantId",
            &self.additional_info.merchant_id,
            10,
        )
    }
}

/// `POST /v1.0/transfer-va/delete-va`: closes an unpaid virtual account.
///
/// ```
/// use midtrans_types::snap_bi::VaDeleteRequest;
/// let request = VaDeleteRequest::new("    1234", "564902", "trx-101", "M001234");
/// request.validate()?;
/// # Ok::<(), midtrans_types::BuildError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct VaDeleteRequest {
    /// As created (space-padded).
    pub partner_service_id: String,
    /// As created.
    pub customer_no: String,
    /// As created.
    pub virtual_account_no: String,
    /// The account's `trxId`.
    pub trx_id: String,
    /// The merchant.
    pub additional_info: MerchantInfo,
}

impl VaDeleteRequest {
    /// The account `partner_service_id` + `customer_no` created as `trx_id`.
    pub fn new(
        partner_service_id: impl Into<String>,
        customer_no: impl Into<String>,
        trx_id: impl Into<String>,
        merchant_id: impl Into<String>,
    ) -> Self {
        let status = VaStatusRequest::new(partner_service_id, customer_no, trx_id, merchant_id);
        VaDeleteRequest {
            partner_service_id: status.partner_service_id,
            customer_no: status.customer_no,
            virtual_account_no: status.virtual_account_no,
            trx_id: status.inquiry_request_id,
            additional_info: status.additional_info,
        }
    }

    /// Checks that the account is named.
    ///
    /// # Errors
    /// A [`BuildError`] naming the field.
    pub fn validate(&self) -> Result<(), BuildError> {
        account(
            "",
            &self.partner_service_id,
            &self.customer_no,
            &self.virtual_account_no,
        )?;
        required("trxId", &self.trx_id, 64)?;
        required(
            "additionalInfo.merchantId",
            &self.additional_info.merchant_id,
            10,
        )
    }
}

/// A virtual account as Midtrans describes it in answers (`virtualAccountData`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct VirtualAccountData {
    /// Space-padded bank prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_service_id: Option<String>,
    /// Customer number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_no: Option<String>,
    /// The number the customer pays into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virtual_account_no: Option<String>,
    /// Name shown to the payer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virtual_account_name: Option<String>,
    /// E-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virtual_account_email: Option<String>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virtual_account_phone: Option<String>,
    /// The merchant's id of the account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trx_id: Option<String>,
    /// The amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_amount: Option<Money>,
    /// When it expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expired_date: Option<String>,
    /// Status answers: whether it was paid (`00` paid, `03` pending, `05` cancelled, `08`
    /// expired).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_flag_status: Option<Status>,
    /// Status answers: the status in words (`{"english": "settlement"}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_flag_reason: Option<Extra>,
    /// Status answers: the inquiry id (the create `trxId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inquiry_request_id: Option<String>,
    /// Status answers: Midtrans's payment id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_request_id: Option<String>,
    /// Status answers: when the transaction started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trx_date_time: Option<String>,
    /// Status answers: when it was paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_date: Option<String>,
    /// Extra information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<Extra>,
    /// Fields this crate does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

macro_rules! va_response {
    ($(#[$meta:meta])* $name:ident, $code:literal) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        #[non_exhaustive]
        pub struct $name {
            #[doc = concat!("`", $code, "` on success.")]
            pub response_code: ResponseCode,
            /// Human-readable message.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub response_message: Option<String>,
            /// The account.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub virtual_account_data: Option<VirtualAccountData>,
            /// Extra information.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub additional_info: Option<Extra>,
            /// Fields this crate does not model.
            #[serde(flatten)]
            pub extra: Extra,
        }
    };
}

va_response!(
    /// The answer to a VA create: the account to show the customer.
    VaCreateResponse,
    "2002700"
);
va_response!(
    /// The answer to a VA status request.
    VaStatusResponse,
    "2002600"
);
va_response!(
    /// The answer to a VA delete.
    VaDeleteResponse,
    "2003100"
);

impl VaStatusResponse {
    /// What the merchant does with the account's payment; `Unknown` without a status.
    pub fn outcome(&self) -> crate::PaymentOutcome {
        self.virtual_account_data
            .as_ref()
            .and_then(|data| data.payment_flag_status.as_ref())
            .map_or(crate::PaymentOutcome::Unknown, Status::outcome)
    }
}
