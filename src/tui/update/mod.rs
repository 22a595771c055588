//! `update`: the one place where the application changes, one file per concern — the start
//! screen, moving through the questionnaire, typing an answer, the roster, checking and
//! submitting, the results. It reads no clock and touches no database or file: the time comes
//! in with each action, and saving, loading and writing files are asked of [`Effects`].

mod edit;
mod navigate;
mod report;
mod results;
mod review;
mod roster;
mod start;
mod submit;

use edit::*;
use navigate::*;
use review::*;
use roster::*;
use start::*;
use submit::*;

use super::action::{Action, TextEdit};
use super::effects::Effects;
use super::keymap::help_length;
use super::model::fill::{HINT_MIN_WIDTH, parse_edit, parse_number};
use super::model::report::ReportView;
use super::model::results::ResultsView;
use super::model::sheet::Sheet;
use super::model::*;
use crate::exchange::{InstitutionKind, InstitutionRecord, Role, Status};
use crate::expr::ItemId;
use crate::i18n::{Lang, T, tr};
use crate::questionnaire::{AnswerType, FilledBy, QuestionKind, Questionnaire};
use crate::response::{Instance, Value};
use crate::rules::{self, Finding};
use crate::store::{
    AnswerKey, DefinitionStatus, PersonId, Seek, SubmissionId, SubmissionSummary, Window,
};
use ratatui_textarea::TextArea;
use std::path::PathBuf;
use std::rc::Rc;
use std::time::Instant;
use unicode_normalization::UnicodeNormalization;

/// One turn of [`update`]: what a handler works with besides its own screen's state — the
/// questionnaire and options (read only), the effects, the time, the overlay and notice it may
/// set, and the screen to go to next.
pub(super) struct Turn<'a> {
    pub q: &'a Rc<Questionnaire>,
    pub definition: &'a str,
    pub opts: &'a Options,
    pub fx: &'a mut dyn Effects,
    pub now: Instant,
    pub overlay: &'a mut Option<Overlay>,
    pub notice: &'a mut Option<Notice>,
    pub save_failed: &'a mut bool,
    /// The terminal's size (columns, rows).
    pub size: (u16, u16),
    pub next: Option<Next>,
}

/// A change of screen, made once the handler has let go of the current one.
pub(super) enum Next {
    /// The start screen, its list read again.
    Start,
    Fill(Box<Fill>),
    /// The results of a submission; from the fill screen, it is kept to return to. Without
    /// a scoring model, the answer tables instead.
    Results(SubmissionId),
    /// The answer tables of what was handed in; from the fill screen, it is kept to return
    /// to.
    Report,
}

impl Turn<'_> {
    pub fn tr(&self, t: T) -> &'static str {
        tr(self.opts.lang, t)
    }

    pub fn info(&mut self, text: impl Into<String>) {
        *self.notice = Some(Notice::Info(text.into()));
    }

    pub fn error(&mut self, text: impl Into<String>) {
        *self.notice = Some(Notice::Error(text.into()));
    }
}

/// Open the results of the submission under the start list's cursor (the demo opens so).
pub fn open_selected_results(app: &mut App, fx: &mut dyn Effects) {
    if let Screen::Start(start) = &app.screen
        && let Some(summary) = start.list.rows.get(start.cursor)
    {
        let id = summary.id;
        go(app, Next::Results(id), fx);
    }
}

/// Open support staff's inbox (`anketa review` opens so).
pub fn open_inbox(app: &mut App, fx: &mut dyn Effects) {
    go(app, Next::Start, fx);
}

