//! The plausibility pass for reviewers (`src/plausibility.rs`): outliers against the cohort by
//! median and MAD, per employee and per service, and changes by more than ×3 since the
//! institution's previous year. On the demo institutions (a realistic cohort) where the figures
//! come from the generator, and on small made-up cohorts where every figure is worked out here.

mod common;

use anketa::demo;
use anketa::ids::SubmissionId;
use anketa::plausibility::{
    Deviation, Entry, Flag, MIN_VALUES, Place, Report, THRESHOLD, Why, check,
};
use anketa::questionnaire::EINDEX_2019;
use anketa::response::{Instance, Response, Value};
use common::fixtures::{eindex, eindex_model};
use std::sync::OnceLock;

struct Sub {
    institution: String,
    year: i32,
    response: Response,
}

/// The demo institutions' 2019 submissions, generated once.
fn demo_cohort() -> &'static [Sub] {
    static COHORT: OnceLock<Vec<Sub>> = OnceLock::new();
    COHORT.get_or_init(|| {
        demo::institutions()
            .unwrap()
            .iter()
            .filter(|i| i.in_eindex)
            .map(|inst| Sub {
                institution: inst.name.clone(),
                year: 2019,
                response: demo::submission(eindex(), EINDEX_2019.1, eindex_model(), inst, 2019)
                    .response(),
            })
            .collect()
    })
}

fn cloned(subs: &[Sub]) -> Vec<Sub> {
    subs.iter()
        .map(|s| Sub {
            institution: s.institution.clone(),
            year: s.year,
            response: s.response.clone(),
        })
        .collect()
}

/// A made-up submission answering `answers` outside rosters.
fn sub(institution: &str, year: i32, answers: &[(&str, Value)]) -> Sub {
    let mut response = Response::default();
    for (code, value) in answers {
        response.set(code, value.clone());
    }
    Sub {
        institution: institution.to_owned(),
        year,
        response,
    }
}

fn num(x: f64) -> Value {
    Value::Number(x)
}

/// Submission ids are the position in `subs`, from 1.
fn run(subs: &[Sub]) -> Vec<Report> {
    let entries: Vec<Entry> = subs
        .iter()
        .enumerate()
        .map(|(i, s)| Entry {
            submission: SubmissionId(i as i64 + 1),
            institution: &s.institution,
            year: s.year,
            response: &s.response,
        })
        .collect();
    let reports = check(eindex(), &entries);
    assert_eq!(reports.len(), subs.len(), "one report per entry");
    for (i, r) in reports.iter().enumerate() {
        assert_eq!(
            r.submission,
            SubmissionId(i as i64 + 1),
            "in the cohort's order"
        );
    }
    reports
}

fn top(item: &str) -> Place {
    Place {
        roster: String::new(),
        instance: String::new(),
        item: item.to_owned(),
    }
}

fn at(flags: &[Flag], place: &Place) -> Vec<Why> {
    flags
        .iter()
        .filter(|f| &f.place == place)
        .map(|f| f.why.clone())
        .collect()
}

fn outlier(whys: &[Why]) -> Option<Deviation> {
    whys.iter().find_map(|w| match w {
        Why::Outlier(d) => Some(*d),
        _ => None,
    })
}

/// The median of `values` worked out by sorting, independently of the module.
fn sorted_median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn service_numbers(subs: &[Sub], code: &str) -> Vec<f64> {
    subs.iter()
        .flat_map(|s| s.response.instances("services"))
        .filter_map(|i| match i.answers.get(code) {
            Some(Value::Number(x)) => Some(*x),
            _ => None,
        })
        .collect()
}

#[test]
fn a_planted_outlier_among_the_demo_institutions_is_flagged_with_its_median_and_mad() {
    let mut subs = cloned(demo_cohort());
    let key = subs[5].response.instances("services")[0].key.clone();
    subs[5]
        .response
        .instance_mut("services", &key)
        .answers
        .insert("P1024".into(), num(100_000.0));
    subs[7].response.set("D21", num(50_000_000.0));
    let reports = run(&subs);

    let values = service_numbers(&subs, "P1024");
    let median = sorted_median(&values);
    let deviations: Vec<f64> = values.iter().map(|v| (v - median).abs()).collect();
    let mad = sorted_median(&deviations);
    let place = Place {
        roster: "services".into(),
        instance: key,
        item: "P1024".into(),
    };
    let d = outlier(&at(&reports[5].flags, &place)).expect("the planted complaints are flagged");
    assert_eq!(
        (d.median, d.mad, d.mean_ad, d.n),
        (median, mad, None, values.len())
    );
    assert!((d.score - 0.6745 * (100_000.0 - median) / mad).abs() < 1e-9);
    assert!(d.score > THRESHOLD);
    assert!(
        d.log_score.unwrap() > THRESHOLD,
        "200 times the median: far in magnitude too"
    );
    assert!(d.stands_out());

    // Documents far beyond any institution's, and far beyond any per employee.
    let whys = at(&reports[7].flags, &top("D21"));
    assert!(outlier(&whys).is_some(), "{whys:?}");
    assert!(
        whys.iter().any(
            |w| matches!(w, Why::PerEmployee { deviation, .. } if deviation.score > THRESHOLD)
        ),
        "{whys:?}"
    );
}

