//! Keymaps as data: for each mode, which keys do what. The same tables turn key presses into
//! actions and draw the key hints in the footer and the help window, so the two never disagree.

use super::action::{Action, TextEdit};
use crate::exchange::Role;
use crate::i18n::T;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// What the keyboard is talking to right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    StartList,
    StartForm,
    Sections,
    Roster,
    /// A single choice question.
    Choice,
    /// A multiple choice question: Space ticks, Enter confirms.
    Ticks,
    /// A matrix question: one option per row.
    Matrix,
    /// A number question, not being typed into: digits start typing, letters are commands.
    Value,
    /// A text or address question, not being typed into: every character starts typing, so
    /// commands are on keys that cannot begin an answer (function keys, Ctrl).
    Text,
    /// A count that may be answered "Dati nav pieejami" (a number or a table row).
    Count,
    /// Typing into a one-line field (a number, a table cell, a short text).
    EditLine,
    /// Typing into a multi-line field (a long text, a list of addresses).
    EditLines,
    Help,
    Problems,
    Prompt,
    Confirm,
    Results,
    /// Support staff's inbox: typed letters search.
    Inbox,
    /// The list of queries.
    Queries,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeySpec {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

/// How the space bar reads in hints (keys are named as keyboards print them).
pub const SPACE: &str = "Space";

const fn k(code: KeyCode) -> KeySpec {
    KeySpec {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn c(ch: char) -> KeySpec {
    k(KeyCode::Char(ch))
}

const fn shift(code: KeyCode) -> KeySpec {
    KeySpec {
        code,
        mods: KeyModifiers::SHIFT,
    }
}

pub struct Binding {
    pub keys: &'static [KeySpec],
    pub action: Action,
    /// How the keys read in hints ("↑↓", "Tab").
    pub label: &'static str,
    /// What the hint says; `None` for keys that another binding's hint already covers.
    pub hint: Option<T>,
}

const fn b(keys: &'static [KeySpec], action: Action, label: &'static str, hint: T) -> Binding {
    Binding {
        keys,
        action,
        label,
        hint: Some(hint),
    }
}

const fn quiet(keys: &'static [KeySpec], action: Action) -> Binding {
    Binding {
        keys,
        action,
        label: "",
        hint: None,
    }
}

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
static GLOBAL: [Binding; 4] = [QUIT, PROBLEMS, RESULTS, HELP];

/// [`GLOBAL`] where letters are the answer (a text question): function keys and Ctrl.
static GLOBAL_TEXT: [Binding; 4] = [QUIT_CTRL, PROBLEMS_F, RESULTS_F, HELP_F];

const QUERIES_F: Binding = b(&[k(KeyCode::F(7))], Action::Queries, "F7", T::KeyQueries);

/// What a respondent does throughout a submission: [`GLOBAL`] with "check and submit" in
/// the middle, and the queries last (most submissions have none).
static RESPONDENT: [Binding; 6] = [QUIT, PROBLEMS, SUBMIT, RESULTS, HELP, QUERIES_F];
static RESPONDENT_TEXT: [Binding; 6] = [
    QUIT_CTRL, PROBLEMS_F, SUBMIT_F, RESULTS_F, HELP_F, QUERIES_F,
];

/// What support staff do with a submission, on keys that never begin an answer: the same in
/// every mode.
static REVIEWER: [Binding; 6] = [
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
static TEXT_EDITING: [Binding; 16] = [
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

static INBOX: [Binding; 8] = [
    UP,
    DOWN,
    b(&[k(KeyCode::Enter)], Action::Enter, "Enter", T::KeyOpen),
    b(&[k(KeyCode::Tab)], Action::NextFilter, "Tab", T::KeyFilter),
    b(&[k(KeyCode::F(3))], Action::NextSort, "F3", T::KeySort),
    edit(&[k(KeyCode::Backspace)], TextEdit::DeleteBack),
    HELP_F,
    QUIT_CTRL,
];

static QUERIES_RESPONDENT: [Binding; 5] = [
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

static QUERIES_REVIEWER: [Binding; 2] = [
    b(&[c('c')], Action::CloseQuery, "c", T::KeyCloseQuery),
    b(&[c('o')], Action::ReopenQuery, "o", T::KeyReopenQuery),
];

static START_LIST: [Binding; 5] = [
    UP,
    DOWN,
    b(&[k(KeyCode::Enter)], Action::Enter, "Enter", T::KeyOpen),
    HELP,
    QUIT,
];

static START_FORM: [Binding; 5] = [
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

static SECTIONS: [Binding; 4] = [
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

static ROSTER: [Binding; 9] = [
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
static CHOICE_MOVE: [Binding; 5] = [
    SCROLL_HINT,
    SCROLL_HINT_UP,
    UP,
    DOWN,
    b(&[c(' ')], Action::Toggle, SPACE, T::KeyToggle),
];
static CHOICE_ENTER: [Binding; 1] = [b(
    &[k(KeyCode::Enter)],
    Action::Enter,
    "Enter",
    T::KeyChoose,
)];
static TICKS_ENTER: [Binding; 1] = [b(
    &[k(KeyCode::Enter)],
    Action::Enter,
    "Enter",
    T::KeyConfirmNext,
)];
static CHOICE_REST: [Binding; 5] = [NEXT, HINT, PREV, BACK, CLEAR];

static MATRIX: [Binding; 13] = [
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

static VALUE: [Binding; 11] = [
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

static TEXT: [Binding; 10] = [
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

static COUNT: [Binding; 13] = [
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

static EDIT_LINE: [Binding; 8] = [
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

static EDIT_LINES: [Binding; 6] = [
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

static HELP_MAP: [Binding; 5] = [
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

static PROBLEMS_MAP: [Binding; 4] = [
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

static PROMPT: [Binding; 2] = [
    b(&[k(KeyCode::Enter)], Action::Accept, "Enter", T::KeyConfirm),
    b(&[k(KeyCode::Esc)], Action::Cancel, "Esc", T::Cancel),
];

static CONFIRM: [Binding; 2] = [
    b(
        &[c('y'), c('j'), k(KeyCode::Enter)],
        Action::Yes,
        "Enter",
        T::Yes,
    ),
    b(&[c('n'), k(KeyCode::Esc)], Action::No, "Esc", T::No),
];

static RESULTS_MAP: [Binding; 10] = [
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

/// The bindings of `mode` for someone in `role`, in the order their hints show: the mode's
/// own, then the keys that work throughout a submission.
pub fn bindings(mode: Mode, role: Role) -> impl Iterator<Item = &'static Binding> {
    let none: &'static [Binding] = &[];
    let reviewer = role == Role::Support;
    // The keys that work throughout a submission, for the one at the keyboard.
    let [whole, rest]: [&'static [Binding]; 2] = if reviewer {
        [&REVIEWER, &GLOBAL]
    } else {
        [&RESPONDENT, none]
    };
    let [whole_text, rest_text]: [&'static [Binding]; 2] = if reviewer {
        [&REVIEWER, &GLOBAL_TEXT]
    } else {
        [&RESPONDENT_TEXT, none]
    };
    let parts: [&'static [Binding]; 5] = match mode {
        Mode::StartList => [&START_LIST, none, none, none, none],
        Mode::StartForm => [&START_FORM, none, none, none, none],
        Mode::Sections => [&SECTIONS, whole, rest, none, none],
        Mode::Roster => [&ROSTER, whole, rest, none, none],
        Mode::Choice => [&CHOICE_MOVE, &CHOICE_ENTER, &CHOICE_REST, whole, rest],
        Mode::Ticks => [&CHOICE_MOVE, &TICKS_ENTER, &CHOICE_REST, whole, rest],
        Mode::Matrix => [&MATRIX, whole, rest, none, none],
        Mode::Value => [&VALUE, whole, rest, none, none],
        Mode::Text => [&TEXT, whole_text, rest_text, none, none],
        Mode::Count => [&COUNT, whole, rest, none, none],
        Mode::EditLine => [&EDIT_LINE, &TEXT_EDITING, none, none, none],
        Mode::EditLines => [&EDIT_LINES, &TEXT_EDITING, none, none, none],
        Mode::Help => [&HELP_MAP, none, none, none, none],
        Mode::Problems => [&PROBLEMS_MAP, none, none, none, none],
        Mode::Prompt => [&PROMPT, &TEXT_EDITING, none, none, none],
        Mode::Confirm => [&CONFIRM, none, none, none, none],
        Mode::Results => [&RESULTS_MAP, none, none, none, none],
        Mode::Inbox => [&INBOX, none, none, none, none],
        Mode::Queries if reviewer => [&QUERIES_RESPONDENT, &QUERIES_REVIEWER, none, none, none],
        Mode::Queries => [&QUERIES_RESPONDENT, none, none, none, none],
    };
    parts.into_iter().flatten()
}

/// The help window's groups of keys, each with its heading. `Count` holds everything `Value`
/// does and more.
pub const HELP_GROUPS: [(Mode, T); 9] = [
    (Mode::Sections, T::Sections),
    (Mode::Roster, T::Instances),
    (Mode::Choice, T::Options),
    (Mode::Ticks, T::TickOptions),
    (Mode::Matrix, T::Row),
    (Mode::Count, T::Answer),
    (Mode::Text, T::TextAnswer),
    (Mode::EditLine, T::Editing),
    (Mode::EditLines, T::EditingText),
];

/// How many lines the help window has, and so how far it can scroll: the two lines of
/// introduction, then per group a blank line, its heading and its keys.
pub fn help_length(role: Role) -> u16 {
    let keys: usize = HELP_GROUPS
        .iter()
        .map(|&(mode, _)| 2 + hints(mode, role).count())
        .sum();
    (2 + keys) as u16
}

/// Modes where unbound keys are typed text.
fn types_text(mode: Mode) -> bool {
    matches!(
        mode,
        Mode::StartForm | Mode::EditLine | Mode::EditLines | Mode::Prompt | Mode::Inbox
    )
}

/// The action a key press means in `mode`, if any.
pub fn action_for(mode: Mode, role: Role, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    // AltGr arrives as Ctrl+Alt on some systems; with a character it is typing, not a command.
    let altgr = key
        .modifiers
        .contains(KeyModifiers::CONTROL | KeyModifiers::ALT);
    let plain_char = matches!(key.code, KeyCode::Char(_))
        && (altgr
            || !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT));
    if types_text(mode)
        && plain_char
        && let KeyCode::Char(ch) = key.code
    {
        return Some(Action::Type(ch));
    }
    let mods = if matches!(key.code, KeyCode::Char(_)) {
        key.modifiers - KeyModifiers::SHIFT
    } else {
        key.modifiers
    };
    let found = bindings(mode, role).find(|binding| {
        binding
            .keys
            .iter()
            .any(|spec| spec.code == key.code && spec.mods == mods)
    });
    if let Some(binding) = found {
        return Some(binding.action.clone());
    }
    if mode == Mode::Text
        && plain_char
        && let KeyCode::Char(ch) = key.code
    {
        return Some(Action::Type(ch));
    }
    if matches!(mode, Mode::Value | Mode::Count)
        && let KeyCode::Char(ch @ ('0'..='9' | '-' | ',' | '.')) = key.code
    {
        return Some(Action::Type(ch));
    }
    None
}

/// The hints for the footer: (keys, what they do), in table order.
pub fn hints(mode: Mode, role: Role) -> impl Iterator<Item = (&'static str, T)> {
    bindings(mode, role).filter_map(|binding| binding.hint.map(|h| (binding.label, h)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn the_same_table_maps_keys_and_draws_hints() {
        assert_eq!(
            action_for(
                Mode::Choice,
                Role::Respondent,
                key(KeyCode::Char(' '), KeyModifiers::NONE)
            ),
            Some(Action::Toggle)
        );
        assert!(
            hints(Mode::Choice, Role::Respondent)
                .any(|(label, t)| label == "Space" && t == T::KeyToggle)
        );
        assert_eq!(
            action_for(
                Mode::Value,
                Role::Respondent,
                key(KeyCode::Char('7'), KeyModifiers::NONE)
            ),
            Some(Action::Type('7'))
        );
    }

    #[test]
    fn altgr_letters_are_typed_not_commands() {
        let altgr_a = key(
            KeyCode::Char('ā'),
            KeyModifiers::CONTROL | KeyModifiers::ALT,
        );
        assert_eq!(
            action_for(Mode::EditLine, Role::Respondent, altgr_a),
            Some(Action::Type('ā'))
        );
        let shift_s = key(KeyCode::Char('Š'), KeyModifiers::SHIFT);
        assert_eq!(
            action_for(Mode::Prompt, Role::Respondent, shift_s),
            Some(Action::Type('Š'))
        );
        assert_eq!(
            action_for(
                Mode::Choice,
                Role::Respondent,
                key(KeyCode::Char('q'), KeyModifiers::NONE)
            ),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(
                Mode::EditLine,
                Role::Respondent,
                key(KeyCode::Char('q'), KeyModifiers::NONE)
            ),
            Some(Action::Type('q')),
            "while typing, q is a letter"
        );
    }
}
