//! Sourcehub's wire types and the blocking HTTP client. No egui here.

pub mod client;
pub mod diagnose;
pub mod environment;
pub mod error;
pub mod key;
pub mod lenient;
pub mod lookups;
pub mod search;
pub mod types;

pub use client::{Created, PAGE_SIZE, SourcehubClient};
pub use environment::{Endpoint, EnvKind, LookupPaths};
pub use error::ApiError;
pub use key::ApiKey;
