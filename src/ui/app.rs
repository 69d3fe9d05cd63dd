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
use crate::api::{ApiError, ApiKey, EnvKind, SourcehubClient};
use crate::domain::{self, CustomerDraft};
use crate::drafts::DraftStore;
use crate::history::{History, HistoryStore};
use crate::keystore::{KeyStore, KeyStoreError, entry_user};
use crate::lookup_cache::LookupCache;
use crate::sandbox::{SandboxError, SandboxHandle};
use std::sync::mpsc::Sender;

/// How the app finds its keyring and its Sandbox; tests pass their own.
pub enum KeyringChoice {
    SecretService,
    Given(KeyStore),
}

pub enum SandboxChoice {
    /// Start one in-process on a free port (the normal first run).
    StartOwn,
    /// Use one the caller started (tests), owning it from now on.
    Given(SandboxHandle),
}

pub struct AppOptions {
    pub keyring: KeyringChoice,
    pub sandbox: SandboxChoice,
    pub env: EnvKind,
    pub custom_url: String,
    /// A key from `SOURCEHUB_API_KEY`: used for the chosen environment, never saved.
    pub env_key: Option<ApiKey>,
    /// Where the unfinished customer is kept; `None` keeps it in memory only (tests).
    pub drafts: Option<DraftStore>,
    /// Where the recent submissions are kept; `None` keeps them in memory only.
    pub history: Option<HistoryStore>,
    pub connect_timeout: std::time::Duration,
    pub request_timeout: std::time::Duration,
    /// Where lookups are cached per environment; `None` loads them every time.
    pub lookup_cache: Option<LookupCache>,
}

impl Default for AppOptions {
    fn default() -> Self {
        AppOptions {
            keyring: KeyringChoice::SecretService,
            sandbox: SandboxChoice::StartOwn,
            env: EnvKind::Sandbox,
            custom_url: String::new(),
            env_key: None,
            drafts: None,
            history: None,
            connect_timeout: crate::api::environment::DEFAULT_CONNECT_TIMEOUT,
            request_timeout: crate::api::environment::DEFAULT_TIMEOUT,
            lookup_cache: None,
        }
    }
}

impl AppOptions {
    /// `SOURCEHUB_ENV` (sandbox, test, live, or a base URL), `SOURCEHUB_BASE_URL` (a custom
    /// base URL) and `SOURCEHUB_API_KEY` override the defaults for scripted use.
    pub fn from_env() -> AppOptions {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let mut o = AppOptions::default();
        if let Some(e) = var(crate::check::ENV_ENV) {
            match EnvKind::parse(&e) {
                Some(k) => o.env = k,
                None => {
                    o.env = EnvKind::Custom;
                    o.custom_url = e.trim().to_owned();
                }
            }
        }
        if let Some(url) = var(crate::check::ENV_BASE_URL) {
            o.env = EnvKind::Custom;
            o.custom_url = url.trim().to_owned();
        }
        o.env_key = var(crate::check::ENV_KEY).map(ApiKey::new);
        o.drafts = DraftStore::default_location();
        o.history = HistoryStore::default_location();
        o.lookup_cache = LookupCache::default_location();
        o
    }
}

enum SandboxSlot {
    Starting(Promise<Result<SandboxHandle, SandboxError>>),
    Ready(SandboxHandle),
    Failed(String),
}

