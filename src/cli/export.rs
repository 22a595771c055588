//! `anketa export`: submissions written to a file, to carry them to another machine.

use super::{Cli, open};
use crate::files::{self, ExportError};
use crate::i18n::{Say, say};
use crate::store::SubmissionId;
use anyhow::anyhow;
use std::path::Path;
use std::process::ExitCode;

pub(super) fn export(
    cli: &Cli,
    ids: &[SubmissionId],
    all: bool,
    output: &Path,
) -> anyhow::Result<ExitCode> {
    let mut store = open::store(cli)?;
    let ids: Vec<SubmissionId> = if all {
        store.submissions()?.iter().map(|s| s.id).collect()
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
