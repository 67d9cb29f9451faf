//! `newsgraph path | show | neighbors | stats`: load a graph, ask it, print the
//! answer as text or JSON (and the helpers `timeline`, `history` and `find` share).

use newsgraph::export;
use newsgraph::export::html::{self as view, Highlight};
use newsgraph::graph::Graph;
use newsgraph::ontology::{EntityKind, Relation};
use newsgraph::query::PathOptions;
use newsgraph::{Error, Result};
use serde::Serialize;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// How an answer is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people: one hop or edge per line, evidence under it.
    Text,
    /// For programs: the answer's documented JSON shape.
    Json,
    /// For browsers: a self-contained page of the answer's subgraph (path highlighted).
    Html,
    /// The answer's subgraph for Graphviz.
    Dot,
    /// The answer's subgraph as GraphML.
    Graphml,
    /// The answer's subgraph as Cytoscape.js elements.
    Cytoscape,
    /// The answer's subgraph as graphology JSON.
    Graphology,
}

impl Format {
    /// The exporter that writes the answer's subgraph, for the graph formats.
    fn export(self) -> Option<export::Format> {
        match self {
            Format::Dot => Some(export::Format::Dot),
            Format::Graphml => Some(export::Format::Graphml),
            Format::Cytoscape => Some(export::Format::Cytoscape),
            Format::Graphology => Some(export::Format::Graphology),
            Format::Text | Format::Json | Format::Html => None,
        }
    }
}

/// Options shared by every query.
#[derive(clap::Args, Debug)]
pub struct Common {
    /// Graph file written by `newsgraph build` (default: the bundled example corpus).
    #[arg(long, value_name = "FILE")]
    pub graph: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Node id to use when a name is ambiguous (repeatable).
    #[arg(long, value_name = "ID")]
    pub pick: Vec<String>,
    /// Answer with the graph as it stood on this day (YYYY-MM-DD): only facts
    /// documents of that day or before report, qualifiers as known then (former
    /// only from the first report that says so); facts only undated documents
    /// report are left out (counted on standard error).
    #[arg(long, value_name = "DATE", value_parser = super::build::parse_date)]
    pub as_of: Option<chrono::NaiveDate>,
    /// Text: print every evidence sentence of an edge, each with the rules that
    /// read the edge from it (default: the first, and how many more).
    #[arg(long)]
    pub all_evidence: bool,
}

impl Common {
    /// The graph to ask: `--graph` or the example corpus, as of `--as-of`; and
    /// the whole graph (to explain a name not yet reported).
    fn graphs(&self, mentions: bool) -> Result<(&'static Graph, &'static Graph)> {
        let whole = load(self.graph.as_deref(), mentions)?;
        Ok((whole, at(whole, self.as_of)))
    }

    /// The name to ask the graph as of `--as-of` for `name`: itself, or the id
    /// of the node the whole graph takes it for when only names later articles
    /// give (aliases are pared down as of a day) would find it.
    fn name_in<'n>(&self, whole: &Graph, g: &Graph, name: &'n str) -> std::borrow::Cow<'n, str> {
        if self.as_of.is_none() || g.lookup(name).is_ok() {
            return name.into();
        }
        match whole.lookup_with(name, &self.pick) {
            Ok((ix, _)) if g.node_index(&whole.node(ix).id).is_some() => {
                whole.node(ix).id.clone().into()
            }
            _ => name.into(),
        }
    }

    /// `e`, or, for a name the whole graph knows but not as of `--as-of`, why.
    fn explain(&self, whole: &Graph, e: Error) -> Error {
        let (Error::UnknownName { name, .. }, Some(day)) = (&e, self.as_of) else {
            return e;
        };
        let Ok((ix, _)) = whole.lookup_with(name, &self.pick) else {
            return e;
        };
        let n = whole.node(ix);
        let first = (n.docs.iter())
            .filter_map(|d| whole.documents.get(&**d)?.date.as_deref())
            .filter_map(newsgraph::dates::anchor)
            .min();
        // "Austin: Lloyd Austin is …", or "Lloyd Austin is …".
        let who = if name.eq_ignore_ascii_case(&n.label) {
            n.label.clone()
        } else {
            format!("{name}: {}", n.label)
        };
        Error::Usage(match first {
            // Named by then, under another name.
            Some(first) if first <= day => return e,
            Some(first) => format!("{who} is first reported on {first}, after --as-of {day}"),
            None => format!("{who} is only in undated documents, left out under --as-of"),
        })
    }
}

