//! The environment bar: which Sourcehub the app talks to, always visible, with the API key for
//! Test, Live and Custom. Live is red so nobody creates real customers by mistake.

use std::collections::HashMap;

use egui::{RichText, Ui};

use super::msg::Action;
use super::theme;
use crate::api::diagnose::{CheckReport, Verdict};
use crate::api::{ApiKey, EnvKind, LookupPaths};
use crate::keystore::{KeyStore, KeyStoreError};

#[derive(Debug, Default)]
pub enum KeyringState {
    #[default]
    Connecting,
    Ready(KeyStore),
    Unavailable(KeyStoreError),
}

#[derive(Debug, Default)]
pub struct EnvState {
    pub kind: EnvKind,
    pub custom_url: String,
    /// Keys in memory for this session, loaded from the keyring or typed.
    pub keys: HashMap<EnvKind, ApiKey>,
    /// Keys that came from `SOURCEHUB_API_KEY`: used, never saved.
    pub from_env_var: bool,
    pub key_input: String,
    pub key_message: Option<(bool, String)>,
    pub keyring: KeyringState,
    /// What the Sandbox is doing, shown beside the selector.
    pub sandbox_status: String,
    pub sandbox_failed: bool,
    /// Lookup paths per environment, editable under Advanced (the real ones are undocumented).
    pub paths: HashMap<EnvKind, LookupPaths>,
    pub checking: bool,
    pub check: Option<CheckReport>,
    /// Spaces trimmed from the last key entered, for the 401 diagnosis.
    pub last_trimmed: usize,
    pub reveal: bool,
    /// Seconds; 0 means the default (5 s to connect, 20 s for a whole request).
    pub connect_timeout_s: u64,
    pub request_timeout_s: u64,
    /// Lookup pages in flight at once (1-16; 0 means the default, 4).
    pub lookup_concurrency: usize,
}

pub fn key_field_id() -> egui::Id {
    egui::Id::unique("api-key-field")
}

impl EnvState {
    pub fn current_key(&self) -> Option<&ApiKey> {
        self.keys.get(&self.kind)
    }

