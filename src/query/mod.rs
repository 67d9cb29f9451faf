//! Asking the graph: which node a name means ([`lookup`]), how two nodes are
//! linked ([`path`]), what a node is ([`show`]), what is around it
//! ([`neighbors`]) and what the graph holds ([`stats`]). Every answer is a plain
//! serialisable value; [`text`] prints it for people, serde_json for programs,
//! and [`Graph::subgraph`] turns path and neighbourhood answers into graphs the
//! exporters can write.

pub mod as_of;
pub mod lookup;
pub mod neighbors;
pub mod path;
pub mod show;
pub mod stats;
pub mod text;

pub use lookup::{Candidate, Lookup, MatchKind};
pub use neighbors::{NearEdge, NearNode, NeighborsAnswer};
pub use path::{Hop, HopEdge, Path, PathAnswer, PathOptions};
pub use show::{NodeEdge, NodeInfo, ShowAnswer};
pub use stats::{Ranked, Stats};

use crate::graph::Graph;
use petgraph::stable_graph::NodeIndex;
use std::collections::BTreeSet;

impl Graph {
    /// Edges in and out of `ix`.
    pub fn degree(&self, ix: NodeIndex) -> usize {
        self.inner
            .edges_directed(ix, petgraph::Direction::Outgoing)
            .count()
            + self
                .inner
                .edges_directed(ix, petgraph::Direction::Incoming)
                .count()
    }

    /// The graph made of the given nodes and every edge among them that `keep`
    /// accepts, with the documents those nodes come from.
    pub fn subgraph(
        &self,
        nodes: impl IntoIterator<Item = NodeIndex>,
        keep: impl Fn(NodeIndex, crate::ontology::Relation, NodeIndex) -> bool,
    ) -> Graph {
        let nodes: BTreeSet<NodeIndex> = nodes.into_iter().collect();
        let mut g = Graph::new();
        for &ix in &nodes {
            g.add_node(self.inner[ix].clone());
        }
        for eix in self.edges_sorted() {
            let (s, t) = self.inner.edge_endpoints(eix).expect("edge of graph");
            let e = &self.inner[eix];
            if nodes.contains(&s) && nodes.contains(&t) && keep(s, e.relation, t) {
                let (ns, nt) = (
                    g.node_index(&self.inner[s].id).expect("added"),
                    g.node_index(&self.inner[t].id).expect("added"),
                );
                g.add_edge(ns, nt, e.relation, e.qualifiers.clone(), e.evidence.clone());
            }
        }
        let docs: BTreeSet<&str> = nodes
            .iter()
            .flat_map(|&ix| self.inner[ix].docs.iter().map(|d| &**d))
            .collect();
        for d in docs {
            if let Some(info) = self.documents.get(d) {
                g.documents.insert(d.to_string(), info.clone());
            }
        }
        g
    }
}

impl PathAnswer {
    /// The nodes and edges of the paths in the answer, as a graph.
    pub fn subgraph(&self, g: &Graph) -> Graph {
        let mut nodes = BTreeSet::new();
        let mut edges = BTreeSet::new();
        for p in &self.paths {
            for h in &p.hops {
                let (a, b) = (g.node_index(&h.from), g.node_index(&h.to));
                nodes.extend(a);
                nodes.extend(b);
                if let (Some(a), Some(b)) = (a, b) {
                    for e in &h.edges {
                        let (s, t) = if e.forward { (a, b) } else { (b, a) };
                        edges.insert((s, e.relation, t));
                    }
                }
            }
        }
        if let Some(ix) = g.node_index(&self.from.id) {
            nodes.insert(ix);
        }
        g.subgraph(nodes, |s, r, t| edges.contains(&(s, r, t)))
    }
}

impl NeighborsAnswer {
    /// The neighbourhood as a graph.
    pub fn subgraph(&self, g: &Graph) -> Graph {
        g.subgraph(
            self.nodes.iter().filter_map(|n| g.node_index(&n.id)),
            |_, _, _| true,
        )
    }
}
