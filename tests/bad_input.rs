//! Malformed definitions and expressions give located errors, never panics.

use anketa::expr;
use anketa::questionnaire::{self, EINDEX_2019};
use proptest::prelude::*;

fn problems(text: &str) -> Vec<String> {
    match questionnaire::load("q.toml", text.as_bytes()) {
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics.iter().map(|d| d.short()).collect(),
    }
}

const MINIMAL: &str = r#"
id = "mini"
version = "1"
title = "Mini"
languages = ["lv"]

[[parts]]
id = "respondent"
title = "Respondents"
filled_by = "respondent"

[[sections]]
id = "s"
part = "respondent"
title = "S"

[[sections.questions]]
code = "A"
text = "Vai?"
type = "single"
options = [{ code = 1, label = "Jā" }, { code = 2, label = "Nē" }]

[[sections.questions]]
code = "B"
text = "Cik?"
type = "integer"
min = 0
show_if = "A = 1"
"#;

#[test]
fn minimal_definition_loads() {
    assert_eq!(problems(MINIMAL), Vec::<String>::new());
}

#[test]
fn empty_file_is_named_as_empty() {
    assert_eq!(
        problems(""),
        [
            "q.toml: the file is empty; a definition needs at least id, version, title, languages and sections"
        ]
    );
    assert_eq!(problems("  \n\n").len(), 1);
}

#[test]
fn binary_garbage_is_refused_as_not_text() {
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let err = questionnaire::load("q.toml", &garbage).unwrap_err();
    assert_eq!(err.len(), 1);
    assert!(err[0].message.contains("not UTF-8"), "{}", err[0]);
}

#[test]
fn ten_megabytes_are_refused_before_parsing() {
    let big = format!("{MINIMAL}\n# {}\n", "x".repeat(10 * 1024 * 1024));
    let err = problems(&big);
    assert_eq!(err.len(), 1);
    assert!(err[0].contains("at most 4 MiB"), "{}", err[0]);
}

#[test]
fn unknown_keys_are_named_with_their_line() {
    let text = MINIMAL.replace("min = 0", "min = 0\nminimum = 3");
    let err = problems(&text);
    assert_eq!(err.len(), 1);
    assert!(
        err[0].starts_with("q.toml:28:1: unknown field `minimum`"),
        "{}",
        err[0]
    );
}

#[test]
fn keys_of_another_type_are_errors() {
    let text = MINIMAL.replace("min = 0", "min = 0\nmultiline = true");
    let err = problems(&text);
    assert_eq!(
        err,
        [
            "q.toml:28:13: `multiline` does not apply to type integer (question B); it takes: min, max, unit, not_available, not_applicable"
        ]
    );
}

#[test]
fn expression_errors_point_inside_the_string() {
    let text = MINIMAL.replace("show_if = \"A = 1\"", "show_if = \"A = 1 and C > 2\"");
    assert_eq!(problems(&text), ["q.toml:28:22: unknown question code `C`"]);
    let text = MINIMAL.replace("show_if = \"A = 1\"", "show_if = \"A = 3\"");
    assert_eq!(
        problems(&text),
        ["q.toml:28:16: 3 is not an option of A (its options are 1, 2)"]
    );
    let text = MINIMAL.replace("show_if = \"A = 1\"", "show_if = \"A + 1\"");
    assert_eq!(
        problems(&text),
        ["q.toml:28:12: expected a number here, but this is a single choice"]
    );
}

#[test]
fn cycles_are_load_errors() {
    let text = MINIMAL.replace(
        "type = \"single\"\noptions",
        "type = \"single\"\nshow_if = \"B > 1\"\noptions",
    );
    let err = problems(&text);
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(
        err[0].contains("show_if cycle: A → B → A") || err[0].contains("show_if cycle: B → A → B"),
        "{}",
        err[0]
    );
}

