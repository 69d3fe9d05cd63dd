//! API keys in the OS keyring: service `sourcehub-desk`, one entry per environment (a custom
//! environment per base URL). There is deliberately no fallback to a file: without a keyring the
//! key lives in memory for this session only.

use std::sync::Arc;

use keyring_core::{CredentialStore, Entry, Error as KeyringError};
use thiserror::Error;

use crate::api::{ApiKey, EnvKind};

pub const SERVICE: &str = "sourcehub-desk";

/// Overrides the keyring service name, so tests against a real keyring never touch a user's
/// real entries.
pub const SERVICE_ENV: &str = "SOURCEHUB_KEYRING_SERVICE";

fn service_name() -> String {
    std::env::var(SERVICE_ENV)
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| SERVICE.to_owned())
}

#[derive(Debug, Error, Clone, PartialEq)]
pub enum KeyStoreError {
    #[error(
        "No keyring is available on this computer ({0}), so the key can be used for this session only and will not be remembered."
    )]
    Unavailable(String),
    #[error(
        "The keyring is locked or refused access ({0}). Unlock it (log in to the desktop keyring) and try again, or use the key for this session only."
    )]
    Locked(String),
    #[error("The keyring failed: {0}. Try again, or use the key for this session only.")]
    Failed(String),
}

/// The keyring entry name for an environment. The Sandbox needs no key and has no entry.
pub fn entry_user(env: EnvKind, custom_base_url: &str) -> Option<String> {
    match env {
        EnvKind::Sandbox => None,
        EnvKind::Test => Some("test".into()),
        EnvKind::Live => Some("live".into()),
        EnvKind::Custom => Some(format!("custom:{}", custom_base_url.trim())),
    }
}

#[derive(Clone)]
pub struct KeyStore {
    store: Arc<CredentialStore>,
    service: String,
}

impl std::fmt::Debug for KeyStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyStore")
            .field("service", &self.service)
            .finish_non_exhaustive()
    }
}

fn describe(e: &KeyringError) -> KeyStoreError {
    match e {
        KeyringError::NoStorageAccess(inner) => KeyStoreError::Locked(inner.to_string()),
        KeyringError::PlatformFailure(inner) => {
            let text = inner.to_string();
            if text.to_ascii_lowercase().contains("locked") {
                KeyStoreError::Locked(text)
            } else {
                KeyStoreError::Failed(text)
            }
        }
        other => KeyStoreError::Failed(other.to_string()),
    }
}

impl KeyStore {
    /// The desktop's Secret Service (GNOME Keyring, KWallet) over D-Bus. Fails when there is no
    /// session bus or no Secret Service on it.
    pub fn secret_service() -> Result<KeyStore, KeyStoreError> {
        let store = zbus_secret_service_keyring_store::Store::new()
            .map_err(|e| KeyStoreError::Unavailable(plain(&e)))?;
        Ok(KeyStore {
            store,
            service: service_name(),
        })
    }

    /// An in-memory store for tests. Each call is a separate store.
    pub fn mock() -> Result<KeyStore, KeyStoreError> {
        let store = keyring_core::mock::Store::new().map_err(|e| describe(&e))?;
        Ok(KeyStore {
            store,
            service: SERVICE.into(),
        })
    }

    /// The same store under another service name, so tests against a real keyring never touch
    /// a user's real entries.
    pub fn with_service(mut self, service: &str) -> KeyStore {
        self.service = service.into();
        self
    }

    fn entry(&self, user: &str) -> Result<Entry, KeyStoreError> {
        Entry::new_in_store(&self.store, &self.service, user).map_err(|e| describe(&e))
    }

    pub fn load(&self, user: &str) -> Result<Option<ApiKey>, KeyStoreError> {
        match self.entry(user)?.get_password() {
            Ok(k) => Ok(Some(ApiKey::new(k))),
            Err(KeyringError::NoEntry) => Ok(None),
            Err(e) => Err(describe(&e)),
        }
    }

    pub fn save(&self, user: &str, key: &ApiKey) -> Result<(), KeyStoreError> {
        self.entry(user)?
            .set_password(key.expose())
            .map_err(|e| describe(&e))
    }

    /// Removes the entry; forgetting a key that is not there is not an error.
    pub fn forget(&self, user: &str) -> Result<(), KeyStoreError> {
        match self.entry(user)?.delete_credential() {
            Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
            Err(e) => Err(describe(&e)),
        }
    }
}

/// The first line of a keyring error, without the nested debug noise of D-Bus errors.
fn plain(e: &KeyringError) -> String {
    let text = e.to_string();
    text.lines().next().unwrap_or("unknown error").to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_read_forget_per_environment() {
        let ks = KeyStore::mock().expect("mock store");
        let test = entry_user(EnvKind::Test, "").expect("test has an entry");
        let live = entry_user(EnvKind::Live, "").expect("live has an entry");
        assert_eq!(ks.load(&test).expect("load"), None);
        ks.save(&test, &ApiKey::new("test-key-1111")).expect("save");
        ks.save(&live, &ApiKey::new("live-key-2222")).expect("save");
        assert_eq!(
            ks.load(&test).expect("load"),
            Some(ApiKey::new("test-key-1111"))
        );
        assert_eq!(
            ks.load(&live).expect("load"),
            Some(ApiKey::new("live-key-2222"))
        );
        ks.forget(&test).expect("forget");
        assert_eq!(ks.load(&test).expect("load"), None);
        assert_eq!(
            ks.load(&live).expect("load"),
            Some(ApiKey::new("live-key-2222"))
        );
        ks.forget(&test).expect("forgetting twice is fine");
    }

    #[test]
    fn custom_entries_are_per_base_url() {
        assert_eq!(entry_user(EnvKind::Sandbox, ""), None);
        let a = entry_user(EnvKind::Custom, "https://proxy.example/api");
        let b = entry_user(EnvKind::Custom, "https://other.example/api");
        assert_ne!(a, b);
        assert_eq!(a.as_deref(), Some("custom:https://proxy.example/api"));
    }

    /// Run by `.ci/run` inside `dbus-run-session` with gnome-keyring unlocked.
    #[test]
    #[ignore = "needs a Secret Service on the D-Bus session bus"]
    fn keyring_secret_service_round_trip() {
        let ks = KeyStore::secret_service()
            .expect("a Secret Service must be running for this test")
            .with_service("sourcehub-desk-test");
        let user = "ci-round-trip";
        ks.save(user, &ApiKey::new("ci-secret-abcd")).expect("save");
        assert_eq!(
            ks.load(user).expect("load"),
            Some(ApiKey::new("ci-secret-abcd"))
        );
        ks.forget(user).expect("forget");
        assert_eq!(ks.load(user).expect("load"), None);
    }
}
