//! Evaluating a response again after its answers changed in one roster instance (a digit typed
//! in one service), at the cost of that instance and of the rules read across the roster, not
//! of every instance: an institution may list thousands of services.
//!
//! What one instance's answers can change: that instance's visibility and findings, the
//! instances a section must have filled (the share ranked by an answer), the checks outside
//! rosters, which may sum over the roster, and whether a question elsewhere that sums over it
//! is shown (worked out again; if that changes, the whole response is evaluated). A check in
//! another roster that reads it, or a rule in the roster itself that reads across it, makes it
//! not [`Locality`]-local: the whole response is evaluated.

use super::context::{Answers, Columns, Ctx};
use super::{
    Decided, Evaluation, Finding, FindingKind, check_findings_in, item_findings_in,
    select_instances, shown, sort_findings,
};
use crate::expr::{Compiled, Expr, ItemId, RosterId};
use crate::questionnaire::{MessagePart, Questionnaire};
use crate::response::Response;

/// Items whose visibility is worked out again, by the roster they are in (`None`: outside).
type Rechecked = Vec<(Option<RosterId>, Vec<ItemId>)>;

/// For each roster of a questionnaire, whether a change in one of its instances' answers can
/// be evaluated again for that instance alone ([`reevaluate`]), and which questions outside
/// rosters are shown depending on its answers.
#[derive(Debug, Clone)]
pub struct Locality {
    /// Per roster, if local: the items elsewhere whose visibility reads it, by the roster they
    /// are in (`None`: outside rosters).
    rechecked: Vec<Option<Rechecked>>,
    /// Per roster, its items read from outside an instance: kept by item in [`Columns`].
    across: Vec<Vec<ItemId>>,
}

impl Locality {
    pub fn of(q: &Questionnaire) -> Locality {
        Locality {
            rechecked: (0..q.rosters.len()).map(|r| local(q, r)).collect(),
            across: (0..q.rosters.len()).map(|r| across(q, r)).collect(),
        }
    }

    pub fn is_local(&self, roster: RosterId) -> bool {
        self.rechecked.get(roster).is_some_and(Option::is_some)
    }

    /// The answers the rules read across each roster, of `response`.
    pub fn columns(&self, q: &Questionnaire, response: &Response) -> Columns {
        Columns::new(q, response, &self.across)
    }
}

/// Every expression of `q` with the roster it is evaluated in (`None`: outside rosters) and
/// whether it is a check's (else a condition's).
fn expressions(q: &Questionnaire) -> impl Iterator<Item = (Option<RosterId>, &Expr, bool)> {
    let sections = q
        .sections
        .iter()
        .filter_map(|s| Some((s.roster, s.show_if.as_ref()?, false)));
    let questions = q.questions.iter().filter_map(|question| {
        Some((
            q.sections[question.section].roster,
            question.show_if.as_ref()?,
            false,
        ))
    });
    let items = q
        .items
        .iter()
        .filter_map(|item| Some((item.roster, item.show_if.as_ref()?, false)));
    let checks = q.checks.iter().flat_map(|check| {
        let roster = q.sections[check.section].roster;
        let values = check.message.iter().filter_map(|part| match part {
            MessagePart::Value(e) => Some(e),
            MessagePart::Text(_) => None,
        });
        std::iter::once(&check.assert)
            .chain(values)
            .map(move |e| (roster, e, true))
    });
    sections.chain(questions).chain(items).chain(checks)
}

/// The items of roster `r` that an expression reads from outside its instances, and those
/// that rank its instances for filling.
fn across(q: &Questionnaire, r: RosterId) -> Vec<ItemId> {
    let mut items: Vec<ItemId> = expressions(q)
        .filter(|(roster, _, _)| *roster != Some(r))
        .flat_map(|(_, e, _)| e.deps.iter().copied())
        .filter(|&d| q.items[d].roster == Some(r))
        .chain(
            q.sections
                .iter()
                .filter(|s| s.roster == Some(r))
                .filter_map(|s| Some(s.required_instances.as_ref()?.top_by)),
        )
        .collect();
    items.sort_unstable();
    items.dedup();
    items
}

/// The items outside `r` whose visibility reads `r`'s answers, by the roster they are in, if
/// nothing else outside `r`'s instance reads them but the checks outside rosters and the
/// selection of instances to fill.
fn local(q: &Questionnaire, r: RosterId) -> Option<Rechecked> {
    let reads =
        |e: Option<&Expr>| e.is_some_and(|e| e.deps.iter().any(|&d| q.items[d].roster == Some(r)));
    // Read across `r` from within one of its instances.
    let folds = |e: &Expr| {
        let mut found = false;
        e.root.walk(&mut |node| {
            found |= matches!(node, Compiled::Sum(f, _) | Compiled::Any(f, _) if *f == r);
        });
        found
    };
    let local = expressions(q).all(|(roster, e, check)| match roster {
        Some(own) if own == r => !folds(e),
        // Every instance of the other roster would have to be checked again.
        Some(_) if check => !reads(Some(e)),
        // Conditions elsewhere are worked out again (`rechecked`), checks outside rosters
        // every time.
        _ => true,
    });
    let read = |item: &ItemId| {
        let def = &q.items[*item];
        reads(q.sections[def.section].show_if.as_ref())
            || reads(q.questions[def.question].show_if.as_ref())
            || reads(def.show_if.as_ref())
    };
    let rechecked = std::iter::once(None)
        .chain((0..q.rosters.len()).filter(|&o| o != r).map(Some))
        .map(|roster| {
            let items: Vec<ItemId> = (0..q.items.len())
                .filter(|i| q.items[*i].roster == roster && read(i))
                .collect();
            (roster, items)
        })
        .filter(|(_, items)| !items.is_empty())
        .collect();
    local.then_some(rechecked)
}

