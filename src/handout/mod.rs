//! The consultant's hand-out: one self-contained HTML page per institution that prints on A4 —
//! the e-index and levels, each theme with its sub-themes, where the points were lost, what
//! to do to reach the next level, the place in the cohort, the indicators — and an index page
//! of the cohort. Pure: the caller gathers the scores and steps and writes the files.
//!
//! Made with `maud`, so every text (an institution's name, an answer) is escaped by the
//! template, never pasted in as markup.

mod svg;

use crate::i18n::{self, Lang, Res, T, res, tr};
use crate::results::{Results, YearCohort};
use crate::scoring::aggregate::Group;
use crate::scoring::cohort::{self, Measure};
use crate::scoring::{self, Step};
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// How many lost items a theme lists: the largest, enough to see where to begin.
const LOSSES_SHOWN: usize = 5;

/// The file an institution's hand-out is written to: its name and year, only letters, digits
/// and dashes, so that it is a valid file name on every system.
pub fn file_name(institution: &str, year: i32) -> String {
    format!("anketa-{}-{year}.html", crate::exchange::slug(institution))
}

/// The hand-out of entry `index` of `results`; `steps` are its next-level steps per theme
/// ([`scoring::steps`]), `cohort` its year's cohort.
pub fn page(
    lang: Lang,
    results: &Results,
    index: usize,
    cohort: &YearCohort,
    steps: &[Vec<Step>],
) -> String {
    let entry = &results.entries[index];
    let scorer = &results.scorers[index];
    let (model, q) = (&scorer.model, &scorer.q);
    let score = &entry.score;
    let one = |v: f64| i18n::decimal(lang, v, 1);
    let level_name = |l: u8| model.levels[l as usize - 1].as_str();
    // The institution among its own year's submissions, never another year's.
    let year = || cohort.entries(results);
    let standing = cohort.standing(entry, Measure::EIndex);
    let median = cohort::median(year().map(|e| e.score.e_index).collect());
    let aggregate = cohort.group(&Group::All).and_then(|a| a.e_index);
    let position = cohort.position(index);
    let markup = html! {
        (DOCTYPE)
        html lang=(match lang { Lang::Lv => "lv", Lang::En => "en" }) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (entry.institution) " · " (res(lang, Res::ResultsOf)) " " (entry.year) }
                style { (PreEscaped(fonts())) (PreEscaped(STYLE)) }
                @if entry.demo { (demo_style(lang)) }
            }
            body {
                @if entry.demo { div class="demo" { (tr(lang, T::Demo)) } }
                header {
                    p class="kicker" { (res(lang, Res::ResultsOf)) }
                    h1 { (entry.institution) }
                    p class="muted" {
                        (q.title) " · " (res(lang, Res::Year)) " " (entry.year)
                        @if let Some(sector) = &entry.sector { " · " (sector) }
                    }
                }
                section class="summary" {
                    div class="figure" style=(format!("color:{}", svg::level_colour(score.level))) {
                        (one(score.e_index))
                    }
                    div {
                        p class="level" {
                            (tr(lang, T::EIndex)) " · " (score.level) ". " (tr(lang, T::Level))
                            " — " (level_name(score.level))
                        }
                        p class="muted" {
                            @if let Some(s) = standing {
                                (tr(lang, T::Rank)) " " (s.rank) "/" (s.of) " · "
                                (tr(lang, T::Percentile)) " " (s.percentile.round()) " · "
                            }
                            @if let Some(m) = median { (tr(lang, T::Median)) " " (one(m)) }
                            @if let Some(a) = aggregate {
                                " · " (tr(lang, T::AggregateIndex)) " " (i18n::decimal(lang, a, 2))
                            }
                            @if score.bonus > 0.0 { " · " (tr(lang, T::Bonus)) " +" (one(score.bonus)) }
                        }
                    }
                }
                (svg::gauge(lang, score.e_index, score.level, &model.thresholds))
                p class="note" { (res(lang, Res::ThresholdsMarked)) }
                table class="themes" {
                    thead { tr {
                        th { (res(lang, Res::Theme)) } th class="num" { "%" }
                        th class="num" { (tr(lang, T::EIndex)) } th { (tr(lang, T::Level)) } th {}
                    } }
                    tbody {
                        @for (def, s) in model.themes.iter().zip(&score.themes) {
                            tr {
                                td { (def.title) }
                                @if s.applicable {
                                    td class="num" { (s.weight_used.round()) }
                                    td class="num" { (one(s.index)) }
                                    td { (s.level) ". " (level_name(s.level)) }
                                    td { (svg::bar(s.index, s.level)) }
                                } @else {
                                    td colspan="4" class="muted" { (tr(lang, T::NotApplicable)) }
                                }
                            }
                        }
                    }
                }
                @for (t, (def, s)) in model.themes.iter().zip(&score.themes).enumerate() {
                    section class="theme" {
                        h2 {
                            (def.title) " — " (one(s.index)) " · " (s.level) ". "
                            (tr(lang, T::Level)) " — " (level_name(s.level))
                        }
                        table class="subthemes" {
                            @for (sub, ss) in def.subthemes.iter().zip(&s.subthemes) {
                                @let share = ss.share();
                                tr {
                                    td { (sub.title) }
                                    td class="num" {
                                        (one(ss.points)) " / " (one(ss.max)) " " (tr(lang, T::Points))
                                    }
                                    td { (svg::bar(share, scoring::level(share, &def.thresholds))) }
                                }
                            }
                        }
                        @let losses = scoring::losses(score, t);
                        @if !losses.is_empty() {
                            h3 { (tr(lang, T::LostPoints)) }
                            ul class="losses" {
                                @for (sub, item, lost) in losses.into_iter().take(LOSSES_SHOWN) {
                                    li {
                                        span class="lost" { "−" (one(lost)) " " (res(lang, Res::PointsShort)) }
                                        " " (def.subthemes[sub].items[item].words(q))
                                    }
                                }
                            }
                        }
                        (next_level(lang, def, s.level, steps.get(t).map_or(&[][..], Vec::as_slice)))
                    }
                }
                section class="cohort" {
                    h2 { (tr(lang, T::LevelDistribution)) }
                    @if let Some(s) = standing {
                        p { (tr(lang, T::Rank)) " " (s.rank) "/" (s.of) " · " (tr(lang, T::Percentile)) " " (s.percentile.round()) }
                    }
                    (svg::distribution(&cohort::levels(year(), Measure::EIndex), &model.levels, score.level, res(lang, Res::ThisInstitution)))
                }
                section class="indicators" {
                    h2 { (tr(lang, T::Indicators)) }
                    table {
                        @for (n, (i, v)) in model.indicators.iter().zip(&score.indicators).enumerate() {
                            @let quintile = model.segments.iter().position(|&s| s == n)
                                .and_then(|s| cohort.segments[s].of[position?]);
                            tr {
                                td { (i.label) }
                                td class="num" {
                                    @match v {
                                        Some(v) => { (i18n::figure(lang, *v)) @if let Some(u) = &i.unit { " " (u) } }
                                        None => { span class="muted" { (res(lang, Res::NoFigure)) } }
                                    }
                                }
                                td class="muted" {
                                    @if let Some(q) = quintile { (q) ". " (tr(lang, T::Quintile)) }
                                }
                            }
                        }
                    }
                }
                footer class="muted" { (res(lang, Res::MadeBy)) }
            }
        }
    };
    markup.into_string()
}

