//! Pratt parser from tokens to a syntax tree with byte spans.

use super::ExprError;
use super::lexer::{Spanned, Tok, lex};
use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub struct Ast {
    pub kind: AstKind,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AstKind {
    Num(f64),
    Str(String),
    Bool(bool),
    List(Vec<Ast>),
    Name(String),
    Not(Box<Ast>),
    Neg(Box<Ast>),
    Binary(BinOp, Box<Ast>, Box<Ast>),
    Call(String, Vec<Ast>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    Contains,
    Add,
    Sub,
    Mul,
    Div,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Eq => "=",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::In => "in",
            BinOp::Contains => "contains",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
        }
    }

    fn of(tok: &Tok) -> Option<BinOp> {
        Some(match tok {
            Tok::Or => BinOp::Or,
            Tok::And => BinOp::And,
            Tok::Eq => BinOp::Eq,
            Tok::Ne => BinOp::Ne,
            Tok::Lt => BinOp::Lt,
            Tok::Le => BinOp::Le,
            Tok::Gt => BinOp::Gt,
            Tok::Ge => BinOp::Ge,
            Tok::In => BinOp::In,
            Tok::Contains => BinOp::Contains,
            Tok::Plus => BinOp::Add,
            Tok::Minus => BinOp::Sub,
            Tok::Star => BinOp::Mul,
            Tok::Slash => BinOp::Div,
            _ => return None,
        })
    }

    /// Left binding power; comparisons do not chain (`a < b < c` is an error).
    fn power(self) -> u8 {
        match self {
            BinOp::Or => 1,
            BinOp::And => 2,
            BinOp::Eq
            | BinOp::Ne
            | BinOp::Lt
            | BinOp::Le
            | BinOp::Gt
            | BinOp::Ge
            | BinOp::In
            | BinOp::Contains => 4,
            BinOp::Add | BinOp::Sub => 5,
            BinOp::Mul | BinOp::Div => 6,
        }
    }
}

const NOT_POWER: u8 = 3;
const NEG_POWER: u8 = 7;
const COMPARISON_POWER: u8 = 4;
/// Deeper nesting than this is refused rather than risking the stack on hostile input.
const MAX_DEPTH: usize = 64;

pub fn parse(src: &str) -> Result<Ast, ExprError> {
    let tokens = lex(src)?;
    if tokens.is_empty() {
        return Err(ExprError::new(0..src.len(), "the expression is empty"));
    }
    let mut parser = Parser {
        tokens,
        pos: 0,
        end: src.len(),
        depth: 0,
    };
    let ast = parser.expr(0)?;
    if let Some((tok, span)) = parser.tokens.get(parser.pos) {
        return Err(ExprError::new(
            span.clone(),
            format!("unexpected {} after a complete expression", tok.describe()),
        ));
    }
    Ok(ast)
}

