//! Laying out the window: the environment bar, the form, the result and the recent list.

use super::*;

impl DeskApp {
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        let mut actions = Vec::new();
        egui::Panel::top("env-bar").show(ui, |ui| {
            ui.add_space(4.0);
            if let Some(a) = self.env.ui(ui) {
                actions.push(a);
            }
            ui.add_space(2.0);
        });
        egui::CentralPanel::default_margins().show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                if let Some(p) = &self.client_problem {
                    crate::ui::theme::error_banner(ui, p);
                }
                let wide = ui.available_width() > 980.0;
                let form_ui = |ui: &mut egui::Ui, app: &mut DeskApp, actions: &mut Vec<Action>| {
                    ui.heading("New customer");
                    let cx = FormContext {
                        busy: app.submission.is_busy(),
                        submit_label: app.submit_label(),
                    };
                    if let Some(a) = app.form.ui(ui, &mut app.lookups, &cx) {
                        actions.push(a);
                    }
                    if let Some(a) = app.submission.status_ui(ui) {
                        actions.push(a);
                    }
                    // After the form, so its button never sits between a clerk and the fields.
                    if let Some(a) = app.lookups_line(ui) {
                        actions.push(a);
                    }
                };
                if wide {
                    ui.columns(2, |cols| {
                        form_ui(&mut cols[0], self, &mut actions);
                        actions.extend(self.outcome_ui(&mut cols[1]));
                    });
                } else {
                    form_ui(ui, self, &mut actions);
                    ui.separator();
                    actions.extend(self.outcome_ui(ui));
                }
                ui.add_space(12.0);
                // Last in the tab order, so it never stands between a clerk and the form.
                if ui.small_button("About Sourcehub Desk").clicked() {
                    self.show_about = true;
                }
            });
        });
        egui::Window::new("About Sourcehub Desk")
            .open(&mut self.show_about)
            .collapsible(false)
            .show(ui.ctx(), crate::ui::about::about_ui);
        for a in actions {
            self.handle(a);
        }
        if self.form.draft != self.last_saved_draft {
            self.last_saved_draft = self.form.draft.clone();
            if let Some(w) = &self.draft_writer {
                let _ = w.send(Some(self.form.draft.clone()));
            }
        }
        if std::mem::take(&mut self.paste_requested) {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::RequestPaste);
        }
        // Focus moves when the field is next drawn; make sure there is a next frame.
        if self.form.focus_request.is_some() {
            ui.ctx().request_repaint();
        }
    }
    /// "Lookups updated 2 h ago" with a Refresh action, once lists are on screen.
    fn lookups_line(&self, ui: &mut egui::Ui) -> Option<Action> {
        let at = self.lookups_updated_at?;
        let refreshing = self.lookups.areas.is_loading()
            || self.lookups.postal_codes.is_loading()
            || self.lookups.agents.is_loading();
        let mut action = None;
        ui.horizontal(|ui| {
            let text = if refreshing {
                format!(
                    "Lookups updated {}; refreshing in the background",
                    crate::ui::recent::ago(at, crate::ui::recent::unix_now())
                )
            } else {
                format!(
                    "Lookups updated {}",
                    crate::ui::recent::ago(at, crate::ui::recent::unix_now())
                )
            };
            ui.label(egui::RichText::new(text).weak().small());
            if ui
                .add_enabled(!refreshing, egui::Button::new("Refresh lookups").small())
                .clicked()
            {
                action = Some(Action::RefreshLookups);
            }
        });
        action
    }

    fn outcome_ui(&mut self, ui: &mut egui::Ui) -> Option<Action> {
        let mut action = None;
        if let Some(outcome) = self.shown_outcome() {
            result_panel_ui(ui, &outcome);
            if let Outcome::Failed(e) = &outcome
                && e.outcome_unknown()
            {
                action = self.submission.search_ui(ui);
            }
            ui.separator();
        }
        let refreshing = self.refreshing.is_some();
        action.or(self.recent.ui(ui, &self.history, refreshing))
    }
}
