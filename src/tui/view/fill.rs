//! The fill screen: sections with progress on the left, the roster or the current question on
//! the right.

use crate::i18n::T;
use crate::tui::model::{App, Fill, Focus};
use crate::tui::style::Palette;
use crate::tui::view::widgets::{question, roster, sections};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(frame: &mut Frame, app: &App, fill: &Fill, area: Rect, palette: Palette) {
    let [header, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    draw_header(frame, app, fill, header, palette);
    let side = (body.width / 3).clamp(24, 36);
    let [left, right] =
        Layout::horizontal([Constraint::Length(side), Constraint::Fill(1)]).areas(body);
    sections::draw(frame, app, fill, left, palette);
    let section = &fill.q.sections[fill.section_index()];
    match (fill.focus, section.roster) {
        (Focus::Question, _) => question::draw(frame, app, fill, right, palette),
        (_, Some(_)) => roster::draw(frame, app, fill, right, palette),
        (_, None) => draw_overview(frame, app, fill, right, palette),
    }
}

fn draw_header(frame: &mut Frame, app: &App, fill: &Fill, area: Rect, palette: Palette) {
    let saved = if app.save_failed {
        Span::styled(format!(" {} ", app.tr(T::NotSaved)), palette.error())
    } else if fill.pending.is_some() {
        Span::styled(format!(" {} ", app.tr(T::Pending)), palette.muted())
    } else {
        Span::styled(format!(" {} ✓ ", app.tr(T::Saved)), palette.ok())
    };
    let demo = if fill.submission.demo {
        format!(" · [{}]", app.tr(T::Demo))
    } else {
        String::new()
    };
    let left = format!(
        " {} · {} {} · {}{demo}",
        app.tr(T::AppTitle),
        fill.submission.institution,
        fill.submission.year,
        crate::i18n::status(app.opts.lang, fill.submission.status)
    );
    let width = area.width as usize;
    let room = width.saturating_sub(saved.width());
    let left: String = left.chars().take(room).collect();
    let pad = room.saturating_sub(left.chars().count());
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(left, palette.title()),
            Span::raw(" ".repeat(pad)),
            saved,
        ])),
        area,
    );
}

/// With the section list focused: the section's introduction and its questions.
fn draw_overview(frame: &mut Frame, app: &App, fill: &Fill, area: Rect, palette: Palette) {
    let section = &fill.q.sections[fill.section_index()];
    let block = crate::tui::view::widgets::titled(&section.title, palette.title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = Vec::new();
    if let Some(intro) = &section.intro {
        lines.extend(
            intro
                .lines()
                .map(|l| Line::styled(l.to_owned(), palette.muted())),
        );
        lines.push(Line::default());
    }
    // Every question of the section; hidden ones only when they still hold an answer, greyed:
    // their answers are kept but neither checked nor scored.
    let visible = fill.visible_questions();
    for q in section.questions.clone() {
        let question = &fill.q.questions[q];
        let answered = question
            .items
            .clone()
            .any(|i| fill.answer(i).is_some_and(|v| !v.is_blank()));
        let shown = visible.contains(&q);
        if !shown && !answered {
            continue;
        }
        let (mark, mark_style) = match (shown, answered) {
            (true, true) => ("✓", palette.ok()),
            (true, false) => ("·", palette.muted()),
            (false, _) => ("–", palette.muted()),
        };
        let mut spans = vec![
            Span::styled(format!("{mark} "), mark_style),
            Span::styled(
                format!("{} ", question.code),
                if shown {
                    palette.code()
                } else {
                    palette.muted()
                },
            ),
            Span::styled(
                question.text.clone(),
                if shown {
                    ratatui::style::Style::new()
                } else {
                    palette.muted()
                },
            ),
        ];
        if !shown {
            spans.push(Span::styled(
                format!(" ({})", app.tr(T::HiddenKept)),
                palette.muted(),
            ));
        }
        lines.push(Line::from(spans));
    }
    if lines.is_empty() {
        lines.push(Line::styled(app.tr(T::SectionEnd), palette.muted()));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
