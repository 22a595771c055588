//! Fault injection for the store: bad submission files (through the library and the real
//! binary), databases that are not ours, damaged, read-only, locked or busy, two instances
//! writing at once, a full disk, and a writer killed with SIGKILL at random moments.
//!
//! "The database is untouched" is checked on every row of every table ([`dump`]), and where
//! the store promises to leave a file alone, on the file's bytes.

mod common;

use common::anketa_on as anketa;

use anketa::exchange::{self, FileError, SubmissionRecord};
use anketa::questionnaire::EINDEX_2019;
use anketa::response::Value;
use anketa::store::{AnswerKey, ImportError, Resolution, Store, StoreError};
use common::fixtures::eindex;
use common::store::{FIRST, Fixture, fill, fixture};
use rusqlite::{Connection, OpenFlags};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Barrier, OnceLock};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// Fixtures (beside those of `common/store.rs`)

/// A database with one submission holding a few answers of every kind, and a service.
fn seeded(path: &Path) -> Fixture {
    let mut f = fixture(path);
    f.save(AnswerKey::top("V00J"), Value::Number(12.0));
    f.save(AnswerKey::top("D61J"), Value::Choice(1));
    f.save(
        AnswerKey::top("ACHIEVEMENTS_DESC"),
        Value::Text("Ēdināšanas pakalpojumi — ā č ē ģ ī ķ ļ ņ š ū ž".into()),
    );
    let service = f
        .store
        .add_instance(f.submission, "services", "Uzņēmumu reģistrācija", f.person)
        .unwrap();
    f.save(
        AnswerKey::in_roster("services", &service, "P52"),
        Value::Number(120.0),
    );
    f
}

/// Every row of every table, as text, sorted: equal dumps mean an untouched database.
fn dump(path: &Path) -> Vec<String> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut rows = vec![format!(
        "user_version {}",
        conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
            .unwrap()
    )];
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = stmt.column_count();
        let mut query = stmt.query([]).unwrap();
        while let Some(row) = query.next().unwrap() {
            let values: Vec<rusqlite::types::Value> =
                (0..columns).map(|i| row.get(i).unwrap()).collect();
            rows.push(format!("{table}: {values:?}"));
        }
    }
    rows.sort();
    rows
}

