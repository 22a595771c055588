//! Submission files: the versioned JSON that carries submissions between offline machines
//! (`docs/submission-format.md`). Reading checks everything a file can get wrong before any
//! of it reaches a database; writing adds the checksum. No I/O here: bytes in, bytes out.

use crate::questionnaire::{AnswerType, Questionnaire};
use crate::response::{Instance, Response, Value};
use crate::rules::{Invalid, validate};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use thiserror::Error;

mod stream;
pub use stream::{Header, MAX_SUBMISSION_BYTES, Writer, read_each};

/// The `format` field of every submission file.
pub const FORMAT: &str = "anketa-submissions";
/// The format version this program writes. It reads this one and version 1, whose review
/// `comments` it reads as queries ([`read`]).
pub const VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmissionFile {
    pub format: String,
    pub version: u32,
    pub exported_at: String,
    /// The machine id of the database the file was written from.
    pub machine: String,
    pub submissions: Vec<SubmissionRecord>,
    /// `sha256:` and the hex digest of the file's canonical JSON without this field.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub checksum: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmissionRecord {
    pub uid: String,
    pub institution: InstitutionRecord,
    pub questionnaire: QuestionnaireRef,
    pub year: i32,
    pub status: Status,
    /// Generated for demonstrations (`anketa demo`), not a real institution's answers.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub demo: bool,
    pub created_at: String,
    pub updated_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_at: Option<String>,
    /// This version's identity, see [`revision`]. Empty in files written before revisions
    /// existed: such a version stands for `revision("", content)`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub revision: String,
    /// Every earlier revision this version descends from, as far as the exporting database
    /// knows: a database that holds one of them holds an older version than this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ancestors: Vec<String>,
    /// Answers outside rosters, by code.
    #[serde(default)]
    pub answers: BTreeMap<String, Value>,
    /// Roster instances with their answers, by roster id, in order.
    #[serde(default)]
    pub rosters: BTreeMap<String, Vec<Instance>>,
    /// Version 1's review comments: read, turned into [`SubmissionRecord::queries`] by
    /// [`read`], never written.
    #[serde(default, skip_serializing)]
    pub comments: Vec<CommentRecord>,
    /// Review queries with their threads (version 2).
    #[serde(default)]
    pub queries: Vec<QueryRecord>,
    #[serde(default)]
    pub acknowledgements: Vec<AcknowledgementRecord>,
    /// The audit log as the exporting database holds it (version 2): who changed what, when,
    /// on which machine and why; merged by identity.
    #[serde(default)]
    pub history: Vec<HistoryRecord>,
}

impl SubmissionRecord {
    /// A submission with these answers, made and last changed `at` (and submitted, accepted
    /// then, as its status says), with no history, queries or notes yet.
    pub fn new(
        uid: String,
        institution: InstitutionRecord,
        questionnaire: QuestionnaireRef,
        year: i32,
        status: Status,
        at: &str,
        response: Response,
    ) -> SubmissionRecord {
        SubmissionRecord {
            uid,
            institution,
            questionnaire,
            year,
            status,
            demo: false,
            created_at: at.to_owned(),
            updated_at: at.to_owned(),
            submitted_at: (status != Status::Draft).then(|| at.to_owned()),
            accepted_at: (status == Status::Accepted).then(|| at.to_owned()),
            revision: String::new(),
            ancestors: Vec::new(),
            answers: response.answers,
            rosters: response.rosters,
            comments: Vec::new(),
            queries: Vec::new(),
            acknowledgements: Vec::new(),
            history: Vec::new(),
        }
    }

    pub fn response(&self) -> Response {
        Response {
            answers: self.answers.clone(),
            rosters: self.rosters.clone(),
        }
    }

    /// What an import compares: status, answers and rosters. Queries, acknowledgements and
    /// history are not compared: an import merges them, as each has its own identity.
    pub fn content(&self) -> Content {
        Content {
            status: self.status,
            answers: self.answers.clone(),
            rosters: self.rosters.clone(),
        }
    }
}

/// The identity of a version of a submission: the version it was made from (`parent`, the
/// revision of the last exchange, `""` if none) and its content. The parent is part of it
/// because content recurs (returned and resubmitted unchanged) while history does not, and a
/// recurring content must not pass for the older version that had it first. Being computed,
/// not drawn, it is the same for a version exported twice and on every machine that reaches
/// the same content from the same parent.
pub fn revision(parent: &str, content: &Content) -> String {
    let mut hash = Sha256::new();
    hash.update(parent.as_bytes());
    hash.update(b"\n");
    hash.update(content.to_json().as_bytes());
    hex(&hash.finalize()[..16])
}

