//! `sourcehub-desk check`: the connection check for support staff, from a terminal or a script.
//! The key comes from `SOURCEHUB_API_KEY` or the keyring, is never printed (only its last four
//! characters), and an environment-variable key is never saved.

use std::time::Duration;

use crate::api::diagnose::{KeyContext, check_connection};
use crate::api::{ApiKey, Endpoint, EnvKind};
use crate::keystore::{KeyStore, entry_user};
use crate::sandbox::{self, SandboxConfig};

pub const ENV_KEY: &str = "SOURCEHUB_API_KEY";
pub const ENV_ENV: &str = "SOURCEHUB_ENV";
pub const ENV_BASE_URL: &str = "SOURCEHUB_BASE_URL";

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// test, live, sandbox (starts the built-in one) or a base URL; default: $SOURCEHUB_ENV,
    /// $SOURCEHUB_BASE_URL, else test.
    #[arg(long)]
    pub env: Option<String>,
    /// Give up after this many seconds (1 to 600).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
}

/// Where to check: an environment kind and its base URL (the Sandbox's is known only once started).
fn target(args: &CheckArgs) -> (EnvKind, Option<String>) {
    let chosen = args
        .env
        .clone()
        .or_else(|| {
            std::env::var(ENV_BASE_URL)
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .or_else(|| std::env::var(ENV_ENV).ok())
        .unwrap_or_else(|| "test".into());
    match EnvKind::parse(&chosen) {
        Some(EnvKind::Custom) | None => (EnvKind::Custom, Some(chosen.trim().to_owned())),
        Some(k) => (k, k.fixed_base_url().map(str::to_owned)),
    }
}

pub fn run(args: &CheckArgs) -> u8 {
    let (kind, base) = target(args);
    if kind == EnvKind::Custom && base.as_deref().is_none_or(|b| b.trim().is_empty()) {
        println!("no environment given: use --env test, live, sandbox or a base URL");
        return 3;
    }
    let env_key = std::env::var(ENV_KEY).ok().filter(|k| !k.is_empty());
    // Keep the Sandbox alive until the check is done.
    let mut _sandbox = None;
    let base = match (kind, base) {
        (EnvKind::Sandbox, _) => match sandbox::start(SandboxConfig::default()) {
            Ok(h) => {
                let url = h.base_url();
                _sandbox = Some(h);
                url
            }
            Err(e) => {
                println!("sandbox — could not start: {e}");
                return 3;
            }
        },
        (_, Some(b)) => b,
        (_, None) => String::new(),
    };
    let keyring = KeyStore::secret_service().ok();
    let saved = |env: EnvKind| -> Option<ApiKey> {
        let user = entry_user(env, &base)?;
        keyring.as_ref()?.load(&user).ok().flatten()
    };
    let key = match (&env_key, kind) {
        (Some(k), _) => ApiKey::new(k.clone()),
        (None, EnvKind::Sandbox) => ApiKey::new(sandbox::DEFAULT_TOKEN),
        (None, _) => match saved(kind) {
            Some(k) => k,
            None => {
                println!(
                    "{base} — no API key: set {ENV_KEY} or save the key in the app for {}",
                    kind.label()
                );
                return 2;
            }
        },
    };
    let mut endpoint = match Endpoint::new(&base) {
        Ok(e) => e,
        Err(e) => {
            println!("{base} — {e}");
            return 3;
        }
    };
    endpoint.timeout = Duration::from_secs(args.timeout.max(1));
    endpoint.connect_timeout = endpoint.connect_timeout.min(endpoint.timeout);
    let other = match kind {
        EnvKind::Live => EnvKind::Test,
        _ => EnvKind::Live,
    };
    let cx = KeyContext {
        env: kind,
        whitespace_removed: 0,
        has_whitespace: key.expose().trim() != key.expose(),
        same_as: saved(other)
            .filter(|k| k.expose().trim() == key.expose().trim())
            .map(|_| other),
    };
    let report = check_connection(endpoint, &key, &cx);
    println!("{}", report.ticket_line());
    if let crate::api::diagnose::Verdict::KeyRejected { causes } = &report.verdict {
        for (i, c) in causes.iter().enumerate() {
            println!("  {}. {c}", i + 1);
        }
    }
    report.exit_code()
}
