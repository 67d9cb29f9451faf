//! Bad graph files given to `--graph` (queries), `build --into` and `merge`: exit 2,
//! a message naming the file, and nothing written or changed. The bad files are made
//! by damaging a real `build -o -` output, so they follow the current layout.

use crate::common::{ARTICLE, TempDir, arg, run, stderr};
use serde_json::Value;
use std::path::Path;

/// The graph of ARTICLE, as `build - -o -` writes it.
fn good_graph() -> Vec<u8> {
    let out = run(&["build", "-q", "-", "-o", "-"], Some(ARTICLE.as_bytes()));
    assert!(out.status.success(), "{}", stderr(&out));
    out.stdout
}

fn good_value() -> Value {
    serde_json::from_slice(&good_graph()).expect("build writes JSON")
}

/// The first object (depth first) that has `key`.
fn first_with<'a>(v: &'a mut Value, key: &str) -> Option<&'a mut serde_json::Map<String, Value>> {
    if v.as_object().is_some_and(|m| m.contains_key(key)) {
        return v.as_object_mut();
    }
    match v {
        Value::Object(m) => m.values_mut().find_map(|v| first_with(v, key)),
        Value::Array(a) => a.iter_mut().find_map(|v| first_with(v, key)),
        _ => None,
    }
}

/// `good` with `key` of the first object that has it set to `value`.
fn with(key: &str, value: Value) -> Vec<u8> {
    let mut g = good_value();
    let obj = first_with(&mut g, key).unwrap_or_else(|| panic!("no `{key}` in the graph"));
    obj.insert(key.to_string(), value);
    serde_json::to_vec_pretty(&g).expect("serialise")
}

/// Runs every command that reads a graph file on `bad` and checks exit 2, a message
/// naming the file (and containing `says`, if given), and that nothing was written.
fn refused_everywhere(bad: &[u8], says: Option<&str>) {
    let dir = TempDir::new("graph-file");
    let path = dir.join("bad.json");
    std::fs::write(&path, bad).expect("write bad.json");
    let good = dir.join("good.json");
    std::fs::write(&good, good_graph()).expect("write good.json");
    let article = dir.join("article.txt");
    std::fs::write(&article, ARTICLE).expect("write article");
    let merged = dir.join("merged.json");
    let p = arg(&path);
    let runs: [(&str, Vec<&str>); 6] = [
        ("stats", vec!["stats", "--graph", p]),
        ("show", vec!["show", "Sasaki", "--graph", p]),
        ("path", vec!["path", "Sasaki", "Tokyo", "--graph", p]),
        ("export", vec!["export", "--graph", p, "--format", "dot"]),
        ("build --into", vec!["build", arg(&article), "--into", p]),
        ("merge", vec!["merge", arg(&good), p, "-o", arg(&merged)]),
    ];
    for (what, args) in runs {
        let out = run(&args, None);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{what}: stderr:\n{err}");
        assert!(
            err.starts_with("error: ") && err.contains(p),
            "{what}: the error does not name {p}:\n{err}"
        );
        if let Some(s) = says {
            assert!(
                err.contains(s),
                "{what}: the error does not say `{s}`:\n{err}"
            );
        }
        assert!(out.stdout.is_empty(), "{what} printed to stdout");
        assert_eq!(
            std::fs::read(&path).expect("read"),
            bad,
            "{what} changed the file"
        );
        assert!(!merged.exists(), "{what} wrote a merged graph");
    }
}

#[test]
fn truncated_graph_file() {
    let g = good_graph();
    refused_everywhere(&g[..g.len() / 2], Some("truncated"));
}

#[test]
fn invalid_json_graph_file() {
    refused_everywhere(b"{\"directed\": true,, }", Some("not JSON"));
}

#[test]
fn empty_graph_file() {
    refused_everywhere(b"", Some("empty file"));
}

#[test]
fn array_instead_of_a_graph() {
    refused_everywhere(b"[]", Some("not a newsgraph graph file"));
}

#[test]
fn object_of_another_shape() {
    refused_everywhere(b"{\"nodes\": 3}", Some("not a newsgraph graph file"));
}

#[test]
fn edge_to_an_unknown_node() {
    let bad = with("target", Value::from("person:nobody-at-all"));
    refused_everywhere(&bad, Some("unknown node `person:nobody-at-all`"));
}

#[test]
fn unknown_kind() {
    let bad = with("kind", Value::from("spaceship"));
    refused_everywhere(&bad, Some("unknown variant `spaceship`"));
}

#[test]
fn unknown_relation() {
    let bad = with("relation", Value::from("admires"));
    refused_everywhere(&bad, Some("unknown variant `admires`"));
}

#[test]
fn graph_from_a_newer_version() {
    let bad = with("version", Value::from(9999));
    refused_everywhere(&bad, Some("newer newsgraph (format version 9999"));
}

#[test]
fn graph_from_a_newer_version_with_new_fields() {
    // A newer version will likely add fields too: the file is refused as newer, not
    // for the field it does not know.
    let mut g = good_value();
    first_with(&mut g, "version")
        .expect("a version field")
        .insert("version".into(), Value::from(9999));
    g.as_object_mut()
        .expect("an object")
        .insert("shards".into(), Value::from(vec![1, 2]));
    refused_everywhere(
        &serde_json::to_vec(&g).expect("serialise"),
        Some("newer newsgraph"),
    );
}

#[test]
fn graph_file_that_is_a_folder_or_missing() {
    let dir = TempDir::new("graph-folder");
    for path in [dir.path(), &dir.join("missing.json") as &Path] {
        for args in [
            vec!["stats", "--graph", arg(path)],
            vec!["merge", arg(path), "-o", "-"],
        ] {
            let out = run(&args, None);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
            assert!(
                stderr(&out).contains(arg(path)),
                "{args:?}: {}",
                stderr(&out)
            );
        }
    }
}
