//! Typing an answer: starting, the text as it is typed, leaving the field; the special
//! answers of a count ("Dati nav pieejami", "Neattiecas").

use super::*;

pub(super) fn is_numeric(answer: &AnswerType) -> bool {
    matches!(answer, AnswerType::Integer(_) | AnswerType::Number(_))
}

/// Characters a figure is typed with: digits, a sign, a decimal comma or point, a space
/// between thousands.
pub(super) fn is_number_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '-' | ',' | '.' | ' ')
}

/// The special answer a letter stands for on a count, typing or not: `n` "Dati nav pieejami",
/// `x` "Neattiecas".
pub(super) fn special_key(c: char) -> Option<Value> {
    match c {
        'n' => Some(Value::NotAvailable),
        'x' => Some(Value::NotApplicable),
        _ => None,
    }
}

/// Whether pasted text is one figure ("1 234", "12,5"): several lines or anything else is
/// refused rather than run together into another number.
pub(super) fn is_one_number(text: &str) -> bool {
    let text = text.trim();
    !text.contains(['\n', '\r']) && parse_number(text).is_ok()
}

pub(super) fn refuse_paste(turn: &mut Turn, text: &str) {
    let shown: String = text
        .trim()
        .replace(['\r', '\n'], "⏎")
        .chars()
        .take(40)
        .collect();
    let message = format!("{}: „{shown}”", turn.tr(T::PasteNotANumber));
    turn.error(message);
}

/// Answer a count "Dati nav pieejami" or "Neattiecas" (`special`), or take that back: back
/// to the figure it replaced, if there was one.
pub(super) fn toggle_special(fill: &mut Fill, turn: &mut Turn, item: ItemId, special: Value) {
    let allowed = match (&fill.q.items[item].answer, &special) {
        (AnswerType::Integer(b) | AnswerType::Number(b), Value::NotAvailable) => b.not_available,
        (AnswerType::Integer(b) | AnswerType::Number(b), Value::NotApplicable) => b.not_applicable,
        _ => false,
    };
    if !allowed {
        return;
    }
    let place = (item, fill.current_instance());
    let current = fill.answer(item).cloned();
    fill.edit = None;
    let value = match current {
        Some(v) if v == special => fill.before_special.remove(&place),
        Some(figure @ Value::Number(_)) => {
            fill.before_special.insert(place, figure);
            Some(special)
        }
        _ => Some(special),
    };
    answer(fill, turn, item, value);
}

pub(super) fn start_edit(fill: &mut Fill, turn: &mut Turn, initial: Option<String>) {
    if fill.read_only() {
        turn.error(turn.tr(read_only_notice(fill)));
        return;
    }
    let item = fill.current_item();
    let (lines, multiline) = match (&fill.q.items[item].answer, fill.answer(item)) {
        (AnswerType::Text { multiline, .. }, Some(Value::Text(t))) => {
            (t.lines().map(str::to_owned).collect(), *multiline)
        }
        (AnswerType::Text { multiline, .. }, _) => (Vec::new(), *multiline),
        (AnswerType::Urls { .. }, Some(Value::Urls(u))) => (u.clone(), true),
        (AnswerType::Urls { .. }, _) => (Vec::new(), true),
        (_, Some(Value::Number(n))) => (vec![crate::expr::format_number(*n)], false),
        _ => (Vec::new(), false),
    };
    let figure = is_numeric(&fill.q.items[item].answer) && !lines.is_empty();
    let mut area = text_area(if initial.is_some() { Vec::new() } else { lines });
    if multiline {
        area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    }
    // A figure opens selected: typing replaces it, the arrows keep it.
    if figure && initial.is_none() {
        area.select_all();
    }
    fill.edit = Some(Edit {
        item,
        area,
        multiline,
    });
    if let Some(text) = initial {
        edit_action(fill, turn, Action::Paste(text));
    }
}

