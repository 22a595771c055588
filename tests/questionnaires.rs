//! Both shipped questionnaires load, with the sections and questions of their seeds.

use anketa::questionnaire::{
    self, AnswerType, EINDEX_2019, FilledBy, IKT_2024, QuestionKind, Questionnaire,
};

fn load((name, text): (&str, &str)) -> Questionnaire {
    questionnaire::load(name, text.as_bytes()).unwrap_or_else(|d| panic!("{}", d[0]))
}

/// Section id → question codes, matrix and table rows in brackets.
fn shape(q: &Questionnaire) -> Vec<(String, String)> {
    q.sections
        .iter()
        .map(|s| {
            let codes: Vec<String> = q.questions[s.questions.clone()]
                .iter()
                .map(|question| match question.kind {
                    QuestionKind::Matrix | QuestionKind::Table => {
                        let rows: Vec<&str> = q.items[question.items.clone()]
                            .iter()
                            .map(|i| i.code.as_str())
                            .collect();
                        format!("{}[{}]", question.code, rows.join(" "))
                    }
                    _ => question.code.clone(),
                })
                .collect();
            (s.id.clone(), codes.join(" "))
        })
        .collect()
}

#[test]
fn eindex_has_every_section_and_code_of_the_seed() {
    let q = load(EINDEX_2019);
    let expected = [
        (
            "general",
            // F00 is the seed's filter name (line 8261), the question ours by its intent.
            "V00J D61J F00 WEB_SITES SOCIAL_NETWORKS_CHOICE SOCIAL_NETWORKS_URL_FACEBOOK SOCIAL_NETWORKS_URL_TWITTER SOCIAL_NETWORKS_URL_INSTAGRAM SOCIAL_NETWORKS_URL_DRAUGIEM SOCIAL_NETWORKS_URL_NOTES ACHIEVEMENTS_DESC NOTES_DESC",
        ),
        (
            "communication",
            "SAZ_NOTES P1001 P1001_NOTES P1002 P1002_NOTES",
        ),
        (
            "customer_service",
            "KAA_NOTES F14 P1020 P1012 P1012_NOTES P1013 P1013_NOTES F07M P1017 F08J F08J_NOTES F33 F34 F35 F35_NOTES P1014 P1014_NOTES P1015 P1015_NOTES",
        ),
        (
            "open_data",
            "ADD_NOTES A00J P1030 P1030_NOTES_URI P1030_NOTES_API P1030_NOTES_LINK A05 A06J A06J_NOTES A07J A07J_NOTES P26 P26_NOTES_USE P26_NOTES P29 P29_NOTES",
        ),
        (
            "services",
            "PKN_NOTES F21 P1028 P01 P01_NOTES M14 M14_NOTES P28 P28_NOTES P1031 P43F PDET",
        ),
        (
            "service_statistics",
            "PSTAT[P52 P52_K P52_T P52_P P52_E P53 P53_K P53_T P53_P P53_E P1023 P1024]",
        ),
        (
            "service_form",
            "P12M P21M P21M_NOTES P32M P1026 P33M P35 P1025.1 P1025.2",
        ),
        (
            "internal_processes",
            "IIP_NOTES V11 V12M[V12M_1 V12M_2 V12M_3 V12M_4 V12M_5] P1008 P1008_NOTES P1018 P1016 D10 D12M[D12M_1 D12M_2 D12M_3 D12M_4 D12M_5] DOC_RECEIVED[D21 D24 D28] DOC_SENT[D31 D34 P1007 P1007A] D54 D54_NOTES INVOICES_ISSUED[D51 D53 D53_PUB D53_LVS] INVOICES_RECEIVED[D51S D53S D53S_PUB D53S_LVS] K01M K01M_NOTES P1029 P1010",
        ),
        // Ours: support staff count the achievements that earn the bonus (seed 558–563).
        ("expert_achievements", "ACHIEVEMENTS_COUNTED"),
        (
            "expert_websites",
            "M08 M06 M07 M07_NOTES M09 M11 M12 M13 M16J M17J M17J_NOTES E18_01 E18_03",
        ),
        ("expert_social_networks", "K11M_A K11M_B K11M_C"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(s, c)| (s.to_string(), c.to_string()))
        .collect();
    assert_eq!(shape(&q), expected);
    assert_eq!(
        (q.questions.len(), q.items.len(), q.checks.len()),
        (110, 140, 14),
        "the seed's 108 questions and 138 items, and F00 and ACHIEVEMENTS_COUNTED"
    );
}

#[test]
fn eindex_parts_and_rosters() {
    let q = load(EINDEX_2019);
    let filled_by = |section: &str| {
        let s = q.sections.iter().find(|s| s.id == section).unwrap();
        q.parts[s.part].filled_by
    };
    assert_eq!(filled_by("internal_processes"), FilledBy::Respondent);
    assert_eq!(filled_by("expert_websites"), FilledBy::Expert);
    assert_eq!(filled_by("expert_social_networks"), FilledBy::Expert);

    let roster_of = |section: &str| {
        let s = q.sections.iter().find(|s| s.id == section).unwrap();
        s.roster.map(|r| q.rosters[r].id.as_str())
    };
    assert_eq!(roster_of("service_statistics"), Some("services"));
    assert_eq!(roster_of("service_form"), Some("services"));
    assert_eq!(roster_of("expert_websites"), Some("websites"));
    assert_eq!(roster_of("expert_social_networks"), Some("social_networks"));
    assert_eq!(roster_of("general"), None);
    let websites = &q.rosters[q.roster("websites").unwrap()];
    assert_eq!(websites.from, q.item("WEB_SITES"));
}

#[test]
fn eindex_keeps_the_seed_words_and_codes() {
    let q = load(EINDEX_2019);
    let question = |code: &str| q.question_of(q.item(code).unwrap());
    assert_eq!(
        question("V00J").text,
        "Nodarbināto skaits iestādē pārskata gada 31. decembrī:"
    );
    assert_eq!(question("V00J").seed_line, Some(6077));
    // Exclusive "none" option coded 0, and "Cits" opening its follow-up.
    let AnswerType::Multi(p1001) = &q.items[q.item("P1001").unwrap()].answer else {
        panic!("P1001 is a multiple choice");
    };
    let codes: Vec<i64> = p1001.iter().map(|c| c.code).collect();
    assert_eq!(codes, [1, 2, 3, 4, 99, 0]);
    assert!(p1001.iter().find(|c| c.code == 0).unwrap().exclusive);
    assert_eq!(
        p1001
            .iter()
            .find(|c| c.code == 99)
            .unwrap()
            .follow_up
            .as_deref(),
        Some("P1001_NOTES")
    );
    // "Dati nav pieejami" is offered on the document counts.
    let AnswerType::Integer(bounds) = &q.items[q.item("D21").unwrap()].answer else {
        panic!("D21 is a count");
    };
    assert!(bounds.not_available);
    assert_eq!(
        q.items[q.item("D21").unwrap()].reference.as_deref(),
        Some("DOC.S.1")
    );
}

#[test]
fn ikt_has_the_sixteen_questions_of_the_survey() {
    let q = load(IKT_2024);
    let main: Vec<&str> = q
        .questions
        .iter()
        .map(|question| question.code.as_str())
        .filter(|c| !c.contains('_'))
        .collect();
    let expected: Vec<String> = (1..=16).map(|n| format!("IKT{n:02}")).collect();
    assert_eq!(main, expected);
    assert_eq!(q.sections.len(), 7);
    assert_eq!(q.questions.len(), 26, "16 questions and 10 follow-ups");
    let first = q.question_of(q.item("IKT01").unwrap());
    assert_eq!(
        first.text,
        "Vai Jūsu iestāde ir reģistrējusi savus pakalpojumus VIRSIS? Lūdzam norādīt reģistrēto pakalpojumu skaitu VIRSIS."
    );
    let labels: Vec<&str> = q.items[q.item("IKT01").unwrap()]
        .answer
        .choices()
        .iter()
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(labels, ["Jā", "Nē"]);
}

/// Issue 8: a required multiple choice whose seed offers no way to say "none" forced a scored
/// answer. These five got an exclusive option 0 (the seed's wording for such an answer, see the
/// `# Seed:` comments), listed last, and stay required so that a blank still means "not
/// answered". The required multiple choices still without an exclusive option are listed, so
/// that a new one is a decision, not an accident.
#[test]
fn eindex_multiple_choices_without_a_none_got_one() {
    let q = load(EINDEX_2019);
    for (code, label) in [
        ("P1028", "Neviens no minētajiem"),
        ("P1013", "Uzlabojumi nav ieviesti"),
        ("P1008", "Neviens no minētajiem"),
        ("P1029", "Neviens no minētajiem"),
        ("M06", "Neviens no minētajiem"),
    ] {
        let item = &q.items[q.item(code).unwrap()];
        assert!(item.required, "{code} stays required");
        let AnswerType::Multi(choices) = &item.answer else {
            panic!("{code} is a multiple choice");
        };
        let none = choices.last().unwrap();
        assert_eq!((none.code, none.label.as_str()), (0, label), "{code}");
        assert!(none.exclusive, "{code}: option 0 is exclusive");
        assert!(none.follow_up.is_none(), "{code}");
        // The seed's own options are all still there, none of them exclusive.
        assert!(
            choices[..choices.len() - 1]
                .iter()
                .all(|c| !c.exclusive && c.code != 0),
            "{code}"
        );
    }
    let mut without: Vec<&str> = q
        .items
        .iter()
        .filter(|i| i.required)
        .filter(|i| matches!(&i.answer, AnswerType::Multi(c) if !c.iter().any(|c| c.exclusive)))
        .map(|i| i.code.as_str())
        .collect();
    without.sort_unstable();
    assert_eq!(without, ["F08J", "M07", "M08", "P1016", "P1026"]);
}

/// Issue 8: the seed's SOCIAL_NETWORKS_URL_DRAUGIEM asks for an "Instagram" profile (copied);
/// it asks for the Draugiem.lv one, in the other networks' words.
#[test]
fn eindex_draugiem_follow_up_asks_for_draugiem() {
    let q = load(EINDEX_2019);
    let question = |code: &str| q.question_of(q.item(code).unwrap());
    let draugiem = question("SOCIAL_NETWORKS_URL_DRAUGIEM");
    assert_eq!(
        draugiem.text,
        "Lūdzu, norādiet saiti uz Jūsu iestādes īpašumā esošo Draugiem.lv profilu:"
    );
    assert_eq!(
        draugiem.hint.as_deref(),
        Some(
            "Lūdzu, ierakstiet saiti uz savu Draugiem.lv profilu, piemēram: https://www.draugiem.lv/jaunradeslab"
        )
    );
    assert!(!draugiem.text.contains("Instagram"));
    // The same words as the Facebook, Twitter and Instagram follow-ups.
    for (code, name) in [
        ("SOCIAL_NETWORKS_URL_FACEBOOK", "Facebook"),
        ("SOCIAL_NETWORKS_URL_TWITTER", "Twitter"),
        ("SOCIAL_NETWORKS_URL_INSTAGRAM", "Instagram"),
    ] {
        assert_eq!(
            question(code).text.replace(name, "Draugiem.lv"),
            draugiem.text,
            "{code}"
        );
    }
}

/// Issue 8: the seed's F21 hint explains "Jā" as a territorial tie, the opposite of the
/// question; each of its explanations now stands after the answer it explains.
#[test]
fn eindex_f21_hint_explains_yes_as_any_office() {
    let q = load(EINDEX_2019);
    let f21 = q.question_of(q.item("F21").unwrap());
    let hint = f21.hint.as_deref().unwrap();
    let lines: Vec<&str> = hint.lines().collect();
    assert_eq!(lines.len(), 2, "{hint}");
    assert!(
        lines[0].starts_with("Jā - nav teritoriālas piesaistes, klients var saņemt"),
        "{hint}"
    );
    assert!(
        lines[1].starts_with("Nē - Ir teritoriālā piesaiste"),
        "{hint}"
    );
    let AnswerType::Single(options) = &q.items[q.item("F21").unwrap()].answer else {
        panic!("F21 is a single choice");
    };
    let labels: Vec<(i64, &str)> = options.iter().map(|c| (c.code, c.label.as_str())).collect();
    assert_eq!(labels, [(1, "Jā"), (2, "Nē")]);
}
