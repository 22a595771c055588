//! `anketa report`: the answer tables of a questionnaire over the submissions handed in, as
//! text, CSV for Excel (UTF-8 with BOM, `;` and a decimal comma in Latvian) or JSON; written
//! whole or not at all.

use super::{Cli, open};
use crate::exchange::Status;
use crate::i18n::{Lang, R, decimal, rw, status};
use crate::report::{Report, Table, Tally, tabulate};
use crate::response::Response;
use crate::tables::Scope;
use anyhow::{Context, bail};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Csv,
    Json,
}

/// Which submissions a report or a data export covers.
#[derive(Debug, clap::Args)]
pub struct Which {
    /// Only this reporting year.
    #[arg(long)]
    year: Option<i32>,
    /// Submissions with this status; may be repeated [default: submitted, accepted].
    #[arg(long, value_parser = parse_status)]
    status: Vec<Status>,
}

impl Which {
    pub(super) fn scope(&self) -> Scope {
        let handed_in = Scope::default();
        Scope {
            year: self.year,
            statuses: if self.status.is_empty() {
                handed_in.statuses
            } else {
                self.status.clone()
            },
        }
    }
}

/// Which submissions the tables count, and how they are written.
#[derive(Debug, clap::Args)]
pub struct Selection {
    #[command(flatten)]
    which: Which,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// The answers of text questions too.
    #[arg(long)]
    texts: bool,
    /// Cut every table by ministry sector, organisation kind, or the answer to a
    /// single-choice question (its code): one table per group, with the group's shares.
    #[arg(long, value_name = "sector|kind|CODE")]
    by: Option<String>,
    /// Write to this file instead of the terminal.
    #[arg(short, long, value_name = "FILE")]
    output: Option<std::path::PathBuf>,
}

fn parse_status(s: &str) -> Result<Status, String> {
    Status::parse(s).ok_or_else(|| format!("{s}: one of draft, submitted, returned, accepted"))
}

