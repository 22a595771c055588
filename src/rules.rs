//! The rule engine: given a questionnaire and a response, which questions are visible, which
//! are required and unanswered, which answers are invalid, and what every check finds.
//!
//! Hidden questions keep their answers in the response, but here they count as blank: they
//! produce no findings and nothing that reads them sees a value. One [`evaluate`] call does all
//! the work in one pass in dependency order; it is cheap enough to run on every key press
//! (see `benches/engine.rs`).

use crate::expr::{Env, ItemId, RosterId};
use crate::questionnaire::{AnswerType, MessagePart, Questionnaire, Selection, Severity};
use crate::response::{Instance, Response, Value};
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
            (Some(r), Some(i)) => self.rosters[r].get(i).is_some_and(|s| s.visible[item]),
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
    let mut state = visibility(q, response);
    for (s, section) in q.sections.iter().enumerate() {
        if let (Some(selection), Some(r)) = (&section.required_instances, section.roster) {
            let flags = select_instances(q, response, &state, r, selection);
            state.required_instances[s] = Some(flags);
        }
    }
    let findings = findings(q, response, &state);
    state.findings = findings;
    state
}

/// What is shown of a response, and its roster instances: the part of [`evaluate`] that
/// counting answers needs (which were asked), without the checks and required answers.
pub fn visibility(q: &Questionnaire, response: &Response) -> Evaluation {
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
    for &item in &q.order {
        let roster = q.items[item].roster;
        match roster {
            None => {
                let shown = shown(q, item, &Ctx::top(q, response, &state));
                state.visible[item] = shown;
                // Evaluation order puts a derived roster's items after its source question.
                for (r, roster) in q.rosters.iter().enumerate() {
                    if roster.from == Some(item) {
                        state.rosters[r] = derived_instances(q, response, &state, r, item);
                    }
                }
            }
            Some(r) => {
                for i in 0..state.rosters[r].len() {
                    let ctx = Ctx::top(q, response, &state).within(r, i);
                    let shown = shown(q, item, &ctx);
                    state.rosters[r][i].visible[item] = shown;
                }
            }
        }
    }
    state
}

