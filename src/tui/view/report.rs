//! The answer tables on screen: the questions down the left (when there is room), and the
//! table of the one under the cursor — each answer's count and share with a bar, a number's
//! figures, a text question's answers.

use crate::i18n::{Lang, Noun, R, T, count, counted_statuses, counted_year, decimal, figure, rw};
use crate::questionnaire::Questionnaire;
use crate::report::lines::{self as table, Amount, Line as Row};
use crate::report::{Table, Tally};
use crate::tui::model::App;
use crate::tui::model::report::ReportView;
use crate::tui::style::Palette;
use crate::tui::view::widgets::{fit, selectable, titled, wrap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};

/// From this width the list of questions stands beside the table.
const WITH_LIST: u16 = 100;
const LIST_WIDTH: u16 = 38;

pub fn draw(frame: &mut Frame, app: &App, view: &ReportView, area: Rect, palette: Palette) {
    let lang = app.opts.lang;
    let [header, scope, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    let title = format!(
        " {} · {} · {}",
        app.tr(T::AppTitle),
        app.tr(T::AnswerTables),
        app.q.title
    );
    frame.render_widget(
        Paragraph::new(Line::styled(
            fit(&title, header.width as usize),
            palette.title(),
        )),
        header,
    );
    let said = format!(
        " n = {} · {}: {} · {}",
        view.page.report.n,
        rw(lang, R::Counted),
        counted_statuses(lang, &view.scope.statuses),
        counted_year(lang, view.scope.year)
    );
    frame.render_widget(
        Paragraph::new(Line::styled(
            fit(&said, scope.width as usize),
            palette.muted(),
        )),
        scope,
    );
    let detail = if body.width >= WITH_LIST {
        let [list, detail] =
            Layout::horizontal([Constraint::Length(LIST_WIDTH), Constraint::Fill(1)]).areas(body);
        questions(frame, app, view, list, palette);
        detail
    } else {
        body
    };
    let tables = &view.page.report.tables;
    let block_title = match view.table() {
        Some(t) => format!("{} ({}/{})", t.code, view.cursor + 1, tables.len()),
        None => app.tr(T::AnswerTables).to_owned(),
    };
    let block = titled(&block_title, palette.code());
    let inner = block.inner(detail);
    frame.render_widget(block, detail);
    let lines = match view.table() {
        _ if view.page.report.n == 0 => vec![Line::from(rw(lang, R::NothingToCount))],
        Some(t) => table_lines(lang, &app.q, t, inner.width as usize, palette),
        None => Vec::new(),
    };
    // Scrolled no further than the last line's coming into view.
    let last = lines.len().saturating_sub(inner.height as usize);
    let scroll = (view.scroll as usize).min(last);
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
}

fn questions(frame: &mut Frame, app: &App, view: &ReportView, area: Rect, palette: Palette) {
    let block = titled(app.tr(T::Questions), palette.title());
    let width = block.inner(area).width as usize;
    let items: Vec<ListItem> = view
        .page
        .report
        .tables
        .iter()
        .map(|t| {
            let name = match &t.row {
                Some(row) => format!("{} {row}", t.code),
                None => format!("{} {}", t.code, t.text),
            };
            ListItem::new(fit(&name, width))
        })
        .collect();
    selectable(
        frame,
        items,
        Some(block),
        view.cursor,
        palette.selected(),
        area,
    );
}

/// One table's lines at `width`: the question, then its counts.
fn table_lines(
    lang: Lang,
    q: &Questionnaire,
    t: &Table,
    width: usize,
    palette: Palette,
) -> Vec<Line<'static>> {
    let question = Style::new().add_modifier(Modifier::BOLD);
    let mut lines: Vec<Line> = wrap(&t.text, width)
        .into_iter()
        .map(|l| Line::styled(l, question))
        .collect();
    if let Some(row) = &t.row {
        lines.extend(wrap(&format!("— {row}"), width).into_iter().map(Line::from));
    }
    if let Some(roster) = t
        .roster
        .as_ref()
        .and_then(|id| q.roster(id))
        .map(|r| &q.rosters[r])
    {
        let over = format!(
            "{}: {} · {}",
            roster.title,
            t.asked + t.not_asked,
            count(lang, t.submissions, Noun::Submission)
        );
        lines.push(Line::styled(over, palette.muted()));
    }
    lines.push(Line::from(""));
    let rows = Rows {
        lang,
        width,
        palette,
    };
    for line in shown(t) {
        let value = match table::amount(t, line) {
            Amount::Count(n) => Some(n as f64),
            Amount::Figure(x) => x,
        };
        rows.row(
            &mut lines,
            table::label(lang, t, line),
            value,
            table::share(t, line),
        );
    }
    match &t.kind {
        Tally::Multi { .. } => {
            lines.push(Line::from(""));
            for l in wrap(rw(lang, R::OverHundred), width) {
                lines.push(Line::styled(l, palette.muted()));
            }
        }
        Tally::Text { texts, .. } => {
            lines.push(Line::from(""));
            for (text, times) in alike(texts) {
                let text = match times {
                    1 => text.to_owned(),
                    _ => format!("{text} (×{times})"),
                };
                for (i, l) in wrap(&text, width.saturating_sub(2)).into_iter().enumerate() {
                    let mark = if i == 0 { "– " } else { "  " };
                    lines.push(Line::from(format!("{mark}{l}")));
                }
            }
        }
        Tally::Single { .. } | Tally::Number(_) => {}
    }
    if t.not_asked > 0 {
        // Not in any denominator: its own line, without a share.
        lines.push(Line::from(""));
        let value = Some(t.not_asked as f64);
        rows.row(
            &mut lines,
            table::label(lang, t, Row::NotAsked),
            value,
            None,
        );
    }
    lines
}

