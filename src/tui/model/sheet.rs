//! The answers of the submission being filled and what the rules make of them, kept together
//! so that they never disagree: the only way to change the answers is [`Sheet::change`], which
//! evaluates them again, once, and counts what each section has left.

use crate::expr::RosterId;
use crate::questionnaire::{Questionnaire, Severity};
use crate::response::{Response, Value};
use crate::rules::{self, Columns, Evaluation, FindingKind, Locality};
use std::collections::BTreeMap;
use std::ops::AddAssign;
use std::rc::Rc;

pub struct Sheet {
    q: Rc<Questionnaire>,
    response: Response,
    eval: Evaluation,
    shown: Vec<usize>,
    /// Per section of the questionnaire (shown ones counted): its questions answered, and per
    /// roster instance. Counted when the answers change, for the instance that changed: a
    /// frame draws thousands of services' rows and totals without counting them again.
    answered: Vec<SectionProgress>,
    /// The same for errors and warnings.
    problems: Vec<SectionProgress>,
    locality: Locality,
    columns: Columns,
}

/// How far a section (or one roster instance of it) is filled, and its open problems. Required
/// and optional questions count apart, so that a section whose required questions are all
/// answered reads as done however many optional notes stay empty.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub required_answered: usize,
    pub required: usize,
    pub optional_answered: usize,
    pub optional: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Progress {
    pub fn complete(&self) -> bool {
        self.required_answered == self.required
    }
}

impl AddAssign for Progress {
    fn add_assign(&mut self, other: Progress) {
        self.required_answered += other.required_answered;
        self.required += other.required;
        self.optional_answered += other.optional_answered;
        self.optional += other.optional;
        self.errors += other.errors;
        self.warnings += other.warnings;
    }
}

impl std::iter::Sum for Progress {
    fn sum<I: Iterator<Item = Progress>>(all: I) -> Progress {
        all.fold(Progress::default(), |mut total, p| {
            total += p;
            total
        })
    }
}

#[derive(Default)]
struct SectionProgress {
    whole: Progress,
    /// For a roster section, by instance.
    instances: Vec<Progress>,
}

impl Sheet {
    /// `shown` are the sections on screen (the respondent's part, plus the expert part for
    /// support staff): findings are kept for these only, so that a respondent is never asked
    /// for the part that support staff fill.
    pub fn new(q: Rc<Questionnaire>, response: Response, shown: Vec<usize>) -> Sheet {
        let eval = evaluate(&q, &response, &shown);
        let answered = count_answered(&q, &response, &eval, &shown);
        let problems = count_problems(&q, &eval);
        let locality = Locality::of(&q);
        Sheet {
            eval,
            answered,
            problems,
            columns: locality.columns(&q, &response),
            locality,
            q,
            response,
            shown,
        }
    }

    /// Progress of a section over all its instances, or only `instance`.
    pub fn progress(&self, section: usize, instance: Option<usize>) -> Progress {
        let of = |counted: &[SectionProgress]| {
            let Some(counted) = counted.get(section) else {
                return Progress::default();
            };
            match instance {
                Some(i) if self.q.sections[section].roster.is_some() => {
                    counted.instances.get(i).copied().unwrap_or_default()
                }
                _ => counted.whole,
            }
        };
        let mut p = of(&self.answered);
        p += of(&self.problems);
        p
    }

    pub fn response(&self) -> &Response {
        &self.response
    }

    pub fn eval(&self) -> &Evaluation {
        &self.eval
    }

    /// The sections shown, as indices into the questionnaire's sections.
    pub fn shown(&self) -> &[usize] {
        &self.shown
    }

    /// Change the answers; what the rules make of them follows.
    pub fn change<R>(&mut self, change: impl FnOnce(&mut Response) -> R) -> R {
        let result = change(&mut self.response);
        self.evaluate_whole();
        result
    }

