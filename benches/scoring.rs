//! Scoring 10,000 submissions — the rules evaluated and every theme, level and indicator
//! computed, then the cohort's aggregate e-index per group and its segments — beside a
//! baseline measured in the same run: evaluating the rules alone for the same submissions.
//! The submissions are the 94 demo institutions, scored over and over.
//! `docs/performance.md` reports the figures.
//!
//! And the consultant's hand-outs: every demo institution's HTML page written, beside writing
//! the same figures (with the same next-level steps) as `results --json`.

use anketa::exchange::{self, SubmissionRecord};
use anketa::i18n::Lang;
use anketa::ids::SubmissionId;
use anketa::questionnaire::{EINDEX_2019, Questionnaire, load};
use anketa::response::Response;
use anketa::rules::evaluate;
use anketa::scoring::cohort::{Entry, segment};
use anketa::scoring::{self, EINDEX_2019_SCORING, Model, aggregate};
use anketa::store::{Resolution, Store};
use anketa::{demo, handout, results};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

const SUBMISSIONS: usize = 10_000;

/// The e-index, its scoring model and the demo institutions' submissions of 2019.
fn demo_cohort() -> (Questionnaire, Model, Vec<SubmissionRecord>) {
    let q = load(EINDEX_2019.0, EINDEX_2019.1.as_bytes()).unwrap();
    let model = scoring::load(EINDEX_2019_SCORING.0, EINDEX_2019_SCORING.1, &q).unwrap();
    let records = demo::institutions()
        .unwrap()
        .iter()
        .map(|inst| demo::submission(&q, EINDEX_2019.1, &model, inst, 2019))
        .collect();
    (q, model, records)
}

fn scoring_10k(c: &mut Criterion) {
    let (q, model, records) = demo_cohort();
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

/// The demo cohort in a database, as `anketa demo` leaves it: every submission's hand-out
/// written into a folder, against `results --all --json` written to a file.
fn handouts(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (q, _, records) = demo_cohort();
    let bytes = exchange::write("2019-12-31T12:00:00.000Z".into(), "demo".into(), records);
    let mut store = Store::open(&dir.path().join("d.db")).unwrap();
    store
        .import(
            &[exchange::read(&bytes).unwrap()],
            &[EINDEX_2019.1],
            Resolution::Theirs,
        )
        .unwrap();
    let (file, text) = EINDEX_2019_SCORING;
    let results = results::gather(&store, &q.id, file, text).unwrap();
    let all: Vec<usize> = (0..results.entries.len()).collect();
    let responses: Vec<Response> = results
        .entries
        .iter()
        .map(|e| store.load_response(e.submission).unwrap())
        .collect();
    let cohort = results.year(2019);
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let mut group = c.benchmark_group(format!("{} hand-outs", all.len()));
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("baseline: the same figures and steps as JSON", |b| {
        b.iter(|| {
            let steps: Vec<_> = all
                .iter()
                .map(|&i| results::steps(&results, i, &responses[i]))
                .collect();
            let mut json = Vec::new();
            results::write_json(&mut json, &results, &all, &steps).unwrap();
            std::fs::write(out.join("all.json"), json).unwrap();
        })
    });
    group.bench_function("every hand-out and the index", |b| {
        b.iter(|| {
            let mut pages = Vec::new();
            for &i in &all {
                let e = &results.entries[i];
                let name = handout::file_name(&e.institution, e.year);
                let html = results::handout(&results, i, &cohort, &responses[i], Lang::Lv);
                std::fs::write(out.join(&name), html).unwrap();
                pages.push((i, name));
            }
            let index = handout::index(Lang::Lv, &results, &pages);
            std::fs::write(out.join("index.html"), index).unwrap();
        })
    });
    group.finish();
}

criterion_group!(benches, scoring_10k, handouts);
criterion_main!(benches);
