//! The section list with progress (answered / visible) and open errors and warnings.

use crate::i18n::T;
use crate::tui::model::{App, Fill, Focus, Progress};
use crate::tui::style::Palette;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::ListItem;

pub fn draw(frame: &mut Frame, app: &App, fill: &Fill, area: Rect, palette: Palette) {
    let focused = fill.focus == Focus::Sections;
    let block = super::titled(
        app.tr(T::Sections),
        if focused {
            palette.title()
        } else {
            palette.muted()
        },
    );
    let width = block.inner(area).width as usize;
    let items: Vec<ListItem> = fill
        .sections()
        .iter()
        .map(|&s| {
            let p = fill.progress(s, None);
            ListItem::new(section_line(&fill.q.sections[s].title, p, width, palette))
        })
        .collect();
    let highlight = if focused {
        palette.selected()
    } else {
        palette.title()
    };
    super::selectable(frame, items, Some(block), fill.section, highlight, area);
}

/// "Title…  3/11 +1/2 ✗1 ⚠2": required answered of required, then the optional ones, the
/// title cut to fit.
pub fn section_line(title: &str, p: Progress, width: usize, palette: Palette) -> Line<'static> {
    let mut tail = vec![Span::styled(
        format!(" {}/{}", p.required_answered, p.required),
        if p.required > 0 && p.complete() {
            palette.ok()
        } else {
            palette.muted()
        },
    )];
    if p.optional > 0 {
        tail.push(Span::styled(
            format!(" +{}/{}", p.optional_answered, p.optional),
            palette.muted(),
        ));
    }
    if p.errors > 0 {
        tail.push(Span::styled(format!(" ✗{}", p.errors), palette.error()));
    }
    if p.warnings > 0 {
        tail.push(Span::styled(format!(" ⚠{}", p.warnings), palette.warning()));
    }
    let tail_width: usize = tail.iter().map(Span::width).sum();
    let room = width.saturating_sub(tail_width + 1).max(4);
    let mut spans = vec![Span::raw(super::fit(title, room)), Span::raw(" ")];
    spans.extend(tail);
    Line::from(spans)
}
