//! What the commands work on: the questionnaire and the database.

use super::Cli;
use crate::i18n::{Lang, Say, say};
use crate::questionnaire::{self, Questionnaire};
use crate::store::{self, Store};
use anyhow::anyhow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The questionnaire to work with: `--questionnaire FILE`, or the built-in e-index; with its
/// definition text. `Err` carries the exit code after the file's problems were printed.
pub(super) fn definition(
    lang: Lang,
    path: Option<&Path>,
) -> anyhow::Result<Result<(Questionnaire, String), ExitCode>> {
    Ok(Ok(match path {
        Some(path) => {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path)
                .map_err(|e| anyhow!(say(lang, Say::CannotRead(&name, &e))))?;
            match questionnaire::load(&name, text.as_bytes()) {
                Ok(q) => (q, text),
                Err(diagnostics) => {
                    for d in diagnostics {
                        eprintln!("{d}\n");
                    }
                    return Ok(Err(ExitCode::FAILURE));
                }
            }
        }
        None => {
            let (name, text) = questionnaire::EINDEX_2019;
            let q = questionnaire::load(name, text.as_bytes())
                .map_err(|d| anyhow!(say(lang, Say::BuiltInBroken(&d[0].to_string()))))?;
            (q, text.to_owned())
        }
    }))
}

/// The database: `--db PATH`, or the platform's default.
pub(super) fn store(cli: &Cli) -> anyhow::Result<Store> {
    store_at(cli.lang, cli.db.clone(), store::default_path())
}

/// The database `chosen`, else `default`: the demo keeps its own default apart from the real
/// one.
pub(super) fn store_at(
    lang: Lang,
    chosen: Option<PathBuf>,
    default: Option<PathBuf>,
) -> anyhow::Result<Store> {
    let path = chosen
        .or(default)
        .ok_or_else(|| anyhow!(say(lang, Say::NoDataDirectory)))?;
    Ok(Store::open(&path)?)
}
