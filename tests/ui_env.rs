//! Environments and keys in the window: Test connection, Live marking, saving a pasted key with
//! spaces to the (mock) keyring for a custom base URL.

mod common;

use common::{harness_full, settle, step_until, type_into};
use egui_kittest::kittest::{Queryable, by};
use sourcehub_desk::api::{ApiKey, EnvKind};
use sourcehub_desk::keystore::{KeyStore, entry_user};

fn pick_env(h: &mut egui_kittest::Harness<'_, sourcehub_desk::ui::DeskApp>, env: &str) {
    h.get_by_label("Environment").click();
    h.step();
    h.step();
    h.get_by_label(env).click();
    h.step();
    h.step();
}

#[test]
fn test_connection_reports_connected_in_the_sandbox() {
    let ks = KeyStore::mock().expect("mock");
    let mut h = harness_full(common::small(), ks, EnvKind::Sandbox, "");
    settle(&mut h);
    h.get_by_label("Test connection").click();
    h.step();
    step_until(&mut h, "the check", |app| app.env.check.is_some());
    settle(&mut h);
    assert_eq!(
        h.query_all(by().label_contains("connected: the key works (HTTP 200,"))
            .count(),
        1
    );
}

#[test]
fn live_is_marked_and_its_button_says_so() {
    let ks = KeyStore::mock().expect("mock");
    let mut h = harness_full(common::small(), ks, EnvKind::Sandbox, "");
    settle(&mut h);
    pick_env(&mut h, "Live");
    h.run();
    assert_eq!(h.state().env.kind, EnvKind::Live);
    h.get_by_label("LIVE: customers you create here are real");
    h.get_by_label("Create in Live");
    assert!(h.query_by_label("Create customer").is_none());
    // No key for Live yet: the app says what to do.
    assert_eq!(
        h.query_all(by().label_contains("No API key is set"))
            .count(),
        1
    );
}

#[test]
fn a_pasted_key_is_trimmed_saved_per_base_url_and_used() {
    let ks = KeyStore::mock().expect("mock");
    let mut h = harness_full(common::small(), ks.clone(), EnvKind::Sandbox, "");
    settle(&mut h);
    let url = h.state().sandbox().expect("sandbox").base_url();
    h.state_mut().env.custom_url = url.clone();
    pick_env(&mut h, "Custom");
    h.run();
    type_into(&mut h, "API key", "  sandbox");
    h.get_by_label("Save").click();
    h.step();
    step_until(&mut h, "the key to be saved", |app| {
        app.env
            .key_message
            .as_ref()
            .is_some_and(|(_, m)| m.contains("saved in the keyring"))
    });
    let user = entry_user(EnvKind::Custom, &url).expect("custom entry");
    assert_eq!(ks.load(&user).expect("load"), Some(ApiKey::new("sandbox")));
    assert_eq!(
        h.state().env.last_trimmed,
        2,
        "removed 2 spaces around the key"
    );
    step_until(&mut h, "agents through the custom URL", |app| {
        app.lookups.agents.len() == 25
    });
    settle(&mut h);
    // Nothing else holds the key: not the test environment's entry.
    assert_eq!(ks.load("test").expect("load"), None);
}

#[test]
fn the_about_box_names_the_version_and_the_data_credit() {
    let ks = KeyStore::mock().expect("mock");
    let mut h = harness_full(common::small(), ks, EnvKind::Sandbox, "");
    settle(&mut h);
    h.get_by_label("About Sourcehub Desk").click();
    h.run();
    let version = env!("CARGO_PKG_VERSION");
    assert!(h.query_all(by().label_contains(version)).count() >= 1);
    assert!(h.query_all(by().label_contains("India Post")).count() >= 1);
}

#[test]
fn a_key_from_the_environment_is_used_but_never_saved() {
    let ks = KeyStore::mock().expect("mock");
    let shared = ks.clone();
    let mut h = common::harness_options(common::small(), move |o| {
        if let sourcehub_desk::ui::app::SandboxChoice::Given(s) = &o.sandbox {
            o.custom_url = s.base_url();
        }
        o.env = EnvKind::Custom;
        o.env_key = Some(ApiKey::new("sandbox"));
        o.keyring = sourcehub_desk::ui::app::KeyringChoice::Given(shared);
    });
    step_until(&mut h, "agents with the environment's key", |app| {
        app.lookups.agents.len() == 25
    });
    settle(&mut h);
    let url = h.state().env.custom_url.clone();
    let user = entry_user(EnvKind::Custom, &url).expect("custom entry");
    assert_eq!(
        ks.load(&user).expect("load"),
        None,
        "never written to the keyring"
    );
    assert!(h.state().env.from_env_var);
}
