//! The survey's data as tables for other programs: one row per submission (and, for each
//! roster, one row per instance keyed to its submission), one column per question or row
//! code, option codes in the data and their words in a codebook. Pure: the writers for CSV
//! and SPSS are in `cli/data.rs`.

use crate::expr::ItemId;
use crate::questionnaire::{AnswerType, Questionnaire};
use crate::response::{Response, Value};
use crate::rules::{self, Evaluation};

/// Codes for the answers that are not figures, the same in every numeric column and declared
/// missing in SPSS: counts are never negative, so these cannot be mistaken for answers.
pub const NOT_AVAILABLE: f64 = -1.0;
pub const NOT_APPLICABLE: f64 = -2.0;
pub const NOT_ASKED: f64 = -3.0;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Number(f64),
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The variable's name: the item's code, for a multiple choice its code and the option's
    /// (`P1001_3`), or one of the fixed columns.
    pub name: String,
    pub label: String,
    pub numeric: bool,
    /// Option code → words, for choices (a multiple choice's columns: 1 chosen, 0 not).
    pub values: Vec<(i64, String)>,
}

/// One table: the submissions', or one roster's instances.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// "" for the submissions, else the roster's id.
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

/// What identifies a submission in every table.
pub struct Case<'a> {
    pub uid: &'a str,
    pub institution: &'a str,
    pub reg_no: Option<&'a str>,
    pub sector: Option<&'a str>,
    pub kind: &'a str,
    pub year: i32,
    pub status: &'a str,
    pub response: &'a Response,
}

fn fixed(name: &str, label: &str, numeric: bool) -> Column {
    Column {
        name: name.to_owned(),
        label: label.to_owned(),
        numeric,
        values: Vec::new(),
    }
}

/// The columns of `item`.
fn columns_of(q: &Questionnaire, item: ItemId) -> Vec<Column> {
    let it = &q.items[item];
    let label = match &it.label {
        Some(row) => format!("{} — {row}", q.question_of(item).text),
        None => q.question_of(item).text.clone(),
    };
    match &it.answer {
        AnswerType::Multi(choices) => choices
            .iter()
            .map(|c| Column {
                name: format!("{}_{}", it.code, c.code),
                label: format!("{label}: {}", c.label),
                numeric: true,
                values: vec![(1, c.label.clone()), (0, String::new())],
            })
            .collect(),
        AnswerType::Single(choices) => vec![Column {
            name: it.code.clone(),
            label,
            numeric: true,
            values: choices.iter().map(|c| (c.code, c.label.clone())).collect(),
        }],
        AnswerType::Integer(_) | AnswerType::Number(_) => vec![Column {
            name: it.code.clone(),
            label,
            numeric: true,
            values: Vec::new(),
        }],
        AnswerType::Text { .. } | AnswerType::Urls { .. } => vec![Column {
            name: it.code.clone(),
            label,
            numeric: false,
            values: Vec::new(),
        }],
    }
}

/// The cells of `item` for one answer (`visible`: asked there).
fn cells_of(q: &Questionnaire, item: ItemId, visible: bool, value: Option<&Value>) -> Vec<Cell> {
    let it = &q.items[item];
    let numeric = !matches!(it.answer, AnswerType::Text { .. } | AnswerType::Urls { .. });
    // A text column has no code for "not asked": it stays empty.
    let not_asked = || {
        if numeric {
            Cell::Number(NOT_ASKED)
        } else {
            Cell::Empty
        }
    };
    match &it.answer {
        AnswerType::Multi(choices) => choices
            .iter()
            .map(|c| match (visible, value) {
                (false, _) => not_asked(),
                (true, Some(Value::Choices(chosen))) => {
                    Cell::Number(f64::from(u8::from(chosen.contains(&c.code))))
                }
                (true, _) => Cell::Empty,
            })
            .collect(),
        _ => vec![match (visible, value) {
            (false, _) => not_asked(),
            (true, None) => Cell::Empty,
            (true, Some(v)) => match v {
                Value::Choice(c) => Cell::Number(*c as f64),
                Value::Number(n) => Cell::Number(*n),
                Value::NotAvailable => Cell::Number(NOT_AVAILABLE),
                Value::NotApplicable => Cell::Number(NOT_APPLICABLE),
                Value::Text(t) => Cell::Text(t.clone()),
                Value::Urls(u) => Cell::Text(u.join(" ")),
                Value::Choices(c) => {
                    Cell::Text(c.iter().map(i64::to_string).collect::<Vec<_>>().join(" "))
                }
            },
        }],
    }
}

/// The submissions' sheet, then one per roster.
pub fn sheets(q: &Questionnaire, cases: &[Case]) -> Vec<Sheet> {
    let evals: Vec<Evaluation> = cases
        .iter()
        .map(|c| rules::evaluate(q, c.response))
        .collect();
    let key = [
        fixed("uid", "Iesnieguma identifikators", false),
        fixed("institution", "Iestāde", false),
    ];
    let mut head: Vec<Column> = key.to_vec();
    head.extend([
        fixed("reg_no", "Reģistrācijas numurs", false),
        fixed("sector", "Resors", false),
        fixed("kind", "Veids", false),
        fixed("year", "Gads", true),
        fixed("status", "Statuss", false),
    ]);
    let top: Vec<ItemId> = (0..q.items.len())
        .filter(|&i| q.items[i].roster.is_none())
        .collect();
    let mut main = Sheet {
        name: String::new(),
        columns: head
            .into_iter()
            .chain(top.iter().flat_map(|&i| columns_of(q, i)))
            .collect(),
        rows: Vec::new(),
    };
    let text = |s: &str| Cell::Text(s.to_owned());
    for (case, eval) in cases.iter().zip(&evals) {
        let mut row = vec![
            text(case.uid),
            text(case.institution),
            text(case.reg_no.unwrap_or_default()),
            text(case.sector.unwrap_or_default()),
            text(case.kind),
            Cell::Number(f64::from(case.year)),
            text(case.status),
        ];
        for &item in &top {
            let value = case.response.answers.get(&q.items[item].code);
            row.extend(cells_of(q, item, eval.is_visible(item, None, q), value));
        }
        main.rows.push(row);
    }
    let mut out = vec![main];
    for (r, roster) in q.rosters.iter().enumerate() {
        let items: Vec<ItemId> = (0..q.items.len())
            .filter(|&i| q.items[i].roster == Some(r))
            .collect();
        let mut sheet = Sheet {
            name: roster.id.clone(),
            columns: key
                .iter()
                .cloned()
                .chain([fixed("instance", &roster.item, false)])
                .chain(items.iter().flat_map(|&i| columns_of(q, i)))
                .collect(),
            rows: Vec::new(),
        };
        for (case, eval) in cases.iter().zip(&evals) {
            for (i, state) in eval.instances(r).iter().enumerate() {
                let stored = eval.instance_answers(q, case.response, r, i);
                let mut row = vec![text(case.uid), text(case.institution), text(state.name())];
                for &item in &items {
                    let value = stored.and_then(|a| a.get(&q.items[item].code));
                    row.extend(cells_of(q, item, eval.is_visible(item, Some(i), q), value));
                }
                sheet.rows.push(row);
            }
        }
        out.push(sheet);
    }
    out
}
