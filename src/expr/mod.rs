//! The filter and check language of questionnaire definitions (`show_if`, `assert`, `{…}` in
//! messages): a hand-written lexer, a Pratt parser, a compiler that resolves question codes and
//! checks types when the questionnaire loads, and a three-valued evaluator.
//! The language itself is documented in `questionnaire/README.md`.

mod compile;
mod eval;
mod lexer;
mod parser;

use std::fmt;
use std::ops::Range;

pub use compile::{
    ArithOp, CmpOp, Compiled, Expr, Fold, ItemId, ItemType, RosterId, Scope, Symbol, compile,
    compile_condition,
};
pub use eval::{Env, Val, format_number};
pub use parser::{Ast, AstKind, BinOp, parse};

/// A parse or type error, located by a byte range inside the expression text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    pub span: Range<usize>,
    pub message: String,
}

impl ExprError {
    pub fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        ExprError {
            span,
            message: message.into(),
        }
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (at {}..{})",
            self.message, self.span.start, self.span.end
        )
    }
}

impl std::error::Error for ExprError {}
