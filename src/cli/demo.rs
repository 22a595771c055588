//! `anketa demo`: the demonstration database, made the same way every time.

use super::interface::{Opening, run_interface};
use super::{Cli, open, scoring_file};
use crate::exchange;
use crate::i18n::{Say, say};
use crate::store::{self, Resolution};
use anyhow::{Context, bail};
use std::ops::RangeInclusive;
use std::process::ExitCode;

/// How many submissions go into the database at a time: a large demo is never held whole.
const BATCH: usize = 250;

pub(super) fn demo(
    cli: &Cli,
    no_tui: bool,
    years: RangeInclusive<i32>,
    institutions: Option<usize>,
) -> anyhow::Result<ExitCode> {
    // The demo data is made for the built-in e-index: its codes, its scoring model, the 2019
    // seed. Another questionnaire is refused rather than quietly replaced, and with none given,
    // the scoring model found below and the interface's are the e-index's too.
    if cli.questionnaire.is_some() {
        bail!(say(cli.lang, Say::DemoIsOfTheEindex));
    }
    let (q, text) = match open::definition(cli.lang, None)? {
        Ok(found) => found,
        Err(code) => return Ok(code),
    };
    let Some((_, _, model)) = scoring_file::load(cli, &q)? else {
        bail!(say(cli.lang, Say::DemoNeedsScoring));
    };
    let seed = crate::demo::institutions()
        .with_context(|| say(cli.lang, Say::DemoInstitutionsDoNotLoad))?;
    let default = store::default_path().map(|p| p.with_file_name("demo.db"));
    let mut store = open::store_at(cli.lang, cli.db.clone(), default)?;
    let mut count = 0;
    {
        let mut records =
            crate::demo::many(&q, &text, &model, seed, institutions, years.clone()).peekable();
        while records.peek().is_some() {
            let batch: Vec<_> = records.by_ref().take(BATCH).collect();
            count += batch.len();
            let bytes = exchange::write(store::now(), "demo".into(), batch);
            let file =
                exchange::read(&bytes).with_context(|| say(cli.lang, Say::DemoDoesNotVerify))?;
            store.import(&[file], &[text.as_str()], Resolution::Theirs)?;
        }
    }
    let path = store.path().display().to_string();
    let created = Say::DemoCreated {
        path: &path,
        institutions: count / years.clone().count().max(1),
        years: (*years.start(), *years.end()),
    };
    println!("{}", say(cli.lang, created));
    if no_tui {
        return Ok(ExitCode::SUCCESS);
    }
    run_interface(cli, q, text, store, Opening::Results)
}
