//! PIN codes (india-fields.md §2).

use thiserror::Error;

use super::states::{gst_codes_for_state_name, state_by_gst_code, state_by_name};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PinError {
    #[error("PIN code is empty")]
    Empty,
    #[error("PIN code can only contain digits; '{ch}' at position {position} is not one")]
    NotDigit { ch: char, position: usize },
    #[error("PIN code must be 6 digits; this has {len}")]
    Length { len: usize },
    #[error("PIN code cannot start with 0")]
    LeadingZero,
}

/// Clerks often copy `560 001`; spaces carry no meaning in a PIN.
pub fn normalize_pin(input: &str) -> Result<String, PinError> {
    let mut out = String::with_capacity(6);
    for (i, ch) in input.chars().enumerate() {
        if ch.is_whitespace() {
            continue;
        }
        if !ch.is_ascii_digit() {
            return Err(PinError::NotDigit {
                ch,
                position: i + 1,
            });
        }
        out.push(ch);
    }
    if out.is_empty() {
        return Err(PinError::Empty);
    }
    if out.len() != 6 {
        return Err(PinError::Length { len: out.len() });
    }
    if out.starts_with('0') {
        return Err(PinError::LeadingZero);
    }
    Ok(out)
}

/// First-three-digit ranges per GST state code, inclusive. Taken from
/// india-compliance's `STATE_PINCODE_MAPPING` (india-fields.md §2) with the
/// fixes that note recommends: Chandigarh also 140, Telangana 500-509,
/// Ladakh 194, and Andhra Pradesh only its own 510-535. Overlaps are real
/// (Goa's 403 sits inside Maharashtra's range), so this only catches gross
/// mismatches and must stay a warning.
pub const PIN_RANGES: &[(&str, &[(u16, u16)])] = &[
    ("01", &[(180, 194)]),
    ("02", &[(171, 177)]),
    ("03", &[(140, 160)]),
    ("04", &[(140, 140), (160, 160)]),
    ("05", &[(244, 263)]),
    ("06", &[(121, 136)]),
    ("07", &[(110, 110)]),
    ("08", &[(301, 345)]),
    ("09", &[(201, 285)]),
    ("10", &[(800, 855)]),
    ("11", &[(737, 737)]),
    ("12", &[(790, 792)]),
    ("13", &[(797, 798)]),
    ("14", &[(795, 795)]),
    ("15", &[(796, 796)]),
    ("16", &[(799, 799)]),
    ("17", &[(793, 794)]),
    ("18", &[(781, 788)]),
    ("19", &[(700, 743)]),
    ("20", &[(813, 835)]),
    ("21", &[(751, 770)]),
    ("22", &[(490, 497)]),
    ("23", &[(450, 488)]),
    ("24", &[(360, 396)]),
    ("26", &[(362, 362), (396, 396)]),
    ("27", &[(400, 445)]),
    ("29", &[(560, 591)]),
    ("30", &[(403, 403)]),
    ("31", &[(682, 682)]),
    ("32", &[(670, 695)]),
    ("33", &[(600, 643)]),
    (
        "34",
        &[(533, 533), (605, 605), (607, 607), (609, 609), (673, 673)],
    ),
    ("35", &[(744, 744)]),
    ("36", &[(500, 509)]),
    ("37", &[(510, 535)]),
    ("38", &[(194, 194)]),
];

pub const APS_WARNING: &str =
    "Army Postal Service PIN — not a civilian address: check the postal code";

fn ranges_for(code: &str) -> Option<&'static [(u16, u16)]> {
    PIN_RANGES.iter().find(|(c, _)| *c == code).map(|(_, r)| *r)
}

fn in_ranges(ranges: &[(u16, u16)], prefix: u16) -> bool {
    ranges.iter().any(|&(lo, hi)| (lo..=hi).contains(&prefix))
}

