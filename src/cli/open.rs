//! What the commands work on: the questionnaire and the database.

use super::Cli;
use crate::i18n::{Lang, Say, say};
use crate::questionnaire::{self, Questionnaire};
use crate::store::{self, Store};
use anyhow::anyhow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The built-in questionnaires by the id inside each definition (a test holds them to it).
const BUILT_IN: [(&str, (&str, &str)); 2] = [
    ("eindex-2019", questionnaire::EINDEX_2019),
    ("ikt-2024", questionnaire::IKT_2024),
];

/// What `--questionnaire` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Named<'a> {
    /// A file that is there. A file wins over an id of the same name: the flag named files
    /// before it took ids, and `./ikt-2024` still says which is meant.
    File(&'a Path),
    /// A built-in definition, its file name and text: the e-index without the flag.
    BuiltIn(&'static str, &'static str),
    /// Neither: the code of a questionnaire the database keeps, or of none.
    Other(&'a Path),
}

pub(super) fn named(flag: Option<&Path>) -> Named<'_> {
    let Some(path) = flag else {
        let (name, text) = questionnaire::EINDEX_2019;
        return Named::BuiltIn(name, text);
    };
    if path.exists() {
        return Named::File(path);
    }
    match BUILT_IN.iter().find(|(id, _)| path.as_os_str() == *id) {
        Some((_, (name, text))) => Named::BuiltIn(name, text),
        None => Named::Other(path),
    }
}

type Found<T> = anyhow::Result<Result<T, ExitCode>>;

/// The questionnaire to work with and its definition text, where no database is at hand: a
/// file or a built-in one (see [`named`]). `Err` carries the exit code after the definition's
/// problems were printed.
pub(super) fn definition(lang: Lang, flag: Option<&Path>) -> Found<(Questionnaire, String)> {
    match named(flag) {
        Named::File(path) => {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path)
                .map_err(|e| anyhow!(say(lang, Say::CannotRead(&name, &e))))?;
            Ok(loaded(&name, text))
        }
        Named::BuiltIn(name, text) => {
            let q = questionnaire::load(name, text.as_bytes())
                .map_err(|d| anyhow!(say(lang, Say::BuiltInBroken(&d[0].to_string()))))?;
            Ok(Ok((q, text.to_owned())))
        }
        Named::Other(value) => Err(unknown(lang, value, None)),
    }
}

/// The questionnaire and the database, for a command that works on both. The database is
/// opened first only to find a questionnaire it keeps: a definition file's problems are
/// said before any database is opened (or made).
pub(super) fn definition_and_store(cli: &Cli) -> Found<(Questionnaire, String, Store)> {
    let flag = cli.questionnaire.as_deref();
    let Named::Other(value) = named(flag) else {
        return Ok(match definition(cli.lang, flag)? {
            Ok((q, text)) => Ok((q, text, store(cli)?)),
            Err(code) => Err(code),
        });
    };
    let store = store(cli)?;
    let code = value.to_string_lossy();
    let Some(text) = store.latest_definition(&code)? else {
        let kept: Vec<String> = store
            .questionnaire_codes()?
            .into_iter()
            .filter(|c| BUILT_IN.iter().all(|(id, _)| id != c))
            .collect();
        return Err(unknown(cli.lang, value, Some(&kept)));
    };
    Ok(loaded(&code, text).map(|(q, text)| (q, text, store)))
}

fn loaded(name: &str, text: String) -> Result<(Questionnaire, String), ExitCode> {
    match questionnaire::load(name, text.as_bytes()) {
        Ok(q) => Ok((q, text)),
        Err(diagnostics) => {
            for d in diagnostics {
                eprintln!("{d}\n");
            }
            Err(ExitCode::FAILURE)
        }
    }
}

/// `value` names no file and no questionnaire: the ids that would do, built-in and, where a
/// database was looked in, the codes it keeps.
fn unknown(lang: Lang, value: &Path, kept: Option<&[String]>) -> anyhow::Error {
    let built_in: Vec<&str> = BUILT_IN.iter().map(|(id, _)| *id).collect();
    let kept = kept.map(|codes| codes.join(", "));
    anyhow!(say(
        lang,
        Say::NoSuchQuestionnaire {
            named: &value.display().to_string(),
            built_in: &built_in.join(", "),
            kept: kept.as_deref(),
        }
    ))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_built_in_questionnaire_is_named_by_its_own_id() {
        for (id, (name, text)) in BUILT_IN {
            let q = questionnaire::load(name, text.as_bytes()).unwrap();
            assert_eq!(q.id, id);
            assert_eq!(named(Some(Path::new(id))), Named::BuiltIn(name, text));
        }
        assert_eq!(
            named(Some(Path::new("ikt-2023"))),
            Named::Other(Path::new("ikt-2023"))
        );
    }
}
