use super::*;
use crate::domain::customer::AgentPick;
use crate::domain::mobile::LANDLINE_WARNING;
use proptest::prelude::*;

fn area(state: &str) -> AreaPick {
    AreaPick {
        id: 112,
        name: "Agaram".into(),
        city: "Bengaluru".into(),
        state: state.into(),
    }
}

/// The API documentation's own sample customer, which must go through.
fn sample() -> CustomerDraft {
    CustomerDraft {
        company_name: "  Arun   Store ".into(),
        mobile: "+91 98765-43210".into(),
        contact_person: "Arun Sen".into(),
        address: "Bangalore".into(),
        area: Some(area("Karnataka")),
        postal_code: Some(PostalPick {
            id: 31,
            code: "560030".into(),
        }),
        gst_treatment: Some(GstTreatment::Registered),
        gstin: "29aaacc1206d2zb".into(),
        sales_agent: Some(AgentPick {
            id: 12,
            name: "Ravi".into(),
        }),
    }
}

fn messages(report: &Report, field: Field, level: Level) -> Vec<String> {
    report
        .for_field(field)
        .filter(|v| v.level == level)
        .map(|v| v.message.clone())
        .collect()
}

#[test]
fn sample_customer_is_valid() {
    assert_eq!(
        validate(&sample()),
        Ok(ValidCustomer {
            company_name: "Arun Store".into(),
            mobile: "9876543210".into(),
            contact_person: "Arun Sen".into(),
            address: "Bangalore".into(),
            area_id: 112,
            postal_code_id: 31,
            gst_treatment: GstTreatment::Registered,
            gstin: Some("29AAACC1206D2ZB".into()),
            sales_agent_id: 12,
        })
    );
    let report = check(&sample());
    assert!(report.is_submittable());
    assert_eq!(report.first_error_field(), None);
    assert_eq!(
        messages(&report, Field::Gstin, Level::Info),
        [
            "Karnataka (29) · PAN AAACC1206D · company · regular taxpayer",
            "will be sent as 29AAACC1206D2ZB"
        ]
    );
    assert_eq!(
        messages(&report, Field::Mobile, Level::Info),
        ["will be sent as 9876543210"]
    );
}

#[test]
fn empty_draft_lists_every_required_field() {
    let report = check(&CustomerDraft::default());
    let errors: Vec<(Field, &str)> = report
        .errors()
        .map(|v| (v.field, v.message.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            (Field::CompanyName, "Company name is required"),
            (Field::Mobile, "Mobile number is required"),
            (Field::ContactPerson, "Contact person is required"),
            (Field::Address, "Address is required"),
            (Field::Area, "Area is required"),
            (Field::PostalCode, "Postal code is required"),
            (Field::GstTreatment, "GST treatment is required"),
            (Field::SalesAgent, "Sales agent is required"),
        ]
    );
    assert_eq!(report.first_error_field(), Some(Field::CompanyName));
    assert!(!report.is_submittable());
    assert!(validate(&CustomerDraft::default()).is_err());
}

#[test]
fn single_field_problems() {
    // (change, field that must carry the error, expected message)
    type Change = fn(&mut CustomerDraft);
    let cases: [(Change, Field, &str); 10] = [
        (
            |d| d.mobile = "98765 4321".into(),
            Field::Mobile,
            "Mobile number must have 10 digits; this has 9",
        ),
        (
            |d| d.company_name = "x".repeat(101),
            Field::CompanyName,
            "Too long: 101 characters (at most 100)",
        ),
        (
            |d| d.address = "a\u{7}".into(),
            Field::Address,
            "Contains a control character (bell) at position 2 — remove it",
        ),
        (
            |d| d.contact_person = " \t".into(),
            Field::ContactPerson,
            "Contact person is required",
        ),
        (
            |d| d.gstin = "".into(),
            Field::Gstin,
            "GSTIN is required for a Registered customer",
        ),
        (
            |d| d.gstin = "29AAACC1206D2ZC".into(),
            Field::Gstin,
            "GSTIN check character should be B, not C — a character was mistyped",
        ),
        (
            |d| d.area = Some(area("Maharashtra")),
            Field::Gstin,
            "GSTIN is registered in Karnataka (29) but the area is in Maharashtra (27)",
        ),
        (
            |d| {
                d.postal_code = Some(PostalPick {
                    id: 9,
                    code: "056001".into(),
                })
            },
            Field::PostalCode,
            "PIN code cannot start with 0",
        ),
        (
            |d| d.gst_treatment = Some(GstTreatment::Unregistered),
            Field::GstTreatment,
            "GST treatment is Unregistered but a GSTIN was entered — choose Registered or clear the GSTIN",
        ),
        (
            |d| d.sales_agent = None,
            Field::SalesAgent,
            "Sales agent is required",
        ),
    ];
    for (change, field, message) in cases {
        let mut draft = sample();
        change(&mut draft);
        let report = check(&draft);
        let errors: Vec<_> = report
            .errors()
            .map(|v| (v.field, v.message.as_str()))
            .collect();
        assert_eq!(errors, [(field, message)], "{field:?}");
        assert_eq!(report.first_error_field(), Some(field));
        assert_eq!(validate(&draft).err(), Some(report));
    }
}

#[test]
fn first_error_field_follows_form_order() {
    let mut draft = sample();
    draft.sales_agent = None;
    draft.mobile = "abc".into();
    assert_eq!(check(&draft).first_error_field(), Some(Field::Mobile));
}

