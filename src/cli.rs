//! The command line: what `main` parses and runs.

use crate::exchange;
use crate::questionnaire::{self, FilledBy, Questionnaire};
use crate::store::{self, ImportError, Resolution, Store};
use anyhow::{Context, anyhow, bail};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
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

    /// The database [default: anketa/anketa.db in the platform's data directory].
    #[arg(long, global = true, env = "ANKETA_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The language of the program's own words (questions stay as defined).
    #[arg(long, global = true, value_enum, default_value = "lv")]
    pub lang: crate::tui::i18n::Lang,

    /// Show the expert part too (for support staff).
    #[arg(long, global = true)]
    pub expert: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// What the questionnaire holds, part by part.
    Info,
    /// Load and lint questionnaire definitions; prints `file:line:col: message` per problem.
    Check {
        /// Definition files (TOML).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Only the one-line form of each problem, without the source excerpt.
        #[arg(long)]
        short: bool,
    },
    /// List the submissions in the database.
    Submissions,
    /// Write submissions to a file, to carry them to another machine.
    Export {
        /// The submission to export (see `anketa submissions`); may be repeated.
        #[arg(
            long = "submission",
            value_name = "ID",
            required_unless_present = "all"
        )]
        submissions: Vec<i64>,
        /// Export every submission.
        #[arg(long, conflicts_with = "submissions")]
        all: bool,
        /// The file to write.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Read submission files into the database: all files or nothing.
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Where a submission changed both here and in the file, keep this database's version.
        #[arg(long, conflicts_with = "theirs")]
        ours: bool,
        /// Where a submission changed both here and in the file, take the file's version.
        #[arg(long)]
        theirs: bool,
    },
}