/// The comparable part of a submission (see [`SubmissionRecord::content`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Content {
    pub status: Status,
    pub answers: BTreeMap<String, Value>,
    pub rosters: BTreeMap<String, Vec<Instance>>,
}

impl Content {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("content serialises")
    }

    /// Every answer with its place: (roster, instance, code) → value; '' outside rosters.
    pub fn answer_map(&self) -> BTreeMap<(String, String, String), &Value> {
        let mut out = BTreeMap::new();
        for (code, v) in &self.answers {
            out.insert((String::new(), String::new(), code.clone()), v);
        }
        for (roster, instances) in &self.rosters {
            for i in instances {
                for (code, v) in &i.answers {
                    out.insert((roster.clone(), i.key.clone(), code.clone()), v);
                }
            }
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstitutionRecord {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reg_no: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    pub kind: InstitutionKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstitutionKind {
    Ministry,
    Institution,
}

impl InstitutionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            InstitutionKind::Ministry => "ministry",
            InstitutionKind::Institution => "institution",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireRef {
    pub id: String,
    pub version: String,
    /// SHA-256 of the definition file, lower-case hex.
    pub hash: String,
}

/// Where a submission is in its life: draft → submitted → accepted, or → returned → submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Submitted,
    Returned,
    Accepted,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Returned => "returned",
            Status::Accepted => "accepted",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        [
            Status::Draft,
            Status::Submitted,
            Status::Returned,
            Status::Accepted,
        ]
        .into_iter()
        .find(|st| st.as_str() == s)
    }

    /// Whether a submission may move from `self` to `to`.
    pub fn can_become(self, to: Status) -> bool {
        matches!(
            (self, to),
            (Status::Draft | Status::Returned, Status::Submitted)
                | (Status::Submitted, Status::Returned | Status::Accepted)
        )
    }

    /// Whether `to` is `self` or lies ahead of it along [`Status::can_become`]'s arrows:
    /// draft < submitted < returned/accepted, with returned and submitted alternating.
    /// A version with a status that cannot be reached came before this one, never after.
    pub fn can_reach(self, to: Status) -> bool {
        match self {
            Status::Draft => true,
            Status::Submitted | Status::Returned => to != Status::Draft,
            Status::Accepted => to == Status::Accepted,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentRecord {
    pub uid: String,
    #[serde(default)]
    pub roster: String,
    #[serde(default)]
    pub instance: String,
    /// The question commented on; '' for the submission as a whole.
    #[serde(default)]
    pub code: String,
    pub author: String,
    pub at: String,
    pub body: String,
    #[serde(default)]
    pub resolved: bool,
}

impl CommentRecord {
    /// Version 1's comment as the query it stands for: one message opening it, and one closing
    /// it if it was resolved, so that it keeps its identity when it comes again.
    fn into_query(self) -> QueryRecord {
        let mut messages = vec![MessageRecord {
            uid: self.uid.clone(),
            author: self.author.clone(),
            role: Role::Support,
            at: self.at.clone(),
            body: self.body,
            sets: Some(QueryStatus::Open),
        }];
        if self.resolved {
            messages.push(MessageRecord {
                uid: format!("{}.closed", self.uid),
                author: self.author,
                role: Role::Support,
                at: self.at,
                body: String::new(),
                sets: Some(QueryStatus::Closed),
            });
        }
        QueryRecord {
            uid: self.uid,
            roster: self.roster,
            instance: self.instance,
            code: self.code,
            messages,
        }
    }
}

/// Who wrote a message or made a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Respondent,
    Consultant,
    Support,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Respondent => "respondent",
            Role::Consultant => "consultant",
            Role::Support => "support",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        [Role::Respondent, Role::Consultant, Role::Support]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// Where a query stands: support staff open it (and may reopen it), the respondent answers
/// it, support staff close it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryStatus {
    Open,
    Answered,
    Closed,
}

impl QueryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            QueryStatus::Open => "open",
            QueryStatus::Answered => "answered",
            QueryStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<QueryStatus> {
        [
            QueryStatus::Open,
            QueryStatus::Answered,
            QueryStatus::Closed,
        ]
        .into_iter()
        .find(|st| st.as_str() == s)
    }
}

/// A query: support staff's question about the submission (`code` empty), a question, a row
/// or cell (an item's code), or a roster instance (`code` empty, `instance` set), and the
/// thread that follows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueryRecord {
    pub uid: String,
    #[serde(default)]
    pub roster: String,
    #[serde(default)]
    pub instance: String,
    #[serde(default)]
    pub code: String,
    /// Oldest first, by (`at`, `uid`).
    pub messages: Vec<MessageRecord>,
}

impl QueryRecord {
    /// The status set by the latest message that sets one. A thread is the union of its
    /// messages wherever they were written, so this is the same whatever order files are
    /// merged in, and a file that lacks the later messages cannot reopen a closed query.
    pub fn status(&self) -> QueryStatus {
        self.messages
            .iter()
            .filter_map(|m| m.sets.map(|s| (&m.at, &m.uid, s)))
            .max_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)))
            .map_or(QueryStatus::Open, |(_, _, s)| s)
    }

    /// Whether the query waits for the respondent.
    pub fn is_open(&self) -> bool {
        self.status() == QueryStatus::Open
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageRecord {
    pub uid: String,
    pub author: String,
    pub role: Role,
    pub at: String,
    #[serde(default)]
    pub body: String,
    /// The status this message gives the query, if it changes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sets: Option<QueryStatus>,
}

/// One entry of the audit log, as it travels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryRecord {
    pub uid: String,
    /// answer | instance | status | query | acknowledgement | import
    pub what: String,
    #[serde(default)]
    pub roster: String,
    #[serde(default)]
    pub instance: String,
    #[serde(default)]
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
    /// Empty when no person made it (an import).
    #[serde(default)]
    pub author: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    pub at: String,
    pub machine: String,
    /// Why support staff changed a respondent's answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcknowledgementRecord {
    pub check: String,
    #[serde(default)]
    pub roster: String,
    #[serde(default)]
    pub instance: String,
    pub author: String,
    pub at: String,
    #[serde(default)]
    pub comment: String,
}