fn integrity_check(path: &Path) -> String {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

fn sidecar(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.file_name().unwrap().to_owned();
    name.push(suffix);
    db.with_file_name(name)
}

fn assert_mentions(text: &str, words: &[&str]) {
    for w in words {
        assert!(
            text.contains(w),
            "the message should mention {w:?}:\n{text}"
        );
    }
    assert!(!text.contains("panicked"), "no panic:\n{text}");
}

/// Deterministic pseudo-random numbers (splitmix64).
fn random(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn garbage(len: usize, seed: u64) -> Vec<u8> {
    (0..len as u64)
        .map(|i| random(seed ^ (i / 8)).to_le_bytes()[(i % 8) as usize])
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Bad submission files: through the library and through `anketa import`

const EXPORTED_AT: &str = "2026-11-24T10:00:00.000Z";

/// A database with answers, and a valid file carrying its submission.
fn database_and_valid_file(dir: &Path) -> (PathBuf, Vec<u8>) {
    let db = dir.join("anketa.db");
    let f = seeded(&db);
    let records = f.store.export(&[f.submission]).unwrap();
    let bytes = exchange::write(EXPORTED_AT.into(), f.store.machine().into(), records);
    (db, bytes)
}

/// A record of a submission this database does not have (a new uid), with the seeded
/// answers: importing it as it is would add a submission.
fn new_record(db: &Path) -> SubmissionRecord {
    let store = Store::open(db).unwrap();
    let mut record = store.export(&[FIRST]).unwrap().remove(0);
    record.uid = "0f1e2d3c4b5a69788796a5b4c3d2e1f0".into();
    record
}

fn file_of(records: Vec<SubmissionRecord>) -> Vec<u8> {
    exchange::write(EXPORTED_AT.into(), "fedcba9876543210".into(), records)
}

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// `anketa import FILE…` exits 1 naming the problem, and the database is untouched.
fn binary_refuses(db: &Path, files: &[&Path], words: &[&str]) {
    let before = dump(db);
    let mut args = vec!["import"];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    let (code, out, err) = anketa(db, &args);
    assert_eq!(code, 1, "exit code 1\nstdout: {out}\nstderr: {err}");
    assert_mentions(&err, words);
    assert_mentions(&err, &["nekas netika importēts"]);
    assert_eq!(dump(db), before, "the database is untouched");
}

/// `Store::import` refuses a file that reads fine, naming the problem; nothing is written.
fn library_import_refuses(db: &Path, files: &[&[u8]], words: &[&str]) -> ImportError {
    let files: Vec<_> = files
        .iter()
        .map(|bytes| exchange::read(bytes).expect("the file itself reads: its checksum matches"))
        .collect();
    let before = dump(db);
    let mut store = Store::open(db).unwrap();
    // `Theirs` is the most willing resolution: nothing else stands in the way of the import.
    let err = store
        .import(&files, &[EINDEX_2019.1], Resolution::Theirs)
        .unwrap_err();
    assert_mentions(&err.to_string(), words);
    drop(store);
    assert_eq!(dump(db), before, "the database is untouched");
    err
}

#[test]
fn control_the_records_used_below_import_when_nothing_is_wrong_with_them() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = database_and_valid_file(dir.path());
    let record = new_record(&db);
    exchange::check_answers(&record, eindex()).unwrap();
    let file = write_file(dir.path(), "good.json", &file_of(vec![record.clone()]));
    let before = dump(&db);
    let (code, out, err) = anketa(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("pievienots"), "{out}");
    assert_ne!(dump(&db), before, "the import wrote the new submission");
    let store = Store::open(&db).unwrap();
    assert!(
        store
            .submissions()
            .unwrap()
            .iter()
            .any(|s| s.uid == record.uid)
    );
}

#[test]
fn a_file_that_is_not_json_is_refused_naming_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let (db, valid) = database_and_valid_file(dir.path());
    let bytes = b"{\n  \"format\": \"anketa-submissions\",\n  \"version\": 1,\n  oops\n}\n";
    let err = exchange::read(bytes).unwrap_err();
    assert!(
        matches!(
            err,
            FileError::NotJson {
                line: 4,
                column: 3,
                ..
            }
        ),
        "{err:?}"
    );
    assert_mentions(&err.to_string(), &["not JSON", "line 4, column 3"]);
    let path = write_file(dir.path(), "broken.json", bytes);
    binary_refuses(
        &db,
        &[&path],
        &["broken.json", "not JSON", "line 4, column 3"],
    );

    // A copy cut short: still "not JSON", at the line where the file ends.
    let cut = &valid[..valid.len() / 2];
    let last_line = cut.iter().filter(|&&b| b == b'\n').count() + 1;
    let err = exchange::read(cut).unwrap_err();
    assert!(
        matches!(err, FileError::NotJson { line, .. } if line == last_line),
        "{err:?}, expected line {last_line}"
    );
    let path = write_file(dir.path(), "cut.json", cut);
    binary_refuses(
        &db,
        &[&path],
        &["not JSON", &format!("line {last_line}, column")],
    );
}

#[test]
fn json_that_is_not_a_submission_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = database_and_valid_file(dir.path());
    for (name, bytes) in [
        ("object.json", &br#"{"name": "VID", "year": 2019}"#[..]),
        ("array.json", b"[1, 2, 3]"),
        ("other-format.json", br#"{"format": "csv", "version": 1}"#),
    ] {
        assert_eq!(
            exchange::read(bytes),
            Err(FileError::NotSubmissionFile),
            "{name}"
        );
        let path = write_file(dir.path(), name, bytes);
        binary_refuses(&db, &[&path], &["not an anketa submission file"]);
    }
}

#[test]
fn a_file_of_another_format_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (db, valid) = database_and_valid_file(dir.path());
    let text = String::from_utf8(valid).unwrap();
    assert_eq!(text.matches("\"version\": 2,").count(), 1);
    let newer = text.replacen("\"version\": 2,", "\"version\": 3,", 1);
    let err = exchange::read(newer.as_bytes()).unwrap_err();
    assert_eq!(err, FileError::UnsupportedVersion { found: "3".into() });
    assert_mentions(
        &err.to_string(),
        &["format version 3", "reads versions 1 to 2"],
    );
    let path = write_file(dir.path(), "v3.json", newer.as_bytes());
    binary_refuses(
        &db,
        &[&path],
        &["format version 3", "reads versions 1 to 2"],
    );

    let missing = text.replacen("\"version\": 2,", "", 1);
    let err = exchange::read(missing.as_bytes()).unwrap_err();
    assert_mentions(&err.to_string(), &["format version (none)"]);
}

#[test]
fn a_file_changed_after_export_fails_its_checksum() {
    let dir = tempfile::tempdir().unwrap();
    let (db, valid) = database_and_valid_file(dir.path());
    let text = String::from_utf8(valid).unwrap();
    exchange::read(text.as_bytes()).expect("the exported file reads");
    assert_eq!(
        text.matches("\"number\": 12.0").count(),
        1,
        "V00J = 12 appears once"
    );
    // One answer edited by hand, the checksum left as it was.
    let edited = text.replacen("\"number\": 12.0", "\"number\": 13.0", 1);
    assert_eq!(
        exchange::read(edited.as_bytes()),
        Err(FileError::ChecksumMismatch)
    );
    let path = write_file(dir.path(), "edited.json", edited.as_bytes());
    binary_refuses(
        &db,
        &[&path],
        &[
            "checksum mismatch",
            "changed or damaged after it was exported",
        ],
    );

    // No checksum at all.
    let start = text.find("  \"checksum\"").unwrap();
    let unsealed = format!("{}}}\n", text[..start].trim_end().trim_end_matches(','));
    assert_eq!(
        exchange::read(unsealed.as_bytes()),
        Err(FileError::NoChecksum)
    );
    let path = write_file(dir.path(), "unsealed.json", unsealed.as_bytes());
    binary_refuses(&db, &[&path], &["no checksum"]);
}

/// Re-seal an edited file the way `exchange::write` does, so that only its content is wrong.
fn reseal(mut file: serde_json::Value) -> Vec<u8> {
    use sha2::Digest;
    let object = file.as_object_mut().unwrap();
    object.remove("checksum");
    let canonical = serde_json::to_string(&object).unwrap();
    let digest = sha2::Sha256::digest(canonical.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    object.insert("checksum".into(), format!("sha256:{hex}").into());
    serde_json::to_vec_pretty(&file).unwrap()
}

#[test]
fn a_sealed_file_with_the_wrong_structure_is_refused_naming_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let (db, valid) = database_and_valid_file(dir.path());
    let mut file: serde_json::Value = serde_json::from_slice(&valid).unwrap();
    file["submissions"][0]["answers"]["V00J"] = serde_json::json!({"colour": 3});
    let bytes = reseal(file);
    let err = exchange::read(&bytes).unwrap_err();
    assert!(matches!(err, FileError::Structure { .. }), "{err:?}");
    assert_mentions(
        &err.to_string(),
        &["does not have the expected structure", "line", "colour"],
    );
    let path = write_file(dir.path(), "structure.json", &bytes);
    binary_refuses(&db, &[&path], &["expected structure", "colour"]);
}

#[test]
fn a_submission_of_an_unknown_questionnaire_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = database_and_valid_file(dir.path());
    let mut record = new_record(&db);
    record.questionnaire.version = "2099".into();
    record.questionnaire.hash = "ab".repeat(32);
    let bytes = file_of(vec![record.clone()]);
    let err = library_import_refuses(
        &db,
        &[&bytes],
        &[
            &record.uid,
            "which this database does not have",
            &"ab".repeat(32),
            "--questionnaire",
        ],
    );
    assert!(
        matches!(err, ImportError::UnknownQuestionnaire { .. }),
        "{err:?}"
    );
    let path = write_file(dir.path(), "unknown-q.json", &bytes);
    binary_refuses(
        &db,
        &[&path],
        &[
            "kuras šajā datubāzē nav",
            &"ab".repeat(32),
            "--questionnaire",
        ],
    );
}

