//! An import is one row of the audit table however many answers it set, and the log reads it
//! back whole: an entry per answer, on this machine and on every machine the file goes to,
//! none of them twice when the file comes back. Through the binary, as support staff move
//! files between offline machines.

mod common;

use anketa::response::Value;
use anketa::store::{AnswerKey, Role, Store, SubmissionId};
use common::anketa_on;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// The answers of the database's first submission as its `answers` table holds them:
/// (roster, instance, code, value).
fn answers(db: &Path) -> Vec<(String, String, String, String)> {
    let conn = Connection::open(db).unwrap();
    let mut statement = conn
        .prepare(
            "SELECT roster, instance, code, value FROM answers WHERE submission_id = 1
             ORDER BY roster, instance, code",
        )
        .unwrap();
    statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn audit_rows(db: &Path) -> i64 {
    let conn = Connection::open(db).unwrap();
    conn.query_row(
        "SELECT count(*) FROM audit WHERE submission_id = 1",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

/// The uids of the first submission's log in a file `anketa export` wrote.
fn history_uids(file: &Path) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    json["submissions"][0]["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["uid"].as_str().unwrap().to_owned())
        .collect()
}

fn export(db: &Path, file: &Path) {
    let (code, out, err) = anketa_on(
        db,
        &["export", "--submission", "1", "-o", file.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{out}{err}");
}

fn import(db: &Path, file: &Path) -> String {
    let (code, out, err) = anketa_on(db, &["import", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    out
}

/// An office's database with demo submissions of `institutions` institutions, and a
/// ministry's yet to be made: (their folder, the office's, the ministry's).
fn two_machines(institutions: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (office, ministry) = (
        dir.path().join("birojs.db"),
        dir.path().join("ministrija.db"),
    );
    let (code, out, err) = anketa_on(
        &office,
        &[
            "demo",
            "--no-tui",
            "--institutions",
            institutions,
            "--year",
            "2019",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    (dir, office, ministry)
}

#[test]
fn an_import_is_one_row_and_its_log_an_entry_per_answer_on_every_machine() {
    let (dir, office, ministry) = two_machines("2");
    let stored = answers(&office);
    assert!(stored.len() > 100, "a demo submission answers much");

    // The demo's submissions came in as an import: one row, read as one entry per answer.
    assert_eq!(audit_rows(&office), 1);
    let log = Store::open(&office)
        .unwrap()
        .audit(SubmissionId(1))
        .unwrap();
    assert_eq!(log.len(), stored.len() + 1);
    let (entry, set) = log.split_last().unwrap();
    assert_eq!(entry.what, "import");
    assert!(
        entry
            .new_value
            .as_deref()
            .unwrap()
            .starts_with("from machine ")
    );
    let mut logged: Vec<_> = set
        .iter()
        .map(|e| {
            assert_eq!(e.what, "answer");
            assert_eq!(e.old_value, None, "{e:?}");
            assert_eq!((&e.at, &e.machine), (&entry.at, &entry.machine));
            let value = e.new_value.clone().unwrap();
            (e.roster.clone(), e.instance.clone(), e.code.clone(), value)
        })
        .collect();
    logged.sort();
    assert_eq!(
        logged, stored,
        "every answer's entry, with the value it set"
    );

    // The file carries an entry per answer, with the same uids each time it is written.
    let (first, again) = (dir.path().join("1.json"), dir.path().join("1b.json"));
    export(&office, &first);
    export(&office, &again);
    let uids = history_uids(&first);
    assert_eq!(uids.len(), stored.len() + 1);
    assert_eq!(history_uids(&again), uids);
    let distinct: std::collections::BTreeSet<_> = uids.iter().collect();
    assert_eq!(distinct.len(), uids.len());

    // The ministry takes the file: the office's entries come whole again, then its own import.
    assert!(import(&ministry, &first).contains("pievienots"));
    assert_eq!(audit_rows(&ministry), 2);
    let there = Store::open(&ministry)
        .unwrap()
        .audit(SubmissionId(1))
        .unwrap();
    assert_eq!(there.len(), 2 * (stored.len() + 1));
    assert_eq!(
        there[..log.len()],
        log[..],
        "the office's log, as it was made there"
    );

    // And sends it back: the office learns the ministry's import, and nothing twice.
    let back = dir.path().join("atpakaļ.json");
    export(&ministry, &back);
    import(&office, &back);
    assert_eq!(audit_rows(&office), 2);
    let here = Store::open(&office)
        .unwrap()
        .audit(SubmissionId(1))
        .unwrap();
    assert_eq!(here, there);
    let round = dir.path().join("2.json");
    export(&office, &round);
    assert_eq!(history_uids(&round), history_uids(&back));
}

/// Turn a database back into what migration 5 left: bases as JSON text, no `changes`, no
/// institutions' sort keys.
fn as_before_migration_6(db: &Path) {
    let conn = Connection::open(db).unwrap();
    let bases: Vec<(i64, Vec<u8>)> = conn
        .prepare("SELECT submission_id, content FROM exchanges")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    conn.execute_batch(
        "CREATE TABLE exchanges_text (
             submission_id INTEGER PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
             content TEXT NOT NULL, at TEXT NOT NULL, revision TEXT,
             ancestors TEXT NOT NULL DEFAULT '[]') STRICT;
         INSERT INTO exchanges_text (submission_id, content, at, revision, ancestors)
             SELECT submission_id, '', at, revision, ancestors FROM exchanges;
         DROP TABLE exchanges;
         ALTER TABLE exchanges_text RENAME TO exchanges;
         DELETE FROM audit WHERE changes IS NOT NULL;
         ALTER TABLE audit DROP COLUMN changes;
         DROP INDEX institutions_in_order;
         DROP INDEX submissions_by_change;
         ALTER TABLE institutions DROP COLUMN sort_key;
         DELETE FROM meta WHERE key = 'sort_keys';
         PRAGMA user_version = 5;",
    )
    .unwrap();
    for (id, packed) in bases {
        let mut json = String::new();
        std::io::Read::read_to_string(&mut flate2::read::ZlibDecoder::new(&packed[..]), &mut json)
            .unwrap();
        conn.execute(
            "UPDATE exchanges SET content = ?2 WHERE submission_id = ?1",
            rusqlite::params![id, json],
        )
        .unwrap();
    }
}

#[test]
fn a_database_from_before_migration_6_still_knows_an_older_file() {
    let (dir, office, ministry) = two_machines("1");
    let first = dir.path().join("1.json");
    export(&office, &first);
    import(&ministry, &first);
    // The office changes an answer after the exchange and sends the ministry its next file.
    let mut store = Store::open(&office).unwrap();
    let person = store.person("Ilze Bērziņa", Role::Respondent).unwrap();
    store
        .save_answer(
            SubmissionId(1),
            AnswerKey::top("D21"),
            Some(&Value::Number(4321.0)),
            person,
        )
        .unwrap();
    drop(store);
    let second = dir.path().join("2.json");
    export(&office, &second);
    assert!(import(&ministry, &second).contains("atjaunināts no faila"));
    as_before_migration_6(&ministry);

    // The first file comes again: only the base an older anketa wrote says it is older, else
    // it is a conflict and refused.
    let out = import(&ministry, &first);
    assert!(out.contains("šajā datubāzē ir jaunāka versija"), "{out}");
    let conn = Connection::open(&ministry).unwrap();
    let (version, base_is_packed): (i64, bool) = conn
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version),
                    substr(content, 1, 1) <> CAST('{' AS BLOB)
             FROM exchanges",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let latest: i64 = Connection::open(&office)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, latest, "migrated again to the newest schema");
    assert!(base_is_packed, "the base is written anew, deflated");
    let value: String = conn
        .query_row(
            "SELECT value FROM answers WHERE submission_id = 1 AND code = 'D21'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(value, r#"{"number":4321.0}"#);
}

/// `file` with its first submission's history changed by `f`, written anew (checksum and all).
fn with_history(
    file: &Path,
    out: &Path,
    f: impl FnOnce(&mut Vec<anketa::exchange::HistoryRecord>),
) {
    let mut read = anketa::exchange::read(&std::fs::read(file).unwrap()).unwrap();
    f(&mut read.submissions[0].history);
    let bytes = anketa::exchange::write(read.exported_at, read.machine, read.submissions);
    std::fs::write(out, bytes).unwrap();
}

fn entries(db: &Path) -> usize {
    Store::open(db)
        .unwrap()
        .audit(SubmissionId(1))
        .unwrap()
        .len()
}

#[test]
fn files_that_bend_an_import_entry_lose_and_double_nothing() {
    let (dir, office, ministry) = two_machines("1");
    let file = dir.path().join("1.json");
    export(&office, &file);
    let log = Store::open(&office)
        .unwrap()
        .audit(SubmissionId(1))
        .unwrap();
    let import_uid = history_uids(&file).last().unwrap().clone();
    let prefix = import_uid.strip_suffix("00000000").unwrap().to_owned();

    // An import entry's uid with a sign where its number is: kept as entries of their own,
    // and the submission still exports.
    let signed = dir.path().join("zīme.json");
    with_history(&file, &signed, |h| {
        h.last_mut().unwrap().uid = format!("{prefix}+0000000");
    });
    import(&ministry, &signed);
    assert_eq!(entries(&ministry), 2 * log.len());
    export(&ministry, &dir.path().join("atpakaļ.json"));

    // A copy that carries only the first three answers of an import, then the whole file: the
    // rest comes, none twice.
    let elsewhere = dir.path().join("cits.db");
    let short = dir.path().join("īss.json");
    with_history(&file, &short, |h| {
        let import = h.pop().unwrap();
        h.truncate(3);
        h.push(import);
    });
    import(&elsewhere, &short);
    assert_eq!(entries(&elsewhere), 4 + log.len());
    import(&elsewhere, &file);
    assert_eq!(entries(&elsewhere), 2 * log.len());
    let again = dir.path().join("vēlreiz.json");
    export(&elsewhere, &again);
    let uids = history_uids(&again);
    let distinct: std::collections::BTreeSet<_> = uids.iter().collect();
    assert_eq!(distinct.len(), uids.len(), "no entry twice");
}
