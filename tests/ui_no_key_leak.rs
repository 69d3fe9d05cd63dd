//! A full session (save a key, create a customer, test the connection) must leave the key in no
//! file the app wrote and in no log line. Alone in its own binary: it installs a global logger.

mod common;

use std::sync::Mutex;

use common::{fill_everything, harness_options, settle, step_until, type_into};
use egui_kittest::kittest::Queryable;
use sourcehub_desk::api::EnvKind;
use sourcehub_desk::drafts::DraftStore;
use sourcehub_desk::sandbox::SandboxConfig;

const SECRET: &str = "leak-check-secret-7f3a9c";

static LOG: Mutex<String> = Mutex::new(String::new());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }
    fn log(&self, record: &log::Record<'_>) {
        if let Ok(mut l) = LOG.lock() {
            l.push_str(&format!(
                "{} {} {}\n",
                record.level(),
                record.target(),
                record.args()
            ));
        }
    }
    fn flush(&self) {}
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

fn assert_no_secret(dir: &std::path::Path) {
    for f in files_under(dir) {
        let bytes = std::fs::read(&f).expect("readable");
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(SECRET), "the key is in {}", f.display());
    }
}

#[test]
fn a_full_session_leaves_the_key_nowhere() {
    log::set_boxed_logger(Box::new(Capture)).expect("logger");
    log::set_max_level(log::LevelFilter::Trace);
    let dir = tempfile::tempdir().expect("temp dir");
    let store = DraftStore::at(dir.path().join("data").join("draft.json"));
    let mut h = harness_options(
        SandboxConfig {
            token: SECRET.into(),
            ..common::small()
        },
        move |o| o.drafts = Some(store),
    );
    let url = h.state().sandbox().expect("sandbox").base_url();
    h.state_mut().env.custom_url = url;
    h.get_by_label("Environment").click();
    h.step();
    h.step();
    h.get_by_label("Custom").click();
    h.step();
    h.run();
    assert_eq!(h.state().env.kind, EnvKind::Custom);
    type_into(&mut h, "API key", SECRET);
    h.get_by_label("Save").click();
    h.step();
    fill_everything(&mut h);
    settle(&mut h);
    // Mid-session the draft exists (the create will clear it): check it too.
    let draft_path = dir.path().join("data").join("draft.json");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !draft_path.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "the draft was never written"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_no_secret(dir.path());
    h.get_by_label("Create customer").click();
    h.step();
    step_until(&mut h, "the create", |app| app.submission.outcome.is_some());
    h.get_by_label("Test connection").click();
    h.step();
    step_until(&mut h, "the check", |app| app.env.check.is_some());
    settle(&mut h);
    assert_eq!(h.state().sandbox().map(|s| s.customer_count()), Some(1));

    assert_no_secret(dir.path());
    let log = LOG.lock().expect("log").clone();
    assert!(!log.is_empty(), "the logger captured the session");
    assert!(!log.contains(SECRET), "the key is in the log output");
}
