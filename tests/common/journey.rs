//! A respondent filling a questionnaire through the real binary, question by question, as a
//! person reads the screen: which question is shown (its code in the question panel), and the
//! keys a person would press for it. What was answered is recorded, to be found afterwards in
//! the database and in the exported file.

use super::pty::{DOWN, ENTER, F10, TAB, Tui};
use anketa::questionnaire::{QuestionKind, Questionnaire};
use anketa::response::Value;
use std::collections::BTreeMap;

/// Where an answer belongs: the roster instance's label ("" outside rosters) and the code.
pub type Place = (String, String);

/// What the screen shows: a question (its panel title and code), a roster list, or the
/// section list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    Question { title: String, code: String },
    Roster { title: String },
    Sections,
}

/// The question panel's title and first line, as shown.
pub fn shown(screen: &str) -> Shown {
    let lines: Vec<&str> = screen.lines().collect();
    let right = |line: &str| line.split_once("┐┌").map(|(_, r)| r.to_owned());
    let title = lines
        .get(1)
        .and_then(|l| right(l))
        .map(|t| {
            t.trim_matches(|c: char| c == '─' || c == '┐' || c == ' ')
                .to_owned()
        })
        .unwrap_or_default();
    let first = lines
        .get(2)
        .and_then(|l| l.split_once("││").map(|(_, r)| r.to_owned()))
        .unwrap_or_default();
    let mut words = first.split_whitespace();
    let code = words.next().unwrap_or_default();
    let counter = words.next().unwrap_or_default();
    // A code begins with a letter: a derived roster's list ("1. https://…  0/11") is none.
    let is_code = code.starts_with(|c: char| c.is_ascii_uppercase())
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '_' | '.'))
        && counter.contains('/');
    let footer = lines.last().copied().unwrap_or_default();
    if is_code {
        Shown::Question {
            title,
            code: code.to_owned(),
        }
    } else if footer.contains("pievienot") {
        Shown::Roster { title }
    } else {
        Shown::Sections
    }
}

/// How the respondent answers, where the default (the first option, 3, a sentence) will not do.
#[derive(Default)]
pub struct Plan {
    /// Per code: the options to choose (single: the first; multi: all).
    pub options: BTreeMap<String, Vec<i64>>,
    /// Per code: the figure or text to type.
    pub typed: BTreeMap<String, String>,
    /// Per code: addresses, one per line.
    pub urls: BTreeMap<String, Vec<String>>,
    /// (instance label, row code) answered "Dati nav pieejami".
    pub not_available: Vec<Place>,
    /// Instance label of a service whose first channel total is typed wrong, seen refused, then
    /// corrected.
    pub wrong_sum_in: Option<String>,
    /// Services to add to the empty services roster.
    pub services: Vec<String>,
}

/// The text typed into a text question by default: Latvian letters, and letters that are
/// commands elsewhere.
pub const SENTENCE: &str = "Atbilde ar ā č ē ģ ī ķ ļ ņ š ū ž, v s q";

pub struct Respondent<'a> {
    pub q: &'a Questionnaire,
    pub plan: Plan,
    /// Every answer given, by place.
    pub given: BTreeMap<Place, Value>,
}

impl<'a> Respondent<'a> {
    pub fn new(q: &'a Questionnaire, plan: Plan) -> Self {
        Respondent {
            q,
            plan,
            given: BTreeMap::new(),
        }
    }

    /// Answer what is shown until `stop` holds for the screen, or the last question is done.
    /// `stop` sees the screen before each step.
    pub fn fill_until(&mut self, tui: &mut Tui, stop: impl Fn(&Shown) -> bool) {
        for _ in 0..2000 {
            let screen = tui.screen();
            let now = shown(&screen);
            if stop(&now) {
                return;
            }
            match &now {
                Shown::Question { title, code } => {
                    self.answer(tui, title, code);
                    let before = now.clone();
                    let after = tui.wait_until(&format!("{code} to be left"), |s| {
                        shown(s) != before || s.contains("Sadaļas beigas")
                    });
                    if shown(&after) == before {
                        return; // the last question of the last section
                    }
                }
                Shown::Roster { .. } => {
                    if screen.contains("Saraksts ir tukšs") {
                        for name in self.plan.services.clone() {
                            tui.send("a");
                            tui.wait_for("Pievienot — nosaukums");
                            tui.send(&name);
                            tui.key_enter();
                            tui.wait_gone("Pievienot — nosaukums");
                        }
                        tui.key_up(self.plan.services.len());
                    }
                    tui.key_enter();
                    tui.wait_until("the first question of the roster", |s| {
                        matches!(shown(s), Shown::Question { .. })
                    });
                }
                Shown::Sections => {
                    tui.key_enter();
                    tui.wait_until("a section to open", |s| shown(s) != Shown::Sections);
                }
            }
        }
        panic!("the questionnaire did not end");
    }

