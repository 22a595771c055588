//! The lines of an answer table as every format lays them out, one list for the text, the CSV
//! and the workbook alike: which lines a table shows, and what each holds; the report screen
//! reads each line's label, amount and share from here too.

use super::{Count, Figures, Table, Tally};
use crate::i18n::{Lang, R, decimal, rw};

/// One line of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// The option at this place in the table's options.
    Option(usize),
    NoAnswer,
    Figure(Figure),
    /// How many wrote a text.
    Answers,
    NotAsked,
}

/// A number question's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    N,
    NotAvailable,
    NotApplicable,
    Sum,
    Mean,
    Median,
    Min,
    Max,
}

/// What a line holds: a count, or a figure (none where nothing was there to take it from).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Amount {
    Count(usize),
    Figure(Option<f64>),
}

/// The lines `t` is shown with: every option and "nav atbildes" of a choice; a number's
/// figures, the ones that are there; "nav jautāts" only where a filter hid the item.
pub fn lines(t: &Table) -> Vec<Line> {
    let mut out = match &t.kind {
        Tally::Single { options, .. } | Tally::Multi { options } => (0..options.len())
            .map(Line::Option)
            .chain([Line::NoAnswer])
            .collect(),
        Tally::Number(f) => {
            use Figure::*;
            let there = [
                (N, true),
                (NotAvailable, f.not_available > 0),
                (NotApplicable, f.not_applicable > 0),
                (Sum, true),
                (Mean, f.mean.is_some()),
                (Median, f.median.is_some()),
                (Min, f.min.is_some()),
                (Max, f.max.is_some()),
            ];
            let mut out: Vec<Line> = there
                .into_iter()
                .filter(|(_, there)| *there)
                .map(|(figure, _)| Line::Figure(figure))
                .collect();
            if t.no_answer > 0 {
                out.push(Line::NoAnswer);
            }
            out
        }
        Tally::Text { .. } => vec![Line::Answers],
    };
    if t.not_asked > 0 {
        out.push(Line::NotAsked);
    }
    out
}

pub fn label(lang: Lang, t: &Table, line: Line) -> &str {
    let word = match line {
        Line::Option(i) => return &options(t)[i].label,
        Line::NoAnswer => R::NoAnswer,
        Line::Answers => R::Answers,
        Line::NotAsked => R::NotAsked,
        Line::Figure(Figure::N) => return "n",
        Line::Figure(Figure::NotAvailable) => R::NotAvailable,
        Line::Figure(Figure::NotApplicable) => R::NotApplicable,
        Line::Figure(Figure::Sum) => R::Sum,
        Line::Figure(Figure::Mean) => R::Mean,
        Line::Figure(Figure::Median) => R::Median,
        Line::Figure(Figure::Min) => R::Min,
        Line::Figure(Figure::Max) => R::Max,
    };
    rw(lang, word)
}

/// The option's code, for an option's line.
pub fn code(t: &Table, line: Line) -> Option<i64> {
    match line {
        Line::Option(i) => Some(options(t)[i].code),
        _ => None,
    }
}

/// What `line` holds in `t`: also in a table that does not show the line, as a group's table
/// beside the whole's does not.
pub fn amount(t: &Table, line: Line) -> Amount {
    let figures = match &t.kind {
        Tally::Number(f) => Some(f),
        _ => None,
    };
    let count = |pick: fn(&Figures) -> usize| figures.map_or(0, pick);
    let figure = |pick: fn(&Figures) -> Option<f64>| figures.and_then(pick);
    match line {
        Line::Option(i) => Amount::Count(options(t)[i].count),
        Line::NoAnswer => Amount::Count(t.no_answer),
        Line::NotAsked => Amount::Count(t.not_asked),
        Line::Answers => Amount::Count(match &t.kind {
            Tally::Text { answers, .. } => *answers,
            _ => 0,
        }),
        Line::Figure(Figure::N) => Amount::Count(count(|f| f.n)),
        Line::Figure(Figure::NotAvailable) => Amount::Count(count(|f| f.not_available)),
        Line::Figure(Figure::NotApplicable) => Amount::Count(count(|f| f.not_applicable)),
        Line::Figure(Figure::Sum) => Amount::Figure(figure(|f| Some(f.sum))),
        Line::Figure(Figure::Mean) => Amount::Figure(figure(|f| f.mean)),
        Line::Figure(Figure::Median) => Amount::Figure(figure(|f| f.median)),
        Line::Figure(Figure::Min) => Amount::Figure(figure(|f| f.min)),
        Line::Figure(Figure::Max) => Amount::Figure(figure(|f| f.max)),
    }
}

/// The line's share of those asked, in per cent: an option's, and a single choice's
/// "nav atbildes" (the row that completes 100 %).
pub fn share(t: &Table, line: Line) -> Option<f64> {
    match (line, &t.kind) {
        (Line::Option(i), _) => Some(options(t)[i].share),
        (
            Line::NoAnswer,
            Tally::Single {
                no_answer_share, ..
            },
        ) => Some(*no_answer_share),
        _ => None,
    }
}

fn options(t: &Table) -> &[Count] {
    match &t.kind {
        Tally::Single { options, .. } | Tally::Multi { options } => options,
        Tally::Number(_) | Tally::Text { .. } => &[],
    }
}

/// The place of a table: its code and [`words`].
pub fn title(t: &Table) -> String {
    format!("{} {}", t.code, words(t))
}

/// A table's question, and its row's label in a matrix or table.
pub fn words(t: &Table) -> String {
    match &t.row {
        Some(row) => format!("{} — {row}", t.text),
        None => t.text.clone(),
    }
}

/// What a roster item's counts are over: every instance, from how many submissions.
pub fn roster_note(lang: Lang, t: &Table) -> Option<String> {
    let roster = t.roster.as_ref()?;
    Some(format!(
        "({} {roster}: {} — {} {})",
        rw(lang, R::OverInstances),
        t.asked + t.not_asked,
        t.submissions,
        rw(lang, R::Submissions)
    ))
}

/// The note under a multiple choice's lines: its shares can sum to over 100 %.
pub fn multi_note(lang: Lang, t: &Table) -> Option<String> {
    matches!(t.kind, Tally::Multi { .. }).then(|| format!("({})", rw(lang, R::OverHundred)))
}

/// An amount in words: a count whole, a figure with a decimal comma in Latvian (two decimals
/// where it has any), nothing for no figure.
pub fn written(lang: Lang, amount: Amount) -> String {
    match amount {
        Amount::Count(n) => n.to_string(),
        Amount::Figure(Some(x)) => decimal(lang, x, if x.fract() == 0.0 { 0 } else { 2 }),
        Amount::Figure(None) => String::new(),
    }
}
