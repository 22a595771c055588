//! The submission being filled: its answers and what the rules make of them, where the
//! cursor is, what is being typed, and the questions asked of that state (what is visible,
//! answered, required; progress).

pub use super::sheet::Progress;
use super::sheet::Sheet;
use crate::exchange::{QueryRecord, Role, Status};
use crate::expr::ItemId;
use crate::i18n::Lang;
use crate::questionnaire::{AnswerType, FilledBy, QuestionKind, Questionnaire};
use crate::response::{Response, Value};
use crate::rules::{self, Evaluation, Finding};
use crate::store::{PersonId, Position, SubmissionSummary};
use ratatui_textarea::TextArea;
use std::rc::Rc;
use std::time::Instant;

/// The narrowest the question panel gets: the most lines an explanation can wrap into, and so
/// the furthest it can scroll (the view stops at the real end).
pub(in crate::tui) const HINT_MIN_WIDTH: usize = 40;

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
    /// The answers and what the rules make of them.
    pub sheet: Sheet,
    /// Index into the sections shown ([`Fill::sections`]).
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
    /// Who is at the keyboard: the respondent, or support staff reviewing.
    pub role: Role,
    /// The submission's queries with their threads, oldest first.
    pub queries: Vec<QueryRecord>,
    /// Support staff changing a respondent's answer, with the reason they gave.
    pub correction: Option<Correction>,
    /// What stands out against the other submissions (support staff only).
    pub flags: Vec<crate::plausibility::Flag>,
}

/// A correction under way: for one question (in one instance), with the reason given for it
/// and the answers as they were, to tell the respondent what changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    pub question: usize,
    pub instance: Option<usize>,
    pub reason: String,
    pub before: Vec<(ItemId, Option<Value>)>,
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
    /// When it was typed, as the loop hands the time to `update` (which never reads a clock).
    pub typed_at: Instant,
}

impl Fill {
    pub fn section_index(&self) -> usize {
        self.sections()[self.section]
    }

    /// The sections shown (the respondent's part, plus the expert part for support staff).
    pub fn sections(&self) -> &[usize] {
        self.sheet.shown()
    }

    pub fn response(&self) -> &Response {
        self.sheet.response()
    }

    pub fn eval(&self) -> &Evaluation {
        self.sheet.eval()
    }

    /// Whether the answers here cannot change: for the respondent, once handed in; for
    /// support staff, the respondent's part outside a correction, and everything once
    /// accepted (the expert part is theirs until then).
    pub fn read_only(&self) -> bool {
        if self.submission.status == Status::Accepted {
            return true;
        }
        match self.role {
            Role::Support if self.in_expert_part() => false,
            Role::Support => !self.correcting(),
            _ => self.submission.status == Status::Submitted,
        }
    }

    pub fn reviewing(&self) -> bool {
        self.role == Role::Support
    }

    /// Whether the current question is being corrected by support staff.
    pub fn correcting(&self) -> bool {
        self.correction
            .as_ref()
            .is_some_and(|c| c.question == self.question && c.instance == self.current_instance())
    }

    fn in_expert_part(&self) -> bool {
        let part = self.q.sections[self.section_index()].part;
        self.q.parts[part].filled_by == FilledBy::Expert
    }

    /// Whether the place (roster id, instance key, code) is the current question, or one of
    /// its rows, in the current instance: where a query, a flag or a change belongs here.
    pub fn is_here(&self, roster: &str, instance: &str, code: &str) -> bool {
        let question = &self.q.questions[self.question];
        let same_instance = match self.instance_key(self.current_instance()) {
            Some((r, key)) => roster == r && instance == key,
            None => roster.is_empty(),
        };
        same_instance
            && (code == question.code
                || self
                    .q
                    .item(code)
                    .is_some_and(|item| question.items.contains(&item)))
    }

    /// The queries about the current question (any of its items) in the current instance.
    pub fn queries_here(&self) -> impl Iterator<Item = &QueryRecord> {
        self.queries
            .iter()
            .filter(|x| self.is_here(&x.roster, &x.instance, &x.code))
    }

    /// The plausibility flags on the current question (any of its items) in the current
    /// instance.
    pub fn flags_here(&self) -> impl Iterator<Item = &crate::plausibility::Flag> {
        self.flags
            .iter()
            .filter(|f| self.is_here(&f.place.roster, &f.place.instance, &f.place.item))
    }

    /// Errors that stop "Pārbaudīt un iesniegt": those of the respondent's part. The expert
    /// part becomes required only when support staff accept a submission.
    pub fn submit_errors(&self) -> impl Iterator<Item = &Finding> {
        self.eval().errors().filter(|f| self.is_respondents(f))
    }

