//! Fault injection for the Sandbox (issue 5): how a server, proxy or network misbehaves, so the
//! app's handling of each can be shown and tested offline. Faults that break the connection
//! need the socket, which hyper does not hand out, so they are served on the raw `TcpListener`
//! instead of axum (`serve_raw`); well-formed HTTP with bad content is an axum `middleware`, so
//! the real routes still run when a fault lets a request through (rate-limit, slow-create).
//! Only `slow-create` lets a create reach the store: every other fault answers without running
//! the create handler, so a test can prove that a failed create left no customer behind.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use clap::builder::PossibleValue;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use super::routes::{self, SandboxState};

/// How many requests `rate-limit` refuses before answering normally.
pub const DEFAULT_FAULT_COUNT: u32 = 2;
/// How long `slow-create` holds its answer: longer than the app's 20 s deadline.
pub const DEFAULT_FAULT_DELAY: Duration = Duration::from_secs(30);
/// `drip` pace: a 20 s deadline runs out after 400 bytes, less than any normal answer.
pub const DRIP_INTERVAL: Duration = Duration::from_millis(50);
/// `huge-body` size: above the app's 32 MB cap.
pub const HUGE_BODY_BYTES: usize = 50 * 1024 * 1024;

const CREATE_PATH: &str = "/api/customers/create";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    DownAfterAccept,
    Blackhole,
    Drip,
    RateLimit,
    Error500,
    MalformedJson,
    HtmlError,
    HugeBody,
    ResetMidBody,
    Empty200,
    WrongContentType,
    SlowCreate,
}

/// Name and help of each fault, in declaration order so `self as usize` is the index (the
/// variants have no explicit discriminants; a test round-trips every name).
#[rustfmt::skip]
const INFO: [(&str, &str); 12] = [
    ("down-after-accept", "accept, read the request, close without answering"),
    ("blackhole", "accept and never answer; the socket stays open"),
    ("drip", "answer one byte every 50 ms"),
    ("rate-limit", "429 with Retry-After: 1 for the first --fault-count requests"),
    ("error-500", "500 with the error envelope, code INTERNAL_SERVER_ERROR"),
    ("malformed-json", "200 with a JSON body cut off part-way"),
    ("html-error", "502 with an HTML page, as a proxy sends"),
    ("huge-body", "200 with a 50 MB body, streamed without a Content-Length"),
    ("reset-mid-body", "headers and part of the body, then a TCP reset"),
    ("empty-200", "200 with an empty body"),
    ("wrong-content-type", "200, text/plain, a body that is not JSON"),
    ("slow-create", "creates are stored but answered only after --fault-delay"),
];

impl Fault {
    pub const ALL: [Fault; 12] = [
        Fault::DownAfterAccept,
        Fault::Blackhole,
        Fault::Drip,
        Fault::RateLimit,
        Fault::Error500,
        Fault::MalformedJson,
        Fault::HtmlError,
        Fault::HugeBody,
        Fault::ResetMidBody,
        Fault::Empty200,
        Fault::WrongContentType,
        Fault::SlowCreate,
    ];

    /// The name on the command line (`--fault NAME`), also what `Display` prints.
    pub fn name(self) -> &'static str {
        INFO[self as usize].0
    }

    /// One line for `--help`.
    pub fn help(self) -> &'static str {
        INFO[self as usize].1
    }

    /// Case-insensitive; `_` may stand for `-`.
    pub fn parse(s: &str) -> Result<Fault, String> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        let names = Fault::ALL.map(Fault::name).join(", ");
        let unknown = || format!("unknown fault \"{}\"; use one of {names}", s.trim());
        Fault::ALL
            .into_iter()
            .find(|f| f.name() == wanted)
            .ok_or_else(unknown)
    }

    /// Served on the raw socket rather than through axum.
    pub fn is_raw_socket(self) -> bool {
        matches!(
            self,
            Fault::DownAfterAccept
                | Fault::Blackhole
                | Fault::Drip
                | Fault::HugeBody
                | Fault::ResetMidBody
        )
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// By hand rather than derived, so the names and help live in one place (`name`, `help`).
impl clap::ValueEnum for Fault {
    fn value_variants<'a>() -> &'a [Self] {
        &Fault::ALL
    }
    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()).help(self.help()))
    }
}

