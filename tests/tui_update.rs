//! `update` driven action by action, as the keyboard would, against a real database.

mod common;

use anketa::exchange::Status;
use anketa::questionnaire::EINDEX_2019;
use anketa::response::Value;
use anketa::tui::action::TextEdit;
use anketa::tui::effects::Memory;
use anketa::tui::model::{Focus, Overlay, SAVE_AFTER_PAUSE};
use anketa::tui::{Action, Effects};
use common::tui::{
    Tui, app_for, app_on, current_code, cursor_to, draw_both, fill, fill_start_form,
    fill_start_form_with, new_submission, open_section, options, run, typed, update,
};
use std::time::Duration;

fn stored(app: &Tui, code: &str) -> Option<Value> {
    app.store
        .load_response(fill(app).submission.id)
        .unwrap()
        .answers
        .get(code)
        .cloned()
}

#[test]
fn the_form_creates_a_submission_and_the_first_answer_is_saved_on_leaving_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    assert_eq!(fill(&app).focus, Focus::Sections);
    assert_eq!(
        fill(&app).submission.institution,
        "Valsts ieņēmumu dienests"
    );
    update(&mut app, Action::Enter);
    assert_eq!(current_code(&app), "V00J");
    typed(&mut app, "12");
    assert_eq!(
        stored(&app, "V00J"),
        None,
        "typing is not saved before a pause or leaving"
    );
    assert_eq!(
        fill(&app).response().answers["V00J"],
        Value::Number(12.0),
        "but filters see it"
    );
    update(&mut app, Action::NextQuestion);
    assert_eq!(stored(&app, "V00J"), Some(Value::Number(12.0)));
    assert_eq!(current_code(&app), "D61J");
}

#[test]
fn quitting_while_typing_saves_what_was_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    update(&mut app, Action::Enter);
    typed(&mut app, "41");
    update(&mut app, Action::Quit);
    assert!(app.quit);
    assert_eq!(stored(&app, "V00J"), Some(Value::Number(41.0)));
}

#[test]
fn a_single_choice_is_chosen_with_enter_and_filters_follow_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    run(&mut app, [Action::Enter, Action::NextQuestion]);
    assert_eq!(current_code(&app), "D61J");
    let f21 = fill(&app).q.item("F21").unwrap();
    cursor_to(&mut app, 1);
    update(&mut app, Action::Enter);
    assert_eq!(stored(&app, "D61J"), Some(Value::Choice(1)));
    assert_eq!(current_code(&app), "F00", "choosing moves on");
    assert!(
        fill(&app).eval().is_visible(f21, None, &fill(&app).q),
        "D61J = 1 shows F21"
    );
    update(&mut app, Action::PrevQuestion);
    cursor_to(&mut app, 2);
    update(&mut app, Action::Toggle);
    assert!(
        !fill(&app).eval().is_visible(f21, None, &fill(&app).q),
        "D61J = 2 hides it"
    );
}

#[test]
fn exclusive_options_clear_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    update(&mut app, Action::Enter);
    while current_code(&app) != "SOCIAL_NETWORKS_CHOICE" {
        update(&mut app, Action::NextQuestion);
    }
    cursor_to(&mut app, 1);
    update(&mut app, Action::Toggle);
    cursor_to(&mut app, 3);
    update(&mut app, Action::Toggle);
    assert_eq!(
        stored(&app, "SOCIAL_NETWORKS_CHOICE"),
        Some(Value::Choices(vec![1, 3]))
    );
    cursor_to(&mut app, 0);
    update(&mut app, Action::Toggle);
    assert_eq!(
        stored(&app, "SOCIAL_NETWORKS_CHOICE"),
        Some(Value::Choices(vec![0]))
    );
    cursor_to(&mut app, 4);
    update(&mut app, Action::Toggle);
    assert_eq!(
        stored(&app, "SOCIAL_NETWORKS_CHOICE"),
        Some(Value::Choices(vec![4]))
    );
}

