//! Inputs that once made the library panic or lose data, found by the fuzz targets
//! in `fuzz/` and kept in `tests/fixtures/fuzz/`. Each runs through the same path as
//! its target, with the same checks (also used by the property tests).

use newsgraph::EntityKind;
use newsgraph::document::{Document, Limits};
use newsgraph::extract::{Findings, extract};
use newsgraph::graph::Graph;
use newsgraph::lexicon::Lexicon;
use newsgraph::resolve;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::LazyLock;

/// The builtin lexicon, loaded once.
pub static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::builtin().expect("the builtin lexicon loads"));

/// The limits the `parse_extract` fuzz target uses.
pub const FUZZ_LIMITS: Limits = Limits {
    max_document_bytes: 16 * 1024,
    max_sentence_bytes: 512,
};

/// Checks sentence spans: in order, non-empty, trimmed, on char boundaries, within
/// the limit, and `sentence(i)` is their slice.
pub fn check_sentences(doc: &Document, limits: &Limits) {
    let text = &doc.text;
    let mut previous_end = 0;
    for (i, s) in doc.sentences.iter().enumerate() {
        assert!(
            previous_end <= s.start && s.start < s.end && s.end <= text.len(),
            "sentence {i} {s:?} out of order or range in {text:?}"
        );
        let slice = text
            .get(s.start..s.end)
            .unwrap_or_else(|| panic!("sentence {i} {s:?} not on char boundaries in {text:?}"));
        assert_eq!(doc.sentence(i), slice);
        assert!(
            s.end - s.start <= limits.max_sentence_bytes.max(8),
            "sentence {i} longer than the limit"
        );
        let trimmed = slice.trim_matches([' ', '\t', '\n', '\x0c']);
        assert_eq!(trimmed, slice, "sentence {i} is not trimmed");
        assert_eq!(doc.sentence_index_at(s.start), Some(i));
        previous_end = s.end;
    }
}

/// Checks mention spans: on char boundaries, in the sentence they name, and their
/// trimmed slice is a surface form of their entity.
pub fn check_mentions(doc: &Document, found: &Findings) {
    let text = &doc.text;
    for m in &found.mentions {
        let slice = text
            .get(m.start..m.end)
            .unwrap_or_else(|| panic!("mention {m:?} not on char boundaries in {text:?}"));
        // The sentence is the last one starting at or before the mention (a
        // mention may run past a sentence cut for length).
        let first_after = doc.sentences.partition_point(|s| s.start <= m.start);
        assert_eq!(
            m.sentence,
            first_after.saturating_sub(1),
            "mention {m:?} `{slice}` has the wrong sentence in {text:?}"
        );
        let surface = slice.trim();
        if !surface.is_empty() {
            let e = &found.entities[found.canonical(m.entity)];
            assert!(
                e.aliases.contains(surface) || e.label == surface,
                "mention {m:?} slices to `{surface}`, not a surface form of {e:?}"
            );
        }
    }
    for f in &found.facts {
        assert!(
            f.sentence < doc.sentences.len(),
            "fact {f:?} has no sentence"
        );
    }
}

/// Checks that `graph` writes, reads back and writes the same bytes; returns them.
pub fn check_round_trip(graph: &Graph) -> Vec<u8> {
    let mut first = Vec::new();
    graph.write_json(&mut first).expect("write to memory");
    let back = Graph::read_json(&first, Path::new("round.json"))
        .unwrap_or_else(|e| panic!("a written graph must read back: {e}"));
    let mut second = Vec::new();
    back.write_json(&mut second).expect("write to memory");
    assert!(
        first == second,
        "write -> read -> write differs:\n{}\n---\n{}",
        String::from_utf8_lossy(&first),
        String::from_utf8_lossy(&second)
    );
    first
}

/// What the `parse_extract` fuzz target does with `bytes`, with all its checks.
pub fn parse_extract(bytes: &[u8], limits: &Limits) {
    let Ok(doc) = Document::parse_with("fuzz.txt", bytes, limits) else {
        return;
    };
    check_sentences(&doc, limits);
    let found = extract(&doc, &LEXICON);
    check_mentions(&doc, &found);
    // Each used entity (mentioned or in a fact) becomes its own node.
    let used: BTreeSet<(EntityKind, &str)> = found
        .entities
        .iter()
        .enumerate()
        .filter(|(i, e)| {
            e.folded_into.is_none()
                && (found.mentions.iter().any(|m| m.entity == *i)
                    || found.facts.iter().any(|f| f.source == *i || f.target == *i))
        })
        .map(|(_, e)| (e.kind, e.key.as_str()))
        .collect();
    let used = used.len();
    let docs = [(doc, found)];
    let graph = resolve::build(&docs);
    assert_eq!(
        graph.node_count(),
        used,
        "entities were merged into one node in {:?}",
        docs[0].0.text
    );
    let text = &docs[0].0.text;
    for ix in graph.nodes_sorted() {
        for m in &graph.node(ix).mentions {
            assert!(text.get(m.start..m.end).is_some(), "node mention {m:?}");
        }
    }
    for e in graph.inner.edge_weights() {
        for ev in &e.evidence {
            assert_eq!(text.get(ev.start..ev.end), Some(&*ev.sentence));
        }
    }
    check_round_trip(&graph);
}

/// What the `read_graph` fuzz target does with `bytes`.
pub fn read_graph(bytes: &[u8]) {
    if let Ok(graph) = Graph::read_json(bytes, Path::new("fuzz.json")) {
        check_round_trip(&graph);
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path = super::common::root().join("tests/fixtures/fuzz").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A list item starting with "a" and a two-byte character: the article prefix
/// "a " was compared by slicing inside that character (`extract/agenda.rs`).
#[test]
fn agenda_prefix_inside_char() {
    let bytes = fixture("agenda-prefix-inside-char");
    parse_extract(&bytes, &FUZZ_LIMITS);
    parse_extract(&bytes, &Limits::default());
    parse_extract("KIDD touch on a\u{385}".as_bytes(), &Limits::default());
}

/// The example corpus passes every check.
#[test]
fn example_corpus_passes_the_checks() {
    let mut paths: Vec<_> = std::fs::read_dir(super::common::corpus_dir())
        .expect("example corpus")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    for path in paths {
        let bytes = std::fs::read(&path).expect("read article");
        parse_extract(&bytes, &Limits::default());
    }
}

/// Three organizations whose ids came out as `alpha-unit`, `alpha-unit-2` and again
/// `alpha-unit-2` ("Alpha-Unit" numbered after "Alpha Unit 2" took the plain id):
/// two of them were merged into one node (`resolve.rs`). Found by reading the code
/// behind the "each used entity is its own node" check above.
#[test]
fn numbered_ids_do_not_collide() {
    let lexicon = super::common::root().join("tests/fixtures/lexicon/slug-collision.toml");
    let lex = Lexicon::with_files(&[lexicon]).expect("lexicon loads");
    for text in [
        "Officials from AU met AXU and AU2 in Seoul.",
        "Officials from AU2 met AXU and AU in Seoul.",
    ] {
        let doc = Document::parse("a.txt", text.as_bytes()).expect("UTF-8");
        let graph = newsgraph::build::build(vec![doc], &lex);
        let mut ids: Vec<&str> = graph
            .inner
            .node_weights()
            .map(|n| n.id.as_str())
            .filter(|id| id.starts_with("organization:"))
            .collect();
        ids.sort();
        assert_eq!(
            ids,
            [
                "organization:alpha-unit",
                "organization:alpha-unit-2",
                "organization:alpha-unit-3"
            ]
        );
        check_round_trip(&graph);
    }
}
