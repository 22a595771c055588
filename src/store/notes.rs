//! Acknowledged warnings: notes on a submission rather than answers, each with an identity of
//! its own (check and place), so that an import adds them to what is here.

use super::answers::AnswerKey;
use super::audit::{Change, record};
use super::{PersonId, Store, StoreError, SubmissionId, now};
use rusqlite::params;

impl Store {
    /// Acknowledge a warning (a check of severity warning), with an optional explanation.
    pub fn acknowledge(
        &mut self,
        submission: SubmissionId,
        check: &str,
        key: AnswerKey,
        comment: &str,
        person: PersonId,
    ) -> Result<(), StoreError> {
        self.write(|tx, machine| {
            let at = now();
            tx.execute(
                "INSERT INTO acknowledgements (submission_id, check_name, roster, instance,
                                               person_id, at, comment)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT DO UPDATE SET person_id = excluded.person_id, at = excluded.at,
                                           comment = excluded.comment",
                params![
                    submission,
                    check,
                    key.roster,
                    key.instance,
                    person,
                    at,
                    comment
                ],
            )?;
            record(
                tx,
                machine,
                &Change {
                    submission,
                    what: "acknowledgement",
                    key: AnswerKey { code: check, ..key },
                    old: None,
                    new: Some(comment),
                    person: Some(person),
                    at: &at,
                },
            )
        })
    }

    /// The warnings acknowledged in a submission: (check, roster, instance).
    pub fn acknowledged(
        &self,
        submission: SubmissionId,
    ) -> Result<Vec<(String, String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT check_name, roster, instance FROM acknowledgements WHERE submission_id = ?1",
            )
            .map_err(|e| self.sqlite(e))?;
        stmt.query_map([submission], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .and_then(Iterator::collect)
            .map_err(|e| self.sqlite(e))
    }
}
