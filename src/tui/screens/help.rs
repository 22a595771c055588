//! Full help: every key of every mode, from the same keymaps that handle them.

use super::{Theme, centered};
use crate::tui::app::App;
use crate::tui::i18n::T;
use crate::tui::keymap::{Mode, hints};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

const GROUPS: [(Mode, T); 8] = [
    (Mode::Sections, T::Sections),
    (Mode::Roster, T::Instances),
    (Mode::Choice, T::Options),
    (Mode::Matrix, T::Row),
    (Mode::Value, T::Answer),
    (Mode::Count, T::Answer),
    (Mode::EditLine, T::Editing),
    (Mode::EditLines, T::Editing),
];

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let rect = centered(area, 76, area.height.saturating_sub(2));
    frame.render_widget(Clear, rect);
    let block = Block::bordered().title(Line::styled(
        format!(" {} ", app.tr(T::HelpTitle)),
        theme.title(),
    ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let mut lines = vec![
        Line::from(app.tr(T::HelpIntro)),
        Line::styled(app.tr(T::HiddenAnswersNote), theme.muted()),
    ];
    for (mode, title) in GROUPS {
        lines.push(Line::default());
        lines.push(Line::styled(app.tr(title), theme.title()));
        let mut spans = Vec::new();
        for (label, hint) in hints(mode) {
            spans.push(Span::styled(format!("{label} "), theme.key()));
            spans.push(Span::raw(format!("{}   ", app.tr(hint))));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