/// Apply one action that happened at `now`. The only function that changes the application.
/// Returns false when nothing changed (a tick with nothing due), so that the loop draws only
/// when the screen may look different.
pub fn update(app: &mut App, action: Action, now: Instant, fx: &mut dyn Effects) -> bool {
    if !matches!(action, Action::Tick | Action::Resize(..)) {
        app.notice = None;
    }
    if let Action::Resize(w, h) = action {
        app.size = (w, h);
    }
    let App {
        q,
        definition,
        opts,
        screen,
        overlay,
        notice,
        save_failed,
        quit,
        size,
        scored: _,
    } = app;
    let mut turn = Turn {
        q,
        definition,
        opts,
        fx,
        now,
        overlay,
        notice,
        save_failed,
        size: *size,
        next: None,
    };
    let mut changed = true;
    match (action, &mut *screen) {
        // The view reads the frame's size; a resize only needs the redraw that follows.
        (Action::Resize(..), _) => {}
        (Action::Tick, Screen::Fill(fill)) => {
            changed = fill
                .pending
                .is_some_and(|p| now.duration_since(p.typed_at) >= SAVE_AFTER_PAUSE);
            if changed {
                flush(fill, &mut turn);
            }
        }
        (Action::Tick, Screen::Inbox(inbox)) => {
            changed = evaluate_some(inbox, turn.fx, INBOX_BATCH, turn.notice);
        }
        (Action::Tick, _) => changed = false,
        (Action::Quit, screen) => {
            if let Screen::Fill(fill) = screen {
                flush(fill, &mut turn);
                finish_correction(fill, &mut turn);
            }
            *quit = true;
        }
        (action, screen) if turn.overlay.is_some() => overlay_action(screen, &mut turn, action),
        (action, Screen::Start(start)) => start_action(start, &mut turn, action),
        (action, Screen::Inbox(inbox)) => inbox_action(inbox, &mut turn, action),
        (action, Screen::Fill(fill)) => fill_action(fill, &mut turn, action),
        (action, Screen::Results(view)) => results::action(view, &mut turn, action),
        (action, Screen::Report(view)) => report::action(view, &mut turn, action),
    }
    if let Some(next) = turn.next.take() {
        go(app, next, fx);
    }
    changed
}

/// How many submissions the inbox evaluates before its first frame: more than a tall
/// terminal shows.
const INBOX_FIRST: usize = 60;
/// How many more it evaluates at each tick, until all are: a few dozen milliseconds.
const INBOX_BATCH: usize = 100;

fn evaluate_some(
    inbox: &mut InboxScreen,
    fx: &mut dyn Effects,
    n: usize,
    notice: &mut Option<Notice>,
) -> bool {
    let ids = inbox.unevaluated(n);
    if ids.is_empty() {
        return false;
    }
    match fx.inbox_checks(&ids) {
        Ok(checks) => inbox.set_checks(checks),
        Err(e) => {
            inbox.failed = true;
            *notice = Some(Notice::Error(e.to_string()));
        }
    }
    true
}

/// Change the screen.
fn go(app: &mut App, next: Next, fx: &mut dyn Effects) {
    match next {
        Next::Start if app.opts.role == Role::Support => match fx.inbox() {
            Ok(rows) => {
                let mut inbox = InboxScreen::new(rows);
                // The first frame shows the rows on screen evaluated; the rest follow.
                evaluate_some(&mut inbox, fx, INBOX_FIRST, &mut app.notice);
                app.screen = Screen::Inbox(Box::new(inbox));
            }
            Err(e) => app.notice = Some(Notice::Error(e.to_string())),
        },
        Next::Start => match fx.window(&app.q.id, Seek::Newest, START_ROWS) {
            Ok(list) => app.screen = Screen::Start(StartScreen::new(list, app.opts.default_year)),
            Err(e) => app.notice = Some(Notice::Error(e.to_string())),
        },
        Next::Fill(fill) => app.screen = Screen::Fill(fill),
        Next::Results(submission) => match app.opts.scoring.clone() {
            // Without a scoring model, the answer tables are a questionnaire's results.
            None => {
                go(app, Next::Report, fx);
                if app.notice.is_none() {
                    app.notice = Some(Notice::Info(app.tr(T::Unscored).to_owned()));
                }
            }
            Some(model) => {
                let back = take_fill(app);
                match results::open(app, fx, submission, &model) {
                    Ok(view) => {
                        app.screen = Screen::Results(Box::new(ResultsView { back, ..view }));
                    }
                    Err(notice) => give_back(app, back, notice),
                }
            }
        },
        Next::Report => {
            let back = take_fill(app);
            match report::open(app, fx, crate::tables::Scope::default()) {
                Ok(view) => {
                    app.screen = Screen::Report(Box::new(ReportView { back, ..view }));
                }
                Err(notice) => give_back(app, back, notice),
            }
        }
    }
}

/// The fill screen, moved out to come back to from the results or the tables.
fn take_fill(app: &mut App) -> Option<Box<Fill>> {
    let placeholder = Screen::Start(StartScreen::new(Window::default(), app.opts.default_year));
    match std::mem::replace(&mut app.screen, placeholder) {
        Screen::Fill(fill) => Some(fill),
        other => {
            app.screen = other;
            None
        }
    }
}

