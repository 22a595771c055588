//! The organiser's answer tables: for every question of a questionnaire, what the submissions
//! handed in answered — each option's count and share, numbers' sums and middles, how many
//! wrote a text — as the 2024 ICT report publishes them. Pure: it counts the responses it is
//! handed, each judged by the rules (a question hidden by a filter was not asked).

use crate::expr::ItemId;
use crate::questionnaire::{AnswerType, Questionnaire};
use crate::response::{Response, Value};
use crate::rules::{self, Evaluation};
use serde::Serialize;

/// The tables of one questionnaire over `n` submissions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub n: usize,
    pub tables: Vec<Table>,
}

/// What one answerable item (a question, or a row of a matrix or table) was answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub code: String,
    /// The question's words, and the row's label for a row of a matrix or table.
    pub text: String,
    pub row: Option<String>,
    /// Where it is asked once per instance (per service), the roster's id.
    pub roster: Option<String>,
    /// Asked: the item was shown (per instance, for roster items).
    pub asked: usize,
    /// Hidden by a filter: not asked, and never in a denominator.
    pub not_asked: usize,
    /// Asked and left blank.
    pub no_answer: usize,
    /// Submissions the roster's instances came from.
    pub submissions: usize,
    pub kind: Tally,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Tally {
    /// Each option's count; shares are of those asked, "nav atbildes" its own row, and the
    /// shares of a question sum to 100 %.
    Single {
        options: Vec<Count>,
        /// The share of "nav atbildes", the row that completes 100 %.
        no_answer_share: f64,
    },
    /// Each option's count; shares are of those asked, so they can sum to more than 100 %.
    Multi {
        options: Vec<Count>,
    },
    Number(Figures),
    /// How many wrote something, and what (in the questionnaire's order of submissions).
    Text {
        answers: usize,
        texts: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count {
    pub code: i64,
    pub label: String,
    pub exclusive: bool,
    pub count: usize,
    /// Per cent of those asked, in hundredths rounded as [`shares`] rounds them.
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// How many gave a figure.
    pub n: usize,
    pub not_available: usize,
    pub not_applicable: usize,
    pub sum: f64,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// Count `responses` of `q` (each evaluated here).
pub fn tabulate(q: &Questionnaire, responses: &[&Response]) -> Report {
    let evals: Vec<Evaluation> = responses.iter().map(|r| rules::evaluate(q, r)).collect();
    let tables = (0..q.items.len())
        .map(|item| table(q, item, responses, &evals))
        .collect();
    Report {
        n: responses.len(),
        tables,
    }
}

/// Every answer to `item`: `Some(value)` where asked and answered, `None` where asked and
/// blank; the count of places where it was not asked; the submissions it was asked in.
fn answers<'r>(
    q: &Questionnaire,
    item: ItemId,
    responses: &[&'r Response],
    evals: &[Evaluation],
) -> (Vec<Option<&'r Value>>, usize, usize) {
    let code = &q.items[item].code;
    let (mut asked, mut not_asked, mut submissions) = (Vec::new(), 0, 0);
    for (response, eval) in responses.iter().zip(evals) {
        match q.items[item].roster {
            None => {
                if eval.is_visible(item, None, q) {
                    asked.push(response.answers.get(code).filter(|v| !v.is_blank()));
                } else {
                    not_asked += 1;
                }
            }
            Some(roster) => {
                let instances = eval.instances(roster).len();
                let mut here = false;
                for i in 0..instances {
                    if eval.is_visible(item, Some(i), q) {
                        here = true;
                        let stored = eval.instance_answers(q, response, roster, i);
                        asked.push(stored.and_then(|a| a.get(code)).filter(|v| !v.is_blank()));
                    } else {
                        not_asked += 1;
                    }
                }
                submissions += usize::from(here);
            }
        }
    }
    if q.items[item].roster.is_none() {
        submissions = asked.len();
    }
    (asked, not_asked, submissions)
}

fn table(q: &Questionnaire, item: ItemId, responses: &[&Response], evals: &[Evaluation]) -> Table {
    let it = &q.items[item];
    let question = q.question_of(item);
    let (given, not_asked, submissions) = answers(q, item, responses, evals);
    let asked = given.len();
    let no_answer = given.iter().filter(|v| v.is_none()).count();
    let values: Vec<&Value> = given.iter().flatten().copied().collect();
    let kind = match &it.answer {
        AnswerType::Single(choices) => {
            let counts: Vec<usize> = choices
                .iter()
                .map(|c| {
                    values
                        .iter()
                        .filter(|v| matches!(v, Value::Choice(x) if *x == c.code))
                        .count()
                })
                .collect();
            // "nav atbildes" is a row of its own: the shares with it sum to 100 %.
            let with_blank: Vec<usize> = counts.iter().copied().chain([no_answer]).collect();
            let share = shares(&with_blank);
            Tally::Single {
                options: counted(choices, &counts, &share),
                no_answer_share: share.last().copied().unwrap_or(0.0),
            }
        }
        AnswerType::Multi(choices) => {
            let counts: Vec<usize> = choices
                .iter()
                .map(|c| {
                    values
                        .iter()
                        .filter(|v| matches!(v, Value::Choices(x) if x.contains(&c.code)))
                        .count()
                })
                .collect();
            let share: Vec<f64> = counts.iter().map(|&c| percent(c, asked)).collect();
            Tally::Multi {
                options: counted(choices, &counts, &share),
            }
        }
        AnswerType::Integer(_) | AnswerType::Number(_) => Tally::Number(figures(&values)),
        AnswerType::Text { .. } | AnswerType::Urls { .. } => Tally::Text {
            answers: values.len(),
            texts: values
                .iter()
                .map(|v| match v {
                    Value::Text(t) => t.clone(),
                    Value::Urls(u) => u.join(", "),
                    _ => String::new(),
                })
                .collect(),
        },
    };
    Table {
        code: it.code.clone(),
        text: question.text.clone(),
        row: it.label.clone(),
        roster: it.roster.map(|r| q.rosters[r].id.clone()),
        asked,
        not_asked,
        no_answer,
        submissions,
        kind,
    }
}

fn counted(
    choices: &[crate::questionnaire::Choice],
    counts: &[usize],
    share: &[f64],
) -> Vec<Count> {
    choices
        .iter()
        .zip(counts)
        .zip(share)
        .map(|((c, &count), &share)| Count {
            code: c.code,
            label: c.label.clone(),
            exclusive: c.exclusive,
            count,
            share,
        })
        .collect()
}

fn percent(count: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        100.0 * count as f64 / of as f64
    }
}

/// Shares of `counts` in per cent with two decimals that sum to exactly 100,00 % (nothing
/// when the counts are all 0): each rounded down to a hundredth, then the hundredths still
/// missing go to the largest remainders (Hamilton's method), ties to the earlier row. Each
/// share is then within 0,01 of its exact value, and a share that is exact stays so.
pub fn shares(counts: &[usize]) -> Vec<f64> {
    let total: usize = counts.iter().sum();
    if total == 0 {
        return vec![0.0; counts.len()];
    }
    // In hundredths of a per cent: 10,000 in all.
    let exact: Vec<(u64, u64)> = counts
        .iter()
        .map(|&c| {
            let scaled = c as u64 * 10_000;
            (scaled / total as u64, scaled % total as u64)
        })
        .collect();
    let mut hundredths: Vec<u64> = exact.iter().map(|&(whole, _)| whole).collect();
    let missing = 10_000 - hundredths.iter().sum::<u64>();
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by(|&a, &b| exact[b].1.cmp(&exact[a].1).then(a.cmp(&b)));
    for &i in order.iter().take(missing as usize) {
        hundredths[i] += 1;
    }
    hundredths.iter().map(|&h| h as f64 / 100.0).collect()
}

fn figures(values: &[&Value]) -> Figures {
    let mut numbers: Vec<f64> = values
        .iter()
        .filter_map(|v| match v {
            Value::Number(n) if n.is_finite() => Some(*n),
            _ => None,
        })
        .collect();
    numbers.sort_by(f64::total_cmp);
    let n = numbers.len();
    let sum: f64 = numbers.iter().sum();
    let median = match n {
        0 => None,
        _ if n % 2 == 1 => Some(numbers[n / 2]),
        _ => Some((numbers[n / 2 - 1] + numbers[n / 2]) / 2.0),
    };
    Figures {
        n,
        not_available: values
            .iter()
            .filter(|v| matches!(v, Value::NotAvailable))
            .count(),
        not_applicable: values
            .iter()
            .filter(|v| matches!(v, Value::NotApplicable))
            .count(),
        sum,
        mean: (n > 0).then(|| sum / n as f64),
        median,
        min: numbers.first().copied(),
        max: numbers.last().copied(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_sum_to_a_hundred_and_stay_within_a_hundredth() {
        assert_eq!(shares(&[96, 49]), [66.21, 33.79]);
        let thirds = shares(&[1, 1, 1]);
        assert_eq!(thirds, [33.34, 33.33, 33.33]);
        for counts in [
            vec![1, 2, 3, 4, 5, 6, 7],
            vec![145, 0, 0],
            vec![7, 13, 29, 1],
        ] {
            let s = shares(&counts);
            let total: usize = counts.iter().sum();
            let hundredths: f64 = s.iter().map(|x| (x * 100.0).round()).sum();
            assert_eq!(hundredths, 10_000.0, "{counts:?} → {s:?}");
            for (c, x) in counts.iter().zip(&s) {
                let exact = 100.0 * *c as f64 / total as f64;
                assert!((x - exact).abs() < 0.01 + 1e-9, "{c} of {total}: {x}");
            }
        }
        assert_eq!(shares(&[0, 0]), [0.0, 0.0], "nothing to share: no division");
    }
}
