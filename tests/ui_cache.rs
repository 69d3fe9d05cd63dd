//! Lookups cached on disk per environment: the next start shows them at once, even while the
//! server is not answering, and says how old they are.

mod common;

use std::time::{Duration, Instant};

use common::{harness_options, settle, step_until};
use egui_kittest::kittest::{Queryable, by};
use sourcehub_desk::lookup_cache::LookupCache;
use sourcehub_desk::sandbox::{Fault, SandboxConfig};

#[test]
fn cached_lookups_show_at_once_on_the_next_start() {
    let dir = tempfile::tempdir().expect("temp");
    let cache = LookupCache::at(dir.path());
    // A fixed port, so both starts see the same base URL (the cache is per environment).
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let config = |fault: Option<Fault>| SandboxConfig {
        addr: ([127, 0, 0, 1], port).into(),
        fault,
        ..common::small()
    };
    let url = format!("http://127.0.0.1:{port}/api");
    {
        let c = cache.clone();
        let mut h = harness_options(config(None), move |o| o.lookup_cache = Some(c));
        settle(&mut h);
        h.get_by_label("Lookups updated just now");
        let deadline = Instant::now() + Duration::from_secs(20);
        while !cache.exists(&url) {
            assert!(Instant::now() < deadline, "the cache was never written");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    // Second start: the server now never answers, yet the dropdowns are full.
    let c = cache.clone();
    let mut h = harness_options(config(Some(Fault::Blackhole)), move |o| {
        o.lookup_cache = Some(c);
        o.request_timeout = Duration::from_secs(30);
    });
    step_until(&mut h, "the cached lists", |app| {
        app.lookups.areas.len() == 2000 && app.lookups.agents.len() == 25
    });
    assert!(
        h.state().lookups.areas.is_loading(),
        "still refreshing in the background"
    );
    assert_eq!(
        h.query_all(by().label_contains("refreshing in the background"))
            .count(),
        1
    );
    let cached = cache.load(&url).expect("readable").expect("present");
    assert_eq!(cached.areas.len(), 2000);
    let text = std::fs::read_to_string(cache.path_for(&url)).expect("file");
    assert!(
        !text.contains("Bearer") && !text.contains("\"sandbox\""),
        "no key in the cache"
    );
}
