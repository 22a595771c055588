//! `anketa info`: what the questionnaire holds, part by part.

use super::open;
use crate::i18n::{Lang, Say, say};
use crate::questionnaire::{FilledBy, Questionnaire};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub(super) fn overview(lang: Lang, path: Option<&Path>) -> anyhow::Result<ExitCode> {
    let q = match open::definition(lang, path)? {
        Ok((q, _)) => q,
        Err(code) => return Ok(code),
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}\n{}\n", q.title, summary(lang, &q))?;
    for (p, part) in q.parts.iter().enumerate() {
        let expert = part.filled_by == FilledBy::Expert;
        let title = &part.title;
        writeln!(out, "{}", say(lang, Say::Part { title, expert }))?;
        for section in q.sections.iter().filter(|s| s.part == p) {
            let (questions, follow_ups) = q.count_questions(section.questions.clone());
            let roster = section
                .roster
                .map(|r| (q.rosters[r].title.as_str(), q.rosters[r].item.as_str()));
            let counts = say(
                lang,
                Say::SectionQuestions {
                    questions,
                    follow_ups,
                    roster,
                },
            );
            writeln!(out, "  {:<60} {counts}", section.title)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What a questionnaire holds, on one line (also what `anketa check` says of a clean one).
pub(super) fn summary(lang: Lang, q: &Questionnaire) -> String {
    let (questions, follow_ups) = q.count_questions(0..q.questions.len());
    say(
        lang,
        Say::Summary {
            id: &q.id,
            version: &q.version,
            sections: q.sections.len(),
            questions,
            follow_ups,
            items: q.items.len(),
            checks: q.checks.len(),
        },
    )
}
