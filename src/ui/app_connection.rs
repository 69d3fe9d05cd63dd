//! The environment side of the app: keyring, client, lookups and the connection check.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::DeskApp;
use crate::api::diagnose::KeyContext;
use crate::api::{ApiError, ApiKey, Endpoint, EnvKind, SourcehubClient};
use crate::keystore::{KeyStore, KeyStoreError, entry_user};
use crate::lookup_cache::{CacheError, CachedLookups};
use crate::ui::env_bar::KeyringState;
use crate::ui::lookup_list::LoadState;
use crate::ui::msg::{LookupKind, Msg, Replaced};

use super::SandboxSlot;

impl DeskApp {
    pub(super) fn keyring_ready(&mut self, ks: Result<KeyStore, KeyStoreError>) {
        match ks {
            Ok(ks) => {
                for env in [EnvKind::Test, EnvKind::Live] {
                    if let Some(user) = entry_user(env, "") {
                        self.tasks.load_key(ks.clone(), env, user);
                    }
                }
                self.env.keyring = KeyringState::Ready(ks);
                self.load_custom_key();
            }
            Err(e) => self.env.keyring = KeyringState::Unavailable(e),
        }
    }

    /// A custom environment's key belongs to its base URL: when the URL changes, the key in
    /// memory goes and the keyring's entry for the new URL is read.
    pub(super) fn load_custom_key(&mut self) {
        if self.env.from_env_var && self.env.kind == EnvKind::Custom {
            return;
        }
        self.env.keys.remove(&EnvKind::Custom);
        let url = self.env.custom_url.trim().to_owned();
        if let (KeyringState::Ready(ks), false) = (&self.env.keyring, url.is_empty())
            && let Some(user) = entry_user(EnvKind::Custom, &url)
        {
            self.tasks.load_key(ks.clone(), EnvKind::Custom, user);
        }
    }

    /// The current environment's endpoint (with its lookup paths) and key, or why there is none.
    /// `Ok(None)` while the Sandbox is still starting.
    pub(super) fn endpoint_and_key(&self) -> Result<Option<(Endpoint, ApiKey)>, String> {
        let (base, key) = match self.env.kind {
            EnvKind::Sandbox => match &self.sandbox {
                SandboxSlot::Ready(h) => (h.base_url(), ApiKey::new(h.token())),
                SandboxSlot::Starting(_) => return Ok(None),
                SandboxSlot::Failed(e) => return Err(e.clone()),
            },
            kind => {
                let base = kind
                    .fixed_base_url()
                    .map(str::to_owned)
                    .unwrap_or_else(|| self.env.custom_url.trim().to_owned());
                let key = self
                    .env
                    .current_key()
                    .cloned()
                    .ok_or_else(|| ApiError::MissingKey.to_string())?;
                (base, key)
            }
        };
        let mut endpoint = Endpoint::new(&base).map_err(|e| e.to_string())?;
        if let Some(p) = self.env.paths.get(&self.env.kind) {
            endpoint.paths = p.clone();
        }
        endpoint.connect_timeout =
            std::time::Duration::from_secs(self.env.connect_timeout_s.max(1));
        endpoint.timeout = std::time::Duration::from_secs(self.env.request_timeout_s.max(1));
        Ok(Some((endpoint, key)))
    }

    /// Builds the client for the current environment and (re)loads the lookups.
    /// The endpoint and key, or `None` with the reason (if any) shown above the form.
    fn usable_endpoint(&mut self) -> Option<(Endpoint, ApiKey)> {
        match self.endpoint_and_key() {
            Ok(v) => v,
            Err(problem) => {
                self.client_problem = Some(problem);
                None
            }
        }
    }

    /// Builds the client and loads the lookups from scratch (a new environment).
    pub(super) fn connect(&mut self) {
        self.reload(true);
    }

    /// Loads the lookups again. `fresh`: start from empty lists (new environment); otherwise
    /// keep what is on screen until the new lists are in (Refresh).
    pub(super) fn reload(&mut self, fresh: bool) {
        self.cancel.store(true, Ordering::Relaxed);
        self.cancel = Arc::new(AtomicBool::new(false));
        self.generation += 1;
        if fresh {
            self.lookups.clear();
            self.lookups_updated_at = None;
        }
        self.client = None;
        self.client_problem = None;
        self.env.check = None;
        let Some((endpoint, key)) = self.usable_endpoint() else {
            return;
        };
        match SourcehubClient::new(endpoint, &key) {
            Ok(client) => {
                for kind in [
                    LookupKind::Areas,
                    LookupKind::PostalCodes,
                    LookupKind::SalesAgents,
                ] {
                    *self.lookups.list_state_mut(kind) = LoadState::Loading { retry: None };
                }
                let base = client.endpoint().base_url.to_string();
                let cached = fresh && self.lookup_cache.as_ref().is_some_and(|c| c.exists(&base));
                if let (true, Some(cache)) = (cached, self.lookup_cache.clone()) {
                    let (notifier, generation) = (self.tasks.notifier(), self.generation);
                    std::thread::spawn(move || {
                        notifier.send(Msg::CacheLoaded(generation, cache.load(&base)));
                    });
                }
                self.tasks.lookup_concurrency = match self.env.lookup_concurrency {
                    0 => 4,
                    n => n.min(16),
                };
                // Stream pages only into empty lists; lists on screen are replaced whole.
                let progressive = fresh && !cached;
                self.tasks
                    .load_lookups(&client, self.generation, self.cancel.clone(), progressive);
                self.client = Some(client);
            }
            Err(e) => self.client_problem = Some(e.to_string()),
        }
    }

