//! The command line: what `main` parses and runs.

use crate::questionnaire::{self, FilledBy, Questionnaire};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "anketa",
    version,
    about = "Offline self-assessment questionnaires in the terminal"
)]
pub struct Cli {
    /// A questionnaire definition to use instead of the built-in e-index questionnaire.
    #[arg(long, global = true, value_name = "FILE")]
    pub questionnaire: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and lint questionnaire definitions; prints `file:line:col: message` per problem.
    Check {
        /// Definition files (TOML).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Only the one-line form of each problem, without the source excerpt.
        #[arg(long)]
        short: bool,
    },
}

pub fn run(cli: Cli) -> ExitCode {
    let result = match &cli.command {
        Some(Command::Check { files, short }) => check(files, *short),
        None => overview(cli.questionnaire.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("anketa: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `anketa check`: 0 when every file is clean, 1 otherwise.
fn check(files: &[PathBuf], short: bool) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let mut clean = true;
    for path in files {
        let name = path.display().to_string();
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                writeln!(out, "{name}: cannot read the file: {e}")?;
                clean = false;
                continue;
            }
        };
        let checked = questionnaire::check(&name, &bytes);
        for d in &checked.diagnostics {
            if short {
                writeln!(out, "{}", d.short())?;
            } else {
                writeln!(out, "{d}\n")?;
            }
        }
        match checked.questionnaire {
            Some(q) if checked.diagnostics.is_empty() => {
                writeln!(out, "{name}: ok — {}", summary(&q))?;
            }
            _ => {
                clean = false;
                let n = checked.diagnostics.len();
                writeln!(out, "{name}: {n} problem{}", if n == 1 { "" } else { "s" })?;
            }
        }
    }
    Ok(if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn summary(q: &Questionnaire) -> String {
    format!(
        "{} {} — {} sections, {} questions, {} answerable items, {} checks",
        q.id,
        q.version,
        q.sections.len(),
        q.questions.len(),
        q.items.len(),
        q.checks.len()
    )
}

/// Without a subcommand: what the questionnaire holds, part by part. (The full-screen
/// interface takes this place once it exists.)
fn overview(path: Option<&std::path::Path>) -> anyhow::Result<ExitCode> {
    let q = match path {
        Some(path) => {
            let name = path.display().to_string();
            let bytes =
                std::fs::read(path).map_err(|e| anyhow::anyhow!("cannot read {name}: {e}"))?;
            match questionnaire::load(&name, &bytes) {
                Ok(q) => q,
                Err(diagnostics) => {
                    for d in diagnostics {
                        eprintln!("{d}\n");
                    }
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
        None => {
            let (name, text) = questionnaire::EINDEX_2019;
            questionnaire::load(name, text.as_bytes())
                .map_err(|d| anyhow::anyhow!("built-in questionnaire is broken: {}", d[0]))?
        }
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}\n{}\n", q.title, summary(&q))?;
    for (p, part) in q.parts.iter().enumerate() {
        let who = match part.filled_by {
            FilledBy::Respondent => "respondents",
            FilledBy::Expert => "experts / support staff",
        };
        writeln!(out, "{} (filled by {who})", part.title)?;
        for section in q.sections.iter().filter(|s| s.part == p) {
            let roster = section
                .roster
                .map(|r| format!(", once per {}", q.rosters[r].item.to_lowercase()))
                .unwrap_or_default();
            writeln!(
                out,
                "  {:<60} {:>3} questions{roster}",
                section.title,
                section.questions.len()
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