/// Why a submission file was refused. Nothing of a refused file is imported.
#[derive(Debug, Error, PartialEq)]
pub enum FileError {
    #[error("a submission in the file is over {max} bytes, more than any real one takes")]
    SubmissionTooLarge { max: u64 },
    #[error("the file cannot be read: {0}")]
    Unreadable(String),
    #[error("the file is not JSON (line {line}, column {column}: {message})")]
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("the file is JSON but not an anketa submission file (no \"format\": \"{FORMAT}\")")]
    NotSubmissionFile,
    #[error("the file has format version {found}; this anketa reads versions 1 to {VERSION}")]
    UnsupportedVersion { found: String },
    #[error("the file has no checksum; it was not written by anketa export")]
    NoChecksum,
    #[error("checksum mismatch: the file was changed or damaged after it was exported")]
    ChecksumMismatch,
    #[error(
        "the file does not have the expected structure (line {line}, column {column}: {message})"
    )]
    Structure {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("submission {uid}: {problem}")]
    Invalid { uid: String, problem: String },
}

/// Parse and verify a submission file held in memory: JSON, format, version, checksum,
/// structure, the size of each submission. Answers are checked against their questionnaire
/// separately, see [`check_answers`]. [`read_each`] reads a file of any size as it goes.
pub fn read(bytes: &[u8]) -> Result<SubmissionFile, FileError> {
    let mut submissions = Vec::new();
    let header = read_each(bytes, |_, record| {
        submissions.push(record);
        Ok::<(), FileError>(())
    })?;
    Ok(SubmissionFile {
        format: FORMAT.to_owned(),
        version: header.version,
        exported_at: header.exported_at,
        machine: header.machine,
        submissions,
        checksum: header.checksum,
    })
}

/// A record as this version holds it: version 1's comments become closed queries.
fn upgrade(record: &mut SubmissionRecord, version: u32) -> Result<(), FileError> {
    let invalid = |problem: &str| FileError::Invalid {
        uid: record.uid.clone(),
        problem: problem.to_owned(),
    };
    if version == 1 {
        if !record.queries.is_empty() || !record.history.is_empty() {
            return Err(invalid(
                "a version 1 file cannot hold \"queries\" or \"history\" (version 2)",
            ));
        }
        record.queries = std::mem::take(&mut record.comments)
            .into_iter()
            .map(CommentRecord::into_query)
            .collect();
    } else if !record.comments.is_empty() {
        return Err(invalid(
            "\"comments\" belong to version 1 files; version 2 holds \"queries\"",
        ));
    }
    Ok(())
}

