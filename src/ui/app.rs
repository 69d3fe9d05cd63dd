//! The app shell: owns the state, routes `Action`s and `Msg`s, lays out the views. Views never do
//! I/O; everything slow runs in `Tasks` and comes back as data.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use poll_promise::Promise;

use super::env_bar::{EnvState, KeyringState};
use super::form::{CustomerForm, FormContext};
use super::lookup_list::{LoadState, Lookups};
use super::msg::{Action, LookupKind, Msg};
use super::recent::RecentPanel;
use super::result_panel::{Outcome, result_panel_ui};
use super::submission::Submission;
use super::tasks::{Tasks, Wake};
use crate::api::lookups::LoadEvent;
use crate::api::types::CreateCustomerRequest;
use crate::api::{ApiError, EnvKind, SourcehubClient};
use crate::domain::{self, CustomerDraft};
use crate::history::{History, HistoryStore};
use crate::keystore::{KeyStore, KeyStoreError, entry_user};
use crate::lookup_cache::LookupCache;
use crate::sandbox::{SandboxError, SandboxHandle};
use std::sync::mpsc::Sender;

pub use options::{AppOptions, KeyringChoice, SandboxChoice};

enum SandboxSlot {
    Starting(Promise<Result<SandboxHandle, SandboxError>>),
    Ready(SandboxHandle),
    Failed(String),
}

#[path = "app_connection.rs"]
mod connection;
#[path = "app_history.rs"]
mod history;
#[path = "app_messages.rs"]
mod messages;
#[path = "app_options.rs"]
mod options;
#[path = "app_view.rs"]
mod view;

pub struct DeskApp {
    tasks: Tasks,
    pub env: EnvState,
    sandbox: SandboxSlot,
    client: Option<SourcehubClient>,
    /// Why there is no client (no key, bad URL), shown above the form.
    client_problem: Option<String>,
    pub lookups: Lookups,
    generation: u64,
    cancel: Arc<AtomicBool>,
    pub form: CustomerForm,
    pub submission: Submission,
    pending_keyring: Option<Promise<Result<KeyStore, KeyStoreError>>>,
    /// Paste into the key field on the next frame, once it has focus.
    paste_requested: bool,
    draft_writer: Option<Sender<Option<CustomerDraft>>>,
    last_saved_draft: CustomerDraft,
    pub history: History,
    history_store: Option<HistoryStore>,
    pub recent: RecentPanel,
    refreshing: Option<Promise<history::RefreshResults>>,
    show_about: bool,
    lookup_cache: Option<LookupCache>,
    /// When the lists on screen were fetched (seconds since the epoch), for "updated 2 h ago".
    pub lookups_updated_at: Option<u64>,
}

impl DeskApp {
    pub fn new(wake: Wake, options: AppOptions) -> DeskApp {
        let tasks = Tasks::new(wake);
        let sandbox = match options.sandbox {
            SandboxChoice::StartOwn => SandboxSlot::Starting(tasks.start_sandbox()),
            SandboxChoice::Given(h) => SandboxSlot::Ready(h),
        };
        let mut app = DeskApp {
            tasks,
            env: EnvState {
                kind: options.env,
                custom_url: options.custom_url,
                from_env_var: options.env_key.is_some(),
                connect_timeout_s: options.connect_timeout.as_secs().max(1),
                request_timeout_s: options.request_timeout.as_secs().max(1),
                keys: options
                    .env_key
                    .map(|k| (options.env, k))
                    .into_iter()
                    .collect(),
                ..EnvState::default()
            },
            sandbox,
            client: None,
            client_problem: None,
            lookups: Lookups::default(),
            generation: 0,
            cancel: Arc::new(AtomicBool::new(false)),
            form: CustomerForm::default(),
            submission: Submission::default(),
            pending_keyring: None,
            paste_requested: false,
            draft_writer: None,
            last_saved_draft: CustomerDraft::default(),
            history: History::default(),
            history_store: None,
            recent: RecentPanel::default(),
            refreshing: None,
            show_about: false,
            lookup_cache: options.lookup_cache,
            lookups_updated_at: None,
        };
        if let Some(store) = options.history {
            app.load_history(store);
        }
        if let Some(store) = options.drafts {
            match store.load() {
                Ok(Some(d)) if d != CustomerDraft::default() => {
                    app.form.draft = d;
                    app.form.notice = Some("Restored your unfinished customer.".into());
                }
                Ok(_) => {}
                Err(e) => app.form.notice = Some(e.to_string()),
            }
            app.last_saved_draft = app.form.draft.clone();
            app.draft_writer = Some(store.spawn_writer());
        }
        match options.keyring {
            KeyringChoice::Given(ks) => app.keyring_ready(Ok(ks)),
            KeyringChoice::SecretService => {
                // Connecting to D-Bus can take a moment; the first frame must not wait.
                let (sender, promise) = Promise::new();
                let wake = app.tasks.wake();
                std::thread::spawn(move || {
                    sender.send(KeyStore::secret_service());
                    wake();
                });
                app.pending_keyring = Some(promise);
            }
        }
        app.connect();
        app
    }

