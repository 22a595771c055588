//! Name resolution and type checking: a syntax tree becomes a [`Compiled`] expression whose
//! question references are indices, or an error that points at the offending text. Everything
//! that could go wrong at run time because of the definition is caught here.

use super::ExprError;
use super::parser::{Ast, AstKind, BinOp};
use std::ops::Range;

/// Index of an answerable item (a question, or one row of a matrix or table).
pub type ItemId = usize;
/// Index of a roster.
pub type RosterId = usize;

/// What a name in an expression can stand for.
#[derive(Debug, Clone)]
pub enum Symbol<'a> {
    Item {
        id: ItemId,
        ty: ItemType<'a>,
        roster: Option<RosterId>,
    },
    Roster(RosterId),
}

/// The answer type of an item, as far as expressions are concerned.
#[derive(Debug, Clone)]
pub enum ItemType<'a> {
    Number,
    Text,
    Single(&'a [i64]),
    Multi(&'a [i64]),
    Urls,
}

/// Resolves names for the compiler.
pub trait Scope {
    fn resolve(&self, name: &str) -> Option<Symbol<'_>>;
    /// Human name of a roster, for messages.
    fn roster_name(&self, roster: RosterId) -> String;
    /// A better message than "unknown code" for a name that means something else.
    fn describe_unknown(&self, _name: &str) -> Option<String> {
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    Min,
    Max,
}

/// A checked expression, ready to evaluate.
#[derive(Debug, Clone, PartialEq)]
pub enum Compiled {
    Num(f64),
    Text(String),
    Bool(bool),
    Item(ItemId),
    Answered(ItemId),
    NotAvailable(ItemId),
    NotApplicable(ItemId),
    CountItem(ItemId),
    CountRoster(RosterId),
    Not(Box<Compiled>),
    Neg(Box<Compiled>),
    And(Box<Compiled>, Box<Compiled>),
    Or(Box<Compiled>, Box<Compiled>),
    Cmp(CmpOp, Box<Compiled>, Box<Compiled>),
    Arith(ArithOp, Box<Compiled>, Box<Compiled>),
    In(Box<Compiled>, Vec<f64>),
    Contains(Box<Compiled>, f64),
    Sum(RosterId, Box<Compiled>),
    Any(RosterId, Box<Compiled>),
    Fold(Fold, Vec<Compiled>),
    Ceil(Box<Compiled>),
    If(Box<Compiled>, Box<Compiled>, Box<Compiled>),
}

/// A compiled expression with what it reads, for ordering and cycle detection.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// The text it was compiled from.
    pub source: String,
    pub root: Compiled,
    /// Items whose answers (or visibility) the expression reads, without duplicates.
    pub deps: Vec<ItemId>,
    /// Rosters whose instance count it reads.
    pub roster_deps: Vec<RosterId>,
}

/// Static types.
#[derive(Debug, Clone, PartialEq)]
enum Ty<'a> {
    Num,
    Text,
    Bool,
    /// A single-choice answer; the option codes it can take.
    Choice(&'a [i64]),
    Multi(&'a [i64]),
    Urls,
}

impl Ty<'_> {
    fn name(&self) -> &'static str {
        match self {
            Ty::Num => "a number",
            Ty::Text => "text",
            Ty::Bool => "a yes/no condition",
            Ty::Choice(_) => "a single choice",
            Ty::Multi(_) => "a multiple choice",
            Ty::Urls => "a list of addresses",
        }
    }
}

/// Compile `ast` (parsed from `source`) for use inside `context`, the roster whose instance
/// is current, if any.
pub fn compile(
    source: &str,
    ast: &Ast,
    scope: &dyn Scope,
    context: Option<RosterId>,
) -> Result<Expr, ExprError> {
    compile_as(source, ast, scope, context, false)
}

/// Compile `ast` (parsed from `source`) and require a yes/no result (a `show_if` or an
/// `assert`).
pub fn compile_condition(
    source: &str,
    ast: &Ast,
    scope: &dyn Scope,
    context: Option<RosterId>,
) -> Result<Expr, ExprError> {
    compile_as(source, ast, scope, context, true)
}

