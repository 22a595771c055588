//! The review loop through the binary in a pseudo-terminal, with two databases on two
//! "machines" that share nothing but files: a respondent submits; support staff find what is
//! wrong, ask, fill the expert part and return it; the respondent answers, fixes and
//! resubmits; support staff see what changed, close the queries and accept. At the end both
//! databases hold the same submission, both threads with every message, and both people's
//! changes in their audit logs.

mod common;

use anketa::exchange::{QueryStatus, Status};
use anketa::response::Value;
use anketa::store::{AnswerKey, Role, Store};
use common::fixtures::eindex;
use common::journey::{Plan, Respondent, submit_and_save_the_file};
use common::pty::{CTRL_Q, CTRL_U, DOWN, ENTER, F6, F7, F8, F9, F10, Tui, UP};
use common::store::FIRST;
use common::{INSTITUTION, anketa_on};
use std::path::{Path, PathBuf};

const SERVICES: [&str; 2] = ["Deklarāciju pieņemšana", "Uzziņu sniegšana"];
const REVIEWER: &str = "Jānis Kalniņš";
const QUERY_ON_P53: &str = "Kanālu summa nesakrīt ar kopskaitu: lūdzu, pārbaudiet";
const QUERY_ON_ALL: &str = "Lūdzu, papildiniet sasniegumu aprakstu";
const REPLY_ON_P53: &str = "Izlabots: kļūda ievadot";
const REPLY_ON_ALL: &str = "Papildināts, paldies";

fn plan() -> Plan {
    let mut plan = Plan {
        services: SERVICES.iter().map(|s| s.to_string()).collect(),
        ..Plan::default()
    };
    plan.typed.insert("V00J".into(), "25".into());
    for total in ["D21", "D31", "D51", "D51S"] {
        plan.typed.insert(total.into(), "10".into());
    }
    plan.urls
        .insert("WEB_SITES".into(), vec!["https://www.vid.gov.lv".into()]);
    plan.options
        .insert("SOCIAL_NETWORKS_CHOICE".into(), vec![1]);
    plan.typed.insert(
        "SOCIAL_NETWORKS_URL_FACEBOOK".into(),
        "https://www.facebook.com/vid".into(),
    );
    plan
}

/// The one file of a step ("-returned", "-accepted" or "" for the respondent's) in `dir`.
fn saved(dir: &Path, step: &str) -> PathBuf {
    let path = dir.join(format!("anketa-Valsts-ieņēmumu-dienests-2019{step}.json"));
    assert!(path.exists(), "{} was saved", path.display());
    path
}

