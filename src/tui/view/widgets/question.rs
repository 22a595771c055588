//! The current question: its code, text, explanation on demand, the answer widget for its type,
//! and its open problems.

use super::{choices, field, matrix, table};
use crate::i18n::{T, finding_message};
use crate::questionnaire::{QuestionKind, Severity};
use crate::rules::FindingKind;
use crate::tui::model::{App, Fill};
use crate::tui::style::Palette;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(frame: &mut Frame, app: &App, fill: &Fill, area: Rect, palette: Palette) {
    let section = &fill.q.sections[fill.section_index()];
    let question = &fill.q.questions[fill.question];
    let mut title = section.title.clone();
    if let Some(roster) = section.roster
        && let Some(instance) = fill.eval().instances(roster).get(fill.instance)
    {
        title = format!("{} — {}", section.title, instance.name());
    }
    let block = super::titled(&title, palette.title());
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let visible = fill.visible_questions();
    let position = visible
        .iter()
        .position(|&q| q == fill.question)
        .map_or(0, |p| p + 1);
    let width = inner.width as usize;
    let instance = fill.current_instance();
    let required = question
        .items
        .clone()
        .any(|item| fill.is_required(item, instance));
    // The key that shows the explanation here, from the keymap: none while typing.
    let hint_key = crate::tui::keymap::bindings(app.mode(), app.opts.role)
        .find(|b| b.action == crate::tui::Action::ToggleHint && b.hint.is_some())
        .map(|b| b.label);
    let mut head = vec![Line::from(vec![
        Span::styled(question.code.clone(), palette.code()),
        Span::styled(format!("   {position}/{}", visible.len()), palette.muted()),
        if required {
            Span::styled(format!("   * {}", app.tr(T::Required)), palette.warning())
        } else {
            Span::raw("")
        },
        match hint_key {
            Some(key) if question.hint.is_some() && !fill.show_hint => {
                Span::styled(format!("   {key}: {}", app.tr(T::Hint)), palette.muted())
            }
            _ => Span::raw(""),
        },
    ])];
    let text = match section
        .roster
        .and_then(|r| Some((r, fill.eval().instances(r).get(fill.instance)?)))
    {
        Some((r, instance)) => {
            let name = instance.name();
            fill.q.rosters[r].text_for(&question.text, name)
        }
        None => question.text.as_str().into(),
    };
    head.extend(text.lines().map(|l| Line::from(l.to_owned())));
    if fill.show_hint {
        head.push(Line::default());
        match &question.hint {
            Some(hint) => {
                head.push(Line::styled(
                    format!("{}:", app.tr(T::Hint)),
                    palette.title(),
                ));
                head.extend(
                    hint.lines()
                        .map(|l| Line::styled(l.to_owned(), palette.muted())),
                );
            }
            None => head.push(Line::styled(app.tr(T::NoHint), palette.muted())),
        }
    }
    let head_lines = wrapped_height(&head, width);
    let head_height = head_lines.min(inner.height.saturating_sub(4) as usize);
    // A long explanation scrolls within the space it has; a line of its own says so.
    let overflow = head_lines > head_height;
    let text_height = head_height - usize::from(overflow);
    let scroll = fill
        .hint_scroll
        .min(head_lines.saturating_sub(text_height) as u16);
    let more_below = (scroll as usize) + text_height < head_lines;
    // Queries about this question, while they wait for an answer or a close.
    let queries = fill
        .queries_here()
        .filter(|q| q.status() != crate::exchange::QueryStatus::Closed)
        .filter_map(|q| {
            let last = q.messages.iter().rev().find(|m| !m.body.is_empty())?;
            let status = crate::i18n::query_status(app.opts.lang, q.status());
            let place = if q.code == question.code {
                String::new()
            } else {
                format!("{}: ", q.code)
            };
            Some(Line::styled(
                format!(
                    "? {} ({status}) {place}{} — {}",
                    app.tr(T::QueryHere),
                    last.body,
                    last.author
                ),
                palette.warning(),
            ))
        });
    // What stands out against the other submissions, for support staff.
    let flags = fill
        .flags_here()
        .map(|f| Line::styled(crate::i18n::flag_text(app.opts.lang, f), palette.warning()));
    let problems: Vec<Line> = queries
        .chain(flags)
        .chain(
            question
                .items
                .clone()
                .flat_map(|item| fill.findings_on(item))
                // An unanswered question says so itself, and the field being typed into shows
                // its own problem under it; the problems panel lists both.
                .filter(|f| f.kind != FindingKind::Missing)
                .filter(|f| {
                    !(matches!(f.kind, FindingKind::Invalid(_))
                        && fill
                            .edit
                            .as_ref()
                            .is_some_and(|e| e.item == f.location.item))
                })
                .map(|f| {
                    let (mark, style) = match f.severity {
                        Severity::Error => ("✗", palette.error()),
                        Severity::Warning => ("⚠", palette.warning()),
                    };
                    let row = &fill.q.items[f.location.item];
                    let place = if row.code == question.code {
                        String::new()
                    } else {
                        format!("{}: ", row.code)
                    };
                    Line::styled(
                        format!("{mark} {place}{}", finding_message(app.opts.lang, f)),
                        style,
                    )
                }),
        )
        .collect();
    let problems_height = wrapped_height(&problems, width).min(8) as u16;

    let [head_area, _, body, problem_area] = Layout::vertical([
        Constraint::Length(head_height as u16),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(problems_height),
    ])
    .areas(inner);
    let [text_area, sign_area] = Layout::vertical([
        Constraint::Length(text_height as u16),
        Constraint::Length(u16::from(overflow)),
    ])
    .areas(head_area);
    frame.render_widget(
        Paragraph::new(head)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        text_area,
    );
    if overflow {
        let sign = match (scroll > 0, more_below) {
            (true, true) => "▲▼",
            (false, true) => "▼",
            _ => "▲",
        };
        let text = format!("{sign} Ctrl+↑↓: {}", app.tr(T::KeyScroll));
        frame.render_widget(
            Line::styled(text, palette.key()).alignment(ratatui::layout::Alignment::Right),
            sign_area,
        );
    }
    match question.kind {
        QuestionKind::Single | QuestionKind::Multi => {
            choices::draw(frame, app, fill, body, palette)
        }
        QuestionKind::Matrix => matrix::draw(frame, fill, body, palette),
        QuestionKind::Table => table::draw(frame, app, fill, body, palette),
        QuestionKind::Integer | QuestionKind::Number | QuestionKind::Text | QuestionKind::Urls => {
            field::draw(frame, app, fill, body, palette)
        }
    }
    frame.render_widget(
        Paragraph::new(problems).wrap(Wrap { trim: false }),
        problem_area,
    );
}

/// How many rows `lines` take when wrapped at `width` (word wrap, as `Paragraph` does).
pub fn wrapped_height(lines: &[Line], width: usize) -> usize {
    let width = width.max(1);
    lines
        .iter()
        .map(|line| {
            let mut rows = 1;
            let mut used = 0;
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            for word in text.split(' ') {
                let w = word.chars().count();
                if used > 0 && used + 1 + w > width {
                    rows += 1;
                    used = w.min(width);
                    rows += w / width;
                } else {
                    used += w + usize::from(used > 0);
                }
            }
            rows
        })
        .sum()
}
