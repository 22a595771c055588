//! The SQLite store: the only code that touches the database. `schema.sql` is the schema.
//!
//! Durability: WAL journal with `synchronous = FULL`, so every committed answer is on disk
//! before the call returns and survives a killed process or a power cut (`docs/storage.md`).
//!
//! Every change is one transaction that also writes its audit entry (`audit.rs`).

mod ancestry;
mod answers;
mod audit;
mod checked;
mod definitions;
mod error;
mod ids;
mod importer;
mod instances;
mod notes;
mod packed;
mod people;
mod queries;
mod submissions;
mod sync;

// The ids every method here takes and returns, found with the store they belong to.
pub use crate::ids::{InstitutionId, PersonId, QuestionnaireRow, SubmissionId};

pub use crate::exchange::Role;
pub use answers::AnswerKey;
pub use audit::AuditEntry;
pub use definitions::DefinitionStatus;
pub use error::StoreError;
pub use importer::Importer;
pub use submissions::{Filter, Position, Seek, SubmissionSummary, Window};
pub use sync::{
    Difference, ExportSink, ImportError, ImportOutcome, ImportReport, ImportedSubmission,
    Resolution,
};

use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

const SCHEMA: &str = include_str!("../../schema.sql");
const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";
/// "ANKT": written into the database header by migration 1, so that anketa's databases are
/// told apart from other programs' SQLite files.
const APPLICATION_ID: i64 = 0x414E_4B54;

/// How long a write waits for another writer before giving up with [`StoreError::Busy`].
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub struct Store {
    conn: Connection,
    path: PathBuf,
    machine: String,
    /// Held while this process edits the database interactively; see [`Store::lock_for_editing`].
    editing_lock: Option<File>,
    /// After `conn`, so that it is dropped after the connection has closed.
    _clean_close: Option<checked::CleanClose>,
}

/// Where the database lives unless `--db` or `ANKETA_DB` says otherwise.
pub fn default_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("anketa").join("anketa.db"))
}

impl Store {
    /// Open (creating if needed) the database at `path`, bring its schema up to date, and
    /// refuse anything that is not an anketa database, with a message that says why.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with_timeout(path, DEFAULT_BUSY_TIMEOUT)
    }

    pub fn open_with_timeout(path: &Path, busy: Duration) -> Result<Store, StoreError> {
        let err = |e| StoreError::from_sqlite(path, e);
        if path.is_dir() {
            return Err(StoreError::NotADatabase {
                path: path.to_owned(),
                detail: "it is a folder".into(),
            });
        }
        check_header(path)?;
        // Before SQLite opens the file: reading it creates the write-ahead log.
        let clean = checked::unchanged_since_clean_close(path);
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| StoreError::Io {
                path: parent.to_owned(),
                source: e,
            })?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(err)?;
        if conn.is_readonly(rusqlite::MAIN_DB).map_err(err)? {
            return Err(StoreError::ReadOnly {
                path: path.to_owned(),
            });
        }
        conn.busy_timeout(busy).map_err(err)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(err)?;
        // Know whose database this is before changing anything in it.
        let (version, application, tables): (i64, i64, i64) = conn
            .query_row(
                "SELECT (SELECT user_version FROM pragma_user_version),
                        (SELECT application_id FROM pragma_application_id),
                        (SELECT count(*) FROM sqlite_master)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(err)?;
        let ours = application == APPLICATION_ID || (version == 0 && tables == 0);
        if !ours {
            return Err(StoreError::NotADatabase {
                path: path.to_owned(),
                detail: "it is an SQLite database of some other program".into(),
            });
        }
        if !clean {
            check_integrity(&conn, path, "quick_check(1)")?;
        }
        switch_to_wal(&conn, busy).map_err(err)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(err)?;
        let mut store = Store {
            conn,
            path: path.to_owned(),
            machine: String::new(),
            editing_lock: None,
            _clean_close: None,
        };
        store.migrate()?;
        store.refresh_sort_keys()?;
        store.machine = store.machine_id()?;
        store._clean_close = Some(checked::CleanClose::new(path));
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// This database's machine id, recorded with every change.
    pub fn machine(&self) -> &str {
        &self.machine
    }

    /// Take the lock that keeps a second interactive anketa off this database. Writes from
    /// several processes are safe without it (SQLite serialises them); it exists so that two
    /// people do not type into the same submissions unaware of each other.
    pub fn lock_for_editing(&mut self) -> Result<(), StoreError> {
        let lock_path = lock_path(&self.path);
        let io = |e| StoreError::Io {
            path: lock_path.clone(),
            source: e,
        };
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let holder = std::fs::read_to_string(&lock_path).unwrap_or_default();
                return Err(StoreError::InUse {
                    path: self.path.clone(),
                    holder: holder.trim().to_owned(),
                });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
        }
        use std::io::{Seek, Write};
        file.set_len(0).map_err(io)?;
        file.seek(std::io::SeekFrom::Start(0)).map_err(io)?;
        write!(file, "process {} since {}", std::process::id(), now()).map_err(io)?;
        self.editing_lock = Some(file);
        Ok(())
    }

    /// Read every page of the file and check every index against its table: the whole of
    /// SQLite's `integrity_check`, which an open runs (in its quicker form) only after an
    /// unclean shutdown or a change by another program.
    pub fn check(&self) -> Result<(), StoreError> {
        check_integrity(&self.conn, &self.path, "integrity_check(20)")
    }

    /// Cap the database file at `max_bytes`: a write that would grow it further fails as if
    /// the disk were full, and nothing written before is lost.
    pub fn limit_size(&self, max_bytes: u64) -> Result<(), StoreError> {
        let page_size: i64 = self
            .conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .map_err(|e| self.sqlite(e))?;
        self.conn
            .query_row(
                &format!(
                    "PRAGMA max_page_count = {}",
                    (max_bytes / page_size as u64).max(1)
                ),
                [],
                |_| Ok(()),
            )
            .map_err(|e| self.sqlite(e))
    }

    fn sqlite(&self, e: rusqlite::Error) -> StoreError {
        StoreError::from_sqlite(&self.path, e)
    }

    fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction, &str) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let path = self.path.clone();
        let err = |e| StoreError::from_sqlite(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(err)?;
        let out = f(&tx, &self.machine).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(out)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let migrations = migrations();
        let latest = migrations.len() as i64;
        let current: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.sqlite(e))?;
        if current > latest {
            return Err(StoreError::NewerSchema {
                path: self.path.clone(),
                found: current,
                known: latest,
            });
        }
        for (n, sql) in migrations.iter().enumerate().skip(current as usize) {
            let version = n as i64 + 1;
            let path = self.path.clone();
            let err = |e| StoreError::from_sqlite(&path, e);
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(err)?;
            // Another process may have migrated while this one waited for the lock.
            let now_at: i64 = tx
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .map_err(err)?;
            if now_at >= version {
                continue;
            }
            tx.execute_batch(sql)
                .and_then(|()| tx.pragma_update(None, "user_version", version))
                .and_then(|()| tx.commit())
                .map_err(err)?;
        }
        Ok(())
    }

    fn machine_id(&mut self) -> Result<String, StoreError> {
        let existing: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'machine_id'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.sqlite(e))?;
        if let Some(id) = existing {
            return Ok(id);
        }
        // OR IGNORE: another process creating the same database may have got there first.
        self.conn
            .execute(
                "INSERT OR IGNORE INTO meta (key, value)
                 VALUES ('machine_id', lower(hex(randomblob(8))))",
                [],
            )
            .map_err(|e| self.sqlite(e))?;
        self.machine_id()
    }
}

