//! Free-text fields: company name, contact person, address.

use thiserror::Error;

pub const COMPANY_NAME_MAX: usize = 100;
pub const CONTACT_PERSON_MAX: usize = 100;
pub const ADDRESS_MAX: usize = 250;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TextError {
    #[error("This field is required")]
    Empty,
    #[error("Contains a control character ({name}) at position {position} — remove it")]
    Control { name: String, position: usize },
    #[error("Too long: {len} characters (at most {max})")]
    TooLong { len: usize, max: usize },
}

fn control_name(ch: char) -> String {
    match ch {
        '\0' => "NUL".to_string(),
        '\u{7}' => "bell".to_string(),
        '\u{8}' => "backspace".to_string(),
        '\u{1b}' => "escape".to_string(),
        '\u{7f}' => "delete".to_string(),
        _ => format!("U+{:04X}", u32::from(ch)),
    }
}

fn collapse(input: &str) -> String {
    input.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Tabs and line breaks are whitespace a clerk pastes from an address block,
/// so they are folded into spaces; only non-whitespace controls are refused.
/// Length counts characters, not bytes: names are often in Indian scripts.
pub fn clean_text(input: &str, max_chars: usize) -> Result<String, TextError> {
    if let Some((i, ch)) = input
        .chars()
        .enumerate()
        .find(|(_, c)| c.is_control() && !c.is_whitespace())
    {
        return Err(TextError::Control {
            name: control_name(ch),
            position: i + 1,
        });
    }
    let cleaned = collapse(input);
    if cleaned.is_empty() {
        return Err(TextError::Empty);
    }
    let len = cleaned.chars().count();
    if len > max_chars {
        return Err(TextError::TooLong {
            len,
            max: max_chars,
        });
    }
    Ok(cleaned)
}

/// "92 / 100" once the cleaned text is past 80% of the limit, so the clerk
/// sees the limit coming before hitting it.
pub fn length_hint(input: &str, max: usize) -> Option<String> {
    let len = collapse(input).chars().count();
    (len * 5 > max * 4).then(|| format!("{len} / {max}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_whitespace() {
        let cases = [
            ("Arun Store", "Arun Store"),
            ("  Arun   Store  ", "Arun Store"),
            ("Arun\u{a0}\u{a0}Store", "Arun Store"),
            ("12 MG Road,\r\nBengaluru", "12 MG Road, Bengaluru"),
            ("a\tb", "a b"),
            ("अरुण  स्टोर", "अरुण स्टोर"),
        ];
        for (input, want) in cases {
            assert_eq!(clean_text(input, 100).as_deref(), Ok(want), "{input:?}");
        }
    }

    #[test]
    fn refuses_bad_input() {
        let cases = [
            ("", 100, TextError::Empty),
            (" \n\t ", 100, TextError::Empty),
            (
                "Arun\u{7}",
                100,
                TextError::Control {
                    name: "bell".into(),
                    position: 5,
                },
            ),
            (
                "\u{1b}[31m",
                100,
                TextError::Control {
                    name: "escape".into(),
                    position: 1,
                },
            ),
            (
                "a\u{0}b",
                100,
                TextError::Control {
                    name: "NUL".into(),
                    position: 2,
                },
            ),
            (
                "a\u{9b}b",
                100,
                TextError::Control {
                    name: "U+009B".into(),
                    position: 2,
                },
            ),
            ("abcdef", 5, TextError::TooLong { len: 6, max: 5 }),
        ];
        for (input, max, want) in cases {
            assert_eq!(clean_text(input, max), Err(want), "{input:?}");
        }
    }

    #[test]
    fn length_counts_characters_after_cleaning() {
        let hundred = "क".repeat(COMPANY_NAME_MAX);
        assert_eq!(clean_text(&hundred, COMPANY_NAME_MAX), Ok(hundred.clone()));
        let padded = format!("   {hundred}   ");
        assert!(clean_text(&padded, COMPANY_NAME_MAX).is_ok());
        let over = "x".repeat(ADDRESS_MAX + 1);
        assert_eq!(
            clean_text(&over, ADDRESS_MAX),
            Err(TextError::TooLong { len: 251, max: 250 })
        );
        assert_eq!(
            TextError::TooLong { len: 251, max: 250 }.to_string(),
            "Too long: 251 characters (at most 250)"
        );
    }

    #[test]
    fn length_hint_appears_past_80_percent() {
        let cases = [
            (0, 100, None),
            (80, 100, None),
            (81, 100, Some("81 / 100")),
            (92, 100, Some("92 / 100")),
            (112, 100, Some("112 / 100")),
            (200, 250, None),
            (201, 250, Some("201 / 250")),
        ];
        for (len, max, want) in cases {
            assert_eq!(
                length_hint(&"x".repeat(len), max).as_deref(),
                want,
                "{len}/{max}"
            );
        }
        assert_eq!(length_hint(&format!("  {}  ", "x".repeat(80)), 100), None);
    }

    #[test]
    fn limits_match_the_form() {
        assert_eq!(
            (COMPANY_NAME_MAX, CONTACT_PERSON_MAX, ADDRESS_MAX),
            (100, 100, 250)
        );
    }
}
