//! The results view: the e-index gauge with its level, theme bars coloured by level, a theme's
//! breakdown with where the points went and how to reach the next level, and the cohort: its
//! levels, the aggregate e-index beside the median, the segments, the sectors.

use crate::exchange::InstitutionKind;
use crate::i18n::T;
use crate::results::YearCohort;
use crate::scoring::aggregate::{Aggregate, Group};
use crate::scoring::cohort::{self, Measure};
use crate::scoring::{self, Item};
use crate::tui::model::App;
use crate::tui::model::results::{ResultsView, Tab};
use crate::tui::style::Palette;
use crate::tui::view::widgets::{fit, wrap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph, Wrap};

/// One decimal, with the decimal comma in Latvian.
fn one(app: &App, v: f64) -> String {
    crate::i18n::decimal(app.opts.lang, v, 1)
}

/// Two decimals: the aggregate e-index, as the seed gives it (44,55).
fn two(app: &App, v: f64) -> String {
    crate::i18n::decimal(app.opts.lang, v, 2)
}

/// The colour of a maturity level; without colour, levels read by their number.
fn level_style(palette: Palette, level: u8) -> Style {
    if !palette.color {
        return Style::new().add_modifier(Modifier::BOLD);
    }
    Style::new().fg(match level {
        1 => Color::Red,
        2 => Color::Yellow,
        3 => Color::Cyan,
        4 => Color::Green,
        _ => Color::LightGreen,
    })
}

