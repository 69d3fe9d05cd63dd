//! Kinds of GSTIN: the layouts of gstin.md §4, their categories, and the
//! PAN holder types of §5. Split from `gstin.rs` to keep each file short.

use std::cmp::Reverse;

use serde::Serialize;

use super::gstin::GstinError;

const GSTIN_LEN: usize = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GstinCategory {
    Regular,
    TdsDeductor,
    TcsCollector,
    GovernmentDepartment,
    UinHolder,
    NonResident,
    Oidar,
}

impl GstinCategory {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Regular => "regular",
            Self::TdsDeductor => "tds_deductor",
            Self::TcsCollector => "tcs_collector",
            Self::GovernmentDepartment => "government_department",
            Self::UinHolder => "uin_holder",
            Self::NonResident => "non_resident",
            Self::Oidar => "oidar",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Regular => "regular taxpayer",
            Self::TdsDeductor => "TDS deductor",
            Self::TcsCollector => "TCS collector (e-commerce operator)",
            Self::GovernmentDepartment => "government department",
            Self::UinHolder => "UIN holder (UN body or embassy)",
            Self::NonResident => "non-resident taxable person (NRI)",
            Self::Oidar => "overseas online service provider (OIDAR)",
        }
    }
}

/// PAN 4th character (gstin.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HolderType {
    AssociationOfPersons,
    BodyOfIndividuals,
    Company,
    FirmOrLlp,
    Government,
    Huf,
    ArtificialJuridicalPerson,
    LocalAuthority,
    Individual,
    Trust,
    Krish,
}