pub fn run(cli: Cli) -> ExitCode {
    let result = match &cli.command {
        Some(Command::Check { files, short }) => check(files, *short),
        Some(Command::Submissions) => list_submissions(&cli),
        Some(Command::Export {
            submissions,
            all,
            output,
        }) => export(&cli, submissions, *all, output),
        Some(Command::Import {
            files,
            ours,
            theirs,
        }) => import(&cli, files, *ours, *theirs),
        Some(Command::Info) => overview(cli.questionnaire.as_deref()),
        None => interactive(&cli),
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

/// The questionnaire to work with: `--questionnaire FILE`, or the built-in e-index; with its
/// definition text. `Err` carries the exit code after the file's problems were printed.
fn definition(path: Option<&Path>) -> anyhow::Result<Result<(Questionnaire, String), ExitCode>> {
    Ok(Ok(match path {
        Some(path) => {
            let name = path.display().to_string();
            let text =
                std::fs::read_to_string(path).map_err(|e| anyhow!("cannot read {name}: {e}"))?;
            match questionnaire::load(&name, text.as_bytes()) {
                Ok(q) => (q, text),
                Err(diagnostics) => {
                    for d in diagnostics {
                        eprintln!("{d}\n");
                    }
                    return Ok(Err(ExitCode::FAILURE));
                }
            }
        }
        None => {
            let (name, text) = questionnaire::EINDEX_2019;
            let q = questionnaire::load(name, text.as_bytes())
                .map_err(|d| anyhow!("built-in questionnaire is broken: {}", d[0]))?;
            (q, text.to_owned())
        }
    }))
}

/// Without a subcommand: the full-screen interface.
fn interactive(cli: &Cli) -> anyhow::Result<ExitCode> {
    use std::io::IsTerminal;
    let (q, text) = match definition(cli.questionnaire.as_deref())? {
        Ok(found) => found,
        Err(code) => return Ok(code),
    };
    if !std::io::stdout().is_terminal() {
        bail!("the interactive interface needs a terminal; see `anketa --help` for commands");
    }
    let mut store = open_store(cli)?;
    store.lock_for_editing()?;
    let opts = crate::tui::Options {
        lang: cli.lang,
        expert: cli.expert,
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        export_dir: std::env::current_dir().unwrap_or_default(),
    };
    let mut app = crate::tui::App::new(q, text, store, opts)?;
    crate::tui::run(&mut app).context("the terminal failed")?;
    Ok(ExitCode::SUCCESS)
}

/// `anketa info`: what the questionnaire holds, part by part.
fn overview(path: Option<&Path>) -> anyhow::Result<ExitCode> {
    let q = match definition(path)? {
        Ok((q, _)) => q,
        Err(code) => return Ok(code),
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

fn open_store(cli: &Cli) -> anyhow::Result<Store> {
    let path = match &cli.db {
        Some(path) => path.clone(),
        None => store::default_path().ok_or_else(|| {
            anyhow!("no data directory is known on this system; name a database with --db PATH")
        })?,
    };
    Ok(Store::open(&path)?)
}

fn list_submissions(cli: &Cli) -> anyhow::Result<ExitCode> {
    let store = open_store(cli)?;
    let mut out = std::io::stdout().lock();
    let submissions = store.submissions()?;
    if submissions.is_empty() {
        writeln!(out, "{}: no submissions yet", store.path().display())?;
    }
    for s in submissions {
        writeln!(
            out,
            "{:>5}  {:<40} {}  {:<10} {} {}  {}",
            s.id,
            s.institution,
            s.year,
            s.status.as_str(),
            s.questionnaire_code,
            s.questionnaire_version,
            s.updated_at
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn export(cli: &Cli, ids: &[i64], all: bool, output: &Path) -> anyhow::Result<ExitCode> {
    let mut store = open_store(cli)?;
    let ids: Vec<i64> = if all {
        store.submissions()?.iter().map(|s| s.id).collect()
    } else {
        for &id in ids {
            store.submission(id)?;
        }
        ids.to_vec()
    };
    let records = store.export(&ids)?;
    let bytes = exchange::write(store::now(), store.machine().to_owned(), records.clone());
    crate::files::write_atomically(output, &bytes)
        .with_context(|| format!("cannot write {}", output.display()))?;
    store.mark_exported(&records)?;
    println!(
        "{}: {} submission{} written",
        output.display(),
        records.len(),
        if records.len() == 1 { "" } else { "s" }
    );
    Ok(ExitCode::SUCCESS)
}

fn import(cli: &Cli, paths: &[PathBuf], ours: bool, theirs: bool) -> anyhow::Result<ExitCode> {
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let name = path.display();
        let size = std::fs::metadata(path)
            .with_context(|| format!("cannot read {name}"))?
            .len();
        if size > exchange::MAX_FILE_BYTES {
            bail!(
                "{name}: {}; nothing was imported",
                exchange::FileError::TooLarge {
                    size,
                    max: exchange::MAX_FILE_BYTES
                }
            );
        }
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {name}"))?;
        let file =
            exchange::read(&bytes).map_err(|e| anyhow!("{name}: {e}; nothing was imported"))?;
        files.push(file);
    }
    let extra = match &cli.questionnaire {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?,
        ),
        None => None,
    };
    let mut known = vec![questionnaire::EINDEX_2019.1, questionnaire::IKT_2024.1];
    known.extend(extra.as_deref());
    let resolution = match (ours, theirs) {
        (true, _) => Resolution::Ours,
        (_, true) => Resolution::Theirs,
        _ => Resolution::Refuse,
    };
    let mut store = open_store(cli)?;
    match store.import(&files, &known, resolution) {
        Ok(report) => {
            print!("{report}");
            Ok(ExitCode::SUCCESS)
        }
        Err(ImportError::Conflicts { count, report }) => {
            print!("{report}");
            eprintln!(
                "anketa: {count} submission{} changed both here and in the file; nothing was imported. Choose with --ours or --theirs.",
                if count == 1 { "" } else { "s" }
            );
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(anyhow!("{e}; nothing was imported")),
    }
}
