//! The answer tables as text, for the terminal: a block per table, figures on one line.

use crate::i18n::{Lang, decimal};
use crate::report::lines::{
    Line, amount, label, lines, multi_note, roster_note, share, title, written,
};
use crate::report::{Report, Tally};
use std::fmt::Write as _;

pub(super) fn text(lang: Lang, heading: &str, report: &Report, texts: bool) -> String {
    let mut out = format!("{heading}\n");
    for t in &report.tables {
        let _ = writeln!(out, "\n{}", title(t));
        if let Some(note) = roster_note(lang, t) {
            let _ = writeln!(out, "  {note}");
        }
        let (figures, rows): (Vec<Line>, Vec<Line>) = lines(t)
            .into_iter()
            .partition(|line| matches!(line, Line::Figure(_)));
        if !figures.is_empty() {
            let parts: Vec<String> = figures
                .into_iter()
                .map(|line| {
                    format!(
                        "{} {}",
                        label(lang, t, line),
                        written(lang, amount(t, line))
                    )
                })
                .collect();
            let _ = writeln!(out, "  {}", parts.join(" · "));
        }
        for line in rows {
            let name = label(lang, t, line);
            let count = written(lang, amount(t, line));
            let _ = match share(t, line) {
                Some(s) => writeln!(out, "  {name:<50} {count:>6} {:>9}", percent(lang, s)),
                None => writeln!(out, "  {name:<50} {count:>6}"),
            };
            match (line, &t.kind) {
                (Line::NoAnswer, _) => {
                    if let Some(note) = multi_note(lang, t) {
                        let _ = writeln!(out, "  {note}");
                    }
                }
                (Line::Answers, Tally::Text { texts: all, .. }) if texts => {
                    for text in all {
                        let _ = writeln!(out, "    – {}", text.replace('\n', " "));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn percent(lang: Lang, x: f64) -> String {
    format!("{} %", decimal(lang, x, 2))
}
