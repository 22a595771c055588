//! The application's state: the screens, the submission being filled and what the rules make
//! of it, and the questions asked of that state (what is visible, answered, required, where
//! the cursor is). `update/` changes it; `screens/` and `widgets/` only read it.

use super::keymap::Mode;
use crate::i18n::{Lang, T, tr};
use crate::questionnaire::{AnswerType, QuestionKind, Questionnaire};
use crate::store::Window;
use ratatui_textarea::TextArea;
use std::path::PathBuf;
use std::rc::Rc;
use std::time::Duration;

pub mod fill;
pub mod inbox;
pub mod report;
pub mod results;
pub mod sheet;

pub use fill::{Correction, Edit, Fill, Focus, Pending, Progress, edit_problem};
pub use inbox::{InboxScreen, InboxSort};

/// How often the loop wakes without input: each time is one [`super::Action::Tick`].
pub const TICK: Duration = Duration::from_millis(200);

/// Typing that pauses this long is saved without leaving the field.
pub const SAVE_AFTER_PAUSE: Duration = Duration::from_millis(800);

pub struct Options {
    pub lang: Lang,
    /// Show the expert part too (support staff filling a draft's expert part).
    pub expert: bool,
    /// Who is at the keyboard: support staff review (the inbox, queries, returning and
    /// accepting), respondents fill.
    pub role: crate::exchange::Role,
    pub color: bool,
    /// Where "Pārbaudīt un iesniegt" offers to save the submission file.
    pub export_dir: PathBuf,
    /// The scoring model (file name, text), when the questionnaire has one: enables results.
    pub scoring: Option<(String, String)>,
    /// Opening a submission from the start screen shows its results (consultants' demo).
    pub results_first: bool,
    /// The reporting year a new submission starts with (the caller reads the clock).
    pub default_year: i32,
    /// Who is at the keyboard when a submission names nobody yet (the caller reads the
    /// environment).
    pub user: String,
}

pub struct App {
    pub q: Rc<Questionnaire>,
    pub definition: String,
    pub opts: Options,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub notice: Option<Notice>,
    /// Set while the last save failed; cleared by the next successful one.
    pub save_failed: bool,
    pub quit: bool,
    /// The terminal's size (columns, rows), as the last resize said: how far a long page
    /// scrolls. Drawing reads the frame's own size.
    pub size: (u16, u16),
    /// The scores of the cohorts shown so far, kept until their submissions change.
    pub scored: crate::results::Scored,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Info(String),
    Error(String),
}

pub enum Screen {
    Start(StartScreen),
    Inbox(Box<InboxScreen>),
    Fill(Box<Fill>),
    Results(Box<results::ResultsView>),
    /// The questionnaire's answer tables: the organiser's view, and the results of a
    /// questionnaire without a scoring model.
    Report(Box<report::ReportView>),
}

pub struct StartScreen {
    /// The rows around the cursor, of the list in Latvian order: a window that moves with the
    /// cursor, so that a ministry's 10,000 submissions are never read at once.
    pub list: Window,
    /// Index into `list.rows`; `list.rows.len()` is "new submission", after the last.
    pub cursor: usize,
    pub form: Option<NewForm>,
}

/// How many rows of the start list are read at a time; the window keeps three times as many.
pub const START_ROWS: usize = 100;

/// The fields of a new submission, in order.
pub const FORM_FIELDS: [T; 6] = [
    T::Institution,
    T::RegNo,
    T::Sector,
    T::Kind,
    T::Year,
    T::YourName,
];
pub const FORM_KIND: usize = 3;
pub(in crate::tui) const FORM_YEAR: usize = 4;

pub struct NewForm {
    pub values: [String; 6],
    /// The year shown is the default: the first figure typed replaces it.
    pub year_is_default: bool,
    pub ministry: bool,
    pub focus: usize,
    pub error: Option<T>,
}

pub enum Overlay {
    /// The key help, scrolled down this many lines.
    Help(u16),
    Problems {
        cursor: usize,
    },
    Prompt(Box<Prompt>),
    Confirm {
        purpose: Confirming,
        text: String,
    },
    /// The submission's queries, each with its thread; the cursor on one of them.
    Queries {
        cursor: usize,
    },
    /// Lines to read, scrolled: the history of an answer (who, when, old → new, where), what
    /// changed since a return, or why a step was refused with everything still missing.
    Text {
        title: T,
        lines: Vec<String>,
        scroll: u16,
    },
}

