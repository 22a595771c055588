//! The problems panel: every error and warning, Enter jumps to the question.

use crate::i18n::{Noun, T, count, finding_message};
use crate::questionnaire::Severity;
use crate::tui::model::{App, Screen};
use crate::tui::style::Palette;
use crate::tui::view::widgets::window;
use crate::tui::view::widgets::{fit, wrap};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::ListItem;

pub fn draw(frame: &mut Frame, app: &App, cursor: usize, area: Rect, palette: Palette) {
    let Screen::Fill(fill) = &app.screen else {
        return;
    };
    let rect = window(frame, area);
    let errors = fill.eval().errors().count();
    let warnings = fill.eval().warnings().count();
    let lang = app.opts.lang;
    let title = format!(
        "{} — {}, {}",
        app.tr(T::Problems),
        count(lang, errors, Noun::Error),
        count(lang, warnings, Noun::Warning)
    );
    let block = crate::tui::view::widgets::titled(&title, palette.title());
    if fill.eval().findings.is_empty() && fill.flags.is_empty() {
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        frame.render_widget(Line::styled(app.tr(T::NoProblems), palette.ok()), inner);
        return;
    }
    // Inside the border, after "✗ ".
    let width = (rect.width as usize).saturating_sub(4).max(10);
    let items: Vec<ListItem> = fill
        .eval()
        .findings
        .iter()
        .map(|f| {
            let (mark, style) = match f.severity {
                Severity::Error => ("✗", palette.error()),
                Severity::Warning => ("⚠", palette.warning()),
            };
            let item = &fill.q.items[f.location.item];
            let place = match (item.roster, f.location.instance) {
                (Some(r), Some(i)) => fill
                    .eval()
                    .instances(r)
                    .get(i)
                    .map(|s| format!(" ({})", s.name()))
                    .unwrap_or_default(),
                _ => String::new(),
            };
            // The message in full, then the question's words cut to one line.
            let text = format!(
                "{}{place} — {}",
                item.code,
                finding_message(app.opts.lang, f)
            );
            let code_end = item.code.chars().count() + place.chars().count();
            let mut lines: Vec<Line> = wrap(&text, width)
                .into_iter()
                .enumerate()
                .map(|(i, part)| {
                    let lead = if i == 0 {
                        Span::styled(format!("{mark} "), style)
                    } else {
                        Span::raw("  ")
                    };
                    if i == 0 {
                        let code: String = part.chars().take(code_end).collect();
                        let rest: String = part.chars().skip(code_end).collect();
                        Line::from(vec![
                            lead,
                            Span::styled(code, palette.code()),
                            Span::raw(rest),
                        ])
                    } else {
                        Line::from(vec![lead, Span::raw(part)])
                    }
                })
                .collect();
            // A table row's own words say more than its question's.
            let words = item
                .label
                .clone()
                .unwrap_or_else(|| fill.q.question_of(f.location.item).text.clone());
            lines.push(Line::styled(
                format!("  {}", fit(words.lines().next().unwrap_or_default(), width)),
                palette.muted(),
            ));
            ListItem::new(lines)
        })
        // Then what stands out against the other submissions (support staff only).
        .chain(fill.flags.iter().map(|f| {
            let text = crate::i18n::flag_text(app.opts.lang, f);
            let lines: Vec<Line> = wrap(&text, width + 2)
                .into_iter()
                .map(|part| Line::styled(part, palette.warning()))
                .collect();
            ListItem::new(lines)
        }))
        .collect();
    crate::tui::view::widgets::selectable(
        frame,
        items,
        Some(block),
        cursor,
        palette.selected(),
        rect,
    );
}
