//! Support staff's costs over 1,000 e-index submissions, each beside a baseline measured in
//! the same run:
//! - the inbox's first frame (every submission listed with its queries counted, those on
//!   screen evaluated with their definition, drawn) and the inbox with every submission
//!   evaluated (the ticks that follow), against reading the same submissions from the
//!   database without evaluating them;
//! - the organiser's answer tables over 10,000 submissions against reading the same answers
//!   without aggregating;
//! - the plausibility pass (`anketa::plausibility::check`) against reading the same
//!   submissions, touching every numeric answer once, without judging anything.
//!
//! The submissions are the demo generator's: 500 institutions (the seed's, each several times
//! under its own name) for 2019 and 2020. Each year's submission is generated under a name of
//! its own, so its figures are drawn afresh and about a third of them change by more than ×3:
//! more flags than real data would give, the pessimistic case. `docs/performance.md` reports
//! the figures.

use anketa::demo;
use anketa::exchange::{self, Role};
use anketa::i18n::Lang;
use anketa::ids::SubmissionId;
use anketa::plausibility::{Entry, check};
use anketa::questionnaire::{EINDEX_2019, load};
use anketa::response::{Response, Value};
use anketa::scoring::{self, EINDEX_2019_SCORING};
use anketa::store::{Resolution, Store};
use anketa::tui::{Action, App, Options, open_inbox};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::time::Instant;

const SUBMISSIONS: usize = 1_000;

/// The demo generator's submissions: 500 institutions for 2019 and 2020.
fn records() -> Vec<exchange::SubmissionRecord> {
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
            demo::submission(&q, EINDEX_2019.1, &model, &inst, year)
        })
        .collect()
}

/// (institution, year, response) of each submission.
fn cohort() -> Vec<(String, i32, Response)> {
    records()
        .into_iter()
        .map(|r| {
            let name = r.institution.name.clone();
            let institution = name
                .rsplit_once(' ')
                .map_or(name.clone(), |(n, _)| n.into());
            (institution, r.year, r.response())
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

fn inbox_1000(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("a.db")).unwrap();
    let bytes = exchange::write("now".into(), "bench".into(), records());
    store
        .import(
            &[exchange::read(&bytes).unwrap()],
            &[EINDEX_2019.1],
            Resolution::Refuse,
        )
        .unwrap();
    assert_eq!(store.submissions().unwrap().len(), SUBMISSIONS);
    let opts = || Options {
        lang: Lang::Lv,
        expert: false,
        role: Role::Support,
        color: true,
        export_dir: dir.path().to_owned(),
        scoring: None,
        results_first: false,
        default_year: 2019,
        user: "Jānis Kalniņš".into(),
    };
    let mut group = c.benchmark_group("inbox/1000");
    group.sample_size(20);
    group.bench_function("baseline_read", |b| {
        b.iter(|| {
            let list = store.submissions().unwrap();
            list.iter()
                .map(|s| store.load_response(s.id).unwrap().answers.len())
                .sum::<usize>()
        })
    });
    group.bench_function("first_frame", |b| {
        b.iter(|| {
            // As the program starts: the definition loaded, the inbox gathered and drawn.
            let q = load(EINDEX_2019.0, EINDEX_2019.1.as_bytes()).unwrap();
            let mut app = App::new(q, EINDEX_2019.1.to_owned(), opts(), Default::default());
            open_inbox(&mut app, &mut store);
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
            terminal.draw(|f| anketa::tui::view::draw(f, &app)).unwrap();
            black_box(terminal.backend().buffer().area.width)
        })
    });
    group.bench_function("all_evaluated", |b| {
        b.iter(|| {
            let q = load(EINDEX_2019.0, EINDEX_2019.1.as_bytes()).unwrap();
            let mut app = App::new(q, EINDEX_2019.1.to_owned(), opts(), Default::default());
            open_inbox(&mut app, &mut store);
            let done = |app: &App| match &app.screen {
                anketa::tui::model::Screen::Inbox(inbox) => inbox.evaluated() == inbox.rows.len(),
                _ => true,
            };
            while !done(&app) {
                anketa::tui::update(&mut app, Action::Tick, Instant::now(), &mut store);
            }
        })
    });
    group.finish();
}

/// The organiser's answer tables over 10,000 submissions (the 1,000 ten times over), against
/// reading every answer of the same submissions once without aggregating.
fn report_10000(c: &mut Criterion) {
    let q = load(EINDEX_2019.0, EINDEX_2019.1.as_bytes()).unwrap();
    let thousand: Vec<Response> = cohort().into_iter().map(|(_, _, r)| r).collect();
    let responses: Vec<&Response> = thousand.iter().cycle().take(10 * SUBMISSIONS).collect();
    let mut group = c.benchmark_group("report/10000");
    group.sample_size(10);
    group.bench_function("baseline_read", |b| {
        b.iter(|| {
            black_box(&responses)
                .iter()
                .map(|r| touch_every_number(r))
                .sum::<f64>()
        })
    });
    group.bench_function("tabulate", |b| {
        b.iter(|| anketa::report::tabulate(&q, black_box(&responses)))
    });
    group.finish();
}

criterion_group!(benches, inbox_1000, plausibility_1000, report_10000);
criterion_main!(benches);
