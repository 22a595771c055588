//! Properties of the rule engine over arbitrary responses to the real e-index questionnaire.

mod common;

use anketa::questionnaire::Questionnaire;
use anketa::response::{Response, Value};
use anketa::rules::evaluate;
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
}
