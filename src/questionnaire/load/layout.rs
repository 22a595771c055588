//! The sections, their questions, and the items those are answered in, in the order written.

use super::ids::Ids;
use super::{Builder, Pending, raw};
use crate::expr::{ItemId, RosterId};
use crate::questionnaire::{Item, Question, Section};
use toml::Spanned;

/// Sections, questions and items as written, each item's code registered, and what refers to
/// codes set aside for when every code is known.
pub(super) struct Layout<'r> {
    pub sections: Vec<Section>,
    pub questions: Vec<Question>,
    pub items: Vec<Item>,
    // Expressions are compiled after every code is registered, so forward references work.
    pub item_conditions: Vec<Option<Pending<'r>>>,
    pub question_conditions: Vec<Option<Pending<'r>>>,
    pub section_conditions: Vec<Option<Pending<'r>>>,
    /// Section index, the question's first item (none for a section check), the check, and
    /// its roster.
    pub checks: Vec<(usize, Option<ItemId>, &'r raw::Check, Option<RosterId>)>,
    /// The first item of the question whose option opens the follow-up, the option, and the
    /// follow-up's code.
    pub follow_ups: Vec<(ItemId, &'r raw::Choice, &'r Spanned<String>)>,
    /// Question index, the value, and its roster.
    pub computed: Vec<(usize, &'r raw::Computed, Option<RosterId>)>,
}

impl Builder<'_> {
    /// Establishes the [`Layout`] and registers every item's code (an item's id is its place in
    /// `items`), so that the passes after it resolve a code wherever it is written.
    pub(super) fn layout<'r>(&mut self, raw: &'r [raw::Section], ids: &Ids) -> Layout<'r> {
        let Ids {
            parts,
            part_names,
            rosters: roster_ids,
        } = ids;
        let mut sections = Vec::new();
        let mut questions = Vec::new();
        let mut items: Vec<Item> = Vec::new();
        let mut question_conditions = Vec::new();
        let mut item_conditions = Vec::new();
        let mut section_conditions = Vec::new();
        let mut checks = Vec::new();
        let mut follow_ups = Vec::new();
        let mut computed = Vec::new();

        for (section_index, s) in raw.iter().enumerate() {
            let part = match parts.get(s.part.get_ref()) {
                Some(&p) => p,
                None => {
                    let known = part_names.join(", ");
                    self.error(
                        s.part.span(),
                        format!("unknown part `{}` (parts: {known})", s.part.get_ref()),
                    );
                    0
                }
            };
            let roster = s
                .roster
                .as_ref()
                .and_then(|r| match roster_ids.get(r.get_ref()) {
                    Some(&id) => Some(id),
                    None => {
                        self.error(r.span(), format!("unknown roster `{}`", r.get_ref()));
                        None
                    }
                });
            if s.questions.is_empty() {
                self.error(
                    s.id.span(),
                    format!("section `{}` has no questions", s.id.get_ref()),
                );
            }
            let first_question = questions.len();
            for q in &s.questions {
                let question_index = questions.len();
                let first_item = items.len();
                let Some((kind, answer, rows)) = self.question_shape(q) else {
                    continue;
                };
                let required = q.required.unwrap_or(true);
                match rows {
                    None => {
                        self.register(&q.code);
                        items.push(Item {
                            option_codes: answer.choices().iter().map(|c| c.code).collect(),
                            code: q.code.get_ref().clone(),
                            label: None,
                            reference: None,
                            hint: None,
                            question: question_index,
                            section: section_index,
                            roster,
                            answer,
                            required,
                            show_if: None,
                        });
                        item_conditions.push(None);
                    }
                    Some(rows) => {
                        self.group_codes.insert(
                            q.code.get_ref().clone(),
                            rows.iter().map(|r| r.code.get_ref().clone()).collect(),
                        );
                        for row in rows {
                            self.register(&row.code);
                            items.push(Item {
                                option_codes: answer.choices().iter().map(|c| c.code).collect(),
                                code: row.code.get_ref().clone(),
                                label: Some(row.label.clone()),
                                reference: row.reference.clone(),
                                hint: row.hint.clone(),
                                question: question_index,
                                section: section_index,
                                roster,
                                answer: answer.clone(),
                                required,
                                show_if: None,
                            });
                            item_conditions.push(row.show_if.as_ref().map(|src| Pending {
                                src,
                                context: roster,
                            }));
                        }
                    }
                }
                for choice in q.options.iter().flat_map(|o| o.get_ref()) {
                    if let Some(target) = &choice.follow_up {
                        follow_ups.push((first_item, choice, target));
                    }
                }
                for c in &q.checks {
                    checks.push((section_index, Some(first_item), c, roster));
                }
                for c in q.computed.iter().flat_map(|c| c.get_ref()) {
                    computed.push((question_index, c, roster));
                }
                question_conditions.push(q.show_if.as_ref().map(|src| Pending {
                    src,
                    context: roster,
                }));
                questions.push(Question {
                    code: q.code.get_ref().clone(),
                    text: q.text.clone(),
                    hint: q.hint.clone(),
                    kind,
                    section: section_index,
                    show_if: None,
                    items: first_item..items.len(),
                    computed: Vec::new(),
                    seed_line: q.seed_line,
                });
            }
            for c in &s.checks {
                checks.push((section_index, None, c, roster));
            }
            section_conditions.push(s.show_if.as_ref().map(|src| Pending {
                src,
                context: roster,
            }));
            sections.push(Section {
                id: s.id.get_ref().clone(),
                part,
                title: s.title.clone(),
                intro: s.intro.clone(),
                show_if: None,
                roster,
                required_instances: None,
                questions: first_question..questions.len(),
            });
        }
        Layout {
            sections,
            questions,
            items,
            item_conditions,
            question_conditions,
            section_conditions,
            checks,
            follow_ups,
            computed,
        }
    }

    fn register(&mut self, code: &Spanned<String>) {
        let name = code.get_ref();
        let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
            && !name.ends_with('.')
            && !name.contains("..");
        if !valid {
            self.error(
                code.span(),
                format!("`{name}` is not a valid code: use letters, digits, `_` and inner `.`"),
            );
        }
        if ["and", "or", "not", "in", "contains", "true", "false"].contains(&name.as_str()) {
            self.error(
                code.span(),
                format!("`{name}` is a keyword of the expression language"),
            );
        }
        let id = self.code_spans.len();
        if let Some(&first) = self.by_code.get(name) {
            let line = self.map.at(self.code_spans[first].clone(), "").line;
            self.error(
                code.span(),
                format!("duplicate code `{name}` (first used on line {line})"),
            );
        } else if self.group_codes.contains_key(name) {
            self.error(
                code.span(),
                format!("duplicate code `{name}` (used by a matrix or table)"),
            );
        } else {
            self.by_code.insert(name.clone(), id);
        }
        self.code_spans.push(code.span());
    }
}
