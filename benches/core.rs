//! Micro benchmarks (issue 6): GSTIN validation, type-ahead filtering over every area label,
//! parsing one API page of 100 areas, and building the lookup filter index.
//!
//! `cargo bench --bench core -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use sourcehub_desk::api::lenient::unwrap_data;
use sourcehub_desk::api::types::Area;
use sourcehub_desk::domain::filter::FilterIndex;
use sourcehub_desk::domain::gstin;
use sourcehub_desk::sandbox;

/// Every area label exactly as the dropdown shows it, built from the Sandbox's real data.
fn area_labels() -> Vec<String> {
    let data = sandbox::dataset().expect("sandbox dataset");
    data.areas
        .iter()
        .map(|rec| data.area_view(rec, false).display_label())
        .collect()
}

fn build_index(labels: &[String]) -> FilterIndex {
    let mut ix = FilterIndex::new();
    for l in labels {
        ix.push(l);
    }
    ix
}

fn bench_gstin(c: &mut Criterion) {
    let mut g = c.benchmark_group("gstin_validate");
    g.bench_function("valid", |b| {
        b.iter(|| gstin::validate(black_box("27AAPFU0939F1ZV")))
    });
    g.bench_function("valid_spaced_lowercase", |b| {
        b.iter(|| gstin::validate(black_box(" 27aapfu0939f1zv ")))
    });
    g.bench_function("invalid_check_char", |b| {
        b.iter(|| gstin::validate(black_box("27AAPFU0939F1ZW")))
    });
    g.bench_function("invalid_length", |b| {
        b.iter(|| gstin::validate(black_box("27AAPFU0939F1Z")))
    });
    g.bench_function("invalid_fullwidth", |b| {
        b.iter(|| gstin::validate(black_box("２7AAPFU0939F1ZV")))
    });
    g.finish();
}

fn bench_filter(c: &mut Criterion) {
    let labels = area_labels();
    let ix = build_index(&labels);
    let mut g = c.benchmark_group(format!("filter_{}_areas", labels.len()));
    for q in ["a", "aga", "agaram b"] {
        let n = ix.matches(q).len();
        g.bench_function(format!("{}_chars_{n}_hits", q.chars().count()), |b| {
            b.iter(|| ix.matches(black_box(q)))
        });
    }
    g.finish();
}

fn bench_parse_page(c: &mut Criterion) {
    let data = sandbox::dataset().expect("sandbox dataset");
    let views: Vec<Area> = data
        .areas
        .iter()
        .take(100)
        .map(|rec| data.area_view(rec, true))
        .collect();
    let body = serde_json::to_vec(&json!({ "data": views })).expect("serialise page");
    let mut g = c.benchmark_group("parse_area_page");
    g.throughput(criterion::Throughput::Bytes(body.len() as u64));
    g.bench_function("100_areas_lenient", |b| {
        b.iter(|| {
            let v: Value = serde_json::from_slice(black_box(&body)).expect("json");
            let areas: Vec<Area> = serde_json::from_value(unwrap_data(v)).expect("areas");
            assert_eq!(areas.len(), 100);
            areas
        })
    });
    g.finish();
}

fn bench_index_build(c: &mut Criterion) {
    let labels = area_labels();
    let mut g = c.benchmark_group("lookup_index");
    g.sample_size(10);
    g.bench_function(format!("build_{}_areas", labels.len()), |b| {
        b.iter_batched(
            || (),
            |()| build_index(black_box(&labels)),
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(
    benches,
    bench_gstin,
    bench_filter,
    bench_parse_page,
    bench_index_build
);
criterion_main!(benches);
