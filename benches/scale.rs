//! A ministry's consolidated database (issue 14): the same tasks on databases of 100, 1,000
//! and 10,000 e-index submissions (a tenth of them, ten years, `anketa demo --institutions`),
//! each size's figure a ratio to the smallest's, measured in the same run:
//! - the real binary: `anketa submissions` (opening the database and listing it), and
//!   `anketa results --all --json` (every submission scored, ranked in its year);
//! - in process: the interface's first frame, `v` on a submission (its year's cohort scored,
//!   then again from the kept scores), and Down in the leaders' list.
//!
//! The databases are built once into `target/scale/` (the 10,000 takes about two minutes)
//! and reused. `docs/performance.md` reports the figures.

use anketa::i18n::Lang;
use anketa::questionnaire::{EINDEX_2019, load};
use anketa::scoring::EINDEX_2019_SCORING;
use anketa::store::Store;
use anketa::tui::{Action, App, Options, update, view};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const SIZES: [usize; 3] = [100, 1_000, 10_000];
const YEARS: usize = 10;

fn anketa() -> Command {
    Command::new(env!("CARGO_BIN_EXE_anketa"))
}

/// The database of `size` submissions, built if it is not there yet.
fn database(size: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/scale");
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join(format!("{size}.db"));
    if !db.exists() {
        let partial = dir.join(format!("{size}.partial.db"));
        let _ = std::fs::remove_file(&partial);
        let status = anketa()
            .args(["--db", partial.to_str().unwrap(), "demo", "--no-tui"])
            .args(["--institutions", &(size / YEARS).to_string()])
            .args(["--year", "2015", "--last-year", "2024"])
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::rename(&partial, &db).unwrap();
        let _ = std::fs::remove_file(dir.join(format!("{size}.partial.db.checked")));
    }
    db
}

fn run(db: &Path, args: &[&str]) {
    let out = anketa().arg("--db").arg(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    black_box(out.stdout.len());
}

fn whole_process(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale/process");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    for size in SIZES {
        let db = database(size);
        group.bench_with_input(BenchmarkId::new("submissions", size), &db, |b, db| {
            b.iter(|| run(db, &["submissions"]))
        });
        group.bench_with_input(
            BenchmarkId::new("results --all --json", size),
            &db,
            |b, db| b.iter(|| run(db, &["results", "--all", "--json"])),
        );
    }
    group.finish();
}

fn interface(db: &Path) -> (App, Store) {
    let q = load(EINDEX_2019.0, EINDEX_2019.1.as_bytes()).unwrap();
    let mut store = Store::open(db).unwrap();
    let (file, text) = EINDEX_2019_SCORING;
    let opts = Options {
        lang: Lang::Lv,
        expert: false,
        role: anketa::exchange::Role::Consultant,
        color: true,
        export_dir: std::env::temp_dir(),
        scoring: Some((file.to_owned(), text.to_owned())),
        results_first: true,
        default_year: 2019,
        user: "Ilze Bērziņa".into(),
    };
    let submissions = anketa::tui::Effects::window(
        &mut store,
        &q.id,
        anketa::store::Seek::Newest,
        anketa::tui::START_ROWS,
    )
    .unwrap();
    let mut app = App::new(q, EINDEX_2019.1.to_owned(), opts, submissions);
    update(
        &mut app,
        Action::Resize(120, 40),
        Instant::now(),
        &mut store,
    );
    (app, store)
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|f| view::draw(f, app)).unwrap();
}

fn in_process(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale/interface");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    for size in SIZES {
        let db = database(size);
        group.bench_with_input(BenchmarkId::new("first frame", size), &db, |b, db| {
            b.iter(|| {
                let (app, _store) = interface(db);
                draw(&mut terminal, &app);
            })
        });
        group.bench_with_input(BenchmarkId::new("v, first time", size), &db, |b, db| {
            b.iter_batched(
                || interface(db),
                |(mut app, mut store)| {
                    update(&mut app, Action::Enter, Instant::now(), &mut store);
                    draw(&mut terminal, &app);
                    (app, store)
                },
                criterion::BatchSize::LargeInput,
            )
        });
        let (mut app, mut store) = interface(&db);
        update(&mut app, Action::Enter, Instant::now(), &mut store);
        group.bench_function(BenchmarkId::new("v, again", size), |b| {
            b.iter(|| {
                update(&mut app, Action::Back, Instant::now(), &mut store);
                update(&mut app, Action::Enter, Instant::now(), &mut store);
                draw(&mut terminal, &app);
            })
        });
        update(&mut app, Action::NextTab, Instant::now(), &mut store);
        group.bench_function(BenchmarkId::new("Down in the leaders", size), |b| {
            b.iter(|| {
                update(&mut app, Action::Down, Instant::now(), &mut store);
                draw(&mut terminal, &app);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, whole_process, in_process);
criterion_main!(benches);
