//! The command line: what `main` parses and runs, one file per command. What the commands work
//! on is found in one place each, so that they agree on it: the questionnaire and the database
//! in `open.rs`, a questionnaire's scoring model in `scoring_file.rs`.

mod check;
mod data;
mod demo;
mod doctor;
mod export;
mod import;
mod info;
mod interface;
mod open;
mod report;
mod results;
mod review;
mod scoring_file;
mod submissions;
mod validate;

use crate::store::SubmissionId;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "anketa",
    version,
    about = "Offline self-assessment questionnaires in the terminal"
)]
pub struct Cli {
    /// The questionnaire: a definition file, else a questionnaire's id, built in (eindex-2019,
    /// ikt-2024) or kept in the database with the submissions filled with it (its latest
    /// definition there) [default: eindex-2019].
    #[arg(long, global = true, value_name = "ID|FILE")]
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

    /// Who is at the keyboard, as the audit log and the queries name them [default: the
    /// system's user name].
    #[arg(long, global = true, env = "ANKETA_USER", value_name = "NAME")]
    pub user: Option<String>,

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
    /// List the submissions in the database (of --questionnaire, when it is given), in
    /// Latvian alphabetical order of institution, then year.
    Submissions {
        /// Only the submissions of this reporting year.
        #[arg(long)]
        year: Option<i32>,
        /// Only the submissions in this state.
        #[arg(long, value_parser = ["draft", "submitted", "returned", "accepted"])]
        status: Option<String>,
        /// List at most N (the rest are counted under the list).
        #[arg(long, value_name = "N", default_value_t = 50)]
        limit: usize,
        /// List every one.
        #[arg(long, conflicts_with = "limit")]
        all: bool,
    },
    /// Check the whole database file, every page and index. Opening the database checks it
    /// only after anketa was stopped with it open or another program changed the file: run
    /// this after copying a database or when in doubt. Exits 1 if it is damaged.
    Doctor,
    /// Write submissions to a file, to carry them to another machine.
    Export {
        /// The submission to export (see `anketa submissions`); may be repeated.
        #[arg(
            long = "submission",
            value_name = "ID",
            required_unless_present = "all"
        )]
        submissions: Vec<SubmissionId>,
        /// Export every submission (of --questionnaire, when it is given).
        #[arg(long, conflicts_with = "submissions")]
        all: bool,
        /// With --all: only the submissions of this reporting year.
        #[arg(long, requires = "all")]
        year: Option<i32>,
        /// With --all: only the submissions in this state.
        #[arg(long, requires = "all", value_parser = ["draft", "submitted", "returned", "accepted"])]
        status: Option<String>,
        /// The file to write.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Theme scores, the e-index, maturity levels and standing in the cohort; with --html,
    /// the hand-out of each institution to print and give it.
    Results(ResultsArgs),
    /// Create a demonstration database of about 90 institutions (marked as demo data) and
    /// open the results view on it. Always of the built-in e-index: not with --questionnaire.
    Demo {
        /// Only create the database, for scripts.
        #[arg(long)]
        no_tui: bool,
        /// The reporting year of the generated submissions (the first, with --last-year).
        #[arg(long, default_value_t = 2019)]
        year: i32,
        /// A submission of every institution for each year from --year to this one.
        #[arg(long, value_name = "YEAR")]
        last_year: Option<i32>,
        /// How many institutions: the seed's, copied under numbered names ("… #2") as often as
        /// needed (default: the seed's own, once each), for trying a database of any size.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100_000))]
        institutions: Option<u32>,
    },
    /// Every error and warning of every submission, each checked with the definition it was
    /// filled with; exits 1 while any error remains.
    Validate(Report),
    /// Support staff's inbox: every submission of every questionnaire, with its checks and
    /// queries, to review, query, return and accept.
    Review,
    /// Return a submitted submission to its respondent; refused unless a query is open after
    /// `--message` opens one on the submission as a whole.
    Return {
        #[arg(value_name = "ID")]
        submission: SubmissionId,
        /// What the respondent should look at.
        #[arg(long, value_name = "TEXT")]
        message: Option<String>,
    },
    /// Accept a submission; refused, with everything still missing, while an error remains,
    /// the expert part is incomplete or a query is not closed. Accepted is final.
    Accept {
        #[arg(value_name = "ID")]
        submission: SubmissionId,
    },
    /// The answer tables of the questionnaire over the submissions handed in: each option's
    /// count and share, numbers' sums and middles, as the 2024 ICT report publishes them.
    Report(report::Selection),
    /// The data for Excel or SPSS: one row per submission (and per roster instance in a file
    /// of each roster's), option codes in the data and their words in a codebook.
    Data(data::Data),
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

