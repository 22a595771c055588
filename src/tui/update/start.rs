//! The start screen: the list of submissions and the new-submission form.

use super::*;

pub(super) fn start_action(start: &mut StartScreen, turn: &mut Turn, action: Action) {
    if let Some(form) = &mut start.form {
        match action {
            Action::Type(c) => {
                form.error = None;
                if form.focus == FORM_KIND {
                    form.ministry = !form.ministry;
                } else if form.focus == FORM_YEAR && !c.is_ascii_digit() {
                    form.error = Some(T::YearDigitsOnly);
                } else {
                    if form.focus == FORM_YEAR && std::mem::take(&mut form.year_is_default) {
                        form.values[FORM_YEAR].clear();
                    }
                    form.values[form.focus].push(c);
                }
            }
            Action::Paste(text) if form.focus == FORM_YEAR => {
                let text = text.trim();
                if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit()) {
                    form.error = Some(T::YearDigitsOnly);
                } else {
                    if std::mem::take(&mut form.year_is_default) {
                        form.values[FORM_YEAR].clear();
                    }
                    form.values[FORM_YEAR].push_str(text);
                }
            }
            Action::Paste(text) if form.focus != FORM_KIND => {
                let text: String = text.nfc().filter(|c| !c.is_control()).collect();
                form.values[form.focus].push_str(&text);
            }
            Action::EditText(TextEdit::DeleteBack) => {
                if form.focus == FORM_YEAR {
                    form.year_is_default = false;
                }
                form.values[form.focus].pop();
            }
            Action::NextField => form.focus = (form.focus + 1).min(FORM_FIELDS.len() - 1),
            Action::PrevField => form.focus = form.focus.saturating_sub(1),
            Action::Enter if form.focus + 1 < FORM_FIELDS.len() => form.focus += 1,
            Action::Enter => create_submission(form, turn),
            Action::Back if !start.list.rows.is_empty() => start.form = None,
            _ => {}
        }
        return;
    }
    match action {
        Action::Up => move_cursor(start, turn, -1),
        Action::Down => move_cursor(start, turn, 1),
        Action::PageUp => move_cursor(start, turn, -(START_PAGE as isize)),
        Action::PageDown => move_cursor(start, turn, START_PAGE as isize),
        Action::NewSubmission => start.form = Some(NewForm::new(turn.opts.default_year)),
        Action::Enter if start.cursor == start.list.rows.len() => {
            start.form = Some(NewForm::new(turn.opts.default_year));
        }
        Action::Enter if turn.opts.results_first => {
            turn.next = Some(Next::Results(start.list.rows[start.cursor].id));
        }
        Action::Enter => {
            let summary = start.list.rows[start.cursor].clone();
            open_submission(turn, summary, None);
        }
        Action::Report => turn.next = Some(Next::Report),
        Action::Help => *turn.overlay = Some(Overlay::Help(0)),
        _ => {}
    }
}

/// A page of the start list: as far as PageDown moves.
const START_PAGE: usize = 20;

/// Move the start list's cursor `by` rows (up when negative), reading the rows beyond the
/// window's ends as it reaches them; the window drops what is far behind.
fn move_cursor(start: &mut StartScreen, turn: &mut Turn, by: isize) {
    let list = &mut start.list;
    let wanted = start.cursor as isize + by;
    if wanted < 0 && list.more_before {
        let first = list.rows[0].id;
        match turn.fx.window(&turn.q.id, Seek::Before(first), START_ROWS) {
            Ok(mut earlier) => {
                start.cursor += earlier.rows.len();
                list.more_before = earlier.more_before;
                earlier.rows.append(&mut list.rows);
                list.rows = earlier.rows;
                if list.rows.len() > 3 * START_ROWS {
                    list.rows.truncate(3 * START_ROWS);
                    list.more_after = true;
                }
            }
            Err(e) => return turn.error(e.to_string()),
        }
    } else if wanted >= list.rows.len() as isize && list.more_after {
        let last = list.rows[list.rows.len() - 1].id;
        match turn.fx.window(&turn.q.id, Seek::After(last), START_ROWS) {
            Ok(mut later) => {
                list.more_after = later.more_after;
                list.rows.append(&mut later.rows);
                let beyond = list.rows.len().saturating_sub(3 * START_ROWS);
                if beyond > 0 {
                    list.rows.drain(..beyond);
                    start.cursor -= beyond;
                    list.more_before = true;
                }
            }
            Err(e) => return turn.error(e.to_string()),
        }
    }
    // The row after the last is "new submission", there when nothing is after.
    let end = list.rows.len() - usize::from(list.more_after);
    start.cursor = (start.cursor as isize + by).clamp(0, end as isize) as usize;
}

