//! The knowledge graph: a petgraph `StableDiGraph` of nodes and edges with an id
//! index; merging nodes, edges and evidence; reading and writing the canonical
//! node-link JSON (`shared/spec/formats.md`).

use crate::error::{Error, Result};
use crate::ontology::{EntityKind, Relation};
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::Path;

/// The version of the graph file format this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// Where a mention sits: document and byte range.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MentionRef {
    /// Document name.
    pub doc: String,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// The sentence an edge was read from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Document name.
    pub doc: String,
    /// Byte offset of the sentence in the document text.
    pub start: usize,
    /// End of the sentence (exclusive).
    pub end: usize,
    /// The sentence text.
    pub sentence: String,
}

/// One thing in the graph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// Stable id, `kind:slug`.
    pub id: String,
    /// What it is.
    pub kind: EntityKind,
    /// Display name.
    pub label: String,
    /// Other surface forms, sorted.
    #[serde(default)]
    pub aliases: BTreeSet<String>,
    /// Documents it appears in, sorted.
    #[serde(default)]
    pub docs: BTreeSet<String>,
    /// Where it is mentioned.
    #[serde(default)]
    pub mentions: BTreeSet<MentionRef>,
    /// For meeting instances: the date the text gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// For meetings: a recurring series.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub series: bool,
    /// Year launched or established.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

impl Node {
    /// A node with no aliases, documents or mentions yet.
    pub fn new(id: impl Into<String>, kind: EntityKind, label: impl Into<String>) -> Node {
        Node {
            id: id.into(),
            kind,
            label: label.into(),
            aliases: BTreeSet::new(),
            docs: BTreeSet::new(),
            mentions: BTreeSet::new(),
            date: None,
            series: false,
            year: None,
        }
    }

    /// Adds what `other` knows about the same thing.
    pub fn absorb(&mut self, other: Node) {
        self.aliases.extend(other.aliases);
        if other.label != self.label {
            self.aliases.insert(other.label);
        }
        self.aliases.remove(&self.label);
        self.docs.extend(other.docs);
        self.mentions.extend(other.mentions);
        if self.date.is_none() {
            self.date = other.date;
        }
        self.series |= other.series;
        if self.year.is_none() {
            self.year = other.year;
        }
    }
}

/// Qualifiers an edge may carry.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qualifiers {
    /// The office was held before (former, ex-, ousted, predecessor).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub former: bool,
    /// Held in an acting capacity.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub acting: bool,
    /// A date the text gives for the fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// A year the text gives ("launched in 2011").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

/// A relation between two nodes, with the sentences that state it.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// The relation.
    pub relation: Relation,
    /// Qualifiers.
    pub qualifiers: Qualifiers,
    /// Evidence, sorted, no repeats.
    pub evidence: BTreeSet<Evidence>,
}

/// The knowledge graph.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    /// The petgraph graph.
    pub inner: StableDiGraph<Node, Edge>,
    index: HashMap<String, NodeIndex>,
    edges: HashMap<(NodeIndex, Relation, NodeIndex), EdgeIndex>,
    /// Names of the documents the graph was built from, with their metadata.
    pub documents: BTreeMap<String, DocumentInfo>,
}

