//! What the screens look like: the interface driven action by action, as in `tui_update.rs`,
//! then drawn into a test terminal and compared with the stored snapshots
//! (`tests/snapshots/`). Every screen is drawn at 80×24 and at 120×40, without colour and in
//! Latvian, so the snapshots hold only text. Each test also says in plain assertions what
//! must be on screen, so that a snapshot accepted without looking still cannot hide the point.

mod common;

use anketa::i18n::Lang;
use anketa::questionnaire::EINDEX_2019;
use anketa::tui::model::{Focus, Overlay, Screen};
use anketa::tui::{Action, Options};
use common::tui::Tui;
use common::tui::update;
use common::tui::{
    app_for, assert_on_screens, choose, current_code, cursor_to, draw, draw_both, fill,
    fill_start_form, go_to, new_submission, new_submission_with, on_screen, open_section, options,
    run, screen_text, typed, words,
};

/// Add services to the roster of the current (roster) section.
fn add_services(app: &mut Tui, names: &[&str]) {
    assert_eq!(fill(app).focus, Focus::Roster);
    for name in names {
        update(app, Action::AddInstance);
        typed(app, name);
        update(app, Action::Accept);
    }
}

/// Draw at both sizes, compare each with its snapshot (`{name}_80x24`, `{name}_120x40`),
/// and return the two screens as text for further assertions.
fn snapshot_both(app: &mut Tui, name: &str) -> [String; 2] {
    draw_both(app, |w, h, terminal| {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    })
}

/// The screen row on which the table or matrix row `code` is drawn.
fn row_of<'a>(screen: &'a str, code: &str) -> &'a str {
    screen
        .lines()
        .find(|line| words(line).contains(&code))
        .unwrap_or_else(|| panic!("no row {code} on the screen:\n{screen}"))
}

// ---------------------------------------------------------------------------------------------
// The start screen

#[test]
fn start_form_with_latvian_letters() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_for(dir.path(), EINDEX_2019.1);
    let Screen::Start(start) = &app.screen else {
        panic!("a new database opens on the start screen");
    };
    assert!(start.form.is_some(), "with no submissions the form shows");
    fill_start_form(&mut app, "Rīgas Stradiņa universitāte");
    let screens = snapshot_both(&mut app, "start_form");
    assert_on_screens(&screens, "Rīgas Stradiņa universitāte");
    assert_on_screens(&screens, "Ilze Bērziņa");
    assert_on_screens(&screens, "Valsts iestāžu vērtējuma anketa");
}

// ---------------------------------------------------------------------------------------------
// The fill screen

#[test]
fn section_overview_with_the_section_list_focused() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    // One answer, so that the overview shows an answered question beside unanswered ones.
    update(&mut app, Action::Enter);
    typed(&mut app, "250");
    run(&mut app, [Action::NextQuestion, Action::Back]);
    assert_eq!(fill(&app).focus, Focus::Sections);
    let screens = snapshot_both(&mut app, "fill_sections");
    assert_on_screens(&screens, "Sadaļas");
    assert_on_screens(&screens, "Vispārējā informācija");
    assert_on_screens(&screens, "Valsts ieņēmumu dienests");
    assert_on_screens(&screens, "✓ V00J");
    assert_on_screens(&screens, "· D61J");
}

#[test]
fn fill_screen_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission_with(
        dir.path(),
        Options {
            lang: Lang::En,
            ..options(dir.path())
        },
    );
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("fill_sections_en_80x24", terminal.backend());
    let screen = screen_text(&terminal);
    assert!(screen.contains("Sections"), "{screen}");
    assert!(screen.contains("saved"), "{screen}");
    // The questionnaire itself stays Latvian: only the program's words change.
    assert!(screen.contains("Vispārējā informācija"), "{screen}");
}

