//! Store fixtures: the 2019 e-index questionnaire registered in a real SQLite file, with one
//! submission to save answers into.

use anketa::exchange::{InstitutionKind, InstitutionRecord};
use anketa::questionnaire::{self, EINDEX_2019, Questionnaire};
use anketa::response::Value;
use anketa::sample::full_response;
use anketa::store::{AnswerKey, Role, Store};
use std::path::Path;

pub fn eindex() -> Questionnaire {
    questionnaire::load(EINDEX_2019.0, EINDEX_2019.1.as_bytes()).unwrap()
}

pub struct Fixture {
    pub store: Store,
    pub submission: i64,
    pub person: i64,
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
    let qrow = store.register_questionnaire(&q, EINDEX_2019.1).unwrap();
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
