//! The footer: a notice line, and the keys that work right now, from the active keymap.

use crate::i18n::T;
use crate::tui::keymap::hints;
use crate::tui::model::{App, Notice};
use crate::tui::style::Palette;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw_notice(frame: &mut Frame, app: &App, area: Rect, palette: Palette) {
    // One line: a notice longer than the terminal ends in an ellipsis.
    let room = (area.width as usize).saturating_sub(1);
    let line = match &app.notice {
        Some(Notice::Info(text)) => {
            Line::styled(format!(" {}", super::fit(text, room)), palette.ok())
        }
        Some(Notice::Error(text)) => {
            Line::styled(format!(" {}", super::fit(text, room)), palette.error())
        }
        None => Line::default(),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// As many hints as fit, in keymap order; the help key always shows, so that every other key
/// can be found from it.
pub fn draw_keys(frame: &mut Frame, app: &App, area: Rect, palette: Palette) {
    let all: Vec<(&str, &str, bool)> = hints(app.mode(), app.opts.role)
        .map(|(label, hint)| (label, app.tr(hint), hint == T::KeyHelp))
        .collect();
    let width_of =
        |(label, text, _): &(&str, &str, bool)| label.chars().count() + text.chars().count() + 3;
    let reserved: usize = all.iter().filter(|h| h.2).map(width_of).sum();
    let mut room = (area.width as usize).saturating_sub(reserved);
    let mut shown = Vec::new();
    for hint in &all {
        if hint.2 {
            shown.push(*hint);
        } else if width_of(hint) <= room {
            room -= width_of(hint);
            shown.push(*hint);
        }
    }
    let spans: Vec<Span> = shown
        .into_iter()
        .flat_map(|(label, text, _)| {
            [
                Span::styled(format!(" {label}"), palette.key()),
                Span::raw(format!(" {text} ")),
            ]
        })
        .collect();
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