pub(super) fn report(cli: &Cli, sel: &Selection) -> anyhow::Result<ExitCode> {
    let lang = cli.lang;
    let (q, _, store) = match open::definition_and_store(cli)? {
        Ok(found) => found,
        Err(code) => return Ok(code),
    };
    let scope = sel.which.scope();
    let statuses = &scope.statuses;
    let (chosen, responses): (Vec<_>, Vec<Response>) =
        scope.chosen(&store, &q)?.into_iter().unzip();
    let refs: Vec<&Response> = responses.iter().collect();
    let report = tabulate(&q, &refs);
    let groups = match &sel.by {
        None => Vec::new(),
        Some(by) => {
            let keys = group_keys(lang, &q, by, &chosen, &refs)?;
            let mut names: Vec<String> = keys.clone();
            names.sort_by(|a, b| crate::i18n::compare_lv(a, b));
            names.dedup();
            names
                .into_iter()
                .map(|name| {
                    let members: Vec<&Response> = refs
                        .iter()
                        .zip(&keys)
                        .filter(|(_, k)| **k == name)
                        .map(|(r, _)| *r)
                        .collect();
                    (name, tabulate(&q, &members))
                })
                .collect()
        }
    };
    let filter = format!(
        "{}; {}",
        statuses
            .iter()
            .map(|s| status(lang, *s))
            .collect::<Vec<_>>()
            .join(", "),
        sel.which.year.map_or_else(
            || rw(lang, R::AllYears).to_owned(),
            |y| format!("{y}. {}", rw(lang, R::Year))
        )
    );
    let heading = format!(
        "{}: {} ({} {})\n{}: {filter} — n = {}",
        rw(lang, R::Questionnaire),
        q.title,
        q.id,
        q.version,
        rw(lang, R::Counted),
        report.n
    );
    let bytes = match sel.format {
        Format::Text if groups.is_empty() => text(lang, &heading, &report, sel.texts).into_bytes(),
        Format::Text => {
            let mut out = format!("{heading}\n");
            for (name, group) in &groups {
                let sub = format!("\n== {name} — n = {} ==", group.n);
                out.push_str(&text(lang, &sub, group, sel.texts));
            }
            out.into_bytes()
        }
        Format::Csv if groups.is_empty() => csv(lang, &[(String::new(), &report)])?,
        Format::Csv => csv(
            lang,
            &groups
                .iter()
                .map(|(n, g)| (n.clone(), g))
                .collect::<Vec<_>>(),
        )?,
        Format::Json => {
            let value = serde_json::json!({
                "questionnaire": q.id,
                "version": q.version,
                "statuses": statuses.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                "year": sel.which.year,
                "report": report,
                "by": sel.by,
                "groups": groups
                    .iter()
                    .map(|(name, g)| serde_json::json!({ "group": name, "report": g }))
                    .collect::<Vec<_>>(),
            });
            let mut out = serde_json::to_vec_pretty(&value)?;
            out.push(b'\n');
            out
        }
    };
    match &sel.output {
        Some(path) => write_file(path, &bytes)?,
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    if report.n == 0 {
        eprintln!("{}", rw(lang, R::NothingToCount));
    }
    Ok(ExitCode::SUCCESS)
}

/// Each submission's group: its ministry sector, its kind, or its answer to the single-choice
/// question `by` ("nav atbildes" where blank or not asked).
fn group_keys(
    lang: Lang,
    q: &crate::questionnaire::Questionnaire,
    by: &str,
    chosen: &[crate::store::SubmissionSummary],
    responses: &[&Response],
) -> anyhow::Result<Vec<String>> {
    use crate::exchange::InstitutionKind;
    use crate::i18n::{T, tr};
    use crate::questionnaire::AnswerType;
    match by {
        "sector" => Ok(chosen
            .iter()
            .map(|s| {
                s.sector
                    .clone()
                    .unwrap_or_else(|| rw(lang, R::NoSector).to_owned())
            })
            .collect()),
        "kind" => Ok(chosen
            .iter()
            .map(|s| {
                tr(
                    lang,
                    match s.kind {
                        InstitutionKind::Ministry => T::Ministry,
                        InstitutionKind::Institution => T::InstitutionKind,
                    },
                )
                .to_owned()
            })
            .collect()),
        code => {
            let Some(item) = q.item(code) else {
                bail!(
                    "--by {code}: {} has no question {code}; --by takes sector, kind or a single-choice question's code",
                    q.id
                );
            };
            let AnswerType::Single(choices) = &q.items[item].answer else {
                bail!(
                    "--by {code}: {code} is not a single-choice question; --by takes sector, kind or a single-choice question's code"
                );
            };
            if q.items[item].roster.is_some() {
                bail!("--by {code}: {code} is asked per instance, not once per submission");
            }
            Ok(responses
                .iter()
                .map(|r| {
                    let label = match r.answers.get(code) {
                        Some(crate::response::Value::Choice(c)) => choices
                            .iter()
                            .find(|o| o.code == *c)
                            .map(|o| o.label.clone()),
                        _ => None,
                    };
                    let answer = label.unwrap_or_else(|| rw(lang, R::NoAnswer).to_owned());
                    format!("{code}: {answer}")
                })
                .collect())
        }
    }
}

pub(super) fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if path.is_dir() {
        bail!("{}: is a folder; name a file to write", path.display());
    }
    crate::files::write_atomically(path, bytes)
        .with_context(|| format!("{}: cannot write the file", path.display()))
}

fn share(lang: Lang, x: f64) -> String {
    format!("{} %", decimal(lang, x, 2))
}

fn number(lang: Lang, x: f64) -> String {
    decimal(lang, x, if x.fract() == 0.0 { 0 } else { 2 })
}

/// The place of a table: its code, and its row's label in a matrix or table.
fn title(t: &Table) -> String {
    match &t.row {
        Some(row) => format!("{} {} — {row}", t.code, t.text),
        None => format!("{} {}", t.code, t.text),
    }
}