/// State of the HTTP-level faults; `seen` counts requests for `rate-limit`.
pub struct HttpFault {
    fault: Fault,
    limit: u64,
    delay: Duration,
    seen: AtomicU64,
}

impl HttpFault {
    pub fn new(fault: Fault, count: u32, delay: Duration) -> Arc<HttpFault> {
        let (limit, seen) = (u64::from(count), AtomicU64::new(0));
        Arc::new(HttpFault {
            fault,
            limit,
            delay,
            seen,
        })
    }
}

/// A truncated create answer: valid JSON up to where it stops, as when a proxy cuts a reply.
const MALFORMED: &str =
    r#"{"data":{"id":1,"company_name":"Arun Store","address":{"addressline1":"Banga"#;
const HTML_502: &str = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n";

fn plain(status: StatusCode, content_type: &'static str, body: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// The axum middleware for the faults that are well-formed HTTP. Every mode but `slow-create`
/// and a `rate-limit` past its count answers without calling `next`, so nothing is stored.
pub async fn middleware(State(f): State<Arc<HttpFault>>, req: Request, next: Next) -> Response {
    let source = routes::source_of(req.headers(), req.uri());
    match f.fault {
        Fault::RateLimit => {
            if f.seen.fetch_add(1, Ordering::Relaxed) >= f.limit {
                return next.run(req).await;
            }
            let mut r = routes::error_response(
                StatusCode::TOO_MANY_REQUESTS,
                "TOO_MANY_REQUESTS",
                "Too many requests. Retry after 1 second.",
                source,
            );
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            r
        }
        Fault::Error500 => routes::error_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            "INTERNAL_SERVER_ERROR",
            "Something went wrong on the server.",
            source,
        ),
        Fault::MalformedJson => plain(StatusCode::OK, "application/json", MALFORMED),
        Fault::HtmlError => plain(StatusCode::BAD_GATEWAY, "text/html", HTML_502),
        Fault::Empty200 => plain(StatusCode::OK, "application/json", ""),
        Fault::WrongContentType => plain(StatusCode::OK, "text/plain; charset=utf-8", "OK\n"),
        Fault::SlowCreate if req.method() == Method::POST && req.uri().path() == CREATE_PATH => {
            // Stored first, answered late: the client gives up while the customer exists.
            let answer = next.run(req).await;
            tokio::time::sleep(f.delay).await;
            answer
        }
        _ => next.run(req).await,
    }
}

