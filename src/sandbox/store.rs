//! The Sandbox's in-memory state and its create-customer rules. Kept apart from the HTTP layer
//! so the rules can be tested directly.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::api::types::{Address, Customer};
use crate::domain::{gstin, mobile, states, text};

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
    /// `pending` at first; after `approval_delay`, `rejected` when the number does not look like
    /// a mobile (first digit 0-5), else `accepted`: decided from the data, so tests can rely on it.
    Auto,
}

#[derive(Debug, Clone, Default)]
pub struct StoreOptions {
    pub approval: ApprovalMode,
    /// How long an `Auto` customer stays pending.
    pub approval_delay: Duration,
    /// Store an empty GSTIN whatever was sent, as the documented sample response shows; lets
    /// the app's "sent vs stored" comparison be demonstrated.
    pub drop_gstin: bool,
    /// Serve only the first N areas and postal codes (window tests need Agaram, not all of
    /// India, and load much faster). `None` serves everything.
    pub data_limit: Option<usize>,
}

pub struct Store {
    pub data: Arc<Dataset>,
    /// Each customer with the moment it was created, for `Auto` approval.
    customers: Mutex<Vec<(Customer, Instant)>>,
    next_id: AtomicU64,
    pub options: StoreOptions,
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

fn auto_decision(c: &Customer) -> &'static str {
    let first = c
        .contactperson_number
        .as_deref()
        .and_then(|m| m.chars().find(char::is_ascii_digit));
    match first {
        Some('6'..='9') => "accepted",
        _ => "rejected",
    }
}

/// A field value quoted in an error, cut short: the description must not echo a megabyte back.
fn quoted(v: &str) -> String {
    let mut s: String = v.chars().filter(|c| !c.is_control()).take(40).collect();
    if v.chars().count() > 40 {
        s.push('…');
    }
    s
}

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
        let Ok(mut list) = self.customers.lock() else {
            return Vec::new();
        };
        if self.options.approval == ApprovalMode::Auto {
            for (c, created) in list.iter_mut() {
                if c.approval.as_deref() == Some("pending")
                    && created.elapsed() >= self.options.approval_delay
                {
                    c.approval = Some(auto_decision(c).into());
                }
            }
        }
        list.iter()
            .rev()
            .skip(skip)
            .take(count)
            .map(|(c, _)| c.clone())
            .collect()
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
        // The same text and mobile rules as the form (trimmed, no control characters, a
        // sensible length; a 10-digit Indian number).
        let mut clean = HashMap::new();
        for (field, max) in [
            ("company_name", text::COMPANY_NAME_MAX),
            ("contactpersons_name", text::CONTACT_PERSON_MAX),
            ("address", text::ADDRESS_MAX),
        ] {
            let v = text::clean_text(get(field).unwrap_or_default(), max)
                .map_err(|e| format!("The {field} field is invalid: {e}."))?;
            clean.insert(field, v);
        }
        let mobile = mobile::normalize_mobile(get("mobile_number").unwrap_or_default())
            .map_err(|e| format!("The mobile_number field is invalid: {e}."))?
            .national;
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
                    "The gst_treatment field must be Registered or Unregistered, not \"{}\".",
                    quoted(other)
                ));
            }
        };
        let gstin = if registered {
            let raw = get("gstin")
                .ok_or("The gstin field is required when gst_treatment is Registered.")?;
            let info =
                gstin::validate(raw).map_err(|e| format!("The gstin field is invalid: {e}."))?;
            // The same rule the form applies: the GSTIN's state must be the area's state.
            let area_state = self.data.states[self.data.cities[area.city].state]
                .name
                .clone()
                .unwrap_or_default();
            if let Err(m) = states::check_gstin_state(&info, &area_state)
                && m.is_blocking()
            {
                return Err(format!("The gstin field does not match the area: {m}."));
            }
            Some(info.normalized)
        } else {
            None
        };
        let approval = match self.options.approval {
            ApprovalMode::ByGst if registered => "accepted",
            ApprovalMode::ByGst | ApprovalMode::Pending | ApprovalMode::Auto => "pending",
            ApprovalMode::Accepted => "accepted",
            ApprovalMode::Rejected => "rejected",
        };
        let stored_gstin = match (&gstin, self.options.drop_gstin) {
            (Some(g), false) => g.clone(),
            _ => String::new(),
        };
        let company = clean.remove("company_name").unwrap_or_default();
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let customer = Customer {
            id: Some(id),
            contact_person_name: clean.remove("contactpersons_name"),
            company_name: Some(company.clone()),
            display_name: Some(company),
            email: Some(String::new()),
            contactperson_number: Some(mobile),
            company_phone: None,
            gst_treatment: Some(treatment.to_owned()),
            gstin: Some(stored_gstin),
            customer_code: None,
            status: Some("Active".into()),
            approval: Some(approval.into()),
            address: Some(Address {
                addressline1: clean.remove("address"),
                addressline2: Some(String::new()),
                area: Some(self.data.area_view(area, false)),
                postalcode: Some(postal.clone()),
            }),
        };
        if let Ok(mut list) = self.customers.lock() {
            list.push((customer.clone(), Instant::now()));
        }
        Ok(customer)
    }
}