fn fmt_ranges(ranges: &[(u16, u16)]) -> String {
    ranges
        .iter()
        .map(|&(lo, hi)| {
            if lo == hi {
                lo.to_string()
            } else {
                format!("{lo}-{hi}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A warning when the PIN's first three digits do not belong to the area's
/// state. Bad formats and unknown state names give None: the format error is
/// reported by `normalize_pin`, and an unknown name cannot be judged.
///
/// The area state name comes from India Post data, which files Telangana
/// under Andhra Pradesh and Ladakh under Jammu and Kashmir; so every GST code
/// that name may stand for is accepted (Andhra Pradesh: 500-535).
pub fn pin_state_warning(pin: &str, state_name: &str) -> Option<String> {
    let pin = normalize_pin(pin).ok()?;
    if pin.starts_with('9') {
        return Some(APS_WARNING.to_string());
    }
    let prefix: u16 = pin.get(..3)?.parse().ok()?;
    let codes = gst_codes_for_state_name(state_name);
    let mut allowed: Vec<(u16, u16)> = Vec::new();
    for code in codes {
        allowed.extend_from_slice(ranges_for(code).unwrap_or(&[]));
    }
    if allowed.is_empty() || in_ranges(&allowed, prefix) {
        return None;
    }
    let state = state_by_name(state_name)?;
    let owners: Vec<&str> = PIN_RANGES
        .iter()
        .filter(|(_, r)| in_ranges(r, prefix))
        .filter_map(|(c, _)| state_by_gst_code(c).map(|s| s.name))
        .collect();
    let owner = if owners.is_empty() {
        String::new()
    } else {
        format!("; {prefix} is {}", owners.join(" / "))
    };
    Some(format!(
        "PIN {pin} does not look like {} (its PINs start {}{owner}) — check the postal code",
        state.name,
        fmt_ranges(&allowed)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pin_format_examples() {
        let ok = [
            ("560001", "560001"),
            ("560 001", "560001"),
            (" 400001 ", "400001"),
            ("110001", "110001"),
            ("999001", "999001"),
        ];
        for (input, want) in ok {
            assert_eq!(normalize_pin(input).as_deref(), Ok(want), "{input:?}");
        }
        let bad = [
            ("056001", PinError::LeadingZero),
            ("56001", PinError::Length { len: 5 }),
            ("5600011", PinError::Length { len: 7 }),
            (
                "40001A",
                PinError::NotDigit {
                    ch: 'A',
                    position: 6,
                },
            ),
            ("", PinError::Empty),
            ("   ", PinError::Empty),
            (
                "５６０００１",
                PinError::NotDigit {
                    ch: '５',
                    position: 1,
                },
            ),
        ];
        for (input, want) in bad {
            assert_eq!(normalize_pin(input), Err(want), "{input:?}");
        }
    }

    #[test]
    fn error_messages_are_specific() {
        assert_eq!(
            PinError::LeadingZero.to_string(),
            "PIN code cannot start with 0"
        );
        assert_eq!(
            PinError::Length { len: 5 }.to_string(),
            "PIN code must be 6 digits; this has 5"
        );
        assert!(
            normalize_pin("40001A")
                .unwrap_err()
                .to_string()
                .contains("'A' at position 6")
        );
    }

    #[test]
    fn pin_state_examples() {
        // (pin, area state, warns?)
        let cases = [
            ("560001", "Karnataka", false),
            ("110001", "Delhi", false),
            ("110001", "New Delhi", false),
            ("500081", "Telangana", false),
            // India Post files Telangana under Andhra Pradesh (see doc comment);
            // india-fields.md would warn here, the product rule says accept.
            ("500081", "ANDHRA PRADESH", false),
            ("535001", "Andhra Pradesh", false),
            ("520001", "Telangana", true),
            ("560001", "Telangana", true),
            ("560001", "Maharashtra", true),
            ("400001", "Maharashtra", false),
            ("403001", "Goa", false),
            ("403001", "Maharashtra", false),
            ("194101", "Ladakh", false),
            ("190001", "Ladakh", true),
            ("194101", "JAMMU & KASHMIR", false),
            ("180001", "Jammu and Kashmir", false),
            ("140301", "Chandigarh", false),
            ("160017", "Chandigarh", false),
            ("396230", "Dadra & Nagar Haveli", false),
            ("560001", "Other Territory", false),
            ("560001", "Atlantis", false),
            ("not a pin", "Karnataka", false),
        ];
        for (pin, state, warns) in cases {
            assert_eq!(
                pin_state_warning(pin, state).is_some(),
                warns,
                "{pin} / {state}"
            );
        }
    }

    #[test]
    fn mismatch_message_names_both_sides() {
        let w = pin_state_warning("560001", "Maharashtra");
        assert_eq!(
            w.as_deref(),
            Some(
                "PIN 560001 does not look like Maharashtra (its PINs start 400-445; 560 is Karnataka) — check the postal code"
            )
        );
    }

    #[test]
    fn army_postal_service_always_warns() {
        for state in ["Karnataka", "Atlantis", ""] {
            assert_eq!(
                pin_state_warning("999001", state).as_deref(),
                Some(APS_WARNING)
            );
        }
        assert!(APS_WARNING.contains("Army Postal Service PIN"));
    }

    #[test]
    fn every_active_state_with_pins_is_mapped_by_name() {
        for (code, _) in PIN_RANGES {
            let state = state_by_gst_code(code).map(|s| s.name).unwrap_or_default();
            assert!(
                gst_codes_for_state_name(state).contains(code),
                "{code} {state}"
            );
        }
    }
}
