//! The conditions and computed values, compiled once every code is known.

use super::layout::Layout;
use super::{BuildScope, Builder, Pending, raw};
use crate::expr::{self, Expr, ItemId, RosterId, compile, compile_condition};
use crate::questionnaire::{AnswerType, Computed};
use toml::Spanned;

/// Every show_if compiled, by index: `None` where none is written or it does not compile.
pub(super) struct Conditions {
    pub items: Vec<Option<Expr>>,
    pub questions: Vec<Option<Expr>>,
    pub sections: Vec<Option<Expr>>,
}

impl Builder<'_> {
    /// Establishes the [`Conditions`] as written; a follow-up without one gets its own in
    /// `follow_ups`, the pass after.
    pub(super) fn conditions(&mut self, layout: &Layout, scope: &BuildScope) -> Conditions {
        let mut compile = |pending: &[Option<Pending>]| -> Vec<Option<Expr>> {
            pending
                .iter()
                .map(|p| p.as_ref().and_then(|p| self.condition(p, scope)))
                .collect()
        };
        Conditions {
            items: compile(&layout.item_conditions),
            questions: compile(&layout.question_conditions),
            sections: compile(&layout.section_conditions),
        }
    }

    /// Follow-ups: the target must exist; without its own show_if it opens on the option. After
    /// this, `questions` holds every question's condition.
    pub(super) fn follow_ups(
        &mut self,
        follow_ups: &[(ItemId, &raw::Choice, &Spanned<String>)],
        questions: &mut [Option<Expr>],
        scope: &BuildScope,
    ) {
        for (parent, choice, target) in follow_ups {
            let Some(&target_item) = scope.by_code.get(target.get_ref()) else {
                self.error(
                    target.span(),
                    format!(
                        "follow_up names `{}`, which is not a question here",
                        target.get_ref()
                    ),
                );
                continue;
            };
            let target_question = scope.items[target_item].question;
            let parent_code = &scope.items[*parent].code;
            let code = choice.code.get_ref();
            match &questions[target_question] {
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
                    let src = if matches!(scope.items[*parent].answer, AnswerType::Multi(_)) {
                        format!("{parent_code} contains {code}")
                    } else {
                        format!("{parent_code} = {code}")
                    };
                    let context = scope.items[target_item].roster;
                    match expr::parse(&src)
                        .and_then(|ast| compile_condition(&src, &ast, scope, context))
                    {
                        Ok(e) => questions[target_question] = Some(e),
                        Err(e) => self.error(target.span(), e.message),
                    }
                }
            }
        }
    }

    /// Establishes the computed values of tables, each with the index of its question.
    pub(super) fn computed(
        &mut self,
        raw: &[(usize, &raw::Computed, Option<RosterId>)],
        scope: &BuildScope,
    ) -> Vec<(usize, Computed)> {
        let mut computed = Vec::new();
        for &(question, c, context) in raw {
            let src = c.value.get_ref();
            match expr::parse(src).and_then(|ast| compile(src, &ast, scope, context)) {
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
        computed
    }

    pub(super) fn condition(&mut self, p: &Pending, scope: &BuildScope) -> Option<Expr> {
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
}
