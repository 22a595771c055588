//! The interface on the largest institution of the 2019 seed (226 services), and on one with
//! 5,000 (issue 14: a key's cost should not follow the roster's size): one key press, `update`
//! plus a full render into a 200×60 test terminal, beside a baseline measured in the same run
//! (rendering a blank 200×60 frame: the cost of the terminal machinery alone). Also the first
//! frame of the 226-service submission: opening it from the start screen and drawing.
//!
//! Besides criterion's figures, prints median and p99 over 2,000 timed key presses.
//! `docs/performance.md` reports the ratios.

#[path = "support/mod.rs"]
mod support;

use anketa::i18n::Lang;
use anketa::questionnaire::{EINDEX_2019, load};
use anketa::store::Store;
use anketa::tui::action::TextEdit;
use anketa::tui::{Action, App, Options, update, view};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::widgets::Clear;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};
use support::database;

/// The interface and the database it saves to, as the program runs them.
struct Running {
    app: App,
    store: Store,
}

impl Running {
    fn press(&mut self, action: Action) {
        update(&mut self.app, action, Instant::now(), &mut self.store);
    }
}

fn app(dir: &Path) -> Running {
    let q = load(EINDEX_2019.0, EINDEX_2019.1.as_bytes()).unwrap();
    let mut store = Store::open(&dir.join("a.db")).unwrap();
    let opts = Options {
        lang: Lang::Lv,
        expert: false,
        role: anketa::exchange::Role::Respondent,
        color: true,
        export_dir: dir.to_owned(),
        scoring: None,
        results_first: false,
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
    Running {
        app: App::new(q, EINDEX_2019.1.to_owned(), opts, submissions),
        store,
    }
}

/// Open the submission and go into the statistics table of its first service.
fn into_the_services(app: &mut Running) {
    app.press(Action::Resize(200, 60));
    app.press(Action::Enter);
    for _ in 0..5 {
        app.press(Action::Down);
    }
    app.press(Action::Enter);
    app.press(Action::Enter);
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).saturating_sub(1)]
}

fn key_presses(c: &mut Criterion) {
    for services in [226, 5_000] {
        key_presses_with(c, services);
    }
}

fn key_presses_with(c: &mut Criterion, services: usize) {
    let dir = tempfile::tempdir().unwrap();
    database(dir.path(), services);
    let mut app = app(dir.path());
    into_the_services(&mut app);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();

    let mut group = c.benchmark_group(format!("key press, {services} services, 200x60"));
    group.bench_function("baseline: render a blank frame", |b| {
        b.iter(|| {
            terminal.draw(|f| f.render_widget(Clear, f.area())).unwrap();
        })
    });
    let mut down = true;
    group.bench_function("move in the table: update + render", |b| {
        b.iter(|| {
            app.press(if down { Action::Down } else { Action::Up });
            down = !down;
            terminal
                .draw(|f| view::draw(f, black_box(&app.app)))
                .unwrap();
        })
    });
    // Typing evaluates the service's rules again for the live checks and sums.
    app.press(Action::Enter);
    let mut digit = true;
    let backspace = Action::EditText(TextEdit::DeleteBack);
    group.bench_function("type a digit: update + rules + render", |b| {
        b.iter(|| {
            app.press(if digit {
                Action::Type('7')
            } else {
                backspace.clone()
            });
            digit = !digit;
            terminal
                .draw(|f| view::draw(f, black_box(&app.app)))
                .unwrap();
        })
    });
    group.finish();

    let times = |f: &mut dyn FnMut()| {
        let mut t: Vec<Duration> = (0..2000)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect();
        t.sort();
        (percentile(&t, 0.5), percentile(&t, 0.99))
    };
    let (blank_median, blank_p99) = times(&mut || {
        terminal.draw(|f| f.render_widget(Clear, f.area())).unwrap();
    });
    let (type_median, type_p99) = times(&mut || {
        app.press(if digit {
            Action::Type('7')
        } else {
            backspace.clone()
        });
        digit = !digit;
        terminal.draw(|f| view::draw(f, &app.app)).unwrap();
    });
    println!(
        "{services} services, type a digit (update + rules + render 200x60): median \
         {type_median:?}, p99 {type_p99:?}; \
         blank frame: median {blank_median:?}, p99 {blank_p99:?}; ratio median {:.1}, p99 {:.1}",
        type_median.as_secs_f64() / blank_median.as_secs_f64(),
        type_p99.as_secs_f64() / blank_p99.as_secs_f64()
    );
}

fn first_frame(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    database(dir.path(), 226);
    c.bench_function(
        "first frame: open the 226-service submission and draw it",
        |b| {
            b.iter(|| {
                let mut app = app(dir.path());
                app.press(Action::Resize(200, 60));
                app.press(Action::Enter);
                let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
                terminal.draw(|f| view::draw(f, &app.app)).unwrap();
            })
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(4));
    targets = key_presses, first_frame
}
criterion_main!(benches);