fn compile_as(
    source: &str,
    ast: &Ast,
    scope: &dyn Scope,
    context: Option<RosterId>,
    condition: bool,
) -> Result<Expr, ExprError> {
    let mut compiler = Compiler {
        scope,
        context,
        aggregate: None,
        deps: Vec::new(),
        roster_deps: Vec::new(),
    };
    let root = if condition {
        compiler.condition(ast)?
    } else {
        compiler.expr(ast)?.0
    };
    Ok(Expr {
        source: source.to_owned(),
        root,
        deps: compiler.deps,
        roster_deps: compiler.roster_deps,
    })
}

/// The roster being folded over by the innermost `sum`/`any`, and whether the inner
/// expression has referred to it yet.
struct Aggregate {
    roster: Option<RosterId>,
}

struct Compiler<'s> {
    scope: &'s dyn Scope,
    context: Option<RosterId>,
    aggregate: Option<Aggregate>,
    deps: Vec<ItemId>,
    roster_deps: Vec<RosterId>,
}

fn err(span: &Range<usize>, message: impl Into<String>) -> ExprError {
    ExprError::new(span.clone(), message)
}

impl<'s> Compiler<'s> {
    fn expr(&mut self, ast: &Ast) -> Result<(Compiled, Ty<'s>), ExprError> {
        Ok(match &ast.kind {
            AstKind::Num(n) => (Compiled::Num(*n), Ty::Num),
            AstKind::Str(s) => (Compiled::Text(s.clone()), Ty::Text),
            AstKind::Bool(b) => (Compiled::Bool(*b), Ty::Bool),
            AstKind::List(_) => {
                return Err(err(
                    &ast.span,
                    "a list can only follow `in`, as in `X in [1, 2]`",
                ));
            }
            AstKind::Name(name) => self.name(name, &ast.span)?,
            AstKind::Not(inner) => (Compiled::Not(Box::new(self.condition(inner)?)), Ty::Bool),
            AstKind::Neg(inner) => (Compiled::Neg(Box::new(self.number(inner)?)), Ty::Num),
            AstKind::Binary(op, left, right) => self.binary(*op, left, right, &ast.span)?,
            AstKind::Call(name, args) => self.call(name, args, &ast.span)?,
        })
    }

    fn condition(&mut self, ast: &Ast) -> Result<Compiled, ExprError> {
        self.expect(ast, |t| *t == Ty::Bool, "a yes/no condition")
    }

    fn number(&mut self, ast: &Ast) -> Result<Compiled, ExprError> {
        self.expect(ast, |t| *t == Ty::Num, "a number")
    }

    fn expect(
        &mut self,
        ast: &Ast,
        ok: impl Fn(&Ty) -> bool,
        wanted: &str,
    ) -> Result<Compiled, ExprError> {
        let (compiled, ty) = self.expr(ast)?;
        if ok(&ty) {
            Ok(compiled)
        } else {
            Err(err(
                &ast.span,
                format!("expected {wanted} here, but this is {}", ty.name()),
            ))
        }
    }

    fn name(&mut self, name: &str, span: &Range<usize>) -> Result<(Compiled, Ty<'s>), ExprError> {
        match self.scope.resolve(name) {
            None => Err(err(
                span,
                self.scope
                    .describe_unknown(name)
                    .unwrap_or_else(|| format!("unknown question code `{name}`")),
            )),
            Some(Symbol::Roster(_)) => Err(err(
                span,
                format!("`{name}` is a roster; use it as `count({name})`"),
            )),
            Some(Symbol::Item { id, ty, roster }) => {
                self.check_roster_access(name, roster, span)?;
                self.dep(id);
                let ty = match ty {
                    ItemType::Number => Ty::Num,
                    ItemType::Text => Ty::Text,
                    ItemType::Single(codes) => Ty::Choice(codes),
                    ItemType::Multi(codes) => Ty::Multi(codes),
                    ItemType::Urls => Ty::Urls,
                };
                Ok((Compiled::Item(id), ty))
            }
        }
    }

