//! The JSON exports: node-link JSON for NetworkX and D3 ([`write_node_link`]: every
//! edge with its evidence sentences inline, no internal fields), Cytoscape.js
//! `elements`, and graphology's serialized graph (directed multigraph, with `x`/`y`
//! from a deterministic layout so Sigma.js draws it at once). The graph file
//! (`build -o x.json`, [`Graph::write_json`]) is node-link JSON too, but compact:
//! evidence cites numbered sentences, nodes carry the build's bookkeeping. The wire
//! types here are their own structs, borrowed from the graph.

use super::{kind_colors, layout};
use crate::graph::{DocumentInfo, Evidence, FORMAT_VERSION, Graph};
use crate::ontology::{EntityKind, Relation};
use crate::provenance::Rules;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

/// Cytoscape.js: `{"elements": {"nodes": [...], "edges": [...]}}`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CyGraph<'a> {
    /// Graph-level data (Cytoscape.js keeps it as `cy.data()`).
    #[serde(borrow)]
    pub data: GraphData<'a>,
    /// The elements.
    #[serde(borrow)]
    pub elements: CyElements<'a>,
}

/// Nodes, then edges.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CyElements<'a> {
    /// Nodes sorted by id.
    #[serde(borrow)]
    pub nodes: Vec<CyElement<NodeData<'a>>>,
    /// Edges sorted by source, relation, target.
    #[serde(borrow)]
    pub edges: Vec<CyElement<EdgeData<'a>>>,
}

/// One element: its data.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CyElement<T> {
    /// What Cytoscape.js calls `ele.data()`.
    pub data: T,
}

/// Graph attributes, as in the node-link file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GraphData<'a> {
    /// "newsgraph".
    pub name: Cow<'a, str>,
    /// File format version.
    pub version: u32,
    /// Source documents.
    pub documents: Cow<'a, BTreeMap<String, DocumentInfo>>,
}

/// A node's data (Cytoscape.js) or attributes (graphology).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeData<'a> {
    /// Node id (Cytoscape.js only; graphology has it as the key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Cow<'a, str>>,
    /// Display name.
    pub label: Cow<'a, str>,
    /// Kind.
    pub kind: EntityKind,
    /// Other names.
    pub aliases: Cow<'a, BTreeSet<String>>,
    /// Documents it appears in.
    pub docs: Cow<'a, crate::sorted::SortedVec<std::sync::Arc<str>>>,
    /// Meeting date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Cow<'a, str>>,
    /// Recurring meeting series.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub series: bool,
    /// Year launched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Fill colour of the kind.
    pub color: Cow<'a, str>,
    /// Layout position (graphology only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<f64>,
    /// Layout position (graphology only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<f64>,
    /// Drawing size, by degree (graphology only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<f64>,
}

/// An edge's data (Cytoscape.js) or attributes (graphology).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EdgeData<'a> {
    /// Edge id `source|relation|target` (Cytoscape.js only). Node ids never contain
    /// `|`, so edge and node ids never meet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Cow<'a, str>>,
    /// Source node id (Cytoscape.js only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Cow<'a, str>>,
    /// Target node id (Cytoscape.js only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Cow<'a, str>>,
    /// The relation, as the label to draw.
    pub label: Relation,
    /// The relation.
    pub relation: Relation,
    /// Held before.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub former: bool,
    /// Acting.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub acting: bool,
    /// Date of the fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Cow<'a, str>>,
    /// Year of the fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The ids of the rules that read it, sorted.
    #[serde(default)]
    pub rules: Rules,
    /// Sentences stating it, each with the rules that read it there.
    pub evidence: Vec<Cow<'a, Evidence>>,
}

/// Node-link JSON, as NetworkX's `node_link_graph` reads it (the key `edges`: the
/// default from NetworkX 3.6; 3.4 and 3.5 need `edges="edges"`) and D3's
/// `forceLink(edges).id(d => d.id)` takes it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkGraph<'a> {
    /// Always true.
    pub directed: bool,
    /// Always true: parallel edges of different relations.
    pub multigraph: bool,
    /// Graph attributes.
    #[serde(borrow)]
    pub graph: GraphData<'a>,
    /// Nodes sorted by id.
    #[serde(borrow)]
    pub nodes: Vec<LinkNode<'a>>,
    /// Edges sorted by source, relation, target.
    #[serde(borrow)]
    pub edges: Vec<LinkEdge<'a>>,
}

