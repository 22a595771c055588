//! The start screen: choose a submission to continue, or create one.

use super::Theme;
use crate::tui::app::{App, FORM_FIELDS, FORM_KIND, StartScreen};
use crate::tui::i18n::T;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn draw(frame: &mut Frame, app: &App, start: &StartScreen, area: Rect, theme: Theme) {
    let block = Block::bordered().title(Line::styled(
        format!(" {} — {} ", app.tr(T::AppTitle), app.q.title),
        theme.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    match &start.form {
        Some(form) => {
            let [heading, fields] =
                Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
            frame.render_widget(
                Paragraph::new(Line::styled(
                    app.tr(T::NewSubmission).trim_start_matches("+ "),
                    theme.title(),
                )),
                heading,
            );
            let label_width = FORM_FIELDS
                .iter()
                .map(|&t| app.tr(t).chars().count())
                .max()
                .unwrap_or(10)
                + 2;
            let mut lines: Vec<Line> = FORM_FIELDS
                .iter()
                .enumerate()
                .map(|(i, &t)| {
                    let value = if i == FORM_KIND {
                        let (chosen, other) = if form.ministry {
                            (T::Ministry, T::InstitutionKind)
                        } else {
                            (T::InstitutionKind, T::Ministry)
                        };
                        format!("‹ {} ›  ({} — Space)", app.tr(chosen), app.tr(other))
                    } else {
                        let cursor = if i == form.focus { "▏" } else { "" };
                        format!("{}{cursor}", form.values[i])
                    };
                    let label = format!("{:<label_width$}", app.tr(t));
                    let style = if i == form.focus {
                        theme.selected()
                    } else {
                        ratatui::style::Style::new()
                    };
                    Line::from(vec![
                        Span::styled(label, theme.muted()),
                        Span::styled(value, style),
                    ])
                })
                .collect();
            if let Some(error) = form.error {
                lines.push(Line::default());
                lines.push(Line::styled(app.tr(error), theme.error()));
            }
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), fields);
        }
        None => {
            let mut lines = vec![
                Line::styled(app.tr(T::Submissions), theme.title()),
                Line::default(),
            ];
            for (i, s) in start.submissions.iter().enumerate() {
                let demo = if s.demo {
                    format!("  [{}]", app.tr(T::Demo))
                } else {
                    String::new()
                };
                let text = format!(
                    "{}  {}  {}  ({}){demo}",
                    s.institution,
                    s.year,
                    crate::tui::i18n::status(app.opts.lang, s.status),
                    &s.updated_at
                        .get(..16)
                        .unwrap_or(&s.updated_at)
                        .replace('T', " ")
                );
                let style = if i == start.cursor {
                    theme.selected()
                } else {
                    ratatui::style::Style::new()
                };
                lines.push(Line::styled(text, style));
            }
            if start.submissions.is_empty() {
                lines.push(Line::styled(app.tr(T::NoSubmissions), theme.muted()));
            }
            let new_style = if start.cursor == start.submissions.len() {
                theme.selected()
            } else {
                theme.key()
            };
            lines.push(Line::default());
            lines.push(Line::styled(app.tr(T::NewSubmission), new_style));
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        }
    }
}
