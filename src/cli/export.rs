//! `anketa export`: submissions written to a file, to carry them to another machine.

use super::{Cli, open};
use crate::exchange::Status;
use crate::files::{self, ExportError};
use crate::i18n::{Say, say};
use crate::store::SubmissionId;
use anyhow::anyhow;
use std::path::Path;
use std::process::ExitCode;

/// `--all`, narrowed: of a year, in a state, and of `--questionnaire` when it is given.
pub(super) struct Every {
    pub year: Option<i32>,
    pub status: Option<Status>,
}

pub(super) fn export(
    cli: &Cli,
    ids: &[SubmissionId],
    every: Option<Every>,
    output: &Path,
) -> anyhow::Result<ExitCode> {
    let (code, mut store) = match cli.questionnaire {
        Some(_) => match open::definition_and_store(cli)? {
            Ok((q, _, store)) => (Some(q.id), store),
            Err(code) => return Ok(code),
        },
        None => (None, open::store(cli)?),
    };
    let ids: Vec<SubmissionId> = if let Some(every) = every {
        store
            .submissions()?
            .iter()
            .filter(|s| code.as_ref().is_none_or(|c| *c == s.questionnaire_code))
            .filter(|s| every.year.is_none_or(|y| y == s.year))
            .filter(|s| every.status.is_none_or(|st| st == s.status))
            .map(|s| s.id)
            .collect()
    } else {
        for &id in ids {
            store.submission(id)?;
        }
        ids.to_vec()
    };
    let path = output.display().to_string();
    let submissions = match files::export(&mut store, &ids, output) {
        Ok(count) => count,
        Err(ExportError::Write { source, .. }) => {
            return Err(anyhow!(say(cli.lang, Say::CannotWrite(&path, &source))));
        }
        Err(ExportError::Store(e)) => return Err(e.into()),
    };
    let exported = Say::Exported {
        path: &path,
        submissions,
    };
    println!("{}", say(cli.lang, exported));
    Ok(ExitCode::SUCCESS)
}
