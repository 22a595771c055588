//! Demonstration data for consultants: about 90 institutions whose names, ministry sectors,
//! service totals and WCAG groups come from the seed's appendix tables
//! (`assets/demo/institutions.toml`), with every other answer generated — plausibly, and the
//! same every time. How the answers are made is described in `docs/demo.md`. Every generated
//! submission is marked as demo data.

use crate::exchange::{
    InstitutionKind, InstitutionRecord, QuestionnaireRef, Status, SubmissionRecord, definition_hash,
};
use crate::questionnaire::{AnswerType, Questionnaire};
use crate::response::{Instance, Response, Value};
use crate::rules;
use crate::scoring::{Item, Model};
use serde::Deserialize;
use std::collections::HashMap;

/// The institutions of the seed's appendix tables.
pub const INSTITUTIONS: &str = include_str!("../assets/demo/institutions.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct Institution {
    pub name: String,
    pub sector: Option<String>,
    #[serde(default = "institution_kind")]
    pub kind: String,
    /// The number of services, where the seed gives it.
    pub services: Option<u32>,
    /// Applications over all services (P52 summed), from the appendix.
    pub applications_total: Option<f64>,
    /// Results issued over all services (P53 summed), from the appendix.
    pub results_total: Option<f64>,
    /// The published electronisation level of applications and results, %.
    pub published_e_level: Option<f64>,
    /// False for the institutions the seed left out of the e-index.
    #[serde(default = "yes")]
    pub in_eindex: bool,
    pub wcag: Option<u8>,
    pub mobile_friendly: Option<bool>,
    pub published_index: Option<f64>,
    pub published_level: Option<u8>,
    #[serde(default)]
    pub seed_lines: Vec<u32>,
}

