//! Provenance: every edge carries the sorted ids of the rules that read it
//! (`rules`), and each evidence sentence the rules that read the edge there; the
//! graph file keeps both, `build --into` and reading back keep them, and `show`
//! and `path` print them.

use crate::common::{TempDir, arg, example_graph, run_ok, wire};
use newsgraph::build::build_texts;
use newsgraph::graph::Graph;
use newsgraph::graphfile::GraphFile;
use newsgraph::graphfile::{WireEdge, WireGraph};
use newsgraph::lexicon::Lexicon;
use std::path::Path;

/// An article written for these tests: a numbered dialogue in a city, with the
/// head of one delegation (its country attends as a party of the series).
const FIRST: (&str, &str) = (
    "first.txt",
    "The 31st Korea-U.S. Integrated Defense Dialogue (KIDD) took place in Busan on \
     March 4. Deputy Minister Lee Joon-ho led the South Korean delegation.",
);

/// Another article on the same meeting, where the host country is named as the
/// subject of "hosted": the attended edge of South Korea is read by two rules here.
const SECOND: (&str, &str) = (
    "second.txt",
    "South Korea hosted the 31st Korea-U.S. Integrated Defense Dialogue in Busan \
     last week, the ministry said. Officials described the mood as constructive.",
);

const ATTENDED: &str =
    "country:south-korea|attended|meeting:31st-korea-u-s-integrated-defense-dialogue";

fn json(g: &Graph) -> Vec<u8> {
    let mut v = Vec::new();
    g.write_json(&mut v).unwrap();
    v
}

fn build(texts: &[(&str, &str)]) -> Vec<u8> {
    let lex = Lexicon::with_files(&[]).unwrap();
    json(&build_texts(texts, &lex).unwrap())
}

fn edge<'a>(w: &'a WireGraph, id: &str) -> &'a WireEdge {
    w.edges
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no edge {id}"))
}

/// Rules of every edge: non-empty, sorted, no repeats, `family.rule`; each
/// sentence's rules (when given) sorted and together the edge's.
fn check_rules(w: &WireGraph) {
    assert!(!w.edges.is_empty());
    for e in &w.edges {
        assert!(!e.rules.is_empty(), "{} has no rules", e.id);
        assert!(
            e.rules.windows(2).all(|p| p[0] < p[1]),
            "{}: {:?}",
            e.id,
            e.rules
        );
        for r in &e.rules {
            let (family, rule) = r.split_once('.').unwrap_or(("", ""));
            let word =
                |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '_');
            assert!(word(family) && word(rule), "{}: rule id {r:?}", e.id);
        }
        if let Some(each) = &e.evidence_rules {
            assert_eq!(each.len(), e.evidence.len(), "{}", e.id);
            assert!(
                each.windows(2).any(|p| p[0] != p[1]),
                "{}: evidence_rules written though every sentence has the same rules",
                e.id
            );
            let mut union: Vec<String> = each.iter().flatten().cloned().collect();
            union.sort();
            union.dedup();
            assert_eq!(union, e.rules, "{}", e.id);
            for r in each {
                assert!(
                    !r.is_empty() && r.windows(2).all(|p| p[0] < p[1]),
                    "{}",
                    e.id
                );
            }
        }
    }
}

#[test]
fn every_edge_of_the_example_graph_has_its_rules() {
    let w = example_graph();
    check_rules(&w);
    // Rules of several families are at work.
    let families: std::collections::BTreeSet<&str> = w
        .edges
        .iter()
        .flat_map(|e| &e.rules)
        .filter_map(|r| r.split('.').next())
        .collect();
    for f in ["lead", "office", "meeting", "lexicon"] {
        assert!(families.contains(f), "{families:?}");
    }
}

