//! The results view: opening it, moving through its tabs, the leaders and the comparison,
//! writing the hand-out, closing it.

use super::*;
use crate::exchange::InstitutionKind;
use crate::scoring::{self, cohort::Measure};
use crate::tui::model::results::{ResultsView, Tab};

/// The results view of `submission` in its year's cohort scored with `model` (file name,
/// text), or the notice that says why there is none.
pub(super) fn open(
    app: &mut App,
    fx: &mut dyn Effects,
    submission: SubmissionId,
    (file, text): &(String, String),
) -> Result<ResultsView, Notice> {
    let results = fx
        .results(&app.q.id, (file, text), submission, &mut app.scored)
        .map_err(|e| Notice::Error(e.to_string()))?;
    let current = results
        .position(submission)
        .ok_or_else(|| Notice::Error(app.tr(T::CannotScore).to_owned()))?;
    Ok(ResultsView::new(results, current))
}

pub(super) fn action(view: &mut ResultsView, turn: &mut Turn, action: Action) {
    let themes = view.scorer().model.themes.len();
    match (view.tab, action) {
        (_, Action::Help) => *turn.overlay = Some(Overlay::Help(0)),
        (_, Action::Handout) => handout(view, turn),
        (Tab::Overview, Action::Up) => view.cursor = view.cursor.saturating_sub(1),
        (Tab::Overview, Action::Down) => view.cursor = (view.cursor + 1).min(themes - 1),
        (Tab::Overview, Action::Enter) => open_theme(view, turn),
        // Tab goes round overview → leaders → comparison (once one is chosen); Shift+Tab back.
        (Tab::Overview | Tab::Theme(_), Action::NextTab) | (Tab::Compare, Action::PrevTab) => {
            to_cohort(view)
        }
        (Tab::Cohort, Action::NextTab) | (Tab::Overview | Tab::Theme(_), Action::PrevTab)
            if view.compare.is_some() =>
        {
            view.tab = Tab::Compare;
            view.scroll = 0;
        }
        (Tab::Overview | Tab::Theme(_), Action::PrevTab) => to_cohort(view),
        (Tab::Cohort | Tab::Compare, Action::NextTab | Action::PrevTab) => {
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
        (Tab::Theme(_) | Tab::Compare, Action::PageDown) => {
            view.scroll = (view.scroll + 10).min(view.max_scroll(turn.size));
        }
        (Tab::Theme(_) | Tab::Compare, Action::PageUp) => {
            view.scroll = view
                .scroll
                .min(view.max_scroll(turn.size))
                .saturating_sub(10)
        }
        (Tab::Theme(t), Action::Back) => {
            view.tab = Tab::Overview;
            view.cursor = t;
        }
        (Tab::Compare, Action::Back) => to_cohort(view),
        (Tab::Cohort, Action::Up) => view.cursor = view.cursor.saturating_sub(1),
        (Tab::Cohort, Action::Down) => {
            view.cursor = (view.cursor + 1).min(view.ranking.len().saturating_sub(1))
        }
        // The leaders' keys show the leaders, from wherever they are pressed.
        (_, Action::NextSort) => {
            view.tab = Tab::Cohort;
            let leaders = match view.leaders {
                Measure::EIndex => Measure::Theme(0),
                Measure::Theme(t) if t + 1 < themes => Measure::Theme(t + 1),
                Measure::Theme(_) => Measure::EIndex,
            };
            view.sort_leaders(leaders, view.group);
            follow_current(view);
        }
        (_, Action::NextFilter) => {
            view.tab = Tab::Cohort;
            let group = match view.group {
                None => Some(InstitutionKind::Ministry),
                Some(InstitutionKind::Ministry) => Some(InstitutionKind::Institution),
                Some(InstitutionKind::Institution) => None,
            };
            view.sort_leaders(view.leaders, group);
            follow_current(view);
        }
        (Tab::Cohort, Action::Enter) => {
            if let Some(&chosen) = view.ranking.get(view.cursor) {
                view.show(chosen);
                view.compare = None;
                view.tab = Tab::Overview;
                view.cursor = 0;
            }
        }
        (Tab::Cohort, Action::Toggle) => {
            if let Some(&chosen) = view.ranking.get(view.cursor) {
                view.compare = (chosen != view.current).then_some(chosen);
            }
        }
        (_, Action::Clear) => {
            view.compare = None;
            if view.tab == Tab::Compare {
                to_cohort(view);
            }
        }
        (_, Action::Back) => close(view, turn),
        _ => {}
    }
}

fn to_cohort(view: &mut ResultsView) {
    view.tab = Tab::Cohort;
    follow_current(view);
}

/// Put the leaders' cursor on the institution shown, where it is in the list.
fn follow_current(view: &mut ResultsView) {
    let current = view.current;
    let ranking = &view.ranking;
    view.cursor = ranking
        .iter()
        .position(|&e| e == current)
        .unwrap_or(0)
        .min(ranking.len().saturating_sub(1));
}

fn open_theme(view: &mut ResultsView, turn: &mut Turn) {
    let theme = view.cursor;
    view.tab = Tab::Theme(theme);
    view.scroll = 0;
    view.steps = match turn.fx.response(view.entry().submission) {
        Ok(response) => {
            let scorer = view.scorer();
            scoring::steps(&scorer.model, &scorer.q, &response, theme)
        }
        Err(_) => Vec::new(),
    };
}

/// Write the shown institution's hand-out into the export folder and say where.
fn handout(view: &ResultsView, turn: &mut Turn) {
    let entry = view.entry();
    let response = match turn.fx.response(entry.submission) {
        Ok(r) => r,
        Err(e) => {
            let failed = crate::i18n::res(turn.opts.lang, crate::i18n::Res::HandoutFailed);
            turn.error(format!("{failed}: {e}"));
            return;
        }
    };
    let html = crate::results::handout(
        &view.results,
        view.current,
        &view.cohort,
        &response,
        turn.opts.lang,
    );
    let path = turn
        .opts
        .export_dir
        .join(crate::handout::file_name(&entry.institution, entry.year));
    let lang = turn.opts.lang;
    match turn.fx.write_file(&path, html.as_bytes()) {
        Ok(()) => turn.info(format!(
            "{}: {}",
            crate::i18n::res(lang, crate::i18n::Res::HandoutWritten),
            path.display()
        )),
        Err(e) => turn.error(format!(
            "{}: {e}",
            crate::i18n::res(lang, crate::i18n::Res::HandoutFailed)
        )),
    }
}

/// Leave the results: back to the submission being filled, or to the start screen.
fn close(view: &mut ResultsView, turn: &mut Turn) {
    turn.next = Some(match view.back.take() {
        Some(fill) => Next::Fill(fill),
        None => Next::Start,
    });
}