/// Which submissions a report covers, and in what form: `results` and `validate` take the same.
#[derive(Debug, clap::Args)]
pub struct Report {
    /// The submission (see `anketa submissions`); may be repeated. Default: all.
    #[arg(long = "submission", value_name = "ID")]
    submissions: Vec<SubmissionId>,
    /// Every submission (the default when none is named).
    #[arg(long, conflicts_with = "submissions")]
    all: bool,
    /// Print JSON for scripts.
    #[arg(long)]
    json: bool,
}

/// `anketa results`: the report's choice of submissions, and the hand-out.
#[derive(Debug, clap::Args)]
pub struct ResultsArgs {
    #[command(flatten)]
    report: Report,
    /// Write each institution's results as one HTML file that prints on A4 (with --all, one
    /// per institution and an index page).
    #[arg(long, requires = "output", conflicts_with = "json")]
    html: bool,
    /// With --json: each theme's steps to its next level (`next_level`, null without it;
    /// about 15 ms a submission).
    #[arg(long, requires = "json")]
    next_level: bool,
    /// With --html: the file to write, or with several submissions the folder.
    #[arg(short, long, value_name = "PATH", requires = "html")]
    output: Option<PathBuf>,
}

impl Cli {
    /// `--user`, else the system's user name.
    pub fn user(&self) -> String {
        self.user
            .clone()
            .filter(|u| !u.trim().is_empty())
            .or_else(|| std::env::var("USER").ok())
            .or_else(|| std::env::var("USERNAME").ok())
            .unwrap_or_else(|| "respondents".to_owned())
    }
}

pub fn run(cli: Cli) -> ExitCode {
    let result = match &cli.command {
        Some(Command::Check { files, short }) => check::check(cli.lang, files, *short),
        Some(Command::Submissions {
            year,
            status,
            limit,
            all,
        }) => {
            let filter = crate::store::Filter {
                questionnaire: None,
                year: *year,
                status: status.as_deref().and_then(crate::exchange::Status::parse),
            };
            submissions::list(&cli, filter, (!all).then_some(*limit))
        }
        Some(Command::Doctor) => doctor::doctor(&cli),
        Some(Command::Export {
            submissions,
            all,
            year,
            status,
            output,
        }) => {
            let every = all.then(|| export::Every {
                year: *year,
                status: status.as_deref().and_then(crate::exchange::Status::parse),
            });
            export::export(&cli, submissions, every, output)
        }
        Some(Command::Results(r)) => results::results(&cli, r),
        Some(Command::Validate(r)) => validate::validate(&cli, &r.submissions, r.json),
        Some(Command::Demo {
            no_tui,
            year,
            last_year,
            institutions,
        }) => demo::demo(
            &cli,
            *no_tui,
            *year..=last_year.unwrap_or(*year),
            institutions.map(|n| n as usize),
        ),
        Some(Command::Import {
            files,
            ours,
            theirs,
        }) => import::import(&cli, files, *ours, *theirs),
        Some(Command::Info) => info::overview(cli.lang, cli.questionnaire.as_deref()),
        Some(Command::Review) => review::inbox(&cli),
        Some(Command::Report(sel)) => report::report(&cli, sel),
        Some(Command::Data(args)) => data::data(&cli, args),
        Some(Command::Return {
            submission,
            message,
        }) => review::return_submission(&cli, *submission, message.as_deref()),
        Some(Command::Accept { submission }) => review::accept(&cli, *submission),
        None => interface::interactive(&cli),
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
