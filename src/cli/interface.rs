//! Without a subcommand: the full-screen interface. Its entry points are called from
//! [`run_interface`] alone, so that a change to them is a change to one function.

use super::{Cli, open, scoring_file};
use crate::i18n::{Say, say};
use crate::questionnaire::Questionnaire;
use crate::store::{Role, Store};
use anyhow::{Context, bail};
use std::process::ExitCode;

pub(super) fn interactive(cli: &Cli) -> anyhow::Result<ExitCode> {
    let (q, text, store) = match open::definition_and_store(cli)? {
        Ok(found) => found,
        Err(code) => return Ok(code),
    };
    run_interface(cli, q, text, store, Opening::Start)
}

/// Which screen the interface opens on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Opening {
    /// The respondent's list of submissions of the questionnaire.
    Start,
    /// The results of the submission worked on last (the demo).
    Results,
    /// Support staff's inbox over every submission.
    Inbox,
}

pub(super) fn run_interface(
    cli: &Cli,
    q: Questionnaire,
    text: String,
    mut store: Store,
    opening: Opening,
) -> anyhow::Result<ExitCode> {
    let results_first = opening == Opening::Results;
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        bail!(say(cli.lang, Say::NeedsTerminal));
    }
    store.lock_for_editing()?;
    let scoring = scoring_file::load(cli, &q)?;
    let opts = crate::tui::Options {
        lang: cli.lang,
        expert: cli.expert,
        role: if opening == Opening::Inbox {
            Role::Support
        } else {
            Role::Respondent
        },
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        export_dir: std::env::current_dir().unwrap_or_default(),
        scoring: scoring.map(|(file, text, _)| (file, text)),
        results_first,
        user: cli.user(),
        // The report is of the year that ended: the previous calendar year.
        default_year: {
            use chrono::Datelike;
            chrono::Local::now().year() - 1
        },
    };
    let submissions = store.window(&q.id, crate::store::Seek::Newest, crate::tui::START_ROWS)?;
    let mut app = crate::tui::App::new(q, text, opts, submissions);
    if opening == Opening::Inbox {
        crate::tui::open_inbox(&mut app, &mut store);
    }
    if results_first {
        crate::tui::open_selected_results(&mut app, &mut store);
    }
    crate::tui::run(&mut app, &mut store).with_context(|| say(cli.lang, Say::TerminalFailed))?;
    Ok(ExitCode::SUCCESS)
}
