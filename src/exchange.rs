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

/// The `format` field of every submission file.
pub const FORMAT: &str = "anketa-submissions";
/// The format version this program writes and reads.
pub const VERSION: u32 = 1;
/// Files above this size are refused before reading: a submission with 226 services is
/// about 0.3 MB, so this holds a few hundred of the largest.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

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
    #[serde(default)]
    pub comments: Vec<CommentRecord>,
    #[serde(default)]
    pub acknowledgements: Vec<AcknowledgementRecord>,
}

impl SubmissionRecord {
    pub fn response(&self) -> Response {
        Response {
            answers: self.answers.clone(),
            rosters: self.rosters.clone(),
        }
    }

    /// What an import compares: status, answers and rosters. Comments and acknowledgements
    /// are not compared: an import merges them, as each has its own identity.
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
    #[error("the file is {size} bytes; submission files may be at most {max} bytes")]
    TooLarge { size: u64, max: u64 },
    #[error("the file is not JSON (line {line}, column {column}: {message})")]
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("the file is JSON but not an anketa submission file (no \"format\": \"{FORMAT}\")")]
    NotSubmissionFile,
    #[error("the file has format version {found}; this anketa reads version {VERSION}")]
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

/// Parse and verify a submission file: size, JSON, format, version, checksum, structure.
/// Answers are checked against their questionnaire separately, see [`check_answers`].
pub fn read(bytes: &[u8]) -> Result<SubmissionFile, FileError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(FileError::TooLarge {
            size: bytes.len() as u64,
            max: MAX_FILE_BYTES,
        });
    }
    let mut value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| FileError::NotJson {
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()),
        })?;
    let Some(object) = value.as_object_mut() else {
        return Err(FileError::NotSubmissionFile);
    };
    if object.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(FileError::NotSubmissionFile);
    }
    match object.get("version") {
        Some(v) if v.as_u64() == Some(VERSION as u64) => {}
        other => {
            return Err(FileError::UnsupportedVersion {
                found: other.map_or_else(|| "(none)".to_owned(), |v| v.to_string()),
            });
        }
    }
    let Some(serde_json::Value::String(stated)) = object.remove("checksum") else {
        return Err(FileError::NoChecksum);
    };
    if checksum_of(&value) != stated {
        return Err(FileError::ChecksumMismatch);
    }
    serde_json::from_slice(bytes).map_err(|e| FileError::Structure {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })
}

/// serde_json appends " at line L column C"; the error says that itself.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

fn checksum_of(value: &serde_json::Value) -> String {
    let canonical = serde_json::to_string(value).expect("a JSON value serialises");
    format!("sha256:{}", hex(&Sha256::digest(canonical.as_bytes())))
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
    let mut file = SubmissionFile {
        format: FORMAT.to_owned(),
        version: VERSION,
        exported_at,
        machine,
        submissions,
        checksum: String::new(),
    };
    let value = serde_json::to_value(&file).expect("a submission file serialises");
    file.checksum = checksum_of(&value);
    let mut out = serde_json::to_vec_pretty(&file).expect("a submission file serialises");
    out.push(b'\n');
    out
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
