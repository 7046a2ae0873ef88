//! Banks, as Midtrans names them in `bank` fields (card acquirer, virtual account bank).

string_enum! {
    /// A bank code: card acquiring bank (`credit_card.bank`), virtual-account bank
    /// (`bank_transfer.bank`, `va_numbers[].bank`) or installment bank.
    pub enum Bank {
        /// Bank Central Asia.
        Bca => "bca",
        /// Bank Negara Indonesia.
        Bni => "bni",
        /// Bank Rakyat Indonesia.
        Bri => "bri",
        /// Bank Mandiri.
        Mandiri => "mandiri",
        /// Bank Permata.
        Permata => "permata",
        /// CIMB Niaga.
        Cimb => "cimb",
        /// Maybank Indonesia.
        Maybank => "maybank",
        /// Bank Mega.
        Mega => "mega",
        /// Bank Danamon.
        Danamon => "danamon",
        /// Bank Syariah Indonesia.
        Bsi => "bsi",
        /// SeaBank.
        Seabank => "seabank",
    }
}
