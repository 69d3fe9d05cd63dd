//! The Sandbox's reference data: every India Post office as an area, its district as the city,
//! its state as the state, every PIN code as a postal code, plus invented sales agents.
//!
//! The data file ships inside the binary (`assets/`), so the Sandbox works on any machine.
//! Ids and codes are assigned deterministically from the file, so they are stable across runs.
//! The documented Sourcehub example wins over the data: area 112 is Agaram in city 1 Bengaluru
//! (`BEN1`) in state 1 Karnataka (`K001`), postal code 31 is 560030, sales agent 12 exists.

use std::collections::{BTreeSet, HashMap};
use std::io::Read;

use crate::api::types::{Area, City, PostalCode, SalesAgent, State};

const POST_OFFICES_GZ: &[u8] = include_bytes!("../../assets/india-post-offices.tsv.gz");

pub const DOC_AREA_ID: u64 = 112;
pub const DOC_POSTAL_CODE_ID: u64 = 31;
pub const DOC_PIN: &str = "560030";
pub const DOC_SALES_AGENT_ID: u64 = 12;

#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("the built-in post office data could not be read: {0}")]
    Read(#[from] std::io::Error),
    #[error("the built-in post office data has a bad line {line}: {reason}")]
    BadLine { line: usize, reason: String },
}

#[derive(Debug, Clone)]
pub struct AreaRecord {
    pub id: u64,
    pub name: String,
    pub area_code: String,
    pub city: usize,
    pub postal_code: usize,
}

#[derive(Debug, Clone)]
pub struct CityRecord {
    pub id: u64,
    pub name: String,
    pub code: String,
    pub state: usize,
}

#[derive(Debug)]
pub struct Dataset {
    pub states: Vec<State>,
    pub cities: Vec<CityRecord>,
    /// Indexed by `id - 1`.
    pub areas: Vec<AreaRecord>,
    /// Indexed by `id - 1`.
    pub postal_codes: Vec<PostalCode>,
    pub agents: Vec<SalesAgent>,
    /// PIN (as a number) to its index in `postal_codes`.
    pin_index: HashMap<u64, usize>,
}

struct Row {
    office: String,
    pin: String,
    district: String,
    state: String,
}

impl Dataset {
    pub fn load() -> Result<Dataset, DataError> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(POST_OFFICES_GZ).read_to_string(&mut text)?;
        let rows = parse_rows(&text)?;
        Ok(build(rows))
    }

    pub fn area(&self, id: u64) -> Option<&AreaRecord> {
        let idx = usize::try_from(id.checked_sub(1)?).ok()?;
        self.areas.get(idx)
    }

    pub fn postal_code(&self, id: u64) -> Option<&PostalCode> {
        let idx = usize::try_from(id.checked_sub(1)?).ok()?;
        self.postal_codes.get(idx)
    }

    pub fn agent(&self, id: u64) -> Option<&SalesAgent> {
        self.agents.iter().find(|a| a.id == Some(id))
    }

    pub fn postal_code_by_pin(&self, pin: u64) -> Option<&PostalCode> {
        self.pin_index
            .get(&pin)
            .and_then(|i| self.postal_codes.get(*i))
    }

    /// The area as the API shows it, with its city and state nested.
    pub fn area_view(&self, rec: &AreaRecord, with_postal_codes: bool) -> Area {
        let city = &self.cities[rec.city];
        Area {
            id: Some(rec.id),
            name: Some(rec.name.clone()),
            area_code: Some(rec.area_code.clone()),
            city: Some(City {
                id: Some(city.id),
                name: Some(city.name.clone()),
                code: Some(city.code.clone()),
                state: Some(self.states[city.state].clone()),
            }),
            postalcodes: if with_postal_codes {
                vec![self.postal_codes[rec.postal_code].clone()]
            } else {
                Vec::new()
            },
        }
    }
}

fn parse_rows(text: &str) -> Result<Vec<Row>, DataError> {
    let mut rows = Vec::with_capacity(160_000);
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 5 {
            return Err(DataError::BadLine {
                line: i + 1,
                reason: format!("{} columns instead of 5", cols.len()),
            });
        }
        rows.push(Row {
            office: tidy_office(cols[0]),
            pin: cols[1].trim().to_owned(),
            district: tidy_district(cols[3]),
            state: tidy_state(cols[4]),
        });
    }
    Ok(rows)
}