/// A record with one bad answer: `check_answers` says what is wrong, and so do the library's
/// and the binary's imports, which write nothing.
fn refused_answer(edit: impl FnOnce(&mut SubmissionRecord) -> String) {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = database_and_valid_file(dir.path());
    let mut record = new_record(&db);
    let problem = edit(&mut record);
    assert_eq!(
        exchange::check_answers(&record, eindex()),
        Err(FileError::Invalid {
            uid: record.uid.clone(),
            problem: problem.clone()
        })
    );
    let bytes = file_of(vec![record.clone()]);
    let err = library_import_refuses(&db, &[&bytes], &[&record.uid, &problem]);
    assert!(
        matches!(err, ImportError::File(FileError::Invalid { .. })),
        "{err:?}"
    );
    let path = write_file(dir.path(), "bad.json", &bytes);
    binary_refuses(&db, &[&path], &[&record.uid, &problem]);
}

#[test]
fn an_answer_to_an_unknown_code_is_refused() {
    refused_answer(|r| {
        r.answers.insert("V99X".into(), Value::Number(1.0));
        "answer to unknown question code V99X".into()
    });
}

#[test]
fn an_answer_to_an_unknown_code_in_a_service_is_refused() {
    refused_answer(|r| {
        let service = &mut r.rosters.get_mut("services").unwrap()[0];
        service.answers.insert("P99".into(), Value::Number(1.0));
        format!(
            "answer to unknown question code P99 (in services “{}”)",
            service.key
        )
    });
}

#[test]
fn a_service_question_answered_outside_a_service_is_refused() {
    refused_answer(|r| {
        r.answers.insert("P52".into(), Value::Number(1.0));
        "P52 is not asked there in eindex-2019".into()
    });
}

#[test]
fn a_value_of_the_wrong_type_is_refused() {
    refused_answer(|r| {
        r.answers.insert("V00J".into(), Value::Text("x".into()));
        r#"V00J: the value {"text":"x"} does not fit a whole-number question"#.into()
    });
}

#[test]
fn a_value_of_the_wrong_type_in_a_service_is_refused() {
    refused_answer(|r| {
        let service = &mut r.rosters.get_mut("services").unwrap()[0];
        service
            .answers
            .insert("P52".into(), Value::Choices(vec![1]));
        format!(
            r#"P52 (in services “{}”): the value {{"choices":[1]}} does not fit a whole-number question"#,
            service.key
        )
    });
}

#[test]
fn an_option_that_does_not_exist_is_refused() {
    refused_answer(|r| {
        r.answers.insert("D61J".into(), Value::Choice(7));
        "D61J: 7 is not one of its options".into()
    });
}

#[test]
fn an_unknown_roster_is_refused() {
    refused_answer(|r| {
        let services = r.rosters["services"].clone();
        r.rosters.insert("servises".into(), services);
        "unknown roster servises".into()
    });
}

#[test]
fn one_bad_file_among_good_ones_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = database_and_valid_file(dir.path());
    let good = new_record(&db);
    let mut bad = good.clone();
    bad.uid = "11112222333344445555666677778888".into();
    bad.answers.insert("D61J".into(), Value::Choice(7));
    let good_bytes = file_of(vec![good.clone()]);
    let bad_bytes = file_of(vec![bad.clone()]);
    library_import_refuses(
        &db,
        &[&good_bytes, &bad_bytes],
        &["D61J: 7 is not one of its options"],
    );
    // The same in one file: the good record first.
    let both = file_of(vec![good, bad]);
    library_import_refuses(&db, &[&both], &["D61J: 7 is not one of its options"]);

    let good_path = write_file(dir.path(), "good.json", &good_bytes);
    let bad_path = write_file(dir.path(), "bad.json", &bad_bytes);
    binary_refuses(
        &db,
        &[&good_path, &bad_path],
        &["D61J: 7 is not one of its options"],
    );
    // A file that is not JSON after a good one: also nothing.
    let junk = write_file(dir.path(), "junk.json", b"not json");
    binary_refuses(&db, &[&good_path, &junk], &["junk.json", "not JSON"]);
}

/// "67108864 baiti": a size in bytes as `anketa import` says it in Latvian.
fn bytes_lv(n: u64) -> String {
    use anketa::i18n::{Lang, Noun, count};
    count(Lang::Lv, n as usize, Noun::Byte)
}

