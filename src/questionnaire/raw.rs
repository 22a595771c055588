//! The file format as serde sees it. Every struct denies unknown keys, and values that a
//! diagnostic may need to point at keep their spans.

use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    pub id: Spanned<String>,
    pub version: String,
    pub title: String,
    pub languages: Vec<String>,
    pub source: Option<String>,
    #[serde(default)]
    pub parts: Vec<Part>,
    #[serde(default)]
    pub rosters: Vec<Roster>,
    #[serde(default)]
    pub sections: Vec<Section>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub id: Spanned<String>,
    pub title: String,
    pub filled_by: FilledBy,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum FilledBy {
    Respondent,
    Expert,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    pub id: Spanned<String>,
    pub title: String,
    pub item: String,
    pub from: Option<Spanned<String>>,
    pub placeholder: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: Spanned<String>,
    pub part: Spanned<String>,
    pub title: String,
    pub intro: Option<String>,
    pub show_if: Option<Spanned<String>>,
    pub roster: Option<Spanned<String>>,
    pub required_instances: Option<Spanned<Selection>>,
    #[serde(default)]
    pub questions: Vec<Question>,
    #[serde(default)]
    pub checks: Vec<Check>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selection {
    pub top_by: Spanned<String>,
    pub share: f64,
    pub min: usize,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Type {
    Single,
    Multi,
    Integer,
    Number,
    Text,
    Urls,
    Matrix,
    Table,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub code: Spanned<String>,
    pub text: String,
    pub hint: Option<String>,
    #[serde(rename = "type")]
    pub kind: Spanned<Type>,
    pub required: Option<bool>,
    pub show_if: Option<Spanned<String>>,
    pub seed_line: Option<u32>,
    pub options: Option<Spanned<Vec<Choice>>>,
    pub rows: Option<Spanned<Vec<Row>>>,
    pub min: Option<Spanned<f64>>,
    pub max: Option<Spanned<f64>>,
    pub unit: Option<Spanned<String>>,
    pub not_available: Option<Spanned<bool>>,
    pub not_applicable: Option<Spanned<bool>>,
    pub multiline: Option<Spanned<bool>>,
    pub max_length: Option<Spanned<usize>>,
    pub max_items: Option<Spanned<usize>>,
    pub computed: Option<Spanned<Vec<Computed>>>,
    #[serde(default)]
    pub checks: Vec<Check>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Computed {
    pub label: String,
    pub value: Spanned<String>,
    pub unit: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub code: Spanned<i64>,
    pub label: String,
    pub exclusive: Option<Spanned<bool>>,
    pub follow_up: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    pub code: Spanned<String>,
    pub label: String,
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    pub hint: Option<String>,
    pub show_if: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    pub name: Spanned<String>,
    pub on: Option<Spanned<String>>,
    pub assert: Spanned<String>,
    pub severity: Severity,
    pub message: Spanned<String>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}
