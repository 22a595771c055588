//! `anketa validate` through the binary: support staff's list of every finding, and its exit
//! code for scripts.

mod common;

use anketa::response::Value;
use anketa::store::{AnswerKey, Role, Store, SubmissionId};
use common::anketa_on;
use std::path::Path;

fn demo_database(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("demo.db");
    let (code, _, err) = anketa_on(&db, &["demo", "--no-tui"]);
    assert_eq!(code, 0, "{err}");
    db
}

/// Make the first service of the first demo submission that has one inconsistent: its
/// results handed out (P53) no longer the sum of its channels. Returns the submission, the
/// institution and the service's name.
fn plant_channel_error(db: &Path) -> (SubmissionId, String, String) {
    let mut store = Store::open(db).unwrap();
    let person = store.person("Atbalsta Dienests", Role::Support).unwrap();
    for s in store.submissions().unwrap() {
        let response = store.load_response(s.id).unwrap();
        let Some(service) = response.instances("services").first() else {
            continue;
        };
        let channels: f64 = ["P53_K", "P53_T", "P53_P", "P53_E"]
            .iter()
            .filter_map(|c| match service.answers.get(*c) {
                Some(Value::Number(n)) => Some(*n),
                _ => None,
            })
            .sum();
        let key = AnswerKey::in_roster("services", &service.key, "P53");
        let wrong = Value::Number(channels + 7.0);
        store.save_answer(s.id, key, Some(&wrong), person).unwrap();
        return (s.id, s.institution, service.label.clone());
    }
    panic!("no demo submission lists a service");
}

#[test]
fn the_demo_database_is_consistent_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_database(dir.path());
    let (code, out, err) = anketa_on(&db, &["validate"]);
    assert_eq!(code, 0, "{out}{err}");
    let last = out.lines().last().unwrap();
    assert!(last.starts_with("Pārbaudes rezultāts — "), "{out}");
    assert!(last.ends_with(": 0 kļūdu, 0 brīdinājumu."), "{out}");
    assert_eq!(out.lines().count(), 1, "nothing else to list: {out}");
    let (code, json, _) = anketa_on(&db, &["validate", "--all", "--json"]);
    assert_eq!(code, 0);
    let all: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let (_, listed, _) = anketa_on(&db, &["submissions", "--all"]);
    assert_eq!(
        all.len(),
        listed.lines().count(),
        "every submission is checked"
    );
    assert!(
        all.iter()
            .all(|s| s["errors"] == 0 && s["findings"] == serde_json::json!([]))
    );
}

#[test]
fn a_planted_inconsistency_is_named_with_its_service_and_the_exit_code_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_database(dir.path());
    let (id, institution, service) = plant_channel_error(&db);
    let (code, out, err) = anketa_on(&db, &["validate"]);
    assert_eq!(code, 1, "an error remains: {out}{err}");
    let heading = format!("{institution} 2019 (iesniegums {id}, pieņemts): 1 kļūda, 0 brīdinājumu");
    assert!(out.contains(&heading), "{out}");
    let line = out
        .lines()
        .find(|l| l.contains(&format!("P53 [{service}]")))
        .unwrap_or_else(|| panic!("the service is named: {out}"));
    assert!(line.trim_start().starts_with("kļūda"), "{line}");
    assert!(line.contains("nesakrīt ar kanālu summu"), "{line}");
    assert!(out.ends_with(": 1 kļūda, 0 brīdinājumu.\n"), "{out}");

    let (code, json, _) = anketa_on(
        &db,
        &["validate", "--submission", &id.to_string(), "--json"],
    );
    assert_eq!(code, 1);
    let all: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(all.len(), 1, "only the one named");
    let finding = &all[0]["findings"][0];
    assert_eq!(all[0]["errors"], 1);
    assert_eq!(finding["code"], "P53");
    assert_eq!(finding["roster"], "services");
    assert_eq!(finding["instance_label"], service.as_str());
    assert_eq!(finding["severity"], "error");

    let (code, out, _) = anketa_on(&db, &["--lang", "en", "validate"]);
    assert_eq!(code, 1);
    assert!(out.contains("(submission "), "{out}");
    assert!(out.contains("error        P53 ["), "{out}");
    assert!(out.ends_with(": 1 error, 0 warnings.\n"), "{out}");

    let other = if id == SubmissionId(1) { "2" } else { "1" };
    let (code, out, _) = anketa_on(&db, &["validate", "--submission", other]);
    assert_eq!(code, 0, "another submission is fine: {out}");
}

#[test]
fn an_unknown_submission_is_refused_with_its_number() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_database(dir.path());
    let (code, out, err) = anketa_on(&db, &["validate", "--submission", "9999"]);
    assert_ne!(code, 0);
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("9999"), "{err}");
}
