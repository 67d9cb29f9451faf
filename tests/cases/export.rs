//! Export formats through the CLI: `export` and `build -o` by extension, the JSON
//! round trip, the wire shapes of the browser JSON, errors, and the hostile fixture.
//! The real consumers (Graphviz, xmllint, NetworkX, igraph, cytoscape, graphology)
//! run in `.ci/check-exports`.

use crate::common::{TempDir, arg, build_example, root, run, run_ok, stderr};
use newsgraph::export::json::{CyGraph, GlGraph, LinkGraph};
use newsgraph::export::{self, Format};
use newsgraph::graph::Graph;
use std::collections::HashSet;
use std::path::Path;

/// The hostile fixture: an article and a lexicon whose names break naive writers.
fn hostile_args() -> [String; 4] {
    let dir = root().join("tests").join("fixtures").join("hostile");
    [
        dir.join("article.txt").to_string_lossy().into_owned(),
        "--lexicon".to_string(),
        dir.join("lexicon.toml").to_string_lossy().into_owned(),
        "-q".to_string(),
    ]
}

fn build_hostile(dir: &TempDir, file: &str) -> Vec<u8> {
    let path = dir.join(file);
    let h = hostile_args();
    let mut args: Vec<&str> = vec!["build"];
    args.extend(h.iter().map(String::as_str));
    args.extend(["-o", arg(&path)]);
    run_ok(&args);
    std::fs::read(&path).expect("output written")
}

#[test]
fn graph_file_read_write_gives_identical_bytes() {
    let dir = TempDir::new("export-roundtrip");
    let example = build_example(&dir, "g.json");
    let hostile = build_hostile(&dir, "h.json");
    for (name, bytes) in [("g.json", &example), ("h.json", &hostile)] {
        let g = Graph::read_json(bytes, Path::new(name)).expect("read_json");
        let mut again = Vec::new();
        export::write_output(&g, Format::Json, &mut again).expect("write");
        assert!(
            &again == bytes,
            "{name}: read → write changed the graph file"
        );
    }
}

/// `export --format json` is node-link JSON with each edge's evidence sentences
/// inline and none of the graph file's bookkeeping (the wire types refuse unknown
/// fields); `build -o x.json` stays the graph file.
#[test]
fn json_export_has_evidence_inline_and_no_internal_fields() {
    let dir = TempDir::new("export-nodelink");
    let file = build_example(&dir, "g.json");
    let g = Graph::read_json(&file, Path::new("g.json")).expect("read_json");
    let bytes = run_ok(&["export", "--graph", arg(&dir.join("g.json")), "-f", "json"]).stdout;
    assert!(bytes != file, "the export is the graph file");
    let link: LinkGraph = serde_json::from_slice(&bytes).expect("node-link JSON");
    assert!(link.directed && link.multigraph);
    assert_eq!(link.nodes.len(), g.node_count());
    assert_eq!(link.edges.len(), g.edge_count());
    let ids: HashSet<&str> = link.nodes.iter().map(|n| n.id.as_ref()).collect();
    for e in &link.edges {
        assert!(ids.contains(e.source.as_ref()) && ids.contains(e.target.as_ref()));
        assert_eq!(e.key, e.relation);
        assert_eq!(e.id, format!("{}|{}|{}", e.source, e.relation, e.target));
        assert!(!e.evidence.is_empty() && !e.rules.is_empty(), "{}", e.id);
        for ev in &e.evidence {
            assert!(
                !ev.sentence.trim().is_empty() && ev.start < ev.end,
                "{}",
                e.id
            );
            assert!(
                link.graph.documents.contains_key(ev.doc.as_ref()),
                "{}",
                e.id
            );
            assert!(!ev.rules.is_empty(), "{}", e.id);
        }
    }
    // The same evidence as the graph file's, sentence for sentence.
    for (e, eix) in link.edges.iter().zip(g.edges_sorted()) {
        let want: Vec<_> = g.inner[eix].evidence.iter().collect();
        let got: Vec<_> = e.evidence.iter().map(|c| c.as_ref()).collect();
        assert!(got == want, "{}", e.id);
    }
    // What NetworkX turns into attributes: no internal field anywhere.
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    for n in value["nodes"].as_array().unwrap() {
        for field in ["key", "labels", "label_surface", "mentions"] {
            assert!(n.get(field).is_none(), "node {} has {field}", n["id"]);
        }
    }
    // -o x.json exports too; the exported hostile graph parses.
    let out = dir.join("x.json");
    run_ok(&[
        "export",
        "--graph",
        arg(&dir.join("g.json")),
        "-o",
        arg(&out),
    ]);
    assert!(std::fs::read(&out).unwrap() == bytes);
    build_hostile(&dir, "h.json");
    let hostile = run_ok(&["export", "--graph", arg(&dir.join("h.json")), "-f", "json"]).stdout;
    let hostile: LinkGraph = serde_json::from_slice(&hostile).expect("hostile node-link JSON");
    assert!(
        hostile
            .nodes
            .iter()
            .any(|n| n.label.chars().count() == 10_000)
    );
}

