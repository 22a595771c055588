//! The results view's state: the scored cohort, whose results are shown, the tab, the cursor,
//! how the leaders are sorted. `update/results.rs` moves it.

use super::fill::Fill;
use crate::exchange::InstitutionKind;
use crate::results::{self, Results};
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

/// How many leaders the seed names per theme and overall (seed 003 line 643).
pub const LEADERS: usize = 15;

pub struct ResultsView {
    pub results: Results,
    /// The entry shown.
    pub current: usize,
    /// The entry shown beside it, if any.
    pub compare: Option<usize>,
    pub tab: Tab,
    /// Theme under the cursor (overview) or institution under the cursor (cohort).
    pub cursor: usize,
    /// What the leaders are sorted by.
    pub leaders: Measure,
    /// Which institutions the leaders are of: all, or ministries or the other institutions
    /// apart, as the seed ranks them.
    pub group: Option<InstitutionKind>,
    /// For the theme shown: the answer changes that lift it to the next level.
    pub steps: Vec<Step>,
    /// The theme page's first row shown, when it is longer than the screen.
    pub scroll: usize,
    /// Where to return to: the submission being filled, if the view was opened from it.
    pub back: Option<Box<Fill>>,
}

impl ResultsView {
    pub fn new(results: Results, current: usize) -> Self {
        ResultsView {
            results,
            current,
            compare: None,
            tab: Tab::Overview,
            cursor: 0,
            leaders: Measure::EIndex,
            group: None,
            steps: Vec::new(),
            scroll: 0,
            back: None,
        }
    }

    /// At most how many rows the page shown has before wrapping: how far it scrolls.
    pub fn page_rows(&self) -> usize {
        let themes = &self.scorer().model.themes;
        let text = |s: &str| s.lines().count();
        match self.tab {
            Tab::Theme(t) => {
                let def = &themes[t];
                let levels = def.levels.iter().map(|l| text(&l.description));
                def.subthemes.len()
                    + 2 * self.steps.len()
                    + def.advice.iter().map(|a| text(&a.text)).sum::<usize>()
                    + levels.max().unwrap_or(0)
                    + 16
            }
            Tab::Compare => 2 + themes.iter().map(|t| 1 + t.subthemes.len()).sum::<usize>(),
            Tab::Overview | Tab::Cohort => 0,
        }
    }

    pub fn entry(&self) -> &crate::scoring::cohort::Entry {
        &self.results.entries[self.current]
    }

    pub fn scorer(&self) -> &results::Scorer {
        &self.results.scorers[self.current]
    }

    /// The leaders' list: the group's entries from the best by `leaders` to the worst, those
    /// the measure does not concern (a theme not applicable) last.
    pub fn ranking(&self) -> Vec<usize> {
        let entries = &self.results.entries;
        let mut order: Vec<usize> = (0..entries.len())
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
        order
    }
}
