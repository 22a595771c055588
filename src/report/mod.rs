//! The organiser's answer tables: for every question of a questionnaire, what the submissions
//! handed in answered — each option's count and share, numbers' sums and middles, how many
//! wrote a text — as the 2024 ICT report publishes them. Pure: it counts the responses it is
//! handed, each judged by the rules (a question hidden by a filter was not asked).

pub mod lines;

use crate::expr::ItemId;
use crate::questionnaire::{AnswerType, Questionnaire};
use crate::response::{Response, Value};
use crate::rules;
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

/// Count `responses` of `q`: one pass over them, each judged for what was shown and then
/// let go, every item's counts kept as they grow. Large sets are counted in consecutive
/// parts on the machine's cores and the parts' counts joined in order, so the tables (and the
/// order of the texts) are the same as counted in one go.
pub fn tabulate(q: &Questionnaire, responses: &[&Response]) -> Report {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    tabulate_in(q, responses, cores.min(responses.len().div_ceil(PART)))
}

fn tabulate_in(q: &Questionnaire, responses: &[&Response], parts: usize) -> Report {
    let tallies = if parts <= 1 {
        tally(q, responses)
    } else {
        let size = responses.len().div_ceil(parts).max(1);
        std::thread::scope(|scope| {
            let counting: Vec<_> = responses
                .chunks(size)
                .map(|part| scope.spawn(move || tally(q, part)))
                .collect();
            counting
                .into_iter()
                .map(|part| {
                    part.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .reduce(|mut all, later| {
                    for (t, more) in all.iter_mut().zip(later) {
                        t.join(more);
                    }
                    all
                })
                .unwrap_or_else(|| tally(q, &[]))
        })
    };
    let tables = tallies
        .into_iter()
        .enumerate()
        .map(|(item, t)| t.table(q, item))
        .collect();
    Report {
        n: responses.len(),
        tables,
    }
}

/// Fewer responses than this are not worth a thread of their own.
const PART: usize = 1_000;

/// Every item's counts over `responses`.
fn tally(q: &Questionnaire, responses: &[&Response]) -> Vec<Tallying> {
    let mut tallies: Vec<Tallying> = q.items.iter().map(Tallying::new).collect();
    for response in responses {
        let answers = rules::Answers::new(q, response);
        let eval = rules::visibility(q, &answers);
        for (item, t) in tallies.iter_mut().enumerate() {
            match q.items[item].roster {
                None => {
                    let shown = eval.is_visible(item, None, q);
                    t.add(shown, answers.top(item));
                    t.submissions += usize::from(shown);
                }
                Some(roster) => {
                    let mut here = false;
                    for i in 0..eval.instances(roster).len() {
                        let shown = eval.is_visible(item, Some(i), q);
                        t.add(shown, eval.stored_answer(q, &answers, item, Some(i)));
                        here |= shown;
                    }
                    t.submissions += usize::from(here);
                }
            }
        }
    }
    tallies
}

/// One item's counts while the responses are read.
struct Tallying {
    asked: usize,
    not_asked: usize,
    no_answer: usize,
    submissions: usize,
    /// Per option, in the definition's order (choices).
    options: Vec<(i64, usize)>,
    numbers: Vec<f64>,
    not_available: usize,
    not_applicable: usize,
    texts: Vec<String>,
}

impl Tallying {
    fn new(item: &crate::questionnaire::Item) -> Tallying {
        Tallying {
            asked: 0,
            not_asked: 0,
            no_answer: 0,
            submissions: 0,
            options: item.answer.choices().iter().map(|c| (c.code, 0)).collect(),
            numbers: Vec::new(),
            not_available: 0,
            not_applicable: 0,
            texts: Vec::new(),
        }
    }

    /// The counts of the responses after this one's.
    fn join(&mut self, later: Tallying) {
        self.asked += later.asked;
        self.not_asked += later.not_asked;
        self.no_answer += later.no_answer;
        self.submissions += later.submissions;
        for (mine, theirs) in self.options.iter_mut().zip(later.options) {
            mine.1 += theirs.1;
        }
        self.numbers.extend(later.numbers);
        self.not_available += later.not_available;
        self.not_applicable += later.not_applicable;
        self.texts.extend(later.texts);
    }

    fn add(&mut self, shown: bool, value: Option<&Value>) {
        if !shown {
            self.not_asked += 1;
            return;
        }
        self.asked += 1;
        let mut count = |code: i64| {
            if let Some(o) = self.options.iter_mut().find(|(c, _)| *c == code) {
                o.1 += 1;
            }
        };
        match value.filter(|v| !v.is_blank()) {
            None => self.no_answer += 1,
            Some(Value::Choice(c)) => count(*c),
            Some(Value::Choices(cs)) => cs.iter().for_each(|c| count(*c)),
            Some(Value::Number(n)) if n.is_finite() => self.numbers.push(*n),
            Some(Value::Number(_)) => {}
            Some(Value::NotAvailable) => self.not_available += 1,
            Some(Value::NotApplicable) => self.not_applicable += 1,
            Some(Value::Text(t)) => self.texts.push(t.clone()),
            Some(Value::Urls(u)) => self.texts.push(u.join(", ")),
        }
    }

    fn table(self, q: &Questionnaire, item: ItemId) -> Table {
        let it = &q.items[item];
        let counts: Vec<usize> = self.options.iter().map(|&(_, n)| n).collect();
        let kind = match &it.answer {
            AnswerType::Single(choices) => {
                // "nav atbildes" is a row of its own: the shares with it sum to 100 %.
                let with_blank: Vec<usize> =
                    counts.iter().copied().chain([self.no_answer]).collect();
                let share = shares(&with_blank);
                Tally::Single {
                    options: counted(choices, &counts, &share),
                    no_answer_share: share.last().copied().unwrap_or(0.0),
                }
            }
            AnswerType::Multi(choices) => {
                let share: Vec<f64> = counts.iter().map(|&c| percent(c, self.asked)).collect();
                Tally::Multi {
                    options: counted(choices, &counts, &share),
                }
            }
            AnswerType::Integer(_) | AnswerType::Number(_) => Tally::Number(figures(
                self.numbers,
                self.not_available,
                self.not_applicable,
            )),
            AnswerType::Text { .. } | AnswerType::Urls { .. } => Tally::Text {
                answers: self.texts.len(),
                texts: self.texts,
            },
        };
        Table {
            code: it.code.clone(),
            text: q.question_of(item).text.clone(),
            row: it.label.clone(),
            roster: it.roster.map(|r| q.rosters[r].id.clone()),
            asked: self.asked,
            not_asked: self.not_asked,
            no_answer: self.no_answer,
            submissions: self.submissions,
            kind,
        }
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

fn figures(mut numbers: Vec<f64>, not_available: usize, not_applicable: usize) -> Figures {
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
        not_available,
        not_applicable,
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

    #[test]
    fn counted_in_parts_the_tables_are_those_counted_in_one_go() {
        use crate::questionnaire::{EINDEX_2019, load};
        use crate::scoring::{self, EINDEX_2019_SCORING};
        let q = load(EINDEX_2019.0, EINDEX_2019.1.as_bytes()).unwrap();
        let model = scoring::load(EINDEX_2019_SCORING.0, EINDEX_2019_SCORING.1, &q).unwrap();
        let responses: Vec<Response> = crate::demo::institutions()
            .unwrap()
            .iter()
            .filter(|i| i.in_eindex)
            .take(40)
            .map(|i| crate::demo::submission(&q, EINDEX_2019.1, &model, i, 2019).response())
            .collect();
        let refs: Vec<&Response> = responses.iter().collect();
        let whole = tabulate_in(&q, &refs, 1);
        assert!(
            whole
                .tables
                .iter()
                .any(|t| t.submissions > 0 && t.no_answer < t.asked)
        );
        for parts in [2, 3, 7] {
            assert_eq!(tabulate_in(&q, &refs, parts), whole, "{parts} parts");
        }
    }
}
