//! End to end: the real binary in a pseudo-terminal, its screen read back through a terminal
//! emulator (vt100) the way a person would read it, and keys typed as a person would type them.

mod common;

use anketa::response::Value;
use anketa::store::Store;
use common::INSTITUTION;
use common::journey::{Shown, close_cell, shown};
use common::pty::{CTRL_C, CTRL_Q, Tui};
use common::store::FIRST;
use std::path::PathBuf;
use unicode_normalization::UnicodeNormalization;

fn db_in(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("a.db")
}

const URL: &str = "https://www.vid.gov.lv";
const ACHIEVEMENTS: &str = "Ē-pakalpojumu pilnveide: ā č ē ģ ī ķ ļ ņ š ū ž";

/// The new-submission form, filled in, checked and confirmed; waits for the fill screen.
fn create_submission(tui: &mut Tui) {
    common::pty::create_submission(tui, |form| {
        assert!(form.contains(INSTITUTION), "{form}");
        assert!(form.contains("Finanšu ministrija"), "{form}");
    });
}

#[test]
fn fill_general_section_then_fix_a_service_and_find_everything_after_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let mut tui = Tui::start(&db, &[], 100, 30);
    create_submission(&mut tui);

    // The general section, question by question.
    tui.key_enter();
    tui.wait_for("V00J");
    tui.send("120");
    tui.wait_for("│120 ");
    tui.key_enter();
    let screen = tui.wait_for("D61J");
    let ir = screen.find("( ) Ir").expect("D61J offers Ir");
    let nav = screen.find("( ) Nav").expect("D61J offers Nav");
    assert!(ir < nav, "Ir comes first, then Nav:\n{screen}");
    tui.key_down(1);
    tui.key_enter();
    // The institution provides services: the service sections stay.
    tui.wait_for("Vai sadaļa „Pakalpojumu nodrošināšana” attiecas");
    tui.key_enter();
    tui.wait_for("WEB_SITES");
    tui.key_enter();
    tui.send(URL);
    tui.wait_for(URL);
    tui.key_tab();
    let screen = tui.wait_for("SOCIAL_NETWORKS_CHOICE");
    let options: Vec<&str> = screen
        .lines()
        .filter_map(|l| l.split_once("[ ] ").map(|(_, rest)| rest.trim_end()))
        .collect();
    let exclusive = options
        .iter()
        .position(|o| o.starts_with("Sociālie tīkli iestādei nav būtiski"))
        .unwrap_or_else(|| panic!("no such option:\n{screen}"));
    tui.key_down(exclusive);
    tui.send(" ");
    tui.wait_for("[x] Sociālie tīkli iestādei nav būtiski");
    tui.key_tab();
    tui.wait_for("ACHIEVEMENTS_DESC");
    tui.key_enter();
    tui.send(ACHIEVEMENTS);
    tui.wait_for(ACHIEVEMENTS);
    tui.key_tab();
    tui.wait_for("NOTES_DESC");

    // The service statistics: one service, its figures, a sum that does not add up.
    tui.esc(
        "the general section's questions beside the section list",
        |s| s.contains("✓ V00J"),
    );
    tui.wait_for("Vispārējā informācija par iestādi");
    tui.key_down(5);
    tui.key_enter();
    tui.wait_for("Saraksts ir tukšs");
    tui.send("a");
    tui.wait_for("Pievienot — nosaukums");
    tui.send("Pases izsniegšana");
    tui.key_enter();
    tui.wait_for("1. Pases izsniegšana");
    tui.key_enter();
    tui.wait_for("PSTAT");
    for figure in ["120", "50", "10", "8", "50"] {
        tui.send(figure);
        tui.key_enter();
    }
    let message = "Pieteikumu kopskaits (120) nesakrīt ar kanālu summu (118)";
    tui.wait_for(message);
    tui.wait_for("Pieteikumu kanālu summa: 118");
    // Fix it: leave the cell being typed into, up to P52, retype it. Enter selects the figure
    // there, so what is typed replaces it.
    close_cell(&mut tui, "P53");
    tui.key_up(5);
    tui.key_enter();
    tui.wait_until("P52 selected", |s| {
        s.lines()
            .any(|l| l.contains("P52   Kopā") && l.contains(" 120 "))
    });
    tui.send("118");
    tui.wait_for("118▏");
    tui.key_enter();
    tui.wait_gone(message);
    tui.wait_for("saglabāts ✓");
    // Enter leaves the figure selected; Esc back to moving between the rows.
    tui.esc("moving between the rows", |s| s.contains("↑↓ pārvietoties"));
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    tui.assert_no_queries();
    drop(tui);

    // Again, on the same database: the submission is listed and reopens where it was left.
    let mut tui = Tui::start(&db, &[], 100, 30);
    let screen = tui.wait_for("Iesniegumi");
    assert!(
        screen.contains(&format!("{INSTITUTION}  2019  melnraksts")),
        "the start screen lists the submission:\n{screen}"
    );
    tui.key_enter();
    let screen = tui.wait_for("Pakalpojumu uzskaites rādītāji — Pases izsniegšana");
    assert!(screen.contains("PSTAT"), "back on the table:\n{screen}");
    assert!(!screen.contains(message), "the fix was kept:\n{screen}");
    assert!(
        tui.is_selected("P52   Kopā pieteikumi"),
        "on P52:\n{screen}"
    );
    assert!(!tui.is_selected("P52_K"), "only P52 is selected:\n{screen}");
    for (code, figure) in [
        ("P52 ", "118"),
        ("P52_K", "50"),
        ("P52_T", "10"),
        ("P52_P", "8"),
        ("P52_E", "50"),
    ] {
        let line = tui.line_with(code);
        assert!(line.ends_with(&format!(" {figure} │")), "{code}: {line}");
    }
    tui.wait_for("Pieteikumu kanālu summa: 118");

    // The general section: its progress, then each answer in its question.
    tui.esc("the list of services", |s| {
        s.contains("rādītāji — Pakalpojumi")
    });
    tui.esc("the section list", |s| shown(s) == Shown::Sections);
    tui.key_up(5);
    let screen = tui.wait_for("✓ V00J");
    assert!(tui.is_selected("Vispārējā informācij…"), "{screen}");
    let general = tui.line_with("│Vispārējā informācij");
    assert!(
        general.contains(" 6/6 +0/1"),
        "6 of 6 required answered, the optional note not: {general}\n{screen}"
    );
    tui.key_enter();
    tui.wait_for("V00J   1/7");
    tui.wait_for("│120 ");
    tui.key_tab();
    tui.wait_for("(•) Nav");
    tui.key_tab();
    tui.wait_for("(•) Attiecas, iestāde sniedz pakalpojumus");
    tui.key_tab();
    tui.wait_for(URL);
    tui.key_tab();
    tui.wait_for("[x] Sociālie tīkli iestādei nav būtiski");
    tui.key_tab();
    tui.wait_for(ACHIEVEMENTS);
    // On a text question a letter is the answer's: Ctrl+Q quits there.
    tui.send(CTRL_Q);
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    tui.assert_no_queries();
    drop(tui);

    // What the database holds.
    let store = Store::open(&db).unwrap();
    let response = store.load_response(FIRST).unwrap();
    assert_eq!(response.answers["V00J"], Value::Number(120.0));
    assert_eq!(response.answers["D61J"], Value::Choice(2));
    assert_eq!(response.answers["WEB_SITES"], Value::Urls(vec![URL.into()]));
    assert_eq!(
        response.answers["SOCIAL_NETWORKS_CHOICE"],
        Value::Choices(vec![0])
    );
    let Value::Text(text) = &response.answers["ACHIEVEMENTS_DESC"] else {
        panic!("{:?}", response.answers["ACHIEVEMENTS_DESC"]);
    };
    assert_eq!(text, ACHIEVEMENTS);
    assert_eq!(*text, text.nfc().collect::<String>(), "stored as NFC");
    let services = response.instances("services");
    assert_eq!(services.len(), 1);
    assert_eq!(services[0].label, "Pases izsniegšana");
    for (code, figure) in [
        ("P52", 118.0),
        ("P52_K", 50.0),
        ("P52_T", 10.0),
        ("P52_P", 8.0),
        ("P52_E", 50.0),
    ] {
        assert_eq!(services[0].answers[code], Value::Number(figure), "{code}");
    }
    assert!(
        !services[0].answers.contains_key("P53"),
        "P53 was left empty"
    );
}

