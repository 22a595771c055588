//! The report screen: opening it over what was handed in, moving from question to question,
//! choosing the year, going back.

use super::*;
use crate::tables::Scope;
use crate::tui::model::report::ReportView;

/// The answer tables of the questionnaire over `scope`, or the notice that says why not.
pub(super) fn open(app: &App, fx: &mut dyn Effects, scope: Scope) -> Result<ReportView, Notice> {
    let page = fx
        .report(&app.q, &scope)
        .map_err(|e| Notice::Error(e.to_string()))?;
    Ok(ReportView {
        page,
        scope,
        cursor: 0,
        scroll: 0,
        back: None,
    })
}

pub(super) fn action(view: &mut ReportView, turn: &mut Turn, action: Action) {
    let last = view.page.report.tables.len().saturating_sub(1);
    match action {
        Action::Up => go_to(view, view.cursor.saturating_sub(1)),
        Action::Down => go_to(view, (view.cursor + 1).min(last)),
        Action::PageDown => view.scroll = view.scroll.saturating_add(10),
        Action::PageUp => view.scroll = view.scroll.saturating_sub(10),
        Action::NextYear => {
            let scope = Scope {
                year: view.next_year(),
                ..view.scope.clone()
            };
            match turn.fx.report(turn.q, &scope) {
                Ok(page) => {
                    view.page = page;
                    view.scope = scope;
                    view.scroll = 0;
                }
                Err(e) => turn.error(e.to_string()),
            }
        }
        Action::Help => *turn.overlay = Some(Overlay::Help(0)),
        Action::Back => {
            turn.next = Some(match view.back.take() {
                Some(fill) => Next::Fill(fill),
                None => Next::Start,
            })
        }
        _ => {}
    }
}

fn go_to(view: &mut ReportView, table: usize) {
    if table != view.cursor {
        view.cursor = table;
        view.scroll = 0;
    }
}
