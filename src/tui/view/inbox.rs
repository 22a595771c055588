//! Support staff's inbox: a table of every submission with where it stands, the search typed
//! so far, the status filter and the sort.

use crate::exchange::Status;
use crate::i18n::{Lang, T, status, tr};
use crate::tui::model::{App, InboxScreen, InboxSort};
use crate::tui::style::Palette;
use crate::tui::view::widgets::fit;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, TableState};

fn sort_name(lang: Lang, sort: InboxSort) -> &'static str {
    tr(
        lang,
        match sort {
            InboxSort::Waiting => T::SortWaiting,
            InboxSort::Institution => T::SortInstitution,
            InboxSort::Errors => T::SortErrors,
            InboxSort::Queries => T::SortQueries,
            InboxSort::Changed => T::SortChanged,
        },
    )
}

pub fn draw(frame: &mut Frame, app: &App, inbox: &InboxScreen, area: Rect, palette: Palette) {
    let lang = app.opts.lang;
    let shown = inbox.shown();
    let evaluated = inbox.evaluated();
    let mut title = format!(
        "{} — {}/{}",
        app.tr(T::Inbox),
        shown.len(),
        inbox.rows.len()
    );
    if evaluated < inbox.rows.len() && !inbox.failed {
        title.push_str(&format!(
            " · {} {evaluated}/{}",
            app.tr(T::Evaluating),
            inbox.rows.len()
        ));
    }
    let block = crate::tui::view::widgets::titled(&title, palette.title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [bar, table_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    let filter = inbox
        .filter
        .map_or_else(|| app.tr(T::AllStatuses), |s| status(lang, s));
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!("{}: ", app.tr(T::InboxSearch)), palette.muted()),
            Span::styled(format!("{}▏", inbox.search), palette.selected()),
            Span::styled(format!("   {}: ", app.tr(T::ColStatus)), palette.muted()),
            Span::raw(filter),
            Span::styled(format!("   {}: ", app.tr(T::SortedBy)), palette.muted()),
            Span::raw(sort_name(lang, inbox.sort)),
        ])),
        bar,
    );
    if shown.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(
                app.tr(T::NoMatchingSubmissions),
                palette.muted(),
            )),
            table_area,
        );
        return;
    }
    // Narrow terminals keep the name, status and counts; the questionnaire and the time of
    // the last change come back with room.
    let wide = table_area.width >= 110;
    let status_width = 11;
    // Every column after the name, and the one-column gap before each.
    let fixed: u16 = [5, status_width, 6, 7, 11, 8].iter().map(|w| w + 1).sum();
    let extra: u16 = if wide { 22 + 1 + 16 + 1 } else { 0 };
    let name_width = table_area.width.saturating_sub(fixed + extra).max(12);
    let header = {
        let mut cells = vec![
            app.tr(T::Institution).to_owned(),
            app.tr(T::ColYear).to_owned(),
        ];
        if wide {
            cells.push(app.tr(T::ColQuestionnaire).to_owned());
        }
        cells.extend(
            [
                T::ColStatus,
                T::ColErrors,
                T::ColWarnings,
                T::ColQueries,
                T::ColExpert,
            ]
            .map(|t| app.tr(t).to_owned()),
        );
        if wide {
            cells.push(app.tr(T::ColChanged).to_owned());
        }
        Row::new(cells).style(palette.muted())
    };
    let rows: Vec<Row> = shown
        .iter()
        .map(|&i| {
            let row = &inbox.rows[i];
            let s = &row.summary;
            let mut cells = vec![
                Line::from(fit(&s.institution, name_width as usize)),
                Line::from(s.year.to_string()),
            ];
            if wide {
                cells.push(Line::from(fit(&row.questionnaire, 22)));
            }
            let status_style = match s.status {
                Status::Accepted => palette.ok(),
                Status::Returned => palette.warning(),
                _ => ratatui::style::Style::new(),
            };
            cells.push(Line::styled(status(lang, s.status), status_style));
            // Not evaluated yet: the checks' columns wait.
            let (errors, warnings, expert) = match row.checks {
                None => (Line::from("…"), Line::from("…"), Line::from("…")),
                Some(c) => (
                    if c.errors > 0 {
                        Line::styled(c.errors.to_string(), palette.error())
                    } else {
                        Line::from("0")
                    },
                    Line::from(c.warnings.to_string()),
                    if c.expert_complete {
                        Line::styled("✓", palette.ok())
                    } else {
                        Line::styled("✗", palette.warning())
                    },
                ),
            };
            cells.push(errors);
            cells.push(warnings);
            let queries = match (row.queries.open, row.queries.answered) {
                (0, 0) => "–".to_owned(),
                (open, answered) => format!("{open} / {answered}"),
            };
            cells.push(Line::from(queries));
            cells.push(expert);
            if wide {
                cells.push(Line::from(
                    s.updated_at
                        .get(..16)
                        .unwrap_or(&s.updated_at)
                        .replace('T', " "),
                ));
            }
            Row::new(cells)
        })
        .collect();
    let mut widths = vec![Constraint::Length(name_width), Constraint::Length(5)];
    if wide {
        widths.push(Constraint::Length(22));
    }
    widths.extend([
        Constraint::Length(status_width),
        Constraint::Length(6),
        Constraint::Length(7),
        Constraint::Length(11),
        Constraint::Length(8),
    ]);
    if wide {
        widths.push(Constraint::Length(16));
    }
    let table = Table::new(rows, widths)
        .header(header)
        .row_highlight_style(palette.selected());
    let mut state = TableState::default().with_selected(Some(inbox.cursor));
    frame.render_stateful_widget(table, table_area, &mut state);
}