#[test]
fn lint_finds_structural_mistakes() {
    let dup_code = MINIMAL.replace("code = \"B\"", "code = \"A\"");
    assert!(problems(&dup_code)[0].contains("duplicate code `A` (first used on line 18)"));

    let dup_option = MINIMAL.replace("code = 2, label = \"Nē\"", "code = 1, label = \"Nē\"");
    assert!(problems(&dup_option)[0].contains("duplicate option code 1 in question A"));

    let exclusive = MINIMAL.replace(
        "code = 2, label = \"Nē\"",
        "code = 2, label = \"Nē\", exclusive = true",
    );
    assert!(problems(&exclusive)[0].contains("only a multiple choice can have exclusive options"));

    let dangling = MINIMAL.replace(
        "code = 2, label = \"Nē\"",
        "code = 2, label = \"Nē\", follow_up = \"A_NOTES\"",
    );
    assert!(
        problems(&dangling)[0].contains("follow_up names `A_NOTES`, which is not a question here")
    );

    let unreachable = MINIMAL.replace("show_if = \"A = 1\"", "show_if = \"A = 1 and A = 2\"");
    let err = problems(&unreachable);
    assert!(err[0].contains("`B` can never be shown"), "{err:?}");
}

#[test]
fn an_unknown_part_lists_the_parts_in_the_order_declared() {
    let parts = r#"[[parts]]
id = "respondent"
title = "Respondents"
filled_by = "respondent"

[[parts]]
id = "expert"
title = "Experts"
filled_by = "expert"

[[parts]]
id = "board"
title = "Board"
filled_by = "expert"
"#;
    let text = MINIMAL
        .replace(
            "[[parts]]\nid = \"respondent\"\ntitle = \"Respondents\"\nfilled_by = \"respondent\"\n",
            parts,
        )
        .replace("part = \"respondent\"", "part = \"experts\"");
    // Not alphabetical, nor the order of any map: the order the file declares them in.
    for _ in 0..8 {
        assert_eq!(
            problems(&text),
            ["q.toml:24:8: unknown part `experts` (parts: respondent, expert, board)"]
        );
    }
}

#[test]
fn follow_up_must_depend_on_its_opener() {
    let text = MINIMAL.replace(
        "code = 2, label = \"Nē\" }",
        "code = 2, label = \"Nē\", follow_up = \"B\" }",
    );
    let err = problems(&text);
    assert!(
        err.is_empty(),
        "B's show_if reads A, so it is fine: {err:?}"
    );
    let text = text.replace("show_if = \"A = 1\"", "show_if = \"true\"");
    assert!(problems(&text)[0].contains("does not depend on `A`"));
}

#[test]
fn the_real_questionnaire_with_a_misspelt_filter_names_the_line() {
    let (_, text) = EINDEX_2019;
    let (line_index, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("show_if = \"F14 in"))
        .expect("P1020 filters on F14");
    let broken = text.replace(line, &line.replace("F14", "F41"));
    let err = problems(&broken);
    assert_eq!(
        err,
        [format!(
            "q.toml:{}:12: unknown question code `F41`",
            line_index + 1
        )]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_expression_text_parses_or_errors_within_bounds(src in "\\PC{0,60}") {
        if let Err(e) = expr::parse(&src) {
            prop_assert!(e.span.start <= e.span.end && e.span.end <= src.len());
            prop_assert!(!e.message.is_empty());
        }
    }

    #[test]
    fn expression_like_text_never_panics(src in "[A-Z0-9_. ()\\[\\],=!<>+*/-]{0,40}|(and|or|not|in|contains|sum|any|count|F14|P52| |\\(|\\)|1|\\[|\\]|,){0,20}") {
        let text = MINIMAL.replace("show_if = \"A = 1\"", &format!("show_if = {:?}", src));
        for d in questionnaire::check("q.toml", text.as_bytes()).diagnostics {
            prop_assert!(d.line > 0 || d.message.contains("empty"));
        }
    }

    #[test]
    fn mangled_definitions_never_panic(cut in 0usize..2000, insert in "\\PC{0,8}") {
        let mut text = MINIMAL.to_owned();
        let at = (0..=cut.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        text.insert_str(at, &insert);
        let _ = questionnaire::check("q.toml", text.as_bytes());
        let truncated = &MINIMAL.as_bytes()[..cut.min(MINIMAL.len())];
        let _ = questionnaire::check("q.toml", truncated);
    }
}
