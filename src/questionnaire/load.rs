//! From TOML text to a checked [`Questionnaire`], or to every problem found, each located.

use super::raw;
use super::{
    AnswerType, Bounds, Check, Choice, Computed, FilledBy, Item, MessagePart, Part, Question,
    QuestionKind, Questionnaire, Roster, Section, Selection, Severity,
};
use crate::diag::{Diagnostic, SourceMap};
use crate::expr::{
    self, Expr, ExprError, ItemId, RosterId, Scope, Symbol, compile, compile_condition,
};
use std::collections::HashMap;
use std::ops::Range;
use toml::Spanned;

/// Definitions larger than this are refused before parsing: the e-index file is ~150 KiB.
pub const MAX_DEFINITION_BYTES: usize = 4 * 1024 * 1024;

/// The outcome of checking a definition: the questionnaire when there were no problems.
pub struct Checked {
    pub questionnaire: Option<Questionnaire>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Load a definition, refusing it if anything is wrong.
pub fn load(file: &str, bytes: &[u8]) -> Result<Questionnaire, Vec<Diagnostic>> {
    let checked = check(file, bytes);
    match checked.questionnaire {
        Some(q) => Ok(q),
        None => Err(checked.diagnostics),
    }
}

/// Load and lint a definition, collecting every problem rather than stopping at the first.
pub fn check(file: &str, bytes: &[u8]) -> Checked {
    let fail = |d: Diagnostic| Checked {
        questionnaire: None,
        diagnostics: vec![d],
    };
    if bytes.len() > MAX_DEFINITION_BYTES {
        return fail(Diagnostic::whole_file(
            file,
            format!(
                "the file is {:.1} MiB; a definition may be at most {} MiB",
                bytes.len() as f64 / (1024.0 * 1024.0),
                MAX_DEFINITION_BYTES / (1024 * 1024)
            ),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let col = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            let mut d = Diagnostic::whole_file(
                file,
                "the file is not UTF-8 text (is it a definition file?)",
            );
            d.line = line;
            d.col = col;
            return fail(d);
        }
    };
    let map = SourceMap::new(file, text);
    if text.trim().is_empty() {
        return fail(Diagnostic::whole_file(
            file,
            "the file is empty; a definition needs at least id, version, title, languages and sections",
        ));
    }
    let raw: raw::File = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let message = e.message().trim().to_owned();
            return fail(match e.span() {
                Some(span) => map.at(span, message),
                None => Diagnostic::whole_file(file, message),
            });
        }
    };
    let mut builder = Builder {
        map: &map,
        diagnostics: Vec::new(),
        by_code: HashMap::new(),
        group_codes: HashMap::new(),
        code_spans: Vec::new(),
    };
    let questionnaire = builder.build(raw);
    let mut diagnostics = builder.diagnostics;
    diagnostics.sort_by_key(|d| (d.line, d.col));
    Checked {
        questionnaire: questionnaire.filter(|_| diagnostics.is_empty()),
        diagnostics,
    }
}

struct Builder<'a> {
    map: &'a SourceMap<'a>,
    diagnostics: Vec<Diagnostic>,
    by_code: HashMap<String, ItemId>,
    /// Codes of matrices and tables, which are not answerable themselves.
    group_codes: HashMap<String, Vec<String>>,
    /// Where each item's code is written, by item id.
    code_spans: Vec<Range<usize>>,
}

/// An expression waiting to be compiled once every code is known.
struct Pending<'r> {
    src: &'r Spanned<String>,
    context: Option<RosterId>,
}

