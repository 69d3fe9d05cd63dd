//! Every fault the Sandbox can inject, met by the window: a message in words, no panic, every
//! typed value kept, and at most one customer created.

mod common;

use std::time::Duration;

use common::{harness_options, step_until};
use egui_kittest::kittest::Queryable;
use sourcehub_desk::domain::{AgentPick, AreaPick, CustomerDraft, GstTreatment, PostalPick};
use sourcehub_desk::sandbox::Fault;
use sourcehub_desk::ui::result_panel::Outcome;

/// A complete, valid customer, put straight into the form: with a faulty server the lookups
/// fail too, so the dropdowns cannot be used.
fn typed() -> CustomerDraft {
    CustomerDraft {
        company_name: "Arun Store".into(),
        mobile: "+91 98765 43210".into(),
        contact_person: "Arun Sen".into(),
        address: "12 MG Road".into(),
        area: Some(AreaPick {
            id: 112,
            name: "Agaram".into(),
            city: "Bengaluru".into(),
            state: "Karnataka".into(),
        }),
        postal_code: Some(PostalPick {
            id: 31,
            code: "560030".into(),
        }),
        gst_treatment: Some(GstTreatment::Registered),
        gstin: "29AAACC1206D2ZB".into(),
        sales_agent: Some(AgentPick {
            id: 12,
            name: "Lakshmi Narayan".into(),
        }),
    }
}

fn run_fault(fault: Fault) {
    let mut config = common::small();
    config.fault = Some(fault);
    config.fault_count = 1_000;
    config.fault_delay = Duration::from_secs(4);
    let mut h = harness_options(config, |o| {
        o.request_timeout = Duration::from_secs(2);
        o.connect_timeout = Duration::from_secs(2);
    });
    h.state_mut().form.draft = typed();
    h.step();
    h.step();
    h.get_by_label("Create customer").click();
    h.step();
    step_until(&mut h, "the create to end", |app| {
        app.submission.outcome.is_some()
    });
    let app = h.state();
    let Some(Outcome::Failed(err)) = &app.submission.outcome else {
        panic!(
            "{fault}: expected a failure, got {:?}",
            app.submission.outcome
        );
    };
    let message = err.to_string();
    assert!(
        message.len() > 30 && message.ends_with('.'),
        "{fault}: a sentence, got {message:?}"
    );
    assert_eq!(app.form.draft, typed(), "{fault}: every typed value kept");
    let count = app.sandbox().map(|s| s.customer_count()).unwrap_or(99);
    assert!(count <= 1, "{fault}: at most one customer, got {count}");
    if err.outcome_unknown() {
        // The panel says so and offers to look before sending again.
        h.step();
        h.get_by_label(
            "The customer may or may not have been created. Look for it in Sourcehub before sending again.",
        );
        h.get_by_label("Look for it in Sourcehub");
    }
}

#[test]
fn every_fault_is_met_with_words_and_nothing_lost() {
    for fault in Fault::ALL {
        run_fault(fault);
    }
}

#[test]
fn a_slow_create_can_be_found_before_sending_again() {
    let mut config = common::small();
    config.fault = Some(Fault::SlowCreate);
    config.fault_delay = Duration::from_secs(4);
    let mut h = harness_options(config, |o| o.request_timeout = Duration::from_secs(2));
    h.state_mut().form.draft = typed();
    h.step();
    h.get_by_label("Create customer").click();
    h.step();
    step_until(&mut h, "the create to time out", |app| {
        app.submission.outcome.is_some()
    });
    h.step();
    h.get_by_label("Look for it in Sourcehub").click();
    h.step();
    step_until(&mut h, "the search", |app| {
        matches!(
            app.submission.search,
            Some(sourcehub_desk::ui::submission::SearchState::Found(_))
        )
    });
    h.step();
    h.get_by_label("✔ Found it: customer 1 was created. Do not send it again.");
    assert_eq!(h.state().sandbox().map(|s| s.customer_count()), Some(1));
}

