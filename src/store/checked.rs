//! When the whole-file integrity check runs. `PRAGMA quick_check` reads every page: seconds
//! for a ministry's 10,000 submissions, on every command. It pays only where the file may
//! have changed behind anketa's back — after a process died with the database open, or when
//! another program (a copy tool, a disk fault, `dd`) wrote into it. So a clean close writes the
//! file's size and modification time beside it (`DB.checked`), and an open that finds them
//! unchanged, with no write-ahead log left over, skips the check. `anketa doctor` always runs
//! the full check. A filesystem whose modification times are coarser than the time between
//! a close and a same-sized overwrite (FAT's two seconds) can hide such an overwrite until then.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// Dropped after the connection (it is declared after it in [`super::Store`]), so that it sees
/// the file as SQLite left it: checkpointed, and the log removed if this was the last
/// connection.
pub(super) struct CleanClose {
    db: PathBuf,
}

impl CleanClose {
    pub(super) fn new(db: &Path) -> CleanClose {
        CleanClose { db: db.to_owned() }
    }
}

impl Drop for CleanClose {
    fn drop(&mut self) {
        let record = record_path(&self.db);
        // Another connection still has the log: whoever closes last records the file.
        if beside(&self.db, "-wal").exists() {
            return;
        }
        // A record that cannot be written only means that the next open checks again.
        if let Some(print) = fingerprint(&self.db) {
            let _ = std::fs::write(record, print);
        }
    }
}

/// Whether the file is as anketa's last clean close left it, so that the check can be skipped.
pub(super) fn unchanged_since_clean_close(db: &Path) -> bool {
    if beside(db, "-wal").exists() {
        return false;
    }
    let Ok(recorded) = std::fs::read_to_string(record_path(db)) else {
        return false;
    };
    fingerprint(db).is_some_and(|now| now == recorded)
}

fn fingerprint(db: &Path) -> Option<String> {
    let meta = std::fs::metadata(db).ok()?;
    let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some(format!(
        "anketa: the database as last closed cleanly\nsize {}\nmodified {}\n",
        meta.len(),
        modified.as_nanos()
    ))
}

fn record_path(db: &Path) -> PathBuf {
    beside(db, ".checked")
}

pub(super) fn beside(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_owned();
    name.push(suffix);
    db.with_file_name(name)
}
