//! GST state/UT codes (gstin.md §3) and the mapping from Sourcehub / India
//! Post state names to those codes.

use thiserror::Error;

use super::gstin::{GstinCategory, GstinInfo};

/// Whether a code may start a GSTIN issued today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateStatus {
    Active,
    /// Still printed on old documents, but no new GSTIN carries it.
    Legacy,
    /// Used for place of supply on exports only.
    PlaceOfSupplyOnly,
    /// 99: only ever seen as the prefix of OIDAR IDs.
    CentreJurisdiction,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StateInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub status: StateStatus,
}

const fn s(code: &'static str, name: &'static str, status: StateStatus) -> StateInfo {
    StateInfo { code, name, status }
}

use StateStatus::{Active, CentreJurisdiction, Legacy, PlaceOfSupplyOnly};

pub const STATES: &[StateInfo] = &[
    s("01", "Jammu and Kashmir", Active),
    s("02", "Himachal Pradesh", Active),
    s("03", "Punjab", Active),
    s("04", "Chandigarh", Active),
    s("05", "Uttarakhand", Active),
    s("06", "Haryana", Active),
    s("07", "Delhi", Active),
    s("08", "Rajasthan", Active),
    s("09", "Uttar Pradesh", Active),
    s("10", "Bihar", Active),
    s("11", "Sikkim", Active),
    s("12", "Arunachal Pradesh", Active),
    s("13", "Nagaland", Active),
    s("14", "Manipur", Active),
    s("15", "Mizoram", Active),
    s("16", "Tripura", Active),
    s("17", "Meghalaya", Active),
    s("18", "Assam", Active),
    s("19", "West Bengal", Active),
    s("20", "Jharkhand", Active),
    s("21", "Odisha", Active),
    s("22", "Chhattisgarh", Active),
    s("23", "Madhya Pradesh", Active),
    s("24", "Gujarat", Active),
    s("25", "Daman and Diu", Legacy),
    s("26", "Dadra and Nagar Haveli and Daman and Diu", Active),
    s("27", "Maharashtra", Active),
    s("28", "Andhra Pradesh (before 2014)", Legacy),
    s("29", "Karnataka", Active),
    s("30", "Goa", Active),
    s("31", "Lakshadweep", Active),
    s("32", "Kerala", Active),
    s("33", "Tamil Nadu", Active),
    s("34", "Puducherry", Active),
    s("35", "Andaman and Nicobar Islands", Active),
    s("36", "Telangana", Active),
    s("37", "Andhra Pradesh", Active),
    s("38", "Ladakh", Active),
    s("96", "Other Countries", PlaceOfSupplyOnly),
    s("97", "Other Territory", Active),
    s("99", "Centre Jurisdiction", CentreJurisdiction),
];

pub fn state_by_gst_code(code: &str) -> Option<&'static StateInfo> {
    STATES.iter().find(|st| st.code == code)
}

