//! The aggregate e-index of a group of institutions — Latvia's, the ministries', the
//! institutions' — as the seed computes it (lines 10123–10175): not a mean, but for each size
//! figure the model names (`[aggregate] weigh_by`: documents sent and received, services,
//! employees) the institutions' e-indices weighted by ln(figure) ÷ Σ ln(figure) over the
//! group, and the mean of those weighted values.
//!
//! What a figure contributes, where the seed is silent:
//! - a figure of 1 weighs ln 1 = 0, as the formula says: the institution does not count in
//!   that figure's weighted value;
//! - a figure of 0 (or below 1) has no logarithm worth using (ln 0 = −∞, and below 1 a
//!   negative weight would subtract an e-index): it weighs 0, the same as 1, the smallest
//!   size there is;
//! - a figure not available (undecided: "Dati nav pieejami", unanswered, hidden) weighs 0
//!   too: the institution is left out of that figure, and the others' weights still sum to 1;
//! - a figure that no one in the group has above 1 (Σ ln = 0) has no weighted value and drops
//!   out of the mean; with none left, the group has no aggregate.
//!
//! An institution is thus weighed only by the figures it gave; one that gave none of them
//! (every figure 0, 1 or not available) counts in no figure.

use super::cohort::Entry;
use crate::exchange::InstitutionKind;

/// An institution's logarithmic weight in one figure, before it is divided by the group's sum.
pub fn log_weight(figure: Option<f64>) -> f64 {
    figure.filter(|&x| x > 1.0).map_or(0.0, f64::ln)
}

/// Each figure's share of the group's sum of logarithms: the weights of one figure, summing
/// to 1, or all 0 when no one has the figure above 1.
pub fn log_shares(figures: &[Option<f64>]) -> Vec<f64> {
    let logs: Vec<f64> = figures.iter().map(|&f| log_weight(f)).collect();
    let sum: f64 = logs.iter().sum();
    logs.iter()
        .map(|l| if sum > 0.0 { l / sum } else { 0.0 })
        .collect()
}

/// One group's aggregate e-index.
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregate {
    /// How many entries the group has (weighed or not).
    pub count: usize,
    /// The plain median e-index of the same entries: what the aggregate is not.
    pub median: Option<f64>,
    /// Per figure of `weigh_by`, in its order: the e-indices weighted by that figure, `None`
    /// when no one in the group has it above 1.
    pub weighted: Vec<Option<f64>>,
    /// The mean of the weighted values there are; `None` when there are none.
    pub e_index: Option<f64>,
}

/// The aggregate e-index of `entries`, weighted by the indicators `weigh_by` (indices into
/// the model's indicators, as in [`super::Score::indicators`]).
pub fn aggregate(entries: &[&Entry], weigh_by: &[usize]) -> Aggregate {
    let weighted: Vec<Option<f64>> = weigh_by
        .iter()
        .map(|&i| {
            let figures: Vec<Option<f64>> = entries
                .iter()
                .map(|e| e.score.indicators.get(i).copied().flatten())
                .collect();
            let shares = log_shares(&figures);
            (shares.iter().sum::<f64>() > 0.0).then(|| {
                entries
                    .iter()
                    .zip(&shares)
                    .map(|(e, w)| w * e.score.e_index)
                    .sum()
            })
        })
        .collect();
    let there: Vec<f64> = weighted.iter().flatten().copied().collect();
    Aggregate {
        count: entries.len(),
        median: super::cohort::median(entries.iter().map(|e| e.score.e_index).collect()),
        e_index: (!there.is_empty()).then(|| there.iter().sum::<f64>() / there.len() as f64),
        weighted,
    }
}

/// The groups the seed gives an aggregate for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Group {
    All,
    Kind(InstitutionKind),
    /// One ministry sector ("resors"); entries without a sector are in none.
    Sector(String),
}

