//! What expressions read while the engine runs: a response's answers found by item once, and
//! the environment that hides what is not shown.

use super::Evaluation;
use crate::expr::{Env, ItemId, RosterId};
use crate::questionnaire::Questionnaire;
use crate::response::{Response, Value};
use std::collections::BTreeMap;

/// A response's stored answers by item, looked up by code once. The rules read an answer many
/// times over (every condition and check that names it, in every instance), and searching
/// the response's maps by code each time was most of what evaluating and counting cost.
pub struct Answers<'r> {
    pub(crate) response: &'r Response,
    top: Vec<Option<&'r Value>>,
    /// Per roster, per stored instance (in the response's order), by the item's slot.
    rosters: Vec<Vec<Vec<Option<&'r Value>>>>,
}

impl<'r> Answers<'r> {
    pub fn new(q: &Questionnaire, response: &'r Response) -> Self {
        let mut top = vec![None; q.items.len()];
        for_each_known(q.scope(None), &response.answers, |_, item, value| {
            top[item] = Some(value);
        });
        let rosters = (0..q.rosters.len())
            .map(|r| {
                let scope = q.scope(Some(r));
                response
                    .instances(&q.rosters[r].id)
                    .iter()
                    .map(|instance| {
                        let mut slots = vec![None; scope.len()];
                        for_each_known(scope, &instance.answers, |slot, _, value| {
                            slots[slot] = Some(value);
                        });
                        slots
                    })
                    .collect()
            })
            .collect();
        Answers {
            response,
            top,
            rosters,
        }
    }

    /// The stored answer of an item outside rosters, shown or not.
    pub fn top(&self, item: ItemId) -> Option<&'r Value> {
        self.top[item]
    }

    /// The stored answer of a roster item in the response's `stored`-th instance.
    pub(crate) fn stored(
        &self,
        q: &Questionnaire,
        roster: RosterId,
        stored: usize,
        item: ItemId,
    ) -> Option<&'r Value> {
        *self.rosters[roster].get(stored)?.get(q.slot(item))?
    }
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
