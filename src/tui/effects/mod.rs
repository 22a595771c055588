//! What `update` asks of the world, as one narrow interface: the database and the files. The
//! real program hands `update` the [`Store`]; tests can hand it a [`Memory`] and watch what
//! was asked. Nothing else in `tui` reads or writes outside the application's state.

mod memory;

pub use memory::Memory;

use crate::exchange::{InstitutionRecord, QueryRecord, QueryStatus, Role, Status};
use crate::inbox::InboxRow;
use crate::plausibility::Flag;
use crate::questionnaire::Questionnaire;
use crate::response::{Response, Value};
use crate::results::{Results, Scored};
use crate::review::Checks;
use crate::store::{
    AnswerKey, AuditEntry, DefinitionStatus, PersonId, Position, Seek, Store, StoreError,
    SubmissionId, SubmissionSummary, Window,
};
use crate::tables::{Page, Scope};
use std::fmt;
use std::path::Path;

/// An effect that did not happen, in words for the person at the keyboard.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure(pub String);

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Failure {}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure(e.to_string())
    }
}

/// A submission opened for filling: its answers, who fills it, where they left off, and
/// which definition it was filled with.
pub struct Opened {
    pub definition: DefinitionStatus,
    pub response: Response,
    pub person: PersonId,
    pub position: Option<Position>,
    pub queries: Vec<QueryRecord>,
}

/// Where a roster instance is: (submission, roster id, instance key).
pub type InstancePlace<'a> = (SubmissionId, &'a str, &'a str);

pub trait Effects {
    /// `rows` of the submissions of the questionnaire `code`, in Latvian order of institution,
    /// then year, from where `seek` says.
    fn window(&mut self, code: &str, seek: Seek, rows: usize) -> Result<Window, Failure>;

    /// Start a submission of `q` for `institution` and `year`, filled by `person`.
    fn create(
        &mut self,
        q: &Questionnaire,
        definition: &str,
        institution: &InstitutionRecord,
        year: i32,
        person: &str,
    ) -> Result<(SubmissionSummary, PersonId), Failure>;

    /// Everything needed to go on filling (or reviewing) a submission. `person` fills it when
    /// known; else, for a respondent, the respondent who changed it last, else `user` in
    /// `role`.
    fn open(
        &mut self,
        submission: SubmissionId,
        q: &Questionnaire,
        definition: &str,
        person: Option<PersonId>,
        who: (&str, Role),
    ) -> Result<Opened, Failure>;

    /// Keep one answer (`None`: no answer).
    fn save_answer(
        &mut self,
        submission: SubmissionId,
        key: AnswerKey,
        value: Option<&Value>,
        person: PersonId,
    ) -> Result<(), Failure>;

    /// Remember where the respondent is, to come back to it.
    fn save_position(
        &mut self,
        submission: SubmissionId,
        position: &Position,
    ) -> Result<(), Failure>;

    /// Add an instance to a roster; its key.
    fn add_instance(
        &mut self,
        submission: SubmissionId,
        roster: &str,
        label: &str,
        person: PersonId,
    ) -> Result<String, Failure>;

    fn rename_instance(
        &mut self,
        at: InstancePlace,
        label: &str,
        person: PersonId,
    ) -> Result<(), Failure>;

    fn remove_instance(&mut self, at: InstancePlace, person: PersonId) -> Result<(), Failure>;

    fn move_instance(&mut self, at: InstancePlace, to: usize) -> Result<(), Failure>;

    /// The warnings acknowledged so far: (check, roster id, instance key).
    fn acknowledged(
        &mut self,
        submission: SubmissionId,
    ) -> Result<Vec<(String, String, String)>, Failure>;

    /// Acknowledge the warning of `check` at `key` with the respondent's comment.
    fn acknowledge(
        &mut self,
        submission: SubmissionId,
        check: &str,
        key: AnswerKey,
        comment: &str,
        person: PersonId,
    ) -> Result<(), Failure>;

    fn set_status(
        &mut self,
        submission: SubmissionId,
        status: Status,
        person: PersonId,
    ) -> Result<(), Failure>;

    /// Write the submission file to `path`.
    fn export(&mut self, submission: SubmissionId, path: &Path) -> Result<(), Failure>;