/// A screen that did not open: say why, and go on filling if that is where it was asked.
fn give_back(app: &mut App, back: Option<Box<Fill>>, notice: Notice) {
    app.notice = Some(notice);
    if let Some(fill) = back {
        app.screen = Screen::Fill(fill);
    }
}

pub(super) fn overlay_action(screen: &mut Screen, turn: &mut Turn, action: Action) {
    match turn.overlay.as_mut() {
        Some(Overlay::Help(scroll)) => match action {
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::Down => *scroll = (*scroll + 1).min(help_length(turn.opts.role)),
            Action::PageUp => *scroll = scroll.saturating_sub(10),
            Action::PageDown => *scroll = (*scroll + 10).min(help_length(turn.opts.role)),
            Action::Close => *turn.overlay = None,
            _ => {}
        },
        Some(Overlay::Text { lines, scroll, .. }) => {
            // As far as the lines reach wrapped in the narrowest window; the view stops at
            // the real end.
            let rows: usize = lines
                .iter()
                .map(|l| l.chars().count().div_ceil(HINT_MIN_WIDTH).max(1))
                .sum();
            let last = rows.saturating_sub(1) as u16;
            match action {
                Action::Up => *scroll = scroll.saturating_sub(1),
                Action::Down => *scroll = (*scroll + 1).min(last),
                Action::PageUp => *scroll = scroll.saturating_sub(10),
                Action::PageDown => *scroll = (*scroll + 10).min(last),
                Action::Close => *turn.overlay = None,
                _ => {}
            }
        }
        Some(Overlay::Queries { cursor }) => {
            let cursor = *cursor;
            if let Screen::Fill(fill) = screen {
                queries_action(fill, turn, cursor, action);
            }
        }
        Some(Overlay::Problems { cursor }) => {
            let count = match screen {
                Screen::Fill(f) => f.eval().findings.len() + f.flags.len(),
                _ => 0,
            };
            match action {
                Action::Up => *cursor = cursor.saturating_sub(1),
                Action::Down => *cursor = (*cursor + 1).min(count.saturating_sub(1)),
                Action::Enter => {
                    let index = *cursor;
                    *turn.overlay = None;
                    if let Screen::Fill(fill) = screen {
                        let findings = fill.eval().findings.len();
                        if index < findings {
                            jump_to_finding(fill, turn, index);
                        } else {
                            jump_to_flag(fill, turn, index - findings);
                        }
                    }
                }
                Action::Close => *turn.overlay = None,
                _ => {}
            }
        }
        Some(Overlay::Prompt(prompt)) => match action {
            Action::Type(c) => prompt.area.insert_char(c),
            Action::Paste(text) => {
                let text: String = text.nfc().collect::<String>().replace(['\r', '\n'], " ");
                prompt.area.insert_str(text);
            }
            Action::EditText(edit) => {
                edit_text(&mut prompt.area, edit);
            }
            Action::Accept => {
                let Some(Overlay::Prompt(prompt)) = turn.overlay.take() else {
                    return;
                };
                let text = prompt.area.lines().join(" ").trim().to_owned();
                if let Screen::Fill(fill) = screen {
                    prompt_done(fill, turn, prompt.purpose, text);
                }
            }
            Action::Cancel => *turn.overlay = None,
            _ => {}
        },
        Some(Overlay::Confirm { .. }) => match action {
            Action::Yes => {
                let Some(Overlay::Confirm { purpose, .. }) = turn.overlay.take() else {
                    return;
                };
                if let Screen::Fill(fill) = screen {
                    confirmed(fill, turn, purpose);
                }
            }
            Action::No => *turn.overlay = None,
            _ => {}
        },
        None => {}
    }
}

pub(super) fn fill_action(fill: &mut Fill, turn: &mut Turn, action: Action) {
    if review_action(fill, turn, &action) {
        return;
    }
    match action {
        Action::Help => *turn.overlay = Some(Overlay::Help(0)),
        Action::Problems => {
            flush(fill, turn);
            *turn.overlay = Some(Overlay::Problems { cursor: 0 });
        }
        Action::Submit => submit(fill, turn),
        Action::Results => {
            if finish_edit(fill, turn) {
                turn.next = Some(Next::Results(fill.submission.id));
            }
        }
        _ => match fill.focus {
            Focus::Sections => sections_action(fill, turn, action),
            Focus::Roster => roster_action(fill, turn, action),
            Focus::Question => question_action(fill, turn, action),
        },
    }
    if !fill.correcting() {
        finish_correction(fill, turn);
    }
}

