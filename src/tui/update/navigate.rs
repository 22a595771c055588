//! Moving through sections, instances and questions, and answering by choosing.

use super::*;

pub(super) fn sections_action(fill: &mut Fill, turn: &mut Turn, action: Action) {
    match action {
        Action::Back => {
            flush(fill, turn);
            turn.next = Some(Next::Start);
        }
        Action::Up => fill.section = fill.section.saturating_sub(1),
        Action::Down => fill.section = (fill.section + 1).min(fill.sections().len() - 1),
        Action::Enter | Action::Right => enter_section(fill, turn),
        _ => {}
    }
}

pub(super) fn enter_section(fill: &mut Fill, turn: &mut Turn) {
    fill.instance = 0;
    fill.cursor = 0;
    if fill.roster().is_some() {
        fill.focus = Focus::Roster;
        remember_position(fill, turn);
        return;
    }
    match fill.visible_questions().first() {
        Some(&first) => {
            fill.question = first;
            fill.focus = Focus::Question;
            remember_position(fill, turn);
        }
        None => {
            fill.focus = Focus::Sections;
            turn.info(turn.tr(T::SectionEnd));
        }
    }
}

pub(super) fn question_action(fill: &mut Fill, turn: &mut Turn, action: Action) {
    if fill.edit.is_some() {
        edit_action(fill, turn, action);
        return;
    }
    let question = &fill.q.questions[fill.question];
    let kind = question.kind;
    let item = fill.current_item();
    let rows = fill.row_count();
    match action {
        Action::NextQuestion => next_question(fill, turn),
        Action::PrevQuestion => prev_question(fill, turn),
        Action::Back => {
            fill.focus = if fill.roster().is_some() {
                Focus::Roster
            } else {
                Focus::Sections
            };
            remember_position(fill, turn);
        }
        Action::ToggleHint => {
            fill.show_hint = !fill.show_hint;
            fill.hint_scroll = 0;
        }
        Action::ScrollHintDown => {
            fill.show_hint = true;
            let lines = fill.q.questions[fill.question]
                .hint
                .as_deref()
                .map_or(0, |h| {
                    crate::tui::view::widgets::wrap(h, HINT_MIN_WIDTH).len()
                });
            fill.hint_scroll = (fill.hint_scroll + 3).min(lines as u16);
        }
        Action::ScrollHintUp => fill.hint_scroll = fill.hint_scroll.saturating_sub(3),
        Action::Up | Action::Down if rows == 0 => {
            if action == Action::Up {
                prev_question(fill, turn);
            } else {
                next_question(fill, turn);
            }
        }
        Action::Up => fill.cursor = fill.cursor.saturating_sub(1),
        Action::Down => fill.cursor = (fill.cursor + 1).min(rows - 1),
        Action::Clear => answer(fill, turn, item, None),
        // Enter confirms the ticks and moves on; only Space ticks and unticks.
        Action::Enter if kind == QuestionKind::Multi => next_question(fill, turn),
        Action::Toggle | Action::Enter
            if matches!(kind, QuestionKind::Single | QuestionKind::Multi) =>
        {
            let choices = fill.q.items[item].answer.choices();
            let Some(choice) = choices.get(fill.cursor) else {
                return;
            };
            let value = if kind == QuestionKind::Single {
                Value::Choice(choice.code)
            } else {
                rules::toggle_option(&fill.q.items[item].answer, fill.answer(item), choice.code)
            };
            let advance = kind == QuestionKind::Single && action == Action::Enter;
            answer(fill, turn, item, Some(value));
            if advance {
                next_question(fill, turn);
            }
        }
        Action::Left | Action::Right | Action::Toggle if kind == QuestionKind::Matrix => {
            let choices = fill.q.items[item].answer.choices();
            let current = match fill.answer(item) {
                Some(Value::Choice(c)) => choices.iter().position(|o| o.code == *c),
                _ => None,
            };
            let next = match (action, current) {
                (Action::Left, Some(i)) => i.saturating_sub(1),
                (Action::Left, None) => choices.len() - 1,
                (_, Some(i)) => (i + 1) % choices.len(),
                (_, None) => 0,
            };
            let value = Value::Choice(choices[next].code);
            answer(fill, turn, item, Some(value));
        }
        Action::Enter if kind == QuestionKind::Matrix => {
            if fill.cursor + 1 < rows {
                fill.cursor += 1;
            } else {
                next_question(fill, turn);
            }
        }
        Action::Enter => start_edit(fill, turn, None),
        Action::Type(c) if is_numeric(&fill.q.items[item].answer) && !is_number_char(c) => {
            if let Some(special) = special_key(c) {
                toggle_special(fill, turn, item, special);
            }
        }
        // The first character of an answer starts typing it: a figure opens selected, so it
        // is replaced; a letter goes on after the text already there. A choice is not typed.
        Action::Type(c)
            if !matches!(
                kind,
                QuestionKind::Single | QuestionKind::Multi | QuestionKind::Matrix
            ) =>
        {
            let urls = matches!(fill.q.items[item].answer, AnswerType::Urls { .. });
            start_edit(fill, turn, None);
            // A new address goes on a line of its own.
            if let Some(edit) = fill.edit.as_mut()
                && urls
                && edit.area.lines().iter().any(|l| !l.trim().is_empty())
            {
                edit.area.insert_newline();
            }
            edit_action(fill, turn, Action::Type(c));
        }
        Action::Paste(text)
            if !matches!(
                kind,
                QuestionKind::Single | QuestionKind::Multi | QuestionKind::Matrix
            ) =>
        {
            if is_numeric(&fill.q.items[item].answer) && !is_one_number(&text) {
                refuse_paste(turn, &text);
                return;
            }
            start_edit(fill, turn, Some(text.nfc().collect()))
        }
        Action::ToggleNotAvailable => toggle_special(fill, turn, item, Value::NotAvailable),
        Action::ToggleNotApplicable => toggle_special(fill, turn, item, Value::NotApplicable),
        _ => {}
    }
}

