use super::*;

/// Appends the computed check character; for cases aimed at later checks.
pub(super) fn with_check(first14: &str) -> String {
    let c = check_char(first14).unwrap_or('?');
    format!("{first14}{c}")
}

#[test]
fn check_char_matches_reference_values() {
    // Values worked out independently (gstin.md §2 table and a Python port).
    let cases = [
        ("27AAPFU0939F1Z", Some('V')),
        ("32AADCK5978M1Z", Some('0')),
        ("29AAACC1206D2Z", Some('B')),
        ("38AAACC1206D1Z", Some('D')),
        ("97AAPFU0939F1Z", Some('O')),
        ("9917IRL29003OS", Some('G')),
        ("27PNEA06819B1D", Some('E')),
        ("29AABCF8078M1C", Some('8')),
        ("88AAACD8017H1Z", Some('K')),
        ("27AAPFU0939F@Z", None),
        ("27aapfu0939f1z", None),
        ("27AAPFU0939F1", None),
        ("27AAPFU0939F1ZV", None),
        ("", None),
    ];
    for (first14, want) in cases {
        assert_eq!(check_char(first14), want, "{first14}");
    }
}

/// input, normalized, category, state, pan, holder
type ValidCase = (
    &'static str,
    &'static str,
    GstinCategory,
    Option<&'static str>,
    Option<&'static str>,
    Option<HolderType>,
);

#[rustfmt::skip]
const VALID: &[ValidCase] = {
    use GstinCategory as C;
    use HolderType as H;
    &[
        ("27AAPFU0939F1ZV", "27AAPFU0939F1ZV", C::Regular, Some("Maharashtra"), Some("AAPFU0939F"), Some(H::FirmOrLlp)),
        (" 27aapfu0939f1zv ", "27AAPFU0939F1ZV", C::Regular, Some("Maharashtra"), Some("AAPFU0939F"), Some(H::FirmOrLlp)),
        ("27-AAPFU-0939F\u{a0}1ZV\u{2003}", "27AAPFU0939F1ZV", C::Regular, Some("Maharashtra"), Some("AAPFU0939F"), Some(H::FirmOrLlp)),
        ("32AADCK5978M1Z0", "32AADCK5978M1Z0", C::Regular, Some("Kerala"), Some("AADCK5978M"), Some(H::Company)),
        ("29AAACC1206D2ZB", "29AAACC1206D2ZB", C::Regular, Some("Karnataka"), Some("AAACC1206D"), Some(H::Company)),
        ("38AAACC1206D1ZD", "38AAACC1206D1ZD", C::Regular, Some("Ladakh"), Some("AAACC1206D"), Some(H::Company)),
        ("97AAPFU0939F1ZO", "97AAPFU0939F1ZO", C::Regular, Some("Other Territory"), Some("AAPFU0939F"), Some(H::FirmOrLlp)),
        ("24AAACC1206D1ZM", "24AAACC1206D1ZM", C::Regular, Some("Gujarat"), Some("AAACC1206D"), Some(H::Company)),
        ("9917IRL29003OSG", "9917IRL29003OSG", C::Oidar, None, None, None),
        ("9922JPN29001OSU", "9922JPN29001OSU", C::Oidar, None, None, None),
        ("27PNEA06819B1DE", "27PNEA06819B1DE", C::TdsDeductor, Some("Maharashtra"), None, None),
        ("27AAAPP0939F1D3", "27AAAPP0939F1D3", C::TdsDeductor, Some("Maharashtra"), Some("AAAPP0939F"), Some(H::Individual)),
        ("29AABCF8078M1C8", "29AABCF8078M1C8", C::TcsCollector, Some("Karnataka"), Some("AABCF8078M"), Some(H::Company)),
        ("07DELA12345A1Z7", "07DELA12345A1Z7", C::GovernmentDepartment, Some("Delhi"), None, None),
        ("0717UNO00001UN7", "0717UNO00001UN7", C::UinHolder, Some("Delhi"), None, None),
        ("0717USA12345NRO", "0717USA12345NRO", C::NonResident, Some("Delhi"), None, None),
    ]
};

#[test]
fn valid_examples() {
    for &(input, normalized, category, state, pan, holder) in VALID {
        let info = match validate(input) {
            Ok(info) => info,
            Err(e) => panic!("{input:?} should be valid: {e}"),
        };
        assert_eq!(info.normalized, normalized, "{input:?}");
        assert_eq!(info.category, category, "{input:?}");
        assert_eq!(info.state_name, state, "{input:?}");
        assert_eq!(info.state_code, &normalized[..2], "{input:?}");
        assert_eq!(info.pan.as_deref(), pan, "{input:?}");
        assert_eq!(info.holder_type, holder, "{input:?}");
    }
}

