//! Moving submissions between databases as files: export, and an all-or-nothing import that
//! tells "the file is newer", "this database is newer" and "both changed" apart by the
//! versions' ancestry: every exported version has a revision and lists the revisions it was
//! made from, so an older file never moves a submission back, in whatever order files come.

use super::ancestry::{Base, base_in, current_revision, set_base};
use super::answers::{AnswerKey, encode, response_in};
use super::audit::{ImportedChange, history_in, merge_history, record_import};
use super::importer::Definition;
use super::people::{institution_in, person_in};
use super::queries::{merge_queries, queries_in};
use super::{Store, StoreError, SubmissionId, now};
use crate::exchange::{
    AcknowledgementRecord, Content, FileError, InstitutionKind, InstitutionRecord,
    QuestionnaireRef, Status, SubmissionRecord, revision,
};
use crate::questionnaire::Questionnaire;
use crate::response::Value;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// What to do when a submission changed both here and in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// Import nothing and report the conflicts.
    Refuse,
    /// Keep this database's version.
    Ours,
    /// Take the file's version.
    Theirs,
}

/// One question (or the status) that differs between this database and the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// "P52 (services s001)" or "status".
    pub place: String,
    pub ours: String,
    pub theirs: String,
    /// Which sides changed it since the last exchange (both when unknown).
    pub changed_here: bool,
    pub changed_there: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ImportOutcome {
    /// New here.
    Created,
    /// Already here, the same.
    Identical,
    /// The file's version was made from this one: taken.
    Updated,
    /// The file's version is one this one was made from (or no newer): kept.
    NewerHere,
    /// Changed on both sides, kept as it is here (`--ours`).
    KeptOurs(Vec<Difference>),
    /// Changed on both sides, replaced by the file (`--theirs`).
    TookTheirs(Vec<Difference>),
    /// Changed on both sides, and `--theirs` would have moved the status back (anything but a
    /// draft to draft, an accepted submission to anything else): kept as it is here.
    StatusKept(Vec<Difference>),
    /// Changed on both sides, nothing done.
    Conflict(Vec<Difference>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportedSubmission {
    pub uid: String,
    pub institution: String,
    pub year: i32,
    pub outcome: ImportOutcome,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportReport {
    pub submissions: Vec<ImportedSubmission>,
}

impl ImportReport {
    pub fn conflicts(&self) -> usize {
        self.submissions
            .iter()
            .filter(|s| matches!(s.outcome, ImportOutcome::Conflict(_)))
            .count()
    }
}

/// The report in English; `anketa import` writes it in the chosen language, from the same
/// words.
impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::import_report(crate::i18n::Lang::En, self))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    File(#[from] FileError),
    #[error(
        "submission {uid} was filled with questionnaire {id} {version} (definition {hash}), which this database does not have; import with --questionnaire FILE naming that definition"
    )]
    UnknownQuestionnaire {
        uid: String,
        id: String,
        version: String,
        hash: String,
    },
    #[error(
        "{count} submission(s) changed both here and in the file; nothing was imported. Choose with --ours or --theirs.\n{report}"
    )]
    Conflicts { count: usize, report: ImportReport },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Where [`Store::export_with`] puts the records it reads.
pub trait ExportSink {
    type Error: From<StoreError>;
    fn add(&mut self, record: &SubmissionRecord) -> Result<(), Self::Error>;
    /// Every record was added: finish the file and put it in place.
    fn done(&mut self) -> Result<(), Self::Error>;
    /// The export was not noted: take the file away.
    fn undo(&mut self);
}