#[test]
fn choosing_other_opens_its_follow_up_next() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    open_section(&mut app, "communication");
    while current_code(&app) != "P1001" {
        update(&mut app, Action::NextQuestion);
    }
    cursor_to(&mut app, 99);
    update(&mut app, Action::Toggle);
    update(&mut app, Action::NextQuestion);
    assert_eq!(current_code(&app), "P1001_NOTES");
    update(&mut app, Action::Enter);
    update(
        &mut app,
        Action::Paste("Fokusa grupas ar senioriem — ā č ē".into()),
    );
    update(&mut app, Action::Back);
    assert_eq!(
        stored(&app, "P1001_NOTES"),
        Some(Value::Text("Fokusa grupas ar senioriem — ā č ē".into()))
    );
}

#[test]
fn pasted_text_is_normalised_to_nfc() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    update(&mut app, Action::Enter);
    while current_code(&app) != "ACHIEVEMENTS_DESC" {
        update(&mut app, Action::NextQuestion);
    }
    update(&mut app, Action::Enter);
    // "ē" and "š" written as a letter plus a combining mark, as some programs paste them.
    update(
        &mut app,
        Action::Paste("e\u{304}-pakalpojumi, s\u{30c}ifrēšana".into()),
    );
    typed(&mut app, " ģ ķ ļ ņ ū ž");
    update(&mut app, Action::NextQuestion);
    assert_eq!(
        stored(&app, "ACHIEVEMENTS_DESC"),
        Some(Value::Text("ē-pakalpojumi, šifrēšana ģ ķ ļ ņ ū ž".into()))
    );
}

#[test]
fn not_available_is_its_own_answer_in_tables() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    open_section(&mut app, "internal_processes");
    while current_code(&app) != "DOC_RECEIVED" {
        update(&mut app, Action::NextQuestion);
    }
    typed(&mut app, "1000");
    update(&mut app, Action::Enter);
    assert_eq!(stored(&app, "D21"), Some(Value::Number(1000.0)));
    assert_eq!(fill(&app).cursor, 1, "Enter moves down the table");
    update(&mut app, Action::ToggleNotAvailable);
    assert_eq!(stored(&app, "D24"), Some(Value::NotAvailable));
    update(&mut app, Action::ToggleNotAvailable);
    assert_eq!(stored(&app, "D24"), None, "pressing it again takes it back");
}

#[test]
fn table_checks_show_as_soon_as_figures_disagree() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    open_section(&mut app, "internal_processes");
    while current_code(&app) != "DOC_RECEIVED" {
        update(&mut app, Action::NextQuestion);
    }
    typed(&mut app, "10");
    update(&mut app, Action::Enter);
    typed(&mut app, "12");
    let f = fill(&app);
    let d24 = f.q.item("D24").unwrap();
    let messages: Vec<String> = f
        .findings_on(d24)
        .map(|x| anketa::i18n::finding_message(anketa::i18n::Lang::Lv, x))
        .collect();
    assert_eq!(
        messages,
        ["Elektronisko dokumentu skaits (12) nevar pārsniegt saņemto dokumentu kopskaitu (10)"],
        "the check runs while typing, before the field is left"
    );
}

#[test]
fn services_are_added_renamed_reordered_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    open_section(&mut app, "service_statistics");
    assert_eq!(fill(&app).focus, Focus::Roster);
    for name in ["Pase", "ID karte", "Vīza"] {
        update(&mut app, Action::AddInstance);
        assert!(matches!(app.overlay, Some(Overlay::Prompt(_))));
        typed(&mut app, name);
        update(&mut app, Action::Accept);
    }
    let labels = |app: &Tui| -> Vec<String> {
        app.store
            .load_response(fill(app).submission.id)
            .unwrap()
            .instances("services")
            .iter()
            .map(|i| i.label.clone())
            .collect()
    };
    assert_eq!(labels(&app), ["Pase", "ID karte", "Vīza"]);
    assert_eq!(fill(&app).instance, 2, "the cursor is on the new service");
    update(&mut app, Action::MoveInstanceUp);
    assert_eq!(labels(&app), ["Pase", "Vīza", "ID karte"]);
    update(&mut app, Action::RenameInstance);
    for _ in 0.."Vīza".len() {
        update(&mut app, Action::EditText(TextEdit::DeleteBack));
    }
    typed(&mut app, "Uzturēšanās atļauja");
    update(&mut app, Action::Accept);
    assert_eq!(labels(&app), ["Pase", "Uzturēšanās atļauja", "ID karte"]);
    update(&mut app, Action::DeleteInstance);
    assert!(matches!(app.overlay, Some(Overlay::Confirm { .. })));
    update(&mut app, Action::No);
    assert_eq!(labels(&app).len(), 3, "no deletes without a yes");
    update(&mut app, Action::DeleteInstance);
    update(&mut app, Action::Yes);
    assert_eq!(labels(&app), ["Pase", "ID karte"]);
}

