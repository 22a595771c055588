//! The built-in e-index questionnaire (`questionnaire/eindex-2019.toml`) through the rule
//! engine, as the respondent meets it: every consistency check of the domain notes ("channel
//! totals must sum", "a part never exceeds its whole") with the exact Latvian message, the
//! undecided cases ("Dati nav pieejami" is not 0, a blank is not 0), hidden questions, the
//! individual-service-form selection rule (top 20 % by P52, never fewer than 20) and the
//! required-answer and validity findings.
//!
//! Expected messages are the TOML templates filled in by hand, not rendered by the engine.

mod common;

use anketa::i18n::{Lang, finding_message};
use anketa::questionnaire::{Questionnaire, Severity};
use anketa::response::{Response, Value};
use anketa::rules::{self, Evaluation, Finding, FindingKind, Invalid, Location};
use common::answers::{answers, service};
use common::fixtures::eindex;

// ---------------------------------------------------------------------------------------------
// Helpers

/// A section's index by its id.
fn section(q: &Questionnaire, id: &str) -> usize {
    q.sections
        .iter()
        .position(|s| s.id == id)
        .unwrap_or_else(|| panic!("no section {id:?} in the e-index questionnaire"))
}

/// An item's id by its code.
fn item(q: &Questionnaire, code: &str) -> usize {
    q.item(code)
        .unwrap_or_else(|| panic!("no item {code:?} in the e-index questionnaire"))
}

fn n(v: i64) -> Value {
    Value::Number(v as f64)
}

const NA: Value = Value::NotAvailable;

/// The findings raised by named checks.
fn check_findings(e: &Evaluation) -> Vec<&Finding> {
    e.findings
        .iter()
        .filter(|f| matches!(f.kind, FindingKind::Check { .. }))
        .collect()
}

/// Every finding that points at `code` (in any instance).
fn findings_at<'e>(q: &Questionnaire, e: &'e Evaluation, code: &str) -> Vec<&'e Finding> {
    let id = item(q, code);
    e.findings
        .iter()
        .filter(|f| f.location.item == id)
        .collect()
}

/// The finding a failing check must produce.
fn check_finding(
    q: &Questionnaire,
    section_id: &str,
    on: &str,
    instance: Option<usize>,
    name: &str,
    message: &str,
) -> Finding {
    Finding {
        location: Location {
            section: section(q, section_id),
            item: item(q, on),
            instance,
        },
        severity: Severity::Error,
        kind: FindingKind::Check {
            name: name.to_owned(),
            message: message.to_owned(),
        },
    }
}

/// Asserts that the only check finding is `expected`, and that the respondent reads `message`.
fn assert_only_check(e: &Evaluation, expected: &Finding, message: &str) {
    let found = check_findings(e);
    assert_eq!(found, vec![expected], "check findings");
    assert_eq!(finding_message(Lang::Lv, found[0]), message);
}

