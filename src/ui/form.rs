//! The customer form. It edits the draft in place, shows every verdict inline as the clerk types,
//! and returns an `Action` for anything that needs the app (submit, retry a lookup).

use std::collections::BTreeSet;

use egui::{Id, Key, Modifiers, RichText, Ui};

use super::lookup_combo::{ComboPick, LookupCombo};
use super::lookup_list::Lookups;
use super::msg::{Action, LookupKind};
use super::theme;
use crate::domain::{
    self, AgentPick, AreaPick, CustomerDraft, Field, GstTreatment, Level, PostalPick, Report,
};

#[derive(Debug, Default)]
pub struct CustomerForm {
    pub draft: CustomerDraft,
    /// Fields the clerk has edited; "required" errors show only for these until a submit.
    pub touched: BTreeSet<Field>,
    pub show_all_errors: bool,
    /// A one-line notice about something the form did on its own (e.g. switched treatment).
    pub notice: Option<String>,
    pub focus_request: Option<Field>,
    /// "New customer" keeps the area and postal code too (the agent is always kept).
    pub keep_area: bool,
}

/// What the form needs to know about the rest of the app this frame.
pub struct FormContext<'a> {
    pub busy: bool,
    pub submit_label: &'a str,
}

/// Ctrl+Enter creates, Ctrl+N starts the next customer, from anywhere in the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shortcut {
    Submit,
    NewCustomer,
}

pub fn field_id(field: Field) -> Id {
    Id::unique(("customer-field", field))
}

