//! `newsgraph build` on the bundled example corpus: contents, summary, determinism,
//! and the file format's round trip.

use crate::common::{TempDir, arg, build_example, corpus_dir, run_ok, stderr, wire};
use newsgraph::graph::Graph;
use newsgraph::{EntityKind, Relation};
use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn bundled_corpus_builds_a_graph_with_the_main_kinds_and_a_summary() {
    let dir = TempDir::new("bundled");
    let path = dir.join("graph.json");
    let out = run_ok(&["build", "-o", arg(&path)]);
    assert!(
        out.stdout.is_empty(),
        "with -o FILE nothing goes to stdout, got {} bytes",
        out.stdout.len()
    );
    let g = wire(&std::fs::read(&path).expect("graph file written"));

    assert!(g.directed && g.multigraph);
    assert_eq!(g.graph.name, "newsgraph");
    assert_eq!(g.graph.version, newsgraph::graph::FORMAT_VERSION);
    let names: Vec<&str> = newsgraph::corpus::EXAMPLE.iter().map(|e| e.0).collect();
    let listed: Vec<&str> = g.graph.documents.keys().map(String::as_str).collect();
    assert_eq!(listed, names, "every bundled article is listed once");

    let kinds: BTreeSet<EntityKind> = g.nodes.iter().map(|n| n.kind).collect();
    for k in [
        EntityKind::Person,
        EntityKind::Office,
        EntityKind::Meeting,
        EntityKind::Country,
    ] {
        assert!(kinds.contains(&k), "no {k} node in the example graph");
    }
    assert!(!g.edges.is_empty(), "the example graph has no edges");
    let relations: BTreeSet<Relation> = g.edges.iter().map(|e| e.relation).collect();
    assert!(relations.contains(&Relation::HoldsOffice));

    let err = stderr(&out);
    let n = names.len();
    assert!(
        err.contains(&format!("{n} documents read")),
        "summary does not say {n} documents were read:\n{err}"
    );
    assert!(
        err.contains(&format!("{} nodes", g.nodes.len()))
            && err.contains(&format!("{} edges", g.edges.len())),
        "summary does not give the node and edge counts of the file:\n{err}"
    );
    for k in EntityKind::ALL {
        let count = g.nodes.iter().filter(|x| x.kind == k).count();
        assert!(
            err.contains(&format!("{k} {count}")),
            "summary does not give `{k} {count}`:\n{err}"
        );
    }
    for r in Relation::ALL {
        let count = g.edges.iter().filter(|x| x.relation == r).count();
        assert!(
            err.contains(&format!("{r} {count}")),
            "summary does not give `{r} {count}`:\n{err}"
        );
    }
}

#[test]
fn quiet_prints_no_summary() {
    let dir = TempDir::new("quiet");
    let out = run_ok(&["build", "-q", "-o", arg(&dir.join("g.json"))]);
    assert!(out.stderr.is_empty(), "-q printed:\n{}", stderr(&out));
}

#[test]
fn builds_are_byte_identical() {
    let dir = TempDir::new("determinism");
    let a = build_example(&dir, "a.json");
    let b = build_example(&dir, "b.json");
    assert!(!a.is_empty());
    assert!(a == b, "two builds of the example corpus differ");
}

#[test]
fn corpus_folder_builds_the_same_bytes_as_the_bundled_corpus() {
    let dir = TempDir::new("folder");
    let bundled = build_example(&dir, "bundled.json");
    let path = dir.join("folder.json");
    run_ok(&["build", "-q", arg(&corpus_dir()), "-o", arg(&path)]);
    let folder = std::fs::read(&path).expect("graph file written");
    assert!(
        bundled == folder,
        "building examples/corpus/ differs from the bundled build"
    );
}

#[test]
fn graph_file_round_trips_byte_for_byte() {
    let dir = TempDir::new("roundtrip");
    let bytes = build_example(&dir, "g.json");

    // Parses with the wire types, which refuse unknown fields, and every cited
    // sentence is in the file …
    let w = wire(&bytes);
    for e in &w.edges {
        for ev in &e.evidence {
            assert!(
                w.sentence(*ev).is_some(),
                "{}: a cited sentence is missing",
                e.id
            );
        }
    }
    // … one record per line …
    let lines = bytes.iter().filter(|&&b| b == b'\n').count();
    assert!(lines >= w.nodes.len() + w.edges.len() + w.sentences.len());

    // … and through the graph itself.
    let g = Graph::read_json(&bytes, Path::new("g.json")).expect("read_json");
    assert_eq!(g.node_count(), w.nodes.len());
    assert_eq!(g.edge_count(), w.edges.len());
    let mut out = Vec::new();
    g.write_json(&mut out).expect("write_json");
    assert!(out == bytes, "read_json → write_json changed the file");
}