/// `g`, or [`super::load::dated`] when a day is given.
fn at(g: &'static Graph, day: Option<chrono::NaiveDate>) -> &'static Graph {
    match day {
        Some(day) => Box::leak(Box::new(super::load::dated(g, day))),
        None => g,
    }
}

impl Common {
    /// The day `--as-of` names, if given.
    pub(super) fn day(&self) -> Result<Option<chrono::NaiveDate>> {
        Ok(self.as_of)
    }

    /// The graph to ask: `--graph` or the example corpus, as of `--as-of`.
    pub(super) fn graph(&self, mentions: bool) -> Result<&'static Graph> {
        self.graphs(mentions).map(|(_, g)| g)
    }
}

/// Options of `path`.
#[derive(clap::Args, Debug)]
pub struct PathArgs {
    /// Where the path starts: a name, alias or node id.
    pub from: String,
    /// Where it ends.
    pub to: String,
    /// Follow edges only in their direction.
    #[arg(long)]
    pub directed: bool,
    /// List every simple path up to --max-hops, not only the shortest.
    #[arg(long)]
    pub all: bool,
    /// Longest path listed by --all.
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub max_hops: usize,
    /// Only these relations (comma-separated), e.g. led,discussed.
    #[arg(long, value_delimiter = ',', value_name = "RELATIONS", value_parser = super::values::relation())]
    pub via: Vec<Relation>,
    /// Never pass through these kinds (comma-separated), e.g. country,place.
    #[arg(long, value_delimiter = ',', value_name = "KINDS", value_parser = super::values::kind())]
    pub avoid: Vec<EntityKind>,
    /// Most paths printed (default 1, or 20 with --all).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub common: Common,
}

/// Reads `--graph` (`-` for standard input), or builds the bundled example corpus;
/// without `mentions`, the nodes' mention lists are not read (see
/// [`Graph::read_json_lean`]).
///
/// The graph is never freed: a query ends right after its answer, and taking a
/// large graph apart piece by piece would only delay the exit.
fn load(graph: Option<&Path>, mentions: bool) -> Result<&'static Graph> {
    let g = match graph {
        Some(p) if mentions => super::load::read_graph(p),
        Some(p) => super::load::read_graph_lean(p),
        None => super::build::example_graph(),
    }?;
    Ok(Box::leak(Box::new(g)))
}

/// Prints an answer: `text` for people, the value as JSON, `page` as HTML, or
/// the answer's `subgraph` in a graph format.
pub(super) fn print(
    format: Format,
    value: &impl Serialize,
    text: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    page: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    subgraph: impl FnOnce() -> Graph,
) -> Result<()> {
    super::stdout::write(|out| match format {
        Format::Text => text(out),
        Format::Html => page(out),
        Format::Dot | Format::Graphml | Format::Cytoscape | Format::Graphology => {
            let f = format.export().expect("a graph format");
            export::write(&subgraph(), f, &export::Options::default(), out)
        }
        Format::Json => serde_json::to_writer_pretty(&mut *out, value)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out)),
    })
}

