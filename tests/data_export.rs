//! `anketa data` through the binary: the survey's data for Excel and for SPSS, one row per
//! submission and per roster instance, codes in the data, words in the codebook.

mod common;

use anketa::response::Value;
use common::anketa_on;
use common::tui::demo_store;
use std::collections::HashMap;

fn read(path: &std::path::Path, delimiter: u8, bom: bool) -> (Vec<String>, Vec<csv::StringRecord>) {
    let bytes = std::fs::read(path).unwrap();
    let body = if bom {
        assert!(
            bytes.starts_with("\u{feff}".as_bytes()),
            "a BOM for Excel: {}",
            path.display()
        );
        &bytes[3..]
    } else {
        assert!(!bytes.starts_with("\u{feff}".as_bytes()), "no BOM for SPSS");
        &bytes[..]
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(body);
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    (header, reader.records().map(Result::unwrap).collect())
}

#[test]
fn the_data_for_excel_has_a_row_per_submission_and_per_service_with_its_figures() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    // Every service's P52 by (institution, service), as the database holds it.
    let mut expected: HashMap<(String, String), Option<f64>> = HashMap::new();
    for s in store.submissions().unwrap() {
        for i in store.load_response(s.id).unwrap().instances("services") {
            let figure = match i.answers.get("P52") {
                Some(Value::Number(n)) => Some(*n),
                _ => None,
            };
            expected.insert((s.uid.clone(), i.label.clone()), figure);
        }
    }
    drop(store);
    let db = dir.path().join("d.db");
    let out = dir.path().join("dati.csv");
    let (code, printed, err) = anketa_on(
        &db,
        &["data", "--format", "csv", "-o", out.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert!(printed.contains("dati-services.csv") && printed.contains("dati-codebook.csv"));

    let (header, rows) = read(&out, b';', true);
    assert_eq!(rows.len(), 94, "one row per submission");
    assert_eq!(
        header[..7],
        [
            "uid",
            "institution",
            "reg_no",
            "sector",
            "kind",
            "year",
            "status"
        ]
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert!(
        rows.iter().any(|r| r[col("institution")].contains('ā')),
        "Latvian letters intact"
    );
    // A multiple choice is a column per option: 1 chosen, 0 not.
    let facebook = col("SOCIAL_NETWORKS_CHOICE_1");
    assert!(
        rows.iter().all(|r| ["0", "1"].contains(&&r[facebook])),
        "0/1 per option"
    );
    // A number with decimals is written with a decimal comma.
    let (_, services) = read(&dir.path().join("dati-services.csv"), b';', true);
    assert_eq!(services.len(), expected.len(), "one row per service");
    let (sheader, _) = read(&dir.path().join("dati-services.csv"), b';', true);
    let p52 = sheader.iter().position(|h| h == "P52").unwrap();
    for r in &services {
        let figure = expected[&(r[0].to_owned(), r[2].to_owned())];
        let written = r[p52].replace(',', ".");
        match figure {
            Some(n) => assert_eq!(written.parse::<f64>().unwrap(), n, "{r:?}"),
            None => assert!(written.is_empty() || written.starts_with('-'), "{r:?}"),
        }
    }
    let (_, codebook) = read(&dir.path().join("dati-codebook.csv"), b';', true);
    assert!(codebook.iter().any(|r| &r[1] == "D61J"));
    assert!(
        codebook.iter().any(|r| &r[3] == "1" && &r[4] == "Ir"),
        "value labels"
    );
}

#[test]
fn the_spss_syntax_names_every_variable_of_its_data_file_with_labels_and_missing_values() {
    let dir = tempfile::tempdir().unwrap();
    drop(demo_store(dir.path()));
    let db = dir.path().join("d.db");
    let out = dir.path().join("spss.csv");
    let (code, _, err) = anketa_on(
        &db,
        &["data", "--format", "spss", "-o", out.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    for (data, sps) in [
        ("spss.csv", "spss.sps"),
        ("spss-services.csv", "spss-services.sps"),
    ] {
        let (header, rows) = read(&dir.path().join(data), b',', false);
        assert!(!rows.is_empty());
        let syntax = std::fs::read_to_string(dir.path().join(sps)).unwrap();
        assert!(
            syntax.contains(&format!("/FILE='{data}'")),
            "{sps} reads {data}"
        );
        let listed: Vec<&str> = syntax
            .split("/VARIABLES=")
            .nth(1)
            .unwrap()
            .split("\n.\n")
            .next()
            .unwrap()
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        assert_eq!(
            listed, header,
            "{sps} names every variable of {data}, in order"
        );
        assert!(syntax.contains("MISSING VALUES"), "{sps}");
        assert!(syntax.contains("'Dati nav pieejami'"), "{sps}");
    }
    let syntax = std::fs::read_to_string(dir.path().join("spss.sps")).unwrap();
    assert!(syntax.contains("D61J 1 'Ir' 2 'Nav'"), "value labels");
    assert!(
        syntax.contains("V00J 'Nodarbināto skaits"),
        "variable labels"
    );
}

#[test]
fn the_workbook_opens_with_a_reader_and_holds_the_same_data_and_codebook() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    let services: usize = store
        .submissions()
        .unwrap()
        .iter()
        .map(|s| {
            store
                .load_response(s.id)
                .unwrap()
                .instances("services")
                .len()
        })
        .sum();
    drop(store);
    let db = dir.path().join("d.db");
    let out = dir.path().join("dati.xlsx");
    let (code, _, err) = anketa_on(
        &db,
        &["data", "--format", "xlsx", "-o", out.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    let mut book: Xlsx<_> = open_workbook(&out).expect("a workbook a reader opens");
    let names = book.sheet_names().to_vec();
    assert_eq!(names.first().map(String::as_str), Some("dati"));
    assert!(names.iter().any(|n| n == "services") && names.iter().any(|n| n == "kodi"));
    let data = book.worksheet_range("dati").unwrap();
    assert_eq!(data.height(), 95, "a header and a row per submission");
    let header: Vec<String> = data
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let v00j = header.iter().position(|h| h == "V00J").unwrap();
    assert!(
        data.rows()
            .skip(1)
            .all(|r| matches!(r[v00j], Data::Float(_))),
        "numbers as numbers"
    );
    assert!(
        data.rows().skip(1).any(|r| r[1].to_string().contains('ā')),
        "Latvian letters intact"
    );
    let rows = book.worksheet_range("services").unwrap();
    assert_eq!(rows.height(), services + 1, "a row per service");
    let codebook = book.worksheet_range("kodi").unwrap();
    assert!(
        codebook
            .rows()
            .any(|r| r[3] == Data::Float(1.0) && r[4] == "Ir"),
        "value labels in the codebook"
    );
}
