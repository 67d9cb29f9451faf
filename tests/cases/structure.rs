//! Ids and references of the example graph: unique `kind:slug` node ids, edges between
//! existing nodes, unique edge ids.

use crate::common::example_graph;
use std::collections::HashSet;

/// A slug: lower-case letters and digits in words joined by single dashes.
fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c == '-' || (c.is_alphanumeric() && !c.is_uppercase()))
}

#[test]
fn node_ids_are_unique_kind_slugs() {
    let g = example_graph();
    assert!(!g.nodes.is_empty());
    let mut seen = HashSet::new();
    for n in &g.nodes {
        assert!(seen.insert(n.id.as_str()), "node id {} appears twice", n.id);
        let (prefix, slug) =
            n.id.split_once(':')
                .unwrap_or_else(|| panic!("node id {} is not kind:slug", n.id));
        assert_eq!(
            prefix,
            n.kind.as_str(),
            "node id {} does not start with its kind",
            n.id
        );
        assert!(is_slug(slug), "node id {} has a malformed slug", n.id);
        assert!(!n.label.trim().is_empty(), "node {} has no label", n.id);
    }
    let ids: Vec<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted, "nodes are not sorted by id");
}

#[test]
fn edges_join_existing_nodes_and_have_unique_ids() {
    let g = example_graph();
    assert!(!g.edges.is_empty());
    let nodes: HashSet<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
    let mut seen = HashSet::new();
    for e in &g.edges {
        assert!(seen.insert(e.id.as_str()), "edge id {} appears twice", e.id);
        assert!(
            nodes.contains(e.source.as_str()),
            "edge {}: unknown source",
            e.id
        );
        assert!(
            nodes.contains(e.target.as_str()),
            "edge {}: unknown target",
            e.id
        );
        assert_eq!(
            e.id,
            format!("{}|{}|{}", e.source, e.relation, e.target),
            "edge id is not source|relation|target"
        );
        assert_eq!(
            e.key,
            e.relation.to_string(),
            "edge {}: key is not its relation",
            e.id
        );
    }
}