#[test]
fn ordinary_values_are_not_flagged() {
    // The generator draws complaints uniformly from 0–500: nothing is far out, so the one
    // planted figure is the only P1024 flag of the whole cohort; one at the median is none.
    let mut subs = cloned(demo_cohort());
    let median = sorted_median(&service_numbers(&subs, "P1024"));
    let key = subs[3].response.instances("services")[0].key.clone();
    subs[3]
        .response
        .instance_mut("services", &key)
        .answers
        .insert("P1024".into(), num(median));
    let key = subs[9].response.instances("services")[1].key.clone();
    subs[9]
        .response
        .instance_mut("services", &key)
        .answers
        .insert("P1024".into(), num(9_999.0));
    let reports = run(&subs);
    let p1024: Vec<(usize, &Flag)> = reports
        .iter()
        .enumerate()
        .flat_map(|(i, r)| r.flags.iter().map(move |f| (i, f)))
        .filter(|(_, f)| f.place.item == "P1024")
        .collect();
    assert_eq!(p1024.len(), 1, "{p1024:?}");
    assert_eq!((p1024[0].0, p1024[0].1.value), (9, 9_999.0));
    // One year only: no year changes.
    assert!(
        reports
            .iter()
            .flat_map(|r| &r.flags)
            .all(|f| !matches!(f.why, Why::YearChange { .. }))
    );
}

#[test]
fn not_available_and_not_applicable_are_skipped_never_read_as_zero() {
    let mut subs: Vec<Sub> = (0..12)
        .map(|i| {
            sub(
                &format!("I{i}"),
                2019,
                &[("D21", num(1000.0 + 10.0 * i as f64))],
            )
        })
        .collect();
    for i in 0..6 {
        subs.push(sub(
            &format!("NA{i}"),
            2019,
            &[("D21", Value::NotAvailable)],
        ));
        subs.push(sub(
            &format!("NE{i}"),
            2019,
            &[("D21", Value::NotApplicable)],
        ));
    }
    subs.push(sub("Far", 2019, &[("D21", num(10_000.0))]));
    let reports = run(&subs);
    let d = outlier(&at(&reports[24].flags, &top("D21"))).expect("flagged");
    // Twelve figures 1000–1110 and the planted one; twelve zeros would make it 25 values
    // around a median of 500.
    assert_eq!(d.n, 13);
    assert_eq!(d.median, 1060.0);
    assert_eq!(d.mad, 30.0);
    for r in &reports[..24] {
        assert_eq!(r.flags, Vec::new());
    }
}

#[test]
fn a_change_by_four_since_the_previous_year_is_flagged_and_by_two_is_not() {
    let services = |figures: &[(&str, f64)]| {
        figures
            .iter()
            .map(|(key, p52)| Instance {
                key: (*key).to_owned(),
                label: String::new(),
                answers: [("P52".to_owned(), num(*p52))].into(),
            })
            .collect::<Vec<_>>()
    };
    let mut a2019 = sub("A", 2019, &[("D21", num(1000.0))]);
    a2019
        .response
        .rosters
        .insert("services".into(), services(&[("s1", 100.0)]));
    let mut a2020 = sub("A", 2020, &[("D21", num(4000.0))]);
    a2020
        .response
        .rosters
        .insert("services".into(), services(&[("s1", 400.0), ("s2", 1.0)]));
    let subs = vec![
        sub("A", 2017, &[("D21", num(10.0))]),
        a2019,
        a2020,
        sub("B", 2019, &[("D21", num(1000.0))]),
        sub("B", 2020, &[("D21", num(2000.0))]),
        sub("C", 2019, &[("D21", num(1000.0))]),
        sub("C", 2020, &[("D21", num(250.0))]),
        sub("D", 2019, &[("D21", num(0.0))]),
        sub("D", 2020, &[("D21", num(500.0))]),
        sub("E", 2019, &[("D21", num(1000.0))]),
        sub("E", 2020, &[("D21", Value::NotAvailable)]),
    ];
    let reports = run(&subs);
    let change = |previous: f64, previous_year: i32, factor: f64| Why::YearChange {
        previous,
        previous_year,
        factor,
    };
    // 2020 is compared with 2019, the latest earlier year, not with 2017.
    assert_eq!(
        at(&reports[2].flags, &top("D21")),
        [change(1000.0, 2019, 4.0)]
    );
    let s1 = Place {
        roster: "services".into(),
        instance: "s1".into(),
        item: "P52".into(),
    };
    assert_eq!(at(&reports[2].flags, &s1), [change(100.0, 2019, 4.0)]);
    assert_eq!(reports[2].flags.len(), 2, "s2 is new: nothing to compare");
    assert_eq!(
        reports[1].flags.len(),
        1,
        "2019 against 2017: ×100; s1 is new then"
    );
    assert_eq!(
        at(&reports[1].flags, &top("D21")),
        [change(10.0, 2017, 100.0)]
    );
    assert_eq!(reports[4].flags, [], "×2");
    assert_eq!(
        at(&reports[6].flags, &top("D21")),
        [change(1000.0, 2019, 0.25)]
    );
    assert_eq!(reports[8].flags, [], "0 → 500 has no factor");
    assert_eq!(reports[10].flags, [], "not available is no figure");
}

