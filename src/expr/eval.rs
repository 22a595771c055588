//! Evaluation with three-valued logic: a blank, hidden or "not available" answer makes
//! arithmetic and comparisons undecided rather than zero.

use super::compile::{ArithOp, CmpOp, Compiled, Fold, ItemId, RosterId};
use crate::response::Value;

/// Where an expression finds answers. `answer` returns `None` for blank or hidden items; for a
/// roster item it is the current instance's answer.
pub trait Env {
    fn answer(&self, item: ItemId) -> Option<&Value>;
    fn roster_len(&self, roster: RosterId) -> usize;
    /// Calls `f` with an environment for each instance of `roster` until `f` returns false.
    fn each_instance(&self, roster: RosterId, f: &mut dyn FnMut(&dyn Env) -> bool);
}

/// The result of evaluating an expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Val<'a> {
    Undecided,
    Num(f64),
    Text(&'a str),
    Bool(bool),
    Choices(&'a [i64]),
    Urls(&'a [String]),
}

impl Val<'_> {
    /// `Some(b)` when decided; `None` otherwise.
    pub fn truth(&self) -> Option<bool> {
        match self {
            Val::Bool(b) => Some(*b),
            _ => None,
        }
    }

    fn num(&self) -> Option<f64> {
        match self {
            Val::Num(n) => Some(*n),
            _ => None,
        }
    }

    /// How the value reads inside a check's message.
    pub fn display(&self) -> String {
        match self {
            Val::Undecided => "—".to_owned(),
            Val::Num(n) => format_number(*n),
            Val::Text(t) => (*t).to_owned(),
            Val::Bool(true) => "jā".to_owned(),
            Val::Bool(false) => "nē".to_owned(),
            Val::Choices(c) => c.iter().map(i64::to_string).collect::<Vec<_>>().join(", "),
            Val::Urls(u) => u.join(", "),
        }
    }
}

/// Whole numbers without a fraction; others with up to two decimals and a decimal comma, as
/// Latvian writes them.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.2}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.replace('.', ",")
    }
}

