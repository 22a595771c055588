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
    let imported = (|| {
        let mut importer = store.importer(&known, resolution)?;
        for path in paths {
            let name = path.display().to_string();
            let file = open_file(path).map_err(|e| Refused::Read(name.clone(), e))?;
            // The file's problems are exchange's words, in English.
            exchange::read_each(file, |header, record| {
                importer.add(&header.machine, &record)
            })
            .map_err(|e| match e {
                ImportError::File(e) => Refused::File(name.clone(), e),
                e => Refused::Import(e),
            })?;
        }
        importer.finish().map_err(Refused::Import)
    })();
    let imported = match imported {
        Ok(report) => Ok(report),
        Err(Refused::Read(name, e)) => {
            return Err(nothing(say(lang, Say::CannotRead(&name, &e))));
        }
        Err(Refused::File(name, exchange::FileError::SubmissionTooLarge { max })) => {
            let why = say(lang, Say::SubmissionTooLarge { max });
            return Err(nothing(format!("{name}: {why}")));
        }
        Err(Refused::File(name, e)) => return Err(nothing(format!("{name}: {e}"))),
        Err(Refused::Import(e)) => Err(e),
    };
    match imported {
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

/// Why nothing was imported: a file that cannot be read, one that is not a good submission
/// file (named), or what the database said.
enum Refused {
    Read(String, std::io::Error),
    File(String, exchange::FileError),
    Import(ImportError),
}

impl From<crate::store::StoreError> for Refused {
    fn from(e: crate::store::StoreError) -> Self {
        Refused::Import(e.into())
    }
}

/// A regular file, opened; anything else (a folder, a device, a pipe) is refused before it is
/// read, for it could be read without end.
fn open_file(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    // Asked before opening: opening a pipe waits for a writer.
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(std::io::ErrorKind::IsADirectory.into());
    }
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "it is not a regular file (a device or a pipe)",
        ));
    }
    std::fs::File::open(path)
}
