//! The application state and `update`, the one place where it changes. Saving through the
//! store is an effect of `update`; drawing (in `screens/` and `widgets/`) only reads.

use super::action::Action;
use super::keymap::Mode;
use crate::exchange::{self, InstitutionKind, InstitutionRecord, Status};
use crate::expr::ItemId;
use crate::i18n::{Lang, T, tr};
use crate::questionnaire::{AnswerType, FilledBy, QuestionKind, Questionnaire};
use crate::response::{Instance, Response, Value};
use crate::rules::{self, Evaluation, Finding};
use crate::store::{
    AnswerKey, DefinitionStatus, PersonId, Position, Role, Store, SubmissionSummary,
};
use ratatui_textarea::TextArea;
use std::path::PathBuf;
use std::rc::Rc;
use std::time::{Duration, Instant};
use unicode_normalization::UnicodeNormalization;

/// Typing that pauses this long is saved without leaving the field.
pub const SAVE_AFTER_PAUSE: Duration = Duration::from_millis(800);

/// The narrowest the question panel gets: the most lines an explanation can wrap into, and so
/// the furthest it can scroll (the view stops at the real end).
const HINT_MIN_WIDTH: usize = 40;

pub struct Options {
    pub lang: Lang,
    /// Show the expert part too (support staff).
    pub expert: bool,
    pub color: bool,
    /// Where "Pārbaudīt un iesniegt" offers to save the submission file.
    pub export_dir: PathBuf,
    /// The scoring model (file name, text), when the questionnaire has one: enables results.
    pub scoring: Option<(String, String)>,
    /// Opening a submission from the start screen shows its results (consultants' demo).
    pub results_first: bool,
    /// The reporting year a new submission starts with (the caller reads the clock).
    pub default_year: i32,
}

pub struct App {
    pub q: Rc<Questionnaire>,
    pub definition: String,
    pub store: Store,
    pub opts: Options,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub notice: Option<Notice>,
    /// Set while the last save failed; cleared by the next successful one.
    pub save_failed: bool,
    pub size: (u16, u16),
    pub quit: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Info(String),
    Error(String),
}

pub enum Screen {
    Start(StartScreen),
    Fill(Box<Fill>),
    Results(Box<super::results::ResultsView>),
}

pub struct StartScreen {
    pub submissions: Vec<SubmissionSummary>,
    /// Index into `submissions`; `submissions.len()` is "new submission".
    pub cursor: usize,
    pub form: Option<NewForm>,
}

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
const FORM_YEAR: usize = 4;

pub struct NewForm {
    pub values: [String; 6],
    /// The year shown is the default: the first figure typed replaces it.
    pub year_is_default: bool,
    pub ministry: bool,
    pub focus: usize,
    pub error: Option<T>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Sections,
    Roster,
    Question,
}

pub struct Fill {
    pub q: Rc<Questionnaire>,
    pub submission: SubmissionSummary,
    pub person: PersonId,
    pub response: Response,
    pub eval: Evaluation,
    /// The sections shown (the respondent's part, plus the expert part for support staff).
    pub sections: Vec<usize>,
    /// Index into `sections`.
    pub section: usize,
    pub focus: Focus,
    /// The roster instance: the cursor in the roster list, and the one being filled.
    pub instance: usize,
    /// The current question (index into the questionnaire's questions).
    pub question: usize,
    /// Option or row under the cursor.
    pub cursor: usize,
    pub edit: Option<Edit>,
    pub show_hint: bool,
    /// How far the question and its explanation are scrolled, in lines.
    pub hint_scroll: u16,
    /// The figure each "Dati nav pieejami" or "Neattiecas" replaced in this sitting, restored
    /// by toggling back.
    pub before_special: std::collections::HashMap<(ItemId, Option<usize>), Value>,
    pub pending: Option<Pending>,
    pub read_only: bool,
}

pub struct Edit {
    pub item: ItemId,
    pub area: TextArea<'static>,
    pub multiline: bool,
}

/// A typed answer not yet saved: saved on leaving the field or after a pause.
#[derive(Debug, Clone, Copy)]
pub struct Pending {
    pub item: ItemId,
    pub instance: Option<usize>,
    pub since: Instant,
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
}

#[derive(Debug, Clone, PartialEq)]
pub enum Confirming {
    DeleteInstance(String),
    Submit,
}