#[test]
fn a_submission_over_the_size_limit_is_refused_without_reading_further() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = database_and_valid_file(dir.path());
    let max = exchange::MAX_SUBMISSION_BYTES;
    // One submission whose uid alone is over the limit, and ten times as much after it.
    let mut bytes = br#"{"format": "anketa-submissions", "version": 2, "exported_at": "2026-01-01T00:00:00.000Z", "machine": "m", "submissions": [{"uid": ""#.to_vec();
    bytes.resize(bytes.len() + max as usize + 1, b'a');
    let err = exchange::read(&bytes).unwrap_err();
    assert_eq!(err, FileError::SubmissionTooLarge { max });
    assert_mentions(&err.to_string(), &[&format!("over {max} bytes")]);
    let path = dir.path().join("huge.json");
    let mut file = std::fs::File::create(&path).unwrap();
    std::io::Write::write_all(&mut file, &bytes).unwrap();
    file.set_len(11 * max).unwrap();
    drop(file);
    let started = Instant::now();
    binary_refuses(
        &db,
        &[&path],
        &[
            "huge.json",
            &format!(
                "viens no faila iesniegumiem ir lielāks par {}",
                bytes_lv(max)
            ),
        ],
    );
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "refused at the limit, not at the end of the file ({:?})",
        started.elapsed()
    );
}

#[test]
fn a_device_a_pipe_or_a_folder_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = database_and_valid_file(dir.path());
    let started = Instant::now();
    binary_refuses(
        &db,
        &[Path::new("/dev/zero")],
        &["/dev/zero", "tas nav parasts fails (ierīce vai kanāls)"],
    );
    binary_refuses(&db, &[dir.path()], &["tā ir mape, nevis fails"]);
    let pipe = dir.path().join("pipe.json");
    match std::process::Command::new("mkfifo").arg(&pipe).status() {
        Ok(made) if made.success() => {
            binary_refuses(&db, &[&pipe], &["pipe.json", "tas nav parasts fails"]);
        }
        _ => println!("skipped the pipe: mkfifo is not available here"),
    }
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "nothing was read ({:?})",
        started.elapsed()
    );
}

// ---------------------------------------------------------------------------------------------
// Database files that are not ours, damaged, read-only, newer

fn assert_left_alone(path: &Path, before: &[u8]) {
    assert!(
        std::fs::read(path).unwrap() == before,
        "{} was changed",
        path.display()
    );
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, Vec<u8>); 5] = [
        ("csv", "iestāde;gads\nVID;2019\n".as_bytes().to_vec()),
        ("short", b"SQL".to_vec()),
        ("zeros", vec![0; 8192]),
        ("almost-sqlite", b"SQLite format 2\0 and then some".to_vec()),
        ("json", br#"{"format": "anketa-submissions"}"#.to_vec()),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(format!("{name}.db"));
        std::fs::write(&path, &bytes).unwrap();
        let err = Store::open(&path).err().expect("refused");
        assert!(
            matches!(err, StoreError::NotADatabase { .. }),
            "{name}: {err:?}"
        );
        assert_mentions(
            &err.to_string(),
            &[
                &path.display().to_string(),
                "not an anketa database",
                "it is not an SQLite file",
                "left untouched",
            ],
        );
        assert_left_alone(&path, &bytes);
        for suffix in ["-wal", "-shm", "-journal"] {
            assert!(!sidecar(&path, suffix).exists(), "{name}: no {suffix} made");
        }

        let (code, out, err) = anketa(&path, &["submissions"]);
        assert_eq!(code, 1, "{name}: {out}{err}");
        assert_mentions(&err, &["not an anketa database", "left untouched"]);
        assert_left_alone(&path, &bytes);
    }

    let folder = dir.path().join("folder.db");
    std::fs::create_dir(&folder).unwrap();
    let err = Store::open(&folder).err().expect("refused");
    assert_mentions(
        &err.to_string(),
        &["not an anketa database", "it is a folder"],
    );
}

/// A real database with a full submission (many pages), closed cleanly: no -wal left.
fn closed_database(dir: &Path) -> (PathBuf, Vec<u8>) {
    let db = dir.join("anketa.db");
    let mut f = seeded(&db);
    fill(&mut f, eindex(), 20);
    drop(f);
    assert!(
        !sidecar(&db, "-wal").exists(),
        "closing the last connection checkpoints and removes the WAL"
    );
    let bytes = std::fs::read(&db).unwrap();
    assert!(bytes.len() > 16 * 4096, "{} bytes", bytes.len());
    (db, bytes)
}

#[test]
fn a_damaged_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (db, original) = closed_database(dir.path());
    // The page size, from the header (bytes 16-17, big-endian).
    let page = usize::from(u16::from_be_bytes([original[16], original[17]]));
    assert!(page >= 512, "{page}");
    let len = original.len();
    type Damage = Box<dyn Fn(&mut Vec<u8>)>;
    let damages: Vec<(&str, Damage)> = vec![
        (
            "page 2 onwards overwritten",
            Box::new(move |b: &mut Vec<u8>| b[page..].copy_from_slice(&garbage(len - page, 1))),
        ),
        (
            "a run of pages in the middle overwritten",
            Box::new(move |b: &mut Vec<u8>| {
                let (from, to) = (len / 2 / page * page, (len / 2 / page + 4) * page);
                b[from..to].copy_from_slice(&garbage(to - from, 2));
            }),
        ),
        (
            "the schema page after the header overwritten",
            Box::new(move |b: &mut Vec<u8>| b[100..page].copy_from_slice(&garbage(page - 100, 3))),
        ),
        (
            "cut to half its length",
            Box::new(move |b: &mut Vec<u8>| b.truncate(len / 2 / page * page)),
        ),
        (
            "the header only",
            Box::new(|b: &mut Vec<u8>| {
                let tail = garbage(b.len() - 16, 4);
                b[16..].copy_from_slice(&tail);
            }),
        ),
    ];
    for (what, damage) in damages {
        let mut bytes = original.clone();
        damage(&mut bytes);
        std::fs::write(&db, &bytes).unwrap();
        let err = match Store::open(&db) {
            Ok(store) => {
                // Opened: then reading what the damage hit must fail, cleanly.
                let read = store
                    .load_response(FIRST)
                    .map(|_| ())
                    .and_then(|()| store.audit(FIRST).map(|_| ()));
                panic!("{what}: opened a damaged database (reading it: {read:?})");
            }
            Err(err) => err,
        };
        assert!(
            matches!(
                err,
                StoreError::Corrupt { .. } | StoreError::NotADatabase { .. }
            ),
            "{what}: {err:?}"
        );
        assert_mentions(
            &err.to_string(),
            &[&db.display().to_string(), "left untouched"],
        );
        println!("{what}: {err}");
        assert_left_alone(&db, &bytes);

        let (code, out, stderr) = anketa(&db, &["submissions"]);
        assert_eq!(code, 1, "{what}: {out}{stderr}");
        assert_mentions(&stderr, &["left untouched"]);
        assert_left_alone(&db, &bytes);
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(sidecar(&db, suffix));
        }
    }
}

