//! The command line: what `main` parses and runs.

use crate::exchange;
use crate::i18n::{Lang, Say, say};
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
        Some(Command::Check { files, short }) => check(cli.lang, files, *short),
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
        Some(Command::Info) => overview(cli.lang, cli.questionnaire.as_deref()),
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

/// The questionnaire a scoring model `<stem>.scoring.toml` belongs to: `<stem>.toml` beside it.
fn scored_questionnaire(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".scoring.toml")?;
    Some(path.with_file_name(format!("{stem}.toml")))
}

/// `anketa check`: 0 when every file is clean, 1 otherwise. Scoring models
/// (`*.scoring.toml`) are checked against the questionnaire beside them.
fn check(lang: Lang, files: &[PathBuf], short: bool) -> anyhow::Result<ExitCode> {
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
        let (diagnostics, summary_line) = match scored_questionnaire(path) {
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
) -> (Vec<crate::diag::Diagnostic>, Option<String>) {
    use crate::diag::Diagnostic;
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

fn summary(lang: Lang, q: &Questionnaire) -> String {
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

/// The questionnaire to work with: `--questionnaire FILE`, or the built-in e-index; with its
/// definition text. `Err` carries the exit code after the file's problems were printed.
fn definition(
    lang: Lang,
    path: Option<&Path>,
) -> anyhow::Result<Result<(Questionnaire, String), ExitCode>> {
    Ok(Ok(match path {
        Some(path) => {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path)
                .map_err(|e| anyhow!(say(lang, Say::CannotRead(&name, &e))))?;
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
                .map_err(|d| anyhow!(say(lang, Say::BuiltInBroken(&d[0].to_string()))))?;
            (q, text.to_owned())
        }
    }))
}

/// Without a subcommand: the full-screen interface.
fn interactive(cli: &Cli) -> anyhow::Result<ExitCode> {
    let (q, text) = match definition(cli.lang, cli.questionnaire.as_deref())? {
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
        bail!(say(cli.lang, Say::NeedsTerminal));
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
    let submissions = crate::tui::Effects::submissions(&mut store, &q.id)?;
    let mut app = crate::tui::App::new(q, text, opts, submissions);
    if results_first {
        crate::tui::open_selected_results(&mut app, &mut store);
    }
    crate::tui::run(&mut app, &mut store).with_context(|| say(cli.lang, Say::TerminalFailed))?;
    Ok(ExitCode::SUCCESS)
}

/// `anketa info`: what the questionnaire holds, part by part.
fn overview(lang: Lang, path: Option<&Path>) -> anyhow::Result<ExitCode> {
    let q = match definition(lang, path)? {
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

fn open_store(cli: &Cli) -> anyhow::Result<Store> {
    open_store_at(cli.lang, cli.db.clone(), store::default_path())
}

fn open_store_at(
    lang: Lang,
    chosen: Option<PathBuf>,
    default: Option<PathBuf>,
) -> anyhow::Result<Store> {
    let path = chosen
        .or(default)
        .ok_or_else(|| anyhow!(say(lang, Say::NoDataDirectory)))?;
    Ok(Store::open(&path)?)
}

/// `anketa demo`: the demonstration database, made the same way every time.
fn demo(cli: &Cli, no_tui: bool, year: i32) -> anyhow::Result<ExitCode> {
    let (q, text) = match definition(cli.lang, None)? {
        Ok(found) => found,
        Err(code) => return Ok(code),
    };
    let Some((_, _, model)) = checked_scoring_model(cli, &q)? else {
        bail!(say(cli.lang, Say::DemoNeedsScoring));
    };
    let institutions = crate::demo::institutions()
        .with_context(|| say(cli.lang, Say::DemoInstitutionsDoNotLoad))?;
    // The three institutions the seed left out of the e-index are left out here too.
    let records: Vec<_> = institutions
        .iter()
        .filter(|inst| inst.in_eindex)
        .map(|inst| crate::demo::submission(&q, &text, &model, inst, year))
        .collect();
    let count = records.len();
    let bytes = exchange::write(store::now(), "demo".into(), records);
    let file = exchange::read(&bytes).with_context(|| say(cli.lang, Say::DemoDoesNotVerify))?;
    let default = store::default_path().map(|p| p.with_file_name("demo.db"));
    let mut store = open_store_at(cli.lang, cli.db.clone(), default)?;
    store.import(&[file], &[text.as_str()], Resolution::Theirs)?;
    let path = store.path().display().to_string();
    let created = Say::DemoCreated {
        path: &path,
        institutions: count,
        year,
    };
    println!("{}", say(cli.lang, created));
    if no_tui {
        return Ok(ExitCode::SUCCESS);
    }
    run_interface(cli, q, text, store, true)
}

fn list_submissions(cli: &Cli) -> anyhow::Result<ExitCode> {
    let store = open_store(cli)?;
    let mut out = std::io::stdout().lock();
    let mut submissions = store.submissions()?;
    if submissions.is_empty() {
        let path = store.path().display().to_string();
        writeln!(out, "{}", say(cli.lang, Say::NoSubmissionsYet(&path)))?;
    }
    // The store orders by bytes, which puts "Ā" and "Č" after "Z".
    submissions.sort_by(|a, b| {
        crate::i18n::compare_lv(&a.institution, &b.institution)
            .then(a.year.cmp(&b.year))
            .then(a.id.cmp(&b.id))
    });
    for s in submissions {
        writeln!(
            out,
            "{:>5}  {:<40} {}  {:<10} {} {}  {}{}",
            s.id,
            s.institution,
            s.year,
            crate::i18n::status(cli.lang, s.status),
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
    let path = output.display().to_string();
    crate::files::write_atomically(output, &bytes)
        .map_err(|e| anyhow!(say(cli.lang, Say::CannotWrite(&path, &e))))?;
    store.mark_exported(&records)?;
    let exported = Say::Exported {
        path: &path,
        submissions: records.len(),
    };
    println!("{}", say(cli.lang, exported));
    Ok(ExitCode::SUCCESS)
}

fn import(cli: &Cli, paths: &[PathBuf], ours: bool, theirs: bool) -> anyhow::Result<ExitCode> {
    let lang = cli.lang;
    let nothing = |why: String| anyhow!(say(lang, Say::NothingImported(&why)));
    let cannot_read = |name: &str, e: std::io::Error| anyhow!(say(lang, Say::CannotRead(name, &e)));
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let name = path.display().to_string();
        let size = std::fs::metadata(path)
            .map_err(|e| cannot_read(&name, e))?
            .len();
        let max = exchange::MAX_FILE_BYTES;
        if size > max {
            return Err(nothing(format!(
                "{name}: {}",
                say(lang, Say::TooLarge { size, max })
            )));
        }
        let bytes = std::fs::read(path).map_err(|e| cannot_read(&name, e))?;
        // The file's problems are exchange's words, in English.
        let file = exchange::read(&bytes).map_err(|e| nothing(format!("{name}: {e}")))?;
        files.push(file);
    }
    let extra = match &cli.questionnaire {
        Some(path) => Some(
            std::fs::read_to_string(path)
                .map_err(|e| cannot_read(&path.display().to_string(), e))?,
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
            print!("{}", crate::i18n::import_report(lang, &report));
            Ok(ExitCode::SUCCESS)
        }
        Err(ImportError::Conflicts { count, report }) => {
            print!("{}", crate::i18n::import_report(lang, &report));
            eprintln!("anketa: {}", say(lang, Say::Conflicts(count)));
            Ok(ExitCode::FAILURE)
        }
        Err(ImportError::UnknownQuestionnaire {
            uid,
            id,
            version,
            hash,
        }) => {
            let unknown = Say::UnknownQuestionnaire {
                uid: &uid,
                id: &id,
                version: &version,
                hash: &hash,
            };
            Err(nothing(say(lang, unknown)))
        }
        // The store's own errors are its words, in English.
        Err(e) => Err(nothing(e.to_string())),
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
                Err(e) => {
                    let name = model_path.display().to_string();
                    Err(anyhow!(say(cli.lang, Say::CannotRead(&name, &e))))
                }
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
        .map_err(|d| anyhow!(say(cli.lang, Say::ScoringProblems(&d[0].short()))))?;
    Ok(Some((file, text, model)))
}

fn results(cli: &Cli, ids: &[i64], json: bool) -> anyhow::Result<ExitCode> {
    let lang = cli.lang;
    let (q, _) = match definition(lang, cli.questionnaire.as_deref())? {
        Ok(found) => found,
        Err(code) => return Ok(code),
    };
    let Some((model_file, model_text, _)) = checked_scoring_model(cli, &q)? else {
        bail!(say(lang, Say::NotScored(&q.title)));
    };
    let store = open_store(cli)?;
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
        let all: Vec<serde_json::Value> = chosen
            .iter()
            .map(|&i| crate::results::to_json(&results, i))
            .collect();
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
