//! Sourcehub wire types, shared by the client and the Sandbox.
//!
//! Deserialising is lenient (see `lenient.rs`); serialising is plain serde, so the Sandbox can
//! reproduce the documented sample exactly (`""` stays `""`, `None` becomes `null`).

use serde::{Deserialize, Serialize};

use super::lenient::{opt_id, opt_object, opt_string};
use crate::domain::customer::{GstTreatment, ValidCustomer};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    #[serde(default, deserialize_with = "opt_id")]
    pub id: Option<u64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub code: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct City {
    #[serde(default, deserialize_with = "opt_id")]
    pub id: Option<u64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub code: Option<String>,
    #[serde(default, deserialize_with = "opt_object")]
    pub state: Option<State>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PostalCode {
    #[serde(default, deserialize_with = "opt_id")]
    pub id: Option<u64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub code: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Area {
    #[serde(default, deserialize_with = "opt_id")]
    pub id: Option<u64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub area_code: Option<String>,
    #[serde(default, deserialize_with = "opt_object")]
    pub city: Option<City>,
    /// Sandbox extension, not in the Sourcehub docs: the PIN codes that serve this area, so the
    /// form can offer them first. The real API is not known to send it; then it is empty and the
    /// form falls back to the full postal-code list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub postalcodes: Vec<PostalCode>,
}

impl Area {
    pub fn city_name(&self) -> Option<&str> {
        self.city.as_ref()?.name.as_deref()
    }

    pub fn state_name(&self) -> Option<&str> {
        self.city.as_ref()?.state.as_ref()?.name.as_deref()
    }

    /// `Area — City, State`, as the dropdown shows it.
    pub fn display_label(&self) -> String {
        let name = self.name.as_deref().unwrap_or("(unnamed area)");
        match (self.city_name(), self.state_name()) {
            (Some(c), Some(s)) => format!("{name} — {c}, {s}"),
            (Some(c), None) => format!("{name} — {c}"),
            (None, Some(s)) => format!("{name} — {s}"),
            (None, None) => name.to_owned(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SalesAgent {
    #[serde(default, deserialize_with = "opt_id")]
    pub id: Option<u64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub name: Option<String>,
}

impl SalesAgent {
    pub fn display_label(&self) -> String {
        match (&self.name, self.id) {
            (Some(n), _) => n.clone(),
            (None, Some(id)) => format!("Agent #{id}"),
            (None, None) => "(unnamed agent)".to_owned(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Address {
    #[serde(default, deserialize_with = "opt_string")]
    pub addressline1: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub addressline2: Option<String>,
    #[serde(default, deserialize_with = "opt_object")]
    pub area: Option<Area>,
    #[serde(default, deserialize_with = "opt_object")]
    pub postalcode: Option<PostalCode>,
}

/// The customer object of `GET /customers` and `POST /customers/create` (docs 6.3, 6.4a).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    #[serde(default, deserialize_with = "opt_id")]
    pub id: Option<u64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub contact_person_name: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub company_name: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub email: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub contactperson_number: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub company_phone: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub gst_treatment: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub gstin: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub customer_code: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub approval: Option<String>,
    #[serde(default, deserialize_with = "opt_object")]
    pub address: Option<Address>,
}

/// `approval` as the docs list it; anything else is kept verbatim so it can still be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Approval {
    Pending,
    Accepted,
    Rejected,
    Other(String),
    Missing,
}

impl Approval {
    pub fn parse(raw: Option<&str>) -> Self {
        match raw.map(|s| s.trim().to_ascii_lowercase()) {
            None => Approval::Missing,
            Some(s) if s == "pending" => Approval::Pending,
            Some(s) if s == "accepted" => Approval::Accepted,
            Some(s) if s == "rejected" => Approval::Rejected,
            Some(s) => Approval::Other(s),
        }
    }

    pub fn label(&self) -> String {
        match self {
            Approval::Pending => "Pending".into(),
            Approval::Accepted => "Accepted".into(),
            Approval::Rejected => "Rejected".into(),
            Approval::Other(s) => s.clone(),
            Approval::Missing => "Not reported".into(),
        }
    }
}

impl Customer {
    pub fn approval(&self) -> Approval {
        Approval::parse(self.approval.as_deref())
    }

    pub fn area(&self) -> Option<&Area> {
        self.address.as_ref()?.area.as_ref()
    }

    pub fn postal_code(&self) -> Option<&PostalCode> {
        self.address.as_ref()?.postalcode.as_ref()
    }
}

/// The error envelope `{"error": {code, description, source, status_code}}` (docs §4).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    #[serde(default, deserialize_with = "opt_string")]
    pub code: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub source: Option<String>,
    #[serde(default, deserialize_with = "opt_id")]
    pub status_code: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorEnvelope {
    pub error: ErrorBody,
}

/// The nine create-customer parameters, in the order of the documented sample request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateCustomerRequest {
    pub company_name: String,
    pub mobile_number: String,
    pub contactpersons_name: String,
    pub address: String,
    pub area_id: u64,
    pub postalcode_id: u64,
    pub gst_treatment: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gstin: Option<String>,
    pub salesagent_id: u64,
}

impl From<&ValidCustomer> for CreateCustomerRequest {
    fn from(v: &ValidCustomer) -> Self {
        let ValidCustomer {
            company_name,
            mobile,
            contact_person,
            address,
            area_id,
            postal_code_id,
            gst_treatment,
            gstin,
            sales_agent_id,
        } = v;
        CreateCustomerRequest {
            company_name: company_name.clone(),
            mobile_number: mobile.clone(),
            contactpersons_name: contact_person.clone(),
            address: address.clone(),
            area_id: *area_id,
            postalcode_id: *postal_code_id,
            gst_treatment: gst_treatment.as_str().to_owned(),
            gstin: match gst_treatment {
                GstTreatment::Registered => gstin.clone(),
                GstTreatment::Unregistered => None,
            },
            salesagent_id: *sales_agent_id,
        }
    }
}

impl CreateCustomerRequest {
    /// The sample request of the create-customer docs (6.4a): area 112, postal code 31,
    /// sales agent 12, a Karnataka GSTIN. Tests, benchmarks and the README use it.
    pub fn documented_sample() -> CreateCustomerRequest {
        CreateCustomerRequest {
            company_name: "Arun Store".into(),
            mobile_number: "1230987654".into(),
            contactpersons_name: "Arun Sen".into(),
            address: "Bangalore".into(),
            area_id: 112,
            postalcode_id: 31,
            gst_treatment: "Registered".into(),
            gstin: Some("29AAACC1206D2ZB".into()),
            salesagent_id: 12,
        }
    }

    /// The query string exactly as the documented sample writes it: every reserved byte
    /// percent-encoded, spaces as `%20` (not `+`).
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = vec![
            ("company_name", self.company_name.clone()),
            ("mobile_number", self.mobile_number.clone()),
            ("contactpersons_name", self.contactpersons_name.clone()),
            ("address", self.address.clone()),
            ("area_id", self.area_id.to_string()),
            ("postalcode_id", self.postalcode_id.to_string()),
            ("gst_treatment", self.gst_treatment.clone()),
        ];
        if let Some(g) = &self.gstin {
            pairs.push(("gstin", g.clone()));
        }
        pairs.push(("salesagent_id", self.salesagent_id.to_string()));
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", percent_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// RFC 3986 encoding: unreserved bytes stay, everything else becomes `%XX`.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
#[path = "types_tests.rs"]
mod tests;