/// A theme's next level: the model's advice in the seed's words, then each answer change.
fn next_level(lang: Lang, def: &scoring::Theme, level: u8, steps: &[Step]) -> Markup {
    let one = |v: f64| i18n::decimal(lang, v, 1);
    html! {
        @if level >= 5 {
            p { (tr(lang, T::TopLevel)) }
        } @else {
            h3 { (i18n::towards_level(lang, level + 1)) }
            @for advice in def.advice.iter().filter(|a| a.to.contains(&(level + 1))) {
                @for line in advice.text.lines().filter(|l| !l.trim().is_empty()) {
                    p class="advice" { (line) }
                }
            }
            @if steps.is_empty() {
                p class="muted" { (tr(lang, T::NoSuggestions)) }
            } @else {
                ol class="steps" {
                    @for step in steps {
                        li {
                            span class="gain" { "+" (one(step.gain)) " " (res(lang, Res::PointsShort)) }
                            " " span class="code" { (step.code) } " " (step.question)
                            @if let Some((n, what)) = &step.instances { " (" (n) "× " (what) ")" }
                            br;
                            span class="muted" { (res(lang, Res::Now)) ": " }
                            @if step.current.is_empty() {
                                span class="muted" { (res(lang, Res::NotAnsweredNow)) }
                            } @else {
                                "«" (step.current.join("», «")) "»"
                            }
                            " → " span class="muted" { (res(lang, Res::Give)) ": " } b { "«" (step.give) "»" }
                        }
                    }
                }
            }
        }
    }
}