#[test]
fn number_question_answered() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    update(&mut app, Action::Enter);
    assert_eq!(current_code(&app), "V00J");
    typed(&mut app, "250");
    run(&mut app, [Action::NextQuestion, Action::PrevQuestion]);
    assert_eq!(current_code(&app), "V00J");
    assert!(fill(&app).edit.is_none());
    let screens = snapshot_both(&mut app, "number_answered");
    assert_on_screens(&screens, "Nodarbināto skaits iestādē");
    assert_on_screens(&screens, "250");
    assert_on_screens(&screens, "≥ 0");
}

#[test]
fn number_question_while_typing_a_value_below_its_minimum() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    update(&mut app, Action::Enter);
    typed(&mut app, "250");
    run(&mut app, [Action::NextQuestion, Action::PrevQuestion]);
    // Typing over the answer starts a new one.
    typed(&mut app, "-5");
    assert!(fill(&app).edit.is_some(), "the field is being edited");
    let screens = snapshot_both(&mut app, "number_editing_below_min");
    assert_on_screens(&screens, "-5");
    assert_on_screens(&screens, "✗ Vērtība nedrīkst būt mazāka par 0");
    assert_on_screens(&screens, "rakstāt…");
    for screen in &screens {
        assert!(
            !screen.contains("250"),
            "the old answer is replaced:\n{screen}"
        );
    }
}

#[test]
fn single_choice_with_one_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    run(&mut app, [Action::Enter, Action::NextQuestion]);
    assert_eq!(current_code(&app), "D61J");
    cursor_to(&mut app, 1);
    update(&mut app, Action::Toggle);
    let screens = snapshot_both(&mut app, "single_choice");
    assert_on_screens(&screens, "(•) Ir");
    assert_on_screens(&screens, "( ) Nav");
}

#[test]
fn multiple_choice_with_an_exclusive_option() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    update(&mut app, Action::Enter);
    go_to(&mut app, "SOCIAL_NETWORKS_CHOICE");
    for code in [1, 3] {
        cursor_to(&mut app, code);
        update(&mut app, Action::Toggle);
    }
    let screens = snapshot_both(&mut app, "multi_choice_exclusive");
    assert_on_screens(&screens, "[x] Facebook");
    assert_on_screens(&screens, "[ ] Twitter");
    assert_on_screens(&screens, "[x] Instagram");
    assert_on_screens(&screens, "[ ] Sociālie tīkli iestādei nav būtiski");
    // In words, not codes or signs: the codes are for support staff (`--expert`).
    assert_on_screens(
        &screens,
        "Sociālie tīkli iestādei nav būtiski (0, izslēdz pārējās)",
    );
    assert_on_screens(&screens, "Facebook (1, → atvērs papildu jautājumu)");
    for screen in &screens {
        assert!(!screen.contains("SOCIAL_NETWORKS_URL_"), "{screen}");
    }
}

#[test]
fn other_follow_up_text_with_latvian_letters() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    open_section(&mut app, "communication");
    go_to(&mut app, "P1001");
    cursor_to(&mut app, 99);
    run(&mut app, [Action::Toggle, Action::NextQuestion]);
    assert_eq!(current_code(&app), "P1001_NOTES");
    update(&mut app, Action::Enter);
    update(
        &mut app,
        Action::Paste("Fokusa grupas ar senioriem — ā č ē ģ ī ķ ļ ņ š ū ž".into()),
    );
    update(&mut app, Action::Back);
    assert!(fill(&app).edit.is_none());
    let screens = snapshot_both(&mut app, "follow_up_text");
    assert_on_screens(&screens, "P1001_NOTES");
    assert_on_screens(
        &screens,
        "Fokusa grupas ar senioriem — ā č ē ģ ī ķ ļ ņ š ū ž",
    );
}

#[test]
fn multi_line_text_being_edited() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    update(&mut app, Action::Enter);
    go_to(&mut app, "ACHIEVEMENTS_DESC");
    update(&mut app, Action::Enter);
    typed(&mut app, "Ieviesta e-adrese visiem klientiem;");
    update(&mut app, Action::NewLine);
    typed(&mut app, "elektroniskā dokumentu aprite ar šifrēšanu");
    let edit = fill(&app).edit.as_ref().expect("the text is being edited");
    assert!(edit.multiline);
    assert_eq!(edit.area.lines().len(), 2, "Enter starts a new line");
    let screens = snapshot_both(&mut app, "multiline_editing");
    assert_on_screens(&screens, "Ieviesta e-adrese visiem klientiem;");
    assert_on_screens(&screens, "elektroniskā dokumentu aprite ar šifrēšanu");
    assert_on_screens(&screens, "rakstāt…");
}