    fn instance_of(title: &str) -> String {
        title
            .split_once(" — ")
            .map(|(_, name)| name.to_owned())
            .unwrap_or_default()
    }

    fn answer(&mut self, tui: &mut Tui, title: &str, code: &str) {
        let instance = Self::instance_of(title);
        let question = self
            .q
            .questions
            .iter()
            .find(|q| q.code == code)
            .unwrap_or_else(|| panic!("{code} is not a question"));
        let item = question.items.start;
        match question.kind {
            QuestionKind::Single => {
                let choices = self.q.items[item].answer.choices();
                let wanted = self
                    .plan
                    .options
                    .get(code)
                    .map_or(choices[0].code, |o| o[0]);
                let at = choices.iter().position(|c| c.code == wanted).unwrap();
                tui.send(&DOWN.repeat(at));
                tui.send(ENTER);
                self.given
                    .insert((instance, code.to_owned()), Value::Choice(wanted));
            }
            QuestionKind::Multi => {
                let choices = self.q.items[item].answer.choices();
                let mut wanted =
                    self.plan.options.get(code).cloned().unwrap_or_else(|| {
                        vec![choices.iter().find(|c| !c.exclusive).unwrap().code]
                    });
                let mut cursor = 0;
                for code in &wanted {
                    let at = choices.iter().position(|c| c.code == *code).unwrap();
                    tui.send(&DOWN.repeat(at - cursor));
                    tui.send(" ");
                    cursor = at;
                }
                tui.send(ENTER);
                wanted.sort_unstable();
                self.given
                    .insert((instance, code.to_owned()), Value::Choices(wanted));
            }
            QuestionKind::Matrix => {
                for row in question.items.clone() {
                    let first = self.q.items[row].answer.choices()[0].code;
                    tui.send("\x1b[C"); // → chooses the first option of the row
                    tui.send(ENTER);
                    let place = (instance.clone(), self.q.items[row].code.clone());
                    self.given.insert(place, Value::Choice(first));
                }
            }
            QuestionKind::Table => self.table(tui, &instance, question.items.clone()),
            QuestionKind::Integer | QuestionKind::Number => {
                let figure = self.plan.typed.get(code).cloned().unwrap_or("3".into());
                tui.send(&figure);
                tui.send(ENTER);
                let value = Value::Number(figure.replace(' ', "").parse().unwrap());
                self.given.insert((instance, code.to_owned()), value);
            }
            QuestionKind::Text => {
                let text = self
                    .plan
                    .typed
                    .get(code)
                    .cloned()
                    .unwrap_or(SENTENCE.into());
                // Typed straight onto the question: the first letter starts the answer.
                tui.send(&text);
                tui.wait_for(&text);
                tui.send(TAB);
                self.given
                    .insert((instance, code.to_owned()), Value::Text(text));
            }
            QuestionKind::Urls => {
                let urls = self
                    .plan
                    .urls
                    .get(code)
                    .cloned()
                    .unwrap_or(vec!["https://www.example.lv".into()]);
                tui.send(&urls.join(ENTER));
                tui.wait_for(urls.last().unwrap());
                tui.send(TAB);
                self.given
                    .insert((instance, code.to_owned()), Value::Urls(urls));
            }
        }
    }