impl CustomerForm {
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        lookups: &mut Lookups,
        cx: &FormContext<'_>,
    ) -> Option<Action> {
        let mut action = None;
        // Taken before any widget is drawn: a focused dropdown would otherwise also treat the
        // Enter of Ctrl+Enter as a click and open.
        let shortcut = ui.input_mut(|i| {
            if i.consume_key(Modifiers::COMMAND, Key::Enter) {
                Some(Shortcut::Submit)
            } else if i.consume_key(Modifiers::COMMAND, Key::N) {
                Some(Shortcut::NewCustomer)
            } else {
                None
            }
        });
        if let Some(n) = domain::reconcile_gst_treatment(&mut self.draft) {
            self.notice = Some(n);
        }
        // Rechecked after every edit within the frame, so the verdicts drawn always match
        // what is in the fields (a stale line would shift the layout under the pointer).
        let mut report = domain::check(&self.draft);
        let report = &mut report;
        egui::Grid::new("customer-form")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .min_col_width(130.0)
            .show(ui, |ui| {
                self.text_row(ui, report, Field::CompanyName, "e.g. Arun Store");
                self.text_row(ui, report, Field::Mobile, "e.g. 98765 43210");
                self.text_row(ui, report, Field::ContactPerson, "e.g. Arun Sen");
                self.text_row(ui, report, Field::Address, "street, building");
                action = action.take().or(self.area_row(ui, report, lookups));
                action = action.take().or(self.postal_row(ui, report, lookups));
                self.treatment_row(ui, report);
                if self.draft.gst_treatment == Some(GstTreatment::Registered)
                    || !self.draft.gstin.trim().is_empty()
                {
                    self.text_row(
                        ui,
                        report,
                        Field::Gstin,
                        "15 characters, e.g. 29AAACC1206D2ZB",
                    );
                }
                action = action.take().or(self.agent_row(ui, report, lookups));
            });

        if let Some(n) = &self.notice {
            ui.label(RichText::new(format!("ℹ {n}")).color(theme::warning_color(ui)));
        }
        ui.add_space(8.0);
        action.or(self.submit_row(ui, report, cx, shortcut))
    }

    fn label_cell(&self, ui: &mut Ui, field: Field) -> egui::Response {
        ui.horizontal(|ui| {
            let l = ui.label(field.label());
            if field.required_for(self.draft.gst_treatment) {
                ui.label(RichText::new("*").color(theme::error_color(ui)))
                    .on_hover_text("required");
            }
            l
        })
        .inner
    }

    /// Draws the field's verdicts under it and puts the same text in the widget's accessible
    /// description, so a screen reader announces the error with the field.
    fn verdicts(&self, ui: &mut Ui, report: &Report, field: Field, widget: egui::Id) {
        let show_errors = self.show_all_errors || self.touched.contains(&field);
        let mut spoken = Vec::new();
        for v in report.for_field(field) {
            if v.level != Level::Error || show_errors {
                theme::verdict_label(ui, v.level, &v.message);
                spoken.push(v.message.clone());
            }
        }
        if !spoken.is_empty() {
            ui.ctx().accesskit_node_builder(widget, |node| {
                node.set_description(spoken.join(". "));
            });
        }
    }

    fn take_focus(&mut self, field: Field, response: &egui::Response) {
        if self.focus_request == Some(field) {
            response.request_focus();
            self.focus_request = None;
        }
    }

    fn text_row(&mut self, ui: &mut Ui, report: &mut Report, field: Field, hint: &str) {
        let label = self.label_cell(ui, field);
        ui.vertical(|ui| {
            let value = match field {
                Field::CompanyName => &mut self.draft.company_name,
                Field::Mobile => &mut self.draft.mobile,
                Field::ContactPerson => &mut self.draft.contact_person,
                Field::Address => &mut self.draft.address,
                _ => &mut self.draft.gstin,
            };
            let r = ui
                .add(
                    egui::TextEdit::singleline(value)
                        .id(field_id(field))
                        .hint_text(hint)
                        .desired_width(340.0),
                )
                .labelled_by(label.id);
            if r.changed() {
                if field == Field::Gstin {
                    // Upper-cased and stripped of spaces and dashes as typed; anything else
                    // (a zero-width space, a fullwidth digit) stays so the check can name it.
                    *value = value
                        .chars()
                        .filter(|c| !c.is_whitespace() && *c != '-')
                        .map(|c| c.to_ascii_uppercase())
                        .collect();
                }
                self.touched.insert(field);
                *report = domain::check(&self.draft);
            }
            self.take_focus(field, &r);
            self.verdicts(ui, report, field, r.id);
        });
        ui.end_row();
    }

    fn area_row(
        &mut self,
        ui: &mut Ui,
        report: &mut Report,
        lookups: &mut Lookups,
    ) -> Option<Action> {
        let label = self.label_cell(ui, Field::Area);
        let mut action = None;
        ui.vertical(|ui| {
            let combo = LookupCombo {
                id_salt: "area-combo",
                label_id: label.id,
                noun_plural: "Areas",
                selected_text: self
                    .draft
                    .area
                    .as_ref()
                    .map(|a| format!("{} — {}, {}", a.name, a.city, a.state))
                    .unwrap_or_default(),
                suggested: Vec::new(),
                expected_total: lookups.expected_total(LookupKind::Areas),
                width: 340.0,
                pick_exact_match: false,
            };
            let (pick, combo_response) = combo.show(ui, &mut lookups.areas);
            match pick {
                Some(ComboPick::Item(i)) => {
                    if let Some(a) = lookups.areas.items.get(i) {
                        self.draft.area = Some(AreaPick {
                            id: a.id.unwrap_or_default(),
                            name: a.name.clone().unwrap_or_default(),
                            city: a.city_name().unwrap_or_default().to_owned(),
                            state: a.state_name().unwrap_or_default().to_owned(),
                        });
                        // An area with exactly one PIN code fills an empty postal code.
                        if self.draft.postal_code.is_none()
                            && let [only] = a.postalcodes.as_slice()
                            && let (Some(id), Some(code)) = (only.id, only.code.clone())
                        {
                            self.draft.postal_code = Some(PostalPick { id, code });
                        }
                        self.touched.insert(Field::Area);
                        *report = domain::check(&self.draft);
                    }
                }
                Some(ComboPick::Retry) => action = Some(Action::RetryLookup(LookupKind::Areas)),
                _ => {}
            }
            self.take_focus(Field::Area, &combo_response);
            self.verdicts(ui, report, Field::Area, combo_response.id);
        });
        ui.end_row();
        action
    }

    fn postal_row(
        &mut self,
        ui: &mut Ui,
        report: &mut Report,
        lookups: &mut Lookups,
    ) -> Option<Action> {
        let label = self.label_cell(ui, Field::PostalCode);
        let mut action = None;
        let suggestions = lookups.postal_codes_for_area(self.draft.area.as_ref().map(|a| a.id));
        ui.vertical(|ui| {
            let combo = LookupCombo {
                id_salt: "postal-combo",
                label_id: label.id,
                noun_plural: "Postal codes",
                selected_text: self
                    .draft
                    .postal_code
                    .as_ref()
                    .map(|p| p.code.clone())
                    .unwrap_or_default(),
                suggested: suggestions
                    .iter()
                    .map(|p| format!("{} (this area)", p.code))
                    .collect(),
                expected_total: lookups.expected_total(LookupKind::PostalCodes),
                width: 340.0,
                pick_exact_match: true,
            };
            let (pick, combo_response) = combo.show(ui, &mut lookups.postal_codes);
            match pick {
                Some(ComboPick::Item(i)) => {
                    if let Some(p) = lookups.postal_codes.items.get(i) {
                        self.draft.postal_code = Some(PostalPick {
                            id: p.id.unwrap_or_default(),
                            code: p.code.clone().unwrap_or_default(),
                        });
                        self.touched.insert(Field::PostalCode);
                        *report = domain::check(&self.draft);
                    }
                }
                Some(ComboPick::Suggested(i)) => {
                    if let Some(p) = suggestions.get(i) {
                        self.draft.postal_code = Some(p.clone());
                        self.touched.insert(Field::PostalCode);
                        *report = domain::check(&self.draft);
                    }
                }
                Some(ComboPick::Retry) => {
                    action = Some(Action::RetryLookup(LookupKind::PostalCodes));
                }
                None => {}
            }
            self.take_focus(Field::PostalCode, &combo_response);
            self.verdicts(ui, report, Field::PostalCode, combo_response.id);
        });
        ui.end_row();
        action
    }

    fn agent_row(
        &mut self,
        ui: &mut Ui,
        report: &mut Report,
        lookups: &mut Lookups,
    ) -> Option<Action> {
        let label = self.label_cell(ui, Field::SalesAgent);
        let mut action = None;
        ui.vertical(|ui| {
            let combo = LookupCombo {
                id_salt: "agent-combo",
                label_id: label.id,
                noun_plural: "Sales agents",
                selected_text: self
                    .draft
                    .sales_agent
                    .as_ref()
                    .map(|a| a.name.clone())
                    .unwrap_or_default(),
                suggested: Vec::new(),
                expected_total: None,
                width: 340.0,
                pick_exact_match: false,
            };
            let (pick, combo_response) = combo.show(ui, &mut lookups.agents);
            match pick {
                Some(ComboPick::Item(i)) => {
                    if let Some(a) = lookups.agents.items.get(i) {
                        self.draft.sales_agent = Some(AgentPick {
                            id: a.id.unwrap_or_default(),
                            name: a.display_label(),
                        });
                        self.touched.insert(Field::SalesAgent);
                        *report = domain::check(&self.draft);
                    }
                }
                Some(ComboPick::Retry) => {
                    action = Some(Action::RetryLookup(LookupKind::SalesAgents));
                }
                _ => {}
            }
            self.take_focus(Field::SalesAgent, &combo_response);
            self.verdicts(ui, report, Field::SalesAgent, combo_response.id);
        });
        ui.end_row();
        action
    }

    fn treatment_row(&mut self, ui: &mut Ui, report: &mut Report) {
        self.label_cell(ui, Field::GstTreatment);
        ui.vertical(|ui| {
            let first = ui.horizontal(|ui| {
                let mut first = None;
                for t in [GstTreatment::Registered, GstTreatment::Unregistered] {
                    let r = ui.radio_value(&mut self.draft.gst_treatment, Some(t), t.as_str());
                    first.get_or_insert(r.clone());
                    if r.changed() {
                        self.touched.insert(Field::GstTreatment);
                        *report = domain::check(&self.draft);
                    }
                }
                first
            });
            if let Some(first) = first.inner {
                self.take_focus(Field::GstTreatment, &first);
                self.verdicts(ui, report, Field::GstTreatment, first.id);
            }
        });
        ui.end_row();
    }

    fn submit_row(
        &mut self,
        ui: &mut Ui,
        report: &Report,
        cx: &FormContext<'_>,
        shortcut: Option<Shortcut>,
    ) -> Option<Action> {
        let mut action = None;
        let ready = report.is_submittable() && !cx.busy;
        ui.horizontal(|ui| {
            let button = egui::Button::new(RichText::new(cx.submit_label).strong());
            let r = ui.add_enabled(ready, button);
            let r = if cx.busy {
                r.on_disabled_hover_text("A create is already being sent")
            } else {
                r.on_disabled_hover_text("Fill in the marked fields first")
            };
            if r.clicked() {
                action = Some(Action::Submit);
            }
            if cx.busy {
                ui.spinner();
                ui.label("Sending…");
            }
            if ui.button("New customer").clicked() {
                action = Some(Action::NewCustomer);
            }
            ui.checkbox(&mut self.keep_area, "Keep area for the next customer");
        });
        if shortcut == Some(Shortcut::NewCustomer) {
            action = Some(Action::NewCustomer);
        }
        // When the form is not ready, the attempt moves focus to the first problem.
        if !cx.busy && shortcut == Some(Shortcut::Submit) {
            action = Some(Action::Submit);
        }
        if !cx.busy && !report.is_submittable() {
            let missing: Vec<&str> = Field::ALL
                .into_iter()
                .filter(|f| report.for_field(*f).any(|v| v.level == Level::Error))
                .map(Field::label)
                .collect();
            ui.label(
                RichText::new(format!("Still to fix: {}", missing.join(", ")))
                    .weak()
                    .small(),
            );
        }
        action
    }
}
