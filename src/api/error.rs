//! What can go wrong talking to Sourcehub, as types the UI can act on (highlight the key, offer
//! a retry, warn that a create may have happened). `Display` is the sentence a person reads: it
//! says what happened and what to do next, and never contains the API key.

use std::time::Duration;
use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq)]
pub enum ApiError {
    #[error("The base URL \"{url}\" is not usable: {reason}. Check the environment settings.")]
    BadBaseUrl { url: String, reason: String },

    #[error(
        "The API key contains characters that cannot be sent (a line break or a control character). Copy it again from Sourcehub's Dashboard."
    )]
    KeyNotSendable,

    #[error(
        "Sourcehub answered with a redirect (HTTP {status}{}) instead of an answer. The base URL is probably wrong, or a proxy is in the way; the app does not follow redirects, so the key is never sent elsewhere.",
        location.as_ref().map(|l| format!(" to {l}")).unwrap_or_default()
    )]
    Redirect {
        status: u16,
        location: Option<String>,
    },

    #[error(
        "No API key is set for this environment. Enter the key from Sourcehub's Dashboard (Settings > API) and press Save."
    )]
    MissingKey,

    #[error(
        "Sourcehub rejected the API key (HTTP {status}{}). Check that it is the key for this environment (test and live keys differ), that it has not been regenerated, and that it has no spaces around it.",
        server_says(description)
    )]
    Unauthorized {
        status: u16,
        description: Option<String>,
    },

    #[error(
        "Sourcehub refused the request (HTTP {status}){}. Correct the values and send again.",
        server_says(description)
    )]
    BadRequest {
        status: u16,
        description: Option<String>,
    },

    #[error(
        "Sourcehub is rate limiting this key (HTTP 429). {}",
        retry_hint(retry_after)
    )]
    RateLimited { retry_after: Option<Duration> },

    #[error(
        "Sourcehub had a problem on its side (HTTP {status}){}. Try again in a minute; if it persists, contact Sourcehub support.",
        server_says(description)
    )]
    Server {
        status: u16,
        description: Option<String>,
    },

    #[error(
        "Sourcehub answered HTTP {status} with {what} instead of JSON. A proxy or captive portal may be in the way, or the base URL is wrong."
    )]
    NotJson { status: u16, what: String },

    #[error("Sourcehub answered HTTP {status} but the reply could not be read ({detail}).")]
    Decode { status: u16, detail: String },

    #[error("The reply from Sourcehub was larger than {limit_mb} MB and was refused.")]
    TooLarge { limit_mb: u64 },

    #[error("No answer from Sourcehub within {} s. Check the network and try again.", after.as_secs())]
    Timeout { after: Duration },

    #[error(
        "Could not connect to {host}: the connection was refused. Is the server running and the address right?"
    )]
    ConnectionRefused { host: String },

    #[error(
        "Could not find the server {host} (DNS lookup failed). Check the address and the network connection."
    )]
    Dns { host: String },

    #[error(
        "The secure connection to {host} failed ({detail}). The clock may be wrong, or a proxy is intercepting HTTPS."
    )]
    Tls { host: String, detail: String },

    #[error("The connection to {host} failed ({detail}). Check the network and try again.")]
    Network { host: String, detail: String },

    #[error("You stopped waiting for Sourcehub after {} s.", after.as_secs())]
    Cancelled { after: Duration },
}

fn server_says(description: &Option<String>) -> String {
    match description {
        Some(d) => format!(": \"{}\"", printable(d, 300)),
        None => String::new(),
    }
}

/// Server text as one printable line: control characters (line breaks, terminal escapes) become
/// spaces and very long text is cut, because it ends up in a label or a ticket line.
pub fn printable(text: &str, max_chars: usize) -> String {
    let mut out: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(max_chars)
        .collect();
    if text.chars().count() > max_chars {
        out.push('…');
    }
    out
}

fn retry_hint(retry_after: &Option<Duration>) -> String {
    match retry_after {
        Some(d) => format!("Retry after {} s.", d.as_secs().max(1)),
        None => "Wait a little and try again.".to_owned(),
    }
}

impl ApiError {
    /// True when a create may have reached the server although no answer came back: the clerk
    /// must check before sending again, and the app must not retry on its own.
    pub fn outcome_unknown(&self) -> bool {
        matches!(
            self,
            ApiError::Timeout { .. }
                | ApiError::Network { .. }
                | ApiError::Decode { .. }
                | ApiError::Cancelled { .. }
        ) || matches!(self, ApiError::NotJson { status, .. } if (200..300).contains(status))
    }

    /// True when the problem is the key rather than the network or the server.
    pub fn is_key_problem(&self) -> bool {
        matches!(
            self,
            ApiError::Unauthorized { .. } | ApiError::MissingKey | ApiError::KeyNotSendable
        )
    }
}
