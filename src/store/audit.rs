//! The audit log: an entry for every change, written in the transaction that makes it, so that
//! the change and its entry are committed together or not at all.

use super::answers::AnswerKey;
use super::packed::{pack, unpack};
use super::people::person_in;
use super::{PersonId, Store, StoreError, SubmissionId};
use crate::exchange::{HistoryRecord, Role};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::value::RawValue;
use std::collections::{HashMap, HashSet};

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

/// An answer an import changed: where, and its value before and after (`answers.value`'s JSON).
pub(super) struct ImportedChange<'a> {
    pub key: AnswerKey<'a>,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Where an import's entry keeps its changes, in the order they were made: [roster, instance,
/// code, old, new], the values as JSON in place.
type StoredChange<V> = (String, String, String, Option<V>, Option<V>);

/// The suffix of an import entry's uid; its changes, read back as entries of their own, take
/// the same prefix and their number (1, 2, …), so that the same uids come back from a file.
const IMPORT_SUFFIX: &str = "00000000";

/// The one audit entry of an import from machine `source`, holding every answer it changed.
pub(super) fn record_import(
    tx: &Transaction,
    machine: &str,
    submission: SubmissionId,
    source: &str,
    at: &str,
    changes: &[ImportedChange],
) -> rusqlite::Result<()> {
    let changes = changes.iter().map(|c| {
        (
            c.key.roster,
            c.key.instance,
            c.key.code,
            c.old.as_deref(),
            c.new.as_deref(),
        )
    });
    let packed = pack_changes(changes).map_err(to_sqlite)?;
    let import = Import {
        uid: None,
        submission,
        new: &format!("from machine {source}"),
        at,
        machine,
    };
    insert_import(tx, &import, &packed)
}

/// An import's audit entry; without a uid, a new one.
struct Import<'a> {
    uid: Option<&'a str>,
    submission: SubmissionId,
    new: &'a str,
    at: &'a str,
    machine: &'a str,
}

/// A change as [`StoredChange`] holds it, borrowed: roster, instance, code, old, new.
type ChangeRef<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, Option<&'a str>);

/// The stored form of an import's changes; an error if a value is not JSON.
fn pack_changes<'a>(changes: impl Iterator<Item = ChangeRef<'a>>) -> serde_json::Result<Vec<u8>> {
    // As `answers.value` holds it, or it would not come back the same from the expansion.
    let raw = |v: Option<&'a str>| {
        v.map(|v| match serde_json::from_str::<&RawValue>(v) {
            Ok(raw) if raw.get() == v && v != "null" => Ok(raw),
            Ok(_) => Err(serde::de::Error::custom("not a stored answer's value")),
            Err(e) => Err(e),
        })
        .transpose()
    };
    let stored = changes
        .map(|(roster, instance, code, old, new)| {
            Ok((roster, instance, code, raw(old)?, raw(new)?))
        })
        .collect::<serde_json::Result<Vec<_>>>()?;
    Ok(pack(&serde_json::to_string(&stored)?))
}

fn insert_import(tx: &Transaction, import: &Import, changes: &[u8]) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO audit (uid, submission_id, what, roster, instance, code, old_value,
                            new_value, person_id, at, machine, reason, changes)
         VALUES (coalesce(?1, lower(hex(randomblob(12))) || ?2), ?3, 'import', '', '', '', NULL,
                 ?4, NULL, ?5, ?6, NULL, ?7)",
    )?
    .execute(params![
        import.uid,
        IMPORT_SUFFIX,
        import.submission,
        import.new,
        import.at,
        import.machine,
        changes
    ])?;
    Ok(())
}

fn to_sqlite(e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(Box::new(e))
}

