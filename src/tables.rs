//! The submissions an organiser's tables count, read from the store: a questionnaire's
//! handed-in submissions of a year (or every year), for `anketa report`, `anketa data` and the
//! interface's report screen alike. The counting itself is the pure [`crate::report`].

use crate::exchange::Status;
use crate::questionnaire::Questionnaire;
use crate::report::{Report, tabulate};
use crate::response::Response;
use crate::store::{Store, StoreError, SubmissionId, SubmissionSummary};

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

    /// Of `all`, those it covers, in Latvian order of institution, then year.
    pub fn pick(&self, all: Vec<SubmissionSummary>, q: &Questionnaire) -> Vec<SubmissionSummary> {
        let mut chosen: Vec<_> = all.into_iter().filter(|s| self.covers(s, q)).collect();
        chosen.sort_by(SubmissionSummary::in_latvian_order);
        chosen
    }

    /// The submissions of `q` in the store it covers, each with its answers, in Latvian order
    /// of institution, then year.
    pub fn chosen(
        &self,
        store: &Store,
        q: &Questionnaire,
    ) -> Result<Vec<(SubmissionSummary, Response)>, StoreError> {
        self.pick(store.submissions()?, q)
            .into_iter()
            .map(|s| {
                let response = store.load_response(s.id)?;
                Ok((s, response))
            })
            .collect()
    }
}

/// The tables a report screen shows: those of the scope, and the years that could be
/// chosen instead.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub report: Report,
    pub years: Vec<i32>,
}

/// The tables of `q` over the submissions `scope` covers.
pub fn page(store: &Store, q: &Questionnaire, scope: &Scope) -> Result<Page, StoreError> {
    page_from(store.submissions()?, q, scope, |id| store.load_response(id))
}

/// The same over the submissions `all`, their answers read with `load`.
pub fn page_from<E>(
    all: Vec<SubmissionSummary>,
    q: &Questionnaire,
    scope: &Scope,
    mut load: impl FnMut(SubmissionId) -> Result<Response, E>,
) -> Result<Page, E> {
    let years = years(&all, q, &scope.statuses);
    let responses = scope
        .pick(all, q)
        .into_iter()
        .map(|s| load(s.id))
        .collect::<Result<Vec<_>, _>>()?;
    let refs: Vec<&Response> = responses.iter().collect();
    Ok(Page {
        report: tabulate(q, &refs),
        years,
    })
}

/// The years in which `q` has a submission of one of `statuses`, the latest first.
fn years(summaries: &[SubmissionSummary], q: &Questionnaire, statuses: &[Status]) -> Vec<i32> {
    let mut years: Vec<i32> = summaries
        .iter()
        .filter(|s| s.questionnaire_code == q.id && statuses.contains(&s.status))
        .map(|s| s.year)
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    years
}
