//! The consultant's hand-out, through the real binary: `anketa results --html` on the demo
//! database, the HTML read back as a browser would see it, and printed to PDF by headless
//! Chromium (`.ci/run` installs Debian's `chromium` and `poppler-utils`; where they are
//! missing the browser test says so and passes).

mod common;

use common::anketa_on;
use std::path::{Path, PathBuf};
use std::process::Command;

const SHOWN: &str = "Centrālā statistikas pārvalde";
const THEMES: [&str; 5] = [
    "Saziņa ar sabiedrību un līdzdalība",
    "Klientu apkalpošana un atbalsts",
    "Atvērto datu pieejamība",
    "Pakalpojumu nodrošināšana",
    "Iestādes iekšējie procesi un starpiestāžu sadarbība",
];

/// A demo database of 2019 in `dir`.
fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("demo.db");
    let (code, _, err) = anketa_on(&db, &["demo", "--no-tui"]);
    assert_eq!(code, 0, "{err}");
    db
}

/// `results --json` of every submission.
fn results(db: &Path) -> serde_json::Value {
    let (code, out, err) = anketa_on(db, &["results", "--json", "--next-level"]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

fn entry<'a>(all: &'a serde_json::Value, institution: &str) -> &'a serde_json::Value {
    all["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["institution"] == institution)
        .unwrap_or_else(|| panic!("no {institution}"))
}

/// Write `institution`'s hand-out to `file`; its text.
fn handout(db: &Path, all: &serde_json::Value, institution: &str, file: &Path) -> String {
    let id = entry(all, institution)["submission"].to_string();
    let (code, out, err) = anketa_on(
        db,
        &[
            "results",
            "--submission",
            &id,
            "--html",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Rezultātu izdruka saglabāta"), "{out}");
    std::fs::read_to_string(file).unwrap()
}

#[test]
fn the_hand_out_holds_the_results_and_the_next_steps_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let all = results(&db);
    let html = handout(&db, &all, SHOWN, &dir.path().join("csp.html"));
    let e = entry(&all, SHOWN);
    let e_index = format!("{:.1}", e["e_index"].as_f64().unwrap()).replace('.', ",");
    assert!(
        html.contains(&format!(">{e_index}<")),
        "the e-index {e_index}"
    );
    assert!(html.contains(SHOWN));
    for theme in THEMES {
        assert!(html.contains(theme), "{theme}");
    }
    assert!(html.contains("Kur zaudēti punkti"));
    // The steps of --json are the steps on the page: the question and the answer to give.
    let mut steps = 0;
    for theme in e["themes"].as_array().unwrap() {
        for step in theme["next_level"].as_array().unwrap() {
            let question = step["question"].as_str().unwrap();
            let give = step["give"].as_str().unwrap();
            let escaped = |s: &str| s.replace('&', "&amp;").replace('"', "&quot;");
            assert!(html.contains(&escaped(question)), "{question}");
            assert!(html.contains(&format!("«{}»", escaped(give))), "{give}");
            steps += 1;
        }
    }
    assert!(steps > 0, "a level-3 institution has steps to take");
    assert!(html.contains("Priekšnosacījumi virzībai uz 4. līmeni"));
    // Self-contained: nothing to fetch (question texts may name addresses, as text), no script;
    // the demo is marked.
    for outside in ["<script", "<link", "src=", "href=\"http", "@import"] {
        assert!(!html.contains(outside), "{outside} in the hand-out");
    }
    // Its fonts inline too: every url() is data.
    assert!(
        html.contains("url(data:font/woff2;base64,"),
        "the fonts inline"
    );
    assert_eq!(
        html.matches("url(").count(),
        html.matches("url(data:").count()
    );
    assert!(html.contains("<svg"), "charts inline");
    assert!(html.contains("demo dati"));
}

#[test]
fn names_and_texts_are_escaped_never_markup() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let hostile = r#"<script>alert("x")</script> & Co"#;
    let sector = "<b>Resors</b> & <i>citi</i>";
    let conn = rusqlite::Connection::open(&db).unwrap();
    let changed = conn
        .execute(
            "UPDATE institutions SET name = ?1, sector = ?2 WHERE name = ?3",
            rusqlite::params![hostile, sector, SHOWN],
        )
        .unwrap();
    assert_eq!(changed, 1);
    drop(conn);
    let all = results(&db);
    let html = handout(&db, &all, hostile, &dir.path().join("x.html"));
    assert!(!html.contains("<script"), "no script element");
    assert!(!html.contains("<b>Resors"));
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co"));
    assert!(html.contains("&lt;b&gt;Resors&lt;/b&gt; &amp; &lt;i&gt;citi&lt;/i&gt;"));
    // The index page of the cohort escapes it as well.
    let out = dir.path().join("all");
    let (code, _, err) = anketa_on(&db, &["results", "--html", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!index.contains("<script"));
    assert!(index.contains("&lt;script&gt;"));
}

#[test]
fn every_institution_gets_a_page_and_the_cohort_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let all = results(&db);
    let out = dir.path().join("izdrukas");
    let (code, stdout, err) = anketa_on(
        &db,
        &["results", "--all", "--html", "-o", out.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    let submissions = all["submissions"].as_array().unwrap();
    let pages: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap() != "index.html")
        .collect();
    assert_eq!(pages.len(), submissions.len(), "{stdout}");
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    for page in &pages {
        let name = page.file_name().unwrap().to_str().unwrap();
        assert!(index.contains(&format!("href=\"{name}\"")), "{name} linked");
        assert!(name.ends_with("-2019.html"), "{name}");
    }
    for s in submissions {
        let institution = s["institution"].as_str().unwrap();
        assert!(
            index.contains(&institution.replace('&', "&amp;").replace('"', "&quot;")),
            "{institution}"
        );
    }
}

/// The program to render with, or why there is none.
fn tool(name: &str) -> Option<PathBuf> {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .ok()?;
    found
        .status
        .success()
        .then(|| PathBuf::from(String::from_utf8_lossy(&found.stdout).trim()))
}

/// Headless Chromium as this machine runs it: no sandbox (root), nothing from the network.
fn chromium(browser: &Path, profile: &Path, what: &[String], page: &Path) {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(what)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn chromium_prints_the_hand_out_on_at_most_four_a4_pages() {
    let (Some(browser), Some(pdftotext), Some(pdfinfo)) =
        (tool("chromium"), tool("pdftotext"), tool("pdfinfo"))
    else {
        eprintln!(
            "skipped: needs chromium and poppler-utils (pdftotext, pdfinfo); .ci/run installs them"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let all = results(&db);
    let page = dir.path().join("csp.html");
    handout(&db, &all, SHOWN, &page);
    let (pdf, png) = (dir.path().join("csp.pdf"), dir.path().join("csp.png"));
    let profile = dir.path().join("profile");
    chromium(
        &browser,
        &profile,
        &[format!("--print-to-pdf={}", pdf.display())],
        &page,
    );
    chromium(
        &browser,
        &profile,
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1240,1754".to_owned(),
        ],
        &page,
    );
    assert!(
        std::fs::metadata(&png).unwrap().len() > 10_000,
        "a PNG of the page"
    );
    if let Ok(keep) = std::env::var("ANKETA_KEEP_HANDOUT") {
        std::fs::copy(&pdf, Path::new(&keep).with_extension("pdf")).unwrap();
        std::fs::copy(&png, Path::new(&keep).with_extension("png")).unwrap();
    }
    let info = Command::new(pdfinfo).arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("{info}"));
    assert!((1..=4).contains(&pages), "{pages} pages");
    let size = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap_or_else(|| panic!("{info}"));
    let points: Vec<f64> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    // A4 is 210 × 297 mm: 595.3 × 841.9 points.
    assert!(
        (points[0] - 595.3).abs() < 1.0 && (points[1] - 841.9).abs() < 1.0,
        "A4: {size}"
    );
    let text = Command::new(pdftotext)
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    // pdftotext may break a long line anywhere: compare with the spaces and newlines out.
    let flat: String = text.split_whitespace().collect();
    let has = |s: &str| flat.contains(&s.split_whitespace().collect::<String>());
    let e = entry(&all, SHOWN);
    let e_index = format!("{:.1}", e["e_index"].as_f64().unwrap()).replace('.', ",");
    assert!(has(SHOWN));
    assert!(has(&e_index), "{e_index}");
    for theme in THEMES {
        assert!(has(theme), "{theme}");
    }
    assert!(has("Priekšnosacījumi virzībai uz 4. līmeni"));
    for theme in e["themes"].as_array().unwrap() {
        for step in theme["next_level"].as_array().unwrap() {
            let give = step["give"].as_str().unwrap();
            assert!(has(give), "the step «{give}» is printed");
        }
    }
    assert_eq!(
        text.matches("DEMO DATI").count(),
        pages,
        "demo data marked on every page:\n{text}"
    );
}

#[test]
fn the_hand_out_places_the_institution_among_its_own_year() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let (code, _, err) = anketa_on(&db, &["demo", "--no-tui", "--year", "2020"]);
    assert_eq!(code, 0, "{err}");
    let all = results(&db);
    let of_2019 = all["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["year"] == 2019)
        .count();
    assert!(all["submissions"].as_array().unwrap().len() > of_2019);
    // Without --next-level, every submission's steps are left out (null, not "none needed"):
    // working them out for a whole database takes long.
    let (code, out, err) = anketa_on(&db, &["results", "--json"]);
    assert_eq!(code, 0, "{err}");
    let plain: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(plain["submissions"][0]["themes"][0]["next_level"].is_null());
    // `results --json` ranks each submission among its year's as well.
    for s in all["submissions"].as_array().unwrap() {
        let year = s["year"].as_i64().unwrap();
        let of_year = all["submissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["year"] == year)
            .count();
        assert_eq!(s["of"], of_year, "{}", s["institution"]);
    }
    let html = handout(&db, &all, SHOWN, &dir.path().join("csp.html"));
    assert!(
        html.contains(&format!("/{of_2019} · procentile")),
        "ranked among the {of_2019} of 2019"
    );
}
