//! A dropdown over a lookup list with type-to-filter. Only the visible rows are laid out
//! (`show_rows`), so 154,823 areas cost the same per frame as ten. Keyboard: the filter has focus
//! when the popup opens, arrows move the highlight, Enter picks, Esc closes.

use egui::{Id, Key, PopupCloseBehavior, RichText, Ui};

use super::lookup_list::{LoadState, LookupList};
use super::theme;

/// What the clerk did with the dropdown this frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComboPick {
    /// An item of the list, by index.
    Item(usize),
    /// One of the suggested rows shown above the list, by index.
    Suggested(usize),
    Retry,
}

pub struct LookupCombo<'a> {
    pub id_salt: &'a str,
    /// The id of the visible label, which names the dropdown for screen readers and tests.
    pub label_id: Id,
    /// `Area` in "Filter areas" and in the progress line.
    pub noun_plural: &'a str,
    pub selected_text: String,
    /// Rows offered first (e.g. the chosen area's PIN codes), with their own labels.
    pub suggested: Vec<String>,
    /// Shown as "~N" while loading when the full size is known from an earlier load.
    pub expected_total: Option<usize>,
    pub width: f32,
    /// Pick an item as soon as the typed filter equals its label (spaces ignored): a clerk who
    /// types a full 6-digit PIN has chosen it.
    pub pick_exact_match: bool,
}

const ROW_HEIGHT: f32 = 20.0;

