//! The results view's state: the scored cohort, whose results are shown, the tab, the cursor,
//! how the leaders are sorted. `update/results.rs` moves it.

use super::fill::Fill;
use crate::exchange::InstitutionKind;
use crate::results::{self, Results, YearCohort};
use crate::scoring::Step;
use crate::scoring::cohort::Measure;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The e-index, theme bars, indicators and standing; on a large screen also the selected
    /// theme's sub-themes, the distribution of levels and the scatter.
    Overview,
    /// One theme: sub-themes, where the points went, the next level.
    Theme(usize),
    /// The leaders: the cohort sorted by a theme or the e-index, with its tables.
    Cohort,
    /// The institution beside the one chosen to compare with: per theme and sub-theme.
    Compare,
}

/// How many lost items a theme's page lists: the largest, enough to see where to begin.
pub const LOSSES_SHOWN: usize = 6;

/// How many leaders the seed names per theme and overall (seed 003 line 643).
pub const LEADERS: usize = 15;

pub struct ResultsView {
    pub results: Results,
    /// The entry shown; [`ResultsView::show`] changes it.
    pub current: usize,
    /// The shown entry's year: its aggregate e-index and segments, worked out when the
    /// entry shown changes, not for every frame.
    pub cohort: YearCohort,
    /// The entry shown beside it, if any.
    pub compare: Option<usize>,
    pub tab: Tab,
    /// Theme under the cursor (overview) or institution under the cursor (cohort).
    pub cursor: usize,
    /// What the leaders are sorted by ([`ResultsView::sort_leaders`] changes it).
    pub leaders: Measure,
    /// Which institutions the leaders are of: all, or ministries or the other institutions
    /// apart, as the seed ranks them.
    pub group: Option<InstitutionKind>,
    /// The leaders' list: the group's entries of the year shown, from the best by `leaders`
    /// to the worst, those the measure does not concern (a theme not applicable) last. Sorted
    /// when the order or the year changes, not for each frame or key.
    pub ranking: Vec<usize>,
    /// For the theme shown: the answer changes that lift it to the next level.
    pub steps: Vec<Step>,
    /// The theme page's first row shown, when it is longer than the screen.
    pub scroll: usize,
    /// Where to return to: the submission being filled, if the view was opened from it.
    pub back: Option<Box<Fill>>,
}

impl ResultsView {
    pub fn new(results: Results, current: usize) -> Self {
        let cohort = results.year(results.entries[current].year);
        let mut view = ResultsView {
            results,
            current,
            cohort,
            compare: None,
            tab: Tab::Overview,
            cursor: 0,
            leaders: Measure::EIndex,
            group: None,
            ranking: Vec::new(),
            steps: Vec::new(),
            scroll: 0,
            back: None,
        };
        view.rank();
        view
    }

    /// Sort the leaders by `leaders`, of `group` alone or of all.
    pub fn sort_leaders(&mut self, leaders: Measure, group: Option<InstitutionKind>) {
        self.leaders = leaders;
        self.group = group;
        self.rank();
    }

    /// How far the page shown scrolls on a terminal of `(columns, rows)`: its rows once
    /// wrapped, less those on screen. The rows are counted as the page's texts wrap at the
    /// width (a word that does not fit moves whole to the next row: a sixth more is allowed
    /// for that), so that PgDn reaches the end and PgUp never has rows to undo past it.
    pub fn max_scroll(&self, (columns, rows): (u16, u16)) -> usize {
        let themes = &self.scorer().model.themes;
        let width = (usize::from(columns).saturating_sub(2) * 5 / 6).max(1);
        let wrapped = |text: &str| {
            text.lines()
                .map(|l| l.chars().count().div_ceil(width).max(1))
                .sum::<usize>()
        };
        // The results' header, the keys' footer and the blank row above it, the borders.
        let chrome = 5;
        match self.tab {
            Tab::Theme(t) => {
                let def = &themes[t];
                let q = &self.scorer().q;
                let score = &self.entry().score;
                let losses: usize = crate::scoring::losses(score, t)
                    .into_iter()
                    .take(LOSSES_SHOWN)
                    .map(|(s, i, _)| {
                        wrapped(&format!(
                            "  −00,0 p. {}",
                            def.subthemes[s].items[i].words(q)
                        ))
                    })
                    .sum();
                let steps: usize = self
                    .steps
                    .iter()
                    .map(|s| {
                        wrapped(&format!(
                            "  +00,0 p. {} {} (00× {})",
                            s.code,
                            s.question,
                            "x".repeat(12)
                        )) + wrapped(&format!(
                            "      {:8} «{}» → {:20} «{}»",
                            "",
                            s.current.join("», «"),
                            "",
                            s.give
                        ))
                    })
                    .sum();
                let level = score.themes[t].level;
                let advice: usize = def
                    .advice
                    .iter()
                    .filter(|a| a.to.contains(&(level + 1)))
                    .map(|a| wrapped(&a.text))
                    .sum();
                let description: usize = def
                    .levels
                    .iter()
                    .filter(|l| l.level == level)
                    .map(|l| wrapped(&l.description))
                    .sum();
                let total =
                    2 + def.subthemes.len() + 2 + losses + 2 + advice + steps + 2 + description + 2;
                total.saturating_sub(usize::from(rows).saturating_sub(chrome))
            }
            Tab::Compare => {
                let total = 2 + themes.iter().map(|t| 1 + t.subthemes.len()).sum::<usize>();
                // Below 120 columns the table has three fifths of the rows, the questions the rest.
                let shown = if columns >= 120 {
                    usize::from(rows).saturating_sub(chrome)
                } else {
                    (usize::from(rows).saturating_sub(3) * 3 / 5).saturating_sub(2)
                };
                total.saturating_sub(shown)
            }
            Tab::Overview | Tab::Cohort => 0,
        }
    }

    /// Show entry `entry`, and its year's cohort if that is another year.
    pub fn show(&mut self, entry: usize) {
        self.current = entry;
        let year = self.results.entries[entry].year;
        if self.cohort.year != year {
            self.cohort = self.results.year(year);
            self.rank();
        }
    }

    pub fn entry(&self) -> &crate::scoring::cohort::Entry {
        &self.results.entries[self.current]
    }

    pub fn scorer(&self) -> &results::Scorer {
        &self.results.scorers[self.current]
    }

    fn rank(&mut self) {
        let entries = &self.results.entries;
        let mut order: Vec<usize> = self
            .cohort
            .members
            .iter()
            .copied()
            .filter(|&e| self.group.is_none_or(|k| entries[e].kind == k))
            .collect();
        let value = |e: usize| {
            self.leaders
                .of(&entries[e].score)
                .unwrap_or(f64::NEG_INFINITY)
        };
        order.sort_by(|&a, &b| {
            value(b).total_cmp(&value(a)).then(crate::i18n::compare_lv(
                &entries[a].institution,
                &entries[b].institution,
            ))
        });
        self.ranking = order;
    }
}
