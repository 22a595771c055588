//! When the whole database file is checked (`src/store/checked.rs`): after a clean close an
//! open trusts the file it left; a file changed by another program, or left open by a process
//! that died, is checked page by page before anything is read; `anketa doctor` checks always.

mod common;

use anketa::store::{Store, StoreError};
use common::anketa_on;
use std::fs::File;
use std::path::{Path, PathBuf};

/// The demo database, made by the binary and closed cleanly.
fn demo_database(dir: &Path) -> PathBuf {
    let db = dir.join("anketa.db");
    let (code, out, err) = anketa_on(&db, &["--lang", "en", "demo", "--no-tui"]);
    assert_eq!(code, 0, "{out}{err}");
    db
}

/// Overwrite four pages in the middle of the file with garbage, as a disk fault or a copy
/// tool gone wrong would; with `unseen`, the file's size and modification time are put back,
/// so that only reading the pages can tell.
fn damage_the_middle(db: &Path, unseen: bool) {
    let modified = std::fs::metadata(db).unwrap().modified().unwrap();
    let mut bytes = std::fs::read(db).unwrap();
    let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    let from = bytes.len() / 2 / page * page;
    for (i, b) in bytes[from..from + 4 * page].iter_mut().enumerate() {
        *b = (i * 7919 % 251) as u8;
    }
    std::fs::write(db, &bytes).unwrap();
    if unseen {
        File::options()
            .write(true)
            .open(db)
            .unwrap()
            .set_modified(modified)
            .unwrap();
    }
}

fn assert_refused_as_damaged(db: &Path, (code, out, err): (i32, String, String)) {
    assert_eq!(code, 1, "{out}{err}");
    for words in [
        db.display().to_string().as_str(),
        "damaged",
        "left untouched",
    ] {
        assert!(err.contains(words), "{words:?} not in: {err}");
    }
}

#[test]
fn doctor_finds_the_demo_database_intact() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_database(dir.path());
    let (code, out, err) = anketa_on(&db, &["doctor"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("datubāze ir vesela, tajā ir 91 iesniegums"),
        "{out}"
    );
}

#[test]
fn a_database_changed_by_another_program_is_checked_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_database(dir.path());
    damage_the_middle(&db, false);
    assert_refused_as_damaged(&db, anketa_on(&db, &["submissions"]));
    assert!(matches!(
        Store::open(&db).err(),
        Some(StoreError::Corrupt { .. })
    ));
}

#[test]
fn after_a_clean_close_an_open_trusts_the_file_and_doctor_reads_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_database(dir.path());
    damage_the_middle(&db, true);
    // Damage that leaves the size and time as anketa's clean close recorded them is not
    // looked for on open (the listing reads no damaged page)…
    let (code, out, err) = anketa_on(&db, &["submissions", "--all"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out.lines().count(), 91, "{out}");
    // …but `doctor` reads every page.
    assert_refused_as_damaged(&db, anketa_on(&db, &["doctor"]));
}

#[test]
fn a_database_left_open_by_a_process_that_died_is_checked_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_database(dir.path());
    // A connection that is never closed, as a killed process leaves it: its write-ahead
    // log stays beside the database.
    let open = Store::open(&db).unwrap();
    std::mem::forget(open);
    assert!(dir.path().join("anketa.db-wal").exists());
    damage_the_middle(&db, true);
    assert_refused_as_damaged(&db, anketa_on(&db, &["submissions"]));
}