#[test]
fn service_figures_are_checked_per_service_and_computed_live() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    open_section(&mut app, "service_statistics");
    update(&mut app, Action::AddInstance);
    typed(&mut app, "Pase");
    update(&mut app, Action::Accept);
    update(&mut app, Action::Enter);
    assert_eq!(current_code(&app), "PSTAT");
    for figure in ["120", "50", "10", "8", "50"] {
        typed(&mut app, figure);
        update(&mut app, Action::Enter);
    }
    let f = fill(&app);
    let p52 = f.q.item("P52").unwrap();
    let messages: Vec<String> = f
        .findings_on(p52)
        .map(|x| anketa::i18n::finding_message(anketa::i18n::Lang::Lv, x))
        .collect();
    assert_eq!(
        messages,
        ["Pieteikumu kopskaits (120) nesakrīt ar kanālu summu (118)"]
    );
    let question = &f.q.questions[f.question];
    let sum = anketa::rules::display_value(
        &f.q,
        &anketa::rules::Answers::new(&f.q, f.response()),
        f.eval(),
        &question.computed[0].value,
        Some((0, 0)),
    );
    assert_eq!(sum, "118");
}

#[test]
fn submitting_is_refused_while_errors_remain() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    update(&mut app, Action::Submit);
    assert!(
        matches!(app.overlay, Some(Overlay::Problems { .. })),
        "the problems are shown"
    );
    assert_eq!(
        app.notice,
        Some(anketa::tui::model::Notice::Error(
            "Nevar iesniegt: vispirms izlabojiet kļūdas.".into()
        ))
    );
    let status = app
        .store
        .submission(fill(&app).submission.id)
        .unwrap()
        .status;
    assert_eq!(status, Status::Draft);
}

const WITH_WARNING: &str = r#"
id = "mini"
version = "1"
title = "Mini"
languages = ["lv"]

[[parts]]
id = "respondent"
title = "Respondenti"
filled_by = "respondent"

[[sections]]
id = "s"
part = "respondent"
title = "Skaitļi"

[[sections.questions]]
code = "A"
text = "Cik darbinieku?"
type = "integer"
min = 0

[[sections.questions.checks]]
name = "a_large"
assert = "A < 1000"
severity = "warning"
message = "{A} darbinieku ir daudz; vai skaitlis ir pareizs?"
"#;

#[test]
fn submitting_asks_to_acknowledge_each_warning_then_offers_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_for(dir.path(), WITH_WARNING);
    fill_start_form_with(&mut app, "Mazā iestāde", "", "2024", "Jānis");
    update(&mut app, Action::Enter);
    update(&mut app, Action::Enter);
    typed(&mut app, "1500");
    update(&mut app, Action::Back);
    update(&mut app, Action::Submit);
    let Some(Overlay::Prompt(prompt)) = &app.overlay else {
        panic!("the warning must be acknowledged");
    };
    assert!(
        prompt
            .detail
            .as_deref()
            .unwrap()
            .contains("1500 darbinieku ir daudz")
    );
    typed(&mut app, "Sezonas darbinieki");
    update(&mut app, Action::Accept);
    assert!(
        matches!(app.overlay, Some(Overlay::Confirm { .. })),
        "then: submit now?"
    );
    update(&mut app, Action::Yes);
    let id = fill(&app).submission.id;
    assert_eq!(app.store.submission(id).unwrap().status, Status::Submitted);
    assert!(
        matches!(app.overlay, Some(Overlay::Prompt(_))),
        "then: where to save the file"
    );
    update(&mut app, Action::Accept);
    let file = dir.path().join("anketa-Mazā-iestāde-2024.json");
    let bytes = std::fs::read(&file).expect("the submission file is written");
    let record = anketa::exchange::read(&bytes)
        .unwrap()
        .submissions
        .remove(0);
    assert_eq!(record.acknowledgements[0].comment, "Sezonas darbinieki");
    assert_eq!(record.status, Status::Submitted);
    // A submitted submission is read-only.
    update(&mut app, Action::Enter);
    typed(&mut app, "1");
    assert_eq!(
        app.store.load_response(id).unwrap().answers["A"],
        Value::Number(1500.0)
    );
}

