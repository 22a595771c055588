//! The rule engine: given a questionnaire and a response, which questions are visible, which
//! are required and unanswered, which answers are invalid, and what every check finds.
//!
//! Hidden questions keep their answers in the response, but here they count as blank: they
//! produce no findings and nothing that reads them sees a value. One [`evaluate`] call does all
//! the work in one pass in dependency order (see `benches/engine.rs`); after a change in one
//! roster instance, [`reevaluate`] does that instance's part, so that a key costs the same
//! with thousands of services.

mod context;
mod incremental;
mod validate;

pub use context::{Answers, Columns};
pub use incremental::{Locality, reevaluate};
pub use validate::{toggle_option, validate};

use crate::expr::{Env, ItemId, RosterId};
use crate::questionnaire::{MessagePart, Questionnaire, Selection, Severity};
use crate::response::{Response, Value};
use context::Ctx;
use std::collections::BTreeMap;

/// One instance of a roster as the engine sees it.
#[derive(Debug, Clone)]
pub struct InstanceState {
    pub key: String,
    pub label: String,
    /// Index into the response's stored instances of this roster, if any answers exist.
    stored: Option<usize>,
    /// Visibility of every item, by item id; only this roster's items are meaningful.
    visible: Vec<bool>,
}

impl InstanceState {
    /// What the respondent calls the instance (a service's name), or its key if unnamed.
    pub fn name(&self) -> &str {
        if self.label.is_empty() {
            &self.key
        } else {
            &self.label
        }
    }
}

/// Where a finding points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub section: usize,
    pub item: ItemId,
    /// The roster instance, by position in [`Evaluation::instances`].
    pub instance: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FindingKind {
    /// Required, visible and blank.
    Missing,
    /// The answer does not fit the question.
    Invalid(Invalid),
    /// A named check's assertion is false; the message is the definition's, filled in.
    Check { name: String, message: String },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Invalid {
    WrongType,
    NotAnOption(i64),
    /// An exclusive option chosen together with others.
    ExclusiveWithOthers(i64),
    BelowMin(f64),
    AboveMax(f64),
    NotWhole,
    NotAvailableNotAllowed,
    NotApplicableNotAllowed,
    TooLong(usize),
    TooManyItems(usize),
    NotAnAddress(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub location: Location,
    pub severity: Severity,
    pub kind: FindingKind,
}

/// The engine's verdict on one response.
#[derive(Debug, Clone)]
pub struct Evaluation {
    visible: Vec<bool>,
    rosters: Vec<Vec<InstanceState>>,
    /// Per section, for roster sections with `required_instances`: which instances must be filled.
    required_instances: Vec<Option<Vec<bool>>>,
    pub findings: Vec<Finding>,
}

impl Evaluation {
    /// Whether an item is shown: for a roster item, in the given instance.
    pub fn is_visible(&self, item: ItemId, instance: Option<usize>, q: &Questionnaire) -> bool {
        match (q.items[item].roster, instance) {
            (None, _) => self.visible[item],
            (Some(r), Some(i)) => self.rosters[r]
                .get(i)
                .is_some_and(|s| s.visible[q.slot(item)]),
            (Some(_), None) => false,
        }
    }

    pub fn instances(&self, roster: RosterId) -> &[InstanceState] {
        &self.rosters[roster]
    }

    /// The stored answers of an instance, found without searching: the response must be the
    /// one this evaluation was made from.
    pub fn instance_answers<'r>(
        &self,
        q: &Questionnaire,
        response: &'r Response,
        roster: RosterId,
        instance: usize,
    ) -> Option<&'r BTreeMap<String, Value>> {
        let stored = self.rosters[roster].get(instance)?.stored?;
        response
            .instances(&q.rosters[roster].id)
            .get(stored)
            .map(|i| &i.answers)
    }

    /// Where the response keeps the answers of an instance (by position), if it has any:
    /// for [`Answers::only`].
    pub fn stored_index(&self, roster: RosterId, instance: usize) -> Option<usize> {
        self.rosters[roster].get(instance)?.stored
    }

    /// Whether instance `instance` of a roster section must be filled (the 20 % rule).
    pub fn instance_required(&self, section: usize, instance: usize) -> bool {
        match &self.required_instances[section] {
            Some(flags) => flags.get(instance).copied().unwrap_or(false),
            None => true,
        }
    }

    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
    }
}

