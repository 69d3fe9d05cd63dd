//! Loading every area and postal code from a local Sandbox: the app's client through `load_all`
//! (4 pages in flight) against a plain sequential reqwest loop over the same pages (issue 6).
//!
//! `cargo bench --bench load_compare` prints one line:
//! `load_all: ours X s, anchor Y s, ratio R (target ≤ 1.5)`.
//! `SOURCEHUB_BENCH_RUNS` (default 1) repeats both and keeps the fastest of each.

use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use serde_json::Value;
use sourcehub_desk::api::client::ensure_crypto_provider;
use sourcehub_desk::api::lookups::{RetryPolicy, load_all};
use sourcehub_desk::api::{ApiKey, Endpoint, PAGE_SIZE, SourcehubClient};
use sourcehub_desk::sandbox::{self, SandboxConfig};

fn ours(base: &str) -> (Duration, usize, usize) {
    let client = SourcehubClient::new(
        Endpoint::new(base).expect("endpoint"),
        &ApiKey::new("sandbox"),
    )
    .expect("client");
    let policy = RetryPolicy::default();
    let cancelled = AtomicBool::new(false);
    let t = Instant::now();
    let areas = load_all(
        4,
        &policy,
        &cancelled,
        &|skip| client.areas_page(skip),
        &|_| {},
    )
    .expect("areas");
    let pins = load_all(
        4,
        &policy,
        &cancelled,
        &|skip| client.postal_codes_page(skip),
        &|_| {},
    )
    .expect("postal codes");
    (t.elapsed(), areas.len(), pins.len())
}

fn anchor_list(http: &reqwest::blocking::Client, base: &str, path: &str) -> usize {
    let mut total = 0;
    let mut skip = 0;
    loop {
        let body = http
            .get(format!("{base}{path}?count={PAGE_SIZE}&skip={skip}"))
            .header("Authorization", "Bearer sandbox")
            .send()
            .and_then(|r| r.error_for_status())
            .and_then(|r| r.bytes())
            .expect("anchor GET");
        let v: Value = serde_json::from_slice(&body).expect("anchor JSON");
        let n = v["data"].as_array().map_or(0, Vec::len);
        total += n;
        if n < PAGE_SIZE {
            return total;
        }
        skip += PAGE_SIZE;
    }
}

fn anchor(base: &str) -> (Duration, usize, usize) {
    let http = reqwest::blocking::Client::new();
    let t = Instant::now();
    let areas = anchor_list(&http, base, "/areas");
    let pins = anchor_list(&http, base, "/postalcodes");
    (t.elapsed(), areas, pins)
}

fn main() {
    ensure_crypto_provider();
    let runs: usize = std::env::var("SOURCEHUB_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1);
    let sandbox = sandbox::start(SandboxConfig::default()).expect("sandbox");
    let base = sandbox.base_url();
    let mut best_ours = Duration::MAX;
    let mut best_anchor = Duration::MAX;
    for run in 1..=runs {
        let (a, an, ap) = anchor(&base);
        let (o, on, op) = ours(&base);
        assert_eq!((on, op), (an, ap), "both must load the same items");
        eprintln!(
            "run {run}: ours {:.3} s, anchor {:.3} s ({on} areas, {op} postal codes)",
            o.as_secs_f64(),
            a.as_secs_f64()
        );
        best_ours = best_ours.min(o);
        best_anchor = best_anchor.min(a);
    }
    let (o, a) = (best_ours.as_secs_f64(), best_anchor.as_secs_f64());
    println!(
        "load_all: ours {o:.3} s, anchor {a:.3} s, ratio {:.2} (target ≤ 1.5)",
        o / a
    );
}
