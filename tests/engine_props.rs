//! Properties of the rule engine over arbitrary responses to the real e-index questionnaire.

mod common;

use anketa::questionnaire::Questionnaire;
use anketa::response::{Response, Value};
use anketa::rules::{Evaluation, Locality, evaluate, reevaluate};
use common::answers::{candidates, responses};
use common::fixtures::eindex;
use proptest::prelude::*;

/// A copy of `r` where every answer the evaluation hides is replaced by something else.
fn scramble_hidden(q: &Questionnaire, r: &Response, salt: u8) -> Response {
    let e = evaluate(q, r);
    let mut out = r.clone();
    for (item, def) in q.items.iter().enumerate() {
        let other = |current: Option<&Value>| {
            let c = candidates(&def.answer);
            let start = salt as usize % c.len();
            (0..c.len())
                .map(|k| c[(start + k) % c.len()].clone())
                .find(|v| v.as_ref() != current)
                .flatten()
        };
        match def.roster {
            None if !e.is_visible(item, None, q) => match other(r.answers.get(&def.code)) {
                Some(v) => out.set(&def.code, v),
                None => {
                    out.answers.remove(&def.code);
                }
            },
            None => {}
            Some(roster) => {
                let roster_id = &q.rosters[roster].id;
                for (i, inst) in e.instances(roster).iter().enumerate() {
                    if e.is_visible(item, Some(i), q) {
                        continue;
                    }
                    let stored = out.instance_mut(roster_id, &inst.key);
                    match other(stored.answers.get(&def.code)) {
                        Some(v) => stored.answers.insert(def.code.clone(), v),
                        None => stored.answers.remove(&def.code),
                    };
                }
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_finding_points_at_a_visible_question(r in responses()) {
        let q = eindex();
        let e = evaluate(q, &r);
        for f in &e.findings {
            prop_assert!(
                e.is_visible(f.location.item, f.location.instance, q),
                "finding on hidden {} ({:?}): {}",
                q.items[f.location.item].code, f.location.instance, anketa::i18n::finding_message(anketa::i18n::Lang::Lv, f)
            );
        }
    }

    #[test]
    fn answers_of_hidden_questions_change_nothing(r in responses(), salt in any::<u8>()) {
        let q = eindex();
        let before = evaluate(q, &r);
        let scrambled = scramble_hidden(q, &r, salt);
        let after = evaluate(q, &scrambled);
        prop_assert_eq!(&before.findings, &after.findings);
        for item in 0..q.items.len() {
            if q.items[item].roster.is_none() {
                prop_assert_eq!(before.is_visible(item, None, q), after.is_visible(item, None, q));
            }
        }
    }

    /// A change in one roster instance, evaluated again for that instance alone, comes out as
    /// evaluating the whole response does: visibility, the instances to fill, every finding.
    #[test]
    fn one_instance_evaluated_again_is_the_whole_evaluated(
        r in responses(),
        pick in any::<(u16, u16, u8)>(),
    ) {
        let q = eindex();
        let mut e = evaluate(q, &r);
        let rosters: Vec<usize> = (0..q.rosters.len()).filter(|&x| !e.instances(x).is_empty()).collect();
        prop_assume!(!rosters.is_empty());
        let roster = rosters[pick.0 as usize % rosters.len()];
        let instance = pick.1 as usize % e.instances(roster).len();
        let items: Vec<usize> = (0..q.items.len()).filter(|&i| q.items[i].roster == Some(roster)).collect();
        let item = items[pick.2 as usize % items.len()];
        let def = &q.items[item];
        let key = e.instances(roster)[instance].key.clone();
        let mut changed = r.clone();
        let answers = &mut changed.instance_mut(&q.rosters[roster].id, &key).answers;
        let c = candidates(&def.answer);
        match c[pick.2 as usize % c.len()].clone() {
            Some(v) => answers.insert(def.code.clone(), v),
            None => answers.remove(&def.code),
        };
        let whole = evaluate(q, &changed);
        let locality = Locality::of(q);
        // Kept from before the change, then the changed instance's taken again, as the
        // interface keeps them.
        let mut columns = locality.columns(q, &r);
        if let Some(stored) = e.stored_index(roster, instance) {
            columns.update(q, &changed, roster, stored);
        }
        if reevaluate(q, &changed, &mut e, &locality, &columns, roster, instance) {
            same(q, &e, &whole)?;
        }
    }
}

fn same(q: &Questionnaire, a: &Evaluation, b: &Evaluation) -> Result<(), TestCaseError> {
    prop_assert_eq!(&a.findings, &b.findings);
    for item in 0..q.items.len() {
        match q.items[item].roster {
            None => prop_assert_eq!(a.is_visible(item, None, q), b.is_visible(item, None, q)),
            Some(r) => {
                prop_assert_eq!(a.instances(r).len(), b.instances(r).len());
                for i in 0..a.instances(r).len() {
                    prop_assert_eq!(
                        a.is_visible(item, Some(i), q),
                        b.is_visible(item, Some(i), q)
                    );
                }
            }
        }
    }
    for (s, section) in q.sections.iter().enumerate() {
        if let Some(r) = section.roster {
            for i in 0..a.instances(r).len() {
                prop_assert_eq!(a.instance_required(s, i), b.instance_required(s, i));
            }
        }
    }
    Ok(())
}

/// Both questionnaires let a change in a service (an e-index service, an ICT system) be
/// evaluated for that instance alone: their rules within rosters read their own instance.
#[test]
fn rosters_of_the_built_in_questionnaires_are_local() {
    let q = eindex();
    let services = q.roster("services").unwrap();
    assert!(Locality::of(q).is_local(services));
    let (id, text) = anketa::questionnaire::IKT_2024;
    let q = anketa::questionnaire::load(id, text.as_bytes()).unwrap();
    let locality = Locality::of(&q);
    for (r, roster) in q.rosters.iter().enumerate() {
        assert!(locality.is_local(r), "{id}: {}", roster.id);
    }
}

/// With more services than the 20 % rule's minimum, a service's applications decide which
/// services must be filled: a change that moves another service in or out of that share is
/// evaluated whole, one that moves nothing for that service alone, and both come out as the
/// whole evaluation does.
#[test]
fn the_share_of_services_to_fill_moves_only_through_the_whole_evaluation() {
    let q = eindex();
    let services = q.roster("services").unwrap();
    let section = (0..q.sections.len())
        .find(|&s| q.sections[s].required_instances.is_some())
        .unwrap();
    let r = anketa::sample::full_response(q, 30);
    let locality = Locality::of(q);
    let e = evaluate(q, &r);
    let required: Vec<bool> = (0..30).map(|i| e.instance_required(section, i)).collect();
    assert_eq!(
        required.iter().filter(|&&x| x).count(),
        20,
        "max(20, 20 % of 30)"
    );
    let outside = required.iter().position(|&x| !x).unwrap();
    let inside = required.iter().position(|&x| x).unwrap();
    for (instance, applications, moves) in [
        (outside, 1e9, true),
        (inside, 1e9, false),
        (outside, 0.0, false),
    ] {
        let mut changed = r.clone();
        let key = e.instances(services)[instance].key.clone();
        changed
            .instance_mut("services", &key)
            .answers
            .insert("P52".into(), Value::Number(applications));
        let mut again = e.clone();
        let mut columns = locality.columns(q, &r);
        columns.update(
            q,
            &changed,
            services,
            e.stored_index(services, instance).unwrap(),
        );
        let fast = reevaluate(
            q, &changed, &mut again, &locality, &columns, services, instance,
        );
        assert_eq!(fast, !moves, "service {instance}, P52 = {applications}");
        let whole = evaluate(q, &changed);
        if fast {
            same(q, &again, &whole).unwrap();
        } else {
            let now: Vec<bool> = (0..30)
                .map(|i| whole.instance_required(section, i))
                .collect();
            assert_ne!(now, required, "another service left the share");
        }
    }
}