fn institution_kind() -> String {
    "institution".to_owned()
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
struct File {
    institutions: Vec<Institution>,
}

pub fn institutions() -> Result<Vec<Institution>, toml::de::Error> {
    toml::from_str::<File>(INSTITUTIONS).map(|f| f.institutions)
}

/// SplitMix64: small, fast and the same on every machine, so a demo database is reproducible.
struct Rng(u64);

impl Rng {
    fn seeded(text: &str) -> Rng {
        Rng(text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
        }))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// How mature an institution is, 0–1: from its published index where the seed gives one,
/// otherwise from its website's WCAG group and mobile-friendliness, with some noise.
fn maturity(inst: &Institution, rng: &mut Rng) -> f64 {
    if let Some(index) = inst.published_index {
        return (index / 100.0 + 0.05 * (rng.unit() - 0.5)).clamp(0.05, 0.95);
    }
    let wcag = inst.wcag.map_or(0.0, |g| (4.0 - g as f64) * 0.06);
    let mobile = if inst.mobile_friendly == Some(true) {
        0.06
    } else {
        0.0
    };
    (0.25 + wcag + mobile + 0.3 * rng.unit()).clamp(0.05, 0.9)
}

/// Points of each option of each scored question, from the model.
fn option_points(model: &Model) -> HashMap<usize, Vec<(i64, f64)>> {
    let mut out = HashMap::new();
    for item in model
        .themes
        .iter()
        .flat_map(|t| &t.subthemes)
        .flat_map(|s| &s.items)
    {
        if let Item::Question { item, points, .. } = item {
            out.insert(*item, points.clone());
        }
    }
    out
}

/// A plausible answer to one item for an institution of this maturity.
fn answer(
    answer_type: &AnswerType,
    points: Option<&Vec<(i64, f64)>>,
    m: f64,
    rng: &mut Rng,
) -> Option<Value> {
    let choose = |rng: &mut Rng| -> Option<i64> {
        let choices = answer_type.choices();
        if choices.is_empty() {
            return None;
        }
        let mut ranked: Vec<(i64, f64)> = choices
            .iter()
            .map(|c| {
                let p = points
                    .and_then(|ps| ps.iter().find(|(code, _)| *code == c.code))
                    .map_or(0.0, |(_, p)| *p);
                (c.code, p)
            })
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        // A mature institution tends to the better options, a young one to the worse.
        let skew = (rng.unit() + (1.0 - m)) / 2.0;
        let index = ((skew * ranked.len() as f64) as usize).min(ranked.len() - 1);
        Some(ranked[index].0)
    };
    Some(match answer_type {
        AnswerType::Single(_) => Value::Choice(choose(rng)?),
        AnswerType::Multi(choices) => {
            let first = choose(rng)?;
            if choices.iter().any(|c| c.code == first && c.exclusive) {
                Value::Choices(vec![first])
            } else {
                let mut picked: Vec<i64> = choices
                    .iter()
                    .filter(|c| !c.exclusive && c.code != 99 && rng.unit() < m * 0.6)
                    .map(|c| c.code)
                    .collect();
                picked.push(first);
                picked.sort_unstable();
                picked.dedup();
                Value::Choices(picked)
            }
        }
        AnswerType::Integer(_) | AnswerType::Number(_) => {
            Value::Number((rng.unit() * 500.0).round())
        }
        AnswerType::Text { .. } => return None,
        AnswerType::Urls { .. } => return None,
    })
}

/// Drop answers of questions that the answers themselves hide, until nothing changes.
fn prune_hidden(q: &Questionnaire, r: &mut Response) {
    for _ in 0..4 {
        let eval = rules::evaluate(q, r);
        let mut changed = false;
        for (id, item) in q.items.iter().enumerate() {
            match item.roster {
                None => {
                    if !eval.is_visible(id, None, q) && r.answers.remove(&item.code).is_some() {
                        changed = true;
                    }
                }
                Some(roster) => {
                    let roster_id = &q.rosters[roster].id;
                    for (i, state) in eval.instances(roster).iter().enumerate() {
                        if !eval.is_visible(id, Some(i), q)
                            && let Some(list) = r.rosters.get_mut(roster_id)
                            && let Some(instance) = list.iter_mut().find(|x| x.key == state.key)
                            && instance.answers.remove(&item.code).is_some()
                        {
                            changed = true;
                        }
                    }
                }
            }
        }
        if !changed {
            return;
        }
    }
}

/// What a respondent would write in a required free-text follow-up: a link for the questions
/// that ask for one, otherwise a sentence that says it is demo data.
fn demo_text(code: &str, slug: &str) -> String {
    match code {
        "SOCIAL_NETWORKS_URL_FACEBOOK" => format!("https://www.facebook.com/{slug}"),
        "SOCIAL_NETWORKS_URL_TWITTER" => format!("https://www.twitter.com/{slug}"),
        "SOCIAL_NETWORKS_URL_INSTAGRAM" => format!("https://www.instagram.com/{slug}"),
        "SOCIAL_NETWORKS_URL_DRAUGIEM" => format!("https://www.draugiem.lv/{slug}"),
        "SOCIAL_NETWORKS_URL_NOTES" => format!("https://www.youtube.com/@{slug}"),
        "P1030_NOTES_URI" | "P1030_NOTES_API" | "P1030_NOTES_LINK" => {
            format!("https://data.gov.lv/dati/lv/organization/{slug}")
        }
        _ => "Demonstrācijas dati: teksts nav īsts.".to_owned(),
    }
}

/// Answer every required free-text question that the answers show and leave blank (the
/// "Cits (lūdzu, ierakstiet)" and "(lūdzu, ierakstiet)" follow-ups), as a respondent must
/// before submitting. Text answers open no question, so one pass is enough.
fn fill_required_texts(q: &Questionnaire, r: &mut Response, slug: &str) {
    let eval = rules::evaluate(q, r);
    for f in eval.errors() {
        if f.kind != rules::FindingKind::Missing {
            continue;
        }
        let item = &q.items[f.location.item];
        if !matches!(item.answer, AnswerType::Text { .. }) {
            continue;
        }
        let value = Value::Text(demo_text(&item.code, slug));
        match (item.roster, f.location.instance) {
            (Some(roster), Some(i)) => {
                let key = eval.instances(roster)[i].key.clone();
                r.instance_mut(&q.rosters[roster].id, &key)
                    .answers
                    .insert(item.code.clone(), value);
            }
            _ => r.set(&item.code, value),
        }
    }
}

/// Invoice counts whose parts never exceed their wholes (the questionnaire's checks
/// d53_le_d51 … d53s_lvs_le_d53s_pub): machine-readable invoices a share of all, growing with
/// maturity; public-procurement and LVS EN 16931 invoices shares of those. A generator of its
/// own, so the other answers stay as they were.
fn invoices(name: &str, m: f64) -> [(&'static str, f64); 8] {
    let mut rng = Rng::seeded(&format!("{name}/rēķini"));
    // round(x × f) ≤ x for a whole x and 0 ≤ f ≤ 1.
    let part = |whole: f64, share: f64| (whole * share.clamp(0.0, 1.0)).round();
    let issued = (50.0 + 3000.0 * rng.unit()).round();
    let issued_m = part(issued, m * (0.4 + 0.6 * rng.unit()));
    let issued_pub = part(issued_m, 0.2 + 0.6 * rng.unit());
    let issued_lvs = part(issued_m, 0.1 + 0.5 * rng.unit());
    let received = (100.0 + 6000.0 * rng.unit()).round();
    let received_m = part(received, m * (0.3 + 0.6 * rng.unit()));
    let received_pub = part(received_m, 0.2 + 0.6 * rng.unit());
    let received_lvs = part(received_pub, 0.3 + 0.7 * rng.unit());
    [
        ("D51", issued),
        ("D53", issued_m),
        ("D53_PUB", issued_pub),
        ("D53_LVS", issued_lvs),
        ("D51S", received),
        ("D53S", received_m),
        ("D53S_PUB", received_pub),
        ("D53S_LVS", received_lvs),
    ]
}

/// The generated submission of one institution.
pub fn submission(
    q: &Questionnaire,
    definition: &str,
    model: &Model,
    inst: &Institution,
    year: i32,
) -> SubmissionRecord {
    let mut rng = Rng::seeded(&inst.name);
    let m = maturity(inst, &mut rng);
    let points = option_points(model);
    let mut r = Response::default();
    let slug: String = inst
        .name
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(16)
        .collect();
    for (id, item) in q
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| i.roster.is_none())
    {
        if let Some(v) = answer(&item.answer, points.get(&id), m, &mut rng) {
            r.set(&item.code, v);
        }
    }
    // Where the seed gives no number of services, it follows the volume of applications.
    let applications = inst.applications_total.unwrap_or(0.0);
    let services = inst.services.map_or_else(
        || {
            (2.0 + 3.0 * (applications + 1.0).log10())
                .round()
                .clamp(1.0, 40.0) as usize
        },
        |n| n as usize,
    );
    let e_share = inst
        .published_e_level
        .map_or(m * 0.8, |p| (p / 100.0).clamp(0.0, 1.0));
    r.set(
        "V00J",
        Value::Number((20.0 + services as f64 * (10.0 + 40.0 * rng.unit())).round()),
    );
    r.set(
        "WEB_SITES",
        Value::Urls(vec![format!("https://www.{slug}.gov.lv")]),
    );
    r.set(
        "ACHIEVEMENTS_DESC",
        Value::Text("Demonstrācijas dati: sasniegumu apraksts nav īsts.".to_owned()),
    );
    // Every demo institution provides services; the more mature, the more of its 1–3
    // achievements support staff count.
    r.set("F00", Value::Choice(1));
    r.set("ACHIEVEMENTS_COUNTED", Value::Number((m * 3.0).round()));
    // Counts that add up: parts below their totals, channels summing to them.
    let documents = (1000.0 + 20000.0 * rng.unit()).round();
    let sent = (documents * (0.5 + 0.5 * rng.unit())).round();
    for (code, value) in [
        ("D21", documents),
        ("D24", (documents * m).round()),
        ("D28", (documents * (1.0 - m) * 0.8).round()),
        ("D31", sent),
        ("D34", (sent * m).round()),
        ("P1007", (sent * (1.0 - m)).round()),
        ("P1007A", (sent * (1.0 - m) * 0.7).round()),
    ] {
        r.set(code, Value::Number(value));
    }
    for (code, value) in invoices(&inst.name, m) {
        r.set(code, Value::Number(value));
    }
    for roster in q.rosters.iter() {
        let roster_index = q.roster(&roster.id).expect("a roster of q");
        let keys: Vec<(String, String)> = match roster.from.map(|f| r.answers.get(&q.items[f].code))
        {
            None if roster.id == "services" => (0..services)
                .map(|s| {
                    (
                        format!("d{s:03}"),
                        format!("Pakalpojums Nr. {} (demo)", s + 1),
                    )
                })
                .collect(),
            Some(Some(Value::Urls(urls))) => {
                urls.iter().map(|u| (u.clone(), String::new())).collect()
            }
            Some(Some(Value::Choices(codes))) => codes
                .iter()
                .map(|c| (c.to_string(), String::new()))
                .collect(),
            _ => Vec::new(),
        };
        for (key, label) in keys {
            let mut instance = Instance {
                key,
                label,
                ..Instance::default()
            };
            for (id, item) in q
                .items
                .iter()
                .enumerate()
                .filter(|(_, i)| i.roster == Some(roster_index))
            {
                if let Some(v) = answer(&item.answer, points.get(&id), m, &mut rng) {
                    instance.answers.insert(item.code.clone(), v);
                }
            }
            if roster.id == "services" {
                // The institution's published totals spread unevenly over its services.
                let share = rng.unit().powi(2) * 2.0 / services.max(1) as f64;
                let total = if applications > 0.0 {
                    (applications * share).round().max(1.0)
                } else {
                    (10.0 + 500.0 * rng.unit().powi(3)).round()
                };
                let electronic = (total * (e_share * (0.8 + 0.4 * rng.unit())).min(1.0)).round();
                let rest = total - electronic;
                let on_site = (rest * 0.6).round();
                let phone = (rest * 0.1).round();
                let post = rest - on_site - phone;
                for prefix in ["P52", "P53"] {
                    for (suffix, v) in [
                        ("", total),
                        ("_K", on_site),
                        ("_T", phone),
                        ("_P", post),
                        ("_E", electronic),
                    ] {
                        instance
                            .answers
                            .insert(format!("{prefix}{suffix}"), Value::Number(v));
                    }
                }
                instance
                    .answers
                    .insert("P1025.1".into(), Value::Number(electronic));
                instance.answers.insert(
                    "P1025.2".into(),
                    Value::Number((electronic * (0.7 + 0.3 * m)).round()),
                );
            }
            if roster.id == "websites" {
                if let Some(group) = inst.wcag {
                    instance
                        .answers
                        .insert("M16J".into(), Value::Choice(group as i64));
                }
                if let Some(mobile) = inst.mobile_friendly {
                    instance
                        .answers
                        .insert("M17J".into(), Value::Choice(if mobile { 1 } else { 2 }));
                }
            }
            r.rosters
                .entry(roster.id.clone())
                .or_default()
                .push(instance);
        }
    }
    prune_hidden(q, &mut r);
    fill_required_texts(q, &mut r, &slug);
    let at = format!("{year}-12-31T12:00:00.000Z");
    let institution = InstitutionRecord {
        name: inst.name.clone(),
        reg_no: None,
        sector: inst.sector.clone(),
        kind: if inst.kind == "ministry" {
            InstitutionKind::Ministry
        } else {
            InstitutionKind::Institution
        },
    };
    let questionnaire = QuestionnaireRef {
        id: q.id.clone(),
        version: q.version.clone(),
        hash: definition_hash(definition.as_bytes()),
    };
    let uid = format!(
        "demo-{year}-{}",
        crate::exchange::hex(&rng.next().to_be_bytes())
    );
    SubmissionRecord {
        demo: true,
        ..SubmissionRecord::new(
            uid,
            institution,
            questionnaire,
            year,
            Status::Accepted,
            &at,
            r,
        )
    }
}

/// A submission of each of `per_year` institutions for each of `years`: those of `seed` that
/// the seed's e-index covers, copied under numbered names ("… #2") as often as `per_year`
/// needs (`None`: each once). Made lazily, so that a caller can store a large database in
/// batches without holding it all.
pub fn many<'a>(
    q: &'a Questionnaire,
    definition: &'a str,
    model: &'a Model,
    seed: Vec<Institution>,
    per_year: Option<usize>,
    years: std::ops::RangeInclusive<i32>,
) -> impl Iterator<Item = SubmissionRecord> + 'a {
    // The three institutions the seed left out of the e-index are left out here too.
    let seed: Vec<Institution> = seed.into_iter().filter(|i| i.in_eindex).collect();
    let per_year = per_year.unwrap_or(seed.len());
    years.flat_map(move |year| {
        let seed = seed.clone();
        (0..per_year).map(move |n| {
            let mut inst = seed[n % seed.len()].clone();
            let copy = n / seed.len();
            if copy > 0 {
                inst.name = format!("{} #{}", inst.name, copy + 1);
            }
            submission(q, definition, model, &inst, year)
        })
    })
}
