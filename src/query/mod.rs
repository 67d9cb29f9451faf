//! Asking the graph: which node a name means ([`lookup`]), how two nodes are
//! linked ([`path`]), what a node is ([`show`]), what is around it
//! ([`neighbors`]) and what the graph holds ([`stats`]); in time, the rounds of
//! a series ([`timeline`]) and the holders of an office ([`history`]); and which
//! nodes a part of a name may mean ([`find`]). Every answer is a plain
//! serialisable value; [`text`] prints it for people, serde_json for programs,
//! and [`Graph::subgraph`] turns path and neighbourhood answers into graphs the
//! exporters can write.

pub mod as_of;
pub mod find;
pub mod history;
pub mod lookup;
pub mod neighbors;
pub mod path;
pub mod show;
pub mod stats;
pub mod text;
pub mod timeline;
mod timeline_page;

pub use find::{FindAnswer, FoundNode};
pub use history::{HistoryAnswer, Holding};
pub use lookup::{Candidate, Lookup, MatchKind};
pub use neighbors::{NearEdge, NearNode, NeighborsAnswer};
pub use path::{Hop, HopEdge, Path, PathAnswer, PathOptions};
pub use show::{NodeEdge, NodeInfo, ShowAnswer};
pub use stats::{Ranked, Stats};
pub use timeline::{Round, TimelineAnswer};

use crate::graph::Graph;
use crate::ontology::EntityKind;
use chrono::NaiveDate;
use petgraph::stable_graph::NodeIndex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A node named in an answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeRef {
    /// Id.
    pub id: String,
    /// Kind.
    pub kind: EntityKind,
    /// Label.
    pub label: String,
}

impl Graph {
    /// The id, kind and label of `ix`.
    pub fn node_ref(&self, ix: NodeIndex) -> NodeRef {
        let n = &self.inner[ix];
        NodeRef {
            id: n.id.clone(),
            kind: n.kind,
            label: n.label.clone(),
        }
    }

    /// Whether the document `doc` had been published by `day`: always without a
    /// day; a document with no date counts as known, as in [`Graph::as_of`].
    pub fn known_by(&self, doc: &str, day: Option<NaiveDate>) -> bool {
        let Some(day) = day else { return true };
        self.document_day(doc).is_none_or(|d| d <= day)
    }

    /// Whether a document published by `day` states the edge (always without a
    /// day, or for an edge with no evidence).
    pub fn reported_by(&self, edge: &crate::graph::Edge, day: Option<NaiveDate>) -> bool {
        day.is_none()
            || edge.evidence.is_empty()
            || edge.evidence.iter().any(|ev| self.known_by(&ev.doc, day))
    }

    /// The day the document `doc` is dated, if it is.
    pub fn document_day(&self, doc: &str) -> Option<NaiveDate> {
        self.documents
            .get(doc)
            .and_then(|d| d.date.as_deref())
            .and_then(crate::dates::anchor)
    }

    /// Sorts evidence by the day of its document, undated last (stable).
    pub fn sort_by_day(&self, evidence: &mut [crate::graph::Evidence]) {
        evidence.sort_by_cached_key(|ev| {
            let d = self.document_day(&ev.doc);
            (d.is_none(), d)
        });
    }

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
