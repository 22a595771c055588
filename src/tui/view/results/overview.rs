//! The overview: the e-index gauge with the level thresholds marked, the themes, the
//! indicators; on a large screen also the selected theme's sub-themes, the distribution of
//! levels, the institution's place and the e-index against the cohort's figures.

use super::{bar, large, level_colour, level_style, one, two};
use crate::i18n::{Res, T};
use crate::results::YearCohort;
use crate::scoring::aggregate::Group;
use crate::scoring::cohort::{self, Measure};
use crate::tui::model::App;
use crate::tui::model::results::ResultsView;
use crate::tui::style::Palette;
use crate::tui::view::widgets::{fit, titled, wrap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Chart, Dataset, GraphType, ListItem, Paragraph,
};

pub(super) fn draw(frame: &mut Frame, app: &App, view: &ResultsView, area: Rect, palette: Palette) {
    let cohort = &view.cohort;
    let indicators = wrap(
        &indicator_text(app, view, cohort),
        area.width.saturating_sub(2) as usize,
    );
    let indicator_rows = indicators.len() as u16;
    let themes = view.scorer().model.themes.len() as u16;
    if !large(area) {
        // The themes take what the gauge and the indicators leave.
        let [gauge_area, themes_area, indicators_area] = Layout::vertical([
            Constraint::Length(6),
            Constraint::Fill(1),
            Constraint::Length(indicator_rows.max(1) + 2),
        ])
        .areas(area);
        gauge(frame, app, view, cohort, gauge_area, palette);
        theme_list(frame, app, view, themes_area, palette);
        indicator_box(frame, app, &indicators, indicators_area, palette);
        return;
    }
    let [gauge_area, themes_area, middle, charts, indicators_area] = Layout::vertical([
        Constraint::Length(6),
        Constraint::Length(themes + 2),
        Constraint::Length(10),
        Constraint::Fill(1),
        Constraint::Length(indicator_rows + 2),
    ])
    .areas(area);
    gauge(frame, app, view, cohort, gauge_area, palette);
    theme_list(frame, app, view, themes_area, palette);
    let [subthemes_area, distribution_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(54)]).areas(middle);
    subthemes(frame, app, view, subthemes_area, palette);
    distribution(frame, app, view, distribution_area, palette);
    indicator_box(frame, app, &indicators, indicators_area, palette);
    scatters(frame, app, view, cohort, charts, palette);
}

/// The e-index bar with its figure beside it, the thresholds of levels 2–5 marked under it,
/// the standing and the aggregate e-index of the year.
fn gauge(
    frame: &mut Frame,
    app: &App,
    view: &ResultsView,
    cohort: &YearCohort,
    area: Rect,
    palette: Palette,
) {
    let model = &view.scorer().model;
    let score = &view.entry().score;
    let block = titled(app.tr(T::EIndex), palette.title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [gauge_line, marks_line, standing_line, aggregate_line] =
        Layout::vertical([Constraint::Length(1); 4]).areas(inner);
    if let Some(text) = aggregate(app, cohort) {
        frame.render_widget(
            Line::styled(fit(&text, aggregate_line.width as usize), palette.muted()),
            aggregate_line,
        );
    }
    let level_name = &model.levels[score.level as usize - 1];
    let label = format!(
        "{} · {}. {} — {level_name}",
        one(app, score.e_index),
        score.level,
        app.tr(T::Level)
    );
    let label_width = (label.chars().count() as u16).min(gauge_line.width / 2);
    // The figure stands a space apart from the bar, never drawn over it.
    let [bar_area, _, label_area] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(label_width),
    ])
    .areas(gauge_line);
    let style = level_style(palette, score.level);
    frame.render_widget(
        Line::styled(bar(score.e_index, bar_area.width as usize), style),
        bar_area,
    );
    frame.render_widget(
        Line::styled(fit(&label, label_width as usize), style),
        label_area,
    );
    frame.render_widget(
        Line::styled(
            marks(&model.thresholds, bar_area.width as usize),
            palette.muted(),
        ),
        marks_line,
    );
    let mut standing = Vec::new();
    if let Some(s) = cohort.standing(view.entry(), Measure::EIndex) {
        standing.push(format!("{} {}/{}", app.tr(T::Rank), s.rank, s.of));
        standing.push(format!(
            "{} {}",
            app.tr(T::Percentile),
            s.percentile.round()
        ));
    }
    let all: Vec<f64> = cohort
        .entries(&view.results)
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
        Line::styled(
            fit(&standing.join(" · "), standing_line.width as usize),
            palette.muted(),
        ),
        standing_line,
    );
}

