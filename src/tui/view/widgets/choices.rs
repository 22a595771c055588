//! Single and multiple choice: the options with their codes, each label wrapped in full;
//! exclusive options and options that open a follow-up question say so in words.

use crate::i18n::T;
use crate::questionnaire::QuestionKind;
use crate::response::Value;
use crate::tui::model::{App, Fill};
use crate::tui::style::Palette;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::ListItem;

pub fn draw(frame: &mut Frame, app: &App, fill: &Fill, area: Rect, palette: Palette) {
    let question = &fill.q.questions[fill.question];
    let item = question.items.start;
    let answer = fill.answer(item);
    let multi = question.kind == QuestionKind::Multi;
    // "[x] " before the label; wrapped lines are indented under the label.
    let indent = 4;
    let width = (area.width as usize).saturating_sub(indent).max(8);
    let items: Vec<ListItem> = fill.q.items[item]
        .answer
        .choices()
        .iter()
        .map(|choice| {
            let chosen = match answer {
                Some(Value::Choice(c)) => *c == choice.code,
                Some(Value::Choices(cs)) => cs.contains(&choice.code),
                _ => false,
            };
            let mark = match (multi, chosen) {
                (true, true) => "[x]",
                (true, false) => "[ ]",
                (false, true) => "(•)",
                (false, false) => "( )",
            };
            let mut notes = vec![choice.code.to_string()];
            if choice.exclusive {
                notes.push(app.tr(T::ExcludesOthers).to_owned());
            }
            if let Some(follow_up) = &choice.follow_up {
                notes.push(if app.opts.expert {
                    format!("→ {follow_up}")
                } else {
                    format!("→ {}", app.tr(T::OpensFollowUp))
                });
            }
            let text = format!("{}  ({})", choice.label, notes.join(", "));
            let label_end = choice.label.chars().count();
            let mut lines = Vec::new();
            let mut consumed = 0;
            for (i, part) in super::wrap(&text, width).into_iter().enumerate() {
                let lead = if i == 0 {
                    Span::styled(
                        format!("{mark} "),
                        if chosen {
                            palette.ok()
                        } else {
                            palette.muted()
                        },
                    )
                } else {
                    Span::raw(" ".repeat(indent))
                };
                // The label reads plain, the notes after it muted.
                let len = part.chars().count();
                let plain = label_end.saturating_sub(consumed).min(len);
                let (label, note): (String, String) = (
                    part.chars().take(plain).collect(),
                    part.chars().skip(plain).collect(),
                );
                consumed += len + 1;
                lines.push(Line::from(vec![
                    lead,
                    Span::raw(label),
                    Span::styled(note, palette.muted()),
                ]));
            }
            ListItem::new(lines)
        })
        .collect();
    super::selectable(frame, items, None, fill.cursor, palette.selected(), area);
}
