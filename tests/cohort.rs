//! The cohort through the real binary: `anketa results --all --json` on the demo database holds
//! each year's aggregate e-index per group (the seed's logarithmic weights, recomputed here from
//! the submissions' own figures) and its segments (quintiles of four indicators); `anketa check`
//! lints the model's `[aggregate]` and `[segments]`.

mod common;

use common::{anketa, anketa_on};
use serde_json::Value;
use std::path::Path;

const WEIGH_BY: [&str; 3] = ["documents", "services", "employees"];
const SEGMENTS: [&str; 4] = [
    "services",
    "employees",
    "document_e_level",
    "transaction_e_level",
];

fn demo_json(dir: &Path) -> Value {
    let db = dir.join("d.db");
    let (code, out, err) = anketa_on(&db, &["demo", "--no-tui"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = anketa_on(&db, &["results", "--all", "--json"]);
    assert_eq!(code, 0, "{out}{err}");
    serde_json::from_str(&out).expect("results --json is JSON")
}

fn number(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// The seed's weighted value for one figure, computed independently of the program: each
/// submission weighs ln(figure) ÷ Σ ln(figure), a figure of at most 1 or none weighing 0.
fn weighted(members: &[&Value], figure: &str) -> Option<f64> {
    let log = |e: &Value| {
        e["weighed_by"][figure]
            .as_f64()
            .filter(|&x| x > 1.0)
            .map_or(0.0, f64::ln)
    };
    let sum: f64 = members.iter().map(|e| log(e)).sum();
    (sum > 0.0).then(|| {
        members
            .iter()
            .map(|e| log(e) / sum * number(&e["e_index"]))
            .sum()
    })
}

#[test]
fn results_json_holds_the_aggregate_per_group_and_the_segments() {
    let dir = tempfile::tempdir().unwrap();
    let json = demo_json(dir.path());
    let submissions = json["submissions"].as_array().expect("the submissions");
    assert_eq!(submissions.len(), 91);
    let years = json["years"].as_array().expect("the years");
    assert_eq!(years.len(), 1, "the demo is one year");
    let year = &years[0];
    assert_eq!(year["year"], 2019);
    assert_eq!(year["count"], 91);

    let aggregate = &year["aggregate"];
    assert_eq!(aggregate["weigh_by"], serde_json::json!(WEIGH_BY));
    // Each group by the kind its members have; all of any kind.
    for (name, kind) in [
        ("all", None),
        ("ministries", Some("ministry")),
        ("institutions", Some("institution")),
    ] {
        let members: Vec<&Value> = submissions
            .iter()
            .filter(|e| kind.is_none_or(|k| e["kind"] == k))
            .collect();
        let group = &aggregate[name];
        assert_eq!(group["count"], members.len(), "{name}");
        let mut values = Vec::new();
        for figure in WEIGH_BY {
            // The e-indices in the JSON are rounded to one decimal: within 0.05 of the program's.
            let expected = weighted(&members, figure).expect("the demo has every figure");
            let given = number(&group[figure]);
            assert!(
                (given - expected).abs() < 0.05,
                "{name} {figure}: {given} vs {expected}"
            );
            values.push(given);
        }
        let mean = values.iter().sum::<f64>() / 3.0;
        let e_index = number(&group["e_index"]);
        assert!(
            (e_index - mean).abs() < 0.01,
            "{name}: {e_index} is the mean of {values:?}"
        );
        // The median is a different figure, given beside it.
        let mut sorted: Vec<f64> = members.iter().map(|e| number(&e["e_index"])).collect();
        sorted.sort_by(f64::total_cmp);
        let median = number(&group["median"]);
        assert!(sorted.first().unwrap() <= &median && &median <= sorted.last().unwrap());
        assert_ne!(median, e_index, "{name}");
    }
    let sectors = aggregate["sectors"].as_object().expect("sectors by name");
    assert!(!sectors.is_empty());
    for (sector, group) in sectors {
        let count = submissions
            .iter()
            .filter(|e| e["sector"] == sector.as_str())
            .count();
        assert_eq!(group["count"], count, "{sector}");
    }

    let segments = year["segments"].as_array().expect("the segments");
    let ids: Vec<&str> = segments
        .iter()
        .map(|s| s["indicator"].as_str().unwrap())
        .collect();
    assert_eq!(ids, SEGMENTS);
    for segment in segments {
        let id = segment["indicator"].as_str().unwrap();
        let quintiles = segment["quintiles"].as_array().unwrap();
        assert_eq!(quintiles.len(), 5);
        let counts: Vec<u64> = quintiles
            .iter()
            .map(|q| q["count"].as_u64().unwrap())
            .collect();
        let without = segment["without_figure"].as_u64().unwrap();
        assert_eq!(counts.iter().sum::<u64>() + without, 91, "{id}: {counts:?}");
        // A fifth each, give or take the equal figures that share a quintile.
        assert!(counts.iter().all(|&c| c > 0), "{id}: {counts:?}");
        // Quintiles follow the figures: each one's lowest is above the previous one's highest.
        for pair in quintiles.windows(2) {
            assert!(
                number(&pair[0]["to"]) < number(&pair[1]["from"]),
                "{id}: {pair:?}"
            );
        }
        // Each submission's quintile is the one its figure falls in.
        for e in submissions {
            let quintile = &e["segments"][id];
            match e["indicators"][id].as_f64() {
                None => assert!(quintile.is_null(), "without the figure, in no quintile"),
                Some(x) => {
                    let q = &quintiles[quintile.as_u64().unwrap() as usize - 1];
                    assert!(
                        number(&q["from"]) <= x && x <= number(&q["to"]),
                        "{id}: {x} {q}"
                    );
                }
            }
        }
    }
    // Every submission carries the figures it is weighed by.
    for e in submissions {
        for figure in WEIGH_BY {
            assert_eq!(e["weighed_by"][figure], e["indicators"][figure], "{figure}");
        }
    }
}

/// One submission named: the cohort of its year still comes with it, computed over the year.
#[test]
fn one_submission_comes_with_its_years_cohort() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let (code, out, err) = anketa_on(&db, &["demo", "--no-tui"]);
    assert_eq!(code, 0, "{out}{err}");
    let (_, all, _) = anketa_on(&db, &["results", "--json"]);
    let all: Value = serde_json::from_str(&all).unwrap();
    let id = all["submissions"][0]["submission"].to_string();
    let (code, one, err) = anketa_on(&db, &["results", "--submission", &id, "--json"]);
    assert_eq!(code, 0, "{err}");
    let one: Value = serde_json::from_str(&one).unwrap();
    assert_eq!(one["submissions"].as_array().unwrap().len(), 1);
    assert_eq!(one["submissions"][0], all["submissions"][0]);
    assert_eq!(one["years"], all["years"]);
}

/// Two years in one database: each year's cohort is its own 91 submissions, never the 182
/// together, and each submission's quintiles are those of its year.
#[test]
fn each_year_has_a_cohort_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    for year in ["2019", "2020"] {
        let (code, out, err) = anketa_on(&db, &["demo", "--no-tui", "--year", year]);
        assert_eq!(code, 0, "{out}{err}");
    }
    let (code, out, err) = anketa_on(&db, &["results", "--json"]);
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["submissions"].as_array().unwrap().len(), 182);
    let years: Vec<(u64, u64)> = json["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| {
            (
                y["year"].as_u64().unwrap(),
                y["aggregate"]["all"]["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(years, [(2019, 91), (2020, 91)]);
    for y in json["years"].as_array().unwrap() {
        let counts: u64 = y["segments"][0]["quintiles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["count"].as_u64().unwrap())
            .sum();
        assert_eq!(counts, 91, "{}", y["year"]);
    }
}

// ---------------------------------------------------------------------------------------------
// Lint: `anketa check` on a copy of the model beside a copy of its questionnaire

/// `anketa check --short` of the shipped model with `from` replaced by `to`: its lines, and the
/// 1-based line and column where `needle` is in the edited text.
fn check_edited(from: &str, to: &str, needle: &str) -> (Vec<String>, String) {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaire");
    std::fs::copy(
        root.join("eindex-2019.toml"),
        dir.path().join("eindex-2019.toml"),
    )
    .unwrap();
    let model = std::fs::read_to_string(root.join("eindex-2019.scoring.toml")).unwrap();
    assert!(model.contains(from), "{from:?} is in the model");
    let text = model.replacen(from, to, 1);
    let path = dir.path().join("eindex-2019.scoring.toml");
    std::fs::write(&path, &text).unwrap();
    let name = path.to_str().unwrap();
    let (code, out, err) = anketa(&["check", "--short", name]);
    assert_eq!(code, 1, "{out}{err}");
    let at = text.find(needle).expect("needle");
    let line = text[..at].matches('\n').count() + 1;
    let col = text[..at].chars().rev().take_while(|&c| c != '\n').count() + 1;
    let lines = out.lines().map(str::to_owned).collect();
    (lines, format!("{name}:{line}:{col}: "))
}

#[test]
fn check_names_an_unknown_indicator_in_weigh_by_and_in_segments() {
    let (out, at) = check_edited(
        r#"weigh_by = ["documents", "services", "employees"]"#,
        r#"weigh_by = ["documents", "servises", "employees"]"#,
        r#""servises""#,
    );
    assert_eq!(
        out[0],
        format!(
            "{at}unknown indicator `servises`; the [[indicators]] are: transaction_e_level, \
             document_e_level, services, employees, documents"
        )
    );
    let (out, at) = check_edited(
        r#"quintiles_of = ["services","#,
        r#"quintiles_of = ["staff","#,
        r#""staff""#,
    );
    assert!(
        out[0].starts_with(&format!("{at}unknown indicator `staff`")),
        "{out:?}"
    );
}

#[test]
fn check_refuses_an_indicator_named_twice_or_an_empty_list() {
    let (out, at) = check_edited(
        r#"weigh_by = ["documents", "services", "employees"]"#,
        r#"weigh_by = ["documents", "services", "documents"]"#,
        r#""documents"]"#,
    );
    assert_eq!(out[0], format!("{at}indicator `documents` is named twice"));
    let (out, at) = check_edited(
        r#"quintiles_of = ["services", "employees", "document_e_level", "transaction_e_level"]"#,
        "quintiles_of = []",
        "[]",
    );
    assert_eq!(
        out[0],
        format!("{at}name at least one indicator, or leave the table out")
    );
    let (out, at) = check_edited(
        r#"id = "documents""#,
        r#"id = "services""#,
        r#""services"
label = "Nosūtīto"#,
    );
    assert_eq!(out[0], format!("{at}indicator `services` is defined twice"));
}
