//! The subgraph around a node: everything within N hops, ignoring direction, with
//! the edges among those nodes.

use super::lookup::Lookup;
use crate::error::Result;
use crate::graph::Graph;
use crate::ontology::{EntityKind, Relation};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, VecDeque};

/// A node of the neighbourhood.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NearNode {
    /// Id.
    pub id: String,
    /// Kind.
    pub kind: EntityKind,
    /// Label.
    pub label: String,
    /// Hops from the centre.
    pub distance: usize,
}

/// An edge between two nodes of the neighbourhood.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NearEdge {
    /// Source id.
    pub source: String,
    /// Target id.
    pub target: String,
    /// The relation.
    pub relation: Relation,
    /// The fact held before.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub former: bool,
    /// Evidence sentences (see `show` for the sentences themselves).
    pub evidence: usize,
    /// The ids of the rules that read it, sorted.
    #[serde(default)]
    pub rules: crate::provenance::Rules,
}

/// The answer to `neighbors NAME --depth N`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NeighborsAnswer {
    /// Which node the name was taken to mean.
    pub lookup: Lookup,
    /// Hops walked.
    pub depth: usize,
    /// Nodes by distance, then label; the centre first.
    pub nodes: Vec<NearNode>,
    /// Every edge between two of the nodes, sorted by source, relation, target.
    pub edges: Vec<NearEdge>,
}

impl Graph {
    /// The nodes within `depth` hops of the node `name` means, and the edges among them.
    pub fn neighbors(&self, name: &str, depth: usize, picks: &[String]) -> Result<NeighborsAnswer> {
        let (centre, lookup) = self.lookup_with(name, picks)?;
        let (dist, edges) = self.around(centre, depth);
        let mut nodes: Vec<NearNode> = dist
            .iter()
            .map(|(&ix, &distance)| {
                let n = &self.inner[ix];
                NearNode {
                    id: n.id.clone(),
                    kind: n.kind,
                    label: n.label.clone(),
                    distance,
                }
            })
            .collect();
        nodes.sort_by(|a, b| (a.distance, &a.label, &a.id).cmp(&(b.distance, &b.label, &b.id)));
        let mut edges: Vec<NearEdge> = edges
            .into_iter()
            .map(|e| {
                let (s, t) = self.inner.edge_endpoints(e).expect("edge of graph");
                let w = &self.inner[e];
                NearEdge {
                    source: self.inner[s].id.clone(),
                    target: self.inner[t].id.clone(),
                    relation: w.relation,
                    former: w.qualifiers.former,
                    evidence: w.evidence.len(),
                    rules: w.rules(),
                }
            })
            .collect();
        edges.sort_by(|a, b| {
            (&a.source, a.relation, &a.target).cmp(&(&b.source, b.relation, &b.target))
        });
        Ok(NeighborsAnswer {
            lookup,
            depth,
            nodes,
            edges,
        })
    }

    /// Nodes within `depth` hops of `centre` with their distance, and the edges
    /// among them.
    pub fn around(
        &self,
        centre: NodeIndex,
        depth: usize,
    ) -> (BTreeMap<NodeIndex, usize>, Vec<EdgeIndex>) {
        let mut dist = BTreeMap::from([(centre, 0)]);
        let mut queue = VecDeque::from([centre]);
        while let Some(n) = queue.pop_front() {
            let d = dist[&n];
            if d >= depth {
                continue;
            }
            for m in self.inner.neighbors_undirected(n) {
                dist.entry(m).or_insert_with(|| {
                    queue.push_back(m);
                    d + 1
                });
            }
        }
        let edges = dist
            .keys()
            .flat_map(|&n| self.inner.edges(n))
            .filter(|e| dist.contains_key(&e.target()))
            .map(|e| e.id())
            .collect();
        (dist, edges)
    }
}