#[rustfmt::skip]
#[test]
fn invalid_examples_report_the_first_failure() {
    use GstinError as E;
    let cases: Vec<(String, GstinError)> = vec![
        ("27AAPFU0939F1ZO".into(), E::CheckChar { expected: 'V', found: 'O' }),
        ("27AAPFU0939F@ZY".into(), E::Charset { ch: '@', position: 13 }),
        ("88AAACD8017H1ZX".into(), E::CheckChar { expected: 'K', found: 'X' }),
        ("".into(), E::Empty),
        (" - ".into(), E::Empty),
        ("27AAPFU0939F1Z".into(), E::Length { len: 14 }),
        ("27AAPFU0939F1ZVV".into(), E::Length { len: 16 }),
        ("27AAPFU0939F@ZYX".into(), E::Length { len: 16 }),
        ("27AAPFU0939F1ZV\u{200B}".into(), E::ZeroWidth { name: "zero-width space", position: 16 }),
        ("\u{FEFF}27AAPFU0939F1ZV".into(), E::ZeroWidth { name: "zero-width no-break space", position: 1 }),
        ("27AAPFU０939F1ZV".into(), E::FullwidthDigit { ch: '０', position: 8 }),
        ("２7AAPFU0939F1ZV".into(), E::FullwidthDigit { ch: '２', position: 1 }),
        ("27ＡAPFU0939F1ZV".into(), E::FullwidthLetter { ch: 'Ａ', position: 3 }),
        ("27AAPFU०939F1ZV".into(), E::NonAsciiDigit { ch: '०', position: 8 }),
        ("27\u{2013}AAPFU0939F1ZV".into(), E::UnicodeDash { ch: '\u{2013}', position: 3 }),
        ("27ÄAPFU0939F1ZV".into(), E::NonAscii { ch: 'Ä', code: 0xC4, position: 3 }),
        ("27AAPFU0939F0ZV".into(), E::Layout { position: 13, found: '0', expected: "1-9 or A-Z" }),
        ("27AAPFU0939F1KV".into(), E::Layout { position: 14, found: 'K', expected: "Z (or 1-9, A, B, D-J)" }),
        (with_check("25AAPFU0939F1Z"), E::LegacyState { code: "25".into(), name: "Daman and Diu", advice: "re-registered under 26 since 2020" }),
        (with_check("28AAPFU0939F1Z"), E::LegacyState { code: "28".into(), name: "Andhra Pradesh (before 2014)", advice: "Andhra Pradesh uses 37 and Telangana 36 since 2014" }),
        (with_check("00AAPFU0939F1Z"), E::UnknownState { code: "00".into() }),
        (with_check("39AAPFU0939F1Z"), E::UnknownState { code: "39".into() }),
        (with_check("98AAPFU0939F1Z"), E::UnknownState { code: "98".into() }),
        (with_check("96AAPFU0939F1Z"), E::PlaceOfSupplyOnly),
        (with_check("99AAPFU0939F1Z"), E::CentreOnly { code: "99".into() }),
        (with_check("4017UNO00001UN"), E::UnknownState { code: "40".into() }),
        (with_check("2817USA12345NR"), E::LegacyState { code: "28".into(), name: "Andhra Pradesh (before 2014)", advice: "Andhra Pradesh uses 37 and Telangana 36 since 2014" }),
        (with_check("27AAPXU0939F1Z"), E::PanHolderType { letter: 'X' }),
        (with_check("27AAPEU0939F1Z"), E::PanHolderType { letter: 'E' }),
        (with_check("27AAPFU0000F1Z"), E::PanSerialZero),
        (with_check("29AABXF8078M1C"), E::PanHolderType { letter: 'X' }),
        (with_check("29AABCF0000M1C"), E::PanSerialZero),
        (with_check("27AAAXP0939F1D"), E::PanHolderType { letter: 'X' }),
        (with_check("27AAAPP0000F1D"), E::PanSerialZero),
    ];
    for (input, want) in cases {
        assert_eq!(validate(&input), Err(want), "{input:?}");
    }
}

#[test]
fn tan_based_tds_and_govt_ids_skip_the_pan_checks() {
    // 'X' in position 6 would fail a PAN check; these layouts hold no PAN.
    assert!(validate(&with_check("27PNEX06819B1D")).is_ok());
    assert!(validate(&with_check("07DELX12341A1Z")).is_ok());
}

#[test]
fn messages_are_the_sentences_the_clerk_sees() {
    let msg = |v: &str| validate(v).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(msg("27AAPFU0939F1ZO").contains("check character should be V"));
    assert!(
        msg(&with_check("25AAPFU0939F1Z"))
            .contains("state code 25 (Daman and Diu) is legacy: re-registered under 26 since 2020")
    );
    assert!(msg("27AAPFU0939F1Z\u{200B}V").contains("contains a zero-width space at position 15"));
    assert!(
        msg("27AAPFU０939F1ZV")
            .contains("contains a fullwidth digit '０' at position 8 — type plain digits")
    );
    assert_eq!(
        msg("27AAPFU0939F1Z"),
        "GSTIN must be 15 characters; this has 14"
    );
    assert!(msg("27AAPFU0939F@ZY").contains("'@' at position 13"));
}

