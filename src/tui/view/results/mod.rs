//! The results view: the e-index gauge with its level, theme bars coloured by level, a theme's
//! breakdown with where the points went and how to reach the next level, the leaders and the
//! cohort's tables, and two institutions side by side. On a screen of 120×40 or more the
//! overview also holds the selected theme's sub-themes, the distribution of levels and the
//! scatter, so that a projector shows it all at once.

mod cohort;
mod compare;
mod overview;
mod theme;

use crate::exchange::InstitutionKind;
use crate::i18n::T;
use crate::scoring::aggregate::Group;
use crate::tui::model::App;
use crate::tui::model::results::{ResultsView, Tab};
use crate::tui::style::Palette;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

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
    Style::new().fg(level_colour(level))
}

fn level_colour(level: u8) -> Color {
    match level {
        1 => Color::Red,
        2 => Color::Yellow,
        3 => Color::Cyan,
        4 => Color::Green,
        _ => Color::LightGreen,
    }
}

/// "██████░░░░" at `width` cells for 0–100.
fn bar(value: f64, width: usize) -> String {
    let filled = ((value / 100.0) * width as f64)
        .round()
        .clamp(0.0, width as f64) as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// The groups the aggregate e-index is given for: all, ministries, the other institutions.
fn kinds() -> [(T, Group); 3] {
    [
        (T::AllInstitutions, Group::All),
        (T::Ministries, Group::Kind(InstitutionKind::Ministry)),
        (T::Institutions, Group::Kind(InstitutionKind::Institution)),
    ]
}

/// `lines` in `block`, wrapped, from row `scroll` on; longer than the screen, the border
/// says so and PgDn/PgUp move through them.
fn scrolled(
    frame: &mut Frame,
    app: &App,
    lines: Vec<Line>,
    block: Block,
    area: Rect,
    scroll: usize,
    palette: Palette,
) {
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let total = crate::tui::view::widgets::question::wrapped_height(&lines, inner.width as usize);
    let rows = inner.height as usize;
    let scroll = scroll.min(total.saturating_sub(rows));
    if scroll + rows < total {
        let more = format!(" ▼ PgDn {} ", app.tr(T::KeyPageDown));
        let width = (more.chars().count() as u16).min(inner.width);
        let at = Rect {
            x: inner.right().saturating_sub(width),
            y: area.bottom().saturating_sub(1),
            width,
            height: 1,
        };
        frame.render_widget(Line::styled(more, palette.title()), at);
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll as u16, 0)),
        inner,
    );
}

/// Whether the screen holds the projector's layout: everything of the overview at once.
fn large(area: Rect) -> bool {
    area.width >= 120 && area.height >= 34
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
        Tab::Overview => overview::draw(frame, app, view, body, palette),
        Tab::Theme(t) => theme::draw(frame, app, view, t, body, palette),
        Tab::Cohort => cohort::draw(frame, app, view, body, palette),
        Tab::Compare => compare::draw(frame, app, view, body, palette),
    }
}
