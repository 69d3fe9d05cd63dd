//! GSTIN normalisation and offline validation (gstin.md §1-§8).

use serde::Serialize;
use serde_json::{Value, json};
use thiserror::Error;

pub use super::gstin_layout::{GstinCategory, HolderType};
use super::gstin_layout::{classify, is_pan_shaped};
use super::states::{StateStatus, state_by_gst_code};

/// Index = value in the mod-36 check (gstin.md §2).
pub(super) const ALPHABET: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const GSTIN_LEN: usize = 15;

/// Every `position` is 1-based: in the text as typed for normalisation
/// errors (invisible characters must be found where the clerk put them), in
/// the normalised value for the later checks.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GstinError {
    #[error("GSTIN is empty")]
    Empty,
    #[error("GSTIN contains a {name} at position {position} — it is invisible: delete it")]
    ZeroWidth { name: &'static str, position: usize },
    #[error("GSTIN contains a fullwidth digit '{ch}' at position {position} — type plain digits")]
    FullwidthDigit { ch: char, position: usize },
    #[error("GSTIN contains a fullwidth letter '{ch}' at position {position} — type plain letters")]
    FullwidthLetter { ch: char, position: usize },
    #[error("GSTIN contains a non-ASCII digit '{ch}' at position {position} — type plain digits")]
    NonAsciiDigit { ch: char, position: usize },
    #[error(
        "GSTIN contains the dash '{ch}' at position {position} — type a plain '-' or leave it out"
    )]
    UnicodeDash { ch: char, position: usize },
    #[error(
        "GSTIN contains '{ch}' (U+{code:04X}) at position {position} — only A-Z and 0-9 are allowed"
    )]
    NonAscii {
        ch: char,
        code: u32,
        position: usize,
    },
    #[error("GSTIN must be 15 characters; this has {len}")]
    Length { len: usize },
    #[error("GSTIN contains '{ch}' at position {position} — only A-Z and 0-9 are allowed")]
    Charset { ch: char, position: usize },
    #[error(
        "GSTIN layout not recognised: character {position} is '{found}' but should be {expected}"
    )]
    Layout {
        position: usize,
        found: char,
        expected: &'static str,
    },
    #[error("GSTIN check character should be {expected}, not {found} — a character was mistyped")]
    CheckChar { expected: char, found: char },
    #[error("GSTIN state code {code} is not a GST state code")]
    UnknownState { code: String },
    #[error("GSTIN state code {code} ({name}) is legacy: {advice}")]
    LegacyState {
        code: String,
        name: &'static str,
        advice: &'static str,
    },
    #[error("GSTIN state code {code} is only used by overseas (OIDAR) GSTINs")]
    CentreOnly { code: String },
    #[error(
        "GSTIN state code 96 (Other Countries) is a place-of-supply code, never a GSTIN prefix"
    )]
    PlaceOfSupplyOnly,
    #[error(
        "GSTIN character 6 is '{letter}', which is not a PAN holder type (A, B, C, F, G, H, J, L, P, T, K)"
    )]
    PanHolderType { letter: char },
    #[error("GSTIN characters 8-11 are the PAN serial and cannot be 0000")]
    PanSerialZero,
}

pub const OVERSEAS_WARNING: &str = "overseas — check the GST treatment";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GstinInfo {
    pub normalized: String,
    pub state_code: String,
    /// None only for OIDAR, whose `99` names no Indian state.
    pub state_name: Option<&'static str>,
    pub pan: Option<String>,
    pub holder_type: Option<HolderType>,
    pub category: GstinCategory,
    pub warnings: Vec<String>,
}

impl GstinInfo {
    pub fn summary(&self) -> String {
        let mut parts = vec![match self.state_name {
            Some(name) => format!("{name} ({})", self.state_code),
            None => format!("overseas ({})", self.state_code),
        }];
        if let Some(pan) = &self.pan {
            parts.push(format!("PAN {pan}"));
        }
        if let Some(holder) = self.holder_type {
            parts.push(holder.label().to_string());
        }
        parts.push(self.category.label().to_string());
        parts.join(" · ")
    }
}

/// Drops separators and upper-cases ASCII; anything non-ASCII that could pass
/// for a GSTIN character is refused rather than guessed at.
pub fn normalize(input: &str) -> Result<String, GstinError> {
    let mut out = String::with_capacity(GSTIN_LEN);
    for (i, ch) in input.chars().enumerate() {
        let position = i + 1;
        if let Some(name) = zero_width_name(ch) {
            return Err(GstinError::ZeroWidth { name, position });
        }
        if ch.is_whitespace() || ch == '-' {
            continue;
        }
        if ch.is_ascii() {
            out.push(ch.to_ascii_uppercase());
            continue;
        }
        return Err(match ch {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => {
                GstinError::UnicodeDash { ch, position }
            }
            '\u{FF10}'..='\u{FF19}' => GstinError::FullwidthDigit { ch, position },
            '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
                GstinError::FullwidthLetter { ch, position }
            }
            c if c.is_numeric() => GstinError::NonAsciiDigit { ch, position },
            _ => GstinError::NonAscii {
                ch,
                code: u32::from(ch),
                position,
            },
        });
    }
    Ok(out)
}

