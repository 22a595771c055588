//! The review loop's rules, the same for the screens and the commands: what stops support
//! staff from returning or accepting a submission, and a respondent from resubmitting it.
//! Pure: it judges an evaluation and the queries it is handed.

use crate::exchange::{QueryRecord, QueryStatus, Status};
use crate::questionnaire::{FilledBy, Questionnaire};
use crate::rules::{Evaluation, Finding, FindingKind};

/// One thing that keeps a submission from being accepted, with its place ("P53 [Arhīva
/// izziņa]", "" for the submission as a whole).
#[derive(Debug, Clone, PartialEq)]
pub enum Blocker {
    /// An error of the respondent's part, or a failed check of the expert part.
    Error { place: String, finding: Finding },
    /// A required question of the expert part without an answer.
    ExpertMissing { place: String, finding: Finding },
    /// A query that is not closed.
    Query {
        uid: String,
        place: String,
        status: QueryStatus,
    },
}

/// A place as people read it: the code, and the instance's name in a roster ("[name]" alone
/// for the instance as a whole).
pub fn place(code: &str, instance: Option<&str>) -> String {
    match instance {
        Some(name) if code.is_empty() => format!("[{name}]"),
        Some(name) => format!("{code} [{name}]"),
        None => code.to_owned(),
    }
}

/// What the respondent calls an instance (a service's name), or its key.
fn instance_name<'e>(eval: &'e Evaluation, roster: usize, key: &'e str) -> &'e str {
    eval.instances(roster)
        .iter()
        .find(|i| i.key == key)
        .map_or(key, |i| i.name())
}

/// Where a finding points, as [`place`] writes it.
pub fn finding_place(q: &Questionnaire, eval: &Evaluation, f: &Finding) -> String {
    let item = &q.items[f.location.item];
    let instance = match (item.roster, f.location.instance) {
        (Some(r), Some(i)) => eval.instances(r).get(i).map(|state| state.name()),
        _ => None,
    };
    place(&item.code, instance)
}

/// Where a query points, as [`place`] writes it.
pub fn query_place(q: &Questionnaire, eval: &Evaluation, query: &QueryRecord) -> String {
    let instance = q
        .roster(&query.roster)
        .filter(|_| !query.instance.is_empty())
        .map(|r| instance_name(eval, r, &query.instance));
    place(&query.code, instance)
}

/// Why a step of the loop is refused.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// The step does not start from this status (returning or accepting a draft, resubmitting
    /// an accepted submission).
    Status { from: Status, to: Status },
    /// Returning a submission tells the respondent what to look at: at least one open query.
    NoOpenQuery,
    /// A respondent resubmits once every query is answered: these are still open.
    Unanswered(Vec<String>),
    /// Accepting: everything still missing.
    Blocked(Vec<Blocker>),
}

/// What a submission's checks say, as the inbox shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Checks {
    /// Errors other than blank expert questions.
    pub errors: usize,
    pub warnings: usize,
    /// Every required question of the expert part answered (true when there is none).
    pub expert_complete: bool,
}

/// Where a submission's queries stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QueryCounts {
    /// Waiting for the respondent.
    pub open: usize,
    /// Answered by the respondent, waiting for support staff.
    pub answered: usize,
}

impl QueryCounts {
    pub fn of(statuses: impl IntoIterator<Item = QueryStatus>) -> QueryCounts {
        let mut counts = QueryCounts::default();
        for s in statuses {
            match s {
                QueryStatus::Open => counts.open += 1,
                QueryStatus::Answered => counts.answered += 1,
                QueryStatus::Closed => {}
            }
        }
        counts
    }
}

fn is_expert(q: &Questionnaire, f: &Finding) -> bool {
    q.parts[q.sections[f.location.section].part].filled_by == FilledBy::Expert
}

/// An unanswered required question of the expert part: the expert's to fill, not an error of
/// the respondent's.
fn is_expert_missing(q: &Questionnaire, f: &Finding) -> bool {
    matches!(f.kind, FindingKind::Missing) && is_expert(q, f)
}

pub fn checks(q: &Questionnaire, eval: &Evaluation) -> Checks {
    let expert_missing = eval.errors().filter(|f| is_expert_missing(q, f)).count();
    Checks {
        errors: eval.errors().count() - expert_missing,
        warnings: eval.warnings().count(),
        expert_complete: expert_missing == 0,
    }
}

/// Support staff return a submitted submission to its respondent.
pub fn may_return(status: Status, queries: &[QueryRecord]) -> Result<(), Refusal> {
    if !status.can_become(Status::Returned) {
        return Err(Refusal::Status {
            from: status,
            to: Status::Returned,
        });
    }
    if !queries.iter().any(QueryRecord::is_open) {
        return Err(Refusal::NoOpenQuery);
    }
    Ok(())
}

/// Support staff accept a submitted submission: no error left, the expert part complete,
/// every query closed.
pub fn may_accept(
    q: &Questionnaire,
    status: Status,
    eval: &Evaluation,
    queries: &[QueryRecord],
) -> Result<(), Refusal> {
    if !status.can_become(Status::Accepted) {
        return Err(Refusal::Status {
            from: status,
            to: Status::Accepted,
        });
    }
    let mut blockers: Vec<Blocker> = eval
        .errors()
        .map(|f| {
            let (place, finding) = (finding_place(q, eval, f), f.clone());
            if is_expert_missing(q, f) {
                Blocker::ExpertMissing { place, finding }
            } else {
                Blocker::Error { place, finding }
            }
        })
        .collect();
    blockers.extend(
        queries
            .iter()
            .filter(|x| x.status() != QueryStatus::Closed)
            .map(|x| Blocker::Query {
                uid: x.uid.clone(),
                place: query_place(q, eval, x),
                status: x.status(),
            }),
    );
    if blockers.is_empty() {
        Ok(())
    } else {
        Err(Refusal::Blocked(blockers))
    }
}

/// A respondent hands a returned submission in again once no query waits for them.
pub fn may_resubmit(
    q: &Questionnaire,
    eval: &Evaluation,
    queries: &[QueryRecord],
) -> Result<(), Refusal> {
    let open: Vec<String> = queries
        .iter()
        .filter(|x| x.is_open())
        .map(|x| query_place(q, eval, x))
        .collect();
    if open.is_empty() {
        Ok(())
    } else {
        Err(Refusal::Unanswered(open))
    }
}