impl Store {
    /// The records of these submissions, as a file would carry them.
    pub fn export(&self, ids: &[SubmissionId]) -> Result<Vec<SubmissionRecord>, StoreError> {
        ids.iter()
            .map(|&id| exported_record(&self.conn, id))
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sqlite(e))
    }

    /// Export `ids` a record at a time, for a file of any size: the sink is handed every
    /// record in turn, then told it has them all; only when that succeeds are the records
    /// noted as exported, as [`Store::mark_exported`] notes them. Everything is read in one
    /// snapshot of the database, so that what is noted is what the file holds; if another
    /// process changed the database meanwhile, noting fails with [`StoreError::Busy`] and the
    /// sink is told to take its file away again.
    pub fn export_with<S: ExportSink>(
        &mut self,
        ids: &[SubmissionId],
        sink: &mut S,
    ) -> Result<usize, S::Error> {
        let path = self.path.clone();
        let err = |e| S::Error::from(StoreError::from_sqlite(&path, e));
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Deferred)
            .map_err(err)?;
        let mut exported = Vec::with_capacity(ids.len());
        for &id in ids {
            let record = exported_record(&tx, id).map_err(err)?;
            sink.add(&record)?;
            exported.push((id, record.revision, record.ancestors));
        }
        sink.done()?;
        let noted = (|| {
            for (id, revision, ancestors) in exported {
                // The same snapshot: the content as it was handed to `each`.
                let content = record_in(&tx, id)?.content();
                set_base(&tx, id, &content, &revision, ancestors)?;
            }
            tx.commit()
        })();
        if let Err(e) = noted {
            sink.undo();
            return Err(err(e));
        }
        Ok(ids.len())
    }

    /// Note that these records left this database as a file: the next import of the same
    /// submissions compares against what they held now.
    pub fn mark_exported(&mut self, records: &[SubmissionRecord]) -> Result<(), StoreError> {
        self.write(|tx, _| {
            for r in records {
                let id: SubmissionId = tx.query_row(
                    "SELECT id FROM submissions WHERE uid = ?1",
                    [&r.uid],
                    |row| row.get(0),
                )?;
                let content = r.content();
                let revision = if r.revision.is_empty() {
                    revision("", &content)
                } else {
                    r.revision.clone()
                };
                set_base(tx, id, &content, &revision, r.ancestors.iter().cloned())?;
            }
            Ok(())
        })
    }
}

