//! Identifier newtypes. Each wraps the string exactly as Midtrans or the merchant spells it;
//! request builders validate the ones with documented rules ([`OrderId`], [`RefundKey`]).

id_newtype! {
    /// The merchant's order id (`transaction_details.order_id`): at most 50 characters of
    /// `A-Za-z0-9-_~.`, unique per merchant. Checked by the request builders' `build()` and by
    /// [`OrderId::validate`]; values received from Midtrans are kept as they are.
    OrderId
}

id_newtype! {
    /// Midtrans's transaction id (a UUID), accepted wherever an order id is.
    TransactionId
}

id_newtype! {
    /// A subscription id (`/v1/subscriptions/{id}`).
    SubscriptionId
}

id_newtype! {
    /// A linked GoPay pay account id (`/v2/pay/account/{account_id}`).
    PayAccountId
}

id_newtype! {
    /// A Snap transaction token (UUID) returned by `POST /snap/v1/transactions`.
    SnapToken
}

id_newtype! {
    @redacted
    /// A one-time card token (`token_id`) from `GET /v2/token`. `Debug` does not show it.
    TokenId
}

id_newtype! {
    @redacted
    /// A saved card token (`saved_token_id`) for one-click payments and subscriptions: with the
    /// server key it charges the card. `Debug` does not show it.
    SavedTokenId
}

id_newtype! {
    @redacted
    /// A payment token: a saved card token or a GoPay payment option token, as a subscription's
    /// `token` and a linked account's payment options carry it. With the server key it charges
    /// the customer; `Debug` does not show it.
    PaymentToken
}

id_newtype! {
    /// A merchant-chosen refund key (`refund_key`): characters `A-Za-z0-9_-`; a reused key
    /// within 7 days refers to the same refund.
    RefundKey
}

id_newtype! {
    /// The merchant id Midtrans assigns (`merchant_id`, e.g. `G812785002`).
    MerchantId
}

impl OrderId {
    /// The longest order id Midtrans accepts for Snap and Core API.
    pub const MAX_LEN: usize = 50;

    /// Checks Midtrans's documented rules: not empty, at most 50 characters, only
    /// `A-Za-z0-9`, `-`, `_`, `~` and `.`.
    ///
    /// # Errors
    /// A [`BuildError`](crate::BuildError) for the field `order_id`.
    pub fn validate(&self) -> Result<(), crate::BuildError> {
        crate::validate::order_id("order_id", self.as_str())
    }
}

impl RefundKey {
    /// Checks Midtrans's documented charset for refund keys: `A-Za-z0-9`, `_` and `-`.
    ///
    /// # Errors
    /// A [`BuildError`](crate::BuildError) for the field `refund_key`.
    pub fn validate(&self) -> Result<(), crate::BuildError> {
        crate::validate::refund_key("refund_key", self.as_str())
    }
}
