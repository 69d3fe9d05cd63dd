//! Customers created from this machine, newest first, kept across restarts: the response as
//! received, the request as sent, the environment and the time. No secrets are stored.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::api::EnvKind;
use crate::api::types::{CreateCustomerRequest, Customer};

#[derive(Debug, Error)]
pub enum HistoryError {
    #[error("The list of recent customers could not be saved to {path}: {detail}.")]
    Write { path: String, detail: String },
    #[error(
        "The list of recent customers at {path} could not be read ({detail}); starting a new list."
    )]
    Read { path: String, detail: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub env: EnvKind,
    pub base_url: String,
    /// Seconds since the Unix epoch.
    pub created_at: u64,
    pub sent: CreateCustomerRequest,
    pub customer: Customer,
    /// The response body exactly as received, for "Copy JSON".
    pub raw: String,
    /// When the approval was last looked up again (seconds since the epoch).
    #[serde(default)]
    pub last_checked: Option<u64>,
}

impl HistoryEntry {
    /// What the search box matches: name, mobile, GSTIN and id.
    fn haystack(&self) -> String {
        let c = &self.customer;
        [
            c.id.map(|i| i.to_string()),
            c.company_name.clone(),
            c.display_name.clone(),
            c.contact_person_name.clone(),
            c.contactperson_number.clone(),
            c.gstin.clone(),
            Some(self.sent.mobile_number.clone()),
            self.sent.gstin.clone(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
    }

    /// A number-like query (`98765 43210`, `+91-98765`) matches the id or the mobile number by
    /// its digits; anything else matches when every word occurs in the names, mobile or GSTIN.
    pub fn matches(&self, query: &str) -> bool {
        let q = query.trim();
        if q.is_empty() {
            return true;
        }
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
        if q.chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c))
        {
            let qd = digits(q);
            let id = self.customer.id.map(|i| i.to_string()).unwrap_or_default();
            let mobiles = [
                self.customer
                    .contactperson_number
                    .clone()
                    .unwrap_or_default(),
                self.sent.mobile_number.clone(),
            ];
            return id == qd || (qd.len() >= 3 && mobiles.iter().any(|m| digits(m).contains(&qd)));
        }
        let hay = self.haystack();
        q.split_whitespace()
            .all(|w| hay.contains(&w.to_lowercase()))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    /// Newest first.
    pub entries: Vec<HistoryEntry>,
}

/// The most entries kept; older ones drop off the end.
pub const MAX_ENTRIES: usize = 1000;

impl History {
    pub fn add(&mut self, entry: HistoryEntry) {
        self.entries.insert(0, entry);
        self.entries.truncate(MAX_ENTRIES);
    }

    pub fn search(&self, query: &str) -> Vec<usize> {
        (0..self.entries.len())
            .filter(|&i| self.entries[i].matches(query))
            .collect()
    }

    /// One row per customer, RFC 4180 quoting.
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "created_at,environment,id,customer_code,company_name,contact_person,mobile,gst_treatment,gstin,status,approval,state,city,area,pin\n",
        );
        for e in &self.entries {
            let c = &e.customer;
            let area = c.area();
            let city = area.and_then(|a| a.city.as_ref());
            let state = city.and_then(|c| c.state.as_ref());
            let cells = [
                e.created_at.to_string(),
                e.env.label().to_owned(),
                c.id.map(|i| i.to_string()).unwrap_or_default(),
                c.customer_code.clone().unwrap_or_default(),
                c.company_name.clone().unwrap_or_default(),
                c.contact_person_name.clone().unwrap_or_default(),
                c.contactperson_number.clone().unwrap_or_default(),
                c.gst_treatment.clone().unwrap_or_default(),
                c.gstin.clone().unwrap_or_default(),
                c.status.clone().unwrap_or_default(),
                c.approval.clone().unwrap_or_default(),
                state.and_then(|s| s.name.clone()).unwrap_or_default(),
                city.and_then(|c| c.name.clone()).unwrap_or_default(),
                area.and_then(|a| a.name.clone()).unwrap_or_default(),
                c.postal_code()
                    .and_then(|p| p.code.clone())
                    .unwrap_or_default(),
            ];
            let row: Vec<String> = cells.iter().map(|v| csv_cell(v)).collect();
            out.push_str(&row.join(","));
            out.push('\n');
        }
        out
    }
}