fn assert_no_check(e: &Evaluation, what: &str) {
    let found = check_findings(e);
    assert!(
        found.is_empty(),
        "{what}: expected no check finding, got {found:#?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Channel sums, per service (section `service_statistics`)

#[test]
fn p52_channel_sum_fails_with_the_figures_in_the_message() {
    let q = eindex();
    let mut r = Response::default();
    service(
        &mut r,
        "s1",
        &[
            ("P52", n(120)),
            ("P52_K", n(50)),
            ("P52_T", n(10)),
            ("P52_P", n(8)),
            ("P52_E", n(50)),
        ],
    );
    let e = rules::evaluate(q, &r);
    let message = "Pieteikumu kopskaits (120) nesakrīt ar kanālu summu (118)";
    let expected = check_finding(
        q,
        "service_statistics",
        "P52",
        Some(0),
        "p52_channels_sum",
        message,
    );
    assert_only_check(&e, &expected, message);
}

#[test]
fn p52_channel_sum_passes_when_equal() {
    let q = eindex();
    let mut r = Response::default();
    service(
        &mut r,
        "s1",
        &[
            ("P52", n(118)),
            ("P52_K", n(50)),
            ("P52_T", n(10)),
            ("P52_P", n(8)),
            ("P52_E", n(50)),
        ],
    );
    // Zeros are figures like any other.
    service(
        &mut r,
        "s2",
        &[
            ("P52", n(0)),
            ("P52_K", n(0)),
            ("P52_T", n(0)),
            ("P52_P", n(0)),
            ("P52_E", n(0)),
        ],
    );
    assert_no_check(&rules::evaluate(q, &r), "P52 = sum of channels");
}

#[test]
fn p52_channel_sum_is_undecided_with_a_channel_not_available_or_blank() {
    let q = eindex();
    // Were "Dati nav pieejami" 0, 50 + 10 + 0 + 50 = 110 ≠ 120 would fail.
    let mut r = Response::default();
    service(
        &mut r,
        "s1",
        &[
            ("P52", n(120)),
            ("P52_K", n(50)),
            ("P52_T", n(10)),
            ("P52_P", NA),
            ("P52_E", n(50)),
        ],
    );
    assert_no_check(&rules::evaluate(q, &r), "P52_P not available");

    // A blank channel: the required rule's business, not the check's.
    let mut r = Response::default();
    service(
        &mut r,
        "s1",
        &[
            ("P52", n(120)),
            ("P52_K", n(50)),
            ("P52_T", n(10)),
            ("P52_P", n(8)),
        ],
    );
    let e = rules::evaluate(q, &r);
    assert_no_check(&e, "P52_E blank");
    let missing: Vec<_> = findings_at(q, &e, "P52_E");
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].kind, FindingKind::Missing);

    // The total itself not available.
    let mut r = Response::default();
    service(
        &mut r,
        "s1",
        &[
            ("P52", NA),
            ("P52_K", n(50)),
            ("P52_T", n(10)),
            ("P52_P", n(8)),
            ("P52_E", n(50)),
        ],
    );
    assert_no_check(&rules::evaluate(q, &r), "P52 not available");
}

#[test]
fn p53_channel_sum_is_checked_per_service_instance() {
    let q = eindex();
    let mut r = Response::default();
    let consistent = [
        ("P53", n(85)),
        ("P53_K", n(40)),
        ("P53_T", n(0)),
        ("P53_P", n(5)),
        ("P53_E", n(40)),
    ];
    service(&mut r, "s1", &consistent);
    service(
        &mut r,
        "s2",
        &[
            ("P53", n(90)),
            ("P53_K", n(40)),
            ("P53_T", n(0)),
            ("P53_P", n(5)),
            ("P53_E", n(40)),
        ],
    );
    service(&mut r, "s3", &consistent);
    let e = rules::evaluate(q, &r);
    let message = "Izsniegto rezultātu kopskaits (90) nesakrīt ar kanālu summu (85)";
    let expected = check_finding(
        q,
        "service_statistics",
        "P53",
        Some(1),
        "p53_channels_sum",
        message,
    );
    assert_only_check(&e, &expected, message);
}

#[test]
fn p53_channel_sum_passes_when_equal_and_is_undecided_when_not_available() {
    let q = eindex();
    let mut r = Response::default();
    service(
        &mut r,
        "s1",
        &[
            ("P53", n(85)),
            ("P53_K", n(40)),
            ("P53_T", n(0)),
            ("P53_P", n(5)),
            ("P53_E", n(40)),
        ],
    );
    assert_no_check(&rules::evaluate(q, &r), "P53 = sum of channels");

    // Were "not available" 0, 40 + 0 + 5 + 0 = 45 ≠ 90 would fail.
    let mut r = Response::default();
    service(
        &mut r,
        "s1",
        &[
            ("P53", n(90)),
            ("P53_K", n(40)),
            ("P53_T", n(0)),
            ("P53_P", n(5)),
            ("P53_E", NA),
        ],
    );
    assert_no_check(&rules::evaluate(q, &r), "P53_E not available");

    let mut r = Response::default();
    service(
        &mut r,
        "s1",
        &[
            ("P53_K", n(40)),
            ("P53_T", n(0)),
            ("P53_P", n(5)),
            ("P53_E", n(40)),
        ],
    );
    assert_no_check(&rules::evaluate(q, &r), "P53 blank");
}

