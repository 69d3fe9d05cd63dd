//! The whole window flow with egui_kittest: headless, no display, the real in-process Sandbox.

mod common;

use common::{fill_everything, harness, settle, step_until};
use egui_kittest::kittest::Queryable;
use sourcehub_desk::api::types::Approval;
use sourcehub_desk::domain::{Field, GstTreatment};
use sourcehub_desk::ui::result_panel::Outcome;

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
    step_until(&mut h, "the create to finish", |app| {
        app.submission.outcome.is_some()
    });
    match &h.state().submission.outcome {
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
    step_until(&mut h, "the create to fail", |app| {
        app.submission.outcome.is_some()
    });
    assert!(matches!(
        h.state().submission.outcome,
        Some(Outcome::Failed(_))
    ));
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