    /// Change the answers of one instance (by position) of a roster, and nothing else: what
    /// the rules make of them follows, evaluated for that instance alone where the
    /// questionnaire allows ([`rules::reevaluate`]).
    pub fn change_in<R>(
        &mut self,
        roster: RosterId,
        instance: usize,
        change: impl FnOnce(&mut Response) -> R,
    ) -> R {
        let result = change(&mut self.response);
        let (q, response) = (&self.q, &self.response);
        let stored = self.eval.stored_index(roster, instance);
        let again = stored.is_some_and(|stored| {
            self.columns.update(q, response, roster, stored);
            let (locality, columns) = (&self.locality, &self.columns);
            rules::reevaluate(
                q,
                response,
                &mut self.eval,
                locality,
                columns,
                roster,
                instance,
            )
        });
        if !again {
            self.evaluate_whole();
            return result;
        }
        let shown = &self.shown;
        self.eval
            .findings
            .retain(|f| shown.contains(&f.location.section));
        for &section in shown {
            if q.sections[section].roster != Some(roster) {
                continue;
            }
            let counted = &mut self.answered[section];
            let stored = self.eval.instance_answers(q, response, roster, instance);
            counted.instances[instance] = answered(q, &self.eval, section, Some(instance), stored);
            counted.whole = counted.instances.iter().copied().sum();
        }
        self.problems = count_problems(q, &self.eval);
        result
    }

    fn evaluate_whole(&mut self) {
        self.columns = self.locality.columns(&self.q, &self.response);
        self.eval = evaluate(&self.q, &self.response, &self.shown);
        self.answered = count_answered(&self.q, &self.response, &self.eval, &self.shown);
        self.problems = count_problems(&self.q, &self.eval);
    }
}

fn evaluate(q: &Questionnaire, response: &Response, shown: &[usize]) -> Evaluation {
    let mut eval = rules::evaluate(q, response);
    eval.findings
        .retain(|f| shown.contains(&f.location.section));
    eval
}

/// The questions answered in every shown section and in each of its roster instances.
fn count_answered(
    q: &Questionnaire,
    response: &Response,
    eval: &Evaluation,
    shown: &[usize],
) -> Vec<SectionProgress> {
    let mut out: Vec<SectionProgress> = (0..q.sections.len())
        .map(|_| SectionProgress::default())
        .collect();
    for &section in shown {
        let counted = &mut out[section];
        match q.sections[section].roster {
            None => counted.whole = answered(q, eval, section, None, Some(&response.answers)),
            Some(r) => {
                counted.instances = (0..eval.instances(r).len())
                    .map(|i| {
                        let stored = eval.instance_answers(q, response, r, i);
                        answered(q, eval, section, Some(i), stored)
                    })
                    .collect();
                counted.whole = counted.instances.iter().copied().sum();
            }
        }
    }
    out
}

/// The errors and warnings found in every section (the findings are the shown sections') and
/// in each of its roster instances; unanswered questions show in the counts, not here.
fn count_problems(q: &Questionnaire, eval: &Evaluation) -> Vec<SectionProgress> {
    let mut out: Vec<SectionProgress> = q
        .sections
        .iter()
        .map(|s| SectionProgress {
            whole: Progress::default(),
            instances: match s.roster {
                Some(r) => vec![Progress::default(); eval.instances(r).len()],
                None => Vec::new(),
            },
        })
        .collect();
    for f in &eval.findings {
        if f.kind == FindingKind::Missing {
            continue;
        }
        let counted = &mut out[f.location.section];
        let instance = f
            .location
            .instance
            .and_then(|i| counted.instances.get_mut(i));
        for p in std::iter::once(&mut counted.whole).chain(instance) {
            match f.severity {
                Severity::Error => p.errors += 1,
                Severity::Warning => p.warnings += 1,
            }
        }
    }
    out
}

/// The questions of a section shown in one context (outside rosters, or one instance), and how
/// many of them are answered.
fn answered(
    q: &Questionnaire,
    eval: &Evaluation,
    section: usize,
    instance: Option<usize>,
    stored: Option<&BTreeMap<String, Value>>,
) -> Progress {
    let mut p = Progress::default();
    for question in q.sections[section].questions.clone() {
        for item in q.questions[question].items.clone() {
            if !eval.is_visible(item, instance, q) {
                continue;
            }
            let def = &q.items[item];
            let answered = stored
                .and_then(|a| a.get(&def.code))
                .is_some_and(|v| !v.is_blank());
            let required =
                def.required && instance.is_none_or(|i| eval.instance_required(def.section, i));
            let (count, done) = if required {
                (&mut p.required, &mut p.required_answered)
            } else {
                (&mut p.optional, &mut p.optional_answered)
            };
            *count += 1;
            *done += usize::from(answered);
        }
    }
    p
}