    /// A roster question may be read inside its own roster's sections, or inside `sum`/`any`
    /// over that roster; anywhere else "which instance?" has no answer.
    fn check_roster_access(
        &mut self,
        name: &str,
        roster: Option<RosterId>,
        span: &Range<usize>,
    ) -> Result<(), ExprError> {
        let Some(roster) = roster else {
            return Ok(());
        };
        if let Some(aggregate) = &mut self.aggregate {
            match aggregate.roster {
                None => {
                    aggregate.roster = Some(roster);
                    return Ok(());
                }
                Some(r) if r == roster => return Ok(()),
                Some(r) => {
                    return Err(err(
                        span,
                        format!(
                            "`{name}` belongs to roster `{}`, but this sum/any already runs over `{}`",
                            self.scope.roster_name(roster),
                            self.scope.roster_name(r)
                        ),
                    ));
                }
            }
        }
        if self.context == Some(roster) {
            return Ok(());
        }
        Err(err(
            span,
            format!(
                "`{name}` is answered once per instance of roster `{}`; outside it, use sum({name}), any(…) or count(…)",
                self.scope.roster_name(roster)
            ),
        ))
    }

    fn dep(&mut self, id: ItemId) {
        if !self.deps.contains(&id) {
            self.deps.push(id);
        }
    }

    fn item_arg(
        &mut self,
        name: &str,
        args: &[Ast],
        span: &Range<usize>,
    ) -> Result<(ItemId, Ty<'s>), ExprError> {
        let [arg] = args else {
            return Err(err(span, format!("{name}() takes one question code")));
        };
        match self.expr(arg)? {
            (Compiled::Item(id), ty) => Ok((id, ty)),
            _ => Err(err(&arg.span, format!("{name}() takes a question code"))),
        }
    }

    fn call(
        &mut self,
        name: &str,
        args: &[Ast],
        span: &Range<usize>,
    ) -> Result<(Compiled, Ty<'s>), ExprError> {
        Ok(match name {
            "answered" => (
                Compiled::Answered(self.item_arg(name, args, span)?.0),
                Ty::Bool,
            ),
            "not_available" => (
                Compiled::NotAvailable(self.item_arg(name, args, span)?.0),
                Ty::Bool,
            ),
            "not_applicable" => (
                Compiled::NotApplicable(self.item_arg(name, args, span)?.0),
                Ty::Bool,
            ),
            "count" => {
                if let [arg] = args
                    && let AstKind::Name(n) = &arg.kind
                    && let Some(Symbol::Roster(r)) = self.scope.resolve(n)
                {
                    if !self.roster_deps.contains(&r) {
                        self.roster_deps.push(r);
                    }
                    return Ok((Compiled::CountRoster(r), Ty::Num));
                }
                let (id, ty) = self.item_arg(name, args, span)?;
                if !matches!(ty, Ty::Multi(_) | Ty::Urls) {
                    return Err(err(
                        &args[0].span,
                        format!(
                            "count() takes a multiple choice, a list of addresses or a roster, not {}",
                            ty.name()
                        ),
                    ));
                }
                (Compiled::CountItem(id), Ty::Num)
            }
            "sum" | "any" => {
                let [arg] = args else {
                    return Err(err(span, format!("{name}() takes one expression")));
                };
                let outer = self.aggregate.replace(Aggregate { roster: None });
                let inner = if name == "sum" {
                    self.number(arg)
                } else {
                    self.condition(arg)
                };
                let aggregate = std::mem::replace(&mut self.aggregate, outer);
                let inner = inner?;
                let Some(roster) = aggregate.and_then(|a| a.roster) else {
                    return Err(err(
                        &arg.span,
                        format!(
                            "{name}() runs over a roster, but nothing inside refers to a roster question"
                        ),
                    ));
                };
                if name == "sum" {
                    (Compiled::Sum(roster, Box::new(inner)), Ty::Num)
                } else {
                    (Compiled::Any(roster, Box::new(inner)), Ty::Bool)
                }
            }
            "min" | "max" => {
                if args.is_empty() {
                    return Err(err(span, format!("{name}() needs at least one number")));
                }
                let values = args
                    .iter()
                    .map(|a| self.number(a))
                    .collect::<Result<Vec<_>, _>>()?;
                let fold = if name == "min" { Fold::Min } else { Fold::Max };
                (Compiled::Fold(fold, values), Ty::Num)
            }
            "if" => {
                let [c, a, b] = args else {
                    return Err(err(
                        span,
                        "if() takes a condition and two values: if(c, a, b)",
                    ));
                };
                let c = self.condition(c)?;
                let (a_compiled, a_ty) = self.expr(a)?;
                let (b_compiled, b_ty) = self.expr(b)?;
                let same = a_ty == b_ty
                    || (matches!(a_ty, Ty::Num | Ty::Choice(_))
                        && matches!(b_ty, Ty::Num | Ty::Choice(_)));
                if !same {
                    return Err(err(
                        &b.span,
                        format!(
                            "both values of if() must be alike; this is {}, the other {}",
                            b_ty.name(),
                            a_ty.name()
                        ),
                    ));
                }
                let ty = if matches!(a_ty, Ty::Choice(_)) {
                    Ty::Num
                } else {
                    a_ty
                };
                (
                    Compiled::If(Box::new(c), Box::new(a_compiled), Box::new(b_compiled)),
                    ty,
                )
            }
            "ceil" => {
                let [arg] = args else {
                    return Err(err(span, "ceil() takes one number"));
                };
                (Compiled::Ceil(Box::new(self.number(arg)?)), Ty::Num)
            }
            _ => {
                return Err(err(
                    &(span.start..span.start + name.len()),
                    format!(
                        "unknown function `{name}`; known: answered, not_available, count, sum, any, min, max, ceil"
                    ),
                ));
            }
        })
    }

