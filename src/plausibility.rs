//! Plausibility against the cohort: figures a reviewer may want to look at twice, each with the
//! figures that made it stand out. Shown to reviewers only; a flag never blocks anything, and
//! a respondent never sees one.
//!
//! Three questions are asked of every numeric answer (integer or number items; "dati nav
//! pieejami" and "neattiecas" are not numbers and are skipped, never read as 0):
//! - is it far outside the same answer in the other submissions of the same questionnaire and
//!   year ([`Why::Outlier`]): the robust z of Iglewicz and Hoaglin, `0.6745·(x − median)/MAD`,
//!   beyond [`THRESHOLD`], and beyond it as well in orders of magnitude (the same z of
//!   `ln(1 + x)`; [`Deviation::stands_out`] says why), among at least [`MIN_VALUES`] values.
//!   A roster's answers (one per service) are compared with that answer over every instance
//!   of every submission;
//! - the same, per employee and per service, for the figures outside rosters of a
//!   questionnaire that has such size figures ([`SIZES`]): a ministry's document count is
//!   large, but should not be large per employee ([`Why::PerEmployee`], [`Why::PerService`]);
//! - did it change by more than a factor of [`YEAR_FACTOR`] since the same institution's
//!   latest earlier submission in the cohort ([`Why::YearChange`]).
//!
//! Pure: no I/O. Cost: one pass over the answers to gather the values, medians per item by
//! `select_nth_unstable` (linear), one more pass to judge them: O(answers).

use crate::ids::SubmissionId;
use crate::questionnaire::{AnswerType, Questionnaire};
use crate::response::{Instance, Response, Value};
use std::collections::{BTreeMap, HashMap};

/// |robust z| above this is an outlier: the cut-off Iglewicz and Hoaglin (1993) recommend for
/// their modified z-score, about 3.5 standard deviations of a normal distribution.
pub const THRESHOLD: f64 = 3.5;

/// The fewest values (the submission's own included) an answer is compared against. Below
/// eight a median and a MAD say too little: with seven services of one institution, or seven
/// institutions, "far outside" is one opinion against six.
pub const MIN_VALUES: usize = 8;

/// A figure that became more than this many times larger or smaller than the year before.
pub const YEAR_FACTOR: f64 = 3.0;

/// The MAD of a normal distribution is 0.6745 σ.
const MAD_SCALE: f64 = 0.6745;

/// The mean absolute deviation of a normal distribution is σ·√(2/π); σ ≈ 1.2533 × it.
const MEAN_AD_SCALE: f64 = 1.2533;

/// The size figures of a questionnaire: what "per employee" and "per service" divide by.
///
/// A constant table rather than a field of the definition: only the e-index has them, the
/// choice is the reviewers' (which count measures an institution's size) rather than the
/// respondents', and a definition field would have to be parsed, checked and documented for
/// one use. A questionnaire not in the table gets the plain comparison and the year change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    /// The questionnaire's `id`; every version of it shares the codes below.
    pub questionnaire: &'static str,
    /// The item whose answer is the number of employees.
    pub employees: Option<&'static str>,
    /// The roster whose instances are the institution's services: their count is the number
    /// of services (the e-index asks for no separate count).
    pub services: Option<&'static str>,
}

pub const SIZES: &[Sizes] = &[Sizes {
    questionnaire: "eindex-2019",
    // "Nodarbināto skaits iestādē pārskata gada 31. decembrī".
    employees: Some("V00J"),
    services: Some("services"),
}];

/// The size figures of the questionnaire with this id, if it has any.
pub fn sizes(questionnaire: &str) -> Option<&'static Sizes> {
    SIZES.iter().find(|s| s.questionnaire == questionnaire)
}

/// One submission of the cohort. The cohort should hold one submission per institution and
/// year; where it holds more, all are compared, and the one with the highest id is the
/// "previous year" of the next.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub submission: SubmissionId,
    /// Who submitted it, as a key: a registration number or a name; compared exactly.
    pub institution: &'a str,
    pub year: i32,
    pub response: &'a Response,
}

/// Where a flagged answer is: `roster` and `instance` (the instance's key) are empty outside
/// rosters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    pub roster: String,
    pub instance: String,
    pub item: String,
}

/// How far a figure is from the others: the median of the compared values, their median
/// absolute deviation from it, and the robust z-score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Deviation {
    pub median: f64,
    pub mad: f64,
    /// The mean absolute deviation from the median, where the MAD is 0 and the score is
    /// measured by it instead: `(x − median) / (1.2533 × mean_ad)`.
    pub mean_ad: Option<f64>,
    pub score: f64,
    /// The same robust z of `ln(1 + x)` among the `ln(1 + ·)` of the values, where none is
    /// negative: how far the figure is in orders of magnitude.
    pub log_score: Option<f64>,
    /// How many values were compared, this one included.
    pub n: usize,
}