#[track_caller]
fn import(db: &Path, file: &Path) {
    let (code, out, err) = anketa_on(db, &["import", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
}

/// The reviewer's interface on `db`, the inbox listing the submission.
fn review(db: &Path) -> Tui {
    let tui = Tui::start(db, &["--user", REVIEWER, "review"], 120, 40);
    tui.wait_for("Iesniegumu pārbaude");
    tui
}

#[track_caller]
fn quit(mut tui: Tui) {
    tui.send(CTRL_Q);
    assert!(tui.wait_exit().success());
}

#[test]
fn a_submission_is_queried_returned_fixed_resubmitted_and_accepted_across_two_machines() {
    let dir = tempfile::tempdir().unwrap();
    let (home, office) = (dir.path().join("respondent"), dir.path().join("support"));
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&office).unwrap();
    let (r_db, s_db) = (home.join("anketa.db"), office.join("anketa.db"));
    let q = eindex();

    // The respondent fills every section and submits, saving the file.
    let mut respondent = Respondent::new(q, plan());
    let mut tui = Tui::start(&r_db, &[], 120, 40);
    common::pty::create_submission(&mut tui, |_| {});
    respondent.fill_until(&mut tui, |_| false);
    submit_and_save_the_file(&mut tui);
    // Planted: a service's results total that its channels do not sum to, as a figure that
    // came past the checks would be. The respondent exports again with the command.
    let (service, total) = {
        let mut store = Store::open(&r_db).unwrap();
        let service = store.load_response(FIRST).unwrap().instances("services")[1].clone();
        let Some(Value::Number(total)) = service.answers.get("P53").cloned() else {
            panic!("P53 answered");
        };
        let person = store.person("Ilze Bērziņa", Role::Respondent).unwrap();
        let key = AnswerKey::in_roster("services", &service.key, "P53");
        store
            .save_answer(FIRST, key, Some(&Value::Number(total + 5.0)), person)
            .unwrap();
        (service, total)
    };
    let first_file = home.join("first.json");
    let (code, _, err) = anketa_on(
        &r_db,
        &["export", "--all", "-o", first_file.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");

    // Support staff import it; the check names the planted figure.
    import(&s_db, &first_file);
    let (code, out, _) = anketa_on(&s_db, &["validate"]);
    assert_eq!(code, 1, "errors remain: {out}");
    assert!(
        out.contains(&format!("P53 [{}]", service.label)),
        "the planted figure is named: {out}"
    );

    // In the inbox, found by part of its name without diacritics, with its error.
    let mut tui = review(&s_db);
    tui.send("ienemumu");
    let inbox = tui.wait_for("Meklēt: ienemumu");
    let row = inbox
        .lines()
        .find(|l| l.contains(INSTITUTION))
        .unwrap_or_else(|| panic!("the search finds it:\n{inbox}"));
    assert!(row.contains("iesniegts"), "{row}");
    tui.send(ENTER);
    tui.wait_for("Pārbaude: eksperta daļa ir jūsu");
    // The findings list leads to the figure; a query on it, then one on the whole.
    tui.send(F8);
    tui.wait_for("Problēmas");
    tui.send(ENTER);
    tui.wait_for(&format!("— {}", service.label));
    tui.send(F6);
    tui.wait_for(&format!(
        "Precizējums respondentam — P53 [{}]",
        service.label
    ));
    tui.send(QUERY_ON_P53);
    tui.send(ENTER);
    let screen = tui.wait_for("Precizējums pievienots");
    assert!(
        screen.contains(QUERY_ON_P53),
        "shown beside the question:\n{screen}"
    );
    tui.esc("the roster", |s| !s.contains("Kopā rezultāta izsniegšana"));
    tui.esc("the section list", |s| !s.contains("a pievienot"));
    tui.send(F6);
    tui.wait_for("Precizējums respondentam — iesniegums kopumā");
    tui.send(QUERY_ON_ALL);
    tui.send(ENTER);
    tui.wait_for("Precizējums pievienots");
    // The expert part: the first expert section (how many of the achievements count), filled
    // to the end.
    let sections = tui.screen();
    let expert_at = sections
        .lines()
        .skip(2)
        .position(|l| l.contains("│Sasniegumu vērtējums"))
        .expect("the expert part is listed for support staff");
    tui.send(&UP.repeat(sections.lines().count()));
    tui.send(&DOWN.repeat(expert_at));
    let mut expert = Respondent::new(q, plan());
    expert.fill_until(&mut tui, |_| false);
    let screen = tui.wait_for("Sadaļas beigas");
    assert!(!screen.contains("tikai pēc atgriešanas"), "{screen}");
    // Returned, and the file saved for the respondent.
    tui.send(F9);
    tui.wait_for("Atgriezt iesniegumu respondentam");
    tui.send(ENTER);
    tui.wait_for("Iesniegums atgriezts. Saglabājiet failu respondentam");
    tui.send(ENTER);
    tui.wait_for("Fails saglabāts");
    quit(tui);

    // The respondent imports it and opens the submission on its queries.
    import(&r_db, &saved(&office, "-returned"));
    let mut tui = Tui::start(&r_db, &[], 120, 40);
    tui.wait_for("Iesniegumi");
    tui.send(ENTER);
    let screen = tui.wait_for("Atgriezts ar precizējumiem");
    assert!(
        screen.contains(QUERY_ON_P53) && screen.contains(QUERY_ON_ALL),
        "{screen}"
    );
    assert!(
        !screen.contains("Ekspertu vērtējums") && !screen.contains("Sasniegumu vērtējums"),
        "the expert part stays support staff's:\n{screen}"
    );
    // The first query leads to its figure: the total corrected to the channels' sum.
    tui.send(ENTER);
    tui.wait_for(&format!("— {}", service.label));
    tui.send(ENTER);
    tui.send(CTRL_U);
    tui.send(&format!("{total}"));
    tui.send(ENTER);
    tui.wait_gone("nesakrīt ar kanālu summu");
    tui.esc("editing done", |s| !s.contains("Enter gatavs"));
    tui.send(F7);
    tui.wait_for("┌ Precizējumi");
    for reply in [REPLY_ON_P53, REPLY_ON_ALL] {
        tui.send("a");
        tui.wait_for("Atbilde precizējumam");
        tui.send(reply);
        tui.send(ENTER);
        tui.wait_gone("Atbilde precizējumam");
        tui.send(DOWN);
    }
    let screen = tui.wait_until("both answered", |s| s.matches("[atbildēts]").count() == 2);
    assert!(
        screen.contains(REPLY_ON_P53) && screen.contains(REPLY_ON_ALL),
        "{screen}"
    );
    tui.esc("the queries closed", |s| !s.contains("┌ Precizējumi"));
    submit_and_save_the_file(&mut tui);

    // Support staff import the answer and see what changed since the return.
    import(&s_db, &saved(&home, ""));
    let mut tui = review(&s_db);
    tui.send(ENTER);
    let changes = tui.wait_for("Respondenta izmaiņas kopš atgriešanas");
    let shown = |n: f64| anketa::expr::format_number(n);
    assert!(
        changes.contains(&format!(
            "P53 [{}] {} → {}",
            service.label,
            shown(total + 5.0),
            shown(total)
        )),
        "{changes}"
    );
    tui.esc("the changes closed", |s| !s.contains("kopš atgriešanas"));
    tui.send(F7);
    tui.wait_for("┌ Precizējumi");
    for note in ["Paldies", ""] {
        tui.send("c");
        tui.wait_for("Slēgt precizējumu");
        tui.send(note);
        tui.send(ENTER);
        tui.wait_gone("Slēgt precizējumu");
        tui.send(DOWN);
    }
    let screen = tui.wait_until("both closed", |s| s.matches("[slēgts]").count() == 2);
    assert!(screen.contains(REPLY_ON_ALL), "{screen}");
    tui.esc("the queries closed", |s| !s.contains("┌ Precizējumi"));
    tui.send(F10);
    tui.wait_for("Pieņemt iesniegumu?");
    tui.send(ENTER);
    tui.wait_for("Iesniegums pieņemts. Saglabāt failu");
    tui.send(ENTER);
    tui.wait_for("Fails saglabāts");
    quit(tui);
    import(&r_db, &saved(&office, "-accepted"));

    // Both databases hold the same: answers, status, both threads, both people's changes.
    let (r, s) = (Store::open(&r_db).unwrap(), Store::open(&s_db).unwrap());
    let (mine, theirs) = (
        r.export(&[FIRST]).unwrap().remove(0),
        s.export(&[FIRST]).unwrap().remove(0),
    );
    assert_eq!(mine.content(), theirs.content());
    assert_eq!(mine.status, Status::Accepted);
    assert_eq!(mine.queries, theirs.queries);
    assert_eq!(mine.queries.len(), 2);
    for query in &mine.queries {
        assert_eq!(query.status(), QueryStatus::Closed);
        assert_eq!(
            query.messages.len(),
            3,
            "asked, answered, closed: {query:?}"
        );
    }
    for store in [&r, &s] {
        let audit = store.audit(FIRST).unwrap();
        for (person, role) in [
            ("Ilze Bērziņa", Role::Respondent),
            (REVIEWER, Role::Support),
        ] {
            assert!(
                audit.iter().any(|e| e.what == "answer"
                    && e.person.as_deref() == Some(person)
                    && e.role == Some(role)),
                "{person}'s answers are in the log"
            );
        }
    }
    let (code, out, _) = anketa_on(&s_db, &["validate"]);
    assert_eq!(code, 0, "nothing left: {out}");
    // The achievements support staff counted are the bonus, on both machines.
    assert_eq!(
        mine.response().answers.get("ACHIEVEMENTS_COUNTED"),
        Some(&Value::Number(3.0))
    );
    for db in [&r_db, &s_db] {
        let (code, out, err) = anketa_on(db, &["results", "--all", "--json"]);
        assert_eq!(code, 0, "{err}");
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        let entry = json
            .as_array()
            .and_then(|a| a.first())
            .cloned()
            .unwrap_or_else(|| json["submissions"][0].clone());
        assert_eq!(entry["bonus"], serde_json::json!(3.0), "{out}");
    }
}