/// `graphs/example.*` are the graph of the bundled corpus in every export format as
/// this build makes them; regenerate them with `scripts/graphs.sh` (the SVG drawn
/// from the DOT is checked by `.ci/check-exports`, which has Graphviz).
#[test]
fn committed_example_graphs_are_current() {
    let dir = TempDir::new("committed");
    for ext in [
        "json",
        "dot",
        "graphml",
        "cytoscape.json",
        "graphology.json",
        "html",
    ] {
        let built = build_example(&dir, &format!("example.{ext}"));
        let committed = std::fs::read(
            crate::common::root()
                .join("graphs")
                .join(format!("example.{ext}")),
        )
        .unwrap_or_else(|e| panic!("graphs/example.{ext}: {e}"));
        assert!(
            built == committed,
            "graphs/example.{ext} is stale: run `scripts/graphs.sh`"
        );
    }
}

/// `--date` anchors dates in articles whose metadata gives none; front matter wins.
#[test]
fn date_flag_anchors_undated_articles() {
    let dir = TempDir::new("date-flag");
    let text = "The 3rd Korea-U.S. Integrated Defense Dialogue will be held July 25-26 in Seoul.\n";
    std::fs::write(dir.join("a.txt"), text).unwrap();
    std::fs::write(
        dir.join("b.txt"),
        format!("---\ndate: 2021-07-01\n---\n{text}"),
    )
    .unwrap();
    let dates = |args: &[&str]| -> Vec<Option<String>> {
        let mut all = vec!["build", "-q", "-o", "-"];
        all.extend(args);
        let g = wire(&crate::common::run_ok(&all).stdout);
        let mut v: Vec<(String, Option<String>)> = g
            .nodes
            .iter()
            .filter(|n| n.label.starts_with("3rd"))
            .map(|n| {
                (
                    n.docs
                        .iter()
                        .next()
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    n.date.clone(),
                )
            })
            .collect();
        v.sort();
        v.into_iter().map(|x| x.1).collect()
    };
    let a = dir.join("a.txt");
    assert_eq!(dates(&[arg(&a)]), vec![None]);
    assert_eq!(
        dates(&[arg(&a), "--date", "2019-07-01"]),
        vec![Some("2019-07-25/2019-07-26".to_string())]
    );
    let b = dir.join("b.txt");
    assert_eq!(
        dates(&[arg(&b), "--date", "2019-07-01"]),
        vec![Some("2021-07-25/2021-07-26".to_string())],
        "the front matter's date wins"
    );
    let bad = crate::common::run(&["build", arg(&a), "--date", "July 1"], None);
    assert_eq!(bad.status.code(), Some(2));
}

/// Sources go through in batches: a copy is left out under the first name whether
/// it is in the same batch as the article it copies or in a later one, and the
/// graph is the graph without the copies.
#[test]
fn copies_are_left_out_within_and_across_batches() {
    use newsgraph::build::build_sources;
    use newsgraph::lexicon::Lexicon;
    let lex = Lexicon::builtin().expect("builtin lexicon");
    let dir = TempDir::new("dup-batches");
    let plain = dir.join("plain");
    std::fs::create_dir_all(&plain).expect("mkdir");
    let text = |i: usize| {
        format!(
            "Defense Minister Kim Min-{i} met Pete Hegseth in Seoul, officials said. \
             They discussed the Nuclear Consultative Group ({i})."
        )
    };
    for i in 0..1200 {
        std::fs::write(plain.join(format!("a{i:04}.txt")), text(i)).expect("write");
    }
    let copies = dir.join("copies");
    std::fs::create_dir_all(&copies).expect("mkdir");
    for entry in std::fs::read_dir(&plain).expect("read_dir") {
        let p = entry.expect("entry").path();
        std::fs::copy(&p, copies.join(p.file_name().expect("name"))).expect("copy");
    }
    // One copy far from its article (another batch), one right after it.
    std::fs::write(copies.join("z-far.txt"), text(3)).expect("write");
    std::fs::write(copies.join("a1100b.txt"), text(1100)).expect("write");
    let none = std::collections::HashSet::new();
    let build = |d: &Path| {
        let sources = newsgraph::document::discover(&[d.to_path_buf()]).expect("discover");
        build_sources(sources, &lex, &none, &|_| ())
    };
    let with = build(&copies);
    let names: Vec<(&str, &str)> = with
        .duplicates
        .iter()
        .map(|(s, first)| (s.name(), first.as_str()))
        .collect();
    assert_eq!(
        names,
        [("a1100b.txt", "a1100.txt"), ("z-far.txt", "a0003.txt")]
    );
    assert_eq!(with.added, 1200);
    let without = build(&plain);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    with.graph.write_json(&mut a).expect("write");
    without.graph.write_json(&mut b).expect("write");
    assert!(a == b, "the copies changed the graph");
}

