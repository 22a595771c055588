//! The interface's house, checked from its source: the rooms of `src/tui` import each other
//! without a circle, and `update` reaches the world only through `Effects`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const TUI: &str = "src/tui";

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The code of a file without its comments: doc links name paths too, but import nothing.
fn code(path: &Path) -> String {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module path of a file below `src/tui`: `update/edit.rs` is `[update, edit]`,
/// `update/mod.rs` is `[update]`.
fn module_path(file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(TUI).unwrap();
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The first names after each occurrence of `prefix`, with `{a, b}` groups opened.
fn names_after<'a>(code: &'a str, prefix: &str) -> Vec<&'a str> {
    let mut names = Vec::new();
    for (at, _) in code.match_indices(prefix) {
        let rest = &code[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            names.extend(
                inner
                    .split(',')
                    .map(|n| n.trim().split("::").next().unwrap_or("").trim())
                    .filter(|n| !n.is_empty()),
            );
        } else {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            names.push(&rest[..end]);
        }
    }
    names
}

/// Which rooms (the top-level modules of `src/tui`) each room's code refers to.
fn room_imports() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(Path::new(TUI), &mut files);
    let rooms: BTreeSet<String> = files
        .iter()
        .filter_map(|f| module_path(f).first().cloned())
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let path = module_path(file);
        let Some(room) = path.first().cloned() else {
            continue; // tui/mod.rs: the house itself, which holds every room.
        };
        let code = code(file);
        let mut targets: Vec<String> = names_after(&code, "crate::tui::")
            .into_iter()
            .map(str::to_owned)
            .collect();
        // `super::` from a file is its parent module; from depth one that is the house, so
        // the next name is a room.
        if path.len() == 1 {
            targets.extend(names_after(&code, "super::").into_iter().map(str::to_owned));
        }
        let entry = graph.entry(room.clone()).or_default();
        for target in targets {
            if rooms.contains(&target) && target != room {
                entry.insert(target);
            }
        }
    }
    graph
}

fn find_circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        room: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        trail: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = trail.iter().position(|r| r == room) {
            let mut circle = trail[at..].to_vec();
            circle.push(room.to_owned());
            return Some(circle);
        }
        if done.contains(room) {
            return None;
        }
        trail.push(room.to_owned());
        for next in graph.get(room).into_iter().flatten() {
            if let Some(circle) = visit(next, graph, trail, done) {
                return Some(circle);
            }
        }
        trail.pop();
        done.insert(room.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|room| visit(room, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_rooms_of_the_interface_import_each_other_without_a_circle() {
    let graph = room_imports();
    assert!(
        graph["view"].contains("model") && graph["update"].contains("effects"),
        "the check sees imports: {graph:?}"
    );
    assert_eq!(find_circle(&graph), None, "imports: {graph:#?}");
    for room in ["model", "view"] {
        assert!(
            !graph[room].contains("update") && !graph[room].contains("effects"),
            "{room} must not reach the code that changes state or the world: {graph:#?}"
        );
    }
}

#[test]
fn a_circle_would_be_found() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("model", vec!["keymap"]),
        ("keymap", vec!["view"]),
        ("view", vec!["model"]),
    ]
    .into_iter()
    .map(|(r, to)| (r.to_owned(), to.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(
        find_circle(&graph),
        Some(vec![
            "keymap".into(),
            "view".into(),
            "model".into(),
            "keymap".into()
        ])
    );
}

#[test]
fn update_touches_no_database_file_clock_or_environment() {
    let mut files = Vec::new();
    rust_files(&Path::new(TUI).join("update"), &mut files);
    assert!(files.len() >= 5, "the update room is where it was");
    for file in files {
        let code = code(&file);
        for word in [
            "Store",
            "rusqlite",
            "std::fs",
            "std::env",
            "Instant::now",
            "SystemTime",
            "chrono",
            "store::now",
            "files::",
        ] {
            assert!(
                !code.contains(word),
                "{} uses {word}: ask Effects, or take it from the loop",
                file.display()
            );
        }
    }
}