/// A node of the node-link export: what [`NodeData`] holds, with its id and
/// corrections; not the build's bookkeeping (identity key, label votes, mentions).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkNode<'a> {
    /// Node id, `kind:slug` (NetworkX's node).
    pub id: Cow<'a, str>,
    /// Kind.
    pub kind: EntityKind,
    /// Display name.
    pub label: Cow<'a, str>,
    /// Other names.
    pub aliases: Cow<'a, BTreeSet<String>>,
    /// Documents it appears in.
    pub docs: Cow<'a, crate::sorted::SortedVec<std::sync::Arc<str>>>,
    /// Meeting date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Cow<'a, str>>,
    /// Recurring meeting series.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub series: bool,
    /// Year launched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The corrections (`build --corrections`) that changed it.
    #[serde(default, skip_serializing_if = "<[String]>::is_empty")]
    pub corrected: Cow<'a, [String]>,
    /// Fill colour of the kind.
    pub color: Cow<'a, str>,
}

/// An edge of the node-link export: its qualifiers, rules and evidence sentences
/// (document, offsets, text, the rules that read it there).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkEdge<'a> {
    /// Edge id `source|relation|target`.
    pub id: Cow<'a, str>,
    /// The relation, as NetworkX's key of the edge between its two ends.
    pub key: Relation,
    /// Source node id.
    pub source: Cow<'a, str>,
    /// Target node id.
    pub target: Cow<'a, str>,
    /// The relation.
    pub relation: Relation,
    /// Held before.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub former: bool,
    /// The date of the first dated document that calls it former.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub former_since: Option<Cow<'a, str>>,
    /// Acting.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub acting: bool,
    /// Date of the fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Cow<'a, str>>,
    /// Year of the fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The ids of the rules that read it, sorted.
    pub rules: Rules,
    /// Sentences stating it, each with the rules that read it there.
    pub evidence: Vec<Cow<'a, Evidence>>,
    /// The corrections (`build --corrections`) that changed it.
    #[serde(default, skip_serializing_if = "<[String]>::is_empty")]
    pub corrected: Cow<'a, [String]>,
}

/// graphology's serialized graph.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlGraph<'a> {
    /// Graph attributes.
    #[serde(borrow)]
    pub attributes: GraphData<'a>,
    /// Graph type.
    pub options: GlOptions,
    /// Nodes sorted by id.
    #[serde(borrow)]
    pub nodes: Vec<GlNode<'a>>,
    /// Edges sorted by source, relation, target.
    #[serde(borrow)]
    pub edges: Vec<GlEdge<'a>>,
}

/// graphology graph options.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct GlOptions {
    /// "directed".
    #[serde(rename = "type")]
    pub kind: Cow<'static, str>,
    /// Parallel edges of different relations.
    pub multi: bool,
    /// A node may relate to itself.
    pub allow_self_loops: bool,
}

/// A graphology node.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlNode<'a> {
    /// Node id.
    pub key: Cow<'a, str>,
    /// Its attributes.
    #[serde(borrow)]
    pub attributes: NodeData<'a>,
}

/// A graphology edge.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlEdge<'a> {
    /// Edge id `source|relation|target`.
    pub key: Cow<'a, str>,
    /// Source node id.
    pub source: Cow<'a, str>,
    /// Target node id.
    pub target: Cow<'a, str>,
    /// Its attributes.
    #[serde(borrow)]
    pub attributes: EdgeData<'a>,
}

fn graph_data(g: &Graph) -> GraphData<'_> {
    GraphData {
        name: Cow::Borrowed("newsgraph"),
        version: FORMAT_VERSION,
        documents: Cow::Borrowed(&g.documents),
    }
}

fn node_data(n: &crate::graph::Node) -> NodeData<'_> {
    NodeData {
        id: None,
        label: Cow::Borrowed(&n.label),
        kind: n.kind,
        aliases: Cow::Borrowed(&n.aliases),
        docs: Cow::Borrowed(&n.docs),
        date: n.date.as_deref().map(Cow::Borrowed),
        series: n.series,
        year: n.year,
        color: Cow::Borrowed(kind_colors(n.kind).0),
        x: None,
        y: None,
        size: None,
    }
}

