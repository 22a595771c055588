//! From TOML text to a checked [`Questionnaire`], or to every problem found, each located.

mod answer_types;
mod checks;
mod expressions;
mod ids;
mod layout;
mod order;
mod rosters;

use super::raw;
use super::{FilledBy, Item, Part, Questionnaire};
use crate::diag::{Diagnostic, SourceMap};
use crate::expr::{ExprError, ItemId, RosterId, Scope, Symbol};
use layout::Layout;
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

    /// The passes in order. Each reports what is wrong and goes on with what it could make of
    /// the definition, so that one run finds every problem.
    fn build(&mut self, raw: raw::File) -> Option<Questionnaire> {
        let ids = self.ids(&raw);
        let layout = self.layout(&raw.sections, &ids);
        let rosters = self.rosters(&raw.rosters, &layout.items);
        let by_code = std::mem::take(&mut self.by_code);
        let group_codes = std::mem::take(&mut self.group_codes);
        let scope = BuildScope {
            by_code: &by_code,
            group_codes: &group_codes,
            items: &layout.items,
            roster_ids: &ids.rosters,
        };
        let mut conditions = self.conditions(&layout, &scope);
        self.follow_ups(&layout.follow_ups, &mut conditions.questions, &scope);
        let checks = self.checks(&layout.checks, &scope);
        let computed = self.computed(&layout.computed, &scope);
        let selections = self.selections(&raw.sections, &layout.sections, &scope);

        let Layout {
            mut sections,
            mut questions,
            mut items,
            ..
        } = layout;
        for (item, condition) in items.iter_mut().zip(conditions.items) {
            item.show_if = condition;
        }
        for (question, condition) in questions.iter_mut().zip(conditions.questions) {
            question.show_if = condition;
        }
        for (question, c) in computed {
            questions[question].computed.push(c);
        }
        for ((section, condition), selection) in
            sections.iter_mut().zip(conditions.sections).zip(selections)
        {
            section.show_if = condition;
            section.required_instances = selection;
        }

        let questionnaire = Questionnaire {
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
            scopes: Vec::new(),
            slots: Vec::new(),
        }
        .with_scopes();
        if !self.diagnostics.is_empty() {
            return None;
        }
        self.order(questionnaire)
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
