//! The interface driven action by action, as the keyboard would, against a real database (or
//! the effects kept in memory), at a time the test moves, and drawn into a test terminal.

use super::INSTITUTION;
use anketa::exchange;
use anketa::i18n::Lang;
use anketa::questionnaire::{self, EINDEX_2019};
use anketa::scoring::{self, EINDEX_2019_SCORING};
use anketa::store::{Resolution, Store};
use anketa::tui::model::{Fill, Screen};
use anketa::tui::{Action, App, Effects, Options};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::time::{Duration, Instant};

/// The interface, what it saves to, and the time as the test moves it.
pub struct Tui<F: Effects = Store> {
    pub app: App,
    pub store: F,
    pub now: Instant,
}

impl<F: Effects> Deref for Tui<F> {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl<F: Effects> DerefMut for Tui<F> {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}

impl<F: Effects> Tui<F> {
    /// Let time pass without a key, as the loop's ticks do.
    pub fn wait(&mut self, time: Duration) {
        self.now += time;
        update(self, Action::Tick);
    }
}

/// One action, at the test's present time.
pub fn update<F: Effects>(tui: &mut Tui<F>, action: Action) {
    let Tui { app, store, now } = tui;
    anketa::tui::update(app, action, *now, store);
}

/// On the start list: move the cursor, as a person would with the arrow keys, to the first
/// submission `chosen` takes, from the top of the list (its window read as it moves).
pub fn choose_on_start<F: Effects>(
    tui: &mut Tui<F>,
    chosen: impl Fn(&anketa::store::SubmissionSummary) -> bool,
) {
    let start = |tui: &Tui<F>| match &tui.app.screen {
        Screen::Start(start) => (start.cursor, start.list.more_before, start.list.more_after),
        _ => panic!("not on the start screen"),
    };
    while start(tui).0 > 0 || start(tui).1 {
        update(tui, Action::PageUp);
    }
    loop {
        let Screen::Start(list) = &tui.app.screen else {
            unreachable!("still on the start screen")
        };
        match list.list.rows.get(list.cursor) {
            Some(row) if chosen(row) => return,
            Some(_) => update(tui, Action::Down),
            None => panic!("no submission on the start list is the one chosen"),
        }
    }
}

/// The two sizes every screen is drawn at: the classic terminal and a roomy one.
pub const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// The options most tests run with: Latvian, no colour, no expert mode, files exported to
/// `dir`, no scoring model, opening on filling.
pub fn options(dir: &Path) -> Options {
    Options {
        lang: Lang::Lv,
        expert: false,
        role: anketa::exchange::Role::Respondent,
        color: false,
        export_dir: dir.to_owned(),
        scoring: None,
        results_first: false,
        default_year: 2019,
        user: "Ilze Bērziņa".into(),
    }
}

/// The 2019 e-index scoring model, as `Options::scoring` takes it.
pub fn eindex_scoring() -> Option<(String, String)> {
    let (file, text) = EINDEX_2019_SCORING;
    Some((file.to_owned(), text.to_owned()))
}

/// The interface on `store` for `definition`, loaded as the file `name`.
pub fn app_on<F: Effects>(mut store: F, name: &str, definition: &str, options: Options) -> Tui<F> {
    let q = questionnaire::load(name, definition.as_bytes()).unwrap();
    let submissions = store
        .window(&q.id, anketa::store::Seek::Newest, anketa::tui::START_ROWS)
        .unwrap();
    Tui {
        app: App::new(q, definition.to_owned(), options, submissions),
        store,
        now: Instant::now(),
    }
}

/// The interface for `definition` (as `q.toml`) on the database `a.db` in `dir`.
pub fn app_with(dir: &Path, definition: &str, options: Options) -> Tui {
    let store = Store::open(&dir.join("a.db")).unwrap();
    app_on(store, "q.toml", definition, options)
}

/// [`app_with`] with the usual [`options`].
pub fn app_for(dir: &Path, definition: &str) -> Tui {
    app_with(dir, definition, options(dir))
}

pub fn typed<F: Effects>(app: &mut Tui<F>, text: &str) {
    for c in text.chars() {
        update(app, Action::Type(c));
    }
}

pub fn run<F: Effects>(app: &mut Tui<F>, actions: impl IntoIterator<Item = Action>) {
    for a in actions {
        update(app, a);
    }
}

/// Fill the start form the way a respondent would: institution, registration number, year
/// and name (sector and kind left as they are).
pub fn fill_start_form<F: Effects>(app: &mut Tui<F>, institution: &str) {
    fill_start_form_with(app, institution, "90000069281", "2019", "Ilze Bērziņa");
}

/// Fill the start form with these institution, registration number (`""`: left empty), year
/// and name; sector and kind are left as they are.
pub fn fill_start_form_with<F: Effects>(
    app: &mut Tui<F>,
    institution: &str,
    reg_no: &str,
    year: &str,
    name: &str,
) {
    typed(app, institution);
    update(app, Action::NextField);
    typed(app, reg_no);
    run(
        app,
        [Action::NextField, Action::NextField, Action::NextField],
    );
    typed(app, year);
    update(app, Action::NextField);
    typed(app, name);
}

/// A new submission of the 2019 e-index on `a.db` in `dir` with `options`, through the start
/// form, landing on the fill screen.
pub fn new_submission_with(dir: &Path, options: Options) -> Tui {
    let mut app = app_with(dir, EINDEX_2019.1, options);
    fill_start_form(&mut app, INSTITUTION);
    update(&mut app, Action::Enter);
    assert!(
        matches!(app.screen, Screen::Fill(_)),
        "the form opens the new submission"
    );
    app
}

/// [`new_submission_with`] the usual [`options`].
pub fn new_submission(dir: &Path) -> Tui {
    new_submission_with(dir, options(dir))
}

pub fn fill(app: &App) -> &Fill {
    match &app.screen {
        Screen::Fill(f) => f,
        _ => panic!("not on the fill screen"),
    }
}

pub fn current_code(app: &App) -> String {
    let f = fill(app);
    f.q.questions[f.question].code.clone()
}

/// Go to the section with this id and into its first question (or roster list).
pub fn open_section<F: Effects>(app: &mut Tui<F>, id: &str) {
    // Back up to the section list (one more Esc would leave the submission).
    while fill(app).focus != anketa::tui::model::Focus::Sections {
        update(app, Action::Back);
    }
    let f = fill(app);
    let target = f
        .sections()
        .iter()
        .position(|&s| f.q.sections[s].id == id)
        .unwrap();
    let steps = target as isize - f.section as isize;
    for _ in 0..steps.unsigned_abs() {
        update(app, if steps > 0 { Action::Down } else { Action::Up });
    }
    update(app, Action::Enter);
}

/// Move on question by question until `code` is the current one.
pub fn go_to<F: Effects>(app: &mut Tui<F>, code: &str) {
    for _ in 0..100 {
        if current_code(app) == code {
            return;
        }
        update(app, Action::NextQuestion);
    }
    panic!("{code} was not reached");
}

/// Move the option cursor to the option with this code.
pub fn cursor_to<F: Effects>(app: &mut Tui<F>, code: i64) {
    let f = fill(app);
    let item = f.q.questions[f.question].items.start;
    let index = f.q.items[item]
        .answer
        .choices()
        .iter()
        .position(|c| c.code == code)
        .unwrap();
    while fill(app).cursor > index {
        update(app, Action::Up);
    }
    while fill(app).cursor < index {
        update(app, Action::Down);
    }
}

/// The database `d.db` in `dir` holding the demo submissions of every institution for 2019,
/// imported as `anketa demo` imports them.
pub fn demo_store(dir: &Path) -> Store {
    let (name, definition) = EINDEX_2019;
    let q = questionnaire::load(name, definition.as_bytes()).unwrap();
    let (file, text) = EINDEX_2019_SCORING;
    let model = scoring::load(file, text, &q).unwrap();
    let records: Vec<_> = anketa::demo::institutions()
        .unwrap()
        .iter()
        .map(|inst| anketa::demo::submission(&q, definition, &model, inst, 2019))
        .collect();
    assert_eq!(records.len(), 94, "the seed's 94 institutions");
    let bytes = exchange::write("2019-12-31T12:00:00.000Z".into(), "demo".into(), records);
    let file = exchange::read(&bytes).unwrap();
    let mut store = Store::open(&dir.join("d.db")).unwrap();
    store
        .import(&[file], &[definition], Resolution::Theirs)
        .unwrap();
    store
}

/// Draw the interface at `w`×`h` and return the test terminal.
pub fn draw<F: Effects>(app: &mut Tui<F>, w: u16, h: u16) -> Terminal<TestBackend> {
    update(app, Action::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| anketa::tui::view::draw(f, &app.app))
        .unwrap();
    terminal
}

/// The screen as plain text, one line per row (without the snapshot's quotes).
pub fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let width = buffer.area.width as usize;
    buffer
        .content
        .chunks(width)
        .map(|row| {
            let line: String = row.iter().map(|cell| cell.symbol()).collect();
            line.trim_end().to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Draw at both [`SIZES`], hand each test terminal to `check` with its width and height, and
/// return the two screens as text for further assertions.
pub fn draw_both<F: Effects>(
    app: &mut Tui<F>,
    mut check: impl FnMut(u16, u16, &Terminal<TestBackend>),
) -> [String; 2] {
    SIZES.map(|(w, h)| {
        let terminal = draw(app, w, h);
        check(w, h, &terminal);
        screen_text(&terminal)
    })
}

/// Go on to question `code` and toggle its option `option`.
pub fn choose<F: Effects>(app: &mut Tui<F>, code: &str, option: i64) {
    go_to(app, code);
    cursor_to(app, option);
    update(app, Action::Toggle);
}

/// The words on a screen in reading order, box-drawing borders left out, so that text wrapped
/// over several rows of a bordered panel still reads as one run of words.
pub fn words(screen: &str) -> Vec<&str> {
    screen
        .split(|c: char| c.is_whitespace() || matches!(c, '│' | '─' | '┌' | '┐' | '└' | '┘'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `needle` is on the screen: on one row, or wrapped over several.
pub fn on_screen(screen: &str, needle: &str) -> bool {
    if screen.contains(needle) {
        return true;
    }
    let wanted = words(needle);
    !wanted.is_empty() && words(screen).windows(wanted.len()).any(|w| w == wanted)
}

/// Every screen must contain `needle`, with a readable failure when it does not.
pub fn assert_on_screens(screens: &[String], needle: &str) {
    for screen in screens {
        assert!(
            on_screen(screen, needle),
            "{needle:?} is not on the screen:\n{screen}"
        );
    }
}
