//! Helpers shared by the integration tests, used with `mod common;`.

// Each test binary compiles this whole module but uses a different subset of it.
#![allow(dead_code)]

pub mod answers;
pub mod fixtures;
pub mod ict;
pub mod journey;
pub mod pty;
pub mod results;
pub mod store;
pub mod tui;

/// The institution whose submission the tests create through the new-submission form.
pub const INSTITUTION: &str = "Valsts ieņēmumu dienests";

/// The real binary, run from the project's directory (so that `questionnaire/…` paths
/// resolve) and without `ANKETA_DB`: (exit code, stdout, stderr).
pub fn anketa(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_anketa"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("ANKETA_DB")
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// [`anketa`] on the database `db`.
pub fn anketa_on(db: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let db = db.to_str().expect("a UTF-8 path");
    anketa(&[&["--db", db], args].concat())
}