/// The cohort's index page: every institution written, best e-index first, each linking to
/// its page (`pages`: entry index and file name).
pub fn index(lang: Lang, results: &Results, pages: &[(usize, String)]) -> String {
    let mut order: Vec<&(usize, String)> = pages.iter().collect();
    let entries = &results.entries;
    order.sort_by(|a, b| {
        entries[b.0]
            .score
            .e_index
            .total_cmp(&entries[a.0].score.e_index)
            .then(i18n::compare_lv(
                &entries[a.0].institution,
                &entries[b.0].institution,
            ))
    });
    let themes = pages
        .first()
        .map(|&(i, _)| &results.scorers[i].model.themes[..])
        .unwrap_or_default();
    let demo = pages.iter().any(|&(i, _)| entries[i].demo);
    let one = |v: f64| i18n::decimal(lang, v, 1);
    html! {
        (DOCTYPE)
        html lang=(match lang { Lang::Lv => "lv", Lang::En => "en" }) {
            head {
                meta charset="utf-8";
                title { (res(lang, Res::CohortIndex)) }
                style { (PreEscaped(fonts())) (PreEscaped(STYLE)) }
                @if demo { (demo_style(lang)) }
            }
            body {
                @if demo { div class="demo" { (tr(lang, T::Demo)) } }
                h1 { (res(lang, Res::CohortIndex)) }
                table class="index" {
                    thead { tr {
                        th class="num" { "#" } th { (tr(lang, T::Institution)) } th class="num" { (res(lang, Res::Year)) }
                        th class="num" { (tr(lang, T::EIndex)) } th { (tr(lang, T::Level)) }
                        @for def in themes { th class="num" title=(def.title) { (def.title) } }
                    } }
                    tbody {
                        @for (rank, (i, file)) in order.iter().map(|p| (p.0, &p.1)).enumerate() {
                            @let e = &entries[i];
                            tr {
                                td class="num" { (rank + 1) }
                                td { a href=(file) { (e.institution) } }
                                td class="num" { (e.year) }
                                td class="num" { (one(e.score.e_index)) }
                                td { (e.score.level) }
                                @for s in &e.score.themes {
                                    td class="num" { @if s.applicable { (one(s.index)) } @else { "—" } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    .into_string()
}

/// DejaVu Sans, regular and bold, cut down to the letters a hand-out prints
/// (`assets/fonts/README.md`), as `@font-face` rules with the fonts inline: the page looks the
/// same on every machine and fetches nothing.
fn fonts() -> &'static str {
    static FONTS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    FONTS.get_or_init(|| {
        use base64::Engine;
        let face = |bytes: &[u8], weight: &str| {
            format!(
                "@font-face {{ font-family: \"anketa sans\"; font-weight: {weight}; \
                 src: url(data:font/woff2;base64,{}) format(\"woff2\"); }}\n",
                base64::engine::general_purpose::STANDARD.encode(bytes)
            )
        };
        face(
            include_bytes!("../../assets/fonts/DejaVuSans.woff2"),
            "normal",
        ) + &face(
            include_bytes!("../../assets/fonts/DejaVuSans-Bold.woff2"),
            "bold",
        )
    })
}

/// "demo dati" in the top margin of every printed page, where it never covers the text.
fn demo_style(lang: Lang) -> Markup {
    let css = format!(
        "@page {{ @top-right {{ content: \"{}\"; font: bold 9pt \"anketa sans\", sans-serif; color: #8a5a00; }} }}\n\
         @media print {{ .demo {{ display: none; }} }}",
        tr(lang, T::Demo).to_uppercase()
    );
    html! { style { (PreEscaped(css)) } }
}

/// A4 on paper, readable on screen, in the embedded font.
const STYLE: &str = r#"
@page { size: A4; margin: 16mm 13mm 14mm 13mm; }
* { box-sizing: border-box; }
body { font-family: "anketa sans", "DejaVu Sans", Arial, sans-serif; font-size: 9pt;
  color: #1a1a1a; max-width: 190mm; margin: 0 auto; padding: 4mm 0; line-height: 1.3; }
h1 { font-size: 18pt; margin: 0 0 2mm; }
h2 { font-size: 12pt; margin: 4mm 0 1.5mm; break-after: avoid; border-bottom: 1px solid #bbb; padding-bottom: 1mm; }
h3 { font-size: 10pt; margin: 2.5mm 0 1mm; break-after: avoid; }
li, tr { break-inside: avoid; }
p { margin: 1mm 0; }
.kicker { text-transform: uppercase; letter-spacing: .05em; font-size: 8.5pt; color: #555; margin: 0; }
.muted, .note { color: #555; }
.note { font-size: 8pt; margin-top: 0; }
.summary { display: flex; gap: 6mm; align-items: center; margin: 4mm 0 2mm; }
.figure { font-size: 34pt; font-weight: bold; }
.level { font-size: 13pt; font-weight: bold; }
table { border-collapse: collapse; width: 100%; }
td, th { padding: .6mm 1.5mm; text-align: left; vertical-align: top; border-bottom: 1px solid #e3e3e3; }
th { font-size: 8.5pt; color: #444; }
.num { text-align: right; white-space: nowrap; }
.losses, .steps { margin: 1mm 0; padding-left: 6mm; }
.losses li, .steps li { margin: .8mm 0; }
.lost { color: #b0302a; font-weight: bold; white-space: nowrap; }
.gain { color: #1d6b34; font-weight: bold; white-space: nowrap; }
.code { font-size: 8.5pt; color: #444; }
.advice { font-style: italic; }
.gauge { max-width: 170mm; display: block; }
.distribution { max-width: 150mm; display: block; }
.cohort, .indicators { break-inside: avoid-page; }
.demo { position: fixed; top: 0; right: 0; background: #e09b1a; color: #000; font-weight: bold;
  padding: 1mm 3mm; font-size: 9pt; text-transform: uppercase; }
footer { margin-top: 6mm; font-size: 8pt; }
.index th { writing-mode: horizontal-tb; }
a { color: inherit; }
"#;
