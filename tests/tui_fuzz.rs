//! Any sequence of key presses, at any window size, neither panics nor loses what was saved:
//! after the last key, the database holds exactly the answers the interface shows.

mod common;

use anketa::questionnaire::EINDEX_2019;
use anketa::store::Store;
use anketa::tui::action::TextEdit;
use anketa::tui::model::Screen;
use anketa::tui::{Action, Options, view};
use common::tui::{app_on, eindex_scoring, fill_start_form_with, options, update};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        8 => Just(Action::Down),
        4 => Just(Action::Up),
        2 => Just(Action::Left),
        2 => Just(Action::Right),
        6 => Just(Action::NextQuestion),
        2 => Just(Action::PrevQuestion),
        6 => Just(Action::Enter),
        4 => Just(Action::Toggle),
        3 => Just(Action::Back),
        6 => prop::sample::select(vec!['1', '0', '9', 'ā', 'ž', 'x', ' ', '-', ',', 'n']).prop_map(Action::Type),
        1 => "\\PC{0,12}".prop_map(Action::Paste),
        2 => Just(Action::ToggleNotAvailable),
        1 => Just(Action::Clear),
        1 => Just(Action::ToggleHint),
        1 => Just(Action::Help),
        1 => Just(Action::Problems),
        1 => Just(Action::Submit),
        2 => Just(Action::AddInstance),
        1 => Just(Action::RenameInstance),
        1 => Just(Action::DeleteInstance),
        1 => Just(Action::MoveInstanceUp),
        1 => Just(Action::MoveInstanceDown),
        3 => Just(Action::Yes),
        2 => Just(Action::No),
        2 => Just(Action::Accept),
        1 => Just(Action::Cancel),
        1 => Just(Action::Close),
        1 => Just(Action::NextField),
        1 => Just(Action::PrevField),
        1 => Just(Action::PageDown),
        1 => Just(Action::NextTab),
        1 => Just(Action::NewLine),
        2 => prop::sample::select(vec![
            TextEdit::Left,
            TextEdit::WordLeft,
            TextEdit::LineEnd,
            TextEdit::Up,
            TextEdit::DeleteBack,
            TextEdit::DeleteWordBack,
            TextEdit::DeleteToLineStart,
            TextEdit::Undo,
        ])
        .prop_map(Action::EditText),
        1 => Just(Action::Tick),
        1 => Just(Action::Results),
        1 => Just(Action::Report),
        1 => Just(Action::NextYear),
        1 => Just(Action::PageUp),
        1 => (1u16..130, 1u16..50).prop_map(|(w, h)| Action::Resize(w, h)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_keys_at_any_size_never_panic(
        actions in prop::collection::vec(action(), 1..160),
        sizes in prop::collection::vec((1u16..130, 1u16..50), 1..4),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("a.db")).unwrap();
        let mut app = app_on(
            store,
            EINDEX_2019.0,
            EINDEX_2019.1,
            Options {
                expert: true,
                role: anketa::exchange::Role::Respondent,
                color: true,
                scoring: eindex_scoring(),
                ..options(dir.path())
            },
        );
        // Start with a submission, as a respondent would.
        fill_start_form_with(&mut app, "Iestāde", "", "2019", "Anna");
        update(&mut app, Action::Enter);
        for (i, a) in actions.into_iter().enumerate() {
            if a == Action::Quit {
                continue;
            }
            update(&mut app, a);
            let (w, h) = sizes[i % sizes.len()];
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal.draw(|f| view::draw(f, &app)).unwrap();
        }
        update(&mut app, Action::Quit);
        prop_assert!(app.quit);
        let shown = match &app.screen {
            Screen::Fill(fill) => Some(fill),
            Screen::Results(view) => view.back.as_ref(),
            Screen::Report(view) => view.back.as_ref(),
            Screen::Start(_) | Screen::Inbox(_) => None,
        }
        .map(|fill| (fill.submission.id, fill.response().clone()));
        // Whatever happened, the database still opens and holds a readable submission.
        drop(app);
        let store = Store::open(&dir.path().join("a.db")).unwrap();
        // (Esc can leave a submission and Enter start another: at least the first is there.)
        let submissions = store.submissions().unwrap();
        prop_assert!(!submissions.is_empty());
        for s in &submissions {
            prop_assert!(store.load_response(s.id).is_ok());
        }
        if let Some((id, response)) = shown {
            prop_assert_eq!(store.load_response(id).unwrap(), response);
        }
    }
}
