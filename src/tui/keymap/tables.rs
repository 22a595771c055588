//! The tables of the keymap: each mode's keys, and the groups of keys shared between modes.

use super::{Binding, KeySpec, SPACE, b, c, k, quiet, shift};
use crate::i18n::T;
use crate::tui::action::{Action, TextEdit};
use crossterm::event::{KeyCode, KeyModifiers};

const UP: Binding = b(&[k(KeyCode::Up)], Action::Up, "↑↓", T::KeyMove);
const DOWN: Binding = quiet(&[k(KeyCode::Down)], Action::Down);
const NEXT: Binding = b(
    &[k(KeyCode::Tab), k(KeyCode::PageDown)],
    Action::NextQuestion,
    "Tab",
    T::KeyNextQuestion,
);
const PREV: Binding = b(
    &[
        shift(KeyCode::BackTab),
        k(KeyCode::BackTab),
        k(KeyCode::PageUp),
    ],
    Action::PrevQuestion,
    "⇧Tab",
    T::KeyPrevQuestion,
);
const BACK: Binding = b(&[k(KeyCode::Esc)], Action::Back, "Esc", T::KeyBack);
const HINT: Binding = b(
    &[c('h'), k(KeyCode::F(2))],
    Action::ToggleHint,
    "h",
    T::KeyHint,
);
const PROBLEMS: Binding = b(
    &[c('p'), k(KeyCode::F(8))],
    Action::Problems,
    "p",
    T::KeyProblems,
);
const SUBMIT: Binding = b(
    &[c('s'), k(KeyCode::F(10))],
    Action::Submit,
    "s",
    T::KeySubmit,
);
const HELP: Binding = b(&[c('?'), k(KeyCode::F(1))], Action::Help, "?", T::KeyHelp);
const QUIT: Binding = b(
    &[c('q'), ctrl(KeyCode::Char('q'))],
    Action::Quit,
    "q",
    T::KeyQuit,
);
const CLEAR: Binding = b(&[k(KeyCode::Delete)], Action::Clear, "Del", T::KeyClear);
const RESULTS: Binding = b(
    &[c('v'), k(KeyCode::F(5))],
    Action::Results,
    "v",
    T::KeyResults,
);

const SCROLL_HINT: Binding = quiet(
    &[KeySpec {
        code: KeyCode::Down,
        mods: KeyModifiers::CONTROL,
    }],
    Action::ScrollHintDown,
);
const SCROLL_HINT_UP: Binding = quiet(
    &[KeySpec {
        code: KeyCode::Up,
        mods: KeyModifiers::CONTROL,
    }],
    Action::ScrollHintUp,
);

/// Commands on a text question, where letters are the answer.
const HINT_F: Binding = b(&[k(KeyCode::F(2))], Action::ToggleHint, "F2", T::KeyHint);
const PROBLEMS_F: Binding = b(&[k(KeyCode::F(8))], Action::Problems, "F8", T::KeyProblems);
const SUBMIT_F: Binding = b(&[k(KeyCode::F(10))], Action::Submit, "F10", T::KeySubmit);
const RESULTS_F: Binding = b(&[k(KeyCode::F(5))], Action::Results, "F5", T::KeyResults);
const HELP_F: Binding = b(&[k(KeyCode::F(1))], Action::Help, "F1", T::KeyHelp);
const QUIT_CTRL: Binding = b(
    &[KeySpec {
        code: KeyCode::Char('q'),
        mods: KeyModifiers::CONTROL,
    }],
    Action::Quit,
    "^Q",
    T::KeyQuit,
);

const fn ctrl(code: KeyCode) -> KeySpec {
    KeySpec {
        code,
        mods: KeyModifiers::CONTROL,
    }
}

const fn alt(code: KeyCode) -> KeySpec {
    KeySpec {
        code,
        mods: KeyModifiers::ALT,
    }
}

const fn edit(keys: &'static [KeySpec], edit: TextEdit) -> Binding {
    quiet(keys, Action::EditText(edit))
}

