//! The demo data (`anketa demo`, `src/demo.rs`) against the questionnaire's own rules: a
//! submission marked accepted (or submitted) must be one support staff could have accepted, so
//! it passes every error check of `rules::evaluate` — no required answer missing, no invalid
//! answer, no failed consistency check.

use anketa::demo;
use anketa::exchange::Status;
use anketa::questionnaire::{self, EINDEX_2019, Questionnaire};
use anketa::response::Response;
use anketa::rules::evaluate;
use anketa::scoring::{self, EINDEX_2019_SCORING, Model};

fn eindex() -> Questionnaire {
    questionnaire::load(EINDEX_2019.0, EINDEX_2019.1.as_bytes())
        .expect("the built-in e-index questionnaire loads")
}

fn model(q: &Questionnaire) -> Model {
    let (file, text) = EINDEX_2019_SCORING;
    scoring::load(file, text, q).expect("the built-in scoring model loads")
}

/// Every demo institution's submission (also the three the e-index leaves out, which
/// `anketa demo` does not create: the generator must not depend on that).
fn submissions(q: &Questionnaire, year: i32) -> Vec<anketa::exchange::SubmissionRecord> {
    let m = model(q);
    demo::institutions()
        .expect("the demo institutions load")
        .iter()
        .map(|inst| demo::submission(q, EINDEX_2019.1, &m, inst, year))
        .collect()
}

fn response(s: &anketa::exchange::SubmissionRecord) -> Response {
    Response {
        answers: s.answers.clone(),
        rosters: s.rosters.clone(),
    }
}

#[test]
fn every_accepted_demo_submission_has_no_error_findings() {
    let q = eindex();
    let all = submissions(&q, 2019);
    assert_eq!(all.len(), 94);
    let mut failures = Vec::new();
    let mut checked = 0;
    for s in &all {
        if !matches!(s.status, Status::Accepted | Status::Submitted) {
            continue;
        }
        checked += 1;
        let eval = evaluate(&q, &response(s));
        for f in eval.errors() {
            let instance = f
                .location
                .instance
                .map(|i| {
                    format!(
                        " [{}]",
                        eval.instances(q.items[f.location.item].roster.unwrap())[i].key
                    )
                })
                .unwrap_or_default();
            failures.push(format!(
                "{}: {}{instance}: {}",
                s.institution.name,
                q.items[f.location.item].code,
                f.message()
            ));
        }
    }
    // `anketa demo` marks every submission accepted.
    assert_eq!(checked, all.len());
    assert!(
        failures.is_empty(),
        "{} error findings in accepted demo submissions:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The generator is deterministic: the same institution gets the same submission every time.
#[test]
fn demo_submissions_are_the_same_every_time() {
    let q = eindex();
    let first = submissions(&q, 2019);
    let second = submissions(&q, 2019);
    for (a, b) in first.iter().zip(&second) {
        assert_eq!(a.uid, b.uid, "{}", a.institution.name);
        assert_eq!(a.answers, b.answers, "{}", a.institution.name);
        assert_eq!(a.rosters, b.rosters, "{}", a.institution.name);
    }
}