#[test]
fn reopening_lands_where_the_respondent_left_off() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut app = new_submission(dir.path());
        open_section(&mut app, "customer_service");
        update(&mut app, Action::NextQuestion);
        assert_eq!(current_code(&app), "F14");
        update(&mut app, Action::Quit);
    }
    let mut app = app_for(dir.path(), EINDEX_2019.1);
    update(&mut app, Action::Enter);
    assert_eq!(fill(&app).focus, Focus::Question);
    assert_eq!(current_code(&app), "F14");
}

#[test]
fn letters_typed_on_a_text_question_are_the_answer_not_commands() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    update(&mut app, Action::Enter);
    common::tui::go_to(&mut app, "WEB_SITES");
    // Through the keymap, as the terminal delivers them: every letter, `v`, `s` and `q` too.
    for c in "https://www.vid.gov.lv/qs".chars() {
        let key = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        );
        let action = anketa::tui::keymap::action_for(app.mode(), app.opts.role, key).unwrap();
        update(&mut app, action);
    }
    assert!(!app.quit, "q did not quit");
    assert!(app.overlay.is_none(), "s did not start submitting");
    assert!(matches!(app.screen, anketa::tui::model::Screen::Fill(_)));
    update(&mut app, Action::Back);
    assert_eq!(
        stored(&app, "WEB_SITES"),
        Some(Value::Urls(vec!["https://www.vid.gov.lv/qs".into()]))
    );
}

#[test]
fn the_expert_part_is_never_required_of_a_respondent() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    update(&mut app, Action::Enter);
    common::tui::go_to(&mut app, "WEB_SITES");
    update(&mut app, Action::Enter);
    typed(&mut app, "https://www.vid.gov.lv");
    update(&mut app, Action::NextQuestion);
    common::tui::choose(&mut app, "SOCIAL_NETWORKS_CHOICE", 1);
    let f = fill(&app);
    let expert: Vec<String> = f
        .eval()
        .findings
        .iter()
        .filter(|finding| {
            let part = f.q.sections[finding.location.section].part;
            f.q.parts[part].filled_by == anketa::questionnaire::FilledBy::Expert
        })
        .map(|finding| f.q.items[finding.location.item].code.clone())
        .collect();
    assert_eq!(expert, Vec::<String>::new(), "no expert-part findings");
    assert!(
        !f.eval()
            .findings
            .iter()
            .any(|finding| f.q.items[finding.location.item].code.starts_with("M08")),
        "M08 is the expert's"
    );
}

#[test]
fn not_available_toggles_back_to_the_figure_it_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    open_section(&mut app, "internal_processes");
    common::tui::go_to(&mut app, "DOC_RECEIVED");
    typed(&mut app, "1000");
    // `n` while typing, and again when not.
    typed(&mut app, "n");
    assert_eq!(stored(&app, "D21"), Some(Value::NotAvailable));
    assert!(fill(&app).edit.is_none());
    typed(&mut app, "n");
    assert_eq!(
        stored(&app, "D21"),
        Some(Value::Number(1000.0)),
        "the figure comes back"
    );
    // Enter opens the figure selected: what is typed replaces it.
    update(&mut app, Action::Enter);
    typed(&mut app, "250");
    update(&mut app, Action::Back);
    assert_eq!(stored(&app, "D21"), Some(Value::Number(250.0)));
}

#[test]
fn a_paste_that_is_not_one_number_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    update(&mut app, Action::Enter);
    assert_eq!(current_code(&app), "V00J");
    typed(&mut app, "25");
    update(&mut app, Action::Back);
    update(&mut app, Action::Paste("1 234\n56".into()));
    assert!(
        matches!(&app.notice, Some(anketa::tui::model::Notice::Error(e)) if e.contains("nav viens skaitlis")),
        "{:?}",
        app.notice
    );
    update(&mut app, Action::NextQuestion);
    assert_eq!(
        stored(&app, "V00J"),
        Some(Value::Number(25.0)),
        "nothing stored"
    );
    update(&mut app, Action::PrevQuestion);
    update(&mut app, Action::Paste("1 234".into()));
    update(&mut app, Action::Back);
    assert_eq!(stored(&app, "V00J"), Some(Value::Number(1234.0)));
}

