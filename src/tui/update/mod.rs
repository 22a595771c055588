//! `update`: the one place where the application changes, one file per concern — the start
//! screen, moving through the questionnaire, typing an answer, the roster, checking and
//! submitting. Saving through the store is an effect of `update`.

mod edit;
mod navigate;
mod results;
mod roster;
mod start;
mod submit;

use edit::*;
use navigate::*;
use roster::*;
use start::*;
use submit::*;

use super::action::Action;
use super::app::*;
use super::fill::{HINT_MIN_WIDTH, parse_edit, parse_number};
use crate::exchange::{self, InstitutionKind, InstitutionRecord, Status};
use crate::expr::ItemId;
use crate::i18n::{Lang, T};
use crate::questionnaire::{AnswerType, FilledBy, QuestionKind};
use crate::response::{Instance, Value};
use crate::rules::{self, Finding};
use crate::store::{AnswerKey, DefinitionStatus, PersonId, Role, SubmissionSummary};
use ratatui_textarea::TextArea;
use std::path::PathBuf;
use std::rc::Rc;
use unicode_normalization::UnicodeNormalization;

/// Open the results of the submission under the start list's cursor (the demo opens so).
pub fn open_selected_results(app: &mut App) {
    if let Screen::Start(start) = &app.screen
        && let Some(summary) = start.submissions.get(start.cursor)
    {
        let id = summary.id;
        results::open(app, id, None);
    }
}

/// Apply one action. The only function that changes the application.
pub fn update(app: &mut App, action: Action) {
    if !matches!(action, Action::Tick | Action::Resize(..)) {
        app.notice = None;
    }
    match action {
        // The view reads the frame's size; a resize only needs the redraw that follows.
        Action::Resize(..) => return,
        Action::Tick => {
            if let Screen::Fill(fill) = &mut app.screen
                && let Some(pending) = fill.pending.as_mut()
            {
                pending.idle_ticks += 1;
                if pending.idle_ticks >= PAUSE_TICKS {
                    flush(app);
                }
            }
            return;
        }
        Action::Quit => {
            flush(app);
            app.quit = true;
            return;
        }
        _ => {}
    }
    if app.overlay.is_some() {
        overlay_action(app, action);
        return;
    }
    match &app.screen {
        Screen::Start(_) => start_action(app, action),
        Screen::Fill(_) => fill_action(app, action),
        Screen::Results(_) => results::action(app, action),
    }
}

pub(super) fn overlay_action(app: &mut App, action: Action) {
    match app.overlay.as_mut() {
        Some(Overlay::Help(scroll)) => match action {
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::Down => *scroll = (*scroll + 1).min(crate::tui::keymap::help_length()),
            Action::PrevQuestion => *scroll = scroll.saturating_sub(10),
            Action::NextQuestion => *scroll = (*scroll + 10).min(crate::tui::keymap::help_length()),
            _ => app.overlay = None,
        },
        Some(Overlay::Problems { cursor }) => {
            let count = match &app.screen {
                Screen::Fill(f) => f.eval.findings.len(),
                _ => 0,
            };
            match action {
                Action::Up => *cursor = cursor.saturating_sub(1),
                Action::Down => *cursor = (*cursor + 1).min(count.saturating_sub(1)),
                Action::Enter => {
                    let index = *cursor;
                    app.overlay = None;
                    jump_to_finding(app, index);
                }
                Action::No | Action::Back => app.overlay = None,
                _ => {}
            }
        }
        Some(Overlay::Prompt(prompt)) => match action {
            Action::Type(c) => prompt.area.insert_char(c),
            Action::Paste(text) => {
                let text: String = text.nfc().collect::<String>().replace(['\r', '\n'], " ");
                prompt.area.insert_str(text);
            }
            Action::Edit(input) => {
                prompt.area.input(input);
            }
            Action::Yes => {
                let Some(Overlay::Prompt(prompt)) = app.overlay.take() else {
                    return;
                };
                let text = prompt.area.lines().join(" ").trim().to_owned();
                prompt_done(app, prompt.purpose, text);
            }
            Action::No | Action::Back => app.overlay = None,
            _ => {}
        },
        Some(Overlay::Confirm { .. }) => match action {
            Action::Yes => {
                let Some(Overlay::Confirm { purpose, .. }) = app.overlay.take() else {
                    return;
                };
                confirmed(app, purpose);
            }
            Action::No | Action::Back => app.overlay = None,
            _ => {}
        },
        None => {}
    }
}

