//! The Sandbox: a stand-in Sourcehub server, so the app runs offline for training, demos and
//! tests. It runs on its own thread with its own tokio runtime, because the app's blocking
//! client must never be called from inside a runtime.

pub mod data;
pub mod faults;
pub mod routes;
pub mod store;

use std::future::IntoFuture;
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::thread::JoinHandle;
use std::time::Duration;

use thiserror::Error;
use tokio::sync::watch;

use data::{DataError, Dataset};
pub use faults::Fault;
use faults::{DEFAULT_FAULT_COUNT, DEFAULT_FAULT_DELAY, HttpFault};
use routes::SandboxState;
use store::{Store, StoreOptions};

pub const DEFAULT_TOKEN: &str = "sandbox";
pub const DEFAULT_ADDR: &str = "127.0.0.1:8787";
/// After a stop, requests still in flight get this long to finish; a `slow-create` delay or a
/// dripping client must not hold up Ctrl+C or a test's drop.
const STOP_GRACE: Duration = Duration::from_secs(1);

#[derive(Debug, Error)]
pub enum SandboxError {
    #[error("The Sandbox's data could not be loaded: {0}")]
    Data(#[from] DataError),
    #[error(
        "The Sandbox could not listen on {addr}: {source}. Choose another address, or 127.0.0.1:0 for any free port."
    )]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("The Sandbox could not start its server thread: {0}")]
    Runtime(std::io::Error),
}

#[derive(Debug, Clone)]
pub struct SandboxConfig {
    pub addr: SocketAddr,
    pub token: String,
    pub options: StoreOptions,
    /// Misbehave in this way (issue 5); `None` serves normally.
    pub fault: Option<Fault>,
    /// `rate-limit`: how many requests get a 429 before the Sandbox answers normally.
    pub fault_count: u32,
    /// `slow-create`: how long the answer to a stored create is held back.
    pub fault_delay: Duration,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            token: DEFAULT_TOKEN.into(),
            options: StoreOptions::default(),
            fault: None,
            fault_count: DEFAULT_FAULT_COUNT,
            fault_delay: DEFAULT_FAULT_DELAY,
        }
    }
}

/// The dataset is parsed once per process; tests start many Sandboxes.
pub fn dataset() -> Result<Arc<Dataset>, SandboxError> {
    static DATA: OnceLock<Arc<Dataset>> = OnceLock::new();
    if let Some(d) = DATA.get() {
        return Ok(d.clone());
    }
    let loaded = Arc::new(Dataset::load()?);
    Ok(DATA.get_or_init(|| loaded).clone())
}

/// A running Sandbox. Dropping it stops the server.
pub struct SandboxHandle {
    addr: SocketAddr,
    state: Arc<SandboxState>,
    shutdown: Option<watch::Sender<bool>>,
    thread: Option<JoinHandle<()>>,
}

impl SandboxHandle {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://ADDR/api`, the base URL a client uses.
    pub fn base_url(&self) -> String {
        format!("http://{}/api", self.addr)
    }

    pub fn token(&self) -> &str {
        &self.state.token
    }

    /// How many customers have been created; tests use it to prove "at most one".
    pub fn customer_count(&self) -> usize {
        self.state.store.customer_count()
    }

    pub fn stop(mut self) {
        self.stop_inner();
    }

    fn stop_inner(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(true);
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        self.stop_inner();
    }
}

/// Loads the data, binds the address and serves on a background thread. Returns once the
/// socket is listening, so a client may connect straight away.
pub fn start(config: SandboxConfig) -> Result<SandboxHandle, SandboxError> {
    let data = dataset()?;
    let state = Arc::new(SandboxState {
        store: Store::new(data, config.options.clone()),
        token: config.token.clone(),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("sandbox")
        .enable_all()
        .build()
        .map_err(SandboxError::Runtime)?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(config.addr))
        .map_err(|source| SandboxError::Bind {
            addr: config.addr,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| SandboxError::Bind {
        addr: config.addr,
        source,
    })?;
    let (tx, rx) = watch::channel(false);
    let mut app = routes::router(state.clone());
    if let Some(fault) = config.fault.filter(|f| !f.is_raw_socket()) {
        let f = HttpFault::new(fault, config.fault_count, config.fault_delay);
        app = app.layer(axum::middleware::from_fn_with_state(f, faults::middleware));
    }
    let raw_fault = config.fault.filter(|f| f.is_raw_socket());
    let raw_state = state.clone();
    let thread = std::thread::Builder::new()
        .name("sandbox-server".into())
        .spawn(move || {
            runtime.block_on(async move {
                if let Some(fault) = raw_fault {
                    // Connection-level faults need the socket itself, so axum is not used.
                    faults::serve_raw(listener, fault, raw_state, rx).await;
                    return;
                }
                let served = axum::serve(listener, app)
                    .with_graceful_shutdown(stopped(rx.clone()))
                    .into_future();
                let cutoff = async {
                    stopped(rx).await;
                    tokio::time::sleep(STOP_GRACE).await;
                };
                tokio::select! {
                    r = served => {
                        if let Err(e) = r {
                            log::error!("Sandbox server stopped: {e}");
                        }
                    }
                    // Dropping the runtime at the end of the thread cancels what is left.
                    () = cutoff => log::debug!("Sandbox stopped with requests still in flight"),
                }
            });
        })
        .map_err(SandboxError::Runtime)?;
    Ok(SandboxHandle {
        addr,
        state,
        shutdown: Some(tx),
        thread: Some(thread),
    })
}

/// Resolves once the Sandbox is told to stop, or its handle is gone.
pub(crate) async fn stopped(mut stop: watch::Receiver<bool>) {
    while !*stop.borrow_and_update() {
        if stop.changed().await.is_err() {
            return;
        }
    }
}

/// `sourcehub-desk sandbox`: serve in the foreground until Ctrl+C.
pub fn run_foreground(config: SandboxConfig) -> Result<(), SandboxError> {
    let fault = config.fault;
    let handle = start(config)?;
    let waiter = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(SandboxError::Runtime)?;
    waiter.block_on(async {
        let ctrl_c = tokio::signal::ctrl_c();
        tokio::pin!(ctrl_c);
        // Poll once so the handler is installed before the address is announced: a script that
        // sends Ctrl+C (SIGINT) as soon as it reads the line must not have it lost or fatal.
        tokio::select! {
            biased;
            _ = &mut ctrl_c => return,
            () = std::future::ready(()) => {}
        }
        if let Some(f) = fault {
            eprintln!("fault injection on: {f} ({})", f.help());
        }
        println!("listening on {}", handle.base_url());
        let _ = ctrl_c.await;
    });
    eprintln!("stopping the Sandbox");
    handle.stop();
    Ok(())
}