#[test]
fn a_torn_wal_file_left_by_a_crash_loses_nothing_committed() {
    let dir = tempfile::tempdir().unwrap();
    let (db, original) = closed_database(dir.path());
    let before = dump(&db);
    // A write-ahead log that is garbage (a crash mid-write, a bad copy): SQLite's checksums
    // reject its frames, and the database reads as it was committed.
    std::fs::write(sidecar(&db, "-wal"), garbage(3 * 4096 + 24, 5)).unwrap();
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store
            .load_response(FIRST)
            .unwrap()
            .instances("services")
            .len(),
        21
    );
    drop(store);
    assert_eq!(dump(&db), before);
    assert_eq!(integrity_check(&db), "ok");
    assert_left_alone(&db, &original);
}

#[test]
fn an_sqlite_database_of_another_program_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("other.db");
    let conn = Connection::open(&db).unwrap();
    conn.execute_batch("CREATE TABLE foo (x TEXT); INSERT INTO foo VALUES ('bar');")
        .unwrap();
    drop(conn);
    let err = Store::open(&db).err().expect("refused");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    assert_mentions(&err.to_string(), &["some other program", "left untouched"]);
    let (code, out, stderr) = anketa(&db, &["submissions"]);
    assert_eq!(code, 1, "{out}{stderr}");
    assert_mentions(&stderr, &["some other program"]);
    // Its rows are still there, and no anketa table was added.
    let conn = Connection::open(&db).unwrap();
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 1);
    let x: String = conn
        .query_row("SELECT x FROM foo", [], |r| r.get(0))
        .unwrap();
    assert_eq!(x, "bar");
}

#[test]
fn an_sqlite_database_of_another_program_is_left_byte_for_byte_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("other.db");
    let conn = Connection::open(&db).unwrap();
    conn.execute_batch("CREATE TABLE foo (x TEXT); INSERT INTO foo VALUES ('bar');")
        .unwrap();
    drop(conn);
    let before = std::fs::read(&db).unwrap();
    let err = Store::open(&db).err().expect("refused");
    assert_mentions(&err.to_string(), &["some other program", "left untouched"]);
    assert_left_alone(&db, &before);
    let conn = Connection::open(&db).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete", "the other program's journal mode is kept");
}

#[test]
fn an_sqlite_database_of_another_program_with_a_user_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("other.db");
    let conn = Connection::open(&db).unwrap();
    conn.execute_batch("CREATE TABLE foo (x TEXT); PRAGMA user_version = 1;")
        .unwrap();
    drop(conn);
    let err = Store::open(&db).err().expect("refused");
    let conn = Connection::open(&db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        tables,
        ["foo"],
        "nothing was added to the other program's database"
    );
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    assert_mentions(&err.to_string(), &["some other program", "left untouched"]);
}

#[test]
fn a_database_from_a_newer_anketa_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("anketa.db");
    drop(seeded(&db));
    let conn = Connection::open(&db).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let before = std::fs::read(&db).unwrap();
    let err = Store::open(&db).err().expect("refused");
    assert!(
        matches!(err, StoreError::NewerSchema { found: 99, known, .. } if known < 99),
        "{err:?}"
    );
    assert_mentions(
        &err.to_string(),
        &[
            "written by a newer anketa",
            "schema 99",
            "this one knows up to",
        ],
    );
    assert_left_alone(&db, &before);
    let (code, out, stderr) = anketa(&db, &["submissions"]);
    assert_eq!(code, 1, "{out}{stderr}");
    assert_mentions(&stderr, &["newer anketa"]);
    assert_left_alone(&db, &before);
}

#[test]
fn read_only_message_says_what_to_do() {
    let err = StoreError::ReadOnly {
        path: "/data/anketa.db".into(),
    };
    assert_eq!(
        err.to_string(),
        "/data/anketa.db: the database is read-only; anketa needs to write to it (check the file's permissions)"
    );
}

