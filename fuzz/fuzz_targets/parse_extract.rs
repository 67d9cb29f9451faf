//! Arbitrary bytes → `Document::parse_with` (small limits) → `extract` → the graph
//! of that one document (`resolve::build`, what `build::build` does after
//! extracting) → `write_json` → `read_json` → `write_json`: no panic, every span on
//! char boundaries and slicing to its text, and the graph file reads back and
//! re-writes to the same bytes. The checks are those of
//! `tests/cases/regressions.rs`, where crash inputs are kept.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::EntityKind;
use newsgraph::document::{Document, Limits};
use newsgraph::extract::extract;
use newsgraph::graph::Graph;
use newsgraph::lexicon::Lexicon;
use newsgraph::resolve;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::LazyLock;

static LEXICON: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::builtin().expect("the builtin lexicon loads"));

const LIMITS: Limits = Limits {
    max_document_bytes: 16 * 1024,
    max_sentence_bytes: 512,
};

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = Document::parse_with("fuzz.txt", data, &LIMITS) else {
        return;
    };
    let text = &doc.text;
    let mut previous_end = 0;
    for (i, s) in doc.sentences.iter().enumerate() {
        assert!(previous_end <= s.start && s.start < s.end, "sentence {s:?}");
        let slice = text
            .get(s.start..s.end)
            .expect("sentence on char boundaries");
        assert_eq!(doc.sentence(i), slice);
        assert!(s.end - s.start <= LIMITS.max_sentence_bytes);
        assert_eq!(slice.trim_matches([' ', '\t', '\n', '\x0c']), slice);
        assert_eq!(doc.sentence_index_at(s.start), Some(i));
        previous_end = s.end;
    }
    let found = extract(&doc, &LEXICON);
    for m in &found.mentions {
        let slice = text
            .get(m.start..m.end)
            .expect("mention on char boundaries");
        let first_after = doc.sentences.partition_point(|s| s.start <= m.start);
        assert_eq!(m.sentence, first_after.saturating_sub(1), "mention {m:?}");
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
        assert!(f.sentence < doc.sentences.len(), "fact {f:?}");
    }
    // Each used entity (mentioned or in a fact) becomes its own node.
    let used: BTreeSet<(EntityKind, &str)> = found
        .entities
        .iter()
        .enumerate()
        .filter(|(i, e)| {
            !e.key.is_empty()
                && (found.mentions.iter().any(|m| m.entity == *i)
                    || found.facts.iter().any(|f| f.source == *i || f.target == *i))
        })
        .map(|(_, e)| (e.kind, e.key.as_str()))
        .collect();
    let used = used.len();
    let docs = [(doc, found)];
    let graph = resolve::build(&docs);
    assert_eq!(graph.node_count(), used, "entities merged into one node");
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
    let mut first = Vec::new();
    graph.write_json(&mut first).expect("write to memory");
    let back = Graph::read_json(&first, Path::new("fuzz.json"))
        .unwrap_or_else(|e| panic!("a written graph must read back: {e}"));
    let mut second = Vec::new();
    back.write_json(&mut second).expect("write to memory");
    assert!(first == second, "write → read → write differs");
});
