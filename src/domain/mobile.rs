//! Indian mobile numbers (india-fields.md §1), with one product change: a
//! 10-digit number not starting 6-9 is accepted with a warning, because
//! Sourcehub's own API sample uses the landline-like 1230987654.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mobile {
    /// Always 10 ASCII digits.
    pub national: String,
    pub warning: Option<String>,
}

impl Mobile {
    /// `98765 43210`, the way Indian numbers are read out.
    pub fn display(&self) -> String {
        let (head, tail) = self.national.split_at(self.national.len().min(5));
        format!("{head} {tail}")
    }

    pub fn e164(&self) -> String {
        format!("+91{}", self.national)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MobileError {
    #[error("Mobile number is empty")]
    Empty,
    #[error("Mobile number cannot contain letters ('{ch}' found) — type digits only")]
    Letter { ch: char },
    #[error("Extensions are not allowed in a mobile number — remove \"ext …\"")]
    Extension,
    #[error("Mobile number contains '{ch}' — type plain digits 0-9")]
    NonAsciiDigit { ch: char },
    #[error("Mobile number cannot contain '{ch}'")]
    OtherChar { ch: char },
    #[error("'+' can only come first, as in +91")]
    MisplacedPlus,
    #[error("Only Indian numbers (+91) are accepted; this starts with {prefix}")]
    OtherCountry { prefix: String },
    #[error("Toll-free numbers (1800…) are not mobile numbers")]
    TollFree,
    #[error("Mobile number cannot start with 0 after the prefix — a digit may be missing")]
    LeadingZero,
    #[error("Mobile number must have 10 digits; this has {digits}")]
    Length { digits: usize },
}

pub const LANDLINE_WARNING: &str =
    "looks like a landline: Indian mobile numbers start with 6, 7, 8 or 9";

fn is_separator(ch: char) -> bool {
    ch.is_whitespace() || matches!(ch, '-' | '(' | ')' | '.')
}

pub fn normalize_mobile(input: &str) -> Result<Mobile, MobileError> {
    let cleaned: String = input.chars().filter(|&c| !is_separator(c)).collect();
    if cleaned.is_empty() {
        return Err(MobileError::Empty);
    }
    if cleaned.to_ascii_lowercase().contains("ext") {
        return Err(MobileError::Extension);
    }
    let (plus, digits) = match cleaned.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, cleaned.as_str()),
    };
    if let Some(ch) = digits.chars().find(|c| !c.is_ascii_digit()) {
        return Err(match ch {
            '+' => MobileError::MisplacedPlus,
            c if c.is_numeric() => MobileError::NonAsciiDigit { ch },
            c if c.is_alphabetic() => MobileError::Letter { ch },
            _ => MobileError::OtherChar { ch },
        });
    }
    // From here on `digits` is pure ASCII, so byte slicing is safe.
    let national = if plus {
        match digits.strip_prefix("91") {
            Some(rest) => rest,
            None => {
                return Err(MobileError::OtherCountry {
                    prefix: format!("+{}", digits.get(..2).unwrap_or(digits)),
                });
            }
        }
    } else if digits.len() == 14 && digits.starts_with("0091") {
        &digits[4..]
    } else if digits.len() == 12 && digits.starts_with("91") {
        &digits[2..]
    } else if digits.len() > 11 && digits.starts_with("00") {
        return Err(MobileError::OtherCountry {
            prefix: digits.get(..4).unwrap_or(digits).to_string(),
        });
    } else {
        digits
    };
    // Trunk prefix 0; also covers "+91 (0) 98765 43210".
    let national = match national.strip_prefix('0') {
        Some(rest) if national.len() == 11 => rest,
        _ => national,
    };
    if national.len() != 10 {
        if national.starts_with("1800") {
            return Err(MobileError::TollFree);
        }
        return Err(MobileError::Length {
            digits: national.len(),
        });
    }
    let warning = match national.as_bytes().first() {
        Some(b'6'..=b'9') => None,
        Some(b'0') => return Err(MobileError::LeadingZero),
        _ => Some(LANDLINE_WARNING.to_string()),
    };
    Ok(Mobile {
        national: national.to_string(),
        warning,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every "valid" row of india-fields.md §1.
    #[test]
    fn valid_examples() {
        let cases = [
            ("9876543210", "9876543210"),
            ("98765 43210", "9876543210"),
            ("98765-43210", "9876543210"),
            ("98765.43210", "9876543210"),
            ("+91 98765 43210", "9876543210"),
            ("+91-98765-43210", "9876543210"),
            ("+919876543210", "9876543210"),
            ("919876543210", "9876543210"),
            ("09876543210", "9876543210"),
            ("0091 98765 43210", "9876543210"),
            ("(+91) 98765-43210", "9876543210"),
            ("+91 (0) 98765 43210", "9876543210"),
            ("9123456789", "9123456789"),
            ("91 9123456789", "9123456789"),
            ("+91 91234 56789", "9123456789"),
            ("919123456789", "9123456789"),
            ("6000000000", "6000000000"),
            ("\u{a0}70000 12345\t", "7000012345"),
        ];
        for (input, want) in cases {
            let m = normalize_mobile(input);
            assert_eq!(
                m,
                Ok(Mobile {
                    national: want.to_string(),
                    warning: None
                }),
                "{input:?}"
            );
        }
    }

    /// The doc rejects these as not-a-mobile; the product accepts them with a warning.
    #[test]
    fn landline_like_numbers_are_accepted_with_warning() {
        let cases = [
            ("5876543210", "5876543210"),
            ("2234567895", "2234567895"),
            ("022 2345 6789", "2223456789"),
            ("1230987654", "1230987654"),
        ];
        for (input, want) in cases {
            let m = normalize_mobile(input);
            assert_eq!(
                m,
                Ok(Mobile {
                    national: want.to_string(),
                    warning: Some(LANDLINE_WARNING.to_string())
                }),
                "{input:?}"
            );
        }
        assert!(LANDLINE_WARNING.starts_with("looks like a landline"));
    }

    #[test]
    fn invalid_examples() {
        let cases = [
            ("1800 123 4567", MobileError::TollFree),
            ("987654321", MobileError::Length { digits: 9 }),
            ("98765432101", MobileError::Length { digits: 11 }),
            ("9198765432101", MobileError::Length { digits: 13 }),
            (
                "+44 7700 900123",
                MobileError::OtherCountry {
                    prefix: "+44".into(),
                },
            ),
            (
                "0044 7700 900123",
                MobileError::OtherCountry {
                    prefix: "0044".into(),
                },
            ),
            ("+91 98765 4321O", MobileError::Letter { ch: 'O' }),
            ("9876543210 ext 2", MobileError::Extension),
            (
                "９８７６５４３２１０",
                MobileError::NonAsciiDigit { ch: '９' },
            ),
            ("९८७६५४३२१०", MobileError::NonAsciiDigit { ch: '९' }),
            ("98765+43210", MobileError::MisplacedPlus),
            ("98765/43210", MobileError::OtherChar { ch: '/' }),
            ("0987654321", MobileError::LeadingZero),
            ("+91 98765 4321", MobileError::Length { digits: 9 }),
            ("", MobileError::Empty),
            (" - ", MobileError::Empty),
            ("+", MobileError::OtherCountry { prefix: "+".into() }),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_mobile(input), Err(want), "{input:?}");
        }
    }

    #[test]
    fn messages_read_as_sentences() {
        assert_eq!(
            MobileError::Length { digits: 9 }.to_string(),
            "Mobile number must have 10 digits; this has 9"
        );
        assert_eq!(
            MobileError::OtherCountry {
                prefix: "+44".into()
            }
            .to_string(),
            "Only Indian numbers (+91) are accepted; this starts with +44"
        );
    }

    #[test]
    fn display_and_e164() {
        let m = Mobile {
            national: "9876543210".into(),
            warning: None,
        };
        assert_eq!(m.display(), "98765 43210");
        assert_eq!(m.e164(), "+919876543210");
    }
}
