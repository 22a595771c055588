//! `anketa results`: theme scores, the e-index, maturity levels and standing in the cohort.

use super::{Cli, ResultsArgs, open, scoring_file};
use crate::i18n::{Res, Say, res, say};
use crate::results::Results;
use crate::store::Store;
use anyhow::{Context, anyhow, bail};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub(super) fn results(cli: &Cli, args: &ResultsArgs) -> anyhow::Result<ExitCode> {
    let (ids, json) = (&args.report.submissions, args.report.json);
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
    if let Some(path) = args.output.as_deref() {
        let single = ids.len() == 1;
        return handouts(cli, &store, &results, &chosen, path, single, &mut out);
    }
    if json {
        // Working out the steps tries answers one by one: for every submission only when asked.
        let steps = chosen
            .iter()
            .map(|&i| {
                if !args.next_level {
                    return Ok(Vec::new());
                }
                let response = store.load_response(results.entries[i].submission)?;
                Ok(crate::results::steps(&results, i, &response))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        // Standard output flushes at every line: thousands of entries want one buffer.
        let mut buffered = std::io::BufWriter::new(&mut out);
        crate::results::write_json(&mut buffered, &results, &chosen, &steps)?;
        buffered.flush()?;
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
    let cohorts = results.cohorts(&chosen);
    for &i in &chosen {
        let entry = &results.entries[i];
        let model = &results.scorers[i].model;
        let score = &entry.score;
        let standing = cohorts
            .of(entry.year)
            .standing(entry, crate::scoring::cohort::Measure::EIndex);
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

/// Write the hand-outs of `chosen`: one named submission to the file `path` (or into it, if it
/// is a folder), several into the folder `path` with an index page of them.
fn handouts(
    cli: &Cli,
    store: &Store,
    results: &Results,
    chosen: &[usize],
    path: &Path,
    single: bool,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let lang = cli.lang;
    let name_of = |i: usize| {
        let e = &results.entries[i];
        crate::handout::file_name(&e.institution, e.year)
    };
    let write = |file: &Path, html: &str| {
        crate::files::write_atomically(file, html.as_bytes())
            .with_context(|| format!("{}: {}", res(lang, Res::HandoutFailed), file.display()))
    };
    if single && !path.is_dir() {
        let i = chosen[0];
        let response = store.load_response(results.entries[i].submission)?;
        let cohort = results.year(results.entries[i].year);
        write(
            path,
            &crate::results::handout(results, i, &cohort, &response, lang),
        )?;
        writeln!(
            out,
            "{}: {}",
            res(lang, Res::HandoutWritten),
            path.display()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    std::fs::create_dir_all(path)
        .with_context(|| format!("{}: {}", res(lang, Res::HandoutFailed), path.display()))?;
    let cohorts = results.cohorts(chosen);
    let mut pages: Vec<(usize, String)> = Vec::new();
    for &i in chosen {
        let cohort = cohorts.of(results.entries[i].year);
        let response = store.load_response(results.entries[i].submission)?;
        // Two names that make the same file name (or the same institution twice) get a
        // number each, never one file for both.
        let mut name = name_of(i);
        let mut n = 1;
        while pages.iter().any(|(_, taken)| *taken == name) {
            n += 1;
            name = name_of(i).replace(".html", &format!("-{n}.html"));
        }
        let file = path.join(&name);
        write(
            &file,
            &crate::results::handout(results, i, cohort, &response, lang),
        )?;
        writeln!(
            out,
            "{}: {}",
            res(lang, Res::HandoutWritten),
            file.display()
        )?;
        pages.push((i, name));
    }
    if !single {
        let index = path.join("index.html");
        write(&index, &crate::handout::index(lang, results, &pages))?;
        writeln!(out, "{}: {}", res(lang, Res::CohortIndex), index.display())?;
    }
    Ok(ExitCode::SUCCESS)
}
