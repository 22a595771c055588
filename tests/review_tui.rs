//! Support staff's and the respondent's sides of the review loop in the interface, driven
//! action by action against a real database: what each may change, corrections with their
//! reason and the note that tells the respondent, and the refusals.

mod common;

use anketa::exchange::{QueryStatus, Role, Status};
use anketa::questionnaire::EINDEX_2019;
use anketa::response::Value;
use anketa::store::{AnswerKey, Store};
use anketa::tui::model::{Notice, Overlay, Screen};
use anketa::tui::{Action, open_inbox};
use common::fixtures::eindex;
use common::store::{FIRST, fill, fixture};
use common::tui::{Tui, app_on, go_to, open_section, options, run, typed, update};
use std::path::Path;

/// A database with one complete submission, submitted, its expert part blank.
fn submitted(path: &Path) -> Store {
    let mut f = fixture(path);
    fill(&mut f, eindex(), 2);
    let q = eindex();
    let response = f.store.load_response(FIRST).unwrap();
    for code in response.answers.keys() {
        let item = q.item(code).unwrap();
        if q.parts[q.section_of(item).part].filled_by == anketa::questionnaire::FilledBy::Expert {
            f.store
                .save_answer(FIRST, AnswerKey::top(code), None, f.person)
                .unwrap();
        }
    }
    for roster in ["websites", "social_networks"] {
        for i in response.instances(roster) {
            for code in i.answers.keys() {
                let key = AnswerKey::in_roster(roster, &i.key, code);
                f.store.save_answer(FIRST, key, None, f.person).unwrap();
            }
        }
    }
    f.store
        .set_status(FIRST, Status::Submitted, f.person)
        .unwrap();
    f.store
}

/// Support staff's interface on `store`, the submission opened from the inbox.
fn reviewing(dir: &Path, store: Store) -> Tui {
    let mut opts = options(dir);
    opts.role = Role::Support;
    opts.user = "Jānis Kalniņš".into();
    let mut app = app_on(store, "q.toml", EINDEX_2019.1, opts);
    let Tui { app: a, store, .. } = &mut app;
    open_inbox(a, store);
    assert!(matches!(app.screen, Screen::Inbox(_)));
    update(&mut app, Action::Enter);
    assert!(matches!(app.screen, Screen::Fill(_)));
    app
}

fn error(app: &Tui) -> Option<String> {
    match &app.notice {
        Some(Notice::Error(e)) => Some(e.clone()),
        _ => None,
    }
}

fn answer(store: &Store, code: &str) -> Option<Value> {
    store
        .load_response(FIRST)
        .unwrap()
        .answers
        .get(code)
        .cloned()
}

#[test]
fn support_staff_change_a_respondents_answer_only_with_a_reason_and_the_respondent_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let store = submitted(&dir.path().join("a.db"));
    let before = answer(&store, "V00J");
    let mut app = reviewing(dir.path(), store);
    let first = common::tui::fill(&app).q.sections[0].id.clone();
    open_section(&mut app, &first);
    go_to(&mut app, "V00J");
    update(&mut app, Action::Clear);
    assert!(
        error(&app).is_some_and(|e| e.contains("tikai ar pamatojumu (F11)")),
        "read-only without a reason: {:?}",
        app.notice
    );
    assert_eq!(answer(&app.store, "V00J"), before);

    update(&mut app, Action::Correct);
    assert!(matches!(app.overlay, Some(Overlay::Prompt(_))));
    update(&mut app, Action::Accept);
    assert!(
        error(&app).is_some_and(|e| e.contains("pamatojumu")),
        "a reason is required"
    );
    update(&mut app, Action::Correct);
    typed(&mut app, "Pēc VID datiem: 41 darbinieks");
    update(&mut app, Action::Accept);
    update(&mut app, Action::Clear);
    typed(&mut app, "41");
    update(&mut app, Action::Enter);
    assert_eq!(answer(&app.store, "V00J"), Some(Value::Number(41.0)));
    // Leaving the question ends the correction and tells the respondent.
    update(&mut app, Action::NextQuestion);
    let queries = app.store.queries(FIRST).unwrap();
    let note = queries
        .iter()
        .find(|q| q.code == "V00J")
        .expect("a query tells the respondent");
    assert_eq!(note.status(), QueryStatus::Closed);
    let body = &note.messages[0].body;
    assert!(
        body.contains("V00J") && body.contains("→ 41") && body.contains("Pēc VID datiem"),
        "{body}"
    );
    let audit = app.store.audit(FIRST).unwrap();
    assert!(
        audit.iter().any(|e| e.code == "V00J"
            && e.new_value.as_deref() == Some("{\"number\":41.0}")
            && e.reason.as_deref() == Some("Pēc VID datiem: 41 darbinieks")
            && e.person.as_deref() == Some("Jānis Kalniņš")),
        "the change is audited with who and why"
    );
    // Past the question the respondent's part is read-only again.
    update(&mut app, Action::Clear);
    assert!(error(&app).is_some());
}

