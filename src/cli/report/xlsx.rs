//! The answer tables as an Excel workbook: one sheet of every table ("tabulas"), and with
//! `--texts` one of the texts written ("teksti"). Counts and figures are numbers, shares
//! numbers shown as per cents; the header rows stay in view.

use crate::i18n::{Lang, R, rw};
use crate::report::lines::{
    Amount, Line, amount, code, label, lines, multi_note, roster_note, share, words,
};
use crate::report::{Report, Table, Tally};
use rust_xlsxwriter::{Format as Style, Workbook, Worksheet};

/// What the sheet says above the tables.
pub(super) struct Heading<'a> {
    /// The questionnaire's title, id and version.
    pub questionnaire: &'a str,
    /// The statuses and the year counted.
    pub filter: &'a str,
}

/// Where the columns of counts and shares begin: after the code, the words and the option's
/// code.
const FIRST_COUNT: u16 = 3;

struct Styles {
    bold: Style,
    note: Style,
    option: Style,
    share: Style,
    decimals: Style,
    wrapped: Style,
}

/// The workbook of `whole` and, with `--by`, its `groups`. A group is a pair of columns
/// (count, share) beside the whole's, not a block of its own below: an organiser compares
/// the groups along a row, as the 2024 report's figures set them side by side, and one row
/// per line keeps the sheet as long as without groups. (The CSV is the long form, a group per
/// row, for pivot tables.)
pub(super) fn workbook(
    lang: Lang,
    heading: &Heading,
    whole: &Report,
    groups: &[(String, Report)],
    texts: bool,
) -> anyhow::Result<Vec<u8>> {
    let styles = Styles {
        bold: Style::new().set_bold(),
        note: Style::new().set_italic(),
        option: Style::new().set_indent(1),
        share: Style::new().set_num_format(match lang {
            Lang::Lv => "0.00 %",
            Lang::En => "0.00%",
        }),
        decimals: Style::new().set_num_format("0.00"),
        wrapped: Style::new().set_text_wrap(),
    };
    let columns: Vec<(&str, &Report)> = std::iter::once((rw(lang, R::Whole), whole))
        .chain(groups.iter().map(|(name, g)| (name.as_str(), g)))
        .collect();
    let mut book = Workbook::new();
    tables(book.add_worksheet(), lang, &styles, heading, &columns)?;
    if texts {
        let written: Vec<(&str, &Report)> = if groups.is_empty() {
            vec![("", whole)]
        } else {
            columns[1..].to_vec()
        };
        texts_sheet(book.add_worksheet(), lang, &styles, &written)?;
    }
    Ok(book.save_to_buffer()?)
}

