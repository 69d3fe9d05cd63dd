//! Inline validation in the window: GSTIN field appears with Registered, a wrong check
//! character is explained and blocks Submit, a GSTIN from another state blocks Submit naming
//! both states, and a typed PIN selects the postal code.

mod common;

use common::{choose, fill_everything, harness, settle, step_until, type_into};
use egui_kittest::kittest::{NodeT, Queryable};
use sourcehub_desk::domain::Field;

fn submit_enabled(h: &egui_kittest::Harness<'_, sourcehub_desk::ui::DeskApp>) -> bool {
    !h.get_by_label("Create customer")
        .accesskit_node()
        .is_disabled()
}

#[test]
fn choosing_registered_shows_the_gstin_field() {
    let mut h = harness();
    settle(&mut h);
    assert!(h.query_by_label(Field::Gstin.label()).is_none());
    h.get_by_label("Registered").click();
    h.run();
    h.get_by_label(Field::Gstin.label());
    h.get_by_label("Unregistered").click();
    h.run();
    assert!(h.query_by_label(Field::Gstin.label()).is_none());
}

#[test]
fn wrong_check_character_is_explained_and_blocks_submit() {
    let mut h = harness();
    fill_everything(&mut h);
    settle(&mut h);
    assert!(submit_enabled(&h), "the filled form is valid");
    h.get_by_label(Field::Gstin.label()).focus();
    h.key_press(egui::Key::Backspace);
    h.run();
    h.get_by_label(Field::Gstin.label()).type_text("X");
    h.run();
    assert_eq!(h.state().form.draft.gstin, "29AAACC1206D2ZX");
    let reason = h
        .query_all(egui_kittest::kittest::by().label_contains("check character should be B"))
        .count();
    assert_eq!(reason, 1, "the reason is shown under the field");
    assert!(!submit_enabled(&h));
}

#[test]
fn a_gstin_from_another_state_blocks_submit_and_names_both() {
    let mut h = harness();
    fill_everything(&mut h);
    settle(&mut h);
    // Replace the Karnataka GSTIN with a valid Maharashtra one.
    h.state_mut().form.draft.gstin.clear();
    h.run();
    type_into(&mut h, Field::Gstin.label(), "27AAPFU0939F1ZV");
    h.run();
    let msg = "GSTIN is registered in Maharashtra (27) but the area is in Karnataka (29)";
    assert_eq!(
        h.query_all(egui_kittest::kittest::by().label_contains(msg))
            .count(),
        1,
        "the mismatch names both states"
    );
    assert!(!submit_enabled(&h));
    let d = &h.state().form.draft;
    assert_eq!(d.company_name, "Arun Store");
    assert_eq!(d.mobile, "+91 98765 43210");
    assert_eq!(d.contact_person, "Arun Sen");
    assert_eq!(d.address, "12 MG Road");
    assert!(d.area.is_some() && d.postal_code.is_some() && d.sales_agent.is_some());
}

#[test]
fn typing_a_full_pin_selects_the_postal_code() {
    let mut h = harness();
    step_until(&mut h, "postal codes", |app| {
        app.lookups.postal_codes.len() >= 2_000
    });
    h.get_by_label("Postal code").click();
    h.step();
    h.step();
    h.get_by_label("Filter postal codes").type_text("110 001");
    h.step();
    h.step();
    settle(&mut h);
    let picked = h.state().form.draft.postal_code.clone();
    assert_eq!(picked.map(|p| p.code), Some("110001".to_owned()));
}

#[test]
fn unregistered_with_a_gstin_switches_to_registered_with_a_notice() {
    let mut h = harness();
    settle(&mut h);
    h.get_by_label("Registered").click();
    h.run();
    type_into(&mut h, Field::Gstin.label(), "29AAACC1206D2ZB");
    h.get_by_label("Unregistered").click();
    h.run();
    assert_eq!(
        h.state().form.draft.gst_treatment,
        Some(sourcehub_desk::domain::GstTreatment::Registered)
    );
    h.get_by_label("ℹ GST treatment switched to Registered because a GSTIN was entered");
    let _ = choose;
}
