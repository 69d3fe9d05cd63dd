//! The life of one create: at most one in flight, never retried, cancellable (which leaves the
//! outcome unknown), a confirmation before creating the same company and mobile twice in a few
//! minutes, and a search of the customers list when the outcome is unknown.

use std::time::{Duration, Instant};

use egui::{RichText, Ui};
use poll_promise::Promise;

use super::msg::Action;
use super::result_panel::Outcome;
use super::tasks::Tasks;
use super::theme;
use crate::api::search::{DEFAULT_MAX_PAGES, find_by_mobile_and_company};
use crate::api::types::{CreateCustomerRequest, Customer};
use crate::api::{ApiError, Created, EnvKind, SourcehubClient};

/// Creates of the same company and mobile within this window ask first.
pub const DUPLICATE_WINDOW: Duration = Duration::from_secs(10 * 60);

struct InFlight {
    promise: Promise<Result<Created, ApiError>>,
    request: CreateCustomerRequest,
    env: EnvKind,
    started: Instant,
}

struct RecentCreate {
    company: String,
    mobile: String,
    env: EnvKind,
    at: Instant,
}

/// A create held back until the clerk confirms it is not a duplicate.
pub struct PendingConfirm {
    client: SourcehubClient,
    request: CreateCustomerRequest,
    env: EnvKind,
    ago: Duration,
}

pub enum SearchState {
    Running(Box<Promise<Result<Option<Customer>, ApiError>>>),
    Found(Box<Customer>),
    NotFound,
    Failed(ApiError),
}

#[derive(Default)]
pub struct Submission {
    in_flight: Option<InFlight>,
    pub outcome: Option<Outcome>,
    recent: Vec<RecentCreate>,
    pub confirm: Option<PendingConfirm>,
    pub search: Option<SearchState>,
    /// How many creates this window has sent; tests use it to prove one click is one request.
    pub sent_count: usize,
}

impl Submission {
    pub fn is_busy(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Sends the create unless one is in flight, or holds it for confirmation when the same
    /// company and mobile were created a few minutes ago.
    pub fn start(
        &mut self,
        tasks: &Tasks,
        client: SourcehubClient,
        request: CreateCustomerRequest,
        env: EnvKind,
        confirmed: bool,
    ) {
        if self.in_flight.is_some() {
            return;
        }
        if !confirmed
            && let Some(prev) = self.recent.iter().rev().find(|r| {
                r.env == env
                    && r.company.eq_ignore_ascii_case(&request.company_name)
                    && r.mobile == request.mobile_number
                    && r.at.elapsed() < DUPLICATE_WINDOW
            })
        {
            self.confirm = Some(PendingConfirm {
                client,
                request,
                env,
                ago: prev.at.elapsed(),
            });
            return;
        }
        self.confirm = None;
        self.outcome = None;
        self.search = None;
        self.sent_count += 1;
        self.in_flight = Some(InFlight {
            promise: tasks.spawn_create(client, request.clone()),
            request,
            env,
            started: Instant::now(),
        });
    }

    pub fn confirm_duplicate(&mut self, tasks: &Tasks) {
        if let Some(p) = self.confirm.take() {
            self.start(tasks, p.client, p.request, p.env, true);
        }
    }

    /// Stops waiting. The request may already have reached Sourcehub, so the outcome is unknown.
    pub fn cancel(&mut self) {
        if let Some(job) = self.in_flight.take() {
            self.outcome = Some(Outcome::Failed(ApiError::Cancelled {
                after: job.started.elapsed(),
            }));
        }
    }

    /// Collects a finished create. Returns true once, when a customer was created.
    pub fn poll(&mut self) -> bool {
        self.search = match self.search.take() {
            Some(SearchState::Running(p)) => Some(match (*p).try_take() {
                Ok(Ok(Some(c))) => SearchState::Found(Box::new(c)),
                Ok(Ok(None)) => SearchState::NotFound,
                Ok(Err(e)) => SearchState::Failed(e),
                Err(p) => SearchState::Running(Box::new(p)),
            }),
            other => other,
        };
        let Some(job) = self.in_flight.take() else {
            return false;
        };
        match job.promise.try_take() {
            Ok(Ok(created)) => {
                self.recent.push(RecentCreate {
                    company: job.request.company_name.clone(),
                    mobile: job.request.mobile_number.clone(),
                    env: job.env,
                    at: Instant::now(),
                });
                self.outcome = Some(Outcome::Created {
                    created: Box::new(created),
                    sent: job.request,
                    env: job.env,
                });
                true
            }
            Ok(Err(e)) => {
                self.outcome = Some(Outcome::Failed(e));
                false
            }
            Err(promise) => {
                self.in_flight = Some(InFlight { promise, ..job });
                false
            }
        }
    }

    /// Looks for the customer whose create had an unknown outcome.
    pub fn look_for(
        &mut self,
        client: SourcehubClient,
        mobile: String,
        company: String,
        wake: super::tasks::Wake,
    ) {
        let (sender, promise) = Promise::new();
        std::thread::spawn(move || {
            sender.send(find_by_mobile_and_company(
                &client,
                &mobile,
                &company,
                DEFAULT_MAX_PAGES,
            ));
            wake();
        });
        self.search = Some(SearchState::Running(Box::new(promise)));
    }

    /// The line under the form while a create runs, the duplicate question, and the search.
    pub fn status_ui(&self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        if let Some(job) = &self.in_flight {
            let elapsed = job.started.elapsed();
            if elapsed >= Duration::from_secs(1) {
                ui.horizontal(|ui| {
                    ui.label(format!("Waiting for Sourcehub: {} s", elapsed.as_secs()));
                    if ui.button("Cancel").clicked() {
                        action = Some(Action::CancelCreate);
                    }
                });
            }
            // The elapsed time is shown in whole seconds; one repaint a second is enough.
            ui.ctx().request_repaint_after(Duration::from_millis(250));
        }
        if let Some(p) = &self.confirm {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(
                    RichText::new(format!(
                        "⚠ {} with mobile {} was created {} min ago. Create it again?",
                        p.request.company_name,
                        p.request.mobile_number,
                        p.ago.as_secs() / 60
                    ))
                    .color(theme::warning_color(ui)),
                );
                ui.horizontal(|ui| {
                    if ui.button("Create again").clicked() {
                        action = Some(Action::ConfirmDuplicate);
                    }
                    if ui.button("Don't create").clicked() {
                        action = Some(Action::DismissDuplicate);
                    }
                });
            });
        }
        action
    }

    /// Shown with an unknown outcome: offer to look before sending again.
    pub fn search_ui(&self, ui: &mut Ui) -> Option<Action> {
        let mut action = None;
        match &self.search {
            None => {
                if ui.button("Look for it in Sourcehub").clicked() {
                    action = Some(Action::LookForCustomer);
                }
            }
            Some(SearchState::Running(_)) => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Looking through the customers list…");
                });
            }
            Some(SearchState::Found(c)) => {
                ui.label(
                    RichText::new(format!(
                        "✔ Found it: customer {} was created. Do not send it again.",
                        c.id.map(|i| i.to_string())
                            .unwrap_or_else(|| "(no id)".into())
                    ))
                    .color(theme::SANDBOX_COLOR),
                );
            }
            Some(SearchState::NotFound) => {
                ui.label(format!(
                    "Not found among the latest {} customers: it was probably not created. You can send it again.",
                    DEFAULT_MAX_PAGES * crate::api::PAGE_SIZE
                ));
            }
            Some(SearchState::Failed(e)) => {
                theme::error_banner(ui, &format!("The search failed too: {e}"));
            }
        }
        action
    }
}
