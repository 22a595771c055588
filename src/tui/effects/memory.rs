//! The effects kept in memory: a stand-in for the database that tests hand to `update`, so
//! that a whole sitting runs without a file, and that can be told to refuse writes the way a
//! full disk or a locked database does.

use super::{Effects, Failure, InstancePlace, Opened};
use crate::exchange::{
    InstitutionRecord, MessageRecord, QueryRecord, QueryStatus, Role, Status, definition_hash,
};
use crate::inbox::InboxRow;
use crate::plausibility::Flag;
use crate::questionnaire::Questionnaire;
use crate::response::{Instance, Response, Value};
use crate::results::{Results, Scored};
use crate::review::{Checks, QueryCounts};
use crate::store::{AnswerKey, AuditEntry, DefinitionStatus, PersonId, Position, SubmissionId};
use crate::store::{Seek, SubmissionSummary, Window};
use crate::tables::{Page, Scope};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One submission as the memory keeps it.
#[derive(Debug, Clone)]
pub struct Kept {
    pub summary: SubmissionSummary,
    pub response: Response,
    pub position: Option<Position>,
    pub last_person: Option<PersonId>,
    /// (check, roster id, instance key, comment).
    pub acknowledgements: Vec<(String, String, String, String)>,
    pub queries: Vec<QueryRecord>,
    /// Every answer changed, oldest first, as the store's audit log keeps it.
    pub history: Vec<AuditEntry>,
}

#[derive(Debug, Default)]
pub struct Memory {
    /// Submission `id` is at index `id - 1`.
    pub submissions: Vec<Kept>,
    /// Definition texts by their hash.
    definitions: HashMap<String, String>,
    /// Person `id` is at index `id - 1`.
    pub people: Vec<String>,
    /// Files written by `export`: where, and which submission.
    pub exported: Vec<(PathBuf, SubmissionId)>,
    /// Files written whole (hand-outs): where, and what.
    pub written: Vec<(PathBuf, Vec<u8>)>,
    /// While set, every change is refused with this message, as a full disk refuses it.
    pub refuse_writes: Option<String>,
    /// Counts changes, standing in for the time of the last change.
    changes: u64,
}

impl Memory {
    pub fn new() -> Memory {
        Memory::default()
    }

    /// The answers kept for `submission`.
    pub fn response_of(&self, submission: SubmissionId) -> Option<&Response> {
        self.kept(submission).ok().map(|k| &k.response)
    }

    fn kept(&self, submission: SubmissionId) -> Result<&Kept, Failure> {
        Ok(&self.submissions[index(&self.submissions, submission)?])
    }

    /// The submission to change, once writes are allowed; its time of change moves on.
    fn change(&mut self, submission: SubmissionId) -> Result<&mut Kept, Failure> {
        if let Some(refusal) = &self.refuse_writes {
            return Err(Failure(refusal.clone()));
        }
        let at = index(&self.submissions, submission)?;
        self.changes += 1;
        let kept = &mut self.submissions[at];
        kept.summary.updated_at = format!("{:020}", self.changes);
        Ok(kept)
    }

    fn person(&mut self, name: &str) -> PersonId {
        let at = match self.people.iter().position(|p| p == name) {
            Some(at) => at,
            None => {
                self.people.push(name.to_owned());
                self.people.len() - 1
            }
        };
        PersonId(at as i64 + 1)
    }
}

/// Where submission `id` is kept: at index `id - 1`.
fn index(submissions: &[Kept], id: SubmissionId) -> Result<usize, Failure> {
    usize::try_from(id.0 - 1)
        .ok()
        .filter(|&i| i < submissions.len())
        .ok_or_else(|| Failure(format!("no submission {id}")))
}

fn answers_at<'a>(
    response: &'a mut Response,
    key: &AnswerKey,
) -> &'a mut std::collections::BTreeMap<String, Value> {
    if key.roster.is_empty() {
        &mut response.answers
    } else {
        &mut response.instance_mut(key.roster, key.instance).answers
    }
}