#[test]
fn where_most_values_are_the_median_the_mean_absolute_deviation_measures_the_spread() {
    let mut subs: Vec<Sub> = (0..10)
        .map(|i| sub(&format!("Z{i}"), 2019, &[("P1007", num(0.0))]))
        .collect();
    subs.push(sub("One", 2019, &[("P1007", num(1.0))]));
    subs.push(sub("Another", 2019, &[("P1007", num(1.0))]));
    subs.push(sub("Forty", 2019, &[("P1007", num(40.0))]));
    let reports = run(&subs);
    let d = outlier(&at(&reports[12].flags, &top("P1007"))).expect("40 among 0s is flagged");
    let mean_ad = 42.0 / 13.0;
    assert_eq!((d.median, d.mad, d.n), (0.0, 0.0, 13));
    assert_eq!(d.mean_ad, Some(mean_ad));
    assert!((d.score - 40.0 / (1.2533 * mean_ad)).abs() < 1e-9);
    for r in &reports[..12] {
        assert_eq!(r.flags, [], "a 1 among 0s is no outlier, and no 0 is");
    }

    // All equal: no spread at all, and nothing stands out.
    let same: Vec<Sub> = (0..12)
        .map(|i| sub(&format!("S{i}"), 2019, &[("P1007", num(5.0))]))
        .collect();
    assert!(run(&same).iter().all(|r| r.flags.is_empty()));
}

#[test]
fn per_employee_the_size_explains_a_large_figure_but_not_an_odd_one() {
    // Twelve institutions of 10–120 employees with 95–106 documents per employee.
    let mut subs: Vec<Sub> = (0..12)
        .map(|i| {
            let employees = 10.0 * (i + 1) as f64;
            let documents = employees * (95.0 + i as f64);
            sub(
                &format!("I{i}"),
                2019,
                &[("V00J", num(employees)), ("D21", num(documents))],
            )
        })
        .collect();
    subs.push(sub(
        "Large",
        2019,
        &[("V00J", num(2000.0)), ("D21", num(200_000.0))],
    ));
    subs.push(sub(
        "Odd",
        2019,
        &[("V00J", num(50.0)), ("D21", num(20_000.0))],
    ));
    let reports = run(&subs);

    let large = &reports[12].flags;
    assert_eq!(
        at(large, &top("D21")),
        [],
        "100 documents per employee, as the others"
    );
    assert!(
        outlier(&at(large, &top("V00J"))).is_some(),
        "2,000 employees among 10–120 is itself worth a look"
    );

    // 20,000 documents is within the others' 950–200,000; 400 per employee among 95–106 is
    // not.
    let odd = at(&reports[13].flags, &top("D21"));
    assert_eq!(odd.len(), 1, "{odd:?}");
    let Why::PerEmployee {
        employees,
        ratio,
        deviation,
    } = odd[0]
    else {
        panic!("{odd:?}")
    };
    assert_eq!((employees, ratio), (50.0, 400.0));
    // The fourteen ratios: 95–106, 100 and 400.
    let mut ratios: Vec<f64> = (0..12).map(|i| 95.0 + i as f64).collect();
    ratios.extend([100.0, 400.0]);
    assert_eq!(deviation.median, sorted_median(&ratios));
    assert_eq!(deviation.n, 14);
    assert!(deviation.score > THRESHOLD);
    for r in &reports[..12] {
        assert_eq!(r.flags, []);
    }
}