/// Evaluate everything about a response.
pub fn evaluate(q: &Questionnaire, response: &Response) -> Evaluation {
    let answers = Answers::new(q, response);
    let mut state = visibility(q, &answers);
    for (s, section) in q.sections.iter().enumerate() {
        if let (Some(selection), Some(r)) = (&section.required_instances, section.roster) {
            let flags = select_instances(q, &answers, &state, r, selection);
            state.required_instances[s] = Some(flags);
        }
    }
    let findings = findings(q, &answers, &state);
    state.findings = findings;
    state
}

/// What is shown of a response, and its roster instances: the part of [`evaluate`] that
/// counting answers needs (which were asked), without the checks and required answers.
pub fn visibility(q: &Questionnaire, answers: &Answers) -> Evaluation {
    let response = answers.response;
    let mut state = Evaluation {
        visible: vec![false; q.items.len()],
        rosters: vec![Vec::new(); q.rosters.len()],
        required_instances: vec![None; q.sections.len()],
        findings: Vec::new(),
    };
    for (r, roster) in q.rosters.iter().enumerate() {
        if roster.from.is_none() {
            state.rosters[r] = free_instances(q, response, r);
        }
    }
    let mut decided_top = Decided::new(q);
    let mut decided_in: Vec<Vec<Decided>> = vec![Vec::new(); q.rosters.len()];
    for &item in &q.order {
        match q.items[item].roster {
            None => {
                let shown = shown(q, item, &Ctx::top(q, answers, &state), &mut decided_top);
                state.visible[item] = shown;
                // Evaluation order puts a derived roster's items after its source question.
                for (r, roster) in q.rosters.iter().enumerate() {
                    if roster.from == Some(item) {
                        state.rosters[r] = derived_instances(q, response, &state, r, item);
                    }
                }
            }
            Some(r) => {
                let n = state.rosters[r].len();
                decided_in[r].resize_with(n, || Decided::new(q));
                for (i, decided) in decided_in[r].iter_mut().enumerate() {
                    let ctx = Ctx::top(q, answers, &state).within(r, i);
                    let shown = shown(q, item, &ctx, decided);
                    state.rosters[r][i].visible[q.slot(item)] = shown;
                }
            }
        }
    }
    state
}

/// The section and question conditions already decided, in one context (outside rosters, or
/// one instance). A section's condition applies to each of its items and a matrix question's
/// to each row; the evaluation order puts every item after everything its conditions read,
/// so the first decision is final.
#[derive(Clone)]
struct Decided {
    sections: Vec<Option<bool>>,
    questions: Vec<Option<bool>>,
}

impl Decided {
    fn new(q: &Questionnaire) -> Self {
        Decided {
            sections: vec![None; q.sections.len()],
            questions: vec![None; q.questions.len()],
        }
    }
}

/// Whether every visibility condition of the item holds: its section's, its question's and
/// its own (the levels `questionnaire::visibility_conditions` lists).
fn shown(q: &Questionnaire, item: ItemId, ctx: &Ctx, decided: &mut Decided) -> bool {
    let holds = |c: &Option<crate::expr::Expr>| {
        c.as_ref()
            .is_none_or(|c| c.root.eval(ctx).truth() == Some(true))
    };
    let def = &q.items[item];
    *decided.sections[def.section].get_or_insert_with(|| holds(&q.sections[def.section].show_if))
        && *decided.questions[def.question]
            .get_or_insert_with(|| holds(&q.questions[def.question].show_if))
        && holds(&def.show_if)
}

fn free_instances(q: &Questionnaire, response: &Response, r: RosterId) -> Vec<InstanceState> {
    response
        .instances(&q.rosters[r].id)
        .iter()
        .enumerate()
        .map(|(index, i)| InstanceState {
            key: i.key.clone(),
            label: i.label.clone(),
            stored: Some(index),
            visible: vec![false; q.scope(Some(r)).len()],
        })
        .collect()
}