/// `newsgraph path FROM TO`.
pub fn path(a: &PathArgs) -> Result<ExitCode> {
    let (whole, g) = a.common.graphs(false)?;
    let opts = PathOptions {
        directed: a.directed,
        all: a.all,
        max_hops: a.max_hops,
        via: a.via.iter().copied().collect(),
        avoid: a.avoid.iter().copied().collect::<BTreeSet<_>>(),
        picks: a.common.pick.clone(),
        limit: a.limit.unwrap_or(if a.all { 20 } else { 1 }),
    };
    let (from, to) = (
        a.common.name_in(whole, g, &a.from),
        a.common.name_in(whole, g, &a.to),
    );
    let ans = (g.path(&from, &to, &opts)).map_err(|e| a.common.explain(whole, e))?;
    if ans.paths.is_empty() {
        if a.common.format == Format::Json {
            print(a.common.format, &ans, |_| Ok(()), |_| Ok(()), Graph::new)?;
        } else {
            let mut err = std::io::stderr().lock();
            let _ = ans.write_text(&mut err, &newsgraph::query::text::Style::default());
        }
        return Ok(ExitCode::from(1));
    }
    print(
        a.common.format,
        &ans,
        |out| ans.write_text(out, &text_style(a.common.all_evidence)),
        |out| {
            // The path among its neighbours, highlighted.
            let path = ans.subgraph(g);
            let mut nodes = BTreeSet::new();
            for n in path.nodes_sorted() {
                let ix = g.node_index(&path.node(n).id).expect("path node");
                nodes.extend(g.around(ix, 1).0.into_keys());
            }
            let around = g.subgraph(nodes, |_, _, _| true);
            let highlight = Highlight {
                nodes: path
                    .nodes_sorted()
                    .into_iter()
                    .map(|n| path.node(n).id.clone())
                    .collect(),
                edges: path.to_wire().edges.into_iter().map(|e| e.id).collect(),
                path: ans.paths.first().map_or_else(Vec::new, |p| {
                    let first = p.hops.first().map(|h| h.from.clone());
                    first
                        .into_iter()
                        .chain(p.hops.iter().map(|h| h.to.clone()))
                        .collect()
                }),
            };
            let title = format!(
                "{} → {}",
                ans.from.candidates[0].label, ans.to.candidates[0].label
            );
            view::write_html(&around, &title, Some(&highlight), out)
        },
        || ans.subgraph(g),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `newsgraph show NAME`.
pub fn show(name: &str, common: &Common) -> Result<ExitCode> {
    let (whole, g) = common.graphs(true)?;
    let name = common.name_in(whole, g, name);
    let ans = (g.show(&name, &common.pick)).map_err(|e| common.explain(whole, e))?;
    print(
        common.format,
        &ans,
        |out| ans.write_text(out, &text_style(common.all_evidence)),
        |out| {
            let ix = g.node_index(&ans.node.id).expect("answer node");
            let around = g.subgraph(g.around(ix, 1).0.into_keys(), |_, _, _| true);
            let highlight = Highlight {
                nodes: [ans.node.id.clone()].into(),
                ..Highlight::default()
            };
            view::write_html(&around, &ans.node.label, Some(&highlight), out)
        },
        || {
            let ix = g.node_index(&ans.node.id).expect("answer node");
            g.subgraph(g.around(ix, 1).0.into_keys(), |_, _, _| true)
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `newsgraph neighbors NAME --depth N`.
pub fn neighbors(name: &str, depth: usize, common: &Common) -> Result<ExitCode> {
    let (whole, g) = common.graphs(false)?;
    let name = common.name_in(whole, g, name);
    let ans = (g.neighbors(&name, depth, &common.pick)).map_err(|e| common.explain(whole, e))?;
    print(
        common.format,
        &ans,
        |out| ans.write_text(out, &text_style(common.all_evidence)),
        |out| {
            let title = format!("{} and its neighbours", ans.nodes[0].label);
            view::write_html(&ans.subgraph(g), &title, None, out)
        },
        || ans.subgraph(g),
    )?;
    Ok(ExitCode::from(if ans.nodes.len() > 1 { 0 } else { 1 }))
}

/// `newsgraph stats`.
pub fn stats(
    graph: Option<&Path>,
    format: Format,
    top: usize,
    as_of: Option<chrono::NaiveDate>,
) -> Result<ExitCode> {
    let g = at(load(graph, false)?, as_of);
    let ans = g.stats(top);
    print(
        format,
        &ans,
        |out| ans.write_text(out, &text_style(false)),
        |out| view::write_html(g, "newsgraph", None, out),
        || g.clone(),
    )?;
    Ok(ExitCode::from(if ans.nodes > 0 { 0 } else { 1 }))
}

/// Colour for answers printed on standard output (`--color`).
pub(super) fn text_style(all_evidence: bool) -> newsgraph::query::text::Style {
    newsgraph::query::text::Style {
        color: super::style::stdout(),
        all_evidence,
    }
}
