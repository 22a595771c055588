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
    pub lang: crate::i18n::Lang,

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
    /// Theme scores, the e-index, maturity levels and standing in the cohort.
    Results {
        /// The submission (see `anketa submissions`); may be repeated. Default: all.
        #[arg(long = "submission", value_name = "ID")]
        submissions: Vec<i64>,
        /// Every submission (the default when none is named).
        #[arg(long, conflicts_with = "submissions")]
        all: bool,
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Create a demonstration database of about 90 institutions (marked as demo data) and
    /// open the results view on it.
    Demo {
        /// Only create the database, for scripts.
        #[arg(long)]
        no_tui: bool,
        /// The reporting year of the generated submissions.
        #[arg(long, default_value_t = 2019)]
        year: i32,
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
        Some(Command::Results {
            submissions,
            all: _,
            json,
        }) => results(&cli, submissions, *json),
        Some(Command::Demo { no_tui, year }) => demo(&cli, *no_tui, *year),
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
        // Output piped into `head` and cut short is not a failure.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("anketa: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `anketa check`: 0 when every file is clean, 1 otherwise.
/// The questionnaire a scoring model `<stem>.scoring.toml` belongs to: `<stem>.toml` beside it.
fn scored_questionnaire(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".scoring.toml")?;
    Some(path.with_file_name(format!("{stem}.toml")))
}

/// `anketa check`: 0 when every file is clean, 1 otherwise. Scoring models
/// (`*.scoring.toml`) are checked against the questionnaire beside them.
fn check(files: &[PathBuf], short: bool) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let mut clean = true;
    for path in files {
        let name = path.display().to_string();
        let text = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                writeln!(out, "{name}: cannot read the file: {e}")?;
                clean = false;
                continue;
            }
        };
        let (diagnostics, summary_line) = match scored_questionnaire(path) {
            Some(q_path) => check_scoring(&name, &text, &q_path),
            None => {
                let checked = questionnaire::check(&name, &text);
                let line = checked.questionnaire.as_ref().map(summary);
                (checked.diagnostics, line)
            }
        };
        for d in &diagnostics {
            if short {
                writeln!(out, "{}", d.short())?;
            } else {
                writeln!(out, "{d}\n")?;
            }
        }
        match summary_line {
            Some(line) if diagnostics.is_empty() => writeln!(out, "{name}: ok — {line}")?,
            _ => {
                clean = false;
                let n = diagnostics.len();
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

fn check_scoring(
    name: &str,
    bytes: &[u8],
    q_path: &Path,
) -> (Vec<crate::diag::Diagnostic>, Option<String>) {
    use crate::diag::Diagnostic;
    let q_name = q_path.display().to_string();
    let q = match std::fs::read(q_path) {
        Ok(q_bytes) => match questionnaire::load(&q_name, &q_bytes) {
            Ok(q) => q,
            Err(_) => {
                let message = format!("its questionnaire {q_name} has problems; check it first");
                return (vec![Diagnostic::whole_file(name, message)], None);
            }
        },
        Err(e) => {
            let message = format!("cannot read its questionnaire {q_name}: {e}");
            return (vec![Diagnostic::whole_file(name, message)], None);
        }
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return (
            vec![Diagnostic::whole_file(name, "the file is not UTF-8 text")],
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
            let line = format!(
                "scoring model of {} — {} themes, {items} scored items",
                q.id,
                model.themes.len()
            );
            (Vec::new(), Some(line))
        }
        Err(diagnostics) => (diagnostics, None),
    }
}

fn summary(q: &Questionnaire) -> String {
    let (main, follow_ups) = q.count_questions(0..q.questions.len());
    format!(
        "{} {} — {} sections, {main} questions and {follow_ups} follow-ups, {} answerable items, {} checks",
        q.id,
        q.version,
        q.sections.len(),
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
    let (q, text) = match definition(cli.questionnaire.as_deref())? {
        Ok(found) => found,
        Err(code) => return Ok(code),
    };
    let store = open_store(cli)?;
    run_interface(cli, q, text, store, false)
}

fn run_interface(
    cli: &Cli,
    q: Questionnaire,
    text: String,
    mut store: Store,
    results_first: bool,
) -> anyhow::Result<ExitCode> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        bail!("the interactive interface needs a terminal; see `anketa --help` for commands");
    }
    store.lock_for_editing()?;
    let scoring = checked_scoring_model(cli, &q)?;
    let opts = crate::tui::Options {
        lang: cli.lang,
        expert: cli.expert,
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        export_dir: std::env::current_dir().unwrap_or_default(),
        scoring: scoring.map(|(file, text, _)| (file, text)),
        results_first,
        user: std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "respondents".to_owned()),
        // The report is of the year that ended: the previous calendar year.
        default_year: {
            use chrono::Datelike;
            chrono::Local::now().year() - 1
        },
    };
    let mut app = crate::tui::App::new(q, text, store, opts)?;
    if results_first {
        app.open_selected_results();
    }
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
            let (main, follow_ups) = q.count_questions(section.questions.clone());
            let follow_ups = match follow_ups {
                0 => String::new(),
                n => format!(" + {n} follow-up{}", if n == 1 { "" } else { "s" }),
            };
            writeln!(
                out,
                "  {:<60} {main:>3} questions{follow_ups}{roster}",
                section.title,
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn open_store(cli: &Cli) -> anyhow::Result<Store> {
    open_store_at(cli.db.clone(), store::default_path())
}

fn open_store_at(chosen: Option<PathBuf>, default: Option<PathBuf>) -> anyhow::Result<Store> {
    let path = chosen.or(default).ok_or_else(|| {
        anyhow!("no data directory is known on this system; name a database with --db PATH")
    })?;
    Ok(Store::open(&path)?)
}

/// `anketa demo`: the demonstration database, made the same way every time.
fn demo(cli: &Cli, no_tui: bool, year: i32) -> anyhow::Result<ExitCode> {
    let (q, text) = match definition(None)? {
        Ok(found) => found,
        Err(code) => return Ok(code),
    };
    let Some((_, _, model)) = checked_scoring_model(cli, &q)? else {
        bail!("the demo needs a questionnaire with a scoring model");
    };
    let institutions = crate::demo::institutions().context("the demo institutions do not load")?;
    // The three institutions the seed left out of the e-index are left out here too.
    let records: Vec<_> = institutions
        .iter()
        .filter(|inst| inst.in_eindex)
        .map(|inst| crate::demo::submission(&q, &text, &model, inst, year))
        .collect();
    let count = records.len();
    let bytes = exchange::write(store::now(), "demo".into(), records);
    let file = exchange::read(&bytes).context("the generated demo data does not verify")?;
    let default = store::default_path().map(|p| p.with_file_name("demo.db"));
    let mut store = open_store_at(cli.db.clone(), default)?;
    store.import(&[file], &[text.as_str()], Resolution::Theirs)?;
    println!(
        "{}: {count} demo institutions for {year} (marked as demo data)",
        store.path().display()
    );
    if no_tui {
        return Ok(ExitCode::SUCCESS);
    }
    run_interface(cli, q, text, store, true)
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
            "{:>5}  {:<40} {}  {:<10} {} {}  {}{}",
            s.id,
            s.institution,
            s.year,
            s.status.as_str(),
            s.questionnaire_code,
            s.questionnaire_version,
            s.updated_at,
            if s.demo { "  [demo]" } else { "" }
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
    let mut known: Vec<&str> = questionnaire::built_in().collect();
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

/// The scoring model for a questionnaire: `<definition>.scoring.toml` beside a
/// `--questionnaire FILE`, or the built-in one of the e-index. `None` when the questionnaire
/// has none: a questionnaire without scoring is filled, submitted and exported all the same.
fn scoring_model(cli: &Cli) -> anyhow::Result<Option<(String, String)>> {
    match &cli.questionnaire {
        Some(path) => {
            let stem = path.to_string_lossy();
            let model_path = PathBuf::from(format!(
                "{}.scoring.toml",
                stem.strip_suffix(".toml").unwrap_or(&stem)
            ));
            match std::fs::read_to_string(&model_path) {
                Ok(text) => Ok(Some((model_path.display().to_string(), text))),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(anyhow!("cannot read {}: {e}", model_path.display())),
            }
        }
        None => {
            let (name, text) = crate::scoring::EINDEX_2019_SCORING;
            Ok(Some((name.to_owned(), text.to_owned())))
        }
    }
}

/// The scoring model, loaded and checked against `q`; `None` when the questionnaire has none.
fn checked_scoring_model(
    cli: &Cli,
    q: &Questionnaire,
) -> anyhow::Result<Option<(String, String, crate::scoring::Model)>> {
    let Some((file, text)) = scoring_model(cli)? else {
        return Ok(None);
    };
    let model = crate::scoring::load(&file, &text, q)
        .map_err(|d| anyhow!("the scoring model has problems: {}", d[0].short()))?;
    Ok(Some((file, text, model)))
}

fn results(cli: &Cli, ids: &[i64], json: bool) -> anyhow::Result<ExitCode> {
    let (q, _) = match definition(cli.questionnaire.as_deref())? {
        Ok(found) => found,
        Err(code) => return Ok(code),
    };
    let Some((model_file, model_text, _)) = checked_scoring_model(cli, &q)? else {
        bail!(
            "{} has no scoring model: its answers are not scored",
            q.title
        );
    };
    let store = open_store(cli)?;
    let results = crate::results::gather(&store, &q.id, &model_file, &model_text)?;
    let chosen: Vec<usize> = if ids.is_empty() {
        (0..results.entries.len()).collect()
    } else {
        ids.iter()
            .map(|&id| {
                results
                    .position(id)
                    .ok_or_else(|| anyhow!("there is no scored submission {id} of {}", q.id))
            })
            .collect::<anyhow::Result<_>>()?
    };
    let mut out = std::io::stdout().lock();
    if json {
        let all: Vec<serde_json::Value> = chosen
            .iter()
            .map(|&i| crate::results::to_json(&results, i))
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&all)?)?;
        return Ok(ExitCode::SUCCESS);
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
        writeln!(
            out,
            "{}{} {}: e-index {:.1}, level {} ({}){}",
            entry.institution,
            if entry.demo { " [demo]" } else { "" },
            entry.year,
            score.e_index,
            score.level,
            model.levels[score.level as usize - 1],
            standing
                .map(|s| format!(", rank {}/{}", s.rank, s.of))
                .unwrap_or_default()
        )?;
        for (theme, s) in model.themes.iter().zip(&score.themes) {
            if s.applicable {
                writeln!(
                    out,
                    "  {:<50} {:>5.1}  level {}  (weight {:.1} %)",
                    theme.title, s.index, s.level, s.weight_used
                )?;
            } else {
                writeln!(out, "  {:<50}   —    not applicable", theme.title)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
