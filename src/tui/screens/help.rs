//! Full help: every key of every mode, from the same keymaps that handle them, one per line,
//! scrollable.

use super::centered;
use crate::i18n::{Lang, T, tr};
use crate::tui::app::App;
use crate::tui::keymap::{Mode, hints};
use crate::tui::style::Palette;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// Each group of keys with its heading. `Count` holds everything `Value` does and more.
const GROUPS: [(Mode, T); 9] = [
    (Mode::Sections, T::Sections),
    (Mode::Roster, T::Instances),
    (Mode::Choice, T::Options),
    (Mode::Ticks, T::TickOptions),
    (Mode::Matrix, T::Row),
    (Mode::Count, T::Answer),
    (Mode::Text, T::TextAnswer),
    (Mode::EditLine, T::Editing),
    (Mode::EditLines, T::EditingText),
];

fn lines(lang: Lang, palette: Palette) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(tr(lang, T::HelpIntro)),
        Line::styled(tr(lang, T::HiddenAnswersNote), palette.muted()),
    ];
    for (mode, title) in GROUPS {
        lines.push(Line::default());
        lines.push(Line::styled(tr(lang, title), palette.title()));
        for (label, hint) in hints(mode) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {label:<7} "), palette.key()),
                Span::raw(tr(lang, hint)),
            ]));
        }
    }
    lines
}

/// How far the help can scroll.
pub fn help_length(lang: Lang) -> u16 {
    lines(lang, Palette { color: false }).len() as u16
}

pub fn draw(frame: &mut Frame, app: &App, scroll: u16, area: Rect, palette: Palette) {
    let rect = centered(area, 100, area.height.saturating_sub(2));
    frame.render_widget(Clear, rect);
    let block = crate::tui::widgets::titled(app.tr(T::HelpTitle), palette.title());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let lines = lines(app.opts.lang, palette);
    let scroll = scroll.min((lines.len() as u16).saturating_sub(inner.height));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
    );
}