/// The keys that work everywhere in a submission for support staff, after their own
/// ([`REVIEWER`]); added after each mode's own keys (`bindings`), so that the footer lists
/// what is particular to the mode first.
pub(super) static GLOBAL: [Binding; 4] = [QUIT, PROBLEMS, RESULTS, HELP];

/// [`GLOBAL`] where letters are the answer (a text question): function keys and Ctrl.
pub(super) static GLOBAL_TEXT: [Binding; 4] = [QUIT_CTRL, PROBLEMS_F, RESULTS_F, HELP_F];

const QUERIES_F: Binding = b(&[k(KeyCode::F(7))], Action::Queries, "F7", T::KeyQueries);

/// What a respondent does throughout a submission: [`GLOBAL`] with "check and submit" in
/// the middle, and the queries last (most submissions have none).
pub(super) static RESPONDENT: [Binding; 6] = [QUIT, PROBLEMS, SUBMIT, RESULTS, HELP, QUERIES_F];
pub(super) static RESPONDENT_TEXT: [Binding; 6] = [
    QUIT_CTRL, PROBLEMS_F, SUBMIT_F, RESULTS_F, HELP_F, QUERIES_F,
];

/// What support staff do with a submission, on keys that never begin an answer: the same in
/// every mode.
pub(super) static REVIEWER: [Binding; 6] = [
    b(&[k(KeyCode::F(6))], Action::AskQuery, "F6", T::KeyAskQuery),
    QUERIES_F,
    b(
        &[k(KeyCode::F(9))],
        Action::ReturnSubmission,
        "F9",
        T::KeyReturn,
    ),
    b(
        &[k(KeyCode::F(10))],
        Action::AcceptSubmission,
        "F10",
        T::KeyAcceptSubmission,
    ),
    b(
        &[k(KeyCode::F(11)), ctrl(KeyCode::Char('e'))],
        Action::Correct,
        "F11",
        T::KeyCorrect,
    ),
    b(
        &[k(KeyCode::F(12)), ctrl(KeyCode::Char('t'))],
        Action::History,
        "F12",
        T::KeyHistory,
    ),
];

/// Moving and deleting in the text being typed, the same in every field.
pub(super) static TEXT_EDITING: [Binding; 16] = [
    edit(
        &[k(KeyCode::Left), ctrl(KeyCode::Char('b'))],
        TextEdit::Left,
    ),
    edit(
        &[k(KeyCode::Right), ctrl(KeyCode::Char('f'))],
        TextEdit::Right,
    ),
    edit(
        &[ctrl(KeyCode::Left), alt(KeyCode::Char('b'))],
        TextEdit::WordLeft,
    ),
    edit(
        &[ctrl(KeyCode::Right), alt(KeyCode::Char('f'))],
        TextEdit::WordRight,
    ),
    edit(
        &[k(KeyCode::Home), ctrl(KeyCode::Char('a'))],
        TextEdit::LineStart,
    ),
    edit(
        &[k(KeyCode::End), ctrl(KeyCode::Char('e'))],
        TextEdit::LineEnd,
    ),
    edit(&[ctrl(KeyCode::Home)], TextEdit::Top),
    edit(&[ctrl(KeyCode::End)], TextEdit::Bottom),
    edit(
        &[k(KeyCode::Backspace), ctrl(KeyCode::Char('h'))],
        TextEdit::DeleteBack,
    ),
    edit(
        &[k(KeyCode::Delete), ctrl(KeyCode::Char('d'))],
        TextEdit::DeleteForward,
    ),
    edit(
        &[
            ctrl(KeyCode::Backspace),
            alt(KeyCode::Backspace),
            ctrl(KeyCode::Char('w')),
        ],
        TextEdit::DeleteWordBack,
    ),
    edit(
        &[
            ctrl(KeyCode::Delete),
            alt(KeyCode::Delete),
            alt(KeyCode::Char('d')),
        ],
        TextEdit::DeleteWordForward,
    ),
    edit(&[ctrl(KeyCode::Char('k'))], TextEdit::DeleteToLineEnd),
    edit(&[ctrl(KeyCode::Char('u'))], TextEdit::DeleteToLineStart),
    edit(&[ctrl(KeyCode::Char('z'))], TextEdit::Undo),
    edit(&[ctrl(KeyCode::Char('y'))], TextEdit::Redo),
];

