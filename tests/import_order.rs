//! Issue 8, blocker 4: an import never moves a submission back. Whether a file is older or
//! newer than what a database holds is decided by the history of versions the file carries
//! (its revision and ancestors), and the status never regresses through an import.
//! Real SQLite files in temporary folders, through the library and through the binary.

mod common;

use anketa::exchange::{self, Status};
use anketa::questionnaire::EINDEX_2019;
use anketa::response::Value;
use anketa::store::{AnswerKey, ImportError, ImportOutcome, Resolution, Role, Store};
use common::anketa_on as anketa;
use common::store::{FIRST, Fixture, export_file, fixture, import};
use std::path::Path;

const V00J: AnswerKey<'static> = AnswerKey {
    roster: "",
    instance: "",
    code: "V00J",
};

fn v00j(store: &Store) -> Value {
    store.load_response(FIRST).unwrap().answers["V00J"].clone()
}

fn status(store: &Store) -> Status {
    store.submission(FIRST).unwrap().status
}

fn answer(f: &mut Fixture, value: f64) {
    f.save(V00J, Value::Number(value));
}

/// A file as an anketa from before revisions would have written it: no history at all.
fn without_history(bytes: &[u8]) -> Vec<u8> {
    let mut file = exchange::read(bytes).unwrap();
    for r in &mut file.submissions {
        r.revision.clear();
        r.ancestors.clear();
    }
    exchange::write(file.exported_at, file.machine, file.submissions)
}

/// The laptop's draft (V00J 10) and, after a change and submitting, its final file (V00J 11).
fn draft_and_final(dir: &Path) -> (Fixture, Vec<u8>, Vec<u8>) {
    let mut laptop = fixture(&dir.join("laptop.db"));
    answer(&mut laptop, 10.0);
    let draft = export_file(&mut laptop.store, &[FIRST]);
    answer(&mut laptop, 11.0);
    laptop
        .store
        .set_status(FIRST, Status::Submitted, laptop.person)
        .unwrap();
    let last = export_file(&mut laptop.store, &[FIRST]);
    (laptop, draft, last)
}

#[test]
fn an_older_draft_file_does_not_overwrite_the_submitted_version() {
    let dir = tempfile::tempdir().unwrap();
    let (_laptop, draft, last) = draft_and_final(dir.path());
    let mut fresh = Store::open(&dir.path().join("fresh.db")).unwrap();
    assert_eq!(
        import(&mut fresh, &last, Resolution::Refuse).unwrap(),
        [ImportOutcome::Created]
    );
    assert_eq!(
        import(&mut fresh, &draft, Resolution::Refuse).unwrap(),
        [ImportOutcome::NewerHere],
        "the draft is an ancestor of the submitted version"
    );
    assert_eq!(status(&fresh), Status::Submitted);
    assert_eq!(v00j(&fresh), Value::Number(11.0));
    // Whatever the resolution: the file is not in conflict, it is simply older.
    assert_eq!(
        import(&mut fresh, &draft, Resolution::Theirs).unwrap(),
        [ImportOutcome::NewerHere]
    );
    assert_eq!(status(&fresh), Status::Submitted);

    // Both files in one import, in either order, end at the final version.
    for order in [[&draft, &last], [&last, &draft]] {
        let path = dir.path().join(format!("both-{}.db", order[0] == &draft));
        let mut store = Store::open(&path).unwrap();
        let files: Vec<_> = order.iter().map(|b| exchange::read(b).unwrap()).collect();
        store
            .import(&files, &[EINDEX_2019.1], Resolution::Refuse)
            .unwrap();
        assert_eq!(status(&store), Status::Submitted);
        assert_eq!(v00j(&store), Value::Number(11.0));
    }
}

#[test]
fn the_newer_file_after_the_older_one_is_taken() {
    let dir = tempfile::tempdir().unwrap();
    let (_laptop, draft, last) = draft_and_final(dir.path());
    let mut support = Store::open(&dir.path().join("support.db")).unwrap();
    import(&mut support, &draft, Resolution::Refuse).unwrap();
    assert_eq!(
        import(&mut support, &last, Resolution::Refuse).unwrap(),
        [ImportOutcome::Updated]
    );
    assert_eq!(status(&support), Status::Submitted);
    assert_eq!(v00j(&support), Value::Number(11.0));
}

