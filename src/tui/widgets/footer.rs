//! The footer: a notice line, and the keys that work right now, from the active keymap.

use crate::tui::app::{App, Notice};
use crate::tui::keymap::hints;
use crate::tui::screens::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw_notice(frame: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let line = match &app.notice {
        Some(Notice::Info(text)) => Line::styled(format!(" {text}"), theme.ok()),
        Some(Notice::Error(text)) => Line::styled(format!(" {text}"), theme.error()),
        None => Line::default(),
    };
    frame.render_widget(Paragraph::new(line), area);
}

pub fn draw_keys(frame: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let mut spans = Vec::new();
    let mut width = 0;
    for (label, hint) in hints(app.mode()) {
        let text = app.tr(hint);
        let needed = label.chars().count() + text.chars().count() + 3;
        if width + needed > area.width as usize {
            break;
        }
        width += needed;
        spans.push(Span::styled(format!(" {label}"), theme.key()));
        spans.push(Span::raw(format!(" {text} ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