    fn binary(
        &mut self,
        op: BinOp,
        left: &Ast,
        right: &Ast,
        span: &Range<usize>,
    ) -> Result<(Compiled, Ty<'s>), ExprError> {
        Ok(match op {
            BinOp::And | BinOp::Or => {
                let a = Box::new(self.condition(left)?);
                let b = Box::new(self.condition(right)?);
                let c = if op == BinOp::And {
                    Compiled::And(a, b)
                } else {
                    Compiled::Or(a, b)
                };
                (c, Ty::Bool)
            }
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => {
                let a = Box::new(self.number(left)?);
                let b = Box::new(self.number(right)?);
                let arith = match op {
                    BinOp::Add => ArithOp::Add,
                    BinOp::Sub => ArithOp::Sub,
                    BinOp::Mul => ArithOp::Mul,
                    _ => ArithOp::Div,
                };
                (Compiled::Arith(arith, a, b), Ty::Num)
            }
            BinOp::In => {
                let (a, ty) = self.expr(left)?;
                let AstKind::List(items) = &right.kind else {
                    return Err(err(
                        &right.span,
                        "`in` needs a list of numbers, as in `X in [1, 2]`",
                    ));
                };
                let codes = items
                    .iter()
                    .map(|item| self.literal_number(item))
                    .collect::<Result<Vec<_>, _>>()?;
                match &ty {
                    Ty::Num => {}
                    Ty::Choice(options) => {
                        for (item, code) in items.iter().zip(&codes) {
                            check_option(options, *code, &item.span, left)?;
                        }
                    }
                    Ty::Multi(_) => {
                        return Err(err(
                            span,
                            "a multiple choice holds several options; test each with `contains`",
                        ));
                    }
                    other => {
                        return Err(err(
                            &left.span,
                            format!(
                                "`in` needs a single choice or a number, not {}",
                                other.name()
                            ),
                        ));
                    }
                }
                (Compiled::In(Box::new(a), codes), Ty::Bool)
            }
            BinOp::Contains => {
                let (a, ty) = self.expr(left)?;
                let Ty::Multi(options) = ty else {
                    return Err(err(
                        &left.span,
                        format!("`contains` needs a multiple choice, not {}", ty.name()),
                    ));
                };
                let code = self.literal_number(right)?;
                check_option(options, code, &right.span, left)?;
                (Compiled::Contains(Box::new(a), code), Ty::Bool)
            }
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                let (a, ta) = self.expr(left)?;
                let (b, tb) = self.expr(right)?;
                let ordering = !matches!(op, BinOp::Eq | BinOp::Ne);
                for (ty, side) in [(&ta, left), (&tb, right)] {
                    match ty {
                        Ty::Multi(_) => {
                            return Err(err(
                                &side.span,
                                format!(
                                    "a multiple choice cannot be compared with `{}`; use `contains`",
                                    op.symbol()
                                ),
                            ));
                        }
                        Ty::Urls => {
                            return Err(err(
                                &side.span,
                                format!("{} cannot be compared; use count()", ty.name()),
                            ));
                        }
                        Ty::Bool if ordering => {
                            return Err(err(&side.span, "a yes/no condition has no order"));
                        }
                        _ => {}
                    }
                }
                let numeric = |t: &Ty| matches!(t, Ty::Num | Ty::Choice(_));
                let compatible = (numeric(&ta) && numeric(&tb))
                    || ta == tb
                    || (ta == Ty::Text && tb == Ty::Text);
                if !compatible {
                    return Err(err(
                        span,
                        format!("cannot compare {} with {}", ta.name(), tb.name()),
                    ));
                }
                if !ordering {
                    if let (Ty::Choice(options), Compiled::Num(code)) = (&ta, &b) {
                        check_option(options, *code, &right.span, left)?;
                    }
                    if let (Ty::Choice(options), Compiled::Num(code)) = (&tb, &a) {
                        check_option(options, *code, &left.span, right)?;
                    }
                }
                let cmp = match op {
                    BinOp::Eq => CmpOp::Eq,
                    BinOp::Ne => CmpOp::Ne,
                    BinOp::Lt => CmpOp::Lt,
                    BinOp::Le => CmpOp::Le,
                    BinOp::Gt => CmpOp::Gt,
                    _ => CmpOp::Ge,
                };
                (Compiled::Cmp(cmp, Box::new(a), Box::new(b)), Ty::Bool)
            }
        })
    }

    fn literal_number(&self, ast: &Ast) -> Result<f64, ExprError> {
        match &ast.kind {
            AstKind::Num(n) => Ok(*n),
            AstKind::Neg(inner) if matches!(inner.kind, AstKind::Num(_)) => {
                let AstKind::Num(n) = inner.kind else {
                    unreachable!()
                };
                Ok(-n)
            }
            _ => Err(err(
                &ast.span,
                "expected a number written out, such as 1 or 99",
            )),
        }
    }
}

