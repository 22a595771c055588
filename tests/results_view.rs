//! What the results view looks like: the demo cohort (every institution of `anketa demo`,
//! generated the same way every time) imported into a fresh database, the interface driven
//! action by action, drawn into a test terminal and compared with the stored snapshots
//! (`tests/snapshots/`). As in `tui_snapshots.rs`: 80×24 and 120×40, without colour, in
//! Latvian, and beside every snapshot plain assertions of what must be on screen.

mod common;

use anketa::exchange::InstitutionKind;
use anketa::scoring::aggregate::Group;
use anketa::tui::Action;
use anketa::tui::model::Screen;
use anketa::tui::model::results::Tab;
use common::results::{
    CUSTOMER_SERVICE, OTHER, SHOWN, demo_app, lv, lv2, open_results_of, row_with, scored,
    theme_index, view,
};
use common::tui::{
    SIZES, assert_on_screens, choose, current_code, draw, draw_both, fill, new_submission_with,
    on_screen, open_section, screen_text,
};
use common::tui::{Tui, update};
use std::path::Path;

/// A new submission through the start form, landing on the fill screen; scoring is on.
fn new_submission(dir: &Path) -> Tui {
    new_submission_with(dir, scored(dir, false))
}

// --- Drawing ------------------------------------------------------------------------------

/// Draw at both sizes, compare each with its snapshot (`{name}_80x24`, `{name}_120x40`),
/// and return the two screens as text for further assertions.
fn snapshot_both(app: &mut Tui, name: &str) -> [String; 2] {
    draw_both(app, |w, h, terminal| {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    })
}

/// The words of a row's right-hand panel (the cohort tab's tables).
fn right_panel(row: &str) -> Vec<&str> {
    let (_, right) = row.rsplit_once("││").expect("two panels side by side");
    right.trim_end_matches('│').split_whitespace().collect()
}

// ---------------------------------------------------------------------------------------------
// The demo cohort

#[test]
fn overview_of_one_institution() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    open_results_of(&mut app, SHOWN);
    let (e_index, level, themes) = {
        let v = view(&app);
        let score = &v.entry().score;
        assert!(v.compare.is_none());
        assert!(v.back.is_none(), "opened from the start list");
        let model = &v.scorer().model;
        let themes: Vec<(String, f64, bool)> = model
            .themes
            .iter()
            .zip(&score.themes)
            .map(|(t, s)| (t.title.clone(), s.index, s.applicable))
            .collect();
        (score.e_index, score.level, themes)
    };
    let screens = snapshot_both(&mut app, "results_overview");
    // The header names the institution. It should also say "[demo dati]", but the import
    // drops the demo flag: see `demo_entries_say_demo_data`.
    assert_on_screens(&screens, &format!("Rezultāti · {SHOWN} 2019"));
    assert_on_screens(&screens, "E-indekss");
    assert_on_screens(&screens, &format!("{} · {level}. līmenis", lv(e_index)));
    assert_on_screens(&screens, "vieta ");
    assert_on_screens(&screens, "/94");
    assert_on_screens(&screens, "Tēmas");
    assert_on_screens(&screens, "Rādītāji");
    // The year's aggregate e-index under the median, by its own name, for all and each kind.
    let cohort = view(&app).results.year(2019);
    let aggregate = |g: Group| lv2(cohort.group(&g).unwrap().e_index.unwrap());
    assert_on_screens(
        &screens,
        &format!(
            "Kopējais e-indekss (svērts, log.) {} · ministrijas {} · iestādes {}",
            aggregate(Group::All),
            aggregate(Group::Kind(InstitutionKind::Ministry)),
            aggregate(Group::Kind(InstitutionKind::Institution)),
        ),
    );
    // Where the institution falls in each segment; the documents read with thousands apart.
    assert_on_screens(&screens, "Pakalpojumu skaits: 23 (5. kvintile)");
    assert_on_screens(&screens, "saņemto dokumentu skaits: 5 024");
    for screen in &screens {
        for (title, index, applicable) in &themes {
            // Titles are cut to the column with an ellipsis; their first word is always there.
            let first = title.split(' ').next().unwrap();
            let row = row_with(screen, first);
            if *applicable {
                assert!(
                    row.contains(&format!(" {} ", lv(*index))),
                    "{title}: {} in {row:?}",
                    lv(*index)
                );
                assert!(row.contains('█') || row.contains('░'), "a bar: {row:?}");
            } else {
                assert!(row.contains("neattiecas"), "{row:?}");
            }
        }
        assert!(!screen.contains("salīdzina ar"), "nothing compared yet");
    }
}

