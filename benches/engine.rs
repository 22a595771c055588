//! The questionnaire engine's speed, each figure beside a baseline measured in the same run:
//! - loading `eindex-2019.toml` (parse, resolve, type-check, order, lint) against parsing the
//!   same text into a generic TOML value;
//! - evaluating every rule on a full response with 226 services against reading every answer
//!   of that response once.
//!
//! `docs/performance.md` reports the ratios.

use anketa::questionnaire::{EINDEX_2019, load};
use anketa::response::{Response, Value};
use anketa::rules::evaluate;
use anketa::sample::full_response;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn loading(c: &mut Criterion) {
    let (name, text) = EINDEX_2019;
    let mut group = c.benchmark_group("load eindex-2019");
    group.bench_function("baseline: toml::Value parse", |b| {
        b.iter(|| black_box(text).parse::<toml::Table>().unwrap())
    });
    group.bench_function("load + check", |b| {
        b.iter(|| load(name, black_box(text).as_bytes()).unwrap())
    });
    group.finish();
}

/// Reads every stored answer once: the least any evaluation has to do.
fn touch_every_answer(r: &Response) -> f64 {
    let weigh = |v: &Value| match v {
        Value::Number(n) => *n,
        Value::Choice(c) => *c as f64,
        Value::Choices(c) => c.len() as f64,
        Value::Text(t) => t.len() as f64,
        Value::Urls(u) => u.len() as f64,
        Value::NotAvailable | Value::NotApplicable => 0.0,
    };
    let top: f64 = r.answers.values().map(weigh).sum();
    let rosters: f64 = r
        .rosters
        .values()
        .flatten()
        .flat_map(|i| i.answers.values())
        .map(weigh)
        .sum();
    top + rosters
}

fn evaluating(c: &mut Criterion) {
    let (name, text) = EINDEX_2019;
    let q = load(name, text.as_bytes()).unwrap();
    let r = full_response(&q, 226);
    let mut group = c.benchmark_group("evaluate 226 services");
    group.bench_function("baseline: read every answer", |b| {
        b.iter(|| touch_every_answer(black_box(&r)))
    });
    group.bench_function("evaluate all rules", |b| {
        b.iter(|| evaluate(&q, black_box(&r)))
    });
    group.finish();
}

criterion_group!(benches, loading, evaluating);
criterion_main!(benches);
