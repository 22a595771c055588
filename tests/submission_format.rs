//! `docs/submission-format.md` read from the page itself and checked against anketa's code: the
//! test vector ("A test vector": the file, its canonical JSON, its checksum and its revision,
//! each computed here and compared with what the page says), and the table of values.

use anketa::exchange::{self, SubmissionFile};
use anketa::response::Value;

/// The page's section `heading` ("### …"), up to the next heading.
fn section_of(heading: &str) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/submission-format.md");
    let page = std::fs::read_to_string(path).expect("the page reads");
    let start = page
        .find(&format!("{heading}\n"))
        .unwrap_or_else(|| panic!("the page has {heading:?}"));
    let rest = &page[start..];
    let end = rest[1..].find("\n#").map_or(rest.len(), |i| i + 1);
    rest[..end].to_owned()
}

/// The page's section "A test vector".
fn section() -> String {
    section_of("### A test vector")
}

/// The bodies of the section's fenced blocks tagged `lang`, in order, each with its final line
/// feed.
fn blocks(section: &str, lang: &str) -> Vec<String> {
    let fence = format!("```{lang}\n");
    section
        .split(fence.as_str())
        .skip(1)
        .map(|after| after.split("```").next().unwrap_or_default().to_owned())
        .collect()
}

/// The first `code` span after `phrase` in the section's prose, wherever its lines break.
fn code_after(section: &str, phrase: &str) -> String {
    let prose = section.split_whitespace().collect::<Vec<_>>().join(" ");
    let (_, after) = prose
        .split_once(phrase)
        .unwrap_or_else(|| panic!("the test vector says {phrase:?}"));
    let span = after.split('`').nth(1).expect("a code span follows");
    span.to_owned()
}

struct Vector {
    bytes: Vec<u8>,
    file: SubmissionFile,
    canonical: String,
    content: String,
}

fn vector() -> Vector {
    let section = section();
    let [file] = &blocks(&section, "json")[..] else {
        panic!("one JSON block: the file");
    };
    let [canonical, content] = &blocks(&section, "text")[..] else {
        panic!("two text blocks: the canonical JSON and the content");
    };
    let bytes = file.as_bytes().to_vec();
    Vector {
        file: exchange::read(&bytes).expect("anketa reads the file and its checksum matches"),
        bytes,
        canonical: canonical.trim_end_matches('\n').to_owned(),
        content: content.trim_end_matches('\n').to_owned(),
    }
}

#[test]
fn the_test_vector_is_the_file_anketa_writes() {
    let v = vector();
    let again = exchange::write(
        v.file.exported_at.clone(),
        v.file.machine.clone(),
        v.file.submissions.clone(),
    );
    assert_eq!(
        String::from_utf8(again).unwrap(),
        String::from_utf8(v.bytes).unwrap(),
        "anketa writes the page's file byte for byte, checksum included"
    );
}

#[test]
fn the_test_vectors_checksum_is_the_sha256_of_its_canonical_json() {
    let section = section();
    let v = vector();
    let stated = code_after(&section, "gives the file's checksum:");
    assert_eq!(
        stated, v.file.checksum,
        "the page states the file's checksum"
    );
    // A definition's hash is anketa's SHA-256 of bytes in hex, as a checksum's digest is.
    let digest = exchange::definition_hash(v.canonical.as_bytes());
    assert_eq!(stated, format!("sha256:{digest}"));
}

#[test]
fn the_test_vectors_revision_is_made_from_its_parent_and_content() {
    let section = section();
    let v = vector();
    let record = &v.file.submissions[0];
    let parent = code_after(&section, "among its `ancestors`: the parent");
    assert!(record.ancestors.contains(&parent), "{:?}", record.ancestors);
    assert_eq!(record.content().to_json(), v.content);
    let stated = code_after(&section, "give its revision:");
    assert_eq!(
        stated, record.revision,
        "the page states the file's revision"
    );
    assert_eq!(exchange::revision(&parent, &record.content()), stated);
}

