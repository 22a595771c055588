//! `anketa submissions`: the submissions in the database, one line each.

use super::{Cli, open};
use crate::i18n::{Say, say};
use crate::store::Filter;
use std::io::Write;
use std::process::ExitCode;

/// The first `limit` (all, with none) of the submissions `filter` keeps, in Latvian order; a
/// line on stderr says how many more there are, so that a pipe reads only submissions.
pub(super) fn list(
    cli: &Cli,
    mut filter: Filter,
    limit: Option<usize>,
) -> anyhow::Result<ExitCode> {
    let store = match cli.questionnaire {
        Some(_) => match open::definition_and_store(cli)? {
            Ok((q, _, store)) => {
                filter.questionnaire = Some(q.id);
                store
            }
            Err(code) => return Ok(code),
        },
        None => open::store(cli)?,
    };
    let (submissions, total) = store.first_submissions(&filter, limit.unwrap_or(usize::MAX))?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if total == 0 && filter == Filter::default() {
        let path = store.path().display().to_string();
        writeln!(out, "{}", say(cli.lang, Say::NoSubmissionsYet(&path)))?;
    } else if total == 0 {
        eprintln!("{}", say(cli.lang, Say::NoneChosen));
    }
    let listed = submissions.len();
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
    out.flush()?;
    if listed < total {
        eprintln!("{}", say(cli.lang, Say::NotListed(total - listed)));
    }
    Ok(ExitCode::SUCCESS)
}
