//! For the sales manager: the card after a create, the GSTIN the server did not keep, the recent
//! list across restarts, and approvals refreshed from the Sandbox.

mod common;

use common::{fill_everything, harness_options, settle, step_until};
use egui_kittest::kittest::{Queryable, by};
use sourcehub_desk::history::HistoryStore;
use sourcehub_desk::sandbox::store::ApprovalMode;

fn create(h: &mut egui_kittest::Harness<'_, sourcehub_desk::ui::DeskApp>) {
    h.get_by_label("Create customer").click();
    h.step();
    step_until(h, "the create", |app| app.submission.outcome.is_some());
    settle(h);
}

#[test]
fn the_card_shows_every_field_and_a_dropped_gstin() {
    let mut config = common::small();
    config.options.drop_gstin = true;
    let mut h = harness_options(config, |_| {});
    fill_everything(&mut h);
    create(&mut h);
    for label in [
        "Customer created in Sandbox",
        "⚫ Active",
        "✔ Approval: Accepted",
        "Arun Store",
        "Arun Sen",
        "9876543210",
        "Karnataka (K001)",
        "Bengaluru (BEN1)",
        "Agaram",
        "560030",
        "12 MG Road",
        "not assigned yet",
    ] {
        assert!(
            h.query_all(by().label(label)).count() >= 1,
            "the card shows {label:?}"
        );
    }
    assert_eq!(
        h.query_all(by().label("GSTIN: sent 29AAACC1206D2ZB, stored (empty)"))
            .count(),
        1,
        "the difference is listed"
    );
}

#[test]
fn recent_submissions_survive_a_restart() {
    let dir = tempfile::tempdir().expect("temp");
    let store = HistoryStore::at(dir.path().join("recent.json"));
    {
        let s = store.clone();
        let mut h = harness_options(common::small(), move |o| o.history = Some(s));
        fill_everything(&mut h);
        create(&mut h);
        assert_eq!(h.state().history.entries.len(), 1);
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while store.load().map(|h| h.entries.len()).unwrap_or(0) == 0 {
        assert!(std::time::Instant::now() < deadline, "history written");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let s = store.clone();
    let mut h = harness_options(common::small(), move |o| o.history = Some(s));
    settle(&mut h);
    h.get_by_label("Recent submissions (1)");
    let rows = h
        .query_all(by().label_contains("Arun Store · 9876543210"))
        .count();
    assert_eq!(rows, 1, "the saved customer is listed");
    h.get_by_label("Search recent").focus();
    h.get_by_label("Search recent").type_text("nobody");
    h.run();
    assert_eq!(
        h.query_all(by().label_contains("Arun Store · 9876543210"))
            .count(),
        0
    );
}

#[test]
fn refresh_moves_a_pending_customer_to_accepted() {
    let mut config = common::small();
    config.options.approval = ApprovalMode::Auto;
    config.options.approval_delay = std::time::Duration::from_secs(2);
    let mut h = harness_options(config, |_| {});
    fill_everything(&mut h);
    create(&mut h);
    h.get_by_label("⏳ Approval: Pending");
    h.get_by_label("Refresh approval of pending (1)");
    std::thread::sleep(std::time::Duration::from_millis(2200));
    h.get_by_label("Refresh approval of pending (1)").click();
    h.step();
    step_until(&mut h, "the refresh", |app| {
        app.history.entries[0].last_checked.is_some()
    });
    settle(&mut h);
    assert_eq!(
        h.state().history.entries[0].customer.approval.as_deref(),
        Some("accepted")
    );
    assert_eq!(h.query_all(by().label_contains("· Accepted ·")).count(), 1);
    h.get_by_label("Refresh approval of pending (0)");
    // Its card shows the new badge and when it was checked.
    h.get_by_label_contains("Arun Store · 9876543210").click();
    h.run();
    h.get_by_label("✔ Approval: Accepted");
    h.get_by_label("approval last checked just now");
}
