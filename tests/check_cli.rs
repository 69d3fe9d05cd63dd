//! `sourcehub-desk check` against the Sandbox and against broken servers on loopback: each case
//! gives its exit code and a message in words, and never prints the key.

use std::net::TcpListener;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use sourcehub_desk::sandbox::{self, SandboxConfig};

const BIN: &str = env!("CARGO_BIN_EXE_sourcehub-desk");
const TOKEN: &str = "sbx-token-1234abcd";

fn check(url: &str, key: &str, extra: &[&str]) -> (Output, Duration) {
    let started = Instant::now();
    let out = Command::new(BIN)
        .args(["check", "--env", url])
        .args(extra)
        .env("SOURCEHUB_API_KEY", key)
        // No keyring for the child: tests must never read a real user's keys.
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .output()
        .expect("runs");
    (out, started.elapsed())
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn sandbox_with_token() -> sandbox::SandboxHandle {
    sandbox::start(SandboxConfig {
        token: TOKEN.into(),
        ..SandboxConfig::default()
    })
    .expect("sandbox")
}

#[test]
fn good_key_connects() {
    let h = sandbox_with_token();
    let (out, _) = check(&h.base_url(), TOKEN, &[]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(0), "{t}");
    assert!(t.contains("connected") && t.contains("HTTP 200"), "{t}");
    assert!(t.contains("…abcd"), "{t}");
    assert!(!t.contains(TOKEN), "the key must never be printed: {t}");
}

#[test]
fn bad_key_is_a_key_problem() {
    let h = sandbox_with_token();
    let (out, _) = check(&h.base_url(), "wrong-key-0000", &[]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(2), "{t}");
    assert!(
        t.contains("key rejected (401)") && t.contains("HTTP 401"),
        "{t}"
    );
    assert!(t.contains("regenerated"), "{t}");
    assert!(!t.contains("wrong-key-0000"), "{t}");
}

#[test]
fn key_with_spaces_names_the_spaces_first() {
    let h = sandbox_with_token();
    let spaced = format!(" {TOKEN} ");
    let (out, _) = check(&h.base_url(), &spaced, &[]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(2), "{t}");
    assert!(t.contains("most likely: The key has spaces"), "{t}");
}

#[test]
fn closed_port_is_a_network_problem() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let (out, _) = check(&format!("http://127.0.0.1:{port}/api"), TOKEN, &[]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(3), "{t}");
    assert!(t.contains("connection was refused"), "{t}");
}

#[test]
fn a_server_that_never_answers_times_out_within_the_deadline() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    // Accept connections and hold them open without reading or answering.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for s in listener.incoming().take(8).flatten() {
            held.push(s);
        }
        std::thread::sleep(Duration::from_secs(30));
    });
    let (out, took) = check(
        &format!("http://127.0.0.1:{port}/api"),
        TOKEN,
        &["--timeout", "2"],
    );
    let t = text(&out);
    assert_eq!(out.status.code(), Some(3), "{t}");
    assert!(t.contains("No answer") && t.contains("within 2 s"), "{t}");
    assert!(took < Duration::from_secs(6), "took {took:?}");
}

#[test]
fn plain_http_to_another_host_is_refused() {
    let (out, _) = check("http://192.0.2.10/api", TOKEN, &[]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(3), "{t}");
    assert!(t.contains("plain http://"), "{t}");
}

#[test]
fn a_redirect_is_reported_not_followed() {
    use std::io::{Read, Write};
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for mut s in listener.incoming().take(4).flatten() {
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let _ = s.write_all(
                b"HTTP/1.1 307 Temporary Redirect\r\nLocation: http://localhost:9/api/customers\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    let (out, _) = check(&format!("http://127.0.0.1:{port}/api"), TOKEN, &[]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(3), "{t}");
    assert!(
        t.contains("redirect (HTTP 307 to http://localhost:9/api/customers)"),
        "{t}"
    );
}

#[test]
fn a_key_with_a_line_break_is_a_key_problem_without_a_request() {
    let h = sandbox_with_token();
    let (out, _) = check(&h.base_url(), "abc\ndef-1234", &[]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(2), "{t}");
    assert!(t.contains("cannot be sent"), "{t}");
    assert_eq!(t.lines().count(), 1, "{t}");
}