#[path = "app_connection.rs"]
mod connection;
#[path = "app_history.rs"]
mod history;

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

    /// Non-drawing work for a frame: collect background results.
    pub fn poll(&mut self) {
        if let Some(p) = self.pending_keyring.take() {
            match p.try_take() {
                Ok(ks) => self.keyring_ready(ks),
                Err(p) => self.pending_keyring = Some(p),
            }
        }
        if let SandboxSlot::Starting(p) = &self.sandbox
            && p.ready().is_some()
        {
            let slot = std::mem::replace(&mut self.sandbox, SandboxSlot::Failed(String::new()));
            if let SandboxSlot::Starting(p) = slot {
                self.sandbox = match p.try_take() {
                    Ok(Ok(h)) => SandboxSlot::Ready(h),
                    Ok(Err(e)) => SandboxSlot::Failed(e.to_string()),
                    Err(p) => SandboxSlot::Starting(p),
                };
            }
            if self.env.kind == EnvKind::Sandbox {
                self.connect();
            }
        }
        self.poll_history();
        let had_outcome = self.submission.outcome.is_some();
        let created = self.submission.poll();
        if !had_outcome
            && let Some(Outcome::Failed(ApiError::BadRequest {
                description: Some(d),
                ..
            })) = &self.submission.outcome
        {
            // The server names the parameter; take the clerk to that field.
            self.form.focus_request = field_named_in(d);
        }
        if created {
            self.record_created();
            // The customer exists now: its draft must not come back after a restart.
            if let Some(w) = &self.draft_writer {
                let _ = w.send(None);
            }
            self.last_saved_draft = self.form.draft.clone();
        }
        for msg in self.tasks.drain() {
            self.receive(msg);
        }
        self.env.sandbox_failed = matches!(self.sandbox, SandboxSlot::Failed(_));
        self.env.sandbox_status = match &self.sandbox {
            SandboxSlot::Starting(_) => "Starting the built-in Sandbox…".into(),
            SandboxSlot::Ready(h) => format!("built-in Sandbox at {}", h.base_url()),
            SandboxSlot::Failed(e) => e.clone(),
        };
    }

    fn receive(&mut self, msg: Msg) {
        let current = self.generation;
        match msg {
            Msg::AreasEvent(g, e) if g == current => match e {
                LoadEvent::Page(items) => self.lookups.add_areas(items),
                LoadEvent::Retrying { .. } => self.note_retry(LookupKind::Areas, &e),
            },
            Msg::PostalCodesEvent(g, e) if g == current => match e {
                LoadEvent::Page(items) => self
                    .lookups
                    .postal_codes
                    .extend(items, |p| p.code.clone().unwrap_or_default()),
                LoadEvent::Retrying { .. } => self.note_retry(LookupKind::PostalCodes, &e),
            },
            Msg::SalesAgentsEvent(g, e) if g == current => match e {
                LoadEvent::Page(items) => self.lookups.agents.extend(items, |a| a.display_label()),
                LoadEvent::Retrying { .. } => self.note_retry(LookupKind::SalesAgents, &e),
            },
            Msg::LookupDone(g, kind, result) if g == current => {
                *self.lookups.list_state_mut(kind) = match result {
                    Ok(n) => {
                        self.lookups.last_totals.insert(kind, n);
                        LoadState::Loaded
                    }
                    Err(e) => LoadState::Failed(e),
                };
                self.lookups_fetched();
            }
            Msg::Replaced(g, list) if g == current => self.replace_lookups(list),
            Msg::CacheLoaded(g, cached) if g == current => self.cache_loaded(cached),
            // An environment-variable key wins over the keyring for this session.
            Msg::KeyLoaded(env, Ok(Some(key)))
                if !(self.env.from_env_var && self.env.keys.contains_key(&env)) =>
            {
                self.env.keys.insert(env, key);
                if env == self.env.kind && self.client.is_none() {
                    self.connect();
                }
            }
            Msg::KeyLoaded(_, Ok(None)) => {}
            Msg::KeyLoaded(_, Err(e)) | Msg::KeySaved(_, Err(e)) | Msg::KeyForgotten(_, Err(e)) => {
                self.env.key_message = Some((false, e.to_string()));
            }
            Msg::KeySaved(env, Ok(())) => {
                let trimmed = match self.env.last_trimmed {
                    0 => String::new(),
                    n => format!("Removed {n} spaces around the key. "),
                };
                self.env.key_message = Some((
                    true,
                    format!("{trimmed}Key saved in the keyring for {}.", env.label()),
                ));
            }
            Msg::Checked(report) => {
                self.env.checking = false;
                self.env.check = Some(report);
            }
            Msg::KeyForgotten(env, Ok(())) => {
                self.env.key_message = Some((
                    true,
                    format!("Key for {} removed from the keyring.", env.label()),
                ));
            }
            // Results for an environment the user has left.
            _ => {}
        }
    }

    fn note_retry<T>(&mut self, kind: LookupKind, e: &LoadEvent<T>) {
        if let LoadEvent::Retrying {
            attempt, of, wait, ..
        } = e
        {
            *self.lookups.list_state_mut(kind) = LoadState::Loading {
                retry: Some(format!(
                    "retrying in {} s (attempt {attempt} of {of})",
                    wait.as_secs_f32().ceil()
                )),
            };
        }
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
            Action::ApplyCustomUrl => self.connect(),
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
                    super::theme::error_banner(ui, p);
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
            .show(ui.ctx(), super::about::about_ui);
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
}

impl DeskApp {
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
                    super::recent::ago(at, super::recent::unix_now())
                )
            } else {
                format!(
                    "Lookups updated {}",
                    super::recent::ago(at, super::recent::unix_now())
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

/// The form field behind a create parameter named in a 400 description.
fn field_named_in(description: &str) -> Option<domain::Field> {
    use domain::Field;
    const PARAMS: [(&str, Field); 9] = [
        ("company_name", Field::CompanyName),
        ("mobile_number", Field::Mobile),
        ("contactpersons_name", Field::ContactPerson),
        ("address", Field::Address),
        ("area_id", Field::Area),
        ("postalcode_id", Field::PostalCode),
        ("gst_treatment", Field::GstTreatment),
        ("gstin", Field::Gstin),
        ("salesagent_id", Field::SalesAgent),
    ];
    PARAMS
        .iter()
        .find(|(p, _)| description.contains(p))
        .map(|(_, f)| *f)
}

impl eframe::App for DeskApp {
    fn logic(&mut self, _ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll();
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
    }
}
