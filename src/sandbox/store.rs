//! The Sandbox's in-memory state and its create-customer rules. Kept apart from the HTTP layer
//! so the rules can be tested directly.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::api::types::{Address, Customer};
use crate::domain::gstin;

use super::data::Dataset;

/// How the Sandbox decides `approval` for a new customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ApprovalMode {
    /// `accepted` for Registered with a valid GSTIN, `pending` otherwise.
    #[default]
    ByGst,
    Accepted,
    Pending,
    Rejected,
}

#[derive(Debug, Clone, Default)]
pub struct StoreOptions {
    pub approval: ApprovalMode,
    /// Store an empty GSTIN whatever was sent, as the documented sample response shows; lets
    /// the app's "sent vs stored" comparison be demonstrated.
    pub drop_gstin: bool,
}

pub struct Store {
    pub data: Arc<Dataset>,
    customers: Mutex<Vec<Customer>>,
    next_id: AtomicU64,
    options: StoreOptions,
}

/// The fields of a create request, from the query string, a form body or a JSON body.
pub type Params = HashMap<String, String>;

const REQUIRED: [&str; 8] = [
    "company_name",
    "mobile_number",
    "contactpersons_name",
    "address",
    "area_id",
    "postalcode_id",
    "gst_treatment",
    "salesagent_id",
];

impl Store {
    pub fn new(data: Arc<Dataset>, options: StoreOptions) -> Store {
        Store {
            data,
            customers: Mutex::new(Vec::new()),
            next_id: AtomicU64::new(1),
            options,
        }
    }

    pub fn customer_count(&self) -> usize {
        self.customers.lock().map(|c| c.len()).unwrap_or(0)
    }

    /// Newest first, so a client looking for what it just created finds it on the first page.
    pub fn customers_page(&self, count: usize, skip: usize) -> Vec<Customer> {
        match self.customers.lock() {
            Ok(c) => c.iter().rev().skip(skip).take(count).cloned().collect(),
            Err(_) => Vec::new(),
        }
    }

    /// Validates like a real service and stores the customer. `Err` is the description of a
    /// 400 `BAD_REQUEST_ERROR`, naming the field.
    pub fn create(&self, params: &Params) -> Result<Customer, String> {
        let get = |k: &str| params.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
        for field in REQUIRED {
            if get(field).is_none() {
                return Err(format!("The {field} field is required."));
            }
        }
        let id_of = |field: &str| -> Result<u64, String> {
            get(field)
                .and_then(|v| v.parse::<u64>().ok())
                .ok_or_else(|| format!("The {field} field must be a whole number."))
        };
        let area_id = id_of("area_id")?;
        let postalcode_id = id_of("postalcode_id")?;
        let salesagent_id = id_of("salesagent_id")?;
        let area = self
            .data
            .area(area_id)
            .ok_or_else(|| format!("The selected area_id {area_id} is invalid."))?;
        let postal = self
            .data
            .postal_code(postalcode_id)
            .ok_or_else(|| format!("The selected postalcode_id {postalcode_id} is invalid."))?;
        if self.data.agent(salesagent_id).is_none() {
            return Err(format!(
                "The selected salesagent_id {salesagent_id} is invalid."
            ));
        }
        let treatment = get("gst_treatment").unwrap_or_default();
        let registered = match treatment {
            "Registered" => true,
            "Unregistered" => false,
            other => {
                return Err(format!(
                    "The gst_treatment field must be Registered or Unregistered, not \"{other}\"."
                ));
            }
        };
        let gstin = if registered {
            let raw = get("gstin")
                .ok_or("The gstin field is required when gst_treatment is Registered.")?;
            let info =
                gstin::validate(raw).map_err(|e| format!("The gstin field is invalid: {e}."))?;
            Some(info.normalized)
        } else {
            None
        };
        let approval = match self.options.approval {
            ApprovalMode::ByGst if registered => "accepted",
            ApprovalMode::ByGst | ApprovalMode::Pending => "pending",
            ApprovalMode::Accepted => "accepted",
            ApprovalMode::Rejected => "rejected",
        };
        let stored_gstin = match (&gstin, self.options.drop_gstin) {
            (Some(g), false) => g.clone(),
            _ => String::new(),
        };
        let company = get("company_name").unwrap_or_default().to_owned();
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let customer = Customer {
            id: Some(id),
            contact_person_name: get("contactpersons_name").map(str::to_owned),
            company_name: Some(company.clone()),
            display_name: Some(company),
            email: Some(String::new()),
            contactperson_number: get("mobile_number").map(str::to_owned),
            company_phone: None,
            gst_treatment: Some(treatment.to_owned()),
            gstin: Some(stored_gstin),
            customer_code: None,
            status: Some("Active".into()),
            approval: Some(approval.into()),
            address: Some(Address {
                addressline1: get("address").map(str::to_owned),
                addressline2: Some(String::new()),
                area: Some(self.data.area_view(area, false)),
                postalcode: Some(postal.clone()),
            }),
        };
        if let Ok(mut list) = self.customers.lock() {
            list.push(customer.clone());
        }
        Ok(customer)
    }
}