    pub fn sandbox(&self) -> Option<&SandboxHandle> {
        match &self.sandbox {
            SandboxSlot::Ready(h) => Some(h),
            _ => None,
        }
    }

    pub fn is_creating(&self) -> bool {
        self.submission.is_busy()
    }

    pub fn handle(&mut self, action: Action) {
        match action {
            Action::Submit => self.submit(),
            Action::NewCustomer => {
                // Clerks enter runs of customers for one agent, often in one locality.
                let old = std::mem::take(&mut self.form);
                self.form.draft.sales_agent = old.draft.sales_agent;
                self.form.keep_area = old.keep_area;
                if old.keep_area {
                    self.form.draft.area = old.draft.area;
                    self.form.draft.postal_code = old.draft.postal_code;
                }
                self.recent.selected = None;
                self.form.focus_request = Some(domain::Field::CompanyName);
                self.submission.outcome = None;
                self.submission.search = None;
            }
            Action::SwitchEnv(kind) => {
                if kind == EnvKind::Custom && self.env.kind != EnvKind::Custom {
                    self.env.kind = kind;
                    self.load_custom_key();
                }
                self.env.kind = kind;
                self.env.key_input.clear();
                self.env.key_message = None;
                // Ids differ between environments, so lookup picks cannot carry over.
                let d = &mut self.form.draft;
                if d.area.is_some() || d.postal_code.is_some() || d.sales_agent.is_some() {
                    self.form.notice = Some(format!(
                        "Area, postal code and sales agent were cleared: {} has its own lists.",
                        kind.label()
                    ));
                }
                d.area = None;
                d.postal_code = None;
                d.sales_agent = None;
                self.connect();
            }
            Action::SaveKey | Action::UseKeyForSession => {
                self.take_key_input(action == Action::SaveKey)
            }
            Action::ForgetKey => {
                self.env.keys.remove(&self.env.kind);
                if let (KeyringState::Ready(ks), Some(user)) = (
                    &self.env.keyring,
                    entry_user(self.env.kind, &self.env.custom_url),
                ) {
                    self.tasks.forget_key(ks.clone(), self.env.kind, user);
                }
                self.connect();
            }
            Action::ApplyCustomUrl => {
                self.load_custom_key();
                self.connect();
            }
            Action::RetryLookup(_) => self.connect(),
            Action::TestConnection => self.test_connection(),
            Action::RefreshApproval(which) => self.refresh_approval(which),
            Action::ExportCsv => self.export_csv(),
            Action::RefreshLookups => self.reload(false),
            Action::CancelCreate => self.submission.cancel(),
            Action::ConfirmDuplicate => self.submission.confirm_duplicate(&self.tasks),
            Action::DismissDuplicate => self.submission.confirm = None,
            Action::LookForCustomer => {
                if let (Some(client), Some(Outcome::Failed(_))) =
                    (self.client.clone(), &self.submission.outcome)
                {
                    let mobile = domain::mobile::normalize_mobile(&self.form.draft.mobile)
                        .map(|m| m.national)
                        .unwrap_or_else(|_| self.form.draft.mobile.clone());
                    let company = self.form.draft.company_name.trim().to_owned();
                    self.submission
                        .look_for(client, mobile, company, self.tasks.wake());
                }
            }
            Action::PasteKey => self.paste_requested = true,
            Action::RetrySandbox => {
                self.sandbox = SandboxSlot::Starting(self.tasks.start_sandbox());
            }
        }
    }

    /// One click is one request: nothing is sent while a create is in flight.
    fn submit(&mut self) {
        if self.submission.is_busy() {
            return;
        }
        let valid = match domain::validate(&self.form.draft) {
            Ok(v) => v,
            Err(report) => {
                self.form.show_all_errors = true;
                self.form.focus_request = report.first_error_field();
                return;
            }
        };
        let Some(client) = self.client.clone() else {
            self.submission.outcome = Some(Outcome::Failed(ApiError::MissingKey));
            return;
        };
        let request = CreateCustomerRequest::from(&valid);
        self.submission
            .start(&self.tasks, client, request, self.env.kind, false);
    }

    pub fn submit_label(&self) -> &'static str {
        match self.env.kind {
            EnvKind::Live => "Create in Live",
            _ => "Create customer",
        }
    }
}

impl eframe::App for DeskApp {
    fn logic(&mut self, _ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll();
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
    }
}