#[test]
fn build_output_extension_picks_the_format_and_matches_export() {
    let dir = TempDir::new("export-ext");
    let graph = dir.join("g.json");
    build_example(&dir, "g.json");
    for (file, format) in [
        ("g.dot", "dot"),
        ("g.gv", "dot"),
        ("g.graphml", "graphml"),
        ("g.cytoscape.json", "cytoscape"),
        ("g.cyjs", "cytoscape"),
        ("g.graphology.json", "graphology"),
    ] {
        let built = build_example(&dir, file);
        let exported = run_ok(&["export", "--graph", arg(&graph), "--format", format]).stdout;
        assert!(
            built == exported,
            "build -o {file} differs from export -f {format}"
        );
        // export -o picks the format from the extension as well.
        let path = dir.join(&format!("x-{file}"));
        run_ok(&["export", "--graph", arg(&graph), "-o", arg(&path)]);
        assert!(std::fs::read(&path).unwrap() == built, "export -o {file}");
    }
    let dot = build_example(&dir, "again.dot");
    assert!(dot.starts_with(b"digraph {"));
}

#[test]
fn unknown_extension_is_a_usage_error_naming_it() {
    let dir = TempDir::new("export-badext");
    for name in ["g.svg", "graph"] {
        let path = dir.join(name);
        let out = run(&["build", "-q", "-o", arg(&path)], None);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(name) && err.contains(".graphml"), "{err}");
        assert!(!path.exists(), "{name} was written");
    }
    let out = run(&["build", "-q", "-o", arg(&dir.join("g.svg"))], None);
    assert!(stderr(&out).contains("`.svg`"), "{}", stderr(&out));
    let out = run(&["export", "-o", arg(&dir.join("g.png"))], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn export_usage_errors() {
    let table: &[&[&str]] = &[
        &["export"],
        &["export", "-f", "svg"],
        &["export", "-f", "graphml", "--cluster-by", "kind"],
        &["export", "-f", "dot", "--cluster-by", "page"],
        &["export", "--graph", "no/such/graph.json", "-f", "dot"],
    ];
    for args in table {
        let out = run(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?} wrote to stdout");
    }
    let out = run(
        &["export", "--graph", "no/such/graph.json", "-f", "dot"],
        None,
    );
    assert!(
        stderr(&out).contains("no/such/graph.json"),
        "{}",
        stderr(&out)
    );
    let dir = TempDir::new("export-notgraph");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\"nodes\": []}").unwrap();
    let out = run(&["export", "--graph", arg(&bad), "-f", "dot"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad.json"), "{}", stderr(&out));
}

#[test]
fn browser_json_parses_into_its_wire_types() {
    let dir = TempDir::new("export-wire");
    let link = crate::common::wire(&build_example(&dir, "g.json"));
    let cy = build_example(&dir, "g.cytoscape.json");
    let cy: CyGraph = serde_json::from_slice(&cy).expect("cytoscape JSON");
    assert_eq!(cy.elements.nodes.len(), link.nodes.len());
    assert_eq!(cy.elements.edges.len(), link.edges.len());
    let node_ids: std::collections::HashSet<&str> =
        link.nodes.iter().map(|n| n.id.as_str()).collect();
    for (e, w) in cy.elements.edges.iter().zip(&link.edges) {
        let id = e.data.id.as_deref().expect("edge id");
        assert_eq!(id, w.id);
        assert!(!node_ids.contains(id), "edge id {id} is also a node id");
    }
    let gl = build_example(&dir, "g.graphology.json");
    let gl: GlGraph = serde_json::from_slice(&gl).expect("graphology JSON");
    assert_eq!(gl.options.kind, "directed");
    assert!(gl.options.multi);
    assert_eq!(gl.nodes.len(), link.nodes.len());
    assert_eq!(gl.edges.len(), link.edges.len());
    for n in &gl.nodes {
        assert!(
            n.attributes.x.is_some_and(f64::is_finite),
            "{} has no x",
            n.key
        );
        assert!(
            n.attributes.y.is_some_and(f64::is_finite),
            "{} has no y",
            n.key
        );
    }
}

#[test]
fn exports_are_deterministic() {
    let dir = TempDir::new("export-determinism");
    for file in [
        "a.dot",
        "a.graphml",
        "a.cytoscape.json",
        "a.graphology.json",
    ] {
        let first = build_example(&dir, file);
        let second = build_example(&dir, file);
        assert!(first == second, "{file}: two builds differ");
    }
}

#[test]
fn hostile_names_are_escaped_or_dropped() {
    let dir = TempDir::new("export-hostile");
    let link = crate::common::wire(&build_hostile(&dir, "h.json"));
    let labels: Vec<&str> = link.nodes.iter().map(|n| n.label.as_str()).collect();
    // The fixture really is hostile.
    assert!(labels.iter().any(|l| l.chars().count() == 10_000));
    assert!(
        labels
            .iter()
            .any(|l| l.contains('\u{B}') && l.contains('\n'))
    );
    assert!(labels.iter().any(|l| l.contains('"') && l.contains('<')));
    assert!(labels.iter().any(|l| l.contains("국방부")));

    let dot = String::from_utf8(build_hostile(&dir, "h.dot")).expect("DOT is UTF-8");
    assert!(!dot.contains('\u{B}') && !dot.contains('\u{7}') && !dot.contains('\r'));
    assert!(dot.contains("\"organization:node\""), "node ids are quoted");
    assert!(
        dot.contains("The \\\"Quote\\\" Bureau"),
        "quotes are escaped"
    );
    assert!(
        dot.contains("Back\\\\slash \\\\N Office \\\\"),
        "backslashes are doubled"
    );
    // Graphviz refuses quoted strings over 16384 bytes: long ones come in `+` pieces.
    assert!(
        dot.lines()
            .all(|l| l.split("\" + \"").all(|piece| piece.len() < 16384)),
        "a DOT string is too long for Graphviz"
    );

    let xml = String::from_utf8(build_hostile(&dir, "h.graphml")).expect("GraphML is UTF-8");
    assert!(
        !xml.chars()
            .any(|c| (c < ' ' && !matches!(c, '\t' | '\n')) || c == '\u{FFFE}'),
        "GraphML holds a character illegal in XML 1.0"
    );
    assert!(xml.contains("&lt;b&gt;Angle&lt;/b&gt; &amp; &quot;Bracket&quot;"));
    assert!(xml.contains("<data key=\"n_label\">대한민국 국방부</data>"));
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    // The GraphML of the example (about 250 KB) is larger than a pipe's buffer, so the
    // writer meets the closed pipe.
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["export", "--format", "graphml"])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("newsgraph starts");
    let mut stdout = child.stdout.take().expect("stdout pipe");
    let mut head = [0u8; 100];
    stdout.read_exact(&mut head).expect("read the start");
    drop(stdout);
    let out = child.wait_with_output().expect("newsgraph runs");
    assert!(head.starts_with(b"<?xml"));
    assert!(out.status.success(), "stderr:\n{}", stderr(&out));
    assert!(out.stderr.is_empty(), "stderr:\n{}", stderr(&out));
}
