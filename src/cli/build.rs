//! `newsgraph build`: read articles, extract, resolve, write the graph.

use super::output;
use newsgraph::Result;
use newsgraph::document::{self, Document, Source};
use newsgraph::graph::Graph;
use newsgraph::lexicon::Lexicon;
use newsgraph::ontology::{EntityKind, Relation};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

pub fn run(
    inputs: &[PathBuf],
    output: Option<&Path>,
    lexicon: &[PathBuf],
    quiet: bool,
) -> Result<ExitCode> {
    let started = Instant::now();
    let lex = Lexicon::with_files(lexicon)?;
    let mut docs = Vec::new();
    let mut skipped = 0usize;
    if inputs.is_empty() {
        for (name, text) in newsgraph::corpus::EXAMPLE {
            docs.push(Document::parse(name, text.as_bytes())?);
        }
    } else {
        for source in document::discover(inputs)? {
            match document::read(&source) {
                Ok(d) => docs.push(d),
                Err(e) => {
                    eprintln!("warning: skipped {e}");
                    skipped += 1;
                    if let Source::Stdin = source {
                        return Err(e);
                    }
                }
            }
        }
    }
    let n_docs = docs.len();
    let graph = newsgraph::build::build(docs, &lex);
    if let Some(p) = output {
        output::write(p, |w| graph.write_json(w))?;
    }
    if !quiet {
        summary(&graph, n_docs, skipped, started.elapsed().as_secs_f64());
    }
    Ok(if skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn summary(g: &Graph, docs: usize, skipped: usize, secs: f64) {
    let kinds = g.count_kinds();
    let rels = g.count_relations();
    let mut err = std::io::stderr().lock();
    let _ = writeln!(
        err,
        "{docs} document{} read{}, {} nodes, {} edges in {secs:.3} s",
        if docs == 1 { "" } else { "s" },
        if skipped > 0 {
            format!(" ({skipped} skipped)")
        } else {
            String::new()
        },
        g.node_count(),
        g.edge_count()
    );
    let k: Vec<String> = EntityKind::ALL
        .iter()
        .map(|k| format!("{k} {}", kinds.get(k).copied().unwrap_or(0)))
        .collect();
    let _ = writeln!(err, "  nodes: {}", k.join(", "));
    let r: Vec<String> = Relation::ALL
        .iter()
        .map(|r| format!("{r} {}", rels.get(r).copied().unwrap_or(0)))
        .collect();
    let _ = writeln!(err, "  edges: {}", r.join(", "));
}
