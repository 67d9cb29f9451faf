//! `newsgraph timeline | history | find`: the rounds of a series, the holders
//! of an office, the nodes a part of a name may mean; printed like the other
//! queries (text, JSON, HTML, or the answer's subgraph in a graph format).

use super::query::{Common, Format, print, text_style};
use newsgraph::Result;
use newsgraph::export::html::{self as view, Highlight};
use newsgraph::graph::Graph;
use newsgraph::ontology::EntityKind;
use petgraph::stable_graph::NodeIndex;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `find`.
#[derive(clap::Args, Debug)]
pub struct FindArgs {
    /// A part of a name or alias, without case or punctuation ("u.s. sec",
    /// "kidd"); without it, every node (of --kind, in --doc).
    pub text: Option<String>,
    /// Only nodes of this kind (plurals too: "people", "offices").
    #[arg(long, value_name = "KIND", value_parser = super::values::kind())]
    pub kind: Option<EntityKind>,
    /// Only nodes of this document (its name, or a part of it naming several).
    #[arg(long, value_name = "NAME")]
    pub doc: Option<String>,
    /// Graph file written by `newsgraph build` (default: the bundled example corpus).
    #[arg(long, value_name = "FILE")]
    pub graph: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Ask the graph as it stood on this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = super::build::parse_date)]
    pub as_of: Option<chrono::NaiveDate>,
}

/// The nodes and the edges among them, as a graph.
fn around(g: &Graph, nodes: BTreeSet<NodeIndex>) -> Graph {
    g.subgraph(nodes, |_, _, _| true)
}

/// The page of `nodes`, with `centre` (an id) highlighted.
fn page(
    g: &Graph,
    nodes: BTreeSet<NodeIndex>,
    title: &str,
    centre: &str,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let highlight = Highlight {
        nodes: [centre.to_string()].into(),
        ..Highlight::default()
    };
    view::write_html(&around(g, nodes), title, Some(&highlight), out)
}

/// The options of `common` for the whole graph (no `--as-of`): `timeline` and
/// `history` take the day themselves.
fn whole(common: &Common) -> Common {
    Common {
        graph: common.graph.clone(),
        format: common.format,
        pick: common.pick.clone(),
        as_of: None,
        all_evidence: common.all_evidence,
    }
}

/// `newsgraph timeline SERIES`.
pub fn timeline(name: &str, common: &Common) -> Result<ExitCode> {
    // The whole graph, asked with the day (see `query::timeline`).
    let g = whole(common).graph(false)?;
    let ans = g.timeline(name, &common.pick, common.day()?)?;
    // The series, its rounds, their places and heads.
    let nodes = || -> BTreeSet<NodeIndex> {
        std::iter::once(&ans.series.id)
            .chain(ans.rounds.iter().flat_map(|r| {
                std::iter::once(&r.id)
                    .chain(r.places.iter().map(|n| &n.id))
                    .chain(r.heads.iter().map(|n| &n.id))
            }))
            .filter_map(|id| g.node_index(id))
            .collect()
    };
    print(
        common.format,
        &ans,
        |out| ans.write_text(out, &text_style(common.all_evidence)),
        |out| ans.write_html(out),
        || around(g, nodes()),
    )?;
    Ok(ExitCode::from(if ans.rounds.is_empty() { 1 } else { 0 }))
}

/// `newsgraph history OFFICE`.
pub fn history(name: &str, common: &Common) -> Result<ExitCode> {
    // The whole graph, asked with the day: a history lists the holders reported
    // by then, not only the holder of that day (see `query::history`).
    let g = whole(common).graph(false)?;
    let ans = g.history(name, &common.pick, common.day()?)?;
    let nodes = || -> BTreeSet<NodeIndex> {
        std::iter::once(&ans.office.id)
            .chain(ans.holders.iter().map(|h| &h.holder.id))
            .filter_map(|id| g.node_index(id))
            .collect()
    };
    print(
        common.format,
        &ans,
        |out| ans.write_text(out, &text_style(common.all_evidence)),
        |out| {
            let title = format!("{}: holders", ans.office.label);
            page(g, nodes(), &title, &ans.office.id, out)
        },
        || around(g, nodes()),
    )?;
    Ok(ExitCode::from(if ans.holders.is_empty() { 1 } else { 0 }))
}

/// `newsgraph find [TEXT]`.
pub fn find(a: &FindArgs) -> Result<ExitCode> {
    let common = Common {
        graph: a.graph.clone(),
        format: a.format,
        pick: Vec::new(),
        as_of: a.as_of,
        all_evidence: false,
    };
    let g = common.graph(false)?;
    let ans = g.find(a.text.as_deref(), a.kind, a.doc.as_deref())?;
    let nodes = || -> BTreeSet<NodeIndex> {
        ans.nodes
            .iter()
            .filter_map(|n| g.node_index(&n.id))
            .collect()
    };
    print(
        a.format,
        &ans,
        |out| ans.write_text(out, &text_style(false)),
        |out| {
            let title = match &a.text {
                Some(t) => format!("nodes matching \"{t}\""),
                None => "nodes".to_string(),
            };
            view::write_html(&around(g, nodes()), &title, None, out)
        },
        || around(g, nodes()),
    )?;
    Ok(ExitCode::from(if ans.nodes.is_empty() { 1 } else { 0 }))
}
