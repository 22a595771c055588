//! The real binary, run as a user would.

mod common;

use std::path::Path;

/// [`common::anketa`] with what it printed to stdout and stderr together, as a terminal shows
/// it.
fn anketa(args: &[&str]) -> (i32, String) {
    let (code, out, err) = common::anketa(args);
    (code, out + &err)
}

#[test]
fn shipped_questionnaires_check_clean() {
    let (code, out) = anketa(&[
        "check",
        "questionnaire/eindex-2019.toml",
        "questionnaire/ikt-2024.toml",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("questionnaire/eindex-2019.toml: kārtībā"),
        "{out}"
    );
    assert!(
        out.contains("questionnaire/ikt-2024.toml: kārtībā"),
        "{out}"
    );
}

#[test]
fn misspelt_code_in_show_if_exits_1_and_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaire/eindex-2019.toml"),
    )
    .unwrap();
    let line = text
        .lines()
        .position(|l| l == "show_if = \"P1020 = 1\"")
        .expect("P1012 filters on P1020")
        + 1;
    let broken = dir.path().join("broken.toml");
    std::fs::write(
        &broken,
        text.replacen("show_if = \"P1020 = 1\"", "show_if = \"P1002 = 1\"", 1),
    )
    .unwrap();
    let (code, out) = anketa(&["check", "--short", broken.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    // P1002 is a multiple choice: the type error is caught at load time, on that line.
    let expected = format!(
        "{}:{line}:12: a multiple choice cannot be compared with `=`; use `contains`",
        broken.display()
    );
    assert!(out.lines().any(|l| l == expected), "{out}");

    std::fs::write(
        &broken,
        text.replacen("show_if = \"P1020 = 1\"", "show_if = \"P1200 = 1\"", 1),
    )
    .unwrap();
    let (code, out) = anketa(&["check", broken.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        out.contains(&format!(
            "{}:{line}:12: unknown question code `P1200`",
            broken.display()
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("{line} | show_if = \"P1200 = 1\"")),
        "the excerpt shows the line: {out}"
    );
    assert!(
        out.contains("           ^^^^^"),
        "a caret underlines the code: {out}"
    );
}

#[test]
fn unreadable_files_are_named() {
    let (code, out) = anketa(&["check", "no/such/file.toml"]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with("no/such/file.toml: failu nevar nolasīt: tāda faila vai mapes nav"),
        "{out}"
    );
    let (code, out) = anketa(&["--lang", "en", "check", "no/such/file.toml"]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with("no/such/file.toml: cannot read the file"),
        "{out}"
    );
}

#[test]
fn overview_lists_parts_and_sections() {
    let (code, out) = anketa(&["info"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("Valsts iestāžu vērtējuma anketa"));
    assert!(out.contains("Individuāla pakalpojuma anketa"));
    assert!(
        out.contains("Ekspertu vērtējums (aizpilda eksperti / atbalsta dienests)"),
        "{out}"
    );
    let (code, out) = anketa(&["--lang", "en", "info"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Ekspertu vērtējums (filled by experts / support staff)"),
        "{out}"
    );
}

#[test]
fn export_then_import_between_two_databases() {
    use anketa::exchange::{InstitutionKind, InstitutionRecord};
    use anketa::questionnaire::EINDEX_2019;
    use anketa::response::Value;
    use anketa::store::{AnswerKey, Role, Store};
    use common::store::FIRST;

    let dir = tempfile::tempdir().unwrap();
    let laptop = dir.path().join("laptop.db");
    let support = dir.path().join("support.db");
    let file = dir.path().join("iesniegums.json");
    {
        let mut store = Store::open(&laptop).unwrap();
        let qrow = store
            .register_questionnaire(common::fixtures::eindex(), EINDEX_2019.1)
            .unwrap();
        let inst = store
            .institution(&InstitutionRecord {
                name: "Rīgas Stradiņa universitāte".into(),
                reg_no: None,
                sector: Some("Izglītības un zinātnes ministrija".into()),
                kind: InstitutionKind::Institution,
            })
            .unwrap();
        let who = store.person("Anna", Role::Respondent).unwrap();
        let id = store.create_submission(inst, qrow, 2019, who).unwrap();
        store
            .save_answer(id, AnswerKey::top("V00J"), Some(&Value::Number(41.0)), who)
            .unwrap();
    }
    let (code, out) = anketa(&["--db", laptop.to_str().unwrap(), "submissions"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Rīgas Stradiņa universitāte") && out.contains("melnraksts"),
        "{out}"
    );

    let (code, out) = anketa(&[
        "--db",
        laptop.to_str().unwrap(),
        "export",
        "--all",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.ends_with(": fails saglabāts, tajā ir 1 iesniegums\n"),
        "{out}"
    );

    let (code, out) = anketa(&[
        "--db",
        support.to_str().unwrap(),
        "import",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Rīgas Stradiņa universitāte 2019") && out.contains(": pievienots"),
        "{out}"
    );
    let (code, out) = anketa(&[
        "--db",
        support.to_str().unwrap(),
        "import",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("jau ir šeit, tāds pats"), "{out}");
    let (code, out) = anketa(&[
        "--lang",
        "en",
        "--db",
        support.to_str().unwrap(),
        "import",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("already here, identical"), "{out}");

    let store = Store::open(&support).unwrap();
    assert_eq!(
        store.load_response(FIRST).unwrap().answers["V00J"],
        Value::Number(41.0)
    );
}

#[test]
fn the_database_can_come_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.db");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_anketa"))
        .arg("submissions")
        .env("ANKETA_DB", &db)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        db.exists(),
        "ANKETA_DB names the database, created on first run"
    );
}

// The command line's own words: Latvian by default, English with `--lang en`.

/// A demo database in `dir`, made by the binary.
fn demo_db(dir: &Path) -> String {
    let db = dir.join("demo.db").to_str().unwrap().to_owned();
    let (code, out) = anketa(&["--db", &db, "demo", "--no-tui"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(": 91 iestāde — 2019. gada demonstrācijas dati"),
        "{out}"
    );
    db
}

/// `anketa demo` is of the built-in e-index, which its generator is made for: another
/// questionnaire is refused in one line, in the chosen language, before any database is made —
/// the e-index's own file too, wherever on the command line `--questionnaire` is given.
#[test]
fn demo_refuses_another_questionnaire_and_makes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let db = db.to_str().unwrap();
    let ikt = "questionnaire/ikt-2024.toml";
    let eindex = "questionnaire/eindex-2019.toml";
    for args in [
        ["--db", db, "demo", "--questionnaire", ikt, "--no-tui"],
        ["--db", db, "--questionnaire", eindex, "demo", "--no-tui"],
    ] {
        let (code, out, err) = common::anketa(&args);
        assert_eq!(code, 1, "{args:?}: {out}{err}");
        assert_eq!(out, "", "{args:?}");
        assert_eq!(
            err,
            "anketa: demonstrācija darbojas tikai ar iebūvēto e-indeksa anketu; \
             --questionnaire šeit nav izmantojams\n",
            "{args:?}"
        );
        assert!(!Path::new(db).exists(), "{args:?}: no database made");
    }
    let (code, out) = anketa(&["--lang", "en", "--db", db, "demo", "--questionnaire", ikt]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out,
        "anketa: the demo works only with the built-in e-index questionnaire; --questionnaire \
         does not apply to it\n"
    );
    assert!(!Path::new(db).exists(), "no database made");
}

/// The e-index as written after `word` in a results line: "54,6" or "54.6".
fn figure_after<'t>(line: &'t str, word: &str) -> &'t str {
    let rest = line
        .split_once(word)
        .unwrap_or_else(|| panic!("no {word:?} in {line:?}"))
        .1;
    // The figure ends where the list of level and rank begins.
    rest.split_once(", ").map_or(rest, |(figure, _)| figure)
}

#[test]
fn results_are_in_latvian_by_default_with_a_decimal_comma() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (code, out) = anketa(&["--db", &db, "results"]);
    assert_eq!(code, 0, "{out}");
    let first = out.lines().next().unwrap();
    assert!(first.contains(" [demo] 2019: e-indekss "), "{first}");
    assert!(first.contains(", līmenis "), "{first}");
    assert!(first.contains(", vieta "), "{first}");
    let figure = figure_after(first, "e-indekss ");
    assert!(
        figure.contains(',') && !figure.contains('.'),
        "a decimal comma: {first}"
    );
    assert!(
        out.contains("  līmenis ") && out.contains("(svars "),
        "{out}"
    );
    assert!(!out.contains("e-index") && !out.contains("level"), "{out}");
    assert_eq!(out.matches(": e-indekss ").count(), 91, "{out}");
    // Listed for people: in Latvian alphabetical order.
    let names: Vec<&str> = out
        .lines()
        .filter(|l| !l.starts_with(' '))
        .map(|l| l.split(" [demo]").next().unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort_by(|a, b| anketa::i18n::compare_lv(a, b));
    assert_eq!(names, sorted);
}

#[test]
fn results_are_in_english_with_lang_en() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (code, out) = anketa(&["--lang", "en", "--db", &db, "results"]);
    assert_eq!(code, 0, "{out}");
    let first = out.lines().next().unwrap();
    assert!(first.contains(" [demo] 2019: e-index "), "{first}");
    assert!(
        first.contains(", level ") && first.contains(", rank "),
        "{first}"
    );
    let figure = figure_after(first, "e-index ");
    assert!(
        figure.contains('.') && !figure.contains(','),
        "a decimal point: {first}"
    );
    assert!(
        out.contains("  level ") && out.contains("(weight "),
        "{out}"
    );
    assert!(
        !out.contains("e-indekss") && !out.contains("līmenis"),
        "{out}"
    );
    // The JSON is for scripts: the same keys in either language.
    let (_, lv) = anketa(&["--db", &db, "results", "--json"]);
    let (_, en) = anketa(&["--lang", "en", "--db", &db, "results", "--json"]);
    assert_eq!(lv, en);
    assert!(lv.contains("\"e_index\""), "{lv}");
}

#[test]
fn info_counts_questions_with_latvian_plurals() {
    let q = "questionnaire/ikt-2024.toml";
    let (code, out) = anketa(&["--questionnaire", q, "info"]);
    assert_eq!(code, 0, "{out}");
    let summary = out.lines().nth(1).unwrap();
    // 11–19 take the genitive plural, like 10: "16 jautājumu", "10 papildjautājumu".
    assert!(
        summary.contains("16 jautājumu un 10 papildjautājumu"),
        "{summary}"
    );
    assert!(
        summary.contains("7 sadaļas") && summary.contains("0 pārbaužu"),
        "{summary}"
    );
    assert!(out.contains("(aizpilda respondenti)"), "{out}");
    assert!(!out.contains("questions"), "{out}");

    let (code, out) = anketa(&["--lang", "en", "--questionnaire", q, "info"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("16 questions and 10 follow-ups"), "{out}");
    // One section's count: "1 question", never "1 questions".
    assert!(!out.contains(" 1 questions"), "{out}");

    let (code, out) = anketa(&["info"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("79 jautājumi un 31 papildjautājums"), "{out}");
    assert!(
        out.contains("  1 jautājums, katram ierakstam sarakstā „Pakalpojumi”"),
        "{out}"
    );
}

#[test]
fn submissions_export_and_errors_speak_the_chosen_language() {
    use anketa::exchange::{InstitutionKind, InstitutionRecord};
    use anketa::questionnaire::EINDEX_2019;
    use anketa::store::{Role, Store};

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let db = db.to_str().unwrap();
    let (code, out) = anketa(&["--db", db, "submissions"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with(": iesniegumu vēl nav\n"), "{out}");
    let (_, out) = anketa(&["--lang", "en", "--db", db, "submissions"]);
    assert!(out.ends_with(": no submissions yet\n"), "{out}");
    {
        let mut store = Store::open(Path::new(db)).unwrap();
        let qrow = store
            .register_questionnaire(common::fixtures::eindex(), EINDEX_2019.1)
            .unwrap();
        let who = store.person("Anna", Role::Respondent).unwrap();
        // Byte order would put "Ā" after "Z"; Latvian order puts it after "A".
        for name in [
            "Zemkopības ministrija",
            "Ādažu novada pašvaldība",
            "Aizkraukles novada pašvaldība",
        ] {
            let inst = store
                .institution(&InstitutionRecord {
                    name: name.into(),
                    reg_no: None,
                    sector: None,
                    kind: InstitutionKind::Institution,
                })
                .unwrap();
            store.create_submission(inst, qrow, 2019, who).unwrap();
        }
    }
    let (code, out) = anketa(&["--db", db, "submissions"]);
    assert_eq!(code, 0, "{out}");
    let order: Vec<&str> = ["Aizkraukles", "Ādažu", "Zemkopības"]
        .into_iter()
        .filter(|name| out.contains(name))
        .collect();
    assert_eq!(order.len(), 3, "{out}");
    let at = |name: &str| out.find(name).unwrap();
    assert!(
        at("Aizkraukles") < at("Ādažu") && at("Ādažu") < at("Zemkopības"),
        "{out}"
    );
    assert_eq!(out.matches(" melnraksts ").count(), 3, "{out}");
    let (_, out) = anketa(&["--lang", "en", "--db", db, "submissions"]);
    assert_eq!(out.matches(" draft ").count(), 3, "{out}");

    let file = dir.path().join("visi.json");
    let file = file.to_str().unwrap();
    let (code, out) = anketa(&["--db", db, "export", "--all", "-o", file]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.ends_with(": fails saglabāts, tajā ir 3 iesniegumi\n"),
        "{out}"
    );
    let (code, out) = anketa(&["--lang", "en", "--db", db, "export", "--all", "-o", file]);
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with(": 3 submissions written\n"), "{out}");

    let (code, out) = anketa(&["--db", db, "import", "no/such.json"]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out,
        "anketa: nevar nolasīt no/such.json: tāda faila vai mapes nav; nekas netika importēts\n"
    );
    let (code, out) = anketa(&["--db", db, "results", "--submission", "99"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("nav iesnieguma 99"), "{out}");
    let (code, out) = anketa(&["--lang", "en", "--db", db, "results", "--submission", "99"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("there is no scored submission 99"), "{out}");
    let (code, out) = anketa(&[
        "--db",
        db,
        "--questionnaire",
        "questionnaire/ikt-2024.toml",
        "results",
    ]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out,
        "anketa: anketai „IKT arhitektūras aptauja 2024” nav vērtēšanas modeļa: tās atbildes netiek vērtētas\n"
    );
}

#[test]
fn a_long_list_shows_its_first_fifty_and_says_how_to_see_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let (code, _, err) = common::anketa_on(&db, &["demo", "--no-tui"]);
    assert_eq!(code, 0, "{err}");

    let (code, all, err) = common::anketa_on(&db, &["submissions", "--all"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(all.lines().count(), 91, "{all}");
    assert_eq!(err, "", "nothing left out");

    // The first fifty of the same order, and on stderr how many more, so a pipe gets only
    // submissions.
    let (code, first, err) = common::anketa_on(&db, &["submissions"]);
    assert_eq!(code, 0, "{err}");
    let first: Vec<&str> = first.lines().collect();
    assert_eq!(first, all.lines().take(50).collect::<Vec<_>>());
    assert_eq!(
        err,
        "… un vēl 41 iesniegums (visus parāda --all, --year un --status atlasa)\n"
    );
    let (_, _, err) = common::anketa_on(&db, &["--lang", "en", "submissions", "--limit", "90"]);
    assert_eq!(
        err,
        "… and 1 submission not listed (--all lists them all, --year and --status choose)\n"
    );

    // Filters choose before the limit counts.
    let (code, drafts, _) = common::anketa_on(&db, &["submissions", "--all", "--status", "draft"]);
    assert_eq!(code, 0);
    assert_eq!(
        drafts.lines().collect::<Vec<_>>(),
        all.lines()
            .filter(|l| l.contains(" melnraksts "))
            .collect::<Vec<_>>()
    );
    let (code, out, err) = common::anketa_on(&db, &["submissions", "--year", "2018"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "");
    assert_eq!(err, "neviens iesniegums neatbilst atlasei\n");
}
