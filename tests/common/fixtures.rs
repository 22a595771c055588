//! The built-in definitions the tests run on, each loaded once per test binary.

use anketa::questionnaire::{self, EINDEX_2019, Questionnaire};
use anketa::scoring::{self, EINDEX_2019_SCORING, Model};
use std::sync::OnceLock;

/// The 2019 e-index questionnaire (`questionnaire/eindex-2019.toml`).
pub fn eindex() -> &'static Questionnaire {
    static Q: OnceLock<Questionnaire> = OnceLock::new();
    Q.get_or_init(|| {
        questionnaire::load(EINDEX_2019.0, EINDEX_2019.1.as_bytes())
            .expect("the built-in e-index questionnaire loads")
    })
}

/// Its scoring model (`questionnaire/eindex-2019.scoring.toml`).
pub fn eindex_model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| {
        let (file, text) = EINDEX_2019_SCORING;
        scoring::load(file, text, eindex()).expect("the built-in scoring model loads")
    })
}
