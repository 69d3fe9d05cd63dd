//! The anchor for `bench/compare.sh`: a bare eframe window built with exactly the app's eframe
//! features (it is compiled inside this crate), showing one label. With
//! `SOURCEHUB_BENCH_FIRST_FRAME=1` it prints `first-frame` on its first `ui()` call.
//!
//! `cargo build --release --example bare_window`

struct Bare {
    announced: bool,
}

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if !self.announced {
            self.announced = true;
            if std::env::var_os("SOURCEHUB_BENCH_FIRST_FRAME").is_some_and(|v| v == "1") {
                println!("first-frame");
            }
        }
        egui::CentralPanel::default_margins().show(ui, |ui| {
            ui.label("Bare eframe window");
        });
    }
}

fn main() -> Result<(), eframe::Error> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Bare eframe window")
            .with_inner_size([1200.0, 760.0]),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        "Bare eframe window",
        options,
        Box::new(|_cc| Ok(Box::new(Bare { announced: false }))),
    )
}