pub(super) fn import_one(
    tx: &Transaction,
    machine: &str,
    source: &str,
    theirs: &SubmissionRecord,
    definition: &mut Definition,
    resolution: Resolution,
) -> rusqlite::Result<ImportOutcome> {
    let existing: Option<SubmissionId> = tx
        .query_row(
            "SELECT id FROM submissions WHERE uid = ?1",
            [&theirs.uid],
            |r| r.get(0),
        )
        .optional()?;
    let their_content = theirs.content();
    // A file written before revisions existed carries no history: all it says is its content.
    let has_history = !theirs.revision.is_empty();
    let their_revision = if has_history {
        theirs.revision.clone()
    } else {
        revision("", &their_content)
    };
    let their_ancestors = || theirs.ancestors.iter().cloned();
    let Some(id) = existing else {
        let institution = institution_in(tx, &theirs.institution)?;
        let questionnaire = definition.row(tx)?;
        tx.execute(
            "INSERT INTO submissions (uid, institution_id, questionnaire_id, year, status,
                                      created_at, updated_at, demo)
             VALUES (?1, ?2, ?3, ?4, 'draft', ?5, ?5, ?6)",
            params![
                theirs.uid,
                institution,
                questionnaire,
                theirs.year,
                theirs.created_at,
                theirs.demo
            ],
        )?;
        let id = SubmissionId(tx.last_insert_rowid());
        apply(tx, machine, source, id, theirs, &definition.q)?;
        merge_notes(tx, machine, id, theirs)?;
        set_base(tx, id, &their_content, &their_revision, their_ancestors())?;
        return Ok(ImportOutcome::Created);
    };
    let ours = record_in(tx, id)?;
    let our_content = ours.content();
    let base = base_in(tx, id)?;
    let our_revision = current_revision(base.as_ref(), &our_content);
    let known = base.as_ref().map_or_else(BTreeSet::new, Base::known);
    // Whatever this database held, and whatever the file's version descends from: after an
    // identical content or a resolved conflict, both histories lead to what is here.
    let everything = || {
        known
            .iter()
            .cloned()
            .chain(their_ancestors())
            .chain([our_revision.clone()])
    };
    merge_notes(tx, machine, id, theirs)?;
    if our_content == their_content {
        set_base(tx, id, &their_content, &their_revision, everything())?;
        return Ok(ImportOutcome::Identical);
    }
    // The file holds a version this one was made from: it is older, whatever it holds.
    let older = known.contains(&their_revision)
        || base.as_ref().is_some_and(|b| b.content == their_content);
    if older {
        if let Some(b) = &base {
            let more = known.iter().cloned().chain(their_ancestors());
            set_base(
                tx,
                id,
                &b.content,
                &b.revision,
                more.chain([their_revision]),
            )?;
        }
        return Ok(ImportOutcome::NewerHere);
    }
    // The file's version was made from this one. Without a history in the file, the only
    // sign of that is that nothing changed here since the last exchange.
    let newer = if has_history {
        theirs.ancestors.contains(&our_revision)
    } else {
        base.as_ref().is_some_and(|b| b.content == our_content)
    };
    let forward = our_content.status.can_reach(their_content.status);
    if newer && forward {
        apply(tx, machine, source, id, theirs, &definition.q)?;
        set_base(tx, id, &their_content, &their_revision, everything())?;
        return Ok(ImportOutcome::Updated);
    }
    if newer && !has_history {
        // A status that cannot follow this one (a draft against a submitted version) came
        // before it: the status order is the only history such a file has.
        return Ok(ImportOutcome::NewerHere);
    }
    // Who changed what can be told from the base only if the file's version was made from
    // it too; otherwise every difference may have been made on either side.
    let common = base.as_ref().filter(|b| {
        !has_history || b.revision == their_revision || theirs.ancestors.contains(&b.revision)
    });
    let differences = differences(common.map(|b| &b.content), &our_content, &their_content);
    Ok(match resolution {
        Resolution::Refuse => ImportOutcome::Conflict(differences),
        Resolution::Theirs if forward => {
            apply(tx, machine, source, id, theirs, &definition.q)?;
            set_base(tx, id, &their_content, &their_revision, everything())?;
            ImportOutcome::TookTheirs(differences)
        }
        // `--ours`, or `--theirs` where taking the file would move the status back.
        _ => {
            // This version now stands for both: the file's becomes one of its ancestors, so
            // that the same file is older from now on, and so is anything made from ours.
            let both = everything().chain([their_revision]);
            set_base(tx, id, &our_content, &our_revision, both)?;
            if resolution == Resolution::Ours {
                ImportOutcome::KeptOurs(differences)
            } else {
                ImportOutcome::StatusKept(differences)
            }
        }
    })
}

/// Every place where the two versions differ, with which side changed it since `base`.
fn differences(base: Option<&Content>, ours: &Content, theirs: &Content) -> Vec<Difference> {
    let show = |v: Option<&Value>| v.map_or_else(|| "(blank)".to_owned(), encode);
    let mut out = Vec::new();
    if ours.status != theirs.status {
        out.push(Difference {
            place: "status".into(),
            ours: ours.status.as_str().into(),
            theirs: theirs.status.as_str().into(),
            changed_here: base.is_none_or(|b| b.status != ours.status),
            changed_there: base.is_none_or(|b| b.status != theirs.status),
        });
    }
    let (o, t) = (ours.answer_map(), theirs.answer_map());
    let b = base.map(Content::answer_map);
    let mut places: Vec<&(String, String, String)> = o.keys().chain(t.keys()).collect();
    places.sort();
    places.dedup();
    for place in places {
        let (ov, tv) = (o.get(place).copied(), t.get(place).copied());
        if ov == tv {
            continue;
        }
        let bv = b.as_ref().map(|b| b.get(place).copied());
        let (roster, instance, code) = place;
        out.push(Difference {
            place: if roster.is_empty() {
                code.clone()
            } else {
                format!("{code} ({roster} {instance})")
            },
            ours: show(ov),
            theirs: show(tv),
            changed_here: bv.is_none_or(|bv| bv != ov),
            changed_there: bv.is_none_or(|bv| bv != tv),
        });
    }
    let labels = |c: &Content| -> Vec<(String, Vec<(String, String)>)> {
        c.rosters
            .iter()
            .map(|(r, is)| {
                (
                    r.clone(),
                    is.iter()
                        .map(|i| (i.key.clone(), i.label.clone()))
                        .collect(),
                )
            })
            .collect()
    };
    if labels(ours) != labels(theirs) && out.iter().all(|d| d.place != "instances") {
        out.push(Difference {
            place: "roster instances (names or order)".into(),
            ours: String::new(),
            theirs: String::new(),
            changed_here: base.is_none_or(|b| labels(b) != labels(ours)),
            changed_there: base.is_none_or(|b| labels(b) != labels(theirs)),
        });
    }
    out
}

