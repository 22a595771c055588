//! What kind of question each is and how it is answered, with every key checked against its
//! type.

use super::{Builder, raw};
use crate::questionnaire::{AnswerType, Bounds, Choice, QuestionKind};
use std::collections::HashMap;
use std::ops::Range;
use toml::Spanned;

impl Builder<'_> {
    /// The question's kind and answer type, with every key checked against its type.
    pub(super) fn question_shape<'r>(
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
}
