//! Two institutions side by side: per theme and sub-theme each one's figure, the difference
//! in points and in level, and the questions where their points differ most.

use super::{level_style, one};
use crate::i18n::{Res, T};
use crate::scoring::Score;
use crate::tui::model::App;
use crate::tui::model::results::ResultsView;
use crate::tui::style::Palette;
use crate::tui::view::widgets::{fit, titled};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// How many of the most differing questions are listed.
const DIFFERENCES_SHOWN: usize = 10;

pub(super) fn draw(frame: &mut Frame, app: &App, view: &ResultsView, area: Rect, palette: Palette) {
    let Some(other) = view.compare else {
        return;
    };
    let scorer = view.scorer();
    let (model, q) = (&scorer.model, &scorer.q);
    let (a, b) = (&view.entry().score, &view.results.entries[other].score);
    let names = [
        &view.entry().institution,
        &view.results.entries[other].institution,
    ];
    // Wide: the table beside the questions, whole; narrow: one above the other, the table
    // scrolled with PgDn.
    let [table_area, differ_area] = if area.width >= 120 {
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(50)]).areas(area)
    } else {
        Layout::vertical([Constraint::Fill(3), Constraint::Fill(2)]).areas(area)
    };

    let title = format!("{} ▶ {} · ◆ {}", app.tr(T::Compare), names[0], names[1]);
    let block = titled(
        &fit(&title, table_area.width.saturating_sub(4) as usize),
        palette.title(),
    );
    let width = block.inner(table_area).width as usize;
    // Each figure column: "100,0 5" then the difference "+100,0 +4".
    let name_width = width.saturating_sub(3 * 9 + 4);
    let head = format!(
        "{}{:>9}{:>9}{:>13}",
        " ".repeat(name_width),
        "▶",
        "◆",
        app.res(Res::Difference)
    );
    let mut lines = vec![Line::styled(head, palette.muted())];
    let row = |name: &str, x: (f64, u8), y: (f64, u8), indent: bool| {
        let diff = x.0 - y.0;
        let levels = i16::from(x.1) - i16::from(y.1);
        let level_diff = match levels {
            0 => " ".to_owned(),
            d if d > 0 => format!("+{d}"),
            d => format!("−{}", -d),
        };
        let name = if indent {
            format!("  {name}")
        } else {
            name.to_owned()
        };
        let diff_style = if diff >= 0.05 {
            palette.ok()
        } else if diff <= -0.05 {
            palette.error()
        } else {
            palette.muted()
        };
        Line::from(vec![
            Span::raw(fit(&name, name_width)),
            Span::styled(
                format!("{:>7} {}", one(app, x.0), x.1),
                level_style(palette, x.1),
            ),
            Span::styled(
                format!("{:>7} {}", one(app, y.0), y.1),
                level_style(palette, y.1),
            ),
            Span::styled(
                format!("{:>10} {level_diff:>2}", signed(app, diff)),
                diff_style,
            ),
        ])
    };
    lines.push(row(
        app.tr(T::EIndex),
        (a.e_index, a.level),
        (b.e_index, b.level),
        false,
    ));
    for (t, def) in model.themes.iter().enumerate() {
        let (Some(x), Some(y)) = (a.themes.get(t), b.themes.get(t)) else {
            continue;
        };
        lines.push(row(
            &def.title,
            (x.index, x.level),
            (y.index, y.level),
            false,
        ));
        for (s, sub) in def.subthemes.iter().enumerate() {
            let (Some(xs), Some(ys)) = (x.subthemes.get(s), y.subthemes.get(s)) else {
                continue;
            };
            let level = |v: f64| crate::scoring::level(v, &def.thresholds);
            lines.push(row(
                &sub.title,
                (xs.share(), level(xs.share())),
                (ys.share(), level(ys.share())),
                true,
            ));
        }
    }
    super::scrolled(frame, app, lines, block, table_area, view.scroll, palette);

    let block = titled(app.res(Res::DifferMost), palette.title());
    let width = block.inner(differ_area).width as usize;
    // Narrow: the question on a row of its own, its figures under it.
    let lines: Vec<Line> = differences(a, b)
        .into_iter()
        .take(DIFFERENCES_SHOWN)
        .flat_map(|(t, s, i, x, y)| {
            let words = model.themes[t].subthemes[s].items[i].words(q);
            let figures = format!(
                "{:>6} {:>6} {:>7}",
                one(app, x),
                one(app, y),
                signed(app, x - y)
            );
            let style = if x > y { palette.ok() } else { palette.error() };
            if width < 60 {
                vec![
                    Line::from(fit(&words, width)),
                    Line::styled(format!("{figures:>width$}"), style),
                ]
            } else {
                vec![Line::from(vec![
                    Span::raw(fit(&words, width.saturating_sub(22))),
                    Span::styled(format!(" {figures}"), style),
                ])]
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), differ_area);
}

/// A signed difference with one decimal: "+3,5", "−2,0", "0,0".
fn signed(app: &App, v: f64) -> String {
    let text = one(app, v.abs());
    if v >= 0.05 {
        format!("+{text}")
    } else if v <= -0.05 {
        format!("−{text}")
    } else {
        text
    }
}

/// Every scored item both were scored on, largest difference in points first: (theme,
/// sub-theme, item, points of the one shown, points of the other).
fn differences(a: &Score, b: &Score) -> Vec<(usize, usize, usize, f64, f64)> {
    let mut out = Vec::new();
    for (t, (x, y)) in a.themes.iter().zip(&b.themes).enumerate() {
        for (s, (xs, ys)) in x.subthemes.iter().zip(&y.subthemes).enumerate() {
            for (i, (xi, yi)) in xs.items.iter().zip(&ys.items).enumerate() {
                if (xi.applies || yi.applies) && (xi.points - yi.points).abs() > 1e-9 {
                    out.push((t, s, i, xi.points, yi.points));
                }
            }
        }
    }
    out.sort_by(|p, q| (q.3 - q.4).abs().total_cmp(&(p.3 - p.4).abs()));
    out
}
