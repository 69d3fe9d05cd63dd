//! How the app is set up: its keyring, its Sandbox, and the environment overrides for scripts.

use crate::api::{ApiKey, EnvKind};
use crate::drafts::DraftStore;
use crate::history::HistoryStore;
use crate::keystore::KeyStore;
use crate::lookup_cache::LookupCache;
use crate::sandbox::SandboxHandle;

/// How the app finds its keyring and its Sandbox; tests pass their own.
pub enum KeyringChoice {
    SecretService,
    Given(KeyStore),
}

pub enum SandboxChoice {
    /// Start one in-process on a free port (the normal first run).
    StartOwn,
    /// Use one the caller started (tests), owning it from now on.
    Given(SandboxHandle),
}

pub struct AppOptions {
    pub keyring: KeyringChoice,
    pub sandbox: SandboxChoice,
    pub env: EnvKind,
    pub custom_url: String,
    /// A key from `SOURCEHUB_API_KEY`: used for the chosen environment, never saved.
    pub env_key: Option<ApiKey>,
    /// Where the unfinished customer is kept; `None` keeps it in memory only (tests).
    pub drafts: Option<DraftStore>,
    /// Where the recent submissions are kept; `None` keeps them in memory only.
    pub history: Option<HistoryStore>,
    pub connect_timeout: std::time::Duration,
    pub request_timeout: std::time::Duration,
    /// Where lookups are cached per environment; `None` loads them every time.
    pub lookup_cache: Option<LookupCache>,
}

impl Default for AppOptions {
    fn default() -> Self {
        AppOptions {
            keyring: KeyringChoice::SecretService,
            sandbox: SandboxChoice::StartOwn,
            env: EnvKind::Sandbox,
            custom_url: String::new(),
            env_key: None,
            drafts: None,
            history: None,
            connect_timeout: crate::api::environment::DEFAULT_CONNECT_TIMEOUT,
            request_timeout: crate::api::environment::DEFAULT_TIMEOUT,
            lookup_cache: None,
        }
    }
}

impl AppOptions {
    /// `SOURCEHUB_ENV` (sandbox, test, live, or a base URL), `SOURCEHUB_BASE_URL` (a custom
    /// base URL) and `SOURCEHUB_API_KEY` override the defaults for scripted use.
    pub fn from_env() -> AppOptions {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let mut o = AppOptions::default();
        if let Some(e) = var(crate::check::ENV_ENV) {
            match EnvKind::parse(&e) {
                Some(k) => o.env = k,
                None => {
                    o.env = EnvKind::Custom;
                    o.custom_url = e.trim().to_owned();
                }
            }
        }
        if let Some(url) = var(crate::check::ENV_BASE_URL) {
            o.env = EnvKind::Custom;
            o.custom_url = url.trim().to_owned();
        }
        o.env_key = var(crate::check::ENV_KEY).map(ApiKey::new);
        o.drafts = DraftStore::default_location();
        o.history = HistoryStore::default_location();
        o.lookup_cache = LookupCache::default_location();
        o
    }
}