/// Switching a new database to WAL takes a lock that SQLite does not wait for; when several
/// processes create the same database at once, the losers retry until `busy` has passed.
fn switch_to_wal(conn: &Connection, busy: Duration) -> rusqlite::Result<()> {
    let started = std::time::Instant::now();
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
            Ok(mode) if mode.eq_ignore_ascii_case("wal") => return Ok(()),
            Ok(mode) => {
                return Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                    Some(format!(
                        "the journal cannot be switched to WAL (it is {mode})"
                    )),
                ));
            }
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && started.elapsed() < busy =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => return Err(e),
        }
    }
}

/// The blocks of `schema.sql`, one per migration, in order.
fn migrations() -> Vec<&'static str> {
    let mut blocks = Vec::new();
    let mut start = None;
    let mut offset = 0;
    for line in SCHEMA.split_inclusive('\n') {
        if line.trim().starts_with("-- migration ") {
            if let Some(s) = start {
                blocks.push(&SCHEMA[s..offset]);
            }
            start = Some(offset + line.len());
        }
        offset += line.len();
    }
    if let Some(s) = start {
        blocks.push(&SCHEMA[s..]);
    }
    blocks
}

fn lock_path(db: &Path) -> PathBuf {
    checked::beside(db, ".lock")
}

/// Run one of SQLite's integrity checks; anything but "ok" refuses the database.
fn check_integrity(conn: &Connection, path: &Path, pragma: &str) -> Result<(), StoreError> {
    let mut stmt = conn
        .prepare(&format!("PRAGMA {pragma}"))
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| StoreError::from_sqlite(path, e))?;
    if problems.len() == 1 && problems[0] == "ok" {
        return Ok(());
    }
    Err(StoreError::Corrupt {
        path: path.to_owned(),
        detail: problems.join("; "),
    })
}

/// Refuse a file that exists, is not empty, and does not start like an SQLite database,
/// before SQLite gets a chance to touch it.
fn check_header(path: &Path) -> Result<(), StoreError> {
    use std::io::Read;
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(StoreError::Io {
                path: path.to_owned(),
                source: e,
            });
        }
    };
    let mut header = [0u8; 16];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => {
                return Err(StoreError::Io {
                    path: path.to_owned(),
                    source: e,
                });
            }
        }
    }
    if read == 0 || header[..read] == SQLITE_MAGIC[..read] && read == header.len() {
        return Ok(());
    }
    Err(StoreError::NotADatabase {
        path: path.to_owned(),
        detail: "it is not an SQLite file".into(),
    })
}

/// The current time as stored: RFC 3339, UTC, milliseconds.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_splits_into_numbered_migrations() {
        let blocks = migrations();
        let numbers: Vec<String> = SCHEMA
            .lines()
            .filter_map(|l| l.trim().strip_prefix("-- migration "))
            .map(str::to_owned)
            .collect();
        let expected: Vec<String> = (1..=blocks.len()).map(|n| n.to_string()).collect();
        assert_eq!(
            numbers, expected,
            "migrations are numbered 1, 2, … in order"
        );
        assert!(blocks[0].contains("CREATE TABLE answers"));
        assert!(!blocks[0].contains("-- migration"));
    }
}
