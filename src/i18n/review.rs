//! The review loop's words, in both languages: why a step was refused, and the names of
//! query statuses and roles.

use super::{Lang, Noun, count, finding_message, status};
use crate::exchange::{QueryStatus, Status};
use crate::review::{Blocker, Refusal};

pub fn query_status(lang: Lang, s: QueryStatus) -> &'static str {
    match (lang, s) {
        (Lang::Lv, QueryStatus::Open) => "atvērts",
        (Lang::Lv, QueryStatus::Answered) => "atbildēts",
        (Lang::Lv, QueryStatus::Closed) => "slēgts",
        (Lang::En, QueryStatus::Open) => "open",
        (Lang::En, QueryStatus::Answered) => "answered",
        (Lang::En, QueryStatus::Closed) => "closed",
    }
}

/// A place as [`crate::review::place`] gives it, or the submission or an instance as a whole.
pub fn place_name(lang: Lang, place: &str) -> String {
    let whole = match lang {
        Lang::Lv => "kopumā",
        Lang::En => "as a whole",
    };
    if place.is_empty() {
        match lang {
            Lang::Lv => "iesniegums kopumā".to_owned(),
            Lang::En => "the submission as a whole".to_owned(),
        }
    } else if place.starts_with('[') {
        format!("{place} {whole}")
    } else {
        place.to_owned()
    }
}

/// Why the step was refused: one line, or a heading and a line per thing still missing.
pub fn refusal(lang: Lang, r: &Refusal) -> String {
    let lv = lang == Lang::Lv;
    match r {
        Refusal::Status { from, to } => {
            let step = match (to, lv) {
                (Status::Returned, true) => "atgriezt",
                (Status::Accepted, true) => "pieņemt",
                (_, true) => "iesniegt",
                (Status::Returned, false) => "returned",
                (Status::Accepted, false) => "accepted",
                (_, false) => "submitted",
            };
            if lv {
                format!(
                    "Iesniegumu ar statusu «{}» nevar {step}.",
                    status(lang, *from)
                )
            } else {
                format!(
                    "A submission with the status “{}” cannot be {step}.",
                    status(lang, *from)
                )
            }
        }
        Refusal::NoOpenQuery => if lv {
            "Atgriezt var tikai ar vismaz vienu atvērtu precizējumu: pajautājiet respondentam, ko pārskatīt."
        } else {
            "A submission is returned with at least one open query: ask the respondent what to look at."
        }
        .to_owned(),
        Refusal::Unanswered(places) => {
            let n = count(lang, places.len(), Noun::Query);
            let list = places
                .iter()
                .map(|p| place_name(lang, p))
                .collect::<Vec<_>>()
                .join(", ");
            if lv {
                format!("Vēl neatbildēti — {n}: {list}. Atbildiet uz katru, tad iesniedziet.")
            } else {
                format!("Not answered yet — {n}: {list}. Answer each, then submit.")
            }
        }
        Refusal::Blocked(blockers) => {
            let mut out = if lv {
                "Pieņemt vēl nevar:".to_owned()
            } else {
                "Cannot accept yet:".to_owned()
            };
            for b in blockers {
                out.push_str("\n  ");
                out.push_str(&blocker(lang, b));
            }
            out
        }
    }
}

fn blocker(lang: Lang, b: &Blocker) -> String {
    let lv = lang == Lang::Lv;
    match b {
        Blocker::Error { place, finding } => format!(
            "{} {}: {}",
            if lv { "kļūda" } else { "error" },
            place_name(lang, place),
            finding_message(lang, finding)
        ),
        Blocker::ExpertMissing { place, .. } => {
            if lv {
                format!("eksperta daļa: {place} nav aizpildīts")
            } else {
                format!("expert part: {place} is not filled in")
            }
        }
        Blocker::Query { place, status, .. } => {
            let status = query_status(lang, *status);
            if lv {
                format!(
                    "precizējums ({}) nav slēgts: {status}",
                    place_name(lang, place)
                )
            } else {
                format!(
                    "query ({}) is not closed: {status}",
                    place_name(lang, place)
                )
            }
        }
    }
}

