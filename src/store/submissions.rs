//! Institutions, people, questionnaires, submissions and their answers. Every change is one
//! transaction that also writes its audit entry.

use super::{InstitutionId, PersonId, QuestionnaireRow, Store, StoreError, SubmissionId, now};
use crate::exchange::{InstitutionKind, InstitutionRecord, Status, definition_hash};
use crate::questionnaire::Questionnaire;
use crate::response::{Instance, Response, Value};
use rusqlite::{OptionalExtension, Transaction, params};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Respondent,
    Consultant,
    Support,
}

impl Role {
    fn as_str(self) -> &'static str {
        match self {
            Role::Respondent => "respondent",
            Role::Consultant => "consultant",
            Role::Support => "support",
        }
    }
}

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

#[derive(Debug, Clone, PartialEq)]
pub struct SubmissionSummary {
    pub id: SubmissionId,
    pub uid: String,
    pub institution: String,
    pub questionnaire_code: String,
    pub questionnaire_version: String,
    pub questionnaire_hash: String,
    pub year: i32,
    pub status: Status,
    pub updated_at: String,
}

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

pub(super) fn touch(tx: &Transaction, submission: SubmissionId, at: &str) -> rusqlite::Result<()> {
    tx.prepare_cached("UPDATE submissions SET updated_at = ?2 WHERE id = ?1")?
        .execute(params![submission, at])?;
    Ok(())
}

pub(super) fn encode(value: &Value) -> String {
    serde_json::to_string(value).expect("a value serialises")
}

pub(super) fn decode(text: &str) -> rusqlite::Result<Value> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

impl Store {
    pub(super) fn write<T>(
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

    /// Record a definition (kept whole, keyed by the hash of its bytes).
    pub fn register_questionnaire(
        &mut self,
        q: &Questionnaire,
        definition: &str,
    ) -> Result<QuestionnaireRow, StoreError> {
        self.write(|tx, _| questionnaire_in(tx, q, definition))
    }

    /// The definition text a hash stands for, if this database has it.
    pub fn definition(&self, hash: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row(
                "SELECT definition FROM questionnaires WHERE hash = ?1",
                [hash],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sqlite(e))
    }

    pub fn create_submission(
        &mut self,
        institution: InstitutionId,
        questionnaire: QuestionnaireRow,
        year: i32,
        person: PersonId,
    ) -> Result<SubmissionId, StoreError> {
        self.write(|tx, machine| {
            let at = now();
            tx.execute(
                "INSERT INTO submissions (uid, institution_id, questionnaire_id, year, status,
                                          created_at, updated_at)
                 VALUES (lower(hex(randomblob(16))), ?1, ?2, ?3, 'draft', ?4, ?4)",
                params![institution, questionnaire, year, at],
            )?;
            let id = tx.last_insert_rowid();
            record(
                tx,
                machine,
                &Change {
                    submission: id,
                    what: "status",
                    key: AnswerKey::top(""),
                    old: None,
                    new: Some("draft"),
                    person: Some(person),
                    at: &at,
                },
            )?;
            Ok(id)
        })
    }

    pub fn submissions(&self) -> Result<Vec<SubmissionSummary>, StoreError> {
        self.summaries("", [])
    }

    pub fn submission(&self, id: SubmissionId) -> Result<SubmissionSummary, StoreError> {
        self.summaries("WHERE s.id = ?1", [id])?
            .pop()
            .ok_or_else(|| StoreError::Invalid(format!("there is no submission {id}")))
    }

