//! The results view's state: the scored cohort, whose results are shown, the tab, the cursor.
//! `update/results.rs` moves it.

use super::fill::Fill;
use crate::results::{self, Results};
use crate::scoring::Suggestion;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The e-index, theme bars, indicators and standing.
    Overview,
    /// One theme: sub-themes, where the points went, the next level.
    Theme(usize),
    /// All institutions: distribution of levels, cuts, the list to compare with.
    Cohort,
}

pub struct ResultsView {
    pub results: Results,
    /// The entry shown.
    pub current: usize,
    /// The entry shown beside it, if any.
    pub compare: Option<usize>,
    pub tab: Tab,
    /// Theme under the cursor (overview) or institution under the cursor (cohort).
    pub cursor: usize,
    /// For the theme shown: the answer changes that lift it to the next level.
    pub suggestions: Vec<Suggestion>,
    /// Where to return to: the submission being filled, if the view was opened from it.
    pub back: Option<Box<Fill>>,
}

impl ResultsView {
    pub fn entry(&self) -> &crate::scoring::cohort::Entry {
        &self.results.entries[self.current]
    }

    pub fn scorer(&self) -> &results::Scorer {
        &self.results.scorers[self.current]
    }

    /// Entries from the highest e-index to the lowest: the order of the cohort list.
    pub fn ranking(&self) -> Vec<usize> {
        let entries = &self.results.entries;
        let mut order: Vec<usize> = (0..entries.len()).collect();
        order.sort_by(|&a, &b| {
            entries[b]
                .score
                .e_index
                .total_cmp(&entries[a].score.e_index)
                .then(crate::i18n::compare_lv(
                    &entries[a].institution,
                    &entries[b].institution,
                ))
        });
        order
    }
}