/// An answer as people read it: an option's words, a figure in the language's notation.
pub fn answer_text(
    lang: Lang,
    answer: &crate::questionnaire::AnswerType,
    value: Option<&crate::response::Value>,
) -> String {
    use crate::response::Value;
    let label = |code: &i64| {
        answer
            .choices()
            .iter()
            .find(|c| c.code == *code)
            .map_or_else(|| code.to_string(), |c| format!("«{}»", c.label))
    };
    let lv = lang == Lang::Lv;
    match value {
        None => (if lv { "(nav atbildes)" } else { "(no answer)" }).to_owned(),
        Some(Value::Choice(c)) => label(c),
        Some(Value::Choices(cs)) => cs.iter().map(label).collect::<Vec<_>>().join(", "),
        Some(Value::Number(n)) => {
            let text = crate::expr::format_number(*n);
            if lv { text.replace('.', ",") } else { text }
        }
        Some(Value::Text(t)) => format!("«{t}»"),
        Some(Value::Urls(u)) => u.join(", "),
        Some(Value::NotAvailable) => super::tr(lang, super::T::NotAvailable).to_owned(),
        Some(Value::NotApplicable) => super::tr(lang, super::T::NotApplicable).to_owned(),
    }
}

/// What support staff tell the respondent when they change an answer: each change, old →
/// new, and the reason.
pub fn correction_note(lang: Lang, changes: &[(String, String, String)], reason: &str) -> String {
    let list = changes
        .iter()
        .map(|(code, old, new)| format!("{code}: {old} → {new}"))
        .collect::<Vec<_>>()
        .join("; ");
    match lang {
        Lang::Lv => format!("Atbalsta dienests laboja {list}. Pamatojums: {reason}"),
        Lang::En => format!("Support staff changed {list}. Reason: {reason}"),
    }
}

/// Why a figure stands out, with the figures that make it: for support staff beside the
/// question and in the list of problems.
pub fn flag_text(lang: Lang, flag: &crate::plausibility::Flag) -> String {
    use crate::plausibility::{Deviation, Why};
    let n = |x: f64| super::decimal(lang, x, if x.fract() == 0.0 { 0 } else { 2 });
    let lv = lang == Lang::Lv;
    let against = |d: &Deviation| {
        let side = match (d.score > 0.0, lv) {
            (true, true) => "neparasti liels",
            (false, true) => "neparasti mazs",
            (true, false) => "unusually large",
            (false, false) => "unusually small",
        };
        let (median, spread) = (n(d.median), n(d.mad));
        if lv {
            format!(
                "{side} — citiem mediāna {median}, MAD {spread}, n = {}",
                d.n
            )
        } else {
            format!(
                "{side} — others' median {median}, MAD {spread}, n = {}",
                d.n
            )
        }
    };
    let value = n(flag.value);
    let code = &flag.place.item;
    match &flag.why {
        Why::Outlier(d) => format!("≈ {code} {value}: {}", against(d)),
        Why::PerEmployee {
            employees,
            ratio,
            deviation,
        } => {
            let per = if lv { "uz darbinieku" } else { "per employee" };
            format!(
                "≈ {code} {per} {} ({value} / {}): {}",
                n(*ratio),
                n(*employees),
                against(deviation)
            )
        }
        Why::PerService {
            services,
            ratio,
            deviation,
        } => {
            let per = if lv { "uz pakalpojumu" } else { "per service" };
            format!(
                "≈ {code} {per} {} ({value} / {services}): {}",
                n(*ratio),
                against(deviation)
            )
        }
        Why::YearChange {
            previous,
            previous_year,
            factor,
        } => {
            let (times, more) = if *factor >= 1.0 {
                (n(*factor), true)
            } else {
                (n(1.0 / factor), false)
            };
            let previous = n(*previous);
            match (lv, more) {
                (true, true) => format!(
                    "≈ {code} {value}: {times} reizes vairāk nekā {previous_year}. gadā ({previous})"
                ),
                (true, false) => format!(
                    "≈ {code} {value}: {times} reizes mazāk nekā {previous_year}. gadā ({previous})"
                ),
                (false, true) => format!(
                    "≈ {code} {value}: {times} times more than in {previous_year} ({previous})"
                ),
                (false, false) => format!(
                    "≈ {code} {value}: {times} times less than in {previous_year} ({previous})"
                ),
            }
        }
    }
}
