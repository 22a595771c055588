//! Scoring: points per answer, sub-themes with caps, theme indices, the weighted e-index,
//! maturity levels and what it takes to reach the next one; a group's aggregate e-index and
//! the cohort's segments. The model is data
//! (`questionnaire/*.scoring.toml`, format in `questionnaire/SCORING.md`); nothing here does I/O.

pub mod aggregate;
pub mod cohort;
mod load;
mod steps;

pub use load::load;
pub use steps::{Step, question_words, steps};

use crate::expr::{Expr, ItemId, RosterId};
use crate::questionnaire::Questionnaire;
use crate::response::{Response, Value};
use crate::rules::{self, Answers, Evaluation};
use std::collections::HashMap;

/// The built-in model of the e-index.
pub const EINDEX_2019_SCORING: (&str, &str) = (
    "questionnaire/eindex-2019.scoring.toml",
    include_str!("../../questionnaire/eindex-2019.scoring.toml"),
);

#[derive(Debug)]
pub struct Model {
    pub questionnaire: String,
    pub note: Option<String>,
    /// The names of levels 1–5.
    pub levels: Vec<String>,
    /// Where levels 2, 3, 4 and 5 of the e-index start.
    pub thresholds: [f64; 4],
    pub themes: Vec<Theme>,
    pub bonus: Option<Valued>,
    pub indicators: Vec<Indicator>,
    /// The indicators (indices into `indicators`) whose logarithms weigh a group's aggregate
    /// e-index ([`aggregate`]); empty: no aggregate.
    pub weigh_by: Vec<usize>,
    /// The indicators whose quintiles cut the cohort into segments ([`cohort::segment`]).
    pub segments: Vec<usize>,
}

#[derive(Debug)]
pub struct Theme {
    pub id: String,
    pub title: String,
    pub weight: f64,
    pub cap: Option<f64>,
    pub thresholds: [f64; 4],
    pub not_applicable_if: Option<Expr>,
    pub when_not_applicable: NotApplicable,
    pub subthemes: Vec<Subtheme>,
    pub levels: Vec<LevelText>,
    pub advice: Vec<Advice>,
}

/// What a theme that does not concern the institution (`not_applicable_if`) does to the
/// e-index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotApplicable {
    /// It leaves the e-index and the other themes' weights grow: the method's dynamic
    /// weighting (seed 568–573), as for an institution that provides no services.
    LeftOut,
    /// It stays in at 0 %, level 1: what the 2019 study did with institutions that hold no
    /// open data (seed 4702–4704).
    Zero,
}

#[derive(Debug)]
pub struct Subtheme {
    pub id: String,
    pub title: String,
    pub cap: f64,
    pub items: Vec<Item>,
    /// Per item: when this is false, the item does not apply and counts in no maximum.
    pub applies_if: Vec<Option<Expr>>,
}

#[derive(Debug)]
pub enum Item {
    /// A choice question: points per option code.
    Question {
        item: ItemId,
        points: Vec<(i64, f64)>,
        max: f64,
    },
    /// A figure computed from answers.
    Value(Valued),
}

impl Item {
    pub fn max(&self) -> f64 {
        match self {
            Item::Question { max, .. } => *max,
            Item::Value(v) => v.max,
        }
    }

    /// The item in words: the code and the question, or the computed figure's label.
    pub fn words(&self, q: &Questionnaire) -> String {
        match self {
            Item::Question { item, .. } => {
                format!("{} {}", q.items[*item].code, question_words(q, *item))
            }
            Item::Value(v) => v.label.clone(),
        }
    }
}

#[derive(Debug)]
pub struct Valued {
    pub label: String,
    pub value: Expr,
    pub max: f64,
    /// Read in each instance of this roster and averaged, as a roster question is.
    pub roster: Option<RosterId>,
}

#[derive(Debug)]
pub struct Indicator {
    pub id: String,
    pub label: String,
    pub value: Expr,
    pub unit: Option<String>,
    /// The label where a table has little room (the segments); the label when not given.
    pub short: String,
}

#[derive(Debug)]
pub struct LevelText {
    pub level: u8,
    pub description: String,
}

#[derive(Debug)]
pub struct Advice {
    pub to: Vec<u8>,
    pub text: String,
}