#[test]
fn submit_is_refused_while_an_error_remains() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let mut tui = Tui::start(&db, &[], 100, 30);
    create_submission(&mut tui);
    tui.send("s");
    tui.wait_for("Nevar iesniegt: vispirms izlabojiet kļūdas.");
    let screen = tui.wait_for("Problēmas — ");
    assert!(
        screen.contains("✗ V00J"),
        "the errors are listed:\n{screen}"
    );

    let listed = std::process::Command::new(env!("CARGO_BIN_EXE_anketa"))
        .arg("--db")
        .arg(&db)
        .arg("submissions")
        .env_remove("ANKETA_DB")
        .output()
        .unwrap();
    assert!(listed.status.success());
    let listed = String::from_utf8(listed.stdout).unwrap();
    let line = listed
        .lines()
        .find(|l| l.contains(INSTITUTION))
        .unwrap_or_else(|| panic!("{listed}"));
    assert!(line.contains(" melnraksts "), "{line}");
    let status = Store::open(&db).unwrap().submission(FIRST).unwrap().status;
    assert_eq!(status, anketa::exchange::Status::Draft);

    tui.esc("the problems closed", |s| !s.contains("Problēmas — "));
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    tui.assert_no_queries();
}

#[test]
fn tiny_terminal_is_refused_politely_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(&db_in(&dir), &[], 40, 12);
    let screen = tui.wait_for("Logs ir par mazu");
    assert!(screen.contains("40×12 → 60×18"), "{screen}");
    tui.resize(100, 30);
    let screen = tui.wait_for("Jauns iesniegums");
    assert!(!screen.contains("Logs ir par mazu"), "{screen}");
    tui.send(CTRL_C);
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    {
        let parser = tui.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "left the alternate screen");
        assert!(!screen.bracketed_paste(), "bracketed paste turned off");
        assert!(!screen.hide_cursor(), "the cursor is shown again");
    }
    #[cfg(target_os = "linux")]
    if let Some(termios) = tui.master.get_termios() {
        const ICANON: u32 = 0o000002;
        const ECHO: u32 = 0o000010;
        let flags = termios.local_flags.bits();
        assert_eq!(flags & (ICANON | ECHO), ICANON | ECHO, "raw mode is off");
    }
    tui.assert_no_queries();
}

#[test]
fn english_interface() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(&db_in(&dir), &["--lang", "en"], 100, 30);
    let screen = tui.wait_for("New submission");
    assert!(screen.contains("Reporting year"), "{screen}");
    assert!(!screen.contains("Jauns iesniegums"), "{screen}");
    tui.send(CTRL_C);
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    tui.assert_no_queries();
}
