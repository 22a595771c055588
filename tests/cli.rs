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
    let (code, out) = anketa(&[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("Valsts iestāžu vērtējuma anketa"));
    assert!(out.contains("Individuāla pakalpojuma anketa"));
    assert!(out.contains("Ekspertu vērtējums (filled by experts / support staff)"));
}
