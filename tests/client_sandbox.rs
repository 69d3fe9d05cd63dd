//! The client against the real Sandbox server on 127.0.0.1 with an OS-chosen port.

use std::sync::atomic::AtomicBool;

use sourcehub_desk::api::lookups::{RetryPolicy, load_all};
use sourcehub_desk::api::types::{Approval, CreateCustomerRequest};
use sourcehub_desk::api::{ApiError, ApiKey, Endpoint, PAGE_SIZE, SourcehubClient};
use sourcehub_desk::sandbox::{self, SandboxConfig, SandboxHandle};

fn start() -> SandboxHandle {
    sandbox::start(SandboxConfig::default()).expect("sandbox starts on 127.0.0.1:0")
}

fn client(h: &SandboxHandle, key: &str) -> SourcehubClient {
    SourcehubClient::new(
        Endpoint::new(&h.base_url()).expect("loopback url"),
        &ApiKey::new(key),
    )
    .expect("client")
}

fn doc_request() -> CreateCustomerRequest {
    CreateCustomerRequest::documented_sample()
}

#[test]
fn create_success_returns_the_documented_nested_shape() {
    let h = start();
    assert!(h.addr().ip().is_loopback());
    assert_ne!(h.addr().port(), 0);
    let c = client(&h, "sandbox");
    let created = c.create_customer(&doc_request()).expect("created");
    let cust = &created.customer;
    assert!(cust.id.is_some());
    assert_eq!(cust.company_name.as_deref(), Some("Arun Store"));
    assert_eq!(cust.display_name.as_deref(), Some("Arun Store"));
    assert_eq!(cust.contact_person_name.as_deref(), Some("Arun Sen"));
    assert_eq!(cust.contactperson_number.as_deref(), Some("1230987654"));
    assert_eq!(cust.status.as_deref(), Some("Active"));
    assert_eq!(cust.approval(), Approval::Accepted);
    assert_eq!(cust.gstin.as_deref(), Some("29AAACC1206D2ZB"));
    let area = cust.area().expect("area");
    assert_eq!((area.id, area.name.as_deref()), (Some(112), Some("Agaram")));
    let city = area.city.as_ref().expect("city");
    assert_eq!(
        (city.id, city.name.as_deref(), city.code.as_deref()),
        (Some(1), Some("Bengaluru"), Some("BEN1"))
    );
    let state = city.state.as_ref().expect("state");
    assert_eq!(
        (state.id, state.code.as_deref(), state.name.as_deref()),
        (Some(1), Some("K001"), Some("Karnataka"))
    );
    let pin = cust.postal_code().expect("postal code");
    assert_eq!((pin.id, pin.code.as_deref()), (Some(31), Some("560030")));
    assert_eq!(h.customer_count(), 1);
    // The raw body is kept for "Copy JSON".
    assert!(created.raw.contains("\"data\""));
}

#[test]
fn unregistered_customers_are_pending() {
    let h = start();
    let mut req = doc_request();
    req.gst_treatment = "Unregistered".into();
    req.gstin = None;
    let created = client(&h, "sandbox")
        .create_customer(&req)
        .expect("created");
    assert_eq!(created.customer.approval(), Approval::Pending);
    assert_eq!(created.customer.gstin, None);
}

fn expect_bad_request(h: &SandboxHandle, req: CreateCustomerRequest, field: &str) {
    match client(h, "sandbox").create_customer(&req) {
        Err(ApiError::BadRequest {
            status: 400,
            description: Some(d),
        }) => {
            assert!(d.contains(field), "description {d:?} should name {field}");
        }
        other => panic!("expected a 400 naming {field}, got {other:?}"),
    }
}

