//! The Sandbox: a stand-in Sourcehub server, so the app runs offline for training, demos and
//! tests. It runs on its own thread with its own tokio runtime, because the app's blocking
//! client must never be called from inside a runtime.

pub mod data;
pub mod routes;
pub mod store;

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::thread::JoinHandle;

use thiserror::Error;
use tokio::sync::oneshot;

use data::{DataError, Dataset};
use routes::SandboxState;
use store::{Store, StoreOptions};

pub const DEFAULT_TOKEN: &str = "sandbox";
pub const DEFAULT_ADDR: &str = "127.0.0.1:8787";

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
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            token: DEFAULT_TOKEN.into(),
            options: StoreOptions::default(),
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
    shutdown: Option<oneshot::Sender<()>>,
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
            let _ = tx.send(());
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
    let (tx, rx) = oneshot::channel::<()>();
    let app = routes::router(state.clone());
    let thread = std::thread::Builder::new()
        .name("sandbox-server".into())
        .spawn(move || {
            runtime.block_on(async move {
                let served = axum::serve(listener, app)
                    .with_graceful_shutdown(async move {
                        let _ = rx.await;
                    })
                    .await;
                if let Err(e) = served {
                    log::error!("Sandbox server stopped: {e}");
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

/// `sourcehub-desk sandbox`: serve in the foreground until Ctrl+C.
pub fn run_foreground(config: SandboxConfig) -> Result<(), SandboxError> {
    let handle = start(config)?;
    println!("listening on {}", handle.base_url());
    let waiter = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(SandboxError::Runtime)?;
    waiter.block_on(async {
        let _ = tokio::signal::ctrl_c().await;
    });
    eprintln!("stopping the Sandbox");
    handle.stop();
    Ok(())
}
