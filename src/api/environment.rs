//! Where the app sends requests: the built-in Sandbox, Sourcehub's test and live services, or a
//! custom base URL (a company proxy). Lookup paths are settings because the real Area, Postal
//! Code and Salesagent endpoints are not documented.

use serde::{Deserialize, Serialize};
use std::time::Duration;
use url::Url;

use super::error::ApiError;

pub const TEST_BASE_URL: &str = "https://testwebservices.sourcehub.in/api";
pub const LIVE_BASE_URL: &str = "https://webservices.sourcehub.in/api";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum EnvKind {
    #[default]
    Sandbox,
    Test,
    Live,
    Custom,
}

impl EnvKind {
    pub const ALL: [EnvKind; 4] = [
        EnvKind::Sandbox,
        EnvKind::Test,
        EnvKind::Live,
        EnvKind::Custom,
    ];

    pub fn label(self) -> &'static str {
        match self {
            EnvKind::Sandbox => "Sandbox",
            EnvKind::Test => "Test",
            EnvKind::Live => "Live",
            EnvKind::Custom => "Custom",
        }
    }

    /// The fixed base URL, if this environment has one (the Sandbox's depends on its port).
    pub fn fixed_base_url(self) -> Option<&'static str> {
        match self {
            EnvKind::Test => Some(TEST_BASE_URL),
            EnvKind::Live => Some(LIVE_BASE_URL),
            EnvKind::Sandbox | EnvKind::Custom => None,
        }
    }

    pub fn parse(s: &str) -> Option<EnvKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "sandbox" => Some(EnvKind::Sandbox),
            "test" => Some(EnvKind::Test),
            "live" => Some(EnvKind::Live),
            "custom" => Some(EnvKind::Custom),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LookupPaths {
    pub areas: String,
    pub postal_codes: String,
    pub sales_agents: String,
}

impl Default for LookupPaths {
    fn default() -> Self {
        LookupPaths {
            areas: "/areas".into(),
            postal_codes: "/postalcodes".into(),
            sales_agents: "/salesagents".into(),
        }
    }
}

/// Everything the client needs except the key.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    pub base_url: Url,
    pub paths: LookupPaths,
    pub connect_timeout: Duration,
    pub timeout: Duration,
    /// Replies larger than this are refused rather than read into memory.
    pub max_body_bytes: u64,
}

pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);
pub const DEFAULT_MAX_BODY_BYTES: u64 = 32 * 1024 * 1024;

impl Endpoint {
    /// Parses and checks a base URL: https anywhere, plain http only on loopback, because a key
    /// sent over plain http to another host can be read by anyone on the way.
    pub fn new(base_url: &str) -> Result<Endpoint, ApiError> {
        let base_url = check_base_url(base_url)?;
        Ok(Endpoint {
            base_url,
            paths: LookupPaths::default(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        })
    }

    pub fn host(&self) -> String {
        self.base_url.host_str().unwrap_or("the server").to_owned()
    }

    /// `{base}{path}`: the base keeps its own path (`/api`), so `Url::join` is not used.
    pub fn url(&self, path: &str) -> Url {
        let mut url = self.base_url.clone();
        let base_path = url.path().trim_end_matches('/').to_owned();
        let rel = path.trim();
        let rel = rel.strip_prefix('/').unwrap_or(rel);
        url.set_path(&format!("{base_path}/{rel}"));
        url
    }
}

pub fn check_base_url(raw: &str) -> Result<Url, ApiError> {
    let bad = |reason: &str| ApiError::BadBaseUrl {
        url: raw.trim().to_owned(),
        reason: reason.to_owned(),
    };
    let url = Url::parse(raw.trim()).map_err(|e| bad(&e.to_string()))?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("it must not contain ? or #"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad("it must not contain a user name or password"));
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => Err(bad(
            "plain http:// is only allowed for this computer (127.0.0.1 or localhost); the API key would travel unencrypted — use https://",
        )),
        other => Err(bad(&format!("the scheme {other}:// is not supported"))),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_only_on_loopback() {
        assert!(check_base_url("http://127.0.0.1:8787/api").is_ok());
        assert!(check_base_url("http://localhost/api").is_ok());
        assert!(check_base_url("http://[::1]:9/api").is_ok());
        assert!(check_base_url("https://webservices.sourcehub.in/api").is_ok());
        let err = check_base_url("http://192.168.1.10/api").expect_err("must refuse");
        assert!(err.to_string().contains("plain http://"), "{err}");
        assert!(check_base_url("http://127.0.0.1.evil.example/api").is_err());
        assert!(check_base_url("ftp://example.com").is_err());
        assert!(check_base_url("not a url").is_err());
        assert!(check_base_url("https://user:pw@example.com/api").is_err());
    }

    #[test]
    fn url_keeps_the_base_path() {
        let e = Endpoint::new("https://testwebservices.sourcehub.in/api").expect("valid");
        assert_eq!(
            e.url("/customers/create").as_str(),
            "https://testwebservices.sourcehub.in/api/customers/create"
        );
        let e = Endpoint::new("http://127.0.0.1:9/api/").expect("valid");
        assert_eq!(e.url("areas").as_str(), "http://127.0.0.1:9/api/areas");
    }
}
