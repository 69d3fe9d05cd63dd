//! Colours and small house widgets, defined once so every view looks the same.

use egui::{Color32, RichText, Ui};

use crate::api::types::Approval;
use crate::domain::Level;

pub const LIVE_COLOR: Color32 = Color32::from_rgb(0xC6, 0x28, 0x28);
pub const SANDBOX_COLOR: Color32 = Color32::from_rgb(0x2E, 0x7D, 0x32);
pub const TEST_COLOR: Color32 = Color32::from_rgb(0x15, 0x65, 0xC0);

pub fn warning_color(ui: &Ui) -> Color32 {
    ui.visuals().warn_fg_color
}

pub fn error_color(ui: &Ui) -> Color32 {
    ui.visuals().error_fg_color
}

/// One line under a field: the icon carries the meaning as well as the colour does.
pub fn verdict_label(ui: &mut Ui, level: Level, message: &str) -> egui::Response {
    let (icon, color) = match level {
        Level::Error => ("✖", error_color(ui)),
        Level::Warning => ("⚠", warning_color(ui)),
        Level::Info => ("ℹ", ui.visuals().weak_text_color()),
    };
    // Problems at full size so they are read; background information small.
    let text = RichText::new(format!("{icon} {message}")).color(color);
    ui.label(if level == Level::Info {
        text.small()
    } else {
        text
    })
}

pub fn error_banner(ui: &mut Ui, text: &str) -> egui::Response {
    ui.label(RichText::new(format!("✖ {text}")).color(error_color(ui)))
}

/// A coloured badge with an icon and a word, so it reads without colour too.
pub fn badge(ui: &mut Ui, icon: &str, text: &str, color: Color32) -> egui::Response {
    egui::Frame::new()
        .fill(color)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 2))
        .show(ui, |ui| {
            ui.label(
                RichText::new(format!("{icon} {text}"))
                    .color(Color32::WHITE)
                    .strong(),
            )
        })
        .inner
}

pub fn approval_badge(ui: &mut Ui, approval: &Approval) -> egui::Response {
    let (icon, color) = match approval {
        Approval::Accepted => ("✔", Color32::from_rgb(0x2E, 0x7D, 0x32)),
        Approval::Pending => ("⏳", Color32::from_rgb(0xB2, 0x6A, 0x00)),
        Approval::Rejected => ("✖", Color32::from_rgb(0xC6, 0x28, 0x28)),
        Approval::Other(_) | Approval::Missing => ("?", Color32::from_rgb(0x61, 0x61, 0x61)),
    };
    badge(ui, icon, &format!("Approval: {}", approval.label()), color)
}

pub fn status_badge(ui: &mut Ui, status: Option<&str>) -> egui::Response {
    match status {
        Some(s) if s.eq_ignore_ascii_case("active") => {
            badge(ui, "⚫", "Active", Color32::from_rgb(0x2E, 0x7D, 0x32))
        }
        Some(s) if s.eq_ignore_ascii_case("inactive") => {
            badge(ui, "○", "Inactive", Color32::from_rgb(0x61, 0x61, 0x61))
        }
        Some(s) => badge(ui, "?", s, Color32::from_rgb(0x61, 0x61, 0x61)),
        None => badge(
            ui,
            "?",
            "Status not reported",
            Color32::from_rgb(0x61, 0x61, 0x61),
        ),
    }
}
