//! From a scoring TOML file to a checked [`Model`] of one questionnaire, or every problem found.

use super::{Advice, Indicator, Item, LevelText, Model, NotApplicable, Subtheme, Theme, Valued};
use crate::diag::{Diagnostic, SourceMap};
use crate::expr::{self, Expr, ExprError, compile, compile_condition};
use crate::questionnaire::{AnswerType, Questionnaire};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModel {
    questionnaire: Spanned<String>,
    note: Option<String>,
    levels: Spanned<Vec<String>>,
    thresholds: Spanned<Vec<f64>>,
    themes: Vec<RawTheme>,
    bonus: Option<RawValued>,
    #[serde(default)]
    indicators: Vec<RawIndicator>,
    aggregate: Option<RawAggregate>,
    segments: Option<RawSegments>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    id: Spanned<String>,
    title: String,
    weight: Spanned<f64>,
    cap: Option<f64>,
    thresholds: Spanned<Vec<f64>>,
    not_applicable_if: Option<Spanned<String>>,
    when_not_applicable: Option<Spanned<String>>,
    subthemes: Vec<RawSubtheme>,
    #[serde(default)]
    levels: Vec<RawLevel>,
    #[serde(default)]
    advice: Vec<RawAdvice>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSubtheme {
    id: Spanned<String>,
    title: String,
    cap: Spanned<f64>,
    #[serde(default)]
    items: Vec<RawItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    code: Option<Spanned<String>>,
    points: Option<Spanned<BTreeMap<String, f64>>>,
    name: Option<String>,
    label: Option<String>,
    value: Option<Spanned<String>>,
    max: Option<Spanned<f64>>,
    applies_if: Option<Spanned<String>>,
    roster: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    level: Spanned<u8>,
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAdvice {
    to: Spanned<Vec<u8>>,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawValued {
    label: String,
    value: Spanned<String>,
    max: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: Spanned<String>,
    label: String,
    value: Spanned<String>,
    unit: Option<String>,
    short: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAggregate {
    weigh_by: Spanned<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSegments {
    quintiles_of: Spanned<Vec<Spanned<String>>>,
}

/// Load and lint a scoring model for `q`, collecting every problem.
pub fn load(file: &str, text: &str, q: &Questionnaire) -> Result<Model, Vec<Diagnostic>> {
    let map = SourceMap::new(file, text);
    let raw: RawModel = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let message = e.message().trim().to_owned();
            return Err(vec![match e.span() {
                Some(span) => map.at(span, message),
                None => Diagnostic::whole_file(file, message),
            }]);
        }
    };
    let mut linter = Linter {
        map: &map,
        q,
        problems: Vec::new(),
    };
    let model = linter.model(raw);
    let mut problems = linter.problems;
    problems.sort_by_key(|d| (d.line, d.col));
    if problems.is_empty() {
        Ok(model)
    } else {
        Err(problems)
    }
}

struct Linter<'a> {
    map: &'a SourceMap<'a>,
    q: &'a Questionnaire,
    problems: Vec<Diagnostic>,
}

impl Linter<'_> {
    fn error(&mut self, span: std::ops::Range<usize>, message: impl Into<String>) {
        self.problems.push(self.map.at(span, message));
    }

    fn expr_error(&mut self, src: &Spanned<String>, e: ExprError) {
        let span = src.span();
        let d = match self.map.string_content_start(&span, src.get_ref()) {
            Some(start) => self
                .map
                .at(start + e.span.start..start + e.span.end, e.message),
            None => self.map.at(span, e.message),
        };
        self.problems.push(d);
    }

    fn compile(&mut self, src: &Spanned<String>, condition: bool) -> Option<Expr> {
        self.compile_in(src, condition, None)
    }

    /// Compile `src`, read inside an instance of `roster` if given.
    fn compile_in(
        &mut self,
        src: &Spanned<String>,
        condition: bool,
        roster: Option<crate::expr::RosterId>,
    ) -> Option<Expr> {
        let text = src.get_ref();
        let result = expr::parse(text).and_then(|ast| {
            if condition {
                compile_condition(text, &ast, self.q, roster)
            } else {
                compile(text, &ast, self.q, roster)
            }
        });
        match result {
            Ok(e) => Some(e),
            Err(e) => {
                self.expr_error(src, e);
                None
            }
        }
    }

    fn thresholds(&mut self, raw: &Spanned<Vec<f64>>) -> [f64; 4] {
        let t = raw.get_ref();
        let ok = t.len() == 4
            && t.windows(2).all(|w| w[0] < w[1])
            && t.iter().all(|v| (0.0..=100.0).contains(v));
        if !ok {
            self.error(
                raw.span(),
                "thresholds must be four ascending numbers within 0–100 (the starts of levels 2–5)",
            );
            return [20.0, 40.0, 60.0, 80.0];
        }
        [t[0], t[1], t[2], t[3]]
    }

    fn model(&mut self, raw: RawModel) -> Model {
        if raw.questionnaire.get_ref() != &self.q.id {
            self.error(
                raw.questionnaire.span(),
                format!(
                    "this model scores `{}`, but the questionnaire is `{}`",
                    raw.questionnaire.get_ref(),
                    self.q.id
                ),
            );
        }
        if raw.levels.get_ref().len() != 5 {
            self.error(
                raw.levels.span(),
                "levels must name the five maturity levels",
            );
        }
        let thresholds = self.thresholds(&raw.thresholds);
        let total: f64 = raw.themes.iter().map(|t| *t.weight.get_ref()).sum();
        if (total - 100.0).abs() > 1e-9 {
            let span = raw.themes.first().map_or(0..0, |t| t.weight.span());
            self.error(span, format!("theme weights sum to {total}, not 100"));
        }
        let themes = raw.themes.iter().map(|t| self.theme(t)).collect();
        let bonus = raw.bonus.as_ref().and_then(|b| {
            Some(Valued {
                label: b.label.clone(),
                value: self.compile(&b.value, false)?,
                max: b.max,
                roster: None,
            })
        });
        let indicators: Vec<Indicator> = raw
            .indicators
            .iter()
            .filter_map(|i| {
                Some(Indicator {
                    id: i.id.get_ref().clone(),
                    label: i.label.clone(),
                    value: self.compile(&i.value, false)?,
                    unit: i.unit.clone(),
                    short: i.short.clone().unwrap_or_else(|| i.label.clone()),
                })
            })
            .collect();
        self.unique_ids(&raw.indicators);
        let weigh_by = raw.aggregate.as_ref().map_or_else(Vec::new, |a| {
            self.indicator_list(&a.weigh_by, &raw.indicators, &indicators)
        });
        let segments = raw.segments.as_ref().map_or_else(Vec::new, |s| {
            self.indicator_list(&s.quintiles_of, &raw.indicators, &indicators)
        });
        Model {
            questionnaire: raw.questionnaire.into_inner(),
            note: raw.note,
            levels: raw.levels.into_inner(),
            thresholds,
            themes,
            bonus,
            indicators,
            weigh_by,
            segments,
        }
    }

    fn theme(&mut self, t: &RawTheme) -> Theme {
        let thresholds = self.thresholds(&t.thresholds);
        let not_applicable_if = t
            .not_applicable_if
            .as_ref()
            .and_then(|src| self.compile(src, true));
        let when_not_applicable = match t.when_not_applicable.as_ref() {
            None => NotApplicable::LeftOut,
            Some(w) => match w.get_ref().as_str() {
                "left_out" => NotApplicable::LeftOut,
                "zero" => NotApplicable::Zero,
                other => {
                    self.error(
                        w.span(),
                        format!("when_not_applicable is `left_out` or `zero`, not `{other}`"),
                    );
                    NotApplicable::LeftOut
                }
            },
        };
        if t.when_not_applicable.is_some() && t.not_applicable_if.is_none() {
            let span = t.when_not_applicable.as_ref().map_or(0..0, |w| w.span());
            self.error(
                span,
                "when_not_applicable needs not_applicable_if: the theme is never not applicable",
            );
        }
        let subthemes = t.subthemes.iter().map(|s| self.subtheme(s)).collect();
        let mut levels = Vec::new();
        for l in &t.levels {
            if !(1..=5).contains(l.level.get_ref()) {
                self.error(l.level.span(), "levels are numbered 1 to 5");
            }
            levels.push(LevelText {
                level: *l.level.get_ref(),
                description: l.description.clone(),
            });
        }
        let mut advice = Vec::new();
        for a in &t.advice {
            if a.to.get_ref().iter().any(|l| !(2..=5).contains(l)) || a.to.get_ref().is_empty() {
                self.error(a.to.span(), "advice leads to levels 2 to 5");
            }
            advice.push(Advice {
                to: a.to.get_ref().clone(),
                text: a.text.clone(),
            });
        }
        Theme {
            id: t.id.get_ref().clone(),
            title: t.title.clone(),
            weight: *t.weight.get_ref(),
            cap: t.cap,
            thresholds,
            not_applicable_if,
            when_not_applicable,
            subthemes,
            levels,
            advice,
        }
    }

    fn subtheme(&mut self, s: &RawSubtheme) -> Subtheme {
        let mut items = Vec::new();
        let mut applies_if = Vec::new();
        for raw in &s.items {
            if let Some(item) = self.item(raw) {
                items.push(item);
                applies_if.push(raw.applies_if.as_ref().and_then(|c| self.compile(c, true)));
            }
        }
        let possible: f64 = items.iter().map(Item::max).sum();
        let cap = *s.cap.get_ref();
        if possible > cap + 1e-9 {
            self.error(
                s.cap.span(),
                format!(
                    "the items of sub-theme `{}` can score {possible} points, above its cap of {cap}",
                    s.id.get_ref()
                ),
            );
        }
        Subtheme {
            id: s.id.get_ref().clone(),
            title: s.title.clone(),
            cap,
            items,
            applies_if,
        }
    }

    fn item(&mut self, i: &RawItem) -> Option<Item> {
        match (&i.code, &i.value) {
            (Some(code), None) => {
                let Some(item) = self.q.item(code.get_ref()) else {
                    self.error(
                        code.span(),
                        format!("unknown question code `{}`", code.get_ref()),
                    );
                    return None;
                };
                let answer = &self.q.items[item].answer;
                if !matches!(answer, AnswerType::Single(_) | AnswerType::Multi(_)) {
                    self.error(
                        code.span(),
                        format!(
                            "`{}` is not a choice; score figures with `value`",
                            code.get_ref()
                        ),
                    );
                    return None;
                }
                let Some(points) = &i.points else {
                    self.error(code.span(), format!("`{}` needs `points`", code.get_ref()));
                    return None;
                };
                let mut table = Vec::new();
                for (key, &p) in points.get_ref() {
                    match key.parse::<i64>() {
                        Ok(option) if answer.choices().iter().any(|c| c.code == option) => {
                            table.push((option, p))
                        }
                        _ => self.error(
                            points.span(),
                            format!("`{key}` is not an option of {}", code.get_ref()),
                        ),
                    }
                    if !(0.0..=25.0).contains(&p) {
                        self.error(
                            points.span(),
                            format!("points are 0–25; option {key} has {p}"),
                        );
                    }
                }
                let natural = match answer {
                    AnswerType::Multi(_) => table.iter().map(|(_, p)| p.max(0.0)).sum(),
                    _ => table.iter().map(|(_, p)| *p).fold(0.0, f64::max),
                };
                let max = i.max.as_ref().map_or(natural, |m| m.get_ref().min(natural));
                Some(Item::Question {
                    item,
                    points: table,
                    max,
                })
            }
            (None, Some(value)) => {
                let Some(max) = &i.max else {
                    self.error(value.span(), "an item with `value` needs `max`");
                    return None;
                };
                let roster = match &i.roster {
                    None => None,
                    Some(r) => match self.q.roster(r.get_ref()) {
                        Some(id) => Some(id),
                        None => {
                            self.error(r.span(), format!("unknown roster `{}`", r.get_ref()));
                            return None;
                        }
                    },
                };
                let expr = self.compile_in(value, false, roster)?;
                Some(Item::Value(Valued {
                    label: i
                        .label
                        .clone()
                        .or_else(|| i.name.clone())
                        .unwrap_or_else(|| value.get_ref().clone()),
                    value: expr,
                    max: *max.get_ref(),
                    roster,
                }))
            }
            _ => {
                let span = i
                    .code
                    .as_ref()
                    .map(Spanned::span)
                    .or(i.value.as_ref().map(Spanned::span))
                    .unwrap_or(0..0);
                self.error(
                    span,
                    "an item has either `code` (with `points`) or `value` (with `max`)",
                );
                None
            }
        }
    }

    fn unique_ids(&mut self, raw: &[RawIndicator]) {
        for (n, i) in raw.iter().enumerate() {
            let id = i.id.get_ref();
            if raw[..n].iter().any(|other| other.id.get_ref() == id) {
                self.error(i.id.span(), format!("indicator `{id}` is defined twice"));
            }
        }
    }

    /// The indicators `ids` names, as indices into `indicators`; an id that is unknown or
    /// named twice is a problem, and so is an empty list.
    fn indicator_list(
        &mut self,
        ids: &Spanned<Vec<Spanned<String>>>,
        raw: &[RawIndicator],
        indicators: &[Indicator],
    ) -> Vec<usize> {
        if ids.get_ref().is_empty() {
            self.error(
                ids.span(),
                "name at least one indicator, or leave the table out",
            );
        }
        let mut out = Vec::new();
        for (n, id) in ids.get_ref().iter().enumerate() {
            let name = id.get_ref();
            if !raw.iter().any(|i| i.id.get_ref() == name) {
                let known: Vec<&str> = raw.iter().map(|i| i.id.get_ref().as_str()).collect();
                let message = format!(
                    "unknown indicator `{name}`; the [[indicators]] are: {}",
                    known.join(", ")
                );
                self.error(id.span(), message);
            } else if ids.get_ref()[..n]
                .iter()
                .any(|other| other.get_ref() == name)
            {
                self.error(id.span(), format!("indicator `{name}` is named twice"));
            } else if let Some(at) = indicators.iter().position(|i| &i.id == name) {
                // An indicator whose value did not compile is missing here; its problem is
                // already reported.
                out.push(at);
            }
        }
        out
    }
}
