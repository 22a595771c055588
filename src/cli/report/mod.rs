//! `anketa report`: the answer tables of a questionnaire over the submissions handed in, as
//! text, CSV for Excel (UTF-8 with BOM, `;` and a decimal comma in Latvian), an Excel workbook
//! or JSON; written whole or not at all. The formats walk the same lines of each table
//! (`lines.rs`), one file each.

mod csv;
mod text;
mod xlsx;

use super::{Cli, open};
use crate::exchange::Status;
use crate::i18n::{Lang, R, counted_statuses, counted_year, rw};
use crate::report::tabulate;
use crate::response::Response;
use crate::tables::Scope;
use anyhow::{Context, bail};
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Csv,
    /// An Excel workbook (needs `-o FILE.xlsx`).
    Xlsx,
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
    /// single-choice question (its code): one table per group, with the group's shares (in a
    /// workbook, a pair of columns per group beside all the submissions').
    #[arg(long, value_name = "sector|kind|CODE")]
    by: Option<String>,
    /// Write to this file instead of the terminal (a workbook only to a file).
    #[arg(short, long, value_name = "FILE")]
    output: Option<std::path::PathBuf>,
}

fn parse_status(s: &str) -> Result<Status, String> {
    Status::parse(s).ok_or_else(|| format!("{s}: one of draft, submitted, returned, accepted"))
}

pub(super) fn report(cli: &Cli, sel: &Selection) -> anyhow::Result<ExitCode> {
    let lang = cli.lang;
    if sel.format == Format::Xlsx && sel.output.is_none() {
        return usage_error(lang, R::XlsxNeedsFile);
    }
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
        counted_statuses(lang, statuses),
        counted_year(lang, sel.which.year)
    );
    let questionnaire = format!("{} ({} {})", q.title, q.id, q.version);
    let heading = format!(
        "{}: {questionnaire}\n{}: {filter} — n = {}",
        rw(lang, R::Questionnaire),
        rw(lang, R::Counted),
        report.n
    );
    let bytes = match sel.format {
        Format::Text if groups.is_empty() => {
            text::text(lang, &heading, &report, sel.texts).into_bytes()
        }
        Format::Text => {
            let mut out = format!("{heading}\n");
            for (name, group) in &groups {
                let sub = format!("\n== {name} — n = {} ==", group.n);
                out.push_str(&text::text(lang, &sub, group, sel.texts));
            }
            out.into_bytes()
        }
        Format::Csv if groups.is_empty() => csv::csv(lang, &[(String::new(), &report)])?,
        Format::Csv => csv::csv(
            lang,
            &groups
                .iter()
                .map(|(n, g)| (n.clone(), g))
                .collect::<Vec<_>>(),
        )?,
        Format::Xlsx => {
            let heading = xlsx::Heading {
                questionnaire: &questionnaire,
                filter: &filter,
            };
            xlsx::workbook(lang, &heading, &report, &groups, sel.texts)?
        }
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

/// Refused as clap refuses what it parses: the same form, the same exit code.
fn usage_error(lang: Lang, why: R) -> anyhow::Result<ExitCode> {
    use clap::CommandFactory;
    let mut cli = Cli::command();
    cli.build();
    let report = cli
        .find_subcommand_mut("report")
        .expect("the report command");
    let e = report.error(
        clap::error::ErrorKind::MissingRequiredArgument,
        rw(lang, why),
    );
    e.print()?;
    Ok(ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2)))
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