fn tables(
    ws: &mut Worksheet,
    lang: Lang,
    styles: &Styles,
    heading: &Heading,
    columns: &[(&str, &Report)],
) -> anyhow::Result<()> {
    ws.set_name(rw(lang, R::TablesSheet))?;
    let whole = columns[0].1;
    ws.write_string_with_format(0, 0, rw(lang, R::Questionnaire), &styles.bold)?;
    ws.write_string(0, 1, heading.questionnaire)?;
    ws.write_string_with_format(1, 0, rw(lang, R::Counted), &styles.bold)?;
    ws.write_string(1, 1, heading.filter)?;
    if whole.n == 0 {
        ws.write_string_with_format(2, 1, rw(lang, R::NothingToCount), &styles.note)?;
    }
    let mut r = 3;
    let last = FIRST_COUNT + 2 * u16::try_from(columns.len())? - 1;
    if columns.len() > 1 {
        for (k, (name, _)) in columns.iter().enumerate() {
            let col = FIRST_COUNT + 2 * u16::try_from(k)?;
            ws.merge_range(r, col, r, col + 1, name, &styles.bold)?;
            // Both columns of a pair share the group's name above them.
            let width = (name.chars().count() / 2 + 2).max(10);
            ws.set_column_width(col, width as f64)?;
            ws.set_column_width(col + 1, width as f64)?;
        }
        r += 1;
    }
    let header = r;
    for (col, word) in [R::CodeColumn, R::ItemColumn, R::OptionColumn]
        .into_iter()
        .enumerate()
    {
        ws.write_string_with_format(r, col as u16, rw(lang, word), &styles.bold)?;
    }
    for col in (FIRST_COUNT..=last).step_by(2) {
        ws.write_string_with_format(r, col, rw(lang, R::CountColumn), &styles.bold)?;
        ws.write_string_with_format(r, col + 1, rw(lang, R::ShareColumn), &styles.bold)?;
    }
    r += 1;
    ws.write_string(r, 1, "n")?;
    for (k, (_, report)) in columns.iter().enumerate() {
        ws.write_number(r, FIRST_COUNT + 2 * u16::try_from(k)?, report.n as f64)?;
    }
    r += 1;
    // The heading and the columns' names stay in view; with groups, the lines' names too.
    ws.set_freeze_panes(r, if columns.len() > 1 { FIRST_COUNT } else { 0 })?;
    let widest_code = whole.tables.iter().map(|t| t.code.chars().count());
    ws.set_column_width(0, (widest_code.max().unwrap_or(0) + 2).max(8) as f64)?;
    ws.set_column_width(1, 60)?;
    ws.set_column_width(2, 14)?;
    for (ti, t) in whole.tables.iter().enumerate() {
        ws.write_string_with_format(r, 0, &t.code, &styles.bold)?;
        ws.write_string_with_format(r, 1, words(t), &styles.bold)?;
        r += 1;
        if let Some(note) = roster_note(lang, t) {
            ws.write_string_with_format(r, 1, &note, &styles.note)?;
            r += 1;
        }
        // The whole's lines are the rows: a group shows no line the whole does not.
        for line in lines(t) {
            ws.write_string(r, 0, &t.code)?;
            ws.write_string_with_format(r, 1, label(lang, t, line), &styles.option)?;
            if let Some(c) = code(t, line) {
                ws.write_number(r, 2, c as f64)?;
            }
            for (k, (_, report)) in columns.iter().enumerate() {
                let col = FIRST_COUNT + 2 * u16::try_from(k)?;
                cells(ws, styles, r, col, &report.tables[ti], line)?;
            }
            r += 1;
            if line == Line::NoAnswer
                && let Some(note) = multi_note(lang, t)
            {
                ws.write_string_with_format(r, 1, &note, &styles.note)?;
                r += 1;
            }
        }
    }
    ws.autofilter(header, 0, r.saturating_sub(1).max(header), last)?;
    Ok(())
}

/// A line's count or figure at `col` and its share beside it.
fn cells(
    ws: &mut Worksheet,
    styles: &Styles,
    r: u32,
    col: u16,
    t: &Table,
    line: Line,
) -> anyhow::Result<()> {
    match amount(t, line) {
        Amount::Count(n) => {
            ws.write_number(r, col, n as f64)?;
        }
        Amount::Figure(Some(x)) if x.fract() == 0.0 => {
            ws.write_number(r, col, x)?;
        }
        Amount::Figure(Some(x)) => {
            ws.write_number_with_format(r, col, x, &styles.decimals)?;
        }
        Amount::Figure(None) => {}
    }
    if let Some(s) = share(t, line) {
        // The share the text and the CSV write, to the hundredth of a per cent: a sum of
        // shares in the sheet is then the sum of the shares printed.
        let fraction = (s * 100.0).round() / 10_000.0;
        ws.write_number_with_format(r, col + 1, fraction, &styles.share)?;
    }
    Ok(())
}

/// Every text written, a row each, with its group's name where there are groups.
fn texts_sheet(
    ws: &mut Worksheet,
    lang: Lang,
    styles: &Styles,
    groups: &[(&str, &Report)],
) -> anyhow::Result<()> {
    ws.set_name(rw(lang, R::TextsSheet))?;
    let grouped = groups.iter().any(|(name, _)| !name.is_empty());
    let names: &[R] = if grouped {
        &[
            R::GroupColumn,
            R::CodeColumn,
            R::QuestionColumn,
            R::TextColumn,
        ]
    } else {
        &[R::CodeColumn, R::QuestionColumn, R::TextColumn]
    };
    let first = u16::from(grouped);
    for (col, word) in names.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, rw(lang, *word), &styles.bold)?;
    }
    if grouped {
        ws.set_column_width(0, 30)?;
    }
    ws.set_column_width(first, 12)?;
    ws.set_column_width(first + 1, 50)?;
    ws.set_column_width(first + 2, 80)?;
    ws.set_freeze_panes(1, 0)?;
    let mut r = 1;
    for (name, report) in groups {
        for t in &report.tables {
            let Tally::Text { texts, .. } = &t.kind else {
                continue;
            };
            for text in texts {
                if grouped {
                    ws.write_string(r, 0, *name)?;
                }
                ws.write_string(r, first, &t.code)?;
                ws.write_string(r, first + 1, words(t))?;
                ws.write_string_with_format(r, first + 2, text, &styles.wrapped)?;
                r += 1;
            }
        }
    }
    Ok(())
}
