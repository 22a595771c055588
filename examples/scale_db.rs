//! Builds an e-index database of any size from the demo generator, for measuring how costs
//! grow with the database (`docs/performance.md`, "A ministry's consolidated database").
//!
//! ```text
//! scale_db DB PER_YEAR FIRST_YEAR LAST_YEAR
//! ```
//!
//! `PER_YEAR` institutions each submit once a year from `FIRST_YEAR` to `LAST_YEAR`; the
//! submissions are imported in batches, as files from the field would be.

use anketa::demo;
use anketa::exchange;
use anketa::questionnaire::{EINDEX_2019, load};
use anketa::scoring::{self, EINDEX_2019_SCORING};
use anketa::store::{Resolution, Store};
use std::path::PathBuf;
use std::process::ExitCode;

const BATCH: usize = 250;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [db, per_year, first, last] = args.as_slice() else {
        eprintln!("usage: scale_db DB PER_YEAR FIRST_YEAR LAST_YEAR");
        return ExitCode::from(2);
    };
    let (Ok(per_year), Ok(first), Ok(last)) = (per_year.parse(), first.parse(), last.parse())
    else {
        eprintln!("scale_db: PER_YEAR, FIRST_YEAR and LAST_YEAR are whole numbers");
        return ExitCode::from(2);
    };
    match build(PathBuf::from(db), per_year, first..=last) {
        Ok(count) => {
            println!("{db}: {count} submissions");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("scale_db: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn build(
    db: PathBuf,
    per_year: usize,
    years: std::ops::RangeInclusive<i32>,
) -> Result<usize, Box<dyn std::error::Error>> {
    // The built-in definitions are checked by the tests; a failure here is a broken build.
    let q = load(EINDEX_2019.0, EINDEX_2019.1.as_bytes()).map_err(|d| format!("{d:?}"))?;
    let model = scoring::load(EINDEX_2019_SCORING.0, EINDEX_2019_SCORING.1, &q)
        .map_err(|d| format!("{d:?}"))?;
    let mut store = Store::open(&db)?;
    let mut records = demo::many(&q, EINDEX_2019.1, &model, per_year, years).peekable();
    let mut count = 0;
    while records.peek().is_some() {
        let batch: Vec<_> = records.by_ref().take(BATCH).collect();
        count += batch.len();
        let bytes = exchange::write(anketa::store::now(), "scale".into(), batch);
        let file = exchange::read(&bytes)?;
        store.import(&[file], &[EINDEX_2019.1], Resolution::Theirs)?;
    }
    Ok(count)
}
