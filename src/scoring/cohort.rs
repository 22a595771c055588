//! Comparing institutions: rank and percentile, the median, the distribution of levels, and
//! cuts by ministry sector, by type and by size quintile.

use super::Score;
use crate::exchange::InstitutionKind;
use crate::ids::SubmissionId;

/// One institution's scored submission.
#[derive(Debug, Clone)]
pub struct Entry {
    pub submission: SubmissionId,
    pub institution: String,
    pub year: i32,
    pub sector: Option<String>,
    pub kind: InstitutionKind,
    /// What the size quintiles are cut by: the number of services.
    pub size: f64,
    /// Generated for demonstrations, not a real answer.
    pub demo: bool,
    pub score: Score,
}

/// Which index to compare: the e-index, or one theme's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    EIndex,
    Theme(usize),
}

impl Measure {
    pub fn of(self, score: &Score) -> Option<f64> {
        match self {
            Measure::EIndex => Some(score.e_index),
            Measure::Theme(t) => score
                .themes
                .get(t)
                .filter(|s| s.applicable)
                .map(|s| s.index),
        }
    }

    pub fn level(self, score: &Score) -> Option<u8> {
        match self {
            Measure::EIndex => Some(score.level),
            Measure::Theme(t) => score
                .themes
                .get(t)
                .filter(|s| s.applicable)
                .map(|s| s.level),
        }
    }
}

/// Where one entry stands: rank 1 is the best; the percentile is the share of the others it is
/// at least as good as.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Standing {
    pub rank: usize,
    pub of: usize,
    pub percentile: f64,
}

pub fn standing(entries: &[Entry], who: usize, measure: Measure) -> Option<Standing> {
    let mine = measure.of(&entries.get(who)?.score)?;
    let values: Vec<f64> = entries
        .iter()
        .filter_map(|e| measure.of(&e.score))
        .collect();
    let better = values.iter().filter(|&&v| v > mine + 1e-9).count();
    let not_better_others = values.len() - better - 1;
    let percentile = if values.len() > 1 {
        100.0 * not_better_others as f64 / (values.len() - 1) as f64
    } else {
        100.0
    };
    Some(Standing {
        rank: better + 1,
        of: values.len(),
        percentile,
    })
}

pub fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

/// How many entries are at each level 1–5.
pub fn levels(entries: &[Entry], measure: Measure) -> [usize; 5] {
    let mut counts = [0; 5];
    for l in entries.iter().filter_map(|e| measure.level(&e.score)) {
        counts[(l.clamp(1, 5) - 1) as usize] += 1;
    }
    counts
}

/// One group of a cut: its name, size, and median of the measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub name: String,
    pub count: usize,
    pub median: f64,
}

/// Group entries by `key` and give each group's median, largest median first.
pub fn cut(entries: &[Entry], measure: Measure, key: impl Fn(&Entry) -> String) -> Vec<Group> {
    let mut groups: Vec<(String, Vec<f64>)> = Vec::new();
    for e in entries {
        let Some(v) = measure.of(&e.score) else {
            continue;
        };
        let k = key(e);
        match groups.iter_mut().find(|(name, _)| *name == k) {
            Some((_, values)) => values.push(v),
            None => groups.push((k, vec![v])),
        }
    }
    let mut out: Vec<Group> = groups
        .into_iter()
        .map(|(name, values)| Group {
            name,
            count: values.len(),
            median: median(values).unwrap_or(0.0),
        })
        .collect();
    out.sort_by(|a, b| {
        b.median
            .total_cmp(&a.median)
            .then(crate::i18n::compare_lv(&a.name, &b.name))
    });
    out
}

/// The size quintile (1 = smallest fifth … 5 = largest) of each entry, in entry order.
pub fn size_quintiles(entries: &[Entry]) -> Vec<u8> {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|&a, &b| entries[a].size.total_cmp(&entries[b].size));
    let mut out = vec![0; entries.len()];
    for (position, &i) in order.iter().enumerate() {
        out[i] = (1 + position * 5 / entries.len().max(1)) as u8;
    }
    out
}