#[test]
fn a_file_that_does_not_descend_from_this_version_is_a_conflict() {
    // The laptop's file goes to two support machines, both change it, and both send their
    // version to a third database that took the first one: the second was not made from it.
    let dir = tempfile::tempdir().unwrap();
    let mut laptop = fixture(&dir.path().join("laptop.db"));
    answer(&mut laptop, 10.0);
    let first = export_file(&mut laptop.store, &[FIRST]);
    let mut files = Vec::new();
    for (name, value) in [("b.db", 20.0), ("c.db", 30.0)] {
        let mut store = Store::open(&dir.path().join(name)).unwrap();
        import(&mut store, &first, Resolution::Refuse).unwrap();
        let who = store.person("Atbalsts", Role::Support).unwrap();
        store
            .save_answer(FIRST, V00J, Some(&Value::Number(value)), who)
            .unwrap();
        files.push(export_file(&mut store, &[FIRST]));
    }
    assert_eq!(
        import(&mut laptop.store, &files[0], Resolution::Refuse).unwrap(),
        [ImportOutcome::Updated]
    );
    let Err(ImportError::Conflicts { report, .. }) =
        import(&mut laptop.store, &files[1], Resolution::Refuse)
    else {
        panic!("the second support version was not made from the first");
    };
    let text = report.to_string();
    assert!(
        text.contains(
            r#"V00J: here {"number":20.0} / file {"number":30.0} (changed on both sides)"#
        ),
        "{text}"
    );
    assert_eq!(v00j(&laptop.store), Value::Number(20.0));
}

#[test]
fn returned_is_a_later_version_and_an_unchanged_resubmission_is_not_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut laptop = fixture(&dir.path().join("laptop.db"));
    answer(&mut laptop, 10.0);
    laptop
        .store
        .set_status(FIRST, Status::Submitted, laptop.person)
        .unwrap();
    let submitted = export_file(&mut laptop.store, &[FIRST]);

    let mut support = Store::open(&dir.path().join("support.db")).unwrap();
    let reviewer = support.person("Atbalsts", Role::Support).unwrap();
    import(&mut support, &submitted, Resolution::Refuse).unwrap();
    support
        .set_status(FIRST, Status::Returned, reviewer)
        .unwrap();
    let returned = export_file(&mut support, &[FIRST]);
    assert_eq!(
        import(&mut support, &submitted, Resolution::Refuse).unwrap(),
        [ImportOutcome::NewerHere],
        "the submitted file is older than its return"
    );
    assert_eq!(status(&support), Status::Returned);

    assert_eq!(
        import(&mut laptop.store, &returned, Resolution::Refuse).unwrap(),
        [ImportOutcome::Updated],
        "returned comes after submitted"
    );
    assert_eq!(status(&laptop.store), Status::Returned);
    // Resubmitted without a change: the same content as the first submission, a later version.
    laptop
        .store
        .set_status(FIRST, Status::Submitted, laptop.person)
        .unwrap();
    let resubmitted = export_file(&mut laptop.store, &[FIRST]);
    assert_ne!(
        exchange::read(&resubmitted).unwrap().submissions[0].revision,
        exchange::read(&submitted).unwrap().submissions[0].revision
    );
    assert_eq!(
        import(&mut support, &resubmitted, Resolution::Refuse).unwrap(),
        [ImportOutcome::Updated]
    );
    assert_eq!(status(&support), Status::Submitted);
    assert_eq!(
        import(&mut support, &returned, Resolution::Refuse).unwrap(),
        [ImportOutcome::NewerHere],
        "the return is older than the resubmission"
    );
    assert_eq!(status(&support), Status::Submitted);
    support
        .set_status(FIRST, Status::Accepted, reviewer)
        .unwrap();
    for old in [&submitted, &returned, &resubmitted] {
        assert_eq!(
            import(&mut support, old, Resolution::Refuse).unwrap(),
            [ImportOutcome::NewerHere]
        );
    }
    assert_eq!(status(&support), Status::Accepted);
}