#[test]
fn a_read_only_database_is_refused_and_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("anketa.db");
    drop(seeded(&db));
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&db).unwrap();
    let privileged = std::fs::OpenOptions::new().write(true).open(&db).is_ok();
    if !privileged {
        let err = Store::open(&db).err().expect("refused");
        assert!(matches!(err, StoreError::ReadOnly { .. }), "{err:?}");
        assert_mentions(&err.to_string(), &["read-only", "permissions"]);
        assert_left_alone(&db, &before);
        let (code, out, stderr) = anketa(&db, &["submissions"]);
        assert_eq!(code, 1, "{out}{stderr}");
        assert_mentions(&stderr, &["read-only"]);
        assert_left_alone(&db, &before);
        return;
    }
    // Running as root, where file permissions are not enforced: run the real binary as
    // `nobody` instead, for whom they are. The folder stays writable, only the file is not.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let closed = [dir.path(), Path::new(env!("CARGO_BIN_EXE_anketa"))]
        .into_iter()
        .flat_map(Path::ancestors)
        .find(|p| {
            std::fs::metadata(p).is_ok_and(|m| m.is_dir() && m.permissions().mode() & 0o001 == 0)
        });
    if let Some(closed) = closed {
        println!(
            "NOTE: skipped: running as root, and nobody cannot enter {}; only the message of \
             StoreError::ReadOnly is tested",
            closed.display()
        );
        return;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_anketa"))
        .arg("--db")
        .arg(&db)
        .arg("submissions")
        .env_remove("ANKETA_DB")
        .uid(65534)
        .gid(65534)
        .output();
    let out = match out {
        Ok(out) => out,
        Err(e) => {
            println!(
                "NOTE: skipped: running as root and cannot run the binary as nobody ({e}); \
                 only the message of StoreError::ReadOnly is tested"
            );
            return;
        }
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_mentions(
        &stderr,
        &["the database is read-only", "check the file's permissions"],
    );
    assert_left_alone(&db, &before);
}

// ---------------------------------------------------------------------------------------------
// Locks: another writer, another anketa

#[test]
fn a_write_while_another_program_holds_the_write_lock_fails_as_busy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("anketa.db");
    let f = seeded(&db);
    let (submission, person) = (f.submission, f.person);
    drop(f);
    let before = dump(&db);

    let other = Connection::open(&db).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let started = Instant::now();
    let result = Store::open_with_timeout(&db, Duration::from_millis(200)).and_then(|mut store| {
        // Readers are not blocked in WAL mode, so opening may succeed; writing may not.
        assert_eq!(
            store.load_response(submission).unwrap().answers["V00J"],
            Value::Number(12.0)
        );
        store.save_answer(
            submission,
            AnswerKey::top("V00J"),
            Some(&Value::Number(99.0)),
            person,
        )
    });
    let waited = started.elapsed();
    let err = result.expect_err("the write waits, then gives up");
    assert!(matches!(err, StoreError::Busy { .. }), "{err:?}");
    assert_mentions(
        &err.to_string(),
        &["another program is writing to the database", "try again"],
    );
    assert!(
        waited >= Duration::from_millis(190) && waited < Duration::from_secs(3),
        "waited for the timeout given, not the default: {waited:?}"
    );
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(dump(&db), before, "nothing was written");

    // Once the other program is done, the same write goes through.
    let mut store = Store::open_with_timeout(&db, Duration::from_millis(200)).unwrap();
    assert!(
        store
            .save_answer(
                submission,
                AnswerKey::top("V00J"),
                Some(&Value::Number(99.0)),
                person
            )
            .unwrap()
    );
}

#[test]
fn the_editing_lock_keeps_a_second_anketa_out_and_names_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("anketa.db");
    let mut first = Store::open(&db).unwrap();
    first.lock_for_editing().unwrap();
    let mut second = Store::open(&db).unwrap();
    let err = second.lock_for_editing().unwrap_err();
    let StoreError::InUse { ref holder, .. } = err else {
        panic!("{err:?}");
    };
    assert!(
        holder.starts_with(&format!("process {} since ", std::process::id())),
        "{holder}"
    );
    assert_mentions(
        &err.to_string(),
        &[
            "open in another anketa",
            &format!("process {}", std::process::id()),
            "close it there first",
        ],
    );
    // Failing to take the lock does not disturb the holder's note.
    let err = second.lock_for_editing().unwrap_err();
    assert!(matches!(err, StoreError::InUse { .. }), "{err:?}");
    drop(first);
    second.lock_for_editing().unwrap();
    let mut third = Store::open(&db).unwrap();
    assert!(matches!(
        third.lock_for_editing(),
        Err(StoreError::InUse { .. })
    ));
}

#[test]
fn the_editing_lock_of_another_process_is_named_and_dies_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("anketa.db");
    let mut child = spawn_writer(&db, &["--lock"]);
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().expect("the writer reports").unwrap();
    assert_eq!(first, format!("locked {}", child.id()));
    let mut store = Store::open(&db).unwrap();
    let err = store.lock_for_editing().unwrap_err();
    assert!(matches!(err, StoreError::InUse { .. }), "{err:?}");
    assert_mentions(
        &err.to_string(),
        &[&format!("process {} since", child.id())],
    );
    child.kill().unwrap();
    child.wait().unwrap();
    store
        .lock_for_editing()
        .expect("a killed anketa does not leave the lock behind");
}

// ---------------------------------------------------------------------------------------------
// The writer child process (examples/answer_writer.rs)

/// The `answer_writer` example, built if `cargo test` was told to build only this test.
fn writer_exe() -> &'static Path {
    static EXE: OnceLock<PathBuf> = OnceLock::new();
    EXE.get_or_init(|| {
        // target/<profile>/deps/store_faults-… → target/<profile>/examples/answer_writer
        let exe = std::env::current_exe().unwrap();
        let profile_dir = exe.parent().and_then(Path::parent).unwrap();
        let path = profile_dir
            .join("examples")
            .join(format!("answer_writer{}", std::env::consts::EXE_SUFFIX));
        let profile = match profile_dir.file_name().and_then(|n| n.to_str()) {
            Some("debug") | None => "dev".to_owned(),
            Some(other) => other.to_owned(),
        };
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
        let status = Command::new(cargo)
            .args([
                "build",
                "--quiet",
                "--example",
                "answer_writer",
                "--profile",
            ])
            .arg(&profile)
            .arg("--target-dir")
            .arg(profile_dir.parent().unwrap())
            .arg("--manifest-path")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
            .status();
        match status {
            Ok(s) if s.success() => {}
            other => println!("NOTE: building the answer_writer example failed: {other:?}"),
        }
        assert!(
            path.exists(),
            "{} is missing: cargo build --example answer_writer",
            path.display()
        );
        path
    })
}

fn spawn_writer(db: &Path, args: &[&str]) -> Child {
    Command::new(writer_exe())
        .arg(db)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the writer starts")
}

