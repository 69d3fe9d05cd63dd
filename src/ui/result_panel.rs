//! The result of the last create: the customer card on success, the error in words on failure.

use egui::{RichText, Ui};

use super::theme;
use crate::api::types::{CreateCustomerRequest, Customer};
use crate::api::{ApiError, Created, EnvKind};

#[derive(Debug, Clone)]
pub enum Outcome {
    Created {
        created: Box<Created>,
        sent: CreateCustomerRequest,
        env: EnvKind,
    },
    Failed(ApiError),
}

/// One difference between what was sent and what the server stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub field: &'static str,
    pub sent: String,
    pub stored: String,
}

fn norm(s: Option<&str>) -> String {
    s.unwrap_or("").trim().to_owned()
}

/// Compares through one mapping, request field → response field, so a new field is added once.
pub fn differences(sent: &CreateCustomerRequest, stored: &Customer) -> Vec<Difference> {
    let address = stored.address.as_ref();
    let pairs: [(&'static str, String, String); 8] = [
        (
            "Company name",
            sent.company_name.clone(),
            norm(stored.company_name.as_deref()),
        ),
        (
            "Mobile number",
            sent.mobile_number.clone(),
            norm(stored.contactperson_number.as_deref()),
        ),
        (
            "Contact person",
            sent.contactpersons_name.clone(),
            norm(stored.contact_person_name.as_deref()),
        ),
        (
            "Address",
            sent.address.clone(),
            norm(address.and_then(|a| a.addressline1.as_deref())),
        ),
        (
            "Area id",
            sent.area_id.to_string(),
            stored
                .area()
                .and_then(|a| a.id)
                .map(|i| i.to_string())
                .unwrap_or_default(),
        ),
        (
            "Postal code id",
            sent.postalcode_id.to_string(),
            stored
                .postal_code()
                .and_then(|p| p.id)
                .map(|i| i.to_string())
                .unwrap_or_default(),
        ),
        (
            "GST treatment",
            sent.gst_treatment.clone(),
            norm(stored.gst_treatment.as_deref()),
        ),
        (
            "GSTIN",
            sent.gstin.clone().unwrap_or_default(),
            norm(stored.gstin.as_deref()),
        ),
    ];
    pairs
        .into_iter()
        .filter(|(_, s, t)| s.trim() != t.trim())
        .map(|(field, sent, stored)| Difference {
            field,
            sent: if sent.is_empty() {
                "(nothing)".into()
            } else {
                sent
            },
            stored: if stored.is_empty() {
                "(empty)".into()
            } else {
                stored
            },
        })
        .collect()
}

fn or_not_set(v: Option<&str>) -> String {
    v.map(str::to_owned).unwrap_or_else(|| "not set".into())
}

fn code_suffix(code: Option<&str>) -> String {
    match code {
        Some(c) => format!(" ({c})"),
        None => String::new(),
    }
}

pub fn result_panel_ui(ui: &mut Ui, outcome: &Outcome) {
    match outcome {
        Outcome::Failed(err) => {
            ui.heading("Not created");
            theme::error_banner(ui, &err.to_string());
            if err.outcome_unknown() {
                ui.label(
                    RichText::new(
                        "The customer may or may not have been created. Look for it in Sourcehub before sending again.",
                    )
                    .color(theme::warning_color(ui)),
                );
            }
            ui.label(RichText::new("Everything you typed is still in the form.").weak());
        }
        Outcome::Created { created, sent, env } => {
            customer_card(ui, &created.customer, sent, *env);
            ui.horizontal(|ui| {
                if ui.button("Copy as text").clicked() {
                    ui.ctx().copy_text(summary_text(&created.customer, *env));
                }
                if ui.button("Copy JSON").clicked() {
                    ui.ctx().copy_text(created.raw.clone());
                }
            });
        }
    }
}

/// A tidy plain-text summary for chat or email.
pub fn summary_text(c: &Customer, env: EnvKind) -> String {
    let v = |o: Option<&str>| o.unwrap_or("-").to_owned();
    let area = c.area();
    let city = area.and_then(|a| a.city.as_ref());
    let state = city.and_then(|c| c.state.as_ref());
    let address = c.address.as_ref();
    let mut lines = vec![
        format!(
            "{} (customer {}, {})",
            v(c.display_name.as_deref().or(c.company_name.as_deref())),
            c.id.map(|i| i.to_string())
                .unwrap_or_else(|| "id not assigned yet".into()),
            env.label()
        ),
        format!(
            "Status: {} · Approval: {}",
            v(c.status.as_deref()),
            c.approval().label()
        ),
        format!(
            "Contact: {}, {}",
            v(c.contact_person_name.as_deref()),
            v(c.contactperson_number.as_deref())
        ),
        format!(
            "GST: {} {}",
            v(c.gst_treatment.as_deref()),
            c.gstin.as_deref().unwrap_or("")
        )
        .trim_end()
        .to_owned(),
        format!(
            "Address: {}",
            [
                address.and_then(|a| a.addressline1.clone()),
                address.and_then(|a| a.addressline2.clone()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ")
        ),
        format!(
            "Location: {} > {} > {} > {}",
            v(state.and_then(|s| s.name.as_deref())),
            v(city.and_then(|c| c.name.as_deref())),
            v(area.and_then(|a| a.name.as_deref())),
            v(c.postal_code().and_then(|p| p.code.as_deref()))
        ),
    ];
    if let Some(code) = &c.customer_code {
        lines.insert(1, format!("Customer code: {code}"));
    }
    lines.join("\n")
}

fn customer_card(ui: &mut Ui, c: &Customer, sent: &CreateCustomerRequest, env: EnvKind) {
    ui.heading(format!("Customer created in {}", env.label()));
    ui.horizontal(|ui| {
        theme::status_badge(ui, c.status.as_deref());
        theme::approval_badge(ui, &c.approval());
    });
    egui::Grid::new("customer-card")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            let mut row = |k: &str, v: String| {
                ui.label(RichText::new(k).weak());
                ui.label(v);
                ui.end_row();
            };
            row(
                "Customer id",
                c.id.map(|i| i.to_string())
                    .unwrap_or_else(|| "not assigned yet".into()),
            );
            row(
                "Customer code",
                c.customer_code
                    .clone()
                    .unwrap_or_else(|| "not assigned yet".into()),
            );
            row("Display name", or_not_set(c.display_name.as_deref()));
            row("Company", or_not_set(c.company_name.as_deref()));
            row(
                "Contact person",
                or_not_set(c.contact_person_name.as_deref()),
            );
            row(
                "Contact number",
                or_not_set(c.contactperson_number.as_deref()),
            );
            row("GST treatment", or_not_set(c.gst_treatment.as_deref()));
            row("GSTIN", or_not_set(c.gstin.as_deref()));
            let address = c.address.as_ref();
            row(
                "Address line 1",
                or_not_set(address.and_then(|a| a.addressline1.as_deref())),
            );
            if let Some(l2) = address.and_then(|a| a.addressline2.as_deref()) {
                row("Address line 2", l2.to_owned());
            }
        });

    ui.add_space(6.0);
    ui.label(RichText::new("Location: State ▶ City ▶ Area ▶ PIN").strong());
    let area = c.area();
    let city = area.and_then(|a| a.city.as_ref());
    let state = city.and_then(|c| c.state.as_ref());
    let pin = c.postal_code();
    egui::Grid::new("customer-hierarchy")
        .num_columns(2)
        .spacing([12.0, 2.0])
        .show(ui, |ui| {
            let mut level = |k: &str, v: String| {
                ui.label(RichText::new(k).weak());
                ui.label(v);
                ui.end_row();
            };
            level(
                "State",
                format!(
                    "{}{}",
                    or_not_set(state.and_then(|s| s.name.as_deref())),
                    code_suffix(state.and_then(|s| s.code.as_deref()))
                ),
            );
            level(
                "  City",
                format!(
                    "{}{}",
                    or_not_set(city.and_then(|c| c.name.as_deref())),
                    code_suffix(city.and_then(|c| c.code.as_deref()))
                ),
            );
            level(
                "    Area",
                format!(
                    "{}{}",
                    or_not_set(area.and_then(|a| a.name.as_deref())),
                    code_suffix(area.and_then(|a| a.area_code.as_deref()))
                ),
            );
            level("      PIN", or_not_set(pin.and_then(|p| p.code.as_deref())));
        });

    let diffs = differences(sent, c);
    if !diffs.is_empty() {
        ui.add_space(6.0);
        ui.label(
            RichText::new("⚠ The server stored something other than what was sent:")
                .color(theme::warning_color(ui)),
        );
        for d in diffs {
            ui.label(format!("{}: sent {}, stored {}", d.field, d.sent, d.stored));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::{Address, Area, PostalCode};

    #[test]
    fn a_dropped_gstin_is_reported() {
        let sent = CreateCustomerRequest::documented_sample();
        let stored = Customer {
            company_name: Some("Arun Store".into()),
            contactperson_number: Some("1230987654".into()),
            contact_person_name: Some("Arun Sen".into()),
            gst_treatment: Some("Registered".into()),
            gstin: None,
            address: Some(Address {
                addressline1: Some("Bangalore".into()),
                area: Some(Area {
                    id: Some(112),
                    ..Area::default()
                }),
                postalcode: Some(PostalCode {
                    id: Some(31),
                    code: Some("560030".into()),
                }),
                ..Address::default()
            }),
            ..Customer::default()
        };
        let d = differences(&sent, &stored);
        assert_eq!(
            d,
            vec![Difference {
                field: "GSTIN",
                sent: "29AAACC1206D2ZB".into(),
                stored: "(empty)".into()
            }]
        );
    }
}
