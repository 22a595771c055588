//! The start screen: choose a submission to continue, or create one.

use crate::i18n::T;
use crate::tui::model::{App, FORM_FIELDS, FORM_KIND, StartScreen};
use crate::tui::style::Palette;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph, Wrap};

pub fn draw(frame: &mut Frame, app: &App, start: &StartScreen, area: Rect, palette: Palette) {
    let block = crate::tui::view::widgets::titled(
        &format!("{} — {}", app.tr(T::AppTitle), app.q.title),
        palette.title(),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    match &start.form {
        Some(form) => {
            let [heading, fields] =
                Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
            frame.render_widget(
                Paragraph::new(Line::styled(
                    app.tr(T::NewSubmission).trim_start_matches("+ "),
                    palette.title(),
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
                        let key = crate::tui::keymap::SPACE;
                        format!("‹ {} ›  ({} — {key})", app.tr(chosen), app.tr(other))
                    } else if i == form.focus {
                        // The end being typed at stays in view however long the value grows.
                        let room = (fields.width as usize).saturating_sub(label_width + 2);
                        let value = &form.values[i];
                        let count = value.chars().count();
                        if count > room {
                            let tail: String = value.chars().skip(count + 1 - room).collect();
                            format!("…{tail}▏")
                        } else {
                            format!("{value}▏")
                        }
                    } else {
                        form.values[i].clone()
                    };
                    let label = format!("{:<label_width$}", app.tr(t));
                    let style = if i == form.focus {
                        palette.selected()
                    } else {
                        ratatui::style::Style::new()
                    };
                    Line::from(vec![
                        Span::styled(label, palette.muted()),
                        Span::styled(value, style),
                    ])
                })
                .collect();
            if let Some(error) = form.error {
                lines.push(Line::default());
                lines.push(Line::styled(app.tr(error), palette.error()));
            }
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), fields);
        }
        None => {
            let [heading, list] =
                Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
            frame.render_widget(
                Paragraph::new(Line::styled(app.tr(T::Submissions), palette.title())),
                heading,
            );
            let mut items: Vec<ListItem> = start
                .list
                .rows
                .iter()
                .map(|s| {
                    // The demo mark first, so that a narrow window never cuts it.
                    let demo = if s.demo {
                        format!("[{}] ", app.tr(T::Demo))
                    } else {
                        String::new()
                    };
                    ListItem::new(format!(
                        "{demo}{}  {}  {}  ({})",
                        s.institution,
                        s.year,
                        crate::i18n::status(app.opts.lang, s.status),
                        &s.updated_at
                            .get(..16)
                            .unwrap_or(&s.updated_at)
                            .replace('T', " ")
                    ))
                })
                .collect();
            if start.list.rows.is_empty() {
                items.push(ListItem::new(Line::styled(
                    app.tr(T::NoSubmissions),
                    palette.muted(),
                )));
            }
            if !start.list.more_after {
                items.push(ListItem::new(Line::styled(
                    app.tr(T::NewSubmission),
                    palette.key(),
                )));
            }
            // The "new" row is last; with no submissions a notice stands before it.
            let selected = if start.list.rows.is_empty() {
                1
            } else {
                start.cursor
            };
            crate::tui::view::widgets::selectable(
                frame,
                items,
                None,
                selected,
                palette.selected(),
                list,
            );
        }
    }
}
