//! The last pass: the order items are evaluated in, and the items no answers can show.

use super::Builder;
use crate::questionnaire::{Questionnaire, reach};

impl Builder<'_> {
    /// Establishes the order items are evaluated in, each after the items its visibility
    /// depends on, refusing a show_if cycle; then reports every item no answers can show.
    /// Only for a questionnaire without other problems: it follows the compiled conditions.
    pub(super) fn order(&mut self, mut questionnaire: Questionnaire) -> Option<Questionnaire> {
        match reach::evaluation_order(&questionnaire) {
            Ok(order) => questionnaire.order = order,
            Err(cycle) => {
                let first = cycle[0];
                let path = cycle
                    .iter()
                    .chain(std::iter::once(&first))
                    .map(|&i| questionnaire.items[i].code.as_str())
                    .collect::<Vec<_>>()
                    .join(" → ");
                self.error(
                    self.code_spans[first].clone(),
                    format!("show_if cycle: {path}; a question cannot depend on itself"),
                );
                return None;
            }
        }
        for item in reach::unreachable(&questionnaire) {
            let q = questionnaire.question_of(item);
            let code = &questionnaire.items[item].code;
            self.error(
                self.code_spans[item].clone(),
                format!(
                    "`{code}` can never be shown: no combination of answers makes its show_if conditions true{}",
                    if q.code == *code { String::new() } else { format!(" (in {})", q.code) }
                ),
            );
        }
        Some(questionnaire)
    }
}
