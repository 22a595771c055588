//! Which scoring model goes with which questionnaire: the definition `<stem>.toml` is scored by
//! `<stem>.scoring.toml` beside it (`questionnaire/SCORING.md`). Both directions come from the
//! one rule here, so that `anketa check` pairs the files as the commands that score do.

use super::Cli;
use super::open::{self, Named};
use crate::i18n::{Say, say};
use crate::questionnaire::Questionnaire;
use crate::scoring::{self, Model};
use anyhow::anyhow;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

const DEFINITION: &str = ".toml";
const MODEL: &str = ".scoring.toml";

/// The scoring model of a definition: `<stem>.toml` → `<stem>.scoring.toml`; a name that does
/// not end in `.toml` is kept whole (`x` → `x.scoring.toml`). `None` for a path that names no
/// file.
pub(super) fn model_beside(definition: &Path) -> Option<PathBuf> {
    let name = definition.file_name()?;
    let stem = strip_suffix(name, DEFINITION).unwrap_or(name);
    Some(definition.with_file_name(joined(stem, MODEL)))
}

/// The definition a scoring model scores: `<stem>.scoring.toml` → `<stem>.toml`; `None` for a
/// file not named as a scoring model.
pub(super) fn definition_beside(model: &Path) -> Option<PathBuf> {
    let stem = strip_suffix(model.file_name()?, MODEL)?;
    Some(model.with_file_name(joined(stem, DEFINITION)))
}

fn joined(stem: &OsStr, suffix: &str) -> OsString {
    let mut name = stem.to_owned();
    name.push(suffix);
    name
}

/// `name` without `suffix`, byte for byte: a file name need not be UTF-8, and a lossy copy of it
/// would name another file.
fn strip_suffix<'a>(name: &'a OsStr, suffix: &str) -> Option<&'a OsStr> {
    let stem = name.as_encoded_bytes().strip_suffix(suffix.as_bytes())?;
    if stem.is_empty() {
        return Some(OsStr::new(""));
    }
    // std has no safe cut of an `OsStr` at a byte offset, but a file stem is the name before its
    // last dot: one cut per dot-led part of the suffix. Before them is a non-empty stem, so no
    // cut mistakes a part for the leading dot of a hidden file.
    suffix
        .matches('.')
        .try_fold(name, |rest, _| Path::new(rest).file_stem())
}

/// The scoring model of the questionnaire to work with, loaded and checked against `q`: the one
/// beside `--questionnaire FILE`, or the built-in one of a built-in questionnaire. `None` when the
/// questionnaire has none: a questionnaire without scoring is filled, submitted and exported all
/// the same.
pub(super) fn load(
    cli: &Cli,
    q: &Questionnaire,
) -> anyhow::Result<Option<(String, String, Model)>> {
    let Some((file, text)) = find(cli)? else {
        return Ok(None);
    };
    let model = scoring::load(&file, &text, q)
        .map_err(|d| anyhow!(say(cli.lang, Say::ScoringProblems(&d[0].short()))))?;
    Ok(Some((file, text, model)))
}

/// The scoring model's file name and text, unchecked.
fn find(cli: &Cli) -> anyhow::Result<Option<(String, String)>> {
    let definition = match open::named(cli.questionnaire.as_deref()) {
        Named::File(path) => path,
        // A built-in definition is paired as a file is, with the built-in models.
        Named::BuiltIn(name, _) => {
            let beside = model_beside(Path::new(name));
            let model = [scoring::EINDEX_2019_SCORING]
                .into_iter()
                .find(|(model, _)| beside.as_deref() == Some(Path::new(model)));
            return Ok(model.map(|(name, text)| (name.to_owned(), text.to_owned())));
        }
        // What the database keeps is a definition alone, without a model.
        Named::Other(_) => return Ok(None),
    };
    let Some(model_path) = model_beside(definition) else {
        return Ok(None);
    };
    match std::fs::read_to_string(&model_path) {
        Ok(text) => Ok(Some((model_path.display().to_string(), text))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => {
            let name = model_path.display().to_string();
            Err(anyhow!(say(cli.lang, Say::CannotRead(&name, &e))))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_definition_and_its_scoring_model_name_each_other() {
        for (definition, model) in [
            (
                "questionnaire/eindex-2019.toml",
                "questionnaire/eindex-2019.scoring.toml",
            ),
            ("x.toml", "x.scoring.toml"),
            ("a.b.toml", "a.b.scoring.toml"),
            ("..toml", "..scoring.toml"),
            (".toml", ".scoring.toml"),
        ] {
            let (definition, model) = (Path::new(definition), Path::new(model));
            assert_eq!(model_beside(definition).as_deref(), Some(model));
            assert_eq!(definition_beside(model).as_deref(), Some(definition));
        }
    }

    #[test]
    fn a_definition_not_named_toml_keeps_its_whole_name() {
        for (definition, model) in [("q/x", "q/x.scoring.toml"), ("x.txt", "x.txt.scoring.toml")] {
            let model_path = model_beside(Path::new(definition));
            assert_eq!(model_path.as_deref(), Some(Path::new(model)));
        }
    }

    #[test]
    fn only_a_name_ending_in_scoring_toml_is_a_scoring_model() {
        for name in ["x.toml", "scoring.toml", "x.scoring", "x.scoring.toml.bak"] {
            assert_eq!(definition_beside(Path::new(name)), None, "{name}");
        }
    }

    #[test]
    fn a_path_that_names_no_file_has_no_scoring_model() {
        assert_eq!(model_beside(Path::new("q/..")), None);
        assert_eq!(definition_beside(Path::new("/")), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_maps_to_its_own_sibling() {
        use std::os::unix::ffi::OsStrExt;
        // "café" in Latin-1: its é is no UTF-8, and a lossy copy would turn it into U+FFFD.
        let dir = Path::new("dir");
        let definition = dir.join(OsStr::from_bytes(b"caf\xe9.toml"));
        let model = dir.join(OsStr::from_bytes(b"caf\xe9.scoring.toml"));
        assert_eq!(model_beside(&definition).as_ref(), Some(&model));
        assert_eq!(definition_beside(&model).as_ref(), Some(&definition));
    }
}
