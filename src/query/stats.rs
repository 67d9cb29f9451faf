//! What a graph holds: nodes per kind, edges per relation, the best-connected
//! nodes and the connected components.

use crate::graph::Graph;
use crate::ontology::{EntityKind, Relation};
use petgraph::unionfind::UnionFind;
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::BTreeMap;

/// A node and its degree.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ranked {
    /// Id.
    pub id: String,
    /// Kind.
    pub kind: EntityKind,
    /// Label.
    pub label: String,
    /// Edges in and out.
    pub degree: usize,
}

/// The answer to `stats`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stats {
    /// Source documents.
    pub documents: usize,
    /// Nodes in all.
    pub nodes: usize,
    /// Edges in all.
    pub edges: usize,
    /// Nodes per kind (every kind, zeros included).
    pub kinds: BTreeMap<EntityKind, usize>,
    /// Edges per relation (every relation, zeros included).
    pub relations: BTreeMap<Relation, usize>,
    /// The nodes with most edges, most first (ties by id).
    pub top: Vec<Ranked>,
    /// Weakly connected components.
    pub components: usize,
    /// Sizes of the largest components, largest first (at most ten).
    pub largest_components: Vec<usize>,
}

impl Graph {
    /// Counts, the `top` best-connected nodes, and connected components.
    pub fn stats(&self, top: usize) -> Stats {
        let mut kinds: BTreeMap<EntityKind, usize> =
            EntityKind::ALL.iter().map(|&k| (k, 0)).collect();
        kinds.extend(self.count_kinds());
        let mut relations: BTreeMap<Relation, usize> =
            Relation::ALL.iter().map(|&r| (r, 0)).collect();
        relations.extend(self.count_relations());
        let mut ranked: Vec<Ranked> = self
            .inner
            .node_indices()
            .map(|ix| {
                let n = &self.inner[ix];
                Ranked {
                    id: n.id.clone(),
                    kind: n.kind,
                    label: n.label.clone(),
                    degree: self.degree(ix),
                }
            })
            .collect();
        ranked.sort_by(|a, b| (Reverse(a.degree), &a.id).cmp(&(Reverse(b.degree), &b.id)));
        ranked.truncate(top);
        let g = &self.inner;
        let mut uf = UnionFind::<usize>::new(g.node_bound());
        for e in g.edge_references() {
            uf.union(g.to_index(e.source()), g.to_index(e.target()));
        }
        let mut sizes: BTreeMap<usize, usize> = BTreeMap::new();
        for ix in g.node_indices() {
            *sizes.entry(uf.find(g.to_index(ix))).or_insert(0) += 1;
        }
        let mut largest: Vec<usize> = sizes.values().copied().collect();
        largest.sort_by_key(|&s| Reverse(s));
        let components = largest.len();
        largest.truncate(10);
        Stats {
            documents: self.documents.len(),
            nodes: self.node_count(),
            edges: self.edge_count(),
            kinds,
            relations,
            top: ranked,
            components,
            largest_components: largest,
        }
    }
}
