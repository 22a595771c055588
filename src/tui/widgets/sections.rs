//! The section list with progress (answered / visible) and open errors and warnings.

use crate::i18n::T;
use crate::tui::app::{App, Fill, Focus, Progress};
use crate::tui::screens::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::ListItem;

pub fn draw(frame: &mut Frame, app: &App, fill: &Fill, area: Rect, theme: Theme) {
    let focused = fill.focus == Focus::Sections;
    let block = super::titled(
        app.tr(T::Sections),
        if focused {
            theme.title()
        } else {
            theme.muted()
        },
    );
    let width = block.inner(area).width as usize;
    let items: Vec<ListItem> = fill
        .sections
        .iter()
        .map(|&s| {
            let p = fill.progress(s, None);
            ListItem::new(section_line(&fill.q.sections[s].title, p, width, theme))
        })
        .collect();
    let highlight = if focused {
        theme.selected()
    } else {
        theme.title()
    };
    super::selectable(frame, items, Some(block), fill.section, highlight, area);
}

/// "Title…  3/11 +1/2 ✗1 ⚠2": required answered of required, then the optional ones, the
/// title cut to fit.
pub fn section_line(title: &str, p: Progress, width: usize, theme: Theme) -> Line<'static> {
    let mut tail = vec![Span::styled(
        format!(" {}/{}", p.required_answered, p.required),
        if p.required > 0 && p.complete() {
            theme.ok()
        } else {
            theme.muted()
        },
    )];
    if p.optional > 0 {
        tail.push(Span::styled(
            format!(" +{}/{}", p.optional_answered, p.optional),
            theme.muted(),
        ));
    }
    if p.errors > 0 {
        tail.push(Span::styled(format!(" ✗{}", p.errors), theme.error()));
    }
    if p.warnings > 0 {
        tail.push(Span::styled(format!(" ⚠{}", p.warnings), theme.warning()));
    }
    let tail_width: usize = tail.iter().map(Span::width).sum();
    let room = width.saturating_sub(tail_width + 1).max(4);
    let mut spans = vec![Span::raw(super::fit(title, room)), Span::raw(" ")];
    spans.extend(tail);
    Line::from(spans)
}