#[test]
fn theme_detail_with_lost_points_and_the_next_level() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    open_results_of(&mut app, SHOWN);
    let t = theme_index(&app, "customer_service");
    for _ in 0..t {
        update(&mut app, Action::Down);
    }
    assert_eq!(view(&app).cursor, t);
    update(&mut app, Action::Enter);
    assert_eq!(view(&app).tab, Tab::Theme(t));
    let (index, level, subthemes) = {
        let v = view(&app);
        let s = &v.entry().score.themes[t];
        let def = &v.scorer().model.themes[t];
        let subthemes: Vec<String> = def.subthemes.iter().map(|s| s.title.clone()).collect();
        (s.index, s.level, subthemes)
    };
    let screens = snapshot_both(&mut app, "results_theme");
    assert_on_screens(
        &screens,
        &format!("{CUSTOMER_SERVICE} — {} · {level}.", lv(index)),
    );
    assert_on_screens(&screens, "Kur zaudēti punkti");
    let towards = format!("Priekšnosacījumi virzībai uz {}. līmeni", level + 1);
    assert_on_screens(&screens[1..], &towards);
    assert_on_screens(&screens, "p.");
    // At 80×24 the lost points, whole, fill the screen: the next level is a PgDn below.
    update(&mut app, Action::PageDown);
    let below = screen_text(&draw(&mut app, 80, 24));
    assert!(below.contains(&towards), "{below}");
    update(&mut app, Action::PageUp);
    for screen in &screens {
        assert!(screen.contains('−'), "points lost are listed:\n{screen}");
        // The first sub-theme's title opens the breakdown.
        let first = subthemes[0].split(' ').next().unwrap();
        assert!(screen.contains(first), "{first}:\n{screen}");
    }
    // Esc: back to the overview, the cursor on the theme that was open.
    update(&mut app, Action::Back);
    assert_eq!(view(&app).tab, Tab::Overview);
    assert_eq!(view(&app).cursor, t);
}

#[test]
fn cohort_of_every_institution() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    open_results_of(&mut app, SHOWN);
    update(&mut app, Action::NextTab);
    let (rank, e_index) = {
        let v = view(&app);
        assert_eq!(v.tab, Tab::Cohort);
        let ranking = &v.ranking;
        let rank = ranking.iter().position(|&e| e == v.current).unwrap();
        assert_eq!(v.cursor, rank, "the cursor starts on the institution shown");
        (rank + 1, v.entry().score.e_index)
    };
    let screens = snapshot_both(&mut app, "results_cohort");
    assert_on_screens(&screens, "Līderi 2019: E-indekss");
    assert_on_screens(&screens, "Brieduma līmeņu sadalījums");
    assert_on_screens(&screens, "situatīvs");
    for screen in &screens {
        let row = row_with(screen, "▶");
        // Among the seed's 15 leaders, starred.
        assert!(rank <= 15);
        assert!(row.contains(&format!("▶★{rank:>3}. ")), "{row:?}");
        assert!(row.contains("Centrālā statistikas"), "{row:?}");
        assert!(row.contains(&lv(e_index)), "{row:?}");
    }
    // Each group's aggregate (two decimals) beside its median (one), named apart.
    let cohort = view(&app).results.year(2019);
    assert_on_screens(&screens, "Kopējais e-indekss (svērts, log.)");
    assert_on_screens(&screens, "skaits mediāna svērts");
    for (name, group) in [
        ("visas", Group::All),
        ("ministrijas", Group::Kind(InstitutionKind::Ministry)),
        ("iestādes", Group::Kind(InstitutionKind::Institution)),
    ] {
        let a = cohort.group(&group).unwrap();
        let (median, weighted) = (lv(a.median.unwrap()), lv2(a.e_index.unwrap()));
        assert_ne!(median, weighted);
        for screen in &screens {
            let row = right_panel(row_with(screen, &format!("││{name} ")));
            assert_eq!(row, [name, &a.count.to_string(), &median, &weighted]);
        }
    }
    // A row per segment, the median of each quintile, lowest figures first.
    assert_on_screens(&screens, "Segmenti: mediāna pa kvintilēm");
    for (short, segment) in ["Pakalpojumi", "Darbinieki", "E-dokumenti", "E-darījumi"]
        .iter()
        .zip(&cohort.segments)
    {
        let medians: Vec<String> = segment
            .quintiles
            .iter()
            .map(|q| lv(q.median.unwrap()))
            .collect();
        for screen in &screens {
            let row = right_panel(row_with(screen, &format!("││{short} ")));
            assert_eq!(row[0], *short);
            assert_eq!(row[1..], medians);
        }
    }
    // The roomy terminal has room for the sectors too.
    assert_on_screens(&screens[1..], "Pa resoriem");
}

