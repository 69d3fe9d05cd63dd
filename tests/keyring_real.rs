//! Against a real Secret Service (run by `.ci/run` inside `dbus-run-session` with gnome-keyring
//! unlocked): a key saved through the app's own code is read back by a new process (the `check`
//! command), then forgotten. Uses its own keyring service name, never the user's entries.

use std::process::Command;

use sourcehub_desk::api::{ApiKey, EnvKind};
use sourcehub_desk::keystore::{KeyStore, SERVICE_ENV, entry_user};
use sourcehub_desk::sandbox::{self, SandboxConfig};

const BIN: &str = env!("CARGO_BIN_EXE_sourcehub-desk");
const SERVICE: &str = "sourcehub-desk-ci-test";
const KEY: &str = "ci-keyring-key-WXYZ";

fn check(url: &str) -> (Option<i32>, String) {
    let out = Command::new(BIN)
        .args(["check", "--env", url])
        .env(SERVICE_ENV, SERVICE)
        .env_remove("SOURCEHUB_API_KEY")
        .output()
        .expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
#[ignore = "needs a Secret Service on the D-Bus session bus"]
fn keyring_saved_key_is_read_by_a_new_process_then_forgotten() {
    let h = sandbox::start(SandboxConfig {
        token: KEY.into(),
        ..SandboxConfig::default()
    })
    .expect("sandbox");
    let url = h.base_url();
    let ks = KeyStore::secret_service()
        .expect("a Secret Service must be running for this test")
        .with_service(SERVICE);
    let user = entry_user(EnvKind::Custom, &url).expect("custom entry");
    ks.save(&user, &ApiKey::new(KEY)).expect("save");

    let (code, text) = check(&url);
    assert_eq!(code, Some(0), "the new process found the saved key: {text}");
    assert!(text.contains("…WXYZ") && !text.contains(KEY), "{text}");

    ks.forget(&user).expect("forget");
    let (code, text) = check(&url);
    assert_eq!(code, Some(2), "no key after forgetting: {text}");
    assert!(text.contains("no API key"), "{text}");
}