impl Effects for Memory {
    fn window(&mut self, code: &str, seek: Seek, rows: usize) -> Result<Window, Failure> {
        let mut all: Vec<SubmissionSummary> = self
            .submissions
            .iter()
            .map(|k| k.summary.clone())
            .filter(|s| s.questionnaire_code == code)
            .collect();
        all.sort_by(SubmissionSummary::in_latvian_order);
        let at = |id| all.iter().position(|s| s.id == id);
        let (start, end) = match seek {
            Seek::Newest => {
                let newest = all
                    .iter()
                    .enumerate()
                    .rev()
                    .max_by(|(_, a), (_, b)| a.updated_at.cmp(&b.updated_at))
                    .map_or(0, |(i, _)| i);
                let start = newest.saturating_sub(rows / 2);
                (start, (start + rows).min(all.len()))
            }
            Seek::After(id) => {
                let from = at(id).map_or(all.len(), |i| i + 1);
                (from, (from + rows).min(all.len()))
            }
            Seek::Before(id) => {
                let to = at(id).unwrap_or(0);
                (to.saturating_sub(rows), to)
            }
        };
        Ok(Window {
            more_before: start > 0,
            more_after: end < all.len(),
            rows: all.drain(start..end).collect(),
        })
    }

    fn create(
        &mut self,
        q: &Questionnaire,
        definition: &str,
        institution: &InstitutionRecord,
        year: i32,
        person: &str,
    ) -> Result<(SubmissionSummary, PersonId), Failure> {
        if let Some(refusal) = &self.refuse_writes {
            return Err(Failure(refusal.clone()));
        }
        let hash = definition_hash(definition.as_bytes());
        self.definitions.insert(hash.clone(), definition.to_owned());
        let person = self.person(person);
        let id = SubmissionId(self.submissions.len() as i64 + 1);
        let summary = SubmissionSummary {
            id,
            uid: format!("memory-{id}"),
            institution: institution.name.clone(),
            questionnaire_code: q.id.clone(),
            questionnaire_version: q.version.clone(),
            questionnaire_hash: hash,
            year,
            status: Status::Draft,
            updated_at: String::new(),
            sector: institution.sector.clone(),
            reg_no: institution.reg_no.clone(),
            kind: institution.kind,
            demo: false,
        };
        self.submissions.push(Kept {
            summary,
            response: Response::default(),
            position: None,
            last_person: Some(person),
            acknowledgements: Vec::new(),
            queries: Vec::new(),
            history: Vec::new(),
        });
        let summary = self.change(id)?.summary.clone();
        Ok((summary, person))
    }

    fn open(
        &mut self,
        submission: SubmissionId,
        _q: &Questionnaire,
        definition: &str,
        person: Option<PersonId>,
        (user, role): (&str, Role),
    ) -> Result<Opened, Failure> {
        let kept = self.kept(submission)?.clone();
        // Reading a submission with another definition is the store's business; the memory
        // keeps every submission with the definition it was created with.
        if kept.summary.questionnaire_hash != definition_hash(definition.as_bytes()) {
            return Err(Failure(format!(
                "submission {submission} was filled with another definition"
            )));
        }
        let last = kept.last_person.filter(|_| role == Role::Respondent);
        let person = match person.or(last) {
            Some(p) => p,
            None => self.person(user),
        };
        Ok(Opened {
            definition: DefinitionStatus::Same,
            response: kept.response,
            person,
            position: kept.position,
            queries: kept.queries,
        })
    }

    fn save_answer(
        &mut self,
        submission: SubmissionId,
        key: AnswerKey,
        value: Option<&Value>,
        person: PersonId,
    ) -> Result<(), Failure> {
        self.change_answer(submission, key, value, person, None)
    }

    fn save_position(
        &mut self,
        submission: SubmissionId,
        position: &Position,
    ) -> Result<(), Failure> {
        self.change(submission)?.position = Some(position.clone());
        Ok(())
    }

    fn add_instance(
        &mut self,
        submission: SubmissionId,
        roster: &str,
        label: &str,
        person: PersonId,
    ) -> Result<String, Failure> {
        let key = format!("i{}", self.changes + 1);
        let kept = self.change(submission)?;
        kept.last_person = Some(person);
        kept.response
            .rosters
            .entry(roster.to_owned())
            .or_default()
            .push(Instance {
                key: key.clone(),
                label: label.to_owned(),
                ..Instance::default()
            });
        Ok(key)
    }

    fn rename_instance(
        &mut self,
        (submission, roster, key): InstancePlace,
        label: &str,
        person: PersonId,
    ) -> Result<(), Failure> {
        let kept = self.change(submission)?;
        kept.last_person = Some(person);
        kept.response.instance_mut(roster, key).label = label.to_owned();
        Ok(())
    }

    fn remove_instance(
        &mut self,
        (submission, roster, key): InstancePlace,
        person: PersonId,
    ) -> Result<(), Failure> {
        let kept = self.change(submission)?;
        kept.last_person = Some(person);
        if let Some(list) = kept.response.rosters.get_mut(roster) {
            list.retain(|i| i.key != key);
        }
        Ok(())
    }

