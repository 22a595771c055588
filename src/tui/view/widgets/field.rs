//! Numbers, texts and lists of addresses: the answer, or the editor while typing, with the
//! problem of the text so far shown as it is typed.

use crate::expr::format_number;
use crate::i18n::T;
use crate::questionnaire::AnswerType;
use crate::response::Value;
use crate::tui::model::{App, Fill, edit_problem};
use crate::tui::style::Palette;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn draw(frame: &mut Frame, app: &App, fill: &Fill, area: Rect, palette: Palette) {
    let item = fill.q.questions[fill.question].items.start;
    let answer_type = &fill.q.items[item].answer;
    let multiline = matches!(
        answer_type,
        AnswerType::Urls { .. }
            | AnswerType::Text {
                multiline: true,
                ..
            }
    );
    let box_height = if multiline {
        area.height.saturating_sub(2).clamp(3, 10)
    } else {
        3
    };
    let [field, note] =
        Layout::vertical([Constraint::Length(box_height), Constraint::Fill(1)]).areas(area);
    let editing = fill.edit.as_ref().filter(|e| e.item == item);
    let block = Block::bordered().border_style(if editing.is_some() {
        palette.title()
    } else {
        palette.muted()
    });
    let inner = block.inner(field);
    frame.render_widget(block, field);
    match editing {
        Some(edit) => frame.render_widget(&edit.area, inner),
        None => frame.render_widget(
            Paragraph::new(answer_lines(app, fill.answer(item), palette))
                .wrap(Wrap { trim: false }),
            inner,
        ),
    }
    let mut notes = Vec::new();
    if let Some(problem) = edit_problem(fill, app.opts.lang) {
        notes.push(Line::styled(format!("✗ {problem}"), palette.error()));
    }
    if let AnswerType::Integer(b) | AnswerType::Number(b) = answer_type {
        let mut facts = Vec::new();
        if let Some(unit) = &b.unit {
            facts.push(unit.clone());
        }
        match (b.min, b.max) {
            (Some(min), Some(max)) => {
                facts.push(format!("{}–{}", format_number(min), format_number(max)))
            }
            (Some(min), None) => facts.push(format!("≥ {}", format_number(min))),
            (None, Some(max)) => facts.push(format!("≤ {}", format_number(max))),
            (None, None) => {}
        }
        if b.not_available {
            facts.push(format!("n: {}", app.tr(T::NotAvailable)));
        }
        if b.not_applicable {
            facts.push(format!("x: {}", app.tr(T::KeyNotApplicable)));
        }
        notes.push(Line::styled(facts.join(" · "), palette.muted()));
    }
    frame.render_widget(Paragraph::new(notes).wrap(Wrap { trim: false }), note);
}

/// An answer as it reads on screen.
pub fn answer_lines(app: &App, answer: Option<&Value>, palette: Palette) -> Vec<Line<'static>> {
    match answer {
        None => vec![Line::styled(app.tr(T::NotAnswered), palette.muted())],
        Some(Value::NotAvailable) => vec![Line::styled(app.tr(T::NotAvailable), palette.warning())],
        Some(Value::NotApplicable) => {
            vec![Line::styled(
                app.tr(T::NotApplicableAnswer),
                palette.muted(),
            )]
        }
        Some(Value::Number(n)) => vec![Line::from(Span::raw(format_number(*n)))],
        Some(Value::Text(t)) => t.lines().map(|l| Line::from(l.to_owned())).collect(),
        Some(Value::Urls(urls)) => urls.iter().map(|u| Line::from(u.clone())).collect(),
        Some(Value::Choice(c)) => vec![Line::from(c.to_string())],
        Some(Value::Choices(cs)) => {
            vec![Line::from(
                cs.iter().map(i64::to_string).collect::<Vec<_>>().join(", "),
            )]
        }
    }
}
