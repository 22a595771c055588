//! The demo data (`anketa demo`, `src/demo.rs`) against the questionnaire's own rules: a
//! submission marked accepted (or submitted) must be one support staff could have accepted, so
//! it passes every error check of `rules::evaluate` — no required answer missing, no invalid
//! answer, no failed consistency check.

mod common;

use anketa::demo;
use anketa::exchange::Status;
use anketa::questionnaire::EINDEX_2019;
use anketa::response::Response;
use anketa::rules::evaluate;
use common::fixtures::{eindex, eindex_model};

/// Every demo institution's submission (also the three the e-index leaves out, which
/// `anketa demo` does not create: the generator must not depend on that).
fn submissions(year: i32) -> Vec<anketa::exchange::SubmissionRecord> {
    demo::institutions()
        .expect("the demo institutions load")
        .iter()
        .map(|inst| demo::submission(eindex(), EINDEX_2019.1, eindex_model(), inst, year))
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
    let all = submissions(2019);
    assert_eq!(all.len(), 94);
    let mut failures = Vec::new();
    let mut checked = 0;
    for s in &all {
        if !matches!(s.status, Status::Accepted | Status::Submitted) {
            continue;
        }
        checked += 1;
        let eval = evaluate(q, &response(s));
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
                anketa::i18n::finding_message(anketa::i18n::Lang::Lv, f)
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
    let first = submissions(2019);
    let second = submissions(2019);
    for (a, b) in first.iter().zip(&second) {
        assert_eq!(a.uid, b.uid, "{}", a.institution.name);
        assert_eq!(a.answers, b.answers, "{}", a.institution.name);
        assert_eq!(a.rosters, b.rosters, "{}", a.institution.name);
    }
}