#[test]
fn the_reporting_year_starts_at_the_default_and_refuses_letters_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_for(dir.path(), EINDEX_2019.1);
    let form = |app: &Tui| match &app.screen {
        anketa::tui::model::Screen::Start(s) => {
            s.form.as_ref().map(|f| (f.values[4].clone(), f.error))
        }
        _ => None,
    };
    assert_eq!(
        form(&app).unwrap().0,
        "2019",
        "the previous calendar year, passed in"
    );
    run(&mut app, std::iter::repeat_n(Action::NextField, 4));
    typed(&mut app, "x");
    let (year, error) = form(&app).unwrap();
    assert_eq!(year, "2019", "the letter is not typed");
    assert_eq!(error, Some(anketa::i18n::T::YearDigitsOnly), "and says why");
    typed(&mut app, "2024");
    assert_eq!(form(&app).unwrap().0, "2024", "typing replaces the default");
}

#[test]
fn neattiecas_is_its_own_answer_in_the_invoice_table_and_scores_as_not_applying() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    open_section(&mut app, "internal_processes");
    common::tui::go_to(&mut app, "INVOICES_ISSUED");
    typed(&mut app, "40");
    // `x` while typing a figure: "Neattiecas", neither 0 nor "Dati nav pieejami".
    typed(&mut app, "x");
    assert_eq!(stored(&app, "D51"), Some(Value::NotApplicable));
    typed(&mut app, "x");
    assert_eq!(stored(&app, "D51"), Some(Value::Number(40.0)), "and back");
    typed(&mut app, "n");
    assert_eq!(stored(&app, "D51"), Some(Value::NotAvailable));
    typed(&mut app, "x");
    assert_eq!(
        stored(&app, "D51"),
        Some(Value::NotApplicable),
        "from one to the other"
    );
    let f = fill(&app);
    assert!(
        !f.eval()
            .findings
            .iter()
            .any(|finding| f.q.items[finding.location.item].code == "D51"),
        "answered"
    );

    // Scored as not applying: the machine-readable share counts in no maximum.
    let (file, text) = anketa::scoring::EINDEX_2019_SCORING;
    let model = anketa::scoring::load(file, text, &f.q).unwrap();
    let eval = anketa::rules::evaluate(&f.q, f.response());
    let score = model.score(&f.q, f.response(), &eval);
    let label = "Mašīnlasāmo rēķinu īpatsvars izrakstītajos rēķinos";
    let item = model
        .themes
        .iter()
        .zip(&score.themes)
        .flat_map(|(t, s)| t.subthemes.iter().zip(&s.subthemes))
        .flat_map(|(t, s)| t.items.iter().zip(&s.items))
        .find(|(def, _)| matches!(def, anketa::scoring::Item::Value(v) if v.label == label))
        .map(|(_, s)| s.applies)
        .unwrap();
    assert!(!item, "einvoices_issued does not apply");
}

#[test]
fn enter_on_a_problem_goes_to_its_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    update(&mut app, Action::Problems);
    let f = fill(&app);
    let at = f
        .eval()
        .findings
        .iter()
        .position(|finding| f.q.items[finding.location.item].code == "F14")
        .expect("F14 is unanswered");
    for _ in 0..at {
        update(&mut app, Action::Down);
    }
    update(&mut app, Action::Enter);
    assert!(app.overlay.is_none(), "the panel closes");
    assert_eq!(fill(&app).focus, Focus::Question);
    assert_eq!(current_code(&app), "F14", "on the question");
}

/// A new submission kept in memory, at its first question (V00J, a number).
fn on_v00j_in_memory(dir: &std::path::Path) -> Tui<Memory> {
    let mut app = app_on(Memory::new(), "q.toml", EINDEX_2019.1, options(dir));
    fill_start_form(&mut app, common::INSTITUTION);
    update(&mut app, Action::Enter);
    update(&mut app, Action::Enter);
    assert_eq!(current_code(&app), "V00J");
    app
}

