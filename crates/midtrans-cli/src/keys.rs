//! Keys and environments from flags or environment variables. No key is ever printed: clap
//! hides their environment values in `--help`, and messages name keys, never show them.

use midtrans::{Environment, ServerKey};

use crate::Failure;

/// The keys a command may sign or verify with. Each flag may be given more than once (an
/// old and a new key, while rotating).
#[derive(Clone, Debug, Default, clap::Args)]
pub(crate) struct Keys {
    /// Server key (Core notifications' `signature_key`, API calls). Env: MIDTRANS_SERVER_KEY.
    #[arg(
        long = "server-key",
        env = "MIDTRANS_SERVER_KEY",
        hide_env_values = true,
        value_delimiter = ','
    )]
    pub(crate) server_keys: Vec<String>,
    /// Iris merchant key (`Iris-Signature`). Env: MIDTRANS_IRIS_MERCHANT_KEY.
    #[arg(
        long = "iris-merchant-key",
        env = "MIDTRANS_IRIS_MERCHANT_KEY",
        hide_env_values = true,
        value_delimiter = ','
    )]
    pub(crate) iris_merchant_keys: Vec<String>,
    /// A PEM file with Midtrans's SNAP-BI public key (or the simulator's, for its
    /// notifications; `--simulator-key` takes the built-in one). Env:
    /// MIDTRANS_SNAP_BI_PUBLIC_KEY_FILE.
    #[arg(long = "snap-bi-public-key", env = "MIDTRANS_SNAP_BI_PUBLIC_KEY_FILE")]
    pub(crate) snap_bi_public_key: Option<std::path::PathBuf>,
    /// Verify SNAP-BI notifications with the simulator's built-in public key.
    #[arg(long = "simulator-key")]
    pub(crate) simulator_key: bool,
}

impl Keys {
    /// The server keys, checked.
    pub(crate) fn server(&self) -> Result<Vec<ServerKey>, Failure> {
        self.server_keys
            .iter()
            .map(|key| {
                ServerKey::new(key.trim())
                    .map_err(|error| Failure::config(format!("the server key: {error}")))
            })
            .collect()
    }

    /// The first server key, or why there is none.
    pub(crate) fn first_server(&self) -> Result<ServerKey, Failure> {
        self.server()?.into_iter().next().ok_or_else(|| {
            Failure::config("no server key: give --server-key or set MIDTRANS_SERVER_KEY")
        })
    }

    /// The first Iris merchant key, or why there is none.
    pub(crate) fn first_iris(&self) -> Result<&str, Failure> {
        self.iris_merchant_keys
            .first()
            .map(String::as_str)
            .ok_or_else(|| {
                Failure::config(
                    "no Iris merchant key: give --iris-merchant-key or set MIDTRANS_IRIS_MERCHANT_KEY",
                )
            })
    }

    /// The SNAP-BI public key's PEM, if one was given.
    pub(crate) fn snap_bi_public_pem(&self) -> Result<Option<String>, Failure> {
        if self.simulator_key {
            return Ok(Some(
                midtrans_mock::snap_bi::SIMULATOR_PUBLIC_KEY.to_owned(),
            ));
        }
        self.snap_bi_public_key
            .as_ref()
            .map(|path| read_text(path))
            .transpose()
    }
}

/// A file's text, or a configuration failure naming it.
pub(crate) fn read_text(path: &std::path::Path) -> Result<String, Failure> {
    std::fs::read_to_string(path)
        .map_err(|error| Failure::config(format!("cannot read {}: {error}", path.display())))
}

/// A file's bytes, or standard input for `-`.
pub(crate) fn read_input(path: &str) -> Result<Vec<u8>, Failure> {
    if path == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
            .map_err(|error| Failure::config(format!("cannot read standard input: {error}")))?;
        Ok(bytes)
    } else {
        std::fs::read(path).map_err(|error| Failure::config(format!("cannot read {path}: {error}")))
    }
}

/// Where API calls go: `sandbox`, `production`, or the base URL of a simulator (or any
/// server speaking Midtrans's API), e.g. `http://127.0.0.1:8910`.
#[derive(Clone, Debug, clap::Args)]
pub(crate) struct Target {
    /// `sandbox`, `production`, or a simulator's base URL (`http://127.0.0.1:8910`). Env:
    /// MIDTRANS_ENV.
    #[arg(long = "env", env = "MIDTRANS_ENV", default_value = "sandbox")]
    pub(crate) env: String,
}

impl Target {
    /// The environment, or why the text is none.
    pub(crate) fn environment(&self) -> Result<Environment, Failure> {
        match self.env.as_str() {
            "sandbox" => Ok(Environment::Sandbox),
            "production" => Ok(Environment::Production),
            url => {
                let core = url.trim_end_matches('/');
                Environment::custom(core, format!("{core}/snap/v1")).map_err(|error| {
                    Failure::config(format!(
                        "--env: {error} (give sandbox, production or a base URL)"
                    ))
                })
            }
        }
    }
}