/// Instances of a roster that comes from another answer: one per address or chosen option.
fn derived_instances(
    q: &Questionnaire,
    response: &Response,
    state: &Evaluation,
    r: RosterId,
    from: ItemId,
) -> Vec<InstanceState> {
    let stored = response.instances(&q.rosters[r].id);
    let make = |key: String, label: String| InstanceState {
        stored: stored.iter().position(|i| i.key == key),
        key,
        label,
        visible: vec![false; q.scope(Some(r)).len()],
    };
    if !state.visible[from] {
        return Vec::new();
    }
    match response.answers.get(&q.items[from].code) {
        Some(Value::Urls(urls)) => urls
            .iter()
            .filter(|u| !u.trim().is_empty())
            .map(|u| make(u.clone(), u.clone()))
            .collect(),
        Some(Value::Choices(codes)) => q.items[from]
            .answer
            .choices()
            .iter()
            .filter(|c| !c.exclusive && codes.contains(&c.code))
            .map(|c| make(c.code.to_string(), c.label.clone()))
            .collect(),
        _ => Vec::new(),
    }
}

/// The instances that must be filled: all when few, else the top share by `top_by`.
fn select_instances(
    q: &Questionnaire,
    answers: &Answers,
    state: &Evaluation,
    r: RosterId,
    selection: &Selection,
) -> Vec<bool> {
    let n = state.rosters[r].len();
    if n <= selection.min {
        return vec![true; n];
    }
    let wanted = selection
        .min
        .max((selection.share * n as f64).ceil() as usize);
    let mut ranked: Vec<(usize, f64)> = (0..n)
        .map(|i| {
            let ctx = Ctx::top(q, answers, state).within(r, i);
            let value = match ctx.answer(selection.top_by) {
                Some(Value::Number(v)) => *v,
                _ => f64::NEG_INFINITY,
            };
            (i, value)
        })
        .collect();
    // Stable: ties keep roster order.
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut flags = vec![false; n];
    for &(i, _) in ranked.iter().take(wanted) {
        flags[i] = true;
    }
    flags
}

fn findings(q: &Questionnaire, answers: &Answers, state: &Evaluation) -> Vec<Finding> {
    let mut out = Vec::new();
    let top = Ctx::top(q, answers, state);
    for (item, def) in q.items.iter().enumerate() {
        match def.roster {
            None => item_findings_in(q, &top, state, item, None, &mut out),
            Some(r) => {
                for i in 0..state.rosters[r].len() {
                    item_findings_in(q, &top, state, item, Some(i), &mut out);
                }
            }
        }
    }
    for check in &q.checks {
        match q.sections[check.section].roster {
            None => check_findings_in(q, &top, state, check, None, &mut out),
            Some(r) => {
                for i in 0..state.rosters[r].len() {
                    check_findings_in(q, &top, state, check, Some(i), &mut out);
                }
            }
        }
    }
    sort_findings(&mut out);
    out
}

/// In the order of the questionnaire: by section, instance, item; stable, so that on one item
/// its answer's finding comes before its checks', in the checks' order.
fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by_key(|f| (f.location.section, f.location.instance, f.location.item));
}

/// The findings on one item's answer outside rosters (`instance` `None`) or in one instance.
fn item_findings_in(
    q: &Questionnaire,
    top: &Ctx,
    state: &Evaluation,
    item: ItemId,
    instance: Option<usize>,
    out: &mut Vec<Finding>,
) {
    let def = &q.items[item];
    match (def.roster, instance) {
        (None, _) => {
            if state.visible[item] {
                item_findings(q, item, None, top.answer(item), true, out);
            }
        }
        (Some(r), Some(i)) => {
            if state.rosters[r][i].visible[q.slot(item)] {
                let required = state.instance_required(def.section, i);
                let ctx = top.within(r, i);
                item_findings(q, item, Some(i), ctx.answer(item), required, out);
            }
        }
        (Some(_), None) => {}
    }
}

/// What a check finds outside rosters (`instance` `None`) or in one instance of its roster.
fn check_findings_in(
    q: &Questionnaire,
    top: &Ctx,
    state: &Evaluation,
    check: &crate::questionnaire::Check,
    instance: Option<usize>,
    out: &mut Vec<Finding>,
) {
    let roster = q.items[check.on].roster;
    let (visible, ctx) = match (roster, instance) {
        (Some(r), Some(i)) => (
            state.rosters[r][i].visible[q.slot(check.on)],
            top.within(r, i),
        ),
        _ => (state.visible[check.on], *top),
    };
    if visible && check.assert.root.eval(&ctx).truth() == Some(false) {
        out.push(Finding {
            location: Location {
                section: check.section,
                item: check.on,
                instance,
            },
            severity: check.severity,
            kind: FindingKind::Check {
                name: check.name.clone(),
                message: render_message(&check.message, &ctx),
            },
        });
    }
}