/// "▲2" under the cell where each of levels 2–5 starts on a bar `width` cells long.
fn marks(thresholds: &[f64; 4], width: usize) -> String {
    let mut cells = vec![' '; width + 2];
    for (n, &t) in thresholds.iter().enumerate() {
        let at = ((t / 100.0) * width as f64).round() as usize;
        if at + 1 < cells.len() {
            cells[at] = '▲';
            cells[at + 1] = char::from(b'2' + n as u8);
        }
    }
    cells.into_iter().collect::<String>().trim_end().to_owned()
}

fn theme_list(frame: &mut Frame, app: &App, view: &ResultsView, area: Rect, palette: Palette) {
    let model = &view.scorer().model;
    let score = &view.entry().score;
    let themes_title = match view.compare {
        Some(other) => format!(
            "{} · │ = {}",
            app.tr(T::Themes),
            view.results.entries[other].institution
        ),
        None => app.tr(T::Themes).to_owned(),
    };
    let block = titled(&themes_title, palette.title());
    let width = block.inner(area).width as usize;
    let compare_width = if view.compare.is_some() { 8 } else { 0 };
    // Names as long as the screen allows, the bar at least 10 cells.
    let title_width = model
        .themes
        .iter()
        .map(|t| t.title.chars().count())
        .max()
        .unwrap_or(0)
        .min(width.saturating_sub(6 + 10 + 7 + 16 + compare_width))
        .max(12);
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
        area,
    );
}

