//! The hand-out's charts, drawn as inline SVG so that the file needs nothing from a network
//! and prints as sharply as its text.

use crate::i18n::{self, Lang};
use maud::{Markup, html};

/// The colour of a maturity level, from red (1) to green (5); the same order as on screen.
pub fn level_colour(level: u8) -> &'static str {
    match level {
        1 => "#c8423b",
        2 => "#e09b1a",
        3 => "#2a8fa0",
        4 => "#3d9a5b",
        _ => "#1d6b34",
    }
}

/// A 0–100 bar with the places where levels 2–5 start marked under it.
pub fn gauge(lang: Lang, value: f64, level: u8, thresholds: &[f64; 4]) -> Markup {
    let (width, height) = (600.0, 26.0);
    let filled = width * value.clamp(0.0, 100.0) / 100.0;
    html! {
        svg class="gauge" viewBox="0 0 600 50" width="100%" role="img"
            aria-label=(i18n::decimal(lang, value, 1)) {
            rect x="0" y="0" width=(width) height=(height) fill="#e8e8e8" {}
            rect x="0" y="0" width=(filled) height=(height) fill=(level_colour(level)) {}
            @for (n, &t) in thresholds.iter().enumerate() {
                @let x = width * t / 100.0;
                line x1=(x) y1="0" x2=(x) y2=(height + 6.0) stroke="#222" stroke-width="1.5" {}
                text x=(x) y="46" font-size="12" text-anchor="middle" {
                    (n + 2) ". · " (i18n::decimal(lang, t, 0))
                }
            }
        }
    }
}

/// A small horizontal bar for a table cell.
pub fn bar(value: f64, level: u8) -> Markup {
    let filled = 120.0 * value.clamp(0.0, 100.0) / 100.0;
    html! {
        svg class="bar" viewBox="0 0 120 10" width="120" height="10" {
            rect x="0" y="0" width="120" height="10" fill="#e8e8e8" {}
            rect x="0" y="0" width=(filled) height="10" fill=(level_colour(level)) {}
        }
    }
}

/// How many of the cohort are at each level, the institution's own level outlined.
pub fn distribution(counts: &[usize; 5], names: &[String], own: u8, own_label: &str) -> Markup {
    let most = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let (column, top, plot) = (110.0, 18.0, 120.0);
    html! {
        svg class="distribution" viewBox="0 -6 560 196" width="100%" role="img" {
            @for (l, &n) in counts.iter().enumerate() {
                @let level = l as u8 + 1;
                @let h = plot * n as f64 / most;
                @let x = 10.0 + column * l as f64;
                rect x=(x) y=(top + plot - h) width=(column - 20.0) height=(h)
                    fill=(level_colour(level))
                    stroke=(if level == own { "#000" } else { "none" })
                    stroke-width="3" {}
                text x=(x + (column - 20.0) / 2.0) y=(top + plot - h - 4.0) font-size="14"
                    text-anchor="middle" font-weight="bold" {
                    (n) @if level == own { " · " (own_label) }
                }
                text x=(x + (column - 20.0) / 2.0) y=(top + plot + 18.0) font-size="12"
                    text-anchor="middle" { (level) ". " }
                text x=(x + (column - 20.0) / 2.0) y=(top + plot + 34.0) font-size="11"
                    text-anchor="middle" { (names.get(l).map_or("", String::as_str)) }
            }
        }
    }
}
