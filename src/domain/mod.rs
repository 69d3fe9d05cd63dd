//! Pure validation core: no UI, no I/O, no clock.

pub mod customer;
pub mod field;
pub mod filter;
pub mod gstin;
mod gstin_layout;
pub mod mobile;
pub mod pin;
pub mod states;
pub mod text;
pub mod validate;

pub use customer::{AgentPick, AreaPick, CustomerDraft, GstTreatment, PostalPick, ValidCustomer};
pub use field::Field;
pub use validate::{Level, Report, Verdict, check, reconcile_gst_treatment, validate};