#[test]
fn per_service_employees_out_of_proportion_to_the_services_are_flagged() {
    let with_services = |name: &str, employees: f64, services: usize| {
        let mut s = sub(name, 2019, &[("V00J", num(employees))]);
        for k in 0..services {
            s.response.instance_mut("services", &format!("s{k}"));
        }
        s
    };
    // 2–13 services, 9–12 employees each.
    let mut subs: Vec<Sub> = (0..12)
        .map(|i| with_services(&format!("I{i}"), (2 + i) as f64 * (9 + i % 4) as f64, 2 + i))
        .collect();
    subs.push(with_services("Many", 600.0, 60));
    subs.push(with_services("Few", 600.0, 3));
    let reports = run(&subs);
    assert_eq!(reports[12].flags, [], "10 employees per service");
    // 600 employees among 18–156 is not far out in orders of magnitude (the "Many" have as
    // many); 200 per service among 9–12 is.
    let few = at(&reports[13].flags, &top("V00J"));
    assert_eq!(few.len(), 1, "{few:?}");
    assert!(
        matches!(
            few[0],
            Why::PerService { services: 3, ratio, deviation } if ratio == 200.0 && deviation.n == 14
        ),
        "{few:?}"
    );
}

#[test]
fn fewer_than_the_minimum_of_values_give_nothing() {
    assert_eq!(MIN_VALUES, 8);
    let mut subs: Vec<Sub> = (0..6)
        .map(|i| sub(&format!("I{i}"), 2019, &[("D21", num(100.0 + i as f64))]))
        .collect();
    subs.push(sub("Far", 2019, &[("D21", num(1e6))]));
    assert!(
        run(&subs).iter().all(|r| r.flags.is_empty()),
        "seven values"
    );
    subs.push(sub("Eighth", 2019, &[("D21", num(103.0))]));
    let reports = run(&subs);
    assert!(
        outlier(&at(&reports[6].flags, &top("D21"))).is_some(),
        "eight"
    );
    // Another year's submissions are another cohort.
    subs.last_mut().unwrap().year = 2020;
    assert!(run(&subs).iter().all(|r| r.flags.is_empty()));
}

#[test]
fn flags_follow_the_questionnaire_order_whatever_the_cohort_order() {
    let mut subs = cloned(&demo_cohort()[..30]);
    let r = &mut subs[4].response;
    r.set("D51", num(1e12));
    r.set("V00J", num(1e7));
    let keys: Vec<String> = r
        .instances("services")
        .iter()
        .take(2)
        .map(|i| i.key.clone())
        .collect();
    for key in keys.iter().rev() {
        r.instance_mut("services", key)
            .answers
            .insert("P1024".into(), num(1e8));
    }
    let reports = run(&subs);
    let places: Vec<(String, String)> = reports[4]
        .flags
        .iter()
        .filter(|f| matches!(f.why, Why::Outlier(_)))
        .map(|f| (f.place.item.clone(), f.place.instance.clone()))
        .filter(|(item, _)| ["V00J", "P1024", "D51"].contains(&item.as_str()))
        .collect();
    let place = |item: &str, key: &str| (item.to_owned(), key.to_owned());
    assert_eq!(
        places,
        [
            place("V00J", ""),
            place("P1024", &keys[0]),
            place("P1024", &keys[1]),
            place("D51", ""),
        ]
    );

    // The same cohort backwards: the same flags for every submission.
    let mut entries: Vec<Entry> = subs
        .iter()
        .enumerate()
        .map(|(i, s)| Entry {
            submission: SubmissionId(i as i64 + 1),
            institution: &s.institution,
            year: s.year,
            response: &s.response,
        })
        .collect();
    entries.reverse();
    let mut backwards = check(eindex(), &entries);
    backwards.reverse();
    assert_eq!(backwards, reports);
}

#[test]
fn the_demo_cohort_as_generated_gives_few_flags() {
    // 91 submissions, 1,497 services, about 22,000 figures. Robust z on the figures alone
    // flagged about 7,800 of them (a third of all services' application counts: they spread
    // over orders of magnitude); with the log scale as well, a handful remain, none in the
    // services.
    let subs = demo_cohort();
    let reports = run(subs);
    let flags: Vec<&Flag> = reports.iter().flat_map(|r| &r.flags).collect();
    assert!(!flags.is_empty() && flags.len() < 30, "{}", flags.len());
    assert!(flags.iter().all(|f| f.place.roster.is_empty()), "{flags:?}");
}