/// Make the submission hold exactly the file's answers, instances and status; every changed
/// answer is audited as an import from `source`.
fn apply(
    tx: &Transaction,
    machine: &str,
    source: &str,
    id: SubmissionId,
    theirs: &SubmissionRecord,
    q: &Questionnaire,
) -> rusqlite::Result<()> {
    let at = now();
    let before = response_in(tx, id)?;
    let old = Content {
        status: Status::Draft,
        answers: before.answers,
        rosters: before.rosters,
    };
    let old_answers = old.answer_map();
    let new_content = theirs.content();
    let new_answers = new_content.answer_map();
    let mut places: Vec<&(String, String, String)> =
        old_answers.keys().chain(new_answers.keys()).collect();
    places.sort();
    places.dedup();
    let mut changes = Vec::new();
    for place in places {
        let (old_value, new_value) = (old_answers.get(place), new_answers.get(place));
        if old_value == new_value {
            continue;
        }
        let (roster, instance, code) = place;
        let key = AnswerKey::in_roster(roster, instance, code);
        let (old_json, new_json) = (old_value.map(|v| encode(v)), new_value.map(|v| encode(v)));
        match &new_json {
            Some(v) => tx
                .prepare_cached(
                    "INSERT INTO answers (submission_id, roster, instance, code, value, person_id,
                                          updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6)
                     ON CONFLICT (submission_id, roster, instance, code)
                     DO UPDATE SET value = excluded.value, person_id = NULL,
                                   updated_at = excluded.updated_at",
                )?
                .execute(params![id, roster, instance, code, v, at])?,
            None => tx
                .prepare_cached(
                    "DELETE FROM answers
                     WHERE submission_id = ?1 AND roster = ?2 AND instance = ?3 AND code = ?4",
                )?
                .execute(params![id, roster, instance, code])?,
        };
        changes.push(ImportedChange {
            key,
            old: old_json,
            new: new_json,
        });
    }
    tx.execute(
        "DELETE FROM roster_instances WHERE submission_id = ?1",
        [id],
    )?;
    for (roster, instances) in &theirs.rosters {
        let free = q
            .roster(roster)
            .is_some_and(|r| q.rosters[r].from.is_none());
        if !free {
            continue;
        }
        for (position, i) in instances.iter().enumerate() {
            tx.prepare_cached(
                "INSERT INTO roster_instances (submission_id, roster, key, label, position)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![id, roster, i.key, i.label, position as i64])?;
        }
    }
    tx.execute(
        "UPDATE submissions SET status = ?2, updated_at = ?3, submitted_at = ?4, accepted_at = ?5,
                                demo = ?6
         WHERE id = ?1",
        params![
            id,
            theirs.status.as_str(),
            theirs.updated_at,
            theirs.submitted_at,
            theirs.accepted_at,
            theirs.demo
        ],
    )?;
    record_import(tx, machine, id, source, &at, &changes)
}

