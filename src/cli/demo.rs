//! `anketa demo`: the demonstration database, made the same way every time.

use super::interface::{Opening, run_interface};
use super::{Cli, open, scoring_file};
use crate::exchange;
use crate::i18n::{Say, say};
use crate::store::{self, Resolution};
use anyhow::{Context, bail};
use std::process::ExitCode;

pub(super) fn demo(cli: &Cli, no_tui: bool, year: i32) -> anyhow::Result<ExitCode> {
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
    let mut store = open::store_at(cli.lang, cli.db.clone(), default)?;
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
    run_interface(cli, q, text, store, Opening::Results)
}