fn edge_data(e: &crate::graph::Edge) -> EdgeData<'_> {
    EdgeData {
        id: None,
        source: None,
        target: None,
        label: e.relation,
        relation: e.relation,
        former: e.qualifiers.former,
        acting: e.qualifiers.acting,
        date: e.qualifiers.date.as_deref().map(Cow::Borrowed),
        year: e.qualifiers.year,
        rules: e.rules(),
        evidence: e.evidence.iter().map(Cow::Borrowed).collect(),
    }
}

/// The edges in sorted order with their end ids and wire id.
fn edges(g: &Graph) -> impl Iterator<Item = (&str, &str, String, &crate::graph::Edge)> {
    g.edges_sorted().into_iter().filter_map(move |eix| {
        let (s, t) = g.inner.edge_endpoints(eix)?;
        let (s, t) = (g.node(s).id.as_str(), g.node(t).id.as_str());
        let e = &g.inner[eix];
        Some((s, t, format!("{s}|{}|{t}", e.relation), e))
    })
}

/// Writes Cytoscape.js elements JSON.
pub fn write_cytoscape(g: &Graph, out: &mut dyn Write) -> io::Result<()> {
    let nodes = g
        .nodes_sorted()
        .into_iter()
        .map(|ix| {
            let n = g.node(ix);
            let mut data = node_data(n);
            data.id = Some(Cow::Borrowed(&n.id));
            CyElement { data }
        })
        .collect();
    let edges = edges(g)
        .map(|(s, t, id, e)| {
            let mut data = edge_data(e);
            data.id = Some(Cow::Owned(id));
            data.source = Some(Cow::Borrowed(s));
            data.target = Some(Cow::Borrowed(t));
            CyElement { data }
        })
        .collect();
    let doc = CyGraph {
        data: graph_data(g),
        elements: CyElements { nodes, edges },
    };
    finish(out, &doc)
}

/// Writes graphology's serialized graph, with a layout.
pub fn write_graphology(g: &Graph, out: &mut dyn Write) -> io::Result<()> {
    let positions = layout::layout(g);
    let nodes = g
        .nodes_sorted()
        .into_iter()
        .map(|ix| {
            let n = g.node(ix);
            let mut attributes = node_data(n);
            let p = positions.get(&ix).copied().unwrap_or_default();
            attributes.x = Some(p.x);
            attributes.y = Some(p.y);
            attributes.size = Some(p.size);
            GlNode {
                key: Cow::Borrowed(&n.id),
                attributes,
            }
        })
        .collect();
    let edges = edges(g)
        .map(|(s, t, id, e)| GlEdge {
            key: Cow::Owned(id),
            source: Cow::Borrowed(s),
            target: Cow::Borrowed(t),
            attributes: edge_data(e),
        })
        .collect();
    let doc = GlGraph {
        attributes: graph_data(g),
        options: GlOptions {
            kind: Cow::Borrowed("directed"),
            multi: true,
            allow_self_loops: true,
        },
        nodes,
        edges,
    };
    finish(out, &doc)
}

/// Writes node-link JSON ([`LinkGraph`]) one node or edge per line, streamed.
pub fn write_node_link(g: &Graph, out: &mut dyn Write) -> io::Result<()> {
    let mut w = io::BufWriter::new(out);
    w.write_all(b"{\"directed\":true,\"multigraph\":true,\n\"graph\":")?;
    serde_json::to_writer(&mut w, &graph_data(g))?;
    w.write_all(b",\n\"nodes\":[")?;
    for (i, ix) in g.nodes_sorted().into_iter().enumerate() {
        let n = g.node(ix);
        let node = LinkNode {
            id: Cow::Borrowed(&n.id),
            kind: n.kind,
            label: Cow::Borrowed(&n.label),
            aliases: Cow::Borrowed(&n.aliases),
            docs: Cow::Borrowed(&n.docs),
            date: n.date.as_deref().map(Cow::Borrowed),
            series: n.series,
            year: n.year,
            corrected: Cow::Borrowed(&n.corrected),
            color: Cow::Borrowed(kind_colors(n.kind).0),
        };
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut w, &node)?;
    }
    w.write_all(b"\n],\n\"edges\":[")?;
    for (i, (s, t, id, e)) in edges(g).enumerate() {
        let q = &e.qualifiers;
        let edge = LinkEdge {
            id: Cow::Owned(id),
            key: e.relation,
            source: Cow::Borrowed(s),
            target: Cow::Borrowed(t),
            relation: e.relation,
            former: q.former,
            former_since: q.former_since.as_deref().map(Cow::Borrowed),
            acting: q.acting,
            date: q.date.as_deref().map(Cow::Borrowed),
            year: q.year,
            rules: e.rules(),
            evidence: e.evidence.iter().map(Cow::Borrowed).collect(),
            corrected: Cow::Borrowed(&e.corrected),
        };
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut w, &edge)?;
    }
    w.write_all(b"\n]}\n")?;
    w.flush()
}