impl App {
    pub fn new(
        q: Questionnaire,
        definition: String,
        store: Store,
        opts: Options,
    ) -> Result<App, crate::store::StoreError> {
        let mut app = App {
            q: Rc::new(q),
            definition,
            store,
            opts,
            screen: Screen::Start(StartScreen {
                submissions: Vec::new(),
                cursor: 0,
                form: None,
            }),
            overlay: None,
            notice: None,
            save_failed: false,
            size: (80, 24),
            quit: false,
        };
        app.refresh_start()?;
        Ok(app)
    }

    /// Open the results of the submission under the start list's cursor (the demo opens so).
    pub fn open_selected_results(&mut self) {
        if let Screen::Start(start) = &self.screen
            && let Some(summary) = start.submissions.get(start.cursor)
        {
            let id = summary.id;
            super::results::open(self, id, None);
        }
    }

    pub fn tr(&self, t: T) -> &'static str {
        tr(self.opts.lang, t)
    }

    pub(super) fn refresh_start(&mut self) -> Result<(), crate::store::StoreError> {
        let mut submissions: Vec<SubmissionSummary> = self
            .store
            .submissions()?
            .into_iter()
            .filter(|s| s.questionnaire_code == self.q.id)
            .collect();
        submissions.sort_by(|a, b| {
            crate::i18n::compare_lv(&a.institution, &b.institution)
                .then(a.year.cmp(&b.year))
                .then(a.id.cmp(&b.id))
        });
        // The cursor starts on the submission worked on most recently (the first of equals).
        let cursor = submissions
            .iter()
            .enumerate()
            .fold(None::<(usize, &str)>, |best, (i, s)| match best {
                Some((_, at)) if at >= s.updated_at.as_str() => best,
                _ => Some((i, s.updated_at.as_str())),
            })
            .map_or(0, |(i, _)| i);
        let form = submissions
            .is_empty()
            .then(|| NewForm::new(self.opts.default_year));
        self.screen = Screen::Start(StartScreen {
            submissions,
            cursor,
            form,
        });
        Ok(())
    }

    /// What the keyboard talks to now; chooses the keymap.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Help(_)) => return Mode::Help,
            Some(Overlay::Problems { .. }) => return Mode::Problems,
            Some(Overlay::Prompt(_)) => return Mode::Prompt,
            Some(Overlay::Confirm { .. }) => return Mode::Confirm,
            None => {}
        }
        match &self.screen {
            Screen::Start(s) if s.form.is_some() => Mode::StartForm,
            Screen::Start(_) => Mode::StartList,
            Screen::Results(_) => Mode::Results,
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

    pub(super) fn info(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice::Info(text.into()));
    }

    pub(super) fn error(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice::Error(text.into()));
    }
}