pub(super) fn create_submission(form: &mut NewForm, turn: &mut Turn) {
    let value = |i: usize| form.values[i].trim().to_owned();
    let name = value(0);
    let person_name = value(5);
    if name.is_empty() || person_name.is_empty() {
        form.error = Some(T::FieldRequired);
        return;
    }
    let Some(year) = value(FORM_YEAR)
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
    else {
        form.error = Some(T::YearInvalid);
        form.focus = FORM_YEAR;
        return;
    };
    let optional = |s: String| (!s.is_empty()).then_some(s);
    let institution = InstitutionRecord {
        name,
        reg_no: optional(value(1)),
        sector: optional(value(2)),
        kind: if form.ministry {
            InstitutionKind::Ministry
        } else {
            InstitutionKind::Institution
        },
    };
    match turn
        .fx
        .create(turn.q, turn.definition, &institution, year, &person_name)
    {
        Ok((summary, person)) => open_submission(turn, summary, Some(person)),
        Err(e) => turn.error(e.to_string()),
    }
}

pub(super) fn open_submission(
    turn: &mut Turn,
    summary: SubmissionSummary,
    person: Option<PersonId>,
) {
    let opened = turn.fx.open(
        summary.id,
        turn.q,
        turn.definition,
        person,
        (&turn.opts.user, turn.opts.role),
    );
    let opened = match opened {
        Ok(opened) => opened,
        Err(e) => {
            turn.error(e.to_string());
            return;
        }
    };
    // Support staff open every questionnaire's submissions: another questionnaire's is not a
    // changed definition.
    let (q, changed) = match opened.definition {
        DefinitionStatus::Same => (turn.q.clone(), false),
        DefinitionStatus::Changed { filled_with, .. } => {
            let other = filled_with.id != turn.q.id;
            (Rc::new(*filled_with), !other)
        }
    };
    // The expert part is support staff's; the respondent reads it once the submission is
    // accepted.
    let expert_shown =
        turn.opts.expert || turn.opts.role == Role::Support || summary.status == Status::Accepted;
    let sections: Vec<usize> = (0..q.sections.len())
        .filter(|&s| expert_shown || q.parts[q.sections[s].part].filled_by == FilledBy::Respondent)
        .collect();
    let Some(&first) = sections.first() else {
        // Only an expert part: nothing here for a respondent to fill.
        turn.error(turn.tr(T::NoSectionsForRole));
        return;
    };
    let mut fill = Fill {
        question: q.sections[first].questions.start,
        sheet: Sheet::new(q.clone(), opened.response, sections),
        q,
        submission: summary,
        person: opened.person,
        section: 0,
        focus: Focus::Sections,
        instance: 0,
        cursor: 0,
        edit: None,
        show_hint: false,
        hint_scroll: 0,
        before_special: Default::default(),
        pending: None,
        role: turn.opts.role,
        queries: opened.queries,
        correction: None,
        flags: Vec::new(),
    };
    if fill.reviewing() {
        match turn.fx.plausibility(fill.submission.id) {
            Ok(flags) => fill.flags = flags,
            Err(e) => turn.error(e.to_string()),
        }
    }
    if let Some(position) = opened.position {
        fill.restore(&position);
    }
    if changed {
        turn.info(turn.tr(T::DefinitionChanged));
    } else if fill.read_only() && !fill.reviewing() {
        turn.info(turn.tr(T::ReadOnly));
    }
    on_opening(&fill, turn);
    if fill.reviewing() {
        changes_since_return(&fill, turn);
    }
    turn.next = Some(Next::Fill(Box::new(fill)));
}
