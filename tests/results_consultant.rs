//! The consultant's results view on a projector: the overview that grows with the terminal
//! (80×24, 120×40, 200×50), the leaders by each theme, ministries and institutions apart, two
//! institutions compared, the next level in words, the theme page that scrolls, and the
//! hand-out written from the view. Drawn into a test terminal as in `results_view.rs`.

mod common;

use anketa::exchange::InstitutionKind;
use anketa::scoring::cohort::Measure;
use anketa::tui::Action;
use anketa::tui::model::results::{LEADERS, Tab};
use common::results::{OTHER, SHOWN, demo_app, lv, open_results_of, row_with, view};
use common::tui::{Tui, draw, screen_text, update};

/// The overview's sizes: a laptop, a projector, a large projector.
const PROJECTOR: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 50)];

fn snapshot(app: &mut Tui, name: &str, (w, h): (u16, u16)) -> String {
    let terminal = draw(app, w, h);
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    screen_text(&terminal)
}

fn theme_titles(app: &Tui) -> Vec<String> {
    let model = &view(app).scorer().model;
    model.themes.iter().map(|t| t.title.clone()).collect()
}

#[test]
fn the_overview_uses_the_projector() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    open_results_of(&mut app, SHOWN);
    let titles = theme_titles(&app);
    let subthemes: Vec<String> = view(&app).scorer().model.themes[0]
        .subthemes
        .iter()
        .map(|s| s.title.clone())
        .collect();
    for size in PROJECTOR {
        let screen = snapshot(&mut app, "consultant_overview", size);
        // The gauge marks where levels 2–5 begin.
        for mark in ["▲2", "▲3", "▲4", "▲5"] {
            assert!(screen.contains(mark), "{mark} at {size:?}:\n{screen}");
        }
        // Every theme's name: whole, or cut with an ellipsis (Enter reads it whole).
        for title in &titles {
            let start: String = title.chars().take(20).collect();
            let row = row_with(&screen, &start);
            assert!(row.contains(title.as_str()) || row.contains('…'), "{row:?}");
        }
        if size.0 < 120 {
            continue;
        }
        // On a projector everything at once: the themes in full, the selected theme's
        // sub-themes, the distribution, the place and the scatters.
        for title in &titles {
            assert!(
                screen.contains(title.as_str()),
                "{title} at {size:?}:\n{screen}"
            );
        }
        for sub in &subthemes {
            let start: String = sub.chars().take(24).collect();
            assert!(screen.contains(&start), "{sub} at {size:?}:\n{screen}");
        }
        assert!(screen.contains("Brieduma līmeņu sadalījums"), "{screen}");
        assert!(screen.contains("vieta 2/94"), "{screen}");
        assert!(
            screen.contains("E-indekss un pakalpojumu skaits"),
            "{screen}"
        );
        assert!(screen.contains("Rādītāji"), "{screen}");
    }
    // Down moves the selected theme: its sub-themes replace the first theme's.
    update(&mut app, Action::Down);
    let screen = screen_text(&draw(&mut app, 120, 40));
    let second = &view(&app).scorer().model.themes[1];
    let first_sub: String = second.subthemes[0].title.chars().take(24).collect();
    assert!(screen.contains(&first_sub), "{screen}");
}

#[test]
fn leaders_by_each_theme_and_the_e_index() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    open_results_of(&mut app, SHOWN);
    let titles = theme_titles(&app);
    // Shift+Tab goes round the other way: with nothing compared, to the leaders too.
    update(&mut app, Action::PrevTab);
    assert_eq!(view(&app).tab, Tab::Cohort);
    update(&mut app, Action::PrevTab);
    assert_eq!(view(&app).tab, Tab::Overview);
    update(&mut app, Action::NextTab);
    assert_eq!(view(&app).tab, Tab::Cohort);
    let measures: Vec<(Measure, &str)> = std::iter::once((Measure::EIndex, "e_index"))
        .chain((0..titles.len()).map(|t| (Measure::Theme(t), "")))
        .collect();
    for (n, (measure, _)) in measures.iter().enumerate() {
        let v = view(&app);
        assert_eq!(v.leaders, *measure);
        let id = match measure {
            Measure::EIndex => "e_index".to_owned(),
            Measure::Theme(t) => v.scorer().model.themes[*t].id.clone(),
        };
        let ranking = &v.ranking;
        let values: Vec<f64> = ranking
            .iter()
            .filter_map(|&e| measure.of(&v.results.entries[e].score))
            .collect();
        assert!(values.windows(2).all(|w| w[0] >= w[1]), "{id}: best first");
        let best = v.results.entries[ranking[0]].clone();
        let screen = snapshot(&mut app, &format!("consultant_leaders_{id}"), (120, 40));
        let name = match measure {
            Measure::EIndex => "E-indekss".to_owned(),
            Measure::Theme(t) => titles[*t].clone(),
        };
        // The year and what they are sorted by (a long theme name ends in "…").
        let start: String = name.chars().take(40).collect();
        assert!(
            screen.contains(&format!("Līderi 2019: {start}")),
            "{screen}"
        );
        let first = row_with(&screen, "  1. ");
        assert!(first.contains('★'), "{first:?}");
        let start: String = best.institution.chars().take(15).collect();
        assert!(first.contains(&start), "{first:?}");
        assert!(
            first.contains(&lv(measure.of(&best.score).unwrap())),
            "{first:?}"
        );
        // The seed's 15 leaders starred, the 16th not.
        assert!(row_with(&screen, &format!("{LEADERS:>3}. ")).contains('★'));
        assert!(!row_with(&screen, &format!("{:>3}. ", LEADERS + 1)).contains('★'));
        update(&mut app, Action::NextSort);
        if n + 1 == measures.len() {
            assert_eq!(view(&app).leaders, Measure::EIndex, "round again");
        }
    }
}

