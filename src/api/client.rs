//! The blocking Sourcehub client. One instance per environment, reused, so connections are pooled.
//! It has no async runtime of its own beyond reqwest's, and must never be called from inside a
//! tokio runtime (the in-process Sandbox runs on its own thread for that reason).

use std::io::Read;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::blocking::{Client, RequestBuilder, Response};
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderValue, RETRY_AFTER};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::environment::Endpoint;
use super::error::ApiError;
use super::key::ApiKey;
use super::lenient::unwrap_data;
use super::types::{Area, CreateCustomerRequest, Customer, ErrorEnvelope, PostalCode, SalesAgent};

/// The API's documented maximum page size.
pub const PAGE_SIZE: usize = 100;

#[derive(Clone)]
pub struct SourcehubClient {
    http: Client,
    endpoint: Endpoint,
    auth: HeaderValue,
}

impl std::fmt::Debug for SourcehubClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SourcehubClient")
            .field("base_url", &self.endpoint.base_url.as_str())
            .finish_non_exhaustive()
    }
}

/// A created customer: the typed view and the body exactly as received (for "Copy JSON").
#[derive(Debug, Clone, PartialEq)]
pub struct Created {
    pub customer: Customer,
    pub raw: String,
}

/// Installs the ring crypto provider once per process; reqwest is built without a default one
/// to keep the build free of the aws-lc C library.
pub fn ensure_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // An Err means another thread installed one first, which is just as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

impl SourcehubClient {
    pub fn new(endpoint: Endpoint, key: &ApiKey) -> Result<SourcehubClient, ApiError> {
        ensure_crypto_provider();
        let mut auth = HeaderValue::from_str(&format!("Bearer {}", key.expose()))
            .map_err(|_| ApiError::KeyNotSendable)?;
        // Keeps the header out of reqwest's and hyper's debug output.
        auth.set_sensitive(true);
        let http = Client::builder()
            .connect_timeout(endpoint.connect_timeout)
            .timeout(endpoint.timeout)
            .user_agent(concat!("sourcehub-desk/", env!("CARGO_PKG_VERSION")))
            // A redirect could carry the key to another host, or to plain http.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| ApiError::Network {
                host: endpoint.host(),
                detail: e.to_string(),
            })?;
        Ok(SourcehubClient {
            http,
            endpoint,
            auth,
        })
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// `POST {base}/customers/create` with the fields as query parameters, as the documented
    /// sample sends them. Never retried here: a retry could create the customer twice.
    pub fn create_customer(&self, req: &CreateCustomerRequest) -> Result<Created, ApiError> {
        let mut url = self.endpoint.url("/customers/create");
        url.set_query(Some(&req.to_query()));
        let (status, body) = self.send(self.http.post(url))?;
        let value = parse_json(status, &body)?;
        let customer =
            serde_json::from_value(unwrap_data(value)).map_err(|e| ApiError::Decode {
                status: status.as_u16(),
                detail: e.to_string(),
            })?;
        Ok(Created {
            customer,
            raw: String::from_utf8_lossy(&body).into_owned(),
        })
    }

    /// One page of `GET /customers` (documented, `count` ≤ 100).
    pub fn customers_page(&self, count: usize, skip: usize) -> Result<Vec<Customer>, ApiError> {
        self.list_page("/customers", count, skip, &[])
    }

    pub fn areas_page(&self, skip: usize) -> Result<Vec<Area>, ApiError> {
        let path = self.endpoint.paths.areas.clone();
        self.list_page(&path, PAGE_SIZE, skip, &[])
    }

    pub fn postal_codes_page(&self, skip: usize) -> Result<Vec<PostalCode>, ApiError> {
        let path = self.endpoint.paths.postal_codes.clone();
        self.list_page(&path, PAGE_SIZE, skip, &[])
    }

    pub fn sales_agents_page(&self, skip: usize) -> Result<Vec<SalesAgent>, ApiError> {
        let path = self.endpoint.paths.sales_agents.clone();
        self.list_page(&path, PAGE_SIZE, skip, &[])
    }

    /// A `{"data": [..]}` (or bare array) page. Items that do not parse are skipped rather than
    /// failing the page: one odd record must not empty a dropdown.
    pub fn list_page<T: DeserializeOwned>(
        &self,
        path: &str,
        count: usize,
        skip: usize,
        extra: &[(&str, String)],
    ) -> Result<Vec<T>, ApiError> {
        let mut url = self.endpoint.url(path);
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("count", &count.to_string());
            q.append_pair("skip", &skip.to_string());
            for (k, v) in extra {
                q.append_pair(k, v);
            }
        }
        let (status, body) = self.send(self.http.get(url))?;
        let value = unwrap_data(parse_json(status, &body)?);
        match value {
            Value::Array(items) => Ok(items
                .into_iter()
                .filter_map(|v| serde_json::from_value(v).ok())
                .collect()),
            other => Err(ApiError::Decode {
                status: status.as_u16(),
                detail: format!("expected a list, got {}", json_kind(&other)),
            }),
        }
    }

    /// Sends one request and returns the status and the body of a 2xx answer; any other
    /// answer becomes the matching `ApiError`.
    fn send(&self, req: RequestBuilder) -> Result<(StatusCode, Vec<u8>), ApiError> {
        let deadline = Instant::now() + self.endpoint.timeout;
        let resp = req
            .header(AUTHORIZATION, self.auth.clone())
            .header(ACCEPT, "application/json")
            .send()
            .map_err(|e| classify_transport(&e, &self.endpoint))?;
        let status = resp.status();
        let retry_after = retry_after(&resp);
        if status.is_redirection() {
            let location = resp
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .map(|l| super::error::printable(l, 200));
            return Err(ApiError::Redirect {
                status: status.as_u16(),
                location,
            });
        }
        let body = read_capped(resp, &self.endpoint, deadline)?;
        if status.is_success() {
            return Ok((status, body));
        }
        Err(error_from_status(status, &body, retry_after))
    }
}

