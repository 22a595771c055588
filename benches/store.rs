//! The store's speed, each figure beside a baseline measured in the same run, on real files
//! with the store's own settings (WAL journal, `synchronous = FULL`):
//! - saving one answer through `Store::save_answer` (read the old value, upsert, audit row,
//!   touch the submission, commit durably) against one `INSERT OR REPLACE` + commit on a bare
//!   rusqlite connection with the same pragmas, and for reference the same with
//!   `synchronous = NORMAL` (what `FULL` costs); after criterion's groups, a plain loop of
//!   2,000 timed calls of each, interleaved, gives the medians and the 99th percentiles;
//! - importing 1,000 e-index submissions (5–30 services each) from one file: reading and
//!   verifying the file, then `Store::import` into a fresh database, against inserting as
//!   many rows (answers + roster instances) into a simple table in one transaction.
//!
//! `docs/performance.md` reports the ratios. The whole run takes under two minutes.

use anketa::exchange::{self, InstitutionKind, InstitutionRecord, Status, SubmissionRecord};
use anketa::questionnaire::{EINDEX_2019, Questionnaire, load};
use anketa::response::{Response, Value};
use anketa::sample::full_response;
use anketa::store::{AnswerKey, ImportOutcome, PersonId, Resolution, Role, Store, SubmissionId};
use criterion::{BatchSize, Criterion, SamplingMode, criterion_group};
use rusqlite::{Connection, params};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};
use tempfile::TempDir;

const SUBMISSIONS: usize = 1_000;
const TAIL_ITERATIONS: usize = 2_000;

fn eindex() -> Questionnaire {
    load(EINDEX_2019.0, EINDEX_2019.1.as_bytes()).unwrap()
}

