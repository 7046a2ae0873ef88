use serde::{Deserialize, Serialize};

use crate::validate::{self, BuildError};

string_enum! {
    /// A convenience store chain (`cstore.store`, `store` in answers).
    pub enum Store {
        /// Indomaret.
        Indomaret => "indomaret",
        /// Alfamart (and Alfamidi, Dan+Dan).
        Alfamart => "alfamart",
    }
}

/// The `cstore` object: payment at a convenience store counter, with that store's options only.
///
/// [Midtrans docs](https://docs.midtrans.com/reference/cstore-object).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CstoreWire", into = "CstoreWire")]
#[non_exhaustive]
pub enum Cstore {
    /// Indomaret, with an optional message on the receipt.
    Indomaret {
        /// Label shown on the receipt.
        message: Option<String>,
    },
    /// Alfamart, with up to three receipt lines (≤ 40 characters each; avoid `|`).
    Alfamart {
        /// First receipt line.
        free_text_1: Option<String>,
        /// Second receipt line.
        free_text_2: Option<String>,
        /// Third receipt line.
        free_text_3: Option<String>,
    },
}

impl Cstore {
    /// Indomaret without a message.
    pub fn indomaret() -> Self {
        Cstore::Indomaret { message: None }
    }

    /// Alfamart without receipt lines.
    pub fn alfamart() -> Self {
        Cstore::Alfamart {
            free_text_1: None,
            free_text_2: None,
            free_text_3: None,
        }
    }

    /// The store.
    pub fn store(&self) -> Store {
        match self {
            Cstore::Indomaret { .. } => Store::Indomaret,
            Cstore::Alfamart { .. } => Store::Alfamart,
        }
    }

    pub(crate) fn validate(&self) -> Result<(), BuildError> {
        if let Cstore::Alfamart {
            free_text_1,
            free_text_2,
            free_text_3,
        } = self
        {
            for (index, text) in [free_text_1, free_text_2, free_text_3]
                .into_iter()
                .enumerate()
            {
                if let Some(text) = text {
                    validate::max_len_at(
                        || format!("cstore.alfamart_free_text_{}", index + 1),
                        text,
                        40,
                    )?;
                }
            }
        }
        Ok(())
    }
}

#[derive(Serialize, Deserialize)]
struct CstoreWire {
    store: Store,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    alfamart_free_text_1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    alfamart_free_text_2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    alfamart_free_text_3: Option<String>,
}

impl From<Cstore> for CstoreWire {
    fn from(cstore: Cstore) -> Self {
        let store = cstore.store();
        match cstore {
            Cstore::Indomaret { message } => CstoreWire {
                store,
                message,
                alfamart_free_text_1: None,
                alfamart_free_text_2: None,
                alfamart_free_text_3: None,
            },
            Cstore::Alfamart {
                free_text_1,
                free_text_2,
                free_text_3,
            } => CstoreWire {
                store,
                message: None,
                alfamart_free_text_1: free_text_1,
                alfamart_free_text_2: free_text_2,
                alfamart_free_text_3: free_text_3,
            },
        }
    }
}

impl TryFrom<CstoreWire> for Cstore {
    type Error = String;

    fn try_from(wire: CstoreWire) -> Result<Self, String> {
        match wire.store {
            Store::Indomaret => {
                if wire.alfamart_free_text_1.is_some()
                    || wire.alfamart_free_text_2.is_some()
                    || wire.alfamart_free_text_3.is_some()
                {
                    return Err("cstore.alfamart_free_text_* is only for Alfamart".to_owned());
                }
                Ok(Cstore::Indomaret {
                    message: wire.message,
                })
            }
            Store::Alfamart => {
                if wire.message.is_some() {
                    return Err("cstore.message is only for Indomaret".to_owned());
                }
                Ok(Cstore::Alfamart {
                    free_text_1: wire.alfamart_free_text_1,
                    free_text_2: wire.alfamart_free_text_2,
                    free_text_3: wire.alfamart_free_text_3,
                })
            }
            other => Err(format!("cstore is not offered for store {other}")),
        }
    }
}