/// Queries, acknowledgements and history have their own identity: an import adds what is
/// missing, whatever else happens to the submission.
fn merge_notes(
    tx: &Transaction,
    machine: &str,
    id: SubmissionId,
    theirs: &SubmissionRecord,
) -> rusqlite::Result<()> {
    merge_queries(tx, machine, id, &theirs.queries, theirs.history.is_empty())?;
    merge_history(tx, id, &theirs.history)?;
    for a in &theirs.acknowledgements {
        let person = person_in(tx, &a.author, "respondent")?;
        tx.execute(
            "INSERT INTO acknowledgements (submission_id, check_name, roster, instance, person_id,
                                           at, comment)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT DO UPDATE SET person_id = excluded.person_id, at = excluded.at,
                                       comment = excluded.comment
             WHERE excluded.at > acknowledgements.at",
            params![id, a.check, a.roster, a.instance, person, a.at, a.comment],
        )?;
    }
    Ok(())
}

/// A submission as a file carries it.
/// A submission's record with the revision it has now and those it descends from.
fn exported_record(conn: &Connection, id: SubmissionId) -> rusqlite::Result<SubmissionRecord> {
    let mut record = record_in(conn, id)?;
    let base = base_in(conn, id)?;
    let content = record.content();
    record.revision = current_revision(base.as_ref(), &content);
    record.ancestors = base.map_or_else(Vec::new, |b| {
        b.known()
            .into_iter()
            .filter(|r| *r != record.revision)
            .collect()
    });
    Ok(record)
}

fn record_in(conn: &Connection, id: SubmissionId) -> rusqlite::Result<SubmissionRecord> {
    let (mut record, institution_kind) = conn.query_row(
        "SELECT s.uid, i.name, i.reg_no, i.sector, i.kind, q.code, q.version, q.hash, s.year,
                s.status, s.created_at, s.updated_at, s.submitted_at, s.accepted_at, s.demo
         FROM submissions s
         JOIN institutions i ON i.id = s.institution_id
         JOIN questionnaires q ON q.id = s.questionnaire_id
         WHERE s.id = ?1",
        [id],
        |r| {
            let status: String = r.get(9)?;
            Ok((
                SubmissionRecord {
                    uid: r.get(0)?,
                    institution: InstitutionRecord {
                        name: r.get(1)?,
                        reg_no: r.get(2)?,
                        sector: r.get(3)?,
                        kind: InstitutionKind::Institution,
                    },
                    questionnaire: QuestionnaireRef {
                        id: r.get(5)?,
                        version: r.get(6)?,
                        hash: r.get(7)?,
                    },
                    year: r.get(8)?,
                    status: Status::parse(&status).unwrap_or(Status::Draft),
                    demo: r.get::<_, i64>(14)? != 0,
                    created_at: r.get(10)?,
                    updated_at: r.get(11)?,
                    submitted_at: r.get(12)?,
                    accepted_at: r.get(13)?,
                    revision: String::new(),
                    ancestors: Vec::new(),
                    answers: BTreeMap::new(),
                    rosters: BTreeMap::new(),
                    comments: Vec::new(),
                    queries: Vec::new(),
                    acknowledgements: Vec::new(),
                    history: Vec::new(),
                },
                r.get::<_, String>(4)?,
            ))
        },
    )?;
    if institution_kind == "ministry" {
        record.institution.kind = InstitutionKind::Ministry;
    }
    let response = response_in(conn, id)?;
    record.answers = response.answers;
    record.rosters = response.rosters;
    record.queries = queries_in(conn, id)?;
    record.history = history_in(conn, id)?;
    record.acknowledgements = conn
        .prepare_cached(
            "SELECT a.check_name, a.roster, a.instance, coalesce(p.name, ''), a.at, a.comment
             FROM acknowledgements a LEFT JOIN people p ON p.id = a.person_id
             WHERE a.submission_id = ?1 ORDER BY a.check_name, a.roster, a.instance",
        )?
        .query_map([id], |r| {
            Ok(AcknowledgementRecord {
                check: r.get(0)?,
                roster: r.get(1)?,
                instance: r.get(2)?,
                author: r.get(3)?,
                at: r.get(4)?,
                comment: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(record)
}
