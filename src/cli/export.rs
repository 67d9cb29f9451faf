//! `newsgraph export`: write a graph file, or the example corpus's graph, in another
//! format.

use super::{build, output};
use newsgraph::bytes::Bytes;
use newsgraph::export::{self, ClusterBy, Format, Options};
use newsgraph::graph::Graph;
use newsgraph::{Error, Result};
use std::path::Path;
use std::process::ExitCode;

pub fn run(
    graph: Option<&Path>,
    format: Option<Format>,
    output: Option<&Path>,
    cluster_by: Option<ClusterBy>,
    base_iri: Option<String>,
    as_of: Option<chrono::NaiveDate>,
) -> Result<ExitCode> {
    let out = output.unwrap_or(Path::new("-"));
    let format = match (format, output) {
        (Some(f), _) => f,
        (None, Some(p)) => build::output_format(p)?,
        (None, None) => {
            return Err(Error::Usage(
                "give --format (json, dot, graphml, cytoscape, graphology, html, turtle, ntriples) or -o FILE".into(),
            ));
        }
    };
    if cluster_by.is_some() && format != Format::Dot {
        return Err(Error::Usage(format!(
            "--cluster-by applies to --format dot, not {format}"
        )));
    }
    if let Some(base) = &base_iri {
        if !matches!(format, Format::Turtle | Format::Ntriples) {
            return Err(Error::Usage(format!(
                "--base-iri applies to --format turtle and ntriples, not {format}"
            )));
        }
        export::rdf::check_base_iri(base).map_err(Error::Usage)?;
    }
    let g = match graph {
        Some(p) => read_graph(p)?,
        None => build::example_graph()?,
    };
    let g = match as_of {
        Some(day) => super::query::dated(&g, day),
        None => g,
    };
    let opts = Options {
        cluster_by,
        base_iri,
    };
    output::write(out, |w| export::write(&g, format, &opts, w))?;
    Ok(ExitCode::SUCCESS)
}

/// Reads a graph JSON file, or standard input for `-`.
pub fn read_graph(path: &Path) -> Result<Graph> {
    with_bytes(path, |b| Graph::read_json(b, path))
}

/// Reads a graph for a query: without the nodes' mention lists, which no query
/// but `show` (a count) uses.
pub fn read_graph_lean(path: &Path) -> Result<Graph> {
    with_bytes(path, |b| Graph::read_json_lean(b, path))
}

/// Runs `f` on the bytes of `path` (standard input for `-`), mapped from the
/// file where it can be ([`Bytes`]).
fn with_bytes(path: &Path, f: impl FnOnce(&[u8]) -> Result<Graph>) -> Result<Graph> {
    f(&Bytes::open(path)?)
}