struct Parser {
    tokens: Vec<Spanned>,
    pos: usize,
    end: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos).map(|(t, _)| t)
    }

    fn next(&mut self) -> Result<Spanned, ExprError> {
        let tok =
            self.tokens.get(self.pos).cloned().ok_or_else(|| {
                ExprError::new(self.end..self.end, "the expression ends too early")
            })?;
        self.pos += 1;
        Ok(tok)
    }

    fn expect(&mut self, want: Tok, context: &str) -> Result<Range<usize>, ExprError> {
        if self.peek().is_none() {
            return Err(ExprError::new(
                self.end..self.end,
                format!(
                    "expected {} {context}, but the expression ends",
                    want.describe()
                ),
            ));
        }
        let (tok, span) = self.next()?;
        if tok == want {
            Ok(span)
        } else {
            Err(ExprError::new(
                span,
                format!(
                    "expected {} {context}, found {}",
                    want.describe(),
                    tok.describe()
                ),
            ))
        }
    }

    fn expr(&mut self, min_power: u8) -> Result<Ast, ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let span = self.tokens[self.pos.min(self.tokens.len() - 1)].1.clone();
            return Err(ExprError::new(span, "the expression is nested too deeply"));
        }
        let mut left = self.prefix()?;
        while let Some(op) = self.peek().and_then(BinOp::of) {
            let power = op.power();
            if power < min_power || (power == min_power && power == COMPARISON_POWER) {
                if power == COMPARISON_POWER && min_power == COMPARISON_POWER + 1 {
                    let span = self.tokens[self.pos].1.clone();
                    return Err(ExprError::new(
                        span,
                        "comparisons cannot be chained; join them with `and`",
                    ));
                }
                break;
            }
            self.pos += 1;
            let right = self.expr(power + 1)?;
            let span = left.span.start..right.span.end;
            left = Ast {
                kind: AstKind::Binary(op, Box::new(left), Box::new(right)),
                span,
            };
        }
        self.depth -= 1;
        Ok(left)
    }

    fn prefix(&mut self) -> Result<Ast, ExprError> {
        let (tok, span) = self.next()?;
        let kind = match tok {
            Tok::Num(n) => AstKind::Num(n),
            Tok::Str(s) => AstKind::Str(s),
            Tok::True => AstKind::Bool(true),
            Tok::False => AstKind::Bool(false),
            Tok::Not => {
                let inner = self.expr(NOT_POWER)?;
                let span = span.start..inner.span.end;
                return Ok(Ast {
                    kind: AstKind::Not(Box::new(inner)),
                    span,
                });
            }
            Tok::Minus => {
                let inner = self.expr(NEG_POWER)?;
                let span = span.start..inner.span.end;
                return Ok(Ast {
                    kind: AstKind::Neg(Box::new(inner)),
                    span,
                });
            }
            Tok::LParen => {
                let inner = self.expr(0)?;
                let close = self.expect(Tok::RParen, "to close `(`")?;
                return Ok(Ast {
                    kind: inner.kind,
                    span: span.start..close.end,
                });
            }
            Tok::LBracket => {
                let items = self.list(Tok::RBracket)?;
                let close = self.tokens[self.pos - 1].1.end;
                return Ok(Ast {
                    kind: AstKind::List(items),
                    span: span.start..close,
                });
            }
            Tok::Name(name) => {
                if self.peek() == Some(&Tok::LParen) {
                    self.pos += 1;
                    let args = self.list(Tok::RParen)?;
                    let close = self.tokens[self.pos - 1].1.end;
                    return Ok(Ast {
                        kind: AstKind::Call(name, args),
                        span: span.start..close,
                    });
                }
                AstKind::Name(name)
            }
            other => {
                return Err(ExprError::new(
                    span,
                    format!("expected a value, found {}", other.describe()),
                ));
            }
        };
        Ok(Ast { kind, span })
    }

    /// Comma-separated expressions up to `close`; the opening token is already taken.
    fn list(&mut self, close: Tok) -> Result<Vec<Ast>, ExprError> {
        let mut items = Vec::new();
        if self.peek() == Some(&close) {
            self.pos += 1;
            return Ok(items);
        }
        loop {
            items.push(self.expr(0)?);
            let (tok, span) = self.next()?;
            if tok == close {
                return Ok(items);
            }
            if tok != Tok::Comma {
                return Err(ExprError::new(
                    span,
                    format!(
                        "expected `,` or {}, found {}",
                        close.describe(),
                        tok.describe()
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Prints the tree fully parenthesised, to compare shapes.
    fn show(ast: &Ast) -> String {
        match &ast.kind {
            AstKind::Num(n) => n.to_string(),
            AstKind::Str(s) => format!("{s:?}"),
            AstKind::Bool(b) => b.to_string(),
            AstKind::List(items) => {
                format!("[{}]", items.iter().map(show).collect::<Vec<_>>().join(","))
            }
            AstKind::Name(n) => n.clone(),
            AstKind::Not(a) => format!("(not {})", show(a)),
            AstKind::Neg(a) => format!("(-{})", show(a)),
            AstKind::Binary(op, a, b) => format!("({} {} {})", show(a), op.symbol(), show(b)),
            AstKind::Call(f, args) => format!(
                "{f}({})",
                args.iter().map(show).collect::<Vec<_>>().join(",")
            ),
        }
    }

    fn p(src: &str) -> String {
        show(&parse(src).unwrap())
    }

    #[test]
    fn precedence() {
        assert_eq!(p("V00J > 10 or D61J = 1"), "((V00J > 10) or (D61J = 1))");
        assert_eq!(p("not A = 1 and B"), "((not (A = 1)) and B)");
        assert_eq!(p("A = B + C * 2 - -D"), "(A = ((B + (C * 2)) - (-D)))");
        assert_eq!(p("F14 in [1, 2]"), "(F14 in [1,2])");
        assert_eq!(p("sum(P52_E) > 0"), "(sum(P52_E) > 0)");
        assert_eq!(p("(A or B) and C"), "((A or B) and C)");
    }

    #[test]
    fn errors_point_at_the_problem() {
        assert_eq!(parse("A = ").unwrap_err().span, 4..4);
        assert_eq!(parse("A = 1 B").unwrap_err().span, 6..7);
        let chained = parse("1 < A < 3").unwrap_err();
        assert_eq!(chained.span, 6..7);
        assert!(chained.message.contains("chained"));
        assert!(parse("(A = 1").unwrap_err().message.contains("`)`"));
        assert!(parse("").is_err());
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let src = format!("{}1{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(parse(&src).unwrap_err().message.contains("nested"));
        let src = format!("{}1", "not ".repeat(10_000));
        assert!(parse(&src).is_err());
    }
}