impl Deviation {
    /// Whether the figure is far outside the others: beyond [`THRESHOLD`] on its own scale
    /// and on the scale of orders of magnitude. Counts (every figure of the e-index) spread
    /// over orders of magnitude: a service with 20,000 applications where the median is 40
    /// is 500 MADs out, and so is a third of all services; on a log scale only a figure
    /// thousands of times the usual is. The log scale alone would make a service's 15
    /// applications, among uniformly 0–500, an outlier; together neither is, while an extra
    /// three zeros or a total typed as a service's figure are both.
    pub fn stands_out(&self) -> bool {
        self.score.abs() > THRESHOLD && self.log_score.is_none_or(|z| z.abs() > THRESHOLD)
    }
}

/// Why an answer stands out.
#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    /// The answer itself, against the same answer of the others.
    Outlier(Deviation),
    /// The answer divided by the number of employees, against the others' such ratios.
    PerEmployee {
        employees: f64,
        ratio: f64,
        deviation: Deviation,
    },
    /// The answer divided by the number of services, against the others' such ratios.
    PerService {
        services: usize,
        ratio: f64,
        deviation: Deviation,
    },
    /// The answer is `factor` times the same answer (of the instance with the same key) in
    /// the institution's submission for `previous_year`.
    YearChange {
        previous: f64,
        previous_year: i32,
        factor: f64,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Flag {
    pub place: Place,
    pub value: f64,
    pub why: Why,
}

/// The flags of one submission, in the questionnaire's item order (a roster's answers in the
/// respondent's order of instances); per answer: outlier, per employee, per service, year.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub submission: SubmissionId,
    pub flags: Vec<Flag>,
}

/// The plausibility flags of every submission of `cohort`, one report per entry in the
/// cohort's order (an empty list where nothing stands out). Submissions are compared with
/// those of the same year; the year change looks at the same institution's latest earlier
/// year in the cohort.
pub fn check(q: &Questionnaire, cohort: &[Entry<'_>]) -> Vec<Report> {
    let numeric = Numeric::of(q);
    let sizes: Vec<Size> = cohort.iter().map(|e| numeric.size(e.response)).collect();
    let mut years: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (i, e) in cohort.iter().enumerate() {
        years.entry(e.year).or_default().push(i);
    }
    let centers: HashMap<i32, Centers> = years
        .iter()
        .map(|(&year, members)| (year, Centers::of(&numeric, cohort, &sizes, members)))
        .collect();
    // Each institution's submissions by year; the highest id where a year has several.
    let mut history: HashMap<&str, BTreeMap<i32, usize>> = HashMap::new();
    for (i, e) in cohort.iter().enumerate() {
        let slot = history
            .entry(e.institution)
            .or_default()
            .entry(e.year)
            .or_insert(i);
        if cohort[*slot].submission < e.submission {
            *slot = i;
        }
    }
    cohort
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let previous = history[e.institution]
                .range(..e.year)
                .next_back()
                .map(|(&year, &p)| (year, cohort[p].response));
            Report {
                submission: e.submission,
                flags: numeric.flags(e.response, sizes[i], &centers[&e.year], previous),
            }
        })
        .collect()
}

/// The number in an answer: `None` for "not available", "not applicable", no answer, and a
/// value that is not a finite number.
fn number(value: Option<&Value>) -> Option<f64> {
    match value {
        Some(Value::Number(x)) if x.is_finite() => Some(*x),
        _ => None,
    }
}

/// A numeric item of the questionnaire.
struct Slot<'q> {
    code: &'q str,
    /// The roster's id, if the item is answered per instance.
    roster: Option<&'q str>,
    per_employee: bool,
    per_service: bool,
}

/// The numeric items of a questionnaire in its order, and its size figures.
struct Numeric<'q> {
    slots: Vec<Slot<'q>>,
    employees: Option<&'q str>,
    services: Option<&'q str>,
}

/// One submission's size figures, where it gives them (and they are above 0).
#[derive(Debug, Clone, Copy)]
struct Size {
    employees: Option<f64>,
    services: Option<usize>,
}

