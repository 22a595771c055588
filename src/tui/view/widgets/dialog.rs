//! Small windows over the screen: a one-line prompt and a yes/no question.

use crate::i18n::T;
use crate::tui::model::{App, Prompt};
use crate::tui::style::Palette;
use crate::tui::view::widgets::centered;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

pub fn draw_prompt(frame: &mut Frame, prompt: &Prompt, area: Rect, palette: Palette) {
    let detail_lines = prompt
        .detail
        .as_ref()
        .map_or(0, |d| d.lines().count() as u16 + 1);
    let rect = centered(area, 70, 5 + detail_lines);
    frame.render_widget(Clear, rect);
    let block = super::titled(&prompt.title, palette.title());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [detail, field] =
        Layout::vertical([Constraint::Length(detail_lines), Constraint::Length(1)]).areas(inner);
    if let Some(text) = &prompt.detail {
        frame.render_widget(
            Paragraph::new(text.as_str()).wrap(Wrap { trim: false }),
            detail,
        );
    }
    frame.render_widget(&prompt.area, field);
}

pub fn draw_confirm(frame: &mut Frame, app: &App, text: &str, area: Rect, palette: Palette) {
    let rect = centered(area, 60, 4 + text.lines().count() as u16);
    frame.render_widget(Clear, rect);
    let block = Block::bordered().border_style(palette.title());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let mut lines: Vec<Line> = text.lines().map(|l| Line::from(l.to_owned())).collect();
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled("Enter ", palette.key()),
        Span::raw(format!("{}   ", app.tr(T::Yes))),
        Span::styled("Esc ", palette.key()),
        Span::raw(app.tr(T::No)),
    ]));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