/// A bare connection in WAL mode with `synchronous` set to `FULL` (the store's setting) or
/// `NORMAL`, and nothing else.
fn bare_connection(path: &Path, synchronous: &str) -> Connection {
    let conn = Connection::open(path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    conn.pragma_update(None, "synchronous", synchronous)
        .unwrap();
    conn
}

/// A store with one e-index draft, ready for answers.
fn store_with_submission(path: &Path) -> (Store, SubmissionId, PersonId) {
    let mut store = Store::open(path).unwrap();
    let qrow = store
        .register_questionnaire(&eindex(), EINDEX_2019.1)
        .unwrap();
    let inst = store
        .institution(&institution("Valsts ieņēmumu dienests", "90000069281", 0))
        .unwrap();
    let person = store.person("Ilze Bērziņa", Role::Respondent).unwrap();
    let submission = store.create_submission(inst, qrow, 2019, person).unwrap();
    (store, submission, person)
}

/// Saving one answer, alternating two values so that every call really writes.
struct Saver {
    store: Store,
    submission: SubmissionId,
    person: PersonId,
    values: [Value; 2],
    n: usize,
}

impl Saver {
    fn new(path: &Path) -> Saver {
        let (store, submission, person) = store_with_submission(path);
        Saver {
            store,
            submission,
            person,
            values: [Value::Number(12.0), Value::Number(13.0)],
            n: 0,
        }
    }

    fn save(&mut self) {
        self.n += 1;
        let changed = self
            .store
            .save_answer(
                self.submission,
                AnswerKey::top("V00J"),
                Some(&self.values[self.n % 2]),
                self.person,
            )
            .unwrap();
        debug_assert!(changed);
    }
}

/// The same write with nothing around it: one `INSERT OR REPLACE` and a commit.
struct BareWriter {
    conn: Connection,
    values: [&'static str; 2],
    n: usize,
}

impl BareWriter {
    fn new(path: &Path, synchronous: &str) -> BareWriter {
        let conn = bare_connection(path, synchronous);
        conn.execute_batch("CREATE TABLE answers (code TEXT PRIMARY KEY, value TEXT NOT NULL)")
            .unwrap();
        BareWriter {
            conn,
            values: [r#"{"number":12.0}"#, r#"{"number":13.0}"#],
            n: 0,
        }
    }

    fn write(&mut self) {
        self.n += 1;
        let tx = self.conn.transaction().unwrap();
        tx.prepare_cached("INSERT OR REPLACE INTO answers (code, value) VALUES (?1, ?2)")
            .unwrap()
            .execute(params!["V00J", self.values[self.n % 2]])
            .unwrap();
        tx.commit().unwrap();
    }
}

fn saving(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut saver = Saver::new(&dir.path().join("anketa.db"));
    let mut bare = BareWriter::new(&dir.path().join("bare.db"), "FULL");
    let mut normal = BareWriter::new(&dir.path().join("normal.db"), "NORMAL");
    let mut group = c.benchmark_group("save one answer");
    group
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    group.bench_function("baseline: bare INSERT OR REPLACE + commit", |b| {
        b.iter(|| bare.write())
    });
    group.bench_function("Store::save_answer", |b| b.iter(|| saver.save()));
    group.bench_function(
        "reference: bare INSERT OR REPLACE + commit, synchronous = NORMAL",
        |b| b.iter(|| normal.write()),
    );
    group.finish();
}

fn institution(name: &str, reg_no: &str, n: usize) -> InstitutionRecord {
    const SECTORS: [&str; 5] = [
        "Finanšu ministrija",
        "Iekšlietu ministrija",
        "Labklājības ministrija",
        "Tieslietu ministrija",
        "Vides aizsardzības un reģionālās attīstības ministrija",
    ];
    InstitutionRecord {
        name: name.into(),
        reg_no: Some(reg_no.into()),
        sector: Some(SECTORS[n % SECTORS.len()].into()),
        kind: InstitutionKind::Institution,
    }
}

/// Services of the `i`-th submission: 5 to 30, spread evenly.
fn services_of(i: usize) -> usize {
    5 + (i * 37) % 26
}

/// 1,000 full e-index submissions of different institutions, 5–30 services each: copies of
/// one submission exported from a real store, each with its own uid, institution, status and
/// a full response.
fn records(q: &Questionnaire) -> Vec<SubmissionRecord> {
    let dir = tempfile::tempdir().unwrap();
    let (store, submission, _) = store_with_submission(&dir.path().join("source.db"));
    let template = store.export(&[submission]).unwrap().remove(0);
    let responses: Vec<Response> = (5..=30).map(|n| full_response(q, n)).collect();
    (0..SUBMISSIONS)
        .map(|i| {
            let response = &responses[services_of(i) - 5];
            let mut r = template.clone();
            r.uid = format!("{:032x}", 0x5eed_0000_0000_u64 + i as u64);
            r.institution = institution(
                &format!("Iestāde Nr. {}", i + 1),
                &format!("9000{:07}", i + 1),
                i,
            );
            (r.status, r.submitted_at, r.accepted_at) = match i % 3 {
                0 => (Status::Draft, None, None),
                1 => (
                    Status::Submitted,
                    Some("2020-03-02T09:00:00.000Z".to_owned()),
                    None,
                ),
                _ => (
                    Status::Accepted,
                    Some("2020-03-02T09:00:00.000Z".to_owned()),
                    Some("2020-04-15T12:30:00.000Z".to_owned()),
                ),
            };
            r.created_at = "2020-02-01T08:00:00.000Z".into();
            r.updated_at = "2020-03-01T16:45:00.000Z".into();
            r.answers = response.answers.clone();
            r.rosters = response.rosters.clone();
            r
        })
        .collect()
}

/// The rows an import of these records stores as data: every answer, and every instance of
/// a roster the respondent manages (derived rosters keep no instance rows).
fn data_rows(q: &Questionnaire, records: &[SubmissionRecord]) -> Vec<(i64, String, String)> {
    let mut rows = Vec::new();
    for (s, r) in records.iter().enumerate() {
        let s = s as i64 + 1;
        for (code, v) in &r.answers {
            rows.push((s, code.clone(), serde_json::to_string(v).unwrap()));
        }
        for (roster, instances) in &r.rosters {
            let free = q.rosters[q.roster(roster).unwrap()].from.is_none();
            for i in instances {
                if free {
                    rows.push((s, format!("{roster}/{}", i.key), i.label.clone()));
                }
                for (code, v) in &i.answers {
                    rows.push((
                        s,
                        format!("{roster}/{}/{code}", i.key),
                        serde_json::to_string(v).unwrap(),
                    ));
                }
            }
        }
    }
    rows
}

fn importing(c: &mut Criterion) {
    let q = eindex();
    let records = records(&q);
    let rows = data_rows(&q, &records);
    let source = tempfile::tempdir().unwrap();
    let file = source.path().join("submissions.json");
    let bytes = exchange::write(
        "2020-03-05T10:00:00.000Z".into(),
        "0123456789abcdef".into(),
        records,
    );
    std::fs::write(&file, &bytes).unwrap();
    let services: usize = (0..SUBMISSIONS).map(services_of).sum();
    println!(
        "import file: {SUBMISSIONS} submissions, {services} services, {} answers + instances, {:.1} MB",
        rows.len(),
        bytes.len() as f64 / 1e6
    );
    drop(bytes);

    let mut group = c.benchmark_group(format!("import {SUBMISSIONS} submissions"));
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(3));
    group.bench_function(
        format!("baseline: {} rows, bare rusqlite, one transaction", rows.len()),
        |b| {
            b.iter_batched(
                || {
                    let dir = tempfile::tempdir().unwrap();
                    let conn = bare_connection(&dir.path().join("bare.db"), "FULL");
                    conn.execute_batch(
                        "CREATE TABLE answers (id INTEGER PRIMARY KEY, submission INTEGER NOT NULL,
                                               place TEXT NOT NULL, value TEXT NOT NULL)",
                    )
                    .unwrap();
                    (dir, conn)
                },
                |(dir, mut conn)| {
                    let tx = conn.transaction().unwrap();
                    {
                        let mut insert = tx
                            .prepare(
                                "INSERT INTO answers (submission, place, value) VALUES (?1, ?2, ?3)",
                            )
                            .unwrap();
                        for (s, place, value) in &rows {
                            insert.execute(params![s, place, value]).unwrap();
                        }
                    }
                    tx.commit().unwrap();
                    (dir, conn)
                },
                BatchSize::PerIteration,
            )
        },
    );
    // One warm-up call, then ten timed calls: criterion makes each sample
    // ceil(measurement time / (10 × one call)) calls, so a measurement time below ten calls
    // keeps it at one call per sample. (It then warns that it would like longer; expected.)
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("read file + Store::import into a fresh database", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let store = Store::open(&dir.path().join("anketa.db")).unwrap();
                (dir, store)
            },
            |(dir, mut store)| {
                let bytes = std::fs::read(&file).unwrap();
                let parsed = exchange::read(black_box(&bytes)).unwrap();
                drop(bytes);
                let report = store
                    .import(&[parsed], &[EINDEX_2019.1], Resolution::Refuse)
                    .unwrap();
                assert_eq!(report.submissions.len(), SUBMISSIONS);
                assert_eq!(report.submissions[0].outcome, ImportOutcome::Created);
                (dir, store, report)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// Median and 99th percentile of `samples`, in µs.
fn median_p99(samples: &mut [Duration]) -> (f64, f64) {
    samples.sort_unstable();
    let at = |p: f64| {
        let i = ((samples.len() as f64 * p).ceil() as usize).clamp(1, samples.len()) - 1;
        samples[i].as_secs_f64() * 1e6
    };
    (at(0.5), at(0.99))
}

/// The tail: 2,000 timed calls of each, interleaved so that all see the same disk at the same
/// time. `synchronous = NORMAL` is there for reference: what `FULL` costs.
fn save_answer_tail() {
    let dir: TempDir = tempfile::tempdir().unwrap();
    let mut saver = Saver::new(&dir.path().join("anketa.db"));
    let mut bare = BareWriter::new(&dir.path().join("bare.db"), "FULL");
    let mut normal = BareWriter::new(&dir.path().join("normal.db"), "NORMAL");
    for _ in 0..100 {
        saver.save();
        bare.write();
        normal.write();
    }
    let mut ours = Vec::with_capacity(TAIL_ITERATIONS);
    let mut theirs = Vec::with_capacity(TAIL_ITERATIONS);
    let mut unsynced = Vec::with_capacity(TAIL_ITERATIONS);
    let timed = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        f();
        start.elapsed()
    };
    for _ in 0..TAIL_ITERATIONS {
        ours.push(timed(&mut || saver.save()));
        theirs.push(timed(&mut || bare.write()));
        unsynced.push(timed(&mut || normal.write()));
    }
    let (median, p99) = median_p99(&mut ours);
    let (bare_median, bare_p99) = median_p99(&mut theirs);
    let (normal_median, normal_p99) = median_p99(&mut unsynced);
    println!(
        "save answer: median {median:.0} µs, p99 {p99:.0} µs; \
         bare insert+commit: median {bare_median:.0} µs, p99 {bare_p99:.0} µs; \
         ratio median {:.2}, p99 {:.2}",
        median / bare_median,
        p99 / bare_p99
    );
    println!(
        "for reference, bare insert+commit with synchronous=NORMAL: \
         median {normal_median:.0} µs, p99 {normal_p99:.0} µs"
    );
}

criterion_group!(benches, saving, importing);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    // `cargo bench` passes --bench; `cargo test --benches` does not, and only checks that
    // each benchmark runs once.
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--list") {
        save_answer_tail();
    }
}