#[test]
fn support_staff_fill_the_expert_part_of_a_submitted_submission_and_accepted_is_final() {
    let dir = tempfile::tempdir().unwrap();
    let store = submitted(&dir.path().join("a.db"));
    let mut app = reviewing(dir.path(), store);
    open_section(&mut app, "expert_social_networks");
    update(&mut app, Action::Enter);
    let f = common::tui::fill(&app);
    let code = f.q.questions[f.question].code.clone();
    update(&mut app, Action::Enter);
    assert_eq!(error(&app), None, "the expert part is support staff's");
    let response = app.store.load_response(FIRST).unwrap();
    assert!(
        response.instances("social_networks")[0]
            .answers
            .contains_key(&code),
        "{code} saved"
    );
    // Accepting refuses while expert questions are blank, and names them.
    update(&mut app, Action::AcceptSubmission);
    let Some(Overlay::Text { lines, .. }) = &app.overlay else {
        panic!("a refusal: {:?}", app.notice);
    };
    assert!(lines[0].contains("Pieņemt vēl nevar"), "{lines:?}");
    assert!(
        lines.iter().any(|l| l.contains("eksperta daļa: M08")),
        "{lines:?}"
    );
    assert_eq!(
        app.store.submission(FIRST).unwrap().status,
        Status::Submitted
    );
}

#[test]
fn a_respondent_resubmits_only_once_every_query_is_answered() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = submitted(&dir.path().join("a.db"));
    let reviewer = store.person("Jānis Kalniņš", Role::Support).unwrap();
    store
        .open_query(FIRST, AnswerKey::top("V00J"), "Pārbaudiet skaitu", reviewer)
        .unwrap();
    store.set_status(FIRST, Status::Returned, reviewer).unwrap();
    let mut app = app_on(store, "q.toml", EINDEX_2019.1, options(dir.path()));
    update(&mut app, Action::Enter);
    assert!(
        matches!(app.overlay, Some(Overlay::Queries { cursor: 0 })),
        "a returned submission opens on its queries"
    );
    update(&mut app, Action::Close);
    update(&mut app, Action::Submit);
    let Some(Overlay::Text { lines, .. }) = &app.overlay else {
        panic!("refused: {:?}", app.overlay.is_some());
    };
    assert!(
        lines[0].contains("Vēl neatbildēti") && lines[0].contains("V00J"),
        "{lines:?}"
    );
    update(&mut app, Action::Close);
    // The respondent answers the query: it is then "answered", and submitting goes on.
    run(&mut app, [Action::Queries, Action::Reply]);
    typed(&mut app, "Skaits ir pareizs: 25");
    update(&mut app, Action::Accept);
    let query = &app.store.queries(FIRST).unwrap()[0];
    assert_eq!(query.status(), QueryStatus::Answered);
    assert_eq!(query.messages[1].role, Role::Respondent);
    assert_eq!(query.messages[1].author, "Ilze Bērziņa");
    run(&mut app, [Action::Close, Action::Submit]);
    assert!(
        !matches!(&app.overlay, Some(Overlay::Text { .. })),
        "no longer refused"
    );
}

