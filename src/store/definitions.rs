//! The questionnaire definitions submissions are filled with, kept whole so that a
//! submission is always read with its own.

use super::{QuestionnaireRow, Store, StoreError, SubmissionId, SubmissionSummary};
use crate::exchange::definition_hash;
use crate::questionnaire::Questionnaire;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

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
        definition_in(&self.conn, hash).map_err(|e| self.sqlite(e))
    }

    /// The definition a submission was filled with, loaded.
    pub fn filled_with(&self, summary: &SubmissionSummary) -> Result<Questionnaire, StoreError> {
        let submission = summary.id;
        let text = self
            .definition(&summary.questionnaire_hash)?
            .ok_or_else(|| {
                StoreError::Invalid(format!(
                    "the definition of submission {submission} is missing from the database"
                ))
            })?;
        crate::questionnaire::load(&summary.questionnaire_code, text.as_bytes()).map_err(|d| {
            StoreError::Invalid(format!(
                "the definition submission {submission} was filled with no longer loads: {}",
                d[0].short()
            ))
        })
    }

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
        let filled = self.filled_with(&summary)?;
        let changes = crate::questionnaire::changes(&filled, current);
        Ok(DefinitionStatus::Changed {
            filled_with: Box::new(filled),
            filled_hash: summary.questionnaire_hash,
            changes,
        })
    }
}

/// The definition text kept under `hash`, if any.
pub(super) fn definition_in(conn: &Connection, hash: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT definition FROM questionnaires WHERE hash = ?1",
        [hash],
        |r| r.get(0),
    )
    .optional()
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

impl Store {
    /// The codes of the questionnaires this database keeps a definition of, in order.
    pub fn questionnaire_codes(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT code FROM questionnaires ORDER BY code")
            .map_err(|e| self.sqlite(e))?;
        stmt.query_map([], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.sqlite(e))
    }

    /// The definition text of questionnaire `code` this database was given last, if it has
    /// one: versions are the authors' words, with no order the program could rely on.
    pub fn latest_definition(&self, code: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row(
                "SELECT definition FROM questionnaires WHERE code = ?1 ORDER BY id DESC LIMIT 1",
                [code],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sqlite(e))
    }
}