    fn move_instance(
        &mut self,
        (submission, roster, key): InstancePlace,
        to: usize,
    ) -> Result<(), Failure> {
        let kept = self.change(submission)?;
        if let Some(list) = kept.response.rosters.get_mut(roster)
            && let Some(from) = list.iter().position(|i| i.key == key)
        {
            let moved = list.remove(from);
            list.insert(to.min(list.len()), moved);
        }
        Ok(())
    }

    fn acknowledged(
        &mut self,
        submission: SubmissionId,
    ) -> Result<Vec<(String, String, String)>, Failure> {
        Ok(self
            .kept(submission)?
            .acknowledgements
            .iter()
            .map(|(check, roster, key, _)| (check.clone(), roster.clone(), key.clone()))
            .collect())
    }

    fn acknowledge(
        &mut self,
        submission: SubmissionId,
        check: &str,
        key: AnswerKey,
        comment: &str,
        person: PersonId,
    ) -> Result<(), Failure> {
        let kept = self.change(submission)?;
        kept.last_person = Some(person);
        let place = (
            check.to_owned(),
            key.roster.to_owned(),
            key.instance.to_owned(),
        );
        kept.acknowledgements
            .retain(|(c, r, i, _)| (c, r, i) != (&place.0, &place.1, &place.2));
        kept.acknowledgements
            .push((place.0, place.1, place.2, comment.to_owned()));
        Ok(())
    }

    fn set_status(
        &mut self,
        submission: SubmissionId,
        status: Status,
        person: PersonId,
    ) -> Result<(), Failure> {
        let kept = self.change(submission)?;
        if !kept.summary.status.can_reach(status) {
            return Err(Failure(format!(
                "submission {submission} cannot go from {:?} to {status:?}",
                kept.summary.status
            )));
        }
        kept.summary.status = status;
        kept.last_person = Some(person);
        Ok(())
    }

    fn export(&mut self, submission: SubmissionId, path: &Path) -> Result<(), Failure> {
        if let Some(refusal) = &self.refuse_writes {
            return Err(Failure(format!("{}: {refusal}", path.display())));
        }
        self.kept(submission)?;
        self.exported.push((path.to_owned(), submission));
        Ok(())
    }

    fn results(
        &mut self,
        code: &str,
        model: (&str, &str),
        of: SubmissionId,
        kept: &mut Scored,
    ) -> Result<Results, Failure> {
        let summaries = self.submissions.iter().map(|k| k.summary.clone()).collect();
        crate::results::gather_from(
            summaries,
            code,
            Some(of),
            model,
            |hash| Ok(self.definitions.get(hash).cloned()),
            |id| self.kept(id).map(|k| k.response.clone()),
            kept,
        )
    }

    fn response(&mut self, submission: SubmissionId) -> Result<Response, Failure> {
        Ok(self.kept(submission)?.response.clone())
    }

    fn write_file(&mut self, path: &Path, bytes: &[u8]) -> Result<(), Failure> {
        if let Some(refusal) = &self.refuse_writes {
            return Err(Failure(refusal.clone()));
        }
        self.written.push((path.to_owned(), bytes.to_vec()));
        Ok(())
    }

    fn inbox(&mut self) -> Result<Vec<InboxRow>, Failure> {
        self.submissions
            .iter()
            .map(|k| {
                let q = self.definition_of(k)?;
                Ok(InboxRow {
                    summary: k.summary.clone(),
                    questionnaire: q.title.clone(),
                    queries: QueryCounts::of(k.queries.iter().map(QueryRecord::status)),
                    checks: None,
                })
            })
            .collect()
    }

    fn inbox_checks(
        &mut self,
        ids: &[SubmissionId],
    ) -> Result<Vec<(SubmissionId, Checks)>, Failure> {
        ids.iter()
            .map(|&id| {
                let kept = self.kept(id)?;
                let q = self.definition_of(kept)?;
                let eval = crate::rules::evaluate(&q, &kept.response);
                Ok((id, crate::review::checks(&q, &eval)))
            })
            .collect()
    }

    fn queries(&mut self, submission: SubmissionId) -> Result<Vec<QueryRecord>, Failure> {
        Ok(self.kept(submission)?.queries.clone())
    }

    fn open_query(
        &mut self,
        submission: SubmissionId,
        key: AnswerKey,
        body: &str,
        person: PersonId,
    ) -> Result<String, Failure> {
        let uid = format!("q{}", self.changes + 1);
        let message = self.message(person, body, Some(QueryStatus::Open));
        self.change(submission)?.queries.push(QueryRecord {
            uid: uid.clone(),
            roster: key.roster.to_owned(),
            instance: key.instance.to_owned(),
            code: key.code.to_owned(),
            messages: vec![message],
        });
        Ok(uid)
    }

