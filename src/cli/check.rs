//! `anketa check`: definitions and scoring models linted, one line per problem.

use super::info::summary;
use super::scoring_file;
use crate::diag::Diagnostic;
use crate::i18n::{Lang, Say, say};
use crate::questionnaire;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// 0 when every file is clean, 1 otherwise. Scoring models (`*.scoring.toml`) are checked
/// against the questionnaire beside them.
pub(super) fn check(lang: Lang, files: &[PathBuf], short: bool) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let mut clean = true;
    for path in files {
        let name = path.display().to_string();
        let text = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                writeln!(out, "{name}: {}", say(lang, Say::CannotReadFile(&e)))?;
                clean = false;
                continue;
            }
        };
        let (diagnostics, summary_line) = match scoring_file::definition_beside(path) {
            Some(q_path) => check_scoring(lang, &name, &text, &q_path),
            None => {
                let checked = questionnaire::check(&name, &text);
                let line = checked.questionnaire.as_ref().map(|q| summary(lang, q));
                (checked.diagnostics, line)
            }
        };
        // The loader's diagnostics stay English: they are for definition authors.
        for d in &diagnostics {
            if short {
                writeln!(out, "{}", d.short())?;
            } else {
                writeln!(out, "{d}\n")?;
            }
        }
        match summary_line {
            Some(line) if diagnostics.is_empty() => {
                writeln!(out, "{name}: {}", say(lang, Say::CheckOk(&line)))?
            }
            _ => {
                clean = false;
                let problems = say(lang, Say::Problems(diagnostics.len()));
                writeln!(out, "{name}: {problems}")?;
            }
        }
    }
    Ok(if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn check_scoring(
    lang: Lang,
    name: &str,
    bytes: &[u8],
    q_path: &Path,
) -> (Vec<Diagnostic>, Option<String>) {
    let q_name = q_path.display().to_string();
    let q = match std::fs::read(q_path) {
        Ok(q_bytes) => match questionnaire::load(&q_name, &q_bytes) {
            Ok(q) => q,
            Err(_) => {
                let message = say(lang, Say::ItsQuestionnaireHasProblems(&q_name));
                return (vec![Diagnostic::whole_file(name, message)], None);
            }
        },
        Err(e) => {
            let message = say(lang, Say::CannotReadItsQuestionnaire(&q_name, &e));
            return (vec![Diagnostic::whole_file(name, message)], None);
        }
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return (
            vec![Diagnostic::whole_file(name, say(lang, Say::NotUtf8))],
            None,
        );
    };
    match crate::scoring::load(name, text, &q) {
        Ok(model) => {
            let items: usize = model
                .themes
                .iter()
                .flat_map(|t| &t.subthemes)
                .map(|s| s.items.len())
                .sum();
            let line = say(
                lang,
                Say::ScoringSummary {
                    questionnaire: &q.id,
                    themes: model.themes.len(),
                    items,
                },
            );
            (Vec::new(), Some(line))
        }
        Err(diagnostics) => (diagnostics, None),
    }
}
