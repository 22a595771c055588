//! Comparing institutions: rank and percentile, the median, the distribution of levels, and
//! the cohort's cut by the quintiles of an indicator (segments). Cuts by type and by sector
//! are groups of the aggregate e-index (`aggregate.rs`).

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

/// Where `who`, one of `entries`, stands among them.
pub fn standing<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    who: &Entry,
    measure: Measure,
) -> Option<Standing> {
    Ranks::new(entries, measure).of(who)
}

/// A cohort's values of one measure, sorted once, so that where each of many entries stands
/// is found by halving (`results --all --json` asks it of every entry, per theme).
#[derive(Debug, Clone)]
pub struct Ranks {
    measure: Measure,
    /// Best first.
    values: Vec<f64>,
}

impl Ranks {
    pub fn new<'a>(entries: impl IntoIterator<Item = &'a Entry>, measure: Measure) -> Ranks {
        let mut values: Vec<f64> = entries
            .into_iter()
            .filter_map(|e| measure.of(&e.score))
            .collect();
        values.sort_by(|a, b| b.total_cmp(a));
        Ranks { measure, values }
    }

    /// Where `who`, one of the entries these were made from, stands.
    pub fn of(&self, who: &Entry) -> Option<Standing> {
        let mine = self.measure.of(&who.score)?;
        let better = self.values.partition_point(|&v| v > mine + 1e-9);
        let of = self.values.len();
        let percentile = if of > 1 {
            100.0 * of.saturating_sub(better + 1) as f64 / (of - 1) as f64
        } else {
            100.0
        };
        Some(Standing {
            rank: better + 1,
            of,
            percentile,
        })
    }
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
pub fn levels<'a>(entries: impl IntoIterator<Item = &'a Entry>, measure: Measure) -> [usize; 5] {
    let mut counts = [0; 5];
    for l in entries.into_iter().filter_map(|e| measure.level(&e.score)) {
        counts[(l.clamp(1, 5) - 1) as usize] += 1;
    }
    counts
}

/// The cohort cut by the quintiles of one indicator (the seed's segments, lines 444–466).
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Per entry, in the order given: its quintile 1–5, or `None` without the figure.
    pub of: Vec<Option<u8>>,
    /// Quintiles 1 (the lowest figures) to 5.
    pub quintiles: [Quintile; 5],
    /// Entries without the figure (not available, undecided): in no quintile.
    pub without: usize,
}

/// One quintile of a segment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Quintile {
    pub count: usize,
    /// The median e-index, `None` while the quintile is empty.
    pub median: Option<f64>,
    /// The lowest and the highest figure in it.
    pub range: Option<(f64, f64)>,
}

/// Cut `entries` by the quintiles of indicator `indicator` (an index into the model's
/// indicators, as in [`Score::indicators`]).
///
/// A quintile is a fifth of the institutions (seed line 484) that have the figure; its
/// boundaries come from the figure's own spread (line 452), not from fixed values: an entry's
/// quintile is 1 + ⌊5 × (entries with a lower figure) ÷ (entries with the figure)⌋. Equal
/// figures share a quintile, so where many are equal (every 0 % of a level) a quintile holds
/// more than a fifth and the next ones fewer, rather than splitting equals by chance.
pub fn segment(entries: &[&Entry], indicator: usize) -> Segment {
    let figure = |e: &Entry| e.score.indicators.get(indicator).copied().flatten();
    let mut sorted: Vec<f64> = entries.iter().filter_map(|e| figure(e)).collect();
    sorted.sort_by(f64::total_cmp);
    let of: Vec<Option<u8>> = entries
        .iter()
        .map(|e| {
            let x = figure(e)?;
            let below = sorted.partition_point(|&v| v < x);
            Some((1 + below * 5 / sorted.len()) as u8)
        })
        .collect();
    let mut values: [Vec<f64>; 5] = Default::default();
    let mut quintiles: [Quintile; 5] = Default::default();
    for ((e, q), x) in entries
        .iter()
        .zip(&of)
        .zip(entries.iter().map(|e| figure(e)))
    {
        let (Some(q), Some(x)) = (q, x) else {
            continue;
        };
        let at = *q as usize - 1;
        values[at].push(e.score.e_index);
        let range = quintiles[at].range.get_or_insert((x, x));
        *range = (range.0.min(x), range.1.max(x));
    }
    for (quintile, values) in quintiles.iter_mut().zip(values) {
        quintile.count = values.len();
        quintile.median = median(values);
    }
    Segment {
        without: entries.len() - sorted.len(),
        of,
        quintiles,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// An entry of `kind` with this e-index and these indicator figures, for the tests of
    /// the cohort's computations.
    pub(in crate::scoring) fn entry_with(
        kind: InstitutionKind,
        e_index: f64,
        indicators: Vec<Option<f64>>,
    ) -> Entry {
        Entry {
            submission: SubmissionId(1),
            institution: String::new(),
            year: 2019,
            sector: None,
            kind,
            demo: false,
            score: Score {
                e_index,
                level: 1,
                bonus: 0.0,
                themes: Vec::new(),
                indicators,
            },
        }
    }

    fn entry(e_index: f64, figure: Option<f64>) -> Entry {
        entry_with(InstitutionKind::Institution, e_index, vec![figure])
    }

    /// Ten entries with figures 1–10: two per quintile, the lowest figures in the first.
    #[test]
    fn ten_figures_make_five_quintiles_of_two() {
        let cohort: Vec<Entry> = (1..=10)
            .map(|i| entry(10.0 * i as f64, Some(i as f64)))
            .rev()
            .collect();
        let refs: Vec<&Entry> = cohort.iter().collect();
        let s = segment(&refs, 0);
        let of: Vec<u8> = s.of.iter().map(|q| q.unwrap()).collect();
        assert_eq!(of, [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
        assert_eq!(s.without, 0);
        assert_eq!(s.quintiles[0].count, 2);
        assert_eq!(s.quintiles[0].median, Some(15.0));
        assert_eq!(s.quintiles[0].range, Some((1.0, 2.0)));
        assert_eq!(s.quintiles[4].median, Some(95.0));
        assert_eq!(s.quintiles[4].range, Some((9.0, 10.0)));
    }

    /// Six of ten at 0 %: all six share the first quintile (⌊5 × 0 ÷ 9⌋ + 1); above them,
    /// 50 % has 6 below (quintile 4), 60 % and 70 % 7 and 8 below (quintile 4 and 5). The
    /// entry without the figure is in no quintile, not in the lowest.
    #[test]
    fn equal_figures_share_a_quintile_and_a_missing_one_is_in_none() {
        let figures = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 50.0, 60.0, 70.0];
        let mut cohort: Vec<Entry> = figures.iter().map(|&f| entry(f, Some(f))).collect();
        cohort.push(entry(99.0, None));
        let refs: Vec<&Entry> = cohort.iter().collect();
        let s = segment(&refs, 0);
        assert_eq!(
            s.of,
            [1, 1, 1, 1, 1, 1, 4, 4, 5]
                .map(Some)
                .into_iter()
                .chain([None])
                .collect::<Vec<_>>()
        );
        assert_eq!(s.without, 1);
        let counts: Vec<usize> = s.quintiles.iter().map(|q| q.count).collect();
        assert_eq!(counts, [6, 0, 0, 2, 1]);
        assert_eq!(s.quintiles[1].median, None);
        assert_eq!(
            s.quintiles[0].median,
            Some(0.0),
            "99 is not among the lowest"
        );
    }
}
