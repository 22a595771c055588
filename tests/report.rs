//! `anketa report` through the binary: the answer tables over what was handed in, as text,
//! CSV for Excel, an Excel workbook and JSON; the questionnaire named by its id or its file; and
//! what it says when there is nothing to count or nowhere to write.

mod common;

use anketa::response::Value;
use common::tui::demo_store;
use common::{anketa_on, ict};

/// The service statistics of the demo database are summed over every service of every
/// institution: the report's sum of P52 is the sum a script would compute.
#[test]
fn service_figures_are_summed_over_every_service_of_every_institution() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    let mut expected = 0.0;
    let mut services = 0;
    for s in store.submissions().unwrap() {
        for i in store.load_response(s.id).unwrap().instances("services") {
            services += 1;
            if let Some(Value::Number(n)) = i.answers.get("P52") {
                expected += n;
            }
        }
    }
    drop(store);
    let db = dir.path().join("d.db");
    let (code, out, err) = anketa_on(&db, &["report", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["report"]["n"], 94, "every demo submission is accepted");
    let p52 = json["report"]["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == "P52")
        .expect("a table for P52");
    assert_eq!(p52["roster"], "services");
    assert_eq!(
        p52["asked"].as_u64().unwrap() + p52["not_asked"].as_u64().unwrap(),
        services
    );
    let sum = p52["kind"]["sum"].as_f64().unwrap();
    assert!((sum - expected).abs() < 1e-6, "{sum} against {expected}");

    // The same in words: "summa" with a decimal comma where it has decimals.
    let (_, text, _) = anketa_on(&db, &["report"]);
    assert!(text.contains("n = 94"), "{}", &text[..200]);
    let at = text.find("\nP52 ").expect("P52 in the text");
    let block = &text[at..at + 400];
    assert!(
        block.contains(&format!("summa {}", expected as i64)),
        "{block}"
    );
}

#[test]
fn the_csv_is_for_excel_and_reads_back_with_its_latvian_letters() {
    let dir = tempfile::tempdir().unwrap();
    drop(demo_store(dir.path()));
    let db = dir.path().join("d.db");
    let path = dir.path().join("tabulas.csv");
    let (code, _, err) = anketa_on(
        &db,
        &["report", "--format", "csv", "-o", path.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "a BOM for Excel");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "grupa");
    assert_eq!(&header[1], "kods");
    assert_eq!(&header[4], "atbilde");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let d61 = rows
        .iter()
        .find(|r| &r[1] == "D61J" && &r[4] == "Ir")
        .expect("a row per option");
    assert!(d61[6].contains(','), "a decimal comma: {d61:?}");
    assert!(
        rows.iter().any(|r| r[4].contains("Sociālie tīkli")),
        "Latvian letters intact"
    );
    // A number question's figures, a row each, as the text has them.
    let figures: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| &r[1] == "V00J")
        .map(|r| (&r[4], &r[5]))
        .collect();
    let names: Vec<&str> = figures.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, ["n", "summa", "vidēji", "mediāna", "min.", "maks."]);
    assert_eq!(figures[0].1, "94");
    assert!(figures[2].1.contains(','), "a decimal comma: {figures:?}");
    assert!(
        !dir.path().join("tabulas.csv.partial").exists(),
        "nothing half-written left"
    );
}

