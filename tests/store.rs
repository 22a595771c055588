//! The store with real SQLite files: saving, reloading, the audit trail, statuses, and moving
//! submissions between databases as files.

mod common;

use anketa::exchange::{self, Status};
use anketa::questionnaire::{self, EINDEX_2019};
use anketa::response::Value;
use anketa::store::{AnswerKey, ImportError, ImportOutcome, Resolution, Role, Store};
use common::fixtures::eindex;
use common::store::{FIRST, export_file, fill, fixture, import};

#[test]
fn first_run_creates_the_database_and_its_folders() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/deeper/anketa.db");
    let store = Store::open(&path).unwrap();
    assert!(path.exists());
    assert_eq!(store.submissions().unwrap(), []);
    assert_eq!(
        store.machine().len(),
        16,
        "a machine id is made on creation"
    );
    let machine = store.machine().to_owned();
    drop(store);
    assert_eq!(Store::open(&path).unwrap().machine(), machine, "and kept");
}

#[test]
fn answers_survive_reopening_with_latvian_text_and_not_available() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let mut f = fixture(&path);
    let text = Value::Text("Ēdināšanas pakalpojumi — ā č ē ģ ī ķ ļ ņ š ū ž".into());
    f.store
        .save_answer(
            f.submission,
            AnswerKey::top("ACHIEVEMENTS_DESC"),
            Some(&text),
            f.person,
        )
        .unwrap();
    f.store
        .save_answer(
            f.submission,
            AnswerKey::top("D21"),
            Some(&Value::NotAvailable),
            f.person,
        )
        .unwrap();
    f.store
        .save_answer(
            f.submission,
            AnswerKey::top("D24"),
            Some(&Value::Number(0.0)),
            f.person,
        )
        .unwrap();
    let key = f
        .store
        .add_instance(f.submission, "services", "Uzņēmumu reģistrācija", f.person)
        .unwrap();
    f.store
        .save_answer(
            f.submission,
            AnswerKey::in_roster("services", &key, "P52"),
            Some(&Value::Number(120.0)),
            f.person,
        )
        .unwrap();
    drop(f);
    let store = Store::open(&path).unwrap();
    let r = store.load_response(FIRST).unwrap();
    assert_eq!(r.answers.get("ACHIEVEMENTS_DESC"), Some(&text));
    assert_eq!(r.answers.get("D21"), Some(&Value::NotAvailable));
    assert_eq!(
        r.answers.get("D24"),
        Some(&Value::Number(0.0)),
        "0 is not 'not available'"
    );
    let services = r.instances("services");
    assert_eq!(services.len(), 1);
    assert_eq!(services[0].label, "Uzņēmumu reģistrācija");
    assert_eq!(services[0].answers.get("P52"), Some(&Value::Number(120.0)));
}