// ---------------------------------------------------------------------------------------------
// P1025.2 ≤ P1025.1, per service, shown only when P12M contains 1 (section `service_form`)

fn p1025_service(p12m: Option<Vec<i64>>, starts: Value, completions: Value) -> Response {
    let mut r = Response::default();
    service(&mut r, "s0", &[("P52", n(10))]);
    let mut pairs = vec![("P1025.1", starts), ("P1025.2", completions)];
    if let Some(codes) = p12m {
        pairs.push(("P12M", Value::Choices(codes)));
    }
    service(&mut r, "s1", &pairs);
    r
}

#[test]
fn p1025_completions_above_starts_fail() {
    let q = eindex();
    let message =
        "Pabeigšanas gadījumu skaits (45) nevar pārsniegt uzsākšanas gadījumu skaitu (40)";
    let expected = check_finding(
        q,
        "service_form",
        "P1025.2",
        Some(1),
        "p1025_completions_le_starts",
        message,
    );
    for p12m in [vec![1], vec![1, 2]] {
        let r = p1025_service(Some(p12m), n(40), n(45));
        assert_only_check(&rules::evaluate(q, &r), &expected, message);
    }
}

#[test]
fn p1025_completions_within_starts_pass() {
    let q = eindex();
    for (starts, completions) in [(40, 40), (40, 39), (0, 0)] {
        let r = p1025_service(Some(vec![1]), n(starts), n(completions));
        assert_no_check(
            &rules::evaluate(q, &r),
            &format!("P1025.1 = {starts}, P1025.2 = {completions}"),
        );
    }
}

#[test]
fn p1025_is_undecided_when_a_figure_is_blank() {
    let q = eindex();
    let mut r = Response::default();
    service(
        &mut r,
        "s1",
        &[("P12M", Value::Choices(vec![1])), ("P1025.2", n(45))],
    );
    let e = rules::evaluate(q, &r);
    assert_no_check(&e, "P1025.1 blank");
    // The blank start count is a missing answer instead.
    let missing = findings_at(q, &e, "P1025.1");
    assert_eq!(missing.len(), 1, "{missing:#?}");
    assert_eq!(missing[0].kind, FindingKind::Missing);
    assert_eq!(missing[0].location.instance, Some(0));
}

#[test]
fn p1025_is_not_checked_while_hidden() {
    let q = eindex();
    // P12M = [0] ("Nav"), [2] (only "Saņemšana") or blank: P1025.* are not asked.
    for p12m in [Some(vec![0]), Some(vec![2]), None] {
        let r = p1025_service(p12m.clone(), n(40), n(45));
        let e = rules::evaluate(q, &r);
        assert!(
            !e.is_visible(item(q, "P1025.2"), Some(1), q),
            "P12M = {p12m:?}"
        );
        assert_no_check(&e, &format!("P12M = {p12m:?}"));
        assert!(findings_at(q, &e, "P1025.2").is_empty());
        assert!(findings_at(q, &e, "P1025.1").is_empty());
    }
    // A hidden answer is not validated either.
    let r = p1025_service(Some(vec![0]), n(-1), n(-5));
    let e = rules::evaluate(q, &r);
    assert!(findings_at(q, &e, "P1025.1").is_empty());
    assert!(findings_at(q, &e, "P1025.2").is_empty());
}

// ---------------------------------------------------------------------------------------------
// Documents and invoices: a part never exceeds its whole (section `internal_processes`)

struct PartOfWhole {
    name: &'static str,
    part: &'static str,
    whole: &'static str,
    /// Answers that make `part` visible and keep every other check quiet.
    context: &'static [(&'static str, i64)],
    /// A failing (part, whole).
    failing: (i64, i64),
    /// The message the respondent then reads.
    message: &'static str,
}