#[test]
fn ministries_and_institutions_apart() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    open_results_of(&mut app, SHOWN);
    update(&mut app, Action::NextTab);
    let count = |app: &Tui, kind: InstitutionKind| {
        let v = view(app);
        v.results.entries.iter().filter(|e| e.kind == kind).count()
    };
    for (kind, word) in [
        (InstitutionKind::Ministry, "ministrijas"),
        (InstitutionKind::Institution, "iestādes"),
    ] {
        update(&mut app, Action::NextFilter);
        let v = view(&app);
        assert_eq!(v.group, Some(kind));
        let ranking = &v.ranking;
        assert_eq!(ranking.len(), count(&app, kind));
        assert!(ranking.iter().all(|&e| v.results.entries[e].kind == kind));
        let best = v.results.entries[ranking[0]].institution.clone();
        let screen = screen_text(&draw(&mut app, 120, 40));
        assert!(
            screen.contains(&format!("Līderi 2019: E-indekss · {word}")),
            "{screen}"
        );
        // Ranked within the group: its best is number 1.
        let start: String = best.chars().take(15).collect();
        assert!(row_with(&screen, "  1. ").contains(&start), "{screen}");
    }
    update(&mut app, Action::NextFilter);
    assert_eq!(view(&app).group, None);
    assert_eq!(view(&app).ranking.len(), 94);
}

#[test]
fn two_institutions_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    open_results_of(&mut app, SHOWN);
    update(&mut app, Action::NextTab);
    let target = {
        let v = view(&app);
        let other = v
            .results
            .entries
            .iter()
            .position(|e| e.institution == OTHER)
            .unwrap();
        v.ranking.iter().position(|&e| e == other).unwrap()
    };
    while view(&app).cursor > target {
        update(&mut app, Action::Up);
    }
    while view(&app).cursor < target {
        update(&mut app, Action::Down);
    }
    update(&mut app, Action::Toggle);
    update(&mut app, Action::NextTab);
    assert_eq!(view(&app).tab, Tab::Compare);
    let (themes, mine, theirs) = {
        let v = view(&app);
        let other = &v.results.entries[v.compare.unwrap()];
        (
            theme_titles(&app),
            v.entry().score.clone(),
            other.score.clone(),
        )
    };
    // At 80×24 the first rows, and PgDn for the rest; on a projector the whole table.
    let screen = snapshot(&mut app, "consultant_compare", (80, 24));
    assert!(row_with(&screen, "│E-indekss").contains(&lv(mine.e_index)));
    assert!(screen.contains("▼ PgDn"), "{screen}");
    for size in [(120, 40), (200, 50)] {
        let screen = snapshot(&mut app, "consultant_compare", size);
        assert!(
            screen.contains(&format!("▶ {SHOWN} · ◆ Valsts zemes")),
            "{screen}"
        );
        let e_row = row_with(&screen, "│E-indekss");
        let diff = mine.e_index - theirs.e_index;
        let signed = format!("{}{}", if diff < 0.0 { "−" } else { "+" }, lv(diff.abs()));
        assert!(e_row.contains(&signed), "{signed} in {e_row:?}");
        for (t, title) in themes.iter().enumerate() {
            let start: String = title.chars().take(20).collect();
            let row = row_with(&screen, &format!("│{start}"));
            let (a, b) = (&mine.themes[t], &theirs.themes[t]);
            assert!(row.contains(&lv(a.index)), "{row:?}");
            assert!(row.contains(&lv(b.index)), "{row:?}");
            let d = a.index - b.index;
            if d.abs() >= 0.05 {
                let signed = format!("{}{}", if d < 0.0 { "−" } else { "+" }, lv(d.abs()));
                assert!(row.contains(&signed), "{signed} in {row:?}");
            }
        }
        assert!(
            screen.contains("Jautājumi, kuros punkti atšķiras visvairāk"),
            "{screen}"
        );
    }
    // Delete forgets the other institution and goes back to the leaders.
    update(&mut app, Action::Clear);
    assert_eq!(view(&app).compare, None);
    assert_eq!(view(&app).tab, Tab::Cohort);
}