/// The audit log of a submission as files carry it, oldest first (by time: entries merged
/// from other machines come in among this one's). An import's entry comes with an entry per
/// answer it changed before it, as if each were a row of its own.
pub(super) fn history_in(
    conn: &Connection,
    submission: SubmissionId,
) -> rusqlite::Result<Vec<HistoryRecord>> {
    let mut out = Vec::new();
    let mut statement = conn.prepare_cached(
        "SELECT a.uid, a.what, a.roster, a.instance, a.code, a.old_value, a.new_value,
                coalesce(p.name, ''), p.role, a.at, a.machine, a.reason, a.changes
         FROM audit a LEFT JOIN people p ON p.id = a.person_id
         WHERE a.submission_id = ?1 ORDER BY a.at, a.id",
    )?;
    let mut rows = statement.query([submission])?;
    while let Some(r) = rows.next()? {
        let entry = HistoryRecord {
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
        };
        // Changes that do not read (a damaged page) leave the import's own entry: the rest of
        // the log, and the submission, still read and travel.
        if let Some(changes) = r.get::<_, Option<Vec<u8>>>(12)? {
            let mut expanded = Vec::new();
            if expand_import(&entry, &changes, &mut expanded).is_some() {
                out.append(&mut expanded);
            }
        }
        out.push(entry);
    }
    Ok(out)
}

/// The answers an import's entry changed, each as the entry it would have had of its own;
/// `None` if they do not read.
fn expand_import(
    import: &HistoryRecord,
    changes: &[u8],
    out: &mut Vec<HistoryRecord>,
) -> Option<()> {
    let (prefix, 0) = import_part(&import.uid)? else {
        return None;
    };
    let changes: Vec<StoredChange<Box<RawValue>>> =
        serde_json::from_slice(&unpack(changes)?).ok()?;
    let json = |v: Option<Box<RawValue>>| v.map(|v| v.get().to_owned());
    for (n, (roster, instance, code, old, new)) in changes.into_iter().enumerate() {
        out.push(HistoryRecord {
            uid: format!("{prefix}{:08x}", n + 1),
            what: "answer".into(),
            roster,
            instance,
            code,
            old: json(old),
            new: json(new),
            author: String::new(),
            role: None,
            at: import.at.clone(),
            machine: import.machine.clone(),
            reason: None,
        });
    }
    Some(())
}

/// Whether this database has the entry `uid`, and if it keeps its changes whole, how many:
/// `None` if it has no such entry, `Some(None)` if it has it as a row of its own.
fn kept_changes(tx: &Transaction, uid: &str) -> rusqlite::Result<Option<Option<usize>>> {
    let stored: Option<Option<Vec<u8>>> = tx
        .prepare_cached("SELECT changes FROM audit WHERE uid = ?1")?
        .query_row([uid], |r| r.get(0))
        .optional()?;
    Ok(stored.map(|changes| {
        changes.map(|changes| {
            unpack(&changes)
                .and_then(|json| serde_json::from_slice::<Vec<serde_json::Value>>(&json).ok())
                .map_or(0, |changes| changes.len())
        })
    }))
}

