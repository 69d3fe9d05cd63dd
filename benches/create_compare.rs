//! 200 creates through the app's client, for `bench/compare.sh` to set against one `curl`
//! process sending the same 200 requests (issue 6).
//!
//! `SOURCEHUB_BENCH_BASE_URL=http://127.0.0.1:PORT/api cargo bench --bench create_compare`
//! Without the variable an in-process Sandbox is started. Prints `query: ...` (the exact query
//! string of every create, for curl to reuse) and `ours_seconds: X`.

use std::time::Instant;

use sourcehub_desk::api::types::CreateCustomerRequest;
use sourcehub_desk::api::{ApiKey, Endpoint, SourcehubClient};
use sourcehub_desk::sandbox::{self, SandboxConfig};

pub const CREATES: usize = 200;

fn main() {
    let own;
    let base = match std::env::var("SOURCEHUB_BENCH_BASE_URL") {
        Ok(b) if !b.trim().is_empty() => b.trim().to_owned(),
        _ => {
            own = sandbox::start(SandboxConfig::default()).expect("sandbox");
            own.base_url()
        }
    };
    let req = CreateCustomerRequest {
        company_name: "Bench Store & Co".into(),
        mobile_number: "+91 98765 43210".into(),
        contactpersons_name: "Arun Sen".into(),
        address: "12 MG Road".into(),
        area_id: 112,
        postalcode_id: 31,
        gst_treatment: "Registered".into(),
        gstin: Some("29AAACC1206D2ZB".into()),
        salesagent_id: 12,
    };
    let client = SourcehubClient::new(
        Endpoint::new(&base).expect("endpoint"),
        &ApiKey::new("sandbox"),
    )
    .expect("client");
    let t = Instant::now();
    for _ in 0..CREATES {
        client.create_customer(&req).expect("create");
    }
    let secs = t.elapsed().as_secs_f64();
    println!("query: {}", req.to_query());
    println!("ours_seconds: {secs:.4}");
    eprintln!(
        "{CREATES} creates through SourcehubClient: {secs:.3} s ({:.2} ms each)",
        secs * 1000.0 / CREATES as f64
    );
}
