//! Never lose what was typed: the draft is saved as the clerk types, restored on the next start
//! with a notice, cleared by a successful create, and never holds the API key.

mod common;

use std::time::{Duration, Instant};

use common::{fill_everything, harness_options, settle, step_until, type_into};
use egui_kittest::kittest::Queryable;
use sourcehub_desk::domain::{CustomerDraft, Field};
use sourcehub_desk::drafts::DraftStore;

fn wait_for_file(store: &DraftStore, what: &str, done: impl Fn(Option<CustomerDraft>) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done(store.load().expect("draft readable")) {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn typing_is_saved_and_restored_on_the_next_start() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = DraftStore::at(dir.path().join("draft.json"));
    {
        let s = store.clone();
        let mut h = harness_options(common::small(), move |o| o.drafts = Some(s));
        settle(&mut h);
        type_into(&mut h, Field::CompanyName.label(), "Half Typed Traders");
        type_into(&mut h, Field::Mobile.label(), "98765 43210");
        h.run();
        wait_for_file(&store, "the draft to be written", |d| {
            d.is_some_and(|d| d.mobile == "98765 43210")
        });
        // The window goes away without any goodbye, as after a kill.
    }
    let s = store.clone();
    let mut h = harness_options(common::small(), move |o| o.drafts = Some(s));
    settle(&mut h);
    let d = &h.state().form.draft;
    assert_eq!(d.company_name, "Half Typed Traders");
    assert_eq!(d.mobile, "98765 43210");
    h.get_by_label("ℹ Restored your unfinished customer.");
    assert_eq!(
        h.get_by_label(Field::CompanyName.label())
            .value()
            .as_deref(),
        Some("Half Typed Traders")
    );
}

#[test]
fn a_successful_create_clears_the_draft() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = DraftStore::at(dir.path().join("draft.json"));
    let s = store.clone();
    let mut h = harness_options(common::small(), move |o| o.drafts = Some(s));
    fill_everything(&mut h);
    settle(&mut h);
    wait_for_file(&store, "the full draft", |d| {
        d.is_some_and(|d| d.sales_agent.is_some())
    });
    let text = std::fs::read_to_string(store.path()).expect("draft file");
    assert!(
        !text.contains("sandbox"),
        "the draft never holds a key: {text}"
    );
    h.get_by_label("Create customer").click();
    h.step();
    step_until(&mut h, "the create", |app| app.submission.outcome.is_some());
    settle(&mut h);
    wait_for_file(&store, "the draft to be cleared", |d| d.is_none());
}