/// CSV-style quoting in a TSV file: `"Ngo""s Colony B.O"` is `Ngo's Colony`.
fn unquote(field: &str) -> String {
    let f = field.trim();
    let inner = if f.len() >= 2 && f.starts_with('"') && f.ends_with('"') {
        &f[1..f.len() - 1]
    } else {
        f
    };
    inner.replace("\"\"", "'").replace('"', "'")
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Drops the office-type tokens (` B.O`, ` S.O`, ` H.O`, ` EDB.O`) wherever they stand, since
/// some names carry them before a parenthesis: `Bhainsa S.O (Adilabad)`.
pub fn tidy_office(raw: &str) -> String {
    let name = unquote(raw);
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| !matches!(*w, "B.O" | "S.O" | "H.O" | "EDB.O" | "BO" | "SO" | "HO"))
        .collect();
    let joined = words.join(" ");
    if joined.is_empty() {
        collapse_spaces(&name)
    } else {
        joined
    }
}

/// `Bijapur(KAR)` → `Bijapur`: the tag only tells apart same-named districts of different
/// states, which the state already does. `Kaimur (Bhabua)` keeps its real alternative name.
pub fn tidy_district(raw: &str) -> String {
    let name = collapse_spaces(&unquote(raw));
    if let Some(open) = name.rfind('(')
        && name.ends_with(')')
    {
        let tag = &name[open + 1..name.len() - 1];
        if (2..=3).contains(&tag.len()) && tag.chars().all(|c| c.is_ascii_uppercase()) {
            return name[..open].trim_end().to_owned();
        }
    }
    name
}

