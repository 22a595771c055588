//! The start screen: the list of submissions and the new-submission form.

use super::*;

pub(super) fn start_action(app: &mut App, action: Action) {
    let Screen::Start(start) = &mut app.screen else {
        return;
    };
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
            Action::Edit(input) if input.key == ratatui_textarea::Key::Backspace => {
                if form.focus == FORM_YEAR {
                    form.year_is_default = false;
                }
                form.values[form.focus].pop();
            }
            Action::NextQuestion => form.focus = (form.focus + 1).min(FORM_FIELDS.len() - 1),
            Action::PrevQuestion => form.focus = form.focus.saturating_sub(1),
            Action::Enter if form.focus + 1 < FORM_FIELDS.len() => form.focus += 1,
            Action::Enter => create_submission(app),
            Action::Back if !start.submissions.is_empty() => start.form = None,
            _ => {}
        }
        return;
    }
    match action {
        Action::Up => start.cursor = start.cursor.saturating_sub(1),
        Action::Down => start.cursor = (start.cursor + 1).min(start.submissions.len()),
        Action::Enter if start.cursor == start.submissions.len() => {
            start.form = Some(NewForm::new(app.opts.default_year));
        }
        Action::Enter if app.opts.results_first => {
            let id = start.submissions[start.cursor].id;
            super::results::open(app, id, None);
        }
        Action::Enter => {
            let summary = start.submissions[start.cursor].clone();
            open_submission(app, summary, None);
        }
        Action::Help => app.overlay = Some(Overlay::Help(0)),
        _ => {}
    }
}

pub(super) fn create_submission(app: &mut App) {
    let Screen::Start(StartScreen {
        form: Some(form), ..
    }) = &mut app.screen
    else {
        return;
    };
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
    let created = (|| {
        let institution = app.store.institution(&institution)?;
        let person = app.store.person(&person_name, Role::Respondent)?;
        let qrow = app.store.register_questionnaire(&app.q, &app.definition)?;
        let id = app
            .store
            .create_submission(institution, qrow, year, person)?;
        Ok::<_, crate::store::StoreError>((app.store.submission(id)?, person))
    })();
    match created {
        Ok((summary, person)) => open_submission(app, summary, Some(person)),
        Err(e) => app.error(e.to_string()),
    }
}

pub(super) fn open_submission(app: &mut App, summary: SubmissionSummary, person: Option<PersonId>) {
    let opened = (|| {
        let status = app
            .store
            .definition_status(summary.id, &app.q, &app.definition)?;
        let response = app.store.load_response(summary.id)?;
        let person = match person {
            Some(p) => p,
            None => match app.store.last_person(summary.id)? {
                Some(p) => p,
                None => app.store.person(&app.opts.user, Role::Respondent)?,
            },
        };
        let position = app.store.position(summary.id)?;
        Ok::<_, crate::store::StoreError>((status, response, person, position))
    })();
    let (status, response, person, position) = match opened {
        Ok(opened) => opened,
        Err(e) => {
            app.error(e.to_string());
            return;
        }
    };
    let (q, changed) = match status {
        DefinitionStatus::Same => (app.q.clone(), false),
        DefinitionStatus::Changed { filled_with, .. } => (Rc::new(*filled_with), true),
    };
    let sections: Vec<usize> = (0..q.sections.len())
        .filter(|&s| {
            app.opts.expert || q.parts[q.sections[s].part].filled_by == FilledBy::Respondent
        })
        .collect();
    let Some(&first) = sections.first() else {
        // Only an expert part: nothing here for a respondent to fill.
        let text = app.tr(T::NoSectionsForRole);
        app.error(text);
        return;
    };
    let eval = rules::evaluate(&q, &response);
    let mut fill = Fill {
        question: q.sections[first].questions.start,
        q,
        submission: summary,
        person,
        response,
        eval,
        sections,
        section: 0,
        focus: Focus::Sections,
        instance: 0,
        cursor: 0,
        edit: None,
        show_hint: false,
        hint_scroll: 0,
        before_special: Default::default(),
        pending: None,
    };
    fill.keep_shown_findings();
    if let Some(position) = position {
        fill.restore(&position);
    }
    let read_only = fill.read_only();
    app.screen = Screen::Fill(Box::new(fill));
    if changed {
        app.info(app.tr(T::DefinitionChanged));
    } else if read_only {
        app.info(app.tr(T::ReadOnly));
    }
}