/// Not `White_Space` in Unicode, so `char::is_whitespace` lets them through.
fn zero_width_name(ch: char) -> Option<&'static str> {
    match ch {
        '\u{200B}' => Some("zero-width space"),
        '\u{200C}' => Some("zero-width non-joiner"),
        '\u{200D}' => Some("zero-width joiner"),
        '\u{2060}' => Some("zero-width word joiner"),
        '\u{FEFF}' => Some("zero-width no-break space"),
        _ => None,
    }
}

fn char_value(b: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == b).map(|i| i as u32)
}

/// Mod-36 check character over the first 14 characters (gstin.md §2).
/// None unless given exactly 14 alphabet characters, so an unexpected
/// character can never take part in the sum.
pub fn check_char(first14: &str) -> Option<char> {
    let bytes = first14.as_bytes();
    if bytes.len() != GSTIN_LEN - 1 {
        return None;
    }
    let mut sum = 0u32;
    for (i, &b) in bytes.iter().enumerate() {
        let weight = if i % 2 == 0 { 1 } else { 2 };
        let p = char_value(b)? * weight;
        sum += p / 36 + p % 36;
    }
    let index = ((36 - sum % 36) % 36) as usize;
    ALPHABET.get(index).map(|&b| char::from(b))
}

fn check_state(code: &str, category: GstinCategory) -> Result<Option<&'static str>, GstinError> {
    if category == GstinCategory::Oidar {
        return Ok(None);
    }
    let Some(state) = state_by_gst_code(code) else {
        return Err(GstinError::UnknownState {
            code: code.to_string(),
        });
    };
    match state.status {
        StateStatus::Active => Ok(Some(state.name)),
        StateStatus::Legacy => Err(GstinError::LegacyState {
            code: code.to_string(),
            name: state.name,
            advice: if code == "25" {
                "re-registered under 26 since 2020"
            } else {
                "Andhra Pradesh uses 37 and Telangana 36 since 2014"
            },
        }),
        StateStatus::PlaceOfSupplyOnly => Err(GstinError::PlaceOfSupplyOnly),
        StateStatus::CentreJurisdiction => Err(GstinError::CentreOnly {
            code: code.to_string(),
        }),
    }
}

pub fn validate(input: &str) -> Result<GstinInfo, GstinError> {
    let value = normalize(input)?;
    if value.is_empty() {
        return Err(GstinError::Empty);
    }
    let len = value.chars().count();
    if len != GSTIN_LEN {
        return Err(GstinError::Length { len });
    }
    // Past normalize every char is ASCII, so byte positions are char positions.
    let bytes = value.as_bytes();
    if let Some(i) = bytes.iter().position(|&b| char_value(b).is_none()) {
        return Err(GstinError::Charset {
            ch: char::from(bytes[i]),
            position: i + 1,
        });
    }
    let category = classify(&value)?;
    let found = char::from(bytes[14]);
    if let Some(expected) = check_char(&value[..14])
        && expected != found
    {
        return Err(GstinError::CheckChar { expected, found });
    }
    let state_code = value[..2].to_string();
    let state_name = check_state(&state_code, category)?;

    let pan_part = &bytes[2..12];
    let pan_based = match category {
        GstinCategory::Regular | GstinCategory::TcsCollector => true,
        GstinCategory::TdsDeductor => is_pan_shaped(pan_part),
        _ => false,
    };
    let (pan, holder_type) = if pan_based {
        let letter = char::from(pan_part[3]);
        let holder =
            HolderType::from_pan_letter(letter).ok_or(GstinError::PanHolderType { letter })?;
        if &pan_part[5..9] == b"0000" {
            return Err(GstinError::PanSerialZero);
        }
        (Some(value[2..12].to_string()), Some(holder))
    } else {
        (None, None)
    };

    let mut warnings = Vec::new();
    if category == GstinCategory::Regular && bytes[13] != b'Z' {
        warnings.push(format!(
            "14th character is '{}', not the usual Z — check the GSTIN with the customer",
            char::from(bytes[13])
        ));
    }
    if matches!(category, GstinCategory::NonResident | GstinCategory::Oidar) {
        warnings.push(OVERSEAS_WARNING.to_string());
    }
    Ok(GstinInfo {
        normalized: value,
        state_code,
        state_name,
        pan,
        holder_type,
        category,
        warnings,
    })
}

/// One line for `sourcehub-desk gstin VALUE...`; the bool is validity, for the exit code.
pub fn cli_line(value: &str) -> (bool, String) {
    // Control characters would break "one line, three fields" (or drive the terminal).
    let shown: String = value
        .chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect();
    match validate(value) {
        Ok(info) => {
            let mut details = info.summary();
            for w in &info.warnings {
                details.push_str(" · warning: ");
                details.push_str(w);
            }
            (true, format!("{shown}\tvalid\t{details}"))
        }
        Err(e) => (false, format!("{shown}\tinvalid\t{e}")),
    }
}

pub fn cli_json(value: &str) -> Value {
    let normalized = normalize(value).ok();
    match validate(value) {
        Ok(info) => json!({
            "input": value,
            "normalized": info.normalized,
            "valid": true,
            "state": info.state_name,
            "state_code": info.state_code,
            "pan": info.pan,
            "holder_type": info.holder_type.map(HolderType::as_str),
            "category": info.category.as_str(),
            "warnings": info.warnings,
        }),
        Err(e) => json!({
            "input": value,
            "normalized": normalized,
            "valid": false,
            "reason": e.to_string(),
        }),
    }
}

#[cfg(test)]
#[path = "gstin_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "gstin_proptests.rs"]
mod proptests;