#[test]
fn each_bad_request_names_its_field() {
    let h = start();
    let mut r = doc_request();
    r.company_name = "  ".into();
    expect_bad_request(&h, r, "company_name");
    let mut r = doc_request();
    r.mobile_number = String::new();
    expect_bad_request(&h, r, "mobile_number");
    let mut r = doc_request();
    r.contactpersons_name = String::new();
    expect_bad_request(&h, r, "contactpersons_name");
    let mut r = doc_request();
    r.address = String::new();
    expect_bad_request(&h, r, "address");
    let mut r = doc_request();
    r.area_id = 99_999_999;
    expect_bad_request(&h, r, "area_id");
    let mut r = doc_request();
    r.postalcode_id = 0;
    expect_bad_request(&h, r, "postalcode_id");
    let mut r = doc_request();
    r.salesagent_id = 999;
    expect_bad_request(&h, r, "salesagent_id");
    let mut r = doc_request();
    r.gst_treatment = "Composition".into();
    expect_bad_request(&h, r, "gst_treatment");
    let mut r = doc_request();
    r.gstin = None;
    expect_bad_request(&h, r, "gstin");
    let mut r = doc_request();
    r.gstin = Some("29AAACC1206D2ZX".into());
    expect_bad_request(&h, r, "gstin");
    assert_eq!(
        h.customer_count(),
        0,
        "no failed create may store a customer"
    );
}

#[test]
fn wrong_key_and_key_with_spaces_get_401() {
    let h = start();
    for key in ["wrong", " sandbox"] {
        match client(&h, key).create_customer(&doc_request()) {
            Err(e @ ApiError::Unauthorized { status: 401, .. }) => {
                assert!(e.is_key_problem());
                assert!(
                    !e.to_string().contains(key.trim()),
                    "the key must not be echoed"
                );
            }
            other => panic!("expected 401 for {key:?}, got {other:?}"),
        }
    }
    match client(&h, "wrong").areas_page(0) {
        Err(ApiError::Unauthorized { description, .. }) => {
            assert_eq!(description.as_deref(), Some("Invalid credential or token."));
        }
        other => panic!("expected 401, got {other:?}"),
    }
    assert_eq!(h.customer_count(), 0);
}

#[test]
fn lookups_page_across_more_than_one_page() {
    let h = start();
    let c = client(&h, "sandbox");
    let agents = load_all(
        2,
        &RetryPolicy::default(),
        &AtomicBool::new(false),
        &|skip| c.sales_agents_page(skip),
        &|_| {},
    )
    .expect("agents");
    assert_eq!(agents.len(), 25);
    assert!(agents.iter().any(|a| a.id == Some(12)));

    let first = c.postal_codes_page(0).expect("page 1");
    let second = c.postal_codes_page(PAGE_SIZE).expect("page 2");
    assert_eq!(first.len(), PAGE_SIZE);
    assert_eq!(second.len(), PAGE_SIZE);
    assert_ne!(first[0].id, second[0].id);
    assert_eq!(first[30].code.as_deref(), Some("560030"));

    let all_pins = load_all(
        4,
        &RetryPolicy::default(),
        &AtomicBool::new(false),
        &|skip| c.postal_codes_page(skip),
        &|_| {},
    )
    .expect("postal codes");
    assert_eq!(all_pins.len(), 19_097);
    let ids: Vec<u64> = all_pins.iter().filter_map(|p| p.id).collect();
    assert_eq!(
        ids,
        (1..=19_097).collect::<Vec<u64>>(),
        "every page once, in order"
    );
}

#[test]
fn count_is_clamped_and_skip_past_the_end_is_empty() {
    let h = start();
    let c = client(&h, "sandbox");
    let page: Vec<serde_json::Value> = c.list_page("/areas", 500, 0, &[]).expect("page");
    assert_eq!(page.len(), 100, "count above 100 is clamped to 100");
    let page: Vec<serde_json::Value> = c.list_page("/areas", 100, 10_000_000, &[]).expect("page");
    assert!(page.is_empty());
    let page: Vec<serde_json::Value> = c.list_page("/salesagents", 7, 20, &[]).expect("page");
    assert_eq!(page.len(), 5);
}