fn render_message(parts: &[MessagePart], env: &dyn Env) -> String {
    parts
        .iter()
        .map(|p| match p {
            MessagePart::Text(t) => t.clone(),
            MessagePart::Value(e) => e.root.eval(env).display(),
        })
        .collect()
}

fn item_findings(
    q: &Questionnaire,
    item: ItemId,
    instance: Option<usize>,
    answer: Option<&Value>,
    instance_required: bool,
    out: &mut Vec<Finding>,
) {
    let def = &q.items[item];
    let location = Location {
        section: def.section,
        item,
        instance,
    };
    let blank = answer.is_none_or(Value::is_blank);
    if blank {
        if def.required && instance_required {
            out.push(Finding {
                location,
                severity: Severity::Error,
                kind: FindingKind::Missing,
            });
        }
        return;
    }
    if let Some(invalid) = answer.and_then(|a| validate(&def.answer, a)) {
        out.push(Finding {
            location,
            severity: Severity::Error,
            kind: FindingKind::Invalid(invalid),
        });
    }
}

/// The value of `e` as checks see it (hidden answers blank), in a roster instance if given,
/// formatted for the screen: "—" while undecided.
pub fn display_value(
    q: &Questionnaire,
    answers: &Answers,
    state: &Evaluation,
    e: &crate::expr::Expr,
    instance: Option<(RosterId, usize)>,
) -> String {
    in_context(q, answers, state, instance, |ctx| {
        e.root.eval(ctx).display()
    })
}

/// `f` of the context checks see (hidden answers blank), in a roster instance if given.
fn in_context<T>(
    q: &Questionnaire,
    answers: &Answers,
    state: &Evaluation,
    instance: Option<(RosterId, usize)>,
    f: impl FnOnce(&Ctx) -> T,
) -> T {
    let top = Ctx::top(q, answers, state);
    match instance {
        Some((roster, index)) => f(&top.within(roster, index)),
        None => f(&top),
    }
}

/// The value of `e` outside any roster as a number, `None` while undecided.
pub fn number(
    q: &Questionnaire,
    answers: &Answers,
    state: &Evaluation,
    e: &crate::expr::Expr,
) -> Option<f64> {
    number_in(q, answers, state, e, None)
}

/// The value of `e` as a number, in a roster instance if given; `None` while undecided.
pub fn number_in(
    q: &Questionnaire,
    answers: &Answers,
    state: &Evaluation,
    e: &crate::expr::Expr,
    instance: Option<(RosterId, usize)>,
) -> Option<f64> {
    in_context(q, answers, state, instance, |ctx| match e.root.eval(ctx) {
        crate::expr::Val::Num(n) if n.is_finite() => Some(n),
        _ => None,
    })
}

/// The value of `e` outside any roster as a yes/no, `None` while undecided.
pub fn truth(
    q: &Questionnaire,
    answers: &Answers,
    state: &Evaluation,
    e: &crate::expr::Expr,
) -> Option<bool> {
    e.root.eval(&Ctx::top(q, answers, state)).truth()
}

impl Evaluation {
    /// The answer of `item` as the rules see it: `None` when hidden or blank.
    pub fn visible_answer<'r>(
        &self,
        q: &Questionnaire,
        answers: &Answers<'r>,
        item: ItemId,
        instance: Option<usize>,
    ) -> Option<&'r Value> {
        if !self.is_visible(item, instance, q) {
            return None;
        }
        self.stored_answer(q, answers, item, instance)
            .filter(|value| !value.is_blank())
    }

    /// The stored answer of `item` (in an instance, for a roster item), shown or not.
    pub fn stored_answer<'r>(
        &self,
        q: &Questionnaire,
        answers: &Answers<'r>,
        item: ItemId,
        instance: Option<usize>,
    ) -> Option<&'r Value> {
        match (q.items[item].roster, instance) {
            (None, _) => answers.top(item),
            (Some(r), Some(i)) => answers.stored(q, r, self.rosters[r].get(i)?.stored?, item),
            (Some(_), None) => None,
        }
    }
}
