//! The app's client against each Sandbox fault (issue 5), on 127.0.0.1 only: every failure is
//! the expected `ApiError`, reads as a sentence, arrives within the deadline, and a failed create
//! leaves at most one customer behind (exactly one only for `slow-create`).

use std::sync::Mutex;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use sourcehub_desk::api::lookups::{LoadEvent, RetryPolicy, fetch_with_retry};
use sourcehub_desk::api::types::{Area, CreateCustomerRequest};
use sourcehub_desk::api::{ApiError, ApiKey, Created, Endpoint, SourcehubClient};
use sourcehub_desk::sandbox::{self, Fault, SandboxConfig, SandboxHandle};

const DEADLINE: Duration = Duration::from_secs(2);
/// Slack on top of the deadline for a timed-out call to come back.
const MARGIN: Duration = Duration::from_secs(3);

fn start_with(fault: Fault, count: u32) -> SandboxHandle {
    let h = sandbox::start(SandboxConfig {
        fault: Some(fault),
        fault_count: count,
        // Longer than the client's deadline, short enough for a test.
        fault_delay: Duration::from_secs(3),
        ..SandboxConfig::default()
    })
    .expect("sandbox starts on 127.0.0.1:0");
    assert!(h.addr().ip().is_loopback());
    h
}

fn start(fault: Fault) -> SandboxHandle {
    start_with(fault, 2)
}

fn client(h: &SandboxHandle, max_body_bytes: Option<u64>) -> SourcehubClient {
    let mut endpoint = Endpoint::new(&h.base_url()).expect("loopback url");
    endpoint.timeout = DEADLINE;
    if let Some(max) = max_body_bytes {
        endpoint.max_body_bytes = max;
    }
    SourcehubClient::new(endpoint, &ApiKey::new("sandbox")).expect("client")
}

fn doc_request() -> CreateCustomerRequest {
    CreateCustomerRequest::documented_sample()
}

struct Calls {
    create: Result<Created, ApiError>,
    create_took: Duration,
    areas: Result<Vec<Area>, ApiError>,
    areas_took: Duration,
}

/// (a) the documented create, then (b) the first page of areas.
fn calls(h: &SandboxHandle, max_body_bytes: Option<u64>) -> Calls {
    let c = client(h, max_body_bytes);
    let t = Instant::now();
    let create = c.create_customer(&doc_request());
    let create_took = t.elapsed();
    let t = Instant::now();
    let areas = c.areas_page(0);
    Calls {
        create,
        create_took,
        areas,
        areas_took: t.elapsed(),
    }
}

fn err<T: std::fmt::Debug>(r: Result<T, ApiError>, what: &str) -> ApiError {
    match r {
        Err(e) => {
            assert_is_sentence(&e);
            e
        }
        Ok(v) => panic!("{what} should have failed, got {v:?}"),
    }
}

/// What a clerk reads: a capitalised sentence ending in a full stop, no debug noise, no key.
fn assert_is_sentence(e: &ApiError) {
    let msg = e.to_string();
    assert!(msg.starts_with(char::is_uppercase), "{msg}");
    assert!(msg.trim_end().ends_with('.'), "{msg}");
    assert!(!msg.contains("Bearer") && !msg.contains("{ "), "{msg}");
}

fn assert_timeout(e: &ApiError, took: Duration) {
    assert_eq!(e, &ApiError::Timeout { after: DEADLINE }, "{e}");
    assert!(
        e.to_string()
            .contains("No answer from Sourcehub within 2 s"),
        "{e}"
    );
    assert!(e.outcome_unknown());
    assert!(took < DEADLINE + MARGIN, "took {took:?}");
    assert!(
        took >= DEADLINE - Duration::from_millis(200),
        "took {took:?}"
    );
}

fn assert_stops_promptly(h: SandboxHandle) {
    let t = Instant::now();
    h.stop();
    assert!(
        t.elapsed() < Duration::from_secs(3),
        "stop took {:?}",
        t.elapsed()
    );
}

