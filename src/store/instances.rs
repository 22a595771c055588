//! The instances of a roster (the services of an institution): added, named, removed and put
//! in order, each change audited like an answer.

use super::answers::AnswerKey;
use super::audit::{Change, record};
use super::submissions::touch;
use super::{PersonId, Store, StoreError, SubmissionId, now};
use rusqlite::{OptionalExtension, Transaction, params};

impl Store {
    /// Add an instance (a service) at the end of a roster; returns its key.
    pub fn add_instance(
        &mut self,
        submission: SubmissionId,
        roster: &str,
        label: &str,
        person: PersonId,
    ) -> Result<String, StoreError> {
        self.write(|tx, machine| {
            let key: String = tx.query_row("SELECT lower(hex(randomblob(6)))", [], |r| r.get(0))?;
            let at = now();
            tx.execute(
                "INSERT INTO roster_instances (submission_id, roster, key, label, position)
                 VALUES (?1, ?2, ?3, ?4,
                         (SELECT coalesce(max(position), -1) + 1 FROM roster_instances
                          WHERE submission_id = ?1 AND roster = ?2))",
                params![submission, roster, key, label],
            )?;
            record(
                tx,
                machine,
                &Change {
                    submission,
                    what: "instance",
                    key: AnswerKey::in_roster(roster, &key, ""),
                    old: None,
                    new: Some(label),
                    person: Some(person),
                    at: &at,
                },
            )?;
            touch(tx, submission, &at)?;
            Ok(key)
        })
    }

    pub fn rename_instance(
        &mut self,
        submission: SubmissionId,
        roster: &str,
        key: &str,
        label: &str,
        person: PersonId,
    ) -> Result<(), StoreError> {
        self.write(|tx, machine| {
            let old: String = tx.query_row(
                "SELECT label FROM roster_instances
                 WHERE submission_id = ?1 AND roster = ?2 AND key = ?3",
                params![submission, roster, key],
                |r| r.get(0),
            )?;
            if old == label {
                return Ok(());
            }
            let at = now();
            tx.execute(
                "UPDATE roster_instances SET label = ?4
                 WHERE submission_id = ?1 AND roster = ?2 AND key = ?3",
                params![submission, roster, key, label],
            )?;
            record(
                tx,
                machine,
                &Change {
                    submission,
                    what: "instance",
                    key: AnswerKey::in_roster(roster, key, ""),
                    old: Some(&old),
                    new: Some(label),
                    person: Some(person),
                    at: &at,
                },
            )?;
            touch(tx, submission, &at)
        })
    }

    /// Delete an instance and its answers; the audit log keeps every value it had.
    pub fn remove_instance(
        &mut self,
        submission: SubmissionId,
        roster: &str,
        key: &str,
        person: PersonId,
    ) -> Result<(), StoreError> {
        self.write(|tx, machine| {
            let at = now();
            let answers: Vec<(String, String)> = tx
                .prepare(
                    "SELECT code, value FROM answers
                     WHERE submission_id = ?1 AND roster = ?2 AND instance = ?3",
                )?
                .query_map(params![submission, roster, key], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<Result<_, _>>()?;
            for (code, value) in &answers {
                record(
                    tx,
                    machine,
                    &Change {
                        submission,
                        what: "answer",
                        key: AnswerKey::in_roster(roster, key, code),
                        old: Some(value),
                        new: None,
                        person: Some(person),
                        at: &at,
                    },
                )?;
            }
            tx.execute(
                "DELETE FROM answers WHERE submission_id = ?1 AND roster = ?2 AND instance = ?3",
                params![submission, roster, key],
            )?;
            let label: Option<String> = tx
                .query_row(
                    "DELETE FROM roster_instances
                     WHERE submission_id = ?1 AND roster = ?2 AND key = ?3 RETURNING label",
                    params![submission, roster, key],
                    |r| r.get(0),
                )
                .optional()?;
            record(
                tx,
                machine,
                &Change {
                    submission,
                    what: "instance",
                    key: AnswerKey::in_roster(roster, key, ""),
                    old: label.as_deref(),
                    new: None,
                    person: Some(person),
                    at: &at,
                },
            )?;
            renumber(tx, submission, roster)?;
            touch(tx, submission, &at)
        })
    }

    /// Move an instance to `position` (0-based) within its roster.
    pub fn move_instance(
        &mut self,
        submission: SubmissionId,
        roster: &str,
        key: &str,
        position: usize,
    ) -> Result<(), StoreError> {
        self.write(|tx, _| {
            let mut keys: Vec<String> = tx
                .prepare(
                    "SELECT key FROM roster_instances
                     WHERE submission_id = ?1 AND roster = ?2 ORDER BY position",
                )?
                .query_map(params![submission, roster], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let Some(from) = keys.iter().position(|k| k == key) else {
                return Err(rusqlite::Error::QueryReturnedNoRows);
            };
            let moved = keys.remove(from);
            keys.insert(position.min(keys.len()), moved);
            for (i, k) in keys.iter().enumerate() {
                tx.execute(
                    "UPDATE roster_instances SET position = ?4
                     WHERE submission_id = ?1 AND roster = ?2 AND key = ?3",
                    params![submission, roster, k, i as i64],
                )?;
            }
            Ok(())
        })
    }
}

fn renumber(tx: &Transaction, submission: SubmissionId, roster: &str) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE roster_instances SET position = (
             SELECT count(*) FROM roster_instances o
             WHERE o.submission_id = roster_instances.submission_id
               AND o.roster = roster_instances.roster
               AND o.position < roster_instances.position)
         WHERE submission_id = ?1 AND roster = ?2",
        params![submission, roster],
    )?;
    Ok(())
}