pub struct Prompt {
    pub purpose: Prompting,
    pub title: String,
    /// Text shown above the field (a warning being acknowledged).
    pub detail: Option<String>,
    pub area: TextArea<'static>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Prompting {
    AddInstance,
    RenameInstance(String),
    /// Acknowledge the warning at this index of the evaluation's findings.
    Acknowledge(usize),
    ExportPath,
    /// Support staff's query at this place: (roster id, instance key, code), code empty for
    /// the submission or the instance as a whole.
    OpenQuery(String, String, String),
    /// A message in the thread of the query with this uid; the status it sets, if any.
    Reply(String, Option<crate::exchange::QueryStatus>),
    /// The reason for correcting the current question's answer.
    CorrectionReason,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Confirming {
    DeleteInstance(String),
    Submit,
    /// Support staff return the submission to its respondent.
    Return,
    /// Support staff accept the submission.
    AcceptSubmission,
}

impl App {
    /// The interface for questionnaire `q` (its text `definition`), opening on the start
    /// screen with these of its submissions.
    pub fn new(q: Questionnaire, definition: String, opts: Options, submissions: Window) -> App {
        let screen = Screen::Start(StartScreen::new(submissions, opts.default_year));
        App {
            q: Rc::new(q),
            definition,
            opts,
            screen,
            overlay: None,
            notice: None,
            save_failed: false,
            quit: false,
            size: (80, 24),
            scored: crate::results::Scored::default(),
        }
    }

    pub fn tr(&self, t: T) -> &'static str {
        tr(self.opts.lang, t)
    }

    /// A word of the results view.
    pub fn res(&self, r: crate::i18n::Res) -> &'static str {
        crate::i18n::res(self.opts.lang, r)
    }

    /// What the keyboard talks to now; chooses the keymap.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Help(_)) => return Mode::Help,
            Some(Overlay::Problems { .. }) => return Mode::Problems,
            Some(Overlay::Prompt(_)) => return Mode::Prompt,
            Some(Overlay::Confirm { .. }) => return Mode::Confirm,
            Some(Overlay::Queries { .. }) => return Mode::Queries,
            Some(Overlay::Text { .. }) => return Mode::Help,
            None => {}
        }
        match &self.screen {
            Screen::Inbox(_) => Mode::Inbox,
            Screen::Start(s) if s.form.is_some() => Mode::StartForm,
            Screen::Start(_) => Mode::StartList,
            Screen::Results(_) => Mode::Results,
            Screen::Report(_) => Mode::Report,
            Screen::Fill(f) => match f.focus {
                Focus::Sections => Mode::Sections,
                Focus::Roster => Mode::Roster,
                Focus::Question => match &f.edit {
                    Some(e) if e.multiline => Mode::EditLines,
                    Some(_) => Mode::EditLine,
                    None => match f.q.questions[f.question].kind {
                        QuestionKind::Single => Mode::Choice,
                        QuestionKind::Multi => Mode::Ticks,
                        QuestionKind::Matrix => Mode::Matrix,
                        _ => match &f.q.items[f.current_item()].answer {
                            AnswerType::Integer(b) | AnswerType::Number(b)
                                if b.not_available || b.not_applicable =>
                            {
                                Mode::Count
                            }
                            AnswerType::Integer(_) | AnswerType::Number(_) => Mode::Value,
                            _ => Mode::Text,
                        },
                    },
                },
            },
        }
    }
}

impl StartScreen {
    /// The list from `list` (read around the submission worked on most recently), the cursor
    /// on that one; the new-submission form when there are none.
    pub fn new(list: Window, default_year: i32) -> StartScreen {
        // The first of equals, when several were changed at the same moment.
        let cursor = list
            .rows
            .iter()
            .enumerate()
            .fold(None::<(usize, &str)>, |best, (i, s)| match best {
                Some((_, at)) if at >= s.updated_at.as_str() => best,
                _ => Some((i, s.updated_at.as_str())),
            })
            .map_or(0, |(i, _)| i);
        let form = list.rows.is_empty().then(|| NewForm::new(default_year));
        StartScreen { list, cursor, form }
    }
}

impl NewForm {
    pub(in crate::tui) fn new(default_year: i32) -> Self {
        let mut values: [String; 6] = Default::default();
        values[FORM_YEAR] = default_year.to_string();
        NewForm {
            values,
            year_is_default: true,
            ministry: false,
            focus: 0,
            error: None,
        }
    }
}
