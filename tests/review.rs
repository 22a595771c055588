//! The review loop in the store: queries travel in files and merge by identity, corrections
//! keep their reason, the history goes wherever the submission goes, and returning and
//! accepting refuse what the loop does not allow.

mod common;

use anketa::exchange::{QueryStatus, Status};
use anketa::inbox::{self, StepError};
use anketa::questionnaire::FilledBy;
use anketa::response::Value;
use anketa::review::{Blocker, Refusal};
use anketa::store::{AnswerKey, Resolution, Role, Store};
use common::fixtures::eindex;
use common::store::{FIRST, export_file, fill, fixture, import};

/// A respondent's database with one complete, submitted submission, and a support database
/// that imported it.
fn submitted(dir: &std::path::Path) -> (common::store::Fixture, Store) {
    let mut laptop = fixture(&dir.join("laptop.db"));
    fill(&mut laptop, eindex(), 2);
    let person = laptop.person;
    // The expert part is support staff's: a respondent leaves it blank.
    let q = eindex();
    let expert = |code: &str| {
        q.item(code)
            .is_some_and(|item| q.parts[q.section_of(item).part].filled_by == FilledBy::Expert)
    };
    let response = laptop.store.load_response(FIRST).unwrap();
    let mut places: Vec<(String, String, String)> = response
        .answers
        .keys()
        .map(|c| (String::new(), String::new(), c.clone()))
        .collect();
    for (roster, instances) in &response.rosters {
        for i in instances {
            places.extend(
                i.answers
                    .keys()
                    .map(|c| (roster.clone(), i.key.clone(), c.clone())),
            );
        }
    }
    for (roster, instance, code) in places.iter().filter(|p| expert(&p.2)) {
        let key = AnswerKey::in_roster(roster, instance, code);
        laptop.store.save_answer(FIRST, key, None, person).unwrap();
    }
    laptop
        .store
        .set_status(FIRST, Status::Submitted, person)
        .unwrap();
    let mut support = Store::open(&dir.join("support.db")).unwrap();
    import(
        &mut support,
        &export_file(&mut laptop.store, &[FIRST]),
        Resolution::Refuse,
    )
    .unwrap();
    (laptop, support)
}

#[test]
fn two_reviewers_queries_merge_in_either_order_and_an_older_file_never_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let (laptop, mut anna) = submitted(dir.path());
    drop(laptop);
    let mut janis = Store::open(&dir.path().join("janis.db")).unwrap();
    let file = export_file(&mut anna, &[FIRST]);
    import(&mut janis, &file, Resolution::Refuse).unwrap();
    let a = anna.person("Anna Ozola", Role::Support).unwrap();
    let j = janis.person("Jānis Kalniņš", Role::Support).unwrap();
    let anna_query = anna
        .open_query(
            FIRST,
            AnswerKey::top("V00J"),
            "Vai darbinieku skaits ir pareizs?",
            a,
        )
        .unwrap();
    janis
        .open_query(
            FIRST,
            AnswerKey::top(""),
            "Lūdzu, papildiniet sasniegumus",
            j,
        )
        .unwrap();
    let from_anna = export_file(&mut anna, &[FIRST]);
    let from_janis = export_file(&mut janis, &[FIRST]);

    let one = Store::open(&dir.path().join("one.db")).unwrap();
    let two = Store::open(&dir.path().join("two.db")).unwrap();
    let (mut one, mut two) = (one, two);
    for (store, files) in [
        (&mut one, [&from_anna, &from_janis]),
        (&mut two, [&from_janis, &from_anna]),
    ] {
        for f in files {
            import(store, f, Resolution::Refuse).unwrap();
        }
    }
    let threads = |s: &Store| s.queries(FIRST).unwrap();
    assert_eq!(threads(&one).len(), 2, "both threads survive");
    assert_eq!(threads(&one), threads(&two), "whatever the order");

    // Anna closes her query; Jānis's file from before that comes again.
    anna.reply(
        FIRST,
        &anna_query,
        "Paldies, skaidrs.",
        Some(QueryStatus::Closed),
        a,
    )
    .unwrap();
    import(
        &mut one,
        &export_file(&mut anna, &[FIRST]),
        Resolution::Refuse,
    )
    .unwrap();
    import(&mut one, &from_janis, Resolution::Refuse).unwrap();
    let closed = threads(&one)
        .into_iter()
        .find(|q| q.uid == anna_query)
        .unwrap();
    assert_eq!(
        closed.status(),
        QueryStatus::Closed,
        "the older file cannot reopen it"
    );
    assert_eq!(closed.messages.len(), 2);
    assert_eq!(closed.messages[1].author, "Anna Ozola");
}

