//! The scores of every submission of a questionnaire in a database: what the results view and
//! `anketa results` show. Each submission is scored with the definition it was filled with.

use crate::exchange::InstitutionKind;
use crate::questionnaire::{self, Questionnaire};
use crate::response::Response;
use crate::rules;
use crate::scoring::aggregate::{self, Aggregate, Group};
use crate::scoring::cohort::{self, Entry, Measure, Ranks, Segment, Standing};
use crate::scoring::{self, Model, Score};
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

    /// The cohort of `year`: its aggregate e-index per group and its segments, as the model
    /// names them (every entry's model is loaded from the same file).
    pub fn year(&self, year: i32) -> YearCohort {
        let members: Vec<usize> = (0..self.entries.len())
            .filter(|&i| self.entries[i].year == year)
            .collect();
        let refs: Vec<&Entry> = members.iter().map(|&i| &self.entries[i]).collect();
        let (groups, segments, themes) = match members.first() {
            Some(&first) => {
                let model = &self.scorers[first].model;
                (
                    aggregate::by_group(&refs, &model.weigh_by),
                    model
                        .segments
                        .iter()
                        .map(|&i| cohort::segment(&refs, i))
                        .collect(),
                    model.themes.len(),
                )
            }
            None => (Vec::new(), Vec::new(), 0),
        };
        let ranks = std::iter::once(Measure::EIndex)
            .chain((0..themes).map(Measure::Theme))
            .map(|m| Ranks::new(refs.iter().copied(), m))
            .collect();
        YearCohort {
            year,
            members,
            groups,
            segments,
            ranks,
        }
    }

    /// The cohorts of the years of the entries `chosen`, each worked out once.
    pub fn cohorts(&self, chosen: &[usize]) -> Cohorts {
        let mut years: Vec<i32> = chosen.iter().map(|&i| self.entries[i].year).collect();
        years.sort_unstable();
        years.dedup();
        Cohorts(years.into_iter().map(|y| self.year(y)).collect())
    }
}

/// One year's cohort: what is computed over it rather than per entry.
pub struct YearCohort {
    pub year: i32,
    /// Its entries, as indices into [`Results::entries`], in their order.
    pub members: Vec<usize>,
    /// The aggregate e-index of each group ([`aggregate::by_group`]); empty when the model
    /// weighs by nothing.
    pub groups: Vec<(Group, Aggregate)>,
    /// Per segment of the model, in its order; `Segment::of` follows `members`.
    pub segments: Vec<Segment>,
    /// The e-index's values sorted, then each theme's: where each member stands.
    ranks: Vec<Ranks>,
}

impl YearCohort {
    pub fn group(&self, group: &Group) -> Option<&Aggregate> {
        self.groups.iter().find(|(g, _)| g == group).map(|(_, a)| a)
    }

    /// Where `entry`, a member, stands among the year's entries.
    pub fn standing(&self, entry: &Entry, measure: Measure) -> Option<Standing> {
        let slot = match measure {
            Measure::EIndex => 0,
            Measure::Theme(t) => t + 1,
        };
        self.ranks.get(slot)?.of(entry)
    }

    /// Its entries. Years are never mixed: an institution that answered in 2019 and 2020 is
    /// two entries, each in its own year's cohort.
    pub fn entries<'r>(&self, results: &'r Results) -> impl Iterator<Item = &'r Entry> + Clone {
        self.members.iter().map(|&m| &results.entries[m])
    }

    /// Where entry `index` of [`Results::entries`] is among `members`.
    pub fn position(&self, index: usize) -> Option<usize> {
        self.members.binary_search(&index).ok()
    }
}

/// The cohorts of several years, each worked out once.
pub struct Cohorts(Vec<YearCohort>);

impl Cohorts {
    /// The cohort of `year`, one of the years these were made for.
    pub fn of(&self, year: i32) -> &YearCohort {
        let at = self.0.binary_search_by_key(&year, |c| c.year);
        &self.0[at.expect("a cohort of every year chosen")]
    }

    pub fn iter(&self) -> impl Iterator<Item = &YearCohort> {
        self.0.iter()
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
        None,
        (model_file, model_text),
        |hash| store.definition(hash),
        |id| store.load_response(id),
        &mut Scored::once(),
    )
}

/// Scores kept between gatherings, so that gathering a cohort again scores only the
/// submissions changed since (another `updated_at` or definition): the results view opens
/// at once the second time, whatever the size of the database.
#[derive(Default)]
pub struct Scored {
    /// The scoring model the scores were made with; another one starts afresh.
    model: String,
    scorers: HashMap<String, Option<Rc<Scorer>>>,
    scores: HashMap<SubmissionId, Kept>,
    /// Gathered once (`anketa results`): a copy of every score would only double the memory
    /// that ten thousand entries take.
    once: bool,
}

