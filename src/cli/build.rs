//! `newsgraph build`: read articles, extract, resolve, write the graph.

use super::output;
use newsgraph::document::{self, Document, Source};
use newsgraph::export::{self, Format, Options};
use newsgraph::graph::Graph;
use newsgraph::lexicon::Lexicon;
use newsgraph::ontology::{EntityKind, Relation};
use newsgraph::{Error, Result};
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
    let format = output.map(output_format).transpose()?;
    let lex = Lexicon::with_files(lexicon)?;
    let mut docs = Vec::new();
    let mut skipped = 0usize;
    if inputs.is_empty() {
        docs = example_documents()?;
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
    if let (Some(p), Some(format)) = (output, format) {
        output::write(p, |w| export::write(&graph, format, &Options::default(), w))?;
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

/// The format `-o PATH` asks for by its extension; `-` is the graph JSON.
pub fn output_format(path: &Path) -> Result<Format> {
    if path == Path::new("-") {
        return Ok(Format::Json);
    }
    Format::from_path(path).ok_or_else(|| {
        let ext = path
            .extension()
            .map(|e| format!("extension `.{}`", e.to_string_lossy()))
            .unwrap_or_else(|| "no extension".to_string());
        Error::Usage(format!(
            "{}: unknown output format ({ext}); the accepted endings are {}",
            path.display(),
            Format::EXTENSIONS
        ))
    })
}

/// The bundled example corpus, parsed.
pub fn example_documents() -> Result<Vec<Document>> {
    newsgraph::corpus::EXAMPLE
        .iter()
        .map(|(name, text)| Document::parse(name, text.as_bytes()))
        .collect()
}

/// The graph of the bundled example corpus with the built-in lexicon, as `build`
/// with no input makes it.
pub fn example_graph() -> Result<Graph> {
    let lex = Lexicon::with_files(&[])?;
    Ok(newsgraph::build::build(example_documents()?, &lex))
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
