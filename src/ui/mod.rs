//! egui views. A view reads state and returns actions; background work runs in `tasks`.

pub mod about;
pub mod app;
pub mod env_bar;
pub mod form;
pub mod lookup_combo;
pub mod lookup_list;
pub mod msg;
pub mod recent;
pub mod result_panel;
pub mod submission;
pub mod tasks;
pub mod theme;

use std::sync::Arc;

pub use app::{AppOptions, DeskApp};

pub const WINDOW_TITLE: &str = "Sourcehub Desk";

/// The window's app id (Wayland app_id, X11 WM_CLASS); the .desktop file's StartupWMClass.
pub const APP_ID: &str = "sourcehub-desk";

/// The 256 px window icon, rendered from `assets/sourcehub-desk.svg`.
const WINDOW_ICON_PNG: &[u8] = include_bytes!("../../assets/icons/sourcehub-desk-256.png");

/// Opens the window and runs until it is closed.
pub fn run_window() -> Result<(), eframe::Error> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(WINDOW_TITLE)
        .with_inner_size([1200.0, 760.0])
        .with_min_inner_size([640.0, 480.0])
        .with_app_id(APP_ID);
    // A broken icon is not worth failing the start over: fall back to none.
    match eframe::icon_data::from_png_bytes(WINDOW_ICON_PNG) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(err) => log::warn!("window icon not decoded, running without it: {err}"),
    }
    let options = eframe::NativeOptions {
        viewport,
        // egui_kittest's wgpu feature can turn wgpu on in test builds; we ship glow.
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        WINDOW_TITLE,
        options,
        Box::new(|cc| {
            let ctx = cc.egui_ctx.clone();
            let wake = Arc::new(move || ctx.request_repaint());
            Ok(Box::new(DeskApp::new(wake, AppOptions::from_env())))
        }),
    )
}
