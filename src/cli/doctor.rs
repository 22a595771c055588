//! `anketa doctor`: the whole database file checked, page by page and index by index.

use super::{Cli, open};
use crate::i18n::{Say, say};
use std::process::ExitCode;

pub(super) fn doctor(cli: &Cli) -> anyhow::Result<ExitCode> {
    let store = open::store(cli)?;
    store.check()?;
    let path = store.path().display().to_string();
    let submissions = store.submissions()?.len();
    println!(
        "{}",
        say(
            cli.lang,
            Say::DatabaseIntact {
                path: &path,
                submissions
            }
        )
    );
    Ok(ExitCode::SUCCESS)
}
