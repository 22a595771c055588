//! End to end, the results view: the real binary in a pseudo-terminal, its screen read back
//! through a terminal emulator (vt100), keys typed as a person would type them. The harness is
//! the one of `e2e.rs`, in `common/pty.rs`.

mod common;

use anketa::response::Value;
use anketa::scoring::Item;
use anketa::store::Store;
use common::INSTITUTION;
use common::fixtures::{eindex, eindex_model};
use common::pty::{CTRL_C, SHIFT_TAB, Tui};
use common::store::FIRST;

const CUSTOMER_SERVICE: &str = "Klientu apkalpošana un atbalsts";

/// The labels of F14's options with the fewest and the most points, from the scoring model.
fn f14_worst_and_best() -> (String, String) {
    let q = eindex();
    let (item, points) = eindex_model()
        .themes
        .iter()
        .flat_map(|t| &t.subthemes)
        .flat_map(|s| &s.items)
        .find_map(|i| match i {
            Item::Question { item, points, .. } if q.items[*item].code == "F14" => {
                Some((*item, points.clone()))
            }
            _ => None,
        })
        .expect("F14 is scored");
    let choices = q.items[item].answer.choices();
    let points_of = |code: i64| {
        points
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(0.0, |(_, p)| *p)
    };
    let worst = choices
        .iter()
        .min_by(|a, b| points_of(a.code).total_cmp(&points_of(b.code)))
        .unwrap();
    let best = choices
        .iter()
        .max_by(|a, b| points_of(a.code).total_cmp(&points_of(b.code)))
        .unwrap();
    assert!(points_of(best.code) > points_of(worst.code));
    (worst.label.clone(), best.label.clone())
}

/// The beginning of an option's label: enough to tell it apart, short enough that it is not
/// wrapped onto a second row.
fn start_of(label: &str) -> String {
    label.chars().take(24).collect()
}

/// Where the option beginning with `label` is in the list of the question on screen
/// ("( ) …" and "(•) …" rows, top to bottom; a wrapped label's further rows have no marker).
#[track_caller]
fn option_position(screen: &str, label: &str) -> usize {
    let options: Vec<&str> = screen
        .lines()
        .filter_map(|l| {
            l.split_once("( ) ")
                .or_else(|| l.split_once("(•) "))
                .map(|(_, rest)| rest)
        })
        .collect();
    options
        .iter()
        .position(|o| o.starts_with(&start_of(label)))
        .unwrap_or_else(|| panic!("no option {label:?} in {options:?}:\n{screen}"))
}

/// The customer-service theme on the results overview: its index (decimal comma) and how many
/// cells of its bar are filled; `None` while the row is not (completely) on screen.
fn theme_on_screen(screen: &str) -> Option<(f64, usize)> {
    let row = screen
        .lines()
        .find(|l| l.contains(CUSTOMER_SERVICE) && (l.contains('█') || l.contains('░')))?;
    let mut words = row.split_whitespace();
    let bar = words.find(|w| w.chars().all(|c| matches!(c, '█' | '░')))?;
    let index = words.next()?.replace(',', ".").parse::<f64>().ok()?;
    Some((index, bar.chars().filter(|&c| c == '█').count()))
}

/// The results overview and the customer-service theme on it.
#[track_caller]
fn results_overview(tui: &Tui) -> (String, f64, usize) {
    let screen = tui.wait_until("the results overview", |s| {
        s.contains("E-indekss") && s.contains("Rādītāji") && theme_on_screen(s).is_some()
    });
    let (index, filled) = theme_on_screen(&screen).unwrap();
    (screen, index, filled)
}

