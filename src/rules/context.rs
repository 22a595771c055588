//! What expressions read while the engine runs: a response's answers found by item once, and
//! the environment that hides what is not shown.

use super::Evaluation;
use crate::expr::{Env, ItemId, RosterId};
use crate::questionnaire::Questionnaire;
use crate::response::{Instance, Response, Value};
use std::collections::BTreeMap;

/// The answers of the roster items that rules read across their roster (sums and counts
/// outside it, the share of instances to fill), by item for every stored instance, kept between
/// changes so that evaluating one instance again does not look thousands of instances' answers
/// up by code: only the changed instance's are taken again ([`Columns::update`]).
#[derive(Debug, Clone, Default)]
pub struct Columns {
    /// By item: its column in its roster.
    column: Vec<Option<usize>>,
    /// By roster: the items of its columns.
    items: Vec<Vec<ItemId>>,
    /// By roster, stored instance, column.
    values: Vec<Vec<Vec<Option<Value>>>>,
}

impl Columns {
    /// `across` lists, per roster, the items read across it.
    pub fn new(q: &Questionnaire, response: &Response, across: &[Vec<ItemId>]) -> Columns {
        let mut column = vec![None; q.items.len()];
        for items in across {
            for (c, &item) in items.iter().enumerate() {
                column[item] = Some(c);
            }
        }
        let mut columns = Columns {
            column,
            items: across.to_vec(),
            values: vec![Vec::new(); q.rosters.len()],
        };
        for r in 0..q.rosters.len() {
            let count = response.instances(&q.rosters[r].id).len();
            columns.values[r] = (0..count)
                .map(|s| columns.taken(q, response, r, s))
                .collect();
        }
        columns
    }

    /// Take the answers of the `stored`-th instance of `roster` again, after they changed.
    pub fn update(
        &mut self,
        q: &Questionnaire,
        response: &Response,
        roster: RosterId,
        stored: usize,
    ) {
        let count = response.instances(&q.rosters[roster].id).len();
        self.values[roster].resize(count, Vec::new());
        if stored < count {
            self.values[roster][stored] = self.taken(q, response, roster, stored);
        }
    }

    fn taken(
        &self,
        q: &Questionnaire,
        response: &Response,
        r: RosterId,
        stored: usize,
    ) -> Vec<Option<Value>> {
        let answers = &response.instances(&q.rosters[r].id)[stored].answers;
        self.items[r]
            .iter()
            .map(|&item| answers.get(&q.items[item].code).cloned())
            .collect()
    }

    /// The answer of `item` in the `stored`-th instance of its roster; `None` if the item is
    /// not a column.
    fn get(&self, roster: RosterId, stored: usize, item: ItemId) -> Option<Option<&Value>> {
        let column = self.column.get(item).copied().flatten()?;
        Some(self.values.get(roster)?.get(stored)?.get(column)?.as_ref())
    }
}

/// A response's stored answers by item, looked up by code once. The rules read an answer many
/// times over (every condition and check that names it, in every instance), and searching
/// the response's maps by code each time was most of what evaluating and counting cost.
pub struct Answers<'r> {
    pub(crate) response: &'r Response,
    top: Vec<Option<&'r Value>>,
    /// Per roster, per stored instance (in the response's order), by the item's slot.
    rosters: Vec<Vec<Vec<Option<&'r Value>>>>,
    /// Per roster, the stored instances, for answers not found by item ([`Answers::only`]).
    stored: Vec<&'r [Instance]>,
    columns: Option<&'r Columns>,
}

impl<'r> Answers<'r> {
    pub fn new(q: &Questionnaire, response: &'r Response) -> Self {
        let rosters = (0..q.rosters.len())
            .map(|r| {
                let scope = q.scope(Some(r));
                response
                    .instances(&q.rosters[r].id)
                    .iter()
                    .map(|instance| slots(scope, &instance.answers))
                    .collect()
            })
            .collect();
        Answers {
            response,
            top: top_slots(q, response),
            rosters,
            stored: stored_instances(q, response),
            columns: None,
        }
    }

