//! `anketa export`: submissions written to a file, to carry them to another machine.

use super::{Cli, open};
use crate::exchange;
use crate::i18n::{Say, say};
use crate::store;
use anyhow::anyhow;
use std::path::Path;
use std::process::ExitCode;

pub(super) fn export(cli: &Cli, ids: &[i64], all: bool, output: &Path) -> anyhow::Result<ExitCode> {
    let mut store = open::store(cli)?;
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
