//! A matrix: one row per item, every row the same scale; ←→ chooses within the row.

use crate::response::Value;
use crate::tui::model::Fill;
use crate::tui::style::Palette;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph, Wrap};

pub fn draw(frame: &mut Frame, fill: &Fill, area: Rect, palette: Palette) {
    let rows = fill.visible_rows(fill.question);
    let Some(&first) = rows.first() else { return };
    let choices = fill.q.items[first].answer.choices();
    let legend: Vec<Line> = choices
        .iter()
        .map(|c| {
            Line::from(vec![
                Span::styled(format!("{:>3} ", c.code), palette.key()),
                Span::raw(c.label.clone()),
            ])
        })
        .collect();
    let [legend_area, grid] = Layout::vertical([
        Constraint::Length(legend.len() as u16 + 1),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(legend).wrap(Wrap { trim: true }),
        legend_area,
    );
    let scale_width = choices.len() * 4;
    let label_width = (grid.width as usize).saturating_sub(scale_width + 2).max(8);
    let items: Vec<ListItem> = rows
        .iter()
        .map(|&item| {
            let chosen = match fill.answer(item) {
                Some(Value::Choice(c)) => Some(*c),
                _ => None,
            };
            let label = super::wrap(
                fill.q.items[item].label.as_deref().unwrap_or_default(),
                label_width,
            );
            let mut spans = vec![Span::raw(format!(
                "{:<label_width$}",
                label.first().map_or("", String::as_str)
            ))];
            for c in choices {
                let on = chosen == Some(c.code);
                spans.push(Span::styled(
                    if on {
                        format!(" [{}]", c.code)
                    } else {
                        format!("  {} ", c.code)
                    },
                    if on { palette.ok() } else { palette.muted() },
                ));
            }
            // The rest of a long label on the lines below, under the first.
            let mut lines = vec![Line::from(spans)];
            lines.extend(label.into_iter().skip(1).map(Line::from));
            ListItem::new(lines)
        })
        .collect();
    super::selectable(frame, items, None, fill.cursor, palette.selected(), grid);
}
