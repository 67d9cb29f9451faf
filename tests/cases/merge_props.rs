//! Property: merging graphs of different articles is associative and commutative,
//! and merging the graphs of parts of a corpus gives the graph of the whole, byte
//! for byte.

use newsgraph::build::build_texts;
use newsgraph::corpus::EXAMPLE;
use newsgraph::graph::Graph;
use newsgraph::lexicon::Lexicon;
use proptest::prelude::*;
use std::sync::LazyLock;

static LEX: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::builtin().expect("builtin lexicon"));

/// The graph of the example articles whose bit is set in `mask`.
fn graph_of(mask: u16) -> Graph {
    let texts: Vec<(&str, &str)> = EXAMPLE
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, t)| *t)
        .collect();
    build_texts(&texts, &LEX).expect("example articles parse")
}

fn bytes(g: &Graph) -> Vec<u8> {
    let mut v = Vec::new();
    g.write_json(&mut v).expect("write to memory");
    v
}

fn merged(a: &Graph, b: &Graph) -> Graph {
    let mut m = a.clone();
    newsgraph::resolve::merge(&mut m, b);
    m
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn merge_is_associative_commutative_and_equals_the_full_build(
        part in proptest::collection::vec(0u8..4, EXAMPLE.len()),
    ) {
        // Three disjoint shards (articles in part 3 are left out).
        let mask = |k: u8| {
            part.iter()
                .enumerate()
                .filter(|(_, p)| **p == k)
                .fold(0u16, |m, (i, _)| m | (1 << i))
        };
        let (a, b, c) = (mask(0), mask(1), mask(2));
        let (ga, gb, gc) = (graph_of(a), graph_of(b), graph_of(c));
        let ab = merged(&ga, &gb);
        prop_assert!(bytes(&ab) == bytes(&merged(&gb, &ga)), "a+b != b+a");
        let left = bytes(&merged(&ab, &gc));
        let right = bytes(&merged(&ga, &merged(&gb, &gc)));
        prop_assert!(left == right, "(a+b)+c != a+(b+c)");
        prop_assert!(left == bytes(&graph_of(a | b | c)), "merge != full build");
    }
}
