//! What the answer tables look like on screen (`tests/snapshots/`): over the 2024 ICT
//! survey's 145 submissions, a single choice with its bars, a count asked only after "Jā" (its
//! "nav jautāts" apart from the shares), a multiple choice whose shares pass 100 %, a text
//! question's answers gathered, the smallest terminal, and English. Each test also says in
//! plain assertions what must be on screen.

mod common;

use anketa::i18n::Lang;
use anketa::store::Store;
use anketa::tui::Action;
use anketa::tui::model::Screen;
use common::ict;
use common::tui::{Tui, app_on, draw, draw_both, options, run, screen_text, update};

/// The report screen over the ICT database in `dir`, in `lang`.
fn tables(dir: &std::path::Path, lang: Lang) -> Tui {
    let (db, _) = ict::database(dir);
    let definition = anketa::questionnaire::IKT_2024.1;
    let mut app = app_on(
        Store::open(&db).unwrap(),
        "ikt-2024.toml",
        definition,
        anketa::tui::Options {
            lang,
            ..options(dir)
        },
    );
    update(&mut app, Action::Report);
    assert!(
        matches!(app.screen, Screen::Report(_)),
        "t opens the tables"
    );
    app
}

/// Down to the table of `code`.
fn to(app: &mut Tui, code: &str) {
    for _ in 0..100 {
        let Screen::Report(view) = &app.screen else {
            panic!("the tables are shown")
        };
        if view.table().is_some_and(|t| t.code == code) {
            return;
        }
        update(app, Action::Down);
    }
    panic!("no table {code}");
}

fn snapshot_both(app: &mut Tui, name: &str) -> [String; 2] {
    draw_both(app, |w, h, terminal| {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    })
}

fn line_with<'a>(screen: &'a str, text: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no line with {text:?}:\n{screen}"))
}

#[test]
fn a_single_choice_has_its_counts_shares_and_bars() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = tables(dir.path(), Lang::Lv);
    let [narrow, wide] = snapshot_both(&mut app, "report_single");
    for screen in [&narrow, &wide] {
        assert!(screen.contains("n = 145"), "{screen}");
        let yes = line_with(screen, "66,21 %");
        assert!(
            yes.contains("Jā") && yes.contains(" 96 ") && yes.contains('█'),
            "{yes}"
        );
        let no = line_with(screen, "33,79 %");
        assert!(no.contains("Nē") && no.contains(" 49 "), "{no}");
        assert!(line_with(screen, "nav atbildes").contains("0,00 %"));
    }
    assert!(
        wide.contains("Jautājumi"),
        "the list of questions beside it at 120 columns"
    );
    assert!(!narrow.contains("Jautājumi"), "no room for the list at 80");
    // The bar is as long as its share: Jā's about twice Nē's.
    let cells = |line: &str| line.chars().filter(|&c| c == '█').count();
    let (yes, no) = (
        cells(line_with(&wide, "66,21 %")),
        cells(line_with(&wide, "33,79 %")),
    );
    assert!(yes >= 2 * no - 1 && yes <= 2 * no + 1, "{yes} against {no}");
}

#[test]
fn a_count_asked_after_yes_keeps_the_unasked_out_of_its_figures() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = tables(dir.path(), Lang::Lv);
    to(&mut app, "IKT01_COUNT");
    let [narrow, _] = snapshot_both(&mut app, "report_number");
    assert!(
        line_with(&narrow, "nav jautāts").contains(" 49"),
        "{narrow}"
    );
    assert!(
        line_with(&narrow, "summa")
            .chars()
            .any(|c| c.is_ascii_digit())
    );
    assert!(
        !line_with(&narrow, "nav jautāts").contains('%'),
        "not a share of anything"
    );
}

#[test]
fn a_multiple_choice_says_its_shares_can_pass_a_hundred() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = tables(dir.path(), Lang::Lv);
    to(&mut app, "IKT07");
    let [narrow, _] = snapshot_both(&mut app, "report_multi");
    assert!(narrow.contains("var pārsniegt 100 %"), "{narrow}");
}

#[test]
fn text_answers_given_alike_read_as_one_line_with_how_many() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = tables(dir.path(), Lang::Lv);
    to(&mut app, "IKT11");
    let screen = screen_text(&draw(&mut app, 80, 24));
    let given: Vec<&str> = screen.lines().filter(|l| l.contains("– ")).collect();
    assert!(!given.is_empty(), "{screen}");
    assert!(
        given
            .iter()
            .any(|l| l.contains("(×150)") || l.contains("(×145)")),
        "every submission's alike answer once, with how many:\n{screen}"
    );
}

#[test]
fn the_smallest_terminal_and_english() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = tables(dir.path(), Lang::En);
    let small = screen_text(&draw(&mut app, 60, 18));
    insta::assert_snapshot!("report_single_en_60x18", small);
    let yes = line_with(&small, "66.21 %");
    assert!(yes.contains("Jā") && yes.contains(" 96 "), "{small}");
    assert!(small.contains("Answer tables"), "{small}");
    // Scrolling and leaving work at any size; Esc goes back to the list of submissions.
    run(
        &mut app,
        [Action::PageDown, Action::PageUp, Action::NextYear],
    );
    assert!(screen_text(&draw(&mut app, 60, 18)).contains("2024"));
    update(&mut app, Action::Back);
    assert!(matches!(app.screen, Screen::Start(_)));
}
