//! The questionnaire definition model: what `questionnaire/*.toml` files turn into once loaded
//! and checked. Loading (with every check that can be made without answers) lives in [`load`];
//! the format is documented in `questionnaire/README.md`.

mod load;
mod raw;
mod reach;

use crate::expr::{Expr, ItemId, RosterId};
use std::collections::HashMap;
use std::ops::Range;

pub use load::{Checked, MAX_DEFINITION_BYTES, check, load};
pub(crate) use reach::conditions as visibility_conditions;

/// Built-in definitions, so the binary runs without files beside it.
pub const EINDEX_2019: (&str, &str) = (
    "questionnaire/eindex-2019.toml",
    include_str!("../../questionnaire/eindex-2019.toml"),
);
pub const IKT_2024: (&str, &str) = (
    "questionnaire/ikt-2024.toml",
    include_str!("../../questionnaire/ikt-2024.toml"),
);

#[derive(Debug)]
pub struct Questionnaire {
    pub id: String,
    pub version: String,
    pub title: String,
    pub languages: Vec<String>,
    pub source: Option<String>,
    pub parts: Vec<Part>,
    pub rosters: Vec<Roster>,
    pub sections: Vec<Section>,
    pub questions: Vec<Question>,
    pub items: Vec<Item>,
    pub checks: Vec<Check>,
    by_code: HashMap<String, ItemId>,
    /// Items ordered so that every item comes after the items its visibility depends on.
    pub(crate) order: Vec<ItemId>,
}

impl Questionnaire {
    /// The answerable item with this code (a question, or a matrix/table row).
    pub fn item(&self, code: &str) -> Option<ItemId> {
        self.by_code.get(code).copied()
    }

    pub fn roster(&self, id: &str) -> Option<RosterId> {
        self.rosters.iter().position(|r| r.id == id)
    }

    pub fn question_of(&self, item: ItemId) -> &Question {
        &self.questions[self.items[item].question]
    }

    pub fn section_of(&self, item: ItemId) -> &Section {
        &self.sections[self.items[item].section]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilledBy {
    Respondent,
    Expert,
}

#[derive(Debug)]
pub struct Part {
    pub id: String,
    pub title: String,
    pub filled_by: FilledBy,
}

#[derive(Debug)]
pub struct Roster {
    pub id: String,
    pub title: String,
    /// What one instance is called ("Pakalpojums").
    pub item: String,
    /// The question whose answer lists the instances; `None` when the respondent adds them.
    pub from: Option<ItemId>,
}

#[derive(Debug)]
pub struct Section {
    pub id: String,
    pub part: usize,
    pub title: String,
    pub intro: Option<String>,
    pub show_if: Option<Expr>,
    pub roster: Option<RosterId>,
    pub required_instances: Option<Selection>,
    pub questions: Range<usize>,
}

/// Which roster instances must be filled: all when there are at most `min`, else the
/// `max(min, ceil(share × n))` with the largest `top_by`.
#[derive(Debug, Clone)]
pub struct Selection {
    pub top_by: ItemId,
    pub share: f64,
    pub min: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionKind {
    Single,
    Multi,
    Integer,
    Number,
    Text,
    Urls,
    Matrix,
    Table,
}

#[derive(Debug)]
pub struct Question {
    pub code: String,
    pub text: String,
    pub hint: Option<String>,
    pub kind: QuestionKind,
    pub section: usize,
    pub show_if: Option<Expr>,
    /// The items this question is answered through: itself, or its rows.
    pub items: Range<ItemId>,
    pub seed_line: Option<u32>,
}

/// One answerable thing: a question, or a row of a matrix or table.
#[derive(Debug)]
pub struct Item {
    pub code: String,
    /// The row's label; `None` for a plain question.
    pub label: Option<String>,
    /// The source's own row identifier (`DOC.S.1`).
    pub reference: Option<String>,
    /// The row's own hint; a question's hint is on the [`Question`].
    pub hint: Option<String>,
    pub question: usize,
    pub section: usize,
    pub roster: Option<RosterId>,
    pub answer: AnswerType,
    pub required: bool,
    /// The row's own condition; the question's and section's apply too.
    pub show_if: Option<Expr>,
}

#[derive(Debug, Clone)]
pub enum AnswerType {
    Single(Vec<Choice>),
    Multi(Vec<Choice>),
    Integer(Bounds),
    Number(Bounds),
    Text {
        multiline: bool,
        max_length: Option<usize>,
    },
    Urls {
        max_items: Option<usize>,
    },
}

impl AnswerType {
    pub fn choices(&self) -> &[Choice] {
        match self {
            AnswerType::Single(c) | AnswerType::Multi(c) => c,
            _ => &[],
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Bounds {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub unit: Option<String>,
    pub not_available: bool,
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub code: i64,
    pub label: String,
    pub exclusive: bool,
    pub follow_up: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Blocks submitting.
    Error,
    /// Needs an acknowledgement before submitting.
    Warning,
}

#[derive(Debug)]
pub struct Check {
    pub name: String,
    pub section: usize,
    pub on: ItemId,
    pub assert: Expr,
    pub severity: Severity,
    pub message: Vec<MessagePart>,
}

#[derive(Debug)]
pub enum MessagePart {
    Text(String),
    Value(Expr),
}
