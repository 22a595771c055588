//! Support staff's commands: the inbox, and returning and accepting a submission with the
//! same refusals as the screens.

use super::{Cli, open};
use crate::i18n::{Say, refusal, say};
use crate::inbox::{self, StepError};
use crate::store::{Role, SubmissionId};
use std::io::Write;
use std::process::ExitCode;

pub(super) fn inbox(cli: &Cli) -> anyhow::Result<ExitCode> {
    let (q, text, store) = match open::definition_and_store(cli)? {
        Ok(found) => found,
        Err(code) => return Ok(code),
    };
    super::interface::run_interface(cli, q, text, store, super::interface::Opening::Inbox)
}

pub(super) fn return_submission(
    cli: &Cli,
    id: SubmissionId,
    message: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let mut store = open::store(cli)?;
    let person = store.person(&cli.user(), Role::Support)?;
    done(
        cli,
        inbox::return_submission(&mut store, id, message, person),
        Say::Returned(id),
    )
}

pub(super) fn accept(cli: &Cli, id: SubmissionId) -> anyhow::Result<ExitCode> {
    let mut store = open::store(cli)?;
    let person = store.person(&cli.user(), Role::Support)?;
    done(
        cli,
        inbox::accept(&mut store, id, person),
        Say::Accepted(id),
    )
}

/// A refusal is the loop's answer, not a failure of the program: it is said, exit 1.
fn done(cli: &Cli, outcome: Result<(), StepError>, said: Say) -> anyhow::Result<ExitCode> {
    match outcome {
        Ok(()) => {
            writeln!(std::io::stdout(), "{}", say(cli.lang, said))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(StepError::Refused(r)) => {
            // Said where it can be: a closed stderr does not turn a refusal into a crash.
            let _ = writeln!(std::io::stderr(), "anketa: {}", refusal(cli.lang, &r));
            Ok(ExitCode::FAILURE)
        }
        Err(StepError::Store(e)) => Err(e.into()),
    }
}
