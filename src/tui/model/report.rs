//! The report screen's state: a questionnaire's answer tables over the submissions handed in,
//! which year they count, the question under the cursor. `update/report.rs` moves it.

use super::fill::Fill;
use crate::report::Table;
use crate::tables::{Page, Scope};

pub struct ReportView {
    pub page: Page,
    pub scope: Scope,
    /// The table shown: an index into the report's tables.
    pub cursor: usize,
    /// How far the table shown is scrolled (a long list of text answers).
    pub scroll: u16,
    /// Where to return to: the submission being filled, if the screen was opened from it.
    pub back: Option<Box<Fill>>,
}

impl ReportView {
    pub fn table(&self) -> Option<&Table> {
        self.page.report.tables.get(self.cursor)
    }

    /// The year after the one counted now, in the order every year → the latest → … → the
    /// earliest → every year.
    pub fn next_year(&self) -> Option<i32> {
        let years = &self.page.years;
        match self.scope.year {
            None => years.first().copied(),
            Some(y) => years
                .iter()
                .position(|&x| x == y)
                .and_then(|i| years.get(i + 1))
                .copied(),
        }
    }
}