#[test]
fn returning_needs_an_open_query_and_accepting_says_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let (_laptop, mut support) = submitted(dir.path());
    let me = support.person("Jānis Kalniņš", Role::Support).unwrap();
    assert!(matches!(
        inbox::return_submission(&mut support, FIRST, None, me),
        Err(StepError::Refused(Refusal::NoOpenQuery))
    ));
    // The expert part is empty: accepting lists its questions, and nothing else is wrong.
    let Err(StepError::Refused(Refusal::Blocked(blockers))) =
        inbox::accept(&mut support, FIRST, me)
    else {
        panic!("accepting an incomplete expert part is refused");
    };
    assert!(!blockers.is_empty());
    assert!(
        blockers
            .iter()
            .all(|b| matches!(b, Blocker::ExpertMissing { .. })),
        "{blockers:?}"
    );
    inbox::return_submission(&mut support, FIRST, Some("Pārbaudiet P53"), me).unwrap();
    assert_eq!(support.submission(FIRST).unwrap().status, Status::Returned);
    let queries = support.queries(FIRST).unwrap();
    assert_eq!(queries.len(), 1);
    assert_eq!(
        queries[0].code, "",
        "the message is about the submission as a whole"
    );
    assert!(matches!(
        inbox::return_submission(&mut support, FIRST, None, me),
        Err(StepError::Refused(Refusal::Status {
            from: Status::Returned,
            ..
        }))
    ));
}

#[test]
fn a_correction_keeps_its_reason_and_the_history_travels_with_the_submission() {
    let dir = tempfile::tempdir().unwrap();
    let (mut laptop, mut support) = submitted(dir.path());
    let me = support.person("Jānis Kalniņš", Role::Support).unwrap();
    support
        .correct_answer(
            FIRST,
            AnswerKey::top("V00J"),
            Some(&Value::Number(41.0)),
            me,
            "Pēc VID datiem: 41 darbinieks",
        )
        .unwrap();
    let audit = support.audit(FIRST).unwrap();
    let corrected = audit.last().unwrap();
    assert_eq!(corrected.code, "V00J");
    assert_eq!(corrected.person.as_deref(), Some("Jānis Kalniņš"));
    assert_eq!(corrected.role, Some(Role::Support));
    assert_eq!(
        corrected.reason.as_deref(),
        Some("Pēc VID datiem: 41 darbinieks")
    );
    import(
        &mut laptop.store,
        &export_file(&mut support, &[FIRST]),
        Resolution::Refuse,
    )
    .unwrap();
    let there = laptop.store.audit(FIRST).unwrap();
    assert!(
        there.iter().any(
            |e| e.reason.as_deref() == Some("Pēc VID datiem: 41 darbinieks")
                && e.machine == support.machine()
        ),
        "the correction, its reason and its machine reach the respondent's database"
    );
    assert!(
        there
            .iter()
            .any(|e| e.person.as_deref() == Some("Ilze Bērziņa") && e.code == "V00J"),
        "with the respondent's own entries"
    );
    assert_eq!(
        laptop.store.load_response(FIRST).unwrap().answers["V00J"],
        Value::Number(41.0)
    );
}

#[test]
fn return_and_accept_on_the_command_line_refuse_as_the_screens_do() {
    let dir = tempfile::tempdir().unwrap();
    let (_laptop, support) = submitted(dir.path());
    drop(support);
    let db = dir.path().join("support.db");
    let run =
        |args: &[&str]| common::anketa_on(&db, &[&["--user", "Jānis Kalniņš"], args].concat());
    let (code, _, err) = run(&["accept", "1"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("Pieņemt vēl nevar:"), "{err}");
    assert!(
        err.contains("eksperta daļa: M08"),
        "names what is missing: {err}"
    );
    let (code, _, err) = run(&["return", "1"]);
    assert_eq!(code, 1);
    assert!(err.contains("vismaz vienu atvērtu precizējumu"), "{err}");
    let (code, out, err) = run(&["return", "1", "--message", "Lūdzu, pārbaudiet P53"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Iesniegums 1 atgriezts respondentam"), "{out}");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.submission(FIRST).unwrap().status, Status::Returned);
    let query = &store.queries(FIRST).unwrap()[0];
    assert_eq!(query.messages[0].body, "Lūdzu, pārbaudiet P53");
    assert_eq!(query.messages[0].author, "Jānis Kalniņš");
    drop(store);
    let (code, _, err) = run(&["--lang", "en", "accept", "1"]);
    assert_eq!(code, 1);
    assert!(err.contains("“returned” cannot be accepted"), "{err}");
}
