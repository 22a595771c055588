//! Properties of the rule engine over arbitrary responses to the real e-index questionnaire.

use anketa::questionnaire::{self, AnswerType, Questionnaire};
use anketa::response::{Response, Value};
use anketa::rules::evaluate;
use proptest::prelude::*;
use std::sync::OnceLock;

fn eindex() -> &'static Questionnaire {
    static Q: OnceLock<Questionnaire> = OnceLock::new();
    Q.get_or_init(|| {
        let (name, text) = questionnaire::EINDEX_2019;
        questionnaire::load(name, text.as_bytes()).expect("built-in questionnaire loads")
    })
}

/// Answers worth trying for an item, valid and invalid alike; index 0 means "no answer".
fn candidates(answer: &AnswerType) -> Vec<Option<Value>> {
    let mut out = vec![None];
    match answer {
        AnswerType::Single(choices) => {
            out.extend(choices.iter().map(|c| Some(Value::Choice(c.code))));
            out.push(Some(Value::Choice(12345)));
        }
        AnswerType::Multi(choices) => {
            out.extend(choices.iter().map(|c| Some(Value::Choices(vec![c.code]))));
            let all: Vec<i64> = choices.iter().map(|c| c.code).collect();
            out.push(Some(Value::Choices(all)));
            out.push(Some(Value::Choices(Vec::new())));
        }
        AnswerType::Integer(_) | AnswerType::Number(_) => {
            out.extend(
                [0.0, 1.0, 5.0, 50.0, 1e9, -1.0, 2.5]
                    .map(|n| Some(Value::Number(n)))
                    .into_iter()
                    .chain([Some(Value::NotAvailable)]),
            );
        }
        AnswerType::Text { .. } => {
            out.push(Some(Value::Text("ā č ē ģ ī ķ ļ ņ š ū ž".into())));
            out.push(Some(Value::Text(String::new())));
        }
        AnswerType::Urls { .. } => {
            out.push(Some(Value::Urls(vec!["https://www.vid.gov.lv".into()])));
            out.push(Some(Value::Urls(vec![
                "https://a.lv".into(),
                "nav adrese".into(),
            ])));
        }
    }
    out
}

/// Builds a response from entropy: one byte per item outside rosters, one per item per
/// service, for `services` services.
fn build(q: &Questionnaire, top: &[u8], per_service: &[u8], services: usize) -> Response {
    let mut r = Response::default();
    let pick = |item: usize, byte: u8| {
        let c = candidates(&q.items[item].answer);
        c[byte as usize % c.len()].clone()
    };
    for (item, def) in q.items.iter().enumerate() {
        if def.roster.is_none()
            && let Some(v) = pick(item, top[item])
        {
            r.set(&def.code, v);
        }
    }
    for s in 0..services {
        let key = format!("s{s}");
        for (item, def) in q.items.iter().enumerate() {
            let byte = per_service[(s * q.items.len() + item) % per_service.len()];
            if def.roster.is_some()
                && let Some(v) = pick(item, byte)
            {
                r.instance_mut("services", &key)
                    .answers
                    .insert(def.code.clone(), v.clone());
                // Derived rosters look answers up by their own keys.
                for (roster, k) in [
                    ("websites", "https://www.vid.gov.lv"),
                    ("social_networks", "1"),
                ] {
                    r.instance_mut(roster, k)
                        .answers
                        .insert(def.code.clone(), v.clone());
                }
            }
        }
    }
    r
}

fn response_strategy() -> impl Strategy<Value = Response> {
    let n = eindex().items.len();
    (
        proptest::collection::vec(any::<u8>(), n),
        proptest::collection::vec(any::<u8>(), n * 3),
        0usize..4,
    )
        .prop_map(|(top, per_service, services)| build(eindex(), &top, &per_service, services))
}

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
    fn every_finding_points_at_a_visible_question(r in response_strategy()) {
        let q = eindex();
        let e = evaluate(q, &r);
        for f in &e.findings {
            prop_assert!(
                e.is_visible(f.location.item, f.location.instance, q),
                "finding on hidden {} ({:?}): {}",
                q.items[f.location.item].code, f.location.instance, f.message()
            );
        }
    }

    #[test]
    fn answers_of_hidden_questions_change_nothing(r in response_strategy(), salt in any::<u8>()) {
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