/// One response's scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub e_index: f64,
    pub level: u8,
    pub bonus: f64,
    pub themes: Vec<ThemeScore>,
    /// Per indicator of the model, `None` while undecided.
    pub indicators: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ThemeScore {
    /// Counted in the e-index (and in comparisons of the theme).
    pub applicable: bool,
    /// The respondent said the theme does not concern the institution, and the model counts
    /// it at 0 ([`NotApplicable::Zero`]).
    pub zeroed: bool,
    /// The share of the e-index this theme had, after dynamic weighting (0 when left out).
    pub weight_used: f64,
    pub points: f64,
    pub max: f64,
    /// 0–100.
    pub index: f64,
    pub level: u8,
    pub subthemes: Vec<SubScore>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SubScore {
    pub points: f64,
    pub max: f64,
    /// Per item of the sub-theme.
    pub items: Vec<ItemScore>,
}

impl SubScore {
    /// The points as a share of the most possible, 0–100; 0 where nothing applies.
    pub fn share(&self) -> f64 {
        if self.max > 0.0 {
            100.0 * self.points / self.max
        } else {
            0.0
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ItemScore {
    pub points: f64,
    pub max: f64,
    /// False for an item that does not apply (`applies_if`), or a roster question with no
    /// instance filled: it counts in no maximum.
    pub applies: bool,
}

/// The level (1–5) an index reaches with these thresholds.
pub fn level(index: f64, thresholds: &[f64; 4]) -> u8 {
    1 + thresholds.iter().filter(|&&t| index >= t - 1e-9).count() as u8
}

impl Model {
    /// Score a response, with the rules' evaluation of it (hidden answers count as blank).
    pub fn score(&self, q: &Questionnaire, response: &Response, eval: &Evaluation) -> Score {
        let answers = &Answers::new(q, response);
        let mut filled = Filled::new();
        let mut themes: Vec<ThemeScore> = self
            .themes
            .iter()
            .map(|t| theme_score(t, q, answers, eval, &mut filled))
            .collect();
        let total_weight: f64 = self
            .themes
            .iter()
            .zip(&themes)
            .filter(|(_, s)| s.applicable)
            .map(|(t, _)| t.weight)
            .sum();
        let mut weighted = 0.0;
        for (t, s) in self.themes.iter().zip(&mut themes) {
            if s.applicable && total_weight > 0.0 {
                s.weight_used = 100.0 * t.weight / total_weight;
                weighted += s.weight_used * s.index / 100.0;
            }
        }
        let bonus = self
            .bonus
            .as_ref()
            .map_or(0.0, |b| valued(b, q, answers, eval));
        let e_index = (weighted + bonus).clamp(0.0, 100.0);
        Score {
            e_index,
            level: level(e_index, &self.thresholds),
            bonus,
            themes,
            indicators: self
                .indicators
                .iter()
                .map(|i| rules::number(q, answers, eval, &i.value).filter(|n| n.is_finite()))
                .collect(),
        }
    }
}

fn valued(v: &Valued, q: &Questionnaire, answers: &Answers, eval: &Evaluation) -> f64 {
    rules::number(q, answers, eval, &v.value)
        .filter(|n| n.is_finite())
        .unwrap_or(0.0)
        .clamp(0.0, v.max)
}

fn theme_score(
    t: &Theme,
    q: &Questionnaire,
    answers: &Answers,
    eval: &Evaluation,
    filled: &mut Filled,
) -> ThemeScore {
    let not_applicable = t
        .not_applicable_if
        .as_ref()
        .is_some_and(|e| rules::truth(q, answers, eval, e) == Some(true));
    let zeroed = not_applicable && t.when_not_applicable == NotApplicable::Zero;
    let subthemes: Vec<SubScore> = t
        .subthemes
        .iter()
        .map(|s| {
            let items: Vec<ItemScore> = s
                .items
                .iter()
                .zip(&s.applies_if)
                .map(|(i, applies_if)| {
                    let applies = applies_if
                        .as_ref()
                        .is_none_or(|e| rules::truth(q, answers, eval, e) != Some(false));
                    if applies {
                        item_score(i, q, answers, eval, filled)
                    } else {
                        ItemScore {
                            points: 0.0,
                            max: i.max(),
                            applies: false,
                        }
                    }
                })
                .collect();
            let points: f64 = items.iter().map(|i| i.points).sum();
            let max: f64 = items.iter().filter(|i| i.applies).map(|i| i.max).sum();
            SubScore {
                points: points.min(s.cap),
                max: max.min(s.cap),
                items,
            }
        })
        .collect();
    // Counted at 0: every item keeps its maximum and scores nothing.
    let subthemes: Vec<SubScore> = if zeroed {
        subthemes
            .into_iter()
            .map(|s| SubScore {
                points: 0.0,
                items: s
                    .items
                    .iter()
                    .map(|i| ItemScore { points: 0.0, ..*i })
                    .collect(),
                ..s
            })
            .collect()
    } else {
        subthemes
    };
    let cap = t.cap.unwrap_or(f64::INFINITY);
    let points = subthemes.iter().map(|s| s.points).sum::<f64>().min(cap);
    let max = subthemes.iter().map(|s| s.max).sum::<f64>().min(cap);
    let index = if max > 0.0 { 100.0 * points / max } else { 0.0 };
    ThemeScore {
        applicable: !not_applicable || zeroed,
        zeroed,
        weight_used: 0.0,
        points,
        max,
        index,
        level: level(index, &t.thresholds),
        subthemes,
    }
}

/// The instances of a roster section with at least one answer shown: where it was filled.
fn filled_instances(
    q: &Questionnaire,
    answers: &Answers,
    eval: &Evaluation,
    section: usize,
) -> Vec<usize> {
    let Some(roster) = q.sections[section].roster else {
        return Vec::new();
    };
    // Only questions whose filters read nothing outside the roster tell whether the instance
    // was filled: an answer shown because of the institution's other answers (M13 by the
    // services, E18_* by A00J) does not make a website "filled" on its own. The section's own
    // filter (F00) shows or hides every instance alike, so it says nothing either way.
    let own = |item: ItemId| {
        let i = &q.items[item];
        [q.questions[i.question].show_if.as_ref(), i.show_if.as_ref()]
            .into_iter()
            .flatten()
            .all(|c| c.deps.iter().all(|&d| q.items[d].roster == Some(roster)))
    };
    let items: Vec<ItemId> = q.sections[section]
        .questions
        .clone()
        .flat_map(|question| q.questions[question].items.clone())
        .filter(|&item| own(item))
        .collect();
    (0..eval.instances(roster).len())
        .filter(|&i| {
            items
                .iter()
                .any(|&item| eval.visible_answer(q, answers, item, Some(i)).is_some())
        })
        .collect()
}

/// Per roster section, the instances where it was filled; computed once per scoring.
type Filled = HashMap<usize, Vec<usize>>;

fn item_score(
    i: &Item,
    q: &Questionnaire,
    answers: &Answers,
    eval: &Evaluation,
    filled: &mut Filled,
) -> ItemScore {
    match i {
        Item::Value(v) => match v.roster {
            None => ItemScore {
                points: valued(v, q, answers, eval),
                max: v.max,
                applies: true,
            },
            Some(roster) => {
                // Averaged over the instances filled, like a roster question: the section is
                // the one holding the first question the value reads.
                let section = v.value.deps.first().map(|&d| q.items[d].section);
                let instances: Vec<usize> = match section {
                    Some(section) => filled
                        .entry(section)
                        .or_insert_with(|| filled_instances(q, answers, eval, section))
                        .clone(),
                    None => (0..eval.instances(roster).len()).collect(),
                };
                let total: f64 = instances
                    .iter()
                    .map(|&i| {
                        rules::number_in(q, answers, eval, &v.value, Some((roster, i)))
                            .unwrap_or(0.0)
                            .clamp(0.0, v.max)
                    })
                    .sum();
                ItemScore {
                    points: if instances.is_empty() {
                        0.0
                    } else {
                        total / instances.len() as f64
                    },
                    max: v.max,
                    applies: !instances.is_empty(),
                }
            }
        },
        Item::Question { item, points, max } => {
            let of = |value: &Value| -> f64 {
                let p = |code: i64| {
                    points
                        .iter()
                        .find(|(c, _)| *c == code)
                        .map_or(0.0, |(_, p)| *p)
                };
                let raw = match value {
                    Value::Choice(c) => p(*c),
                    Value::Choices(cs) => cs.iter().map(|&c| p(c)).sum(),
                    _ => 0.0,
                };
                raw.clamp(0.0, *max)
            };
            match q.items[*item].roster {
                None => ItemScore {
                    points: eval.visible_answer(q, answers, *item, None).map_or(0.0, of),
                    max: *max,
                    applies: true,
                },
                Some(_) => {
                    // Averaged over the instances whose part of the form was filled; in those,
                    // a hidden or blank answer scores 0, as outside rosters. So a better answer
                    // that opens further questions never lowers the average.
                    let section = q.items[*item].section;
                    let instances = filled
                        .entry(section)
                        .or_insert_with(|| filled_instances(q, answers, eval, section));
                    let total: f64 = instances
                        .iter()
                        .filter_map(|&i| eval.visible_answer(q, answers, *item, Some(i)))
                        .map(of)
                        .sum();
                    ItemScore {
                        points: if instances.is_empty() {
                            0.0
                        } else {
                            total / instances.len() as f64
                        },
                        max: *max,
                        applies: !instances.is_empty(),
                    }
                }
            }
        }
    }
}

/// One answer change that raises a theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub item: ItemId,
    /// The option to choose (for a multiple choice: to add).
    pub option: i64,
    /// Theme points gained, given the changes before it in the list.
    pub gain: f64,
    /// For a roster question: in how many instances (services, websites) to give it; 0
    /// outside rosters.
    pub instances: usize,
}

/// `current` with `option` chosen (added, for a multiple choice), or `None` if it already is.
fn improved(
    q: &Questionnaire,
    item: ItemId,
    current: Option<&Value>,
    option: i64,
) -> Option<Value> {
    let answer = &q.items[item].answer;
    match answer {
        crate::questionnaire::AnswerType::Multi(_) => match current {
            Some(Value::Choices(cs)) if cs.contains(&option) => None,
            existing => Some(rules::toggle_option(answer, existing, option)),
        },
        _ if current == Some(&Value::Choice(option)) => None,
        _ => Some(Value::Choice(option)),
    }
}

/// The fewest answer changes, largest gains first, that lift `theme` to its next level; empty
/// at level 5 or when no answer change can do it.
pub fn next_level(
    model: &Model,
    q: &Questionnaire,
    response: &Response,
    theme: usize,
) -> Vec<Suggestion> {
    let t = &model.themes[theme];
    let score_of = |r: &Response| {
        let answers = Answers::new(q, r);
        theme_score(t, q, &answers, &rules::evaluate(q, r), &mut Filled::new())
    };
    let mut current = response.clone();
    let mut now = score_of(&current);
    if now.level >= 5 {
        return Vec::new();
    }
    let target = t.thresholds[now.level as usize - 1];
    let mut chosen = Vec::new();
    while now.index + 1e-9 < target {
        let eval = rules::evaluate(q, &current);
        let current_answers = Answers::new(q, &current);
        let mut best: Option<(Suggestion, Response, ThemeScore)> = None;
        let mut filled = Filled::new();
        for item in t.subthemes.iter().flat_map(|s| &s.items) {
            let Item::Question { item, points, .. } = item else {
                continue;
            };
            // Outside rosters, the one answer; inside, the answer in every instance filled.
            let places: Vec<Option<usize>> = match q.items[*item].roster {
                None => vec![None],
                Some(_) => {
                    let section = q.items[*item].section;
                    filled
                        .entry(section)
                        .or_insert_with(|| filled_instances(q, &current_answers, &eval, section))
                        .iter()
                        .map(|&i| Some(i))
                        .collect()
                }
            };
            let places: Vec<Option<usize>> = places
                .into_iter()
                .filter(|&i| eval.is_visible(*item, i, q))
                .collect();
            if places.is_empty() {
                continue;
            }
            // Option 0 ("none", "not applicable") last: among equal gains, advise a real answer.
            let mut options = points.clone();
            options.sort_by_key(|&(code, _)| code == 0);
            for (option, p) in options {
                if p <= 0.0 {
                    continue;
                }
                let mut trial = current.clone();
                let mut changed = 0;
                for &place in &places {
                    let answers = match place {
                        None => &mut trial.answers,
                        Some(i) => {
                            let roster = q.items[*item].roster.expect("a roster item");
                            let key = eval.instances(roster)[i].key.clone();
                            &mut trial.instance_mut(&q.rosters[roster].id, &key).answers
                        }
                    };
                    if let Some(value) =
                        improved(q, *item, answers.get(&q.items[*item].code), option)
                    {
                        answers.insert(q.items[*item].code.clone(), value);
                        changed += 1;
                    }
                }
                if changed == 0 {
                    continue;
                }
                let s = score_of(&trial);
                let gain = s.points - now.points;
                if gain > 1e-9 && best.as_ref().is_none_or(|(b, _, _)| gain > b.gain + 1e-9) {
                    best = Some((
                        Suggestion {
                            item: *item,
                            option,
                            gain,
                            instances: if places == [None] { 0 } else { changed },
                        },
                        trial,
                        s,
                    ));
                }
            }
        }
        let Some((suggestion, trial, s)) = best else {
            return Vec::new();
        };
        chosen.push(suggestion);
        current = trial;
        now = s;
    }
    chosen
}

/// Per theme, the scored items that lost the most points: (sub-theme, item, points lost).
pub fn losses(score: &Score, theme: usize) -> Vec<(usize, usize, f64)> {
    let mut out: Vec<(usize, usize, f64)> = score.themes[theme]
        .subthemes
        .iter()
        .enumerate()
        .flat_map(|(s, sub)| {
            sub.items
                .iter()
                .enumerate()
                .filter(|(_, i)| i.applies && i.max - i.points > 1e-9)
                .map(move |(i, item)| (s, i, item.max - item.points))
        })
        .collect();
    out.sort_by(|a, b| b.2.total_cmp(&a.2));
    out
}