pub(super) static INBOX: [Binding; 8] = [
    UP,
    DOWN,
    b(&[k(KeyCode::Enter)], Action::Enter, "Enter", T::KeyOpen),
    b(&[k(KeyCode::Tab)], Action::NextFilter, "Tab", T::KeyFilter),
    b(&[k(KeyCode::F(3))], Action::NextSort, "F3", T::KeySort),
    edit(&[k(KeyCode::Backspace)], TextEdit::DeleteBack),
    HELP_F,
    QUIT_CTRL,
];

pub(super) static QUERIES_RESPONDENT: [Binding; 5] = [
    UP,
    DOWN,
    b(&[k(KeyCode::Enter)], Action::Enter, "Enter", T::KeyJump),
    b(&[c('a'), k(KeyCode::F(2))], Action::Reply, "a", T::KeyReply),
    b(
        &[k(KeyCode::Esc), c('q'), k(KeyCode::F(7))],
        Action::Close,
        "Esc",
        T::KeyClose,
    ),
];

pub(super) static QUERIES_REVIEWER: [Binding; 2] = [
    b(&[c('c')], Action::CloseQuery, "c", T::KeyCloseQuery),
    b(&[c('o')], Action::ReopenQuery, "o", T::KeyReopenQuery),
];

pub(super) static START_LIST: [Binding; 9] = [
    UP,
    DOWN,
    quiet(&[k(KeyCode::PageDown)], Action::PageDown),
    quiet(&[k(KeyCode::PageUp)], Action::PageUp),
    b(&[k(KeyCode::Enter)], Action::Enter, "Enter", T::KeyOpen),
    b(&[c('n')], Action::NewSubmission, "n", T::KeyNewSubmission),
    b(
        &[c('t'), k(KeyCode::F(4))],
        Action::Report,
        "t",
        T::KeyTables,
    ),
    HELP,
    QUIT,
];

pub(super) static START_FORM: [Binding; 5] = [
    b(
        &[k(KeyCode::Tab), k(KeyCode::Down)],
        Action::NextField,
        "Tab",
        T::KeyNextField,
    ),
    quiet(
        &[shift(KeyCode::BackTab), k(KeyCode::BackTab), k(KeyCode::Up)],
        Action::PrevField,
    ),
    b(&[k(KeyCode::Enter)], Action::Enter, "Enter", T::KeyConfirm),
    BACK,
    edit(&[k(KeyCode::Backspace)], TextEdit::DeleteBack),
];

pub(super) static SECTIONS: [Binding; 4] = [
    UP,
    DOWN,
    b(
        &[k(KeyCode::Enter), k(KeyCode::Right)],
        Action::Enter,
        "Enter",
        T::KeyOpen,
    ),
    quiet(&[k(KeyCode::Esc)], Action::Back),
];

pub(super) static ROSTER: [Binding; 9] = [
    UP,
    DOWN,
    b(
        &[k(KeyCode::Enter), k(KeyCode::Right)],
        Action::Enter,
        "Enter",
        T::KeyOpen,
    ),
    b(
        &[c('a'), k(KeyCode::Insert)],
        Action::AddInstance,
        "a",
        T::KeyAdd,
    ),
    b(&[c('r')], Action::RenameInstance, "r", T::KeyRename),
    b(
        &[c('d'), k(KeyCode::Delete)],
        Action::DeleteInstance,
        "d",
        T::KeyDelete,
    ),
    b(
        &[shift(KeyCode::Up), c('K')],
        Action::MoveInstanceUp,
        "⇧↑↓",
        T::KeyReorder,
    ),
    quiet(&[shift(KeyCode::Down), c('J')], Action::MoveInstanceDown),
    b(
        &[k(KeyCode::Esc), k(KeyCode::Left)],
        Action::Back,
        "Esc",
        T::KeyBack,
    ),
];

