//! Sourcehub Desk: a desktop app for creating and reviewing Sourcehub customers, with a built-in
//! stand-in server (the Sandbox). The modules are exposed so `tests/` can drive them directly.

pub mod api;
pub mod atomic_file;
pub mod check;
pub mod cli;
pub mod domain;
pub mod drafts;
pub mod history;
pub mod keystore;
pub mod lookup_cache;
pub mod sandbox;
pub mod ui;
