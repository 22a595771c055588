//! `anketa submissions`: the submissions in the database, one line each.

use super::{Cli, open};
use crate::i18n::{Say, say};
use std::io::Write;
use std::process::ExitCode;

pub(super) fn list(cli: &Cli) -> anyhow::Result<ExitCode> {
    let store = open::store(cli)?;
    let mut out = std::io::stdout().lock();
    let mut submissions = store.submissions()?;
    if submissions.is_empty() {
        let path = store.path().display().to_string();
        writeln!(out, "{}", say(cli.lang, Say::NoSubmissionsYet(&path)))?;
    }
    // The store orders by bytes, which puts "Ā" and "Č" after "Z".
    submissions.sort_by(crate::store::SubmissionSummary::in_latvian_order);
    for s in submissions {
        writeln!(
            out,
            "{:>5}  {:<40} {}  {:<10} {} {}  {}{}",
            s.id,
            s.institution,
            s.year,
            crate::i18n::status(cli.lang, s.status),
            s.questionnaire_code,
            s.questionnaire_version,
            s.updated_at,
            if s.demo { "  [demo]" } else { "" }
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