/// Why the answers here cannot change, in the words for who is at the keyboard.
pub(super) fn read_only_notice(fill: &Fill) -> T {
    match fill.submission.status {
        Status::Accepted => T::AcceptedIsFinal,
        _ if fill.reviewing() => T::RespondentsPartReadOnly,
        _ => T::ReadOnly,
    }
}

/// Set an answer in the current context and save it at once.
pub(super) fn answer(fill: &mut Fill, turn: &mut Turn, item: ItemId, value: Option<Value>) {
    if fill.read_only() {
        turn.error(turn.tr(read_only_notice(fill)));
        return;
    }
    set_pending(fill, turn, item, value);
    flush(fill, turn);
    fill.settle();
}

/// Make an answer in the current context the one waiting to be saved. One still waiting for
/// another place is saved first: a text left mid-word and then another field changed must
/// not be dropped. (A save that fails keeps only the newest waiting; issue 15 keeps them all.)
pub(super) fn set_pending(fill: &mut Fill, turn: &mut Turn, item: ItemId, value: Option<Value>) {
    let instance = fill.current_instance();
    let elsewhere = fill
        .pending
        .as_ref()
        .is_some_and(|p| (p.item, p.instance) != (item, instance));
    if elsewhere {
        flush(fill, turn);
    }
    fill.set_pending(item, value, turn.now);
}

/// Save the pending answer, if any.
pub(super) fn flush(fill: &mut Fill, turn: &mut Turn) {
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
        None => fill.response().answers.get(&item.code),
        Some(_) => fill
            .response()
            .instances(&roster)
            .iter()
            .find(|i| i.key == key)
            .and_then(|i| i.answers.get(&item.code)),
    };
    let key = AnswerKey::in_roster(&roster, &key, &item.code);
    let saved = match correction_reason(fill, pending.item, pending.instance) {
        Some(reason) => turn
            .fx
            .correct_answer(fill.submission.id, key, value, fill.person, reason),
        None => turn
            .fx
            .save_answer(fill.submission.id, key, value, fill.person),
    };
    match saved {
        Ok(()) => *turn.save_failed = false,
        Err(e) => {
            // Keep it pending so that the next flush tries again; nothing typed is dropped.
            fill.pending = Some(pending);
            *turn.save_failed = true;
            turn.error(e.to_string());
        }
    }
}

pub(super) fn remember_position(fill: &Fill, turn: &mut Turn) {
    if let Err(e) = turn.fx.save_position(fill.submission.id, &fill.position()) {
        turn.error(e.to_string());
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

pub(super) fn prompt_done(fill: &mut Fill, turn: &mut Turn, purpose: Prompting, text: String) {
    match purpose {
        Prompting::AddInstance | Prompting::RenameInstance(_) if text.is_empty() => {}
        Prompting::AddInstance => add_instance(fill, turn, text),
        Prompting::RenameInstance(key) => rename_instance(fill, turn, &key, text),
        Prompting::Acknowledge(index) => acknowledge(fill, turn, index, &text),
        Prompting::ExportPath => export_to(fill, turn, PathBuf::from(text)),
        Prompting::OpenQuery(roster, instance, code) => {
            open_query(fill, turn, [roster, instance, code], &text)
        }
        Prompting::Reply(uid, sets) => reply(fill, turn, &uid, sets, &text),
        Prompting::CorrectionReason => begin_correction(fill, turn, text),
    }
}

pub(super) fn confirmed(fill: &mut Fill, turn: &mut Turn, purpose: Confirming) {
    match purpose {
        Confirming::DeleteInstance(key) => delete_instance(fill, turn, &key),
        Confirming::Submit => mark_submitted(fill, turn),
        Confirming::Return => decide(fill, turn, Status::Returned, T::ReturnedExportTo),
        Confirming::AcceptSubmission => decide(fill, turn, Status::Accepted, T::AcceptedExportTo),
    }
}
