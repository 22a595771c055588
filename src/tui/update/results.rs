//! The results view: opening it, moving through its tabs and the cohort, closing it.

use super::*;
use crate::scoring;
use crate::tui::model::results::{ResultsView, Tab};

/// The results view of `submission` scored with `model` (file name, text), or the notice
/// that says why there is none.
pub(super) fn open(
    app: &App,
    fx: &mut dyn Effects,
    submission: SubmissionId,
    (file, text): &(String, String),
) -> Result<ResultsView, Notice> {
    let results = fx
        .results(&app.q.id, (file, text))
        .map_err(|e| Notice::Error(e.to_string()))?;
    let current = results
        .position(submission)
        .ok_or_else(|| Notice::Error(app.tr(T::CannotScore).to_owned()))?;
    Ok(ResultsView {
        results,
        current,
        compare: None,
        tab: Tab::Overview,
        cursor: 0,
        suggestions: Vec::new(),
        back: None,
    })
}

pub(super) fn action(view: &mut ResultsView, turn: &mut Turn, action: Action) {
    let themes = view.scorer().model.themes.len();
    let entries = view.results.entries.len();
    match (view.tab, action) {
        (_, Action::Help) => *turn.overlay = Some(Overlay::Help(0)),
        (Tab::Overview, Action::Up) => view.cursor = view.cursor.saturating_sub(1),
        (Tab::Overview, Action::Down) => view.cursor = (view.cursor + 1).min(themes - 1),
        (Tab::Overview, Action::Enter | Action::Right) => open_theme(view, turn),
        (Tab::Overview | Tab::Theme(_), Action::NextTab) => {
            view.tab = Tab::Cohort;
            let current = view.current;
            view.cursor = view
                .ranking()
                .iter()
                .position(|&e| e == current)
                .unwrap_or(0);
        }
        (Tab::Cohort, Action::NextTab | Action::PrevTab) => {
            view.tab = Tab::Overview;
            view.cursor = 0;
        }
        (Tab::Theme(t), Action::Up) if t > 0 => {
            view.cursor = t - 1;
            open_theme(view, turn);
        }
        (Tab::Theme(t), Action::Down) if t + 1 < themes => {
            view.cursor = t + 1;
            open_theme(view, turn);
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
        (_, Action::Back) => close(view, turn),
        _ => {}
    }
}

fn open_theme(view: &mut ResultsView, turn: &mut Turn) {
    let theme = view.cursor;
    view.tab = Tab::Theme(theme);
    view.suggestions = match turn.fx.response(view.entry().submission) {
        Ok(response) => {
            let scorer = view.scorer();
            scoring::next_level(&scorer.model, &scorer.q, &response, theme)
        }
        Err(_) => Vec::new(),
    };
}

/// Leave the results: back to the submission being filled, or to the start screen.
fn close(view: &mut ResultsView, turn: &mut Turn) {
    turn.next = Some(match view.back.take() {
        Some(fill) => Next::Fill(fill),
        None => Next::Start,
    });
}
