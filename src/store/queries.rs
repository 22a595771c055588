//! Review queries and their threads. A query and each of its messages has an identity of its
//! own, so an import adds what is missing and the threads of every machine come together.

use super::answers::AnswerKey;
use super::audit::{Change, record};
use super::people::person_in;
use super::{PersonId, Store, StoreError, SubmissionId, now};
use crate::exchange::{MessageRecord, QueryRecord, QueryStatus, Role};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

impl Store {
    /// Open a query at `key` (`key.code` empty: on the submission, or on the instance as a
    /// whole) with its first message; its uid.
    pub fn open_query(
        &mut self,
        submission: SubmissionId,
        key: AnswerKey,
        body: &str,
        person: PersonId,
    ) -> Result<String, StoreError> {
        self.write(|tx, machine| {
            let (uid, query): (String, i64) = tx.query_row(
                "INSERT INTO queries (uid, submission_id, roster, instance, code)
                 VALUES (lower(hex(randomblob(16))), ?1, ?2, ?3, ?4) RETURNING uid, id",
                params![submission, key.roster, key.instance, key.code],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            add_message(
                tx,
                machine,
                submission,
                query,
                key,
                body,
                Some(QueryStatus::Open),
                person,
            )?;
            Ok(uid)
        })
    }

    /// Add a message to the thread of query `uid`, setting its status if `sets` says so.
    pub fn reply(
        &mut self,
        submission: SubmissionId,
        uid: &str,
        body: &str,
        sets: Option<QueryStatus>,
        person: PersonId,
    ) -> Result<(), StoreError> {
        let Some((query, roster, instance, code)) = self.query_place(submission, uid)? else {
            return Err(StoreError::Invalid(format!(
                "submission {submission} has no query {uid}"
            )));
        };
        self.write(|tx, machine| {
            let key = AnswerKey::in_roster(&roster, &instance, &code);
            add_message(tx, machine, submission, query, key, body, sets, person)
        })
    }

    fn query_place(
        &self,
        submission: SubmissionId,
        uid: &str,
    ) -> Result<Option<(i64, String, String, String)>, StoreError> {
        self.conn
            .query_row(
                "SELECT id, roster, instance, code FROM queries
                 WHERE uid = ?1 AND submission_id = ?2",
                params![uid, submission],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()
            .map_err(|e| self.sqlite(e))
    }

    /// The status of every query of every submission, by submission: each the status its
    /// latest status-setting message sets, as [`QueryRecord::status`] decides it.
    pub fn query_statuses(
        &self,
    ) -> Result<std::collections::HashMap<SubmissionId, Vec<QueryStatus>>, StoreError> {
        let mut out: std::collections::HashMap<SubmissionId, Vec<QueryStatus>> = Default::default();
        let mut stmt = self
            .conn
            .prepare(
                "SELECT q.submission_id, q.id, m.sets FROM queries q
                 JOIN query_messages m ON m.query_id = q.id AND m.sets IS NOT NULL
                 ORDER BY q.id, m.at, m.uid",
            )
            .map_err(|e| self.sqlite(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, SubmissionId>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .map_err(|e| self.sqlite(e))?;
        // Oldest first: each query's entry ends as its latest message's.
        let mut latest: std::collections::BTreeMap<i64, (SubmissionId, QueryStatus)> =
            Default::default();
        for row in rows {
            let (submission, query, sets) = row.map_err(|e| self.sqlite(e))?;
            let status = QueryStatus::parse(&sets).unwrap_or(QueryStatus::Open);
            latest.insert(query, (submission, status));
        }
        for (submission, status) in latest.into_values() {
            out.entry(submission).or_default().push(status);
        }
        Ok(out)
    }

    /// The queries of a submission with their threads, in the order they were opened.
    pub fn queries(&self, submission: SubmissionId) -> Result<Vec<QueryRecord>, StoreError> {
        queries_in(&self.conn, submission).map_err(|e| self.sqlite(e))
    }
}

/// A new message is never dated before the thread's latest: a reply written on a machine whose
/// clock is behind still comes after what it answers.
#[allow(clippy::too_many_arguments)]
fn add_message(
    tx: &Transaction,
    machine: &str,
    submission: SubmissionId,
    query: i64,
    key: AnswerKey,
    body: &str,
    sets: Option<QueryStatus>,
    person: PersonId,
) -> rusqlite::Result<()> {
    let latest: Option<String> = tx.query_row(
        "SELECT max(at) FROM query_messages WHERE query_id = ?1",
        [query],
        |r| r.get(0),
    )?;
    let mut at = now();
    if let Some(latest) = latest.filter(|l| *l >= at) {
        at = after(&latest);
    }
    tx.execute(
        "INSERT INTO query_messages (uid, query_id, person_id, at, body, sets)
         VALUES (lower(hex(randomblob(16))), ?1, ?2, ?3, ?4, ?5)",
        params![query, person, at, body, sets.map(QueryStatus::as_str)],
    )?;
    record(
        tx,
        machine,
        &Change {
            submission,
            what: "query",
            key,
            old: None,
            new: Some(&match sets {
                Some(s) => format!("[{}] {body}", s.as_str()),
                None => body.to_owned(),
            }),
            person: Some(person),
            at: &at,
        },
    )
}

/// One millisecond after an RFC 3339 time as [`now`] writes it.
fn after(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at).map_or_else(
        |_| now(),
        |t| {
            (t.to_utc() + chrono::Duration::milliseconds(1))
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        },
    )
}

pub(super) fn queries_in(
    conn: &Connection,
    submission: SubmissionId,
) -> rusqlite::Result<Vec<QueryRecord>> {
    let mut queries: Vec<(i64, QueryRecord)> = conn
        .prepare_cached(
            // In the order they were opened; opened at the same moment, by place (the whole
            // submission's last), so that both machines list them alike: the row ids of an
            // imported query follow the file, not the time it was asked.
            "SELECT id, uid, roster, instance, code FROM queries q
             WHERE submission_id = ?1
             ORDER BY (SELECT MIN(at) FROM query_messages m WHERE m.query_id = q.id),
                      code = '', code, roster, instance, uid",
        )?
        .query_map([submission], |r| {
            Ok((
                r.get(0)?,
                QueryRecord {
                    uid: r.get(1)?,
                    roster: r.get(2)?,
                    instance: r.get(3)?,
                    code: r.get(4)?,
                    messages: Vec::new(),
                },
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut messages = conn.prepare_cached(
        "SELECT m.uid, coalesce(p.name, ''), coalesce(p.role, 'support'), m.at, m.body, m.sets
         FROM query_messages m LEFT JOIN people p ON p.id = m.person_id
         WHERE m.query_id = ?1 ORDER BY m.at, m.uid",
    )?;
    for (id, query) in &mut queries {
        query.messages = messages
            .query_map([*id], |r| {
                Ok(MessageRecord {
                    uid: r.get(0)?,
                    author: r.get(1)?,
                    role: Role::parse(&r.get::<_, String>(2)?).unwrap_or(Role::Support),
                    at: r.get(3)?,
                    body: r.get(4)?,
                    sets: r
                        .get::<_, Option<String>>(5)?
                        .as_deref()
                        .and_then(QueryStatus::parse),
                })
            })?
            .collect::<Result<_, _>>()?;
    }
    Ok(queries.into_iter().map(|(_, q)| q).collect())
}

/// Add the file's queries and messages this database does not have: threads are unions.
/// `trace` records each message added in the audit log, for files that carry no history of
/// their own (version 1).
pub(super) fn merge_queries(
    tx: &Transaction,
    machine: &str,
    submission: SubmissionId,
    theirs: &[QueryRecord],
    trace: bool,
) -> rusqlite::Result<()> {
    for q in theirs {
        let query: i64 = tx.query_row(
            "INSERT INTO queries (uid, submission_id, roster, instance, code)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (uid) DO UPDATE SET uid = excluded.uid
             RETURNING id",
            params![q.uid, submission, q.roster, q.instance, q.code],
            |r| r.get(0),
        )?;
        for m in &q.messages {
            let person = person_in(tx, &m.author, m.role.as_str())?;
            let sets = m.sets.map(QueryStatus::as_str);
            let added = tx.execute(
                "INSERT INTO query_messages (uid, query_id, person_id, at, body, sets)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (uid) DO NOTHING",
                params![m.uid, query, person, m.at, m.body, sets],
            )?;
            if added > 0 && trace {
                record(
                    tx,
                    machine,
                    &Change {
                        submission,
                        what: "query",
                        key: AnswerKey::in_roster(&q.roster, &q.instance, &q.code),
                        old: None,
                        new: Some(&m.body),
                        person: Some(person),
                        at: &m.at,
                    },
                )?;
            }
        }
    }
    Ok(())
}