const PART_OF_WHOLE: &[PartOfWhole] = &[
    PartOfWhole {
        name: "d24_le_d21",
        part: "D24",
        whole: "D21",
        context: &[],
        failing: (130, 120),
        message: "Elektronisko dokumentu skaits (130) nevar pārsniegt saņemto dokumentu kopskaitu (120)",
    },
    PartOfWhole {
        name: "d28_le_d21",
        part: "D28",
        whole: "D21",
        context: &[],
        failing: (121, 120),
        message: "Pa pastu vai ar kurjeru saņemto dokumentu skaits (121) nevar pārsniegt saņemto dokumentu kopskaitu (120)",
    },
    PartOfWhole {
        name: "d34_le_d31",
        part: "D34",
        whole: "D31",
        context: &[],
        failing: (75, 60),
        message: "Nosūtīto elektronisko dokumentu skaits (75) nevar pārsniegt nosūtīto dokumentu kopskaitu (60)",
    },
    PartOfWhole {
        name: "p1007_le_d31",
        part: "P1007",
        whole: "D31",
        context: &[],
        failing: (61, 60),
        message: "Nosūtīto papīra formāta dokumentu skaits (61) nevar pārsniegt nosūtīto dokumentu kopskaitu (60)",
    },
    PartOfWhole {
        name: "p1007a_le_p1007",
        part: "P1007A",
        whole: "P1007",
        context: &[("D31", 100)],
        failing: (12, 9),
        message: "Pa pastu vai ar kurjeru nosūtīto dokumentu skaits (12) nevar pārsniegt nosūtīto papīra formāta dokumentu skaitu (9)",
    },
    PartOfWhole {
        name: "d53_le_d51",
        part: "D53",
        whole: "D51",
        context: &[],
        failing: (45, 40),
        message: "Izrakstīto mašīnlasāmo rēķinu skaits (45) nevar pārsniegt izrakstīto rēķinu kopskaitu (40)",
    },
    PartOfWhole {
        name: "d53_pub_le_d53",
        part: "D53_PUB",
        whole: "D53",
        context: &[("D51", 100)],
        failing: (31, 30),
        message: "Izrakstīto publisko iepirkuma mašīnlasāmo rēķinu skaits (31) nevar pārsniegt izrakstīto mašīnlasāmo rēķinu skaitu (30)",
    },
    PartOfWhole {
        name: "d53_lvs_le_d53",
        part: "D53_LVS",
        whole: "D53",
        context: &[("D51", 100)],
        failing: (17, 16),
        message: "Izrakstīto LVS EN 16931 standarta rēķinu skaits (17) nevar pārsniegt izrakstīto mašīnlasāmo rēķinu skaitu (16)",
    },
    PartOfWhole {
        name: "d53s_le_d51s",
        part: "D53S",
        whole: "D51S",
        context: &[],
        failing: (250, 200),
        message: "Saņemto mašīnlasāmo rēķinu skaits (250) nevar pārsniegt saņemto rēķinu kopskaitu (200)",
    },
    PartOfWhole {
        name: "d53s_pub_le_d53s",
        part: "D53S_PUB",
        whole: "D53S",
        context: &[("D51S", 500)],
        failing: (90, 80),
        message: "Saņemto publisko iepirkuma mašīnlasāmo rēķinu skaits (90) nevar pārsniegt saņemto mašīnlasāmo rēķinu skaitu (80)",
    },
    PartOfWhole {
        name: "d53s_lvs_le_d53s_pub",
        part: "D53S_LVS",
        whole: "D53S_PUB",
        context: &[("D51S", 500), ("D53S", 400)],
        failing: (300, 200),
        message: "Saņemto LVS EN 16931 standarta rēķinu skaits (300) nevar pārsniegt saņemto publisko iepirkuma mašīnlasāmo rēķinu skaitu (200)",
    },
];