impl Scored {
    fn once() -> Scored {
        Scored {
            once: true,
            ..Scored::default()
        }
    }
}

struct Kept {
    updated_at: String,
    hash: String,
    score: Score,
}

/// [`gather`] over any source of submissions, of every year or of the year of submission
/// `year_of` alone, keeping the scores in `kept`: `definition` gives the text of a definition
/// by its hash, `response` the answers of a submission.
pub fn gather_from<E>(
    submissions: Vec<SubmissionSummary>,
    code: &str,
    year_of: Option<SubmissionId>,
    (model_file, model_text): (&str, &str),
    mut definition: impl FnMut(&str) -> Result<Option<String>, E>,
    mut response: impl FnMut(SubmissionId) -> Result<Response, E>,
    kept: &mut Scored,
) -> Result<Results, E> {
    if kept.model != model_text {
        *kept = Scored {
            model: model_text.to_owned(),
            once: kept.once,
            ..Scored::default()
        };
    }
    let Scored {
        scorers,
        scores,
        once,
        ..
    } = kept;
    let mut results = Results {
        entries: Vec::new(),
        scorers: Vec::new(),
    };
    let year = year_of.and_then(|of| submissions.iter().find(|s| s.id == of).map(|s| s.year));
    for summary in submissions {
        if summary.questionnaire_code != code || year.is_some_and(|y| y != summary.year) {
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
        let unchanged = scores
            .get(&summary.id)
            .filter(|k| k.updated_at == summary.updated_at && k.hash == hash);
        let entry = match unchanged {
            Some(k) => entry_of(summary, k.score.clone()),
            None => {
                let updated_at = summary.updated_at.clone();
                let answers = response(summary.id)?;
                let entry = score_entry(&scorer, summary, &answers);
                if !*once {
                    let score = entry.score.clone();
                    let kept = Kept {
                        updated_at,
                        hash,
                        score,
                    };
                    scores.insert(entry.submission, kept);
                }
                entry
            }
        };
        results.entries.push(entry);
        results.scorers.push(scorer);
    }
    Ok(results)
}

/// One submission's entry in the cohort.
pub fn score_entry(scorer: &Scorer, summary: SubmissionSummary, response: &Response) -> Entry {
    let eval = rules::evaluate(&scorer.q, response);
    let score = scorer.model.score(&scorer.q, response, &eval);
    entry_of(summary, score)
}

/// The institution as the database names it now: a rename needs no scoring again.
fn entry_of(summary: SubmissionSummary, score: Score) -> Entry {
    Entry {
        submission: summary.id,
        institution: summary.institution,
        year: summary.year,
        sector: summary.sector,
        kind: summary.kind,
        demo: summary.demo,
        score,
    }
}

/// The hand-out of entry `index` ([`crate::handout::page`]), its next-level steps worked out
/// from its answers, in its year's `cohort`.
pub fn handout(
    results: &Results,
    index: usize,
    cohort: &YearCohort,
    response: &Response,
    lang: crate::i18n::Lang,
) -> String {
    crate::handout::page(
        lang,
        results,
        index,
        cohort,
        &steps(results, index, response),
    )
}

/// Entry `index`'s next-level steps, per theme of its model.
pub fn steps(results: &Results, index: usize, response: &Response) -> Vec<Vec<scoring::Step>> {
    let scorer = &results.scorers[index];
    (0..scorer.model.themes.len())
        .map(|t| scoring::steps(&scorer.model, &scorer.q, response, t))
        .collect()
}

/// `anketa results --json`, for scripts, written into `out`: the entries `chosen` (indices
/// into [`Results::entries`]), each with its next-level steps per theme (`steps`, in the
/// order of `chosen`; `null` for an entry given none), and the cohort of each of their years.
/// An entry at a time, laid out as `serde_json`'s pretty printer lays out the whole: ten
/// thousand entries never stand in memory as one value.
pub fn write_json(
    out: &mut impl std::io::Write,
    results: &Results,
    chosen: &[usize],
    steps: &[Vec<Vec<scoring::Step>>],
) -> std::io::Result<()> {
    let cohorts = results.cohorts(chosen);
    let submissions = chosen
        .iter()
        .zip(steps)
        .map(|(&i, steps)| entry_json(results, i, cohorts.of(results.entries[i].year), steps));
    out.write_all(b"{\n  \"submissions\": ")?;
    pretty_array(out, submissions)?;
    out.write_all(b",\n  \"years\": ")?;
    pretty_array(out, cohorts.iter().map(|c| year_json(results, c)))?;
    out.write_all(b"\n}\n")
}

/// A JSON array one level in, each element pretty-printed as it comes.
fn pretty_array(
    out: &mut impl std::io::Write,
    items: impl Iterator<Item = serde_json::Value>,
) -> std::io::Result<()> {
    let mut empty = true;
    for item in items {
        out.write_all(if empty { b"[" } else { b"," })?;
        empty = false;
        let text = serde_json::to_vec_pretty(&item).map_err(std::io::Error::other)?;
        for line in text.split(|&b| b == b'\n') {
            out.write_all(b"\n    ")?;
            out.write_all(line)?;
        }
    }
    out.write_all(if empty { b"[]" } else { b"\n  ]" })
}

/// One year's aggregate e-index per group and its segments.
fn year_json(results: &Results, cohort: &YearCohort) -> serde_json::Value {
    use serde_json::json;
    let Some(&first) = cohort.members.first() else {
        return json!({ "year": cohort.year, "count": 0 });
    };
    let model = &results.scorers[first].model;
    let id = |i: usize| model.indicators[i].id.clone();
    let group = |a: &Aggregate| {
        let mut out = serde_json::Map::new();
        out.insert("count".into(), json!(a.count));
        out.insert("median".into(), json!(a.median.map(round)));
        for (&i, w) in model.weigh_by.iter().zip(&a.weighted) {
            out.insert(id(i), json!(w.map(|w| round_to(w, 2))));
        }
        out.insert("e_index".into(), json!(a.e_index.map(|v| round_to(v, 2))));
        serde_json::Value::Object(out)
    };
    let mut aggregate = serde_json::Map::new();
    aggregate.insert(
        "weigh_by".into(),
        json!(model.weigh_by.iter().map(|&i| id(i)).collect::<Vec<_>>()),
    );
    let mut sectors = serde_json::Map::new();
    for (g, a) in &cohort.groups {
        match g {
            Group::All => aggregate.insert("all".into(), group(a)),
            Group::Kind(InstitutionKind::Ministry) => {
                aggregate.insert("ministries".into(), group(a))
            }
            Group::Kind(InstitutionKind::Institution) => {
                aggregate.insert("institutions".into(), group(a))
            }
            Group::Sector(name) => sectors.insert(name.clone(), group(a)),
        };
    }
    aggregate.insert("sectors".into(), serde_json::Value::Object(sectors));
    let segments: Vec<serde_json::Value> = model
        .segments
        .iter()
        .zip(&cohort.segments)
        .map(|(&i, s)| {
            json!({
                "indicator": id(i),
                "label": model.indicators[i].label,
                "without_figure": s.without,
                "quintiles": s.quintiles.iter().enumerate().map(|(q, g)| json!({
                    "quintile": q + 1,
                    "count": g.count,
                    "median": g.median.map(round),
                    "from": g.range.map(|r| round(r.0)),
                    "to": g.range.map(|r| round(r.1)),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "year": cohort.year,
        "count": cohort.members.len(),
        "aggregate": aggregate,
        "segments": segments,
    })
}

/// The figures of one entry, with its quintile in each segment of its year's cohort.
fn entry_json(
    results: &Results,
    index: usize,
    cohort: &YearCohort,
    steps: &[Vec<scoring::Step>],
) -> serde_json::Value {
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
            let standing = cohort.standing(entry, Measure::Theme(t));
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
                "next_level": steps.get(t).map(|steps| steps.iter().map(|s| json!({
                    "code": s.code,
                    "question": s.question,
                    "current": s.current,
                    "give": s.give,
                    "points": round(s.gain),
                    "instances": s.instances.as_ref().map(|i| i.0),
                })).collect::<Vec<_>>()),
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
    let figure = |i: usize| score.indicators[i].map(round);
    let weighed_by: serde_json::Map<String, serde_json::Value> = model
        .weigh_by
        .iter()
        .map(|&i| (model.indicators[i].id.clone(), json!(figure(i))))
        .collect();
    let position = cohort.position(index);
    let segments: serde_json::Map<String, serde_json::Value> = model
        .segments
        .iter()
        .zip(&cohort.segments)
        .map(|(&i, s)| {
            let quintile = position.and_then(|p| s.of[p]);
            (model.indicators[i].id.clone(), json!(quintile))
        })
        .collect();
    let overall = cohort.standing(entry, Measure::EIndex);
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
        "weighed_by": weighed_by,
        "segments": segments,
    })
}

fn round(v: f64) -> f64 {
    round_to(v, 1)
}

/// `v` to `decimals` places: the aggregate takes two, as the seed gives it (44,55).
fn round_to(v: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (v * scale).round() / scale
}