#[test]
fn an_edge_read_by_two_rules_lists_both_with_the_sentence_each_read() {
    let w = wire(&build(&[FIRST, SECOND]));
    check_rules(&w);
    let e = edge(&w, ATTENDED);
    assert_eq!(e.rules, ["attend.host", "lexicon.parties"]);
    // The first article's sentence is read by the series' parties alone, the
    // second's by both rules.
    let each = e
        .evidence_rules
        .as_ref()
        .expect("sentences read by other rules");
    let doc_of = |n: &u32| w.sentence(*n).unwrap().doc.as_str();
    let by_doc: Vec<(&str, Vec<&str>)> = e
        .evidence
        .iter()
        .zip(each)
        .map(|(n, r)| (doc_of(n), r.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        by_doc,
        [
            ("first.txt", vec!["lexicon.parties"]),
            ("second.txt", vec!["attend.host", "lexicon.parties"])
        ]
    );
    // One article alone: its one sentence, read by both; no list per sentence.
    let w = wire(&build(&[SECOND]));
    let e = edge(&w, ATTENDED);
    assert_eq!(e.rules, ["attend.host", "lexicon.parties"]);
    assert!(e.evidence_rules.is_none());
    let lead = edge(
        &wire(&build(&[FIRST])),
        "person:lee-joon-ho|led|meeting:31st-korea-u-s-integrated-defense-dialogue",
    )
    .rules
    .clone();
    assert_eq!(lead, ["lead.subject"]);
}

#[test]
fn rules_survive_reading_merging_and_builds_are_byte_identical() {
    let bytes = build(&[FIRST, SECOND]);
    assert!(bytes == build(&[FIRST, SECOND]), "two builds differ");
    assert!(
        bytes == build(&[SECOND, FIRST]),
        "the order of the texts matters"
    );
    // Read back and written: the same file.
    let g = Graph::read_json(&bytes, Path::new("g.json")).unwrap();
    assert!(json(&g) == bytes);
    let lean = Graph::read_json_lean(&bytes, Path::new("g.json")).unwrap();
    let e = lean.to_wire();
    assert_eq!(edge(&e, ATTENDED).rules, ["attend.host", "lexicon.parties"]);
    // Read as plain JSON (reformatted): the same graph.
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let pretty = serde_json::to_vec_pretty(&value).unwrap();
    let g = Graph::read_json(&pretty, Path::new("g.json")).unwrap();
    assert!(json(&g) == bytes);
    // Merged from the graphs of each article: the full build.
    let lex = Lexicon::with_files(&[]).unwrap();
    let mut a = build_texts(&[FIRST], &lex).unwrap();
    newsgraph::resolve::merge(&mut a, &build_texts(&[SECOND], &lex).unwrap());
    assert!(json(&a) == bytes, "merging loses rules");
}

#[test]
fn a_file_without_rules_still_reads() {
    // An edge without rules (a file of an older version): read, written with
    // empty rules.
    let bytes = build(&[FIRST]);
    let text = String::from_utf8(bytes).unwrap();
    let old = text.replace("\"rules\":[\"lead.subject\"],", "");
    assert_ne!(old, text);
    let g = Graph::read_json(old.as_bytes(), Path::new("g.json")).unwrap();
    let w = g.to_wire();
    let led = w
        .edges
        .iter()
        .find(|e| e.relation.as_str() == "led")
        .unwrap();
    assert!(led.rules.is_empty());
    // evidence_rules of the wrong length is refused.
    let bad = text.replace(
        "\"rules\":[\"lead.subject\"],",
        "\"rules\":[\"lead.subject\"],\"evidence_rules\":[[\"a.b\"],[\"c.d\"]],",
    );
    let err = Graph::read_json(bad.as_bytes(), Path::new("g.json")).unwrap_err();
    assert!(
        err.to_string().contains("gives rules for 2 sentences"),
        "{err}"
    );
}

#[test]
fn into_update_equals_the_full_build_with_rules() {
    // In the library: spliced, not read whole, and the bytes of the full build.
    let lex = Lexicon::with_files(&[]).unwrap();
    for (old, new) in [(FIRST, SECOND), (SECOND, FIRST)] {
        let file = build(&[old]);
        let gf = GraphFile::open(&file).expect("opens");
        let records = gf.records().expect("records");
        let added = build_texts(&[new], &lex).unwrap();
        let update = gf.add(&records, &added).expect("spliced");
        let mut spliced = Vec::new();
        update.write(&mut spliced).unwrap().expect("edges spliced");
        assert!(
            spliced == build(&[FIRST, SECOND]),
            "splicing {} into {} differs from the full build",
            new.0,
            old.0
        );
    }
    // And with the binary.
    let dir = TempDir::new("prov-into");
    for (sub, (name, text)) in [("old", FIRST), ("new", SECOND)] {
        std::fs::create_dir(dir.join(sub)).unwrap();
        std::fs::write(dir.join(sub).join(name), text).unwrap();
    }
    let (old, new, graph, full) = (
        dir.join("old"),
        dir.join("new"),
        dir.join("g.json"),
        dir.join("full.json"),
    );
    run_ok(&["build", "-q", arg(&old), "-o", arg(&graph)]);
    run_ok(&["build", "-q", arg(&new), "--into", arg(&graph)]);
    run_ok(&["build", "-q", arg(&old), arg(&new), "-o", arg(&full)]);
    let (a, b) = (
        std::fs::read(&graph).unwrap(),
        std::fs::read(&full).unwrap(),
    );
    assert!(a == b, "build --into differs from the full build");
    check_rules(&wire(&a));
}

#[test]
fn show_and_path_print_the_rule_with_each_sentence() {
    let dir = TempDir::new("prov-show");
    let (old, graph) = (dir.join("articles"), dir.join("g.json"));
    std::fs::create_dir(&old).unwrap();
    for (name, text) in [FIRST, SECOND] {
        std::fs::write(old.join(name), text).unwrap();
    }
    run_ok(&["build", "-q", arg(&old), "-o", arg(&graph)]);
    let g = arg(&graph);
    let text = |args: &[&str]| String::from_utf8(run_ok(args).stdout).unwrap();
    let show = text(&["show", "Lee Joon-ho", "--graph", g]);
    assert!(
        show.contains("read by rule lead.subject from: \"Deputy Minister Lee Joon-ho led"),
        "{show}"
    );
    assert!(show.contains("read by rule office.title from: "), "{show}");
    let path = text(&["path", "Lee Joon-ho", "Busan", "--graph", g]);
    assert!(path.contains("read by rule "), "{path}");
    // The first sentence of an edge read by other rules elsewhere: the others
    // are counted with their rules; --all-evidence prints each.
    let show = text(&["show", "31st KIDD", "--graph", g]);
    assert!(
        show.contains("read by rule lexicon.parties from: \"The 31st Korea-U.S."),
        "{show}"
    );
    assert!(
        show.contains("(first.txt; 1 more sentence, read by attend.host, lexicon.parties)"),
        "{show}"
    );
    let all = text(&["show", "31st KIDD", "--graph", g, "--all-evidence"]);
    assert!(
        all.contains("read by rules attend.host, lexicon.parties from: \"South Korea hosted"),
        "{all}"
    );
    assert!(!all.contains("more sentence"), "{all}");
    // JSON: each evidence sentence with its rules.
    let json = text(&["show", "Lee Joon-ho", "--graph", g, "--format", "json"]);
    let ans: newsgraph::query::ShowAnswer = serde_json::from_str(&json).unwrap();
    let led = &ans.edges[&newsgraph::Relation::Led][0];
    let rules: Vec<&str> = led.evidence[0].rules.iter().collect();
    assert_eq!(rules, ["lead.subject"], "{json}");
    assert_eq!(led.rules.iter().collect::<Vec<_>>(), ["lead.subject"]);
    // path and neighbors give each edge's rules too.
    let json = text(&[
        "path",
        "Lee Joon-ho",
        "Busan",
        "--graph",
        g,
        "--format",
        "json",
    ]);
    let ans: newsgraph::query::PathAnswer = serde_json::from_str(&json).unwrap();
    for hop in &ans.paths[0].hops {
        for e in &hop.edges {
            assert!(!e.rules.is_empty() && e.evidence.iter().all(|ev| !ev.rules.is_empty()));
        }
    }
    let json = text(&["neighbors", "31st KIDD", "--graph", g, "--format", "json"]);
    let ans: newsgraph::query::NeighborsAnswer = serde_json::from_str(&json).unwrap();
    let attended = ans
        .edges
        .iter()
        .find(|e| e.source == "country:south-korea" && e.relation == newsgraph::Relation::Attended)
        .unwrap();
    let rules: Vec<&str> = attended.rules.iter().collect();
    assert_eq!(rules, ["attend.host", "lexicon.parties"]);
}
