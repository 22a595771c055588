//! What the interface benches share.

use anketa::exchange::{self, InstitutionKind, InstitutionRecord, QuestionnaireRef, Status};
use anketa::exchange::{SubmissionRecord, definition_hash};
use anketa::questionnaire::{EINDEX_2019, load};
use anketa::sample::full_response;
use anketa::store::{Resolution, Store};
use std::path::Path;

/// `dir/a.db`, holding one e-index submission with `services` services, made by importing a
/// file.
pub fn database(dir: &Path, services: usize) {
    let q = load(EINDEX_2019.0, EINDEX_2019.1.as_bytes()).unwrap();
    let r = full_response(&q, services);
    let record = SubmissionRecord::new(
        "bench".into(),
        InstitutionRecord {
            name: "Valsts ieņēmumu dienests".into(),
            reg_no: None,
            sector: None,
            kind: InstitutionKind::Institution,
        },
        QuestionnaireRef {
            id: q.id.clone(),
            version: q.version.clone(),
            hash: definition_hash(EINDEX_2019.1.as_bytes()),
        },
        2019,
        Status::Draft,
        "2026-11-24T10:00:00.000Z",
        r,
    );
    let bytes = exchange::write("now".into(), "bench".into(), vec![record]);
    let mut store = Store::open(&dir.join("a.db")).unwrap();
    store
        .import(
            &[exchange::read(&bytes).unwrap()],
            &[EINDEX_2019.1],
            Resolution::Refuse,
        )
        .unwrap();
}