#[test]
fn results_follow_a_changed_answer() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let (worst, best) = f14_worst_and_best();
    let mut tui = Tui::start(&db, &[], 100, 30);
    common::pty::create_submission(&mut tui, |_| {});

    // To "Klientu apkalpošana un atbalsts" in the section list (one row per section), in.
    let screen = tui.wait_until("the section list", |s| {
        s.contains("Klientu apkalpošana") && s.contains("Iestādes iekšējo")
    });
    let row_of = |text: &str| {
        screen
            .lines()
            .position(|l| l.starts_with('│') && l.contains(text))
            .unwrap_or_else(|| panic!("no section {text:?}:\n{screen}"))
    };
    let steps = row_of("Klientu apkalpošana") - row_of("Vispārējā informācij");
    tui.key_down(steps);
    // The section's overview beside the list is titled with it.
    tui.wait_until("the customer service section", |s| {
        s.lines()
            .any(|l| l.starts_with('┌') && l.contains(CUSTOMER_SERVICE))
    });
    tui.key_enter();
    // The first question, KAA_NOTES, replaces the overview (its list of "· CODE" rows).
    tui.wait_gone("· KAA_NOTES");
    tui.key_tab();

    // F14: its best option, then P1020 "Jā" (asked because F14 scores).
    let offered = format!("( ) {}", start_of(&best));
    let screen = tui.wait_until("F14", |s| s.contains(&offered));
    assert!(screen.contains("F14"), "{screen}");
    tui.key_down(option_position(&screen, &best));
    tui.send(" ");
    tui.wait_for(&format!("(•) {}", start_of(&best)));
    tui.key_tab();
    let screen = tui.wait_until("P1020", |s| s.contains("( ) Jā"));
    assert!(screen.contains("P1020"), "{screen}");
    tui.key_down(option_position(&screen, "Jā"));
    tui.send(" ");
    tui.wait_for("(•) Jā");

    // v: the results of this submission.
    tui.send("v");
    let (screen, before, filled_before) = results_overview(&tui);
    assert!(
        screen.contains(&format!("Rezultāti · {INSTITUTION} 2019")),
        "{screen}"
    );
    assert!(
        screen.contains("vieta 1/1"),
        "the only submission:\n{screen}"
    );
    assert!(before > 0.0, "the answers score:\n{screen}");
    assert!(filled_before > 0, "the bar shows it:\n{screen}");

    // Esc: back to filling, on the same question; F14 to its worst option.
    tui.esc("back to filling", |s| !s.contains("E-indekss"));
    tui.wait_for("(•) Jā");
    tui.send(SHIFT_TAB);
    let chosen = format!("(•) {}", start_of(&best));
    let screen = tui.wait_until("F14 again", |s| s.contains(&chosen));
    tui.key_down(option_position(&screen, &worst));
    tui.send(" ");
    tui.wait_for(&format!("(•) {}", start_of(&worst)));

    tui.send("v");
    let (screen, after, filled_after) = results_overview(&tui);
    assert!(
        after < before,
        "{CUSTOMER_SERVICE}: {after} after, {before} before:\n{screen}"
    );
    assert!(filled_after <= filled_before, "{screen}");

    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    tui.assert_no_queries();
    drop(tui);

    let f14 = eindex().items.iter().find(|i| i.code == "F14").unwrap();
    let worst_code = f14
        .answer
        .choices()
        .iter()
        .find(|c| c.label == worst)
        .unwrap()
        .code;
    let response = Store::open(&db).unwrap().load_response(FIRST).unwrap();
    assert_eq!(response.answers["F14"], Value::Choice(worst_code));
}

/// The demo institutions, as the start list orders them (in Latvian alphabetical order).
fn demo_names() -> Vec<String> {
    let mut names: Vec<String> = anketa::demo::institutions()
        .unwrap()
        .into_iter()
        .filter(|i| i.in_eindex)
        .map(|i| i.name)
        .collect();
    names.sort_by(|a, b| anketa::i18n::compare_lv(a, b));
    names
}