/// The sub-themes of the theme under the cursor, each with its points of its cap.
fn subthemes(frame: &mut Frame, app: &App, view: &ResultsView, area: Rect, palette: Palette) {
    let model = &view.scorer().model;
    let t = view.cursor.min(model.themes.len() - 1);
    let def = &model.themes[t];
    let s = &view.entry().score.themes[t];
    let block = titled(&def.title, palette.title());
    let width = block.inner(area).width as usize;
    let lines: Vec<Line> = def
        .subthemes
        .iter()
        .zip(&s.subthemes)
        .map(|(sub, ss)| super::theme::subtheme_line(app, def, sub, ss, width, palette))
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// How many of the cohort are at each level of the e-index and of the theme under the cursor,
/// the institution's own level marked.
fn distribution(frame: &mut Frame, app: &App, view: &ResultsView, area: Rect, palette: Palette) {
    let model = &view.scorer().model;
    let t = view.cursor.min(model.themes.len() - 1);
    let score = &view.entry().score;
    let block = titled(app.tr(T::LevelDistribution), palette.title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let group = |measure: Measure, label: String, own: Option<u8>| {
        let counts = cohort::levels(view.cohort.entries(&view.results), measure);
        let bars: Vec<Bar> = counts
            .iter()
            .enumerate()
            .map(|(l, &n)| {
                let level = l as u8 + 1;
                let marker = if own == Some(level) { "▶" } else { "" };
                let style = if palette.color {
                    Style::new().fg(level_colour(level))
                } else {
                    Style::new()
                };
                Bar::default()
                    .value(n as u64)
                    .label(Line::from(format!("{marker}{level}")))
                    .style(style)
            })
            .collect();
        BarGroup::default()
            .label(Line::from(label))
            .bars(&bars)
            .clone()
    };
    // Two groups of five bars a cell apart, two cells between the groups.
    let bar_width = (inner.width.saturating_sub(2) / 10)
        .saturating_sub(1)
        .clamp(1, 6);
    let chart = BarChart::default()
        .data(group(
            Measure::EIndex,
            app.tr(T::EIndex).to_owned(),
            Some(score.level),
        ))
        .data(group(
            Measure::Theme(t),
            fit(&model.themes[t].title, (bar_width as usize + 1) * 5 - 1),
            Measure::Theme(t).level(score),
        ))
        .bar_width(bar_width)
        .bar_gap(1)
        .group_gap(2);
    frame.render_widget(chart, inner);
}

/// The e-index against each cut of the cohort that fits (the seed's slide 11): the others as
/// dots, this institution as a larger mark of its own.
fn scatters(
    frame: &mut Frame,
    app: &App,
    view: &ResultsView,
    cohort: &YearCohort,
    area: Rect,
    palette: Palette,
) {
    let model = &view.scorer().model;
    let fits = (area.width / 60).clamp(1, 2) as usize;
    let shown: Vec<usize> = model.segments.iter().copied().take(fits).collect();
    if shown.is_empty() || area.height < 8 {
        return;
    }
    let areas = Layout::horizontal(vec![Constraint::Fill(1); shown.len()]).split(area);
    for (&indicator, &chart_area) in shown.iter().zip(areas.iter()) {
        // Counts run from a handful to thousands: on a logarithmic axis the small ones,
        // most of the cohort, do not all fall onto its first column.
        let point = |e: usize| {
            let s = &view.results.entries[e].score;
            s.indicators[indicator].map(|x| (x.max(0.0).ln_1p(), s.e_index))
        };
        let others: Vec<(f64, f64)> = cohort
            .members
            .iter()
            .filter(|&&m| m != view.current)
            .filter_map(|&m| point(m))
            .collect();
        let own: Vec<(f64, f64)> = point(view.current).into_iter().collect();
        let x_max = others
            .iter()
            .chain(&own)
            .map(|p| p.0)
            .fold(1.0_f64.ln_1p(), f64::max);
        let figure = |x: f64| crate::i18n::figure(app.opts.lang, x.exp_m1().round());
        let label = &model.indicators[indicator].label;
        let title = format!(
            "{} {} (log.)",
            app.res(Res::AgainstIndicator),
            label.to_lowercase()
        );
        let highlight = if palette.color {
            Style::new().fg(ratatui::style::Color::LightMagenta)
        } else {
            palette.title()
        };
        let datasets = vec![
            Dataset::default()
                .name(app.res(Res::Others))
                .marker(Marker::Braille)
                .graph_type(GraphType::Scatter)
                .style(palette.muted())
                .data(&others),
            Dataset::default()
                .name(app.res(Res::ThisInstitution))
                .marker(Marker::Block)
                .graph_type(GraphType::Scatter)
                .style(highlight)
                .data(&own),
        ];
        let chart = Chart::new(datasets)
            .block(titled(&title, palette.title()))
            .x_axis(
                Axis::default()
                    .bounds([0.0, x_max])
                    .labels(["0".to_owned(), figure(x_max / 2.0), figure(x_max)])
                    .style(palette.muted()),
            )
            .y_axis(
                Axis::default()
                    .bounds([0.0, 100.0])
                    .labels(["0", "50", "100"])
                    .style(palette.muted()),
            );
        frame.render_widget(chart, chart_area);
    }
}

fn indicator_box(frame: &mut Frame, app: &App, lines: &[String], area: Rect, palette: Palette) {
    let block = titled(app.tr(T::Indicators), palette.title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines.join("\n")), inner);
}

/// The entry's indicators, each with its quintile where it cuts the cohort into segments.
fn indicator_text(app: &App, view: &ResultsView, cohort: &YearCohort) -> String {
    let model = &view.scorer().model;
    let score = &view.entry().score;
    let position = cohort.position(view.current);
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

/// The aggregate e-index of the shown entry's year: all, ministries, institutions; `None`
/// when the model weighs by nothing.
fn aggregate(app: &App, cohort: &YearCohort) -> Option<String> {
    cohort.group(&Group::All)?;
    let parts: Vec<String> = super::kinds()
        .into_iter()
        .map(|(t, g)| {
            let value = cohort
                .group(&g)
                .and_then(|a| a.e_index)
                .map_or_else(|| "—".to_owned(), |v| two(app, v));
            let name = if g == Group::All {
                app.tr(T::AggregateIndex)
            } else {
                app.tr(t)
            };
            format!("{name} {value}")
        })
        .collect();
    Some(parts.join(" · "))
}
