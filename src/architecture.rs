//! Tests of the crate's shape: no import cycle among modules, and `docs/architecture.md` true.
//!
//! The cycle check reads every `src/` file's `crate::` and `super::` paths (comments left out)
//! and draws an edge from the module a file belongs to to each module a path names, following
//! the re-exports of `lib.rs` and of each folder's `mod.rs`. It checks two levels: the crate's
//! top-level modules, and the sibling files inside each folder (a child naming its own folder's
//! `mod.rs` items is no cycle: the parent only declares and re-exports it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/`, as its path relative to `src/`.
fn files() -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(src())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| e.path().strip_prefix(src()).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    out.sort();
    out
}

/// The module path of a file: `store/papers.rs` → `["store", "papers"]`, `store/mod.rs` →
/// `["store"]`, `lib.rs` → `[]`. `main.rs` is the binary: no module of the library.
fn module_of(file: &str) -> Option<Vec<String>> {
    if file == "main.rs" {
        return None;
    }
    let mut parts: Vec<String> = file.trim_end_matches(".rs").split('/').map(String::from).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    Some(parts)
}

/// The code of a file without its comments (a doc comment may name a module it does not use).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path a file names after `crate::` or `super::`, use-groups spread out
/// (`crate::{a, b::C}` → `crate::a`, `crate::b::C`), each with whether it was written inside
/// an inline module (`mod tests { ... }`), where `super` is the file's own module.
fn paths(code: &str) -> Vec<(Vec<String>, bool)> {
    let inline = inline_module_spans(code);
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < code.len() {
        if !code.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let starts = ["crate::", "super::"].iter().find(|p| code[i..].starts_with(**p));
        let boundary =
            i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b':');
        if let (Some(prefix), true) = (starts, boundary) {
            let root = prefix.trim_end_matches("::").to_string();
            let in_inline = inline.iter().any(|&(a, b)| a <= i && i < b);
            let (trees, end) = use_tree(code, i + prefix.len());
            for mut t in trees {
                t.insert(0, root.clone());
                out.push((t, in_inline));
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// The paths of a use-tree starting at `at` (after a `::`), and where it ends.
fn use_tree(code: &str, at: usize) -> (Vec<Vec<String>>, usize) {
    let rest = &code[at..];
    let skip = rest.len() - rest.trim_start().len();
    let at = at + skip;
    if code[at..].starts_with('{') {
        let mut trees = Vec::new();
        let mut i = at + 1;
        loop {
            let rest = &code[i..];
            let skip = rest.len() - rest.trim_start_matches([' ', '\n', ',']).len();
            i += skip;
            if i >= code.len() || code[i..].starts_with('}') {
                return (trees, i + 1);
            }
            let (inner, end) = use_tree(code, i);
            trees.extend(inner);
            i = end.max(i + 1);
        }
    }
    let ident: String = code[at..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '*').collect();
    if ident.is_empty() {
        return (vec![Vec::new()], at);
    }
    let after = at + ident.len();
    if code[after..].starts_with("::") {
        let (inner, end) = use_tree(code, after + 2);
        let trees = inner
            .into_iter()
            .map(|mut t| {
                t.insert(0, ident.clone());
                t
            })
            .collect();
        return (trees, end);
    }
    (vec![vec![ident]], after)
}

/// Byte spans of the inline modules (`mod name {`) of a file's code.
fn inline_module_spans(code: &str) -> Vec<(usize, usize)> {
    let re = regex::Regex::new(r"(?m)^\s*(?:pub(?:\([a-z]+\))?\s+)?mod\s+[a-z_]+\s*\{").unwrap();
    re.find_iter(code)
        .map(|m| {
            let mut depth = 0;
            let mut end = code.len();
            for (j, c) in code[m.end() - 1..].char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = m.end() - 1 + j;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            (m.start(), end)
        })
        .collect()
}

/// What a module re-exports, by name: `pub use store::Catalog;` in `lib.rs` → `Catalog` →
/// `store`; `pub use open::HeldPapers;` in `store/mod.rs` → `HeldPapers` → `open`.
fn reexports(module_code: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let re = regex::Regex::new(r"pub use ([a-z_]+)::").unwrap();
    for m in re.captures_iter(module_code) {
        let from = m[1].to_string();
        if from == "crate" || from == "super" {
            continue;
        }
        let start = m.get(0).unwrap().end() - 2;
        let (trees, _) = use_tree(module_code, start + 2);
        for t in trees {
            if let Some(name) = t.last() {
                out.insert(name.clone(), from.clone());
            }
        }
    }
    out
}

/// Edges between modules at one level: for the crate's top level (`parent` empty), or among the
/// children of the folder module `parent`.
fn edges(parent: &[String]) -> BTreeMap<String, BTreeSet<String>> {
    let read = |f: &str| code(&std::fs::read_to_string(src().join(f)).unwrap());
    let parent_file = if parent.is_empty() { "lib.rs".to_string() } else { format!("{}/mod.rs", parent.join("/")) };
    let parent_code = read(&parent_file);
    let children: BTreeSet<String> = regex::Regex::new(r"(?m)^\s*(?:pub(?:\([a-z]+\))?\s+)?mod\s+([a-z_]+)\s*;")
        .unwrap()
        .captures_iter(&parent_code)
        .map(|c| c[1].to_string())
        .collect();
    let reexported = reexports(&parent_code);
    // Where a name the parent holds comes from: a child, or the parent itself.
    let child_of = |name: &str| -> Option<String> {
        if children.contains(name) {
            Some(name.to_string())
        } else {
            reexported.get(name).cloned()
        }
    };
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files() {
        let Some(module) = module_of(&file) else { continue };
        if module.len() <= parent.len() || module[..parent.len()] != *parent {
            continue;
        }
        let from = module[parent.len()].clone();
        for (path, in_inline) in paths(&read(&file)) {
            // The path as segments from the crate root.
            let absolute: Vec<String> = if path[0] == "crate" {
                path[1..].to_vec()
            } else {
                // `super` from a file's top level is its parent module; inside an inline module,
                // the file's own; from a folder's `mod.rs`, the folder's parent.
                let mut base = module.clone();
                let mut rest = &path[..];
                let mut first = true;
                while rest.first().is_some_and(|s| s == "super") {
                    if !(first && in_inline) {
                        base.pop();
                    }
                    first = false;
                    rest = &rest[1..];
                }
                base.extend(rest.iter().cloned());
                base
            };
            if absolute.len() <= parent.len() || absolute[..parent.len()] != *parent {
                continue;
            }
            let Some(to) = child_of(&absolute[parent.len()]) else { continue };
            if to != from {
                out.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    out
}

/// A cycle among the edges, if there is one, as the modules around it.
fn cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == node) {
            let mut around = path[i..].to_vec();
            around.push(node.to_string());
            return Some(around);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges.keys().find_map(|n| visit(n, edges, &mut Vec::new(), &mut done))
}

/// The folder modules: `store`, `extract`, `read`, ...
fn folders() -> Vec<Vec<String>> {
    files()
        .iter()
        .filter(|f| f.ends_with("/mod.rs"))
        .map(|f| f.trim_end_matches("/mod.rs").split('/').map(String::from).collect())
        .collect()
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let top = edges(&[]);
    assert_eq!(cycle(&top), None, "top-level modules: {top:#?}");
    for folder in folders() {
        let inner = edges(&folder);
        assert_eq!(cycle(&inner), None, "inside {}/: {inner:#?}", folder.join("/"));
    }
}

#[test]
fn the_check_sees_the_edges_that_are_there_and_would_see_a_cycle() {
    let top = edges(&[]);
    assert!(top["store"].contains("resolve") && top["cli"].contains("store"), "{top:#?}");
    assert!(!top.contains_key("bib") || top["bib"].iter().all(|m| m == "text"), "bib sits below all: {top:#?}");
    let store = edges(&["store".to_string()]);
    assert!(store["papers"].contains("citations") && store["open"].contains("registry"), "{store:#?}");
    let mut with_cycle = store.clone();
    with_cycle.entry("citations".into()).or_default().insert("papers".into());
    assert!(cycle(&with_cycle).is_some());
}

#[test]
fn every_module_the_architecture_names_exists_and_every_module_is_named() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/architecture.md")).unwrap();
    let diagram = doc.split("```").nth(1).expect("docs/architecture.md draws the modules in a code block");
    let named: BTreeSet<String> = regex::Regex::new(r"[a-z_]+(?:/[a-z_]+)*(?:/|\.rs)")
        .unwrap()
        .find_iter(diagram)
        .map(|m| m.as_str().to_string())
        .collect();
    for name in &named {
        assert!(src().join(name).exists(), "docs/architecture.md names src/{name}, which does not exist");
    }
    let lib = code(&std::fs::read_to_string(src().join("lib.rs")).unwrap());
    for m in regex::Regex::new(r"(?m)^pub mod ([a-z_]+);").unwrap().captures_iter(&lib) {
        let (file, folder) = (format!("{}.rs", &m[1]), format!("{}/", &m[1]));
        assert!(named.contains(&file) || named.contains(&folder), "docs/architecture.md does not draw {}", &m[1]);
    }
}

#[test]
fn use_trees_are_spread_out() {
    let found: Vec<String> = paths("use crate::{text, bib::{surname_of, X}};\nlet a = super::open::f();")
        .into_iter()
        .map(|(p, _)| p.join("::"))
        .collect();
    assert_eq!(found, ["crate::text", "crate::bib::surname_of", "crate::bib::X", "super::open::f"]);
}