impl PartOfWhole {
    /// The context plus `part` and `whole`; `None` leaves one blank.
    fn response(&self, part: Option<Value>, whole: Option<Value>) -> Response {
        let mut r = Response::default();
        for &(code, v) in self.context {
            r.set(code, n(v));
        }
        if let Some(v) = part {
            r.set(self.part, v);
        }
        if let Some(v) = whole {
            r.set(self.whole, v);
        }
        r
    }
}

#[test]
fn every_part_of_whole_check_fails_with_its_message() {
    let q = eindex();
    for case in PART_OF_WHOLE {
        let (part, whole) = case.failing;
        let r = case.response(Some(n(part)), Some(n(whole)));
        let e = rules::evaluate(q, &r);
        let expected = check_finding(
            q,
            "internal_processes",
            case.part,
            None,
            case.name,
            case.message,
        );
        let found = check_findings(&e);
        assert_eq!(found, vec![&expected], "{}", case.name);
        assert_eq!(
            finding_message(Lang::Lv, found[0]),
            case.message,
            "{}",
            case.name
        );
    }
}

#[test]
fn every_part_of_whole_check_passes_within_bounds() {
    let q = eindex();
    for case in PART_OF_WHOLE {
        let whole = case.failing.1;
        for part in [whole, whole - 1] {
            let r = case.response(Some(n(part)), Some(n(whole)));
            assert_no_check(
                &rules::evaluate(q, &r),
                &format!(
                    "{}: {} = {part}, {} = {whole}",
                    case.name, case.part, case.whole
                ),
            );
        }
    }
}

