//! The reviewers' plausibility pass (`anketa::plausibility::check`) over 1,000 e-index
//! submissions, beside a baseline measured in the same run: reading the same submissions,
//! touching every numeric answer once, without judging anything.
//!
//! The submissions are the demo generator's: 500 institutions (the seed's, each several times
//! under its own name) for 2019 and 2020. Each year's submission is generated under a name of
//! its own, so its figures are drawn afresh and about a third of them change by more than ×3:
//! more flags than real data would give, the pessimistic case. `docs/performance.md` reports
//! the figures.

use anketa::demo;
use anketa::ids::SubmissionId;
use anketa::plausibility::{Entry, check};
use anketa::questionnaire::{EINDEX_2019, load};
use anketa::response::{Response, Value};
use anketa::scoring::{self, EINDEX_2019_SCORING};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

const SUBMISSIONS: usize = 1_000;

/// (institution, year, response) of each submission.
fn cohort() -> Vec<(String, i32, Response)> {
    let q = load(EINDEX_2019.0, EINDEX_2019.1.as_bytes()).unwrap();
    let model = scoring::load(EINDEX_2019_SCORING.0, EINDEX_2019_SCORING.1, &q).unwrap();
    let seed: Vec<demo::Institution> = demo::institutions()
        .unwrap()
        .into_iter()
        .filter(|i| i.in_eindex)
        .collect();
    (0..SUBMISSIONS)
        .map(|n| {
            let (who, year) = (n / 2, 2019 + (n % 2) as i32);
            let mut inst = seed[who % seed.len()].clone();
            let institution = format!("{} #{who}", inst.name);
            inst.name = format!("{institution} {year}");
            let record = demo::submission(&q, EINDEX_2019.1, &model, &inst, year);
            (institution, year, record.response())
        })
        .collect()
}

/// Every numeric answer, read once: the least any pass over the figures has to do.
fn touch_every_number(r: &Response) -> f64 {
    let number = |v: &Value| match v {
        Value::Number(n) => *n,
        _ => 0.0,
    };
    let top: f64 = r.answers.values().map(number).sum();
    let rosters: f64 = r
        .rosters
        .values()
        .flatten()
        .flat_map(|i| i.answers.values())
        .map(number)
        .sum();
    top + rosters
}

fn plausibility_1000(c: &mut Criterion) {
    let q = load(EINDEX_2019.0, EINDEX_2019.1.as_bytes()).unwrap();
    let submissions = cohort();
    let entries: Vec<Entry> = submissions
        .iter()
        .enumerate()
        .map(|(i, (institution, year, response))| Entry {
            submission: SubmissionId(i as i64 + 1),
            institution,
            year: *year,
            response,
        })
        .collect();
    let mut group = c.benchmark_group("plausibility/1000");
    group.bench_function("baseline_read", |b| {
        b.iter(|| {
            black_box(&entries)
                .iter()
                .map(|e| touch_every_number(e.response))
                .sum::<f64>()
        })
    });
    group.bench_function("plausibility", |b| {
        b.iter(|| check(&q, black_box(&entries)))
    });
    group.finish();
}

criterion_group!(benches, plausibility_1000);
criterion_main!(benches);