#[test]
fn fault_names_parse_and_display() {
    for f in Fault::ALL {
        assert_eq!(Fault::parse(&f.to_string()), Ok(f));
        let v = <Fault as clap::ValueEnum>::from_str(f.name(), false);
        assert_eq!(v, Ok(f));
    }
    assert_eq!(Fault::parse(" Error_500 "), Ok(Fault::Error500));
    let e = Fault::parse("gremlins").expect_err("unknown");
    assert!(e.contains("gremlins") && e.contains("slow-create"), "{e}");
    let raw: Vec<_> = Fault::ALL
        .into_iter()
        .filter(|f| f.is_raw_socket())
        .collect();
    assert_eq!(raw.len(), 5, "{raw:?}");
}

#[test]
fn down_after_accept_is_a_network_error_with_unknown_outcome() {
    let h = start(Fault::DownAfterAccept);
    let r = calls(&h, None);
    let e = err(r.create, "create");
    assert!(matches!(e, ApiError::Network { .. }), "{e:?}");
    assert!(e.outcome_unknown());
    assert!(
        e.to_string()
            .starts_with("The connection to 127.0.0.1 failed"),
        "{e}"
    );
    assert!(matches!(err(r.areas, "areas"), ApiError::Network { .. }));
    assert!(r.create_took < MARGIN && r.areas_took < MARGIN);
    assert_eq!(h.customer_count(), 0);
}

#[test]
fn blackhole_times_out_within_the_deadline() {
    let h = start(Fault::Blackhole);
    let r = calls(&h, None);
    assert_timeout(&err(r.create, "create"), r.create_took);
    assert_timeout(&err(r.areas, "areas"), r.areas_took);
    assert_eq!(h.customer_count(), 0);
    assert_stops_promptly(h);
}

#[test]
fn drip_times_out_within_the_deadline() {
    let h = start(Fault::Drip);
    let r = calls(&h, None);
    assert_timeout(&err(r.create, "create"), r.create_took);
    assert_timeout(&err(r.areas, "areas"), r.areas_took);
    assert_eq!(h.customer_count(), 0);
    assert_stops_promptly(h);
}

#[test]
fn rate_limit_says_when_to_retry() {
    let h = start(Fault::RateLimit);
    let r = calls(&h, None);
    let limited = ApiError::RateLimited {
        retry_after: Some(Duration::from_secs(1)),
    };
    let e = err(r.create, "create");
    assert_eq!(e, limited);
    assert!(e.to_string().contains("Retry after 1 s"), "{e}");
    assert!(
        !e.outcome_unknown(),
        "a 429 is a refusal: nothing was created"
    );
    assert_eq!(err(r.areas, "areas"), limited);
    assert_eq!(h.customer_count(), 0);
    // Past its count the Sandbox answers normally.
    let c = client(&h, None);
    assert_eq!(c.areas_page(0).expect("third request").len(), 100);
}

#[test]
fn fetch_with_retry_gets_through_a_rate_limit_honouring_retry_after() {
    let h = start_with(Fault::RateLimit, 2);
    let c = client(&h, None);
    let events = Mutex::new(Vec::new());
    let record = |e: LoadEvent<Area>| events.lock().expect("lock").push(e);
    let t = Instant::now();
    let areas = fetch_with_retry(
        &RetryPolicy::default(),
        &AtomicBool::new(false),
        || c.areas_page(0),
        &record,
    )
    .expect("gets through after the limited requests");
    assert_eq!(areas.len(), 100);
    let waits: Vec<Duration> = events
        .into_inner()
        .expect("lock")
        .into_iter()
        .filter_map(|e| match e {
            LoadEvent::Retrying { wait, .. } => Some(wait),
            LoadEvent::Page(_) => None,
        })
        .collect();
    assert_eq!(
        waits,
        vec![Duration::from_secs(1); 2],
        "Retry-After: 1, twice"
    );
    assert!(t.elapsed() >= Duration::from_secs(2), "{:?}", t.elapsed());
}

#[test]
fn error_500_is_a_server_error_with_the_envelope_description() {
    let h = start(Fault::Error500);
    let r = calls(&h, None);
    let e = err(r.create, "create");
    match &e {
        ApiError::Server {
            status: 500,
            description: Some(d),
        } => assert_eq!(d, "Something went wrong on the server."),
        other => panic!("expected Server 500, got {other:?}"),
    }
    assert!(e.to_string().contains("HTTP 500"), "{e}");
    assert!(matches!(
        err(r.areas, "areas"),
        ApiError::Server { status: 500, .. }
    ));
    assert_eq!(h.customer_count(), 0);
}