#[test]
fn figures_that_stand_out_against_the_cohort_are_shown_to_support_staff_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = common::tui::demo_store(dir.path());
    // The demo cohort has a few figures far from the others: take a submission with one.
    let (id, flags) = store
        .submissions()
        .unwrap()
        .into_iter()
        .map(|s| (s.id, anketa::inbox::plausibility(&store, s.id).unwrap()))
        .find(|(_, flags)| !flags.is_empty())
        .expect("some demo figure stands out");
    let name = store.submission(id).unwrap().institution;
    let text = anketa::i18n::flag_text(anketa::i18n::Lang::Lv, &flags[0]);
    assert!(text.starts_with('≈') && text.contains("mediāna"), "{text}");
    let start = |n: usize| text.chars().take(n).collect::<String>();

    let mut opts = options(dir.path());
    opts.role = Role::Support;
    let mut app = app_on(store, "q.toml", EINDEX_2019.1, opts);
    let Tui { app: a, store, .. } = &mut app;
    open_inbox(a, store);
    typed(&mut app, &name);
    run(&mut app, [Action::Enter, Action::Problems]);
    let screen = common::tui::screen_text(&common::tui::draw(&mut app, 120, 40));
    assert!(screen.contains(&start(60)), "{screen}");
    // Enter on it goes to its question, where it is shown again.
    let findings = common::tui::fill(&app).eval().findings.len();
    for _ in 0..findings {
        update(&mut app, Action::Down);
    }
    update(&mut app, Action::Enter);
    assert_eq!(common::tui::current_code(&app), {
        let f = common::tui::fill(&app);
        f.q.question_of(f.q.item(&flags[0].place.item).unwrap())
            .code
            .clone()
    });
    let screen = common::tui::screen_text(&common::tui::draw(&mut app, 120, 40));
    assert!(screen.contains(&start(40)), "{screen}");

    // A respondent opening the same submission is not shown them.
    let Tui { store, .. } = app;
    let mut app = app_on(store, "q.toml", EINDEX_2019.1, options(dir.path()));
    common::tui::choose_on_start(&mut app, |s| s.id == id);
    update(&mut app, Action::Enter);
    assert!(common::tui::fill(&app).flags.is_empty());
}

#[test]
fn the_inbox_shows_at_once_and_evaluates_the_rest_as_time_passes() {
    let dir = tempfile::tempdir().unwrap();
    let store = common::tui::demo_store(dir.path());
    let total = store.submissions().unwrap().len();
    let mut opts = options(dir.path());
    opts.role = Role::Support;
    let mut app = app_on(store, "q.toml", EINDEX_2019.1, opts);
    let Tui { app: a, store, .. } = &mut app;
    open_inbox(a, store);
    let evaluated = |app: &Tui| match &app.screen {
        Screen::Inbox(inbox) => inbox.evaluated(),
        _ => unreachable!("on the inbox"),
    };
    let first = evaluated(&app);
    assert!(
        first > 0 && first < total,
        "{first} of {total} before the first frame"
    );
    let screen = common::tui::screen_text(&common::tui::draw(&mut app, 120, 40));
    assert!(
        screen.contains(&format!("pārbauda {first}/{total}")),
        "the title says how far it is:\n{screen}"
    );
    let top = screen.lines().nth(4).unwrap();
    assert!(
        !top.split_whitespace().any(|w| w == "…"),
        "the rows on screen are evaluated: {top}"
    );
    app.wait(std::time::Duration::from_millis(200));
    assert_eq!(evaluated(&app), total, "the rest follow at the next tick");
    let screen = common::tui::screen_text(&common::tui::draw(&mut app, 120, 40));
    assert!(!screen.contains("pārbauda"), "{screen}");
    let unevaluated = |s: &str| s.lines().any(|l| l.split_whitespace().any(|w| w == "…"));
    assert!(!unevaluated(&screen));
}

#[test]
fn the_history_of_an_answer_says_who_changed_it_from_what_to_what() {
    let dir = tempfile::tempdir().unwrap();
    let memory = anketa::tui::effects::Memory::new();
    let mut app = app_on(memory, "q.toml", EINDEX_2019.1, options(dir.path()));
    common::tui::fill_start_form(&mut app, "Valsts ieņēmumu dienests");
    update(&mut app, Action::Enter);
    let first = common::tui::fill(&app).q.sections[0].id.clone();
    open_section(&mut app, &first);
    go_to(&mut app, "V00J");
    for figure in ["25", "26"] {
        update(&mut app, Action::Clear);
        typed(&mut app, figure);
        run(&mut app, [Action::Enter, Action::PrevQuestion]);
        assert_eq!(common::tui::current_code(&app), "V00J");
    }
    update(&mut app, Action::History);
    let Some(Overlay::Text { lines, .. }) = &app.overlay else {
        panic!("the history window");
    };
    let changes: Vec<&String> = lines.iter().filter(|l| l.contains("V00J")).collect();
    let said = |change: &str| {
        changes
            .iter()
            .any(|l| l.contains("Ilze Bērziņa") && l.ends_with(change))
    };
    assert!(said("V00J (nav atbildes) → 25"), "{lines:?}");
    assert!(said("V00J 25 → (nav atbildes)"), "cleared: {lines:?}");
    assert!(said("V00J (nav atbildes) → 26"), "{lines:?}");
    assert_eq!(changes.len(), 3, "nothing unchanged is listed: {lines:?}");
}
