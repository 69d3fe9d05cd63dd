//! Finding a customer again through the documented `GET /customers` list, which has no filter:
//! page through it and stop at the first match or after a limit.

use super::client::{PAGE_SIZE, SourcehubClient};
use super::error::ApiError;
use super::types::Customer;

/// How far to look: 10 pages of 100 covers what a clerk created recently on any real account.
pub const DEFAULT_MAX_PAGES: usize = 10;

/// Digits only, last ten: `+91 98765-43210` and `9876543210` compare equal.
fn mobile_key(s: &str) -> String {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    digits[digits.len().saturating_sub(10)..].to_owned()
}

fn same_company(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

/// A customer with this mobile number and company name, if one is found within `max_pages`.
pub fn find_by_mobile_and_company(
    client: &SourcehubClient,
    mobile: &str,
    company: &str,
    max_pages: usize,
) -> Result<Option<Customer>, ApiError> {
    let want = mobile_key(mobile);
    for page in 0..max_pages {
        let customers = client.customers_page(PAGE_SIZE, page * PAGE_SIZE)?;
        let found = customers.iter().find(|c| {
            c.contactperson_number.as_deref().map(mobile_key).as_deref() == Some(want.as_str())
                && c.company_name
                    .as_deref()
                    .is_some_and(|n| same_company(n, company))
        });
        if let Some(c) = found {
            return Ok(Some(c.clone()));
        }
        if customers.len() < PAGE_SIZE {
            break;
        }
    }
    Ok(None)
}

/// Finds a customer by id, for refreshing its approval.
pub fn find_by_id(
    client: &SourcehubClient,
    id: u64,
    max_pages: usize,
) -> Result<Option<Customer>, ApiError> {
    for page in 0..max_pages {
        let customers = client.customers_page(PAGE_SIZE, page * PAGE_SIZE)?;
        if let Some(c) = customers.iter().find(|c| c.id == Some(id)) {
            return Ok(Some(c.clone()));
        }
        if customers.len() < PAGE_SIZE {
            break;
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_formatting() {
        assert_eq!(mobile_key("+91 98765-43210"), "9876543210");
        assert_eq!(mobile_key("9876543210"), "9876543210");
        assert!(same_company("Arun  Store", "arun store"));
        assert!(!same_company("Arun Store", "Arun Stores"));
    }
}
