//! Moving through sections, instances and questions, and answering by choosing.

use super::*;

pub(super) fn sections_action(app: &mut App, action: Action) {
    let fill = fill_mut(app);
    match action {
        Action::Back => {
            flush(app);
            if let Err(e) = app.refresh_start() {
                app.error(e.to_string());
            }
        }
        Action::Up => fill.section = fill.section.saturating_sub(1),
        Action::Down => fill.section = (fill.section + 1).min(fill.sections.len() - 1),
        Action::Enter | Action::Right => enter_section(app),
        _ => {}
    }
}

pub(super) fn enter_section(app: &mut App) {
    let fill = fill_mut(app);
    fill.instance = 0;
    fill.cursor = 0;
    if fill.roster().is_some() {
        fill.focus = Focus::Roster;
        remember_position(app);
        return;
    }
    match fill.visible_questions().first() {
        Some(&first) => {
            fill.question = first;
            fill.focus = Focus::Question;
            remember_position(app);
        }
        None => {
            fill.focus = Focus::Sections;
            let text = app.tr(T::SectionEnd);
            app.info(text);
        }
    }
}

pub(super) fn question_action(app: &mut App, action: Action) {
    if fill_ref(app).edit.is_some() {
        edit_action(app, action);
        return;
    }
    let fill = fill_mut(app);
    let question = &fill.q.questions[fill.question];
    let kind = question.kind;
    let item = fill.current_item();
    let rows = fill.row_count();
    match action {
        Action::NextQuestion => next_question(app),
        Action::PrevQuestion => prev_question(app),
        Action::Back => {
            fill.focus = if fill.roster().is_some() {
                Focus::Roster
            } else {
                Focus::Sections
            };
            remember_position(app);
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
                .map_or(0, |h| crate::tui::widgets::wrap(h, HINT_MIN_WIDTH).len());
            fill.hint_scroll = (fill.hint_scroll + 3).min(lines as u16);
        }
        Action::ScrollHintUp => fill.hint_scroll = fill.hint_scroll.saturating_sub(3),
        Action::Up | Action::Down if rows == 0 => {
            if action == Action::Up {
                prev_question(app);
            } else {
                next_question(app);
            }
        }
        Action::Up => fill.cursor = fill.cursor.saturating_sub(1),
        Action::Down => fill.cursor = (fill.cursor + 1).min(rows - 1),
        Action::Clear => answer(app, item, None),
        // Enter confirms the ticks and moves on; only Space ticks and unticks.
        Action::Enter if kind == QuestionKind::Multi => next_question(app),
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
            answer(app, item, Some(value));
            if advance {
                next_question(app);
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
            answer(app, item, Some(value));
        }
        Action::Enter if kind == QuestionKind::Matrix => {
            if fill.cursor + 1 < rows {
                fill.cursor += 1;
            } else {
                next_question(app);
            }
        }
        Action::Enter => start_edit(app, None),
        Action::Type(c) if is_numeric(&fill.q.items[item].answer) && !is_number_char(c) => {
            if let Some(special) = special_key(c) {
                toggle_special(app, item, special);
            }
        }
        // The first character of an answer starts typing it: a figure opens selected, so it
        // is replaced; a letter goes on after the text already there.
        Action::Type(c) => {
            let urls = matches!(fill.q.items[item].answer, AnswerType::Urls { .. });
            start_edit(app, None);
            // A new address goes on a line of its own.
            if let Some(edit) = fill_mut(app).edit.as_mut()
                && urls
                && edit.area.lines().iter().any(|l| !l.trim().is_empty())
            {
                edit.area.insert_newline();
            }
            edit_action(app, Action::Type(c));
        }
        Action::Paste(text)
            if !matches!(
                kind,
                QuestionKind::Single | QuestionKind::Multi | QuestionKind::Matrix
            ) =>
        {
            if is_numeric(&fill.q.items[item].answer) && !is_one_number(&text) {
                refuse_paste(app, &text);
                return;
            }
            start_edit(app, Some(text.nfc().collect()))
        }
        Action::ToggleNotAvailable => toggle_special(app, item, Value::NotAvailable),
        Action::ToggleNotApplicable => toggle_special(app, item, Value::NotApplicable),
        _ => {}
    }
}

/// The first error left in the current question, as the notice that says so on leaving it.
pub(super) fn error_left(app: &App) -> Option<String> {
    let Screen::Fill(fill) = &app.screen else {
        return None;
    };
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
        app.tr(T::LeftWithProblems),
        fill.q.items[finding.location.item].code,
        crate::i18n::finding_message(app.opts.lang, finding)
    ))
}

pub(super) fn next_question(app: &mut App) {
    if !finish_edit(app) {
        return;
    }
    let left = error_left(app);
    move_on(app);
    if let Some(text) = left {
        app.error(text);
    }
}

pub(super) fn move_on(app: &mut App) {
    let fill = fill_mut(app);
    let visible = fill.visible_questions();
    if let Some(&next) = visible.iter().find(|&&q| q > fill.question) {
        fill.question = next;
        fill.cursor = 0;
        remember_position(app);
        return;
    }
    // End of the section (or of this instance): on to the next instance, or the next section.
    if let Some(roster) = fill.roster()
        && fill.instance + 1 < fill.eval.instances(roster).len()
    {
        fill.instance += 1;
        if let Some(&first) = fill.visible_questions().first() {
            fill.question = first;
            fill.cursor = 0;
            remember_position(app);
            return;
        }
    }
    if fill.section + 1 < fill.sections.len() {
        fill.section += 1;
        enter_section(app);
    } else {
        let text = app.tr(T::SectionEnd);
        app.info(text);
    }
}

pub(super) fn prev_question(app: &mut App) {
    if !finish_edit(app) {
        return;
    }
    let left = error_left(app);
    let fill = fill_mut(app);
    let visible = fill.visible_questions();
    if let Some(&prev) = visible.iter().rev().find(|&&q| q < fill.question) {
        fill.question = prev;
        fill.cursor = 0;
        remember_position(app);
    }
    if let Some(text) = left {
        app.error(text);
    }
}

pub(super) fn jump_to_finding(app: &mut App, index: usize) {
    flush(app);
    let fill = fill_mut(app);
    let Some(finding) = fill.eval.findings.get(index) else {
        return;
    };
    let location = finding.location.clone();
    let Some(section) = fill.sections.iter().position(|&s| s == location.section) else {
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
    remember_position(app);
}
