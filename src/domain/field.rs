//! The one list of form fields; labels here are shared by views and tests.

use serde::{Deserialize, Serialize};

use super::customer::GstTreatment;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Field {
    CompanyName,
    Mobile,
    ContactPerson,
    Address,
    Area,
    PostalCode,
    GstTreatment,
    Gstin,
    SalesAgent,
}

impl Field {
    /// Form order: the order errors are walked and focus moves.
    pub const ALL: [Field; 9] = [
        Field::CompanyName,
        Field::Mobile,
        Field::ContactPerson,
        Field::Address,
        Field::Area,
        Field::PostalCode,
        Field::GstTreatment,
        Field::Gstin,
        Field::SalesAgent,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::CompanyName => "Company name",
            Field::Mobile => "Mobile number",
            Field::ContactPerson => "Contact person",
            Field::Address => "Address",
            Field::Area => "Area",
            Field::PostalCode => "Postal code",
            Field::GstTreatment => "GST treatment",
            Field::Gstin => "GSTIN",
            Field::SalesAgent => "Sales agent",
        }
    }

    /// Required regardless of other answers; GSTIN depends on the treatment
    /// (see `required_for`).
    pub fn required(self) -> bool {
        self != Field::Gstin
    }

    pub fn required_for(self, treatment: Option<GstTreatment>) -> bool {
        self.required() || treatment == Some(GstTreatment::Registered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_form_order() {
        let labels: Vec<_> = Field::ALL.iter().map(|f| f.label()).collect();
        assert_eq!(
            labels,
            [
                "Company name",
                "Mobile number",
                "Contact person",
                "Address",
                "Area",
                "Postal code",
                "GST treatment",
                "GSTIN",
                "Sales agent"
            ]
        );
        let mut sorted = Field::ALL;
        sorted.sort();
        assert_eq!(sorted, Field::ALL, "derive(Ord) must follow form order");
    }

    #[test]
    fn gstin_required_only_when_registered() {
        for f in Field::ALL {
            assert_eq!(f.required(), f != Field::Gstin, "{f:?}");
        }
        assert!(Field::Gstin.required_for(Some(GstTreatment::Registered)));
        assert!(!Field::Gstin.required_for(Some(GstTreatment::Unregistered)));
        assert!(!Field::Gstin.required_for(None));
        assert!(Field::Mobile.required_for(None));
    }
}