#[test]
fn both_changed_is_a_conflict_and_theirs_never_lowers_the_status() {
    let dir = tempfile::tempdir().unwrap();
    let mut laptop = fixture(&dir.path().join("laptop.db"));
    answer(&mut laptop, 10.0);
    let draft = export_file(&mut laptop.store, &[FIRST]);
    let mut other = Store::open(&dir.path().join("other.db")).unwrap();
    import(&mut other, &draft, Resolution::Refuse).unwrap();
    let who = other.person("Ilze Bērziņa", Role::Respondent).unwrap();
    other
        .save_answer(FIRST, V00J, Some(&Value::Number(20.0)), who)
        .unwrap();
    let other_draft = export_file(&mut other, &[FIRST]);
    answer(&mut laptop, 11.0);
    laptop
        .store
        .set_status(FIRST, Status::Submitted, laptop.person)
        .unwrap();
    export_file(&mut laptop.store, &[FIRST]);

    let Err(ImportError::Conflicts { count, report }) =
        import(&mut laptop.store, &other_draft, Resolution::Refuse)
    else {
        panic!("both changed since the draft");
    };
    assert_eq!(count, 1);
    let text = report.to_string();
    assert!(text.contains("CONFLICT: changed on both sides"), "{text}");
    assert!(
        text.contains(
            r#"V00J: here {"number":11.0} / file {"number":20.0} (changed on both sides)"#
        ),
        "{text}"
    );
    assert!(
        text.contains("status: here submitted / file draft"),
        "{text}"
    );

    let outcome = import(&mut laptop.store, &other_draft, Resolution::Theirs).unwrap();
    assert!(
        matches!(outcome[0], ImportOutcome::StatusKept(_)),
        "{outcome:?}"
    );
    assert_eq!(status(&laptop.store), Status::Submitted);
    assert_eq!(v00j(&laptop.store), Value::Number(11.0));
    assert_eq!(
        import(&mut laptop.store, &other_draft, Resolution::Refuse).unwrap(),
        [ImportOutcome::NewerHere],
        "once decided, the same file is older"
    );
    // The other way round, the draft may well become submitted.
    let last = export_file(&mut laptop.store, &[FIRST]);
    assert_eq!(
        import(&mut other, &last, Resolution::Refuse).unwrap(),
        [ImportOutcome::Updated],
        "the submitted version stands for both"
    );
    assert_eq!(status(&other), Status::Submitted);
}

#[test]
fn files_without_history_never_lower_the_status() {
    let dir = tempfile::tempdir().unwrap();
    let (_laptop, draft, last) = draft_and_final(dir.path());
    let (draft, last) = (without_history(&draft), without_history(&last));
    let mut fresh = Store::open(&dir.path().join("fresh.db")).unwrap();
    import(&mut fresh, &last, Resolution::Refuse).unwrap();
    assert_eq!(
        import(&mut fresh, &draft, Resolution::Refuse).unwrap(),
        [ImportOutcome::NewerHere]
    );
    assert_eq!(status(&fresh), Status::Submitted);
    assert_eq!(v00j(&fresh), Value::Number(11.0));

    let mut support = Store::open(&dir.path().join("support.db")).unwrap();
    import(&mut support, &draft, Resolution::Refuse).unwrap();
    assert_eq!(
        import(&mut support, &last, Resolution::Refuse).unwrap(),
        [ImportOutcome::Updated]
    );
}

#[test]
fn bases_recorded_before_revisions_still_tell_the_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut laptop = fixture(&dir.path().join("laptop.db"));
    answer(&mut laptop, 10.0);
    let draft = export_file(&mut laptop.store, &[FIRST]);
    let support_db = dir.path().join("support.db");
    let mut support = Store::open(&support_db).unwrap();
    import(&mut support, &draft, Resolution::Refuse).unwrap();
    drop(support);
    // As migration 4 leaves the bases of an older anketa: no revision, no ancestors.
    for db in [dir.path().join("laptop.db"), support_db.clone()] {
        rusqlite::Connection::open(db)
            .unwrap()
            .execute("UPDATE exchanges SET revision = NULL, ancestors = '[]'", [])
            .unwrap();
    }
    answer(&mut laptop, 11.0);
    laptop
        .store
        .set_status(FIRST, Status::Submitted, laptop.person)
        .unwrap();
    let last = export_file(&mut laptop.store, &[FIRST]);
    let mut support = Store::open(&support_db).unwrap();
    assert_eq!(
        import(&mut support, &last, Resolution::Refuse).unwrap(),
        [ImportOutcome::Updated],
        "both databases see the same revision in the same old base"
    );
    assert_eq!(
        import(&mut support, &draft, Resolution::Refuse).unwrap(),
        [ImportOutcome::NewerHere]
    );
    assert_eq!(status(&support), Status::Submitted);
}