fn shown(q: &Questionnaire, item: ItemId, ctx: &Ctx) -> bool {
    crate::questionnaire::visibility_conditions(q, item)
        .all(|c| c.root.eval(ctx).truth() == Some(true))
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
            visible: vec![false; q.items.len()],
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
        visible: vec![false; q.items.len()],
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
    response: &Response,
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
            let ctx = Ctx::top(q, response, state).within(r, i);
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

fn findings(q: &Questionnaire, response: &Response, state: &Evaluation) -> Vec<Finding> {
    let mut out = Vec::new();
    let top = Ctx::top(q, response, state);
    for (item, def) in q.items.iter().enumerate() {
        match def.roster {
            None => {
                if state.visible[item] {
                    item_findings(q, item, None, top.answer(item), true, &mut out);
                }
            }
            Some(r) => {
                for i in 0..state.rosters[r].len() {
                    if state.rosters[r][i].visible[item] {
                        let ctx = top.within(r, i);
                        let required = state.instance_required(def.section, i);
                        item_findings(q, item, Some(i), ctx.answer(item), required, &mut out);
                    }
                }
            }
        }
    }
    for check in &q.checks {
        let mut run = |ctx: &Ctx, instance: Option<usize>| {
            let visible = match instance {
                None => state.visible[check.on],
                Some(i) => {
                    state.rosters[q.items[check.on].roster.expect("roster check")][i].visible
                        [check.on]
                }
            };
            if visible && check.assert.root.eval(ctx).truth() == Some(false) {
                out.push(Finding {
                    location: Location {
                        section: check.section,
                        item: check.on,
                        instance,
                    },
                    severity: check.severity,
                    kind: FindingKind::Check {
                        name: check.name.clone(),
                        message: render_message(&check.message, ctx),
                    },
                });
            }
        };
        match q.sections[check.section].roster {
            None => run(&top, None),
            Some(r) => {
                for i in 0..state.rosters[r].len() {
                    run(&top.within(r, i), Some(i));
                }
            }
        }
    }
    out.sort_by_key(|f| (f.location.section, f.location.instance, f.location.item));
    out
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

/// Whether an answer fits its question; the first problem found.
pub fn validate(answer_type: &AnswerType, value: &Value) -> Option<Invalid> {
    match (answer_type, value) {
        (AnswerType::Single(choices), Value::Choice(c)) => {
            (!choices.iter().any(|o| o.code == *c)).then_some(Invalid::NotAnOption(*c))
        }
        (AnswerType::Multi(choices), Value::Choices(codes)) => {
            if let Some(&bad) = codes
                .iter()
                .find(|c| !choices.iter().any(|o| o.code == **c))
            {
                return Some(Invalid::NotAnOption(bad));
            }
            if codes.len() > 1 {
                let exclusive = choices
                    .iter()
                    .find(|o| o.exclusive && codes.contains(&o.code));
                return exclusive.map(|o| Invalid::ExclusiveWithOthers(o.code));
            }
            None
        }
        (AnswerType::Integer(b) | AnswerType::Number(b), Value::NotAvailable) => {
            (!b.not_available).then_some(Invalid::NotAvailableNotAllowed)
        }
        (AnswerType::Integer(b) | AnswerType::Number(b), Value::NotApplicable) => {
            (!b.not_applicable).then_some(Invalid::NotApplicableNotAllowed)
        }
        (AnswerType::Integer(b) | AnswerType::Number(b), Value::Number(n)) => {
            if matches!(answer_type, AnswerType::Integer(_)) && n.fract() != 0.0 {
                Some(Invalid::NotWhole)
            } else if let Some(min) = b.min.filter(|m| n < m) {
                Some(Invalid::BelowMin(min))
            } else {
                b.max.filter(|m| n > m).map(Invalid::AboveMax)
            }
        }
        (AnswerType::Text { max_length, .. }, Value::Text(t)) => max_length
            .filter(|&m| t.chars().count() > m)
            .map(Invalid::TooLong),
        (AnswerType::Urls { max_items }, Value::Urls(urls)) => {
            if let Some(m) = max_items.filter(|&m| urls.len() > m) {
                return Some(Invalid::TooManyItems(m));
            }
            urls.iter()
                .find(|u| !is_web_address(u))
                .map(|u| Invalid::NotAnAddress(u.clone()))
        }
        _ => Some(Invalid::WrongType),
    }
}

fn is_web_address(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        host.contains('.') && !host.starts_with('.') && !r.chars().any(char::is_whitespace)
    })
}

/// The new answer of a multiple choice after toggling `code`: choosing an exclusive option
/// clears the others, choosing another clears the exclusive ones.
pub fn toggle_option(answer_type: &AnswerType, current: Option<&Value>, code: i64) -> Value {
    let choices = answer_type.choices();
    let mut codes = match current {
        Some(Value::Choices(c)) => c.clone(),
        _ => Vec::new(),
    };
    if let Some(pos) = codes.iter().position(|&c| c == code) {
        codes.remove(pos);
        return Value::Choices(codes);
    }
    let exclusive = |c: i64| choices.iter().any(|o| o.code == c && o.exclusive);
    if exclusive(code) {
        codes.clear();
    } else {
        codes.retain(|&c| !exclusive(c));
    }
    codes.push(code);
    codes.sort_unstable();
    Value::Choices(codes)
}

/// The environment expressions see while the engine runs.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    q: &'a Questionnaire,
    response: &'a Response,
    state: &'a Evaluation,
    /// The roster instance in whose context roster items are read.
    instance: Option<(RosterId, usize)>,
}

impl<'a> Ctx<'a> {
    fn top(q: &'a Questionnaire, response: &'a Response, state: &'a Evaluation) -> Self {
        Ctx {
            q,
            response,
            state,
            instance: None,
        }
    }

