//! Whole-form check: every field's verdicts at once, and the typed customer
//! when nothing blocks.

use serde::Serialize;

use super::customer::{AreaPick, CustomerDraft, GstTreatment, PostalPick, ValidCustomer};
use super::field::Field;
use super::gstin;
use super::mobile::normalize_mobile;
use super::pin::{normalize_pin, pin_state_warning};
use super::states::check_gstin_state;
use super::text::{
    ADDRESS_MAX, COMPANY_NAME_MAX, CONTACT_PERSON_MAX, TextError, clean_text, length_hint,
};

/// Only `Error` blocks submitting; warnings are for the clerk to judge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Level {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub field: Field,
    pub level: Level,
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub verdicts: Vec<Verdict>,
}

impl Report {
    fn push(&mut self, field: Field, level: Level, message: impl Into<String>) {
        self.verdicts.push(Verdict {
            field,
            level,
            message: message.into(),
        });
    }

    pub fn for_field(&self, field: Field) -> impl Iterator<Item = &Verdict> {
        self.verdicts.iter().filter(move |v| v.field == field)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Verdict> {
        self.verdicts.iter().filter(|v| v.level == Level::Error)
    }

    /// In form order, whatever order the checks ran in, so focus jumps to the
    /// topmost problem.
    pub fn first_error_field(&self) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|&f| self.for_field(f).any(|v| v.level == Level::Error))
    }

    pub fn is_submittable(&self) -> bool {
        self.errors().next().is_none()
    }
}

pub const SWITCHED_TO_REGISTERED: &str =
    "GST treatment switched to Registered because a GSTIN was entered";

/// Separators alone do not count as a typed GSTIN.
fn gstin_is_blank(value: &str) -> bool {
    value.chars().all(|c| c.is_whitespace() || c == '-')
}

/// Product choice for "Unregistered + GSTIN typed": trust the GSTIN (the
/// harder thing to type by accident) and say so, like india-compliance's
/// "GST Category updated to ...". Call when the GSTIN field changes.
pub fn reconcile_gst_treatment(draft: &mut CustomerDraft) -> Option<String> {
    if draft.gst_treatment == Some(GstTreatment::Registered) || gstin_is_blank(&draft.gstin) {
        return None;
    }
    draft.gst_treatment = Some(GstTreatment::Registered);
    Some(SWITCHED_TO_REGISTERED.to_string())
}

fn text_field(report: &mut Report, field: Field, value: &str, max: usize) -> Option<String> {
    if let Some(hint) = length_hint(value, max) {
        report.push(field, Level::Info, hint);
    }
    match clean_text(value, max) {
        Ok(text) => Some(text),
        Err(TextError::Empty) => {
            report.push(
                field,
                Level::Error,
                format!("{} is required", field.label()),
            );
            None
        }
        Err(e) => {
            report.push(field, Level::Error, e.to_string());
            None
        }
    }
}

fn required<T>(report: &mut Report, field: Field, value: Option<T>) -> Option<T> {
    if value.is_none() {
        report.push(
            field,
            Level::Error,
            format!("{} is required", field.label()),
        );
    }
    value
}

fn mobile_field(report: &mut Report, value: &str) -> Option<String> {
    if value.trim().is_empty() {
        report.push(
            Field::Mobile,
            Level::Error,
            format!("{} is required", Field::Mobile.label()),
        );
        return None;
    }
    match normalize_mobile(value) {
        Ok(m) => {
            if let Some(w) = &m.warning {
                report.push(Field::Mobile, Level::Warning, w.clone());
            }
            report.push(
                Field::Mobile,
                Level::Info,
                format!("will be sent as {}", m.national),
            );
            Some(m.national)
        }
        Err(e) => {
            report.push(Field::Mobile, Level::Error, e.to_string());
            None
        }
    }
}

