//! The command line's words, in both languages. Definition diagnostics (`file:line:col:
//! message`) are not here: they are written for definition authors, in English.

use super::{Lang, Noun, count, decimal, noun};
use crate::store::{Difference, ImportOutcome, ImportReport, SubmissionId};
use std::io;

/// Every message of the command line, with what it says.
#[derive(Debug, Clone, Copy)]
pub enum Say<'a> {
    /// `anketa check`: a file that cannot be read.
    CannotReadFile(&'a io::Error),
    /// `anketa check`: a clean file and what it holds.
    CheckOk(&'a str),
    /// `anketa check`: how many problems a file has.
    Problems(usize),
    /// A scoring model whose questionnaire beside it does not load.
    ItsQuestionnaireHasProblems(&'a str),
    CannotReadItsQuestionnaire(&'a str, &'a io::Error),
    NotUtf8,
    /// What a scoring model holds.
    ScoringSummary {
        questionnaire: &'a str,
        themes: usize,
        items: usize,
    },
    /// What a questionnaire holds, on one line.
    Summary {
        id: &'a str,
        version: &'a str,
        sections: usize,
        questions: usize,
        follow_ups: usize,
        items: usize,
        checks: usize,
    },
    /// `anketa info`: a part and who fills it.
    Part {
        title: &'a str,
        expert: bool,
    },
    /// `anketa info`: a section's questions (right-aligned count), and its roster's title and
    /// item name when it is asked once per instance.
    SectionQuestions {
        questions: usize,
        follow_ups: usize,
        roster: Option<(&'a str, &'a str)>,
    },
    CannotRead(&'a str, &'a io::Error),
    CannotWrite(&'a str, &'a io::Error),
    BuiltInBroken(&'a str),
    /// `--questionnaire` names no file and no questionnaire: the built-in ids, and the codes a
    /// database keeps where one was looked in.
    NoSuchQuestionnaire {
        named: &'a str,
        built_in: &'a str,
        kept: Option<&'a str>,
    },
    NeedsTerminal,
    TerminalFailed,
    NoDataDirectory,
    DemoNeedsScoring,
    /// `anketa demo --questionnaire FILE`: the demo works with the built-in e-index alone.
    DemoIsOfTheEindex,
    DemoInstitutionsDoNotLoad,
    DemoDoesNotVerify,
    DemoCreated {
        path: &'a str,
        institutions: usize,
        /// The first and the last year.
        years: (i32, i32),
    },
    NoSubmissionsYet(&'a str),
    /// A listing's filters kept none of the submissions.
    NoneChosen,
    /// Under a list cut at its limit: how many were not listed.
    NotListed(usize),
    DatabaseIntact {
        path: &'a str,
        submissions: usize,
    },
    Exported {
        path: &'a str,
        submissions: usize,
    },
    /// One submission of a file is larger than any real one (a hostile or broken file).
    SubmissionTooLarge {
        max: u64,
    },
    /// The reason an import was refused, and that nothing was imported.
    NothingImported(&'a str),
    /// `anketa import` without `--ours`/`--theirs`, when submissions changed on both sides.
    Conflicts(usize),
    UnknownQuestionnaire {
        uid: &'a str,
        id: &'a str,
        version: &'a str,
        hash: &'a str,
    },
    ScoringProblems(&'a str),
    NotScored(&'a str),
    NoScoredSubmission {
        id: SubmissionId,
        questionnaire: &'a str,
    },
    /// `anketa results`: a submission's e-index, level and rank.
    Result {
        institution: &'a str,
        demo: bool,
        year: i32,
        e_index: f64,
        level: u8,
        level_name: &'a str,
        rank: Option<(usize, usize)>,
    },
    /// `anketa results`: one theme's index, level and the weight it carried.
    Theme {
        title: &'a str,
        index: f64,
        level: u8,
        weight: f64,
    },
    ThemeNotApplicable(&'a str),
    /// `anketa validate`: a submission with findings, before them.
    ValidatedSubmission {
        institution: &'a str,
        year: i32,
        id: crate::store::SubmissionId,
        status: &'a str,
        errors: &'a str,
        warnings: &'a str,
    },
    /// `anketa validate`: a finding's severity.
    Severity(crate::questionnaire::Severity),
    /// `anketa return`: done.
    Returned(SubmissionId),
    /// `anketa accept`: done.
    Accepted(SubmissionId),
    /// `anketa validate`: the last line.
    Validated {
        submissions: &'a str,
        errors: &'a str,
        warnings: &'a str,
    },
}

pub fn say(lang: Lang, what: Say) -> String {
    let n = |n, what| count(lang, n, what);
    let (lv, en) = match what {
        Say::CannotReadFile(e) => (
            format!("failu nevar nolasīt: {}", reason(Lang::Lv, e)),
            format!("cannot read the file: {e}"),
        ),
        Say::CheckOk(line) => (format!("kārtībā — {line}"), format!("ok — {line}")),
        Say::Problems(k) => (n(k, Noun::Problem), n(k, Noun::Problem)),
        Say::ItsQuestionnaireHasProblems(q) => (
            format!("tā anketā {q} ir problēmas; vispirms pārbaudiet to"),
            format!("its questionnaire {q} has problems; check it first"),
        ),
        Say::CannotReadItsQuestionnaire(q, e) => (
            format!("nevar nolasīt tā anketu {q}: {}", reason(Lang::Lv, e)),
            format!("cannot read its questionnaire {q}: {e}"),
        ),
        Say::NotUtf8 => (
            "fails nav UTF-8 teksts".to_owned(),
            "the file is not UTF-8 text".to_owned(),
        ),
        Say::ScoringSummary {
            questionnaire,
            themes,
            items,
        } => (
            format!(
                "{questionnaire} vērtēšanas modelis — {}, {}",
                n(themes, Noun::Theme),
                n(items, Noun::ScoredItem)
            ),
            format!(
                "scoring model of {questionnaire} — {}, {}",
                n(themes, Noun::Theme),
                n(items, Noun::ScoredItem)
            ),
        ),
        Say::Summary {
            id,
            version,
            sections,
            questions,
            follow_ups,
            items,
            checks,
        } => {
            let list = |and| {
                format!(
                    "{id} {version} — {}, {} {and} {}, {}, {}",
                    n(sections, Noun::Section),
                    n(questions, Noun::Question),
                    n(follow_ups, Noun::FollowUp),
                    n(items, Noun::AnswerableItem),
                    n(checks, Noun::Check)
                )
            };
            (list("un"), list("and"))
        }
        Say::Part { title, expert } => (
            format!(
                "{title} (aizpilda {})",
                if expert {
                    "eksperti / atbalsta dienests"
                } else {
                    "respondenti"
                }
            ),
            format!(
                "{title} (filled by {})",
                if expert {
                    "experts / support staff"
                } else {
                    "respondents"
                }
            ),
        ),
        Say::SectionQuestions {
            questions,
            follow_ups,
            roster,
        } => {
            let main = format!(
                "{questions:>3} {}",
                noun(lang, questions as u64, Noun::Question)
            );
            let follow_ups = match follow_ups {
                0 => String::new(),
                k => format!(" + {}", n(k, Noun::FollowUp)),
            };
            (
                format!(
                    "{main}{follow_ups}{}",
                    roster
                        .map(|(title, _)| format!(", katram ierakstam sarakstā „{title}”"))
                        .unwrap_or_default()
                ),
                format!(
                    "{main}{follow_ups}{}",
                    roster
                        .map(|(_, item)| format!(", once per {}", item.to_lowercase()))
                        .unwrap_or_default()
                ),
            )
        }
        Say::CannotRead(name, e) => (
            format!("nevar nolasīt {name}: {}", reason(Lang::Lv, e)),
            format!("cannot read {name}: {e}"),
        ),
        Say::CannotWrite(name, e) => (
            format!("nevar ierakstīt {name}: {}", reason(Lang::Lv, e)),
            format!("cannot write {name}: {e}"),
        ),
        Say::BuiltInBroken(first) => (
            format!("iebūvētā anketa ir bojāta: {first}"),
            format!("built-in questionnaire is broken: {first}"),
        ),
        Say::NoSuchQuestionnaire {
            named,
            built_in,
            kept,
        } => {
            let (lv_kept, en_kept) = match kept {
                None => (String::new(), String::new()),
                Some("") => (
                    "; datubāzē citu anketu nav".to_owned(),
                    "; the database keeps no other".to_owned(),
                ),
                Some(codes) => (
                    format!("; datubāzē: {codes}"),
                    format!("; in the database: {codes}"),
                ),
            };
            (
                format!(
                    "--questionnaire {named}: tāda faila nav, un tas nav nevienas anketas id; \
                     iebūvētās anketas: {built_in}{lv_kept}"
                ),
                format!(
                    "--questionnaire {named}: no such file, and no questionnaire has that id; \
                     built in: {built_in}{en_kept}"
                ),
            )
        }
        Say::NeedsTerminal => (
            "pilnekrāna saskarnei vajag termināli; komandas skatiet `anketa --help`".to_owned(),
            "the interactive interface needs a terminal; see `anketa --help` for commands"
                .to_owned(),
        ),
        Say::TerminalFailed => (
            "darbs ar termināli neizdevās".to_owned(),
            "the terminal failed".to_owned(),
        ),
        Say::NoDataDirectory => (
            "šajā sistēmā nav zināmas datu mapes; norādiet datubāzi ar --db PATH".to_owned(),
            "no data directory is known on this system; name a database with --db PATH".to_owned(),
        ),
        Say::DemoNeedsScoring => (
            "demonstrācijai vajag anketu ar vērtēšanas modeli".to_owned(),
            "the demo needs a questionnaire with a scoring model".to_owned(),
        ),
        Say::DemoIsOfTheEindex => (
            "demonstrācija darbojas tikai ar iebūvēto e-indeksa anketu; --questionnaire šeit nav \
             izmantojams"
                .to_owned(),
            "the demo works only with the built-in e-index questionnaire; --questionnaire does \
             not apply to it"
                .to_owned(),
        ),
        Say::DemoInstitutionsDoNotLoad => (
            "demonstrācijas iestāžu sarakstu neizdevās ielādēt".to_owned(),
            "the demo institutions do not load".to_owned(),
        ),
        Say::DemoDoesNotVerify => (
            "izveidotie demonstrācijas dati neiztur pārbaudi".to_owned(),
            "the generated demo data does not verify".to_owned(),
        ),
        // The count comes first after the path in both: scripts read it there.
        Say::DemoCreated {
            path,
            institutions,
            years,
        } => {
            let (first, last) = years;
            let (lv_years, en_years) = if first == last {
                (format!("{first}."), first.to_string())
            } else {
                (format!("{first}.–{last}."), format!("{first}–{last}"))
            };
            (
                format!(
                    "{path}: {} — {lv_years} gada demonstrācijas dati (atzīmēti kā demo dati)",
                    n(institutions, Noun::Institution)
                ),
                format!(
                    "{path}: {} demo {} for {en_years} (marked as demo data)",
                    institutions,
                    noun(Lang::En, institutions as u64, Noun::Institution)
                ),
            )
        }
        Say::NoSubmissionsYet(path) => (
            format!("{path}: iesniegumu vēl nav"),
            format!("{path}: no submissions yet"),
        ),
        Say::NoneChosen => (
            "neviens iesniegums neatbilst atlasei".to_owned(),
            "no submission matches".to_owned(),
        ),
        Say::NotListed(more) => (
            format!(
                "… un vēl {} (visus parāda --all, --year un --status atlasa)",
                n(more, Noun::Submission)
            ),
            format!(
                "… and {} not listed (--all lists them all, --year and --status choose)",
                n(more, Noun::Submission)
            ),
        ),
        Say::DatabaseIntact { path, submissions } => (
            format!(
                "{path}: datubāze ir vesela, tajā ir {}",
                n(submissions, Noun::Submission)
            ),
            format!(
                "{path}: the database is intact, {}",
                n(submissions, Noun::Submission)
            ),
        ),
        // "ir" is the same for one and many, so the count needs no agreeing participle.
        Say::Exported { path, submissions } => (
            format!(
                "{path}: fails saglabāts, tajā ir {}",
                n(submissions, Noun::Submission)
            ),
            format!("{path}: {} written", n(submissions, Noun::Submission)),
        ),
        Say::SubmissionTooLarge { max } => (
            format!(
                "viens no faila iesniegumiem ir lielāks par {}, vairāk nekā jebkurš īsts iesniegums",
                count(Lang::Lv, max as usize, Noun::Byte)
            ),
            format!("a submission in the file is over {max} bytes, more than any real one takes"),
        ),
        Say::NothingImported(why) => (
            format!("{why}; nekas netika importēts"),
            format!("{why}; nothing was imported"),
        ),
        // "mainījās" is the same for one and many.
        Say::Conflicts(k) => (
            format!(
                "gan šeit, gan failā mainījās {}; nekas netika importēts. Izvēlieties ar --ours vai --theirs.",
                n(k, Noun::Submission)
            ),
            format!(
                "{} changed both here and in the file; nothing was imported. Choose with --ours or --theirs.",
                n(k, Noun::Submission)
            ),
        ),
        Say::UnknownQuestionnaire {
            uid,
            id,
            version,
            hash,
        } => (
            format!(
                "iesniegums {uid} aizpildīts ar anketu {id} {version} (definīcija {hash}), kuras šajā datubāzē nav; importējiet ar --questionnaire FILE, norādot šo definīciju"
            ),
            format!(
                "submission {uid} was filled with questionnaire {id} {version} (definition {hash}), which this database does not have; import with --questionnaire FILE naming that definition"
            ),
        ),
        Say::ScoringProblems(first) => (
            format!("vērtēšanas modelī ir problēmas: {first}"),
            format!("the scoring model has problems: {first}"),
        ),
        Say::NotScored(title) => (
            format!("anketai „{title}” nav vērtēšanas modeļa: tās atbildes netiek vērtētas"),
            format!("{title} has no scoring model: its answers are not scored"),
        ),
        Say::NoScoredSubmission { id, questionnaire } => (
            format!("starp anketas {questionnaire} novērtētajiem iesniegumiem nav iesnieguma {id}"),
            format!("there is no scored submission {id} of {questionnaire}"),
        ),
        Say::Result {
            institution,
            demo,
            year,
            e_index,
            level,
            level_name,
            rank,
        } => {
            let head = format!("{institution}{} {year}", if demo { " [demo]" } else { "" });
            let e_index = decimal(lang, e_index, 1);
            let rank = |word| {
                rank.map(|(rank, of)| format!(", {word} {rank}/{of}"))
                    .unwrap_or_default()
            };
            (
                format!(
                    "{head}: e-indekss {e_index}, līmenis {level} ({level_name}){}",
                    rank("vieta")
                ),
                format!(
                    "{head}: e-index {e_index}, level {level} ({level_name}){}",
                    rank("rank")
                ),
            )
        }
        Say::Theme {
            title,
            index,
            level,
            weight,
        } => {
            let (index, weight) = (decimal(lang, index, 1), decimal(lang, weight, 1));
            (
                format!("  {title:<50} {index:>5}  līmenis {level}  (svars {weight} %)"),
                format!("  {title:<50} {index:>5}  level {level}  (weight {weight} %)"),
            )
        }
        Say::ThemeNotApplicable(title) => (
            format!("  {title:<50}   —    neattiecas"),
            format!("  {title:<50}   —    not applicable"),
        ),
        Say::ValidatedSubmission {
            institution,
            year,
            id,
            status,
            errors,
            warnings,
        } => (
            format!("{institution} {year} (iesniegums {id}, {status}): {errors}, {warnings}"),
            format!("{institution} {year} (submission {id}, {status}): {errors}, {warnings}"),
        ),
        Say::Severity(severity) => match severity {
            crate::questionnaire::Severity::Error => ("kļūda".into(), "error".into()),
            crate::questionnaire::Severity::Warning => ("brīdinājums".into(), "warning".into()),
        },
        Say::Returned(id) => (
            format!("Iesniegums {id} atgriezts respondentam."),
            format!("Submission {id} returned to its respondent."),
        ),
        Say::Accepted(id) => (
            format!("Iesniegums {id} pieņemts."),
            format!("Submission {id} accepted."),
        ),
        Say::Validated {
            submissions,
            errors,
            warnings,
        } => (
            format!("Pārbaudes rezultāts — {submissions}: {errors}, {warnings}."),
            format!("Checked {submissions}: {errors}, {warnings}."),
        ),
    };
    match lang {
        Lang::Lv => lv,
        Lang::En => en,
    }
}

/// Why a file could not be read or written: the commonest reasons in words, the system's own
/// message otherwise (it is English whatever the language).
fn reason(lang: Lang, e: &io::Error) -> String {
    if lang == Lang::Lv {
        let words = match e.kind() {
            io::ErrorKind::NotFound => Some("tāda faila vai mapes nav"),
            io::ErrorKind::PermissionDenied => Some("nav piekļuves tiesību"),
            io::ErrorKind::IsADirectory => Some("tā ir mape, nevis fails"),
            // Only a device or a pipe named as a file is refused so (`anketa import`).
            io::ErrorKind::InvalidInput => Some("tas nav parasts fails (ierīce vai kanāls)"),
            _ => None,
        };
        if let Some(words) = words {
            return words.to_owned();
        }
    }
    e.to_string()
}

/// What `anketa import` did with each submission, one line each and a line per difference.
pub fn import_report(lang: Lang, report: &ImportReport) -> String {
    use std::fmt::Write;
    let pick = |lv: &'static str, en: &'static str| match lang {
        Lang::Lv => lv,
        Lang::En => en,
    };
    let mut out = String::new();
    for s in &report.submissions {
        let (what, differences) = match &s.outcome {
            ImportOutcome::Created => (pick("pievienots", "added"), None),
            ImportOutcome::Identical => (
                pick("jau ir šeit, tāds pats", "already here, identical"),
                None,
            ),
            ImportOutcome::Updated => (pick("atjaunināts no faila", "updated from the file"), None),
            ImportOutcome::NewerHere => (
                pick(
                    "atstāts: šajā datubāzē ir jaunāka versija",
                    "kept: this database has the newer version",
                ),
                None,
            ),
            ImportOutcome::KeptOurs(d) => (
                pick(
                    "mainīts abās pusēs; atstāts šejienes (--ours)",
                    "changed on both sides; kept ours (--ours)",
                ),
                Some(d),
            ),
            ImportOutcome::TookTheirs(d) => (
                pick(
                    "mainīts abās pusēs; pārņemts no faila (--theirs)",
                    "changed on both sides; took theirs (--theirs)",
                ),
                Some(d),
            ),
            ImportOutcome::StatusKept(d) => (
                pick(
                    "mainīts abās pusēs; atstāts šejienes: faila statuss to atgrieztu atpakaļ",
                    "changed on both sides; kept ours: the file's status would move it back",
                ),
                Some(d),
            ),
            ImportOutcome::Conflict(d) => (
                pick(
                    "KONFLIKTS: mainīts abās pusēs",
                    "CONFLICT: changed on both sides",
                ),
                Some(d),
            ),
        };
        let _ = writeln!(out, "{} {} ({}): {what}", s.institution, s.year, s.uid);
        for d in differences.into_iter().flatten() {
            let side = match (d.changed_here, d.changed_there) {
                (true, false) => pick("mainīts šeit", "changed here"),
                (false, true) => pick("mainīts failā", "changed in the file"),
                _ => pick("mainīts abās pusēs", "changed on both sides"),
            };
            let (place, ours, theirs) = difference_words(lang, d);
            let _ = match lang {
                Lang::Lv => writeln!(out, "    {place}: šeit {ours} / failā {theirs} ({side})"),
                Lang::En => writeln!(out, "    {place}: here {ours} / file {theirs} ({side})"),
            };
        }
    }
    out
}

/// A difference's place and values in words. The store names the status, a blank answer and
/// the roster's instances in English; answers themselves are data and stay as they are.
fn difference_words(lang: Lang, d: &Difference) -> (String, String, String) {
    use crate::exchange::Status;
    if lang == Lang::En {
        return (d.place.clone(), d.ours.clone(), d.theirs.clone());
    }
    let place = match d.place.as_str() {
        "status" => "statuss".to_owned(),
        "roster instances (names or order)" => {
            "saraksta ieraksti (nosaukumi vai secība)".to_owned()
        }
        other => other.to_owned(),
    };
    let value = |v: &str| match Status::parse(v) {
        Some(s) if d.place == "status" => super::status(lang, s).to_owned(),
        _ if v == "(blank)" => "(tukšs)".to_owned(),
        _ => v.to_owned(),
    };
    (place, value(&d.ours), value(&d.theirs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ImportedSubmission;

    #[test]
    fn counted_words_agree_with_the_number() {
        let summary = |questions, follow_ups| Say::Summary {
            id: "q",
            version: "1",
            sections: 1,
            questions,
            follow_ups,
            items: 2,
            checks: 0,
        };
        assert_eq!(
            say(Lang::Lv, summary(16, 10)),
            "q 1 — 1 sadaļa, 16 jautājumu un 10 papildjautājumu, 2 atbilžu lauki, 0 pārbaužu"
        );
        assert_eq!(
            say(Lang::Lv, summary(21, 2)),
            "q 1 — 1 sadaļa, 21 jautājums un 2 papildjautājumi, 2 atbilžu lauki, 0 pārbaužu"
        );
        assert_eq!(
            say(Lang::En, summary(1, 1)),
            "q 1 — 1 section, 1 question and 1 follow-up, 2 answerable items, 0 checks"
        );
        assert_eq!(say(Lang::Lv, Say::Problems(11)), "11 problēmu");
        assert_eq!(say(Lang::En, Say::Problems(1)), "1 problem");
    }

    #[test]
    fn numbers_are_written_as_the_language_writes_them() {
        let line = |lang| {
            say(
                lang,
                Say::Result {
                    institution: "Cēsu novada pašvaldība",
                    demo: true,
                    year: 2019,
                    e_index: 54.56,
                    level: 2,
                    level_name: "Attīstības",
                    rank: Some((9, 91)),
                },
            )
        };
        assert_eq!(
            line(Lang::Lv),
            "Cēsu novada pašvaldība [demo] 2019: e-indekss 54,6, līmenis 2 (Attīstības), vieta 9/91"
        );
        assert_eq!(
            line(Lang::En),
            "Cēsu novada pašvaldība [demo] 2019: e-index 54.6, level 2 (Attīstības), rank 9/91"
        );
    }

    #[test]
    fn the_import_report_names_status_and_blanks_in_the_language() {
        let report = ImportReport {
            submissions: vec![ImportedSubmission {
                uid: "u1".into(),
                institution: "Valsts ieņēmumu dienests".into(),
                year: 2019,
                outcome: ImportOutcome::Conflict(vec![
                    Difference {
                        place: "status".into(),
                        ours: "draft".into(),
                        theirs: "submitted".into(),
                        changed_here: false,
                        changed_there: true,
                    },
                    Difference {
                        place: "V00J".into(),
                        ours: "(blank)".into(),
                        theirs: r#"{"number":11.0}"#.into(),
                        changed_here: true,
                        changed_there: true,
                    },
                ]),
            }],
        };
        assert_eq!(
            import_report(Lang::Lv, &report),
            "Valsts ieņēmumu dienests 2019 (u1): KONFLIKTS: mainīts abās pusēs\n\
             \x20   statuss: šeit melnraksts / failā iesniegts (mainīts failā)\n\
             \x20   V00J: šeit (tukšs) / failā {\"number\":11.0} (mainīts abās pusēs)\n"
        );
        assert_eq!(import_report(Lang::En, &report), report.to_string());
        assert!(
            report
                .to_string()
                .contains("    status: here draft / file submitted (changed in the file)")
        );
    }
}
