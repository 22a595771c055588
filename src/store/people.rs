//! People, with the role they answer in, and the institutions they answer for.

use super::{InstitutionId, PersonId, Store, StoreError, now};
use crate::exchange::{InstitutionKind, InstitutionRecord, Role};
use crate::i18n::sort_key_lv;
use rusqlite::{OptionalExtension, Transaction, params};

impl Store {
    /// The person with this name and role, created on first use.
    pub fn person(&mut self, name: &str, role: Role) -> Result<PersonId, StoreError> {
        self.write(|tx, _| person_in(tx, name, role.as_str()))
    }

    /// The institution matching `record` (by registration number, else by name), created or
    /// updated to match.
    pub fn institution(&mut self, record: &InstitutionRecord) -> Result<InstitutionId, StoreError> {
        self.write(|tx, _| institution_in(tx, record))
    }

    pub fn institutions(&self) -> Result<Vec<(InstitutionId, InstitutionRecord)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name, reg_no, sector, kind FROM institutions ORDER BY name")
            .map_err(|e| self.sqlite(e))?;
        let rows = stmt
            .query_map([], |r| {
                let kind: String = r.get(4)?;
                Ok((
                    r.get(0)?,
                    InstitutionRecord {
                        name: r.get(1)?,
                        reg_no: r.get(2)?,
                        sector: r.get(3)?,
                        kind: if kind == "ministry" {
                            InstitutionKind::Ministry
                        } else {
                            InstitutionKind::Institution
                        },
                    },
                ))
            })
            .and_then(Iterator::collect)
            .map_err(|e| self.sqlite(e))?;
        Ok(rows)
    }
}

pub(super) fn person_in(tx: &Transaction, name: &str, role: &str) -> rusqlite::Result<PersonId> {
    tx.query_row(
        "INSERT INTO people (name, role) VALUES (?1, ?2)
         ON CONFLICT (name, role) DO UPDATE SET name = excluded.name
         RETURNING id",
        params![name, role],
        |r| r.get(0),
    )
}

pub(super) fn institution_in(
    tx: &Transaction,
    record: &InstitutionRecord,
) -> rusqlite::Result<InstitutionId> {
    let existing: Option<InstitutionId> = match &record.reg_no {
        Some(reg_no) => tx
            .query_row(
                "SELECT id FROM institutions WHERE reg_no = ?1",
                [reg_no],
                |r| r.get(0),
            )
            .optional()?,
        None => tx
            .query_row(
                "SELECT id FROM institutions WHERE reg_no IS NULL AND name = ?1",
                [&record.name],
                |r| r.get(0),
            )
            .optional()?,
    };
    match existing {
        Some(id) => {
            tx.execute(
                "UPDATE institutions SET name = ?2, sector = coalesce(?3, sector), kind = ?4,
                     sort_key = ?5
                 WHERE id = ?1",
                params![
                    id,
                    record.name,
                    record.sector,
                    record.kind.as_str(),
                    sort_key_lv(&record.name)
                ],
            )?;
            Ok(id)
        }
        None => {
            tx.execute(
                "INSERT INTO institutions (name, reg_no, sector, kind, created_at, sort_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    record.name,
                    record.reg_no,
                    record.sector,
                    record.kind.as_str(),
                    now(),
                    sort_key_lv(&record.name)
                ],
            )?;
            Ok(InstitutionId(tx.last_insert_rowid()))
        }
    }
}

impl Store {
    /// Write every institution's sort key again when they were made with other collation data
    /// than this program's (or not at all: a database from before migration 7).
    pub(super) fn refresh_sort_keys(&mut self) -> Result<(), StoreError> {
        let version = crate::i18n::sort_keys_version();
        let stored: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'sort_keys'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.sqlite(e))?;
        if stored.as_deref() == Some(version.as_str()) {
            return Ok(());
        }
        self.write(|tx, _| {
            let names: Vec<(InstitutionId, String)> = tx
                .prepare("SELECT id, name FROM institutions")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut update = tx.prepare("UPDATE institutions SET sort_key = ?2 WHERE id = ?1")?;
            for (id, name) in names {
                update.execute(params![id, sort_key_lv(&name)])?;
            }
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('sort_keys', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [&version],
            )?;
            Ok(())
        })
    }
}
