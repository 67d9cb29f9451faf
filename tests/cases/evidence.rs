//! Evidence and mentions point at the right bytes of the documents they name.

use crate::common::{ARTICLE, example_document, example_graph, run};
use newsgraph::document::{Document, Span};
use newsgraph::graphfile::WireGraph;
use std::collections::HashMap;

/// Checks every evidence entry and mention of `g` against `docs`.
fn check_offsets(g: &WireGraph, docs: &HashMap<String, Document>) {
    let mut evidence = 0;
    for e in &g.edges {
        assert!(!e.evidence.is_empty(), "edge {} has no evidence", e.id);
        for &i in &e.evidence {
            evidence += 1;
            let ev = g.sentence(i).expect("the file holds every cited sentence");
            let doc = docs
                .get(&ev.doc)
                .unwrap_or_else(|| panic!("edge {}: evidence names unknown doc {}", e.id, ev.doc));
            assert!(
                ev.start < ev.end && ev.end <= doc.text.len(),
                "edge {}: evidence [{}, {}) out of {} (length {})",
                e.id,
                ev.start,
                ev.end,
                ev.doc,
                doc.text.len()
            );
            let slice = doc.text.get(ev.start..ev.end).unwrap_or_else(|| {
                panic!(
                    "edge {}: evidence [{}, {}) of {} is not on char boundaries",
                    e.id, ev.start, ev.end, ev.doc
                )
            });
            let sentence = ev.text.as_str();
            assert_eq!(
                slice, sentence,
                "edge {}: evidence text differs from its span in {}",
                e.id, ev.doc
            );
            let span = Span {
                start: ev.start,
                end: ev.end,
            };
            let i = doc.sentences.iter().position(|s| *s == span);
            assert!(
                i.is_some_and(|i| doc.sentence(i) == sentence),
                "edge {}: evidence [{}, {}) of {} is not one of its sentences: {:?}",
                e.id,
                ev.start,
                ev.end,
                ev.doc,
                sentence
            );
        }
    }
    assert!(evidence > 0, "no evidence at all to check");

    let mut mentions = 0;
    for n in &g.nodes {
        for m in &n.mentions {
            mentions += 1;
            let doc = docs
                .get(&*m.doc)
                .unwrap_or_else(|| panic!("node {}: mention names unknown doc {}", n.id, m.doc));
            assert!(
                n.docs.contains(&*m.doc),
                "node {}: mentioned in {} which is not among its docs",
                n.id,
                m.doc
            );
            let slice = doc.text.get(m.start..m.end).unwrap_or_else(|| {
                panic!(
                    "node {}: mention [{}, {}) of {} is out of range or not on char boundaries",
                    n.id, m.start, m.end, m.doc
                )
            });
            assert!(
                !slice.trim().is_empty(),
                "node {}: mention [{}, {}) of {} is empty",
                n.id,
                m.start,
                m.end,
                m.doc
            );
        }
    }
    assert!(mentions > 0, "no mentions at all to check");
}

#[test]
fn example_corpus_evidence_and_mentions_slice_their_documents() {
    let g = example_graph();
    let docs: HashMap<String, Document> = g
        .graph
        .documents
        .keys()
        .map(|name| (name.clone(), example_document(name)))
        .collect();
    for n in &g.nodes {
        for d in &n.docs {
            assert!(docs.contains_key(&**d), "node {}: unknown doc {d}", n.id);
        }
    }
    check_offsets(&g, &docs);
}

#[test]
fn stdin_evidence_slices_the_piped_text() {
    let out = run(&["build", "-q", "-", "-o", "-"], Some(ARTICLE.as_bytes()));
    assert!(out.status.success(), "{:?}", out.status);
    let g = crate::common::wire(&out.stdout);
    let doc = Document::parse("<stdin>", ARTICLE.as_bytes()).expect("article parses");
    let docs = HashMap::from([("<stdin>".to_string(), doc)]);
    check_offsets(&g, &docs);
}
