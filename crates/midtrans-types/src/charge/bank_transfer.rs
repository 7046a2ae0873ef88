use serde::{Deserialize, Serialize};

use crate::validate::{self, BuildError, BuildErrorKind};
use crate::Bank;

/// The `bank_transfer` object: a virtual account at one bank, with only that bank's options.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/bank-transfer-object). These are the
/// banks the legacy charge documents. BSI, Danamon and SeaBank virtual accounts are offered
/// through Snap (`EnabledPayment::BsiVa`, `DanamonVa`, `SeabankVa`, each with its
/// `va_number` option on [`SnapRequest`](crate::SnapRequest)) and through SNAP-BI's
/// virtual-account API ([`snap_bi::VaCreateRequest`](crate::snap_bi::VaCreateRequest)); their
/// payments are notified with `va_numbers[].bank` `bsi`, `danamon` or `seabank`
/// ([`Bank`](crate::Bank) reads them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "BankTransferWire", into = "BankTransferWire")]
#[non_exhaustive]
pub enum BankTransfer {
    /// BCA virtual account.
    Bca(BcaVa),
    /// BNI virtual account (custom number: up to 8 digits).
    Bni(VaOptions),
    /// BRI virtual account (custom number: up to 13 digits).
    Bri(VaOptions),
    /// CIMB virtual account (custom number: up to 12 digits).
    Cimb(VaOptions),
    /// Permata virtual account.
    Permata(PermataVa),
}

impl BankTransfer {
    /// A BCA virtual account with a Midtrans-assigned number.
    pub fn bca() -> Self {
        BankTransfer::Bca(BcaVa::default())
    }

    /// A BNI virtual account with a Midtrans-assigned number.
    pub fn bni() -> Self {
        BankTransfer::Bni(VaOptions::default())
    }

    /// A BRI virtual account with a Midtrans-assigned number.
    pub fn bri() -> Self {
        BankTransfer::Bri(VaOptions::default())
    }

    /// A CIMB virtual account with a Midtrans-assigned number.
    pub fn cimb() -> Self {
        BankTransfer::Cimb(VaOptions::default())
    }

    /// A Permata virtual account with a Midtrans-assigned number.
    pub fn permata() -> Self {
        BankTransfer::Permata(PermataVa::default())
    }

    /// The bank.
    pub fn bank(&self) -> Bank {
        match self {
            BankTransfer::Bca(_) => Bank::Bca,
            BankTransfer::Bni(_) => Bank::Bni,
            BankTransfer::Bri(_) => Bank::Bri,
            BankTransfer::Cimb(_) => Bank::Cimb,
            BankTransfer::Permata(_) => Bank::Permata,
        }
    }

    pub(crate) fn validate(&self) -> Result<(), BuildError> {
        let (number, max) = match self {
            BankTransfer::Bca(bca) => {
                if let Some(free_text) = &bca.free_text {
                    free_text.validate("bank_transfer.free_text")?;
                }
                (&bca.va_number, 11)
            }
            BankTransfer::Bni(va) => (&va.va_number, 8),
            BankTransfer::Bri(va) => (&va.va_number, 13),
            BankTransfer::Cimb(va) => (&va.va_number, 12),
            BankTransfer::Permata(permata) => {
                if let Some(name) = &permata.recipient_name {
                    validate::max_len("bank_transfer.permata.recipient_name", name, 20)?;
                }
                if let Some(number) = &permata.va_number {
                    validate::digits("bank_transfer.va_number", number, 10)?;
                    if number.len() != 10 {
                        return Err(BuildError::new(
                            "bank_transfer.va_number",
                            BuildErrorKind::Invalid {
                                expected: "exactly 10 digits for a Permata virtual account",
                            },
                        ));
                    }
                }
                return Ok(());
            }
        };
        match number {
            Some(number) => validate::digits("bank_transfer.va_number", number, max),
            None => Ok(()),
        }
    }
}

/// A custom virtual account number for BNI, BRI or CIMB.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct VaOptions {
    /// Digits of the custom virtual account number; Midtrans assigns one when absent.
    pub va_number: Option<String>,
}

impl VaOptions {
    /// A custom virtual account number.
    pub fn new(va_number: impl Into<String>) -> Self {
        VaOptions {
            va_number: Some(va_number.into()),
        }
    }
}

/// BCA virtual account options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct BcaVa {
    /// Custom virtual account number, up to 11 digits.
    pub va_number: Option<String>,
    /// Texts shown in BCA's channels on inquiry and payment.
    pub free_text: Option<FreeText>,
    /// BCA sub-company code (default `00000`).
    pub sub_company_code: Option<String>,
}

impl BcaVa {
    /// BCA options with nothing set.
    pub fn new() -> Self {
        Self::default()
    }
}

setters!(BcaVa {
    va_number: String,
    free_text: FreeText,
    sub_company_code: String,
});

impl From<BcaVa> for BankTransfer {
    fn from(bca: BcaVa) -> Self {
        BankTransfer::Bca(bca)
    }
}

