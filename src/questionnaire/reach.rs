//! Dependency order of visibility conditions (with cycle detection) and the reachability lint.

use super::{AnswerType, Questionnaire};
use crate::expr::{Compiled, Env, Expr, ItemId, RosterId};
use crate::response::Value;
use std::collections::{BTreeSet, HashMap};

/// Every visibility condition that applies to an item: its section's, its question's, its own.
pub(crate) fn conditions(q: &Questionnaire, item: ItemId) -> impl Iterator<Item = &Expr> {
    let i = &q.items[item];
    [
        q.sections[i.section].show_if.as_ref(),
        q.questions[i.question].show_if.as_ref(),
        i.show_if.as_ref(),
    ]
    .into_iter()
    .flatten()
}

/// Items an item's visibility depends on: what its conditions read, and the question a
/// derived roster's instances come from.
fn dependencies(q: &Questionnaire, item: ItemId) -> BTreeSet<ItemId> {
    let mut deps = BTreeSet::new();
    let roster_source = |r: RosterId| q.rosters[r].from;
    for e in conditions(q, item) {
        deps.extend(e.deps.iter().copied());
        deps.extend(e.roster_deps.iter().filter_map(|&r| roster_source(r)));
    }
    if let Some(from) = q.items[item].roster.and_then(roster_source) {
        deps.insert(from);
    }
    deps
}

/// Items in an order where each comes after everything its visibility reads; file order where
/// there is a choice. On a cycle, the items that form it.
pub(crate) fn evaluation_order(q: &Questionnaire) -> Result<Vec<ItemId>, Vec<ItemId>> {
    let n = q.items.len();
    let deps: Vec<BTreeSet<ItemId>> = (0..n).map(|i| dependencies(q, i)).collect();
    let mut dependents = vec![Vec::new(); n];
    let mut waiting: Vec<usize> = deps.iter().map(BTreeSet::len).collect();
    for (item, ds) in deps.iter().enumerate() {
        for &d in ds {
            dependents[d].push(item);
        }
    }
    let mut ready: BTreeSet<ItemId> = (0..n).filter(|&i| waiting[i] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(item) = ready.pop_first() {
        order.push(item);
        for &d in &dependents[item] {
            waiting[d] -= 1;
            if waiting[d] == 0 {
                ready.insert(d);
            }
        }
    }
    if order.len() == n {
        return Ok(order);
    }
    // Walk dependencies among the unplaced items until one repeats: that loop is a cycle.
    let unplaced = |i: &ItemId| waiting[*i] > 0;
    let mut path = vec![(0..n).find(unplaced).expect("some item is unplaced")];
    loop {
        let last = *path.last().expect("path is never empty");
        let next = *deps[last]
            .iter()
            .find(|d| unplaced(d))
            .expect("an unplaced item waits on an unplaced item");
        if let Some(start) = path.iter().position(|&p| p == next) {
            let mut cycle = path.split_off(start);
            cycle.reverse();
            return Err(cycle);
        }
        path.push(next);
    }
}

/// Above this many answer combinations an item is assumed reachable rather than enumerated.
const MAX_COMBINATIONS: usize = 20_000;

/// Items that no combination of answers can show. Each condition's inputs are tried with
/// every option, blank, "not available", and numbers around the literals it compares with.
/// Inputs are varied independently, so a reported item is truly unreachable.
pub(crate) fn unreachable(q: &Questionnaire) -> Vec<ItemId> {
    let mut reachable = vec![true; q.items.len()];
    for &item in &q.order {
        let conds: Vec<&Expr> = conditions(q, item).collect();
        if let Some(from) = q.items[item].roster.and_then(|r| q.rosters[r].from)
            && !reachable[from]
        {
            reachable[item] = false;
            continue;
        }
        if conds.is_empty() {
            continue;
        }
        let mut literals = vec![0.0, 1.0];
        for c in &conds {
            c.root.walk(&mut |node| {
                if let Compiled::Num(n) = node {
                    literals.extend([n - 1.0, *n, n + 1.0]);
                }
            });
        }
        let inputs: Vec<ItemId> = conds
            .iter()
            .flat_map(|c| c.deps.iter().copied())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let candidates: Vec<Vec<Option<Value>>> = inputs
            .iter()
            .map(|&d| {
                if reachable[d] {
                    candidate_values(&q.items[d].answer, &literals)
                } else {
                    vec![None]
                }
            })
            .collect();
        let combinations = candidates
            .iter()
            .try_fold(1usize, |acc, c| acc.checked_mul(c.len()))
            .unwrap_or(usize::MAX);
        if combinations > MAX_COMBINATIONS {
            continue;
        }
        let mut env = Assignment {
            values: HashMap::new(),
        };
        reachable[item] = any_combination(&inputs, &candidates, &mut env, &mut |env| {
            conds.iter().all(|c| c.root.eval(env).truth() == Some(true))
        });
    }
    (0..q.items.len()).filter(|&i| !reachable[i]).collect()
}

fn any_combination(
    inputs: &[ItemId],
    candidates: &[Vec<Option<Value>>],
    env: &mut Assignment,
    test: &mut dyn FnMut(&Assignment) -> bool,
) -> bool {
    let Some((&first, rest)) = inputs.split_first() else {
        return test(env);
    };
    candidates[0].iter().any(|value| {
        env.values.insert(first, value.clone());
        any_combination(rest, &candidates[1..], env, test)
    })
}

fn candidate_values(answer: &AnswerType, literals: &[f64]) -> Vec<Option<Value>> {
    let mut out = vec![None];
    match answer {
        AnswerType::Single(choices) => {
            out.extend(choices.iter().map(|c| Some(Value::Choice(c.code))));
        }
        AnswerType::Multi(choices) => {
            out.extend(choices.iter().map(|c| Some(Value::Choices(vec![c.code]))));
            let mut together: Vec<i64> = choices
                .iter()
                .filter(|c| !c.exclusive)
                .map(|c| c.code)
                .collect();
            together.sort_unstable();
            out.push(Some(Value::Choices(together)));
        }
        AnswerType::Integer(_) | AnswerType::Number(_) => {
            out.push(Some(Value::NotAvailable));
            out.push(Some(Value::NotApplicable));
            out.extend(literals.iter().map(|&n| Some(Value::Number(n))));
        }
        AnswerType::Text { .. } => out.push(Some(Value::Text("x".to_owned()))),
        AnswerType::Urls { .. } => {
            out.push(Some(Value::Urls(vec!["https://example.lv".to_owned()])))
        }
    }
    out
}

/// One trial assignment of answers; rosters have a single instance holding the same answers.
struct Assignment {
    values: HashMap<ItemId, Option<Value>>,
}

impl Env for Assignment {
    fn answer(&self, item: ItemId) -> Option<&Value> {
        self.values.get(&item).and_then(Option::as_ref)
    }

    fn roster_len(&self, _roster: RosterId) -> usize {
        1
    }

    fn each_instance(&self, _roster: RosterId, f: &mut dyn FnMut(&dyn Env) -> bool) {
        f(self);
    }
}