    /// A table row by row: a total 4 over channels of 1 each where rows are a total and its
    /// parts (P52 over P52_K …), 1 elsewhere; a wider total where a check compares counts.
    fn table(&mut self, tui: &mut Tui, instance: &str, rows: std::ops::Range<usize>) {
        let codes: Vec<String> = rows.map(|r| self.q.items[r].code.clone()).collect();
        let figure = |code: &str| -> f64 {
            if let Some(typed) = self.plan.typed.get(code) {
                return typed.parse().unwrap();
            }
            let parent = codes
                .iter()
                .any(|other| other != code && other.starts_with(&format!("{code}_")));
            if parent { 4.0 } else { 1.0 }
        };
        let last = codes.len() - 1;
        // After Enter on a row the next one is open for typing; after `n` or a fix it is not.
        let mut editing = false;
        let mut i = 0;
        while i <= last {
            let code = &codes[i];
            let place = (instance.to_owned(), code.clone());
            if self.plan.not_available.contains(&place) {
                if editing {
                    close_cell(tui, code);
                }
                // `n` answers the row; the arrow goes on to the next.
                tui.send("n");
                tui.send(if i == last { TAB } else { DOWN });
                self.given.insert(place, Value::NotAvailable);
                editing = false;
                i += 1;
                continue;
            }
            let value = figure(code);
            let wrong = self.plan.wrong_sum_in.as_deref() == Some(instance) && i == 0;
            tui.send(&format!("{}", if wrong { value + 1.0 } else { value }));
            tui.send(ENTER);
            editing = true;
            self.given.insert(place, Value::Number(value));
            i += 1;
            if wrong {
                let parts = self.wrong_sum_then_fixed(tui, code, value, &codes);
                for part in &codes[i..i + parts] {
                    self.given
                        .insert((instance.to_owned(), part.clone()), Value::Number(1.0));
                }
                i += parts;
                editing = false;
            }
        }
    }

    /// The channels (1 each) are typed under a total one too high: the check says so at once,
    /// the total is corrected, and the cursor goes down to the row after the channels. The
    /// number of channel rows typed.
    fn wrong_sum_then_fixed(
        &self,
        tui: &mut Tui,
        total: &str,
        right: f64,
        codes: &[String],
    ) -> usize {
        let parts = codes
            .iter()
            .filter(|c| c.starts_with(&format!("{total}_")))
            .count();
        for _ in 0..parts {
            tui.send("1");
            tui.send(ENTER);
        }
        let message = format!(
            "Pieteikumu kopskaits ({}) nesakrīt ar kanālu summu ({parts})",
            right + 1.0
        );
        tui.wait_for(&message);
        let at = codes.iter().position(|c| c == total).unwrap();
        let after = codes.get(at + parts + 1).expect("a row after the channels");
        close_cell(tui, after);
        tui.key_up(parts + 1);
        // Enter selects the figure there: what is typed replaces it.
        tui.send(ENTER);
        tui.send(&right.to_string());
        tui.wait_until(&format!("{total} retyped"), |s| {
            row(s, total).is_some_and(|r| r.contains(&format!("{right}▏")))
        });
        tui.esc("the corrected total kept", |s| {
            !s.contains('▏') && !s.contains(&message)
        });
        tui.key_down(parts + 1);
        parts
    }
}

/// The table row `code` on the screen: the question panel's part of its line.
pub fn row<'s>(screen: &'s str, code: &str) -> Option<&'s str> {
    screen.lines().find_map(|l| {
        let (_, panel) = l.split_once("││")?;
        panel.strip_prefix(code)?.starts_with(' ').then_some(panel)
    })
}

/// Close the table cell typed into, row `code`: once the screen shows it open, Esc, and wait
/// until it is closed.
pub fn close_cell(tui: &mut Tui, code: &str) {
    tui.wait_until(&format!("{code} open for typing"), |s| {
        row(s, code).is_some_and(|r| r.contains('▏'))
    });
    tui.esc(&format!("{code} closed"), |s| !s.contains('▏'));
}

/// Check and submit: every warning acknowledged, confirmed, the file saved where offered; then
/// back to the list of submissions and out. The screen once the file is saved.
pub fn submit_and_save_the_file(tui: &mut Tui) -> String {
    tui.send(F10);
    loop {
        let screen = tui.wait_until("the submit dialog", |s| {
            s.contains("Apstipriniet brīdinājumu")
                || s.contains("iesniegt tagad?")
                || s.contains("Nevar iesniegt")
        });
        assert!(!screen.contains("Nevar iesniegt"), "{screen}");
        if screen.contains("iesniegt tagad?") {
            break;
        }
        tui.send(ENTER);
        // The next warning, or the confirmation: another dialog in place of this one.
        tui.wait_until("the next step", |s| s != screen);
    }
    tui.send(ENTER);
    tui.wait_for("Iesniegts. Saglabāt iesnieguma failu:");
    tui.send(ENTER);
    let saved = tui.wait_for("Fails saglabāts");
    // Esc a level up at a time (a roster's question, its list, the sections) to the list of
    // submissions.
    while !tui.screen().contains("+ Jauns iesniegums") {
        let before = shown(&tui.screen());
        tui.esc("a level up", |s| {
            s.contains("+ Jauns iesniegums") || shown(s) != before
        });
    }
    tui.send("q");
    assert!(tui.wait_exit().success());
    saved
}