/// What the graph records about a source document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentInfo {
    /// `title:` from front matter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `date:` from front matter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Source URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Graph {
        Graph::default()
    }

    /// Adds a node, or merges it into the node with the same id.
    pub fn add_node(&mut self, node: Node) -> NodeIndex {
        match self.index.get(&node.id) {
            Some(&ix) => {
                self.inner[ix].absorb(node);
                ix
            }
            None => {
                let id = node.id.clone();
                let ix = self.inner.add_node(node);
                self.index.insert(id, ix);
                ix
            }
        }
    }

    /// Adds an edge, or merges its evidence and qualifiers into the existing edge of
    /// the same relation between the same nodes.
    pub fn add_edge(
        &mut self,
        source: NodeIndex,
        target: NodeIndex,
        relation: Relation,
        qualifiers: Qualifiers,
        evidence: impl IntoIterator<Item = Evidence>,
    ) -> EdgeIndex {
        let key = (source, relation, target);
        match self.edges.get(&key) {
            Some(&ix) => {
                let e = &mut self.inner[ix];
                e.evidence.extend(evidence);
                let q = &mut e.qualifiers;
                q.former |= qualifiers.former;
                q.acting |= qualifiers.acting;
                if q.date.is_none() {
                    q.date = qualifiers.date;
                }
                if q.year.is_none() {
                    q.year = qualifiers.year;
                }
                ix
            }
            None => {
                let edge = Edge {
                    relation,
                    qualifiers,
                    evidence: evidence.into_iter().collect(),
                };
                let ix = self.inner.add_edge(source, target, edge);
                self.edges.insert(key, ix);
                ix
            }
        }
    }

    /// The node with id `id`.
    pub fn node_index(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    /// The node at `ix`.
    pub fn node(&self, ix: NodeIndex) -> &Node {
        &self.inner[ix]
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.inner.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.inner.edge_count()
    }

    /// Nodes sorted by id.
    pub fn nodes_sorted(&self) -> Vec<NodeIndex> {
        let mut v: Vec<NodeIndex> = self.inner.node_indices().collect();
        v.sort_by(|a, b| self.inner[*a].id.cmp(&self.inner[*b].id));
        v
    }

    /// Edges sorted by (source id, relation, target id).
    pub fn edges_sorted(&self) -> Vec<EdgeIndex> {
        let mut v: Vec<(String, Relation, String, EdgeIndex)> = (&self.inner)
            .edge_references()
            .map(|e| {
                (
                    self.inner[e.source()].id.clone(),
                    e.weight().relation,
                    self.inner[e.target()].id.clone(),
                    e.id(),
                )
            })
            .collect();
        v.sort();
        v.into_iter().map(|t| t.3).collect()
    }

    /// Node counts per kind.
    pub fn count_kinds(&self) -> BTreeMap<EntityKind, usize> {
        let mut m = BTreeMap::new();
        for n in self.inner.node_weights() {
            *m.entry(n.kind).or_insert(0) += 1;
        }
        m
    }

    /// Edge counts per relation.
    pub fn count_relations(&self) -> BTreeMap<Relation, usize> {
        let mut m = BTreeMap::new();
        for e in self.inner.edge_weights() {
            *m.entry(e.relation).or_insert(0) += 1;
        }
        m
    }

    /// Adds every node and edge of `other`.
    pub fn merge(&mut self, other: &Graph) {
        for ix in other.nodes_sorted() {
            self.add_node(other.inner[ix].clone());
        }
        for eix in other.edges_sorted() {
            let (s, t) = other.inner.edge_endpoints(eix).expect("edge of graph");
            let (s, t) = (
                self.index[&other.inner[s].id],
                self.index[&other.inner[t].id],
            );
            let e = &other.inner[eix];
            self.add_edge(s, t, e.relation, e.qualifiers.clone(), e.evidence.clone());
        }
        for (k, v) in &other.documents {
            self.documents.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }

    /// The wire form of the graph.
    pub fn to_wire(&self) -> WireGraph {
        let nodes = self
            .nodes_sorted()
            .into_iter()
            .map(|ix| self.inner[ix].clone())
            .collect();
        let edges = self
            .edges_sorted()
            .into_iter()
            .map(|eix| {
                let (s, t) = self.inner.edge_endpoints(eix).expect("edge of graph");
                let e = &self.inner[eix];
                let (s, t) = (&self.inner[s].id, &self.inner[t].id);
                WireEdge {
                    id: format!("{s}|{}|{t}", e.relation),
                    key: e.relation.to_string(),
                    source: s.clone(),
                    target: t.clone(),
                    relation: e.relation,
                    former: e.qualifiers.former,
                    acting: e.qualifiers.acting,
                    date: e.qualifiers.date.clone(),
                    year: e.qualifiers.year,
                    evidence: e.evidence.iter().cloned().collect(),
                }
            })
            .collect();
        WireGraph {
            directed: true,
            multigraph: true,
            graph: WireMeta {
                name: "newsgraph".into(),
                version: FORMAT_VERSION,
                documents: self.documents.clone(),
            },
            nodes,
            edges,
        }
    }

    /// Rebuilds a graph from its wire form; `path` names the file in errors.
    pub fn from_wire(w: WireGraph, path: &Path) -> Result<Graph> {
        let bad = |reason: String| Error::GraphFile {
            path: path.to_path_buf(),
            reason,
        };
        if w.graph.version > FORMAT_VERSION {
            return Err(bad(format!(
                "written by a newer newsgraph (format version {}, this one reads up to {FORMAT_VERSION})",
                w.graph.version
            )));
        }
        let mut g = Graph::new();
        g.documents = w.graph.documents;
        for n in w.nodes {
            if g.index.contains_key(&n.id) {
                return Err(bad(format!("node `{}` appears twice", n.id)));
            }
            g.add_node(n);
        }
        for e in w.edges {
            let s = g.node_index(&e.source).ok_or_else(|| {
                bad(format!(
                    "edge `{}` starts at unknown node `{}`",
                    e.id, e.source
                ))
            })?;
            let t = g.node_index(&e.target).ok_or_else(|| {
                bad(format!(
                    "edge `{}` ends at unknown node `{}`",
                    e.id, e.target
                ))
            })?;
            let q = Qualifiers {
                former: e.former,
                acting: e.acting,
                date: e.date,
                year: e.year,
            };
            g.add_edge(s, t, e.relation, q, e.evidence);
        }
        Ok(g)
    }

    /// Writes the canonical node-link JSON.
    pub fn write_json<W: Write>(&self, mut out: W) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut out, &self.to_wire())?;
        out.write_all(b"\n")
    }

    /// Reads node-link JSON written by [`Graph::write_json`].
    pub fn read_json(bytes: &[u8], path: &Path) -> Result<Graph> {
        let w: WireGraph = serde_json::from_slice(bytes).map_err(|e| Error::GraphFile {
            path: path.to_path_buf(),
            reason: format!("not a newsgraph graph file: {e}"),
        })?;
        Graph::from_wire(w, path)
    }
}

/// The graph file: NetworkX node-link JSON with key `edges`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireGraph {
    /// Always true.
    pub directed: bool,
    /// Always true: parallel edges of different relations.
    pub multigraph: bool,
    /// Graph attributes.
    pub graph: WireMeta,
    /// Nodes sorted by id.
    pub nodes: Vec<Node>,
    /// Edges sorted by source, relation, target.
    pub edges: Vec<WireEdge>,
}

/// Graph-level attributes.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireMeta {
    /// "newsgraph".
    pub name: String,
    /// File format version.
    pub version: u32,
    /// Source documents and their metadata.
    pub documents: BTreeMap<String, DocumentInfo>,
}

/// An edge in the graph file.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireEdge {
    /// Stable id: `source|relation|target`.
    pub id: String,
    /// Multigraph key: the relation.
    pub key: String,
    /// Source node id.
    pub source: String,
    /// Target node id.
    pub target: String,
    /// The relation.
    pub relation: Relation,
    /// The office was held before.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub former: bool,
    /// Held in an acting capacity.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub acting: bool,
    /// A date the text gives for the fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// A year the text gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Sentences stating it.
    pub evidence: Vec<Evidence>,
}
