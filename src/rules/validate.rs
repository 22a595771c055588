//! Whether one answer fits its question, and how choosing an option changes a multiple choice:
//! the answer alone, without the rest of the response.

use super::Invalid;
use crate::questionnaire::AnswerType;
use crate::response::Value;

/// Whether an answer fits its question; the first problem found.
pub fn validate(answer_type: &AnswerType, value: &Value) -> Option<Invalid> {
    match (answer_type, value) {
        (AnswerType::Single(choices), Value::Choice(c)) => {
            (!choices.iter().any(|o| o.code == *c)).then_some(Invalid::NotAnOption(*c))
        }
        (AnswerType::Multi(choices), Value::Choices(codes)) => {
            if let Some(&bad) = codes
                .iter()
                .find(|c| !choices.iter().any(|o| o.code == **c))
            {
                return Some(Invalid::NotAnOption(bad));
            }
            if codes.len() > 1 {
                let exclusive = choices
                    .iter()
                    .find(|o| o.exclusive && codes.contains(&o.code));
                return exclusive.map(|o| Invalid::ExclusiveWithOthers(o.code));
            }
            None
        }
        (AnswerType::Integer(b) | AnswerType::Number(b), Value::NotAvailable) => {
            (!b.not_available).then_some(Invalid::NotAvailableNotAllowed)
        }
        (AnswerType::Integer(b) | AnswerType::Number(b), Value::NotApplicable) => {
            (!b.not_applicable).then_some(Invalid::NotApplicableNotAllowed)
        }
        (AnswerType::Integer(b) | AnswerType::Number(b), Value::Number(n)) => {
            if matches!(answer_type, AnswerType::Integer(_)) && n.fract() != 0.0 {
                Some(Invalid::NotWhole)
            } else if let Some(min) = b.min.filter(|m| n < m) {
                Some(Invalid::BelowMin(min))
            } else {
                b.max.filter(|m| n > m).map(Invalid::AboveMax)
            }
        }
        (AnswerType::Text { max_length, .. }, Value::Text(t)) => max_length
            .filter(|&m| t.chars().count() > m)
            .map(Invalid::TooLong),
        (AnswerType::Urls { max_items }, Value::Urls(urls)) => {
            if let Some(m) = max_items.filter(|&m| urls.len() > m) {
                return Some(Invalid::TooManyItems(m));
            }
            urls.iter()
                .find(|u| !is_web_address(u))
                .map(|u| Invalid::NotAnAddress(u.clone()))
        }
        _ => Some(Invalid::WrongType),
    }
}

fn is_web_address(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        host.contains('.') && !host.starts_with('.') && !r.chars().any(char::is_whitespace)
    })
}

/// The new answer of a multiple choice after toggling `code`: choosing an exclusive option
/// clears the others, choosing another clears the exclusive ones.
pub fn toggle_option(answer_type: &AnswerType, current: Option<&Value>, code: i64) -> Value {
    let choices = answer_type.choices();
    let mut codes = match current {
        Some(Value::Choices(c)) => c.clone(),
        _ => Vec::new(),
    };
    if let Some(pos) = codes.iter().position(|&c| c == code) {
        codes.remove(pos);
        return Value::Choices(codes);
    }
    let exclusive = |c: i64| choices.iter().any(|o| o.code == c && o.exclusive);
    if exclusive(code) {
        codes.clear();
    } else {
        codes.retain(|&c| !exclusive(c));
    }
    codes.push(code);
    codes.sort_unstable();
    Value::Choices(codes)
}
