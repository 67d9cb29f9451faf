//! The interactive HTML view: one self-contained page (cytoscape.js and the graph
//! embedded, nothing fetched) with a legend, a search box, filters by kind and
//! relation, a details panel with evidence, and an optional highlighted path.

use crate::graph::Graph;
use crate::ontology::{EntityKind, Relation};
use crate::provenance::Rules;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

const TEMPLATE: &str = include_str!("../../assets/view.html");
const CYTOSCAPE: &str = include_str!("../../assets/cytoscape/cytoscape.min.js");
/// The cytoscape.js release embedded in the page.
pub const CYTOSCAPE_VERSION: &str = "3.34.4";

/// Nodes and edges to draw highlighted (a path answer, say), by id.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Highlight {
    /// Node ids.
    pub nodes: BTreeSet<String>,
    /// Edge ids (`source|relation|target`).
    pub edges: BTreeSet<String>,
    /// A path's node ids in order: the page opens with each hop and its evidence in
    /// the side panel.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub path: Vec<String>,
}

#[derive(Serialize)]
struct PageNode<'a> {
    id: &'a str,
    kind: EntityKind,
    label: &'a str,
    aliases: Vec<&'a str>,
    docs: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
}

#[derive(Serialize)]
struct PageEvidence<'a> {
    doc: &'a str,
    sentence: &'a str,
    /// The rules that read the edge from this sentence.
    rules: Rules,
}

#[derive(Serialize)]
struct PageEdge<'a> {
    id: String,
    source: &'a str,
    target: &'a str,
    relation: Relation,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    former: bool,
    /// The rules that read it.
    rules: Rules,
    evidence: Vec<PageEvidence<'a>>,
}

#[derive(Serialize)]
struct PageData<'a> {
    kinds: Vec<EntityKind>,
    relations: Vec<Relation>,
    colors: BTreeMap<EntityKind, [&'static str; 2]>,
    nodes: Vec<PageNode<'a>>,
    edges: Vec<PageEdge<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    highlight: Option<&'a Highlight>,
}

/// JSON that can sit inside a `<script>` element: `<`, `>` and `&` are written as
/// `\u` escapes, so no `</script>` or `<!--` can appear.
fn script_json(value: &impl Serialize) -> io::Result<String> {
    let json = serde_json::to_string(value).map_err(io::Error::from)?;
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Writes the page for `graph`, titled `title`, with `highlight` drawn in red.
pub fn write_html(
    graph: &Graph,
    title: &str,
    highlight: Option<&Highlight>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let nodes = graph
        .nodes_sorted()
        .into_iter()
        .map(|ix| {
            let n = graph.node(ix);
            PageNode {
                id: &n.id,
                kind: n.kind,
                label: &n.label,
                aliases: n.aliases.iter().map(String::as_str).collect(),
                docs: n.docs.iter().map(|d| &**d).collect(),
                date: n.date.as_deref(),
            }
        })
        .collect();
    let edges = graph
        .edges_sorted()
        .into_iter()
        .map(|eix| {
            let (s, t) = graph.inner.edge_endpoints(eix).expect("edge of graph");
            let (s, t) = (&graph.node(s).id, &graph.node(t).id);
            let e = &graph.inner[eix];
            PageEdge {
                id: format!("{s}|{}|{t}", e.relation),
                source: s,
                target: t,
                relation: e.relation,
                former: e.qualifiers.former,
                rules: e.rules(),
                evidence: e
                    .evidence
                    .iter()
                    .map(|ev| PageEvidence {
                        doc: &ev.doc,
                        sentence: &ev.sentence,
                        rules: ev.rules,
                    })
                    .collect(),
            }
        })
        .collect();
    let data = PageData {
        kinds: EntityKind::ALL.to_vec(),
        relations: Relation::ALL.to_vec(),
        colors: EntityKind::ALL
            .iter()
            .map(|&k| {
                let (line, fill) = super::kind_colors(k);
                (k, [line, fill])
            })
            .collect(),
        nodes,
        edges,
        highlight,
    };
    let title = super::escape_markup(title);
    // Fill the placeholders in one pass, so text inserted earlier is never
    // searched for placeholders again.
    let mut rest = TEMPLATE;
    while let Some(at) = rest.find("{{") {
        out.write_all(&rest.as_bytes()[..at])?;
        let end = rest[at..]
            .find("}}")
            .map(|e| at + e + 2)
            .unwrap_or(rest.len());
        match &rest[at..end] {
            "{{TITLE}}" => out.write_all(title.as_bytes())?,
            "{{DATA}}" => out.write_all(script_json(&data)?.as_bytes())?,
            "{{CYTOSCAPE}}" => out.write_all(CYTOSCAPE.as_bytes())?,
            "{{CYTOSCAPE_VERSION}}" => out.write_all(CYTOSCAPE_VERSION.as_bytes())?,
            other => out.write_all(other.as_bytes())?,
        }
        rest = &rest[end..];
    }
    out.write_all(rest.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Evidence, Node};
    use crate::ontology::Qualifiers;

    fn page(g: &Graph, title: &str) -> String {
        let mut v = Vec::new();
        write_html(g, title, None, &mut v).unwrap();
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn hostile_text_cannot_close_the_script_or_inject_markup() {
        let mut g = Graph::new();
        let a = g.add_node(Node::new(
            "person:x",
            EntityKind::Person,
            "</script><script>alert(1)</script> & <!-- \"q\"",
        ));
        let b = g.add_node(Node::new("topic:y", EntityKind::Topic, "y"));
        g.add_edge(
            a,
            b,
            Relation::Discussed,
            Qualifiers::default(),
            [Evidence {
                doc: "d<1>.txt".into(),
                start: 0,
                end: 1,
                sentence: "He said </script> twice.".into(),
                rules: crate::provenance::Rules::one("test.</script>"),
            }],
        );
        let html = page(&g, "<b>title</b>");
        // Only the template's own script elements close.
        assert_eq!(html.matches("</script>").count(), 3, "{}", &html[..400]);
        assert!(!html.contains("<!-- \\\"q"));
        assert!(html.contains("<title>&lt;b&gt;title&lt;/b&gt;</title>"));
        assert!(html.contains("\\u003c/script\\u003e"));
    }

    #[test]
    fn page_is_self_contained_and_deterministic() {
        let mut g = Graph::new();
        g.add_node(Node::new("country:k", EntityKind::Country, "Korea"));
        let one = page(&g, "t");
        assert_eq!(one, page(&g, "t"));
        for p in [
            "{{TITLE}}",
            "{{DATA}}",
            "{{CYTOSCAPE}}",
            "{{CYTOSCAPE_VERSION}}",
        ] {
            assert!(!one.contains(p), "placeholder {p} was left");
        }
        assert!(!one.contains("src=\"http"), "the page fetches nothing");
        assert!(
            one.contains("Cytoscape Consortium"),
            "the licence travels with the library"
        );
    }
}
