//! A child process for the fault-injection tests (`tests/store_faults.rs`): it saves answers
//! into the database named on the command line and, after each save that returned Ok,
//! prints `saved <code> <instance> <value>` (instance `-` outside rosters) and flushes, so
//! that the test knows exactly which answers were reported as saved when it kills it.
//!
//! ```text
//! answer_writer DB [--count N] [--prefix CODE_PREFIX] [--lock]
//! ```
//!
//! Without `--count` it writes until it is killed. It cycles through 8 answers (4 top-level,
//! 4 in the `services` roster); each save stores that answer's previous value plus one, so
//! the values of every answer only grow, across runs too. The institution, questionnaire and
//! submission are created on first use; later runs reuse the oldest submission. `--lock`
//! takes the editing lock first (and prints `locked <pid>`), as an interactive anketa would.

use anketa::exchange::{InstitutionKind, InstitutionRecord};
use anketa::questionnaire::{self, EINDEX_2019};
use anketa::response::Value;
use anketa::store::{AnswerKey, Role, Store, StoreError};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// How many different answers the writer cycles through.
const KEYS: usize = 8;

struct Args {
    db: PathBuf,
    count: Option<u64>,
    prefix: String,
    lock: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args_os().skip(1);
    let db = args
        .next()
        .ok_or("usage: answer_writer DB [--count N] [--prefix P] [--lock]")?;
    let mut parsed = Args {
        db: db.into(),
        count: None,
        prefix: "KILL".into(),
        lock: false,
    };
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--count") => {
                let n = args.next().and_then(|n| n.to_str()?.parse().ok());
                parsed.count = Some(n.ok_or("--count needs a number")?);
            }
            Some("--prefix") => {
                let p = args.next().and_then(|p| p.into_string().ok());
                parsed.prefix = p.ok_or("--prefix needs a code prefix")?;
            }
            Some("--lock") => parsed.lock = true,
            _ => return Err(format!("unknown argument {}", arg.to_string_lossy())),
        }
    }
    Ok(parsed)
}

/// The place of answer `k`: (roster, instance, code); roster and instance empty outside rosters.
fn key(prefix: &str, k: usize) -> (&'static str, String, String) {
    let code = format!("{prefix}_{k}");
    if k.is_multiple_of(2) {
        ("", String::new(), code)
    } else {
        ("services", format!("w{}", k / 2), code)
    }
}

fn run(args: &Args) -> Result<(), StoreError> {
    let mut store = Store::open(&args.db)?;
    let mut out = std::io::stdout().lock();
    if args.lock {
        store.lock_for_editing()?;
        writeln!(out, "locked {}", std::process::id())
            .and_then(|()| out.flush())
            .ok();
    }
    let q = questionnaire::load(EINDEX_2019.0, EINDEX_2019.1.as_bytes()).map_err(|d| {
        StoreError::Invalid(format!("the built-in questionnaire is broken: {}", d[0]))
    })?;
    let qrow = store.register_questionnaire(&q, EINDEX_2019.1)?;
    let institution = store.institution(&InstitutionRecord {
        name: "Valsts ieņēmumu dienests".into(),
        reg_no: Some("90000069281".into()),
        sector: Some("Finanšu ministrija".into()),
        kind: InstitutionKind::Institution,
    })?;
    let person = store.person("Ilze Bērziņa", Role::Respondent)?;
    let submission = match store.submissions()?.iter().map(|s| s.id).min() {
        Some(id) => id,
        None => store.create_submission(institution, qrow, 2019, person)?,
    };

    let keys: Vec<_> = (0..KEYS).map(|k| key(&args.prefix, k)).collect();
    let response = store.load_response(submission)?;
    let mut values: Vec<i64> = keys
        .iter()
        .map(|(roster, instance, code)| {
            let value = if roster.is_empty() {
                response.answers.get(code)
            } else {
                response
                    .instances(roster)
                    .iter()
                    .find(|i| &i.key == instance)
                    .and_then(|i| i.answers.get(code))
            };
            match value {
                Some(Value::Number(n)) => *n as i64,
                _ => 0,
            }
        })
        .collect();

    for (saved, k) in (0..KEYS).cycle().enumerate() {
        if args.count.is_some_and(|count| saved as u64 >= count) {
            break;
        }
        let (roster, instance, code) = &keys[k];
        let value = values[k] + 1;
        store.save_answer(
            submission,
            AnswerKey::in_roster(roster, instance, code),
            Some(&Value::Number(value as f64)),
            person,
        )?;
        values[k] = value;
        let shown = if instance.is_empty() { "-" } else { instance };
        // One write per line: a line on the pipe is never half of a report.
        let line = format!("saved {code} {shown} {value}\n");
        if out
            .write_all(line.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            break;
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("answer_writer: {e}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("answer_writer: {e}");
            ExitCode::FAILURE
        }
    }
}