fn retry_after(resp: &Response) -> Option<Duration> {
    let v = resp.headers().get(RETRY_AFTER)?.to_str().ok()?;
    v.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// Reads the body, refusing it once it passes the cap instead of buffering all of it, and
/// giving up at the overall deadline: reqwest's timeout restarts on every read, so a server
/// dripping one byte at a time would otherwise hold the call open for ever.
fn read_capped(
    resp: Response,
    endpoint: &Endpoint,
    deadline: Instant,
) -> Result<Vec<u8>, ApiError> {
    let limit = endpoint.max_body_bytes;
    let too_large = ApiError::TooLarge {
        limit_mb: (limit / (1024 * 1024)).max(1),
    };
    if resp.content_length().is_some_and(|n| n > limit) {
        return Err(too_large);
    }
    let mut body = Vec::new();
    let mut reader = resp.take(limit + 1);
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if Instant::now() >= deadline {
            return Err(ApiError::Timeout {
                after: endpoint.timeout,
            });
        }
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(classify_io(&e, endpoint)),
        };
        body.extend_from_slice(&chunk[..n]);
        if body.len() as u64 > limit {
            return Err(too_large);
        }
    }
    Ok(body)
}

fn parse_json(status: StatusCode, body: &[u8]) -> Result<Value, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        if looks_like_html(body) || body.iter().all(u8::is_ascii_whitespace) {
            ApiError::NotJson {
                status: status.as_u16(),
                what: body_kind(body).into(),
            }
        } else {
            ApiError::Decode {
                status: status.as_u16(),
                detail: e.to_string(),
            }
        }
    })
}

fn error_from_status(status: StatusCode, body: &[u8], retry_after: Option<Duration>) -> ApiError {
    let envelope: Option<ErrorEnvelope> = serde_json::from_slice(body).ok();
    let description = envelope.as_ref().and_then(|e| e.error.description.clone());
    let code = status.as_u16();
    match status {
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => ApiError::Unauthorized {
            status: code,
            description,
        },
        StatusCode::TOO_MANY_REQUESTS => ApiError::RateLimited { retry_after },
        s if s.is_server_error() && envelope.is_some() => ApiError::Server {
            status: code,
            description,
        },
        _ if envelope.is_none() => ApiError::NotJson {
            status: code,
            what: body_kind(body).into(),
        },
        s if s.is_client_error() => ApiError::BadRequest {
            status: code,
            description,
        },
        _ => ApiError::Server {
            status: code,
            description,
        },
    }
}

