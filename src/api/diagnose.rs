//! "Does this key work?" One cheap authenticated read (`GET /customers?count=1`) and a verdict in
//! plain words, with the likely causes of a 401 ordered by what can be told from here. Used by
//! the Test connection button and `sourcehub-desk check`.

use std::time::{Duration, Instant};

use super::client::SourcehubClient;
use super::environment::{Endpoint, EnvKind};
use super::error::ApiError;
use super::key::ApiKey;

/// What is known about the key besides its value, to rank the causes of a rejection.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeyContext {
    pub env: EnvKind,
    /// Whitespace was removed from around the key (Sourcehub rejects keys with spaces).
    pub whitespace_removed: usize,
    /// The key still has whitespace around it as it will be sent.
    pub has_whitespace: bool,
    /// The same key is also saved for this other environment.
    pub same_as: Option<EnvKind>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Connected,
    KeyRejected { causes: Vec<String> },
    Problem(ApiError),
}

#[derive(Debug, Clone, PartialEq)]
pub struct CheckReport {
    pub verdict: Verdict,
    pub status: Option<u16>,
    pub elapsed: Duration,
    pub base_url: String,
    /// `…a1b2`, never the key.
    pub key_hint: String,
}

impl CheckReport {
    /// 0 connected, 2 a key problem, 3 a network or server problem.
    pub fn exit_code(&self) -> u8 {
        match &self.verdict {
            Verdict::Connected => 0,
            Verdict::KeyRejected { .. } => 2,
            Verdict::Problem(e) if e.is_key_problem() => 2,
            Verdict::Problem(_) => 3,
        }
    }

    pub fn headline(&self) -> String {
        match &self.verdict {
            Verdict::Connected => "connected: the key works".to_owned(),
            Verdict::KeyRejected { .. } => "key rejected (401)".to_owned(),
            Verdict::Problem(e) => e.to_string(),
        }
    }

    /// One line to paste into a support ticket: no key, only its last four characters.
    pub fn ticket_line(&self) -> String {
        let status = self
            .status
            .map(|s| format!("HTTP {s}"))
            .unwrap_or_else(|| "no HTTP status".into());
        let mut line = format!(
            "{} — {} — {} in {} ms — key {}",
            self.base_url,
            self.headline(),
            status,
            self.elapsed.as_millis(),
            self.key_hint
        );
        if let Verdict::KeyRejected { causes } = &self.verdict
            && let Some(first) = causes.first()
        {
            line.push_str(&format!(" — most likely: {first}"));
        }
        line
    }
}

/// The documented causes of a 401, the ones this machine has evidence for first.
pub fn rank_causes(cx: &KeyContext) -> Vec<String> {
    let mut likely = Vec::new();
    let mut rest = Vec::new();
    let other = match cx.env {
        EnvKind::Live => "test",
        _ => "live",
    };
    let whitespace =
        "The key has spaces or a line break around it. Paste it again; the app trims it."
            .to_owned();
    // Without evidence of whitespace it goes last: the app trims pasted keys itself.
    let mut last = Vec::new();
    if cx.has_whitespace {
        likely.push(whitespace);
    } else if cx.whitespace_removed > 0 {
        likely.push(format!(
            "{} spaces were removed from around the pasted key; if the copy was cut short, copy it again from the Dashboard.",
            cx.whitespace_removed
        ));
    } else {
        last.push(whitespace);
    }
    let wrong_mode = match cx.env {
        EnvKind::Test | EnvKind::Live => format!(
            "It is the {other} key: test and live keys differ. In Sourcehub's Dashboard switch to {} mode and copy that key.",
            cx.env.label().to_lowercase()
        ),
        EnvKind::Sandbox | EnvKind::Custom => "It is the key of another environment: test and live keys differ. Copy the key for the mode this server serves.".to_owned(),
    };
    match cx.same_as {
        Some(e) => likely.push(format!(
            "The same key is saved for {} too, but each environment has its own key. {wrong_mode}",
            e.label()
        )),
        None => rest.push(wrong_mode),
    }
    rest.push(
        "The key was regenerated (each user has one token; GENERATE/UPDATE in Settings > API replaces the old one) or has expired. Copy the current key from the Dashboard."
            .to_owned(),
    );
    likely.extend(rest);
    likely.extend(last);
    likely
}

fn status_of(e: &ApiError) -> Option<u16> {
    match e {
        ApiError::Unauthorized { status, .. }
        | ApiError::BadRequest { status, .. }
        | ApiError::Server { status, .. }
        | ApiError::NotJson { status, .. }
        | ApiError::Decode { status, .. } => Some(*status).filter(|s| *s != 0),
        ApiError::RateLimited { .. } => Some(429),
        _ => None,
    }
}

/// Makes the one request and judges it. Never retries: support wants to see what happened.
pub fn check_connection(endpoint: Endpoint, key: &ApiKey, cx: &KeyContext) -> CheckReport {
    let base_url = endpoint.base_url.to_string();
    let key_hint = key.last4();
    let started = Instant::now();
    let result = SourcehubClient::new(endpoint, key).and_then(|c| c.customers_page(1, 0));
    let elapsed = started.elapsed();
    let (verdict, status) = match result {
        Ok(_) => (Verdict::Connected, Some(200)),
        Err(e @ ApiError::Unauthorized { .. }) => {
            let status = status_of(&e);
            (
                Verdict::KeyRejected {
                    causes: rank_causes(cx),
                },
                status,
            )
        }
        Err(e) => {
            let status = status_of(&e);
            (Verdict::Problem(e), status)
        }
    };
    CheckReport {
        verdict,
        status,
        elapsed,
        base_url,
        key_hint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causes_put_the_evidence_first() {
        let plain = rank_causes(&KeyContext {
            env: EnvKind::Live,
            ..KeyContext::default()
        });
        assert_eq!(plain.len(), 3);
        assert!(plain[0].contains("It is the test key"), "{plain:?}");
        assert!(
            plain[2].contains("spaces"),
            "no evidence of spaces: last {plain:?}"
        );

        let spaced = rank_causes(&KeyContext {
            env: EnvKind::Test,
            has_whitespace: true,
            ..KeyContext::default()
        });
        assert!(spaced[0].contains("spaces or a line break"), "{spaced:?}");

        let shared = rank_causes(&KeyContext {
            env: EnvKind::Live,
            same_as: Some(EnvKind::Test),
            ..KeyContext::default()
        });
        assert!(shared[0].contains("saved for Test too"), "{shared:?}");
        assert!(shared[0].contains("test key"), "{shared:?}");
    }

    #[test]
    fn exit_codes_follow_the_verdict() {
        let mut r = CheckReport {
            verdict: Verdict::Connected,
            status: Some(200),
            elapsed: Duration::from_millis(12),
            base_url: "http://127.0.0.1:1/api".into(),
            key_hint: "…abcd".into(),
        };
        assert_eq!(r.exit_code(), 0);
        r.verdict = Verdict::KeyRejected { causes: vec![] };
        assert_eq!(r.exit_code(), 2);
        r.verdict = Verdict::Problem(ApiError::ConnectionRefused { host: "h".into() });
        assert_eq!(r.exit_code(), 3);
        assert!(r.ticket_line().contains("in 12 ms"));
    }
}