#[test]
fn nothing_to_count_is_said_and_an_unwritable_path_refused() {
    let dir = tempfile::tempdir().unwrap();
    drop(demo_store(dir.path()));
    let db = dir.path().join("d.db");
    // The demo is of 2019: 2024 has nothing.
    let (code, out, err) = anketa_on(&db, &["report", "--year", "2024"]);
    assert_eq!(code, 0);
    assert!(out.contains("n = 0"), "{out}");
    assert!(
        err.contains("Nav neviena iesnieguma, ko skaitīt (n = 0)."),
        "{err}"
    );
    let figures = out
        .lines()
        .filter(|l| l.contains('%') || l.contains("summa"));
    for line in figures {
        let broken = |w: &str| ["NaN", "inf", "-inf"].contains(&w);
        assert!(!line.split_whitespace().any(broken), "divided by 0: {line}");
    }

    let (code, _, err) = anketa_on(&db, &["report", "-o", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("is a folder"), "{err}");
    let missing = dir.path().join("no/such/folder/t.txt");
    let (code, _, err) = anketa_on(&db, &["report", "-o", missing.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("cannot write the file"), "{err}");

    let (code, _, err) = anketa_on(&db, &["report", "--status", "gatavs"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("one of draft, submitted, returned, accepted"),
        "{err}"
    );
}

/// `anketa report` prints every published count and share of the 2024 ICT report, n = 145,
/// the drafts left out.
#[test]
fn the_ict_report_reproduces_every_published_count_and_share() {
    let dir = tempfile::tempdir().unwrap();
    let (db, published) = ict::database(dir.path());
    let n = published.tables[0].n;

    let (code, out, err) = anketa_on(
        &db,
        &["--questionnaire", "questionnaire/ikt-2024.toml", "report"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!("n = {n}")),
        "the drafts are left out:\n{}",
        &out[..300]
    );
    for table in &published.tables {
        let at = out
            .find(&format!("\n{} ", table.question))
            .unwrap_or_else(|| panic!("{} is reported", table.question));
        let block: Vec<&str> = out[at + 1..]
            .lines()
            .skip(1)
            .take_while(|l| l.starts_with("  "))
            .collect();
        for row in &table.rows {
            let line = block
                .iter()
                .find(|l| l.trim_start().starts_with(&row.label))
                .unwrap_or_else(|| {
                    panic!("{} {:?}:\n{}", table.question, row.label, block.join("\n"))
                });
            let words: Vec<&str> = line.split_whitespace().collect();
            let tail = words[words.len() - 3..].join(" ");
            assert_eq!(
                tail,
                format!("{} {}", row.count, row.share),
                "{} {}: {line}",
                table.question,
                row.label
            );
        }
    }
}

/// The 2024 report's figure 3: the institutions cut by whether they use VIRSIS (IKT01), each
/// group's shares its own; a text question cannot cut.
#[test]
fn tables_are_cut_by_the_answer_to_a_single_choice_question() {
    let dir = tempfile::tempdir().unwrap();
    let (db, published) = ict::database(dir.path());
    let ikt01 = &published.tables[0];
    let args = [
        "--questionnaire",
        "questionnaire/ikt-2024.toml",
        "report",
        "--by",
        "IKT01",
    ];
    let (code, out, err) = anketa_on(&db, &args);
    assert_eq!(code, 0, "{err}");
    for row in &ikt01.rows {
        let group = format!("== IKT01: {} — n = {} ==", row.label, row.count);
        assert!(out.contains(&group), "{group}:\n{}", &out[..400]);
    }
    // Within the "Jā" group, every one answered IKT01 "Jā": 100,00 %.
    let yes = out
        .find(&format!("== IKT01: {} ", ikt01.rows[0].label))
        .unwrap();
    let block = &out[yes..];
    let at = block.find("\nIKT01 ").unwrap();
    let first = block[at..].lines().nth(2).unwrap();
    let words: Vec<&str> = first.split_whitespace().collect();
    let count = ikt01.rows[0].count.to_string();
    assert_eq!(
        words[words.len() - 3..],
        [count.as_str(), "100,00", "%"],
        "{first}"
    );

    let args = [
        "--questionnaire",
        "questionnaire/ikt-2024.toml",
        "report",
        "--by",
        "IKT02_NOTES",
    ];
    let (code, _, err) = anketa_on(&db, &args);
    assert_eq!(code, 1);
    assert!(
        err.contains("IKT02_NOTES is not a single-choice question"),
        "{err}"
    );
    let (code, _, err) = anketa_on(
        &db,
        &[
            "--questionnaire",
            "questionnaire/ikt-2024.toml",
            "report",
            "--by",
            "NOPE",
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("has no question NOPE"), "{err}");
}

fn workbook(path: &std::path::Path) -> calamine::Xlsx<std::io::BufReader<std::fs::File>> {
    calamine::open_workbook(path).expect("a workbook a reader opens")
}

/// The row of `sheet` whose first cells are `first`.
fn row_of<'s>(sheet: &'s calamine::Range<calamine::Data>, first: &[&str]) -> &'s [calamine::Data] {
    sheet
        .rows()
        .find(|r| {
            first.iter().zip(r.iter()).all(|(want, cell)| match cell {
                calamine::Data::Empty => want.is_empty(),
                other => other == want,
            })
        })
        .unwrap_or_else(|| panic!("a row {first:?}"))
}

fn number(cell: &calamine::Data) -> f64 {
    match cell {
        calamine::Data::Float(x) => *x,
        other => panic!("a number, not {other:?}"),
    }
}

/// `anketa report --format xlsx`: the published counts and shares as numbers in a sheet named
/// in Latvian, n in the heading, the letters intact, nothing half-written.
#[test]
fn the_workbook_holds_every_published_count_and_share_as_numbers() {
    use calamine::Reader;
    let dir = tempfile::tempdir().unwrap();
    let (db, published) = ict::database(dir.path());
    let path = dir.path().join("tabulas.xlsx");
    let out = path.to_str().unwrap();
    let args = [
        "--questionnaire",
        "ikt-2024",
        "report",
        "--format",
        "xlsx",
        "-o",
        out,
    ];
    let (code, printed, err) = anketa_on(&db, &args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(printed, "", "a workbook is written to its file alone");
    let mut book = workbook(&path);
    assert_eq!(
        book.sheet_names(),
        ["tabulas"],
        "no texts sheet without --texts"
    );
    let sheet = book.worksheet_range("tabulas").unwrap();
    assert_eq!(sheet.get((0, 0)).unwrap(), "Anketa");
    let title = sheet.get((0, 1)).unwrap().to_string();
    assert_eq!(
        title, "IKT arhitektūras aptauja 2024 (ikt-2024 2024.1)",
        "Latvian letters intact"
    );
    let n = row_of(&sheet, &["", "n"]);
    assert_eq!(
        number(&n[3]),
        published.tables[0].n as f64,
        "n in the heading"
    );
    for table in &published.tables {
        let heading = row_of(&sheet, &[&table.question]);
        assert!(
            heading[1].to_string().len() > 10,
            "{}: its question",
            table.question
        );
        for row in &table.rows {
            let line = row_of(&sheet, &[&table.question, &row.label]);
            assert_eq!(number(&line[2]), row.option as f64, "the option's code");
            assert_eq!(
                number(&line[3]),
                row.count as f64,
                "{} {}",
                table.question,
                row.label
            );
            let share: f64 = row
                .share
                .trim_end_matches(" %")
                .replace(',', ".")
                .parse()
                .unwrap();
            let written = number(&line[4]);
            assert!(
                (written - share / 100.0).abs() < 1e-9,
                "{} {}: {written} for {}",
                table.question,
                row.label,
                row.share
            );
        }
        let blank = row_of(&sheet, &[&table.question, "nav atbildes"]);
        assert_eq!(number(&blank[3]), 0.0);
    }
    assert!(!dir.path().join("tabulas.xlsx.partial").exists());

    // In English, the sheet and the words are too; the texts get a sheet of their own.
    let args = [
        "--lang",
        "en",
        "--questionnaire",
        "ikt-2024",
        "report",
        "--format",
        "xlsx",
    ];
    let (code, _, err) = anketa_on(&db, &[&args[..], &["--texts", "-o", out]].concat());
    assert_eq!(code, 0, "{err}");
    let mut book = workbook(&path);
    assert_eq!(book.sheet_names(), ["tables", "texts"]);
    let sheet = book.worksheet_range("tables").unwrap();
    let blank = row_of(&sheet, &["IKT01", "no answer"]);
    assert_eq!(
        number(&blank[4]),
        0.0,
        "a single choice's no answer has its share"
    );
    let texts = book.worksheet_range("texts").unwrap();
    assert_eq!(texts.get((0, 2)).unwrap(), "text");
    assert!(texts.height() > 1, "the texts written, a row each");
}

/// With `--by`, each group is a pair of columns beside all the submissions' pair, with its n.
#[test]
fn the_workbook_sets_the_groups_side_by_side() {
    use calamine::Reader;
    let dir = tempfile::tempdir().unwrap();
    let (db, published) = ict::database(dir.path());
    let ikt01 = &published.tables[0];
    let path = dir.path().join("grupas.xlsx");
    let args = [
        "--questionnaire",
        "ikt-2024",
        "report",
        "--format",
        "xlsx",
        "--by",
        "IKT01",
        "-o",
        path.to_str().unwrap(),
    ];
    let (code, _, err) = anketa_on(&db, &args);
    assert_eq!(code, 0, "{err}");
    let sheet = workbook(&path).worksheet_range("tabulas").unwrap();
    let groups: Vec<String> = sheet
        .rows()
        .nth(3)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let yes = format!("IKT01: {}", ikt01.rows[0].label);
    let no = format!("IKT01: {}", ikt01.rows[1].label);
    assert_eq!(groups[3..], ["visi", "", &yes, "", &no, ""], "{groups:?}");
    let n = row_of(&sheet, &["", "n"]);
    let counts: Vec<f64> = [3, 5, 7].iter().map(|&c| number(&n[c])).collect();
    let expected = [ikt01.n, ikt01.rows[0].count, ikt01.rows[1].count].map(|c| c as f64);
    assert_eq!(counts, expected);
    // Within the "Jā" group every one answered IKT01 "Jā": 100 %, and none "Nē".
    let line = row_of(&sheet, &["IKT01", &ikt01.rows[0].label]);
    assert_eq!(
        (number(&line[5]), number(&line[6])),
        (ikt01.rows[0].count as f64, 1.0)
    );
    assert_eq!((number(&line[7]), number(&line[8])), (0.0, 0.0));
}

/// A workbook goes to a file: to the terminal it is refused as a usage error; nothing is
/// written where the file cannot be, and n = 0 is said and divided by nowhere.
#[test]
fn the_workbook_is_refused_without_a_file_and_says_when_nothing_is_counted() {
    use calamine::Reader;
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = ict::database(dir.path());
    let q = ["--questionnaire", "ikt-2024", "report", "--format", "xlsx"];
    let (code, out, err) = anketa_on(&db, &q);
    assert_eq!(code, 2, "{err}");
    assert_eq!(out, "");
    assert!(
        err.contains("--format xlsx") && err.contains("-o FAILS.xlsx"),
        "{err}"
    );

    let missing = dir.path().join("no/such/folder/t.xlsx");
    let (code, _, err) = anketa_on(&db, &[&q[..], &["-o", missing.to_str().unwrap()]].concat());
    assert_eq!(code, 1);
    assert!(err.contains("cannot write the file"), "{err}");
    assert!(!dir.path().join("no").exists(), "nothing written");

    let path = dir.path().join("2023.xlsx");
    let args = [&q[..], &["--year", "2023", "-o", path.to_str().unwrap()]].concat();
    let (code, _, err) = anketa_on(&db, &args);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("(n = 0)"), "{err}");
    let sheet = workbook(&path).worksheet_range("tabulas").unwrap();
    assert!(sheet.get((2, 1)).unwrap().to_string().contains("(n = 0)"));
    assert_eq!(number(&row_of(&sheet, &["", "n"])[3]), 0.0);
    for cell in sheet.used_cells() {
        if let (_, _, calamine::Data::Float(x)) = cell {
            assert!(x.is_finite(), "divided by 0: {cell:?}");
        }
    }
}

/// `--questionnaire` takes a built-in questionnaire's id as it takes its file, and the code of
/// one the database keeps; what names neither is said, with the ids that would do.
#[test]
fn the_questionnaire_is_named_by_its_id_or_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = ict::database(dir.path());
    let by_file = anketa_on(
        &db,
        &["--questionnaire", "questionnaire/ikt-2024.toml", "report"],
    );
    let by_id = anketa_on(&db, &["--questionnaire", "ikt-2024", "report"]);
    assert_eq!(by_file.0, 0, "{}", by_file.2);
    assert_eq!(by_id, by_file);

    // A definition only the database keeps (no submission filled with it yet).
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("questionnaire/ikt-2024.toml"))
        .unwrap()
        .replace("id = \"ikt-2024\"", "id = \"ikt-2025\"");
    let q = anketa::questionnaire::load("x.toml", text.as_bytes()).unwrap();
    let mut store = anketa::store::Store::open(&db).unwrap();
    store.register_questionnaire(&q, &text).unwrap();
    drop(store);
    let (code, out, err) = anketa_on(&db, &["--questionnaire", "ikt-2025", "report"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Anketa: IKT arhitektūras aptauja 2024 (ikt-2025 2024.1)"),
        "{out}"
    );
    assert!(out.contains("n = 0"), "its own submissions: none");

    let (code, out, err) = anketa_on(&db, &["--questionnaire", "ikt-2023", "report"]);
    assert_eq!((code, out.as_str()), (1, ""), "{err}");
    assert_eq!(
        err,
        "anketa: --questionnaire ikt-2023: tāda faila nav, un tas nav nevienas anketas id; \
         iebūvētās anketas: eindex-2019, ikt-2024; datubāzē: ikt-2025\n"
    );
    let missing = "questionnaire/ikt-2023.toml";
    let data = dir.path().join("dati.csv");
    let (code, _, err) = anketa_on(
        &db,
        &[
            "--lang",
            "en",
            "--questionnaire",
            missing,
            "data",
            "--format",
            "csv",
            "-o",
            data.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1);
    assert!(!data.exists());
    assert!(
        err.starts_with(&format!("anketa: --questionnaire {missing}: no such file")),
        "{err}"
    );
    // Without a database, the built-in ids alone.
    let (code, out, err) = common::anketa(&["--questionnaire", "ikt-2024", "info"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("IKT arhitektūras aptauja 2024\n"), "{out}");
    let (code, _, err) = common::anketa(&["--questionnaire", "ikt-2023", "info"]);
    assert_eq!(code, 1);
    assert!(
        err.ends_with("iebūvētās anketas: eindex-2019, ikt-2024\n"),
        "{err}"
    );
}

/// A built-in questionnaire named by its id is scored by its built-in model, as when named by
/// its file or not named at all.
#[test]
fn a_built_in_id_brings_its_scoring_model() {
    let dir = tempfile::tempdir().unwrap();
    drop(demo_store(dir.path()));
    let db = dir.path().join("d.db");
    let plain = anketa_on(&db, &["results"]);
    assert_eq!(plain.0, 0, "{}", plain.2);
    assert!(plain.1.contains("e-indekss"), "{}", plain.1);
    for named in ["eindex-2019", "questionnaire/eindex-2019.toml"] {
        assert_eq!(
            anketa_on(&db, &["--questionnaire", named, "results"]),
            plain,
            "{named}"
        );
    }
}
