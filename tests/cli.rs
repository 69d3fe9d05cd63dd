//! The built binary's subcommands, end to end.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_sourcehub-desk");

#[test]
fn gstin_prints_one_line_per_value_and_exits_by_validity() {
    let out = Command::new(BIN)
        .args(["gstin", "27AAPFU0939F1ZV", " 27aapfu0939f1zv "])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].starts_with("27AAPFU0939F1ZV\tvalid\t"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("Maharashtra"), "{}", lines[0]);

    let out = Command::new(BIN)
        .args(["gstin", "27AAPFU0939F1ZV", "27AAPFU0939F1ZO"])
        .output()
        .expect("runs");
    assert!(!out.status.success(), "one invalid value fails the run");
    let text = String::from_utf8_lossy(&out.stdout);
    let bad = text.lines().nth(1).expect("second line");
    assert!(bad.starts_with("27AAPFU0939F1ZO\tinvalid\t"), "{bad}");
    assert!(bad.contains("check character should be V"), "{bad}");
}

#[test]
fn gstin_json_prints_one_object_per_value() {
    let out = Command::new(BIN)
        .args(["gstin", "--json", "9917IRL29003OSG", "88AAACD8017H1ZX"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let objs: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(objs.len(), 2);
    assert_eq!(objs[0]["valid"], true);
    assert_eq!(objs[1]["valid"], false);
}

#[cfg(unix)]
#[test]
fn sandbox_prints_its_address_serves_and_stops_on_ctrl_c() {
    let mut child = Command::new(BIN)
        .args(["sandbox", "--addr", "127.0.0.1:0", "--token", "t0k"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("one line");
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .expect("listening line")
        .to_owned();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with("/api"),
        "{url}"
    );
    assert!(!url.contains(":0/"), "the real port is printed: {url}");

    sourcehub_desk::api::client::ensure_crypto_provider();
    let resp = reqwest::blocking::Client::new()
        .get(format!("{url}/salesagents?count=100"))
        .header("Authorization", "Bearer t0k")
        .send()
        .expect("answers");
    assert_eq!(resp.status().as_u16(), 200);

    // Ctrl+C is SIGINT.
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let exit = child.wait().expect("exits");
    assert!(exit.success(), "clean exit on Ctrl+C, got {exit:?}");
}

#[test]
fn help_is_available_for_each_command() {
    for args in [
        vec!["--help"],
        vec!["sandbox", "--help"],
        vec!["gstin", "--help"],
    ] {
        let out = Command::new(BIN).args(&args).output().expect("runs");
        assert!(out.status.success(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage"),
            "{args:?}"
        );
    }
}