/// The aggregate of every group of `entries` (one year's cohort): all, ministries,
/// institutions, then each sector in Latvian alphabetical order. Empty groups are left out.
pub fn by_group(entries: &[&Entry], weigh_by: &[usize]) -> Vec<(Group, Aggregate)> {
    let mut sectors: Vec<&str> = entries.iter().filter_map(|e| e.sector.as_deref()).collect();
    sectors.sort_by(|a, b| crate::i18n::compare_lv(a, b));
    sectors.dedup();
    let groups = [
        Group::All,
        Group::Kind(InstitutionKind::Ministry),
        Group::Kind(InstitutionKind::Institution),
    ]
    .into_iter()
    .chain(sectors.into_iter().map(|s| Group::Sector(s.to_owned())));
    groups
        .filter_map(|group| {
            let members: Vec<&Entry> = entries.iter().copied().filter(|e| group.holds(e)).collect();
            (!members.is_empty()).then(|| {
                let a = aggregate(&members, weigh_by);
                (group, a)
            })
        })
        .collect()
}

impl Group {
    pub fn holds(&self, e: &Entry) -> bool {
        match self {
            Group::All => true,
            Group::Kind(kind) => e.kind == *kind,
            Group::Sector(s) => e.sector.as_deref() == Some(s.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: InstitutionKind, e_index: f64, figures: [Option<f64>; 3]) -> Entry {
        crate::scoring::cohort::tests::entry_with(kind, e_index, figures.to_vec())
    }

    const WEIGH_BY: [usize; 3] = [0, 1, 2];

    fn close(a: f64, b: f64, within: f64) -> bool {
        (a - b).abs() <= within
    }

    /// Seed lines 10145–10160: an institution with 83,892 documents sent and received among
    /// institutions with 2,934,730 in all; ln 83,892 = 11.34, the sum of the logarithms is
    /// 734.91, so its weight is 1.54 %, where the arithmetic share would be 2.86 %. The
    /// others here are made to give the seed's two sums: 67 with 41,457 documents and one
    /// with 73,219 (83,892 + 67 × 41,457 + 73,219 = 2,934,730; 11.34 + 67 × 10.63 + 11.20 =
    /// 734.91).
    #[test]
    fn the_seeds_worked_example_of_a_logarithmic_weight() {
        let mut figures = vec![Some(83_892.0)];
        figures.extend(std::iter::repeat_n(Some(41_457.0), 67));
        figures.push(Some(73_219.0));
        let total: f64 = figures.iter().flatten().sum();
        assert_eq!(total, 2_934_730.0);
        let logs: f64 = figures.iter().map(|&f| log_weight(f)).sum();
        assert!(close(logs, 734.91, 0.005), "{logs}");
        assert!(close(log_weight(Some(83_892.0)), 11.34, 0.005));
        let share = log_shares(&figures)[0];
        assert!(close(100.0 * share, 1.54, 0.005), "{share}");
        assert!(close(100.0 * 83_892.0 / total, 2.86, 0.005));
        // The seed's institution has an e-index of 81.81: it adds 1.26 to the weighted value.
        assert!(close(share * 81.81, 1.26, 0.005));
    }

    /// A cohort of five, figures in powers of ten so that the logarithms are multiples of
    /// ln 10 and each weight is an exponent over the sum of exponents:
    ///
    /// | | kind | e-index | documents | services | employees |
    /// |---|---|---|---|---|---|
    /// | A | ministry | 80 | 10,000 (4) | 100 (2) | 1,000 (3) |
    /// | B | institution | 60 | 1,000 (3) | 10 (1) | 100 (2) |
    /// | C | institution | 40 | 100 (2) | 1 (0) | 10 (1) |
    /// | D | ministry | 30 | not available (0) | 0 (0) | 1 (0) |
    /// | E | institution | 50 | 10 (1) | 10 (1) | 100 (2) |
    ///
    /// All: documents (4·80 + 3·60 + 2·40 + 1·50) ÷ 10 = 63; services (2·80 + 1·60 + 1·50) ÷
    /// 4 = 67.5; employees (3·80 + 2·60 + 1·40 + 2·50) ÷ 8 = 62.5; aggregate (63 + 67.5 +
    /// 62.5) ÷ 3 = 64.33, where the mean is 52 and the median 50. D, who gave no figure above
    /// 1, weighs nothing anywhere.
    /// Ministries (A, D): every figure is A's alone, 80 (median 55). Institutions (B, C, E):
    /// documents (3·60 + 2·40 + 1·50) ÷ 6 = 51.67; services (60 + 50) ÷ 2 = 55; employees
    /// (2·60 + 1·40 + 2·50) ÷ 5 = 52; aggregate 52.89 (median 50).
    #[test]
    fn a_hand_computed_cohort_of_five() {
        use InstitutionKind::{Institution, Ministry};
        let cohort = [
            entry(Ministry, 80.0, [Some(10_000.0), Some(100.0), Some(1_000.0)]),
            entry(Institution, 60.0, [Some(1_000.0), Some(10.0), Some(100.0)]),
            entry(Institution, 40.0, [Some(100.0), Some(1.0), Some(10.0)]),
            entry(Ministry, 30.0, [None, Some(0.0), Some(1.0)]),
            entry(Institution, 50.0, [Some(10.0), Some(10.0), Some(100.0)]),
        ];
        let all: Vec<&Entry> = cohort.iter().collect();
        let groups = by_group(&all, &WEIGH_BY);
        let expect = |group: Group, weighted: [f64; 3], e_index: f64, count: usize, median| {
            let (_, a) = groups.iter().find(|(g, _)| *g == group).unwrap();
            assert_eq!(a.count, count, "{group:?}");
            assert_eq!(a.median, Some(median), "{group:?}");
            for (got, want) in a.weighted.iter().zip(weighted) {
                assert!(close(got.unwrap(), want, 0.005), "{group:?}: {a:?}");
            }
            assert!(
                close(a.e_index.unwrap(), e_index, 0.005),
                "{group:?}: {a:?}"
            );
        };
        expect(Group::All, [63.0, 67.5, 62.5], 64.333, 5, 50.0);
        expect(Group::Kind(Ministry), [80.0, 80.0, 80.0], 80.0, 2, 55.0);
        expect(
            Group::Kind(Institution),
            [51.667, 55.0, 52.0],
            52.889,
            3,
            50.0,
        );
        assert_eq!(groups.len(), 3, "no sectors in this cohort");
    }

    /// C and D: only C has documents and employees above 1, and neither has services above
    /// 1, so services drop out of the mean and the aggregate is C's own 40. With no figure at
    /// all there is no aggregate.
    #[test]
    fn a_figure_no_one_has_drops_out_of_the_mean() {
        use InstitutionKind::Institution;
        let c = entry(Institution, 40.0, [Some(100.0), Some(1.0), Some(10.0)]);
        let d = entry(Institution, 30.0, [None, Some(0.0), Some(1.0)]);
        let a = aggregate(&[&c, &d], &WEIGH_BY);
        assert_eq!(a.weighted, [Some(40.0), None, Some(40.0)]);
        assert_eq!(a.e_index, Some(40.0));
        let a = aggregate(&[&d], &WEIGH_BY);
        assert_eq!(a.weighted, [None, None, None]);
        assert_eq!(a.e_index, None);
        assert_eq!(a.count, 1);
    }

    #[test]
    fn zero_one_and_not_available_weigh_nothing() {
        assert_eq!(log_weight(Some(1.0)), 0.0);
        assert_eq!(log_weight(Some(0.0)), 0.0);
        assert_eq!(log_weight(Some(0.5)), 0.0, "no negative weight");
        assert_eq!(log_weight(None), 0.0);
        assert_eq!(log_shares(&[Some(0.0), None, Some(1.0)]), [0.0, 0.0, 0.0]);
        let shares = log_shares(&[Some(0.0), Some(std::f64::consts::E), None]);
        assert_eq!(shares, [0.0, 1.0, 0.0]);
    }

    #[test]
    fn sectors_are_their_own_groups() {
        use InstitutionKind::Institution;
        let mut a = entry(Institution, 70.0, [Some(100.0), Some(10.0), Some(10.0)]);
        a.sector = Some("Zemkopības ministrija".into());
        let mut b = entry(Institution, 40.0, [Some(10.0), Some(10.0), Some(10.0)]);
        b.sector = Some("Ekonomikas ministrija".into());
        let c = entry(Institution, 50.0, [Some(10.0), Some(10.0), Some(10.0)]);
        let groups = by_group(&[&a, &b, &c], &WEIGH_BY);
        let names: Vec<&Group> = groups.iter().map(|(g, _)| g).collect();
        assert_eq!(
            names,
            [
                &Group::All,
                &Group::Kind(Institution),
                &Group::Sector("Ekonomikas ministrija".into()),
                &Group::Sector("Zemkopības ministrija".into()),
            ],
            "no ministries here, and C has no sector"
        );
        assert_eq!(groups[3].1.e_index, Some(70.0));
    }
}