/// "██████░░░░" at `width` cells for 0–100.
fn bar(value: f64, width: usize) -> String {
    let filled = ((value / 100.0) * width as f64)
        .round()
        .clamp(0.0, width as f64) as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

pub fn draw(frame: &mut Frame, app: &App, view: &ResultsView, area: Rect, palette: Palette) {
    let [header, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let entry = view.entry();
    let mut title = vec![Span::styled(
        format!(
            " {} · {} · {} {}",
            app.tr(T::AppTitle),
            app.tr(T::Results),
            entry.institution,
            entry.year
        ),
        palette.title(),
    )];
    if entry.demo {
        title.push(Span::styled(
            format!("  [{}]", app.tr(T::Demo)),
            palette.warning(),
        ));
    }
    if let Some(other) = view.compare {
        title.push(Span::styled(
            format!(
                "  · {} {}",
                app.tr(T::Compare),
                view.results.entries[other].institution
            ),
            palette.muted(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(title)), header);
    match view.tab {
        Tab::Overview => overview(frame, app, view, body, palette),
        Tab::Theme(t) => theme_detail(frame, app, view, t, body, palette),
        Tab::Cohort => cohort_view(frame, app, view, body, palette),
    }
}

fn overview(frame: &mut Frame, app: &App, view: &ResultsView, area: Rect, palette: Palette) {
    let model = &view.scorer().model;
    let entry = view.entry();
    let score = &entry.score;
    let cohort = view.results.year(entry.year);
    let aggregate = aggregate_line(app, &cohort);
    // The indicators take the rows their text needs, the themes the rest.
    let indicators = wrap(
        &indicator_text(app, view, &cohort),
        area.width.saturating_sub(2) as usize,
    );
    let indicator_rows = indicators.len() as u16;
    let [gauge_area, themes_area, indicators_area] = Layout::vertical([
        Constraint::Length(4 + u16::from(aggregate.is_some())),
        Constraint::Fill(1),
        Constraint::Length(indicator_rows.max(3) + 2),
    ])
    .areas(area);

    let block = crate::tui::view::widgets::titled(app.tr(T::EIndex), palette.title());
    let inner = block.inner(gauge_area);
    frame.render_widget(block, gauge_area);
    let [gauge_line, standing_line, aggregate_row] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    if let Some(text) = aggregate {
        frame.render_widget(
            Line::styled(fit(&text, aggregate_row.width as usize), palette.muted()),
            aggregate_row,
        );
    }
    let level_name = &model.levels[score.level as usize - 1];
    // The figure stands beside the bar, a space apart, never drawn over it.
    let label = format!(
        "{} · {}. {} — {level_name}",
        one(app, score.e_index),
        score.level,
        app.tr(T::Level)
    );
    let label_width = (label.chars().count() as u16).min(gauge_line.width / 2);
    let [bar_area, _, label_area] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(label_width),
    ])
    .areas(gauge_line);
    frame.render_widget(
        Line::styled(
            bar(score.e_index, bar_area.width as usize),
            level_style(palette, score.level),
        ),
        bar_area,
    );
    frame.render_widget(
        Line::styled(
            fit(&label, label_width as usize),
            level_style(palette, score.level),
        ),
        label_area,
    );
    let mut standing = Vec::new();
    if let Some(s) = cohort::standing(&view.results.entries, view.current, Measure::EIndex) {
        standing.push(format!("{} {}/{}", app.tr(T::Rank), s.rank, s.of));
        standing.push(format!(
            "{} {}",
            app.tr(T::Percentile),
            s.percentile.round()
        ));
    }
    let all: Vec<f64> = view
        .results
        .entries
        .iter()
        .map(|e| e.score.e_index)
        .collect();
    if let Some(m) = cohort::median(all) {
        standing.push(format!("{} {}", app.tr(T::Median), one(app, m)));
    }
    if score.bonus > 0.0 {
        standing.push(format!("{} +{}", app.tr(T::Bonus), one(app, score.bonus)));
    }
    if let Some(other) = view.compare {
        let o = &view.results.entries[other].score;
        standing.push(format!(
            "{} {} ({})",
            app.tr(T::Compare),
            one(app, o.e_index),
            o.level
        ));
    }
    frame.render_widget(
        Paragraph::new(Line::styled(standing.join(" · "), palette.muted())),
        standing_line,
    );

    let themes_title = match view.compare {
        Some(other) => format!(
            "{} · │ = {}",
            app.tr(T::Themes),
            view.results.entries[other].institution
        ),
        None => app.tr(T::Themes).to_owned(),
    };
    let block = crate::tui::view::widgets::titled(&themes_title, palette.title());
    let inner = block.inner(themes_area);
    let width = inner.width as usize;
    let compare_width = if view.compare.is_some() { 8 } else { 0 };
    let title_width = (width / 3).clamp(14, 40);
    let bar_width = width
        .saturating_sub(title_width + 6 + 7 + 16 + compare_width)
        .max(5);
    let items: Vec<ListItem> = model
        .themes
        .iter()
        .zip(&score.themes)
        .enumerate()
        .map(|(t, (def, s))| {
            let mut spans = vec![Span::raw(fit(&def.title, title_width))];
            if s.applicable {
                spans.push(Span::styled(
                    format!(" {:>3}% ", s.weight_used.round()),
                    palette.muted(),
                ));
                spans.push(Span::styled(
                    bar(s.index, bar_width),
                    level_style(palette, s.level),
                ));
                spans.push(Span::raw(format!(" {:>5}", one(app, s.index))));
                spans.push(Span::styled(
                    format!(
                        " {} {}",
                        s.level,
                        fit(&model.levels[s.level as usize - 1], 12)
                    ),
                    level_style(palette, s.level),
                ));
            } else {
                spans.push(Span::styled(
                    format!("  — {}", app.tr(T::NotApplicable)),
                    palette.muted(),
                ));
            }
            if let Some(other) = view.compare {
                let o = &view.results.entries[other].score.themes[t];
                let text = if o.applicable {
                    one(app, o.index)
                } else {
                    "—".to_owned()
                };
                spans.push(Span::styled(format!(" │{text:>6}"), palette.muted()));
            }
            ListItem::new(Line::from(spans))
        })
        .collect();
    crate::tui::view::widgets::selectable(
        frame,
        items,
        Some(block),
        view.cursor,
        palette.selected(),
        themes_area,
    );

    let block = crate::tui::view::widgets::titled(app.tr(T::Indicators), palette.title());
    let inner = block.inner(indicators_area);
    frame.render_widget(block, indicators_area);
    frame.render_widget(Paragraph::new(indicators.join("\n")), inner);
}

/// The aggregate e-index of the shown entry's year: all, ministries, institutions; `None`
/// when the model weighs by nothing.
fn aggregate_line(app: &App, cohort: &YearCohort) -> Option<String> {
    let value = |group: Group| {
        cohort
            .group(&group)
            .and_then(|a| a.e_index)
            .map_or_else(|| "—".to_owned(), |v| two(app, v))
    };
    cohort.group(&Group::All)?;
    Some(format!(
        "{} {} · {} {} · {} {}",
        app.tr(T::AggregateIndex),
        value(Group::All),
        app.tr(T::Ministries),
        value(Group::Kind(InstitutionKind::Ministry)),
        app.tr(T::Institutions),
        value(Group::Kind(InstitutionKind::Institution)),
    ))
}

/// The entry's indicators, each with its quintile where it cuts the cohort into segments.
fn indicator_text(app: &App, view: &ResultsView, cohort: &YearCohort) -> String {
    let model = &view.scorer().model;
    let score = &view.entry().score;
    let position = cohort.members.iter().position(|&m| m == view.current);
    let text: Vec<String> = model
        .indicators
        .iter()
        .zip(&score.indicators)
        .enumerate()
        .map(|(n, (i, v))| {
            // Counts read as whole numbers with thousands apart, shares with one decimal.
            let value = v.map_or_else(
                || "—".to_owned(),
                |v| {
                    if v.fract() == 0.0 {
                        crate::i18n::figure(app.opts.lang, v)
                    } else {
                        one(app, v)
                    }
                },
            );
            let unit = match (&i.unit, v) {
                (Some(u), Some(_)) => format!(" {u}"),
                _ => String::new(),
            };
            let quintile = model
                .segments
                .iter()
                .position(|&s| s == n)
                .and_then(|s| cohort.segments[s].of[position?])
                .map(|q| format!(" ({q}. {})", app.tr(T::Quintile)))
                .unwrap_or_default();
            format!("{}: {value}{unit}{quintile}", i.label)
        })
        .collect();
    text.join(" · ")
}

fn theme_detail(
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
    let rank = cohort::standing(&view.results.entries, view.current, Measure::Theme(t))
        .map(|r| {
            format!(
                " · {} {}/{} · {} {}",
                app.tr(T::Rank),
                r.rank,
                r.of,
                app.tr(T::Percentile),
                r.percentile.round()
            )
        })
        .unwrap_or_default();
    let title = format!(
        "{} — {} · {}. {}",
        def.title,
        one(app, s.index),
        s.level,
        model.levels[s.level as usize - 1]
    );
    let block = crate::tui::view::widgets::titled(&title, level_style(palette, s.level));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = vec![Line::styled(
        rank.trim_start_matches(" · ").to_owned(),
        palette.muted(),
    )];
    if !s.applicable {
        lines.push(Line::styled(app.tr(T::NotApplicable), palette.muted()));
    }
    for (sub, ss) in def.subthemes.iter().zip(&s.subthemes) {
        let share = if ss.max > 0.0 {
            100.0 * ss.points / ss.max
        } else {
            0.0
        };
        lines.push(Line::from(vec![
            Span::raw(fit(&sub.title, (width / 2).max(10))),
            Span::styled(
                format!(" {} ", bar(share, 12)),
                level_style(palette, scoring::level(share, &def.thresholds)),
            ),
            Span::raw(format!(
                "{}/{} {}",
                one(app, ss.points),
                one(app, ss.max),
                app.tr(T::Points)
            )),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::styled(app.tr(T::LostPoints), palette.title()));
    for (sub, item, lost) in scoring::losses(score, t).into_iter().take(6) {
        let it = &def.subthemes[sub].items[item];
        let text = match it {
            Item::Question { item, .. } => {
                format!("{} {}", q.items[*item].code, q.question_of(*item).text)
            }
            Item::Value(v) => v.label.clone(),
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("  −{} {} ", one(app, lost), app.tr(T::Points)),
                palette.error(),
            ),
            Span::raw(fit(&text, width.saturating_sub(14)).trim_end().to_owned()),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        format!("{} ({}.)", app.tr(T::NextLevel), (s.level + 1).min(5)),
        palette.title(),
    ));
    if s.level >= 5 {
        lines.push(Line::from(app.tr(T::TopLevel)));
    } else {
        for advice in def.advice.iter().filter(|a| a.to.contains(&(s.level + 1))) {
            lines.extend(advice.text.lines().map(|l| Line::from(l.to_owned())));
        }
        if view.suggestions.is_empty() {
            lines.push(Line::styled(app.tr(T::NoSuggestions), palette.muted()));
        }
        for suggestion in &view.suggestions {
            let item = &q.items[suggestion.item];
            let label = item
                .answer
                .choices()
                .iter()
                .find(|c| c.code == suggestion.option)
                .map_or_else(String::new, |c| c.label.clone());
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  +{} {} ", one(app, suggestion.gain), app.tr(T::Points)),
                    palette.ok(),
                ),
                Span::styled(format!("{} ", item.code), palette.code()),
                Span::styled(
                    match item.roster {
                        Some(r) if suggestion.instances > 0 => {
                            format!(
                                "({}× {}) ",
                                suggestion.instances,
                                q.rosters[r].title.to_lowercase()
                            )
                        }
                        _ => String::new(),
                    },
                    palette.muted(),
                ),
                Span::raw(format!("→ «{label}»")),
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
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

fn cohort_view(frame: &mut Frame, app: &App, view: &ResultsView, area: Rect, palette: Palette) {
    let entries = &view.results.entries;
    let model = &view.scorer().model;
    // The segment table on the right needs 42 columns; the list takes the rest.
    let right_width = (area.width * 45 / 100).max(42).min(area.width);
    let [left, right] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_width)]).areas(area);
    let block = crate::tui::view::widgets::titled(app.tr(T::Cohort), palette.title());
    let width = block.inner(left).width as usize;
    let items: Vec<ListItem> = view
        .ranking()
        .iter()
        .enumerate()
        .map(|(rank, &e)| {
            let entry = &entries[e];
            let marker = if e == view.current {
                "▶"
            } else if Some(e) == view.compare {
                "◆"
            } else {
                " "
            };
            let score = &entry.score;
            ListItem::new(Line::from(vec![
                Span::raw(format!("{marker}{:>3}. ", rank + 1)),
                // "▶  1. " before the name, " 72,2 3" after it.
                Span::raw(fit(&entry.institution, width.saturating_sub(14))),
                Span::styled(
                    format!(" {:>5}", one(app, score.e_index)),
                    level_style(palette, score.level),
                ),
                Span::styled(
                    format!(" {}", score.level),
                    level_style(palette, score.level),
                ),
            ]))
        })
        .collect();
    crate::tui::view::widgets::selectable(
        frame,
        items,
        Some(block),
        view.cursor,
        palette.selected(),
        left,
    );

    let block = crate::tui::view::widgets::titled(app.tr(T::LevelDistribution), palette.title());
    let inner = block.inner(right);
    frame.render_widget(block, right);
    let width = inner.width as usize;
    let mut lines = Vec::new();
    let counts = cohort::levels(entries, Measure::EIndex);
    let most = counts.iter().copied().max().unwrap_or(1).max(1);
    let bar_width = width.saturating_sub(22).max(4);
    for (l, &n) in counts.iter().enumerate() {
        let filled = n * bar_width / most;
        lines.push(Line::from(vec![
            Span::raw(format!("{} {:<11}", l + 1, fit(&model.levels[l], 11))),
            Span::styled("█".repeat(filled), level_style(palette, l as u8 + 1)),
            Span::raw(format!(" {n}")),
        ]));
    }
    lines.extend(cohort_tables(app, view, width, palette));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// The tables of the shown entry's year: the aggregate e-index by kind, the segments, the
/// sectors.
fn cohort_tables(
    app: &App,
    view: &ResultsView,
    width: usize,
    palette: Palette,
) -> Vec<Line<'static>> {
    let entries = &view.results.entries;
    let model = &view.scorer().model;
    let mut lines = Vec::new();
    let cohort = view.results.year(view.entry().year);
    // Each group's median beside its aggregate: two different figures, side by side.
    let group_header = [T::Count, T::Median, T::Weighted].map(|t| app.tr(t));
    let group_row = |name: String, a: &Aggregate| {
        let value =
            |v: Option<f64>, f: fn(&App, f64) -> String| v.map_or("—".into(), |v| f(app, v));
        (
            name,
            vec![
                a.count.to_string(),
                value(a.median, one),
                value(a.e_index, two),
            ],
        )
    };
    if !cohort.groups.is_empty() {
        let kinds: Vec<(String, Vec<String>)> = [
            (T::AllInstitutions, Group::All),
            (T::Ministries, Group::Kind(InstitutionKind::Ministry)),
            (T::Institutions, Group::Kind(InstitutionKind::Institution)),
        ]
        .into_iter()
        .filter_map(|(t, g)| Some(group_row(app.tr(t).to_owned(), cohort.group(&g)?)))
        .collect();
        lines.push(Line::default());
        lines.push(Line::styled(app.tr(T::AggregateIndex), palette.title()));
        lines.extend(table(&group_header, kinds, width, palette));
    }
    if !model.segments.is_empty() {
        // Entries without the figure are in no quintile: counted apart, where there are any.
        let any_without = cohort.segments.iter().any(|s| s.without > 0);
        let rows: Vec<(String, Vec<String>)> = model
            .segments
            .iter()
            .zip(&cohort.segments)
            .map(|(&i, s)| {
                let medians = s
                    .quintiles
                    .iter()
                    .map(|q| q.median.map_or_else(|| "—".to_owned(), |m| one(app, m)));
                let without = any_without.then(|| s.without.to_string());
                (
                    model.indicators[i].short.clone(),
                    medians.chain(without).collect(),
                )
            })
            .collect();
        let mut header = vec!["1.", "2.", "3.", "4.", "5."];
        if any_without {
            header.push(app.tr(T::Without));
        }
        lines.push(Line::default());
        lines.push(Line::styled(app.tr(T::Segments), palette.title()));
        lines.extend(table(&header, rows, width, palette));
        if any_without {
            lines.push(Line::styled(app.tr(T::WithoutFigure), palette.muted()));
        }
    }
    let mut sectors: Vec<(&str, &Aggregate)> = cohort
        .groups
        .iter()
        .filter_map(|(g, a)| match g {
            Group::Sector(name) => Some((name.as_str(), a)),
            _ => None,
        })
        .collect();
    sectors.sort_by(|a, b| {
        let e = |a: &Aggregate| a.e_index.unwrap_or(f64::NEG_INFINITY);
        e(b.1)
            .total_cmp(&e(a.1))
            .then(crate::i18n::compare_lv(a.0, b.0))
    });
    if !sectors.is_empty() {
        let rows = sectors
            .into_iter()
            .map(|(name, a)| group_row(name.to_owned(), a))
            .collect();
        lines.push(Line::default());
        lines.push(Line::styled(app.tr(T::BySector), palette.title()));
        lines.extend(table(&group_header, rows, width, palette));
        let unknown = cohort
            .members
            .iter()
            .filter(|&&m| entries[m].sector.is_none())
            .count();
        if unknown > 0 {
            lines.push(Line::styled(
                format!("{}: {unknown}", app.tr(T::SectorUnknown)),
                palette.muted(),
            ));
        }
    }
    lines
}

/// A table in `width` cells: a muted header row, then each row's name, cut with an ellipsis
/// to what the figures leave, and its figures, right-aligned under their headers.
fn table(
    header: &[&str],
    rows: Vec<(String, Vec<String>)>,
    width: usize,
    palette: Palette,
) -> Vec<Line<'static>> {
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            rows.iter()
                .map(|(_, cells)| cells[c].chars().count())
                .chain([header[c].chars().count()])
                .max()
                .unwrap_or(0)
                + 1
        })
        .collect();
    let name_width = width.saturating_sub(widths.iter().sum());
    let line = |name: &str, cells: Vec<String>| {
        let figures: String = cells
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell:>w$}"))
            .collect();
        format!("{}{figures}", fit(name, name_width))
    };
    let head = line("", header.iter().map(|h| (*h).to_owned()).collect());
    std::iter::once(Line::styled(head, palette.muted()))
        .chain(
            rows.into_iter()
                .map(|(name, cells)| Line::from(line(&name, cells))),
        )
        .collect()
}