fn finish<T: Serialize>(out: &mut dyn Write, doc: &T) -> io::Result<()> {
    let mut w = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut w, doc)?;
    w.write_all(b"\n")?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Node;
    use crate::ontology::Qualifiers;

    fn small() -> Graph {
        let mut g = Graph::new();
        let a = g.add_node(Node::new("person:a", EntityKind::Person, "A \"q\""));
        let b = g.add_node(Node::new("meeting:b", EntityKind::Meeting, "B"));
        g.add_edge(a, b, Relation::Led, Qualifiers::default(), []);
        g.add_edge(a, b, Relation::Attended, Qualifiers::default(), []);
        g
    }

    #[test]
    fn cytoscape_ids_are_apart_and_parse_back() {
        let mut out = Vec::new();
        write_cytoscape(&small(), &mut out).unwrap();
        let doc: CyGraph = serde_json::from_slice(&out).unwrap();
        let nodes: BTreeSet<_> = doc
            .elements
            .nodes
            .iter()
            .map(|n| n.data.id.clone())
            .collect();
        assert_eq!(nodes.len(), 2);
        assert_eq!(doc.elements.edges.len(), 2);
        for e in &doc.elements.edges {
            assert!(!nodes.contains(&e.data.id));
            assert!(nodes.contains(&e.data.source));
            assert!(nodes.contains(&e.data.target));
        }
    }

    #[test]
    fn node_link_spells_out_evidence_and_parses_back() {
        let mut g = small();
        let a = g.node_index("person:a").unwrap();
        let b = g.node_index("meeting:b").unwrap();
        let ev = Evidence {
            doc: "d.txt".into(),
            start: 4,
            end: 9,
            sentence: "A \"led\" B.".into(),
            rules: Rules::named(["lead.x"]),
        };
        g.add_edge(a, b, Relation::Led, Qualifiers::default(), [ev.clone()]);
        let mut out = Vec::new();
        write_node_link(&g, &mut out).unwrap();
        let doc: LinkGraph = serde_json::from_slice(&out).unwrap();
        assert!(doc.directed && doc.multigraph);
        assert_eq!(doc.nodes.len(), 2);
        assert_eq!(doc.nodes[1].label, "A \"q\"");
        let led: Vec<_> = doc
            .edges
            .iter()
            .filter(|e| e.key == Relation::Led)
            .collect();
        assert_eq!(led[0].id, "person:a|led|meeting:b");
        assert_eq!(led[0].evidence, [Cow::Borrowed(&ev)]);
        assert_eq!(led[0].rules, Rules::named(["lead.x"]));
        // One node or edge per line, between the head, graph and list lines.
        assert_eq!(
            out.iter().filter(|&&b| b == b'\n').count(),
            2 + (1 + 2) + (2 + 2) + 1
        );
    }

    #[test]
    fn graphology_has_options_and_positions() {
        let mut out = Vec::new();
        write_graphology(&small(), &mut out).unwrap();
        let doc: GlGraph = serde_json::from_slice(&out).unwrap();
        assert_eq!(doc.options.kind, "directed");
        assert!(doc.options.multi);
        assert_eq!(doc.edges.len(), 2);
        for n in &doc.nodes {
            assert!(n.attributes.x.is_some_and(f64::is_finite));
            assert!(n.attributes.y.is_some_and(f64::is_finite));
        }
        let mut again = Vec::new();
        write_graphology(&small(), &mut again).unwrap();
        assert_eq!(out, again);
    }
}
