//! `newsgraph merge`: join graph files built from different articles (shards of a
//! corpus) into the graph of all of them.

use super::output;
use newsgraph::graph::Graph;
use newsgraph::{Error, Result};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(inputs: &[PathBuf], out: &Path) -> Result<ExitCode> {
    let graphs: Vec<Graph> = inputs
        .par_iter()
        .map(|p| super::load::read_graph(p))
        .collect::<Result<_>>()?;
    let mut merged = Graph::new();
    for (g, path) in graphs.into_iter().zip(inputs) {
        if g.inner.node_weights().any(|n| !n.corrected.is_empty()) {
            return Err(Error::Usage(format!(
                "graph file {}: was built with corrections, which merging would not keep; \
                 build the articles together with --corrections",
                path.display()
            )));
        }
        let conflicts = merged.conflicts(&g);
        if !conflicts.is_empty() {
            return Err(Error::Usage(format!(
                "graph file {}: has articles a graph file before it has too ({}); \
                 merge graphs of different articles",
                path.display(),
                conflicts.join(", ")
            )));
        }
        merged.absorb_graph(g);
    }
    newsgraph::resolve::assign_ids(&mut merged);
    output::write(out, |w| merged.write_json(w))?;
    Ok(ExitCode::SUCCESS)
}
