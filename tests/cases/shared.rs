//! Checks on the real articles of `../shared` (seeds): run by `.ci/run` with
//! `cargo test --test main -- --ignored`; they fail loudly when the folder is missing.

use newsgraph::document::Document;
use std::path::PathBuf;

fn shared_seeds() -> PathBuf {
    let dir = crate::common::root()
        .join("..")
        .join("shared")
        .join("seeds");
    assert!(
        dir.is_dir(),
        "{} is missing: these checks need the shared seeds beside the project",
        dir.display()
    );
    dir
}

/// Every evidence span of the seed graph slices, from its document, to exactly the
/// sentence given; and the sentence names at least one end of the edge (the other
/// may be a resolved reference: "the talks", the event the article reports, a
/// country implied by a title or a series).
#[test]
#[ignore = "needs ../shared; run by .ci/run"]
fn seed_graph_evidence_is_exact() {
    let dir = shared_seeds();
    let out = crate::common::run(&["build", dir.to_str().unwrap(), "-o", "-", "-q"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let g: newsgraph::graph::WireGraph = serde_json::from_slice(&out.stdout).unwrap();
    let mut docs = std::collections::HashMap::new();
    for name in g.graph.documents.keys() {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        docs.insert(name.clone(), Document::parse(name, &bytes).unwrap());
    }
    let nodes: std::collections::HashMap<&str, &newsgraph::graph::Node> =
        g.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let (mut total, mut named) = (0, 0);
    for e in &g.edges {
        assert!(!e.evidence.is_empty(), "{} has no evidence", e.id);
        for ev in &e.evidence {
            let doc = &docs[&ev.doc];
            assert_eq!(&doc.text[ev.start..ev.end], &*ev.sentence, "{}", e.id);
            let inside = |id: &str| {
                nodes[id]
                    .mentions
                    .iter()
                    .any(|m| m.doc == ev.doc && ev.start <= m.start && m.end <= ev.end)
            };
            total += 1;
            if inside(&e.source) || inside(&e.target) {
                named += 1;
            }
        }
    }
    assert!(
        named * 100 >= total * 95,
        "only {named} of {total} evidence sentences name an end of their edge"
    );
}
