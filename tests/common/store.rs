//! Store fixtures: the 2019 e-index questionnaire registered in a real SQLite file, with one
//! submission to save answers into.

use super::fixtures::eindex;
use anketa::exchange::{self, InstitutionKind, InstitutionRecord};
use anketa::questionnaire::{EINDEX_2019, Questionnaire};
use anketa::response::Value;
use anketa::sample::full_response;
use anketa::store::{
    AnswerKey, ImportError, ImportOutcome, PersonId, Resolution, Role, Store, SubmissionId,
};
use std::path::Path;

/// The first submission of a database: the fixture's, the one the interface created, or the
/// first a file brought in. Ids belong to one database (the same submission may have another
/// elsewhere); the tests' databases each hold one submission, and this is it.
pub const FIRST: SubmissionId = SubmissionId(1);

pub struct Fixture {
    pub store: Store,
    pub submission: SubmissionId,
    pub person: PersonId,
}

pub fn institution(name: &str, reg_no: &str) -> InstitutionRecord {
    InstitutionRecord {
        name: name.into(),
        reg_no: Some(reg_no.into()),
        sector: Some("Finanšu ministrija".into()),
        kind: InstitutionKind::Institution,
    }
}

/// The database at `path` with the questionnaire registered and one submission, of the
/// institution the tests create, by its respondent.
pub fn fixture(path: &Path) -> Fixture {
    let mut store = Store::open(path).unwrap();
    let q = eindex();
    let qrow = store.register_questionnaire(q, EINDEX_2019.1).unwrap();
    let inst = store
        .institution(&institution(super::INSTITUTION, "90000069281"))
        .unwrap();
    let person = store.person("Ilze Bērziņa", Role::Respondent).unwrap();
    let submission = store.create_submission(inst, qrow, 2019, person).unwrap();
    Fixture {
        store,
        submission,
        person,
    }
}

impl Fixture {
    pub fn save(&mut self, key: AnswerKey, value: Value) {
        self.store
            .save_answer(self.submission, key, Some(&value), self.person)
            .unwrap();
    }
}

/// Save every answer of a full response with `services` services, as the TUI would.
pub fn fill(f: &mut Fixture, q: &Questionnaire, services: usize) {
    let response = full_response(q, services);
    for (code, v) in &response.answers {
        f.save(AnswerKey::top(code), v.clone());
    }
    for (roster, instances) in &response.rosters {
        let free = q.rosters[q.roster(roster).unwrap()].from.is_none();
        for i in instances {
            let key = if free {
                f.store
                    .add_instance(f.submission, roster, &i.label, f.person)
                    .unwrap()
            } else {
                i.key.clone()
            };
            for (code, v) in &i.answers {
                f.save(AnswerKey::in_roster(roster, &key, code), v.clone());
            }
        }
    }
}

/// Export `ids` as a file, as `anketa export` does (and mark them exported).
pub fn export_file(store: &mut Store, ids: &[SubmissionId]) -> Vec<u8> {
    let records = store.export(ids).unwrap();
    let bytes = exchange::write(
        "2026-11-24T10:00:00.000Z".into(),
        store.machine().into(),
        records.clone(),
    );
    store.mark_exported(&records).unwrap();
    bytes
}

/// Import a file's bytes, knowing the built-in e-index definition; what happened to each
/// submission.
pub fn import(
    store: &mut Store,
    bytes: &[u8],
    resolution: Resolution,
) -> Result<Vec<ImportOutcome>, ImportError> {
    let file = exchange::read(bytes).unwrap();
    store
        .import(&[file], &[EINDEX_2019.1], resolution)
        .map(|r| r.submissions.into_iter().map(|s| s.outcome).collect())
}
