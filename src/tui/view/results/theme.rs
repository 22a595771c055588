//! One theme: its sub-themes, where the points were lost, and the steps to its next level in
//! words — the question, the answer now, the answer to give, the points it brings.

use super::{bar, level_style, one};
use crate::i18n::{Res, T};
use crate::scoring::cohort::Measure;
use crate::scoring::{self, SubScore, Subtheme, Theme};
use crate::tui::model::App;
use crate::tui::model::results::{LOSSES_SHOWN, ResultsView};
use crate::tui::style::Palette;
use crate::tui::view::widgets::{fit, titled};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// A sub-theme's name, its bar coloured by the level its share would have, its points.
pub(super) fn subtheme_line(
    app: &App,
    def: &Theme,
    sub: &Subtheme,
    ss: &SubScore,
    width: usize,
    palette: Palette,
) -> Line<'static> {
    let share = ss.share();
    // The figures right-aligned in a column as wide as "100,0/100,0 p.", so that the bars
    // stand one under another.
    let figures = format!(
        "{}/{} {}",
        one(app, ss.points),
        one(app, ss.max),
        app.tr(T::Points)
    );
    let figures = format!("{figures:>14}");
    let name_width = width.saturating_sub(14 + 14).max(10);
    Line::from(vec![
        Span::raw(fit(&sub.title, name_width)),
        Span::styled(
            format!(" {} ", bar(share, 12)),
            level_style(palette, scoring::level(share, &def.thresholds)),
        ),
        Span::raw(figures),
    ])
}

pub(super) fn draw(
    frame: &mut Frame,
    app: &App,
    view: &ResultsView,
    t: usize,
    area: Rect,
    palette: Palette,
) {
    let scorer = view.scorer();
    let (model, q) = (&scorer.model, &scorer.q);
    let def = &model.themes[t];
    let score = &view.entry().score;
    let s = &score.themes[t];
    let title = format!(
        "{} — {} · {}. {}",
        def.title,
        one(app, s.index),
        s.level,
        model.levels[s.level as usize - 1]
    );
    let block = titled(&title, level_style(palette, s.level));
    let width = block.inner(area).width as usize;
    let mut lines: Vec<Line> = Vec::new();
    if let Some(r) = view.cohort.standing(view.entry(), Measure::Theme(t)) {
        lines.push(Line::styled(
            format!(
                "{} {}/{} · {} {}",
                app.tr(T::Rank),
                r.rank,
                r.of,
                app.tr(T::Percentile),
                r.percentile.round()
            ),
            palette.muted(),
        ));
    }
    if !s.applicable {
        lines.push(Line::styled(app.tr(T::NotApplicable), palette.muted()));
    }
    lines.extend(
        def.subthemes
            .iter()
            .zip(&s.subthemes)
            .map(|(sub, ss)| subtheme_line(app, def, sub, ss, width, palette)),
    );
    lines.push(Line::default());
    lines.push(Line::styled(app.tr(T::LostPoints), palette.title()));
    for (sub, item, lost) in scoring::losses(score, t).into_iter().take(LOSSES_SHOWN) {
        let text = def.subthemes[sub].items[item].words(q);
        lines.push(Line::from(vec![
            Span::styled(
                format!("  −{} {} ", one(app, lost), app.tr(T::Points)),
                palette.error(),
            ),
            // Whole, wrapped: the page scrolls.
            Span::raw(text),
        ]));
    }
    lines.push(Line::default());
    if s.level >= 5 {
        lines.push(Line::styled(app.tr(T::NextLevel), palette.title()));
        lines.push(Line::from(app.tr(T::TopLevel)));
    } else {
        lines.push(Line::styled(
            crate::i18n::towards_level(app.opts.lang, s.level + 1),
            palette.title(),
        ));
        for advice in def.advice.iter().filter(|a| a.to.contains(&(s.level + 1))) {
            lines.extend(advice.text.lines().map(|l| Line::from(l.to_owned())));
        }
        if view.steps.is_empty() {
            lines.push(Line::styled(app.tr(T::NoSuggestions), palette.muted()));
        }
        for step in &view.steps {
            let instances = step
                .instances
                .as_ref()
                .map(|(n, what)| format!(" ({n}× {what})"))
                .unwrap_or_default();
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  +{} {} ", one(app, step.gain), app.tr(T::Points)),
                    palette.ok(),
                ),
                Span::styled(format!("{} ", step.code), palette.code()),
                Span::raw(format!("{}{instances}", step.question)),
            ]));
            let now = if step.current.is_empty() {
                app.res(Res::NotAnsweredNow).to_owned()
            } else {
                format!("«{}»", step.current.join("», «"))
            };
            lines.push(Line::from(vec![
                Span::styled(format!("      {}: ", app.res(Res::Now)), palette.muted()),
                Span::raw(now),
                Span::styled(format!(" → {}: ", app.res(Res::Give)), palette.muted()),
                Span::styled(format!("«{}»", step.give), palette.ok()),
            ]));
        }
    }
    if let Some(text) = def.levels.iter().find(|l| l.level == s.level) {
        lines.push(Line::default());
        lines.push(Line::styled(
            format!(
                "{}. {} — {}",
                s.level,
                app.tr(T::Level),
                model.levels[s.level as usize - 1]
            ),
            palette.title(),
        ));
        lines.extend(
            text.description
                .lines()
                .map(|l| Line::styled(l.to_owned(), palette.muted())),
        );
    }
    super::scrolled(frame, app, lines, block, area, view.scroll, palette);
}
