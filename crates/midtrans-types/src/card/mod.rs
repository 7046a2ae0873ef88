//! Card utilities ([Midtrans docs](https://docs.midtrans.com/reference/get-token)): one-time tokens, card registration, point inquiry and BIN
//! lookup, and the card codes used by charges and Snap.

mod bin;
mod point_inquiry;
mod register;
mod token;

pub use bin::{BinData, BinResponse};
pub use point_inquiry::PointInquiryResponse;
pub use register::{CardRegisterRequest, CardRegisterResponse};
pub use token::{CardTokenRequest, CardTokenResponse};

string_enum! {
    /// `type` of a card payment: authorise only (capture later) or authorise and capture.
    pub enum CardTransactionType {
        /// Pre-authorisation; capture it with `POST /v2/capture`.
        Authorize => "authorize",
        /// Authorise and capture at once (the default).
        AuthorizeCapture => "authorize_capture",
    }
}

string_enum! {
    /// The card acquiring channel (`channel`).
    pub enum CardChannel {
        /// Mastercard Internet Gateway Service.
        Migs => "migs",
        /// Dragon.
        Dragon => "dragon",
        /// Mastercard Payment Gateway Services.
        Mpgs => "mpgs",
    }
}

string_enum! {
    /// `card_type` in answers: credit or debit card.
    pub enum CardType {
        /// Credit card.
        Credit => "credit",
        /// Debit card.
        Debit => "debit",
    }
}

string_enum! {
    /// `callback_type`: how the 3-D Secure result comes back to the page.
    pub enum CallbackType {
        /// A JavaScript event (the default).
        JsEvent => "js_event",
        /// A form POST.
        Form => "form",
    }
}

/// Masks a card number for display: keeps the first six and last four digits (spaces dropped);
/// shorter than 12 digits, nothing is kept.
///
/// ```
/// use midtrans_types::card::mask_card_number;
/// assert_eq!(mask_card_number("4811 1111 1111 1114"), "481111******1114");
/// assert_eq!(mask_card_number("4811"), "[redacted]");
/// ```
pub fn mask_card_number(number: &str) -> String {
    let digits: Vec<char> = number.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() < 12 {
        return "[redacted]".to_owned();
    }
    digits
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < 6 || i + 4 >= digits.len() {
                *c
            } else {
                '*'
            }
        })
        .collect()
}