/// serde_json appends " at line L column C"; the error says that itself.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of a definition file, as recorded with every submission.
pub fn definition_hash(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Serialise submissions into a file, checksum included.
pub fn write(exported_at: String, machine: String, submissions: Vec<SubmissionRecord>) -> Vec<u8> {
    let in_memory = "writing a submission file into memory cannot fail";
    let mut writer = Writer::new(Vec::new(), &exported_at, &machine).expect(in_memory);
    for record in &submissions {
        writer.add(record).expect(in_memory);
    }
    writer.finish().expect(in_memory)
}

/// Check a record's answers against the questionnaire it claims: every code exists where it
/// is used, and every value has the question's type and one of its options.
pub fn check_answers(record: &SubmissionRecord, q: &Questionnaire) -> Result<(), FileError> {
    let invalid = |problem: String| FileError::Invalid {
        uid: record.uid.clone(),
        problem,
    };
    let check = |roster: Option<usize>, code: &str, value: &Value, place: &str| {
        let Some(item) = q.item(code) else {
            return Err(invalid(format!(
                "answer to unknown question code {code}{place}"
            )));
        };
        if q.items[item].roster != roster {
            return Err(invalid(format!(
                "{code}{place} is not asked there in {}",
                q.id
            )));
        }
        match validate(&q.items[item].answer, value) {
            Some(Invalid::WrongType) => Err(invalid(format!(
                "{code}{place}: the value {} does not fit a {} question",
                serde_json::to_string(value).unwrap_or_default(),
                type_name(&q.items[item].answer)
            ))),
            Some(Invalid::NotAnOption(c)) => Err(invalid(format!(
                "{code}{place}: {c} is not one of its options"
            ))),
            _ => Ok(()),
        }
    };
    for (code, value) in &record.answers {
        check(None, code, value, "")?;
    }
    for (roster_id, instances) in &record.rosters {
        let Some(roster) = q.roster(roster_id) else {
            return Err(invalid(format!("unknown roster {roster_id}")));
        };
        let mut keys = std::collections::HashSet::new();
        for instance in instances {
            if !keys.insert(&instance.key) {
                return Err(invalid(format!(
                    "{roster_id} lists instance {} twice",
                    instance.key
                )));
            }
            let place = format!(" (in {roster_id} “{}”)", instance.key);
            for (code, value) in &instance.answers {
                check(Some(roster), code, value, &place)?;
            }
        }
    }
    for query in &record.queries {
        check_query(query, q).map_err(invalid)?;
    }
    Ok(())
}

/// A query's place is one of the questionnaire's (a question's or item's code where it is
/// asked), and its thread has messages, each once.
fn check_query(query: &QueryRecord, q: &Questionnaire) -> Result<(), String> {
    let name = &query.uid;
    let roster = match query.roster.as_str() {
        "" => None,
        id => Some(
            q.roster(id)
                .ok_or_else(|| format!("query {name} is on unknown roster {id}"))?,
        ),
    };
    if !query.code.is_empty() {
        let in_scope = |item: usize| q.items[item].roster == roster;
        let known = q.item(&query.code).is_some_and(in_scope)
            || q.questions
                .iter()
                .any(|question| question.code == query.code && in_scope(question.items.start));
        if !known {
            return Err(format!(
                "query {name} is on {}, which is not a question asked there",
                query.code
            ));
        }
    }
    if query.messages.is_empty() {
        return Err(format!("query {name} has no messages"));
    }
    let mut uids = std::collections::HashSet::new();
    if let Some(m) = query.messages.iter().find(|m| !uids.insert(&m.uid)) {
        return Err(format!("query {name} lists message {} twice", m.uid));
    }
    Ok(())
}

fn type_name(answer: &AnswerType) -> &'static str {
    match answer {
        AnswerType::Single(_) => "single-choice",
        AnswerType::Multi(_) => "multiple-choice",
        AnswerType::Integer(_) => "whole-number",
        AnswerType::Number(_) => "number",
        AnswerType::Text { .. } => "text",
        AnswerType::Urls { .. } => "web-address list",
    }
}

/// `name` as a part of a file name: its letters and digits (Latvian ones too), the rest as
/// single dashes, none at either end.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}