#[test]
fn unregistered_needs_no_gstin() {
    let mut draft = sample();
    draft.gst_treatment = Some(GstTreatment::Unregistered);
    draft.gstin = " ".into();
    let valid = validate(&draft);
    assert_eq!(valid.as_ref().map(|v| v.gstin.clone()), Ok(None));
    assert_eq!(
        valid.map(|v| v.gst_treatment),
        Ok(GstTreatment::Unregistered)
    );
    // A bad GSTIN is not judged when Unregistered and blank-ish.
    draft.gstin = "--".into();
    assert!(check(&draft).for_field(Field::Gstin).next().is_none());
}

#[test]
fn warnings_do_not_block() {
    let mut draft = sample();
    draft.mobile = "1230987654".into();
    draft.postal_code = Some(PostalPick {
        id: 5,
        code: "400 001".into(),
    });
    draft.gstin = "9917IRL29003OSG".into();
    let report = check(&draft);
    assert!(report.is_submittable(), "{report:?}");
    assert_eq!(
        messages(&report, Field::Mobile, Level::Warning),
        [LANDLINE_WARNING]
    );
    assert_eq!(
        messages(&report, Field::PostalCode, Level::Warning),
        [
            "PIN 400001 does not look like Karnataka (its PINs start 560-591; 400 is Maharashtra) — check the postal code"
        ]
    );
    assert_eq!(
        messages(&report, Field::Gstin, Level::Warning),
        [
            "overseas — check the GST treatment",
            "overseas GSTIN (OIDAR) has no Indian state — check the GST treatment"
        ]
    );
    let valid = validate(&draft);
    assert_eq!(valid.as_ref().map(|v| v.mobile.as_str()), Ok("1230987654"));
    assert_eq!(valid.map(|v| v.gstin), Ok(Some("9917IRL29003OSG".into())));
}

#[test]
fn telangana_gstin_in_an_india_post_andhra_area_passes() {
    let mut draft = sample();
    draft.area = Some(area("ANDHRA PRADESH"));
    draft.postal_code = Some(PostalPick {
        id: 7,
        code: "500081".into(),
    });
    draft.gstin = "36AAPFU0939F1ZW".into();
    let report = check(&draft);
    assert!(report.is_submittable(), "{report:?}");
    assert!(
        report.verdicts.iter().all(|v| v.level == Level::Info),
        "{report:?}"
    );
}

#[test]
fn length_counter_is_info() {
    let mut draft = sample();
    draft.company_name = "x".repeat(92);
    let report = check(&draft);
    assert_eq!(
        messages(&report, Field::CompanyName, Level::Info),
        ["92 / 100"]
    );
    assert!(report.is_submittable());
}

#[test]
fn reconcile_switches_to_registered() {
    let typed = |t: Option<GstTreatment>, gstin: &str| CustomerDraft {
        gst_treatment: t,
        gstin: gstin.into(),
        ..CustomerDraft::default()
    };
    let cases = [
        (
            typed(Some(GstTreatment::Unregistered), "29AAACC1206D2ZB"),
            true,
        ),
        (typed(None, "29"), true),
        (typed(Some(GstTreatment::Unregistered), " - "), false),
        (typed(None, ""), false),
        (
            typed(Some(GstTreatment::Registered), "29AAACC1206D2ZB"),
            false,
        ),
        (typed(Some(GstTreatment::Registered), ""), false),
    ];
    for (mut draft, switches) in cases {
        let before = draft.clone();
        let notice = reconcile_gst_treatment(&mut draft);
        if switches {
            assert_eq!(
                notice.as_deref(),
                Some(SWITCHED_TO_REGISTERED),
                "{before:?}"
            );
            assert_eq!(draft.gst_treatment, Some(GstTreatment::Registered));
        } else {
            assert_eq!(notice, None, "{before:?}");
            assert_eq!(draft, before);
        }
    }
    assert_eq!(
        SWITCHED_TO_REGISTERED,
        "GST treatment switched to Registered because a GSTIN was entered"
    );
    let mut draft = sample();
    draft.gst_treatment = Some(GstTreatment::Unregistered);
    assert!(reconcile_gst_treatment(&mut draft).is_some());
    assert!(validate(&draft).is_ok());
}

proptest! {
    #[test]
    fn field_normalisers_never_panic(s in any::<String>(), max in 0usize..300) {
        let _ = normalize_mobile(&s);
        let _ = normalize_pin(&s);
        let _ = clean_text(&s, max);
        let _ = length_hint(&s, max);
        let _ = pin_state_warning(&s, &s);
    }

    #[test]
    fn check_never_panics(
        texts in proptest::collection::vec(any::<String>(), 7),
        treatment in proptest::option::of(prop_oneof![
            Just(GstTreatment::Registered),
            Just(GstTreatment::Unregistered)
        ]),
        picks in any::<(bool, bool, bool)>(),
    ) {
        let draft = CustomerDraft {
            company_name: texts[0].clone(),
            mobile: texts[1].clone(),
            contact_person: texts[2].clone(),
            address: texts[3].clone(),
            area: picks.0.then(|| area(&texts[4])),
            postal_code: picks.1.then(|| PostalPick { id: 1, code: texts[5].clone() }),
            gst_treatment: treatment,
            gstin: texts[6].clone(),
            sales_agent: picks.2.then(|| AgentPick { id: 2, name: "A".into() }),
        };
        let report = check(&draft);
        let result = validate(&draft);
        prop_assert_eq!(result.is_ok(), report.is_submittable());
    }
}
