//! The 2024 ICT survey as its report published it: 145 submitted submissions whose answers
//! give the published tables (tests/data/ikt-2024-published.toml), and five drafts.

use anketa::response::Value;

/// One published table of the 2024 ICT report (tests/data/ikt-2024-published.toml).
#[derive(serde::Deserialize)]
pub struct Published {
    pub question: String,
    pub n: usize,
    pub rows: Vec<PublishedRow>,
}

#[derive(serde::Deserialize)]
pub struct PublishedRow {
    pub option: i64,
    pub label: String,
    pub count: usize,
    pub share: String,
}

#[derive(serde::Deserialize)]
pub struct PublishedTables {
    pub tables: Vec<Published>,
}

/// A database of 145 submitted submissions of the 2024 ICT survey whose answers are the
/// report's, and five drafts that answer otherwise; with the published tables.
pub fn database(dir: &std::path::Path) -> (std::path::PathBuf, PublishedTables) {
    use anketa::exchange::{
        self, InstitutionKind, InstitutionRecord, QuestionnaireRef, Status, SubmissionRecord,
    };
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let definition = std::fs::read_to_string(root.join("questionnaire/ikt-2024.toml")).unwrap();
    let q = anketa::questionnaire::load("ikt-2024.toml", definition.as_bytes()).unwrap();
    let published: PublishedTables = toml::from_str(
        &std::fs::read_to_string(root.join("tests/data/ikt-2024-published.toml")).unwrap(),
    )
    .unwrap();
    assert!(published.tables.len() >= 10, "the report's tables");
    let record = |n: usize, status: Status| {
        let mut r = anketa::sample::full_response(&q, 0);
        for table in &published.tables {
            // The first `count` institutions chose the first row, and so on down.
            let mut left = n;
            let row = table
                .rows
                .iter()
                .find(|row| {
                    let here = left < row.count;
                    left = left.saturating_sub(row.count);
                    here
                })
                .unwrap_or(&table.rows[table.rows.len() - 1]);
            let option = if status == Status::Draft {
                2
            } else {
                row.option
            };
            r.set(&table.question, Value::Choice(option));
        }
        SubmissionRecord::new(
            format!(
                "{:032x}",
                n + 1 + usize::from(status == Status::Draft) * 1000
            ),
            InstitutionRecord {
                name: format!("Iestāde Nr. {}", n + 1),
                reg_no: None,
                sector: None,
                kind: InstitutionKind::Institution,
            },
            QuestionnaireRef {
                id: q.id.clone(),
                version: q.version.clone(),
                hash: exchange::definition_hash(definition.as_bytes()),
            },
            2024,
            status,
            "2025-01-15T09:00:00.000Z",
            r,
        )
    };
    let n = published.tables[0].n;
    let mut records: Vec<SubmissionRecord> = (0..n).map(|i| record(i, Status::Submitted)).collect();
    records.extend((0..5).map(|i| record(n + i, Status::Draft)));
    let db = dir.join("ikt.db");
    let file = exchange::read(&exchange::write("now".into(), "test".into(), records)).unwrap();
    anketa::store::Store::open(&db)
        .unwrap()
        .import(&[file], &[&definition], anketa::store::Resolution::Refuse)
        .unwrap();
    (db, published)
}