impl<'q> Numeric<'q> {
    fn of(q: &'q Questionnaire) -> Numeric<'q> {
        let sizes = sizes(&q.id);
        let employees = sizes
            .and_then(|s| s.employees)
            .and_then(|code| q.item(code))
            .map(|id| q.items[id].code.as_str());
        let services = sizes
            .and_then(|s| s.services)
            .and_then(|id| q.roster(id))
            .map(|r| q.rosters[r].id.as_str());
        let slots = q
            .items
            .iter()
            .filter(|i| matches!(i.answer, AnswerType::Integer(_) | AnswerType::Number(_)))
            .map(|i| {
                let roster = i.roster.map(|r| q.rosters[r].id.as_str());
                Slot {
                    code: &i.code,
                    roster,
                    // A roster's answers are per service already; the employee count per
                    // employee is 1.
                    per_employee: roster.is_none()
                        && employees.is_some()
                        && employees != Some(i.code.as_str()),
                    per_service: roster.is_none() && services.is_some(),
                }
            })
            .collect();
        Numeric {
            slots,
            employees,
            services,
        }
    }

    fn size(&self, r: &Response) -> Size {
        Size {
            employees: self
                .employees
                .and_then(|code| number(r.answers.get(code)))
                .filter(|&n| n > 0.0),
            services: self
                .services
                .map(|roster| r.instances(roster).len())
                .filter(|&n| n > 0),
        }
    }

    /// Calls `f` with every numeric answer of `r`: its slot, its instance (in a roster) and
    /// the number, in slot order and then the respondent's order of instances.
    fn visit<'r>(&self, r: &'r Response, mut f: impl FnMut(usize, Option<&'r Instance>, f64)) {
        for (s, slot) in self.slots.iter().enumerate() {
            match slot.roster {
                None => {
                    if let Some(x) = number(r.answers.get(slot.code)) {
                        f(s, None, x);
                    }
                }
                Some(roster) => {
                    for instance in r.instances(roster) {
                        if let Some(x) = number(instance.answers.get(slot.code)) {
                            f(s, Some(instance), x);
                        }
                    }
                }
            }
        }
    }

    fn flags(
        &self,
        r: &Response,
        size: Size,
        centers: &Centers,
        previous: Option<(i32, &Response)>,
    ) -> Vec<Flag> {
        // The previous year's instances by roster and key, so that finding one is not a walk
        // over the roster for every answer.
        let earlier: HashMap<(&str, &str), &Instance> = previous
            .map(|(_, p)| {
                p.rosters
                    .iter()
                    .flat_map(|(roster, list)| {
                        list.iter()
                            .map(move |i| ((roster.as_str(), i.key.as_str()), i))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut flags = Vec::new();
        self.visit(r, |s, instance, x| {
            let slot = &self.slots[s];
            let place = || Place {
                roster: slot.roster.unwrap_or("").to_owned(),
                instance: instance.map_or("", |i| i.key.as_str()).to_owned(),
                item: slot.code.to_owned(),
            };
            let mut found: Vec<Why> = Vec::new();
            // A figure whose size, per employee or per service, is like the others' is
            // explained by the institution's size: a large ministry is not an outlier for
            // having many documents. Its plain comparison is then not shown.
            let mut explained = false;
            let mut by_size = |ratio: f64, center: &Option<Center>| -> Option<Deviation> {
                let d = center.as_ref()?.deviation(ratio)?;
                if d.stands_out() {
                    Some(d)
                } else {
                    explained = true;
                    None
                }
            };
            let per_employee = match size.employees {
                Some(employees) if slot.per_employee => {
                    let ratio = x / employees;
                    by_size(ratio, &centers.per_employee[s]).map(|deviation| Why::PerEmployee {
                        employees,
                        ratio,
                        deviation,
                    })
                }
                _ => None,
            };
            let per_service = match size.services {
                Some(services) if slot.per_service => {
                    let ratio = x / services as f64;
                    by_size(ratio, &centers.per_service[s]).map(|deviation| Why::PerService {
                        services,
                        ratio,
                        deviation,
                    })
                }
                _ => None,
            };
            if !explained
                && let Some(d) = centers.raw[s].as_ref().and_then(|c| c.deviation(x))
                && d.stands_out()
            {
                found.push(Why::Outlier(d));
            }
            found.extend(per_employee);
            found.extend(per_service);
            if let Some((previous_year, p)) = previous {
                let before = match (slot.roster, instance) {
                    (Some(roster), Some(i)) => earlier
                        .get(&(roster, i.key.as_str()))
                        .and_then(|e| number(e.answers.get(slot.code))),
                    _ => number(p.answers.get(slot.code)),
                };
                if let Some(previous) = before
                    && let Some(factor) = change(previous, x)
                {
                    found.push(Why::YearChange {
                        previous,
                        previous_year,
                        factor,
                    });
                }
            }
            flags.extend(found.into_iter().map(|why| Flag {
                place: place(),
                value: x,
                why,
            }));
        });
        flags
    }
}

/// The factor from `previous` to `value` when it is beyond [`YEAR_FACTOR`] either way (a
/// change of sign gives a negative factor, which is flagged too). A figure that was 0 or
/// became 0 has no factor and is not flagged: counts that start from nothing (the first
/// e-invoices) or stop (a channel closed) are common and real, and how large the new figure
/// is is what the comparison with the cohort judges.
fn change(previous: f64, value: f64) -> Option<f64> {
    if previous == 0.0 || value == 0.0 {
        return None;
    }
    let factor = value / previous;
    (!(1.0 / YEAR_FACTOR..=YEAR_FACTOR).contains(&factor)).then_some(factor)
}

/// What the values of one answer in one year are compared with: per slot, `None` where there
/// are fewer than [`MIN_VALUES`] values.
struct Centers {
    raw: Vec<Option<Center>>,
    per_employee: Vec<Option<Center>>,
    per_service: Vec<Option<Center>>,
}

impl Centers {
    fn of(numeric: &Numeric, cohort: &[Entry], sizes: &[Size], members: &[usize]) -> Centers {
        let n = numeric.slots.len();
        let mut raw = vec![Vec::new(); n];
        let mut per_employee = vec![Vec::new(); n];
        let mut per_service = vec![Vec::new(); n];
        for &m in members {
            let size = sizes[m];
            numeric.visit(cohort[m].response, |s, _, x| {
                raw[s].push(x);
                let slot = &numeric.slots[s];
                if let Some(employees) = size.employees.filter(|_| slot.per_employee) {
                    per_employee[s].push(x / employees);
                }
                if let Some(services) = size.services.filter(|_| slot.per_service) {
                    per_service[s].push(x / services as f64);
                }
            });
        }
        let centers = |values: Vec<Vec<f64>>| values.into_iter().map(Center::of).collect();
        Centers {
            raw: centers(raw),
            per_employee: centers(per_employee),
            per_service: centers(per_service),
        }
    }
}

/// What one answer (or ratio) of one year is compared with: the spread of its values, and of
/// their logarithms where none is negative.
#[derive(Debug, Clone, Copy)]
struct Center {
    linear: Spread,
    log: Option<Spread>,
    n: usize,
}

impl Center {
    fn of(mut values: Vec<f64>) -> Option<Center> {
        let n = values.len();
        if n < MIN_VALUES {
            return None;
        }
        let log = values.iter().all(|&v| v >= 0.0).then(|| {
            let mut logs: Vec<f64> = values.iter().map(|v| v.ln_1p()).collect();
            Spread::of(&mut logs)
        });
        Some(Center {
            linear: Spread::of(&mut values),
            log,
            n,
        })
    }

    /// How far `x` (one of the values) is from the others; `None` where they are all equal.
    fn deviation(&self, x: f64) -> Option<Deviation> {
        let (score, mean_ad) = self.linear.score(x)?;
        let log_score = match &self.log {
            Some(log) => Some(log.score(x.ln_1p())?.0),
            None => None,
        };
        Some(Deviation {
            median: self.linear.median,
            mad: self.linear.mad,
            mean_ad,
            score,
            log_score,
            n: self.n,
        })
    }
}

/// The median of some values and their spread around it.
#[derive(Debug, Clone, Copy)]
struct Spread {
    median: f64,
    mad: f64,
    /// The mean absolute deviation from the median; computed (and used) only where the MAD
    /// is 0.
    mean_ad: f64,
}

impl Spread {
    /// Reorders and overwrites `values`.
    fn of(values: &mut [f64]) -> Spread {
        let median = median_of(values);
        for v in values.iter_mut() {
            *v = (*v - median).abs();
        }
        let mad = median_of(values);
        // Summed in ascending order, so that the cohort's order does not reach the last digit.
        let mean_ad = if mad == 0.0 {
            values.sort_unstable_by(f64::total_cmp);
            values.iter().sum::<f64>() / values.len() as f64
        } else {
            0.0
        };
        Spread {
            median,
            mad,
            mean_ad,
        }
    }

    /// The robust z of `x`, and the mean absolute deviation where it measured it. When more
    /// than half of the values are the median itself (many institutions with no complaints
    /// at all), the MAD is 0 and every other value would be infinitely far: the score is then
    /// measured by the mean absolute deviation, scaled to the same σ (the fallback of IBM's
    /// and others' modified z-scores), so that a few 1s among 0s are not outliers but a 40
    /// is. When that is 0 too, all the values are equal, `x` among them: nothing stands out.
    fn score(&self, x: f64) -> Option<(f64, Option<f64>)> {
        if self.mad > 0.0 {
            Some((MAD_SCALE * (x - self.median) / self.mad, None))
        } else if self.mean_ad > 0.0 {
            let z = (x - self.median) / (MEAN_AD_SCALE * self.mean_ad);
            Some((z, Some(self.mean_ad)))
        } else {
            None
        }
    }
}

/// The median of `values` (reordered): the middle one, or the mean of the two middle ones.
fn median_of(values: &mut [f64]) -> f64 {
    let n = values.len();
    let (lower, middle, _) = values.select_nth_unstable_by(n / 2, f64::total_cmp);
    let middle = *middle;
    if n % 2 == 1 {
        middle
    } else {
        let below = lower.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (below + middle) / 2.0
    }
}