#[test]
fn the_theme_page_gives_each_step_in_words_and_scrolls() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    open_results_of(&mut app, SHOWN);
    // Customer service: its steps' answers are short enough to stand on one row.
    update(&mut app, Action::Down);
    update(&mut app, Action::Enter);
    let steps = view(&app).steps.clone();
    assert!(!steps.is_empty(), "a level-3 theme has steps");
    let screen = screen_text(&draw(&mut app, 120, 40));
    assert!(
        screen.contains("Priekšnosacījumi virzībai uz 4. līmeni"),
        "{screen}"
    );
    let first = &steps[0];
    let start: String = first.question.chars().take(30).collect();
    assert!(row_with(&screen, &first.code).contains(&start), "{screen}");
    let give: String = first.give.chars().take(20).collect();
    let answer_row = row_with(&screen, "ieteicamā atbilde:");
    assert!(answer_row.contains("tagad:"), "{answer_row:?}");
    assert!(answer_row.contains(&format!("«{give}")), "{answer_row:?}");
    // At 80×24 the page is longer than the screen: PgDn shows the rest, and the border
    // stops saying there is more at the end.
    let top = screen_text(&draw(&mut app, 80, 24));
    assert!(top.contains("▼ PgDn"), "{top}");
    let mut screen = top.clone();
    let mut downs = 0;
    while screen.contains("▼ PgDn") && downs < 20 {
        update(&mut app, Action::PageDown);
        downs += 1;
        screen = screen_text(&draw(&mut app, 80, 24));
    }
    assert_ne!(screen, top);
    assert!(!screen.contains("▼ PgDn"), "the end is reached:\n{screen}");
    assert!(
        screen.contains("līmenis —"),
        "the level's description at the end:\n{screen}"
    );
    // As many PgUp as PgDn lead back to the top, one fewer does not: nothing scrolled past
    // the end to undo.
    for _ in 1..downs {
        update(&mut app, Action::PageUp);
    }
    assert!(view(&app).scroll > 0);
    update(&mut app, Action::PageUp);
    assert_eq!(view(&app).scroll, 0);
}

#[test]
fn the_hand_out_is_written_from_the_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(dir.path());
    open_results_of(&mut app, SHOWN);
    update(&mut app, Action::Handout);
    let file = dir
        .path()
        .join("anketa-Centrālā-statistikas-pārvalde-2019.html");
    let screen = screen_text(&draw(&mut app, 120, 40));
    assert!(
        screen.contains("Rezultātu izdruka saglabāta"),
        "the notice says where:\n{screen}"
    );
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains(SHOWN));
    assert!(html.contains("Priekšnosacījumi virzībai uz 4. līmeni"));
    assert!(html.contains("demo dati"));
}

/// Two years in one database: each submission is ranked, listed and counted among its own
/// year's only, and the leaders say which year.
#[test]
fn a_year_is_compared_with_its_own_year_only() {
    use anketa::questionnaire::{self, EINDEX_2019};
    use anketa::scoring::{self, EINDEX_2019_SCORING};
    use anketa::store::Resolution;
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::tui::demo_store(dir.path());
    let (name, definition) = EINDEX_2019;
    let q = questionnaire::load(name, definition.as_bytes()).unwrap();
    let model = scoring::load(EINDEX_2019_SCORING.0, EINDEX_2019_SCORING.1, &q).unwrap();
    let records: Vec<_> = anketa::demo::institutions()
        .unwrap()
        .iter()
        .map(|inst| anketa::demo::submission(&q, definition, &model, inst, 2020))
        .collect();
    let bytes = anketa::exchange::write("2020-12-31T12:00:00.000Z".into(), "demo".into(), records);
    store
        .import(
            &[anketa::exchange::read(&bytes).unwrap()],
            &[definition],
            Resolution::Theirs,
        )
        .unwrap();
    let mut app = common::tui::app_on(
        store,
        "q.toml",
        definition,
        common::results::scored(dir.path(), true),
    );
    open_results_of(&mut app, SHOWN);
    let year = view(&app).entry().year;
    // Of the 188 submissions, the view reads and scores its year's alone.
    let entries = &view(&app).results.entries;
    assert_eq!(entries.len(), 94);
    assert!(entries.iter().all(|e| e.year == year));
    let screen = screen_text(&draw(&mut app, 120, 40));
    assert!(row_with(&screen, "vieta ").contains("/94 "), "{screen}");
    update(&mut app, Action::NextTab);
    let v = view(&app);
    let ranking = &v.ranking;
    assert_eq!(ranking.len(), 94);
    assert!(ranking.iter().all(|&e| v.results.entries[e].year == year));
    let screen = screen_text(&draw(&mut app, 120, 40));
    assert!(
        screen.contains(&format!("Līderi {year}: E-indekss")),
        "{screen}"
    );
}
