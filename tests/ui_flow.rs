//! The whole window flow with egui_kittest: headless, no display, the real in-process Sandbox.

use std::sync::Arc;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sourcehub_desk::api::EnvKind;
use sourcehub_desk::api::types::Approval;
use sourcehub_desk::domain::{Field, GstTreatment};
use sourcehub_desk::keystore::KeyStore;
use sourcehub_desk::sandbox::{self, SandboxConfig};
use sourcehub_desk::ui::app::{KeyringChoice, SandboxChoice};
use sourcehub_desk::ui::result_panel::Outcome;
use sourcehub_desk::ui::{AppOptions, DeskApp};

fn harness() -> Harness<'static, DeskApp> {
    let handle = sandbox::start(SandboxConfig::default()).expect("sandbox");
    Harness::builder()
        .with_size([1280.0, 1000.0])
        .build_eframe(move |cc| {
            let ctx = cc.egui_ctx.clone();
            DeskApp::new(
                Arc::new(move || ctx.request_repaint()),
                AppOptions {
                    keyring: KeyringChoice::Given(KeyStore::mock().expect("mock keyring")),
                    sandbox: SandboxChoice::Given(handle),
                    env: EnvKind::Sandbox,
                },
            )
        })
}

/// Steps the UI until `done` holds, as background work finishes on its own threads.
fn step_until(h: &mut Harness<'_, DeskApp>, what: &str, done: impl Fn(&DeskApp) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done(h.state()) {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    h.step();
}

/// Lookups still arriving wake the UI; after they finish, the app must go idle.
fn settle(h: &mut Harness<'_, DeskApp>) {
    step_until(h, "all lookups to load", |app| {
        !app.lookups.areas.is_loading()
            && !app.lookups.postal_codes.is_loading()
            && !app.lookups.agents.is_loading()
    });
    h.run();
}

fn type_into(h: &mut Harness<'_, DeskApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.step();
    h.get_by_label(label).type_text(text);
    h.step();
}

/// Opens a lookup dropdown, filters it and clicks the wanted row.
fn choose(h: &mut Harness<'_, DeskApp>, field: &str, filter_label: &str, filter: &str, row: &str) {
    h.get_by_label(field).click();
    h.step();
    h.step();
    h.get_by_label(filter_label).type_text(filter);
    h.step();
    h.step();
    h.get_by_label(row).click();
    h.step();
    h.step();
}

fn fill_everything(h: &mut Harness<'_, DeskApp>) {
    step_until(h, "the sales agents and area 112", |app| {
        app.lookups.agents.len() >= 25 && app.lookups.areas.len() >= 200
    });
    type_into(h, Field::CompanyName.label(), "Arun Store");
    type_into(h, Field::Mobile.label(), "+91 98765 43210");
    type_into(h, Field::ContactPerson.label(), "Arun Sen");
    type_into(h, Field::Address.label(), "12 MG Road");
    choose(
        h,
        "Area",
        "Filter areas",
        "agaram beng",
        "Agaram — Bengaluru, Karnataka",
    );
    choose(
        h,
        "Postal code",
        "Filter postal codes",
        "",
        "560030 (this area)",
    );
    h.get_by_label("Registered").click();
    h.step();
    h.step();
    type_into(h, Field::Gstin.label(), "29aaacc1206d2zb");
    choose(
        h,
        "Sales agent",
        "Filter sales agents",
        "lakshmi",
        "Lakshmi Narayan",
    );
}

#[test]
fn create_a_customer_through_the_window() {
    let mut h = harness();
    fill_everything(&mut h);
    {
        let d = &h.state().form.draft;
        assert_eq!(d.company_name, "Arun Store");
        assert_eq!(d.area.as_ref().map(|a| a.id), Some(112));
        assert_eq!(
            d.postal_code.as_ref().map(|p| p.code.as_str()),
            Some("560030")
        );
        assert_eq!(d.gst_treatment, Some(GstTreatment::Registered));
        assert_eq!(d.gstin, "29AAACC1206D2ZB", "upper-cased as typed");
        assert_eq!(d.sales_agent.as_ref().map(|a| a.id), Some(12));
    }
    h.get_by_label("Create customer").click();
    h.step();
    step_until(&mut h, "the create to finish", |app| app.outcome.is_some());
    match &h.state().outcome {
        Some(Outcome::Created { created, .. }) => {
            assert_eq!(created.customer.approval(), Approval::Accepted);
            assert_eq!(
                created.customer.contactperson_number.as_deref(),
                Some("9876543210")
            );
        }
        other => panic!("expected a created customer, got {other:?}"),
    }
    settle(&mut h);
    h.get_by_label("✔ Approval: Accepted");
    h.get_by_label("Karnataka (K001)");
    h.get_by_label("Bengaluru (BEN1)");
    h.get_by_label("Agaram");
    h.get_by_label("560030");
    assert_eq!(h.state().sandbox().map(|s| s.customer_count()), Some(1));
}

#[test]
fn a_rejected_create_keeps_everything_typed() {
    let mut h = harness();
    fill_everything(&mut h);
    // An area id the Sandbox does not know: the form is valid, the server answers 400.
    if let Some(a) = h.state_mut().form.draft.area.as_mut() {
        a.id = 99_999_999;
    }
    let before = h.state().form.draft.clone();
    h.get_by_label("Create customer").click();
    h.step();
    step_until(&mut h, "the create to fail", |app| app.outcome.is_some());
    assert!(matches!(h.state().outcome, Some(Outcome::Failed(_))));
    settle(&mut h);
    assert_eq!(h.state().form.draft, before, "every typed value is kept");
    h.get_by_label("Everything you typed is still in the form.");
    assert_eq!(
        h.get_by_label(Field::CompanyName.label())
            .value()
            .as_deref(),
        Some("Arun Store")
    );
    assert_eq!(h.state().sandbox().map(|s| s.customer_count()), Some(0));
}