/// Permata virtual account options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PermataVa {
    /// Custom virtual account number: exactly 10 digits (B2B merchants only).
    pub va_number: Option<String>,
    /// Name shown to the payer, up to 20 characters (Midtrans upper-cases it).
    pub recipient_name: Option<String>,
}

impl PermataVa {
    /// Permata options with nothing set.
    pub fn new() -> Self {
        Self::default()
    }
}

setters!(PermataVa {
    va_number: String,
    recipient_name: String,
});

impl From<PermataVa> for BankTransfer {
    fn from(permata: PermataVa) -> Self {
        BankTransfer::Permata(permata)
    }
}

/// BCA `free_text`: up to 10 lines each for inquiry and payment, in Indonesian and English.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FreeText {
    /// Lines shown on inquiry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inquiry: Vec<FreeTextLine>,
    /// Lines shown on payment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payment: Vec<FreeTextLine>,
}

impl FreeText {
    /// No lines yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an inquiry line.
    #[must_use]
    pub fn inquiry(mut self, line: FreeTextLine) -> Self {
        self.inquiry.push(line);
        self
    }

    /// Adds a payment line.
    #[must_use]
    pub fn payment(mut self, line: FreeTextLine) -> Self {
        self.payment.push(line);
        self
    }

    pub(crate) fn validate(&self, field: &str) -> Result<(), BuildError> {
        for (name, lines) in [("inquiry", &self.inquiry), ("payment", &self.payment)] {
            let len = lines.len();
            if len > 10 {
                return Err(BuildError::new(
                    format!("{field}.{name}"),
                    BuildErrorKind::TooLong { len, max: 10 },
                ));
            }
            for (index, line) in lines.iter().enumerate() {
                validate::max_len_at(|| format!("{field}.{name}[{index}].id"), &line.id, 50)?;
                validate::max_len_at(|| format!("{field}.{name}[{index}].en"), &line.en, 50)?;
            }
        }
        Ok(())
    }
}

/// One BCA free-text line, in Indonesian (`id`) and English (`en`), each up to 50 characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FreeTextLine {
    /// Indonesian text.
    pub id: String,
    /// English text.
    pub en: String,
}

impl FreeTextLine {
    /// A line in both languages.
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        FreeTextLine {
            id: id.into(),
            en: en.into(),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct BankTransferWire {
    bank: Bank,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    va_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    free_text: Option<FreeText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bca: Option<BcaWire>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    permata: Option<PermataWire>,
}

#[derive(Serialize, Deserialize)]
struct BcaWire {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sub_company_code: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct PermataWire {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    recipient_name: Option<String>,
}

impl From<BankTransfer> for BankTransferWire {
    fn from(transfer: BankTransfer) -> Self {
        let bank = transfer.bank();
        let mut wire = BankTransferWire {
            bank,
            va_number: None,
            free_text: None,
            bca: None,
            permata: None,
        };
        match transfer {
            BankTransfer::Bca(bca) => {
                wire.va_number = bca.va_number;
                wire.free_text = bca.free_text;
                wire.bca = bca.sub_company_code.map(|code| BcaWire {
                    sub_company_code: Some(code),
                });
            }
            BankTransfer::Bni(va) | BankTransfer::Bri(va) | BankTransfer::Cimb(va) => {
                wire.va_number = va.va_number;
            }
            BankTransfer::Permata(permata) => {
                wire.va_number = permata.va_number;
                wire.permata = permata.recipient_name.map(|name| PermataWire {
                    recipient_name: Some(name),
                });
            }
        }
        wire
    }
}

impl TryFrom<BankTransferWire> for BankTransfer {
    type Error = String;

    fn try_from(wire: BankTransferWire) -> Result<Self, String> {
        let bank = wire.bank.clone();
        let only_bca = |what: &str| format!("bank_transfer.{what} is only for BCA, not {bank}");
        if !matches!(bank, Bank::Bca) {
            if wire.free_text.is_some() {
                return Err(only_bca("free_text"));
            }
            if wire.bca.is_some() {
                return Err(only_bca("bca"));
            }
        }
        if !matches!(bank, Bank::Permata) && wire.permata.is_some() {
            return Err(format!(
                "bank_transfer.permata is only for Permata, not {bank}"
            ));
        }
        let va = VaOptions {
            va_number: wire.va_number.clone(),
        };
        Ok(match bank {
            Bank::Bca => BankTransfer::Bca(BcaVa {
                va_number: wire.va_number,
                free_text: wire.free_text,
                sub_company_code: wire.bca.and_then(|bca| bca.sub_company_code),
            }),
            Bank::Bni => BankTransfer::Bni(va),
            Bank::Bri => BankTransfer::Bri(va),
            Bank::Cimb => BankTransfer::Cimb(va),
            Bank::Permata => BankTransfer::Permata(PermataVa {
                va_number: wire.va_number,
                recipient_name: wire.permata.and_then(|p| p.recipient_name),
            }),
            other => return Err(format!("bank_transfer is not offered for bank {other}")),
        })
    }
}