/// The first error left in the current question, as the notice that says so on leaving it.
pub(super) fn error_left(fill: &Fill, lang: Lang) -> Option<String> {
    let question = &fill.q.questions[fill.question];
    let finding = question
        .items
        .clone()
        .flat_map(|item| fill.findings_on(item))
        .find(|f| {
            f.severity == crate::questionnaire::Severity::Error
                && f.kind != rules::FindingKind::Missing
        })?;
    Some(format!(
        "{} {}: {}",
        tr(lang, T::LeftWithProblems),
        fill.q.items[finding.location.item].code,
        crate::i18n::finding_message(lang, finding)
    ))
}

pub(super) fn next_question(fill: &mut Fill, turn: &mut Turn) {
    if !finish_edit(fill, turn) {
        return;
    }
    let left = error_left(fill, turn.opts.lang);
    move_on(fill, turn);
    if let Some(text) = left {
        turn.error(text);
    }
}

pub(super) fn move_on(fill: &mut Fill, turn: &mut Turn) {
    let visible = fill.visible_questions();
    if let Some(&next) = visible.iter().find(|&&q| q > fill.question) {
        fill.question = next;
        fill.cursor = 0;
        remember_position(fill, turn);
        return;
    }
    // End of the section (or of this instance): on to the next instance, or the next section.
    if let Some(roster) = fill.roster()
        && fill.instance + 1 < fill.eval().instances(roster).len()
    {
        fill.instance += 1;
        if let Some(&first) = fill.visible_questions().first() {
            fill.question = first;
            fill.cursor = 0;
            remember_position(fill, turn);
            return;
        }
    }
    if fill.section + 1 < fill.sections().len() {
        fill.section += 1;
        enter_section(fill, turn);
    } else {
        turn.info(turn.tr(T::SectionEnd));
    }
}

pub(super) fn prev_question(fill: &mut Fill, turn: &mut Turn) {
    if !finish_edit(fill, turn) {
        return;
    }
    let left = error_left(fill, turn.opts.lang);
    let visible = fill.visible_questions();
    if let Some(&prev) = visible.iter().rev().find(|&&q| q < fill.question) {
        fill.question = prev;
        fill.cursor = 0;
        remember_position(fill, turn);
    }
    if let Some(text) = left {
        turn.error(text);
    }
}

pub(super) fn jump_to_finding(fill: &mut Fill, turn: &mut Turn, index: usize) {
    flush(fill, turn);
    let Some(finding) = fill.eval().findings.get(index) else {
        return;
    };
    let location = finding.location.clone();
    let Some(section) = fill.sections().iter().position(|&s| s == location.section) else {
        return;
    };
    fill.section = section;
    fill.instance = location.instance.unwrap_or(0);
    fill.question = fill.q.items[location.item].question;
    fill.focus = Focus::Question;
    fill.edit = None;
    fill.cursor = fill
        .visible_rows(fill.question)
        .iter()
        .position(|&i| i == location.item)
        .unwrap_or(0);
    remember_position(fill, turn);
}