impl HolderType {
    pub fn from_pan_letter(letter: char) -> Option<Self> {
        Some(match letter {
            'A' => Self::AssociationOfPersons,
            'B' => Self::BodyOfIndividuals,
            'C' => Self::Company,
            'F' => Self::FirmOrLlp,
            'G' => Self::Government,
            'H' => Self::Huf,
            'J' => Self::ArtificialJuridicalPerson,
            'L' => Self::LocalAuthority,
            'P' => Self::Individual,
            'T' => Self::Trust,
            'K' => Self::Krish,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::AssociationOfPersons => "association_of_persons",
            Self::BodyOfIndividuals => "body_of_individuals",
            Self::Company => "company",
            Self::FirmOrLlp => "firm_or_llp",
            Self::Government => "government",
            Self::Huf => "huf",
            Self::ArtificialJuridicalPerson => "artificial_juridical_person",
            Self::LocalAuthority => "local_authority",
            Self::Individual => "individual",
            Self::Trust => "trust",
            Self::Krish => "krish",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::AssociationOfPersons => "association of persons",
            Self::BodyOfIndividuals => "body of individuals",
            Self::Company => "company",
            Self::FirmOrLlp => "firm",
            Self::Government => "government agency",
            Self::Huf => "HUF",
            Self::ArtificialJuridicalPerson => "artificial juridical person",
            Self::LocalAuthority => "local authority",
            Self::Individual => "individual",
            Self::Trust => "trust",
            Self::Krish => "trust (Krish)",
        }
    }
}

#[derive(Clone, Copy)]
enum Class {
    Digit,
    Letter,
    Alnum,
    OneOf(&'static [u8], &'static str),
}

impl Class {
    fn matches(self, b: u8) -> bool {
        match self {
            Self::Digit => b.is_ascii_digit(),
            Self::Letter => b.is_ascii_uppercase(),
            Self::Alnum => b.is_ascii_digit() || b.is_ascii_uppercase(),
            Self::OneOf(set, _) => set.contains(&b),
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Self::Digit => "a digit",
            Self::Letter => "a letter",
            Self::Alnum => "a letter or digit",
            Self::OneOf(_, text) => text,
        }
    }
}

use Class::{Alnum as X, Digit as D, Letter as L};
const ENTITY: Class = Class::OneOf(b"123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", "1-9 or A-Z");
const NORMAL_14TH: Class = Class::OneOf(b"Z123456789ABDEFGHIJ", "Z (or 1-9, A, B, D-J)");
const fn one(set: &'static [u8], text: &'static str) -> Class {
    Class::OneOf(set, text)
}

type Pattern = [Class; GSTIN_LEN];

/// gstin.md §4 regexes, spelled out per position, in the order they are tried.
#[rustfmt::skip]
const LAYOUTS: [(GstinCategory, Pattern); 7] = [
    // TDS: ^[0-9]{2}[A-Z]{4}[A-Z0-9][0-9]{4}[A-Z][1-9A-Z]D[0-9A-Z]$
    (GstinCategory::TdsDeductor, [D, D, L, L, L, L, X, D, D, D, D, L, ENTITY, one(b"D", "D"), X]),
    // TCS: ^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]C[0-9A-Z]$
    (GstinCategory::TcsCollector, [D, D, L, L, L, L, L, D, D, D, D, L, ENTITY, one(b"C", "C"), X]),
    // NORMAL: ^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z][Z1-9ABD-J][0-9A-Z]$
    (GstinCategory::Regular, [D, D, L, L, L, L, L, D, D, D, D, L, ENTITY, NORMAL_14TH, X]),
    // GOVT_DEPTID: ^[0-9]{2}[A-Z]{4}[0-9]{5}[A-Z][0-9]Z[0-9]$
    (GstinCategory::GovernmentDepartment, [D, D, L, L, L, L, D, D, D, D, D, L, D, one(b"Z", "Z"), D]),
    // UNBODY: ^[0-9]{4}[A-Z]{3}[0-9]{5}[UO]N[A-Z0-9]$
    (GstinCategory::UinHolder, [D, D, D, D, L, L, L, D, D, D, D, D, one(b"UO", "U or O"), one(b"N", "N"), X]),
    // NRI_ID: ^[0-9]{4}[A-Z]{3}[0-9]{5}NR[0-9A-Z]$
    (GstinCategory::NonResident, [D, D, D, D, L, L, L, D, D, D, D, D, one(b"N", "N"), one(b"R", "R"), X]),
    // OIDAR: ^99[0-9]{2}[A-Z]{3}[0-9]{5}OS[0-9A-Z]$
    (GstinCategory::Oidar, [one(b"9", "9"), one(b"9", "9"), D, D, L, L, L, D, D, D, D, D, one(b"O", "O"), one(b"S", "S"), X]),
];

/// Preferred layout when several fail at the same place: most GSTINs typed
/// are regular, so that is the one to explain.
const EXPLAIN_ORDER: [GstinCategory; 7] = [
    GstinCategory::Regular,
    GstinCategory::TdsDeductor,
    GstinCategory::TcsCollector,
    GstinCategory::GovernmentDepartment,
    GstinCategory::UinHolder,
    GstinCategory::NonResident,
    GstinCategory::Oidar,
];

fn first_mismatch(pattern: &Pattern, bytes: &[u8]) -> Option<usize> {
    pattern
        .iter()
        .zip(bytes)
        .position(|(class, &b)| !class.matches(b))
}

pub(super) fn classify(value: &str) -> Result<GstinCategory, GstinError> {
    let bytes = value.as_bytes();
    if let Some((category, _)) = LAYOUTS
        .iter()
        .find(|(_, p)| first_mismatch(p, bytes).is_none())
    {
        return Ok(*category);
    }
    // Explain against the layout the value is closest to: fewest wrong
    // positions, then most fixed markers matched (the `99`/`OS` of OIDAR,
    // the entity/`Z` of a regular GSTIN), then EXPLAIN_ORDER. A typo in a
    // regular GSTIN can resemble another layout up to a later position, so
    // "longest matching prefix" would mislead.
    let best = EXPLAIN_ORDER
        .iter()
        .enumerate()
        .filter_map(|(rank, category)| {
            let (_, pattern) = LAYOUTS.iter().find(|(c, _)| c == category)?;
            let i = first_mismatch(pattern, bytes)?;
            let mut wrong = 0;
            let mut markers = 0;
            for (class, &b) in pattern.iter().zip(bytes) {
                match (class.matches(b), class) {
                    (false, _) => wrong += 1,
                    (true, Class::OneOf(..)) => markers += 1,
                    (true, _) => {}
                }
            }
            Some(((wrong, Reverse(markers), rank), i, pattern[i]))
        })
        .min_by_key(|(key, _, _)| *key);
    let (i, class) = best.map_or((0, D), |(_, i, class)| (i, class));
    Err(GstinError::Layout {
        position: i + 1,
        found: bytes.get(i).map_or('?', |&b| char::from(b)),
        expected: class.describe(),
    })
}

pub(super) fn is_pan_shaped(pan: &[u8]) -> bool {
    pan.len() == 10
        && pan[..5].iter().all(u8::is_ascii_uppercase)
        && pan[5..9].iter().all(u8::is_ascii_digit)
        && pan[9].is_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_layout_is_recognised() {
        let cases = [
            ("27AAPFU0939F1ZV", GstinCategory::Regular),
            ("27AAPFU0939F15V", GstinCategory::Regular),
            ("27PNEA06819B1DE", GstinCategory::TdsDeductor),
            ("27AAAPP0939F1D3", GstinCategory::TdsDeductor),
            ("29AABCF8078M1C8", GstinCategory::TcsCollector),
            ("07DELA12345A1Z7", GstinCategory::GovernmentDepartment),
            ("0717UNO00001UN7", GstinCategory::UinHolder),
            ("0717UNO00001ON7", GstinCategory::UinHolder),
            ("0717USA12345NRO", GstinCategory::NonResident),
            ("9917IRL29003OSG", GstinCategory::Oidar),
        ];
        for (value, want) in cases {
            assert_eq!(classify(value), Ok(want), "{value}");
        }
    }

    #[test]
    fn layout_errors_explain_the_closest_layout() {
        let cases = [
            ("27AAPFU0939F0ZV", 13, '0', "1-9 or A-Z"),
            ("27AAPFU0939F1KV", 14, 'K', "Z (or 1-9, A, B, D-J)"),
            ("2AAAPFU0939F1ZV", 2, 'A', "a digit"),
            // Also one wrong position away from a government ID (15th not a
            // digit); the regular layout is the likelier intent.
            ("27AAPF10939F1ZV", 7, '1', "a letter"),
            ("2717IRL29003OSG", 14, 'S', "N"),
            ("9917IRL29003OXG", 14, 'X', "S"),
        ];
        for (value, position, found, expected) in cases {
            assert_eq!(
                classify(value),
                Err(GstinError::Layout {
                    position,
                    found,
                    expected
                }),
                "{value}"
            );
        }
    }

    #[test]
    fn pan_shape() {
        assert!(is_pan_shaped(b"AAPFU0939F"));
        assert!(!is_pan_shaped(b"PNEA06819B"));
        assert!(!is_pan_shaped(b"AAPFU0939"));
    }

    #[test]
    fn holder_letters() {
        let letters: String = ('A'..='Z')
            .filter(|&c| HolderType::from_pan_letter(c).is_some())
            .collect();
        assert_eq!(letters, "ABCFGHJKLPT");
        assert_eq!(
            HolderType::from_pan_letter('F').map(HolderType::label),
            Some("firm")
        );
        assert_eq!(
            HolderType::from_pan_letter('H').map(HolderType::label),
            Some("HUF")
        );
        assert_eq!(
            HolderType::from_pan_letter('P').map(HolderType::label),
            Some("individual")
        );
    }
}
