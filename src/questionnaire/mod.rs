//! The questionnaire definition model: what `questionnaire/*.toml` files turn into once loaded
//! and checked. Loading (with every check that can be made without answers) lives in [`load`];
//! the format is documented in `questionnaire/README.md`.

mod load;
mod raw;
mod reach;

use crate::expr::{Expr, ItemId, ItemType, RosterId, Scope, Symbol};
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

/// Earlier versions of the built-in definitions, exactly as they shipped: files filled with
/// them still import (and open with the version they were filled with) on any machine.
pub const ARCHIVED: [(&str, &str); 2] = [
    (
        "questionnaire/archive/eindex-2019.1.toml",
        include_str!("../../questionnaire/archive/eindex-2019.1.toml"),
    ),
    (
        "questionnaire/archive/eindex-2019.2.toml",
        include_str!("../../questionnaire/archive/eindex-2019.2.toml"),
    ),
];

/// Every definition this program knows without being told: the current ones and the archived.
pub fn built_in() -> impl Iterator<Item = &'static str> {
    [EINDEX_2019.1, IKT_2024.1]
        .into_iter()
        .chain(ARCHIVED.iter().map(|(_, text)| *text))
}

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
    /// The items of each scope sorted by code: outside rosters first, then each roster's. The
    /// rules find a response's answers (kept sorted by code) by walking both lists at once.
    scopes: Vec<Vec<(String, ItemId)>>,
    /// Each item's place in its scope's list, so that what the rules keep per roster instance
    /// is as long as the roster, not the questionnaire.
    slots: Vec<usize>,
}

impl Questionnaire {
    /// The questionnaire with its scopes' sorted code lists.
    fn with_scopes(mut self) -> Self {
        let scope_of = |item: &Item| item.roster.map_or(0, |r| r + 1);
        self.scopes = vec![Vec::new(); self.rosters.len() + 1];
        for (id, item) in self.items.iter().enumerate() {
            self.scopes[scope_of(item)].push((item.code.clone(), id));
        }
        self.slots = vec![0; self.items.len()];
        for scope in &mut self.scopes {
            scope.sort_unstable();
            for (slot, (_, id)) in scope.iter().enumerate() {
                self.slots[*id] = slot;
            }
        }
        self
    }

    /// An item's place among the items of its roster (or of those outside rosters).
    pub(crate) fn slot(&self, item: ItemId) -> usize {
        self.slots[item]
    }

    /// The items of a roster (or, for `None`, outside rosters), sorted by code; an item's
    /// [`slot`](Self::slot) is its place here.
    pub(crate) fn scope(&self, roster: Option<RosterId>) -> &[(String, ItemId)] {
        &self.scopes[roster.map_or(0, |r| r + 1)]
    }

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

    /// Whether a question is asked only as the follow-up of an option ("Cits — norādiet").
    pub fn is_follow_up(&self, question: usize) -> bool {
        let code = &self.questions[question].code;
        self.items.iter().any(|item| {
            item.answer
                .choices()
                .iter()
                .any(|c| c.follow_up.as_ref() == Some(code))
        })
    }

    /// (questions asked for their own sake, follow-ups) among `questions`.
    pub fn count_questions(&self, questions: impl IntoIterator<Item = usize>) -> (usize, usize) {
        questions.into_iter().fold((0, 0), |(main, follow), q| {
            if self.is_follow_up(q) {
                (main, follow + 1)
            } else {
                (main + 1, follow)
            }
        })
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
    /// Text in this roster's questions that stands for the instance ("[Galvenais sociālā
    /// medija]"): shown as the instance's name.
    pub placeholder: Option<String>,
}

impl Roster {
    /// A question's text as shown for the instance called `name`.
    pub fn text_for<'t>(&self, text: &'t str, name: &str) -> std::borrow::Cow<'t, str> {
        match &self.placeholder {
            Some(p) if text.contains(p.as_str()) => text.replace(p.as_str(), name).into(),
            _ => text.into(),
        }
    }
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
    /// Figures shown live beside a table while it is filled (a channel sum, a share).
    pub computed: Vec<Computed>,
    pub seed_line: Option<u32>,
}

