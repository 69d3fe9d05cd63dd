//! Shared helpers for the window tests: a harness around the app with its own Sandbox and a
//! mock keyring, and steps that type, pick from dropdowns and wait for background work.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sourcehub_desk::api::EnvKind;
use sourcehub_desk::domain::Field;
use sourcehub_desk::keystore::KeyStore;
use sourcehub_desk::sandbox::{self, SandboxConfig};
use sourcehub_desk::ui::app::{KeyringChoice, SandboxChoice};
use sourcehub_desk::ui::{AppOptions, DeskApp};

pub fn harness() -> Harness<'static, DeskApp> {
    harness_with(small())
}

/// A Sandbox serving the first 2,000 areas and postal codes: Agaram (area 112), PIN 560030
/// and PIN 110001 are among them, and the window tests do not wait for all of India to load.
pub fn small() -> SandboxConfig {
    let mut c = SandboxConfig::default();
    c.options.data_limit = Some(2000);
    c
}

pub fn harness_with(config: SandboxConfig) -> Harness<'static, DeskApp> {
    harness_full(
        config,
        KeyStore::mock().expect("mock keyring"),
        EnvKind::Sandbox,
        "",
    )
}

pub fn harness_full(
    config: SandboxConfig,
    keyring: KeyStore,
    env: EnvKind,
    custom_url: &str,
) -> Harness<'static, DeskApp> {
    let custom_url = custom_url.to_owned();
    harness_options(config, move |o| {
        o.keyring = KeyringChoice::Given(keyring);
        o.env = env;
        o.custom_url = custom_url;
    })
}

/// A harness whose app options the test adjusts; the Sandbox is always the test's own.
pub fn harness_options(
    config: SandboxConfig,
    adjust: impl FnOnce(&mut AppOptions) + 'static,
) -> Harness<'static, DeskApp> {
    let handle = sandbox::start(config).expect("sandbox");
    Harness::builder()
        .with_size([1280.0, 1000.0])
        .build_eframe(move |cc| {
            let ctx = cc.egui_ctx.clone();
            let mut options = AppOptions {
                keyring: KeyringChoice::Given(KeyStore::mock().expect("mock keyring")),
                sandbox: SandboxChoice::Given(handle),
                env: EnvKind::Sandbox,
                ..AppOptions::default()
            };
            adjust(&mut options);
            DeskApp::new(Arc::new(move || ctx.request_repaint()), options)
        })
}

/// Steps the UI until `done` holds, as background work finishes on its own threads.
pub fn step_until(h: &mut Harness<'_, DeskApp>, what: &str, done: impl Fn(&DeskApp) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(180);
    while !done(h.state()) {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    h.step();
}

/// Lookups still arriving wake the UI; after they finish, the app must go idle.
pub fn settle(h: &mut Harness<'_, DeskApp>) {
    step_until(h, "all lookups to load", |app| {
        !app.lookups.areas.is_loading()
            && !app.lookups.postal_codes.is_loading()
            && !app.lookups.agents.is_loading()
    });
    h.run();
}

pub fn type_into(h: &mut Harness<'_, DeskApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.step();
    h.get_by_label(label).type_text(text);
    h.step();
}

/// Opens a lookup dropdown, filters it and clicks the wanted row.
pub fn choose(
    h: &mut Harness<'_, DeskApp>,
    field: &str,
    filter_label: &str,
    filter: &str,
    row: &str,
) {
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

pub fn fill_everything(h: &mut Harness<'_, DeskApp>) {
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
