use super::*;
use crate::api::lenient::unwrap_data;
use serde_json::json;

const DOC_SAMPLE: &str = r#"{"data": {"id": 3424, "contact_person_name": "Arun Sen", "company_name": "Arun Store",
  "display_name": "Arun Store", "email": "", "contactperson_number": "1230987654",
  "company_phone": null, "gst_treatment": "Registered", "gstin": "", "customer_code": null,
  "status": "Active", "approval": "accepted",
  "address": {"addressline1": "Bangalore", "addressline2": "",
    "area": {"id": 112, "name": "Agaram", "area_code": "",
      "city": {"id": 1, "name": "Bengaluru", "code": "BEN1",
        "state": {"id": 1, "code": "K001", "name": "Karnataka"}}},
    "postalcode": {"id": 31, "code": "560030"}}}}"#;

fn parse_customer(body: &str) -> Customer {
    let v: serde_json::Value = serde_json::from_str(body).expect("test JSON");
    serde_json::from_value(unwrap_data(v)).expect("lenient customer")
}

#[test]
fn documented_sample_parses_into_typed_fields() {
    let c = parse_customer(DOC_SAMPLE);
    assert_eq!(c.id, Some(3424));
    assert_eq!(c.company_name.as_deref(), Some("Arun Store"));
    assert_eq!(c.contactperson_number.as_deref(), Some("1230987654"));
    assert_eq!(c.gstin, None, "empty string means not stored");
    assert_eq!(c.company_phone, None);
    assert_eq!(c.approval(), Approval::Accepted);
    let area = c.area().expect("area");
    assert_eq!(area.id, Some(112));
    assert_eq!(area.display_label(), "Agaram — Bengaluru, Karnataka");
    let city = area.city.as_ref().expect("city");
    assert_eq!(city.code.as_deref(), Some("BEN1"));
    assert_eq!(
        city.state.as_ref().and_then(|s| s.code.as_deref()),
        Some("K001")
    );
    assert_eq!(
        c.postal_code().and_then(|p| p.code.as_deref()),
        Some("560030")
    );
}

#[test]
fn bare_object_and_odd_types_are_accepted() {
    let c = parse_customer(
        r#"{"id": "77", "company_name": null, "status": 1, "address": "not an object",
            "unknown": {"nested": true}}"#,
    );
    assert_eq!(c.id, Some(77));
    assert_eq!(c.company_name, None);
    assert_eq!(c.status.as_deref(), Some("1"));
    assert_eq!(c.address, None);
    assert_eq!(c.approval(), Approval::Missing);
}

#[test]
fn query_string_matches_the_documented_sample() {
    let req = CreateCustomerRequest::documented_sample();
    assert_eq!(
        req.to_query(),
        "company_name=Arun%20Store&mobile_number=1230987654&contactpersons_name=Arun%20Sen\
         &address=Bangalore&area_id=112&postalcode_id=31&gst_treatment=Registered\
         &gstin=29AAACC1206D2ZB&salesagent_id=12"
    );
}

#[test]
fn unregistered_request_has_no_gstin_and_reserved_bytes_are_encoded() {
    let valid = ValidCustomer {
        company_name: "A&B Traders #1".into(),
        mobile: "9876543210".into(),
        contact_person: "Ravi Kumar".into(),
        address: "12/3, MG Road".into(),
        area_id: 5,
        postal_code_id: 6,
        gst_treatment: GstTreatment::Unregistered,
        gstin: Some("29AAACC1206D2ZB".into()),
        sales_agent_id: 7,
    };
    let req = CreateCustomerRequest::from(&valid);
    assert_eq!(req.gstin, None);
    let q = req.to_query();
    assert!(q.contains("company_name=A%26B%20Traders%20%231"), "{q}");
    assert!(q.contains("address=12%2F3%2C%20MG%20Road"), "{q}");
    assert!(!q.contains("gstin"), "{q}");
    assert_eq!(percent_encode("ಅ"), "%E0%B2%85");
}

#[test]
fn error_envelope_parses() {
    let e: ErrorEnvelope = serde_json::from_value(json!({"error": {
        "code": "AUTHENTICATION_ERROR", "description": "Invalid credential or token.",
        "source": "https://webservices.sourcehub.in/api/customers", "status_code": 401}}))
    .expect("envelope");
    assert_eq!(e.error.code.as_deref(), Some("AUTHENTICATION_ERROR"));
    assert_eq!(e.error.status_code, Some(401));
}
