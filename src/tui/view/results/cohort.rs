//! The leaders: the cohort sorted by the e-index or a theme, the top 15 marked, ministries
//! and the other institutions together or apart; beside them the distribution of levels and
//! the year's tables (the aggregate e-index by kind, the segments, the sectors).

use super::{kinds, level_style, one, two};
use crate::i18n::{Res, T};
use crate::scoring::aggregate::{Aggregate, Group};
use crate::scoring::cohort::{self, Measure};
use crate::tui::model::App;
use crate::tui::model::results::{LEADERS, ResultsView};
use crate::tui::style::Palette;
use crate::tui::view::widgets::{fit, titled};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph, Wrap};

/// What the leaders are sorted by, in words.
fn measure_name(view: &ResultsView, app: &App) -> String {
    match view.leaders {
        Measure::EIndex => app.tr(T::EIndex).to_owned(),
        Measure::Theme(t) => view.scorer().model.themes[t].title.clone(),
    }
}

pub(super) fn draw(frame: &mut Frame, app: &App, view: &ResultsView, area: Rect, palette: Palette) {
    let entries = &view.results.entries;
    let model = &view.scorer().model;
    // The segment table on the right needs 42 columns; the list takes the rest.
    // Below 70 columns the list alone: the tables would leave it no room for a name.
    let right_width = if area.width >= 70 {
        (area.width * 45 / 100).max(42)
    } else {
        0
    };
    let [left, right] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_width)]).areas(area);
    let group = match view.group {
        None => app.tr(T::AllInstitutions),
        Some(crate::exchange::InstitutionKind::Ministry) => app.tr(T::Ministries),
        Some(crate::exchange::InstitutionKind::Institution) => app.tr(T::Institutions),
    };
    let title = format!(
        "{} {}: {} · {group} · ★ {}",
        app.res(Res::Leaders),
        view.entry().year,
        measure_name(view, app),
        app.res(Res::TopFifteen)
    );
    let block = titled(
        &fit(&title, left.width.saturating_sub(4) as usize),
        palette.title(),
    );
    let width = block.inner(left).width as usize;
    let ranking = &view.ranking;
    let row = |rank: usize| {
        let e = ranking[rank];
        let entry = &entries[e];
        let marker = if e == view.current {
            "▶"
        } else if Some(e) == view.compare {
            "◆"
        } else {
            " "
        };
        let top = if rank < LEADERS { "★" } else { " " };
        let (value, level) = match (
            view.leaders.of(&entry.score),
            view.leaders.level(&entry.score),
        ) {
            (Some(v), Some(l)) => (one(app, v), Some(l)),
            _ => ("—".to_owned(), None),
        };
        let style = level.map_or(palette.muted(), |l| level_style(palette, l));
        ListItem::new(Line::from(vec![
            Span::raw(format!("{marker}{top}{:>3}. ", rank + 1)),
            // "▶★ 1. " before the name, " 72,2 3" after it.
            Span::raw(fit(&entry.institution, width.saturating_sub(15))),
            Span::styled(format!(" {value:>5}"), style),
            Span::styled(
                format!(
                    " {}",
                    level.map_or_else(|| " ".to_owned(), |l| l.to_string())
                ),
                style,
            ),
        ]))
    };
    crate::tui::view::widgets::selectable_rows(
        frame,
        ranking.len(),
        row,
        Some(block),
        view.cursor,
        palette.selected(),
        left,
    );

    if right_width == 0 {
        return;
    }
    let title = format!(
        "{} · {}",
        app.tr(T::LevelDistribution),
        measure_name(view, app)
    );
    let block = titled(
        &fit(&title, right.width.saturating_sub(4) as usize),
        palette.title(),
    );
    let inner = block.inner(right);
    frame.render_widget(block, right);
    let width = inner.width as usize;
    let mut lines = Vec::new();
    // Of the institutions listed: all, or the ministries or the other institutions alone.
    let counts = cohort::levels(ranking.iter().map(|&e| &entries[e]), view.leaders);
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
    let cohort = &view.cohort;
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
        let kinds: Vec<(String, Vec<String>)> = kinds()
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
