//! Midtrans's sandbox test cards ([Midtrans docs](https://docs.midtrans.com/docs/testing-payment-on-sandbox)) and what each one does.

use serde_json::{json, Value};

use crate::ids::Rng;
use crate::sim::Reply;

/// What a card payment turns into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Accepted.
    Accept,
    /// Accepted but flagged by fraud detection (`challenge`).
    Challenge,
    /// Refused by fraud detection.
    FraudDeny,
    /// Refused by the bank.
    BankDeny,
    /// Refused as a card the network does not know (Google Pay's sandbox, for any amount but
    /// its four test amounts).
    UnknownCard,
}

/// A card as the simulator sees it.
#[derive(Clone, Debug)]
pub(crate) struct Card {
    pub(crate) number: String,
    pub(crate) masked: String,
    pub(crate) three_ds: bool,
    pub(crate) outcome: Outcome,
}

impl Card {
    pub(crate) fn bin8(&self) -> &str {
        self.number.get(..8).unwrap_or("48111111")
    }

    pub(crate) fn last4(&self) -> &str {
        self.number
            .get(self.number.len().saturating_sub(4)..)
            .unwrap_or("1114")
    }
}

/// (number, 3-D Secure, outcome) of the documented sandbox cards.
const CARDS: &[(&str, bool, Outcome)] = &[
    ("4811111111111114", true, Outcome::Accept),
    ("4911111111111113", true, Outcome::BankDeny),
    ("4411111111111118", false, Outcome::Accept),
    ("4611111111111116", false, Outcome::FraudDeny),
    ("4711111111111115", false, Outcome::BankDeny),
    ("5211111111111117", true, Outcome::Accept),
    ("5111111111111118", true, Outcome::BankDeny),
    ("5410111111111116", false, Outcome::Accept),
    ("5411111111111115", false, Outcome::FraudDeny),
    ("5511111111111114", false, Outcome::BankDeny),
    ("5510111111111115", false, Outcome::Challenge),
    ("4105058689481467", false, Outcome::Accept),
    ("5264221038874659", false, Outcome::Accept),
];

/// The card with this number; unknown numbers are accepted without 3-D Secure.
pub(crate) fn by_number(number: &str) -> Card {
    let (three_ds, outcome) = CARDS
        .iter()
        .find(|(n, _, _)| *n == number)
        .map_or((false, Outcome::Accept), |(_, t, o)| (*t, *o));
    let card = Card {
        number: number.to_owned(),
        masked: String::new(),
        three_ds,
        outcome,
    };
    Card {
        masked: format!("{}-{}", card.bin8(), card.last4()),
        ..card
    }
}

/// The card behind a one-time token, `BIN-last4-…` (6 or 8 BIN digits, as Midtrans's and this
/// simulator's tokens begin): a sandbox card when one matches, else an unknown card (accepted).
/// `None` when the token does not have that shape.
pub(crate) fn by_one_time_token(token: &str) -> Option<Card> {
    let mut parts = token.splitn(3, '-');
    let (bin, last, rest) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !(6..=8).contains(&bin.len()) || last.len() != 4 || rest.is_empty() {
        return None;
    }
    if !digits(bin) || !digits(last) {
        return None;
    }
    Some(
        CARDS
            .iter()
            .find(|(n, _, _)| n.starts_with(bin) && n.ends_with(last))
            .map_or_else(
                || by_number(&format!("{bin:0<12}{last}")),
                |(n, _, _)| by_number(n),
            ),
    )
}

/// The answer of `GET /v2/token` for a card number.
pub(crate) fn token_answer(number: &str, rng: &Rng) -> Reply {
    let card = by_number(number);
    Reply::Json(
        200,
        json!({
            "status_code": "200",
            "status_message": "Credit card token is created as Token ID.",
            "token_id": format!("{}-{}-{}", card.bin8(), card.last4(), rng.uuid()),
            "hash": format!("{}-{}-mock", card.bin8(), card.last4()),
        }),
    )
}

/// Luhn check of a card number.
pub(crate) fn luhn(number: &str) -> bool {
    if number.len() < 12 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = number
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                if d * 2 > 9 {
                    d * 2 - 9
                } else {
                    d * 2
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// BIN metadata for the sandbox BINs.
pub(crate) fn bin_data(bin: &str) -> Option<Value> {
    let (brand, bank_code, bank) = match bin.get(..6)? {
        "455633" => ("VISA", "BCA", "BANK CENTRAL ASIA"),
        "481111" | "441111" | "461111" | "471111" | "491111" => {
            ("VISA", "BNI", "BANK NEGARA INDONESIA")
        }
        "521111" | "511111" | "541011" | "541111" | "551111" | "551011" => {
            ("MASTERCARD", "BNI", "BANK NEGARA INDONESIA")
        }
        _ => return None,
    };
    Some(json!({
        "registration_required": null,
        "country_name": "INDONESIA",
        "country_code": "ID",
        "channel": "online_offline",
        "brand": brand,
        "bin_type": "CREDIT",
        "bin_class": "GOLD",
        "bin": bin,
        "bank_code": bank_code,
        "bank": bank,
    }))
}

/// Google Pay's sandbox amounts ([Midtrans docs](https://docs.midtrans.com/reference/payment-method-google-pay)):
/// IDR 10,002 and 10,004 succeed, 10,001 and 10,003 are denied by the bank, any other amount is
/// denied as an unknown card. The card is Google's test card, 4111 1111 1111 1111, with 3-D
/// Secure (asked for by `credit_card.authentication`).
pub(crate) fn google_pay(gross_amount: u64) -> Card {
    let outcome = match gross_amount {
        10_002 | 10_004 => Outcome::Accept,
        10_001 | 10_003 => Outcome::BankDeny,
        _ => Outcome::UnknownCard,
    };
    Card {
        outcome,
        three_ds: true,
        ..by_number("4111111111111111")
    }
}
