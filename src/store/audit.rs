//! The audit log: an entry for every change, written in the transaction that makes it, so that
//! the change and its entry are committed together or not at all.

use super::answers::AnswerKey;
use super::people::person_in;
use super::{PersonId, Store, StoreError, SubmissionId};
use crate::exchange::{HistoryRecord, Role};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub what: String,
    pub roster: String,
    pub instance: String,
    pub code: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub person: Option<String>,
    pub role: Option<Role>,
    pub at: String,
    pub machine: String,
    /// Why support staff changed a respondent's answer.
    pub reason: Option<String>,
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
    record_why(tx, machine, c, None)
}

/// [`record`] with the reason support staff gave for changing a respondent's answer.
pub(super) fn record_why(
    tx: &Transaction,
    machine: &str,
    c: &Change,
    reason: Option<&str>,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO audit (uid, submission_id, what, roster, instance, code, old_value,
                            new_value, person_id, at, machine, reason)
         VALUES (lower(hex(randomblob(16))), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
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
        machine,
        reason
    ])?;
    Ok(())
}

/// The audit log of a submission as files carry it, oldest first (by time: entries merged
/// from other machines come in among this one's).
pub(super) fn history_in(
    conn: &Connection,
    submission: SubmissionId,
) -> rusqlite::Result<Vec<HistoryRecord>> {
    conn.prepare_cached(
        "SELECT a.uid, a.what, a.roster, a.instance, a.code, a.old_value, a.new_value,
                coalesce(p.name, ''), p.role, a.at, a.machine, a.reason
         FROM audit a LEFT JOIN people p ON p.id = a.person_id
         WHERE a.submission_id = ?1 ORDER BY a.at, a.id",
    )?
    .query_map([submission], |r| {
        Ok(HistoryRecord {
            uid: r.get(0)?,
            what: r.get(1)?,
            roster: r.get(2)?,
            instance: r.get(3)?,
            code: r.get(4)?,
            old: r.get(5)?,
            new: r.get(6)?,
            author: r.get(7)?,
            role: r
                .get::<_, Option<String>>(8)?
                .as_deref()
                .and_then(Role::parse),
            at: r.get(9)?,
            machine: r.get(10)?,
            reason: r.get(11)?,
        })
    })?
    .collect()
}

/// Add the entries of `history` this database does not have yet, in the file's order after
/// its own: the log of every machine the submission went through, each entry once.
pub(super) fn merge_history(
    tx: &Transaction,
    submission: SubmissionId,
    history: &[HistoryRecord],
) -> rusqlite::Result<()> {
    for h in history {
        let person = match (h.author.as_str(), h.role) {
            ("", _) | (_, None) => None,
            (name, Some(role)) => Some(person_in(tx, name, role.as_str())?),
        };
        tx.prepare_cached(
            "INSERT INTO audit (uid, submission_id, what, roster, instance, code, old_value,
                                new_value, person_id, at, machine, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (uid) DO NOTHING",
        )?
        .execute(params![
            h.uid, submission, h.what, h.roster, h.instance, h.code, h.old, h.new, person, h.at,
            h.machine, h.reason
        ])?;
    }
    Ok(())
}

impl Store {
    /// The audit log of a submission, oldest first, from every machine it went through.
    pub fn audit(&self, submission: SubmissionId) -> Result<Vec<AuditEntry>, StoreError> {
        let history = history_in(&self.conn, submission).map_err(|e| self.sqlite(e))?;
        Ok(history
            .into_iter()
            .map(|h| AuditEntry {
                what: h.what,
                roster: h.roster,
                instance: h.instance,
                code: h.code,
                old_value: h.old,
                new_value: h.new,
                person: (!h.author.is_empty()).then_some(h.author),
                role: h.role,
                at: h.at,
                machine: h.machine,
                reason: h.reason,
            })
            .collect())
    }

    /// The person in `role` who last changed this submission (history from other machines
    /// included: the respondent who filled it elsewhere).
    pub fn last_person(
        &self,
        submission: SubmissionId,
        role: Role,
    ) -> Result<Option<PersonId>, StoreError> {
        self.conn
            .query_row(
                "SELECT a.person_id FROM audit a JOIN people p ON p.id = a.person_id
                 WHERE a.submission_id = ?1 AND p.role = ?2 ORDER BY a.at DESC, a.id DESC
                 LIMIT 1",
                params![submission, role.as_str()],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sqlite(e))
    }
}