impl<'a> Builder<'a> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.diagnostics.push(self.map.at(span, message));
    }

    fn expr_error(&mut self, src: &Spanned<String>, offset: usize, e: ExprError) {
        let span = src.span();
        let d = match self.map.string_content_start(&span, src.get_ref()) {
            Some(start) => self.map.at(
                start + offset + e.span.start..start + offset + e.span.end,
                e.message,
            ),
            None => self.map.at(span, e.message),
        };
        self.diagnostics.push(d);
    }

    fn build(&mut self, raw: raw::File) -> Option<Questionnaire> {
        let id_ok = raw
            .id
            .get_ref()
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !raw.id.get_ref().is_empty();
        if !id_ok {
            self.error(raw.id.span(), "id may hold only a-z, 0-9 and -");
        }
        let parts = self.parts(&raw.parts);
        let roster_ids = self.unique_ids(raw.rosters.iter().map(|r| &r.id), "roster");
        if raw.sections.is_empty() {
            self.diagnostics.push(Diagnostic::whole_file(
                self.map.file,
                "the definition has no [[sections]]",
            ));
        }
        self.unique_ids(raw.sections.iter().map(|s| &s.id), "section");

        let mut sections = Vec::new();
        let mut questions = Vec::new();
        let mut items: Vec<Item> = Vec::new();
        // Expressions are compiled after every code is registered, so forward references work.
        let mut question_conditions: Vec<Option<Pending>> = Vec::new();
        let mut item_conditions: Vec<Option<Pending>> = Vec::new();
        let mut section_conditions: Vec<Option<Pending>> = Vec::new();
        let mut checks_raw: Vec<(usize, Option<ItemId>, &raw::Check, Option<RosterId>)> =
            Vec::new();
        let mut follow_ups: Vec<(ItemId, &raw::Choice, &Spanned<String>)> = Vec::new();
        let mut computed_raw: Vec<(usize, &raw::Computed, Option<RosterId>)> = Vec::new();

        for (section_index, s) in raw.sections.iter().enumerate() {
            let part = match parts.get(s.part.get_ref()) {
                Some(&p) => p,
                None => {
                    let known = parts.keys().cloned().collect::<Vec<_>>().join(", ");
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
                    checks_raw.push((section_index, Some(first_item), c, roster));
                }
                for c in q.computed.iter().flat_map(|c| c.get_ref()) {
                    computed_raw.push((question_index, c, roster));
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
                checks_raw.push((section_index, None, c, roster));
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

        let rosters = self.rosters(&raw.rosters, &items);
        let by_code = std::mem::take(&mut self.by_code);
        let group_codes = std::mem::take(&mut self.group_codes);
        let scope = BuildScope {
            by_code: &by_code,
            group_codes: &group_codes,
            items: &items,
            roster_ids: &roster_ids,
        };
        // Compile every condition.
        let mut compiled_items: Vec<Option<Expr>> = Vec::with_capacity(items.len());
        for pending in &item_conditions {
            compiled_items.push(pending.as_ref().and_then(|p| self.condition(p, &scope)));
        }
        let mut compiled_questions: Vec<Option<Expr>> = Vec::with_capacity(questions.len());
        for pending in &question_conditions {
            compiled_questions.push(pending.as_ref().and_then(|p| self.condition(p, &scope)));
        }
        let mut compiled_sections: Vec<Option<Expr>> = Vec::with_capacity(sections.len());
        for pending in &section_conditions {
            compiled_sections.push(pending.as_ref().and_then(|p| self.condition(p, &scope)));
        }
        // Follow-ups: the target must exist; without its own show_if it opens on the option.
        for (parent, choice, target) in &follow_ups {
            let Some(&target_item) = by_code.get(target.get_ref()) else {
                self.error(
                    target.span(),
                    format!(
                        "follow_up names `{}`, which is not a question here",
                        target.get_ref()
                    ),
                );
                continue;
            };
            let target_question = items[target_item].question;
            let parent_code = &items[*parent].code;
            let code = choice.code.get_ref();
            match &compiled_questions[target_question] {
                Some(existing) => {
                    if !existing.deps.contains(parent) {
                        self.error(
                            target.span(),
                            format!(
                                "follow-up `{}` has a show_if that does not depend on `{parent_code}`, the question that opens it",
                                target.get_ref()
                            ),
                        );
                    }
                }
                None => {
                    let src = if matches!(items[*parent].answer, AnswerType::Multi(_)) {
                        format!("{parent_code} contains {code}")
                    } else {
                        format!("{parent_code} = {code}")
                    };
                    let context = items[target_item].roster;
                    match expr::parse(&src)
                        .and_then(|ast| compile_condition(&src, &ast, &scope, context))
                    {
                        Ok(e) => compiled_questions[target_question] = Some(e),
                        Err(e) => self.error(target.span(), e.message),
                    }
                }
            }
        }
        let checks = self.checks(&checks_raw, &scope);
        let mut computed: Vec<(usize, Computed)> = Vec::new();
        for &(question, c, context) in &computed_raw {
            let src = c.value.get_ref();
            match expr::parse(src).and_then(|ast| compile(src, &ast, &scope, context)) {
                Ok(value) => computed.push((
                    question,
                    Computed {
                        label: c.label.clone(),
                        value,
                        unit: c.unit.clone(),
                    },
                )),
                Err(e) => self.expr_error(&c.value, 0, e),
            }
        }
        let selections: Vec<Option<Selection>> = raw
            .sections
            .iter()
            .zip(&sections)
            .map(|(s, section)| self.selection(s, section, &items, &by_code))
            .collect();

        for (item, condition) in items.iter_mut().zip(compiled_items) {
            item.show_if = condition;
        }
        for (question, condition) in questions.iter_mut().zip(compiled_questions) {
            question.show_if = condition;
        }
        for (question, c) in computed {
            questions[question].computed.push(c);
        }
        for ((section, condition), selection) in
            sections.iter_mut().zip(compiled_sections).zip(selections)
        {
            section.show_if = condition;
            section.required_instances = selection;
        }

        let mut questionnaire = Questionnaire {
            id: raw.id.into_inner(),
            version: raw.version,
            title: raw.title,
            languages: raw.languages,
            source: raw.source,
            parts: raw
                .parts
                .into_iter()
                .map(|p| Part {
                    id: p.id.into_inner(),
                    title: p.title,
                    filled_by: match p.filled_by {
                        raw::FilledBy::Respondent => FilledBy::Respondent,
                        raw::FilledBy::Expert => FilledBy::Expert,
                    },
                })
                .collect(),
            rosters,
            sections,
            questions,
            items,
            checks,
            by_code,
            order: Vec::new(),
        };
        if !self.diagnostics.is_empty() {
            return None;
        }
        match super::reach::evaluation_order(&questionnaire) {
            Ok(order) => questionnaire.order = order,
            Err(cycle) => {
                let first = cycle[0];
                let path = cycle
                    .iter()
                    .chain(std::iter::once(&first))
                    .map(|&i| questionnaire.items[i].code.as_str())
                    .collect::<Vec<_>>()
                    .join(" → ");
                self.error(
                    self.code_spans[first].clone(),
                    format!("show_if cycle: {path}; a question cannot depend on itself"),
                );
                return None;
            }
        }
        for item in super::reach::unreachable(&questionnaire) {
            let q = questionnaire.question_of(item);
            let code = &questionnaire.items[item].code;
            self.error(
                self.code_spans[item].clone(),
                format!(
                    "`{code}` can never be shown: no combination of answers makes its show_if conditions true{}",
                    if q.code == *code { String::new() } else { format!(" (in {})", q.code) }
                ),
            );
        }
        Some(questionnaire)
    }

    fn parts(&mut self, raw: &[raw::Part]) -> HashMap<String, usize> {
        if raw.is_empty() {
            self.diagnostics.push(Diagnostic::whole_file(
                self.map.file,
                "the definition has no [[parts]]; add at least one (id, title, filled_by)",
            ));
        }
        self.unique_ids(raw.iter().map(|p| &p.id), "part")
    }

    fn unique_ids<'r>(
        &mut self,
        ids: impl Iterator<Item = &'r Spanned<String>>,
        what: &str,
    ) -> HashMap<String, usize> {
        let mut seen = HashMap::new();
        for (index, id) in ids.enumerate() {
            if seen.insert(id.get_ref().clone(), index).is_some() {
                self.error(id.span(), format!("duplicate {what} id `{}`", id.get_ref()));
            }
        }
        seen
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

    /// The question's kind and answer type, with every key checked against its type.
    fn question_shape<'r>(
        &mut self,
        q: &'r raw::Question,
    ) -> Option<(QuestionKind, AnswerType, Option<&'r [raw::Row]>)> {
        use raw::Type as T;
        let kind = *q.kind.get_ref();
        let code = q.code.get_ref();
        let type_name = match kind {
            T::Single => "single",
            T::Multi => "multi",
            T::Integer => "integer",
            T::Number => "number",
            T::Text => "text",
            T::Urls => "urls",
            T::Matrix => "matrix",
            T::Table => "table",
        };
        let allowed: &[&str] = match kind {
            T::Single | T::Multi => &["options"],
            T::Integer | T::Number => &["min", "max", "unit", "not_available", "not_applicable"],
            T::Text => &["multiline", "max_length"],
            T::Urls => &["max_items"],
            T::Matrix => &["rows", "options"],
            T::Table => &[
                "rows",
                "min",
                "max",
                "unit",
                "not_available",
                "not_applicable",
                "computed",
            ],
        };
        let present: [(&str, Option<Range<usize>>); 11] = [
            ("computed", q.computed.as_ref().map(Spanned::span)),
            ("options", q.options.as_ref().map(Spanned::span)),
            ("rows", q.rows.as_ref().map(Spanned::span)),
            ("min", q.min.as_ref().map(Spanned::span)),
            ("max", q.max.as_ref().map(Spanned::span)),
            ("unit", q.unit.as_ref().map(Spanned::span)),
            ("not_available", q.not_available.as_ref().map(Spanned::span)),
            (
                "not_applicable",
                q.not_applicable.as_ref().map(Spanned::span),
            ),
            ("multiline", q.multiline.as_ref().map(Spanned::span)),
            ("max_length", q.max_length.as_ref().map(Spanned::span)),
            ("max_items", q.max_items.as_ref().map(Spanned::span)),
        ];
        for (key, span) in present {
            if let Some(span) = span
                && !allowed.contains(&key)
            {
                self.error(
                    span,
                    format!("`{key}` does not apply to type {type_name} (question {code}); it takes: {}", allowed.join(", ")),
                );
            }
        }
        let needs_options = matches!(kind, T::Single | T::Multi | T::Matrix);
        let choices = if needs_options {
            match &q.options {
                Some(options) if !options.get_ref().is_empty() => {
                    Some(self.choices(options, kind, code))
                }
                _ => {
                    self.error(
                        q.kind.span(),
                        format!("question {code} of type {type_name} needs `options`"),
                    );
                    return None;
                }
            }
        } else {
            None
        };
        let rows = if matches!(kind, T::Matrix | T::Table) {
            match &q.rows {
                Some(rows) if !rows.get_ref().is_empty() => Some(rows.get_ref().as_slice()),
                _ => {
                    self.error(
                        q.kind.span(),
                        format!("question {code} of type {type_name} needs `rows`"),
                    );
                    return None;
                }
            }
        } else {
            None
        };
        let bounds = || Bounds {
            min: q.min.as_ref().map(|m| *m.get_ref()),
            max: q.max.as_ref().map(|m| *m.get_ref()),
            unit: q.unit.as_ref().map(|u| u.get_ref().clone()),
            not_available: q.not_available.as_ref().is_some_and(|n| *n.get_ref()),
            not_applicable: q.not_applicable.as_ref().is_some_and(|n| *n.get_ref()),
        };
        if let (Some(min), Some(max)) = (&q.min, &q.max)
            && min.get_ref() > max.get_ref()
        {
            self.error(max.span(), format!("max is below min in question {code}"));
        }
        let (kind, answer) = match kind {
            T::Single => (QuestionKind::Single, AnswerType::Single(choices?)),
            T::Multi => (QuestionKind::Multi, AnswerType::Multi(choices?)),
            T::Matrix => (QuestionKind::Matrix, AnswerType::Single(choices?)),
            T::Integer => (QuestionKind::Integer, AnswerType::Integer(bounds())),
            T::Table => (QuestionKind::Table, AnswerType::Integer(bounds())),
            T::Number => (QuestionKind::Number, AnswerType::Number(bounds())),
            T::Text => (
                QuestionKind::Text,
                AnswerType::Text {
                    multiline: q.multiline.as_ref().is_some_and(|m| *m.get_ref()),
                    max_length: q.max_length.as_ref().map(|m| *m.get_ref()),
                },
            ),
            T::Urls => (
                QuestionKind::Urls,
                AnswerType::Urls {
                    max_items: q.max_items.as_ref().map(|m| *m.get_ref()),
                },
            ),
        };
        Some((kind, answer, rows))
    }

    fn choices(
        &mut self,
        options: &Spanned<Vec<raw::Choice>>,
        kind: raw::Type,
        code: &str,
    ) -> Vec<Choice> {
        let mut seen: HashMap<i64, ()> = HashMap::new();
        let mut out = Vec::new();
        for o in options.get_ref() {
            let value = *o.code.get_ref();
            if seen.insert(value, ()).is_some() {
                self.error(
                    o.code.span(),
                    format!("duplicate option code {value} in question {code}"),
                );
            }
            let exclusive = o.exclusive.as_ref().is_some_and(|e| *e.get_ref());
            if exclusive && kind != raw::Type::Multi {
                let span = o
                    .exclusive
                    .as_ref()
                    .map(Spanned::span)
                    .unwrap_or(o.code.span());
                self.error(
                    span,
                    format!("option {value} of {code} is exclusive, but only a multiple choice can have exclusive options"),
                );
            }
            if o.follow_up.is_some() && kind == raw::Type::Matrix {
                let span = o
                    .follow_up
                    .as_ref()
                    .map(Spanned::span)
                    .unwrap_or(o.code.span());
                self.error(
                    span,
                    format!("options of matrix {code} cannot have follow-ups"),
                );
            }
            out.push(Choice {
                code: value,
                label: o.label.clone(),
                exclusive,
                follow_up: o.follow_up.as_ref().map(|f| f.get_ref().clone()),
            });
        }
        out
    }

    fn rosters(&mut self, raw: &[raw::Roster], items: &[Item]) -> Vec<Roster> {
        raw.iter()
            .map(|r| {
                let from = r.from.as_ref().and_then(|from| {
                    let Some(&id) = self.by_code.get(from.get_ref()) else {
                        self.error(from.span(), format!("unknown question code `{}`", from.get_ref()));
                        return None;
                    };
                    let item = &items[id];
                    let fits = matches!(item.answer, AnswerType::Urls { .. } | AnswerType::Multi(_));
                    if !fits || item.roster.is_some() {
                        self.error(
                            from.span(),
                            format!("a roster comes from a urls or multi question outside rosters; `{}` is not one", from.get_ref()),
                        );
                        return None;
                    }
                    Some(id)
                });
                Roster {
                    id: r.id.get_ref().clone(),
                    title: r.title.clone(),
                    item: r.item.clone(),
                    from,
                    placeholder: r.placeholder.clone(),
                }
            })
            .collect()
    }

    fn condition(&mut self, p: &Pending, scope: &BuildScope) -> Option<Expr> {
        match expr::parse(p.src.get_ref())
            .and_then(|ast| compile_condition(p.src.get_ref(), &ast, scope, p.context))
        {
            Ok(e) => Some(e),
            Err(e) => {
                self.expr_error(p.src, 0, e);
                None
            }
        }
    }

    fn checks(
        &mut self,
        raw: &[(usize, Option<ItemId>, &raw::Check, Option<RosterId>)],
        scope: &BuildScope,
    ) -> Vec<Check> {
        let mut names: HashMap<&str, ()> = HashMap::new();
        let mut out = Vec::new();
        for &(section, question_item, c, context) in raw {
            if names.insert(c.name.get_ref(), ()).is_some() {
                self.error(
                    c.name.span(),
                    format!("duplicate check name `{}`", c.name.get_ref()),
                );
            }
            let on = match (&c.on, question_item) {
                (Some(on), _) => match scope.resolve(on.get_ref()) {
                    Some(Symbol::Item { id, .. }) => Some(id),
                    _ => {
                        self.error(
                            on.span(),
                            format!("`on` names unknown question code `{}`", on.get_ref()),
                        );
                        None
                    }
                },
                (None, Some(item)) => Some(item),
                (None, None) => {
                    self.error(
                        c.name.span(),
                        format!(
                            "section check `{}` needs `on`, the question its finding points at",
                            c.name.get_ref()
                        ),
                    );
                    None
                }
            };
            if let Some(on) = on
                && scope.items[on].roster != context
            {
                self.error(
                    c.on.as_ref().map_or(c.name.span(), Spanned::span),
                    format!(
                        "check `{}` points at `{}`, which is not in this section's roster",
                        c.name.get_ref(),
                        scope.items[on].code
                    ),
                );
            }
            let assert = self.condition(
                &Pending {
                    src: &c.assert,
                    context,
                },
                scope,
            );
            let message = self.message(&c.message, context, scope);
            if let (Some(on), Some(assert), Some(message)) = (on, assert, message) {
                out.push(Check {
                    name: c.name.get_ref().clone(),
                    section,
                    on,
                    assert,
                    severity: match c.severity {
                        raw::Severity::Error => Severity::Error,
                        raw::Severity::Warning => Severity::Warning,
                    },
                    message,
                });
            }
        }
        out
    }

    /// A message template: text with `{expression}` holes, `{{`/`}}` for literal braces.
    fn message(
        &mut self,
        src: &Spanned<String>,
        context: Option<RosterId>,
        scope: &BuildScope,
    ) -> Option<Vec<MessagePart>> {
        let text = src.get_ref();
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = text.char_indices().peekable();
        let mut ok = true;
        while let Some((i, c)) = rest.next() {
            match c {
                '{' if rest.peek().map(|&(_, n)| n) == Some('{') => {
                    rest.next();
                    literal.push('{');
                }
                '}' if rest.peek().map(|&(_, n)| n) == Some('}') => {
                    rest.next();
                    literal.push('}');
                }
                '{' => {
                    let Some(close) = text[i..].find('}').map(|j| i + j) else {
                        self.expr_error(
                            src,
                            i,
                            ExprError::new(
                                0..1,
                                "`{` is not closed with `}` (write `{{` for a brace)",
                            ),
                        );
                        return None;
                    };
                    if !literal.is_empty() {
                        parts.push(MessagePart::Text(std::mem::take(&mut literal)));
                    }
                    match expr::parse(&text[i + 1..close])
                        .and_then(|ast| compile(&text[i + 1..close], &ast, scope, context))
                    {
                        Ok(e) => parts.push(MessagePart::Value(e)),
                        Err(e) => {
                            self.expr_error(src, i + 1, e);
                            ok = false;
                        }
                    }
                    while rest.peek().is_some_and(|&(j, _)| j <= close) {
                        rest.next();
                    }
                }
                '}' => {
                    self.expr_error(
                        src,
                        i,
                        ExprError::new(0..1, "a lone `}` (write `}}` for a brace)"),
                    );
                    ok = false;
                }
                _ => literal.push(c),
            }
        }
        if !literal.is_empty() {
            parts.push(MessagePart::Text(literal));
        }
        ok.then_some(parts)
    }

    fn selection(
        &mut self,
        s: &raw::Section,
        section: &Section,
        items: &[Item],
        by_code: &HashMap<String, ItemId>,
    ) -> Option<Selection> {
        let raw = s.required_instances.as_ref()?;
        let Some(roster) = section.roster else {
            self.error(
                raw.span(),
                "required_instances applies only to a section with a roster",
            );
            return None;
        };
        let sel = raw.get_ref();
        if !(sel.share > 0.0 && sel.share <= 1.0) {
            self.error(
                raw.span(),
                "required_instances.share must be above 0 and at most 1",
            );
        }
        let top_by = sel.top_by.get_ref();
        match by_code.get(top_by) {
            Some(&id)
                if items[id].roster == Some(roster)
                    && matches!(
                        items[id].answer,
                        AnswerType::Integer(_) | AnswerType::Number(_)
                    ) =>
            {
                Some(Selection {
                    top_by: id,
                    share: sel.share,
                    min: sel.min,
                })
            }
            _ => {
                self.error(
                    sel.top_by.span(),
                    format!(
                        "top_by must be a number question of the same roster; `{top_by}` is not"
                    ),
                );
                None
            }
        }
    }
}

struct BuildScope<'a> {
    by_code: &'a HashMap<String, ItemId>,
    group_codes: &'a HashMap<String, Vec<String>>,
    items: &'a [Item],
    roster_ids: &'a HashMap<String, usize>,
}

impl Scope for BuildScope<'_> {
    fn resolve(&self, name: &str) -> Option<Symbol<'_>> {
        match self.by_code.get(name) {
            Some(&id) => Some(self.items[id].symbol(id)),
            None => self.roster_ids.get(name).map(|&r| Symbol::Roster(r)),
        }
    }

    fn roster_name(&self, roster: RosterId) -> String {
        self.roster_ids
            .iter()
            .find(|&(_, &r)| r == roster)
            .map_or_else(String::new, |(name, _)| name.clone())
    }

    fn describe_unknown(&self, name: &str) -> Option<String> {
        self.group_codes.get(name).map(|rows| {
            format!(
                "`{name}` is a matrix or table; refer to its rows ({})",
                rows.join(", ")
            )
        })
    }
}
