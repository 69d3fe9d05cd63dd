//! Frame CPU time and idle frames, headless (no display, no GPU), driving egui directly.
//!
//! 1. `frame_filter`: the area dropdown (`LookupCombo` over `Lookups::areas`, as the form uses
//!    it) with all 154,824 areas loaded vs 10 areas: the popup is opened by a simulated click,
//!    then 8 characters are typed into its filter, one per frame. Each typed frame is timed as
//!    `Context::run_ui` + `Context::tessellate` (everything but the GPU upload/draw).
//! 2. `idle_frames`: the whole `DeskApp` with its own in-process Sandbox, repainted exactly when
//!    egui asks for it (request_repaint callback + `repaint_delay`, as eframe does). After all
//!    lookups have loaded, the frames drawn in the next 10 s are counted.
//!
//! `cargo bench --bench frame_compare` prints both lines. `SOURCEHUB_BENCH_ROUNDS` (default 20)
//! sets how many times the 8 characters are typed.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use egui::epaint::ClippedShape;
use egui::{Event, Key, Modifiers, Pos2, RawInput, Rect, Shape, ViewportId, vec2};
use sourcehub_desk::api::EnvKind;
use sourcehub_desk::api::types::Area;
use sourcehub_desk::keystore::KeyStore;
use sourcehub_desk::sandbox::{self, SandboxConfig};
use sourcehub_desk::ui::app::{KeyringChoice, SandboxChoice};
use sourcehub_desk::ui::lookup_combo::LookupCombo;
use sourcehub_desk::ui::lookup_list::{LoadState, Lookups};
use sourcehub_desk::ui::{AppOptions, DeskApp};

const TYPED: &str = "agaram b";
const SCREEN: [f32; 2] = [1280.0, 800.0];

struct Driver {
    ctx: egui::Context,
    time: f64,
}

impl Driver {
    fn new() -> Driver {
        Driver {
            ctx: egui::Context::default(),
            time: 0.0,
        }
    }

    fn input(&mut self, events: Vec<Event>) -> RawInput {
        self.time += 1.0 / 60.0;
        RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(SCREEN[0], SCREEN[1]))),
            time: Some(self.time),
            focused: true,
            events,
            ..Default::default()
        }
    }

    /// One frame; returns its CPU time and every text drawn.
    fn frame(
        &mut self,
        events: Vec<Event>,
        mut ui_fn: impl FnMut(&mut egui::Ui),
    ) -> (Duration, Vec<String>) {
        let input = self.input(events);
        let t = Instant::now();
        let out = self.ctx.run_ui(input, |ui| ui_fn(ui));
        let texts = texts(&out.shapes);
        let prims = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        let took = t.elapsed();
        std::hint::black_box(prims);
        (took, texts)
    }
}

fn collect(shape: &Shape, out: &mut Vec<String>) {
    match shape {
        Shape::Text(t) => out.push(t.galley.text().to_owned()),
        Shape::Vec(v) => v.iter().for_each(|s| collect(s, out)),
        _ => {}
    }
}

fn texts(shapes: &[ClippedShape]) -> Vec<String> {
    let mut out = Vec::new();
    for s in shapes {
        collect(&s.shape, &mut out);
    }
    out
}

fn area_combo(ui: &mut egui::Ui, lookups: &mut Lookups, combo_rect: &mut Rect) {
    egui::CentralPanel::default_margins().show(ui, |ui| {
        let label = ui.label("Area");
        let combo = LookupCombo {
            id_salt: "area",
            label_id: label.id,
            noun_plural: "Areas",
            selected_text: String::new(),
            suggested: Vec::new(),
            expected_total: None,
            width: 420.0,
            pick_exact_match: false,
        };
        let (_pick, response) = combo.show(ui, &mut lookups.areas);
        *combo_rect = response.rect;
    });
}

