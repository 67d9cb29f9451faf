//! `newsgraph export`: write a graph file, or the example corpus's graph, in another
//! format.

use super::{build, output};
use newsgraph::export::{self, ClusterBy, Format, Options};
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
        Some(p) => super::load::read_graph(p)?,
        None => build::example_graph()?,
    };
    let g = match as_of {
        Some(day) => super::load::dated(&g, day),
        None => g,
    };
    let opts = Options {
        cluster_by,
        base_iri,
    };
    output::write(out, |w| export::write(&g, format, &opts, w))?;
    Ok(ExitCode::SUCCESS)
}
