//! The review loop's windows: the queries with their threads, the history of an answer, and
//! a refusal with everything still missing.

use crate::exchange::{QueryStatus, Role};
use crate::i18n::{T, place_name, query_status};
use crate::review::query_place;
use crate::tui::model::{App, Screen};
use crate::tui::style::Palette;
use crate::tui::view::widgets::{titled, window, wrap};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph, Wrap};

pub fn draw_queries(frame: &mut Frame, app: &App, cursor: usize, area: Rect, palette: Palette) {
    let Screen::Fill(fill) = &app.screen else {
        return;
    };
    let rect = window(frame, area);
    let block = titled(app.tr(T::QueriesTitle), palette.title());
    if fill.queries.is_empty() {
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        frame.render_widget(Line::styled(app.tr(T::NoQueries), palette.muted()), inner);
        return;
    }
    let lang = app.opts.lang;
    let width = (rect.width as usize).saturating_sub(6).max(10);
    let items: Vec<ListItem> = fill
        .queries
        .iter()
        .map(|q| {
            let status = q.status();
            let style = match status {
                QueryStatus::Open => palette.warning(),
                QueryStatus::Answered => palette.title(),
                QueryStatus::Closed => palette.ok(),
            };
            let place = place_name(lang, &query_place(&fill.q, fill.eval(), q));
            let mut lines = vec![Line::from(vec![
                Span::styled(format!("[{}] ", query_status(lang, status)), style),
                Span::styled(place, palette.code()),
            ])];
            for m in q.messages.iter().filter(|m| !m.body.is_empty()) {
                let who = match m.role {
                    Role::Support => format!("{} ({})", m.author, app.tr(T::RoleSupport)),
                    _ => m.author.clone(),
                };
                let at = m.at.get(..16).unwrap_or(&m.at).replace('T', " ");
                lines.push(Line::styled(format!("  {at} {who}:"), palette.muted()));
                for part in wrap(&m.body, width) {
                    lines.push(Line::from(format!("    {part}")));
                }
            }
            ListItem::new(lines)
        })
        .collect();
    crate::tui::view::widgets::selectable(
        frame,
        items,
        Some(block),
        cursor,
        palette.selected(),
        rect,
    );
}

/// A window of lines that scrolls: the history, or a refusal.
pub fn draw_text(
    frame: &mut Frame,
    title: &str,
    lines: &[String],
    scroll: u16,
    area: Rect,
    palette: Palette,
) {
    let rect = window(frame, area);
    let block = titled(title, palette.title());
    let inner = block.inner(rect);
    let text: Vec<Line> = lines.iter().map(|l| Line::from(l.as_str())).collect();
    let rows = crate::tui::view::widgets::question::wrapped_height(&text, inner.width as usize);
    let scroll = scroll.min((rows as u16).saturating_sub(inner.height));
    frame.render_widget(
        Paragraph::new(text)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        rect,
    );
}