/// (code, instance) → value, for every numeric answer of every submission; instance `-`
/// outside rosters, as the writer prints it.
fn numeric_answers(store: &Store) -> BTreeMap<(String, String), i64> {
    let mut out = BTreeMap::new();
    for s in store.submissions().unwrap() {
        let response = store.load_response(s.id).unwrap();
        for (code, value) in &response.answers {
            if let Value::Number(n) = value {
                out.insert((code.clone(), "-".to_owned()), *n as i64);
            }
        }
        for instances in response.rosters.values() {
            for i in instances {
                for (code, value) in &i.answers {
                    if let Value::Number(n) = value {
                        out.insert((code.clone(), i.key.clone()), *n as i64);
                    }
                }
            }
        }
    }
    out
}

/// "saved CODE INSTANCE VALUE" → ((code, instance), value).
fn parse_saved(line: &str) -> Option<((String, String), i64)> {
    let mut words = line.strip_prefix("saved ")?.split(' ');
    let (code, instance, value) = (words.next()?, words.next()?, words.next()?);
    Some(((code.into(), instance.into()), value.parse().ok()?))
}

// ---------------------------------------------------------------------------------------------
// Two instances on one database

#[test]
fn two_instances_writing_at_once_lose_nothing_and_corrupt_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("anketa.db");
    let f = fixture(&db);
    let (submission, person) = (f.submission, f.person);
    drop(f);
    const EACH: usize = 200;
    let barrier = Arc::new(Barrier::new(3));
    let threads: Vec<_> = (0..2)
        .map(|t| {
            let (db, barrier) = (db.clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut store = Store::open(&db).unwrap();
                barrier.wait();
                for i in 0..EACH {
                    let code = format!("T{t}_{i}");
                    let instance = format!("t{t}_{}", i % 10);
                    let key = if t == 0 {
                        AnswerKey::top(&code)
                    } else {
                        AnswerKey::in_roster("services", &instance, &code)
                    };
                    let changed = store
                        .save_answer(submission, key, Some(&Value::Number(i as f64)), person)
                        .unwrap_or_else(|e| panic!("thread {t}, answer {i}: {e}"));
                    assert!(changed);
                    // Readers in between writers see a whole submission.
                    if i % 50 == 0 {
                        store.load_response(submission).unwrap();
                    }
                }
            })
        })
        .collect();
    // A third instance in another process, at the same time, and the real binary importing
    // a submission meanwhile.
    let mut record = Store::open(&db)
        .unwrap()
        .export(&[submission])
        .unwrap()
        .remove(0);
    record.uid = "0f1e2d3c4b5a69788796a5b4c3d2e1f0".into();
    record.answers.insert("V00J".into(), Value::Number(7.0));
    let file = write_file(dir.path(), "import.json", &file_of(vec![record]));
    barrier.wait();
    let child = spawn_writer(&db, &["--count", "200", "--prefix", "PROC"]);
    let (code, out, err) = anketa(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(code, 0, "the import waits for the writers: {out}{err}");
    for t in threads {
        t.join().unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout.lines().filter_map(parse_saved).count(), 200);

    assert_eq!(integrity_check(&db), "ok");
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store.submissions().unwrap().len(),
        2,
        "the import went in too"
    );
    let answers = numeric_answers(&store);
    assert_eq!(answers[&("V00J".to_owned(), "-".to_owned())], 7);
    for i in 0..EACH {
        assert_eq!(
            answers.get(&(format!("T0_{i}"), "-".into())),
            Some(&(i as i64)),
            "T0_{i}"
        );
        assert_eq!(
            answers.get(&(format!("T1_{i}"), format!("t1_{}", i % 10))),
            Some(&(i as i64)),
            "T1_{i}"
        );
    }
    let from_child: i64 = answers
        .iter()
        .filter(|((code, _), _)| code.starts_with("PROC_"))
        .map(|(_, v)| v)
        .sum();
    assert_eq!(
        from_child, 200,
        "8 answers saved 25 times each, each time one higher"
    );
    let audited = store
        .audit(submission)
        .unwrap()
        .iter()
        .filter(|e| e.what == "answer")
        .count();
    assert_eq!(
        audited,
        2 * EACH + 200,
        "every save is in the audit log once"
    );
}

