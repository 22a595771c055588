//! Single and multiple choice: the options with their codes; exclusive ones marked.

use crate::questionnaire::QuestionKind;
use crate::response::Value;
use crate::tui::app::Fill;
use crate::tui::screens::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::ListItem;

pub fn draw(frame: &mut Frame, fill: &Fill, area: Rect, theme: Theme) {
    let question = &fill.q.questions[fill.question];
    let item = question.items.start;
    let answer = fill.answer(item);
    let multi = question.kind == QuestionKind::Multi;
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
            let mut spans = vec![
                Span::styled(
                    format!("{mark} "),
                    if chosen { theme.ok() } else { theme.muted() },
                ),
                Span::raw(choice.label.clone()),
                Span::styled(format!("  {}", choice.code), theme.muted()),
            ];
            if choice.exclusive {
                spans.push(Span::styled("  ⊘", theme.muted()));
            }
            if let Some(follow_up) = &choice.follow_up {
                spans.push(Span::styled(format!("  → {follow_up}"), theme.muted()));
            }
            ListItem::new(Line::from(spans))
        })
        .collect();
    super::selectable(frame, items, None, fill.cursor, theme.selected(), area);
}