fn postal_field(
    report: &mut Report,
    postal: Option<&PostalPick>,
    area: Option<&AreaPick>,
) -> Option<u64> {
    let pick = required(report, Field::PostalCode, postal)?;
    match normalize_pin(&pick.code) {
        Ok(pin) => {
            let state = area.map_or("", |a| a.state.as_str());
            if let Some(w) = pin_state_warning(&pin, state) {
                report.push(Field::PostalCode, Level::Warning, w);
            }
            Some(pick.id)
        }
        Err(e) => {
            report.push(Field::PostalCode, Level::Error, e.to_string());
            None
        }
    }
}

/// Outer None = blocked; inner Option = the GSTIN to send.
fn gstin_field(
    report: &mut Report,
    value: &str,
    treatment: Option<GstTreatment>,
    area: Option<&AreaPick>,
) -> Option<Option<String>> {
    let blank = gstin_is_blank(value);
    match treatment {
        None => None,
        Some(GstTreatment::Unregistered) if blank => Some(None),
        Some(GstTreatment::Unregistered) => {
            report.push(
                Field::GstTreatment,
                Level::Error,
                "GST treatment is Unregistered but a GSTIN was entered — choose Registered or clear the GSTIN",
            );
            None
        }
        Some(GstTreatment::Registered) if blank => {
            report.push(
                Field::Gstin,
                Level::Error,
                "GSTIN is required for a Registered customer",
            );
            None
        }
        Some(GstTreatment::Registered) => {
            let info = match gstin::validate(value) {
                Ok(info) => info,
                Err(e) => {
                    report.push(Field::Gstin, Level::Error, e.to_string());
                    return None;
                }
            };
            report.push(Field::Gstin, Level::Info, info.summary());
            report.push(
                Field::Gstin,
                Level::Info,
                format!("will be sent as {}", info.normalized),
            );
            for w in &info.warnings {
                report.push(Field::Gstin, Level::Warning, w.clone());
            }
            if let Some(area) = area
                && let Err(m) = check_gstin_state(&info, &area.state)
            {
                if m.is_blocking() {
                    report.push(Field::Gstin, Level::Error, m.to_string());
                    return None;
                }
                report.push(Field::Gstin, Level::Warning, m.to_string());
            }
            Some(Some(info.normalized))
        }
    }
}

fn run(d: &CustomerDraft) -> (Report, Option<ValidCustomer>) {
    let mut r = Report::default();
    let company_name = text_field(
        &mut r,
        Field::CompanyName,
        &d.company_name,
        COMPANY_NAME_MAX,
    );
    let mobile = mobile_field(&mut r, &d.mobile);
    let contact_person = text_field(
        &mut r,
        Field::ContactPerson,
        &d.contact_person,
        CONTACT_PERSON_MAX,
    );
    let address = text_field(&mut r, Field::Address, &d.address, ADDRESS_MAX);
    let area = required(&mut r, Field::Area, d.area.as_ref());
    let postal_code_id = postal_field(&mut r, d.postal_code.as_ref(), area);
    let gst_treatment = required(&mut r, Field::GstTreatment, d.gst_treatment);
    let gstin = gstin_field(&mut r, &d.gstin, gst_treatment, area);
    let sales_agent = required(&mut r, Field::SalesAgent, d.sales_agent.as_ref());

    let valid = (|| {
        Some(ValidCustomer {
            company_name: company_name?,
            mobile: mobile?,
            contact_person: contact_person?,
            address: address?,
            area_id: area?.id,
            postal_code_id: postal_code_id?,
            gst_treatment: gst_treatment?,
            gstin: gstin?,
            sales_agent_id: sales_agent?.id,
        })
    })();
    (r, valid)
}

pub fn check(draft: &CustomerDraft) -> Report {
    run(draft).0
}

pub fn validate(draft: &CustomerDraft) -> Result<ValidCustomer, Report> {
    match run(draft) {
        (report, Some(valid)) if report.is_submittable() => Ok(valid),
        (report, _) => Err(report),
    }
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