impl NewForm {
    fn new(default_year: i32) -> Self {
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

/// Apply one action. The only function that changes the application.
pub fn update(app: &mut App, action: Action) {
    if !matches!(action, Action::Tick | Action::Resize(..)) {
        app.notice = None;
    }
    match action {
        Action::Resize(w, h) => {
            app.size = (w, h);
            return;
        }
        Action::Tick => {
            if let Screen::Fill(fill) = &app.screen
                && fill
                    .pending
                    .is_some_and(|p| p.since.elapsed() >= SAVE_AFTER_PAUSE)
            {
                flush(app);
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
        Screen::Results(_) => super::results::action(app, action),
    }
}

fn overlay_action(app: &mut App, action: Action) {
    match app.overlay.as_mut() {
        Some(Overlay::Help(scroll)) => match action {
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::Down => *scroll = (*scroll + 1).min(super::screens::help_length(app.opts.lang)),
            Action::PrevQuestion => *scroll = scroll.saturating_sub(10),
            Action::NextQuestion => {
                *scroll = (*scroll + 10).min(super::screens::help_length(app.opts.lang))
            }
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

// ---------------------------------------------------------------------------------------------
// The start screen

fn start_action(app: &mut App, action: Action) {
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

fn create_submission(app: &mut App) {
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

fn open_submission(app: &mut App, summary: SubmissionSummary, person: Option<PersonId>) {
    let opened = (|| {
        let status = app
            .store
            .definition_status(summary.id, &app.q, &app.definition)?;
        let response = app.store.load_response(summary.id)?;
        let person = match person {
            Some(p) => p,
            None => match app.store.last_person(summary.id)? {
                Some(p) => p,
                None => app.store.person(&user_name(), Role::Respondent)?,
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
    let read_only = matches!(summary.status, Status::Submitted | Status::Accepted);
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
        read_only,
    };
    fill.reevaluate();
    if let Some(position) = position {
        fill.restore(&position);
    }
    app.screen = Screen::Fill(Box::new(fill));
    if changed {
        app.info(app.tr(T::DefinitionChanged));
    } else if read_only {
        app.info(app.tr(T::ReadOnly));
    }
}

fn user_name() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "respondents".to_owned())
}

// ---------------------------------------------------------------------------------------------
// Filling

impl Fill {
    pub fn section_index(&self) -> usize {
        self.sections[self.section]
    }

    /// Evaluate the response again after it changed. Findings are kept for the sections shown
    /// only: a respondent is never asked for the part that support staff fill.
    pub fn reevaluate(&mut self) {
        self.eval = rules::evaluate(&self.q, &self.response);
        let shown = &self.sections;
        self.eval
            .findings
            .retain(|f| shown.contains(&f.location.section));
    }

    /// Errors that stop "Pārbaudīt un iesniegt": those of the respondent's part. The expert
    /// part becomes required only when support staff accept a submission.
    pub fn submit_errors(&self) -> impl Iterator<Item = &Finding> {
        self.eval.errors().filter(|f| self.is_respondents(f))
    }

    fn is_respondents(&self, finding: &Finding) -> bool {
        let part = self.q.sections[finding.location.section].part;
        self.q.parts[part].filled_by == FilledBy::Respondent
    }

    /// The roster of the current section, if it has one.
    pub fn roster(&self) -> Option<usize> {
        self.q.sections[self.section_index()].roster
    }

    /// The instance whose answers are shown, in a roster section.
    pub fn current_instance(&self) -> Option<usize> {
        self.roster().map(|_| self.instance)
    }

    /// The visible questions of the current section (and instance).
    pub fn visible_questions(&self) -> Vec<usize> {
        let section = &self.q.sections[self.section_index()];
        let instance = self.current_instance();
        if self
            .roster()
            .is_some_and(|r| self.instance >= self.eval.instances(r).len())
        {
            return Vec::new();
        }
        section
            .questions
            .clone()
            .filter(|&question| {
                self.q.questions[question]
                    .items
                    .clone()
                    .any(|item| self.eval.is_visible(item, instance, &self.q))
            })
            .collect()
    }

    /// The visible rows of a matrix or table question, as item ids.
    pub fn visible_rows(&self, question: usize) -> Vec<ItemId> {
        let instance = self.current_instance();
        self.q.questions[question]
            .items
            .clone()
            .filter(|&item| self.eval.is_visible(item, instance, &self.q))
            .collect()
    }

    /// The item under the cursor: the question itself, or the row under the cursor.
    pub fn current_item(&self) -> ItemId {
        let question = &self.q.questions[self.question];
        match question.kind {
            QuestionKind::Matrix | QuestionKind::Table => {
                let rows = self.visible_rows(self.question);
                rows.get(self.cursor)
                    .copied()
                    .unwrap_or(question.items.start)
            }
            _ => question.items.start,
        }
    }

    fn instance_key(&self, instance: Option<usize>) -> Option<(String, String)> {
        let roster = self.roster()?;
        let key = self.eval.instances(roster).get(instance?)?.key.clone();
        Some((self.q.rosters[roster].id.clone(), key))
    }

    /// The stored answer of `item` in the current context.
    pub fn answer(&self, item: ItemId) -> Option<&Value> {
        let code = &self.q.items[item].code;
        match self.q.items[item].roster {
            None => self.response.answers.get(code),
            Some(roster) => self
                .eval
                .instance_answers(&self.q, &self.response, roster, self.instance)?
                .get(code),
        }
    }

    fn set_in_response(&mut self, item: ItemId, instance: Option<usize>, value: Option<Value>) {
        let code = self.q.items[item].code.clone();
        let answers = match self.q.items[item].roster {
            None => &mut self.response.answers,
            Some(_) => {
                let Some((roster, key)) = self.instance_key(instance) else {
                    return;
                };
                &mut self.response.instance_mut(&roster, &key).answers
            }
        };
        match value {
            Some(v) => answers.insert(code, v),
            None => answers.remove(&code),
        };
        self.reevaluate();
    }

    /// Put an answer into the response in the current context, to be saved by `flush`.
    fn set_pending(&mut self, item: ItemId, value: Option<Value>) {
        let instance = self.current_instance();
        self.set_in_response(item, instance, value);
        self.pending = Some(Pending {
            item,
            instance,
            since: Instant::now(),
        });
    }

    /// The current roster and who is changing it: (roster, its id, submission, person).
    fn roster_edit(&self) -> Option<(usize, String, crate::store::SubmissionId, PersonId)> {
        let roster = self.roster()?;
        Some((
            roster,
            self.q.rosters[roster].id.clone(),
            self.submission.id,
            self.person,
        ))
    }

    /// Findings on one item in the current context.
    pub fn findings_on(&self, item: ItemId) -> impl Iterator<Item = &Finding> {
        let instance = self.current_instance();
        self.eval
            .findings
            .iter()
            .filter(move |f| f.location.item == item && f.location.instance == instance)
    }

    fn restore(&mut self, position: &Position) {
        let Some(section) = self
            .sections
            .iter()
            .position(|&s| self.q.sections[s].id == position.section)
        else {
            return;
        };
        self.section = section;
        if let Some(roster) = self.roster() {
            match self
                .eval
                .instances(roster)
                .iter()
                .position(|i| i.key == position.instance)
            {
                Some(i) => self.instance = i,
                None => {
                    self.focus = Focus::Roster;
                    return;
                }
            }
        }
        if let Some(item) = self.q.item(&position.code) {
            self.question = self.q.items[item].question;
            self.focus = Focus::Question;
            self.cursor = self
                .visible_rows(self.question)
                .iter()
                .position(|&row| row == item)
                .unwrap_or(0);
            self.settle();
        }
    }

    /// After answers change, keep the current question on a visible one.
    fn settle(&mut self) {
        let visible = self.visible_questions();
        if visible.contains(&self.question) {
            let rows = self.row_count();
            if rows > 0 {
                self.cursor = self.cursor.min(rows - 1);
            }
            return;
        }
        match visible
            .iter()
            .find(|&&q| q > self.question)
            .or(visible.last())
        {
            Some(&q) => {
                self.question = q;
                self.cursor = 0;
            }
            None if self.focus == Focus::Question => {
                self.focus = if self.roster().is_some() {
                    Focus::Roster
                } else {
                    Focus::Sections
                };
            }
            None => {}
        }
    }

    /// How many positions the cursor has in the current question.
    fn row_count(&self) -> usize {
        let question = &self.q.questions[self.question];
        match question.kind {
            QuestionKind::Single | QuestionKind::Multi => {
                self.q.items[question.items.start].answer.choices().len()
            }
            QuestionKind::Matrix | QuestionKind::Table => self.visible_rows(self.question).len(),
            _ => 0,
        }
    }

    fn position(&self) -> Position {
        let instance = self
            .instance_key(self.current_instance())
            .map(|(_, key)| key)
            .unwrap_or_default();
        Position {
            section: self.q.sections[self.section_index()].id.clone(),
            instance,
            code: if self.focus == Focus::Question {
                self.q.items[self.current_item()].code.clone()
            } else {
                String::new()
            },
        }
    }
}

fn fill_mut(app: &mut App) -> &mut Fill {
    match &mut app.screen {
        Screen::Fill(fill) => fill,
        _ => unreachable!("fill actions come only from the fill screen"),
    }
}

fn fill_ref(app: &App) -> &Fill {
    match &app.screen {
        Screen::Fill(fill) => fill,
        _ => unreachable!("fill actions come only from the fill screen"),
    }
}

fn fill_action(app: &mut App, action: Action) {
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
                super::results::open(app, id, Some(fill));
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

fn sections_action(app: &mut App, action: Action) {
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

fn enter_section(app: &mut App) {
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

fn roster_action(app: &mut App, action: Action) {
    let fill = fill_mut(app);
    let Some(roster) = fill.roster() else {
        fill.focus = Focus::Sections;
        return;
    };
    let count = fill.eval.instances(roster).len();
    let free = fill.q.rosters[roster].from.is_none();
    let editable = free && !fill.read_only;
    match action {
        Action::Up => fill.instance = fill.instance.saturating_sub(1),
        Action::Down => fill.instance = (fill.instance + 1).min(count.saturating_sub(1)),
        Action::Back | Action::Left => fill.focus = Focus::Sections,
        Action::Enter | Action::Right if count > 0 => match fill.visible_questions().first() {
            Some(&first) => {
                fill.question = first;
                fill.cursor = 0;
                fill.focus = Focus::Question;
                remember_position(app);
            }
            None => {
                let text = app.tr(T::SectionEnd);
                app.info(text);
            }
        },
        Action::AddInstance if editable => {
            app.overlay = Some(Overlay::Prompt(Box::new(prompt(
                Prompting::AddInstance,
                app.tr(T::AddInstanceTitle).to_owned(),
                "",
            ))));
        }
        Action::RenameInstance if editable && count > 0 => {
            let instance = &fill.eval.instances(roster)[fill.instance];
            let (key, label) = (instance.key.clone(), instance.label.clone());
            app.overlay = Some(Overlay::Prompt(Box::new(prompt(
                Prompting::RenameInstance(key),
                app.tr(T::RenameInstanceTitle).to_owned(),
                &label,
            ))));
        }
        Action::DeleteInstance if editable && count > 0 => {
            let instance = &fill.eval.instances(roster)[fill.instance];
            let (key, label) = (instance.key.clone(), instance.label.clone());
            let text = format!("{}\n„{label}”", app.tr(T::DeleteInstanceQuestion));
            app.overlay = Some(Overlay::Confirm {
                purpose: Confirming::DeleteInstance(key),
                text,
            });
        }
        Action::MoveInstanceUp | Action::MoveInstanceDown if editable && count > 1 => {
            let from = fill.instance;
            let to = if action == Action::MoveInstanceUp {
                from.saturating_sub(1)
            } else {
                (from + 1).min(count - 1)
            };
            if to != from {
                move_instance(app, roster, from, to);
            }
        }
        Action::AddInstance
        | Action::RenameInstance
        | Action::DeleteInstance
        | Action::MoveInstanceUp
        | Action::MoveInstanceDown
            if fill.read_only =>
        {
            let text = app.tr(T::ReadOnly);
            app.error(text);
        }
        _ => {}
    }
}

/// An editor with the cursor at the end of `lines`, without the library's underlined line.
fn text_area(lines: Vec<String>) -> TextArea<'static> {
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

fn prompt(purpose: Prompting, title: String, text: &str) -> Prompt {
    let area = text_area(vec![text.to_owned()]);
    Prompt {
        purpose,
        title,
        detail: None,
        area,
    }
}

fn move_instance(app: &mut App, roster: usize, from: usize, to: usize) {
    let fill = fill_mut(app);
    let roster_id = fill.q.rosters[roster].id.clone();
    let key = fill.eval.instances(roster)[from].key.clone();
    let submission = fill.submission.id;
    match app.store.move_instance(submission, &roster_id, &key, to) {
        Ok(()) => {
            let fill = fill_mut(app);
            if let Some(list) = fill.response.rosters.get_mut(&roster_id)
                && let Some(pos) = list.iter().position(|i| i.key == key)
            {
                let moved = list.remove(pos);
                list.insert(to.min(list.len()), moved);
            }
            fill.reevaluate();
            fill.instance = to;
        }
        Err(e) => app.error(e.to_string()),
    }
}

fn prompt_done(app: &mut App, purpose: Prompting, text: String) {
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

fn confirmed(app: &mut App, purpose: Confirming) {
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
                    fill.read_only = true;
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

fn export_to(app: &mut App, path: PathBuf) {
    let fill = fill_ref(app);
    let submission = fill.submission.id;
    let written = (|| -> Result<(), String> {
        let records = app.store.export(&[submission]).map_err(|e| e.to_string())?;
        let bytes = exchange::write(
            crate::store::now(),
            app.store.machine().to_owned(),
            records.clone(),
        );
        crate::files::write_atomically(&path, &bytes)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        app.store.mark_exported(&records).map_err(|e| e.to_string())
    })();
    match written {
        Ok(()) => {
            let text = format!("{}: {}", app.tr(T::Exported), path.display());
            app.info(text);
        }
        Err(e) => {
            let text = format!("{}: {e}", app.tr(T::ExportFailed));
            app.error(text);
        }
    }
}

/// (roster id, instance key) of a finding; empty outside rosters.
fn finding_place(fill: &Fill, finding: &Finding) -> (String, String) {
    let item = &fill.q.items[finding.location.item];
    match (item.roster, finding.location.instance) {
        (Some(r), Some(i)) => (
            fill.q.rosters[r].id.clone(),
            fill.eval
                .instances(r)
                .get(i)
                .map(|s| s.key.clone())
                .unwrap_or_default(),
        ),
        _ => (String::new(), String::new()),
    }
}

/// "Pārbaudīt un iesniegt": refuse while errors remain, have every warning acknowledged,
/// then confirm.
fn submit(app: &mut App) {
    flush(app);
    let fill = fill_ref(app);
    if fill.read_only {
        let text = app.tr(T::ReadOnly);
        app.error(text);
        return;
    }
    if fill.submit_errors().next().is_some() {
        let text = app.tr(T::SubmitRefused);
        app.error(text);
        app.overlay = Some(Overlay::Problems { cursor: 0 });
        return;
    }
    let acknowledged = match app.store.acknowledged(fill.submission.id) {
        Ok(a) => a,
        Err(e) => {
            app.error(e.to_string());
            return;
        }
    };
    let open_warning = fill.eval.findings.iter().enumerate().find(|(_, f)| {
        let rules::FindingKind::Check { name, .. } = &f.kind else {
            return false;
        };
        let (roster, instance) = finding_place(fill, f);
        f.severity == crate::questionnaire::Severity::Warning
            && fill.is_respondents(f)
            && !acknowledged.contains(&(name.clone(), roster, instance))
    });
    if let Some((index, finding)) = open_warning {
        let mut p = prompt(
            Prompting::Acknowledge(index),
            app.tr(T::AcknowledgeTitle).to_owned(),
            "",
        );
        let code = &fill.q.items[finding.location.item].code;
        p.detail = Some(format!(
            "{code}: {}\n{}",
            crate::i18n::finding_message(app.opts.lang, finding),
            app.tr(T::AcknowledgeComment)
        ));
        app.overlay = Some(Overlay::Prompt(Box::new(p)));
        return;
    }
    app.overlay = Some(Overlay::Confirm {
        purpose: Confirming::Submit,
        text: app.tr(T::ConfirmSubmit).to_owned(),
    });
}

fn jump_to_finding(app: &mut App, index: usize) {
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

fn question_action(app: &mut App, action: Action) {
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
        Action::Type('n') if is_numeric(&fill.q.items[item].answer) => {
            toggle_special(app, item, Value::NotAvailable)
        }
        Action::Type('x') if is_numeric(&fill.q.items[item].answer) => {
            toggle_special(app, item, Value::NotApplicable)
        }
        Action::Type(c) if is_numeric(&fill.q.items[item].answer) && !is_number_char(c) => {}
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

fn is_numeric(answer: &AnswerType) -> bool {
    matches!(answer, AnswerType::Integer(_) | AnswerType::Number(_))
}

/// Characters a figure is typed with: digits, a sign, a decimal comma or point, a space
/// between thousands.
fn is_number_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '-' | ',' | '.' | ' ')
}

/// Whether pasted text is one figure ("1 234", "12,5"): several lines or anything else is
/// refused rather than run together into another number.
fn is_one_number(text: &str) -> bool {
    let text = text.trim();
    !text.contains(['\n', '\r'])
        && parse_edit(&AnswerType::Number(Default::default()), &[text.to_owned()]).is_ok()
}

fn refuse_paste(app: &mut App, text: &str) {
    let shown: String = text
        .trim()
        .replace(['\r', '\n'], "⏎")
        .chars()
        .take(40)
        .collect();
    let message = format!("{}: „{shown}”", app.tr(T::PasteNotANumber));
    app.error(message);
}

/// Answer a count "Dati nav pieejami" or "Neattiecas" (`special`), or take that back: back
/// to the figure it replaced, if there was one.
fn toggle_special(app: &mut App, item: ItemId, special: Value) {
    let fill = fill_ref(app);
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
    let fill = fill_mut(app);
    fill.edit = None;
    let value = match current {
        Some(v) if v == special => fill.before_special.remove(&place),
        Some(figure @ Value::Number(_)) => {
            fill.before_special.insert(place, figure);
            Some(special)
        }
        _ => Some(special),
    };
    answer(app, item, value);
}

/// Set an answer in the current context and save it at once.
fn answer(app: &mut App, item: ItemId, value: Option<Value>) {
    let fill = fill_mut(app);
    if fill.read_only {
        let text = app.tr(T::ReadOnly);
        app.error(text);
        return;
    }
    fill.set_pending(item, value);
    flush(app);
    fill_mut(app).settle();
}

/// Save the pending answer, if any, to the store.
fn flush(app: &mut App) {
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

fn remember_position(app: &mut App) {
    let fill = fill_ref(app);
    let (submission, position) = (fill.submission.id, fill.position());
    if let Err(e) = app.store.save_position(submission, &position) {
        app.error(e.to_string());
    }
}

/// The first error left in the current question, as the notice that says so on leaving it.
fn error_left(app: &App) -> Option<String> {
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

fn next_question(app: &mut App) {
    if !finish_edit(app) {
        return;
    }
    let left = error_left(app);
    move_on(app);
    if let Some(text) = left {
        app.error(text);
    }
}

fn move_on(app: &mut App) {
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

fn prev_question(app: &mut App) {
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

fn start_edit(app: &mut App, initial: Option<String>) {
    let fill = fill_mut(app);
    if fill.read_only {
        let text = app.tr(T::ReadOnly);
        app.error(text);
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
        edit_action(app, Action::Paste(text));
    }
}

fn edit_action(app: &mut App, action: Action) {
    let fill = fill_mut(app);
    let Some(edit) = fill.edit.as_mut() else {
        return;
    };
    let numeric = is_numeric(&fill.q.items[edit.item].answer);
    let changed = match action {
        Action::Type(c) => {
            if numeric && !is_number_char(c) {
                let special = match c {
                    'n' => Value::NotAvailable,
                    'x' => Value::NotApplicable,
                    _ => return,
                };
                let item = edit.item;
                fill.edit = None;
                toggle_special(app, item, special);
                return;
            }
            edit.area.insert_char(c);
            true
        }
        Action::Paste(text) if numeric && !is_one_number(&text) => {
            refuse_paste(app, &text);
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
        Action::Edit(input) => {
            if !edit.multiline && input.key == ratatui_textarea::Key::Enter {
                false
            } else {
                edit.area.input(input)
            }
        }
        Action::Enter if edit.multiline => {
            edit.area.insert_newline();
            true
        }
        Action::Enter => {
            let table = fill.q.questions[fill.question].kind == QuestionKind::Table;
            if !finish_edit(app) {
                return;
            }
            let fill = fill_mut(app);
            if table {
                // Down the table: type, Enter, type, Enter.
                let rows = fill.visible_rows(fill.question).len();
                if fill.cursor + 1 < rows {
                    fill.cursor += 1;
                    start_edit(app, None);
                    return;
                }
            }
            next_question(app);
            return;
        }
        Action::Back => {
            finish_edit(app);
            return;
        }
        // In a table the arrows leave the cell for the row above or below; in a one-line
        // field they are the previous and next question.
        Action::Up | Action::Down => {
            if finish_edit(app) {
                question_action(app, action);
            }
            return;
        }
        Action::NextQuestion => {
            next_question(app);
            return;
        }
        Action::PrevQuestion => {
            prev_question(app);
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
            toggle_special(app, item, special);
            return;
        }
        _ => false,
    };
    if changed {
        draft(app);
    }
}

/// What the edited text means as an answer: `Err` when it is not a valid number yet.
fn parse_edit(answer_type: &AnswerType, lines: &[String]) -> Result<Option<Value>, ()> {
    match answer_type {
        AnswerType::Integer(_) | AnswerType::Number(_) => {
            let text: String = lines
                .concat()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .replace(',', ".");
            if text.is_empty() {
                return Ok(None);
            }
            text.parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map(|n| Some(Value::Number(n)))
                .ok_or(())
        }
        AnswerType::Urls { .. } => {
            // "www.vid.gov.lv" is how people write an address: it means https://.
            let urls: Vec<String> = lines
                .iter()
                .map(|l| l.trim())
                .filter(|l| !l.is_empty())
                .map(|l| {
                    if l.contains("://") || !l.contains('.') || l.contains(char::is_whitespace) {
                        l.to_owned()
                    } else {
                        format!("https://{l}")
                    }
                })
                .collect();
            Ok((!urls.is_empty()).then_some(Value::Urls(urls)))
        }
        _ => {
            let text = lines.join("\n");
            let text = text.trim_end();
            Ok((!text.trim().is_empty()).then(|| Value::Text(text.to_owned())))
        }
    }
}

/// Put what is being typed into the response, so that filters, checks and computed figures
/// follow every key; it is saved when typing pauses or the field is left.
fn draft(app: &mut App) {
    let fill = fill_mut(app);
    let Some(edit) = &fill.edit else { return };
    let item = edit.item;
    let Ok(value) = parse_edit(&fill.q.items[item].answer, edit.area.lines()) else {
        return;
    };
    fill.set_pending(item, value);
}

/// Leave the field being edited, saving it. `false` when its text is not a valid answer yet
/// (the field stays open and says why).
fn finish_edit(app: &mut App) -> bool {
    let fill = fill_mut(app);
    let Some(edit) = &fill.edit else {
        flush(app);
        return true;
    };
    let item = edit.item;
    match parse_edit(&fill.q.items[item].answer, edit.area.lines()) {
        Ok(value) => {
            fill.edit = None;
            answer(app, item, value);
            true
        }
        Err(()) => {
            let text = match app.opts.lang {
                Lang::Lv => "Ievadiet skaitli, piemēram, 120 vai 12,5",
                Lang::En => "Type a number, such as 120 or 12.5",
            };
            app.error(text);
            false
        }
    }
}

/// The live state of the field being typed into: the problem with the text so far, if any.
pub fn edit_problem(fill: &Fill, lang: Lang) -> Option<String> {
    let edit = fill.edit.as_ref()?;
    let answer_type = &fill.q.items[edit.item].answer;
    match parse_edit(answer_type, edit.area.lines()) {
        Err(()) => Some(match lang {
            Lang::Lv => "Nav skaitlis".to_owned(),
            Lang::En => "Not a number".to_owned(),
        }),
        Ok(Some(value)) => rules::validate(answer_type, &value).map(|invalid| {
            let finding = Finding {
                location: rules::Location {
                    section: 0,
                    item: edit.item,
                    instance: None,
                },
                severity: crate::questionnaire::Severity::Error,
                kind: rules::FindingKind::Invalid(invalid),
            };
            crate::i18n::finding_message(lang, &finding)
        }),
        Ok(None) => None,
    }
}

/// How far a section (or one roster instance of it) is filled, and its open problems. Required
/// and optional questions count apart, so that a section whose required questions are all
/// answered reads as done however many optional notes stay empty.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub required_answered: usize,
    pub required: usize,
    pub optional_answered: usize,
    pub optional: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Progress {
    pub fn complete(&self) -> bool {
        self.required_answered == self.required
    }
}

impl Fill {
    /// Whether an item must be answered where it is shown (in a roster, only in the instances
    /// that must be filled).
    pub fn is_required(&self, item: ItemId, instance: Option<usize>) -> bool {
        let def = &self.q.items[item];
        def.required && instance.is_none_or(|i| self.eval.instance_required(def.section, i))
    }

    /// Progress of a section (an index into the questionnaire's sections), over all its
    /// instances or only `instance`.
    pub fn progress(&self, section: usize, instance: Option<usize>) -> Progress {
        let def = &self.q.sections[section];
        let instances: Vec<Option<usize>> = match (def.roster, instance) {
            (None, _) => vec![None],
            (Some(_), Some(i)) => vec![Some(i)],
            (Some(r), None) => (0..self.eval.instances(r).len()).map(Some).collect(),
        };
        let mut p = Progress::default();
        let stored: Vec<Option<&std::collections::BTreeMap<String, Value>>> = instances
            .iter()
            .map(|&i| match (def.roster, i) {
                (None, _) => Some(&self.response.answers),
                (Some(r), Some(i)) => self.eval.instance_answers(&self.q, &self.response, r, i),
                (Some(_), None) => None,
            })
            .collect();
        for question in def.questions.clone() {
            for item in self.q.questions[question].items.clone() {
                for (&i, answers) in instances.iter().zip(&stored) {
                    if !self.eval.is_visible(item, i, &self.q) {
                        continue;
                    }
                    let code = &self.q.items[item].code;
                    let answered = answers
                        .and_then(|a| a.get(code))
                        .is_some_and(|v| !v.is_blank());
                    let (count, done) = if self.is_required(item, i) {
                        (&mut p.required, &mut p.required_answered)
                    } else {
                        (&mut p.optional, &mut p.optional_answered)
                    };
                    *count += 1;
                    *done += usize::from(answered);
                }
            }
        }
        // Unanswered questions show in the counts, not as errors here.
        for f in &self.eval.findings {
            if f.kind == rules::FindingKind::Missing {
                continue;
            }
            if f.location.section == section
                && (instance.is_none() || f.location.instance == instance)
            {
                match f.severity {
                    crate::questionnaire::Severity::Error => p.errors += 1,
                    crate::questionnaire::Severity::Warning => p.warnings += 1,
                }
            }
        }
        p
    }
}
