//! `anketa results`: theme scores, the e-index, maturity levels and standing in the cohort.

use super::{Cli, open, scoring_file};
use crate::i18n::{Say, say};
use crate::store::SubmissionId;
use anyhow::{anyhow, bail};
use std::io::Write;
use std::process::ExitCode;

pub(super) fn results(cli: &Cli, ids: &[SubmissionId], json: bool) -> anyhow::Result<ExitCode> {
    let lang = cli.lang;
    let (q, _, store) = match open::definition_and_store(cli)? {
        Ok(found) => found,
        Err(code) => return Ok(code),
    };
    let Some((model_file, model_text, _)) = scoring_file::load(cli, &q)? else {
        bail!(say(lang, Say::NotScored(&q.title)));
    };
    let results = crate::results::gather(&store, &q.id, &model_file, &model_text)?;
    let chosen: Vec<usize> = if ids.is_empty() {
        (0..results.entries.len()).collect()
    } else {
        ids.iter()
            .map(|&id| {
                results.position(id).ok_or_else(|| {
                    let questionnaire = &q.id;
                    anyhow!(say(lang, Say::NoScoredSubmission { id, questionnaire }))
                })
            })
            .collect::<anyhow::Result<_>>()?
    };
    let mut out = std::io::stdout().lock();
    if json {
        let all = crate::results::to_json(&results, &chosen);
        writeln!(out, "{}", serde_json::to_string_pretty(&all)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut chosen = chosen;
    // Every submission is listed for people to read: in Latvian alphabetical order. Named ones
    // keep the order they were named in.
    if ids.is_empty() {
        let entries = &results.entries;
        chosen.sort_by(|&a, &b| {
            crate::i18n::compare_lv(&entries[a].institution, &entries[b].institution)
                .then(entries[a].year.cmp(&entries[b].year))
        });
    }
    for &i in &chosen {
        let entry = &results.entries[i];
        let model = &results.scorers[i].model;
        let score = &entry.score;
        let standing = crate::scoring::cohort::standing(
            &results.entries,
            i,
            crate::scoring::cohort::Measure::EIndex,
        );
        let line = Say::Result {
            institution: &entry.institution,
            demo: entry.demo,
            year: entry.year,
            e_index: score.e_index,
            level: score.level,
            level_name: &model.levels[score.level as usize - 1],
            rank: standing.map(|s| (s.rank, s.of)),
        };
        writeln!(out, "{}", say(lang, line))?;
        for (theme, s) in model.themes.iter().zip(&score.themes) {
            let title = &theme.title;
            let line = if s.applicable {
                Say::Theme {
                    title,
                    index: s.index,
                    level: s.level,
                    weight: s.weight_used,
                }
            } else {
                Say::ThemeNotApplicable(title)
            };
            writeln!(out, "{}", say(lang, line))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