#[derive(Debug)]
pub struct Computed {
    pub label: String,
    pub value: Expr,
    pub unit: Option<String>,
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
    /// The option codes of `answer`, for the expression compiler.
    pub(crate) option_codes: Vec<i64>,
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
    /// The count may be answered "neattiecas".
    pub not_applicable: bool,
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

/// One way a definition differs from another version of itself, as far as answers are
/// concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added(String),
    Removed(String),
    Reworded(String),
    TypeChanged(String),
    OptionsChanged(String),
    ConditionChanged(String),
    CheckChanged(String),
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Change::Added(c) => write!(f, "{c} is new"),
            Change::Removed(c) => write!(f, "{c} is no longer asked"),
            Change::Reworded(c) => write!(f, "{c} is worded differently"),
            Change::TypeChanged(c) => write!(f, "{c} takes a different kind of answer"),
            Change::OptionsChanged(c) => write!(f, "{c} has different answer options"),
            Change::ConditionChanged(c) => write!(f, "{c} is shown under different conditions"),
            Change::CheckChanged(c) => write!(f, "check {c} is different"),
        }
    }
}

/// What changed from `old` to `new`, item by item, in `new`'s order (removals last).
pub fn changes(old: &Questionnaire, new: &Questionnaire) -> Vec<Change> {
    let mut out = Vec::new();
    for (id, item) in new.items.iter().enumerate() {
        let code = || item.code.clone();
        let Some(old_id) = old.item(&item.code) else {
            out.push(Change::Added(code()));
            continue;
        };
        let before = &old.items[old_id];
        let (q_old, q_new) = (old.question_of(old_id), new.question_of(id));
        if q_old.text != q_new.text || before.label != item.label {
            out.push(Change::Reworded(code()));
        }
        let same_options = |a: &AnswerType, b: &AnswerType| {
            let key = |t: &AnswerType| -> Vec<(i64, String, bool)> {
                t.choices()
                    .iter()
                    .map(|c| (c.code, c.label.clone(), c.exclusive))
                    .collect()
            };
            key(a) == key(b)
        };
        if std::mem::discriminant(&before.answer) != std::mem::discriminant(&item.answer) {
            out.push(Change::TypeChanged(code()));
        } else if !same_options(&before.answer, &item.answer) {
            out.push(Change::OptionsChanged(code()));
        }
        let same_conditions = visibility_conditions(old, old_id)
            .map(|e| e.source.trim())
            .eq(visibility_conditions(new, id).map(|e| e.source.trim()));
        if !same_conditions {
            out.push(Change::ConditionChanged(code()));
        }
    }
    for item in &old.items {
        if new.item(&item.code).is_none() {
            out.push(Change::Removed(item.code.clone()));
        }
    }
    for check in &new.checks {
        let same = old.checks.iter().any(|c| {
            c.name == check.name
                && c.severity == check.severity
                && c.assert.source.trim() == check.assert.source.trim()
                && old.items[c.on].code == new.items[check.on].code
        });
        if !same {
            out.push(Change::CheckChanged(check.name.clone()));
        }
    }
    out
}

/// Names in expressions written against a loaded questionnaire (a scoring model's), outside
/// any roster.
impl Scope for Questionnaire {
    fn resolve(&self, name: &str) -> Option<Symbol<'_>> {
        match self.item(name) {
            Some(id) => Some(self.items[id].symbol(id)),
            None => self.roster(name).map(Symbol::Roster),
        }
    }

    fn roster_name(&self, roster: RosterId) -> String {
        self.rosters[roster].id.clone()
    }
}

impl Item {
    /// What this item (with id `id`) is to the expression compiler.
    pub(crate) fn symbol(&self, id: ItemId) -> Symbol<'_> {
        let ty = match &self.answer {
            AnswerType::Single(_) => ItemType::Single(&self.option_codes),
            AnswerType::Multi(_) => ItemType::Multi(&self.option_codes),
            AnswerType::Integer(_) | AnswerType::Number(_) => ItemType::Number,
            AnswerType::Text { .. } => ItemType::Text,
            AnswerType::Urls { .. } => ItemType::Urls,
        };
        Symbol::Item {
            id,
            ty,
            roster: self.roster,
        }
    }
}