#[test]
fn every_part_of_whole_check_is_undecided_when_not_available_or_blank() {
    let q = eindex();
    for case in PART_OF_WHOLE {
        let (part, whole) = case.failing;
        let undecided = [
            ("part not available", Some(NA), Some(n(whole))),
            // Were "not available" 0, part > 0 would fail.
            ("whole not available", Some(n(part)), Some(NA)),
            ("whole blank", Some(n(part)), None),
            ("part blank", None, Some(n(whole))),
            ("both not available", Some(NA), Some(NA)),
        ];
        for (what, p, w) in undecided {
            let r = case.response(p, w);
            assert_no_check(&rules::evaluate(q, &r), &format!("{}: {what}", case.name));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Hidden rows are not checked

#[test]
fn d53_pub_hidden_by_d53_zero_is_not_checked() {
    let q = eindex();
    let r = answers(&[("D51", n(10)), ("D53", n(0)), ("D53_PUB", n(5))]);
    let e = rules::evaluate(q, &r);
    assert!(!e.is_visible(item(q, "D53_PUB"), None, q));
    assert_no_check(&e, "D53 = 0 hides D53_PUB");
    assert!(findings_at(q, &e, "D53_PUB").is_empty());

    // "Not available" makes the filter undecided, which hides the row too.
    let r = answers(&[("D51", n(10)), ("D53", NA), ("D53_PUB", n(5))]);
    let e = rules::evaluate(q, &r);
    assert!(!e.is_visible(item(q, "D53_PUB"), None, q));
    assert_no_check(&e, "D53 not available hides D53_PUB");
    assert!(findings_at(q, &e, "D53_PUB").is_empty());
}

#[test]
fn d53s_rows_hidden_down_the_chain_are_not_checked() {
    let q = eindex();
    // D53S = 0 hides D53S_PUB; a hidden D53S_PUB counts as blank, so D53S_LVS is hidden too.
    let r = answers(&[
        ("D51S", n(10)),
        ("D53S", n(0)),
        ("D53S_PUB", n(5)),
        ("D53S_LVS", n(9)),
    ]);
    let e = rules::evaluate(q, &r);
    assert!(!e.is_visible(item(q, "D53S_PUB"), None, q));
    assert!(!e.is_visible(item(q, "D53S_LVS"), None, q));
    assert_no_check(&e, "D53S = 0");

    // D53S_PUB = 0 hides only D53S_LVS.
    let r = answers(&[
        ("D51S", n(10)),
        ("D53S", n(4)),
        ("D53S_PUB", n(0)),
        ("D53S_LVS", n(9)),
    ]);
    let e = rules::evaluate(q, &r);
    assert!(e.is_visible(item(q, "D53S_PUB"), None, q));
    assert!(!e.is_visible(item(q, "D53S_LVS"), None, q));
    assert_no_check(&e, "D53S_PUB = 0");
    assert!(findings_at(q, &e, "D53S_LVS").is_empty());
}

// ---------------------------------------------------------------------------------------------
// Individual service form: which services must be filled

/// `p52.len()` services with these totals and nothing else answered.
fn services_with_p52(p52: &[i64]) -> Response {
    let mut r = Response::default();
    for (i, &v) in p52.iter().enumerate() {
        service(&mut r, &format!("s{i:03}"), &[("P52", n(v))]);
    }
    r
}

/// The instances of the service form the engine requires.
fn required_services(q: &Questionnaire, e: &Evaluation) -> Vec<usize> {
    let form = section(q, "service_form");
    let count = e
        .instances(q.roster("services").expect("services roster"))
        .len();
    (0..count)
        .filter(|&i| e.instance_required(form, i))
        .collect()
}

/// The instances with a `Missing` finding in the service form (P12M is the only question shown
/// when nothing is answered, so one per instance).
fn services_missing(q: &Questionnaire, e: &Evaluation) -> Vec<usize> {
    let form = section(q, "service_form");
    e.findings
        .iter()
        .filter(|f| f.location.section == form && f.kind == FindingKind::Missing)
        .map(|f| {
            f.location
                .instance
                .expect("service form findings are per service")
        })
        .collect()
}

#[test]
fn all_services_required_up_to_twenty() {
    let q = eindex();
    for count in [1, 15, 20] {
        let p52: Vec<i64> = (0..count).map(|i| (i * 13) % 7).collect();
        let e = rules::evaluate(q, &services_with_p52(&p52));
        let all: Vec<usize> = (0..count as usize).collect();
        assert_eq!(required_services(q, &e), all, "{count} services");
        assert_eq!(services_missing(q, &e), all, "{count} services");
    }
}

#[test]
fn at_least_twenty_required_when_a_fifth_is_fewer() {
    let q = eindex();
    // 30 services: ceil(0.2 · 30) = 6 < 20, so 20. All tie at 7 except s025 (50) and s029 (100):
    // those two and then the first 18 in roster order.
    let mut p52 = vec![7; 30];
    p52[25] = 50;
    p52[29] = 100;
    let e = rules::evaluate(q, &services_with_p52(&p52));
    let mut expected: Vec<usize> = (0..18).collect();
    expected.extend([25, 29]);
    assert_eq!(required_services(q, &e), expected);
    assert_eq!(services_missing(q, &e), expected);
    assert!(!e.instance_required(section(q, "service_form"), 18));
}

#[test]
fn boundary_counts_of_required_services() {
    let q = eindex();
    // (services, required): ceil(0.2 · n) against the minimum of 20.
    for (count, wanted) in [(21, 20), (100, 20), (101, 21), (105, 21), (106, 22)] {
        let p52: Vec<i64> = (0..count).map(|i| (i * 31) % 17).collect();
        let e = rules::evaluate(q, &services_with_p52(&p52));
        assert_eq!(required_services(q, &e).len(), wanted, "{count} services");
        assert_eq!(services_missing(q, &e).len(), wanted, "{count} services");
    }
}

#[test]
fn with_226_services_the_46_largest_by_p52_are_required() {
    let q = eindex();
    // The largest institution of 2019. 32 services (every 7th from s003) have distinct large
    // totals, growing towards the end of the roster; then a tier of ties at 500 (every 5th
    // service not already large); the rest small. ceil(0.2 · 226) = 46: the 32 large ones and
    // the first 14 of the tie tier in roster order.
    let p52: Vec<i64> = (0..226)
        .map(|i| {
            if i % 7 == 3 {
                1000 + i
            } else if i % 5 == 0 {
                500
            } else {
                i % 4
            }
        })
        .collect();
    let large: Vec<usize> = (0..226).filter(|i| i % 7 == 3).collect();
    assert_eq!(large.len(), 32);
    let ties_taken = [0, 5, 15, 20, 25, 30, 35, 40, 50, 55, 60, 65, 70, 75];
    let mut expected: Vec<usize> = large.iter().copied().chain(ties_taken).collect();
    expected.sort_unstable();
    assert_eq!(expected.len(), 46);

    let e = rules::evaluate(q, &services_with_p52(&p52));
    assert_eq!(required_services(q, &e), expected);
    // Every unfilled selected service misses its answers; no unselected one does.
    assert_eq!(services_missing(q, &e), expected);

    let form = section(q, "service_form");
    assert!(e.instance_required(form, 220)); // the largest
    assert!(e.instance_required(form, 75)); // the last tie taken
    assert!(!e.instance_required(form, 85)); // the first tie left out
    assert!(!e.instance_required(form, 1)); // small
}

#[test]
fn unselected_service_may_be_left_blank_but_selected_one_may_not() {
    let q = eindex();
    // 30 services: s000..s019 have the largest totals, s020..s029 small ones.
    let p52: Vec<i64> = (0..30).map(|i| if i < 20 { 100 + i } else { i }).collect();
    let mut r = services_with_p52(&p52);
    // Every selected service but s007 has filled its form.
    for i in (0..20).filter(|&i| i != 7) {
        service(
            &mut r,
            &format!("s{i:03}"),
            &[("P12M", Value::Choices(vec![0]))],
        );
    }
    let e = rules::evaluate(q, &r);
    let p12m = item(q, "P12M");
    let form = section(q, "service_form");
    let missing: Vec<&Finding> = e
        .findings
        .iter()
        .filter(|f| f.location.section == form)
        .collect();
    assert_eq!(
        missing,
        vec![&Finding {
            location: Location {
                section: form,
                item: p12m,
                instance: Some(7),
            },
            severity: Severity::Error,
            kind: FindingKind::Missing,
        }]
    );
    assert_eq!(
        finding_message(Lang::Lv, missing[0]),
        "Nav atbildes uz obligātu jautājumu"
    );
}

// ---------------------------------------------------------------------------------------------
// Required answers and invalid answers

#[test]
fn blank_required_question_is_missing() {
    let q = eindex();
    let e = rules::evaluate(q, &Response::default());
    let found = findings_at(q, &e, "V00J");
    assert_eq!(
        found,
        vec![&Finding {
            location: Location {
                section: section(q, "general"),
                item: item(q, "V00J"),
                instance: None,
            },
            severity: Severity::Error,
            kind: FindingKind::Missing,
        }]
    );
    assert_eq!(
        finding_message(Lang::Lv, found[0]),
        "Nav atbildes uz obligātu jautājumu"
    );

    // A blank table row too.
    let found = findings_at(q, &e, "D21");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].kind, FindingKind::Missing);
    assert_eq!(found[0].severity, Severity::Error);
    assert_eq!(found[0].location.section, section(q, "internal_processes"));
}

#[test]
fn not_available_in_a_table_row_counts_as_answered() {
    let q = eindex();
    let mut r = answers(&[("D21", NA), ("D51S", NA)]);
    service(&mut r, "s1", &[("P52", NA), ("P1023", NA)]);
    let e = rules::evaluate(q, &r);
    for code in ["D21", "D51S", "P52", "P1023"] {
        let found = findings_at(q, &e, code);
        assert!(found.is_empty(), "{code}: {found:#?}");
    }
    // Its blank neighbours are still missing.
    assert_eq!(findings_at(q, &e, "D24")[0].kind, FindingKind::Missing);
    assert_eq!(findings_at(q, &e, "P52_K")[0].kind, FindingKind::Missing);
}

#[test]
fn optional_comment_left_blank_gives_nothing() {
    let q = eindex();
    let e = rules::evaluate(q, &Response::default());
    assert!(e.is_visible(item(q, "SAZ_NOTES"), None, q));
    assert!(findings_at(q, &e, "SAZ_NOTES").is_empty());
    let e = rules::evaluate(q, &answers(&[("SAZ_NOTES", Value::Text("  ".into()))]));
    assert!(findings_at(q, &e, "SAZ_NOTES").is_empty());
}

#[test]
fn exclusive_option_mixed_with_others_is_invalid() {
    let q = eindex();
    let e = rules::evaluate(q, &answers(&[("P1001", Value::Choices(vec![0, 1]))]));
    let found = findings_at(q, &e, "P1001");
    assert_eq!(
        found,
        vec![&Finding {
            location: Location {
                section: section(q, "communication"),
                item: item(q, "P1001"),
                instance: None,
            },
            severity: Severity::Error,
            kind: FindingKind::Invalid(Invalid::ExclusiveWithOthers(0)),
        }]
    );
    assert_eq!(
        finding_message(Lang::Lv, found[0]),
        "Atbildi 0 nevar izvēlēties kopā ar citām"
    );

    // Alone, or others without it, it is fine.
    for codes in [vec![0], vec![1, 3, 99]] {
        let e = rules::evaluate(q, &answers(&[("P1001", Value::Choices(codes.clone()))]));
        assert!(findings_at(q, &e, "P1001").is_empty(), "{codes:?}");
    }
}

#[test]
fn number_below_min_is_invalid() {
    let q = eindex();
    let e = rules::evaluate(q, &answers(&[("V00J", n(-1)), ("D24", n(-5))]));
    for (code, section_id) in [("V00J", "general"), ("D24", "internal_processes")] {
        let found = findings_at(q, &e, code);
        assert_eq!(
            found,
            vec![&Finding {
                location: Location {
                    section: section(q, section_id),
                    item: item(q, code),
                    instance: None,
                },
                severity: Severity::Error,
                kind: FindingKind::Invalid(Invalid::BelowMin(0.0)),
            }],
            "{code}"
        );
        assert_eq!(
            finding_message(Lang::Lv, found[0]),
            "Vērtība nedrīkst būt mazāka par 0"
        );
    }
    let e = rules::evaluate(q, &answers(&[("V00J", n(0))]));
    assert!(findings_at(q, &e, "V00J").is_empty());
}

#[test]
fn toggling_options_keeps_exclusive_ones_alone() {
    let q = eindex();
    let p1001 = &q.items[item(q, "P1001")].answer;
    let toggle = |current: Option<Vec<i64>>, code| {
        rules::toggle_option(p1001, current.map(Value::Choices).as_ref(), code)
    };
    // Choosing 0 clears the others; choosing another clears 0.
    assert_eq!(toggle(Some(vec![1, 3, 99]), 0), Value::Choices(vec![0]));
    assert_eq!(toggle(Some(vec![0]), 1), Value::Choices(vec![1]));
    // Ordinary toggling.
    assert_eq!(toggle(None, 0), Value::Choices(vec![0]));
    assert_eq!(toggle(Some(vec![3]), 1), Value::Choices(vec![1, 3]));
    assert_eq!(toggle(Some(vec![1, 3]), 1), Value::Choices(vec![3]));
    assert_eq!(toggle(Some(vec![0]), 0), Value::Choices(vec![]));
    // What toggling gives is always valid.
    for value in [toggle(Some(vec![1, 3, 99]), 0), toggle(Some(vec![0]), 1)] {
        assert_eq!(rules::validate(p1001, &value), None, "{value:?}");
    }

    // K01M has two exclusive options (2 and 0): each clears the other as well.
    let k01m = &q.items[item(q, "K01M")].answer;
    let toggle =
        |current: Vec<i64>, code| rules::toggle_option(k01m, Some(&Value::Choices(current)), code);
    assert_eq!(toggle(vec![2], 0), Value::Choices(vec![0]));
    assert_eq!(toggle(vec![0], 2), Value::Choices(vec![2]));
    assert_eq!(toggle(vec![2], 1), Value::Choices(vec![1]));
    assert_eq!(toggle(vec![1], 0), Value::Choices(vec![0]));
}
