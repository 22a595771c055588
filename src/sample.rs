//! Complete, consistent responses for benchmarks and tests: every question answered with a
//! valid answer, services with channel figures that add up.

use crate::questionnaire::{AnswerType, Questionnaire};
use crate::response::{Response, Value};

/// A response answering every question of `q`, with `services` instances in the "services"
/// roster (if `q` has one) and two websites. Choices take the first option that is not
/// exclusive; counts outside rosters are 1, so "part ≤ total" checks hold; per-service channel
/// figures differ between services and sum to their totals.
pub fn full_response(q: &Questionnaire, services: usize) -> Response {
    let mut r = Response::default();
    for item in q.items.iter().filter(|i| i.roster.is_none()) {
        if let Some(v) = plausible(&item.answer, 1.0) {
            r.set(&item.code, v);
        }
    }
    // The e-index's websites, two of them, so that its websites roster has instances.
    if q.item("WEB_SITES").is_some() {
        r.set(
            "WEB_SITES",
            Value::Urls(vec![
                "https://www.example.gov.lv".into(),
                "https://e.example.lv".into(),
            ]),
        );
    }
    for (index, roster) in q.rosters.iter().enumerate() {
        let keys: Vec<String> = match roster.from.map(|from| r.answers.get(&q.items[from].code)) {
            None if roster.id == "services" => (0..services).map(|s| format!("s{s:03}")).collect(),
            None => Vec::new(),
            Some(Some(Value::Urls(urls))) => urls.clone(),
            Some(Some(Value::Choices(codes))) => codes.iter().map(i64::to_string).collect(),
            Some(_) => Vec::new(),
        };
        for (n, key) in keys.iter().enumerate() {
            let instance = r.instance_mut(&roster.id, key);
            instance.label = format!("{} Nr. {}", roster.item, n + 1);
            for item in q.items.iter().filter(|i| i.roster == Some(index)) {
                if let Some(v) = plausible(&item.answer, 1.0) {
                    instance.answers.insert(item.code.clone(), v);
                }
            }
            if roster.id == "services" {
                service_figures(&mut instance.answers, n as f64);
            }
        }
    }
    r
}

/// Channel figures that differ between services and add up to their totals.
fn service_figures(answers: &mut std::collections::BTreeMap<String, Value>, n: f64) {
    for (prefix, k, t, p, e) in [
        ("P52", 10.0 + n, 5.0, 3.0, 20.0 + 2.0 * n),
        ("P53", 8.0 + n, 2.0, 4.0, 18.0 + n),
    ] {
        for (suffix, v) in [
            ("_K", k),
            ("_T", t),
            ("_P", p),
            ("_E", e),
            ("", k + t + p + e),
        ] {
            answers.insert(format!("{prefix}{suffix}"), Value::Number(v));
        }
    }
    answers.insert("P1025.1".into(), Value::Number(100.0 + n));
    answers.insert("P1025.2".into(), Value::Number(90.0 + n));
}

fn plausible(answer: &AnswerType, count: f64) -> Option<Value> {
    Some(match answer {
        AnswerType::Single(choices) => Value::Choice(choices.first()?.code),
        AnswerType::Multi(choices) => {
            Value::Choices(vec![choices.iter().find(|c| !c.exclusive)?.code])
        }
        AnswerType::Integer(_) | AnswerType::Number(_) => Value::Number(count),
        AnswerType::Text { .. } => {
            Value::Text("Atbilde ar garumzīmēm: ā č ē ģ ī ķ ļ ņ š ū ž".into())
        }
        AnswerType::Urls { .. } => Value::Urls(vec!["https://www.example.gov.lv".into()]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::{EINDEX_2019, load};
    use crate::rules::evaluate;

    #[test]
    fn a_full_eindex_response_has_no_errors() {
        let q = load(EINDEX_2019.0, EINDEX_2019.1.as_bytes()).unwrap();
        let r = full_response(&q, 226);
        let e = evaluate(&q, &r);
        let errors: Vec<String> = e
            .errors()
            .map(|f| {
                format!(
                    "{}: {}",
                    q.items[f.location.item].code,
                    crate::i18n::finding_message(crate::i18n::Lang::Lv, f)
                )
            })
            .collect();
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(e.instances(q.roster("services").unwrap()).len(), 226);
        assert_eq!(e.instances(q.roster("websites").unwrap()).len(), 2);
    }
}
