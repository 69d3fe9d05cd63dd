//! The list of customers created from this machine: search, pick one to see its card, refresh
//! approvals, export as CSV.

use egui::{RichText, Ui};

use super::msg::Action;
use super::theme;
use crate::history::History;

#[derive(Debug, Default)]
pub struct RecentPanel {
    pub query: String,
    pub selected: Option<usize>,
    /// A one-line result of the last refresh or export.
    pub message: Option<(bool, String)>,
}

/// "3 min ago" from two Unix times; the caller supplies `now` so this stays testable.
pub fn ago(then: u64, now: u64) -> String {
    let s = now.saturating_sub(then);
    match s {
        0..=59 => "just now".into(),
        60..=3599 => format!("{} min ago", s / 60),
        3600..=86_399 => format!("{} h ago", s / 3600),
        _ => format!("{} days ago", s / 86_400),
    }
}

pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

impl RecentPanel {
    pub fn ui(&mut self, ui: &mut Ui, history: &History, refreshing: bool) -> Option<Action> {
        let mut action = None;
        let pending = history
            .entries
            .iter()
            .filter(|e| e.customer.approval.as_deref() == Some("pending"))
            .count();
        egui::CollapsingHeader::new(format!("Recent submissions ({})", history.entries.len()))
            .id_salt("recent-submissions")
            .default_open(true)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    let l = ui.label("Search recent");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.query)
                            .hint_text("name, mobile, GSTIN or id")
                            .desired_width(220.0),
                    )
                    .labelled_by(l.id);
                });
                ui.horizontal(|ui| {
                    let all = egui::Button::new(format!("Refresh approval of pending ({pending})"));
                    if ui.add_enabled(!refreshing && pending > 0, all).clicked() {
                        action = Some(Action::RefreshApproval(None));
                    }
                    if ui
                        .add_enabled(!history.entries.is_empty(), egui::Button::new("Export CSV"))
                        .clicked()
                    {
                        action = Some(Action::ExportCsv);
                    }
                    if refreshing {
                        ui.spinner();
                    }
                });
                if let Some((ok, m)) = &self.message {
                    let color = if *ok {
                        ui.visuals().weak_text_color()
                    } else {
                        theme::error_color(ui)
                    };
                    ui.label(RichText::new(m).color(color).small());
                }
                let now = unix_now();
                let hits = history.search(&self.query);
                egui::ScrollArea::vertical()
                    .id_salt("recent-list")
                    .max_height(240.0)
                    .show_rows(ui, 20.0, hits.len(), |ui, range| {
                        for &i in &hits[range] {
                            let e = &history.entries[i];
                            let c = &e.customer;
                            let text = format!(
                                "#{} {} · {} · {} · {} · {}",
                                c.id.map(|i| i.to_string()).unwrap_or_else(|| "?".into()),
                                c.company_name.as_deref().unwrap_or("(no name)"),
                                c.contactperson_number.as_deref().unwrap_or("-"),
                                c.approval().label(),
                                e.env.label(),
                                ago(e.created_at, now)
                            );
                            if ui
                                .selectable_label(self.selected == Some(i), text)
                                .clicked()
                            {
                                self.selected = Some(i);
                            }
                        }
                    });
            });
        if let Some(i) = self.selected
            && let Some(e) = history.entries.get(i)
        {
            let checked = match e.last_checked {
                Some(t) => format!("approval last checked {}", ago(t, unix_now())),
                None => "approval not checked since it was created".into(),
            };
            ui.horizontal(|ui| {
                ui.label(RichText::new(checked).weak().small());
                if ui
                    .add_enabled(!refreshing, egui::Button::new("Refresh approval"))
                    .clicked()
                {
                    action = Some(Action::RefreshApproval(Some(i)));
                }
            });
        }
        action
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ago_reads_naturally() {
        assert_eq!(super::ago(100, 110), "just now");
        assert_eq!(super::ago(100, 100 + 180), "3 min ago");
        assert_eq!(super::ago(100, 100 + 7300), "2 h ago");
        assert_eq!(super::ago(100, 100 + 3 * 86_400), "3 days ago");
        assert_eq!(super::ago(200, 100), "just now");
    }
}
