//! Answers, each under its key and stored as the JSON of its value.

use super::audit::{Change, record_why};
use super::submissions::touch;
use super::{PersonId, Store, StoreError, SubmissionId, now};
use crate::response::{Instance, Response, Value};
use rusqlite::{OptionalExtension, params};
use std::collections::HashMap;

/// Where an answer lives: `roster` and `instance` are empty outside rosters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerKey<'a> {
    pub roster: &'a str,
    pub instance: &'a str,
    pub code: &'a str,
}

impl<'a> AnswerKey<'a> {
    pub fn top(code: &'a str) -> Self {
        AnswerKey {
            roster: "",
            instance: "",
            code,
        }
    }

    pub fn in_roster(roster: &'a str, instance: &'a str, code: &'a str) -> Self {
        AnswerKey {
            roster,
            instance,
            code,
        }
    }
}

impl Store {
    /// Save (or, with `None`, clear) one answer; returns whether anything changed. Committed
    /// durably before returning.
    pub fn save_answer(
        &mut self,
        submission: SubmissionId,
        key: AnswerKey,
        value: Option<&Value>,
        person: PersonId,
    ) -> Result<bool, StoreError> {
        self.change_answer(submission, key, value, person, None)
    }

    /// Support staff's correction of a respondent's answer: saved as [`Store::save_answer`]
    /// saves, with the reason in the audit log.
    pub fn correct_answer(
        &mut self,
        submission: SubmissionId,
        key: AnswerKey,
        value: Option<&Value>,
        person: PersonId,
        reason: &str,
    ) -> Result<bool, StoreError> {
        self.change_answer(submission, key, value, person, Some(reason))
    }

    fn change_answer(
        &mut self,
        submission: SubmissionId,
        key: AnswerKey,
        value: Option<&Value>,
        person: PersonId,
        reason: Option<&str>,
    ) -> Result<bool, StoreError> {
        let new = value.map(encode);
        self.write(|tx, machine| {
            let old: Option<String> = tx
                .prepare_cached(
                    "SELECT value FROM answers
                     WHERE submission_id = ?1 AND roster = ?2 AND instance = ?3 AND code = ?4",
                )?
                .query_row(
                    params![submission, key.roster, key.instance, key.code],
                    |r| r.get(0),
                )
                .optional()?;
            if old == new {
                return Ok(false);
            }
            let at = now();
            match &new {
                Some(v) => tx
                    .prepare_cached(
                        "INSERT INTO answers (submission_id, roster, instance, code, value,
                                              person_id, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                         ON CONFLICT (submission_id, roster, instance, code)
                         DO UPDATE SET value = excluded.value, person_id = excluded.person_id,
                                       updated_at = excluded.updated_at",
                    )?
                    .execute(params![
                        submission,
                        key.roster,
                        key.instance,
                        key.code,
                        v,
                        person,
                        at
                    ])?,
                None => tx
                    .prepare_cached(
                        "DELETE FROM answers
                         WHERE submission_id = ?1 AND roster = ?2 AND instance = ?3 AND code = ?4",
                    )?
                    .execute(params![submission, key.roster, key.instance, key.code])?,
            };
            record_why(
                tx,
                machine,
                &Change {
                    submission,
                    what: "answer",
                    key,
                    old: old.as_deref(),
                    new: new.as_deref(),
                    person: Some(person),
                    at: &at,
                },
                reason,
            )?;
            touch(tx, submission, &at)?;
            Ok(true)
        })
    }

    /// Everything answered in a submission, hidden answers included.
    pub fn load_response(&self, submission: SubmissionId) -> Result<Response, StoreError> {
        response_in(&self.conn, submission).map_err(|e| self.sqlite(e))
    }
}

pub(super) fn encode(value: &Value) -> String {
    serde_json::to_string(value).expect("a value serialises")
}

fn decode(text: &str) -> rusqlite::Result<Value> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(super) fn response_in(
    conn: &rusqlite::Connection,
    submission: SubmissionId,
) -> rusqlite::Result<Response> {
    let mut response = Response::default();
    // Where each instance is in its roster's list: a submission of 20,000 services is read
    // in one pass, not searched per answer.
    let mut at: HashMap<(String, String), usize> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT roster, key, label FROM roster_instances
         WHERE submission_id = ?1 ORDER BY roster, position",
    )?;
    let mut rows = stmt.query([submission])?;
    while let Some(row) = rows.next()? {
        let roster: String = row.get(0)?;
        let key: String = row.get(1)?;
        let list = response.rosters.entry(roster.clone()).or_default();
        at.insert((roster, key.clone()), list.len());
        list.push(Instance {
            key,
            label: row.get(2)?,
            ..Instance::default()
        });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT roster, instance, code, value FROM answers WHERE submission_id = ?1",
    )?;
    let mut rows = stmt.query([submission])?;
    while let Some(row) = rows.next()? {
        let roster: String = row.get(0)?;
        let instance: String = row.get(1)?;
        let code: String = row.get(2)?;
        let value = decode(&row.get::<_, String>(3)?)?;
        if roster.is_empty() {
            response.answers.insert(code, value);
        } else {
            let list = response.rosters.entry(roster.clone()).or_default();
            let index = *at.entry((roster, instance)).or_insert_with_key(|(_, key)| {
                list.push(Instance {
                    key: key.clone(),
                    ..Instance::default()
                });
                list.len() - 1
            });
            list[index].answers.insert(code, value);
        }
    }
    Ok(response)
}
