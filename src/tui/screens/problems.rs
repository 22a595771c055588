//! The problems panel: every error and warning, Enter jumps to the question.

use super::{Theme, centered};
use crate::questionnaire::Severity;
use crate::tui::app::{App, Screen};
use crate::tui::i18n::{T, finding_message};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, ListItem};

pub fn draw(frame: &mut Frame, app: &App, cursor: usize, area: Rect, theme: Theme) {
    let Screen::Fill(fill) = &app.screen else {
        return;
    };
    let rect = centered(
        area,
        area.width.saturating_sub(4).max(40),
        area.height.saturating_sub(4),
    );
    frame.render_widget(Clear, rect);
    let errors = fill.eval.errors().count();
    let warnings = fill.eval.warnings().count();
    let title = format!(
        "{} — {errors} {}, {warnings} {}",
        app.tr(T::Problems),
        app.tr(T::Errors),
        app.tr(T::Warnings)
    );
    let block = crate::tui::widgets::titled(&title, theme.title());
    if fill.eval.findings.is_empty() {
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        frame.render_widget(Line::styled(app.tr(T::NoProblems), theme.ok()), inner);
        return;
    }
    let items: Vec<ListItem> = fill
        .eval
        .findings
        .iter()
        .map(|f| {
            let (mark, style) = match f.severity {
                Severity::Error => ("✗", theme.error()),
                Severity::Warning => ("⚠", theme.warning()),
            };
            let item = &fill.q.items[f.location.item];
            let place = match (item.roster, f.location.instance) {
                (Some(r), Some(i)) => fill
                    .eval
                    .instances(r)
                    .get(i)
                    .map(|s| format!(" ({})", if s.label.is_empty() { &s.key } else { &s.label }))
                    .unwrap_or_default(),
                _ => String::new(),
            };
            ListItem::new(Line::from(vec![
                Span::styled(format!("{mark} "), style),
                Span::styled(format!("{}{place}", item.code), theme.code()),
                Span::raw(format!(" — {}", finding_message(app.opts.lang, f))),
            ]))
        })
        .collect();
    crate::tui::widgets::selectable(frame, items, Some(block), cursor, theme.selected(), rect);
}
