//! The results view's tests: the demo cohort opened as `anketa demo` opens it, moved to one
//! institution, and figures written as the Latvian interface writes them.

use super::tui::{Tui, app_on, demo_store, eindex_scoring, options, update};
use anketa::questionnaire::EINDEX_2019;
use anketa::tui::model::Screen;
use anketa::tui::model::results::{ResultsView, Tab};
use anketa::tui::{Action, Options};
use std::path::Path;

/// The institution whose results are shown, and the one it is compared with.
pub const SHOWN: &str = "Centrālā statistikas pārvalde";
pub const OTHER: &str = "Valsts zemes dienests";
pub const CUSTOMER_SERVICE: &str = "Klientu apkalpošana un atbalsts";

/// The usual options with the scoring model on, opening on results or on filling.
pub fn scored(dir: &Path, results_first: bool) -> Options {
    Options {
        scoring: eindex_scoring(),
        results_first,
        default_year: 2019,
        user: "Ilze Bērziņa".into(),
        ..options(dir)
    }
}

/// A database holding the demo submissions of every institution for 2019, opened the way
/// `anketa demo` opens it: on the start list, Enter showing results.
pub fn demo_app(dir: &Path) -> Tui {
    let store = demo_store(dir);
    let app = app_on(store, "q.toml", EINDEX_2019.1, scored(dir, true));
    let Screen::Start(start) = &app.screen else {
        panic!("the demo database opens on the start screen");
    };
    assert!(start.form.is_none(), "with submissions, the list shows");
    assert_eq!(start.list.rows.len(), 94);
    assert!(!start.list.more_before && !start.list.more_after);
    app
}

/// On the start list: move to `institution`'s submission and open it (its results).
pub fn open_results_of(app: &mut Tui, institution: &str) {
    super::tui::choose_on_start(app, |s| s.institution == institution);
    update(app, Action::Enter);
    assert_eq!(view(app).entry().institution, institution);
    assert_eq!(view(app).tab, Tab::Overview);
}

pub fn view(app: &Tui) -> &ResultsView {
    match &app.screen {
        Screen::Results(v) => v,
        _ => panic!("not on the results screen"),
    }
}

pub fn theme_index(app: &Tui, id: &str) -> usize {
    view(app)
        .scorer()
        .model
        .themes
        .iter()
        .position(|t| t.id == id)
        .unwrap_or_else(|| panic!("no theme {id}"))
}

/// One decimal with the decimal comma, as the Latvian interface writes figures.
pub fn lv(v: f64) -> String {
    format!("{v:.1}").replace('.', ",")
}

/// Two decimals with the decimal comma: the aggregate e-index.
pub fn lv2(v: f64) -> String {
    format!("{v:.2}").replace('.', ",")
}

/// The screen row that contains `text` (the first), with the screen in the failure.
pub fn row_with<'a>(screen: &'a str, text: &str) -> &'a str {
    screen
        .lines()
        .find(|line| line.contains(text))
        .unwrap_or_else(|| panic!("no row with {text:?} on the screen:\n{screen}"))
}
