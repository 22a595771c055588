//! The submissions an organiser's tables count, read from the store: a questionnaire's
//! handed-in submissions of a year (or every year), for `anketa report`, `anketa data` and the
//! interface's report screen alike. The counting itself is the pure [`crate::report`].

use crate::exchange::Status;
use crate::questionnaire::Questionnaire;
use crate::response::Response;
use crate::store::{Store, StoreError, SubmissionSummary};

/// Which submissions are counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// Only this reporting year; every year when `None`.
    pub year: Option<i32>,
    pub statuses: Vec<Status>,
}

impl Default for Scope {
    /// What was handed in: submitted and accepted, never drafts or returned ones.
    fn default() -> Scope {
        Scope {
            year: None,
            statuses: vec![Status::Submitted, Status::Accepted],
        }
    }
}

impl Scope {
    pub fn covers(&self, s: &SubmissionSummary, q: &Questionnaire) -> bool {
        s.questionnaire_code == q.id
            && self.statuses.contains(&s.status)
            && self.year.is_none_or(|y| s.year == y)
    }

    /// The submissions of `q` it covers, in Latvian order of institution, then year.
    pub fn summaries(
        &self,
        store: &Store,
        q: &Questionnaire,
    ) -> Result<Vec<SubmissionSummary>, StoreError> {
        let mut chosen: Vec<_> = store
            .submissions()?
            .into_iter()
            .filter(|s| self.covers(s, q))
            .collect();
        chosen.sort_by(|a, b| {
            crate::i18n::compare_lv(&a.institution, &b.institution)
                .then(a.year.cmp(&b.year))
                .then(a.id.cmp(&b.id))
        });
        Ok(chosen)
    }

    /// The same, each with its answers.
    pub fn chosen(
        &self,
        store: &Store,
        q: &Questionnaire,
    ) -> Result<Vec<(SubmissionSummary, Response)>, StoreError> {
        self.summaries(store, q)?
            .into_iter()
            .map(|s| {
                let response = store.load_response(s.id)?;
                Ok((s, response))
            })
            .collect()
    }
}

/// The years in which `q` has a submission of one of `statuses`, the latest first.
pub fn years(summaries: &[SubmissionSummary], q: &Questionnaire, statuses: &[Status]) -> Vec<i32> {
    let mut years: Vec<i32> = summaries
        .iter()
        .filter(|s| s.questionnaire_code == q.id && statuses.contains(&s.status))
        .map(|s| s.year)
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    years
}
