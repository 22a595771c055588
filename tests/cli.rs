//! The real binary, run as a user would.

use std::path::Path;
use std::process::Command;

fn anketa(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_anketa"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn shipped_questionnaires_check_clean() {
    let (code, out) = anketa(&[
        "check",
        "questionnaire/eindex-2019.toml",
        "questionnaire/ikt-2024.toml",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("questionnaire/eindex-2019.toml: ok"), "{out}");
    assert!(out.contains("questionnaire/ikt-2024.toml: ok"), "{out}");
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
    assert!(out.contains("Ekspertu vērtējums (filled by experts / support staff)"));
}

#[test]
fn export_then_import_between_two_databases() {
    use anketa::exchange::{InstitutionKind, InstitutionRecord};
    use anketa::questionnaire::{self, EINDEX_2019};
    use anketa::response::Value;
    use anketa::store::{AnswerKey, Role, Store};

    let dir = tempfile::tempdir().unwrap();
    let laptop = dir.path().join("laptop.db");
    let support = dir.path().join("support.db");
    let file = dir.path().join("iesniegums.json");
    {
        let mut store = Store::open(&laptop).unwrap();
        let q = questionnaire::load(EINDEX_2019.0, EINDEX_2019.1.as_bytes()).unwrap();
        let qrow = store.register_questionnaire(&q, EINDEX_2019.1).unwrap();
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
        out.contains("Rīgas Stradiņa universitāte") && out.contains("draft"),
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
    assert!(out.contains("1 submission written"), "{out}");

    let (code, out) = anketa(&[
        "--db",
        support.to_str().unwrap(),
        "import",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Rīgas Stradiņa universitāte 2019") && out.contains(": added"),
        "{out}"
    );
    let (code, out) = anketa(&[
        "--db",
        support.to_str().unwrap(),
        "import",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("already here, identical"), "{out}");

    let store = Store::open(&support).unwrap();
    assert_eq!(
        store.load_response(1).unwrap().answers["V00J"],
        Value::Number(41.0)
    );
}

#[test]
fn the_database_can_come_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.db");
    let out = Command::new(env!("CARGO_BIN_EXE_anketa"))
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