/// Serves a raw-socket fault, one task per connection. Returns when the Sandbox stops; the
/// connections still open (a blackhole, a drip) end when the runtime is dropped after that.
pub async fn serve_raw(
    listener: TcpListener,
    fault: Fault,
    state: Arc<SandboxState>,
    stop: watch::Receiver<bool>,
) {
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            () = super::stopped(stop.clone()) => return,
        };
        let stream = match accepted {
            Ok((s, _)) => s,
            Err(e) => {
                // Usually out of file descriptors: pause so the loop does not spin.
                log::warn!("Sandbox ({fault}) could not accept a connection: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let state = state.clone();
        tokio::spawn(async move {
            if let Err(e) = answer_raw(stream, fault, &state).await {
                // The client hanging up mid-answer is the expected end of most of these.
                log::debug!("Sandbox ({fault}) connection ended: {e}");
            }
        });
    }
}

struct RawRequest {
    method: String,
    target: String,
}

const MAX_HEAD: usize = 64 * 1024;
const MAX_BODY: usize = 1024 * 1024;
const READ_TIMEOUT: Duration = Duration::from_secs(10);

async fn read_some(stream: &mut TcpStream, buf: &mut [u8]) -> std::io::Result<usize> {
    tokio::time::timeout(READ_TIMEOUT, stream.read(buf))
        .await
        .map_err(|_| std::io::Error::from(std::io::ErrorKind::TimedOut))?
}

/// Reads one request, body included, so that closing afterwards is a clean FIN rather than a
/// reset caused by unread data. `None` when the client sent nothing usable.
async fn read_request(stream: &mut TcpStream) -> std::io::Result<Option<RawRequest>> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = read_some(stream, &mut chunk).await?;
        if n == 0 || buf.len() > MAX_HEAD {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or("").split_whitespace();
    let method = first.next().unwrap_or("").to_owned();
    let target = first.next().unwrap_or("/").to_owned();
    let length = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
        .map_or(0, |n| n.min(MAX_BODY));
    let mut have = buf.len() - head_end;
    while have < length {
        let n = read_some(stream, &mut chunk).await?;
        if n == 0 {
            break;
        }
        have += n;
    }
    Ok(Some(RawRequest { method, target }))
}

fn http_bytes(status: StatusCode, body: &[u8]) -> Vec<u8> {
    let reason = status.canonical_reason().unwrap_or("");
    let mut out = format!(
        "HTTP/1.1 {} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        status.as_u16(),
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// What `drip` sends: the real page for a list, but for a create a 500 saying it was not
/// stored, because only `slow-create` may store a customer.
fn drip_answer(state: &SandboxState, req: &RawRequest, host: &str) -> Vec<u8> {
    let (path, query) = match req.target.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (req.target.as_str(), None),
    };
    let source = format!("http://{host}{path}");
    let (status, body) = if req.method == "POST" && path == CREATE_PATH {
        let d = "The customer was not stored (Sandbox fault: drip).";
        let s = StatusCode::INTERNAL_SERVER_ERROR;
        (s, routes::envelope(s, "INTERNAL_SERVER_ERROR", d, source))
    } else {
        match routes::list_value(state, path, query) {
            Ok(v) => (StatusCode::OK, v),
            Err(d) => {
                let s = StatusCode::BAD_REQUEST;
                (s, routes::envelope(s, "BAD_REQUEST_ERROR", &d, source))
            }
        }
    };
    http_bytes(status, body.to_string().as_bytes())
}

async fn write_chunk(stream: &mut TcpStream, data: &[u8]) -> std::io::Result<()> {
    stream
        .write_all(format!("{:x}\r\n", data.len()).as_bytes())
        .await?;
    stream.write_all(data).await?;
    stream.write_all(b"\r\n").await
}

/// `{"data":["xxx…"]}`, exactly `HUGE_BODY_BYTES` long, chunked: with no Content-Length the
/// client cannot refuse up front and must enforce its cap while reading. Generated as it is
/// sent, so the Sandbox never holds 50 MB.
async fn stream_huge(stream: &mut TcpStream) -> std::io::Result<()> {
    stream
        .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
        .await?;
    let (open, close) = (b"{\"data\":[\"", b"\"]}");
    let filler = [b'x'; 64 * 1024];
    write_chunk(stream, open).await?;
    let mut left = HUGE_BODY_BYTES - open.len() - close.len();
    while left > 0 {
        let n = left.min(filler.len());
        write_chunk(stream, &filler[..n]).await?;
        left -= n;
    }
    write_chunk(stream, close).await?;
    stream.write_all(b"0\r\n\r\n").await
}

async fn answer_raw(
    mut stream: TcpStream,
    fault: Fault,
    state: &SandboxState,
) -> std::io::Result<()> {
    let Some(req) = read_request(&mut stream).await? else {
        return Ok(());
    };
    match fault {
        // Returning drops the socket: a clean close with nothing answered.
        Fault::DownAfterAccept => Ok(()),
        Fault::Blackhole => {
            // Hold the connection while the client keeps it; never write a byte.
            let mut sink = [0u8; 1024];
            while stream.read(&mut sink).await? > 0 {}
            Ok(())
        }
        Fault::Drip => {
            let host = stream
                .local_addr()
                .map_or("127.0.0.1".into(), |a| a.to_string());
            for byte in drip_answer(state, &req, &host) {
                stream.write_all(&[byte]).await?;
                tokio::time::sleep(DRIP_INTERVAL).await;
            }
            Ok(())
        }
        Fault::HugeBody => stream_huge(&mut stream).await,
        Fault::ResetMidBody => {
            let part = br#"{"data":[{"id":1,"name":"Agaram","city":{"id":1,"name":"Beng"#;
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                part.len() * 20
            );
            stream.write_all(head.as_bytes()).await?;
            stream.write_all(part).await?;
            stream.flush().await?;
            // Let the client read what was sent, so the reset lands mid-body, not before it.
            tokio::time::sleep(Duration::from_millis(100)).await;
            // Zero linger makes the close an RST, as when a proxy or server process dies.
            stream.set_zero_linger()
        }
        // HTTP-level faults are served by axum and never get here.
        _ => Ok(()),
    }
}