fn looks_like_html(body: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&body[..body.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start();
    head.starts_with("<!doctype") || head.starts_with("<html") || head.contains("<body")
}

fn body_kind(body: &[u8]) -> &'static str {
    if body.iter().all(u8::is_ascii_whitespace) {
        "an empty reply"
    } else if looks_like_html(body) {
        "an HTML page"
    } else {
        "text that is not JSON"
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Walks the error chain, because reqwest reports refused connections, DNS and TLS failures all
/// as "error sending request" at the top.
fn classify_transport(e: &reqwest::Error, endpoint: &Endpoint) -> ApiError {
    let host = endpoint.host();
    if e.is_timeout() {
        return ApiError::Timeout {
            after: endpoint.timeout,
        };
    }
    let chain = error_chain(e);
    let lower = chain.to_ascii_lowercase();
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => {
                    return ApiError::ConnectionRefused { host };
                }
                std::io::ErrorKind::TimedOut => {
                    return ApiError::Timeout {
                        after: endpoint.timeout,
                    };
                }
                _ => {}
            }
        }
        source = err.source();
    }
    if lower.contains("dns error") || lower.contains("failed to lookup address") {
        ApiError::Dns { host }
    } else if lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake")
    {
        ApiError::Tls {
            host,
            detail: tls_detail(&lower),
        }
    } else if lower.contains("connection refused") {
        ApiError::ConnectionRefused { host }
    } else {
        ApiError::Network {
            host,
            detail: last_cause(e),
        }
    }
}

fn classify_io(e: &std::io::Error, endpoint: &Endpoint) -> ApiError {
    let text = e.to_string().to_ascii_lowercase();
    if e.kind() == std::io::ErrorKind::TimedOut || text.contains("timed out") {
        ApiError::Timeout {
            after: endpoint.timeout,
        }
    } else {
        ApiError::Network {
            host: endpoint.host(),
            detail: format!("the reply was cut off: {e}"),
        }
    }
}

fn tls_detail(lower: &str) -> String {
    if lower.contains("notvalidforname") || lower.contains("not valid for name") {
        "the certificate is for a different host name".into()
    } else if lower.contains("expired") {
        "the certificate has expired".into()
    } else if lower.contains("unknownissuer") || lower.contains("unknown issuer") {
        "the certificate was issued by an unknown authority".into()
    } else {
        "the TLS handshake failed".into()
    }
}

fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

fn last_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut last = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        last = s.to_string();
        source = s.source();
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_mapping() {
        let env = br#"{"error":{"code":"BAD_REQUEST_ERROR","description":"area_id is invalid","status_code":400}}"#;
        match error_from_status(StatusCode::BAD_REQUEST, env, None) {
            ApiError::BadRequest {
                status,
                description,
            } => {
                assert_eq!(status, 400);
                assert_eq!(description.as_deref(), Some("area_id is invalid"));
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(matches!(
            error_from_status(
                StatusCode::BAD_GATEWAY,
                b"<html><body>Bad gateway</body></html>",
                None
            ),
            ApiError::NotJson { status: 502, .. }
        ));
        assert!(matches!(
            error_from_status(StatusCode::INTERNAL_SERVER_ERROR, b"", None),
            ApiError::NotJson { status: 500, .. }
        ));
        assert_eq!(
            error_from_status(
                StatusCode::TOO_MANY_REQUESTS,
                b"{}",
                Some(Duration::from_secs(3))
            ),
            ApiError::RateLimited {
                retry_after: Some(Duration::from_secs(3))
            }
        );
        assert!(matches!(
            error_from_status(StatusCode::UNAUTHORIZED, b"nope", None),
            ApiError::Unauthorized { status: 401, .. }
        ));
    }

    #[test]
    fn json_parse_failures_are_described() {
        let err = parse_json(StatusCode::OK, b"").expect_err("empty is not JSON");
        assert!(err.to_string().contains("an empty reply"), "{err}");
        let err = parse_json(StatusCode::OK, b"{\"data\": [").expect_err("truncated");
        assert!(matches!(err, ApiError::Decode { status: 200, .. }));
    }
}
