//! The API key as its own type, so it cannot be printed by accident: `Debug` is redacted and
//! there is no `Display`. Only the client's Authorization header calls `expose()`.

#[derive(Clone, PartialEq, Eq, Default)]
pub struct ApiKey(String);

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ApiKey(<redacted>)")
    }
}

impl ApiKey {
    /// The key exactly as given. Whitespace is kept on purpose: Sourcehub rejects a key with
    /// spaces around it, and the connection check must be able to show that.
    pub fn new(raw: impl Into<String>) -> ApiKey {
        ApiKey(raw.into())
    }

    /// A pasted key with surrounding whitespace removed, and how many characters were removed.
    pub fn from_pasted(raw: &str) -> (ApiKey, usize) {
        let trimmed = raw.trim();
        let removed = raw.chars().count() - trimmed.chars().count();
        (ApiKey(trimmed.to_owned()), removed)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Safe to show in a ticket: `…a1b2`.
    pub fn last4(&self) -> String {
        let chars: Vec<char> = self.0.trim().chars().collect();
        if chars.len() < 8 {
            return "(too short to show)".into();
        }
        let tail: String = chars[chars.len() - 4..].iter().collect();
        format!("…{tail}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_key() {
        let k = ApiKey::new("super-secret-token-1234");
        assert!(!format!("{k:?}").contains("secret"));
        assert_eq!(k.last4(), "…1234");
        assert_eq!(ApiKey::new("abc").last4(), "(too short to show)");
    }

    #[test]
    fn pasted_keys_are_trimmed_and_counted() {
        let (k, removed) = ApiKey::from_pasted(" tok123 \n");
        assert_eq!(k.expose(), "tok123");
        assert_eq!(removed, 3);
        let (_, removed) = ApiKey::from_pasted("tok");
        assert_eq!(removed, 0);
    }
}