fn text(lang: Lang, heading: &str, report: &Report, texts: bool) -> String {
    let mut out = format!("{heading}\n");
    let row = |out: &mut String, label: &str, count: usize, share: Option<String>| {
        let line = match share {
            Some(share) => format!("  {label:<50} {count:>6} {share:>9}"),
            None => format!("  {label:<50} {count:>6}"),
        };
        let _ = writeln!(out, "{line}");
    };
    for t in &report.tables {
        let _ = writeln!(out, "\n{}", title(t));
        if let Some(roster) = &t.roster {
            let _ = writeln!(
                out,
                "  ({} {roster}: {} — {} {})",
                rw(lang, R::OverInstances),
                t.asked + t.not_asked,
                t.submissions,
                rw(lang, R::Submissions)
            );
        }
        match &t.kind {
            Tally::Single {
                options,
                no_answer_share,
            } => {
                for o in options {
                    row(&mut out, &o.label, o.count, Some(share(lang, o.share)));
                }
                let blank = Some(share(lang, *no_answer_share));
                row(&mut out, rw(lang, R::NoAnswer), t.no_answer, blank);
            }
            Tally::Multi { options } => {
                for o in options {
                    row(&mut out, &o.label, o.count, Some(share(lang, o.share)));
                }
                row(&mut out, rw(lang, R::NoAnswer), t.no_answer, None);
                let _ = writeln!(out, "  ({})", rw(lang, R::OverHundred));
            }
            Tally::Number(f) => {
                let mut parts = vec![format!("n {}", f.n)];
                if f.not_available > 0 {
                    parts.push(format!("{} {}", rw(lang, R::NotAvailable), f.not_available));
                }
                if f.not_applicable > 0 {
                    parts.push(format!(
                        "{} {}",
                        rw(lang, R::NotApplicable),
                        f.not_applicable
                    ));
                }
                parts.push(format!("{} {}", rw(lang, R::Sum), number(lang, f.sum)));
                for (word, value) in [
                    (R::Mean, f.mean),
                    (R::Median, f.median),
                    (R::Min, f.min),
                    (R::Max, f.max),
                ] {
                    if let Some(v) = value {
                        parts.push(format!("{} {}", rw(lang, word), number(lang, v)));
                    }
                }
                let _ = writeln!(out, "  {}", parts.join(" · "));
                if t.no_answer > 0 {
                    row(&mut out, rw(lang, R::NoAnswer), t.no_answer, None);
                }
            }
            Tally::Text {
                answers,
                texts: all,
            } => {
                row(&mut out, rw(lang, R::Answers), *answers, None);
                if texts {
                    for line in all {
                        let _ = writeln!(out, "    – {}", line.replace('\n', " "));
                    }
                }
            }
        }
        if t.not_asked > 0 {
            row(&mut out, rw(lang, R::NotAsked), t.not_asked, None);
        }
    }
    out
}

/// One row per answer of every choice question, and per figure of every number, per group
/// (one group named "" without `--by`); the first bytes a BOM, so that Excel reads UTF-8.
fn csv(lang: Lang, groups: &[(String, &Report)]) -> anyhow::Result<Vec<u8>> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    let separator = match lang {
        Lang::Lv => b';',
        Lang::En => b',',
    };
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(separator)
            .from_writer(&mut out);
        w.write_record(rw(lang, R::CsvHeader).split(';'))?;
        for (group, t) in groups
            .iter()
            .flat_map(|(g, r)| r.tables.iter().map(move |t| (g, t)))
        {
            let row = t.row.clone().unwrap_or_default();
            let base = t.asked.to_string();
            let mut record = |code: String, label: &str, count: usize, share: String| {
                w.write_record([
                    group.as_str(),
                    t.code.as_str(),
                    &row,
                    &code,
                    label,
                    &count.to_string(),
                    &share,
                    &base,
                ])
            };
            match &t.kind {
                Tally::Single { options, .. } | Tally::Multi { options } => {
                    for o in options {
                        record(
                            o.code.to_string(),
                            &o.label,
                            o.count,
                            decimal(lang, o.share, 2),
                        )?;
                    }
                    record(
                        String::new(),
                        rw(lang, R::NoAnswer),
                        t.no_answer,
                        String::new(),
                    )?;
                }
                Tally::Number(f) => {
                    record(String::new(), rw(lang, R::Sum), f.n, number(lang, f.sum))?;
                    record(
                        String::new(),
                        rw(lang, R::NotAvailable),
                        f.not_available,
                        String::new(),
                    )?;
                }
                Tally::Text { answers, .. } => {
                    record(String::new(), rw(lang, R::Answers), *answers, String::new())?;
                }
            }
            if t.not_asked > 0 {
                record(
                    String::new(),
                    rw(lang, R::NotAsked),
                    t.not_asked,
                    String::new(),
                )?;
            }
        }
        w.flush()?;
    }
    Ok(out)
}
