//! The results view: opening it, moving through its tabs and the cohort, closing it.

use super::*;
use crate::results;
use crate::scoring;
use crate::store::SubmissionId;
use crate::tui::results::{ResultsView, Tab};

/// Open the results of `submission`; `back` is the fill screen to return to.
pub(crate) fn open(app: &mut App, submission: SubmissionId, back: Option<Box<Fill>>) {
    let Some((file, text)) = app.opts.scoring.clone() else {
        let text = app.tr(T::Unscored);
        app.info(text);
        if let Some(fill) = back {
            app.screen = Screen::Fill(fill);
        }
        return;
    };
    let found = results::gather(&app.store, &app.q.id, &file, &text)
        .ok()
        .and_then(|results| {
            results
                .position(submission)
                .map(|current| (results, current))
        });
    match found {
        Some((results, current)) => {
            app.screen = Screen::Results(Box::new(ResultsView {
                results,
                current,
                compare: None,
                tab: Tab::Overview,
                cursor: 0,
                suggestions: Vec::new(),
                back,
            }));
        }
        None => {
            let text = app.tr(T::CannotScore);
            app.error(text);
            if let Some(fill) = back {
                app.screen = Screen::Fill(fill);
            }
        }
    }
}

pub(super) fn action(app: &mut App, action: Action) {
    let Screen::Results(view) = &mut app.screen else {
        return;
    };
    let themes = view.scorer().model.themes.len();
    let entries = view.results.entries.len();
    match (view.tab, action) {
        (_, Action::Help) => app.overlay = Some(Overlay::Help(0)),
        (Tab::Overview, Action::Up) => view.cursor = view.cursor.saturating_sub(1),
        (Tab::Overview, Action::Down) => view.cursor = (view.cursor + 1).min(themes - 1),
        (Tab::Overview, Action::Enter | Action::Right) => open_theme(app),
        (Tab::Overview | Tab::Theme(_), Action::NextQuestion) => {
            view.tab = Tab::Cohort;
            let current = view.current;
            view.cursor = view
                .ranking()
                .iter()
                .position(|&e| e == current)
                .unwrap_or(0);
        }
        (Tab::Cohort, Action::NextQuestion | Action::PrevQuestion) => {
            view.tab = Tab::Overview;
            view.cursor = 0;
        }
        (Tab::Theme(t), Action::Up) if t > 0 => {
            view.cursor = t - 1;
            open_theme(app);
        }
        (Tab::Theme(t), Action::Down) if t + 1 < themes => {
            view.cursor = t + 1;
            open_theme(app);
        }
        (Tab::Theme(t), Action::Back | Action::Left) => {
            view.tab = Tab::Overview;
            view.cursor = t;
        }
        (Tab::Cohort, Action::Up) => view.cursor = view.cursor.saturating_sub(1),
        (Tab::Cohort, Action::Down) => view.cursor = (view.cursor + 1).min(entries - 1),
        (Tab::Cohort, Action::Enter) => {
            // Show that institution's results.
            view.current = view.ranking()[view.cursor];
            view.compare = None;
            view.tab = Tab::Overview;
            view.cursor = 0;
        }
        (Tab::Cohort, Action::Toggle) => {
            let chosen = view.ranking()[view.cursor];
            view.compare = (chosen != view.current).then_some(chosen);
        }
        (_, Action::Clear) => view.compare = None,
        (_, Action::Back) => close(app),
        _ => {}
    }
}

fn open_theme(app: &mut App) {
    let Screen::Results(view) = &mut app.screen else {
        return;
    };
    let theme = view.cursor;
    view.tab = Tab::Theme(theme);
    view.suggestions = match app.store.load_response(view.entry().submission) {
        Ok(response) => {
            let scorer = view.scorer();
            scoring::next_level(&scorer.model, &scorer.q, &response, theme)
        }
        Err(_) => Vec::new(),
    };
}

/// Leave the results: back to the submission being filled, or to the start screen.
fn close(app: &mut App) {
    let Screen::Results(view) = std::mem::replace(
        &mut app.screen,
        Screen::Start(StartScreen {
            submissions: Vec::new(),
            cursor: 0,
            form: None,
        }),
    ) else {
        return;
    };
    match view.back {
        Some(fill) => app.screen = Screen::Fill(fill),
        None => {
            if let Err(e) = app.refresh_start() {
                app.error(e.to_string());
            }
        }
    }
}
