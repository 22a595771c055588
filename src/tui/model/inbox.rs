//! Support staff's inbox: every submission of the database with where it stands, filtered by
//! status, searched by part of a name, sorted by a column.

use crate::exchange::Status;
use crate::i18n::{compare_lv, search_key};
use crate::ids::SubmissionId;
use crate::inbox::InboxRow;
use crate::review::Checks;
use std::cmp::Ordering;

/// The column the inbox is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InboxSort {
    /// Waiting for support staff first: answered queries, then handed in, then the rest; the
    /// oldest change first within each, as a queue is worked.
    Waiting,
    Institution,
    /// Most errors first.
    Errors,
    /// Most open queries first.
    Queries,
    /// Changed most recently first.
    Changed,
}

impl InboxSort {
    pub const ALL: [InboxSort; 5] = [
        InboxSort::Waiting,
        InboxSort::Institution,
        InboxSort::Errors,
        InboxSort::Queries,
        InboxSort::Changed,
    ];

    pub fn next(self) -> InboxSort {
        let i = Self::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }
}

/// The statuses the filter steps through; `None` shows every submission.
pub const FILTERS: [Option<Status>; 5] = [
    None,
    Some(Status::Submitted),
    Some(Status::Returned),
    Some(Status::Accepted),
    Some(Status::Draft),
];

pub struct InboxScreen {
    pub rows: Vec<InboxRow>,
    pub filter: Option<Status>,
    /// Typed part of a name; matched without case or diacritics ("kuldiga" finds "Kuldīgas").
    pub search: String,
    pub sort: InboxSort,
    /// Index into [`InboxScreen::shown`].
    pub cursor: usize,
    /// Set when evaluating failed: the notice said why, and it is not tried again.
    pub failed: bool,
    /// [`crate::i18n::search_key`] of each row's institution, made once.
    keys: Vec<String>,
}

impl InboxScreen {
    pub fn new(rows: Vec<InboxRow>) -> InboxScreen {
        let keys = rows
            .iter()
            .map(|r| search_key(&r.summary.institution))
            .collect();
        InboxScreen {
            rows,
            filter: None,
            search: String::new(),
            sort: InboxSort::Waiting,
            cursor: 0,
            failed: false,
            keys,
        }
    }

    /// The rows shown, as indices into `rows`, in the chosen order.
    pub fn shown(&self) -> Vec<usize> {
        let wanted = search_key(&self.search);
        let mut shown: Vec<usize> = (0..self.rows.len())
            .filter(|&i| self.filter.is_none_or(|s| self.rows[i].summary.status == s))
            .filter(|&i| self.keys[i].contains(&wanted))
            .collect();
        shown.sort_by(|&a, &b| self.order(&self.rows[a], &self.rows[b]));
        shown
    }

    fn order(&self, a: &InboxRow, b: &InboxRow) -> Ordering {
        let by_name = || {
            compare_lv(&a.summary.institution, &b.summary.institution)
                .then(a.summary.year.cmp(&b.summary.year))
                .then(a.summary.id.cmp(&b.summary.id))
        };
        match self.sort {
            InboxSort::Institution => by_name(),
            InboxSort::Waiting => waiting(a)
                .cmp(&waiting(b))
                .then_with(|| a.summary.updated_at.cmp(&b.summary.updated_at))
                .then_with(by_name),
            // Not yet evaluated: last, until it is.
            InboxSort::Errors => {
                let errors = |r: &InboxRow| r.checks.map(|c| c.errors);
                errors(b).cmp(&errors(a)).then_with(by_name)
            }
            InboxSort::Queries => b.queries.open.cmp(&a.queries.open).then_with(by_name),
            InboxSort::Changed => b
                .summary
                .updated_at
                .cmp(&a.summary.updated_at)
                .then_with(by_name),
        }
    }

    /// The row under the cursor.
    pub fn selected(&self) -> Option<&InboxRow> {
        self.shown().get(self.cursor).map(|&i| &self.rows[i])
    }

    /// Up to `n` submissions not evaluated yet: those shown from the top first (what the
    /// screen shows), then the rest.
    pub fn unevaluated(&self, n: usize) -> Vec<SubmissionId> {
        if self.failed {
            return Vec::new();
        }
        let shown = self.shown();
        let mut on_list = vec![false; self.rows.len()];
        for &i in &shown {
            on_list[i] = true;
        }
        let rest = (0..self.rows.len()).filter(|&i| !on_list[i]);
        shown
            .iter()
            .copied()
            .chain(rest)
            .filter(|&i| self.rows[i].checks.is_none())
            .take(n)
            .map(|i| self.rows[i].summary.id)
            .collect()
    }

    /// How many submissions are evaluated so far.
    pub fn evaluated(&self) -> usize {
        self.rows.iter().filter(|r| r.checks.is_some()).count()
    }

    pub fn set_checks(&mut self, checks: Vec<(SubmissionId, Checks)>) {
        for (id, c) in checks {
            if let Some(row) = self.rows.iter_mut().find(|r| r.summary.id == id) {
                row.checks = Some(c);
            }
        }
    }

    /// Keep the cursor on a row after the rows shown changed.
    pub fn clamp(&mut self) {
        self.cursor = self.cursor.min(self.shown().len().saturating_sub(1));
    }
}

/// How soon support staff should look at a submission: 0 first.
fn waiting(row: &InboxRow) -> u8 {
    match row.summary.status {
        Status::Submitted if row.queries.answered > 0 => 0,
        Status::Submitted => 1,
        Status::Returned => 2,
        Status::Draft => 3,
        Status::Accepted => 4,
    }
}
