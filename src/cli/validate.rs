//! `anketa validate`: every finding of every submission, each checked with the definition it
//! was filled with, for support staff and scripts; exit 1 while any error remains.

use super::{Cli, open};
use crate::i18n::{Noun, Say, count, finding_message, say};
use crate::questionnaire::{Questionnaire, Severity};
use crate::rules::{self, Finding};
use crate::store::{Store, SubmissionId, SubmissionSummary};
use serde_json::json;
use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;

/// One finding as the command reports it.
struct Found {
    code: String,
    roster: String,
    instance: String,
    /// What the respondent calls the instance (a service's name), or its key.
    instance_label: String,
    severity: Severity,
    message: String,
}

pub(super) fn validate(cli: &Cli, ids: &[SubmissionId], json: bool) -> anyhow::Result<ExitCode> {
    let lang = cli.lang;
    let store = open::store(cli)?;
    let mut chosen: Vec<SubmissionSummary> = if ids.is_empty() {
        store.submissions()?
    } else {
        ids.iter()
            .map(|&id| store.submission(id))
            .collect::<Result<_, _>>()?
    };
    if ids.is_empty() {
        chosen.sort_by(crate::store::SubmissionSummary::in_latvian_order);
    }
    // Most submissions share a definition: each is loaded once.
    let mut definitions: HashMap<String, Questionnaire> = HashMap::new();
    let mut checked: Vec<(SubmissionSummary, Vec<Found>)> = Vec::new();
    for s in chosen {
        if !definitions.contains_key(&s.questionnaire_hash) {
            let q = store.filled_with(&s)?;
            definitions.insert(s.questionnaire_hash.clone(), q);
        }
        let found = findings(&store, &definitions[&s.questionnaire_hash], &s, lang)?;
        checked.push((s, found));
    }
    let errors = checked
        .iter()
        .flat_map(|(_, f)| f)
        .filter(|f| f.severity == Severity::Error)
        .count();
    let mut out = std::io::stdout().lock();
    if json {
        let all: Vec<serde_json::Value> = checked.iter().map(|(s, f)| to_json(s, f)).collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&all)?)?;
    } else {
        for (s, found) in checked.iter().filter(|(_, f)| !f.is_empty()) {
            let (e, w) = tally(found);
            let heading = Say::ValidatedSubmission {
                institution: &s.institution,
                year: s.year,
                id: s.id,
                status: crate::i18n::status(lang, s.status),
                errors: &count(lang, e, Noun::Error),
                warnings: &count(lang, w, Noun::Warning),
            };
            writeln!(out, "{}", say(lang, heading))?;
            for f in found {
                let severity = say(lang, Say::Severity(f.severity));
                let place = if f.instance.is_empty() {
                    f.code.clone()
                } else {
                    format!("{} [{}]", f.code, f.instance_label)
                };
                writeln!(out, "  {severity:<12} {place}: {}", f.message)?;
            }
        }
        let all: Vec<&Found> = checked.iter().flat_map(|(_, f)| f).collect();
        let warnings = all.len() - errors;
        let summary = Say::Validated {
            submissions: &count(lang, checked.len(), Noun::Submission),
            errors: &count(lang, errors, Noun::Error),
            warnings: &count(lang, warnings, Noun::Warning),
        };
        writeln!(out, "{}", say(lang, summary))?;
    }
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn tally(found: &[Found]) -> (usize, usize) {
    let errors = found
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    (errors, found.len() - errors)
}

/// The findings of one submission, with the definition it was filled with (`q`): the whole
/// questionnaire, the expert part included, as support staff check it.
fn findings(
    store: &Store,
    q: &Questionnaire,
    s: &SubmissionSummary,
    lang: crate::i18n::Lang,
) -> anyhow::Result<Vec<Found>> {
    let response = store.load_response(s.id)?;
    let eval = rules::evaluate(q, &response);
    Ok(eval
        .findings
        .iter()
        .map(|f: &Finding| {
            let item = &q.items[f.location.item];
            let (roster, instance, instance_label) = match (item.roster, f.location.instance) {
                (Some(r), Some(i)) => {
                    let state = &eval.instances(r)[i];
                    (
                        q.rosters[r].id.clone(),
                        state.key.clone(),
                        state.name().to_owned(),
                    )
                }
                _ => Default::default(),
            };
            Found {
                code: item.code.clone(),
                roster,
                instance,
                instance_label,
                severity: f.severity,
                message: finding_message(lang, f),
            }
        })
        .collect())
}

fn to_json(s: &SubmissionSummary, found: &[Found]) -> serde_json::Value {
    let (errors, warnings) = tally(found);
    let findings: Vec<serde_json::Value> = found
        .iter()
        .map(|f| {
            json!({
                "code": f.code,
                "roster": f.roster,
                "instance": f.instance,
                "instance_label": f.instance_label,
                "severity": match f.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                "message": f.message,
            })
        })
        .collect();
    json!({
        "submission": s.id,
        "institution": s.institution,
        "year": s.year,
        "status": s.status.as_str(),
        "questionnaire": s.questionnaire_code,
        "errors": errors,
        "warnings": warnings,
        "findings": findings,
    })
}