    fn within(self, roster: RosterId, index: usize) -> Self {
        Ctx {
            instance: Some((roster, index)),
            ..self
        }
    }

    fn stored(&self, roster: RosterId, index: usize) -> Option<&'a Instance> {
        let state = &self.state.rosters[roster][index];
        let list = self.response.instances(&self.q.rosters[roster].id);
        state.stored.and_then(|s| list.get(s))
    }

    fn answers_of(&self, roster: RosterId, index: usize) -> Option<&'a BTreeMap<String, Value>> {
        self.stored(roster, index).map(|i| &i.answers)
    }
}

impl Env for Ctx<'_> {
    fn answer(&self, item: ItemId) -> Option<&Value> {
        let def = &self.q.items[item];
        match def.roster {
            None => {
                if self.state.visible[item] {
                    self.response.answers.get(&def.code)
                } else {
                    None
                }
            }
            Some(r) => {
                let (roster, index) = self.instance.filter(|(ir, _)| *ir == r)?;
                if !self.state.rosters[roster][index].visible[item] {
                    return None;
                }
                self.answers_of(roster, index)?.get(&def.code)
            }
        }
    }

    fn roster_len(&self, roster: RosterId) -> usize {
        self.state.rosters[roster].len()
    }

    fn each_instance(&self, roster: RosterId, f: &mut dyn FnMut(&dyn Env) -> bool) {
        for i in 0..self.state.rosters[roster].len() {
            if !f(&self.within(roster, i)) {
                break;
            }
        }
    }
}

/// The value of `e` as checks see it (hidden answers blank), in a roster instance if given,
/// formatted for the screen: "—" while undecided.
pub fn display_value(
    q: &Questionnaire,
    response: &Response,
    state: &Evaluation,
    e: &crate::expr::Expr,
    instance: Option<(RosterId, usize)>,
) -> String {
    let top = Ctx::top(q, response, state);
    let ctx = match instance {
        Some((roster, index)) => top.within(roster, index),
        None => top,
    };
    e.root.eval(&ctx).display()
}

/// The value of `e` outside any roster as a number, `None` while undecided.
pub fn number(
    q: &Questionnaire,
    response: &Response,
    state: &Evaluation,
    e: &crate::expr::Expr,
) -> Option<f64> {
    number_in(q, response, state, e, None)
}

/// The value of `e` as a number, in a roster instance if given; `None` while undecided.
pub fn number_in(
    q: &Questionnaire,
    response: &Response,
    state: &Evaluation,
    e: &crate::expr::Expr,
    instance: Option<(RosterId, usize)>,
) -> Option<f64> {
    let top = Ctx::top(q, response, state);
    let ctx = match instance {
        Some((roster, index)) => top.within(roster, index),
        None => top,
    };
    match e.root.eval(&ctx) {
        crate::expr::Val::Num(n) if n.is_finite() => Some(n),
        _ => None,
    }
}

/// The value of `e` outside any roster as a yes/no, `None` while undecided.
pub fn truth(
    q: &Questionnaire,
    response: &Response,
    state: &Evaluation,
    e: &crate::expr::Expr,
) -> Option<bool> {
    e.root.eval(&Ctx::top(q, response, state)).truth()
}

impl Evaluation {
    /// The answer of `item` as the rules see it: `None` when hidden or blank.
    pub fn visible_answer<'r>(
        &self,
        q: &Questionnaire,
        response: &'r Response,
        item: ItemId,
        instance: Option<usize>,
    ) -> Option<&'r Value> {
        if !self.is_visible(item, instance, q) {
            return None;
        }
        let code = &q.items[item].code;
        let value = match (q.items[item].roster, instance) {
            (None, _) => response.answers.get(code),
            (Some(r), Some(i)) => self.instance_answers(q, response, r, i)?.get(code),
            (Some(_), None) => None,
        }?;
        (!value.is_blank()).then_some(value)
    }
}
