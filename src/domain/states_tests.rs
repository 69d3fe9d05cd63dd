use super::*;
use crate::domain::gstin::validate;

fn info(gstin: &str) -> GstinInfo {
    match validate(gstin) {
        Ok(i) => i,
        Err(e) => panic!("test GSTIN {gstin} invalid: {e}"),
    }
}

#[test]
fn table_has_every_listed_code() {
    assert_eq!(STATES.len(), 41);
    let active = STATES
        .iter()
        .filter(|s| s.status == StateStatus::Active)
        .count();
    assert_eq!(active, 37);
    assert_eq!(state_by_gst_code("27").map(|s| s.name), Some("Maharashtra"));
    assert_eq!(
        state_by_gst_code("26").map(|s| s.name),
        Some("Dadra and Nagar Haveli and Daman and Diu")
    );
    assert_eq!(
        state_by_gst_code("25").map(|s| s.status),
        Some(StateStatus::Legacy)
    );
    assert_eq!(state_by_gst_code("05").map(|s| s.name), Some("Uttarakhand"));
    assert_eq!(state_by_gst_code("98"), None);
    assert_eq!(state_by_gst_code("7"), None);
}

#[test]
fn every_active_canonical_name_maps_back_to_its_code() {
    for st in STATES.iter().filter(|s| s.status == StateStatus::Active) {
        assert_eq!(
            gst_codes_for_state_name(st.name).first(),
            Some(&st.code),
            "{}",
            st.name
        );
    }
}

#[test]
fn name_variants() {
    let cases: [(&str, &[&str]); 27] = [
        ("Maharashtra", &["27"]),
        ("MAHARASHTRA", &["27"]),
        ("  karnataka ", &["29"]),
        ("Orissa", &["21"]),
        ("CHATTISGARH", &["22"]),
        ("Chattisgarh", &["22"]),
        ("Chhattisgarh", &["22"]),
        ("PONDICHERRY", &["34"]),
        ("Pondicherry", &["34"]),
        ("Uttaranchal", &["05"]),
        ("Dadra & Nagar Haveli", &["26"]),
        ("Dadra and Nagar Haveli", &["26"]),
        ("Daman & Diu", &["26"]),
        ("Daman and Diu", &["26"]),
        ("THE DADRA AND NAGAR HAVELI AND DAMAN AND DIU", &["26"]),
        ("Lakshadweep Islands", &["31"]),
        ("Andhra Pradesh (New)", &["37", "36"]),
        ("ANDHRA PRADESH", &["37", "36"]),
        ("New Delhi", &["07"]),
        ("NCT of Delhi", &["07"]),
        ("JAMMU & KASHMIR", &["01", "38"]),
        ("Jammu and Kashmir", &["01", "38"]),
        ("Andaman & Nicobar Islands", &["35"]),
        ("Telangana", &["36"]),
        ("Ladakh", &["38"]),
        ("Atlantis", &[]),
        ("", &[]),
    ];
    for (name, want) in cases {
        assert_eq!(gst_codes_for_state_name(name), want, "{name:?}");
    }
    assert_eq!(state_by_name("andhra pradesh").map(|s| s.code), Some("37"));
    assert_eq!(state_by_name("Orissa").map(|s| s.name), Some("Odisha"));
}

#[test]
fn gstin_state_pairs() {
    let gstin_36 = info(&format!("36AAPFU0939F1Z{}", 'W'));
    let cases: Vec<(GstinInfo, &str, Result<(), bool>)> = vec![
        (info("27AAPFU0939F1ZV"), "Maharashtra", Ok(())),
        (info("27AAPFU0939F1ZV"), "Karnataka", Err(true)),
        (info("29AAACC1206D2ZB"), "Karnataka", Ok(())),
        (info("29AAACC1206D2ZB"), "KARNATAKA", Ok(())),
        (
            info("26AAPFU0939F1ZX"),
            "Dadra and Nagar Haveli and Daman and Diu",
            Ok(()),
        ),
        (info("26AAPFU0939F1ZX"), "Daman & Diu", Ok(())),
        (info("38AAACC1206D1ZD"), "Ladakh", Ok(())),
        (info("38AAACC1206D1ZD"), "JAMMU & KASHMIR", Ok(())),
        (info("01AAPFU0939F1Z9"), "Ladakh", Err(true)),
        (info("97AAPFU0939F1ZO"), "Other Territory", Ok(())),
        (gstin_36.clone(), "ANDHRA PRADESH", Ok(())),
        (gstin_36, "Karnataka", Err(true)),
        (info("37AAPFU0939F1ZU"), "Telangana", Err(true)),
        (info("37AAPFU0939F1ZU"), "Andhra Pradesh", Ok(())),
        (info("9917IRL29003OSG"), "Maharashtra", Err(false)),
        (info("9917IRL29003OSG"), "Atlantis", Err(false)),
        (info("27AAPFU0939F1ZV"), "Atlantis", Ok(())),
        (info("27AAPFU0939F1ZV"), "", Ok(())),
    ];
    for (gstin, area, want) in cases {
        let got = check_gstin_state(&gstin, area).map_err(|m| m.is_blocking());
        assert_eq!(got, want, "{} / {area}", gstin.normalized);
    }
}

#[test]
fn mismatch_messages() {
    let m = check_gstin_state(&info("27AAPFU0939F1ZV"), "Karnataka").err();
    assert_eq!(
        m.map(|m| m.to_string()).as_deref(),
        Some("GSTIN is registered in Maharashtra (27) but the area is in Karnataka (29)")
    );
    let m = check_gstin_state(&info("29AAACC1206D2ZB"), "Orissa").err();
    assert_eq!(
        m.map(|m| m.to_string()).as_deref(),
        Some("GSTIN is registered in Karnataka (29) but the area is in Odisha (21)")
    );
    assert_eq!(
        StateMismatch::Overseas.to_string(),
        "overseas GSTIN (OIDAR) has no Indian state — check the GST treatment"
    );
    assert!(!StateMismatch::Overseas.is_blocking());
}
