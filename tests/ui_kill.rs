//! Killed mid-entry: the app's state machine runs in a child process (this same test binary,
//! re-run with an environment variable), the clerk's typing reaches the draft file, the child
//! is killed with SIGKILL, and a new app on the same draft finds every field restored.

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{fill_everything, harness_options, settle};
use egui_kittest::kittest::Queryable;
use sourcehub_desk::domain::{CustomerDraft, Field, GstTreatment};
use sourcehub_desk::drafts::DraftStore;

const CHILD_ENV: &str = "SOURCEHUB_KILL_TEST_DRAFT";

/// In the child: fill the whole form, then keep the app running until killed.
fn child(path: PathBuf) -> ! {
    let store = DraftStore::at(path);
    let mut h = harness_options(common::small(), move |o| o.drafts = Some(store));
    fill_everything(&mut h);
    loop {
        h.step();
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn complete(d: &CustomerDraft) -> bool {
    d.company_name == "Arun Store"
        && d.mobile == "+91 98765 43210"
        && d.contact_person == "Arun Sen"
        && d.address == "12 MG Road"
        && d.area.as_ref().map(|a| a.id) == Some(112)
        && d.postal_code.as_ref().map(|p| p.id) == Some(31)
        && d.gst_treatment == Some(GstTreatment::Registered)
        && d.gstin == "29AAACC1206D2ZB"
        && d.sales_agent.as_ref().map(|a| a.id) == Some(12)
}

#[test]
fn killed_mid_entry_every_field_is_restored() {
    if let Ok(path) = std::env::var(CHILD_ENV) {
        child(PathBuf::from(path));
    }
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("draft.json");
    let mut kid = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "killed_mid_entry_every_field_is_restored",
            "--nocapture",
        ])
        .env(CHILD_ENV, &path)
        .spawn()
        .expect("child starts");
    let store = DraftStore::at(&path);
    let deadline = Instant::now() + Duration::from_secs(180);
    while !store.load().ok().flatten().is_some_and(|d| complete(&d)) {
        assert!(
            Instant::now() < deadline,
            "the child never saved a complete draft"
        );
        assert!(
            kid.try_wait().expect("poll").is_none(),
            "the child exited on its own"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    kid.kill().expect("SIGKILL");
    let status = kid.wait().expect("reaped");
    assert!(!status.success(), "killed, not exited");

    let mut h = harness_options(common::small(), move |o| o.drafts = Some(store));
    settle(&mut h);
    assert!(
        complete(&h.state().form.draft),
        "{:?}",
        h.state().form.draft
    );
    h.get_by_label("ℹ Restored your unfinished customer.");
    assert_eq!(
        h.get_by_label(Field::Address.label()).value().as_deref(),
        Some("12 MG Road")
    );
}
