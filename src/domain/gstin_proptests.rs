//! Property tests: the checksum over random regular GSTINs, and no panics on
//! arbitrary input.

use super::tests::{ACTIVE_CODES, with_check};
use super::*;
use proptest::prelude::*;

fn regular_body() -> impl Strategy<Value = String> {
    (
        proptest::sample::select(ACTIVE_CODES.to_vec()),
        "[A-Z]{3}",
        proptest::sample::select(b"ABCFGHLJPTK".to_vec()),
        "[A-Z]",
        1u32..=9999,
        "[A-Z]",
        "[1-9A-Z]",
    )
        .prop_map(
            |(state, series, holder, initial, serial, pan_check, entity)| {
                format!(
                    "{state}{series}{}{initial}{serial:04}{pan_check}{entity}Z",
                    char::from(holder)
                )
            },
        )
}

proptest! {
    #[test]
    fn computed_check_char_validates(body in regular_body()) {
        let c = check_char(&body);
        prop_assert!(c.is_some());
        let gstin = format!("{body}{}", c.unwrap_or('?'));
        let info = validate(&gstin);
        prop_assert!(info.is_ok(), "{gstin}: {info:?}");
        prop_assert_eq!(info.map(|i| i.category), Ok(GstinCategory::Regular));
    }

    #[test]
    fn any_single_substitution_is_detected(
        body in regular_body(),
        pos in 0usize..15,
        replacement in proptest::sample::select(ALPHABET.to_vec()),
    ) {
        let gstin = with_check(&body);
        let mut bytes = gstin.clone().into_bytes();
        prop_assume!(bytes[pos] != replacement);
        bytes[pos] = replacement;
        let changed = String::from_utf8(bytes).unwrap_or_default();
        prop_assert!(validate(&changed).is_err(), "{gstin} -> {changed} passed");
    }

    #[test]
    fn validate_never_panics(s in any::<String>()) {
        let _ = validate(&s);
        let _ = cli_line(&s);
        let _ = cli_json(&s);
    }

    #[test]
    fn validate_never_panics_near_gstins(s in "[0-9A-Z@ \u{200B}\u{FF10}-]{10,20}") {
        let _ = validate(&s);
    }
}