/// A single and a multiple choice share every key but Enter: it chooses one option, or
/// confirms the ticks.
pub(super) static CHOICE_MOVE: [Binding; 5] = [
    SCROLL_HINT,
    SCROLL_HINT_UP,
    UP,
    DOWN,
    b(&[c(' ')], Action::Toggle, SPACE, T::KeyToggle),
];
pub(super) static CHOICE_ENTER: [Binding; 1] = [b(
    &[k(KeyCode::Enter)],
    Action::Enter,
    "Enter",
    T::KeyChoose,
)];
pub(super) static TICKS_ENTER: [Binding; 1] = [b(
    &[k(KeyCode::Enter)],
    Action::Enter,
    "Enter",
    T::KeyConfirmNext,
)];
pub(super) static CHOICE_REST: [Binding; 5] = [NEXT, HINT, PREV, BACK, CLEAR];

pub(super) static MATRIX: [Binding; 13] = [
    SCROLL_HINT,
    SCROLL_HINT_UP,
    UP,
    DOWN,
    b(&[k(KeyCode::Left)], Action::Left, "←→", T::KeyRowOption),
    quiet(&[k(KeyCode::Right)], Action::Right),
    quiet(&[c(' ')], Action::Toggle),
    quiet(&[k(KeyCode::Enter)], Action::Enter),
    NEXT,
    HINT,
    PREV,
    BACK,
    CLEAR,
];

pub(super) static VALUE: [Binding; 11] = [
    SCROLL_HINT,
    SCROLL_HINT_UP,
    b(&[k(KeyCode::Enter)], Action::Enter, "Enter/0–9", T::KeyEdit),
    NEXT,
    HINT,
    PREV,
    BACK,
    CLEAR,
    quiet(&[k(KeyCode::Up)], Action::Up),
    DOWN,
    quiet(&[c(' ')], Action::Enter),
];

pub(super) static TEXT: [Binding; 10] = [
    SCROLL_HINT,
    SCROLL_HINT_UP,
    b(&[k(KeyCode::Enter)], Action::Enter, "Enter/a–z", T::KeyEdit),
    NEXT,
    BACK,
    HINT_F,
    PREV,
    CLEAR,
    quiet(&[k(KeyCode::Up)], Action::Up),
    DOWN,
];

pub(super) static COUNT: [Binding; 13] = [
    SCROLL_HINT,
    SCROLL_HINT_UP,
    b(&[k(KeyCode::Enter)], Action::Enter, "Enter/0–9", T::KeyEdit),
    b(
        &[c('n')],
        Action::ToggleNotAvailable,
        "n",
        T::KeyNotAvailable,
    ),
    b(
        &[c('x')],
        Action::ToggleNotApplicable,
        "x",
        T::KeyNotApplicable,
    ),
    UP,
    DOWN,
    NEXT,
    PREV,
    HINT,
    BACK,
    CLEAR,
    quiet(&[c(' ')], Action::Enter),
];

pub(super) static EDIT_LINE: [Binding; 8] = [
    b(&[k(KeyCode::Enter)], Action::Enter, "Enter", T::KeyDone),
    quiet(&[k(KeyCode::Up)], Action::Up),
    quiet(&[k(KeyCode::Down)], Action::Down),
    b(
        &[k(KeyCode::Tab)],
        Action::NextQuestion,
        "Tab",
        T::KeyNextQuestion,
    ),
    quiet(
        &[shift(KeyCode::BackTab), k(KeyCode::BackTab)],
        Action::PrevQuestion,
    ),
    b(&[k(KeyCode::Esc)], Action::Back, "Esc", T::KeyDone),
    b(
        &[k(KeyCode::F(3))],
        Action::ToggleNotAvailable,
        "F3",
        T::KeyNotAvailable,
    ),
    b(
        &[k(KeyCode::F(4))],
        Action::ToggleNotApplicable,
        "F4",
        T::KeyNotApplicable,
    ),
];

