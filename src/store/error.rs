use rusqlite::ErrorCode;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Everything the store can refuse or fail at, each with a message a user can act on.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{}: not an anketa database ({detail}); it was left untouched", path.display())]
    NotADatabase { path: PathBuf, detail: String },
    #[error("{}: the database is damaged ({detail}); it was left untouched — restore a backup or a copy of the file", path.display())]
    Corrupt { path: PathBuf, detail: String },
    #[error("{}: the database is read-only; anketa needs to write to it (check the file's permissions)", path.display())]
    ReadOnly { path: PathBuf },
    #[error("{}: another program is writing to the database and did not finish in time; try again", path.display())]
    Busy { path: PathBuf },
    #[error("{}: the database is open in another anketa ({holder}); close it there first", path.display())]
    InUse { path: PathBuf, holder: String },
    #[error("{}: the disk is full; the last change was not saved, everything saved before it is intact", path.display())]
    DiskFull { path: PathBuf },
    #[error("{}: the database was written by a newer anketa (schema {found}; this one knows up to {known})", path.display())]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Invalid(String),
    #[error("{}: {source}", path.display())]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

impl StoreError {
    pub(crate) fn from_sqlite(path: &Path, e: rusqlite::Error) -> StoreError {
        let path = path.to_owned();
        let code = match &e {
            rusqlite::Error::SqliteFailure(f, _) => Some(f.code),
            _ => None,
        };
        match code {
            Some(ErrorCode::NotADatabase) => StoreError::NotADatabase {
                path,
                detail: "SQLite does not recognise it".into(),
            },
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
                path,
                detail: e.to_string(),
            },
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { path },
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy { path },
            Some(ErrorCode::DiskFull) => StoreError::DiskFull { path },
            _ => StoreError::Sqlite { path, source: e },
        }
    }
}