#[test]
fn areas_carry_their_pin_and_the_documented_area_112() {
    let h = start();
    let c = client(&h, "sandbox");
    let page = c.areas_page(100).expect("second page");
    let agaram = page
        .iter()
        .find(|a| a.id == Some(112))
        .expect("area 112 on page 2");
    assert_eq!(agaram.display_label(), "Agaram — Bengaluru, Karnataka");
    assert_eq!(
        agaram.postalcodes.first().and_then(|p| p.code.as_deref()),
        Some("560030")
    );
    let pins: Vec<sourcehub_desk::api::types::PostalCode> = c
        .list_page("/postalcodes", 100, 0, &[("area_id", "112".into())])
        .expect("filtered");
    assert_eq!(pins.len(), 1);
    assert_eq!(pins[0].id, Some(31));
}

#[test]
fn customers_list_returns_what_was_created() {
    let h = start();
    let c = client(&h, "sandbox");
    let a = c.create_customer(&doc_request()).expect("first");
    let mut r = doc_request();
    r.company_name = "Second Store".into();
    let b = c.create_customer(&r).expect("second");
    let list = c.customers_page(1, 0).expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, b.customer.id, "newest first");
    let list = c.customers_page(10, 1).expect("list");
    assert_eq!(list[0].id, a.customer.id);
}

#[test]
fn the_sandbox_applies_the_forms_rules() {
    let h = start();
    let mut r = doc_request();
    r.mobile_number = "abc".into();
    expect_bad_request(&h, r, "mobile_number");
    let mut r = doc_request();
    r.company_name = "Arun\u{1b}[31m Store".into();
    expect_bad_request(&h, r, "company_name");
    let mut r = doc_request();
    r.address = "x".repeat(300);
    expect_bad_request(&h, r, "address");
    // A valid Maharashtra GSTIN on a Karnataka area.
    let mut r = doc_request();
    r.gstin = Some("27AAPFU0939F1ZV".into());
    expect_bad_request(&h, r, "gstin");
    let mut r = doc_request();
    r.gst_treatment = "x".repeat(10_000);
    match client(&h, "sandbox").create_customer(&r) {
        Err(ApiError::BadRequest {
            description: Some(d),
            ..
        }) => {
            assert!(
                d.len() < 200,
                "the description must not echo the value: {} bytes",
                d.len()
            );
        }
        other => panic!("expected a 400, got {other:?}"),
    }
    assert_eq!(h.customer_count(), 0);
    // Stored values are the cleaned ones.
    let mut r = doc_request();
    r.company_name = "  Arun   Store ".into();
    r.mobile_number = "+91 98765-43210".into();
    let c = client(&h, "sandbox")
        .create_customer(&r)
        .expect("created")
        .customer;
    assert_eq!(c.company_name.as_deref(), Some("Arun Store"));
    assert_eq!(c.contactperson_number.as_deref(), Some("9876543210"));
}

#[test]
fn protocol_mistakes_get_the_json_envelope() {
    sourcehub_desk::api::client::ensure_crypto_provider();
    let h = start();
    let http = reqwest::blocking::Client::new();
    let wrong_method = http
        .get(format!("{}/customers/create", h.base_url()))
        .header("Authorization", "Bearer sandbox")
        .send()
        .expect("answers");
    assert_eq!(wrong_method.status().as_u16(), 400);
    let v: serde_json::Value = wrong_method.json().expect("JSON");
    assert_eq!(v["error"]["code"], "BAD_REQUEST_ERROR");

    let too_big = http
        .post(format!("{}/customers/create", h.base_url()))
        .header("Authorization", "Bearer sandbox")
        .header("Content-Type", "application/json")
        .body(vec![b' '; 200 * 1024])
        .send()
        .expect("answers");
    assert_eq!(too_big.status().as_u16(), 400);
    let v: serde_json::Value = too_big.json().expect("JSON");
    assert!(
        v["error"]["description"]
            .as_str()
            .unwrap_or("")
            .contains("too large")
    );

    let two_headers = http
        .get(format!("{}/salesagents", h.base_url()))
        .header("Authorization", "Bearer sandbox")
        .header("Authorization", "Bearer other")
        .send()
        .expect("answers");
    assert_eq!(two_headers.status().as_u16(), 401);
}
