//! The checks: each assertion and message compiled, and pointed at the question its finding
//! is shown on.

use super::{BuildScope, Builder, Pending, raw};
use crate::expr::{self, ExprError, ItemId, RosterId, Scope, Symbol, compile};
use crate::questionnaire::{Check, MessagePart, Severity};
use std::collections::HashMap;
use toml::Spanned;

impl Builder<'_> {
    /// Establishes the checks, each named once and pointing at an item of its own roster.
    pub(super) fn checks(
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
}
