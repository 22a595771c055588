//! The row ids of the database, each a type of its own, so that a person cannot be passed
//! where a submission is meant (both were bare `i64`s).
//!
//! They live outside [`crate::store`] so that the core can name a submission (a cohort
//! [`Entry`](crate::scoring::cohort::Entry) does) without depending on the database; the store
//! alone turns them into SQLite values and back (`store/ids.rs`). The number inside is public:
//! the command line reads submission ids from its arguments and tests make them from literals,
//! and a constructor would only say the same thing longer.

use serde::Serialize;
use std::fmt;
use std::num::ParseIntError;
use std::str::FromStr;

macro_rules! row_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        // `transparent`: `anketa results --json` writes a submission as the bare number it
        // always wrote.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        /// The bare number, as every message has always shown it; widths and fill pass
        /// through (`anketa submissions` pads its ids).
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        /// Parsed as an `i64` is, with the same errors, so that `--submission x` is refused
        /// with the words it always was.
        impl FromStr for $name {
            type Err = ParseIntError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    };
}

row_id! {
    /// A submission (`submissions.id`): what `anketa submissions` lists and `--submission`
    /// names.
    SubmissionId
}

row_id! {
    /// A person in a role (`people.id`), recorded with every change.
    PersonId
}

row_id! {
    /// An institution (`institutions.id`).
    InstitutionId
}

row_id! {
    /// A questionnaire definition as stored (`questionnaires.id`), one per definition hash.
    QuestionnaireRow
}
