//! A numeric table: one count per row, "Dati nav pieejami" per cell, and the definition's
//! computed figures (channel sums, electronic shares) updated as the respondent types.

use crate::expr::format_number;
use crate::response::Value;
use crate::rules::display_value;
use crate::tui::app::{App, Fill, edit_problem};
use crate::tui::i18n::T;
use crate::tui::screens::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};

/// Wide enough for "Dati nav pieejami".
const CELL: usize = 18;

pub fn draw(frame: &mut Frame, app: &App, fill: &Fill, area: Rect, theme: Theme) {
    let question = &fill.q.questions[fill.question];
    let rows = fill.visible_rows(fill.question);
    let computed_height =
        question.computed.len() as u16 + u16::from(!question.computed.is_empty()) + 1;
    let [grid, below] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(computed_height)]).areas(area);
    let label_width = (grid.width as usize).saturating_sub(CELL + 10).max(8);
    let editing = fill.edit.as_ref();
    let items: Vec<ListItem> = rows
        .iter()
        .enumerate()
        .map(|(i, &item)| {
            let def = &fill.q.items[item];
            let text = super::fit(def.label.as_deref().unwrap_or_default(), label_width);
            let cell = match (editing.filter(|e| e.item == item), fill.answer(item)) {
                (Some(edit), _) => format!("{}▏", edit.area.lines().concat()),
                (None, Some(Value::Number(n))) => format_number(*n),
                (None, Some(Value::NotAvailable)) => app.tr(T::NotAvailable).to_owned(),
                (None, _) => "·".to_owned(),
            };
            let cell: String = cell
                .chars()
                .rev()
                .take(CELL)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let flagged = fill.findings_on(item).next().is_some();
            let cell_style = if flagged {
                theme.error()
            } else if i == fill.cursor && editing.is_some() {
                theme.title()
            } else {
                ratatui::style::Style::new()
            };
            ListItem::new(Line::from(vec![
                Span::styled(format!("{:<8}", def.code), theme.code()),
                Span::raw(text),
                Span::styled(format!(" {cell:>CELL$}"), cell_style),
            ]))
        })
        .collect();
    super::selectable(frame, items, None, fill.cursor, theme.selected(), grid);

    let mut lines = Vec::new();
    if let Some(problem) = edit_problem(fill, app.opts.lang) {
        lines.push(Line::styled(format!("✗ {problem}"), theme.error()));
    } else {
        lines.push(Line::styled(
            format!(
                "n: {} · Enter: {}",
                app.tr(T::NotAvailable),
                app.tr(T::KeyEdit)
            ),
            theme.muted(),
        ));
    }
    if !question.computed.is_empty() {
        lines.push(Line::styled(
            format!("{}:", app.tr(T::Computed)),
            theme.title(),
        ));
        let instance = fill.roster().map(|r| (r, fill.instance));
        for c in &question.computed {
            let value = display_value(&fill.q, &fill.response, &fill.eval, &c.value, instance);
            let unit = match &c.unit {
                Some(u) if value != "—" => format!(" {u}"),
                _ => String::new(),
            };
            lines.push(Line::from(vec![
                Span::raw(format!("  {}: ", c.label)),
                Span::styled(format!("{value}{unit}"), theme.key()),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(lines), below);
}
