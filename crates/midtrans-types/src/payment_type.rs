//! Payment types (`payment_type`) and Snap's `enabled_payments` values.

string_enum! {
    /// `payment_type`: the payment method of a Core API charge, a transaction or a notification.
    pub enum PaymentType {
        /// Card payment.
        CreditCard => "credit_card",
        /// Virtual account (BCA, BNI, BRI, CIMB, Permata).
        BankTransfer => "bank_transfer",
        /// Mandiri Bill Payment.
        Echannel => "echannel",
        /// GoPay.
        Gopay => "gopay",
        /// ShopeePay.
        Shopeepay => "shopeepay",
        /// QRIS (also how GoPay payments made by scanning the QR are notified).
        Qris => "qris",
        /// Convenience store (Indomaret, Alfamart).
        Cstore => "cstore",
        /// Akulaku PayLater.
        Akulaku => "akulaku",
        /// Kredivo.
        Kredivo => "kredivo",
        /// UOB EZ Pay.
        UobEzpay => "uob_ezpay",
        /// BCA KlikPay.
        BcaKlikpay => "bca_klikpay",
        /// KlikBCA.
        BcaKlikbca => "bca_klikbca",
        /// CIMB Clicks.
        CimbClicks => "cimb_clicks",
        /// Danamon Online Banking.
        DanamonOnline => "danamon_online",
        /// BRI e-Pay (BRImo).
        BriEpay => "bri_epay",
        /// Permata virtual account charged with `payment_type: "permata"`.
        Permata => "permata",
        /// Mandiri Clickpay (legacy).
        MandiriClickpay => "mandiri_clickpay",
        /// DANA.
        Dana => "dana",
        /// OVO.
        Ovo => "ovo",
    }
}

string_enum! {
    /// A value of Snap's `enabled_payments` list ([Midtrans docs](https://docs.midtrans.com/reference/request-body-json-parameter)). `bank_transfer` and `cstore` are
    /// aliases enabling every virtual account, respectively both convenience stores.
    pub enum EnabledPayment {
        /// Cards.
        CreditCard => "credit_card",
        /// Google Pay: shown only when `credit_card.secure` is true and no instalment is
        /// required; paid, reported and refunded as a card (`payment_type` `credit_card`).
        GooglePay => "google_pay",
        /// Mandiri Bill.
        Echannel => "echannel",
        /// Permata virtual account.
        PermataVa => "permata_va",
        /// BCA virtual account.
        BcaVa => "bca_va",
        /// BNI virtual account.
        BniVa => "bni_va",
        /// BRI virtual account.
        BriVa => "bri_va",
        /// CIMB virtual account.
        CimbVa => "cimb_va",
        /// Danamon virtual account.
        DanamonVa => "danamon_va",
        /// BSI virtual account.
        BsiVa => "bsi_va",
        /// SeaBank virtual account.
        SeabankVa => "seabank_va",
        /// Bank Saqu virtual account.
        SaquVa => "saqu_va",
        /// Other banks' virtual accounts.
        OtherVa => "other_va",
        /// Every virtual account.
        BankTransfer => "bank_transfer",
        /// GoPay.
        Gopay => "gopay",
        /// OVO.
        Ovo => "ovo",
        /// DANA.
        Dana => "dana",
        /// ShopeePay.
        Shopeepay => "shopeepay",
        /// QRIS from other issuers.
        OtherQris => "other_qris",
        /// Alfamart.
        Alfamart => "alfamart",
        /// Indomaret.
        Indomaret => "indomaret",
        /// Both convenience stores.
        Cstore => "cstore",
        /// Akulaku.
        Akulaku => "akulaku",
        /// Kredivo.
        Kredivo => "kredivo",
        /// CIMB Clicks.
        CimbClicks => "cimb_clicks",
        /// KlikBCA.
        BcaKlikbca => "bca_klikbca",
        /// BCA KlikPay.
        BcaKlikpay => "bca_klikpay",
        /// BRI e-Pay.
        BriEpay => "bri_epay",
        /// Danamon Online Banking.
        DanamonOnline => "danamon_online",
        /// UOB EZ Pay.
        UobEzpay => "uob_ezpay",
        /// Mandiri Clickpay (legacy).
        MandiriClickpay => "mandiri_clickpay",
        /// Mandiri e-cash (legacy).
        MandiriEcash => "mandiri_ecash",
        /// Indosat Dompetku (legacy).
        IndosatDompetku => "indosat_dompetku",
        /// Kioson (legacy).
        Kioson => "kioson",
        /// GCI (legacy).
        Gci => "gci",
        /// Telkomsel Cash (legacy).
        TelkomselCash => "telkomsel_cash",
    }
}