/// Evaluate `eval` again after the answers of instance `instance` (by position in
/// [`Evaluation::instances`]) of roster `roster` changed in `response`, and nothing else did.
/// Returns `false`, leaving `eval` to be evaluated whole, where that cannot be done for the
/// instance alone: the roster is not local, the instance has no stored answers yet, the
/// instances themselves changed, or the change moved which other instances must be filled.
pub fn reevaluate(
    q: &Questionnaire,
    response: &Response,
    eval: &mut Evaluation,
    locality: &Locality,
    columns: &Columns,
    roster: RosterId,
    instance: usize,
) -> bool {
    let Some(Some(rechecked)) = locality.rechecked.get(roster) else {
        return false;
    };
    let Some(state) = eval.rosters[roster].get(instance) else {
        return false;
    };
    let Some(stored) = state.stored else {
        return false;
    };
    let instances = response.instances(&q.rosters[roster].id);
    // Two addresses written alike are two instances of one stored instance: both change.
    let derived = q.rosters[roster].from.is_some();
    let alone = || {
        eval.rosters[roster]
            .iter()
            .filter(|s| s.stored == Some(stored))
            .count()
            == 1
    };
    let same_instances = instances.get(stored).is_some_and(|i| i.key == state.key)
        && if derived {
            alone()
        } else {
            instances.len() == eval.rosters[roster].len()
        };
    if !same_instances {
        return false;
    }
    let answers = Answers::only(q, response, Some((roster, stored)), Some(columns));

    let mut decided = Decided::new(q);
    for &item in q
        .order
        .iter()
        .filter(|&&i| q.items[i].roster == Some(roster))
    {
        let ctx = Ctx::top(q, &answers, eval).within(roster, instance);
        let shown = shown(q, item, &ctx, &mut decided);
        eval.rosters[roster][instance].visible[q.slot(item)] = shown;
    }
    // The questions elsewhere shown by what the roster holds: if one of them comes or goes,
    // so may everything that reads it. One context at a time, each section's and question's
    // condition worked out once in it.
    let top = Ctx::top(q, &answers, eval);
    for (other, items) in rechecked {
        let contexts = match other {
            None => vec![None],
            Some(o) => (0..eval.rosters[*o].len()).map(|j| Some((*o, j))).collect(),
        };
        for context in contexts {
            let ctx = context.map_or(top, |(o, j)| top.within(o, j));
            let mut decided = Decided::new(q);
            let unchanged = items.iter().all(|&item| {
                shown(q, item, &ctx, &mut decided) == eval.is_visible(item, context.map(|c| c.1), q)
            });
            if !unchanged {
                return false;
            }
        }
    }

    for (s, section) in q.sections.iter().enumerate() {
        let (Some(selection), Some(r)) = (&section.required_instances, section.roster) else {
            continue;
        };
        if r != roster {
            continue;
        }
        let flags = select_instances(q, &answers, eval, r, selection);
        let others_moved = eval.required_instances[s].as_ref().is_none_or(|before| {
            before.len() != flags.len()
                || (0..flags.len()).any(|j| j != instance && before[j] != flags[j])
        });
        if others_moved {
            return false;
        }
        eval.required_instances[s] = Some(flags);
    }

    let in_instance = |f: &Finding| {
        f.location.instance == Some(instance)
            && q.sections[f.location.section].roster == Some(roster)
    };
    let outside_rosters_check =
        |f: &Finding| f.location.instance.is_none() && matches!(f.kind, FindingKind::Check { .. });
    let mut findings = std::mem::take(&mut eval.findings);
    findings.retain(|f| !in_instance(f) && !outside_rosters_check(f));
    let top = Ctx::top(q, &answers, eval);
    for item in (0..q.items.len()).filter(|&i| q.items[i].roster == Some(roster)) {
        item_findings_in(q, &top, eval, item, Some(instance), &mut findings);
    }
    for check in &q.checks {
        match q.sections[check.section].roster {
            None => check_findings_in(q, &top, eval, check, None, &mut findings),
            Some(r) if r == roster => {
                check_findings_in(q, &top, eval, check, Some(instance), &mut findings)
            }
            Some(_) => {}
        }
    }
    sort_findings(&mut findings);
    eval.findings = findings;
    true
}