    pub(super) fn test_connection(&mut self) {
        let Some((endpoint, key)) = self.usable_endpoint() else {
            return;
        };
        let other = match self.env.kind {
            EnvKind::Live => EnvKind::Test,
            _ => EnvKind::Live,
        };
        let cx = KeyContext {
            env: self.env.kind,
            whitespace_removed: self.env.last_trimmed,
            has_whitespace: key.expose().trim() != key.expose(),
            same_as: self
                .env
                .keys
                .get(&other)
                .filter(|k| self.env.kind != EnvKind::Sandbox && k.expose() == key.expose())
                .map(|_| other),
        };
        self.env.checking = true;
        self.tasks.check_connection(endpoint, key, cx);
    }

    pub(super) fn take_key_input(&mut self, save: bool) {
        let (key, removed) = ApiKey::from_pasted(&self.env.key_input);
        self.env.key_input.clear();
        self.env.last_trimmed = removed;
        if key.is_empty() {
            return;
        }
        let mut message = String::new();
        if removed > 0 {
            message = format!("Removed {removed} spaces around the key. ");
        }
        self.env.keys.insert(self.env.kind, key.clone());
        self.env.from_env_var = false;
        if save
            && let (KeyringState::Ready(ks), Some(user)) = (
                &self.env.keyring,
                entry_user(self.env.kind, &self.env.custom_url),
            )
        {
            self.tasks.save_key(ks.clone(), self.env.kind, user, key);
            message.push_str("Saving in the keyring…");
        } else {
            message.push_str("Using the key for this session only.");
        }
        self.env.key_message = Some((true, message));
        self.connect();
    }

    /// Once all three lists are fetched: remember when, and cache them for the next start.
    pub(super) fn lookups_fetched(&mut self) {
        let loaded = [
            &self.lookups.areas.state,
            &self.lookups.postal_codes.state,
            &self.lookups.agents.state,
        ]
        .iter()
        .all(|s| matches!(s, LoadState::Loaded));
        if !loaded {
            return;
        }
        self.lookups_updated_at = Some(crate::ui::recent::unix_now());
        let (Some(cache), Some(client)) = (self.lookup_cache.clone(), self.client.as_ref()) else {
            return;
        };
        let cached = CachedLookups {
            base_url: client.endpoint().base_url.to_string(),
            saved_at: crate::ui::recent::unix_now(),
            areas: self.lookups.areas.items.clone(),
            postal_codes: self.lookups.postal_codes.items.clone(),
            agents: self.lookups.agents.items.clone(),
        };
        std::thread::spawn(move || {
            if let Err(e) = cache.save(&cached) {
                log::warn!("{e}");
            }
        });
    }

    /// A list fetched in the background replaces the one on screen in one go.
    pub(super) fn replace_lookups(&mut self, list: Replaced) {
        match list {
            Replaced::Areas(v) => self.lookups.replace_areas(v),
            Replaced::PostalCodes(v) => {
                self.lookups.postal_codes.clear_items();
                self.lookups
                    .postal_codes
                    .extend(v, |p| p.code.clone().unwrap_or_default());
            }
            Replaced::Agents(v) => {
                self.lookups.agents.clear_items();
                self.lookups.agents.extend(v, |a| a.display_label());
            }
        }
    }

    /// The cached lists, shown at once while the fresh ones load.
    pub(super) fn cache_loaded(&mut self, cached: Result<Option<CachedLookups>, CacheError>) {
        match cached {
            Ok(Some(c)) => {
                // Only into lists the network has not filled yet.
                if self.lookups.areas.is_empty() {
                    self.lookups.add_areas(c.areas);
                }
                if self.lookups.postal_codes.is_empty() {
                    self.lookups
                        .postal_codes
                        .extend(c.postal_codes, |p| p.code.clone().unwrap_or_default());
                }
                if self.lookups.agents.is_empty() {
                    self.lookups.agents.extend(c.agents, |a| a.display_label());
                }
                self.lookups_updated_at.get_or_insert(c.saved_at);
            }
            Ok(None) => {}
            Err(e) => log::warn!("{e}"),
        }
    }
}
