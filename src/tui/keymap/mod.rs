//! Keymaps as data: for each mode, which keys do what. The same tables turn key presses into
//! actions and draw the key hints in the footer and the help window, so the two never disagree.

use super::action::Action;
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
    /// The answer tables.
    Report,
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

mod tables;
use tables::*;

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
        Mode::Report => [&REPORT_MAP, none, none, none, none],
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
