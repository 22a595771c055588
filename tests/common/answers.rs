//! Responses to the e-index questionnaire, written out by hand or generated for properties.

use super::fixtures::eindex;
use anketa::questionnaire::{AnswerType, Questionnaire};
use anketa::response::{Response, Value};
use proptest::prelude::*;

/// A response with these answers outside rosters.
pub fn answers(pairs: &[(&str, Value)]) -> Response {
    let mut r = Response::default();
    for (code, value) in pairs {
        r.set(code, value.clone());
    }
    r
}

/// Adds (or extends) instance `key` of `roster` with these answers. A service is named after
/// its key, as the respondent would have named it.
pub fn instance(r: &mut Response, roster: &str, key: &str, pairs: &[(&str, Value)]) {
    let i = r.instance_mut(roster, key);
    if i.label.is_empty() && roster == "services" {
        i.label = format!("Pakalpojums {key}");
    }
    for (code, value) in pairs {
        i.answers.insert((*code).to_owned(), value.clone());
    }
}

/// Adds (or extends) service `key`.
pub fn service(r: &mut Response, key: &str, pairs: &[(&str, Value)]) {
    instance(r, "services", key, pairs);
}

/// Answers worth trying for an item, valid and invalid alike; index 0 means "no answer".
pub fn candidates(answer: &AnswerType) -> Vec<Option<Value>> {
    let mut out = vec![None];
    match answer {
        AnswerType::Single(choices) => {
            out.extend(choices.iter().map(|c| Some(Value::Choice(c.code))));
            out.push(Some(Value::Choice(12345)));
        }
        AnswerType::Multi(choices) => {
            out.extend(choices.iter().map(|c| Some(Value::Choices(vec![c.code]))));
            let mut free: Vec<i64> = choices
                .iter()
                .filter(|c| !c.exclusive)
                .map(|c| c.code)
                .collect();
            free.sort_unstable();
            out.push(Some(Value::Choices(free)));
            // All of them, in the definition's order (which does not ascend where "other" or
            // an exclusive option comes last) as well as ascending, as anketa writes them.
            let all: Vec<i64> = choices.iter().map(|c| c.code).collect();
            let mut ascending = all.clone();
            ascending.sort_unstable();
            out.push(Some(Value::Choices(all)));
            out.push(Some(Value::Choices(ascending)));
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
                "https://www.vid.gov.lv".into(),
            ])));
            out.push(Some(Value::Urls(vec![
                "https://a.lv".into(),
                "nav adrese".into(),
            ])));
        }
    }
    out
}

/// The most services a generated response has.
const MAX_SERVICES: usize = 3;

/// The instances of the derived rosters a generated response may store answers for: every
/// valid address the WEB_SITES candidates give (the invalid one, "nav adrese", is an instance
/// with nothing stored), every social network option.
const WEBSITE_KEYS: [&str; 2] = ["https://www.vid.gov.lv", "https://a.lv"];
const SOCIAL_KEYS: [&str; 5] = ["1", "2", "3", "4", "99"];

/// Builds a response from entropy: one byte per item outside rosters, and one per item per
/// instance for `services` services and every website and social network in `WEBSITE_KEYS` and
/// `SOCIAL_KEYS` that `stored` keeps (the others are instances with nothing stored, if their
/// answer makes them instances at all).
fn build(q: &Questionnaire, top: &[u8], rest: &[u8], services: usize, stored: &[bool]) -> Response {
    let mut r = Response::default();
    let pick = |item: usize, byte: u8| {
        let c = candidates(&q.items[item].answer);
        c[byte as usize % c.len()].clone()
    };
    let n = q.items.len();
    let derived = WEBSITE_KEYS
        .iter()
        .map(|k| ("websites", *k))
        .chain(SOCIAL_KEYS.iter().map(|k| ("social_networks", *k)))
        .zip(stored)
        .map(|((roster, key), &kept)| kept.then(|| (roster, key.to_owned())));
    // Every instance keeps its own bytes whether or not the others are stored.
    let keys: Vec<Option<(&str, String)>> = (0..services)
        .map(|s| Some(("services", format!("s{s}"))))
        .chain(derived)
        .collect();
    for (item, def) in q.items.iter().enumerate() {
        match def.roster {
            None => {
                if let Some(v) = pick(item, top[item]) {
                    r.set(&def.code, v);
                }
            }
            Some(roster) => {
                let roster = q.rosters[roster].id.as_str();
                for (k, place) in keys.iter().enumerate() {
                    if let Some((of, key)) = place
                        && *of == roster
                        && let Some(v) = pick(item, rest[(k * n + item) % rest.len()])
                    {
                        r.instance_mut(roster, key)
                            .answers
                            .insert(def.code.clone(), v);
                    }
                }
            }
        }
    }
    r
}

/// Arbitrary responses to the e-index: every item outside rosters and in every instance gets
/// one of its [`candidates`] (or none), independently.
pub fn responses() -> impl Strategy<Value = Response> {
    let n = eindex().items.len();
    let derived = WEBSITE_KEYS.len() + SOCIAL_KEYS.len();
    (
        proptest::collection::vec(any::<u8>(), n),
        proptest::collection::vec(any::<u8>(), n * (MAX_SERVICES + derived)),
        0..=MAX_SERVICES,
        // Mostly stored, so that most cases have every instance to score and check.
        proptest::collection::vec(proptest::bool::weighted(0.875), derived),
    )
        .prop_map(|(top, rest, services, stored)| build(eindex(), &top, &rest, services, &stored))
}