#[test]
fn one_click_is_one_request() {
    let mut config = common::small();
    config.fault = Some(Fault::SlowCreate);
    config.fault_delay = Duration::from_secs(2);
    let mut h = harness_options(config, |o| o.request_timeout = Duration::from_secs(5));
    h.state_mut().form.draft = typed();
    h.step();
    // A double click, then Enter held down while the create is in flight.
    h.get_by_label("Create customer").click();
    h.get_by_label("Create customer").click();
    h.step();
    for _ in 0..5 {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Enter);
        h.step();
    }
    step_until(&mut h, "the create", |app| app.submission.outcome.is_some());
    assert_eq!(h.state().submission.sent_count, 1);
    assert_eq!(h.state().sandbox().map(|s| s.customer_count()), Some(1));
    assert!(matches!(
        h.state().submission.outcome,
        Some(Outcome::Created { .. })
    ));
    // The same company and mobile again within minutes: the app asks first.
    h.get_by_label("Create customer").click();
    h.step();
    h.step();
    assert_eq!(h.state().submission.sent_count, 1, "held for confirmation");
    h.get_by_label("Don't create").click();
    h.step();
    assert_eq!(h.state().sandbox().map(|s| s.customer_count()), Some(1));
}

/// A Custom environment pointing at `url` with `key`, the form filled, Create clicked, and the
/// outcome waited for.
fn create_against(
    url: String,
    key: &str,
) -> egui_kittest::Harness<'static, sourcehub_desk::ui::DeskApp> {
    let key = key.to_owned();
    let mut h = harness_options(common::small(), move |o| {
        o.env = sourcehub_desk::api::EnvKind::Custom;
        o.custom_url = url;
        o.env_key = Some(sourcehub_desk::api::ApiKey::new(key));
        o.request_timeout = Duration::from_secs(2);
    });
    h.state_mut().form.draft = typed();
    h.step();
    h.get_by_label("Create customer").click();
    h.step();
    step_until(&mut h, "the create to end", |app| {
        app.submission.outcome.is_some()
    });
    h
}

#[test]
fn offline_and_rejected_keys_keep_everything_typed() {
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let h = create_against(format!("http://127.0.0.1:{closed}/api"), "sandbox");
    let Some(Outcome::Failed(e)) = &h.state().submission.outcome else {
        panic!("offline must fail");
    };
    assert!(e.to_string().contains("connection was refused"), "{e}");
    assert_eq!(h.state().form.draft, typed());

    let server = sourcehub_desk::sandbox::start(common::small()).expect("sandbox");
    let h = create_against(server.base_url(), "wrong-key");
    let Some(Outcome::Failed(e)) = &h.state().submission.outcome else {
        panic!("a wrong key must fail");
    };
    assert!(e.is_key_problem(), "{e}");
    assert_eq!(h.state().form.draft, typed());
    assert_eq!(server.customer_count(), 0);
}

#[test]
fn cancel_leaves_the_outcome_unknown_and_the_form_as_typed() {
    let mut config = common::small();
    config.fault = Some(Fault::Blackhole);
    let mut h = harness_options(config, |o| o.request_timeout = Duration::from_secs(30));
    h.state_mut().form.draft = typed();
    h.step();
    h.get_by_label("Create customer").click();
    h.step();
    std::thread::sleep(Duration::from_millis(1200));
    h.step();
    h.get_by_label("Cancel").click();
    h.step();
    h.step();
    let Some(Outcome::Failed(e)) = &h.state().submission.outcome else {
        panic!("cancel ends the wait");
    };
    assert!(e.outcome_unknown());
    assert!(!h.state().is_creating());
    assert_eq!(h.state().form.draft, typed());
    h.get_by_label(
        "The customer may or may not have been created. Look for it in Sourcehub before sending again.",
    );
}