/// Mean and max CPU time of the frames that each type one character into the area filter.
fn typing_frames(areas: Vec<Area>, rounds: usize) -> (Duration, Duration, usize) {
    let mut lookups = Lookups::default();
    lookups.add_areas(areas);
    lookups.areas.state = LoadState::Loaded;
    let mut d = Driver::new();
    let mut rect = Rect::NOTHING;
    for _ in 0..3 {
        d.frame(vec![], |ui| area_combo(ui, &mut lookups, &mut rect));
    }
    let at = rect.center();
    d.frame(vec![Event::PointerMoved(at)], |ui| {
        area_combo(ui, &mut lookups, &mut rect)
    });
    let button = |pressed| Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    d.frame(vec![button(true)], |ui| {
        area_combo(ui, &mut lookups, &mut rect)
    });
    d.frame(vec![button(false)], |ui| {
        area_combo(ui, &mut lookups, &mut rect)
    });
    // The popup focuses its filter on its first frame; focus lands on the next.
    for _ in 0..3 {
        d.frame(vec![], |ui| area_combo(ui, &mut lookups, &mut rect));
    }
    let key = |k| Event::Key {
        key: k,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    let mut times = Vec::new();
    let warmup = 2;
    for round in 0..rounds + warmup {
        let mut last_texts = Vec::new();
        for ch in TYPED.chars() {
            let (t, texts) = d.frame(vec![Event::Text(ch.to_string())], |ui| {
                area_combo(ui, &mut lookups, &mut rect)
            });
            if round >= warmup {
                times.push(t);
            }
            last_texts = texts;
        }
        assert!(
            last_texts.iter().any(|t| t == TYPED),
            "the filter did not receive the typed text; drawn: {:?}",
            &last_texts[..last_texts.len().min(12)]
        );
        for _ in 0..TYPED.len() {
            d.frame(vec![key(Key::Backspace)], |ui| {
                area_combo(ui, &mut lookups, &mut rect)
            });
        }
    }
    let max = times.iter().copied().max().unwrap_or_default();
    let mean = times.iter().sum::<Duration>() / times.len().max(1) as u32;
    (mean, max, times.len())
}

/// Frames drawn while the lookups load, how long that took, and frames in the next 10 s.
fn idle_frames() -> (usize, Duration, usize) {
    let handle = sandbox::start(SandboxConfig::default()).expect("sandbox");
    let ctx = egui::Context::default();
    // When egui wants the next frame: eframe's event loop in miniature.
    let next: Arc<Mutex<Option<Instant>>> = Arc::new(Mutex::new(Some(Instant::now())));
    {
        let next = next.clone();
        ctx.set_request_repaint_callback(move |info| {
            if info.viewport_id == ViewportId::ROOT {
                let at = Instant::now() + info.delay;
                let mut n = next.lock().unwrap();
                *n = Some(n.map_or(at, |x| x.min(at)));
            }
        });
    }
    let wake_ctx = ctx.clone();
    let mut app = DeskApp::new(
        Arc::new(move || wake_ctx.request_repaint()),
        AppOptions {
            keyring: KeyringChoice::Given(KeyStore::mock().expect("mock keyring")),
            sandbox: SandboxChoice::Given(handle),
            env: EnvKind::Sandbox,
            ..AppOptions::default()
        },
    );
    let mut d = Driver { ctx, time: 0.0 };
    let start = Instant::now();
    let mut frames_loading = 0;
    let mut idle_from: Option<Instant> = None;
    let mut idle_frames = 0;
    loop {
        let now = Instant::now();
        if let Some(from) = idle_from
            && now >= from + Duration::from_secs(10)
        {
            break;
        }
        assert!(
            now < start + Duration::from_secs(600),
            "lookups did not finish loading in 600 s"
        );
        let due = next.lock().unwrap().is_some_and(|at| at <= now);
        if !due {
            std::thread::sleep(Duration::from_millis(1));
            continue;
        }
        *next.lock().unwrap() = None;
        d.time = start.elapsed().as_secs_f64() - 1.0 / 60.0;
        let input = d.input(vec![]);
        let out = d.ctx.run_ui(input, |ui| {
            app.poll();
            app.draw(ui);
        });
        if let Some(vp) = out.viewport_output.get(&ViewportId::ROOT)
            && vp.repaint_delay != Duration::MAX
        {
            let at = Instant::now() + vp.repaint_delay;
            let mut n = next.lock().unwrap();
            *n = Some(n.map_or(at, |x| x.min(at)));
        }
        match idle_from {
            Some(_) => idle_frames += 1,
            None => {
                frames_loading += 1;
                let l = &app.lookups;
                let loaded = !l.areas.is_loading()
                    && !l.postal_codes.is_loading()
                    && !l.agents.is_loading()
                    && !l.areas.is_empty();
                if loaded {
                    eprintln!(
                        "lookups loaded after {:.1} s and {frames_loading} frames: {} areas, {} postal codes, {} agents",
                        start.elapsed().as_secs_f64(),
                        l.areas.len(),
                        l.postal_codes.len(),
                        l.agents.len()
                    );
                    idle_from = Some(Instant::now());
                }
            }
        }
    }
    (frames_loading, start.elapsed(), idle_frames)
}

fn main() {
    let rounds: usize = std::env::var("SOURCEHUB_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
        .max(1);
    let data = sandbox::dataset().expect("sandbox dataset");
    let all: Vec<Area> = data.areas.iter().map(|r| data.area_view(r, true)).collect();
    let n = all.len();
    let few: Vec<Area> = all.iter().take(10).cloned().collect();
    let (few_mean, few_max, _) = typing_frames(few, rounds);
    let (all_mean, all_max, count) = typing_frames(all, rounds);
    eprintln!(
        "typed frames: {count} each; {n} areas mean {:.3} ms max {:.3} ms; 10 areas mean {:.3} ms max {:.3} ms",
        all_mean.as_secs_f64() * 1e3,
        all_max.as_secs_f64() * 1e3,
        few_mean.as_secs_f64() * 1e3,
        few_max.as_secs_f64() * 1e3
    );
    let (o, a) = (all_mean.as_secs_f64() * 1e3, few_mean.as_secs_f64() * 1e3);
    println!(
        "frame_filter: ours {o:.3} ms, anchor {a:.3} ms, ratio {:.2} (target ≤ 1.2)",
        o / a
    );
    if std::env::var_os("SOURCEHUB_BENCH_SKIP_IDLE").is_some() {
        return;
    }
    let (loading_frames, _, idle) = idle_frames();
    eprintln!("frames drawn while the lookups loaded: {loading_frames}");
    let ratio = if idle == 0 {
        "0".to_owned()
    } else {
        "inf".to_owned()
    };
    println!("idle_frames: ours {idle} frames, anchor 0 frames, ratio {ratio} (target ≤ 0)");
}