    /// The stored answer of an item outside rosters, shown or not.
    pub fn top(&self, item: ItemId) -> Option<&'r Value> {
        self.top[item]
    }

    /// The answers of a response as one context reads them, at the cost of that context: the
    /// ones outside rosters and, if given, those of the `stored`-th instance of a roster are
    /// found by item; every other instance's is looked up when read (by the rules that sum
    /// over a roster). For evaluating a change in one instance again, or showing one.
    pub fn only(
        q: &Questionnaire,
        response: &'r Response,
        instance: Option<(RosterId, usize)>,
        columns: Option<&'r Columns>,
    ) -> Self {
        let top = top_slots(q, response);
        let mut rosters: Vec<Vec<Vec<Option<&'r Value>>>> = vec![Vec::new(); q.rosters.len()];
        let Some((roster, stored)) = instance else {
            return Answers {
                response,
                top,
                rosters,
                stored: stored_instances(q, response),
                columns,
            };
        };
        let instances = response.instances(&q.rosters[roster].id);
        if let Some(instance) = instances.get(stored) {
            rosters[roster] = vec![Vec::new(); instances.len()];
            rosters[roster][stored] = slots(q.scope(Some(roster)), &instance.answers);
        }
        Answers {
            response,
            top,
            rosters,
            stored: stored_instances(q, response),
            columns,
        }
    }

    /// The stored answer of a roster item in the response's `stored`-th instance.
    pub(crate) fn stored(
        &self,
        q: &Questionnaire,
        roster: RosterId,
        stored: usize,
        item: ItemId,
    ) -> Option<&'r Value> {
        match self.rosters[roster].get(stored) {
            Some(slots) if !slots.is_empty() => slots[q.slot(item)],
            // Not found by item ([`Answers::only`]): kept by item, else looked up by code.
            _ => match self.columns.and_then(|c| c.get(roster, stored, item)) {
                Some(kept) => kept,
                None => self.stored[roster]
                    .get(stored)?
                    .answers
                    .get(&q.items[item].code),
            },
        }
    }
}

/// The answers outside rosters, by item.
fn top_slots<'r>(q: &Questionnaire, response: &'r Response) -> Vec<Option<&'r Value>> {
    let mut top = vec![None; q.items.len()];
    for_each_known(q.scope(None), &response.answers, |_, item, value| {
        top[item] = Some(value);
    });
    top
}

/// One instance's answers, by the slot of their item in its roster's `scope`.
fn slots<'r>(
    scope: &[(String, ItemId)],
    answers: &'r BTreeMap<String, Value>,
) -> Vec<Option<&'r Value>> {
    let mut slots = vec![None; scope.len()];
    for_each_known(scope, answers, |slot, _, value| {
        slots[slot] = Some(value);
    });
    slots
}

fn stored_instances<'r>(q: &Questionnaire, response: &'r Response) -> Vec<&'r [Instance]> {
    q.rosters
        .iter()
        .map(|r| response.instances(&r.id))
        .collect()
}

/// Each answer whose code is an item of `scope`, with the item's slot and id: both are sorted
/// by code, so one walk through the two finds them all (answers of unknown codes are skipped).
fn for_each_known<'r>(
    scope: &[(String, ItemId)],
    answers: &'r BTreeMap<String, Value>,
    mut found: impl FnMut(usize, ItemId, &'r Value),
) {
    let mut slot = 0;
    for (code, value) in answers {
        while scope.get(slot).is_some_and(|(c, _)| c < code) {
            slot += 1;
        }
        match scope.get(slot) {
            Some((c, item)) if c == code => found(slot, *item, value),
            Some(_) => {}
            None => break,
        }
    }
}

/// The environment expressions see while the engine runs.
#[derive(Clone, Copy)]
pub(super) struct Ctx<'a> {
    q: &'a Questionnaire,
    answers: &'a Answers<'a>,
    state: &'a Evaluation,
    /// The roster instance in whose context roster items are read.
    instance: Option<(RosterId, usize)>,
}

impl<'a> Ctx<'a> {
    pub(super) fn top(
        q: &'a Questionnaire,
        answers: &'a Answers<'a>,
        state: &'a Evaluation,
    ) -> Self {
        Ctx {
            q,
            answers,
            state,
            instance: None,
        }
    }

    pub(super) fn within(self, roster: RosterId, index: usize) -> Self {
        Ctx {
            instance: Some((roster, index)),
            ..self
        }
    }
}

impl Env for Ctx<'_> {
    fn answer(&self, item: ItemId) -> Option<&Value> {
        // A roster item is read only within an instance of its own roster.
        let instance = match self.q.items[item].roster {
            None => None,
            Some(r) => Some(self.instance.filter(|(ir, _)| *ir == r)?.1),
        };
        if !self.state.is_visible(item, instance, self.q) {
            return None;
        }
        self.state
            .stored_answer(self.q, self.answers, item, instance)
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
