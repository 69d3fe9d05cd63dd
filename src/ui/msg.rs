//! What flows into the app: `Action`s are user intents that views return; `Msg`s are results that
//! background work sends back. Both are handled in one place, `DeskApp::handle`/`DeskApp::receive`.

use crate::api::lookups::LoadEvent;
use crate::api::types::{Area, PostalCode, SalesAgent};
use crate::api::{ApiError, ApiKey, EnvKind};
use crate::keystore::KeyStoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LookupKind {
    Areas,
    PostalCodes,
    SalesAgents,
}

impl LookupKind {
    pub fn label(self) -> &'static str {
        match self {
            LookupKind::Areas => "Areas",
            LookupKind::PostalCodes => "Postal codes",
            LookupKind::SalesAgents => "Sales agents",
        }
    }
}

#[must_use]
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Submit,
    NewCustomer,
    SwitchEnv(EnvKind),
    SaveKey,
    ForgetKey,
    UseKeyForSession,
    ApplyCustomUrl,
    RetryLookup(LookupKind),
    RetrySandbox,
    TestConnection,
    PasteKey,
    CancelCreate,
    ConfirmDuplicate,
    DismissDuplicate,
    LookForCustomer,
    /// One recent entry by index, or every pending one.
    RefreshApproval(Option<usize>),
    ExportCsv,
    RefreshLookups,
}

/// Results from background threads. Each carries the generation it was started for, so a
/// result that arrives after the user switched environment is dropped instead of mixing lists.
#[derive(Debug)]
pub enum Msg {
    AreasEvent(u64, LoadEvent<Area>),
    PostalCodesEvent(u64, LoadEvent<PostalCode>),
    SalesAgentsEvent(u64, LoadEvent<SalesAgent>),
    LookupDone(u64, LookupKind, Result<usize, ApiError>),
    KeyLoaded(EnvKind, Result<Option<ApiKey>, KeyStoreError>),
    KeySaved(EnvKind, Result<(), KeyStoreError>),
    KeyForgotten(EnvKind, Result<(), KeyStoreError>),
    Checked(crate::api::diagnose::CheckReport),
    /// A whole list loaded in the background, to replace the cached one on screen.
    Replaced(u64, Replaced),
    CacheLoaded(
        u64,
        Result<Option<crate::lookup_cache::CachedLookups>, crate::lookup_cache::CacheError>,
    ),
}

#[derive(Debug)]
pub enum Replaced {
    Areas(Vec<Area>),
    PostalCodes(Vec<PostalCode>),
    Agents(Vec<SalesAgent>),
}

impl Replaced {
    pub fn len(&self) -> usize {
        match self {
            Replaced::Areas(v) => v.len(),
            Replaced::PostalCodes(v) => v.len(),
            Replaced::Agents(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