    fn reply(
        &mut self,
        submission: SubmissionId,
        uid: &str,
        body: &str,
        sets: Option<QueryStatus>,
        person: PersonId,
    ) -> Result<(), Failure> {
        let message = self.message(person, body, sets);
        let kept = self.change(submission)?;
        let query = kept
            .queries
            .iter_mut()
            .find(|q| q.uid == uid)
            .ok_or_else(|| Failure(format!("no query {uid}")))?;
        query.messages.push(message);
        Ok(())
    }

    fn correct_answer(
        &mut self,
        submission: SubmissionId,
        key: AnswerKey,
        value: Option<&Value>,
        person: PersonId,
        reason: &str,
    ) -> Result<(), Failure> {
        self.change_answer(submission, key, value, person, Some(reason))
    }

    fn plausibility(&mut self, submission: SubmissionId) -> Result<Vec<Flag>, Failure> {
        self.flags(submission)
    }

    fn history(&mut self, submission: SubmissionId) -> Result<Vec<AuditEntry>, Failure> {
        Ok(self.kept(submission)?.history.clone())
    }

    fn report(&mut self, q: &Questionnaire, scope: &Scope) -> Result<Page, Failure> {
        let all = self.submissions.iter().map(|k| k.summary.clone()).collect();
        crate::tables::page_from(all, q, scope, |id| {
            self.kept(id).map(|k| k.response.clone())
        })
    }
}

impl Memory {
    /// Person `id` is at index `id - 1`.
    fn name_of(&self, person: PersonId) -> Option<String> {
        usize::try_from(person.0 - 1)
            .ok()
            .and_then(|i| self.people.get(i))
            .cloned()
    }

    /// Keep an answer (`None`: none), with its entry in the history.
    fn change_answer(
        &mut self,
        submission: SubmissionId,
        key: AnswerKey,
        value: Option<&Value>,
        person: PersonId,
        reason: Option<&str>,
    ) -> Result<(), Failure> {
        let author = self.name_of(person);
        let at = format!("{:020}", self.changes + 1);
        let kept = self.change(submission)?;
        kept.last_person = Some(person);
        let answers = answers_at(&mut kept.response, &key);
        let old = match value {
            Some(v) => answers.insert(key.code.to_owned(), v.clone()),
            None => answers.remove(key.code),
        };
        if old.as_ref() == value {
            // As the store does: keeping what is there already changes nothing.
            return Ok(());
        }
        let encode = |v: &Value| serde_json::to_string(v).expect("a value serialises");
        kept.history.push(AuditEntry {
            what: "answer".into(),
            roster: key.roster.to_owned(),
            instance: key.instance.to_owned(),
            code: key.code.to_owned(),
            old_value: old.as_ref().map(encode),
            new_value: value.map(encode),
            person: author,
            role: None,
            at,
            machine: "memory".into(),
            reason: reason.map(str::to_owned),
        });
        Ok(())
    }

    /// The definition a kept submission was created with, loaded.
    fn definition_of(&self, kept: &Kept) -> Result<Questionnaire, Failure> {
        let text = &self.definitions[&kept.summary.questionnaire_hash];
        crate::questionnaire::load(&kept.summary.questionnaire_code, text.as_bytes())
            .map_err(|d| Failure(d[0].short()))
    }

    fn flags(&self, submission: SubmissionId) -> Result<Vec<Flag>, Failure> {
        let kept = self.kept(submission)?;
        let q = self.definition_of(kept)?;
        let cohort: Vec<&Kept> = self
            .submissions
            .iter()
            .filter(|k| k.summary.questionnaire_code == kept.summary.questionnaire_code)
            .collect();
        let summaries: Vec<SubmissionSummary> = cohort.iter().map(|k| k.summary.clone()).collect();
        let responses: Vec<Response> = cohort.iter().map(|k| k.response.clone()).collect();
        Ok(crate::inbox::flags_of(
            &q, submission, &summaries, &responses,
        ))
    }

    /// A message by `person`, timed by the count of changes so that later ones sort later.
    fn message(&self, person: PersonId, body: &str, sets: Option<QueryStatus>) -> MessageRecord {
        let author = self.name_of(person).unwrap_or_default();
        MessageRecord {
            uid: format!("m{:020}", self.changes + 1),
            author,
            role: Role::Respondent,
            at: format!("{:020}", self.changes + 1),
            body: body.to_owned(),
            sets,
        }
    }
}