/// Name keys are lower-case, `&` spelled `and`, single-spaced (see `name_key`).
/// The first code of each entry is the state the name means; extra codes are
/// also accepted for it.
///
/// Why Andhra Pradesh also takes 36 and Jammu and Kashmir also takes 38: the
/// area list comes from India Post data, which still files Telangana's post
/// offices under ANDHRA PRADESH and Ladakh's under JAMMU & KASHMIR. A clerk
/// picking a Hyderabad area therefore sees "Andhra Pradesh", and blocking a
/// correct Telangana GSTIN there would stop legitimate customers.
const NAME_CODES: &[(&str, &[&str])] = &[
    ("jammu and kashmir", &["01", "38"]),
    ("himachal pradesh", &["02"]),
    ("punjab", &["03"]),
    ("chandigarh", &["04"]),
    ("uttarakhand", &["05"]),
    ("uttaranchal", &["05"]),
    ("haryana", &["06"]),
    ("delhi", &["07"]),
    ("new delhi", &["07"]),
    ("nct of delhi", &["07"]),
    ("rajasthan", &["08"]),
    ("uttar pradesh", &["09"]),
    ("bihar", &["10"]),
    ("sikkim", &["11"]),
    ("arunachal pradesh", &["12"]),
    ("nagaland", &["13"]),
    ("manipur", &["14"]),
    ("mizoram", &["15"]),
    ("tripura", &["16"]),
    ("meghalaya", &["17"]),
    ("assam", &["18"]),
    ("west bengal", &["19"]),
    ("jharkhand", &["20"]),
    ("odisha", &["21"]),
    ("orissa", &["21"]),
    ("chhattisgarh", &["22"]),
    ("chattisgarh", &["22"]),
    ("madhya pradesh", &["23"]),
    ("gujarat", &["24"]),
    ("dadra and nagar haveli and daman and diu", &["26"]),
    ("the dadra and nagar haveli and daman and diu", &["26"]),
    ("dadra and nagar haveli", &["26"]),
    ("daman and diu", &["26"]),
    ("maharashtra", &["27"]),
    ("karnataka", &["29"]),
    ("goa", &["30"]),
    ("lakshadweep", &["31"]),
    ("lakshadweep islands", &["31"]),
    ("kerala", &["32"]),
    ("tamil nadu", &["33"]),
    ("puducherry", &["34"]),
    ("pondicherry", &["34"]),
    ("andaman and nicobar islands", &["35"]),
    ("andaman and nicobar", &["35"]),
    ("telangana", &["36"]),
    ("andhra pradesh", &["37", "36"]),
    ("andhra pradesh (new)", &["37", "36"]),
    ("ladakh", &["38"]),
    ("other territory", &["97"]),
];

/// Folds the spellings seen in Sourcehub and India Post data onto one key:
/// case, `&` vs `and`, and stray spacing all vary between sources.
fn name_key(name: &str) -> String {
    name.replace('&', " and ")
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// GST codes a GSTIN may carry for an address in this state; empty when the
/// name is not recognised.
pub fn gst_codes_for_state_name(name: &str) -> &'static [&'static str] {
    let key = name_key(name);
    NAME_CODES
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(&[], |(_, codes)| *codes)
}

/// The state a name stands for (Andhra Pradesh -> 37, not 36).
pub fn state_by_name(name: &str) -> Option<&'static StateInfo> {
    gst_codes_for_state_name(name)
        .first()
        .and_then(|code| state_by_gst_code(code))
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StateMismatch {
    #[error(
        "GSTIN is registered in {gstin_state} ({gstin_code}) but the area is in {area_state} ({area_code})"
    )]
    Different {
        gstin_code: String,
        gstin_state: &'static str,
        area_code: &'static str,
        area_state: &'static str,
    },
    #[error("overseas GSTIN (OIDAR) has no Indian state — check the GST treatment")]
    Overseas,
}

impl StateMismatch {
    /// A different Indian state changes the place of supply, so saving must
    /// stop; an OIDAR ID only needs a human look.
    pub fn is_blocking(&self) -> bool {
        matches!(self, Self::Different { .. })
    }
}

/// OIDAR is reported even for an unknown area name, because its need for
/// review does not depend on the area.
pub fn check_gstin_state(gstin: &GstinInfo, area_state_name: &str) -> Result<(), StateMismatch> {
    if gstin.category == GstinCategory::Oidar {
        return Err(StateMismatch::Overseas);
    }
    let codes = gst_codes_for_state_name(area_state_name);
    let Some(area) = state_by_name(area_state_name) else {
        return Ok(());
    };
    if codes.contains(&gstin.state_code.as_str()) {
        return Ok(());
    }
    Err(StateMismatch::Different {
        gstin_code: gstin.state_code.clone(),
        gstin_state: gstin.state_name.unwrap_or("an unknown state"),
        area_code: area.code,
        area_state: area.name,
    })
}

#[cfg(test)]
#[path = "states_tests.rs"]
mod tests;
