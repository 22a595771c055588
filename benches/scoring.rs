//! Scoring 10,000 submissions — the rules evaluated and every theme, level and indicator
//! computed, then the cohort's aggregate e-index per group and its segments — beside a
//! baseline measured in the same run: evaluating the rules alone for the same submissions.
//! The submissions are the 94 demo institutions, scored over and over.
//! `docs/performance.md` reports the figures.

use anketa::demo;
use anketa::exchange::SubmissionRecord;
use anketa::ids::SubmissionId;
use anketa::questionnaire::{EINDEX_2019, load};
use anketa::response::Response;
use anketa::rules::evaluate;
use anketa::scoring::cohort::{Entry, segment};
use anketa::scoring::{self, EINDEX_2019_SCORING, aggregate};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

const SUBMISSIONS: usize = 10_000;

fn scoring_10k(c: &mut Criterion) {
    let q = load(EINDEX_2019.0, EINDEX_2019.1.as_bytes()).unwrap();
    let model = scoring::load(EINDEX_2019_SCORING.0, EINDEX_2019_SCORING.1, &q).unwrap();
    let records: Vec<SubmissionRecord> = demo::institutions()
        .unwrap()
        .iter()
        .map(|inst| demo::submission(&q, EINDEX_2019.1, &model, inst, 2019))
        .collect();
    let responses: Vec<Response> = records.iter().map(SubmissionRecord::response).collect();
    let mut group = c.benchmark_group("10,000 submissions");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("baseline: evaluate the rules", |b| {
        b.iter(|| {
            for r in responses.iter().cycle().take(SUBMISSIONS) {
                black_box(evaluate(&q, r));
            }
        })
    });
    group.bench_function("evaluate the rules and score", |b| {
        b.iter(|| {
            for r in responses.iter().cycle().take(SUBMISSIONS) {
                let eval = evaluate(&q, r);
                black_box(model.score(&q, r, &eval));
            }
        })
    });
    group.bench_function("evaluate, score, aggregate and segment", |b| {
        b.iter(|| {
            let entries: Vec<Entry> = responses
                .iter()
                .zip(&records)
                .cycle()
                .take(SUBMISSIONS)
                .enumerate()
                .map(|(n, (r, record))| {
                    let eval = evaluate(&q, r);
                    Entry {
                        submission: SubmissionId(n as i64),
                        institution: record.institution.name.clone(),
                        year: record.year,
                        sector: record.institution.sector.clone(),
                        kind: record.institution.kind,
                        demo: true,
                        score: model.score(&q, r, &eval),
                    }
                })
                .collect();
            let cohort: Vec<&Entry> = entries.iter().collect();
            black_box(aggregate::by_group(&cohort, &model.weigh_by));
            for &i in &model.segments {
                black_box(segment(&cohort, i));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, scoring_10k);
criterion_main!(benches);
