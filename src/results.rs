//! The scores of every submission of a questionnaire in a database: what the results view and
//! `anketa results` show. Each submission is scored with the definition it was filled with.

use crate::questionnaire::{self, Questionnaire};
use crate::response::Response;
use crate::rules;
use crate::scoring::cohort::{Entry, Measure, standing};
use crate::scoring::{self, Model};
use crate::store::{Store, StoreError, SubmissionId, SubmissionSummary};
use std::collections::HashMap;
use std::rc::Rc;

/// A scoring model loaded against one definition.
pub struct Scorer {
    pub q: Rc<Questionnaire>,
    pub model: Rc<Model>,
}

/// All scored submissions of one questionnaire, and how to score them.
pub struct Results {
    pub entries: Vec<Entry>,
    /// Per entry: the questionnaire and model it was scored with.
    pub scorers: Vec<Rc<Scorer>>,
}

impl Results {
    pub fn position(&self, submission: SubmissionId) -> Option<usize> {
        self.entries.iter().position(|e| e.submission == submission)
    }
}

/// Score every submission of `code` in the store. `model_text` is the scoring model; it is
/// loaded against each definition the submissions were filled with. Submissions whose
/// definition the model does not fit are left out.
pub fn gather(
    store: &Store,
    code: &str,
    model_file: &str,
    model_text: &str,
) -> Result<Results, StoreError> {
    gather_from(
        store.submissions()?,
        code,
        (model_file, model_text),
        |hash| store.definition(hash),
        |id| store.load_response(id),
    )
}

/// [`gather`] over any source of submissions: `definition` gives the text of a definition by
/// its hash, `response` the answers of a submission.
pub fn gather_from<E>(
    submissions: Vec<SubmissionSummary>,
    code: &str,
    (model_file, model_text): (&str, &str),
    mut definition: impl FnMut(&str) -> Result<Option<String>, E>,
    mut response: impl FnMut(SubmissionId) -> Result<Response, E>,
) -> Result<Results, E> {
    let mut scorers: HashMap<String, Option<Rc<Scorer>>> = HashMap::new();
    let mut results = Results {
        entries: Vec::new(),
        scorers: Vec::new(),
    };
    for summary in submissions {
        if summary.questionnaire_code != code {
            continue;
        }
        let hash = summary.questionnaire_hash.clone();
        if !scorers.contains_key(&hash) {
            let fit = |text: &str| {
                let q = questionnaire::load(code, text.as_bytes()).ok()?;
                let model = scoring::load(model_file, model_text, &q).ok()?;
                Some(Rc::new(Scorer {
                    q: Rc::new(q),
                    model: Rc::new(model),
                }))
            };
            // A submission filled with an earlier built-in version that the model no longer
            // fits (it reads questions added since) is scored with the newest built-in one that
            // it does fit: the answers keep their codes, and what was added is blank.
            let scorer = definition(&hash)?
                .and_then(|text| fit(&text))
                .or_else(|| questionnaire::built_in().find_map(fit));
            scorers.insert(hash.clone(), scorer);
        }
        let Some(scorer) = scorers[&hash].clone() else {
            continue;
        };
        let response = response(summary.id)?;
        let entry = score_entry(&scorer, summary, &response);
        results.entries.push(entry);
        results.scorers.push(scorer);
    }
    Ok(results)
}

/// One submission's entry in the cohort.
pub fn score_entry(scorer: &Scorer, summary: SubmissionSummary, response: &Response) -> Entry {
    let eval = rules::evaluate(&scorer.q, response);
    let size = scorer
        .q
        .rosters
        .iter()
        .filter(|r| r.from.is_none())
        .map(|r| response.instances(&r.id).len())
        .sum::<usize>() as f64;
    Entry {
        submission: summary.id,
        institution: summary.institution,
        year: summary.year,
        sector: summary.sector,
        kind: summary.kind,
        size,
        demo: summary.demo,
        score: scorer.model.score(&scorer.q, response, &eval),
    }
}

/// The figures of one entry as JSON, for scripts (`anketa results --json`).
pub fn to_json(results: &Results, index: usize) -> serde_json::Value {
    use serde_json::json;
    let entry = &results.entries[index];
    let model = &results.scorers[index].model;
    let score = &entry.score;
    let level_name = |l: u8| {
        model
            .levels
            .get(l as usize - 1)
            .cloned()
            .unwrap_or_default()
    };
    let themes: Vec<serde_json::Value> = model
        .themes
        .iter()
        .zip(&score.themes)
        .enumerate()
        .map(|(t, (theme, s))| {
            let standing = standing(&results.entries, index, Measure::Theme(t));
            json!({
                "id": theme.id,
                "title": theme.title,
                "applicable": s.applicable,
                "weight": round(s.weight_used),
                "points": round(s.points),
                "max": round(s.max),
                "index": round(s.index),
                "level": s.level,
                "level_name": level_name(s.level),
                "rank": standing.map(|s| s.rank),
                "subthemes": theme.subthemes.iter().zip(&s.subthemes).map(|(sub, ss)| json!({
                    "id": sub.id,
                    "title": sub.title,
                    "points": round(ss.points),
                    "max": round(ss.max),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let indicators: serde_json::Map<String, serde_json::Value> = model
        .indicators
        .iter()
        .zip(&score.indicators)
        .map(|(i, v)| {
            (
                i.id.clone(),
                v.map_or(serde_json::Value::Null, |v| json!(round(v))),
            )
        })
        .collect();
    let overall = standing(&results.entries, index, Measure::EIndex);
    json!({
        "submission": entry.submission,
        "institution": entry.institution,
        "sector": entry.sector,
        "kind": entry.kind.as_str(),
        "year": entry.year,
        "demo": entry.demo,
        "e_index": round(score.e_index),
        "level": score.level,
        "level_name": level_name(score.level),
        "bonus": round(score.bonus),
        "rank": overall.map(|s| s.rank),
        "of": overall.map(|s| s.of),
        "percentile": overall.map(|s| round(s.percentile)),
        "themes": themes,
        "indicators": indicators,
    })
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}