fn csv_cell(v: &str) -> String {
    // A leading = + - @ would make a spreadsheet run the cell as a formula.
    let v = if v.starts_with(['=', '+', '-', '@']) {
        format!("'{v}")
    } else {
        v.to_owned()
    };
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

#[derive(Debug, Clone)]
pub struct HistoryStore {
    path: PathBuf,
}

impl HistoryStore {
    pub fn default_location() -> Option<HistoryStore> {
        let dirs = directories::ProjectDirs::from("in", "Sourcehub", "sourcehub-desk")?;
        Some(HistoryStore::at(dirs.data_dir().join("recent.json")))
    }

    pub fn at(path: impl Into<PathBuf>) -> HistoryStore {
        HistoryStore { path: path.into() }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn load(&self) -> Result<History, HistoryError> {
        let err = |detail: String| HistoryError::Read {
            path: self.path.display().to_string(),
            detail,
        };
        match std::fs::read_to_string(&self.path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| err(e.to_string())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(History::default()),
            Err(e) => Err(err(e.to_string())),
        }
    }

    /// Temp file + rename, so a kill mid-write never loses the list.
    pub fn save(&self, history: &History) -> Result<(), HistoryError> {
        let err = |detail: String| HistoryError::Write {
            path: self.path.display().to_string(),
            detail,
        };
        crate::atomic_file::write_json(&self.path, history).map_err(|e| err(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: u64, company: &str, mobile: &str, gstin: Option<&str>) -> HistoryEntry {
        HistoryEntry {
            env: EnvKind::Sandbox,
            base_url: "http://127.0.0.1:1/api".into(),
            created_at: 1_700_000_000 + id,
            sent: CreateCustomerRequest {
                company_name: company.into(),
                mobile_number: mobile.into(),
                contactpersons_name: "X".into(),
                address: "Y".into(),
                area_id: 112,
                postalcode_id: 31,
                gst_treatment: if gstin.is_some() {
                    "Registered"
                } else {
                    "Unregistered"
                }
                .into(),
                gstin: gstin.map(str::to_owned),
                salesagent_id: 12,
            },
            customer: Customer {
                id: Some(id),
                company_name: Some(company.into()),
                contactperson_number: Some(mobile.into()),
                gstin: gstin.map(str::to_owned),
                approval: Some("pending".into()),
                ..Customer::default()
            },
            raw: "{}".into(),
            last_checked: None,
        }
    }

    #[test]
    fn newest_first_and_searchable_by_name_mobile_gstin_id() {
        let mut h = History::default();
        h.add(entry(
            1,
            "Arun Store",
            "9876543210",
            Some("29AAACC1206D2ZB"),
        ));
        h.add(entry(2, "Bala Traders", "9123456789", None));
        assert_eq!(h.entries[0].customer.id, Some(2));
        assert_eq!(h.search("arun"), vec![1]);
        assert_eq!(h.search("98765 43210"), vec![1]);
        assert_eq!(h.search("29aaacc"), vec![1]);
        assert_eq!(
            h.search("2"),
            vec![0],
            "id 2 (mobiles match from 3 digits up)"
        );
        assert_eq!(h.search("bala 91234"), vec![0]);
        assert!(h.search("nobody").is_empty());
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let mut h = History::default();
        h.add(entry(7, "=HYPERLINK(\"x\"), Ltd", "9876543210", None));
        let csv = h.to_csv();
        let row = csv.lines().nth(1).expect("one row");
        assert!(row.contains("\"'=HYPERLINK(\"\"x\"\"), Ltd\""), "{row}");
        assert_eq!(csv.lines().count(), 2);
    }

    #[test]
    fn saves_and_loads() {
        let dir = tempfile::tempdir().expect("temp");
        let store = HistoryStore::at(dir.path().join("a").join("recent.json"));
        assert_eq!(store.load().expect("empty"), History::default());
        let mut h = History::default();
        h.add(entry(3, "C", "9876543210", None));
        store.save(&h).expect("save");
        assert_eq!(store.load().expect("load"), h);
    }
}
