//! The sales manager's side of the app: recent submissions, kept across restarts, with their
//! approval refreshed through `GET /customers` and exported as CSV.

use poll_promise::Promise;

use super::DeskApp;
use crate::api::search::{DEFAULT_MAX_PAGES, find_by_id};
use crate::api::types::Customer;
use crate::api::{ApiError, Created};
use crate::history::{HistoryEntry, HistoryStore};
use crate::ui::recent::unix_now;
use crate::ui::result_panel::Outcome;

/// Entry index, customer id, and what the lookup found.
pub type RefreshResults = Vec<(usize, u64, Result<Option<Customer>, ApiError>)>;

impl DeskApp {
    /// Records the customer just created in the recent list and saves the list.
    pub(super) fn record_created(&mut self) {
        let Some(Outcome::Created { created, sent, env }) = &self.submission.outcome else {
            return;
        };
        let base_url = self
            .client
            .as_ref()
            .map(|c| c.endpoint().base_url.to_string())
            .unwrap_or_default();
        self.history.add(HistoryEntry {
            env: *env,
            base_url,
            created_at: unix_now(),
            sent: sent.clone(),
            customer: created.customer.clone(),
            raw: created.raw.clone(),
            last_checked: None,
        });
        self.recent.selected = None;
        self.save_history();
    }

    fn save_history(&self) {
        if let Some(store) = self.history_store.clone() {
            let snapshot = self.history.clone();
            std::thread::spawn(move || {
                if let Err(e) = store.save(&snapshot) {
                    log::warn!("{e}");
                }
            });
        }
    }

    /// Looks the customers up again: one entry, or every pending one. Only entries created
    /// against the current environment's base URL can be checked with the current client.
    pub(super) fn refresh_approval(&mut self, which: Option<usize>) {
        let Some(client) = self.client.clone() else {
            self.recent.message = Some((false, "Connect to an environment first.".into()));
            return;
        };
        let base = client.endpoint().base_url.to_string();
        let targets: Vec<(usize, u64)> = self
            .history
            .entries
            .iter()
            .enumerate()
            .filter(|(i, e)| match which {
                Some(w) => *i == w,
                None => e.customer.approval.as_deref() == Some("pending"),
            })
            .filter(|(_, e)| e.base_url == base)
            .filter_map(|(i, e)| Some((i, e.customer.id?)))
            .collect();
        if targets.is_empty() {
            self.recent.message = Some((
                false,
                "Nothing to refresh here: switch to the environment the customer was created in."
                    .into(),
            ));
            return;
        }
        let wake = self.tasks.wake();
        let (sender, promise) = Promise::new();
        std::thread::spawn(move || {
            let results: RefreshResults = targets
                .into_iter()
                .map(|(i, id)| (i, id, find_by_id(&client, id, DEFAULT_MAX_PAGES)))
                .collect();
            sender.send(results);
            wake();
        });
        self.refreshing = Some(promise);
    }

    pub(super) fn poll_history(&mut self) {
        let Some(p) = self.refreshing.take() else {
            return;
        };
        let results = match p.try_take() {
            Ok(r) => r,
            Err(p) => {
                self.refreshing = Some(p);
                return;
            }
        };
        let now = unix_now();
        let (mut updated, mut missing, mut failed) = (0, 0, None);
        for (i, id, result) in results {
            let Some(entry) = self.history.entries.get_mut(i) else {
                continue;
            };
            if entry.customer.id != Some(id) {
                continue;
            }
            match result {
                Ok(Some(found)) => {
                    entry.customer.approval = found.approval.or(entry.customer.approval.take());
                    entry.customer.status = found.status.or(entry.customer.status.take());
                    entry.customer.customer_code =
                        found.customer_code.or(entry.customer.customer_code.take());
                    entry.last_checked = Some(now);
                    updated += 1;
                }
                Ok(None) => missing += 1,
                Err(e) => failed = Some(e),
            }
        }
        self.recent.message = Some(match failed {
            Some(e) => (false, format!("Refresh failed: {e}")),
            None if missing > 0 => (
                true,
                format!("Checked {updated}; {missing} not found in the latest customers list."),
            ),
            None => (true, format!("Checked {updated} just now.")),
        });
        self.save_history();
    }

    /// Writes the list as CSV next to the saved list and says where.
    pub(super) fn export_csv(&mut self) {
        let dir = self
            .history_store
            .as_ref()
            .and_then(|s| s.path().parent().map(|p| p.to_path_buf()))
            .or_else(|| directories::UserDirs::new().map(|u| u.home_dir().to_path_buf()));
        let Some(dir) = dir else {
            self.recent.message = Some((false, "No folder to write the CSV to.".into()));
            return;
        };
        let path = dir.join(format!("recent-customers-{}.csv", unix_now()));
        let csv = self.history.to_csv();
        self.recent.message = Some(
            match std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&path, csv)) {
                Ok(()) => (true, format!("Exported to {}", path.display())),
                Err(e) => (false, format!("Could not write {}: {e}", path.display())),
            },
        );
    }

    /// The card to show: the selected recent entry, else the last create's outcome.
    pub(super) fn shown_outcome(&self) -> Option<Outcome> {
        if let Some(e) = self
            .recent
            .selected
            .and_then(|i| self.history.entries.get(i))
        {
            return Some(Outcome::Created {
                created: Box::new(Created {
                    customer: e.customer.clone(),
                    raw: e.raw.clone(),
                }),
                sent: e.sent.clone(),
                env: e.env,
            });
        }
        self.submission.outcome.clone()
    }

    pub(super) fn load_history(&mut self, store: HistoryStore) {
        match store.load() {
            Ok(h) => self.history = h,
            Err(e) => self.recent.message = Some((false, e.to_string())),
        }
        self.history_store = Some(store);
    }
}