pub(super) static EDIT_LINES: [Binding; 6] = [
    b(&[k(KeyCode::Esc)], Action::Back, "Esc", T::KeyDone),
    b(
        &[k(KeyCode::Tab)],
        Action::NextQuestion,
        "Tab",
        T::KeyNextQuestion,
    ),
    quiet(
        &[shift(KeyCode::BackTab), k(KeyCode::BackTab)],
        Action::PrevQuestion,
    ),
    b(
        &[k(KeyCode::Enter)],
        Action::NewLine,
        "Enter",
        T::KeyNewline,
    ),
    edit(&[k(KeyCode::Up)], TextEdit::Up),
    edit(&[k(KeyCode::Down)], TextEdit::Down),
];

pub(super) static HELP_MAP: [Binding; 5] = [
    b(&[k(KeyCode::Up)], Action::Up, "↑↓", T::KeyScroll),
    quiet(&[k(KeyCode::Down)], Action::Down),
    quiet(&[k(KeyCode::PageUp)], Action::PageUp),
    quiet(&[k(KeyCode::PageDown), c(' ')], Action::PageDown),
    b(
        &[
            k(KeyCode::Esc),
            c('q'),
            c('?'),
            k(KeyCode::Enter),
            k(KeyCode::F(1)),
        ],
        Action::Close,
        "Esc",
        T::KeyClose,
    ),
];

pub(super) static PROBLEMS_MAP: [Binding; 4] = [
    UP,
    DOWN,
    b(&[k(KeyCode::Enter)], Action::Enter, "Enter", T::KeyJump),
    b(
        &[k(KeyCode::Esc), c('q'), c('p')],
        Action::Close,
        "Esc",
        T::KeyClose,
    ),
];

pub(super) static PROMPT: [Binding; 2] = [
    b(&[k(KeyCode::Enter)], Action::Accept, "Enter", T::KeyConfirm),
    b(&[k(KeyCode::Esc)], Action::Cancel, "Esc", T::Cancel),
];

pub(super) static CONFIRM: [Binding; 2] = [
    b(
        &[c('y'), c('j'), k(KeyCode::Enter)],
        Action::Yes,
        "Enter",
        T::Yes,
    ),
    b(&[c('n'), k(KeyCode::Esc)], Action::No, "Esc", T::No),
];

pub(super) static REPORT_MAP: [Binding; 8] = [
    UP,
    DOWN,
    b(
        &[k(KeyCode::PageDown)],
        Action::PageDown,
        "PgDn",
        T::KeyScroll,
    ),
    quiet(&[k(KeyCode::PageUp)], Action::PageUp),
    b(
        &[c('g'), k(KeyCode::F(4))],
        Action::NextYear,
        "g",
        T::KeyYear,
    ),
    b(&[k(KeyCode::Esc)], Action::Back, "Esc", T::KeyBack),
    QUIT,
    HELP,
];

pub(super) static RESULTS_MAP: [Binding; 15] = [
    UP,
    DOWN,
    b(
        &[k(KeyCode::Enter), k(KeyCode::Right)],
        Action::Enter,
        "Enter",
        T::KeyOpen,
    ),
    b(&[k(KeyCode::Tab)], Action::NextTab, "Tab", T::KeyCohort),
    quiet(
        &[shift(KeyCode::BackTab), k(KeyCode::BackTab)],
        Action::PrevTab,
    ),
    b(&[c(' ')], Action::Toggle, SPACE, T::KeyCompare),
    b(
        &[c('s'), k(KeyCode::F(3))],
        Action::NextSort,
        "s",
        T::KeyLeadersBy,
    ),
    b(
        &[c('g'), k(KeyCode::F(2))],
        Action::NextFilter,
        "g",
        T::KeyGroup,
    ),
    b(
        &[c('w'), k(KeyCode::F(9))],
        Action::Handout,
        "w",
        T::KeyHandout,
    ),
    b(
        &[k(KeyCode::PageDown)],
        Action::PageDown,
        "PgDn",
        T::KeyPageDown,
    ),
    quiet(&[k(KeyCode::PageUp)], Action::PageUp),
    quiet(&[k(KeyCode::Delete)], Action::Clear),
    b(
        &[k(KeyCode::Esc), k(KeyCode::Left)],
        Action::Back,
        "Esc",
        T::KeyBack,
    ),
    QUIT,
    HELP,
];