pub(super) fn edit_action(fill: &mut Fill, turn: &mut Turn, action: Action) {
    let Some(edit) = fill.edit.as_mut() else {
        return;
    };
    let numeric = is_numeric(&fill.q.items[edit.item].answer);
    let changed = match action {
        Action::Type(c) => {
            if numeric && !is_number_char(c) {
                let Some(special) = special_key(c) else {
                    return;
                };
                let item = edit.item;
                fill.edit = None;
                toggle_special(fill, turn, item, special);
                return;
            }
            edit.area.insert_char(c);
            true
        }
        Action::Paste(text) if numeric && !is_one_number(&text) => {
            refuse_paste(turn, &text);
            return;
        }
        Action::Paste(text) => {
            let mut text: String = text.nfc().collect();
            text = text.replace("\r\n", "\n").replace('\r', "\n");
            if !edit.multiline {
                text = text.replace('\n', " ");
            }
            if numeric {
                text.retain(is_number_char);
            }
            edit.area.insert_str(text)
        }
        Action::EditText(text_edit) => edit_text(&mut edit.area, text_edit),
        Action::NewLine if edit.multiline => {
            edit.area.insert_newline();
            true
        }
        Action::Enter => {
            let table = fill.q.questions[fill.question].kind == QuestionKind::Table;
            if !finish_edit(fill, turn) {
                return;
            }
            if table {
                // Down the table: type, Enter, type, Enter.
                let rows = fill.visible_rows(fill.question).len();
                if fill.cursor + 1 < rows {
                    fill.cursor += 1;
                    start_edit(fill, turn, None);
                    return;
                }
            }
            next_question(fill, turn);
            return;
        }
        Action::Back => {
            finish_edit(fill, turn);
            return;
        }
        // In a table the arrows leave the cell for the row above or below; in a one-line
        // field they are the previous and next question.
        Action::Up | Action::Down => {
            if finish_edit(fill, turn) {
                question_action(fill, turn, action);
            }
            return;
        }
        Action::NextQuestion => {
            next_question(fill, turn);
            return;
        }
        Action::PrevQuestion => {
            prev_question(fill, turn);
            return;
        }
        Action::ToggleNotAvailable | Action::ToggleNotApplicable => {
            let item = edit.item;
            fill.edit = None;
            let special = if action == Action::ToggleNotAvailable {
                Value::NotAvailable
            } else {
                Value::NotApplicable
            };
            toggle_special(fill, turn, item, special);
            return;
        }
        _ => false,
    };
    if changed {
        draft(fill, turn);
    }
}

/// Put what is being typed into the response, so that filters, checks and computed figures
/// follow every key; it is saved when typing pauses or the field is left.
pub(super) fn draft(fill: &mut Fill, turn: &mut Turn) {
    let Some(edit) = &fill.edit else { return };
    let item = edit.item;
    let Ok(value) = parse_edit(&fill.q.items[item].answer, edit.area.lines()) else {
        return;
    };
    super::set_pending(fill, turn, item, value);
}

/// Leave the field being edited, saving it. `false` when its text is not a valid answer yet
/// (the field stays open and says why).
pub(super) fn finish_edit(fill: &mut Fill, turn: &mut Turn) -> bool {
    let Some(edit) = &fill.edit else {
        flush(fill, turn);
        return true;
    };
    let item = edit.item;
    match parse_edit(&fill.q.items[item].answer, edit.area.lines()) {
        Ok(value) => {
            fill.edit = None;
            answer(fill, turn, item, value);
            true
        }
        Err(()) => {
            turn.error(turn.tr(T::TypeANumber));
            false
        }
    }
}

/// Move the caret or delete in `area`; whether the text changed.
pub(super) fn edit_text(area: &mut TextArea, edit: TextEdit) -> bool {
    use ratatui_textarea::CursorMove;
    let caret = |area: &mut TextArea, to: CursorMove| {
        area.cancel_selection();
        area.move_cursor(to);
        false
    };
    match edit {
        TextEdit::Left => caret(area, CursorMove::Back),
        TextEdit::Right => caret(area, CursorMove::Forward),
        TextEdit::WordLeft => caret(area, CursorMove::WordBack),
        TextEdit::WordRight => caret(area, CursorMove::WordForward),
        TextEdit::LineStart => caret(area, CursorMove::Head),
        TextEdit::LineEnd => caret(area, CursorMove::End),
        TextEdit::Up => caret(area, CursorMove::Up),
        TextEdit::Down => caret(area, CursorMove::Down),
        TextEdit::Top => caret(area, CursorMove::Top),
        TextEdit::Bottom => caret(area, CursorMove::Bottom),
        TextEdit::DeleteBack => area.delete_char(),
        TextEdit::DeleteForward => area.delete_next_char(),
        TextEdit::DeleteWordBack => area.delete_word(),
        TextEdit::DeleteWordForward => area.delete_next_word(),
        TextEdit::DeleteToLineEnd => area.delete_line_by_end(),
        TextEdit::DeleteToLineStart => area.delete_line_by_head(),
        TextEdit::Undo => area.undo(),
        TextEdit::Redo => area.redo(),
    }
}