    pub fn color(kind: EnvKind) -> egui::Color32 {
        match kind {
            EnvKind::Live => theme::LIVE_COLOR,
            EnvKind::Sandbox => theme::SANDBOX_COLOR,
            EnvKind::Test | EnvKind::Custom => theme::TEST_COLOR,
        }
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Environment");
            let mut chosen = self.kind;
            let r = egui::ComboBox::from_id_salt("env-combo")
                .selected_text(self.kind.label())
                .show_ui(ui, |ui| {
                    for k in EnvKind::ALL {
                        ui.selectable_value(&mut chosen, k, k.label());
                    }
                });
            let _ = r.response.labelled_by(label.id);
            if chosen != self.kind {
                action = Some(Action::SwitchEnv(chosen));
            }
            let icon = if self.kind == EnvKind::Live {
                "⚠"
            } else {
                "⚫"
            };
            theme::badge(ui, icon, self.kind.label(), Self::color(self.kind));
            if self.kind == EnvKind::Live {
                ui.label(
                    RichText::new("LIVE: customers you create here are real")
                        .color(theme::LIVE_COLOR)
                        .strong(),
                );
            }
            if self.kind == EnvKind::Sandbox {
                ui.label(RichText::new(&self.sandbox_status).weak());
                if self.sandbox_failed && ui.button("Retry starting the Sandbox").clicked() {
                    action = Some(Action::RetrySandbox);
                }
            }
        });
        if self.kind == EnvKind::Custom {
            ui.horizontal(|ui| {
                let l = ui.label("Base URL");
                ui.add(
                    egui::TextEdit::singleline(&mut self.custom_url)
                        .hint_text("https://proxy.example.com/api")
                        .desired_width(360.0),
                )
                .labelled_by(l.id);
                if ui.button("Use this URL").clicked() {
                    action = Some(Action::ApplyCustomUrl);
                }
            });
        }
        if self.kind != EnvKind::Sandbox {
            action = action.or(self.key_row(ui));
        }
        action = action.or(self.check_row(ui));
        self.advanced(ui);
        action
    }

    fn check_row(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(!self.checking, egui::Button::new("Test connection"))
                .clicked()
            {
                action = Some(Action::TestConnection);
            }
            if self.checking {
                ui.spinner();
                ui.label("Checking…");
            } else if let Some(r) = &self.check {
                let (icon, color) = match r.verdict {
                    Verdict::Connected => ("✔", theme::SANDBOX_COLOR),
                    _ => ("✖", theme::error_color(ui)),
                };
                let status = r.status.map(|s| format!("HTTP {s}, ")).unwrap_or_default();
                ui.label(
                    RichText::new(format!(
                        "{icon} {} ({status}{} ms)",
                        r.headline(),
                        r.elapsed.as_millis()
                    ))
                    .color(color),
                );
            }
        });
        if let Some(CheckReport {
            verdict: Verdict::KeyRejected { causes },
            ..
        }) = &self.check
            && !self.checking
        {
            ui.label(RichText::new("Likely causes, most likely first:").small());
            for (i, c) in causes.iter().enumerate() {
                ui.label(RichText::new(format!("{}. {c}", i + 1)).small());
            }
        }
        action
    }

    fn advanced(&mut self, ui: &mut Ui) {
        egui::CollapsingHeader::new("Advanced")
            .id_salt("env-advanced")
            .show(ui, |ui| {
                ui.label(
                    RichText::new(
                        "Lookup paths for this environment (Sourcehub does not document them)",
                    )
                    .small()
                    .weak(),
                );
                let paths = self.paths.entry(self.kind).or_default();
                egui::Grid::new("lookup-paths")
                    .num_columns(2)
                    .show(ui, |ui| {
                        for (name, value) in [
                            ("Areas path", &mut paths.areas),
                            ("Postal codes path", &mut paths.postal_codes),
                            ("Sales agents path", &mut paths.sales_agents),
                        ] {
                            let l = ui.label(name);
                            ui.add(egui::TextEdit::singleline(value).desired_width(220.0))
                                .labelled_by(l.id);
                            ui.end_row();
                        }
                    });
                ui.label(
                    RichText::new(
                        "Changes apply on the next reload (Retry or switching environment).",
                    )
                    .small()
                    .weak(),
                );
                ui.horizontal(|ui| {
                    let l = ui.label("Connect timeout (s)");
                    ui.add(egui::DragValue::new(&mut self.connect_timeout_s).range(1..=60))
                        .labelled_by(l.id);
                    let l = ui.label("Request timeout (s)");
                    ui.add(egui::DragValue::new(&mut self.request_timeout_s).range(1..=300))
                        .labelled_by(l.id);
                    let l = ui.label("Pages in flight");
                    ui.add(egui::DragValue::new(&mut self.lookup_concurrency).range(1..=16))
                        .labelled_by(l.id);
                });
            });
    }

    fn key_row(&mut self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        ui.horizontal_wrapped(|ui| {
            let l = ui.label("API key");
            let placeholder = match (self.current_key(), self.from_env_var) {
                (Some(k), true) => format!("from SOURCEHUB_API_KEY ({})", k.last4()),
                (Some(k), false) => format!("saved key {}", k.last4()),
                (None, _) => "paste the key from Dashboard, Settings, API".to_owned(),
            };
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.key_input)
                        .id(key_field_id())
                        .password(!self.reveal)
                        .hint_text(placeholder)
                        .desired_width(280.0),
                )
                .labelled_by(l.id);
            // Shown only while the button is held, so a key is never left on screen.
            let reveal = ui
                .button("Reveal")
                .on_hover_text("hold to show the key you typed");
            self.reveal = reveal.is_pointer_button_down_on();
            if self.reveal {
                ui.ctx().request_repaint();
            }
            if ui.button("Paste").clicked() {
                field.request_focus();
                action = Some(Action::PasteKey);
            }
            let have_input = !self.key_input.trim().is_empty();
            match &self.keyring {
                KeyringState::Ready(_) => {
                    if ui
                        .add_enabled(have_input, egui::Button::new("Save"))
                        .clicked()
                    {
                        action = Some(Action::SaveKey);
                    }
                    if ui
                        .add_enabled(self.current_key().is_some(), egui::Button::new("Forget"))
                        .clicked()
                    {
                        action = Some(Action::ForgetKey);
                    }
                }
                KeyringState::Connecting => {
                    ui.spinner();
                }
                KeyringState::Unavailable(_) => {
                    if ui
                        .add_enabled(have_input, egui::Button::new("Use for this session only"))
                        .clicked()
                    {
                        action = Some(Action::UseKeyForSession);
                    }
                }
            }
        });
        if let KeyringState::Unavailable(e) = &self.keyring {
            ui.label(
                RichText::new(format!("⚠ {e}"))
                    .color(theme::warning_color(ui))
                    .small(),
            );
        }
        if let Some((ok, msg)) = &self.key_message {
            let color = if *ok {
                ui.visuals().weak_text_color()
            } else {
                theme::error_color(ui)
            };
            ui.label(RichText::new(msg).color(color).small());
        }
        action
    }
}
