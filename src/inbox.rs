//! Support staff's desk over a database: the inbox (every submission of every questionnaire,
//! each evaluated with the definition it was filled with, with its queries), and the loop's
//! steps that the screens and the commands share, judged by [`crate::review`].

use crate::exchange::{QueryRecord, Status};
use crate::plausibility::{Entry, Flag, check};
use crate::questionnaire::Questionnaire;
use crate::review::{Checks, QueryCounts, Refusal, checks, may_accept, may_return};
use crate::rules::{self, Evaluation};
use crate::store::{AnswerKey, PersonId, Store, StoreError, SubmissionId, SubmissionSummary};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub struct InboxRow {
    pub summary: SubmissionSummary,
    /// The questionnaire's title, as its definition gives it.
    pub questionnaire: String,
    pub queries: QueryCounts,
    /// What its checks say, once evaluated ([`evaluate`]): the list shows before every
    /// submission is evaluated, so that its first frame costs the same at any size.
    pub checks: Option<Checks>,
}

/// Every submission with its queries' counts, not yet evaluated: a few queries whatever the
/// number of submissions (each definition is loaded once, for its title).
pub fn gather(store: &Store) -> Result<Vec<InboxRow>, StoreError> {
    let mut titles: HashMap<String, String> = HashMap::new();
    let mut statuses = store.query_statuses()?;
    let mut rows = Vec::new();
    for summary in store.submissions()? {
        if !titles.contains_key(&summary.questionnaire_hash) {
            let q = store.filled_with(&summary)?;
            titles.insert(summary.questionnaire_hash.clone(), q.title);
        }
        rows.push(InboxRow {
            questionnaire: titles[&summary.questionnaire_hash].clone(),
            queries: QueryCounts::of(statuses.remove(&summary.id).unwrap_or_default()),
            checks: None,
            summary,
        });
    }
    Ok(rows)
}

/// Evaluate these submissions, each with the definition it was filled with.
pub fn evaluate(
    store: &Store,
    ids: &[SubmissionId],
) -> Result<Vec<(SubmissionId, Checks)>, StoreError> {
    let mut definitions: HashMap<String, Questionnaire> = HashMap::new();
    ids.iter()
        .map(|&id| {
            let summary = store.submission(id)?;
            if !definitions.contains_key(&summary.questionnaire_hash) {
                let q = store.filled_with(&summary)?;
                definitions.insert(summary.questionnaire_hash.clone(), q);
            }
            let q = &definitions[&summary.questionnaire_hash];
            let eval = rules::evaluate(q, &store.load_response(id)?);
            Ok((id, checks(q, &eval)))
        })
        .collect()
}

/// What stands out in a submission against the other submissions of its questionnaire (its
/// year's, and the institution's previous year): for support staff, never blocking.
pub fn plausibility(store: &Store, id: SubmissionId) -> Result<Vec<Flag>, StoreError> {
    let summary = store.submission(id)?;
    let q = store.filled_with(&summary)?;
    let cohort: Vec<SubmissionSummary> = store
        .submissions()?
        .into_iter()
        .filter(|s| s.questionnaire_code == summary.questionnaire_code)
        .filter(|s| s.id == id || s.status != Status::Draft)
        .collect();
    let responses = cohort
        .iter()
        .map(|s| store.load_response(s.id))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(flags_of(&q, id, &cohort, &responses))
}

/// The flags of submission `id` among `cohort` (each with its response).
pub fn flags_of(
    q: &Questionnaire,
    id: SubmissionId,
    cohort: &[SubmissionSummary],
    responses: &[crate::response::Response],
) -> Vec<Flag> {
    let entries: Vec<Entry> = cohort
        .iter()
        .zip(responses)
        .map(|(s, response)| Entry {
            submission: s.id,
            institution: &s.institution,
            year: s.year,
            response,
        })
        .collect();
    check(q, &entries)
        .into_iter()
        .find(|r| r.submission == id)
        .map(|r| r.flags)
        .unwrap_or_default()
}

/// Why a step of the review loop did not happen.
#[derive(Debug, thiserror::Error)]
pub enum StepError {
    /// The loop's rules refuse it; [`crate::i18n::refusal`] says why.
    #[error("{0:?}")]
    Refused(Refusal),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The submission's definition, its evaluation and its queries: what the loop's rules judge.
fn judged(
    store: &Store,
    id: SubmissionId,
) -> Result<
    (
        SubmissionSummary,
        Questionnaire,
        Evaluation,
        Vec<QueryRecord>,
    ),
    StoreError,
> {
    let summary = store.submission(id)?;
    let q = store.filled_with(&summary)?;
    let eval = rules::evaluate(&q, &store.load_response(id)?);
    let queries = store.queries(id)?;
    Ok((summary, q, eval, queries))
}

/// Return a submitted submission to its respondent, first opening a query on the submission
/// as a whole with `message` if one is given.
pub fn return_submission(
    store: &mut Store,
    id: SubmissionId,
    message: Option<&str>,
    person: PersonId,
) -> Result<(), StepError> {
    let status = store.submission(id)?.status;
    if !status.can_become(Status::Returned) {
        return Err(StepError::Refused(Refusal::Status {
            from: status,
            to: Status::Returned,
        }));
    }
    if let Some(body) = message.filter(|m| !m.trim().is_empty()) {
        store.open_query(id, AnswerKey::top(""), body, person)?;
    }
    may_return(status, &store.queries(id)?).map_err(StepError::Refused)?;
    Ok(store.set_status(id, Status::Returned, person)?)
}

/// Accept a submission: refused, with everything still missing, unless no error remains, the
/// expert part is complete and every query is closed.
pub fn accept(store: &mut Store, id: SubmissionId, person: PersonId) -> Result<(), StepError> {
    let (summary, q, eval, queries) = judged(store, id)?;
    may_accept(&q, summary.status, &eval, &queries).map_err(StepError::Refused)?;
    Ok(store.set_status(id, Status::Accepted, person)?)
}