pub(super) fn fill_mut(app: &mut App) -> &mut Fill {
    match &mut app.screen {
        Screen::Fill(fill) => fill,
        _ => unreachable!("fill actions come only from the fill screen"),
    }
}

pub(super) fn fill_ref(app: &App) -> &Fill {
    match &app.screen {
        Screen::Fill(fill) => fill,
        _ => unreachable!("fill actions come only from the fill screen"),
    }
}

pub(super) fn fill_action(app: &mut App, action: Action) {
    match action {
        Action::Help => {
            app.overlay = Some(Overlay::Help(0));
            return;
        }
        Action::Problems => {
            flush(app);
            app.overlay = Some(Overlay::Problems { cursor: 0 });
            return;
        }
        Action::Submit => {
            submit(app);
            return;
        }
        Action::Results => {
            if !finish_edit(app) {
                return;
            }
            let placeholder = Screen::Start(StartScreen {
                submissions: Vec::new(),
                cursor: 0,
                form: None,
            });
            if let Screen::Fill(fill) = std::mem::replace(&mut app.screen, placeholder) {
                let id = fill.submission.id;
                results::open(app, id, Some(fill));
            }
            return;
        }
        _ => {}
    }
    match fill_ref(app).focus {
        Focus::Sections => sections_action(app, action),
        Focus::Roster => roster_action(app, action),
        Focus::Question => question_action(app, action),
    }
}

/// Set an answer in the current context and save it at once.
pub(super) fn answer(app: &mut App, item: ItemId, value: Option<Value>) {
    let fill = fill_mut(app);
    if fill.read_only() {
        let text = app.tr(T::ReadOnly);
        app.error(text);
        return;
    }
    fill.set_pending(item, value);
    flush(app);
    fill_mut(app).settle();
}

/// Save the pending answer, if any, to the store.
pub(super) fn flush(app: &mut App) {
    let Screen::Fill(fill) = &mut app.screen else {
        return;
    };
    let Some(pending) = fill.pending.take() else {
        return;
    };
    let item = &fill.q.items[pending.item];
    let (roster, key) = match item.roster {
        None => (String::new(), String::new()),
        Some(_) => match fill.instance_key(pending.instance) {
            Some(place) => place,
            None => return,
        },
    };
    let value = match item.roster {
        None => fill.response.answers.get(&item.code),
        Some(_) => fill
            .response
            .instances(&roster)
            .iter()
            .find(|i| i.key == key)
            .and_then(|i| i.answers.get(&item.code)),
    }
    .cloned();
    let code = item.code.clone();
    let (submission, person) = (fill.submission.id, fill.person);
    let key = AnswerKey::in_roster(&roster, &key, &code);
    match app
        .store
        .save_answer(submission, key, value.as_ref(), person)
    {
        Ok(_) => app.save_failed = false,
        Err(e) => {
            // Keep it pending so that the next flush tries again; nothing typed is dropped.
            if let Screen::Fill(fill) = &mut app.screen {
                fill.pending = Some(pending);
            }
            app.save_failed = true;
            app.error(e.to_string());
        }
    }
}

pub(super) fn remember_position(app: &mut App) {
    let fill = fill_ref(app);
    let (submission, position) = (fill.submission.id, fill.position());
    if let Err(e) = app.store.save_position(submission, &position) {
        app.error(e.to_string());
    }
}

/// An editor with the cursor at the end of `lines`, without the library's underlined line.
pub(super) fn text_area(lines: Vec<String>) -> TextArea<'static> {
    let mut area = TextArea::new(if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    });
    area.set_cursor_line_style(ratatui::style::Style::new());
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