#[test]
fn url_list_with_two_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    update(&mut app, Action::Enter);
    go_to(&mut app, "WEB_SITES");
    update(&mut app, Action::Enter);
    typed(&mut app, "https://www.vid.gov.lv");
    update(&mut app, Action::NewLine);
    typed(&mut app, "https://eds.vid.gov.lv");
    update(&mut app, Action::Back);
    assert!(fill(&app).edit.is_none());
    let screens = snapshot_both(&mut app, "url_list");
    assert_on_screens(&screens, "https://www.vid.gov.lv");
    assert_on_screens(&screens, "https://eds.vid.gov.lv");
}

#[test]
fn matrix_with_two_rows_answered() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    open_section(&mut app, "internal_processes");
    choose(&mut app, "V11", 1);
    update(&mut app, Action::NextQuestion);
    assert_eq!(current_code(&app), "V12M", "V11 = 1 shows the matrix");
    // Row 1: option 1; row 2: option 2.
    run(
        &mut app,
        [Action::Right, Action::Down, Action::Right, Action::Right],
    );
    let screens = snapshot_both(&mut app, "matrix");
    for screen in &screens {
        let first = row_of(screen, "[1]");
        assert!(first.contains("Atvaļinājumu pieteikšana"), "{first}");
        let second = row_of(screen, "[2]");
        assert!(second.contains("Komandējumu pieteikšana"), "{second}");
        let third = row_of(screen, "Darba");
        assert!(!third.contains('['), "row 3 is not answered: {third}");
    }
    assert_on_screens(&screens, "Tikai personālvadības sistēmā");
}

#[test]
fn table_with_data_not_available_in_one_cell() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    open_section(&mut app, "internal_processes");
    go_to(&mut app, "DOC_RECEIVED");
    typed(&mut app, "1000");
    update(&mut app, Action::Enter);
    update(&mut app, Action::ToggleNotAvailable);
    let screens = snapshot_both(&mut app, "table_not_available");
    for screen in &screens {
        let d21 = row_of(screen, "D21");
        assert!(d21.contains("1000"), "{d21}");
        // The cell itself, not the "n: Dati nav pieejami" hint under the table. Only the end
        // of the phrase is asserted: the 14-column cell cuts "Dati nav pieejami" (17 letters)
        // from the left, which the snapshot shows as "i nav pieejami".
        let d24 = row_of(screen, "D24");
        assert!(d24.contains("nav pieejami"), "{d24}");
        assert!(!d24.contains('·'), "D24 is answered: {d24}");
        let d28 = row_of(screen, "D28");
        assert!(d28.contains('·'), "D28 is not: {d28}");
    }
}

#[test]
fn services_roster_with_three_services() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    open_section(&mut app, "service_statistics");
    add_services(&mut app, &["Pase", "ID karte", "Uzturēšanās atļauja"]);
    let screens = snapshot_both(&mut app, "roster_services");
    assert_on_screens(&screens, "1. Pase");
    assert_on_screens(&screens, "2. ID karte");
    assert_on_screens(&screens, "3. Uzturēšanās atļauja");
}

#[test]
fn service_statistics_with_channels_that_do_not_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    open_section(&mut app, "service_statistics");
    add_services(&mut app, &["Pase"]);
    update(&mut app, Action::Enter);
    assert_eq!(current_code(&app), "PSTAT");
    for figure in ["120", "50", "10", "8", "50"] {
        typed(&mut app, figure);
        update(&mut app, Action::Enter);
    }
    let screens = snapshot_both(&mut app, "service_table_sum_error");
    assert_on_screens(&screens, "Pakalpojumu uzskaites rādītāji — Pase");
    for screen in &screens {
        let total = row_of(screen, "P52");
        assert!(total.contains("120"), "{total}");
    }
    assert_on_screens(&screens, "Pieteikumu kanālu summa: 118");
    assert_on_screens(
        &screens,
        "Pieteikumu kopskaits (120) nesakrīt ar kanālu summu (118)",
    );
}

