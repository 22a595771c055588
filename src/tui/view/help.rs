//! Full help: every key of every mode, from the same keymaps that handle them, one per line,
//! scrollable.

use crate::i18n::{Lang, T, tr};
use crate::tui::keymap::{HELP_GROUPS, hints};
use crate::tui::model::App;
use crate::tui::style::Palette;
use crate::tui::view::widgets::centered;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

fn lines(lang: Lang, role: crate::exchange::Role, palette: Palette) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(tr(lang, T::HelpIntro)),
        Line::styled(tr(lang, T::HiddenAnswersNote), palette.muted()),
    ];
    for (mode, title) in HELP_GROUPS {
        lines.push(Line::default());
        lines.push(Line::styled(tr(lang, title), palette.title()));
        for (label, hint) in hints(mode, role) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {label:<7} "), palette.key()),
                Span::raw(tr(lang, hint)),
            ]));
        }
    }
    lines
}

pub fn draw(frame: &mut Frame, app: &App, scroll: u16, area: Rect, palette: Palette) {
    let rect = centered(area, 100, area.height.saturating_sub(2));
    frame.render_widget(Clear, rect);
    let block = crate::tui::view::widgets::titled(app.tr(T::HelpTitle), palette.title());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let lines = lines(app.opts.lang, app.opts.role, palette);
    let scroll = scroll.min((lines.len() as u16).saturating_sub(inner.height));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
    );
}
