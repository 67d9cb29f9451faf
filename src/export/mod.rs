//! Writing the graph for other tools: Graphviz (DOT), GraphML readers (Gephi, yEd,
//! Cytoscape, NetworkX, igraph), node-link JSON for NetworkX/D3 (evidence inline),
//! Cytoscape.js and graphology/Sigma.js (`shared/spec/formats.md` says what each one needs), and
//! RDF (Turtle, N-Triples) for SPARQL stores.
//!
//! Every exporter borrows the graph and streams to an [`io::Write`]; the output is
//! byte-identical for the same graph (nodes and edges are visited in sorted order).

mod dot;
mod graphml;
pub mod html;
pub mod json;
mod layout;
pub mod rdf;

/// Text for XML or HTML: `& < > "` escaped, characters XML forbids dropped.
pub(crate) use graphml::escape as escape_markup;

use crate::graph::Graph;
use crate::ontology::EntityKind;
use std::fmt;
use std::io;
use std::path::Path;
use std::str::FromStr;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// NetworkX node-link JSON with key `edges` (also D3), each edge with its
    /// evidence sentences inline ([`json::write_node_link`]). `build -o x.json`
    /// writes the graph file instead ([`write_output`]).
    Json,
    /// Graphviz DOT.
    Dot,
    /// GraphML (Gephi, yEd, Cytoscape desktop, NetworkX, igraph).
    Graphml,
    /// Cytoscape.js elements JSON.
    Cytoscape,
    /// graphology serialized graph, with x/y for Sigma.js.
    Graphology,
    /// A self-contained interactive HTML page ([`html`]).
    Html,
    /// RDF in Turtle ([`rdf`]).
    Turtle,
    /// RDF in N-Triples ([`rdf`]).
    Ntriples,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: [Format; 8] = [
        Format::Json,
        Format::Dot,
        Format::Graphml,
        Format::Cytoscape,
        Format::Graphology,
        Format::Html,
        Format::Turtle,
        Format::Ntriples,
    ];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Dot => "dot",
            Format::Graphml => "graphml",
            Format::Cytoscape => "cytoscape",
            Format::Graphology => "graphology",
            Format::Html => "html",
            Format::Turtle => "turtle",
            Format::Ntriples => "ntriples",
        }
    }

    /// The file name ending this format is written with (`graphs/example.*`).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => ".json",
            Format::Dot => ".dot",
            Format::Graphml => ".graphml",
            Format::Cytoscape => ".cytoscape.json",
            Format::Graphology => ".graphology.json",
            Format::Html => ".html",
            Format::Turtle => ".ttl",
            Format::Ntriples => ".nt",
        }
    }

    /// The file name endings [`Format::from_path`] recognises, for messages.
    pub const EXTENSIONS: &'static str =
        ".json, .dot, .gv, .graphml, .cyjs, .cytoscape.json, .graphology.json, .html, .ttl, .nt";

    /// The format a file name asks for: `.dot`/`.gv`, `.graphml`, `.cyjs` or
    /// `*.cytoscape.json`, `*.graphology.json`, `.json`, `.ttl`, `.nt` (case-insensitive).
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let ext = Path::new(&name).extension()?.to_str()?;
        Some(match ext {
            "dot" | "gv" => Format::Dot,
            "graphml" => Format::Graphml,
            "html" | "htm" => Format::Html,
            "ttl" => Format::Turtle,
            "nt" => Format::Ntriples,
            "cyjs" => Format::Cytoscape,
            "json" if name.ends_with(".cytoscape.json") => Format::Cytoscape,
            "json" if name.ends_with(".graphology.json") => Format::Graphology,
            "json" => Format::Json,
            _ => return None,
        })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
                format!("unknown format `{s}` (expected {})", names.join(", "))
            })
    }
}

/// How the DOT output groups nodes into clusters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClusterBy {
    /// One cluster per node kind.
    Kind,
    /// One cluster per document: a node goes to the first document it appears in.
    Doc,
}