/// `JAMMU & KASHMIR` → `Jammu and Kashmir`. Old spellings (`Chattisgarh`, `Pondicherry`) are kept
/// as the data has them; the domain's state table knows them.
pub fn tidy_state(raw: &str) -> String {
    collapse_spaces(&unquote(raw))
        .split(' ')
        .map(|w| match w.to_ascii_lowercase().as_str() {
            "&" | "and" => "and".to_owned(),
            "of" => "of".to_owned(),
            lower => {
                let mut c = lower.chars();
                match c.next() {
                    Some(first) => first.to_uppercase().chain(c).collect(),
                    None => String::new(),
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Sourcehub-style codes: a prefix plus a running number per prefix (`K001`, `BEN1`).
struct CodeMaker {
    counters: HashMap<String, u32>,
}

impl CodeMaker {
    fn next(&mut self, prefix: String, width: usize) -> String {
        let n = self.counters.entry(prefix.clone()).or_insert(0);
        *n += 1;
        format!("{prefix}{:0width$}", n, width = width)
    }
}

fn letters(name: &str, n: usize) -> String {
    let s: String = name
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .take(n)
        .collect::<String>()
        .to_ascii_uppercase();
    if s.is_empty() { "X".into() } else { s }
}

fn build(rows: Vec<Row>) -> Dataset {
    // States: Karnataka first (documented id 1, K001), then in order of first appearance.
    let mut state_names: Vec<String> = vec!["Karnataka".into()];
    for r in &rows {
        if !state_names.contains(&r.state) {
            state_names.push(r.state.clone());
        }
    }
    let mut state_codes = CodeMaker {
        counters: HashMap::new(),
    };
    let states: Vec<State> = state_names
        .iter()
        .enumerate()
        .map(|(i, name)| State {
            id: Some(i as u64 + 1),
            code: Some(state_codes.next(letters(name, 1), 3)),
            name: Some(name.clone()),
        })
        .collect();
    let state_idx: HashMap<&str, usize> = state_names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();

    // Cities: the Bangalore district is city 1 under Sourcehub's name Bengaluru (BEN1).
    let bengaluru_key = ("Bangalore".to_owned(), "Karnataka".to_owned());
    let mut city_keys: Vec<(String, String)> = vec![bengaluru_key.clone()];
    let mut city_lookup: HashMap<(String, String), usize> = HashMap::from([(bengaluru_key, 0)]);
    for r in &rows {
        let key = (r.district.clone(), r.state.clone());
        if !city_lookup.contains_key(&key) {
            city_lookup.insert(key.clone(), city_keys.len());
            city_keys.push(key);
        }
    }
    let mut city_codes = CodeMaker {
        counters: HashMap::new(),
    };
    let cities: Vec<CityRecord> = city_keys
        .iter()
        .enumerate()
        .map(|(i, (district, state))| {
            let name = if i == 0 {
                "Bengaluru".to_owned()
            } else {
                district.clone()
            };
            CityRecord {
                id: i as u64 + 1,
                code: city_codes.next(letters(&name, 3), 1),
                name,
                state: state_idx.get(state.as_str()).copied().unwrap_or(0),
            }
        })
        .collect();

    // Postal codes: ascending PIN order, with 560030 moved to the documented id 31.
    let mut pins: Vec<u64> = rows
        .iter()
        .filter_map(|r| r.pin.parse().ok())
        .collect::<BTreeSet<u64>>()
        .into_iter()
        .collect();
    let doc_pin: u64 = 560_030;
    pins.retain(|p| *p != doc_pin);
    pins.insert((DOC_POSTAL_CODE_ID - 1) as usize, doc_pin);
    let postal_codes: Vec<PostalCode> = pins
        .iter()
        .enumerate()
        .map(|(i, p)| PostalCode {
            id: Some(i as u64 + 1),
            code: Some(p.to_string()),
        })
        .collect();
    let pin_index: HashMap<u64, usize> = pins.iter().enumerate().map(|(i, p)| (*p, i)).collect();

    // Areas: file order, with Agaram inserted as id 112.
    let mut areas: Vec<AreaRecord> = Vec::with_capacity(rows.len() + 1);
    let mut per_city: Vec<u32> = vec![0; cities.len()];
    for r in &rows {
        if areas.len() as u64 + 1 == DOC_AREA_ID {
            areas.push(agaram(&pin_index));
        }
        let city = city_lookup
            .get(&(r.district.clone(), r.state.clone()))
            .copied()
            .unwrap_or(0);
        per_city[city] += 1;
        areas.push(AreaRecord {
            id: areas.len() as u64 + 1,
            name: r.office.clone(),
            area_code: format!("{}-{:04}", cities[city].code, per_city[city]),
            city,
            postal_code: r
                .pin
                .parse::<u64>()
                .ok()
                .and_then(|p| pin_index.get(&p).copied())
                .unwrap_or(0),
        });
    }

    Dataset {
        states,
        cities,
        areas,
        postal_codes,
        agents: sales_agents(),
        pin_index,
    }
}

fn agaram(pin_index: &HashMap<u64, usize>) -> AreaRecord {
    AreaRecord {
        id: DOC_AREA_ID,
        name: "Agaram".into(),
        // The documented sample returns an empty area code for Agaram.
        area_code: String::new(),
        city: 0,
        postal_code: pin_index.get(&560_030).copied().unwrap_or(0),
    }
}

const AGENT_NAMES: [&str; 25] = [
    "Aarav Sharma",
    "Priya Nair",
    "Rahul Verma",
    "Sneha Iyer",
    "Vikram Singh",
    "Ananya Reddy",
    "Karthik Rao",
    "Meera Joshi",
    "Rohan Gupta",
    "Divya Menon",
    "Suresh Patil",
    "Lakshmi Narayan",
    "Imran Khan",
    "Pooja Desai",
    "Arjun Pillai",
    "Fatima Sheikh",
    "Manoj Kumar",
    "Kavya Hegde",
    "Sanjay Mehta",
    "Neha Chatterjee",
    "Ravi Shankar",
    "Deepa Kulkarni",
    "Harpreet Kaur",
    "Abdul Rahman",
    "Nandini Bose",
];

fn sales_agents() -> Vec<SalesAgent> {
    AGENT_NAMES
        .iter()
        .enumerate()
        .map(|(i, n)| SalesAgent {
            id: Some(i as u64 + 1),
            name: Some((*n).to_owned()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tidied() {
        assert_eq!(tidy_office("Ada B.O"), "Ada");
        assert_eq!(tidy_office("Bhainsa S.O (Adilabad)"), "Bhainsa (Adilabad)");
        assert_eq!(tidy_office("\"Ngo\"\"s Colony B.O\""), "Ngo's Colony");
        assert_eq!(
            tidy_office("Bhaglapur  Engg. College"),
            "Bhaglapur Engg. College"
        );
        assert_eq!(tidy_office("Purakad EDB.O"), "Purakad");
        assert_eq!(tidy_district("Bijapur(KAR)"), "Bijapur");
        assert_eq!(tidy_district("Bilaspur (HP)"), "Bilaspur");
        assert_eq!(tidy_district("Kaimur (Bhabua)"), "Kaimur (Bhabua)");
        assert_eq!(tidy_state("JAMMU & KASHMIR"), "Jammu and Kashmir");
        assert_eq!(
            tidy_state("ANDAMAN & NICOBAR ISLANDS"),
            "Andaman and Nicobar Islands"
        );
        assert_eq!(tidy_state("CHATTISGARH"), "Chattisgarh");
    }
}