    fn summaries<P: rusqlite::Params>(
        &self,
        filter: &str,
        params: P,
    ) -> Result<Vec<SubmissionSummary>, StoreError> {
        let sql = format!(
            "SELECT s.id, s.uid, i.name, q.code, q.version, q.hash, s.year, s.status, s.updated_at
             FROM submissions s
             JOIN institutions i ON i.id = s.institution_id
             JOIN questionnaires q ON q.id = s.questionnaire_id
             {filter}
             ORDER BY i.name, s.year, s.id"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sqlite(e))?;
        stmt.query_map(params, |r| {
            let status: String = r.get(7)?;
            Ok(SubmissionSummary {
                id: r.get(0)?,
                uid: r.get(1)?,
                institution: r.get(2)?,
                questionnaire_code: r.get(3)?,
                questionnaire_version: r.get(4)?,
                questionnaire_hash: r.get(5)?,
                year: r.get(6)?,
                status: Status::parse(&status).unwrap_or(Status::Draft),
                updated_at: r.get(8)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.sqlite(e))
    }

    /// Save (or, with `None`, clear) one answer; returns whether anything changed. Committed
    /// durably before returning.
    pub fn save_answer(
        &mut self,
        submission: SubmissionId,
        key: AnswerKey,
        value: Option<&Value>,
        person: PersonId,
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
            record(
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
            )?;
            touch(tx, submission, &at)?;
            Ok(true)
        })
    }

    /// Everything answered in a submission, hidden answers included.
    pub fn load_response(&self, submission: SubmissionId) -> Result<Response, StoreError> {
        response_in(&self.conn, submission).map_err(|e| self.sqlite(e))
    }

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

    /// Move a submission along its life (draft → submitted → accepted, or back as returned).
    pub fn set_status(
        &mut self,
        submission: SubmissionId,
        to: Status,
        person: PersonId,
    ) -> Result<(), StoreError> {
        let from = self.submission(submission)?.status;
        if !from.can_become(to) {
            return Err(StoreError::Invalid(format!(
                "a {} submission cannot become {}",
                from.as_str(),
                to.as_str()
            )));
        }
        self.write(|tx, machine| {
            let at = now();
            tx.execute(
                "UPDATE submissions SET status = ?2, updated_at = ?3,
                    submitted_at = CASE WHEN ?2 = 'submitted' THEN ?3 ELSE submitted_at END,
                    accepted_at = CASE WHEN ?2 = 'accepted' THEN ?3 ELSE accepted_at END
                 WHERE id = ?1",
                params![submission, to.as_str(), at],
            )?;
            record(
                tx,
                machine,
                &Change {
                    submission,
                    what: "status",
                    key: AnswerKey::top(""),
                    old: Some(from.as_str()),
                    new: Some(to.as_str()),
                    person: Some(person),
                    at: &at,
                },
            )
        })
    }

    /// A review comment on a question (`key.code` empty: on the whole submission).
    pub fn add_comment(
        &mut self,
        submission: SubmissionId,
        key: AnswerKey,
        body: &str,
        person: PersonId,
    ) -> Result<String, StoreError> {
        self.write(|tx, machine| {
            let at = now();
            let uid: String = tx.query_row(
                "INSERT INTO comments (uid, submission_id, roster, instance, code, person_id, at, body)
                 VALUES (lower(hex(randomblob(16))), ?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING uid",
                params![submission, key.roster, key.instance, key.code, person, at, body],
                |r| r.get(0),
            )?;
            record(
                tx,
                machine,
                &Change {
                    submission,
                    what: "comment",
                    key,
                    old: None,
                    new: Some(body),
                    person: Some(person),
                    at: &at,
                },
            )?;
            Ok(uid)
        })
    }

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
                "UPDATE institutions SET name = ?2, sector = coalesce(?3, sector), kind = ?4
                 WHERE id = ?1",
                params![id, record.name, record.sector, record.kind.as_str()],
            )?;
            Ok(id)
        }
        None => {
            tx.execute(
                "INSERT INTO institutions (name, reg_no, sector, kind, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    record.name,
                    record.reg_no,
                    record.sector,
                    record.kind.as_str(),
                    now()
                ],
            )?;
            Ok(tx.last_insert_rowid())
        }
    }
}

