//! The audit log: an entry for every change, written in the transaction that makes it, so that
//! the change and its entry are committed together or not at all.

use super::answers::AnswerKey;
use super::{PersonId, Store, StoreError, SubmissionId};
use rusqlite::{OptionalExtension, Transaction, params};

#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub what: String,
    pub roster: String,
    pub instance: String,
    pub code: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub person: Option<String>,
    pub at: String,
    pub machine: String,
}

/// One audit row, written inside the transaction that makes the change.
pub(super) struct Change<'a> {
    pub submission: SubmissionId,
    pub what: &'a str,
    pub key: AnswerKey<'a>,
    pub old: Option<&'a str>,
    pub new: Option<&'a str>,
    pub person: Option<PersonId>,
    pub at: &'a str,
}

pub(super) fn record(tx: &Transaction, machine: &str, c: &Change) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO audit (submission_id, what, roster, instance, code, old_value, new_value,
                            person_id, at, machine)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        c.submission,
        c.what,
        c.key.roster,
        c.key.instance,
        c.key.code,
        c.old,
        c.new,
        c.person,
        c.at,
        machine
    ])?;
    Ok(())
}

impl Store {
    /// The audit log of a submission, oldest first.
    pub fn audit(&self, submission: SubmissionId) -> Result<Vec<AuditEntry>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT a.what, a.roster, a.instance, a.code, a.old_value, a.new_value, p.name,
                        a.at, a.machine
                 FROM audit a LEFT JOIN people p ON p.id = a.person_id
                 WHERE a.submission_id = ?1 ORDER BY a.id",
            )
            .map_err(|e| self.sqlite(e))?;
        stmt.query_map([submission], |r| {
            Ok(AuditEntry {
                what: r.get(0)?,
                roster: r.get(1)?,
                instance: r.get(2)?,
                code: r.get(3)?,
                old_value: r.get(4)?,
                new_value: r.get(5)?,
                person: r.get(6)?,
                at: r.get(7)?,
                machine: r.get(8)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.sqlite(e))
    }

    /// The person who last changed an answer of this submission.
    pub fn last_person(&self, submission: SubmissionId) -> Result<Option<PersonId>, StoreError> {
        self.conn
            .query_row(
                "SELECT person_id FROM audit
                 WHERE submission_id = ?1 AND person_id IS NOT NULL ORDER BY id DESC LIMIT 1",
                [submission],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sqlite(e))
    }
}
