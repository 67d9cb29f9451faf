//! `build -` reads one article from standard input, named `<stdin>`.

use crate::common::{ARTICLE, run, stderr, wire};
use newsgraph::EntityKind;

#[test]
fn stdin_article_builds_nodes_citing_stdin() {
    let out = run(&["build", "-", "-o", "-"], Some(ARTICLE.as_bytes()));
    assert!(out.status.success(), "{:?}\n{}", out.status, stderr(&out));
    let g = wire(&out.stdout);
    assert_eq!(
        g.graph.documents.keys().collect::<Vec<_>>(),
        ["<stdin>"],
        "documents of a stdin build"
    );
    assert!(!g.nodes.is_empty(), "no nodes from the piped article");
    for n in &g.nodes {
        assert!(
            n.docs.contains("<stdin>"),
            "node {} does not cite <stdin>: {:?}",
            n.id,
            n.docs
        );
    }
    let people: Vec<&str> = g
        .nodes
        .iter()
        .filter(|n| n.kind == EntityKind::Person)
        .map(|n| n.label.as_str())
        .collect();
    assert!(
        people.iter().any(|p| p.contains("Sasaki")),
        "the minister named in the article is missing: {people:?}"
    );
    assert!(
        stderr(&out).contains("1 document"),
        "summary:\n{}",
        stderr(&out)
    );
}