/// Every kind of value, by its name on the page. The match has no catch-all: a new kind of
/// value does not compile here until it is named, and then the page must show it.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Choice(_) => "choice",
        Value::Choices(_) => "choices",
        Value::Number(_) => "number",
        Value::Text(_) => "text",
        Value::Urls(_) => "urls",
        Value::NotAvailable => "not_available",
        Value::NotApplicable => "not_applicable",
    }
}

const KINDS: [&str; 7] = [
    "choice",
    "choices",
    "number",
    "text",
    "urls",
    "not_available",
    "not_applicable",
];

#[test]
fn the_table_of_values_shows_every_kind_of_value_as_anketa_writes_it() {
    let section = section_of("### Values");
    let rows: Vec<&str> = section.lines().filter(|l| l.starts_with("| `")).collect();
    let mut shown = Vec::new();
    for row in &rows {
        // The last column: examples, each a code span.
        let examples = row.trim_end_matches('|').rsplit('|').next().unwrap();
        let spans: Vec<&str> = examples.split('`').skip(1).step_by(2).collect();
        assert!(!spans.is_empty(), "an example in {row:?}");
        for example in spans {
            let value: Value = serde_json::from_str(example)
                .unwrap_or_else(|e| panic!("{example} in {row:?} is no value: {e}"));
            assert_eq!(
                serde_json::to_string(&value).unwrap(),
                example.replace(": ", ":").replace(", ", ","),
                "written as the page shows it"
            );
            let name = kind(&value);
            assert!(
                row.starts_with(&format!("| `{{\"{name}\""))
                    || row.starts_with(&format!("| `\"{name}\"")),
                "{example} is an example of its own row: {row:?}"
            );
            shown.push(name);
        }
    }
    for name in KINDS {
        assert!(shown.contains(&name), "the table of values shows {name:?}");
    }
}

#[test]
fn a_version_1_file_is_still_read_and_written_again_as_version_2() {
    let section = section_of("### Version 1");
    let [file] = &blocks(&section, "json")[..] else {
        panic!("one JSON block: the version 1 file");
    };
    let old = exchange::read(file.as_bytes()).expect("anketa reads version 1");
    assert_eq!(old.version, 1);
    let current = vector().file;
    assert_eq!(current.version, exchange::VERSION);
    let (was, is) = (&old.submissions[0], &current.submissions[0]);
    assert_eq!(was.content(), is.content(), "the same submission");
    assert!(was.queries.is_empty() && was.history.is_empty());
    let again = exchange::write(
        old.exported_at.clone(),
        old.machine.clone(),
        old.submissions,
    );
    let again = String::from_utf8(again).unwrap();
    assert!(again.contains("\"version\": 2,"), "{again}");
    assert!(
        !again.contains("\"comments\""),
        "comments are written as queries"
    );
}

#[test]
fn a_version_1_comment_is_read_as_a_query_and_a_resolved_one_as_closed() {
    let section = section_of("### Version 1");
    let [file] = &blocks(&section, "json")[..] else {
        panic!("one JSON block");
    };
    let mut value: serde_json::Value = serde_json::from_str(file).unwrap();
    value["submissions"][0]["comments"] = serde_json::json!([{
        "uid": "37d476c98ff1c461e34e8fb054e06733",
        "code": "V00J",
        "author": "Jānis Kalniņš",
        "at": "2026-11-24T09:44:33.541Z",
        "body": "Lūdzu, pārbaudiet darbinieku skaitu",
        "resolved": true
    }]);
    let object = value.as_object_mut().unwrap();
    object.remove("checksum");
    let canonical = serde_json::to_string(&value).unwrap();
    let sum = format!("sha256:{}", exchange::definition_hash(canonical.as_bytes()));
    value["checksum"] = sum.into();
    let file = exchange::read(value.to_string().as_bytes()).unwrap();
    let query = &file.submissions[0].queries[0];
    assert_eq!(query.code, "V00J");
    assert_eq!(
        query.messages[0].body,
        "Lūdzu, pārbaudiet darbinieku skaitu"
    );
    assert_eq!(query.status(), anketa::exchange::QueryStatus::Closed);
    assert_eq!(
        query.messages[1].uid,
        "37d476c98ff1c461e34e8fb054e06733.closed"
    );
}