#[test]
fn demo_opens_on_results_and_esc_lists_the_institutions() {
    let dir = tempfile::tempdir().unwrap();
    let names = demo_names();
    let mut tui = Tui::start(&dir.path().join("d.db"), &["demo"], 100, 30);
    // Straight into the results, as `anketa demo --help` promises: of the first institution.
    let (screen, ..) = results_overview(&tui);
    let first = &names[0];
    assert!(
        screen.contains(&format!("Rezultāti · {first} 2019")),
        "{screen}"
    );
    assert!(screen.contains(&format!("/{}", names.len())), "{screen}");
    assert!(screen.contains(CUSTOMER_SERVICE), "{screen}");
    let screen = tui.esc("the start list", |s| {
        s.contains("Iesniegumi") && s.contains(names[5].as_str())
    });
    let listed: Vec<&str> = screen
        .lines()
        .filter_map(|l| {
            names
                .iter()
                .find(|n| l.contains(&format!("{n}  2019  pieņemts")))
        })
        .map(String::as_str)
        .collect();
    assert!(listed.len() >= 5, "{screen}");
    assert_eq!(listed, names[..listed.len()], "in Latvian order:\n{screen}");
    tui.key_enter();
    let (screen, ..) = results_overview(&tui);
    assert!(
        screen.contains(&format!("Rezultāti · {first} 2019")),
        "{screen}"
    );
    tui.send(CTRL_C);
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    tui.assert_no_queries();
}

/// `anketa demo` marks its data: "[demo dati]" on the start list and in the results header.
#[test]
fn demo_data_is_marked_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(&dir.path().join("d.db"), &["demo"], 100, 30);
    let (screen, ..) = results_overview(&tui);
    let header = screen.lines().next().unwrap();
    assert!(header.contains("[demo dati]"), "{header}");
    let screen = tui.esc("the start list", |s| s.contains("Iesniegumi"));
    let name = &demo_names()[0];
    let row = screen
        .lines()
        .find(|l| l.contains(name.as_str()))
        .unwrap_or_else(|| panic!("{name}:\n{screen}"));
    assert!(row.contains("[demo dati]"), "{row}");
    tui.key_enter();
    let (screen, ..) = results_overview(&tui);
    let header = screen.lines().next().unwrap();
    assert!(header.contains("[demo dati]"), "{header}");
    tui.send(CTRL_C);
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
}

/// A consultant's journey on a projector: the demo opens on the results at 120×40 with
/// everything at once, the leaders by a theme, two institutions compared, the hand-out
/// written into the current folder and the screen saying where, then quit; the database holds
/// the demo cohort untouched.
#[test]
fn consultant_shows_the_results_and_leaves_the_hand_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let names = demo_names();
    let mut tui = Tui::start(&db, &["demo"], 120, 40);
    let screen = tui.wait_for("Brieduma līmeņu sadalījums");
    assert!(screen.contains("▲2") && screen.contains("▲5"), "{screen}");
    assert!(
        screen.contains("E-indekss un pakalpojumu skaits"),
        "{screen}"
    );
    assert!(
        screen.contains("Iestādes iekšējie procesi un starpiestāžu sadarbība"),
        "the theme's name whole:\n{screen}"
    );
    // The leaders by the first theme, then the next institution in that list to compare.
    tui.send("s");
    tui.wait_for("Līderi 2019: Saziņa ar sabiedrību un līdzdalība");
    tui.key_down(1);
    tui.send(" ");
    tui.key_tab();
    let screen = tui.wait_for("Jautājumi, kuros punkti atšķiras visvairāk");
    assert!(screen.contains("starpība"), "{screen}");
    // The hand-out of the institution shown.
    tui.send("w");
    let screen = tui.wait_for("Rezultātu izdruka saglabāta");
    let first = &names[0];
    let file = dir.path().join(anketa::handout::file_name(first, 2019));
    assert!(
        screen.contains(file.file_name().unwrap().to_str().unwrap()),
        "{screen}"
    );
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains(first.as_str()));
    assert!(html.contains("Priekšnosacījumi virzībai uz"));
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    tui.assert_no_queries();
    let store = Store::open(&db).unwrap();
    let demo = store.submissions().unwrap();
    assert_eq!(demo.len(), names.len());
    assert!(demo.iter().all(|s| s.demo));
}
