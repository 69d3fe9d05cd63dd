//! Serde helpers for the leniency real servers need: a string field may be `null`, `""`, missing
//! or even a number; an id may be a number or a numeric string. Anything unusable becomes `None`
//! instead of failing the whole response, because a create that succeeded must never be reported
//! as a failure just because one display field had an odd type.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// `null`, `""`, whitespace-only and missing all become `None`; numbers and booleans are kept as text.
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let value = Option::<Value>::deserialize(d)?;
    Ok(match value {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::Bool(b)) => Some(b.to_string()),
        _ => None,
    })
}

/// A non-negative integer id sent as a number (`112`, `112.0`) or a numeric string (`"112"`).
pub fn opt_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    let value = Option::<Value>::deserialize(d)?;
    Ok(value.as_ref().and_then(id_from_value))
}

pub fn id_from_value(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 9.0e15)
                .map(|f| f as u64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A nested object that may be `null`, missing, or of the wrong type: anything but a usable
/// object becomes `None`.
pub fn opt_object<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let value = Option::<Value>::deserialize(d)?;
    Ok(match value {
        Some(v @ Value::Object(_)) => serde_json::from_value(v).ok(),
        _ => None,
    })
}

/// Unwraps the `{"data": ...}` envelope when present; a bare value is accepted as it is.
pub fn unwrap_data(value: Value) -> Value {
    match value {
        Value::Object(mut map) if map.contains_key("data") => {
            map.remove("data").unwrap_or(Value::Null)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Deserialize, Debug)]
    struct Probe {
        #[serde(default, deserialize_with = "opt_string")]
        s: Option<String>,
        #[serde(default, deserialize_with = "opt_id")]
        id: Option<u64>,
    }

    fn probe(v: Value) -> Probe {
        serde_json::from_value(v).expect("probe must always deserialize")
    }

    #[test]
    fn strings_are_lenient() {
        assert_eq!(probe(json!({"s": "x"})).s.as_deref(), Some("x"));
        assert_eq!(probe(json!({"s": ""})).s, None);
        assert_eq!(probe(json!({"s": null})).s, None);
        assert_eq!(probe(json!({})).s, None);
        assert_eq!(probe(json!({"s": 42})).s.as_deref(), Some("42"));
        assert_eq!(probe(json!({"s": [1]})).s, None);
    }

    #[test]
    fn ids_accept_numbers_and_numeric_strings() {
        assert_eq!(probe(json!({"id": 112})).id, Some(112));
        assert_eq!(probe(json!({"id": "112"})).id, Some(112));
        assert_eq!(probe(json!({"id": " 7 "})).id, Some(7));
        assert_eq!(probe(json!({"id": 3.0})).id, Some(3));
        assert_eq!(probe(json!({"id": 3.5})).id, None);
        assert_eq!(probe(json!({"id": -1})).id, None);
        assert_eq!(probe(json!({"id": "abc"})).id, None);
        assert_eq!(probe(json!({"id": null})).id, None);
    }

    #[test]
    fn data_envelope_is_optional() {
        assert_eq!(unwrap_data(json!({"data": {"id": 1}})), json!({"id": 1}));
        assert_eq!(unwrap_data(json!({"id": 1})), json!({"id": 1}));
        assert_eq!(unwrap_data(json!([1, 2])), json!([1, 2]));
    }
}
