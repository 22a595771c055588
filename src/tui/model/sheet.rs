//! The answers of the submission being filled and what the rules make of them, kept together
//! so that they never disagree: the only way to change the answers is [`Sheet::change`], which
//! evaluates them again, once.

use crate::questionnaire::Questionnaire;
use crate::response::Response;
use crate::rules::{self, Evaluation};
use std::rc::Rc;

pub struct Sheet {
    q: Rc<Questionnaire>,
    response: Response,
    eval: Evaluation,
    shown: Vec<usize>,
}

impl Sheet {
    /// `shown` are the sections on screen (the respondent's part, plus the expert part for
    /// support staff): findings are kept for these only, so that a respondent is never asked
    /// for the part that support staff fill.
    pub fn new(q: Rc<Questionnaire>, response: Response, shown: Vec<usize>) -> Sheet {
        Sheet {
            eval: evaluate(&q, &response, &shown),
            q,
            response,
            shown,
        }
    }

    pub fn response(&self) -> &Response {
        &self.response
    }

    pub fn eval(&self) -> &Evaluation {
        &self.eval
    }

    /// The sections shown, as indices into the questionnaire's sections.
    pub fn shown(&self) -> &[usize] {
        &self.shown
    }

    /// Change the answers; what the rules make of them follows.
    pub fn change<R>(&mut self, change: impl FnOnce(&mut Response) -> R) -> R {
        let result = change(&mut self.response);
        self.eval = evaluate(&self.q, &self.response, &self.shown);
        result
    }
}

fn evaluate(q: &Questionnaire, response: &Response, shown: &[usize]) -> Evaluation {
    let mut eval = rules::evaluate(q, response);
    eval.findings
        .retain(|f| shown.contains(&f.location.section));
    eval
}