#[test]
fn every_change_is_audited_with_old_and_new_value() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(&dir.path().join("a.db"));
    let key = AnswerKey::top("V00J");
    assert!(
        f.store
            .save_answer(f.submission, key, Some(&Value::Number(12.0)), f.person)
            .unwrap()
    );
    assert!(
        !f.store
            .save_answer(f.submission, key, Some(&Value::Number(12.0)), f.person)
            .unwrap(),
        "saving the same value again changes nothing"
    );
    assert!(
        f.store
            .save_answer(f.submission, key, Some(&Value::Number(13.0)), f.person)
            .unwrap()
    );
    assert!(
        f.store
            .save_answer(f.submission, key, None, f.person)
            .unwrap()
    );
    let log: Vec<(String, Option<String>, Option<String>)> = f
        .store
        .audit(f.submission)
        .unwrap()
        .into_iter()
        .filter(|e| e.what == "answer")
        .map(|e| (e.code, e.old_value, e.new_value))
        .collect();
    assert_eq!(
        log,
        [
            ("V00J".into(), None, Some(r#"{"number":12.0}"#.into())),
            (
                "V00J".into(),
                Some(r#"{"number":12.0}"#.into()),
                Some(r#"{"number":13.0}"#.into())
            ),
            ("V00J".into(), Some(r#"{"number":13.0}"#.into()), None),
        ]
    );
    let entry = &f.store.audit(f.submission).unwrap()[1];
    assert_eq!(entry.person.as_deref(), Some("Ilze Bērziņa"));
    assert_eq!(entry.machine, f.store.machine());
}

#[test]
fn removing_a_service_keeps_its_answers_in_the_audit_log() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(&dir.path().join("a.db"));
    let a = f
        .store
        .add_instance(f.submission, "services", "A", f.person)
        .unwrap();
    let b = f
        .store
        .add_instance(f.submission, "services", "B", f.person)
        .unwrap();
    let c = f
        .store
        .add_instance(f.submission, "services", "C", f.person)
        .unwrap();
    f.store
        .save_answer(
            f.submission,
            AnswerKey::in_roster("services", &b, "P52"),
            Some(&Value::Number(7.0)),
            f.person,
        )
        .unwrap();
    f.store
        .move_instance(f.submission, "services", &c, 0)
        .unwrap();
    f.store
        .rename_instance(f.submission, "services", &a, "Ā", f.person)
        .unwrap();
    f.store
        .remove_instance(f.submission, "services", &b, f.person)
        .unwrap();
    let r = f.store.load_response(f.submission).unwrap();
    let labels: Vec<&str> = r
        .instances("services")
        .iter()
        .map(|i| i.label.as_str())
        .collect();
    assert_eq!(labels, ["C", "Ā"]);
    let removed = f
        .store
        .audit(f.submission)
        .unwrap()
        .into_iter()
        .find(|e| e.what == "answer" && e.instance == b && e.new_value.is_none())
        .expect("the removed answer is in the log");
    assert_eq!(removed.old_value.as_deref(), Some(r#"{"number":7.0}"#));
}

#[test]
fn status_moves_only_along_its_life() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(&dir.path().join("a.db"));
    let err = f
        .store
        .set_status(f.submission, Status::Accepted, f.person)
        .unwrap_err();
    assert_eq!(err.to_string(), "a draft submission cannot become accepted");
    for to in [
        Status::Submitted,
        Status::Returned,
        Status::Submitted,
        Status::Accepted,
    ] {
        f.store.set_status(f.submission, to, f.person).unwrap();
        assert_eq!(f.store.submission(f.submission).unwrap().status, to);
    }
}

#[test]
fn round_trip_of_the_largest_institution_carries_identical_answers() {
    let dir = tempfile::tempdir().unwrap();
    let q = eindex();
    let mut f = fixture(&dir.path().join("laptop.db"));
    fill(&mut f, q, 226);
    let first = export_file(&mut f.store, &[f.submission]);

    let mut support = Store::open(&dir.path().join("support.db")).unwrap();
    assert_eq!(
        import(&mut support, &first, Resolution::Refuse).unwrap(),
        [ImportOutcome::Created]
    );
    let id = support.submissions().unwrap()[0].id;
    let second = export_file(&mut support, &[id]);

    let a = exchange::read(&first).unwrap().submissions.remove(0);
    let b = exchange::read(&second).unwrap().submissions.remove(0);
    assert_eq!(a.rosters["services"].len(), 226);
    assert_eq!(a.answers, b.answers);
    assert_eq!(a.rosters, b.rosters);
    assert_eq!(a.uid, b.uid);
    assert_eq!(a.institution, b.institution);
    assert_eq!(a.questionnaire, b.questionnaire);
    // Importing the same file again changes nothing.
    assert_eq!(
        import(&mut support, &first, Resolution::Refuse).unwrap(),
        [ImportOutcome::Identical]
    );
}

#[test]
fn import_decides_by_what_changed_since_the_last_exchange() {
    let dir = tempfile::tempdir().unwrap();
    let mut laptop = fixture(&dir.path().join("laptop.db"));
    let v00j = AnswerKey::top("V00J");
    laptop
        .store
        .save_answer(
            laptop.submission,
            v00j,
            Some(&Value::Number(10.0)),
            laptop.person,
        )
        .unwrap();
    let mut support = Store::open(&dir.path().join("support.db")).unwrap();
    let reviewer = support.person("Atbalsts", Role::Support).unwrap();
    import(
        &mut support,
        &export_file(&mut laptop.store, &[FIRST]),
        Resolution::Refuse,
    )
    .unwrap();

    // Only the laptop changed: the support database takes the file.
    laptop
        .store
        .save_answer(
            laptop.submission,
            v00j,
            Some(&Value::Number(11.0)),
            laptop.person,
        )
        .unwrap();
    let file = export_file(&mut laptop.store, &[FIRST]);
    assert_eq!(
        import(&mut support, &file, Resolution::Refuse).unwrap(),
        [ImportOutcome::Updated]
    );
    assert_eq!(
        support.load_response(FIRST).unwrap().answers["V00J"],
        Value::Number(11.0)
    );
    let imported = support
        .audit(FIRST)
        .unwrap()
        .into_iter()
        .rev()
        .find(|e| e.what == "answer")
        .unwrap();
    assert_eq!(
        imported.old_value.as_deref(),
        Some(r#"{"number":10.0}"#),
        "imports are audited too"
    );

    // Only the support database changed: an old file does not undo it.
    support
        .save_answer(FIRST, v00j, Some(&Value::Number(12.0)), reviewer)
        .unwrap();
    assert_eq!(
        import(&mut support, &file, Resolution::Refuse).unwrap(),
        [ImportOutcome::NewerHere]
    );
    assert_eq!(
        support.load_response(FIRST).unwrap().answers["V00J"],
        Value::Number(12.0)
    );

    // Both changed: nothing is overwritten, and the report names the question.
    laptop
        .store
        .save_answer(
            laptop.submission,
            v00j,
            Some(&Value::Number(13.0)),
            laptop.person,
        )
        .unwrap();
    let both = export_file(&mut laptop.store, &[FIRST]);
    let Err(ImportError::Conflicts { count, report }) =
        import(&mut support, &both, Resolution::Refuse)
    else {
        panic!("a conflict is refused");
    };
    assert_eq!(count, 1);
    let text = report.to_string();
    assert!(text.contains("CONFLICT"), "{text}");
    assert!(
        text.contains(
            r#"V00J: here {"number":12.0} / file {"number":13.0} (changed on both sides)"#
        ),
        "{text}"
    );
    assert_eq!(
        support.load_response(FIRST).unwrap().answers["V00J"],
        Value::Number(12.0)
    );

    assert!(matches!(
        import(&mut support, &both, Resolution::Ours).unwrap()[0],
        ImportOutcome::KeptOurs(_)
    ));
    assert_eq!(
        support.load_response(FIRST).unwrap().answers["V00J"],
        Value::Number(12.0)
    );
    // Once resolved, the same file is no longer news.
    assert_eq!(
        import(&mut support, &both, Resolution::Refuse).unwrap(),
        [ImportOutcome::NewerHere]
    );

    laptop
        .store
        .save_answer(
            laptop.submission,
            v00j,
            Some(&Value::Number(14.0)),
            laptop.person,
        )
        .unwrap();
    let again = export_file(&mut laptop.store, &[FIRST]);
    assert!(matches!(
        import(&mut support, &again, Resolution::Theirs).unwrap()[0],
        ImportOutcome::TookTheirs(_)
    ));
    assert_eq!(
        support.load_response(FIRST).unwrap().answers["V00J"],
        Value::Number(14.0)
    );
}

#[test]
fn a_changed_definition_is_detected_and_explained() {
    use anketa::questionnaire::Change;
    use anketa::store::DefinitionStatus;
    let dir = tempfile::tempdir().unwrap();
    let f = fixture(&dir.path().join("a.db"));
    let q = eindex();
    assert!(matches!(
        f.store
            .definition_status(f.submission, q, EINDEX_2019.1)
            .unwrap(),
        DefinitionStatus::Same
    ));
    let edited = EINDEX_2019
        .1
        .replace(
            "text = \"Nodarbināto skaits iestādē pārskata gada 31. decembrī:\"",
            "text = \"Nodarbināto skaits iestādē pārskata gada 1. janvārī:\"",
        )
        .replace("show_if = \"F14 in [1, 2]\"", "show_if = \"F14 = 1\"");
    let new = questionnaire::load("edited.toml", edited.as_bytes()).unwrap();
    let DefinitionStatus::Changed {
        filled_with,
        changes,
        ..
    } = f
        .store
        .definition_status(f.submission, &new, &edited)
        .unwrap()
    else {
        panic!("the edit is noticed");
    };
    assert_eq!(
        changes,
        [
            Change::Reworded("V00J".into()),
            Change::ConditionChanged("P1020".into())
        ]
    );
    assert_eq!(changes[0].to_string(), "V00J is worded differently");
    assert_eq!(
        filled_with
            .question_of(filled_with.item("V00J").unwrap())
            .text,
        "Nodarbināto skaits iestādē pārskata gada 31. decembrī:",
        "the submission keeps the definition it was filled with"
    );
}

#[test]
fn the_shipped_examples_import_with_their_comments_as_queries() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("a.db")).unwrap();
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    let bytes = std::fs::read(examples.join("one-submission.json")).unwrap();
    let file = exchange::read(&bytes).unwrap();
    // Version 1 files: their comments are read as queries.
    assert_eq!(file.version, 1);
    let comments_in_file = file.submissions[0].queries.len();
    assert!(comments_in_file > 0, "the example carries a review comment");
    // Filled with an earlier release's definition: still known, as every release ships it.
    let known: Vec<&str> = anketa::questionnaire::built_in().collect();
    let import = |store: &mut Store, bytes: &[u8], resolution| {
        let file = exchange::read(bytes).unwrap();
        store.import(&[file], &known, resolution).map(|r| {
            r.submissions
                .into_iter()
                .map(|s| s.outcome)
                .collect::<Vec<_>>()
        })
    };
    let outcome = import(&mut store, &bytes, Resolution::Refuse).unwrap();
    assert_eq!(outcome, [ImportOutcome::Created]);
    let record = store
        .export(&[store.submissions().unwrap()[0].id])
        .unwrap()
        .remove(0);
    assert_eq!(
        record.queries.len(),
        comments_in_file,
        "a new submission keeps its comments, as queries"
    );
    assert_eq!(record.queries, file.submissions[0].queries);
    let two = std::fs::read(examples.join("two-submissions.json")).unwrap();
    assert!(import(&mut store, &two, Resolution::Refuse).is_ok());
}

#[test]
fn windows_of_the_list_walk_every_submission_once_in_latvian_order() {
    use anketa::exchange::{InstitutionKind, InstitutionRecord};
    use anketa::store::Seek;

    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("a.db")).unwrap();
    let q = store
        .register_questionnaire(eindex(), EINDEX_2019.1)
        .unwrap();
    let who = store.person("Anna", Role::Respondent).unwrap();
    // Names whose byte order differs from the Latvian one, and most with two years, so that
    // a window can end between an institution's submissions.
    let names = [
        "Zemkopības ministrija",
        "Ādažu novada pašvaldība",
        "Aizkraukles novada pašvaldība",
        "Čaka biedrība",
        "Cēsu novada pašvaldība",
        "Ēdoles pils",
        "Ogres novada pašvaldība",
        "Šķēdes muzejs",
        "Saldus novada pašvaldība",
        "Žīguru skola",
    ];
    for (n, name) in names.into_iter().enumerate() {
        let institution = store
            .institution(&InstitutionRecord {
                name: name.into(),
                reg_no: None,
                sector: None,
                kind: InstitutionKind::Institution,
            })
            .unwrap();
        for year in [2019, 2020].into_iter().take(1 + n % 3 / 2 + n % 2) {
            store.create_submission(institution, q, year, who).unwrap();
        }
    }
    let every = store.submissions().unwrap();
    assert!(every.len() > names.len());
    let ids =
        |rows: &[anketa::store::SubmissionSummary]| rows.iter().map(|s| s.id).collect::<Vec<_>>();
    let code = &every[0].questionnaire_code;

    for size in 1..=every.len() + 1 {
        // Forward from the top, backward from the bottom.
        let mut top = store.window(code, Seek::Newest, every.len() + 1).unwrap();
        assert_eq!(
            ids(&top.rows),
            ids(&every),
            "a window as long as the list holds it whole"
        );
        assert!(!top.more_before && !top.more_after);
        let mut walked = Vec::new();
        let first = top.rows.remove(0);
        walked.push(first.id);
        let mut at = first.id;
        loop {
            let next = store.window(code, Seek::After(at), size).unwrap();
            assert!(next.rows.len() <= size);
            walked.extend(ids(&next.rows));
            match next.rows.last() {
                Some(last) if next.more_after => at = last.id,
                _ => break,
            }
        }
        assert_eq!(walked, ids(&every), "forward by {size}");
        let mut back = vec![every.last().unwrap().id];
        let mut at = every.last().unwrap().id;
        loop {
            let earlier = store.window(code, Seek::Before(at), size).unwrap();
            back.splice(0..0, ids(&earlier.rows));
            match earlier.rows.first() {
                Some(first) if earlier.more_before => at = first.id,
                _ => break,
            }
        }
        assert_eq!(back, ids(&every), "backward by {size}");
    }

    // The list opens around the submission changed last, with it in the window.
    let changed = every[every.len() / 2].id;
    store
        .save_answer(
            changed,
            AnswerKey::top("D21"),
            Some(&Value::Number(1.0)),
            who,
        )
        .unwrap();
    let around = store.window(code, Seek::Newest, 4).unwrap();
    assert_eq!(around.rows.len(), 4);
    assert!(ids(&around.rows).contains(&changed));
    assert!(around.more_before && around.more_after);
    let at = ids(&every)
        .iter()
        .position(|id| *id == around.rows[0].id)
        .unwrap();
    assert_eq!(ids(&around.rows), ids(&every[at..at + 4]));
}