impl Compiled {
    pub fn eval<'a>(&'a self, env: &'a dyn Env) -> Val<'a> {
        match self {
            Compiled::Num(n) => Val::Num(*n),
            Compiled::Text(t) => Val::Text(t),
            Compiled::Bool(b) => Val::Bool(*b),
            Compiled::Item(id) => match env.answer(*id) {
                None | Some(Value::NotAvailable | Value::NotApplicable) => Val::Undecided,
                Some(Value::Number(n)) => Val::Num(*n),
                Some(Value::Choice(c)) => Val::Num(*c as f64),
                Some(Value::Choices(c)) => Val::Choices(c),
                Some(Value::Text(t)) => Val::Text(t),
                Some(Value::Urls(u)) => Val::Urls(u),
            },
            Compiled::Answered(id) => Val::Bool(env.answer(*id).is_some_and(|v| !v.is_blank())),
            Compiled::NotAvailable(id) => {
                Val::Bool(matches!(env.answer(*id), Some(Value::NotAvailable)))
            }
            Compiled::NotApplicable(id) => {
                Val::Bool(matches!(env.answer(*id), Some(Value::NotApplicable)))
            }
            Compiled::CountItem(id) => match env.answer(*id) {
                Some(Value::Choices(c)) => Val::Num(c.len() as f64),
                Some(Value::Urls(u)) => Val::Num(u.len() as f64),
                _ => Val::Num(0.0),
            },
            Compiled::CountRoster(r) => Val::Num(env.roster_len(*r) as f64),
            Compiled::Not(a) => match a.eval(env).truth() {
                Some(b) => Val::Bool(!b),
                None => Val::Undecided,
            },
            Compiled::Neg(a) => a.eval(env).num().map_or(Val::Undecided, |n| Val::Num(-n)),
            Compiled::And(a, b) => match (a.eval(env).truth(), b.eval(env).truth()) {
                (Some(false), _) | (_, Some(false)) => Val::Bool(false),
                (Some(true), Some(true)) => Val::Bool(true),
                _ => Val::Undecided,
            },
            Compiled::Or(a, b) => match (a.eval(env).truth(), b.eval(env).truth()) {
                (Some(true), _) | (_, Some(true)) => Val::Bool(true),
                (Some(false), Some(false)) => Val::Bool(false),
                _ => Val::Undecided,
            },
            Compiled::Cmp(op, a, b) => compare(*op, &a.eval(env), &b.eval(env)),
            Compiled::Arith(op, a, b) => match (a.eval(env).num(), b.eval(env).num()) {
                (Some(x), Some(y)) => {
                    let r = match op {
                        ArithOp::Add => x + y,
                        ArithOp::Sub => x - y,
                        ArithOp::Mul => x * y,
                        ArithOp::Div if y == 0.0 => return Val::Undecided,
                        ArithOp::Div => x / y,
                    };
                    Val::Num(r)
                }
                _ => Val::Undecided,
            },
            Compiled::In(a, list) => match a.eval(env).num() {
                Some(x) => Val::Bool(list.contains(&x)),
                None => Val::Undecided,
            },
            Compiled::Contains(a, code) => match a.eval(env) {
                Val::Choices(c) => Val::Bool(c.iter().any(|&x| x as f64 == *code)),
                _ => Val::Undecided,
            },
            Compiled::Sum(roster, inner) => {
                let mut total = None;
                env.each_instance(*roster, &mut |instance| {
                    if let Some(n) = inner.eval(instance).num() {
                        *total.get_or_insert(0.0) += n;
                    }
                    true
                });
                total.map_or(Val::Undecided, Val::Num)
            }
            Compiled::Any(roster, inner) => {
                let mut result = Some(false);
                env.each_instance(
                    *roster,
                    &mut |instance| match inner.eval(instance).truth() {
                        Some(true) => {
                            result = Some(true);
                            false
                        }
                        Some(false) => true,
                        None => {
                            result = None;
                            true
                        }
                    },
                );
                result.map_or(Val::Undecided, Val::Bool)
            }
            Compiled::Fold(fold, items) => {
                let mut acc: Option<f64> = None;
                for item in items {
                    let Some(n) = item.eval(env).num() else {
                        return Val::Undecided;
                    };
                    acc = Some(match (acc, fold) {
                        (None, _) => n,
                        (Some(a), Fold::Min) => a.min(n),
                        (Some(a), Fold::Max) => a.max(n),
                    });
                }
                acc.map_or(Val::Undecided, Val::Num)
            }
            Compiled::Ceil(a) => a
                .eval(env)
                .num()
                .map_or(Val::Undecided, |n| Val::Num(n.ceil())),
            Compiled::If(c, a, b) => match c.eval(env).truth() {
                Some(true) => a.eval(env),
                Some(false) => b.eval(env),
                None => Val::Undecided,
            },
        }
    }
}

fn compare(op: CmpOp, a: &Val, b: &Val) -> Val<'static> {
    let ordering = match (a, b) {
        (Val::Num(x), Val::Num(y)) => x.partial_cmp(y),
        (Val::Text(x), Val::Text(y)) => Some(x.cmp(y)),
        (Val::Bool(x), Val::Bool(y)) => Some(x.cmp(y)),
        _ => None,
    };
    let Some(ordering) = ordering else {
        return Val::Undecided;
    };
    use std::cmp::Ordering::*;
    Val::Bool(match op {
        CmpOp::Eq => ordering == Equal,
        CmpOp::Ne => ordering != Equal,
        CmpOp::Lt => ordering == Less,
        CmpOp::Le => ordering != Greater,
        CmpOp::Gt => ordering == Greater,
        CmpOp::Ge => ordering != Less,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_the_latvian_way() {
        assert_eq!(format_number(120.0), "120");
        assert_eq!(format_number(-3.0), "-3");
        assert_eq!(format_number(0.126), "0,13");
        assert_eq!(format_number(66.5), "66,5");
    }
}