    /// The submissions of questionnaire `code` of the same year as submission `of`, scored
    /// with the model (file name, text); `kept` holds the scores of earlier calls, and only
    /// the submissions changed since are scored again.
    fn results(
        &mut self,
        code: &str,
        model: (&str, &str),
        of: SubmissionId,
        kept: &mut Scored,
    ) -> Result<Results, Failure>;

    fn response(&mut self, submission: SubmissionId) -> Result<Response, Failure>;

    /// Write a whole file (a hand-out), never leaving half of one.
    fn write_file(&mut self, path: &Path, bytes: &[u8]) -> Result<(), Failure>;

    /// Every submission of every questionnaire with where it stands: support staff's inbox.
    fn inbox(&mut self) -> Result<Vec<InboxRow>, Failure>;

    /// What the checks say of these submissions (the inbox evaluates them a batch at a time).
    fn inbox_checks(
        &mut self,
        ids: &[SubmissionId],
    ) -> Result<Vec<(SubmissionId, Checks)>, Failure>;

    fn queries(&mut self, submission: SubmissionId) -> Result<Vec<QueryRecord>, Failure>;

    /// Open a query at `key` with its first message; its uid.
    fn open_query(
        &mut self,
        submission: SubmissionId,
        key: AnswerKey,
        body: &str,
        person: PersonId,
    ) -> Result<String, Failure>;

    /// A message in the thread of query `uid`, setting its status if `sets` says so.
    fn reply(
        &mut self,
        submission: SubmissionId,
        uid: &str,
        body: &str,
        sets: Option<QueryStatus>,
        person: PersonId,
    ) -> Result<(), Failure>;

    /// Support staff's change of a respondent's answer, kept with its reason.
    fn correct_answer(
        &mut self,
        submission: SubmissionId,
        key: AnswerKey,
        value: Option<&Value>,
        person: PersonId,
        reason: &str,
    ) -> Result<(), Failure>;

    /// Every change to the submission, oldest first, from every machine it went through.
    fn history(&mut self, submission: SubmissionId) -> Result<Vec<AuditEntry>, Failure>;

    /// What stands out in the submission against the others of its questionnaire.
    fn plausibility(&mut self, submission: SubmissionId) -> Result<Vec<Flag>, Failure>;

    /// The answer tables of `q` over the submissions `scope` covers.
    fn report(&mut self, q: &Questionnaire, scope: &Scope) -> Result<Page, Failure>;
}

impl Effects for Store {
    fn window(&mut self, code: &str, seek: Seek, rows: usize) -> Result<Window, Failure> {
        Ok(Store::window(self, code, seek, rows)?)
    }

    fn create(
        &mut self,
        q: &Questionnaire,
        definition: &str,
        institution: &InstitutionRecord,
        year: i32,
        person: &str,
    ) -> Result<(SubmissionSummary, PersonId), Failure> {
        let institution = self.institution(institution)?;
        let person = self.person(person, Role::Respondent)?;
        let row = self.register_questionnaire(q, definition)?;
        let id = self.create_submission(institution, row, year, person)?;
        Ok((self.submission(id)?, person))
    }

    fn open(
        &mut self,
        submission: SubmissionId,
        q: &Questionnaire,
        definition: &str,
        person: Option<PersonId>,
        (user, role): (&str, Role),
    ) -> Result<Opened, Failure> {
        let status = self.definition_status(submission, q, definition)?;
        let response = self.load_response(submission)?;
        let last = match role {
            Role::Respondent => self.last_person(submission, role)?,
            _ => None,
        };
        let person = match person.or(last) {
            Some(p) => p,
            None => self.person(user, role)?,
        };
        Ok(Opened {
            definition: status,
            response,
            person,
            position: self.position(submission)?,
            queries: Store::queries(self, submission)?,
        })
    }

    fn save_answer(
        &mut self,
        submission: SubmissionId,
        key: AnswerKey,
        value: Option<&Value>,
        person: PersonId,
    ) -> Result<(), Failure> {
        Store::save_answer(self, submission, key, value, person)?;
        Ok(())
    }

    fn save_position(
        &mut self,
        submission: SubmissionId,
        position: &Position,
    ) -> Result<(), Failure> {
        Ok(Store::save_position(self, submission, position)?)
    }

    fn add_instance(
        &mut self,
        submission: SubmissionId,
        roster: &str,
        label: &str,
        person: PersonId,
    ) -> Result<String, Failure> {
        Ok(Store::add_instance(
            self, submission, roster, label, person,
        )?)
    }

