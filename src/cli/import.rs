//! `anketa import`: submission files read into the database, all of them or nothing.

use super::{Cli, open};
use crate::exchange;
use crate::i18n::{Say, say};
use crate::questionnaire;
use crate::store::{ImportError, Resolution};
use anyhow::anyhow;
use std::path::PathBuf;
use std::process::ExitCode;

pub(super) fn import(
    cli: &Cli,
    paths: &[PathBuf],
    ours: bool,
    theirs: bool,
) -> anyhow::Result<ExitCode> {
    let lang = cli.lang;
    let nothing = |why: String| anyhow!(say(lang, Say::NothingImported(&why)));
    let cannot_read = |name: &str, e: std::io::Error| anyhow!(say(lang, Say::CannotRead(name, &e)));
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let name = path.display().to_string();
        let size = std::fs::metadata(path)
            .map_err(|e| cannot_read(&name, e))?
            .len();
        let max = exchange::MAX_FILE_BYTES;
        if size > max {
            return Err(nothing(format!(
                "{name}: {}",
                say(lang, Say::TooLarge { size, max })
            )));
        }
        let bytes = std::fs::read(path).map_err(|e| cannot_read(&name, e))?;
        // The file's problems are exchange's words, in English.
        let file = exchange::read(&bytes).map_err(|e| nothing(format!("{name}: {e}")))?;
        files.push(file);
    }
    let extra = match &cli.questionnaire {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .map_err(|e| cannot_read(&path.display().to_string(), e))?,
        ),
        None => None,
    };
    let mut known: Vec<&str> = questionnaire::built_in().collect();
    known.extend(extra.as_deref());
    let resolution = match (ours, theirs) {
        (true, _) => Resolution::Ours,
        (_, true) => Resolution::Theirs,
        _ => Resolution::Refuse,
    };
    let mut store = open::store(cli)?;
    match store.import(&files, &known, resolution) {
        Ok(report) => {
            print!("{}", crate::i18n::import_report(lang, &report));
            Ok(ExitCode::SUCCESS)
        }
        Err(ImportError::Conflicts { count, report }) => {
            print!("{}", crate::i18n::import_report(lang, &report));
            eprintln!("anketa: {}", say(lang, Say::Conflicts(count)));
            Ok(ExitCode::FAILURE)
        }
        Err(ImportError::UnknownQuestionnaire {
            uid,
            id,
            version,
            hash,
        }) => {
            let unknown = Say::UnknownQuestionnaire {
                uid: &uid,
                id: &id,
                version: &version,
                hash: &hash,
            };
            Err(nothing(say(lang, unknown)))
        }
        // The store's own errors are its words, in English.
        Err(e) => Err(nothing(e.to_string())),
    }
}