#[test]
fn service_form_roster_marks_required_services() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    open_section(&mut app, "service_statistics");
    add_services(&mut app, &["Pase", "ID karte", "Uzturēšanās atļauja"]);
    open_section(&mut app, "service_form");
    assert_eq!(fill(&app).focus, Focus::Roster);
    let screens = snapshot_both(&mut app, "roster_service_form");
    assert_on_screens(&screens, "Individuāla pakalpojuma anketa");
    assert_on_screens(&screens, "★ Pase (jāaizpilda)");
}

// ---------------------------------------------------------------------------------------------
// Windows over the screen

#[test]
fn problems_panel() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    // A saved value below the minimum, so that an error shows among the unanswered questions.
    update(&mut app, Action::Enter);
    typed(&mut app, "-5");
    update(&mut app, Action::Back);
    update(&mut app, Action::Problems);
    assert!(matches!(app.overlay, Some(Overlay::Problems { cursor: 0 })));
    let screens = snapshot_both(&mut app, "problems_panel");
    assert_on_screens(&screens, "Problēmas — ");
    assert_on_screens(&screens, "✗ V00J");
}

#[test]
fn help_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    update(&mut app, Action::Help);
    assert!(matches!(app.overlay, Some(Overlay::Help(_))));
    let screens = snapshot_both(&mut app, "help");
    assert_on_screens(&screens, "Palīdzība — taustiņi");
    assert_on_screens(&screens, "Katra atbilde tiek saglabāta");
    assert_on_screens(&screens, "Esc aizvērt");
}

#[test]
fn confirm_deleting_a_service() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    open_section(&mut app, "service_statistics");
    add_services(&mut app, &["Pase", "ID karte"]);
    update(&mut app, Action::DeleteInstance);
    assert!(matches!(app.overlay, Some(Overlay::Confirm { .. })));
    let screens = snapshot_both(&mut app, "confirm_delete");
    assert_on_screens(&screens, "Dzēst šo ierakstu un visas tā atbildes?");
    assert_on_screens(&screens, "„ID karte”");
    assert_on_screens(&screens, "Enter Jā");
    assert_on_screens(&screens, "Esc Nē");
}

#[test]
fn window_too_small() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    let terminal = draw(&mut app, 40, 12);
    insta::assert_snapshot!("too_small_40x12", terminal.backend());
    let screen = screen_text(&terminal);
    assert!(screen.contains("Logs ir par mazu"), "{screen}");
    assert!(screen.contains("40×12 → 60×18"), "{screen}");
}

#[test]
fn answers_of_hidden_questions_show_greyed_in_the_section_overview() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    open_section(&mut app, "customer_service");
    choose(&mut app, "F14", 1);
    choose(&mut app, "P1020", 1);
    update(&mut app, Action::PrevQuestion);
    assert_eq!(current_code(&app), "F14");
    cursor_to(&mut app, 3);
    update(&mut app, Action::Toggle);
    update(&mut app, Action::Back);
    let screen = screen_text(&draw(&mut app, 120, 40));
    assert!(
        on_screen(&screen, "– P1020") && on_screen(&screen, "paslēpts; atbilde saglabāta"),
        "P1020 keeps its answer, shown as hidden:\n{screen}"
    );
    assert!(
        !on_screen(&screen, "P1012"),
        "hidden and unanswered questions are not listed"
    );
}

