//! The documented sample request, sent as raw HTTP exactly as the docs write it, returns the
//! documented sample response field for field (except `id`, and the GSTIN the Sandbox keeps).

use serde_json::{Value, json};
use sourcehub_desk::sandbox::{self, SandboxConfig};

const SAMPLE_QUERY: &str = "company_name=Arun%20Store&mobile_number=1230987654&contactpersons_name=Arun%20Sen&address=Bangalore&area_id=112&postalcode_id=31&gst_treatment=Registered&gstin=29AAACC1206D2ZB&salesagent_id=12";

fn documented_response() -> Value {
    json!({"data": {"id": 3424, "contact_person_name": "Arun Sen", "company_name": "Arun Store",
      "display_name": "Arun Store", "email": "", "contactperson_number": "1230987654",
      "company_phone": null, "gst_treatment": "Registered", "gstin": "", "customer_code": null,
      "status": "Active", "approval": "accepted",
      "address": {"addressline1": "Bangalore", "addressline2": "",
        "area": {"id": 112, "name": "Agaram", "area_code": "",
          "city": {"id": 1, "name": "Bengaluru", "code": "BEN1",
            "state": {"id": 1, "code": "K001", "name": "Karnataka"}}},
        "postalcode": {"id": 31, "code": "560030"}}}})
}

fn post(url: &str, auth: &str, content_type: Option<&str>, body: String) -> (u16, Value) {
    sourcehub_desk::api::client::ensure_crypto_provider();
    let http = reqwest::blocking::Client::new();
    let mut req = http
        .post(url)
        .header("Authorization", auth)
        .header("Accept", "application/json");
    if let Some(ct) = content_type {
        req = req.header("Content-Type", ct).body(body);
    }
    let resp = req.send().expect("sandbox answers");
    let status = resp.status().as_u16();
    (status, resp.json().expect("JSON body"))
}

#[test]
fn sample_request_returns_sample_response() {
    let h = sandbox::start(SandboxConfig::default()).expect("sandbox");
    let url = format!("{}/customers/create?{SAMPLE_QUERY}", h.base_url());
    let (status, mut got) = post(&url, "Bearer sandbox", None, String::new());
    assert_eq!(status, 200);
    assert!(got["data"]["id"].is_u64());
    assert_eq!(got["data"]["gstin"], "29AAACC1206D2ZB");
    let mut want = documented_response();
    got["data"]["id"] = Value::Null;
    want["data"]["id"] = Value::Null;
    got["data"]["gstin"] = Value::Null;
    want["data"]["gstin"] = Value::Null;
    assert_eq!(got, want);
}

#[test]
fn form_and_json_bodies_are_accepted_too() {
    let h = sandbox::start(SandboxConfig::default()).expect("sandbox");
    let url = format!("{}/customers/create", h.base_url());
    let (status, got) = post(
        &url,
        "Bearer sandbox",
        Some("application/x-www-form-urlencoded"),
        SAMPLE_QUERY.to_owned(),
    );
    assert_eq!(status, 200, "{got}");
    assert_eq!(got["data"]["address"]["area"]["name"], "Agaram");
    let body = json!({"company_name": "Arun Store", "mobile_number": "1230987654",
        "contactpersons_name": "Arun Sen", "address": "Bangalore", "area_id": 112,
        "postalcode_id": "31", "gst_treatment": "Unregistered", "salesagent_id": 12});
    let (status, got) = post(
        &url,
        "Bearer sandbox",
        Some("application/json"),
        body.to_string(),
    );
    assert_eq!(status, 200, "{got}");
    assert_eq!(got["data"]["approval"], "pending");
    assert_eq!(h.customer_count(), 2);
}

#[test]
fn unauthenticated_requests_get_the_documented_envelope() {
    let h = sandbox::start(SandboxConfig::default()).expect("sandbox");
    let url = format!("{}/customers/create?{SAMPLE_QUERY}", h.base_url());
    let (status, got) = post(&url, "Bearer nope", None, String::new());
    assert_eq!(status, 401);
    assert_eq!(got["error"]["code"], "AUTHENTICATION_ERROR");
    assert_eq!(got["error"]["description"], "Invalid credential or token.");
    assert_eq!(got["error"]["status_code"], 401);
    assert_eq!(
        got["error"]["source"],
        format!("http://{}/api/customers/create", h.addr())
    );
}