pub(super) fn prompt(purpose: Prompting, title: String, text: &str) -> Prompt {
    let area = text_area(vec![text.to_owned()]);
    Prompt {
        purpose,
        title,
        detail: None,
        area,
    }
}

pub(super) fn prompt_done(app: &mut App, purpose: Prompting, text: String) {
    match purpose {
        Prompting::AddInstance | Prompting::RenameInstance(_) if text.is_empty() => {}
        Prompting::AddInstance => {
            let Some((roster, roster_id, submission, person)) = fill_ref(app).roster_edit() else {
                return;
            };
            match app
                .store
                .add_instance(submission, &roster_id, &text, person)
            {
                Ok(key) => {
                    let fill = fill_mut(app);
                    fill.response
                        .rosters
                        .entry(roster_id)
                        .or_default()
                        .push(Instance {
                            key,
                            label: text,
                            ..Instance::default()
                        });
                    fill.reevaluate();
                    fill.instance = fill.eval.instances(roster).len() - 1;
                }
                Err(e) => app.error(e.to_string()),
            }
        }
        Prompting::RenameInstance(key) => {
            let Some((_, roster_id, submission, person)) = fill_ref(app).roster_edit() else {
                return;
            };
            match app
                .store
                .rename_instance(submission, &roster_id, &key, &text, person)
            {
                Ok(()) => {
                    let fill = fill_mut(app);
                    fill.response.instance_mut(&roster_id, &key).label = text;
                    fill.reevaluate();
                }
                Err(e) => app.error(e.to_string()),
            }
        }
        Prompting::Acknowledge(index) => {
            let fill = fill_ref(app);
            let finding = fill.eval.findings[index].clone();
            let (roster, instance) = finding_place(fill, &finding);
            let check = match &finding.kind {
                rules::FindingKind::Check { name, .. } => name.clone(),
                _ => return,
            };
            let (submission, person) = (fill.submission.id, fill.person);
            let key = AnswerKey::in_roster(&roster, &instance, "");
            match app
                .store
                .acknowledge(submission, &check, key, &text, person)
            {
                Ok(()) => submit(app),
                Err(e) => app.error(e.to_string()),
            }
        }
        Prompting::ExportPath => export_to(app, PathBuf::from(text)),
    }
}

pub(super) fn confirmed(app: &mut App, purpose: Confirming) {
    match purpose {
        Confirming::DeleteInstance(key) => {
            let Some((roster, roster_id, submission, person)) = fill_ref(app).roster_edit() else {
                return;
            };
            match app
                .store
                .remove_instance(submission, &roster_id, &key, person)
            {
                Ok(()) => {
                    let fill = fill_mut(app);
                    if let Some(list) = fill.response.rosters.get_mut(&roster_id) {
                        list.retain(|i| i.key != key);
                    }
                    fill.reevaluate();
                    let count = fill.eval.instances(roster).len();
                    fill.instance = fill.instance.min(count.saturating_sub(1));
                }
                Err(e) => app.error(e.to_string()),
            }
        }
        Confirming::Submit => {
            let fill = fill_ref(app);
            let (submission, person) = (fill.submission.id, fill.person);
            match app.store.set_status(submission, Status::Submitted, person) {
                Ok(()) => {
                    let fill = fill_mut(app);
                    fill.submission.status = Status::Submitted;
                    let slug: String = fill
                        .submission
                        .institution
                        .chars()
                        .map(|c| if c.is_alphanumeric() { c } else { '-' })
                        .collect();
                    let name = format!(
                        "anketa-{}-{}.json",
                        slug.trim_matches('-'),
                        fill.submission.year
                    );
                    let path = app.opts.export_dir.join(name);
                    app.overlay = Some(Overlay::Prompt(Box::new(prompt(
                        Prompting::ExportPath,
                        app.tr(T::SubmittedExportTo).to_owned(),
                        &path.display().to_string(),
                    ))));
                }
                Err(e) => app.error(e.to_string()),
            }
        }
    }
}
