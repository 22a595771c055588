use super::ExprError;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Num(f64),
    Str(String),
    /// A question code, roster id or function name: letters, digits, `_`, and `.` between
    /// alphanumerics so that `P1025.1` is one name.
    Name(String),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Plus,
    Minus,
    Star,
    Slash,
    And,
    Or,
    Not,
    In,
    Contains,
    True,
    False,
}

impl Tok {
    pub fn describe(&self) -> String {
        match self {
            Tok::Num(n) => format!("number {n}"),
            Tok::Str(s) => format!("text \"{s}\""),
            Tok::Name(n) => format!("`{n}`"),
            other => format!("`{}`", other.symbol()),
        }
    }

    fn symbol(&self) -> &'static str {
        match self {
            Tok::LParen => "(",
            Tok::RParen => ")",
            Tok::LBracket => "[",
            Tok::RBracket => "]",
            Tok::Comma => ",",
            Tok::Eq => "=",
            Tok::Ne => "!=",
            Tok::Lt => "<",
            Tok::Le => "<=",
            Tok::Gt => ">",
            Tok::Ge => ">=",
            Tok::Plus => "+",
            Tok::Minus => "-",
            Tok::Star => "*",
            Tok::Slash => "/",
            Tok::And => "and",
            Tok::Or => "or",
            Tok::Not => "not",
            Tok::In => "in",
            Tok::Contains => "contains",
            Tok::True => "true",
            Tok::False => "false",
            Tok::Num(_) | Tok::Str(_) | Tok::Name(_) => "",
        }
    }
}

pub type Spanned = (Tok, Range<usize>);

pub fn lex(src: &str) -> Result<Vec<Spanned>, ExprError> {
    let mut out = Vec::new();
    let mut chars = src.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if c.is_ascii_digit() {
            let mut end = start;
            let mut seen_dot = false;
            while let Some(&(i, d)) = chars.peek() {
                let fraction_dot =
                    d == '.' && !seen_dot && src[i + 1..].starts_with(|n: char| n.is_ascii_digit());
                if d.is_ascii_digit() || fraction_dot {
                    seen_dot |= d == '.';
                    end = i + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if let Some(&(i, d)) = chars.peek()
                && (d.is_alphabetic() || d == '_')
            {
                return Err(ExprError::new(
                    start..i + d.len_utf8(),
                    "a name cannot start with a digit",
                ));
            }
            let text = &src[start..end];
            let n = text
                .parse::<f64>()
                .map_err(|_| ExprError::new(start..end, format!("`{text}` is not a number")))?;
            out.push((Tok::Num(n), start..end));
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' {
            let mut end = start;
            while let Some(&(i, d)) = chars.peek() {
                let inner_dot = d == '.'
                    && src[i + 1..].starts_with(|n: char| n.is_ascii_alphanumeric() || n == '_');
                if d.is_ascii_alphanumeric() || d == '_' || inner_dot {
                    end = i + 1;
                    chars.next();
                } else {
                    break;
                }
            }
            let word = &src[start..end];
            let tok = match word {
                "and" => Tok::And,
                "or" => Tok::Or,
                "not" => Tok::Not,
                "in" => Tok::In,
                "contains" => Tok::Contains,
                "true" => Tok::True,
                "false" => Tok::False,
                _ => Tok::Name(word.to_owned()),
            };
            out.push((tok, start..end));
            continue;
        }
        if c == '"' {
            chars.next();
            let mut text = String::new();
            let mut closed = None;
            while let Some((i, d)) = chars.next() {
                match d {
                    '"' => {
                        closed = Some(i + 1);
                        break;
                    }
                    '\\' => match chars.next() {
                        Some((_, e @ ('"' | '\\'))) => text.push(e),
                        Some((j, e)) => {
                            return Err(ExprError::new(
                                i..j + e.len_utf8(),
                                "only \\\" and \\\\ may follow a backslash",
                            ));
                        }
                        None => break,
                    },
                    _ => text.push(d),
                }
            }
            let Some(end) = closed else {
                return Err(ExprError::new(
                    start..src.len(),
                    "text is not closed with \"",
                ));
            };
            out.push((Tok::Str(text), start..end));
            continue;
        }
        chars.next();
        let next = chars.peek().map(|&(_, d)| d);
        let (tok, len) = match (c, next) {
            ('!', Some('=')) | ('<', Some('>')) => (Tok::Ne, 2),
            ('<', Some('=')) => (Tok::Le, 2),
            ('>', Some('=')) => (Tok::Ge, 2),
            ('=', Some('=')) => (Tok::Eq, 2),
            ('=', _) => (Tok::Eq, 1),
            ('≠', _) => (Tok::Ne, 1),
            ('≤', _) => (Tok::Le, 1),
            ('≥', _) => (Tok::Ge, 1),
            ('<', _) => (Tok::Lt, 1),
            ('>', _) => (Tok::Gt, 1),
            ('(', _) => (Tok::LParen, 1),
            (')', _) => (Tok::RParen, 1),
            ('[', _) => (Tok::LBracket, 1),
            (']', _) => (Tok::RBracket, 1),
            (',', _) => (Tok::Comma, 1),
            ('+', _) => (Tok::Plus, 1),
            ('-', _) => (Tok::Minus, 1),
            ('*', _) => (Tok::Star, 1),
            ('/', _) => (Tok::Slash, 1),
            _ => {
                return Err(ExprError::new(
                    start..start + c.len_utf8(),
                    format!("unexpected character `{c}`"),
                ));
            }
        };
        if len == 2 {
            chars.next();
        }
        let end = start + c.len_utf8() + (len - 1);
        out.push((tok, start..end));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(src: &str) -> Vec<Tok> {
        lex(src).unwrap().into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn dotted_codes_are_one_name_and_decimals_are_numbers() {
        assert_eq!(
            toks("P1025.2 <= P1025.1 * 0.5"),
            vec![
                Tok::Name("P1025.2".into()),
                Tok::Le,
                Tok::Name("P1025.1".into()),
                Tok::Star,
                Tok::Num(0.5)
            ]
        );
    }

    #[test]
    fn unicode_operators_and_spans() {
        let lexed = lex("A ≠ 0").unwrap();
        assert_eq!(lexed[1], (Tok::Ne, 2..5));
        assert_eq!(lexed[2], (Tok::Num(0.0), 6..7));
    }

    #[test]
    fn bad_characters_are_located() {
        let err = lex("A = 1 # 2").unwrap_err();
        assert_eq!(err.span, 6..7);
        assert!(err.message.contains('#'));
        assert_eq!(lex("\"abc").unwrap_err().span, 0..4);
    }
}