#[test]
fn overview_compared_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    open_results_of(&mut app, SHOWN);
    update(&mut app, Action::NextTab);
    // In the cohort: to the other institution, Space to compare, Shift+Tab back.
    let (current, other) = {
        let v = view(&app);
        let ranking = &v.ranking;
        let other = v
            .results
            .entries
            .iter()
            .position(|e| e.institution == OTHER)
            .unwrap();
        let at = ranking.iter().position(|&e| e == other).unwrap();
        (v.cursor, at)
    };
    let steps = other as isize - current as isize;
    for _ in 0..steps.unsigned_abs() {
        update(&mut app, if steps > 0 { Action::Down } else { Action::Up });
    }
    update(&mut app, Action::Toggle);
    update(&mut app, Action::PrevTab);
    let (other_e_index, other_level, pairs) = {
        let v = view(&app);
        assert_eq!(v.tab, Tab::Overview);
        let compared = v.compare.expect("an institution is compared");
        assert_eq!(v.results.entries[compared].institution, OTHER);
        let o = &v.results.entries[compared].score;
        let pairs: Vec<(String, String, String)> = v
            .scorer()
            .model
            .themes
            .iter()
            .zip(v.entry().score.themes.iter().zip(&o.themes))
            .map(|(t, (mine, theirs))| {
                let show = |s: &anketa::scoring::ThemeScore| {
                    if s.applicable {
                        lv(s.index)
                    } else {
                        "—".to_owned()
                    }
                };
                (t.title.clone(), show(mine), show(theirs))
            })
            .collect();
        (o.e_index, o.level, pairs)
    };
    let screens = snapshot_both(&mut app, "results_compare");
    // The header names the other institution and the standing line gives its e-index and
    // level. At 80 columns both are cut off at the right edge ("· salīdzina ar Valsts", and
    // "… · salīdzina ar" with no figure): only the theme column shows the comparison there.
    assert_on_screens(&screens[1..], &format!("· salīdzina ar {OTHER}"));
    assert_on_screens(
        &screens[1..],
        &format!("salīdzina ar {} ({other_level})", lv(other_e_index)),
    );
    assert_on_screens(&screens, "salīdzina ar");
    for screen in &screens {
        for (title, mine, theirs) in &pairs {
            let first = title.split(' ').next().unwrap();
            let row = row_with(screen, first);
            // Inside the panel's right border: "… 76,7 3 definēts │  65,0".
            let inside = row.trim_end_matches('│').trim_end();
            let (left, right) = inside
                .rsplit_once(" │")
                .unwrap_or_else(|| panic!("{title}: no compared column in {row:?}"));
            assert!(left.contains(mine.as_str()), "{title}: {mine} in {row:?}");
            assert_eq!(right.trim(), theirs, "{row:?}");
        }
    }
    // Delete forgets the comparison.
    update(&mut app, Action::Clear);
    assert!(view(&app).compare.is_none());
}

/// Demo submissions are marked "[demo dati]" on the start list and in the results header.
///
/// Fails today: `Store::import` (src/store/sync.rs) inserts and updates submissions without
/// their `demo` column, so every imported demo submission is stored with `demo = 0` and
/// nothing is marked (`anketa demo` too: `anketa submissions` lists no "[demo]").
#[test]
fn demo_entries_say_demo_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    for (w, h) in SIZES {
        let screen = screen_text(&draw(&mut app, w, h));
        assert!(screen.contains("Iesniegumi"), "the start list:\n{screen}");
        let first = row_with(&screen, "Būvniecības valsts kontroles birojs");
        assert!(first.contains("[demo dati]"), "{first:?}");
        let listed = screen
            .lines()
            .filter(|l| l.contains("  2019  "))
            .collect::<Vec<_>>();
        assert!(listed.len() > 5, "{screen}");
        for line in listed {
            assert!(line.contains("[demo dati]"), "{line:?}");
        }
    }
    open_results_of(&mut app, SHOWN);
    assert!(view(&app).entry().demo);
    for (w, h) in SIZES {
        let screen = screen_text(&draw(&mut app, w, h));
        let header = screen.lines().next().unwrap();
        assert!(
            header.contains(&format!("{SHOWN} 2019  [demo dati]")),
            "{header:?}"
        );
    }
    // Esc leaves the results for the start list again.
    update(&mut app, Action::Back);
    assert!(matches!(app.screen, Screen::Start(_)));
}

