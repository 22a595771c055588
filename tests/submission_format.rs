//! The test vector of `docs/submission-format.md` ("A test vector"), read from the page itself:
//! the file, its canonical JSON, its checksum and its revision, each computed here by anketa's
//! code and compared with what the page says.

use anketa::exchange::{self, SubmissionFile};

/// The page's section "A test vector", up to the next heading.
fn section() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/submission-format.md");
    let page = std::fs::read_to_string(path).expect("the page reads");
    let start = page
        .find("### A test vector\n")
        .expect("the page has a test vector");
    let rest = &page[start..];
    let end = rest[1..].find("\n#").map_or(rest.len(), |i| i + 1);
    rest[..end].to_owned()
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