// The binary, as a user runs it.
fn export_with_binary(db: &Path, file: &Path) {
    let (code, out, err) = anketa(db, &["export", "--all", "-o", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("fails saglabāts, tajā ir 1 iesniegums"),
        "{out}"
    );
}

/// A database with one submission, V00J 10, exported as a draft by the binary; then V00J 11
/// and submitted, exported again.
fn draft_and_final_with_binary(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let a = dir.join("a.db");
    let (draft, last) = (dir.join("draft.json"), dir.join("final.json"));
    let mut f = fixture(&a);
    answer(&mut f, 10.0);
    drop(f);
    export_with_binary(&a, &draft);
    let mut store = Store::open(&a).unwrap();
    let who = store.person("Ilze Bērziņa", Role::Respondent).unwrap();
    store
        .save_answer(FIRST, V00J, Some(&Value::Number(11.0)), who)
        .unwrap();
    store.set_status(FIRST, Status::Submitted, who).unwrap();
    drop(store);
    export_with_binary(&a, &last);
    (draft, last)
}

#[test]
fn binary_an_older_file_is_reported_as_newer_here_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (draft, last) = draft_and_final_with_binary(dir.path());
    let b = dir.path().join("b.db");
    let (code, out, err) = anketa(&b, &["import", last.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(": pievienots"), "{out}");

    let (code, out, err) = anketa(&b, &["import", draft.to_str().unwrap()]);
    assert_eq!(code, 0, "an older file is not an error: {out}{err}");
    assert!(
        out.contains(": atstāts: šajā datubāzē ir jaunāka versija"),
        "{out}"
    );
    assert!(!out.contains("atjaunināts no faila"), "{out}");

    let (code, out, _) = anketa(&b, &["submissions"]);
    assert_eq!(code, 0);
    assert!(
        out.contains(common::INSTITUTION) && out.contains("iesniegts"),
        "{out}"
    );
    let store = Store::open(&b).unwrap();
    assert_eq!(status(&store), Status::Submitted);
    assert_eq!(v00j(&store), Value::Number(11.0));
}

#[test]
fn binary_both_changed_is_a_conflict_per_question() {
    let dir = tempfile::tempdir().unwrap();
    let (draft, last) = draft_and_final_with_binary(dir.path());
    let b = dir.path().join("b.db");
    let (code, out, err) = anketa(&b, &["import", draft.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    let mut store = Store::open(&b).unwrap();
    let who = store.person("Atbalsts", Role::Support).unwrap();
    store
        .save_answer(FIRST, V00J, Some(&Value::Number(20.0)), who)
        .unwrap();
    drop(store);

    let (code, out, err) = anketa(&b, &["import", last.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains(": KONFLIKTS: mainīts abās pusēs"), "{out}");
    assert!(
        out.contains(
            r#"    V00J: šeit {"number":20.0} / failā {"number":11.0} (mainīts abās pusēs)"#
        ),
        "{out}"
    );
    assert!(
        out.contains("    statuss: šeit melnraksts / failā iesniegts (mainīts failā)"),
        "{out}"
    );
    assert_eq!(
        err,
        "anketa: gan šeit, gan failā mainījās 1 iesniegums; nekas netika importēts. Izvēlieties ar --ours vai --theirs.\n"
    );
    let (code, out, err) = anketa(&b, &["--lang", "en", "import", last.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains(": CONFLICT: changed on both sides"), "{out}");
    assert!(
        out.contains("    status: here draft / file submitted (changed in the file)"),
        "{out}"
    );
    assert!(
        err.contains("1 submission changed both here and in the file; nothing was imported"),
        "{err}"
    );
    let store = Store::open(&b).unwrap();
    assert_eq!(status(&store), Status::Draft);
    assert_eq!(v00j(&store), Value::Number(20.0));
    drop(store);

    // B's draft back to A, which has submitted: even --theirs keeps the submission.
    let b_draft = dir.path().join("b-draft.json");
    export_with_binary(&b, &b_draft);
    let a = dir.path().join("a.db");
    let (code, out, err) = anketa(&a, &["import", "--theirs", b_draft.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("atstāts šejienes: faila statuss to atgrieztu atpakaļ"),
        "{out}"
    );
    let store = Store::open(&a).unwrap();
    assert_eq!(status(&store), Status::Submitted);
    assert_eq!(v00j(&store), Value::Number(11.0));
}
