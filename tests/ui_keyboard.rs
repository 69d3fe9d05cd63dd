//! A clerk completes a customer with the keyboard alone: Tab through the form in order, open
//! the dropdowns with a key, filter by typing, pick with Enter, submit with Ctrl+Enter.

mod common;

use common::{harness, settle, step_until};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sourcehub_desk::domain::Field;
use sourcehub_desk::ui::DeskApp;
use sourcehub_desk::ui::result_panel::Outcome;

fn press(h: &mut Harness<'_, DeskApp>, key: Key) {
    h.key_press(key);
    h.step();
    h.step();
}

fn typ(h: &mut Harness<'_, DeskApp>, text: &str) {
    h.event(egui::Event::Text(text.to_owned()));
    h.step();
    h.step();
}

fn focused(h: &Harness<'_, DeskApp>, label: &str) -> bool {
    h.get_by_label(label).is_focused()
}

/// Tab, and the next field in form order has the focus.
fn tab_to(h: &mut Harness<'_, DeskApp>, label: &str) {
    press(h, Key::Tab);
    assert!(focused(h, label), "Tab should move to {label}");
}

#[test]
fn a_customer_with_the_keyboard_alone() {
    let mut h = harness();
    step_until(&mut h, "lookups to start arriving", |app| {
        app.lookups.agents.len() >= 25 && app.lookups.areas.len() >= 200
    });
    // From the top of the window, Tab reaches the first field of the form.
    let mut presses = 0;
    while !focused(&h, Field::CompanyName.label()) {
        press(&mut h, Key::Tab);
        presses += 1;
        assert!(presses < 12, "Tab never reached the company name");
    }
    typ(&mut h, "Arun Store");
    tab_to(&mut h, Field::Mobile.label());
    typ(&mut h, "98765 43210");
    tab_to(&mut h, Field::ContactPerson.label());
    typ(&mut h, "Arun Sen");
    tab_to(&mut h, Field::Address.label());
    typ(&mut h, "12 MG Road");
    tab_to(&mut h, Field::Area.label());
    press(&mut h, Key::Enter);
    assert!(
        focused(&h, "Filter areas"),
        "the filter has the focus when the dropdown opens"
    );
    typ(&mut h, "agaram beng");
    press(&mut h, Key::Enter);
    assert_eq!(h.state().form.draft.area.as_ref().map(|a| a.id), Some(112));
    assert!(
        focused(&h, Field::Area.label()),
        "focus returns to the dropdown"
    );
    tab_to(&mut h, Field::PostalCode.label());
    assert_eq!(
        h.state()
            .form
            .draft
            .postal_code
            .as_ref()
            .map(|p| p.code.as_str()),
        Some("560030")
    );
    tab_to(&mut h, "Registered");
    press(&mut h, Key::Space);
    tab_to(&mut h, "Unregistered");
    tab_to(&mut h, Field::Gstin.label());
    typ(&mut h, "29AAACC1206D2ZB");
    tab_to(&mut h, Field::SalesAgent.label());
    press(&mut h, Key::Space);
    assert!(focused(&h, "Filter sales agents"));
    typ(&mut h, "lakshmi");
    // Esc closes the dropdown without losing anything; it opens again with the same filter.
    press(&mut h, Key::Escape);
    assert!(h.query_by_label("Filter sales agents").is_none());
    assert_eq!(h.state().form.draft.company_name, "Arun Store");
    h.get_by_label(Field::SalesAgent.label()).focus();
    h.step();
    press(&mut h, Key::Enter);
    assert_eq!(
        h.get_by_label("Filter sales agents").value().as_deref(),
        Some("lakshmi")
    );
    press(&mut h, Key::Enter);
    assert_eq!(
        h.state().form.draft.sales_agent.as_ref().map(|a| a.id),
        Some(12)
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.step();
    step_until(&mut h, "the create", |app| app.submission.outcome.is_some());
    assert!(matches!(
        h.state().submission.outcome,
        Some(Outcome::Created { .. })
    ));
    settle(&mut h);
    assert!(
        h.query_by_label("Filter sales agents").is_none(),
        "Ctrl+Enter creates without also opening the focused dropdown"
    );

    // Ctrl+N: the next customer, same agent, focus on the company name.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.step();
    h.step();
    h.step();
    assert_eq!(h.state().form.draft.company_name, "");
    assert_eq!(
        h.state().form.draft.sales_agent.as_ref().map(|a| a.id),
        Some(12)
    );
    assert!(focused(&h, Field::CompanyName.label()));
}

#[test]
fn a_failed_submit_takes_focus_to_the_first_problem() {
    let mut h = harness();
    settle(&mut h);
    h.get_by_label(Field::CompanyName.label()).focus();
    h.step();
    typ(&mut h, "Arun Store");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.step();
    h.step();
    h.step();
    assert!(
        focused(&h, Field::Mobile.label()),
        "the first field with an error has the focus"
    );
    assert_eq!(h.state().sandbox().map(|s| s.customer_count()), Some(0));
}