/// Whether this database has any of `entries` already, as rows of their own.
fn any_here(tx: &Transaction, entries: &[&HistoryRecord]) -> rusqlite::Result<bool> {
    let mut here = tx.prepare_cached("SELECT 1 FROM audit WHERE uid = ?1")?;
    for e in entries {
        if here.exists([&e.uid])? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The prefix of an import entry's uid and a number: 0 for the entry, 1, 2, … for its
/// changes read back as entries of their own. Any other 32-digit uid reads as one too, which is
/// why [`merge_history`] also checks that the entries look as an import's do.
fn import_part(uid: &str) -> Option<(&str, u32)> {
    let hex = |b: &u8| b.is_ascii_digit() || (b'a'..=b'f').contains(b);
    if uid.len() != 32 || !uid.as_bytes().iter().all(hex) {
        return None;
    }
    let (prefix, number) = uid.split_at(24);
    u32::from_str_radix(number, 16).ok().map(|n| (prefix, n))
}

/// Whether `uid` is one of the changes of an import entry this database keeps whole.
fn within_import(tx: &Transaction, uid: &str) -> rusqlite::Result<bool> {
    match import_part(uid) {
        Some((prefix, n)) if n > 0 => tx
            .prepare_cached("SELECT 1 FROM audit WHERE uid = ?1 AND changes IS NOT NULL")?
            .exists([format!("{prefix}{IMPORT_SUFFIX}")]),
        _ => Ok(false),
    }
}

/// The imports among `history` whose changes the file carries as entries of their own, each
/// by its uid, with those entries in order: kept here as one entry again.
fn imports_in(history: &[HistoryRecord]) -> HashMap<&str, Vec<&HistoryRecord>> {
    /// An import entry and its changes found so far, each with its number.
    type Found<'h> = (&'h HistoryRecord, Vec<(u32, &'h HistoryRecord)>);
    let mut imports: HashMap<&str, Found> = history
        .iter()
        .filter(|h| {
            h.what == "import"
                && h.old.is_none()
                && h.author.is_empty()
                && h.reason.is_none()
                && h.new.is_some()
        })
        .filter_map(|h| match import_part(&h.uid)? {
            (prefix, 0) => Some((prefix, (h, Vec::new()))),
            _ => None,
        })
        .collect();
    for h in history {
        if let Some((prefix, n)) = import_part(&h.uid).filter(|&(_, n)| n > 0)
            && let Some((import, changes)) = imports.get_mut(prefix)
            && h.what == "answer"
            && h.author.is_empty()
            && h.reason.is_none()
            && h.at == import.at
            && h.machine == import.machine
        {
            changes.push((n, h));
        }
    }
    imports
        .into_values()
        .filter_map(|(import, mut changes)| {
            changes.sort_by_key(|&(n, _)| n);
            let numbered = changes.iter().zip(1..).all(|(&(n, _), i)| n == i);
            (numbered && !changes.is_empty()).then(|| {
                (
                    import.uid.as_str(),
                    changes.into_iter().map(|(_, h)| h).collect(),
                )
            })
        })
        .collect()
}

/// Add the entries of `history` this database does not have yet, in the file's order after
/// its own: the log of every machine the submission went through, each entry once.
pub(super) fn merge_history(
    tx: &Transaction,
    submission: SubmissionId,
    history: &[HistoryRecord],
) -> rusqlite::Result<()> {
    let imports = imports_in(history);
    let whole: HashSet<&str> = imports.values().flatten().map(|h| h.uid.as_str()).collect();
    for h in history {
        if whole.contains(h.uid.as_str()) || within_import(tx, &h.uid)? {
            continue;
        }
        if let Some(changes) = imports.get(h.uid.as_str()) {
            match kept_changes(tx, &h.uid)? {
                // Kept whole here: only changes a shorter copy lacked are added, as entries.
                Some(Some(kept)) => {
                    for c in changes.iter().skip(kept) {
                        insert_entry(tx, submission, c)?;
                    }
                    continue;
                }
                None if !any_here(tx, changes)? => {
                    let packed = pack_changes(changes.iter().map(|c| {
                        let (old, new) = (c.old.as_deref(), c.new.as_deref());
                        (
                            c.roster.as_str(),
                            c.instance.as_str(),
                            c.code.as_str(),
                            old,
                            new,
                        )
                    }));
                    // A value that is not an answer's stays an entry of its own.
                    if let Ok(packed) = packed {
                        let import = Import {
                            uid: Some(&h.uid),
                            submission,
                            new: h.new.as_deref().unwrap_or_default(),
                            at: &h.at,
                            machine: &h.machine,
                        };
                        insert_import(tx, &import, &packed)?;
                        continue;
                    }
                }
                // Kept here entry by entry, some or all.
                _ => {}
            }
            for c in changes {
                insert_entry(tx, submission, c)?;
            }
        }
        insert_entry(tx, submission, h)?;
    }
    Ok(())
}

/// One entry merged from a file, unless this database has it.
fn insert_entry(
    tx: &Transaction,
    submission: SubmissionId,
    h: &HistoryRecord,
) -> rusqlite::Result<()> {
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
