//! A response: the answers given so far, as plain data. No I/O; the store persists it and the
//! rules engine reads it.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One answer. In JSON (database and submission files): `{"choice": 1}`, `{"choices": [0]}`,
/// `{"number": 12.0}`, `{"text": "…"}`, `{"urls": ["https://…"]}`, `"not_available"`,
/// `"not_applicable"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Value {
    /// A single choice: the option's code.
    Choice(i64),
    /// A multiple choice: the chosen option codes, ascending, without duplicates.
    Choices(Vec<i64>),
    /// An integer or decimal number.
    Number(f64),
    Text(String),
    Urls(Vec<String>),
    /// "Dati nav pieejami": answered, but the figure is not available. Not 0, not blank.
    NotAvailable,
    /// "Neattiecas": the count does not concern the institution (it has no such invoices). Not
    /// 0, not "not available": scored as not applying, where the definition allows it.
    NotApplicable,
}

impl Value {
    /// Whether this counts as no answer at all (empty text, no options, no addresses).
    pub fn is_blank(&self) -> bool {
        match self {
            Value::Choices(c) => c.is_empty(),
            Value::Text(t) => t.trim().is_empty(),
            Value::Urls(u) => u.is_empty(),
            Value::Choice(_) | Value::Number(_) | Value::NotAvailable | Value::NotApplicable => {
                false
            }
        }
    }
}

/// One instance of a roster: a service, a website, a social network.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instance {
    /// Stable identity: chosen when a respondent adds an instance, or the source answer (the
    /// address, the option code) for rosters that come from another question.
    pub key: String,
    /// What the respondent calls it (a service's name). May be empty for derived rosters.
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub answers: BTreeMap<String, Value>,
}

/// Everything answered in one submission.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Response {
    /// Answers outside rosters, by question (or row) code.
    pub answers: BTreeMap<String, Value>,
    /// Roster instances by roster id, in the respondent's order.
    pub rosters: BTreeMap<String, Vec<Instance>>,
}

impl Response {
    pub fn set(&mut self, code: &str, value: Value) {
        self.answers.insert(code.to_owned(), value);
    }

    pub fn instances(&self, roster: &str) -> &[Instance] {
        self.rosters.get(roster).map_or(&[], Vec::as_slice)
    }

    /// The instance with `key` in `roster`, created at the end if missing.
    pub fn instance_mut(&mut self, roster: &str, key: &str) -> &mut Instance {
        let list = self.rosters.entry(roster.to_owned()).or_default();
        let index = match list.iter().position(|i| i.key == key) {
            Some(index) => index,
            None => {
                list.push(Instance {
                    key: key.to_owned(),
                    ..Instance::default()
                });
                list.len() - 1
            }
        };
        &mut list[index]
    }
}