/// The lines the screen shows above the extras and "nav jautāts": a choice's as every format
/// has them; every figure of a number, "—" where there is none, and a text question's
/// answers and blanks, so that the same rows stand in the same places from table to table.
fn shown(t: &Table) -> Vec<Row> {
    use table::Figure::*;
    match &t.kind {
        Tally::Number(f) => {
            let mut out = vec![Row::Figure(N), Row::Figure(NotAvailable)];
            if f.not_applicable > 0 {
                out.push(Row::Figure(NotApplicable));
            }
            out.push(Row::NoAnswer);
            out.extend([Sum, Mean, Median, Min, Max].map(Row::Figure));
            out
        }
        Tally::Text { .. } => vec![Row::Answers, Row::NoAnswer],
        Tally::Single { .. } | Tally::Multi { .. } => table::lines(t)
            .into_iter()
            .filter(|&l| l != Row::NotAsked)
            .collect(),
    }
}

/// The answers of a text question, each once with how many gave it, the most given first
/// (ties in the order first given): a hundred "nav" read as one line.
fn alike(texts: &[String]) -> Vec<(&str, usize)> {
    let mut seen: Vec<(&str, usize)> = Vec::new();
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for text in texts {
        let text = text.trim();
        match at.get(text) {
            Some(&i) => seen[i].1 += 1,
            None => {
                at.insert(text, seen.len());
                seen.push((text, 1));
            }
        }
    }
    seen.sort_by_key(|&(_, times)| std::cmp::Reverse(times));
    seen
}

/// The rows of a table at one width: a label, then a bar, a count and a share.
struct Rows {
    lang: Lang,
    width: usize,
    palette: Palette,
}

impl Rows {
    /// The label's column: a third of the width, at least 12 and at most 40 characters; a
    /// longer label goes on over the lines below.
    fn label_width(&self) -> usize {
        (self.width / 3).clamp(12, 40).min(self.width)
    }

    /// A row: its label, a bar of its share (when it has one), the count or figure ("—" for
    /// none) and the share.
    fn row(
        &self,
        lines: &mut Vec<Line<'static>>,
        label: &str,
        value: Option<f64>,
        share: Option<f64>,
    ) {
        const FIGURES: usize = 1 + 10 + 1 + 9;
        let label_width = self.label_width();
        let bar_width = self.width.saturating_sub(label_width + 1 + FIGURES).max(1);
        let value = value.map_or_else(|| "—".to_owned(), |v| figure(self.lang, v));
        let bar = share.map_or_else(|| " ".repeat(bar_width), |s| meter(s, bar_width));
        let share = share.map_or_else(String::new, |s| format!("{} %", decimal(self.lang, s, 2)));
        let mut figures = Some(format!(" {value:>10} {share:>9}"));
        for l in wrap(label, label_width) {
            let mut spans = vec![Span::raw(fit(&l, label_width))];
            if let Some(figures) = figures.take() {
                spans.push(Span::raw(" "));
                spans.push(Span::styled(bar.clone(), self.palette.key()));
                spans.push(Span::raw(figures));
            }
            lines.push(Line::from(spans));
        }
    }
}

/// A bar of `share` per cent at `width` cells, in eighths of a cell, padded with spaces.
fn meter(share: f64, width: usize) -> String {
    const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let eighths = ((share / 100.0).clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let (full, part) = (eighths / 8, eighths % 8);
    let mut bar = "█".repeat(full);
    bar.push_str(EIGHTHS[part]);
    let used = full + usize::from(part > 0);
    bar.push_str(&" ".repeat(width.saturating_sub(used)));
    bar
}