#[test]
fn warnings() {
    let odd_14th = with_check("27AAPFU0939F15");
    let info = validate(&odd_14th).ok();
    assert_eq!(
        info.as_ref().map(|i| i.category),
        Some(GstinCategory::Regular)
    );
    assert_eq!(info.map(|i| i.warnings.len()), Some(1));
    for overseas in ["9917IRL29003OSG", "0717USA12345NRO"] {
        let w = validate(overseas).map(|i| i.warnings);
        assert_eq!(w, Ok(vec![OVERSEAS_WARNING.to_string()]), "{overseas}");
    }
    assert_eq!(OVERSEAS_WARNING, "overseas — check the GST treatment");
    for clean in [
        "27AAPFU0939F1ZV",
        "0717UNO00001UN7",
        "27PNEA06819B1DE",
        "29AABCF8078M1C8",
    ] {
        assert_eq!(validate(clean).map(|i| i.warnings), Ok(vec![]), "{clean}");
    }
}

#[test]
fn summary_lines() {
    let cases = [
        (
            "27AAPFU0939F1ZV",
            "Maharashtra (27) · PAN AAPFU0939F · firm · regular taxpayer",
        ),
        (
            "29AAACC1206D2ZB",
            "Karnataka (29) · PAN AAACC1206D · company · regular taxpayer",
        ),
        ("27PNEA06819B1DE", "Maharashtra (27) · TDS deductor"),
        (
            "9917IRL29003OSG",
            "overseas (99) · overseas online service provider (OIDAR)",
        ),
    ];
    for (input, want) in cases {
        assert_eq!(validate(input).map(|i| i.summary()).as_deref(), Ok(want));
    }
}

#[test]
fn cli_line_and_json() {
    assert_eq!(
        cli_line(" 27aapfu0939f1zv "),
        (
            true,
            " 27aapfu0939f1zv \tvalid\tMaharashtra (27) · PAN AAPFU0939F · firm · regular taxpayer"
                .to_string()
        )
    );
    assert_eq!(
        cli_line("27AAPFU0939F1ZO"),
        (false, "27AAPFU0939F1ZO\tinvalid\tGSTIN check character should be V, not O — a character was mistyped".to_string())
    );
    let (ok, line) = cli_line("9917IRL29003OSG");
    assert!(ok);
    assert!(
        line.ends_with("warning: overseas — check the GST treatment"),
        "{line}"
    );

    assert_eq!(
        cli_json("27aapfu0939f1zv"),
        json!({
            "input": "27aapfu0939f1zv", "normalized": "27AAPFU0939F1ZV", "valid": true,
            "state": "Maharashtra", "state_code": "27", "pan": "AAPFU0939F",
            "holder_type": "firm_or_llp", "category": "regular", "warnings": [],
        })
    );
    assert_eq!(
        cli_json("27AAPFU0939F@ZY"),
        json!({
            "input": "27AAPFU0939F@ZY", "normalized": "27AAPFU0939F@ZY", "valid": false,
            "reason": "GSTIN contains '@' at position 13 — only A-Z and 0-9 are allowed",
        })
    );
    assert_eq!(
        cli_json("27\u{200B}AAPFU0939F1ZV")["normalized"],
        Value::Null
    );
    assert_eq!(cli_json("9917IRL29003OSG")["state"], Value::Null);
    assert_eq!(cli_json("9917IRL29003OSG")["category"], "oidar");
}

pub(super) const ACTIVE_CODES: [&str; 37] = [
    "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16",
    "17", "18", "19", "20", "21", "22", "23", "24", "26", "27", "29", "30", "31", "32", "33", "34",
    "35", "36", "37", "38", "97",
];

#[test]
fn exactly_the_active_codes_are_accepted() {
    for n in 0..100 {
        let code = format!("{n:02}");
        let result = validate(&with_check(&format!("{code}AAPFU0939F1Z")));
        assert_eq!(
            result.is_ok(),
            ACTIVE_CODES.contains(&code.as_str()),
            "{code}: {result:?}"
        );
    }
}

#[test]
fn cli_line_is_one_line_of_three_fields_whatever_the_input() {
    for input in [
        "27AAPFU\n0939F1ZV",
        "27AAPFU\t0939F1ZV",
        "\n",
        "27AAPFU0939F1ZV\u{1b}[2J",
        "\r",
    ] {
        let (_, line) = cli_line(input);
        assert_eq!(line.matches('\t').count(), 2, "{line:?}");
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "{line:?}"
        );
    }
    let (valid, line) = cli_line("27AAPFU\n0939F1ZV");
    assert!(valid, "whitespace inside is still dropped: {line}");
    assert!(line.starts_with("27AAPFU\\n0939F1ZV\t"), "{line}");
}