/// With more submissions than rows, the start list should keep the selected one in view.
///
/// Fails today: the start list is one unscrolled paragraph and the cursor starts on the last
/// submission, so with the 94 demo institutions the selected row (and "+ Jauns iesniegums")
/// is below the bottom edge: Enter opens results of an institution that is not on screen.
#[test]
fn start_list_shows_the_selected_submission() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    let selected = match &app.screen {
        Screen::Start(start) => start.list.rows[start.cursor].institution.clone(),
        _ => unreachable!(),
    };
    for (w, h) in SIZES {
        let screen = screen_text(&draw(&mut app, w, h));
        assert!(screen.contains(&selected), "{selected}:\n{screen}");
    }
}

// ---------------------------------------------------------------------------------------------
// From filling to results and back

#[test]
fn results_of_the_submission_being_filled_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    open_section(&mut app, "customer_service");
    // F14: the institution's own standard, the option worth the most; monitored (P1020 = 1);
    // by designated staff (P1012 = 2).
    choose(&mut app, "F14", 1);
    choose(&mut app, "P1020", 1);
    choose(&mut app, "P1012", 2);
    let cursor = fill(&app).cursor;

    update(&mut app, Action::Results);
    let t = theme_index(&app, "customer_service");
    let (e_index, level, index) = {
        let v = view(&app);
        assert!(v.back.is_some(), "opened from filling");
        assert_eq!(v.results.entries.len(), 1, "the only submission");
        assert_eq!(v.entry().institution, "Valsts ieņēmumu dienests");
        assert!(!v.entry().demo);
        let score = &v.entry().score;
        (score.e_index, score.level, score.themes[t].index)
    };
    assert!(index > 0.0, "the answers score");
    let screens = snapshot_both(&mut app, "results_from_filling");
    assert_on_screens(&screens, "Rezultāti · Valsts ieņēmumu dienests 2019");
    assert_on_screens(&screens, &format!("{} · {level}. līmenis", lv(e_index)));
    assert_on_screens(&screens, "vieta 1/1");
    for screen in &screens {
        assert!(!screen.contains("demo dati"), "not demo data:\n{screen}");
        let row = row_with(screen, "Klientu apkalpošana");
        assert!(row.contains(&format!(" {} ", lv(index))), "{row:?}");
    }
    // No figure to weigh by yet: no aggregate, and no quintile but by services (0 of them).
    assert_on_screens(&screens, "Kopējais e-indekss (svērts, log.) — ·");
    assert_on_screens(
        &screens,
        "Pakalpojumu skaits: 0 (1. kvintile) · Darbinieku skaits: — ·",
    );
    // The cohort says which segments it is in none of, rather than counting it lowest.
    update(&mut app, Action::NextTab);
    for (w, h) in SIZES {
        let screen = screen_text(&draw(&mut app, w, h));
        assert!(on_screen(&screen, "1. 2. 3. 4. 5. bez"), "{screen}");
        assert!(on_screen(&screen, "Pakalpojumi 3,8 — — — — 0"), "{screen}");
        assert!(on_screen(&screen, "Darbinieki — — — — — 1"), "{screen}");
        assert!(
            on_screen(&screen, "bez: bez skaitļa, nevienā kvintilē"),
            "{screen}"
        );
    }
    update(&mut app, Action::PrevTab);

    update(&mut app, Action::Back);
    assert!(matches!(app.screen, Screen::Fill(_)), "back to filling");
    assert_eq!(current_code(&app), "P1012", "on the same question");
    assert_eq!(
        fill(&app).cursor,
        cursor,
        "with the same option under the cursor"
    );
    let screen = screen_text(&draw(&mut app, 120, 40));
    assert!(screen.contains("P1012"), "{screen}");
    assert!(
        screen.contains("[x] Ir darbinieki, kuru pienākumos"),
        "the answer is still there:\n{screen}"
    );
    assert!(screen.contains("Valsts ieņēmumu dienests 2019 · melnraksts"));
}

/// Without a scoring model the results key shows the answer tables instead, says why, and
/// Esc goes back to the question.
#[test]
fn without_a_scoring_model_the_results_key_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = new_submission(dir.path());
    app.opts.scoring = None;
    update(&mut app, Action::Results);
    assert!(matches!(app.screen, Screen::Report(_)), "the answer tables");
    let screen = screen_text(&draw(&mut app, 80, 24));
    assert!(
        on_screen(&screen, "Šai anketai nav vērtēšanas modeļa"),
        "{screen}"
    );
    update(&mut app, Action::Back);
    assert!(matches!(app.screen, Screen::Fill(_)), "back to filling");
}