impl ClusterBy {
    /// Every grouping.
    pub const ALL: [ClusterBy; 2] = [ClusterBy::Kind, ClusterBy::Doc];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ClusterBy::Kind => "kind",
            ClusterBy::Doc => "doc",
        }
    }
}

impl fmt::Display for ClusterBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ClusterBy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        ClusterBy::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| format!("unknown grouping `{s}` (expected kind or doc)"))
    }
}

/// Options of the exporters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// DOT only: group nodes into clusters.
    pub cluster_by: Option<ClusterBy>,
    /// Turtle and N-Triples only: the IRI nodes, documents and statements are named
    /// under (default [`rdf::DEFAULT_BASE_IRI`]).
    pub base_iri: Option<String>,
}

/// Writes `graph` in `format` to `out`.
pub fn write(
    graph: &Graph,
    format: Format,
    opts: &Options,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        Format::Json => json::write_node_link(graph, out),
        Format::Dot => dot::write(graph, opts, out),
        Format::Graphml => graphml::write(graph, out),
        Format::Cytoscape => json::write_cytoscape(graph, out),
        Format::Graphology => json::write_graphology(graph, out),
        Format::Html => html::write_html(graph, "newsgraph", None, out),
        Format::Turtle | Format::Ntriples => {
            let syntax = if format == Format::Turtle {
                rdf::Syntax::Turtle
            } else {
                rdf::Syntax::NTriples
            };
            let base = opts.base_iri.as_deref().unwrap_or(rdf::DEFAULT_BASE_IRI);
            rdf::write(graph, syntax, base, out)
        }
    }
}

/// Writes what `build -o` writes in `format`: the graph file ([`Graph::write_json`],
/// which `--graph` reads) for [`Format::Json`], the export otherwise.
pub fn write_output(graph: &Graph, format: Format, out: &mut dyn io::Write) -> io::Result<()> {
    match format {
        Format::Json => graph.write_json(out),
        _ => write(graph, format, &Options::default(), out),
    }
}

/// The colours of a kind: (outline, fill), as `#rrggbb`; every drawing uses them.
pub fn kind_colors(kind: EntityKind) -> (&'static str, &'static str) {
    match kind {
        EntityKind::Person => ("#2f5d8a", "#c6dbef"),
        EntityKind::Office => ("#b3590b", "#fdd0a2"),
        EntityKind::Organization => ("#2e7d32", "#c7e9c0"),
        EntityKind::Country => ("#b71c1c", "#fcbba1"),
        EntityKind::Place => ("#00695c", "#b2dfdb"),
        EntityKind::Meeting => ("#8d6e00", "#ffeda0"),
        EntityKind::Agreement => ("#6a1b9a", "#dadaeb"),
        EntityKind::Topic => ("#5d4037", "#e0d5cc"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_and_print() {
        for f in Format::ALL {
            assert_eq!(f.as_str().parse::<Format>().unwrap(), f);
            assert_eq!(f.to_string(), f.as_str());
            let file = format!("example{}", f.extension());
            assert_eq!(Format::from_path(Path::new(&file)), Some(f), "{file}");
        }
        assert!("svg".parse::<Format>().unwrap_err().contains("graphml"));
        assert_eq!("doc".parse::<ClusterBy>().unwrap(), ClusterBy::Doc);
        assert!("docs".parse::<ClusterBy>().is_err());
    }

    #[test]
    fn formats_from_file_names() {
        let table = [
            ("g.dot", Some(Format::Dot)),
            ("out/g.gv", Some(Format::Dot)),
            ("G.GRAPHML", Some(Format::Graphml)),
            ("g.cyjs", Some(Format::Cytoscape)),
            ("g.cytoscape.json", Some(Format::Cytoscape)),
            ("g.graphology.json", Some(Format::Graphology)),
            ("g.json", Some(Format::Json)),
            ("graphology.json", Some(Format::Json)),
            ("g.TTL", Some(Format::Turtle)),
            ("g.nt", Some(Format::Ntriples)),
            ("g.svg", None),
            ("graph", None),
            ("-", None),
        ];
        for (name, want) in table {
            assert_eq!(Format::from_path(Path::new(name)), want, "{name}");
        }
    }
}
