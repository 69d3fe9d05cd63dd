//! Background work. Every job runs on its own thread, sends its result (a `Msg`, or the value of
//! a poll-promise) and only then wakes the UI, so the woken frame always finds the result and
//! nothing repaints while waiting.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{Receiver, Sender, channel};

use poll_promise::Promise;

use super::msg::{LookupKind, Msg, Replaced};
use crate::api::lookups::{LoadEvent, RetryPolicy, load_all};
use crate::api::types::CreateCustomerRequest;
use crate::api::{ApiError, Created, EnvKind, SourcehubClient};
use crate::keystore::KeyStore;
use crate::sandbox::{self, SandboxConfig, SandboxError, SandboxHandle};

pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// A cloneable way for a worker to report: send, then wake.
#[derive(Clone)]
pub struct Notifier {
    tx: Sender<Msg>,
    wake: Wake,
}

impl Notifier {
    pub fn send(&self, msg: Msg) {
        // A closed channel means the app is gone; there is nobody left to tell.
        let _ = self.tx.send(msg);
        (self.wake)();
    }
}

/// Sends a whole list when it was not streamed; returns its length either way.
fn replace(n: &Notifier, generation: u64, progressive: bool, list: Replaced) -> usize {
    let len = list.len();
    if !progressive {
        n.send(Msg::Replaced(generation, list));
    }
    len
}

pub struct Tasks {
    notifier: Notifier,
    rx: Receiver<Msg>,
    pub lookup_concurrency: usize,
}

impl Tasks {
    pub fn new(wake: Wake) -> Tasks {
        let (tx, rx) = channel();
        Tasks {
            notifier: Notifier { tx, wake },
            rx,
            lookup_concurrency: 4,
        }
    }

    pub fn notifier(&self) -> Notifier {
        self.notifier.clone()
    }

    pub fn wake(&self) -> Wake {
        self.notifier.wake.clone()
    }

    pub fn drain(&self) -> Vec<Msg> {
        self.rx.try_iter().collect()
    }

    /// Starts the in-process Sandbox off the UI thread: loading its data takes a moment and the
    /// first frame must not wait for it.
    pub fn start_sandbox(&self) -> Promise<Result<SandboxHandle, SandboxError>> {
        let wake = self.wake();
        let (sender, promise) = Promise::new();
        std::thread::spawn(move || {
            sender.send(sandbox::start(SandboxConfig::default()));
            wake();
        });
        promise
    }

    /// The create runs once: no retry, whatever happens.
    pub fn spawn_create(
        &self,
        client: SourcehubClient,
        request: CreateCustomerRequest,
    ) -> Promise<Result<Created, ApiError>> {
        let wake = self.wake();
        let (sender, promise) = Promise::new();
        std::thread::spawn(move || {
            sender.send(client.create_customer(&request));
            wake();
        });
        promise
    }

    /// Loads the three lookups in parallel, streaming pages back as they arrive.
    /// `progressive`: send each page as it arrives (an empty dropdown fills while loading).
    /// Otherwise the lists on screen (from the disk cache) stay until the whole new list is
    /// in, then are replaced at once: stale-while-revalidate.
    pub fn load_lookups(
        &self,
        client: &SourcehubClient,
        generation: u64,
        cancel: Arc<AtomicBool>,
        progressive: bool,
    ) {
        let concurrency = self.lookup_concurrency;
        for kind in [
            LookupKind::SalesAgents,
            LookupKind::Areas,
            LookupKind::PostalCodes,
        ] {
            let client = client.clone();
            let notifier = self.notifier.clone();
            let cancel = cancel.clone();
            std::thread::spawn(move || {
                let policy = RetryPolicy::default();
                let n = &notifier;
                // Retry notices always go through; pages only when loading progressively.
                let result = match kind {
                    LookupKind::Areas => load_all(
                        concurrency,
                        &policy,
                        &cancel,
                        &|skip| client.areas_page(skip),
                        &|e: LoadEvent<_>| {
                            if progressive || matches!(e, LoadEvent::Retrying { .. }) {
                                n.send(Msg::AreasEvent(generation, e))
                            }
                        },
                    )
                    .map(|v| replace(n, generation, progressive, Replaced::Areas(v))),
                    LookupKind::PostalCodes => load_all(
                        concurrency,
                        &policy,
                        &cancel,
                        &|skip| client.postal_codes_page(skip),
                        &|e: LoadEvent<_>| {
                            if progressive || matches!(e, LoadEvent::Retrying { .. }) {
                                n.send(Msg::PostalCodesEvent(generation, e))
                            }
                        },
                    )
                    .map(|v| replace(n, generation, progressive, Replaced::PostalCodes(v))),
                    LookupKind::SalesAgents => load_all(
                        concurrency,
                        &policy,
                        &cancel,
                        &|skip| client.sales_agents_page(skip),
                        &|e: LoadEvent<_>| {
                            if progressive || matches!(e, LoadEvent::Retrying { .. }) {
                                n.send(Msg::SalesAgentsEvent(generation, e))
                            }
                        },
                    )
                    .map(|v| replace(n, generation, progressive, Replaced::Agents(v))),
                };
                notifier.send(Msg::LookupDone(generation, kind, result));
            });
        }
    }

    pub fn check_connection(
        &self,
        endpoint: crate::api::Endpoint,
        key: crate::api::ApiKey,
        cx: crate::api::diagnose::KeyContext,
    ) {
        let notifier = self.notifier.clone();
        std::thread::spawn(move || {
            let report = crate::api::diagnose::check_connection(endpoint, &key, &cx);
            notifier.send(Msg::Checked(report));
        });
    }

    pub fn load_key(&self, store: KeyStore, env: EnvKind, user: String) {
        let notifier = self.notifier.clone();
        std::thread::spawn(move || notifier.send(Msg::KeyLoaded(env, store.load(&user))));
    }

    pub fn save_key(&self, store: KeyStore, env: EnvKind, user: String, key: crate::api::ApiKey) {
        let notifier = self.notifier.clone();
        std::thread::spawn(move || notifier.send(Msg::KeySaved(env, store.save(&user, &key))));
    }

    pub fn forget_key(&self, store: KeyStore, env: EnvKind, user: String) {
        let notifier = self.notifier.clone();
        std::thread::spawn(move || notifier.send(Msg::KeyForgotten(env, store.forget(&user))));
    }
}