pub(super) fn questionnaire_in(
    tx: &Transaction,
    q: &Questionnaire,
    definition: &str,
) -> rusqlite::Result<QuestionnaireRow> {
    let hash = definition_hash(definition.as_bytes());
    tx.query_row(
        "INSERT INTO questionnaires (code, version, hash, title, definition)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (hash) DO UPDATE SET code = excluded.code
         RETURNING id",
        params![q.id, q.version, hash, q.title, definition],
        |r| r.get(0),
    )
}

pub(super) fn response_in(
    conn: &rusqlite::Connection,
    submission: SubmissionId,
) -> rusqlite::Result<Response> {
    let mut response = Response::default();
    let mut stmt = conn.prepare_cached(
        "SELECT roster, key, label FROM roster_instances
         WHERE submission_id = ?1 ORDER BY roster, position",
    )?;
    let mut rows = stmt.query([submission])?;
    while let Some(row) = rows.next()? {
        let roster: String = row.get(0)?;
        response.rosters.entry(roster).or_default().push(Instance {
            key: row.get(1)?,
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
            response
                .instance_mut(&roster, &instance)
                .answers
                .insert(code, value);
        }
    }
    Ok(response)
}

/// Whether a submission's definition is the one at hand.
#[derive(Debug)]
pub enum DefinitionStatus {
    Same,
    /// The submission was filled with another version: it is read with the definition it was
    /// filled with, and these are the differences to the one at hand.
    Changed {
        filled_with: Box<Questionnaire>,
        filled_hash: String,
        changes: Vec<crate::questionnaire::Change>,
    },
}

impl Store {
    /// Compare the definition a submission was filled with against `current` (a definition
    /// text). A submission is never silently read with a different definition.
    pub fn definition_status(
        &self,
        submission: SubmissionId,
        current: &Questionnaire,
        current_text: &str,
    ) -> Result<DefinitionStatus, StoreError> {
        let summary = self.submission(submission)?;
        if summary.questionnaire_hash == definition_hash(current_text.as_bytes()) {
            return Ok(DefinitionStatus::Same);
        }
        let text = self
            .definition(&summary.questionnaire_hash)?
            .ok_or_else(|| {
                StoreError::Invalid(format!(
                    "the definition of submission {submission} is missing from the database"
                ))
            })?;
        let filled = crate::questionnaire::load(&summary.questionnaire_code, text.as_bytes())
            .map_err(|d| {
                StoreError::Invalid(format!(
                    "the definition submission {submission} was filled with no longer loads: {}",
                    d[0].short()
                ))
            })?;
        let changes = crate::questionnaire::changes(&filled, current);
        Ok(DefinitionStatus::Changed {
            filled_with: Box::new(filled),
            filled_hash: summary.questionnaire_hash,
            changes,
        })
    }
}

/// Where a respondent was in a submission.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Position {
    pub section: String,
    pub instance: String,
    pub code: String,
}

impl Store {
    /// Remember where the respondent is (not audited: it is not an answer).
    pub fn save_position(
        &mut self,
        submission: SubmissionId,
        position: &Position,
    ) -> Result<(), StoreError> {
        self.write(|tx, _| {
            tx.prepare_cached(
                "INSERT INTO positions (submission_id, section, instance, code)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (submission_id) DO UPDATE SET section = excluded.section,
                     instance = excluded.instance, code = excluded.code",
            )?
            .execute(params![
                submission,
                position.section,
                position.instance,
                position.code
            ])?;
            Ok(())
        })
    }

    pub fn position(&self, submission: SubmissionId) -> Result<Option<Position>, StoreError> {
        self.conn
            .query_row(
                "SELECT section, instance, code FROM positions WHERE submission_id = ?1",
                [submission],
                |r| {
                    Ok(Position {
                        section: r.get(0)?,
                        instance: r.get(1)?,
                        code: r.get(2)?,
                    })
                },
            )
            .optional()
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