#[test]
fn several_instances_creating_one_new_database_at_once_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for round in 0..20 {
        let db = dir.path().join(format!("fresh{round}.db"));
        let barrier = Arc::new(Barrier::new(4));
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let (db, barrier) = (db.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    Store::open(&db).map(|s| s.machine().to_owned())
                })
            })
            .collect();
        let mut machines = Vec::new();
        for t in threads {
            match t.join().unwrap() {
                Ok(machine) => machines.push(machine),
                Err(e) => failures.push(format!("round {round}: {e}")),
            }
        }
        assert!(
            machines.iter().all(|m| m == &machines[0]),
            "one machine id: {machines:?}"
        );
        assert_eq!(integrity_check(&db), "ok");
    }
    assert!(
        failures.is_empty(),
        "{} of 80 opens failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// A full disk

#[test]
fn a_full_disk_fails_the_save_and_keeps_everything_saved_before() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("anketa.db");
    let f = seeded(&db);
    let (submission, person) = (f.submission, f.person);
    drop(f); // checkpointed: the file's size is the database's size
    let mut store = Store::open(&db).unwrap();
    let size = std::fs::metadata(&db).unwrap().len();
    store.limit_size(size + 64 * 1024).unwrap();

    let mut saved: Vec<(String, Value)> = Vec::new();
    let err = loop {
        let i = saved.len();
        assert!(i < 1000, "the limit was never reached");
        let code = format!("FULL_{i}");
        let value = Value::Text(format!("{i}: {}", "ā".repeat(4000)));
        match store.save_answer(submission, AnswerKey::top(&code), Some(&value), person) {
            Ok(changed) => {
                assert!(changed);
                saved.push((code, value));
            }
            Err(e) => break e,
        }
    };
    assert!(saved.len() >= 2, "some answers fit before the disk filled");
    assert!(matches!(err, StoreError::DiskFull { .. }), "{err:?}");
    assert_mentions(
        &err.to_string(),
        &[
            "the disk is full",
            "the last change was not saved",
            "everything saved before it is intact",
        ],
    );
    // Still full: the same answer fails the same way; reading still works.
    let again = store
        .save_answer(
            submission,
            AnswerKey::top("FULL_again"),
            Some(&Value::Text("ā".repeat(4000))),
            person,
        )
        .unwrap_err();
    assert!(matches!(again, StoreError::DiskFull { .. }), "{again:?}");
    assert_eq!(
        store.load_response(submission).unwrap().answers.len(),
        3 + saved.len()
    );
    drop(store);

    assert_eq!(integrity_check(&db), "ok");
    let store = Store::open(&db).unwrap();
    let response = store.load_response(submission).unwrap();
    for (code, value) in &saved {
        assert_eq!(response.answers.get(code), Some(value), "{code}");
    }
    assert_eq!(response.answers["V00J"], Value::Number(12.0));
    assert_eq!(
        response.answers.get(&format!("FULL_{}", saved.len())),
        None,
        "the failed save left nothing"
    );
    let audited = store
        .audit(submission)
        .unwrap()
        .iter()
        .filter(|e| e.code.starts_with("FULL_"))
        .count();
    assert_eq!(audited, saved.len(), "no audit entry for the failed saves");
    // Without the limit (it belongs to the connection), saving works again.
    let mut store = store;
    store
        .save_answer(
            submission,
            AnswerKey::top("FULL_again"),
            Some(&Value::Text("ā".repeat(4000))),
            person,
        )
        .unwrap();
}

// ---------------------------------------------------------------------------------------------
// Killed with SIGKILL at random moments

#[test]
fn answers_reported_saved_survive_sigkill() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("anketa.db");
    let started = Instant::now();
    // What the database held after the previous run (nothing at first).
    let mut known: BTreeMap<(String, String), i64> = BTreeMap::new();
    let mut total_reported = 0;
    let mut killed_before_first_save = 0;
    for run in 0..25u64 {
        let r = random(run);
        let mut child = spawn_writer(&db, &[]);
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut lines = Vec::new();
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let _ = tx.send(());
                lines.push(line);
            }
            lines
        });
        let how = if run % 2 == 0 {
            // After a number of reported saves.
            let n = 1 + r % 50;
            for _ in 0..n {
                if rx.recv_timeout(Duration::from_secs(10)).is_err() {
                    break;
                }
            }
            format!("after {n} saves")
        } else {
            // After a short delay: sometimes before the first save, even during the setup.
            let ms = r % 25;
            std::thread::sleep(Duration::from_millis(ms));
            format!("after {ms} ms")
        };
        child.kill().unwrap();
        let status = child.wait().unwrap();
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        assert_eq!(
            status.signal(),
            Some(9),
            "run {run}: the writer was still writing when killed ({status}): {stderr}"
        );
        // Every line that reached the pipe, before or after the kill, reports a saved answer.
        let lines = reader.join().unwrap();
        if lines.is_empty() {
            killed_before_first_save += 1;
        }
        let mut reported = known.clone();
        for line in &lines {
            let (key, value) =
                parse_saved(line).unwrap_or_else(|| panic!("run {run}: unexpected line {line:?}"));
            let entry = reported.entry(key).or_insert(0);
            *entry = (*entry).max(value);
            total_reported += 1;
        }

        let store = Store::open(&db).unwrap_or_else(|e| panic!("run {run} ({how}): {e}"));
        let stored = numeric_answers(&store);
        drop(store);
        for (key, value) in &reported {
            let found = stored.get(key).copied();
            assert!(
                found.is_some_and(|v| v >= *value),
                "run {run} ({how}): {key:?} was reported saved as {value}, the database has {found:?}"
            );
        }
        // At most one save can have committed without being reported: the one in flight.
        let unreported: i64 = stored
            .iter()
            .map(|(key, v)| v - reported.get(key).copied().unwrap_or(0))
            .sum();
        assert!(
            unreported <= 1,
            "run {run} ({how}): {unreported} saves more than reported: {stored:?} vs {reported:?}"
        );
        assert_eq!(integrity_check(&db), "ok", "run {run} ({how})");
        known = stored;
    }
    assert!(
        total_reported > 100,
        "the runs saved something ({total_reported})"
    );
    println!(
        "25 kills ({killed_before_first_save} before the first save), {total_reported} reported \
         saves, {:?}",
        started.elapsed()
    );
}

// ---------------------------------------------------------------------------------------------
// Values that do not survive the store

#[test]
fn a_saved_number_reads_back_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("anketa.db");
    let mut f = seeded(&db);
    // serde_json's default parser reads "994.1414234139935" as 994.1414234139936.
    let value = Value::Number(994.141_423_413_993_5);
    f.save(AnswerKey::top("D24"), value.clone());
    drop(f);
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store.load_response(FIRST).unwrap().answers["D24"],
        value,
        "the number saved is the number read back"
    );
}

#[test]
fn a_file_with_a_full_precision_number_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = database_and_valid_file(dir.path());
    let mut record = new_record(&db);
    record
        .answers
        .insert("D24".into(), Value::Number(994.141_423_413_993_5));
    let bytes = file_of(vec![record.clone()]);
    let file = exchange::read(&bytes).expect("a file exchange::write wrote reads back");
    assert_eq!(file.submissions[0].answers["D24"], record.answers["D24"]);
}