/// The graph file is read on every core when laid out as `build` writes it, and as
/// plain JSON otherwise: both give the same graph, and so does a lean reading but
/// for the mentions, even where a key inside a node is "mentions".
#[test]
fn graph_files_read_the_same_in_any_layout() {
    use newsgraph::lexicon::Lexicon;
    let lex = Lexicon::builtin().expect("builtin lexicon");
    let texts = [
        (
            "mentions",
            "Pete Hegseth met Ahn Gyu-back in Seoul, officials said. \
             The two discussed the Nuclear Consultative Group.",
        ),
        (
            "b.txt",
            "Defense Secretary Pete Hegseth visited Tokyo, the ministry said.",
        ),
    ];
    let g = newsgraph::build::build_texts(&texts, &lex).expect("build");
    let mut compact = Vec::new();
    g.write_json(&mut compact).expect("write");
    let value: serde_json::Value = serde_json::from_slice(&compact).expect("JSON");
    let pretty = serde_json::to_vec_pretty(&value).expect("pretty");
    let again = |bytes: &[u8], lean: bool| {
        let g = if lean {
            Graph::read_json_lean(bytes, Path::new("g.json"))
        } else {
            Graph::read_json(bytes, Path::new("g.json"))
        }
        .expect("reads");
        let mut out = Vec::new();
        g.write_json(&mut out).expect("write");
        out
    };
    assert!(again(&compact, false) == compact, "compact file changed");
    assert!(
        again(&pretty, false) == compact,
        "pretty file read differently"
    );
    // Lean: the same but for the mentions, whatever the layout.
    let lean = again(&compact, true);
    assert!(
        lean == again(&pretty, true),
        "lean readings differ by layout"
    );
    let mut without = value.clone();
    for n in without["nodes"].as_array_mut().expect("nodes") {
        n.as_object_mut().expect("node").remove("mentions");
    }
    let mut expected =
        Graph::read_json(&serde_json::to_vec(&without).expect("json"), Path::new("g"))
            .expect("reads");
    let mut want = Vec::new();
    newsgraph::resolve::assign_ids(&mut expected);
    expected.write_json(&mut want).expect("write");
    assert!(
        lean == want,
        "a lean reading is not the graph less its mentions"
    );
    assert!(
        value["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .any(|n| n["mentions"].get("mentions").is_some()),
        "the test needs a document named \"mentions\""
    );
}

/// `build` without `-o` (nor `--into`) writes `graph.json` in the current
/// folder, the graph `-o graph.json` writes, and its summary says so; `-q`
/// writes it without a word.
#[test]
fn build_without_output_writes_graph_json_here() {
    let dir = TempDir::new("default-output");
    let newsgraph = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_newsgraph"))
            .args(args)
            .current_dir(dir.path())
            .stdin(std::process::Stdio::null())
            .output()
            .expect("newsgraph runs")
    };
    let corpus = corpus_dir();
    let out = newsgraph(&["build", arg(&corpus)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("\n  written to graph.json (-o FILE writes elsewhere)\n"),
        "{}",
        stderr(&out)
    );
    let written = std::fs::read(dir.join("graph.json")).expect("graph.json written");
    let out = newsgraph(&["build", arg(&corpus), "-o", "-"]);
    assert_eq!(written, out.stdout, "the graph -o writes");
    // Quiet: written all the same, nothing said; the folder holds nothing else.
    std::fs::remove_file(dir.join("graph.json")).unwrap();
    let out = newsgraph(&["build", "-q", arg(&corpus)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    assert_eq!(std::fs::read(dir.join("graph.json")).unwrap(), written);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["graph.json"]);
    let out = newsgraph(&["build", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("graph.json in the current folder"), "{help}");
}