    pub(in crate::tui) fn is_respondents(&self, finding: &Finding) -> bool {
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
            .is_some_and(|r| self.instance >= self.eval().instances(r).len())
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
                    .any(|item| self.eval().is_visible(item, instance, &self.q))
            })
            .collect()
    }

    /// The visible rows of a matrix or table question, as item ids.
    pub fn visible_rows(&self, question: usize) -> Vec<ItemId> {
        let instance = self.current_instance();
        self.q.questions[question]
            .items
            .clone()
            .filter(|&item| self.eval().is_visible(item, instance, &self.q))
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

    pub(in crate::tui) fn instance_key(&self, instance: Option<usize>) -> Option<(String, String)> {
        let roster = self.roster()?;
        let key = self.eval().instances(roster).get(instance?)?.key.clone();
        Some((self.q.rosters[roster].id.clone(), key))
    }

    /// The stored answer of `item` in the current context.
    pub fn answer(&self, item: ItemId) -> Option<&Value> {
        let code = &self.q.items[item].code;
        match self.q.items[item].roster {
            None => self.response().answers.get(code),
            Some(roster) => self
                .eval()
                .instance_answers(&self.q, self.response(), roster, self.instance)?
                .get(code),
        }
    }

    pub(in crate::tui) fn set_in_response(
        &mut self,
        item: ItemId,
        instance: Option<usize>,
        value: Option<Value>,
    ) {
        let code = self.q.items[item].code.clone();
        let place = match self.q.items[item].roster {
            None => None,
            Some(_) => match self.instance_key(instance) {
                Some(place) => Some(place),
                None => return,
            },
        };
        let change = |response: &mut Response| {
            let answers = match &place {
                None => &mut response.answers,
                Some((roster, key)) => &mut response.instance_mut(roster, key).answers,
            };
            match value {
                Some(v) => answers.insert(code, v),
                None => answers.remove(&code),
            };
        };
        match (self.q.items[item].roster, instance) {
            (Some(roster), Some(i)) if self.roster() == Some(roster) => {
                self.sheet.change_in(roster, i, change)
            }
            _ => self.sheet.change(change),
        }
    }

    /// Put an answer into the response in the current context, to be saved by `flush`.
    pub(in crate::tui) fn set_pending(&mut self, item: ItemId, value: Option<Value>, now: Instant) {
        let instance = self.current_instance();
        self.set_in_response(item, instance, value);
        self.pending = Some(Pending {
            item,
            instance,
            typed_at: now,
        });
    }

    /// The current roster: its index and its id.
    pub(in crate::tui) fn roster_id(&self) -> Option<(usize, String)> {
        let roster = self.roster()?;
        Some((roster, self.q.rosters[roster].id.clone()))
    }

    /// Findings on one item in the current context.
    pub fn findings_on(&self, item: ItemId) -> impl Iterator<Item = &Finding> {
        let instance = self.current_instance();
        self.eval()
            .findings
            .iter()
            .filter(move |f| f.location.item == item && f.location.instance == instance)
    }

    pub(in crate::tui) fn restore(&mut self, position: &Position) {
        let Some(section) = self
            .sections()
            .iter()
            .position(|&s| self.q.sections[s].id == position.section)
        else {
            return;
        };
        self.section = section;
        if let Some(roster) = self.roster() {
            match self
                .eval()
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
    pub(in crate::tui) fn settle(&mut self) {
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
    pub(in crate::tui) fn row_count(&self) -> usize {
        let question = &self.q.questions[self.question];
        match question.kind {
            QuestionKind::Single | QuestionKind::Multi => {
                self.q.items[question.items.start].answer.choices().len()
            }
            QuestionKind::Matrix | QuestionKind::Table => self.visible_rows(self.question).len(),
            _ => 0,
        }
    }

    pub(in crate::tui) fn position(&self) -> Position {
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

/// What the edited text means as an answer: `Err` when it is not a valid number yet.
/// A typed figure: spaces between thousands and a decimal comma or point allowed; `None` when
/// empty, `Err` when it is not a number.
pub(in crate::tui) fn parse_number(text: &str) -> Result<Option<f64>, ()> {
    let text: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .replace(',', ".");
    if text.is_empty() {
        return Ok(None);
    }
    let n = text.parse::<f64>().map_err(|_| ())?;
    if n.is_finite() { Ok(Some(n)) } else { Err(()) }
}

pub(in crate::tui) fn parse_edit(
    answer_type: &AnswerType,
    lines: &[String],
) -> Result<Option<Value>, ()> {
    match answer_type {
        AnswerType::Integer(_) | AnswerType::Number(_) => {
            Ok(parse_number(&lines.concat())?.map(Value::Number))
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

/// The live state of the field being typed into: the problem with the text so far, if any.
pub fn edit_problem(fill: &Fill, lang: Lang) -> Option<String> {
    let edit = fill.edit.as_ref()?;
    let answer_type = &fill.q.items[edit.item].answer;
    match parse_edit(answer_type, edit.area.lines()) {
        Err(()) => Some(crate::i18n::tr(lang, crate::i18n::T::NotANumber).to_owned()),
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

impl Fill {
    /// Whether an item must be answered where it is shown (in a roster, only in the instances
    /// that must be filled).
    pub fn is_required(&self, item: ItemId, instance: Option<usize>) -> bool {
        let def = &self.q.items[item];
        def.required && instance.is_none_or(|i| self.eval().instance_required(def.section, i))
    }

    /// Progress of a section (an index into the questionnaire's sections), over all its
    /// instances or only `instance`: counted once per change of the answers, not per frame.
    pub fn progress(&self, section: usize, instance: Option<usize>) -> Progress {
        self.sheet.progress(section, instance)
    }
}
