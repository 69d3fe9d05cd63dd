//! Whatever bytes a server (or a proxy, or a broken network) sends, the parsing steps the client
//! uses must return a value or an error, never panic. No network: the bytes go straight in.

use proptest::prelude::*;
use serde_json::Value;

use sourcehub_desk::api::lenient::unwrap_data;
use sourcehub_desk::api::types::{Area, Customer, ErrorEnvelope};
use sourcehub_desk::domain::gstin;

/// The client's path for a 2xx body (parse, unwrap `data`, decode leniently), and for any other
/// status (the error envelope). Results are ignored: only a panic fails.
fn parse_all(bytes: &[u8]) {
    let _ = serde_json::from_slice::<ErrorEnvelope>(bytes);
    if let Ok(v) = serde_json::from_slice::<Value>(bytes) {
        let inner = unwrap_data(v.clone());
        let _ = serde_json::from_value::<Customer>(inner.clone());
        let _ = serde_json::from_value::<Vec<Area>>(inner);
        let _ = serde_json::from_value::<ErrorEnvelope>(v);
    }
}

/// JSON-shaped noise reaches far deeper into the decoders than random bytes, which are almost
/// never valid JSON.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        "[0-9 ]{0,6}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let keys = prop_oneof![
            Just("data".to_owned()),
            Just("error".to_owned()),
            Just("id".to_owned()),
            Just("address".to_owned()),
            Just("area".to_owned()),
            Just("city".to_owned()),
            Just("state".to_owned()),
            Just("postalcode".to_owned()),
            Just("gstin".to_owned()),
            Just("description".to_owned()),
            Just("status_code".to_owned()),
            "[a-z_]{1,8}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(keys, inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        parse_all(&bytes);
    }

    #[test]
    fn arbitrary_json_never_panics(v in json_value()) {
        parse_all(v.to_string().as_bytes());
        // Also wrapped the way the Sandbox and the docs send it.
        parse_all(serde_json::json!({ "data": v.clone() }).to_string().as_bytes());
        parse_all(serde_json::json!({ "error": v }).to_string().as_bytes());
    }

    #[test]
    fn truncated_json_never_panics(v in json_value(), cut in any::<prop::sample::Index>()) {
        let text = serde_json::json!({ "data": v }).to_string();
        let bytes = text.as_bytes();
        parse_all(&bytes[..cut.index(bytes.len() + 1)]);
    }

    #[test]
    fn gstin_validate_never_panics_on_any_string(s in any::<String>()) {
        let _ = gstin::validate(&s);
    }

    #[test]
    fn gstin_validate_never_panics_on_gstin_like_strings(s in "[0-9A-Za-z \\-]{0,20}") {
        if let Ok(info) = gstin::validate(&s) {
            // Whatever is accepted is accepted again once normalised.
            prop_assert!(gstin::validate(&info.normalized).is_ok());
        }
    }
}