impl LookupCombo<'_> {
    /// The pick (if any) and the dropdown button's response, so the caller can focus it and
    /// describe its errors to screen readers.
    pub fn show<T>(
        self,
        ui: &mut Ui,
        list: &mut LookupList<T>,
    ) -> (Option<ComboPick>, egui::Response) {
        let mut pick = None;
        let query_id = ui.make_persistent_id((self.id_salt, "query"));
        let highlight_id = ui.make_persistent_id((self.id_salt, "highlight"));
        let selected_text = if self.selected_text.is_empty() {
            RichText::new("Choose…").weak()
        } else {
            RichText::new(self.selected_text.clone())
        };
        let inner = egui::ComboBox::from_id_salt(self.id_salt)
            .selected_text(selected_text)
            .width(self.width)
            .height(360.0)
            .close_behavior(PopupCloseBehavior::CloseOnClickOutside)
            .show_ui(ui, |ui| {
                ui.set_min_width(self.width.max(360.0));
                pick = self.popup_contents(ui, list, query_id, highlight_id);
                if matches!(pick, Some(ComboPick::Item(_) | ComboPick::Suggested(_))) {
                    ui.close();
                }
            });
        let response = inner.response.labelled_by(self.label_id);
        if matches!(pick, Some(ComboPick::Item(_) | ComboPick::Suggested(_))) {
            // Back to the dropdown, so Tab continues to the next field.
            response.request_focus();
        }
        (pick, response)
    }

    fn popup_contents<T>(
        &self,
        ui: &mut Ui,
        list: &mut LookupList<T>,
        query_id: Id,
        highlight_id: Id,
    ) -> Option<ComboPick> {
        let mut query: String = ui.data(|d| d.get_temp(query_id)).unwrap_or_default();
        let mut highlight: usize = ui.data(|d| d.get_temp(highlight_id)).unwrap_or(0);
        let mut pick = None;

        let filter_label = format!("Filter {}", self.noun_plural.to_lowercase());
        let edit = ui
            .horizontal(|ui| {
                let l = ui.label(&filter_label);
                ui.add(
                    egui::TextEdit::singleline(&mut query)
                        .hint_text("type to filter")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l.id)
            })
            .inner;
        // Focus the filter on the popup's first frame, so the clerk can type straight away.
        let frame = ui.ctx().cumulative_frame_nr();
        let shown_id = query_id.with("last-shown");
        let last_shown: Option<u64> = ui.data(|d| d.get_temp(shown_id));
        if last_shown.is_none_or(|f| f + 1 < frame) {
            edit.request_focus();
        }
        ui.data_mut(|d| d.insert_temp(shown_id, frame));
        if edit.changed() {
            highlight = 0;
        }
        let exact: String = query.chars().filter(|c| !c.is_whitespace()).collect();

        self.status_line(ui, list, &mut pick);

        for (i, s) in self.suggested.iter().enumerate() {
            if ui
                .selectable_label(false, RichText::new(s).strong())
                .clicked()
            {
                pick = Some(ComboPick::Suggested(i));
            }
        }
        if !self.suggested.is_empty() {
            ui.separator();
        }

        // Refresh the cached hits, then borrow them: no per-frame copy of up to 154,824 indices.
        list.filtered(&query);
        let list = &*list;
        let hits = list.last_hits();
        if !hits.is_empty() {
            if ui.input(|i| i.key_pressed(Key::ArrowDown)) {
                highlight = (highlight + 1).min(hits.len() - 1);
            }
            if ui.input(|i| i.key_pressed(Key::ArrowUp)) {
                highlight = highlight.saturating_sub(1);
            }
            highlight = highlight.min(hits.len() - 1);
            if edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                pick = Some(ComboPick::Item(hits[highlight] as usize));
            }
            if self.pick_exact_match && edit.changed() && !exact.is_empty() {
                let found = hits
                    .iter()
                    .find(|&&i| list.labels.get(i as usize).is_some_and(|l| *l == exact));
                if let Some(&i) = found {
                    pick = Some(ComboPick::Item(i as usize));
                }
            }
        }

        egui::ScrollArea::vertical()
            .max_height(300.0)
            .auto_shrink([false, true])
            .show_rows(ui, ROW_HEIGHT, hits.len(), |ui, range| {
                for row in range {
                    let idx = hits[row] as usize;
                    let label = list.labels.get(idx).map(String::as_str).unwrap_or("");
                    let r = ui.selectable_label(row == highlight, label);
                    if row == highlight
                        && ui
                            .input(|i| i.key_pressed(Key::ArrowDown) || i.key_pressed(Key::ArrowUp))
                    {
                        r.scroll_to_me(None);
                    }
                    if r.clicked() {
                        pick = Some(ComboPick::Item(idx));
                    }
                }
            });

        ui.data_mut(|d| {
            d.insert_temp(query_id, query);
            d.insert_temp(highlight_id, highlight);
        });
        if matches!(pick, Some(ComboPick::Item(_) | ComboPick::Suggested(_))) {
            // Start fresh next time the popup opens.
            ui.data_mut(|d| d.remove::<String>(query_id));
        }
        pick
    }

    fn status_line<T>(&self, ui: &mut Ui, list: &LookupList<T>, pick: &mut Option<ComboPick>) {
        let total = match self.expected_total {
            Some(n) => format!(" of ~{}", thousands(n)),
            None => String::new(),
        };
        match &list.state {
            LoadState::Loading { retry } => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(format!(
                        "{}: {}{total} loaded",
                        self.noun_plural,
                        thousands(list.len())
                    ));
                });
                if let Some(r) = retry {
                    ui.label(RichText::new(r).color(theme::warning_color(ui)).small());
                }
            }
            LoadState::Failed(e) => {
                theme::error_banner(ui, &e.to_string());
                if ui
                    .button(format!("Retry loading {}", self.noun_plural.to_lowercase()))
                    .clicked()
                {
                    *pick = Some(ComboPick::Retry);
                }
            }
            LoadState::Idle => {
                ui.label(RichText::new("Not loaded yet").weak());
            }
            LoadState::Loaded => {
                ui.label(
                    RichText::new(format!("{}: {}", self.noun_plural, thousands(list.len())))
                        .weak(),
                );
            }
        }
    }
}

/// `154823` → `154,823`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_separators() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(154_823), "154,823");
        assert_eq!(super::thousands(1_000_000), "1,000,000");
    }
}