fn check_option(
    options: &[i64],
    code: f64,
    span: &Range<usize>,
    question: &Ast,
) -> Result<(), ExprError> {
    if options.iter().any(|&o| o as f64 == code) {
        return Ok(());
    }
    let name = match &question.kind {
        AstKind::Name(n) => n.as_str(),
        _ => "this question",
    };
    let known = options
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    Err(err(
        span,
        format!("{code} is not an option of {name} (its options are {known})"),
    ))
}

impl Compiled {
    /// Calls `f` on this node and every node below it.
    pub fn walk(&self, f: &mut dyn FnMut(&Compiled)) {
        f(self);
        match self {
            Compiled::Not(a) | Compiled::Neg(a) | Compiled::Ceil(a) => a.walk(f),
            Compiled::In(a, _) | Compiled::Contains(a, _) => a.walk(f),
            Compiled::Sum(_, a) | Compiled::Any(_, a) => a.walk(f),
            Compiled::And(a, b)
            | Compiled::Or(a, b)
            | Compiled::Cmp(_, a, b)
            | Compiled::Arith(_, a, b) => {
                a.walk(f);
                b.walk(f);
            }
            Compiled::Fold(_, items) => items.iter().for_each(|i| i.walk(f)),
            Compiled::If(c, a, b) => {
                c.walk(f);
                a.walk(f);
                b.walk(f);
            }
            Compiled::Num(_)
            | Compiled::Text(_)
            | Compiled::Bool(_)
            | Compiled::Item(_)
            | Compiled::Answered(_)
            | Compiled::NotAvailable(_)
            | Compiled::NotApplicable(_)
            | Compiled::CountItem(_)
            | Compiled::CountRoster(_) => {}
        }
    }
}