#[test]
fn malformed_json_is_a_decode_error_with_unknown_outcome() {
    let h = start(Fault::MalformedJson);
    let r = calls(&h, None);
    let e = err(r.create, "create");
    assert!(matches!(e, ApiError::Decode { status: 200, .. }), "{e:?}");
    assert!(e.outcome_unknown());
    assert!(e.to_string().contains("could not be read"), "{e}");
    assert!(matches!(
        err(r.areas, "areas"),
        ApiError::Decode { status: 200, .. }
    ));
    assert_eq!(h.customer_count(), 0);
}

#[test]
fn html_error_is_named_an_html_page() {
    let h = start(Fault::HtmlError);
    let r = calls(&h, None);
    for e in [err(r.create, "create"), err(r.areas, "areas")] {
        assert!(
            matches!(&e, ApiError::NotJson { status: 502, what } if what == "an HTML page"),
            "{e:?}"
        );
        assert!(e.to_string().contains("HTTP 502 with an HTML page"), "{e}");
        assert!(!e.outcome_unknown());
    }
    assert_eq!(h.customer_count(), 0);
}

#[test]
fn huge_body_is_refused_at_the_cap() {
    let h = start(Fault::HugeBody);
    let r = calls(&h, Some(1024 * 1024));
    for (e, took) in [
        (err(r.create, "create"), r.create_took),
        (err(r.areas, "areas"), r.areas_took),
    ] {
        assert_eq!(e, ApiError::TooLarge { limit_mb: 1 });
        assert!(e.to_string().contains("larger than 1 MB"), "{e}");
        assert!(took < DEADLINE, "stopped reading at the cap, took {took:?}");
    }
    assert_eq!(h.customer_count(), 0);
    assert_stops_promptly(h);
}

#[test]
fn reset_mid_body_is_a_network_error_with_unknown_outcome() {
    let h = start(Fault::ResetMidBody);
    let r = calls(&h, None);
    let e = err(r.create, "create");
    assert!(matches!(e, ApiError::Network { .. }), "{e:?}");
    assert!(e.outcome_unknown());
    assert!(matches!(err(r.areas, "areas"), ApiError::Network { .. }));
    assert_eq!(h.customer_count(), 0);
}

#[test]
fn empty_200_is_an_empty_reply_with_unknown_outcome() {
    let h = start(Fault::Empty200);
    let r = calls(&h, None);
    for e in [err(r.create, "create"), err(r.areas, "areas")] {
        assert!(
            matches!(&e, ApiError::NotJson { status: 200, what } if what == "an empty reply"),
            "{e:?}"
        );
        assert!(e.outcome_unknown());
    }
    assert_eq!(h.customer_count(), 0);
}

/// The client judges a 2xx body by its bytes, not its Content-Type: plain text that is neither
/// empty nor HTML is reported as an unreadable reply (`Decode`), not as `NotJson`.
#[test]
fn wrong_content_type_is_an_unreadable_reply_with_unknown_outcome() {
    let h = start(Fault::WrongContentType);
    let r = calls(&h, None);
    for e in [err(r.create, "create"), err(r.areas, "areas")] {
        assert!(matches!(&e, ApiError::Decode { status: 200, .. }), "{e:?}");
        assert!(
            e.to_string()
                .starts_with("Sourcehub answered HTTP 200 but the reply could not be read"),
            "{e}"
        );
        assert!(e.outcome_unknown(), "a 200 may mean the create happened");
    }
    assert_eq!(h.customer_count(), 0);
}

#[test]
fn slow_create_stores_the_customer_but_the_client_times_out() {
    let h = start(Fault::SlowCreate);
    let r = calls(&h, None);
    assert_timeout(&err(r.create, "create"), r.create_took);
    // Stored before the answer was held back: exactly the case a clerk must check for.
    assert_eq!(h.customer_count(), 1);
    // Only the create is slow.
    assert_eq!(r.areas.expect("areas are unaffected").len(), 100);
    let found = client(&h, None).customers_page(10, 0).expect("list");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].company_name.as_deref(), Some("Arun Store"));
    // After its delay the Sandbox still holds exactly one.
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(h.customer_count(), 1);
    assert_stops_promptly(h);
}
