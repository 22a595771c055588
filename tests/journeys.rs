//! Whole journeys through the release binary in a pseudo-terminal: what a person sees at each
//! step, and then what the database and the exported file hold.

mod common;

use anketa::exchange::{self, Status};
use anketa::questionnaire;
use anketa::response::Value;
use anketa::store::Store;
use common::fixtures::eindex;
use common::journey::{Place, Plan, Respondent, Shown, shown, submit_and_save_the_file};
use common::pty::{ENTER, Tui};
use common::store::FIRST;
use std::collections::BTreeMap;
use std::path::Path;

const SERVICES: [&str; 6] = [
    "Pases izsniegšana",
    "Deklarāciju pieņemšana",
    "Uzziņu sniegšana",
    "Atļauju izsniegšana",
    "Reģistrācija",
    "Konsultācijas",
];
const SITE: &str = "https://www.vid.gov.lv/qs";
const PORTAL: &str = "https://www.latvija.lv";

fn plan() -> Plan {
    let mut plan = Plan {
        services: SERVICES.iter().map(|s| s.to_string()).collect(),
        wrong_sum_in: Some(SERVICES[1].into()),
        not_available: vec![(SERVICES[2].into(), "P1023".into())],
        ..Plan::default()
    };
    plan.typed.insert("V00J".into(), "25".into());
    // Totals that other counts are checked against (D53 <= D51 …).
    for total in ["D21", "D31", "D51", "D51S"] {
        plan.typed.insert(total.into(), "10".into());
    }
    plan.urls
        .insert("WEB_SITES".into(), vec![SITE.into(), PORTAL.into()]);
    plan.options
        .insert("SOCIAL_NETWORKS_CHOICE".into(), vec![1, 3]);
    plan.typed.insert(
        "SOCIAL_NETWORKS_URL_FACEBOOK".into(),
        "https://www.facebook.com/vid".into(),
    );
    plan.typed.insert(
        "SOCIAL_NETWORKS_URL_INSTAGRAM".into(),
        "https://www.instagram.com/vid".into(),
    );
    plan
}

/// The answers of the one submission in an exported file, by place.
fn exported(path: &Path) -> (Status, BTreeMap<Place, Value>) {
    let file = exchange::read(&std::fs::read(path).unwrap()).unwrap();
    assert_eq!(file.submissions.len(), 1);
    let record = &file.submissions[0];
    let mut answers: BTreeMap<Place, Value> = record
        .answers
        .iter()
        .map(|(code, v)| ((String::new(), code.clone()), v.clone()))
        .collect();
    for instance in record.rosters.values().flatten() {
        for (code, v) in &instance.answers {
            answers.insert((instance.label.clone(), code.clone()), v.clone());
        }
    }
    (record.status, answers)
}

/// The submission file saved into `dir` holds the submitted submission with every answer
/// given; its answers by place.
fn the_file_holds_every_answer(
    dir: &Path,
    given: &BTreeMap<Place, Value>,
) -> BTreeMap<Place, Value> {
    let file = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("the submission file");
    let (status, answers) = exported(&file);
    assert_eq!(status, Status::Submitted);
    for (place, value) in given {
        assert_eq!(answers.get(place), Some(value), "{place:?} in the file");
    }
    answers
}

#[test]
fn a_respondent_fills_every_section_over_two_sittings_submits_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let mut respondent = Respondent::new(eindex(), plan());

    // First sitting: the general part, then quit.
    let mut tui = Tui::start(&db, &[], 120, 40);
    common::pty::create_submission(&mut tui, |_| {});
    respondent.fill_until(&mut tui, |shown| {
        matches!(shown, Shown::Question { code, .. } if code == "P1001")
            || matches!(shown, Shown::Question { title, .. } if title.starts_with("Saziņa"))
    });
    let screen = tui.screen();
    assert!(
        screen.contains("Vispārējā informācija p…  7/7 +1/1"),
        "the general part is complete:\n{screen}"
    );
    tui.esc("the section list", |s| shown(s) == Shown::Sections);
    tui.send("q");
    assert!(tui.wait_exit().success());
    drop(tui);
    let stored = Store::open(&db).unwrap().load_response(FIRST).unwrap();
    assert_eq!(
        stored.answers["WEB_SITES"],
        Value::Urls(vec![SITE.into(), PORTAL.into()]),
        "typed straight in, v, s and q included"
    );

    // Second sitting: back where it was left, on to the end.
    let mut tui = Tui::start(&db, &[], 120, 40);
    tui.wait_for("Iesniegumi");
    tui.send(ENTER);
    respondent.fill_until(&mut tui, |_| false);
    let screen = tui.wait_for("Sadaļas beigas");
    assert!(!screen.contains("✗"), "no errors left:\n{screen}");

    let screen = submit_and_save_the_file(&mut tui);
    assert!(screen.contains("iesniegts"), "{screen}");
    tui.assert_no_queries();

    // The database and the file hold every answer given.
    let store = Store::open(&db).unwrap();
    assert_eq!(store.submission(FIRST).unwrap().status, Status::Submitted);
    let answers = the_file_holds_every_answer(dir.path(), &respondent.given);
    let services = store.load_response(FIRST).unwrap();
    assert_eq!(services.instances("services").len(), SERVICES.len());
    assert_eq!(
        answers[&(SERVICES[2].into(), "P1023".into())],
        Value::NotAvailable
    );
    assert_eq!(
        answers[&(SERVICES[1].into(), "P52".into())],
        Value::Number(4.0),
        "the corrected total"
    );
}

#[test]
fn the_second_questionnaire_is_filled_submitted_and_exported_without_scores() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaire/ikt-2024.toml");
    let q = questionnaire::load("ikt-2024.toml", &std::fs::read(&path).unwrap()).unwrap();
    let mut respondent = Respondent::new(&q, Plan::default());
    let args = ["--questionnaire", path.to_str().unwrap()];
    let mut tui = Tui::start(&db, &args, 120, 40);
    common::pty::create_submission(&mut tui, |_| {});
    // The results key on a questionnaire without scoring says so over its answer tables;
    // Esc goes back to the question.
    tui.send("v");
    tui.wait_for("Šai anketai nav vērtēšanas modeļa");
    tui.esc("back to the question", |s| !s.contains("Atbilžu tabulas"));
    respondent.fill_until(&mut tui, |_| false);
    let screen = tui.wait_for("Sadaļas beigas");
    assert!(!screen.contains("✗"), "no errors left:\n{screen}");
    let main_questions = respondent
        .given
        .keys()
        .filter(|(_, code)| {
            let at = q.questions.iter().position(|x| &x.code == code);
            at.is_some_and(|at| !q.is_follow_up(at))
        })
        .count();
    assert_eq!(main_questions, 16, "all 16 questions answered");
    submit_and_save_the_file(&mut tui);
    the_file_holds_every_answer(dir.path(), &respondent.given);

    // `anketa results` says in one line that there is nothing to score.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_anketa"))
        .args(["--db", db.to_str().unwrap()])
        .args(args)
        .arg("results")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("IKT arhitektūras aptauja 2024"), "{stderr}");
}
