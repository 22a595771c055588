//! A numeric table: one count per row, "Dati nav pieejami" per cell, and the definition's
//! computed figures (channel sums, electronic shares) updated as the respondent types.

use crate::expr::format_number;
use crate::i18n::T;
use crate::questionnaire::AnswerType;
use crate::response::Value;
use crate::rules::{Answers, display_value};
use crate::tui::model::{App, Fill, edit_problem};
use crate::tui::style::Palette;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};

/// Wide enough for "Dati nav pieejami".
const CELL: usize = 18;

pub fn draw(frame: &mut Frame, app: &App, fill: &Fill, area: Rect, palette: Palette) {
    let question = &fill.q.questions[fill.question];
    let rows = fill.visible_rows(fill.question);
    let computed_height =
        question.computed.len() as u16 + u16::from(!question.computed.is_empty()) + 1;
    let [grid, below] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(computed_height)]).areas(area);
    // A code column as wide as the longest code and a space, so a code never runs into its label.
    let code_width = question
        .items
        .clone()
        .map(|item| fill.q.items[item].code.chars().count())
        .max()
        .unwrap_or(0)
        + 1;
    let label_width = (grid.width as usize)
        .saturating_sub(CELL + 2 + code_width)
        .max(8);
    let editing = fill.edit.as_ref();
    let items: Vec<ListItem> = rows
        .iter()
        .enumerate()
        .map(|(i, &item)| {
            let def = &fill.q.items[item];
            let label = super::wrap(def.label.as_deref().unwrap_or_default(), label_width);
            let edited = editing.filter(|e| e.item == item);
            let selected = edited.is_some_and(|e| e.area.is_selecting());
            let cell = match (edited, fill.answer(item)) {
                // A selected figure is replaced by what is typed: shown reversed, no cursor.
                (Some(edit), _) if selected => edit.area.lines().concat(),
                (Some(edit), _) => format!("{}▏", edit.area.lines().concat()),
                (None, Some(Value::Number(n))) => format_number(*n),
                (None, Some(Value::NotAvailable)) => app.tr(T::NotAvailable).to_owned(),
                (None, Some(Value::NotApplicable)) => app.tr(T::NotApplicableAnswer).to_owned(),
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
            let cell_style = if selected {
                palette.selected()
            } else if flagged {
                palette.error()
            } else if i == fill.cursor && editing.is_some() {
                palette.title()
            } else {
                ratatui::style::Style::new()
            };
            // The label in full, over as many lines as it needs; the figure on the first.
            let lines: Vec<Line> = label
                .into_iter()
                .enumerate()
                .map(|(l, text)| {
                    let code = if l == 0 { def.code.as_str() } else { "" };
                    let mut spans = vec![
                        Span::styled(format!("{code:<code_width$}"), palette.code()),
                        Span::raw(format!("{text:<label_width$}")),
                    ];
                    if l == 0 {
                        spans.push(Span::styled(format!(" {cell:>CELL$}"), cell_style));
                    }
                    Line::from(spans)
                })
                .collect();
            ListItem::new(lines)
        })
        .collect();
    super::selectable(frame, items, None, fill.cursor, palette.selected(), grid);

    let mut lines = Vec::new();
    if let Some(problem) = edit_problem(fill, app.opts.lang) {
        lines.push(Line::styled(format!("✗ {problem}"), palette.error()));
    } else {
        let not_applicable = match rows.first().map(|&r| &fill.q.items[r].answer) {
            Some(AnswerType::Integer(b) | AnswerType::Number(b)) if b.not_applicable => {
                format!(" · x: {}", app.tr(T::KeyNotApplicable))
            }
            _ => String::new(),
        };
        // Typing and Enter are in the footer; these two answers are the table's own.
        lines.push(Line::styled(
            format!("n: {}{not_applicable}", app.tr(T::NotAvailable)),
            palette.muted(),
        ));
    }
    if !question.computed.is_empty() {
        lines.push(Line::styled(
            format!("{}:", app.tr(T::Computed)),
            palette.title(),
        ));
        let instance = fill.roster().map(|r| (r, fill.instance));
        // The context's answers only: a frame must not read every service's.
        let stored = instance.and_then(|(r, i)| Some((r, fill.eval().stored_index(r, i)?)));
        let answers = Answers::only(&fill.q, fill.response(), stored, None);
        for c in &question.computed {
            let value = display_value(&fill.q, &answers, fill.eval(), &c.value, instance);
            let unit = match &c.unit {
                Some(u) if value != "—" => format!(" {u}"),
                _ => String::new(),
            };
            lines.push(Line::from(vec![
                Span::raw(format!("  {}: ", c.label)),
                Span::styled(format!("{value}{unit}"), palette.key()),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(lines), below);
}