#[test]
fn a_roster_question_names_its_instance_where_the_text_has_a_placeholder() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission_with(
        dir.path(),
        Options {
            expert: true,
            role: anketa::exchange::Role::Respondent,
            ..options(dir.path())
        },
    );
    update(&mut app, Action::Enter);
    choose(&mut app, "SOCIAL_NETWORKS_CHOICE", 1);
    open_section(&mut app, "expert_social_networks");
    update(&mut app, Action::Enter);
    go_to(&mut app, "K11M_A");
    let screen = screen_text(&draw(&mut app, 120, 40));
    assert!(
        on_screen(&screen, "Vai Facebook ieraksts ir senāks par 2 nedēļām"),
        "{screen}"
    );
    assert!(!screen.contains("[Galvenais"), "{screen}");
}

/// The question panel's text alone, without the section list beside it, so that text wrapped
/// over its rows reads as one run of words.
fn right_panel(screen: &str) -> String {
    screen
        .lines()
        .map(|l| l.split_once("││").map_or("", |(_, right)| right))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_longest_option_labels_wrap_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    open_section(&mut app, "open_data");
    go_to(&mut app, "A00J");
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("a00j_options_80x24", terminal.backend());
    let screen = right_panel(&screen_text(&terminal));
    let f = fill(&app);
    let item = f.q.questions[f.question].items.start;
    for choice in f.q.items[item].answer.choices() {
        assert!(
            on_screen(&screen, &choice.label),
            "{:?}:\n{screen}",
            choice.label
        );
    }
}

#[test]
fn a_long_explanation_scrolls_and_says_more_follows() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    open_section(&mut app, "customer_service");
    go_to(&mut app, "F14");
    update(&mut app, Action::ToggleHint);
    let screen = right_panel(&screen_text(&draw(&mut app, 80, 24)));
    assert!(
        screen.contains("▼ Ctrl+↑↓"),
        "a sign that more follows:\n{screen}"
    );
    let hint = {
        let f = fill(&app);
        f.q.questions[f.question].hint.clone().unwrap()
    };
    let last_words: Vec<&str> = hint.split_whitespace().rev().take(4).collect();
    let last_words: Vec<&str> = last_words.into_iter().rev().collect();
    assert!(!on_screen(&screen, &last_words.join(" ")), "{screen}");
    for _ in 0..30 {
        update(&mut app, Action::ScrollHintDown);
    }
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("f14_hint_scrolled_80x24", terminal.backend());
    let screen = right_panel(&screen_text(&terminal));
    assert!(
        on_screen(&screen, &last_words.join(" ")),
        "the end of it:\n{screen}"
    );
    assert!(screen.contains("▲"), "{screen}");
}

#[test]
fn the_problems_panel_shows_the_longest_message_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    open_section(&mut app, "internal_processes");
    go_to(&mut app, "INVOICES_RECEIVED");
    for figure in ["10", "5", "1", "3"] {
        typed(&mut app, figure);
        update(&mut app, Action::Enter);
    }
    update(&mut app, Action::Problems);
    // The cursor to the last finding, the check's: the list scrolls to it.
    for _ in 0..fill(&app).eval().findings.len() {
        update(&mut app, Action::Down);
    }
    let terminal = draw(&mut app, 80, 24);
    insta::assert_snapshot!("problems_longest_message_80x24", terminal.backend());
    let screen = screen_text(&terminal);
    assert!(
        on_screen(
            &screen,
            "Saņemto LVS EN 16931 standarta rēķinu skaits (3) nevar pārsniegt saņemto publisko iepirkuma mašīnlasāmo rēķinu skaitu (1)"
        ),
        "{screen}"
    );
}

#[test]
fn a_long_text_wraps_while_it_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    update(&mut app, Action::Enter);
    go_to(&mut app, "ACHIEVEMENTS_DESC");
    let text = "Ieviesta e-pakalpojumu platforma, kas ļauj iedzīvotājiem pieteikties visiem \
                pakalpojumiem tiešsaistē, un pilnveidota dokumentu aprite ar elektronisko parakstu";
    typed(&mut app, text);
    assert!(fill(&app).edit.is_some(), "typing");
    let screen = right_panel(&screen_text(&draw(&mut app, 80, 24)));
    assert!(
        on_screen(&screen, text),
        "the whole text, wrapped:\n{screen}"
    );
}
