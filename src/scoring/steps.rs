//! The next level in words: each answer change of [`next_level`] as the question reads, what
//! is answered now, the answer to give and the points it brings. What the results view, the
//! JSON and the hand-out show, so that none of them reads out option codes.

use super::{Model, Suggestion, filled_instances, next_level};
use crate::expr::ItemId;
use crate::questionnaire::Questionnaire;
use crate::response::{Response, Value};
use crate::rules::{self, Answers};

/// One step towards a theme's next level.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub code: String,
    /// The question's words; for a table's row, the question then the row.
    pub question: String,
    /// The answers given now, each once (a roster question may have several); empty: none.
    pub current: Vec<String>,
    /// The option to choose, or to tick as well for a multiple choice.
    pub give: String,
    /// Theme points this step brings after the steps before it.
    pub gain: f64,
    /// For a roster question: in how many instances, and what they are ("pakalpojumi").
    pub instances: Option<(usize, String)>,
}

/// The steps that lift `theme` of `response` to its next level; empty at level 5 or when
/// changing answers alone cannot.
pub fn steps(model: &Model, q: &Questionnaire, response: &Response, theme: usize) -> Vec<Step> {
    let suggestions = next_level(model, q, response, theme);
    if suggestions.is_empty() {
        return Vec::new();
    }
    let eval = rules::evaluate(q, response);
    let answers = Answers::new(q, response);
    suggestions
        .iter()
        .map(|s| in_words(q, &answers, &eval, s))
        .collect()
}

/// How an item reads to a person: its question, and for a table's row the row after it.
pub fn question_words(q: &Questionnaire, item: ItemId) -> String {
    let question = &q.question_of(item).text;
    match &q.items[item].label {
        Some(row) => format!("{question} — {row}"),
        None => question.clone(),
    }
}

fn in_words(
    q: &Questionnaire,
    answers: &Answers,
    eval: &rules::Evaluation,
    s: &Suggestion,
) -> Step {
    let item = &q.items[s.item];
    let label_of = |code: i64| {
        item.answer
            .choices()
            .iter()
            .find(|c| c.code == code)
            .map_or_else(|| code.to_string(), |c| c.label.clone())
    };
    let places: Vec<Option<usize>> = match item.roster {
        None => vec![None],
        Some(_) => filled_instances(q, answers, eval, item.section)
            .into_iter()
            .map(Some)
            .collect(),
    };
    let mut current: Vec<String> = Vec::new();
    for place in places {
        let labels = match eval.visible_answer(q, answers, s.item, place) {
            Some(Value::Choice(c)) => vec![label_of(*c)],
            Some(Value::Choices(cs)) if !cs.is_empty() => cs.iter().map(|&c| label_of(c)).collect(),
            _ => Vec::new(),
        };
        let text = labels.join("; ");
        if !text.is_empty() && !current.contains(&text) {
            current.push(text);
        }
    }
    Step {
        code: item.code.clone(),
        question: question_words(q, s.item),
        current,
        give: label_of(s.option),
        gain: s.gain,
        instances: item
            .roster
            .filter(|_| s.instances > 0)
            .map(|r| (s.instances, q.rosters[r].title.to_lowercase())),
    }
}