/// What the memory keeps as the answer to V00J.
fn kept(app: &Tui<Memory>) -> Option<Value> {
    app.store
        .response_of(fill(app).submission.id)
        .and_then(|r| r.answers.get("V00J").cloned())
}

#[test]
fn typing_that_pauses_is_saved_after_the_pause_without_leaving_the_field() {
    let dir = tempfile::tempdir().unwrap();
    // In memory: the pause is the time the test hands in, and nothing is written to a disk.
    let mut app = on_v00j_in_memory(dir.path());
    typed(&mut app, "12");
    let almost = SAVE_AFTER_PAUSE - Duration::from_millis(1);
    app.wait(almost);
    assert_eq!(kept(&app), None, "not before the pause is over");
    typed(&mut app, "3");
    app.wait(almost);
    assert_eq!(kept(&app), None, "a key starts the pause again");
    app.wait(Duration::from_millis(1));
    assert_eq!(kept(&app), Some(Value::Number(123.0)));
    assert!(fill(&app).edit.is_some(), "still typing");
}

#[test]
fn a_refused_save_says_so_keeps_the_answer_and_saves_it_once_the_disk_takes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = on_v00j_in_memory(dir.path());
    app.store.refuse_writes = Some("the disk is full".into());
    typed(&mut app, "12");
    update(&mut app, Action::Enter);
    assert_eq!(kept(&app), None);
    let [screen, _] = draw_both(&mut app, |_, _, _| {});
    assert!(screen.contains("NAV SAGLABĀTS"), "{screen}");
    assert!(screen.contains("the disk is full"), "{screen}");
    assert_eq!(
        fill(&app).response().answers.get("V00J"),
        Some(&Value::Number(12.0)),
        "still on screen"
    );
    app.store.refuse_writes = None;
    app.wait(SAVE_AFTER_PAUSE);
    assert_eq!(
        kept(&app),
        Some(Value::Number(12.0)),
        "saved on the next try"
    );
    let [screen, _] = draw_both(&mut app, |_, _, _| {});
    assert!(!screen.contains("NAV SAGLABĀTS"), "{screen}");
}

/// Without a scoring model, the results key shows the questionnaire's answer tables over
/// what was handed in (a draft is not counted; once submitted, it is), saying why there are
/// no scores; Esc goes back to the question being answered.
#[test]
fn without_scoring_the_results_key_shows_the_answer_tables_and_goes_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = on_v00j_in_memory(dir.path());
    typed(&mut app, "12");
    update(&mut app, Action::Enter);
    let at = current_code(&app);
    let tables = |app: &Tui<Memory>| match &app.screen {
        anketa::tui::model::Screen::Report(view) => view.page.report.clone(),
        _ => panic!("the answer tables are shown"),
    };
    update(&mut app, Action::Results);
    assert_eq!(tables(&app).n, 0, "a draft is not counted");
    assert!(
        matches!(&app.notice, Some(anketa::tui::model::Notice::Info(t)) if t.contains("nav vērtēšanas modeļa")),
        "{:?}",
        app.notice
    );
    update(&mut app, Action::Back);
    assert_eq!(
        current_code(&app),
        at,
        "back on the question it was opened from"
    );

    let id = fill(&app).submission.id;
    let person = fill(&app).person;
    app.store.set_status(id, Status::Submitted, person).unwrap();
    update(&mut app, Action::Results);
    let report = tables(&app);
    assert_eq!(report.n, 1, "a submitted one is");
    let v00j = report.tables.iter().find(|t| t.code == "V00J").unwrap();
    assert!(
        matches!(&v00j.kind, anketa::report::Tally::Number(f) if f.sum == 12.0),
        "{v00j:?}"
    );
}

/// A typed character is no answer to a choice: on a multiple choice it neither starts typing
/// nor leaves a text in the answers that the database never gets (found by `tui_fuzz`).
#[test]
fn a_character_typed_on_a_choice_question_answers_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    open_section(&mut app, "communication");
    while current_code(&app) != "P1001" {
        update(&mut app, Action::NextQuestion);
    }
    typed(&mut app, "1");
    assert!(fill(&app).edit.is_none(), "not typing");
    assert_eq!(fill(&app).response().answers.get("P1001"), None);
    assert_eq!(stored(&app, "P1001"), None);
}