    fn rename_instance(
        &mut self,
        (submission, roster, key): InstancePlace,
        label: &str,
        person: PersonId,
    ) -> Result<(), Failure> {
        Ok(Store::rename_instance(
            self, submission, roster, key, label, person,
        )?)
    }

    fn remove_instance(
        &mut self,
        (submission, roster, key): InstancePlace,
        person: PersonId,
    ) -> Result<(), Failure> {
        Ok(Store::remove_instance(
            self, submission, roster, key, person,
        )?)
    }

    fn move_instance(
        &mut self,
        (submission, roster, key): InstancePlace,
        to: usize,
    ) -> Result<(), Failure> {
        Ok(Store::move_instance(self, submission, roster, key, to)?)
    }

    fn acknowledged(
        &mut self,
        submission: SubmissionId,
    ) -> Result<Vec<(String, String, String)>, Failure> {
        Ok(Store::acknowledged(self, submission)?)
    }

    fn acknowledge(
        &mut self,
        submission: SubmissionId,
        check: &str,
        key: AnswerKey,
        comment: &str,
        person: PersonId,
    ) -> Result<(), Failure> {
        Ok(Store::acknowledge(
            self, submission, check, key, comment, person,
        )?)
    }

    fn set_status(
        &mut self,
        submission: SubmissionId,
        status: Status,
        person: PersonId,
    ) -> Result<(), Failure> {
        Ok(Store::set_status(self, submission, status, person)?)
    }

    fn export(&mut self, submission: SubmissionId, path: &Path) -> Result<(), Failure> {
        crate::files::export(self, &[submission], path).map_err(|e| Failure(e.to_string()))?;
        Ok(())
    }

    fn results(
        &mut self,
        code: &str,
        model: (&str, &str),
        of: SubmissionId,
        kept: &mut Scored,
    ) -> Result<Results, Failure> {
        Ok(crate::results::gather_from(
            self.same_year_as(of)?,
            code,
            Some(of),
            model,
            |hash| self.definition(hash),
            |id| self.load_response(id),
            kept,
        )?)
    }

    fn response(&mut self, submission: SubmissionId) -> Result<Response, Failure> {
        Ok(self.load_response(submission)?)
    }

    fn write_file(&mut self, path: &Path, bytes: &[u8]) -> Result<(), Failure> {
        crate::files::write_atomically(path, bytes)
            .map_err(|e| Failure(format!("{}: {e}", path.display())))
    }

    fn inbox(&mut self) -> Result<Vec<InboxRow>, Failure> {
        Ok(crate::inbox::gather(self)?)
    }

    fn inbox_checks(
        &mut self,
        ids: &[SubmissionId],
    ) -> Result<Vec<(SubmissionId, Checks)>, Failure> {
        Ok(crate::inbox::evaluate(self, ids)?)
    }

    fn queries(&mut self, submission: SubmissionId) -> Result<Vec<QueryRecord>, Failure> {
        Ok(Store::queries(self, submission)?)
    }

    fn open_query(
        &mut self,
        submission: SubmissionId,
        key: AnswerKey,
        body: &str,
        person: PersonId,
    ) -> Result<String, Failure> {
        Ok(Store::open_query(self, submission, key, body, person)?)
    }

    fn reply(
        &mut self,
        submission: SubmissionId,
        uid: &str,
        body: &str,
        sets: Option<QueryStatus>,
        person: PersonId,
    ) -> Result<(), Failure> {
        Ok(Store::reply(self, submission, uid, body, sets, person)?)
    }

    fn correct_answer(
        &mut self,
        submission: SubmissionId,
        key: AnswerKey,
        value: Option<&Value>,
        person: PersonId,
        reason: &str,
    ) -> Result<(), Failure> {
        Store::correct_answer(self, submission, key, value, person, reason)?;
        Ok(())
    }

    fn history(&mut self, submission: SubmissionId) -> Result<Vec<AuditEntry>, Failure> {
        Ok(self.audit(submission)?)
    }

    fn plausibility(&mut self, submission: SubmissionId) -> Result<Vec<Flag>, Failure> {
        Ok(crate::inbox::plausibility(self, submission)?)
    }

    fn report(&mut self, q: &Questionnaire, scope: &Scope) -> Result<Page, Failure> {
        Ok(crate::tables::page(self, q, scope)?)
    }
}
