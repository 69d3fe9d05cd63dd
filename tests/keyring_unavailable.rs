//! Without a D-Bus session there is no keyring: the app must say so in one sentence and carry on
//! (the key is then used for the session only). Alone in its own test binary because it changes
//! the process environment.

use sourcehub_desk::keystore::{KeyStore, KeyStoreError};

#[test]
fn no_dbus_session_means_no_keyring() {
    // SAFETY: this test binary has a single test, so no other thread reads the environment.
    unsafe {
        std::env::set_var(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/sourcehub-desk-bus",
        );
    }
    match KeyStore::secret_service() {
        Err(e @ KeyStoreError::Unavailable(_)) => {
            let text = e.to_string();
            assert!(text.starts_with("No keyring is available"), "{text}");
            assert!(text.contains("this session only"), "{text}");
        }
        Err(other) => panic!("expected Unavailable, got {other:?}"),
        Ok(_) => panic!("a keyring was found on a bus that does not exist"),
    }
}
