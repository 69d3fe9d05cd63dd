//! The Sandbox's HTTP surface. Documented endpoints behave as the Sourcehub docs say; the lookup
//! endpoints (`/areas`, `/postalcodes`, `/salesagents`) are inventions, since the real ones are
//! not documented, and follow the documented list conventions (`count` ≤ 100, `skip`, `data`).

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Serialize;
use serde_json::{Value, json};

use super::store::{Params, Store};

pub struct SandboxState {
    pub store: Store,
    pub token: String,
}

type Shared = State<Arc<SandboxState>>;

pub fn router(state: Arc<SandboxState>) -> Router {
    Router::new()
        .route("/api/customers/create", post(create_customer))
        .route("/api/customers", get(list))
        .route("/api/areas", get(list))
        .route("/api/postalcodes", get(list))
        .route("/api/salesagents", get(list))
        .fallback(not_found)
        .method_not_allowed_fallback(wrong_method)
        .layer(DefaultBodyLimit::max(64 * 1024))
        .with_state(state)
}

/// The documented error envelope. Shared with the faults, which answer without a handler.
pub(crate) fn envelope(status: StatusCode, code: &str, description: &str, source: String) -> Value {
    json!({"error": {
        "code": code,
        "description": description,
        "source": source,
        "status_code": status.as_u16(),
    }})
}

pub(crate) fn error_response(
    status: StatusCode,
    code: &str,
    description: &str,
    source: String,
) -> Response {
    (
        status,
        axum::Json(envelope(status, code, description, source)),
    )
        .into_response()
}

pub(crate) fn source_of(headers: &HeaderMap, uri: &Uri) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    format!("http://{host}{}", uri.path())
}

/// The header must be exactly `Bearer <token>`: a key with spaces around it is wrong, as on the
/// real service.
fn authorize(state: &SandboxState, headers: &HeaderMap, uri: &Uri) -> Result<(), Box<Response>> {
    let expected = format!("Bearer {}", state.token);
    // Exactly one header: with two, which one a server reads is not something to rely on.
    let mut values = headers.get_all(header::AUTHORIZATION).iter();
    let ok = values
        .next()
        .is_some_and(|v| v.as_bytes() == expected.as_bytes())
        && values.next().is_none();
    if ok {
        Ok(())
    } else {
        Err(Box::new(error_response(
            StatusCode::UNAUTHORIZED,
            "AUTHENTICATION_ERROR",
            "Invalid credential or token.",
            source_of(headers, uri),
        )))
    }
}

fn bad_request(description: &str, headers: &HeaderMap, uri: &Uri) -> Response {
    error_response(
        StatusCode::BAD_REQUEST,
        "BAD_REQUEST_ERROR",
        description,
        source_of(headers, uri),
    )
}

fn parse_query(raw: Option<&str>) -> Params {
    url::form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .into_owned()
        .collect()
}

/// Query, form and JSON bodies are all accepted; a body value wins over the same query key.
fn create_params(
    raw_query: Option<&str>,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Params, String> {
    let mut params = parse_query(raw_query);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(params);
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if content_type.contains("json") {
        let value: Value =
            serde_json::from_slice(body).map_err(|e| format!("The JSON body is invalid: {e}."))?;
        let Value::Object(map) = value else {
            return Err("The JSON body must be an object.".into());
        };
        for (k, v) in map {
            let text = match v {
                Value::String(s) => s,
                Value::Null => continue,
                other => other.to_string(),
            };
            params.insert(k, text);
        }
    } else {
        params.extend(url::form_urlencoded::parse(body).into_owned());
    }
    Ok(params)
}

async fn create_customer(
    State(state): Shared,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    uri: Uri,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    if let Err(r) = authorize(&state, &headers, &uri) {
        return *r;
    }
    let Ok(body) = body else {
        return bad_request(
            "The request body is too large or unreadable (at most 64 KB).",
            &headers,
            &uri,
        );
    };
    let params = match create_params(query.as_deref(), &headers, &body) {
        Ok(p) => p,
        Err(msg) => return bad_request(&msg, &headers, &uri),
    };
    match state.store.create(&params) {
        Ok(customer) => axum::Json(json!({ "data": customer })).into_response(),
        Err(msg) => bad_request(&msg, &headers, &uri),
    }
}

/// `count` (default 10, clamped to 100) and `skip` (default 0), as documented.
fn paging(params: &Params) -> Result<(usize, usize), String> {
    let num = |k: &str, default: usize| -> Result<usize, String> {
        match params.get(k).map(|v| v.trim()) {
            None | Some("") => Ok(default),
            Some(v) => v
                .parse::<usize>()
                .map_err(|_| format!("The {k} parameter must be a whole number.")),
        }
    };
    Ok((num("count", 10)?.min(100), num("skip", 0)?))
}

fn page<T: Serialize>(items: impl Iterator<Item = T>, count: usize, skip: usize) -> Value {
    let items: Vec<T> = items.skip(skip).take(count).collect();
    json!({ "data": items })
}

/// The `{"data": [..]}` answer of a list endpoint, by path; `Err` is the description of a 400.
/// A plain function so the raw-socket `drip` fault can send the same page as axum does.
pub(crate) fn list_value(
    state: &SandboxState,
    path: &str,
    query: Option<&str>,
) -> Result<Value, String> {
    let params = parse_query(query);
    let (count, skip) = paging(&params)?;
    let data = &state.store.data;
    let limit = state.store.options.data_limit.unwrap_or(usize::MAX);
    match path {
        "/api/customers" => Ok(json!({ "data": state.store.customers_page(count, skip) })),
        "/api/areas" => Ok(page(
            // Skip on the slice, before building views: skipping a mapped iterator would
            // build every skipped area's view, making page N cost N pages.
            data.areas
                .iter()
                .take(limit)
                .skip(skip)
                .map(|a| data.area_view(a, true)),
            count,
            0,
        )),
        // Sandbox extension: `area_id` narrows the list to that area's PIN code.
        "/api/postalcodes" => match params.get("area_id") {
            Some(raw) => {
                let area = raw.trim().parse().ok().and_then(|id| data.area(id));
                let area = area.ok_or("The selected area_id is invalid.")?;
                let pin = data.postal_codes.get(area.postal_code);
                Ok(page(pin.into_iter(), count, skip))
            }
            None => Ok(page(data.postal_codes.iter().take(limit), count, skip)),
        },
        "/api/salesagents" => Ok(page(data.agents.iter(), count, skip)),
        _ => Err("The requested resource was not found.".into()),
    }
}

/// Every list endpoint: authorise, then the page for the request's path.
async fn list(
    State(state): Shared,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    if let Err(r) = authorize(&state, &headers, &uri) {
        return *r;
    }
    match list_value(&state, uri.path(), query.as_deref()) {
        Ok(v) => axum::Json(v).into_response(),
        Err(msg) => bad_request(&msg, &headers, &uri),
    }
}

/// A wrong method is a client error like any other: the documented envelope, not a bare 405.
async fn wrong_method(method: Method, headers: HeaderMap, uri: Uri) -> Response {
    let description = format!("The method {method} is not allowed here.");
    bad_request(&description, &headers, &uri)
}

/// The docs have no 404: an unknown resource is a 400 `BAD_REQUEST_ERROR`.
async fn not_found(headers: HeaderMap, uri: Uri) -> Response {
    bad_request("The requested resource was not found.", &headers, &uri)
}
