//! Draft (as typed, autosaved) and valid (typed, ready to send) customer.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GstTreatment {
    Registered,
    Unregistered,
}

impl GstTreatment {
    /// The exact values the create-customer API accepts.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Registered => "Registered",
            Self::Unregistered => "Unregistered",
        }
    }
}

/// Lookup picks mirror the API objects without depending on the API crate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaPick {
    pub id: u64,
    pub name: String,
    pub city: String,
    pub state: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostalPick {
    pub id: u64,
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentPick {
    pub id: u64,
    pub name: String,
}

/// `serde(default)` so an autosave written by an older build, with fewer
/// fields, still loads instead of losing the clerk's typing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerDraft {
    pub company_name: String,
    pub mobile: String,
    pub contact_person: String,
    pub address: String,
    pub area: Option<AreaPick>,
    pub postal_code: Option<PostalPick>,
    pub gst_treatment: Option<GstTreatment>,
    pub gstin: String,
    pub sales_agent: Option<AgentPick>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidCustomer {
    pub company_name: String,
    /// 10 ASCII digits, national form.
    pub mobile: String,
    pub contact_person: String,
    pub address: String,
    pub area_id: u64,
    pub postal_code_id: u64,
    pub gst_treatment: GstTreatment,
    /// Normalised; Some exactly when the treatment is Registered.
    pub gstin: Option<String>,
    pub sales_agent_id: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn treatment_strings_match_the_api() {
        assert_eq!(GstTreatment::Registered.as_str(), "Registered");
        assert_eq!(GstTreatment::Unregistered.as_str(), "Unregistered");
        assert_eq!(
            serde_json::to_string(&GstTreatment::Unregistered)
                .ok()
                .as_deref(),
            Some("\"Unregistered\"")
        );
    }

    #[test]
    fn draft_round_trips_and_loads_partial_autosaves() {
        let draft = CustomerDraft {
            company_name: "Arun Store".into(),
            area: Some(AreaPick {
                id: 112,
                name: "Agaram".into(),
                city: "Bengaluru".into(),
                state: "Karnataka".into(),
            }),
            gst_treatment: Some(GstTreatment::Registered),
            ..CustomerDraft::default()
        };
        let text = serde_json::to_string(&draft).unwrap_or_default();
        let back: Result<CustomerDraft, _> = serde_json::from_str(&text);
        assert_eq!(back.ok(), Some(draft));

        let partial: Result<CustomerDraft, _> = serde_json::from_str(r#"{"mobile":"98765"}"#);
        assert_eq!(
            partial.ok(),
            Some(CustomerDraft {
                mobile: "98765".into(),
                ..CustomerDraft::default()
            })
        );
    }
}
