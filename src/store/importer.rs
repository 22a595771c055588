//! Importing submission files: every record verified and written in one transaction, as the
//! file is read, so that a file of any size needs memory for one submission; all or nothing.

use super::definitions::{definition_in, questionnaire_in};
use super::sync::{ImportError, ImportReport, ImportedSubmission, Resolution, import_one};
use super::{QuestionnaireRow, Store, StoreError};
use crate::exchange::{SubmissionFile, SubmissionRecord, check_answers, definition_hash};
use crate::questionnaire::{self, Questionnaire};
use rusqlite::Transaction;
use std::path::PathBuf;

/// A definition the imported submissions were filled with, loaded once per import.
pub(super) struct Definition {
    pub q: Questionnaire,
    text: String,
    hash: String,
    /// Its row, once a new submission needed it.
    row: Option<QuestionnaireRow>,
}

impl Definition {
    pub(super) fn row(&mut self, tx: &Transaction) -> rusqlite::Result<QuestionnaireRow> {
        if let Some(row) = self.row {
            return Ok(row);
        }
        let row = questionnaire_in(tx, &self.q, &self.text)?;
        self.row = Some(row);
        Ok(row)
    }
}

/// An import under way: [`Importer::add`] each record, then [`Importer::finish`]. Dropped
/// unfinished, or finished with a conflict, it leaves the database as it was.
pub struct Importer<'s> {
    tx: Transaction<'s>,
    path: PathBuf,
    machine: String,
    known: &'s [&'s str],
    definitions: Vec<Definition>,
    resolution: Resolution,
    report: ImportReport,
}

impl Store {
    /// Import verified files, all in one transaction: all or nothing. `known` are definition
    /// texts the caller can offer for questionnaires this database has not seen (the built-in
    /// ones, `--questionnaire`).
    pub fn import(
        &mut self,
        files: &[SubmissionFile],
        known: &[&str],
        resolution: Resolution,
    ) -> Result<ImportReport, ImportError> {
        let mut importer = self.importer(known, resolution)?;
        for file in files {
            for record in &file.submissions {
                importer.add(&file.machine, record)?;
            }
        }
        importer.finish()
    }

    /// Begin an import; it holds the database's write lock until it is finished or dropped.
    pub fn importer<'s>(
        &'s mut self,
        known: &'s [&'s str],
        resolution: Resolution,
    ) -> Result<Importer<'s>, StoreError> {
        let path = self.path.clone();
        let machine = self.machine.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| StoreError::from_sqlite(&path, e))?;
        Ok(Importer {
            tx,
            path,
            machine,
            known,
            definitions: Vec::new(),
            resolution,
            report: ImportReport::default(),
        })
    }
}

impl Importer<'_> {
    /// Check one record, from a file written on machine `source`, against the definition it
    /// was filled with, and write it.
    pub fn add(&mut self, source: &str, r: &SubmissionRecord) -> Result<(), ImportError> {
        let index = match self
            .definitions
            .iter()
            .position(|d| d.hash == r.questionnaire.hash)
        {
            Some(i) => i,
            None => {
                let definition = self.definition(r)?;
                self.definitions.push(definition);
                self.definitions.len() - 1
            }
        };
        let definition = &mut self.definitions[index];
        check_answers(r, &definition.q)?;
        let outcome = import_one(
            &self.tx,
            &self.machine,
            source,
            r,
            definition,
            self.resolution,
        )
        .map_err(|e| StoreError::from_sqlite(&self.path, e))?;
        self.report.submissions.push(ImportedSubmission {
            uid: r.uid.clone(),
            institution: r.institution.name.clone(),
            year: r.year,
            outcome,
        });
        Ok(())
    }

    /// Commit what was added, unless a submission changed both here and in the file and the
    /// resolution was to refuse.
    pub fn finish(self) -> Result<ImportReport, ImportError> {
        let count = self.report.conflicts();
        if count > 0 {
            // Dropping the transaction rolls every submission of the files back.
            return Err(ImportError::Conflicts {
                count,
                report: self.report,
            });
        }
        self.tx
            .commit()
            .map_err(|e| StoreError::from_sqlite(&self.path, e))?;
        Ok(self.report)
    }

    /// The definition of `r`'s questionnaire: the database's, else one the caller offered.
    fn definition(&self, r: &SubmissionRecord) -> Result<Definition, ImportError> {
        let unknown = || ImportError::UnknownQuestionnaire {
            uid: r.uid.clone(),
            id: r.questionnaire.id.clone(),
            version: r.questionnaire.version.clone(),
            hash: r.questionnaire.hash.clone(),
        };
        let stored = definition_in(&self.tx, &r.questionnaire.hash)
            .map_err(|e| StoreError::from_sqlite(&self.path, e))?;
        let text = match stored {
            Some(text) => text,
            None => self
                .known
                .iter()
                .find(|text| definition_hash(text.as_bytes()) == r.questionnaire.hash)
                .map(|text| (*text).to_owned())
                .ok_or_else(unknown)?,
        };
        let q = questionnaire::load(&r.questionnaire.id, text.as_bytes()).map_err(|_| unknown())?;
        Ok(Definition {
            q,
            hash: r.questionnaire.hash.clone(),
            text,
            row: None,
        })
    }
}
